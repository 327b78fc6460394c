//! PDF: the text layer as paragraphs in reading order, each with the pages
//! it is on. `pdf-extract` (over `lopdf`) decodes the fonts and hands over
//! every glyph with its place and size; this module does the rest, page by
//! page:
//!
//! 1. glyphs become line segments (a gap wider than a column gutter ends one);
//! 2. running headers and footers (a line at the top or bottom of the page
//!    that repeats, numbers aside, on half the pages or more) and lone page
//!    numbers are removed;
//! 3. a page with two columns (a vertical gap that few lines cross, with
//!    text on both sides) is read down the left column, then the right,
//!    between lines that cross the gap (titles);
//! 4. lines become paragraphs where the spacing between lines grows, the
//!    size of the type changes, a line is indented, or a short line ends a
//!    sentence; a paragraph carries on across a column or page when its
//!    last line ends mid-sentence and the next starts in lower case;
//! 5. words broken at a line end are joined (`organi-` `sation`), keeping
//!    the hyphen where the document writes the word with one elsewhere,
//!    the first part is a prefix that takes one (`self-`, `well-`), or both
//!    parts are English words that make none joined (`post-` `merger`,
//!    `ninety-` `two`);
//! 6. lines in larger type are headings, the largest on the first page the
//!    title when the document's details have none; bullets start list items;
//!    small type at the foot of a page is a footnote, a paragraph of its own.
//!
//! Each page is read apart, its panic caught: a page the decoder fails on
//! is named in a note and the rest is read.

mod calls;
mod columns;
mod details;
mod furniture;
#[cfg(test)]
mod tests;
mod words;

use super::document::{Block, BlockKind, Document};
use crate::corpus::Pages;
use calls::{close_call, footnote_call};
use columns::reading_order;
use details::details;
pub(super) use details::junk_title;
use furniture::{ends_sentence, page_number, printed_offset, strip_running};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashMap;
use words::{join, vocabulary};

/// A glyph as the decoder placed it (PDF space: y grows upwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

/// One page's glyphs and size.
#[derive(Debug, Default)]
struct Page {
    number: u32,
    bottom: f64,
    top: f64,
    glyphs: Vec<Glyph>,
}

/// Collects glyphs from the decoder.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            number: page_num,
            bottom: media_box.lly.min(media_box.ury),
            top: media_box.ury.max(media_box.lly),
            glyphs: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        if !size.is_finite() || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let x = trm.m31;
        let advance = width * size;
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph {
                x,
                end: x + advance.max(0.0),
                y: trm.m32,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The first page's largest heading: the document's title when its
/// details give none, and over theirs when it is set as a title is.
#[derive(Debug, Clone)]
struct Heading {
    text: String,
    /// Set at least [`PRINTED_TITLE`] times the body's size among the
    /// first three lines of the first page: the title printed on it.
    printed_title: bool,
}

/// How much larger than the body a first page's top line is set to be its
/// printed title.
const PRINTED_TITLE: f64 = 1.5;

/// A line (or a segment of one) of text.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    page: u32,
    /// 0: the only column (or across both); 1 left; 2 right.
    column: u8,
    /// A row of a table: segments set apart by wide gaps (joined by " | ").
    table: bool,
}

/// Reads a PDF's text and details; `on_page` hears of each page read (its
/// number and how many there are), for the progress of a long document.
pub fn read(bytes: &[u8], on_page: &mut dyn FnMut(u32, u32)) -> Result<Document, String> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        let text = e.to_string();
        if text.to_ascii_lowercase().contains("crypt") || text.contains("password") {
            encrypted()
        } else {
            format!("not a readable PDF: it is damaged or cut short ({text})")
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    let (title, authors, date) = details(&doc);
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut collector = Collector::default();
    let mut failed = Vec::new();
    let total = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
    for &n in &numbers {
        on_page(n, total);
        let before = collector.pages.len();
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut collector, n)
        }));
        if !matches!(read, Ok(Ok(()))) {
            failed.push(n);
            collector.pages.truncate(before);
        }
    }
    if doc.is_encrypted() {
        // Decrypted above; a document still marked so is read as it is.
        doc.trailer.remove(b"Encrypt");
    }
    let glyphs: usize = collector.pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs == 0 {
        if !failed.is_empty() && failed.len() == numbers.len() {
            return Err(
                "the PDF reader could not read any of its pages: the file is damaged, or written in a way it does not know"
                    .to_string(),
            );
        }
        return Err("no text layer: run OCR first, e.g. ocrmypdf".to_string());
    }
    let mut notes = Vec::new();
    if !failed.is_empty() {
        notes.push(format!(
            "{} could not be read and {} left out",
            pages_list(&failed),
            if failed.len() == 1 { "is" } else { "are" }
        ));
    }
    let empty: Vec<u32> = collector
        .pages
        .iter()
        .filter(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
        .map(|p| p.number)
        .collect();
    if !empty.is_empty() {
        notes.push(format!(
            "{} no text (scanned?); run OCR first, e.g. ocrmypdf, to include {}",
            if empty.len() == 1 {
                format!("{} has", pages_list(&empty))
            } else {
                format!("{} have", pages_list(&empty))
            },
            if empty.len() == 1 { "it" } else { "them" }
        ));
    }
    let (mut blocks, first_heading) = layout(&collector.pages);
    // The authors' names under the title are details, not text.
    if !authors.is_empty()
        && let Some(i) = blocks.iter().take(3).position(|b| {
            b.pages.is_some_and(|p| p.first == 1)
                && (authors.contains(&b.text) || b.text == authors.join(", "))
        })
    {
        blocks.remove(i);
    }
    Ok(Document {
        subtitle: None,
        // The title printed on the first page over the one in the file's
        // details, which is often a working name (`Mergers briefing` for
        // `Mergers: what the evidence says`) or a template's.
        // A printed line that shares no word with the details' title is
        // more likely a series or a publisher's name set large.
        title: match first_heading {
            Some(h)
                if h.printed_title
                    && h.text.split_whitespace().count() >= 2
                    && title
                        .as_deref()
                        .is_none_or(|t| crate::corpus::titles_share_a_word(t, &h.text, 4)) =>
            {
                Some(h.text)
            }
            h => title.or(h.map(|h| h.text)),
        },
        authors,
        date_from_file: date.is_some(),
        date,
        url: None,
        publisher: None,
        pages: Some(u32::try_from(numbers.len()).unwrap_or(u32::MAX)),
        blocks,
        notes,
    })
}

/// Words a sentence does not end on: a line ending with one goes on.
const OPEN_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
    "but", "as", "than", "that", "which", "who", "whose", "its", "their", "our", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "into", "between", "per", "via",
];

fn encrypted() -> String {
    "encrypted: it needs a password to open; save a copy without the password (or print it to PDF) and import that".to_string()
}

/// "page 3" or "pages 3, 5 and 9".
fn pages_list(pages: &[u32]) -> String {
    let words: Vec<String> = pages.iter().map(u32::to_string).collect();
    match words.as_slice() {
        [one] => format!("page {one}"),
        [rest @ .., last] => format!("pages {} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Text without ligatures and stray control characters.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{a0}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A page's glyphs as line segments, in the order the page draws them.
fn segments(page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    // Whether the current line's text ends inside a footnote call's
    // brackets (see `footnote_call`).
    let mut in_call = false;
    for g in &page.glyphs {
        let text = clean(&g.text);
        if text.is_empty() {
            continue;
        }
        if let Some(line) = current.as_mut() {
            let size = line.size.max(g.size);
            let same_row = (g.y - line.y).abs() <= 0.5 * size;
            let gap = g.x - line.x1;
            if same_row && gap > -0.5 * size && gap < 1.2 * size {
                let call = footnote_call(line, g, &text, in_call);
                if in_call && !call {
                    close_call(&mut line.text);
                    in_call = false;
                }
                if call {
                    // A raised number set small after a word is a call to a
                    // footnote, written as Word's are (`expected[3]`), not
                    // glued to the word (`expected3`), which no search or
                    // quotation would find.
                    if !in_call {
                        line.text.push('[');
                        in_call = true;
                    }
                    line.text.push_str(text.trim());
                    line.x1 = line.x1.max(g.end);
                    continue;
                }
                let space = text == " " || text.starts_with(' ');
                if gap > 0.15 * size && !space && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                if !(space && line.text.ends_with(' ')) {
                    line.text.push_str(&text);
                }
                line.x1 = line.x1.max(g.end);
                // The line's size is its body's, not a superscript's.
                if g.size > line.size {
                    line.size = g.size;
                    line.y = g.y;
                }
                continue;
            }
        }
        if let Some(mut done) = current.take() {
            if std::mem::take(&mut in_call) {
                close_call(&mut done.text);
            }
            lines.push(done);
        }
        if text.trim().is_empty() {
            continue;
        }
        current = Some(Line {
            x0: g.x,
            x1: g.end,
            y: g.y,
            size: g.size,
            text,
            page: page.number,
            column: 0,
            table: false,
        });
    }
    if let Some(mut done) = current {
        if in_call {
            close_call(&mut done.text);
        }
        lines.push(done);
    }
    for l in &mut lines {
        l.text = l.text.trim().to_string();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// The most common size of type, weighted by characters: the body text's.
fn body_size(lines: &[Line]) -> f64 {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    by_size
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(s, _)| s as f64 / 2.0)
}

/// A bullet at the start of a line, and the text after it.
fn bullet(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    // Not `-` or `–`: a dash that starts a line is as often a dash in a
    // sentence that wrapped before it.
    if !"•◦▪‣●○■□*·\u{f0b7}".contains(first) {
        return None;
    }
    let rest = &text[first.len_utf8()..];
    rest.starts_with(' ').then(|| rest.trim_start())
}

/// Lines from every page as blocks, and the first page's largest heading
/// (a title, where the details give none).
fn layout(pages: &[Page]) -> (Vec<Block>, Option<Heading>) {
    let mut per_page: Vec<Vec<Line>> = pages.iter().map(segments).collect();
    let printed = strip_running(pages, &mut per_page);
    let ordered: Vec<Vec<Line>> = per_page.into_iter().map(reading_order).collect();
    let all: Vec<Line> = ordered.iter().flatten().cloned().collect();
    let body = body_size(&all);
    let (words, hyphenated) = vocabulary(&all);
    // Heading sizes, largest first: their rank is the level.
    let mut heading_sizes: Vec<i64> = all
        .iter()
        .filter(|l| is_heading(l, body))
        .map(|l| (l.size * 2.0).round() as i64)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    heading_sizes.dedup();
    let level = |l: &Line| {
        let s = (l.size * 2.0).round() as i64;
        let rank = heading_sizes.iter().position(|&h| h == s).unwrap_or(0);
        u8::try_from(rank + 1).unwrap_or(4).min(4)
    };
    let first_heading = ordered
        .first()
        .and_then(|ls| {
            // A number alone (`2024` set large on a cover) is no title,
            // though one under a title's words is part of it (below).
            ls.iter()
                .filter(|l| is_heading(l, body) && !page_number(&l.text))
                .max_by(|a, b| a.size.total_cmp(&b.size))
        })
        .filter(|l| l.size >= body * 1.3)
        .map(|l| {
            // A title set on several lines is all the lines of its size at
            // the top of the first page.
            let at = ordered[0]
                .iter()
                .position(|m| (m.size - l.size).abs() <= 0.1)
                .unwrap_or(0);
            Heading {
                text: ordered[0][at..]
                    .iter()
                    .take_while(|m| (m.size - l.size).abs() <= 0.1)
                    .map(|m| m.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                printed_title: l.size >= body * PRINTED_TITLE && at < 3,
            }
        })
        // Else a title set in the body's size but bold, as the first line.
        .or_else(|| {
            ordered
                .first()?
                .first()
                .filter(|l| is_heading(l, body))
                .map(|l| Heading {
                    text: l.text.clone(),
                    printed_title: false,
                })
        });

    let mut blocks: Vec<Block> = Vec::new();
    // The block a line may carry on, with its last line; and the last
    // block of body text (a footnote aside), which a paragraph broken by
    // a page or column may carry on.
    let mut open: Option<(usize, Line)> = None;
    let mut last_body: Option<(usize, Line)> = None;
    // The open block's lines so far, and the space above its first line
    // (infinite at the top of a page or column).
    let mut open_lines = 0usize;
    let mut open_above = f64::INFINITY;
    let mut previous: Option<Line> = None;
    // Headings in the body's size rank below every larger one.
    let lone_level = u8::try_from(heading_sizes.len() + 1).unwrap_or(4).min(4);
    // Where the current list's first item starts.
    let mut list_base: Option<f64> = None;
    for page_lines in &ordered {
        let (bottom, top) = pages
            .iter()
            .find(|p| page_lines.first().is_some_and(|l| l.page == p.number))
            .map_or((0.0, 0.0), |p| (p.bottom, p.top));
        let foot = bottom + (top - bottom) * 0.3;
        let spacing = line_spacing(page_lines);
        let (col_left, col_right) = columns(page_lines);
        let body_above = |l: &Line| {
            page_lines
                .iter()
                .any(|m| m.y > l.y && (m.size - body).abs() < 0.5)
        };
        for l in page_lines {
            let heading = is_heading(l, body);
            let footnote = !heading && l.size < body * 0.85 && l.y < foot && body_above(l);
            let (left, right) = (
                col_left[usize::from(l.column)],
                col_right[usize::from(l.column)],
            );
            let width = (right - left).max(1.0);
            let page = Pages::one(l.page);
            // Carry on the open block?
            let carry = |prev: &Line, kind: BlockKind| -> bool {
                if prev.table || l.table {
                    return false;
                }
                let same_place = prev.page == l.page && prev.column == l.column && prev.y > l.y;
                if (prev.size - l.size).abs() > 0.15 * body {
                    return false;
                }
                if heading {
                    return matches!(kind, BlockKind::Heading { .. })
                        && same_place
                        && prev.y - l.y < 2.0 * l.size;
                }
                if matches!(kind, BlockKind::Heading { .. }) {
                    return false;
                }
                if !same_place {
                    // A paragraph left unfinished at the foot of a page or
                    // column goes on in the next line of body text: one
                    // that starts in lower case, a number or a sign ("52
                    // patients", "(see"), or a capital after a word no
                    // sentence ends on ("in the" / "NHS England").
                    if ends_sentence(&prev.text) {
                        return false;
                    }
                    let first = l.text.trim_start().chars().next();
                    let last_word = prev
                        .text
                        .split_whitespace()
                        .next_back()
                        .unwrap_or_default()
                        .to_lowercase();
                    let open_ended = prev.text.trim_end().ends_with([',', ';', '-', '–', '—'])
                        || OPEN_WORDS.contains(&last_word.as_str());
                    // A line that ran to the column's right edge was cut
                    // mid-paragraph; a shorter one may end a list item or
                    // a figure's source ("Source: NHS Digital").
                    let full = prev.x1 >= left + 0.85 * width;
                    return first.is_some_and(char::is_lowercase)
                        || open_ended
                        || (full && first.is_some_and(|c| !c.is_uppercase()));
                }
                let gap = prev.y - l.y;
                // Wider than the usual leading, or than any leading but
                // double spacing: a blank line between paragraphs.
                let wide = gap > spacing.map_or(1.6 * l.size, |s| 1.35 * s) || gap > 2.2 * l.size;
                let short_end = prev.x1 < left + 0.8 * width
                    && prev
                        .text
                        .trim_end()
                        .ends_with(['.', '!', '?', ':', '"', '”']);
                let indented = l.x0 > left + 0.9 * l.size
                    && matches!(kind, BlockKind::Paragraph)
                    && prev.x0 <= left + 0.5 * l.size;
                !wide && !short_end && !indented
            };
            let bullet_text = bullet(&l.text);
            // A line alone in its block, in the body's size, set off by
            // more space above than below it and followed by text or a
            // list that does not read as another such line (a list without
            // bullets), is a heading.
            let lone = !heading
                && !footnote
                && open_lines == 1
                && open.as_ref().is_some_and(|(i, prev)| {
                    blocks[*i].kind == BlockKind::Paragraph
                        && prev.page == l.page
                        && prev.column == l.column
                        && prev.y > l.y
                        && (prev.size - l.size).abs() <= 0.15 * body
                        && open_above > prev.y - l.y + 0.1 * l.size
                        && heading_like(prev, left, width)
                        && !heading_like(l, left, width)
                        && bullet_text
                            .unwrap_or(&l.text)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                });
            if lone && let Some((i, _)) = &open {
                blocks[*i].kind = BlockKind::Heading { level: lone_level };
            }
            let continues = if lone || bullet_text.is_some() {
                false
            } else if footnote {
                open.as_ref().is_some_and(|(i, prev)| {
                    blocks[*i].kind == BlockKind::Paragraph
                        && prev.size < body * 0.85
                        && prev.page == l.page
                        && carry(prev, BlockKind::Paragraph)
                })
            } else {
                let target = if open.as_ref().is_some_and(|(_, prev)| prev.page == l.page) {
                    open.as_ref()
                } else {
                    last_body.as_ref()
                };
                target.is_some_and(|(i, prev)| carry(prev, blocks[*i].kind))
            };
            if continues {
                let target = if footnote {
                    open.as_ref().map(|(i, _)| *i)
                } else if open.as_ref().is_some_and(|(_, prev)| prev.page == l.page) {
                    open.as_ref().map(|(i, _)| *i)
                } else {
                    last_body.as_ref().map(|(i, _)| *i)
                };
                if let Some(i) = target {
                    let block = &mut blocks[i];
                    join(&mut block.text, &l.text, &words, &hyphenated);
                    if let Some(p) = block.pages.as_mut() {
                        p.last = p.last.max(l.page);
                    }
                    open = Some((i, l.clone()));
                    if !footnote {
                        last_body = Some((i, l.clone()));
                    }
                    open_lines += 1;
                    previous = Some(l.clone());
                    continue;
                }
            }
            let kind = if heading {
                BlockKind::Heading { level: level(l) }
            } else if bullet_text.is_some() {
                // Depth from the list's first item, not the margin: a list
                // indented as a whole is one level, its items side by side.
                let in_list = blocks
                    .last()
                    .is_some_and(|b| matches!(b.kind, BlockKind::Item { .. }));
                let base = match list_base {
                    Some(b) if in_list && l.x0 >= b - 0.5 * body => b,
                    _ => l.x0,
                };
                list_base = Some(base);
                let depth = ((l.x0 - base) / (2.0 * body)).round().clamp(0.0, 3.0) as u8;
                BlockKind::Item {
                    depth,
                    ordered: false,
                }
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                text: bullet_text.unwrap_or(&l.text).to_string(),
                pages: Some(page),
            });
            let i = blocks.len() - 1;
            open = Some((i, l.clone()));
            if !footnote {
                last_body = Some((i, l.clone()));
            }
            open_lines = 1;
            open_above = previous
                .as_ref()
                .filter(|p| p.page == l.page && p.column == l.column && p.y > l.y)
                .map_or(f64::INFINITY, |p| p.y - l.y);
            previous = Some(l.clone());
        }
    }
    // Larger type that runs to more words than a heading has is a
    // paragraph set large (a lead), not a heading.
    for b in &mut blocks {
        if matches!(b.kind, BlockKind::Heading { .. })
            && b.text.split_whitespace().count() > HEADING_WORDS
        {
            b.kind = BlockKind::Paragraph;
        }
    }
    // Pages as the document numbers them, where it numbers them
    // consistently: a passage on a page before its page 1 (a cover, front
    // matter in Roman figures) has no page then, rather than one that
    // names another page.
    let offset = printed_offset(&printed);
    for b in &mut blocks {
        b.text = b.text.replace('\u{ad}', "");
        if let Some(p) = b.pages
            && p.first > p.last
        {
            b.pages = Some(Pages::one(p.first));
        }
        if let (Some(k), Some(p)) = (offset, b.pages) {
            let renumber = |n: u32| u32::try_from(i64::from(n) - k).ok().filter(|&n| n >= 1);
            b.pages = match (renumber(p.first), renumber(p.last)) {
                (Some(first), Some(last)) => Some(Pages { first, last }),
                (None, Some(last)) => Some(Pages::one(last)),
                _ => None,
            };
        }
    }
    (blocks, first_heading)
}

/// Whether a line is set as a heading: larger than the body text (12 pt
/// over 10.5 is a common sub-heading), and short. Lines of a lead
/// paragraph set a little larger pass this too; a "heading" that runs to
/// more words than a heading has is read as a paragraph after all (see
/// [`HEADING_WORDS`]).
fn is_heading(l: &Line, body: f64) -> bool {
    // A number set as large as a title on the first page is part of it
    // (`2019` on the second line of a title), not a page's number.
    l.size >= body * 1.1
        && l.text.chars().count() <= 150
        && (!page_number(&l.text) || l.page == 1 && l.size >= body * PRINTED_TITLE)
}

/// The most words a heading has; a block of larger type with more is a
/// paragraph (a lead, a pull quote).
const HEADING_WORDS: usize = 24;

/// Whether a line, alone in its block, reads as a heading set in the
/// body's size (bold, say, which the text layer does not tell): a few
/// words, short of the column's width, starting with a capital or a
/// number, and not ending as a sentence or a clause does.
fn heading_like(l: &Line, left: f64, width: f64) -> bool {
    let text = l.text.trim();
    let words = text.split_whitespace().count();
    let last = text.split_whitespace().last().unwrap_or("");
    let open_end = [
        "and", "or", "the", "of", "to", "in", "a", "an", "for", "with", "on", "by", "as", "at",
    ]
    .contains(&last.to_lowercase().as_str());
    (1..=12).contains(&words)
        && text.chars().count() <= 90
        && l.x1 < left + 0.85 * width
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', ',', ';', ':', '!', '?', '-', '\u{2013}', '\u{2014}'])
        && !open_end
        && !page_number(text)
        && bullet(text).is_none()
}

/// The usual distance between lines of body text on a page.
fn line_spacing(lines: &[Line]) -> Option<f64> {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].column == w[1].column && (w[0].size - w[1].size).abs() < 0.5)
        .map(|w| w[0].y - w[1].y)
        .filter(|&g| g > 0.5 * lines[0].size.min(12.0) && g < 3.0 * lines[0].size.max(6.0))
        .collect();
    if gaps.len() < 2 {
        return None;
    }
    gaps.sort_by(f64::total_cmp);
    Some(gaps[gaps.len() / 2])
}

/// Left and right edges of each column (0: the page's, 1: left, 2: right).
fn columns(lines: &[Line]) -> ([f64; 3], [f64; 3]) {
    let mut left = [f64::INFINITY; 3];
    let mut right = [f64::NEG_INFINITY; 3];
    for l in lines {
        let c = usize::from(l.column).min(2);
        left[c] = left[c].min(l.x0);
        right[c] = right[c].max(l.x1);
    }
    for c in 0..3 {
        if !left[c].is_finite() {
            left[c] = left[0]
                .min(0.0)
                .max(left.iter().copied().fold(f64::INFINITY, f64::min));
            right[c] = right.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        }
    }
    (left, right)
}
