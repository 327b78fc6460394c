//! How an imported report records the file it was imported from
//! (`source_file` in its front matter): relative to the corpus folder, so
//! that the record stays true when the project (corpus folder and sources
//! beside it) is moved, shared, or imported into from another folder.

use std::path::{Component, Path, PathBuf};

/// `source` as the report in the corpus folder `into` records it: relative
/// to `into` (`../sources/report.pdf`) when the two share a folder below
/// the root, else the absolute path; as given when neither can be resolved.
pub fn recorded(source: &Path, into: &Path) -> String {
    let shown = |p: &Path| p.to_string_lossy().into_owned();
    let (Ok(source_abs), Some(into_abs)) = (source.canonicalize(), resolve(into)) else {
        return shown(source);
    };
    match relative(&source_abs, &into_abs) {
        Some(rel) => shown(&rel),
        None => shown(&source_abs),
    }
}

/// `dir` made absolute and canonical, also when it does not exist yet
/// (`import --into` makes it): its nearest existing ancestor canonical,
/// with the rest of it after.
fn resolve(dir: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut at = dir.to_path_buf();
    if at.as_os_str().is_empty() {
        at = PathBuf::from(".");
    }
    loop {
        if let Ok(found) = at.canonicalize() {
            let mut out = found;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        let name = at.file_name()?.to_os_string();
        rest.push(name);
        at = match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
    }
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

    #[test]
    fn a_file_that_cannot_be_resolved_is_recorded_as_given() {
        assert_eq!(
            recorded(Path::new("no/such/file.pdf"), Path::new("corpus")),
            "no/such/file.pdf"
        );
    }
}
