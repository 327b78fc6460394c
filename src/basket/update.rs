//! Taking the corpus's text now into excerpts whose passage changed since
//! they were collected (`evidence basket update`): a figure corrected in a
//! source reaches the basket, and the next export, only when the user asks,
//! and each excerpt keeps its place and its note.

use super::{Basket, Excerpt, ExcerptStatus, not_found};
use crate::Result;
use crate::corpus::{Citation, Corpus};
use crate::workspace::CorpusRef;

/// What [`Basket::update_ids`] did, each list in basket order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Updated {
    /// The excerpts given the corpus's text now: id, and the text they had.
    pub updated: Vec<(String, String)>,
    /// Excerpts whose text is the corpus's already but whose report's
    /// details (its date, title, authors…) changed since they were
    /// collected: given the details now; id, and what changed.
    pub details: Vec<(String, Vec<String>)>,
    /// Excerpts that read as the corpus has them already.
    pub current: Vec<String>,
    /// Excerpts whose passage is gone from the corpus: kept as collected.
    pub gone: Vec<String>,
    /// Excerpts collected from another corpus: not looked for in this one.
    pub elsewhere: Vec<String>,
    /// Ids the corpus has (or retired) that name no excerpt of the basket.
    pub absent: Vec<String>,
}

impl Basket {
    /// Gives each excerpt `ids` name (a passage id, or a report id for its
    /// excerpts; every excerpt when `ids` is empty) whose passage reads
    /// differently in `corpus` now the passage's text, section, themes and
    /// pages and its report's details, as collected on `today`. Its place,
    /// its note, the search it was found with and the corpus it is from
    /// stay. An excerpt gone from the corpus, or from another one, is left
    /// as it is and listed.
    ///
    /// All or nothing, as [`Basket::remove_ids`]: an id neither in the
    /// basket nor in the corpus is an error, and nothing is updated.
    pub fn update_ids(
        &mut self,
        corpus: &Corpus,
        open: Option<&CorpusRef>,
        ids: &[String],
        today: &str,
    ) -> Result<Updated> {
        let mut done = Updated::default();
        let named =
            |e: &Excerpt, id: &str| e.passage_id == id || (!id.contains('/') && e.report_id == id);
        for id in ids {
            if self.excerpts.iter().any(|e| named(e, id)) || done.absent.contains(id) {
                continue;
            }
            if corpus.passage(id).is_some()
                || corpus.report(id).is_some()
                || corpus.retired(id).is_some()
            {
                done.absent.push(id.clone());
            } else {
                return Err(not_found(corpus, id));
            }
        }
        for e in &mut self.excerpts {
            if !ids.is_empty() && !ids.iter().any(|id| named(e, id)) {
                continue;
            }
            let id = e.passage_id.clone();
            match e.status(corpus, open) {
                ExcerptStatus::Same => {
                    // Cited as an export cites it: its report's details
                    // and its place in the report as the corpus has them.
                    let now = e.as_cited(corpus, ExcerptStatus::Same);
                    let changes = detail_changes(&e.citation(), &now.citation());
                    if changes.is_empty() {
                        done.current.push(id);
                    } else {
                        *e = now;
                        done.details.push((id, changes));
                    }
                }
                ExcerptStatus::Gone => done.gone.push(id),
                ExcerptStatus::Elsewhere => done.elsewhere.push(id),
                ExcerptStatus::Changed => {
                    let Some((report, passage)) = corpus.passage(&id) else {
                        done.gone.push(id);
                        continue;
                    };
                    let mut now = Excerpt::new(report, passage, today);
                    now.earlier = std::mem::take(&mut e.earlier);
                    now.earlier.push(e.text.clone());
                    now.note = std::mem::take(&mut e.note);
                    now.found_with = e.found_with.take();
                    now.corpus = e.corpus.take().or_else(|| open.cloned());
                    let before = std::mem::replace(e, now);
                    done.updated.push((id, before.text));
                }
            }
        }
        Ok(done)
    }
}

/// What differs between two citations of one passage, in a researcher's
/// words: `date: March 2023 → May 2023`, `title: … → …`, `by: … → …`.
pub fn detail_changes(before: &Citation, now: &Citation) -> Vec<String> {
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_string());
    let mut out = Vec::new();
    let mut differ = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}: {a} → {b}"));
        }
    };
    differ("by", shown(&before.attribution), shown(&now.attribution));
    differ("in", shown(&before.published_in), shown(&now.published_in));
    differ(
        "title",
        crate::corpus::full_title(&before.title, before.subtitle.as_deref()),
        crate::corpus::full_title(&now.title, now.subtitle.as_deref()),
    );
    differ("date", before.date.clone(), now.date.clone());
    differ("section", shown(&before.section), shown(&now.section));
    differ("pages", shown(&before.locator), shown(&now.locator));
    differ("web address", shown(&before.url), shown(&now.url));
    differ("read on", shown(&before.accessed), shown(&now.accessed));
    out
}
