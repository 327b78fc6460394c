//! Unstemmed words, for `=word` and prefixes: their passages by the text,
//! and their report-level matches (title, organisation, authors) by the
//! rule a stemmed word follows (see the compile module's `text_query`).

use super::Index;
use super::compile::TITLE_SCORE;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

impl Index {
    /// How many passages have an unstemmed word, in their text or their
    /// report's title, organisation or authors.
    fn plain_freq(&self, word: &str) -> u64 {
        let w = [word.to_string()];
        self.term_freq_in(self.fields.plain, &w)
            .max(self.term_freq_in(self.fields.plain_meta, &w))
    }

    /// The fewest passages that have one of these unstemmed words.
    pub(super) fn min_plain_freq(&self, plains: &[String]) -> u64 {
        plains.iter().map(|w| self.plain_freq(w)).min().unwrap_or(0)
    }

    /// The most passages that have one of these unstemmed words.
    pub(super) fn max_plain_freq(&self, plains: &[String]) -> u64 {
        plains.iter().map(|w| self.plain_freq(w)).max().unwrap_or(0)
    }

    /// An unstemmed word in the passage's text or section heading, by
    /// BM25, with its report-level matches counted as a stemmed word's are
    /// (see [`Index::text_query`]): they lift the passages that use it, and
    /// list a whole report only when the text rarely has the word.
    fn plain_word_query(&self, word: &str) -> Box<dyn Query> {
        let f = self.fields;
        let text: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(f.plain, word),
            IndexRecordOption::WithFreqs,
        ));
        let meta_term = Term::from_field_text(f.plain_meta, word);
        let searcher = self.reader.searcher();
        if searcher.doc_freq(&meta_term).unwrap_or(0) == 0 {
            return text;
        }
        let rare = self.rare(
            searcher
                .doc_freq(&Term::from_field_text(f.plain, word))
                .unwrap_or(0),
        );
        let meta: Box<dyn Query> = Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(meta_term, IndexRecordOption::Basic)),
            TITLE_SCORE,
        ));
        Box::new(BooleanQuery::new(vec![
            (if rare { Occur::Should } else { Occur::Must }, text),
            (Occur::Should, meta),
        ]))
    }

    /// Every one of these unstemmed words, by BM25.
    pub(super) fn plain_all_query(&self, words: &[String]) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|w| (Occur::Must, self.plain_word_query(w)))
                .collect(),
        ))
    }

    /// Any of these unstemmed words (a prefix's), weighted by `boost`.
    pub(super) fn plain_terms_query(&self, words: &[String], boost: f32) -> Box<dyn Query> {
        let alternatives = words
            .iter()
            .map(|w| (Occur::Should, self.plain_word_query(w)))
            .collect();
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            boost,
        ))
    }
}
