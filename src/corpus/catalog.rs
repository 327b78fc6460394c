//! A corpus's metadata without its text: what an index stores beside itself so
//! that opening a fresh index needs no corpus file read. Reports rebuilt from a
//! catalog read their passages from the source when first needed.

use super::record::{Reader, put, put_path, put_str};
use super::{
    Corpus, CorpusSource, OneLoader, Passages, Problem, Report, ReportKind, ReportMeta, Severity,
    SourceDoc, Stamp, Theme, ThemeCounts,
};
use std::collections::HashSet;
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// A report as the catalog records it: its details (their `stamp` is the
/// file's size and modification time when the corpus was listed for the
/// index: a passage is read alone only while the file still has them), its
/// passage count, where its spans are, and its theme counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogReport {
    pub meta: Box<ReportMeta>,
    pub passage_count: usize,
    /// Where the report's block of passage spans is in the index's spans file
    /// (offset and length), if the index recorded one.
    pub spans: Option<(u64, u64)>,
    /// The report's themes (places in the catalog's list) in order of first
    /// use, with how many of its passages carry each.
    pub theme_counts: ThemeCounts,
    /// How many of its passages carry none of the themes.
    pub unthemed: usize,
    /// The report's key in the index: the number its passages' documents
    /// carry (see the search module's schema). Never reused within one
    /// index's generations, so that an edited report's new documents cannot
    /// be mistaken for its old ones.
    pub key: u64,
}

/// A catalog's report reads as its details, as a [`Report`] does.
impl std::ops::Deref for CatalogReport {
    type Target = ReportMeta;

    fn deref(&self) -> &ReportMeta {
        &self.meta
    }
}

impl std::ops::DerefMut for CatalogReport {
    fn deref_mut(&mut self) -> &mut ReportMeta {
        &mut self.meta
    }
}

/// Everything about a corpus but its passages, stored with an index in the
/// form [`Catalog::to_bytes`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub reports: Vec<CatalogReport>,
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
                .map(|r| CatalogReport {
                    meta: r.meta.clone(),
                    passage_count: r.passages.count(),
                    spans: None,
                    theme_counts: self.report_themes(r).into_owned(),
                    unthemed: self.report_unthemed(r),
                    key: 0,
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
    /// A passage is read alone only while its file has the size and
    /// modification time the catalog recorded; the caller has checked that
    /// the corpus as listed now is the one the catalog describes.
    pub fn from_catalog(
        catalog: Catalog,
        source: &CorpusSource,
        spans_file: Option<&Path>,
    ) -> Corpus {
        let theme_ids: Arc<HashSet<String>> =
            Arc::new(catalog.themes.iter().map(|t| t.id.clone()).collect());
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
        let reports: Vec<Report> = catalog
            .reports
            .into_iter()
            .map(|m| Report {
                passages: {
                    let whole = source.loader(m.meta.path.clone(), theme_ids.clone());
                    match (m.spans, &spans) {
                        (Some(at), Some(file)) => Passages::lazy_with_one(
                            m.passage_count,
                            whole,
                            one_loader(
                                source,
                                &m.meta,
                                at,
                                file.clone(),
                                theme_ids.clone(),
                                m.meta.stamp.filter(|_| folder),
                            ),
                        ),
                        _ => Passages::lazy(m.passage_count, whole),
                    }
                    .with_theme_counts(m.theme_counts, m.unthemed)
                },
                meta: m.meta,
            })
            .collect();
        let retired = super::retired::with_reimports(super::load_retired(source).0, &reports);
        Corpus {
            origin: source.origin(),
            retired,
            reports,
            themes: catalog.themes,
            problems: catalog.problems,
            fingerprint: catalog.fingerprint,
        }
    }
}

/// The first bytes of a catalog file, naming its format. A blake3 hash of
/// the rest follows, so that damage which still parses is not believed.
const MAGIC: &[u8] = b"evidence catalog 9\n";

impl Catalog {
    /// How many passages its reports have in all; `None` if the counts
    /// overflow (a damaged catalog).
    pub fn passage_total(&self) -> Option<usize> {
        self.reports
            .iter()
            .try_fold(0usize, |sum, r| sum.checked_add(r.passage_count))
    }

    /// The catalog as bytes (see [`Catalog::from_bytes`]). A problem's path
    /// under `folder`, the corpus folder as it was named, is kept relative to
    /// it, so that it reads back under the folder as it is named then.
    ///
    /// A compact binary record rather than JSON: every search reads it, and
    /// for thousands of reports parsing JSON took longer than the search.
    pub fn to_bytes(&self, folder: &Path) -> Vec<u8> {
        let mut out = Vec::new();
        put_str(&mut out, &self.fingerprint);
        put(&mut out, self.themes.len() as u64);
        for t in &self.themes {
            put_str(&mut out, &t.id);
            put_str(&mut out, &t.label);
            put_str(&mut out, &t.description);
            put_str(&mut out, &t.definition);
            put_strs(&mut out, &t.replaces);
        }
        put(&mut out, self.problems.len() as u64);
        for p in &self.problems {
            match p.path.strip_prefix(folder) {
                Ok(rel) => {
                    put(&mut out, 1);
                    put_path(&mut out, rel);
                }
                Err(_) => {
                    put(&mut out, 0);
                    put_path(&mut out, &p.path);
                }
            }
            put(&mut out, p.line as u64);
            put_str(&mut out, &p.message);
            put(&mut out, u64::from(p.fatal));
            put(&mut out, u64::from(p.is_warning()));
        }
        put(&mut out, self.reports.len() as u64);
        for report in &self.reports {
            let m = &report.meta;
            put_str(&mut out, &m.id);
            put_str(&mut out, &m.title);
            put_str(&mut out, &m.short_title);
            put_opt_str(&mut out, m.subtitle.as_deref());
            put_opt_str(&mut out, m.organisation.as_deref());
            put_strs(&mut out, &m.authors);
            put(&mut out, u64::from(m.et_al));
            put_opt_str(&mut out, m.published.as_deref());
            put_str(&mut out, m.kind.as_str());
            put_opt_str(&mut out, m.genre.as_deref());
            put_opt_str(&mut out, m.citekey.as_deref());
            put_strs(&mut out, &m.tags);
            put_strs(&mut out, &m.retired_passages);
            put_opt_str(&mut out, m.source.file.as_deref());
            put_opt_str(&mut out, m.source.format.as_deref());
            put_opt_str(&mut out, m.source.url.as_deref());
            put_opt_str(&mut out, m.source.accessed.as_deref());
            put_strs(&mut out, &m.key_sections);
            put_path(&mut out, &m.path);
            put(&mut out, report.key);
            put(&mut out, report.passage_count as u64);
            match report.spans {
                Some((offset, len)) => {
                    put(&mut out, 1);
                    put(&mut out, offset);
                    put(&mut out, len);
                }
                None => put(&mut out, 0),
            }
            match m.stamp {
                Some(stamp) => {
                    put(&mut out, 1);
                    put(&mut out, stamp.size);
                    put(&mut out, (stamp.modified_ns >> 64) as u64);
                    put(&mut out, stamp.modified_ns as u64);
                    put(&mut out, (stamp.changed_ns >> 64) as u64);
                    put(&mut out, stamp.changed_ns as u64);
                    put(&mut out, u64::from(stamp.mode));
                }
                None => put(&mut out, 0),
            }
            put(&mut out, report.theme_counts.len() as u64);
            for &(theme, n) in &report.theme_counts {
                put(&mut out, theme as u64);
                put(&mut out, n as u64);
            }
            put(&mut out, report.unthemed as u64);
        }
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(blake3::hash(&out).as_bytes());
        file.extend_from_slice(&out);
        file
    }

    /// Reads what [`Catalog::to_bytes`] wrote, with relative problem paths
    /// put under `folder`; `None` if the bytes are of another format, cut
    /// short, damaged or inconsistent.
    pub fn from_bytes(bytes: &[u8], folder: &Path) -> Option<Catalog> {
        let (hash, body) = bytes.strip_prefix(MAGIC)?.split_at_checked(32)?;
        if blake3::hash(body).as_bytes() != hash {
            return None;
        }
        let mut r = Reader::new(body);
        let fingerprint = r.string()?;
        let themes: Vec<Theme> = (0..r.count(5)?)
            .map(|_| {
                Some(Theme {
                    id: r.string()?,
                    label: r.string()?,
                    description: r.string()?,
                    definition: r.string()?,
                    replaces: strs(&mut r)?,
                })
            })
            .collect::<Option<_>>()?;
        let problems = (0..r.count(4)?)
            .map(|_| {
                Some(Problem {
                    path: if flag(&mut r)? {
                        folder.join(r.path()?)
                    } else {
                        r.path()?
                    },
                    line: r.usize()?,
                    message: r.string()?,
                    fatal: flag(&mut r)?,
                    severity: if flag(&mut r)? {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                })
            })
            .collect::<Option<_>>()?;
        // Read into a vector made to size: collecting into an `Option`
        // knows no size and would copy the reports as the vector grows.
        let count = r.count(14)?;
        let mut reports = Vec::with_capacity(count);
        for _ in 0..count {
            reports.push(read_report(&mut r, themes.len())?);
        }
        r.is_done().then_some(Catalog {
            reports,
            themes,
            problems,
            fingerprint,
        })
    }
}

/// One report's record of a catalog, which has `themes` themes.
fn read_report(r: &mut Reader<'_>, themes: usize) -> Option<CatalogReport> {
    let mut meta = Box::new(ReportMeta {
        id: r.string()?,
        title: r.string()?,
        short_title: r.string()?,
        subtitle: opt_str(r)?,
        organisation: opt_str(r)?,
        authors: strs(r)?,
        et_al: flag(r)?,
        published: opt_str(r)?,
        kind: ReportKind::parse(r.str()?)?,
        genre: opt_str(r)?,
        citekey: opt_str(r)?,
        tags: strs(r)?,
        retired_passages: strs(r)?,
        source: SourceDoc {
            file: opt_str(r)?,
            format: opt_str(r)?,
            url: opt_str(r)?,
            accessed: opt_str(r)?,
        },
        key_sections: strs(r)?,
        path: r.path()?,
        stamp: None,
    });
    let key = r.get()?;
    let passage_count = r.usize()?;
    let spans = if flag(r)? {
        Some((r.get()?, r.get()?))
    } else {
        None
    };
    meta.stamp = if flag(r)? {
        Some(Stamp {
            size: r.get()?,
            modified_ns: (u128::from(r.get()?) << 64) | u128::from(r.get()?),
            changed_ns: (u128::from(r.get()?) << 64) | u128::from(r.get()?),
            mode: u32::try_from(r.get()?).ok()?,
        })
    } else {
        None
    };
    Some(CatalogReport {
        meta,
        passage_count,
        spans,
        theme_counts: (0..r.count(2)?)
            .map(|_| Some((r.usize().filter(|&t| t < themes)?, r.usize()?)))
            .collect::<Option<_>>()?,
        unthemed: r.usize()?,
        key,
    })
    .filter(consistent)
}

/// A report's theme counts name each theme once, and each count is of at
/// least one and at most all of its passages, as is the count of those
/// without a theme.
fn consistent(m: &CatalogReport) -> bool {
    m.unthemed <= m.passage_count
        && m.theme_counts.iter().enumerate().all(|(i, &(theme, n))| {
            n >= 1 && n <= m.passage_count && m.theme_counts[..i].iter().all(|&(t, _)| t != theme)
        })
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            put(out, 1);
            put_str(out, s);
        }
        None => put(out, 0),
    }
}

fn put_strs(out: &mut Vec<u8>, list: &[String]) {
    put(out, list.len() as u64);
    for s in list {
        put_str(out, s);
    }
}

/// A 0 or 1; anything else is damage.
fn flag(r: &mut Reader<'_>) -> Option<bool> {
    match r.get()? {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

fn opt_str(r: &mut Reader<'_>) -> Option<Option<String>> {
    if flag(r)? {
        Some(Some(r.string()?))
    } else {
        Some(None)
    }
}

fn strs(r: &mut Reader<'_>) -> Option<Vec<String>> {
    (0..r.count(1)?).map(|_| r.string()).collect()
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
    expect: Option<Stamp>,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        let mut catalog = Corpus::bundled().catalog();
        let first = &mut catalog.reports[0];
        first.organisation = None;
        first.published = None;
        first.authors = vec!["A. Writer".into(), "B. Écrivain".into()];
        first.key_sections = vec!["Key messages".into()];
        first.spans = Some((12, 345));
        first.stamp = Some(Stamp {
            size: 9_876,
            modified_ns: 1_764_000_000_123_456_789,
            changed_ns: 1_764_000_001_987_654_321,
            mode: 0o644,
        });
        catalog.problems.push(Problem {
            path: PathBuf::from("notes/odd name.md"),
            line: 7,
            message: "unknown theme `x`".into(),
            fatal: false,
            severity: crate::corpus::Severity::Error,
        });
        catalog
    }

    #[test]
    fn a_catalog_reads_back_as_written() {
        let catalog = sample();
        assert!(catalog.reports.len() > 10);
        let folder = Path::new("<bundled corpus>");
        assert_eq!(
            Catalog::from_bytes(&catalog.to_bytes(folder), folder),
            Some(catalog)
        );
    }

    #[test]
    fn a_cut_or_altered_catalog_reads_as_none() {
        let folder = Path::new("corpus");
        let bytes = sample().to_bytes(folder);
        for cut in 0..bytes.len() {
            assert_eq!(
                Catalog::from_bytes(&bytes[..cut], folder),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Catalog::from_bytes(&longer, folder), None);
        assert_eq!(Catalog::from_bytes(b"{\"reports\": []}", folder), None);
        // Any changed byte: the hash no longer matches, even where the rest
        // would still parse.
        for at in (0..bytes.len()).step_by(7) {
            let mut changed = bytes.clone();
            changed[at] ^= 0x01;
            assert_eq!(Catalog::from_bytes(&changed, folder), None, "byte {at}");
        }
    }

    #[test]
    fn problem_paths_follow_the_folder_name() {
        let mut catalog = sample();
        catalog.problems = vec![
            Problem {
                path: PathBuf::from("corpus/notes/a.md"),
                line: 3,
                message: "unknown theme `x`".into(),
                fatal: false,
                severity: crate::corpus::Severity::Error,
            },
            Problem {
                path: PathBuf::from("/elsewhere/b.md"),
                line: 0,
                message: "cannot read".into(),
                fatal: true,
                severity: crate::corpus::Severity::Error,
            },
        ];
        let bytes = catalog.to_bytes(Path::new("corpus"));
        let read = Catalog::from_bytes(&bytes, Path::new("./corpus/")).unwrap();
        assert_eq!(read.problems[0].path, Path::new("./corpus/notes/a.md"));
        assert_eq!(read.problems[1].path, Path::new("/elsewhere/b.md"));
    }

    #[test]
    fn theme_counts_beyond_the_passages_are_damage() {
        let folder = Path::new("corpus");
        for counts in [vec![(0, 0)], vec![(0, 1), (0, 1)], vec![(0, 10_000)]] {
            let mut catalog = sample();
            catalog.reports[1].theme_counts = counts.clone();
            let bytes = catalog.to_bytes(folder);
            assert_eq!(Catalog::from_bytes(&bytes, folder), None, "{counts:?}");
        }
    }
}
