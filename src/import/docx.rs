//! Word (`.docx`): a zip of XML parts, read with `zip` and `quick-xml`.
//! `word/document.xml` gives the paragraphs in order; a paragraph's style
//! (resolved through `word/styles.xml` by name, so a Word in any language
//! is read: "heading 1", or an outline level) makes it a heading or the
//! title, and its numbering (`word/numbering.xml`) a list item, bulleted or
//! numbered, at its level. A table is read row by row, each row one passage
//! of its cells joined by " | ". Footnotes are numbered in the text (`[1]`)
//! and follow it as paragraphs under "Notes". Title, author and date come
//! from `docProps/core.xml`. A Word document has no pages until it is laid
//! out for printing, so no passage has a page (the report says so).

use super::document::{Block, BlockKind, Document};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most a part is unpacked to: a zip that claims more is refused
/// rather than filling memory.
const MAX_PART: u64 = 256 << 20;

/// Reads a Word document.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a readable Word document: the file is damaged or cut short ({e})")
    })?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let Ok(file) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut text = String::new();
        file.take(MAX_PART + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("its part {name} cannot be read: the file is damaged ({e})"))?;
        if text.len() as u64 > MAX_PART {
            return Err(format!(
                "its part {name} unpacks to more than {} MB",
                MAX_PART >> 20
            ));
        }
        Ok(Some(text))
    };
    let Some(document) = part("word/document.xml")? else {
        return Err("a zip file but not a Word document (it has no word/document.xml)".to_string());
    };
    let styles = part("word/styles.xml")?
        .map(|x| styles(&x))
        .unwrap_or_default();
    let numbering = part("word/numbering.xml")?
        .map(|x| numbering(&x))
        .unwrap_or_default();
    let notes = part("word/footnotes.xml")?
        .map(|x| footnotes(&x, &styles, &numbering))
        .transpose()?
        .unwrap_or_default();
    let core = part("docProps/core.xml")?
        .map(|x| core(&x))
        .unwrap_or_default();
    let mut body = Body::new(&styles, &numbering);
    body.read(&document)?;
    let mut blocks = body.blocks;
    // The title the reader sees (the Title style) over the file's property,
    // which templates often leave stale.
    let mut title = body
        .title
        .or(core.title.filter(|t| !super::pdf::junk_title(t)));
    if title.is_none()
        && let Some(BlockKind::Heading { level: 1 }) = blocks.first().map(|b| b.kind)
        && blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading { level: 1 })
            .count()
            == 1
    {
        title = Some(blocks.remove(0).text);
    }
    // Footnotes in the order the text calls them.
    let mut called: Vec<(usize, String)> = body
        .calls
        .iter()
        .enumerate()
        .filter_map(|(i, id)| notes.get(id).map(|t| (i + 1, t.clone())))
        .collect();
    if !called.is_empty() {
        // A section beside the document's own top sections.
        let top = blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => Some(level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        blocks.push(Block::heading(top, "Notes"));
        for (n, text) in called.drain(..) {
            blocks.push(Block::paragraph(format!("[{n}] {text}")));
        }
    }
    // The date written under the title is the work's; the file's creation
    // date is only the file's, used when there is no other.
    Ok(Document {
        title,
        subtitle: body.subtitle,
        authors: if core.authors.is_empty() {
            body.authors
        } else {
            core.authors
        },
        date_from_file: body.date.is_none() && core.date.is_some(),
        date: body.date.or(core.date),
        url: None,
        publisher: None,
        pages: None,
        blocks,
        notes: Vec::new(),
    })
}

/// An attribute's value by its local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// What a style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StyleKind {
    Title,
    /// The subtitle under the title: a detail of the work, not its text.
    Subtitle,
    Heading(u8),
    /// The author and date lines under a title (pandoc's and some
    /// templates' styles): details, not text.
    Author,
    Date,
    /// Word's list styles ("List Bullet", "List Number 2"), whose numbering
    /// is the style's, not the paragraph's.
    List {
        depth: u8,
        ordered: bool,
    },
}

/// The list a style's name makes: "list bullet 2" is a bulleted item one
/// level in.
fn list_style(name: &str) -> Option<StyleKind> {
    let (rest, ordered) = if let Some(rest) = name.strip_prefix("list bullet") {
        (rest, false)
    } else {
        (name.strip_prefix("list number")?, true)
    };
    let depth = match rest.trim() {
        "" => 0,
        n => n.parse::<u8>().ok()?.clamp(1, 9) - 1,
    };
    Some(StyleKind::List { depth, ordered })
}

/// Style ids that make a heading or the title, by the style's name or
/// outline level (the id itself is language-dependent: `berschrift1`).
fn styles(xml: &str) -> HashMap<String, StyleKind> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut id: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "style" => id = attr(&e, "styleId"),
                "name" => {
                    if let (Some(id), Some(name)) = (&id, attr(&e, "val")) {
                        let name = name.to_ascii_lowercase();
                        if name == "title" {
                            out.insert(id.clone(), StyleKind::Title);
                        } else if name == "subtitle" {
                            out.insert(id.clone(), StyleKind::Subtitle);
                        } else if name == "author" {
                            out.insert(id.clone(), StyleKind::Author);
                        } else if name == "date" {
                            out.insert(id.clone(), StyleKind::Date);
                        } else if let Some(n) = name
                            .strip_prefix("heading ")
                            .and_then(|n| n.trim().parse::<u8>().ok())
                        {
                            out.insert(id.clone(), StyleKind::Heading(n.clamp(1, 6)));
                        } else if let Some(list) = list_style(&name) {
                            out.insert(id.clone(), list);
                        }
                    }
                }
                "outlineLvl" => {
                    if let (Some(id), Some(n)) =
                        (&id, attr(&e, "val").and_then(|v| v.parse::<u8>().ok()))
                        && n < 9
                    {
                        out.entry(id.clone())
                            .or_insert(StyleKind::Heading(n.saturating_add(1).min(6)));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Which (numbering id, level) lists are numbered rather than bulleted.
fn numbering(xml: &str) -> HashMap<(String, u8), bool> {
    let mut abstract_levels: HashMap<(String, u8), bool> = HashMap::new();
    let mut num_to_abstract: Vec<(String, String)> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let (mut abs, mut lvl, mut num): (Option<String>, Option<u8>, Option<String>) =
        (None, None, None);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "abstractNum" => abs = attr(&e, "abstractNumId"),
                "lvl" => lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "numFmt" => {
                    if let (Some(a), Some(l), Some(f)) = (&abs, lvl, attr(&e, "val")) {
                        abstract_levels
                            .insert((a.clone(), l), !matches!(f.as_str(), "bullet" | "none"));
                    }
                }
                "num" => num = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num, attr(&e, "val")) {
                        num_to_abstract.push((n.clone(), a));
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "abstractNum" => abs = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for (n, a) in num_to_abstract {
        for ((abs_id, level), ordered) in &abstract_levels {
            if *abs_id == a {
                out.insert((n.clone(), *level), *ordered);
            }
        }
    }
    out
}

/// Footnote texts by id.
fn footnotes(
    xml: &str,
    styles: &HashMap<String, StyleKind>,
    numbering: &HashMap<(String, u8), bool>,
) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut depth_start: Option<(String, usize)> = None;
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "footnote" => {
                depth_start = attr(&e, "id").map(|id| (id, pos));
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "footnote" => {
                let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                if let Some((id, start)) = depth_start.take()
                    && let Some(part) = xml.get(start..end)
                {
                    let mut body = Body::new(styles, numbering);
                    body.read(part)?;
                    let text = body
                        .blocks
                        .iter()
                        .map(|b| b.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let text = super::fold(&text);
                    if !text.is_empty() {
                        out.insert(id, text);
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "its footnotes cannot be read: the file is damaged ({e})"
                ));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Title, authors and date from `docProps/core.xml`.
#[derive(Default)]
struct Core {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
}

fn core(xml: &str) -> Core {
    let mut out = Core::default();
    let mut reader = Reader::from_str(xml);
    let mut field: Option<String> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                field = Some(e.local_name().as_ref().to_string());
                text.clear();
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => text.push_str(&reference(&r)),
            Ok(Event::End(_)) => {
                let value = super::fold(&text);
                match field.take().as_deref() {
                    Some("title") if !value.is_empty() => out.title = Some(value),
                    Some("creator") if !value.is_empty() => {
                        out.authors = value
                            .split(';')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                    Some("created") => {
                        let day = crate::corpus::normalise_date(&value);
                        if crate::corpus::valid_date(&day) {
                            out.date = Some(day);
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// An entity or character reference's text (`&amp;` → `&`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .unwrap_or_default()
        .to_string()
}

/// The paragraphs of a body (or a footnote), as blocks.
struct Body<'a> {
    styles: &'a HashMap<String, StyleKind>,
    numbering: &'a HashMap<(String, u8), bool>,
    blocks: Vec<Block>,
    title: Option<String>,
    /// The Subtitle style's paragraph under the title.
    subtitle: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    /// Footnote ids in the order the text calls them.
    calls: Vec<String>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    level: u8,
}

impl<'a> Body<'a> {
    fn new(
        styles: &'a HashMap<String, StyleKind>,
        numbering: &'a HashMap<(String, u8), bool>,
    ) -> Self {
        Body {
            styles,
            numbering,
            blocks: Vec::new(),
            title: None,
            subtitle: None,
            authors: Vec::new(),
            date: None,
            calls: Vec::new(),
        }
    }

    /// Reads the XML, one event at a time. Long (about 90 lines) because it
    /// is one loop over the elements that matter, each arm a line or two.
    fn read(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        let mut para: Option<Para> = None;
        // Open tables: the current row's cells, and the cell being read.
        let mut tables: Vec<(Vec<String>, String)> = Vec::new();
        let mut in_text = false;
        let mut skip = 0usize; // inside deleted text or a field's instructions
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("its text cannot be read: the file is damaged ({e})"))?;
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "p" => para = Some(Para::default()),
                    "t" => in_text = true,
                    "del" | "instrText" | "delText" => skip += 1,
                    "tbl" => tables.push((Vec::new(), String::new())),
                    "pStyle" | "outlineLvl" | "ilvl" | "numId" => props(&mut para, &e),
                    _ => {}
                },
                Event::Empty(e) => match e.local_name().as_ref() {
                    "pStyle" | "outlineLvl" | "ilvl" | "numId" => props(&mut para, &e),
                    "tab" | "br" | "cr" => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    "footnoteReference" => {
                        if let (Some(p), Some(id)) = (para.as_mut(), attr(&e, "id")) {
                            self.calls.push(id);
                            p.text.push_str(&format!("[{}]", self.calls.len()));
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if in_text && skip == 0 => {
                    if let Some(p) = para.as_mut() {
                        p.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) if in_text && skip == 0 => {
                    if let Some(p) = para.as_mut() {
                        p.text.push_str(&reference(&r));
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "del" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                    "p" => {
                        if let Some(p) = para.take() {
                            match tables.last_mut() {
                                Some((_, cell)) => {
                                    if !cell.is_empty() {
                                        cell.push(' ');
                                    }
                                    cell.push_str(&p.text);
                                }
                                None => self.paragraph(p),
                            }
                        }
                    }
                    "tc" => {
                        if let Some((row, cell)) = tables.last_mut() {
                            row.push(super::fold(cell));
                            cell.clear();
                        }
                    }
                    "tr" => {
                        if let Some((row, _)) = tables.last_mut() {
                            let cells: Vec<String> = std::mem::take(row);
                            let line = cells
                                .iter()
                                .filter(|c| !c.is_empty())
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" | ");
                            if tables.len() == 1 {
                                self.blocks.push(Block::paragraph(line));
                            } else if let Some((_, outer)) = tables.iter_mut().rev().nth(1) {
                                // A table in a cell: its rows are the cell's text.
                                if !outer.is_empty() {
                                    outer.push(' ');
                                }
                                outer.push_str(&line);
                            }
                        }
                    }
                    "tbl" => {
                        tables.pop();
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// A finished paragraph, as a heading, the title, a list item or a paragraph.
    fn paragraph(&mut self, p: Para) {
        let text = super::fold(&p.text);
        if text.is_empty() {
            return;
        }
        let style = p.style.as_ref().and_then(|s| self.styles.get(s)).copied();
        let kind = match (style, p.outline) {
            (Some(StyleKind::Title), _) if self.title.is_none() => {
                self.title = Some(text);
                return;
            }
            // Before any text: under the title, it is the work's subtitle.
            (Some(StyleKind::Subtitle), _) if self.subtitle.is_none() && self.blocks.is_empty() => {
                self.subtitle = Some(text);
                return;
            }
            (Some(StyleKind::Author), _) => {
                self.authors.push(text);
                return;
            }
            (Some(StyleKind::Date), _) => {
                let day = crate::corpus::normalise_date(&text);
                if crate::corpus::valid_date(&day) {
                    self.date = Some(day);
                    return;
                }
                BlockKind::Paragraph
            }
            (Some(StyleKind::Heading(n)), _) => BlockKind::Heading { level: n },
            (_, Some(n)) if n < 9 => BlockKind::Heading {
                level: n.saturating_add(1).min(6),
            },
            _ => match (&p.num_id, style) {
                (Some(id), _) if id != "0" => BlockKind::Item {
                    depth: p.level.min(8),
                    ordered: self
                        .numbering
                        .get(&(id.clone(), p.level))
                        .copied()
                        .unwrap_or(false),
                },
                (None, Some(StyleKind::List { depth, ordered })) => {
                    BlockKind::Item { depth, ordered }
                }
                _ => BlockKind::Paragraph,
            },
        };
        self.blocks.push(Block {
            kind,
            text,
            pages: None,
        });
    }
}

/// A paragraph property: its style, outline level, or list numbering.
fn props(para: &mut Option<Para>, e: &BytesStart<'_>) {
    let Some(p) = para.as_mut() else { return };
    let val = attr(e, "val");
    match e.local_name().as_ref() {
        "pStyle" => p.style = val,
        "outlineLvl" => p.outline = val.and_then(|v| v.parse().ok()),
        "ilvl" => p.level = val.and_then(|v| v.parse().ok()).unwrap_or(0),
        "numId" => p.num_id = val,
        _ => {}
    }
}
