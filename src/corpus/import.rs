//! `evidence import`: copying a user's own plain documents into a corpus folder
//! with generated front matter and a marker on every passage, so their passage
//! ids stay stable when the user edits them later.

use super::parse::{RawPassage, parse_file};
use super::{Corpus, CorpusSource, ReportKind, valid_date};
use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

pub use super::parse::slug;

/// Metadata given on the command line for the imported files.
#[derive(Debug, Default, Clone)]
pub struct ImportOptions {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub published: Option<String>,
    pub themes: Vec<String>,
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Builds the text of an imported file: front matter, then the body with a
/// marker inserted after each passage's text.
pub(crate) fn imported_text(
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<(String, String)> {
    let parsed = parse_file(path, bytes);
    if parsed.has_front_matter {
        return Err(Error::InvalidInput(format!(
            "{}: already has front matter; copy it into the corpus folder as it is",
            path.display()
        )));
    }
    let Some(report) = parsed.report else {
        let why = parsed
            .problems
            .iter()
            .find(|p| p.fatal)
            .map(|p| p.message.clone())
            .unwrap_or_else(|| "cannot be read as a report".to_string());
        return Err(Error::InvalidInput(format!("{}: {why}", path.display())));
    };
    let title = opts.title.clone().unwrap_or(report.title.clone());
    let mut fm = String::from("+++\n");
    fm.push_str(&format!("id = {}\n", toml_string(&report.id)));
    fm.push_str(&format!("title = {}\n", toml_string(&title)));
    fm.push_str(&format!(
        "short_title = {}\n",
        toml_string(&super::parse::cut(&title, super::parse::SHORT_TITLE_MAX))
    ));
    if let Some(o) = &opts.organisation {
        fm.push_str(&format!("organisation = {}\n", toml_string(o)));
    }
    if let Some(p) = &opts.published {
        fm.push_str(&format!("published = {}\n", toml_string(p)));
    }
    fm.push_str(&format!(
        "kind = {}\n",
        toml_string(ReportKind::Document.as_str())
    ));
    if !opts.themes.is_empty() {
        let list: Vec<String> = opts.themes.iter().map(|t| toml_string(t)).collect();
        fm.push_str(&format!("themes = [{}]\n", list.join(", ")));
    }
    fm.push_str("+++\n");
    let body = insert_markers(&parsed.text[parsed.body_start..], &parsed.raw);
    Ok((report.meta.id, format!("{fm}{body}")))
}

/// Inserts `<!-- #N -->` after each passage's last inline content, keeping
/// only markers that leave every passage's text as it was and add no problem.
/// (A marker can change the markdown around it: after a bare `1.` it makes a
/// list item, its `-->` closes a `<!--` in the text, and next to some raw HTML
/// it ends up on a line of its own.)
fn insert_markers(body: &str, raw: &[RawPassage]) -> String {
    // What a body reads as: its passages' texts, and how many problems.
    let reading = |markdown: &str| -> (Vec<String>, usize) {
        let parsed = parse_file(Path::new("import.md"), markdown.as_bytes());
        let texts = parsed
            .report
            .map(|r| r.passages.iter().map(|p| p.text.clone()).collect())
            .unwrap_or_default();
        (texts, parsed.problems.len())
    };
    let wanted: Vec<String> = raw.iter().map(|r| r.passage.text.clone()).collect();
    let (_, problems_before) = reading(body);
    let unchanged = |markdown: &str| {
        let (texts, problems) = reading(markdown);
        texts == wanted && problems <= problems_before
    };
    let mut keep: Vec<bool> = raw
        .iter()
        .map(|r| !r.has_marker && r.marker_at.is_some())
        .collect();
    let all = with_markers(body, raw, &keep);
    if unchanged(&all) {
        return all;
    }
    // Some marker changes the text: add them one at a time, keeping the safe
    // ones. (A passage without a marker keeps its position as its id.)
    if raw.len() > 2000 {
        return body.to_string();
    }
    let candidates: Vec<usize> = (0..raw.len()).filter(|&i| keep[i]).collect();
    keep.iter_mut().for_each(|k| *k = false);
    for i in candidates {
        keep[i] = true;
        if !unchanged(&with_markers(body, raw, &keep)) {
            keep[i] = false;
        }
    }
    with_markers(body, raw, &keep)
}

fn with_markers(body: &str, raw: &[RawPassage], keep: &[bool]) -> String {
    let mut inserts: Vec<(usize, String)> = raw
        .iter()
        .zip(keep)
        .filter(|(_, keep)| **keep)
        .filter_map(|(r, _)| {
            r.marker_at
                .map(|at| (at, format!(" <!-- #{} -->", r.passage.local_id())))
        })
        .collect();
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(body.len() + inserts.len() * 12);
    let mut last = 0;
    for (at, marker) in inserts {
        let at = at.min(body.len());
        if at < last || !body.is_char_boundary(at) {
            continue;
        }
        out.push_str(&body[last..at]);
        out.push_str(&marker);
        last = at;
    }
    out.push_str(&body[last..]);
    out
}

/// Imports files into the corpus folder `into`. Checks everything first, so
/// that either all files are written or none.
pub fn import_files(
    files: &[PathBuf],
    into: &Path,
    opts: &ImportOptions,
) -> Result<Vec<(String, PathBuf)>> {
    if let Some(p) = &opts.published
        && !valid_date(p)
    {
        return Err(Error::InvalidInput(format!(
            "--published `{p}` is not a date like 2014, 2014-09 or 2014-09-30"
        )));
    }
    // Import adds to a corpus folder; it makes none, so that a mistyped
    // --into is not taken for a new corpus.
    if fs::symlink_metadata(into).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Err(Error::InvalidInput(format!(
            "{}: no such folder; create it, or start a corpus there with `evidence init {}`",
            into.display(),
            into.display()
        )));
    }
    let source = CorpusSource::folder(into)?;
    let existing = Corpus::load(&source);
    for t in &opts.themes {
        if existing.theme(t).is_some() {
            continue;
        }
        // A folder without themes.toml has no themes (the bundled ones do
        // not apply), so no passage there can carry one.
        if !into.join("themes.toml").exists() {
            return Err(Error::InvalidInput(format!(
                "--theme {t}: {} has no themes.toml to define it; add one (a folder made by `evidence init` has the bundled themes)",
                into.display()
            )));
        }
        let valid: Vec<&str> = existing.themes.iter().map(|t| t.id.as_str()).collect();
        return Err(Error::UnknownTheme {
            id: t.clone(),
            valid: if valid.is_empty() {
                format!("none ({} defines none)", into.join("themes.toml").display())
            } else {
                valid.join(", ")
            },
        });
    }
    let mut planned: Vec<(String, PathBuf, String)> = Vec::new();
    for file in files {
        let bytes = fs::read(file).map_err(|e| Error::io(file, e))?;
        let (id, text) = imported_text(file, &bytes, opts)?;
        if let Some(r) = existing.report(&id) {
            return Err(Error::ReportExists {
                id,
                source_path: file.clone(),
                existing: into.join(&r.path),
            });
        }
        let target = into.join(format!("{id}.md"));
        if target.exists() || planned.iter().any(|(other, _, _)| *other == id) {
            return Err(Error::ReportExists {
                id,
                source_path: file.clone(),
                existing: target,
            });
        }
        planned.push((id, target, text));
    }
    let mut written = Vec::new();
    for (id, target, text) in planned {
        crate::atomic::write(&target, text.as_bytes())?;
        written.push((id, target));
    }
    Ok(written)
}
