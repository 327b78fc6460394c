//! A corpus folder's own workspace: the id file the program keeps in the
//! folder, and finding the workspace by it, so that the workspace follows
//! the folder when it is moved or renamed (and a copy of the folder gets a
//! workspace of its own). A folder that cannot be written keeps no id file
//! and is known by its path alone.

use super::{CorpusRef, Kind, Record, Store, Workspace};
use crate::atomic;
use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The id file in a corpus folder. Its name starts with a dot, so the
/// folder's reading, watching and checking never see it.
pub const ID_FILE: &str = ".evidence-workspace";

/// What the id file of a folder holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum IdFile {
    Missing,
    Id(String),
    /// It is there but is no id file (or cannot be read), and why.
    Bad(String),
}

/// Reads the id file of the folder at `root`.
pub(super) fn read_id(root: &Path) -> IdFile {
    let path = root.join(ID_FILE);
    let text = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return IdFile::Missing,
        Err(e) => return IdFile::Bad(crate::error::io_reason(&e)),
    };
    let text = String::from_utf8_lossy(&text);
    let id = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix("id"))
        .and_then(|rest| rest.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"'));
    match id {
        Some(id) if is_id(id) => IdFile::Id(id.to_string()),
        Some(_) => IdFile::Bad("its id is not one this program writes".to_string()),
        None => IdFile::Bad("it has no `id = \"…\"` line".to_string()),
    }
}

/// Whether `id` looks like an id this program writes: hexadecimal digits,
/// 16 to 64 of them.
fn is_id(id: &str) -> bool {
    (16..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Writes the id file of the folder at `root` (atomically).
pub(super) fn write_id(root: &Path, id: &str) -> Result<()> {
    let text = format!(
        "# evidence: this corpus folder's workspace (its basket) is found by this id,\n\
         # wherever the folder is moved. Keep the file with the folder.\n\
         id = \"{id}\"\n"
    );
    atomic::write(&root.join(ID_FILE), text.as_bytes())
}

/// A new id for the folder at `root`: 32 hexadecimal digits hashed from
/// its path, the time and the process, unique in practice without a
/// random-number crate.
pub(super) fn new_id(root: &Path) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut h = blake3::Hasher::new();
    h.update(root.as_os_str().as_encoded_bytes());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.update(&nanos.to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(&COUNT.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.finalize().to_hex()[..32].to_string()
}

/// The folder at `root` as excerpts collected from it remember it, with its
/// id when it has one.
pub(super) fn known_ref(root: &Path) -> CorpusRef {
    CorpusRef::Folder {
        id: match read_id(root) {
            IdFile::Id(id) => Some(id),
            _ => None,
        },
        path: root.to_path_buf(),
    }
}

/// The folder at `root` as a named workspace's excerpts remember it: as
/// [`known_ref`], but a folder without an id file that no workspace knows
/// is given a new one first, so that what is collected from it follows the
/// folder when it is moved, as its own workspace's excerpts do. A folder a
/// workspace knows by its path (its own, whose id file was lost, or another
/// folder's that was moved away) is left to [`open`], which knows which.
pub(super) fn named_ref(store: &Store, root: &Path) -> Result<CorpusRef> {
    if read_id(root) == IdFile::Missing && by_path(&store.records()?, root).is_none() {
        // A folder that cannot be written is known by its path alone.
        let _ = write_id(root, &new_id(root));
    }
    Ok(known_ref(root))
}

/// Whether a corpus is where it was last seen: the bundled corpus always; a
/// folder when it is there with the same id file (or, known by its path
/// alone, when it is there).
pub(super) fn found(corpus: &CorpusRef) -> bool {
    match corpus {
        CorpusRef::Bundled => true,
        CorpusRef::Folder { id, path } => {
            path.is_dir()
                && match (id, read_id(path)) {
                    (Some(id), IdFile::Id(there)) => *id == there,
                    // Its id file gone: opening the folder finds the
                    // workspace by its path and writes the file again.
                    (_, IdFile::Missing) => true,
                    (None, _) => true,
                    (Some(_), IdFile::Bad(_)) => false,
                }
        }
    }
}

/// The corpus workspace of the folder at `root` among `records`: by the id
/// in its id file, else by its path.
pub(super) fn find<'a>(
    records: &'a [(PathBuf, Record)],
    root: &Path,
) -> Option<&'a (PathBuf, Record)> {
    match read_id(root) {
        IdFile::Id(id) => by_id(records, &id),
        _ => by_path(records, root),
    }
}

fn by_id<'a>(records: &'a [(PathBuf, Record)], id: &str) -> Option<&'a (PathBuf, Record)> {
    records.iter().find(|(_, r)| {
        r.kind == Kind::Corpus
            && matches!(&r.corpus, Some(CorpusRef::Folder { id: Some(x), .. }) if x == id)
    })
}

fn by_path<'a>(records: &'a [(PathBuf, Record)], root: &Path) -> Option<&'a (PathBuf, Record)> {
    records.iter().find(|(_, r)| {
        r.kind == Kind::Corpus
            && matches!(&r.corpus, Some(CorpusRef::Folder { path, .. }) if path == root)
    })
}

/// Opens the workspace of the corpus folder at `root` (its canonical path):
/// the one its id file names, followed to where the folder now is; for a
/// copy of a folder whose original is still where it was, a new one; for a
/// folder without an id file, the one recorded at its path, or a new one.
/// The folder is given its id file when it has none (unless it cannot be
/// written). Returns the workspace and the folder as excerpts remember it.
pub(super) fn open(
    store: &Store,
    root: &Path,
    notes: &mut Vec<String>,
) -> Result<(Workspace, CorpusRef)> {
    let records = store.records()?;
    let id = match read_id(root) {
        IdFile::Id(id) => Some(id),
        IdFile::Missing => None,
        IdFile::Bad(why) => {
            let path = root.join(ID_FILE);
            let aside = atomic::set_aside(&path).map_err(|e| Error::io(&path, e))?;
            notes.push(format!(
                "{} could not be read ({why}); it was kept as {}",
                path.display(),
                aside.display()
            ));
            None
        }
    };
    let Some(id) = id else {
        return match by_path(&records, root) {
            Some((dir, record)) => {
                let mut workspace = Workspace::of(dir.clone(), record.clone());
                let known = match &record.corpus {
                    Some(CorpusRef::Folder { id: Some(id), .. }) => id.clone(),
                    _ => new_id(root),
                };
                let id = write_id(root, &known).ok().map(|()| known);
                let corpus = CorpusRef::Folder {
                    id,
                    path: root.to_path_buf(),
                };
                if workspace.corpus.as_ref() != Some(&corpus) {
                    workspace.corpus = Some(corpus.clone());
                    store.write_record(&workspace)?;
                }
                Ok((workspace, corpus))
            }
            None => make(store, root, None, notes),
        };
    };
    let Some((dir, record)) = by_id(&records, &id) else {
        // An id no workspace here knows: a folder from another data folder
        // or machine. It keeps its id, and takes the workspace files that
        // came with it, copied without their record (see
        // [`Store::unrecorded`]).
        if let Some(name) = store.unrecorded(root) {
            let corpus = CorpusRef::Folder {
                id: Some(id),
                path: root.to_path_buf(),
            };
            let workspace = store.ensure(&name, Kind::Corpus, &corpus, notes)?;
            notes.push(format!(
                "this corpus folder {} {} as its workspace, {name}",
                super::TAKES_FILES,
                workspace.dir.display()
            ));
            return Ok((workspace, corpus));
        }
        return make(store, root, Some(id), notes);
    };
    let mut workspace = Workspace::of(dir.clone(), record.clone());
    let corpus = CorpusRef::Folder {
        id: Some(id.clone()),
        path: root.to_path_buf(),
    };
    let before = match &record.corpus {
        Some(CorpusRef::Folder { path, .. }) => path.clone(),
        _ => PathBuf::new(),
    };
    if before == root {
        return Ok((workspace, corpus));
    }
    let copy = before.is_dir()
        && fs::canonicalize(&before).is_ok_and(|b| b != root)
        && read_id(&before) == IdFile::Id(id.clone());
    if copy {
        let original = workspace.name.clone();
        let made = make(store, root, None, &mut Vec::new())?;
        notes.push(format!(
            "this folder is a copy of {}, whose workspace is {original}: the copy has a workspace of its own, {}",
            before.display(),
            made.0.name
        ));
        return Ok(made);
    }
    workspace.corpus = Some(corpus.clone());
    store.write_record(&workspace)?;
    notes.push(format!(
        "the workspace {} follows its corpus folder, moved from {}",
        workspace.name,
        before.display()
    ));
    Ok((workspace, corpus))
}

/// A new workspace for the folder at `root`, named after it, with `id` (or
/// a new one) written to its id file; a folder that cannot be written is
/// known by its path alone, with a note.
fn make(
    store: &Store,
    root: &Path,
    id: Option<String>,
    notes: &mut Vec<String>,
) -> Result<(Workspace, CorpusRef)> {
    let id = id.unwrap_or_else(|| new_id(root));
    let id = match write_id(root, &id) {
        Ok(()) => Some(id),
        Err(e) => {
            notes.push(format!(
                "the corpus folder cannot be written ({e}), so its workspace knows it by its path and will not follow it if it is moved"
            ));
            None
        }
    };
    let corpus = CorpusRef::Folder {
        id,
        path: root.to_path_buf(),
    };
    let name = store.free_name(root);
    let workspace = store.ensure(&name, Kind::Corpus, &corpus, notes)?;
    notes.push(format!(
        "this corpus folder has a new workspace, {}",
        workspace.name
    ));
    Ok((workspace, corpus))
}
