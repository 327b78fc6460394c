//! The evidence map: themes down, reports across, each cell the number of
//! passages for the current query and filters, shaded by count; empty cells
//! show where the evidence is missing. Matching passages that carry no
//! theme (a document imported or coded without one) have a row of their
//! own, last. The title says what it is drawn under (the query and the
//! filters).
//!
//! The theme labels take the width they need (as much of it as the cells
//! leave). The report columns carry their short titles when the titles
//! fit: in the cells when every title does, else each on a row of its own
//! above the grid, joined to its column by a line (when the screen is tall
//! and wide enough for that); otherwise the columns are numbered, and a
//! legend below names them.

use super::{ellipsized, fit, panel};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// A cell's columns: at least a count of two digits and a space, at most
/// enough to spread a few reports across a wide screen.
const CELL_MIN: usize = 3;
const CELL_MAX: usize = 24;

/// The widest a cell is when the titles stand above the grid: the narrower
/// the cells, the more titles fit beside each other's lines.
const STAGGERED_CELL_MAX: usize = 8;

/// Rows below the grid: the cell under the cursor in words, and the keys.
const BELOW_ROWS: usize = 2;

/// The map's keys, under it.
const MAP_KEYS: &str = "arrows move · Enter opens a cell's passages · Esc back";

/// The keys said short, at the end of the legend when they have no row.
const MAP_KEYS_SHORT: &str = "Enter opens a cell · Esc back";

/// How the report columns are headed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heads {
    /// Each short title in its cell, on one row.
    Inline,
    /// Each short title on a row of its own above the grid.
    Staggered,
    /// Numbers, named by a legend below.
    Numbered,
}

/// How the grid is cut.
struct Cells {
    /// Columns of the theme labels.
    label_w: usize,
    /// Columns of each report's cell.
    cell_w: usize,
    heads: Heads,
    /// The cell under the cursor: (theme row, report column).
    cursor: (usize, usize),
}

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let corpus = app.corpus();
    let grid = app.map_counts();
    let labels = app.map_labels();
    let block = panel(theme, title(app, theme), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if corpus.reports.is_empty() || corpus.themes.is_empty() {
        let what = if corpus.reports.is_empty() {
            "This corpus has no reports yet, so there is nothing to map."
        } else {
            "This corpus has no themes (a themes.toml lists them), so there is nothing to map."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{what} Esc goes back."), theme.dim()))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    let cells = Cells::new(app, inner, max, &labels);
    let names: Vec<String> = corpus
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{} {}", i + 1, r.short_title))
        .collect();
    // The legend, with the keys at its end when they have no row.
    let legend = |keys: bool| {
        let mut spans = vec![Span::styled(names.join(" · "), theme.dim())];
        if keys {
            spans.push(Span::styled(
                format!("  ({MAP_KEYS_SHORT})"),
                theme.accent(),
            ));
        }
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true })
    };
    let numbered = cells.heads == Heads::Numbered;
    let rows_of = |p: &Paragraph| u16::try_from(p.line_count(inner.width)).unwrap_or(u16::MAX);
    let head_rows = cells.head_rows(corpus.reports.len());
    let grid_rows = head_rows + u16::try_from(labels.len()).unwrap_or(u16::MAX);
    // The grid keeps a row per theme where it can (half the map at least);
    // the legend takes what it needs of the rest; the keys get a row of
    // their own when everything else fits, else go at the legend's end.
    let legend_rows = if numbered { rows_of(&legend(false)) } else { 0 };
    let keys_row = grid_rows + 1 + legend_rows < inner.height || !numbered;
    let legend = numbered.then(|| legend(!keys_row));
    let legend_rows = legend.as_ref().map_or(0, rows_of).min(
        inner
            .height
            .saturating_sub(grid_rows.min(inner.height / 2) + 1),
    );
    let detail_text = detail(app, &grid, &labels, cells.heads, usize::from(inner.width));
    let [grid_area, detail_area, legend_area, keys_area] = Layout::vertical([
        Constraint::Min(head_rows + 1),
        Constraint::Length(1),
        Constraint::Length(legend_rows),
        Constraint::Length(u16::from(keys_row)),
    ])
    .areas(inner);
    // More themes than rows: the grid scrolls to keep the cursor's row in
    // sight, and the header says which themes are shown.
    let shown = usize::from(grid_area.height.saturating_sub(head_rows)).max(1);
    let first = rows_from(cells.cursor.0, shown, labels.len());
    let mut lines = cells.header(app, theme, first, shown, labels.len());
    for (row, label) in labels.iter().enumerate().skip(first).take(shown) {
        lines.push(cells.row(row, label, &grid[row], max, theme));
    }
    frame.render_widget(Paragraph::new(lines), grid_area);
    frame.render_widget(
        Paragraph::new(Span::styled(detail_text, theme.title())),
        detail_area,
    );
    if let Some(legend) = legend {
        frame.render_widget(legend, legend_area);
    }
    frame.render_widget(
        Paragraph::new(Span::styled(MAP_KEYS, theme.dim())),
        keys_area,
    );
}

/// The map's title: what it counts, under which query and filters.
fn title(app: &App, theme: &Theme) -> Line<'static> {
    let q = app.search.query.value().trim();
    let scope = if q.is_empty() {
        "all passages".to_string()
    } else {
        format!("passages matching “{q}”")
    };
    let mut spans = vec![
        Span::styled(" Evidence map ", theme.title()),
        Span::styled(format!("themes × reports, {scope} "), theme.dim()),
    ];
    let words = app.filter_words();
    if !words.is_empty() {
        spans.push(Span::styled(
            format!("· filtered: {} ", words.join(", ")),
            theme.included(),
        ));
        spans.push(Span::styled("(X clears) ", theme.accent()));
    }
    Line::from(spans)
}

/// The first theme row in sight when `shown` of `themes` rows fit: the
/// fewest rows scrolled that keep row `cursor` on screen.
fn rows_from(cursor: usize, shown: usize, themes: usize) -> usize {
    let cursor = cursor.min(themes.saturating_sub(1));
    cursor
        .saturating_sub(shown.saturating_sub(1))
        .min(themes.saturating_sub(shown))
}

impl Cells {
    /// The grid cut for `inner`, whose largest count is `max`.
    fn new(app: &App, inner: Rect, max: usize, labels: &[&str]) -> Self {
        let corpus = app.corpus();
        let (width, height) = (usize::from(inner.width), usize::from(inner.height));
        let n = corpus.reports.len().max(1);
        let digits = max.max(1).to_string().len();
        let cell_min = CELL_MIN.max(digits + 1);
        let longest_label = labels.iter().map(|l| l.width()).max().unwrap_or(0);
        // The labels whole, if the cells leave room, and never more than
        // half the map.
        let label_w = (longest_label + 1)
            .min(width.saturating_sub(n * cell_min))
            .min(width / 2)
            .max(1);
        let titles: Vec<usize> = corpus
            .reports
            .iter()
            .map(|r| r.short_title.width())
            .collect();
        let longest_title = titles.iter().copied().max().unwrap_or(0);
        let spread = (width.saturating_sub(label_w) / n).clamp(cell_min, CELL_MAX.max(cell_min));
        // The row of passages without a theme comes and goes with the
        // query: a cursor left below the rows stands on the last.
        let cursor = (
            app.map.cursor.0.min(labels.len().saturating_sub(1)),
            app.map.cursor.1,
        );
        if longest_title < spread {
            return Cells {
                label_w,
                cell_w: spread,
                heads: Heads::Inline,
                cursor,
            };
        }
        // Titles above the grid: a row each, all themes below them, and the
        // widest cells with which every title ends inside the map.
        let rows_needed = n + labels.len() + BELOW_ROWS;
        if rows_needed <= height {
            let fits = |cell_w: usize| {
                titles
                    .iter()
                    .enumerate()
                    .all(|(c, w)| label_w + c * cell_w + cell_w / 2 + 2 + w <= width)
            };
            if let Some(cell_w) = (cell_min..=STAGGERED_CELL_MAX.max(cell_min))
                .rev()
                .find(|&w| fits(w))
            {
                return Cells {
                    label_w,
                    cell_w,
                    heads: Heads::Staggered,
                    cursor,
                };
            }
        }
        Cells {
            label_w,
            cell_w: spread.min(12),
            heads: Heads::Numbered,
            cursor,
        }
    }

    /// Rows over the grid: one, or a report's title each.
    fn head_rows(&self, reports: usize) -> u16 {
        match self.heads {
            Heads::Staggered => u16::try_from(reports).unwrap_or(u16::MAX),
            _ => 1,
        }
    }

    /// Where column `c`'s count is centred, from the map's left.
    fn centre(&self, c: usize) -> usize {
        self.label_w + c * self.cell_w + self.cell_w / 2
    }

    /// The rows over the grid: each report's name (in its cell, or on its
    /// own row joined to its column by a line), or number.
    fn header(
        &self,
        app: &App,
        theme: &Theme,
        first: usize,
        shown: usize,
        themes: usize,
    ) -> Vec<Line<'static>> {
        let reports = &app.corpus().reports;
        let style = |c: usize| {
            if c == self.cursor.1 {
                theme.accent()
            } else {
                theme.dim()
            }
        };
        // Over the labels, when some themes are out of sight: which are in.
        let over = if shown < themes {
            let last = (first + shown).min(themes);
            let arrows = match (first > 0, last < themes) {
                (true, true) => "↑↓",
                (true, false) => "↑",
                _ => "↓",
            };
            // The row of passages without a theme is no theme.
            let what = if themes > app.corpus().themes.len() {
                "rows"
            } else {
                "themes"
            };
            format!("{what} {}–{last} of {themes} {arrows}", first + 1)
        } else {
            String::new()
        };
        let (over, used) = fit(&over, self.label_w.saturating_sub(1));
        let over = Span::styled(
            format!("{over}{}", " ".repeat(self.label_w.saturating_sub(used))),
            theme.dim(),
        );
        if self.heads == Heads::Staggered {
            // Row k: the lines of columns before k, then k's title.
            return (0..reports.len())
                .map(|k| {
                    let mut spans = vec![Span::raw(" ".repeat(self.label_w))];
                    let mut at = self.label_w;
                    for c in 0..k {
                        let x = self.centre(c);
                        spans.push(Span::raw(" ".repeat(x - at)));
                        spans.push(Span::styled("│", style(c)));
                        at = x + 1;
                    }
                    let x = self.centre(k);
                    spans.push(Span::raw(" ".repeat(x - at)));
                    spans.push(Span::styled(
                        format!("┌ {}", reports[k].short_title),
                        style(k),
                    ));
                    Line::from(spans)
                })
                .collect();
        }
        let mut header = vec![over];
        let cell_w = self.cell_w;
        for (c, r) in reports.iter().enumerate() {
            // Names, or numbers cut to the cell (a thousandth report's number
            // is wider than the narrowest cell).
            let (name, used) = match self.heads {
                Heads::Inline => fit(&r.short_title, cell_w - 1),
                _ => fit(&(c + 1).to_string(), cell_w),
            };
            let left = cell_w.saturating_sub(used) / 2;
            let right = cell_w.saturating_sub(used + left);
            header.push(Span::styled(
                format!("{}{name}{}", " ".repeat(left), " ".repeat(right)),
                style(c),
            ));
        }
        vec![Line::from(header)]
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
        let label = ellipsized(label, self.label_w.saturating_sub(1));
        let used = label.width();
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
            // Centred as the staggered titles' lines are: on the cell's
            // middle column.
            let left = (cell_w / 2).saturating_sub(text.width() / 2);
            let right = cell_w.saturating_sub(left + text.width());
            spans.push(Span::styled(
                format!("{}{text}{}", " ".repeat(left), " ".repeat(right)),
                style,
            ));
        }
        Line::from(spans)
    }
}

/// The cell under the cursor in words, `width` columns at most: report,
/// theme and its count, and the row's and column's totals when they fit.
fn detail(app: &App, grid: &[Vec<usize>], labels: &[&str], heads: Heads, width: usize) -> String {
    let corpus = app.corpus();
    let (row, col) = app.map.cursor;
    let row = row.min(labels.len().saturating_sub(1));
    let (Some(label), Some(r)) = (labels.get(row), corpus.reports.get(col)) else {
        return String::new();
    };
    let count = grid.get(row).and_then(|g| g.get(col)).copied().unwrap_or(0);
    let number = if heads == Heads::Numbered {
        format!(" ({})", col + 1)
    } else {
        String::new()
    };
    // The row's and the column's totals, which the grid does not show: a
    // passage has one to three themes, so the report's is not its column's
    // sum but its matching passages (which the report filters leave out
    // when they leave out the report).
    let on_theme: usize = grid.get(row).map_or(0, |g| g.iter().sum());
    let in_report = app.search.results.in_report(&app.search.filters, &r.id);
    let row_is = if *label == crate::tui::app::NO_THEME_ROW {
        "without a theme"
    } else {
        "on this theme"
    };
    let cell = format!(
        "{}{number} × {label} — {}",
        r.short_title,
        evidence::english::plural(count, "passage")
    );
    // The totals only when they fit whole: cut, they would read wrong.
    let totals = format!("; {on_theme} {row_is}, {in_report} in this report");
    if (cell.clone() + &totals).width() <= width {
        cell + &totals
    } else {
        ellipsized(&cell, width)
    }
}
