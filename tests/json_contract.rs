//! The JSON contract: every document the command line prints is one of the
//! library's `evidence::json` types, a passage has one shape wherever it
//! appears, and the README's `search --json` example shows every key the
//! type has.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::json;
use serde_json::Value;
use std::collections::BTreeSet;
use util::{Dir, keys};

/// Every key path in a JSON value (`hits[].citation_details.title`), with
/// the keys of a facet map left out (they are ids, not part of the shape).
fn paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) if at.ends_with("facets.reports") || at.ends_with("facets.themes") => {
            let _ = map;
        }
        Value::Object(map) => {
            for (k, v) in map {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(here.clone());
                paths(v, &here, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn shape(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    paths(v, "", &mut out);
    out
}

/// The JSON block under the README's "`search --json`" heading.
fn readme_search_example() -> String {
    let readme = include_str!("../README.md");
    let section = readme
        .split("### `search --json`")
        .nth(1)
        .expect("the README has a `search --json` section");
    let start = section.find("```json\n").expect("a json block") + "```json\n".len();
    let end = section[start..].find("```").expect("the block ends") + start;
    section[start..end].to_string()
}

#[test]
fn the_readme_search_example_is_the_search_type_with_every_key() {
    let text = readme_search_example();
    let example: json::Search =
        serde_json::from_str(&text).expect("the README's example reads as json::Search");
    // Read back and written again, nothing is lost or added: the README
    // shows every key the type has, and no key the type does not.
    let written = serde_json::to_value(&example).unwrap();
    let shown: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(shape(&written), shape(&shown));
    // And the program prints exactly that shape.
    let dir = Dir::new();
    let out = dir.run(&["search", "buddying costs", "--json"]);
    out.ok();
    let printed = out.json();
    let _: json::Search = serde_json::from_value(printed.clone()).unwrap();
    assert_eq!(shape(&printed), shape(&shown));
}

#[test]
fn a_passage_has_one_shape_in_show_search_related_and_export() {
    let dir = Dir::new();
    let shown = dir.run(&["show", "buddying-review/18", "--json"]);
    shown.ok();
    let passage = shown.json()["passage"].clone();
    let _: json::ShowPassage = serde_json::from_value(shown.json()).unwrap();

    let searched = dir.run(&["search", "cost-effective consultant", "--json"]);
    searched.ok();
    let hit = searched.json()["hits"][0].clone();
    assert_eq!(hit["id"], "buddying-review/18");
    let mut hit_keys = keys(&hit);
    for search_only in ["rank", "score", "highlights"] {
        assert!(hit_keys.remove(search_only));
    }
    assert_eq!(hit_keys, keys(&passage));
    for k in keys(&passage) {
        assert_eq!(hit[k], passage[k], "{k}");
    }

    let related = dir.run(&["related", "buddying-review/17", "--json"]);
    related.ok();
    let doc = related.json();
    let _: json::Related = serde_json::from_value(doc.clone()).unwrap();
    let mut one = keys(&doc["related"][0]);
    assert!(one.remove("score"));
    assert_eq!(one, keys(&passage));

    let exported = dir.run(&["export", "--ids", "buddying-review/18", "--format", "json"]);
    exported.ok();
    let doc = exported.json();
    let _: json::Export = serde_json::from_value(doc.clone()).unwrap();
    let excerpt = &doc["excerpts"][0];
    for k in keys(&passage) {
        // The citation is an object in exports; its string is `citation_text`.
        if k == "citation" {
            assert_eq!(excerpt["citation_text"], passage["citation"]);
            assert_eq!(excerpt["citation"]["text"], passage["citation"]);
        } else if k == "citation_details" {
            assert_eq!(excerpt["citation"], passage["citation_details"]);
        } else {
            assert_eq!(excerpt[k], passage[k], "{k}");
        }
    }
}

#[test]
fn the_listing_documents_read_as_their_types() {
    let dir = Dir::new();
    for (args, check) in [
        (
            &["reports", "--json"][..],
            (|v: Value| serde_json::from_value::<json::Reports>(v).map(drop)) as fn(Value) -> _,
        ),
        (&["themes", "--json"][..], |v| {
            serde_json::from_value::<json::Themes>(v).map(drop)
        }),
        (&["themes", "buddying", "--json"][..], |v| {
            serde_json::from_value::<json::ThemeEntryJson>(v).map(drop)
        }),
        (&["show", "big-med", "--json"][..], |v| {
            serde_json::from_value::<json::ShowReport>(v).map(drop)
        }),
        (&["check", "--json"][..], |v| {
            serde_json::from_value::<json::Check>(v).map(drop)
        }),
        (&["index", "--json"][..], |v| {
            serde_json::from_value::<json::IndexJson>(v).map(drop)
        }),
    ] {
        let out = dir.run(args);
        out.ok();
        check(out.json()).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
}

/// `compare --json` is the library's `Comparison`, its reports in the order
/// given, each passage in the shape `show` gives it.
#[test]
fn compare_json_gives_reports_in_order_with_passages_as_show_does() {
    let dir = Dir::new();
    let out = dir.run(&["compare", "provider-chains", "Buddying_Review", "--json"]);
    out.ok();
    let doc: json::Comparison = serde_json::from_value(out.json()).unwrap();
    assert_eq!(doc.theme, None);
    let ids: Vec<&str> = doc.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["provider-chains", "buddying-review"]);
    // The Buddying Review names its key section; Provider chains none.
    assert_eq!(doc.reports[1].compared_by, "key messages");
    assert!(
        doc.reports[1]
            .passages
            .iter()
            .all(|p| p.passage.section.as_deref() == Some("Key messages"))
    );
    assert_eq!(doc.reports[0].compared_by, "all passages");
    let first = &out.json()["reports"][1]["passages"][0];
    let id = first["id"].as_str().unwrap().to_string();
    let shown = dir.run(&["show", &id, "--json"]);
    assert_eq!(&shown.json()["passage"], first);
    // A report named twice is one column.
    let out = dir.run(&["compare", "big-med,Big_Med", "buddying-review", "--json"]);
    let doc: json::Comparison = serde_json::from_value(out.json()).unwrap();
    let ids: Vec<&str> = doc.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["big-med", "buddying-review"]);
    // A theme across every report that has it: each passage has it.
    let out = dir.run(&["compare", "--theme", "mergers", "--json"]);
    out.ok();
    let doc: json::Comparison = serde_json::from_value(out.json()).unwrap();
    assert!(doc.reports.len() > 2);
    for r in &doc.reports {
        assert_eq!(r.compared_by, "theme");
        assert!(
            r.passages
                .iter()
                .all(|p| p.passage.themes.iter().any(|t| t == "mergers"))
        );
    }
}
