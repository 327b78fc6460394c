//! Other formats into corpus files: `evidence import` for PDFs, Word
//! documents, web pages and markdown. Each format has its reader, one file
//! each (`pdf`, `docx`, `html`), turning a file into a [`Document`]; the
//! document becomes a report file through `document`, `write` and
//! [`crate::corpus::import`], which keeps passage ids across re-imports.
//! Text and web pages not in UTF-8 are decoded first (`encoding`), in the
//! encoding they declare, else as Windows-1252 with a note.
//!
//! The readers of PDFs, Word documents and web pages are other people's
//! parsers run on files from anywhere. On a hostile or damaged file a parser
//! can panic, recurse until its stack overflows, loop, or take all memory;
//! catching a panic contains only the first. So each file is read in a
//! child process (`extract`: the program run again in its hidden extraction
//! mode) with a time limit and a memory limit, and a child that dies is that
//! file's error, in one sentence. Nothing here knows of terminals or of the
//! search index.

mod document;
mod docx;
mod encoding;
pub mod extract;
mod html;
mod pdf;
mod title_page;
mod write;

pub use document::{Block, BlockKind, Document, escape_block, fold};
pub use extract::{Extractor, Limits};

use crate::corpus::{self, Corpus, ImportOptions, Previous, slug, source_hash};
use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use write::{KeyBook, finish, write_document};

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    /// Markdown or plain text, read in this process (it is the corpus's own
    /// format).
    Markdown,
}

impl Format {
    /// The word the front matter's `source_format` and the extraction mode use.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// The format a word names.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "html" => Some(Format::Html),
            "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The format a file's name says it is, if it is one `import` reads.
    pub fn of_name(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "md" | "markdown" | "txt" | "text" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// What a file's first bytes show it to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Pdf,
    Zip,
    /// An OLE compound file: an old `.doc`, or an Office file saved with a
    /// password (those are wrapped in one).
    Ole,
    Html,
    Text,
    Binary,
    Empty,
}

impl Content {
    fn of(bytes: &[u8]) -> Self {
        if let Some(text) = encoding::utf16(bytes) {
            // Notepad's "Unicode": what it is shows once it is decoded.
            return Content::of(text.as_bytes());
        }
        let head = &bytes[..bytes.len().min(1024)];
        if bytes.iter().all(u8::is_ascii_whitespace) {
            Content::Empty
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            Content::Pdf
        } else if bytes.starts_with(b"PK\x03\x04") {
            Content::Zip
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Content::Ole
        } else if head.contains(&0) || std::str::from_utf8(head).is_err() && !mostly_text(head) {
            Content::Binary
        } else {
            let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
            if lower.contains("<!doctype html") || lower.contains("<html") {
                Content::Html
            } else {
                Content::Text
            }
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Content::Pdf => "a PDF",
            Content::Zip => "a zip file (a Word document?)",
            Content::Ole => "an old-style or password-protected Office file",
            Content::Html => "a web page",
            Content::Text => "text",
            Content::Binary => "binary data",
            Content::Empty => "empty",
        }
    }
}

/// Text in a legacy 8-bit encoding: no NUL, few control characters.
fn mostly_text(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !b"\n\r\t\x0c".contains(&b))
        .count();
    control * 20 < bytes.len().max(1)
}

/// A text file's text as `import` reads it (by its byte-order mark, as
/// UTF-8 if it is, else as Windows-1252), with a note when the encoding was
/// guessed; why not, in one sentence, when it is no plausible text. For
/// other commands that read a user's own text (`verify`).
pub fn text_of(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    encoding::text(bytes).map(|d| (d.text.into_owned(), d.note))
}

/// The format to read a file as, from its name and its first bytes; a
/// sentence saying why it cannot be read when they disagree.
pub fn sniff(path: &Path, bytes: &[u8]) -> std::result::Result<Format, String> {
    let named = Format::of_name(path);
    let content = Content::of(bytes);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    if content == Content::Empty {
        return Err("empty file".to_string());
    }
    let renamed = |to: &str| {
        Err(format!(
            "named .{ext} but it is {}; rename it to .{to} and import it again",
            content.describe()
        ))
    };
    match (named, content) {
        (Some(Format::Pdf), Content::Pdf) => Ok(Format::Pdf),
        (Some(Format::Docx), Content::Zip) => Ok(Format::Docx),
        (Some(Format::Docx), Content::Ole) => Err(
            "an encrypted (password-protected) or old-format Word file: open it in Word or LibreOffice and save it as a .docx without a password".to_string(),
        ),
        (Some(Format::Html), Content::Html | Content::Text) => Ok(Format::Html),
        (Some(Format::Markdown), Content::Text | Content::Html) => Ok(Format::Markdown),
        (Some(_), Content::Pdf) => renamed("pdf"),
        (Some(_), Content::Zip) => renamed("docx"),
        (Some(Format::Pdf), Content::Html) => renamed("html"),
        (Some(Format::Pdf | Format::Docx), Content::Text) => renamed("txt"),
        (Some(Format::Pdf), _) => Err(format!(
            "not a PDF: it does not start as one ({}); is it damaged?",
            content.describe()
        )),
        (Some(Format::Docx), _) => Err(format!(
            "not a Word document: it does not start as one ({}); is it damaged?",
            content.describe()
        )),
        (Some(Format::Markdown | Format::Html), Content::Binary)
            if encoding::utf16_without_mark(bytes) =>
        {
            Err("text in UTF-16 without a byte-order mark, which cannot be told from other data for certain: open it in a text editor and save it as UTF-8, then import it again".to_string())
        }
        (Some(_), _) => Err(format!("{}, not text or a web page", content.describe())),
        (None, Content::Pdf | Content::Zip | Content::Html | Content::Text) if ext.is_empty() => {
            let to = match content {
                Content::Pdf => "pdf",
                Content::Zip => "docx",
                Content::Html => "html",
                _ => "txt",
            };
            Err(format!(
                "its name has no extension, and it is {}: rename it to end in .{to} and import it again",
                content.describe()
            ))
        }
        (None, _) if ext.is_empty() => Err(format!(
            "its name has no extension, and it is {}: evidence reads .pdf, .docx, .html, .htm, .md and .txt",
            content.describe()
        )),
        (None, _) => Err(format!(
            "not a format evidence reads (.{ext}): it reads .pdf, .docx, .html, .htm, .md and .txt"
        )),
    }
}

/// How an import runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub import: ImportOptions,
    /// Where documents are read: a child process (the program's own
    /// binary), or this process (for tests of the readers).
    pub extractor: Extractor,
    pub limits: Limits,
    /// How many documents are read at once.
    pub workers: usize,
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written as a new report.
    Imported {
        id: String,
        path: PathBuf,
        passages: usize,
        pages: Option<u32>,
        notes: Vec<String>,
    },
    /// A changed source, imported again: how many passages kept their id,
    /// how many are new, how many were retired, and where a corrected
    /// version was kept.
    Reimported {
        id: String,
        path: PathBuf,
        kept: usize,
        new: usize,
        retired: usize,
        backup: Option<PathBuf>,
        notes: Vec<String>,
    },
    /// The same source as last time: nothing written. `corrected` when the
    /// report file was corrected by hand since (and so kept as it is).
    Unchanged {
        id: String,
        path: PathBuf,
        corrected: bool,
    },
    /// Not imported, and why (one sentence).
    Failed(String),
    /// Not a document `import` reads (in a folder): left alone.
    Skipped(String),
}

/// One file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub source: PathBuf,
    pub outcome: Outcome,
}

/// Where an import is, for a progress bar: documents done of all, and the
/// page a long document's reader is on (of its pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub page: Option<(u32, u32)>,
}

/// The files an import is given, with folders opened (recursively, in name
/// order, hidden entries and linked folders left out). Files in a folder
/// that `import` does not read are reported as skipped, not as errors.
pub fn expand(inputs: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
    let mut out = Vec::new();
    for input in inputs {
        if fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            walk(input, &mut out);
        } else {
            out.push((input.clone(), None));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        out.push((
            dir.to_path_buf(),
            Some("cannot read this folder".to_string()),
        ));
        return;
    };
    let mut entries: Vec<_> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let path = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&path, out);
        } else if Format::of_name(&path).is_some() {
            out.push((path, None));
        } else {
            let ext = path
                .extension()
                .map(|x| format!(".{}", x.to_string_lossy()))
                .unwrap_or_else(|| "no extension".to_string());
            out.push((path, Some(format!("not a document evidence reads ({ext})"))));
        }
    }
}

/// A file read and recognised, waiting to be extracted.
struct Pending {
    index: usize,
    id: String,
    path: PathBuf,
    format: Format,
    bytes: Vec<u8>,
    previous: Option<Previous>,
}

/// Imports files and folders into the corpus folder `into`, each file on
/// its own: one that cannot be read is reported with its reason, and the
/// others still go in; each report file is written whole or not at all.
/// The error is for what stops everything (the folder, the options).
pub fn run(
    inputs: &[PathBuf],
    into: &Path,
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Vec<FileReport>> {
    let existing = corpus::check_target(into, &opts.import)?;
    let theme_ids: Vec<String> = existing.themes.iter().map(|t| t.id.clone()).collect();
    let files = expand(inputs);
    let mut reports: Vec<Option<Outcome>> = vec![None; files.len()];
    let mut pending = Vec::new();
    let mut taken = Taken {
        ids: Vec::new(),
        keys: KeyBook::of(&existing),
        sources: corpus::imported_sources(into, &existing),
    };
    for (index, (path, skipped)) in files.iter().enumerate() {
        if let Some(why) = skipped {
            reports[index] = Some(Outcome::Skipped(why.clone()));
            continue;
        }
        match prepare(path, into, &existing, &theme_ids, opts, &mut taken) {
            Ok(Prepared::Done(outcome)) => reports[index] = Some(outcome),
            Ok(Prepared::Extract(id, format, bytes, previous)) => pending.push(Pending {
                index,
                id,
                path: path.clone(),
                format,
                bytes,
                previous: previous.map(|p| *p),
            }),
            Err(why) => reports[index] = Some(Outcome::Failed(why)),
        }
    }
    let total = pending.len();
    progress(Progress {
        done: 0,
        total,
        page: None,
    });
    let done = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, std::result::Result<Document, String>)>> =
        Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..opts.workers.clamp(1, 8).min(total.max(1)) {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(p) = pending.get(k) else { break };
                    let on_page = |n: u32, of: u32| {
                        progress(Progress {
                            done: done.load(Ordering::SeqCst),
                            total,
                            page: Some((n, of)),
                        });
                    };
                    let doc = opts
                        .extractor
                        .extract(p.format, &p.path, &opts.limits, &on_page);
                    if let Ok(mut r) = results.lock() {
                        r.push((k, doc));
                    }
                    let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(Progress {
                        done: n,
                        total,
                        page: None,
                    });
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(k, _)| *k);
    for (k, doc) in results {
        let Some(p) = pending.get(k) else { continue };
        reports[p.index] = Some(match doc {
            Ok(doc) => write_document(p, doc, into, opts, &mut taken.keys),
            Err(why) => Outcome::Failed(why),
        });
    }
    Ok(files
        .into_iter()
        .zip(reports)
        .map(|((source, _), outcome)| FileReport {
            source,
            outcome: outcome.unwrap_or_else(|| Outcome::Failed("was not read".to_string())),
        })
        .collect())
}

/// What this import has settled so far, that later files must not take:
/// report ids, citation keys, and the sources already in the corpus (by
/// their hash).
struct Taken {
    ids: Vec<String>,
    keys: KeyBook,
    sources: std::collections::HashMap<String, (String, Option<String>)>,
}

/// What is known of a file before it is extracted.
enum Prepared {
    /// Nothing more to do.
    Done(Outcome),
    /// To be read in a child process, as the report with this id.
    Extract(String, Format, Vec<u8>, Option<Box<Previous>>),
}

/// Reads a file, tells its format, and settles what needs no extraction:
/// markdown (read here), an unchanged source, a changed one without
/// `--force`, an id another report has.
fn prepare(
    path: &Path,
    into: &Path,
    existing: &Corpus,
    theme_ids: &[String],
    opts: &Options,
    taken: &mut Taken,
) -> std::result::Result<Prepared, String> {
    let bytes = fs::read(path).map_err(|e| crate::error::io_reason(&e))?;
    let format = sniff(path, &bytes)?;
    let hash = source_hash(&bytes);
    // The same file under another name would be a second report that
    // repeats the first, every hit found twice.
    let id = free_id(path, into, existing, &taken.ids);
    if let Some((other, file)) = taken.sources.get(&hash)
        && *other != id
        && !opts.import.force
    {
        let from = file
            .as_deref()
            .map(|f| format!(" (imported from {f})"))
            .unwrap_or_default();
        return Err(format!(
            "the same file as the report `{other}`{from}; import that file to update it, or use --force to keep a second copy as `{id}`"
        ));
    }
    taken.sources.insert(
        hash.clone(),
        (id.clone(), Some(path.to_string_lossy().into_owned())),
    );
    let settle = |previous: &Previous| -> Option<std::result::Result<Prepared, String>> {
        let same = previous.source_hash.as_deref() == Some(hash.as_str());
        let id = previous
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if same && !opts.import.force {
            return Some(Ok(Prepared::Done(Outcome::Unchanged {
                id,
                path: previous.path.clone(),
                corrected: previous.edited,
            })));
        }
        if !opts.import.force {
            let corrected = if previous.edited {
                "; its report file was also corrected by hand since, and --force keeps that version beside the new one"
            } else {
                ""
            };
            return Some(Err(format!(
                "changed since it was imported into {}; import it again with --force (passages whose text is unchanged keep their ids){corrected}",
                previous.path.display()
            )));
        }
        None
    };
    if format == Format::Markdown {
        // In UTF-8, the only encoding the corpus reads: a file in another
        // is converted (with a note when its encoding is a guess).
        let decoded = encoding::text(&bytes)?;
        // The id its file name gives, unless another document has it.
        let import = corpus::ImportOptions {
            id: Some(id),
            ..opts.import.clone()
        };
        let mut previous_of = |id: &str| corpus::previous(into, existing, id, path);
        let corpus::MarkdownReport {
            mut meta,
            retired,
            body,
            passages: count,
            previous,
            notes,
        } = corpus::markdown_body(
            path,
            decoded.text.as_bytes(),
            &import,
            theme_ids,
            &mut previous_of,
        )
        .map_err(|e| without_path(&e, path))?;
        // The hash of the file as it is, not as converted: the one a
        // re-import of it compares.
        meta.source_hash.clone_from(&hash);
        if let Some(p) = &previous
            && let Some(done) = settle(p)
        {
            return done;
        }
        meta.source.file = Some(corpus::recorded_source_file(path, into));
        claim(&meta.id, &mut taken.ids)?;
        let key_note = taken.keys.settle(&mut meta);
        let plan = corpus::plan_write(into, &meta, &retired, &body, count, previous.as_ref());
        return Ok(Prepared::Done(finish(
            plan,
            previous.as_ref(),
            count,
            &retired,
            decoded
                .note
                .into_iter()
                .chain(notes)
                .chain(key_note)
                .collect(),
            None,
        )));
    }
    let previous =
        corpus::previous(into, existing, &id, path).map_err(|e| without_path(&e, path))?;
    if let Some(p) = &previous
        && let Some(done) = settle(p)
    {
        return done;
    }
    claim(&id, &mut taken.ids)?;
    Ok(Prepared::Extract(id, format, bytes, previous.map(Box::new)))
}

/// The report id for a document: its file name's slug (`some` for
/// `some.pdf`), unless another report has it, one of this import or one
/// imported from another file; then with its extension (`some-docx`),
/// numbered if need be. A re-import of the same file finds its own id.
fn free_id(path: &Path, into: &Path, existing: &Corpus, taken: &[String]) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = path.file_name();
    let base = slug(&stem);
    let alt = slug(&format!("{stem}-{ext}"));
    let candidates = std::iter::once(base.clone())
        .chain(std::iter::once(alt.clone()))
        .chain((2..).map(|n| format!("{alt}-{n}")));
    for id in candidates.take(1000) {
        if taken.contains(&id) {
            continue;
        }
        match existing.report(&id) {
            None => return id,
            Some(r) => {
                if r.source
                    .file
                    .as_deref()
                    .is_some_and(|f| same_source(Path::new(f), into, path, name))
                {
                    return id;
                }
            }
        }
    }
    base
}

/// Whether a report imported from `recorded` was imported from the file at
/// `path`: the same file where both are there (two `report.pdf`s in two
/// folders are two documents); where the recorded one is gone (moved, or
/// renamed folders), the same file name.
/// The recorded path is read from the corpus folder `into` (as import
/// writes it now) and, for reports imported by earlier versions, from the
/// folder this import runs in.
fn same_source(recorded: &Path, into: &Path, path: &Path, name: Option<&std::ffi::OsStr>) -> bool {
    let Ok(this) = fs::canonicalize(path) else {
        return recorded == path || recorded.file_name() == name;
    };
    // From the corpus folder; an old record from the folder that import
    // ran in (for a markdown source, the first reading can be the report
    // itself: `doc.md` beside `c/doc.md`).
    let there: Vec<PathBuf> = [into.join(recorded), recorded.to_path_buf()]
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    if there.is_empty() {
        return recorded.file_name() == name;
    }
    there.contains(&this)
}

/// Takes a report id for this import; a second file with the same id (the
/// same name in two folders) is refused rather than overwriting the first.
fn claim(id: &str, taken: &mut Vec<String>) -> std::result::Result<(), String> {
    if taken.iter().any(|t| t == id) {
        return Err(format!(
            "another file of this import becomes report `{id}` too; rename one of them"
        ));
    }
    taken.push(id.to_string());
    Ok(())
}

/// An error's sentence without the path it starts with (the report names
/// the file already).
fn without_path(e: &Error, path: &Path) -> String {
    let text = e.to_string();
    let prefix = format!("{}: ", path.display());
    text.strip_prefix(&prefix).unwrap_or(&text).to_string()
}
