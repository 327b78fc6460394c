//! The search history of a workspace: every search the user commits, with
//! its filters, the corpus it ran on, when, and how many passages it found,
//! oldest first, kept in the workspace's `history.json` (see
//! [`crate::workspace::HISTORY_FILE`]) through [`crate::state`]: written
//! atomically, an unreadable file set aside, and merged with another running
//! instance's entries on save.
//!
//! Consecutive edits of one query are one entry ([`History::record`]), and
//! the history holds at most [`CAP`] entries, the oldest dropped first.
//! Nothing here knows about terminals or the index.

use crate::Result;
use crate::search::Filters;
use crate::state::{self, Kept};
use crate::workspace::CorpusRef;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The environment variable that keeps searches out of the history (for
/// scripts): the command line records none, and the explorer writes none.
pub const NO_HISTORY: &str = "EVIDENCE_NO_HISTORY";

/// Whether [`NO_HISTORY`] is set to something: set to nothing, it is as if
/// it were not set (as the other `EVIDENCE_` variables are, and `NO_COLOR`),
/// and so it is set to `0`, `false` or `no`, as a script writes "off".
pub fn off() -> bool {
    std::env::var_os(NO_HISTORY).is_some_and(|v| {
        let v = v.to_string_lossy().trim().to_ascii_lowercase();
        !matches!(v.as_str(), "" | "0" | "false" | "no")
    })
}

/// The most entries kept; the oldest go first.
pub const CAP: usize = 1000;

/// The longest query kept, in characters. A longer one is a paste, not a
/// search to run again (the search itself reads only its first words), and
/// a thousand of them would make the file megabytes.
pub const QUERY_MAX: usize = 1000;

/// How close in time (seconds) a search must follow the one before for an
/// edit of its query to replace it rather than add an entry.
pub const EDIT_WINDOW: u64 = 60;

/// One search as it was run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub query: String,
    #[serde(default)]
    pub filters: Filters,
    /// The corpus it ran on; `None` when not known.
    #[serde(default)]
    pub corpus: Option<CorpusRef>,
    /// When, in seconds since 1970 (UTC).
    pub at: u64,
    /// How many passages matched.
    pub hits: usize,
}

impl Entry {
    /// A search of `query` under `filters` on `corpus`, run now, that
    /// matched `hits` passages.
    pub fn now(query: &str, filters: &Filters, corpus: Option<&CorpusRef>, hits: usize) -> Self {
        Entry {
            query: query.trim().to_string(),
            filters: filters.clone(),
            corpus: corpus.cloned(),
            at: now(),
            hits,
        }
    }

    /// When it ran, as `YYYY-MM-DD HH:MM` (UTC).
    pub fn when(&self) -> String {
        let secs = i64::try_from(self.at).unwrap_or(0);
        let minutes = secs.rem_euclid(86_400) / 60;
        format!(
            "{} {:02}:{:02}",
            crate::date::date_of(secs),
            minutes / 60,
            minutes % 60
        )
    }

    /// What tells two entries apart in a merge.
    /// Whether it ran on the same corpus as `other`: a folder by its id
    /// wherever it was (the explorer and a command may name it by other
    /// paths), or both unknown.
    fn same_corpus(&self, other: &Entry) -> bool {
        match (&self.corpus, &other.corpus) {
            (Some(a), Some(b)) => a.same(b),
            (a, b) => a == b,
        }
    }

    fn key(&self) -> (u64, &str, &Filters) {
        (self.at, &self.query, &self.filters)
    }

    /// Whether this search is an edit of `before`'s: the same filters and
    /// corpus, soon after, with a query that extends the other's (typed
    /// on: `bud`, then `buddying`), or the very same query. A shorter query
    /// is another search: `merger OR chains` then `merger` is the query
    /// cleared and a new one typed, and both were meant.
    fn edits(&self, before: &Entry) -> bool {
        if self.filters != before.filters || !self.same_corpus(before) {
            return false;
        }
        if self.query == before.query {
            return true;
        }
        let soon = self.at.saturating_sub(before.at) <= EDIT_WINDOW;
        soon && self.query.starts_with(&before.query)
    }
}

/// Seconds since 1970 now.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The searches run, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<Entry>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    entries: &'a [Entry],
}

#[derive(Deserialize)]
struct FileIn {
    entries: Vec<Entry>,
}

impl History {
    /// Records a search. One that edits the latest entry (see
    /// [`EDIT_WINDOW`]: the same query again, or a query extended soon
    /// after, under the same filters) takes its place; an
    /// empty query with no filter is not recorded, nor one longer than
    /// [`QUERY_MAX`]. Returns false when nothing was recorded.
    pub fn record(&mut self, entry: Entry) -> bool {
        self.record_as(entry, Entry::edits)
    }

    /// Records a search run from the command line, where every run is
    /// meant: only the same search again takes the latest entry's place
    /// (`merger costs` then `merger` are two searches, not an edit).
    pub fn record_run(&mut self, entry: Entry) -> bool {
        self.record_as(entry, |e, last| {
            e.query == last.query && e.filters == last.filters && e.same_corpus(last)
        })
    }

    fn record_as(&mut self, mut entry: Entry, replaces: impl Fn(&Entry, &Entry) -> bool) -> bool {
        entry.query = entry.query.trim().to_string();
        if entry.query.is_empty() && entry.filters.is_empty()
            || entry.query.chars().count() > QUERY_MAX
        {
            return false;
        }
        if self
            .entries
            .last()
            .is_some_and(|last| replaces(&entry, last))
        {
            self.entries.pop();
        }
        self.entries.push(entry);
        self.cap();
        true
    }

    /// Empties the history; how many entries it had.
    pub fn clear(&mut self) -> usize {
        std::mem::take(&mut self.entries).len()
    }

    /// The entries newest first whose query has every word of `filter`
    /// (case-insensitive), each query and filter set once (its latest run).
    pub fn newest_first(&self, filter: &str) -> Vec<&Entry> {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        let mut seen = HashSet::new();
        self.entries
            .iter()
            .rev()
            .filter(|e| {
                // The query and its filters, as the list shows them
                // (`[theme: chains-groups]`) and as the query language
                // writes them (`theme:chains-groups`): any may be typed.
                let shown = format!(
                    "{} {} {}",
                    e.query,
                    e.filters.describe().join(" "),
                    e.filters.with_query("")
                )
                .to_lowercase();
                words.iter().all(|w| shown.contains(w.as_str()))
            })
            .filter(|e| seen.insert((e.query.as_str(), &e.filters)))
            .collect()
    }

    fn cap(&mut self) {
        if self.entries.len() > CAP {
            let extra = self.entries.len() - CAP;
            self.entries.drain(..extra);
        }
    }
}

impl Kept for History {
    const WHAT: &'static str = "the history";
    const FILE: &'static str = "a history file";
    const VERSION: u32 = 1;

    fn parse(bytes: &[u8]) -> std::result::Result<Self, String> {
        let file: FileIn =
            serde_json::from_slice(bytes).map_err(|e| format!("not {}: {e}", Self::FILE))?;
        let mut history = History {
            entries: file.entries,
        };
        history.entries.sort_by_key(|e| e.at);
        history.cap();
        Ok(history)
    }

    fn to_bytes(&self) -> Result<Vec<u8>> {
        state::json_bytes::<Self>(&FileOut {
            version: Self::VERSION,
            entries: &self.entries,
        })
    }

    /// Entries the other instance added are taken in, those it removed
    /// (cleared, or replaced by an edit) stay out; then all in time order,
    /// capped.
    fn merge(&mut self, base: &Self, theirs: &Self) -> usize {
        let base: HashSet<_> = base.entries.iter().map(Entry::key).collect();
        let their_keys: HashSet<_> = theirs.entries.iter().map(Entry::key).collect();
        self.entries
            .retain(|e| their_keys.contains(&e.key()) || !base.contains(&e.key()));
        let mine: HashSet<_> = self.entries.iter().map(|e| e.key()).collect();
        let added: Vec<Entry> = theirs
            .entries
            .iter()
            .filter(|e| !base.contains(&e.key()) && !mine.contains(&e.key()))
            .cloned()
            .collect();
        let merged = added.len();
        self.entries.extend(added);
        self.entries.sort_by_key(|e| e.at);
        // The same search run here and by another process one after the
        // other is one search, as it would be run twice in one: the later
        // kept.
        let mut kept: Vec<Entry> = Vec::with_capacity(self.entries.len());
        for e in std::mem::take(&mut self.entries) {
            if kept.last().is_some_and(|last| {
                last.query == e.query && last.filters == e.filters && last.same_corpus(&e)
            }) {
                kept.pop();
            }
            kept.push(e);
        }
        self.entries = kept;
        self.cap();
        merged
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::state::Tracked;
    use std::fs;

    fn entry(query: &str, at: u64) -> Entry {
        Entry {
            query: query.to_string(),
            filters: Filters::default(),
            corpus: Some(CorpusRef::Bundled),
            at,
            hits: 3,
        }
    }

    fn queries(h: &History) -> Vec<&str> {
        h.entries.iter().map(|e| e.query.as_str()).collect()
    }

    #[test]
    fn consecutive_edits_of_a_query_are_one_entry() {
        let mut h = History::default();
        assert!(h.record(entry("bud", 100)));
        assert!(h.record(entry("buddying", 102)));
        assert!(h.record(entry("buddying cos", 110)));
        assert_eq!(queries(&h), ["buddying cos"]);
        // Long after, an extension is a new search.
        h.record(entry("buddying costs", 110 + EDIT_WINDOW + 1));
        assert_eq!(queries(&h), ["buddying cos", "buddying costs"]);
        // A shorter query, at once, is the query cleared and another
        // typed: a new search, and the one before is kept.
        h.record(entry("buddying", 172));
        assert_eq!(queries(&h), ["buddying cos", "buddying costs", "buddying"]);
        h.entries.pop();
        // Another query altogether is a new entry even at once.
        h.record(entry("mergers", 300));
        // The same query again, however late, replaces the latest.
        h.record(entry("mergers", 9000));
        assert_eq!(queries(&h), ["buddying cos", "buddying costs", "mergers"]);
        assert_eq!(h.entries[2].at, 9000);
        // Other filters make another search.
        let mut themed = entry("mergers", 9001);
        themed.filters.themes.push("governance".into());
        h.record(themed);
        assert_eq!(h.entries.len(), 4);
        // An empty query without filters is no search worth keeping, nor
        // a paste of a whole page.
        assert!(!h.record(entry("  ", 9002)));
        assert!(!h.record(entry(&"a ".repeat(QUERY_MAX), 9003)));
        assert!(h.record(entry(&"a".repeat(QUERY_MAX), 9004)));
        assert_eq!(h.entries.len(), 5);
    }

    #[test]
    fn every_search_run_from_the_command_line_is_kept() {
        let mut h = History::default();
        h.record_run(entry("merger", 100));
        h.record_run(entry("merger costs", 105));
        h.record_run(entry("merger", 110));
        assert_eq!(queries(&h), ["merger", "merger costs", "merger"]);
        // The same search again is one entry, at its latest time.
        h.record_run(entry("merger", 120));
        assert_eq!(queries(&h), ["merger", "merger costs", "merger"]);
        assert_eq!(h.entries[2].at, 120);
        assert!(!h.record_run(entry(" ", 130)));
        // A folder named by two paths (the explorer's and a command's) is
        // one corpus when its id is the same: one entry, not two.
        let folder = |path: &str| {
            Some(CorpusRef::Folder {
                id: Some("c1".into()),
                path: path.into(),
            })
        };
        let mut h = History::default();
        let mut a = entry("vacancy", 200);
        a.corpus = folder("/home/r/thesis");
        let mut b = entry("vacancy", 210);
        b.corpus = folder("/mnt/r/thesis");
        h.record(a);
        h.record_run(b);
        assert_eq!(queries(&h), ["vacancy"]);
        let mut other = entry("vacancy", 220);
        other.corpus = Some(CorpusRef::Bundled);
        h.record_run(other);
        assert_eq!(queries(&h), ["vacancy", "vacancy"]);
    }

    #[test]
    fn the_history_is_capped_oldest_first() {
        let mut h = History::default();
        for i in 0..(CAP as u64 + 5) {
            h.record(entry(&format!("q{i} x"), i * 1000));
        }
        assert_eq!(h.entries.len(), CAP);
        assert_eq!(h.entries[0].query, "q5 x");
        assert_eq!(h.entries.last().unwrap().query, format!("q{} x", CAP + 4));
    }

    #[test]
    fn newest_first_narrows_and_lists_each_search_once() {
        let mut h = History::default();
        for (q, at) in [("mergers", 1), ("buddying", 1000), ("mergers", 2000)] {
            h.entries.push(entry(q, at));
        }
        h.entries.push(entry("Buddying costs", 3000));
        let all: Vec<_> = h.newest_first("").iter().map(|e| e.at).collect();
        assert_eq!(all, [3000, 2000, 1000]);
        let narrowed: Vec<_> = h.newest_first("BUD").iter().map(|e| e.at).collect();
        assert_eq!(narrowed, [3000, 1000]);
        // A filter, as the list shows it, narrows too.
        let mut filtered = entry("leadership", 4000);
        filtered.filters.themes = vec!["chains-groups".to_string()];
        h.entries.push(filtered);
        let at =
            |filter: &str| -> Vec<u64> { h.newest_first(filter).iter().map(|e| e.at).collect() };
        assert_eq!(at("chains-groups"), [4000]);
        assert_eq!(at("leader theme:"), [4000]);
        // And as the query language writes it.
        assert_eq!(at("theme:chains"), [4000]);
    }

    #[test]
    fn save_merges_two_instances_and_keeps_a_clear() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws/history.json");
        let mut seed = Tracked::new(History::default());
        seed.value.record(entry("seed", 1));
        seed.save(&path).unwrap();
        let mut one = Tracked::<History>::load(&path).unwrap().tracked;
        let mut two = Tracked::<History>::load(&path).unwrap().tracked;
        one.value.record(entry("from one", 1000));
        two.value.record(entry("from two", 500));
        two.save(&path).unwrap();
        let saved = one.save(&path).unwrap();
        assert_eq!(saved.merged, 1);
        assert_eq!(queries(&one.value), ["seed", "from two", "from one"]);
        let on_disk = Tracked::<History>::load(&path).unwrap().tracked.value;
        assert_eq!(on_disk, one.value);
        // One clears; two, saving a new search, does not bring back what
        // was cleared, and one's next save learns of two's new search.
        one.value.clear();
        one.save(&path).unwrap();
        two.value.record(entry("later", 2000));
        two.save(&path).unwrap();
        assert_eq!(queries(&two.value), ["later"]);
        one.value.record(entry("last", 3000));
        one.save(&path).unwrap();
        assert_eq!(queries(&one.value), ["later", "last"]);
        // The same search run by each, one after the other (the explorer,
        // then a command), is one entry: the later.
        two.value.record(entry("vacancy", 4000));
        two.save(&path).unwrap();
        one.value.record(entry("vacancy", 4003));
        one.save(&path).unwrap();
        assert_eq!(queries(&one.value), ["later", "last", "vacancy"]);
        assert_eq!(one.value.entries[2].at, 4003);
    }

    #[test]
    fn sync_takes_in_another_instances_entries_without_undoing_a_clear() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        let mut one = Tracked::new(History::default());
        one.value.record(entry("old", 1));
        one.save(&path).unwrap();
        let mut two = Tracked::<History>::load(&path).unwrap().tracked;
        assert_eq!(two.sync(&path).unwrap(), 0);
        one.value.record(entry("from one", 1000));
        one.save(&path).unwrap();
        // Two cleared meanwhile: it learns of one's new search, not the old.
        two.value.clear();
        assert_eq!(two.sync(&path).unwrap(), 1);
        assert_eq!(queries(&two.value), ["from one"]);
        two.value.record(entry("from two", 2000));
        two.save(&path).unwrap();
        assert_eq!(
            queries(&Tracked::<History>::peek(&path).unwrap()),
            ["from one", "from two"]
        );
        // A bad file is left for the save to set aside.
        fs::write(&path, "garbage").unwrap();
        assert_eq!(two.sync(&path).unwrap(), 0);
        assert_eq!(fs::read_to_string(&path).unwrap(), "garbage");
    }

    #[test]
    fn an_unreadable_file_is_set_aside_never_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.json");
        for bad in [
            "{\"version\": 1, \"entries\": [",
            "{\"version\": 7, \"entries\": []}",
        ] {
            fs::write(&path, bad).unwrap();
            let loaded = Tracked::<History>::load(&path).unwrap();
            assert!(loaded.tracked.value.entries.is_empty());
            let aside = loaded.set_aside.expect("set aside");
            assert_eq!(fs::read_to_string(&aside).unwrap(), bad);
            assert!(!path.exists());
            let reason = loaded.reason.unwrap();
            assert!(
                reason.contains("not a history file") || reason.contains("newer version"),
                "{reason}"
            );
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        // Gone bad while open: set aside on save, and the history written.
        let mut h = Tracked::new(History::default());
        h.value.record(entry("kept", 5));
        fs::write(&path, "garbage").unwrap();
        let saved = h.save(&path).unwrap();
        assert_eq!(
            fs::read_to_string(saved.set_aside.unwrap()).unwrap(),
            "garbage"
        );
        assert_eq!(queries(&Tracked::<History>::peek(&path).unwrap()), ["kept"]);
    }
}
