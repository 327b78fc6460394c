//! The reader: how far the selected passage's report is scrolled, the
//! reader pane's keys, and what acts on the passage being read (the next
//! match in its report, copying it with its citation).

use super::{App, CHANGED, Focus};
use crate::tui::action::Action;

/// The reader pane's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Rows the reader is scrolled from where it starts (the passage two
    /// rows down); negative is up.
    pub scroll: i32,
}

impl App {
    /// Scrolls the reader to where `to` says (given the scroll now and the
    /// rows of a page), kept within the report.
    fn scroll_reader(&mut self, to: impl FnOnce(i32, i32) -> i32) {
        self.reader.scroll = self
            .layout()
            .text
            .map_or(0, |text| crate::tui::layout::reader::scroll(self, text, to));
    }

    pub(super) fn update_reader(&mut self, action: Action) {
        match action {
            Action::Up | Action::ScrollUp(..) => self.scroll_reader(|now, _| now - 1),
            Action::Down | Action::ScrollDown(..) => self.scroll_reader(|now, _| now + 1),
            Action::PageUp => self.scroll_reader(|now, page| now - page),
            Action::PageDown => self.scroll_reader(|now, page| now + page),
            Action::Top => self.scroll_reader(|_, _| i32::MIN / 2),
            Action::Bottom => self.scroll_reader(|_, _| i32::MAX / 2),
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
            Action::ToggleBasket => self.toggle_selected(),
            Action::Copy => self.copy_selected(),
            Action::Open => self.focus = Focus::Results,
            _ => {}
        }
    }

    /// Selects the next (or previous) hit in the report being read, in the
    /// report's order, going round at its end.
    pub(super) fn jump_match(&mut self, forward: bool) {
        let Some((report, _)) = self.selected_passage() else {
            return;
        };
        let rid = report.id.clone();
        let hits = &self.search.results.hits;
        let mut by_ord: Vec<(usize, usize)> = hits
            .iter()
            .enumerate()
            .filter(|(_, h)| self.index.report_of(h.ord).is_some_and(|r| r.id == rid))
            .map(|(i, h)| (h.ord, i))
            .collect();
        let cur_ord = hits[self.search.selected].ord;
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
            self.select(i);
            self.message = Some(format!(
                "match {} of {} in this report",
                by_ord.iter().position(|&(_, j)| j == i).unwrap_or(0) + 1,
                by_ord.len()
            ));
        }
    }

    /// Queues the selected passage and its citation for the clipboard.
    pub(super) fn copy_selected(&mut self) {
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
}
