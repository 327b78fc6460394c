//! Writing files so that a crash never leaves half of one behind: regular files
//! are written to a temporary file in the same folder, synced, then renamed over
//! the target. Devices, pipes and `-` (stdout) are written directly. And
//! keeping a file the program cannot read under a new name beside it
//! ([`set_aside`]), rather than deleting or overwriting it.

use crate::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// True when `path` is something to write into directly rather than replace:
/// an existing character device, FIFO or socket.
pub fn is_special(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(meta) = fs::metadata(path) {
            let t = meta.file_type();
            return t.is_char_device() || t.is_fifo() || t.is_block_device() || t.is_socket();
        }
    }
    false
}

/// The start of a temporary file's name for `name`: `.NAME.tmp-`, with NAME cut
/// so that the whole stays within the usual 255-byte limit for a file name.
fn temp_stem(name: &str) -> String {
    let mut cut = name.len().min(200);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}.tmp-", &name[..cut])
}

/// Removes temporary files that a killed writer left behind: those of this
/// target whose process no longer runs (checked where /proc exists).
fn remove_abandoned(dir: &Path, stem: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file.strip_prefix(stem) else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if !alive && pid.bytes().all(|b| b.is_ascii_digit()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Renames a file that cannot be read as what it should be to
/// `NAME.unreadable-SECONDS` beside it (see [`rename_beside`]), and returns
/// the new path. Nothing is deleted or overwritten.
pub fn set_aside(path: &Path) -> std::io::Result<std::path::PathBuf> {
    rename_beside(path, "unreadable")
}

/// Renames a file to `NAME.TAG-SECONDS` beside it, with `-N` added when that
/// name is taken (so two in the same second each keep their own), and
/// returns the new path.
pub fn rename_beside(path: &Path, tag: &str) -> std::io::Result<std::path::PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut aside = path.with_file_name(format!("{name}.{tag}-{secs}"));
    let mut n = 1;
    while fs::symlink_metadata(&aside).is_ok() {
        aside = path.with_file_name(format!("{name}.{tag}-{secs}-{n}"));
        n += 1;
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// Writes `bytes` to `path` atomically (or directly, for a device or pipe).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_as(path, bytes, Place::Replace)
}

/// Writes `bytes` to `path` atomically only if nothing is there: the
/// check and the write are one step, so of two processes writing one new
/// file at once, one writes it and the other gets [`Error::Exists`]. (A
/// check before writing leaves a moment in which both find the name free.)
/// The finished file is linked in under its name, which fails if the name
/// is taken; where the file system has no hard links, it is checked and
/// renamed instead.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    write_as(path, bytes, Place::New)
}

/// How a finished temporary file takes its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Replace,
    New,
}

fn write_as(path: &Path, bytes: &[u8], place: Place) -> Result<()> {
    if is_special(path) {
        let mut f = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        f.write_all(bytes).map_err(|e| Error::io(path, e))?;
        return f.flush().map_err(|e| Error::io(path, e));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let stem = temp_stem(&name);
    remove_abandoned(dir, &stem);
    let tmp = dir.join(format!("{stem}{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match place {
            Place::Replace => fs::rename(&tmp, path)?,
            Place::New => match fs::hard_link(&tmp, path) {
                Ok(()) => fs::remove_file(&tmp)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
                // No hard links here (some shared and removable drives).
                Err(_) if fs::symlink_metadata(path).is_err() => fs::rename(&tmp, path)?,
                Err(_) => return Err(std::io::ErrorKind::AlreadyExists.into()),
            },
        }
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e: std::io::Error| {
        let _ = fs::remove_file(&tmp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Error::Exists {
                path: path.to_path_buf(),
            };
        }
        let target = if e.kind() == std::io::ErrorKind::NotFound && !dir.exists() {
            dir.to_path_buf()
        } else {
            path.to_path_buf()
        };
        Error::io(target, e)
    })
}
