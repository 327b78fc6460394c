//! A concordance line's context: the text either side of a match, cut at
//! word boundaries to a width in display columns (`unicode-width`), white
//! space run together.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A line of a concordance: the context either side of a match, cut at word
/// boundaries to at most a width, on one line (white space run together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub left: String,
    pub matched: String,
    pub right: String,
}

impl Context {
    /// The left context right-aligned in `width` columns (padded with spaces
    /// on its left), so that every line's match starts in the same column.
    pub fn left_aligned_to(&self, width: usize) -> String {
        let pad = width.saturating_sub(self.left.width());
        format!("{}{}", " ".repeat(pad), self.left)
    }

    /// The right context padded to `width` columns.
    pub fn right_padded_to(&self, width: usize) -> String {
        let pad = width.saturating_sub(self.right.width());
        format!("{}{}", self.right, " ".repeat(pad))
    }
}

/// The context of a match in a text: at most `width` columns each side,
/// cut at word boundaries (a word that does not fit is left out whole,
/// unless it is the only one, when it is cut), white space run together.
pub fn context(text: &str, start: usize, end: usize, width: usize) -> Context {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    // Only the text near the match is read: a long passage costs no more.
    let reach = width.saturating_mul(4).saturating_add(32);
    let from = back(text, start, reach);
    let to = forward(text, end, reach);
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut before = one_line(text.get(from..start).unwrap_or(""));
    if from > 0 {
        // Its first word may be cut.
        before = before
            .split_once(' ')
            .map_or_else(String::new, |(_, rest)| rest.to_string());
    }
    let mut after = one_line(text.get(end..to).unwrap_or(""));
    if to < text.len() {
        after = after
            .rsplit_once(' ')
            .map_or_else(String::new, |(first, _)| first.to_string());
    }
    let glued_before = !text
        .get(..start)
        .unwrap_or("")
        .ends_with(char::is_whitespace);
    let glued_after = !text
        .get(end..)
        .unwrap_or("")
        .starts_with(char::is_whitespace);
    // `before` ends where the match starts; keep the space between them.
    let mut left = before;
    if !left.is_empty() && !glued_before {
        left.push(' ');
    }
    let mut right = after;
    if !right.is_empty() && !glued_after {
        right.insert(0, ' ');
    }
    Context {
        left: tail(&left, width),
        matched: one_line(text.get(start..end).unwrap_or("")),
        right: head(&right, width),
    }
}

/// The byte offset about `reach` bytes before `at`, at a character boundary.
pub(super) fn back(text: &str, at: usize, reach: usize) -> usize {
    let mut i = at.saturating_sub(reach);
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset about `reach` bytes after `at`, at a character boundary.
pub(super) fn forward(text: &str, at: usize, reach: usize) -> usize {
    let mut i = at.saturating_add(reach).min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The end of `s` in at most `width` columns, starting at a word.
fn tail(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let cut = last_cols(s, width);
    let from = s.len() - cut.len();
    // Cut in a word: start at the next space; when that leaves nothing (one
    // word wider than the room), the word's end after an ellipsis, so that
    // a cut word never reads as a whole one.
    let starts_word = s[..from].ends_with(' ') || cut.starts_with(' ');
    if starts_word {
        cut.to_string()
    } else {
        match cut.find(' ') {
            Some(i) if !cut[i..].trim().is_empty() => cut[i + 1..].to_string(),
            _ => {
                // The space before the match stays.
                let word = s.trim_end();
                let space = &s[word.len()..];
                match width.checked_sub(1 + space.width()) {
                    Some(room) if room > 0 => format!("…{}{space}", last_cols(word, room)),
                    _ => String::new(),
                }
            }
        }
    }
}

/// The last characters of `s` that fit in `width` columns, wherever they
/// start.
fn last_cols(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut from = s.len();
    for (i, c) in s.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        from = i;
    }
    &s[from..]
}

/// The first characters of `s` that fit in `width` columns.
fn first_cols(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut to = 0;
    for (i, c) in s.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        to = i + c.len_utf8();
    }
    &s[..to]
}

/// The start of `s` in at most `width` columns, ending at a word.
fn head(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let cut = first_cols(s, width);
    let to = cut.len();
    let ends_word = s[to..].starts_with(' ') || cut.ends_with(' ');
    if ends_word {
        cut.trim_end().to_string()
    } else {
        match cut.rfind(' ') {
            Some(i) if !cut[..i].trim().is_empty() => cut[..i].to_string(),
            // One word wider than the room: its start, and an ellipsis.
            _ => {
                // The space after the match stays.
                let word = s.trim_start();
                let space = &s[..s.len() - word.len()];
                match width.checked_sub(1 + space.width()) {
                    Some(room) if room > 0 => format!("{space}{}…", first_cols(word, room)),
                    _ => String::new(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_cut_at_word_boundaries() {
        let t = "The first words here then merger costs were high across the board";
        let s = t.find("merger").unwrap_or(0);
        let c = context(t, s, s + 6, 16);
        assert_eq!(c.matched, "merger");
        assert_eq!(c.left, "words here then ");
        assert_eq!(c.right, " costs were high");
        let c = context(t, s, s + 6, 12);
        assert_eq!(c.left, "here then ");
        assert_eq!(c.right, " costs were");
    }

    #[test]
    fn contexts_run_white_space_together_and_keep_punctuation() {
        let t = "Before,\n\nthe (merger)\nafter";
        let s = t.find("merger").unwrap_or(0);
        let c = context(t, s, s + 6, 40);
        assert_eq!(c.left, "Before, the (");
        assert_eq!(c.right, ") after");
    }
}
