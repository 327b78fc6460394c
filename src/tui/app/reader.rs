//! The reader: how far the passage's report is scrolled, the reader pane's
//! keys, the reader on the whole screen (the selected hit's passage, or one
//! opened from compare), and what acts on the passage being read (the next
//! match in its report, collecting it, copying it with its citation).

use super::{App, Focus, Screen};
use crate::tui::action::Action;

/// The reader's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Rows the reader is scrolled from where it starts (the passage two
    /// rows down); negative is up.
    pub scroll: i32,
    /// On the whole screen: the passage read (by its place in corpus
    /// order) when it is not the selected hit (one opened from compare).
    pub pinned: Option<usize>,
    /// On the whole screen: the screen it goes back to.
    pub back: Option<Screen>,
    /// On the whole screen: the pane that had the focus before (`z` from
    /// the results goes back to the results, where j and k move the list).
    pub focus_back: Option<Focus>,
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

    /// The passage being read, by its place in corpus order: the one
    /// opened on the whole screen, else the selected hit's.
    pub fn read_ord(&self) -> Option<usize> {
        match self.reader.pinned {
            Some(ord) if self.screen == Screen::Reading => Some(ord),
            _ => self.selected_hit().map(|h| h.ord),
        }
    }

    /// The passage being read, with its report (see [`App::read_ord`]).
    pub fn read_passage(&self) -> Option<(&evidence::corpus::Report, &evidence::corpus::Passage)> {
        self.hit_passage(self.read_ord()?)
    }

    /// Shows the reader on the whole screen: the selected hit's passage,
    /// or `pinned` (one opened from another screen); Esc goes back to the
    /// screen it came from.
    pub(super) fn read_full_screen(&mut self, pinned: Option<usize>) {
        if pinned.is_none() && self.selected_passage().is_none() {
            self.message = Some("select a result to read it on the whole screen".to_string());
            return;
        }
        if pinned.is_some() {
            self.reader.scroll = 0;
        }
        self.reader.pinned = pinned;
        self.reader.back = Some(self.screen);
        self.reader.focus_back = Some(self.focus);
        self.screen = Screen::Reading;
    }

    /// The whole-screen reader's keys: the reader's, and z or Esc back.
    pub(super) fn update_reading(&mut self, action: Action) {
        match action {
            Action::Back | Action::FullScreen | Action::Open => {
                self.screen = self.reader.back.take().unwrap_or(Screen::Search);
                if self.reader.pinned.take().is_some() {
                    self.reader.scroll = 0;
                }
                let before = self.reader.focus_back.take();
                if self.screen == Screen::Search {
                    self.focus = match before {
                        Some(Focus::Query) | None => Focus::Reader,
                        Some(focus) => focus,
                    };
                }
            }
            Action::Click(..) => {}
            other => {
                if !self.update_global(&other) {
                    self.update_reader(other);
                }
            }
        }
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
            // Collecting or reading whole from the reader commits the
            // search, as from the results.
            Action::ToggleBasket => {
                if let Some(ord) = self.read_ord() {
                    self.commit_collecting_search();
                    self.toggle_ord(ord);
                }
            }
            Action::Copy => self.copy_selected(),
            Action::Open => self.focus = Focus::Results,
            Action::FullScreen => {
                self.commit_search();
                self.read_full_screen(None);
            }
            _ => {}
        }
    }

    /// Selects the next (or previous) hit in the report being read, in the
    /// report's order, going round at its end.
    pub(super) fn jump_match(&mut self, forward: bool) {
        let (Some((report, _)), Some(cur_ord)) = (self.read_passage(), self.read_ord()) else {
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
        if by_ord.is_empty() {
            self.message = Some("no match of the search in this report".to_string());
            return;
        }
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
        if let Some(&(ord, i)) = pick {
            if self.screen == Screen::Reading && self.reader.pinned.is_some() {
                self.reader.pinned = Some(ord);
                self.reader.scroll = 0;
            } else {
                self.select(i);
            }
            // In a long passage the word can be pages below its start.
            if let Some(text) = self.layout().text
                && let Some(wanted) = crate::tui::layout::reader::scroll_to_match(self, text)
            {
                self.scroll_reader(|_, _| wanted);
            }
            self.message = Some(format!(
                "match {} of {} in this report",
                by_ord.iter().position(|&(_, j)| j == i).unwrap_or(0) + 1,
                by_ord.len()
            ));
        }
    }

    /// Queues the selected passage and its citation for the clipboard.
    pub(super) fn copy_selected(&mut self) {
        let copied = self.read_passage().map(|(r, p)| {
            (
                format!("“{}”\n— {}", p.text, evidence::export::citation_line(r, p)),
                p.id.clone(),
            )
        });
        if let Some((text, id)) = copied {
            self.clipboard = Some(text);
            // The program cannot know whether the terminal takes it.
            self.message = Some(format!(
                "sent {id} with its citation to the terminal's clipboard (OSC 52; see the README if nothing arrives)"
            ));
        } else if self.selected_changed() {
            self.message = Some(self.changed_note());
        }
    }
}
