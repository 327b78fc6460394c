//! The evidence map: themes down, reports across, each cell the number of
//! passages for the current query and filters, shaded by count; empty cells
//! show where the evidence is missing.

use super::panel;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
        .wrap(Wrap { trim: true })
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
    let cells = Cells {
        label_w,
        cell_w,
        cursor: app.map.cursor,
    };
    // More themes than rows: the grid scrolls to keep the cursor's row in
    // sight, and the header says which themes are shown.
    let shown = usize::from(parts[0].height).saturating_sub(1).max(1);
    let first = rows_from(app.map.cursor.0, shown, corpus.themes.len());
    let mut lines = vec![cells.header(app, theme, first, shown)];
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    for (row, t) in corpus.themes.iter().enumerate().skip(first).take(shown) {
        lines.push(cells.row(row, &t.label, &grid[row], max, theme));
    }
    frame.render_widget(Paragraph::new(lines), parts[0]);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(detail(app, &grid), theme.title())),
            legend,
        ])
        .wrap(Wrap { trim: true }),
        parts[1],
    );
}

/// The first theme row in sight when `shown` of `themes` rows fit: the
/// fewest rows scrolled that keep row `cursor` on screen.
fn rows_from(cursor: usize, shown: usize, themes: usize) -> usize {
    let cursor = cursor.min(themes.saturating_sub(1));
    cursor
        .saturating_sub(shown.saturating_sub(1))
        .min(themes.saturating_sub(shown))
}

/// How the grid's columns are cut, and where the cursor is.
struct Cells {
    /// Columns of the theme labels.
    label_w: usize,
    /// Columns of each report's cell.
    cell_w: usize,
    /// The cell under the cursor: (theme row, report column).
    cursor: (usize, usize),
}

impl Cells {
    /// The row over the grid: each report's name, or number, centred on
    /// its column.
    fn header(&self, app: &App, theme: &Theme, first: usize, shown: usize) -> Line<'static> {
        let cell_w = self.cell_w;
        let themes = app.corpus().themes.len();
        // Over the labels, when some themes are out of sight: which are in.
        let over = if shown < themes {
            let last = (first + shown).min(themes);
            let arrows = match (first > 0, last < themes) {
                (true, true) => "↑↓",
                (true, false) => "↑",
                _ => "↓",
            };
            format!("themes {}–{last} of {themes} {arrows}", first + 1)
        } else {
            String::new()
        };
        let (over, used) = super::fit(&over, self.label_w.saturating_sub(1));
        let mut header = vec![Span::styled(
            format!("{over}{}", " ".repeat(self.label_w.saturating_sub(used))),
            theme.dim(),
        )];
        for (c, r) in app.corpus().reports.iter().enumerate() {
            // Names, or numbers cut to the cell (a thousandth report's number
            // is wider than the narrowest cell).
            let (name, used) = if cell_w >= NAMED_CELL_COLS {
                super::fit(&r.short_title, cell_w - 1)
            } else {
                super::fit(&(c + 1).to_string(), cell_w)
            };
            let style = if c == self.cursor.1 {
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
        Line::from(header)
    }

    /// Theme `row` of the grid: its label, then its count in each report,
    /// shaded against the largest count, `max`.
    fn row(
        &self,
        row: usize,
        label: &str,
        counts: &[usize],
        max: usize,
        theme: &Theme,
    ) -> Line<'static> {
        let (label, used) = super::fit(label, self.label_w.saturating_sub(1));
        let style = if row == self.cursor.0 {
            theme.accent()
        } else {
            theme.base()
        };
        let mut spans = vec![Span::styled(
            format!("{label}{}", " ".repeat(self.label_w.saturating_sub(used))),
            style,
        )];
        let cell_w = self.cell_w;
        for (col, &count) in counts.iter().enumerate() {
            let mut style = theme.heat(count, max);
            if (row, col) == self.cursor {
                style = style.patch(theme.selected());
            }
            let text = if count == 0 {
                "·".to_string()
            } else {
                count.to_string()
            };
            spans.push(Span::styled(format!("{text:^cell_w$}"), style));
        }
        Line::from(spans)
    }
}

/// The cell under the cursor in words: report, theme and its count.
fn detail(app: &App, grid: &[Vec<usize>]) -> String {
    let corpus = app.corpus();
    let (row, col) = app.map.cursor;
    let (Some(t), Some(r)) = (corpus.themes.get(row), corpus.reports.get(col)) else {
        return String::new();
    };
    let count = grid.get(row).and_then(|g| g.get(col)).copied().unwrap_or(0);
    format!(
        "{} ({}) × {} — {}",
        r.short_title,
        col + 1,
        t.label,
        evidence::english::plural(count, "passage")
    )
}
