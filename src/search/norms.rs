//! The field lengths BM25 divides by, recorded with each generation so that
//! an updated index scores exactly as a fresh build of the same files.
//!
//! BM25 weighs a match by the passage's length against the average length
//! of the field. tantivy takes that average from each segment's count of
//! tokens, which is exact for a fresh build; but when it merges away
//! deleted documents it can only estimate the count from the documents'
//! stored lengths, which are rounded. So every index records its own
//! totals, measured the same way whatever its history: for a field that
//! stores lengths, the sum of the live documents' stored lengths; for the
//! report-level fields (title, organisation: no stored lengths), each
//! report's words counted once and multiplied by its passages.

use super::Index;
use super::schema::Fields;
use crate::Result;
use crate::corpus::ReportMeta;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Each scored text field's total of tokens, by field name.
pub type Totals = Vec<(String, u64)>;

/// Measures an index's totals (see the module's note). `reports` are the
/// corpus's reports with their passage counts.
pub(super) fn measure<'a>(
    index: &tantivy::Index,
    searcher: &Searcher,
    fields: Fields,
    reports: impl Iterator<Item = (&'a ReportMeta, usize)>,
) -> Result<Totals> {
    let schema = index.schema();
    let mut totals = Totals::new();
    for field in [fields.section, fields.body, fields.plain] {
        let mut total = 0u64;
        for segment in searcher.segment_readers() {
            let Some(norms) = segment.fieldnorms_readers().get_field(field)? else {
                continue;
            };
            match segment.alive_bitset() {
                None => {
                    for doc in 0..segment.max_doc() {
                        total += u64::from(norms.fieldnorm(doc));
                    }
                }
                Some(alive) => {
                    for doc in alive.iter_alive() {
                        total += u64::from(norms.fieldnorm(doc));
                    }
                }
            }
        }
        totals.push((schema.get_field_name(field).to_string(), total));
    }
    let mut title = index.tokenizer_for_field(fields.title)?;
    let mut org = index.tokenizer_for_field(fields.org)?;
    let count = |analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str| {
        let mut stream = analyzer.token_stream(text);
        let mut n = 0u64;
        while stream.advance() {
            n += 1;
        }
        n
    };
    let (mut title_total, mut org_total) = (0u64, 0u64);
    for (report, passages) in reports {
        // As `build::document` fills the two fields.
        let mut t = count(&mut title, &report.title);
        let mut o = 0;
        for who in report.organisation.iter().chain(&report.authors) {
            t += count(&mut title, who);
            o += count(&mut org, who);
        }
        if report.short_title != report.title {
            t += count(&mut title, &report.short_title);
        }
        title_total += t * passages as u64;
        org_total += o * passages as u64;
    }
    totals.push((schema.get_field_name(fields.title).to_string(), title_total));
    totals.push((schema.get_field_name(fields.org).to_string(), org_total));
    Ok(totals)
}

/// [`measure`] for an index just built from `corpus`.
pub(super) fn measure_built(
    index: &tantivy::Index,
    fields: Fields,
    corpus: &crate::corpus::Corpus,
) -> Result<Totals> {
    measure(
        index,
        &index.reader()?.searcher(),
        fields,
        corpus
            .reports
            .iter()
            .map(|r| (&*r.meta, r.passages.count())),
    )
}

/// [`measure`] for an index of the reports a catalog lists.
pub(super) fn measure_catalog(
    index: &tantivy::Index,
    fields: Fields,
    catalog: &crate::corpus::Catalog,
) -> Result<Totals> {
    measure(
        index,
        &index.reader()?.searcher(),
        fields,
        catalog.reports.iter().map(|r| (&*r.meta, r.passage_count)),
    )
}

/// The searcher's statistics with the recorded totals.
pub(super) struct Recorded<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) totals: &'a [(Field, u64)],
    /// A field with no lengths: each of its matches is read as one in a
    /// document of average length, whatever the index's history.
    pub(super) unmeasured: Field,
}

impl Bm25StatisticsProvider for Recorded<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        // Each document's length is read as 1 in such a field, so an
        // average of 1 makes BM25's length factor 1.
        if field == self.unmeasured {
            return self.searcher.total_num_docs();
        }
        match self.totals.iter().find(|(f, _)| *f == field) {
            Some(&(_, total)) => Ok(total),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

impl Index {
    /// Runs a scored search with the recorded field lengths.
    pub(super) fn scored<C: tantivy::collector::Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let stats = Recorded {
            searcher,
            totals: &self.totals,
            unmeasured: self.fields.shouted,
        };
        searcher.search_with_statistics_provider(query, collector, &stats)
    }
}

/// Totals by field name, as field handles of this schema.
pub(super) fn resolve(schema: &tantivy::schema::Schema, totals: &Totals) -> Vec<(Field, u64)> {
    totals
        .iter()
        .filter_map(|(name, n)| Some((schema.get_field(name).ok()?, *n)))
        .collect()
}
