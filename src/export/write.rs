//! Writing an export where it was asked to go: stdout, a device, or a file
//! written atomically and never over one that exists without `--force`;
//! and the pair of files a pandoc export writes.

use super::{ExportMeta, PandocRefs, default_file_name, pandoc};
use crate::basket::Excerpt;
use crate::cite::Work;
use crate::{Error, Result};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Where [`write_output`] put the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Stdout,
    /// A regular file, replaced atomically.
    File(PathBuf),
    /// A device, FIFO or socket, written directly.
    Device(PathBuf),
}

/// Writes an export: `-` is stdout; a device or FIFO is written directly; a
/// regular file is written atomically, and an existing one only with `force`
/// ([`Error::Exists`] otherwise, the file untouched). A symbolic link counts
/// as existing even when it leads nowhere, and is written through: the file
/// it leads to is written, and the link stays. A folder that does not exist
/// is [`Error::NoFolder`], naming it; one that takes no new file is
/// [`Error::CannotWrite`]. `extension` is the format's, for the file name
/// suggested when `target` is a folder.
pub fn write_output(target: &str, bytes: &[u8], force: bool, extension: &str) -> Result<Written> {
    let path = Path::new(target);
    if target == "-" {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        lock.write_all(bytes)
            .and_then(|()| lock.flush())
            .map_err(|e| Error::io("stdout", e))?;
        return Ok(Written::Stdout);
    }
    if crate::atomic::is_special(path) {
        crate::atomic::write(path, bytes)?;
        return Ok(Written::Device(path.to_path_buf()));
    }
    let file = check_output(target, force, extension)?;
    // Without `force`, the file must still be new when it is written: two
    // exports to one name at once must not both succeed.
    let written = if force {
        crate::atomic::write(&file, bytes)
    } else {
        crate::atomic::write_new(&file, bytes)
    };
    written.map_err(|e| {
        let reason = match &e {
            Error::Io { source, .. } => refused(source),
            _ => None,
        };
        match reason {
            Some(reason) => Error::CannotWrite {
                path: file.clone(),
                reason: reason.to_string(),
            },
            None => e,
        }
    })?;
    Ok(Written::File(path.to_path_buf()))
}

/// Whether [`write_output`] would write a regular file at `target` (not
/// stdout, not a device), checked without writing anything: the file it
/// would write (where links lead), or the error it would give. An export
/// of two files checks both before writing either.
pub fn check_output(target: &str, force: bool, extension: &str) -> Result<PathBuf> {
    let path = Path::new(target);
    if std::fs::metadata(path).is_ok_and(|meta| meta.is_dir()) {
        return Err(Error::InvalidInput(format!(
            "{}: is a folder; name a file to write, such as {}",
            path.display(),
            path.join(default_file_name(&crate::date::today()))
                .with_extension(extension)
                .display()
        )));
    }
    // `out/` names a folder; one that is not there is not a file name.
    if target.ends_with(['/', std::path::MAIN_SEPARATOR]) {
        return Err(Error::NoFolder {
            path: path.to_path_buf(),
        });
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    // The atomic write replaces what it writes, so a link is written where
    // it leads rather than replaced by a file.
    let file = through_links(path)?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::NoFolder {
            path: dir.to_path_buf(),
        });
    }
    Ok(file)
}

/// Writes a pandoc export ([`pandoc`]) to `target` as [`write_output`]
/// does. To a regular file, its works go in a bibliography file beside it
/// (`NAME.json` or `NAME.bib`, as `bibliography` says) that the front
/// matter names, under the same rules: both are checked before either is
/// written, so an existing one without `force` ([`Error::Exists`], naming
/// it) leaves both untouched. To stdout or a device, the works are in the
/// front matter. Returns where the document went and the bibliography
/// file, if one was written.
pub fn write_pandoc(
    target: &str,
    excerpts: &[Excerpt],
    meta: &ExportMeta,
    works: &[Work],
    bibliography: crate::cite::RefFormat,
    force: bool,
) -> Result<(Written, Option<PathBuf>)> {
    if target == "-" || crate::atomic::is_special(Path::new(target)) {
        let text = pandoc(excerpts, meta, works, PandocRefs::Inline);
        return Ok((write_output(target, text.as_bytes(), force, "md")?, None));
    }
    let bib_path = Path::new(target).with_extension(bibliography.extension());
    let (Some(bib), Some(bib_name)) = (
        bib_path.to_str(),
        bib_path.file_name().and_then(|n| n.to_str()),
    ) else {
        return Err(Error::InvalidInput(format!(
            "{target}: name a markdown file, such as excerpts.md"
        )));
    };
    if bib == target {
        return Err(Error::InvalidInput(format!(
            "{target}: the bibliography beside it would have the same name; name the export NAME.md"
        )));
    }
    check_output(target, force, "md")?;
    check_output(bib, force, bibliography.extension())?;
    let text = pandoc(excerpts, meta, works, PandocRefs::File(bib_name));
    // For pandoc's citeproc, which reads "et al." from CSL-JSON as it
    // writes it.
    let references = match bibliography {
        crate::cite::RefFormat::CslJson => crate::cite::csl_json_for_pandoc(works),
        other => other.render(works),
    };
    write_output(bib, references.as_bytes(), force, bibliography.extension())?;
    // Neither is written unless both can be: the bibliography written just
    // now goes again if the export's name was taken meanwhile.
    let written = write_output(target, text.as_bytes(), force, "md").inspect_err(|_| {
        if !force {
            let _ = std::fs::remove_file(&bib_path);
        }
    })?;
    Ok((written, Some(bib_path)))
}

/// Where `path` leads once symbolic links are followed (the link's own target
/// and any link that leads on from it), whether or not a file is there yet;
/// `path` itself when it is no link.
fn through_links(path: &Path) -> Result<PathBuf> {
    let mut file = path.to_path_buf();
    // As many links as Linux follows before giving up.
    for _ in 0..40 {
        let Ok(to) = std::fs::read_link(&file) else {
            return Ok(file);
        };
        // A relative target is relative to the link's folder.
        file = match file.parent() {
            Some(dir) => dir.join(to),
            None => to,
        };
    }
    Err(Error::InvalidInput(format!(
        "{}: a symbolic link that leads round in a loop; choose another place to write",
        path.display()
    )))
}

/// Why a folder that exists would not take a new file, in words, if that is
/// what `e` says (`/proc`, for one, answers "not found").
fn refused(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => Some("permission denied"),
        std::io::ErrorKind::ReadOnlyFilesystem => Some("read-only file system"),
        std::io::ErrorKind::NotFound => Some("the folder takes no new files"),
        _ => None,
    }
}
