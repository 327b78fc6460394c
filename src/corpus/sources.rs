//! Imported reports whose source document changed since it was imported:
//! the report still holds what the document said then, and a researcher
//! who edited or replaced the document should hear that its text and
//! details are not read again until it is imported again. `check` warns.

use super::{Corpus, CorpusSource, Problem};
use std::path::Path;

/// A warning for each imported report whose source file, where it is
/// recorded and still readable, no longer has the content it was imported
/// from (its recorded `source_hash`). A source that is gone or cannot be
/// read says nothing: documents are moved and archived.
pub fn changed_sources(corpus: &Corpus, source: &CorpusSource) -> Vec<Problem> {
    let CorpusSource::Folder { shown, .. } = source else {
        return Vec::new();
    };
    let mut changed: Vec<(String, String)> = super::import::imported_sources(shown, corpus)
        .into_iter()
        .filter_map(|(hash, (id, file))| {
            let file = file?;
            let bytes = std::fs::read(Path::new(&file)).ok()?;
            (super::source_hash(&bytes) != hash).then_some((id, file))
        })
        .collect();
    changed.sort();
    changed
        .into_iter()
        .filter_map(|(id, file)| {
            let report = corpus.report(&id)?;
            Some(Problem::warning(
                shown.join(&report.path),
                0,
                format!(
                    "its source document {file} changed since it was imported: the report \
                     still holds what it said then; `evidence import {} --into {} --force` \
                     reads it again (passages keep their ids; a file corrected by hand is kept beside it)",
                    super::shell_word(&file),
                    super::shell_word(&shown.display().to_string())
                ),
            ))
        })
        .collect()
}
