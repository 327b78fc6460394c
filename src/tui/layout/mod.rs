//! Where everything goes on the screen, from one pure function: [`compute`]
//! takes the terminal's size and the app's state and gives the panes, the
//! status line's rows, and the numbers that follow from them: the rows of
//! hits that fit and the first one shown, the reader's text area and page,
//! the basket's excerpt heights and scroll, the compare screen's columns. Drawing lays the screen out with
//! it, and `App::update` maps the pointer and pages with it, so that the two
//! cannot disagree.
//!
//! No drawing and no terminal here. Text that takes rows by its length (the
//! status message, the search's notes, the reader's header and report, the
//! basket's excerpts) is measured as drawing builds it, with styles that
//! take no room; the reader's passages come through the index, which reads
//! each from its file once.

pub mod basket;
pub mod compare;
pub mod concordance;
pub mod help;
pub mod notes;
pub mod reader;

use super::app::{App, Focus, Screen};
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
const STATUS_MAX_ROWS: u16 = 5;

/// Rows of the query bar: one line of text between its borders.
const QUERY_ROWS: u16 = 3;

/// The fewest rows the panes below the query bar are given.
const PANES_MIN_ROWS: u16 = 5;

/// The fewest columns the results and reader are given beside the filters
/// (on a terminal narrower than the interface draws in).
const PANES_MIN_COLS: u16 = 20;

/// Columns of the filter panel at the least: room for most of a short
/// report title and its count. It takes what its longest name needs, up to
/// a fifth of the terminal (a quarter from [`WIDE`] columns, where the
/// results and reader have room to spare), and up to
/// [`FILTERS_SHARE_FOCUSED`] % of it while it has the focus (the results and
/// reader are narrower meanwhile).
const FILTERS_COLS: u16 = 24;
const FILTERS_SHARE_FOCUSED: u16 = 45;
const WIDE: u16 = 140;

/// Columns of a filter entry besides its name: the borders, the mark and
/// its space, the space before the count, and the count itself.
const FILTER_ENTRY_COLS: u16 = 2 + 2 + 1 + 3;

/// From this many columns the reader goes beside the results, each then
/// wide enough to read (45 % and 55 % of what the filters leave); below
/// it, under them.
const SIDE_BY_SIDE: u16 = 120;

/// The screen laid out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The whole terminal.
    pub size: Rect,
    /// The status line: the last row, or up to five for a long message.
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
    /// The compare screen's columns, on the compare screen.
    pub compare: Option<compare::CompareLayout>,
}

/// The results list inside its pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResultsList {
    /// Rows the search's notes take above the hits (wrapped, at most a
    /// quarter of the pane and six rows, so that the hits keep the pane).
    pub head_rows: u16,
    /// Whether the notes were cut to fit: their last row then says which
    /// key reads them whole.
    pub cut: bool,
    /// Hits that fit below them: a page.
    pub rows: usize,
    /// The first hit shown: the list scrolls to keep the selected one on
    /// its last row.
    pub first: usize,
    /// Rows of each hit's snippet (under its report and section's row).
    pub snippet_rows: u16,
}

/// Characters a hit's snippet aims at: a sentence or two, enough to judge
/// the hit by. A narrow pane gives it more rows, up to
/// [`SNIPPET_ROWS_MAX`].
const SNIPPET_CHARS: usize = 120;
const SNIPPET_ROWS_MAX: usize = 3;

/// The fewest hits a page of results shows: snippets take fewer rows
/// before the list shows fewer hits than this.
const HITS_IN_VIEW: usize = 5;

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
    let filters_w = filters_cols(app, size.width);
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
    // The reader on the whole screen: everything above the status line.
    let reader = if app.screen == Screen::Reading {
        main
    } else {
        reader
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
        text: matches!(app.screen, Screen::Search | Screen::Reading)
            .then(|| reader::areas(app, Block::bordered().inner(reader)))
            .flatten(),
        basket: (app.screen == Screen::Basket).then(|| BasketList::new(app, main)),
        compare: (app.screen == Screen::Compare).then(|| compare::CompareLayout::new(app, main)),
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
        Some(self.list.first + usize::from(below) / usize::from(self.list.hit_rows()))
    }

    /// The filter entry drawn at screen row `y` when the panel is not
    /// scrolled, given the corpus's number of `reports`: the rows are
    /// "Reports", the reports, "Themes", the themes.
    pub fn filter_at(&self, y: u16, reports: usize, offset: usize) -> Option<usize> {
        let line = usize::from(y.checked_sub(self.filters.y + 1)?) + offset;
        match line {
            0 => None,
            l if l <= reports => Some(l - 1),
            l if l == reports + 1 => None,
            l => Some(l - 2),
        }
    }
}

/// `text` cut into lines of at most `width` columns, broken after a space
/// where there is one (a word longer than a line is broken where it must
/// be); each line as a byte range, a space that ends it included.
pub fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut used = 0;
        let mut end = start;
        // The last break in reach: just after a space.
        let mut after_space = None;
        for (i, c) in text[start..].char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if c == ' ' {
                // A space may hang past the last column.
                after_space = Some(start + i + 1);
            } else if used + w > width {
                break;
            }
            used += w;
            end = start + i + c.len_utf8();
        }
        if end < text.len()
            && let Some(brk) = after_space.filter(|&b| b > start && b <= end)
        {
            end = brk;
        }
        if end == start {
            // A character wider than the line: it takes a line of its own.
            end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        lines.push((start, end));
        start = end;
    }
    if lines.is_empty() {
        lines.push((0, 0));
    }
    lines
}

/// Lines the filter panel is scrolled by when `rows` of it show: as many as
/// keep the cursor's line (below the "Reports" heading, and the "Themes"
/// one for a theme) in view while the panel has the focus; none otherwise.
pub fn filter_offset(app: &App, rows: u16) -> usize {
    let focused = app.overlays.is_empty()
        && app.screen == Screen::Search
        && app.focus == super::app::Focus::Filters;
    if !focused {
        return 0;
    }
    let cursor = app.search.filter_cursor;
    let line = cursor + 1 + usize::from(cursor >= app.corpus().reports.len());
    line.saturating_sub(usize::from(rows).saturating_sub(1))
}

/// Columns of the filter panel on a terminal `width` columns wide: what
/// the longest report or theme name needs, within the bounds above.
fn filters_cols(app: &App, width: u16) -> u16 {
    let c = app.corpus();
    let longest = c
        .reports
        .iter()
        .map(|r| r.short_title.as_str())
        .chain(c.themes.iter().map(|t| t.label.as_str()))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    let wanted = u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .saturating_add(FILTER_ENTRY_COLS);
    let focused = app.screen == Screen::Search && app.focus == super::app::Focus::Filters;
    let most = if focused {
        width / 100 * FILTERS_SHARE_FOCUSED + width % 100 * FILTERS_SHARE_FOCUSED / 100
    } else if width >= WIDE {
        width / 4
    } else {
        width / 5
    };
    wanted.min(most).max(FILTERS_COLS)
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

/// The most columns the results pane's title gives the filters' words
/// (with "· filtered: "), in a pane `width` columns wide whose title
/// starts with `head`: what the corners and the key that clears them
/// leave.
pub fn filters_room(width: u16, head: &str) -> usize {
    usize::from(width).saturating_sub(FILTERS_KEYS.len() + 3 + head.chars().count())
}

/// The key the results pane's title gives for clearing the filters.
pub const FILTERS_KEYS: &str = " X clears ";

/// The filters in words as the results pane says them, and whether its
/// title holds them whole in a pane `width` columns wide (with the hit
/// count before them, short).
pub fn filters_text(app: &App, width: u16) -> Option<(String, bool)> {
    let words = app.filter_words();
    if words.is_empty() {
        return None;
    }
    let text = format!("· filtered: {}", words.join(", "));
    let short = format!(" {}/{} ", app.search.selected + 1, app.search.results.total);
    let whole = unicode_width::UnicodeWidthStr::width(text.as_str()) <= filters_room(width, &short);
    Some((text, whole))
}

/// Rows of results the pane must have before the filters that its title
/// cannot hold whole are written out above the hits as well.
const FILTERS_LINE_MIN_ROWS: u16 = 16;

/// The most rows the search's notes take above the hits.
const NOTES_ROWS_MAX: u16 = 6;

/// What the last row of notes cut to fit says: the key that reads them
/// whole, and from the query bar (where `i` is typed) how to get to it.
pub fn notes_cut(app: &App) -> &'static str {
    if app.focus == Focus::Query && app.overlays.top().is_none() {
        "… more: Tab, i shows all notes"
    } else {
        "… more: i shows all notes"
    }
}

/// The lines above the hits in the results pane at `pane`: the filters when
/// the title cannot hold them whole (and the pane is tall enough to spare
/// the row), the search's notes, and why there are no hits.
pub fn results_head(app: &App, theme: &Theme, pane: Rect) -> Vec<Line<'static>> {
    let results = &app.search.results;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some((text, false)) = filters_text(app, pane.width)
        && pane.height >= FILTERS_LINE_MIN_ROWS + 2
    {
        lines.push(Line::from(vec![
            Span::styled(text.trim_start_matches("· ").to_string(), theme.included()),
            Span::styled(" (X clears)", theme.accent()),
        ]));
    }
    lines.extend(
        results
            .notes
            .iter()
            .map(|note| Line::from(Span::styled(format!("note: {note}"), theme.dim()))),
    );
    if results.hits.is_empty() {
        lines.push(Line::from(Span::styled(no_match_hint(app), theme.dim())));
    }
    lines
}

/// What the results pane says when nothing matches: what can be done from
/// where the user is.
pub fn no_match_hint(app: &App) -> &'static str {
    if app.search.searching {
        "searching…"
    } else if app.corpus().reports.is_empty() {
        "This corpus has no reports yet: add markdown files to its folder, or bring documents in with `evidence import`."
    } else if app.search.from_map.is_some() {
        // An empty cell of the map, opened: no words to change.
        "No passage in this cell of the map. Esc goes back to the map."
    } else if !app.search.query.value().trim().is_empty()
        && !app.search.query.value().chars().any(char::is_alphanumeric)
    {
        // Only marks or emoji: fewer of them would not help.
        "No passage matches: a search needs a word or a number."
    } else if app
        .search
        .results
        .notes
        .iter()
        .any(|n| n.starts_with("no report with id") || n.starts_with("no theme with id"))
    {
        // A `report:` or `theme:` naming nothing: other words would not help.
        "No passage matches: the query names a report or theme the corpus does not have (see the note above)."
    } else if app.search.filters.is_empty() {
        "No passage matches. Try fewer words, or other words."
    } else if app.focus == Focus::Query {
        // X would be typed into the query here.
        "No passage matches. Try fewer words, or clear the filters (Tab, then X)."
    } else {
        "No passage matches. Try fewer words, or clear the filters (X)."
    }
}

impl ResultsList {
    /// The list in the results pane at `area`.
    fn new(app: &App, area: Rect) -> Self {
        let inner = Block::bordered().inner(area);
        let wrapped = Paragraph::new(results_head(app, &Theme { color: false }, area))
            .wrap(Wrap { trim: false })
            .line_count(inner.width);
        // At most a quarter of the pane and six rows (a question's notes,
        // with every synonym searched, can run to fifteen), so that the
        // hits keep the pane: `i` reads them whole. All of the pane when
        // there is no hit, for why.
        let cap = if app.search.results.hits.is_empty() {
            inner.height
        } else {
            (inner.height / 4).clamp(2, NOTES_ROWS_MAX)
        };
        let wrapped = u16::try_from(wrapped).unwrap_or(u16::MAX);
        let head_rows = wrapped.min(cap).min(inner.height);
        // Only notes are cut with the hint: a long filters line alone
        // is not (`i` has nothing more to show for it).
        let cut = wrapped > head_rows && !app.search.results.notes.is_empty();
        let room = usize::from(inner.height - head_rows);
        // The snippet's text starts two columns in.
        let width = usize::from(inner.width).saturating_sub(2).max(1);
        let mut snippet_rows = SNIPPET_CHARS.div_ceil(width).clamp(1, SNIPPET_ROWS_MAX);
        while snippet_rows > 1 && room / (snippet_rows + 1) < HITS_IN_VIEW {
            snippet_rows -= 1;
        }
        let rows = (room / (snippet_rows + 1)).max(1);
        ResultsList {
            head_rows,
            cut,
            rows,
            first: app.search.selected.saturating_sub(rows - 1),
            snippet_rows: u16::try_from(snippet_rows).unwrap_or(1),
        }
    }

    /// Rows each hit takes: its report and section, then its snippet.
    pub fn hit_rows(&self) -> u16 {
        self.snippet_rows + 1
    }
}

/// `text` cut to at most `cols` terminal columns from its start, with `…`
/// for what was cut: for an id, whose end tells most.
pub fn ellipsized_start(text: &str, cols: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(text) <= cols {
        return text.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}
