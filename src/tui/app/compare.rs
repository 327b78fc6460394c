//! The compare screen: the reports (or the theme) side by side, each
//! column's passage cursor and scroll, collecting and reading the passage
//! under the cursor, and the picker that chooses them.

use super::{App, Overlay, Screen};
use crate::tui::action::Action;
use crate::tui::layout::Layout;
use evidence::corpus::{Corpus, Passage, Report};

/// The most reports compared side by side. A theme's columns, which may
/// be more, are shown as many at a time as the screen is wide enough for.
pub const MAX_COMPARED: usize = 4;

/// The fewest reports that make a comparison.
pub const MIN_COMPARED: usize = 2;

/// Passages a page key moves the cursor.
const COMPARE_PAGE: usize = 5;

/// Rows a notch of the mouse wheel scrolls.
const WHEEL_ROWS: i32 = 3;

/// What the compare screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compare {
    /// Report ids, [`MIN_COMPARED`] to [`MAX_COMPARED`], when comparing reports.
    pub reports: Vec<String>,
    /// A theme id, when comparing one theme across reports.
    pub theme: Option<String>,
    /// Scroll offset of each column; a column without one is at its top.
    pub scroll: Vec<u16>,
    /// The passage under the cursor in each column; a column without one
    /// has it on its first passage.
    pub cursor: Vec<usize>,
    pub linked: bool,
    /// The focused column.
    pub column: usize,
    /// Cursor in the picker list (reports, then themes).
    pub picker: usize,
    /// Reports ticked in the picker.
    pub ticked: Vec<String>,
}

impl Compare {
    /// Nothing chosen yet; the columns scroll together.
    pub fn new() -> Self {
        Compare {
            linked: true,
            ..Compare::default()
        }
    }

    /// The columns: each report compared with its key passages, or, for a
    /// theme, each report that has the theme with its passages of it.
    pub fn columns<'a>(&self, corpus: &'a Corpus) -> Vec<(&'a Report, Vec<&'a Passage>)> {
        match &self.theme {
            // A theme across every report that has it.
            Some(theme) => corpus.compare(&[], Some(theme)),
            None => corpus.compare(&self.reports, None),
        }
    }

    /// Whether anything is chosen to compare.
    fn is_empty(&self) -> bool {
        self.reports.is_empty() && self.theme.is_none()
    }

    /// Every column back to its top, its cursor on its first passage. (The
    /// offsets are dropped: a column without one is at its top, and
    /// [`App::update_compare`] gives every column one before it moves any.)
    fn back_to_top(&mut self) {
        self.scroll.clear();
        self.cursor.clear();
    }

    /// The passage under the cursor in column `i`.
    pub fn cursor_of(&self, i: usize) -> usize {
        self.cursor.get(i).copied().unwrap_or(0)
    }

    /// The scroll of column `i`.
    pub fn scroll_of(&self, i: usize) -> u16 {
        self.scroll.get(i).copied().unwrap_or(0)
    }
}

impl App {
    /// The compare screen's columns for this corpus.
    pub fn compare_columns(&self) -> Vec<(&Report, Vec<&Passage>)> {
        self.compare.columns(self.corpus())
    }

    /// Opens the compare screen: on the reports the filters include when
    /// there are 2 to 4, else on what was compared last, else the picker.
    pub(super) fn show_compare(&mut self) {
        self.screen = Screen::Compare;
        if (MIN_COMPARED..=MAX_COMPARED).contains(&self.search.filters.reports.len())
            && self.compare.reports != self.search.filters.reports
        {
            self.compare.reports = self.search.filters.reports.clone();
            self.compare.theme = None;
            self.compare.back_to_top();
            self.compare.column = 0;
        }
        if self.compare.is_empty() {
            self.compare.ticked.clear();
            self.overlays.push(Overlay::ComparePicker);
        } else if self.compare_columns().is_empty() {
            // What was compared is gone from the corpus (its files renamed
            // or removed): choose again, with what is left of it ticked.
            let corpus = self.index.corpus();
            let left: Vec<String> = (self.compare.reports.iter())
                .filter(|id| corpus.report(id).is_some())
                .cloned()
                .collect();
            self.compare.ticked = left;
            self.overlays.push(Overlay::ComparePicker);
        }
    }

    /// The compare screen's keys: the cursor moves in the focused column
    /// (which scrolls to keep it in view), ←/→ change column, Space
    /// collects the passage under the cursor, Enter reads it on the whole
    /// screen.
    pub(super) fn update_compare(&mut self, action: Action, seen: Option<&Layout>) {
        if self.update_global(&action) {
            return;
        }
        let columns: Vec<usize> = self
            .compare_columns()
            .iter()
            .map(|(_, ps)| ps.len())
            .collect();
        let n = columns.len().max(1);
        let compare = &mut self.compare;
        compare.scroll.resize(n.max(compare.scroll.len()), 0);
        compare.cursor.resize(n.max(compare.cursor.len()), 0);
        compare.column = compare.column.min(n - 1);
        let col = compare.column;
        let last = columns.get(col).copied().unwrap_or(0).saturating_sub(1);
        let cursor = compare.cursor[col];
        match action {
            Action::Up => self.move_compare_cursor(cursor.saturating_sub(1)),
            Action::Down => self.move_compare_cursor((cursor + 1).min(last)),
            Action::PageUp => self.move_compare_cursor(cursor.saturating_sub(COMPARE_PAGE)),
            Action::PageDown => self.move_compare_cursor((cursor + COMPARE_PAGE).min(last)),
            Action::Top => self.move_compare_cursor(0),
            Action::Bottom => self.move_compare_cursor(last),
            Action::ScrollUp(..) => self.scroll_compare(-WHEEL_ROWS),
            Action::ScrollDown(..) => self.scroll_compare(WHEEL_ROWS),
            Action::Left | Action::FocusPrev => compare.column = col.saturating_sub(1),
            Action::Right | Action::FocusNext => compare.column = (col + 1).min(n - 1),
            Action::Click(x, y) => {
                let Some(seen) = seen.and_then(|s| s.compare.as_ref()) else {
                    return;
                };
                let hit = seen
                    .columns
                    .iter()
                    .find(|c| x >= c.area.x && x < c.area.x + c.area.width);
                if let Some(c) = hit {
                    compare.column = c.index;
                    let scroll = usize::from(compare.scroll_of(c.index));
                    if let Some(p) = c.passage_at(y, scroll) {
                        compare.cursor[c.index] = p;
                    }
                }
            }
            Action::ToggleBasket => self.toggle_compared(),
            Action::Open | Action::FullScreen => {
                let id = self
                    .compare_columns()
                    .get(col)
                    .and_then(|(_, ps)| ps.get(cursor))
                    .map(|p| p.id.clone());
                if let Some(ord) = id.and_then(|id| self.index.ord_of(&id)) {
                    self.read_full_screen(Some(ord));
                }
            }
            Action::ToggleLink => {
                compare.linked = !compare.linked;
                self.message = Some(
                    if compare.linked {
                        "columns scroll together"
                    } else {
                        "columns scroll on their own (←/→ picks one)"
                    }
                    .to_string(),
                );
            }
            Action::Pick => {
                compare.ticked = compare.reports.clone();
                self.overlays.push(Overlay::ComparePicker);
            }
            _ => {}
        }
    }

    /// Puts the focused column's cursor on passage `to`, and scrolls the
    /// column (and, when linked, the others with it) to keep it in view.
    fn move_compare_cursor(&mut self, to: usize) {
        let col = self.compare.column;
        self.compare.cursor[col] = to;
        let layout = self.layout();
        let Some(shown) = layout.compare.as_ref().and_then(|c| c.column(col)) else {
            return;
        };
        let Some(&(start, rows)) = shown.passages.get(to) else {
            return;
        };
        let height = usize::from(shown.body.height);
        let now = usize::from(self.compare.scroll_of(col));
        // The id's row and the text under it, or as much as fits.
        let wanted = if start < now {
            start
        } else if start + rows > now + height {
            (start + rows).saturating_sub(height).min(start)
        } else {
            now
        };
        self.set_compare_scroll(wanted.min(shown.max_scroll()), &layout);
    }

    /// Scrolls the focused column (all shown columns when linked) by `delta`
    /// rows, within their text.
    fn scroll_compare(&mut self, delta: i32) {
        let layout = self.layout();
        let col = self.compare.column;
        let Some(shown) = layout.compare.as_ref().and_then(|c| c.column(col)) else {
            return;
        };
        let now = i64::from(self.compare.scroll_of(col));
        let wanted = (now + i64::from(delta)).clamp(0, shown.max_scroll() as i64);
        self.set_compare_scroll(usize::try_from(wanted).unwrap_or(0), &layout);
    }

    /// Sets the focused column's scroll to `rows`, and, when the columns
    /// are linked, every shown column's (each within its own text).
    fn set_compare_scroll(&mut self, rows: usize, layout: &Layout) {
        let Some(seen) = layout.compare.as_ref() else {
            return;
        };
        let col = self.compare.column;
        for c in &seen.columns {
            if c.index == col || self.compare.linked {
                let v = rows.min(c.max_scroll());
                self.compare.scroll[c.index] = u16::try_from(v).unwrap_or(u16::MAX);
            }
        }
    }

    /// Adds the passage under the compare cursor to the basket, or takes it
    /// out.
    fn toggle_compared(&mut self) {
        let col = self.compare.column;
        let cursor = self.compare.cursor_of(col);
        let id = self
            .compare_columns()
            .get(col)
            .and_then(|(_, ps)| ps.get(cursor))
            .map(|p| p.id.clone());
        if let Some(ord) = id.and_then(|id| self.index.ord_of(&id)) {
            self.toggle_ord(ord);
        }
    }

    /// The picker's keys: Space ticks a report, Enter compares the ticked
    /// reports or the theme under the cursor.
    pub(super) fn update_picker(&mut self, action: Action) {
        let reports = self.corpus().reports.len();
        let total = reports + self.corpus().themes.len();
        let compare = &mut self.compare;
        match action {
            Action::Up => compare.picker = compare.picker.saturating_sub(1),
            Action::Down => compare.picker = (compare.picker + 1).min(total.saturating_sub(1)),
            Action::Top => compare.picker = 0,
            Action::Bottom => compare.picker = total.saturating_sub(1),
            Action::ToggleBasket | Action::Include => {
                if let Some(r) = self.index.corpus().reports.get(compare.picker) {
                    if let Some(pos) = compare.ticked.iter().position(|x| *x == r.id) {
                        compare.ticked.remove(pos);
                    } else if compare.ticked.len() < MAX_COMPARED {
                        compare.ticked.push(r.id.clone());
                    } else {
                        self.message = Some(format!("at most {MAX_COMPARED} reports side by side"));
                    }
                }
            }
            Action::Open => {
                if compare.picker >= reports {
                    let theme = self.index.corpus().themes[compare.picker - reports]
                        .id
                        .clone();
                    compare.theme = Some(theme);
                    compare.reports.clear();
                } else {
                    if compare.ticked.is_empty()
                        && let Some(r) = self.index.corpus().reports.get(compare.picker)
                    {
                        compare.ticked.push(r.id.clone());
                    }
                    if compare.ticked.len() < MIN_COMPARED {
                        // Enter on a first report ticks it: say so, and
                        // what is left to do.
                        let ticked = compare
                            .ticked
                            .first()
                            .and_then(|id| self.index.corpus().report(id))
                            .map(|r| format!("{} ticked: ", r.short_title))
                            .unwrap_or_default();
                        self.message = Some(format!(
                            "{ticked}tick {MIN_COMPARED} to {MAX_COMPARED} reports with Space, then Enter; or Enter on a theme"
                        ));
                        return;
                    }
                    compare.reports = compare.ticked.clone();
                    compare.theme = None;
                }
                compare.back_to_top();
                compare.column = 0;
                self.overlays.pop();
            }
            Action::Back | Action::Quit => {
                self.overlays.pop();
                if compare.is_empty() {
                    self.screen = Screen::Search;
                }
            }
            Action::Help => self.overlays.push(Overlay::Help),
            _ => {}
        }
    }
}
