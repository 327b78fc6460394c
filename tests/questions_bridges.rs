//! Questions and the vocabulary bridges, each on its own, on the bundled
//! corpus: what a researcher types, what the search makes of it, and what
//! the note says it did.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use evidence::corpus::Corpus;
use evidence::search::{Filters, Index, SearchRequest, SearchResults};
use std::sync::{Arc, LazyLock};

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    Index::in_memory(Arc::new(Corpus::bundled()), 2, &|_, _| {}).expect("build the index")
});

fn search(query: &str) -> SearchResults {
    INDEX
        .search(&SearchRequest {
            limit: 50,
            ..SearchRequest::new(query)
        })
        .unwrap()
}

fn ids(results: &SearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.clone())
        .collect()
}

/// The words a hit's highlights mark, lowercased.
fn marked(results: &SearchResults, rank: usize) -> Vec<String> {
    let h = &results.hits[rank];
    let (_, p) = INDEX.passage(h.ord).unwrap();
    h.highlights
        .iter()
        .map(|&(a, b)| p.text[a..b].to_lowercase())
        .collect()
}

fn note<'a>(results: &'a SearchResults, start: &str) -> &'a str {
    results
        .notes
        .iter()
        .find(|n| n.starts_with(start))
        .unwrap_or_else(|| panic!("no note starting {start:?}: {:?}", results.notes))
}

/// The three questions the issue was filed with: a passage that answers
/// each comes first.
#[test]
fn the_issues_questions_are_answered_first() {
    for (question, answers) in [
        (
            "what should commissioners do about poor care",
            &[
                "nhs-trust-mergers/17",
                "state-of-care-2013-14/19",
                "state-of-care-2013-14/20",
                "state-of-care-2013-14/21",
                "state-of-care-2013-14/22",
                "state-of-care-2013-14/23",
                "state-of-care-2013-14/24",
            ][..],
        ),
        (
            "does the type of owner matter for hospitals",
            &[
                "changing-hospital-landscape/9",
                "changing-hospital-landscape/18",
                "changing-hospital-landscape/19",
            ][..],
        ),
    ] {
        let results = search(question);
        let first = ids(&results).first().cloned().unwrap_or_default();
        assert!(
            answers.contains(&first.as_str()),
            "{question:?}: first {first}; notes {:?}",
            results.notes
        );
    }
}

#[test]
fn a_thesaurus_term_finds_the_reports_word_and_says_so() {
    // `red tape` is nowhere in the reports; `bureaucracy` is.
    let results = search("red tape");
    assert!(results.total > 0);
    let n = note(&results, "also searched:");
    assert!(
        n.contains("bureaucracy") && n.contains("(for red tape)"),
        "{n}"
    );
    assert!(
        marked(&results, 0)
            .iter()
            .any(|w| w.starts_with("bureaucra")),
        "{:?}",
        marked(&results, 0)
    );
}

#[test]
fn a_thesaurus_synonym_never_turns_keywords_into_any_of_them() {
    // Both words are in the reports: keywords stay an AND of the two, with
    // no synonym of either (only acronyms always expand).
    let results = search("tariff income");
    assert!(
        results
            .notes
            .iter()
            .all(|n| !n.starts_with("also searched"))
    );
    for rank in 0..results.hits.len() {
        let words = marked(&results, rank);
        assert!(words.iter().any(|w| w.starts_with("tariff")), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("income")), "{words:?}");
    }
}

#[test]
fn an_acronym_and_its_expansion_find_each_other() {
    let short = search("CQC");
    assert!(short.total > 0);
    let n = note(&short, "also searched:");
    assert!(n.contains("Care Quality Commission (for CQC)"), "{n}");
    // Spelt out (unquoted), it finds the passages that say `CQC`.
    let long = search("Care Quality Commission");
    let n = note(&long, "also searched:");
    assert!(n.contains("CQC (for Care Quality Commission)"), "{n}");
    assert!(
        marked(&long, 0).iter().any(|w| w == "cqc"),
        "{:?}",
        marked(&long, 0)
    );
}

/// `IT` is information technology, `it` the pronoun: typed in capitals, an
/// acronym that is also a common word finds only the passages that write
/// it so, and highlights only those words, in a keyword query and in a
/// question; typed in lowercase it is the common word.
#[test]
fn an_acronym_that_is_a_common_word_matches_only_in_capitals() {
    let shouted = search("IT");
    assert!(shouted.total > 0);
    let lower = search("it");
    assert!(
        lower.total > 10 * shouted.total,
        "{} {}",
        lower.total,
        shouted.total
    );
    for rank in 0..shouted.hits.len() {
        let h = &shouted.hits[rank];
        let (_, p) = INDEX.passage(h.ord).unwrap();
        assert!(!h.highlights.is_empty());
        for &(a, b) in &h.highlights {
            let written = &p.text[a..b];
            assert!(
                written.starts_with("IT") || written.to_lowercase().contains("information"),
                "{written:?} in {}",
                p.id
            );
        }
    }
    let question = search("how do hospital chains share IT");
    let n = note(&question, "read as a question");
    assert!(n.contains("most telling: IT"), "{n}");
    let first = INDEX.passage(question.hits[0].ord).unwrap().1;
    assert!(
        first
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "IT"),
        "{}: {}",
        first.id,
        first.text
    );
}

#[test]
fn wordnet_gives_a_word_the_reports_never_use_its_synonym() {
    // `organizational` (US spelling) is an English word, not a typo; WordNet
    // gives `organisational`.
    let results = search("organizational culture");
    assert!(results.notes.iter().all(|n| !n.starts_with("also matched")));
    let n = note(&results, "also searched:");
    assert!(n.contains("organisational (for organizational)"), "{n}");
    assert_eq!(ids(&results)[0], "developing-cultures/3");
}

/// A capitalised word no report uses is read as a name: it gets no WordNet
/// synonyms (`Müller` is not `mull`, "think over"); the same word in lower
/// case still does.
#[test]
fn a_name_the_reports_never_use_gets_no_wordnet_synonyms() {
    let named = search("Müller mergers");
    assert!(
        named.notes.iter().all(|n| !n.contains("for Müller")),
        "{:?}",
        named.notes
    );
    let word = search("organizational culture");
    assert!(note(&word, "also searched:").contains("for organizational"));
}

#[test]
fn a_word_the_reports_never_use_finds_its_other_forms() {
    let owner = search("owner");
    let n = note(&owner, "also searched:");
    assert!(n.contains("ownership (for owner)"), "{n}");
    assert!(owner.total > 0);
    let stronger = search("stronger");
    let n = note(&stronger, "also searched:");
    assert!(n.contains("strong (for stronger)"), "{n}");
    // A word a longer one only starts is not one of its forms: `cent` is
    // not `centre`, `central` or `center` (a journalist's `per cent`).
    let cent = search("per cent");
    assert!(
        cent.notes.iter().all(|n| !n.contains("(for cent)")),
        "{:?}",
        cent.notes
    );
}

#[test]
fn correct_words_are_never_corrected_and_misspellings_are() {
    for word in ["stronger", "ideal", "owner"] {
        let results = search(word);
        assert!(
            results.notes.iter().all(|n| !n.starts_with("also matched")),
            "{word}: {:?}",
            results.notes
        );
    }
    let results = search("credentaling");
    assert_eq!(
        note(&results, "also matched:"),
        "also matched: credentialing"
    );
    assert!(results.total > 0);
    // A corrected word finds what the word finds: not every passage of a
    // report whose title has it.
    let ids = |r: &evidence::search::SearchResults| {
        let mut v: Vec<usize> = r.hits.iter().map(|h| h.ord).collect();
        v.sort_unstable();
        v
    };
    let typo = search("mergerf");
    assert_eq!(
        note(&typo, "also matched:"),
        "also matched: merger, mergers"
    );
    assert_eq!(ids(&typo), ids(&search("merger")));
    // The nearest words only, and two edits away those that keep every
    // typed letter: `franchse` is not `france` or `francis`.
    assert_eq!(
        note(&search("franchse"), "also matched:"),
        "also matched: franchises"
    );
}

#[test]
fn quotes_and_equals_turn_expansions_off() {
    // Quoted, `owner` gets no other forms: no report says it.
    let quoted = search("\"owner\"");
    assert_eq!(quoted.total, 0, "{:?}", quoted.notes);
    assert!(quoted.notes.iter().all(|n| !n.starts_with("also searched")));
    // Quoted, a misspelling is not corrected.
    assert_eq!(search("\"credentaling\"").total, 0);
    // `=merger` is the word exactly: `mergers` is another word.
    let exact = search("=merger");
    assert!(exact.total > 0);
    for rank in 0..exact.hits.len() {
        assert!(marked(&exact, rank).iter().all(|w| w == "merger"));
    }
    let stemmed = search("merger");
    assert!(stemmed.total > exact.total);
}

#[test]
fn a_question_cannot_match_the_corpus_through_one_common_word() {
    let n = INDEX.corpus().passage_count();
    let nhs = search("NHS").total;
    assert!(nhs > n / 8, "NHS is in {nhs} of {n} passages");
    let results = search("what is the NHS doing about buddying");
    assert!(results.total > 0);
    // Not most of the corpus: the common word alone makes few hits, and the
    // passages with the telling word rank above every one of them.
    assert!(results.total <= n / 2, "{} hits of {n}", results.total);
    // A hit has the topic when it marks the telling word or one of its
    // expansions (buddy trust, peer support, partner trust), or when its
    // coders gave it the buddying theme (a theme matches without a marked
    // word). The words an expansion shares with the common one's (trust,
    // support, services) do not make the topic on their own.
    let topic = ["budd", "peer", "partner"];
    let has: Vec<bool> = (0..results.hits.len())
        .map(|rank| {
            INDEX
                .corpus()
                .passages()
                .nth(results.hits[rank].ord)
                .is_some_and(|(_, p)| p.themes.iter().any(|t| t == "buddying"))
                || marked(&results, rank)
                    .iter()
                    .any(|w| topic.iter().any(|t| w.starts_with(t)))
        })
        .collect();
    let first_without = has.iter().position(|&h| !h).unwrap_or(has.len());
    assert!(
        has[first_without..].iter().all(|&h| !h),
        "{}",
        has.iter()
            .map(|&h| if h { 'B' } else { '-' })
            .collect::<String>()
    );
    let n = note(&results, "read as a question");
    assert!(n.contains("most telling: buddying"), "{n}");
    assert!(
        n.contains("common words left out: what, is, the, doing, about"),
        "{n}"
    );
    // Common words are not highlighted.
    for rank in 0..results.hits.len().min(5) {
        for w in marked(&results, rank) {
            assert!(
                !["what", "is", "the", "doing", "about"].contains(&w.as_str()),
                "{w}"
            );
        }
    }
}

#[test]
fn a_question_that_repeats_itself_is_told_about_each_word_once() {
    let results = search("what happens when trusts merge? what happens when the trusts merge?");
    let n = note(&results, "read as a question");
    assert!(
        n.contains("common words left out: what, happens, when, the"),
        "{n}"
    );
    let also = note(&results, "also searched");
    assert_eq!(also.matches("(for merge)").count(), 1, "{also}");
}

#[test]
fn keywords_no_passage_has_together_are_asked_as_a_question() {
    let results = search("buddying distance costs");
    assert!(results.total > 0);
    note(&results, "no passage has all 3 words, so");
}

#[test]
fn inside_filters_the_topic_wins() {
    let results = INDEX
        .search(&SearchRequest {
            filters: Filters {
                reports: vec!["nhs-trust-mergers".into()],
                ..Filters::default()
            },
            ..SearchRequest::new("buddying between trusts")
        })
        .unwrap();
    assert_eq!(results.total, 0);
    let n = note(
        &results,
        "no passage in NHS Trust mergers mentions buddying",
    );
    let outside = search("buddying").total;
    assert!(
        n.ends_with(&format!("({outside} passages outside it do)")),
        "{n}"
    );
}

/// A term typed as one (`special measures`, unquoted) that the filters'
/// passages lack is named whole, with the count of passages outside that
/// the term finds, the count the report facets give.
#[test]
fn a_term_missing_inside_filters_is_named_whole() {
    let results = INDEX
        .search(&SearchRequest {
            filters: Filters {
                reports: vec!["state-of-care-2013-14".into()],
                ..Filters::default()
            },
            ..SearchRequest::new("special measures")
        })
        .unwrap();
    assert_eq!(results.total, 0);
    let outside = search("special measures").total;
    let n = note(&results, "no passage in");
    assert!(
        n.ends_with(&format!(
            "mentions special measures ({outside} passages outside it do)"
        )),
        "{n}"
    );
}

#[test]
fn a_keyword_missing_inside_filters_says_how_many_passages_outside_have_it() {
    let within = |query: &str, report: &str| {
        INDEX
            .search(&SearchRequest {
                filters: Filters {
                    reports: vec![report.into()],
                    ..Filters::default()
                },
                ..SearchRequest::new(query)
            })
            .unwrap()
    };
    let results = within("buddying", "big-med");
    assert_eq!(results.total, 0);
    let n = note(&results, "no passage in Big Med mentions buddying");
    let outside = search("buddying").total;
    assert!(
        n.ends_with(&format!("({outside} passages outside it do)")),
        "{n}"
    );
    // A word no passage has anywhere gets no such note; one the filter's
    // report has gets its passages.
    let nowhere = within("snarfblat", "big-med");
    assert!(
        nowhere.notes.iter().all(|n| !n.contains("outside")),
        "{:?}",
        nowhere.notes
    );
    assert!(within("buddying", "buddying-review").total > 0);
}

/// A phrase the question was expanded with is highlighted where it stands
/// whole: `special measures` (for struggling) marks the phrase, and a
/// passage's `measured` or `performing` alone is not marked.
#[test]
fn an_expanded_phrase_is_highlighted_whole_and_its_words_alone_are_not() {
    let results = search("can a struggling hospital get help from a better one?");
    assert!(
        note(&results, "also searched:").contains("special measures"),
        "{:?}",
        results.notes
    );
    let mut whole = false;
    for rank in 0..results.hits.len() {
        for word in marked(&results, rank) {
            assert!(
                !matches!(
                    word.as_str(),
                    "measured" | "measures" | "special" | "performing" | "operations" | "operation"
                ),
                "{word:?} marked alone in hit {rank}"
            );
            whole |= word == "special measures";
        }
    }
    assert!(whole, "no hit marks `special measures` whole");
}

#[test]
fn a_phrase_the_thesaurus_knows_keeps_its_words_and_in_keywords() {
    // `merger cost` is a thesaurus phrase ("merger costs"), yet a keyword
    // search still finds a passage with both words apart.
    let results = search("merger cost");
    let found = ids(&results);
    assert!(
        found.iter().any(|id| id == "nhs-trust-mergers/10"),
        "{found:?}"
    );
    for rank in 0..results.hits.len() {
        let words = marked(&results, rank);
        assert!(!words.is_empty(), "hit {rank} has nothing marked");
    }
}

#[test]
fn a_question_naming_an_author_or_organisation_keeps_the_name() {
    // No passage says "Michael West" or "King's Fund": they are in the
    // reports' authors and organisation, and a question naming them is
    // about those reports, not a question with the name left out.
    let west = search("what does Michael West say about culture");
    assert!(
        west.notes.iter().all(|n| !n.contains("in no report")),
        "{:?}",
        west.notes
    );
    let first = ids(&west)[0].clone();
    assert!(
        first.starts_with("developing-cultures/") || first.starts_with("collective-leadership/"),
        "{first}"
    );
    // Within a filter too: the name is no topic the filter could lack.
    let filtered = INDEX
        .search(&SearchRequest {
            limit: 50,
            filters: Filters {
                themes: vec!["staff-culture".to_string()],
                ..Filters::default()
            },
            ..SearchRequest::new("what does Michael West say about culture")
        })
        .unwrap();
    assert!(filtered.total > 0, "{:?}", filtered.notes);
    let kings = search("what does the King's Fund say about chains");
    assert!(
        kings.notes.iter().all(|n| !n.contains("in no report")),
        "{:?}",
        kings.notes
    );
}

/// A word and its synonyms are one concept: a passage that has both scores
/// as the better of the two, so that a synonym cannot outweigh the
/// question's other words. (A new user's questions: `merged Trust` beside
/// `merger` put a passage on leadership skills first for all three; and
/// RAND's `hospital consolidation` is what the other reports call mergers.)
#[test]
fn a_synonym_beside_its_word_does_not_count_twice() {
    let got = search("do mergers save money");
    assert_eq!(ids(&got)[0], "nhs-trust-mergers/16", "{:?}", ids(&got));
    let got = search("do mergers improve quality");
    let first = ids(&got);
    assert!(
        first[..3].contains(&"changing-hospital-landscape/20".to_string()),
        "{first:?}"
    );
}

/// A word the reports use often gets no related words: `patients` is not
/// searched as `clinicians` (the word vectors' neighbour, another role),
/// nor the other way round. A word they rarely use still gets them.
#[test]
fn a_word_the_reports_use_often_is_searched_as_itself() {
    for (q, not) in [
        ("are bigger hospitals better for patients", "clinicians"),
        (
            "what do clinicians think of standard procedures",
            "patients",
        ),
    ] {
        let results = search(q);
        assert!(
            results.notes.iter().all(|n| !n.contains(not)),
            "{q}: {:?}",
            results.notes
        );
    }
}
