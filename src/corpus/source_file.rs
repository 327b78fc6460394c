//! How an imported report records the file it was imported from
//! (`source_file` in its front matter): relative to the corpus folder, so
//! that the record stays true when the project (corpus folder and sources
//! beside it) is moved, shared, or imported into from another folder.

use std::path::{Component, Path, PathBuf};

/// `source` as the report in the corpus folder `into` records it: relative
/// to `into` (`../sources/report.pdf`) when the two share a folder below
/// the root, else the absolute path; as given when neither can be made
/// absolute. Links are followed, as the system follows them when it reads
/// `..` from the corpus folder (a corpus folder that is a link to another
/// place finds its sources from there).
pub fn recorded(source: &Path, into: &Path) -> String {
    let shown = |p: &Path| p.to_string_lossy().into_owned();
    let (Some(source_abs), Some(into_abs)) = (resolved(source), resolved(into)) else {
        return shown(source);
    };
    match relative(&source_abs, &into_abs) {
        Some(rel) => shown(&rel),
        None => shown(&source_abs),
    }
}

/// A recorded `source_file` as a path from the current folder, for a
/// message: the corpus folder `into` joined to it, `..` taken out as
/// written (`corpus` and `../sources/a.pdf` make `sources/a.pdf`); an
/// absolute one as it is, and one that earlier versions recorded from the
/// folder import ran in (no `..`, and there from here) as it is.
pub fn from_here(into: &Path, recorded: &str) -> String {
    let path = Path::new(recorded);
    let new_style = matches!(path.components().next(), Some(Component::ParentDir));
    if !new_style && path.is_relative() && path.exists() {
        return recorded.to_string();
    }
    let joined = into.join(recorded);
    let mut out: Vec<Component> = Vec::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let path: PathBuf = out.iter().collect();
    if path.as_os_str().is_empty() {
        ".".to_string()
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// `path` with its links resolved, also when it does not exist yet
/// (`import --into` makes the folder): its nearest existing ancestor
/// resolved, with the rest after it as written.
fn resolved(path: &Path) -> Option<PathBuf> {
    let abs = absolute(path)?;
    let mut rest = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(found) = at.canonicalize() {
            return Some(rest.iter().rev().fold(found, |p, part| p.join(part)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// `path` made absolute from the current folder, with `.` and `..` taken
/// out as written (a folder not made yet is fine: `import --into` makes it).
fn absolute(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// `target` relative to the folder `base`, both absolute; `None` when they
/// share nothing below the root (another drive, or `/tmp` and `/home`),
/// where a path full of `..` would say less than the absolute one.
fn relative(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let below_root = t[..common]
        .iter()
        .filter(|c| matches!(c, Component::Normal(_)))
        .count();
    if below_root == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for part in &t[common..] {
        out.push(part);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_source_beside_the_corpus_is_recorded_from_the_corpus_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("project/sources")).unwrap();
        std::fs::create_dir_all(root.join("project/corpus")).unwrap();
        std::fs::write(root.join("project/sources/a.pdf"), b"x").unwrap();
        let source = root.join("project/sources/a.pdf");
        assert_eq!(
            recorded(&source, &root.join("project/corpus")),
            "../sources/a.pdf"
        );
        // A corpus folder import is about to make.
        assert_eq!(
            recorded(&source, &root.join("project/new/corpus")),
            "../../sources/a.pdf"
        );
        // Inside the corpus folder.
        assert_eq!(recorded(&source, &root.join("project")), "sources/a.pdf");
    }

    #[test]
    fn a_record_is_shown_from_the_current_folder() {
        assert_eq!(
            from_here(Path::new("corpus"), "../sources/a.pdf"),
            "sources/a.pdf"
        );
        assert_eq!(
            from_here(Path::new("."), "../sources/a.pdf"),
            "../sources/a.pdf"
        );
        assert_eq!(from_here(Path::new("p/corpus"), "a.pdf"), "p/corpus/a.pdf");
        assert_eq!(from_here(Path::new("corpus"), "/abs/a.pdf"), "/abs/a.pdf");
    }

    #[test]
    fn paths_sharing_only_the_root_stay_absolute() {
        assert_eq!(
            relative(Path::new("/tmp/a.pdf"), Path::new("/home/me/corpus")),
            None
        );
        assert_eq!(
            relative(Path::new("/home/me/s/a.pdf"), Path::new("/home/me/corpus")),
            Some(PathBuf::from("../s/a.pdf"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_corpus_folder_that_is_a_link_finds_its_sources_from_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("real/corpus")).unwrap();
        std::fs::create_dir_all(root.join("proj/sources")).unwrap();
        std::fs::write(root.join("proj/sources/a.md"), b"x").unwrap();
        std::os::unix::fs::symlink(root.join("real/corpus"), root.join("proj/corpus")).unwrap();
        let kept = recorded(&root.join("proj/sources/a.md"), &root.join("proj/corpus"));
        assert_eq!(kept, "../../proj/sources/a.md");
        // The system reads it from the corpus folder and finds the file.
        assert!(root.join("proj/corpus").join(&kept).is_file());
        // Written with `.` and `..`, the same.
        assert_eq!(
            recorded(
                &root.join("proj/./x/../sources/a.md"),
                &root.join("proj/corpus")
            ),
            kept
        );
    }
}
