//! The basket as an export cites it: each excerpt with its report's details
//! as the corpus has them now, each excerpt's status, and the works to list.
//!
//! An excerpt keeps its text as collected (the quotation must be what was
//! read), but its report's details (title, authors, date, address) are the
//! corpus's whenever the open corpus still has the report: a date corrected
//! in a report's front matter is then corrected in every format of the same
//! export at once, the quotations' citations and the reference list alike.
//! An excerpt of a report the open corpus lacks (deleted since, or
//! collected from another corpus) is cited by the details it was collected
//! with, in every format, and its work is listed from them too, so that a
//! reference list never leaves out a work the text cites.

use super::{Basket, Excerpt, ExcerptStatus};
use crate::cite::{self, Work};
use crate::corpus::{Corpus, Report, ReportKind, ReportMeta, SourceDoc};
use crate::workspace::CorpusRef;
use std::collections::HashSet;

/// What an export of the basket gives: see the module's note.
#[derive(Debug, Clone)]
pub struct Cited {
    /// The excerpts in the basket's order, with the details they are cited by.
    pub excerpts: Vec<Excerpt>,
    /// Each excerpt's status against the open corpus, in the same order.
    pub statuses: Vec<ExcerptStatus>,
    /// The works, one for each report, in the order the excerpts first
    /// cite them, then the evidence pack when one of them is its summary.
    pub works: Vec<Work>,
    /// The titles of the reports whose details differ from those their
    /// excerpts were collected with (cited as they are now).
    pub updated: Vec<String>,
}

impl Basket {
    /// The basket as an export cites it, against `corpus`, the one open
    /// (`open` when it is known): see the module's note.
    pub fn cited(&self, corpus: &Corpus, open: Option<&CorpusRef>) -> Cited {
        let mut excerpts = self.excerpts.clone();
        let mut statuses = Vec::with_capacity(excerpts.len());
        // Whether each excerpt's report is the open corpus's.
        let mut current = Vec::with_capacity(excerpts.len());
        let mut updated: Vec<String> = Vec::new();
        for e in &mut excerpts {
            let status = e.status(corpus, open);
            statuses.push(status);
            let report = match status {
                ExcerptStatus::Elsewhere => None,
                _ => corpus.report(&e.report_id),
            };
            current.push(report.is_some());
            let Some(report) = report else {
                continue;
            };
            let before = e.clone();
            refresh(e, report);
            // A passage read the same is where it was: its section and
            // pages are the corpus's too.
            if status == ExcerptStatus::Same
                && let Some((_, p)) = corpus.passage(&e.passage_id)
            {
                e.section.clone_from(&p.section);
                e.pages = p.pages;
            }
            if e.citation() != before.citation() && !updated.contains(&report.title) {
                updated.push(report.title.clone());
            }
        }
        let works = works(corpus, &excerpts, &current);
        Cited {
            excerpts,
            statuses,
            works,
            updated,
        }
    }
}

/// The report's details as the corpus has them, over those collected.
fn refresh(e: &mut Excerpt, report: &Report) {
    e.report_title.clone_from(&report.title);
    e.subtitle.clone_from(&report.subtitle);
    e.organisation.clone_from(&report.organisation);
    e.authors.clone_from(&report.authors);
    e.et_al = report.et_al;
    e.published.clone_from(&report.published);
    e.genre.clone_from(&report.genre);
    e.source_url.clone_from(&report.source.url);
    e.accessed.clone_from(&report.source.accessed);
}

/// The works the excerpts cite: a report of the open corpus (`current`) as
/// [`cite::works`] gives it, any other from the details its excerpt keeps,
/// under a key no other work has.
fn works(corpus: &Corpus, excerpts: &[Excerpt], current: &[bool]) -> Vec<Work> {
    let ids = excerpts
        .iter()
        .zip(current)
        .filter(|&(_, &c)| c)
        .map(|(e, _)| e.report_id.as_str());
    let from_corpus = cite::works(corpus, ids);
    let mut taken: HashSet<String> = cite::keys(corpus).into_iter().collect();
    taken.extend(from_corpus.iter().map(|w| w.key.clone()));
    let mut out: Vec<Work> = Vec::new();
    // The reports listed from their kept details, by id and title: two
    // corpora may each have a report of one id.
    let mut kept: Vec<(String, String)> = Vec::new();
    for (e, &c) in excerpts.iter().zip(current) {
        if c {
            if let Some(w) = from_corpus.iter().find(|w| w.id == e.report_id)
                && !out.iter().any(|o| o.key == w.key)
            {
                out.push(w.clone());
            }
            continue;
        }
        if kept
            .iter()
            .any(|(id, title)| *id == e.report_id && *title == e.report_title)
        {
            continue;
        }
        let meta = kept_meta(e);
        let key = cite::unique(&cite::generated_key(&meta), &mut taken);
        kept.push((e.report_id.clone(), e.report_title.clone()));
        // One of the pack's summaries, as the bundled corpus has it.
        let pack = crate::export::summarised_by_pack(e).then(|| cite::pack().key);
        out.push(Work::new(&meta, key, pack.as_deref()));
    }
    // The evidence pack, when one of the works is its summary.
    let listed: HashSet<String> = out.iter().map(|w| w.key.clone()).collect();
    out.extend(from_corpus.into_iter().filter(|w| !listed.contains(&w.key)));
    if let Some(key) = out.iter().find_map(|w| w.summarised_in.clone())
        && !out.iter().any(|w| w.key == key)
    {
        out.push(cite::pack());
    }
    out
}

/// A report's details as an excerpt of it keeps them.
fn kept_meta(e: &Excerpt) -> ReportMeta {
    ReportMeta {
        id: e.report_id.clone(),
        title: e.report_title.clone(),
        short_title: e.report_title.clone(),
        subtitle: e.subtitle.clone(),
        organisation: e.organisation.clone(),
        authors: e.authors.clone(),
        et_al: e.et_al,
        published: e.published.clone(),
        kind: ReportKind::Document,
        genre: e.genre.clone(),
        citekey: None,
        tags: Vec::new(),
        source: SourceDoc {
            url: e.source_url.clone(),
            accessed: e.accessed.clone(),
            ..SourceDoc::default()
        },
        retired_passages: Vec::new(),
        key_sections: Vec::new(),
        path: Default::default(),
        stamp: None,
    }
}
