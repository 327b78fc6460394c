//! The JSON the command line prints: one `Serialize` type per document, the
//! documented contract that scripts rely on (the README's `search --json`
//! example is checked against these types by a test). Every key is always
//! present, with `null` for a missing value; keys are only ever added, never
//! renamed or retyped.
//!
//! A passage has one shape wherever it appears ([`PassageFields`]): in `show`,
//! `search`, `related` and in exports. Its citation is a string in the first
//! three (`citation`) and an object in exports (`citation`); each also carries
//! the other form under its own key (`citation_details`, `citation_text`).
//! (Types with a flattened part cannot deny unknown keys: serde does not
//! support both; the others do, so reading a document back catches a key
//! the types do not know.)

use crate::basket::{Excerpt, ExcerptStatus};
use crate::corpus::{Citation, Corpus, Pages, Passage, Report, ReportMeta, Theme};
use crate::search::{Hit, IndexInfo, SearchResults};
use crate::workspace::{CorpusRef, Kind, Listed};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

mod compare;
mod kept;
mod map;
pub use compare::{ComparedReport, Comparison, compared_by};
pub use kept::*;
pub use map::{EvidenceMap, MapReport, MapRow, MapTheme, NO_THEME_LABEL};

/// The fields every passage has in every JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageFields {
    pub id: String,
    pub report_id: String,
    pub report_title: String,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub section: Option<String>,
    pub themes: Vec<String>,
    /// The whole passage.
    pub text: String,
    /// The pages of the source it is on (`{"first": 4, "last": 5}`), for a
    /// report imported from a PDF; `null` otherwise.
    #[serde(default)]
    pub pages: Option<Pages>,
}

impl PassageFields {
    pub fn new(r: &Report, p: &Passage) -> Self {
        PassageFields {
            id: p.id.clone(),
            report_id: r.id.clone(),
            report_title: r.title.clone(),
            organisation: r.organisation.clone(),
            authors: r.authors.clone(),
            published: r.published.clone(),
            section: p.section.clone(),
            themes: p.themes.clone(),
            text: p.text.clone(),
            pages: p.pages,
        }
    }
}

/// A citation's parts, with the one-line form as `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationJson {
    pub attribution: Option<String>,
    /// The magazine or journal an article appeared in; `null` otherwise.
    #[serde(default)]
    pub published_in: Option<String>,
    pub title: String,
    /// `null` for a work without one.
    pub subtitle: Option<String>,
    pub date: String,
    pub section: Option<String>,
    pub passage_id: String,
    pub text: String,
    /// Where in the source: "p. 12", "pp. 12–13"; `null` without pages.
    #[serde(default)]
    pub locator: Option<String>,
    /// The source's web address, and when it was read ("5 December 2026").
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub accessed: Option<String>,
}

impl From<&Citation> for CitationJson {
    fn from(c: &Citation) -> Self {
        CitationJson {
            attribution: c.attribution.clone(),
            published_in: c.published_in.clone(),
            title: c.title.clone(),
            subtitle: c.subtitle.clone(),
            date: c.date.clone(),
            section: c.section.clone(),
            passage_id: c.passage_id.clone(),
            text: c.to_string(),
            locator: c.locator.clone(),
            url: c.url.clone(),
            accessed: c.accessed.clone(),
        }
    }
}

/// A passage as `show` and `related` print it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageJson {
    #[serde(flatten)]
    pub passage: PassageFields,
    /// The citation on one line.
    pub citation: String,
    /// The citation's parts.
    pub citation_details: CitationJson,
}

impl PassageJson {
    pub fn new(r: &Report, p: &Passage) -> Self {
        let citation = r.cite(p);
        PassageJson {
            passage: PassageFields::new(r, p),
            citation: citation.to_string(),
            citation_details: CitationJson::from(&citation),
        }
    }
}

/// `show PASSAGE --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowPassage {
    pub passage: PassageJson,
}

/// `show ID --json` for a retired passage id (exit status 1): what became
/// of it, so that a script learns where the text went as a person does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowRetired {
    pub retired: RetiredJson,
}

/// A retired passage id: when, and where its text went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetiredJson {
    pub id: String,
    /// `YYYY-MM-DD`, or null when the corpus did not record it.
    pub date: Option<String>,
    /// Where its text went, as the end of a sentence.
    pub now: String,
    /// The sentence `show` prints on stderr.
    pub message: String,
}

impl RetiredJson {
    pub fn new(gone: &crate::corpus::Retired) -> Self {
        RetiredJson {
            id: gone.id.clone(),
            date: Some(gone.date.clone()).filter(|d| !d.is_empty()),
            now: gone.now.clone(),
            message: gone.sentence(),
        }
    }
}

/// A report's details, with how many passages it has and its themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportJson {
    #[serde(flatten)]
    pub meta: ReportMeta,
    pub passage_count: usize,
    /// The report's themes in order of first use.
    pub theme_ids: Vec<String>,
    /// The sections the report's front matter names as its key messages
    /// (`[]` when it names none); `null` only when read from an older
    /// program's output, which gave them in `show REPORT --json` alone.
    #[serde(default)]
    pub key_sections: Option<Vec<String>>,
}

impl ReportJson {
    /// `citekey` is the report's key (its own, or the one made for it; see
    /// [`crate::cite::keys`]).
    pub fn new(corpus: &Corpus, r: &Report, citekey: &str) -> Self {
        let mut meta = (*r.meta).clone();
        meta.citekey = Some(citekey.to_string());
        ReportJson {
            meta,
            passage_count: r.passages.count(),
            theme_ids: corpus.report_theme_ids(r),
            key_sections: Some(r.key_sections.clone()),
        }
    }
}

/// `show REPORT --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowReport {
    pub report: ReportJson,
    pub passages: Vec<PassageJson>,
}

/// `reports --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    pub reports: Vec<ReportJson>,
}

/// A theme with how many passages and reports carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeJson {
    pub id: String,
    pub label: String,
    pub description: String,
    pub passage_count: usize,
    pub report_count: usize,
}

/// `themes --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Themes {
    pub themes: Vec<ThemeJson>,
}

impl Themes {
    pub fn new(corpus: &Corpus) -> Self {
        let themes = corpus
            .themes
            .iter()
            .zip(corpus.theme_totals())
            .map(|(t, (passages, reports)): (&Theme, _)| ThemeJson {
                id: t.id.clone(),
                label: t.label.clone(),
                description: t.description.clone(),
                passage_count: passages,
                report_count: reports,
            })
            .collect();
        Themes { themes }
    }
}

/// `themes ID --json`: one theme with its whole codebook entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeEntryJson {
    pub id: String,
    pub label: String,
    pub description: String,
    pub passage_count: usize,
    pub report_count: usize,
    pub definition: String,
    pub includes: Vec<String>,
    /// What the theme leaves to another: `{"what": …, "use": theme id}`.
    pub excludes: Vec<ThemeExcludeJson>,
    /// Passage ids the codebook gives as examples.
    pub examples: Vec<String>,
    /// Theme ids that went away that this theme succeeds.
    pub replaces: Vec<String>,
}

/// Content a theme leaves to another theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeExcludeJson {
    pub what: String,
    #[serde(rename = "use")]
    pub use_theme: String,
}

/// A search hit: the passage, its rank and score, and where the query's
/// words are in its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitJson {
    /// 1 for the best.
    pub rank: usize,
    #[serde(flatten)]
    pub passage: PassageJson,
    pub score: f32,
    /// `[start, end)` UTF-8 byte offsets into `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// Passage counts by report id and theme id, in corpus and themes.toml order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetsJson {
    pub reports: serde_json::Map<String, serde_json::Value>,
    pub themes: serde_json::Map<String, serde_json::Value>,
}

/// `search --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    pub query: String,
    /// Every passage matching the query and filters, whatever the limit.
    pub total: usize,
    pub took_ms: f64,
    pub notes: Vec<String>,
    pub hits: Vec<HitJson>,
    pub facets: FacetsJson,
}

impl Search {
    /// The document for a search's results; `passage` finds a hit's passage
    /// (a hit whose passage cannot be read is left out).
    pub fn new<'a>(
        query: &str,
        results: &SearchResults,
        passage: impl Fn(&Hit) -> Option<(&'a Report, &'a Passage)>,
    ) -> Self {
        let hits = results
            .hits
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let (r, p) = passage(h)?;
                Some(HitJson {
                    rank: i + 1,
                    passage: PassageJson::new(r, p),
                    score: h.score,
                    highlights: h.highlights.clone(),
                })
            })
            .collect();
        let counts = |items: &[(String, usize)]| {
            items
                .iter()
                .map(|(id, n)| (id.clone(), serde_json::Value::from(*n)))
                .collect()
        };
        Search {
            query: query.to_string(),
            total: results.total,
            // Three decimals (a microsecond): the rest is noise, and a
            // float's tail (`0.18612800000000002`).
            took_ms: (results.took.as_secs_f64() * 1e6).round() / 1000.0,
            notes: results.notes.clone(),
            hits,
            facets: FacetsJson {
                reports: counts(&results.facets.reports),
                themes: counts(&results.facets.themes),
            },
        }
    }
}

/// A passage like another, with how alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedPassage {
    #[serde(flatten)]
    pub passage: PassageJson,
    pub score: f32,
}

/// `related ID --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub id: String,
    pub related: Vec<RelatedPassage>,
}

/// `index --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexJson {
    pub passages: usize,
    /// Whether this run built the index.
    pub built: bool,
    pub took_ms: f64,
    pub size_bytes: u64,
    /// The generation folder, or `null` for an in-memory index.
    pub path: Option<PathBuf>,
    pub notes: Vec<String>,
    /// What an update of the index changed; `null` when it was built whole
    /// or was current.
    pub updated: Option<crate::search::Update>,
}

impl IndexJson {
    pub fn new(info: &IndexInfo, took_ms: f64) -> Self {
        IndexJson {
            passages: info.passages,
            built: info.built,
            took_ms,
            size_bytes: info.size_bytes,
            path: info.path.clone(),
            notes: info.notes.clone(),
            updated: info.updated,
        }
    }
}

/// A workspace as `workspaces --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceJson {
    pub name: String,
    /// `corpus` (chosen by its corpus) or `named` (`--workspace NAME`);
    /// `null` when its `workspace.json` cannot be read.
    pub kind: Option<Kind>,
    /// Whether `evidence` with the same `--corpus` and `--workspace` opens it.
    pub current: bool,
    /// Its corpus (a named workspace's: the one it goes with, the last it was opened with but for runs that left out `--corpus`):
    /// `{"kind": "bundled"}` or `{"kind": "folder", "id": …, "path": …}`.
    pub corpus: Option<CorpusRef>,
    /// Whether that corpus is where it was last seen.
    pub corpus_found: Option<bool>,
    /// Excerpts in its basket; `null` when the basket file cannot be read.
    pub excerpts: Option<usize>,
    /// The workspace's folder.
    pub path: PathBuf,
    /// What could not be read, if anything.
    pub problem: Option<String>,
}

impl WorkspaceJson {
    pub fn new(listed: &Listed, current: bool) -> Self {
        WorkspaceJson {
            name: listed.name.clone(),
            kind: listed.kind,
            current,
            corpus: listed.corpus.clone(),
            corpus_found: listed.corpus_found,
            excerpts: listed.excerpts,
            path: listed.dir.clone(),
            problem: listed.problem.clone(),
        }
    }
}

/// `workspaces --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspaces {
    /// The data folder the workspaces are kept in.
    pub data_dir: PathBuf,
    pub workspaces: Vec<WorkspaceJson>,
}

/// A problem `check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemJson {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
    /// Whether the file is skipped because of it.
    pub fatal: bool,
    /// `error` (check fails) or `warning` (listed; check passes unless
    /// `--deny-warnings`).
    pub severity: String,
}

/// `check --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub problems: Vec<ProblemJson>,
    pub reports: usize,
    pub passages: usize,
    pub themes: usize,
    pub passages_without_theme: usize,
    /// How many of `problems` are errors, and how many warnings.
    pub errors: usize,
    pub warnings: usize,
}

impl Check {
    pub fn new(corpus: &Corpus) -> Self {
        Check {
            problems: corpus
                .problems
                .iter()
                .map(|p| ProblemJson {
                    path: p.path.clone(),
                    line: p.line,
                    message: p.message.clone(),
                    fatal: p.fatal,
                    severity: p.severity.as_str().to_string(),
                })
                .collect(),
            reports: corpus.reports.len(),
            passages: corpus.passage_count(),
            themes: corpus.themes.len(),
            passages_without_theme: corpus.passages_without_theme(),
            errors: corpus.problem_counts().0,
            warnings: corpus.problem_counts().1,
        }
    }
}

/// `kwic --json`: a concordance of a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kwic {
    pub query: String,
    /// `report`, `left`, `left2`, `right` or `right2`.
    pub sort: String,
    /// Columns of context either side.
    pub width: usize,
    pub notes: Vec<String>,
    pub occurrences: usize,
    pub passages: usize,
    pub reports: usize,
    pub lines: Vec<KwicLine>,
}

/// One occurrence in `kwic --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KwicLine {
    pub passage_id: String,
    pub report_id: String,
    pub short_title: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    /// Byte offsets of the match in the passage's text.
    pub start: usize,
    pub end: usize,
    /// For a synonym the query was expanded with: the query's words it
    /// stands for; else `null`.
    pub synonym_of: Option<String>,
}

/// `collocates --json`: the words found most near a query's matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collocates {
    pub query: String,
    /// Words either side of a match counted.
    pub window: usize,
    /// The association score's formula, named.
    pub score: String,
    pub notes: Vec<String>,
    pub occurrences: usize,
    pub collocates: Vec<CollocateJson>,
}

/// One collocate in `collocates --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollocateJson {
    /// Its commonest form near the matches.
    pub word: String,
    pub stem: String,
    /// Times within the window of a match.
    pub count: usize,
    /// Passages it is near a match in.
    pub passages: usize,
    /// Times in the whole corpus's text.
    pub corpus: u64,
    /// Log-likelihood (Dunning's G², signed).
    pub score: f64,
}

/// An export as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub title: String,
    pub date: String,
    pub queries: Vec<String>,
    pub filters: Vec<String>,
    /// The names of the saved searches among `queries`.
    #[serde(default)]
    pub saved_searches: Vec<String>,
    /// What to know of how the export was made (a saved search run
    /// without a filter the corpus no longer has).
    #[serde(default)]
    pub notes: Vec<String>,
    pub count: usize,
    pub excerpts: Vec<ExportExcerptJson>,
    /// The credit of the evidence pack, when an excerpt comes from it.
    pub source: Option<String>,
}

/// One quotation in `verify --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotationJson {
    /// The line it starts on, from 1.
    pub line: usize,
    /// `block` (a `>` quote) or `inline` (quotation marks in a paragraph).
    pub kind: String,
    pub text: String,
    /// The passage id cited near it, or null.
    pub cited: Option<String>,
    /// The pandoc citation it was cited by, as written
    /// (`@gawande2012big, p. 3`), or null for a passage id.
    pub cited_as: Option<String>,
    /// `verified`, `changed`, `misquoted`, `wrong source`, `wrong locator`,
    /// `gone`, `found in` or `not from this corpus`.
    pub result: String,
    /// The passage that holds the quote, for `wrong source`, `wrong
    /// locator` and `found in`, and for `gone` when one holds it now; for
    /// `misquoted` from a work or its pages (no passage named), the passage
    /// the diff is from.
    pub found: Option<String>,
    /// For `changed` (quote → passage now) and `misquoted` (passage → quote):
    /// the words that differ, as `[-removed-] {+added+}`.
    pub diff: Option<String>,
    /// For `gone`: what became of the id; for `wrong locator`: where in
    /// the work the quote is; for `misquoted`, when the quote shares few
    /// words with the passage, that it is not from it.
    pub why: Option<String>,
}

impl QuotationJson {
    pub fn new(c: &crate::verify::Checked) -> Self {
        use crate::verify::{QuoteKind, Verdict};
        let q = &c.quotation;
        let (found, diff, why) = match &c.verdict {
            Verdict::WrongSource { found } | Verdict::FoundIn { found } => {
                (Some(found.clone()), None, None)
            }
            Verdict::WrongLocator { found, why } => (Some(found.clone()), None, Some(why.clone())),
            Verdict::Changed { diff } => (None, Some(diff.clone()), None),
            Verdict::Misquoted {
                diff,
                passage,
                unlike,
            } => (
                passage.clone(),
                Some(diff.clone()),
                unlike.then(|| {
                    "the quote shares few words with the passage: it is not from it, nor from anywhere else in the corpus".to_string()
                }),
            ),
            Verdict::Gone { why, found } | Verdict::UnknownWork { why, found } => {
                (found.clone(), None, Some(why.clone()))
            }
            Verdict::Verified | Verdict::NotFromCorpus => (None, None, None),
        };
        QuotationJson {
            line: q.line,
            kind: match q.kind {
                QuoteKind::Block => "block",
                QuoteKind::Inline => "inline",
            }
            .to_string(),
            text: q.text.clone(),
            cited: q.cited.clone(),
            cited_as: q.cited_as.clone(),
            result: c.verdict.name().to_string(),
            found,
            diff,
            why,
        }
    }
}

/// One document in `verify --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifiedFile {
    pub path: PathBuf,
    pub quotations: Vec<QuotationJson>,
}

/// `evidence verify --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verify {
    pub files: Vec<VerifiedFile>,
    /// Quotations that cite a passage, and how many of them were verified.
    pub cited: usize,
    pub verified: usize,
    /// Quotations that cite nothing (found in the corpus or not).
    pub uncited: usize,
    /// Quotations credited to works the corpus does not have (a pandoc
    /// key it does not know) whose words are not in it either: another
    /// source's, not checked. (Those whose words are in it are `wrong
    /// source`, among `cited`.)
    pub other_works: usize,
}
