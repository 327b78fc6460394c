//! Saved searches: a query and its filters kept under a name in the
//! workspace's `searches.json` (see [`crate::workspace::SEARCHES_FILE`]),
//! through [`crate::state`] as the history is (atomic writes, an unreadable
//! file set aside, merged with another instance's changes on save, by name).
//!
//! A saved search may name reports or themes the corpus no longer has:
//! [`SavedSearch::filters_in`] leaves those out with a note, so it still
//! runs. Nothing here knows about terminals or the index.

use crate::corpus::Corpus;
use crate::search::Filters;
use crate::state::{self, Kept};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The longest name, in characters.
pub const NAME_MAX: usize = 80;

/// A search kept under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
    #[serde(default)]
    pub filters: Filters,
    /// The day it was saved, `YYYY-MM-DD`.
    #[serde(default)]
    pub saved: String,
}

impl SavedSearch {
    /// A search saved today.
    pub fn new(name: &str, query: &str, filters: &Filters) -> Self {
        SavedSearch {
            name: name.trim().to_string(),
            query: query.trim().to_string(),
            filters: filters.clone(),
            saved: crate::date::today(),
        }
    }

    /// Its filters as `corpus` can apply them: the reports and themes it no
    /// longer has left out, each with a note saying so.
    pub fn filters_in(&self, corpus: &Corpus) -> (Filters, Vec<String>) {
        let (filters, missing) = self.filters.within(corpus);
        let notes = missing
            .iter()
            .map(|m| {
                format!(
                    "saved search `{}`: the corpus has no {m} any more; it runs without that filter",
                    self.name
                )
            })
            .collect();
        (filters, notes)
    }
}

/// Checks a name given by the user and returns it trimmed: 1 to
/// [`NAME_MAX`] characters, no control characters.
pub fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput(
            "a saved search needs a name: it is empty".to_string(),
        ));
    }
    let why = if name.chars().count() > NAME_MAX {
        Some(format!("it is longer than {NAME_MAX} characters"))
    } else if name.chars().any(char::is_control) {
        Some("it has a control character".to_string())
    } else {
        None
    };
    match why {
        None => Ok(name.to_string()),
        Some(why) => Err(Error::InvalidInput(format!(
            "`{}` cannot name a saved search ({why})",
            name.escape_debug()
        ))),
    }
}

/// The saved searches, in the order they were saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searches {
    pub list: Vec<SavedSearch>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    searches: &'a [SavedSearch],
}

#[derive(Deserialize)]
struct FileIn {
    searches: Vec<SavedSearch>,
}

impl Searches {
    /// The search saved as `name`.
    pub fn get(&self, name: &str) -> Option<&SavedSearch> {
        self.list.iter().find(|s| s.name == name.trim())
    }

    /// The search saved as `name`, or an error naming those there are.
    pub fn find(&self, name: &str) -> Result<&SavedSearch> {
        self.get(name).ok_or_else(|| Error::UnknownSaved {
            name: name.trim().to_string(),
            known: self.known(),
        })
    }

    /// The names there are, for a message.
    fn known(&self) -> String {
        if self.list.is_empty() {
            return "there are none: save one with `evidence saved add NAME QUERY`, or S in the explorer".to_string();
        }
        let names: Vec<&str> = self.list.iter().map(|s| s.name.as_str()).collect();
        format!("saved: {}", names.join(", "))
    }

    /// Saves `search` under its name, in the place of one saved so before
    /// (which is returned).
    pub fn put(&mut self, search: SavedSearch) -> Option<SavedSearch> {
        match self.list.iter_mut().find(|s| s.name == search.name) {
            Some(old) => Some(std::mem::replace(old, search)),
            None => {
                self.list.push(search);
                None
            }
        }
    }

    /// Takes out the search saved as `name`.
    pub fn remove(&mut self, name: &str) -> Result<SavedSearch> {
        self.find(name)?;
        let at = self
            .list
            .iter()
            .position(|s| s.name == name.trim())
            .unwrap_or(0);
        Ok(self.list.remove(at))
    }

    /// Renames a saved search; an error when `to` is taken or not a name.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        let to = check_name(to)?;
        self.find(from)?;
        if to != from.trim() && self.get(&to).is_some() {
            return Err(Error::InvalidInput(format!(
                "there is a saved search named `{to}` already"
            )));
        }
        if let Some(s) = self.list.iter_mut().find(|s| s.name == from.trim()) {
            s.name = to;
        }
        Ok(())
    }

    /// The names of the saved searches that are one of `queries` (an
    /// export's searches, each its words and filters as
    /// [`Filters::with_query`] writes them), in the order saved: the same
    /// words with other filters are another search.
    pub fn names_of(&self, queries: &[String]) -> Vec<String> {
        self.list
            .iter()
            .filter(|s| {
                let whole = s.filters.with_query(&s.query);
                !whole.is_empty() && queries.iter().any(|q| q.trim() == whole)
            })
            .map(|s| s.name.clone())
            .collect()
    }
}

impl Kept for Searches {
    const WHAT: &'static str = "the saved searches";
    const FILE: &'static str = "a saved-searches file";
    const VERSION: u32 = 1;

    fn parse(bytes: &[u8]) -> std::result::Result<Self, String> {
        let file: FileIn =
            serde_json::from_slice(bytes).map_err(|e| format!("not {}: {e}", Self::FILE))?;
        let mut searches = Searches::default();
        for s in file.searches {
            searches.put(s);
        }
        Ok(searches)
    }

    fn to_bytes(&self) -> Result<Vec<u8>> {
        state::json_bytes::<Self>(&FileOut {
            version: Self::VERSION,
            searches: &self.list,
        })
    }

    /// By name: a search the other instance added is taken in, one it
    /// removed (or renamed) stays out, one it changed is taken unless this
    /// instance changed it too (then this one's stays).
    fn merge(&mut self, base: &Self, theirs: &Self) -> usize {
        let base: HashMap<&str, &SavedSearch> =
            base.list.iter().map(|s| (s.name.as_str(), s)).collect();
        let their: HashMap<&str, &SavedSearch> =
            theirs.list.iter().map(|s| (s.name.as_str(), s)).collect();
        self.list
            .retain(|s| their.contains_key(s.name.as_str()) || !base.contains_key(s.name.as_str()));
        for s in &mut self.list {
            if let (Some(b), Some(t)) = (base.get(s.name.as_str()), their.get(s.name.as_str()))
                && s == *b
                && t != b
            {
                *s = (*t).clone();
            }
        }
        let mut merged = 0;
        for t in &theirs.list {
            if !base.contains_key(t.name.as_str()) && self.get(&t.name).is_none() {
                self.list.push(t.clone());
                merged += 1;
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::state::Tracked;
    use std::fs;

    fn names(s: &Searches) -> Vec<&str> {
        s.list.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn an_export_credits_a_saved_search_only_with_its_own_filters() {
        let costs = Filters {
            themes: vec!["finance-scale".into()],
            ..Filters::default()
        };
        let mut s = Searches::default();
        s.put(SavedSearch::new("costs", "buddying costs", &costs));
        s.put(SavedSearch::new("plain", "buddying", &Filters::default()));
        s.put(SavedSearch::new("empty", "", &Filters::default()));
        // Collected with no filter: the words alone are not `costs`.
        assert!(s.names_of(&["buddying costs".into()]).is_empty());
        assert_eq!(
            costs.with_query("buddying costs"),
            "buddying costs theme:finance-scale"
        );
        assert_eq!(
            s.names_of(&[
                "buddying costs theme:finance-scale".into(),
                "buddying".into()
            ]),
            ["costs", "plain"]
        );
        let several = Filters {
            reports: vec!["a".into(), "b".into()],
            not_themes: vec!["c".into()],
            ..Filters::default()
        };
        assert_eq!(several.with_query(" x "), "x report:a OR report:b -theme:c");
    }

    #[test]
    fn put_find_rename_remove() {
        let mut s = Searches::default();
        let err = s.find("x").unwrap_err().to_string();
        assert!(
            err.contains("no saved search named `x`") && err.contains("there are none"),
            "{err}"
        );
        assert!(
            s.put(SavedSearch::new(
                "costs",
                "buddying costs",
                &Filters::default()
            ))
            .is_none()
        );
        assert!(
            s.put(SavedSearch::new("m", "mergers", &Filters::default()))
                .is_none()
        );
        let old = s.put(SavedSearch::new("m", "mergers -acute", &Filters::default()));
        assert_eq!(old.unwrap().query, "mergers");
        assert_eq!(names(&s), ["costs", "m"]);
        assert!(
            s.rename("m", "costs")
                .unwrap_err()
                .to_string()
                .contains("already")
        );
        assert!(s.rename("m", " ").is_err());
        s.rename("m", "mergers").unwrap();
        assert_eq!(s.get("mergers").unwrap().query, "mergers -acute");
        let err = s.remove("nope").unwrap_err().to_string();
        assert!(err.contains("saved: costs, mergers"), "{err}");
        s.remove("costs").unwrap();
        assert_eq!(names(&s), ["mergers"]);
        assert_eq!(
            s.names_of(&["mergers -acute ".into(), "x".into()]),
            ["mergers"]
        );
        assert!(check_name("a\u{7}b").is_err());
        assert!(check_name(&"x".repeat(NAME_MAX + 1)).is_err());
    }

    #[test]
    fn filters_the_corpus_lacks_are_left_out_with_a_note() {
        let corpus = Corpus::bundled();
        let theme = corpus.themes[0].id.clone();
        let report = corpus.reports[0].id.clone();
        let filters = Filters {
            reports: vec![report.clone(), "gone-report".into()],
            themes: vec![theme.clone()],
            not_themes: vec!["gone-theme".into()],
            ..Filters::default()
        };
        let s = SavedSearch::new("s", "q", &filters);
        let (applied, notes) = s.filters_in(&corpus);
        assert_eq!(applied.reports, [report]);
        assert_eq!(applied.themes, [theme]);
        assert!(applied.not_themes.is_empty());
        assert_eq!(notes.len(), 2);
        assert!(notes[1].contains("no theme `gone-theme`"), "{notes:?}");
    }

    #[test]
    fn save_merges_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("searches.json");
        let mut seed = Tracked::new(Searches::default());
        for (n, q) in [("a", "alpha"), ("b", "beta"), ("c", "gamma")] {
            seed.value.put(SavedSearch::new(n, q, &Filters::default()));
        }
        seed.save(&path).unwrap();
        let mut one = Tracked::<Searches>::load(&path).unwrap().tracked;
        let mut two = Tracked::<Searches>::load(&path).unwrap().tracked;
        one.value.remove("a").unwrap();
        one.value
            .put(SavedSearch::new("d", "delta", &Filters::default()));
        two.value.rename("b", "bee").unwrap();
        two.value
            .put(SavedSearch::new("c", "gamma changed", &Filters::default()));
        two.save(&path).unwrap();
        let saved = one.save(&path).unwrap();
        assert_eq!(saved.merged, 1);
        assert_eq!(names(&one.value), ["c", "d", "bee"]);
        assert_eq!(one.value.get("c").unwrap().query, "gamma changed");
        assert_eq!(Tracked::<Searches>::peek(&path).unwrap(), one.value);
    }

    #[test]
    fn an_unreadable_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("searches.json");
        fs::write(&path, "[1, 2").unwrap();
        assert!(Tracked::<Searches>::peek(&path).is_err());
        assert!(path.exists());
        let loaded = Tracked::<Searches>::load(&path).unwrap();
        assert!(loaded.reason.unwrap().contains("not a saved-searches file"));
        assert_eq!(
            fs::read_to_string(loaded.set_aside.unwrap()).unwrap(),
            "[1, 2"
        );
        assert!(loaded.tracked.value.list.is_empty());
    }
}
