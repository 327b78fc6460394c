//! The results list: report, section and a highlighted snippet for each hit,
//! with "N of M" in the title and ✓ on passages already in the basket.

use super::{focused, highlighted, panel};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use evidence::search::snippet;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let is_focused = focused(app, Focus::Results);
    let total = app.results.total;
    let shown = app.results.hits.len();
    let position = if shown == 0 { 0 } else { app.selected + 1 };
    let title = Line::from(vec![
        Span::styled(" Results ", theme.title()),
        Span::styled(format!("{position} of {total} "), theme.dim()),
    ]);
    let block = panel(theme, title, is_focused);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let rows = (inner.height as usize / 2).max(1);
    let offset = app.selected.saturating_sub(rows - 1);
    let mut lines: Vec<Line> = Vec::new();
    for note in app.results.notes.iter().take(1) {
        lines.push(Line::from(Span::styled(
            format!("note: {note}"),
            theme.dim(),
        )));
    }
    if shown == 0 {
        let text = if app.searching {
            "searching…"
        } else {
            "No passage matches. Try fewer words, or clear the filters (X)."
        };
        lines.push(Line::from(Span::styled(text, theme.dim())));
    }
    for (i, hit) in app.results.hits.iter().enumerate().skip(offset).take(rows) {
        let Some((report, passage)) = app.index.passage(hit.ord) else {
            continue;
        };
        let selected = i == app.selected;
        let row_style = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        let mark = if app.basket.contains(&passage.id) {
            "✓ "
        } else {
            "  "
        };
        let section = passage
            .section
            .as_deref()
            .map(|s| format!(" · {s}"))
            .unwrap_or_default();
        let head: String = format!("{}{}", report.short_title, section);
        let head: String = head.chars().take(width.saturating_sub(3)).collect();
        lines.push(Line::from(vec![
            Span::styled(mark, theme.basket_mark().patch(row_style)),
            Span::styled(head, theme.title().patch(row_style)),
        ]));
        // Searches highlight only their first hits; the rest are marked here.
        let marks = if hit.highlights.is_empty() {
            snippet::highlights(&passage.text, &app.results.terms)
        } else {
            hit.highlights.clone()
        };
        let snip = snippet::snippet(&passage.text, &marks, width.saturating_sub(3).max(10));
        let mut spans = vec![Span::styled("  ", row_style)];
        spans.extend(
            highlighted(&snip.text, &snip.highlights, row_style, theme.highlight())
                .into_iter()
                .map(|s| {
                    let content = s.content.into_owned();
                    Span::styled(content, s.style)
                }),
        );
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
