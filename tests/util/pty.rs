//! The `evidence` binary in a pseudo-terminal (portable-pty), its output read
//! back into a virtual screen (vt100), for tests of the explorer as a user
//! meets it: what is on screen, terminal modes, resizing and quitting.

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running explorer and the screen it has drawn so far.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is not zero")
}

impl Session {
    /// Starts the explorer in `dir`, in a `cols`×`rows` terminal, with
    /// `TERM=xterm-256color`, no `EVIDENCE_CORPUS`, and `env` set.
    pub fn start(dir: &Path, cols: u16, rows: u16, env: &[(&str, &OsStr)]) -> Session {
        Session::start_with(dir, cols, rows, &[], env)
    }

    /// As [`Session::start`], running `evidence` with `args`.
    pub fn start_with(
        dir: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &OsStr)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_evidence"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("EVIDENCE_CORPUS");
        cmd.env_remove("EVIDENCE_WORKSPACE");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("start the explorer");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("read the terminal");
        let writer = pty.master.take_writer().expect("write to the terminal");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("the screen").process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            master: pty.master,
        }
    }

    /// Types `text` (raw bytes: `\r` is Enter, `\t` Tab, `\x1b` Escape).
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("type");
        self.writer.flush().expect("type");
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Something about the screen: its text, or a terminal mode it is in.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("the screen").screen())
    }

    /// Resizes the terminal (and the virtual screen with it).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .expect("the screen")
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize");
    }

    /// Waits up to 20 s until `pred` holds for the screen's text; the
    /// screen on timeout.
    pub fn wait_until(&self, pred: impl Fn(&str) -> bool) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return Ok(screen);
            }
            if start.elapsed() > Duration::from_secs(20) {
                return Err(screen);
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `text` is on screen; fails the test with the screen if it
    /// never is.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|screen| screen.contains(text))
            .unwrap_or_else(|screen| panic!("never saw {text:?}; screen:\n{screen}"))
    }

    /// Waits up to 10 s for the explorer to exit: whether it succeeded, or
    /// the screen if it did not exit (it is then killed).
    pub fn wait_exit(&mut self) -> Result<bool, String> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the explorer's status") {
                return Ok(status.success());
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                return Err(format!("did not quit; screen:\n{}", self.screen()));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
