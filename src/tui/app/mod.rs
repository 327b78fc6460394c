//! The interface's whole state and the one place it changes: [`App::update`].
//!
//! The state is split by what it belongs to, one file each with its own
//! `update` arm: the search (query, filters, results, selection, the request
//! in flight), the reader, the compare screen, the map, the basket and the
//! overlays. `update` here takes the actions that come from outside (search
//! answers, a new index, the terminal's size) and the keys every screen
//! shares, and hands the rest to the overlay on top or the screen shown.
//!
//! Rendering reads an `&App`; searching happens on a worker thread that the
//! event loop feeds from [`App::take_search`] and answers with
//! [`Action::SearchDone`], numbered so an older answer never replaces a newer
//! one. Building an `App` is pure: the caller loads the basket and reads the
//! date, and hands them over as a [`Start`].

mod basket;
mod compare;
mod concordance;
mod map;
mod overlays;
mod reader;
mod recall;
mod search;

pub use basket::Collection;
pub use compare::{Compare, MAX_COMPARED, MIN_COMPARED};
pub use concordance::{COLLOCATE_WINDOW, Concordance};
pub use map::{Map, NO_THEME_ROW};
pub use overlays::{ExportChoice, ExportFormat, ExportPrompt, Overlay, Overlays, overwrite_names};
// For the tests of the help's scroll and of typed export paths.
#[cfg(test)]
pub(super) use overlays::home_expanded;
pub use reader::Reader;
pub use recall::{Recall, RecallOverlay};
pub use search::{Mark, Search};

use super::action::{Action, KeyContext, Reopened};
use super::layout::{self, Layout};
use evidence::basket::Basket;
use evidence::corpus::{Corpus, Passage, Report};
use evidence::export;
use evidence::history::History;
use evidence::saved::Searches;
use evidence::search::{Filters, Hit, Index, SearchRequest};
use evidence::state::Tracked;
use evidence::workspace::CorpusRef;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;

/// What a hit whose report file changed since the index was made says.
pub const CHANGED: &str =
    "this report's file has changed since it was indexed; the index is being brought up to date";

impl App {
    /// What a hit whose report file changed says now: [`CHANGED`], or, when
    /// the update failed, that it could not be brought up to date and why.
    pub fn changed_note(&self) -> String {
        match &self.reindex_failed {
            None => CHANGED.to_string(),
            Some(why) => format!(
                "this report's file has changed since it was indexed, and the index could not be updated ({why})"
            ),
        }
    }
}

/// The full-screen views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Search,
    Compare,
    Map,
    Basket,
    /// The reader on the whole screen.
    Reading,
    /// Words in context: the concordance of the query.
    Concordance,
}

/// The panes of the search screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    Filters,
    Results,
    Reader,
}

/// What an [`App`] starts from besides its index: what the caller read from
/// the world before the first frame, so that building the app reads nothing.
#[derive(Debug, Default)]
pub struct Start {
    /// The basket as it was saved.
    pub basket: Basket,
    /// Where the basket is saved after each change; `None` keeps it in memory.
    pub basket_path: Option<PathBuf>,
    /// The workspace's name, for the status line; `None` without one.
    pub workspace: Option<String>,
    /// The corpus open, as collected excerpts remember it.
    pub corpus: Option<CorpusRef>,
    /// Today's date, YYYY-MM-DD, for export file names and headers.
    pub today: String,
    /// The working folder, where an export named without a folder goes.
    pub cwd: PathBuf,
    /// A first word for the status line (a basket file set aside, say).
    pub message: Option<String>,
    /// The workspace's search history as saved, and where it is saved
    /// after each search; `None` keeps it in memory.
    pub history: Tracked<History>,
    pub history_path: Option<PathBuf>,
    /// The workspace's saved searches, and where they are saved.
    pub saved: Tracked<Searches>,
    pub saved_path: Option<PathBuf>,
    /// The export choice the workspace's explorer last wrote with, and
    /// where it is kept.
    pub export: ExportChoice,
    pub export_path: Option<PathBuf>,
}

/// The interface state.
pub struct App {
    pub index: Arc<Index>,
    pub screen: Screen,
    /// The pane of the search screen that takes the keys.
    pub focus: Focus,
    pub search: Search,
    pub reader: Reader,
    pub compare: Compare,
    /// The words-in-context screen.
    pub concordance: Concordance,
    pub map: Map,
    pub basket: Collection,
    /// The search history and saved searches.
    pub recall: Recall,
    pub overlays: Overlays,
    /// A one-line message for the status bar.
    pub message: Option<String>,
    pub quit: bool,
    /// Text queued for the clipboard (OSC 52), taken by the event loop.
    clipboard: Option<String>,
    pub size: (u16, u16),
    /// Today's date, YYYY-MM-DD.
    pub today: String,
    /// The working folder, where an export named without a folder goes.
    pub cwd: PathBuf,
    /// Why the last update of the index after a corpus change failed, until
    /// one succeeds: a changed report's hits then say the index is not
    /// being brought up to date.
    pub reindex_failed: Option<String>,
    /// What the terminal is told once the explorer has closed: what
    /// quitting did to keep the user's work.
    pub parting: Vec<String>,
    /// Keys pressed while the search they would act on was still running,
    /// as pressed: read and applied in order once it answers, each in the
    /// state the keys before it left (`/` then letters types a query).
    pub held: Vec<crossterm::event::KeyEvent>,
}

/// At most this many keys wait for a search (a search that never answers
/// does not take every key after it).
const HELD_KEYS: usize = 256;

impl App {
    /// A new interface over an index, starting from `start`; the first
    /// search (the empty query: every passage) is asked for at once.
    pub fn new(index: Arc<Index>, start: Start) -> Self {
        let mut app = App {
            index,
            screen: Screen::Search,
            focus: Focus::Query,
            search: Search::default(),
            reader: Reader::default(),
            compare: Compare::new(),
            concordance: Concordance::default(),
            map: Map::default(),
            recall: Recall::new(
                start.history,
                start.history_path,
                start.saved,
                start.saved_path,
                start.corpus.clone(),
            ),
            basket: Collection {
                export: start.export,
                export_written: start.export,
                export_path: start.export_path,
                ..Collection::new(
                    start.basket,
                    start.basket_path,
                    start.workspace,
                    start.corpus,
                )
            },
            overlays: Overlays::default(),
            message: start.message,
            quit: false,
            clipboard: None,
            size: (80, 24),
            today: start.today,
            cwd: start.cwd,
            reindex_failed: None,
            parting: Vec::new(),
            held: Vec::new(),
        };
        app.search.request();
        app
    }

    pub fn corpus(&self) -> &Corpus {
        self.index.corpus()
    }

    /// The context the key map needs for the next key.
    pub fn key_context(&self) -> KeyContext {
        match self.overlays.top() {
            Some(Overlay::ExportPath(_) | Overlay::Note { .. }) => KeyContext::Text,
            Some(Overlay::ConfirmOverwrite { .. }) => KeyContext::Question,
            Some(Overlay::Help | Overlay::ComparePicker | Overlay::Notes { .. }) => {
                KeyContext::Normal
            }
            Some(Overlay::Recall(r)) if r.takes_text() => KeyContext::Text,
            Some(Overlay::Recall(_)) => KeyContext::Normal,
            None if self.screen == Screen::Search && self.focus == Focus::Query => KeyContext::Text,
            None => KeyContext::Normal,
        }
    }

    /// The screen laid out at the terminal's size, as it is drawn.
    pub fn layout(&self) -> Layout {
        layout::compute(Rect::new(0, 0, self.size.0, self.size.1), self)
    }

    /// Hands the latest search request to the event loop, if one is due.
    pub fn take_search(&mut self) -> Option<(u64, SearchRequest)> {
        self.search.take()
    }

    /// Hands the text queued for the clipboard to the event loop.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// Searches the index of the corpus as it now is. Until its answer
    /// comes, no hit is shown: the hits of the old index would name
    /// passages by their places in it. `note` (the new corpus's problems)
    /// follows the status line's word.
    fn replace_index(&mut self, index: Arc<Index>, note: Option<String>) {
        // The passage selected, to select again wherever it ranks now; when
        // a second change comes before the first one's answer (an editor
        // saving twice), no hit is shown, and the one to select stays.
        // (By the old index's own places: the selected passage's file may
        // already read otherwise on disk, which `selected_passage` checks.)
        if let Some((_, p)) = self.selected_hit().and_then(|h| self.index.passage(h.ord)) {
            self.search.reselect = Some(p.id.clone());
        }
        // A passage opened on the whole screen by its place in the old
        // index: the new one may have another there. Back to where it was
        // opened from.
        if self.screen == Screen::Reading && self.reader.pinned.take().is_some() {
            self.screen = self.reader.back.take().unwrap_or(Screen::Search);
        }
        self.index = index;
        self.concordance_index_replaced();
        self.search.forget_results(self.index.corpus());
        // The saved searches' counts are of the old corpus: counted again.
        if !self.recall.counts.is_empty() {
            self.request_counts();
        }
        self.reader.scroll = 0;
        let mut message = format!(
            "the corpus changed: the index is up to date ({})",
            evidence::english::plural(self.index.corpus().passage_count(), "passage")
        );
        if let Some(note) = note {
            message.push_str("; ");
            message.push_str(&note);
        }
        self.message = Some(message);
    }

    /// The selected hit, if the results have one.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.search.results.hits.get(self.search.selected)
    }

    /// The selected hit's passage, with its report.
    pub fn selected_passage(&self) -> Option<(&Report, &Passage)> {
        self.hit_passage(self.selected_hit()?.ord)
    }

    /// The passage a hit names, with its report; `None` while the report's
    /// file has changed since the index was made, when the hit may name
    /// another passage, or words the passage no longer has. (The folder
    /// watch brings the index up to date.)
    pub fn hit_passage(&self, ord: usize) -> Option<(&Report, &Passage)> {
        let report = self.index.report_of(ord)?;
        if self.corpus().changed(report) {
            return None;
        }
        self.index.passage(ord)
    }

    /// Whether the selected hit's report file has changed since the index
    /// was made.
    pub fn selected_changed(&self) -> bool {
        self.selected_hit()
            .and_then(|hit| self.index.report_of(hit.ord))
            .is_some_and(|r| self.corpus().changed(r))
    }

    /// A key pressed. One for the results while their search runs (Enter
    /// then Space typed fast, or pasted) waits for the answer: on the old
    /// results it would collect, open or take out a passage the user never
    /// saw in this search; and once one waits, the keys after it wait too,
    /// to be read in the state it leaves. Ctrl-C never waits; past
    /// [`HELD_KEYS`] (a search that never answers) keys act at once.
    pub fn key(&mut self, key: crossterm::event::KeyEvent) {
        let on_results = match self.screen {
            Screen::Search => matches!(self.focus, Focus::Results | Focus::Reader),
            Screen::Reading => true,
            _ => false,
        } && self.overlays.top().is_none();
        let action = super::action::action_for(key, self.key_context());
        let waits = self.search.searching
            && (on_results || !self.held.is_empty())
            && self.held.len() < HELD_KEYS
            && action != Some(Action::ForceQuit);
        if waits {
            self.held.push(key);
        } else if let Some(action) = action {
            self.update(action);
        }
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::SearchDone(generation, result) => {
                if let Some(message) = self.search.answered(generation, *result, &self.index) {
                    self.message = Some(message);
                }
                self.search_answered();
                if !self.search.searching && !self.held.is_empty() {
                    // What the search said stays said, whatever the keys do.
                    let said = self.message.clone();
                    for key in std::mem::take(&mut self.held) {
                        self.key(key);
                    }
                    if self.message.is_none() {
                        self.message = said;
                    }
                }
                return;
            }
            Action::CountsDone(generation, counts) => {
                self.counted(generation, counts);
                return;
            }
            Action::KwicDone(generation, update) => {
                self.concordance_answered(generation, *update);
                return;
            }
            Action::ForceQuit => {
                self.quitting();
                return;
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                return;
            }
            Action::CorpusChanged => {
                self.message = Some("the corpus changed: updating the index…".to_string());
                return;
            }
            Action::IndexReplaced(Reopened(index), note) => {
                self.reindex_failed = None;
                self.replace_index(index, note);
                return;
            }
            Action::ReindexFailed(why) => {
                self.reindex_failed = Some(why.to_string());
                self.message = Some(format!(
                    "the corpus changed, but the index could not be updated ({why}); results may be out of date"
                ));
                return;
            }
            _ => {}
        }
        // While the terminal is too small to draw in, nothing is shown, so
        // keys would act unseen (typing into the hidden query, or `q`
        // quitting from a pane the user cannot see): all do nothing, as
        // the screen says, but Ctrl-C (taken above).
        let (w, h) = self.size;
        if w < crate::tui::layout::MIN_SIZE.0 || h < crate::tui::layout::MIN_SIZE.1 {
            return;
        }
        // Only the same key again takes out an excerpt with a note.
        if !matches!(action, Action::Remove | Action::ToggleBasket) {
            self.basket.pending_removal = None;
        }
        if !matches!(action, Action::UpdateExcerpt) {
            self.basket.pending_update = None;
        }
        // The pointer's row, and a page of hits, are read off the screen
        // the user saw: laid out before this action, with the message's
        // rows. (Scrolling the reader is kept within the screen to come.)
        let pointer = matches!(
            action,
            Action::Click(..) | Action::ScrollUp(..) | Action::ScrollDown(..)
        );
        let seen =
            (pointer || matches!(action, Action::PageUp | Action::PageDown)).then(|| self.layout());
        // A message the pointer leaves unchanged goes after it.
        if pointer {
            let shown = self.message.clone();
            self.route(action, seen.as_ref());
            if self.message == shown {
                self.message = None;
            }
            return;
        }
        if !matches!(action, Action::Insert(_) | Action::Backspace) {
            self.message = None;
        }
        self.route(action, seen.as_ref());
    }

    /// Gives an action to the open overlay, else to the screen; `seen` is
    /// the screen as the user saw it, for the pointer and page keys.
    fn route(&mut self, action: Action, seen: Option<&Layout>) {
        if let Some(overlay) = self.overlays.top().cloned() {
            self.update_overlay(overlay, action);
            return;
        }
        match self.screen {
            Screen::Search => self.update_search(action, seen),
            Screen::Compare => self.update_compare(action, seen),
            Screen::Map => self.update_map(action),
            Screen::Basket => self.update_basket(action, seen),
            Screen::Reading => self.update_reading(action),
            Screen::Concordance => self.update_concordance(action),
        }
    }

    /// Keys every screen shares; returns true when handled.
    fn update_global(&mut self, action: &Action) -> bool {
        match action {
            Action::Quit => self.quit_asked(),
            Action::Help => self.overlays.push(Overlay::Help),
            Action::ShowNotes if !self.search.results.notes.is_empty() => {
                self.overlays.push(Overlay::Notes { scroll: 0 });
            }
            Action::ShowNotes => self.message = Some("this search has no notes".to_string()),
            Action::ShowBasket => {
                self.screen = Screen::Basket;
                // What another explorer or the command line changed since
                // is shown: merged in, as a save would, but not written.
                self.basket.refresh();
                self.basket.keep_selection_in_range();
            }
            Action::ShowMap => {
                // From a map cell's passages, the map as it was.
                if let Some(filters) = self.search.from_map.take() {
                    self.search.filters = filters;
                    self.search.request();
                }
                self.screen = Screen::Map;
            }
            Action::ShowCompare => self.show_compare(),
            Action::HistorySearch => self.open_history(),
            Action::ShowSaved => self.open_saved(),
            Action::SaveSearch => self.ask_save_name(),
            Action::ShowFilters => {
                self.screen = Screen::Search;
                self.focus = Focus::Filters;
            }
            Action::ShowConcordance => self.show_concordance(),
            Action::FocusQuery => {
                self.screen = Screen::Search;
                self.focus = Focus::Query;
            }
            Action::Export => {
                // What another explorer or the command line collected
                // meanwhile is exported too (nothing to merge, and no file
                // made, for an empty basket with no file yet).
                if !self.basket.contents.excerpts.is_empty()
                    || self.basket.path.as_ref().is_some_and(|p| p.exists())
                {
                    self.save_basket();
                }
                if self.basket.contents.excerpts.is_empty() {
                    self.message = Some(basket::EMPTY_BASKET.to_string());
                } else {
                    let name = export::default_file_name(&self.today);
                    self.overlays.push(Overlay::ExportPath(ExportPrompt::new(
                        &name,
                        self.basket.export_written,
                    )));
                }
            }
            Action::ClearFilters => {
                self.search.filters = Filters::default();
                self.search.from_map = None;
                self.search.request();
                self.message = Some("filters cleared".to_string());
            }
            Action::Back => {
                if self.screen != Screen::Search {
                    self.screen = Screen::Search;
                } else {
                    self.focus = Focus::Query;
                }
            }
            _ => return false,
        }
        true
    }
}
