//! The basket as an export cites it: each excerpt with its report's details
//! as the corpus has them now, each excerpt's status, and the works to list.
//!
//! An excerpt keeps its text as collected (the quotation must be what was
//! read), but its report's details (title, authors, date, address) are the
//! corpus's whenever the open corpus still has the report, and its themes
//! whenever it still has the passage: a date corrected
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
    /// Each excerpt's work among `works` (two reports of one id, from two
    /// corpora, are two works).
    pub work_of: Vec<Option<usize>>,
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
            *e = before.as_cited(corpus, status);
            if e.citation() != before.citation() && !updated.contains(&report.title) {
                updated.push(report.title.clone());
            }
        }
        let (works, work_of) = works(corpus, &excerpts, &current);
        Cited {
            excerpts,
            statuses,
            works,
            work_of,
            updated,
        }
    }
}

impl Excerpt {
    /// The excerpt as an export cites it against `corpus` (its report's
    /// details as the corpus has them now), given its `status` there; as
    /// it was collected when it is from another corpus or its report is
    /// gone.
    pub fn as_cited(&self, corpus: &Corpus, status: ExcerptStatus) -> Excerpt {
        let mut e = self.clone();
        if status != ExcerptStatus::Elsewhere
            && let Some(report) = corpus.report(&self.report_id)
        {
            refresh(&mut e, report);
            // A passage the corpus still has is coded as the corpus codes
            // it now: a researcher recodes as the analysis goes on, and
            // renames a theme in themes.toml and in the passages' markers.
            if matches!(status, ExcerptStatus::Same | ExcerptStatus::Changed)
                && let Some((_, p)) = corpus.passage(&e.passage_id)
            {
                e.themes.clone_from(&p.themes);
            }
            // A passage read the same is where it was: its section and
            // pages are the corpus's too.
            if status == ExcerptStatus::Same
                && let Some((_, p)) = corpus.passage(&e.passage_id)
            {
                e.section.clone_from(&p.section);
                e.lead_in.clone_from(&p.lead_in);
                e.pages = p.pages;
            }
        }
        e
    }
}

impl Excerpt {
    /// The citation key the excerpt's report had when it was collected:
    /// its own `citekey`, else the key its details then gave (before any
    /// letter a clash with another work would add).
    pub fn collected_key(&self) -> String {
        let meta = kept_meta(self);
        meta.citekey
            .clone()
            .unwrap_or_else(|| cite::generated_key(&meta))
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
    e.genre = report.cited_genre().map(str::to_string);
    e.source_url.clone_from(&report.source.url);
    e.accessed.clone_from(&report.source.accessed);
    e.citekey.clone_from(&report.citekey);
}

/// The works the excerpts cite, and each excerpt's among them: a report of
/// the open corpus (`current`) as [`cite::works`] gives it; one of the
/// evidence pack as the bundled corpus cites it; any other from the details
/// its excerpt keeps, under a key no other work listed has. One work is
/// listed once (by its key and title), whichever excerpts cite it.
fn works(
    corpus: &Corpus,
    excerpts: &[Excerpt],
    current: &[bool],
) -> (Vec<Work>, Vec<Option<usize>>) {
    let ids = excerpts
        .iter()
        .zip(current)
        .filter(|&(_, &c)| c)
        .map(|(e, _)| e.report_id.as_str());
    let from_corpus = cite::works(corpus, ids);
    let pack = cite::pack();
    let mut taken: HashSet<String> = from_corpus.iter().map(|w| w.key.clone()).collect();
    taken.insert(pack.key.clone());
    let same = |a: &Work, b: &Work| a.key == b.key && a.full_title() == b.full_title();
    let mut out: Vec<Work> = Vec::new();
    let mut work_of = Vec::with_capacity(excerpts.len());
    // The works listed from kept details, by the key they would have had
    // and their title, so that the second excerpt of one finds the work
    // the first listed, whatever key that work was given.
    let mut kept: Vec<(String, String, usize)> = Vec::new();
    for (e, &c) in excerpts.iter().zip(current) {
        let work = if c {
            from_corpus.iter().find(|w| w.id == e.report_id).cloned()
        } else {
            let mut work = crate::export::pack_work(e).unwrap_or_else(|| {
                let meta = kept_meta(e);
                let key = meta
                    .citekey
                    .clone()
                    .unwrap_or_else(|| cite::generated_key(&meta));
                Work::new(&meta, key, None)
            });
            let (base, title) = (work.key.clone(), work.full_title());
            if let Some(&(_, _, i)) = kept.iter().find(|(k, t, _)| *k == base && *t == title) {
                work_of.push(Some(i));
                continue;
            }
            // Another work of the corpus, the pack, or one listed may have
            // its key.
            let clash = |w: &Work| w.key == work.key && !same(w, &work);
            if from_corpus.iter().chain(&out).chain([&pack]).any(clash) {
                work.key = cite::unique(&work.key, &mut taken);
            } else {
                taken.insert(work.key.clone());
            }
            if !out.iter().any(|w| same(w, &work)) {
                kept.push((base, title, out.len()));
            }
            Some(work)
        };
        let Some(work) = work else {
            work_of.push(None);
            continue;
        };
        match out.iter().position(|w| same(w, &work)) {
            Some(i) => work_of.push(Some(i)),
            None => {
                work_of.push(Some(out.len()));
                out.push(work);
            }
        }
    }
    // The evidence pack, when one of the works is its summary.
    if let Some(key) = out.iter().find_map(|w| w.summarised_in.clone())
        && !out.iter().any(|w| w.key == key)
    {
        out.push(pack);
    }
    (out, work_of)
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
        citekey: e.citekey.clone(),
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
