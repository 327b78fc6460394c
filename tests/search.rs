//! Search through the library API and the binary, checked against the bundled
//! corpus itself: which passages match (and the facet counts per report and
//! theme) equal counts worked out by brute force over the corpus's words, with
//! report and theme filters included and excluded; `total` ignores the limit; an
//! empty query lists every passage in corpus order; results do not depend on how
//! many threads built the index; highlight ranges are valid byte ranges that
//! slice to the matched words, even next to `’`, `–` and `£`; unknown filter ids
//! are errors that list the valid ids while unknown ids inside the query are
//! notes; any query string at all returns results or notes, never a panic;
//! `related` puts other reports first and never the passage itself; and
//! `evidence search --json` has a fixed shape and ripgrep-style exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::Error;
use evidence::corpus::{Corpus, Passage, Report};
use evidence::search::analysis::{stem_terms, words};
use evidence::search::query::{Atom, parse};
use evidence::search::{Filters, Index, SearchRequest, SearchResults};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};
use util::{Dir, keys, set};

static INDEX: LazyLock<Index> = LazyLock::new(|| build(2));

fn build(threads: usize) -> Index {
    Index::in_memory(Arc::new(Corpus::bundled()), threads, &|_, _| {}).expect("build the index")
}

fn corpus() -> &'static Corpus {
    INDEX.corpus()
}

fn search(query: &str, filters: &Filters, limit: usize) -> SearchResults {
    INDEX
        .search(&SearchRequest {
            query: query.to_string(),
            filters: filters.clone(),
            limit,
        })
        .unwrap_or_else(|e| panic!("{query:?}: {e}"))
}

fn all(query: &str) -> SearchResults {
    search(query, &Filters::default(), 10_000)
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------
// Brute force: what a passage's indexed text fields hold, analysed the same way.

/// The stemmed words of each text field a plain word is searched in: the
/// passage text and its section; and the report's title, organisation, short
/// title and authors, which count only for a term the reports' text rarely
/// uses (see [`rare_in_text`]).
fn field_stems(r: &Report, p: &Passage, with_report: bool) -> Vec<Vec<String>> {
    let mut texts = vec![p.text.as_str()];
    texts.extend(p.section.as_deref());
    if with_report {
        texts.push(&r.title);
        texts.extend(r.organisation.as_deref());
        if r.short_title != r.title {
            texts.push(&r.short_title);
        }
        texts.extend(r.authors.iter().map(String::as_str));
    }
    texts.into_iter().map(stem_terms).collect()
}

/// Whether the reports' text uses a term in at most a handful of passages
/// (two, or one in a hundred): a word counted in the passage text and in
/// section headings each on its own, a phrase where it is a phrase in either.
/// Only such a
/// term (a name: `Nuffield`) finds a report by its title, organisation or
/// authors.
fn rare_in_text(words: &[String]) -> bool {
    static SEEN: LazyLock<std::sync::Mutex<std::collections::HashMap<Vec<String>, bool>>> =
        LazyLock::new(Default::default);
    if let Some(&known) = SEEN.lock().unwrap().get(words) {
        return known;
    }
    let rare = count_rare_in_text(words);
    SEEN.lock().unwrap().insert(words.to_vec(), rare);
    rare
}

fn count_rare_in_text(words: &[String]) -> bool {
    let c = corpus();
    let n = c.passage_count();
    let has = |text: Option<&str>| {
        text.is_some_and(|t| stem_terms(t).windows(words.len()).any(|w| w == words))
    };
    let df = if words.len() > 1 {
        c.passages()
            .filter(|(_, p)| has(Some(&p.text)) || has(p.section.as_deref()))
            .count()
    } else {
        let text = c.passages().filter(|(_, p)| has(Some(&p.text))).count();
        let section = c
            .passages()
            .filter(|(_, p)| has(p.section.as_deref()))
            .count();
        text.max(section)
    };
    df <= (n / 100).max(2)
}

/// True when the passage has the word (any form with the same stem).
fn has(r: &Report, p: &Passage, word: &str) -> bool {
    let stems = stem_terms(word);
    assert_eq!(stems.len(), 1, "{word} is not one word");
    field_stems(r, p, rare_in_text(&stems))
        .iter()
        .flatten()
        .any(|s| *s == stems[0])
}

/// True when one field has the phrase's words in a row.
fn has_phrase(r: &Report, p: &Passage, phrase: &str) -> bool {
    let want = stem_terms(phrase);
    field_stems(r, p, rare_in_text(&want))
        .iter()
        .any(|f| f.windows(want.len()).any(|w| w == want.as_slice()))
}

fn has_theme(p: &Passage, theme: &str) -> bool {
    p.themes.iter().any(|t| t == theme)
}

type Predicate = fn(&Report, &Passage) -> bool;

/// Queries with what they mean, worked out without the index.
const QUERIES: &[(&str, Predicate)] = &[
    ("", |_, _| true),
    ("buddying", |r, p| has(r, p, "buddying")),
    ("leadership", |r, p| has(r, p, "leadership")),
    ("special measures", |r, p| {
        has(r, p, "special") && has(r, p, "measures")
    }),
    ("\"special measures\"", |r, p| {
        has_phrase(r, p, "special measures")
    }),
    ("mergers -competition", |r, p| {
        has(r, p, "mergers") && !has(r, p, "competition")
    }),
    ("leadership OR culture", |r, p| {
        has(r, p, "leadership") || has(r, p, "culture")
    }),
    ("theme:regulation staff", |r, p| {
        has_theme(p, "regulation") && has(r, p, "staff")
    }),
    (
        "report:nhs-trust-mergers OR report:buddying-review costs",
        |r, p| (r.id == "nhs-trust-mergers" || r.id == "buddying-review") && has(r, p, "costs"),
    ),
    ("year:2014 -theme:leadership chains", |r, p| {
        r.published
            .as_deref()
            .is_some_and(|d| d.starts_with("2014"))
            && !has_theme(p, "leadership")
            && has(r, p, "chains")
    }),
    ("-buddying", |r, p| !has(r, p, "buddying")),
];

fn filter_sets() -> Vec<Filters> {
    vec![
        Filters::default(),
        Filters {
            reports: strings(&["buddying-review", "nhs-trust-mergers"]),
            ..Filters::default()
        },
        Filters {
            not_reports: strings(&["buddying-review"]),
            ..Filters::default()
        },
        Filters {
            themes: strings(&["leadership", "governance"]),
            ..Filters::default()
        },
        Filters {
            not_themes: strings(&["regulation"]),
            ..Filters::default()
        },
        Filters {
            reports: strings(&["buddying-review", "provider-chains"]),
            themes: strings(&["regulation"]),
            not_themes: strings(&["competition"]),
            ..Filters::default()
        },
        Filters {
            not_reports: strings(&["nhs-trust-mergers", "big-med"]),
            themes: strings(&["mergers", "chains-groups"]),
            not_themes: strings(&["finance-scale"]),
            ..Filters::default()
        },
    ]
}

fn passes_reports(r: &Report, f: &Filters) -> bool {
    (f.reports.is_empty() || f.reports.contains(&r.id)) && !f.not_reports.contains(&r.id)
}

fn passes_themes(p: &Passage, f: &Filters) -> bool {
    (f.themes.is_empty() || f.themes.iter().any(|t| has_theme(p, t)))
        && !f.not_themes.iter().any(|t| has_theme(p, t))
}

/// Ords of the passages a predicate accepts.
fn brute(pred: Predicate) -> Vec<usize> {
    corpus()
        .passages()
        .enumerate()
        .filter(|(_, (r, p))| pred(r, p))
        .map(|(ord, _)| ord)
        .collect()
}

#[test]
fn matches_and_facet_counts_equal_brute_force_counts() {
    let c = corpus();
    let passages: Vec<(&Report, &Passage)> = c.passages().collect();
    for &(query, pred) in QUERIES {
        let matching = brute(pred);
        assert!(!matching.is_empty(), "{query:?} matches nothing");
        for filters in filter_sets() {
            let got = search(query, &filters, 10_000);
            let ctx = format!("{query:?} with {filters:?}");
            let kept: Vec<usize> = matching
                .iter()
                .copied()
                .filter(|&o| {
                    passes_reports(passages[o].0, &filters)
                        && passes_themes(passages[o].1, &filters)
                })
                .collect();
            if got
                .notes
                .iter()
                .any(|n| n.starts_with("no passage has all"))
            {
                // Nothing within the filters has every word, so the search was
                // relaxed (dropping words) rather than answering with nothing.
                assert!(
                    kept.is_empty(),
                    "relaxed although {} passages match: {ctx}",
                    kept.len()
                );
                assert!(got.total > 0, "relaxed to nothing: {ctx}");
                continue;
            }
            assert_eq!(got.total, kept.len(), "total for {ctx}");
            let mut hit_ords: Vec<usize> = got.hits.iter().map(|h| h.ord).collect();
            hit_ords.sort_unstable();
            assert_eq!(hit_ords, kept, "matching passages for {ctx}");

            // Report counts ignore the report filters; theme counts the theme filters.
            let want_reports: Vec<(String, usize)> = c
                .reports
                .iter()
                .map(|r| {
                    let n = matching
                        .iter()
                        .filter(|&&o| {
                            passages[o].0.id == r.id && passes_themes(passages[o].1, &filters)
                        })
                        .count();
                    (r.id.clone(), n)
                })
                .collect();
            assert_eq!(got.facets.reports, want_reports, "report facets for {ctx}");
            let want_themes: Vec<(String, usize)> = c
                .themes
                .iter()
                .map(|t| {
                    let n = matching
                        .iter()
                        .filter(|&&o| {
                            has_theme(passages[o].1, &t.id)
                                && passes_reports(passages[o].0, &filters)
                        })
                        .count();
                    (t.id.clone(), n)
                })
                .collect();
            assert_eq!(got.facets.themes, want_themes, "theme facets for {ctx}");
        }
    }
}

#[test]
fn facets_list_every_report_and_theme_with_zeros() {
    let got = all("kitemark");
    let report_ids: Vec<&str> = got
        .facets
        .reports
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let corpus_reports: Vec<&str> = corpus().reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(report_ids, corpus_reports);
    let theme_ids: Vec<&str> = got
        .facets
        .themes
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let corpus_themes: Vec<&str> = corpus().themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(theme_ids, corpus_themes);
    let nonzero: Vec<&(String, usize)> =
        got.facets.reports.iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(
        nonzero,
        [&("credentialing-providers".to_string(), got.total)]
    );
    assert!(got.facets.themes.iter().any(|(_, n)| *n == 0));
    // Nothing matched: every count is there, and zero.
    let none = all("zzzzqqqq");
    assert_eq!(none.total, 0);
    assert!(none.hits.is_empty());
    assert_eq!(none.facets.reports.len(), corpus_reports.len());
    assert_eq!(none.facets.themes.len(), corpus_themes.len());
    assert!(none.facets.reports.iter().all(|(_, n)| *n == 0));
    assert!(none.facets.themes.iter().all(|(_, n)| *n == 0));
}

#[test]
fn total_counts_every_match_whatever_the_limit() {
    for query in ["buddying", "mergers", "", "theme:leadership", "cheescake"] {
        let full = all(query);
        assert!(full.total > 3, "{query:?}");
        for limit in [0, 1, 3, full.total - 1, full.total, full.total + 50] {
            let got = search(query, &Filters::default(), limit);
            assert_eq!(got.total, full.total, "{query:?} limit {limit}");
            assert_eq!(
                got.hits.len(),
                limit.min(full.total),
                "{query:?} limit {limit}"
            );
            // The first hits are the same whatever the limit.
            let firsts: Vec<usize> = got.hits.iter().map(|h| h.ord).collect();
            let full_firsts: Vec<usize> = full.hits.iter().take(limit).map(|h| h.ord).collect();
            assert_eq!(firsts, full_firsts, "{query:?} limit {limit}");
        }
    }
}

#[test]
fn filters_include_and_exclude_reports_and_themes() {
    let only = Filters {
        reports: strings(&["nhs-trust-mergers"]),
        ..Filters::default()
    };
    let got = search("leadership", &only, 100);
    assert!(got.total > 0);
    for h in &got.hits {
        assert_eq!(INDEX.passage(h.ord).unwrap().0.id, "nhs-trust-mergers");
    }
    let without = Filters {
        not_reports: strings(&["collective-leadership"]),
        ..Filters::default()
    };
    let got = search("leadership", &without, 100);
    assert!(got.total > 0);
    assert!(
        got.hits
            .iter()
            .all(|h| INDEX.passage(h.ord).unwrap().0.id != "collective-leadership")
    );
    // Themes: any of the included, none of the excluded.
    let themed = Filters {
        themes: strings(&["buddying", "credentialing"]),
        not_themes: strings(&["regulation"]),
        ..Filters::default()
    };
    let got = search("", &themed, 1000);
    assert!(got.total > 0);
    for h in &got.hits {
        let p = INDEX.passage(h.ord).unwrap().1;
        assert!(
            has_theme(p, "buddying") || has_theme(p, "credentialing"),
            "{}",
            p.id
        );
        assert!(!has_theme(p, "regulation"), "{}", p.id);
    }
    // Ids may be given in any order, and a passage is counted once.
    let both = search(
        "",
        &Filters {
            themes: strings(&["regulation", "buddying"]),
            ..Filters::default()
        },
        1000,
    );
    let seen: BTreeSet<usize> = both.hits.iter().map(|h| h.ord).collect();
    assert_eq!(seen.len(), both.hits.len());
}

#[test]
fn an_empty_query_lists_every_passage_in_corpus_order() {
    let n = corpus().passage_count();
    for query in ["", "   ", "\t\n"] {
        let got = search(query, &Filters::default(), n + 10);
        assert_eq!(got.total, n, "{query:?}");
        let ords: Vec<usize> = got.hits.iter().map(|h| h.ord).collect();
        assert_eq!(ords, (0..n).collect::<Vec<_>>(), "{query:?}");
        assert!(got.hits.iter().all(|h| h.highlights.is_empty()));
    }
    let ids: Vec<String> = search("", &Filters::default(), 3)
        .hits
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.clone())
        .collect();
    assert_eq!(ids, ["overview/1", "overview/2", "overview/3"]);
    // With a filter: that report's passages, in their order.
    let got = search(
        "",
        &Filters {
            reports: strings(&["big-med"]),
            ..Filters::default()
        },
        100,
    );
    let ids: Vec<String> = got
        .hits
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.clone())
        .collect();
    let want: Vec<String> = corpus()
        .report("big-med")
        .unwrap()
        .passages
        .iter()
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn results_do_not_depend_on_indexing_threads() {
    let one = build(1);
    let four = build(4);
    for query in [
        "buddying",
        "mergers",
        "theme:leadership",
        "leadership OR culture",
        "\"special measures\"",
        "credential*",
        "cheescake",
        "what did the review find about buddying costs",
        "org:\"King's Fund\"",
        "",
    ] {
        let request = SearchRequest {
            limit: 1000,
            ..SearchRequest::new(query)
        };
        let a = one.search(&request).unwrap();
        let b = four.search(&request).unwrap();
        let c = INDEX.search(&request).unwrap();
        let key = |r: &SearchResults| -> Vec<(usize, u32)> {
            r.hits.iter().map(|h| (h.ord, h.score.to_bits())).collect()
        };
        assert!(!a.hits.is_empty(), "{query:?}");
        assert_eq!(key(&a), key(&b), "{query:?}: 1 thread vs 4");
        assert_eq!(key(&a), key(&c), "{query:?}: 1 thread vs 2");
        assert_eq!(a.facets, b.facets, "{query:?}");
        assert_eq!(a.notes, b.notes, "{query:?}");
        // Scores never increase down the list.
        assert!(
            a.hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{query:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Highlights

fn hit_for<'a>(results: &'a SearchResults, passage_id: &str) -> &'a evidence::search::Hit {
    results
        .hits
        .iter()
        .find(|h| INDEX.passage(h.ord).unwrap().1.id == passage_id)
        .unwrap_or_else(|| panic!("{passage_id} is not among the hits"))
}

/// The highlighted words of a hit, checking each range is a valid slice.
fn highlighted<'a>(text: &'a str, highlights: &[(usize, usize)]) -> Vec<&'a str> {
    let mut last = 0;
    highlights
        .iter()
        .map(|&(a, b)| {
            assert!(a < b && b <= text.len(), "range {a}..{b} in {text:?}");
            assert!(
                a >= last,
                "ranges overlap or are out of order: {highlights:?}"
            );
            assert!(
                text.is_char_boundary(a) && text.is_char_boundary(b),
                "range {a}..{b} is not on character boundaries in {text:?}"
            );
            last = b;
            &text[a..b]
        })
        .collect()
}

#[test]
fn highlights_slice_to_the_matched_words_beside_dashes_and_pound_signs() {
    let got = all("legal costs");
    let hit = hit_for(&got, "nhs-trust-mergers/6");
    let text = &INDEX.passage(hit.ord).unwrap().1.text;
    assert!(text.contains('£') && text.contains('–'), "{text}");
    let words = highlighted(text, &hit.highlights);
    assert!(
        words.contains(&"Legal") && words.contains(&"costs"),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .all(|w| ["legal", "costs"].contains(&w.to_lowercase().as_str())),
        "{words:?}"
    );

    let got = all("£300million");
    let hit = hit_for(&got, "facing-the-future/2");
    let text = &INDEX.passage(hit.ord).unwrap().1.text;
    assert!(text.contains('’'), "{text}");
    assert_eq!(highlighted(text, &hit.highlights), ["300million"]);
    let (a, _) = hit.highlights[0];
    assert_eq!(&text[a - '£'.len_utf8()..a], "£");

    let got = all("smaller");
    let hit = hit_for(&got, "facing-the-future/2");
    let text = &INDEX.passage(hit.ord).unwrap().1.text;
    // ‘Smaller’: the word, without its quotes.
    assert_eq!(highlighted(text, &hit.highlights), ["Smaller"]);
}

#[test]
fn highlights_cover_a_word_with_a_typographic_apostrophe() {
    let got = all("womens");
    let hit = hit_for(&got, "big-med/4");
    let text = &INDEX.passage(hit.ord).unwrap().1.text;
    assert_eq!(highlighted(text, &hit.highlights), ["Women’s"]);

    // `kings` finds and highlights King’s in a passage's text.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("themes.toml"),
        "[[theme]]\nid = \"funds\"\nlabel = \"Funds\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kf.md"),
        "+++\nid = \"kf\"\ntitle = \"A note\"\nkind = \"document\"\nthemes = [\"funds\"]\n+++\n\
         The King’s Fund (£2m, 2014–15) said the king's ransom was paid.\n\n\
         Nothing about anyone here.\n",
    )
    .unwrap();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let index = Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap();
    for query in ["kings", "King’s", "King's", "\"kings fund\""] {
        let got = index.search(&SearchRequest::new(query)).unwrap();
        assert_eq!(got.total, 1, "{query}");
        let text = &index.passage(got.hits[0].ord).unwrap().1.text;
        let words = highlighted(text, &got.hits[0].highlights);
        assert!(
            words.contains(&"King’s") && words.contains(&"king's"),
            "{query}: {words:?}"
        );
        assert!(
            !words.iter().any(|w| w.contains('£') || w.contains('(')),
            "{words:?}"
        );
    }
}

#[test]
fn highlights_are_valid_for_every_kind_of_query() {
    for query in [
        "buddying",
        "tele-ICU",
        "credential*",
        "bournmouth",
        "\"due diligence\"",
        "what did the review find about buddying costs",
        "King’s",
        "organizational culture",
        "£3-6m",
        "patients’",
    ] {
        let got = all(query);
        assert!(got.total > 0, "{query:?}");
        let mut any = false;
        for h in &got.hits {
            let text = &INDEX.passage(h.ord).unwrap().1.text;
            any |= !highlighted(text, &h.highlights).is_empty();
        }
        assert!(any || query == "King’s", "{query:?}: nothing highlighted");
    }
    // Excluded words are not highlighted; every form of a matched word is.
    let got = all("buddying -cost");
    assert!(got.total > 0);
    for h in &got.hits {
        let text = &INDEX.passage(h.ord).unwrap().1.text;
        for w in highlighted(text, &h.highlights) {
            assert_eq!(stem_terms(w), stem_terms("buddying"), "{w}");
        }
    }
    let hit = hit_for(&got, "buddying-review/16");
    let text = &INDEX.passage(hit.ord).unwrap().1.text;
    let words = highlighted(text, &hit.highlights);
    assert!(
        words.contains(&"buddies") && words.contains(&"buddying"),
        "{words:?}"
    );
}

// ---------------------------------------------------------------------------
// Errors and notes

#[test]
fn unknown_filter_ids_are_errors_listing_the_valid_ids() {
    let reports = [
        Filters {
            reports: strings(&["nope"]),
            ..Filters::default()
        },
        Filters {
            not_reports: strings(&["buddying-review", "nope"]),
            ..Filters::default()
        },
    ];
    for f in reports {
        let err = INDEX
            .search(&SearchRequest {
                filters: f,
                ..SearchRequest::new("buddying")
            })
            .expect_err("an unknown report id is an error");
        assert!(
            matches!(&err, Error::UnknownReport { id, .. } if id == "nope"),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("`nope`"), "{message}");
        for r in &corpus().reports {
            assert!(message.contains(&r.id), "{message} lacks {}", r.id);
        }
    }
    let themes = [
        Filters {
            themes: strings(&["nope"]),
            ..Filters::default()
        },
        Filters {
            not_themes: strings(&["nope"]),
            ..Filters::default()
        },
    ];
    for f in themes {
        let err = INDEX
            .search(&SearchRequest {
                filters: f,
                ..SearchRequest::new("")
            })
            .expect_err("an unknown theme id is an error");
        assert!(
            matches!(&err, Error::UnknownTheme { id, .. } if id == "nope"),
            "{err:?}"
        );
        let message = err.to_string();
        for t in &corpus().themes {
            assert!(message.contains(&t.id), "{message} lacks {}", t.id);
        }
    }
}

#[test]
fn unknown_ids_inside_the_query_are_notes_not_errors() {
    // A filter naming nothing matches nothing (it does not widen the
    // search to every report), and says why.
    let got = all("report:nope buddying");
    assert!(
        got.notes
            .iter()
            .any(|n| n.contains("`report:nope` matches nothing")),
        "{:?}",
        got.notes
    );
    assert_eq!(got.total, 0);
    let got = all("theme:nope");
    assert!(
        got.notes
            .iter()
            .any(|n| n.contains("`theme:nope` matches nothing")),
        "{:?}",
        got.notes
    );
    assert_eq!(got.total, 0);
    // Either of two, one unknown: the other's passages.
    assert_eq!(
        all("theme:nope OR theme:buddying").total,
        all("theme:buddying").total
    );
    // Left out, it leaves nothing out.
    assert_eq!(all("buddying -report:nope").total, all("buddying").total);
    // Beside words, the only note on where the words are is that one: no
    // "no passage in … mentions" about the words, which would be false.
    for q in ["merger theme:nope", "how do mergers go wrong theme:nope"] {
        let got = all(q);
        assert_eq!(got.total, 0, "{q}");
        assert!(
            got.notes.iter().all(|n| !n.contains("mentions")),
            "{q}: {:?}",
            got.notes
        );
    }
    let got = all("colour:red mergers");
    assert!(
        got.notes.iter().any(|n| n.contains("unknown field")),
        "{:?}",
        got.notes
    );
}

fn query_strategy() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("buddying".to_string()),
        Just("mergers".to_string()),
        Just("OR".to_string()),
        Just("-".to_string()),
        Just("\"".to_string()),
        Just("*".to_string()),
        Just("report:".to_string()),
        Just("theme:".to_string()),
        Just("org:\"".to_string()),
        Just("year:".to_string()),
        Just("King’s".to_string()),
        Just("£".to_string()),
        Just("tele-ICU".to_string()),
        "[a-z]{1,12}",
        "[a-z:*\"()-]{1,6}",
        "\\PC{1,8}",
        any::<String>(),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(token, 0..40).prop_map(|t| t.join(" ")),
        prop::collection::vec(prop::char::any(), 0..60).prop_map(|c| c.into_iter().collect()),
    ]
}

fn proptest_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// True when the query excludes something that is searched as a phrase: a
/// quoted phrase, a multi-word `org:`, or a word that splits in two
/// (`-tele-ICU`). See `excluding_a_phrase_neither_panics_nor_keeps_it`.
fn excludes_a_phrase(query: &str) -> bool {
    parse(query).clauses.iter().any(|c| {
        c.negated
            && c.any_of.iter().any(|a| match a {
                Atom::Phrase(p) | Atom::Org(p) | Atom::Word(p) => words(p).len() > 1,
                _ => false,
            })
    })
}

fn check_any_query(query: &str) -> Result<(), TestCaseError> {
    let got = INDEX.search(&SearchRequest::new(query));
    prop_assert!(got.is_ok(), "{:?}: {:?}", query, got.err());
    let got = got.unwrap();
    prop_assert!(got.hits.len() <= 20);
    prop_assert!(got.total >= got.hits.len());
    for h in &got.hits {
        let text = &INDEX.passage(h.ord).unwrap().1.text;
        for &(a, b) in &h.highlights {
            prop_assert!(a < b && b <= text.len());
            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
    Ok(())
}

proptest! {
    // No regressions file: the known failures are pinned by the ignored tests.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(proptest_cases())
    })]

    #[test]
    fn any_query_string_returns_results_or_notes(query in query_strategy()) {
        prop_assume!(!excludes_a_phrase(&query));
        check_any_query(&query)?;
    }

    #[test]
    fn any_query_string_at_all_returns_results_or_notes(
        query in prop_oneof![
            query_strategy(),
            query_strategy().prop_map(|q| format!("{q} -\"special measures\"")),
        ]
    ) {
        check_any_query(&query)?;
    }
}

#[test]
fn the_phrase_exclusion_filter_is_narrow() {
    for q in [
        "buddying -\"special measures\"",
        "-org:\"King's Fund\"",
        "mergers -tele-ICU",
    ] {
        assert!(excludes_a_phrase(q), "{q}");
    }
    for q in [
        "\"special measures\"",
        "buddying -special",
        "-org:Forbes",
        "- \"special measures\"",
        "tele-ICU -buddying",
    ] {
        assert!(!excludes_a_phrase(q), "{q}");
    }
}

/// Excluding a phrase builds a `MustNot` tantivy `PhraseQuery`, whose scorer is
/// asked to seek backwards; in a debug build tantivy 0.27 asserts
/// ("target (3) should be greater than or equal to doc (6)") and the search
/// panics, so `evidence search 'buddying -"special measures"'` exits 101.
#[test]
fn excluding_a_phrase_neither_panics_nor_keeps_it() {
    let with_phrase = |q: &str, phrase: &str| {
        let got = all(q);
        for h in &got.hits {
            let (r, p) = INDEX.passage(h.ord).unwrap();
            assert!(!has_phrase(r, p, phrase), "{q}: {} has it", p.id);
        }
        got.total
    };
    let buddying = brute(|r, p| has(r, p, "buddying"));
    let special = brute(|r, p| has(r, p, "buddying") && has_phrase(r, p, "special measures"));
    assert_eq!(
        with_phrase("buddying -\"special measures\"", "special measures"),
        buddying.len() - special.len()
    );
    let n = corpus().passage_count();
    let diligence = brute(|r, p| has_phrase(r, p, "due diligence")).len();
    assert_eq!(
        with_phrase("-\"due diligence\"", "due diligence"),
        n - diligence
    );
    let chains = brute(|r, p| has(r, p, "chains") && !has_phrase(r, p, "hospital chains"));
    assert_eq!(
        with_phrase("chains -\"hospital chains\"", "hospital chains"),
        chains.len()
    );
    let got = all("leadership -org:\"King's Fund\"");
    assert!(got.total > 0);
    for h in &got.hits {
        let r = INDEX.passage(h.ord).unwrap().0;
        assert!(
            !r.organisation
                .as_deref()
                .unwrap_or("")
                .contains("King's Fund")
        );
    }
}

/// `org:` takes an organisation by its name or by the acronym the
/// thesaurus gives it, either way round: `org:FTN` finds the Foundation
/// Trust Network's reports as `org:"Foundation Trust Network"` does.
#[test]
fn an_organisation_filter_takes_its_acronym() {
    let reports_of = |q: &str| -> Vec<String> {
        let mut ids: Vec<String> = all(q)
            .hits
            .iter()
            .map(|h| INDEX.passage(h.ord).unwrap().0.id.clone())
            .collect();
        ids.dedup();
        ids
    };
    let by_name = reports_of("org:\"Foundation Trust Network\"");
    // The Buddying Review names it in full; the Milburn lecture as FTN.
    assert!(
        by_name.contains(&"buddying-review".to_string()),
        "{by_name:?}"
    );
    assert!(
        by_name.contains(&"seizing-the-opportunity".to_string()),
        "{by_name:?}"
    );
    for h in all("org:\"Foundation Trust Network\"").hits {
        let r = INDEX.passage(h.ord).unwrap().0;
        let org = r.organisation.as_deref().unwrap_or_default();
        assert!(
            org == "Foundation Trust Network" || org.contains("FTN"),
            "{org}"
        );
    }
    assert_eq!(reports_of("org:FTN"), by_name);
    assert_eq!(reports_of("org:ftn"), by_name);
    // The acronym in a filter's negation too.
    assert!(
        reports_of("buddying -org:FTN")
            .iter()
            .all(|r| !by_name.contains(r))
    );
    // Synonym groups are not names: the CQC's report is found by its
    // acronym, not by "hospital watchdog".
    assert!(!reports_of("org:CQC").is_empty());
    assert!(reports_of("org:\"hospital watchdog\"").is_empty());
    // An acronym of no organisation of the corpus is not one: FT is a
    // foundation trust, not the Foundation Trust Network.
    assert!(reports_of("org:FT").is_empty());
}

// ---------------------------------------------------------------------------
// Related passages

#[test]
fn related_puts_other_reports_first_and_never_the_passage_itself() {
    let passages: Vec<(usize, &Report, &Passage)> = corpus()
        .passages()
        .enumerate()
        .filter(|(ord, _)| ord % 7 == 0)
        .map(|(ord, (r, p))| (ord, r, p))
        .collect();
    assert!(passages.len() > 20);
    let mut others_found = 0;
    for (ord, report, passage) in passages {
        let hits = INDEX.related(&passage.id, 10).unwrap();
        assert!(hits.len() <= 10);
        assert!(
            hits.iter().all(|h| h.ord != ord),
            "{} is related to itself",
            passage.id
        );
        let same: Vec<bool> = hits
            .iter()
            .map(|h| INDEX.passage(h.ord).unwrap().0.id == report.id)
            .collect();
        let alone: Vec<bool> = hits
            .iter()
            .map(|h| INDEX.passage(h.ord).unwrap().1.stands_alone())
            .collect();
        // Passages that cannot stand alone come after all that can.
        if let Some(first_weak) = alone.iter().position(|&a| !a) {
            assert!(
                alone[first_weak..].iter().all(|&a| !a),
                "{}: a lead-in or fragment before a passage that stands alone: {alone:?}",
                passage.id
            );
        }
        // Within each, once a passage of the same report appears, only
        // such passages follow, and each group is by score.
        for standing in [true, false] {
            let part: Vec<(bool, f32)> = hits
                .iter()
                .zip(&same)
                .zip(&alone)
                .filter(|(_, a)| **a == standing)
                .map(|((h, s), _)| (*s, h.score))
                .collect();
            if let Some(first_same) = part.iter().position(|&(s, _)| s) {
                assert!(
                    part[first_same..].iter().all(|&(s, _)| s),
                    "{}: other reports after its own: {part:?}",
                    passage.id
                );
            }
            for group in [false, true] {
                let scores: Vec<f32> = part
                    .iter()
                    .filter(|(s, _)| *s == group)
                    .map(|(_, score)| *score)
                    .collect();
                assert!(
                    scores.windows(2).all(|w| w[0] >= w[1]),
                    "{}: {scores:?}",
                    passage.id
                );
            }
        }
        others_found += usize::from(same.first() == Some(&false));
    }
    assert!(
        others_found > 20,
        "most passages have related passages elsewhere"
    );
    // The buddying passage on geographical proximity relates to another report's.
    let hits = INDEX.related("buddying-review/7", 5).unwrap();
    assert_eq!(hits.len(), 5);
    assert_ne!(INDEX.passage(hits[0].ord).unwrap().0.id, "buddying-review");
}

/// A lead-in ("There are a number of problems credentialing can help
/// solve:") says nothing without its list: it is not offered as related
/// while passages that stand alone are there to offer, and neither is a
/// footnote or an item of a few words.
#[test]
fn related_does_not_offer_a_lead_in_on_its_own() {
    let lead_in = "credentialing-providers/2";
    let (_, p) = corpus().passage(lead_in).unwrap();
    assert_eq!(p.role, evidence::corpus::Role::LeadIn);
    assert!(!p.stands_alone());
    // These once had it second, among their first ten.
    for id in ["buddying-review/13", "seizing-the-opportunity/8"] {
        let hits = INDEX.related(id, 10).unwrap();
        assert_eq!(hits.len(), 10);
        for h in &hits {
            let (_, p) = INDEX.passage(h.ord).unwrap();
            assert!(p.stands_alone(), "{id}: offered {} ({:?})", p.id, p.text);
        }
    }
    // Asked for every passage, the lead-in comes after those that stand alone.
    let all = INDEX.related("buddying-review/13", 1000).unwrap();
    let ids: Vec<String> = all
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.clone())
        .collect();
    let at = ids.iter().position(|i| i == lead_in);
    if let Some(at) = at {
        assert!(
            all[..at]
                .iter()
                .all(|h| INDEX.passage(h.ord).unwrap().1.stands_alone()),
            "{ids:?}"
        );
    }
}

#[test]
fn related_to_an_unknown_passage_is_an_error() {
    for id in ["nope/1", "buddying-review/999", "buddying-review", ""] {
        let err = INDEX.related(id, 5).expect_err("an error");
        assert!(matches!(err, Error::UnknownId { .. }), "{id}: {err:?}");
    }
}

// ---------------------------------------------------------------------------
// The binary

/// `evidence --index-dir <tmp>/index ARGS`.
fn evidence(dir: &Dir, args: &[&str]) -> util::Output {
    let index_dir = dir.join("index");
    let mut all = vec!["--index-dir", index_dir.to_str().unwrap()];
    all.extend_from_slice(args);
    dir.run(&all)
}

#[test]
fn search_json_has_a_fixed_shape() {
    let dir = Dir::new();
    let out = evidence(&dir, &["search", "buddying", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(
        keys(&json),
        set(&["query", "total", "took_ms", "notes", "hits", "facets"])
    );
    // The keys come in this order.
    let order: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        order,
        ["query", "total", "took_ms", "notes", "hits", "facets"]
    );
    assert_eq!(json["query"], "buddying");
    assert_eq!(json["total"], all("buddying").total);
    assert!(json["took_ms"].as_f64().unwrap() >= 0.0);
    assert!(json["notes"].as_array().unwrap().is_empty());
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 20);
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(
            keys(hit),
            set(&[
                "rank",
                "id",
                "report_id",
                "report_title",
                "organisation",
                "published",
                "section",
                "themes",
                "score",
                "text",
                "highlights",
                // Added so that a hit is the passage `show` prints.
                "authors",
                "citation",
                "citation_details",
                // Added: the source's pages (an imported PDF).
                "pages",
            ]),
        );
        assert_eq!(hit["rank"], i + 1);
        let id = hit["id"].as_str().unwrap();
        let (r, p) = corpus().passage(id).unwrap();
        assert_eq!(hit["report_id"], r.id.as_str());
        assert_eq!(hit["text"], p.text.as_str());
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        let text = p.text.as_str();
        let pairs = hit["highlights"].as_array().unwrap();
        assert!(!pairs.is_empty() || !text.to_lowercase().contains("budd"));
        for pair in pairs {
            let a = pair[0].as_u64().unwrap() as usize;
            let b = pair[1].as_u64().unwrap() as usize;
            assert_eq!(stem_terms(&text[a..b]), stem_terms("buddying"));
        }
    }
    assert_eq!(hits[0]["report_id"], "buddying-review");
    // Missing values are null, not absent: nhs-trust-mergers has no organisation.
    let out = evidence(
        &dir,
        &[
            "search",
            "report:nhs-trust-mergers",
            "--json",
            "--limit",
            "1",
        ],
    );
    let hit = &out.json()["hits"][0];
    assert!(hit["organisation"].is_null(), "{hit}");
    assert!(hit["section"].is_null(), "{hit}");

    let facets = &json["facets"];
    assert_eq!(keys(facets), set(&["reports", "themes"]));
    let report_ids: Vec<&str> = facets["reports"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let want: Vec<&str> = corpus().reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(report_ids, want);
    let theme_ids: Vec<&str> = facets["themes"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let want: Vec<&str> = corpus().themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(theme_ids, want);
    assert_eq!(facets["reports"]["big-med"], 0);
    let buddying = corpus().report("buddying-review").unwrap().passages.len();
    assert_eq!(facets["reports"]["buddying-review"], buddying);
}

#[test]
fn search_exit_codes_are_0_found_1_nothing_2_error() {
    let dir = Dir::new();
    let found = evidence(&dir, &["search", "buddying"]);
    found.ok();
    assert!(
        found.stdout.contains("buddying-review/"),
        "{}",
        found.stdout
    );

    let none = evidence(&dir, &["search", "zzzzqqqq"]);
    none.code(1);
    assert!(none.stderr.is_empty(), "{}", none.stderr);
    let none = evidence(&dir, &["search", "zzzzqqqq", "--json"]);
    none.code(1);
    assert_eq!(none.json()["total"], 0);

    let bad = evidence(&dir, &["search", "buddying", "--report", "nope"]);
    bad.code(2);
    assert!(bad.stdout.is_empty(), "{}", bad.stdout);
    assert!(bad.stderr.contains("nope"), "{}", bad.stderr);
    for r in &corpus().reports {
        assert!(bad.stderr.contains(&r.id), "{} lacks {}", bad.stderr, r.id);
    }
    assert_eq!(bad.stderr.trim().lines().count(), 1, "{}", bad.stderr);

    let bad = evidence(&dir, &["search", "buddying", "--theme", "nope"]);
    bad.code(2);
    for t in &corpus().themes {
        assert!(bad.stderr.contains(&t.id), "{} lacks {}", bad.stderr, t.id);
    }

    // Unknown ids inside the query are notes, not errors: nothing matches.
    let noted = evidence(&dir, &["search", "report:nope", "buddying", "--json"]);
    noted.code(1);
    assert_eq!(noted.json()["total"], 0);
    let notes = noted.json()["notes"].clone();
    assert!(notes.to_string().contains("report:nope"), "{notes}");

    for out in [&found, &none, &bad, &noted] {
        assert!(!out.stderr.contains("panicked"));
    }
}

#[test]
fn search_with_odd_queries_never_panics() {
    let dir = Dir::new();
    for query in [
        "\"",
        "-",
        "*",
        "OR",
        "report:",
        "((",
        "🙂",
        "a".repeat(5000).as_str(),
        "-buddying",
    ] {
        let out = evidence(&dir, &["search", "--", query]);
        assert!(out.code == 0 || out.code == 1, "{query:?}: {out:?}");
        assert!(!out.stderr.contains("panicked"));
    }
}

#[test]
fn related_via_the_binary() {
    let dir = Dir::new();
    let out = evidence(
        &dir,
        &["related", "buddying-review/7", "--json", "--limit", "10"],
    );
    out.ok();
    let json = out.json();
    assert_eq!(json["id"], "buddying-review/7");
    let related = json["related"].as_array().unwrap();
    assert_eq!(related.len(), 10);
    assert!(related.iter().all(|r| r["id"] != "buddying-review/7"));
    assert_ne!(related[0]["report_id"], "buddying-review");
    let bad = evidence(&dir, &["related", "nope/1"]);
    bad.code(2);
    assert!(bad.stderr.contains("nope/1"), "{}", bad.stderr);
    // A lead-in is not offered on its own.
    let out = evidence(&dir, &["related", "buddying-review/13"]);
    out.ok();
    assert!(
        !out.stdout
            .contains("There are a number of problems credentialing can help solve"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------
// Bugs, kept as tests and ignored until fixed.

/// Inside filters the topic wins: when no passage in the filtered set has
/// the question's most telling words, nothing there is an answer, and the
/// note says so and where they are instead. (The relaxation this replaced
/// dropped `legal` and answered with passages on costs alone.)
#[test]
fn a_question_inside_a_filter_keeps_its_topic() {
    let only = Filters {
        reports: strings(&["buddying-review"]),
        ..Filters::default()
    };
    let got = search("legal costs buddying", &only, 20);
    assert_eq!(got.total, 0, "{:?}", got.notes);
    assert!(got.hits.is_empty());
    // As many outside as the words find alone.
    let outside = search("legal costs", &Filters::default(), 20).total;
    assert!(outside > 0);
    let says = format!(
        "no passage in Buddying Review mentions legal costs ({outside} passage{} outside it do{})",
        if outside == 1 { "" } else { "s" },
        if outside == 1 { "es" } else { "" }
    );
    assert!(
        got.notes.iter().any(|n| n.starts_with(&says)),
        "{says}: {:?}",
        got.notes
    );
    // The facets still say where the topic is.
    let mergers = got
        .facets
        .reports
        .iter()
        .find(|(id, _)| id == "nhs-trust-mergers")
        .map(|(_, n)| *n);
    assert_eq!(mergers, Some(1), "{:?}", got.facets.reports);
    // Without the filter the same words find their answer.
    let all = search("legal costs buddying", &Filters::default(), 20);
    assert!(all.total > 0);
}

/// `related` ranks a pool of `limit * 3 + 1` passages and only then moves other
/// reports' passages first, so with a small limit the pool holds only the
/// passage's own report: `related buddying-review/7 --limit 3` gives
/// buddying-review/8, /5 and /15 although passages from other reports
/// (provider-chains/31, nhs-trust-mergers/3, …) come first with `--limit 10`.
#[test]
fn related_puts_other_reports_first_whatever_the_limit() {
    let id = "buddying-review/7";
    let long: Vec<usize> = INDEX
        .related(id, 20)
        .unwrap()
        .iter()
        .map(|h| h.ord)
        .collect();
    assert_ne!(INDEX.passage(long[0]).unwrap().0.id, "buddying-review");
    for limit in 1..20 {
        let short: Vec<usize> = INDEX
            .related(id, limit)
            .unwrap()
            .iter()
            .map(|h| h.ord)
            .collect();
        let ids: Vec<&str> = short
            .iter()
            .map(|&o| INDEX.passage(o).unwrap().1.id.as_str())
            .collect();
        assert_eq!(short, long[..limit], "limit {limit}: {ids:?}");
    }
}

/// The same passage's related list is the same on every call: equally
/// telling words used to be chosen in a hash map's order, which changes.
#[test]
fn related_is_the_same_on_every_call() {
    for id in ["buddying-review/7", "big-med/3", "provider-chains/12"] {
        let first: Vec<usize> = INDEX
            .related(id, 10)
            .unwrap()
            .iter()
            .map(|h| h.ord)
            .collect();
        for _ in 0..20 {
            let again: Vec<usize> = INDEX
                .related(id, 10)
                .unwrap()
                .iter()
                .map(|h| h.ord)
                .collect();
            assert_eq!(again, first, "{id}");
        }
    }
}

/// `report:` and `theme:` restrict without ranking: alone they list their
/// passages in corpus order, whatever the length of each passage's theme list.
#[test]
fn field_restrictions_do_not_rank() {
    for q in ["theme:leadership", "report:big-med", "year:2012"] {
        let got = search(q, &Filters::default(), 1000);
        assert!(got.total > 1, "{q}");
        let ords: Vec<usize> = got.hits.iter().map(|h| h.ord).collect();
        let mut sorted = ords.clone();
        sorted.sort_unstable();
        assert_eq!(ords, sorted, "{q} is not in corpus order");
        assert!(
            got.hits.iter().all(|h| h.score == got.hits[0].score),
            "{q} ranks"
        );
    }
}

#[test]
fn a_filter_on_a_theme_past_the_sixty_fourth_still_filters_the_hits() {
    let dir = tempfile::tempdir().unwrap();
    let themes: String = (1..=65)
        .map(|i| format!("[[theme]]\nid = \"t{i}\"\nlabel = \"Theme {i}\"\ndescription = \"\"\n\n"))
        .collect();
    std::fs::write(dir.path().join("themes.toml"), themes).unwrap();
    std::fs::write(
        dir.path().join("r.md"),
        "+++\nid = \"r\"\ntitle = \"R\"\n+++\n\n\
         Water under the first theme. <!-- #a t1 -->\n\n\
         Water under the last theme. <!-- #b t65 -->\n",
    )
    .unwrap();
    let source = evidence::corpus::CorpusSource::folder(dir.path()).unwrap();
    let index = Index::in_memory(Arc::new(Corpus::load(&source)), 1, &|_, _| {}).unwrap();
    let ids = |filters: Filters| -> Vec<String> {
        let results = index
            .search(&SearchRequest {
                query: "water".into(),
                filters,
                limit: 10,
            })
            .unwrap();
        results
            .hits
            .iter()
            .map(|h| index.passage(h.ord).unwrap().1.id.clone())
            .collect()
    };
    let only = Filters {
        themes: vec!["t65".into()],
        ..Filters::default()
    };
    assert_eq!(ids(only), ["r/b"]);
    let without = Filters {
        not_themes: vec!["t65".into()],
        ..Filters::default()
    };
    assert_eq!(ids(without), ["r/a"]);
}

/// A report or theme both asked for and left out can match nothing; said
/// so, as an error, rather than answered with a note about the topic.
#[test]
fn a_filter_both_kept_and_left_out_is_an_error() {
    let dir = Dir::new();
    for args in [
        [
            "search",
            "merger",
            "--report",
            "nhs-trust-mergers",
            "--not-report",
            "nhs-trust-mergers",
        ],
        [
            "search",
            "merger",
            "--theme",
            "mergers",
            "--not-theme",
            "mergers",
        ],
    ] {
        let out = evidence(&dir, &args);
        out.code(2);
        assert!(out.stderr.contains("both asked for"), "{}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

/// The filter flags take ids whatever their case, as `report:` and
/// `theme:` in a query do.
#[test]
fn filter_flags_take_ids_in_any_case() {
    let lower = search(
        "buddying",
        &Filters {
            reports: strings(&["buddying-review"]),
            themes: strings(&["buddying"]),
            ..Filters::default()
        },
        100,
    );
    let upper = search(
        "buddying",
        &Filters {
            reports: strings(&["Buddying-Review"]),
            themes: strings(&["BUDDYING"]),
            ..Filters::default()
        },
        100,
    );
    assert!(lower.total > 0);
    assert_eq!(lower.total, upper.total);
    let dir = Dir::new();
    let out = evidence(&dir, &["kwic", "buddying", "--report", "BUDDYING-REVIEW"]);
    out.ok();
    assert!(out.stdout.contains("buddying-review/"), "{}", out.stdout);
}

/// `NOT` and `AND` in capitals are the Boolean words a librarian types,
/// and a keyword query's small words (`the merger`) join, they do not
/// restrict: both find what the query means, and the note says what was
/// left out.
#[test]
fn boolean_words_and_small_words_mean_what_they_say() {
    let ids = |r: &SearchResults| -> Vec<usize> { r.hits.iter().map(|h| h.ord).collect() };
    let not = all("merger NOT costs");
    assert_eq!(ids(&not), ids(&all("merger -costs")));
    assert!(not.total < all("merger").total);
    assert_eq!(ids(&all("merger AND costs")), ids(&all("merger costs")));
    let the = all("the merger");
    assert_eq!(ids(&the), ids(&all("merger")));
    assert!(
        the.notes
            .contains(&"common words left out: the".to_string()),
        "{:?}",
        the.notes
    );
    // A preposition joins too: `buddying between trusts` asks for
    // passages on buddying and trusts, not for the word `between`.
    let between = all("buddying between trusts");
    assert_eq!(ids(&between), ids(&all("buddying trusts")));
    assert!(between.total > 1, "{}", between.total);
    // Alone, a small word is what is looked for.
    assert!(all("the").total > all("merger").total);
}

/// An organisation or a year that no report has matches nothing, and the
/// note says so, with what there is: not a silent empty list.
#[test]
fn an_organisation_or_year_no_report_has_is_said() {
    let org = all("org:King");
    assert_eq!(org.total, 0);
    assert!(
        org.notes.iter().any(
            |n| n.starts_with("no report's organisation or author is `King`")
                && n.contains("org:\"Nuffield Trust\"")
        ),
        "{:?}",
        org.notes
    );
    let year = all("year:2015");
    assert_eq!(year.total, 0);
    assert!(
        year.notes
            .iter()
            .any(|n| n.starts_with("no report was published in 2015") && n.contains("2014")),
        "{:?}",
        year.notes
    );
    // A name or year some report has: no such note.
    for q in ["org:kings", "org:FTN", "year:2014", "org:Gawande"] {
        let r = all(q);
        assert!(r.total > 0, "{q}");
        assert!(
            r.notes.iter().all(|n| !n.starts_with("no report")),
            "{q}: {:?}",
            r.notes
        );
    }
}

/// A word the English stemmer would cut to another word's stem keeps its
/// own: `accountability` finds no passage that only says `taken into
/// account`, and `news` is not searched as `new`.
#[test]
fn accountability_is_not_accounts_and_news_is_not_new() {
    let found = all("accountability");
    let ids: Vec<String> = found
        .hits
        .iter()
        .filter_map(|h| INDEX.passage(h.ord).map(|(_, p)| p.id.clone()))
        .collect();
    assert!(
        ids.contains(&"seizing-the-opportunity/2".to_string()),
        "{ids:?}"
    );
    assert!(!ids.contains(&"buddying-review/9".to_string()), "{ids:?}");
    let news = all("news");
    assert!(
        news.notes.iter().all(|n| !n.contains("new (for news)")),
        "{:?}",
        news.notes
    );
}
