//! `evidence verify`: are a document's quotations still what the evidence
//! says?
//!
//! A document (an export, or a briefing written from one and edited since)
//! is read as markdown. Its quotations are its block quotes and the quotes
//! of [`MIN_INLINE_WORDS`] words or more inside its paragraphs. Each is
//! matched against the passage it cites (a passage id near it) allowing what
//! editing does to a quote without changing it: elision marks (`…`, `...`,
//! `[…]`), brackets around a changed letter (`[t]he`), line breaks, quote
//! and dash styles, and case. A quote the passage does not hold is looked
//! for in the rest of the corpus, and when the export recorded the passage's
//! text (a comment written beside each excerpt) a passage that changed since
//! is told from a quote that was edited.

use crate::corpus::{Corpus, Passage, Report};
use crate::search::{Index, SearchRequest};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

mod cites;
mod diff;
mod quote;

use cites::{Citations, Found, Resolved, without_ids};
use diff::diff;
pub use quote::unlike;
use quote::{Quote, words};

/// A word diff from `old` to `new` (`… [-0.5-] {+0.6+} WTE …`), equal
/// stretches cut to their ends: how a passage's text changed.
pub fn word_diff(old: &str, new: &str) -> String {
    diff::diff(old, new, false)
}

/// Inline quotes shorter than this many words are not checked: "as the
/// review says, “collective leadership”" is a phrase, not a quotation.
pub const MIN_INLINE_WORDS: usize = 8;

/// Block quotes shorter than this many words are not checked.
pub const MIN_BLOCK_WORDS: usize = 3;

/// How a quotation is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// A markdown block quote (`> …`).
    Block,
    /// Quotation marks inside a paragraph.
    Inline,
}

/// One quotation found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The line it starts on, from 1.
    pub line: usize,
    pub kind: QuoteKind,
    /// Its words, as the document has them (markdown read, lines joined).
    pub text: String,
    /// The passage id it cites, if one is near it (for a pandoc citation,
    /// the passage it points at; for one of a whole report or of its pages,
    /// the passage there that holds the quote, else the report's id: no
    /// passage was named).
    pub cited: Option<String>,
    /// The pandoc citation it was cited by, as written
    /// (`@gawande2012big, p. 3`); `None` for a passage id. With `cited`
    /// `None`, a citation of a work the corpus does not have.
    pub cited_as: Option<String>,
}

impl Quotation {
    /// Whether it is credited to a source: a passage or work of the
    /// corpus, or a work it does not have.
    pub fn is_cited(&self) -> bool {
        self.cited.is_some() || self.cited_as.is_some()
    }
}

/// What checking a quotation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The cited passage holds the quote.
    Verified,
    /// The cited passage reads differently than when the document was
    /// exported: `diff` goes from the quote to the passage's text now.
    Changed { diff: String },
    /// The cited passage does not hold the quote: `diff` goes from the
    /// passage to the quote. When the citation named a work or its pages
    /// rather than a passage, `passage` is the one of them the quote is
    /// closest to, which the diff is from.
    Misquoted {
        diff: String,
        passage: Option<String>,
        /// The quote shares few of the passage's words: not a slip in
        /// copying it but words from somewhere else (see [`unlike`]).
        unlike: bool,
    },
    /// The quote's words are in another passage, `found`.
    WrongSource { found: String },
    /// The quote's words are in the work a pandoc citation cites, in
    /// passage `found`, but not where its locator points (`p. 3` of a
    /// report without page numbers, or another paragraph): `why` says
    /// where they are.
    WrongLocator { found: String, why: String },
    /// The cited id names no passage any more: `why` says what became of
    /// it, and `found` is the passage that holds the quote now, if one does.
    Gone { why: String, found: Option<String> },
    /// An uncited quote that passage `found` holds.
    FoundIn { found: String },
    /// An uncited quote no passage holds: the document quotes other sources too.
    NotFromCorpus,
}

impl Verdict {
    /// The verdict in a word or two, as the table and the JSON give it.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Changed { .. } => "changed",
            Verdict::Misquoted { .. } => "misquoted",
            Verdict::WrongSource { .. } => "wrong source",
            Verdict::WrongLocator { .. } => "wrong locator",
            Verdict::Gone { .. } => "gone",
            Verdict::FoundIn { .. } => "found in",
            Verdict::NotFromCorpus => "not from this corpus",
        }
    }

    /// Whether a cited quotation with this verdict is a problem.
    pub fn is_problem(&self) -> bool {
        !matches!(
            self,
            Verdict::Verified | Verdict::FoundIn { .. } | Verdict::NotFromCorpus
        )
    }
}

/// A quotation and what checking it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub quotation: Quotation,
    pub verdict: Verdict,
}

/// Checks every quotation of a markdown document against the index's corpus.
pub fn verify(index: &Index, markdown: &str) -> Vec<Checked> {
    verify_with(index, markdown, &Collected::default())
}

/// What a basket knows of the passages it collected, for [`verify_with`].
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// Each passage's texts as it was collected, by passage id: the one
    /// the basket holds last, after those it held before (`basket update`).
    pub texts: HashMap<String, Vec<String>>,
    /// Citation keys the reports had when collected that the corpus no
    /// longer gives (a report since removed, or whose details changed its
    /// key), with the report's id.
    pub keys: HashMap<String, String>,
}

/// As [`verify`], knowing also what a basket collected: a quote of what a
/// passage said then, which it no longer says, is `changed`, not
/// misquoted, as it is for a passage whose text an export recorded (what
/// the document's own export recorded comes first); and a pandoc key the
/// corpus no longer gives names the report it was collected from, so that
/// a quote credited to a report since removed is said to be gone.
pub fn verify_with(index: &Index, markdown: &str, collected: &Collected) -> Vec<Checked> {
    let corpus = index.corpus();
    let doc = read(markdown, corpus, &collected.keys);
    doc.quotations
        .into_iter()
        .map(|q| {
            let id = q.cited.as_deref().unwrap_or("");
            // Of the texts the basket held, the latest that holds the
            // quote (a draft may quote one `basket update` replaced).
            let kept = collected.texts.get(id).and_then(|texts| {
                let quote = Quote::new(&q.text);
                let text = texts
                    .iter()
                    .rev()
                    .find(|t| quote.is_in(t))
                    .or(texts.last())?;
                Some(Record {
                    fingerprint: crate::export::fingerprint(text),
                    excerpt: Some(text.clone()),
                })
            });
            let verdict = judge(index, &q, doc.records.get(id).or(kept.as_ref()));
            Checked {
                quotation: q,
                verdict,
            }
        })
        .collect()
}

/// The quotations of a markdown document, with the passage ids near them.
pub fn quotations(markdown: &str, corpus: &Corpus) -> Vec<Quotation> {
    read(markdown, corpus, &HashMap::new()).quotations
}

fn judge(index: &Index, q: &Quotation, recorded: Option<&Record>) -> Verdict {
    let corpus = index.corpus();
    let quote = Quote::new(&q.text);
    let Some(cited) = &q.cited else {
        // Uncited, or credited to a work the corpus does not have
        // (`[@smith2019chains]`): words of this corpus's are then the wrong
        // source.
        return match (find_elsewhere(index, &quote, None), &q.cited_as) {
            (Some(found), Some(_)) => Verdict::WrongSource { found },
            (Some(found), None) => Verdict::FoundIn { found },
            (None, _) => Verdict::NotFromCorpus,
        };
    };
    // A citation that names nothing: said, with where the words are now.
    let gone = |why: String| Verdict::Gone {
        why,
        found: find_elsewhere(index, &quote, None),
    };
    if let Some(retired) = corpus.retired(cited) {
        return gone(retired.sentence());
    }
    if !cited.contains('/')
        && let Some(report) = corpus.report(cited)
    {
        return judge_work(index, q, &quote, report);
    }
    let Some((report, passage)) = corpus.passage(cited) else {
        let report = cited.split_once('/').map_or(cited.as_str(), |(r, _)| r);
        // A pandoc `para. N` past the report's end: the work is cited, and
        // judged as a work (a wrong locator when the words are in it).
        if q.cited_as.is_some()
            && let Some(work) = corpus.report(report)
        {
            return judge_work(index, q, &quote, work);
        }
        let why = if corpus.report(report).is_some() {
            format!("no passage of `{report}` has the id `{cited}`")
        } else {
            format!("no report `{report}` is in the corpus")
        };
        return gone(why);
    };
    let at = report.passages.iter().position(|p| p.id == passage.id);
    if at.is_some_and(|at| quote.held_by(&report.passages, at)) {
        // Held, but an elision that leaves out a `not` turns the passage
        // round: a misquote however exact its words.
        return match quote.elided_negation(&passage.text) {
            Some(diff) => Verdict::Misquoted {
                diff,
                passage: None,
                unlike: false,
            },
            None => Verdict::Verified,
        };
    }
    // A pandoc citation's paragraph that is not the one quoted: the work
    // is right, the locator wrong.
    if let Some(written) = &q.cited_as
        && let Some(p) = quote.holder(&report.passages, |_| true)
    {
        return Verdict::WrongLocator {
            found: p.id.clone(),
            why: where_it_is(report, p, written),
        };
    }
    if let Some(found) = find_elsewhere(index, &quote, Some(cited)) {
        return Verdict::WrongSource { found };
    }
    // The passage changed since the export, and what is quoted is what it
    // said then (the excerpt the export wrote holds it): the corpus moved,
    // not the quote. A quote the old text did not hold either is misquoted.
    match recorded {
        // The id names other text now (a passage deleted by hand, and its
        // number given to a new one; a file without markers, renumbered):
        // a diff of the quote against it would read as an edit.
        // (Measured from the passage as it was, when that is known, as the
        // basket measures it; else from the quote.)
        Some(r)
            if r.fingerprint != crate::export::fingerprint(&passage.text)
                && r.excerpt.as_deref().is_none_or(|ex| quote.is_in(ex))
                && r.excerpt.as_deref().map_or_else(
                    || quote.unlike(&passage.text),
                    |ex| unlike(&passage.text, ex),
                ) =>
        {
            gone(format!(
                "`{cited}` names other text now, which shares few of the quote's words: the passage quoted was removed, or its report's passages numbered again"
            ))
        }
        Some(r)
            if r.fingerprint != crate::export::fingerprint(&passage.text)
                && r.excerpt.as_deref().is_none_or(|ex| quote.is_in(ex)) =>
        {
            Verdict::Changed {
                diff: diff::since(&q.text, &passage.text),
            }
        }
        _ => Verdict::Misquoted {
            diff: diff(&passage.text, &q.text, true),
            passage: None,
            // Its neighbours too: a quote may run across a paragraph break.
            unlike: at.is_none_or(|at| quote.unlike_around(&report.passages, at)),
        },
    }
}

/// A quotation cited to a work, or to its pages, and none of the passages
/// there holding it: it may be elsewhere in the work (the locator is
/// wrong), elsewhere in the corpus (the source is), or misquoted from the
/// passage of the work it is closest to.
fn judge_work(index: &Index, q: &Quotation, quote: &Quote, report: &Report) -> Verdict {
    let place = q.cited_as.as_deref().unwrap_or(&report.id);
    // The evidence pack cited for a summary it gives of one of its reports
    // (`[@dh2014examining]`): the words are the pack's, in that report's
    // passages here.
    if crate::cite::is_pack(&report.meta)
        && index.corpus().reports.iter().any(|r| {
            crate::cite::summarised_by_pack(&r.meta)
                && quote.holder(&r.passages, |_| true).is_some()
        })
    {
        return Verdict::Verified;
    }
    if let Some(p) = quote.holder(&report.passages, |_| true) {
        return Verdict::WrongLocator {
            found: p.id.clone(),
            why: where_it_is(report, p, place),
        };
    }
    if let Some(found) = find_elsewhere(index, quote, None) {
        return Verdict::WrongSource { found };
    }
    match closest(report, &q.text) {
        Some(p) => Verdict::Misquoted {
            diff: diff(&p.text, &q.text, true),
            passage: Some(p.id.clone()),
            unlike: quote.unlike(&p.text),
        },
        None => Verdict::Gone {
            why: format!("no passage of `{}` is where `{place}` points", report.id),
            found: None,
        },
    }
}

/// Where in its work passage `p` is, for a pandoc citation `written`
/// (`@gawande2012big, p. 3`) whose locator does not point at it.
fn where_it_is(report: &Report, p: &Passage, written: &str) -> String {
    let para = format!("para. {}", p.id.rsplit('/').next().unwrap_or(&p.id));
    let by_page = cites::cites_pages(written);
    // A report the pack summarises has no paragraph or page of its own to
    // point at: its passages are the pack's summary (as an export cites it).
    if crate::cite::summarised_by_pack(&report.meta) {
        return format!(
            "its words are the evidence pack's summary of {}: cite it without a locator, as summarised in the pack",
            report.short_title
        );
    }
    match p.pages {
        Some(pages) if by_page => format!("it is on {}", pages.locator()),
        Some(pages) => format!("it is {para} ({})", pages.locator()),
        None if by_page && report.passages.iter().all(|p| p.pages.is_none()) => {
            format!(
                "{} has no page numbers: cite it as {para}",
                report.short_title
            )
        }
        None if by_page => format!("it is {para}, on no numbered page"),
        None => format!("it is {para}"),
    }
}

/// The passage of a report that shares the most of a quotation's words,
/// when it shares at least half of them: the one it was meant to quote.
fn closest<'r>(report: &'r Report, quote: &str) -> Option<&'r Passage> {
    use std::collections::HashSet;
    let quoted: HashSet<String> = words(quote).into_iter().collect();
    report
        .passages
        .iter()
        .map(|p| {
            let shared = words(&p.text)
                .into_iter()
                .collect::<HashSet<_>>()
                .intersection(&quoted)
                .count();
            (shared, p)
        })
        // The first of the closest, in the report's order.
        .fold(None::<(usize, &Passage)>, |best, (n, p)| match best {
            Some((b, _)) if b >= n => best,
            _ => Some((n, p)),
        })
        .filter(|&(n, _)| 2 * n >= quoted.len() && n > 0)
        .map(|(_, p)| p)
}

/// The first passage (other than `except`) that holds the quote, found
/// through the index by phrases of the quote's longest stretch (its middle,
/// then its ends, for a quote across a paragraph break).
fn find_elsewhere(index: &Index, quote: &Quote, except: Option<&str>) -> Option<String> {
    quote.probes().into_iter().find_map(|probe| {
        let results = index
            .search(&SearchRequest {
                limit: 50,
                ..SearchRequest::new(format!("\"{probe}\""))
            })
            .ok()?;
        results.hits.iter().find_map(|h| {
            let (report, p) = index.passage(h.ord)?;
            let at = report.passages.iter().position(|q| q.id == p.id)?;
            (Some(p.id.as_str()) != except && quote.held_by(&report.passages, at))
                .then(|| p.id.clone())
        })
    })
}

/// A document read: its quotations, and the fingerprints its export
/// recorded, by passage id.
struct Document {
    quotations: Vec<Quotation>,
    records: HashMap<String, Record>,
}

/// What an export recorded of a passage beside its excerpt.
struct Record {
    /// The fingerprint of the passage's text when it was exported.
    fingerprint: String,
    /// The excerpt the record was written beside (the block quote before
    /// it), which held the passage's text then.
    excerpt: Option<String>,
}

/// A block of the document as the reader met it: a block quote or a
/// paragraph (or list item, heading, table cell: any run of text).
struct Block {
    quote: bool,
    /// Its text, markdown read.
    text: String,
    /// Where each piece of `text` came from: (byte in `text`, byte in the
    /// document).
    origins: Vec<(usize, usize)>,
    /// Byte in the document where it starts.
    start: usize,
    /// In a reference list, where titles are in quotation marks: a quote
    /// there that cites nothing is a title.
    in_references: bool,
}

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

fn read(markdown: &str, corpus: &Corpus, old_keys: &HashMap<String, String>) -> Document {
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
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES);
    for (event, range) in parser.into_offset_iter() {
        match event {
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
                let cite = after[k].or_else(|| {
                    found
                        .iter()
                        .rev()
                        .find(|f| f.start < start && f.start >= prev && Some(f.start) != claimed)
                        .filter(|f| of_the_corpus(f))
                });
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
