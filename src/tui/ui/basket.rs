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

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout) {
    let area = layout.main;
    let workspace = app
        .basket
        .workspace
        .as_ref()
        .map(|name| format!("· workspace {name} · "))
        .unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(
            format!(" Basket ({}) ", app.basket.contents.excerpts.len()),
            theme.title(),
        ),
        Span::styled(workspace, theme.title()),
        Span::styled(
            "Enter read · a note · e export · K/J move · d remove · Esc back ",
            theme.dim(),
        ),
    ]);
    let block = panel(theme, title, true);
    if app.basket.contents.excerpts.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "The basket is empty. In the results or the reader, Space adds the selected passage.",
                theme.dim(),
            ))
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
