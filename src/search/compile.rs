//! Compiling a parsed query into tantivy queries: words and phrases over the
//! passage text, section and report fields, field restrictions, exclusions and
//! the report and theme filters.

use super::query::{Atom, Clause, ParsedQuery};
use super::snippet::Terms;
use super::{Filters, Index, analysis};
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;

/// A clause turned into a tantivy query, with what it matched for highlighting.
pub(super) struct Compiled {
    pub(super) query: Box<dyn Query>,
    pub(super) negated: bool,
    /// Counts toward relaxation (text, not a field restriction).
    pub(super) text: bool,
    pub(super) label: String,
}

impl Index {
    /// Adds report and theme filters to a query for ranking.
    pub(super) fn with_filters(&self, q: Box<dyn Query>, f: &Filters) -> Box<dyn Query> {
        if f.is_empty() {
            return q;
        }
        let term = |field, v: &String| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q)];
        let any = |field, ids: &[String]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                ids.iter()
                    .map(|v| (Occur::Should, term(field, v)))
                    .collect(),
            ))
        };
        if !f.reports.is_empty() {
            clauses.push((Occur::Must, any(self.fields.report, &f.reports)));
        }
        if !f.themes.is_empty() {
            clauses.push((Occur::Must, any(self.fields.theme, &f.themes)));
        }
        for v in &f.not_reports {
            clauses.push((Occur::MustNot, term(self.fields.report, v)));
        }
        for v in &f.not_themes {
            clauses.push((Occur::MustNot, term(self.fields.theme, v)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Turns each clause into a tantivy query.
    pub(super) fn compile(
        &self,
        parsed: &ParsedQuery,
        terms: &mut Terms,
        notes: &mut Vec<String>,
    ) -> Vec<Compiled> {
        let mut out = Vec::new();
        for clause in &parsed.clauses {
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            let mut text = false;
            for atom in &clause.any_of {
                text |= !atom.is_field();
                // Excluded words are not highlighted.
                let mut scratch = Terms::default();
                let t = if clause.negated {
                    &mut scratch
                } else {
                    &mut *terms
                };
                if let Some(q) = self.atom_query(atom, t, notes) {
                    alternatives.push(q);
                }
            }
            let query: Box<dyn Query> = match alternatives.len() {
                0 if clause.any_of.iter().all(Atom::is_field) && !clause.negated => continue,
                0 => Box::new(EmptyQuery),
                1 => alternatives.remove(0),
                _ => Box::new(BooleanQuery::new(
                    alternatives
                        .into_iter()
                        .map(|q| (Occur::Should, q))
                        .collect(),
                )),
            };
            out.push(Compiled {
                query,
                negated: clause.negated,
                text,
                label: label(clause),
            });
        }
        out
    }

    fn atom_query(
        &self,
        atom: &Atom,
        terms: &mut Terms,
        notes: &mut Vec<String>,
    ) -> Option<Box<dyn Query>> {
        let f = self.fields;
        match atom {
            Atom::Report(id) => {
                if self.corpus.report(id).is_none() {
                    notes.push(format!("no report with id `{id}`; `report:{id}` ignored"));
                    return None;
                }
                Some(unscored(TermQuery::new(
                    Term::from_field_text(f.report, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Theme(id) => {
                if self.corpus.theme(id).is_none() {
                    notes.push(format!("no theme with id `{id}`; `theme:{id}` ignored"));
                    return None;
                }
                Some(unscored(TermQuery::new(
                    Term::from_field_text(f.theme, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Year(y) => Some(unscored(TermQuery::new(
                Term::from_field_text(f.year, y.trim()),
                IndexRecordOption::Basic,
            ))),
            // A restriction, like report: and theme:: it does not rank.
            Atom::Org(name) => {
                let words = analysis::plain_terms(name);
                Some(
                    phrase_or_term(f.org, &words)
                        .map_or_else(|| Box::new(EmptyQuery) as _, unscored),
                )
            }
            Atom::Phrase(p) => {
                let stems = analysis::stem_terms(p);
                terms.stems.extend(stems.iter().cloned());
                Some(self.text_query(&stems))
            }
            Atom::Word(w) => self.word_query(w, terms, notes),
            Atom::Prefix(p) => {
                let first = analysis::plain_terms(p).into_iter().next()?;
                let (expansions, more) = self.prefix_terms(&first, 200);
                if more {
                    notes.push(format!(
                        "`{first}*` matches many words; the first 200 were used"
                    ));
                }
                if expansions.is_empty() {
                    return Some(Box::new(EmptyQuery));
                }
                terms.plains.extend(expansions.iter().cloned());
                Some(self.plain_terms_query(&expansions, 1.0))
            }
        }
    }

    /// A plain word: its stem where the index has it (a word the analyzer
    /// splits, `tele-ICU`, is a phrase of its parts); else its near
    /// spellings, with a note, weighted below an exact match.
    fn word_query(
        &self,
        w: &str,
        terms: &mut Terms,
        notes: &mut Vec<String>,
    ) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let words = analysis::words(w);
        let stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
        if stems.is_empty() {
            return None;
        }
        let exact = stems.len() > 1
            || [f.body, f.title, f.section].iter().any(|&field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, &stems[0]))
                    .is_ok_and(|n| n > 0)
            });
        if exact {
            terms.stems.extend(stems.iter().cloned());
            return Some(self.text_query(&stems));
        }
        let plain = &words[0].plain;
        let len = plain.chars().count();
        let distance = match len {
            0..=3 => return Some(Box::new(EmptyQuery)),
            4..=7 => 1,
            _ => 2,
        };
        let expansions = self.fuzzy_terms(plain, distance);
        if expansions.is_empty() {
            return Some(Box::new(EmptyQuery));
        }
        notes.push(format!("also matched: {}", expansions.join(", ")));
        terms.plains.extend(expansions.iter().cloned());
        Some(self.plain_terms_query(&expansions, 0.5))
    }

    /// Stemmed words (one, or a phrase) over body and section, ranked by
    /// BM25 with the section boosted, or in the report's title, organisation
    /// or authors, which add [`TITLE_SCORE`] whatever the word.
    fn text_query(&self, stems: &[String]) -> Box<dyn Query> {
        let f = self.fields;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = [(f.body, 1.0), (f.section, 1.5)]
            .iter()
            .filter_map(|&(field, boost)| {
                phrase_or_term(field, stems).map(|q| {
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(q, boost)) as Box<dyn Query>,
                    )
                })
            })
            .collect();
        if let Some(q) = phrase_or_term(f.title, stems) {
            alternatives.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(q, TITLE_SCORE)),
            ));
        }
        Box::new(BooleanQuery::new(alternatives))
    }

    fn plain_terms_query(&self, words: &[String], boost: f32) -> Box<dyn Query> {
        let alternatives = words
            .iter()
            .map(|w| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.plain, w),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            boost,
        ))
    }
}

pub(super) fn phrase_or_term(
    field: tantivy::schema::Field,
    words: &[String],
) -> Option<Box<dyn Query>> {
    match words {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ))),
        many => Some(Box::new(PhraseQuery::new(
            many.iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
        ))),
    }
}

/// ANDs compiled clauses: positives must match, negatives must not.
pub(super) fn combine(clauses: &[&Compiled]) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|c| {
            (
                if c.negated {
                    Occur::MustNot
                } else {
                    Occur::Must
                },
                c.query.box_clone(),
            )
        })
        .collect();
    if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
        parts.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(parts))
}

/// What a word found in a report's title, organisation or authors adds to a
/// passage's score. It is fixed, and below what the word scores in almost any
/// passage's own text: the report's passages that say the word rank first,
/// and then the rest of the report's passages, which the title alone matches.
/// (Scored by BM25, a word in a short title outscored it in the text, and a
/// report's every passage came before the passages that use the word.)
pub(super) const TITLE_SCORE: f32 = 0.5;

/// Field restrictions select; they do not rank (a passage with fewer themes
/// must not outrank another because its theme field is shorter).
pub(super) fn unscored(q: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

pub(super) fn label(clause: &Clause) -> String {
    clause.display()
}
