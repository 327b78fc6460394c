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
