//! Documents made for tests and benches, with known text: PDFs written by a
//! small PDF writer (Helvetica, one or two columns, running headers, page
//! numbers, hyphenated line ends, footnotes, details in the Info dictionary,
//! an encrypted or an image-only variant), Word documents written as a zip
//! of XML parts, and web pages with the chrome real ones have (navigation,
//! cookie banner, sidebar, footer). Benches include this file by path.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::io::Write as _;

/// A piece of a document's text, as a test puts it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Para {
    Heading(String),
    Text(String),
    Bullet(String),
    /// Set small at the foot of the page it falls on.
    Footnote(String),
}

pub fn heading(t: &str) -> Para {
    Para::Heading(t.to_string())
}
pub fn text(t: &str) -> Para {
    Para::Text(t.to_string())
}
pub fn bullet(t: &str) -> Para {
    Para::Bullet(t.to_string())
}
pub fn footnote(t: &str) -> Para {
    Para::Footnote(t.to_string())
}

/// How a PDF lays its text out.
#[derive(Debug, Clone)]
pub struct Layout {
    pub columns: usize,
    /// A line repeated at the top of every page but the first.
    pub header: Option<String>,
    /// A page number at the foot of every page.
    pub page_numbers: bool,
    /// Break long words at line ends with a hyphen.
    pub hyphenate: bool,
    /// Body lines per column.
    pub lines: usize,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `D:YYYYMMDD…`
    pub created: Option<String>,
    pub encrypted: bool,
    /// Points from the top of the page to the first line (72 when `None`).
    pub top_margin: Option<f64>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            columns: 1,
            header: None,
            page_numbers: false,
            hyphenate: false,
            lines: 44,
            title: None,
            author: None,
            created: None,
            encrypted: false,
            top_margin: None,
        }
    }
}

/// A run of text placed on a page.
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

const WIDTH: f64 = 595.0;
const HEIGHT: f64 = 842.0;
const MARGIN: f64 = 72.0;
const BODY: f64 = 11.0;
const LEADING: f64 = 14.0;

/// The width of text in Helvetica at `size` (close enough for breaking lines).
fn width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '.' | ',' | ':' | ';' | ' ' | 'f' | 't' | 'I' => 0.28,
            'm' | 'w' | 'M' | 'W' => 0.85,
            'A'..='Z' => 0.68,
            _ => 0.55,
        })
        .sum::<f64>()
        * size
}

/// Breaks a paragraph into lines of at most `max` points, hyphenating a
/// long word that does not fit when asked.
fn lines(text: &str, max: f64, size: f64, hyphenate: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= max || line.is_empty() {
            line = candidate;
            continue;
        }
        let letters = word.chars().all(char::is_alphabetic);
        if hyphenate && letters && word.chars().count() >= 9 {
            let cut = word.chars().count() / 2;
            let head: String = word.chars().take(cut).collect();
            let tail: String = word.chars().skip(cut).collect();
            let with_head = format!("{line} {head}-");
            if width(&with_head, size) <= max {
                out.push(with_head);
                line = tail;
                continue;
            }
        }
        out.push(std::mem::take(&mut line));
        line = word.to_string();
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// A PDF of `paras` laid out as `layout` says.
pub fn pdf(paras: &[Para], layout: &Layout) -> Vec<u8> {
    let col_gap = 24.0;
    let col_width =
        (WIDTH - 2.0 * MARGIN - col_gap * (layout.columns as f64 - 1.0)) / layout.columns as f64;
    let top = HEIGHT - layout.top_margin.unwrap_or(MARGIN);
    let mut pages: Vec<Vec<Run>> = vec![Vec::new()];
    let mut footnotes: Vec<Vec<String>> = vec![Vec::new()];
    let (mut col, mut row) = (0usize, 0usize);
    let new_column = |pages: &mut Vec<Vec<Run>>,
                      footnotes: &mut Vec<Vec<String>>,
                      col: &mut usize,
                      row: &mut usize| {
        *row = 0;
        *col += 1;
        if *col == layout.columns {
            *col = 0;
            pages.push(Vec::new());
            footnotes.push(Vec::new());
        }
    };
    for p in paras {
        let (size, body, indent) = match p {
            Para::Heading(t) => (16.0, t.as_str(), 0.0),
            Para::Text(t) => (BODY, t.as_str(), 0.0),
            Para::Bullet(t) => (BODY, t.as_str(), 14.0),
            Para::Footnote(t) => {
                footnotes.last_mut().unwrap().push(t.clone());
                continue;
            }
        };
        let broken = lines(
            body,
            col_width - indent,
            size,
            layout.hyphenate && size == BODY,
        );
        // A heading is kept with the first lines of what follows it; a
        // paragraph runs on to the next column or page.
        let needed = if size > BODY { 2 * broken.len() + 3 } else { 1 };
        if row + needed > layout.lines && row > 0 {
            new_column(&mut pages, &mut footnotes, &mut col, &mut row);
        }
        for (i, l) in broken.iter().enumerate() {
            if row >= layout.lines {
                new_column(&mut pages, &mut footnotes, &mut col, &mut row);
            }
            let x = MARGIN + col as f64 * (col_width + col_gap) + indent;
            let y = top - row as f64 * LEADING - if size > BODY { 4.0 } else { 0.0 };
            let mut text = l.clone();
            if i == 0 && matches!(p, Para::Bullet(_)) {
                pages.last_mut().unwrap().push(Run {
                    x: x - 12.0,
                    y,
                    size,
                    text: "\u{2022}".to_string(),
                });
                text = l.clone();
            }
            pages.last_mut().unwrap().push(Run { x, y, size, text });
            row += if size > BODY { 2 } else { 1 };
        }
        row += 1;
    }
    // Footnotes, the header and page numbers.
    for (i, page) in pages.iter_mut().enumerate() {
        let mut y = MARGIN - 6.0;
        for note in footnotes[i].iter().rev() {
            for l in lines(note, WIDTH - 2.0 * MARGIN, 8.0, false).iter().rev() {
                page.push(Run {
                    x: MARGIN,
                    y,
                    size: 8.0,
                    text: l.clone(),
                });
                y += 10.0;
            }
        }
        if let Some(h) = &layout.header
            && i > 0
        {
            page.push(Run {
                x: MARGIN,
                y: HEIGHT - 40.0,
                size: 9.0,
                text: h.clone(),
            });
        }
        if layout.page_numbers {
            page.push(Run {
                x: WIDTH / 2.0,
                y: 30.0,
                size: 9.0,
                text: format!("{}", i + 1),
            });
        }
    }
    write_pdf(&pages, layout, false)
}

/// A PDF whose pages are only an image (a scan with no text layer).
pub fn scanned_pdf(pages: usize) -> Vec<u8> {
    write_pdf(&vec![Vec::new(); pages], &Layout::default(), true)
}

/// A PDF string: ASCII as it is (with `(`, `)` and `\` escaped), other
/// Latin-1 letters as octal escapes (WinAnsiEncoding).
fn pdf_string(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\u{2022}' => out.push_str("\\225"),
            '\u{2013}' => out.push_str("\\226"),
            '\u{2019}' => out.push_str("\\222"),
            c if c.is_ascii() => out.push(c),
            c if (c as u32) < 256 => {
                let _ = write!(out, "\\{:03o}", c as u32);
            }
            _ => out.push('?'),
        }
    }
    out
}

/// A PDF of text placed by hand: each page's runs as (x, y, size, text), y
/// from the bottom of an A4 page, for layouts [`pdf`] does not make.
#[allow(dead_code)]
pub fn placed_pdf(pages: &[Vec<(f64, f64, f64, String)>], layout: &Layout) -> Vec<u8> {
    let pages: Vec<Vec<Run>> = pages
        .iter()
        .map(|p| {
            p.iter()
                .map(|(x, y, size, text)| Run {
                    x: *x,
                    y: *y,
                    size: *size,
                    text: text.clone(),
                })
                .collect()
        })
        .collect();
    write_pdf(&pages, layout, false)
}

/// Lines of `text` at most `max` points wide in body type (for
/// [`placed_pdf`]).
#[allow(dead_code)]
pub fn wrapped(text: &str, max: f64) -> Vec<String> {
    lines(text, max, BODY, false)
}

fn write_pdf(pages: &[Vec<Run>], layout: &Layout, image: bool) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 info, 5 image; then page and content pairs.
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_string());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    );
    let mut info = String::from("<< /Producer (evidence tests)");
    if let Some(t) = &layout.title {
        let _ = write!(info, " /Title ({})", pdf_string(t));
    }
    if let Some(a) = &layout.author {
        let _ = write!(info, " /Author ({})", pdf_string(a));
    }
    if let Some(d) = &layout.created {
        let _ = write!(info, " /CreationDate ({d})");
    }
    info.push_str(" >>");
    objects.push(info);
    objects.push(
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u{0}\u{ff}\u{ff}\u{0}\nendstream"
            .to_string(),
    );
    for (i, runs) in pages.iter().enumerate() {
        let mut content = String::new();
        if image {
            content.push_str("q 451 0 0 698 72 72 cm /Im1 Do Q\n");
        }
        for r in runs {
            let _ = writeln!(
                content,
                "BT /F1 {} Tf {:.2} {:.2} Td ({}) Tj ET",
                r.size,
                r.x,
                r.y,
                pdf_string(&r.text)
            );
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 5 0 R >> >> /Contents {} 0 R >>",
            7 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let encrypt = layout.encrypted.then(|| {
        objects.push(format!(
            "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -3904 >>",
            "5a".repeat(32),
            "c3".repeat(32)
        ));
        objects.len()
    });
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        // Strings are ASCII or escaped, but the image stream's bytes are raw.
        let bytes: Vec<u8> = o.chars().map(|c| c as u32 as u8).collect();
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    let mut trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R",
        objects.len() + 1
    );
    if let Some(e) = encrypt {
        let _ = write!(
            trailer,
            " /Encrypt {e} 0 R /ID [<{0}> <{0}>]",
            "ab".repeat(16)
        );
    }
    trailer.push_str(" >>\n");
    out.extend_from_slice(trailer.as_bytes());
    out.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// Paragraphs of plain prose for long documents: `n` paragraphs, each a few
/// sentences, every word a real one.
pub fn prose(n: usize) -> Vec<Para> {
    const WORDS: &[&str] = &[
        "trusts",
        "providers",
        "merger",
        "services",
        "patients",
        "quality",
        "finance",
        "boards",
        "leadership",
        "buddying",
        "franchise",
        "chains",
        "regulators",
        "clinical",
        "staff",
        "hospitals",
        "community",
        "organisation",
        "evidence",
        "scale",
        "costs",
        "outcomes",
        "governance",
        "partnership",
        "integration",
        "capacity",
        "workforce",
        "strategy",
    ];
    (0..n)
        .map(|i| {
            let mut s = String::new();
            for j in 0..(40 + i % 25) {
                if j > 0 {
                    s.push(' ');
                }
                let w = WORDS[(i * 7 + j * 13 + j / 3) % WORDS.len()];
                if j == 0 {
                    let mut c = w.chars();
                    s.extend(c.next().map(|c| c.to_ascii_uppercase()));
                    s.push_str(c.as_str());
                } else {
                    s.push_str(w);
                }
                if j % 11 == 10 {
                    s.push('.');
                    s.push(' ');
                    s.push_str("The");
                }
            }
            s.push('.');
            if i % 9 == 0 {
                Para::Heading(format!("Section {}", i / 9 + 1))
            } else {
                Para::Text(s)
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Word documents

/// A Word document's body, as a test puts it in.
#[derive(Debug, Clone)]
pub enum DocxPart {
    Title(String),
    Heading(u8, String),
    Para(String),
    /// A list item: depth, numbered.
    Item(u8, bool, String),
    Table(Vec<Vec<String>>),
    /// A paragraph with a footnote at its end.
    WithNote(String, String),
    /// A paragraph in one of Word's list styles (`ListBullet`,
    /// `ListBullet2`, `ListNumber`), whose numbering is the style's.
    Styled(&'static str, String),
}

fn xml_escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(t: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_escape(t)
    )
}

/// A .docx of `parts`, with core properties.
pub fn docx(
    parts: &[DocxPart],
    title: Option<&str>,
    author: Option<&str>,
    created: Option<&str>,
) -> Vec<u8> {
    let mut body = String::new();
    let mut notes = String::new();
    let mut note_id = 1;
    for p in parts {
        match p {
            DocxPart::Title(t) => {
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>{}</w:p>",
                    run(t)
                );
            }
            DocxPart::Heading(level, t) => {
                // Style ids as a German Word writes them: names make them headings.
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"berschrift{level}\"/></w:pPr>{}</w:p>",
                    run(t)
                );
            }
            DocxPart::Para(t) => {
                // Two runs, to check they are joined.
                let (a, b) = t.split_at(t.len() / 2);
                let (a, b) = if t.is_char_boundary(t.len() / 2) {
                    (a, b)
                } else {
                    (t.as_str(), "")
                };
                let _ = write!(body, "<w:p>{}{}</w:p>", run(a), run(b));
            }
            DocxPart::Item(depth, numbered, t) => {
                let num = if *numbered { 2 } else { 1 };
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{depth}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
                    run(t)
                );
            }
            DocxPart::Styled(style, t) => {
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
                    run(t)
                );
            }
            DocxPart::Table(rows) => {
                body.push_str("<w:tbl>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        let _ = write!(body, "<w:tc><w:p>{}</w:p></w:tc>", run(c));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
            DocxPart::WithNote(t, note) => {
                let _ = write!(
                    body,
                    "<w:p>{}<w:r><w:footnoteReference w:id=\"{note_id}\"/></w:r></w:p>",
                    run(t)
                );
                let _ = write!(
                    notes,
                    "<w:footnote w:id=\"{note_id}\"><w:p>{}</w:p></w:footnote>",
                    run(note)
                );
                note_id += 1;
            }
        }
    }
    let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {ns}><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\"?><w:styles {ns}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListBullet2\"><w:name w:val=\"List Bullet 2\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Untertitel\"><w:name w:val=\"Subtitle\"/></w:style>\
         </w:styles>"
    );
    let numbering = format!(
        "<?xml version=\"1.0\"?><w:numbering {ns}>\
         <w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>\
         </w:numbering>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\"?><w:footnotes {ns}><w:footnote w:id=\"0\" w:type=\"separator\"><w:p/></w:footnote>{notes}</w:footnotes>"
    );
    let mut core = String::from(
        "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">",
    );
    if let Some(t) = title {
        let _ = write!(core, "<dc:title>{}</dc:title>", xml_escape(t));
    }
    if let Some(a) = author {
        let _ = write!(core, "<dc:creator>{}</dc:creator>", xml_escape(a));
    }
    if let Some(c) = created {
        let _ = write!(core, "<dcterms:created>{c}</dcterms:created>");
    }
    core.push_str("</cp:coreProperties>");
    let files: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>".to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", footnotes),
        ("docProps/core.xml", core),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------
// Web pages

/// A news-like page: navigation, a cookie banner, the article (`body_html`),
/// a sidebar of links and a footer, with its details in the head.
pub fn web_page(title: &str, author: &str, date: &str, canonical: &str, body_html: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Health Journal</title>
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T09:30:00Z">
<script>window.dataLayer = []; function track() {{ return "tracking code"; }}</script>
<style>.cookie {{ position: fixed; }}</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{body_html}
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ten tips for a healthy winter</a></li><li><a href="/b">Celebrity chef opens hospital canteen</a></li></ul></aside>
</main>
<footer><p>Copyright The Health Journal. All rights reserved. Terms and privacy policy.</p><nav><a href="/about">About us</a> <a href="/contact">Contact</a></nav></footer>
<script>track();</script>
</body></html>"#
    )
}
