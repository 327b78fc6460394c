//! The concordance (keyword in context) and collocates (#20), through the
//! library on the bundled corpus and on a small made-up one, and through
//! the binary: every form of a word is found, counted against the corpus's
//! own words split independently of the analyzer; a phrase is one unit; a
//! typo finds what its correction finds; a synonym is marked; sorts order
//! by the words around; contexts are cut at word boundaries; the match
//! starts in the same column on every line, by display width; collocates'
//! counts and scores match counts worked out by hand; `kwic --json` and
//! `collocates --json` have a fixed shape, and exit codes are ripgrep's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::corpus::Corpus;
use evidence::search::kwic::{self, Occurrence, Sort};
use evidence::search::{Filters, Index};
use std::sync::{Arc, LazyLock};
use unicode_width::UnicodeWidthStr;
use util::{Dir, keys, set};

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    Index::in_memory(Arc::new(Corpus::bundled()), 2, &|_, _| {}).expect("build the index")
});

fn only(report: &str) -> Filters {
    Filters {
        reports: vec![report.to_string()],
        ..Filters::default()
    }
}

/// Every occurrence of a query, in report order.
fn all(query: &str, filters: &Filters) -> (kwic::Concordance, Vec<Occurrence>) {
    let c = INDEX
        .concordance(query, filters)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let occs = INDEX.all_occurrences(&c, &mut |_| true).unwrap();
    (c, occs)
}

fn matched(occs: &[Occurrence]) -> Vec<String> {
    occs.iter()
        .map(|o| INDEX.occurrence_context(o, 0).matched.to_lowercase())
        .collect()
}

/// The words of a report's passages that satisfy `pred`, split on anything
/// not a letter (not the analyzer's code), in order.
fn words_in(report: &str, pred: impl Fn(&str) -> bool) -> Vec<String> {
    let r = INDEX.corpus().report(report).unwrap();
    r.passages
        .iter()
        .flat_map(|p| {
            p.text
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .filter(|w| pred(w))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_form_of_a_word_in_the_mergers_digest_is_found() {
    let filters = only("nhs-trust-mergers");
    // The stemmer's forms of `merge`, of `merger`, and every word `merg*`.
    type Form = fn(&str) -> bool;
    let cases: [(&str, Form); 3] = [
        ("merge", |w| {
            matches!(w, "merge" | "merges" | "merged" | "merging")
        }),
        ("merger", |w| matches!(w, "merger" | "mergers")),
        ("merg*", |w| w.starts_with("merg")),
    ];
    for (query, pred) in cases {
        let (_, occs) = all(query, &filters);
        let expected = words_in("nhs-trust-mergers", pred);
        assert!(!expected.is_empty(), "{query}");
        assert_eq!(matched(&occs), expected, "{query}");
    }
    // `merg*` has every form at once: merge, merged, merger, mergers …
    let (_, occs) = all("merg*", &filters);
    let forms: std::collections::BTreeSet<String> = matched(&occs).into_iter().collect();
    for form in ["merge", "merged", "merger", "mergers"] {
        assert!(forms.contains(form), "{form} missing from {forms:?}");
    }
}

#[test]
fn a_typo_finds_what_its_correction_finds() {
    let (c, typo) = all("mergrs", &Filters::default());
    let (_, right) = all("=mergers", &Filters::default());
    assert!(!typo.is_empty());
    assert_eq!(typo, right);
    assert!(
        c.notes.iter().any(|n| n.contains("also matched")),
        "{:?}",
        c.notes
    );
}

#[test]
fn a_word_no_report_uses_is_said_as_a_search_says_it() {
    let (c, occs) = all("zzqqxx", &Filters::default());
    assert!(occs.is_empty());
    assert_eq!(
        c.notes,
        ["no report uses `zzqqxx`, nor a word spelt like it"]
    );
}

#[test]
fn a_phrase_is_one_unit() {
    let (_, occs) = all("\"due diligence\"", &Filters::default());
    let expected: usize = INDEX
        .corpus()
        .passages()
        .map(|(_, p)| {
            let lower = p.text.to_lowercase();
            let flat = lower.split_whitespace().collect::<Vec<_>>().join(" ");
            flat.matches("due diligence").count()
        })
        .sum();
    assert!(expected > 0);
    assert_eq!(occs.len(), expected);
    assert!(matched(&occs).iter().all(|m| m == "due diligence"));
}

#[test]
fn a_synonym_the_query_was_expanded_with_is_marked() {
    let (c, occs) = all("red tape", &Filters::default());
    assert!(!occs.is_empty());
    let forms = matched(&occs);
    assert!(forms.iter().any(|m| m == "bureaucracy"), "{forms:?}");
    for o in &occs {
        assert_eq!(c.synonym_of(o), Some("red tape"));
    }
    // The query's own word is not marked.
    let (c, occs) = all("buddying", &Filters::default());
    assert!(occs.iter().all(|o| c.synonym_of(o).is_none()));
}

#[test]
fn filters_apply_and_totals_count_passages_and_reports() {
    let (_, everywhere) = all("merger", &Filters::default());
    let (_, inside) = all("merger", &only("nhs-trust-mergers"));
    assert!(everywhere.len() > inside.len());
    assert!(
        inside
            .iter()
            .all(|o| INDEX.report_of(o.ord).unwrap().id == "nhs-trust-mergers")
    );
    let t = INDEX.totals(&inside);
    assert_eq!(t.reports, 1);
    let mut ords: Vec<usize> = inside.iter().map(|o| o.ord).collect();
    ords.dedup();
    assert_eq!(t.passages, ords.len());
    assert_eq!(t.occurrences, inside.len());
}

/// A question is read as `search` reads it: its passages are the search's,
/// and its common words are not looked for.
#[test]
fn a_question_finds_its_telling_words_in_the_passages_search_finds() {
    use evidence::search::SearchRequest;
    for question in [
        "does buddying work?",
        "why do hospital mergers so often fail to save money?",
    ] {
        let (c, occs) = all(question, &Filters::default());
        let found = INDEX
            .search(&SearchRequest {
                limit: 500,
                ..SearchRequest::new(question)
            })
            .unwrap();
        let mut searched: Vec<usize> = found.hits.iter().map(|h| h.ord).collect();
        searched.sort_unstable();
        assert_eq!(c.ords, searched, "{question}");
        assert!(!occs.is_empty(), "{question}: no occurrence");
        for w in matched(&occs) {
            assert!(
                !["does", "do", "why", "so", "to"].contains(&w.as_str()),
                "{question}: {w}"
            );
        }
        assert!(
            c.notes.iter().any(|n| n.starts_with("read as a question")),
            "{:?}",
            c.notes
        );
    }
}

/// A word only in reports' details (the King's Fund is an organisation,
/// not a word of its passages) has no lines: the concordance says where
/// the word is rather than listing nothing in silence.
#[test]
fn a_word_only_in_report_details_says_where_it_is() {
    let (c, occs) = all("King's", &Filters::default());
    assert!(occs.is_empty() && c.ords.is_empty(), "{c:?}");
    let note = c
        .notes
        .iter()
        .find(|n| n.contains("title, organisation"))
        .expect("a note");
    assert!(
        note.contains("3 reports") && note.contains("Engaging staff"),
        "{note}"
    );
    // A word the text uses gets no such note.
    let (c, occs) = all("nuffield", &Filters::default());
    assert!(!occs.is_empty());
    assert!(
        c.notes.iter().all(|n| !n.contains("organisation")),
        "{:?}",
        c.notes
    );
}

#[test]
fn an_empty_query_is_an_error_that_says_what_to_do() {
    for q in ["", "   ", "-merger", "report:nhs-trust-mergers", "\"\""] {
        let e = INDEX.concordance(q, &Filters::default()).unwrap_err();
        assert!(e.to_string().contains("type a word"), "{q}: {e}");
    }
}

/// The words before and after a match, as sorting sees them.
fn side_words(o: &Occurrence) -> (Vec<String>, Vec<String>) {
    let c = INDEX.occurrence_context(o, 200);
    let split = |s: &str| -> Vec<String> {
        evidence::search::analysis::words(s)
            .into_iter()
            .map(|w| w.plain)
            .collect()
    };
    let mut left = split(&c.left);
    left.reverse();
    (left, split(&c.right))
}

#[test]
fn sorts_order_by_the_words_around() {
    let (_, mut occs) = all("merger", &Filters::default());
    assert!(occs.len() > 10);
    let key = |o: &Occurrence, left: bool, k: usize| {
        let (l, r) = side_words(o);
        let side = if left { l } else { r };
        side.get(k).cloned().unwrap_or_default()
    };
    for (sort, left, k) in [
        (Sort::Left, true, 0),
        (Sort::Left2, true, 1),
        (Sort::Right, false, 0),
        (Sort::Right2, false, 1),
    ] {
        INDEX.sort_occurrences(&mut occs, sort);
        let keys: Vec<String> = occs.iter().map(|o| key(o, left, k)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{sort:?}: {keys:?}");
    }
    INDEX.sort_occurrences(&mut occs, Sort::Report);
    assert!(
        occs.windows(2)
            .all(|w| (w[0].ord, w[0].start) < (w[1].ord, w[1].start))
    );
}

#[test]
fn contexts_stay_within_their_width_and_start_and_end_at_words() {
    let (_, occs) = all("merger", &Filters::default());
    for o in &occs {
        let text = &INDEX.passage(o.ord).unwrap().1.text;
        let c = INDEX.occurrence_context(o, 24);
        assert!(c.left.width() <= 24 && c.right.width() <= 24, "{c:?}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Whole words: each context is in the text with a word edge beyond.
        let left = c.left.trim();
        if !left.is_empty() {
            let at = flat.find(left).unwrap_or_else(|| panic!("{left:?}"));
            let before = flat[..at].chars().next_back();
            assert!(
                before.is_none_or(|ch| !ch.is_alphanumeric()),
                "{left:?} starts inside a word"
            );
        }
        let right = c.right.trim();
        if !right.is_empty() {
            let at = flat.find(right).unwrap_or_else(|| panic!("{right:?}"));
            let after = flat[at + right.len()..].chars().next();
            assert!(
                after.is_none_or(|ch| !ch.is_alphanumeric()),
                "{right:?} ends inside a word"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Collocates, on a corpus small enough to count by hand.

fn small() -> Index {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("themes.toml"),
        "[[theme]]\nid = \"t\"\nlabel = \"T\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "+++\nid = \"a\"\ntitle = \"Alpha\"\nkind = \"document\"\nthemes = [\"t\"]\n+++\n\
         Costly mergers fail often.\n\n\
         Hospital mergers cost money and mergers fail.\n\n\
         Nothing here but hospital beds.\n",
    )
    .unwrap();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap()
}

#[test]
fn collocates_are_counted_as_by_hand() {
    let index = small();
    let c = index.concordance("mergers", &Filters::default()).unwrap();
    let occs = index.all_occurrences(&c, &mut |_| true).unwrap();
    assert_eq!(occs.len(), 3);
    // Window 1: "Costly [mergers] fail"; "Hospital [mergers] cost";
    // "and [mergers] fail" ("and" is a stop word). `Costly` and `cost` are
    // one stem, shown by its commonest form (the first, alphabetically, on
    // a tie).
    let found = index.collocates(&occs, 1);
    let row = |w: &str| {
        found
            .iter()
            .find(|c| c.word == w)
            .unwrap_or_else(|| panic!("{w} missing: {found:?}"))
    };
    assert_eq!((row("fail").count, row("fail").passages), (2, 2));
    assert_eq!((row("cost").count, row("cost").passages), (2, 2));
    assert_eq!((row("hospital").count, row("hospital").passages), (1, 1));
    assert!(found.iter().all(|c| c.word != "and"), "stop word kept");
    assert!(
        found.iter().all(|c| c.word != "mergers"),
        "the match itself"
    );
    // `fail`: 2 of the 6 words in the windows, 2 of the corpus's 16 words.
    assert_eq!(row("fail").corpus, 2);
    let g2 = kwic::log_likelihood(2, 6, 2, 16);
    assert!((row("fail").score - g2).abs() < 1e-9);
    // By hand: G² = 2 Σ O ln(O/E) over [[2, 4], [0, 10]], E = [[.75, 5.25], [1.25, 8.75]].
    let by_hand = 2.0
        * (2.0 * (2.0f64 / 0.75).ln() + 4.0 * (4.0f64 / 5.25).ln() + 10.0 * (10.0f64 / 8.75).ln());
    assert!((g2 - by_hand).abs() < 1e-9, "{g2} vs {by_hand}");
    // `hospital` is in the corpus twice but near a match once.
    assert_eq!(row("hospital").corpus, 2);
    // Window 2 reaches `often`, `money` and `cost`.
    let wider = index.collocates(&occs, 2);
    for w in ["often", "money", "cost", "fail"] {
        assert!(wider.iter().any(|c| c.word == w), "{w}: {wider:?}");
    }
}

// ---------------------------------------------------------------------------
// The command line.

fn evidence(args: &[&str]) -> util::Output {
    let dir = Dir::new();
    let mut all = vec!["--index-dir", "idx"];
    all.extend_from_slice(args);
    dir.run(&all)
}

#[test]
fn kwic_json_has_a_fixed_shape() {
    let out = evidence(&["kwic", "merger", "--report", "nhs-trust-mergers", "--json"]);
    out.ok();
    let doc = out.json();
    assert_eq!(
        keys(&doc),
        set(&[
            "query",
            "sort",
            "width",
            "notes",
            "occurrences",
            "passages",
            "reports",
            "lines"
        ])
    );
    assert_eq!(doc["sort"], "report");
    assert_eq!(doc["width"], 40);
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines.len() as u64, doc["occurrences"].as_u64().unwrap());
    assert_eq!(doc["reports"], 1);
    assert_eq!(
        keys(&lines[0]),
        set(&[
            "passage_id",
            "report_id",
            "short_title",
            "left",
            "match",
            "right",
            "start",
            "end",
            "synonym_of"
        ])
    );
    assert_eq!(lines[0]["report_id"], "nhs-trust-mergers");
    assert!(
        lines[0]["match"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .starts_with("merger")
    );
}

#[test]
fn kwic_aligns_the_match_in_one_column() {
    for width in ["12", "30"] {
        let out = evidence(&["kwic", "merger", "--width", width, "--sort", "left"]);
        out.ok();
        let json = evidence(&[
            "kwic", "merger", "--width", width, "--sort", "left", "--json",
        ]);
        let doc = json.json();
        let lines = doc["lines"].as_array().unwrap();
        let text: Vec<&str> = out.stdout.lines().skip(1).collect();
        assert!(
            out.stdout
                .lines()
                .next()
                .unwrap()
                .contains("by the word to the left")
        );
        assert_eq!(text.len(), lines.len());
        let w: usize = width.parse().unwrap();
        let mut title_column = None;
        for (line, j) in text.iter().zip(lines) {
            // The first `w` columns are the left context, right-aligned;
            // the match starts in the next column.
            let mut used = 0;
            let mut at = 0;
            for (i, ch) in line.char_indices() {
                if used == w {
                    at = i;
                    break;
                }
                used += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            }
            assert_eq!(used, w, "{line}");
            assert!(line[..at].ends_with(j["left"].as_str().unwrap()), "{line}");
            assert!(
                line[at..].starts_with(j["match"].as_str().unwrap()),
                "{line}"
            );
            // The titles line up too.
            let id = j["passage_id"].as_str().unwrap();
            let title = j["short_title"].as_str().unwrap();
            let tail = format!("{title} {id}");
            let col = line[..line.find(&tail).unwrap()].width();
            assert_eq!(*title_column.get_or_insert(col), col, "{line}");
        }
    }
}

#[test]
fn kwic_sorts_and_exit_codes() {
    let left = evidence(&["kwic", "merger", "--sort", "right", "--json"]);
    left.ok();
    assert_eq!(left.json()["sort"], "right");
    let nothing = evidence(&["kwic", "qqqzzzyyy"]);
    nothing.code(1);
    let empty = evidence(&["kwic", ""]);
    empty.code(2);
    assert!(
        empty.stderr.contains("a concordance needs words"),
        "{}",
        empty.stderr
    );
    assert_eq!(empty.stderr.lines().count(), 1);
}

#[test]
fn collocates_json_has_a_fixed_shape() {
    let out = evidence(&["collocates", "merger", "--json", "--window", "3"]);
    out.ok();
    let doc = out.json();
    assert_eq!(
        keys(&doc),
        set(&[
            "query",
            "window",
            "score",
            "notes",
            "occurrences",
            "collocates"
        ])
    );
    assert_eq!(doc["window"], 3);
    assert!(doc["score"].as_str().unwrap().contains("log-likelihood"));
    let rows = doc["collocates"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert_eq!(
        keys(&rows[0]),
        set(&["word", "stem", "count", "passages", "corpus", "score"])
    );
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let by_count = evidence(&["collocates", "merger", "--json", "--by-count"]).json();
    let counts: Vec<u64> = by_count["collocates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}
