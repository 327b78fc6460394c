//! Property tests (proptest) over the parts that read what users write:
//!
//! - the corpus loader, `Corpus::from_folder`, on folders of arbitrary bytes
//!   and of text with front-matter-ish and markdown-ish structure: it never
//!   panics, every problem names a file that is there (and a line inside it),
//!   and passage ids stay unique;
//! - the query parser, `search::query::parse`, on arbitrary text and on
//!   query-ish token soup: it never panics, keeps at most `MAX_CLAUSES`
//!   clauses, and never yields an empty clause or atom;
//! - `evidence import`: a plain markdown file imported with `import_files`
//!   into a folder made by `write_bundled`, then loaded, gives back the same
//!   passages (ids, sections, texts) as loading the original file alone;
//! - the index's catalog, `Catalog::to_bytes` and `from_bytes`: any catalog
//!   reads back as written, and any bytes read as a catalog or `None`
//!   without panicking;
//! - `evidence import` of PDFs and Word documents mangled (bytes flipped,
//!   cut short, spliced, repeated), each read in the child process with
//!   limits: every file is imported or refused in one line, nothing is
//!   left half written, and what is imported reads as a clean report (a
//!   quarter of `PROPTEST_CASES`: each case starts a process).
//!
//! Cases: `PROPTEST_CASES` (default 64, which keeps `cargo test` quick). A
//! long run:
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release --test fuzz
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::corpus::{
    Catalog, CatalogReport, Corpus, ImportOptions, Problem, ReportKind, ReportMeta, Stamp, Theme,
    import_files, write_bundled,
};
use evidence::search::query::{self, Atom, MAX_CLAUSES};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::fs;
use std::path::{Path, PathBuf};
use util::copy_tree;

/// `PROPTEST_CASES`, else 64.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        // Failures are shrunk and printed; nothing is written to the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Corpus files

/// Pieces that front matter and markdown are made of, good and bad.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("+++\n".to_string()),
        2 => "id = \"[a-z0-9-]{0,8}\"\n",
        1 => "id = [0-9]{1,3}\n",
        2 => "title = \"[A-Za-z é]{0,12}\"\n",
        1 => "short_title = \"[a-z ]{0,40}\"\n",
        1 => "themes = \\[(\"(fruit|trees|[a-z]{1,5})\", ?){0,4}\\]\n",
        1 => "published = \"[0-9-]{0,11}\"\n",
        1 => "kind = \"(digest|overview|commissioned|document|odd)\"\n",
        1 => "key_sections = \\[\"[A-Za-z ]{0,8}\"\\]\n",
        1 => "authors = \\[\"[A-Za-z ]{0,8}\"\\]\n",
        1 => "[a-z_]{1,8} = (\"[a-z]{0,4}\"|[0-9]{1,3}|\\[|\\{)\n",
        1 => "title = \"unclosed\n",
        3 => "#{1,7} [A-Za-z ]{0,12}\n",
        4 => "( {0,6})([-*+]|[0-9]{1,3}[.)]) [a-z ]{0,12}\n",
        2 => "(> ?){1,4}[a-z ]{0,12}\n",
        1 => "(```|~~~)[a-z]{0,4}\n",
        1 => "    code [a-z]{0,6}\n",
        4 => " ?<!-- ?#[A-Za-z0-9._/-]{0,5}( [a-z-]{0,8}){0,4} ?-->\n?",
        1 => "<!-- [a-z ]{0,8}\n",
        1 => "-->\n",
        1 => "<(div|p|b|span)>\n?",
        1 => "(---|===|\\*\\*\\*)\n",
        1 => "\\|[a-z]{0,3}\\|[a-z]{0,3}\\|\n",
        2 => "\n\n",
        1 => "\r\n",
        1 => Just("\u{feff}".to_string()),
        6 => "[A-Za-z0-9 ,.;:!?'’“”—éü東*_`\\[\\]()<>&#\\\\-]{0,30}",
        2 => "\\PC{0,12}",
        1 => "[ \t]{0,8}\n",
    ]
}

/// File contents: structured text, or arbitrary bytes.
fn contents() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => (prop::collection::vec(piece(), 0..20), prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(p, bytes)| {
                let mut v = p.concat().into_bytes();
                let at = v.len() / 2;
                v.splice(at..at, bytes);
                v
            }),
    ]
}

/// Where files may go in a corpus folder.
const NAMES: [&str; 7] = [
    "a.md",
    "b.txt",
    "sub/c.md",
    "sub/deeper/d.MD",
    "README.md",
    "e.markdown",
    ".hidden.md",
];

/// Names in [`NAMES`] that are never read as reports.
const NOT_REPORTS: [&str; 4] = ["README.md", "e.markdown", ".hidden.md", "themes.toml"];

/// Files to write (an index into [`NAMES`] and the contents), and maybe a
/// `themes.toml`.
type Folder = (Vec<(usize, Vec<u8>)>, Option<Vec<u8>>);

fn folder() -> impl Strategy<Value = Folder> {
    let themes = prop_oneof![
        Just(None),
        Just(Some(
            b"[[theme]]\nid = \"fruit\"\nlabel = \"Fruit\"\ndescription = \"f\"\n".to_vec()
        )),
        contents().prop_map(Some),
    ];
    (
        prop::collection::vec((0..NAMES.len(), contents()), 1..5),
        themes,
    )
}

/// The number of lines a problem may point into.
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

/// A web address for some catalog reports, so that the record's source
/// fields are round-tripped too.
fn organisation_url(title: &str) -> Option<String> {
    title
        .len()
        .is_multiple_of(2)
        .then(|| format!("https://example.org/{}", title.len()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn corpus_folders_load_without_panics_and_problems_name_their_file(
        (files, themes) in folder()
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("corpus");
        fs::create_dir_all(&root).unwrap();
        let mut written: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        for (name, bytes) in files {
            let rel = PathBuf::from(NAMES[name]);
            let path = root.join(&rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &bytes).unwrap();
            written.retain(|(r, _)| *r != rel);
            written.push((rel, bytes));
        }
        if let Some(bytes) = themes {
            fs::write(root.join("themes.toml"), &bytes).unwrap();
            written.push((PathBuf::from("themes.toml"), bytes));
        }

        let corpus = Corpus::from_folder(&root).unwrap();

        for p in &corpus.problems {
            let rel = p.path.strip_prefix(&root).unwrap_or_else(|_| {
                panic!("problem outside the folder: {p}")
            });
            // The one problem of the folder itself: it has no report file.
            if rel.as_os_str().is_empty() {
                prop_assert!(
                    written.iter().all(|(r, _)| NOT_REPORTS.contains(&r.to_string_lossy().as_ref())),
                    "{}, but report files were written",
                    p
                );
                continue;
            }
            let file = written.iter().find(|(r, _)| r == rel);
            prop_assert!(file.is_some(), "problem names no file that was written: {}", p);
            let (_, bytes) = file.unwrap();
            prop_assert!(
                p.line <= line_count(bytes),
                "problem line {} past the end of a {}-line file: {}",
                p.line,
                line_count(bytes),
                p
            );
            prop_assert!(!p.message.trim().is_empty());
        }
        let mut ids = std::collections::HashSet::new();
        for r in &corpus.reports {
            let rel = &r.path;
            prop_assert!(
                written.iter().any(|(w, _)| w == rel),
                "report {} read from {} which was not written",
                r.id,
                rel.display()
            );
            let name = rel.to_string_lossy();
            prop_assert!(
                !NOT_REPORTS.contains(&name.as_ref()),
                "{} is not a report file but was read as report {}",
                name,
                r.id
            );
            for p in r.passages.iter() {
                prop_assert!(p.id.starts_with(&format!("{}/", r.id)), "{}", p.id);
                prop_assert!(!p.text.trim().is_empty(), "empty passage {}", p.id);
                prop_assert!(ids.insert(p.id.clone()), "duplicate passage id {}", p.id);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Queries

fn query_token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,8}",
        1 => "[A-Z][a-z]{0,6}",
        2 => Just(" ".to_string()),
        2 => Just("\"".to_string()),
        2 => Just("-".to_string()),
        2 => Just("OR".to_string()),
        1 => Just("or".to_string()),
        2 => Just("*".to_string()),
        1 => "[(){}\\[\\]]",
        2 => "(report|theme|org|organisation|year|foo|REPORT|)[:]",
        1 => Just("'".to_string()),
        1 => Just("’".to_string()),
        1 => "[0-9]{1,4}",
        1 => "\\PC{1,3}",
        1 => "[\u{0}-\u{1f}\u{7f}]",
        1 => Just("\u{202e}".to_string()),
        1 => Just("🙂".to_string()),
    ]
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(query_token(), 0..60).prop_map(|t| t.concat()),
        1 => any::<String>(),
        1 => prop::collection::vec("[a-z]{1,6}", 30..80).prop_map(|w| w.join(" ")),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn queries_parse_without_panics_within_the_clause_limit(q in query_text()) {
        let parsed = query::parse(&q);
        prop_assert!(
            parsed.clauses.len() <= MAX_CLAUSES,
            "{} clauses from {:?}",
            parsed.clauses.len(),
            q
        );
        for clause in &parsed.clauses {
            prop_assert!(!clause.any_of.is_empty(), "an empty clause from {:?}", q);
            for atom in &clause.any_of {
                let value = match atom {
                    Atom::Word(v) | Atom::Phrase(v) | Atom::Exact(v) | Atom::Prefix(v) | Atom::Report(v)
                    | Atom::Theme(v) | Atom::Org(v) | Atom::Year(v) => v,
                };
                prop_assert!(!value.trim().is_empty(), "an empty {:?} from {:?}", atom, q);
            }
        }
        for note in &parsed.notes {
            prop_assert!(!note.trim().is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// Import round trip

/// Inline pieces of a paragraph line, plain and markdown-ish; with
/// `comments`, also the opening of an HTML comment.
fn inline_piece(comments: bool) -> BoxedStrategy<String> {
    let pieces = prop_oneof![
        8 => "[A-Za-z]{1,9}",
        4 => Just(" ".to_string()),
        2 => "[0-9]{1,4}",
        3 => "[,.;:!?'\"()&/%$^~|=+*#-]",
        2 => "[’“”—éü東]",
        1 => "\\*{1,2}[a-z]{1,5}\\*{0,2}",
        1 => "_[a-z]{1,5}_?",
        1 => "`{1,2}[a-z ]{0,5}`{0,2}",
        1 => "\\[[a-z]{1,5}\\](\\([a-z:/.]{0,8}\\))?",
        1 => "<(b|i|span)>[a-z]{0,4}(</(b|i|span)>)?",
        1 => Just("<".to_string()),
        1 => Just(">".to_string()),
        1 => Just("\\".to_string()),
        1 => "&(amp|lt|#[0-9]{1,3});?",
        1 => "<https?://[a-z.]{1,8}>?",
        1 => Just("-->".to_string()),
        1 => "~~[a-z]{1,4}~~",
    ];
    if comments {
        prop_oneof![12 => pieces, 1 => Just("<!--".to_string())].boxed()
    } else {
        pieces.boxed()
    }
}

/// A line that may start a list item, quote or heading, or be plain. Unless
/// `anything`, its text starts with a word (so no line is a bare block
/// marker such as `1.` or `+`) and holds no `<!--`.
fn paragraph_line(anything: bool) -> impl Strategy<Value = String> {
    let lead = prop_oneof![
        8 => Just(String::new()),
        1 => Just("- ".to_string()),
        1 => Just("1. ".to_string()),
        1 => Just("> ".to_string()),
        1 => Just("## ".to_string()),
        1 => Just("  ".to_string()),
    ];
    let first = if anything {
        inline_piece(true)
    } else {
        "[A-Za-z]{1,9}".boxed()
    };
    (
        lead,
        first,
        prop::collection::vec(inline_piece(anything), 0..13),
    )
        .prop_map(|(lead, first, pieces)| format!("{lead}{first}{}", pieces.concat()))
}

/// A plain markdown document: a title, then paragraphs of one to three
/// lines. Unless `anything`, `<!` (which opens an HTML comment or
/// declaration) never occurs.
fn document(anything: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(paragraph_line(anything), 1..4), 1..7).prop_map(
        move |paragraphs| {
            let body: Vec<String> = paragraphs.iter().map(|lines| lines.join("\n")).collect();
            let doc = format!("# My notes\n\n{}\n", body.join("\n\n"));
            if anything {
                doc
            } else {
                doc.replace("<!", "< !")
            }
        },
    )
}

/// (local id, section, text) of a report's passages.
fn passages_of(corpus: &Corpus, id: &str) -> Option<Vec<(String, Option<String>, String)>> {
    let report = corpus.report(id)?;
    Some(
        report
            .passages
            .iter()
            .map(|p| (p.local_id().to_string(), p.section.clone(), p.text.clone()))
            .collect(),
    )
}

/// A fresh copy, under `root`, of a folder made once by `write_bundled`
/// (writing it anew for each case would spend most of a long run syncing).
fn bundled_folder(root: &Path) -> PathBuf {
    thread_local! {
        // Per test thread, so it is removed when the test ends.
        static TEMPLATE: (tempfile::TempDir, PathBuf) = {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("corpus");
            write_bundled(&dir).unwrap();
            (tmp, dir)
        };
    }
    let dir = root.join("corpus");
    TEMPLATE.with(|(_, template)| copy_tree(template, &dir));
    dir
}

/// Imports `doc` into a folder made by `write_bundled` and compares the
/// passages read back with those of the file read alone.
fn import_round_trip(doc: &str) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let alone = tmp.path().join("alone");
    fs::create_dir_all(&alone).unwrap();
    let original = alone.join("my-notes.md");
    fs::write(&original, doc).unwrap();
    let alone_corpus = Corpus::from_folder(&alone).unwrap();
    let expected = passages_of(&alone_corpus, "my-notes");
    // Problems the file has on its own (say, a comment in its text that looks
    // like a malformed marker) are the user's, not import's.
    let own_problems: Vec<String> = alone_corpus
        .problems
        .iter()
        .map(|p| p.message.clone())
        .collect();

    let into = bundled_folder(tmp.path());
    let imported = import_files(
        std::slice::from_ref(&original),
        &into,
        &ImportOptions::default(),
    );
    let Some(expected) = expected else {
        // Not a report on its own (no passages): import must refuse it.
        prop_assert!(imported.is_err(), "imported a file that is no report");
        return Ok(());
    };
    let written = imported.map_err(|e| TestCaseError::fail(format!("import failed: {e}")))?;
    prop_assert_eq!(written.len(), 1);
    let text = fs::read_to_string(&written[0].1).unwrap();
    let corpus = Corpus::from_folder(&into).unwrap();
    let problems: Vec<String> = corpus
        .problems
        .iter()
        .filter(|p| p.path.to_string_lossy().contains("my-notes"))
        .filter(|p| !own_problems.contains(&p.message))
        .map(ToString::to_string)
        .collect();
    prop_assert!(
        problems.is_empty(),
        "the imported file has problems: {:?}\nimported file:\n{}",
        problems,
        text
    );
    let got = passages_of(&corpus, "my-notes");
    prop_assert!(got.is_some(), "the imported report is missing");
    // The same passages, ids and sections, but for the lead-ins import
    // marks (a passage ending in `:` right before a list): their items'
    // section has the lead-in after the heading.
    let got = got.unwrap();
    let leads: Vec<String> = got
        .iter()
        .filter(|(_, _, t)| t.trim_end().ends_with(':'))
        .map(|(_, _, t)| t.trim_end().trim_end_matches(':').trim_end().to_string())
        .collect();
    let same = got.len() == expected.len()
        && got.iter().zip(&expected).all(|(g, e)| {
            g.0 == e.0
                && g.2 == e.2
                && (g.1 == e.1
                    || leads.iter().any(|lead| {
                        g.1.as_deref()
                            == Some(match &e.1 {
                                Some(h) => format!("{h} — {lead}"),
                                None => lead.clone(),
                            })
                            .as_deref()
                    }))
        });
    prop_assert!(same, "imported file:\n{}\n{:?}\n{:?}", text, got, expected);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn imported_files_keep_their_passages(doc in document(false)) {
        import_round_trip(&doc)?;
    }

    /// The same with lines that are bare block markers (`1.`, `+`) and with
    /// `<!--` or `<!x` in the text: both change when the marker is inserted
    /// (see the two examples below).
    #[test]
    fn imported_files_with_any_text_keep_their_passages(doc in document(true)) {
        import_round_trip(&doc)?;
    }
}

/// "A" followed by a line `1.`: one passage "A 1." (an empty list item cannot
/// interrupt a paragraph). Import writes `1. <!-- #1 -->`, a list item that
/// can, so the passage becomes "A" and `check` reports a marker on its own line.
#[test]
fn import_keeps_a_paragraph_ending_in_a_bare_list_marker() {
    import_round_trip("# My notes\n\nA\n1.\n").unwrap();
}

/// A paragraph holding an unclosed `<!--` (or `<!` and a letter, an HTML
/// declaration): import's marker ends with `>`, which closes it, so the rest
/// of the text and the marker itself become one piece of HTML.
#[test]
fn import_keeps_a_paragraph_holding_an_unclosed_comment_or_declaration() {
    let failures: Vec<String> = ["# My notes\n\nKeep a <!-- b\n", "# My notes\n\na<!a\n"]
        .iter()
        .filter_map(|doc| {
            import_round_trip(doc)
                .err()
                .map(|e| format!("{doc:?}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Inputs long runs of the property above once failed on: raw HTML after a
/// paragraph (the marker ended up on a line of its own), and a comment in the
/// text that looks like a malformed marker (the file's own problem, not
/// import's).
#[test]
fn import_keeps_paragraphs_next_to_raw_html_and_marker_like_comments() {
    for doc in [
        "# My notes\n\na\n<A-->\n",
        "# My notes\n\nA<!--#\na<!---->\n",
    ] {
        import_round_trip(doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
    }
}

// ---------------------------------------------------------------------------
// The index's catalog

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 é’—£/.\\-]{0,12}"
}

/// A catalog with `themes` themes and reports whose theme counts are
/// consistent (each theme once, 1..=passages); problem paths inside and
/// outside the folder `corpus`.
fn catalog() -> impl Strategy<Value = Catalog> {
    (1usize..5).prop_flat_map(|themes| {
        let theme = (
            text(),
            text(),
            text(),
            text(),
            prop::collection::vec(text(), 0..3),
        )
            .prop_map(|(id, label, description, definition, replaces)| Theme {
                id,
                label,
                description,
                definition,
                replaces,
            });
        let report = (
            (text(), text(), text(), prop::option::of(text())),
            (
                prop::collection::vec(text(), 0..3),
                prop::option::of(text()),
                0usize..4,
                prop::collection::vec(text(), 0..3),
            ),
            (
                text(),
                1usize..50,
                prop::option::of((any::<u64>(), any::<u64>())),
            ),
            (
                prop::option::of((any::<u64>(), any::<u128>(), any::<u32>())),
                prop::collection::btree_map(0..themes, 1usize..50, 0..themes),
            ),
        )
            .prop_map(
                |(
                    (id, title, short_title, organisation),
                    (authors, published, kind, key_sections),
                    (path, passage_count, spans),
                    (stamp, counts),
                )| CatalogReport {
                    meta: Box::new(ReportMeta {
                        // The citation key as the short title.
                        citekey: Some(short_title.clone()),
                        // First, while `title` is still here to read.
                        source: evidence::corpus::SourceDoc {
                            url: organisation_url(&title),
                            ..Default::default()
                        },
                        id,
                        title,
                        short_title,
                        // Varied without another strategy: the subtitle as
                        // the organisation, the genre as the date.
                        subtitle: organisation.clone(),
                        organisation,
                        et_al: kind % 2 == 1,
                        authors,
                        genre: published.clone(),
                        published,
                        kind: [
                            ReportKind::Commissioned,
                            ReportKind::Digest,
                            ReportKind::Overview,
                            ReportKind::Document,
                        ][kind],
                        tags: Vec::new(),
                        // Varied: the key sections as retired ids.
                        retired_passages: key_sections.clone(),
                        key_sections,
                        path: PathBuf::from(path),
                        // Varied without another strategy: the status
                        // change time a second after the modification.
                        stamp: stamp.map(|(size, modified_ns, mode)| Stamp {
                            size,
                            modified_ns,
                            changed_ns: modified_ns.wrapping_add(1_000_000_000),
                            mode,
                        }),
                    }),
                    passage_count,
                    spans,
                    theme_counts: counts
                        .into_iter()
                        .map(|(t, n)| (t, n.min(passage_count)))
                        .collect(),
                    // Varied without another strategy: a share of the count.
                    unthemed: passage_count / 3,
                    // Varied without another strategy: the count as the key.
                    key: passage_count as u64 * 7919,
                },
            );
        let problem = (
            any::<bool>(),
            text(),
            0usize..500,
            text(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(inside, path, line, message, fatal, warning)| Problem {
                path: if inside {
                    Path::new("corpus").join(path)
                } else {
                    PathBuf::from(format!("/elsewhere/{path}"))
                },
                line,
                message,
                fatal,
                severity: if warning {
                    evidence::corpus::Severity::Warning
                } else {
                    evidence::corpus::Severity::Error
                },
            });
        (
            prop::collection::vec(theme, themes),
            prop::collection::vec(report, 0..6),
            prop::collection::vec(problem, 0..4),
            text(),
        )
            .prop_map(|(themes, reports, problems, fingerprint)| Catalog {
                reports,
                themes,
                problems,
                fingerprint,
            })
    })
}

proptest! {
    #![proptest_config(config())]

    /// Any catalog reads back as written.
    #[test]
    fn a_catalog_reads_back_as_written(c in catalog()) {
        let folder = Path::new("corpus");
        prop_assert_eq!(Catalog::from_bytes(&c.to_bytes(folder), folder), Some(c));
    }

    /// Any bytes after a valid header read as a catalog or as nothing, and a
    /// catalog's bytes cut anywhere read as nothing.
    #[test]
    fn catalog_bytes_never_panic(c in catalog(), junk in prop::collection::vec(any::<u8>(), 0..200), cut in any::<prop::sample::Index>()) {
        let folder = Path::new("corpus");
        let bytes = c.to_bytes(folder);
        let at = cut.index(bytes.len());
        prop_assert_eq!(Catalog::from_bytes(&bytes[..at], folder), None);
        let mut hashed = b"evidence catalog 3\n".to_vec();
        hashed.extend_from_slice(blake3::hash(&junk).as_bytes());
        hashed.extend_from_slice(&junk);
        let _ = Catalog::from_bytes(&hashed, folder);
    }
}

// ---------------------------------------------------------------------------
// Mangled documents through the importer, in its child process

/// A PDF and a .docx with known text, to mangle.
fn documents() -> (Vec<u8>, Vec<u8>) {
    use util::docs;
    let pdf = docs::pdf(
        &[
            docs::heading("Mergers"),
            docs::text("Mergers take longer than their boards expect and save less."),
            docs::bullet("Due diligence matters."),
            docs::text("Culture decides whether the merged trust works as one."),
        ],
        &docs::Layout {
            lines: 6,
            title: Some("Mergers".into()),
            ..docs::Layout::default()
        },
    );
    let docx = docs::docx(
        &[
            docs::DocxPart::Heading(1, "Chains".into()),
            docs::DocxPart::Para("Chains share back offices and clinical pathways.".into()),
            docs::DocxPart::Item(0, false, "Procurement".into()),
            docs::DocxPart::Table(vec![vec!["a".into(), "b".into()]]),
        ],
        Some("Chains"),
        Some("A. Author"),
        Some("2020-01-01T00:00:00Z"),
    );
    (pdf, docx)
}

/// One way to damage a file.
#[derive(Debug, Clone)]
enum Mangle {
    /// XOR a run of bytes at a place (a share of the length).
    Flip(f64, usize, u8),
    /// Cut the file at a place.
    Cut(f64),
    /// Repeat a stretch of the file at another place.
    Splice(f64, f64, usize),
    /// Write a number over a number (an offset or a length gone wrong).
    Digits(f64, u32),
}

fn mangle() -> impl Strategy<Value = Mangle> {
    prop_oneof![
        (0.0..1.0f64, 1usize..64, 1u8..=255).prop_map(|(a, n, x)| Mangle::Flip(a, n, x)),
        (0.0..1.0f64).prop_map(Mangle::Cut),
        (0.0..1.0f64, 0.0..1.0f64, 1usize..2000).prop_map(|(a, b, n)| Mangle::Splice(a, b, n)),
        (0.0..1.0f64, any::<u32>()).prop_map(|(a, n)| Mangle::Digits(a, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mangle) {
    let at = |share: f64, len: usize| ((share * len as f64) as usize).min(len.saturating_sub(1));
    match *m {
        Mangle::Flip(a, n, x) => {
            let start = at(a, bytes.len());
            for b in bytes.iter_mut().skip(start).take(n) {
                *b ^= x;
            }
        }
        Mangle::Cut(a) => bytes.truncate(at(a, bytes.len())),
        Mangle::Splice(a, b, n) => {
            let from = at(a, bytes.len());
            let stretch: Vec<u8> = bytes.iter().skip(from).take(n).copied().collect();
            let to = at(b, bytes.len());
            bytes.splice(to..to, stretch);
        }
        Mangle::Digits(a, n) => {
            let start = at(a, bytes.len());
            if let Some(k) = bytes[start..].iter().position(u8::is_ascii_digit) {
                let digits = n.to_string();
                for (i, d) in digits.bytes().enumerate() {
                    if let Some(b) = bytes.get_mut(start + k + i) {
                        *b = d;
                    }
                }
            }
        }
    }
}

fn import_mangled(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    use evidence::import::{self, Extractor, Limits, Outcome};
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("corpus");
    fs::create_dir_all(&into).unwrap();
    let file = tmp.path().join(name);
    fs::write(&file, bytes).unwrap();
    let opts = import::Options {
        import: ImportOptions::default(),
        extractor: Extractor::Child(PathBuf::from(env!("CARGO_BIN_EXE_evidence"))),
        limits: Limits {
            time: std::time::Duration::from_secs(10),
            memory: 1 << 30,
        },
        workers: 1,
    };
    let reports = import::run(&[file], &into, &opts, &|_| {}).unwrap();
    prop_assert_eq!(reports.len(), 1);
    match &reports[0].outcome {
        Outcome::Failed(why) => {
            prop_assert!(!why.contains('\n') && !why.is_empty(), "{:?}", why);
            prop_assert!(
                fs::read_dir(&into).unwrap().next().is_none(),
                "a refused file left something"
            );
        }
        Outcome::Imported { id, .. } => {
            let corpus = Corpus::from_folder(&into).unwrap();
            let errors: Vec<String> = corpus
                .problems
                .iter()
                .filter(|p| !p.is_warning())
                .map(ToString::to_string)
                .collect();
            prop_assert!(errors.is_empty(), "{:?}", errors);
            prop_assert!(corpus.report(id).is_some());
        }
        other => prop_assert!(false, "unexpected outcome {:?}", other),
    }
    let leftovers: Vec<_> = fs::read_dir(&into)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    prop_assert!(leftovers.is_empty(), "{:?}", leftovers);
    Ok(())
}

fn mangled_config() -> Config {
    let mut c = config();
    c.cases = (c.cases / 4).max(4);
    c
}

proptest! {
    #![proptest_config(mangled_config())]

    #[test]
    fn a_mangled_pdf_is_imported_or_refused_in_one_line(ms in prop::collection::vec(mangle(), 1..4)) {
        let mut bytes = documents().0;
        for m in &ms {
            apply(&mut bytes, m);
        }
        import_mangled("doc.pdf", &bytes)?;
    }

    #[test]
    fn a_mangled_docx_is_imported_or_refused_in_one_line(ms in prop::collection::vec(mangle(), 1..4)) {
        let mut bytes = documents().1;
        for m in &ms {
            apply(&mut bytes, m);
        }
        import_mangled("doc.docx", &bytes)?;
    }
}
