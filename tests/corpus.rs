//! The corpus through the library API: the bundled Dalton corpus loads cleanly and
//! says what the evidence pack says (the works, their titles, organisations and
//! dates; themes on every passage; the tricky characters kept), a folder of
//! malformed files yields one `path:line: message` problem each while its good
//! files still load, and plain files without front matter are read sensibly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::corpus::{Block, Corpus, Origin, Report, ReportKind, Role};
use std::collections::HashSet;
use std::path::Path;
use util::Dir;

fn bundled() -> Corpus {
    Corpus::bundled()
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn works(corpus: &Corpus) -> Vec<&Report> {
    corpus
        .reports
        .iter()
        .filter(|r| r.kind != ReportKind::Overview)
        .collect()
}

// ---------------------------------------------------------------------------
// The bundled corpus

#[test]
fn bundled_corpus_loads_without_problems() {
    let corpus = bundled();
    let problems: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "problems: {problems:#?}");
    assert_eq!(corpus.origin, Origin::Bundled);
}

#[test]
fn bundled_corpus_has_fourteen_works_and_one_overview() {
    let corpus = bundled();
    assert_eq!(corpus.reports.len(), 15);
    let overviews: Vec<&str> = corpus
        .reports
        .iter()
        .filter(|r| r.kind == ReportKind::Overview)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(overviews, ["overview"]);
    assert_eq!(works(&corpus).len(), 14);
    // The overview comes first, as in the pack.
    assert_eq!(corpus.reports[0].id, "overview");
    let overview = &corpus.reports[0];
    assert_eq!(
        overview.organisation.as_deref(),
        Some("Department of Health")
    );
    assert_eq!(overview.published.as_deref(), Some("2014-12"));
}

/// A work as the pack describes it.
struct Work {
    title: &'static str,
    organisation: Option<&'static str>,
    authors: &'static [&'static str],
    published: Option<&'static str>,
}

/// Title, organisation, authors and date of each work, as the pack gives them.
const WORKS: &[Work] = &[
    Work {
        title: "Buddying Review",
        organisation: Some("Foundation Trust Network"),
        authors: &[],
        published: Some("2014-09"),
    },
    Work {
        title: "Provider chains: lessons from other sectors",
        organisation: Some("Nuffield Trust"),
        authors: &[],
        published: Some("2014-08"),
    },
    Work {
        title: "The changing hospital landscape: An exploration of international experiences",
        organisation: Some("RAND Europe"),
        authors: &[],
        published: Some("2014-07"),
    },
    Work {
        title: "Credentialing providers to take on additional responsibilities: An analysis of the evidence & stakeholder views",
        organisation: Some("The King’s Fund"),
        authors: &[],
        published: Some("2014-09"),
    },
    Work {
        title: "State of Care 2013/14",
        organisation: Some("Care Quality Commission"),
        authors: &[],
        published: None,
    },
    Work {
        title: "Big Med",
        organisation: Some("The New Yorker"),
        authors: &["Atul Gawande"],
        published: Some("2012-08-13"),
    },
    Work {
        title: "How not to fix US health care – Copy the Cheesecake Factory",
        organisation: Some("Forbes"),
        authors: &["Steve Denning"],
        published: Some("2012-08-13"),
    },
    Work {
        title: "Seizing the opportunity: FTN lecture by Rt Hon Alan Milburn: ten new perspectives from healthcare leaders",
        organisation: Some("FTN"),
        authors: &[],
        published: Some("2014"),
    },
    Work {
        title: "Facing the future: smaller acute providers",
        organisation: Some("Monitor"),
        authors: &[],
        published: Some("2014-06"),
    },
    Work {
        title: "Future organisational models for the NHS: Perspectives for the Dalton review",
        organisation: Some("The King’s Fund and FTN"),
        authors: &[],
        published: Some("2014-07"),
    },
    Work {
        title: "Improving NHS Care by Engaging Staff and Devolving Decision-Making: Report of the Review of Staff Engagement and Empowerment in the NHS",
        organisation: Some("The King’s Fund"),
        authors: &[],
        published: Some("2014-07"),
    },
    Work {
        title: "Westminster Discussion No. 4, Series 12, NHS Trust Mergers: Where have we got to?",
        organisation: None,
        authors: &[],
        published: Some("2014-06-09"),
    },
    Work {
        title: "Developing cultures of high-quality care",
        organisation: None,
        authors: &["Michael West"],
        published: Some("2014"),
    },
    Work {
        title: "Delivering a collective leadership strategy for health care",
        organisation: None,
        // "et al." is no name: the work's `et_al` flag says it.
        authors: &["Michael West"],
        published: Some("2014"),
    },
];

#[test]
fn each_work_has_the_packs_title_organisation_and_date() {
    let corpus = bundled();
    let works = works(&corpus);
    let titles: Vec<&str> = works.iter().map(|r| r.title.as_str()).collect();
    let expected: Vec<&str> = WORKS.iter().map(|w| w.title).collect();
    assert_eq!(titles, expected, "titles, in the pack's order");
    for (report, work) in works.iter().zip(WORKS) {
        let title = work.title;
        assert_eq!(report.title, title);
        assert_eq!(
            report.organisation.as_deref(),
            work.organisation,
            "organisation of {title}"
        );
        assert_eq!(report.authors, work.authors, "authors of {title}");
        assert_eq!(
            report.published.as_deref(),
            work.published,
            "published of {title}"
        );
        assert!(
            matches!(report.kind, ReportKind::Commissioned | ReportKind::Digest),
            "kind of {title}"
        );
    }
    let commissioned: Vec<&str> = works
        .iter()
        .filter(|r| r.kind == ReportKind::Commissioned)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        commissioned,
        [
            "buddying-review",
            "provider-chains",
            "changing-hospital-landscape",
            "credentialing-providers"
        ]
    );
}

#[test]
fn every_passage_of_the_works_has_a_unique_id_and_one_to_three_themes() {
    let corpus = bundled();
    let mut seen = HashSet::new();
    for (report, passage) in corpus.passages() {
        assert!(
            seen.insert(passage.id.clone()),
            "duplicate passage id {}",
            passage.id
        );
        assert!(
            passage.id.starts_with(&format!("{}/", report.id)),
            "{}",
            passage.id
        );
        assert!(
            !passage.text.trim().is_empty(),
            "{} has no text",
            passage.id
        );
        // The pack's own overview and a footnote carry none.
        if report.kind == ReportKind::Overview || passage.role == Role::Footnote {
            assert!(passage.themes.is_empty(), "{}", passage.id);
            continue;
        }
        assert!(
            (1..=3).contains(&passage.themes.len()),
            "{} has {} themes",
            passage.id,
            passage.themes.len()
        );
        for t in &passage.themes {
            assert!(
                corpus.theme(t).is_some(),
                "{} names unknown theme {t}",
                passage.id
            );
        }
    }
    assert!(seen.len() > 200, "only {} passages", seen.len());
}

#[test]
fn every_theme_is_used_and_there_are_fifteen_to_twenty() {
    let corpus = bundled();
    assert!(
        (15..=20).contains(&corpus.themes.len()),
        "{} themes",
        corpus.themes.len()
    );
    for theme in &corpus.themes {
        let (passages, reports) = corpus.theme_counts(&theme.id);
        assert!(
            passages > 0 && reports > 0,
            "theme {} is never used",
            theme.id
        );
        assert!(
            !theme.label.trim().is_empty(),
            "theme {} has no label",
            theme.id
        );
        assert!(
            !theme.description.trim().is_empty(),
            "theme {} has no description",
            theme.id
        );
    }
}

#[test]
fn short_titles_fit_and_ids_are_kebab_case() {
    let corpus = bundled();
    for r in &corpus.reports {
        let n = r.short_title.chars().count();
        assert!(
            (1..=24).contains(&n),
            "short title of {} is {n} characters",
            r.id
        );
        assert!(is_kebab(&r.id), "report id {}", r.id);
    }
    for t in &corpus.themes {
        assert!(is_kebab(&t.id), "theme id {}", t.id);
    }
    let ids: HashSet<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), corpus.reports.len(), "report ids are unique");
}

#[test]
fn key_sections_name_headings_of_their_report() {
    let corpus = bundled();
    let mut named = 0;
    for r in &corpus.reports {
        let sections: HashSet<&str> = r
            .passages
            .iter()
            .filter_map(|p| p.section.as_deref())
            .collect();
        for key in &r.key_sections {
            named += 1;
            assert!(
                sections.contains(key.as_str()),
                "{}: key section {key:?} is not a heading of the report (headings: {sections:?})",
                r.id
            );
        }
        assert!(!r.key_passages().is_empty(), "{} has no key passages", r.id);
    }
    assert!(named >= 5, "only {named} key sections named in the corpus");
    let buddying = corpus.report("buddying-review").unwrap();
    assert_eq!(buddying.key_sections, ["Key messages"]);
    assert_eq!(buddying.key_passages().len(), 8);
}

#[test]
fn tricky_text_is_kept() {
    let corpus = bundled();
    let footnote = corpus
        .passages()
        .find(|(_, p)| p.text.starts_with("* Number correct"))
        .map(|(_, p)| p)
        .expect("the footnote passage, starting with a literal `*`");
    assert_eq!(footnote.report_id, "seizing-the-opportunity");
    assert!(
        corpus
            .passages()
            .any(|(_, p)| p.text.contains("243* NHS organisations")),
        "the footnoted 243* keeps its asterisk"
    );
    for word in ["knee-implant", "capitation-based"] {
        assert!(
            corpus.passages().any(|(_, p)| p.text.contains(word)),
            "no passage contains {word} (a word split at a line end in the source)"
        );
    }
    assert!(
        corpus
            .passages()
            .any(|(_, p)| p.text.contains('’') && p.text.contains('£')),
        "a passage with a typographic apostrophe and a pound sign"
    );
    // No markdown syntax is left in the text.
    for (_, p) in corpus.passages() {
        assert!(!p.text.contains("<!--"), "{} keeps a marker", p.id);
        assert!(!p.text.contains("\\*"), "{} keeps an escape", p.id);
    }
}

#[test]
fn nested_list_items_are_passages_of_their_own() {
    let corpus = bundled();
    let (_, lead) = corpus.passage("credentialing-providers/2").unwrap();
    assert_eq!(
        lead.text,
        "There are a number of problems credentialing can help solve:"
    );
    assert_eq!(lead.section.as_deref(), Some("Purpose of credentialing"));
    let (report, nested) = corpus.passage("credentialing-providers/3").unwrap();
    // Its section carries the lead-in, for context in search; a citation
    // names the heading alone, since the lead-in is a sentence.
    assert_eq!(
        nested.section.as_deref(),
        Some(
            "Purpose of credentialing — There are a number of problems credentialing can help solve"
        )
    );
    assert_eq!(nested.heading(), Some("Purpose of credentialing"));
    assert_eq!(
        report.cite(nested).section.as_deref(),
        Some("Purpose of credentialing")
    );
    // Under no heading, an item's lead-in is its whole section, and its
    // citation names none.
    let (report, item) = corpus.passage("changing-hospital-landscape/4").unwrap();
    assert!(
        item.section
            .as_deref()
            .unwrap()
            .ends_with("varied by country")
    );
    assert_eq!(item.heading(), None);
    assert_eq!(report.cite(item).section, None);
    // A lead-in that is no passage (`<!-- lead-in -->`: "Acute health
    // providers … should") is in no text but its items' sections, so their
    // citations keep it.
    let (report, item) = corpus
        .passages()
        .find(|(_, p)| {
            p.section
                .as_deref()
                .is_some_and(|s| s.contains("providers") && s.ends_with("should"))
        })
        .expect("an item under a paragraph lead-in");
    assert_eq!(item.heading(), item.section.as_deref());
    assert_eq!(report.cite(item).section, item.section);
    assert_eq!(
        nested.block,
        Block::ListItem {
            depth: 1,
            number: None
        }
    );
    let (_, numbered) = corpus.passage("provider-chains/4").unwrap();
    assert!(matches!(
        numbered.block,
        Block::ListItem {
            depth: 0,
            number: Some(2)
        }
    ));
}

// ---------------------------------------------------------------------------
// A folder of malformed files

const THEMES: &str = r#"
[[theme]]
id = "mergers"
label = "Mergers"
description = "Merging."

[[theme]]
id = "leadership"
label = "Leadership"
description = "Leading."
"#;

/// Builds a corpus folder with one good file, one plain file and one file for
/// each kind of problem.
fn malformed_folder() -> Dir {
    let dir = Dir::new();
    dir.create("themes.toml", THEMES);
    dir.create(
        "good.md",
        "+++\nid = \"good\"\ntitle = \"Good\"\nthemes = [\"mergers\"]\n+++\nFine text.\n\n- An item. <!-- #b leadership -->\n",
    );
    dir.create("plain.txt", "Plain notes\n\nPlain words here.\n");
    dir.create(
        "bad-toml.md",
        "+++\nid = \"bad-toml\"\ntitle = \"Bad\"\nkind = = \"digest\"\n+++\nText.\n",
    );
    dir.create(
        "odd-kind.md",
        "+++\nid = \"odd-kind\"\ntitle = \"Odd\"\nkind = \"pamphlet\"\n+++\nText. <!-- #1 mergers -->\n",
    );
    dir.create(
        "dup-a.md",
        "+++\nid = \"twin\"\ntitle = \"A\"\n+++\nA text.\n",
    );
    dir.create(
        "dup-b.md",
        "+++\nid = \"twin\"\ntitle = \"B\"\n+++\nB text.\n",
    );
    dir.create(
        "dup-passage.md",
        "+++\nid = \"dup-passage\"\ntitle = \"D\"\n+++\nOne. <!-- #1 mergers -->\n\nTwo. <!-- #1 leadership -->\n",
    );
    dir.create(
        "odd-theme.md",
        "+++\nid = \"odd-theme\"\ntitle = \"T\"\n+++\nOne. <!-- #1 nonsense mergers -->\n",
    );
    dir.create(
        "bad-utf8.md",
        b"+++\nid = \"bad-utf8\"\ntitle = \"U\"\n+++\nabc\xff def\n".as_slice(),
    );
    dir.create("empty.md", "");
    dir.create("binary.md", b"abc\0def\n".as_slice());
    dir.create("unclosed.md", "+++\nid = \"open\"\ntitle = \"O\"\nText.\n");
    dir.create(
        "hollow.md",
        "+++\nid = \"hollow\"\ntitle = \"H\"\n+++\n# Only a title\n\n## And a section\n",
    );
    dir
}

/// The problems as printed, `path:line: message`.
fn problem_lines(corpus: &Corpus) -> Vec<String> {
    corpus.problems.iter().map(ToString::to_string).collect()
}

#[track_caller]
fn assert_problem(lines: &[String], expected_start: &str) {
    assert!(
        lines.iter().any(|l| l.starts_with(expected_start)),
        "no problem starting with {expected_start:?}; problems:\n{}",
        lines.join("\n")
    );
}

/// A copy made in a file manager (`x copy.md`, `x (1).md`) keeps the
/// report's id: the file that had it keeps it, and the copy is the one said
/// to be a duplicate.
#[test]
fn a_copy_that_keeps_the_id_is_the_duplicate() {
    let dir = Dir::new();
    let report =
        |text: &str| format!("+++\nid = \"notes\"\ntitle = \"Notes\"\n+++\n\n{text} <!-- #1 -->\n");
    dir.create("notes.md", report("The original words."));
    dir.create("notes copy.md", report("A draft edited since."));
    dir.create("notes (1).md", report("Another draft."));
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let texts: Vec<&str> = corpus
        .report("notes")
        .unwrap()
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["The original words."]);
    let lines = problem_lines(&corpus);
    for copy in ["notes copy.md", "notes (1).md"] {
        assert_problem(
            &lines,
            &format!(
                "{}:1: duplicate report id `notes`",
                dir.join(copy).display()
            ),
        );
    }
}

#[test]
fn malformed_files_are_reported_with_path_and_line() {
    let dir = malformed_folder();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    let p = |name: &str| dir.join(name).display().to_string();

    assert_problem(&lines, &format!("{}:4: bad front matter", p("bad-toml.md")));
    assert_problem(
        &lines,
        &format!("{}:4: unknown kind `pamphlet`", p("odd-kind.md")),
    );
    assert_problem(
        &lines,
        &format!("{}:1: duplicate report id `twin`", p("dup-b.md")),
    );
    assert_problem(&lines, &format!("{}:", p("dup-passage.md")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("duplicate passage id `dup-passage/1`")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&p("odd-theme.md")) && l.contains("unknown theme `nonsense`")),
        "{lines:#?}"
    );
    assert_problem(
        &lines,
        &format!("{}:5: invalid UTF-8 at byte 39", p("bad-utf8.md")),
    );
    assert_problem(&lines, &format!("{}: empty file", p("empty.md")));
    assert_problem(&lines, &format!("{}: binary file", p("binary.md")));
    assert_problem(
        &lines,
        &format!(
            "{}:1: front matter opened with `+++` is never closed",
            p("unclosed.md")
        ),
    );
    assert_problem(&lines, &format!("{}:5: empty report", p("hollow.md")));
    // Nothing about the good files.
    for good in ["good.md", "plain.txt", "dup-a.md"] {
        assert!(
            !lines.iter().any(|l| l.starts_with(&p(good))),
            "a problem about {good}: {lines:#?}"
        );
    }
    assert_eq!(
        lines.len(),
        10,
        "one problem per bad file:\n{}",
        lines.join("\n")
    );
}

#[test]
fn passage_problems_name_the_passage_line() {
    let dir = malformed_folder();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    let p = |name: &str| dir.join(name).display().to_string();
    assert_problem(
        &lines,
        &format!("{}:7: duplicate passage id", p("dup-passage.md")),
    );
    assert_problem(
        &lines,
        &format!("{}:5: unknown theme `nonsense`", p("odd-theme.md")),
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = Dir::new();
    // 'é' is fine; the lone continuation byte after "ok " is not.
    let mut bytes = "+++\ntitle = \"é\"\n+++\nLine one.\n\nok "
        .as_bytes()
        .to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\x80 more\n");
    dir.create("broken.md", &bytes);
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    // A report of this program's already (its front matter), in UTF-8 but
    // for one byte: that character is to be mended (converting the file
    // from Windows-1252 would garble its `é`).
    let file = dir.join("broken.md").display().to_string();
    assert_eq!(
        lines,
        [format!(
            "{file}:6: invalid UTF-8 at byte {at}: save the file as UTF-8; the rest of the file is UTF-8: mend that character in an editor",
        )]
    );
    assert!(corpus.reports.is_empty());
    // In Windows-1252 throughout: `import` would leave it as it is, so the
    // way to convert it in place is given.
    dir.create("broken.md", b"+++\ntitle = \"Caf\xe9\"\n+++\nLine one.\n");
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(
        problem_lines(&corpus)[0].ends_with(&format!(
            "save the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {file} > converted.md && mv converted.md {file}`"
        )),
        "{:?}",
        problem_lines(&corpus)
    );
    // A document of the user's own: `import` converts it.
    let mut bytes = b"Notes\n\nok ".to_vec();
    bytes.extend_from_slice(b"\x80 more\n");
    dir.create("broken.md", &bytes);
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(
        problem_lines(&corpus)[0].ends_with(
            "save the file as UTF-8 (or import it with `evidence import`, which converts it)"
        ),
        "{:?}",
        problem_lines(&corpus)
    );
}

/// Old Mac line ends (a lone CR) end lines as LF does: the front matter is
/// read, not taken for the first passage.
#[test]
fn a_file_with_lone_cr_line_ends_reads_as_with_lf() {
    let dir = Dir::new();
    dir.create(
        "cr.md",
        "+++\rid = \"cr-notes\"\rtitle = \"CR notes\"\r+++\rFirst para okapi.\r\rSecond.\r",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(
        problem_lines(&corpus).is_empty(),
        "{:?}",
        problem_lines(&corpus)
    );
    let report = corpus.report("cr-notes").expect("its id is read");
    assert_eq!(report.title, "CR notes");
    let texts: Vec<&str> = report.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["First para okapi.", "Second."]);
}

#[test]
fn a_utf16_file_says_how_to_convert_it() {
    let dir = Dir::new();
    // Windows Notepad's "Unicode": UTF-16 with a byte-order mark.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "# Notes\n\nLine one.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    dir.create("notepad.md", &bytes);
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert_eq!(
        problem_lines(&corpus),
        [format!(
            "{}: UTF-16 text, not UTF-8: save the file as UTF-8 (or import it with `evidence import`, which converts it)",
            dir.join("notepad.md").display()
        )]
    );
}

#[test]
fn the_good_files_of_a_bad_folder_still_load() {
    let dir = malformed_folder();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let mut ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "dup-passage",
            "good",
            "odd-kind",
            "odd-theme",
            "plain",
            "twin"
        ]
    );

    let good = corpus.report("good").unwrap();
    assert_eq!(good.passages.len(), 2);
    assert_eq!(good.passages[0].id, "good/1");
    assert_eq!(good.passages[0].themes, ["mergers"], "front matter default");
    assert_eq!(good.passages[1].id, "good/b");
    assert_eq!(
        good.passages[1].themes,
        ["leadership"],
        "the marker's own theme"
    );

    // The first of two files with one id wins.
    assert_eq!(corpus.report("twin").unwrap().title, "A");
    // An unknown kind is read as a document.
    assert_eq!(
        corpus.report("odd-kind").unwrap().kind,
        ReportKind::Document
    );
    // A duplicate passage id is renamed, so both passages are kept.
    let dup: Vec<&str> = corpus
        .report("dup-passage")
        .unwrap()
        .passages
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(dup, ["dup-passage/1", "dup-passage/1.2"]);
    // An unknown theme is dropped, the known one kept.
    assert_eq!(corpus.passage("odd-theme/1").unwrap().1.themes, ["mergers"]);

    // Only the files that could not be used at all are marked as skipped.
    let mut skipped: Vec<String> = corpus
        .skipped()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    skipped.sort_unstable();
    assert_eq!(
        skipped,
        [
            "bad-toml.md",
            "bad-utf8.md",
            "binary.md",
            "dup-b.md",
            "empty.md",
            "hollow.md",
            "unclosed.md"
        ]
    );
}

#[test]
fn a_missing_folder_is_an_error() {
    let dir = Dir::new();
    let err = Corpus::from_folder(&dir.join("nowhere"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nowhere") && err.contains("not a corpus folder"),
        "{err}"
    );
    let file = dir.create("file.md", "text");
    let err = Corpus::from_folder(&file).unwrap_err().to_string();
    assert!(err.contains("not a folder"), "{err}");
}

// ---------------------------------------------------------------------------
// Plain files and the folder walk

#[test]
fn a_plain_markdown_file_is_read_as_a_document() {
    let dir = Dir::new();
    dir.create(
        "My Notes.md",
        "# Meeting notes\n\nFirst paragraph,\nwrapped over two lines.\n\n- item one\n- item two\n  - nested item\n\n## Later\n\n1. numbered\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
    let r = corpus
        .report("my-notes")
        .expect("id is the slug of the file stem");
    assert_eq!(r.title, "Meeting notes");
    assert_eq!(r.kind, ReportKind::Document);
    assert_eq!(r.organisation, None);
    assert_eq!(r.published, None);
    let texts: Vec<&str> = r.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "First paragraph, wrapped over two lines.",
            "item one",
            "item two",
            "nested item",
            "numbered"
        ]
    );
    let ids: Vec<&str> = r.passages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "my-notes/1",
            "my-notes/2",
            "my-notes/3",
            "my-notes/4",
            "my-notes/5"
        ]
    );
    assert!(r.passages.iter().all(|p| p.themes.is_empty()));
    // The level-1 heading is the title, not a section.
    assert_eq!(r.passages[0].section, None);
    assert_eq!(r.passages[4].section.as_deref(), Some("Later"));
}

#[test]
fn a_plain_text_file_without_a_heading_takes_its_first_line_as_title() {
    let dir = Dir::new();
    dir.create(
        "plain.txt",
        "\nA first line of text\nthat goes on.\n\nAnother paragraph.\n",
    );
    dir.create("titled.txt", "# A heading\n\nText.\n");
    dir.create("asked.txt", "Does buddying work?\n\nSometimes.\n");
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let r = corpus.report("plain").unwrap();
    assert_eq!(r.title, "A first line of text");
    // `check` says so, as a warning (a citation would give that line as
    // the report's title); a file with a heading has a title.
    let warned: Vec<_> = corpus
        .problems
        .iter()
        .filter(|p| p.message.starts_with("no title"))
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(warned, ["plain.txt"]);
    assert!(corpus.problems.iter().all(|p| p.is_warning()));
    assert_eq!(r.passages.len(), 2);
    assert_eq!(r.passages[0].text, "A first line of text that goes on.");
}

#[test]
fn crlf_and_a_byte_order_mark_are_accepted() {
    let dir = Dir::new();
    dir.create("themes.toml", THEMES);
    dir.create(
        "windows.md",
        "\u{feff}+++\r\nid = \"windows\"\r\ntitle = \"Saved on Windows\"\r\n+++\r\nLine one\r\ncontinues. <!-- #a mergers -->\r\n\r\n- An item. <!-- #b leadership -->\r\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
    let r = corpus.report("windows").unwrap();
    assert_eq!(r.title, "Saved on Windows");
    let got: Vec<(&str, &str, Vec<String>)> = r
        .passages
        .iter()
        .map(|p| (p.id.as_str(), p.text.as_str(), p.themes.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "windows/a",
                "Line one continues.",
                vec!["mergers".to_string()]
            ),
            ("windows/b", "An item.", vec!["leadership".to_string()]),
        ]
    );
}

/// A paragraph added without a marker never takes a cited passage's id: the
/// marked passage keeps it, the new one is read under another, and `check`
/// says so.
#[test]
fn a_passage_without_a_marker_does_not_take_a_marked_passages_id() {
    let dir = Dir::new();
    dir.create(
        "r.md",
        "+++\nid = \"r\"\ntitle = \"R\"\n+++\nFirst. <!-- #1 mergers -->\n\nNew, with no marker.\n\nSecond. <!-- #2 mergers -->\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let r = corpus.report("r").unwrap();
    let ids: Vec<(&str, &str)> = r
        .passages
        .iter()
        .map(|p| (p.id.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("r/1", "First."),
            ("r/2.2", "New, with no marker."),
            ("r/2", "Second.")
        ]
    );
    let lines = problem_lines(&corpus);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("would take the id `r/2` of a marked passage; read as `r/2.2`")),
        "{lines:?}"
    );
}

#[test]
fn readme_hidden_files_exports_and_linked_folders_are_skipped_and_subfolders_read() {
    let dir = Dir::new();
    dir.create("README.md", "# About this folder\n\nNot a report.\n");
    dir.create(".hidden.md", "Hidden.\n");
    dir.create(".git/stray.md", "In a hidden folder.\n");
    dir.create("notes.md", "Top level\n");
    dir.create("sub/deeper/inner.md", "# Inner\n\nDeep down.\n");
    dir.create("sub/image.png", b"\x89PNG\r\n\x1a\n\0".as_slice());
    // An export written into the folder under its default name.
    dir.create(
        "evidence-excerpts-2026-12-02.md",
        "# Excerpts\n\n> Top level.\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
    let ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["notes", "inner"], "files in path order");
    assert_eq!(
        corpus.report("inner").unwrap().path,
        Path::new("sub/deeper/inner.md")
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_is_not_followed() {
    let outside = Dir::new();
    outside.create("elsewhere.md", "Outside the corpus.\n");
    let dir = Dir::new();
    dir.create("notes.md", "Inside\n");
    std::os::unix::fs::symlink(outside.path(), dir.join("linked")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.join("linked.md")).unwrap();
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["notes"]);
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
}

#[test]
fn files_are_read_in_path_order() {
    let dir = Dir::new();
    dir.create("10-third.md", "Third.\n");
    dir.create("02-second.md", "Second.\n");
    dir.create("01-first.md", "First.\n");
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["01-first", "02-second", "10-third"]);
}

#[test]
fn a_themes_file_that_does_not_read_is_the_one_cause_not_every_coded_passage() {
    let dir = Dir::new();
    dir.create("themes.toml", "[[theme]]\nid = \"mergers\"\nlabel = \n");
    dir.create(
        "a.md",
        "# A\n\nOne. <!-- #1 mergers -->\n\nTwo. <!-- #2 mergers leadership -->\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    assert!(
        !lines.iter().any(|l| l.contains("unknown theme")),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].contains("themes.toml:3: bad themes file"),
        "{lines:#?}"
    );
    assert!(
        lines[1].ends_with(
            "themes.toml: the themes named on passages (3) are not checked until this file reads: its problem is above"
        ),
        "{lines:#?}"
    );
}

#[test]
fn a_mistyped_theme_is_said_where_it_is_written_with_the_theme_meant() {
    let dir = Dir::new();
    dir.create("themes.toml", THEMES);
    dir.create(
        "a.md",
        "+++\ntitle = \"Interviews\"\nthemes = [\"leadrship\"]\n+++\nOne. <!-- #1 mergers -->\n\nTwo. <!-- #2 mergrs -->\n",
    );
    dir.create(
        "b.md",
        "---\ntitle: Memo\ntags: [mergres, memo]\n---\n\nA memo paragraph.\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    let p = |name: &str| dir.join(name).display().to_string();
    // In the front matter: at its line, once, whichever passages take it.
    assert!(
        lines.contains(&format!(
            "{}:3: unknown theme `leadrship` in `themes` (not in themes.toml; did you mean `leadership`?)",
            p("a.md")
        )),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&format!(
            "{}:7: unknown theme `mergrs` on passage `a/2` (not in themes.toml; did you mean `mergers`?)",
            p("a.md")
        )),
        "{lines:#?}"
    );
    // A tag one slip from a theme: a warning, as a tag that is no theme is
    // otherwise kept as a tag.
    assert!(
        lines.contains(&format!(
            "{}:3: tag `mergres` is no theme, so it codes no passage; did you mean `mergers`?",
            p("b.md")
        )),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l.contains("`memo`")), "{lines:#?}");
}

/// An export saved into the corpus folder under a name of its own is
/// searched as a report that repeats what it quotes: `check` says so.
#[test]
fn an_export_in_the_corpus_folder_is_said() {
    let dir = Dir::new();
    dir.create(
        "briefing.md",
        "# Briefing\n\n> The cost implications for both the buddy Trust.\n\n\
         Foundation Trust Network, Buddying Review (September 2014), buddying-review/9\n\n\
         <!-- evidence: buddying-review/9 7ca743f84a85a0c0 -->\n",
    );
    dir.create(
        "notes.md",
        "# Notes\n\nA paragraph of notes. <!-- a comment -->\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    let lines = problem_lines(&corpus);
    assert_problem(
        &lines,
        &format!(
            "{}:7: an export of excerpts",
            dir.join("briefing.md").display()
        ),
    );
    assert!(lines.iter().all(|l| !l.contains("notes.md")), "{lines:?}");
}

/// A date that is no date is said, and left out: a report is not listed or
/// cited as published "notadate". YAML's `date:` line is the one named.
#[test]
fn a_published_date_that_is_no_date_is_left_out() {
    let dir = Dir::new();
    dir.create(
        "yaml.md",
        "---\ntitle: YAML bad\ndate: notadate\n---\nSome text here.\n",
    );
    dir.create(
        "toml.md",
        "+++\nid = \"t\"\ntitle = \"T\"\npublished = \"2014-13\"\n+++\nWords.\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    for id in ["yaml", "t"] {
        assert_eq!(corpus.report(id).unwrap().published, None, "{id}");
    }
    let lines = problem_lines(&corpus);
    assert!(
        lines.iter().any(|l| l.ends_with(
            "yaml.md:3: published `notadate` is not a date like 2014, 2014-09 or 2014-09-30; left out, so the report is cited with no date"
        )),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("toml.md:4: published `2014-13`")),
        "{lines:?}"
    );
}

/// A list under a key heading, introduced by a lead-in, is among the key
/// messages whole: its items' sections name the heading and the lead-in.
#[test]
fn items_under_a_key_heading_are_key_passages_with_their_lead_in() {
    let dir = Dir::new();
    dir.create(
        "notes.md",
        "---\ntitle: Notes\nkey_sections: [Key messages]\n---\n\n## Key messages\n\n- Trusts should: <!-- #1 lead-in -->\n  - share boards; <!-- #2 -->\n  - share staff. <!-- #3 -->\n\n## Method\n\nWe read papers. <!-- #4 -->\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
    let r = corpus.report("notes").unwrap();
    let ids: Vec<&str> = r.key_passages().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["notes/1", "notes/2", "notes/3"]);
    // Under a paragraph lead-in, which is no passage, every passage's
    // section carries the lead-in: `check` finds the heading all the same.
    dir.create(
        "notes.md",
        "---\ntitle: Notes\nkey_sections: [Key messages]\n---\n\n## Key messages\n\nTrusts should: <!-- lead-in -->\n\n- share boards; <!-- #2 -->\n- share staff. <!-- #3 -->\n\n## Method\n\nWe read papers. <!-- #4 -->\n",
    );
    let corpus = Corpus::from_folder(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", problem_lines(&corpus));
    let r = corpus.report("notes").unwrap();
    let ids: Vec<&str> = r.key_passages().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["notes/2", "notes/3"]);
}

/// A report with no short title of its own gets its main title before a
/// colon when that says something alone, else its title cut at a word
/// and never after a colon.
#[test]
fn a_short_title_made_from_a_long_title_reads_as_a_title() {
    use evidence::corpus::short_of;
    assert_eq!(
        short_of("Group dynamics: lessons from NHS provider groups"),
        "Group dynamics"
    );
    // Too short to say anything alone: cut instead.
    assert_eq!(
        short_of("Item 7: Proposal to network pathology"),
        "Item 7: Proposal to…"
    );
    assert_eq!(
        short_of("Mergers: what the evidence says"),
        "Mergers: what the…"
    );
    assert_eq!(short_of("Shared services"), "Shared services");
    // A cut that would end on a colon ends at the word.
    assert_eq!(
        short_of("Provider chains: a longer title"),
        "Provider chains"
    );
    assert_eq!(
        short_of("Collaborations at scale: x"),
        "Collaborations at scale"
    );
    assert_eq!(
        short_of("Collaborationsbetweenmany: things"),
        "Collaborationsbetweenma…"
    );
    assert_eq!(
        short_of("Integrated care systems, their boards: review"),
        "Integrated care systems…"
    );
    // A cut that would end on a colon drops it.
    assert_eq!(
        short_of("Collaborationsxx: somethinglong"),
        "Collaborationsxx…"
    );
    // An apostrophe or a point inside a word is no word's end.
    assert_eq!(
        short_of("The Chief Inspector’s annual report"),
        "The Chief Inspector’s…"
    );
    assert_eq!(
        short_of("Savings of twenty one 1.5bn in all"),
        "Savings of twenty one…"
    );
}
