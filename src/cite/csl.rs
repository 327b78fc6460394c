//! CSL-JSON: the works as the Citation Style Language's data format, which
//! pandoc, Zotero and every CSL processor read.

use super::{Genre, Issued, Work};
use serde_json::{Value, json};

/// The works as a CSL-JSON array.
pub fn csl_json(works: &[Work]) -> String {
    let items = csl_items(works);
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

/// The works as CSL-JSON items, one value each (for a document's own
/// `references`, say).
pub fn csl_items(works: &[Work]) -> Vec<Value> {
    let pack = super::pack_in(works);
    works.iter().map(|w| item(w, pack, false)).collect()
}

/// The works as pandoc's citeproc reads them: "et al." as an author
/// `{"literal": "others"}`, which it prints as "et al." (other CSL tools,
/// Zotero among them, would take it for a person, so [`csl_items`] says it
/// in a note instead).
pub fn csl_items_for_pandoc(works: &[Work]) -> Vec<Value> {
    let pack = super::pack_in(works);
    works.iter().map(|w| item(w, pack, true)).collect()
}

/// [`csl_items_for_pandoc`] as a file.
pub fn csl_json_for_pandoc(works: &[Work]) -> String {
    let items = csl_items_for_pandoc(works);
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

fn item(w: &Work, pack: Option<&Work>, pandoc: bool) -> Value {
    let kind = match w.genre {
        Genre::Report | Genre::MeetingReport => "report",
        Genre::MagazineArticle => "article-magazine",
        Genre::JournalArticle => "article-journal",
        // CSL's `article` is a preprint (Chicago says so): an article no
        // periodical published is a document.
        Genre::Article | Genre::Document => "document",
        Genre::Speech => "speech",
        Genre::Webpage => "webpage",
    };
    let mut item = json!({
        "id": w.key,
        "type": kind,
        "title": w.full_title(),
    });
    let obj = item.as_object_mut();
    let Some(obj) = obj else { return item };
    if !w.authors.is_empty() {
        let mut names: Vec<Value> = w
            .authors
            .iter()
            .map(|n| {
                if n.given.is_empty() && n.family.contains(char::is_whitespace) {
                    // A name kept whole (`Interviewee A (Director of
                    // Operations)`), as CSL writes one it must not split.
                    json!({ "literal": n.family })
                } else if n.given.is_empty() {
                    json!({ "family": n.family })
                } else {
                    json!({ "family": n.family, "given": n.given })
                }
            })
            .collect();
        if w.et_al && pandoc {
            // As pandoc writes BibTeX's "and others": its citeproc prints
            // it as "et al.".
            names.push(json!({ "literal": "others" }));
        }
        obj.insert("author".into(), Value::Array(names));
    } else if let Some(o) = &w.organisation
        && !matches!(w.genre, Genre::MagazineArticle | Genre::JournalArticle)
    {
        obj.insert("author".into(), json!([{ "literal": o }]));
    }
    if let Some(o) = &w.organisation {
        let field = match w.genre {
            Genre::MagazineArticle | Genre::JournalArticle | Genre::Webpage => "container-title",
            _ => "publisher",
        };
        obj.insert(field.into(), json!(o));
    }
    match w.genre {
        Genre::Speech => {
            obj.insert("genre".into(), json!("Lecture"));
        }
        Genre::MeetingReport => {
            obj.insert("genre".into(), json!("Meeting report"));
        }
        _ => {}
    }
    if let Some(i) = w.issued {
        obj.insert("issued".into(), date(i));
    }
    if let Some(url) = &w.url {
        obj.insert("URL".into(), json!(url));
    }
    if let Some(a) = w.accessed.as_deref().and_then(Issued::parse) {
        obj.insert("accessed".into(), date(a));
    }
    let mut notes = Vec::new();
    if w.et_al && !pandoc {
        // CSL has no "et al." for data.
        notes.push("The work has more authors than those named here.".to_string());
    }
    if let Some(n) = w.note(pack) {
        notes.push(n);
    }
    if !notes.is_empty() {
        obj.insert("note".into(), json!(notes.join(" ")));
    }
    item
}

/// A CSL date: `{"date-parts": [[2014, 9]]}`, as precise as it is.
fn date(i: Issued) -> Value {
    let mut parts = vec![json!(i.year)];
    if let Some(m) = i.month {
        parts.push(json!(m));
        if let Some(d) = i.day {
            parts.push(json!(d));
        }
    }
    json!({ "date-parts": [parts] })
}
