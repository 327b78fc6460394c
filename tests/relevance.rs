//! Relevance over the bundled Dalton corpus: a table of queries a researcher
//! would type, each with the report (or passage) that should come first or at
//! least within the top three. The table covers plain words, stemmed forms,
//! phrases, exclusions, the `report:`, `theme:`, `org:` and `year:` fields,
//! prefixes, misspellings, apostrophes, hyphenated words and question-style
//! queries that only match once the search drops some of their words. Where a
//! case says so, every hit must also satisfy a restriction the query implies
//! (all from one report, none containing an excluded word, …) and a note must
//! explain what the search did. Cases that fail because of a search bug are kept,
//! unweakened, in ignored tests at the end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use evidence::corpus::{Corpus, Passage, Report};
use evidence::search::{Index, SearchRequest, SearchResults};
use std::sync::{Arc, LazyLock};

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    Index::in_memory(Arc::new(Corpus::bundled()), 2, &|_, _| {}).expect("build the index")
});

/// How high the expected result must rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    First,
    Top3,
}

/// A condition every hit of a case must meet.
type Check = fn(&Report, &Passage) -> bool;

/// One relevance expectation.
struct Case {
    query: &'static str,
    /// A report id, or a passage id (`report/local`) for a specific passage.
    expect: &'static str,
    rank: Rank,
    /// Some note must start with this.
    note: Option<&'static str>,
    /// Every hit must satisfy this.
    all_hits: Option<(&'static str, Check)>,
}

const fn case(query: &'static str, expect: &'static str, rank: Rank) -> Case {
    Case {
        query,
        expect,
        rank,
        note: None,
        all_hits: None,
    }
}

const fn noted(query: &'static str, expect: &'static str, rank: Rank, note: &'static str) -> Case {
    Case {
        query,
        expect,
        rank,
        note: Some(note),
        all_hits: None,
    }
}

const fn restricted(
    query: &'static str,
    expect: &'static str,
    rank: Rank,
    what: &'static str,
    check: Check,
) -> Case {
    Case {
        query,
        expect,
        rank,
        note: None,
        all_hits: Some((what, check)),
    }
}

fn text_has(p: &Passage, needle: &str) -> bool {
    p.text.to_lowercase().contains(needle)
}

fn is_kings_fund(r: &Report) -> bool {
    r.organisation
        .as_deref()
        .is_some_and(|o| o.replace('’', "'").contains("King's Fund"))
}

use Rank::{First, Top3};

const CASES: &[Case] = &[
    // Plain words.
    case("buddying", "buddying-review", First),
    case("mergers", "nhs-trust-mergers", First),
    case("leadership", "collective-leadership", First),
    case("kitemark", "credentialing-providers", First),
    case("EBITDA", "facing-the-future/1", First),
    case("Alzira", "seizing-the-opportunity", First),
    case("Milburn", "seizing-the-opportunity", First),
    case("CQC", "state-of-care-2013-14", First),
    // A passage quoting the Nuffield Trust's chief executive names it, so it
    // comes before the Nuffield Trust's own report, whose passages do not.
    case("Nuffield", "provider-chains", Top3),
    case("followership", "provider-chains/19", First),
    case("decommissioned", "big-med/12", First),
    case("mortality", "developing-cultures/5", Top3),
    case("mutuals", "engaging-staff", Top3),
    case("knee implants", "big-med", First),
    case("hierarchical bureaucracy", "cheesecake-factory", First),
    case("legal costs", "nhs-trust-mergers/6", First),
    case("cultural fit", "buddying-review/6", First),
    case("real teams", "developing-cultures/5", First),
    case("payday loans", "nhs-trust-mergers/14", First),
    case("Francis Inquiry", "state-of-care-2013-14/15", First),
    case(
        "video conferencing",
        "future-organisational-models/12",
        First,
    ),
    case("earned autonomy", "future-organisational-models/1", First),
    case("staff engagement", "engaging-staff", First),
    case("collective leadership", "collective-leadership", First),
    case("Care Quality Commission", "state-of-care-2013-14", First),
    case("Cheesecake Factory", "cheesecake-factory", First),
    case("£300million", "facing-the-future/2", First),
    case("A&E sites", "facing-the-future/8", First),
    case("24/7", "facing-the-future/11", First),
    // Stemmed forms.
    case("merging", "nhs-trust-mergers", First),
    case("consolidating", "changing-hospital-landscape", First),
    case("franchising", "credentialing-providers", First),
    case("acquisitions", "credentialing-providers/14", Top3),
    case("competitors", "buddying-review/12", Top3),
    case("standardised", "big-med/4", Top3),
    // Phrases.
    case("\"due diligence\"", "provider-chains/30", First),
    restricted(
        "\"special measures\"",
        "buddying-review",
        First,
        "contains \"special measures\"",
        |_, p| text_has(p, "special measures"),
    ),
    case("special measures", "buddying-review", First),
    case(
        "\"economies of scale\"",
        "changing-hospital-landscape",
        First,
    ),
    case("\"Bournemouth and Poole\"", "nhs-trust-mergers", First),
    case("\"Cheesecake Factory\"", "cheesecake-factory", First),
    // Exclusion.
    restricted(
        "buddying -special",
        "buddying-review",
        First,
        "does not contain \"special\"",
        |_, p| !text_has(p, "special"),
    ),
    restricted(
        "governance -chains",
        "changing-hospital-landscape/17",
        Top3,
        "does not contain \"chain\"",
        |_, p| !text_has(p, "chain"),
    ),
    // Fields.
    restricted(
        "report:big-med standardisation",
        "big-med/4",
        First,
        "is from big-med",
        |r, _| r.id == "big-med",
    ),
    // A field alone does not rank: its passages come in corpus order, and the
    // first passage with the leadership theme is in the Buddying Review.
    restricted(
        "theme:leadership",
        "buddying-review",
        First,
        "has the leadership theme",
        |_, p| p.themes.iter().any(|t| t == "leadership"),
    ),
    restricted(
        "theme:leadership collective",
        "collective-leadership",
        First,
        "has the leadership theme",
        |_, p| p.themes.iter().any(|t| t == "leadership"),
    ),
    restricted(
        "org:\"King's Fund\"",
        "credentialing-providers",
        Top3,
        "is by the King's Fund",
        |r, _| is_kings_fund(r),
    ),
    restricted(
        "org:\"King's Fund\" engagement",
        "engaging-staff",
        First,
        "is by the King's Fund",
        |r, _| is_kings_fund(r),
    ),
    restricted(
        "year:2012",
        "big-med",
        Top3,
        "was published in 2012",
        |r, _| {
            r.published
                .as_deref()
                .is_some_and(|d| d.starts_with("2012"))
        },
    ),
    restricted(
        "year:2012 hierarchical",
        "cheesecake-factory",
        First,
        "was published in 2012",
        |r, _| {
            r.published
                .as_deref()
                .is_some_and(|d| d.starts_with("2012"))
        },
    ),
    restricted(
        "report:cheesecake-factory OR report:big-med hierarchical",
        "cheesecake-factory",
        First,
        "is from either report",
        |r, _| r.id == "cheesecake-factory" || r.id == "big-med",
    ),
    // Prefixes.
    case("credential*", "credentialing-providers", First),
    case("franchis*", "credentialing-providers", First),
    // Misspelt words.
    noted(
        "bournmouth",
        "nhs-trust-mergers",
        First,
        "also matched: bournemouth",
    ),
    noted(
        "credentaling",
        "credentialing-providers",
        First,
        "also matched: credentialing",
    ),
    noted(
        "cheescake",
        "cheesecake-factory",
        First,
        "also matched: cheesecake",
    ),
    // A US spelling is no typo: WordNet gives its British form.
    noted(
        "organizational culture",
        "developing-cultures/3",
        First,
        "also searched: organisational",
    ),
    // Apostrophes.
    restricted(
        "King’s",
        "credentialing-providers",
        Top3,
        "is by the King's Fund",
        |r, _| is_kings_fund(r),
    ),
    restricted(
        "kings",
        "credentialing-providers",
        Top3,
        "is by the King's Fund",
        |r, _| is_kings_fund(r),
    ),
    restricted(
        "\"King’s Fund\"",
        "credentialing-providers",
        Top3,
        "is by the King's Fund",
        |r, _| is_kings_fund(r),
    ),
    case("womens", "big-med/4", First),
    // Hyphenated words.
    case("tele-ICU", "big-med", First),
    case("tele icu", "big-med", First),
    case("well-led", "state-of-care-2013-14/11", First),
    case("two-thirds", "nhs-trust-mergers/4", First),
    // Questions: read as such (they start with a question word), ranked by
    // how many of their telling words a passage has.
    noted(
        "what did the review find about buddying costs",
        "buddying-review",
        First,
        "read as a question",
    ),
    noted(
        "why do most mergers fail",
        "nhs-trust-mergers",
        First,
        "read as a question",
    ),
    noted(
        "what are the risks of mergers",
        "nhs-trust-mergers",
        First,
        "read as a question",
    ),
    noted(
        "does size affect financial performance of smaller hospitals",
        "facing-the-future",
        First,
        "read as a question",
    ),
    noted(
        "what is buddying",
        "buddying-review",
        First,
        "read as a question",
    ),
    // Keywords that no passage has together are asked as a question.
    noted(
        "buddying distance costs",
        "buddying-review",
        First,
        "no passage has all 3 words",
    ),
];

fn describe(results: &SearchResults) -> String {
    let hits: Vec<String> = results
        .hits
        .iter()
        .take(5)
        .map(|h| {
            let (_, p) = INDEX.passage(h.ord).unwrap();
            format!("{} ({:.2})", p.id, h.score)
        })
        .collect();
    format!(
        "total {}, top: [{}], notes: {:?}",
        results.total,
        hits.join(", "),
        results.notes
    )
}

/// Checks one case, returning what went wrong.
fn check(c: &Case) -> Result<(), String> {
    let results = INDEX
        .search(&SearchRequest::new(c.query))
        .map_err(|e| format!("{:?}: error {e}", c.query))?;
    let fail = |why: String| Err(format!("{:?}: {why}; {}", c.query, describe(&results)));
    let within = match c.rank {
        First => 1,
        Top3 => 3,
    };
    let matches = |ord: usize| {
        let (r, p) = INDEX.passage(ord).unwrap();
        if c.expect.contains('/') {
            p.id == c.expect
        } else {
            r.id == c.expect
        }
    };
    if !results.hits.iter().take(within).any(|h| matches(h.ord)) {
        return fail(format!("expected {} within the top {within}", c.expect));
    }
    if let Some(prefix) = c.note
        && !results.notes.iter().any(|n| n.starts_with(prefix))
    {
        return fail(format!("expected a note starting {prefix:?}"));
    }
    if let Some((what, ok)) = c.all_hits {
        let all = INDEX
            .search(&SearchRequest {
                limit: 1000,
                ..SearchRequest::new(c.query)
            })
            .unwrap();
        for h in &all.hits {
            let (r, p) = INDEX.passage(h.ord).unwrap();
            if !ok(r, p) {
                return fail(format!("hit {} should be one that {what}", p.id));
            }
        }
    }
    Ok(())
}

fn check_all(cases: &[Case]) {
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} relevance cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_is_large_and_names_real_reports_and_passages() {
    assert!(CASES.len() >= 25, "only {} cases", CASES.len());
    let corpus = INDEX.corpus();
    for c in CASES {
        let known = if c.expect.contains('/') {
            corpus.passage(c.expect).is_some()
        } else {
            corpus.report(c.expect).is_some()
        };
        assert!(known, "{:?} expects unknown id {}", c.query, c.expect);
    }
}

#[test]
fn researchers_queries_find_the_expected_reports() {
    check_all(CASES);
}

#[test]
fn the_checker_itself_can_fail() {
    let wrong = [
        case("buddying", "big-med", Top3),
        noted("buddying", "buddying-review", First, "read as a question"),
        restricted("mergers", "nhs-trust-mergers", First, "never", |_, _| false),
    ];
    for c in &wrong {
        assert!(check(c).is_err(), "{:?} should fail", c.query);
    }
}

#[test]
fn a_question_leaves_out_its_common_words_and_says_which() {
    let results = INDEX
        .search(&SearchRequest::new(
            "what did the review find about buddying costs",
        ))
        .unwrap();
    assert!(results.total > 0);
    for h in results.hits.iter().take(3) {
        let (r, _) = INDEX.passage(h.ord).unwrap();
        assert_eq!(r.id, "buddying-review", "{}", describe(&results));
    }
    let note = results
        .notes
        .iter()
        .find(|n| n.starts_with("read as a question"))
        .unwrap_or_else(|| panic!("no note on the question: {:?}", results.notes));
    let left_out = note.split("common words left out:").nth(1).unwrap();
    for common in ["what", "did", "the", "find", "about"] {
        assert!(left_out.contains(common), "{note}");
    }
    for word in ["buddying", "costs"] {
        assert!(!left_out.contains(word), "{word} was left out: {note}");
    }
}

#[test]
fn spelling_variants_of_kings_fund_give_the_same_results() {
    let ords = |q: &str| -> Vec<usize> {
        INDEX
            .search(&SearchRequest {
                limit: 100,
                ..SearchRequest::new(q)
            })
            .unwrap()
            .hits
            .iter()
            .map(|h| h.ord)
            .collect()
    };
    let straight = ords("King's");
    assert!(!straight.is_empty());
    assert_eq!(ords("King’s"), straight);
    assert_eq!(ords("kings"), straight);
    assert_eq!(ords("KINGS"), straight);
}

// ---------------------------------------------------------------------------
// Cases that fail because of search bugs; kept as they are, and ignored so the
// suite stays green until the bugs are fixed.

/// Author names are indexed only in the `org` field, so a plain word that is an
/// author's name matches nothing (or something unrelated).
const AUTHOR_CASES: &[Case] = &[
    case("Gawande", "big-med", First),
    case("Denning", "cheesecake-factory", First),
    case("Michael West", "developing-cultures", Top3),
];

/// A word in a report's title or organisation lifts the report's passages
/// that use it, but it finds a whole report only when the reports' text
/// rarely uses the word (a name): `trusts` does not list every passage of
/// the Nuffield *Trust*'s report, nor `opportunity` every passage of
/// *Seizing the opportunity*; `Nuffield` lists the passage that names the
/// Nuffield Trust, then the rest of its report.
#[test]
fn a_report_level_word_finds_a_whole_report_only_when_its_text_rarely_has_it() {
    let uses = |query: &str| -> (Vec<bool>, SearchResults) {
        let results = INDEX
            .search(&SearchRequest {
                limit: 200,
                ..SearchRequest::new(query)
            })
            .unwrap();
        // A passage uses the words in its text (marked), or in its section:
        // items under a lead-in (“Monitor … should:”) carry it there.
        let uses = results
            .hits
            .iter()
            .map(|h| {
                let section = INDEX
                    .passage(h.ord)
                    .unwrap()
                    .1
                    .section
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase();
                let bare = |w: &str| {
                    w.trim_start_matches('=')
                        .trim_end_matches(['s', '*'])
                        .to_lowercase()
                };
                !h.highlights.is_empty()
                    || query.split_whitespace().all(|w| section.contains(&bare(w)))
            })
            .collect();
        (uses, results)
    };
    for query in [
        "opportunity",
        "monitor",
        "foundation trust",
        "cheesecake",
        "trusts",
        // The exact word and a prefix by the same rule.
        "=mergers",
        "merger*",
        "cheesecake*",
        "=cheesecake",
    ] {
        let (uses, results) = uses(query);
        assert!(
            !uses.is_empty() && uses.iter().all(|&u| u),
            "{query:?}: every hit uses the words: {}",
            describe(&results)
        );
    }
    for (query, report) in [
        ("nuffield", "provider-chains"),
        ("nuff*", "provider-chains"),
        ("Gawande", "big-med"),
        ("=Gawande", "big-med"),
        ("landscape", "changing-hospital-landscape"),
    ] {
        let (uses, results) = uses(query);
        let first_without = uses.iter().position(|&u| !u);
        assert!(
            first_without.is_some_and(|i| uses[i..].iter().all(|&u| !u)),
            "{query:?}: hits using the word (T) come before the rest (-): {}; {}",
            uses.iter()
                .map(|&u| if u { 'T' } else { '-' })
                .collect::<String>(),
            describe(&results)
        );
        let whole = INDEX.corpus().report(report).unwrap().passages.count();
        let of_report = results
            .hits
            .iter()
            .filter(|h| INDEX.report_of(h.ord).is_some_and(|r| r.id == report))
            .count();
        assert_eq!(of_report, whole, "{query:?} lists all of {report}");
    }
}

#[test]
fn authors_names_find_their_reports() {
    check_all(AUTHOR_CASES);
}

/// The stemmer reduces `standardization` to `standard` but `standardisation`
/// to `standardis`, so the US spelling misses every passage on standardisation
/// and finds passages about "standards" instead.
#[test]
fn us_spelling_standardization_finds_standardisation() {
    check_all(&[case("standardization", "big-med/4", Top3)]);
    let results = INDEX
        .search(&SearchRequest::new("standardization"))
        .unwrap();
    for h in results.hits.iter().take(3) {
        let (_, p) = INDEX.passage(h.ord).unwrap();
        assert!(
            text_has(p, "standardis"),
            "{} does not mention standardisation; {}",
            p.id,
            describe(&results)
        );
    }
}

/// A `report:` field is a filter: inside it the topic wins, as with
/// `--report` (the relaxation this replaced answered with costs alone).
#[test]
fn a_question_within_one_report_keeps_its_topic() {
    let results = INDEX
        .search(&SearchRequest::new(
            "report:buddying-review legal costs buddying",
        ))
        .unwrap();
    assert_eq!(results.total, 0, "{}", describe(&results));
    assert!(
        results
            .notes
            .iter()
            .any(|n| n.starts_with("no passage in Buddying Review mentions legal costs")),
        "{:?}",
        results.notes
    );
}

/// An organisation's name typed as plain words finds its reports, as its
/// rare word alone does (`nuffield`): the name is read whole, though one of
/// its words (`trust`, `fund`) is common in the text. Its acronym and the
/// name are one organisation both ways.
#[test]
fn an_organisations_name_as_words_finds_all_its_reports() {
    let reports_of = |query: &str| -> std::collections::BTreeSet<String> {
        let results = INDEX
            .search(&SearchRequest {
                limit: 500,
                ..SearchRequest::new(query)
            })
            .unwrap();
        results
            .hits
            .iter()
            .filter_map(|h| INDEX.report_of(h.ord).map(|r| r.id.clone()))
            .collect()
    };
    let by = |org: &str| -> std::collections::BTreeSet<String> {
        INDEX
            .corpus()
            .reports
            .iter()
            .filter(|r| r.organisation.as_deref().is_some_and(|o| o.contains(org)))
            .map(|r| r.id.clone())
            .collect()
    };
    for (query, org) in [
        ("Nuffield Trust", "Nuffield Trust"),
        ("King's Fund", "King’s Fund"),
        ("kings fund", "King’s Fund"),
        ("Care Quality Commission", "Care Quality Commission"),
    ] {
        let want = by(org);
        assert!(!want.is_empty(), "{org}");
        let got = reports_of(query);
        assert!(want.is_subset(&got), "{query:?}: {want:?} in {got:?}");
    }
    // The Foundation Trust Network's reports, under the name or as FTN.
    let ftn: std::collections::BTreeSet<String> = by("Foundation Trust Network")
        .union(&by("FTN"))
        .cloned()
        .collect();
    for query in ["Foundation Trust Network", "FTN"] {
        assert!(ftn.is_subset(&reports_of(query)), "{query:?}: {ftn:?}");
    }
}
