//! The interface's whole state and the one place it changes: [`App::update`].
//! Rendering reads an `&App`; searching happens on a worker thread that the
//! event loop feeds from [`App::take_search`] and answers with
//! [`Action::SearchDone`], numbered so an older answer never replaces a newer one.

use super::action::{Action, KeyContext, Reopened};
use evidence::basket::{Basket, ExcerptStatus};
use evidence::corpus::{Corpus, Passage, Report};
use evidence::export;
use evidence::search::{Filters, Index, SearchRequest, SearchResults};
use std::path::PathBuf;
use std::sync::Arc;
use tui_input::{Input, InputRequest};

/// The most results the interface lists for one query.
pub const RESULT_LIMIT: usize = 500;

/// Excerpts a page key moves in the basket (each takes several rows).
const BASKET_PAGE: usize = 5;

const EMPTY_BASKET: &str = "the basket is empty: add passages with Space first";

/// What a hit whose report file changed since the index was made says.
pub const CHANGED: &str =
    "this report's file has changed since it was indexed; the index is being brought up to date";

/// A typed path with a leading `~` meaning the home folder, as in a shell.
pub(super) fn home_expanded(path: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match path.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| PathBuf::from(path)),
        Some(rest) if rest.starts_with(std::path::MAIN_SEPARATOR) || rest.starts_with('/') => {
            home().map_or_else(|| PathBuf::from(path), |h| h.join(&rest[1..]))
        }
        _ => PathBuf::from(path),
    }
}

/// The full-screen views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Search,
    Compare,
    Map,
    Basket,
}

/// The panes of the search screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    Filters,
    Results,
    Reader,
}

/// What sits on top of the screen, taking the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    /// The export path prompt.
    ExportPath(Input),
    /// "Overwrite PATH?"
    ConfirmOverwrite(PathBuf),
    /// A note being written on basket entry `index`.
    Note {
        index: usize,
        input: Input,
    },
    /// Choosing the reports or theme to compare.
    ComparePicker,
}

/// A filter entry's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Included,
    Excluded,
}

/// What the compare screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compare {
    /// Report ids, 2–4, when comparing reports.
    pub reports: Vec<String>,
    /// A theme id, when comparing one theme across reports.
    pub theme: Option<String>,
    /// Scroll offset of each column.
    pub scroll: Vec<u16>,
    pub linked: bool,
    pub column: usize,
    /// Cursor in the picker list (reports, then themes).
    pub picker: usize,
    /// Reports ticked in the picker.
    pub ticked: Vec<String>,
}

/// The interface state.
pub struct App {
    pub index: Arc<Index>,
    pub query: Input,
    pub filters: Filters,
    pub results: SearchResults,
    /// The query the shown results answer.
    pub results_query: String,
    pub selected: usize,
    /// Rows the reader is scrolled from where it starts (the passage two
    /// rows down); negative is up.
    pub reader_scroll: i32,
    /// The passage to select again once the search of a new index answers.
    pub reselect: Option<String>,
    pub screen: Screen,
    pub focus: Focus,
    pub overlays: Vec<Overlay>,
    /// Cursor in the filter list: reports first, then themes.
    pub filter_cursor: usize,
    pub basket: Basket,
    pub basket_path: Option<PathBuf>,
    pub basket_selected: usize,
    pub compare: Compare,
    /// Map cursor: (theme row, report column).
    pub map_cursor: (usize, usize),
    /// A one-line message for the status bar.
    pub message: Option<String>,
    pub quit: bool,
    /// Text queued for the clipboard (OSC 52), taken by the event loop.
    pub clipboard: Option<String>,
    pub size: (u16, u16),
    /// Number of the latest search asked for, and whether it is still running.
    pub generation: u64,
    pub searching: bool,
    pending: Option<SearchRequest>,
    /// Rows of the results list on screen, set by rendering's layout maths.
    pub page: usize,
    /// Today's date, YYYY-MM-DD.
    pub today: String,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
}

impl App {
    /// A new interface over an index, with the basket loaded from `basket_path`.
    pub fn new(index: Arc<Index>, basket_path: Option<PathBuf>) -> Self {
        let mut message = None;
        let basket = match &basket_path {
            Some(path) => match Basket::load(path) {
                Ok(loaded) => {
                    if let Some(aside) = loaded.set_aside {
                        message = Some(format!(
                            "the basket file could not be read; it was kept as {} and a new basket started",
                            aside.display()
                        ));
                    }
                    loaded.basket
                }
                Err(e) => {
                    message = Some(format!("basket not loaded: {e}"));
                    Basket::default()
                }
            },
            None => Basket::default(),
        };
        let mut app = App {
            index,
            query: Input::default(),
            filters: Filters::default(),
            results: SearchResults::default(),
            results_query: String::new(),
            selected: 0,
            reader_scroll: 0,
            reselect: None,
            screen: Screen::Search,
            focus: Focus::Query,
            overlays: Vec::new(),
            filter_cursor: 0,
            basket,
            basket_path,
            basket_selected: 0,
            compare: Compare {
                linked: true,
                ..Compare::default()
            },
            map_cursor: (0, 0),
            message,
            quit: false,
            clipboard: None,
            size: (80, 24),
            generation: 0,
            searching: false,
            pending: None,
            page: 10,
            today: evidence::date::today(),
            help_scroll: 0,
        };
        app.request_search();
        app
    }

    pub fn corpus(&self) -> &Corpus {
        self.index.corpus()
    }

    /// The context the key map needs for the next key.
    pub fn key_context(&self) -> KeyContext {
        match self.overlays.last() {
            Some(Overlay::ExportPath(_) | Overlay::Note { .. }) => KeyContext::Text,
            Some(Overlay::ConfirmOverwrite(_)) => KeyContext::Question,
            Some(Overlay::Help | Overlay::ComparePicker) => KeyContext::Normal,
            None if self.screen == Screen::Search && self.focus == Focus::Query => KeyContext::Text,
            None => KeyContext::Normal,
        }
    }

    /// Hands the latest search request to the event loop, if one is due.
    pub fn take_search(&mut self) -> Option<(u64, SearchRequest)> {
        self.pending.take().map(|r| (self.generation, r))
    }

    fn request_search(&mut self) {
        self.generation += 1;
        self.searching = true;
        self.pending = Some(SearchRequest {
            query: self.query.value().to_string(),
            filters: self.filters.clone(),
            limit: RESULT_LIMIT,
        });
    }

    /// Searches the index of the corpus as it now is. Until its answer
    /// comes, no hit is shown: the hits of the old index would name
    /// passages by their places in it.
    fn replace_index(&mut self, index: Arc<Index>) {
        self.reselect = self.selected_passage().map(|(_, p)| p.id.clone());
        self.index = index;
        let corpus = self.index.corpus();
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
        self.reader_scroll = 0;
        self.request_search();
        self.message = Some(format!(
            "the corpus changed: the index is up to date ({})",
            evidence::english::plural(self.index.corpus().passage_count(), "passage")
        ));
    }

    /// The selected hit's passage, with its report.
    pub fn selected_passage(&self) -> Option<(&Report, &Passage)> {
        let hit = self.results.hits.get(self.selected)?;
        self.hit_passage(hit.ord)
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
        self.results
            .hits
            .get(self.selected)
            .and_then(|hit| self.index.report_of(hit.ord))
            .is_some_and(|r| self.corpus().changed(r))
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

    fn set_mark(&mut self, id: &str, is_report: bool, want: Mark) {
        let current = self.mark(id, is_report);
        let (inc, exc) = if is_report {
            (&mut self.filters.reports, &mut self.filters.not_reports)
        } else {
            (&mut self.filters.themes, &mut self.filters.not_themes)
        };
        inc.retain(|x| x != id);
        exc.retain(|x| x != id);
        if current != want {
            match want {
                Mark::Included => inc.push(id.to_string()),
                Mark::Excluded => exc.push(id.to_string()),
                Mark::None => {}
            }
        }
        self.request_search();
    }

    /// Passages of the report on the compare screen's column `i`.
    pub fn compare_columns(&self) -> Vec<(&Report, Vec<&Passage>)> {
        let c = self.corpus();
        if let Some(theme) = &self.compare.theme {
            return c
                .reports
                .iter()
                .filter_map(|r| {
                    let ps: Vec<&Passage> = r
                        .passages
                        .iter()
                        .filter(|p| p.themes.contains(theme))
                        .collect();
                    (!ps.is_empty()).then_some((r, ps))
                })
                .collect();
        }
        self.compare
            .reports
            .iter()
            .filter_map(|id| c.report(id))
            .map(|r| (r, r.key_passages()))
            .collect()
    }

    /// Map counts: rows are themes, columns reports, for the current results.
    pub fn map_counts(&self) -> Vec<Vec<usize>> {
        let c = self.corpus();
        if self.results.grid.len() == c.themes.len() {
            return self.results.grid.clone();
        }
        vec![vec![0usize; c.reports.len()]; c.themes.len()]
    }

    fn save_basket(&mut self) {
        if let Some(path) = self.basket_path.clone()
            && let Err(e) = self.basket.save(&path)
        {
            self.message = Some(format!("basket not saved: {e}"));
        }
    }

    fn toggle_basket(&mut self, ord: Option<usize>) {
        let Some(ord) = ord else { return };
        // The index is shared, so the passage is borrowed, not copied (a
        // report's clone would copy all its passages).
        let index = self.index.clone();
        if index
            .report_of(ord)
            .is_some_and(|r| self.corpus().changed(r))
        {
            self.message = Some(CHANGED.to_string());
            return;
        }
        let Some((r, p)) = index.passage(ord) else {
            return;
        };
        let added = self.basket.toggle(r, p, self.query.value());
        self.message = Some(if added {
            format!(
                "added {} to the basket ({})",
                p.id,
                evidence::english::plural(self.basket.excerpts.len(), "excerpt")
            )
        } else {
            format!("took {} out of the basket", p.id)
        });
        self.save_basket();
    }

    fn write_export(&mut self, path: PathBuf, force: bool) {
        if self.basket.excerpts.is_empty() {
            self.message = Some(EMPTY_BASKET.to_string());
            return;
        }
        let meta = export::ExportMeta {
            title: export::default_title(&self.basket.excerpts),
            date: self.today.clone(),
            queries: self.basket.queries.clone(),
            filters: filter_descriptions(&self.filters),
        };
        let text = export::markdown(&self.basket.excerpts, &meta);
        match export::write_output(&path.to_string_lossy(), text.as_bytes(), force) {
            Ok(_) => {
                self.message = Some(format!(
                    "wrote {} to {}",
                    evidence::english::plural(self.basket.excerpts.len(), "excerpt"),
                    path.display()
                ));
            }
            Err(evidence::Error::Exists { .. }) => {
                self.overlays.push(Overlay::ConfirmOverwrite(path))
            }
            Err(e) => self.message = Some(format!("export failed, the basket is kept: {e}")),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let len = self.results.hits.len();
        if len == 0 {
            return;
        }
        let next = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        if next != self.selected {
            self.selected = next;
            self.reader_scroll = 0;
        }
    }

    fn jump_match(&mut self, forward: bool) {
        let Some((report, _)) = self.selected_passage() else {
            return;
        };
        let rid = report.id.clone();
        let same: Vec<usize> = self
            .results
            .hits
            .iter()
            .enumerate()
            .filter(|(_, h)| self.index.report_of(h.ord).is_some_and(|r| r.id == rid))
            .map(|(i, h)| (i, h.ord))
            .map(|(i, _)| i)
            .collect();
        let cur_ord = self.results.hits[self.selected].ord;
        let mut by_ord: Vec<(usize, usize)> = same
            .iter()
            .map(|&i| (self.results.hits[i].ord, i))
            .collect();
        by_ord.sort();
        let pick = if forward {
            by_ord.iter().find(|(o, _)| *o > cur_ord).or(by_ord.first())
        } else {
            by_ord
                .iter()
                .rev()
                .find(|(o, _)| *o < cur_ord)
                .or(by_ord.last())
        };
        if let Some(&(_, i)) = pick {
            self.selected = i;
            self.reader_scroll = 0;
            self.message = Some(format!(
                "match {} of {} in this report",
                by_ord.iter().position(|&(_, j)| j == i).unwrap_or(0) + 1,
                by_ord.len()
            ));
        }
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        if let Action::SearchDone(generation, result) = action {
            if generation == self.generation {
                self.searching = false;
                match *result {
                    Ok(results) => {
                        self.results = results;
                        self.results_query = self.query.value().to_string();
                        self.selected =
                            self.selected.min(self.results.hits.len().saturating_sub(1));
                        // After a new index, the passage that was selected,
                        // wherever it now ranks, else the first.
                        if let Some(id) = self.reselect.take() {
                            self.selected = self
                                .results
                                .hits
                                .iter()
                                .position(|h| {
                                    self.index.passage(h.ord).is_some_and(|(_, p)| p.id == id)
                                })
                                .unwrap_or(0);
                        }
                    }
                    Err(e) => self.message = Some(format!("search failed: {e}")),
                }
            }
            return;
        }
        match action {
            Action::ForceQuit => {
                self.quit = true;
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
            Action::IndexReplaced(Reopened(index)) => {
                self.replace_index(index);
                return;
            }
            Action::ReindexFailed(why) => {
                self.message = Some(format!(
                    "the corpus changed, but the index could not be updated ({why}); results may be out of date"
                ));
                return;
            }
            _ => {}
        }
        // The pointer's row is mapped to what was on screen, where the message
        // took its rows; a message the action leaves unchanged goes after it.
        if matches!(
            action,
            Action::Click(..) | Action::ScrollUp(..) | Action::ScrollDown(..)
        ) {
            let shown = self.message.clone();
            self.route(action);
            if self.message == shown {
                self.message = None;
            }
            return;
        }
        if !matches!(action, Action::Insert(_) | Action::Backspace) {
            self.message = None;
        }
        self.route(action);
    }

    /// Gives an action to the open overlay, else to the screen.
    fn route(&mut self, action: Action) {
        if let Some(overlay) = self.overlays.last().cloned() {
            self.update_overlay(overlay, action);
            return;
        }
        match self.screen {
            Screen::Search => self.update_search(action),
            Screen::Compare => self.update_compare(action),
            Screen::Map => self.update_map(action),
            Screen::Basket => self.update_basket(action),
        }
    }

    /// Keys every screen shares; returns true when handled.
    fn update_global(&mut self, action: &Action) -> bool {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help),
            Action::ShowBasket => {
                self.screen = Screen::Basket;
                self.basket_selected = self
                    .basket_selected
                    .min(self.basket.excerpts.len().saturating_sub(1));
            }
            Action::ShowMap => {
                self.screen = Screen::Map;
            }
            Action::ShowCompare => {
                self.screen = Screen::Compare;
                let picked = if (2..=4).contains(&self.filters.reports.len()) {
                    Some(self.filters.reports.clone())
                } else {
                    None
                };
                if let Some(reports) = picked {
                    self.compare.reports = reports;
                    self.compare.theme = None;
                }
                if self.compare.reports.is_empty() && self.compare.theme.is_none() {
                    self.compare.ticked.clear();
                    self.overlays.push(Overlay::ComparePicker);
                }
                self.compare.scroll = vec![0; 4];
            }
            Action::ShowFilters => {
                self.screen = Screen::Search;
                self.focus = Focus::Filters;
            }
            Action::FocusQuery => {
                self.screen = Screen::Search;
                self.focus = Focus::Query;
            }
            Action::Export => {
                if self.basket.excerpts.is_empty() {
                    self.message = Some(EMPTY_BASKET.to_string());
                } else {
                    let name = export::default_file_name(&self.today);
                    self.overlays.push(Overlay::ExportPath(Input::new(name)));
                }
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.request_search();
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

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match overlay {
            Overlay::Help => match action {
                Action::Back | Action::Help | Action::Quit => {
                    self.overlays.pop();
                    self.help_scroll = 0;
                }
                Action::Up | Action::ScrollUp(..) => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                Action::Down | Action::ScrollDown(..) => {
                    self.help_scroll = self.help_scroll.saturating_add(1).min(40)
                }
                Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Action::PageDown => self.help_scroll = self.help_scroll.saturating_add(10).min(40),
                Action::Top => self.help_scroll = 0,
                _ => {}
            },
            Overlay::ConfirmOverwrite(path) => match action {
                Action::Yes => {
                    self.overlays.clear();
                    self.write_export(path, true);
                }
                Action::No | Action::Back => {
                    self.overlays.pop();
                    self.message = Some(format!("{} was left as it was", path.display()));
                }
                _ => {}
            },
            Overlay::ExportPath(mut input) => match action {
                Action::Back => {
                    self.overlays.pop();
                }
                Action::Submit => {
                    let path = input.value().trim().to_string();
                    if path.is_empty() {
                        self.message = Some("type a file name to export to".to_string());
                        return;
                    }
                    self.overlays.pop();
                    self.write_export(home_expanded(&path), false);
                }
                other => {
                    if edit_input(&mut input, &other)
                        && let Some(last) = self.overlays.last_mut()
                    {
                        *last = Overlay::ExportPath(input);
                    }
                }
            },
            Overlay::Note { index, mut input } => match action {
                Action::Back => {
                    self.overlays.pop();
                }
                Action::Submit => {
                    self.overlays.pop();
                    self.basket.set_note(index, input.value().trim());
                    self.save_basket();
                    self.message = Some("note saved".to_string());
                }
                other => {
                    if edit_input(&mut input, &other)
                        && let Some(last) = self.overlays.last_mut()
                    {
                        *last = Overlay::Note { index, input };
                    }
                }
            },
            Overlay::ComparePicker => self.update_picker(action),
        }
    }

    fn update_picker(&mut self, action: Action) {
        let reports = self.corpus().reports.len();
        let total = reports + self.corpus().themes.len();
        match action {
            Action::Up => self.compare.picker = self.compare.picker.saturating_sub(1),
            Action::Down => {
                self.compare.picker = (self.compare.picker + 1).min(total.saturating_sub(1))
            }
            Action::Top => self.compare.picker = 0,
            Action::Bottom => self.compare.picker = total.saturating_sub(1),
            Action::ToggleBasket | Action::Include => {
                if let Some(r) = self.corpus().reports.get(self.compare.picker) {
                    let id = r.id.clone();
                    if let Some(pos) = self.compare.ticked.iter().position(|x| *x == id) {
                        self.compare.ticked.remove(pos);
                    } else if self.compare.ticked.len() < 4 {
                        self.compare.ticked.push(id);
                    } else {
                        self.message = Some("at most 4 reports side by side".to_string());
                    }
                }
            }
            Action::Open => {
                if self.compare.picker >= reports {
                    let theme = self.corpus().themes[self.compare.picker - reports]
                        .id
                        .clone();
                    self.compare.theme = Some(theme);
                    self.compare.reports.clear();
                } else {
                    if self.compare.ticked.is_empty()
                        && let Some(r) = self.corpus().reports.get(self.compare.picker)
                    {
                        self.compare.ticked.push(r.id.clone());
                    }
                    if self.compare.ticked.len() < 2 {
                        self.message = Some(
                            "tick 2 to 4 reports with Space, then Enter; or Enter on a theme"
                                .to_string(),
                        );
                        return;
                    }
                    self.compare.reports = self.compare.ticked.clone();
                    self.compare.theme = None;
                }
                self.compare.scroll = vec![0; 16];
                self.compare.column = 0;
                self.overlays.pop();
            }
            Action::Back | Action::Quit => {
                self.overlays.pop();
                if self.compare.reports.is_empty() && self.compare.theme.is_none() {
                    self.screen = Screen::Search;
                }
            }
            Action::Help => self.overlays.push(Overlay::Help),
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        if self.focus == Focus::Query {
            match &action {
                Action::Submit => {
                    if !self.results.hits.is_empty() {
                        self.focus = Focus::Results;
                        self.selected = 0;
                        self.reader_scroll = 0;
                    }
                    return;
                }
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    self.focus = Focus::Results;
                    self.update_search(action);
                    return;
                }
                other => {
                    let before = self.query.value().to_string();
                    if edit_input(&mut self.query, other) {
                        if self.query.value() != before {
                            self.selected = 0;
                            self.reader_scroll = 0;
                            self.request_search();
                        }
                        return;
                    }
                }
            }
        }
        if self.update_global(&action) {
            return;
        }
        if let Action::Click(x, y) | Action::ScrollUp(x, y) | Action::ScrollDown(x, y) = action {
            self.mouse(action.clone(), x, y);
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
                Focus::Results => self.update_results(action),
                Focus::Reader => self.update_reader(action),
                Focus::Query => {}
            },
        }
    }

    /// Routes a click or wheel turn to the pane under the pointer, turning
    /// screen rows into list positions.
    fn mouse(&mut self, action: Action, x: u16, y: u16) {
        let areas = super::ui::areas_of(self);
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y > r.y && y + 1 < r.y + r.height
        };
        let click = matches!(action, Action::Click(..));
        if inside(areas.results) {
            self.focus = Focus::Results;
            if click {
                let (head, rows) = super::ui::results_rows(self);
                let offset = self.selected.saturating_sub(rows - 1);
                let line = y - areas.results.y - 1;
                if line >= head {
                    let row = offset + usize::from(line - head) / 2;
                    self.update_results(Action::Click(0, u16::try_from(row).unwrap_or(u16::MAX)));
                }
            } else {
                self.update_results(action);
            }
        } else if inside(areas.reader) {
            self.focus = Focus::Reader;
            if !click {
                self.update_reader(action);
            }
        } else if inside(areas.filters) {
            self.focus = Focus::Filters;
            if click {
                // Rows: "Reports", the reports, "Themes", the themes (unscrolled).
                let line = (y - areas.filters.y - 1) as usize;
                let reports = self.corpus().reports.len();
                let entry = match line {
                    0 => None,
                    l if l <= reports => Some(l - 1),
                    l if l == reports + 1 => None,
                    l => Some(l - 2),
                };
                if let Some(i) = entry {
                    self.update_filters(Action::Click(0, i as u16));
                }
            }
        } else if y < areas.query.y + areas.query.height {
            self.focus = Focus::Query;
        }
    }

    fn update_filters(&mut self, action: Action) {
        let entries = self.filter_entries();
        let n = entries.len();
        match action {
            Action::Up => self.filter_cursor = self.filter_cursor.saturating_sub(1),
            Action::Down => self.filter_cursor = (self.filter_cursor + 1).min(n.saturating_sub(1)),
            Action::PageUp => self.filter_cursor = self.filter_cursor.saturating_sub(10),
            Action::PageDown => {
                self.filter_cursor = (self.filter_cursor + 10).min(n.saturating_sub(1))
            }
            Action::Top => self.filter_cursor = 0,
            Action::Bottom => self.filter_cursor = n.saturating_sub(1),
            Action::Open | Action::ToggleBasket | Action::Include => {
                if let Some((id, _, is_report)) = entries.get(self.filter_cursor) {
                    self.set_mark(id, *is_report, Mark::Included);
                }
            }
            Action::Exclude => {
                if let Some((id, _, is_report)) = entries.get(self.filter_cursor) {
                    self.set_mark(id, *is_report, Mark::Excluded);
                }
            }
            Action::Click(_, row) => self.filter_cursor = (row as usize).min(n.saturating_sub(1)),
            _ => {}
        }
    }

    fn update_results(&mut self, action: Action) {
        let page = self.page.max(1) as isize;
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::Top => self.move_selection(-(self.selected as isize)),
            Action::Bottom => self.move_selection(self.results.hits.len() as isize),
            Action::Open if !self.results.hits.is_empty() => self.focus = Focus::Reader,
            Action::ToggleBasket => {
                let ord = self.results.hits.get(self.selected).map(|h| h.ord);
                self.toggle_basket(ord);
            }
            Action::Copy => self.copy_selected(),
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
            Action::Click(_, row) => {
                let i = row as usize;
                if i < self.results.hits.len() {
                    self.selected = i;
                    self.reader_scroll = 0;
                }
            }
            Action::ScrollUp(..) => self.move_selection(-3),
            Action::ScrollDown(..) => self.move_selection(3),
            _ => {}
        }
    }

    /// Scrolls the reader to where `to` says (given the scroll now and the
    /// rows of a page), kept within the report.
    fn scroll_reader(&mut self, to: impl FnOnce(i32, i32) -> i32) {
        self.reader_scroll = super::ui::scroll_reader(self, to);
    }

    fn update_reader(&mut self, action: Action) {
        match action {
            Action::Up | Action::ScrollUp(..) => self.scroll_reader(|now, _| now - 1),
            Action::Down | Action::ScrollDown(..) => self.scroll_reader(|now, _| now + 1),
            Action::PageUp => self.scroll_reader(|now, page| now - page),
            Action::PageDown => self.scroll_reader(|now, page| now + page),
            Action::Top => self.scroll_reader(|_, _| i32::MIN / 2),
            Action::Bottom => self.scroll_reader(|_, _| i32::MAX / 2),
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
            Action::ToggleBasket => {
                let ord = self.results.hits.get(self.selected).map(|h| h.ord);
                self.toggle_basket(ord);
            }
            Action::Copy => self.copy_selected(),
            Action::Open => self.focus = Focus::Results,
            _ => {}
        }
    }

    fn copy_selected(&mut self) {
        let copied = self
            .selected_passage()
            .map(|(r, p)| (format!("“{}”\n— {}", p.text, r.cite(p)), p.id.clone()));
        if let Some((text, id)) = copied {
            self.clipboard = Some(text);
            self.message = Some(format!("copied {id} with its citation"));
        } else if self.selected_changed() {
            self.message = Some(CHANGED.to_string());
        }
    }

    fn update_compare(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let columns = self.compare_columns().len().max(1);
        if self.compare.scroll.len() < columns {
            self.compare.scroll.resize(columns, 0);
        }
        let scroll = |app: &mut App, delta: i32| {
            let targets: Vec<usize> = if app.compare.linked {
                (0..columns).collect()
            } else {
                vec![app.compare.column]
            };
            for i in targets {
                let v = app.compare.scroll[i] as i32 + delta;
                app.compare.scroll[i] = v.max(0) as u16;
            }
        };
        match action {
            Action::Up | Action::ScrollUp(..) => scroll(self, -1),
            Action::Down | Action::ScrollDown(..) => scroll(self, 1),
            Action::PageUp => scroll(self, -10),
            Action::PageDown => scroll(self, 10),
            Action::Top => {
                for s in &mut self.compare.scroll {
                    *s = 0;
                }
            }
            Action::Left | Action::FocusPrev => {
                self.compare.column = self.compare.column.saturating_sub(1)
            }
            Action::Right | Action::FocusNext => {
                self.compare.column = (self.compare.column + 1).min(columns - 1)
            }
            Action::ToggleLink => {
                self.compare.linked = !self.compare.linked;
                self.message = Some(
                    if self.compare.linked {
                        "columns scroll together"
                    } else {
                        "columns scroll on their own (←/→ picks one)"
                    }
                    .to_string(),
                );
            }
            Action::Pick => {
                self.compare.ticked = self.compare.reports.clone();
                self.overlays.push(Overlay::ComparePicker);
            }
            _ => {}
        }
    }

    fn update_map(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let rows = self.corpus().themes.len().max(1);
        let cols = self.corpus().reports.len().max(1);
        let (r, c) = self.map_cursor;
        self.map_cursor = match action {
            Action::Up => (r.saturating_sub(1), c),
            Action::Down => ((r + 1).min(rows - 1), c),
            Action::Left | Action::FocusPrev => (r, c.saturating_sub(1)),
            Action::Right | Action::FocusNext => (r, (c + 1).min(cols - 1)),
            Action::Top => (0, c),
            Action::Bottom => (rows - 1, c),
            Action::Open => {
                let theme = self.corpus().themes.get(r).map(|t| t.id.clone());
                let report = self.corpus().reports.get(c).map(|x| x.id.clone());
                if let (Some(theme), Some(report)) = (theme, report) {
                    self.filters.reports = vec![report];
                    self.filters.themes = vec![theme];
                    self.filters.not_reports.clear();
                    self.filters.not_themes.clear();
                    self.request_search();
                    self.screen = Screen::Search;
                    self.focus = Focus::Results;
                    self.selected = 0;
                }
                (r, c)
            }
            _ => (r, c),
        };
    }

    fn update_basket(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let n = self.basket.excerpts.len();
        let i = self.basket_selected;
        match action {
            Action::Up | Action::ScrollUp(..) => self.basket_selected = i.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) => {
                self.basket_selected = (i + 1).min(n.saturating_sub(1))
            }
            Action::Top => self.basket_selected = 0,
            Action::Bottom => self.basket_selected = n.saturating_sub(1),
            Action::PageUp => self.basket_selected = i.saturating_sub(BASKET_PAGE),
            Action::PageDown => self.basket_selected = (i + BASKET_PAGE).min(n.saturating_sub(1)),
            Action::MoveUp if i > 0 && i < n => {
                self.basket.move_up(i);
                self.basket_selected = i - 1;
                self.save_basket();
            }
            Action::MoveDown if i + 1 < n => {
                self.basket.move_down(i);
                self.basket_selected = i + 1;
                self.save_basket();
            }
            Action::Remove | Action::ToggleBasket if i < n => {
                let id = self.basket.excerpts[i].passage_id.clone();
                self.basket.remove(i);
                self.basket_selected = i.min(self.basket.excerpts.len().saturating_sub(1));
                self.message = Some(format!("took {id} out of the basket"));
                self.save_basket();
            }
            Action::EditNote | Action::Open if i < n => {
                let note = self.basket.excerpts[i].note.clone();
                self.overlays.push(Overlay::Note {
                    index: i,
                    input: Input::new(note),
                });
            }
            Action::Click(_, y) => {
                if let Some(i) = super::ui::basket_excerpt_at(self, y) {
                    self.basket_selected = i;
                }
            }
            _ => {}
        }
    }

    /// Status of each basket entry against the current corpus.
    pub fn basket_status(&self) -> Vec<ExcerptStatus> {
        self.basket.status(self.corpus())
    }
}

/// Applies a text-editing action to an input; false if it is not an edit.
fn edit_input(input: &mut Input, action: &Action) -> bool {
    let request = match action {
        Action::Insert(c) => InputRequest::InsertChar(*c),
        Action::Backspace => InputRequest::DeletePrevChar,
        Action::Delete => InputRequest::DeleteNextChar,
        Action::CursorLeft => InputRequest::GoToPrevChar,
        Action::CursorRight => InputRequest::GoToNextChar,
        Action::CursorHome => InputRequest::GoToStart,
        Action::CursorEnd => InputRequest::GoToEnd,
        Action::ClearInput => {
            *input = Input::default();
            return true;
        }
        _ => return false,
    };
    input.handle(request);
    true
}

/// The filters in words, for the export's header and the status line.
pub fn filter_descriptions(f: &Filters) -> Vec<String> {
    let mut out = Vec::new();
    for (label, ids) in [
        ("report", &f.reports),
        ("not report", &f.not_reports),
        ("theme", &f.themes),
        ("not theme", &f.not_themes),
    ] {
        if !ids.is_empty() {
            out.push(format!("{label}: {}", ids.join(", ")));
        }
    }
    out
}
