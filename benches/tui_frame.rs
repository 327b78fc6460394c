//! The real interface in a pseudo-terminal (portable-pty, read back with vt100),
//! timed from outside as a user sees it, on a corpus whose index is built:
//!
//! - start-up: from spawning `evidence` to the first frame showing the search
//!   screen (" Results "), and to the first results (the empty query's list);
//! - per keystroke while `credentialing` is typed and then erased with
//!   Backspace: to the frame that echoes it in the query bar, and to the frame
//!   with that query's results (the worker waits 25 ms for more keys first).
//!
//! - with `EVIDENCE_BENCH_EDITS=1`, on a copy of the corpus: a file edited
//!   while the explorer is open (a paragraph with a new word appended, as an
//!   editor saves it), to the frame whose results show the new word; and
//!   keystrokes typed while that update runs, to their echo frames.
//!
//! Each time ends when the bytes of the frame have reached the terminal and
//! been parsed. `EVIDENCE_BENCH_TRACE=1` prints every keystroke's times. Prints markdown tables. `cargo bench --bench tui_frame`;
//! `EVIDENCE_BENCH_SIZES=bundled,10,100` for more corpora.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const EXE: &str = env!("CARGO_BIN_EXE_evidence");

struct Screen {
    parser: vt100::Parser,
}

struct Session {
    shared: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(size: &str) -> (Session, Instant) {
        Session::start_on(&common::corpus_dir(size), &common::index_dir(size))
    }

    fn start_on(corpus: &std::path::Path, index: &std::path::Path) -> (Session, Instant) {
        let home = tempfile::tempdir().unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(EXE);
        cmd.arg("--corpus");
        cmd.arg(corpus);
        cmd.arg("--index-dir");
        cmd.arg(index);
        cmd.cwd(home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("EVIDENCE_DATA_DIR", home.path().join("data"));
        cmd.env_remove("EVIDENCE_CORPUS");
        cmd.env_remove("EVIDENCE_INDEX_DIR");
        let shared = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(
                    std::num::NonZeroU16::new(ROWS).unwrap(),
                    std::num::NonZeroU16::new(COLS).unwrap(),
                    0,
                ),
            }),
            Condvar::new(),
        ));
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let sink = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let (lock, cv) = &*sink;
                lock.lock().unwrap().parser.process(&buf[..n]);
                cv.notify_all();
            }
        });
        std::mem::forget(pty.master);
        (
            Session {
                shared,
                writer,
                child,
                _home: home,
            },
            started,
        )
    }

    /// Waits until `ok(screen text)` holds; the instant it was seen.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> Instant {
        let (lock, cv) = &*self.shared;
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut screen = lock.lock().unwrap();
        loop {
            if ok(&screen.parser.screen().contents()) {
                return Instant::now();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "never saw {what}; screen:\n{}",
                screen.parser.screen().contents()
            );
            screen = cv
                .wait_timeout(screen, left.min(Duration::from_millis(50)))
                .unwrap()
                .0;
        }
    }

    fn send(&mut self, bytes: &[u8]) -> Instant {
        let t = Instant::now();
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        t
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The query bar's text (row 1 inside the border).
fn query_of(screen: &str) -> String {
    screen
        .lines()
        .nth(1)
        .unwrap_or("")
        .trim_matches(|c: char| c == '│' || c.is_whitespace())
        .to_string()
}

fn searching(screen: &str) -> bool {
    screen.contains("searching…")
}

/// A file edited while the explorer is open (see the module's note).
fn edits(size: &str) {
    let work = common::target_dir()
        .join("bench-update")
        .join(format!("tui-{size}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let corpus = work.join("corpus");
    let index = work.join("index");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(common::corpus_dir(size))
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(status.success());
    let status = std::process::Command::new(EXE)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--index-dir")
        .arg(&index)
        .arg("index")
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut files = Vec::new();
    let mut folders = vec![corpus.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut s, _) = Session::start_on(&corpus, &index);
    s.wait("the first results", |sc| {
        sc.contains(" Results ") && !searching(sc) && !sc.contains(" 0 of 0 ")
    });
    let mut refreshed = Vec::new();
    let mut echo = Vec::new();
    for round in 0..10 {
        let word = format!("quokka{}", "x".repeat(round));
        // A query no passage answers yet.
        for _ in 0..20 {
            s.send(&[0x7f]);
        }
        s.send(word.as_bytes());
        s.wait("the query", |sc| query_of(sc) == word && !searching(sc));
        std::thread::sleep(Duration::from_millis(300));
        let file = &files[(round * 37) % files.len().max(1)];
        let mut text = std::fs::read_to_string(file).unwrap();
        text.push_str(&format!(
            "\n\nA note on {word} added while the explorer is open.\n"
        ));
        let saved = Instant::now();
        std::fs::write(file, text).unwrap();
        // Typing meanwhile: a letter and its erasure, every 30 ms.
        let mut typed = 0;
        let found = loop {
            let key: &[u8] = if typed % 2 == 0 { b"z" } else { &[0x7f] };
            let expect = if typed % 2 == 0 {
                format!("{word}z")
            } else {
                word.clone()
            };
            let sent = s.send(key);
            let t = s.wait("the typed key", |sc| query_of(sc) == expect);
            echo.push((t - sent).as_secs_f64() * 1e3);
            typed += 1;
            let screen = s.shared.0.lock().unwrap().parser.screen().contents();
            if !screen.contains(" 0 of 0 ")
                && !searching(&screen)
                && screen.contains("quokka")
                && screen.lines().skip(3).any(|l| l.contains(&word))
            {
                break Instant::now();
            }
            assert!(
                saved.elapsed() < Duration::from_secs(60),
                "the edit never showed:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        };
        if typed % 2 == 1 {
            s.send(&[0x7f]);
        }
        refreshed.push((found - saved).as_secs_f64() * 1e3);
    }
    s.stop();
    let mb = common::corpus_bytes(&corpus) as f64 / 1e6;
    println!("\n## {size} ({mb:.1} MB): a file edited while the explorer is open\n");
    println!("| measure | runs | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| edit saved → results show it | {} |",
        common::spread(&mut refreshed)
    );
    println!(
        "| keystroke → echo frame, while the update runs | {} |",
        common::spread(&mut echo)
    );
}

fn main() {
    if std::env::var_os("EVIDENCE_BENCH_EDITS").is_some() {
        for size in common::sizes() {
            edits(&size);
        }
        return;
    }
    for size in common::sizes() {
        // Build the index with the binary itself, so this process stays small.
        let status = std::process::Command::new(EXE)
            .arg("--corpus")
            .arg(common::corpus_dir(&size))
            .arg("--index-dir")
            .arg(common::index_dir(&size))
            .arg("index")
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());

        let mut first_frame = Vec::new();
        let mut first_results = Vec::new();
        let mut echo = Vec::new();
        let mut results = Vec::new();
        let runs = 5;
        let trace = std::env::var_os("EVIDENCE_BENCH_TRACE").is_some();
        for run in 0..runs {
            let (mut s, started) = Session::start(&size);
            let t = s.wait("the search screen", |sc| sc.contains(" Results "));
            first_frame.push((t - started).as_secs_f64() * 1e3);
            let t = s.wait("the first results", |sc| {
                sc.contains(" Results ") && !searching(sc) && !sc.contains(" 0 of 0 ")
            });
            first_results.push((t - started).as_secs_f64() * 1e3);
            if run == 0 {
                continue; // the first session only warms the page cache
            }
            let word = common::TYPED;
            let mut steps: Vec<(Vec<u8>, String)> = (1..=word.len())
                .map(|n| (word.as_bytes()[n - 1..n].to_vec(), word[..n].to_string()))
                .collect();
            steps.extend(
                (0..word.len())
                    .rev()
                    .map(|n| (vec![0x7f], word[..n].to_string())),
            );
            for (key, expect) in steps {
                let sent = s.send(&key);
                let t_echo = s.wait("the typed query", |sc| query_of(sc) == expect);
                let t_done = s.wait("the query's results", |sc| {
                    query_of(sc) == expect && !searching(sc)
                });
                let (e, r) = (
                    (t_echo - sent).as_secs_f64() * 1e3,
                    (t_done - sent).as_secs_f64() * 1e3,
                );
                if trace {
                    eprintln!("{size} run {run} {expect:>14}: echo {e:7.1} ms, results {r:7.1} ms");
                }
                echo.push(e);
                results.push(r);
                // A pause between keys, as a person types.
                std::thread::sleep(Duration::from_millis(30));
            }
            s.stop();
        }
        let mb = common::corpus_bytes(&common::corpus_dir(&size)) as f64 / 1e6;
        println!("\n## {size} ({mb:.1} MB), terminal {COLS}×{ROWS}\n");
        println!("| measure | runs | p50 ms | p90 ms | p99 ms | max ms |");
        println!("|---|---|---|---|---|---|");
        println!(
            "| start → first frame | {} |",
            common::spread(&mut first_frame)
        );
        println!(
            "| start → first results | {} |",
            common::spread(&mut first_results)
        );
        println!("| keystroke → echo frame | {} |", common::spread(&mut echo));
        println!(
            "| keystroke → results frame | {} |",
            common::spread(&mut results)
        );
    }
}
