//! Compiling a parsed query into tantivy queries: words and phrases over the
//! passage text, section and report fields, field restrictions, exclusions and
//! the report and theme filters.

use super::expand::{
    ACRONYM_WEIGHT, FORM_WEIGHT, RELATED_WEIGHT, THESAURUS_WEIGHT, TYPO_WEIGHT, WORDNET_WEIGHT,
};
use super::query::{Atom, Clause, ParsedQuery};
use super::question::is_stop_word;
use super::snippet::{Terms, Unit};
use super::{Filters, Index, analysis, lexicon};
use crate::corpus::TermKind;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;

mod words;

/// How the words of a query are read: as keywords, every one required
/// (each with the forms that mean the same), or as a question, ranked by how
/// many of its telling words a passage has (see [`super::coord`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    Keywords,
    Question,
}

/// A clause turned into a tantivy query, with what it matched for highlighting.
pub(super) struct Compiled {
    pub(super) query: Box<dyn Query>,
    pub(super) negated: bool,
    /// Text, not a field restriction.
    pub(super) text: bool,
    pub(super) label: String,
    /// How many passages the clause's own words are in, at most (the
    /// fewest of a phrase's words): how much the clause tells.
    pub(super) df: u64,
    /// A word that carries little meaning in a question (`what`, `the`).
    pub(super) stop: bool,
    /// A single word's stem, for the question's phrase boosts.
    pub(super) stem: Option<String>,
    /// In a question: the report titles, organisations and authors that
    /// have the clause's words (see [`super::coord`]: they lend a passage of
    /// such a report part of the word, never a hit on their own).
    pub(super) context: Option<Box<dyn Query>>,
    /// How sure the clause is to mean what was asked (see `Matched::sure`),
    /// times how rare its word is in English (see [`lexicon::rarity`]).
    pub(super) sure: f32,
}

/// What a thesaurus term's words found apart count for in a question,
/// against the term itself: `staff engagement improves patient care` is
/// answered by "staff report that they are engaged" before a passage on
/// patient care with no word of the term. Without them a question's most
/// telling term matched only as a phrase; at full weight (as in keywords)
/// they ranked passages that merely use both words too high. A passage
/// with the words apart has the term (it can be a hit by it, and within a
/// filter it is on the topic), but the term's count of passages (its IDF)
/// stays its own, or `poor care` turns common and `commissioners` loses its
/// answers.
/// Measured (RELEVANCE.md): development set hit@1 0.577 → 0.593, MRR 0.679
/// → 0.691, hit@3 0.756 either way; the two sets from new users within a
/// question of before (at 0.6 and 1.0, worse on both).
const APART_IN_QUESTION: f32 = 0.3;

/// The note on a `report:` or `theme:` (`field`) naming no id of `ids`:
/// the id one slip away, if there is one; else the ids that have every
/// word of it (`nhs-mergers` → `nhs-trust-mergers`); else where the ids
/// are listed.
fn names_nothing<'a>(field: &str, id: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    let says = format!("no {field} with id `{id}`, so `{field}:{id}` matches nothing");
    let ids: Vec<&str> = ids.into_iter().collect();
    if let Some(near) = crate::distance::close_to(id, ids.iter().copied()) {
        return format!("{says}: did you mean `{field}:{near}`?");
    }
    // An id guessed from the words of a title (`nhs-mergers` for
    // `nhs-trust-mergers`) is too far for a slip, but has all its words.
    match crate::distance::with_its_words(id, ids.iter().copied()).as_slice() {
        [] => format!("{says} (see `evidence {field}s`)"),
        [one] => format!("{says}: did you mean `{field}:{one}`?"),
        some => format!(
            "{says}: did you mean one of {}?",
            some.iter()
                .take(4)
                .map(|i| format!("`{field}:{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Clone for Compiled {
    fn clone(&self) -> Self {
        Compiled {
            query: self.query.box_clone(),
            negated: self.negated,
            text: self.text,
            label: self.label.clone(),
            df: self.df,
            stop: self.stop,
            stem: self.stem.clone(),
            context: self.context.as_ref().map(|q| q.box_clone()),
            sure: self.sure,
        }
    }
}

/// What an atom compiles to.
pub(super) struct Matched {
    query: Box<dyn Query>,
    /// How many passages its own words are in (0 for a field).
    df: u64,
    /// A single word's stem.
    stem: Option<String>,
    /// Its words in report titles, in a question.
    context: Option<Box<dyn Query>>,
    /// How sure it is to mean what was asked: 1 when the user's own words
    /// are in the reports, else the weight of the surest expansion found.
    sure: f32,
}

impl Matched {
    fn field(query: Box<dyn Query>) -> Option<Self> {
        Some(Matched {
            query,
            df: 0,
            stem: None,
            context: None,
            sure: 1.0,
        })
    }
}

/// What compiling found to tell the user: the expansions searched, as
/// "bureaucracy (for red tape)".
#[derive(Debug, Default)]
pub(super) struct Expanded(pub(super) Vec<String>);

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

    /// Turns each clause into a tantivy query. Consecutive plain words that
    /// make a thesaurus term (`red tape`) are read as that term.
    pub(super) fn compile(
        &self,
        parsed: &ParsedQuery,
        reading: Reading,
        terms: &mut Terms,
        notes: &mut Vec<String>,
        expanded: &mut Expanded,
    ) -> Vec<Compiled> {
        let mut out = Vec::new();
        let clauses = &parsed.clauses;
        let mut i = 0;
        while i < clauses.len() {
            if let Some((taken, concept)) = self.concept(&clauses[i..], reading, terms, expanded) {
                out.push(concept);
                i += taken;
                continue;
            }
            let clause = &clauses[i];
            i += 1;
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            let mut text = false;
            let mut df = 0;
            let mut stem = None;
            let mut contexts: Vec<Box<dyn Query>> = Vec::new();
            let mut sure: f32 = 0.0;
            // An acronym typed in capitals (`IT`) is not its common word.
            let stop = matches!(clause.any_of.as_slice(),
                [Atom::Word(w)] if is_stop_word(w) && self.shouted(w).is_none());
            // A question leaves its common words out: they are neither
            // highlighted nor expanded.
            let unsaid_word = clause.negated || (stop && reading == Reading::Question);
            for atom in &clause.any_of {
                text |= !atom.is_field();
                // Excluded words are not highlighted, nor expanded.
                let mut scratch = Terms::default();
                let mut unsaid = Expanded::default();
                let (t, e) = if unsaid_word {
                    (&mut scratch, &mut unsaid)
                } else {
                    (&mut *terms, &mut *expanded)
                };
                let reading = if clause.negated {
                    Reading::Keywords
                } else {
                    reading
                };
                if let Some(m) = self.atom_query(atom, reading, t, notes, e) {
                    alternatives.push(m.query);
                    df = df.max(m.df);
                    stem = m.stem.filter(|_| clause.any_of.len() == 1);
                    contexts.extend(m.context);
                    sure = sure.max(m.sure);
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
                df,
                stop,
                stem,
                context: any_of(contexts),
                sure,
            });
        }
        out
    }

    /// Two to four plain words at the start of `clauses` that make a
    /// thesaurus term, or a phrase of a report's organisation or authors
    /// (`King's Fund`, `Nuffield Trust`), read as that term: the phrase,
    /// (as for a word) its report-level matches, and the terms that mean
    /// the same. Returns how many clauses it took.
    fn concept(
        &self,
        clauses: &[Clause],
        reading: Reading,
        terms: &mut Terms,
        expanded: &mut Expanded,
    ) -> Option<(usize, Compiled)> {
        let bridges = self.bridges();
        fn plain_word(c: &Clause) -> Option<&str> {
            match c.any_of.as_slice() {
                [Atom::Word(w)] if !c.negated => Some(w.as_str()),
                _ => None,
            }
        }
        let run: Vec<&str> = clauses
            .iter()
            .take(bridges.longest)
            .map_while(plain_word)
            .collect();
        for n in (2..=run.len()).rev() {
            let typed = run[..n].join(" ");
            let stems = analysis::stem_terms(&typed);
            let named_df = self.names_phrase(&typed);
            let named = named_df > 0;
            if !named && !bridges.has(&stems) {
                continue;
            }
            let own_df = self.phrase_doc_freq(&stems);
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            if own_df > 0 || named {
                terms.stems.extend(stems.iter().cloned());
                terms.unit(Unit::stems(&stems, None));
                alternatives.push(self.text_query_for(&stems, reading));
            }
            // The words apart, each in some passage. A phrase the
            // thesaurus knows adds to what its words find together and
            // never takes it away: `merger cost` still finds "the cost of a
            // merger", and a keyword query stays an AND of its words. In a
            // question the words apart count for less (see `APART_IN_QUESTION`).
            let apart: Vec<&String> = stems.iter().filter(|s| !is_stop_word(s)).collect();
            let apart_df = if apart.len() > 1 {
                apart
                    .iter()
                    .map(|s| self.min_doc_freq(std::slice::from_ref(*s)))
                    .min()
                    .unwrap_or(0)
            } else {
                0
            };
            if apart_df > 0 {
                let all = apart
                    .iter()
                    .map(|s| {
                        terms.stems.insert((*s).clone());
                        terms.unit(Unit::stems(std::slice::from_ref(*s), None));
                        (
                            Occur::Must,
                            self.text_query_for(std::slice::from_ref(*s), reading),
                        )
                    })
                    .collect();
                // Scored as the mean of its words, below the phrase and
                // what means the same: words apart say less than words
                // together.
                let apart_weight = match reading {
                    Reading::Question => APART_IN_QUESTION,
                    Reading::Keywords => 1.0,
                };
                let each = apart_weight / apart.len() as f32;
                alternatives.push(Box::new(BoostQuery::new(
                    Box::new(BooleanQuery::new(all)),
                    each,
                )));
            }
            let (more, df, surest) = self.bridged(&stems, &typed, own_df, reading, terms, expanded);
            // A question's term no passage has, nor anything meaning the
            // same: its words are read one by one, as they were typed.
            if reading == Reading::Question && own_df == 0 && !named && more.is_empty() {
                continue;
            }
            alternatives.extend(more);
            if alternatives.is_empty() {
                continue;
            }
            // In a question what the term tells (its count of passages, so
            // its IDF, and how sure it is) is the term's own, though its
            // words apart also match it.
            let apart_df = match reading {
                Reading::Question => 0,
                Reading::Keywords => apart_df,
            };
            let sure = if own_df > 0 || apart_df > 0 || named {
                1.0
            } else {
                surest
            };
            let query: Box<dyn Query> = Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            ));
            return Some((
                n,
                Compiled {
                    query,
                    negated: false,
                    text: true,
                    label: typed,
                    // A name no passage says (`King's Fund`, an author)
                    // tells as much as its reports' passages are few.
                    df: own_df.max(df).max(apart_df).max(named_df),
                    stop: false,
                    stem: None,
                    context: self.context(&stems, reading),
                    sure,
                },
            ));
        }
        None
    }

    /// Whether an atom is a `report:` or `theme:` id that names nothing:
    /// no report, no theme, nor a retired theme with successors. Such an
    /// atom matches nothing rather than being left out.
    pub(super) fn names_no_id(&self, atom: &Atom) -> bool {
        match atom {
            Atom::Report(id) => self.corpus.report(id).is_none(),
            Atom::Theme(id) => {
                self.corpus.theme(id).is_none() && self.corpus.successors(id).is_empty()
            }
            _ => false,
        }
    }

    /// Why `year:Y` matches nothing: the years the reports have.
    fn no_such_year(&self, year: &str) -> String {
        let mut years: Vec<&str> = self
            .corpus
            .reports
            .iter()
            .filter_map(|r| r.published.as_deref().and_then(|p| p.get(..4)))
            .collect();
        years.sort_unstable();
        years.dedup();
        let undated = self.corpus.reports.iter().any(|r| r.published.is_none());
        format!(
            "no report was published in {year} (the reports' years: {}{})",
            years.join(", "),
            if undated {
                "; a report with no date has none"
            } else {
                ""
            }
        )
    }

    /// Why `org:NAME` matches nothing: the organisations there are.
    fn no_such_organisation(&self, name: &str) -> String {
        let mut names: Vec<&str> = self
            .corpus
            .reports
            .iter()
            .filter_map(|r| r.organisation.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        // A corpus of thousands of reports: the first few, as examples.
        const SHOWN: usize = 8;
        let mut shown: Vec<String> = names
            .iter()
            .take(SHOWN)
            .map(|n| format!("org:\"{n}\""))
            .collect();
        if names.len() > SHOWN {
            shown.push(format!(
                "and {} more (`evidence reports`)",
                names.len() - SHOWN
            ));
        }
        format!(
            "no report's organisation or author is `{name}` (write a name whole, in quotes: {})",
            shown.join(", ")
        )
    }

    /// An atom's query, how many passages its own words are in (0 for a
    /// field), and a single word's stem.
    fn atom_query(
        &self,
        atom: &Atom,
        reading: Reading,
        terms: &mut Terms,
        notes: &mut Vec<String>,
        expanded: &mut Expanded,
    ) -> Option<Matched> {
        let f = self.fields;
        let field = Matched::field;
        match atom {
            Atom::Report(id) => {
                // A filter that names nothing matches nothing: left out,
                // it would widen the search to every report (a script's
                // typo answered with the whole corpus).
                if self.names_no_id(atom) {
                    let ids = self.corpus.reports.iter().map(|r| r.id.as_str());
                    notes.push(names_nothing("report", id, ids));
                    return field(Box::new(EmptyQuery));
                }
                field(unscored(TermQuery::new(
                    Term::from_field_text(f.report, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Theme(id) => {
                if self.corpus.theme(id).is_some() {
                    return field(unscored(TermQuery::new(
                        Term::from_field_text(f.theme, id),
                        IndexRecordOption::Basic,
                    )));
                }
                if self.names_no_id(atom) {
                    let ids = self.corpus.themes.iter().map(|t| t.id.as_str());
                    notes.push(names_nothing("theme", id, ids));
                    return field(Box::new(EmptyQuery));
                }
                let successors = self.corpus.successors(id);
                let names: Vec<&str> = successors.iter().map(|t| t.id.as_str()).collect();
                notes.push(superseded(id, &names));
                field(unscored(BooleanQuery::new(
                    names
                        .iter()
                        .map(|t| {
                            let q: Box<dyn Query> = Box::new(TermQuery::new(
                                Term::from_field_text(f.theme, t),
                                IndexRecordOption::Basic,
                            ));
                            (Occur::Should, q)
                        })
                        .collect(),
                )))
            }
            Atom::Year(y) => {
                let y = y.trim();
                if !self
                    .corpus
                    .reports
                    .iter()
                    .any(|r| r.published.as_deref().is_some_and(|p| p.starts_with(y)))
                {
                    notes.push(self.no_such_year(y));
                }
                field(unscored(TermQuery::new(
                    Term::from_field_text(f.year, y),
                    IndexRecordOption::Basic,
                )))
            }
            // A restriction, like report: and theme:: it does not rank.
            Atom::Org(name) => {
                if !self.names_an_organisation(name) {
                    notes.push(self.no_such_organisation(name));
                }
                field(
                    self.organisation_query(name)
                        .map_or_else(|| Box::new(EmptyQuery) as _, unscored),
                )
            }
            // Quoted: the words as they are (stemmed), nothing else.
            Atom::Phrase(p) => {
                let stems = analysis::stem_terms(p);
                terms.stems.extend(stems.iter().cloned());
                terms.unit(Unit::stems(&stems, None));
                Some(Matched {
                    query: self.text_query_for(&stems, reading),
                    df: self.min_doc_freq(&stems),
                    stem: (stems.len() == 1).then(|| stems[0].clone()),
                    context: self.context(&stems, reading),
                    sure: 1.0,
                })
            }
            // `=word`: the word exactly, not even stemmed.
            Atom::Exact(w) => {
                let plains = analysis::plain_terms(w);
                if plains.is_empty() {
                    return None;
                }
                terms.plains.extend(plains.iter().cloned());
                for p in &plains {
                    terms.unit(Unit::plain(p));
                }
                Some(Matched {
                    query: self.plain_all_query(&plains),
                    df: self.min_plain_freq(&plains),
                    stem: None,
                    context: None,
                    sure: 1.0,
                })
            }
            Atom::Word(w) => self.word_query(w, reading, terms, notes, expanded),
            Atom::Prefix(p) => {
                let first = analysis::plain_terms(p).into_iter().next()?;
                let (expansions, more) = self.prefix_terms(&first, 200);
                if more {
                    notes.push(format!(
                        "`{first}*` matches many words; the first 200 were used"
                    ));
                }
                if expansions.is_empty() {
                    return Matched::field(Box::new(EmptyQuery));
                }
                terms.plains.extend(expansions.iter().cloned());
                for p in &expansions {
                    terms.unit(Unit::plain(p));
                }
                Some(Matched {
                    query: self.plain_terms_query(&expansions, 1.0),
                    df: self.max_plain_freq(&expansions),
                    stem: None,
                    context: None,
                    sure: 1.0,
                })
            }
        }
    }

    /// Stemmed words (one, or a phrase) over body and section, ranked by
    /// BM25 with the section boosted; a report whose title, organisation or
    /// authors have them adds [`TITLE_SCORE`] to its passages that use them.
    /// Only a term the reports' text rarely uses (see
    /// [`Index::rare_in_text`]: a name, `Nuffield`, `Gawande`) also finds
    /// every passage of such a report: a common one (`trusts`, for the
    /// Nuffield *Trust*) would otherwise count a whole report as hits.
    fn text_query(&self, stems: &[String]) -> Box<dyn Query> {
        let text = self.passage_text_query(stems);
        let Some(title) = phrase_or_term(self.fields.title, stems) else {
            return text;
        };
        let title: Box<dyn Query> = Box::new(ConstScoreQuery::new(title, TITLE_SCORE));
        let text_occur = if self.rare_in_text(stems) {
            Occur::Should
        } else {
            Occur::Must
        };
        Box::new(BooleanQuery::new(vec![
            (text_occur, text),
            (Occur::Should, title),
        ]))
    }

    /// A term's own query: as keywords, with its report-level matches (see
    /// [`Index::text_query`]); in a question, the passage text alone, the
    /// reports' titles being its context.
    fn text_query_for(&self, stems: &[String], reading: Reading) -> Box<dyn Query> {
        match reading {
            Reading::Keywords => self.text_query(stems),
            Reading::Question => self.passage_text_query(stems),
        }
    }

    /// In a question, the reports whose title, organisation or authors have
    /// a term, scored [`TITLE_SCORE`].
    fn context(&self, stems: &[String], reading: Reading) -> Option<Box<dyn Query>> {
        if reading != Reading::Question || self.term_freq_in(self.fields.title, stems) == 0 {
            return None;
        }
        let q = phrase_or_term(self.fields.title, stems)?;
        Some(Box::new(ConstScoreQuery::new(q, TITLE_SCORE)))
    }

    /// Stemmed words (one, or a phrase) in the passage's text or section
    /// heading, by BM25, the section boosted.
    pub(super) fn passage_text_query(&self, stems: &[String]) -> Box<dyn Query> {
        let f = self.fields;
        let alternatives: Vec<(Occur, Box<dyn Query>)> = [(f.body, 1.0), (f.section, 1.5)]
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
        Box::new(BooleanQuery::new(alternatives))
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

/// The note on a theme id that went away and the themes searched instead.
pub(super) fn superseded(id: &str, successors: &[&str]) -> String {
    let quoted: Vec<String> = successors.iter().map(|t| format!("`{t}`")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!(
        "theme `{id}` is now {list}; searched for {}",
        if quoted.len() == 1 { "it" } else { "each" }
    )
}

/// Any of some queries (`None` for none).
fn any_of(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
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

/// What the form typed adds, by its own BM25 times this, to a passage that
/// has it as typed rather than only in another form of the same stem:
/// enough to order `local` before `locality` among passages that are
/// otherwise alike, small enough not to outweigh how often, and where, a
/// passage uses the word (measured on the relevance sets: see RELEVANCE.md).
const EXACT_FORM_WEIGHT: f32 = 0.2;

/// What a word's synonyms add to a passage beyond the best-scoring of the
/// word and its synonyms, as a share of their scores: nothing. Measured on
/// the development set (RELEVANCE.md): 0 gave hit@3 0.740, 0.1 0.732, 0.3
/// 0.724, 0.6 0.732, and a sum (1) let a synonym phrase outweigh a
/// question's other words.
const SYNONYM_TIE: f32 = 0.0;
