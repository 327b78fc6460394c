//! The basket: collected excerpts in order, with notes, and a mark on any whose
//! passage has changed or gone from the corpus since it was collected.

use super::panel;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use evidence::basket::ExcerptStatus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let title = Line::from(vec![
        Span::styled(
            format!(" Basket ({}) ", app.basket.excerpts.len()),
            theme.title(),
        ),
        Span::styled(
            "K/J move · d remove · a note · e export · Esc back ",
            theme.dim(),
        ),
    ]);
    let block = panel(theme, title, true);
    if app.basket.excerpts.is_empty() {
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
    let status = app.basket_status();
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (i, e) in app.basket.excerpts.iter().enumerate() {
        let selected = i == app.basket_selected;
        if selected {
            selected_line = lines.len();
        }
        let row = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        let state = match status.get(i) {
            Some(ExcerptStatus::Changed) => Span::styled(" changed", theme.warning()),
            Some(ExcerptStatus::Gone) => Span::styled(" gone from the corpus", theme.warning()),
            _ => Span::raw(""),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>2}. {} [{}]", i + 1, e.report_title, e.passage_id),
                theme.title().patch(row),
            ),
            state,
        ]));
        lines.push(Line::from(Span::styled(format!("    {}", e.text), row)));
        if !e.note.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    note: {}", e.note),
                theme.accent(),
            )));
        }
        lines.push(Line::from(Span::styled(
            format!("    {}", e.citation),
            theme.dim(),
        )));
        lines.push(Line::from(""));
    }
    let offset = selected_line.saturating_sub(2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset as u16, 0))
            .block(block),
        area,
    );
}
