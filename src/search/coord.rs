//! The query a question becomes: its telling words, each with how much it
//! tells (its IDF) and its own query (the word and its expansions). A passage
//! is a hit when the words it has carry enough of the question's information
//! (`min_share` of the summed weights), so a question cannot match most of the
//! corpus through one common word; a hit scores the sum of its words' BM25
//! scores times the share it has (raised to `power`: passages with more of the
//! telling words first), plus what boost-only clauses (the question's word
//! pairs as phrases) add. A word may have a context: the reports whose title,
//! organisation or authors have it; a passage of such a report that lacks
//! the word in its own text has [`CONTEXT_SHARE`] of the word's weight (and
//! the context's score), but context never makes a hit on its own. The
//! counts, the facets and the evidence map are built on these hits, as on
//! any query's.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// The share of a word's weight that its context lends a passage.
pub(super) const CONTEXT_SHARE: Score = 0.5;

/// One word of a question.
#[derive(Debug)]
pub(super) struct Part {
    pub query: Box<dyn Query>,
    /// Its IDF.
    pub weight: Score,
    /// Where it is only context (report titles).
    pub context: Option<Box<dyn Query>>,
}

impl Clone for Part {
    fn clone(&self) -> Self {
        Part {
            query: self.query.box_clone(),
            weight: self.weight,
            context: self.context.as_ref().map(|q| q.box_clone()),
        }
    }
}

/// A question's words as one query (see the module's comment).
#[derive(Debug)]
pub(super) struct CoordQuery {
    pub parts: Vec<Part>,
    /// Queries that add to a hit's score but never make one.
    pub boosts: Vec<Box<dyn Query>>,
    /// The share of the summed weights a hit must have, in (0, 1].
    pub min_share: Score,
    /// How strongly the share scales the score.
    pub power: Score,
}

impl Clone for CoordQuery {
    fn clone(&self) -> Self {
        CoordQuery {
            parts: self.parts.clone(),
            boosts: self.boosts.iter().map(|q| q.box_clone()).collect(),
            min_share: self.min_share,
            power: self.power,
        }
    }
}

impl Query for CoordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let parts = self
            .parts
            .iter()
            .map(|p| {
                let context = p.context.as_ref().map(|q| q.weight(scoring)).transpose()?;
                Ok((p.query.weight(scoring)?, p.weight, context))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let boosts = self
            .boosts
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let total: Score = self.parts.iter().map(|p| p.weight).sum();
        Ok(Box::new(CoordWeight {
            parts,
            boosts,
            total,
            needed: total * self.min_share - 1e-4,
            power: self.power,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for p in &self.parts {
            p.query.query_terms(visitor);
        }
    }
}

/// A part's weight: its query's, its IDF, its context's.
type PartWeight = (Box<dyn Weight>, Score, Option<Box<dyn Weight>>);

struct CoordWeight {
    parts: Vec<PartWeight>,
    boosts: Vec<Box<dyn Weight>>,
    total: Score,
    needed: Score,
    power: Score,
}

impl Weight for CoordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts = self
            .parts
            .iter()
            .map(|(w, weight, context)| {
                let context = context
                    .as_ref()
                    .map(|c| c.scorer(reader, boost))
                    .transpose()?;
                Ok(PartScorer {
                    text: w.scorer(reader, boost)?,
                    weight: *weight,
                    context,
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let boosts = self
            .boosts
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut scorer = CoordScorer {
            parts,
            boosts,
            total: self.total.max(f32::MIN_POSITIVE),
            needed: self.needed,
            power: self.power,
            doc: 0,
            score: 0.0,
        };
        scorer.advance();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "words of a question, by how much they tell",
            scorer.score(),
        ))
    }
}

struct PartScorer {
    text: Box<dyn Scorer>,
    weight: Score,
    context: Option<Box<dyn Scorer>>,
}

struct CoordScorer {
    parts: Vec<PartScorer>,
    boosts: Vec<Box<dyn Scorer>>,
    total: Score,
    needed: Score,
    power: Score,
    doc: DocId,
    score: Score,
}

impl DocSet for CoordScorer {
    /// The next document whose words carry enough of the weight. Every part
    /// stands past the current document, so the next candidate is the
    /// smallest of their documents.
    fn advance(&mut self) -> DocId {
        loop {
            let doc = self
                .parts
                .iter()
                .map(|p| p.text.doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let (mut have, mut sum) = (0.0, 0.0);
            for part in &mut self.parts {
                if part.text.doc() == doc {
                    have += part.weight;
                    sum += part.text.score();
                    part.text.advance();
                } else if let Some(context) = &mut part.context {
                    if context.doc() < doc {
                        context.seek(doc);
                    }
                    if context.doc() == doc {
                        have += part.weight * CONTEXT_SHARE;
                        sum += context.score();
                    }
                }
            }
            if have >= self.needed {
                let mut extra = 0.0;
                for b in &mut self.boosts {
                    if b.doc() < doc {
                        b.seek(doc);
                    }
                    if b.doc() == doc {
                        extra += b.score();
                    }
                }
                self.doc = doc;
                self.score = sum * (have / self.total).powf(self.power) + extra;
                return doc;
            }
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts
            .iter()
            .map(|p| p.text.size_hint())
            .max()
            .unwrap_or(0)
    }
}

impl Scorer for CoordScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
