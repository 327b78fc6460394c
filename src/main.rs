//! The `evidence` binary: parses arguments, runs a subcommand (or the TUI), and
//! maps the outcome to an exit status: 0 found, 1 nothing found, 2 error.

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod tui;

use cli::{Cli, Outcome};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The import's child process: not a command a person types, so not one
    // of clap's (it would show in completions and the man page).
    if args
        .get(1)
        .is_some_and(|a| a == evidence::import::extract::MODE)
    {
        return extract_mode(&args[2..]);
    }
    // `--workspace ''` typed is a mistake to name; only the variable's empty
    // value means "not set".
    let typed_workspace = args
        .iter()
        .any(|a| a == "--workspace" || a.to_string_lossy().starts_with("--workspace="));
    // An empty EVIDENCE_CORPUS or EVIDENCE_INDEX_DIR is as if it were not
    // set (as a shell's `EVIDENCE_CORPUS= evidence …` means), not a folder
    // named "".
    let mut command = <Cli as clap::CommandFactory>::command();
    for (arg, var) in [
        ("corpus", "EVIDENCE_CORPUS"),
        ("index_dir", "EVIDENCE_INDEX_DIR"),
    ] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            command = command.mut_arg(arg, |a| a.env(None));
        }
    }
    let parsed = command
        .try_get_matches_from(cli::protect_exclusions(args))
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // An empty EVIDENCE_WORKSPACE is as if it were not set.
    cli.workspace = cli
        .workspace
        .take()
        .filter(|name| typed_workspace || !name.is_empty());
    let Some(command) = &cli.command else {
        if !io::stdout().is_terminal() {
            eprintln!(
                "evidence: stdout is not a terminal; use a subcommand such as `evidence search QUERY` (see `evidence --help`)"
            );
            return ExitCode::from(2);
        }
        if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
            eprintln!(
                "evidence: this terminal cannot draw the explorer (TERM=dumb); use a subcommand such as `evidence search QUERY` (see `evidence --help`)"
            );
            return ExitCode::from(2);
        }
        let launch = tui::Launch {
            corpus: cli.corpus.clone(),
            index_dir: cli.index_dir.clone(),
            repository: repository_index(),
            workspace: cli.workspace.clone(),
        };
        return match tui::run(&launch) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(io::stderr(), "evidence: {}", one_line(&e));
                ExitCode::from(2)
            }
        };
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(PipeSafe {
        inner: stdout.lock(),
        closed: false,
    });
    let result = cli::run(&cli, command, &mut out).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    cli::merge_pending();
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Problems) => ExitCode::from(2),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "evidence: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// `evidence __extract FORMAT INPUT OUTPUT`: reads one document for
/// `import`, in the child process it starts (see `evidence::import::extract`).
fn extract_mode(args: &[std::ffi::OsString]) -> ExitCode {
    let [format, input, output] = args else {
        eprintln!(
            "evidence: {} takes FORMAT INPUT OUTPUT",
            evidence::import::extract::MODE
        );
        return ExitCode::from(2);
    };
    let code = evidence::import::extract::serve(
        &format.to_string_lossy(),
        std::path::Path::new(input),
        std::path::Path::new(output),
        &mut io::stderr(),
    );
    ExitCode::from(code)
}

/// `./index/` when the program runs from its own repository: the index of
/// the bundled corpus is kept there, beside the source, rather than in the
/// cache folder (the README promises this). Decided here, at the binary's
/// edge, because it depends on the working directory.
fn repository_index() -> Option<std::path::PathBuf> {
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap_or_default();
    let here = manifest.contains("name = \"evidence\"")
        && std::path::Path::new("corpus/themes.toml").is_file()
        && std::path::Path::new("index").is_dir();
    here.then(|| std::path::PathBuf::from("index"))
}

/// Standard output that a reader closing the pipe early (`| head`) does not
/// stop: what is left to print is dropped, and the command ends as it would
/// have, with its own exit status, so that `evidence verify doc.md | head`
/// under `set -o pipefail` still fails when a quotation does.
struct PipeSafe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for PipeSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, without repeating a cause the message already includes.
fn one_line(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        // An I/O error as the library words it, so that it is not said twice.
        let c = match cause.downcast_ref::<io::Error>() {
            Some(io) => evidence::error::io_reason(io),
            None => cause.to_string(),
        };
        if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
    }
    text.replace('\n', " ")
}
