//! The compare screen: the reports (or the theme) side by side, each
//! column's scroll, and the picker that chooses them.

use super::{App, Overlay, Screen};
use crate::tui::action::Action;
use evidence::corpus::{Corpus, Passage, Report};

/// The most reports compared side by side: four columns of 20 fit the
/// narrowest terminal (80 columns). A theme's columns, which may be more,
/// are shown this many at a time.
pub const MAX_COMPARED: usize = 4;

/// The fewest reports that make a comparison.
pub const MIN_COMPARED: usize = 2;

/// Rows a page key scrolls the columns: half of what a column shows on the
/// smallest terminal (20 rows inside its borders), so that part of the
/// page before stays in view.
const COMPARE_PAGE: i32 = 10;

/// What the compare screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compare {
    /// Report ids, [`MIN_COMPARED`] to [`MAX_COMPARED`], when comparing reports.
    pub reports: Vec<String>,
    /// A theme id, when comparing one theme across reports.
    pub theme: Option<String>,
    /// Scroll offset of each column; a column without one is at its top.
    pub scroll: Vec<u16>,
    pub linked: bool,
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
        if let Some(theme) = &self.theme {
            return corpus
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
        self.reports
            .iter()
            .filter_map(|id| corpus.report(id))
            .map(|r| (r, r.key_passages()))
            .collect()
    }

    /// Whether anything is chosen to compare.
    fn is_empty(&self) -> bool {
        self.reports.is_empty() && self.theme.is_none()
    }

    /// Every column back to its top. (The offsets are dropped: a column
    /// without one is at its top, and [`App::update_compare`] gives every
    /// column one before it scrolls any.)
    fn scroll_to_top(&mut self) {
        self.scroll.clear();
    }

    /// Scrolls the focused column, or all `columns` when linked, by `delta` rows.
    fn scroll_by(&mut self, columns: usize, delta: i32) {
        let targets = if self.linked {
            0..columns
        } else {
            self.column..self.column + 1
        };
        for i in targets {
            let v = i32::from(self.scroll[i]) + delta;
            self.scroll[i] = v.max(0) as u16;
        }
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
        if (MIN_COMPARED..=MAX_COMPARED).contains(&self.search.filters.reports.len()) {
            self.compare.reports = self.search.filters.reports.clone();
            self.compare.theme = None;
        }
        if self.compare.is_empty() {
            self.compare.ticked.clear();
            self.overlays.push(Overlay::ComparePicker);
        }
        self.compare.scroll_to_top();
    }

    pub(super) fn update_compare(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let columns = self.compare_columns().len().max(1);
        if self.compare.scroll.len() < columns {
            self.compare.scroll.resize(columns, 0);
        }
        let compare = &mut self.compare;
        match action {
            Action::Up | Action::ScrollUp(..) => compare.scroll_by(columns, -1),
            Action::Down | Action::ScrollDown(..) => compare.scroll_by(columns, 1),
            Action::PageUp => compare.scroll_by(columns, -COMPARE_PAGE),
            Action::PageDown => compare.scroll_by(columns, COMPARE_PAGE),
            Action::Top => compare.scroll_to_top(),
            Action::Left | Action::FocusPrev => compare.column = compare.column.saturating_sub(1),
            Action::Right | Action::FocusNext => {
                compare.column = (compare.column + 1).min(columns - 1)
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
                        self.message = Some(format!(
                            "tick {MIN_COMPARED} to {MAX_COMPARED} reports with Space, then Enter; or Enter on a theme"
                        ));
                        return;
                    }
                    compare.reports = compare.ticked.clone();
                    compare.theme = None;
                }
                compare.scroll_to_top();
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
