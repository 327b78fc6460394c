//! The evidence map: which cell the cursor is on, its keys, and the counts
//! it shows.

use super::{App, Focus, Screen};
use crate::tui::action::Action;

/// The label of the map's row of passages that carry no theme.
pub const NO_THEME_ROW: &str = evidence::json::NO_THEME_LABEL;

/// The map screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map {
    /// The cell under the cursor: (theme row, report column).
    pub cursor: (usize, usize),
}

impl App {
    /// Map counts: rows are themes, columns reports, for the current
    /// results; then, when some matching passages carry no theme (a
    /// document imported or coded without one), a row of those.
    pub fn map_counts(&self) -> Vec<Vec<usize>> {
        let c = self.corpus();
        let results = &self.search.results;
        let mut rows = if results.grid.len() == c.themes.len() {
            results.grid.clone()
        } else {
            vec![vec![0usize; c.reports.len()]; c.themes.len()]
        };
        if self.has_no_theme_row() {
            rows.push(results.unthemed.clone());
        }
        rows
    }

    /// Whether the map has its last row, of passages without a theme.
    fn has_no_theme_row(&self) -> bool {
        let c = self.corpus();
        let unthemed = &self.search.results.unthemed;
        !c.themes.is_empty() && unthemed.len() == c.reports.len() && unthemed.iter().any(|&n| n > 0)
    }

    /// How many rows the map has (see [`App::map_counts`]), counted
    /// without copying them.
    fn map_rows(&self) -> usize {
        self.corpus().themes.len() + usize::from(self.has_no_theme_row())
    }

    /// The map's row labels, in the order of [`App::map_counts`].
    pub fn map_labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = self
            .corpus()
            .themes
            .iter()
            .map(|t| t.label.as_str())
            .collect();
        if self.has_no_theme_row() {
            labels.push(NO_THEME_ROW);
        }
        labels
    }

    pub(super) fn update_map(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let rows = self.map_rows().max(1);
        let cols = self.corpus().reports.len().max(1);
        let (r, c) = self.map.cursor;
        let r = r.min(rows - 1);
        self.map.cursor = match action {
            Action::Up => (r.saturating_sub(1), c),
            Action::Down => ((r + 1).min(rows - 1), c),
            Action::Left | Action::FocusPrev => (r, c.saturating_sub(1)),
            Action::Right | Action::FocusNext => (r, (c + 1).min(cols - 1)),
            Action::Top => (0, c),
            Action::Bottom => (rows - 1, c),
            Action::Open => {
                self.open_cell(r, c);
                (r, c)
            }
            _ => (r, c),
        };
    }

    /// The search screen's results, filtered to the passages of cell
    /// (theme row `r`, report column `c`). The row of passages without a
    /// theme leaves out every theme.
    fn open_cell(&mut self, r: usize, c: usize) {
        let themes = &self.corpus().themes;
        let (theme, not_themes) = match themes.get(r) {
            Some(t) => (vec![t.id.clone()], Vec::new()),
            None if r == themes.len() && self.map_rows() > r => {
                (Vec::new(), themes.iter().map(|t| t.id.clone()).collect())
            }
            None => return,
        };
        // Known only when the counts are of the search as it is, and drawn
        // with no filter: a filter's counts are of other passages than the
        // cell's (opening it replaces the filters).
        let results = &self.search.results;
        let reports = self.corpus().reports.len();
        let current = !self.search.searching && self.search.filters.is_empty();
        let count = match results.grid.get(r) {
            Some(row) if results.grid.len() == themes.len() && row.len() == reports => {
                row.get(c).copied()
            }
            _ if r == themes.len() && results.unthemed.len() == reports => {
                results.unthemed.get(c).copied()
            }
            _ => None,
        }
        .filter(|_| current);
        if count == Some(0) {
            // An empty list would only be a step back to take: say why
            // there is nothing to open instead.
            let corpus = self.corpus();
            let report = corpus.reports.get(c).map(|x| x.short_title.clone());
            let row = match corpus.themes.get(r) {
                Some(t) => format!("on the theme {}", t.label),
                None => "without a theme".to_string(),
            };
            if let Some(report) = report {
                let matching = if self.search.query.value().trim().is_empty() {
                    ""
                } else {
                    " matching this search"
                };
                self.message = Some(format!(
                    "nothing to open: {report} has no passage{matching} {row}"
                ));
            }
            return;
        }
        let report = self.corpus().reports.get(c).map(|x| x.id.clone());
        if let Some(report) = report {
            self.search.from_map = Some(self.search.filters.clone());
            let filters = &mut self.search.filters;
            filters.reports = vec![report];
            filters.themes = theme;
            filters.not_reports.clear();
            filters.not_themes = not_themes;
            self.search.request();
            self.screen = Screen::Search;
            self.focus = Focus::Results;
            // The first hit, read from its start.
            self.select(0);
        }
    }
}
