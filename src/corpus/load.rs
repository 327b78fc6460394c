//! Finding a corpus's files (embedded or in a folder) and assembling them into a
//! [`Corpus`], with the checks that need every file at once: duplicate report
//! ids, duplicate passage ids, and themes that `themes.toml` does not define.

use super::parse::parse_file;
use super::themes::parse_themes;
use super::{Corpus, Origin, Problem};
use crate::{Error, Result};
use include_dir::{Dir, include_dir};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The bundled Dalton corpus, embedded at build time.
pub static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// Where to read a corpus from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusSource {
    Bundled,
    /// A folder: `shown` is how paths are printed, `root` its canonical path.
    Folder {
        shown: PathBuf,
        root: PathBuf,
    },
}

impl CorpusSource {
    /// Checks that a folder exists and can be listed.
    pub fn folder(path: &Path) -> Result<Self> {
        let meta = fs::metadata(path).map_err(|e| Error::NotACorpus {
            path: path.to_path_buf(),
            reason: e.to_string().to_lowercase(),
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
            shown: path.to_path_buf(),
            root,
        })
    }
}

/// One file of a corpus, as read.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the corpus root.
    pub rel: PathBuf,
    /// How the path is shown in messages.
    pub shown: PathBuf,
    pub bytes: std::io::Result<Vec<u8>>,
    /// Size and modification time, for staleness checks.
    pub size: u64,
    pub modified_ns: u128,
}

fn is_report_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".txt")) && lower != "readme.md"
}

/// The bundled corpus's report files, in path order.
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
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Lists a folder's report files (recursively, skipping hidden entries and
/// not following symlinked folders), sorted by path, plus the themes file.
pub(crate) fn folder_files(
    shown: &Path,
    root: &Path,
) -> (Vec<SourceFile>, Option<SourceFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel_dir) = stack.pop() {
        let dir = root.join(&rel_dir);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem {
                    path: shown.join(&rel_dir),
                    line: 0,
                    message: format!("cannot read folder: {e}"),
                    fatal: true,
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = rel_dir.join(&name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(rel);
            } else if is_report_file(&name) && (kind.is_file() || kind.is_symlink()) {
                // A symlink to a folder named like a file is not followed.
                if kind.is_symlink() && fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
                    continue;
                }
                files.push(read_file(shown, root, rel));
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let themes_path = root.join("themes.toml");
    let themes = themes_path
        .exists()
        .then(|| read_file(shown, root, PathBuf::from("themes.toml")));
    (files, themes, problems)
}

fn read_file(shown: &Path, root: &Path, rel: PathBuf) -> SourceFile {
    let full = root.join(&rel);
    let meta = fs::metadata(&full).ok();
    let bytes = match &meta {
        Some(m) if m.is_dir() => Err(std::io::Error::other("is a folder")),
        _ => fs::read(&full),
    };
    SourceFile {
        shown: shown.join(&rel),
        rel,
        bytes,
        size: meta.as_ref().map_or(0, |m| m.len()),
        modified_ns: meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos()),
    }
}

/// Loads and assembles a corpus; never fails, problems are recorded.
pub(crate) fn load(source: &CorpusSource) -> Corpus {
    let (files, themes_file, mut problems, origin) = match source {
        CorpusSource::Bundled => {
            let mut files = Vec::new();
            let mut themes = None;
            for (rel, bytes) in bundled_files() {
                let f = SourceFile {
                    shown: Path::new("<bundled corpus>").join(&rel),
                    rel: rel.clone(),
                    bytes: Ok(bytes.to_vec()),
                    size: bytes.len() as u64,
                    modified_ns: 0,
                };
                if rel == Path::new("themes.toml") {
                    themes = Some(f);
                } else if rel
                    .file_name()
                    .is_some_and(|n| is_report_file(&n.to_string_lossy()))
                {
                    files.push(f);
                }
            }
            (files, themes, Vec::new(), Origin::Bundled)
        }
        CorpusSource::Folder { shown, root } => {
            let (files, themes, problems) = folder_files(shown, root);
            (files, themes, problems, Origin::Folder(root.clone()))
        }
    };

    let fingerprint = match source {
        CorpusSource::Bundled => env!("EVIDENCE_BUNDLED_FINGERPRINT").to_string(),
        CorpusSource::Folder { root, .. } => {
            let mut h = blake3::Hasher::new();
            h.update(root.to_string_lossy().as_bytes());
            for f in files.iter().chain(themes_file.iter()) {
                h.update(&[0]);
                h.update(f.rel.to_string_lossy().as_bytes());
                h.update(&[0]);
                h.update(&f.size.to_le_bytes());
                h.update(&f.modified_ns.to_le_bytes());
            }
            h.finalize().to_hex().to_string()
        }
    };
    let themes = match themes_file {
        Some(SourceFile {
            shown,
            bytes: Ok(bytes),
            ..
        }) => {
            let (themes, p) = parse_themes(&shown, &bytes);
            problems.extend(p);
            themes
        }
        Some(SourceFile {
            shown,
            bytes: Err(e),
            ..
        }) => {
            problems.push(Problem {
                path: shown,
                line: 0,
                message: format!("cannot read: {e}"),
                fatal: true,
            });
            Vec::new()
        }
        None => Vec::new(),
    };
    let theme_ids: HashSet<&str> = themes.iter().map(|t| t.id.as_str()).collect();

    let mut reports = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for file in files {
        let bytes = match file.bytes {
            Ok(b) => b,
            Err(e) => {
                problems.push(Problem {
                    path: file.shown,
                    line: 0,
                    message: format!("cannot read: {}", io_reason(&e)),
                    fatal: true,
                });
                continue;
            }
        };
        let parsed = parse_file(&file.shown, &bytes);
        problems.extend(parsed.problems);
        let Some(mut report) = parsed.report else {
            continue;
        };
        report.path = file.rel;
        if let Some(other) = seen.get(&report.id) {
            problems.push(Problem {
                path: file.shown.clone(),
                line: 1,
                message: format!(
                    "duplicate report id `{}` (also in {}); file skipped",
                    report.id,
                    other.display()
                ),
                fatal: true,
            });
            continue;
        }
        seen.insert(report.id.clone(), file.shown.clone());

        let mut local_ids: HashSet<String> = HashSet::new();
        for passage in &mut report.passages {
            if !local_ids.insert(passage.id.clone()) {
                let mut n = 2;
                while local_ids.contains(&format!("{}.{n}", passage.id)) {
                    n += 1;
                }
                let renamed = format!("{}.{n}", passage.id);
                problems.push(Problem {
                    path: file.shown.clone(),
                    line: passage.line,
                    message: format!("duplicate passage id `{}`; read as `{renamed}`", passage.id),
                    fatal: false,
                });
                passage.id = renamed.clone();
                local_ids.insert(renamed);
            }
            let before = passage.themes.len();
            passage.themes.retain(|t| {
                let known = theme_ids.contains(t.as_str());
                if !known {
                    problems.push(Problem {
                        path: file.shown.clone(),
                        line: passage.line,
                        message: format!(
                            "unknown theme `{t}` on passage `{}` (not in themes.toml)",
                            passage.id
                        ),
                        fatal: false,
                    });
                }
                known
            });
            let mut unique = Vec::new();
            for t in passage.themes.drain(..) {
                if !unique.contains(&t) {
                    unique.push(t);
                }
            }
            passage.themes = unique;
            if before > 3 {
                problems.push(Problem {
                    path: file.shown.clone(),
                    line: passage.line,
                    message: format!(
                        "passage `{}` names {before} themes; at most 3 are meant to be given",
                        passage.id
                    ),
                    fatal: false,
                });
            }
        }
        reports.push(report);
    }
    Corpus {
        origin,
        reports,
        themes,
        problems,
        fingerprint,
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "not found (a broken link?)".to_string(),
        _ => e.to_string(),
    }
}

/// Writes the bundled corpus into `dir` (created if missing), refusing to
/// overwrite any file already there. Returns the files written.
pub fn write_bundled(dir: &Path) -> Result<Vec<PathBuf>> {
    let files = bundled_files();
    for (rel, _) in &files {
        let target = dir.join(rel);
        if target.exists() {
            return Err(Error::Exists { path: target });
        }
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let target = dir.join(&rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        crate::atomic::write(&target, bytes)?;
        written.push(target);
    }
    Ok(written)
}
