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
mod locator;
mod quote;
mod read;

use cites::{Citations, Found, Resolved, without_ids};
use diff::diff;
pub use quote::unlike;
use quote::{Quote, words};
use read::read;

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
    /// Cited to a key or report id the corpus does not have but for a
    /// slip (`@elison2019regional` for `@ellison2019regional`): `why` names
    /// the one meant, and `found` is the passage that holds the quote, if
    /// one does. Taken for another source, a misquote would pass unseen.
    UnknownWork { why: String, found: Option<String> },
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
            Verdict::UnknownWork { .. } => "unknown work",
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
        .map(|mut q| {
            // Cited to a work or its pages (`[@key, p. 2]`), and none of its
            // passages holds the quote now: the passage of that work the
            // basket collected it from, when one did, is the one quoted. Its
            // text changed or its paragraph went since; the quote did not.
            if let Some(work) = q.cited.as_deref().filter(|c| !c.contains('/'))
                && corpus
                    .report(work)
                    .is_some_and(|r| Quote::new(&q.text).holder(&r.passages, |_| true).is_none())
                && let Some(from) = collected_from(collected, work, &q.text, |id| {
                    q.cited_as.as_deref().is_none_or(|written| {
                        locator::may_point_at(written, id, corpus.passage(id).map(|(_, p)| p))
                    })
                })
            {
                q.cited = Some(from);
            }
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

/// The passage of report `work` whose text, as a basket collected it,
/// holds `quote` (the first in the report's order of ids), of those
/// `cited_there` allows (on the pages the citation names).
fn collected_from(
    collected: &Collected,
    work: &str,
    quote: &str,
    cited_there: impl Fn(&str) -> bool,
) -> Option<String> {
    let quote = Quote::new(quote);
    let prefix = format!("{work}/");
    // Held as the text was, and not by leaving out a `not` (a misquote
    // however the text changed since), where the citation points.
    let holds = |t: &String| quote.is_in(t) && quote.elided_negation(t).is_none();
    let mut ids: Vec<&String> = collected
        .texts
        .iter()
        .filter(|(id, texts)| id.starts_with(&prefix) && texts.iter().any(holds) && cited_there(id))
        .map(|(id, _)| id)
        .collect();
    // `report/9` before `report/10`.
    let order = |id: &str| -> Vec<u64> {
        id.rsplit('/')
            .next()
            .unwrap_or_default()
            .split('.')
            .map(|n| n.parse().unwrap_or(u64::MAX))
            .collect()
    };
    ids.sort_by_key(|id| (order(id), id.to_string()));
    ids.first().map(|id| id.to_string())
}

/// The quotations of a markdown document, with the passage ids near them.
pub fn quotations(markdown: &str, corpus: &Corpus) -> Vec<Quotation> {
    read(markdown, corpus, &HashMap::new()).quotations
}

/// For a pandoc citation (`@elison2019regional, p. 5`) of a key the corpus
/// does not have: why it is a slip, naming the key one slip away, if one
/// is.
fn slipped_key(corpus: &Corpus, cited_as: &str) -> Option<String> {
    let (key, _) = locator::key_in(cited_as)?;
    let keys = crate::cite::keys(corpus);
    let near = crate::distance::slip_of(&key, keys.iter().map(String::as_str))?;
    Some(format!(
        "no work of this corpus has the key `@{key}`: did you mean `@{near}`?"
    ))
}

fn judge(index: &Index, q: &Quotation, recorded: Option<&Record>) -> Verdict {
    let corpus = index.corpus();
    let quote = Quote::new(&q.text);
    let Some(cited) = &q.cited else {
        // Uncited, or credited to a work the corpus does not have
        // (`[@smith2019chains]`): words of this corpus's are then the wrong
        // source.
        if let Some(why) = q.cited_as.as_deref().and_then(|c| slipped_key(corpus, c)) {
            return Verdict::UnknownWork {
                why,
                found: find_elsewhere(index, &quote, None),
            };
        }
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
        } else if let Some(near) =
            crate::distance::slip_of(report, corpus.reports.iter().map(|r| r.id.as_str()))
        {
            // A slip in the id, not a report that went away.
            return Verdict::UnknownWork {
                why: format!("no report `{report}` is in the corpus: did you mean `{near}`?"),
                found: find_elsewhere(index, &quote, None),
            };
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
    let by_page = locator::cites_pages(written);
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
