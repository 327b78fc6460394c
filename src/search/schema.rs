//! The tantivy schema: one document per passage.
//!
//! Passage text is indexed but not stored: shown passages are read back from the
//! corpus (which the staleness check guarantees is the one indexed), keeping the
//! index small. `slot` (a fast field only) links the two: it holds the
//! report's key and the passage's place in its report, and a passage's
//! position in corpus order (its `ord`, which breaks ties in ranking so
//! results never depend on segment layout) is found from it through the
//! catalog when a search runs. Keys rather than positions are stored so that
//! adding, editing or removing a report touches that report's documents
//! alone: the reports after it move in corpus order without being rewritten.

use super::analysis::{PLAIN, SHOUTED, STEMMED};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{IndexSettings, IndexSortByField, Order};

/// Bumped whenever the schema or analysis changes, so old indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 21;

/// The fields of a passage document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The report's key and the passage's place in it: see [`slot`].
    pub slot: Field,
    /// The report's key alone, indexed, so that an update can delete a
    /// report's documents.
    pub key: Field,
    /// One bit per theme (themes.toml order), for facet counts and the map.
    pub theme_mask: Field,
    pub report: Field,
    pub theme: Field,
    pub year: Field,
    pub org: Field,
    pub title: Field,
    pub section: Field,
    pub body: Field,
    /// Unstemmed words of section and body, for `=word`, prefixes and typo
    /// matching.
    pub plain: Field,
    /// Unstemmed words of the report's title, organisation and authors:
    /// report-level matches of `=word` and prefixes, counted as a stemmed
    /// word's are (see the compile module's `text_query`), and words the
    /// prefix and typo lists know.
    pub plain_meta: Field,
    /// Common words written in capitals in section and body (`IT`, `US`):
    /// an acronym typed so matches only these (see
    /// [`super::analysis::shouted`]). No lengths are kept: a match scores
    /// as in a passage of average length.
    pub shouted: Field,
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

/// How many bits of a slot hold the passage's place in its report.
pub const LOCAL_BITS: u32 = 24;

/// A passage document's slot: its report's key, then its place in the report.
pub fn slot(key: u64, local: usize) -> u64 {
    (key << LOCAL_BITS) | local as u64
}

/// A slot's report key and place in the report.
pub fn split_slot(slot: u64) -> (u64, u64) {
    (slot >> LOCAL_BITS, slot & ((1 << LOCAL_BITS) - 1))
}

/// The index's settings: documents sorted by `slot` in every segment, so
/// that each report's passages are one run of documents in order. A fresh
/// build numbers reports in corpus order and merges into one segment, where
/// a document's id is then its passage's position in corpus order.
pub fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: "slot".to_string(),
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
        slot: b.add_u64_field("slot", FAST),
        key: b.add_u64_field("key", INDEXED),
        theme_mask: b.add_u64_field("theme_mask", FAST),
        report: b.add_text_field("report", keyword()),
        theme: b.add_text_field("theme", keyword()),
        year: b.add_text_field("year", keyword()),
        org: b.add_text_field("org", text(PLAIN, positions, false)),
        title: b.add_text_field("title", text(STEMMED, positions, false)),
        section: b.add_text_field("section", text(STEMMED, positions, true)),
        body: b.add_text_field("body", text(STEMMED, positions, true)),
        plain: b.add_text_field("plain", text(PLAIN, IndexRecordOption::WithFreqs, true)),
        plain_meta: b.add_text_field("plain_meta", text(PLAIN, IndexRecordOption::Basic, false)),
        shouted: b.add_text_field(
            "shouted",
            text(SHOUTED, IndexRecordOption::WithFreqs, false),
        ),
    };
    (b.build(), fields)
}
