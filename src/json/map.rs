//! The evidence map as a document (`evidence map --json`, and the rows
//! `--csv` and the text table are written from): for a search and its
//! filters, how many matching passages each report has on each theme,
//! with the totals a reader of the table asks for first.
//!
//! A passage carries one to three themes, so a report's total is the
//! number of its matching passages, not the sum of its column; each
//! theme's total is the number of matching passages with that theme.

use super::FiltersJson;
use crate::corpus::Corpus;
use crate::search::{Filters, SearchResults};
use serde::{Deserialize, Serialize};

/// `evidence map --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceMap {
    /// The query the map is drawn for (empty: every passage).
    pub query: String,
    /// The filters it is drawn under, as the corpus spells its ids.
    pub filters: FiltersJson,
    /// Every matching passage (each counted once).
    pub total: usize,
    /// What the search read loosely, relaxed or expanded.
    pub notes: Vec<String>,
    /// The columns, in corpus order, each with its matching passages.
    pub reports: Vec<MapReport>,
    /// The rows, in themes.toml order.
    pub themes: Vec<MapTheme>,
    /// Matching passages that carry no theme, per report; `null` when
    /// there are none (or the corpus has no themes).
    pub unthemed: Option<MapRow>,
}

/// A report column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapReport {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// Its passages that match the query and filters.
    pub passages: usize,
}

/// The label the map gives its row of passages without a theme.
pub const NO_THEME_LABEL: &str = "(no theme)";

/// A theme row. (It flattens its row, so it cannot deny unknown keys.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapTheme {
    pub id: String,
    pub label: String,
    #[serde(flatten)]
    pub row: MapRow,
}

/// One row's counts: per report (in the order of `reports`) and in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapRow {
    pub counts: Vec<usize>,
    pub passages: usize,
}

impl MapRow {
    fn new(counts: Vec<usize>) -> Self {
        let passages = counts.iter().sum();
        MapRow { counts, passages }
    }
}

impl EvidenceMap {
    /// The map of `results`, the answer to `query` under `filters` (the
    /// filters as the corpus spells its ids).
    pub fn new(corpus: &Corpus, query: &str, filters: &Filters, results: &SearchResults) -> Self {
        let n = corpus.reports.len();
        let reports = corpus
            .reports
            .iter()
            .map(|r| MapReport {
                id: r.id.clone(),
                title: r.title.clone(),
                short_title: r.short_title.clone(),
                passages: results.in_report(filters, &r.id),
            })
            .collect();
        let themes = corpus
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| MapTheme {
                id: t.id.clone(),
                label: t.label.clone(),
                row: MapRow::new(
                    results
                        .grid
                        .get(i)
                        .filter(|row| row.len() == n)
                        .cloned()
                        .unwrap_or_else(|| vec![0; n]),
                ),
            })
            .collect();
        let unthemed = (!corpus.themes.is_empty()
            && results.unthemed.len() == n
            && results.unthemed.iter().any(|&k| k > 0))
        .then(|| MapRow::new(results.unthemed.clone()));
        EvidenceMap {
            query: query.to_string(),
            // As the search applied them: a retired theme id (one the coding
            // frame split) as the themes that replaced it.
            filters: (&filters.with_successors(corpus).0).into(),
            total: results.total,
            notes: results.notes.clone(),
            reports,
            themes,
            unthemed,
        }
    }
}
