//! An imported document written as its report file: its details (title,
//! authors, organisation, date, citation key) settled from what the reader
//! found and what the user gave, its passages numbered as the report's
//! earlier import numbered them, and the notes a researcher should check.

use super::{Document, Format, Options, Outcome, Pending, title_page};
use crate::corpus::{self, ImportedMeta, Previous, SourceDoc, source_hash};
use std::path::Path;

/// The citation keys a corpus gives its reports, for those an import
/// writes: a report imported again keeps the key it has, and a new one
/// gets the key made from its details, with a letter added when another
/// report has it. The key goes into the report's front matter, so that no
/// later import (of a work by the same authors, the same year, whose file
/// name sorts first) can take it: a citation once exported keeps meaning
/// the same work.
pub(super) struct KeyBook {
    taken: std::collections::HashSet<String>,
    /// Each report's key, the year of its date (`None` undated), and
    /// whether the key is the one its details made (not set by hand).
    by_id: std::collections::HashMap<String, (String, Option<String>, bool)>,
}

impl KeyBook {
    pub(super) fn of(corpus: &corpus::Corpus) -> Self {
        let keys = crate::cite::keys(corpus);
        KeyBook {
            taken: keys.iter().cloned().collect(),
            by_id: corpus
                .reports
                .iter()
                .zip(keys)
                .map(|(r, k)| {
                    let made = crate::cite::key_from(
                        &r.meta.title,
                        &r.meta.authors,
                        r.meta.organisation.as_deref(),
                        r.meta.published.as_deref(),
                    );
                    // Made from its details, with a letter when two clash.
                    let generated = k.strip_prefix(made.as_str()).is_some_and(|rest| {
                        rest.len() <= 1 && rest.chars().all(|c| c.is_ascii_lowercase())
                    });
                    (
                        r.id.clone(),
                        (k, year_of(r.meta.published.as_deref()), generated),
                    )
                })
                .collect(),
        }
    }

    /// Gives `meta` its citation key: its own, the one its report has
    /// (a re-import keeps it, so that drafts citing it still find it), or a
    /// new one. With a note when the kept key was made from a date the
    /// document no longer has (its year, or `nd` for none).
    pub(super) fn settle(&mut self, meta: &mut ImportedMeta) -> Option<String> {
        if let Some(k) = &meta.citekey {
            self.taken.insert(k.clone());
            return None;
        }
        let mut note = None;
        let key = match self.by_id.get(&meta.id) {
            Some((k, was, generated)) => {
                let now = year_of(meta.published.as_deref());
                let named = generated.then(|| match was {
                    Some(year) => format!("dated {year}"),
                    None => "undated (`nd`)".to_string(),
                });
                if let Some(named) = named
                    && *was != now
                {
                    let dated = now.map_or_else(|| "undated".to_string(), |y| format!("dated {y}"));
                    note = Some(format!(
                        "its citation key `{k}` is kept, so that drafts citing it still find it, though it was made when the document was {named} and it is {dated} now; to change it, set `citekey` in its report file"
                    ));
                }
                k.clone()
            }
            None => crate::cite::unique(
                &crate::cite::key_from(
                    &meta.title,
                    &meta.authors,
                    meta.organisation.as_deref(),
                    meta.published.as_deref(),
                ),
                &mut self.taken,
            ),
        };
        meta.citekey = Some(key);
        note
    }
}

/// The year of a `published` value (`2014-09` → 2014).
fn year_of(published: Option<&str>) -> Option<String> {
    published.and_then(|d| d.get(..4)).map(str::to_string)
}

/// A document read from its file, written as its report.
pub(super) fn write_document(
    p: &Pending,
    mut doc: Document,
    into: &Path,
    opts: &Options,
    keys: &mut KeyBook,
) -> Outcome {
    doc.tidy();
    if matches!(p.format, Format::Pdf | Format::Docx) {
        doc.title_page();
    }
    let texts = doc.passage_texts();
    if texts.is_empty() {
        return Outcome::Failed(match p.format {
            Format::Pdf => "no text layer: run OCR first, e.g. ocrmypdf".to_string(),
            Format::Html => "no readable text in it: the page is built by scripts in the browser; save it from the browser once it has loaded, or print it to PDF".to_string(),
            _ => "no text in it".to_string(),
        });
    }
    let stem = p
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut meta = ImportedMeta {
        id: p.id.clone(),
        title: doc
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| stem.clone()),
        subtitle: doc.subtitle.clone().filter(|s| !s.trim().is_empty()),
        short_title: None,
        genre: None,
        organisation: None,
        authors: Vec::new(),
        published: doc.date.clone().filter(|d| crate::corpus::valid_date(d)),
        citekey: None,
        tags: Vec::new(),
        themes: Vec::new(),
        source: SourceDoc {
            file: Some(corpus::recorded_source_file(&p.path, into)),
            format: Some(p.format.as_str().to_string()),
            url: doc.url.clone(),
            accessed: None,
        },
        source_hash: source_hash(&p.bytes),
        extra: toml::Table::new(),
    };
    (meta.authors, meta.organisation) = title_page::people(&doc.authors);
    if meta.organisation.is_none() {
        meta.organisation = doc.publisher.clone();
    }
    corpus::apply_options(&mut meta, &opts.import);
    // An organisation given as the author too is its author, not a person.
    let organisation = meta.organisation.clone();
    meta.authors.retain(|a| Some(a) != organisation.as_ref());
    // Read as the file was written, then compared with it.
    let kept_note = corpus::keep_details(&mut meta, p.previous.as_ref(), &opts.import);
    // A PDF or Word document an organisation put out is a report (CSL's
    // `report`: BibTeX's techreport with its institution, RIS's RPRT), as
    // the bundled reports are; the kind a re-import finds stands.
    meta.genre = p
        .previous
        .as_ref()
        .and_then(|prev| prev.genre.clone())
        .or_else(|| {
            (matches!(p.format.as_str(), "pdf" | "docx") && meta.organisation.is_some())
                .then(|| "report".to_string())
        });
    // A date that is only the file's is a guess: on a re-import the
    // report's own date stands (corrected by hand, it is the user's), and
    // the note asking to check it was said when it was first imported.
    let guessed = doc.date_from_file && opts.import.published.is_none();
    if guessed && let Some(previous) = p.previous.as_ref().and_then(|prev| prev.published.clone()) {
        meta.published = Some(previous);
    }
    let key_note = keys.settle(&mut meta);
    let (ids, themes, retired) = corpus::assign_ids(&texts, p.previous.as_ref());
    let body = doc.markdown(&ids, &themes);
    let plan = corpus::plan_write(
        into,
        &meta,
        &retired,
        &body,
        texts.len(),
        p.previous.as_ref(),
    );
    let mut notes = doc.notes.clone();
    if opts.import.title.is_none()
        && doc.title.as_deref().is_none_or(|t| t.trim().is_empty())
        && meta.title == stem
    {
        notes.push(
            "no title found in it: titled by its file name; give one with --title".to_string(),
        );
    }
    if guessed
        && p.previous.is_none()
        && let Some(date) = &meta.published
    {
        notes.push(format!(
            "dated {}, when the file was made: no date is printed under its title; check it, or give --published",
            crate::corpus::format_date(date)
        ));
    }
    notes.extend(kept_note);
    notes.extend(key_note);
    if p.format == Format::Html && meta.source.url.is_none() {
        notes.push("no web address in the page; give one with --url to cite it".to_string());
    }
    finish(
        plan,
        p.previous.as_ref(),
        texts.len(),
        &retired,
        notes,
        doc.pages,
    )
}

/// Writes a planned report (unless it is what the folder has already) and
/// says what was done.
pub(super) fn finish(
    plan: corpus::Planned,
    previous: Option<&Previous>,
    count: usize,
    retired: &[String],
    notes: Vec<String>,
    pages: Option<u32>,
) -> Outcome {
    if previous.is_some_and(|p| p.bytes == plan.text.as_bytes()) {
        return Outcome::Unchanged {
            id: plan.id,
            path: plan.target,
            corrected: false,
        };
    }
    if let Err(e) = corpus::write_planned(&plan) {
        return Outcome::Failed(e.to_string());
    }
    match previous {
        None => Outcome::Imported {
            id: plan.id,
            path: plan.target,
            passages: count,
            pages,
            notes,
        },
        Some(p) => {
            let before = p.retired.len();
            let newly_retired = retired.len().saturating_sub(before);
            let kept = p.passages.len().saturating_sub(newly_retired);
            Outcome::Reimported {
                id: plan.id,
                path: plan.target,
                kept,
                new: count.saturating_sub(kept),
                retired: newly_retired,
                backup: plan.backup,
                notes,
            }
        }
    }
}
