//! The real binary in a pseudo-terminal (portable-pty, read back with vt100):
//! type a query, see a report title, open a result, put a passage in the
//! basket, export it, quit, and check the file and the restored screen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use std::time::Duration;
use util::pty::Session;

/// The explorer on the bundled corpus in a 100×30 terminal, with its index
/// and data folders in `dir`.
fn start(dir: &std::path::Path) -> Session {
    let index = dir.join("index");
    let data = dir.join("data");
    Session::start(
        dir,
        100,
        30,
        &[
            ("EVIDENCE_INDEX_DIR", index.as_os_str()),
            ("EVIDENCE_DATA_DIR", data.as_os_str()),
        ],
    )
}

/// Types, then gives the explorer a moment to take it in.
fn send(s: &mut Session, text: &str) {
    s.send(text);
    std::thread::sleep(Duration::from_millis(150));
}

#[test]
fn search_collect_export_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(dir.path());
    s.wait_for("Results");
    assert!(
        s.with_screen(vt100::Screen::bracketed_paste),
        "bracketed paste is off"
    );
    // A paste arrives whole (bracketed paste): its line end is a space in
    // the query, not an Enter that opens a result.
    send(&mut s, "\x1b[200~due\ndiligence\x1b[201~");
    s.wait_for("due diligence");
    s.wait_for("Results 1 of 2");
    // Ctrl-U empties the query.
    send(&mut s, "\x15");
    send(&mut s, "buddying");
    s.wait_for("Buddying Review");
    send(&mut s, "\r");
    send(&mut s, " ");
    s.wait_for("added buddying-review/");
    send(&mut s, "e");
    s.wait_for("Export the basket");
    send(&mut s, "\r");
    let screen = s.wait_for("wrote 1 excerpt to");
    assert!(!screen.contains("panicked"));
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        !s.with_screen(vt100::Screen::alternate_screen),
        "the alternate screen was left"
    );
    assert!(
        !s.with_screen(vt100::Screen::bracketed_paste),
        "bracketed paste was left on"
    );

    let exported: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("evidence-excerpts-")
        })
        .collect();
    assert_eq!(exported.len(), 1, "one export file in the working folder");
    let text = std::fs::read_to_string(exported[0].path()).unwrap();
    let quotes = evidence::export::blockquote_texts(&text);
    assert_eq!(quotes.len(), 1);
    assert!(quotes[0].to_lowercase().contains("budd"));
    assert!(text.contains("Foundation Trust Network"));
}

#[test]
fn the_explorer_follows_a_corpus_folder_that_changes_while_it_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus).unwrap();
    let index = dir.path().join("index");
    let data = dir.path().join("data");
    let mut s = Session::start(
        dir.path(),
        100,
        30,
        &[
            ("EVIDENCE_CORPUS", corpus.as_os_str()),
            ("EVIDENCE_INDEX_DIR", index.as_os_str()),
            ("EVIDENCE_DATA_DIR", data.as_os_str()),
        ],
    );
    s.wait_for("Results");
    send(&mut s, "narwhal");
    s.wait_for("No passage matches");
    // A paragraph added to a report, and a new plain document.
    let report = corpus.join("06-big-med.md");
    let mut text = std::fs::read_to_string(&report).unwrap();
    text.push_str("\nThe narwhal tusk is a long tooth. <!-- #99 mergers -->\n");
    std::fs::write(&report, text).unwrap();
    std::fs::write(corpus.join("notes.md"), "# My notes\n\nA narwhal again.\n").unwrap();
    // And a file that cannot be read as a report: the status line says so.
    std::fs::write(corpus.join("broken.md"), "+++\nid = \n+++\nText.\n").unwrap();
    s.wait_for("the index is up to date");
    s.wait_for("1 problem in the corpus; run `evidence");
    let screen = s.wait_for("Results 1 of 2");
    assert!(screen.contains("narwhal tusk"), "{screen}");
    assert!(screen.contains("A narwhal again"), "{screen}");
    // The first hit is a passage that says it, and Space collects that one.
    send(&mut s, "\r");
    send(&mut s, " ");
    s.wait_until(|screen| screen.contains("added notes/1") || screen.contains("added big-med/99"))
        .unwrap_or_else(|screen| panic!("collected another passage:\n{screen}"));
    // A folder moved away leaves the index as it was, and says so.
    let moved = dir.path().join("moved");
    std::fs::rename(&corpus, &moved).unwrap();
    let screen = s.wait_for("could not be updated");
    assert!(screen.contains("Results 1 of 2"), "{screen}");
    std::fs::rename(&moved, &corpus).unwrap();
    // The bundled passages, the one added to Big Med and the note's.
    let passages = evidence::corpus::Corpus::bundled().passage_count() + 2;
    s.wait_for(&format!("the index is up to date ({passages} passages)"));
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));
}

/// An imported PDF's passage shows its page in the reader's header, and a
/// web page its address.
#[test]
fn the_reader_shows_an_imported_passages_page_and_a_pages_address() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let corpus = dir.path().join("mine");
    std::fs::create_dir(&corpus).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evidence"))
        .arg("import")
        .arg(fixtures.join("buddying-two-column.pdf"))
        .arg(fixtures.join("seizing-the-opportunity.html"))
        .arg("--into")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let index = dir.path().join("index");
    let data = dir.path().join("data");
    let mut s = Session::start(
        dir.path(),
        120,
        40,
        &[
            ("EVIDENCE_CORPUS", corpus.as_os_str()),
            ("EVIDENCE_INDEX_DIR", index.as_os_str()),
            ("EVIDENCE_DATA_DIR", data.as_os_str()),
            ("NO_COLOR", "1".as_ref()),
        ],
    );
    s.wait_for("Results");
    send(&mut s, "geographically close enough");
    s.wait_for("Results 1 of 1");
    send(&mut s, "\r");
    // Under its bold heading, told from the text by its place.
    s.wait_for("Buddying arrangements · pp. 1–2");
    send(&mut s, "/");
    for _ in 0.."geographically close enough".len() {
        send(&mut s, "\x7f");
    }
    send(&mut s, "provider autonomy");
    s.wait_for("Results 1 of 1");
    send(&mut s, "\r");
    s.wait_for("https://example.org/insight/seizing-the-opportunity");
    send(&mut s, "\t");
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));
}

/// What is typed while the explorer opens is typed into it, not lost: and a
/// word that starts with `q` does not quit it, though `q` quits the
/// building screen.
#[test]
fn a_query_typed_while_the_explorer_opens_is_searched() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus).unwrap();
    let (index, data) = (dir.path().join("index"), dir.path().join("data"));
    let env = [
        ("EVIDENCE_CORPUS", corpus.as_os_str()),
        ("EVIDENCE_INDEX_DIR", index.as_os_str()),
        ("EVIDENCE_DATA_DIR", data.as_os_str()),
    ];
    let mut s = Session::start(dir.path(), 100, 30, &env);
    s.wait_for("Results");
    send(&mut s, "\t");
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));
    // An edited report: the explorer updates the index as it opens, and
    // the query is typed meanwhile.
    let report = corpus.join("06-big-med.md");
    let mut text = std::fs::read_to_string(&report).unwrap();
    text.push_str("\nA quality narwhal. <!-- #99 mergers -->\n");
    std::fs::write(&report, text).unwrap();
    let mut s = Session::start(dir.path(), 100, 30, &env);
    s.send("quality narwhal");
    let screen = s.wait_for("Results 1 of 1");
    assert!(screen.contains("quality narwhal"), "{screen}");
    send(&mut s, "\t");
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));
}

/// On a terminal, `search` marks the matched words: in colour, in bold and
/// underline without it (NO_COLOR, a monochrome terminal), and not at all
/// where the terminal cannot style (`TERM=dumb`), where the explorer is
/// not started either.
#[test]
fn matched_words_are_marked_on_a_terminal_with_or_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let (index, data) = (dir.path().join("index"), dir.path().join("data"));
    let base = [
        ("EVIDENCE_INDEX_DIR", index.as_os_str()),
        ("EVIDENCE_DATA_DIR", data.as_os_str()),
        ("EVIDENCE_NO_HISTORY", "1".as_ref()),
    ];
    // The styles of the first cell of each `buddying` on the screen.
    let styles = |extra: &[(&str, &std::ffi::OsStr)]| {
        let env: Vec<_> = base.iter().chain(extra).copied().collect();
        let mut s = Session::start_with(dir.path(), 120, 40, &["search", "buddying"], &env);
        s.wait_for("passages shown");
        assert_eq!(s.wait_exit(), Ok(true));
        s.with_screen(|screen| {
            let (rows, cols) = screen.size();
            let (rows, cols) = (rows.get(), cols.get());
            let mut found = Vec::new();
            for row in 0..rows {
                let cells: Vec<String> = (0..cols)
                    .map(|c| {
                        screen
                            .cell(row, c)
                            .map_or(String::new(), |x| x.contents().to_lowercase())
                    })
                    .collect();
                for at in (0..cells.len().saturating_sub(8))
                    .filter(|&i| cells[i..i + 8].concat() == "buddying")
                {
                    let cell = screen.cell(row, at as u16).unwrap();
                    found.push((cell.bold(), cell.underline(), cell.fgcolor()));
                }
            }
            assert!(!found.is_empty(), "{}", screen.contents());
            found
        })
    };
    let found = styles(&[]);
    assert!(
        found
            .iter()
            .any(|&(bold, _, colour)| bold && colour != vt100::Color::Default),
        "{found:?}"
    );
    for extra in [("NO_COLOR", "1"), ("TERM", "xterm-mono")] {
        let found = styles(&[(extra.0, extra.1.as_ref())]);
        assert!(found.iter().any(|&(b, u, _)| b && u), "{extra:?} {found:?}");
        assert!(
            found.iter().all(|&(_, _, c)| c == vt100::Color::Default),
            "{extra:?} {found:?}"
        );
    }
    let found = styles(&[("TERM", "dumb".as_ref())]);
    assert!(
        found
            .iter()
            .all(|&(b, u, c)| !b && !u && c == vt100::Color::Default),
        "{found:?}"
    );
    let env: Vec<_> = base
        .iter()
        .copied()
        .chain([("TERM", "dumb".as_ref())])
        .collect();
    let mut s = Session::start_with(dir.path(), 120, 40, &[], &env);
    s.wait_for("cannot draw the explorer");
    assert_eq!(s.wait_exit(), Ok(false));
}
