//! The excerpts for scripts and spreadsheets: a JSON document and CSV, each
//! excerpt with its status against the corpus open.

use super::{ExportMeta, PACK_CREDIT, from_pack};
use crate::basket::{Excerpt, ExcerptStatus};
use serde_json::Value;

/// The excerpts as a JSON document: every key present, `null` for a missing
/// value (the shape is [`crate::json::Export`]).
pub fn json(excerpts: &[Excerpt], meta: &ExportMeta) -> Value {
    let doc = crate::json::Export {
        title: meta.title.clone(),
        date: meta.date.clone(),
        queries: meta.queries.clone(),
        filters: meta.filters.clone(),
        saved_searches: meta.saved.clone(),
        notes: meta.notes.clone(),
        count: excerpts.len(),
        excerpts: excerpts
            .iter()
            .enumerate()
            .map(|(i, e)| crate::json::ExportExcerptJson {
                excerpt: crate::json::ExcerptJson::new(e),
                status: status_of(meta, i).name().to_string(),
            })
            .collect(),
        source: excerpts
            .iter()
            .any(from_pack)
            .then(|| PACK_CREDIT.to_string()),
    };
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

/// The excerpts as CSV (RFC 4180: CRLF line ends, fields quoted when they hold
/// a comma, quote or line break, quotes doubled), written by the `csv` crate.
/// Columns: id, report, organisation, published, section, themes
/// (`; `-separated), text, citation (with the pack after it for the pack's
/// summaries, as in markdown), then report_title, authors, note, pages
/// ("p. 12", "pp. 12–13"), url and status (as in the JSON export).
pub fn csv(excerpts: &[Excerpt], meta: &ExportMeta) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "id",
        "report",
        "organisation",
        "published",
        "section",
        "themes",
        "text",
        "citation",
        // Added after the first columns, so that scripts reading those by
        // position keep working.
        "report_title",
        "authors",
        "note",
        "pages",
        "url",
        "status",
    ];
    // Writing to memory cannot fail; a record that did would only be lost
    // from the export, never panic.
    let _ = out.write_record(header);
    for (i, e) in excerpts.iter().enumerate() {
        let _ = out.write_record([
            e.passage_id.as_str(),
            &e.report_id,
            e.organisation.as_deref().unwrap_or_default(),
            e.published.as_deref().unwrap_or_default(),
            e.section.as_deref().unwrap_or_default(),
            &e.themes.join("; "),
            &e.text,
            &super::citation_plain(e),
            &e.report_title,
            &crate::corpus::authors_line(&e.authors, e.et_al),
            &e.note,
            &e.pages.map(|p| p.locator()).unwrap_or_default(),
            e.source_url.as_deref().unwrap_or_default(),
            status_of(meta, i).name(),
        ]);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The status of the `i`th excerpt (see [`ExportMeta::statuses`]).
pub(super) fn status_of(meta: &ExportMeta, i: usize) -> ExcerptStatus {
    meta.statuses.get(i).copied().unwrap_or(ExcerptStatus::Same)
}
