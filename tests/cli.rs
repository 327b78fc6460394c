//! The `evidence` binary as a user meets it: the JSON shapes of `reports`,
//! `themes` and `show`; exit codes and one-line errors; `check` on good and bad
//! folders; choosing a corpus with `--corpus` or `EVIDENCE_CORPUS`; `init` and
//! `import`; quiet exit on a closed pipe; no colour codes when output is not a
//! terminal; `--help`, `--version` and unknown flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use util::{Dir, keys, set};

/// A minimal corpus folder: a themes file and one report.
fn small_corpus(dir: &Dir, name: &str) {
    dir.create(
        format!("{name}/themes.toml"),
        "[[theme]]\nid = \"mergers\"\nlabel = \"Mergers\"\ndescription = \"Merging.\"\n",
    );
    dir.create(
        format!("{name}/only.md"),
        "+++\nid = \"only-report\"\ntitle = \"The only report\"\nkind = \"document\"\nthemes = [\"mergers\"]\n+++\nA passage about mergers.\n",
    );
}

fn report_ids(json: &Value) -> Vec<String> {
    json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// JSON shapes

#[test]
fn reports_json_has_every_key_with_null_for_missing_values() {
    let dir = Dir::new();
    let out = dir.run(&["reports", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(keys(&json), set(&["reports"]));
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 15);
    let expected = set(&[
        "id",
        "title",
        "short_title",
        "organisation",
        "authors",
        "published",
        "kind",
        "tags",
        "source",
        "passage_count",
        "theme_ids",
        // Added with the coding frame's front matter.
        "subtitle",
        "et_al",
        "genre",
        // Added with the reference formats: the key they cite it by.
        "citekey",
        // Ids a re-import retired: `[]` for none, never an absent key.
        "retired_passages",
        // Once given by `show REPORT --json` alone.
        "key_sections",
    ]);
    for r in reports {
        assert_eq!(keys(r), expected, "keys of {}", r["id"]);
        assert_eq!(
            keys(&r["source"]),
            set(&["file", "format", "url", "accessed"]),
            "source of {}",
            r["id"]
        );
        assert!(r["authors"].is_array() && r["theme_ids"].is_array());
        assert!(r["passage_count"].as_u64().unwrap() > 0);
    }
    let by_id = |id: &str| reports.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(by_id("nhs-trust-mergers")["organisation"], Value::Null);
    assert_eq!(by_id("nhs-trust-mergers")["published"], "2014-06-09");
    assert_eq!(by_id("state-of-care-2013-14")["published"], Value::Null);
    assert_eq!(
        by_id("big-med")["authors"],
        serde_json::json!(["Atul Gawande"])
    );
    assert_eq!(by_id("buddying-review")["kind"], "commissioned");
    assert_eq!(by_id("buddying-review")["passage_count"], 19);
    assert_eq!(by_id("overview")["theme_ids"], serde_json::json!([]));
}

#[test]
fn themes_of_a_corpus_with_none_says_so() {
    let dir = Dir::new();
    dir.create("c/notes.md", "# Notes\n\nA paragraph of notes.\n");
    let out = dir.run(&["--corpus", "c", "themes"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("evidence: this corpus has no themes"),
        "{}",
        out.stderr
    );
    // JSON says it in the data: an empty list, and nothing on stderr.
    let out = dir.run(&["--corpus", "c", "themes", "--json"]);
    out.code(1);
    assert_eq!(out.json()["themes"], serde_json::json!([]));
    assert_eq!(out.stderr, "");
}

#[test]
fn themes_json_has_counts() {
    let dir = Dir::new();
    let out = dir.run(&["themes", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(keys(&json), set(&["themes"]));
    let themes = json["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 18);
    for t in themes {
        assert_eq!(
            keys(t),
            set(&[
                "id",
                "label",
                "description",
                "passage_count",
                "report_count"
            ])
        );
        let passages = t["passage_count"].as_u64().unwrap();
        let reports = t["report_count"].as_u64().unwrap();
        assert!(reports >= 1 && passages >= reports, "{t}");
    }
    let buddying = themes.iter().find(|t| t["id"] == "buddying").unwrap();
    assert_eq!(buddying["label"], "Buddying and peer support");
}

#[test]
fn show_report_json_lists_its_passages() {
    let dir = Dir::new();
    let out = dir.run(&["show", "big-med", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(keys(&json), set(&["report", "passages"]));
    assert_eq!(json["report"]["id"], "big-med");
    assert_eq!(json["report"]["title"], "Big Med");
    assert_eq!(json["report"]["organisation"], "The New Yorker");
    let passages = json["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 14);
    assert_eq!(json["report"]["passage_count"], 14);
    assert_eq!(passages[0]["id"], "big-med/1");
    assert!(passages.iter().all(|p| p["report_id"] == "big-med"));
}

#[test]
fn reports_themes_and_show_read_a_fresh_index_and_the_files_otherwise() {
    let dir = Dir::new();
    dir.run(&["init", "corpus"]).ok();
    // A problem the listing must still report: a theme nobody defined.
    dir.create(
        "corpus/notes/extra.md",
        "+++\nid = \"extra\"\ntitle = \"Extra notes\"\nkind = \"document\"\n+++\nChains of providers. <!-- #1 chains nope -->\n",
    );
    let commands: [&[&str]; 7] = [
        &["reports"],
        &["reports", "--json"],
        &["themes"],
        &["themes", "--json"],
        &["show", "big-med", "--json"],
        &["show", "big-med/2"],
        &["show", "extra/1", "--json"],
    ];
    let run = |index: &str, args: &[&str]| {
        let mut all = vec!["--corpus", "corpus", "--index-dir", index];
        all.extend_from_slice(args);
        dir.run(&all)
    };
    // No index: every file is read, and listing builds none.
    let read: Vec<_> = commands.iter().map(|c| run("none", c)).collect();
    assert!(
        !dir.join("none/CURRENT").exists(),
        "a listing built an index"
    );
    assert!(read[0].stderr.contains("nope"), "{}", read[0].stderr);
    // A fresh index: the same output, problems included.
    run("built", &["index"]).ok();
    for (c, a) in commands.iter().zip(&read) {
        let b = run("built", c);
        assert_eq!(
            (a.code, &a.stdout, &a.stderr),
            (b.code, &b.stdout, &b.stderr),
            "{c:?}"
        );
    }
    // The folder named another way: problems name it as given now.
    let other = dir.run(&["--corpus", "./corpus/", "--index-dir", "none", "reports"]);
    let again = dir.run(&["--corpus", "./corpus/", "--index-dir", "built", "reports"]);
    assert!(other.stderr.contains("./corpus/"), "{}", other.stderr);
    assert_eq!(other.stderr, again.stderr);
    // An edited file makes the index stale: the file is read as it is now.
    dir.create(
        "corpus/notes/extra.md",
        "+++\nid = \"extra\"\ntitle = \"Extra notes\"\nkind = \"document\"\n+++\nChains of hospitals, edited. <!-- #1 chains -->\n",
    );
    let shown = run("built", &["show", "extra/1", "--json"]);
    shown.ok();
    assert_eq!(
        shown.json()["passage"]["text"],
        "Chains of hospitals, edited."
    );
    assert!(!shown.stderr.contains("nope"), "{}", shown.stderr);
}

#[test]
fn show_passage_json_has_its_citation() {
    let dir = Dir::new();
    let out = dir.run(&["show", "big-med/4", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(keys(&json), set(&["passage"]));
    let p = &json["passage"];
    assert_eq!(p["id"], "big-med/4");
    assert_eq!(p["report_id"], "big-med");
    assert!(
        p["text"]
            .as_str()
            .unwrap()
            .starts_with("An example of standardisation"),
        "{p}"
    );
    // As the coding frame codes it (the US hospital is evidence from abroad).
    assert_eq!(
        p["themes"],
        serde_json::json!(["standardisation", "international"])
    );
    // A magazine article is cited by its author, then the magazine.
    assert_eq!(
        p["citation"],
        "Atul Gawande, “Big Med”, The New Yorker (13 August 2012), big-med/4"
    );
    assert_eq!(p["citation_details"]["attribution"], "Atul Gawande");
    assert_eq!(p["citation_details"]["published_in"], "The New Yorker");
}

#[test]
fn show_plain_text_has_the_citation() {
    let dir = Dir::new();
    let out = dir.run(&["show", "buddying-review/18"]);
    out.ok();
    assert!(
        out.stdout
            .contains("Often more cost-effective than hiring external consultant help.")
    );
    assert!(out.stdout.contains(
        "Foundation Trust Network, Buddying Review (September 2014), Potential benefits and incentives for buddying arrangements, buddying-review/18"
    ), "{}", out.stdout);
    // The words are the pack's summary of the report, and the line to copy
    // says so; the pack's own overview is cited as itself.
    let cite = out.stdout.lines().last().unwrap();
    assert!(
        cite.ends_with(
            "buddying-review/18; as summarised in Department of Health, Examining new options and opportunities for providers of NHS care: evidence pack (December 2014)"
        ),
        "{cite}"
    );
    let overview = dir.run(&["show", "overview/2"]);
    overview.ok();
    let cite = overview.stdout.lines().last().unwrap();
    assert!(
        cite.starts_with("cite: Department of Health, ") && !cite.contains("summarised"),
        "{cite}"
    );
}

#[test]
fn show_an_unknown_id_is_a_one_line_error() {
    let dir = Dir::new();
    let out = dir.run(&["show", "nope"]);
    out.code(2);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("evidence: "), "{}", out.stderr);
    assert!(out.stderr.contains("`nope`"), "{}", out.stderr);
}

/// Ids as people type them, in capitals or with an underscore, name the
/// report or passage they mean wherever an id is taken.
#[test]
fn ids_in_capitals_or_with_underscores_are_the_corpus_s() {
    let dir = Dir::new();
    let shown = dir.run(&["show", "Big_Med/4", "--json"]);
    shown.ok();
    assert_eq!(shown.json()["passage"]["id"], "big-med/4");
    dir.run(&["show", "BIG-MED"]).ok();
    let added = util::run(
        dir.command(&["basket", "add", "Big-Med/4,NHS-Trust-Mergers/2"])
            .env("EVIDENCE_DATA_DIR", dir.join("data")),
    );
    added.ok();
    assert!(added.stdout.contains("big-med/4"), "{}", added.stdout);
    let cited = dir.run(&["cite", "Buddying-Review"]);
    cited.ok();
    assert!(cited.stdout.contains("ftn2014buddying"), "{}", cited.stdout);
}

#[test]
fn related_to_a_report_id_asks_for_a_passage_id() {
    let dir = Dir::new();
    let out = dir.run(&["related", "big-med", "--index-dir", "index"]);
    out.code(2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "evidence: `big-med` is a report; `related` needs a passage id such as `big-med/1`\n"
    );
    dir.run(&["related", "big-med/4", "--index-dir", "index"])
        .ok();
}

#[test]
fn related_with_an_enormous_limit_lists_what_there_is() {
    let dir = Dir::new();
    let args = ["related", "big-med/4", "--index-dir", "index", "--json"];
    let all = dir.run(&[&args[..], &["--limit", "18446744073709551615"]].concat());
    all.ok();
    let few = dir.run(&[&args[..], &["--limit", "3"]].concat());
    few.ok();
    let count = |s: &str| {
        serde_json::from_str::<serde_json::Value>(s).unwrap()["related"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(count(&few.stdout), 3, "{}", few.stdout);
    assert!(count(&all.stdout) > 3, "{}", all.stdout);
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_passes_on_the_bundled_corpus() {
    let dir = Dir::new();
    let out = dir.run(&["check"]);
    out.ok();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(out.stdout.contains("15 reports"), "{}", out.stdout);
    assert!(out.stdout.contains("0 problems"), "{}", out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn check_lists_each_problem_as_path_line_message() {
    let dir = Dir::new();
    small_corpus(&dir, "bad");
    dir.create(
        "bad/broken.md",
        "+++\nid = \"broken\"\ntitle = \"Broken\"\nkind = = \"digest\"\n+++\nText.\n",
    );
    dir.create("bad/unclosed.md", "+++\nid = \"open\"\nText.\n");
    let out = dir.run(&["check", "--corpus", "bad"]);
    out.code(2);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(
        lines[0].starts_with("bad/broken.md:4: bad front matter"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("bad/unclosed.md:1: front matter"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("2 problems"), "{}", lines[2]);

    let out = dir.run(&["check", "--corpus", "bad", "--json"]);
    out.code(2);
    let json = out.json();
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["line"], 4);
    assert_eq!(problems[0]["fatal"], true);
    assert_eq!(json["reports"], 1);
}

#[test]
fn check_lists_broken_front_matter_and_every_problem_behind_a_bad_id() {
    let dir = Dir::new();
    small_corpus(&dir, "bad");
    // Front matter opened with `++`: its TOML would be read as text.
    dir.create(
        "bad/pluses.md",
        "++\nid = \"pluses\"\ntitle = \"Pluses\"\n+++\n\nText.\n",
    );
    // Opened on the second line.
    dir.create("bad/late.md", "\n+++\nid = \"late\"\n+++\n\nText.\n");
    // A bad id, and behind it an unknown theme and a repeated marker.
    dir.create(
        "bad/bad-id.md",
        "+++\nid = \"Bad Id\"\ntitle = \"x\"\n+++\n\nOne. <!-- #1 nosuchtheme -->\n\nTwo. <!-- #1 -->\n",
    );
    let out = dir.run(&["check", "--corpus", "bad"]);
    out.code(2);
    let s = &out.stdout;
    for line in [
        "bad/pluses.md:1: front matter opens with a line of `+++`, not `++`",
        "bad/late.md:2: a `+++` line, but the file does not start with one",
        "bad/bad-id.md:2: invalid id `Bad Id`",
        "bad/bad-id.md:6: unknown theme `nosuchtheme`",
        "bad/bad-id.md:8: duplicate passage id",
    ] {
        assert!(s.contains(line), "{line}\n{s}");
    }
}

#[test]
fn check_lists_markers_broken_by_hand() {
    let dir = Dir::new();
    small_corpus(&dir, "bad");
    dir.create(
        "bad/web.md",
        "+++\nid = \"web\"\ntitle = \"Web\"\nsource_format = \"html\"\nthemes = [\"mergers\"]\n+++\n\n\
         One unclosed. <!-- #1 \n\n\
         Two without its hash. <!-- 2 -->\n\n\
         Three with a stray end. -->\n\n\
         Four with a page. <!-- #4 p.3 -->\n\n\
         Five with a theme twice. <!-- #5 mergers mergers -->\n\n\
         Six as it should be, and \\<!-- escaped --\\> text. <!-- #6 -->\n\n\
         Seven without its hash but with its theme. <!-- 7 mergers -->\n\n\
         Eight a comment that starts with a year. <!-- 2024 draft --> <!-- #8 -->\n\n\
         Nine a note naming a theme. <!-- 2024 mergers figures to recheck --> <!-- #9 -->\n",
    );
    let out = dir.run(&["check", "--corpus", "bad"]);
    out.code(2);
    let s = &out.stdout;
    for line in [
        "bad/web.md:8: a marker is not closed",
        "bad/web.md:10: passage marker `<!-- 2 -->` needs `#` before its id",
        "bad/web.md:12: warning: `-->` with no `<!--` before it",
        "bad/web.md:14: warning: passage `web/4` gives a page, but its source (html) has no pages",
        "bad/web.md:16: warning: passage `web/5` names theme `mergers` twice",
        "bad/web.md:20: passage marker `<!-- 7 mergers -->` needs `#` before its id: `<!-- #7 mergers -->`",
    ] {
        assert!(s.contains(line), "{line}\n{s}");
    }
    assert!(!s.contains("web.md:18"), "{s}");
    assert!(!s.contains("web.md:22"), "{s}");
    assert!(!s.contains("web.md:24"), "{s}");
}

#[test]
fn empty_environment_variables_are_as_if_unset() {
    let dir = Dir::new();
    let mut cmd = dir.command(&["reports"]);
    cmd.env("EVIDENCE_CORPUS", "").env("EVIDENCE_WORKSPACE", "");
    let out = util::run(&mut cmd);
    out.ok();
    assert!(out.stdout.contains("big-med"), "{}", out.stdout);
    // Typed, an empty folder name is a mistake, and said so.
    let out = dir.run(&["--corpus", "", "reports"]);
    out.code(2);
}

#[test]
fn a_corpus_folder_without_reports_is_a_problem() {
    let dir = Dir::new();
    dir.create("empty/themes.toml", "");
    dir.create("empty/notes/image.png", "not a report");
    let out = dir.run(&["--corpus", "empty", "check"]);
    out.code(2);
    assert_eq!(
        out.stdout,
        "empty: no report files (.md, .txt) in this folder\n\
         0 reports, 0 passages, 0 themes, 0 passages without a theme; 1 problem\n"
    );
    let out = dir.run(&["--corpus", "empty", "reports"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "evidence: warning: empty: no report files (.md, .txt) in this folder\n"
    );
}

#[test]
fn check_lists_a_key_section_that_names_no_heading() {
    let dir = Dir::new();
    small_corpus(&dir, "keys");
    dir.create(
        "keys/keyed.md",
        "+++\nid = \"keyed\"\ntitle = \"Keyed\"\nkey_sections = [\"Key messages\", \"Key mesages\"]\n+++\n\
         ## Key messages\n\nFirst.\n\n## Detail\n\nSecond.\n",
    );
    let out = dir.run(&["check", "--corpus", "keys"]);
    out.code(2);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "keys/keyed.md:4: key_sections entry `Key mesages` names no section heading of this report",
            "2 reports, 3 passages, 1 theme, 2 passages without a theme; 1 problem"
        ]
    );
    // Not fatal: the report is read.
    let out = dir.run(&["show", "keyed", "--json", "--corpus", "keys"]);
    out.ok();
    assert_eq!(out.json()["passages"].as_array().unwrap().len(), 2);
}

#[test]
fn a_missing_corpus_folder_is_an_error() {
    let dir = Dir::new();
    let out = dir.run(&["reports", "--corpus", "missing"]);
    out.code(2);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("missing"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------
// Choosing a corpus

#[test]
fn corpus_flag_works_before_and_after_the_subcommand_and_from_the_environment() {
    let dir = Dir::new();
    small_corpus(&dir, "mine");
    for args in [
        &["--corpus", "mine", "reports", "--json"][..],
        &["reports", "--corpus", "mine", "--json"][..],
        &["reports", "--json", "--corpus=mine"][..],
    ] {
        let out = dir.run(args);
        out.ok();
        assert_eq!(report_ids(&out.json()), ["only-report"], "{args:?}");
    }
    let mut cmd = dir.command(&["reports", "--json"]);
    cmd.env("EVIDENCE_CORPUS", dir.join("mine"));
    let out = util::run(&mut cmd);
    out.ok();
    assert_eq!(report_ids(&out.json()), ["only-report"], "EVIDENCE_CORPUS");

    // The flag wins over the environment.
    small_corpus(&dir, "other");
    dir.create("other/second.md", "# Second\n\nMore text.\n");
    let mut cmd = dir.command(&["reports", "--json", "--corpus", "other"]);
    cmd.env("EVIDENCE_CORPUS", dir.join("mine"));
    let out = util::run(&mut cmd);
    out.ok();
    assert_eq!(report_ids(&out.json()), ["only-report", "second"]);
}

// ---------------------------------------------------------------------------
// init and import

#[test]
fn init_writes_a_clean_corpus_and_refuses_to_overwrite() {
    let dir = Dir::new();
    let out = dir.run(&["init", "copy"]);
    out.ok();
    assert!(out.stdout.contains("copy"), "{}", out.stdout);
    assert!(dir.join("copy/themes.toml").is_file());
    assert!(dir.join("copy/06-big-med.md").is_file());

    let out = dir.run(&["check", "--corpus", "copy"]);
    out.ok();
    assert!(out.stdout.contains("15 reports"), "{}", out.stdout);
    assert!(out.stdout.contains("0 problems"), "{}", out.stdout);

    // The copy reads the same as the bundled corpus.
    let bundled = dir.run(&["reports", "--json"]);
    let copied = dir.run(&["reports", "--json", "--corpus", "copy"]);
    assert_eq!(bundled.json(), copied.json());

    // A second init into the same folder fails and changes nothing.
    dir.create("copy/06-big-med.md", "edited by the user\n");
    let before: Vec<_> = list(&dir.join("copy"));
    let out = dir.run(&["init", "copy"]);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert_eq!(dir.read("copy/06-big-med.md"), "edited by the user\n");
    assert_eq!(list(&dir.join("copy")), before);
}

#[test]
fn init_force_replaces_the_bundled_files_and_leaves_the_rest() {
    let dir = Dir::new();
    dir.run(&["init", "copy"]).ok();
    let fresh = list(&dir.join("copy"));
    dir.create("copy/06-big-med.md", "edited by the user\n");
    dir.create("copy/my-notes.md", "# My notes\n\nMine.\n");
    let out = dir.run(&["init", "copy", "--force"]);
    out.ok();
    assert!(
        out.stdout.contains("wrote 19 files to copy"),
        "{}",
        out.stdout
    );
    // The edited bundled file's version is kept beside it, and named.
    let today = evidence::date::today();
    let kept = format!("copy/06-big-med.md.{today}.bak");
    assert!(
        out.stdout.contains(&format!(
            "kept the file there, which differed from the bundled one, as {kept}"
        )),
        "{}",
        out.stdout
    );
    // The bundled files are as init wrote them; the user's own file is kept.
    let mut expected = fresh;
    expected.push((
        dir.join("copy/my-notes.md"),
        b"# My notes\n\nMine.\n".to_vec(),
    ));
    expected.push((dir.join(&kept), b"edited by the user\n".to_vec()));
    expected.sort();
    assert_eq!(list(&dir.join("copy")), expected);

    // A folder where a bundled file goes is not replaced, and nothing is written.
    fs::remove_file(dir.join("copy/06-big-med.md")).unwrap();
    fs::create_dir(dir.join("copy/06-big-med.md")).unwrap();
    dir.create("copy/themes.toml", "edited\n");
    let out = dir.run(&["init", "copy", "--force"]);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("copy/06-big-med.md: is a folder"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.read("copy/themes.toml"), "edited\n");
}

#[test]
fn init_into_a_file_is_a_clear_error() {
    let dir = Dir::new();
    dir.create("existing.md", "my notes\n");
    for (target, named) in [
        ("existing.md", "existing.md"),
        ("existing.md/sub", "existing.md"),
    ] {
        let out = dir.run(&["init", target]);
        out.code(2);
        assert_eq!(
            out.stderr,
            format!(
                "evidence: {named}: is a file, not a folder; name a folder to write the corpus into\n"
            )
        );
        assert_eq!(dir.read("existing.md"), "my notes\n");
    }
}

/// Every file under a folder, with its contents, sorted.
fn list(root: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn import_adds_a_plain_file_with_themes_and_a_second_time_only_when_changed() {
    let dir = Dir::new();
    dir.run(&["init", "corpus"]).ok();
    dir.create(
        "merger-notes.md",
        "# Notes on mergers\n\nMergers take longer than planned.\n\n- Due diligence matters.\n- So does culture.\n",
    );
    let out = dir.run(&[
        "import",
        "merger-notes.md",
        "--into",
        "corpus",
        "--theme",
        "mergers",
        "--published",
        "2020",
    ]);
    out.ok();
    assert!(out.stdout.contains("merger-notes"), "{}", out.stdout);

    let out = dir.run(&["show", "merger-notes", "--json", "--corpus", "corpus"]);
    out.ok();
    let json = out.json();
    assert_eq!(json["report"]["title"], "Notes on mergers");
    assert_eq!(json["report"]["published"], "2020");
    assert_eq!(json["report"]["kind"], "document");
    let passages = json["passages"].as_array().unwrap();
    let texts: Vec<&str> = passages
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Mergers take longer than planned.",
            "Due diligence matters.",
            "So does culture."
        ]
    );
    for p in passages {
        assert_eq!(p["themes"], serde_json::json!(["mergers"]), "{p}");
    }

    // The folder is still clean, and the new file has stored markers.
    let out = dir.run(&["check", "--corpus", "corpus"]);
    out.ok();
    assert!(out.stdout.contains("16 reports"), "{}", out.stdout);
    let imported = dir.read("corpus/merger-notes.md");
    assert!(
        imported.contains("<!-- #1 -->") && imported.contains("<!-- #3 -->"),
        "{imported}"
    );

    // A second import of the same file changes nothing.
    let again = [
        "import",
        "merger-notes.md",
        "--into",
        "corpus",
        "--theme",
        "mergers",
    ];
    let out = dir.run(&again);
    out.ok();
    assert!(
        out.stdout.starts_with("unchanged merger-notes"),
        "{}",
        out.stdout
    );
    assert_eq!(dir.read("corpus/merger-notes.md"), imported);
    // A changed file needs --force, and then keeps the ids of the passages
    // it still has.
    dir.create(
        "merger-notes.md",
        "# Notes on mergers\n\nMergers take longer than planned.\n\n- So does culture.\n- Boards matter.\n",
    );
    let out = dir.run(&again);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("changed since it was imported"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.read("corpus/merger-notes.md"), imported);
    let mut forced = again.to_vec();
    forced.push("--force");
    dir.run(&forced).ok();
    let json = dir
        .run(&["show", "merger-notes", "--json", "--corpus", "corpus"])
        .json();
    let ids: Vec<(&str, &str)> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("merger-notes/1", "Mergers take longer than planned."),
            ("merger-notes/3", "So does culture."),
            ("merger-notes/4", "Boards matter."),
        ]
    );
    assert!(
        dir.read("corpus/merger-notes.md")
            .contains("retired_passages = [\"2\"]")
    );
}

#[test]
fn import_rejects_an_unknown_theme() {
    let dir = Dir::new();
    dir.run(&["init", "corpus"]).ok();
    dir.create("notes.md", "Some text.\n");
    let out = dir.run(&[
        "import",
        "notes.md",
        "--into",
        "corpus",
        "--theme",
        "no-such-theme",
    ]);
    out.code(2);
    assert!(out.stderr.contains("no-such-theme"), "{}", out.stderr);
    assert!(!dir.join("corpus/notes.md").exists());
}

#[test]
fn import_into_a_missing_folder_makes_it_unless_a_theme_or_its_parent_is_missing() {
    let dir = Dir::new();
    dir.create("notes.md", "# Notes\n\nSome text on mergers.\n");
    // A theme needs a themes.toml, which a new folder has not: refused,
    // and no folder is made.
    let out = dir.run(&["import", "notes.md", "--into", "new", "--theme", "mergers"]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "evidence: --theme mergers: new does not exist, so it has no themes.toml to define it; start it with `evidence init new` for the bundled themes\n"
    );
    assert!(!dir.join("new").exists());
    // A folder whose parent is missing is a mistyped path: refused.
    let out = dir.run(&["import", "notes.md", "--into", "typo/new"]);
    out.code(2);
    assert!(
        out.stderr
            .contains("typo/new: no such folder, and typo is none either"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("typo").exists());
    // Else the folder is made, and said so; the report is in it, and the
    // folder is a corpus the other commands read.
    let out = dir.run(&["import", "notes.md", "--into", "new"]);
    out.ok();
    assert!(
        out.stdout.starts_with("made new, a new corpus folder"),
        "{}",
        out.stdout
    );
    assert!(dir.join("new/notes.md").exists());
    let out = dir.run(&["--corpus", "new", "search", "mergers"]);
    out.ok();
    assert!(out.stdout.contains("[notes/1]"), "{}", out.stdout);
    // A new folder nothing went into is taken away again.
    dir.create("empty.pdf", "");
    let out = dir.run(&["import", "empty.pdf", "--into", "other"]);
    out.code(2);
    assert!(!dir.join("other").exists());
    // A folder without themes.toml takes documents, but no theme.
    fs::create_dir(dir.join("plain")).unwrap();
    let out = dir.run(&[
        "import", "notes.md", "--into", "plain", "--theme", "mergers",
    ]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "evidence: --theme mergers: plain has no themes.toml to define it; add one (a folder made by `evidence init` has the bundled themes)\n"
    );
    assert!(!dir.join("plain/notes.md").exists());
    dir.run(&["import", "notes.md", "--into", "plain"]).ok();
    assert!(dir.join("plain/notes.md").is_file());
}

// ---------------------------------------------------------------------------
// Pipes and terminals

/// Runs `args` with stdout piped, reads one line, closes the pipe, and checks
/// that the binary ends quietly, as `evidence … | head -1` would, with the
/// exit status its result gives.
fn read_one_line_then_close(dir: &Dir, args: &[&str], code: i32) {
    let mut child = dir
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "no first line");
    // The reader (and the pipe) is dropped here, while output is still coming.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    util::assert_no_panic(&stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("error"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{:?}; stderr: {stderr}",
        out.status
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    let dir = Dir::new();
    // Far more output than a pipe holds, so writing must hit the closed pipe.
    let mut many = String::new();
    for i in 0..2000 {
        dir.create(
            format!("many/report-{i:04}.md"),
            format!("# Report number {i} with a long enough title to fill the line\n\nText {i}.\n"),
        );
        many.push_str(&format!(
            "- Passage {i} of a long report, with enough words to take some room.\n"
        ));
    }
    dir.create("long/long.md", format!("# Long\n\n{many}"));
    read_one_line_then_close(&dir, &["reports", "--corpus", "many"], 0);
    read_one_line_then_close(&dir, &["show", "long", "--corpus", "long"], 0);
    // A failing result stays a failure (`set -o pipefail` relies on it).
    for i in 0..2000 {
        dir.create(
            format!("bad/report-{i:04}.md"),
            "+++\nid = \"Not An Id\"\n+++\n\nText.\n",
        );
    }
    read_one_line_then_close(&dir, &["check", "--corpus", "bad"], 2);
}

#[test]
fn no_colour_codes_when_output_is_not_a_terminal() {
    let dir = Dir::new();
    for args in [
        &["reports"][..],
        &["themes"][..],
        &["show", "big-med"][..],
        &["show", "big-med/4"][..],
        &["check"][..],
    ] {
        let out = dir.run(args);
        out.ok();
        assert!(!out.stdout.is_empty(), "{args:?}");
        assert!(!out.stdout.contains('\x1b'), "escape codes in {args:?}");
        assert!(!out.stderr.contains('\x1b'), "escape codes in {args:?}");

        let mut cmd = dir.command(args);
        cmd.env("NO_COLOR", "1");
        let out = util::run(&mut cmd);
        out.ok();
        assert!(
            !out.stdout.contains('\x1b'),
            "escape codes in {args:?} with NO_COLOR"
        );
    }
}

// ---------------------------------------------------------------------------
// Help, version, bad arguments

#[test]
fn help_shows_examples() {
    let dir = Dir::new();
    let out = dir.run(&["--help"]);
    out.ok();
    assert!(out.stdout.contains("Examples"), "{}", out.stdout);
    assert!(out.stdout.contains("  evidence "), "{}", out.stdout);
    for sub in ["reports", "themes", "show", "check", "init", "import"] {
        assert!(out.stdout.contains(sub), "--help does not mention {sub}");
    }
}

#[test]
fn version_prints_the_version() {
    let dir = Dir::new();
    let out = dir.run(&["--version"]);
    out.ok();
    assert_eq!(
        out.stdout.trim(),
        format!("evidence {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_is_an_error() {
    let dir = Dir::new();
    let out = dir.run(&["--frobnicate"]);
    out.code(2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("--frobnicate"), "{}", out.stderr);

    let out = dir.run(&["reports", "--frobnicate"]);
    out.code(2);
    assert!(out.stderr.contains("--frobnicate"), "{}", out.stderr);

    let out = dir.run(&["no-such-command"]);
    out.code(2);
}

#[test]
fn counts_in_text_output_agree_with_their_nouns() {
    let dir = Dir::new();
    dir.create("notes/one.md", "# One note\n\nA single paragraph.\n");
    let out = dir.run(&["--corpus", "notes", "reports"]);
    out.ok();
    assert!(out.stdout.contains("; 1 passage)"), "{}", out.stdout);
    let check = dir.run(&["--corpus", "notes", "check"]);
    assert!(
        check.stdout.contains("1 report, 1 passage, 0 themes"),
        "{}",
        check.stdout
    );
}

#[test]
fn completions_and_the_man_page_name_every_subcommand() {
    let dir = Dir::new();
    let subcommands = [
        "search", "related", "export", "index", "reports", "themes", "show", "check", "init",
        "import",
    ];
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = dir.run(&["completions", shell]);
        out.ok();
        for sub in subcommands {
            assert!(out.stdout.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(out.stdout.contains("corpus"), "{shell}");
    }
    let man = dir.run(&["man"]);
    man.ok();
    assert!(man.stdout.contains(".TH evidence"), "{}", man.stdout);
    for sub in subcommands {
        assert!(man.stdout.contains(sub), "man page lacks {sub}");
    }
    let bad = dir.run(&["completions", "tcsh"]);
    bad.code(2);
    assert!(bad.stderr.contains("tcsh"), "{}", bad.stderr);
}

#[test]
fn nonzero_facets_leave_out_the_zeros_and_nothing_else() {
    let dir = Dir::new();
    let search = |extra: &[&str]| {
        let mut args = vec!["search", "buddying", "--json"];
        args.extend_from_slice(extra);
        let out = dir.run(&args);
        out.ok();
        out.json()
    };
    let all = search(&[]);
    let nonzero = search(&["--nonzero-facets"]);
    assert_eq!(all["hits"], nonzero["hits"]);
    assert_eq!(all["total"], nonzero["total"]);
    for facet in ["reports", "themes"] {
        let every = all["facets"][facet].as_object().unwrap();
        let kept = nonzero["facets"][facet].as_object().unwrap();
        assert!(
            every.values().any(|n| n == 0),
            "{facet}: no zero to leave out"
        );
        let counted: Vec<(&String, &Value)> = every.iter().filter(|(_, n)| *n != 0).collect();
        assert!(!counted.is_empty(), "{facet}");
        assert_eq!(kept.iter().collect::<Vec<_>>(), counted, "{facet}");
    }
}

/// Every example `evidence --help` gives runs as shown (the explorer's and
/// the ones that need the reader's own files aside): none is refused as a
/// bad command, flag, id or theme.
#[test]
fn every_example_in_the_help_runs() {
    let dir = Dir::new();
    let help = dir.run(&["--help"]);
    help.ok();
    let examples: Vec<String> = help
        .stdout
        .split_once("Examples:")
        .expect("the help has examples")
        .1
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("evidence"))
        // The command is what comes before two spaces (the description).
        .map(|l| l.split("  ").next().unwrap_or(l).trim().to_string())
        .collect();
    assert!(examples.len() >= 20, "{examples:?}");
    // `init` first, so that the examples on its folder find it.
    let (init, rest): (Vec<_>, Vec<_>) = examples.iter().partition(|e| e.contains(" init "));
    let mut ran = 0;
    for example in init.into_iter().chain(rest) {
        let explorer = example == "evidence" || example == "evidence --workspace thesis";
        if explorer || example.contains(" import ") {
            continue;
        }
        // Two examples write `notes.md`; each starts without it.
        let _ = std::fs::remove_file(dir.join("notes.md"));
        let script = format!("evidence() {{ \"$EVIDENCE_BIN\" \"$@\"; }}\n{example}");
        let out = util::run(
            std::process::Command::new("sh")
                .args(["-c", &script])
                .current_dir(dir.path())
                .env("EVIDENCE_BIN", env!("CARGO_BIN_EXE_evidence"))
                .env("EVIDENCE_DATA_DIR", dir.join("data"))
                .env("EVIDENCE_INDEX_DIR", dir.join("index"))
                .env_remove("EVIDENCE_CORPUS")
                .env_remove("EVIDENCE_WORKSPACE")
                .env("EVIDENCE_NO_HISTORY", "1")
                .stdin(std::process::Stdio::null()),
        );
        assert!(
            out.code == 0 || out.code == 1,
            "`{example}` exited {}:\n{}",
            out.code,
            out.stderr
        );
        ran += 1;
    }
    assert!(ran >= 18, "{ran}");
}

/// `show` writes a list item as the report has it: bullet or number first.
#[test]
fn show_writes_list_items_with_their_bullets() {
    let dir = Dir::new();
    let out = dir.run(&["show", "buddying-review"]);
    out.ok();
    assert!(
        out.stdout
            .contains("[buddying-review/2] • Consideration should be given"),
        "{}",
        out.stdout
    );
    let out = dir.run(&["show", "buddying-review/2"]);
    out.ok();
    assert!(
        out.stdout.contains("\n• Consideration should be given"),
        "{}",
        out.stdout
    );
}

/// A search's export records in the file what the search did with the
/// query and what --limit left out, as a documented search needs: not only
/// on stderr.
#[test]
fn an_export_of_a_search_records_its_notes() {
    let dir = Dir::new();
    let out = dir.run(&["export", "CQC", "--limit", "2", "--format", "json"]);
    out.ok();
    let json = out.json();
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes.contains(&"also searched: Care Quality Commission (for CQC)"),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.starts_with("the search matched")
            && n.ends_with("the first 2 are exported (--limit)")),
        "{notes:?}"
    );
    let md = dir.run(&["export", "CQC", "--limit", "2"]);
    assert!(
        md.stdout
            .contains("**Notes:**\n\n- also searched: Care Quality Commission (for CQC)"),
        "{}",
        md.stdout
    );
}

/// Words as web pages, PDFs and macOS write them: broken by soft hyphens,
/// accents written apart from their letters. Each is found by the word as
/// typed, and its highlight takes the whole word, accent included.
#[test]
fn soft_hyphens_and_accents_written_apart_are_found() {
    let dir = Dir::new();
    dir.create(
        "c/notes.md",
        "# Notes\n\nThe organi\u{ad}sation of the Universita\u{308}tsspital Zu\u{308}rich was cafe\u{301} style.\n",
    );
    for query in [
        "organisation",
        "Zürich",
        "zurich",
        "universitätsspital",
        "café",
    ] {
        let out = dir.run(&["--corpus", "c", "search", query, "--json"]);
        out.ok();
        let json = out.json();
        assert_eq!(json["total"], 1, "{query}: {json}");
    }
    let json = dir
        .run(&["--corpus", "c", "search", "cafe", "--json"])
        .json();
    let hit = &json["hits"][0];
    let text = hit["text"].as_str().unwrap();
    let [start, end] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "cafe\u{301}");
}

/// A report with a terminal's escape codes in its text (pasted from a
/// coloured terminal, or a hostile file): shown and searched without them,
/// so that nothing printed can recolour the terminal, ring its bell or set
/// its clipboard, and `check` says they were left out.
#[test]
fn control_characters_in_a_report_never_reach_the_terminal() {
    let dir = Dir::new();
    dir.create(
        "c/esc.md",
        "# Esc\n\nThe \u{1b}[31mred\u{1b}[0m merger rang\u{7} a bell \u{1b}]52;c;aGVsbG8=\u{7}here.\n",
    );
    let out = dir.run(&["--corpus", "c", "show", "esc/1"]);
    out.ok();
    assert!(
        out.stdout.contains("The red merger rang a bell here."),
        "{}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "c", "search", "red"]);
    out.ok();
    assert!(
        !out.stdout.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "c", "check"]);
    assert!(
        out.stdout
            .contains("esc.md:3: warning: control characters in the text"),
        "{}",
        out.stdout
    );
    // Written as an escape in front matter, too.
    dir.create(
        "c/fm.md",
        "+++\ntitle = \"Bell \\u0007 and \\u001b]52;c;aGVsbG8=\\u0007clip\"\n+++\n\nSome text here.\n",
    );
    let out = dir.run(&["--corpus", "c", "reports"]);
    out.ok();
    assert!(
        !out.stdout.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "c", "check"]);
    assert!(
        out.stdout
            .contains("fm.md:2: warning: control characters in `title`"),
        "{}",
        out.stdout
    );
}

/// A query with nothing to search for finds nothing (a script must not
/// count every passage as hits of an emoji), with a note; an empty query
/// still lists every passage.
#[test]
fn a_query_with_nothing_to_search_for_finds_nothing() {
    let dir = Dir::new();
    for query in ["😀", "—", "\"", "OR"] {
        let out = dir.run(&["search", query, "--json"]);
        out.code(1);
        let json = out.json();
        assert_eq!(json["total"], 0, "{query}: {json}");
        assert!(
            !json["notes"].as_array().unwrap().is_empty(),
            "{query}: {json}"
        );
    }
    let out = dir.run(&["search", "", "--json"]);
    out.ok();
    let all = evidence::corpus::Corpus::bundled().passage_count() as u64;
    assert_eq!(out.json()["total"].as_u64(), Some(all));
}

/// Chinese and Japanese, written without spaces: a word is found inside a
/// sentence, and highlighted where it is.
#[test]
fn words_of_chinese_and_japanese_are_found_inside_their_sentences() {
    let dir = Dir::new();
    dir.create(
        "c/d-cjk.md",
        "+++\ntitle = \"日本の病院\"\n+++\n\n日本の病院では合併が進んでいる。東京の大学病院も同じだ。\n\nOther text.\n",
    );
    for query in ["合併", "東京", "大学病院"] {
        let out = dir.run(&["--corpus", "c", "search", query, "--json"]);
        out.ok();
        let json = out.json();
        assert_eq!(json["total"], 1, "{query}: {json}");
        let hit = &json["hits"][0];
        let text = hit["text"].as_str().unwrap();
        let ranges: Vec<(usize, usize)> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h[0].as_u64().unwrap() as usize,
                    h[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        // Every character of the word where it is in the sentence.
        let at = text.find(query).unwrap();
        for (i, c) in query.char_indices() {
            let (a, b) = (at + i, at + i + c.len_utf8());
            assert!(ranges.contains(&(a, b)), "{query}: {c} {json}");
        }
    }
    dir.run(&["--corpus", "c", "search", "北京"]).code(1);
}

/// `export --title` names a handout: the markdown's heading, the pandoc
/// export's title and the JSON's, whatever was exported.
#[test]
fn an_export_takes_the_title_it_is_given() {
    let dir = Dir::new();
    let title = "Seminar 3: should hospitals *chain*?";
    let out = dir.run(&["export", "--ids", "big-med/4", "--title", title]);
    out.ok();
    assert!(
        out.stdout
            .starts_with("# Seminar 3: should hospitals \\*chain\\*?\n"),
        "{}",
        out.stdout
    );
    let out = dir.run(&[
        "export",
        "--ids",
        "big-med/4",
        "--title",
        title,
        "--cite",
        "pandoc",
    ]);
    out.ok();
    assert!(out.stdout.contains("title: \"Seminar 3:"), "{}", out.stdout);
    let json = dir
        .run(&[
            "export",
            "--ids",
            "big-med/4",
            "--title",
            " ",
            "--format",
            "json",
        ])
        .json();
    // A blank title is no title: the default.
    assert_eq!(
        json["title"],
        "Excerpts from the Dalton review evidence base"
    );
}

#[test]
fn an_id_spelt_close_to_one_gets_a_suggestion() {
    let dir = Dir::new();
    for (typed, meant) in [
        ("nhs-trust-merger/6", "nhs-trust-mergers/6"),
        ("bigmed", "big-med"),
        ("big-med/06", "big-med/6"),
        ("big-med/6 ", "big-med/6"),
    ] {
        let out = dir.run(&["show", typed]);
        out.code(2);
        assert!(
            out.stderr
                .contains(&format!("`{typed}` (did you mean `{meant}`?);")),
            "{typed}: {}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
    let far = dir.run(&["show", "nope"]);
    far.code(2);
    assert!(!far.stderr.contains("did you mean"), "{}", far.stderr);
}

#[test]
fn a_phrase_nothing_has_says_how_many_have_its_words_apart() {
    let dir = Dir::new();
    let out = dir.run(&["search", "\"costs buddying\"", "--json"]);
    out.code(1);
    let json = out.json();
    assert_eq!(json["total"], 0);
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    let apart = dir.run(&["search", "costs buddying", "--json"]).json();
    let n = apart["total"].as_u64().unwrap();
    assert!(n >= 1);
    assert_eq!(
        notes,
        [format!(
            "no passage has the phrase “costs buddying”; {n} passage{} its words apart (search them without the quotes)",
            if n == 1 { " has" } else { "s have" }
        )]
    );
    // Words no passage has together are said so.
    let none = dir.run(&["search", "\"zebra crossing\"", "--json"]).json();
    assert_eq!(
        none["notes"][0],
        "no passage has the phrase “zebra crossing”, nor all its words"
    );
}
