//! How far apart two words are in spelling (edits of one letter, a swap
//! of two neighbours counting as one), for a misspelling's corrections and
//! for "did you mean" in the corpus's checks. Nothing here knows the index.

/// Rows and letters reused from one term to the next: a typo's scan of the
/// term dictionary measures tens of thousands of terms, and four
/// allocations for each cost more than the measuring.
#[derive(Default)]
pub struct Distance {
    b: Vec<char>,
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Distance {
    /// The optimal string alignment distance between `a` and `b` (a swap of
    /// two neighbours counts as one edit), if it is at most `max`.
    pub fn within(&mut self, a: &[char], b: &str, max: usize) -> Option<usize> {
        self.b.clear();
        self.b.extend(b.chars());
        let b = &self.b;
        let (n, m) = (a.len(), b.len());
        let (prev2, prev, cur) = (&mut self.prev2, &mut self.prev, &mut self.cur);
        prev2.clear();
        prev2.resize(m + 1, 0);
        prev.clear();
        prev.extend(0..=m);
        cur.clear();
        cur.resize(m + 1, 0);
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
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        (prev[m] <= max).then_some(prev[m])
    }
}

/// The one of `candidates` closest in spelling to `word`, if one is within
/// `max` edits (the first of the closest, when two are as close).
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let mut distance = Distance::default();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if let Some(d) = distance.within(&word, c, max)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The one of `candidates` a refused id most likely meant: spelt closest
/// to `word` (whatever its case) within two edits, or one for a word of
/// four letters or fewer.
pub fn close_to<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let max = if word.chars().count() <= 4 { 1 } else { 2 };
    closest(&word.to_lowercase(), candidates, max)
}

/// [`close_to`]'s candidate when it is a slip in writing the same name,
/// not another work's: its numbers (a year, an edition) are the same, and
/// it is not the same name with another letter after its year
/// (`smith2019a` and `smith2019b` are two works). For a citation key or
/// report id the reader did not find, before calling it a typo.
pub fn slip_of<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let near = close_to(word, candidates)?;
    let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    let lettered = |s: &str| {
        let mut rev = s.chars().rev();
        rev.next().is_some_and(char::is_alphabetic)
            && rev.next().is_some_and(|c| c.is_ascii_digit())
    };
    let stem = |s: &str| {
        let mut chars = s.chars();
        chars.next_back();
        chars.as_str().to_lowercase()
    };
    let suffix_only = lettered(word) && lettered(near) && stem(word) == stem(near);
    (digits(word) == digits(near) && !suffix_only).then_some(near)
}

/// The ids of `candidates` that have every word of `id` (its parts
/// between hyphens, of two letters or more), each as the start of one of
/// theirs: an id guessed from a title's words (`nhs-mergers` for
/// `nhs-trust-mergers`, `state-of-care` for `state-of-care-2013-14`), too
/// far for a slip.
pub fn with_its_words<'a>(id: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let id = id.to_lowercase();
    let parts: Vec<&str> = id.split('-').filter(|p| p.len() >= 2).collect();
    if parts.is_empty() {
        return Vec::new();
    }
    candidates
        .into_iter()
        .filter(|candidate| {
            parts
                .iter()
                .all(|p| candidate.split('-').any(|w| w.starts_with(p)))
        })
        .collect()
}

/// " (did you mean `x`?)" for [`close_to`]'s candidate, else the one id
/// that has all the refused one's words (see [`with_its_words`]), or
/// nothing: the hint a refused id carries.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    close_to(word, candidates.iter().copied())
        .or_else(
            || match with_its_words(word, candidates.iter().copied()).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
        )
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_keeps_the_numbers_and_the_letter_after_a_year() {
        let keys = [
            "ellison2019regional",
            "kf2014improving",
            "smith2019a",
            "nhs-trust-mergers",
            "state-of-care-2013-14",
        ];
        assert_eq!(
            slip_of("elison2019regional", keys),
            Some("ellison2019regional")
        );
        assert_eq!(slip_of("nhs-trust-mergr", keys), Some("nhs-trust-mergers"));
        assert_eq!(slip_of("kf2016improving", keys), None);
        assert_eq!(slip_of("smith2019b", keys), None);
        assert_eq!(slip_of("state-of-care-2012-13", keys), None);
    }
}
