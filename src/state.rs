//! A workspace's small state files (the search history, the saved
//! searches) kept as the basket is: read with a version check, an
//! unreadable file set aside and never deleted ([`crate::atomic::set_aside`]),
//! written atomically, and merged on save with whatever another running
//! instance wrote since this one last read or wrote the file, the file as
//! this instance last saw it being the common base. Each kind of file says
//! what it is and how to merge through [`Kept`]; [`Tracked`] does the rest.
//! The steps themselves ([`read`], [`write`], [`set_aside`]) are the
//! basket's too, whose merge keeps more than a count.

use crate::atomic;
use crate::{Error, Result};
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

/// A value kept in a state file.
pub trait Kept: Clone + Default {
    /// What the file is, as a message names it ("the history").
    const WHAT: &'static str;
    /// Such a file, as a message names it ("a history file").
    const FILE: &'static str;
    /// The file format this program writes and reads.
    const VERSION: u32;
    /// Reads the file's bytes (its version already checked), or says why
    /// they are not such a file.
    fn parse(bytes: &[u8]) -> std::result::Result<Self, String>;
    /// The file's contents.
    fn to_bytes(&self) -> Result<Vec<u8>>;
    /// Three-way merge of `theirs` (the file now) into `self`, `base` being
    /// the file as this instance last saw it; how many of their entries
    /// were taken.
    fn merge(&mut self, base: &Self, theirs: &Self) -> usize;
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Reads `bytes` as a `T` file: its version first, so a newer program's
/// file is named as such rather than as broken.
pub fn parse<T: Kept>(bytes: &[u8]) -> std::result::Result<T, String> {
    let version: VersionOnly =
        serde_json::from_slice(bytes).map_err(|e| format!("not {}: {e}", T::FILE))?;
    if version.version > T::VERSION {
        return Err(format!(
            "written by a newer version of evidence (format {}, this one reads {})",
            version.version,
            T::VERSION
        ));
    }
    T::parse(bytes)
}

/// A value and the file it is kept in as this instance last saw it.
#[derive(Debug, Clone, Default)]
pub struct Tracked<T> {
    pub value: T,
    /// The file as last read or written (the base of a merge).
    base: T,
    /// Its hash; `None` when there was no readable file.
    hash: Option<blake3::Hash>,
}

/// The result of [`Tracked::load`].
#[derive(Debug, Clone, Default)]
pub struct Loaded<T> {
    pub tracked: Tracked<T>,
    /// Where an unreadable file was moved to, if one was.
    pub set_aside: Option<PathBuf>,
    /// Why that file could not be read.
    pub reason: Option<String>,
}

/// The result of [`Tracked::save`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// Entries another instance had added to the file, now here too.
    pub merged: usize,
    /// Where an unreadable file found on disk was moved to, if one was.
    pub set_aside: Option<PathBuf>,
}

impl<T: Kept> Tracked<T> {
    /// A value with no file behind it yet.
    pub fn new(value: T) -> Self {
        Tracked {
            value,
            base: T::default(),
            hash: None,
        }
    }

    /// Reads the file at `path`: a missing file is an empty value; one that
    /// cannot be read is renamed aside and the value starts empty. Errors
    /// only when the file cannot be read at all, or cannot be moved aside.
    pub fn load(path: &Path) -> Result<Loaded<T>> {
        let Some(bytes) = read(path)? else {
            return Ok(Loaded::default());
        };
        match parse::<T>(&bytes) {
            Ok(value) => Ok(Loaded {
                tracked: Tracked {
                    base: value.clone(),
                    value,
                    hash: Some(blake3::hash(&bytes)),
                },
                set_aside: None,
                reason: None,
            }),
            Err(reason) => Ok(Loaded {
                tracked: Tracked::default(),
                set_aside: Some(set_aside(path, &reason, unreadable::<T>)?),
                reason: Some(reason),
            }),
        }
    }

    /// Reads the file at `path` without changing anything (an unreadable
    /// file stays where it is): the empty value when there is no file, or
    /// why the file cannot be read.
    pub fn peek(path: &Path) -> std::result::Result<T, String> {
        match fs::read(path) {
            Ok(bytes) => parse::<T>(&bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
            Err(e) => Err(crate::error::io_reason(&e)),
        }
    }

    /// Takes in what another instance wrote to `path` since this one last
    /// read or wrote it (merged as a save would), without writing; how many
    /// of its entries came in. A file that cannot be read is left for the
    /// next save to set aside.
    pub fn sync(&mut self, path: &Path) -> Result<usize> {
        let Some(bytes) = changed(path, self.hash)? else {
            return Ok(0);
        };
        let Ok(theirs) = parse::<T>(&bytes) else {
            return Ok(0);
        };
        let merged = self.value.merge(&self.base, &theirs);
        self.base = theirs;
        self.hash = Some(blake3::hash(&bytes));
        Ok(merged)
    }

    /// Writes the value to `path` atomically, creating its folder, after
    /// merging what another instance wrote since this one last saw the
    /// file (see [`Kept::merge`]); a file found unreadable is set aside.
    /// The read, merge and write happen under the file's [`lock`], so two
    /// saves in the same instant take turns rather than one losing the
    /// other's change.
    pub fn save(&mut self, path: &Path) -> Result<Saved> {
        let _turn = lock(path);
        let mut saved = Saved::default();
        if let Some(bytes) = changed(path, self.hash)? {
            match parse::<T>(&bytes) {
                Ok(theirs) => saved.merged = self.value.merge(&self.base, &theirs),
                Err(reason) => saved.set_aside = Some(set_aside(path, &reason, unreadable::<T>)?),
            }
        }
        self.hash = Some(write(path, &self.value.to_bytes()?)?);
        self.base = self.value.clone();
        Ok(saved)
    }
}

/// A state file's lock, held while it lives (see [`lock`]).
#[derive(Debug)]
pub struct Lock {
    _file: Option<fs::File>,
}

/// Waits for, then holds, the lock of the state file at `path`: an
/// exclusive lock on `NAME.lock` beside it (made if need be, left in place;
/// it holds nothing). Every save of a state file reads what is there,
/// merges and writes under it. Where no lock can be had (a read-only
/// folder, a file system without locks) the save goes ahead without, and
/// says what went wrong when it writes.
pub fn lock(path: &Path) -> Lock {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::create_dir_all(dir);
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .ok()
        .filter(|f| f.lock().is_ok());
    Lock { _file: file }
}

/// The bytes of the file at `path`; `None` when there is no file.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The bytes of the file at `path` when they are not those with the hash
/// `seen` (what this instance last read or wrote): another instance wrote
/// it since. `None` when it is unchanged, or gone.
pub fn changed(path: &Path, seen: Option<blake3::Hash>) -> Result<Option<Vec<u8>>> {
    Ok(read(path)?.filter(|bytes| seen != Some(blake3::hash(bytes))))
}

/// Writes `bytes` to `path` atomically, creating its folder; their hash.
pub fn write(path: &Path, bytes: &[u8]) -> Result<blake3::Hash> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    atomic::write(path, bytes)?;
    Ok(blake3::hash(bytes))
}

/// Renames a file that cannot be read (`reason`) aside and returns the new
/// path; when it cannot be moved, the error `unreadable` makes of its path
/// and the reason.
pub fn set_aside(
    path: &Path,
    reason: &str,
    unreadable: fn(PathBuf, String) -> Error,
) -> Result<PathBuf> {
    atomic::set_aside(path).map_err(|e| {
        unreadable(
            path.to_path_buf(),
            format!(
                "{reason}; moving it aside failed: {}",
                crate::error::io_reason(&e)
            ),
        )
    })
}

/// The error of a `T` file that can be neither read nor moved aside.
fn unreadable<T: Kept>(path: PathBuf, reason: String) -> Error {
    Error::StateUnreadable {
        what: T::WHAT,
        path,
        reason,
    }
}

/// Pretty JSON and a line end, as every state file is written.
pub fn json_bytes<T: Kept>(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::InvalidInput(format!("{} cannot be written: {e}", T::WHAT)))?;
    bytes.push(b'\n');
    Ok(bytes)
}
