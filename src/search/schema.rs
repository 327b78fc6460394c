//! The tantivy schema: one document per passage.
//!
//! Passage text is indexed but not stored: shown passages are read back from the
//! corpus (which the staleness check guarantees is the one indexed), keeping the
//! index small. `ord`, the passage's position in corpus order, links the two and
//! breaks ties in ranking so results never depend on segment layout.

use super::analysis::{PLAIN, STEMMED};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or analysis changes, so old indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

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

fn text(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let fields = Fields {
        ord: b.add_u64_field("ord", FAST | INDEXED),
        report_ord: b.add_u64_field("report_ord", FAST),
        theme_mask: b.add_u64_field("theme_mask", FAST),
        report: b.add_text_field("report", STRING),
        theme: b.add_text_field("theme", STRING),
        year: b.add_text_field("year", STRING),
        org: b.add_text_field("org", text(PLAIN, positions)),
        title: b.add_text_field("title", text(STEMMED, positions)),
        section: b.add_text_field("section", text(STEMMED, positions)),
        body: b.add_text_field("body", text(STEMMED, positions)),
        plain: b.add_text_field("plain", text(PLAIN, IndexRecordOption::WithFreqs)),
    };
    (b.build(), fields)
}
