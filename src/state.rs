//! A workspace's small state files (the search history, the saved
//! searches) kept as the basket is: read with a version check, an
//! unreadable file set aside and never deleted ([`crate::atomic::set_aside`]),
//! written atomically, and merged on save with whatever another running
//! instance wrote since this one last read or wrote the file, the file as
//! this instance last saw it being the common base. Each kind of file says
//! what it is and how to merge through [`Kept`]; [`Tracked`] does the rest.

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
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(Error::io(path, e)),
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
                set_aside: Some(set_aside::<T>(path, &reason)?),
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

    /// Writes the value to `path` atomically, creating its folder, after
    /// merging what another instance wrote since this one last saw the
    /// file (see [`Kept::merge`]); a file found unreadable is set aside.
    /// There is no lock: two saves in the same instant can still lose one
    /// side's latest change, never the file.
    pub fn save(&mut self, path: &Path) -> Result<Saved> {
        let mut saved = Saved::default();
        match fs::read(path) {
            Ok(bytes) if self.hash != Some(blake3::hash(&bytes)) => match parse::<T>(&bytes) {
                Ok(theirs) => saved.merged = self.value.merge(&self.base, &theirs),
                Err(reason) => saved.set_aside = Some(set_aside::<T>(path, &reason)?),
            },
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let bytes = self.value.to_bytes()?;
        atomic::write(path, &bytes)?;
        self.base = self.value.clone();
        self.hash = Some(blake3::hash(&bytes));
        Ok(saved)
    }
}

/// Renames an unreadable file aside and returns the new path; an error,
/// naming the file, when it cannot be moved.
fn set_aside<T: Kept>(path: &Path, reason: &str) -> Result<PathBuf> {
    atomic::set_aside(path).map_err(|e| Error::StateUnreadable {
        what: T::WHAT,
        path: path.to_path_buf(),
        reason: format!(
            "{reason}; moving it aside failed: {}",
            crate::error::io_reason(&e)
        ),
    })
}

/// Pretty JSON and a line end, as every state file is written.
pub fn json_bytes<T: Kept>(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::InvalidInput(format!("{} cannot be written: {e}", T::WHAT)))?;
    bytes.push(b'\n');
    Ok(bytes)
}
