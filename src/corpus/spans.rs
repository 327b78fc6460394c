//! Where each passage lies in its file, so that one passage can be read back
//! without parsing its whole report.
//!
//! A search shows a handful of passages from reports of up to hundreds of
//! kilobytes. An index records, per report, a compact block: for each passage
//! the byte range of its markdown, the range of the heading it sits under, and
//! its place in any list. Showing a hit is then two small reads and a parse of
//! a few hundred bytes. A passage is recorded only when reading its stretch
//! alone gives exactly what reading the whole file gave (checked when the block
//! is made); any other passage is read with its whole report, as before.
//!
//! A block is a list of LEB128 numbers: the report's default themes (count,
//! then length and bytes of each), then per passage a number holding flags
//! and its list depth (so one byte for most passages) and, when the passage
//! can be read alone, the gap from the previous recorded passage's end, its
//! length, its number in an ordered list, and, when its heading differs from
//! the last one recorded, how far back the heading starts and its length.

use super::load::finish_passages;
use super::parse::{Parsed, read_alone};
use super::record::{Reader, put, put_str};
use super::{Block, Passage};
use std::collections::HashSet;
use std::path::Path;

const ALONE: u64 = 1;
const ITEM: u64 = 2;
const NUMBERED: u64 = 4;
const NEW_HEADING: u64 = 8;
const LEAD_IN: u64 = 16;
const LEAD_IN_PASSAGE: u64 = 32;
/// The flags take the low bits; the list depth is shifted above them.
const DEPTH_SHIFT: u32 = 6;

/// What a block says of one passage that can be read alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte range of the passage's markdown in its file.
    pub start: usize,
    pub end: usize,
    /// Byte range of its section's heading in the file.
    pub heading: Option<(usize, usize)>,
    /// The lead-in its section carries (kept as text: a lead-in is a line,
    /// and reading it back alone would need its list).
    pub lead_in: Option<String>,
    /// The lead-in is a passage of its own (see [`Passage::heading`]).
    pub lead_in_passage: bool,
    pub block: Block,
}

/// Reads passage `k` alone from its file's bytes, finished as a whole-corpus
/// load finishes it (unknown themes dropped, repeats removed).
pub(crate) fn read_span(
    report_id: &str,
    default_themes: &[String],
    span: &Span,
    k: usize,
    file: &[u8],
    heading: Option<&[u8]>,
    theme_ids: &HashSet<&str>,
) -> Option<Passage> {
    let text = std::str::from_utf8(file).ok()?;
    let heading = match heading {
        Some(h) => Some(std::str::from_utf8(h).ok()?),
        None => None,
    };
    let passage = read_alone(
        report_id,
        default_themes,
        text,
        heading,
        span.lead_in.as_deref().map(|l| (l, span.lead_in_passage)),
        k + 1,
        span.block,
    )?;
    let mut one = [passage];
    finish_passages(&mut one, Path::new(""), theme_ids, &mut Vec::new());
    let [passage] = one;
    Some(passage)
}

/// Makes a report's block from its parse, recording each passage that reads
/// back alone as `passages` (the finished passages) has it.
pub(crate) fn encode(
    parsed: &Parsed,
    bytes: &[u8],
    passages: &[Passage],
    theme_ids: &HashSet<&str>,
) -> Vec<u8> {
    let mut out = Vec::new();
    put(&mut out, parsed.default_themes.len() as u64);
    for t in &parsed.default_themes {
        put_str(&mut out, t);
    }
    // Offsets in the parsed text are file offsets only when decoding changed
    // nothing (no byte-order mark, no CRLF or lone CR line ends).
    let same_bytes = parsed.text.as_bytes() == bytes;
    let base = parsed.body_start;
    let report_id = passages.first().map_or("", |p| p.report_id.as_str());
    let mut prev_end = 0usize;
    let mut last_heading: Option<(usize, usize)> = None;
    for (k, (raw, passage)) in parsed.raw.iter().zip(passages).enumerate() {
        let next_start = parsed.raw.get(k + 1).map_or(usize::MAX, |r| r.start);
        let span = Span {
            start: base + raw.start,
            end: base + raw.end.min(next_start),
            heading: raw.heading.map(|(s, e)| (base + s, base + e)),
            lead_in: raw.lead_in.clone(),
            lead_in_passage: raw.passage.lead_in.is_some(),
            block: passage.block,
        };
        let reads_back = same_bytes
            && span.start >= prev_end
            && span.start < span.end
            && span.end <= bytes.len()
            && span.heading.is_none_or(|(s, e)| s < e && e <= span.start)
            && read_span(
                report_id,
                &parsed.default_themes,
                &span,
                k,
                &bytes[span.start..span.end],
                span.heading.map(|(s, e)| &bytes[s..e]),
                theme_ids,
            )
            .is_some_and(|alone| same_but_line(&alone, passage));
        if !reads_back {
            put(&mut out, 0);
            continue;
        }
        let (depth, number) = match span.block {
            Block::Paragraph { depth } => (depth, None),
            Block::ListItem { depth, number } => (depth, number),
        };
        let new_heading = span.heading.is_some() && span.heading != last_heading;
        let mut flags = ALONE;
        if matches!(span.block, Block::ListItem { .. }) {
            flags |= ITEM;
        }
        if number.is_some() {
            flags |= NUMBERED;
        }
        if new_heading {
            flags |= NEW_HEADING;
        }
        if span.lead_in.is_some() {
            flags |= LEAD_IN;
        }
        if span.lead_in_passage {
            flags |= LEAD_IN_PASSAGE;
        }
        put(&mut out, flags | (u64::from(depth) << DEPTH_SHIFT));
        put(&mut out, (span.start - prev_end) as u64);
        put(&mut out, (span.end - span.start) as u64);
        if let Some(n) = number {
            put(&mut out, n);
        }
        if let Some((s, e)) = span.heading.filter(|_| new_heading) {
            put(&mut out, (span.start - s) as u64);
            put(&mut out, (e - s) as u64);
            last_heading = span.heading;
        }
        if let Some(lead) = &span.lead_in {
            put_str(&mut out, lead);
        }
        prev_end = span.end;
    }
    out
}

/// Whether two readings of a passage agree in all but the line number (which
/// a passage read alone does not know).
fn same_but_line(a: &Passage, b: &Passage) -> bool {
    let Passage {
        id,
        report_id,
        section,
        text,
        themes,
        block,
        emphasis,
        pages,
        line: _,
        role,
        lead_in,
    } = a;
    *text == b.text
        && *role == b.role
        && *lead_in == b.lead_in
        && *id == b.id
        && *report_id == b.report_id
        && *section == b.section
        && *themes == b.themes
        && *block == b.block
        && *emphasis == b.emphasis
        && *pages == b.pages
}

/// Reads a block: the report's default themes and passage `k`'s span, or
/// `None` when that passage must be read with its whole report.
pub(crate) fn decode(block: &[u8], k: usize) -> Option<(Vec<String>, Span)> {
    let mut r = Reader::new(block);
    let themes = (0..r.usize()?)
        .map(|_| r.string())
        .collect::<Option<Vec<_>>>()?;
    let mut prev_end = 0usize;
    let mut heading: Option<(usize, usize)> = None;
    for i in 0..=k {
        let flags = r.get()?;
        if flags & ALONE == 0 {
            if i == k {
                return None;
            }
            continue;
        }
        let start = prev_end.checked_add(r.usize()?)?;
        // A recorded passage is never empty.
        let len = r.usize().filter(|&n| n > 0)?;
        let end = start.checked_add(len)?;
        let depth = u8::try_from(flags >> DEPTH_SHIFT).ok()?;
        let number = if flags & NUMBERED != 0 {
            Some(r.get()?)
        } else {
            None
        };
        if flags & NEW_HEADING != 0 {
            let s = start.checked_sub(r.usize()?)?;
            heading = Some((s, s.checked_add(r.usize()?)?));
        }
        let lead_in = if flags & LEAD_IN != 0 {
            Some(r.string()?)
        } else {
            None
        };
        prev_end = end;
        if i == k {
            let block = if flags & ITEM != 0 {
                Block::ListItem { depth, number }
            } else {
                Block::Paragraph { depth }
            };
            return Some((
                themes,
                Span {
                    start,
                    end,
                    heading,
                    lead_in,
                    lead_in_passage: flags & LEAD_IN_PASSAGE != 0,
                    block,
                },
            ));
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::corpus::parse::parse_file;

    const REPORT: &str = "+++\nid = \"r\"\ntitle = \"R\"\nthemes = [\"a\"]\n+++\n\n\
        # Title\n\nIntro, *emphasised* and `code`. <!-- #intro b -->\n\n\
        ## First section:\n\nA paragraph\nover two lines.\n\n\
        - item one <!-- #i1 -->\n- item two\n  - nested **strong**\n\n  more of item two\n\n\
        ## Second\n\n3. third\n4. fourth <!-- #4th a zz a -->\n\n> quoted\n> text\n\n\
        A repeated id. <!-- #i1 -->\n";

    fn themes() -> HashSet<&'static str> {
        ["a", "b"].into_iter().collect()
    }

    #[test]
    fn every_passage_reads_back_alone_as_the_whole_file_reads_it() {
        let parsed = parse_file(Path::new("r.md"), REPORT.as_bytes());
        let mut passages = parsed.report.as_ref().unwrap().passages.to_vec();
        finish_passages(&mut passages, Path::new("r.md"), &themes(), &mut Vec::new());
        let block = encode(&parsed, REPORT.as_bytes(), &passages, &themes());
        let mut alone = 0;
        for (k, p) in passages.iter().enumerate() {
            let Some((defaults, span)) = decode(&block, k) else {
                // Alone, a quote's second line would be a quote of its own,
                // and a renamed repeated id would be the id as written.
                assert!(["r/9", "r/i1.2"].contains(&p.id.as_str()), "{p:?}");
                continue;
            };
            let heading = span.heading.map(|(s, e)| &REPORT.as_bytes()[s..e]);
            let back = read_span(
                "r",
                &defaults,
                &span,
                k,
                &REPORT.as_bytes()[span.start..span.end],
                heading,
                &themes(),
            )
            .unwrap();
            assert_eq!(
                back,
                Passage {
                    line: 0,
                    ..p.clone()
                }
            );
            alone += 1;
        }
        assert_eq!(alone, passages.len() - 2);
        let sections: Vec<Option<&str>> = passages.iter().map(|p| p.section.as_deref()).collect();
        assert!(sections.contains(&Some("First section:")), "{sections:?}");
        assert!(passages.iter().any(|p| p.text == "quoted text"));
    }

    #[test]
    fn crlf_and_lone_cr_files_are_read_whole() {
        for ends in ["\r\n", "\r"] {
            let text = REPORT.replace('\n', ends);
            let parsed = parse_file(Path::new("r.md"), text.as_bytes());
            let report = parsed.report.as_ref().unwrap();
            assert_eq!(report.id, "r", "{ends:?}: the front matter is read");
            let mut passages = report.passages.to_vec();
            finish_passages(&mut passages, Path::new("r.md"), &themes(), &mut Vec::new());
            assert!(passages.iter().all(|p| !p.text.contains('\r')));
            let block = encode(&parsed, text.as_bytes(), &passages, &themes());
            assert!((0..passages.len()).all(|k| decode(&block, k).is_none()));
        }
    }

    #[test]
    fn a_damaged_block_reads_as_nothing() {
        assert_eq!(decode(&[], 0), None);
        assert_eq!(decode(&[0x80, 0x80], 0), None);
        assert_eq!(decode(&[0, 1, 5, 0], 0), None);
    }
}
