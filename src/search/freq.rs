//! How many passages a term is in: a word's or a phrase's document
//! frequency in the text, headings and titles, what counts as rare there,
//! and how many passages belong to the reports a name is in. What a query
//! compiles to ([`super::compile`]) and how a question weighs its words
//! ([`super::question`]) are read off these.

use super::Index;
use super::analysis;
use super::compile::phrase_or_term;
use tantivy::Term;

impl Index {
    /// How many passages belong to reports whose organisation or authors
    /// have these words in a row (`King's Fund` in *The King's Fund*): 0
    /// when none does.
    pub(super) fn names_phrase(&self, typed: &str) -> u64 {
        let words = analysis::plain_terms(typed);
        if words.len() < 2 {
            return 0;
        }
        phrase_or_term(self.fields.org, &words).map_or(0, |q| {
            self.reader
                .searcher()
                .search(&*q, &tantivy::collector::Count)
                .map_or(0, |n| n as u64)
        })
    }

    /// Whether the reports' text (passages and section headings) uses a
    /// term in at most a handful of passages: two, or one in a hundred (a
    /// word counted in the text and in the headings each on its own, a
    /// phrase where it is a phrase).
    pub(super) fn rare_in_text(&self, stems: &[String]) -> bool {
        let df = if stems.len() > 1 {
            self.phrase_doc_freq(stems)
        } else {
            [self.fields.body, self.fields.section]
                .iter()
                .map(|&field| self.term_freq_in(field, stems))
                .max()
                .unwrap_or(0)
        };
        self.rare(df)
    }

    /// Whether a term in `df` passages is rare in the reports' text: in two
    /// of them at most, or one in a hundred.
    pub(super) fn rare(&self, df: u64) -> bool {
        df <= (self.reader.searcher().num_docs() / 100).max(2)
    }

    /// How many passages have these stems in a row in their text or
    /// section heading (for one word, its document frequency; a phrase is
    /// counted, which only phrases of the thesaurus and the user's quotes
    /// ask for).
    pub(super) fn phrase_doc_freq(&self, stems: &[String]) -> u64 {
        if stems.len() < 2 {
            return self.min_doc_freq(stems);
        }
        if self.min_doc_freq(stems) == 0 {
            return 0;
        }
        let searcher = self.reader.searcher();
        let q = self.passage_text_query(stems);
        searcher
            .search(&*q, &tantivy::collector::Count)
            .map_or(0, |n| n as u64)
    }

    /// The fewest passages that have one of these stems in their text,
    /// section or report title: at most how many have them all.
    pub(super) fn min_doc_freq(&self, stems: &[String]) -> u64 {
        let f = self.fields;
        [f.body, f.section, f.title]
            .iter()
            .map(|&field| self.term_freq_in(field, stems))
            .max()
            .unwrap_or(0)
    }

    /// In one field: the fewest documents that have one of `words`.
    pub(super) fn term_freq_in(&self, field: tantivy::schema::Field, words: &[String]) -> u64 {
        let searcher = self.reader.searcher();
        words
            .iter()
            .map(|w| {
                searcher
                    .doc_freq(&Term::from_field_text(field, w))
                    .unwrap_or(0)
            })
            .min()
            .unwrap_or(0)
    }
}
