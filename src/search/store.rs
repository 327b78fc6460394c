//! Where an index lives on disk and how it is kept fresh and whole.
//!
//! A location holds generations, `gen-N/` (each a complete tantivy index plus a
//! `manifest.json`), and a pointer file `CURRENT` naming the one in use. A build
//! writes a new generation and then replaces `CURRENT` by rename, so a build
//! killed at any point leaves the previous index usable. Builds are serialised by
//! an exclusive lock on `build.lock`: a second process waits, then finds the
//! index fresh and uses it. Opening compares the manifest's corpus fingerprint
//! and schema version with the corpus, and each file's size; checksums are
//! computed only on `--verify` or after tantivy reports an error.

use super::schema::SCHEMA_VERSION;
use crate::corpus::{Catalog, Origin};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// The manifest written beside each generation's index files.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub schema_version: u32,
    pub evidence_version: String,
    pub corpus_fingerprint: String,
    pub passages: usize,
    pub files: Vec<FileSum>,
    /// The key the next report indexed by an update gets: keys are never
    /// reused, not even those of reports since removed.
    #[serde(default)]
    pub next_key: u64,
    /// Each scored field's total of tokens (see the search module's `norms`).
    #[serde(default)]
    pub totals: super::norms::Totals,
}

impl Manifest {
    /// A manifest for a generation this build writes: this schema and this
    /// program's version, with what the generation holds.
    pub fn new(
        corpus_fingerprint: String,
        passages: usize,
        files: Vec<FileSum>,
        next_key: u64,
        totals: super::norms::Totals,
    ) -> Manifest {
        Manifest {
            schema_version: super::schema::SCHEMA_VERSION,
            evidence_version: env!("CARGO_PKG_VERSION").to_string(),
            corpus_fingerprint,
            passages,
            files,
            next_key,
            totals,
        }
    }
}

/// One index file's size and checksum.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileSum {
    pub name: String,
    pub size: u64,
    pub blake3: String,
}

/// How the index location was chosen, for `evidence index` to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// `--index-dir` or EVIDENCE_INDEX_DIR.
    Explicit,
    /// `./index/` in this repository, for the bundled corpus.
    Repository,
    /// The platform cache folder.
    Cache,
}

/// Picks the index folder: explicit, else the repository's folder for the
/// bundled corpus when the program runs from its repository (`repository`,
/// which the binary decides: the library does not look at the working
/// directory), else the platform cache folder keyed by the corpus path.
pub fn locate(
    explicit: Option<&Path>,
    repository: Option<&Path>,
    origin: &Origin,
) -> (PathBuf, Placement) {
    if let Some(dir) = explicit {
        return (dir.to_path_buf(), Placement::Explicit);
    }
    if let (Origin::Bundled, Some(dir)) = (origin, repository) {
        return (dir.to_path_buf(), Placement::Repository);
    }
    (cache_location(origin), Placement::Cache)
}

/// The cache location for a corpus.
pub fn cache_location(origin: &Origin) -> PathBuf {
    let base = directories::ProjectDirs::from("", "", "evidence")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("evidence-cache"));
    let key = match origin {
        Origin::Bundled => "bundled".to_string(),
        Origin::Folder(root) => {
            let hash = blake3::hash(root.as_os_str().as_encoded_bytes()).to_hex();
            format!("corpus-{}", &hash[..16])
        }
    };
    base.join(key)
}

/// The generation folder `CURRENT` points at, if any.
pub fn current_generation(dir: &Path) -> Option<PathBuf> {
    let name = fs::read_to_string(dir.join("CURRENT")).ok()?;
    let name = name.trim();
    let valid = name
        .strip_prefix("gen-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    valid.then(|| dir.join(name))
}

/// Reads a generation's manifest.
pub fn read_manifest(gen_dir: &Path) -> Option<Manifest> {
    let bytes = fs::read(gen_dir.join("manifest.json")).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// True when a manifest describes an index of the corpus with this
/// fingerprint, built by this program.
pub fn is_fresh(manifest: &Manifest, fingerprint: &str) -> bool {
    is_ours(manifest) && manifest.corpus_fingerprint == fingerprint
}

/// Whether a generation was built by this program with this schema,
/// whatever corpus it records.
pub fn is_ours(manifest: &Manifest) -> bool {
    manifest.schema_version == SCHEMA_VERSION
        && manifest.evidence_version == env!("CARGO_PKG_VERSION")
}

/// The file in a generation that records where each passage lies in its file.
pub const SPANS: &str = "spans.bin";

/// The file in a generation that holds the corpus's catalog.
pub const CATALOG: &str = "catalog.bin";

/// Reads a generation's catalog, with problem paths under `folder` (the
/// corpus folder as it is named now; see [`Catalog::to_bytes`]).
pub fn read_catalog(gen_dir: &Path, folder: &Path) -> Option<Catalog> {
    Catalog::from_bytes(&fs::read(gen_dir.join(CATALOG)).ok()?, folder)
}

/// The cheap check: every recorded file is there with its recorded size.
pub fn sizes_match(gen_dir: &Path, manifest: &Manifest) -> bool {
    manifest
        .files
        .iter()
        .all(|f| fs::metadata(gen_dir.join(&f.name)).is_ok_and(|m| m.len() == f.size))
}

/// The full check: every recorded file's checksum. Returns the files that differ.
pub fn verify_checksums(gen_dir: &Path, manifest: &Manifest) -> Vec<String> {
    manifest
        .files
        .iter()
        .filter(|f| {
            fs::read(gen_dir.join(&f.name))
                .map(|b| blake3::hash(&b).to_hex().to_string() != f.blake3)
                .unwrap_or(true)
        })
        .map(|f| f.name.clone())
        .collect()
}

/// Lists a finished generation's files with sizes and checksums.
pub fn sum_files(gen_dir: &Path) -> Result<Vec<FileSum>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(gen_dir).map_err(|e| Error::io(gen_dir, e))? {
        let entry = entry.map_err(|e| Error::io(gen_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Lock files come and go; the manifest describes the rest (the catalog
        // is written after the sums, and carries its own hash).
        if name == "manifest.json"
            || name == CATALOG
            || name.ends_with(".lock")
            || !entry.path().is_file()
        {
            continue;
        }
        let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        files.push(FileSum {
            name,
            size: bytes.len() as u64,
            blake3: blake3::hash(&bytes).to_hex().to_string(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// The next free generation folder name.
pub fn next_generation(dir: &Path) -> PathBuf {
    let highest = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_prefix("gen-")
                .and_then(|n| n.parse::<u64>().ok())
        })
        .max()
        .unwrap_or(0);
    dir.join(format!("gen-{}", highest + 1))
}

/// Points `CURRENT` at a generation (atomically) and removes the others.
pub fn switch_to(dir: &Path, gen_dir: &Path) -> Result<()> {
    let name = gen_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::atomic::write(&dir.join("CURRENT"), format!("{name}\n").as_bytes())?;
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let other = entry.file_name().to_string_lossy().into_owned();
        if other.starts_with("gen-") && other != name {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// Holds the build lock of an index folder while alive.
pub struct BuildLock {
    file: fs::File,
}

impl BuildLock {
    /// Waits for, then takes, the exclusive build lock.
    pub fn acquire(dir: &Path) -> Result<Self> {
        let path = dir.join("build.lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.lock().map_err(|e| Error::io(&path, e))?;
        Ok(BuildLock { file })
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Total size in bytes of the files in a folder (not recursive).
pub fn folder_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
