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
use util::docs::{self, Layout, bullet, footnote, heading, text};

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
    println!("{}", dir.read("corpus/peers.md"));
    println!("{:?}", got);
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
        Heading(1, "Summary".into()),
        Para("We support the proposals for chains and groups of providers.".into()),
        Item(0, false, "Chains can share back-office costs.".into()),
        Item(1, false, "Procurement is the largest saving.".into()),
        Item(0, true, "First numbered point.".into()),
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
    assert_eq!(sections[4], "Evidence");
    assert_eq!(sections[7], "Notes");
    // Lists keep their nesting and numbering.
    let file = dir.read("corpus/response.md");
    assert!(file.contains("\n- Chains can share"), "{file}");
    assert!(file.contains("\n    - Procurement is"), "{file}");
    assert!(file.contains("\n1. First numbered point."), "{file}");
    // Pages are not known, and show says so rather than guess.
    let out = dir.run(&["--corpus", "corpus", "show", "response/1"]);
    assert!(
        out.stdout
            .contains("page: no page numbers: a Word document"),
        "{}",
        out.stdout
    );
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
}
