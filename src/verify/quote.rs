//! Matching a quotation against a passage's text as editing leaves it:
//! words folded (case, apostrophes, an editor's `[t]he`), cut at elision
//! marks and bracketed insertions, across a paragraph break, and an elided
//! negation told.

use crate::corpus::Passage;

/// A quotation ready to match: its stretches between elision marks, each as
/// folded words.
pub(super) struct Quote {
    segments: Vec<Vec<String>>,
    /// The longest stretch's words as written, for the index's phrase search.
    longest: Vec<String>,
}

impl Quote {
    pub(super) fn new(text: &str) -> Quote {
        let pieces = split_elisions(text);
        let segments: Vec<Vec<String>> = pieces
            .iter()
            .map(|p| words(p))
            .filter(|w| !w.is_empty())
            .collect();
        // Cut where the index cuts words (`6.5` is `6` and `5`; a soft
        // hyphen or an apostrophe inside a word keeps it whole; each
        // Chinese character is one), each as written.
        let longest = pieces
            .iter()
            .max_by_key(|p| words(p).len())
            .map(|p| {
                crate::search::analysis::words(p)
                    .iter()
                    .map(|w| p[w.start..w.end].to_string())
                    .collect()
            })
            .unwrap_or_default();
        Quote { segments, longest }
    }

    /// Whether the quote is unlike `text`: fewer than half of its words
    /// that tell something (not `the`, `of` …) are words of `text`. A
    /// misquote changes a word or two of what it copies; a quote this far
    /// from a passage was not copied from it, and a word-by-word diff would
    /// only be noise. Its words as matching folds them (an editor's `[t]he`,
    /// a Chinese character each), without its bracketed insertions.
    pub(super) fn unlike(&self, text: &str) -> bool {
        let theirs: std::collections::HashSet<String> = words(text).into_iter().collect();
        let all: Vec<&String> = self.segments.iter().flatten().collect();
        let telling: Vec<&String> = all
            .iter()
            .copied()
            .filter(|w| !crate::search::question::is_stop_word(w))
            .collect();
        let ours = if telling.is_empty() { all } else { telling };
        let shared = ours.iter().filter(|w| theirs.contains(w.as_str())).count();
        !ours.is_empty() && shared * 2 < ours.len()
    }

    /// [`Quote::unlike`] passage `i` with the passages either side of it:
    /// a quote may run across a paragraph break (see [`Quote::held_by`]).
    pub(super) fn unlike_around(&self, passages: &[Passage], i: usize) -> bool {
        let from = i.saturating_sub(1);
        let texts: Vec<&str> = passages
            .iter()
            .skip(from)
            .take(i + 2 - from)
            .map(|p| p.text.as_str())
            .collect();
        self.unlike(&texts.join(" "))
    }

    /// Whether `text` holds every stretch, in order.
    pub(super) fn is_in(&self, text: &str) -> bool {
        self.is_in_words(&words(text))
    }

    /// Whether folded words `hay` hold every stretch, in order.
    fn is_in_words(&self, hay: &[String]) -> bool {
        if self.segments.is_empty() {
            return false;
        }
        let mut from = 0;
        for seg in &self.segments {
            match find_run(&hay[from..], seg) {
                Some(at) => from += at + seg.len(),
                None => return false,
            }
        }
        true
    }

    /// Where an elision mark in the quote stands for a few words of `text`
    /// (at most [`NEGATION_GAP`]) that negate what is around them (`does
    /// … work` for `does not work`): the words left out, shown as a diff.
    /// A longer stretch left out is a clause, not a turned meaning.
    pub(super) fn elided_negation(&self, text: &str) -> Option<String> {
        let hay = words(text);
        let mut from = 0;
        let mut prev_end: Option<usize> = None;
        for seg in &self.segments {
            let at = from + find_run(&hay[from..], seg)?;
            if let Some(end) = prev_end {
                let gap = &hay[end..at];
                if !gap.is_empty()
                    && gap.len() <= NEGATION_GAP
                    && let Some(neg) = gap.iter().find(|w| NEGATIONS.contains(&w.as_str()))
                {
                    let before = &hay[end.saturating_sub(3)..end];
                    let after = &hay[at..(at + 3).min(hay.len())];
                    return Some(format!(
                        "the elision leaves out “{neg}”: {} [-{}-] {}",
                        before.join(" "),
                        gap.join(" "),
                        after.join(" ")
                    ));
                }
            }
            from = at + seg.len();
            prev_end = Some(from);
        }
        None
    }

    /// Whether passage `i` of a report holds the quote: alone, or across a
    /// paragraph break, the quote running on from it into the next passage
    /// or into it from the one before (neither of the two holding it alone).
    /// A researcher quoting two paragraphs cites where the quote starts, or
    /// sometimes where it ends; both are right.
    pub(super) fn held_by(&self, passages: &[Passage], i: usize) -> bool {
        let Some(own) = passages.get(i) else {
            return false;
        };
        if self.is_in(&own.text) {
            return true;
        }
        let across = |a: &Passage, b: &Passage| {
            let mut hay = words(&a.text);
            hay.extend(words(&b.text));
            self.is_in_words(&hay) && !self.is_in(&a.text) && !self.is_in(&b.text)
        };
        passages.get(i + 1).is_some_and(|next| across(own, next))
            || i.checked_sub(1)
                .and_then(|j| passages.get(j))
                .is_some_and(|prev| across(prev, own))
    }

    /// The first of a report's passages that `keep` allows and that holds
    /// the quote (alone, or across a paragraph break: see
    /// [`Quote::held_by`]).
    pub(super) fn holder<'p>(
        &self,
        passages: &'p [Passage],
        keep: impl Fn(&Passage) -> bool,
    ) -> Option<&'p Passage> {
        (0..passages.len())
            .find(|&i| keep(&passages[i]) && self.held_by(passages, i))
            .map(|i| &passages[i])
    }

    /// Phrases to find the quote by: up to ten words from the middle of
    /// its longest stretch, then (when it is longer) the first and the
    /// last five, one of which a paragraph break inside the quote leaves
    /// whole.
    pub(super) fn probes(&self) -> Vec<String> {
        const WORDS: usize = 10;
        let w = &self.longest;
        if w.is_empty() {
            return Vec::new();
        }
        let start = w.len().saturating_sub(WORDS) / 2;
        let mut out = vec![w[start..(start + WORDS).min(w.len())].join(" ")];
        if w.len() > WORDS {
            out.push(w[..WORDS / 2].join(" "));
            out.push(w[w.len() - WORDS / 2..].join(" "));
        }
        out
    }
}

/// Where `needle` first occurs as a run in `hay`.
fn find_run(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// The most words an elision may leave out and be checked for a
/// negation: a few words are a `not` dropped, more a clause.
const NEGATION_GAP: usize = 4;

/// Words that turn a statement round, as [`words`] folds them (`don’t` is
/// `dont`).
const NEGATIONS: [&str; 27] = [
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot",
    "cant", "without", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
    "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "mustnt",
];

/// The elision marks a quotation may use.
pub(super) const ELISIONS: [&str; 5] = ["[…]", "[...]", "…", "...", ". . ."];

/// A quotation cut at its elision marks, and at an editor's words in
/// square brackets (`[sic]`, `[the hospital]`, `[emphasis added]`): they
/// are not the source's, and may stand for words of it. Brackets inside a
/// word (`[t]he`) are a changed letter, read by [`words`].
fn split_elisions(text: &str) -> Vec<String> {
    let mut pieces = vec![text.to_string()];
    for mark in ELISIONS {
        pieces = pieces
            .iter()
            .flat_map(|p| p.split(mark).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    pieces.iter().flat_map(|p| split_insertions(p)).collect()
}

/// A piece of a quotation cut at its bracketed insertions: a `[…]` that
/// neither starts nor ends inside a word.
fn split_insertions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut piece = String::new();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|i| open + i) else {
            break;
        };
        let before = rest[..open].chars().next_back();
        let after = rest[close + 1..].chars().next();
        let in_word =
            before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric);
        piece.push_str(&rest[..open]);
        if in_word {
            piece.push_str(&rest[open..=close]);
        } else {
            out.push(std::mem::take(&mut piece));
        }
        rest = &rest[close + 1..];
    }
    piece.push_str(rest);
    out.push(piece);
    out
}

/// Whether `quote` is unlike `text`: fewer than half of the quote's words
/// that tell something are words of the text (see [`Quote::unlike`]). Also
/// how a basket tells a passage edited from an id that names other text.
pub fn unlike(text: &str, quote: &str) -> bool {
    Quote::new(quote).unlike(text)
}

/// Text as folded words: lowercase runs of letters and digits (a Chinese
/// or Japanese character alone), in their
/// compatibility forms (a ligature `ﬁ` is `fi`; an accent written apart,
/// `e\u{301}`, is the accented letter `é`), an apostrophe, soft hyphen or
/// zero-width joiner inside a word dropped (`King’s` and `Kings` are one
/// word), brackets around an editor's letter dropped (`[t]he` is `the`).
pub(super) fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::new();
    let mut word = String::new();
    let text: std::borrow::Cow<str> = if text.is_ascii() {
        text.into()
    } else {
        text.nfkc().collect::<String>().into()
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '['
            && let Some(len) = footnote_call(&chars[i..])
        {
            // A call to a footnote (`expected[3]`, as imports write them):
            // not a letter of the word, nor a word of the quotation.
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            i += len;
            continue;
        }
        if crate::search::analysis::is_unspaced(c) {
            // Chinese and Japanese: a character to a word, as the index
            // reads them.
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (matches!(c, '[' | ']')
            || crate::search::analysis::is_apostrophe(c)
            || crate::search::analysis::is_invisible_joiner(c))
            && !word.is_empty()
        {
            // Inside a word: keep reading it.
        } else if matches!(c, '[' | ']') {
            // An editor's bracket before a word: not a break.
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// After a `[`: the length of a footnote call's rest (`3]`, `2,3]`,
/// `12]`), its number and closing bracket, when that is what follows.
fn footnote_call(rest: &[char]) -> Option<usize> {
    let close = rest.iter().take(12).position(|&c| c == ']')?;
    let inside = &rest[..close];
    (inside.first().is_some_and(char::is_ascii_digit)
        && inside
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–')))
    .then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footnote_call_is_no_part_of_a_word() {
        assert_eq!(
            words("more than expected[3]. Then"),
            ["more", "than", "expected", "then"]
        );
        assert_eq!(words("costs[2,3] rose"), ["costs", "rose"]);
        // An editor's letter is still a letter of its word.
        assert_eq!(words("[t]he 2[nd]"), ["the", "2nd"]);
    }

    #[test]
    fn elisions_brackets_case_and_quote_styles_still_match() {
        let text = "The cost implications for both the buddy Trust and a Trust in special measures need to be more robustly taken into account.";
        for quote in [
            "the cost implications for both the buddy Trust",
            "The cost implications … need to be more robustly taken into account",
            "[t]he cost implications for both the buddy Trust [...] taken into account.",
            "cost implications for both\nthe buddy   Trust",
            "The cost implications for both [sic] the buddy Trust",
            "The cost implications for both [the trusts] need to be more robustly",
            "[T]he cost implications [emphasis added] for both the buddy Trust",
        ] {
            assert!(Quote::new(quote).is_in(text), "{quote}");
        }
        for quote in [
            "the cost implications for the buddy Trust",
            "taken into account … the cost implications",
            "the cost implications [sic] for the buddy Trust",
        ] {
            assert!(!Quote::new(quote).is_in(text), "{quote}");
        }
    }

    #[test]
    fn ligatures_accents_apart_and_soft_hyphens_are_the_same_text() {
        let text = "The best \u{fb01}x for the organi\u{ad}sation in Zu\u{308}rich.";
        assert!(Quote::new("the best fix for the organisation in Zürich").is_in(text));
        // The accent still counts: a different letter is a different word.
        assert!(!Quote::new("the organisation in Zurich").is_in(text));
    }

    #[test]
    fn a_quote_of_chinese_words_is_held_inside_its_sentence() {
        let text = "日本の病院では合併が進んでいる。";
        assert!(Quote::new("病院では").is_in(text));
        assert!(!Quote::new("病院が").is_in(text));
    }

    #[test]
    fn a_misquote_is_like_its_passage_and_words_from_elsewhere_are_not() {
        let text = "The cost implications for both the buddy Trust and a Trust in special measures need to be more robustly taken into account by the regulators.";
        // Slips in copying: a word or two changed, an editor's letters and
        // insertions, elisions.
        for quote in [
            "the cost implications for both the partner Trust",
            "[t]he cost [of buddying] implications for both … the regulators",
            "costs for the buddy trusts in special measures",
        ] {
            assert!(!Quote::new(quote).unlike(text), "{quote}");
        }
        // Words from a speech, sharing only common words and one other.
        let speech =
            "we will not stand by while trusts struggle to balance their books this winter";
        assert!(Quote::new(speech).unlike(text));
        // A Chinese quote one character off is a misquote, not another text.
        assert!(!Quote::new("病院では合併が進んだ").unlike("日本の病院では合併が進んでいる。"));
        // A long unrelated passage shares its common words, which do not count.
        let long = "The board of the trust said that the merger of the two hospitals would be in the interest of the patients and of the staff, and that it would be for the local people to say what they thought of it.";
        assert!(
            Quote::new("the cost of the special measures would be for the regulators to bear")
                .unlike(long)
        );
    }

    #[test]
    fn probes_cut_words_where_the_index_does() {
        let q = Quote::new("the organi\u{ad}sation of King’s Fund");
        assert_eq!(q.probes(), ["the organi\u{ad}sation of King’s Fund"]);
        assert_eq!(Quote::new("日本の病院").probes(), ["日 本 の 病 院"]);
    }
}
