//! The basket: collected excerpts in order, with notes, and a mark on any whose
//! passage has changed or gone from the corpus since it was collected. The
//! list is laid out in [`crate::tui::layout::basket`].

use super::panel;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use crate::tui::layout::basket::entries;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The basket's keys on its border, the most needed first.
const BASKET_KEYS: [&str; 6] = [
    "Enter read",
    "a note",
    "d remove",
    "e export",
    "Esc back",
    "K/J move",
];

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout) {
    let area = layout.main;
    let workspace = app
        .basket
        .workspace
        .as_ref()
        .map(|name| format!("· workspace {name} · "))
        .unwrap_or_default();
    let count = format!(" Basket ({}) ", app.basket.contents.excerpts.len());
    // The keys as many as fit on the border, the most needed first: on a
    // narrow screen the status line has room for none of them.
    let room =
        usize::from(area.width.saturating_sub(2)).saturating_sub(count.width() + workspace.width());
    // The title ends with a space after the keys.
    let keys = super::keys_that_fit(&BASKET_KEYS, room.saturating_sub(1));
    // No key fits: the workspace's name ends the title.
    let workspace = if keys.is_empty() {
        workspace.trim_end_matches("· ").to_string()
    } else {
        workspace
    };
    let title = Line::from(vec![
        Span::styled(count, theme.title()),
        Span::styled(workspace, theme.title()),
        Span::styled(format!("{keys} "), theme.dim()),
    ]);
    let block = panel(theme, title, true);
    if app.basket.contents.excerpts.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "The basket is empty. In the results or the reader, Space adds the selected passage.",
                theme.dim(),
            ))
            .wrap(Wrap { trim: true })
            .block(block),
            area,
        );
        return;
    }
    // The layout has the list on the basket screen, where this is drawn.
    let Some(list) = &layout.basket else {
        return;
    };
    let entries = entries(app, theme, list.inner.width);
    let lines: Vec<Line<'static>> = entries.into_iter().flat_map(|(lines, _)| lines).collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((list.top, 0))
            .block(block),
        area,
    );
}
