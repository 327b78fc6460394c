//! Reading a markdown document for `verify`: its block quotes and inline
//! quotations, the passage ids, pandoc citations and export records near
//! each, and the reference list whose titles are no quotations.

use super::*;

/// Whether a heading names a reference list (`References`, `Bibliography`):
/// its titles in quotation marks are not quotations.
fn names_references(heading: &str) -> bool {
    // Pandoc's attributes after a heading (`# References {.unnumbered}`,
    // `{-}`) are not its words.
    let h = heading.trim();
    let h = match h.rfind(" {") {
        Some(at) if h.ends_with('}') => &h[..at],
        _ => h,
    };
    let h = h.trim().trim_end_matches(':').to_lowercase();
    matches!(
        h.as_str(),
        "references"
            | "reference list"
            | "bibliography"
            | "works cited"
            | "literature cited"
            | "sources"
            | "notes and references"
    )
}

pub(super) fn read(
    markdown: &str,
    corpus: &Corpus,
    old_keys: &HashMap<String, String>,
) -> Document {
    let mut blocks: Vec<Block> = Vec::new();
    let mut records = HashMap::new();
    let mut quote_depth = 0usize;
    // Inside a fenced or indented code block: shown as written, not
    // quoted from anything.
    let mut in_code = false;
    let mut current: Option<Block> = None;
    // Inside a reference list: the level of its heading, until a heading
    // as high; 7 for pandoc's list (`::: {#refs}`), until any heading.
    let mut references: Option<u8> = None;
    let open = |start: usize, quote: bool, in_references: bool| Block {
        quote,
        text: String::new(),
        origins: Vec::new(),
        start,
        in_references,
    };
    // A YAML block of pandoc's metadata (`title: "…"`) is the document's
    // details, not its text: a quoted title is no quotation.
    let mut in_metadata = false;
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    );
    for (event, range) in parser.into_offset_iter() {
        match event {
            // Only at the top: a `---` line further down is a rule, and
            // what follows it text.
            Event::Start(Tag::MetadataBlock(_)) => {
                in_metadata = markdown[..range.start].trim().is_empty();
            }
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(_) if in_metadata => {}
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    if let Some(b) = current.take() {
                        blocks.push(b);
                    }
                    current = Some(open(range.start, true, references.is_some()));
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if quote_depth == 0
                    && let Some(b) = current.take()
                {
                    blocks.push(b);
                }
            }
            Event::Start(Tag::Heading { level, .. }) if quote_depth == 0 => {
                if let Some(b) = current.take() {
                    blocks.push(b);
                }
                if references.is_some_and(|at| level as u8 <= at) {
                    references = None;
                }
                current = Some(open(range.start, false, references.is_some()));
            }
            Event::End(TagEnd::Heading(level)) if quote_depth == 0 => {
                if let Some(b) = current.take() {
                    if names_references(&b.text) {
                        references = Some(level as u8);
                    }
                    blocks.push(b);
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) if quote_depth == 0 => {
                if let Some(b) = current.take() {
                    blocks.push(b);
                }
                current = Some(open(range.start, false, references.is_some()));
            }
            Event::End(TagEnd::Paragraph) if quote_depth > 0 => {
                if let Some(b) = current.as_mut() {
                    b.text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                if quote_depth == 0 =>
            {
                if let Some(mut b) = current.take() {
                    if b.text.trim_start().starts_with(":::") && b.text.contains("#refs") {
                        references = Some(7);
                        b.in_references = true;
                    }
                    blocks.push(b);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if in_code => {}
            Event::Text(t) | Event::Code(t) => {
                let b = current.get_or_insert_with(|| {
                    open(range.start, quote_depth > 0, references.is_some())
                });
                b.origins.push((b.text.len(), range.start));
                b.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.text.push(' ');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some((id, fingerprint)) = parse_record(&h) {
                    // The excerpt is the block quote before it, with at
                    // most its citation line between.
                    let excerpt = blocks
                        .iter()
                        .rev()
                        .take(2)
                        .find(|b| b.quote)
                        .map(|b| b.text.clone());
                    records.insert(
                        id,
                        Record {
                            fingerprint,
                            excerpt,
                        },
                    );
                }
            }
            _ => {}
        }
    }
    if let Some(b) = current.take() {
        blocks.push(b);
    }
    let line_of = |byte: usize| markdown[..byte.min(markdown.len())].matches('\n').count() + 1;
    let citations = Citations::new(corpus).with_old_keys(old_keys);
    let resolve = |f: &Found, text: &str| {
        let Resolved { cited, written } = citations.resolve(f, text);
        (cited, written)
    };
    // A work's title in quotation marks (as a style cites a work with no
    // author: `("NHS Trust Mergers: Where Have We Got To?" 2014)`) is a
    // title, not a quotation.
    let titles: Vec<Vec<String>> = corpus
        .reports
        .iter()
        .flat_map(|r| {
            let mut full = r.title.clone();
            if let Some(sub) = &r.subtitle {
                full.push(' ');
                full.push_str(sub);
            }
            [words(&r.title), words(&full), words(&r.short_title)]
        })
        .collect();
    let is_title = |text: &str| {
        let w = words(text);
        titles.contains(&w)
    };
    let mut quotations = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.quote {
            let found = citations.find(&b.text);
            // A citation inside the quote (`… told us. (article/8)`) is not
            // part of what is quoted.
            let text = without_ids(&b.text, &found)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if text.split_whitespace().count() < MIN_BLOCK_WORDS {
                continue;
            }
            // Cited inside, else in the block after it, else at the end of
            // the block before it (a lead-in: "as the FTN put it (…/9):").
            // A work the corpus does not have is the quote's only when
            // cited inside it: a paragraph after or before may cite it for
            // something else (`Later work [@smith2019] disagrees`).
            let cite = found
                .last()
                .cloned()
                .or_else(|| {
                    blocks
                        .get(i + 1)
                        .filter(|n| !n.quote)
                        .and_then(|n| citations.find(&n.text).into_iter().next())
                        .filter(of_the_corpus)
                })
                .or_else(|| {
                    i.checked_sub(1)
                        .and_then(|p| blocks.get(p))
                        .filter(|p| !p.quote && p.text.trim_end().ends_with(':'))
                        .and_then(|p| citations.find(&p.text).pop())
                        .filter(of_the_corpus)
                });
            let (cited, cited_as) = cite.map(|f| resolve(&f, &text)).unzip();
            quotations.push(Quotation {
                cited: cited.filter(|c| !c.is_empty()),
                line: line_of(b.start),
                kind: QuoteKind::Block,
                text,
                cited_as: cited_as.flatten(),
            });
        } else {
            let found = citations.find(&b.text);
            let spans = inline_quotes(&b.text);
            // The citation each quote is followed by, before the next
            // quote: the way a citation is written after what it cites.
            let after: Vec<Option<&Found>> = spans
                .iter()
                .enumerate()
                .map(|(k, &(_, end))| {
                    let next = spans.get(k + 1).map_or(usize::MAX, |s| s.0);
                    found.iter().find(|f| f.start >= end && f.start < next)
                })
                .collect();
            for (k, &(start, end)) in spans.iter().enumerate() {
                let text = b.text[start..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if words(&text).len() < MIN_INLINE_WORDS || is_title(&text) {
                    continue;
                }
                // Else the last citation before it (“as big-med/6 says,
                // “…””), unless that one follows the quote before and so is
                // its.
                let prev = if k == 0 { 0 } else { spans[k - 1].1 };
                let claimed = k.checked_sub(1).and_then(|p| after[p]).map(|f| f.start);
                // Else the citation after the next quotes of its sentence
                // (`said “…” and that “…” [@key]`): one citation for both.
                // A quote that ends with its sentence's full stop
                // (`“… account.” Gawande wrote`) ends the sentence.
                let closes =
                    |(s, e): (usize, usize)| b.text[s..e].trim_end().ends_with(['.', '?', '!']);
                let shared = || {
                    let mut from = end;
                    let mut last = (start, end);
                    for j in k + 1..spans.len() {
                        if closes(last) || ends_sentence(&b.text[from..spans[j].0]) {
                            return None;
                        }
                        if let Some(f) = after[j] {
                            return (!ends_sentence(&b.text[spans[j].1..f.start])).then_some(f);
                        }
                        last = spans[j];
                        from = spans[j].1;
                    }
                    None
                };
                let before = |same_sentence: bool| {
                    found
                        .iter()
                        .rev()
                        .find(|f| f.start < start && f.start >= prev && Some(f.start) != claimed)
                        .filter(|f| of_the_corpus(f))
                        .filter(|f| {
                            !same_sentence || f.end > start || !ends_sentence(&b.text[f.end..start])
                        })
                };
                // A citation before the quote in its own sentence (`As
                // big-med/6 puts it, “…”`) comes before one shared with
                // the next quotes.
                let cite = after[k]
                    .or_else(|| before(true))
                    .or_else(shared)
                    .or_else(|| before(false));
                // A reference list quotes titles, which cite nothing.
                if b.in_references && cite.is_none() {
                    continue;
                }
                let (cited, cited_as) = cite.map(|f| resolve(f, &text)).unzip();
                let origin = b
                    .origins
                    .iter()
                    .rev()
                    .find(|(at, _)| *at <= start)
                    .map_or(b.start, |&(at, src)| src + (start - at));
                quotations.push(Quotation {
                    line: line_of(origin),
                    kind: QuoteKind::Inline,
                    text,
                    cited: cited.filter(|c| !c.is_empty()),
                    cited_as: cited_as.flatten(),
                });
            }
        }
    }
    Document {
        quotations,
        records,
    }
}

/// Whether a stretch of text between two quotes ends a sentence: a full
/// stop, question or exclamation mark before a space.
fn ends_sentence(between: &str) -> bool {
    between.char_indices().any(|(i, c)| {
        matches!(c, '.' | '?' | '!')
            && between[i + c.len_utf8()..]
                .trim_start_matches(['”', '’', '"', '\'', ')', ']'])
                .starts_with(char::is_whitespace)
    })
}

/// Whether a citation points into the corpus (not at a work it does not
/// have).
fn of_the_corpus(f: &Found) -> bool {
    f.target != cites::Target::Elsewhere
}

/// The passage id and fingerprint of an export's record comment.
fn parse_record(html: &str) -> Option<(String, String)> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim()
        .strip_prefix("evidence:")?;
    let mut parts = inner.split_whitespace();
    let id = parts.next()?.to_string();
    let fp = parts.next()?.to_string();
    Some((id, fp))
}

/// The byte ranges of the text inside quotation marks: “…” or "…" in
/// pairs, and single marks, ‘…’ or '…', the British way. A single mark
/// opens a quote only at a word's start and closes it only at a word's
/// end, so an apostrophe (`King’s`, `’90s`) is not one; a double mark
/// opening ends a single quote left open.
fn inline_quotes(text: &str) -> Vec<(usize, usize)> {
    let mut spans = quote_spans(text, true);
    // The British way round, ‘… “fit” …’: a single-quoted span that holds
    // a double-quoted one is the quotation, and the inner one part of it.
    // Typographic marks only: an ASCII `'` is as often an apostrophe
    // (`the '90s`, `the trusts'`) as a quote.
    for outer in quote_spans(text, false)
        .into_iter()
        .filter(|&(start, _)| text[..start].ends_with('‘'))
    {
        let holds_inner = spans.iter().any(|&(s, e)| outer.0 < s && e < outer.1);
        if holds_inner && !spans.contains(&outer) {
            spans.retain(|&(s, e)| !(outer.0 <= s && e <= outer.1));
            spans.push(outer);
        }
    }
    spans.sort_unstable();
    spans
}

/// The spans in quotation marks: double marks first (a double opening ends
/// a single quote left open) when `doubles`, else single marks alone.
fn quote_spans(text: &str, doubles: bool) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let mut double: Option<(usize, char)> = None;
    let mut single: Option<(usize, char)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let after = i + c.len_utf8();
        match (double, c) {
            (None, '“' | '"') if !doubles => {}
            (None, '“' | '"') => {
                double = Some((after, c));
                single = None;
                continue;
            }
            (Some((start, '“')), '”') | (Some((start, '"')), '"') => {
                spans.push((start, i));
                double = None;
                continue;
            }
            (Some(_), _) => continue,
            _ => {}
        }
        let word_before = prev.is_some_and(char::is_alphanumeric);
        let word_after = next.is_some_and(char::is_alphanumeric);
        match (single, c) {
            (None, '‘' | '\'') if !word_before && word_after => single = Some((after, c)),
            (Some((start, '‘')), '’') | (Some((start, '\'')), '\'')
                if !word_after && prev.is_some_and(|p| !p.is_whitespace()) =>
            {
                spans.push((start, i));
                single = None;
            }
            _ => {}
        }
    }
    spans
}
