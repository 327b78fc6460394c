//! The basket from the command line, through the binary with a private data
//! folder: `basket` lists what `basket add` put in (passages, whole reports,
//! each once), unknown and retired ids change nothing, `rm` and `clear`
//! take out (and `clear` keeps notes unless told `--yes`), the list marks
//! notes and excerpts that changed, went or came from another corpus,
//! `--workspace` and `--corpus` choose whose basket, a change merges with
//! another instance's, and `export --basket` writes the basket with its
//! notes in its order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::basket::{Basket, Excerpt};
use evidence::corpus::Corpus;
use evidence::json;
use evidence::workspace::CorpusRef;
use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use util::{Dir, Output};

/// `evidence` with `args`, the data folder in `dir/data` and an index
/// folder of its own (never built: the basket commands only read the corpus).
fn run(dir: &Dir, args: &[&str]) -> Output {
    util::run(
        dir.command(args)
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    )
}

/// The bundled corpus's basket file.
fn basket_file(dir: &Dir) -> PathBuf {
    dir.join("data/workspaces/bundled/basket.json")
}

/// The bundled corpus's basket as saved.
fn saved(dir: &Dir) -> Basket {
    Basket::load(&basket_file(dir)).unwrap().basket
}

fn ids(b: &Basket) -> Vec<&str> {
    b.excerpts.iter().map(|e| e.passage_id.as_str()).collect()
}

/// The passage ids of `basket --json`.
fn listed_ids(json: &Value) -> Vec<String> {
    json["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// The passage ids of a report of the bundled corpus, in corpus order.
fn passages_of(report: &str) -> Vec<String> {
    let corpus = Corpus::bundled();
    corpus
        .report(report)
        .unwrap()
        .passages
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

/// Puts a note on the excerpt `id` of the bundled basket, as the explorer's
/// `a` does.
fn write_note(dir: &Dir, id: &str, note: &str) {
    let mut b = saved(dir);
    let i = b.position(id).unwrap();
    b.set_note(i, note);
    b.save(&basket_file(dir)).unwrap();
}

#[test]
fn an_empty_basket_says_how_to_fill_it_and_exports_nothing() {
    let dir = Dir::new();
    let out = run(&dir, &["basket"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.trim(),
        "evidence: the basket of workspace bundled is empty: add passages with `evidence basket add ID…`, or with Space in the explorer"
    );
    let out = run(&dir, &["basket", "list", "--json"]);
    out.code(1);
    let doc: json::BasketJson = serde_json::from_value(out.json()).unwrap();
    assert_eq!((doc.count, doc.workspace.as_str()), (0, "bundled"));
    let out = run(&dir, &["export", "--basket", "--out", "notes.md"]);
    out.code(1);
    assert!(out.stderr.contains("nothing to export"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(!dir.join("notes.md").exists());
}

#[test]
fn add_then_list_shows_each_excerpt_in_basket_order() {
    let dir = Dir::new();
    let out = run(&dir, &["basket", "add", "buddying-review/2", "big-med/4"]);
    out.ok();
    assert_eq!(
        out.stdout,
        "added 2 excerpts to the basket of workspace bundled: buddying-review/2, big-med/4\nthe basket has 2 excerpts\n"
    );
    // Comma-separated works too, and the order is the order of adding.
    run(&dir, &["basket", "add", "big-med/1,big-med/2"]).ok();
    let out = run(&dir, &["basket"]);
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", out.stdout);
    assert!(
        lines[0].starts_with("buddying-review/2  Buddying Review  Consideration should be given by national bodies, and…"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("big-med/4          Big Med"),
        "{}",
        out.stdout
    );
    assert!(lines[3].starts_with("big-med/2 "), "{}", out.stdout);
    assert_eq!(lines[4], "4 excerpts in the basket of workspace bundled");
    assert_eq!(
        ids(&saved(&dir)),
        ["buddying-review/2", "big-med/4", "big-med/1", "big-med/2"]
    );
}

#[test]
fn a_report_id_adds_all_its_passages_and_duplicates_are_reported() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "big-med/3"]).ok();
    let all = passages_of("big-med");
    assert!(all.len() > 3);
    let out = run(&dir, &["basket", "add", "big-med", "--json"]);
    out.ok();
    let change: json::BasketChange = serde_json::from_value(out.json()).unwrap();
    let others: Vec<String> = all
        .iter()
        .filter(|id| *id != "big-med/3")
        .cloned()
        .collect();
    assert_eq!(change.added, others);
    assert_eq!(change.already, ["big-med/3"]);
    assert_eq!(change.count, all.len());
    // The one already there kept its place.
    let listed = listed_ids(&run(&dir, &["basket", "--json"]).json());
    assert_eq!(listed[0], "big-med/3");
    assert_eq!(listed[1..], others[..]);

    // Nothing new: said so, exit 1, the file untouched.
    let before = fs::read(basket_file(&dir)).unwrap();
    let out = run(&dir, &["basket", "add", "big-med/1", "big-med/3"]);
    out.code(1);
    assert_eq!(
        out.stdout,
        format!(
            "already in the basket, left as they were: big-med/1, big-med/3\nthe basket has {} excerpts\n",
            all.len()
        )
    );
    assert_eq!(fs::read(basket_file(&dir)).unwrap(), before);
}

#[test]
fn unknown_and_retired_ids_add_nothing() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "big-med/1"]).ok();
    let before = fs::read(basket_file(&dir)).unwrap();
    let out = run(&dir, &["basket", "add", "big-med/2", "no-such-report/4"]);
    out.code(2);
    assert_eq!(
        out.stderr.trim(),
        "evidence: no report or passage with id `no-such-report/4`; `evidence reports` lists the reports; nothing was added"
    );
    assert_eq!(fs::read(basket_file(&dir)).unwrap(), before);
    // A retired id says where its text went, as `show` does, and exits 1.
    let out = run(
        &dir,
        &["basket", "add", "big-med/2", "state-of-care-2013-14/6"],
    );
    out.code(1);
    assert!(
        out.stderr
            .contains("`state-of-care-2013-14/6` was retired on 2026-12-05")
            && out.stderr.contains("state-of-care-2013-14/7")
            && out.stderr.contains("nothing was added"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
    assert_eq!(fs::read(basket_file(&dir)).unwrap(), before);
}

#[test]
fn rm_takes_out_passages_and_reports_and_says_what_was_not_there() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "buddying-review/2", "big-med"]).ok();
    write_note(&dir, "big-med/4", "standardisation");
    // An excerpt with a note is taken out only with --yes: the note is
    // the user's writing.
    let before = fs::read(basket_file(&dir)).unwrap();
    let out = run(&dir, &["basket", "rm", "big-med"]);
    out.code(2);
    assert!(
        out.stderr.contains("big-med/4 has a note"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read(basket_file(&dir)).unwrap(), before);
    let out = run(&dir, &["basket", "rm", "big-med", "--yes", "--json"]);
    out.ok();
    let change: json::BasketChange = serde_json::from_value(out.json()).unwrap();
    assert_eq!(change.removed, passages_of("big-med"));
    assert_eq!((change.notes_removed, change.count), (1, 1));
    assert_eq!(ids(&saved(&dir)), ["buddying-review/2"]);

    let out = run(&dir, &["basket", "rm", "big-med/1", "buddying-review/2"]);
    out.ok();
    assert_eq!(
        out.stdout,
        "took 1 excerpt out of the basket of workspace bundled: buddying-review/2\nnot in the basket: big-med/1\nthe basket has 0 excerpts\n"
    );
    let out = run(&dir, &["basket", "rm", "big-med/1"]);
    out.code(1);
    // An id the corpus does not have is a typo: an error, nothing taken out.
    run(&dir, &["basket", "add", "big-med/1"]).ok();
    let out = run(&dir, &["basket", "rm", "big-med/1", "big-mde/1"]);
    out.code(2);
    assert!(out.stderr.contains("`big-mde/1`"), "{}", out.stderr);
    assert_eq!(ids(&saved(&dir)), ["big-med/1"]);
}

#[test]
fn clear_keeps_notes_unless_told_yes() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "big-med/1", "big-med/2"]).ok();
    let out = run(&dir, &["basket", "clear"]);
    out.ok();
    assert_eq!(
        out.stdout,
        "cleared the basket of workspace bundled: took out 2 excerpts and 0 notes\n"
    );
    assert!(saved(&dir).is_empty());
    let out = run(&dir, &["basket", "clear"]);
    out.code(1);
    assert!(out.stderr.contains("already empty"), "{}", out.stderr);

    run(
        &dir,
        &["basket", "add", "big-med/1", "big-med/2", "big-med/3"],
    )
    .ok();
    write_note(&dir, "big-med/2", "the Cheesecake Factory");
    let before = fs::read(basket_file(&dir)).unwrap();
    let out = run(&dir, &["basket", "clear"]);
    out.code(2);
    assert_eq!(
        out.stderr.trim(),
        "evidence: the basket of workspace bundled has 3 excerpts, 1 with a note: clearing it would lose the note; export it first (`evidence export --basket --out notes.md`), then `evidence basket clear --yes`"
    );
    assert_eq!(fs::read(basket_file(&dir)).unwrap(), before);
    let out = run(&dir, &["basket", "clear", "--yes", "--json"]);
    out.ok();
    let change: json::BasketChange = serde_json::from_value(out.json()).unwrap();
    assert_eq!(change.removed, ["big-med/1", "big-med/2", "big-med/3"]);
    assert_eq!((change.notes_removed, change.count), (1, 0));
    assert!(saved(&dir).is_empty());
}

#[test]
fn the_list_marks_notes_and_excerpts_that_no_longer_read_as_in_the_corpus() {
    let dir = Dir::new();
    let corpus = Corpus::bundled();
    let mut b = Basket::new();
    for id in ["big-med/1", "big-med/2", "big-med/3"] {
        let (r, p) = corpus.passage(id).unwrap();
        let mut e = Excerpt::new(r, p, "2026-01-02");
        e.corpus = Some(CorpusRef::Bundled);
        b.add(e, "big med");
    }
    b.set_note(0, "why it *matters*");
    b.excerpts[1].text.push_str(" (as it once read)");
    // Collected from a corpus folder, and a passage the corpus no longer has.
    let mut elsewhere = b.excerpts[2].clone();
    elsewhere.passage_id = "big-med/4".into();
    elsewhere.corpus = Some(CorpusRef::Folder {
        id: Some("other".into()),
        path: dir.join("other"),
    });
    b.add(elsewhere, "");
    let mut gone = b.excerpts[2].clone();
    gone.passage_id = "big-med/99".into();
    gone.report_title = "A very long report title that goes on and on for many words".into();
    b.add(gone, "");
    let mut retired = b.excerpts[2].clone();
    retired.passage_id = "state-of-care-2013-14/6".into();
    retired.report_id = "state-of-care-2013-14".into();
    b.add(retired, "");
    b.save(&basket_file(&dir)).unwrap();

    let out = run(&dir, &["basket"]);
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].ends_with("  [note]"), "{}", out.stdout);
    assert!(lines[1].ends_with("  [changed]"), "{}", out.stdout);
    assert!(!lines[2].contains('['), "{}", out.stdout);
    assert!(lines[3].ends_with("  [other corpus]"), "{}", out.stdout);
    assert!(lines[4].ends_with("  [gone]"), "{}", out.stdout);
    assert!(lines[5].contains("[gone: retired"), "{}", out.stdout);
    // The report column stays as narrow as short titles make it: a title
    // kept with an excerpt the corpus no longer has is cut as one.
    assert!(
        lines[4].contains("  A very long report…  "),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("goes on"), "{}", out.stdout);
    assert_eq!(
        lines[6],
        "6 excerpts in the basket of workspace bundled (1 with a note); 1 changed in the corpus since collected, 2 gone from the corpus, 1 from another corpus"
    );

    let out = run(&dir, &["basket", "--json"]);
    out.ok();
    let value = out.json();
    let doc: json::BasketJson = serde_json::from_value(value.clone()).unwrap();
    assert_eq!((doc.count, doc.notes), (6, 1));
    assert_eq!(doc.queries, ["big med"]);
    assert_eq!(doc.path, basket_file(&dir));
    let status: Vec<&str> = doc.excerpts.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(
        status,
        ["same", "changed", "same", "other-corpus", "gone", "gone"]
    );
    assert_eq!(
        util::keys(&value),
        util::set(&["workspace", "path", "count", "notes", "queries", "excerpts"])
    );
    // An excerpt has an export's keys (those of `show` for the passage),
    // with its status and corpus.
    let first = &value["excerpts"][0];
    assert_eq!(
        util::keys(first),
        util::set(&[
            "id",
            "report_id",
            "report_title",
            "organisation",
            "authors",
            "published",
            "section",
            "pages",
            "themes",
            "text",
            "note",
            "collected",
            "citation",
            "citation_text",
            "status",
            "corpus",
            "details_updated",
            "detail_changes",
        ])
    );
    assert_eq!(first["note"], "why it *matters*");
    assert_eq!(first["corpus"]["kind"], "bundled");
    assert_eq!(value["excerpts"][3]["corpus"]["kind"], "folder");

    // An export says which excerpts are gone or changed: they go out as
    // collected, and should not be cited unawares.
    let out = run(&dir, &["export", "--basket", "--out", "x.md"]);
    out.ok();
    assert!(
        out.stderr.contains(
            "warning: 2 excerpts gone from the corpus (big-med/99, state-of-care-2013-14/6), \
             1 excerpt changed in the corpus since collected (big-med/2): exported as collected; \
             check them before citing"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_workspace_and_corpus_options_choose_the_basket() {
    let dir = Dir::new();
    dir.create(
        "mine/themes.toml",
        "[[theme]]\nid = \"mergers\"\nlabel = \"Mergers\"\ndescription = \"Merging.\"\n",
    );
    dir.create(
        "mine/only.md",
        "+++\nid = \"only-report\"\ntitle = \"The only report\"\nthemes = [\"mergers\"]\n+++\nA passage about mergers.\n",
    );
    run(
        &dir,
        &["--workspace", "thesis", "basket", "add", "big-med/1"],
    )
    .ok();
    run(&dir, &["--corpus", "mine", "basket", "add", "only-report"]).ok();
    // The bundled corpus's own basket has neither.
    run(&dir, &["basket"]).code(1);
    let out = run(&dir, &["basket", "--json", "--workspace", "thesis"]);
    out.ok();
    assert_eq!(listed_ids(&out.json()), ["big-med/1"]);
    let out = run(&dir, &["basket", "list", "--corpus", "mine", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(json["workspace"], "mine");
    assert_eq!(listed_ids(&json), ["only-report/1"]);
    assert_eq!(json["excerpts"][0]["status"], "same");
    // The environment variable names the workspace too.
    let out = util::run(
        dir.command(&["basket"])
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index"))
            .env("EVIDENCE_WORKSPACE", "thesis"),
    );
    out.ok();
    assert!(out.stdout.contains("in the basket of workspace thesis"));
    // A bundled passage is not in the folder's corpus.
    let out = run(&dir, &["--corpus", "mine", "basket", "add", "big-med/1"]);
    out.code(2);
}

#[test]
fn a_change_merges_with_an_explorer_that_has_the_basket_open() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "big-med/1", "big-med/2"]).ok();
    // An explorer loads the basket, then the command line changes it.
    let mut open = saved(&dir);
    run(&dir, &["basket", "rm", "big-med/1"]).ok();
    run(&dir, &["basket", "add", "big-med/3"]).ok();
    // The explorer adds a passage and saves: nothing of either is lost.
    let corpus = Corpus::bundled();
    let (r, p) = corpus.passage("buddying-review/2").unwrap();
    open.toggle(r, p, "", Some(&CorpusRef::Bundled));
    open.save(&basket_file(&dir)).unwrap();
    assert_eq!(
        ids(&saved(&dir)),
        ["big-med/2", "buddying-review/2", "big-med/3"]
    );
}

#[test]
fn export_basket_writes_the_notes_and_citations_in_basket_order() {
    let dir = Dir::new();
    run(&dir, &["basket", "add", "big-med/4", "buddying-review/2"]).ok();
    write_note(&dir, "big-med/4", "Standardisation, *as in* kitchens");
    let out = run(&dir, &["export", "--basket", "--out", "notes.md"]);
    out.ok();
    assert_eq!(out.stderr.trim(), "evidence: wrote 2 excerpts to notes.md");
    let md = dir.read("notes.md");
    let corpus = Corpus::bundled();
    let texts = evidence::export::blockquote_texts(&md);
    let expected: Vec<String> = ["big-med/4", "buddying-review/2"]
        .iter()
        .map(|id| corpus.passage(id).unwrap().1.text.clone())
        .collect();
    assert_eq!(texts, expected);
    assert!(
        md.contains("**Note:** Standardisation, *as in* kitchens"),
        "{md}"
    );
    assert!(
        md.contains("Atul Gawande, “Big Med”, *The New Yorker* (13 August 2012), big-med/4"),
        "{md}"
    );
    assert!(md.contains("*Buddying Review*"), "{md}");
    assert!(md.contains("## References"), "{md}");
    // Exactly what the explorer's export writes for this basket.
    let basket = saved(&dir);
    let meta = evidence::export::ExportMeta::of_basket(&basket, &evidence::date::today());
    assert_eq!(md, evidence::export::markdown(&basket.excerpts, &meta));
    // An existing file needs --force.
    run(&dir, &["export", "--basket", "--out", "notes.md"]).code(2);
    run(
        &dir,
        &["export", "--basket", "--out", "notes.md", "--force"],
    )
    .ok();

    // JSON and CSV keep the note too; the reference formats list the works.
    let out = run(&dir, &["export", "--basket", "--format", "json"]);
    out.ok();
    let json = out.json();
    assert_eq!(json["excerpts"][0]["id"], "big-med/4");
    assert_eq!(
        json["excerpts"][0]["note"],
        "Standardisation, *as in* kitchens"
    );
    assert_eq!(json["excerpts"][1]["note"], Value::Null);
    let out = run(&dir, &["export", "--basket", "--format", "csv"]);
    out.ok();
    assert!(out.stdout.contains("Standardisation, *as in* kitchens"));
    let out = run(&dir, &["export", "--basket", "--format", "ris"]);
    out.ok();
    assert!(out.stdout.contains("Big Med") && out.stdout.contains("Buddying Review"));
    // A reference list counts the works it holds: two excerpts of one
    // report are one work.
    run(&dir, &["basket", "add", "big-med/5", "big-med/6"]).ok();
    let out = run(
        &dir,
        &[
            "export", "--basket", "--format", "bibtex", "--out", "refs.bib",
        ],
    );
    out.ok();
    let entries = dir.read("refs.bib").matches("\n@").count() + 1;
    assert!(entries < 4, "{}", dir.read("refs.bib"));
    assert_eq!(
        out.stderr.trim(),
        format!("evidence: wrote {entries} works (for 4 excerpts) to refs.bib")
    );
}

#[test]
fn export_basket_does_not_take_a_query_or_ids() {
    let dir = Dir::new();
    for args in [
        &["export", "--basket", "buddying"][..],
        &["export", "--basket", "--ids", "big-med/1"],
        &["export", "--basket", "--theme", "mergers"],
        &["export", "--basket", "--limit", "3"],
    ] {
        let out = run(&dir, args);
        out.code(2);
        assert!(
            out.stderr.contains("cannot be used with"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

/// Scripts adding (or taking out) the same passage at once: the basket
/// ends right, and exactly one run says it added (took out) the passage,
/// the others that it was already there (not there), so a script can count
/// on `added` and the exit status.
#[test]
fn runs_at_once_on_one_id_say_once_that_they_changed_the_basket() {
    let dir = Dir::new();
    let runs = 8;
    let all = |args: &[&str]| -> Vec<Output> {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..runs).map(|_| s.spawn(|| run(&dir, args))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    };
    let said = |outs: &[Output], key: &str| {
        outs.iter()
            .filter(|o| {
                o.json()[key]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|id| id == "big-med/3"))
            })
            .count()
    };
    let added = all(&["basket", "add", "big-med/3", "--json"]);
    assert_eq!(said(&added, "added"), 1);
    assert_eq!(said(&added, "already"), runs - 1);
    assert_eq!(added.iter().filter(|o| o.code == 0).count(), 1);
    assert_eq!(ids(&saved(&dir)), ["big-med/3"]);
    let removed = all(&["basket", "rm", "big-med/3", "--json"]);
    assert_eq!(said(&removed, "removed"), 1);
    assert_eq!(said(&removed, "absent"), runs - 1);
    assert!(saved(&dir).excerpts.is_empty());
}

#[test]
fn an_export_cites_every_report_one_way_in_every_format_even_when_details_changed_or_it_went() {
    let dir = Dir::new();
    util::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &dir.join("c"),
    );
    let corpus = ["--corpus", "c"];
    let with = |args: &[&str]| -> Vec<String> {
        corpus.iter().chain(args).map(|s| s.to_string()).collect()
    };
    let go = |args: &[&str]| {
        let args = with(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dir, &args)
    };
    go(&[
        "basket",
        "add",
        "credentialing-providers/1",
        "nhs-trust-mergers/4",
    ])
    .ok();
    // The user corrects one report's date and deletes the other report.
    let file = dir.join("c/04-credentialing-providers.md");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("published = \"2014-09\""));
    fs::write(
        &file,
        text.replace("published = \"2014-09\"", "published = \"2014-10-15\""),
    )
    .unwrap();
    fs::remove_file(dir.join("c/12-nhs-trust-mergers.md")).unwrap();

    // The house style, a citation style and every reference format give the
    // corrected date; the note says which report's details were updated.
    let md = go(&["export", "--basket"]);
    md.ok();
    assert!(
        md.stdout
            .contains("(15 October 2014), credentialing-providers/1"),
        "{}",
        md.stdout
    );
    assert!(
        md.stderr.contains("cited with their details as the corpus has them now, changed since collected: Credentialing providers"),
        "{}",
        md.stderr
    );
    let out = go(&[
        "export", "--basket", "--format", "bibtex", "--out", "refs.bib",
    ]);
    out.ok();
    assert!(
        out.stderr.contains("wrote 3 works (for 2 excerpts)"),
        "{}",
        out.stderr
    );
    let bib = dir.read("refs.bib");
    assert!(bib.contains("month = oct"), "{bib}");
    // The deleted report's work is listed from the details kept with its
    // excerpt (as a summary in the pack, with the pack after it).
    assert!(bib.contains("@misc{westminster2014discussion,"), "{bib}");
    assert!(bib.contains("@techreport{dh2014examining,"), "{bib}");
    let csl = go(&["export", "--basket", "--format", "csl-json"]);
    let items = csl.json();
    let keys: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "kf2014credentialing",
            "westminster2014discussion",
            "dh2014examining"
        ]
    );
    assert_eq!(
        items[0]["issued"]["date-parts"][0],
        serde_json::json!([2014, 10, 15])
    );
    // A script reading the JSON or CSV export knows which quotation to check.
    let json = go(&["export", "--basket", "--format", "json"]).json();
    let statuses: Vec<&str> = json["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["same", "gone"]);
    assert_eq!(json["excerpts"][0]["published"], "2014-10-15");
    let csv = go(&["export", "--basket", "--format", "csv"]).stdout;
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",url,status"));
    assert!(lines.next().unwrap().ends_with(",same"));
    assert!(lines.next().unwrap().ends_with(",gone"));
}

/// A named workspace collects from two corpora whose reports share an id:
/// each excerpt is cited by its own work in every format; and excerpts of
/// the pack exported with another corpus open are cited as the pack cites
/// them, the pack listed once, under the keys the bundled corpus gives.
#[test]
fn excerpts_from_two_corpora_are_cited_by_their_own_works() {
    let dir = Dir::new();
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    util::copy_tree(&bundled, &dir.join("a"));
    util::copy_tree(&bundled, &dir.join("b"));
    let file = dir.join("b/06-big-med.md");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace(
            "citekey = \"gawande2012big\"",
            "citekey = \"doe2020another\"",
        )
        .replace("title = \"Big Med\"", "title = \"Another Study\"")
        .replace("authors = [\"Atul Gawande\"]", "authors = [\"Jane Doe\"]");
    fs::write(&file, text).unwrap();
    let file = dir.join("b/01-buddying-review.md");
    let text = fs::read_to_string(&file).unwrap().replace(
        "title = \"Buddying Review\"",
        "title = \"Buddying Review, revised\"",
    );
    fs::write(&file, text).unwrap();
    let ws = |corpus: &str, args: &[&str]| {
        let mut all = vec!["--corpus", corpus, "--workspace", "thesis"];
        all.extend_from_slice(args);
        run(&dir, &all)
    };
    ws("a", &["basket", "add", "big-med/1"]).ok();
    ws("b", &["basket", "add", "big-med/2"]).ok();

    let out = ws(
        "b",
        &["export", "--basket", "--cite", "pandoc", "--out", "p.md"],
    );
    out.ok();
    let md = dir.read("p.md");
    // Big Med is cited as the pack summarises it, so its passage number is
    // no paragraph of its own; the other corpus's report is cited by its own.
    assert!(
        md.contains("[@gawande2012big; as summarised in @dh2014examining], big-med/1"),
        "{md}"
    );
    assert!(md.contains("[@doe2020another, para. 2"), "{md}");
    let out = ws("b", &["export", "--basket", "--style", "apa"]);
    out.ok();
    let refs = out.stdout.split("## References").nth(1).unwrap();
    assert!(
        refs.contains("Gawande") && refs.contains("Doe"),
        "{}",
        out.stdout
    );
    let keys_of = |bib: &str| -> Vec<String> {
        bib.lines()
            .filter_map(|l| l.strip_prefix('@'))
            .map(|l| {
                l.split_once('{')
                    .unwrap()
                    .1
                    .trim_end_matches(',')
                    .to_string()
            })
            .collect()
    };
    let out = ws("b", &["export", "--basket", "--format", "bibtex"]);
    assert_eq!(
        keys_of(&out.stdout),
        ["gawande2012big", "doe2020another", "dh2014examining"],
        "{}",
        out.stdout
    );

    // The pack's overview and one of its summaries, collected from the
    // bundled corpus, exported with a copy of it open.
    let t2 = |corpus: Option<&str>, args: &[&str]| {
        let mut all = vec!["--workspace", "t2"];
        if let Some(c) = corpus {
            all.extend_from_slice(&["--corpus", c]);
        }
        all.extend_from_slice(args);
        run(&dir, &all)
    };
    t2(None, &["basket", "add", "overview/1", "big-med/1"]).ok();
    let out = t2(Some("a"), &["export", "--basket", "--format", "bibtex"]);
    out.ok();
    assert_eq!(
        keys_of(&out.stdout),
        ["dh2014examining", "gawande2012big"],
        "{}",
        out.stdout
    );

    // Two excerpts of a report collected elsewhere, whose key the open
    // corpus's edited copy of it also has: one work for both, re-keyed once.
    let t3 = |corpus: Option<&str>, args: &[&str]| {
        let mut all = vec!["--workspace", "t3"];
        if let Some(c) = corpus {
            all.extend_from_slice(&["--corpus", c]);
        }
        all.extend_from_slice(args);
        run(&dir, &all)
    };
    t3(
        None,
        &["basket", "add", "buddying-review/2", "buddying-review/3"],
    )
    .ok();
    t3(Some("b"), &["basket", "add", "buddying-review/4"]).ok();
    let out = t3(Some("b"), &["export", "--basket", "--format", "bibtex"]);
    out.ok();
    let keys = keys_of(&out.stdout);
    assert_eq!(keys.len(), 3, "{}", out.stdout);
    assert_eq!(keys[2], "dh2014examining", "{}", out.stdout);
    assert_ne!(keys[0], keys[1], "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("{{Buddying Review}}").count(),
        1,
        "{}",
        out.stdout
    );
}

/// A report of one's own, cited by its own key in a manuscript, keeps that
/// key in the reference list after its file leaves the corpus.
#[test]
fn a_deleted_report_keeps_its_own_citation_key() {
    let dir = Dir::new();
    dir.create(
        "c/mine.md",
        "+++\ntitle = \"My fieldwork\"\nauthors = [\"A. Student\"]\npublished = \"2025\"\ncitekey = \"student2025field\"\n+++\nMergers took two years. <!-- #1 -->\n",
    );
    dir.create("c/other.md", "# Other\n\nSomething else.\n");
    run(&dir, &["--corpus", "c", "basket", "add", "mine/1"]).ok();
    fs::remove_file(dir.join("c/mine.md")).unwrap();
    let out = run(
        &dir,
        &["--corpus", "c", "export", "--basket", "--format", "bibtex"],
    );
    out.ok();
    assert!(out.stdout.contains("{student2025field,"), "{}", out.stdout);
}

/// A report's details corrected since its excerpts were collected (its
/// date): the basket cites them as the export does, by the details now,
/// and says so, rather than showing the old date as "same".
#[test]
fn the_basket_cites_a_report_by_its_details_now_and_says_they_changed() {
    let dir = Dir::new();
    run(&dir, &["init", "c"]).ok();
    run(
        &dir,
        &[
            "--corpus",
            "c",
            "basket",
            "add",
            "big-med/4,buddying-review/9",
        ],
    )
    .ok();
    let file = dir.join("c/06-big-med.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("published = \"2012-08-13\""));
    std::fs::write(
        &file,
        text.replace("published = \"2012-08-13\"", "published = \"2012-08-06\""),
    )
    .unwrap();
    let json = run(&dir, &["--corpus", "c", "basket", "--json"]).json();
    let excerpts = json["excerpts"].as_array().unwrap();
    assert_eq!(excerpts[0]["published"], "2012-08-06");
    assert_eq!(excerpts[0]["details_updated"], true);
    assert_eq!(
        excerpts[0]["detail_changes"],
        serde_json::json!(["date: 13 August 2012 → 6 August 2012"])
    );
    assert_eq!(excerpts[1]["detail_changes"], serde_json::json!([]));
    assert_eq!(excerpts[0]["status"], "same");
    assert!(
        excerpts[0]["citation_text"]
            .as_str()
            .unwrap()
            .contains("6 August 2012")
    );
    assert_eq!(excerpts[1]["details_updated"], false);
    let list = run(&dir, &["--corpus", "c", "basket"]);
    list.ok();
    assert!(list.stdout.contains("[details updated]"), "{}", list.stdout);
    assert!(
        list.stdout.contains(
            "cited by details updated since collected: Big Med (date: 13 August 2012 → 6 August 2012)"
        ),
        "{}",
        list.stdout
    );
    // `basket update` keeps the details now in the basket, says what
    // changed, and the mark goes.
    let update = run(&dir, &["--corpus", "c", "basket", "update"]);
    update.ok();
    assert!(
        update.stdout.contains(
            "updated big-med/4 to its report's details now: date: 13 August 2012 → 6 August 2012"
        ),
        "{}",
        update.stdout
    );
    let list = run(&dir, &["--corpus", "c", "basket"]);
    assert!(!list.stdout.contains("details updated"), "{}", list.stdout);
    run(&dir, &["--corpus", "c", "basket", "update"]).code(1);
    // As JSON: the ids, and what changed in each.
    std::fs::write(
        &file,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("published = \"2012-08-06\"", "published = \"2012-08\""),
    )
    .unwrap();
    let json = run(&dir, &["--corpus", "c", "basket", "update", "--json"]).json();
    assert_eq!(json["details_updated"], serde_json::json!(["big-med/4"]));
    assert_eq!(
        json["detail_changes"]["big-med/4"],
        serde_json::json!(["date: 6 August 2012 → August 2012"])
    );
}

/// A passage recoded after it was collected (its marker's themes changed,
/// its text not) is given its codes now, in the basket's JSON and in every
/// export: a thematic analyst exports excerpts for their codes.
#[test]
fn a_recoded_passage_goes_out_with_its_codes_now() {
    let dir = Dir::new();
    run(&dir, &["init", "c"]).ok();
    run(&dir, &["--corpus", "c", "basket", "add", "big-med/4"]).ok();
    let file = dir.join("c/06-big-med.md");
    let text = fs::read_to_string(&file).unwrap();
    let recoded = text.replace(
        "<!-- #4 standardisation international -->",
        "<!-- #4 standardisation leadership -->",
    );
    assert_ne!(recoded, text);
    fs::write(&file, recoded).unwrap();
    let json = run(&dir, &["--corpus", "c", "basket", "--json"]).json();
    let e = &json["excerpts"][0];
    assert_eq!(e["status"], "same", "{json}");
    assert_eq!(
        e["themes"],
        serde_json::json!(["standardisation", "leadership"])
    );
    let csv = run(
        &dir,
        &["--corpus", "c", "export", "--basket", "--format", "csv"],
    );
    csv.ok();
    assert!(
        csv.stdout.contains("standardisation; leadership"),
        "{}",
        csv.stdout
    );
    assert!(!csv.stdout.contains("international"), "{}", csv.stdout);
}

/// A source corrected after an excerpt was collected: the list marks it and
/// says how to take the new text; `basket update` shows the change as a word
/// diff and takes it, note and place kept, so that the next export quotes
/// the corrected figure; an excerpt gone from the corpus is left as it was.
#[test]
fn update_takes_the_corpus_text_now_and_keeps_the_note() {
    let dir = Dir::new();
    util::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &dir.join("c"),
    );
    let go = |args: &[&str]| {
        let mut all = vec!["--corpus", "c"];
        all.extend_from_slice(args);
        run(&dir, &all)
    };
    go(&[
        "basket",
        "add",
        "big-med/1",
        "buddying-review/2",
        "big-med/3",
    ])
    .ok();
    // Nothing changed yet: nothing to update (exit 1).
    let out = go(&["basket", "update"]);
    out.code(1);
    assert!(out.stdout.contains("nothing to update"), "{}", out.stdout);
    // A note on the excerpt that is about to change.
    let path = dir.join("data/workspaces/c/basket.json");
    let mut b = Basket::load(&path).unwrap().basket;
    b.set_note(1, "the key finding");
    b.save(&path).unwrap();
    let before = Corpus::bundled()
        .passage("buddying-review/2")
        .map(|(_, p)| p.text.clone())
        .unwrap();
    let word = before.split_whitespace().nth(3).unwrap().to_string();
    let file = dir.join("c/01-buddying-review.md");
    let text = fs::read_to_string(&file).unwrap();
    let line = text.lines().find(|l| l.contains("<!-- #2 ")).unwrap();
    fs::write(
        &file,
        text.replacen(line, &line.replacen(&word, "QUARRY", 1), 1),
    )
    .unwrap();
    fs::remove_file(dir.join("c/06-big-med.md")).unwrap();

    // The export says in the file, beside each quotation, that the corpus
    // reads otherwise now.
    let out = go(&["export", "--basket"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "*The passage reads differently in the corpus now: this is its text as collected.*"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout
            .matches("*The passage is gone from the corpus: this is its text as collected.*")
            .count(),
        2
    );
    let out = go(&["basket"]);
    out.ok();
    assert!(
        out.stderr
            .contains("evidence: note: `evidence basket update`"),
        "{}",
        out.stderr
    );
    let out = go(&["basket", "update", "nope-report"]);
    out.code(2);
    assert!(out.stderr.contains("nothing was updated"), "{}", out.stderr);
    let out = go(&["basket", "update"]);
    out.ok();
    assert!(
        out.stdout
            .contains("updated buddying-review/2 to the corpus's text now: "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("[-{word}-] {{+QUARRY+}}")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("gone from the corpus, kept as collected: big-med/1, big-med/3"),
        "{}",
        out.stdout
    );
    let b = Basket::load(&path).unwrap().basket;
    assert_eq!(ids(&b), ["big-med/1", "buddying-review/2", "big-med/3"]);
    assert_eq!(b.excerpts[1].note, "the key finding");
    assert!(
        b.excerpts[1].text.contains("QUARRY"),
        "{}",
        b.excerpts[1].text
    );
    assert_eq!(b.excerpts[1].earlier, std::slice::from_ref(&before));
    // A draft written from the excerpt before the update quotes what the
    // passage said then: changed, not misquoted.
    let quoted: Vec<&str> = before.split_whitespace().take(8).collect();
    dir.create(
        "draft.md",
        format!(
            "The review found that \"{}\" (buddying-review/2).\n",
            quoted.join(" ")
        ),
    );
    let out = go(&["verify", "draft.md"]);
    assert!(
        out.stdout.contains("changed (buddying-review/2)"),
        "{}",
        out.stdout
    );
    // The export quotes the text now, and warns only of the gone excerpts.
    let out = go(&["export", "--basket"]);
    out.ok();
    assert!(out.stdout.contains("QUARRY"), "{}", out.stdout);
    assert!(
        !out.stderr.contains("changed in the corpus"),
        "{}",
        out.stderr
    );
    // Done once: the second time there is nothing to update.
    let out = go(&["basket", "update", "buddying-review", "--json"]);
    out.code(1);
    let doc: json::BasketChange = serde_json::from_value(out.json()).unwrap();
    assert!(doc.updated.is_empty());
    assert_eq!(doc.current, ["buddying-review/2"]);
}

/// An excerpt of a page imported from the web is cited as the page it is
/// (its author, on its site), in the basket's list and export as in
/// `export --ids`, and is not marked as having new details.
#[test]
fn a_web_page_in_the_basket_is_cited_by_its_author_on_its_site() {
    let dir = Dir::new();
    dir.create(
        "c/page.md",
        "+++\nid = \"page\"\ntitle = \"Community hospitals\"\nauthors = [\"Priya Raman\"]\n\
         organisation = \"Health Policy News\"\npublished = \"2023-03-14\"\nsource_format = \"html\"\n\
         source_url = \"https://example.org/blog/community-hospitals\"\naccessed = \"2026-12-06\"\n+++\n\n\
         Community hospitals struggle to recruit nurses. <!-- #1 -->\n",
    );
    run(&dir, &["--corpus", "c", "basket", "add", "page/1"]).ok();
    let list = run(&dir, &["--corpus", "c", "basket"]);
    list.ok();
    assert!(!list.stdout.contains("details updated"), "{}", list.stdout);
    let from_basket = run(&dir, &["--corpus", "c", "export", "--basket"]);
    from_basket.ok();
    let by_ids = run(&dir, &["--corpus", "c", "export", "--ids", "page/1"]);
    by_ids.ok();
    let references = |s: &str| {
        s.split("## References")
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        references(&from_basket.stdout)
            .contains("Priya Raman. “Community hospitals”. *Health Policy News*."),
        "{}",
        from_basket.stdout
    );
    assert_eq!(references(&from_basket.stdout), references(&by_ids.stdout));
}
