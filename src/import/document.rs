//! What every reader of a format makes of a document: its details and its
//! text as blocks (headings, paragraphs, list items), each with the pages it
//! is on where the format has pages; and that written out as the markdown
//! body of a report file, a marker after each passage. The one shape all
//! formats share, so that what a report file holds does not depend on where
//! it came from. (It crosses from the extraction process as JSON.)

use crate::corpus::{Pages, escape_markdown_inline};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// A document as read from its file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub title: Option<String>,
    /// Its subtitle, where the format marks one (Word's Subtitle style).
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// When it was published, as a `published` value (`2024`, `2024-03`,
    /// `2024-03-05`).
    pub date: Option<String>,
    /// Whether `date` is only when the file was made (a PDF's or a Word
    /// file's recorded creation), not a date printed in the document.
    #[serde(default)]
    pub date_from_file: bool,
    /// Its web address (a web page's canonical URL).
    pub url: Option<String>,
    /// Who published it, where the format names them apart from its
    /// authors: a web page's site (`og:site_name`, or the part of its
    /// `<title>` that is not the article's heading).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many pages it has, for a format with pages.
    pub pages: Option<u32>,
    pub blocks: Vec<Block>,
    /// What the reader noticed and the user should hear (pages it could
    /// not read, pages without text).
    pub notes: Vec<String>,
}

/// One block of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text, one line.
    pub text: String,
    /// The pages it is on, where the format has pages.
    pub pages: Option<Pages>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A heading; level 1 is the highest.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item, `depth` 0 at the outside.
    Item {
        depth: u8,
        ordered: bool,
    },
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            pages: None,
        }
    }

    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Heading { level },
            text: text.into(),
            pages: None,
        }
    }

    pub fn item(depth: u8, ordered: bool, text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Item { depth, ordered },
            text: text.into(),
            pages: None,
        }
    }

    /// True for a block that becomes a passage (not a heading).
    pub fn is_passage(&self) -> bool {
        !matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// Text with every run of whitespace (and control characters) as one space,
/// trimmed: as the corpus reads a passage. Soft hyphens (where a web page or
/// PDF may break a word) are dropped, and accents written apart from their
/// letters are joined to them (Unicode's composed form, NFC), so that the
/// report's text is what its reader sees.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let text: std::borrow::Cow<str> = if text.contains('\u{ad}') {
        text.replace('\u{ad}', "").into()
    } else {
        text.into()
    };
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if unicode_normalization::is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return out;
    }
    out.nfc().collect()
}

impl Document {
    /// Its blocks with their text folded, empty ones and a first heading that
    /// only repeats the title left out, and list depths that step in by one.
    pub fn tidy(&mut self) {
        let mut blocks = Vec::with_capacity(self.blocks.len());
        let mut last_depth: Option<u8> = None;
        for mut b in self.blocks.drain(..) {
            b.text = fold(&b.text);
            if b.text.is_empty() {
                continue;
            }
            if let BlockKind::Item { depth, ordered } = b.kind {
                let most = last_depth.map_or(0, |d| d.saturating_add(1));
                let depth = depth.min(most);
                b.kind = BlockKind::Item { depth, ordered };
                last_depth = Some(depth);
            } else {
                last_depth = None;
            }
            blocks.push(b);
        }
        if let (Some(first), Some(title)) = (blocks.first(), &self.title)
            && matches!(first.kind, BlockKind::Heading { .. })
            && fold(title).eq_ignore_ascii_case(&first.text)
        {
            blocks.remove(0);
        }
        self.blocks = blocks;
    }

    /// The passages' texts, in order.
    pub fn passage_texts(&self) -> Vec<String> {
        self.blocks
            .iter()
            .filter(|b| b.is_passage())
            .map(|b| b.text.clone())
            .collect()
    }

    /// The blocks as a report's markdown body: headings at level 2 and
    /// below (level 1 is the title, in the front matter), the document's
    /// highest heading at level 2 (a Word file whose one Heading 1 became
    /// its title starts its sections at Heading 2), each passage on
    /// one line ending with its marker (`ids[k]`, its pages, and the themes
    /// `themes[k]` kept from an earlier import).
    pub fn markdown(&self, ids: &[String], themes: &[Vec<String>]) -> String {
        let mut out = String::new();
        let mut k = 0;
        let top = self
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => Some(level.max(1)),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        // Headings are not passages, and end a list's lead-in.
        let layout = |b: &Block| match b.kind {
            BlockKind::Heading { .. } => None,
            BlockKind::Paragraph => Some(crate::corpus::Block::Paragraph { depth: 0 }),
            BlockKind::Item { depth, .. } => Some(crate::corpus::Block::ListItem {
                depth,
                number: None,
            }),
        };
        for (i, b) in self.blocks.iter().enumerate() {
            let lead_in = layout(b).is_some_and(|block| {
                crate::corpus::introduces_list(
                    &b.text,
                    block,
                    self.blocks.get(i + 1).and_then(layout),
                )
            });
            match b.kind {
                BlockKind::Heading { level } => {
                    let level = level.max(1) - (top - 1);
                    let hashes = "#".repeat(usize::from(level.clamp(1, 5)) + 1);
                    let _ = write!(out, "\n{hashes} {}\n", escape_block(&b.text));
                    continue;
                }
                BlockKind::Paragraph => {
                    out.push('\n');
                    out.push_str(&escape_block(&b.text));
                }
                BlockKind::Item { depth, ordered } => {
                    let indent = "    ".repeat(usize::from(depth));
                    let bullet = if ordered { "1." } else { "-" };
                    let _ = write!(out, "\n{indent}{bullet} {}", escape_block(&b.text));
                }
            }
            let mut words = vec![format!("#{}", ids.get(k).map_or("?", String::as_str))];
            if lead_in {
                words.push("lead-in".to_string());
            }
            if let Some(p) = b.pages {
                words.push(p.marker());
            }
            words.extend(themes.get(k).into_iter().flatten().cloned());
            let _ = writeln!(out, " <!-- {} -->", words.join(" "));
            k += 1;
        }
        out
    }
}

/// One line of text escaped so that markdown reads it back as exactly that
/// text, in a paragraph, list item or heading: inline syntax everywhere, and
/// what would start a list, a heading or a rule at its start.
pub fn escape_block(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if text.starts_with(['-', '+', '=', ':']) {
        out.push('\\');
        text
    } else if (1..=9).contains(&digits) && text[digits..].starts_with(['.', ')']) {
        out.push_str(&text[..digits]);
        out.push('\\');
        &text[digits..]
    } else {
        text
    };
    out.push_str(&escape_markdown_inline(rest));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    fn read_back(body: &str) -> Vec<(String, Option<String>, Option<Pages>)> {
        let text = format!("+++\nid = \"d\"\ntitle = \"D\"\n+++\n{body}");
        let corpus_dir = tempfile::tempdir().unwrap();
        std::fs::write(corpus_dir.path().join("d.md"), text).unwrap();
        let corpus = crate::corpus::Corpus::from_folder(corpus_dir.path()).unwrap();
        assert!(
            corpus.problems.iter().all(|p| p.is_warning()),
            "{:?}\n{body}",
            corpus.problems
        );
        corpus
            .passages()
            .map(|(_, p)| (p.text.clone(), p.section.clone(), p.pages))
            .collect()
    }

    fn block() -> impl Strategy<Value = Block> {
        let text = "[ -~“”’é\u{a0}]{1,40}";
        (0u8..4, text, 0u8..3, proptest::bool::ANY, 1u32..20, 0u32..3).prop_map(
            |(kind, text, depth, ordered, page, more)| Block {
                kind: match kind {
                    0 => BlockKind::Heading { level: depth + 1 },
                    1 => BlockKind::Item { depth, ordered },
                    _ => BlockKind::Paragraph,
                },
                text,
                pages: Some(Pages {
                    first: page,
                    last: page + more,
                }),
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the text, the corpus reads back each block's text, its
        /// section and its pages.
        #[test]
        fn a_written_document_reads_back_as_it_was(blocks in proptest::collection::vec(block(), 1..12)) {
            let mut doc = Document { blocks, ..Document::default() };
            doc.tidy();
            let texts = doc.passage_texts();
            prop_assume!(!texts.is_empty());
            let ids: Vec<String> = (1..=texts.len()).map(|i| i.to_string()).collect();
            let body = doc.markdown(&ids, &[]);
            // Each block's section: the heading above it, and the lead-in
            // of the list it is in (a block ending in `:` right before a
            // list one level in), as the corpus reads them.
            let mut section = None;
            let mut leads: Vec<(u8, String)> = Vec::new();
            let mut want = Vec::new();
            let level = |k: BlockKind| match k {
                BlockKind::Item { depth, .. } => depth + 1,
                _ => 0,
            };
            for (i, b) in doc.blocks.iter().enumerate() {
                if let BlockKind::Heading { .. } = b.kind {
                    section = Some(b.text.clone());
                    leads.clear();
                    continue;
                }
                let at = level(b.kind);
                leads.retain(|(l, _)| *l < at);
                let lead = leads.last().map(|(_, t)| t.as_str());
                want.push((
                    b.text.clone(),
                    match (section.clone(), lead) {
                        (Some(h), Some(l)) => Some(format!("{h} — {l}")),
                        (None, Some(l)) => Some(l.to_string()),
                        (h, None) => h,
                    },
                    b.pages,
                ));
                let introduces = b.text.trim_end().ends_with(':')
                    && !crate::corpus::lead_in::lead(&b.text).is_empty()
                    && matches!(
                        doc.blocks.get(i + 1).map(|n| n.kind),
                        Some(BlockKind::Item { depth, .. }) if depth == at
                    );
                if introduces {
                    leads.push((at, crate::corpus::lead_in::lead(&b.text).to_string()));
                }
            }
            prop_assert_eq!(read_back(&body), want, "body:\n{}", body);
        }
    }

    #[test]
    fn folding_drops_soft_hyphens_and_joins_accents_to_their_letters() {
        assert_eq!(
            fold("  the organi\u{ad}sation\n of Zu\u{308}rich \u{ad} "),
            "the organisation of Zürich"
        );
    }

    #[test]
    fn awkward_starts_are_escaped() {
        for text in [
            "1. not a list",
            "- not an item",
            "# not a heading",
            "> not a quote",
            "+",
            "<!-- #3 -->",
            "a * b _c_ `d`",
            "=== x",
            "12) x",
            "&amp; &",
        ] {
            let doc = Document {
                blocks: vec![Block::paragraph(text)],
                ..Document::default()
            };
            let body = doc.markdown(&["1".to_string()], &[]);
            assert_eq!(
                read_back(&body),
                vec![(text.to_string(), None, None)],
                "{body}"
            );
        }
    }
}
