//! The bundled corpus written out as files (`evidence init`): into a new
//! folder, never over a file there, or over the bundled files with each
//! one the user edited kept beside it (`--force`).

use super::listing::bundled_files;
use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Writes the bundled corpus into `dir` (created if missing), refusing to
/// overwrite any file already there. Returns the files written.
pub fn write_bundled(dir: &Path) -> Result<Vec<PathBuf>> {
    write_bundled_files(dir, None)
}

/// Writes the bundled corpus into `dir` as [`write_bundled`] does, replacing
/// the bundled files already there (`init --force`). No other file in the
/// folder is touched.
/// Returns the files written and, for each file there that differed from
/// the bundled one (the user's edits), the copy of it kept beside it
/// (`12-nhs-trust-mergers.md.2026-12-06.bak`, which is not read as a report).
pub fn write_bundled_over(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut kept = Vec::new();
    let written = write_bundled_files(dir, Some(&mut kept))?;
    Ok((written, kept))
}

/// Writes the bundled files; with `kept`, over those there, each that
/// differs kept first and its copy pushed to `kept`.
fn write_bundled_files(dir: &Path, mut kept: Option<&mut Vec<PathBuf>>) -> Result<Vec<PathBuf>> {
    let replace = kept.is_some();
    // A file where the folder, or a folder above it, should be: the system
    // would only say "File exists" or "Not a directory".
    if let Some(file) = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir()))
    {
        return Err(Error::InvalidInput(format!(
            "{}: is a file, not a folder; name a folder to write the corpus into",
            file.display()
        )));
    }
    let files = bundled_files();
    // Everything is checked before anything is written.
    for (rel, _) in &files {
        let target = dir.join(rel);
        // A dangling link counts as a file there.
        if fs::symlink_metadata(&target).is_err() {
            continue;
        }
        if !replace {
            return Err(Error::Exists { path: target });
        }
        if target.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{}: is a folder; --force replaces files only",
                target.display()
            )));
        }
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let target = dir.join(&rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        if let Some(kept) = kept.as_deref_mut()
            && let Ok(old) = fs::read(&target)
            && old != bytes
        {
            let backup = super::import::backup_path(&target, &crate::date::today());
            crate::atomic::write(&backup, &old)?;
            kept.push(backup);
        }
        crate::atomic::write(&target, bytes)?;
        written.push(target);
    }
    Ok(written)
}
