//! The evidence map: which cell the cursor is on, its keys, and the counts
//! it shows.

use super::{App, Focus, Screen};
use crate::tui::action::Action;

/// The map screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map {
    /// The cell under the cursor: (theme row, report column).
    pub cursor: (usize, usize),
}

impl App {
    /// Map counts: rows are themes, columns reports, for the current results.
    pub fn map_counts(&self) -> Vec<Vec<usize>> {
        let c = self.corpus();
        let grid = &self.search.results.grid;
        if grid.len() == c.themes.len() {
            return grid.clone();
        }
        vec![vec![0usize; c.reports.len()]; c.themes.len()]
    }

    pub(super) fn update_map(&mut self, action: Action) {
        if self.update_global(&action) {
            return;
        }
        let rows = self.corpus().themes.len().max(1);
        let cols = self.corpus().reports.len().max(1);
        let (r, c) = self.map.cursor;
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
    /// (theme row `r`, report column `c`).
    fn open_cell(&mut self, r: usize, c: usize) {
        let theme = self.corpus().themes.get(r).map(|t| t.id.clone());
        let report = self.corpus().reports.get(c).map(|x| x.id.clone());
        if let (Some(theme), Some(report)) = (theme, report) {
            self.search.from_map = Some(self.search.filters.clone());
            let filters = &mut self.search.filters;
            filters.reports = vec![report];
            filters.themes = vec![theme];
            filters.not_reports.clear();
            filters.not_themes.clear();
            self.search.request();
            self.screen = Screen::Search;
            self.focus = Focus::Results;
            // The first hit, read from its start.
            self.select(0);
        }
    }
}
