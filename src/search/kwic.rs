//! The concordance (keyword in context) and collocates of a query: every
//! occurrence of its words in the passages it matches, found as the
//! highlighter finds them (the same [`Unit`]s compiling recorded: every form
//! of a stemmed word, a typo's corrections, a prefix's words, a phrase as a
//! unit, a synonym the query was expanded with, marked), each with its
//! context cut at word boundaries; sorts by report order or by the words
//! around; and the words found most near the matches, with Dunning's
//! log-likelihood. Knows nothing of terminals: widths are display widths
//! (`unicode-width`), and drawing is the caller's.

mod context;

pub use context::{Context, context};
use context::{back, forward};

use super::analysis::{Word, words};
use super::compile::{Reading, combine};
use super::places::{Places, SegmentOrds};
use super::question::is_stop_word;
use super::snippet::{Form, Unit};
use super::{Filters, Index, SearchRequest, query};
use crate::{Error, Result};
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::postings::Postings;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// The fewest columns of context a side (`--width`).
pub const MIN_WIDTH: usize = 8;
/// The most columns of context a side (`--width`): wider than any terminal,
/// and a bound on the padding a line is given.
pub const MAX_WIDTH: usize = 1_000;
/// The most words either side a collocate is counted within (`--window`).
pub const MAX_WINDOW: usize = 20;
/// What an empty concordance says to do.
pub const EMPTY_QUERY: &str =
    "a concordance needs words to look for: type a word or \"a phrase\" (say merger)";

/// How occurrences are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Corpus order: report, passage, place in the passage.
    #[default]
    Report,
    /// By the first word to the left, then the second.
    Left,
    /// By the second word to the left, then the first.
    Left2,
    /// By the first word to the right, then the second.
    Right,
    /// By the second word to the right, then the first.
    Right2,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Report,
        Sort::Left,
        Sort::Left2,
        Sort::Right,
        Sort::Right2,
    ];

    /// Its name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Report => "report",
            Sort::Left => "left",
            Sort::Left2 => "left2",
            Sort::Right => "right",
            Sort::Right2 => "right2",
        }
    }

    /// In words, for a header.
    pub fn describe(self) -> &'static str {
        match self {
            Sort::Report => "in report order",
            Sort::Left => "by the word to the left",
            Sort::Left2 => "by the 2nd word to the left",
            Sort::Right => "by the word to the right",
            Sort::Right2 => "by the 2nd word to the right",
        }
    }

    /// Whether the order needs every occurrence before the first is shown.
    pub fn needs_all(self) -> bool {
        self != Sort::Report
    }
}

/// One occurrence of a query's unit in a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The passage's position in corpus order.
    pub ord: usize,
    /// Byte range of the match in the passage's text.
    pub start: usize,
    pub end: usize,
    /// Which of [`Concordance::units`] it is.
    pub unit: usize,
}

/// What a concordance looks for, and where.
#[derive(Debug, Clone, Default)]
pub struct Concordance {
    /// The query's words and phrases, and the synonyms it was expanded with.
    pub units: Vec<Unit>,
    /// The passages the query matches within the filters, in corpus order.
    pub ords: Vec<usize>,
    /// What was read loosely or expanded (as a search's notes).
    pub notes: Vec<String>,
}

impl Concordance {
    /// For a unit, the query word it is a synonym of (if it is one).
    pub fn synonym_of(&self, occ: &Occurrence) -> Option<&str> {
        self.units.get(occ.unit)?.stands_for.as_deref()
    }
}

/// How many occurrences, in how many passages and reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub occurrences: usize,
    pub passages: usize,
    pub reports: usize,
}

/// One collocate: a word (by its stem) found near the query's matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    /// Its commonest form near the matches.
    pub word: String,
    pub stem: String,
    /// How many times it is within the window of a match.
    pub count: usize,
    /// In how many passages.
    pub passages: usize,
    /// How many times it is in the whole corpus's text.
    pub corpus: u64,
    /// Dunning's log-likelihood (G²), negative when the word is found near
    /// the matches less often than chance would have it.
    pub score: f64,
}

/// A stem's count near the matches, the passages, and its forms' counts.
#[derive(Default)]
struct Near {
    count: usize,
    passages: HashSet<usize>,
    forms: HashMap<String, usize>,
}

/// How collocates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CollocateSort {
    #[default]
    Score,
    Count,
}

impl Index {
    /// What a concordance of a query looks for and the passages it is in.
    /// The query is read as keywords (every word required, a synonym only
    /// when the reports never use the word, as a search does), or as a
    /// question when `search` would read it as one; a query with
    /// no words to find (empty, only filters or only exclusions) is an
    /// error that says what to do. Unknown filter ids are errors.
    pub fn concordance(&self, query_text: &str, filters: &Filters) -> Result<Concordance> {
        // Ids in any case, and a retired theme's successors, as a search
        // reads them.
        let (filters, renamed) = self.renamed_themes(filters);
        let filters = &filters;
        self.validate(filters)?;
        let parsed = query::parse(query_text);
        let searcher = self.reader.searcher();
        // `the merger` is about mergers, as a search reads it.
        let (keywords, small_words) =
            super::question::without_small_words(&parsed, |t| self.names_term(t));
        let attempt = self.compiled(&searcher, &keywords, Reading::Keywords)?;
        let positive = attempt.compiled.iter().any(|c| c.text && !c.negated);
        if !positive {
            return Err(Error::InvalidInput(EMPTY_QUERY.to_string()));
        }
        if attempt.terms.units.is_empty() {
            // A lone word no report uses, said as a search says it.
            let unknown = attempt.unknown_word_note();
            return Ok(Concordance {
                notes: [renamed, attempt.notes, unknown.into_iter().collect()].concat(),
                ..Concordance::default()
            });
        }
        let active: Vec<_> = attempt.compiled.iter().collect();
        let q = self.with_filters(combine(&active), filters);
        let mut ords: Vec<usize> = searcher
            .search(&*q, &OrdsCollector(self.places.clone()))?
            .into_iter()
            .map(|o| o as usize)
            .collect();
        // A question (by its form, or keywords no passage has together) is
        // read as `search` reads it: its passages are the search's, and
        // what is looked for its telling words and their expansions, not
        // its common words (`does buddying work?` is about buddying).
        let positives = attempt
            .compiled
            .iter()
            .filter(|c| c.text && !c.negated)
            .count();
        let question =
            super::question::by_form(query_text, &parsed) || ords.is_empty() && positives >= 2;
        if question {
            let results = self.search(&SearchRequest {
                query: query_text.to_string(),
                filters: filters.clone(),
                limit: self.corpus.passage_count().max(1),
            })?;
            let mut ords: Vec<usize> = results.hits.iter().map(|h| h.ord).collect();
            ords.sort_unstable();
            return Ok(Concordance {
                units: results.terms.units,
                ords,
                notes: [renamed, results.notes].concat(),
            });
        }
        ords.sort_unstable();
        let mut notes = renamed;
        notes.extend(parsed.notes.iter().cloned());
        notes.extend(attempt.notes);
        notes.extend(small_words);
        if !attempt.expanded.0.is_empty() {
            notes.push(format!("also searched: {}", attempt.expanded.0.join("; ")));
        }
        // Passages matched through their report's title, organisation or
        // authors alone have nothing to show in a concordance, which lists
        // the words in the text: say where the words are instead.
        if let Some(note) = self.only_in_details(&ords, &attempt.terms.units) {
            notes.push(note);
            ords.clear();
        }
        Ok(Concordance {
            units: attempt.terms.units,
            ords,
            notes,
        })
    }

    /// When none of `ords`' passages has the words in its text (they were
    /// matched by their report's details), a note naming the reports.
    fn only_in_details(&self, ords: &[usize], units: &[Unit]) -> Option<String> {
        if ords.is_empty() {
            return None;
        }
        let mut reports: Vec<&str> = Vec::new();
        for &ord in ords {
            let (report, passage) = self.passage(ord)?;
            // Words in the text, or in a section heading (which a search
            // matches too): not a matter of the report's details.
            let in_heading = passage
                .section
                .as_deref()
                .is_some_and(|s| !find(s, units).is_empty());
            if in_heading || !find(&passage.text, units).is_empty() {
                return None;
            }
            if !reports.contains(&report.short_title.as_str()) {
                reports.push(&report.short_title);
            }
        }
        let shown = reports
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join("; ");
        let more = match reports.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        Some(format!(
            "no passage's text has these words: they are in the title, organisation \
             or authors of {} ({shown}{more}), whose {} passages a search lists",
            crate::english::plural(reports.len(), "report"),
            ords.len()
        ))
    }

    /// The occurrences in one passage, in text order.
    pub fn occurrences(&self, concordance: &Concordance, ord: usize) -> Vec<Occurrence> {
        let Some((_, passage)) = self.passage(ord) else {
            return Vec::new();
        };
        find(&passage.text, &concordance.units)
            .into_iter()
            .map(|(start, end, unit)| Occurrence {
                ord,
                start,
                end,
                unit,
            })
            .collect()
    }

    /// Every occurrence, in corpus order. `progress` is told how many
    /// passages are done after each; when it returns false the work stops
    /// and `None` is returned.
    pub fn all_occurrences(
        &self,
        concordance: &Concordance,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Option<Vec<Occurrence>> {
        let mut out = Vec::new();
        for (i, &ord) in concordance.ords.iter().enumerate() {
            out.extend(self.occurrences(concordance, ord));
            if !progress(i + 1) {
                return None;
            }
        }
        Some(out)
    }

    /// Occurrences sorted (stably: ties stay in corpus order).
    pub fn sort_occurrences(&self, occurrences: &mut [Occurrence], sort: Sort) {
        if sort == Sort::Report {
            occurrences.sort_by_key(|o| (o.ord, o.start));
            return;
        }
        occurrences.sort_by_cached_key(|o| {
            let text = self.passage(o.ord).map_or("", |(_, p)| p.text.as_str());
            let key = neighbours(text, o.start, o.end);
            let (a, b) = match sort {
                Sort::Left => (key.left1, key.left2),
                Sort::Left2 => (key.left2, key.left1),
                Sort::Right => (key.right1, key.right2),
                _ => (key.right2, key.right1),
            };
            (a, b, o.ord, o.start)
        });
    }

    /// How many occurrences, passages and reports.
    pub fn totals(&self, occurrences: &[Occurrence]) -> Totals {
        let passages: HashSet<usize> = occurrences.iter().map(|o| o.ord).collect();
        let reports: HashSet<&str> = passages
            .iter()
            .filter_map(|&ord| self.report_of(ord).map(|r| r.id.as_str()))
            .collect();
        Totals {
            occurrences: occurrences.len(),
            passages: passages.len(),
            reports: reports.len(),
        }
    }

    /// An occurrence's context, at most `width` columns each side.
    pub fn occurrence_context(&self, occ: &Occurrence, width: usize) -> Context {
        let text = self.passage(occ.ord).map_or("", |(_, p)| p.text.as_str());
        context(text, occ.start, occ.end, width)
    }

    /// The words found most within `window` words of the occurrences (stop
    /// words, numbers and single letters left out), by stem, with Dunning's
    /// log-likelihood against the whole corpus's text.
    pub fn collocates(&self, occurrences: &[Occurrence], window: usize) -> Vec<Collocate> {
        let mut by_passage: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for o in occurrences {
            by_passage.entry(o.ord).or_default().push((o.start, o.end));
        }
        let mut counts: HashMap<String, Near> = HashMap::new();
        let mut in_windows = 0u64;
        for (&ord, matches) in &by_passage {
            let Some((_, passage)) = self.passage(ord) else {
                continue;
            };
            let ws = words(&passage.text);
            let (near, node) = window_positions(&ws, matches, window);
            for &i in &near {
                if node.contains(&i) {
                    continue;
                }
                in_windows += 1;
                let w = &ws[i];
                if !telling(&w.plain) {
                    continue;
                }
                let entry = counts.entry(w.stem.clone()).or_default();
                entry.count += 1;
                entry.passages.insert(ord);
                *entry.forms.entry(w.plain.clone()).or_default() += 1;
            }
        }
        let total = self.body_tokens();
        let mut out: Vec<Collocate> = counts
            .into_iter()
            .map(|(stem, near)| {
                let Near {
                    count,
                    passages,
                    forms,
                } = near;
                let corpus = self.body_freq(&stem).max(count as u64);
                let word = forms
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map_or_else(|| stem.clone(), |(w, _)| w);
                Collocate {
                    word,
                    score: log_likelihood(count as u64, in_windows, corpus, total.max(in_windows)),
                    stem,
                    count,
                    passages: passages.len(),
                    corpus,
                }
            })
            .collect();
        sort_collocates(&mut out, CollocateSort::Score);
        out
    }

    /// How many words the corpus's passage text has (the body field).
    fn body_tokens(&self) -> u64 {
        self.reader
            .searcher()
            .segment_readers()
            .iter()
            .filter_map(|s| s.inverted_index(self.fields.body).ok())
            .map(|i| i.total_num_tokens())
            .sum()
    }

    /// How many times a stem is in the corpus's passage text.
    fn body_freq(&self, stem: &str) -> u64 {
        let term = Term::from_field_text(self.fields.body, stem);
        let mut n = 0u64;
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.body) else {
                continue;
            };
            let Ok(Some(mut postings)) =
                inverted.read_postings(&term, tantivy::schema::IndexRecordOption::WithFreqs)
            else {
                continue;
            };
            while postings.doc() != tantivy::TERMINATED {
                n += u64::from(postings.term_freq());
                postings.advance();
            }
        }
        n
    }
}

/// Collocates in an order: by score or by count, ties by count, then word.
pub fn sort_collocates(collocates: &mut [Collocate], sort: CollocateSort) {
    collocates.sort_by(|a, b| {
        let by = match sort {
            CollocateSort::Score => b.score.total_cmp(&a.score).then(b.count.cmp(&a.count)),
            CollocateSort::Count => b.count.cmp(&a.count).then(b.score.total_cmp(&a.score)),
        };
        by.then_with(|| a.word.cmp(&b.word))
    });
}

/// Dunning's log-likelihood (G²) of a word found `near` times among `window`
/// words near the matches, and `corpus` times among the corpus's `total`
/// words: G² = 2 Σ O·ln(O/E) over the 2×2 table (near the matches or not,
/// this word or another), E = row total × column total / N. Signed: negative
/// when the word is near the matches less often than expected.
pub fn log_likelihood(near: u64, window: u64, corpus: u64, total: u64) -> f64 {
    let n = total as f64;
    if n <= 0.0 {
        return 0.0;
    }
    let (o11, r1, c1) = (near as f64, window as f64, corpus as f64);
    let o12 = (r1 - o11).max(0.0);
    let o21 = (c1 - o11).max(0.0);
    let o22 = (n - r1 - c1 + o11).max(0.0);
    let r2 = n - r1;
    let c2 = n - c1;
    let cell = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    let g2 = 2.0
        * (cell(o11, r1 * c1 / n)
            + cell(o12, r1 * c2 / n)
            + cell(o21, r2 * c1 / n)
            + cell(o22, r2 * c2 / n));
    if o11 < r1 * c1 / n { -g2 } else { g2 }
}

/// Whether a word tells something as a collocate: not a stop word, not a
/// number, longer than a letter.
fn telling(plain: &str) -> bool {
    plain.chars().count() > 1 && !plain.chars().all(|c| c.is_ascii_digit()) && !is_stop_word(plain)
}

/// The word positions within `window` words of the matches, and the
/// positions of the matches' own words.
fn window_positions(
    ws: &[Word],
    matches: &[(usize, usize)],
    window: usize,
) -> (Vec<usize>, HashSet<usize>) {
    let mut node: HashSet<usize> = HashSet::new();
    let mut near: Vec<usize> = Vec::new();
    for &(start, end) in matches {
        let first = ws.iter().position(|w| w.start >= start);
        let last = ws.iter().rposition(|w| w.end <= end);
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        node.extend(first..=last);
        near.extend(first.saturating_sub(window)..first);
        near.extend(last + 1..(last + 1 + window).min(ws.len()));
    }
    near.sort_unstable();
    near.dedup();
    (near, node)
}

/// The units found in a text: byte ranges and which unit, in text order,
/// not overlapping (at a word where several start, the longest wins, then
/// the first recorded).
pub fn find(text: &str, units: &[Unit]) -> Vec<(usize, usize, usize)> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let best = units
            .iter()
            .enumerate()
            .filter(|(_, u)| matches_at(text, &ws[i..], u))
            .max_by(|a, b| a.1.words.len().cmp(&b.1.words.len()).then(b.0.cmp(&a.0)));
        match best {
            Some((k, u)) => {
                let n = u.words.len();
                out.push((ws[i].start, ws[i + n - 1].end, k));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

fn matches_at(text: &str, ws: &[Word], unit: &Unit) -> bool {
    unit.words.len() <= ws.len()
        && unit.words.iter().zip(ws).all(|(f, w)| match f {
            Form::Stem(s) => &w.stem == s,
            Form::Plain(p) => &w.plain == p,
            Form::Shouted(p) => &w.plain == p && super::analysis::shouted_in(text, w),
        })
}

/// The words either side of a match, lowercased, for sorting ("" past the
/// passage's edge).
#[derive(Debug, Default, PartialEq, Eq)]
struct Neighbours {
    left1: String,
    left2: String,
    right1: String,
    right2: String,
}

fn neighbours(text: &str, start: usize, end: usize) -> Neighbours {
    // The words near the match only (a cut word at either edge left out).
    const REACH: usize = 160;
    let from = back(text, start, REACH);
    let to = forward(text, end, REACH);
    let mut before = words(text.get(from..start).unwrap_or(""));
    if from > 0 && !before.is_empty() {
        before.remove(0);
    }
    let mut after = words(text.get(end..to).unwrap_or(""));
    if to < text.len() {
        after.pop();
    }
    let nth_back = |k: usize| {
        before
            .len()
            .checked_sub(k)
            .and_then(|i| before.get(i))
            .map_or_else(String::new, |w| w.plain.clone())
    };
    let nth = |k: usize| after.get(k).map_or_else(String::new, |w| w.plain.clone());
    Neighbours {
        left1: nth_back(1),
        left2: nth_back(2),
        right1: nth(0),
        right2: nth(1),
    }
}

/// Collects the `ord` of every matching passage.
struct OrdsCollector(std::sync::Arc<Places>);

impl Collector for OrdsCollector {
    type Fruit = Vec<u64>;
    type Child = OrdsSegment;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<OrdsSegment> {
        Ok(OrdsSegment(
            SegmentOrds::new(reader, self.0.clone()).ok(),
            Vec::new(),
        ))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct OrdsSegment(Option<SegmentOrds>, Vec<u64>);

impl SegmentCollector for OrdsSegment {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(ord) = self.0.as_mut().and_then(|o| o.next(doc)) {
            self.1.push(ord.1);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_is_zero_at_chance_and_signed() {
        // 10 in 100 near, 100 in 1000 overall: just as expected.
        assert!(log_likelihood(10, 100, 100, 1000).abs() < 1e-9);
        assert!(log_likelihood(50, 100, 100, 1000) > 0.0);
        assert!(log_likelihood(1, 100, 100, 1000) < 0.0);
    }

    #[test]
    fn sort_names_round_trip() {
        let names: Vec<&str> = Sort::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["report", "left", "left2", "right", "right2"]);
        assert!(!Sort::Report.needs_all() && Sort::Left2.needs_all());
    }
}
