//! The evidence map: themes down, reports across, each cell the number of
//! passages for the current query and filters, shaded by count; empty cells
//! show where the evidence is missing.

use super::panel;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The theme labels' column at most (and a third of the map at most): enough
/// to tell the bundled themes apart, leaving the rest to the cells.
const LABEL_COLS: usize = 28;

/// A cell's columns: at least a count of three digits, at most a short name.
const CELL_COLS: std::ops::RangeInclusive<usize> = 3..=12;

/// The narrowest cell that heads its column with the report's name (cut
/// short) rather than its number.
const NAMED_CELL_COLS: usize = 8;

/// Rows kept below the grid at the least: the cell's detail, and its
/// legend, which wraps.
const BELOW_ROWS: usize = 5;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let corpus = app.corpus();
    let grid = app.map_counts();
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    let q = app.search.query.value().trim();
    let scope = if q.is_empty() {
        "all passages".to_string()
    } else {
        format!("passages matching “{q}”")
    };
    let block = panel(
        theme,
        Line::from(vec![
            Span::styled(" Evidence map ", theme.title()),
            Span::styled(
                format!("themes × reports, {scope} · arrows move · Enter opens · Esc back "),
                theme.dim(),
            ),
        ]),
        true,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = LABEL_COLS.min(inner.width as usize / 3);
    let n = corpus.reports.len().max(1);
    let cell_w = ((inner.width as usize).saturating_sub(label_w) / n)
        .clamp(*CELL_COLS.start(), *CELL_COLS.end());
    // Columns too narrow for names are numbered, and a legend below names
    // them, on as many rows as it takes, the grid keeping a row per theme.
    let legend: Vec<String> = if cell_w < NAMED_CELL_COLS {
        corpus
            .reports
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{} {}", i + 1, r.short_title))
            .collect()
    } else {
        Vec::new()
    };
    let legend = Line::from(Span::styled(legend.join(" · "), theme.dim()));
    let legend_rows = Paragraph::new(legend.clone())
        .wrap(ratatui::widgets::Wrap { trim: true })
        .line_count(inner.width);
    let grid_rows = corpus.themes.len() + 1;
    let below = (1 + legend_rows).max(BELOW_ROWS).min(
        usize::from(inner.height)
            .saturating_sub(grid_rows)
            .max(BELOW_ROWS),
    );
    let parts = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(u16::try_from(below).unwrap_or(BELOW_ROWS as u16)),
    ])
    .split(inner);
    let (cur_row, cur_col) = app.map.cursor;
    let mut lines = Vec::new();
    let mut header = vec![Span::raw(" ".repeat(label_w))];
    for (c, r) in corpus.reports.iter().enumerate() {
        // Names, or numbers cut to the cell (a thousandth report's number
        // is wider than the narrowest cell).
        let (name, used) = if cell_w >= NAMED_CELL_COLS {
            super::fit(&r.short_title, cell_w - 1)
        } else {
            super::fit(&(c + 1).to_string(), cell_w)
        };
        let style = if c == cur_col {
            theme.accent()
        } else {
            theme.dim()
        };
        let left = cell_w.saturating_sub(used) / 2;
        let right = cell_w.saturating_sub(used + left);
        header.push(Span::styled(
            format!("{}{name}{}", " ".repeat(left), " ".repeat(right)),
            style,
        ));
    }
    lines.push(Line::from(header));
    for (row, t) in corpus.themes.iter().enumerate() {
        let (label, used) = super::fit(&t.label, label_w.saturating_sub(1));
        let style = if row == cur_row {
            theme.accent()
        } else {
            theme.base()
        };
        let mut spans = vec![Span::styled(
            format!("{label}{}", " ".repeat(label_w.saturating_sub(used))),
            style,
        )];
        for (col, &count) in grid[row].iter().enumerate() {
            let mut style = theme.heat(count, max);
            if (row, col) == (cur_row, cur_col) {
                style = style.patch(theme.selected());
            }
            let text = if count == 0 {
                "·".to_string()
            } else {
                count.to_string()
            };
            spans.push(Span::styled(format!("{text:^cell_w$}"), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), parts[0]);
    let detail = match (corpus.themes.get(cur_row), corpus.reports.get(cur_col)) {
        (Some(t), Some(r)) => {
            let count = grid
                .get(cur_row)
                .and_then(|g| g.get(cur_col))
                .copied()
                .unwrap_or(0);
            format!(
                "{} ({}) × {} — {}",
                r.short_title,
                cur_col + 1,
                t.label,
                evidence::english::plural(count, "passage")
            )
        }
        _ => String::new(),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(detail, theme.title())),
            legend,
        ])
        .wrap(ratatui::widgets::Wrap { trim: true }),
        parts[1],
    );
}
