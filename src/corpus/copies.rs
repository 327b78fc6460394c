//! Reports that are copies of one another: the same passages under two
//! ids, which every search would list twice and every count would count
//! twice. `check` warns of them; import refuses to make one (unless told).

use super::{Corpus, CorpusSource, Problem};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// A warning for each report whose passages are, word for word and in the
/// same order, those of a report before it in the corpus (a file copied by
/// hand under another name, or imported twice with `--force`).
pub fn copied_reports(corpus: &Corpus, source: &CorpusSource) -> Vec<Problem> {
    let mut first: HashMap<blake3::Hash, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (i, report) in corpus.reports.iter().enumerate() {
        if report.passages.is_empty() {
            continue;
        }
        let mut text = blake3::Hasher::new();
        for p in report.passages.iter() {
            text.update(p.text.as_bytes());
            text.update(b"\0");
        }
        match first.entry(text.finalize()) {
            Entry::Occupied(e) => {
                let original = &corpus.reports[*e.get()];
                problems.push(Problem::warning(
                    source.shown().join(&report.path),
                    0,
                    format!(
                        "report `{}` has the same passages as `{}` ({}): searches list \
                         each of them twice; remove one of the two files",
                        report.id,
                        original.id,
                        source.shown().join(&original.path).display()
                    ),
                ));
            }
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    problems
}
