//! Everything a user can do, as one enum, and the pure function that maps a key
//! to an action in the current context. The help overlay is generated from
//! [`KEYS`], the same table the key map follows, so the two cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use evidence::search::kwic::Sort;

/// One thing the user (or the search worker) can make happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Quit the program (q outside text inputs).
    Quit,
    /// Quit from anywhere (Ctrl-C).
    ForceQuit,
    /// Close the topmost overlay or screen, or return to the query bar.
    Back,
    /// Show or hide the key help.
    Help,
    /// Type a character into the focused text input.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Move the text cursor left.
    CursorLeft,
    /// Move the text cursor right.
    CursorRight,
    /// Move the text cursor to the start.
    CursorHome,
    /// Move the text cursor to the end.
    CursorEnd,
    /// Clear the focused text input.
    ClearInput,
    /// Enter in a text input: run it, or confirm the prompt.
    Submit,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Put the cursor in the query bar.
    FocusQuery,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move a page up.
    PageUp,
    /// Move a page down.
    PageDown,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Open the selected item.
    Open,
    /// Left (previous column in compare and the map).
    Left,
    /// Right (next column in compare and the map).
    Right,
    /// Add the selected passage to the basket, or take it out.
    ToggleBasket,
    /// Show the basket.
    ShowBasket,
    /// Compare key messages of reports side by side.
    ShowCompare,
    /// Show the evidence map of themes by reports.
    ShowMap,
    /// Words in context: the concordance of the query.
    ShowConcordance,
    /// Concordance: order the lines (report order, or by a word around).
    SortLines(evidence::search::kwic::Sort),
    /// Concordance: show or hide the collocates panel.
    ToggleCollocates,
    /// Collocates: order by count, or by score.
    CollocateOrder,
    /// Focus the report and theme filters.
    ShowFilters,
    /// Export the basket to a markdown file.
    Export,
    /// Copy the selected passage with its citation to the clipboard.
    Copy,
    /// Include the selected filter entry (again to undo).
    Include,
    /// Exclude the selected filter entry (again to undo).
    Exclude,
    /// Clear every filter.
    ClearFilters,
    /// The next match inside the report being read.
    NextMatch,
    /// The previous match inside the report being read.
    PrevMatch,
    /// Move the selected basket entry up.
    MoveUp,
    /// Move the selected basket entry down.
    MoveDown,
    /// Remove the selected basket entry.
    Remove,
    /// Write a note on the selected basket entry.
    EditNote,
    /// Read the search's notes whole (what was searched for what, what
    /// was left out), when the results pane has had to cut them.
    ShowNotes,
    /// Show how the selected basket entry's passage changed since it was
    /// collected; pressed again, take the corpus's text into it.
    UpdateExcerpt,
    /// Link or unlink the scrolling of the compare columns.
    ToggleLink,
    /// Choose the reports or theme to compare.
    Pick,
    /// Show the reader on the whole screen, or go back from it.
    FullScreen,
    /// Query bar: the search before this one in the history (Ctrl-P).
    HistoryPrev,
    /// Query bar: the search after this one in the history (Ctrl-N).
    HistoryNext,
    /// The history list, to narrow by typing and rerun (Ctrl-R).
    HistorySearch,
    /// Save the search and its filters under a name.
    SaveSearch,
    /// The saved searches, each with its hit count.
    ShowSaved,
    /// Rename the selected saved search.
    Rename,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// The terminal changed size.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel turned up at a cell.
    ScrollUp(u16, u16),
    /// The mouse wheel turned down at a cell.
    ScrollDown(u16, u16),
    /// The worker counted the saved searches' hits (request `generation`),
    /// in their order; `None` for one that could not run.
    CountsDone(u64, Vec<Option<usize>>),
    /// The worker answered search number `generation`.
    SearchDone(u64, Box<Result<evidence::search::SearchResults, Failure>>),
    /// The concordance worker answered job number `generation`.
    KwicDone(u64, Box<super::kwic_worker::KwicUpdate>),
    /// A file of the corpus changed, or one came or went, since the index
    /// was opened: it is being brought up to date.
    CorpusChanged,
    /// The index of the corpus as it now is, and a word to add to the
    /// status line's (the new corpus's problems).
    IndexReplaced(Reopened, Option<String>),
    /// The index could not be brought up to date (why); the old one stays.
    ReindexFailed(Failure),
}

/// The library's error, carried by an action: shared, so that actions stay
/// `Clone`. Two are equal only when they are the same error.
#[derive(Clone)]
pub struct Failure(pub std::sync::Arc<evidence::Error>);

impl From<evidence::Error> for Failure {
    fn from(e: evidence::Error) -> Self {
        Failure(std::sync::Arc::new(e))
    }
}

impl PartialEq for Failure {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

/// The error's own sentence, as the status line shows it.
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

/// An index opened anew after the corpus changed. Two are equal only when
/// they are the same index.
#[derive(Clone)]
pub struct Reopened(pub std::sync::Arc<evidence::search::Index>);

impl PartialEq for Reopened {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Reopened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reopened({} passages)", self.0.corpus().passage_count())
    }
}

/// Where keys go: the context the key map needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// A text input has focus (query bar, export path, note).
    Text,
    /// A yes/no question is open.
    Question,
    /// Lists and panes.
    Normal,
}

/// Maps a key to an action. Pure: the same key in the same context always
/// gives the same action.
pub fn action_for(key: KeyEvent, context: KeyContext) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, ctrl) {
        (KeyCode::Char('c'), true) => return Some(Action::ForceQuit),
        (KeyCode::Char('u'), true) if context == KeyContext::Text => {
            return Some(Action::ClearInput);
        }
        (KeyCode::Char('p'), true) if context == KeyContext::Text => {
            return Some(Action::HistoryPrev);
        }
        (KeyCode::Char('n'), true) if context == KeyContext::Text => {
            return Some(Action::HistoryNext);
        }
        (KeyCode::Char('r'), true) if context != KeyContext::Question => {
            return Some(Action::HistorySearch);
        }
        (KeyCode::Esc, _) => return Some(Action::Back),
        (KeyCode::F(1), _) => return Some(Action::Help),
        (KeyCode::Tab, _) => return Some(Action::FocusNext),
        (KeyCode::BackTab, _) => return Some(Action::FocusPrev),
        (KeyCode::Up, _) => {
            return Some(if key.modifiers.contains(KeyModifiers::SHIFT) {
                Action::MoveUp
            } else {
                Action::Up
            });
        }
        (KeyCode::Down, _) => {
            return Some(if key.modifiers.contains(KeyModifiers::SHIFT) {
                Action::MoveDown
            } else {
                Action::Down
            });
        }
        (KeyCode::PageUp, _) => return Some(Action::PageUp),
        (KeyCode::PageDown, _) => return Some(Action::PageDown),
        _ => {}
    }
    match context {
        KeyContext::Text => match key.code {
            KeyCode::Char(c) if !ctrl => Some(Action::Insert(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Left => Some(Action::CursorLeft),
            KeyCode::Right => Some(Action::CursorRight),
            KeyCode::Home => Some(Action::CursorHome),
            KeyCode::End => Some(Action::CursorEnd),
            KeyCode::Enter => Some(Action::Submit),
            _ => None,
        },
        KeyContext::Question => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Yes),
            KeyCode::Char('n' | 'N') | KeyCode::Enter => Some(Action::No),
            _ => None,
        },
        KeyContext::Normal => match key.code {
            KeyCode::Char(c) if !ctrl => {
                KEYS.iter()
                    .find(|k| k.chars.contains(&c))
                    .map(|k| match k.action {
                        // One row of the table for the five orders, by digit.
                        Action::SortLines(_) => Action::SortLines(sort_for(c)),
                        _ => k.action.clone(),
                    })
            }
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Home => Some(Action::Top),
            KeyCode::End => Some(Action::Bottom),
            KeyCode::Left => Some(Action::Left),
            KeyCode::Right => Some(Action::Right),
            KeyCode::Delete | KeyCode::Backspace => Some(Action::Remove),
            _ => None,
        },
    }
}

/// The concordance's order a digit key (1 to 5) asks for.
fn sort_for(c: char) -> Sort {
    let i = c.to_digit(10).map_or(0, |d| d.saturating_sub(1) as usize);
    Sort::ALL.get(i).copied().unwrap_or_default()
}

/// A row of the key table: the character keys, what they do, and their label.
pub struct KeyBinding {
    pub chars: &'static [char],
    pub action: Action,
    pub label: &'static str,
    pub help: &'static str,
}

/// Character keys outside text inputs. The help overlay lists these and [`OTHER_KEYS`].
pub static KEYS: &[KeyBinding] = &[
    KeyBinding {
        chars: &['k'],
        action: Action::Up,
        label: "↑ k",
        help: "move up (compare: the passage cursor)",
    },
    KeyBinding {
        chars: &['j'],
        action: Action::Down,
        label: "↓ j",
        help: "move down",
    },
    KeyBinding {
        chars: &['g'],
        action: Action::Top,
        label: "g",
        help: "first item; the reader: the report's start",
    },
    KeyBinding {
        chars: &['G'],
        action: Action::Bottom,
        label: "G",
        help: "last item; the reader: the report's end",
    },
    KeyBinding {
        chars: &['h'],
        action: Action::Left,
        label: "← h",
        help: "previous column (compare, map)",
    },
    KeyBinding {
        chars: &['l'],
        action: Action::Right,
        label: "→ l",
        help: "next column (compare, map)",
    },
    KeyBinding {
        chars: &['/'],
        action: Action::FocusQuery,
        label: "/",
        help: "search: back to the query bar",
    },
    KeyBinding {
        chars: &[' '],
        action: Action::ToggleBasket,
        label: "Space",
        help: "add the passage to the basket, or take it out (filters: include)",
    },
    KeyBinding {
        chars: &['b'],
        action: Action::ShowBasket,
        label: "b",
        help: "basket",
    },
    KeyBinding {
        chars: &['c'],
        action: Action::ShowCompare,
        label: "c",
        help: "compare key messages side by side",
    },
    KeyBinding {
        chars: &['m'],
        action: Action::ShowMap,
        label: "m",
        help: "evidence map: themes by reports",
    },
    KeyBinding {
        chars: &['f'],
        action: Action::ShowFilters,
        label: "f",
        help: "report and theme filters",
    },
    KeyBinding {
        chars: &['+'],
        action: Action::Include,
        label: "+",
        help: "filters: include the entry (again to undo)",
    },
    KeyBinding {
        chars: &['x', '-'],
        action: Action::Exclude,
        label: "x -",
        help: "filters: exclude the entry (again to undo)",
    },
    KeyBinding {
        chars: &['X'],
        action: Action::ClearFilters,
        label: "X",
        help: "clear all filters",
    },
    KeyBinding {
        chars: &['z'],
        action: Action::FullScreen,
        label: "z",
        help: "read the passage on the whole screen (z or Esc returns)",
    },
    KeyBinding {
        chars: &['n'],
        action: Action::NextMatch,
        label: "n",
        help: "reader: next match in this report",
    },
    KeyBinding {
        chars: &['N'],
        action: Action::PrevMatch,
        label: "N",
        help: "reader: previous match in this report",
    },
    KeyBinding {
        chars: &['e'],
        action: Action::Export,
        label: "e",
        help: "export the basket: markdown, pandoc, BibTeX, CSL-JSON, RIS, JSON or CSV",
    },
    KeyBinding {
        chars: &['y'],
        action: Action::Copy,
        label: "y",
        help: "send the passage and its citation to the terminal's clipboard (OSC 52)",
    },
    KeyBinding {
        chars: &['K'],
        action: Action::MoveUp,
        label: "K Shift-↑",
        help: "basket: move the entry up",
    },
    KeyBinding {
        chars: &['J'],
        action: Action::MoveDown,
        label: "J Shift-↓",
        help: "basket: move the entry down",
    },
    KeyBinding {
        chars: &['d'],
        action: Action::Remove,
        label: "d Del",
        help: "basket: remove the entry; saved searches: delete it",
    },
    KeyBinding {
        chars: &['a'],
        action: Action::EditNote,
        label: "a",
        help: "basket: write a note on the entry",
    },
    KeyBinding {
        chars: &['i'],
        action: Action::ShowNotes,
        label: "i",
        help: "the search's notes whole, when the results pane cuts them",
    },
    KeyBinding {
        chars: &['U'],
        action: Action::UpdateExcerpt,
        label: "U",
        help: "basket: how a changed entry reads now; U again takes that text",
    },
    KeyBinding {
        chars: &['w'],
        action: Action::ShowConcordance,
        label: "w",
        help: "words in context: every occurrence of the query's words",
    },
    KeyBinding {
        chars: &['1', '2', '3', '4', '5'],
        action: Action::SortLines(Sort::Report),
        label: "1-5",
        help: "words in context: report order; by the word to the left, the 2nd left; the right, 2nd right",
    },
    KeyBinding {
        chars: &['C'],
        action: Action::ToggleCollocates,
        label: "C",
        help: "words in context: collocates (Enter adds one to the query)",
    },
    KeyBinding {
        chars: &['o'],
        action: Action::CollocateOrder,
        label: "o",
        help: "collocates: by count or by score",
    },
    KeyBinding {
        chars: &['u'],
        action: Action::ToggleLink,
        label: "u",
        help: "compare: link or unlink scrolling",
    },
    KeyBinding {
        chars: &['p'],
        action: Action::Pick,
        label: "p",
        help: "compare: choose reports or a theme",
    },
    KeyBinding {
        chars: &['S'],
        action: Action::SaveSearch,
        label: "S",
        help: "save the search and its filters under a name",
    },
    KeyBinding {
        chars: &['s'],
        action: Action::ShowSaved,
        label: "s",
        help: "saved searches with their hits: Enter runs, d twice deletes, r renames",
    },
    KeyBinding {
        chars: &['r'],
        action: Action::Rename,
        label: "r",
        help: "saved searches: rename the entry",
    },
    KeyBinding {
        chars: &['?'],
        action: Action::Help,
        label: "? F1",
        help: "this help",
    },
    KeyBinding {
        chars: &['q'],
        action: Action::Quit,
        label: "q",
        help: "quit",
    },
];

/// Keys that are not single characters, for the help overlay.
pub static OTHER_KEYS: &[(&str, &str)] = &[
    ("Enter", "query bar: go to the results; lists: open"),
    (
        "Tab Shift-Tab",
        "next or previous pane (always leaves a text input)",
    ),
    ("PgUp PgDn", "a page up or down"),
    (
        "Esc",
        "close the overlay or screen, or back to the query bar",
    ),
    ("Ctrl-U", "clear the text input"),
    (
        "Ctrl-P Ctrl-N",
        "query bar: earlier and later searches, filters included",
    ),
    ("Ctrl-R", "search history: type to narrow, Enter reruns"),
    ("Ctrl-C", "quit from anywhere"),
    (
        "Mouse",
        "click selects, the wheel scrolls; Shift-drag selects text in most terminals",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn text_inputs_take_every_printable_key() {
        for c in ['q', ' ', 'j', '?', '/', 'é'] {
            assert_eq!(
                action_for(key(KeyCode::Char(c)), KeyContext::Text),
                Some(Action::Insert(c))
            );
        }
        assert_eq!(
            action_for(
                KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
                KeyContext::Text
            ),
            Some(Action::ClearInput)
        );
    }

    #[test]
    fn ctrl_p_n_r_recall_searches_and_never_type() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(ctrl('p'), KeyContext::Text),
            Some(Action::HistoryPrev)
        );
        assert_eq!(
            action_for(ctrl('n'), KeyContext::Text),
            Some(Action::HistoryNext)
        );
        for context in [KeyContext::Text, KeyContext::Normal] {
            assert_eq!(action_for(ctrl('r'), context), Some(Action::HistorySearch));
        }
        assert_eq!(action_for(ctrl('r'), KeyContext::Question), None);
        // In a text input S, s and r are letters; outside, the saved searches.
        for c in ['S', 's', 'r'] {
            assert_eq!(
                action_for(key(KeyCode::Char(c)), KeyContext::Text),
                Some(Action::Insert(c))
            );
        }
        assert_eq!(
            action_for(key(KeyCode::Char('S')), KeyContext::Normal),
            Some(Action::SaveSearch)
        );
    }

    #[test]
    fn lists_follow_the_key_table() {
        assert_eq!(
            action_for(key(KeyCode::Char('q')), KeyContext::Normal),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char(' ')), KeyContext::Normal),
            Some(Action::ToggleBasket)
        );
        assert_eq!(
            action_for(key(KeyCode::Esc), KeyContext::Normal),
            Some(Action::Back)
        );
        assert_eq!(
            action_for(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                KeyContext::Text
            ),
            Some(Action::ForceQuit)
        );
        let mut seen = std::collections::HashSet::new();
        for k in KEYS {
            for c in k.chars {
                assert!(seen.insert(*c), "{c} is bound twice");
            }
        }
    }
}
