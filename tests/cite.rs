//! References as reference managers, LaTeX and pandoc read them, checked
//! with real parsers: the BibTeX by the `biblatex` crate, the CSL-JSON
//! against the CSL-JSON schema (tests/fixtures/csl, MIT licence), the RIS
//! against the specification's line rules; and, when pandoc is installed,
//! rendered by pandoc's citeproc.

mod util;

use biblatex::{Bibliography, ChunksExt, EntryType};
use serde_json::Value;
use std::collections::BTreeSet;
use util::Dir;

/// Every bundled report's id.
fn all_reports() -> Vec<String> {
    let out = Dir::new().run(&["reports", "--json"]);
    out.ok();
    out.json()["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// The CSL-JSON item with citation key `id`.
fn item<'a>(items: &'a Value, id: &str) -> &'a Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn cite(dir: &Dir, args: &[&str]) -> String {
    let mut all = vec!["cite"];
    all.extend_from_slice(args);
    let out = dir.run(&all);
    out.ok();
    out.stdout
}

#[test]
fn bibtex_parses_with_every_field_where_it_belongs() {
    let dir = Dir::new();
    let ids = all_reports();
    let mut args: Vec<&str> = ids.iter().map(String::as_str).collect();
    args.extend(["--format", "bibtex"]);
    let text = cite(&dir, &args);
    let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(bib.len(), ids.len(), "one entry per report");
    let big_med = bib.get("gawande2012big").unwrap();
    assert_eq!(big_med.entry_type, EntryType::Article);
    assert_eq!(big_med.title().unwrap().format_verbatim(), "Big Med");
    let authors = big_med.author().unwrap();
    assert_eq!(authors[0].name, "Gawande");
    assert_eq!(authors[0].given_name, "Atul");
    assert_eq!(
        big_med.journal().unwrap().format_verbatim(),
        "The New Yorker"
    );
    assert!(
        big_med
            .note()
            .unwrap()
            .format_verbatim()
            .starts_with("As summarised in Department of Health, Examining new options"),
    );
    let buddying = bib.get("ftn2014buddying").unwrap();
    assert_eq!(buddying.entry_type, EntryType::TechReport);
    assert_eq!(
        buddying.institution().unwrap().format_verbatim(),
        "Foundation Trust Network"
    );
    // A lecture says so; the pack has no note about itself.
    let lecture = bib.get("ftn2014seizing").unwrap();
    assert_eq!(lecture.entry_type, EntryType::Misc);
    assert_eq!(
        lecture.how_published().unwrap().format_verbatim(),
        "Lecture"
    );
    let pack = bib.get("dh2014examining").unwrap();
    assert!(pack.note().is_err());
    // "et al." is `and others`.
    let west = bib.get("west2014delivering").unwrap();
    let names: Vec<String> = west
        .author()
        .unwrap()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["West", "others"]);
    // A magazine is marked so (pandoc then dates the article to the day);
    // a report without an institution, which @techreport requires, is
    // @misc.
    assert!(text.contains("  entrysubtype = {magazine},\n"), "{text}");
    let meeting = bib.get("westminster2014discussion").unwrap();
    assert_eq!(meeting.entry_type, EntryType::Misc);
    assert_eq!(
        meeting.how_published().unwrap().format_verbatim(),
        "Meeting report"
    );
}

#[test]
fn csl_json_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(include_str!("fixtures/csl/csl-data.json")).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let dir = Dir::new();
    let ids = all_reports();
    let mut args: Vec<&str> = ids.iter().map(String::as_str).collect();
    args.extend(["--format", "csl-json"]);
    let items: Value = serde_json::from_str(&cite(&dir, &args)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&items)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let big_med = item(&items, "gawande2012big");
    assert_eq!(big_med["type"], "article-magazine");
    assert_eq!(big_med["container-title"], "The New Yorker");
    assert_eq!(
        big_med["issued"]["date-parts"][0],
        serde_json::json!([2012, 8, 13])
    );
    assert_eq!(big_med["author"][0]["family"], "Gawande");
    // "et al." in a note (Zotero would read an author "others" as a
    // person); an article no periodical published is a document (CSL's
    // `article` is a preprint).
    let collective = item(&items, "west2014delivering");
    assert_eq!(
        collective["author"],
        serde_json::json!([{"family": "West", "given": "Michael"}])
    );
    assert!(
        collective["note"]
            .as_str()
            .unwrap()
            .starts_with("The work has more authors than those named here."),
        "{collective}"
    );
    assert_eq!(collective["type"], "document");
    // For pandoc, "et al." as it writes BibTeX's `and others`, which its
    // citeproc prints as "et al.".
    let out = dir.run(&[
        "export",
        "--ids",
        "collective-leadership/2",
        "--cite",
        "pandoc",
        "--out",
        "x.md",
    ]);
    out.ok();
    let refs: Value = serde_json::from_str(&dir.read("x.json")).unwrap();
    let west = item(&refs, "west2014delivering");
    assert_eq!(
        west["author"],
        serde_json::json!([{"family": "West", "given": "Michael"}, {"literal": "others"}])
    );
}

/// Every style writes "et al." for a work with more authors than named,
/// gives no paragraph to a report cited as the pack summarises it, and
/// leaves no doubled
/// punctuation where a field it expected is empty.
#[test]
fn styles_write_et_al_places_and_tidy_punctuation() {
    let dir = Dir::new();
    let ids = "collective-leadership/2,developing-cultures/1,seizing-the-opportunity/2,nhs-trust-mergers/1";
    let styled = |style: &str| {
        let out = dir.run(&["export", "--ids", ids, "--style", style]);
        out.ok();
        out.stdout
    };
    let apa = styled("apa");
    // Cited as the pack summarises it: the passage's number is its place in
    // the pack's summary, not a paragraph of the report, so none is given.
    assert!(
        apa.contains("(West et al., 2014, as summarised in"),
        "{apa}"
    );
    assert!(!apa.contains("para."), "{apa}");
    assert!(apa.contains("- West, M., et al. (2014)."), "{apa}");
    // The lecture by West alone is not lettered as a second work of his.
    assert!(apa.contains("- West, M. (2014)."), "{apa}");
    let chicago = styled("chicago");
    assert!(
        chicago.contains("- West, Michael, et al. 2014."),
        "{chicago}"
    );
    assert!(!chicago.contains("Preprint"), "{chicago}");
    let vancouver = styled("vancouver");
    assert!(vancouver.contains(", as summarised in"), "{vancouver}");
    assert!(!vancouver.contains("para."), "{vancouver}");
    assert!(vancouver.contains("West M, et al."), "{vancouver}");
    for text in [apa, chicago, vancouver, styled("harvard")] {
        for doubled in [",)", ",.", "?.", "?*.", "”.", "Etalplaceholder", "& et al"] {
            assert!(!text.contains(doubled), "{doubled:?} in {text}");
        }
    }
}

/// An author-date reference list is in the order of who made each work,
/// else its title: a work with no author, its title in quotation marks,
/// is not listed first for its quotation mark.
#[test]
fn a_title_in_quotation_marks_sorts_by_its_words() {
    let dir = Dir::new();
    dir.create(
        "c/a.md",
        "+++\nid = \"a\"\ntitle = \"Staffing report\"\nauthors = [\"Jane Abbott\"]\npublished = \"2020\"\n+++\n\nThe first text of the report.\n",
    );
    dir.create(
        "c/z.md",
        "+++\nid = \"z\"\ntitle = \"Zebra notes\"\npublished = \"2020\"\nkind = \"document\"\n+++\n\nThe notes on zebras.\n",
    );
    for style in ["harvard", "chicago", "apa"] {
        let out = dir.run(&["--corpus", "c", "export", "--ids", "z,a", "--style", style]);
        out.ok();
        let refs = out
            .stdout
            .split("## References")
            .nth(1)
            .unwrap_or_default()
            .to_string();
        let (abbott, zebra) = (refs.find("Abbott"), refs.find("Zebra"));
        assert!(abbott.is_some() && abbott < zebra, "{style}: {refs}");
    }
}

#[test]
fn ris_follows_the_specification_line_rules() {
    let dir = Dir::new();
    let text = cite(&dir, &["big-med", "buddying-review/9", "--format", "ris"]);
    assert!(text.ends_with("ER  - \r\n"), "{text:?}");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CR LF"
    );
    let mut records = 0;
    let mut open = false;
    for line in &lines {
        let (tag, rest) = line.split_at(2);
        assert!(
            tag.chars().next().unwrap().is_ascii_uppercase()
                && tag.chars().nth(1).unwrap().is_ascii_alphanumeric()
                && rest.starts_with("  - "),
            "{line:?}"
        );
        match tag {
            "TY" => {
                assert!(!open, "TY opens a record");
                open = true;
                records += 1;
            }
            "ER" => {
                assert!(open, "ER closes a record");
                open = false;
            }
            _ => assert!(open, "{line:?} inside a record"),
        }
    }
    // Big Med, the Buddying Review, and the pack that summarises both.
    assert_eq!(records, 3);
    assert!(
        text.contains("TY  - MGZN\r\nID  - gawande2012big\r\n"),
        "{text}"
    );
    assert!(
        text.contains("TY  - RPRT\r\nID  - ftn2014buddying\r\n"),
        "{text}"
    );
    assert!(text.contains("T2  - The New Yorker\r\n"), "{text}");
    // RIS has no "et al.": an author of that name would be read as a
    // person, so a note says there are more.
    let west = cite(&dir, &["collective-leadership", "--format", "ris"]);
    assert!(!west.contains("AU  - et al."), "{west}");
    assert!(
        west.contains("N1  - The work has more authors than those named here."),
        "{west}"
    );
}

#[test]
fn a_passage_cites_its_report_and_unknown_ids_fail() {
    let dir = Dir::new();
    let text = cite(&dir, &["buddying-review/9", "buddying-review/3"]);
    assert_eq!(text.matches("@techreport{ftn2014buddying,").count(), 1);
    let out = dir.run(&["cite", "nope"]);
    out.code(2);
    assert!(out.stderr.contains("nope"), "{}", out.stderr);
    let out = dir.run(&["cite", "state-of-care-2013-14/19"]);
    out.code(1);
    assert!(out.stderr.contains("was retired"), "{}", out.stderr);
}

#[test]
fn keys_are_made_by_one_rule_and_kept_unique() {
    let dir = Dir::new();
    dir.create(
        "c/a.md",
        "+++\nid = \"a\"\ntitle = \"The Future of Care\"\norganisation = \"The King’s Fund\"\npublished = \"2015-03\"\n+++\nText one.\n",
    );
    dir.create(
        "c/b.md",
        "+++\nid = \"b\"\ntitle = \"Future hospitals\"\norganisation = \"King's Fund\"\npublished = \"2015\"\n+++\nText two.\n",
    );
    dir.create(
        "c/c.md",
        "+++\nid = \"c\"\ntitle = \"On chains\"\nauthors = [\"Ségolène Royal\"]\n+++\nText three.\n",
    );
    let items: Value = serde_json::from_str(&cite(
        &dir,
        &["--corpus", "c", "a", "b", "c", "--format", "csl-json"],
    ))
    .unwrap();
    let keys: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["kf2015future", "kf2015futurea", "royalndchains"]);
    // The same on a second run.
    let again = cite(
        &dir,
        &["--corpus", "c", "a", "b", "c", "--format", "csl-json"],
    );
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), items);
}

#[test]
fn check_reports_a_citekey_two_reports_share() {
    let dir = Dir::new();
    for (file, id) in [("a.md", "a"), ("b.md", "b")] {
        dir.create(
            format!("c/{file}"),
            format!("+++\nid = \"{id}\"\ntitle = \"T {id}\"\ncitekey = \"same2014\"\n+++\nText.\n"),
        );
    }
    let out = dir.run(&["--corpus", "c", "check"]);
    out.code(2);
    assert!(
        out.stdout.contains("duplicate citekey `same2014`"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_bundled_reports_keep_their_keys() {
    // Pinned: a citation key in someone's manuscript must keep working.
    let dir = Dir::new();
    let ids = all_reports();
    let mut args: Vec<&str> = ids.iter().map(String::as_str).collect();
    args.extend(["--format", "csl-json"]);
    let items: Value = serde_json::from_str(&cite(&dir, &args)).unwrap();
    let keys: BTreeSet<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = [
        "dh2014examining",
        "ftn2014buddying",
        "nt2014provider",
        "re2014changing",
        "kf2014credentialing",
        "cqcndstate",
        "gawande2012big",
        "denning2012not",
        "ftn2014seizing",
        "monitor2014facing",
        "kff2014future",
        "kf2014improving",
        "westminster2014discussion",
        "west2014developing",
        "west2014delivering",
    ]
    .into();
    assert_eq!(keys, expected);
}

#[test]
fn export_writes_the_references_of_its_excerpts() {
    let dir = Dir::new();
    let out = dir.run(&["export", "buddying", "--format", "bibtex"]);
    out.ok();
    let bib = Bibliography::parse(&out.stdout).unwrap();
    let keys: Vec<&str> = bib.iter().map(|e| e.key.as_str()).collect();
    assert!(keys.contains(&"ftn2014buddying"), "{keys:?}");
    // The pack is an entry of its own, last.
    assert_eq!(keys.last(), Some(&"dh2014examining"), "{keys:?}");
    let unique: BTreeSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "one entry per work");
}

/// A web page's reference says when it was read where the style asks for
/// it: Harvard (Cite Them Right, British English) and Vancouver.
#[test]
fn styles_that_ask_for_it_give_a_web_page_s_access_date() {
    let dir = Dir::new();
    dir.create(
        "c/page.md",
        "+++\nid = \"page\"\ntitle = \"Community hospitals\"\nauthors = [\"Priya Raman\"]\n\
         published = \"2023-03-14\"\nsource_format = \"html\"\n\
         source_url = \"https://example.org/blog/community-hospitals\"\naccessed = \"2026-12-06\"\n+++\n\n\
         Community hospitals struggle to recruit nurses. <!-- #1 -->\n",
    );
    let refs = |style: &str| {
        let out = dir.run(&[
            "--corpus", "c", "export", "--ids", "page/1", "--style", style,
        ]);
        out.ok();
        out.stdout
    };
    let harvard = refs("harvard");
    assert!(
        harvard.contains("Available at: <https://example.org/blog/community-hospitals> (Accessed: 6 December 2026)."),
        "{harvard}"
    );
    let vancouver = refs("vancouver");
    assert!(vancouver.contains("2026"), "{vancouver}");
}

/// A page by a named author on a named site: the site is where it
/// appeared, in every style and in the house reference, and the author is
/// who wrote it.
#[test]
fn a_page_on_a_site_is_cited_by_its_author_with_the_site() {
    let dir = Dir::new();
    dir.create(
        "c/page.md",
        "+++\nid = \"page\"\ntitle = \"Community hospitals\"\nauthors = [\"Priya Raman\"]\n\
         organisation = \"Health Policy News\"\npublished = \"2023-03-14\"\nsource_format = \"html\"\n\
         source_url = \"https://example.org/blog/community-hospitals\"\naccessed = \"2026-12-06\"\n+++\n\n\
         Community hospitals struggle to recruit nurses. <!-- #1 -->\n",
    );
    let refs = |style: Option<&str>| {
        let mut args = vec!["--corpus", "c", "export", "--ids", "page/1"];
        if let Some(s) = style {
            args.extend(["--style", s]);
        }
        let out = dir.run(&args);
        out.ok();
        out.stdout
            .split("## References")
            .nth(1)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    // Vancouver ran the title into the year ("Community hospitals 2023").
    let vancouver = refs(Some("vancouver"));
    assert!(
        vancouver.contains("Raman P. Community hospitals. Health Policy News 2023."),
        "{vancouver}"
    );
    for style in ["apa", "harvard", "chicago"] {
        let r = refs(Some(style));
        assert!(r.starts_with("- Raman, P"), "{style}: {r}");
        assert!(r.contains("Health Policy News"), "{style}: {r}");
    }
    // The house reference: the author first, the site where it appeared.
    let house = refs(None);
    assert!(
        house.starts_with(
            "- Priya Raman. “Community hospitals”. *Health Policy News*. 14 March 2023."
        ),
        "{house}"
    );
    let show = dir.run(&["--corpus", "c", "show", "page/1"]);
    show.ok();
    assert!(
        show.stdout.contains(
            "cite: Priya Raman, “Community hospitals”, Health Policy News (14 March 2023)"
        ),
        "{}",
        show.stdout
    );
}

/// A web address with a query and a fragment stays one address: verbatim
/// in BibTeX's `url` (pandoc and biber read it so), an autolink in a
/// style's reference list (escaped, a renderer cut the link at `\&`).
#[test]
fn a_web_address_with_a_query_is_kept_whole() {
    let dir = Dir::new();
    let url = "https://example.org/a%20b/blog?ref=a&b=c_d#sec-2";
    dir.create(
        "c/page.md",
        format!(
            "+++\nid = \"page\"\ntitle = \"Community hospitals\"\nauthors = [\"Priya Raman\"]\n\
             published = \"2023-03-14\"\nsource_format = \"html\"\n\
             source_url = \"{url}\"\naccessed = \"2026-12-06\"\n+++\n\n\
             Community hospitals struggle to recruit nurses. <!-- #1 -->\n"
        ),
    );
    let bib = dir.run(&["--corpus", "c", "cite", "page"]);
    bib.ok();
    assert!(
        bib.stdout.contains(&format!("url = {{{url}}},")),
        "{}",
        bib.stdout
    );
    for style in ["apa", "harvard", "chicago", "vancouver"] {
        let out = dir.run(&[
            "--corpus", "c", "export", "--ids", "page/1", "--style", style,
        ]);
        out.ok();
        assert!(
            out.stdout.contains(&format!("<{url}>")),
            "{style}: {}",
            out.stdout
        );
    }
}

/// A report of one's own, which no pack summarises, is cited with its
/// passage's number as a paragraph, in every style and for pandoc; a
/// numbered style puts it beside the number.
#[test]
fn a_report_of_one_s_own_is_cited_with_its_paragraph() {
    let dir = Dir::new();
    dir.create(
        "c/own.md",
        "+++\nid = \"own\"\ntitle = \"My field notes\"\nauthors = [\"Doe, Jane\"]\npublished = \"2020\"\n+++\nFirst note. <!-- #1 -->\n\nSecond note about wards. <!-- #2 -->\n",
    );
    let styled = |args: &[&str]| {
        let mut all = vec!["--corpus", "c", "export", "--ids", "own/2"];
        all.extend_from_slice(args);
        let out = dir.run(&all);
        out.ok();
        out.stdout
    };
    let apa = styled(&["--style", "apa"]);
    assert!(apa.contains("— (Doe, 2020, para. 2), own/2"), "{apa}");
    let vancouver = styled(&["--style", "vancouver"]);
    assert!(
        vancouver.contains("— \\[1, para. 2\\], own/2"),
        "{vancouver}"
    );
    let pandoc = styled(&["--cite", "pandoc"]);
    assert!(
        pandoc.contains("— [@doe2020my, para. 2], own/2"),
        "{pandoc}"
    );
}
