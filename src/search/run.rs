//! Running a search: compiling the query, counting and ranking its matches in
//! one pass, relaxing it when nothing matches, highlighting the first hits;
//! and the passages most like a given one.

use super::collect::{DocsCollector, Ranked, Stats, ord_column};
use super::compile::{Compiled, combine};
use super::snippet::{self, Terms};
use super::{Facets, Filters, HIGHLIGHTED_HITS, Hit, Index, SearchRequest, SearchResults, query};
use crate::{Error, Result};
use std::cmp::Reverse;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocId, Score, SegmentReader, Term};

impl Index {
    /// Searches. Query text never fails: what cannot be read becomes a note.
    /// Unknown filter ids are an error (see [`Index::validate`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        self.validate(&request.filters)?;
        let parsed = query::parse(&request.query);
        let mut notes = parsed.notes.clone();
        let mut terms = Terms::default();
        let searcher = self.reader.searcher();
        let mut compiled = self.compile(&parsed, &mut terms, &mut notes);
        // Exclusions are run on their own and applied as a set of passages
        // (see `MatchedDocs`).
        for c in compiled.iter_mut().filter(|c| c.negated) {
            c.query = Box::new(searcher.search(&*c.query, &DocsCollector)?);
        }
        let filters = &request.filters;
        let limit = request.limit.max(1);
        let mut stats = if compiled.is_empty() {
            self.everything(&searcher, filters, limit)?
        } else {
            self.matching(&searcher, &compiled, filters, limit, &mut notes)?
        };
        let best = std::mem::take(&mut stats.best);
        let hits = self.hits(best, request.limit, &terms);
        Ok(SearchResults {
            total: stats.total,
            grid: stats
                .grid
                .chunks(self.corpus.reports.len().max(1))
                .map(<[usize]>::to_vec)
                .collect(),
            hits,
            facets: self.facets(stats.reports, stats.themes),
            notes,
            terms,
            took: started.elapsed(),
        })
    }

    /// With no query every passage matches: the counts (from the catalog
    /// when it recorded them) and the first passages in corpus order.
    fn everything(
        &self,
        searcher: &tantivy::Searcher,
        filters: &Filters,
        limit: usize,
    ) -> Result<Stats> {
        let mut stats = match self.recorded_stats(filters) {
            Some(stats) => stats,
            None => searcher.search(&AllQuery, &self.facet_collector(filters, 0))?,
        };
        stats.best = self.first_in_corpus_order(searcher, filters, limit)?;
        Ok(stats)
    }

    /// Facets, total and the best hits of a query within the filters, in one
    /// pass; relaxed (with a note) when no passage has all its words.
    fn matching(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &[Compiled],
        filters: &Filters,
        limit: usize,
        notes: &mut Vec<String>,
    ) -> Result<Stats> {
        let facet_collector = self.facet_collector(filters, limit);
        let active: Vec<&Compiled> = compiled.iter().collect();
        let mut q = combine(&active);
        let mut stats = searcher.search(&*q, &facet_collector)?;
        let positives = active.iter().filter(|c| c.text && !c.negated).count();
        if stats.total == 0
            && positives >= 2
            && let Some((kept_q, dropped)) = self.relax(&active, searcher, filters)?
        {
            notes.push(format!(
                "no passage has all {positives} words; dropped: {}",
                dropped.join(", ")
            ));
            stats = searcher.search(&*kept_q, &facet_collector)?;
            q = kept_q;
        }
        if !self.theme_bits_cover(filters) {
            // A theme past the 64 that have a bit: its filter is applied
            // as a query for the hits (the counts cannot include it).
            stats.best = self
                .top_hits(searcher, &*self.with_filters(q, filters), limit)?
                .into_iter()
                .map(|h| Ranked {
                    score: h.score,
                    ord: h.ord as u64,
                })
                .collect();
        }
        Ok(stats)
    }

    /// The best matches as hits, at most `limit`. Highlights need the
    /// passage text, and reading it may mean reading a report's file: only
    /// the first hits get them here; a view that shows more computes them
    /// from `terms` as it reads the passages.
    fn hits(&self, best: Vec<Ranked>, limit: usize, terms: &Terms) -> Vec<Hit> {
        best.into_iter()
            .take(limit)
            .enumerate()
            .map(|(i, r)| {
                let ord = r.ord as usize;
                Hit {
                    ord,
                    score: r.score,
                    highlights: if i < HIGHLIGHTED_HITS {
                        self.passage(ord)
                            .map(|(_, p)| snippet::highlights(&p.text, terms))
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// Counts by report and theme, named by their ids.
    fn facets(&self, reports: Vec<usize>, themes: Vec<usize>) -> Facets {
        Facets {
            reports: self
                .corpus
                .reports
                .iter()
                .zip(reports)
                .map(|(r, n)| (r.id.clone(), n))
                .collect(),
            themes: self
                .corpus
                .themes
                .iter()
                .zip(themes)
                .map(|(t, n)| (t.id.clone(), n))
                .collect(),
        }
    }

    /// With no query: the first `limit` passages within the filters, in corpus
    /// order (score 0). Without filters these are simply the first passages.
    fn first_in_corpus_order(
        &self,
        searcher: &tantivy::Searcher,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Ranked>> {
        let first = |ord: u64| Ranked { score: 0.0, ord };
        if filters.is_empty() {
            let n = (self.corpus.passage_count() as u64).min(limit as u64);
            return Ok((0..n).map(first).collect());
        }
        let filtered = self.with_filters(Box::new(AllQuery), filters);
        let top = TopDocs::with_limit(limit).tweak_score(|segment: &SegmentReader| {
            let column = ord_column(segment);
            move |doc: DocId, _score: Score| Reverse(column.as_ref().map_or(0, |c| c.get_val(doc)))
        });
        let found = searcher.search(&*filtered, &top)?;
        Ok(found
            .into_iter()
            .map(|(Reverse(ord), _)| first(ord))
            .collect())
    }

    /// The best `limit` passages for a query, ties in corpus order.
    fn top_hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(|segment: &SegmentReader| {
            let column = ord_column(segment);
            move |doc: DocId, score: Score| {
                (
                    score,
                    Reverse(column.as_ref().map_or(0, |c| c.get_val(doc))),
                )
            }
        });
        let found = searcher.search(query, &top)?;
        Ok(found
            .into_iter()
            .take(limit)
            .map(|((score, Reverse(ord)), _)| Hit {
                ord: ord as usize,
                score,
                highlights: Vec::new(),
            })
            .collect())
    }

    /// Passages most like a given one, other reports first.
    pub fn related(&self, passage_id: &str, limit: usize) -> Result<Vec<Hit>> {
        let (report, passage) = self
            .corpus
            .passage(passage_id)
            .ok_or_else(|| Error::UnknownId(passage_id.to_string()))?;
        let own = self.ord_of(passage_id);
        let query: Box<dyn Query> = Box::new(
            MoreLikeThisQuery::builder()
                .with_min_doc_frequency(1)
                .with_min_term_frequency(1)
                .with_min_word_length(3)
                .with_document_fields(vec![(
                    self.fields.body,
                    vec![OwnedValue::Str(passage.text.clone())],
                )]),
        );
        let searcher = self.reader.searcher();
        let own_report: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.report, &report.id),
            IndexRecordOption::Basic,
        ));
        // Other reports first, then the passage's own report, each by score.
        let others = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::MustNot, own_report.box_clone()),
        ]);
        let mut hits = self.top_hits(&searcher, &others, limit)?;
        if hits.len() < limit {
            let same = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, own_report),
            ]);
            let more = self.top_hits(&searcher, &same, limit + 1)?;
            hits.extend(more.into_iter().filter(|h| Some(h.ord) != own));
        }
        hits.truncate(limit);
        Ok(hits)
    }
}
