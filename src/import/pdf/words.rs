//! Words broken at a line's end: joined again (`organi-` `sation`), or
//! kept with their hyphen where the document writes the word with one
//! elsewhere, the first part is a prefix that takes one (`self-`), or both
//! parts are English words that make none joined (`post-` `merger`).

use std::collections::HashSet;

use super::Line;

/// Prefixes that keep their hyphen when a line breaks after them (only
/// those that hardly ever end a syllable: `part-` is `partnership` as
/// often as `part-time`).
const HYPHEN_PREFIXES: &[&str] = &["self", "well", "non"];

/// Joins a line to the paragraph before it, mending a word broken at the
/// line end (see the module's notes).
pub(super) fn join(
    para: &mut String,
    next: &str,
    words: &HashSet<String>,
    hyphenated: &HashSet<String>,
) {
    let soft = para.ends_with('\u{ad}');
    let hard = para.ends_with('-');
    if soft || hard {
        let head: String = para
            .trim_end_matches(['-', '\u{ad}'])
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let continues = next.chars().next().is_some_and(char::is_lowercase);
        if !head.is_empty() && continues {
            let joined = format!("{head}{tail}").to_lowercase();
            let compound = format!("{head}-{tail}").to_lowercase();
            let (head_lower, tail_lower) = (head.to_lowercase(), tail.to_lowercase());
            let english = crate::search::lexicon::is_english;
            let keep = !soft
                && !words.contains(&joined)
                && (hyphenated.contains(&compound)
                    || HYPHEN_PREFIXES.contains(&head_lower.as_str())
                    || head.chars().all(char::is_uppercase)
                    // Two words that make no word joined: a compound
                    // (`post-merger`, `ninety-two`), not one word broken.
                    || (!english(&joined) && english(&head_lower) && english(&tail_lower)));
            if !keep {
                para.pop();
            }
            para.push_str(next);
            return;
        }
        if soft {
            para.pop();
        }
    }
    if !para.is_empty() {
        para.push(' ');
    }
    para.push_str(next);
}

/// The words of a document (lower case), and those it writes with a
/// hyphen inside a line: what decides how a word broken at a line end is
/// mended.
pub(super) fn vocabulary(lines: &[Line]) -> (HashSet<String>, HashSet<String>) {
    let mut words = HashSet::new();
    let mut hyphenated = HashSet::new();
    for l in lines {
        let mut tokens = l.text.split_whitespace().peekable();
        while let Some(t) = tokens.next() {
            let last = tokens.peek().is_none();
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if t.contains('-') && !(last && t.ends_with('-')) {
                hyphenated.insert(t.to_lowercase());
            }
            for w in t.split('-').filter(|w| !w.is_empty()) {
                if w.chars().all(char::is_alphabetic) {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    (words, hyphenated)
}
