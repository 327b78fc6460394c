//! Tests of passage ids kept across re-imports.

use super::*;

fn previous(texts: &[&str]) -> Previous {
    Previous {
        path: PathBuf::from("r.md"),
        bytes: Vec::new(),
        source_hash: None,
        edited: false,
        passages: texts
            .iter()
            .enumerate()
            .map(|(i, t)| ((i + 1).to_string(), (*t).to_string(), Vec::new()))
            .collect(),
        retired: Vec::new(),
        published: None,
        genre: None,
        details: Details::default(),
    }
}

fn strings(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_string()).collect()
}

#[test]
fn a_passage_lengthened_or_cut_keeps_its_id() {
    let before = previous(&[
        "The board agreed the plan.",
        "set realistic savings targets for both trusts;",
        "Costs rose in the first year.",
    ]);
    let now = strings(&[
        "The board agreed the plan.",
        "set realistic savings targets for both trusts of 2-3% a year;",
        "Costs rose in the first year.",
    ]);
    let (ids, _, retired) = assign_ids(&now, Some(&before));
    assert_eq!(ids, ["1", "2", "3"]);
    assert!(retired.is_empty(), "{retired:?}");
    // Cut back again: still the same passage.
    let (ids, _, retired) = assign_ids(
        &strings(&["set realistic savings targets for both trusts"]),
        Some(&before),
    );
    assert_eq!(ids, ["2"]);
    assert_eq!(retired, ["1", "3"]);
}

#[test]
fn a_longer_sentence_inserted_before_a_passage_does_not_take_its_id() {
    let before = previous(&[
        "The plan.",
        "Trusts should set realistic savings targets for next year.",
    ]);
    let now = strings(&[
        "The plan.",
        "Last year's plan said that trusts should set realistic savings targets for next year and report on them.",
        "Trusts should set realistic saving targets for next year.",
    ]);
    let (ids, _, retired) = assign_ids(&now, Some(&before));
    assert_eq!(ids, ["1", "3", "2"]);
    assert!(retired.is_empty(), "{retired:?}");
}

#[test]
fn a_short_passage_inside_a_long_new_one_is_not_the_same() {
    let before = previous(&["Costs rose.", "The board met in March and agreed it."]);
    let now = strings(&[
        "Costs rose, staff left, and the board met in March, May, June, July and September to agree a new plan for both sites.",
    ]);
    let (ids, _, retired) = assign_ids(&now, Some(&before));
    assert_eq!(ids, ["3"]);
    assert_eq!(retired, ["1", "2"]);
}
