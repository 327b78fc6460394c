//! Exports as a reader meets them: markdown that gives back exactly the text
//! collected (a property test over awkward text), its citations and reference
//! list; the JSON and CSV shapes and CSV quoting; and `evidence export` on the
//! command line: stdout, files, --force, --ids, formats, exit codes and the
//! errors for missing folders, full devices and unknown ids.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::basket::Excerpt;
use evidence::corpus::{Block, Corpus, Passage, Report, ReportKind, ReportMeta};
use evidence::export::{self, ExportMeta};
use proptest::prelude::*;
use std::fs;
use std::path::PathBuf;
use util::{Dir, keys, set};

fn report(id: &str, organisation: Option<&str>, authors: &[&str], texts: &[&str]) -> Report {
    Report {
        meta: Box::new(ReportMeta {
            id: id.to_string(),
            title: format!("The {id} report"),
            short_title: id.to_string(),
            subtitle: None,
            et_al: false,
            genre: None,
            citekey: None,
            organisation: organisation.map(str::to_string),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            published: Some("2014-09".to_string()),
            kind: ReportKind::Digest,
            tags: Vec::new(),
            source: Default::default(),
            retired_passages: Vec::new(),
            key_sections: Vec::new(),
            path: PathBuf::from(format!("{id}.md")),
            stamp: None,
        }),
        passages: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Passage {
                id: format!("{id}/{}", i + 1),
                report_id: id.to_string(),
                section: Some("Key messages".to_string()),
                text: t.to_string(),
                themes: vec!["mergers".to_string(), "finance-scale".to_string()],
                block: Block::Paragraph { depth: 0 },
                emphasis: Vec::new(),
                pages: None,
                line: i + 1,
                role: Default::default(),
                lead_in: None,
            })
            .collect(),
    }
}

fn excerpts_of(reports: &[Report]) -> Vec<Excerpt> {
    reports
        .iter()
        .flat_map(|r| {
            r.passages
                .iter()
                .map(move |p| Excerpt::new(r, p, "2024-05-01"))
        })
        .collect()
}

fn meta() -> ExportMeta {
    ExportMeta {
        title: "Excerpts on *mergers*".to_string(),
        date: "2024-05-01".to_string(),
        queries: vec![
            "mergers -costs".to_string(),
            "1. \"due diligence\"".to_string(),
        ],
        filters: vec!["theme: governance".to_string()],
        saved: Vec::new(),
        statuses: Vec::new(),
        work_of: Vec::new(),
        notes: Vec::new(),
    }
}

// ---------------------------------------------------------------------------
// Markdown round trip

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

/// Text made of markdown's awkward pieces and arbitrary characters.
fn awkward_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("1. ".to_string()),
        Just("2) ".to_string()),
        Just("- ".to_string()),
        Just("+ ".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\\".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("---".to_string()),
        Just("===".to_string()),
        Just("```".to_string()),
        Just("~~~".to_string()),
        Just("[link](http://x.org)".to_string()),
        Just("<b>".to_string()),
        Just("&amp;".to_string()),
        Just("&#10;".to_string()),
        Just(": ".to_string()),
        Just("| a | b |".to_string()),
        Just("[^1]".to_string()),
        Just("$x$".to_string()),
        Just("“café” — 東京".to_string()),
        "[*_#>\\[\\]`!|~&$^<:=+.)(-]{1,3}".prop_map(|s| s),
        "[a-zA-Z0-9 ]{1,8}".prop_map(|s| s),
        any::<char>()
            .prop_filter("NUL cannot survive markdown", |c| *c != '\0')
            .prop_map(String::from),
    ];
    let pieces = prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat());
    let anything = any::<String>().prop_map(|s| s.replace('\0', ""));
    prop_oneof![3 => pieces, 1 => anything]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn markdown_gives_back_exactly_the_text(text in awkward_text(), note in awkward_text()) {
        let r = report("r", Some("Monitor"), &[], &[&text]);
        let mut excerpts = excerpts_of(std::slice::from_ref(&r));
        excerpts[0].note = note;
        let md = export::markdown(&excerpts, &meta());
        prop_assert_eq!(export::blockquote_texts(&md), vec![text], "{}", md);
    }
}

#[test]
fn markdown_has_title_date_queries_citations_and_notes() {
    let reports = [
        report("a", Some("Monitor"), &[], &["First *passage*.", "Second."]),
        report("b", None, &["Atul Gawande"], &["Third."]),
    ];
    let mut excerpts = excerpts_of(&reports);
    excerpts[1].note = "Compare with b/1.".to_string();
    let md = export::markdown(&excerpts, &meta());
    assert!(md.starts_with("# Excerpts on \\*mergers\\*\n"), "{md}");
    assert!(md.contains("1 May 2024"), "{md}");
    assert!(
        md.contains("- mergers -costs\n- 1\\. \"due diligence\""),
        "{md}"
    );
    assert!(md.contains("theme: governance"), "{md}");
    assert!(
        md.contains("— Monitor, *The a report* (September 2014), Key messages, a/1"),
        "{md}"
    );
    assert!(
        md.contains("— Atul Gawande, *The b report* (September 2014), Key messages, b/1"),
        "{md}"
    );
    assert!(md.contains("**Note:** Compare with b/1."), "{md}");
    assert_eq!(
        export::blockquote_texts(&md),
        ["First *passage*.", "Second.", "Third."]
    );
}

#[test]
fn references_list_each_report_once() {
    let reports = [
        report(
            "a",
            Some("Monitor"),
            &["Jane Doe"],
            &["one", "two", "three"],
        ),
        report("b", None, &["Atul Gawande"], &["four"]),
    ];
    let md = export::markdown(&excerpts_of(&reports), &meta());
    let refs = md
        .split("## References")
        .nth(1)
        .expect("a References section");
    let items: Vec<&str> = refs.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        items,
        [
            "- Monitor; Jane Doe. *The a report*. September 2014.",
            "- Atul Gawande. *The b report*. September 2014."
        ],
        "{md}"
    );
    // Neither is a report of the Dalton pack, so the pack is not credited.
    assert!(!md.contains("Dalton"), "{md}");
}

/// An article in a magazine or journal is cited by its authors, with the
/// periodical after its title, in the citation under each excerpt and in
/// the reference list; a report with authors stays its organisation's.
#[test]
fn an_article_is_cited_by_its_authors_in_its_periodical() {
    let mut article = report("c", Some("The Lancet"), &["Ann Lee", "Bo Chan"], &["five"]);
    article.meta.genre = Some("article-journal".to_string());
    let reports = [
        article,
        report("d", Some("Monitor"), &["Jane Doe"], &["six"]),
    ];
    let excerpts = excerpts_of(&reports);
    assert_eq!(
        excerpts[0].citation().to_string(),
        "Ann Lee, Bo Chan, “The c report”, The Lancet (September 2014), Key messages, c/1"
    );
    assert_eq!(
        excerpts[1].citation().to_string(),
        "Monitor, The d report (September 2014), Key messages, d/1"
    );
    let md = export::markdown(&excerpts, &meta());
    assert!(
        md.contains("— Ann Lee, Bo Chan, “The c report”, *The Lancet* (September 2014)"),
        "{md}"
    );
    assert!(
        md.contains("- Ann Lee, Bo Chan. “The c report”. *The Lancet*. September 2014."),
        "{md}"
    );
    assert!(
        md.contains("- Monitor; Jane Doe. *The d report*. September 2014."),
        "{md}"
    );
    // A basket written before the genre was recorded cites as it did.
    let mut old = excerpts[0].clone();
    old.genre = None;
    assert!(
        old.citation()
            .to_string()
            .starts_with("The Lancet, The c report (September 2014)"),
        "{}",
        old.citation()
    );
}

/// The pack is named and credited for what comes from it, and only then:
/// a user's own documents are not passed off as the Dalton review's.
#[test]
fn the_pack_is_credited_for_its_own_reports_only() {
    let bundled = Corpus::bundled();
    let big_med = bundled.report("big-med").unwrap();
    let from_pack: Vec<Excerpt> = big_med
        .passages
        .iter()
        .take(2)
        .map(|p| Excerpt::new(big_med, p, "2024-05-01"))
        .collect();
    // A user's own overview.md: the id of the pack's overview, not its text.
    let own = excerpts_of(&[report("overview", None, &["A. Reader"], &["Mine."])]);
    let mixed: Vec<Excerpt> = from_pack.iter().chain(&own).cloned().collect();
    let md = |excerpts: &[Excerpt]| {
        let meta = ExportMeta {
            title: export::default_title(excerpts),
            ..meta()
        };
        export::markdown(excerpts, &meta)
    };
    let pack = md(&from_pack);
    assert!(
        pack.starts_with("# Excerpts from the Dalton review evidence base\n"),
        "{pack}"
    );
    assert!(
        pack.contains("from the Dalton review evidence base: 2 excerpts."),
        "{pack}"
    );
    assert!(pack.trim_end().ends_with(export::PACK_CREDIT), "{pack}");
    let mine = md(&own);
    assert!(mine.starts_with("# Evidence excerpts\n"), "{mine}");
    assert!(
        mine.contains("Exported on 1 May 2024: 1 excerpt."),
        "{mine}"
    );
    assert!(!mine.contains("Dalton"), "{mine}");
    let both = md(&mixed);
    assert!(both.starts_with("# Evidence excerpts\n"), "{both}");
    assert!(
        both.contains("Exported on 1 May 2024: 3 excerpts."),
        "{both}"
    );
    assert!(both.trim_end().ends_with(export::PACK_CREDIT), "{both}");
    let json = |excerpts: &[Excerpt]| export::json(excerpts, &meta())["source"].clone();
    assert_eq!(json(&from_pack), export::PACK_CREDIT);
    assert!(json(&own).is_null());
}

#[test]
fn an_empty_export_has_no_references() {
    let md = export::markdown(&[], &meta());
    assert!(!md.contains("## References"), "{md}");
    assert!(export::blockquote_texts(&md).is_empty());
}

// ---------------------------------------------------------------------------
// JSON and CSV

#[test]
fn json_shape_has_every_key_with_null_for_missing_values() {
    let mut r = report("a", None, &[], &["one"]);
    r.published = None;
    r.passages[0].section = None;
    let json = export::json(&excerpts_of(&[r]), &meta());
    assert_eq!(
        keys(&json),
        set(&[
            "title",
            "date",
            "queries",
            "filters",
            "saved_searches",
            // Added: how the export was made (a saved search's lost filter).
            "notes",
            "count",
            "excerpts",
            "source"
        ])
    );
    assert_eq!(json["count"], 1);
    let e = &json["excerpts"][0];
    assert_eq!(
        keys(e),
        set(&[
            "id",
            "report_id",
            "report_title",
            "organisation",
            "authors",
            "published",
            "section",
            "themes",
            "text",
            "note",
            "collected",
            "citation",
            // Added: the one-line form `show` and `search` call `citation`.
            "citation_text",
            // Added: the source's pages (an imported PDF).
            "pages",
            // Added: `same`, or for a basket's excerpt how it compares
            // with the corpus open (`changed`, `gone`, `other-corpus`).
            "status"
        ])
    );
    assert!(e["pages"].is_null());
    assert_eq!(e["status"], "same");
    assert_eq!(e["id"], "a/1");
    assert!(e["organisation"].is_null() && e["published"].is_null());
    assert!(e["section"].is_null() && e["note"].is_null());
    assert_eq!(e["themes"], serde_json::json!(["mergers", "finance-scale"]));
    let c = &e["citation"];
    assert_eq!(
        keys(c),
        set(&[
            "attribution",
            "title",
            "date",
            "section",
            "passage_id",
            "text",
            // Added with the coding frame's front matter.
            "subtitle",
            // Added: where in the source, and a web page's address.
            "locator",
            "url",
            "accessed",
            // Added: the magazine or journal of an article.
            "published_in"
        ])
    );
    assert!(c["attribution"].is_null() && c["section"].is_null());
    assert!(c["published_in"].is_null());
    assert!(c["locator"].is_null() && c["url"].is_null() && c["accessed"].is_null());
    assert_eq!(c["date"], "n.d.");
    assert_eq!(c["text"], "The a report (n.d.), a/1");
}

/// A small RFC 4180 reader, to check what the writer quoted.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR outside quotes");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && row.is_empty(), "no final CRLF");
    rows
}

#[test]
fn csv_gives_the_pages_and_web_address_of_each_excerpt() {
    let reports = [report(
        "a",
        Some("Monitor"),
        &[],
        &["On page twelve.", "No page."],
    )];
    let mut excerpts = excerpts_of(&reports);
    excerpts[0].pages = Some(evidence::corpus::Pages {
        first: 12,
        last: 13,
    });
    excerpts[0].source_url = Some("https://example.org/a".to_string());
    let rows = parse_csv(&export::csv(&excerpts, &meta()));
    assert_eq!(rows[0][11..], ["pages", "url", "status"]);
    assert_eq!(
        rows[1][11..],
        ["pp. 12–13", "https://example.org/a", "same"]
    );
    assert_eq!(rows[2][11..], ["", "", "same"]);
}

#[test]
fn csv_has_its_header_and_quotes_what_it_must() {
    let awkward = "He said \"no\", then left.\nNew line, and a\r\nCRLF";
    let reports = [report("a", Some("Monitor, Inc"), &[], &[awkward, "plain"])];
    let mut excerpts = excerpts_of(&reports);
    excerpts[0].note = "See *this*,\nand \"that\".".to_string();
    let csv = export::csv(&excerpts, &meta());
    // The first eight columns as before; report title, authors, note, pages,
    // url and status appended, so that scripts reading columns by position
    // keep working.
    assert!(csv.starts_with(
        "id,report,organisation,published,section,themes,text,citation,report_title,authors,note,pages,url,status\r\n"
    ));
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 14), "{rows:?}");
    assert_eq!(
        rows[1],
        [
            "a/1",
            "a",
            "Monitor, Inc",
            "2014-09",
            "Key messages",
            "mergers; finance-scale",
            awkward,
            "Monitor, Inc, The a report (September 2014), Key messages, a/1",
            "The a report",
            "",
            "See *this*,\nand \"that\".",
            "",
            "",
            "same"
        ]
    );
    assert_eq!(rows[2][6], "plain");
    assert!(csv.contains("\"He said \"\"no\"\", then left."));
    assert!(csv.contains("\r\na/2,a,\"Monitor, Inc\",2014-09,Key messages,"));
}

// ---------------------------------------------------------------------------
// The command line

/// Runs `evidence export ARGS` in `dir` with its own index folder.
fn export_cmd(dir: &Dir, args: &[&str]) -> util::Output {
    let index = dir.join("index");
    let mut all = vec!["export", "--index-dir", index.to_str().unwrap()];
    all.extend_from_slice(args);
    dir.run(&all)
}

/// `evidence search QUERY --json` with `more` arguments, on the test's index.
fn search_json(dir: &Dir, query: &str, more: &[&str]) -> serde_json::Value {
    let index = dir.join("index");
    let mut args = vec![
        "search",
        query,
        "--json",
        "--index-dir",
        index.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    let out = dir.run(&args);
    out.ok();
    out.json()
}

fn search_texts(dir: &Dir, query: &str) -> Vec<String> {
    search_json(dir, query, &[])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn markdown_to_stdout_parses_back_to_the_hits_with_citations() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["buddying costs"]);
    out.ok();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_eq!(
        export::blockquote_texts(&out.stdout),
        search_texts(&dir, "buddying costs")
    );
    assert!(
        out.stdout
            .contains("Foundation Trust Network, *Buddying Review* (September 2014)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("## References"));
    assert!(out.stdout.contains("buddying costs"));
    // `--out -` is stdout too.
    let dash = export_cmd(&dir, &["buddying costs", "--out", "-"]);
    dash.ok();
    assert_eq!(dash.stdout, out.stdout);
}

#[test]
fn an_existing_file_needs_force() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["buddying", "--out", "notes.md"]);
    out.ok();
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("evidence: wrote ") && out.stderr.contains("excerpts to notes.md"),
        "{}",
        out.stderr
    );
    let first = dir.read("notes.md");
    assert!(!export::blockquote_texts(&first).is_empty());

    dir.create("notes.md", "my own notes");
    let again = export_cmd(&dir, &["buddying", "--out", "notes.md"]);
    again.code(2);
    assert!(
        again.stderr.contains("notes.md") && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    assert_eq!(dir.read("notes.md"), "my own notes");

    export_cmd(&dir, &["buddying", "--out", "notes.md", "--force"]).ok();
    assert_eq!(dir.read("notes.md"), first);
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index")
        .collect();
    assert_eq!(names, ["notes.md"]);
}

#[test]
fn ids_name_passages_and_whole_reports() {
    let dir = Dir::new();
    let out = export_cmd(
        &dir,
        &["--ids", "buddying-review/2,big-med", "--format", "json"],
    );
    out.ok();
    let json = out.json();
    let ids: Vec<&str> = json["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let corpus = Corpus::bundled();
    let big_med = corpus.report("big-med").unwrap();
    let mut expected = vec!["buddying-review/2"];
    expected.extend(big_med.passages.iter().map(|p| p.id.as_str()));
    assert_eq!(ids, expected);
    assert_eq!(json["count"], expected.len());
    let first = &json["excerpts"][0];
    assert_eq!(
        first["text"],
        corpus.passage("buddying-review/2").unwrap().1.text.as_str()
    );
    assert_eq!(first["citation"]["attribution"], "Foundation Trust Network");
    assert_eq!(first["citation"]["section"], "Key messages");

    // Repeated flags add up, and duplicates are exported once.
    let twice = export_cmd(
        &dir,
        &[
            "--ids",
            "big-med/1",
            "--ids",
            "big-med/1,big-med/2",
            "--format",
            "json",
        ],
    );
    twice.ok();
    assert_eq!(twice.json()["count"], 2);
}

#[test]
fn an_unknown_id_is_an_error() {
    let dir = Dir::new();
    let out = export_cmd(
        &dir,
        &["--ids", "big-med/1,no-such-report", "--out", "x.md"],
    );
    out.code(2);
    assert!(out.stderr.contains("no-such-report"), "{}", out.stderr);
    assert!(!dir.join("x.md").exists());
    // --ids and a query do not go together.
    export_cmd(&dir, &["mergers", "--ids", "big-med/1"]).code(2);
}

#[test]
fn ids_that_name_nothing_are_an_error() {
    let dir = Dir::new();
    for ids in ["", ",", " , ,"] {
        let out = export_cmd(&dir, &["--ids", ids, "--out", "x.md"]);
        out.code(2);
        assert_eq!(out.stdout, "");
        assert_eq!(
            out.stderr,
            "evidence: --ids names no passage or report; give ids such as big-med/4 or big-med\n",
            "--ids {ids:?}"
        );
        assert!(!dir.join("x.md").exists(), "--ids {ids:?}");
    }
    // An empty --ids beside real ones is harmless.
    let out = export_cmd(
        &dir,
        &["--ids", "", "--ids", "big-med/1", "--format", "json"],
    );
    out.ok();
    assert_eq!(out.json()["count"], 1);
}

#[test]
fn limit_does_not_go_with_ids() {
    let dir = Dir::new();
    for args in [
        ["--ids", "big-med", "--limit", "2"],
        ["--limit", "2", "--ids", "big-med"],
    ] {
        let out = export_cmd(&dir, &args);
        out.code(2);
        assert_eq!(out.stdout, "");
        let first = out.stderr.lines().next().unwrap();
        assert!(
            first.contains("cannot be used with")
                && first.contains("'--ids <ID,…>'")
                && first.contains("'--limit <N>'"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn csv_and_json_formats() {
    let dir = Dir::new();
    let csv = export_cmd(&dir, &["--ids", "big-med/1,big-med/2", "--format", "csv"]);
    csv.ok();
    let rows = parse_csv(&csv.stdout);
    assert_eq!(
        rows[0],
        [
            "id",
            "report",
            "organisation",
            "published",
            "section",
            "themes",
            "text",
            "citation",
            "report_title",
            "authors",
            "note",
            "pages",
            "url",
            "status"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0], "big-med/1");
    // A magazine article is cited by its author, in its magazine; its text
    // is the pack's summary, which the citation credits, as in markdown.
    assert_eq!(
        rows[1][7],
        "Atul Gawande, “Big Med”, The New Yorker (13 August 2012), big-med/1; \
         as summarised in Department of Health, Examining new options and \
         opportunities for providers of NHS care: evidence pack (December 2014)"
    );
    assert_eq!(rows[1][8], "Big Med");
    assert_eq!(rows[1][9], "Atul Gawande");
    assert_eq!(rows[1][2], "The New Yorker");
    assert_eq!(rows[1][3], "2012-08-13");

    let json = export_cmd(&dir, &["mergers", "--limit", "3", "--format", "json"]);
    json.ok();
    let v = json.json();
    assert_eq!(v["queries"], serde_json::json!(["mergers"]));
    assert_eq!(v["excerpts"].as_array().unwrap().len(), 3);
    assert_eq!(v["count"], 3);
}

/// The total a search for `query` reports, whatever its `--limit`.
fn search_total(dir: &Dir, query: &str) -> u64 {
    search_json(dir, query, &["--limit", "1"])["total"]
        .as_u64()
        .unwrap()
}

/// An export written into the corpus folder under a name of the user's is
/// read as a report, its excerpts found twice: said when it is written.
#[test]
fn an_export_written_into_the_corpus_folder_says_it_will_be_searched() {
    let dir = Dir::new();
    dir.run(&["init", "c"]).ok();
    let into = |name: &str| {
        dir.run(&[
            "--corpus",
            "c",
            "export",
            "--ids",
            "big-med/4",
            "--out",
            name,
        ])
    };
    let out = into("c/article-excerpts.md");
    out.ok();
    assert!(
        out.stderr
            .contains("evidence: note: c/article-excerpts.md is inside the corpus folder")
            && out.stderr.contains("it will be searched as a report"),
        "{}",
        out.stderr
    );
    // Outside the folder, or under the default name the folder passes
    // over, nothing is said.
    for name in ["excerpts.md", "c/evidence-excerpts-2026-12-08.md"] {
        let out = into(name);
        out.ok();
        assert!(!out.stderr.contains("note:"), "{name}: {}", out.stderr);
    }
}

#[test]
fn an_export_cut_by_limit_says_how_many_matched() {
    let dir = Dir::new();
    let total = search_total(&dir, "the");
    assert!(total > 20, "{total}");
    let out = export_cmd(&dir, &["the", "--out", "trunc.md"]);
    out.ok();
    assert_eq!(
        out.stderr,
        format!(
            "evidence: wrote 20 of {total} matching excerpts to trunc.md (--limit N for more)\n"
        )
    );
    let md = dir.read("trunc.md");
    assert_eq!(export::blockquote_texts(&md).len(), 20);
    assert!(md.contains("evidence base: 20 excerpts."), "{md}");

    // To stdout, a note says the same.
    let out = export_cmd(&dir, &["the", "--limit", "3"]);
    out.ok();
    assert_eq!(
        out.stderr,
        format!("evidence: note: exported 3 of {total} matching excerpts (--limit N for more)\n")
    );
    // Nothing is said when every hit is exported.
    let all = total.to_string();
    let out = export_cmd(&dir, &["the", "--limit", &all, "--out", "all.md"]);
    out.ok();
    assert_eq!(
        out.stderr,
        format!("evidence: wrote {total} excerpts to all.md\n")
    );
    // -o is --out, as in pandoc and curl: the file is written, and the
    // query is the query alone.
    let out = export_cmd(&dir, &["the", "--limit", "3", "-o", "short.md"]);
    out.ok();
    let short = std::fs::read_to_string(dir.join("short.md")).unwrap();
    assert!(short.contains("- the\n"), "{short}");
    assert!(!short.contains("short.md"), "{short}");
    // --limit 0 exports nothing, and says why.
    let out = export_cmd(&dir, &["the", "--limit", "0", "--out", "none.md"]);
    out.code(1);
    assert!(
        out.stderr
            .contains(&format!("{total} passages matched, but --limit is 0")),
        "{}",
        out.stderr
    );
    assert!(!dir.join("none.md").exists());
}

/// A list item's citation names no lead-in as its section (a sentence is
/// no locator), and the export gives the lead-in before the quotation, so
/// the item keeps its context; `show` prints the lead-in once, not again as
/// a heading.
#[test]
fn a_list_item_is_exported_with_its_lead_in_and_cited_without_it() {
    let dir = Dir::new();
    let out = dir.run(&["export", "--ids", "changing-hospital-landscape/4"]);
    out.ok();
    let lead = "specific objectives varied by country";
    let md = &out.stdout;
    let context = md.find("*In a list introduced by:*").expect(md);
    let quote = md.find("> Germany sought").expect(md);
    assert!(context < quote && md[context..quote].contains(lead), "{md}");
    let cite = md.lines().find(|l| l.starts_with("— ")).expect(md);
    assert!(!cite.contains(lead), "{cite}");
    assert!(
        cite.contains("(July 2014), changing-hospital-landscape/4"),
        "{cite}"
    );
    let out = dir.run(&["show", "changing-hospital-landscape"]);
    out.ok();
    assert_eq!(out.stdout.matches(lead).count(), 1, "{}", out.stdout);
}

#[test]
fn filters_apply_and_are_recorded() {
    let dir = Dir::new();
    let out = export_cmd(
        &dir,
        &[
            "buddying",
            "--report",
            "buddying-review",
            "--format",
            "json",
        ],
    );
    out.ok();
    let v = out.json();
    assert_eq!(v["filters"], serde_json::json!(["report: buddying-review"]));
    assert!(
        v["excerpts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["report_id"] == "buddying-review")
    );
}

#[test]
fn no_match_exits_1_and_writes_nothing() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["xqzjvkwpfh", "--out", "empty.md"]);
    out.code(1);
    assert!(out.stdout.is_empty());
    assert!(!dir.join("empty.md").exists());
}

#[test]
fn a_missing_folder_is_named() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["buddying", "--out", "no/such/folder/notes.md"]);
    out.code(2);
    assert!(
        out.stderr.contains("no/such/folder") && out.stderr.contains("no such folder"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(!dir.join("no").exists());
    // A name ending in `/` is a folder, never a file of that name.
    let out = export_cmd(&dir, &["buddying", "--out", "drafts/"]);
    out.code(2);
    assert!(
        out.stderr.contains("drafts/: no such folder"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("drafts").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_takes_no_file_is_named() {
    let dir = Dir::new();
    // /proc answers "not found" to a new file; /sys "permission denied", even
    // to root, or "read-only file system" where it is mounted so.
    let mut tried = 0;
    for target in ["/proc/x.md", "/sys/x.md"] {
        if !std::path::Path::new(target).parent().unwrap().is_dir() {
            continue;
        }
        tried += 1;
        let out = export_cmd(&dir, &["buddying", "--out", target]);
        out.code(2);
        let reason = out
            .stderr
            .strip_prefix(&format!("evidence: {target}: cannot write a file there ("))
            .and_then(|s| s.strip_suffix("); choose another place to write\n"));
        assert!(
            reason.is_some_and(|r| [
                "the folder takes no new files",
                "permission denied",
                "read-only file system"
            ]
            .contains(&r)),
            "{}",
            out.stderr
        );
    }
    // Linux has both; a system with neither would test nothing here.
    assert!(
        tried > 0 || !cfg!(target_os = "linux"),
        "neither /proc nor /sys"
    );
}

#[cfg(unix)]
#[test]
fn a_link_needs_force_and_is_written_through() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    let is_link = |name: &str| {
        fs::symlink_metadata(dir.join(name))
            .unwrap()
            .file_type()
            .is_symlink()
    };
    // A link that leads nowhere is there all the same.
    symlink("missing.md", dir.join("dangling.md")).unwrap();
    let out = export_cmd(&dir, &["--ids", "big-med/3", "--out", "dangling.md"]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "evidence: dangling.md: already exists (use --force to overwrite)\n"
    );
    assert!(is_link("dangling.md") && !dir.join("missing.md").exists());

    // With --force, the file a link leads to is written and the link stays.
    dir.create("notes/real.md", "my own notes");
    symlink("notes/real.md", dir.join("link.md")).unwrap();
    export_cmd(&dir, &["--ids", "big-med/3", "--out", "link.md"]).code(2);
    assert_eq!(dir.read("notes/real.md"), "my own notes");
    let out = export_cmd(&dir, &["--ids", "big-med/3", "--out", "link.md", "--force"]);
    out.ok();
    assert_eq!(out.stderr, "evidence: wrote 1 excerpt to link.md\n");
    assert!(is_link("link.md"));
    let md = dir.read("notes/real.md");
    assert_eq!(
        export::blockquote_texts(&md),
        [Corpus::bundled()
            .passage("big-med/3")
            .unwrap()
            .1
            .text
            .as_str()]
    );
    let out = export_cmd(
        &dir,
        &["--ids", "big-med/3", "--out", "dangling.md", "--force"],
    );
    out.ok();
    assert!(is_link("dangling.md"));
    assert_eq!(dir.read("missing.md"), md);
    // No temporary file is left beside the link or its target.
    let names = |d: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(dir.path()),
        ["dangling.md", "index", "link.md", "missing.md", "notes"]
    );
    assert_eq!(names(&dir.join("notes")), ["real.md"]);

    // Links that lead round in a loop are an error, even with --force.
    symlink("b.md", dir.join("a.md")).unwrap();
    symlink("a.md", dir.join("b.md")).unwrap();
    let out = export_cmd(&dir, &["--ids", "big-med/3", "--out", "a.md", "--force"]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "evidence: a.md: a symbolic link that leads round in a loop; choose another place to write\n"
    );
}

#[test]
fn a_folder_as_the_target_is_an_error() {
    let dir = Dir::new();
    fs::create_dir(dir.join("out")).unwrap();
    let out = export_cmd(&dir, &["buddying", "--out", "out"]);
    out.code(2);
    assert!(out.stderr.contains("out: is a folder"), "{}", out.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_a_clear_error() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let dir = Dir::new();
    let out = export_cmd(&dir, &["buddying", "--out", "/dev/full"]);
    out.code(2);
    assert!(
        out.stderr.starts_with("evidence: /dev/full: ") && out.stderr.contains("space"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_device_is_written_without_force() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["buddying", "--out", "/dev/null"]);
    out.ok();
    assert!(out.stderr.contains("to /dev/null"), "{}", out.stderr);
}

#[test]
fn paths_with_spaces_and_accents_work() {
    let dir = Dir::new();
    fs::create_dir(dir.join("my notes")).unwrap();
    let out = export_cmd(
        &dir,
        &["--ids", "big-med/3", "--out", "my notes/Évidence café.md"],
    );
    out.ok();
    assert!(
        out.stderr
            .contains("wrote 1 excerpt to my notes/Évidence café.md"),
        "{}",
        out.stderr
    );
    let md = dir.read("my notes/Évidence café.md");
    let corpus = Corpus::bundled();
    assert_eq!(
        export::blockquote_texts(&md),
        [corpus.passage("big-med/3").unwrap().1.text.as_str()]
    );
}

#[test]
fn help_lists_export() {
    let dir = Dir::new();
    let out = dir.run(&["--help"]);
    out.ok();
    assert!(out.stdout.contains("evidence export"), "{}", out.stdout);
}

/// A note is the user's markdown: emphasis and links stay as written, and
/// only what would start a block of its own is escaped, so the note stays
/// one paragraph and never becomes a quotation.
#[test]
fn notes_keep_their_markdown() {
    let reports = [report("a", Some("Monitor"), &[], &["One."])];
    let mut excerpts = excerpts_of(&reports);
    excerpts[0].note =
        "Compare *mergers* with [b/1](#b).\n> not a quote\n# not a heading\n1. not a list"
            .to_string();
    let md = export::markdown(&excerpts, &meta());
    assert!(
        md.contains("**Note:** Compare *mergers* with [b/1](#b).\\\n\\> not a quote\\\n\\# not a heading\\\n1\\. not a list"),
        "{md}"
    );
    assert_eq!(export::blockquote_texts(&md), ["One."]);
}

/// A note's angle brackets are text, not HTML that a renderer drops; an
/// autolink in one stays a link.
#[test]
fn a_note_s_angle_brackets_are_shown() {
    let reports = [report("a", Some("Monitor"), &[], &["One.", "Two."])];
    let mut excerpts = excerpts_of(&reports);
    excerpts[0].note = "cost & <buddies>, see <https://example.org/a?b=1&c=2>".to_string();
    let md = export::markdown(&excerpts, &meta());
    assert!(
        md.contains("**Note:** cost & &lt;buddies>, see <https://example.org/a?b=1&c=2>"),
        "{md}"
    );
}

/// A note that opens an HTML comment does not hide the excerpts after it.
#[test]
fn a_note_cannot_open_a_comment() {
    let reports = [report("a", Some("Monitor"), &[], &["One.", "Two."])];
    let mut excerpts = excerpts_of(&reports);
    excerpts[0].note = "see a/2 --> <!-- x".to_string();
    let md = export::markdown(&excerpts, &meta());
    assert!(md.contains("**Note:** see a/2 --> &lt;!-- x"), "{md}");
    assert_eq!(md.matches("<!--").count(), 2, "only the two records: {md}");
    if let Ok(out) = std::process::Command::new("pandoc")
        .args(["-f", "markdown", "-t", "plain"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(md.as_bytes())?;
            child.wait_with_output()
        })
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Two."),
            "pandoc hid the second excerpt: {text}"
        );
    } else {
        eprintln!("pandoc is not installed: the rendered check is skipped");
    }
}

/// A summary in the pack is cited as one, and the pack is a reference of
/// its own.
#[test]
fn a_summary_is_cited_as_summarised_in_the_pack() {
    let bundled = Corpus::bundled();
    let r = bundled.report("buddying-review").unwrap();
    let p = r
        .passages
        .iter()
        .find(|p| p.id == "buddying-review/9")
        .unwrap();
    let md = export::markdown(&[Excerpt::new(r, p, "2024-05-01")], &meta());
    assert!(
        md.contains(
            "— Foundation Trust Network, *Buddying Review* (September 2014), Key messages, buddying-review/9; \
             as summarised in Department of Health, *Examining new options and opportunities for providers of NHS care: evidence pack* (December 2014)"
        ),
        "{md}"
    );
    let refs = md.split("## References").nth(1).unwrap();
    let items: Vec<&str> = refs.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        items,
        [
            "- Foundation Trust Network. *Buddying Review*. September 2014.",
            "- Department of Health. *Examining new options and opportunities for providers of NHS care: evidence pack*. December 2014."
        ]
    );
}

// ---------------------------------------------------------------------------
// Markdown for pandoc (`--cite pandoc`)

/// The bundled passages `ids` as excerpts, with their works as `cite` gives
/// them.
fn bundled_excerpts(ids: &[&str]) -> (Vec<Excerpt>, Vec<evidence::cite::Work>) {
    let bundled = Corpus::bundled();
    let excerpts: Vec<Excerpt> = ids
        .iter()
        .map(|id| {
            let (r, p) = bundled.passage(id).unwrap();
            Excerpt::new(r, p, "2024-05-01")
        })
        .collect();
    let works = evidence::cite::works(&bundled, excerpts.iter().map(|e| e.report_id.as_str()));
    (excerpts, works)
}

/// The front matter of a pandoc export: the lines between the `---` lines.
fn front_matter(md: &str) -> Vec<&str> {
    let rest = md.strip_prefix("---\n").expect("front matter first");
    rest.split("\n---\n").next().unwrap().lines().collect()
}

#[test]
fn pandoc_citations_name_key_paragraph_pack_and_passage() {
    let (excerpts, works) = bundled_excerpts(&["buddying-review/9", "big-med/4"]);
    let md = export::pandoc(
        &excerpts,
        &meta(),
        &works,
        export::PandocRefs::File("excerpts.json"),
    );
    assert_eq!(
        front_matter(&md),
        [
            r#"title: "Excerpts on \\*mergers\\*""#,
            r#"bibliography: "excerpts.json""#
        ]
    );
    assert!(
        md.contains(
            "\n— [@ftn2014buddying; as summarised in @dh2014examining], buddying-review/9\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("\n— [@gawande2012big; as summarised in @dh2014examining], big-med/4\n"),
        "{md}"
    );
    // pandoc puts the reference list in the `refs` div, before the credit.
    let tail = md.split("## References\n\n").nth(1).unwrap();
    assert!(
        tail.starts_with("::: {#refs}\n:::\n\nPassages from the bundled reports"),
        "{tail}"
    );
    // The quotations and the records `verify` reads are as in the plain export.
    assert_eq!(
        export::blockquote_texts(&md),
        excerpts.iter().map(|e| e.text.clone()).collect::<Vec<_>>()
    );
    assert!(md.contains(&export::record("big-med/4", &excerpts[1].text)));
    // No second title: pandoc shows the front matter's.
    assert!(!md.contains("\n# "), "{md}");
}

#[test]
fn pandoc_references_inline_are_csl_items_one_a_line() {
    let (excerpts, works) = bundled_excerpts(&["buddying-review/9", "big-med/4"]);
    let md = export::pandoc(&excerpts, &meta(), &works, export::PandocRefs::Inline);
    let lines = front_matter(&md);
    assert_eq!(lines[1], "references:");
    let items: Vec<serde_json::Value> = lines[2..]
        .iter()
        .map(|l| serde_json::from_str(l.strip_prefix("- ").unwrap()).unwrap())
        .collect();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["ftn2014buddying", "gawande2012big", "dh2014examining"]
    );
    assert_eq!(items[0]["type"], "report");
    assert_eq!(items[0]["author"][0]["literal"], "Foundation Trust Network");
    assert_eq!(
        items[1]["issued"]["date-parts"][0],
        serde_json::json!([2012, 8, 13])
    );
}

/// pandoc reads `@word` as a citation and metadata as markdown: text stays
/// text.
#[test]
fn pandoc_export_escapes_what_pandoc_would_read_as_citations() {
    let reports = [report(
        "mail",
        Some("A*B Trust"),
        &[],
        &["Write to info@nhs.example or @team."],
    )];
    let excerpts = excerpts_of(&reports);
    let md = export::pandoc(&excerpts, &meta(), &[], export::PandocRefs::Inline);
    assert!(
        md.contains("> Write to info\\@nhs.example or \\@team."),
        "{md}"
    );
    assert_eq!(
        export::blockquote_texts(&md),
        ["Write to info@nhs.example or @team."]
    );
    // A report that is not among the works keeps its plain citation and is
    // listed after pandoc's.
    assert!(
        md.contains("— A\\*B Trust, *The mail report* (September 2014), Key messages, mail/1\n"),
        "{md}"
    );
    assert!(
        md.ends_with("::: {#refs}\n:::\n\n- A\\*B Trust. *The mail report*. September 2014.\n"),
        "{md}"
    );
}

#[test]
fn pandoc_export_to_a_file_writes_its_bibliography_beside_it() {
    let dir = Dir::new();
    let out = export_cmd(
        &dir,
        &[
            "--ids",
            "buddying-review/9",
            "--cite",
            "pandoc",
            "--out",
            "excerpts.md",
        ],
    );
    out.ok();
    assert!(
        out.stderr
            .contains("wrote 1 excerpt to excerpts.md, their references to excerpts.json"),
        "{}",
        out.stderr
    );
    let md = dir.read("excerpts.md");
    assert_eq!(front_matter(&md)[1], r#"bibliography: "excerpts.json""#);
    let items: serde_json::Value = serde_json::from_str(&dir.read("excerpts.json")).unwrap();
    let ids: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ftn2014buddying", "dh2014examining"]);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);

    // Into another folder: the bibliography is named by its file name, so
    // the note says where pandoc must run to find it.
    fs::create_dir(dir.join("draft")).unwrap();
    let out = export_cmd(
        &dir,
        &[
            "--ids",
            "buddying-review/9",
            "--cite",
            "pandoc",
            "--out",
            "draft/x.md",
        ],
    );
    out.ok();
    assert!(
        out.stderr.contains(
            "note: pandoc finds the references from draft: run `pandoc x.md --citeproc` there, or add --resource-path=draft"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        front_matter(&dir.read("draft/x.md"))[1],
        r#"bibliography: "x.json""#
    );

    // BibTeX on request, read by a real parser.
    let out = export_cmd(
        &dir,
        &[
            "--ids",
            "buddying-review/9",
            "--cite",
            "pandoc",
            "--out",
            "b.md",
            "--bibliography",
            "bib",
        ],
    );
    out.ok();
    assert_eq!(
        front_matter(&dir.read("b.md"))[1],
        r#"bibliography: "b.bib""#
    );
    let bib = biblatex::Bibliography::parse(&dir.read("b.bib")).unwrap();
    assert!(bib.get("ftn2014buddying").is_some() && bib.get("dh2014examining").is_some());

    // verify reads a pandoc export as it reads a plain one.
    let verify = dir.run(&["verify", "excerpts.md", "--json"]);
    verify.ok();
}

#[test]
fn pandoc_export_writes_neither_file_over_an_existing_one() {
    let dir = Dir::new();
    dir.create("excerpts.json", "[]");
    let args = [
        "--ids",
        "buddying-review/9",
        "--cite",
        "pandoc",
        "--out",
        "excerpts.md",
    ];
    let out = export_cmd(&dir, &args);
    out.code(2);
    assert!(
        out.stderr
            .contains("excerpts.json: already exists (use --force"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("excerpts.md").exists());
    assert_eq!(dir.read("excerpts.json"), "[]");
    // And the other way round: an existing export keeps its bibliography
    // from being written.
    fs::remove_file(dir.join("excerpts.json")).unwrap();
    dir.create("excerpts.md", "mine");
    export_cmd(&dir, &args).code(2);
    assert!(!dir.join("excerpts.json").exists());
    assert_eq!(dir.read("excerpts.md"), "mine");
    // --force replaces both.
    let mut forced = args.to_vec();
    forced.push("--force");
    export_cmd(&dir, &forced).ok();
    assert!(dir.read("excerpts.md").contains("bibliography:"));
    assert!(dir.read("excerpts.json").contains("ftn2014buddying"));
}

#[test]
fn pandoc_flags_that_do_not_go_together_are_one_clear_error() {
    let dir = Dir::new();
    for (args, message) in [
        (
            &["buddying", "--cite", "pandoc", "--format", "json"][..],
            "--cite pandoc writes markdown, not --format json; leave --format out",
        ),
        (
            &["buddying", "--bibliography", "bib"][..],
            "--bibliography names the file --cite pandoc writes beside --out; add --cite pandoc",
        ),
        (
            &["buddying", "--cite", "pandoc", "--bibliography", "json"][..],
            "on stdout the references are in the front matter",
        ),
        (
            &["buddying", "--cite", "pandoc", "--out", "x.json"][..],
            "x.json: the bibliography beside it would have the same name",
        ),
    ] {
        let out = export_cmd(&dir, args);
        out.code(2);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    assert!(!dir.join("x.json").exists());
}

/// pandoc itself, when installed: the citation and the reference list as
/// its citeproc renders them, from a file with a bibliography beside it
/// and from stdout with the references inline.
#[test]
fn pandoc_renders_the_citations_and_the_reference_list() {
    let Ok(version) = std::process::Command::new("pandoc")
        .arg("--version")
        .output()
    else {
        eprintln!("skipped: pandoc is not on PATH");
        return;
    };
    assert!(version.status.success());
    let dir = Dir::new();
    let args = ["--ids", "buddying-review/9,big-med/4"];
    let stdout = export_cmd(&dir, &[&args[..], &["--cite", "pandoc"]].concat());
    stdout.ok();
    dir.create("stdout.md", &stdout.stdout);
    export_cmd(
        &dir,
        &[&args[..], &["--cite", "pandoc", "--out", "file.md"]].concat(),
    )
    .ok();
    export_cmd(
        &dir,
        &[
            &args[..],
            &[
                "--cite",
                "pandoc",
                "--out",
                "bib.md",
                "--bibliography",
                "bib",
            ],
        ]
        .concat(),
    )
    .ok();
    for name in ["stdout.md", "file.md", "bib.md"] {
        let out = std::process::Command::new("pandoc")
            .args([name, "--citeproc", "-t", "plain", "--wrap=none"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        assert!(!stderr.contains("not found"), "{name}: {stderr}");
        for expected in [
            "— (Foundation Trust Network 2014; as summarised in Department of Health 2014), buddying-review/9",
            "— (Gawande 2012; as summarised in Department of Health 2014), big-med/4",
            "Foundation Trust Network. 2014. “Buddying Review.” Foundation Trust Network.",
            "Gawande, Atul. 2012. “Big Med.” The New Yorker, August",
            "Department of Health. 2014. “Examining",
        ] {
            assert!(
                text.contains(expected),
                "{name}: no {expected:?} in\n{text}"
            );
        }
        // The reference list comes before the credit, under its heading.
        let refs = text.find("Department of Health. 2014.").unwrap();
        assert!(text.find("References").unwrap() < refs);
        assert!(refs < text.find("Passages from the bundled reports").unwrap());
    }
    // And a Word document, as the README says.
    let docx = std::process::Command::new("pandoc")
        .args(["file.md", "--citeproc", "-o", "file.docx"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(docx.success());
    assert!(fs::metadata(dir.join("file.docx")).unwrap().len() > 1000);
}

// ---------------------------------------------------------------------------
// Citation styles (`--style`)

/// The citation lines and the reference list of a styled export.
fn styled(style: evidence::cite::Style) -> (Vec<String>, Vec<String>) {
    let (excerpts, works) = bundled_excerpts(&["buddying-review/9", "big-med/4"]);
    let md = export::styled_markdown(&excerpts, &meta(), &works, style).unwrap();
    assert_eq!(
        export::blockquote_texts(&md),
        excerpts.iter().map(|e| e.text.clone()).collect::<Vec<_>>()
    );
    let cites = md
        .lines()
        .filter(|l| l.starts_with("— "))
        .map(str::to_string)
        .collect();
    let refs = md.split("## References\n\n").nth(1).unwrap();
    let refs = refs
        .lines()
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    (cites, refs)
}

#[test]
fn apa_puts_the_year_after_the_authors() {
    let (cites, refs) = styled(evidence::cite::Style::Apa);
    assert_eq!(
        cites[0],
        "— (Foundation Trust Network, 2014, as summarised in Department of Health, 2014), buddying-review/9"
    );
    assert_eq!(
        refs,
        [
            "- Department of Health. (2014). *Examining new options and opportunities for providers of NHS care: evidence pack*. Department of Health.",
            "- Foundation Trust Network. (2014). *Buddying Review*. Foundation Trust Network.",
            "- Gawande, A. (2012, August 13). Big Med. *The New Yorker*.",
        ]
    );
}

#[test]
fn harvard_has_the_year_in_brackets_and_no_full_stop() {
    let (cites, refs) = styled(evidence::cite::Style::Harvard);
    assert_eq!(
        cites[1],
        "— (Gawande, 2012, as summarised in Department of Health, 2014), big-med/4"
    );
    assert!(
        refs.contains(
            &"- Foundation Trust Network (2014) *Buddying Review*. Foundation Trust Network."
                .to_string()
        ),
        "{refs:?}"
    );
    assert!(
        // British English, as Cite Them Right writes: single quotes, the
        // comma outside them.
        refs.contains(&"- Gawande, A. (2012) ‘Big Med’, *The New Yorker*, 13 August.".to_string()),
        "{refs:?}"
    );
}

#[test]
fn chicago_author_date_has_no_comma_before_the_year() {
    let (cites, refs) = styled(evidence::cite::Style::Chicago);
    assert_eq!(
        cites[0],
        "— (Foundation Trust Network 2014, as summarised in Department of Health 2014), buddying-review/9"
    );
    assert!(
        refs.contains(
            &"- Gawande, Atul. 2012. “Big Med.” *The New Yorker*, August 13.".to_string()
        ),
        "{refs:?}"
    );
}

#[test]
fn vancouver_numbers_the_works_in_the_order_cited() {
    let (cites, refs) = styled(evidence::cite::Style::Vancouver);
    assert!(cites[0].starts_with("— \\[1"), "{cites:?}");
    assert!(cites[0].ends_with(", buddying-review/9"), "{cites:?}");
    assert!(
        refs[0].starts_with("1. Foundation Trust Network. Buddying Review."),
        "{refs:?}"
    );
    assert!(refs[1].starts_with("2. Department of Health."), "{refs:?}");
    assert!(refs[2].starts_with("3. Gawande A. Big Med."), "{refs:?}");
}

/// Two works by one author in one year take letters in the reference
/// list's order (by title), whichever is cited first: a reader who finds
/// "2014a" in the text finds it first in the list.
#[test]
fn same_author_same_year_letters_follow_the_reference_list() {
    for style in [
        evidence::cite::Style::Apa,
        evidence::cite::Style::Harvard,
        evidence::cite::Style::Chicago,
    ] {
        // "Improving NHS Care…" is cited first, "Credentialing…" listed first.
        let (excerpts, works) =
            bundled_excerpts(&["engaging-staff/6", "credentialing-providers/1"]);
        let md = export::styled_markdown(&excerpts, &meta(), &works, style).unwrap();
        let line = |needle: &str| {
            md.lines()
                .find(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{needle} in {md}"))
                .to_string()
        };
        assert!(line("engaging-staff/6").contains("2014b"), "{md}");
        assert!(line("credentialing-providers/1").contains("2014a"), "{md}");
        let refs = md.split("## References\n\n").nth(1).unwrap();
        let a = refs.find("2014a").unwrap();
        let b = refs.find("2014b").unwrap();
        assert!(a < b, "{refs}");
        assert!(refs[a..b].contains("Credentialing"), "{refs}");
    }
}

#[test]
fn style_on_the_command_line() {
    let dir = Dir::new();
    let out = export_cmd(&dir, &["--ids", "big-med/4", "--style", "apa"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "\n— (Gawande, 2012, as summarised in Department of Health, 2014), big-med/4\n"
        ),
        "{}",
        out.stdout
    );
    for (args, message) in [
        (
            &["big-med", "--style", "apa", "--format", "csv"][..],
            "--style formats a markdown export's citations, not --format csv",
        ),
        (
            &["big-med", "--style", "apa", "--cite", "pandoc"][..],
            "--style is for the plain markdown export",
        ),
    ] {
        let out = export_cmd(&dir, args);
        out.code(2);
        assert!(out.stderr.contains(message), "{}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1);
    }
}

/// Exports to one new file at once, without --force: exactly one writes it
/// and the others say it exists (a check before writing would let several
/// find the name free, each overwriting the last). The pandoc pair comes
/// from one run: its markdown cites what its bibliography holds.
#[test]
fn exports_at_once_to_one_new_name_write_it_once() {
    let dir = Dir::new();
    // Built once first, so that the runs race on the export, not the index.
    export_cmd(&dir, &["--ids", "big-med/1", "--out", "-"]).ok();
    let runs = 8;
    let race = |extra: &[&str], out: &str| -> Vec<util::Output> {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..runs)
                .map(|i| {
                    let dir = &dir;
                    let mut args: Vec<String> = vec![
                        "--ids".into(),
                        format!("{}/{}", ["big-med", "provider-chains"][i % 2], 2 + i),
                        "--out".into(),
                        out.into(),
                    ];
                    args.extend(extra.iter().map(|a| a.to_string()));
                    s.spawn(move || {
                        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                        export_cmd(dir, &refs)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    };
    let outs = race(&[], "race.md");
    assert_eq!(outs.iter().filter(|o| o.code == 0).count(), 1);
    for o in outs.iter().filter(|o| o.code != 0) {
        assert_eq!(o.code, 2);
        assert!(o.stderr.contains("already exists"), "{}", o.stderr);
    }
    let outs = race(&["--cite", "pandoc"], "pair.md");
    assert_eq!(outs.iter().filter(|o| o.code == 0).count(), 1);
    let markdown = dir.read("pair.md");
    let bibliography: serde_json::Value = serde_json::from_str(&dir.read("pair.json")).unwrap();
    let ids: Vec<&str> = bibliography
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.iter().any(|id| markdown.contains(&format!("@{id}"))),
        "{ids:?} not cited in {markdown}"
    );
    assert!(
        ids.iter().all(|id| markdown.contains(&format!("@{id}"))),
        "{ids:?} {markdown}"
    );
}
