//! The coding frame as a user meets it: the two independent codings and
//! their agreement (recomputed here from the committed files, so the figures
//! the corpus README quotes cannot drift from the data), the resolved coding
//! the markers carry, ids that were retired, lead-ins and footnotes, the
//! alias of a theme that was split, and the checks `evidence check` makes of
//! a codebook.

mod util;

use evidence::corpus::{Corpus, Role};
use evidence::search::{Filters, Index, SearchRequest};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};
use util::Dir;

static INDEX: LazyLock<Index> =
    LazyLock::new(|| Index::in_memory(Arc::new(Corpus::bundled()), 1, &|_, _| {}).unwrap());

fn coding_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/coding")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A coding file: passage id → its themes, in the order given.
fn coding(name: &str) -> BTreeMap<String, Vec<String>> {
    coding_file(name)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut cols = line.split('\t');
            let id = cols.next().unwrap().to_string();
            let themes = cols
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            (id, themes)
        })
        .collect()
}

/// The theme ids of the codebook the coders applied.
fn first_codebook_themes() -> Vec<String> {
    let book: toml::Value = toml::from_str(&coding_file("codebook-first.toml")).unwrap();
    book["theme"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

/// Cohen's kappa of a 2×2 table: both yes, a only, b only, both no.
fn kappa(both: f64, a_only: f64, b_only: f64, neither: f64) -> f64 {
    let n = both + a_only + b_only + neither;
    let observed = (both + neither) / n;
    let a_yes = (both + a_only) / n;
    let b_yes = (both + b_only) / n;
    let expected = a_yes * b_yes + (1.0 - a_yes) * (1.0 - b_yes);
    (observed - expected) / (1.0 - expected)
}

#[test]
fn two_coders_agreed_as_the_corpus_readme_says() {
    let a = coding("coder-a.tsv");
    let b = coding("coder-b.tsv");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "both coders coded the same passages"
    );
    let themes = first_codebook_themes();
    assert_eq!(themes.len(), 18);
    let (mut both, mut a_only, mut b_only, mut neither) = (0.0, 0.0, 0.0, 0.0);
    let mut kappas = Vec::new();
    for t in &themes {
        let mut cell = [0.0f64; 4];
        for (id, a_themes) in &a {
            let x = a_themes.contains(t);
            let y = b[id].contains(t);
            cell[match (x, y) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            }] += 1.0;
        }
        both += cell[0];
        a_only += cell[1];
        b_only += cell[2];
        neither += cell[3];
        kappas.push(kappa(cell[0], cell[1], cell[2], cell[3]));
    }
    let pooled = kappa(both, a_only, b_only, neither);
    let mean = kappas.iter().sum::<f64>() / kappas.len() as f64;
    let identical = a
        .iter()
        .filter(|(id, t)| {
            t.iter().collect::<BTreeSet<_>>() == b[id.as_str()].iter().collect::<BTreeSet<_>>()
        })
        .count();
    let quoted = (
        format!("{pooled:.3}"),
        format!("{mean:.3}"),
        format!("{identical} of {}", a.len()),
    );
    assert_eq!(
        quoted,
        (
            "0.976".to_string(),
            "0.973".to_string(),
            "203 of 218".to_string()
        )
    );
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/README.md"))
            .unwrap();
    for figure in [&quoted.0, &quoted.1, &quoted.2] {
        assert!(
            readme.contains(figure.as_str()),
            "the corpus README quotes {figure}"
        );
    }
}

#[test]
fn the_markers_carry_the_resolved_coding() {
    let corpus = Corpus::bundled();
    let resolved = coding("resolved.tsv");
    let mut checked = 0;
    for (id, themes) in &resolved {
        match corpus.passage(id) {
            Some((_, p)) => {
                assert_eq!(&p.themes, themes, "{id}");
                checked += 1;
            }
            None => assert!(
                corpus.retired(id).is_some(),
                "{id} is neither a passage nor retired"
            ),
        }
    }
    assert_eq!(checked, corpus.passage_count(), "every passage was coded");
}

#[test]
fn a_retired_id_says_where_its_text_went_and_fails() {
    let dir = Dir::new();
    let gone = "state-of-care-2013-14/19";
    let out = dir.run(&["show", gone]);
    out.code(1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("was retired on 2026-12-05"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("state-of-care-2013-14/20 to /24"),
        "{}",
        out.stderr
    );
    // A script is told the same, in JSON on stdout.
    let out = dir.run(&["show", gone, "--json"]);
    out.code(1);
    let shown: evidence::json::ShowRetired = serde_json::from_value(out.json()).unwrap();
    assert_eq!(shown.retired.id, gone);
    assert_eq!(shown.retired.date.as_deref(), Some("2026-12-05"));
    assert!(
        shown
            .retired
            .now
            .contains("state-of-care-2013-14/20 to /24")
    );
    assert!(
        out.stderr.contains(&shown.retired.message),
        "{}",
        out.stderr
    );
    let out = dir.run(&[
        "export",
        "--ids",
        &format!("big-med/3,{gone}"),
        "--out",
        "out.md",
    ]);
    out.code(1);
    assert!(out.stderr.contains("was retired"), "{}", out.stderr);
    assert!(!dir.join("out.md").exists(), "no half export");
    // A never-published id is a plain unknown id, not a retired one.
    let out = dir.run(&["show", "state-of-care-2013-14/99"]);
    assert!(out.code != 0);
    assert!(!out.stderr.contains("retired"), "{}", out.stderr);
}

#[test]
fn check_refuses_a_passage_that_reuses_a_retired_id() {
    let dir = Dir::new();
    dir.run(&["init", "corpus"]).ok();
    let path = dir.join("corpus/05-state-of-care-2013-14.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\nA new recommendation. <!-- #19 regulation -->\n"),
    )
    .unwrap();
    let out = dir.run(&["--corpus", "corpus", "check"]);
    assert_ne!(out.code, 0);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains(
            "`state-of-care-2013-14/19` was retired on 2026-12-05 and may not be used again"
        ),
        "{all}"
    );
}

#[test]
fn items_under_a_lead_in_cite_whom_it_addresses() {
    let corpus = Corpus::bundled();
    let (_, p) = corpus.passage("state-of-care-2013-14/21").unwrap();
    assert_eq!(p.text, "Use CQC judgements fully");
    let section = p.section.as_deref().unwrap();
    assert!(
        section.starts_with("NHS England, Clinical Commissioning Groups, Monitor"),
        "{section}"
    );
    // The lead-in is no passage of its own.
    assert!(!corpus.passages().any(|(_, p)| {
        p.text
            .starts_with("NHS England, Clinical Commissioning Groups")
    }),);
    // The search finds an item by whom its lead-in addresses.
    let results = INDEX
        .search(&SearchRequest {
            limit: 100,
            ..SearchRequest::new("\"Trust Development Authority\" judgements")
        })
        .unwrap();
    let ids: Vec<&str> = results
        .hits
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.as_str())
        .collect();
    assert_eq!(ids, ["state-of-care-2013-14/21"]);
    // A lead-in kept as a passage (it says something itself) is flagged so.
    let (_, lead) = corpus.passage("credentialing-providers/2").unwrap();
    assert_eq!(lead.role, Role::LeadIn);
}

#[test]
fn a_footnote_has_no_theme_and_follows_what_it_explains() {
    let corpus = Corpus::bundled();
    let ids: Vec<&str> = corpus
        .report("seizing-the-opportunity")
        .unwrap()
        .passages
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let at = ids
        .iter()
        .position(|&i| i == "seizing-the-opportunity/17")
        .unwrap();
    assert_eq!(ids[at - 1], "seizing-the-opportunity/15");
    let (_, p) = corpus.passage("seizing-the-opportunity/17").unwrap();
    assert_eq!(p.role, Role::Footnote);
    assert!(p.themes.is_empty());
    // And the bundled corpus checks clean: a footnote needs no theme.
    let dir = Dir::new();
    dir.run(&["check"]).ok();
}

#[test]
fn a_split_theme_still_finds_its_passages_with_a_note() {
    let old = INDEX
        .search(&SearchRequest {
            limit: 1000,
            ..SearchRequest::new("theme:quality-regulation")
        })
        .unwrap();
    let note = old
        .notes
        .iter()
        .find(|n| n.contains("quality-regulation"))
        .unwrap_or_else(|| panic!("a note on the old id: {:?}", old.notes));
    assert!(
        note.contains("quality-improvement") && note.contains("regulation"),
        "{note}"
    );
    let corpus = INDEX.corpus();
    let expected: BTreeSet<&str> = corpus
        .passages()
        .filter(|(_, p)| {
            p.themes
                .iter()
                .any(|t| t == "quality-improvement" || t == "regulation")
        })
        .map(|(_, p)| p.id.as_str())
        .collect();
    let got: BTreeSet<&str> = old
        .hits
        .iter()
        .map(|h| INDEX.passage(h.ord).unwrap().1.id.as_str())
        .collect();
    assert_eq!(got, expected);
    // As a filter too.
    let filtered = INDEX
        .search(&SearchRequest {
            limit: 1000,
            filters: Filters {
                themes: vec!["quality-regulation".to_string()],
                ..Filters::default()
            },
            ..SearchRequest::new("")
        })
        .unwrap();
    assert_eq!(filtered.total, expected.len());
    // And on the command line.
    let dir = Dir::new();
    let out = dir.run(&["search", "--theme", "quality-regulation", "staff"]);
    out.ok();
    assert!(
        out.stdout.starts_with("note: ") && out.stdout.contains("quality-regulation"),
        "{}",
        out.stdout
    );
}

#[test]
fn citations_carry_a_subtitle_and_et_al() {
    let dir = Dir::new();
    let out = dir.run(&["show", "collective-leadership/1"]);
    out.ok();
    assert!(
        out.stdout.contains("cite: Michael West et al., "),
        "{}",
        out.stdout
    );
    let out = dir.run(&["show", "provider-chains/3", "--json"]);
    out.ok();
    let json = out.json();
    let details = &json["passage"]["citation_details"];
    assert_eq!(
        details["subtitle"],
        "A report for the Dalton review into new options for providers of NHS care"
    );
    assert!(
        json["passage"]["citation"].as_str().unwrap().contains(
            "Provider chains: lessons from other sectors: A report for the Dalton review"
        )
    );
}

#[test]
fn check_reports_a_theme_no_passage_carries_and_a_bad_example() {
    let dir = Dir::new();
    dir.create(
        "c/themes.toml",
        "[[theme]]\nid = \"mergers\"\nlabel = \"Mergers\"\ndefinition = \"Merging.\"\nexamples = [\"only/1\", \"only/9\"]\n\n\
         [[theme]]\nid = \"unused\"\nlabel = \"Unused\"\ndefinition = \"Nothing has it.\"\n\n\
         [[theme]]\nid = \"vague\"\nlabel = \"Vague\"\n",
    );
    dir.create(
        "c/only.md",
        "+++\nid = \"only\"\ntitle = \"The only report\"\n+++\nA passage about mergers. <!-- #1 mergers -->\n",
    );
    let out = dir.run(&["--corpus", "c", "check"]);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("theme `unused` is on no passage"), "{all}");
    assert!(
        all.contains("theme `vague` has no definition in the codebook"),
        "{all}"
    );
    assert!(
        all.contains("example `only/9` of theme `mergers` is no passage: take it out of the theme's `examples`, or name another"),
        "{all}"
    );
    // The same corpus still loads and searches: these are a curator's
    // checks, not errors that stop a reader.
    dir.run(&["--corpus", "c", "search", "mergers"]).ok();
}

/// `themes ID` gives a theme's whole codebook entry, as a second coder
/// reads it while coding, from a corpus of one's own as from the bundled
/// one; a retired id names its successors, a slip the theme meant.
#[test]
fn themes_with_an_id_gives_its_whole_codebook_entry() {
    let dir = Dir::new();
    dir.create(
        "c/themes.toml",
        "[[theme]]\nid = \"staff-morale\"\nlabel = \"Staff morale\"\n\
         definition = \"How staff feel about their work and the organisation.\"\n\
         includes = [\"morale after a merger\", \"feeling valued\"]\n\
         excludes = [{ what = \"pay and conditions\", use = \"workforce\" }]\n\
         examples = [\"only/1\"]\n\n\
         [[theme]]\nid = \"workforce\"\nlabel = \"Workforce\"\ndefinition = \"Staffing.\"\n\n\
         [[alias]]\nid = \"morale\"\nsuccessors = [\"staff-morale\"]\n",
    );
    dir.create(
        "c/only.md",
        "+++\nid = \"only\"\ntitle = \"The only report\"\n+++\nMorale fell after the merger. <!-- #1 staff-morale -->\n",
    );
    let out = dir.run(&["--corpus", "c", "themes", "staff-morale"]);
    out.ok();
    for line in [
        "staff-morale  Staff morale  (1 passage in 1 report)",
        "How staff feel about their work and the organisation.",
        "  - morale after a merger",
        "  - pay and conditions (use workforce)",
        "examples: only/1",
        "replaces: morale",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    let json = dir
        .run(&["--corpus", "c", "themes", "staff-morale", "--json"])
        .json();
    assert_eq!(json["includes"][1], "feeling valued");
    assert_eq!(json["excludes"][0]["use"], "workforce");
    assert_eq!(json["examples"], serde_json::json!(["only/1"]));
    let retired = dir.run(&["--corpus", "c", "themes", "morale"]);
    retired.code(2);
    assert!(
        retired
            .stderr
            .contains("theme `morale` is now `staff-morale`"),
        "{}",
        retired.stderr
    );
    let slip = dir.run(&["--corpus", "c", "themes", "staf-morale"]);
    slip.code(2);
    assert!(
        slip.stderr.contains("did you mean `staff-morale`?"),
        "{}",
        slip.stderr
    );
    // The bundled codebook too.
    let out = Dir::new().run(&["themes", "buddying"]);
    out.ok();
    assert!(out.stdout.contains("excludes:"), "{}", out.stdout);
}

/// The corpus README's table gives each theme's passages as shipped beside
/// the two coders' counts; a reader quoting it gets what a filter gives.
#[test]
fn the_readme_counts_each_theme_as_the_corpus_has_it() {
    let corpus = Corpus::bundled();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/README.md"))
            .unwrap();
    let mut rows = 0;
    for line in readme.lines() {
        let cells: Vec<&str> = line.trim().split('|').map(str::trim).collect();
        // | theme | kappa | A | B | both | now |
        let [_, theme, kappa, _, _, _, now, _] = cells.as_slice() else {
            continue;
        };
        if kappa.parse::<f64>().is_err() {
            continue;
        }
        let shipped = corpus
            .passages()
            .filter(|(_, p)| p.themes.iter().any(|t| t == theme))
            .count();
        assert_eq!(now.parse::<usize>().unwrap(), shipped, "{theme}");
        rows += 1;
    }
    assert_eq!(rows, corpus.themes.len());
}
