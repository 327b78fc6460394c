//! Finding a corpus's files (embedded or in a folder) and assembling them into a
//! [`Corpus`], with the checks that need every file at once: duplicate report
//! ids, duplicate passage ids, and themes that `themes.toml` does not define.
//!
//! [`CorpusSource::scan`] (in `listing`) only lists files with their sizes and
//! modification times (cheap, and enough to tell whether an index is stale); [`load`] reads
//! and parses them all; [`CorpusSource::loader`] reads one report on demand.

use super::listing::{BUNDLED, BUNDLED_SHOWN, ListedFile, Scan, stamp_of};
use super::parse::parse_file_with;
use super::themes::{NOT_IN_THEMES, UNKNOWN_THEME, read_themes, themes_failed, unchecked_themes};
use super::{Corpus, Origin, Passage, PassageLoader, Passages, Problem, Stamp};
use crate::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where to read a corpus from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusSource {
    Bundled,
    /// A folder: `shown` is how paths are printed, `root` its canonical path.
    /// Shared, as every report's loader keeps a copy of its source.
    Folder {
        shown: Arc<Path>,
        root: Arc<Path>,
    },
}

impl CorpusSource {
    /// The corpus a `--corpus` option names: that folder (checked as
    /// [`CorpusSource::folder`] checks it), or the bundled corpus without one.
    pub fn chosen(dir: Option<&Path>) -> Result<Self> {
        match dir {
            Some(d) => CorpusSource::folder(d),
            None => Ok(CorpusSource::Bundled),
        }
    }

    /// Checks that a folder exists and can be listed.
    pub fn folder(path: &Path) -> Result<Self> {
        let meta = fs::metadata(path).map_err(|e| Error::NotACorpus {
            path: path.to_path_buf(),
            reason: crate::error::io_reason(&e),
        })?;
        if !meta.is_dir() {
            return Err(Error::NotACorpus {
                path: path.to_path_buf(),
                reason: "it is a file, not a folder".to_string(),
            });
        }
        let root = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        fs::read_dir(&root).map_err(|e| Error::io(path, e))?;
        Ok(CorpusSource::Folder {
            shown: path.into(),
            root: root.into(),
        })
    }

    /// The corpus folder as messages name it.
    pub fn shown(&self) -> &Path {
        match self {
            CorpusSource::Bundled => Path::new(BUNDLED_SHOWN),
            CorpusSource::Folder { shown, .. } => shown,
        }
    }

    /// Where the corpus comes from, for choosing its index location.
    pub fn origin(&self) -> Origin {
        match self {
            CorpusSource::Bundled => Origin::Bundled,
            CorpusSource::Folder { root, .. } => Origin::Folder(root.to_path_buf()),
        }
    }

    /// Lists the corpus's files with sizes and modification times, reading none.
    pub fn scan(&self) -> Scan {
        match self {
            CorpusSource::Bundled => super::listing::scan_bundled(),
            CorpusSource::Folder { shown, root } => super::listing::scan_folder(shown, root),
        }
    }

    /// Reads one file of the corpus.
    pub fn read(&self, rel: &Path) -> std::io::Result<Vec<u8>> {
        match self {
            CorpusSource::Bundled => BUNDLED
                .get_file(rel)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "not in the bundled corpus")
                }),
            CorpusSource::Folder { root, .. } => {
                let full = root.join(rel);
                if fs::metadata(&full)?.is_dir() {
                    return Err(std::io::Error::other("is a folder"));
                }
                fs::read(full)
            }
        }
    }

    /// Reads byte ranges (start, end) of one file of the corpus, opening it
    /// once. With `expect` (size and modification time, as a listing gave
    /// them), a file that has changed since is an error rather than bytes
    /// from a different text.
    pub fn read_ranges(
        &self,
        rel: &Path,
        ranges: &[(usize, usize)],
        expect: Option<Stamp>,
    ) -> std::io::Result<Vec<Vec<u8>>> {
        let short = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "file is shorter");
        match self {
            CorpusSource::Bundled => {
                let bytes = BUNDLED.get_file(rel).map(|f| f.contents()).ok_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "not in the bundled corpus")
                })?;
                ranges
                    .iter()
                    .map(|&(start, end)| {
                        bytes.get(start..end).map(<[u8]>::to_vec).ok_or_else(short)
                    })
                    .collect()
            }
            CorpusSource::Folder { root, .. } => {
                use std::io::{Read, Seek, SeekFrom};
                let mut file = fs::File::open(root.join(rel))?;
                let meta = file.metadata()?;
                if expect.is_some_and(|expected| expected != stamp_of(&meta)) {
                    return Err(std::io::Error::other("changed since the index was opened"));
                }
                ranges
                    .iter()
                    .map(|&(start, end)| {
                        if start > end || end as u64 > meta.len() {
                            return Err(short());
                        }
                        file.seek(SeekFrom::Start(start as u64))?;
                        let mut out = vec![0; end - start];
                        file.read_exact(&mut out)?;
                        Ok(out)
                    })
                    .collect()
            }
        }
    }

    /// Reads one report's passages, checked against `theme_ids` as a
    /// whole-corpus load would, with the block that records where each lies in
    /// its file (see [`super::spans`]). `None` if the file cannot be read.
    pub(crate) fn read_with_spans(
        &self,
        rel: &Path,
        theme_ids: &HashSet<&str>,
    ) -> Option<(Vec<Passage>, Vec<u8>)> {
        let bytes = self.read(rel).ok()?;
        let mut parsed = parse_file_with(rel, &bytes, Some(theme_ids));
        let mut passages = parsed.report.take()?.passages.into_vec();
        finish_passages(&mut passages, rel, theme_ids, &mut Vec::new());
        let block = super::spans::encode(&parsed, &bytes, &passages, theme_ids);
        Some((passages, block))
    }

    /// Reads passage `k` of a report alone, from the block that records where
    /// it lies; `None` if the block does not record it or the file is no
    /// longer the size and age `expect` gives.
    pub(crate) fn read_one(
        &self,
        rel: &Path,
        report_id: &str,
        block: &[u8],
        k: usize,
        theme_ids: &HashSet<&str>,
        expect: Option<Stamp>,
    ) -> Option<Passage> {
        let (defaults, span) = super::spans::decode(block, k)?;
        let mut ranges = vec![(span.start, span.end)];
        ranges.extend(span.heading);
        let mut read = self.read_ranges(rel, &ranges, expect).ok()?.into_iter();
        let text = read.next()?;
        let heading = read.next();
        super::spans::read_span(
            report_id,
            &defaults,
            &span,
            k,
            &text,
            heading.as_deref(),
            theme_ids,
        )
    }

    /// A source for a corpus's origin (paths are shown as the canonical folder).
    pub fn from_origin(origin: &Origin) -> Self {
        match origin {
            Origin::Bundled => CorpusSource::Bundled,
            Origin::Folder(root) => {
                let root: Arc<Path> = root.as_path().into();
                CorpusSource::Folder {
                    shown: root.clone(),
                    root,
                }
            }
        }
    }

    /// A loader that reads one report's passages when first needed, checked
    /// against `theme_ids` as a whole-corpus load would.
    pub fn loader(&self, rel: PathBuf, theme_ids: Arc<HashSet<String>>) -> PassageLoader {
        let source = self.clone();
        Arc::new(move || {
            let shown = rel.clone();
            let Ok(bytes) = source.read(&rel) else {
                return Vec::new();
            };
            let ids: HashSet<&str> = theme_ids.iter().map(String::as_str).collect();
            let parsed = parse_file_with(&shown, &bytes, Some(&ids));
            let Some(report) = parsed.report else {
                return Vec::new();
            };
            let mut passages = report.passages.to_vec();
            let mut ignored = Vec::new();
            finish_passages(&mut passages, &shown, &ids, &mut ignored);
            passages
        })
    }
}

/// The checks on one report's passages that need the corpus's themes: ids made
/// unique, unknown themes dropped, more than three themes noted.
pub(crate) fn finish_passages(
    passages: &mut [Passage],
    shown: &Path,
    theme_ids: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let mut local_ids: HashSet<String> = HashSet::new();
    for passage in passages {
        if !local_ids.insert(passage.id.clone()) {
            let mut n = 2;
            while local_ids.contains(&format!("{}.{n}", passage.id)) {
                n += 1;
            }
            let renamed = format!("{}.{n}", passage.id);
            problems.push(Problem {
                path: shown.to_path_buf(),
                line: passage.line,
                message: format!("duplicate passage id `{}`; read as `{renamed}`", passage.id),
                fatal: false,
                severity: crate::corpus::Severity::Error,
            });
            passage.id = renamed.clone();
            local_ids.insert(renamed);
        }
        let before = passage.themes.len();
        passage.themes.retain(|t| {
            let known = theme_ids.contains(t.as_str());
            if !known {
                problems.push(Problem {
                    path: shown.to_path_buf(),
                    line: passage.line,
                    message: format!(
                        "{UNKNOWN_THEME}{t}` on passage `{}` {NOT_IN_THEMES}{})",
                        passage.id,
                        super::themes::did_you_mean(t, theme_ids)
                    ),
                    fatal: false,
                    severity: crate::corpus::Severity::Error,
                });
            }
            known
        });
        let mut unique = Vec::new();
        for t in passage.themes.drain(..) {
            if unique.contains(&t) {
                problems.push(Problem::warning(
                    shown,
                    passage.line,
                    format!("passage `{}` names theme `{t}` twice", passage.id),
                ));
            } else {
                unique.push(t);
            }
        }
        passage.themes = unique;
        if before > 3 {
            problems.push(Problem::warning(
                shown,
                passage.line,
                format!(
                    "passage `{}` names {before} themes; at most 3 are meant to be given",
                    passage.id
                ),
            ));
        }
    }
}

/// Loads and assembles a corpus; never fails, problems are recorded.
pub(crate) fn load(source: &CorpusSource) -> Corpus {
    infallible(load_with(source, Keep::All, |_| Ok(())))
}

/// Reads every file once, for metadata and problems, keeping no passage:
/// each report reads its passages again when they are needed.
pub(crate) fn load_lean(source: &CorpusSource) -> Corpus {
    infallible(load_with(source, Keep::Counts, |_| Ok(())))
}

/// Reads the corpus as [`load_lean`] does, handing each report on to `sink`
/// in corpus order with its passages and the block of its passage spans
/// (see [`super::spans`]) while the files after it are still being read: a
/// build indexes a corpus in one reading of each file, and never holds more
/// than a few reports' text. A sink's error stops the reading and is
/// returned.
pub(crate) fn load_streaming<E>(
    source: &CorpusSource,
    sink: impl FnMut(Streamed<'_>) -> Result<(), E>,
) -> Result<Corpus, E> {
    load_with(source, Keep::Stream, sink)
}

/// One report as [`load_streaming`] hands it on.
pub(crate) struct Streamed<'a> {
    /// The corpus's themes, from its themes file.
    pub themes: &'a [super::Theme],
    /// The report, as the loaded corpus will hold it (passages not kept).
    pub report: &'a super::Report,
    /// Its passages, finished as a whole-corpus load finishes them.
    pub passages: &'a [Passage],
    /// Where its passages lie in its file.
    pub spans: &'a [u8],
    /// Bytes of corpus files read so far, and in all.
    pub bytes: (u64, u64),
}

/// What a load keeps of each report's passages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every passage, in the report.
    All,
    /// Only the count and theme counts; passages are read again on use.
    Counts,
    /// As `Counts`, with the passages and spans handed to a sink first.
    Stream,
}

fn infallible(loaded: Result<Corpus, std::convert::Infallible>) -> Corpus {
    match loaded {
        Ok(corpus) => corpus,
        Err(never) => match never {},
    }
}

/// Reads a corpus: lists it, reads and parses its files on worker threads
/// (each handing its results over through its own small queue, so they come
/// in corpus order), checks across files, and builds the corpus, giving each
/// report to `sink` as it arrives. Long (about 190 lines) because the worker
/// threads, their queues and the ordered hand-over live in one
/// `thread::scope`, which a split would have to pass around whole.
fn load_with<E>(
    source: &CorpusSource,
    keep: Keep,
    mut sink: impl FnMut(Streamed<'_>) -> Result<(), E>,
) -> Result<Corpus, E> {
    let scan = source.scan();
    let mut problems = scan.problems.clone();
    // Most likely the wrong folder: every command would find nothing and not
    // say why.
    if scan.files.is_empty() && matches!(source, CorpusSource::Folder { .. }) {
        problems.push(Problem {
            path: source.shown().to_path_buf(),
            line: 0,
            message: "no report files (.md, .txt) in this folder".to_string(),
            fatal: false,
            severity: crate::corpus::Severity::Error,
        });
    }
    for doc in &scan.documents {
        problems.push(document_warning(source, doc));
    }
    let before = problems.len();
    let themes = read_themes(source, &scan, &mut problems, &mut Vec::new());
    // A themes file that cannot be read or parsed has no themes to check
    // passages against: its one problem is the cause, not every coded
    // passage's theme (see `unchecked_themes`).
    let themes_failed = themes_failed(&themes, &scan, &problems[before..]);
    let theme_ids: HashSet<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let shared_ids: Arc<HashSet<String>> = Arc::new(themes.iter().map(|t| t.id.clone()).collect());
    // Read first so that each file's passages are checked against it while
    // they are at hand; its problems follow the files' as before.
    let (retired, retired_problems) = super::load_retired(source);

    // Files are read and parsed on up to four threads, each taking every
    // n-th file and handing it over through its own queue, so reports arrive
    // here in corpus order with no reordering; what needs them all (repeated
    // report ids) is checked as they arrive.
    let read_one = |file: &ListedFile| -> FileRead {
        #[cfg(test)]
        if file.rel.file_name().is_some_and(|n| n == PANICS_IN_TESTS) {
            panic!("a deliberate panic, for a test");
        }
        read_file(
            source,
            file,
            &themes,
            &theme_ids,
            &shared_ids,
            &retired,
            keep,
        )
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let files = &scan.files;
    let total_bytes: u64 = files.iter().map(|f| f.stamp.size).sum();
    let mut read_bytes = 0u64;
    let mut reports = Vec::new();
    // Passages that use a retired id, said after every file's problems.
    let mut reused = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut seen_keys: HashMap<String, PathBuf> = HashMap::new();
    // How many read files each worker may have waiting. Without a sink,
    // workers never wait (the queue holds all of a worker's files): a file's
    // parse time varies with its size, and a worker held back behind a large
    // file on another would stand idle. With a sink (a build), the indexer is
    // far slower than the readers, and two per worker bound the text held in
    // memory; eight measured no faster.
    let ahead = if keep == Keep::Stream {
        2
    } else {
        files.len().div_ceil(workers).max(1)
    };
    std::thread::scope(|scope| {
        let mut queues = Vec::new();
        let mut handles = Vec::new();
        for w in 0..workers {
            let (tx, rx) = std::sync::mpsc::sync_channel(ahead);
            queues.push(rx);
            let read_one = &read_one;
            handles.push(scope.spawn(move || {
                for file in files.iter().skip(w).step_by(workers) {
                    // A file that makes the reader panic is that file's
                    // problem alone; the worker goes on with the rest.
                    let read =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_one(file)))
                            .unwrap_or_else(|_| {
                                FileRead::Unreadable(
                                    "could not be read (an internal error)".to_string(),
                                )
                            });
                    // The receiver is gone when the load stopped early.
                    if tx.send(read).is_err() {
                        return;
                    }
                }
            }));
        }
        let outcome = (|| {
            for (i, file) in files.iter().enumerate() {
                // A worker that panicked leaves its files unread; they are
                // reported as such rather than taking the program down.
                let result = queues[i % workers].recv().ok();
                read_bytes += file.stamp.size;
                let (parse_problems, parsed) = match result {
                    Some(FileRead::Parsed(p, r)) => (p, r),
                    Some(FileRead::Unreadable(message)) => {
                        problems.push(Problem {
                            path: file.shown.clone(),
                            line: 0,
                            message,
                            fatal: true,
                            severity: crate::corpus::Severity::Error,
                        });
                        continue;
                    }
                    None => {
                        problems.push(Problem {
                            path: file.shown.clone(),
                            line: 0,
                            message: "could not be read (an internal error)".to_string(),
                            fatal: true,
                            severity: crate::corpus::Severity::Error,
                        });
                        continue;
                    }
                };
                problems.extend(parse_problems);
                let Some(found) = parsed else {
                    continue;
                };
                let ReadReport {
                    mut report,
                    finish,
                    retired_ids,
                    passages,
                    spans,
                } = *found;
                report.stamp = Some(file.stamp);
                if let Some(other) = seen.get(&report.id) {
                    problems.push(Problem {
                        path: file.shown.clone(),
                        line: 1,
                        message: format!(
                            "duplicate report id `{}` (also in {}); until one of them has another id, every change to the folder indexes it all again",
                            report.id,
                            other.display()
                        ),
                        fatal: true,
                        severity: crate::corpus::Severity::Error,
                    });
                    continue;
                }
                seen.insert(report.id.clone(), file.shown.clone());
                if let Some(key) = &report.citekey {
                    if let Some(other) = seen_keys.get(key) {
                        // Both keep the key: a reference list would name the
                        // same key twice, which `check` must say.
                        problems.push(Problem::error(
                            &file.shown,
                            1,
                            format!(
                                "duplicate citekey `{key}` (also in {}); give each report its own",
                                other.display()
                            ),
                        ));
                    } else {
                        seen_keys.insert(key.clone(), file.shown.clone());
                    }
                }
                problems.extend(finish);
                reused.extend(retired_ids);
                if keep == Keep::Stream {
                    sink(Streamed {
                        themes: &themes,
                        report: &report,
                        passages: &passages,
                        spans: &spans,
                        bytes: (read_bytes, total_bytes),
                    })?;
                }
                reports.push(report);
            }
            Ok(())
        })();
        // Stops any worker still reading (after an error), then waits for
        // them all; a panic in one was reported above as unread files.
        drop(queues);
        for handle in handles {
            let _ = handle.join();
        }
        outcome
    })?;
    problems.extend(retired_problems);
    problems.extend(reused);
    if themes_failed && let Some(t) = &scan.themes {
        unchecked_themes(&mut problems, &t.shown);
    }
    drop_imported(&mut problems, reports.iter().map(|r| &r.meta.source));
    let retired = super::retired::with_reimports(retired, &reports);
    Ok(Corpus {
        origin: source.origin(),
        reports,
        themes,
        problems,
        fingerprint: scan.fingerprint,
        retired,
    })
}

/// What the warning for a document in a corpus folder says of it (see
/// [`Problem::is_document_not_read`]).
pub(super) const NOT_READ: &str = "is not read as a report";

/// The warning for a document in a corpus folder: it is not read, and the
/// command that would bring it in.
pub(super) fn document_warning(source: &CorpusSource, doc: &ListedFile) -> Problem {
    let what = match doc
        .rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("pdf") => "a PDF",
        Some("docx") => "a Word document",
        _ => "a web page",
    };
    Problem::warning(
        &doc.shown,
        0,
        format!(
            "{what} {NOT_READ}; bring it in with `evidence import {} --into {}`",
            shell_word(&doc.shown.to_string_lossy()),
            shell_word(&source.shown().to_string_lossy())
        ),
    )
}

/// Drops the warning that a document in the folder is not read when a
/// report was imported from it (`sources`, the reports' sources): it is
/// read, as that report.
pub(super) fn drop_imported<'a>(
    problems: &mut Vec<Problem>,
    sources: impl Iterator<Item = &'a super::SourceDoc>,
) {
    let files: Vec<&Path> = sources
        .filter_map(|s| s.file.as_deref().map(Path::new))
        .collect();
    if files.is_empty() {
        return;
    }
    let same = |doc: &Path, file: &Path| {
        doc == file
            || file.ends_with(doc)
            || doc.ends_with(file)
            || matches!((fs::canonicalize(doc), fs::canonicalize(file)), (Ok(a), Ok(b)) if a == b)
    };
    problems.retain(|p| !(p.is_document_not_read() && files.iter().any(|f| same(&p.path, f))));
}

/// A word as a shell reads it: as it is when it is plain, else in single
/// quotes (the one form in which no character but the apostrophe itself is
/// special, which is what a hint printed for any shell should be).
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+:@%,=".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A file name whose reading panics in the library's own tests.
#[cfg(test)]
const PANICS_IN_TESTS: &str = "00-panics-in-tests.md";

/// A report read from its file, with what a load does with it.
pub(super) struct ReadReport {
    pub(super) report: super::Report,
    /// The problems of finishing its passages.
    pub(super) finish: Vec<Problem>,
    /// Its passages that use a retired id.
    pub(super) retired_ids: Vec<Problem>,
    /// Its passages, when a sink is to have them.
    pub(super) passages: Vec<Passage>,
    /// Its block of passage spans, when a sink is to have it.
    pub(super) spans: Vec<u8>,
}

/// Reads and parses one report file as a whole-corpus load does: its
/// problems, and its report with the problems of finishing its passages
/// (and, by `keep`, its passages and spans block).
pub(super) fn read_file(
    source: &CorpusSource,
    file: &ListedFile,
    themes: &[super::Theme],
    theme_ids: &HashSet<&str>,
    shared_ids: &Arc<HashSet<String>>,
    retired: &[super::Retired],
    keep: Keep,
) -> FileRead {
    let bytes = match source.read(&file.rel) {
        Ok(b) => b,
        Err(e) => return FileRead::Unreadable(format!("cannot read: {}", io_reason(&e))),
    };
    let mut parsed = parse_file_with(&file.shown, &bytes, Some(theme_ids));
    let Some(mut report) = parsed.report.take() else {
        return FileRead::Parsed(parsed.problems, None);
    };
    report.path = file.rel.clone();
    let mut passages = std::mem::replace(&mut report.passages, Vec::new().into()).into_vec();
    let mut finish = Vec::new();
    finish_passages(&mut passages, &file.shown, theme_ids, &mut finish);
    // A coded report (one whose passages carry themes) leaves none out
    // but a footnote; a report nobody coded (a user's own notes, the
    // pack's overview) needs none.
    let coded = passages.iter().any(|p| !p.themes.is_empty());
    if coded && !theme_ids.is_empty() {
        for p in passages
            .iter()
            .filter(|p| p.themes.is_empty() && p.role != super::Role::Footnote)
        {
            finish.push(Problem::warning(
                &file.shown,
                p.line,
                format!(
                    "passage `{}` has no theme; the report's other passages have themes (a footnote is marked `footnote`)",
                    p.id
                ),
            ));
        }
    }
    let retired_ids = passages
        .iter()
        .filter_map(|p| {
            let gone = super::retired(retired, &p.id)?;
            Some(Problem::error(
                &file.shown,
                p.line,
                format!(
                    "passage id `{}` was retired on {} and may not be used again; give the passage a new id",
                    p.id, gone.date
                ),
            ))
        })
        .collect();
    let spans = if keep == Keep::Stream {
        super::spans::encode(&parsed, &bytes, &passages, theme_ids)
    } else {
        Vec::new()
    };
    let kept = if keep == Keep::All {
        std::mem::take(&mut passages).into()
    } else {
        let lazy = Passages::lazy(
            passages.len(),
            source.loader(file.rel.clone(), shared_ids.clone()),
        )
        .with_theme_counts(
            super::count_themes(themes, &passages),
            super::count_unthemed(themes, &passages),
        );
        if keep == Keep::Counts {
            passages = Vec::new();
        }
        lazy
    };
    report.passages = kept;
    FileRead::Parsed(
        parsed.problems,
        Some(Box::new(ReadReport {
            report,
            finish,
            retired_ids,
            passages,
            spans,
        })),
    )
}

/// What reading one file gave: its problems and, if usable, its report with
/// the problems of finishing its passages; or why it could not be read.
pub(super) enum FileRead {
    Parsed(Vec<Problem>, Option<Box<ReadReport>>),
    Unreadable(String),
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "not found (a broken link?)".to_string(),
        _ => crate::error::io_reason(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::write_bundled;

    #[test]
    fn a_file_that_panics_its_reader_is_the_only_one_lost() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("corpus");
        write_bundled(&root).unwrap_or_else(|e| panic!("{e}"));
        let whole = load(&CorpusSource::folder(&root).unwrap_or_else(|e| panic!("{e}")));
        // Second in corpus order: its reader has many files after it.
        fs::write(root.join(PANICS_IN_TESTS), "Text.\n").unwrap_or_else(|e| panic!("{e}"));
        let source = CorpusSource::folder(&root).unwrap_or_else(|e| panic!("{e}"));
        let ids = |c: &Corpus| c.reports.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        for corpus in [
            load(&source),
            infallible(load_streaming(&source, |_| Ok(()))),
        ] {
            assert_eq!(ids(&corpus), ids(&whole));
            let lost: Vec<_> = corpus
                .problems
                .iter()
                .filter(|p| p.message.contains("internal error"))
                .collect();
            assert_eq!(lost.len(), 1, "{lost:?}");
            assert!(lost[0].path.ends_with(PANICS_IN_TESTS));
        }
    }
}
