//! Expanding a word the index does not have: its near spellings (a bounded
//! edit distance over the term dictionary) and, for `prefix*`, the words that
//! start with it.

use super::Index;

impl Index {
    /// Indexed plain words within `distance` edits of `word`.
    pub(super) fn fuzzy_terms(&self, word: &str, distance: u8) -> Vec<String> {
        // A plain scan of the term dictionary with a bounded edit distance:
        // building tantivy's Levenshtein automaton for two edits costs more
        // (a few hundred milliseconds per process) than scanning every term.
        let target: Vec<char> = word.chars().collect();
        let max = usize::from(distance);
        let mut found: Vec<(usize, String)> = Vec::new();
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(s) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let len = s.chars().count();
                if len.abs_diff(target.len()) > max {
                    continue;
                }
                if let Some(d) = edit_distance_within(&target, s, max)
                    && d > 0
                    && !found.iter().any(|(_, f)| f == s)
                {
                    found.push((d, s.to_string()));
                }
            }
        }
        found.sort();
        found.truncate(20);
        found.into_iter().map(|(_, s)| s).collect()
    }

    /// Indexed plain words starting with `prefix` (at most `max`), and whether there were more.
    pub(super) fn prefix_terms(&self, prefix: &str, max: usize) -> (Vec<String>, bool) {
        let mut found: Vec<String> = Vec::new();
        let mut more = false;
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(s) = std::str::from_utf8(key)
                    && !found.iter().any(|f| f == s)
                {
                    if found.len() >= max {
                        more = true;
                        break;
                    }
                    found.push(s.to_string());
                }
            }
        }
        found.sort();
        (found, more)
    }
}

/// The edit distance between two words (insertions, deletions, substitutions
/// and swaps of neighbours each cost one), if it is at most `max`.
pub(super) fn edit_distance_within(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

#[cfg(test)]
mod tests {
    use super::edit_distance_within;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        edit_distance_within(&a.chars().collect::<Vec<_>>(), b, max)
    }

    #[test]
    fn edit_distances_count_swaps_as_one() {
        assert_eq!(d("bournmouth", "bournemouth", 2), Some(1));
        assert_eq!(d("credentail", "credential", 2), Some(1));
        assert_eq!(d("cheescake", "cheesecake", 1), Some(1));
        assert_eq!(d("merger", "merger", 1), Some(0));
        assert_eq!(d("merger", "margins", 1), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "ab", 2), Some(2));
    }
}
