//! The search history and saved searches as the explorer holds them: the
//! workspace's two files (loaded by the caller, saved after each change,
//! merging with another instance's writes), stepping back and forward
//! through earlier searches from the query bar (Ctrl-P, Ctrl-N), the
//! history list (Ctrl-R), saving the search (S) and the saved list (s),
//! whose hit counts the event loop has a worker count ([`App::take_counts`],
//! answered with [`Action::CountsDone`]).
//!
//! A search is recorded when it is committed: Enter in the query bar, or
//! opening, collecting or exporting from its results. One committed while
//! its answer is on the way is recorded when the answer comes, with its
//! hit count.

use super::{App, Focus, Overlay, Screen, overlays::edit_input};
use crate::tui::action::Action;
use evidence::english::plural;
use evidence::history::{Entry, History};
use evidence::saved::{self, SavedSearch, Searches};
use evidence::search::{Filters, SearchRequest};
use evidence::state::{Kept, Tracked};
use evidence::workspace::CorpusRef;
use std::path::PathBuf;
use tui_input::Input;

/// An overlay of the history or the saved searches.
#[derive(Debug, Clone)]
pub enum RecallOverlay {
    /// Ctrl-R: earlier searches, newest first, narrowed by what is typed.
    History { filter: Input, selected: usize },
    /// The saved searches, each with its hit count.
    Saved { selected: usize },
    /// S: the name to save the search under.
    SaveName(Input),
    /// r in the saved list: a new name for the saved search `name`.
    Rename { name: String, input: Input },
}

impl RecallOverlay {
    /// Whether typing goes into it.
    pub fn takes_text(&self) -> bool {
        !matches!(self, RecallOverlay::Saved { .. })
    }
}

/// The history and the saved searches.
#[derive(Debug, Default)]
pub struct Recall {
    pub history: Tracked<History>,
    /// Where the history is saved; `None` keeps it in memory.
    pub history_path: Option<PathBuf>,
    pub saved: Tracked<Searches>,
    /// Where the saved searches are saved; `None` keeps them in memory.
    pub saved_path: Option<PathBuf>,
    /// The corpus open, as history entries remember it.
    corpus: Option<CorpusRef>,
    /// How far Ctrl-P has stepped back: a place in the history's searches,
    /// newest first (each once).
    pub step: Option<usize>,
    /// What was in the query bar before stepping back, for Ctrl-N to return to.
    draft: Option<(String, Filters)>,
    /// A search committed before its answer came: recorded when it comes.
    record_pending: bool,
    /// The pending search was committed by collecting an excerpt.
    pending_collecting: bool,
    /// The latest search recorded collected an excerpt: the next is
    /// another entry even if it extends its query, so that the search an
    /// excerpt was found with stays in the history.
    last_collected: bool,
    /// Each saved search's hit count, in the list's order; `None` while
    /// being counted, or when it cannot run.
    pub counts: Vec<Option<usize>>,
    counts_generation: u64,
    counts_pending: Option<Vec<SearchRequest>>,
    /// The name S was given that another saved search has: Enter again
    /// replaces that one.
    replace_asked: Option<String>,
    /// The saved search `d` was pressed on once: `d` again deletes it, any
    /// other key keeps it (a saved search is the user's own work, and one
    /// key press should not lose it).
    delete_asked: Option<String>,
}

impl Recall {
    pub(super) fn new(
        history: Tracked<History>,
        history_path: Option<PathBuf>,
        saved: Tracked<Searches>,
        saved_path: Option<PathBuf>,
        corpus: Option<CorpusRef>,
    ) -> Self {
        Recall {
            history,
            history_path,
            saved,
            saved_path,
            corpus,
            ..Recall::default()
        }
    }

    /// The history's searches newest first, each once, narrowed by `filter`.
    pub fn entries(&self, filter: &str) -> Vec<&Entry> {
        self.history.value.newest_first(filter)
    }
}

/// Saves a state file where it lives; the status line's word if that failed
/// or a bad file was set aside.
fn save<T: Kept>(tracked: &mut Tracked<T>, path: Option<&PathBuf>) -> Option<String> {
    let path = path?;
    match tracked.save(path) {
        Ok(saved) => saved.set_aside.map(|aside| {
            format!(
                "{} file could not be read; it was kept as {}",
                T::WHAT,
                aside.display()
            )
        }),
        Err(e) => Some(format!("{} not saved: {e}", T::WHAT)),
    }
}

impl App {
    /// Hands the saved searches to count to the event loop, if due.
    pub fn take_counts(&mut self) -> Option<(u64, Vec<SearchRequest>)> {
        let r = &mut self.recall;
        r.counts_pending.take().map(|c| (r.counts_generation, c))
    }

    /// Asks for every saved search's hit count in the corpus open.
    pub(super) fn request_counts(&mut self) {
        let requests: Vec<SearchRequest> = self
            .recall
            .saved
            .value
            .list
            .iter()
            .map(|s| SearchRequest {
                query: s.query.clone(),
                filters: s.filters_in(self.index.corpus()).0,
                limit: 0,
            })
            .collect();
        let r = &mut self.recall;
        r.counts = vec![None; requests.len()];
        r.counts_generation += 1;
        r.counts_pending = Some(requests);
    }

    /// The worker's counts for request `generation` (an older one is dropped).
    pub(super) fn counted(&mut self, generation: u64, counts: Vec<Option<usize>>) {
        if generation == self.recall.counts_generation {
            self.recall.counts = counts;
        }
    }

    /// The search in the query bar and filters is committed: recorded now,
    /// or when its answer comes if it is on the way.
    pub(super) fn commit_search(&mut self) {
        self.commit(false);
    }

    /// As [`Self::commit_search`], for a search an excerpt is being
    /// collected from: the next search does not take its place.
    pub(super) fn commit_collecting_search(&mut self) {
        self.commit(true);
    }

    fn commit(&mut self, collecting: bool) {
        if self.search.searching {
            self.recall.record_pending = true;
            self.recall.pending_collecting |= collecting;
        } else {
            self.record_search(collecting);
        }
    }

    /// A search answered: records it if it was committed meanwhile.
    pub(super) fn search_answered(&mut self) {
        if self.recall.record_pending && !self.search.searching {
            self.recall.record_pending = false;
            let collecting = std::mem::take(&mut self.recall.pending_collecting);
            self.record_search(collecting);
        }
    }

    fn record_search(&mut self, collecting: bool) {
        let entry = Entry::now(
            self.search.query.value(),
            &self.search.filters,
            self.recall.corpus.as_ref(),
            self.search.results.total,
        );
        let history = &mut self.recall.history.value;
        let recorded = if self.recall.last_collected {
            history.record_run(entry)
        } else {
            history.record(entry)
        };
        if recorded {
            self.recall.last_collected = collecting;
        }
        if recorded {
            let r = &mut self.recall;
            if let Some(word) = save(&mut r.history, r.history_path.as_ref()) {
                self.message = Some(word);
            }
        }
    }

    /// Puts a search in the query bar and the filters (those the corpus
    /// no longer has left out) and asks for it.
    fn put_search(&mut self, query: &str, filters: &Filters) {
        let corpus = self.index.corpus();
        // A search recorded with ids in another case (an older program's
        // `--report BIG-MED`) keeps its filters.
        let mut filters = filters.spelled_as(corpus);
        for ids in [&mut filters.reports, &mut filters.not_reports] {
            ids.retain(|id| corpus.report(id).is_some());
        }
        for ids in [&mut filters.themes, &mut filters.not_themes] {
            ids.retain(|id| corpus.theme(id).is_some());
        }
        self.search.query = Input::new(query.to_string());
        self.search.filters = filters;
        self.search.from_map = None;
        self.select(0);
        self.search.request();
    }

    /// Ctrl-P (`back`) and Ctrl-N in the query bar: the search before or
    /// after the one shown, as in a shell; forward past the newest gives
    /// back what was typed.
    pub(super) fn step_history(&mut self, back: bool) {
        if self.recall.step.is_none() {
            self.sync_history();
        }
        let entries = self.recall.entries("");
        let len = entries.len();
        // The first step back skips the search shown, when it is the newest.
        let shown = entries.first().is_some_and(|e| {
            e.query == self.search.query.value().trim() && e.filters == self.search.filters
        });
        let first = usize::from(shown && len > 1);
        let next = match (self.recall.step, back) {
            (None, true) if len > 0 => Some(first),
            (None, _) => return,
            (Some(i), true) => Some((i + 1).min(len.saturating_sub(1))),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
        if self.recall.step.is_none() {
            self.recall.draft = Some((
                self.search.query.value().to_string(),
                self.search.filters.clone(),
            ));
        }
        self.recall.step = next;
        match next {
            Some(i) => {
                let Some(e) = self.recall.entries("").get(i).map(|e| (*e).clone()) else {
                    return;
                };
                self.put_search(&e.query, &e.filters);
                self.message = Some(format!(
                    "earlier search {} of {len} (Ctrl-P back, Ctrl-N forward)",
                    i + 1
                ));
            }
            None => {
                let (query, filters) = self.recall.draft.take().unwrap_or_default();
                self.put_search(&query, &filters);
            }
        }
    }

    /// Takes in the history another explorer (or the command line) wrote
    /// since this one last read or wrote it.
    fn sync_history(&mut self) {
        let r = &mut self.recall;
        if let Some(path) = &r.history_path {
            let _ = r.history.sync(path);
        }
    }

    /// Ctrl-R: the history list.
    pub(super) fn open_history(&mut self) {
        self.sync_history();
        if self.recall.history.value.entries.is_empty() {
            self.message = Some("no searches yet: the history keeps each one you run".into());
            return;
        }
        self.overlays.push(Overlay::Recall(RecallOverlay::History {
            filter: Input::default(),
            selected: 0,
        }));
    }

    /// s: the saved searches (with those another instance saved since),
    /// counted afresh.
    pub(super) fn open_saved(&mut self) {
        let r = &mut self.recall;
        if let Some(path) = &r.saved_path {
            let _ = r.saved.sync(path);
        }
        self.request_counts();
        self.overlays
            .push(Overlay::Recall(RecallOverlay::Saved { selected: 0 }));
    }

    /// S: asks for a name to save the search under, the query as a start.
    pub(super) fn ask_save_name(&mut self) {
        let query = self.search.query.value().trim().to_string();
        if query.is_empty() && self.search.filters.is_empty() {
            self.message = Some("nothing to save: type a query or set a filter first".into());
            return;
        }
        self.overlays
            .push(Overlay::Recall(RecallOverlay::SaveName(Input::new(query))));
    }

    /// Gives an action to a history or saved-search overlay, the one on top.
    pub(super) fn update_recall(&mut self, overlay: RecallOverlay, action: Action) {
        match overlay {
            RecallOverlay::History { filter, selected } => {
                self.update_history_list(filter, selected, action)
            }
            RecallOverlay::Saved { selected } => self.update_saved_list(selected, action),
            RecallOverlay::SaveName(input) => self.update_save_name(input, action),
            RecallOverlay::Rename { name, input } => self.update_rename(name, input, action),
        }
    }

    fn update_history_list(&mut self, mut filter: Input, selected: usize, action: Action) {
        let n = self.recall.entries(filter.value()).len();
        let last = n.saturating_sub(1);
        let selected = match action {
            Action::Back | Action::HistorySearch => {
                self.overlays.pop();
                return;
            }
            Action::Submit | Action::Open => {
                let Some(e) = self
                    .recall
                    .entries(filter.value())
                    .get(selected)
                    .map(|e| (*e).clone())
                else {
                    return;
                };
                self.overlays.pop();
                // A filter the corpus open does not have (the search was
                // run on another, or the report is gone) is left out, and
                // said, as a saved search's is.
                let (_, missing) = e.filters.within(self.index.corpus());
                self.rerun(&e.query, &e.filters);
                if !missing.is_empty() {
                    self.message = Some(format!(
                        "the corpus has no {}; the search runs without {}",
                        missing.join(", "),
                        if missing.len() == 1 {
                            "that filter"
                        } else {
                            "those filters"
                        }
                    ));
                }
                return;
            }
            Action::Up | Action::HistoryPrev | Action::ScrollUp(..) => selected.saturating_sub(1),
            Action::Down | Action::HistoryNext | Action::ScrollDown(..) => (selected + 1).min(last),
            Action::PageUp => selected.saturating_sub(10),
            Action::PageDown => (selected + 10).min(last),
            other => {
                if !edit_input(&mut filter, &other) {
                    return;
                }
                0
            }
        };
        self.overlays
            .replace_top(Overlay::Recall(RecallOverlay::History { filter, selected }));
    }

    /// Runs a search from the history or the saved list, committed: the
    /// query bar keeps the keys when the list was opened from it (to edit
    /// what was recalled); from anywhere else the results have them, so
    /// that `j` and Space browse and collect rather than type.
    fn rerun(&mut self, query: &str, filters: &Filters) {
        self.put_search(query, filters);
        self.recall.step = None;
        self.screen = Screen::Search;
        if self.focus != Focus::Query {
            self.focus = Focus::Results;
        }
        self.commit_search();
    }

    fn update_saved_list(&mut self, selected: usize, action: Action) {
        let n = self.recall.saved.value.list.len();
        let asked = self.recall.delete_asked.take();
        let last = n.saturating_sub(1);
        let selected = match action {
            Action::Back | Action::ShowSaved | Action::Quit => {
                self.overlays.pop();
                return;
            }
            Action::Help => {
                self.overlays.push(Overlay::Help);
                return;
            }
            Action::Up | Action::ScrollUp(..) => selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) => (selected + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open if selected < n => {
                let s = self.recall.saved.value.list[selected].clone();
                let (_, notes) = s.filters_in(self.index.corpus());
                self.overlays.pop();
                self.rerun(&s.query, &s.filters);
                self.message = Some(match notes.first() {
                    Some(note) => note.clone(),
                    None => format!("ran the saved search `{}`", s.name),
                });
                return;
            }
            Action::Remove if selected < n => {
                let name = self.recall.saved.value.list[selected].name.clone();
                if asked.as_deref() != Some(name.as_str()) {
                    self.message = Some(format!(
                        "d again deletes the saved search `{name}`; any other key keeps it"
                    ));
                    self.recall.delete_asked = Some(name);
                    return;
                }
                let _ = self.recall.saved.value.remove(&name);
                if selected < self.recall.counts.len() {
                    self.recall.counts.remove(selected);
                }
                self.save_searches(|_| format!("deleted the saved search `{name}`"));
                selected.min(n.saturating_sub(2))
            }
            Action::Rename if selected < n => {
                let name = self.recall.saved.value.list[selected].name.clone();
                self.overlays.push(Overlay::Recall(RecallOverlay::Rename {
                    input: Input::new(name.clone()),
                    name,
                }));
                return;
            }
            _ => return,
        };
        self.overlays
            .replace_top(Overlay::Recall(RecallOverlay::Saved { selected }));
    }

    /// Saves the saved searches, saying `done` of how many there are then
    /// (another explorer's come in with the save), or why they were not saved.
    fn save_searches(&mut self, done: impl FnOnce(usize) -> String) {
        let r = &mut self.recall;
        let before = r.saved.value.list.len();
        let word = save(&mut r.saved, r.saved_path.as_ref());
        let after = r.saved.value.list.len();
        // Another instance's searches came in: count them too.
        if after != before || r.counts.len() != after {
            self.request_counts();
        }
        self.message = Some(word.unwrap_or_else(|| done(after)));
    }

    fn update_save_name(&mut self, mut input: Input, action: Action) {
        match action {
            Action::Back => {
                self.recall.replace_asked = None;
                self.overlays.pop();
            }
            Action::Submit => {
                let name = match saved::check_name(input.value()) {
                    Ok(name) => name,
                    Err(e) => {
                        self.message = Some(e.to_string());
                        return;
                    }
                };
                let search =
                    SavedSearch::new(&name, self.search.query.value(), &self.search.filters);
                // Another search under this name is replaced only when
                // Enter is pressed again for it: one saved by another
                // explorer or the command line since this list was read
                // too, so the list is read again first.
                if let Some(path) = &self.recall.saved_path {
                    let _ = self.recall.saved.sync(path);
                }
                if let Some(old) = self.recall.saved.value.get(&name)
                    && (old.query != search.query || old.filters != search.filters)
                    && self.recall.replace_asked.as_deref() != Some(name.as_str())
                {
                    self.message = Some(format!(
                        "`{name}` already names a saved search, for `{}`: Enter again replaces it, or give another name",
                        old.query.trim()
                    ));
                    self.recall.replace_asked = Some(name);
                    return;
                }
                self.recall.replace_asked = None;
                self.overlays.pop();
                let replaced = self.recall.saved.value.put(search).is_some();
                self.request_counts();
                self.save_searches(|n| {
                    format!(
                        "{} `{name}` ({}; s lists them)",
                        if replaced {
                            "replaced the saved search"
                        } else {
                            "saved the search as"
                        },
                        plural(n, "saved search"),
                    )
                });
            }
            other => {
                self.recall.replace_asked = None;
                if edit_input(&mut input, &other) {
                    self.overlays
                        .replace_top(Overlay::Recall(RecallOverlay::SaveName(input)));
                }
            }
        }
    }

    fn update_rename(&mut self, name: String, mut input: Input, action: Action) {
        match action {
            Action::Back => self.overlays.pop(),
            Action::Submit => match self.recall.saved.value.rename(&name, input.value()) {
                Ok(()) => {
                    self.overlays.pop();
                    let to = input.value().trim().to_string();
                    self.save_searches(|_| format!("renamed `{name}` to `{to}`"));
                }
                Err(e) => self.message = Some(e.to_string()),
            },
            other => {
                if edit_input(&mut input, &other) {
                    self.overlays
                        .replace_top(Overlay::Recall(RecallOverlay::Rename { name, input }));
                }
            }
        }
    }
}
