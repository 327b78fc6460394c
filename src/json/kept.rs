//! The JSON of what a workspace keeps: basket excerpts (listed, changed,
//! exported), filters, the search history and saved searches.

use super::*;

/// An excerpt in an export: the passage as collected, the user's note, and
/// its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcerptJson {
    #[serde(flatten)]
    pub passage: PassageFields,
    /// `null` when the user wrote none.
    pub note: Option<String>,
    /// When it was collected, `YYYY-MM-DD`.
    pub collected: String,
    pub citation: CitationJson,
    /// The citation on one line (as `citation.text`).
    pub citation_text: String,
}

impl ExcerptJson {
    pub fn new(e: &Excerpt) -> Self {
        let citation = e.citation();
        ExcerptJson {
            passage: PassageFields {
                id: e.passage_id.clone(),
                report_id: e.report_id.clone(),
                report_title: e.report_title.clone(),
                organisation: e.organisation.clone(),
                authors: e.authors.clone(),
                published: e.published.clone(),
                section: e.section.clone(),
                themes: e.themes.clone(),
                text: e.text.clone(),
                pages: e.pages,
            },
            note: (!e.note.is_empty()).then(|| e.note.clone()),
            collected: e.collected.clone(),
            citation_text: citation.to_string(),
            citation: CitationJson::from(&citation),
        }
    }
}

/// An excerpt in `basket --json`: as in an export, with how it compares
/// with the corpus open and the corpus it was collected from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketExcerptJson {
    #[serde(flatten)]
    pub excerpt: ExcerptJson,
    /// `same`, `changed` (the passage reads differently now), `gone` (the
    /// corpus has no such passage now, or the id names other text) or `other-corpus` (collected from
    /// another corpus than the one open, so not looked for in it).
    pub status: String,
    /// The corpus it was collected from, as `workspaces --json` gives one;
    /// `null` for excerpts collected before workspaces.
    pub corpus: Option<CorpusRef>,
    /// Whether its report's details (title, date, authors…) are not those
    /// it was collected with: the excerpt's details and citation are the
    /// corpus's now, as an export cites it.
    pub details_updated: bool,
    /// What changed in those details, in words (`date: March 2023 → May
    /// 2023`); empty when nothing did.
    pub detail_changes: Vec<String>,
}

impl BasketExcerptJson {
    /// An excerpt as the basket cites it (see `Basket::cited`), with what
    /// changed in its report's details since it was collected.
    pub fn new(e: &Excerpt, status: ExcerptStatus, detail_changes: Vec<String>) -> Self {
        BasketExcerptJson {
            excerpt: ExcerptJson::new(e),
            status: status.name().to_string(),
            corpus: e.corpus.clone(),
            details_updated: !detail_changes.is_empty(),
            detail_changes,
        }
    }
}

/// An excerpt in an export, with how it compares with the corpus open:
/// `same`, or for a basket's excerpt also `changed`, `gone` or
/// `other-corpus` (as in `basket --json`), so that a script reading the
/// file knows which quotations to check before citing them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportExcerptJson {
    #[serde(flatten)]
    pub excerpt: ExcerptJson,
    pub status: String,
}

/// `basket --json`: the current workspace's basket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketJson {
    /// The workspace the basket belongs to.
    pub workspace: String,
    /// The basket's file.
    pub path: PathBuf,
    pub count: usize,
    /// How many of its excerpts have a note.
    pub notes: usize,
    /// The searches its excerpts were collected from, oldest first.
    pub queries: Vec<String>,
    /// In the basket's order.
    pub excerpts: Vec<BasketExcerptJson>,
}

/// A search's filters in a JSON document: every list always there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiltersJson {
    pub reports: Vec<String>,
    pub not_reports: Vec<String>,
    pub themes: Vec<String>,
    pub not_themes: Vec<String>,
}

impl From<&crate::search::Filters> for FiltersJson {
    fn from(f: &crate::search::Filters) -> Self {
        FiltersJson {
            reports: f.reports.clone(),
            not_reports: f.not_reports.clone(),
            themes: f.themes.clone(),
            not_themes: f.not_themes.clone(),
        }
    }
}

/// `history --json`: the workspace's searches, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryJson {
    pub workspace: String,
    /// The history's file.
    pub path: PathBuf,
    /// Entries listed (after --limit).
    pub count: usize,
    pub entries: Vec<HistoryEntryJson>,
}

/// One search of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntryJson {
    pub query: String,
    pub filters: FiltersJson,
    /// The corpus it ran on (`null` when not known).
    pub corpus: Option<CorpusRef>,
    /// When, in seconds since 1970 (UTC).
    pub at: u64,
    /// The same, as `YYYY-MM-DD HH:MM` (UTC).
    pub when: String,
    /// How many passages matched.
    pub hits: usize,
}

impl From<&crate::history::Entry> for HistoryEntryJson {
    fn from(e: &crate::history::Entry) -> Self {
        HistoryEntryJson {
            query: e.query.clone(),
            filters: (&e.filters).into(),
            corpus: e.corpus.clone(),
            at: e.at,
            when: e.when(),
            hits: e.hits,
        }
    }
}

/// `history --clear --json`: how many searches were cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryCleared {
    pub workspace: String,
    pub cleared: usize,
}

/// `saved --json`: the workspace's saved searches, in the order saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedJson {
    pub workspace: String,
    /// The saved searches' file.
    pub path: PathBuf,
    pub count: usize,
    pub searches: Vec<SavedSearchJson>,
}

/// One saved search, with how many passages it finds in the corpus open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchJson {
    pub name: String,
    pub query: String,
    pub filters: FiltersJson,
    /// The day it was saved, `YYYY-MM-DD`.
    pub saved: String,
    /// How many passages it matches now (`null` when it cannot run).
    pub hits: Option<usize>,
    /// What it runs without (reports or themes the corpus no longer has),
    /// or why it cannot run.
    pub notes: Vec<String>,
}

/// `basket add|rm|clear|update --json`: what the change did, and the basket's size
/// after it. Ids are passage ids, except in `absent`, which has the ids as
/// given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketChange {
    /// The workspace the basket belongs to.
    pub workspace: String,
    /// The basket's file.
    pub path: PathBuf,
    /// Passages added, in the order they now have at the basket's end.
    pub added: Vec<String>,
    /// Passages named to add that were in the basket already (left as they were).
    pub already: Vec<String>,
    /// Excerpts taken out, in the order they had.
    pub removed: Vec<String>,
    /// Ids named to take out that had nothing in the basket.
    pub absent: Vec<String>,
    /// How many of the excerpts taken out had a note.
    pub notes_removed: usize,
    /// `update`: excerpts given the corpus's text now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated: Vec<String>,
    /// `update`: excerpts given their report's details now (its date,
    /// title, authors…), their text being the corpus's already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details_updated: Vec<String>,
    /// `update`: what changed in each of those excerpts' details, in words
    /// (`date: March 2023 → May 2023`), by passage id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub detail_changes: std::collections::BTreeMap<String, Vec<String>>,
    /// `update`: excerpts that read as the corpus has them already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub current: Vec<String>,
    /// `update`: excerpts gone from the corpus, left as collected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<String>,
    /// `update`: excerpts from another corpus, not looked for in this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_corpus: Vec<String>,
    /// Excerpts in the basket now.
    pub count: usize,
}
