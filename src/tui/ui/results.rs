//! The results list: report, section and a highlighted snippet for each hit,
//! with "N of M" in the title and ✓ on passages already in the basket.

use super::{focused, highlighted, panel};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{Layout, results_head};
use crate::tui::theme::Theme;
use evidence::search::{Hit, snippet};
use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout) {
    let area = layout.results;
    let is_focused = focused(app, Focus::Results);
    let total = app.search.results.total;
    let shown = app.search.results.hits.len();
    let position = if shown == 0 {
        0
    } else {
        app.search.selected + 1
    };
    let title = Line::from(vec![
        Span::styled(" Results ", theme.title()),
        Span::styled(format!("{position} of {total} "), theme.dim()),
    ]);
    let block = panel(theme, title, is_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let list = layout.list;
    let [head_area, list_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(list.head_rows), Constraint::Min(0)])
            .areas(inner);
    frame.render_widget(
        Paragraph::new(results_head(app, theme)).wrap(Wrap { trim: false }),
        head_area,
    );
    let width = inner.width as usize;
    let lines: Vec<Line> = app
        .search
        .results
        .hits
        .iter()
        .enumerate()
        .skip(list.first)
        .take(list.rows)
        .flat_map(|(i, hit)| hit_lines(app, theme, hit, i == app.search.selected, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
}

/// A hit's two rows in a list `width` columns wide: a ✓ if its passage is
/// in the basket, its report and section; then a snippet with the query's
/// words highlighted. None when the index has no report for it.
fn hit_lines(
    app: &App,
    theme: &Theme,
    hit: &Hit,
    selected: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let row_style = if selected {
        theme.selected()
    } else {
        theme.base()
    };
    let Some(report) = app.index.report_of(hit.ord) else {
        return Vec::new();
    };
    // A hit in a file changed since the index was made may name another
    // passage: it keeps its row, without text, until the index is new.
    let Some((_, passage)) = app.hit_passage(hit.ord) else {
        let (head, _) = super::fit(&report.short_title, width.saturating_sub(3));
        let (why, _) = super::fit("(file changed since indexing)", width.saturating_sub(3));
        return vec![
            Line::from(vec![
                Span::styled("  ", row_style),
                Span::styled(head, theme.title().patch(row_style)),
            ]),
            Line::from(vec![
                Span::styled("  ", row_style),
                Span::styled(why, theme.dim().patch(row_style)),
            ]),
        ];
    };
    let mark = if app.basket.contents.contains(&passage.id) {
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
    let (head, _) = super::fit(&head, width.saturating_sub(3));
    let head = Line::from(vec![
        Span::styled(mark, theme.basket_mark().patch(row_style)),
        Span::styled(head, theme.title().patch(row_style)),
    ]);
    // Searches highlight only their first hits; the rest are marked here.
    let marks = if hit.highlights.is_empty() {
        snippet::highlights(&passage.text, &app.search.results.terms)
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
    vec![head, Line::from(spans)]
}
