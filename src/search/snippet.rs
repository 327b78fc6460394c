//! Highlights and snippets, computed over the same words the index saw.
//!
//! Highlight ranges are UTF-8 byte offsets into a passage's text. A snippet is a
//! run of whole sentences around the best-matching one; wherever it leaves text
//! out it says so with "…", so two unrelated sentences are never glued together.

use super::analysis::words;
use std::collections::HashSet;

/// The word forms a query matched: stems for plain words and phrases, plain
/// forms for prefix and typo matches; and the same as [`Unit`]s, phrases kept
/// whole, for the concordance (see [`super::kwic`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub stems: HashSet<String>,
    pub plains: HashSet<String>,
    /// Common words matched only where written in capitals (`IT`).
    pub shouted: HashSet<String>,
    pub units: Vec<Unit>,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.plains.is_empty() && self.shouted.is_empty()
    }

    /// Records a unit the query matched (once).
    pub(super) fn unit(&mut self, unit: Unit) {
        if !unit.words.is_empty() && !self.units.contains(&unit) {
            self.units.push(unit);
        }
    }
}

/// One word of a [`Unit`]: matched by its stem or by its plain form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Form {
    Stem(String),
    Plain(String),
    /// The plain form, written in capitals (see [`Terms::shouted`]).
    Shouted(String),
}

/// What a query looks for, whole: a word, or a phrase (its words in a row),
/// each word by its stem (every form of it) or its plain form (a typo's
/// correction, a prefix's word, an `=exact` word).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    pub words: Vec<Form>,
    /// For a synonym or acronym the query was expanded with: the query's own
    /// words it stands for.
    pub stands_for: Option<String>,
}

impl Unit {
    /// Stems in a row.
    pub(super) fn stems(stems: &[String], stands_for: Option<&str>) -> Self {
        Unit {
            words: stems.iter().cloned().map(Form::Stem).collect(),
            stands_for: stands_for.map(str::to_string),
        }
    }

    /// One common word written in capitals (see [`Terms::shouted`]).
    pub(super) fn shouted(word: &str) -> Self {
        Unit {
            words: vec![Form::Shouted(word.to_string())],
            stands_for: None,
        }
    }

    /// One plain word.
    pub(super) fn plain(word: &str) -> Self {
        Unit {
            words: vec![Form::Plain(word.to_string())],
            stands_for: None,
        }
    }
}

/// Byte ranges of the words in `text` that the query matched: its words,
/// and a phrase it was expanded with (`special measures`) where the phrase
/// stands whole (common words inside it, `quality of care`, not counted).
pub fn highlights(text: &str, terms: &Terms) -> Vec<(usize, usize)> {
    if terms.is_empty() && terms.units.is_empty() {
        return Vec::new();
    }
    let all = words(text);
    let mut out: Vec<(usize, usize)> = all
        .iter()
        .filter(|w| {
            terms.stems.contains(&w.stem)
                || terms.plains.contains(&w.plain)
                || terms.shouted.contains(&w.plain) && super::analysis::shouted_in(text, w)
        })
        .map(|w| (w.start, w.end))
        .collect();
    let telling: Vec<&super::analysis::Word> = all
        .iter()
        .filter(|w| !super::question::is_stop_word(&w.stem))
        .collect();
    for unit in terms
        .units
        .iter()
        .filter(|u| u.stands_for.is_some() && u.words.len() > 1)
    {
        let phrase: Vec<&str> = unit
            .words
            .iter()
            .filter_map(|f| match f {
                Form::Stem(s) if !super::question::is_stop_word(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        if phrase.len() < 2 {
            continue;
        }
        for run in telling.windows(phrase.len()) {
            if run.iter().zip(&phrase).all(|(w, p)| w.stem == *p) {
                out.push((run[0].start, run[phrase.len() - 1].end));
            }
        }
    }
    // In order, and a word inside a phrase found once.
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// `text` cut at the edges of some byte ranges: consecutive, non-empty byte
/// ranges that together cover the whole text, so that each piece lies wholly
/// inside or wholly outside every range. Ranges may overlap and come in any
/// order; an edge that is not a character boundary is not cut at. Drawing a
/// passage with highlights or emphasis (in a terminal or on the command line)
/// styles each piece by the ranges that cover it.
pub fn pieces(text: &str, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b) in ranges {
        cuts.extend([a, b].into_iter().filter(|&c| c < text.len()));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Whether a piece of text (from [`pieces`]) lies inside one of the ranges.
pub fn covered(piece: (usize, usize), ranges: &[(usize, usize)]) -> bool {
    ranges.iter().any(|&(a, b)| a <= piece.0 && piece.1 <= b)
}

/// A short extract of a passage with its highlights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// Splits text into sentences: byte ranges, each ending after its punctuation.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let after = chars.get(k + 2).map(|&(_, n)| n);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(n), Some(a)) if n.is_whitespace() => {
                a.is_uppercase() || a.is_ascii_digit() || matches!(a, '‘' | '“' | '"' | '\'')
            }
            _ => false,
        };
        if ends {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = chars.get(k + 2).map_or(text.len(), |&(j, _)| j);
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Picks the sentences around the best match, up to about `max_chars`.
pub fn snippet(text: &str, highlights: &[(usize, usize)], max_chars: usize) -> Snippet {
    let chars_in = |a: usize, b: usize| text[a..b].chars().count();
    if chars_in(0, text.len()) <= max_chars {
        return Snippet {
            text: text.to_string(),
            highlights: highlights.to_vec(),
        };
    }
    let sents = sentences(text);
    let hits_in =
        |&(a, b): &(usize, usize)| highlights.iter().filter(|h| h.0 >= a && h.1 <= b).count();
    let best = (0..sents.len())
        .max_by_key(|&i| (hits_in(&sents[i]), std::cmp::Reverse(i)))
        .unwrap_or(0);
    let (mut lo, mut hi) = (best, best);
    loop {
        let len = chars_in(sents[lo].0, sents[hi].1);
        let grow_next =
            hi + 1 < sents.len() && len + chars_in(sents[hi + 1].0, sents[hi + 1].1) < max_chars;
        let grow_prev = lo > 0 && len + chars_in(sents[lo - 1].0, sents[lo - 1].1) < max_chars;
        if grow_next {
            hi += 1;
        } else if grow_prev {
            lo -= 1;
        } else {
            break;
        }
    }
    let (mut from, mut to) = (sents[lo].0, sents[hi].1);
    // One long sentence: cut it around its first highlight, at word boundaries.
    if chars_in(from, to) > max_chars {
        let anchor = highlights
            .iter()
            .find(|h| h.0 >= from && h.1 <= to)
            .map_or(from, |h| h.0);
        let mut start = anchor;
        let mut budget = max_chars / 3;
        while start > from && budget > 0 {
            start = text[..start]
                .char_indices()
                .next_back()
                .map_or(from, |(i, _)| i);
            budget -= 1;
        }
        if start > from {
            start = text[start..anchor]
                .find(' ')
                .map_or(start, |i| start + i + 1);
        }
        let mut end = start;
        for (i, c) in text[start..to].char_indices().take(max_chars) {
            end = start + i + c.len_utf8();
        }
        if end < to {
            end = text[start..end].rfind(' ').map_or(end, |i| start + i);
        }
        from = start;
        to = end;
    }
    // Room left after whole sentences (a short one that matched, and a
    // next too long to fit): the next one's start, cut at a word, so that
    // the rows are filled and a match early in it is seen.
    if to == sents[hi].1 && hi + 1 < sents.len() {
        let room = max_chars.saturating_sub(chars_in(from, to) + 3);
        let (a, b) = sents[hi + 1];
        if room >= 12 {
            let mut end = a;
            for (i, c) in text[a..b].char_indices().take(room) {
                end = a + i + c.len_utf8();
            }
            if let Some(i) = text[a..end].rfind(' ') {
                to = a + i;
            }
        }
    }
    let prefix = if from > 0 { "… " } else { "" };
    let suffix = if to < text.len() { " …" } else { "" };
    let body = text[from..to].trim_end();
    let shift = prefix.len();
    let highlights = highlights
        .iter()
        .filter(|h| h.0 >= from && h.1 <= from + body.len())
        .map(|h| (h.0 - from + shift, h.1 - from + shift))
        .collect();
    Snippet {
        text: format!("{prefix}{body}{suffix}"),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_split_at_every_edge() {
        let t = "Trust buddying – costs";
        let dash = t.find('–').unwrap_or(0);
        // Overlapping, unordered, one edge inside the dash (not cut at).
        let ranges = [(6, 14), (0, 5), (10, 12), (dash + 1, t.len())];
        let p = pieces(t, &ranges);
        let texts: Vec<&str> = p.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(texts.concat(), t);
        assert_eq!(texts, ["Trust", " ", "budd", "yi", "ng", " – costs"]);
        let marked: Vec<bool> = p.iter().map(|&piece| covered(piece, &ranges)).collect();
        assert_eq!(marked, [true, false, true, true, true, false]);
        assert!(pieces("", &[(0, 3)]).is_empty());
    }

    #[test]
    fn sentences_split_on_full_stops_before_capitals() {
        let t = "Costs are high. Legal bills (e.g. fees) run to £3m. Done";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            [
                "Costs are high.",
                "Legal bills (e.g. fees) run to £3m.",
                "Done"
            ]
        );
    }

    #[test]
    fn snippets_mark_what_they_leave_out() {
        let t = "First sentence is here. The second one mentions mergers and costs. Third sentence closes it.";
        let h = vec![(
            t.find("mergers").unwrap_or(0),
            t.find("mergers").unwrap_or(0) + 7,
        )];
        let s = snippet(t, &h, 50);
        assert!(s.text.starts_with("… The second"), "{}", s.text);
        assert!(s.text.ends_with(" …"));
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "mergers");
    }

    /// A short sentence that matched, then one too long to fit whole: the
    /// room left takes the next one's start, cut at a word, rather than
    /// leaving the rows empty.
    #[test]
    fn room_after_a_short_sentence_takes_the_next_ones_start() {
        let t = "Mergers are not the only solution. Other options include establishing chains of hospitals, sharing senior managers, vertically integrating services and closure.";
        let s = snippet(t, &[(0, 7)], 90);
        assert!(
            s.text
                .starts_with("Mergers are not the only solution. Other options include"),
            "{}",
            s.text
        );
        assert!(s.text.ends_with(" …"), "{}", s.text);
        assert!(s.text.chars().count() <= 90, "{}", s.text);
        // No room worth taking: the sentence alone.
        let s = snippet(t, &[(0, 7)], 40);
        assert_eq!(s.text, "Mergers are not the only solution. …");
    }
}
