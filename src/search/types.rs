//! What a search is asked and what it answers, and how an index is opened:
//! the request, filter and result types every caller of the index uses, with
//! no tantivy in them.

use super::snippet::Terms;
use super::store::Placement;
use std::path::PathBuf;
use std::time::Duration;

/// How many hits of a search come with their highlights computed.
pub const HIGHLIGHTED_HITS: usize = 100;

/// Report and theme filters: include any of, exclude all of. (Kept in the
/// history and saved-search files as they are here, each list left out
/// when empty.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_reports: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_themes: Vec<String>,
}

impl Filters {
    /// The same filters with each id as `corpus` spells it, since ids match
    /// whatever their case (`BIG-MED` is `big-med`); a theme id the corpus
    /// has no theme for in any case is lower-cased, as the ids of retired
    /// themes (`replaces` in themes.toml) are matched. Other ids stay as
    /// given, to be named in an error or a note.
    pub fn spelled_as(&self, corpus: &crate::corpus::Corpus) -> Filters {
        let report = |id: &String| {
            corpus
                .reports
                .iter()
                .find(|r| r.id.eq_ignore_ascii_case(id))
                .map_or_else(|| id.clone(), |r| r.id.clone())
        };
        let theme = |id: &String| match corpus.themes.iter().find(|t| t.id.eq_ignore_ascii_case(id))
        {
            Some(t) => t.id.clone(),
            None if !corpus.successors(&id.to_lowercase()).is_empty() => id.to_lowercase(),
            None => id.clone(),
        };
        Filters {
            reports: self.reports.iter().map(report).collect(),
            not_reports: self.not_reports.iter().map(report).collect(),
            themes: self.themes.iter().map(theme).collect(),
            not_themes: self.not_themes.iter().map(theme).collect(),
        }
    }

    /// Refuses an id that names no report or theme of `corpus`, with the
    /// id spelt closest to it and the valid ones.
    pub fn check_ids(&self, corpus: &crate::corpus::Corpus) -> crate::Result<()> {
        use crate::Error;
        for id in self.reports.iter().chain(&self.not_reports) {
            if corpus.report(id).is_none() {
                let valid: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
                return Err(Error::UnknownReport {
                    id: id.clone(),
                    hint: crate::distance::did_you_mean(id, valid.iter().copied()),
                    valid: valid.join(", "),
                });
            }
        }
        for id in self.themes.iter().chain(&self.not_themes) {
            if corpus.theme(id).is_none() {
                let valid: Vec<&str> = corpus.themes.iter().map(|t| t.id.as_str()).collect();
                return Err(Error::UnknownTheme {
                    id: id.clone(),
                    hint: crate::distance::did_you_mean(id, valid.iter().copied()),
                    valid: if valid.is_empty() {
                        "none (this corpus has no themes)".into()
                    } else {
                        valid.join(", ")
                    },
                });
            }
        }
        Ok(())
    }

    /// The filters with every theme id the coding frame retired replaced
    /// by the themes that succeed it (a saved filter, a script's
    /// `--theme`), each id once; and each id so replaced, with its
    /// successors.
    pub fn with_successors(
        &self,
        corpus: &crate::corpus::Corpus,
    ) -> (Filters, Vec<(String, Vec<String>)>) {
        let mut replaced = Vec::new();
        let mut rename = |ids: &[String]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for id in ids {
                let successors = corpus.successors(id);
                let now: Vec<String> = if corpus.theme(id).is_none() && !successors.is_empty() {
                    let names: Vec<String> = successors.iter().map(|t| t.id.clone()).collect();
                    replaced.push((id.clone(), names.clone()));
                    names
                } else {
                    vec![id.clone()]
                };
                for id in now {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
            out
        };
        let filters = Filters {
            themes: rename(&self.themes),
            not_themes: rename(&self.not_themes),
            ..self.clone()
        };
        (filters, replaced)
    }

    /// The filters `corpus` can apply: the reports and themes it does not
    /// have left out, each named (`report `mine``) in the list returned. A
    /// theme id an alias in themes.toml retired stays: a search takes it
    /// as its successors.
    pub fn within(&self, corpus: &crate::corpus::Corpus) -> (Filters, Vec<String>) {
        let mut filters = self.spelled_as(corpus);
        let mut missing = Vec::new();
        let mut keep = |ids: &mut Vec<String>, kind: &str, has: &dyn Fn(&str) -> bool| {
            ids.retain(|id| {
                let there = has(id);
                if !there {
                    missing.push(format!("{kind} `{id}`"));
                }
                there
            });
        };
        let report = |id: &str| corpus.report(id).is_some();
        // A theme the coding frame renamed or split (an alias in
        // themes.toml) is searched as the themes that succeed it.
        let theme = |id: &str| corpus.theme(id).is_some() || !corpus.successors(id).is_empty();
        keep(&mut filters.reports, "report", &report);
        keep(&mut filters.not_reports, "report", &report);
        keep(&mut filters.themes, "theme", &theme);
        keep(&mut filters.not_themes, "theme", &theme);
        (filters, missing)
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
            && self.not_reports.is_empty()
            && self.themes.is_empty()
            && self.not_themes.is_empty()
    }

    /// A search written whole in the query language: `query`, then the
    /// filters as fields (`report:a OR report:b`, `-theme:c`), so that one
    /// string tells a search with filters from the same words without.
    pub fn with_query(&self, query: &str) -> String {
        let any = |field: &str, ids: &[String]| {
            ids.iter()
                .map(|id| format!("{field}:{id}"))
                .collect::<Vec<_>>()
                .join(" OR ")
        };
        let none = |field: &str, ids: &[String]| {
            ids.iter()
                .map(|id| format!("-{field}:{id}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        [
            query.trim().to_string(),
            any("report", &self.reports),
            any("theme", &self.themes),
            none("report", &self.not_reports),
            none("theme", &self.not_themes),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// The filters in words, one line a kind ("theme: mergers, governance"),
    /// for an export's header and the explorer's status line.
    pub fn describe(&self) -> Vec<String> {
        [
            ("report", &self.reports),
            ("not report", &self.not_reports),
            ("theme", &self.themes),
            ("not theme", &self.not_themes),
        ]
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(label, ids)| format!("{label}: {}", ids.join(", ")))
        .collect()
    }
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 20,
        }
    }
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the passage in corpus order.
    pub ord: usize,
    pub score: f32,
    /// Byte ranges of matched words in the passage text (for the first
    /// [`HIGHLIGHTED_HITS`] hits; [`super::snippet::highlights`] gives the rest).
    pub highlights: Vec<(usize, usize)>,
}

/// Passage counts per report and per theme, in corpus and themes.toml order.
/// Report counts ignore the report filters, theme counts the theme filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub reports: Vec<(String, usize)>,
    pub themes: Vec<(String, usize)>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Every passage matching the query and filters, regardless of the limit.
    pub total: usize,
    /// Matching passages per theme (rows, themes.toml order) and report
    /// (columns, corpus order), with both filters applied: the evidence map.
    pub grid: Vec<Vec<usize>>,
    /// Matching passages with no theme, per report (corpus order), with
    /// both filters applied: the evidence map's last row.
    pub unthemed: Vec<usize>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// What was read loosely, relaxed or expanded.
    pub notes: Vec<String>,
    /// The word forms matched, for highlighting other views of the passages.
    pub terms: Terms,
    pub took: Duration,
}

impl SearchResults {
    /// The passages of report `id` that match the query and `filters`,
    /// each once (the evidence map's total for the report). The facets
    /// count a report's passages under the theme filters but not the
    /// report filters, which this obeys.
    pub fn in_report(&self, filters: &Filters, id: &str) -> usize {
        let admitted = (filters.reports.is_empty() || filters.reports.iter().any(|r| r == id))
            && !filters.not_reports.iter().any(|r| r == id);
        if !admitted {
            return 0;
        }
        self.facets
            .reports
            .iter()
            .find(|(r, _)| r == id)
            .map_or(0, |(_, k)| *k)
    }
}

/// How far a build has got: done of total, in a unit of the build's choosing
/// (passages, or bytes of corpus files read); only the ratio is meaningful.
pub type Progress<'a> = &'a dyn Fn(u64, u64);

/// Where the index came from when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexInfo {
    /// The generation folder in use, or `None` for an in-memory index.
    pub path: Option<PathBuf>,
    pub placement: Placement,
    /// True when this open built the index.
    pub built: bool,
    pub build_time: Option<Duration>,
    pub size_bytes: u64,
    pub passages: usize,
    /// Why the index is somewhere other than asked (read-only folder, …).
    pub notes: Vec<String>,
    /// When this open updated the index rather than building it: what changed.
    pub updated: Option<Update>,
}

/// What an update of an index did (see [`IndexInfo::updated`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Update {
    /// Reports indexed again: changed or added.
    pub reindexed: usize,
    /// Reports no longer in the corpus.
    pub gone: usize,
    /// Whether segments were merged (see the search module's `update`).
    pub merged: bool,
    /// Whether a whole merge is due and was left for later (see
    /// [`OpenOptions::defer_merge`]).
    #[serde(default)]
    pub merge_due: bool,
}

/// How to open an index.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// `--index-dir` / EVIDENCE_INDEX_DIR.
    pub dir: Option<PathBuf>,
    /// Where the bundled corpus's index goes when the program runs from its
    /// own repository (`./index/`); the binary decides, from its working
    /// directory. Without it, and without `dir`, the cache folder is used.
    pub repository: Option<PathBuf>,
    /// Build a new generation even when the current one is fresh.
    pub rebuild: bool,
    /// Check every file's checksum, rebuilding if any differ.
    pub verify: bool,
    /// Indexing threads (default: the machine's cores, at most 4).
    pub threads: Option<usize>,
    /// An update leaves the whole merge it would make (seconds, at 100 MB)
    /// for [`super::Index::merge_whole`], so that its results can be shown
    /// first: the explorer runs the merge on its worker afterwards.
    pub defer_merge: bool,
}
