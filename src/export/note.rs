//! A user's note on an excerpt written into an export: their inline
//! markdown kept, anything that would start a block escaped.

use super::escape::trimmed_space;
use std::fmt::Write as _;

/// A note as the user wrote it, its inline markdown kept (`*mergers*`
/// stays emphasis, links stay links), one paragraph: what would start a
/// block at the start of a line (a quote, heading, list, fence, table,
/// HTML block or definition) is escaped, so that a note can never become a
/// quotation `verify` reads, nor swallow the excerpts after it.
pub(super) fn note_markdown(note: &str) -> String {
    // A lone CR ends a line in markdown as LF and CRLF do.
    let body = note.trim_end().replace("\r\n", "\n").replace('\r', "\n");
    body.split('\n')
        .map(|line| note_line(&angle_brackets_as_text(line)))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// A note's `<` written as text, unless it opens an autolink
/// (`<https://…>`): a note is the researcher's markdown, not HTML, so that
/// `<buddies>` is shown rather than dropped as a tag, and a comment opened
/// in one (pandoc reads it across paragraphs) cannot hide the excerpts
/// after it, and the records `verify` reads.
fn angle_brackets_as_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        let rest = &line[i + c.len_utf8()..];
        let autolink = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| rest.starts_with(s))
            && rest
                .find('>')
                .is_some_and(|end| !rest[..end].contains([' ', '<']));
        if c == '<' && !autolink {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of a note, with what would start a block escaped.
fn note_line(line: &str) -> String {
    let middle = line.trim_start_matches(trimmed_space);
    let lead = &line[..line.len() - middle.len()];
    let mut out = String::with_capacity(line.len() + 8);
    // Leading spaces would make an indented code block.
    for c in lead.chars() {
        let _ = write!(out, "&#{};", u32::from(c));
    }
    let mut chars = middle.chars();
    let first = chars.next();
    let second = chars.next();
    let digits = middle.bytes().take_while(u8::is_ascii_digit).count();
    let block = match first {
        Some('>' | '#' | '<' | '|' | '-' | '+' | '=' | ':' | '`' | '~') => true,
        // `* item` is a list, `*word*` emphasis; `***` a rule.
        Some('*' | '_') => second.is_none_or(|c| c == ' ' || c == first.unwrap_or(' ')),
        // `[x]: url` defines a link, `[^1]:` a footnote.
        Some('[') => middle
            .find(']')
            .is_some_and(|i| middle[i + 1..].starts_with(':')),
        _ => false,
    };
    if block {
        out.push('\\');
        out.push_str(middle);
    } else if (1..=9).contains(&digits) && middle[digits..].starts_with(['.', ')']) {
        out.push_str(&middle[..digits]);
        out.push('\\');
        out.push_str(&middle[digits..]);
    } else {
        out.push_str(middle);
    }
    out
}
