//! Running a search: reading the query as keywords or as a question,
//! compiling it, counting and ranking its matches in one pass, highlighting
//! the first hits; and the passages most like a given one.

use super::collect::{DocsCollector, Ranked, Stats};
use super::compile::{Compiled, Expanded, Reading, combine};
use super::meaning;
use super::places::SegmentOrds;
use super::snippet::{self, Terms};
use super::{
    Facets, Filters, HIGHLIGHTED_HITS, Hit, Index, SearchRequest, SearchResults, query, question,
};
use crate::Result;
use std::cmp::Reverse;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};

/// Candidates for related passages fetched beyond twice the number asked
/// for, so that those ranked down (see [`Index::related`]) can be passed
/// over even when few are asked for.
const RELATED_SPARE: usize = 10;

/// One reading of a query, compiled, with what it found to say.
#[derive(Default)]
pub(super) struct Attempt {
    pub(super) compiled: Vec<Compiled>,
    pub(super) terms: Terms,
    pub(super) notes: Vec<String>,
    pub(super) expanded: Expanded,
}

impl Attempt {
    /// The note for a query of one word (beside exclusions) that no report
    /// uses, when nothing else was said of it (no correction, no synonym):
    /// said, not left to an empty list.
    pub(super) fn unknown_word_note(&self) -> Option<String> {
        let mut positive = self.compiled.iter().filter(|c| c.text && !c.negated);
        let (Some(c), None) = (positive.next(), positive.next()) else {
            return None;
        };
        (c.df == 0 && c.stem.is_some() && self.notes.is_empty() && self.expanded.0.is_empty())
            .then(|| unknown_word(&c.label))
    }
}

impl Index {
    /// Searches. Query text never fails: what cannot be read becomes a note.
    /// Unknown filter ids are an error (see [`Index::validate`]).
    ///
    /// Keywords must all match (each with what means the same); a question
    /// ranks passages by how many of its telling words they have (see
    /// [`super::question`]). Keywords that no passage has together are asked
    /// as a question.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let (filters, renamed) = self.renamed_themes(&request.filters);
        let request = &SearchRequest {
            filters,
            ..request.clone()
        };
        self.validate(&request.filters)?;
        let parsed = query::parse(&request.query);
        let searcher = self.reader.searcher();
        let filters = &request.filters;
        let limit = request.limit.max(1);
        let reading = if question::by_form(&request.query, &parsed) {
            Reading::Question
        } else {
            Reading::Keywords
        };
        let (keywords, mut small_words) = match reading {
            Reading::Keywords => question::without_small_words(&parsed, |t| self.names_term(t)),
            Reading::Question => (parsed.clone(), None),
        };
        let mut asked = self.compiled(&searcher, &keywords, reading)?;
        let mut stats = if asked.compiled.is_empty() && !request.query.trim().is_empty() {
            // Words were typed and none can be searched for (`😀`, a lone
            // `"`): nothing matches, as its note says, rather than all.
            searcher.search(&EmptyQuery, &self.facet_collector(filters, limit))?
        } else if asked.compiled.is_empty() {
            self.everything(&searcher, filters, limit)?
        } else if self.names_nothing(&parsed) {
            // A `report:` or `theme:` naming nothing matches nothing (its
            // note says so): no reading of the words, and no note on where
            // else they are, would change that.
            self.matching(&searcher, &asked.compiled, filters, limit)?
        } else if reading == Reading::Question {
            self.ask(&searcher, &mut asked, &request.query, filters, limit, None)?
        } else {
            let stats = self.matching(&searcher, &asked.compiled, filters, limit)?;
            let positives: Vec<String> = asked
                .compiled
                .iter()
                .filter(|c| c.text && !c.negated)
                .map(|c| c.label.clone())
                .collect();
            if stats.total == 0 && positives.len() >= 2 {
                // Asked as a question, whose note says its common words.
                small_words = None;
                asked = self.compiled(&searcher, &parsed, Reading::Question)?;
                self.ask(
                    &searcher,
                    &mut asked,
                    &request.query,
                    filters,
                    limit,
                    Some(&positives),
                )?
            } else {
                if stats.total == 0 && positives.len() == 1 {
                    let scope = self.missing_in_scope(
                        &searcher,
                        &asked.compiled,
                        &request.query,
                        &keywords,
                        filters,
                    )?;
                    if let Some(note) = scope.or_else(|| asked.unknown_word_note()) {
                        asked.notes.push(note);
                    } else if let Some(note) = self.phrase_apart(&searcher, &parsed, filters)? {
                        asked.notes.push(note);
                    }
                }
                stats
            }
        };
        let mut notes = renamed;
        notes.extend(parsed.notes.iter().cloned());
        notes.append(&mut asked.notes);
        // After the others: an unknown word's note is said only when no
        // other note was (see `Attempt::unknown_word_note`).
        notes.extend(small_words);
        if !asked.expanded.0.is_empty() {
            notes.push(format!("also searched: {}", asked.expanded.0.join("; ")));
        }
        let best = std::mem::take(&mut stats.best);
        let hits = self.hits(best, request.limit, &asked.terms);
        Ok(SearchResults {
            total: stats.total,
            grid: stats
                .grid
                .chunks(self.corpus.reports.len().max(1))
                .map(<[usize]>::to_vec)
                .collect(),
            unthemed: stats.unthemed,
            hits,
            facets: self.facets(stats.reports, stats.themes),
            notes,
            terms: asked.terms,
            took: started.elapsed(),
        })
    }

    /// For a quoted phrase that nothing matches (`"per cent"`), and no
    /// other positive term: said, with how many passages have its words
    /// apart, which is what dropping the quotes would find.
    fn phrase_apart(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &query::ParsedQuery,
        filters: &Filters,
    ) -> Result<Option<String>> {
        let mut positive = parsed.clauses.iter().filter(|c| !c.negated);
        let (Some(clause), None) = (positive.next(), positive.next()) else {
            return Ok(None);
        };
        let [query::Atom::Phrase(phrase)] = clause.any_of.as_slice() else {
            return Ok(None);
        };
        if phrase.split_whitespace().nth(1).is_none() {
            return Ok(None);
        }
        let words = query::parse(phrase);
        let apart = self.compiled(searcher, &words, Reading::Keywords)?;
        let n = if apart.compiled.is_empty() {
            0
        } else {
            self.matching(searcher, &apart.compiled, filters, 0)?.total
        };
        Ok(Some(match n {
            0 => format!("no passage has the phrase “{phrase}”, nor all its words"),
            1 => format!(
                "no passage has the phrase “{phrase}”; 1 passage has its words apart (search them without the quotes)"
            ),
            n => format!(
                "no passage has the phrase “{phrase}”; {n} passages have its words apart (search them without the quotes)"
            ),
        }))
    }

    /// Whether the query restricts to `report:` or `theme:` ids of which
    /// none names anything (`theme:nosuch`, `report:a OR report:b` with
    /// neither a report): then nothing can match.
    fn names_nothing(&self, parsed: &query::ParsedQuery) -> bool {
        parsed.clauses.iter().any(|c| {
            !c.negated && !c.any_of.is_empty() && c.any_of.iter().all(|a| self.names_no_id(a))
        })
    }

    /// Filters with every theme id that went away replaced by the themes
    /// that succeed it (a saved filter, a script's `--theme`), and a note on
    /// each.
    /// Ids are matched whatever their case, as in a query (`--report
    /// BIG-MED` is `big-med`: see [`Filters::spelled_as`]).
    pub(super) fn renamed_themes(&self, filters: &Filters) -> (Filters, Vec<String>) {
        let (renamed, replaced) = filters
            .spelled_as(&self.corpus)
            .with_successors(&self.corpus);
        let notes = replaced
            .iter()
            .map(|(id, names)| {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                super::compile::superseded(id, &names)
            })
            .collect();
        (renamed, notes)
    }

    /// A query compiled for one reading, its exclusions run (they are
    /// applied as a set of passages: see `MatchedDocs`).
    pub(super) fn compiled(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &query::ParsedQuery,
        reading: Reading,
    ) -> Result<Attempt> {
        let mut attempt = Attempt::default();
        attempt.compiled = self.compile(
            parsed,
            reading,
            &mut attempt.terms,
            &mut attempt.notes,
            &mut attempt.expanded,
        );
        for c in attempt.compiled.iter_mut().filter(|c| c.negated) {
            c.query = Box::new(searcher.search(&*c.query, &DocsCollector)?);
        }
        Ok(attempt)
    }

    /// A question's hits, facets and note. Within filters (or fields) the
    /// topic wins: when no passage there has the question's most telling
    /// word, none is a hit, and the note says where that word is instead.
    /// `all_of` is the words (or phrases) no passage had together, when
    /// the question was asked because of that.
    fn ask(
        &self,
        searcher: &tantivy::Searcher,
        attempt: &mut Attempt,
        text: &str,
        filters: &Filters,
        limit: usize,
        all_of: Option<&[String]>,
    ) -> Result<Stats> {
        let active: Vec<&Compiled> = attempt.compiled.iter().collect();
        let (question, asked) = self.question_query(&active);
        let restrictions: Vec<(Occur, Box<dyn Query>)> = active
            .iter()
            .filter(|c| c.negated || !c.text)
            .map(|c| {
                let occur = if c.negated {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                (occur, c.query.box_clone())
            })
            .collect();
        let within = |q: Box<dyn Query>| -> Box<dyn Query> {
            let mut clauses = vec![(Occur::Must, q)];
            clauses.extend(restrictions.iter().map(|(o, q)| (*o, q.box_clone())));
            Box::new(BooleanQuery::new(clauses))
        };
        let Some(question) = question else {
            attempt.notes.push(question::nothing_telling(&asked));
            return Ok(searcher.search(&EmptyQuery, &self.facet_collector(filters, limit))?);
        };
        // The topic within the filters and fields.
        let scoped = !filters.is_empty() || restrictions.iter().any(|(o, _)| *o == Occur::Must);
        if scoped && let Some(top) = asked.most_telling {
            let topic = within(active[top].query.box_clone());
            let inside =
                searcher.search(&*self.with_filters(topic.box_clone(), filters), &Count)?;
            let outside = if inside == 0 {
                searcher.search(&*active[top].query, &Count)?
            } else {
                0
            };
            // A part no passage's text has anywhere (a name found only in
            // reports' authors or organisation) is no topic to miss.
            if inside == 0 && outside > 0 {
                attempt.notes.push(question::topic_missing(
                    &active[top].label,
                    &self.scope(filters, &active),
                    outside,
                ));
                let mut stats =
                    self.scored(searcher, &*topic, &self.facet_collector(filters, limit))?;
                stats.best.clear();
                return Ok(stats);
            }
        }
        attempt.notes.push(question::asked_note(&asked, all_of));
        let query = within(Box::new(question));
        // Enough of the best to rank again by meaning.
        let wide = limit.max(meaning::CANDIDATES);
        let mut stats = self.scored(searcher, &*query, &self.facet_collector(filters, wide))?;
        if !self.theme_bits_cover(filters) {
            stats.best = self.filtered_best(searcher, query, filters, wide)?;
        }
        self.by_meaning(text, &mut stats.best);
        Ok(stats)
    }

    /// When a keyword search within filters or fields found nothing: "no
    /// passage in Big Med mentions buddying (20 passages outside it do)",
    /// if passages outside have the word; nothing when no passage anywhere
    /// has it, or there is no scope. Words read together as one thesaurus
    /// term (`buddying trusts`) are looked at one by one: the note names
    /// the most telling of those the scope lacks ("mentions buddying").
    fn missing_in_scope(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &[Compiled],
        text: &str,
        keywords: &query::ParsedQuery,
        filters: &Filters,
    ) -> Result<Option<String>> {
        let clauses: Vec<&Compiled> = compiled.iter().collect();
        let scoped = !filters.is_empty() || clauses.iter().any(|c| !c.text && !c.negated);
        let Some(word) = clauses.iter().find(|c| c.text && !c.negated) else {
            return Ok(None);
        };
        if !scoped {
            return Ok(None);
        }
        let scope = self.scope(filters, &clauses);
        let typed: Vec<&query::Clause> = keywords
            .clauses
            .iter()
            .filter(|c| !c.negated && !c.any_of.iter().all(query::Atom::is_field))
            .collect();
        // A term typed as one (`special measures`, not `buddying between
        // trusts`) is named as the term, and counted as it is.
        let words = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let terms = clauses.iter().filter(|c| c.text && !c.negated).count();
        let typed_as_one = terms == 1 && words(text).contains(&words(&word.label));
        if typed.len() >= 2 && !typed_as_one {
            // The rarest word no passage within the scope has.
            let fields: Vec<Compiled> = compiled.iter().filter(|c| !c.text).cloned().collect();
            let mut missing: Option<(usize, String)> = None;
            for clause in typed {
                let alone = query::ParsedQuery {
                    clauses: vec![clause.clone()],
                    notes: Vec::new(),
                };
                let mut one = self.compiled(searcher, &alone, Reading::Keywords)?.compiled;
                let Some(c) = one.first() else { continue };
                let outside = searcher.search(&*c.query, &Count)?;
                let label = c.label.clone();
                one.extend(fields.iter().cloned());
                let inside = self.matching(searcher, &one, filters, 1)?.total;
                if inside == 0 && outside > 0 && missing.as_ref().is_none_or(|(n, _)| outside < *n)
                {
                    missing = Some((outside, label));
                }
            }
            if let Some((outside, label)) = missing {
                return Ok(Some(question::topic_missing(&label, &scope, outside)));
            }
        }
        let outside = searcher.search(&*word.query, &Count)?;
        Ok((outside > 0).then(|| question::topic_missing(&word.label, &scope, outside)))
    }

    /// The filters and fields a search is within, as the words that follow
    /// "no passage" in a note: report titles, theme labels, as a
    /// researcher reads them ("in NHS Trust mergers on the theme Mergers
    /// and acquisitions").
    fn scope(&self, filters: &Filters, compiled: &[&Compiled]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut reports: Vec<String> = filters
            .reports
            .iter()
            .filter_map(|id| self.corpus.report(id).map(|r| r.short_title.clone()))
            .collect();
        let mut themes: Vec<String> = filters
            .themes
            .iter()
            .filter_map(|id| self.corpus.theme(id).map(|t| t.label.clone()))
            .collect();
        let mut fields: Vec<String> = Vec::new();
        for c in compiled.iter().filter(|c| !c.text && !c.negated) {
            // `theme:a OR theme:b` is one clause: each of its ids by name,
            // when every one is a report's or every one a theme's.
            let ids: Vec<&str> = c.label.split(" OR ").collect();
            let all = |field: &str| ids.iter().all(|p| p.starts_with(field));
            if all("report:") {
                reports.extend(ids.iter().map(|p| {
                    let id = &p["report:".len()..];
                    self.corpus
                        .report(id)
                        .map_or_else(|| id.to_string(), |r| r.short_title.clone())
                }));
            } else if all("theme:") {
                themes.extend(ids.iter().map(|p| {
                    let id = &p["theme:".len()..];
                    self.corpus
                        .theme(id)
                        .map_or_else(|| id.to_string(), |t| t.label.clone())
                }));
            } else {
                fields.push(c.label.clone());
            }
        }
        if !reports.is_empty() {
            parts.push(format!("in {}", reports.join(" or ")));
        }
        if !themes.is_empty() {
            parts.push(format!("on the theme {}", themes.join(" or ")));
        }
        if !fields.is_empty() {
            parts.push(format!("with {}", fields.join(", ")));
        }
        if parts.is_empty() {
            "within the filters".to_string()
        } else {
            parts.join(" ")
        }
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

    /// Facets, total and the best hits of keywords within the filters, in
    /// one pass.
    fn matching(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &[Compiled],
        filters: &Filters,
        limit: usize,
    ) -> Result<Stats> {
        let active: Vec<&Compiled> = compiled.iter().collect();
        let q = combine(&active);
        let mut stats = self.scored(searcher, &*q, &self.facet_collector(filters, limit))?;
        if !self.theme_bits_cover(filters) {
            stats.best = self.filtered_best(searcher, q, filters, limit)?;
        }
        Ok(stats)
    }

    /// The best hits with the filters applied as a query: for a theme past
    /// the 64 that have a bit, whose filter the counts cannot include.
    fn filtered_best(
        &self,
        searcher: &tantivy::Searcher,
        q: Box<dyn Query>,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Ranked>> {
        Ok(self
            .top_hits(searcher, &*self.with_filters(q, filters), limit)?
            .into_iter()
            .map(|h| Ranked {
                score: h.score,
                ord: h.ord as u64,
            })
            .collect())
    }

    /// A question's best passages ranked again by meaning (see
    /// [`meaning`]): each one's score from the words (relative to the best
    /// one's) is scaled by `e^(k × likeness)`, its likeness to the question
    /// being a cosine from -1 to 1 (k is [`meaning::SHARPNESS`]). A
    /// multiple, not a sum: a passage the words ranked far down (one that
    /// has only a question's common word) cannot be carried to the top by
    /// meaning alone. Only the first [`meaning::CANDIDATES`] are ranked
    /// again; the rest follow in the words' order.
    fn by_meaning(&self, question: &str, best: &mut [Ranked]) {
        let Some(asked) = meaning::text_vector(question) else {
            return;
        };
        let top = best.first().map_or(0.0, |r| r.score);
        if top <= 0.0 {
            return;
        }
        let n = meaning::CANDIDATES.min(best.len());
        for r in best[..n].iter_mut() {
            let likeness = usize::try_from(r.ord)
                .ok()
                .and_then(|ord| self.passage(ord))
                .and_then(|(_, p)| match &p.section {
                    Some(section) => meaning::text_vector(&format!("{} {section}", p.text)),
                    None => meaning::text_vector(&p.text),
                })
                .map_or(0.0, |v| meaning::similarity(&asked, &v));
            r.score = r.score / top * (meaning::SHARPNESS * likeness).exp();
        }
        best[..n].sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
        // The rest keep their order, below: scaled by the least a likeness
        // can give, no score of theirs passes one ranked again.
        for r in best[n..].iter_mut() {
            r.score = r.score / top * (-meaning::SHARPNESS).exp();
        }
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
        let places = self.places.clone();
        let top = TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
            let ords = SegmentOrds::new(segment, places.clone()).ok();
            move |doc: DocId, _score: Score| {
                Reverse(ords.as_ref().and_then(|o| o.ord(doc)).unwrap_or(u64::MAX))
            }
        });
        let found = self.scored(searcher, &*filtered, &top)?;
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
        let places = self.places.clone();
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(move |segment: &SegmentReader| {
            let ords = SegmentOrds::new(segment, places.clone()).ok();
            move |doc: DocId, score: Score| {
                (
                    score,
                    Reverse(ords.as_ref().and_then(|o| o.ord(doc)).unwrap_or(u64::MAX)),
                )
            }
        });
        let found = self.scored(searcher, query, &top)?;
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

    /// Passages most like a given one, other reports first. A passage that
    /// does not make sense on its own (a lead-in, a footnote, a few words:
    /// see [`crate::corpus::Passage::stands_alone`]) is ranked after those
    /// that do, so that it is offered only when there are not enough of
    /// them.
    pub fn related(&self, passage_id: &str, limit: usize) -> Result<Vec<Hit>> {
        let (report, passage) = self
            .corpus
            .passage(passage_id)
            .ok_or_else(|| self.corpus.unknown_id(passage_id))?;
        let own = self.ord_of(passage_id);
        let searcher = self.reader.searcher();
        let query = super::like::query(&searcher, self.fields.body, &passage.text)?;
        let own_report: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.report, &report.id),
            IndexRecordOption::Basic,
        ));
        // No more than the corpus has, whatever was asked for.
        let limit = limit.min(self.corpus.passage_count());
        // Room for the passages ranked down to be passed over.
        let wanted = limit.saturating_mul(2).saturating_add(RELATED_SPARE);
        let stands = |h: &Hit| self.passage(h.ord).is_some_and(|(_, p)| p.stands_alone());
        // Other reports first, then the passage's own report, each by score.
        let others = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::MustNot, own_report.box_clone()),
        ]);
        let (mut hits, mut weak): (Vec<Hit>, Vec<Hit>) = self
            .top_hits(&searcher, &others, wanted)?
            .into_iter()
            .partition(stands);
        if hits.len() < limit {
            let same = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, own_report),
            ]);
            let (strong, more_weak): (Vec<Hit>, Vec<Hit>) = self
                .top_hits(&searcher, &same, wanted + 1)?
                .into_iter()
                .filter(|h| Some(h.ord) != own)
                .partition(stands);
            hits.extend(strong);
            weak.extend(more_weak);
        }
        hits.extend(weak);
        hits.truncate(limit);
        Ok(hits)
    }
}

/// The note on a lone word no report uses. A plain word long enough to
/// be a misspelling (and not an English word) was looked for by spelling
/// too; a quoted or `=` word, or a short one, was not.
fn unknown_word(label: &str) -> String {
    let plain = !label.starts_with(['"', '=']);
    let spelt =
        plain && label.chars().count() >= 4 && !super::lexicon::is_english(&label.to_lowercase());
    if spelt {
        format!("no report uses `{label}`, nor a word spelt like it")
    } else {
        format!("no report uses `{label}`")
    }
}
