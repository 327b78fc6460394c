//! A corpus's metadata without its text: what an index stores beside itself so
//! that opening a fresh index needs no corpus file read. Reports rebuilt from a
//! catalog read their passages from the source when first needed.

use super::{
    Corpus, CorpusSource, FileStamp, OneLoader, Passages, Problem, Report, ReportKind, Theme,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A report's metadata and passage count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub kind: ReportKind,
    pub key_sections: Vec<String>,
    pub path: PathBuf,
    pub passage_count: usize,
    /// Where the report's block of passage spans is in the index's spans file
    /// (offset and length), if the index recorded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spans: Option<(u64, u64)>,
}

/// Everything about a corpus but its passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub reports: Vec<ReportMeta>,
    pub themes: Vec<Theme>,
    /// The problems found when the corpus was last read in full.
    pub problems: Vec<Problem>,
    pub fingerprint: String,
}

impl Corpus {
    /// The corpus's catalog.
    pub fn catalog(&self) -> Catalog {
        Catalog {
            reports: self
                .reports
                .iter()
                .map(|r| ReportMeta {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    short_title: r.short_title.clone(),
                    organisation: r.organisation.clone(),
                    authors: r.authors.clone(),
                    published: r.published.clone(),
                    kind: r.kind,
                    key_sections: r.key_sections.clone(),
                    path: r.path.clone(),
                    passage_count: r.passages.count(),
                    spans: None,
                })
                .collect(),
            themes: self.themes.clone(),
            problems: self.problems.clone(),
            fingerprint: self.fingerprint.clone(),
        }
    }

    /// A corpus from a catalog, whose reports read their passages from
    /// `source` when first needed: one at a time where `spans_file` (the
    /// index's file of passage spans) records where they lie, else whole.
    ///
    /// `files` is the scan that found the catalog fresh: a passage is read
    /// alone only while its file is still the size and age it had then.
    pub fn from_catalog(
        catalog: Catalog,
        source: &CorpusSource,
        spans_file: Option<&Path>,
        files: &[FileStamp],
    ) -> Corpus {
        let theme_ids: Arc<HashSet<String>> =
            Arc::new(catalog.themes.iter().map(|t| t.id.clone()).collect());
        let stamps: HashMap<&Path, (u64, u128)> = files
            .iter()
            .map(|f| (f.rel.as_path(), (f.size, f.modified_ns)))
            .collect();
        let folder = matches!(source, CorpusSource::Folder { .. });
        // Opened now, with the index: a later rebuild that reuses the path
        // cannot slip another build's spans under this corpus.
        let spans = spans_file.and_then(|path| {
            let file = std::fs::File::open(path).ok()?;
            let len = file.metadata().ok()?.len();
            Some(Arc::new(SpansFile {
                file: Mutex::new(file),
                len,
            }))
        });
        let reports = catalog
            .reports
            .into_iter()
            .map(|m| Report {
                passages: {
                    let whole = source.loader(m.path.clone(), theme_ids.clone());
                    match (m.spans, &spans) {
                        (Some(at), Some(file)) => Passages::lazy_with_one(
                            m.passage_count,
                            whole,
                            one_loader(
                                source,
                                &m,
                                at,
                                file.clone(),
                                theme_ids.clone(),
                                stamps.get(m.path.as_path()).copied().filter(|_| folder),
                            ),
                        ),
                        _ => Passages::lazy(m.passage_count, whole),
                    }
                },
                id: m.id,
                title: m.title,
                short_title: m.short_title,
                organisation: m.organisation,
                authors: m.authors,
                published: m.published,
                kind: m.kind,
                key_sections: m.key_sections,
                path: m.path,
            })
            .collect();
        Corpus {
            origin: source.origin(),
            reports,
            themes: catalog.themes,
            problems: catalog.problems,
            fingerprint: catalog.fingerprint,
        }
    }
}

/// An index's file of passage spans, open for the life of the corpus.
struct SpansFile {
    file: Mutex<std::fs::File>,
    len: u64,
}

impl SpansFile {
    /// The `len` bytes at `offset`, if the file has them.
    fn read(&self, offset: u64, len: u64) -> Option<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        if offset.checked_add(len)? > self.len {
            return None;
        }
        let mut out = vec![0; usize::try_from(len).ok()?];
        let mut file = self.file.lock().ok()?;
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut out).ok()?;
        Some(out)
    }
}

/// Reads one passage of a report at a time: the report's block of spans is
/// read from `file` once, then each passage from its stretch of the report.
fn one_loader(
    source: &CorpusSource,
    meta: &ReportMeta,
    (offset, len): (u64, u64),
    file: Arc<SpansFile>,
    theme_ids: Arc<HashSet<String>>,
    expect: Option<(u64, u128)>,
) -> OneLoader {
    let source = source.clone();
    let rel = meta.path.clone();
    let report_id = meta.id.clone();
    let block: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    Arc::new(move |k| {
        let block = block.get_or_init(|| file.read(offset, len));
        let ids: HashSet<&str> = theme_ids.iter().map(String::as_str).collect();
        source.read_one(&rel, &report_id, block.as_deref()?, k, &ids, expect)
    })
}
