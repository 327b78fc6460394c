//! Taking the corpus's text now into excerpts whose passage changed since
//! they were collected (`evidence basket update`): a figure corrected in a
//! source reaches the basket, and the next export, only when the user asks,
//! and each excerpt keeps its place and its note.

use super::{Basket, Excerpt, ExcerptStatus, not_found};
use crate::Result;
use crate::corpus::Corpus;
use crate::workspace::CorpusRef;

/// What [`Basket::update_ids`] did, each list in basket order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Updated {
    /// The excerpts given the corpus's text now: id, and the text they had.
    pub updated: Vec<(String, String)>,
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
                ExcerptStatus::Same => done.current.push(id),
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
