//! The results list: report, section and a highlighted snippet for each hit
//! (on as many rows as the layout gives it), with "N of M" and the filters
//! that are on in the title, and ✓ on passages already in the basket.

use super::{focused, highlighted, panel};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{
    FILTERS_KEYS, Layout, filters_room, filters_text, notes_cut, results_head,
};
use crate::tui::theme::Theme;
use evidence::search::{Hit, snippet};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

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
    let title = title(app, theme, position, total, area.width);
    let block = panel(theme, title, is_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let list = layout.list;
    let [head_area, list_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(list.head_rows), Constraint::Min(0)])
            .areas(inner);
    // Notes cut to fit end in a row that says how to read them whole.
    let [notes_area, cut_area] = ratatui::layout::Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(u16::from(list.cut)),
    ])
    .areas(head_area);
    frame.render_widget(
        Paragraph::new(results_head(app, theme, area)).wrap(Wrap { trim: false }),
        notes_area,
    );
    if list.cut {
        frame.render_widget(
            Paragraph::new(Span::styled(notes_cut(app), theme.accent())),
            cut_area,
        );
    }
    let rows = list.hit_rows();
    let hits = app
        .search
        .results
        .hits
        .iter()
        .enumerate()
        .skip(list.first)
        .take(list.rows);
    for (k, (i, hit)) in hits.enumerate() {
        let y = list_area.y + u16::try_from(k).unwrap_or(u16::MAX).saturating_mul(rows);
        let area = Rect {
            y,
            height: rows,
            ..list_area
        }
        .intersection(list_area);
        draw_hit(frame, app, theme, hit, i == app.search.selected, area);
    }
}

/// The pane's title: the hit selected of how many, and the filters that are
/// on, where the eye is, with the key that clears them, cut to the pane's
/// `width` (a tall pane writes them out whole above the hits too: see
/// `results_head`).
fn title(app: &App, theme: &Theme, position: usize, total: usize, width: u16) -> Line<'static> {
    let Some((text, _)) = filters_text(app, width) else {
        return Line::from(vec![
            Span::styled(" Results ", theme.title()),
            Span::styled(format!("{position} of {total} "), theme.dim()),
        ]);
    };
    let long = format!(" Results {position} of {total} ");
    // Narrow: the position short, so that more of the filters show.
    let head = if text.width() <= filters_room(width, &long) {
        long
    } else {
        format!(" {position}/{total} ")
    };
    let text = super::ellipsized(&text, filters_room(width, &head));
    Line::from(vec![
        Span::styled(head, theme.title()),
        Span::styled(text, theme.included()),
        Span::styled(FILTERS_KEYS, theme.accent()),
    ])
}

/// A hit in `area`: a ✓ if its passage is in the basket, its report and
/// section on the first row; then a snippet with the query's words
/// highlighted, as long as the rows below take. Nothing when the index has
/// no report for it.
fn draw_hit(frame: &mut Frame, app: &App, theme: &Theme, hit: &Hit, selected: bool, area: Rect) {
    let row_style = if selected {
        theme.selected()
    } else {
        theme.base()
    };
    let Some(report) = app.index.report_of(hit.ord) else {
        return;
    };
    let width = usize::from(area.width);
    let [head_area, snippet_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let snippet_area = Rect {
        x: snippet_area.x + 2,
        width: snippet_area.width.saturating_sub(2),
        ..snippet_area
    };
    frame.render_widget(Block::new().style(row_style), area);
    // A hit in a file changed since the index was made may name another
    // passage: it keeps its row, without text, until the index is new.
    let Some((_, passage)) = app.hit_passage(hit.ord) else {
        let (head, _) = super::fit(&report.short_title, width.saturating_sub(3));
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("  ", row_style),
                Span::styled(head, theme.title().patch(row_style)),
            ])),
            head_area,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(
                "(file changed since indexing)",
                theme.dim().patch(row_style),
            )),
            snippet_area,
        );
        return;
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
    let head = super::ellipsized(
        &format!("{}{}", report.short_title, section),
        width.saturating_sub(2),
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(mark, theme.basket_mark().patch(row_style)),
            Span::styled(head, theme.title().patch(row_style)),
        ])),
        head_area,
    );
    // Searches highlight only their first hits; the rest are marked here.
    let marks = if hit.highlights.is_empty() {
        snippet::highlights(&passage.text, &app.search.results.terms)
    } else {
        hit.highlights.clone()
    };
    let text = snippet_lines(&passage.text, &marks, snippet_area, row_style, theme);
    frame.render_widget(text, snippet_area);
}

/// The snippet of `text` that fills `area` when wrapped: the longest the
/// rows take, around the first highlight.
fn snippet_lines(
    text: &str,
    marks: &[(usize, usize)],
    area: Rect,
    style: ratatui::style::Style,
    theme: &Theme,
) -> Paragraph<'static> {
    let paragraph = |chars: usize| {
        let snip = snippet::snippet(text, marks, chars);
        let spans: Vec<Span<'static>> =
            highlighted(&snip.text, &snip.highlights, style, theme.highlight())
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style))
                .collect();
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true })
    };
    let rows = usize::from(area.height).max(1);
    let mut chars = (rows * usize::from(area.width)).max(10);
    // Words wrap short of the edge: take less until the rows hold it.
    loop {
        let p = paragraph(chars);
        if chars <= 10 || p.line_count(area.width) <= rows {
            return p;
        }
        chars = chars * 9 / 10;
    }
}
