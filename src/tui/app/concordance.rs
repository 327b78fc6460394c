//! The words-in-context screen (`w`): the concordance of the query as it
//! was when the screen opened, within the filters; the occurrences the
//! worker has sent so far (see [`crate::tui::kwic_worker`]), their order,
//! the selected line; and the collocates panel, its order and selection.
//! Enter reads the line's passage, Space collects it, `y` copies the line;
//! Enter on a collocate adds it to the query as a word to AND.

use super::{App, Focus, Screen};
use crate::tui::action::Action;
use crate::tui::kwic_worker::{KwicJob, KwicUpdate};
use crate::tui::layout::concordance::areas;
use evidence::search::Filters;
use evidence::search::kwic::{self, Collocate, CollocateSort, Occurrence, Sort};
use std::collections::HashSet;
use tui_input::Input;

/// Words either side of a match that collocates are counted within.
pub const COLLOCATE_WINDOW: usize = 5;

/// The words-in-context screen's state.
#[derive(Default)]
pub struct Concordance {
    /// The query and filters the lines are of.
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Number of the latest job asked for; answers to older ones are dropped.
    pub generation: u64,
    pending: Option<KwicJob>,
    /// For each of the query's units, the words it is a synonym of.
    pub synonyms: Vec<Option<String>>,
    pub notes: Vec<String>,
    /// Passages the query matches, and how many of them are read.
    pub passages: usize,
    pub done: usize,
    /// Occurrences counted while a sort waits for all of them.
    pub counted: usize,
    /// The lines so far, in their order.
    pub lines: Vec<Occurrence>,
    pub finished: bool,
    /// Why there are no lines (an unknown filter, say).
    pub failed: Option<String>,
    /// Passages and reports with a line: counted as the lines come in
    /// report order, or by the worker for a sort.
    sorted_totals: Option<kwic::Totals>,
    seen_passages: HashSet<usize>,
    seen_reports: HashSet<String>,
    pub selected: usize,
    /// The first line shown.
    pub top: usize,
    /// The collocates panel: shown, its rows (once every occurrence is in),
    /// their order, whether it has the keys, and its selection.
    pub collocates_shown: bool,
    pub collocates: Option<Vec<Collocate>>,
    pub collocate_order: CollocateSort,
    pub collocates_focused: bool,
    pub collocate_selected: usize,
    pub collocate_top: usize,
}

impl Concordance {
    /// Passages and reports with a line so far.
    pub fn totals(&self) -> kwic::Totals {
        if let Some(t) = self.sorted_totals {
            return t;
        }
        kwic::Totals {
            occurrences: self.lines.len(),
            passages: self.seen_passages.len(),
            reports: self.seen_reports.len(),
        }
    }

    /// The words a line's match is a synonym of, if it is one.
    pub fn synonym_of(&self, o: &Occurrence) -> Option<&str> {
        self.synonyms.get(o.unit)?.as_deref()
    }
}

impl App {
    /// Asks the worker for the lines of the concordance as it now is.
    fn request_lines(&mut self) {
        let k = &mut self.concordance;
        k.generation += 1;
        k.pending = Some(KwicJob::Lines {
            index: self.index.clone(),
            query: k.query.clone(),
            filters: k.filters.clone(),
            sort: k.sort,
        });
        k.synonyms.clear();
        k.notes.clear();
        k.passages = 0;
        k.done = 0;
        k.counted = 0;
        k.lines.clear();
        k.finished = false;
        k.failed = None;
        k.sorted_totals = None;
        k.seen_passages.clear();
        k.seen_reports.clear();
        k.selected = 0;
        k.top = 0;
        k.collocates = None;
        k.collocate_selected = 0;
        k.collocate_top = 0;
    }

    /// Asks for the collocates, when the panel is shown and every line is in.
    fn request_collocates(&mut self) {
        let k = &mut self.concordance;
        if k.collocates_shown && k.finished && k.collocates.is_none() && k.failed.is_none() {
            k.pending = Some(KwicJob::Collocates {
                index: self.index.clone(),
                occurrences: k.lines.clone(),
                window: COLLOCATE_WINDOW,
            });
        }
    }

    /// Hands the concordance job due to the event loop, with its number.
    pub fn take_concordance(&mut self) -> Option<(u64, KwicJob)> {
        let k = &mut self.concordance;
        k.pending.take().map(|job| (k.generation, job))
    }

    /// Opens the words-in-context screen on the query and filters as they
    /// are (again, as it was, when they have not changed).
    pub(super) fn show_concordance(&mut self) {
        let query = self.search.query.value().trim().to_string();
        if query.is_empty() {
            self.message = Some(kwic::EMPTY_QUERY.to_string());
            return;
        }
        self.screen = Screen::Concordance;
        let k = &self.concordance;
        if k.query != query || k.filters != self.search.filters || k.failed.is_some() {
            self.concordance.query = query;
            self.concordance.filters = self.search.filters.clone();
            self.request_lines();
        }
    }

    /// After the corpus changed: the lines named passages by their places
    /// in the old index; they are found again in the new one.
    pub(super) fn concordance_index_replaced(&mut self) {
        if !self.concordance.query.is_empty() {
            self.request_lines();
        }
    }

    /// Takes the worker's answer to job `generation`.
    pub(super) fn concordance_answered(&mut self, generation: u64, update: KwicUpdate) {
        if generation != self.concordance.generation {
            return;
        }
        let index = self.index.clone();
        let k = &mut self.concordance;
        match update {
            KwicUpdate::Started {
                synonyms,
                notes,
                passages,
            } => {
                k.synonyms = synonyms;
                k.notes = notes;
                k.passages = passages;
            }
            KwicUpdate::Found { occurrences, done } => {
                k.done = done;
                k.counted += occurrences.len();
                for o in &occurrences {
                    if k.seen_passages.insert(o.ord)
                        && let Some(r) = index.report_of(o.ord)
                        && !k.seen_reports.contains(&r.id)
                    {
                        k.seen_reports.insert(r.id.clone());
                    }
                }
                k.lines.extend(occurrences);
            }
            KwicUpdate::Counting { done, found } => {
                k.done = done;
                k.counted = found;
            }
            KwicUpdate::Finished { sorted } => {
                if let Some((all, totals)) = sorted {
                    k.counted = all.len();
                    k.lines = all;
                    k.sorted_totals = Some(totals);
                }
                k.done = k.passages;
                k.finished = true;
                self.request_collocates();
            }
            KwicUpdate::Collocates(mut found) => {
                kwic::sort_collocates(&mut found, k.collocate_order);
                k.collocates = Some(found);
            }
            KwicUpdate::Failed(e) => {
                k.failed = Some(e.to_string());
                k.finished = true;
            }
        }
    }

    /// Rows of lines and of collocates the screen shows.
    fn concordance_rows(&self) -> (usize, usize) {
        let a = areas(self, self.layout().main);
        (
            usize::from(a.lines.height).max(1),
            a.collocates.map_or(1, |c| usize::from(c.height).max(1)),
        )
    }

    pub(super) fn update_concordance(&mut self, action: Action) {
        match action {
            Action::SortLines(sort) => {
                if sort != self.concordance.sort {
                    self.concordance.sort = sort;
                    self.request_lines();
                }
                return;
            }
            Action::ToggleCollocates => {
                let k = &mut self.concordance;
                k.collocates_shown = !k.collocates_shown;
                k.collocates_focused = k.collocates_shown;
                self.request_collocates();
                return;
            }
            // Esc closes the innermost thing open: the collocates panel,
            // then (a second Esc) the words in context.
            Action::Back if self.concordance.collocates_shown => {
                let k = &mut self.concordance;
                k.collocates_shown = false;
                k.collocates_focused = false;
                return;
            }
            Action::FocusNext | Action::FocusPrev if self.concordance.collocates_shown => {
                let k = &mut self.concordance;
                k.collocates_focused = !k.collocates_focused;
                return;
            }
            Action::CollocateOrder => {
                let k = &mut self.concordance;
                k.collocate_order = match k.collocate_order {
                    CollocateSort::Score => CollocateSort::Count,
                    CollocateSort::Count => CollocateSort::Score,
                };
                if let Some(found) = &mut k.collocates {
                    kwic::sort_collocates(found, k.collocate_order);
                }
                return;
            }
            _ => {}
        }
        if self.update_global(&action) {
            return;
        }
        let (rows, colloc_rows) = self.concordance_rows();
        if self.concordance.collocates_focused && self.concordance.collocates_shown {
            let count = self.concordance.collocates.as_ref().map_or(0, Vec::len);
            let k = &mut self.concordance;
            if action == Action::Open {
                self.add_collocate();
                return;
            }
            k.collocate_selected = moved(k.collocate_selected, count, colloc_rows, &action);
            k.collocate_top = follow(k.collocate_top, k.collocate_selected, colloc_rows);
            return;
        }
        let selected = self
            .concordance
            .lines
            .get(self.concordance.selected)
            .copied();
        // Reading or collecting from the search's words in context commits
        // the search to the history, as doing so from its results does.
        match action {
            Action::Open => {
                if let Some(o) = selected {
                    self.commit_search();
                    self.read_full_screen(Some(o.ord));
                }
            }
            Action::ToggleBasket => {
                if let Some(o) = selected {
                    self.commit_collecting_search();
                    self.toggle_ord(o.ord);
                }
            }
            Action::Copy => {
                if let Some(o) = selected {
                    self.copy_line(&o);
                }
            }
            other => {
                let k = &mut self.concordance;
                k.selected = moved(k.selected, k.lines.len(), rows, &other);
                k.top = follow(k.top, k.selected, rows);
            }
        }
    }

    /// Queues a line, with its report and passage, for the clipboard.
    fn copy_line(&mut self, o: &Occurrence) {
        let Some((r, p)) = self.index.passage(o.ord) else {
            return;
        };
        let c = self.index.occurrence_context(o, 60);
        self.clipboard = Some(format!(
            "{}{}{} ({}, {})",
            c.left.trim_start(),
            c.matched,
            c.right.trim_end(),
            r.short_title,
            p.id
        ));
        self.message = Some(format!(
            "sent the line of {} to the terminal's clipboard (OSC 52)",
            p.id
        ));
    }

    /// Adds the selected collocate to the query as a word every passage
    /// must have, searches again, and makes the concordance anew.
    fn add_collocate(&mut self) {
        let word = self
            .concordance
            .collocates
            .as_ref()
            .and_then(|c| c.get(self.concordance.collocate_selected))
            .map(|c| c.word.clone());
        let Some(word) = word else {
            return;
        };
        let query = format!("{} {word}", self.search.query.value().trim());
        self.search.query = Input::new(query.clone());
        self.search.from_map = None;
        self.search.request();
        self.concordance.query = query;
        self.concordance.collocates_focused = false;
        self.request_lines();
        self.message = Some(format!("added {word} to the query"));
        self.focus = Focus::Results;
    }
}

/// A selection moved by a key, within `count` items and pages of `rows`.
fn moved(selected: usize, count: usize, rows: usize, action: &Action) -> usize {
    let last = count.saturating_sub(1);
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(rows),
        Action::PageDown => (selected + rows).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected.min(last),
    }
}

/// The first row shown, moved as little as keeps `selected` in view.
fn follow(top: usize, selected: usize, rows: usize) -> usize {
    if selected < top {
        selected
    } else if selected >= top + rows {
        selected + 1 - rows
    } else {
        top
    }
}
