//! Relaxing a query that no passage matches whole: which of its words to drop.

use super::compile::{Compiled, combine};
use super::{Filters, Index};
use crate::Result;
use tantivy::collector::Count;
use tantivy::query::Query;

impl Index {
    /// Finds the largest set of the query's words that some passage has all of:
    /// stop words go first, then as few words as possible, preferring to drop
    /// the commonest (the rarest words carry the meaning).
    #[allow(clippy::type_complexity)]
    pub(super) fn relax(
        &self,
        clauses: &[&Compiled],
        searcher: &tantivy::Searcher,
        filters: &Filters,
    ) -> Result<Option<(Box<dyn Query>, Vec<String>)>> {
        let positives: Vec<usize> = (0..clauses.len())
            .filter(|&i| clauses[i].text && !clauses[i].negated)
            .collect();
        let mut df = vec![0usize; clauses.len()];
        for &i in &positives {
            df[i] = searcher.search(&*clauses[i].query, &Count)?;
        }
        // A set of kept words, with every field, exclusion and filter applied.
        let with_base = |keep: &[usize]| -> Box<dyn Query> {
            let kept: Vec<&Compiled> = (0..clauses.len())
                .filter(|i| !positives.contains(i) || keep.contains(i))
                .map(|i| clauses[i])
                .collect();
            combine(&kept)
        };
        let run = |keep: &[usize]| -> Result<(Box<dyn Query>, bool)> {
            let q = with_base(keep);
            let filtered = self.with_filters(q.box_clone(), filters);
            let found = searcher.search(&*filtered, &Count)? > 0;
            Ok((q, found))
        };
        let labels = |keep: &[usize]| -> Vec<String> {
            positives
                .iter()
                .filter(|i| !keep.contains(i))
                .map(|&i| clauses[i].label.clone())
                .collect()
        };
        // Words that match nothing, and stop words, are dropped first.
        let meaningful: Vec<usize> = positives
            .iter()
            .copied()
            .filter(|&i| df[i] > 0 && !is_stop_word(&clauses[i].label))
            .collect();
        let mut candidates = if meaningful.is_empty() {
            positives.iter().copied().filter(|&i| df[i] > 0).collect()
        } else {
            meaningful
        };
        if candidates.is_empty() {
            return Ok(None);
        }
        let (q, found) = run(&candidates)?;
        if found {
            return Ok(Some((q, labels(&candidates))));
        }
        // Rarest first, so that ties in size keep the rarest words.
        candidates.sort_by_key(|&i| (df[i], i));
        if candidates.len() <= 12 {
            for size in (1..candidates.len()).rev() {
                let best =
                    self.rarest_matching(&candidates, size, &df, searcher, filters, |keep| {
                        with_base(keep)
                    })?;
                if let Some(keep) = best {
                    let (q, found) = run(&keep)?;
                    if found {
                        return Ok(Some((q, labels(&keep))));
                    }
                }
            }
            return Ok(None);
        }
        // Many words: drop the commonest one at a time.
        let mut keep = candidates.clone();
        while keep.len() > 1 {
            keep.pop();
            let (q, found) = run(&keep)?;
            if found {
                return Ok(Some((q, labels(&keep))));
            }
        }
        Ok(None)
    }

    /// Of the sets of `size` candidate words that some passage (within the
    /// filters) has all of, the one whose words are rarest in total. Every
    /// set is tried: with at most 12 words that is at most 924 counts, each a
    /// few microseconds.
    fn rarest_matching(
        &self,
        candidates: &[usize],
        size: usize,
        df: &[usize],
        searcher: &tantivy::Searcher,
        filters: &Filters,
        with_base: impl Fn(&[usize]) -> Box<dyn Query>,
    ) -> Result<Option<Vec<usize>>> {
        let n = candidates.len();
        let mut best: Option<(usize, Vec<usize>)> = None;
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let keep: Vec<usize> = (0..n)
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| candidates[b])
                .collect();
            let weight: usize = keep.iter().map(|&i| df[i]).sum();
            if best.as_ref().is_some_and(|(w, _)| *w <= weight) {
                continue;
            }
            let q = self.with_filters(with_base(&keep), filters);
            if searcher.search(&*q, &Count)? > 0 {
                best = Some((weight, keep));
            }
        }
        Ok(best.map(|(_, keep)| keep))
    }
}

/// Common English words that carry little meaning in a question.
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "during", "each", "few", "find", "finds", "for", "found", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "me", "more", "most", "my", "no", "nor", "not", "of", "off",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "say", "says", "she",
    "should", "show", "shows", "so", "some", "such", "tell", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your",
];

pub(super) fn is_stop_word(label: &str) -> bool {
    let lower = label.to_lowercase();
    STOP_WORDS.contains(&lower.as_str())
}
