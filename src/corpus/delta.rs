//! What changed in a corpus folder since an index's catalog was written: the
//! report files to read again (changed, added, or unreadable before), the
//! reports gone, and the catalog as reading the whole folder would make it
//! now, with every other report's details, counts and problems taken from
//! the old catalog unread.
//!
//! A change this cannot account for exactly gives `None`, and the caller
//! reads the whole corpus: a changed themes file (every passage's theme bits
//! move), a report id or citation key that two files share (which file wins
//! depends on the others), a folder that could not be listed, or an empty
//! folder.

use super::load::{FileRead, Keep, ReadReport, document_warning, read_file};
use super::themes::{read_themes, themes_failed};
use super::{Catalog, CatalogReport, CorpusSource, ListedFile, Passage, Problem, Report, Scan};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// The change, ready for an index to apply.
pub struct Delta {
    /// The catalog after the change. A report read again has key 0 and no
    /// spans place; every other keeps its key and its place in the old
    /// spans file.
    pub catalog: Catalog,
    /// The reports read again, by their position in `catalog.reports`.
    pub changed: Vec<Changed>,
    /// The keys of the old catalog's reports that are gone or were read again.
    pub removed: Vec<u64>,
    /// Bytes of report files read.
    pub read_bytes: u64,
    /// How many of the old catalog's reports are no longer in the corpus.
    pub gone: usize,
}

/// A report read again: its passages and its block of passage spans.
pub struct Changed {
    pub at: usize,
    pub report: Report,
    pub passages: Vec<Passage>,
    pub spans: Vec<u8>,
}

/// Whether a problem is a file's passage reusing a retired id (the full read
/// says these after every file's other problems).
fn is_reused_id(p: &Problem) -> bool {
    p.message
        .contains("may not be used again; give the passage a new id")
}

/// A problem that depends on more than one file.
fn is_across_files(p: &Problem) -> bool {
    p.message.starts_with("duplicate report id") || p.message.starts_with("duplicate citekey")
}

/// The change from `old` (a catalog of this source) to the folder as `scan`
/// lists it, reading only the report files that are not exactly as `old`
/// recorded them. `None` when the change cannot be made this way (see the
/// module's note) or when more than `max_bytes` of files would be read.
pub fn delta(source: &CorpusSource, old: Catalog, scan: &Scan, max_bytes: u64) -> Option<Delta> {
    if !matches!(source, CorpusSource::Folder { .. })
        || !scan.problems.is_empty()
        || scan.files.is_empty()
        || old.problems.iter().any(is_across_files)
    {
        return None;
    }
    let mut unchanged: HashMap<&Path, usize> = HashMap::new();
    for (i, r) in old.reports.iter().enumerate() {
        unchanged.insert(r.meta.path.as_path(), i);
    }
    // Which old report each listed file still is, unread.
    let kept: Vec<Option<usize>> = scan
        .files
        .iter()
        .map(|f| {
            let i = *unchanged.get(f.rel.as_path())?;
            (old.reports[i].meta.stamp == Some(f.stamp)).then_some(i)
        })
        .collect();
    let read_bytes: u64 = scan
        .files
        .iter()
        .zip(&kept)
        .filter(|(_, k)| k.is_none())
        .map(|(f, _)| f.stamp.size)
        .sum();
    if read_bytes > max_bytes {
        return None;
    }

    let mut problems = Vec::new();
    for doc in &scan.documents {
        problems.push(document_warning(source, doc));
    }
    let before = problems.len();
    let themes = read_themes(source, scan, &mut problems, &mut Vec::new());
    // A themes file that does not read: a full read says so once (see
    // `themes::unchecked_themes`), which a file read again here would not.
    if themes != old.themes || themes_failed(&themes, scan, &problems[before..]) {
        return None;
    }
    let theme_ids: HashSet<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let shared_ids: Arc<HashSet<String>> = Arc::new(themes.iter().map(|t| t.id.clone()).collect());
    let (retired, retired_problems) = super::load_retired(source);

    // The old problems of each file, in their order: its own, then its
    // passages that reuse a retired id.
    let mut own: HashMap<&Path, Vec<&Problem>> = HashMap::new();
    let mut reused: HashMap<&Path, Vec<&Problem>> = HashMap::new();
    for p in &old.problems {
        let into = if is_reused_id(p) {
            &mut reused
        } else {
            &mut own
        };
        into.entry(p.path.as_path()).or_default().push(p);
    }

    let mut ids: HashSet<String> = HashSet::new();
    let mut citekeys: HashSet<String> = HashSet::new();
    for r in kept.iter().flatten().map(|&i| &old.reports[i]) {
        ids.insert(r.meta.id.clone());
        if let Some(key) = &r.meta.citekey {
            citekeys.insert(key.clone());
        }
    }
    let mut reports = Vec::new();
    let mut changed = Vec::new();
    let mut late = Vec::new();
    let mut old_reports: Vec<Option<CatalogReport>> = old.reports.into_iter().map(Some).collect();
    for (file, keep) in scan.files.iter().zip(&kept) {
        if let Some(i) = *keep {
            let report = old_reports[i].take()?;
            let shown = file.shown.as_path();
            problems.extend(own.get(shown).into_iter().flatten().map(|p| (*p).clone()));
            late.extend(
                reused
                    .get(shown)
                    .into_iter()
                    .flatten()
                    .map(|p| (*p).clone()),
            );
            reports.push(report);
            continue;
        }
        let read = read_file(
            source,
            file,
            &themes,
            &theme_ids,
            &shared_ids,
            &retired,
            Keep::Stream,
        );
        let found = match read {
            FileRead::Unreadable(message) => {
                problems.push(unreadable(file, message));
                continue;
            }
            FileRead::Parsed(parse_problems, found) => {
                problems.extend(parse_problems);
                match found {
                    Some(found) => found,
                    None => continue,
                }
            }
        };
        let ReadReport {
            mut report,
            finish,
            retired_ids,
            passages,
            spans,
        } = *found;
        // Which of two files keeps a shared id or key depends on the order
        // of every file: the whole read decides.
        if !ids.insert(report.meta.id.clone())
            || report
                .meta
                .citekey
                .as_ref()
                .is_some_and(|key| !citekeys.insert(key.clone()))
        {
            return None;
        }
        report.meta.stamp = Some(file.stamp);
        problems.extend(finish);
        late.extend(retired_ids);
        reports.push(CatalogReport {
            meta: report.meta.clone(),
            passage_count: passages.len(),
            spans: None,
            theme_counts: super::count_themes(&themes, &passages),
            unthemed: super::count_unthemed(&themes, &passages),
            key: 0,
        });
        changed.push(Changed {
            at: reports.len() - 1,
            report,
            passages,
            spans,
        });
    }
    problems.extend(retired_problems);
    problems.extend(late);
    super::load::drop_imported(&mut problems, reports.iter().map(|r| &r.meta.source));
    // Every old report not kept is gone or read again.
    let removed = old_reports.iter().flatten().map(|r| r.key).collect();
    let now: HashSet<&Path> = changed
        .iter()
        .map(|c| c.report.meta.path.as_path())
        .collect();
    let gone = old_reports
        .iter()
        .flatten()
        .filter(|r| !now.contains(r.meta.path.as_path()))
        .count();
    Some(Delta {
        catalog: Catalog {
            reports,
            themes,
            problems,
            fingerprint: scan.fingerprint.clone(),
        },
        changed,
        removed,
        read_bytes,
        gone,
    })
}

fn unreadable(file: &ListedFile, message: String) -> Problem {
    Problem {
        path: file.shown.clone(),
        line: 0,
        message,
        fatal: true,
        severity: super::Severity::Error,
    }
}
