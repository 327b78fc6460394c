//! The compare screen laid out: which columns are shown (as many as are
//! readable side by side, the focused one among them), each column's
//! areas, and each passage's rows in its column's text, so that moving the
//! passage cursor can scroll it into view and a click can find the passage
//! under it. Drawing shows the lines [`column_lines`] lays out.

use super::ellipsized_start;
use crate::tui::app::App;
use crate::tui::layout::reader::passage_line;
use crate::tui::theme::Theme;
use crate::tui::ui::ellipsized;
use evidence::corpus::Passage;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The narrowest column drawn: about five words a line, and a short
/// title with its date. Fewer columns are shown at a time on a narrower
/// screen, and ←/→ bring the others in.
const COLUMN_MIN_COLS: u16 = 30;

/// The most columns shown at a time (a theme compared across many reports).
const COLUMNS_SHOWN_MAX: usize = 6;

/// The compare screen on the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareLayout {
    /// The heading's row.
    pub heading: Rect,
    /// The first column shown, and how many there are in all.
    pub first: usize,
    pub total: usize,
    /// The columns shown, left to right.
    pub columns: Vec<ColumnArea>,
}

/// One column on the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnArea {
    /// Which column of the comparison it is.
    pub index: usize,
    /// The column with its borders.
    pub area: Rect,
    /// The row under the title: the report's date and organisation.
    pub byline: Rect,
    /// Where the passages scroll.
    pub body: Rect,
    /// Each passage's first row in the column's text, and the rows it takes.
    pub passages: Vec<(usize, usize)>,
    /// Rows of the whole text.
    pub rows: usize,
}

impl ColumnArea {
    /// The furthest the column scrolls: its last row at the bottom.
    pub fn max_scroll(&self) -> usize {
        self.rows.saturating_sub(usize::from(self.body.height))
    }

    /// The passage drawn at screen row `y` when the column is scrolled
    /// `scroll` rows, if any.
    pub fn passage_at(&self, y: u16, scroll: usize) -> Option<usize> {
        if y < self.body.y || y >= self.body.y + self.body.height {
            return None;
        }
        let row = scroll + usize::from(y - self.body.y);
        self.passages
            .iter()
            .position(|&(start, rows)| row >= start && row < start + rows)
    }
}

impl CompareLayout {
    /// The compare screen in `main` (everything above the status line).
    pub fn new(app: &App, main: Rect) -> Self {
        let [heading, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(main);
        let columns = app.compare_columns();
        let total = columns.len();
        if total == 0 {
            return CompareLayout {
                heading,
                first: 0,
                total,
                columns: Vec::new(),
            };
        }
        let fit = usize::from(body.width / COLUMN_MIN_COLS).clamp(1, COLUMNS_SHOWN_MAX);
        let shown = total.min(fit);
        // The focused column in view: the last one shown when it is past
        // the first few.
        let focus = app.compare.column.min(total - 1);
        let first = focus
            .saturating_sub(shown - 1)
            .min(total.saturating_sub(shown));
        let rects = Layout::horizontal(vec![Constraint::Ratio(1, shown as u32); shown]).split(body);
        let columns = columns
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .zip(rects.iter())
            .map(|((index, (_, passages)), &area)| {
                let inner = Block::bordered().inner(area);
                let [byline, body] =
                    Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
                let (passages, rows) = rows_of(app, passages, body.width);
                ColumnArea {
                    index,
                    area,
                    byline,
                    body,
                    passages,
                    rows,
                }
            })
            .collect();
        CompareLayout {
            heading,
            first,
            total,
            columns,
        }
    }

    /// The column shown with index `index`, if it is shown.
    pub fn column(&self, index: usize) -> Option<&ColumnArea> {
        self.columns.iter().find(|c| c.index == index)
    }
}

/// Each passage's first row and rows, wrapped at `width`, and the rows of
/// the whole text.
fn rows_of(app: &App, passages: &[&Passage], width: u16) -> (Vec<(usize, usize)>, usize) {
    let theme = Theme { color: false };
    let (lines, chunks) = column_lines(app, &theme, passages, None, width);
    let count = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let mut at = 0;
    let mut out = Vec::with_capacity(chunks.len());
    let mut line = 0;
    for &(first, len) in &chunks {
        at += count(&lines[line..first]);
        let rows = count(&lines[first..first + len]);
        out.push((at, rows));
        at += rows;
        line = first + len;
    }
    at += count(&lines[line..]);
    (out, at)
}

/// A column's text: each passage, with its section's heading (which names
/// a report's key sections) when it is another than the passage before's,
/// its id (with ✓ when it is in the basket), its text, a blank line.
/// `cursor` marks the passage under the cursor. Also each passage's first
/// line and number of lines (the heading's, the id's and the text's), by
/// which it is measured. An id longer than the column's
/// `width` is cut at its start (`…landscape/12`), never wrapped mid-id.
pub fn column_lines(
    app: &App,
    theme: &Theme,
    passages: &[&Passage],
    cursor: Option<usize>,
    width: u16,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let width = usize::from(width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut chunks = Vec::with_capacity(passages.len());
    let mut section: Option<&str> = None;
    for (i, p) in passages.iter().enumerate() {
        let here = cursor == Some(i);
        // A passage under another heading than the one before: the heading
        // first, so that a list item or a lead-in keeps its context.
        // (Part of the passage's rows: scrolled into view with it.)
        let first = lines.len();
        if p.heading().is_some() && p.heading() != section {
            section = p.heading();
            lines.push(Line::from(Span::styled(
                ellipsized(section.unwrap_or_default(), width),
                theme.title(),
            )));
        }
        let cols = unicode_width::UnicodeWidthStr::width;
        let mark = app.basket.contents.contains(&p.id).then(|| {
            [" ✓ in basket", " ✓"]
                .into_iter()
                .find(|m| cols(p.id.as_str()) + cols(m) <= width)
                .unwrap_or(" ✓")
        });
        let shown = ellipsized_start(&p.id, width.saturating_sub(mark.map_or(0, cols)));
        let mut id = vec![Span::styled(
            shown,
            if here { theme.selected() } else { theme.dim() },
        )];
        if let Some(mark) = mark {
            id.push(Span::styled(mark, theme.basket_mark()));
        }
        lines.push(Line::from(id));
        let base = if here {
            theme.current_passage()
        } else {
            theme.base()
        };
        lines.push(passage_line(p, &app.search.results.terms, base, theme));
        chunks.push((first, lines.len() - first));
        lines.push(Line::from(""));
    }
    (lines, chunks)
}
