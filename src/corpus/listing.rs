//! Listing a corpus: its report files, themes file and documents to import,
//! with sizes and modification times and a fingerprint of them all, reading
//! no file. Every search lists its corpus to check that the index is
//! current, so this is the one per-file cost each process pays.

use super::{Problem, Stamp};
use include_dir::{Dir, include_dir};
use std::fs;
use std::path::{Path, PathBuf};

/// The bundled Dalton corpus, embedded at build time.
pub static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// How messages name the folder of the corpus embedded in the binary.
pub(super) const BUNDLED_SHOWN: &str = "<bundled corpus>";

/// The bundled corpus's files, in path order.
pub fn bundled_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut out = Vec::new();
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_path_buf(), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    walk(&BUNDLED, &mut out);
    // The coding frame's working files (the two codings, the script that
    // compares them) are the corpus's record, not part of it: no report
    // and nothing `init` writes out.
    out.retain(|(path, _)| !path.starts_with(CODING_FOLDER));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The bundled corpus's folder of coding-frame records (see corpus/README.md).
pub const CODING_FOLDER: &str = "coding";

/// A file as a listing found it: its place in the corpus, and its size and
/// modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    /// Path relative to the corpus root.
    pub rel: PathBuf,
    /// How the path is shown in messages.
    pub shown: PathBuf,
    pub stamp: Stamp,
}

/// What a scan found: the report files, the themes file, and a fingerprint of
/// them all that changes whenever any file is added, removed or modified.
#[derive(Debug, Clone)]
pub struct Scan {
    pub files: Vec<ListedFile>,
    pub themes: Option<ListedFile>,
    /// PDF, Word and web page files, which are not read as reports: `evidence
    /// import` brings them in.
    pub documents: Vec<ListedFile>,
    /// Folders that could not be listed.
    pub problems: Vec<Problem>,
    pub fingerprint: String,
}

/// A `.md` or `.txt` file other than a README, in any letter case; `name` is
/// a file name's bytes as the system holds them.
fn is_report_file(name: &[u8]) -> bool {
    let ends_with = |suffix: &[u8]| {
        name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    // An export under its default name is the user's collection of
    // passages already in the corpus: exported into the corpus folder, it
    // would be searched as a report that repeats them.
    let export = name.starts_with(b"evidence-excerpts-") && ends_with(b".md");
    (ends_with(b".md") || ends_with(b".txt")) && !name.eq_ignore_ascii_case(b"readme.md") && !export
}

/// Whether a file at `rel` (a path inside a corpus folder) is read as a
/// report: a report file's name, under no hidden folder.
pub fn read_as_report(rel: &std::path::Path) -> bool {
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
    !hidden
        && rel
            .file_name()
            .is_some_and(|n| is_report_file(n.as_encoded_bytes()))
}

/// A PDF, Word document or web page (`.pdf`, `.docx`, `.html`, `.htm`, in
/// any letter case): what `evidence import` reads, not a report itself.
pub fn is_document_file(name: &[u8]) -> bool {
    [b".pdf".as_slice(), b".docx", b".html", b".htm"]
        .iter()
        .any(|suffix| {
            name.len() > suffix.len()
                && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        })
}

/// Lists the embedded corpus's files (see [`CorpusSource::scan`]).
pub(super) fn scan_bundled() -> Scan {
    let mut files = Vec::new();
    let mut themes = None;
    for (rel, bytes) in bundled_files() {
        let stamp = ListedFile {
            shown: Path::new(BUNDLED_SHOWN).join(&rel),
            rel: rel.clone(),
            stamp: Stamp {
                size: bytes.len() as u64,
                modified_ns: 0,
                changed_ns: 0,
                mode: 0,
            },
        };
        if rel == Path::new("themes.toml") {
            themes = Some(stamp);
        } else if rel
            .file_name()
            .is_some_and(|n| is_report_file(n.as_encoded_bytes()))
        {
            files.push(stamp);
        }
    }
    Scan {
        files,
        themes,
        documents: Vec::new(),
        problems: Vec::new(),
        fingerprint: env!("EVIDENCE_BUNDLED_FINGERPRINT").to_string(),
    }
}

/// Lists a corpus folder's files, reading none (see [`CorpusSource::scan`]):
/// `shown` is how paths are printed, `root` the folder's canonical path.
pub(super) fn scan_folder(shown: &Path, root: &Path) -> Scan {
    let (files, themes, documents, problems) = folder_files(shown, root);
    // Paths as the system holds them, so that renaming a file
    // whose name is not UTF-8 changes the fingerprint too. The
    // bytes are gathered first: one hash of 100 KB is quicker
    // than thousands of small updates.
    let mut bytes = root.as_os_str().as_encoded_bytes().to_vec();
    // Documents to import count too: `check` and the catalog
    // list them, so adding one is a change of the corpus.
    for f in files.iter().chain(themes.iter()).chain(documents.iter()) {
        bytes.push(0);
        bytes.extend_from_slice(f.rel.as_os_str().as_encoded_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&f.stamp.size.to_le_bytes());
        bytes.extend_from_slice(&f.stamp.modified_ns.to_le_bytes());
        bytes.extend_from_slice(&f.stamp.changed_ns.to_le_bytes());
        bytes.extend_from_slice(&f.stamp.mode.to_le_bytes());
    }
    let mut h = blake3::Hasher::new();
    h.update(&bytes);
    Scan {
        files,
        themes,
        documents,
        problems,
        fingerprint: h.finalize().to_hex().to_string(),
    }
}

/// Lists a folder's report files (recursively, skipping hidden entries and
/// not following symlinked folders), sorted by path, plus the themes file.
///
/// Each folder's entries are sorted by name (see [`name_order`]) and walked
/// depth first, which gives the order of sorting whole paths without
/// comparing them; sizes and times come from `stat` relative to the open
/// folder, not a lookup of every path.
type FolderFiles = (
    Vec<ListedFile>,
    Option<ListedFile>,
    Vec<ListedFile>,
    Vec<Problem>,
);

fn folder_files(shown: &Path, root: &Path) -> FolderFiles {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk_folder(shown, root, PathBuf::new(), &mut files, &mut problems);
    let themes = fs::metadata(root.join("themes.toml"))
        .ok()
        .map(|meta| stamp(shown, PathBuf::from("themes.toml"), Some(meta)));
    let (documents, files) = files
        .into_iter()
        .partition(|f: &ListedFile| is_document_file(f.rel.as_os_str().as_encoded_bytes()));
    (files, themes, documents, problems)
}

fn walk_folder(
    shown: &Path,
    root: &Path,
    rel_dir: PathBuf,
    files: &mut Vec<ListedFile>,
    problems: &mut Vec<Problem>,
) {
    let entries = match fs::read_dir(root.join(&rel_dir)) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem {
                path: shown.join(&rel_dir),
                line: 0,
                message: format!("cannot read folder: {}", crate::error::io_reason(&e)),
                fatal: true,
                severity: crate::corpus::Severity::Error,
            });
            return;
        }
    };
    let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = entries
        .flatten()
        .map(|e| (e.file_name(), e))
        .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
        .collect();
    entries.sort_unstable_by(|a, b| name_order(a.0.as_encoded_bytes(), b.0.as_encoded_bytes()));
    for (name, entry) in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let rel = rel_dir.join(&name);
        if kind.is_dir() {
            walk_folder(shown, root, rel, files, problems);
            continue;
        }
        let name_bytes = name.as_encoded_bytes();
        if !is_report_file(name_bytes) && !is_document_file(name_bytes) {
            continue;
        }
        if kind.is_file() {
            files.push(stamp(shown, rel, entry.metadata().ok()));
        } else if kind.is_symlink() {
            // A symlink to a folder named like a file is not followed.
            let meta = fs::metadata(entry.path()).ok();
            if meta.as_ref().is_some_and(|m| m.is_dir()) {
                continue;
            }
            files.push(stamp(shown, rel, meta));
        }
    }
}

fn stamp(shown: &Path, rel: PathBuf, meta: Option<fs::Metadata>) -> ListedFile {
    ListedFile {
        shown: shown.join(&rel),
        rel,
        stamp: meta.as_ref().map_or(
            Stamp {
                size: 0,
                modified_ns: 0,
                changed_ns: 0,
                mode: 0,
            },
            stamp_of,
        ),
    }
}

/// The order of a folder's entries: by name before its extension, then by
/// extension, so that a file comes before its copies (`x.md` before `x
/// copy.md`, `x (1).md` and `x-draft.md`, which plain byte order puts
/// first): when a copy keeps the report's id, the file that had it keeps
/// it, and the copy is the one said to be a duplicate.
fn name_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    fn split(name: &[u8]) -> (&[u8], &[u8]) {
        match name.iter().rposition(|&c| c == b'.') {
            Some(at) if at > 0 => name.split_at(at),
            _ => (name, &[]),
        }
    }
    split(a).cmp(&split(b))
}

/// A file's stamp as a listing records it.
pub(crate) fn stamp_of(meta: &fs::Metadata) -> Stamp {
    Stamp {
        size: meta.len(),
        modified_ns: modified_ns(meta),
        changed_ns: changed_ns(meta),
        mode: mode(meta),
    }
}

/// A file's permission bits: `chmod` changes them without touching the
/// modification time.
#[cfg(unix)]
fn mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode(meta: &fs::Metadata) -> u32 {
    u32::from(meta.permissions().readonly())
}

/// A file's status change time (`ctime`): set by the system on every
/// change of the file's contents or details, never by a program.
#[cfg(unix)]
fn changed_ns(meta: &fs::Metadata) -> u128 {
    use std::os::unix::fs::MetadataExt;
    u128::try_from(meta.ctime()).map_or(0, |s| s * 1_000_000_000)
        + u128::try_from(meta.ctime_nsec()).unwrap_or(0)
}

#[cfg(not(unix))]
fn changed_ns(_: &fs::Metadata) -> u128 {
    0
}

pub(super) fn modified_ns(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_comes_before_its_copies() {
        let mut names: Vec<&[u8]> = vec![
            b"x copy.md",
            b"x-draft.md",
            b"x (1).md",
            b"x.md",
            b"x.txt",
            b"w.md",
            b"y",
        ];
        names.sort_by(|a, b| name_order(a, b));
        assert_eq!(
            names,
            [
                b"w.md".as_slice(),
                b"x.md",
                b"x.txt",
                b"x (1).md",
                b"x copy.md",
                b"x-draft.md",
                b"y"
            ]
        );
    }

    #[test]
    fn report_files_are_md_and_txt_in_any_case_but_readme() {
        let names: [&[u8]; 5] = [b"a.md", b"A.MD", b"b.txt", b"B.TxT", b"x\xff.md"];
        for name in names {
            assert!(is_report_file(name), "{name:?}");
        }
        for name in [
            "README.md",
            "readme.MD",
            "notes.markdown",
            "x.md.bak",
            "md",
            "",
        ] {
            assert!(!is_report_file(name.as_bytes()), "{name:?}");
        }
    }
}
