//! The query bar: the text being typed, its cursor, and a hint.

use super::{focused, panel};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let is_focused = focused(app, Focus::Query);
    // While the bar has the keys, ? is a character of the query.
    let help = if is_focused {
        "(F1 for help)"
    } else {
        "(? for help)"
    };
    // The syntax as far as the border has room for it; the way to help
    // always (an 80-column terminal cut it to `(F`).
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(" Search ".len());
    let syntax = [
        "words · \"phrase\" · -not · OR · prefix* · report: theme: org: year:  ",
        "words · \"phrase\" · -not · OR · prefix* · report: theme:  ",
        "\"phrase\" · -not · OR · prefix*  ",
        "",
    ]
    .into_iter()
    .find(|s| s.chars().count() + help.chars().count() < room)
    .unwrap_or("");
    let title = Line::from(vec![
        Span::styled(" Search ", theme.title()),
        Span::styled(format!("{syntax}{help} "), theme.dim()),
    ]);
    let block = panel(theme, title, is_focused);
    let inner = block.inner(area);
    let width = inner.width.saturating_sub(1) as usize;
    let scroll = app.search.query.visual_scroll(width);
    let text = if app.search.query.value().is_empty() && !is_focused {
        Paragraph::new(Span::styled("press / to search", theme.dim()))
    } else {
        Paragraph::new(app.search.query.value()).scroll((0, scroll as u16))
    };
    frame.render_widget(text.block(block), area);
    if is_focused {
        let x = (app.search.query.visual_cursor().max(scroll) - scroll) as u16;
        frame.set_cursor_position((inner.x + x, inner.y));
    }
}
