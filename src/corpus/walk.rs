//! The walk over one file's markdown events that collects its passages:
//! paragraphs and list items, each with its section (the heading above it and
//! any list lead-in), emphasis, marker comment and byte ranges in the body.

use super::parse::{Marker, RawPassage, parse_marker, section_of};
use super::{Block, Emphasis, EmphasisStyle, Passage, Role};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A passage being collected from the event stream.
struct Open {
    text: String,
    block: Block,
    start: usize,
    end: usize,
    marker: Option<Marker>,
    marker_at: Option<usize>,
    emphasis: Vec<Emphasis>,
    open_emphasis: Vec<(EmphasisStyle, usize)>,
    /// An item's text ends where its nested list starts.
    closed: bool,
}

impl Open {
    fn new(block: Block, range: std::ops::Range<usize>) -> Self {
        Open {
            text: String::new(),
            block,
            start: range.start,
            end: range.end,
            marker: None,
            marker_at: Some(range.start),
            emphasis: Vec::new(),
            open_emphasis: Vec::new(),
            closed: false,
        }
    }

    /// Appends text with whitespace runs folded to one space.
    fn push(&mut self, s: &str) {
        // Most text is words between single spaces, often with a space at
        // one end (before an inline comment or emphasis): copied whole, but
        // for a leading space where folding would drop it.
        let simple = is_simple(s);
        if !simple {
            fold_whitespace(&mut self.text, s);
        } else if let Some(rest) = s.strip_prefix(' ')
            && (self.text.is_empty() || self.text.ends_with(' '))
        {
            self.text.push_str(rest);
        } else {
            self.text.push_str(s);
        }
    }
}

/// True when `s` has no whitespace but single spaces: no two spaces in a row,
/// no tab, line end or other space character. One pass over the bytes; the
/// characters are decoded only if there are any beyond ASCII.
fn is_simple(s: &str) -> bool {
    let mut after_space = false;
    let mut ascii = true;
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t'..=b'\r' => return false,
            _ => {
                after_space = false;
                ascii &= b < 0x80;
            }
        }
    }
    ascii || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// The byte where `s`'s first control character that is not whitespace
/// starts, in one pass over the bytes: C0 controls but tabs and line ends,
/// DEL, and C1 controls (U+0080 to U+009F, `C2 80` to `C2 9F` in UTF-8,
/// but U+0085, a line end).
pub(crate) fn first_control(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    // Most text has none: a pass with no state, which the compiler can do
    // many bytes at a time, before the exact one.
    let suspect = |b: u8| b < 0x09 || (0x0e..0x20).contains(&b) || b == 0x7f || b == 0xc2;
    if !bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspect(b)))
    {
        return None;
    }
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t'..=b'\r' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => bytes
            .get(i + 1)
            .is_some_and(|&n| (0x80..=0x9f).contains(&n) && n != 0x85),
        _ => false,
    })
}

/// `s` with its control characters, which a terminal would act on (colour,
/// a bell, the clipboard) rather than show, made spaces: a terminal's
/// escape sequence (`ESC [ 31 m`, `ESC ] 52 ; … BEL`) whole, so that the word
/// it colours is the word. Every byte stays where it was (a character of
/// two bytes is two spaces), so ranges into the text still hold.
/// Whitespace stays, to be folded.
pub(crate) fn blank_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let is_dropped = |c: char| c.is_control() && !c.is_whitespace();
    if first_control(s).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let blank = |out: &mut String, c: char| out.extend(std::iter::repeat_n(' ', c.len_utf8()));
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            if is_dropped(c) {
                blank(&mut out, c);
            } else {
                out.push(c);
            }
            continue;
        }
        out.push(' ');
        // A sequence is blanked only as far as it is well formed: a stray
        // ESC before text is the ESC alone, and no sequence runs past a
        // line end, so no text is lost to one.
        let mut ahead = chars.clone();
        match ahead.next() {
            // CSI: parameter and middle bytes (space to `?`), then a final
            // byte from `@` to `~`.
            Some('[') => {
                let mut len = 1;
                let mut ended = false;
                for n in ahead {
                    len += 1;
                    if ('@'..='~').contains(&n) {
                        ended = true;
                        break;
                    }
                    if !(' '..='?').contains(&n) {
                        break;
                    }
                }
                if ended {
                    for _ in 0..len {
                        out.push(' ');
                        chars.next();
                    }
                }
            }
            // OSC and the other strings: to BEL or ESC `\`, on one line.
            Some(']' | 'P' | '^' | '_') => {
                let mut len = 1;
                let mut ended = false;
                let mut prev_esc = false;
                for n in ahead {
                    len += n.len_utf8();
                    if n == '\n' {
                        break;
                    }
                    if n == '\u{7}' || prev_esc && n == '\\' {
                        ended = true;
                        break;
                    }
                    prev_esc = n == '\u{1b}';
                }
                if ended {
                    let mut blanked = 1;
                    chars.next();
                    out.push(' ');
                    while blanked < len {
                        let Some(n) = chars.next() else { break };
                        blank(&mut out, n);
                        blanked += n.len_utf8();
                    }
                }
            }
            // Another sequence (`ESC c`) is the ESC alone: its letter may
            // be a word's first.
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Appends `s` to `text` with whitespace runs folded to one space, and none
/// at the start of `text` or after a space already there.
fn fold_whitespace(text: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        text.push_str(&rest[..word_end]);
        rest = &rest[word_end..];
        let space_end = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        if space_end > 0 && !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        rest = &rest[space_end..];
    }
}

/// Walks a body's markdown events and collects passages.
pub(super) struct Walk {
    pub(super) report_id: String,
    pub(super) default_themes: Vec<String>,
    pub(super) passages: Vec<RawPassage>,
    pub(super) problems: Vec<(usize, String)>,
    /// Comments shaped like a marker without its `#` and with words after
    /// the number (`<!-- 7 staff-morale -->`), where each is and its words:
    /// a marker when the words name themes, which the corpus knows.
    pub(super) unhashed: Vec<(usize, String, Vec<String>)>,
    open: Option<Open>,
    /// Next number of each open list (`None` for bullets).
    lists: Vec<Option<u64>>,
    heading: Option<(HeadingLevel, String)>,
    heading_range: (usize, usize),
    pub(super) section: Option<String>,
    section_range: Option<(usize, usize)>,
    /// Open lead-ins: the list level each was read at, and its text, which
    /// the passages nested deeper carry in their section.
    /// Each open lead-in: its list level, its text and whether it is a
    /// passage itself (not a paragraph `<!-- lead-in -->`).
    lead_ins: Vec<(usize, String, bool)>,
    pub(super) h1: Option<String>,
    in_code_block: bool,
}

impl Walk {
    pub(super) fn new(report_id: &str, default_themes: Vec<String>) -> Self {
        Walk {
            report_id: report_id.to_string(),
            default_themes,
            passages: Vec::new(),
            problems: Vec::new(),
            unhashed: Vec::new(),
            open: None,
            lists: Vec::new(),
            heading: None,
            heading_range: (0, 0),
            section: None,
            section_range: None,
            lead_ins: Vec::new(),
            h1: None,
            in_code_block: false,
        }
    }

    fn depth(&self) -> u8 {
        u8::try_from(self.lists.len()).unwrap_or(u8::MAX)
    }

    pub(super) fn run(&mut self, body: &str) {
        let options = Options::ENABLE_STRIKETHROUGH;
        let body = blank_controls(body);
        for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
            self.event(event, range);
        }
        self.flush();
    }

    /// One markdown event. Long (about 140 lines) because it is one
    /// `match` over pulldown-cmark's events, each arm a few lines of state:
    /// split up, the arms would only pass the same state around.
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                self.heading = Some((level, String::new()));
                self.heading_range = (range.start, range.end);
            }
            Event::End(TagEnd::Heading(_)) => {
                self.lead_ins.clear();
                if let Some((level, text)) = self.heading.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if level == HeadingLevel::H1 {
                        if self.h1.is_none() {
                            self.h1 = Some(text);
                        }
                    } else {
                        self.section = Some(text);
                        self.section_range = Some(self.heading_range);
                    }
                }
            }
            Event::Start(Tag::List(first)) => {
                if let Some(open) = &mut self.open
                    && matches!(open.block, Block::ListItem { .. })
                {
                    // The item's own text stops where its nested list begins.
                    open.closed = true;
                }
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.depth().saturating_sub(1);
                let number = self.lists.last_mut().and_then(|n| {
                    let this = *n;
                    *n = n.map(|v| v.saturating_add(1));
                    this
                });
                self.open = Some(Open::new(Block::ListItem { depth, number }, range));
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::Paragraph) => {
                let reuse = self
                    .open
                    .as_ref()
                    .is_some_and(|o| !o.closed && o.text.is_empty() && o.marker.is_none());
                if !reuse {
                    self.flush();
                    self.open = Some(Open::new(
                        Block::Paragraph {
                            depth: self.depth(),
                        },
                        range,
                    ));
                }
            }
            Event::End(TagEnd::Paragraph) => self.flush(),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                let mut open = Open::new(
                    Block::Paragraph {
                        depth: self.depth(),
                    },
                    range,
                );
                open.marker_at = None;
                self.open = Some(open);
                self.in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.flush();
            }
            Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                self.emphasis(&event, range.end);
            }
            Event::Text(t) => {
                if let Some((_, h)) = &mut self.heading {
                    h.push_str(&t);
                } else if let Some(open) = self.writable(range.end) {
                    open.push(&t);
                }
            }
            Event::Code(t) => {
                if let Some((_, h)) = &mut self.heading {
                    h.push_str(&t);
                } else if let Some(open) = self.writable(range.end) {
                    let start = open.text.len();
                    open.push(&t);
                    let end = open.text.len();
                    open.emphasis.push(Emphasis {
                        start,
                        end,
                        style: EmphasisStyle::Code,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, h)) = &mut self.heading {
                    h.push(' ');
                } else if let Some(open) = self.writable(range.end) {
                    open.push(" ");
                }
            }
            Event::InlineHtml(html) => match parse_marker(&html) {
                Ok(Some(marker)) => {
                    if let Some(open) = &mut self.open {
                        if open.marker.is_some() {
                            self.problems
                                .push((range.start, "a passage has two markers; the first counts".to_string()));
                        } else {
                            open.marker = Some(marker);
                        }
                    }
                }
                Ok(None) => {
                    if let Some(words) = super::marker::unhashed_words(&html) {
                        self.unhashed
                            .push((range.start, html.trim().to_string(), words));
                    }
                }
                Err(e) => self.problems.push((range.start, e)),
            },
            Event::Html(html) => match parse_marker(&html) {
                Ok(Some(m)) => self.problems.push((
                    range.start,
                    format!(
                        "marker `#{}` stands on its own line; put it at the end of its passage's text",
                        m.id
                    ),
                )),
                Ok(None) => {}
                Err(e) => self.problems.push((range.start, e)),
            },
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Strikethrough) => {
                if let Some(open) = self.writable(range.end) {
                    let _ = open;
                }
            }
            _ => {}
        }
    }

    /// The open passage if it still takes text, noting where its content ends.
    fn writable(&mut self, end: usize) -> Option<&mut Open> {
        let in_code = self.in_code_block;
        let open = self.open.as_mut().filter(|o| !o.closed)?;
        if !in_code && open.marker.is_none() {
            open.marker_at = Some(end);
        }
        Some(open)
    }

    fn emphasis(&mut self, event: &Event<'_>, end: usize) {
        if self.heading.is_some() {
            return;
        }
        let Some(open) = self.writable(end) else {
            return;
        };
        match event {
            Event::Start(Tag::Emphasis) => open
                .open_emphasis
                .push((EmphasisStyle::Emphasis, open.text.len())),
            Event::Start(Tag::Strong) => open
                .open_emphasis
                .push((EmphasisStyle::Strong, open.text.len())),
            _ => {
                if let Some((style, start)) = open.open_emphasis.pop() {
                    let end = open.text.trim_end().len();
                    if end > start {
                        open.emphasis.push(Emphasis { start, end, style });
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        let trimmed = open.text.trim_end().len();
        open.text.truncate(trimmed);
        if open.text.is_empty() {
            if let Some(m) = open.marker {
                self.problems.push((
                    open.start,
                    format!("marker `#{}` has no passage text before it", m.id),
                ));
            }
            return;
        }
        for e in &mut open.emphasis {
            e.end = e.end.min(trimmed);
        }
        // Lead-ins read at this level or deeper introduce no more of what
        // follows; the innermost one left is this passage's.
        let level = match open.block {
            Block::ListItem { depth, .. } => usize::from(depth) + 1,
            Block::Paragraph { depth } => usize::from(depth),
        };
        self.lead_ins.retain(|&(at, _, _)| at < level);
        let lead_in = self.lead_ins.last().map(|(_, text, _)| text.clone());
        let lead_in_passage = self.lead_ins.last().is_some_and(|l| l.2);
        let section = section_of(self.section.clone(), lead_in.as_deref());
        let role = open.marker.as_ref().map_or(Role::Text, |m| m.role);
        if role == Role::LeadIn {
            let lead = super::lead_in::lead(&open.text);
            let passage = open.marker.as_ref().is_some_and(|m| !m.id.is_empty());
            self.lead_ins.push((level, lead.to_string(), passage));
        }
        // A paragraph lead-in (`<!-- lead-in -->`, no id) is no passage.
        if open.marker.as_ref().is_some_and(|m| m.id.is_empty()) {
            return;
        }
        let position = self.passages.len() + 1;
        let has_marker = open.marker.is_some();
        let pages = open.marker.as_ref().and_then(|m| m.pages);
        let (local, themes) = match open.marker {
            Some(m) if role == Role::Footnote => (m.id, m.themes),
            Some(m) if !m.themes.is_empty() => (m.id, m.themes),
            Some(m) => (m.id, self.default_themes.clone()),
            None => (position.to_string(), self.default_themes.clone()),
        };
        self.passages.push(RawPassage {
            passage: Passage {
                id: format!("{}/{}", self.report_id, local),
                report_id: self.report_id.clone(),
                section,
                text: open.text,
                themes,
                block: open.block,
                emphasis: open.emphasis,
                pages,
                line: open.start,
                role,
                lead_in: lead_in.clone().filter(|_| lead_in_passage),
            },
            marker_at: open.marker_at,
            has_marker,
            start: open.start,
            end: open.end,
            heading: self.section_range,
            lead_in,
        });
    }
}

#[cfg(test)]
mod push_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn simple_text_has_only_single_spaces() {
        for s in ["", "a b", " a b ", "café au lait", "£5 — or less"] {
            assert!(is_simple(s), "{s:?}");
        }
        for s in ["a  b", "a\tb", "a\nb", "a\u{a0}b", "a\u{2003}b", "\r"] {
            assert!(!is_simple(s), "{s:?}");
        }
    }

    #[test]
    fn control_characters_and_escape_sequences_are_blanked_in_place() {
        let text = "a \u{1b}[31mred\u{1b}[0m bell\u{7} \u{1b}]52;c;aGVsbG8=\u{7}clip \u{1b}]8;;x\u{1b}\\link\u{9b}\tend";
        let blanked = blank_controls(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(
            blanked.split_whitespace().collect::<Vec<_>>(),
            ["a", "red", "bell", "clip", "link", "end"]
        );
        assert!(blanked.contains("link  \tend"));
        assert!(matches!(
            blank_controls("plain café\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A stray ESC, or a sequence with no end on its line, takes no text.
        for (text, words) in [
            (
                "Intro.\u{1b}Patients waited.\nMore.",
                vec!["Intro.", "Patients", "waited.", "More."],
            ),
            (
                "a \u{1b}]52;c;x\nnext line",
                vec!["a", "]52;c;x", "next", "line"],
            ),
            ("a \u{1b}[\n病院 b", vec!["a", "[", "病院", "b"]),
        ] {
            let blanked = blank_controls(text);
            assert_eq!(blanked.len(), text.len());
            assert_eq!(
                blanked.split_whitespace().collect::<Vec<_>>(),
                words,
                "{text:?}"
            );
        }
    }

    proptest! {
        /// The quick copy of simple text gives what folding it would.
        #[test]
        fn copying_simple_text_is_folding_it(
            before in "[a-z ]{0,6}",
            parts in proptest::collection::vec("[a-zé ’\t\n\x0B\x0C\r\u{a0}\u{1f}.]{0,12}", 0..5),
        ) {
            let mut open = Open::new(Block::Paragraph { depth: 0 }, 0..0);
            let mut expected = String::new();
            fold_whitespace(&mut expected, &before);
            open.push(&before);
            for part in &parts {
                open.push(part);
                fold_whitespace(&mut expected, part);
            }
            prop_assert_eq!(open.text, expected);
        }
    }
}
