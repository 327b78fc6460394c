//! `evidence map`: the report × theme table of the explorer's map on the
//! command line, as a researcher checks it: the counts and totals of a
//! small corpus whose passages are known, CSV a spreadsheet reads, the
//! report filters obeyed, and what an empty map and bad flags say.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use util::Dir;

/// Two reports, two themes: `alpha` has a passage on both themes, one on
/// mergers and one without a theme; `beta` one on chains.
fn corpus(dir: &Dir) {
    dir.create(
        "c/themes.toml",
        "[[theme]]\nid = \"mergers\"\nlabel = \"Mergers\"\ndescription = \"Merging.\"\n\n\
         [[theme]]\nid = \"chains\"\nlabel = \"Chains\"\ndescription = \"Groups.\"\n",
    );
    dir.create(
        "c/alpha.md",
        "+++\nid = \"alpha\"\ntitle = \"Alpha report\"\n+++\n\
         Hospitals merge into chains. <!-- #1 mergers chains -->\n\n\
         Hospitals merge slowly. <!-- #2 mergers -->\n\n\
         Hospitals are old. <!-- #3 -->\n",
    );
    dir.create(
        "c/beta.md",
        "+++\nid = \"beta\"\ntitle = \"Beta report\"\n+++\n\
         Hospital chains grow. <!-- #1 chains -->\n\n\
         Nothing here about that. <!-- #2 mergers -->\n",
    );
}

#[test]
fn json_counts_each_cell_and_totals_each_report_by_its_passages() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "hospitals", "--json"]);
    out.ok();
    let map = out.json();
    assert_eq!(map["query"], "hospitals");
    assert_eq!(map["total"], 4);
    let reports: Vec<(&str, u64)> = map["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["passages"].as_u64().unwrap()))
        .collect();
    // Alpha's passage on two themes is one passage, not two.
    assert_eq!(reports, [("alpha", 3), ("beta", 1)]);
    let themes = map["themes"].as_array().unwrap();
    assert_eq!(themes[0]["id"], "mergers");
    assert_eq!(themes[0]["counts"], serde_json::json!([2, 0]));
    assert_eq!(themes[0]["passages"], 2);
    assert_eq!(themes[1]["id"], "chains");
    assert_eq!(themes[1]["counts"], serde_json::json!([1, 1]));
    assert_eq!(themes[1]["passages"], 2);
    assert_eq!(map["unthemed"]["counts"], serde_json::json!([1, 0]));
    assert_eq!(map["unthemed"]["passages"], 1);
}

#[test]
fn csv_has_a_column_per_report_a_row_per_theme_and_the_totals() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "--csv"]);
    out.ok();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head, ["theme", "label", "alpha", "beta", "all"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    // No query: every passage.
    assert_eq!(
        rows,
        [
            ["mergers", "Mergers", "2", "1", "3"],
            ["chains", "Chains", "1", "1", "2"],
            ["", "(no theme)", "1", "0", "1"],
            ["", "(passages)", "3", "2", "5"],
        ]
    );
}

#[test]
fn the_report_filters_empty_the_columns_they_leave_out() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "--not-report", "alpha", "--json"]);
    out.ok();
    let map = out.json();
    assert_eq!(map["total"], 2);
    assert_eq!(map["reports"][0]["passages"], 0);
    assert_eq!(map["reports"][1]["passages"], 2);
    // No passage of beta is without a theme: no row for them.
    assert_eq!(map["unthemed"], serde_json::Value::Null);
    let out = dir.run(&["--corpus", "c", "map", "--theme", "chains", "--csv"]);
    out.ok();
    let last = out.stdout.lines().last().unwrap().to_string();
    assert_eq!(last, ",(passages),1,1,2");
    // The table's title does not call a filtered map "every passage".
    let out = dir.run(&["--corpus", "c", "map", "--theme", "chains"]);
    out.ok();
    let title = out.stdout.lines().next().unwrap().to_string();
    assert!(!title.contains("every passage"), "{title}");
    assert!(
        title.contains("the passages the filters keep (2 in all)"),
        "{title}"
    );
}

#[test]
fn the_table_numbers_its_columns_names_them_below_and_dots_the_gaps() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "chains"]);
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].contains("passages matching chains (2 in all)"),
        "{}",
        out.stdout
    );
    let row = |label: &str| -> Vec<&str> {
        lines
            .iter()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label} in\n{}", out.stdout))
            .split_whitespace()
            .collect()
    };
    assert_eq!(row("Mergers"), ["Mergers", "1", ".", "1"]);
    assert_eq!(row("Chains"), ["Chains", "1", "1", "2"]);
    assert_eq!(row("passages"), ["passages", "1", "1", "2"]);
    let legend = |n: &str| lines.iter().any(|l| l.trim_start().starts_with(n));
    assert!(legend("1  alpha  Alpha report"), "{}", out.stdout);
    assert!(legend("2  beta   Beta report"), "{}", out.stdout);
}

#[test]
fn a_query_nothing_matches_says_the_map_is_empty_and_exits_1() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "zebras"]);
    out.code(1);
    assert!(out.stdout.contains("the map is empty"), "{}", out.stdout);
    assert!(!out.stdout.contains("Mergers"), "{}", out.stdout);
}

#[test]
fn bad_flags_and_unknown_reports_are_one_line_errors() {
    let dir = Dir::new();
    corpus(&dir);
    let out = dir.run(&["--corpus", "c", "map", "--csv", "--json"]);
    out.code(2);
    assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
    let out = dir.run(&["--corpus", "c", "map", "--report", "gamma"]);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown report id `gamma`"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    // A slip of the keyboard is named.
    let out = dir.run(&["--corpus", "c", "map", "--theme", "mergrs"]);
    out.code(2);
    assert!(
        out.stderr.starts_with(
            "evidence: unknown theme id `mergrs` (did you mean `mergers`?); valid ids: mergers, chains"
        ),
        "{}",
        out.stderr
    );
    let out = dir.run(&["--corpus", "c", "map", "--not-report", "omega"]);
    out.code(2);
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
}

#[test]
fn a_query_may_leave_words_out_and_the_map_says_its_filters() {
    let dir = Dir::new();
    corpus(&dir);
    // `-word` is the query's, not an unknown flag (as for `search`).
    let out = dir.run(&["--corpus", "c", "map", "hospitals", "-chains", "--json"]);
    out.ok();
    let map = out.json();
    assert_eq!(map["query"], "hospitals -chains");
    assert_eq!(map["total"], 2);
    let out = dir.run(&["--corpus", "c", "map", "-chains", "--theme", "mergers"]);
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with("Evidence map"))
        .unwrap();
    assert!(lines[title].contains("(2 in all)"), "{}", out.stdout);
    assert_eq!(
        lines[title + 1],
        "filtered by theme: mergers",
        "{}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "c", "map", "--not-report", "beta", "--json"]);
    assert_eq!(
        out.json()["filters"],
        serde_json::json!({"reports": [], "not_reports": ["beta"], "themes": [], "not_themes": []})
    );
}

#[test]
fn a_saved_search_is_mapped_with_its_filters() {
    let dir = Dir::new();
    corpus(&dir);
    let data = |args: &[&str]| {
        util::run(
            dir.command(args)
                .env("EVIDENCE_DATA_DIR", dir.join("data"))
                .env("EVIDENCE_INDEX_DIR", dir.join("index")),
        )
    };
    data(&[
        "--corpus",
        "c",
        "saved",
        "add",
        "merging",
        "hospitals",
        "--theme",
        "mergers",
    ])
    .ok();
    let out = data(&["--corpus", "c", "map", "--saved", "merging", "--json"]);
    out.ok();
    let map = out.json();
    assert_eq!(map["query"], "hospitals");
    assert_eq!(map["filters"]["themes"], serde_json::json!(["mergers"]));
    assert_eq!(map["total"], 2);
    let out = data(&["--corpus", "c", "map", "--saved", "nothing-so-named"]);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

/// A theme id the coding frame split is mapped as the search ran it, by
/// the themes that replaced it, and the map names those.
#[test]
fn a_retired_theme_is_named_by_the_themes_that_replaced_it() {
    let dir = Dir::new();
    let out = dir.run(&["map", "--theme", "quality-regulation", "--json"]);
    out.ok();
    let map = out.json();
    assert_eq!(
        map["filters"]["themes"],
        serde_json::json!(["quality-improvement", "regulation"])
    );
    let now = dir.run(&[
        "map",
        "--theme",
        "quality-improvement",
        "--theme",
        "regulation",
        "--json",
    ]);
    assert_eq!(map["total"], now.json()["total"]);
    let out = dir.run(&["map", "--theme", "quality-regulation"]);
    assert!(
        out.stdout
            .lines()
            .any(|l| l == "filtered by theme: quality-improvement, regulation"),
        "{}",
        out.stdout
    );
}
