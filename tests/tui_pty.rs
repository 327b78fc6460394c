//! The real binary in a pseudo-terminal (portable-pty, read back with vt100):
//! type a query, see a report title, open a result, put a passage in the
//! basket, export it, quit, and check the file and the restored screen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(dir: &std::path::Path) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_evidence"));
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("EVIDENCE_INDEX_DIR", dir.join("index"));
        cmd.env("EVIDENCE_DATA_DIR", dir.join("data"));
        cmd.env_remove("EVIDENCE_CORPUS");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(30).unwrap(),
            std::num::NonZeroU16::new(100).unwrap(),
            0,
        )));
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        // Keep the master alive for the session by leaking it into the thread's scope.
        std::mem::forget(pty.master);
        Session {
            parser,
            writer,
            child,
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "never saw {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn search_collect_export_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Results");
    assert!(
        s.parser.lock().unwrap().screen().bracketed_paste(),
        "bracketed paste is off"
    );
    // A paste arrives whole (bracketed paste): its line end is a space in
    // the query, not an Enter that opens a result.
    s.send("\x1b[200~due\ndiligence\x1b[201~");
    s.wait_for("due diligence");
    s.wait_for("Results 1 of 2");
    // Ctrl-U empties the query.
    s.send("\x15");
    s.send("buddying");
    s.wait_for("Buddying Review");
    s.send("\r");
    s.send(" ");
    s.wait_for("added buddying-review/");
    s.send("e");
    s.wait_for("Export the basket");
    s.send("\r");
    let screen = s.wait_for("wrote 1 excerpt to");
    assert!(!screen.contains("panicked"));
    s.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(100));
    let parser = s.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(
        !parser.screen().bracketed_paste(),
        "bracketed paste was left on"
    );
    drop(parser);

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
