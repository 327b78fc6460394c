//! The reader: the selected passage in the context of its whole report, with
//! the report's details on top, the passage marked, emphasis and lists drawn as
//! such, and the query's words highlighted. What goes where is laid out in
//! [`crate::tui::layout::reader`].

use super::{focused, panel};
use crate::tui::app::{App, Focus, Screen};
use crate::tui::layout::Layout;
use crate::tui::layout::reader::{header, place, window};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout) {
    let area = layout.reader;
    let full = app.screen == Screen::Reading;
    let is_focused = focused(app, Focus::Reader) || (full && app.overlays.is_empty());
    let (Some((report, current)), Some(text)) = (app.read_passage(), layout.text) else {
        let block = panel(theme, Span::styled(" Reader ", theme.title()), is_focused);
        let text = if app.selected_changed() {
            app.changed_note()
        } else {
            "Select a result to read it here.".to_string()
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
    let (long, short) = if full {
        (
            format!(
                "{} · n/N next/previous match · Space basket · z or Esc back ",
                current.id
            ),
            format!("{} · z or Esc back ", current.id),
        )
    } else {
        (
            format!("{} · n/N next/previous match · z whole screen ", current.id),
            format!("{} · n/N · z ", current.id),
        )
    };
    let hint = if " Reader ".len() + long.chars().count() + 2 <= usize::from(area.width) {
        long
    } else {
        short
    };
    let title = Line::from(vec![
        Span::styled(" Reader ", theme.title()),
        Span::styled(hint, theme.dim()),
    ]);
    let block = panel(theme, title, is_focused);
    frame.render_widget(block, area);
    // The report's details stay put; its text scrolls beneath them.
    frame.render_widget(
        header(app, theme, report, current, text.header),
        text.header,
    );
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
