//! Full-text search over passages with tantivy: building and opening the index,
//! turning a parsed query into tantivy queries, ranking, facet counts, typo and
//! prefix expansion, highlights and related passages. Knows nothing of terminals.
//!
//! One file a job: [`types`] (requests and results), `build` (writing an
//! index), `open` (finding, building or falling back), `compile` (a parsed
//! query into tantivy queries), `expand` (near spellings and prefixes),
//! `relax` (dropping words), `collect` (counts and best hits in one pass) and
//! `run` (a search from end to end), [`kwic`] (the concordance and
//! collocates of a query); [`analysis`], [`query`], [`schema`],
//! [`snippet`] and [`store`] as before. This file holds the [`Index`] and
//! how a passage is found by its place in corpus order.

pub mod analysis;
mod build;
mod collect;
mod compile;
mod coord;
mod expand;
mod freq;
pub mod kwic;
pub mod lexicon;
mod like;
mod meaning;
mod norms;
mod open;
mod places;
mod plain;
pub mod query;
pub(crate) mod question;
mod run;
pub mod schema;
pub mod snippet;
pub mod store;
mod types;
mod update;

pub use types::*;

use crate::corpus::{Corpus, Passage, Report};
use crate::{Error, Result};
use schema::Fields;
use std::sync::Arc;
use tantivy::IndexReader;

/// A searchable corpus: the corpus itself plus its tantivy index.
pub struct Index {
    corpus: Arc<Corpus>,
    fields: Fields,
    reader: IndexReader,
    /// Where each report's passages are in corpus order, and each report
    /// key's report.
    places: Arc<places::Places>,
    /// Each scored field's total of tokens, as recorded (see [`norms`]).
    totals: Vec<(tantivy::schema::Field, u64)>,
    /// The thesaurus, read when a search first needs it.
    bridges: std::sync::OnceLock<expand::Bridges>,
    info: IndexInfo,
}

impl Index {
    /// The corpus this index searches.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The corpus, shared.
    pub fn corpus_arc(&self) -> Arc<Corpus> {
        self.corpus.clone()
    }

    /// Where the index is and how it was opened.
    pub fn info(&self) -> &IndexInfo {
        &self.info
    }

    /// The report (by position) and the place within it of the passage at a
    /// position in corpus order, without reading the report's passages.
    fn locate(&self, ord: usize) -> Option<(usize, usize)> {
        self.places.locate(ord)
    }

    /// The passage at a position in corpus order, with its report.
    pub fn passage(&self, ord: usize) -> Option<(&Report, &Passage)> {
        let (i, local) = self.locate(ord)?;
        let report = &self.corpus.reports[i];
        Some((report, report.passages.one(local)?))
    }

    /// The report a passage belongs to, by its position in corpus order,
    /// without reading the report's passages.
    pub fn report_of(&self, ord: usize) -> Option<&Report> {
        self.corpus.reports.get(self.locate(ord)?.0)
    }

    /// A passage's place within its report (0-based), by its position in
    /// corpus order, without reading the report's passages.
    pub fn local_of(&self, ord: usize) -> Option<usize> {
        Some(self.locate(ord)?.1)
    }

    /// The position in corpus order of a passage id (reads only its report).
    pub fn ord_of(&self, passage_id: &str) -> Option<usize> {
        let (report_id, _) = passage_id.split_once('/')?;
        let i = self.corpus.reports.iter().position(|r| r.id == report_id)?;
        let local = self.corpus.reports[i]
            .passages
            .iter()
            .position(|p| p.id == passage_id)?;
        Some(self.places.first(i)? + local)
    }

    /// Checks filter ids against the corpus.
    pub fn validate(&self, filters: &Filters) -> Result<()> {
        filters.check_ids(&self.corpus)?;
        // Kept and left out at once: nothing could match, and a note on
        // the empty answer would explain something else.
        let both =
            |kept: &[String], out: &[String]| kept.iter().find(|id| out.contains(id)).cloned();
        if let Some(id) = both(&filters.reports, &filters.not_reports) {
            return Err(Error::InvalidInput(format!(
                "report `{id}` is both asked for (--report) and left out (--not-report); give one or the other"
            )));
        }
        if let Some(id) = both(&filters.themes, &filters.not_themes) {
            return Err(Error::InvalidInput(format!(
                "theme `{id}` is both asked for (--theme) and left out (--not-theme); give one or the other"
            )));
        }
        Ok(())
    }
}
