//! Markdown that gives back exactly the text collected: every character
//! markdown could read as syntax escaped in a block quote, and the parse
//! back that tests the round trip.

use crate::corpus::escape_markdown_inline;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;

/// `text` as a markdown blockquote that parses back to exactly `text` (except
/// that NUL, which markdown replaces, cannot survive): each line of the text is
/// a line of the quote, joined by hard line breaks.
pub fn blockquote(text: &str) -> String {
    escaped_lines(text)
        .iter()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Splits `text` into lines and escapes each so that, joined by hard line
/// breaks (`\` at the end of a line), they form one paragraph of exactly
/// `text`. Trailing newlines become `&#10;`, since a hard break cannot end a
/// paragraph.
pub(super) fn escaped_lines(text: &str) -> Vec<String> {
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    let mut lines: Vec<String> = body.split('\n').map(escape_line).collect();
    if let Some(last) = lines.last_mut() {
        last.push_str(&"&#10;".repeat(trailing));
    }
    lines
}

/// Whitespace that markdown trims at the start or end of a line.
pub(super) fn trimmed_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}')
}

/// Escapes one line of text: inline syntax everywhere, block syntax at its
/// start, and the whitespace markdown would trim as character references.
fn escape_line(line: &str) -> String {
    let middle = line.trim_matches(trimmed_space);
    let lead = &line[..line.len() - line.trim_start_matches(trimmed_space).len()];
    let tail = &line[lead.len() + middle.len()..];
    let mut out = String::with_capacity(line.len() + 8);
    for c in lead.chars() {
        let _ = write!(out, "&#{};", u32::from(c));
    }
    // A list marker, setext underline or definition can only start a line.
    let digits = middle.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if middle.starts_with(['-', '+', '=', ':']) {
        out.push('\\');
        middle
    } else if (1..=9).contains(&digits) && middle[digits..].starts_with(['.', ')']) {
        out.push_str(&middle[..digits]);
        out.push('\\');
        &middle[digits..]
    } else {
        middle
    };
    for c in escape_markdown_inline(rest).chars() {
        match c {
            '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\u{b}' | '\u{c}' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    for c in tail.chars() {
        let _ = write!(out, "&#{};", u32::from(c));
    }
    out
}

/// The markdown extensions a reader might have on (GitHub's and more): export
/// escapes enough that none of them changes the text.
fn reading_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS
}

/// The plain text of each top-level blockquote in a markdown document, line
/// breaks as `\n` and paragraphs separated by a blank line.
pub fn blockquote_texts(markdown: &str) -> Vec<String> {
    let mut quotes = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut paragraph_ended = false;
    for event in Parser::new_ext(markdown, reading_options()) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                if depth == 0 {
                    current.clear();
                    paragraph_ended = false;
                }
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    quotes.push(std::mem::take(&mut current));
                }
            }
            _ if depth == 0 => {}
            Event::End(TagEnd::Paragraph) => paragraph_ended = true,
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                if paragraph_ended && !current.is_empty() {
                    current.push_str("\n\n");
                }
                paragraph_ended = false;
                current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            _ => {}
        }
    }
    quotes
}
