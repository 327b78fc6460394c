//! The PDF reader's parts on lines and glyphs made by hand.

use super::columns::merge_rows;
use super::details::{junk_title, pdf_date, text_string};
use super::*;
use std::collections::HashSet;

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
    // Two words that make none joined: a compound, its hyphen kept.
    assert_eq!(
        mended("the post-", "merger period"),
        "the post-merger period"
    );
    assert_eq!(mended("Ninety-", "two per cent"), "Ninety-two per cent");
    // Two words that make one joined: one word broken.
    assert_eq!(mended("man-", "age the trust"), "manage the trust");
    assert_eq!(mended("care-", "fully"), "carefully");
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
    for t in [
        "Draft_v7_final",
        "report2019",
        "Document1",
        "board-paper.pdf",
    ] {
        assert!(junk_title(t), "{t}");
    }
    for t in ["Mergers briefing", "Buddying", "NHS", "COVID-19", "2019"] {
        assert!(!junk_title(t), "{t}");
    }
}

/// A raised number set small right after a word (or a per cent sign) is a
/// call to a footnote, bracketed as Word's are, without a separator it
/// ended on; a raised number after a digit or a one- or two-letter symbol
/// (a power: `10²`, `R²`), and a note's own number opening its line, stay
/// as they are.
#[test]
fn footnote_calls_in_raised_small_type_are_set_apart() {
    let glyph = |x: f64, y: f64, size: f64, text: &str| Glyph {
        x,
        end: x + 0.5 * size * text.chars().count() as f64,
        y,
        size,
        text: text.to_string(),
    };
    let page = Page {
        number: 1,
        bottom: 0.0,
        top: 842.0,
        glyphs: vec![
            glyph(72.0, 700.0, 10.0, "cost more than expected"),
            glyph(187.0, 704.0, 6.0, "1"),
            glyph(190.0, 704.0, 6.0, "2"),
            glyph(193.0, 700.0, 10.0, ". Area of 10"),
            glyph(253.0, 704.0, 6.0, "2"),
            glyph(72.0, 600.0, 10.0, "fell by 4%"),
            glyph(122.0, 604.0, 6.0, "1,"),
            glyph(125.0, 604.0, 6.0, " "),
            glyph(130.0, 600.0, 10.0, "with an R"),
            glyph(175.0, 604.0, 6.0, "2"),
            glyph(72.0, 100.0, 6.0, "3"),
            glyph(78.0, 98.0, 8.0, "Gaynor M (2012) Merger mania."),
        ],
    };
    let lines = segments(&page);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "cost more than expected[12]. Area of 102",
            "fell by 4%[1] with an R2",
            "3 Gaynor M (2012) Merger mania."
        ]
    );
}
