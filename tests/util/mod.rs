//! A small helper for running the `evidence` binary in tests, after ripgrep's
//! `tests/util.rs`: a temporary working folder to put files in, and a command
//! that runs the built binary there with a clean environment (no
//! `EVIDENCE_CORPUS`, no `NO_COLOR`, no history recorded, stdin closed), returning its exit code and
//! output. Every run also checks that the binary did not panic.
#![allow(dead_code)]

pub mod docs;
pub mod pty;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary folder that is the working directory of the commands run in it.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A new, empty temporary folder.
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the folder.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Writes a file (creating its parent folders) and returns its path.
    pub fn create(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent folders");
        }
        fs::write(&path, contents).expect("write a test file");
        path
    }

    /// Reads a file inside the folder as text.
    pub fn read(&self, rel: impl AsRef<Path>) -> String {
        fs::read_to_string(self.join(rel)).expect("read a test file")
    }

    /// The `evidence` command with `args`, to run in this folder with a clean
    /// environment; adjust it (e.g. `.env(...)`) before passing it to [`run`].
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_evidence"));
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("EVIDENCE_CORPUS")
            .env_remove("EVIDENCE_WORKSPACE")
            .env_remove("NO_COLOR")
            // Searches are not recorded in the history, which would
            // otherwise be the real data folder's for tests that do not
            // set one; tests of the history remove this.
            .env("EVIDENCE_NO_HISTORY", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `evidence` with `args` in this folder.
    pub fn run(&self, args: &[&str]) -> Output {
        run(&mut self.command(args))
    }

    /// Runs `evidence` with `args` in this folder, its data folder (the
    /// workspaces and their baskets) in `data` and its index in `index`
    /// here rather than the user's.
    pub fn run_in_data(&self, args: &[&str]) -> Output {
        run(self
            .command(args)
            .env("EVIDENCE_DATA_DIR", self.join("data"))
            .env("EVIDENCE_INDEX_DIR", self.join("index")))
    }
}

/// What a finished run produced.
#[derive(Debug)]
pub struct Output {
    /// The exit code (a test fails if the process was killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts success (exit 0).
    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.code(0)
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs a command to completion, capturing its output, and asserts that it
/// neither panicked nor was killed by a signal.
#[track_caller]
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run the evidence binary");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_no_panic(&stderr);
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal ({:?}); stderr:\n{stderr}", out.status));
    Output {
        code,
        stdout,
        stderr,
    }
}

/// Asserts that a run's stderr shows no panic.
#[track_caller]
pub fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
}

/// The keys of a JSON object (panics on anything else).
pub fn keys(v: &serde_json::Value) -> std::collections::BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// A set of key names, to compare with [`keys`].
pub fn set<'a>(items: &[&'a str]) -> std::collections::BTreeSet<&'a str> {
    items.iter().copied().collect()
}

/// Copies a folder and everything in it.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}
