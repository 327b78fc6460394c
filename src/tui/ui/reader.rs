//! The reader: the selected passage in the context of its whole report, with
//! the report's details on top, the passage marked, emphasis and lists drawn as
//! such, and the query's words highlighted. What goes where is laid out in
//! [`crate::tui::layout::reader`].

use super::{focused, panel};
use crate::tui::app::{App, Focus};
use crate::tui::layout::Layout;
use crate::tui::layout::reader::{header, place, window};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout) {
    let area = layout.reader;
    let is_focused = focused(app, Focus::Reader);
    let (Some((report, current)), Some(text)) = (app.selected_passage(), layout.text) else {
        let block = panel(theme, Span::styled(" Reader ", theme.title()), is_focused);
        let text = if app.selected_changed() {
            crate::tui::app::CHANGED
        } else {
            "Select a result to read it here."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.dim()))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    };
    // The keys' hint is cut short before the passage id would be.
    let long = format!("{} · n/N next/previous match ", current.id);
    let hint = if " Reader ".len() + long.chars().count() + 2 <= usize::from(area.width) {
        long
    } else {
        format!("{} · n/N ", current.id)
    };
    let title = Line::from(vec![
        Span::styled(" Reader ", theme.title()),
        Span::styled(hint, theme.dim()),
    ]);
    let block = panel(theme, title, is_focused);
    frame.render_widget(block, area);
    // The report's details stay put; its text scrolls beneath them.
    frame.render_widget(header(app, theme, report, current), text.header);
    let view = window(
        report,
        place(app, report, current),
        &app.search.results.terms,
        theme,
        (text.body.width, text.body.height),
        app.reader.scroll,
    );
    frame.render_widget(
        Paragraph::new(view.lines)
            .wrap(Wrap { trim: false })
            .scroll((view.top, 0)),
        text.body,
    );
}
