//! The search history and saved searches from the command line, through the
//! binary with a private data folder: `search` and `export` record what they
//! ran (unless EVIDENCE_NO_HISTORY is set), `history` lists it (`--json`,
//! `--limit`) and `--clear` empties it only with `--yes` off a terminal;
//! `saved add`, `saved`, `search --saved`, `export --saved` and `saved rm`
//! work on the same file the explorer keeps, a saved search whose theme is
//! gone runs with a note, and an export names the saved searches its
//! excerpts came from.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::basket::Basket;
use evidence::corpus::Corpus;
use serde_json::Value;
use std::fs;
use util::{Dir, Output};

/// `evidence` with `args`, recording history, with the data folder in
/// `dir/data` and an index folder of its own.
fn run(dir: &Dir, args: &[&str]) -> Output {
    util::run(
        dir.command(args)
            .env_remove("EVIDENCE_NO_HISTORY")
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    )
}

fn queries(json: &Value) -> Vec<String> {
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["query"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn searches_are_recorded_and_listed() {
    let dir = Dir::new();
    run(&dir, &["history"]).code(1);
    run(&dir, &["search", "mergers"]).ok();
    run(&dir, &["search", "buddying", "--theme", "buddying"]).ok();
    run(&dir, &["export", "governance", "--limit", "2"]).ok();
    // A script's search is not recorded.
    util::run(
        dir.command(&["search", "franchise"])
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    )
    .ok();
    let out = run(&dir, &["history", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(queries(&json), ["mergers", "buddying", "governance"]);
    assert_eq!(json["workspace"], "bundled");
    let second = &json["entries"][1];
    assert_eq!(second["filters"]["themes"][0], "buddying");
    assert_eq!(second["corpus"]["kind"], "bundled");
    assert!(second["hits"].as_u64().unwrap() > 0);
    assert_eq!(second["when"].as_str().unwrap().len(), 16);
    let out = run(&dir, &["history", "--limit", "1"]);
    out.ok();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(out.stdout.contains("governance"), "{}", out.stdout);
    // --limit 0 would list nothing: refused, as `search --limit 0` is.
    let out = run(&dir, &["history", "--limit", "0"]);
    out.code(2);
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(
        out.stderr.contains("--limit 0 would list no search"),
        "{out:?}"
    );
    // The same search again is one entry, moved to the end.
    run(&dir, &["search", "mergers"]).ok();
    let json = run(&dir, &["history", "--json"]).json();
    assert_eq!(
        queries(&json),
        ["mergers", "buddying", "governance", "mergers"]
    );
    run(&dir, &["search", "mergers"]).ok();
    assert_eq!(queries(&run(&dir, &["history", "--json"]).json()).len(), 4);
}

#[test]
fn clear_needs_yes_off_a_terminal() {
    let dir = Dir::new();
    run(&dir, &["search", "mergers"]).ok();
    let out = run(&dir, &["history", "--clear"]);
    out.code(2);
    assert!(out.stderr.contains("needs --yes"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert_eq!(
        queries(&run(&dir, &["history", "--json"]).json()),
        ["mergers"]
    );
    let out = run(&dir, &["history", "--clear", "--yes"]);
    out.ok();
    assert!(out.stderr.contains("cleared 1 search"), "{}", out.stderr);
    run(&dir, &["history"]).code(1);
    // An empty history clears without asking.
    run(&dir, &["history", "--clear"]).ok();
    run(&dir, &["search", "governance"]).ok();
    let json = run(&dir, &["history", "--clear", "--yes", "--json"]).json();
    assert_eq!(json["cleared"], 1);
    assert_eq!(json["workspace"], "bundled");
}

#[test]
fn saved_searches_line_up_whatever_script_their_names_are_in() {
    let dir = Dir::new();
    run(&dir, &["saved", "add", "費用", "buddying costs"]).ok();
    run(&dir, &["saved", "add", "plain", "mergers"]).ok();
    let out = run(&dir, &["saved"]);
    out.ok();
    // Each query starts in the same terminal column (a CJK character takes two).
    let columns: Vec<usize> = out
        .stdout
        .lines()
        .map(|l| {
            let name_end = l.find("  ").unwrap();
            unicode_width::UnicodeWidthStr::width(&l[..name_end]) + l[name_end..].len()
                - l[name_end..].trim_start().len()
        })
        .collect();
    assert_eq!(columns.len(), 2, "{}", out.stdout);
    assert_eq!(columns[0], columns[1], "{}", out.stdout);
}

#[test]
fn saved_searches_are_added_run_listed_and_removed() {
    let dir = Dir::new();
    run(&dir, &["saved"]).code(1);
    let out = run(
        &dir,
        &[
            "saved",
            "add",
            "peer help",
            "buddying",
            "--theme",
            "buddying",
        ],
    );
    out.ok();
    assert!(out.stderr.contains("saved `peer help`"), "{}", out.stderr);
    run(&dir, &["saved", "add", "m", "mergers", "-acute"]).ok();
    let json = run(&dir, &["saved", "--json"]).json();
    assert_eq!(json["count"], 2);
    assert_eq!(json["searches"][0]["name"], "peer help");
    assert_eq!(json["searches"][1]["query"], "mergers -acute");
    let hits = json["searches"][0]["hits"].as_u64().unwrap();
    assert!(hits > 0);
    let text = run(&dir, &["saved"]);
    text.ok();
    assert!(
        text.stdout.contains("peer help  buddying"),
        "{}",
        text.stdout
    );
    // Run: the same hits as the search itself.
    let by_name = run(&dir, &["search", "--saved", "peer help", "--json"]).json();
    let direct = run(
        &dir,
        &["search", "buddying", "--theme", "buddying", "--json"],
    )
    .json();
    assert_eq!(by_name["total"], direct["total"]);
    assert_eq!(by_name["total"].as_u64().unwrap(), hits);
    // An export of a saved search names it.
    let out = run(&dir, &["export", "--saved", "peer help", "--limit", "2"]);
    out.ok();
    assert!(
        out.stdout.contains("**Saved searches:**\n\n- peer help"),
        "{}",
        out.stdout
    );
    // Removed, it is unknown: one clear line, exit 2.
    run(&dir, &["saved", "rm", "m"]).ok();
    let out = run(&dir, &["search", "--saved", "m"]);
    out.code(2);
    assert_eq!(
        out.stderr.trim(),
        "evidence: no saved search named `m` (saved: peer help)"
    );
    // A saved search and a query at once is a usage error.
    run(&dir, &["search", "x", "--saved", "peer help"]).code(2);
    // Filters naming what the corpus lacks are refused when saving.
    let out = run(&dir, &["saved", "add", "bad", "x", "--theme", "nope"]);
    out.code(2);
    assert!(
        out.stderr.contains("unknown theme id `nope`"),
        "{}",
        out.stderr
    );
}

/// A theme the coding frame renamed or split (an alias in themes.toml:
/// the bundled `quality-regulation` is now `quality-improvement` and
/// `regulation`) is followed, not dropped: a saved search that names it
/// runs on its successors, as `search --theme` does, and `saved add`
/// saves the successors.
#[test]
fn a_saved_search_follows_a_theme_the_coding_frame_renamed() {
    let dir = Dir::new();
    let direct = run(
        &dir,
        &[
            "search",
            "inspection",
            "--theme",
            "quality-regulation",
            "--json",
        ],
    )
    .json();
    let total = direct["total"].as_u64().unwrap();
    assert!(total > 0, "{direct}");
    // Saved now: the successors are saved, with a note.
    let out = run(
        &dir,
        &[
            "saved",
            "add",
            "qr",
            "inspection",
            "--theme",
            "quality-regulation",
        ],
    );
    out.ok();
    assert!(
        out.stderr
            .contains("theme `quality-regulation` is now `quality-improvement` and `regulation`"),
        "{}",
        out.stderr
    );
    let json = run(&dir, &["search", "--saved", "qr", "--json"]).json();
    assert_eq!(json["total"].as_u64().unwrap(), total, "{json}");
    // Saved before the rename (the old id in the file): still followed.
    let path = dir.join("data/workspaces/bundled/searches.json");
    let text = fs::read_to_string(&path).unwrap();
    let old = text.replace(
        "\"quality-improvement\",\n          \"regulation\"",
        "\"quality-regulation\"",
    );
    assert_ne!(old, text, "{text}");
    fs::write(&path, old).unwrap();
    let json = run(&dir, &["search", "--saved", "qr", "--json"]).json();
    assert_eq!(json["total"].as_u64().unwrap(), total, "{json}");
    assert!(
        !json["notes"]
            .to_string()
            .contains("runs without that filter"),
        "{json}"
    );
    let list = run(&dir, &["saved"]);
    assert!(
        !list.stdout.contains("gone, so not applied"),
        "{}",
        list.stdout
    );
}

#[test]
fn a_saved_search_whose_theme_is_gone_runs_with_a_note() {
    let dir = Dir::new();
    run(
        &dir,
        &["saved", "add", "old", "buddying", "--theme", "buddying"],
    )
    .ok();
    // As if the theme had been taken out of the corpus since.
    let path = dir.join("data/workspaces/bundled/searches.json");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("\"buddying\"\n", "\"retired-theme\"\n")).unwrap();
    let out = run(&dir, &["search", "--saved", "old"]);
    out.ok();
    assert!(
        out.stderr
            .contains("saved search `old`: the corpus has no theme `retired-theme` any more"),
        "{}",
        out.stderr
    );
    let json = run(&dir, &["saved", "--json"]).json();
    assert!(json["searches"][0]["hits"].as_u64().unwrap() > 0);
    assert_eq!(json["searches"][0]["notes"].as_array().unwrap().len(), 1);
    // The list's line says so itself, not only a note after the list.
    let list = run(&dir, &["saved"]);
    list.ok();
    let line = list.stdout.lines().next().unwrap();
    assert!(
        line.ends_with("[gone, so not applied: theme `retired-theme`]")
            && !line.contains("[theme:"),
        "{line}"
    );
    // A script reading the search's JSON is told too, and an export's
    // header says what the saved search ran without.
    let json = run(&dir, &["search", "--saved", "old", "--json"]).json();
    assert!(
        json["notes"][0]
            .as_str()
            .unwrap()
            .contains("no theme `retired-theme` any more; it runs without that filter"),
        "{json}"
    );
    let out = run(&dir, &["export", "--saved", "old", "--format", "json"]);
    out.ok();
    let json = out.json();
    assert_eq!(json["saved_searches"], serde_json::json!(["old"]));
    assert_eq!(json["filters"], serde_json::json!([]), "{json}");
    assert!(
        json["notes"][0]
            .as_str()
            .unwrap()
            .contains("no theme `retired-theme` any more"),
        "{json}"
    );
    let md = run(&dir, &["export", "--saved", "old"]).stdout;
    assert!(
        md.contains("**Notes:**\n\n- saved search \\`old\\`: the corpus has no theme"),
        "{md}"
    );
}

#[test]
fn a_basket_export_names_the_saved_searches_its_excerpts_came_from() {
    let dir = Dir::new();
    run(&dir, &["saved", "add", "costs", "buddying costs"]).ok();
    let corpus = Corpus::bundled();
    let report = &corpus.reports[0];
    let mut basket = Basket::new();
    basket.toggle(report, &report.passages[0], "buddying costs", None);
    basket.toggle(report, &report.passages[1], "something else", None);
    basket
        .save(&dir.join("data/workspaces/bundled/basket.json"))
        .unwrap();
    let out = run(&dir, &["export", "--basket"]);
    out.ok();
    assert!(
        out.stdout.contains("**Saved searches:**\n\n- costs\n"),
        "{}",
        out.stdout
    );
    let json = run(&dir, &["export", "--basket", "--format", "json"]).json();
    assert_eq!(json["saved_searches"][0], "costs");
}

/// An export of the basket names the searches its excerpts came from, not
/// one whose excerpts were all taken out since.
#[test]
fn a_basket_export_leaves_out_a_search_whose_excerpts_were_taken_out() {
    let dir = Dir::new();
    let corpus = Corpus::bundled();
    let report = &corpus.reports[1];
    let mut basket = Basket::new();
    basket.toggle(report, &report.passages[0], "buddying costs", None);
    basket.toggle(
        report,
        &report.passages[1],
        "franchise OR franchising",
        None,
    );
    let path = dir.join("data/workspaces/bundled/basket.json");
    basket.save(&path).unwrap();
    let header = |dir: &Dir| {
        let out = run(dir, &["export", "--basket"]);
        out.ok();
        out.stdout
            .split("## ")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        header(&dir).contains("franchise OR franchising"),
        "{}",
        header(&dir)
    );
    run(&dir, &["basket", "rm", &report.passages[1].id]).ok();
    let now = header(&dir);
    assert!(!now.contains("franchise OR franchising"), "{now}");
    assert!(now.contains("buddying costs"), "{now}");
}

#[test]
fn unreadable_history_and_saved_files_are_set_aside_with_one_line() {
    let dir = Dir::new();
    let ws = dir.join("data/workspaces/bundled");
    fs::create_dir_all(&ws).unwrap();
    fs::write(ws.join("history.json"), "{ broken").unwrap();
    fs::write(ws.join("searches.json"), "{\"version\": 9}").unwrap();
    let out = run(&dir, &["history"]);
    out.code(1);
    assert!(
        out.stderr.contains("the history file could not be read"),
        "{}",
        out.stderr
    );
    let out = run(&dir, &["saved"]);
    out.code(1);
    assert!(out.stderr.contains("newer version"), "{}", out.stderr);
    let aside: Vec<String> = fs::read_dir(&ws)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 2, "{aside:?}");
}

/// EVIDENCE_NO_HISTORY set to nothing is as if it were not set, as the
/// other variables are; set, `history` says why it stays empty.
#[test]
fn no_history_set_to_nothing_is_unset_and_set_it_is_said() {
    let dir = Dir::new();
    let with = |value: &str, args: &[&str]| {
        util::run(
            dir.command(args)
                .env("EVIDENCE_NO_HISTORY", value)
                .env("EVIDENCE_DATA_DIR", dir.join("data"))
                .env("EVIDENCE_INDEX_DIR", dir.join("index")),
        )
    };
    with("1", &["search", "buddying"]).ok();
    let out = with("1", &["history"]);
    out.code(1);
    assert!(
        out.stderr
            .contains("searches are not recorded while EVIDENCE_NO_HISTORY is set"),
        "{}",
        out.stderr
    );
    with("", &["search", "buddying"]).ok();
    let listed = run(&dir, &["history", "--json"]);
    listed.ok();
    assert_eq!(queries(&listed.json()), ["buddying"]);
    // `0`, `false` and `no` are "off" too, as a script writes it.
    with("0", &["search", "mergers"]).ok();
    with("false", &["search", "chains"]).ok();
    let listed = run(&dir, &["history", "--json"]);
    assert_eq!(queries(&listed.json()), ["buddying", "mergers", "chains"]);
    // A query pasted over two lines is listed on one.
    run(&dir, &["search", "buddying\nreview"]).ok();
    let listed = run(&dir, &["history"]);
    let last = listed.stdout.lines().last().unwrap_or_default().to_string();
    assert!(last.contains("buddying review"), "{}", listed.stdout);
}

/// Ids given in another case are recorded and saved as the corpus spells
/// them, so that recalling or running them again keeps the filter.
#[test]
fn filters_in_another_case_are_recorded_and_saved_as_the_corpus_spells_them() {
    let dir = Dir::new();
    run(&dir, &["search", "merger", "--report", "NHS-Trust-Mergers"]).ok();
    let listed = run(&dir, &["history", "--json"]);
    listed.ok();
    let entry = &listed.json()["entries"][0];
    assert_eq!(
        entry["filters"]["reports"][0], "nhs-trust-mergers",
        "{entry}"
    );
    run(
        &dir,
        &["saved", "add", "up", "merger", "--theme", "MERGERS"],
    )
    .ok();
    let saved = run(&dir, &["saved", "--json"]);
    saved.ok();
    let text = saved.stdout.clone();
    assert!(text.contains("\"mergers\""), "{text}");
    assert!(!text.contains("MERGERS"), "{text}");
}

#[test]
fn a_history_that_cannot_be_kept_does_not_fail_the_search_but_says_so() {
    let dir = Dir::new();
    // The data folder is under a file: nothing can be written there.
    dir.create("blocker", "a file, not a folder");
    let out = util::run(
        dir.command(&["search", "mergers", "--limit", "1"])
            .env_remove("EVIDENCE_NO_HISTORY")
            .env("EVIDENCE_DATA_DIR", dir.join("blocker/data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    );
    out.ok();
    assert!(out.stdout.contains("1 of "), "{}", out.stdout);
    let notes: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{}", out.stderr);
    assert!(
        notes[0].starts_with("evidence: note: this search was not added to the history")
            && notes[0].ends_with("set EVIDENCE_NO_HISTORY=1 to stop recording searches"),
        "{}",
        out.stderr
    );
    // Turned off, it says nothing.
    let out = util::run(
        dir.command(&["search", "mergers", "--limit", "1"])
            .env("EVIDENCE_DATA_DIR", dir.join("blocker/data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    );
    out.ok();
    assert_eq!(out.stderr, "");
}
