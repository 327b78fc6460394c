//! Where everything goes on the screen, from one pure function: [`compute`]
//! takes the terminal's size and the app's state and gives the panes, the
//! status line's rows, and the numbers that follow from them: the rows of
//! hits that fit and the first one shown, the reader's text area and page,
//! the basket's excerpt heights and scroll. Drawing lays the screen out with
//! it, and `App::update` maps the pointer and pages with it, so that the two
//! cannot disagree.
//!
//! No drawing and no terminal here. Text that takes rows by its length (the
//! status message, the search's notes, the reader's header and report, the
//! basket's excerpts) is measured as drawing builds it, with styles that
//! take no room; the reader's passages come through the index, which reads
//! each from its file once.

pub mod basket;
pub mod reader;

use super::app::{App, Screen};
use super::theme::Theme;
use basket::BasketList;
// ratatui's Layout splits an area; this module's is the whole screen's.
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use reader::ReaderText;

/// The smallest terminal the interface draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// The most rows a status message may take: a long one (an error naming a
/// long path) is read whole, and the panes keep most of the screen.
const STATUS_MAX_ROWS: u16 = 3;

/// Rows of the query bar: one line of text between its borders.
const QUERY_ROWS: u16 = 3;

/// The fewest rows the panes below the query bar are given.
const PANES_MIN_ROWS: u16 = 5;

/// The fewest columns the results and reader are given beside the filters
/// (on a terminal narrower than the interface draws in).
const PANES_MIN_COLS: u16 = 20;

/// Columns of the filter panel: room for a short report title and its
/// count, and on a terminal of [`WIDE`] columns or more, for more of the
/// title.
const FILTERS_COLS: u16 = 24;
const FILTERS_COLS_WIDE: u16 = 30;
const WIDE: u16 = 140;

/// From this many columns the reader goes beside the results, each then
/// wide enough to read (45 % and 55 % of what the filters leave); below
/// it, under them.
const SIDE_BY_SIDE: u16 = 120;

/// The screen laid out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The whole terminal.
    pub size: Rect,
    /// The status line: the last row, or up to three for a long message.
    pub status: Rect,
    /// Everything above the status line, where the full-screen views go.
    pub main: Rect,
    /// The search screen's query bar.
    pub query: Rect,
    /// The search screen's filter panel.
    pub filters: Rect,
    /// The search screen's results pane.
    pub results: Rect,
    /// The search screen's reader pane.
    pub reader: Rect,
    /// The results list inside its pane.
    pub list: ResultsList,
    /// The reader's header and text, on the search screen with a passage
    /// selected.
    pub text: Option<ReaderText>,
    /// The basket's list, on the basket screen.
    pub basket: Option<BasketList>,
}

/// The results list inside its pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResultsList {
    /// Rows the search's notes take above the hits (wrapped, at most half
    /// the pane).
    pub head_rows: u16,
    /// Hits that fit below them, two rows each: a page.
    pub rows: usize,
    /// The first hit shown: the list scrolls to keep the selected one on
    /// its last row.
    pub first: usize,
}

/// The screen of `size` as `app` would draw it.
pub fn compute(size: Rect, app: &App) -> Layout {
    let status_rows = status_rows(app, size.width);
    let [top, middle, status] = Split::vertical([
        Constraint::Length(QUERY_ROWS),
        Constraint::Min(PANES_MIN_ROWS),
        Constraint::Length(status_rows),
    ])
    .areas(size);
    // Three columns when wide, the reader below the results when narrow.
    let filters_w = if size.width >= WIDE {
        FILTERS_COLS_WIDE
    } else {
        FILTERS_COLS
    };
    let [filters, panes] = Split::horizontal([
        Constraint::Length(filters_w),
        Constraint::Min(PANES_MIN_COLS),
    ])
    .areas(middle);
    let [results, reader] = if size.width >= SIDE_BY_SIDE {
        Split::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(panes)
    } else {
        Split::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(panes)
    };
    let main = Rect {
        height: size.height.saturating_sub(status_rows),
        ..size
    };
    Layout {
        size,
        status,
        main,
        query: top,
        filters,
        results,
        reader,
        list: ResultsList::new(app, results),
        text: (app.screen == Screen::Search)
            .then(|| reader::areas(app, Block::bordered().inner(reader)))
            .flatten(),
        basket: (app.screen == Screen::Basket).then(|| BasketList::new(app, main)),
    }
}

impl Layout {
    /// Whether the terminal is smaller than the interface can draw in.
    pub fn too_small(&self) -> bool {
        self.size.width < MIN_SIZE.0 || self.size.height < MIN_SIZE.1
    }

    /// The hit drawn at screen row `y` of the results pane: its row number
    /// in the list, which may be past its end. `None` on a note's row.
    pub fn hit_at(&self, y: u16) -> Option<usize> {
        let line = y.checked_sub(self.results.y + 1)?;
        let below = line.checked_sub(self.list.head_rows)?;
        Some(self.list.first + usize::from(below) / 2)
    }

    /// The filter entry drawn at screen row `y` when the panel is not
    /// scrolled, given the corpus's number of `reports`: the rows are
    /// "Reports", the reports, "Themes", the themes.
    pub fn filter_at(&self, y: u16, reports: usize) -> Option<usize> {
        let line = usize::from(y.checked_sub(self.filters.y + 1)?);
        match line {
            0 => None,
            l if l <= reports => Some(l - 1),
            l if l == reports + 1 => None,
            l => Some(l - 2),
        }
    }
}

/// Whether the cell at (`x`, `y`) is inside `r`'s borders.
pub fn within(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y > r.y && y + 1 < r.y + r.height
}

/// Rows the status line takes at `width`: one, or as many as a long
/// message needs to be read whole, up to [`STATUS_MAX_ROWS`].
fn status_rows(app: &App, width: u16) -> u16 {
    app.message.as_ref().map_or(1, |message| {
        let wrapped = Paragraph::new(message.as_str())
            .wrap(Wrap { trim: false })
            .line_count(width);
        u16::try_from(wrapped)
            .unwrap_or(STATUS_MAX_ROWS)
            .clamp(1, STATUS_MAX_ROWS)
    })
}

/// The lines above the hits: the search's notes, and why there are no hits.
pub fn results_head(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let results = &app.search.results;
    let mut lines: Vec<Line<'static>> = results
        .notes
        .iter()
        .map(|note| Line::from(Span::styled(format!("note: {note}"), theme.dim())))
        .collect();
    if results.hits.is_empty() {
        let text = if app.search.searching {
            "searching…"
        } else {
            "No passage matches. Try fewer words, or clear the filters (X)."
        };
        lines.push(Line::from(Span::styled(text, theme.dim())));
    }
    lines
}

impl ResultsList {
    /// The list in the results pane at `area`.
    fn new(app: &App, area: Rect) -> Self {
        let inner = Block::bordered().inner(area);
        let wrapped = Paragraph::new(results_head(app, &Theme { color: false }))
            .wrap(Wrap { trim: false })
            .line_count(inner.width);
        let head_rows = u16::try_from(wrapped)
            .unwrap_or(u16::MAX)
            .min(inner.height / 2);
        let rows = (usize::from(inner.height - head_rows) / 2).max(1);
        ResultsList {
            head_rows,
            rows,
            first: app.search.selected.saturating_sub(rows - 1),
        }
    }
}
