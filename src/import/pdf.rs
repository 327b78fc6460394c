//! PDF: the text layer as paragraphs in reading order, each with the pages
//! it is on. `pdf-extract` (over `lopdf`) decodes the fonts and hands over
//! every glyph with its place and size; this file does the rest, page by
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
//!    the hyphen where the document writes the word with one elsewhere or
//!    the first part is a prefix that takes one (`self-`, `well-`);
//! 6. lines in larger type are headings, the largest on the first page the
//!    title when the document's details have none; bullets start list items;
//!    small type at the foot of a page is a footnote, a paragraph of its own.
//!
//! Each page is read apart, its panic caught: a page the decoder fails on
//! is named in a note and the rest is read.

use super::document::{Block, BlockKind, Document};
use crate::corpus::Pages;
use lopdf::Object;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::{HashMap, HashSet};

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
        title: title.or(first_heading),
        authors,
        date,
        url: None,
        pages: Some(u32::try_from(numbers.len()).unwrap_or(u32::MAX)),
        blocks,
        notes,
    })
}

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

/// Title, authors and date from the document's Info dictionary.
fn details(doc: &lopdf::Document) -> (Option<String>, Vec<String>, Option<String>) {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(info) = info else {
        return (None, Vec::new(), None);
    };
    let text = |key: &[u8]| -> Option<String> {
        let bytes = match info.get(key).ok()? {
            Object::String(bytes, _) => bytes.clone(),
            Object::Reference(id) => match doc.get_object(*id).ok()? {
                Object::String(bytes, _) => bytes.clone(),
                _ => return None,
            },
            _ => return None,
        };
        let s = super::fold(&text_string(&bytes));
        (!s.is_empty()).then_some(s)
    };
    let title = text(b"Title").filter(|t| !junk_title(t));
    let authors = text(b"Author")
        .map(|a| {
            a.split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    (title, authors, date)
}

/// A title that names a file or a template rather than the work.
fn junk_title(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    lower.starts_with("microsoft word - ")
        || lower == "untitled"
        || lower.starts_with("untitled ")
        || [
            ".doc", ".docx", ".pdf", ".indd", ".tex", ".dvi", ".odt", ".rtf",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A PDF text string: UTF-16 with its byte-order mark, UTF-8 with its
/// mark, else PDFDocEncoding (Latin-1 for the letters that matter).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:20240305120000Z` as `2024-03-05` (or as much of it as is there).
fn pdf_date(d: &str) -> Option<String> {
    let digits: String = d
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let date = match digits.len() {
        n if n >= 8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]),
        n if n >= 6 => format!("{}-{}", &digits[..4], &digits[4..6]),
        4 | 5 => digits[..4].to_string(),
        _ => return None,
    };
    crate::corpus::valid_date(&date).then_some(date)
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
        if let Some(done) = current.take() {
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
    lines.extend(current);
    for l in &mut lines {
        l.text = l.text.trim().to_string();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// A line's text with its numbers as `#`, for telling a running header
/// that repeats with only its page number changed.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A line that is only a page number: `12`, `- 12 -`, `Page 12`, `12 of 40`, `xii`.
fn page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace())
        .to_ascii_lowercase();
    let t = t.strip_prefix("page").map(str::trim).unwrap_or(&t);
    let mut words = t.split([' ', '/']).filter(|w| !w.is_empty() && *w != "of");
    let roman = |w: &str| !w.is_empty() && w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c));
    let number = |w: &str| {
        !w.is_empty() && w.len() <= 5 && w.chars().all(|c| c.is_ascii_digit()) || roman(w)
    };
    match (words.next(), words.next(), words.next()) {
        (Some(a), None, _) => number(a),
        (Some(a), Some(b), None) => number(a) && number(b),
        _ => false,
    }
}

/// The number a page-number line prints (`3`, `Page 3 of 9`, `- 3 -`), if
/// it is in Arabic figures (front matter's `xii` has none).
fn printed_number(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .and_then(|w| w.parse().ok())
}

/// How a document's printed page numbers run from its pages' places in
/// the file: the difference `place - printed` that the pages printing a
/// number agree on (at least two of them, and four in five), when it is not
/// zero. A report with a cover and front matter prints 1 on its fifth page
/// (4); a chapter taken from a book prints 45 on its first (-44).
fn printed_offset(printed: &[(u32, u32)]) -> Option<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for &(place, number) in printed {
        *counts
            .entry(i64::from(place) - i64::from(number))
            .or_default() += 1;
    }
    let (&offset, &n) = counts.iter().max_by_key(|&(k, n)| (*n, -k.abs()))?;
    (offset != 0 && n >= 2 && n * 5 >= printed.len() * 4).then_some(offset)
}

/// Removes running headers and footers and page numbers: lines near the
/// top or bottom of a page that repeat (numbers aside) on half the pages
/// or more, or are only a page number. Returns the numbers the removed
/// page-number lines printed, with their pages' places in the file.
fn strip_running(pages: &[Page], lines: &mut [Vec<Line>]) -> Vec<(u32, u32)> {
    let mut printed = Vec::new();
    // The lines at a page's edges: the two highest and two lowest rows,
    // if they are in the outer sixth of the page.
    let edge = |page: &Page, ls: &[Line]| -> Vec<usize> {
        let height = (page.top - page.bottom).max(1.0);
        let mut rows: Vec<f64> = ls.iter().map(|l| l.y).collect();
        rows.sort_by(|a, b| b.total_cmp(a));
        rows.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        let mut picked: Vec<f64> = rows.iter().take(2).copied().collect();
        picked.extend(rows.iter().rev().take(2));
        ls.iter()
            .enumerate()
            .filter(|(_, l)| {
                let near_edge = l.y > page.top - height / 6.0 || l.y < page.bottom + height / 6.0;
                near_edge && picked.iter().any(|y| (y - l.y).abs() < 2.0)
            })
            .map(|(i, _)| i)
            .collect()
    };
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .zip(lines.iter())
        .map(|(p, ls)| edge(p, ls))
        .collect();
    // How many pages have each edge line: word for word, and numbers aside.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut exact: HashMap<String, usize> = HashMap::new();
    for (ls, idx) in lines.iter().zip(&edges) {
        let shapes: HashSet<String> = idx.iter().map(|&i| shape(&ls[i].text)).collect();
        for s in shapes {
            *counts.entry(s).or_default() += 1;
        }
        let texts: HashSet<String> = idx
            .iter()
            .map(|&i| ls[i].text.trim().to_lowercase())
            .collect();
        for t in texts {
            *exact.entry(t).or_default() += 1;
        }
    }
    let with_text = lines.iter().filter(|ls| !ls.is_empty()).count();
    let often = |n: usize| n >= 2 && n * 2 >= with_text && with_text >= 2;
    let body = body_size(&lines.iter().flatten().cloned().collect::<Vec<_>>());
    for ((ls, idx), page) in lines.iter_mut().zip(&edges).zip(pages) {
        let furniture: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                let l = &ls[i];
                // A line the same on every page is furniture. One that
                // differs by a number (`Page 3 of 9`, `Case study 3`) is
                // furniture only when it looks it: no larger than the body
                // type and set apart from the text, not a heading or the
                // first line of a paragraph.
                let same = exact
                    .get(&l.text.trim().to_lowercase())
                    .is_some_and(|&n| often(n));
                let numbered = counts.get(&shape(&l.text)).is_some_and(|&n| often(n))
                    && set_apart(ls, i, body);
                page_number(&l.text) || same || numbered || isolated(page, ls, i)
            })
            .collect();
        if let Some(n) = furniture
            .iter()
            .find(|&&i| page_number(&ls[i].text))
            .and_then(|&i| printed_number(&ls[i].text))
        {
            printed.push((page.number, n));
        }
        for i in furniture {
            ls[i].text.clear();
        }
    }
    printed
}

/// A line in small or body type with a gap to the nearest line above or
/// below wider than a paragraph's line spacing: how a running header or
/// footer sits, where a heading is larger and a paragraph's line is close.
fn set_apart(ls: &[Line], i: usize, body: f64) -> bool {
    let l = &ls[i];
    l.size <= body * 1.05 && nearest_row(ls, i) > 1.6 * l.size.max(body)
}

/// How far line `i` is from the nearest line of text on another row, above
/// or below.
fn nearest_row(ls: &[Line], i: usize) -> f64 {
    let l = &ls[i];
    ls.iter()
        .enumerate()
        .filter(|(j, m)| *j != i && (m.y - l.y).abs() > 0.5 * l.size && !m.text.is_empty())
        .map(|(_, m)| (m.y - l.y).abs())
        .fold(f64::INFINITY, f64::min)
}

/// A short line in the page's outer margin (its top or bottom 6 %), well
/// apart from every other line: a header or footer, even on a page that is
/// the only one to have it.
fn isolated(page: &Page, ls: &[Line], i: usize) -> bool {
    let l = &ls[i];
    let height = (page.top - page.bottom).max(1.0);
    let margin = l.y > page.top - 0.06 * height || l.y < page.bottom + 0.06 * height;
    margin && l.text.chars().count() <= 80 && nearest_row(ls, i) > 2.2 * l.size.max(8.0)
}

/// Puts a page's lines in reading order, marking each line's column.
fn reading_order(mut ls: Vec<Line>) -> Vec<Line> {
    ls.retain(|l| !l.text.is_empty());
    let by_y = |a: &Line, b: &Line| {
        let tolerance = 0.3 * a.size.min(b.size);
        if (a.y - b.y).abs() <= tolerance {
            a.x0.total_cmp(&b.x0)
        } else {
            b.y.total_cmp(&a.y)
        }
    };
    let Some(gutter) = gutter(&ls) else {
        ls.sort_by(by_y);
        return merge_rows(ls);
    };
    for l in &mut ls {
        l.column = if l.x1 <= gutter {
            1
        } else if l.x0 >= gutter {
            2
        } else {
            0
        };
    }
    ls.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out = Vec::with_capacity(ls.len());
    let mut band: Vec<Line> = Vec::new();
    let flush = |band: &mut Vec<Line>, out: &mut Vec<Line>| {
        let mut left: Vec<Line> = band.iter().filter(|l| l.column == 1).cloned().collect();
        let mut right: Vec<Line> = band.iter().filter(|l| l.column == 2).cloned().collect();
        left.sort_by(by_y);
        right.sort_by(by_y);
        out.extend(merge_rows(left));
        out.extend(merge_rows(right));
        band.clear();
    };
    for l in ls {
        if l.column == 0 {
            flush(&mut band, &mut out);
            out.push(l);
        } else {
            band.push(l);
        }
    }
    flush(&mut band, &mut out);
    out
}

/// Joins segments on the same row of the same column (words a layout
/// spaced widely, table cells). Segments set apart by more than a word
/// space are a table's cells, joined by " | ", unless every gap on the row
/// is about as wide as the others: that is justified text, whose word
/// spaces a narrow column stretches.
fn merge_rows(ls: Vec<Line>) -> Vec<Line> {
    let mut rows: Vec<Vec<Line>> = Vec::new();
    for l in ls {
        if let Some(row) = rows.last_mut()
            && let Some(last) = row.last()
            && last.column == l.column
            && (last.y - l.y).abs() <= 0.3 * last.size.min(l.size)
            && l.x0 >= last.x1 - 0.5 * l.size
        {
            row.push(l);
            continue;
        }
        rows.push(vec![l]);
    }
    rows.into_iter().filter_map(join_row).collect()
}

/// One row's segments as one line (see [`merge_rows`]).
fn join_row(row: Vec<Line>) -> Option<Line> {
    let gaps: Vec<f64> = row.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    let wide = |gap: f64, size: f64| gap > 1.2 * size;
    let (least, most) = gaps
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &g| {
            (a.min(g), b.max(g))
        });
    let justified = gaps.len() >= 2 && least > 0.0 && most <= 1.5 * least;
    let mut segments = row.into_iter();
    let mut line = segments.next()?;
    for l in segments {
        if wide(l.x0 - line.x1, l.size) && !justified {
            line.text.push_str(" | ");
            line.table = true;
        } else {
            line.text.push(' ');
        }
        line.text.push_str(&l.text);
        line.x1 = l.x1;
    }
    Some(line)
}

/// The x of a gap between two columns, if the page has two: an x in the
/// middle of the text that few lines cross, with several lines wholly on
/// either side, side by side down the page.
fn gutter(ls: &[Line]) -> Option<f64> {
    if ls.len() < 4 {
        return None;
    }
    let left = ls.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = ls.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if width.is_nan() || width <= 50.0 {
        return None;
    }
    let crossing = |x: f64| ls.iter().filter(|l| l.x0 < x && l.x1 > x).count();
    // Runs of x with the same number of lines crossing them; the gap is the
    // run at least 4 points wide that the fewest lines cross (the widest of
    // those).
    let mut runs: Vec<(usize, f64, f64)> = Vec::new();
    let mut x = left + 0.3 * width;
    while x <= left + 0.7 * width {
        let n = crossing(x);
        match runs.last_mut() {
            Some(run) if run.0 == n && (run.2 - x).abs() < 1.5 => run.2 = x + 1.0,
            _ => runs.push((n, x, x + 1.0)),
        }
        x += 1.0;
    }
    let best = runs
        .into_iter()
        .filter(|r| r.2 - r.1 >= 4.0)
        .fold(None, pick);
    let (_, start, end) = best?;
    let g = (start + end) / 2.0;
    let lefts: Vec<&Line> = ls.iter().filter(|l| l.x1 <= g).collect();
    let rights: Vec<&Line> = ls.iter().filter(|l| l.x0 >= g).collect();
    if lefts.len() < 2 || rights.len() < 2 {
        return None;
    }
    // Columns are prose: most of their lines run most of a column's width.
    // A table's cells are short, and the gap between two of its columns is
    // no gutter.
    // A row's extent on one side (a row may come as several segments,
    // word by word in justified text).
    let prose = |side: &[&Line]| {
        let mut rows: Vec<(f64, f64, f64)> = Vec::new();
        for l in side {
            match rows.iter_mut().find(|r| (r.0 - l.y).abs() <= 0.3 * l.size) {
                Some(r) => {
                    r.1 = r.1.min(l.x0);
                    r.2 = r.2.max(l.x1);
                }
                None => rows.push((l.y, l.x0, l.x1)),
            }
        }
        rows.iter().filter(|r| r.2 - r.1 >= 0.3 * width).count() >= 2
    };
    if !prose(&lefts) || !prose(&rights) {
        return None;
    }
    let span = |side: &[&Line]| {
        let top = side.iter().map(|l| l.y).fold(f64::NEG_INFINITY, f64::max);
        let bottom = side.iter().map(|l| l.y).fold(f64::INFINITY, f64::min);
        (bottom, top)
    };
    let (lb, lt) = span(&lefts);
    let (rb, rt) = span(&rights);
    let (low, high) = (lb.max(rb), lt.min(rt));
    let overlap = high - low;
    // Few lines may cross the gap where the columns stand side by side; a
    // paragraph across the page above or below them (a lead, a heading, a
    // closing note) is its own band and does not count.
    let band = |l: &&Line| l.y >= low - 1.0 && l.y <= high + 1.0;
    let in_band = ls.iter().filter(band).count();
    let crossing_in_band = ls
        .iter()
        .filter(band)
        .filter(|l| l.x0 < g && l.x1 > g)
        .count();
    (overlap > 0.5 * (lt - lb).min(rt - rb) && crossing_in_band * 7 <= in_band).then_some(g)
}

/// Of two runs of x, the one with fewer crossing lines, then the wider.
fn pick(best: Option<(usize, f64, f64)>, run: (usize, f64, f64)) -> Option<(usize, f64, f64)> {
    match best {
        Some(b) if b.0 < run.0 || (b.0 == run.0 && b.2 - b.1 >= run.2 - run.1) => Some(b),
        _ => Some(run),
    }
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

/// Prefixes that keep their hyphen when a line breaks after them (only
/// those that hardly ever end a syllable: `part-` is `partnership` as
/// often as `part-time`).
const HYPHEN_PREFIXES: &[&str] = &["self", "well", "non"];

/// Joins a line to the paragraph before it, mending a word broken at the
/// line end (see the module's notes).
fn join(para: &mut String, next: &str, words: &HashSet<String>, hyphenated: &HashSet<String>) {
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
            let keep = !soft
                && !words.contains(&joined)
                && (hyphenated.contains(&compound)
                    || HYPHEN_PREFIXES.contains(&head.to_lowercase().as_str())
                    || head.chars().all(char::is_uppercase));
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
fn vocabulary(lines: &[Line]) -> (HashSet<String>, HashSet<String>) {
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

/// Lines from every page as blocks, and the first page's largest heading
/// (a title, where the details give none).
fn layout(pages: &[Page]) -> (Vec<Block>, Option<String>) {
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
            ls.iter()
                .filter(|l| is_heading(l, body))
                .max_by(|a, b| a.size.total_cmp(&b.size))
        })
        .filter(|l| l.size >= body * 1.3)
        .map(|l| {
            // A title set on several lines is all the lines of its size at
            // the top of the first page.
            ordered[0]
                .iter()
                .skip_while(|m| (m.size - l.size).abs() > 0.1)
                .take_while(|m| (m.size - l.size).abs() <= 0.1)
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        // Else a title set in the body's size but bold, as the first line.
        .or_else(|| {
            ordered
                .first()?
                .first()
                .filter(|l| is_heading(l, body))
                .map(|l| l.text.clone())
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
                    let ends = prev
                        .text
                        .trim_end()
                        .ends_with(['.', '!', '?', ':', '"', '”']);
                    return !ends && l.text.chars().next().is_some_and(char::is_lowercase);
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
    l.size >= body * 1.1 && l.text.chars().count() <= 150 && !page_number(&l.text)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments of one row at these x ranges, 10-point text.
    fn row(spans: &[(f64, f64, &str)]) -> Vec<Line> {
        spans
            .iter()
            .map(|&(x0, x1, text)| Line {
                x0,
                x1,
                y: 700.0,
                size: 10.0,
                text: text.to_string(),
                page: 1,
                column: 1,
                table: false,
            })
            .collect()
    }

    #[test]
    fn justified_word_spaces_are_prose_and_uneven_wide_gaps_are_cells() {
        // Justified in a narrow column: every space 15 points, wider than a
        // word space, all alike.
        let justified = merge_rows(row(&[
            (72.0, 95.0, "Right"),
            (110.0, 140.0, "column"),
            (155.0, 190.0, "opening."),
            (205.0, 240.0, "Patients"),
        ]));
        assert_eq!(justified.len(), 1);
        assert_eq!(justified[0].text, "Right column opening. Patients");
        assert!(!justified[0].table);
        // A table's row: cells set apart by gaps of their own widths.
        let cells = merge_rows(row(&[
            (72.0, 120.0, "Trust"),
            (200.0, 230.0, "2014"),
            (250.0, 270.0, "12"),
        ]));
        assert_eq!(cells[0].text, "Trust | 2014 | 12");
        assert!(cells[0].table);
        // Two cells: one gap tells nothing of evenness; a table row still.
        assert_eq!(
            merge_rows(row(&[(72.0, 120.0, "A"), (200.0, 230.0, "B")]))[0].text,
            "A | B"
        );
    }

    /// A page of lines, each one glyph: (y, size, x1, text), from x = 72.
    fn page(lines: &[(f64, f64, f64, &str)]) -> Page {
        Page {
            number: 1,
            bottom: 0.0,
            top: 842.0,
            glyphs: lines
                .iter()
                .map(|&(y, size, end, text)| Glyph {
                    x: 72.0,
                    end,
                    y,
                    size,
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn headings_in_slightly_larger_or_body_type_are_told_by_their_place() {
        const FULL: f64 = 520.0;
        let text = "Mergers are often justified by savings in back office costs that rarely";
        let (blocks, _) = layout(&[page(&[
            (780.0, 14.0, 200.0, "1. Introduction"),
            (760.0, 10.5, FULL, text),
            (747.0, 10.5, FULL, text),
            (734.0, 10.5, 300.0, "come within three years."),
            // 12 point over 10.5: a sub-heading.
            (712.0, 12.0, 290.0, "Staff turnover after the merger"),
            (697.0, 10.5, FULL, text),
            (684.0, 10.5, 300.0, "come within three years."),
            // The body's size, set apart above: a heading in bold.
            (662.0, 10.5, 230.0, "Leadership and culture"),
            (649.0, 10.5, FULL, text),
            (636.0, 10.5, 300.0, "come within three years."),
            // Short lines evenly spaced: a list without bullets, not
            // headings.
            (614.0, 10.5, 200.0, "Shared back office"),
            (601.0, 10.5, 200.0, "Joint procurement"),
            (588.0, 10.5, FULL, text),
            (575.0, 10.5, 300.0, "come within three years."),
            // A lead set larger, running on: a paragraph, not a heading.
            (550.0, 12.5, FULL, text),
            (535.0, 12.5, FULL, text),
            (520.0, 12.5, 300.0, "come within three years at all"),
        ])]);
        let kinds: Vec<(bool, &str)> = blocks
            .iter()
            .map(|b| (matches!(b.kind, BlockKind::Heading { .. }), &b.text[..12]))
            .collect();
        assert_eq!(
            kinds,
            [
                (true, "1. Introduct"),
                (false, "Mergers are "),
                (true, "Staff turnov"),
                (false, "Mergers are "),
                (true, "Leadership a"),
                (false, "Mergers are "),
                (false, "Shared back "),
                (false, "Mergers are "),
            ],
            "{blocks:#?}"
        );
    }

    #[test]
    fn page_numbers_are_told() {
        for t in ["12", "- 12 -", "Page 3", "3 of 40", "xii", "Page 2 / 9"] {
            assert!(page_number(t), "{t}");
        }
        for t in ["12 angry men", "Chapter 3", "2014 review of care", "Mix"] {
            assert!(!page_number(t), "{t}");
        }
    }

    #[test]
    fn broken_words_are_mended() {
        let words: HashSet<String> = ["organisation"].iter().map(|s| s.to_string()).collect();
        let hyphenated: HashSet<String> = ["knee-implant"].iter().map(|s| s.to_string()).collect();
        let mended = |a: &str, b: &str| {
            let mut p = a.to_string();
            join(&mut p, b, &words, &hyphenated);
            p
        };
        assert_eq!(
            mended("the organ-", "isation works"),
            "the organisation works"
        );
        assert_eq!(mended("a knee-", "implant"), "a knee-implant");
        assert_eq!(mended("self-", "assessment"), "self-assessment");
        assert_eq!(mended("ser-", "vices"), "services");
        assert_eq!(mended("ends -", "New"), "ends - New");
        assert_eq!(mended("plain", "next"), "plain next");
    }

    #[test]
    fn dates_and_strings() {
        assert_eq!(pdf_date("D:20240305120000Z").as_deref(), Some("2024-03-05"));
        assert_eq!(pdf_date("D:2024").as_deref(), Some("2024"));
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(text_string(&[0xFE, 0xFF, 0, b'A', 0, 0xE9]), "Aé");
        assert_eq!(text_string(b"Caf\xe9"), "Café");
        assert!(junk_title("Microsoft Word - draft.docx"));
        assert!(!junk_title("Annual report"));
    }
}
