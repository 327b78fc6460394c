//! `evidence import` of PDFs, Word documents and web pages, through the
//! built binary and the library: documents made by the tests with known
//! text, pages and details (tests/util/docs.rs), and the committed
//! real-world-shaped fixtures (tests/fixtures/import/). Text is checked word
//! for word, and page numbers, headings, details, citations, re-imports
//! that keep passage ids, and what a corpus folder says of a document put
//! in it unimported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use util::Dir;
use util::docs::{self, DocxPart, Layout, bullet, footnote, heading, text};

/// A corpus folder with the bundled themes, in `dir/corpus`.
fn corpus(dir: &Dir) {
    dir.run(&["init", "corpus"]).ok();
}

fn show(dir: &Dir, id: &str) -> serde_json::Value {
    let out = dir.run(&["--corpus", "corpus", "show", id, "--json"]);
    out.ok();
    out.json()
}

fn passages(json: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["text"].as_str().unwrap().to_string(),
                p["pages"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_pdf_imports_with_its_text_pages_and_details() {
    let dir = Dir::new();
    corpus(&dir);
    let paras = vec![
        heading("Buddying between trusts"),
        text(
            "Buddying pairs a struggling trust with a stronger one, so that leaders can learn from peers rather than from consultants.",
        ),
        text(
            "The arrangement works best when both boards agree on its aims, its length and how success will be judged.",
        ),
        bullet("Shared clinical governance."),
        bullet("Joint training for ward managers."),
        heading("Costs"),
        text("Costs fall mostly on the stronger trust, whose senior staff give their time."),
    ];
    let layout = Layout {
        title: Some("Learning from peers".into()),
        author: Some("Jane Smith; Ravi Patel".into()),
        created: Some("D:20230415093000Z".into()),
        lines: 12,
        ..Layout::default()
    };
    dir.create("peers.pdf", docs::pdf(&paras, &layout));
    let out = dir.run(&["import", "peers.pdf", "--into", "corpus"]);
    out.ok();
    assert!(out.stdout.contains("imported peers"), "{}", out.stdout);
    let json = show(&dir, "peers");
    assert_eq!(json["report"]["title"], "Learning from peers");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Jane Smith", "Ravi Patel"])
    );
    assert_eq!(json["report"]["published"], "2023-04-15");
    // Only the file's creation date: said, to be checked.
    assert!(
        format!("{}{}", out.stdout, out.stderr).contains(
            "dated 15 April 2023, when the file was made: no date is printed under its title; check it, or give --published"
        ),
        "{}{}",
        out.stdout,
        out.stderr
    );
    let got = passages(&json);
    let texts: Vec<&str> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Buddying pairs a struggling trust with a stronger one, so that leaders can learn from peers rather than from consultants.",
            "The arrangement works best when both boards agree on its aims, its length and how success will be judged.",
            "Shared clinical governance.",
            "Joint training for ward managers.",
            "Costs fall mostly on the stronger trust, whose senior staff give their time.",
        ]
    );
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["section"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sections[0], "Buddying between trusts");
    assert_eq!(sections[4], "Costs");
    // The user checks the date and corrects it in the report file; the
    // document then changes and is imported again (--force, since the file
    // was corrected by hand): the corrected date stands, and the note is
    // not said again.
    let file = dir.read("corpus/peers.md");
    dir.create(
        "corpus/peers.md",
        file.replace("published = \"2023-04-15\"", "published = \"2023-03\""),
    );
    let mut more = paras.clone();
    more.push(text("A paragraph added to the document since."));
    dir.create("peers.pdf", docs::pdf(&more, &layout));
    let again = dir.run(&["import", "peers.pdf", "--into", "corpus", "--force"]);
    again.ok();
    assert_eq!(show(&dir, "peers")["report"]["published"], "2023-03");
    assert!(
        !format!("{}{}", again.stdout, again.stderr).contains("when the file was made"),
        "{}{}",
        again.stdout,
        again.stderr
    );
}

#[test]
fn pages_are_recorded_per_passage_and_cited() {
    let dir = Dir::new();
    corpus(&dir);
    // 12 lines a page: the long paragraph runs from page 1 onto page 2.
    let long = "Mergers take longer than their boards expect, and the savings they promise arrive later and smaller than planned, while the costs of bringing two organisations together fall early and are often larger than anyone had estimated at the outset of the process.";
    let paras = vec![
        text("A first short paragraph on page one."),
        text("A second short paragraph, also on page one."),
        text(long),
        text("A closing paragraph that stands on the second page alone."),
    ];
    let layout = Layout {
        lines: 6,
        ..Layout::default()
    };
    dir.create("mergers.pdf", docs::pdf(&paras, &layout));
    dir.run(&["import", "mergers.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "mergers");
    let got = passages(&json);
    assert_eq!(got[2].1, long);
    let pages: Vec<serde_json::Value> = got.iter().map(|(_, _, p)| p.clone()).collect();
    assert_eq!(
        pages,
        [
            serde_json::json!({"first": 1, "last": 1}),
            serde_json::json!({"first": 1, "last": 1}),
            serde_json::json!({"first": 1, "last": 2}),
            serde_json::json!({"first": 2, "last": 2}),
        ]
    );
    // The citation carries the locator, in show's text and JSON.
    let out = dir.run(&["--corpus", "corpus", "show", "mergers/3"]);
    out.ok();
    assert!(out.stdout.contains("page: pp. 1–2"), "{}", out.stdout);
    assert!(
        out.stdout.contains(", pp. 1–2, mergers/3"),
        "{}",
        out.stdout
    );
    let one = dir
        .run(&["--corpus", "corpus", "show", "mergers/4", "--json"])
        .json();
    assert_eq!(one["passage"]["citation_details"]["locator"], "p. 2");
    assert!(
        one["passage"]["citation"]
            .as_str()
            .unwrap()
            .contains(", p. 2, mergers/4")
    );
    // The marker holds the pages.
    let file = dir.read("corpus/mergers.md");
    assert!(file.contains("<!-- #3 pp.1-2 -->"), "{file}");
    assert!(file.contains("<!-- #4 p.2 -->"), "{file}");
    // The folder is clean.
    let out = dir.run(&["--corpus", "corpus", "check"]);
    out.ok();
    assert!(out.stdout.contains("0 problems"), "{}", out.stdout);
}

/// Two columns, a running header, page numbers at the foot, words broken
/// at line ends, and a footnote: the text comes back as it was put in.
#[test]
fn a_two_column_pdf_reads_in_order_without_headers_and_with_words_mended() {
    let dir = Dir::new();
    corpus(&dir);
    let mut paras = vec![heading("Integrated care organisations")];
    let body = [
        "Integrated care organisations bring hospital and community services under one management, so that patients move between them without falling through administrative gaps.",
        "The evidence on integration is encouraging but incomplete: organisational restructuring alone rarely improves outcomes, and the benefits depend on clinical engagement and shared information systems.",
        "Commissioners considering integration should set out what problem it is meant to solve, how its success will be measured, and over what period the improvements are expected to appear.",
        "Well-known examples from abroad suggest that integration takes many years to mature, and that early evaluations understate its eventual benefits for frail and elderly patients.",
        "Financial incentives matter: payment systems that reward activity in hospitals work against the aims of integration, which are to keep patients well and out of hospital.",
        "Leadership across organisational boundaries requires different skills from leadership within a single institution, and development programmes should reflect this difference.",
    ];
    for (i, b) in body.iter().enumerate() {
        paras.push(text(b));
        if i == 1 {
            paras.push(footnote(
                "1 Evidence summarised from published evaluations, 2010 to 2014.",
            ));
        }
    }
    for b in body.iter().rev() {
        paras.push(text(&b.replace("Integrated", "Joined-up")));
    }
    for b in body {
        paras.push(text(&b.replace("Integrated", "Connected")));
    }
    let layout = Layout {
        columns: 2,
        header: Some("Options for providers of NHS care".into()),
        page_numbers: true,
        hyphenate: true,
        lines: 20,
        ..Layout::default()
    };
    dir.create("integration.pdf", docs::pdf(&paras, &layout));
    dir.run(&["import", "integration.pdf", "--into", "corpus"])
        .ok();
    let json = show(&dir, "integration");
    assert_eq!(json["report"]["title"], "Integrated care organisations");
    let got = passages(&json);
    let note = "1 Evidence summarised from published evaluations, 2010 to 2014.";
    // The footnote is read at the foot of its page, after the page's text.
    let at = got
        .iter()
        .position(|(_, t, _)| t == note)
        .expect("the footnote");
    let page = got[at].2["first"].as_u64().unwrap();
    assert_eq!(got[at].2["last"], page);
    assert!(got[at + 1].2["first"].as_u64().unwrap() > page);
    let texts: Vec<String> = got
        .iter()
        .map(|(_, t, _)| t.clone())
        .filter(|t| t != note)
        .collect();
    let mut want: Vec<String> = body.iter().map(|s| s.to_string()).collect();
    want.extend(
        body.iter()
            .rev()
            .map(|b| b.replace("Integrated", "Joined-up")),
    );
    want.extend(body.iter().map(|b| b.replace("Integrated", "Connected")));
    assert_eq!(texts, want, "file:\n{}", dir.read("corpus/integration.md"));
    let file = dir.read("corpus/integration.md");
    assert!(
        !file.contains("Options for providers"),
        "header kept:\n{file}"
    );
}

#[test]
fn a_word_document_gives_headings_lists_tables_notes_and_details_but_no_pages() {
    use docs::DocxPart::*;
    let dir = Dir::new();
    corpus(&dir);
    let parts = vec![
        Title("Response to the consultation".into()),
        // Word's Subtitle style (a German Word's id): a detail, not text.
        Styled("Untertitel", "A reply from the provider sector".into()),
        Heading(1, "Summary".into()),
        Para("We support the proposals for chains and groups of providers.".into()),
        Item(0, false, "Chains can share back-office costs.".into()),
        Item(1, false, "Procurement is the largest saving.".into()),
        Item(0, true, "First numbered point.".into()),
        Styled("ListBullet", "A bullet by its style.".into()),
        Styled("ListBullet2", "A nested bullet by its style.".into()),
        Heading(2, "Evidence".into()),
        Table(vec![
            vec!["Model".into(), "Trusts".into(), "Savings".into()],
            vec!["Chain".into(), "4".into(), "£12m".into()],
        ]),
        WithNote(
            "Savings were reported by the trusts themselves.".into(),
            "Figures are unaudited.".into(),
        ),
    ];
    dir.create(
        "response.docx",
        docs::docx(
            &parts,
            Some("Consultation response"),
            Some("Ann Lee; Bo Chen"),
            Some("2024-02-29T10:00:00Z"),
        ),
    );
    let out = dir.run(&[
        "import",
        "response.docx",
        "--into",
        "corpus",
        "--organisation",
        "NHS Providers",
    ]);
    out.ok();
    let json = show(&dir, "response");
    // The title the reader sees (the Title style) over the file's property.
    assert_eq!(json["report"]["title"], "Response to the consultation");
    assert_eq!(
        json["report"]["subtitle"],
        "A reply from the provider sector"
    );
    assert_eq!(json["report"]["organisation"], "NHS Providers");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Ann Lee", "Bo Chen"])
    );
    assert_eq!(json["report"]["published"], "2024-02-29");
    assert_eq!(json["report"]["source"]["format"], "docx");
    let got = passages(&json);
    let texts: Vec<&str> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "We support the proposals for chains and groups of providers.",
            "Chains can share back-office costs.",
            "Procurement is the largest saving.",
            "First numbered point.",
            "A bullet by its style.",
            "A nested bullet by its style.",
            "Model | Trusts | Savings",
            "Chain | 4 | £12m",
            "Savings were reported by the trusts themselves.[1]",
            "[1] Figures are unaudited.",
        ]
    );
    assert!(got.iter().all(|(_, _, p)| p.is_null()));
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["section"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sections[0], "Summary");
    assert_eq!(sections[6], "Evidence");
    assert_eq!(sections[9], "Notes");
    // Lists keep their nesting and numbering.
    let file = dir.read("corpus/response.md");
    assert!(file.contains("\n- Chains can share"), "{file}");
    assert!(file.contains("\n    - Procurement is"), "{file}");
    assert!(file.contains("\n1. First numbered point."), "{file}");
    // Word's own list styles too.
    assert!(file.contains("\n- A bullet by its style."), "{file}");
    assert!(
        file.contains("\n    - A nested bullet by its style."),
        "{file}"
    );
    // Pages are not known, and show says so rather than guess.
    let out = dir.run(&["--corpus", "corpus", "show", "response/1"]);
    assert!(
        out.stdout
            .contains("page: no page numbers: a Word document"),
        "{}",
        out.stdout
    );
}

/// A Word file with no Title style whose one Heading 1 is its title has its
/// sections at Heading 2: they are the report's top sections (`##`), as
/// they would be under a Title, not one level down with nothing above.
#[test]
fn a_word_documents_heading_1_as_title_leaves_its_heading_2s_as_top_sections() {
    use docs::DocxPart::{Heading, Para, WithNote};
    let dir = Dir::new();
    dir.run(&["init", "corpus"]).ok();
    let parts = [
        Heading(1, "Merger outcomes in the NHS".into()),
        Heading(2, "Background".into()),
        Para("Mergers between trusts are common.".into()),
        Heading(2, "Findings".into()),
        WithNote(
            "Costs rose in the first two years.".into(),
            "Figures from the trusts' accounts.".into(),
        ),
    ];
    dir.create("outcomes.docx", docs::docx(&parts, None, None, None));
    dir.run(&["import", "outcomes.docx", "--into", "corpus"])
        .ok();
    let json = show(&dir, "outcomes");
    assert_eq!(json["report"]["title"], "Merger outcomes in the NHS");
    let file = dir.read("corpus/outcomes.md");
    assert!(file.contains("\n## Background\n"), "{file}");
    assert!(file.contains("\n## Findings\n"), "{file}");
    // Its footnotes are a section beside them.
    assert!(file.contains("\n## Notes\n"), "{file}");
    assert!(!file.contains("###"), "{file}");
}

#[test]
fn a_web_page_gives_its_article_and_its_address_is_cited() {
    let dir = Dir::new();
    corpus(&dir);
    let body = "<p>Hospital groups are spreading across the country, as trusts look for scale.</p>\
        <h2>What the evidence says</h2>\
        <p>Studies of hospital chains in America find modest savings in procurement and clear gains in standardised care.</p>\
        <ul><li>Shared purchasing</li><li>Common clinical pathways<ul><li>for hip replacement</li></ul></li></ul>\
        <p>Critics warn that scale can dull local accountability and that mergers distract managers for years.</p>";
    let page = docs::web_page(
        "The rise of hospital groups",
        "Sam Carter",
        "2019-11-04",
        "https://example.org/health/hospital-groups",
        body,
    );
    dir.create("groups.html", page);
    dir.run(&["import", "groups.html", "--into", "corpus"]).ok();
    let json = show(&dir, "groups");
    assert_eq!(json["report"]["title"], "The rise of hospital groups");
    assert_eq!(json["report"]["authors"], serde_json::json!(["Sam Carter"]));
    assert_eq!(json["report"]["published"], "2019-11-04");
    assert_eq!(
        json["report"]["source"]["url"],
        "https://example.org/health/hospital-groups"
    );
    let today = dir.run(&["--version"]); // any run: the date is today's
    today.ok();
    let got: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(
        got,
        [
            "Hospital groups are spreading across the country, as trusts look for scale.",
            "Studies of hospital chains in America find modest savings in procurement and clear gains in standardised care.",
            "Shared purchasing",
            "Common clinical pathways",
            "for hip replacement",
            "Critics warn that scale can dull local accountability and that mergers distract managers for years.",
        ]
    );
    let file = dir.read("corpus/groups.md");
    for chrome in ["cookies", "Subscribe", "Most read", "Copyright", "tracking"] {
        assert!(!file.contains(chrome), "{chrome} in:\n{file}");
    }
    let one = dir
        .run(&["--corpus", "corpus", "show", "groups/1", "--json"])
        .json();
    let c = &one["passage"]["citation_details"];
    assert_eq!(c["url"], "https://example.org/health/hospital-groups");
    assert!(c["accessed"].as_str().unwrap().len() >= 10);
    assert!(
        one["passage"]["citation"]
            .as_str()
            .unwrap()
            .contains("groups/1, https://example.org/health/hospital-groups (accessed "),
        "{}",
        one["passage"]["citation"]
    );
    // A reference manager gets a web page with its address and the day it
    // was read.
    let out = dir.run(&[
        "--corpus", "corpus", "cite", "groups/1", "--format", "bibtex",
    ]);
    out.ok();
    let bib = &out.stdout;
    assert!(bib.starts_with("@online{carter2019rise,"), "{bib}");
    assert!(
        bib.contains("url = {https://example.org/health/hospital-groups}"),
        "{bib}"
    );
    assert!(bib.contains("urldate = {"), "{bib}");
}

#[test]
fn yaml_front_matter_is_read_in_a_folder_and_by_import_and_unknown_keys_are_warnings() {
    let dir = Dir::new();
    corpus(&dir);
    let note = "---\ntitle: Notes on mergers\nauthor: [Kim Ode, Lu Wei]\ndate: 2021-06-30T12:00:00Z\ntags: [mergers, reading]\nlayout: post\n---\n\n# Notes on mergers\n\nMergers take longer than planned.\n\n- Culture matters.\n";
    // In a corpus folder, read as details; the unknown key is a warning.
    dir.create("corpus/notes.md", note);
    let json = show(&dir, "notes");
    assert_eq!(json["report"]["title"], "Notes on mergers");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Kim Ode", "Lu Wei"])
    );
    assert_eq!(json["report"]["published"], "2021-06-30");
    assert_eq!(json["report"]["kind"], "document");
    assert_eq!(
        json["report"]["tags"],
        serde_json::json!(["mergers", "reading"])
    );
    // `mergers` is a theme, so the passages carry it; `reading` is a tag only.
    for p in json["passages"].as_array().unwrap() {
        assert_eq!(p["themes"], serde_json::json!(["mergers"]), "{p}");
    }
    let out = dir.run(&["--corpus", "corpus", "check"]);
    out.ok();
    assert!(
        out.stdout
            .contains("corpus/notes.md:6: warning: unknown front matter key `layout` (ignored)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("; 0 problems, 1 warning"),
        "{}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "corpus", "check", "--deny-warnings"]);
    out.code(2);
    let out = dir.run(&["--corpus", "corpus", "check", "--json"]);
    out.ok();
    let j = out.json();
    assert_eq!(j["errors"], 0);
    assert_eq!(j["warnings"], 1);
    assert_eq!(j["problems"][0]["severity"], "warning");

    // Import writes TOML front matter, keeping the unknown key.
    std::fs::remove_file(dir.join("corpus/notes.md")).unwrap();
    dir.create("notes.md", note);
    dir.run(&["import", "notes.md", "--into", "corpus"]).ok();
    let file = dir.read("corpus/notes.md");
    assert!(
        file.starts_with("+++\nid = \"notes\"\ntitle = \"Notes on mergers\"\n"),
        "{file}"
    );
    assert!(
        file.contains("themes = [\"mergers\"]\ntags = [\"mergers\", \"reading\"]\n"),
        "{file}"
    );
    assert!(file.contains("layout = \"post\"\n"), "{file}");
    assert!(
        file.contains("Mergers take longer than planned. <!-- #1 -->"),
        "{file}"
    );
    let json = show(&dir, "notes");
    assert_eq!(json["report"]["published"], "2021-06-30");
    assert_eq!(json["report"]["source"]["format"], "markdown");
    // The kept key is check's to list; a search does not repeat it, but
    // still names a document in the folder that is not read.
    dir.create("corpus/loose.pdf", b"%PDF-1.4\n");
    let out = dir.run(&["--corpus", "corpus", "search", "mergers"]);
    out.ok();
    assert!(!out.stderr.contains("layout"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("corpus/loose.pdf: a PDF is not read as a report"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_plain_text_file_s_first_line_is_its_title_not_also_a_passage() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "notes.txt",
        "Site visit notes\n\nThe merger was slower than planned.\n\nStaff asked for more notice.\n",
    );
    dir.create("said.txt", "The board met twice.\n\nIt agreed the plan.\n");
    let out = dir.run(&["import", "notes.txt", "said.txt", "--into", "corpus"]);
    out.ok();
    // A document with no title line is titled by its first sentence, and
    // the user is told so at once, with how to give one.
    assert!(
        out.stderr.contains(
            "said.txt: no title in it: titled by its first line, `The board met twice.`; give one with --title"
        ),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("notes.txt: no title"),
        "{}",
        out.stderr
    );
    let notes = show(&dir, "notes");
    assert_eq!(notes["report"]["title"], "Site visit notes");
    let texts: Vec<String> = passages(&notes).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(
        texts,
        [
            "The merger was slower than planned.",
            "Staff asked for more notice."
        ]
    );
    // A first line that is a sentence stays a passage.
    let said = show(&dir, "said");
    assert_eq!(passages(&said).len(), 2);
    assert_eq!(passages(&said)[0].1, "The board met twice.");
}

/// `source_file` names the source from the corpus folder, wherever the
/// import ran: the project (corpus and sources beside it) can be moved or
/// shared and the record still finds the file.
#[test]
fn the_source_file_is_recorded_from_the_corpus_folder_not_from_where_import_ran() {
    let dir = Dir::new();
    dir.create(
        "project/sources/visit.txt",
        "Site visit notes\n\nThe merger was slower than planned.\n",
    );
    dir.create(
        "project/sources/board.md",
        "# Board\n\nThe board met twice.\n",
    );
    dir.create(
        "project/sources/reply.docx",
        docs::docx(
            &[docs::DocxPart::Para("We support the proposals.".into())],
            Some("Reply"),
            None,
            None,
        ),
    );
    dir.run(&["init", "project/corpus"]).ok();
    // From the sources folder, and from the project's parent.
    let mut cmd = dir.command(&["import", "visit.txt", "--into", "../corpus"]);
    cmd.current_dir(dir.join("project/sources"));
    util::run(&mut cmd).ok();
    dir.run(&[
        "import",
        "project/sources/board.md",
        "--into",
        "project/corpus",
    ])
    .ok();
    let mut cmd = dir.command(&["import", "sources/reply.docx", "--into", "corpus"]);
    cmd.current_dir(dir.join("project"));
    util::run(&mut cmd).ok();
    for (id, want) in [
        ("visit", "../sources/visit.txt"),
        ("board", "../sources/board.md"),
        ("reply", "../sources/reply.docx"),
    ] {
        let out = dir.run(&["--corpus", "project/corpus", "show", id, "--json"]);
        out.ok();
        assert_eq!(out.json()["report"]["source"]["file"], want, "{id}");
    }
    // Imported again from elsewhere, it is the same source: unchanged,
    // then updated in place when it changes, not a second report.
    let again = dir.run(&[
        "import",
        "project/sources/visit.txt",
        "--into",
        "project/corpus",
    ]);
    again.ok();
    assert!(again.stdout.contains("unchanged visit"), "{}", again.stdout);
    dir.create(
        "project/sources/visit.txt",
        "Site visit notes\n\nThe merger was faster than planned.\n",
    );
    let mut cmd = dir.command(&["import", "sources/visit.txt", "--into", "corpus", "--force"]);
    cmd.current_dir(dir.join("project"));
    util::run(&mut cmd).ok();
    assert!(!dir.join("project/corpus/visit-txt.md").exists());
    let out = dir.run(&["--corpus", "project/corpus", "show", "visit", "--json"]);
    out.ok();
    assert_eq!(
        passages(&out.json())[0].1,
        "The merger was faster than planned."
    );
    // A file of the same name in another folder, imported from there, is
    // another document: a report of its own, the first left alone.
    dir.create(
        "other/visit.txt",
        "Other notes\n\nA different visit altogether.\n",
    );
    let mut cmd = dir.command(&["import", "visit.txt", "--into", "../project/corpus"]);
    cmd.current_dir(dir.join("other"));
    util::run(&mut cmd).ok();
    assert!(dir.join("project/corpus/visit-txt.md").exists());
    let out = dir.run(&["--corpus", "project/corpus", "show", "visit", "--json"]);
    assert_eq!(
        passages(&out.json())[0].1,
        "The merger was faster than planned."
    );
}

/// A paragraph ending in `:` right before a list introduces it: import
/// marks it `lead-in`, in a Word document as in markdown, so that each item
/// carries it as its context.
#[test]
fn a_paragraph_ending_in_a_colon_before_a_list_is_its_items_lead_in() {
    use docs::DocxPart::*;
    let dir = Dir::new();
    corpus(&dir);
    let parts = vec![
        Title("Merger review".into()),
        Heading(1, "Findings".into()),
        Para("The review found three benefits of merging:".into()),
        Item(0, false, "Lower back-office costs.".into()),
        Item(0, false, "Shared clinical rotas:".into()),
        Item(1, false, "across two sites.".into()),
        Para("Costs rose in the first year.".into()),
        Item(0, false, "A list with no lead-in.".into()),
    ];
    dir.create("review.docx", docs::docx(&parts, None, None, None));
    dir.create(
        "notes.md",
        "# Notes\n\n## Findings\n\nThe review found three benefits of merging:\n\n- Lower back-office costs.\n- Shared clinical rotas:\n    - across two sites.\n\nCosts rose in the first year.\n\n- A list with no lead-in.\n",
    );
    dir.run(&["import", "review.docx", "notes.md", "--into", "corpus"])
        .ok();
    for id in ["review", "notes"] {
        let file = dir.read(format!("corpus/{id}.md"));
        assert!(
            file.contains("The review found three benefits of merging: <!-- #1 lead-in -->"),
            "{file}"
        );
        assert!(
            file.contains("Shared clinical rotas: <!-- #3 lead-in -->"),
            "{file}"
        );
        assert!(!file.contains("year. <!-- #5 lead-in"), "{file}");
        let section = |n: u32| {
            let out = dir.run(&["--corpus", "corpus", "show", &format!("{id}/{n}"), "--json"]);
            out.ok();
            out.json()["passage"]["section"].clone()
        };
        assert_eq!(
            section(2),
            "Findings — The review found three benefits of merging",
            "{id}"
        );
        assert_eq!(section(4), "Findings — Shared clinical rotas", "{id}");
        assert_eq!(section(6), "Findings", "{id}");
    }
}

#[test]
fn two_documents_with_one_file_name_are_two_reports_whatever_the_runs() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "a/report.txt",
        "Workforce notes\n\nRecruitment focused on nurses.\n",
    );
    dir.create(
        "b/report.txt",
        "Bed notes\n\nOccupancy was high all winter.\n",
    );
    // One at a time, then both again, then the second forced.
    dir.run(&["import", "a/report.txt", "--into", "corpus"])
        .ok();
    dir.run(&["import", "b/report.txt", "--into", "corpus"])
        .ok();
    let again = dir.run(&["import", "a", "b", "--into", "corpus"]);
    again.ok();
    assert!(
        again.stdout.contains("0 imported, 2 unchanged, 0 failed"),
        "{}",
        again.stdout
    );
    dir.run(&["import", "b/report.txt", "--into", "corpus", "--force"])
        .ok();
    let first = show(&dir, "report");
    assert_eq!(first["report"]["title"], "Workforce notes");
    assert_eq!(passages(&first)[0].1, "Recruitment focused on nurses.");
    let second = show(&dir, "report-txt");
    assert_eq!(second["report"]["title"], "Bed notes");
}

/// A title page misread is corrected in the report file, as the README
/// asks; a later edition imported with --force keeps the corrected title,
/// short title, organisation and authors (every citation of the report
/// hangs on them), says what the document reads now, and takes what the
/// command line gives.
#[test]
fn a_re_import_keeps_the_details_corrected_by_hand() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "notes.txt",
        "Draft_v7_final\n\nRecruitment focused on nurses.\n",
    );
    dir.run(&["import", "notes.txt", "--into", "corpus"]).ok();
    let file = dir.read("corpus/notes.md");
    assert!(file.contains("title = \"Draft_v7_final\""), "{file}");
    let corrected = file
        .replace(
            "\ntitle = \"Draft_v7_final\"",
            "\ntitle = \"Workforce review 2019\"\norganisation = \"Northshire Clinical Senate\"\nauthors = [\"Margaret Ellison\", \"Tunde Adebayo\"]",
        )
        .replace("short_title = \"Draft_v7_final\"", "short_title = \"Workforce 2019\"");
    dir.create("corpus/notes.md", &corrected);
    dir.create(
        "notes.txt",
        "Draft_v7_final\n\nRecruitment focused on nurses and midwives.\n",
    );
    let out = dir.run(&["import", "notes.txt", "--into", "corpus", "--force"]);
    out.ok();
    assert!(
        out.stderr.contains("kept its details as corpus/notes.md gives them; the document now reads title “Draft_v7_final”, no organisation, no authors"),
        "{}",
        out.stderr
    );
    let report = show(&dir, "notes");
    assert_eq!(report["report"]["title"], "Workforce review 2019");
    assert_eq!(report["report"]["short_title"], "Workforce 2019");
    assert_eq!(
        report["report"]["organisation"],
        "Northshire Clinical Senate"
    );
    assert_eq!(
        report["report"]["authors"],
        serde_json::json!(["Margaret Ellison", "Tunde Adebayo"])
    );
    assert_eq!(
        passages(&report)[0].1,
        "Recruitment focused on nurses and midwives."
    );
    // What the command line gives now is taken, and the short title
    // follows the new title.
    dir.create(
        "notes.txt",
        "Draft_v7_final\n\nRecruitment focused on nurses, midwives and porters.\n",
    );
    dir.run(&[
        "import",
        "notes.txt",
        "--into",
        "corpus",
        "--force",
        "--title",
        "Workforce review, second edition",
    ])
    .ok();
    let report = show(&dir, "notes");
    assert_eq!(
        report["report"]["title"],
        "Workforce review, second edition"
    );
    assert_eq!(report["report"]["short_title"], "Workforce review…");
    assert_eq!(
        report["report"]["organisation"],
        "Northshire Clinical Senate"
    );
    // A title corrected by hand under the short title made from the one
    // misread: the short title is made again from the corrected title.
    let file = dir.read("corpus/notes.md").replace(
        "short_title = \"Workforce review…\"",
        "short_title = \"Draft_v7_final\"",
    );
    dir.create("corpus/notes.md", file);
    dir.create(
        "notes.txt",
        "Draft_v7_final\n\nRecruitment focused on nurses only.\n",
    );
    dir.run(&["import", "notes.txt", "--into", "corpus", "--force"])
        .ok();
    let report = show(&dir, "notes");
    assert_eq!(
        report["report"]["title"],
        "Workforce review, second edition"
    );
    assert_eq!(report["report"]["short_title"], "Workforce review…");
}

#[test]
fn a_short_page_leaves_its_cookie_notice_out() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "short.html",
        "<html><head><title>Why mergers disappoint</title></head><body>\
         <div class=\"cookie-notice\">We use cookies. Accept all?</div>\
         <div id=\"gdpr-consent\"><p>Manage your consent preferences here.</p></div>\
         <article><h1>Why mergers disappoint</h1>\
         <p>Mergers between neighbouring hospitals rarely deliver the savings promised.</p></article>\
         </body></html>",
    );
    dir.run(&["import", "short.html", "--into", "corpus"]).ok();
    let texts: Vec<String> = passages(&show(&dir, "short"))
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(
        texts,
        ["Mergers between neighbouring hospitals rarely deliver the savings promised."]
    );
}

#[test]
fn a_document_put_straight_in_a_corpus_folder_is_a_warning_naming_the_import() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "corpus/inbox/report one.pdf",
        docs::pdf(&[text("Some text.")], &Layout::default()),
    );
    let out = dir.run(&["--corpus", "corpus", "check"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "corpus/inbox/report one.pdf: warning: a PDF is not read as a report; bring it in with `evidence import 'corpus/inbox/report one.pdf' --into corpus`"
        ),
        "{}",
        out.stdout
    );
    let out = dir.run(&["--corpus", "corpus", "reports"]);
    out.ok();
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("report one.pdf"), "{}", out.stderr);
    // Brought in with the command it names, it is read: no more warning.
    dir.run(&["import", "corpus/inbox/report one.pdf", "--into", "corpus"])
        .ok();
    let out = dir.run(&["--corpus", "corpus", "check"]);
    out.ok();
    assert!(!out.stdout.contains("is not read"), "{}", out.stdout);
    let out = dir.run(&["--corpus", "corpus", "reports"]);
    assert!(!out.stderr.contains("report one.pdf"), "{}", out.stderr);
}

#[test]
fn re_importing_keeps_ids_and_never_overwrites_a_corrected_file_without_force() {
    let dir = Dir::new();
    corpus(&dir);
    let first = vec![
        text("Alpha paragraph about governance of merged trusts."),
        text("Beta paragraph about the costs of integration."),
        text("Gamma paragraph about leadership across boundaries."),
    ];
    let layout = Layout::default();
    dir.create("trusts.pdf", docs::pdf(&first, &layout));
    dir.run(&["import", "trusts.pdf", "--into", "corpus"]).ok();
    let before = dir.read("corpus/trusts.md");

    // The same file again: nothing to do.
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus"]);
    out.ok();
    assert!(out.stdout.starts_with("unchanged trusts"), "{}", out.stdout);
    assert_eq!(dir.read("corpus/trusts.md"), before);
    // Details given for an unchanged source are not applied, and it says so.
    let out = dir.run(&[
        "import",
        "trusts.pdf",
        "--into",
        "corpus",
        "--title",
        "Trusts",
    ]);
    out.ok();
    assert!(
        out.stderr.contains("--title not applied to trusts, whose source is unchanged; --force imports it again with it"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.read("corpus/trusts.md"), before);

    // A new version: Beta removed, Delta added, Gamma unchanged.
    let second = vec![
        text("Alpha paragraph about governance of merged trusts."),
        text("Delta paragraph about regulators and their demands."),
        text("Gamma paragraph about leadership across boundaries."),
    ];
    dir.create("trusts.pdf", docs::pdf(&second, &layout));
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus"]);
    out.code(2);
    assert!(
        out.stderr.contains("changed since it was imported"),
        "{}",
        out.stderr
    );
    assert_eq!(dir.read("corpus/trusts.md"), before);
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus", "--force"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "re-imported trusts -> corpus/trusts.md (2 passages kept their ids, 1 new, 1 retired)"
        ),
        "{}",
        out.stdout
    );
    let ids: Vec<(String, String)> = passages(&show(&dir, "trusts"))
        .into_iter()
        .map(|(id, t, _)| (id, t))
        .collect();
    assert_eq!(
        ids,
        [
            (
                "trusts/1".to_string(),
                "Alpha paragraph about governance of merged trusts.".to_string()
            ),
            (
                "trusts/4".to_string(),
                "Delta paragraph about regulators and their demands.".to_string()
            ),
            (
                "trusts/3".to_string(),
                "Gamma paragraph about leadership across boundaries.".to_string()
            ),
        ]
    );
    assert!(
        dir.read("corpus/trusts.md")
            .contains("retired_passages = [\"2\"]")
    );
    // Asking for the retired id says what became of it, as for an id in
    // retired.toml, and exits 1 (found nothing).
    let out = dir.run(&["--corpus", "corpus", "show", "trusts/2"]);
    out.code(1);
    assert!(
        out.stderr
            .contains("`trusts/2` was retired: its text was gone from the source document"),
        "{}",
        out.stderr
    );

    // The user corrects the report by hand; a changed source does not
    // overwrite it without --force, and --force keeps the corrected version.
    let corrected = dir
        .read("corpus/trusts.md")
        .replace("Alpha paragraph", "Alpha (corrected) paragraph");
    dir.create("corpus/trusts.md", &corrected);
    // The source as imported: nothing to do, and the correction is named.
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "unchanged trusts (its source is as imported; corpus/trusts.md was corrected by hand since, and is kept as it is)"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(dir.read("corpus/trusts.md"), corrected);
    dir.create("trusts.pdf", docs::pdf(&first, &layout));
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus"]);
    out.code(2);
    assert!(out.stderr.contains("corrected by hand"), "{}", out.stderr);
    assert_eq!(dir.read("corpus/trusts.md"), corrected);
    let out = dir.run(&["import", "trusts.pdf", "--into", "corpus", "--force"]);
    out.ok();
    assert!(
        out.stdout
            .contains("the version corrected by hand is kept as corpus/trusts.md."),
        "{}",
        out.stdout
    );
    let backups: Vec<_> = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("trusts.md.") && n.ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(dir.read(format!("corpus/{}", backups[0])), corrected);
    // Beta is back, under a new id: its old one stays retired.
    let texts: Vec<(String, String)> = passages(&show(&dir, "trusts"))
        .into_iter()
        .map(|(id, t, _)| (id, t))
        .collect();
    assert_eq!(
        texts[1],
        (
            "trusts/5".to_string(),
            "Beta paragraph about the costs of integration.".to_string()
        )
    );
    assert_eq!(texts[2].0, "trusts/3");
    let out = dir.run(&["--corpus", "corpus", "check"]);
    out.ok();
}

#[test]
fn a_folder_imports_with_a_summary_of_what_was_skipped_and_why() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "inbox/a.pdf",
        docs::pdf(
            &[text("Words about chains of hospitals.")],
            &Layout::default(),
        ),
    );
    dir.create(
        "inbox/sub/b.docx",
        docs::docx(
            &[docs::DocxPart::Para(
                "Words about franchises of care.".into(),
            )],
            None,
            None,
            None,
        ),
    );
    dir.create(
        "inbox/c.html",
        docs::web_page(
            "Groups",
            "A. Writer",
            "2020-01-02",
            "https://example.org/c",
            "<p>Words about groups of providers and what they achieve for patients over time.</p>",
        ),
    );
    dir.create("inbox/notes.md", "# Notes\n\nWords about buddying.\n");
    dir.create("inbox/picture.png", "not an image really");
    dir.create("inbox/broken.pdf", "%PDF-1.4\ngarbage");
    let out = dir.run(&["import", "inbox", "--into", "corpus"]);
    out.code(2);
    assert!(out.stdout.contains("4 imported, 0 unchanged, 1 failed, 1 skipped: inbox/picture.png (not a document evidence reads (.png))"), "{}", out.stdout);
    // The failure, once; the notes say which documents had no title.
    let said: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.contains(": note: "))
        .collect();
    assert_eq!(said.len(), 1, "{}", out.stderr);
    assert!(out.stderr.contains(
        "note: inbox/a.pdf: no title found in it: titled by its file name; give one with --title"
    ));
    assert!(
        said[0].starts_with("evidence: inbox/broken.pdf: not a readable PDF"),
        "{}",
        out.stderr
    );
    for word in ["chains", "franchises", "groups", "buddying"] {
        let out = dir.run(&["--corpus", "corpus", "search", word, "--json"]);
        out.ok();
        assert!(out.json()["total"].as_u64().unwrap() >= 1, "{word}");
    }
}

/// The issue's "done when", end to end: three formats in one import, each
/// found by search, the PDF's page in `show` and in every export format,
/// the web page's address in the citations.
#[test]
fn a_pdf_a_word_document_and_a_web_page_are_searched_shown_and_exported_with_locators() {
    let dir = Dir::new();
    std::fs::create_dir(dir.join("my-corpus")).unwrap();
    let pdf = vec![
        text("First page: tariffs shape what providers can afford to do for patients."),
        text("More first page text so that the next paragraph falls on page two of the document."),
        text(
            "Second page: capitation pays a provider per head of population rather than per treatment.",
        ),
    ];
    dir.create(
        "some.pdf",
        docs::pdf(
            &pdf,
            &Layout {
                lines: 4,
                ..Layout::default()
            },
        ),
    );
    dir.create(
        "some.docx",
        docs::docx(
            &[docs::DocxPart::Para(
                "Franchising lets a strong trust run a weaker one under contract.".into(),
            )],
            Some("Franchise notes"),
            None,
            None,
        ),
    );
    dir.create(
        "page.html",
        docs::web_page("Telemedicine", "R. Osei", "2022-05-01", "https://example.org/tele", "<p>Telemedicine brings specialists to small hospitals through video links and shared records.</p><p>It works best when rotas are shared.</p>"),
    );
    let out = dir.run(&[
        "import",
        "some.pdf",
        "some.docx",
        "page.html",
        "--into",
        "my-corpus",
    ]);
    out.ok();
    assert!(
        out.stdout.contains("3 imported, 0 unchanged, 0 failed"),
        "{}",
        out.stdout
    );
    for (word, id) in [
        ("capitation", "some/3"),
        ("franchising", "some-docx/1"),
        ("telemedicine", "page/1"),
    ] {
        let out = dir.run(&["--corpus", "my-corpus", "search", word, "--json"]);
        out.ok();
        let json = out.json();
        let hit = json["hits"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            hit == id || hit.starts_with(id.split('/').next().unwrap()),
            "{word}: {hit}"
        );
    }
    let out = dir.run(&["--corpus", "my-corpus", "show", "some/3"]);
    out.ok();
    assert!(out.stdout.contains("page: p. 2"), "{}", out.stdout);
    let md = dir.run(&["--corpus", "my-corpus", "export", "--ids", "some/3,page/1"]);
    md.ok();
    assert!(md.stdout.contains(", p. 2, some/3"), "{}", md.stdout);
    assert!(
        md.stdout
            .contains("page/1, <https://example.org/tele> (accessed "),
        "{}",
        md.stdout
    );
    // The reference list gives the page's address and when it was read.
    let reference = md
        .stdout
        .lines()
        .skip_while(|l| *l != "## References")
        .find(|l| l.contains("<https://example.org/tele>"))
        .unwrap_or_else(|| panic!("no reference with the address:\n{}", md.stdout));
    assert!(reference.contains(">. Accessed "), "{reference}");
    let csv = dir.run(&[
        "--corpus",
        "my-corpus",
        "export",
        "--ids",
        "some/3,page/1",
        "--format",
        "csv",
    ]);
    csv.ok();
    assert!(csv.stdout.contains(", p. 2, some/3"), "{}", csv.stdout);
    // For pandoc, the page is the locator; so in a citation style.
    let pandoc = dir.run(&[
        "--corpus",
        "my-corpus",
        "export",
        "--ids",
        "some/3",
        "--cite",
        "pandoc",
    ]);
    pandoc.ok();
    assert!(
        pandoc.stdout.contains(", p. 2], some/3"),
        "{}",
        pandoc.stdout
    );
    let apa = dir.run(&[
        "--corpus",
        "my-corpus",
        "export",
        "--ids",
        "some/3",
        "--style",
        "apa",
    ]);
    apa.ok();
    assert!(apa.stdout.contains("p. 2)"), "{}", apa.stdout);
    assert!(
        csv.stdout
            .contains("page/1, https://example.org/tele (accessed "),
        "{}",
        csv.stdout
    );
    let json = dir.run(&[
        "--corpus",
        "my-corpus",
        "export",
        "--ids",
        "some/3,page/1",
        "--format",
        "json",
    ]);
    json.ok();
    let j = json.json();
    assert_eq!(
        j["excerpts"][0]["pages"],
        serde_json::json!({"first": 2, "last": 2})
    );
    assert_eq!(j["excerpts"][0]["citation"]["locator"], "p. 2");
    assert_eq!(
        j["excerpts"][1]["citation"]["url"],
        "https://example.org/tele"
    );
}

// ---------------------------------------------------------------------------
// The committed fixtures (tests/fixtures/import/README.md), made by real
// tools from the text of the bundled reports.

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

/// The passages' texts of a bundled report, as the fixtures were made from.
fn bundled_texts(id: &str) -> Vec<String> {
    let corpus = evidence::corpus::Corpus::bundled();
    corpus
        .report(id)
        .unwrap()
        .passages
        .iter()
        .map(|p| p.text.replace("\\*", "*"))
        .collect()
}

#[test]
fn a_two_column_pdf_made_by_groff_reads_back_word_for_word() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create("buddying.pdf", fixture("buddying-two-column.pdf"));
    dir.run(&["import", "buddying.pdf", "--into", "corpus"])
        .ok();
    let json = show(&dir, "buddying");
    assert_eq!(json["report"]["title"], "Buddying Review");
    // An organisation in the author field is the work's organisation.
    assert_eq!(json["report"]["authors"], serde_json::json!([]));
    assert_eq!(json["report"]["organisation"], "Foundation Trust Network");
    let got = passages(&json);
    // Headings set in bold type of the body's size are told by their
    // place (a short line, more space above than below, text after it):
    // sections, or at worst passages of their own, never glued to the
    // text. The rest is the report's text, word for word, in reading
    // order.
    let headings = [
        "Key messages",
        "Buddying arrangements",
        "Limiting the success of buddying",
        "Potential benefits and incentives for buddying arrangements",
        "Kinds of buddying",
    ];
    let note = "1 The review was commissioned for the Dalton review in 2014.";
    let rows = ["Networking | shared learning", "One to one better practice"];
    let texts: Vec<String> = got
        .iter()
        .map(|(_, t, _)| t.clone())
        .filter(|t| !headings.contains(&t.as_str()) && t != note && !rows.contains(&t.as_str()))
        .collect();
    let mut want = bundled_texts("buddying-review");
    // The footnote's call (groff sets it raised and small) follows the
    // first paragraph, set apart from its last word as Word's are.
    want[0].push_str("[1]");
    assert_eq!(texts, want, "file:\n{}", dir.read("corpus/buddying.md"));
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["section"].as_str())
        .collect();
    let as_passages = headings
        .iter()
        .filter(|h| got.iter().any(|(_, t, _)| t == *h))
        .count();
    for h in headings {
        assert!(
            sections.contains(&h) || got.iter().any(|(_, t, _)| t == h),
            "{h} is neither a section nor a passage"
        );
    }
    // The first heading, set apart above a list, is a section.
    assert!(sections.contains(&"Key messages"), "{sections:?}");
    // Every extra passage is accounted for: nothing of the running header
    // or the page numbers.
    assert_eq!(got.len(), want.len() + as_passages + 1 + rows.len());
    let pages: Vec<u64> = got
        .iter()
        .map(|(_, _, p)| p["last"].as_u64().unwrap())
        .collect();
    assert_eq!(pages.first(), Some(&1));
    assert_eq!(pages.last(), Some(&2));
    let across = got
        .iter()
        .find(|(_, t, _)| t.starts_with("Those organisations that are challenged"))
        .unwrap();
    assert_eq!(across.2, serde_json::json!({"first": 1, "last": 2}));
}

#[test]
fn a_word_document_made_by_pandoc_reads_back_word_for_word() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create("mergers.docx", fixture("nhs-trust-mergers.docx"));
    dir.run(&["import", "mergers.docx", "--into", "corpus"])
        .ok();
    let json = show(&dir, "mergers");
    assert_eq!(
        json["report"]["title"],
        "NHS Trust Mergers: Where have we got to?"
    );
    // An organisation in the author field is the work's organisation.
    assert_eq!(json["report"]["authors"], serde_json::json!([]));
    assert_eq!(json["report"]["organisation"], "Westminster Health Forum");
    assert_eq!(json["report"]["published"], "2014-06-09");
    let got = passages(&json);
    let texts: Vec<&str> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    let source = bundled_texts("nhs-trust-mergers");
    let mut want: Vec<&str> = source[..6].iter().map(String::as_str).collect();
    want.extend([
        "Mergers are no quick fix, and their costs come early.[1]",
        "Question | Answer",
        "Do most mergers deliver? | No",
        "Who regulates competition? | The CMA",
    ]);
    want.extend(source[6..12].iter().map(String::as_str));
    want.push("[1] The discussion was held under the Chatham House rule.");
    assert_eq!(texts, want);
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["section"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sections[0], "Discussion");
    assert_eq!(sections[6], "Evidence on mergers");
    assert_eq!(sections[16], "Notes");
}

#[test]
fn a_web_page_shaped_like_a_blog_post_gives_its_article_and_nothing_else() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create("seizing.html", fixture("seizing-the-opportunity.html"));
    dir.run(&["import", "seizing.html", "--into", "corpus"])
        .ok();
    let json = show(&dir, "seizing");
    assert_eq!(
        json["report"]["title"],
        "Seizing the opportunity: ten new perspectives from healthcare leaders"
    );
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Alan Milburn"])
    );
    assert_eq!(json["report"]["published"], "2014-03-12");
    assert_eq!(
        json["report"]["source"]["url"],
        "https://example.org/insight/seizing-the-opportunity"
    );
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(texts, bundled_texts("seizing-the-opportunity"));
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["section"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sections[0], "9 key themes");
    assert_eq!(
        sections.last(),
        Some(&"Key issues from different perspectives")
    );
}

/// A heading at the top of every page that differs only by its number
/// (`Case study 1`, `Case study 2`) is the document's, not a running header:
/// it is kept, as is a paragraph's first line there.
#[test]
fn numbered_headings_at_the_top_of_each_page_are_kept() {
    let dir = Dir::new();
    corpus(&dir);
    let mut paras = Vec::new();
    for n in 1..=3 {
        paras.push(docs::heading(&format!("Case study {n}")));
        paras.push(docs::text(&format!(
            "The trusts in case {n} combined after years of working as a network, and their \
             savings were smaller than projected because the new computer systems cost more \
             than planned and the boards met less often than they had agreed to meet."
        )));
    }
    let layout = Layout {
        lines: 8,
        page_numbers: true,
        title: Some("Cases of merger".to_string()),
        ..Layout::default()
    };
    dir.create("cases.pdf", docs::pdf(&paras, &layout));
    dir.run(&["import", "cases.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "cases");
    let sections: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["section"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        sections,
        ["Case study 1", "Case study 2", "Case study 3"],
        "{json}"
    );
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert!(
        texts[2].starts_with("The trusts in case 3 combined"),
        "{texts:?}"
    );
}

/// A paragraph that runs over a page, in a document with a narrow top
/// margin: its last line, alone at the top of the next page and set apart
/// from what follows, is text, not a running header; and a line there that
/// starts with a number carries the sentence on. Tried at many lengths, so
/// that the page breaks fall in many places.
#[test]
fn a_paragraph_running_over_a_page_keeps_every_line() {
    let dir = Dir::new();
    corpus(&dir);
    let n = 40;
    for (lines, margin) in (28..=40).zip([28.0, 42.0, 56.0].into_iter().cycle()) {
        let long: Vec<String> = (1..=n)
            .map(|k| {
                format!("Sentence {k} about waiting lists and elective recovery in the region.")
            })
            .collect();
        let paras = [
            docs::text(&long.join(" ")),
            docs::text("A second paragraph closes the note on recovery."),
        ];
        let layout = Layout {
            lines,
            title: Some(format!("Waiting lists {lines}")),
            top_margin: Some(margin),
            ..Layout::default()
        };
        let name = format!("waits-{lines}.pdf");
        dir.create(&name, docs::pdf(&paras, &layout));
        dir.run(&["import", &name, "--into", "corpus"]).ok();
        let json = show(&dir, &format!("waits-{lines}"));
        let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(texts.len(), 2, "{lines} lines, margin {margin}: {texts:#?}");
        assert!(
            texts[0].ends_with(&format!(
                "Sentence {n} about waiting lists and elective recovery in the region."
            )),
            "{lines} lines, margin {margin}: {texts:#?}"
        );
        for k in 1..=n {
            assert!(
                texts[0].contains(&format!("Sentence {k} about waiting")),
                "sentence {k}, {lines} lines, margin {margin}"
            );
        }
        assert_eq!(texts[1], "A second paragraph closes the note on recovery.");
    }
}

/// Two columns under a paragraph that runs across the page, and over
/// another: the paragraph above, then the left column down, then the right,
/// then the paragraph below; not rows of a table.
#[test]
fn columns_between_full_width_paragraphs_read_in_order() {
    let dir = Dir::new();
    corpus(&dir);
    let mut runs: Vec<(f64, f64, f64, String)> = Vec::new();
    let mut y = 770.0;
    let place = |x: f64, y: &mut f64, text: &str, max: f64, runs: &mut Vec<_>| {
        for line in docs::wrapped(text, max) {
            runs.push((x, *y, 11.0, line));
            *y -= 14.0;
        }
        *y -= 14.0;
    };
    place(
        72.0,
        &mut y,
        "ALPHA opens the page with a paragraph across its whole width, above the two columns, saying what follows in this part of the report.",
        450.0,
        &mut runs,
    );
    let top = y;
    let mut left = top;
    place(
        72.0,
        &mut left,
        "BRAVO is the left column's first paragraph, long enough to wrap over several lines of the narrow column, to test its order.",
        210.0,
        &mut runs,
    );
    place(
        72.0,
        &mut left,
        "CHARLIE is the left column's second paragraph, wrapping onto a few lines of the column too.",
        210.0,
        &mut runs,
    );
    let mut right = top;
    place(
        312.0,
        &mut right,
        "DELTA is the right column's first paragraph, to be read once the left column has been read all the way down.",
        210.0,
        &mut runs,
    );
    place(
        312.0,
        &mut right,
        "ECHO is the right column's second paragraph, and the last one in it.",
        210.0,
        &mut runs,
    );
    let mut below = left.min(right);
    place(
        72.0,
        &mut below,
        "FOXTROT closes the page with a paragraph across its whole width, below both columns, and comes last.",
        450.0,
        &mut runs,
    );
    let layout = Layout {
        title: Some("Columns".to_string()),
        ..Layout::default()
    };
    dir.create("columns.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "columns.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "columns");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    let firsts: Vec<&str> = texts
        .iter()
        .map(|t| t.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        firsts,
        ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"],
        "{texts:#?}"
    );
    assert!(texts.iter().all(|t| !t.contains(" | ")), "{texts:#?}");
}

/// A PDF list indented as a whole has its items side by side, at one
/// level; an item indented further is nested under the one before.
#[test]
fn a_pdf_list_s_items_at_one_indent_are_one_level() {
    let dir = Dir::new();
    corpus(&dir);
    let mut runs: Vec<(f64, f64, f64, String)> = vec![(
        72.0,
        770.0,
        11.0,
        "The board should consider three things before it agrees to any merger:".to_string(),
    )];
    let items = [
        (84.0, "whether a clinical strategy exists;"),
        (84.0, "whether savings are phased over five years;"),
        (108.0, "and whether they were ever phased at all;"),
        (84.0, "whether information systems are funded."),
    ];
    for (k, (x, text)) in items.iter().enumerate() {
        let y = 748.0 - 18.0 * k as f64;
        runs.push((*x, y, 11.0, "\u{2022}".to_string()));
        runs.push((x + 12.0, y, 11.0, (*text).to_string()));
    }
    runs.push((
        72.0,
        660.0,
        11.0,
        "This closing paragraph follows the list and is not part of it.".to_string(),
    ));
    let layout = Layout {
        title: Some("Lists".to_string()),
        ..Layout::default()
    };
    dir.create("lists.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "lists.pdf", "--into", "corpus"]).ok();
    let file = dir.read("corpus/lists.md");
    for line in [
        "\n- whether a clinical strategy exists;",
        "\n- whether savings are phased over five years;",
        "\n    - and whether they were ever phased at all;",
        "\n- whether information systems are funded.",
    ] {
        assert!(file.contains(line), "{line:?} in\n{file}");
    }
}

/// A byline repeated at the top of the article ("By NAME, DATE") is the
/// page's details, not its first passage, and its date is the page's.
#[test]
fn a_web_page_byline_gives_author_and_date_and_is_no_passage() {
    // With the author in the page's details too, and without.
    for head in ["<meta name=\"author\" content=\"Priya Raman\">", ""] {
        byline_page(head);
    }
}

fn byline_page(head: &str) {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "page.html",
        format!("<!doctype html><html><head><title>Community hospitals</title>\
         {head}</head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Community hospitals</h1>\
         <p class=\"byline\">By Priya Raman, 14 March 2023</p>\
         <p>Community hospitals in rural areas struggle to recruit nurses and doctors, and many rely on agency staff.</p>\
         <p>Shared staff banks across several small providers have been tried in three counties, with mixed results.</p>\
         <p>The evidence on whether shared staff banks reduce agency spending is mixed, but staff report continuity.</p>\
         </article><footer>Copyright 2023</footer></body></html>"),
    );
    dir.run(&["import", "page.html", "--into", "corpus"]).ok();
    let json = show(&dir, "page");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Priya Raman"])
    );
    assert_eq!(json["report"]["published"], "2023-03-14");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(
        texts[0].starts_with("Community hospitals in rural areas"),
        "{texts:?}"
    );
}

/// A page pandoc made (`pandoc article.md -s -o article.html`): its title
/// block gives the authors, one to a line, the date in figures and the
/// subtitle, and none of them is a passage.
#[test]
fn a_page_pandoc_made_gives_its_title_blocks_details() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "article.html",
        "<!DOCTYPE html>\n<html><head><meta name=\"author\" content=\"Jane Okafor\">\
         <meta name=\"dcterms.date\" content=\"2019-03-14\">\
         <title>Hospital groups in England</title></head><body>\
         <header id=\"title-block-header\"><h1 class=\"title\">Hospital groups in England</h1>\
         <p class=\"subtitle\">Early lessons</p>\
         <p class=\"author\">Jane Okafor</p><p class=\"author\">Tom Reid</p>\
         <p class=\"date\">2019-03-14</p>\
         <div class=\"abstract\"><div class=\"abstract-title\">Abstract</div>\
         <p>Three hospital groups were followed for two years after they formed.</p></div></header>\
         <p>Groups of hospitals under one board shared their back-office services within two years of forming.</p>\
         <p>Clinical staff moved between sites more often than before, which the boards counted as a benefit.</p>\
         </body></html>\n",
    );
    dir.run(&["import", "article.html", "--into", "corpus"])
        .ok();
    let json = show(&dir, "article");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Jane Okafor", "Tom Reid"])
    );
    assert_eq!(json["report"]["published"], "2019-03-14");
    assert_eq!(json["report"]["subtitle"], "Early lessons");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    // The abstract is text, under its heading; the details are not.
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(json["passages"][0]["section"], "Abstract");
    assert!(texts[0].starts_with("Three hospital groups"), "{texts:?}");
    assert!(texts[1].starts_with("Groups of hospitals"), "{texts:?}");
}

/// An older blog's page, with nothing marked: its byline is the author and
/// date, its title is the post's heading without the site's name, and the
/// readers' comments and related posts are not passages.
#[test]
fn a_plain_blog_page_gives_its_byline_title_and_post_alone() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "blog.html",
        "<html><head><title>Blog \u{2013} NHS Matters \u{2013} Mergers revisited</title></head><body>\
         <div class=\"cc-window\" role=\"dialog\">This website uses cookies and similar technologies to deliver, maintain and improve our services and for security purposes. By clicking accept you agree to our use of cookies as described in our cookie policy.<a>Accept</a></div>\
         <div id=\"menu\"><a href=\"/\">Home</a> | <a href=\"/blog\">Blog</a></div>\
         <div id=\"content\"><div class=\"post\"><h2 class=\"post-title\">Mergers revisited</h2>\
         <div class=\"meta\">Posted by Zo\u{eb} Ferreira-L\u{f8}vold on 3 May 2021</div>\
         <p>When two trusts merge, the first casualty is often the middle manager. In our survey of 300 managers, 41% said their role had changed within a year of the merger.</p>\
         <p>That finding echoes what others reported for nurses, and suggests that integration fatigue is not confined to any one profession.</p>\
         <p>We think boards should publish a workforce impact statement before any merger is approved.</p>\
         </div><div class=\"related\"><h3>Related posts</h3><ul><li><a>Why chains fail</a></li></ul></div>\
         <div class=\"comments\"><h3>3 comments</h3><p>Great post, thanks! I have been saying this for years and nobody listens to us on the wards at all.</p>\
         <p>Spam spam visit my site for cheap pills now, the best prices anywhere on the whole of the web.</p></div></div>\
         <div id=\"footer\">Copyright 2021 NHS Matters.</div></body></html>",
    );
    dir.run(&["import", "blog.html", "--into", "corpus"]).ok();
    let json = show(&dir, "blog");
    assert_eq!(json["report"]["title"], "Mergers revisited", "{json}");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Zo\u{eb} Ferreira-L\u{f8}vold"])
    );
    assert_eq!(json["report"]["published"], "2021-05-03");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(texts[0].starts_with("When two trusts merge"), "{texts:#?}");
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("Spam") && !t.contains("Great post"))
    );
}

/// A long document reports its pages as its reader gets through them, from
/// the child process, for the progress bar.
#[test]
fn a_long_pdf_reports_its_pages_as_it_is_read() {
    use evidence::import::{self, Extractor, Limits, Outcome, Progress};
    use std::sync::Mutex;
    let dir = Dir::new();
    std::fs::create_dir(dir.join("c")).unwrap();
    let pdf = dir.create("long.pdf", docs::pdf(&docs::prose(400), &Layout::default()));
    let opts = import::Options {
        import: evidence::corpus::ImportOptions::default(),
        extractor: Extractor::Child(env!("CARGO_BIN_EXE_evidence").into()),
        limits: Limits::default(),
        workers: 1,
    };
    let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
    let reports = import::run(&[pdf], &dir.join("c"), &opts, &|p| {
        seen.lock().unwrap().push(p)
    })
    .unwrap();
    let Outcome::Imported {
        pages: Some(pages), ..
    } = reports[0].outcome
    else {
        panic!("{:?}", reports[0].outcome);
    };
    assert!(pages >= 40, "{pages}");
    let seen = seen.into_inner().unwrap();
    let page_events: Vec<(u32, u32)> = seen.iter().filter_map(|p| p.page).collect();
    assert!(page_events.len() >= 4, "{seen:?}");
    assert!(page_events.iter().all(|&(_, of)| of == pages));
    assert_eq!(page_events.last(), Some(&(pages, pages)));
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((1, 1)));
}

/// A citation key, once a report has it, is the report's for good: a
/// later import of a work with the same authors, year and title word, whose
/// file name sorts first, gets another key rather than taking it.
#[test]
fn an_import_never_takes_a_key_another_report_has() {
    let dir = Dir::new();
    corpus(&dir);
    let key = |id: &str| show(&dir, id)["report"]["citekey"].clone();
    dir.create("z-mergers.docx", fixture("nhs-trust-mergers.docx"));
    dir.run(&["import", "z-mergers.docx", "--into", "corpus"])
        .ok();
    let first = key("z-mergers");
    assert!(first.as_str().is_some_and(|k| !k.is_empty()), "{first}");
    // The same work under a name that sorts first: refused as the same
    // file, unless a second copy is asked for.
    dir.create("a-mergers.docx", fixture("nhs-trust-mergers.docx"));
    let twice = dir.run(&["import", "a-mergers.docx", "--into", "corpus"]);
    assert_ne!(twice.code, 0);
    assert!(
        twice
            .stderr
            .contains("the same file as the report `z-mergers` (imported from z-mergers.docx)"),
        "{}",
        twice.stderr
    );
    assert!(!dir.join("corpus/a-mergers.md").exists());
    dir.run(&["import", "a-mergers.docx", "--into", "corpus", "--force"])
        .ok();
    assert_eq!(key("z-mergers"), first);
    assert_eq!(
        key("a-mergers").as_str(),
        Some(format!("{}a", first.as_str().unwrap()).as_str())
    );
    // Imported again, changed, a report keeps its key.
    let mut changed = fixture("nhs-trust-mergers.docx");
    changed.extend_from_slice(b"\0");
    dir.create("z-mergers.docx", changed);
    let again = dir.run(&["import", "z-mergers.docx", "--into", "corpus", "--force"]);
    assert!(again.code != 2, "{}", again.stderr);
    assert_eq!(key("z-mergers"), first);
    assert_eq!(
        key("a-mergers").as_str(),
        Some(format!("{}a", first.as_str().unwrap()).as_str())
    );
    // Its date corrected, the report keeps its key, and the import says
    // that the key names the year it had.
    let first = first.as_str().unwrap().to_string();
    let year = first
        .as_bytes()
        .windows(4)
        .position(|w| w.iter().all(u8::is_ascii_digit))
        .map(|i| first[i..i + 4].to_string())
        .expect("a key with a year");
    let dated = dir.run(&[
        "import",
        "z-mergers.docx",
        "--into",
        "corpus",
        "--force",
        "--published",
        "1999",
    ]);
    assert!(dated.code != 2, "{}", dated.stderr);
    assert_eq!(key("z-mergers").as_str(), Some(first.as_str()));
    let said = format!("{}{}", dated.stdout, dated.stderr);
    assert!(
        said.contains(&format!(
            "its citation key `{first}` is kept, so that drafts citing it still find it, though it was made when the document was dated {year} and it is dated 1999 now"
        )),
        "{said}"
    );
    // An undated document's key says `nd`: dated later, it says so too;
    // a title's number is no year.
    dir.create("vision.txt", "Vision 2020\n\nThe board set out its plan.\n");
    dir.run(&["import", "vision.txt", "--into", "corpus"]).ok();
    let kept = key("vision");
    let kept = kept.as_str().unwrap();
    assert!(kept.contains("nd"), "{kept}");
    let dated = dir.run(&[
        "import",
        "vision.txt",
        "--into",
        "corpus",
        "--force",
        "--published",
        "2014",
    ]);
    assert!(dated.code != 2, "{}", dated.stderr);
    let said = format!("{}{}", dated.stdout, dated.stderr);
    assert!(
        said.contains(
            "though it was made when the document was undated (`nd`) and it is dated 2014 now"
        ),
        "{said}"
    );
    assert!(!said.contains("2020 and"), "{said}");
}

/// A blog's byline in pieces ("Posted by", the name, "on", a date): the
/// name is the author, the date the page's, and neither is a passage.
#[test]
fn a_web_pages_byline_in_pieces_is_details_not_text() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "post.html",
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Link workers | NHS Voices</title>
<meta property="og:url" content="https://voices.example.org/2023/05/link-workers"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article class="post"><h1 class="entry-title">Social prescribing works if the link workers stay</h1>
<div class="entry-meta"><span class="author vcard">Posted by <a class="url fn n" href="/author/ruth">Ruth Kimani</a></span> <span class="sep">on</span> <time class="entry-date" datetime="2023-05-09">9 May 2023</time></div>
<div class="entry-content">
<p>Link workers connect patients to community groups, debt advice and exercise classes. In our practice, they have halved repeat appointments for loneliness.</p>
<p>But half of the link workers we trained in 2021 have already left, most for better-paid jobs in the council.</p>
<p>Retention, not recruitment, is the problem to solve next, and it is cheaper than training new staff every year.</p>
</div></article><footer>NHS Voices is an independent blog.</footer></body></html>"#,
    );
    dir.run(&["import", "post.html", "--into", "corpus"]).ok();
    let json = show(&dir, "post");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Ruth Kimani"])
    );
    assert_eq!(json["report"]["published"], "2023-05-09");
    let got = passages(&json);
    assert!(got[0].1.starts_with("Link workers connect"), "{got:?}");
    assert!(
        got.iter().all(|(_, t, _)| !t.contains("9 May 2023")),
        "{got:?}"
    );
}

/// A title page's lines under the title (the authors' names, an
/// organisation, the date printed) are the work's details, not its first
/// passage: in a PDF, whose own details give no author and only the day
/// the file was made, and in a Word document.
#[test]
fn a_title_pages_names_and_date_are_details_not_text() {
    let dir = Dir::new();
    corpus(&dir);
    let body =
        "Mergers between hospital trusts are often justified by savings in back office costs.";
    let runs = vec![
        (
            72.0,
            780.0,
            20.0,
            "Lessons from hospital mergers".to_string(),
        ),
        (
            72.0,
            750.0,
            11.0,
            "Amara Nwosu, Tomás Herrera and Li Wei".to_string(),
        ),
        (
            72.0,
            736.0,
            11.0,
            "Riverside Health Observatory".to_string(),
        ),
        (72.0, 722.0, 11.0, "Published 9 October 2023".to_string()),
        (72.0, 690.0, 11.0, body.to_string()),
        (
            72.0,
            676.0,
            11.0,
            "The savings rarely came within three years.".to_string(),
        ),
    ];
    let layout = Layout {
        title: None,
        ..Layout::default()
    };
    dir.create("lessons.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "lessons.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "lessons");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Amara Nwosu", "Tomás Herrera", "Li Wei"]),
        "{}",
        dir.read("corpus/lessons.md")
    );
    assert_eq!(
        json["report"]["organisation"],
        "Riverside Health Observatory"
    );
    assert_eq!(json["report"]["published"], "2023-10-09");
    // A PDF an organisation put out is a report, cited as one.
    assert_eq!(json["report"]["genre"], "report");
    let bib = dir.run(&["--corpus", "corpus", "cite", "lessons"]);
    bib.ok();
    assert!(
        bib.stdout.starts_with("@techreport{")
            && bib
                .stdout
                .contains("institution = {Riverside Health Observatory}"),
        "{}",
        bib.stdout
    );
    // Corrected by hand, the kind stands when it is imported again.
    let file = dir.read("corpus/lessons.md");
    dir.create(
        "corpus/lessons.md",
        file.replace("genre = \"report\"", "genre = \"speech\""),
    );
    dir.run(&["import", "lessons.pdf", "--into", "corpus", "--force"])
        .ok();
    assert!(
        dir.read("corpus/lessons.md").contains("genre = \"speech\""),
        "{}",
        dir.read("corpus/lessons.md")
    );
    let got = passages(&json);
    assert!(got[0].1.starts_with("Mergers between"), "{got:?}");

    // Word: a subtitle is kept; the names and the date are details.
    let doc = docs::docx(
        &[
            DocxPart::Title("Discharge to assess".to_string()),
            DocxPart::Para("Findings from the first twelve months".to_string()),
            DocxPart::Para("Sofia Marchetti and Daniel Osei".to_string()),
            DocxPart::Para("May 2022".to_string()),
            DocxPart::Heading(1, "Background".to_string()),
            DocxPart::Para(body.to_string()),
        ],
        Some("Discharge to assess"),
        Some("Sofia Marchetti"),
        Some("2013-12-23T00:00:00Z"),
    );
    dir.create("d2a.docx", doc);
    dir.run(&["import", "d2a.docx", "--into", "corpus"]).ok();
    let json = show(&dir, "d2a");
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Sofia Marchetti", "Daniel Osei"])
    );
    assert_eq!(json["report"]["published"], "2022-05");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(texts, ["Findings from the first twelve months", body]);
}

/// Pages are cited by the numbers printed on them: a report with a cover
/// and front matter prints 1 on its third page, and a passage there is on
/// p. 1; a passage of the front matter, before page 1, has no page.
#[test]
fn a_pdf_passage_is_cited_by_its_printed_page_number() {
    let dir = Dir::new();
    corpus(&dir);
    let page = |text: &str, number: Option<&str>| {
        let mut runs = vec![(72.0, 700.0, 11.0, text.to_string())];
        if let Some(n) = number {
            runs.push((297.0, 40.0, 9.0, n.to_string()));
        }
        runs
    };
    let pages = [
        vec![(72.0, 600.0, 24.0, "Urgent care review".to_string())],
        page(
            "Foreword. The board asked for this review in the autumn.",
            Some("ii"),
        ),
        page(
            "Urgent care is provided from eleven sites of five kinds.",
            Some("1"),
        ),
        page(
            "The walk-in centres saw 98,000 patients last year.",
            Some("2"),
        ),
        page(
            "We recommend one urgent treatment centre on the hospital site.",
            Some("3"),
        ),
    ];
    dir.create("urgent.pdf", docs::placed_pdf(&pages, &Layout::default()));
    dir.run(&["import", "urgent.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "urgent");
    let pages: Vec<(String, serde_json::Value)> = passages(&json)
        .into_iter()
        .map(|(_, t, p)| (t.split(' ').next().unwrap().to_string(), p))
        .collect();
    assert_eq!(
        pages,
        [
            ("Foreword.".to_string(), serde_json::Value::Null),
            (
                "Urgent".to_string(),
                serde_json::json!({"first": 1, "last": 1})
            ),
            (
                "The".to_string(),
                serde_json::json!({"first": 2, "last": 2})
            ),
            ("We".to_string(), serde_json::json!({"first": 3, "last": 3})),
        ],
        "{}",
        dir.read("corpus/urgent.md")
    );
}

/// A paragraph added by hand to an imported report, without a marker, is
/// shown (and may be cited) under the id the folder gives it; when the next
/// version of the source replaces the file, that id is retired with its
/// text, never given to another paragraph.
#[test]
fn an_id_shown_for_a_paragraph_added_by_hand_is_never_given_to_other_text() {
    let dir = Dir::new();
    dir.create(
        "src/beds.md",
        "# Note on beds\n\nFirst paragraph about bed occupancy.\n\nSecond paragraph about delayed discharge.\n",
    );
    dir.run(&["import", "src/beds.md", "--into", "corpus"]).ok();
    let mut added = dir.read("corpus/beds.md");
    added.push_str("\nHand-added paragraph citing the 2019 audit.\n");
    dir.create("corpus/beds.md", &added);
    let hand = passages(&show(&dir, "beds"))
        .into_iter()
        .find(|(_, t, _)| t.starts_with("Hand-added"))
        .expect("the added paragraph is a passage")
        .0;
    let mut source = dir.read("src/beds.md");
    source.push_str("\nSource gained a new paragraph on staffing.\n");
    dir.create("src/beds.md", &source);
    let out = dir.run(&["import", "src/beds.md", "--into", "corpus", "--force"]);
    out.ok();
    assert!(out.stdout.contains("1 new, 1 retired"), "{}", out.stdout);
    let now = passages(&show(&dir, "beds"));
    assert_eq!(now.len(), 3, "{now:?}");
    assert!(
        now.iter().all(|(id, _, _)| *id != hand),
        "{hand} in {now:?}"
    );
    let out = dir.run(&["--corpus", "corpus", "show", &hand]);
    out.code(1);
    assert!(out.stderr.contains("was retired"), "{}", out.stderr);
}

/// A board minute in Windows-1252: an apostrophe, curly quotes, a dash
/// and an accented letter, each one byte that is not UTF-8.
const WIN1252: &[u8] =
    b"The trust\x92s board agreed the \x93five year\x94 plan \x96 see annex. Caf\xe9";

/// What a user checks in the report a document in another encoding became:
/// the quotes, the dash and the accent read right, and no replacement
/// character where one was not.
#[track_caller]
fn reads_right(dir: &Dir, report: &str) {
    let text = dir.read(format!("mine/{report}.md"));
    assert!(
        text.contains(
            "trust\u{2019}s board agreed the \u{201c}five year\u{201d} plan \u{2013} see annex"
        ),
        "{report}:\n{text}"
    );
    assert!(text.contains("Café"), "{report}:\n{text}");
    assert!(!text.contains('\u{fffd}'), "{report}:\n{text}");
}

/// The stderr lines of a run that are about `file`.
fn said_of<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|l| l.contains(&format!(" {file}: ")))
        .collect()
}

#[test]
fn a_web_page_is_read_in_the_encoding_it_declares_else_as_windows_1252_with_a_note() {
    let dir = Dir::new();
    let page = |head: &[u8]| {
        let mut page = b"<!DOCTYPE html><html><head>".to_vec();
        page.extend_from_slice(head);
        page.extend_from_slice(b"<title>Board minutes</title></head><body><p>");
        page.extend_from_slice(WIN1252);
        page.extend_from_slice(b"</p></body></html>");
        page
    };
    dir.create(
        "declared.html",
        page(br#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#),
    );
    dir.create("latin1.htm", page(br#"<meta charset="iso-8859-1">"#));
    dir.create("undeclared.html", page(b""));
    let out = dir.run(&[
        "import",
        "declared.html",
        "latin1.htm",
        "undeclared.html",
        "--into",
        "mine",
    ]);
    out.ok();
    for report in ["declared", "latin1", "undeclared"] {
        reads_right(&dir, report);
    }
    // A page that says its encoding is read in it without a word; one that
    // does not is read as browsers read it, and the user is told.
    for file in ["declared.html", "latin1.htm"] {
        assert!(
            !said_of(&out.stderr, file)
                .iter()
                .any(|l| l.contains("encoding")),
            "{}",
            out.stderr
        );
    }
    let said = said_of(&out.stderr, "undeclared.html");
    assert!(
        said.iter()
            .any(|l| l.starts_with("evidence: note: undeclared.html: ")
                && l.contains("read as Windows-1252 (Western European)")
                && l.contains("check its accented letters and quotes")),
        "{}",
        out.stderr
    );
}

#[test]
fn a_text_file_in_utf16_or_with_a_utf8_mark_or_in_windows_1252_is_imported() {
    let dir = Dir::new();
    let minute = "The trust\u{2019}s board agreed the \u{201c}five year\u{201d} plan \u{2013} see annex. Café\n";
    // What Windows Notepad writes as "Unicode" (and as "Unicode big
    // endian"), and as "UTF-8 with BOM".
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in minute.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(minute.as_bytes());
    let mut plain = WIN1252.to_vec();
    plain.push(b'\n');
    dir.create("notepad.txt", le);
    dir.create("big-endian.txt", be);
    dir.create("with-bom.md", bom);
    dir.create("win1252.txt", &plain);
    let files = [
        "notepad.txt",
        "big-endian.txt",
        "with-bom.md",
        "win1252.txt",
    ];
    let mut args = vec!["import"];
    args.extend(files);
    args.extend(["--into", "mine"]);
    let out = dir.run(&args);
    out.ok();
    for report in ["notepad", "big-endian", "with-bom", "win1252"] {
        reads_right(&dir, report);
    }
    // Only the guess is said, naming its file, with what to check.
    let notes: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("Windows-1252"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", out.stderr);
    assert!(
        notes[0].starts_with("evidence: note: win1252.txt: not UTF-8")
            && notes[0].contains("read as Windows-1252 (Western European)")
            && notes[0].contains("check its accented letters and quotes"),
        "{}",
        out.stderr
    );
    // The report records the file as it is, so importing it again finds
    // it unchanged.
    let again = dir.run(&args);
    again.ok();
    for report in ["notepad", "big-endian", "with-bom", "win1252"] {
        assert!(
            again.stdout.contains(&format!("unchanged {report} ")),
            "{}",
            again.stdout
        );
    }
}

#[test]
fn binary_data_and_utf16_without_a_mark_are_refused_with_their_reasons() {
    let dir = Dir::new();
    dir.create("notes.md", "# Notes\n\nPears ripen slowly.\n");
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    dir.create("image.txt", &binary);
    let unmarked: Vec<u8> = "Minutes of the board.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    dir.create("unmarked.txt", unmarked);
    // Text at the start, then bytes no text has.
    let mut tail = b"Minutes of the board, ".repeat(60);
    tail.extend_from_slice(
        b"\xe9\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18",
    );
    dir.create("tail.txt", tail);
    let out = dir.run(&[
        "import",
        "notes.md",
        "image.txt",
        "unmarked.txt",
        "tail.txt",
        "--into",
        "mine",
    ]);
    out.code(2);
    assert!(out.stdout.contains("imported notes"), "{}", out.stdout);
    let said = |file: &str| said_of(&out.stderr, file).join("\n");
    assert_eq!(
        said("image.txt"),
        "evidence: image.txt: binary data, not text or a web page"
    );
    assert!(
        said("unmarked.txt").contains("UTF-16 without a byte-order mark")
            && said("unmarked.txt").contains("save it as UTF-8"),
        "{}",
        out.stderr
    );
    assert!(
        said("tail.txt").contains("not UTF-8 text")
            && said("tail.txt").contains("save it as UTF-8"),
        "{}",
        out.stderr
    );
    for gone in ["image", "unmarked", "tail"] {
        assert!(!dir.join(format!("mine/{gone}.md")).exists(), "{gone}");
    }
}

/// A page's site, as the page names it (`og:site_name`), is the site the
/// page appeared on: kept as its organisation, and a title that is not
/// the site's name is kept whole.
#[test]
fn a_web_page_keeps_the_name_of_its_site() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "news.html",
        r#"<!DOCTYPE html><html><head><title>Groups save on back offices</title>
<meta property="og:site_name" content="Health Policy News">
<meta name="author" content="Dev Patel"></head><body>
<article><h1>Groups save on back offices</h1>
<p>Hospital groups that share finance and payroll teams saved four per cent of running costs in their first year.</p>
<p>The savings came later than the groups had planned, and the staff who moved said little else changed.</p>
</article></body></html>"#,
    );
    dir.run(&["import", "news.html", "--into", "corpus"]).ok();
    let json = show(&dir, "news");
    assert_eq!(json["report"]["organisation"], "Health Policy News");
    assert_eq!(json["report"]["title"], "Groups save on back offices");
    assert_eq!(json["report"]["authors"], serde_json::json!(["Dev Patel"]));
    // Named only in the title, beside the article's heading.
    dir.create(
        "post.html",
        "<html><head><title>Why chains stall | NHS Voices</title></head><body>\
         <article><h1>Why chains stall</h1>\
         <p>Chains stall when the centre takes decisions the sites used to make and gives nothing back for them.</p>\
         <p>The sites we spoke to wanted shared buying and shared training, and little else from the centre.</p>\
         </article></body></html>",
    );
    dir.run(&["import", "post.html", "--into", "corpus"]).ok();
    let json = show(&dir, "post");
    assert_eq!(json["report"]["title"], "Why chains stall");
    assert_eq!(json["report"]["organisation"], "NHS Voices");
}

/// A think tank's PDF sets its footnote calls in raised small type after
/// the word (`expected³`): the word stays a word that a phrase search and
/// a quotation find, and the call is kept apart (`expected[3]`).
#[test]
fn a_pdfs_raised_footnote_call_is_not_glued_to_its_word() {
    let dir = Dir::new();
    corpus(&dir);
    let body = "Most mergers take longer than planned and cost more than expected";
    // Where the body's last letter ends, by Helvetica's own widths (in
    // thousandths of the size), as a PDF's writer places the call.
    let helvetica = |c: char| match c {
        'f' | 't' | ' ' | '.' => 278.0,
        'i' | 'l' => 222.0,
        'r' => 333.0,
        'm' => 833.0,
        'M' => 833.0,
        'c' | 's' | 'k' | 'v' | 'x' | 'y' | 'z' => 500.0,
        'w' => 722.0,
        _ => 556.0,
    };
    let after = 72.0 + body.chars().map(helvetica).sum::<f64>() * 11.0 / 1000.0;
    let runs = vec![
        (
            72.0,
            770.0,
            18.0,
            "Mergers: what the evidence says".to_string(),
        ),
        (72.0, 740.0, 11.0, body.to_string()),
        (after, 744.0, 7.0, "3".to_string()),
        (after + 3.9, 740.0, 11.0, ".".to_string()),
        (
            72.0,
            726.0,
            11.0,
            "Productivity often falls in the first two years.".to_string(),
        ),
        (
            72.0,
            100.0,
            8.0,
            "3 Gaynor M (2012) Merger mania and hospital outcomes.".to_string(),
        ),
    ];
    dir.create(
        "briefing.pdf",
        docs::placed_pdf(&[runs], &Layout::default()),
    );
    dir.run(&["import", "briefing.pdf", "--into", "corpus"])
        .ok();
    let md = dir.read("corpus/briefing.md");
    assert!(md.contains("cost more than expected\\[3\\]."), "{md}");
    let found = dir.run(&[
        "--corpus",
        "corpus",
        "search",
        "\"cost more than expected\"",
        "--json",
    ]);
    found.ok();
    assert_eq!(found.json()["total"], 1);
    dir.create(
        "draft.md",
        "Mergers “take longer than planned and cost more than expected” (briefing/1).\n",
    );
    let checked = dir.run(&["--corpus", "corpus", "verify", "draft.md"]);
    checked.ok();
    assert!(
        checked.stdout.contains("draft.md:1: verified (briefing/1)"),
        "{}",
        checked.stdout
    );
}

/// A source document edited after it was imported: `check` warns that the
/// report still holds what it said then, and names the import that reads
/// it again; a warning only (exit 0) unless warnings are denied. A source
/// moved away says nothing.
#[test]
fn check_warns_of_a_source_document_changed_since_it_was_imported() {
    let dir = Dir::new();
    corpus(&dir);
    dir.create(
        "notes.txt",
        "Board notes\n\nThe merger business case assumed savings of four per cent by year two.\n",
    );
    dir.run(&["import", "notes.txt", "--into", "corpus"]).ok();
    let before = dir.run(&["--corpus", "corpus", "check"]);
    before.ok();
    assert!(!before.stdout.contains("warning"), "{}", before.stdout);
    dir.create(
        "notes.txt",
        "Board notes\n\nThe merger business case assumed savings of two per cent by year three.\n",
    );
    let after = dir.run(&["--corpus", "corpus", "check"]);
    after.ok();
    assert!(
        after.stdout.contains(
            "corpus/notes.md: warning: its source document notes.txt changed since it was imported"
        ) && after
            .stdout
            .contains("`evidence import notes.txt --into corpus --force` reads it again"),
        "{}",
        after.stdout
    );
    dir.run(&["--corpus", "corpus", "check", "--deny-warnings"])
        .code(2);
    std::fs::remove_file(dir.join("notes.txt")).unwrap();
    let moved = dir.run(&["--corpus", "corpus", "check"]);
    assert!(!moved.stdout.contains("notes.txt"), "{}", moved.stdout);
}

/// The title printed large at the top of the first page is the work's
/// title, over a working name in the file's details; it is not also a
/// section heading.
#[test]
fn a_pdfs_printed_title_wins_over_its_files_working_name() {
    let dir = Dir::new();
    corpus(&dir);
    let runs = vec![
        (
            72.0,
            770.0,
            18.0,
            "Mergers: what the evidence says".to_string(),
        ),
        (72.0, 740.0, 11.0, "Published 9 October 2023".to_string()),
        (
            72.0,
            710.0,
            11.0,
            "Most mergers take longer than planned and cost more than expected.".to_string(),
        ),
        (
            72.0,
            696.0,
            11.0,
            "Productivity often falls in the first two years.".to_string(),
        ),
    ];
    let layout = Layout {
        title: Some("Mergers briefing".to_string()),
        ..Layout::default()
    };
    dir.create("briefing.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "briefing.pdf", "--into", "corpus"])
        .ok();
    let json = show(&dir, "briefing");
    assert_eq!(json["report"]["title"], "Mergers: what the evidence says");
    let md = dir.read("corpus/briefing.md");
    assert!(!md.contains("## Mergers"), "{md}");
}

/// A file's name in its details (`Draft_v7_final`) is no title, whatever
/// words it shares: the printed one is taken, the year on its second line
/// with it; the names, the organisation and the edition's date under it
/// are details.
#[test]
fn a_pdfs_printed_title_wins_over_a_file_name_in_its_details() {
    let dir = Dir::new();
    corpus(&dir);
    let line = |y: f64, size: f64, t: &str| (72.0, y, size, t.to_string());
    let runs = vec![
        line(700.0, 24.0, "Regional review of hospital group governance"),
        line(672.0, 24.0, "2019"),
        line(640.0, 13.0, "Margaret Ellison, Tunde Adebayo"),
        line(624.0, 13.0, "Northshire Clinical Senate"),
        line(608.0, 13.0, "Revised edition, March 2020"),
        line(
            560.0,
            11.0,
            "This review examined the governance of four hospital groups.",
        ),
        line(
            546.0,
            11.0,
            "Groups with a single board made decisions faster.",
        ),
    ];
    let layout = Layout {
        title: Some("Draft_v7_final".to_string()),
        author: Some("Northshire Clinical Senate".to_string()),
        created: Some("D:20200115".to_string()),
        ..Layout::default()
    };
    dir.create("review.pdf", docs::placed_pdf(&[runs], &layout));
    let out = dir.run(&["import", "review.pdf", "--into", "corpus"]);
    out.ok();
    assert!(!out.stderr.contains("no date is printed"), "{}", out.stderr);
    let json = show(&dir, "review");
    let md = dir.read("corpus/review.md");
    assert_eq!(
        json["report"]["title"], "Regional review of hospital group governance 2019",
        "{md}"
    );
    assert_eq!(
        json["report"]["authors"],
        serde_json::json!(["Margaret Ellison", "Tunde Adebayo"]),
        "{md}"
    );
    assert_eq!(json["report"]["organisation"], "Northshire Clinical Senate");
    assert_eq!(json["report"]["published"], "2020-03");
    let texts: Vec<String> = passages(&json).into_iter().map(|(_, t, _)| t).collect();
    assert!(texts[0].starts_with("This review examined"), "{texts:?}");
}

/// A year set larger than the title on a cover is not the title.
#[test]
fn a_year_set_large_on_a_cover_is_not_the_title() {
    let dir = Dir::new();
    corpus(&dir);
    let line = |y: f64, size: f64, t: &str| (72.0, y, size, t.to_string());
    let runs = vec![
        line(720.0, 48.0, "2024"),
        line(660.0, 28.0, "Annual report and accounts"),
        line(
            600.0,
            11.0,
            "The trust met its financial plan for the third year running.",
        ),
        line(
            586.0,
            11.0,
            "Waiting times fell in every specialty but one.",
        ),
    ];
    let layout = Layout {
        title: None,
        ..Layout::default()
    };
    dir.create("annual.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "annual.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "annual");
    assert_eq!(
        json["report"]["title"],
        "Annual report and accounts",
        "{}",
        dir.read("corpus/annual.md")
    );
}

/// A name set larger than the title at the top of a cover (a series, a
/// publisher) that shares no word with the file's title is not the title.
#[test]
fn a_series_name_set_large_does_not_replace_the_files_title() {
    let dir = Dir::new();
    corpus(&dir);
    let runs = vec![
        (72.0, 780.0, 24.0, "Briefing Series".to_string()),
        (
            72.0,
            750.0,
            16.0,
            "Provider chains: an overview".to_string(),
        ),
        (
            72.0,
            710.0,
            11.0,
            "Chains of hospitals share a brand, a board and their back offices.".to_string(),
        ),
    ];
    let layout = Layout {
        title: Some("Provider chains: an overview".to_string()),
        ..Layout::default()
    };
    dir.create("chains.pdf", docs::placed_pdf(&[runs], &layout));
    dir.run(&["import", "chains.pdf", "--into", "corpus"]).ok();
    let json = show(&dir, "chains");
    assert_eq!(json["report"]["title"], "Provider chains: an overview");
}
