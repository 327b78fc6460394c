//! The query behind `related`: a passage's most telling words, each weighted
//! by how often the passage uses it and how rare it is in the index.
//!
//! tantivy's `MoreLikeThisQuery` chooses the same kind of words, but it
//! collects them in a hash map and breaks ties between equally telling
//! words by that map's order, which changes from run to run: the same
//! `related` call listed different passages first on different runs. Here
//! ties go to the word that sorts first, so a passage's related list is the
//! same every time.

use crate::Result;
use std::collections::BTreeMap;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// Words shorter than this (in characters) are left out: `of`, `a`, `is`.
const MIN_WORD_CHARS: usize = 3;

/// The most words the query keeps.
const MAX_WORDS: usize = 25;

/// A query for passages like `text`, over `field` (analysed as it was
/// indexed): the [`MAX_WORDS`] words with the highest term frequency ×
/// inverse document frequency, each boosted by its share of the best one's.
pub fn query(searcher: &Searcher, field: Field, text: &str) -> Result<Box<dyn Query>> {
    let mut analyzer = searcher.index().tokenizer_for_field(field)?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let word = &stream.token().text;
        if word.chars().count() >= MIN_WORD_CHARS {
            *counts.entry(word.clone()).or_default() += 1;
        }
    }
    let docs = searcher.num_docs() as f32;
    let mut scored = Vec::with_capacity(counts.len());
    for (word, count) in counts {
        let term = Term::from_field_text(field, &word);
        let df = searcher.doc_freq(&term)? as f32;
        if df == 0.0 {
            continue;
        }
        let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        scored.push((count as f32 * idf, term));
    }
    // Highest first; equal scores in the words' order (the map gave them
    // sorted, and the sort is stable).
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(MAX_WORDS);
    let best = scored.first().map_or(1.0, |s| s.0);
    let clauses = scored
        .into_iter()
        .map(|(score, term)| {
            let q: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                score / best,
            ));
            (Occur::Should, q)
        })
        .collect();
    Ok(Box::new(BooleanQuery::new(clauses)))
}
