//! The tantivy schema: one document per passage.
//!
//! Passage text is indexed but not stored: shown passages are read back from the
//! corpus (which the staleness check guarantees is the one indexed), keeping the
//! index small. `ord`, the passage's position in corpus order (a fast field
//! only), links the two and breaks ties in ranking so results never depend on
//! segment layout.

use super::analysis::{PLAIN, STEMMED};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{IndexSettings, IndexSortByField, Order};

/// Bumped whenever the schema or analysis changes, so old indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 15;

/// The fields of a passage document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub ord: Field,
    /// The report's position in corpus order, for facet counts.
    pub report_ord: Field,
    /// One bit per theme (themes.toml order), for facet counts and the map.
    pub theme_mask: Field,
    pub report: Field,
    pub theme: Field,
    pub year: Field,
    pub org: Field,
    pub title: Field,
    pub section: Field,
    pub body: Field,
    /// Unstemmed words of title, section and body, for prefix and typo matching.
    pub plain: Field,
}

/// A text field. `norms` keeps each document's length in the field (a byte
/// per document) for BM25's length normalisation; only the fields whose
/// scores rank results need it (`org:` restricts without ranking).
fn text(analyzer: &str, record: IndexRecordOption, norms: bool) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record)
            .set_fieldnorms(norms),
    )
}

/// An exact value (an id or a year): matched, never scored.
fn keyword() -> TextOptions {
    text("raw", IndexRecordOption::Basic, false)
}

/// The index's settings: documents sorted by `ord`, so that once the build
/// has merged them into one segment a document's id is its passage's
/// position in corpus order.
pub fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: "ord".to_string(),
            order: Order::Asc,
        }),
        ..IndexSettings::default()
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let fields = Fields {
        ord: b.add_u64_field("ord", FAST),
        report_ord: b.add_u64_field("report_ord", FAST),
        theme_mask: b.add_u64_field("theme_mask", FAST),
        report: b.add_text_field("report", keyword()),
        theme: b.add_text_field("theme", keyword()),
        year: b.add_text_field("year", keyword()),
        org: b.add_text_field("org", text(PLAIN, positions, false)),
        title: b.add_text_field("title", text(STEMMED, positions, false)),
        section: b.add_text_field("section", text(STEMMED, positions, true)),
        body: b.add_text_field("body", text(STEMMED, positions, true)),
        plain: b.add_text_field("plain", text(PLAIN, IndexRecordOption::WithFreqs, true)),
    };
    (b.build(), fields)
}
