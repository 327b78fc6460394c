//! Reading a query as a question: when it is one, which of its words tell
//! what it is about, how much each tells (its IDF), and the query that ranks
//! passages by them (see [`super::coord`]). Keywords keep their precise AND;
//! a question is asked in the researcher's words, which no passage has all of.
//!
//! A query is read as a question when it starts with a question word (`what`,
//! `how`, `does`, `can` …) or ends with `?`, when it has four or more telling
//! words, or when no passage has all of its words.

use super::Index;
use super::compile::Compiled;
use super::coord::{CoordQuery, Part};
use super::query::{Atom, ParsedQuery};
use tantivy::Term;
use tantivy::query::{BoostQuery, PhraseQuery, Query};

/// The share of a question's information (its words' summed IDF) a passage
/// must have to be a hit: with two words, the rarer alone, not the commoner.
pub(super) const MIN_SHARE: f32 = 0.2;

/// How strongly the share of a question's words a passage has scales its
/// score (the coordination factor).
pub(super) const COORDINATION: f32 = 2.0;

/// What a pair of the question's words side by side adds, as a phrase.
const PAIR_BOOST: f32 = 1.0;

/// Common English words that carry little meaning in a question, and the
/// words researchers frame a question with rather than say what it is about
/// (`evidence`, `examples`, `does it matter`, `what kind of`).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "during", "each", "few", "find", "finds", "for", "found", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "me", "more", "most", "my", "no", "nor", "not", "of", "off",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "say", "says", "she",
    "should", "show", "shows", "so", "some", "such", "tell", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your",
    "anything", "something", "evidence", "examples", "example", "explain", "describe", "know",
    "think", "said", "theres", "whats", "get", "got", "really", "also", "just", "way", "ways",
    "thing", "things", "happen", "happens", "happened", "lot", "lots", "much", "many", "may",
    "might", "must", "shall", "one", "ones", "matter", "matters", "mattered", "type", "types",
    "kind", "kinds", "sort", "sorts",
];

/// Words a question starts with.
const QUESTION_WORDS: &[&str] = &[
    "what", "whats", "how", "why", "when", "where", "which", "who", "whom", "whose", "does", "do",
    "did", "can", "could", "is", "are", "was", "were", "should", "would", "will", "has", "have",
    "had", "may", "might", "must", "shall", "tell", "explain", "describe", "compare", "list",
];

/// How many telling words make a query a question, whatever its form.
const QUESTION_LENGTH: usize = 4;

/// Whether a word (as typed) is a common word that tells nothing.
pub(crate) fn is_stop_word(word: &str) -> bool {
    let lower: String = word
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .collect();
    STOP_WORDS.contains(&lower.as_str())
}

/// The words that only join others (`the`, `of`, `in` …): a keyword query
/// with other words leaves them out, so that `the merger` finds what
/// `merger` finds. A phrase keeps them (`"the merger"`).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "as",
    "between", "among", "amongst", "into", "onto", "upon", "within", "across", "about", "via",
    "toward", "towards",
];

/// A keyword query without its small words (see [`SMALL_WORDS`]), and a
/// note naming those left out; as it is when it has nothing else to
/// search for. A small word inside a term (`is_term` says which runs of
/// two to four plain words are one: `across sites`, `put into special
/// measures`) stays, so that the term is still read as one.
pub(super) fn without_small_words(
    parsed: &ParsedQuery,
    is_term: impl Fn(&str) -> bool,
) -> (ParsedQuery, Option<String>) {
    let plain = |c: &super::query::Clause| match c.any_of.as_slice() {
        [Atom::Word(w)] if !c.negated => Some(w.clone()),
        _ => None,
    };
    let words: Vec<Option<String>> = parsed.clauses.iter().map(plain).collect();
    let mut in_term = vec![false; words.len()];
    for start in 0..words.len() {
        let run: Vec<&str> = words[start..]
            .iter()
            .take(4)
            .map_while(|w| w.as_deref())
            .collect();
        for n in 2..=run.len() {
            if is_term(&run[..n].join(" ")) {
                in_term[start..start + n].iter_mut().for_each(|t| *t = true);
            }
        }
    }
    let small_at = |i: usize| {
        !in_term[i]
            && words[i]
                .as_deref()
                .is_some_and(|w| SMALL_WORDS.contains(&w.to_lowercase().as_str()))
    };
    let small_clauses: Vec<bool> = (0..words.len()).map(small_at).collect();
    let others = parsed
        .clauses
        .iter()
        .enumerate()
        .any(|(i, c)| !small_clauses[i] && !c.negated && !c.any_of.iter().all(Atom::is_field));
    if !others {
        return (parsed.clone(), None);
    }
    let mut left_out: Vec<String> = Vec::new();
    let mut kept = parsed.clone();
    kept.clauses = parsed
        .clauses
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            if small_clauses[i] {
                push_new(&mut left_out, &c.display().to_lowercase());
                None
            } else {
                Some(c.clone())
            }
        })
        .collect();
    let note =
        (!left_out.is_empty()).then(|| format!("common words left out: {}", left_out.join(", ")));
    (kept, note)
}

/// Whether a query reads as a question by its form: a question word first,
/// a `?` last, or enough telling words.
pub(super) fn by_form(text: &str, parsed: &ParsedQuery) -> bool {
    let first: String = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let telling = parsed
        .clauses
        .iter()
        .filter(|c| {
            !c.negated
                && !c.any_of.iter().all(Atom::is_field)
                && !matches!(c.any_of.as_slice(), [Atom::Word(w)] if is_stop_word(w))
        })
        .count();
    QUESTION_WORDS.contains(&first.as_str())
        || text.trim_end().ends_with('?')
        || telling >= QUESTION_LENGTH
}

/// What a question was made of, for its note.
#[derive(Debug, Default)]
pub(super) struct Asked {
    /// The telling words, most telling first.
    pub telling: Vec<String>,
    /// The common words left out.
    pub common: Vec<String>,
    /// The words no passage has (nor anything that means the same).
    pub unknown: Vec<String>,
    /// The part that tells most, by its place among the compiled clauses.
    pub most_telling: Option<usize>,
}

/// Adds a word to a note's list unless the list has it: a question that
/// says a word twice is told about it once.
fn push_new(list: &mut Vec<String>, word: &str) {
    if !list.iter().any(|w| w == word) {
        list.push(word.to_string());
    }
}

/// The note on a question: what was done, in a researcher's words.
/// `all_of` is the words (or phrases) no passage had together, when that
/// is why the query was asked as a question: counted as words, or named
/// when a phrase is among them (`IT systems integration` is two terms of
/// three words).
pub(super) fn asked_note(asked: &Asked, all_of: Option<&[String]>) -> String {
    let mut note = match all_of {
        Some(terms) if terms.iter().any(|t| t.contains(' ') && !t.contains(" OR ")) => {
            format!("no passage has all of {} together, so", terms.join(" · "))
        }
        Some([_, _]) => "no passage has both words, so".to_string(),
        Some(terms) => format!("no passage has all {} words, so", terms.len()),
        None => "read as a question:".to_string(),
    };
    note.push_str(" the passages with more of its telling words rank first");
    if let Some(first) = asked.telling.first()
        && asked.telling.len() > 1
    {
        note.push_str(&format!(" (most telling: {first})"));
    }
    if !asked.common.is_empty() {
        note.push_str(&format!(
            "; common words left out: {}",
            asked.common.join(", ")
        ));
    }
    if !asked.unknown.is_empty() {
        note.push_str(&format!("; in no report: {}", asked.unknown.join(", ")));
    }
    note
}

/// The note when no word of a question is in any report.
pub(super) fn nothing_telling(asked: &Asked) -> String {
    let mut words = asked.unknown.clone();
    if words.is_empty() {
        words = asked.common.clone();
    }
    format!(
        "no report has any of the question's telling words ({}); try other words",
        words.join(", ")
    )
}

/// The note when the filters hold no passage on a question's topic.
pub(super) fn topic_missing(word: &str, scope: &str, outside: usize) -> String {
    let elsewhere = match outside {
        0 => "nor does any other".to_string(),
        1 => "1 passage outside it does".to_string(),
        n => format!("{n} passages outside it do"),
    };
    format!("no passage {scope} mentions {word} ({elsewhere})")
}

impl Index {
    /// A question's query: its telling words (text clauses, not stop words,
    /// that some passage has) as one [`CoordQuery`] each weighted by its IDF,
    /// with each pair of neighbouring single words as a phrase boost; `None`
    /// when no word tells anything.
    pub(super) fn question_query(&self, compiled: &[&Compiled]) -> (Option<CoordQuery>, Asked) {
        let n = self.reader.searcher().num_docs() as f32;
        let idf = |df: u64| {
            let df = df as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        };
        let mut asked = Asked::default();
        let mut parts: Vec<Part> = Vec::new();
        let mut weights: Vec<(usize, f32)> = Vec::new();
        for (i, c) in compiled.iter().enumerate() {
            if !c.text || c.negated {
                continue;
            }
            if c.stop {
                push_new(&mut asked.common, &c.label);
            } else if c.df == 0 {
                push_new(&mut asked.unknown, &c.label);
            } else {
                // A word known only through what means the same tells less.
                let weight = idf(c.df) * c.sure;
                weights.push((i, weight));
                parts.push(Part {
                    query: c.query.box_clone(),
                    weight,
                    context: c.context.as_ref().map(|q| q.box_clone()),
                });
            }
        }
        if parts.is_empty() {
            return (None, asked);
        }
        weights.sort_by(|a, b| b.1.total_cmp(&a.1));
        asked.most_telling = weights.first().map(|&(i, _)| i);
        for &(i, _) in &weights {
            push_new(&mut asked.telling, &compiled[i].label);
        }
        let boosts = self.pair_boosts(compiled);
        let query = CoordQuery {
            parts,
            boosts,
            min_share: MIN_SHARE,
            power: COORDINATION,
        };
        (Some(query), asked)
    }

    /// Each pair of neighbouring telling single words, as a phrase in the
    /// passage text: `special measures` asked for ranks the passages that
    /// say it above those that have the two words apart.
    fn pair_boosts(&self, compiled: &[&Compiled]) -> Vec<Box<dyn Query>> {
        let words: Vec<Option<&String>> = compiled
            .iter()
            .map(|c| {
                c.stem
                    .as_ref()
                    .filter(|_| c.text && !c.negated && !c.stop && c.df > 0)
            })
            .collect();
        words
            .windows(2)
            .filter_map(|pair| match pair {
                [Some(a), Some(b)] => {
                    let phrase = PhraseQuery::new(vec![
                        Term::from_field_text(self.fields.body, a),
                        Term::from_field_text(self.fields.body, b),
                    ]);
                    Some(Box::new(BoostQuery::new(Box::new(phrase), PAIR_BOOST)) as Box<dyn Query>)
                }
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_words_are_left_out_except_inside_a_term() {
        let words = |q: &str, terms: &[&str]| {
            let (kept, note) =
                without_small_words(&super::super::query::parse(q), |t| terms.contains(&t));
            let kept: Vec<String> = kept.clauses.iter().map(|c| c.display()).collect();
            (kept.join(" "), note.unwrap_or_default())
        };
        assert_eq!(
            words("buddying between trusts", &[]),
            (
                "buddying trusts".to_string(),
                "common words left out: between".to_string()
            )
        );
        assert_eq!(
            words("working across sites", &["across sites"]).0,
            "working across sites"
        );
        assert_eq!(
            words(
                "the trust put into special measures",
                &["put into special measures"]
            )
            .0,
            "trust put into special measures"
        );
        // Alone, a small word is what is looked for.
        assert_eq!(words("between", &[]).0, "between");
    }

    #[test]
    fn stop_words_are_read_whatever_their_case_and_apostrophes() {
        assert!(is_stop_word("What"));
        assert!(is_stop_word("what's"));
        assert!(is_stop_word("evidence"));
        assert!(!is_stop_word("buddying"));
        assert!(!is_stop_word("owner"));
    }

    #[test]
    fn the_note_counts_words_and_names_phrases_no_passage_has_together() {
        let asked = Asked::default();
        let terms = |t: &[&str]| t.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let two = terms(&["buddying", "surgeons"]);
        assert!(asked_note(&asked, Some(&two)).starts_with("no passage has both words, so"));
        let three = terms(&["a", "b", "c"]);
        assert!(asked_note(&asked, Some(&three)).starts_with("no passage has all 3 words, so"));
        let phrase = terms(&["IT systems", "integration"]);
        assert!(
            asked_note(&asked, Some(&phrase))
                .starts_with("no passage has all of IT systems · integration together, so")
        );
    }
}
