//! Reading one document, in a child process with limits. The parent runs
//! the program again as `evidence __extract FORMAT INPUT OUTPUT` (a hidden
//! mode), waits at most the time limit, and reads the [`Document`] the child
//! wrote to OUTPUT as JSON. The child first lowers its own memory limit (and
//! a CPU-time limit as a backstop) with `setrlimit`, so a parser that
//! allocates without end fails inside the child. A child that is killed,
//! crashes, overflows its stack or runs out of memory is that file's error,
//! said in one sentence; the parent is never harmed.

use super::{Document, Format};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The hidden subcommand that runs an extraction.
pub const MODE: &str = "__extract";

/// How long one document may take, and how much memory its reading may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub time: Duration,
    /// Bytes of address space.
    pub memory: u64,
}

impl Default for Limits {
    /// Two minutes (a 500-page PDF takes a few seconds) and 2 GiB.
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(120),
            memory: 2 << 30,
        }
    }
}

impl Limits {
    /// The limits, with `EVIDENCE_IMPORT_TIMEOUT` (seconds) and
    /// `EVIDENCE_IMPORT_MEMORY` (megabytes) in place of the defaults where
    /// they are set to a number.
    pub fn from_env() -> Self {
        let mut limits = Limits::default();
        let number = |key: &str| {
            std::env::var(key)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|n| *n > 0.0 && n.is_finite())
        };
        if let Some(s) = number("EVIDENCE_IMPORT_TIMEOUT") {
            limits.time = Duration::from_secs_f64(s);
        }
        if let Some(mb) = number("EVIDENCE_IMPORT_MEMORY") {
            limits.memory = (mb * 1024.0 * 1024.0) as u64;
        }
        limits
    }
}

/// Where documents are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extractor {
    /// In a child process: this program's binary, run in its extraction mode.
    Child(PathBuf),
    /// In this process, with panics caught (tests of the readers; no limits).
    InProcess,
}

/// What a child writes to its output file.
#[derive(Debug, Serialize, Deserialize)]
enum Answer {
    Read(Document),
    Refused(String),
}

/// Reads a document in this process: the format's reader, with a panic
/// caught and said as the file's error.
pub fn read_document(format: Format, bytes: &[u8]) -> Result<Document, String> {
    read_document_with(format, bytes, &mut |_, _| {})
}

/// [`read_document`], telling `on_page` of each page read (a PDF's).
pub fn read_document_with(
    format: Format,
    bytes: &[u8],
    on_page: &mut dyn FnMut(u32, u32),
) -> Result<Document, String> {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match format {
        Format::Pdf => super::pdf::read(bytes, on_page),
        Format::Docx => super::docx::read(bytes),
        Format::Html => super::html::read(bytes),
        Format::Markdown => Err("markdown is read by the corpus, not extracted".to_string()),
    }));
    read.unwrap_or_else(|_| Err(crashed(format)))
}

/// How a child tells its parent how far it has read, on its stderr: this,
/// then the page and the number of pages.
const PROGRESS: &str = "\u{1e}evidence-progress ";

/// A web page read by the plain rules alone, without Readability: what
/// `examples/measure-import.rs` weighs Readability against.
#[doc(hidden)]
pub fn read_page_without_readability(bytes: &[u8]) -> Result<Document, String> {
    super::html::read_with(bytes, false)
}

fn crashed(format: Format) -> String {
    format!(
        "the {} reader failed on it: the file is damaged, or written in a way it does not know",
        reader_name(format)
    )
}

fn reader_name(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF",
        Format::Docx => "Word",
        Format::Html => "web page",
        Format::Markdown => "markdown",
    }
}

impl Extractor {
    /// Reads the document at `path` as `format`: a document, or why not in
    /// one sentence. `on_page` hears of each page read (a PDF's).
    pub fn extract(
        &self,
        format: Format,
        path: &Path,
        limits: &Limits,
        on_page: &(dyn Fn(u32, u32) + Sync),
    ) -> Result<Document, String> {
        match self {
            Extractor::InProcess => {
                let bytes = std::fs::read(path).map_err(|e| crate::error::io_reason(&e))?;
                read_document_with(format, &bytes, &mut |n, of| on_page(n, of))
            }
            Extractor::Child(program) => in_child(program, format, path, limits, on_page),
        }
    }
}

fn in_child(
    program: &Path,
    format: Format,
    path: &Path,
    limits: &Limits,
    on_page: &(dyn Fn(u32, u32) + Sync),
) -> Result<Document, String> {
    let dir = Scratch::new()?;
    let output = dir.0.join("document.json");
    let mut child = Command::new(program)
        .arg(MODE)
        .arg(format.as_str())
        .arg(path)
        .arg(&output)
        .env("EVIDENCE_EXTRACT_MEMORY", limits.memory.to_string())
        .env(
            "EVIDENCE_EXTRACT_CPU",
            (limits.time.as_secs() + 1).to_string(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the reader: {}", crate::error::io_reason(&e)))?;
    // The child's stderr (its progress, a panic message, an allocator's
    // last words) is read on the side, so that it cannot block; at most 64
    // KB of what is not progress is kept.
    let stderr = child.stderr.take();
    std::thread::scope(|scope| {
        let said = scope.spawn(move || {
            use std::io::BufRead;
            let mut kept = String::new();
            let Some(s) = stderr else { return kept };
            for line in std::io::BufReader::new(s)
                .split(b'\n')
                .map_while(Result::ok)
            {
                let line = String::from_utf8_lossy(&line);
                if let Some(rest) = line.strip_prefix(PROGRESS) {
                    let mut nums = rest.split(' ').filter_map(|n| n.trim().parse::<u32>().ok());
                    if let (Some(n), Some(of)) = (nums.next(), nums.next()) {
                        on_page(n, of);
                    }
                } else if kept.len() < 64 * 1024 {
                    kept.push_str(&line);
                    kept.push('\n');
                }
            }
            kept
        });
        wait(child, said, format, limits, &output)
    })
}

/// Waits for a child, at most the time limit, and reads its answer.
fn wait(
    mut child: std::process::Child,
    said: std::thread::ScopedJoinHandle<'_, String>,
    format: Format,
    limits: &Limits,
    output: &Path,
) -> Result<Document, String> {
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > limits.time => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let said = said.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(too_long(limits));
    };
    if status.success()
        && let Ok(bytes) = std::fs::read(output)
    {
        return match serde_json::from_slice::<Answer>(&bytes) {
            Ok(Answer::Read(doc)) => Ok(doc),
            Ok(Answer::Refused(why)) => Err(why),
            Err(_) => Err(crashed(format)),
        };
    }
    Err(death(format, &status, &said, limits))
}

/// A private folder for a child's answer, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self, String> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("evidence-extract-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| {
            format!(
                "{}: cannot make a folder for the reader: {}",
                dir.display(),
                crate::error::io_reason(&e)
            )
        })?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn too_long(limits: &Limits) -> String {
    let secs = (limits.time.as_secs_f64() * 100.0).round() / 100.0;
    format!(
        "reading it took longer than {secs} s, the limit (EVIDENCE_IMPORT_TIMEOUT sets another)"
    )
}

/// Why a child died, in words.
fn death(format: Format, status: &std::process::ExitStatus, said: &str, limits: &Limits) -> String {
    let memory = || {
        format!(
            "reading it needed more than {} MB of memory, the limit (EVIDENCE_IMPORT_MEMORY sets another)",
            limits.memory >> 20
        )
    };
    if said.contains("memory allocation of") || said.contains("out of memory") {
        return memory();
    }
    if said.contains("overflowed its stack") {
        return format!(
            "the {} reader ran out of stack on it: the file is damaged, or nested deeper than it can follow",
            reader_name(format)
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            // SIGXCPU, SIGKILL: the CPU-time backstop.
            Some(24 | 9) => return too_long(limits),
            Some(11 | 7) => {
                return format!(
                    "the {} reader crashed on it: the file is damaged, or nested deeper than it can follow",
                    reader_name(format)
                );
            }
            Some(6) => return memory(),
            _ => {}
        }
    }
    crashed(format)
}

/// The extraction mode, in the child: lowers its limits, reads `input` as
/// `format`, tells `progress` (the child's stderr, which the parent reads)
/// how far it has got, and writes the answer to `output`. Returns the exit
/// status.
pub fn serve(format: &str, input: &Path, output: &Path, progress: &mut dyn std::io::Write) -> u8 {
    let number = |key: &str| std::env::var(key).ok().and_then(|v| v.parse::<u64>().ok());
    #[cfg(unix)]
    {
        if let Some(bytes) = number("EVIDENCE_EXTRACT_MEMORY") {
            let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
        }
        if let Some(secs) = number("EVIDENCE_EXTRACT_CPU") {
            let _ = rlimit::setrlimit(rlimit::Resource::CPU, secs, secs + 1);
        }
    }
    // A panic is the file's error, said by the parent; the message is not
    // needed on stderr, which the parent reads only for why a child died.
    std::panic::set_hook(Box::new(|_| {}));
    let answer = match Format::parse(format) {
        None => Answer::Refused(format!("unknown format `{format}`")),
        Some(format) => match std::fs::read(input) {
            Ok(bytes) => match read_document_with(format, &bytes, &mut |n, of| {
                // Every tenth page, and the last: enough for a bar.
                if n % 10 == 0 || n == of {
                    let _ = writeln!(progress, "{PROGRESS}{n} {of}");
                    let _ = progress.flush();
                }
            }) {
                Ok(doc) => Answer::Read(doc),
                Err(why) => Answer::Refused(why),
            },
            Err(e) => Answer::Refused(crate::error::io_reason(&e)),
        },
    };
    match serde_json::to_vec(&answer) {
        Ok(bytes) if std::fs::write(output, &bytes).is_ok() => 0,
        _ => 1,
    }
}
