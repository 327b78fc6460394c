//! The search: the query being typed, the report and theme filters, the
//! results the worker last gave and which one is selected, and the numbered
//! request on its way to the worker. The search screen's keys (the query bar,
//! the filter panel, the results list, moving between panes) and its pointer
//! are handled here; the reader's pane has its own file.

use super::{App, Focus, overlays::edit_input};
use crate::tui::action::{Action, Failure};
use crate::tui::layout::{Layout, filter_offset, within};
use evidence::corpus::Corpus;
use evidence::search::{Filters, Index, SearchRequest, SearchResults};
use tui_input::Input;

/// The most results the interface lists for one query.
pub const RESULT_LIMIT: usize = 500;

/// Entries a page key moves in the filter panel: about half of what it
/// shows on the smallest terminal (18 rows), so that the entry left stays
/// in view.
const FILTER_PAGE: usize = 10;

/// Hits a notch of the mouse wheel moves the selection: three, as most
/// programs scroll three lines a notch.
const WHEEL_HITS: isize = 3;

/// The search screen's state.
#[derive(Default)]
pub struct Search {
    pub query: Input,
    pub filters: Filters,
    pub results: SearchResults,
    pub selected: usize,
    /// The passage to select again once the search of a new index answers.
    pub reselect: Option<String>,
    /// Cursor in the filter list: reports first, then themes.
    pub filter_cursor: usize,
    /// The filters the evidence map was drawn under, while the results are
    /// a map cell's (opened from the map): Esc puts them back and returns
    /// to the map. Changing the query or the filters forgets them.
    pub from_map: Option<Filters>,
    /// Number of the latest search asked for, and whether it is still running.
    pub generation: u64,
    pub searching: bool,
    pending: Option<SearchRequest>,
}

/// A filter entry's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Included,
    Excluded,
}

impl Search {
    /// Asks for the query and filters as they now are, under a new number.
    pub(super) fn request(&mut self) {
        self.generation += 1;
        self.searching = true;
        self.pending = Some(SearchRequest {
            query: self.query.value().to_string(),
            filters: self.filters.clone(),
            limit: RESULT_LIMIT,
        });
    }

    /// The request due, with its number, if there is one.
    pub(super) fn take(&mut self) -> Option<(u64, SearchRequest)> {
        self.pending.take().map(|r| (self.generation, r))
    }

    /// Takes the worker's answer to search `generation` (an older one is
    /// dropped); the status line's word if the search failed.
    pub(super) fn answered(
        &mut self,
        generation: u64,
        result: Result<SearchResults, Failure>,
        index: &Index,
    ) -> Option<String> {
        if generation != self.generation {
            return None;
        }
        self.searching = false;
        let results = match result {
            Ok(results) => results,
            Err(e) => return Some(format!("search failed: {e}")),
        };
        self.results = results;
        self.selected = self.selected.min(self.results.hits.len().saturating_sub(1));
        // After a new index, the passage that was selected, wherever it now
        // ranks, else the first.
        if let Some(id) = self.reselect.take() {
            self.selected = self
                .results
                .hits
                .iter()
                .position(|h| index.passage(h.ord).is_some_and(|(_, p)| p.id == id))
                .unwrap_or(0);
        }
        None
    }

    /// Drops what the old index answered, and the filters on reports and
    /// themes the new `corpus` does not have, and asks again.
    pub(super) fn forget_results(&mut self, corpus: &Corpus) {
        let f = &mut self.filters;
        for ids in [&mut f.reports, &mut f.not_reports] {
            ids.retain(|id| corpus.report(id).is_some());
        }
        for ids in [&mut f.themes, &mut f.not_themes] {
            ids.retain(|id| corpus.theme(id).is_some());
        }
        let entries = corpus.reports.len() + corpus.themes.len();
        self.filter_cursor = self.filter_cursor.min(entries.saturating_sub(1));
        self.results = SearchResults::default();
        self.request();
    }

    /// Whether a report or theme is included, excluded or neither.
    pub fn mark(&self, id: &str, is_report: bool) -> Mark {
        let (inc, exc) = if is_report {
            (&self.filters.reports, &self.filters.not_reports)
        } else {
            (&self.filters.themes, &self.filters.not_themes)
        };
        if inc.iter().any(|x| x == id) {
            Mark::Included
        } else if exc.iter().any(|x| x == id) {
            Mark::Excluded
        } else {
            Mark::None
        }
    }

    /// Marks a report or theme `want`, or unmarks it if it is so already,
    /// and searches again.
    fn set_mark(&mut self, id: &str, is_report: bool, want: Mark) {
        let current = self.mark(id, is_report);
        let (inc, exc) = if is_report {
            (&mut self.filters.reports, &mut self.filters.not_reports)
        } else {
            (&mut self.filters.themes, &mut self.filters.not_themes)
        };
        inc.retain(|x| x != id);
        exc.retain(|x| x != id);
        self.from_map = None;
        if current != want {
            match want {
                Mark::Included => inc.push(id.to_string()),
                Mark::Excluded => exc.push(id.to_string()),
                Mark::None => {}
            }
        }
        self.request();
    }
}

impl App {
    /// The filters that are on, in the words the filter panel uses: each
    /// report's short title and each theme's label, "not" before those left
    /// out. Empty when none is on.
    pub fn filter_words(&self) -> Vec<String> {
        let c = self.corpus();
        let f = &self.search.filters;
        let report = |id: &String| c.report(id).map_or(id.clone(), |r| r.short_title.clone());
        let theme = |id: &String| c.theme(id).map_or(id.clone(), |t| t.label.clone());
        // Every theme left out (the map's row of passages without one) is
        // said in two words, not one clause a theme.
        let no_theme = c.themes.len() > 1 && c.themes.iter().all(|t| f.not_themes.contains(&t.id));
        let not_themes: Vec<String> = if no_theme {
            vec!["no theme".to_string()]
        } else {
            f.not_themes
                .iter()
                .map(|id| format!("not {}", theme(id)))
                .collect()
        };
        f.reports
            .iter()
            .map(report)
            .chain(f.themes.iter().map(theme))
            .chain(f.not_reports.iter().map(|id| format!("not {}", report(id))))
            .chain(not_themes)
            .collect()
    }

    /// Filter entries: reports then themes, as (id, label, is_report).
    pub fn filter_entries(&self) -> Vec<(String, String, bool)> {
        let c = self.corpus();
        c.reports
            .iter()
            .map(|r| (r.id.clone(), r.short_title.clone(), true))
            .chain(
                c.themes
                    .iter()
                    .map(|t| (t.id.clone(), t.label.clone(), false)),
            )
            .collect()
    }

    /// Selects hit `i`, its passage read from where it starts.
    pub(super) fn select(&mut self, i: usize) {
        self.search.selected = i;
        self.reader.scroll = 0;
    }

    /// Moves the selection by `delta` hits, kept within the list.
    fn move_selection(&mut self, delta: isize) {
        let len = self.search.results.hits.len();
        if len == 0 {
            return;
        }
        let next = (self.search.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        if next != self.search.selected {
            self.select(next);
        }
    }

    /// The search screen's keys; `seen` is the screen as the user saw it
    /// (for the pointer and page keys).
    pub(super) fn update_search(&mut self, action: Action, seen: Option<&Layout>) {
        if self.focus == Focus::Query {
            match &action {
                Action::Submit => {
                    self.commit_search();
                    if !self.search.results.hits.is_empty() {
                        self.focus = Focus::Results;
                        self.select(0);
                    }
                    return;
                }
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    self.focus = Focus::Results;
                    self.update_search(action, seen);
                    return;
                }
                Action::HistoryPrev | Action::HistoryNext => {
                    self.step_history(action == Action::HistoryPrev);
                    return;
                }
                // `/` goes to the query bar from anywhere: pressed again
                // there, on nothing typed yet, it is that habit, not a
                // query (which would find nothing).
                Action::Insert('/') if self.search.query.value().is_empty() => return,
                other => {
                    let before = self.search.query.value().to_string();
                    if edit_input(&mut self.search.query, other) {
                        if self.search.query.value() != before {
                            self.recall.step = None;
                            self.select(0);
                            self.search.from_map = None;
                            self.search.request();
                        }
                        return;
                    }
                }
            }
        }
        // A map cell's passages: Esc goes back to the map as it was.
        if action == Action::Back
            && let Some(filters) = self.search.from_map.take()
        {
            self.search.filters = filters;
            self.search.request();
            self.screen = super::Screen::Map;
            return;
        }
        if self.update_global(&action) {
            return;
        }
        if let Action::Click(x, y) | Action::ScrollUp(x, y) | Action::ScrollDown(x, y) = action {
            if let Some(seen) = seen {
                self.mouse(action.clone(), x, y, seen);
            }
            return;
        }
        match action {
            Action::FocusNext | Action::FocusPrev => {
                let order = [Focus::Query, Focus::Filters, Focus::Results, Focus::Reader];
                let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                let step = if action == Action::FocusNext {
                    1
                } else {
                    order.len() - 1
                };
                self.focus = order[(i + step) % order.len()];
            }
            _ => match self.focus {
                Focus::Filters => self.update_filters(action),
                Focus::Results => self.update_results(action, seen),
                Focus::Reader => self.update_reader(action),
                Focus::Query => {}
            },
        }
    }

    /// Routes a click or wheel turn to the pane under the pointer, turning
    /// screen rows into list positions as `seen` laid them out.
    fn mouse(&mut self, action: Action, x: u16, y: u16, seen: &Layout) {
        let click = matches!(action, Action::Click(..));
        if within(seen.results, x, y) {
            self.focus = Focus::Results;
            if !click {
                self.update_results(action, Some(seen));
            } else if let Some(row) = seen.hit_at(y) {
                let row = u16::try_from(row).unwrap_or(u16::MAX);
                self.update_results(Action::Click(0, row), Some(seen));
            }
        } else if within(seen.reader, x, y) {
            self.focus = Focus::Reader;
            if !click {
                self.update_reader(action);
            }
        } else if within(seen.filters, x, y) {
            self.focus = Focus::Filters;
            let offset = filter_offset(self, seen.filters.height.saturating_sub(2));
            if click && let Some(i) = seen.filter_at(y, self.corpus().reports.len(), offset) {
                self.update_filters(Action::Click(0, i as u16));
            }
        } else if y < seen.query.y + seen.query.height {
            self.focus = Focus::Query;
        }
    }

    fn update_filters(&mut self, action: Action) {
        let entries = self.filter_entries();
        let last = entries.len().saturating_sub(1);
        let cursor = &mut self.search.filter_cursor;
        match action {
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(last),
            Action::PageUp => *cursor = cursor.saturating_sub(FILTER_PAGE),
            Action::PageDown => *cursor = (*cursor + FILTER_PAGE).min(last),
            Action::Top => *cursor = 0,
            Action::Bottom => *cursor = last,
            Action::Open | Action::ToggleBasket | Action::Include => {
                if let Some((id, _, is_report)) = entries.get(*cursor) {
                    self.search.set_mark(id, *is_report, Mark::Included);
                }
            }
            Action::Exclude => {
                if let Some((id, _, is_report)) = entries.get(*cursor) {
                    self.search.set_mark(id, *is_report, Mark::Excluded);
                }
            }
            Action::Click(_, row) => *cursor = (row as usize).min(last),
            _ => {}
        }
    }

    fn update_results(&mut self, action: Action, seen: Option<&Layout>) {
        let page = seen.map_or(1, |seen| seen.list.rows.max(1)) as isize;
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::Top => self.move_selection(-(self.search.selected as isize)),
            Action::Bottom => self.move_selection(self.search.results.hits.len() as isize),
            Action::Open if !self.search.results.hits.is_empty() => {
                self.commit_search();
                self.focus = Focus::Reader;
            }
            // Collecting commits the search it was found with; Space on an
            // empty list collects nothing, and commits nothing either.
            Action::ToggleBasket if self.selected_hit().is_some() => {
                self.commit_collecting_search();
                self.toggle_selected();
            }
            Action::Copy => self.copy_selected(),
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
            Action::FullScreen => {
                self.commit_search();
                self.read_full_screen(None);
            }
            Action::Click(_, row) => {
                let i = row as usize;
                if i < self.search.results.hits.len() {
                    self.select(i);
                }
            }
            Action::ScrollUp(..) => self.move_selection(-WHEEL_HITS),
            Action::ScrollDown(..) => self.move_selection(WHEEL_HITS),
            _ => {}
        }
    }
}
