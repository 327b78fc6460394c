//! Footnote calls: a raised, small number after a word (`expected³`) is
//! kept apart from it in brackets (`expected[3]`), as Word's are, so that a
//! phrase search and `verify` read the word as the word.

use super::{Glyph, Line};

/// Whether glyph `g` is (part of) a call to a footnote in `line`: a digit
/// (or a comma or dash between digits of one call, `2,3`) set at most
/// four fifths of the line's size and raised above its baseline, right
/// after a word or its punctuation (`expected³`, `costs.¹`), not after a
/// digit (`10²` is a power). A raised number opening a line is the note's
/// own number, and stays as it is.
pub(super) fn footnote_call(line: &Line, g: &Glyph, text: &str, in_call: bool) -> bool {
    let t = text.trim();
    let small = g.size <= 0.8 * line.size;
    let raised = g.y - line.y >= 0.2 * line.size;
    if !small || !raised || t.is_empty() {
        return false;
    }
    let call_chars = |t: &str| {
        t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–'))
    };
    if in_call {
        return call_chars(t);
    }
    let before = line.text.trim_end();
    // The letters just before it: `R²`, `m²` and `km²` are powers.
    let letters = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count();
    t.starts_with(|c: char| c.is_ascii_digit())
        && call_chars(t)
        && (letters == 0 || letters > 2)
        && before.chars().next_back().is_some_and(|c| {
            c.is_alphabetic()
                || matches!(
                    c,
                    '.' | ',' | ';' | ':' | ')' | ']' | '%' | '’' | '”' | '"' | '\''
                )
        })
}

/// Ends a footnote call's brackets, without a separator it ended on
/// (`[2,` and a raised space is `[2]`).
pub(super) fn close_call(text: &mut String) {
    while text.ends_with([',', '-', '–']) {
        text.pop();
    }
    text.push(']');
}
