//! A catalogue of bad input, run through the real binary: broken corpus files
//! (malformed front matter, invalid UTF-8, empty, binary, a 10 MB line, 5,000
//! levels of nesting, symlink loops, unreadable files, duplicate ids, unknown
//! themes, a folder named like a file), odd queries (stray quotes and brackets,
//! lone operators, unknown fields, 10,000 characters, control characters,
//! emoji, right-to-left text, only exclusions), wrong flags, awkward export
//! targets (missing and read-only folders, `/dev/full`, an existing file,
//! spaces and accents, stdout), the basket from the command line (unknown
//! and retired ids, notes `clear` would lose, an unreadable basket file, an
//! empty basket to export), history and saved searches (an unknown saved
//! name, unreadable files, `--clear` off a terminal), a damaged index folder, documents to import
//! (encrypted, scanned, cut short, looping, misnamed, all script, nested
//! 200,000 deep, over the time or memory limit, changed since imported),
//! documents and other tools' front matter in a corpus folder, and the
//! explorer started without a terminal or in a terminal that is too small.
//!
//! Each row of the table names its setup (files created in a fresh working
//! folder), its arguments, the exit statuses it accepts and fragments its
//! output must hold. Every row also checks what a user would never want to
//! see: a panic, more than a few lines on stderr, or a temporary file left
//! behind. Runs get a private working folder, data folder, HOME and cache,
//! `NO_COLOR=1` and a closed stdin; rows that damage the index or read
//! another corpus get their own index folder, the others share an index of
//! the bundled corpus kept in Cargo's temporary folder for tests (reused by
//! later runs). Rows about permissions are
//! skipped (and say so) when the tests run as a user who can read a `chmod
//! 000` file, such as root. Rows that once showed a bug in the program are
//! tests of their own after the table; each passes since its fix. With
//! `--nocapture` the main test prints a compact table of what each row did.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use util::copy_tree;
use util::docs;

/// At most this many lines on stderr (clap's usage errors take seven).
const MAX_STDERR_LINES: usize = 8;
/// A row that takes longer than this has hung.
const ROW_TIMEOUT: Duration = Duration::from_secs(60);

const THEMES: &str =
    "[[theme]]\nid = \"fruit\"\nlabel = \"Fruit\"\ndescription = \"Fruit and orchards.\"\n";
const GOOD: &str = "+++\nid = \"good\"\ntitle = \"Good report\"\nthemes = [\"fruit\"]\n+++\n\
                    Apples grow in orchards across Kent. <!-- #1 fruit -->\n";

// ---------------------------------------------------------------------------
// Running the binary

/// What one run of the binary produced.
#[derive(Debug)]
struct Out {
    /// `None` when the process was killed by a signal or timed out.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
    timed_out: bool,
}

impl Out {
    fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_str(&self.stdout).map_err(|e| format!("stdout is not JSON ({e})"))
    }
}

/// Runs a command with piped output, killing it after `limit`.
fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Out {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the evidence binary");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    Out {
        code: if timed_out { None } else { status.code() },
        stdout,
        stderr,
        took: started.elapsed(),
        timed_out,
    }
}

/// The `evidence` command for a row: run in `dir` with a private environment.
fn command(dir: &Path, index_dir: &Path, args: &[OsString]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evidence"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("EVIDENCE_CORPUS")
        .env_remove("EVIDENCE_WORKSPACE")
        .env("EVIDENCE_INDEX_DIR", index_dir)
        .env("EVIDENCE_DATA_DIR", dir.join("data"))
        .env("HOME", dir.join("home"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("share"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// An index of the bundled corpus shared by the rows that only read it (kept
/// in Cargo's temporary folder for tests, so later runs reuse it), and the
/// total of a search for `buddying` in it.
struct Shared {
    index: PathBuf,
    buddying_total: u64,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad_input");
        fs::create_dir_all(&base).unwrap();
        let index = base.join("index");
        let args: Vec<OsString> = ["search", "buddying", "--json", "--limit", "1"]
            .iter()
            .map(OsString::from)
            .collect();
        let tmp = tempfile::tempdir().unwrap();
        let out = run_with_timeout(&mut command(tmp.path(), &index, &args), ROW_TIMEOUT);
        assert_eq!(out.code, Some(0), "building the shared index: {out:?}");
        let total = out.json().unwrap()["total"].as_u64().unwrap();
        assert!(total > 0);
        Shared {
            index,
            buddying_total: total,
        }
    })
}

/// True when this user can read a file with mode 000 (root can), so
/// permission rows cannot show anything.
fn permissions_ignored() -> bool {
    static IGNORED: OnceLock<bool> = OnceLock::new();
    *IGNORED.get_or_init(|| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let tmp = tempfile::tempdir().unwrap();
            let probe = tmp.path().join("probe");
            fs::write(&probe, "x").unwrap();
            fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
            let readable = fs::read(&probe).is_ok();
            fs::set_permissions(&probe, fs::Permissions::from_mode(0o644)).unwrap();
            readable
        }
        #[cfg(not(unix))]
        {
            true
        }
    })
}

// ---------------------------------------------------------------------------
// The table

/// Something a row's output must show.
#[derive(Debug, Clone)]
enum Want {
    /// stderr contains this.
    Stderr(&'static str),
    /// stdout contains this.
    Stdout(&'static str),
    /// stderr does not contain this.
    NotStderr(&'static str),
    /// stderr has exactly this many lines.
    StderrLines(usize),
    /// stdout is JSON and one of its `notes` contains this.
    Note(&'static str),
}

type Setup = fn(&Path);
type Extra = fn(&Path, &Out) -> Result<(), String>;

/// One row of the catalogue.
struct Row {
    name: &'static str,
    setup: Setup,
    args: Vec<OsString>,
    /// Exit statuses accepted.
    codes: &'static [i32],
    wants: Vec<Want>,
    /// A further check of the folder or output.
    extra: Option<Extra>,
    /// Use `idx/` in the row's folder rather than the shared index.
    own_index: bool,
    /// The row is about file permissions (its specific checks are skipped
    /// when permissions are not enforced).
    permissions: bool,
    /// How long the run may take.
    limit: Duration,
    /// Environment variables set for the run.
    envs: Vec<(&'static str, &'static str)>,
}

fn row(name: &'static str, args: &[&str]) -> Row {
    Row {
        name,
        setup: |_| {},
        args: args.iter().map(OsString::from).collect(),
        codes: &[0],
        wants: Vec::new(),
        extra: None,
        own_index: args.contains(&"--corpus"),
        permissions: false,
        limit: ROW_TIMEOUT,
        envs: Vec::new(),
    }
}

impl Row {
    fn setup(mut self, setup: Setup) -> Self {
        self.setup = setup;
        self
    }
    fn args_os(mut self, args: Vec<OsString>) -> Self {
        self.args = args;
        self
    }
    fn codes(mut self, codes: &'static [i32]) -> Self {
        self.codes = codes;
        self
    }
    fn want(mut self, w: Want) -> Self {
        self.wants.push(w);
        self
    }
    fn stderr(self, s: &'static str) -> Self {
        self.want(Want::Stderr(s))
    }
    fn stdout(self, s: &'static str) -> Self {
        self.want(Want::Stdout(s))
    }
    fn note(self, s: &'static str) -> Self {
        self.want(Want::Note(s))
    }
    fn lines(self, n: usize) -> Self {
        self.want(Want::StderrLines(n))
    }
    fn extra(mut self, f: Extra) -> Self {
        self.extra = Some(f);
        self
    }
    fn own_index(mut self) -> Self {
        self.own_index = true;
        self
    }
    fn permissions(mut self) -> Self {
        self.permissions = true;
        self
    }
    fn env(mut self, key: &'static str, value: &'static str) -> Self {
        self.envs.push((key, value));
        self
    }
    fn within(mut self, limit: Duration) -> Self {
        self.limit = limit;
        self
    }
}

/// What happened to one row, for the summary table.
struct Report {
    name: &'static str,
    args: String,
    codes: &'static [i32],
    code: Option<i32>,
    took: Duration,
    note: &'static str,
    failures: Vec<String>,
}

/// Runs one row in a fresh folder and checks everything it promises.
fn run_row(row: &Row) -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    (row.setup)(dir);
    let index = if row.own_index {
        dir.join("idx")
    } else {
        shared().index.clone()
    };
    let mut cmd = command(dir, &index, &row.args);
    cmd.envs(row.envs.iter().copied());
    let out = run_with_timeout(&mut cmd, row.limit);
    let mut failures = Vec::new();
    let skip = row.permissions && permissions_ignored();

    // What every row checks.
    if out.timed_out {
        failures.push(format!("did not finish within {:?}", row.limit));
    }
    if out.stderr.contains("panicked") {
        failures.push("panicked".to_string());
    }
    let lines = out.stderr.lines().count();
    if lines > MAX_STDERR_LINES {
        failures.push(format!("{lines} lines on stderr"));
    }
    let tmp_files = temporary_files(dir);
    if !tmp_files.is_empty() {
        failures.push(format!("temporary files left behind: {tmp_files:?}"));
    }
    if out.code.is_none() && !out.timed_out {
        failures.push("killed by a signal".to_string());
    }

    // What this row checks.
    if !skip {
        match out.code {
            Some(c) if row.codes.contains(&c) => {}
            other => failures.push(format!("exit {other:?}, expected one of {:?}", row.codes)),
        }
        for want in &row.wants {
            if let Err(e) = check_want(want, &out) {
                failures.push(e);
            }
        }
        if let Some(extra) = row.extra
            && let Err(e) = extra(dir, &out)
        {
            failures.push(e);
        }
    }
    if !failures.is_empty() {
        failures.push(format!(
            "--- stdout (first 600 bytes)\n{}\n--- stderr\n{}",
            head(&out.stdout, 600),
            head(&out.stderr, 2000)
        ));
    }
    restore_permissions(dir);
    Report {
        name: row.name,
        args: row
            .args
            .iter()
            .map(|a| {
                let shown: String = a
                    .to_string_lossy()
                    .chars()
                    .map(|c| if c.is_control() { '·' } else { c })
                    .collect();
                head(&shown, 24)
            })
            .collect::<Vec<_>>()
            .join(" "),
        codes: row.codes,
        code: out.code,
        took: out.took,
        note: if skip { "skipped: permissions" } else { "" },
        failures,
    }
}

fn check_want(want: &Want, out: &Out) -> Result<(), String> {
    let ok = match want {
        Want::Stderr(s) => out.stderr.contains(s),
        Want::Stdout(s) => out.stdout.contains(s),
        Want::NotStderr(s) => !out.stderr.contains(s),
        Want::StderrLines(n) => out.stderr.lines().count() == *n,
        Want::Note(s) => {
            let json = out.json()?;
            let notes = json["notes"]
                .as_array()
                .ok_or("no `notes` array in the JSON")?;
            notes
                .iter()
                .any(|n| n.as_str().is_some_and(|n| n.contains(s)))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("expected {want:?}"))
    }
}

/// The first `n` bytes of a string (at a character boundary).
fn head(s: &str, n: usize) -> String {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if end < s.len() {
        format!("{}…", &s[..end])
    } else {
        s.to_string()
    }
}

/// Every entry under `dir` whose name marks it as a temporary file.
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains(".tmp") {
                found.push(entry.path());
            }
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    found
}

/// Gives back write and read permission everywhere under `dir`, so the
/// folder can be removed.
fn restore_permissions(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let _ = fs::set_permissions(&d, fs::Permissions::from_mode(0o755));
            for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
                let Ok(t) = entry.file_type() else { continue };
                if t.is_dir() {
                    stack.push(entry.path());
                } else if t.is_file() {
                    let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o644));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Setups

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

/// A small good corpus in `c/`: a themes file and one report.
fn corpus(dir: &Path) {
    write(dir, "c/themes.toml", THEMES);
    write(dir, "c/good.md", GOOD);
}

fn bad_front_matter(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/bad.md",
        "+++\nid = \"bad\"\ntitle = \n+++\nPears ripen slowly.\n",
    );
}

fn unclosed_front_matter(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/open.md",
        "+++\nid = \"open\"\ntitle = \"Open\"\nPears ripen slowly.\n",
    );
}

fn invalid_utf8(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/latin1.md",
        b"First paragraph is fine.\n\nCaf\xe9 au lait \xff\xfe.\n".as_slice(),
    );
}

fn empty_file(dir: &Path) {
    corpus(dir);
    write(dir, "c/empty.md", "");
}

fn binary_file(dir: &Path) {
    corpus(dir);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    write(dir, "c/image.md", bytes);
}

fn ten_mb_line(dir: &Path) {
    corpus(dir);
    let mut text = String::with_capacity(10_000_100);
    text.push_str("# Long\n\n");
    while text.len() < 10_000_000 {
        text.push_str("orchard ");
    }
    text.push('\n');
    write(dir, "c/long.md", text);
}

fn deep_quotes(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/quotes.md",
        format!("# Quotes\n\n{} deep quotation\n", ">".repeat(5000)),
    );
}

fn deep_list(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/list.md",
        format!("# List\n\n{}deep item\n", "- ".repeat(5000)),
    );
}

/// 40,000 one-line paragraphs (430 KB): each passage's line number must not
/// be counted from the start of the file again.
fn many_paragraphs(dir: &Path) {
    corpus(dir);
    let text: String = (0..40_000).map(|i| format!("word{i}\n\n")).collect();
    write(dir, "c/many.md", text);
}

/// 5,000 list items, each nested in the one before by indentation (25 MB).
fn deep_indented_list(dir: &Path) {
    corpus(dir);
    let mut text = String::from("# Indented\n\n");
    for i in 0..5000 {
        text.push_str(&"  ".repeat(i));
        text.push_str("- item\n");
    }
    write(dir, "c/indented.md", text);
}

fn symlink_loop(dir: &Path) {
    corpus(dir);
    #[cfg(unix)]
    {
        // A folder linked to itself, and a file linked to itself.
        std::os::unix::fs::symlink(".", dir.join("c/again")).unwrap();
        std::os::unix::fs::symlink("self.md", dir.join("c/self.md")).unwrap();
    }
}

fn unreadable(dir: &Path) {
    corpus(dir);
    let path = write(dir, "c/secret.md", "# Secret\n\nHidden words.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
    }
}

fn duplicate_id(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/twin.md",
        "+++\nid = \"good\"\ntitle = \"Twin\"\n+++\nPears ripen slowly.\n",
    );
}

fn unknown_theme(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/veg.md",
        "+++\nid = \"veg\"\ntitle = \"Veg\"\n+++\nLeeks and onions. <!-- #1 vegetables -->\n",
    );
}

fn folder_named_like_a_file(dir: &Path) {
    corpus(dir);
    fs::create_dir_all(dir.join("c/x.md")).unwrap();
}

fn existing_export(dir: &Path) {
    write(dir, "out/notes.md", "my old notes\n");
}

/// A basket of the bundled corpus with one excerpt, which has a note.
fn basket_with_a_note(dir: &Path) {
    let corpus = evidence::corpus::Corpus::bundled();
    let (r, p) = corpus.passage("big-med/1").unwrap();
    let mut basket = evidence::basket::Basket::new();
    basket.add(evidence::basket::Excerpt::new(r, p, "2026-01-02"), "");
    basket.set_note(0, "keep this");
    basket
        .save(&dir.join("data/workspaces/bundled/basket.json"))
        .unwrap();
}

fn basket_is_empty(dir: &Path, _: &Out) -> Result<(), String> {
    match evidence::basket::Basket::count(&dir.join("data/workspaces/bundled/basket.json")) {
        Ok(0) => Ok(()),
        other => Err(format!("the basket changed: {other:?}")),
    }
}

fn basket_still_has_its_note(dir: &Path, _: &Out) -> Result<(), String> {
    let loaded = evidence::basket::Basket::load(&dir.join("data/workspaces/bundled/basket.json"))
        .map_err(|e| e.to_string())?;
    if loaded.basket.notes() == 1 {
        Ok(())
    } else {
        Err("the note was lost".to_string())
    }
}

fn existing_bibliography(dir: &Path) {
    write(dir, "out/notes.json", "[]\n");
}

fn out_folder(dir: &Path) {
    fs::create_dir_all(dir.join("out")).unwrap();
}

fn read_only_folder(dir: &Path) {
    fs::create_dir_all(dir.join("ro")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.join("ro"), fs::Permissions::from_mode(0o555)).unwrap();
    }
}

fn a_plain_file(dir: &Path) {
    write(dir, "notes.txt", "not a folder\n");
}

/// A copy of the shared index in `idx/`, to damage.
fn copy_index(dir: &Path) -> PathBuf {
    let from = &shared().index;
    let to = dir.join("idx");
    copy_tree(from, &to);
    to
}

fn current_generation(index: &Path) -> PathBuf {
    let name = fs::read_to_string(index.join("CURRENT")).unwrap();
    index.join(name.trim())
}

/// The tantivy files of a generation, largest first.
fn index_files(gen_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = fs::read_dir(gen_dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && !name.ends_with(".json") && !name.ends_with(".lock")
        })
        .map(|e| (e.metadata().unwrap().len(), e.path()))
        .collect();
    files.sort();
    files.reverse();
    files.into_iter().map(|(_, p)| p).collect()
}

fn truncated_index(dir: &Path) {
    let idx = copy_index(dir);
    let victim = index_files(&current_generation(&idx)).remove(0);
    let len = fs::metadata(&victim).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&victim)
        .unwrap()
        .set_len(len / 3)
        .unwrap();
}

fn current_names_a_missing_generation(dir: &Path) {
    let idx = copy_index(dir);
    fs::write(idx.join("CURRENT"), "gen-999\n").unwrap();
}

fn current_is_garbage(dir: &Path) {
    let idx = copy_index(dir);
    fs::write(idx.join("CURRENT"), b"\xff\xfe\x00gen-\n../../etc\n").unwrap();
}

fn current_points_outside(dir: &Path) {
    let idx = copy_index(dir);
    fs::write(idx.join("CURRENT"), "../../../../etc\n").unwrap();
}

fn manifest_emptied(dir: &Path) {
    let idx = copy_index(dir);
    fs::write(current_generation(&idx).join("manifest.json"), "").unwrap();
}

fn index_dir_is_a_file(dir: &Path) {
    write(dir, "idx", "this is a file, not a folder\n");
}

fn flipped_index_bytes(dir: &Path) {
    let idx = copy_index(dir);
    for victim in index_files(&current_generation(&idx)) {
        let mut bytes = fs::read(&victim).unwrap();
        let at = bytes.len() / 2;
        for b in bytes.iter_mut().skip(at).take(8) {
            *b ^= 0xff;
        }
        fs::write(&victim, bytes).unwrap();
    }
}

// Documents to import, each beside a good one (`notes.md`), into `c`.

const NOTES: &str = "# Orchard notes\n\nPears ripen slowly in Kent.\n";

fn import_setup(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    corpus(dir);
    write(dir, "notes.md", NOTES);
    write(dir, name, bytes);
}

fn one_page_pdf() -> Vec<u8> {
    docs::pdf(
        &[docs::text("Apples and pears grow in the orchards of Kent.")],
        &docs::Layout::default(),
    )
}

fn encrypted_pdf(dir: &Path) {
    let layout = docs::Layout {
        encrypted: true,
        ..docs::Layout::default()
    };
    import_setup(
        dir,
        "doc.pdf",
        docs::pdf(&[docs::text("Secret words.")], &layout),
    );
}

fn scanned_pdf(dir: &Path) {
    import_setup(dir, "doc.pdf", docs::scanned_pdf(3));
}

fn truncated_pdf(dir: &Path) {
    let bytes = one_page_pdf();
    import_setup(dir, "doc.pdf", &bytes[..bytes.len() / 2]);
}

fn truncated_docx(dir: &Path) {
    let bytes = docs::docx(&[docs::DocxPart::Para("Words.".into())], None, None, None);
    import_setup(dir, "doc.docx", &bytes[..bytes.len() / 2]);
}

fn pdf_named_docx(dir: &Path) {
    import_setup(dir, "doc.docx", one_page_pdf());
}

fn text_named_pdf(dir: &Path) {
    import_setup(dir, "doc.pdf", "Just some text, not a PDF at all.\n");
}

fn utf16_without_mark(dir: &Path) {
    let bytes: Vec<u8> = "Minutes of the board.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    import_setup(dir, "doc.txt", bytes);
}

fn utf16_mark_then_odd_bytes(dir: &Path) {
    // A UTF-16 mark, then half a character and a lone low surrogate.
    import_setup(dir, "doc.txt", b"\xff\xfeM\x00\x00\xdc\x01");
}

fn text_then_control_bytes(dir: &Path) {
    let mut bytes = b"Minutes of the board, ".repeat(60);
    bytes
        .extend_from_slice(b"\xe9\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14");
    import_setup(dir, "doc.txt", bytes);
}

fn pdf_named_md(dir: &Path) {
    import_setup(dir, "doc.md", one_page_pdf());
}

fn zip_named_docx(dir: &Path) {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"not a document").unwrap();
    import_setup(dir, "doc.docx", zip.finish().unwrap().into_inner());
}

fn old_word_file(dir: &Path) {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0u8, 2000));
    import_setup(dir, "doc.docx", bytes);
}

fn script_page(dir: &Path) {
    import_setup(
        dir,
        "doc.html",
        "<!DOCTYPE html><html><head><title>App</title><script src=\"app.js\"></script></head>\
         <body><div id=\"root\"></div><noscript>You need to enable JavaScript to run this app.</noscript>\
         <script>document.getElementById('root').innerHTML = '<p>Loaded later</p>';</script></body></html>",
    );
}

fn deep_page(dir: &Path) {
    let depth = 200_000;
    let mut html = String::from("<!DOCTYPE html><html><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str("Deep words about orchards.");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    import_setup(dir, "doc.html", html);
}

fn looping_pdf(dir: &Path) {
    // A page tree whose Pages node is its own kid.
    let text = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
        2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n\
        trailer << /Root 1 0 R /Size 3 >>\n%%EOF\n";
    import_setup(dir, "doc.pdf", text);
}

fn long_pdf(dir: &Path) {
    let layout = docs::Layout::default();
    import_setup(dir, "doc.pdf", docs::pdf(&docs::prose(900), &layout));
}

fn empty_pdf(dir: &Path) {
    import_setup(dir, "doc.pdf", "");
}

fn pdf_without_extension(dir: &Path) {
    import_setup(dir, "doc", one_page_pdf());
}

fn spreadsheet(dir: &Path) {
    import_setup(dir, "doc.xlsx", "PK\x03\x04 not really");
}

fn changed_source(dir: &Path) {
    import_setup(dir, "doc.md", "# Doc\n\nFirst version.\n");
    let imported = "+++\nid = \"doc\"\ntitle = \"Doc\"\nkind = \"document\"\nsource_file = \"doc.md\"\n\
        source_hash = \"blake3:0000000000000000000000000000000000000000000000000000000000000000\"\n+++\n\
        First version. <!-- #1 -->\n";
    write(dir, "c/doc.md", imported);
}

/// The report imported from `doc.md`, its front matter broken by a hand
/// edit (a key written twice), and the source changed since.
fn imported_report_broken(dir: &Path) {
    changed_source(dir);
    let text = std::fs::read_to_string(dir.join("c/doc.md")).unwrap();
    write(
        dir,
        "c/doc.md",
        text.replace("title = \"Doc\"\n", "title = \"Doc\"\ntitle = \"Doc 2\"\n"),
    );
}

/// A report imported from `doc.md`, and a copy of that file under
/// another name.
fn same_source_imported(dir: &Path) {
    let bytes = "# Doc\n\nFirst version.\n";
    import_setup(dir, "copy.md", bytes);
    let imported = format!(
        "+++\nid = \"doc\"\ntitle = \"Doc\"\nkind = \"document\"\nsource_file = \"../doc.md\"\n\
         source_hash = \"{}\"\n+++\nFirst version. <!-- #1 -->\n",
        evidence::corpus::source_hash(bytes.as_bytes())
    );
    write(dir, "c/doc.md", imported);
}

fn no_copy_in_c(dir: &Path, out: &Out) -> Result<(), String> {
    if dir.join("c/copy.md").exists() {
        Err("the copy was imported".to_string())
    } else {
        nothing_changed_in_c(dir, out)
    }
}

fn hand_copied_report(dir: &Path) {
    corpus(dir);
    // A copy made in a file manager, with its id changed so that it loads.
    write(
        dir,
        "c/good copy.md",
        GOOD.replacen("id = \"good\"", "id = \"good-2\"", 1),
    );
}

fn pdf_in_corpus(dir: &Path) {
    corpus(dir);
    write(dir, "c/report.pdf", one_page_pdf());
}

fn yaml_unknown_key(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/notes.md",
        "---\ntitle: Notes\nlayout: post\n---\nPears ripen slowly.\n",
    );
}

fn bad_source_fields(dir: &Path) {
    corpus(dir);
    write(
        dir,
        "c/web.md",
        "+++\nid = \"web\"\ntitle = \"Web\"\nsource_url = \"example.org/page\"\naccessed = \"yesterday\"\n+++\n\
         Pears ripen slowly. <!-- #1 pp.5-4 -->\n",
    );
}

/// The good file of an import row went in, and the bad one left nothing.
fn good_in_bad_out(dir: &Path, _: &Out) -> Result<(), String> {
    if !dir.join("c/notes.md").is_file() {
        return Err("the good file was not imported".to_string());
    }
    let stray: Vec<String> = listing(&dir.join("c"))
        .into_iter()
        .filter(|n| n.starts_with("doc"))
        .collect();
    if stray.is_empty() {
        Ok(())
    } else {
        Err(format!("the bad file left {stray:?}"))
    }
}

fn nothing_changed_in_c(dir: &Path, _: &Out) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("c/doc.md")).map_err(|e| e.to_string())?;
    if text.contains("First version. <!-- #1 -->") && !text.contains("import_hash") {
        Ok(())
    } else {
        Err("the imported report was changed".to_string())
    }
}

// ---------------------------------------------------------------------------
// Extra checks

fn total_is_the_usual(_: &Path, out: &Out) -> Result<(), String> {
    let total = out.json()?["total"].as_u64();
    let want = shared().buddying_total;
    if total == Some(want) {
        Ok(())
    } else {
        Err(format!(
            "total {total:?}, expected {want} as with a sound index"
        ))
    }
}

fn no_hits_but_a_total(_: &Path, out: &Out) -> Result<(), String> {
    let json = out.json()?;
    let hits = json["hits"].as_array().map_or(usize::MAX, Vec::len);
    let total = json["total"].as_u64().unwrap_or(0);
    if hits == 0 && total > 0 {
        Ok(())
    } else {
        Err(format!(
            "{hits} hits of {total}; expected none shown of some"
        ))
    }
}

fn old_notes_unchanged(dir: &Path, _: &Out) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("out/notes.md")).map_err(|e| e.to_string())?;
    if text == "my old notes\n" {
        Ok(())
    } else {
        Err("the existing file was changed".to_string())
    }
}

fn only_the_old_bibliography(dir: &Path, _: &Out) -> Result<(), String> {
    let listing = listing(&dir.join("out"));
    let text = fs::read_to_string(dir.join("out/notes.json")).map_err(|e| e.to_string())?;
    if listing != ["notes.json"] || text != "[]\n" {
        Err(format!("files were written: {listing:?}"))
    } else {
        Ok(())
    }
}

fn notes_replaced(dir: &Path, _: &Out) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("out/notes.md")).map_err(|e| e.to_string())?;
    let quotes = evidence::export::blockquote_texts(&text);
    if quotes.is_empty() {
        Err("the file was not replaced by an export".to_string())
    } else {
        Ok(())
    }
}

fn out_folder_is_empty(dir: &Path, _: &Out) -> Result<(), String> {
    let listing = listing(&dir.join("out"));
    if listing.is_empty() {
        Ok(())
    } else {
        Err(format!("files were written: {listing:?}"))
    }
}

fn nothing_written_at_top(dir: &Path, _: &Out) -> Result<(), String> {
    let stray: Vec<String> = listing(dir)
        .into_iter()
        .filter(|n| n.ends_with(".md") || n.contains("no-such"))
        .collect();
    if stray.is_empty() {
        Ok(())
    } else {
        Err(format!("files were written: {stray:?}"))
    }
}

fn accented_file_written(dir: &Path, _: &Out) -> Result<(), String> {
    let path = dir.join("my notes/Café Ünïcødé ñandú 東京.md");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if evidence::export::blockquote_texts(&text).is_empty() {
        Err("the export holds no excerpts".to_string())
    } else {
        Ok(())
    }
}

fn stdout_is_an_export(_: &Path, out: &Out) -> Result<(), String> {
    if evidence::export::blockquote_texts(&out.stdout).is_empty() {
        Err("stdout holds no excerpts".to_string())
    } else {
        Ok(())
    }
}

fn a_new_generation(dir: &Path, out: &Out) -> Result<(), String> {
    if !out.stdout.starts_with("indexed") {
        return Err("`index --verify` did not rebuild the damaged index".to_string());
    }
    let gens: Vec<String> = listing(&dir.join("idx"))
        .into_iter()
        .filter(|n| n.starts_with("gen-"))
        .collect();
    if gens.len() == 1 {
        Ok(())
    } else {
        Err(format!("generations left: {gens:?}"))
    }
}

fn long_name_written(dir: &Path, _: &Out) -> Result<(), String> {
    if listing(&dir.join("out")).len() == 1 {
        Ok(())
    } else {
        Err("the file was not written".to_string())
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------
// The rows

fn long_query() -> String {
    let words = [
        "buddying",
        "\"due diligence\"",
        "-merger",
        "chains OR groups",
        "credential*",
        "report:big-med",
        "(costs",
        "theme:",
    ];
    let mut q = String::new();
    let mut i = 0;
    while q.len() < 10_000 {
        q.push_str(words[i % words.len()]);
        q.push(' ');
        i += 1;
    }
    q.truncate(10_000);
    q
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        // Corpus files: `check` lists the problem with path and line (exit 2);
        // the lenient commands warn in one line naming the file and carry on.
        row("front matter malformed: check", &["--corpus", "c", "check"])
            .setup(bad_front_matter)
            .codes(&[2])
            .stdout("c/bad.md:3: bad front matter"),
        row(
            "front matter malformed: reports",
            &["--corpus", "c", "reports"],
        )
        .setup(bad_front_matter)
        .stdout("good")
        .stderr("warning: c/bad.md:3:")
        .lines(1),
        row("front matter unclosed: check", &["--corpus", "c", "check"])
            .setup(unclosed_front_matter)
            .codes(&[2])
            .stdout("c/open.md:1: front matter"),
        row(
            "front matter unclosed: reports",
            &["--corpus", "c", "reports"],
        )
        .setup(unclosed_front_matter)
        .stderr("c/open.md")
        .lines(1),
        row("invalid UTF-8: check", &["--corpus", "c", "check"])
            .setup(invalid_utf8)
            .codes(&[2])
            .stdout("c/latin1.md:3: invalid UTF-8"),
        row("invalid UTF-8: reports", &["--corpus", "c", "reports"])
            .setup(invalid_utf8)
            .stderr("c/latin1.md:3:")
            .lines(1),
        row("empty file: check", &["--corpus", "c", "check"])
            .setup(empty_file)
            .codes(&[2])
            .stdout("c/empty.md: empty file"),
        row("empty file: reports", &["--corpus", "c", "reports"])
            .setup(empty_file)
            .stdout("good")
            .stderr("c/empty.md")
            .lines(1),
        row("binary file: check", &["--corpus", "c", "check"])
            .setup(binary_file)
            .codes(&[2])
            .stdout("c/image.md: binary file"),
        row("binary file: reports", &["--corpus", "c", "reports"])
            .setup(binary_file)
            .stderr("c/image.md")
            .lines(1),
        row("10 MB single line: check", &["--corpus", "c", "check"])
            .setup(ten_mb_line)
            .stdout("2 reports")
            .stdout("0 problems"),
        row("10 MB single line: reports", &["--corpus", "c", "reports"])
            .setup(ten_mb_line)
            .stdout("long")
            .lines(0),
        row("5,000 levels of `>`: check", &["--corpus", "c", "check"])
            .setup(deep_quotes)
            .stdout("2 reports"),
        row(
            "5,000 levels of `>`: reports",
            &["--corpus", "c", "reports"],
        )
        .setup(deep_quotes)
        .stdout("quotes")
        .lines(0),
        row(
            "5,000 nested list items: check",
            &["--corpus", "c", "check"],
        )
        .setup(deep_list)
        .stdout("2 reports"),
        row(
            "5,000 nested list items: reports",
            &["--corpus", "c", "reports"],
        )
        .setup(deep_list)
        .stdout("list")
        .lines(0),
        row("40,000 paragraphs: check", &["--corpus", "c", "check"])
            .setup(many_paragraphs)
            .stdout("40001 passages")
            .within(Duration::from_secs(10)),
        row(
            "5,000 indented list levels: check",
            &["--corpus", "c", "check"],
        )
        .setup(deep_indented_list)
        .stdout("5001 passages")
        .within(Duration::from_secs(10)),
        row("symlink loops: check", &["--corpus", "c", "check"])
            .setup(symlink_loop)
            .codes(&[2])
            .stdout("c/self.md: cannot read")
            .stdout("1 problem"),
        row("symlink loops: reports", &["--corpus", "c", "reports"])
            .setup(symlink_loop)
            .stdout("good")
            .stderr("c/self.md")
            .lines(1),
        row("unreadable file: check", &["--corpus", "c", "check"])
            .setup(unreadable)
            .codes(&[2])
            .stdout("c/secret.md: cannot read: permission denied")
            .permissions(),
        row("unreadable file: reports", &["--corpus", "c", "reports"])
            .setup(unreadable)
            .stderr("c/secret.md")
            .lines(1)
            .permissions(),
        row("duplicate report id: check", &["--corpus", "c", "check"])
            .setup(duplicate_id)
            .codes(&[2])
            .stdout("c/twin.md:1: duplicate report id `good`"),
        row(
            "duplicate report id: reports",
            &["--corpus", "c", "reports"],
        )
        .setup(duplicate_id)
        .stderr("c/twin.md")
        .lines(1),
        row("unknown theme: check", &["--corpus", "c", "check"])
            .setup(unknown_theme)
            .codes(&[2])
            .stdout("c/veg.md:5: unknown theme `vegetables`"),
        row("unknown theme: reports", &["--corpus", "c", "reports"])
            .setup(unknown_theme)
            .stdout("veg")
            .stderr("c/veg.md")
            .lines(1),
        // A folder named `x.md` is a subfolder (read, and empty), not a file.
        row("folder named x.md: check", &["--corpus", "c", "check"])
            .setup(folder_named_like_a_file)
            .stdout("1 report")
            .stdout("0 problems"),
        row("folder named x.md: reports", &["--corpus", "c", "reports"])
            .setup(folder_named_like_a_file)
            .stdout("good")
            .lines(0),
        row(
            "bad file: search carries on",
            &["--corpus", "c", "search", "apples", "--json"],
        )
        .setup(bad_front_matter)
        .stdout("good/1")
        .stderr("c/bad.md")
        .lines(1),
        // Queries never fail: exit 0 or 1, with a note where one helps.
        row("unbalanced quote", &["search", "\"due diligence", "--json"])
            .codes(&[0, 1])
            .note("unbalanced quote"),
        row(
            "unbalanced bracket",
            &["search", "(buddying costs", "--json"],
        )
        .codes(&[0, 1])
        .note("brackets"),
        row("closing brackets", &["search", "buddying] )}", "--json"])
            .codes(&[0, 1])
            .note("brackets"),
        row("a lone -", &["search", "--json", "--", "-"]).codes(&[0, 1]),
        row("a lone *", &["search", "*", "--json"])
            .codes(&[0, 1])
            .note("lone `*`"),
        row("a lone OR", &["search", "OR", "--json"])
            .codes(&[0, 1])
            .note("`OR` needs"),
        row("unknown field foo:bar", &["search", "foo:bar", "--json"])
            .codes(&[0, 1])
            .note("unknown field `foo:`"),
        row("a field without a value", &["search", "report:", "--json"])
            .codes(&[0, 1])
            .note("needs a value"),
        row("10,000-character query", &["search", "--json", "--"])
            .args_os(
                ["search", "--json", "--"]
                    .iter()
                    .map(OsString::from)
                    .chain([OsString::from(long_query())])
                    .collect(),
            )
            .codes(&[0, 1])
            .note("only its first"),
        row("10,000-letter word", &["search", "--json"])
            .args_os(vec![
                "search".into(),
                "--json".into(),
                "a".repeat(10_000).into(),
            ])
            .codes(&[0, 1]),
        row(
            "control characters",
            &[
                "search",
                "bud\u{1}dy\u{7}ing \u{1b}[31m\u{7f}costs\t\r",
                "--json",
            ],
        )
        .codes(&[0, 1]),
        row("emoji", &["search", "🙂 buddying 👍🏽 🏳️‍🌈", "--json"]).codes(&[0, 1]),
        row(
            "right-to-left text",
            &["search", "مرحبا buddying \u{202e}שלום\u{202c}", "--json"],
        )
        .codes(&[0, 1]),
        row(
            "only exclusions",
            &["search", "--json", "--", "-buddying -\"special measures\""],
        )
        .note("only exclusions"),
        row(
            "only an exclusion after --",
            &["search", "--json", "--", "-buddying"],
        )
        .note("only exclusions"),
        // Flags.
        row("unknown flag", &["search", "buddying", "--bogus"])
            .codes(&[2])
            .stderr("unexpected argument '--bogus'"),
        row("--limit abc", &["search", "buddying", "--limit", "abc"])
            .codes(&[2])
            .stderr("invalid value 'abc'"),
        row(
            "--nonzero-facets without --json",
            &["search", "buddying", "--nonzero-facets"],
        )
        .codes(&[2])
        .stderr("required arguments were not provided")
        .stderr("--json"),
        row(
            "--limit 0",
            &["search", "buddying", "--limit", "0", "--json"],
        )
        .extra(no_hits_but_a_total),
        row("--report nope", &["search", "buddying", "--report", "nope"])
            .codes(&[2])
            .stderr("unknown report id `nope`; valid ids: overview, buddying-review")
            .lines(1),
        row("--report guessed from the title's words", &["search", "buddying", "--report", "state-of-care"])
            .codes(&[2])
            .stderr("unknown report id `state-of-care` (did you mean `state-of-care-2013-14`?); valid ids:")
            .lines(1),
        row("--theme nope", &["search", "buddying", "--theme", "nope"])
            .codes(&[2])
            .stderr("unknown theme id `nope`; valid ids: buddying")
            .lines(1),
        row(
            "--theme and --not-theme the same",
            &["search", "buddying", "--theme", "buddying", "--not-theme", "buddying"],
        )
        .codes(&[2])
        .stderr("is both asked for (--theme) and left out (--not-theme)")
        .lines(1),
        row("report: naming no report", &["search", "merger report:nope", "--json"])
            .codes(&[1])
            .note("no report with id `nope`, so `report:nope` matches nothing"),
        row("theme: naming no theme", &["search", "merger theme:nope", "--json"])
            .codes(&[1])
            .note("no theme with id `nope`, so `theme:nope` matches nothing"),
        row("theme: one slip from a theme", &["search", "merger theme:budying", "--json"])
            .codes(&[1])
            .note("so `theme:budying` matches nothing: did you mean `theme:buddying`?"),
        row("report: an id guessed from a title's words", &["search", "leadership report:nhs-mergers", "--json"])
            .codes(&[1])
            .note("so `report:nhs-mergers` matches nothing: did you mean `report:nhs-trust-mergers`?"),
        row("a fuzziness suffix ~2", &["search", "merger~2", "--json"])
            .note("`~2` means nothing here"),
        row("basket, the data folder a file", &["basket"])
            .setup(|dir| fs::write(dir.join("data"), "not a folder").unwrap())
            .codes(&[2])
            .stderr("is a file, not a folder")
            .lines(1),
        // The evidence map on the command line.
        row("map --json with --csv", &["map", "--json", "--csv"])
            .codes(&[2])
            .stderr("cannot be used with"),
        row("map --theme one slip away", &["map", "--theme", "mergrs"])
            .codes(&[2])
            .stderr("unknown theme id `mergrs` (did you mean `mergers`?)")
            .lines(1),
        row("map --saved naming nothing saved", &["map", "--saved", "nope"])
            .codes(&[2])
            .stderr("no saved search named `nope`")
            .lines(1),
        row("map of a word no report uses", &["map", "zzzzqq", "--json"])
            .codes(&[1])
            .note("no report uses `zzzzqq`"),
        row("map of an unbalanced quote", &["map", "\"", "--json"])
            .codes(&[1])
            .note("unbalanced quote"),
        // The concordance and collocates (#20).
        row("kwic of an empty query", &["kwic", ""])
            .codes(&[2])
            .stderr("a concordance needs words to look for")
            .lines(1),
        row("kwic of only exclusions", &["kwic", "--", "-buddying"])
            .codes(&[2])
            .stderr("a concordance needs words to look for")
            .lines(1),
        // An exclusion typed without `--` is a query word, not a flag.
        row("kwic of only an exclusion, no --", &["kwic", "-merger"])
            .codes(&[2])
            .stderr("a concordance needs words to look for")
            .lines(1),
        row("collocates with --limit 0", &["collocates", "merger", "--limit", "0"])
            .codes(&[2])
            .stderr("--limit 0 would list no collocate")
            .lines(1),
        row("kwic of only a filter", &["kwic", "report:buddying-review"])
            .codes(&[2])
            .stderr("a concordance needs words to look for")
            .lines(1),
        row("kwic --width 3", &["kwic", "buddying", "--width", "3"])
            .codes(&[2])
            .stderr("--width 3 is too narrow")
            .lines(1),
        row("kwic --width huge", &["kwic", "buddying", "--width", "18446744073709551615"])
            .codes(&[2])
            .stderr("--width 18446744073709551615 is too wide: give at most 1000 columns")
            .lines(1),
        row("kwic --sort sideways", &["kwic", "buddying", "--sort", "sideways"])
            .codes(&[2])
            .stderr("invalid value 'sideways'"),
        row("kwic --report nope", &["kwic", "buddying", "--report", "nope"])
            .codes(&[2])
            .stderr("unknown report id `nope`")
            .lines(1),
        row("collocates of an empty query", &["collocates", "--json"])
            .codes(&[2])
            .stderr("a concordance needs words to look for")
            .lines(1),
        row("collocates --window 0", &["collocates", "buddying", "--window", "0"])
            .codes(&[2])
            .stderr("--window 0 is out of range")
            .lines(1),
        row("collocates --window 1000", &["collocates", "buddying", "--window", "1000"])
            .codes(&[2])
            .stderr("--window 1000 is out of range")
            .lines(1),
        row("export with nothing to export", &["export"])
            .codes(&[2])
            .stderr("nothing to export: give a query, a filter")
            .lines(1),
        row(
            "export --format xml",
            &["export", "buddying", "--format", "xml"],
        )
        .codes(&[2])
        .stderr("possible values: md, json, csv"),
        row(
            "--corpus names a file",
            &["--corpus", "notes.txt", "reports"],
        )
        .setup(a_plain_file)
        .codes(&[2])
        .stderr("notes.txt: not a corpus folder (it is a file")
        .lines(1),
        row(
            "--corpus names a missing folder",
            &["--corpus", "nowhere", "check"],
        )
        .codes(&[2])
        .stderr("nowhere: not a corpus folder")
        .lines(1),
        row("show an unknown id", &["show", "nope/7"])
            .codes(&[2])
            .stderr("no report or passage with id `nope/7`")
            .lines(1),
        row("show an id spelt close to one", &["show", "nhs-trust-merger/6"])
            .codes(&[2])
            .stderr("(did you mean `nhs-trust-mergers/6`?)")
            .lines(1),
        row("cite a report id spelt close to one", &["cite", "bigmed"])
            .codes(&[2])
            .stderr("(did you mean `big-med`?)")
            .lines(1),
        row("related to an unknown id", &["related", "nope/7"])
            .codes(&[2])
            .stderr("no report or passage with id `nope/7`")
            .lines(1),
        row(
            "related to a retired id",
            &["related", "state-of-care-2013-14/19"],
        )
        .codes(&[1])
        .stderr("was retired on 2026-12-05")
        .lines(1),
        row("related with --limit 0", &["related", "big-med/4", "--limit", "0"])
            .codes(&[2])
            .stderr("--limit 0 would list no passage")
            .lines(1),
        // Export targets.
        row(
            "export into a missing folder",
            &["export", "buddying", "--out", "no-such-dir/x.md"],
        )
        .codes(&[2])
        .stderr("no-such-dir: no such folder")
        .lines(1)
        .extra(nothing_written_at_top),
        row(
            "export into a read-only folder",
            &["export", "buddying", "--out", "ro/x.md"],
        )
        .setup(read_only_folder)
        .codes(&[2])
        .stderr("ro/x.md")
        .lines(1)
        .permissions(),
        row(
            "export over an existing file",
            &["export", "buddying", "--out", "out/notes.md"],
        )
        .setup(existing_export)
        .codes(&[2])
        .stderr("out/notes.md: already exists (use --force")
        .lines(1)
        .extra(old_notes_unchanged),
        row(
            "export over an existing file with --force",
            &["export", "buddying", "--out", "out/notes.md", "--force"],
        )
        .setup(existing_export)
        .stderr("wrote")
        .extra(notes_replaced),
        row(
            "export to spaces and accents",
            &[
                "export",
                "buddying",
                "--out",
                "my notes/Café Ünïcødé ñandú 東京.md",
            ],
        )
        .setup(|d| fs::create_dir_all(d.join("my notes")).unwrap())
        .stderr("wrote")
        .extra(accented_file_written),
        row(
            "export to stdout with -",
            &["export", "buddying", "--out", "-"],
        )
        .stdout("# Excerpts")
        .extra(stdout_is_an_export),
        row(
            "export to a folder",
            &["export", "buddying", "--out", "out"],
        )
        .setup(out_folder)
        .codes(&[2])
        .stderr("out: is a folder")
        .lines(1)
        .extra(out_folder_is_empty),
        row(
            "export as RIS to a folder",
            &["export", "buddying", "--format", "ris", "--out", "out"],
        )
        .setup(out_folder)
        .codes(&[2])
        .stderr(".ris")
        .lines(1)
        .extra(out_folder_is_empty),
        row(
            "export under a plain file",
            &["export", "buddying", "--out", "notes.txt/x.md"],
        )
        .setup(a_plain_file)
        .codes(&[2])
        .stderr("notes.txt")
        .lines(1),
        row(
            "export --cite pandoc with --format csv",
            &["export", "buddying", "--cite", "pandoc", "--format", "csv"],
        )
        .codes(&[2])
        .stderr("--cite pandoc writes markdown, not --format csv")
        .lines(1),
        row(
            "export --bibliography without --cite",
            &["export", "buddying", "--bibliography", "bib"],
        )
        .codes(&[2])
        .stderr("add --cite pandoc")
        .lines(1),
        row(
            "export --style apa with --format json",
            &["export", "buddying", "--style", "apa", "--format", "json"],
        )
        .codes(&[2])
        .stderr("--style formats a markdown export's citations, not --format json")
        .lines(1),
        row(
            "export --style nope",
            &["export", "buddying", "--style", "nope"],
        )
        .codes(&[2])
        .stderr("possible values: apa, harvard, chicago, vancouver"),
        row(
            "export --cite nope",
            &["export", "buddying", "--cite", "nope"],
        )
        .codes(&[2])
        .stderr("possible values: pandoc"),
        row(
            "pandoc export over an existing bibliography",
            &[
                "export",
                "buddying",
                "--cite",
                "pandoc",
                "--out",
                "out/notes.md",
            ],
        )
        .setup(existing_bibliography)
        .codes(&[2])
        .stderr("out/notes.json: already exists (use --force")
        .lines(1)
        .extra(only_the_old_bibliography),
        row(
            "pandoc export named like its bibliography",
            &[
                "export",
                "buddying",
                "--cite",
                "pandoc",
                "--out",
                "out/notes.json",
            ],
        )
        .setup(out_folder)
        .codes(&[2])
        .stderr("same name")
        .lines(1)
        .extra(out_folder_is_empty),
        row(
            "export when nothing matches",
            &["export", "zzqxjv", "--out", "out/x.md"],
        )
        .setup(out_folder)
        .codes(&[1])
        .stderr("nothing to export")
        .extra(out_folder_is_empty),
        row(
            "export an unknown id",
            &["export", "--ids", "nope", "--out", "out/x.md"],
        )
        .setup(out_folder)
        .codes(&[2])
        .stderr("no report or passage with id `nope`")
        .extra(out_folder_is_empty),
        // Documents to verify that cannot be read as text.
        row("verify a missing document", &["verify", "nope.md"])
            .codes(&[2])
            .stderr("cannot read nope.md")
            .lines(1),
        row("verify a binary document", &["verify", "doc.md"])
            .setup(|d| fs::write(d.join("doc.md"), b"PK\x03\x04\x00\x00binary").unwrap())
            .codes(&[2])
            .stderr("doc.md is not a text file")
            .lines(1),
        row("verify a Word manuscript", &["verify", "ms.docx"])
            .setup(|d| fs::write(d.join("ms.docx"), b"PK\x03\x04\x14\x00word/document.xml").unwrap())
            .codes(&[2])
            .stderr("ms.docx is not a text file; make it text first, e.g. `pandoc ms.docx -t markdown -o ms.md`")
            .lines(1),
        row("verify a web page", &["verify", "handout.html"])
            .setup(|d| {
                fs::write(
                    d.join("handout.html"),
                    "<!-- saved from url=(0025)https://example.org/x -->\n<!DOCTYPE html>\n<html><body><blockquote>The merger of the trusts</blockquote></body></html>\n",
                )
                .unwrap()
            })
            .codes(&[2])
            .stderr("handout.html is a web page, not markdown; make it text first, e.g. `pandoc handout.html -t markdown -o handout.md`")
            .lines(1),
        row("verify a document saved as Windows-1252", &["verify", "doc.md"])
            .setup(|d| {
                fs::write(d.join("doc.md"), b"caf\xe9 said \x93the cost implications for both the buddy Trust\x94 (buddying-review/9).\n").unwrap()
            })
            .stdout("doc.md:1: verified (buddying-review/9)")
            .stderr("doc.md: not UTF-8 and it does not say what encoding it is in, so it was read as Windows-1252"),
        row("verify a document saved as UTF-16 with its mark", &["verify", "doc.md"])
            .setup(|d| {
                let text = "Said \u{201c}the cost implications for both the buddy Trust\u{201d} (buddying-review/9).\n";
                let mut bytes = vec![0xff, 0xfe];
                bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                fs::write(d.join("doc.md"), bytes).unwrap()
            })
            .stdout("doc.md:1: verified (buddying-review/9)"),
        row("verify a document that is not UTF-8 nor Windows-1252 text", &["verify", "doc.md"])
            .setup(|d| fs::write(d.join("doc.md"), b"caf\xe9 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e").unwrap())
            .codes(&[2])
            .stderr("doc.md: not UTF-8 text, and too many of its bytes are control characters")
            .lines(1),
        row("verify a folder", &["verify", "."])
            .codes(&[2])
            .stderr("cannot read .")
            .lines(1),
        row(
            "verify a document with no quotations",
            &["verify", "doc.md"],
        )
        .setup(|d| fs::write(d.join("doc.md"), "# Notes\n\nNothing quoted here.\n").unwrap())
        .codes(&[1])
        .stdout("doc.md: no quotations"),
        row("verify an empty document", &["verify", "doc.md"])
            .setup(|d| fs::write(d.join("doc.md"), "").unwrap())
            .codes(&[1])
            .stdout("doc.md: no quotations"),
        row("verify with no document", &["verify"])
            .codes(&[2])
            .stderr("required"),
        // The index folder, damaged: searches still answer as before.
        row(
            "truncated index file",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(truncated_index)
        .own_index()
        .extra(total_is_the_usual),
        row(
            "CURRENT names a missing generation",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(current_names_a_missing_generation)
        .own_index()
        .extra(total_is_the_usual),
        row(
            "CURRENT holds garbage",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(current_is_garbage)
        .own_index()
        .extra(total_is_the_usual),
        row(
            "CURRENT points outside",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(current_points_outside)
        .own_index()
        .extra(total_is_the_usual),
        row(
            "empty manifest.json",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(manifest_emptied)
        .own_index()
        .extra(total_is_the_usual),
        row(
            "index folder is a file",
            &["search", "buddying", "--json", "--limit", "1"],
        )
        .setup(index_dir_is_a_file)
        .own_index()
        .stderr("note:")
        .stderr("cannot be used")
        .lines(1)
        .extra(total_is_the_usual),
        // Workspaces: a name that is a path, a data folder that is a file,
        // a workspace file that is no workspace's.
        row("an empty workspace name typed", &["--workspace", "", "basket"])
            .codes(&[2])
            .stderr("a workspace name cannot be empty")
            .lines(1),
        row(
            "workspace name with a slash",
            &["--workspace", "a/b", "workspaces"],
        )
        .codes(&[2])
        .stderr("is not a workspace name")
        .lines(1),
        row("an export query of punctuation only", &["export", "--", "--"])
            .codes(&[2])
            .stderr("has no letters or digits to search for")
            .lines(1),
        row("a workspace name mistyped, to read", &["--workspace", "thesys", "basket"])
            .codes(&[2])
            .stderr("there is no workspace `thesys`")
            .lines(1),
        row("workspaces, the data folder a file", &["workspaces"])
            .setup(|dir| fs::write(dir.join("data"), "not a folder").unwrap())
            .codes(&[2])
            .stderr("workspaces")
            .lines(1),
        row("workspaces, a workspace file garbled", &["workspaces"])
            .setup(|dir| {
                fs::create_dir_all(dir.join("data/workspaces/w")).unwrap();
                fs::write(dir.join("data/workspaces/w/workspace.json"), [0xff, 0, 1]).unwrap();
            })
            .stdout("workspace.json cannot be read"),
        row("workspaces attach, no folder and no such named workspace", &["workspaces", "attach", "nosuch"])
            .codes(&[2])
            .stderr("attach needs the corpus folder to attach `nosuch` to: give it with --corpus DIR")
            .lines(1),
        // Documents to import: each bad one is one sentence on stderr (exit
        // 2), the good file beside it still goes in, and nothing is left half
        // written. Each is read in a child process with limits.
        import_row("import: encrypted PDF", "doc.pdf", encrypted_pdf)
            .stderr("evidence: doc.pdf: encrypted: it needs a password to open"),
        import_row("import: scanned PDF, no text layer", "doc.pdf", scanned_pdf)
            .stderr("evidence: doc.pdf: no text layer: run OCR first, e.g. ocrmypdf"),
        import_row("import: PDF cut short", "doc.pdf", truncated_pdf).stderr("evidence: doc.pdf: "),
        import_row("import: empty PDF", "doc.pdf", empty_pdf).stderr("evidence: doc.pdf: empty file"),
        import_row("import: a PDF's pages tree loops", "doc.pdf", looping_pdf)
            .stderr("evidence: doc.pdf: "),
        import_row("import: .docx cut short", "doc.docx", truncated_docx)
            .stderr("evidence: doc.docx: not a readable Word document: the file is damaged or cut short"),
        import_row("import: a zip named .docx", "doc.docx", zip_named_docx)
            .stderr("a zip file but not a Word document"),
        import_row("import: password or old Word file", "doc.docx", old_word_file)
            .stderr("an encrypted (password-protected) or old-format Word file"),
        import_row("import: a PDF named .docx", "doc.docx", pdf_named_docx)
            .stderr("named .docx but it is a PDF; rename it to .pdf"),
        import_row("import: text named .pdf", "doc.pdf", text_named_pdf)
            .stderr("named .pdf but it is text; rename it to .txt"),
        import_row("import: a PDF named .md", "doc.md", pdf_named_md)
            .stderr("named .md but it is a PDF; rename it to .pdf"),
        import_row("import: UTF-16 text without a mark", "doc.txt", utf16_without_mark)
            .stderr("UTF-16 without a byte-order mark"),
        import_row("import: a UTF-16 mark, then not UTF-16", "doc.txt", utf16_mark_then_odd_bytes)
            .stderr("is not that throughout"),
        import_row("import: text, then control bytes", "doc.txt", text_then_control_bytes)
            .stderr("save it as UTF-8"),
        import_row("import: a page that is all script", "doc.html", script_page)
            .stderr("no readable text in it: the page is built by scripts"),
        import_row("import: an unknown format", "doc.xlsx", spreadsheet)
            .stderr("not a format evidence reads (.xlsx)"),
        import_row("import: a PDF with no extension", "doc", pdf_without_extension)
            .stderr("evidence: doc: its name has no extension, and it is a PDF: rename it to end in .pdf"),
        import_row("import: 200,000 nested elements", "doc.html", deep_page)
            .stderr("its elements nest 200002 deep"),
        import_row("import: over the time limit", "doc.pdf", long_pdf)
            .env("EVIDENCE_IMPORT_TIMEOUT", "0.05")
            .stderr("took longer than 0.05 s, the limit"),
        import_row("import: over the memory limit", "doc.pdf", long_pdf)
            .env("EVIDENCE_IMPORT_MEMORY", "48")
            .stderr("more than 48 MB of memory, the limit"),
        row("import: a changed source without --force", &["import", "doc.md", "--into", "c"])
            .setup(changed_source)
            .codes(&[2])
            .stderr("doc.md: changed since it was imported into c/doc.md; import it again with --force")
            .lines(1)
            .extra(nothing_changed_in_c),
        row("import: the report it wrote, its front matter broken by hand", &["import", "doc.md", "--into", "c", "--force"])
            .setup(imported_report_broken)
            .codes(&[2])
            .stderr("doc.md: c/doc.md:4: its front matter cannot be read (bad front matter: duplicate key); correct it and import again")
            .lines(1)
            .extra(nothing_changed_in_c),
        row("import: the same file under another name", &["import", "copy.md", "--into", "c"])
            .setup(same_source_imported)
            .codes(&[2])
            .stderr("copy.md: the same file as the report `doc` (imported from doc.md)")
            .lines(1)
            .extra(no_copy_in_c),
        // Documents and other tools' front matter in a corpus folder.
        row("a PDF in the corpus folder: check", &["--corpus", "c", "check"])
            .setup(pdf_in_corpus)
            .stdout("c/report.pdf: warning: a PDF is not read as a report; bring it in with `evidence import c/report.pdf --into c`")
            .stdout("0 problems, 1 warning"),
        row("a PDF in the corpus folder: reports", &["--corpus", "c", "reports"])
            .setup(pdf_in_corpus)
            .stdout("good")
            .stderr("warning: c/report.pdf: a PDF is not read as a report")
            .lines(1),
        row("a report copied by hand under another name: check", &["--corpus", "c", "check"])
            .setup(hand_copied_report)
            .stdout("c/good copy.md: warning: report `good-2` has the same passages as `good` (c/good.md): searches list each of them twice; remove one of the two files")
            .stdout("0 problems, 1 warning"),
        row("unknown YAML key: check --deny-warnings", &["--corpus", "c", "check", "--deny-warnings"])
            .setup(yaml_unknown_key)
            .codes(&[2])
            .stdout("c/notes.md:3: warning: unknown front matter key `layout` (ignored)"),
        row("bad source_url, accessed and pages: check", &["--corpus", "c", "check"])
            .setup(bad_source_fields)
            .codes(&[2])
            .stdout("c/web.md:4: source_url `example.org/page` is not a web address")
            .stdout("c/web.md:5: accessed `yesterday` is not a day")
            .stdout("page `pp.5-4` should be `p.N` or `pp.N-M`"),
        // The basket from the command line: ids that name nothing, a
        // retired id, no id, notes that `clear` would lose, an unreadable
        // basket file, and `export --basket` with nothing in it or with a
        // query besides.
        row(
            "basket add an unknown id",
            &["basket", "add", "big-med/1", "nope/1"],
        )
        .codes(&[2])
        .stderr("no report or passage with id `nope/1`")
        .stderr("nothing was added")
        .lines(1)
        .extra(basket_is_empty),
        row(
            "basket add a retired id",
            &["basket", "add", "state-of-care-2013-14/19"],
        )
        .codes(&[1])
        .stderr("was retired on 2026-12-05")
        .lines(1)
        .extra(basket_is_empty),
        row("basket add with no id", &["basket", "add"])
            .codes(&[2])
            .stderr("required"),
        row("basket add an empty id", &["basket", "add", ","])
            .codes(&[2])
            .stderr("nothing to add")
            .lines(1),
        row("basket rm an unknown id", &["basket", "rm", "nope"])
            .setup(basket_with_a_note)
            .codes(&[2])
            .stderr("`nope`")
            .stderr("nothing was taken out")
            .lines(1),
        row(
            "basket clear with a note, without --yes",
            &["basket", "clear"],
        )
        .setup(basket_with_a_note)
        .codes(&[2])
        .stderr("1 with a note")
        .stderr("basket clear --yes")
        .lines(1)
        .extra(basket_still_has_its_note),
        row("basket rm a report whose excerpt has a note, without --yes", &["basket", "rm", "big-med"])
            .setup(basket_with_a_note)
            .codes(&[2])
            .stderr("big-med/1 has a note: taking it out would lose its note; nothing was taken out")
            .lines(1)
            .extra(basket_still_has_its_note),
        row("basket list, the basket file garbled", &["basket"])
            .setup(|dir| {
                write(
                    dir,
                    "data/workspaces/bundled/basket.json",
                    "{\"version\": 1, \"exc",
                );
            })
            .codes(&[1])
            .stderr("could not be read")
            .stderr("basket.json.unreadable-")
            .stderr("is empty")
            .lines(2),
        row(
            "export --basket, the basket empty",
            &["export", "--basket", "--out", "out/x.md"],
        )
        .setup(out_folder)
        .codes(&[1])
        .stderr("nothing to export: the basket of workspace bundled is empty")
        .lines(1)
        .extra(out_folder_is_empty),
        row(
            "export --basket with a query",
            &["export", "--basket", "buddying"],
        )
        .setup(basket_with_a_note)
        .codes(&[2])
        .stderr("'--basket' cannot be used with"),
        // History and saved searches: an unknown saved name, files that
        // cannot be read (set aside, one line each), --clear off a terminal.
        row("search --saved an unknown name", &["search", "--saved", "nope"])
            .codes(&[2])
            .stderr("no saved search named `nope`")
            .stderr("evidence saved add NAME QUERY")
            .lines(1),
        row("saved rm an unknown name", &["saved", "rm", "nope"])
            .codes(&[2])
            .stderr("no saved search named `nope`")
            .lines(1),
        row("saved add an empty name", &["saved", "add", " ", "x"])
            .codes(&[2])
            .stderr("a saved search needs a name: it is empty")
            .lines(1),
        row("history --limit 0", &["history", "--limit", "0"])
            .codes(&[2])
            .stderr("--limit 0 would list no search: give 1 or more")
            .lines(1),
        row("saved add an empty query and no filter", &["saved", "add", "emptyq", ""])
            .codes(&[2])
            .stderr("the search to save as `emptyq` has no words and no filter")
            .lines(1),
        row("export --saved a saved search of nothing", &["export", "--saved", "emptyq"])
            .setup(|dir| {
                write(
                    dir,
                    "data/workspaces/bundled/searches.json",
                    "{\"version\": 1, \"searches\": [{\"name\": \"emptyq\", \"query\": \"\"}]}",
                );
            })
            .codes(&[2])
            .stderr("nothing to export: the saved search `emptyq` has no words and no filter")
            .lines(1),
        row("history, the history file garbled", &["history"])
            .setup(|dir| {
                write(dir, "data/workspaces/bundled/history.json", "{\"entries\": [");
            })
            .codes(&[1])
            .stderr("the history file could not be read")
            .stderr("history.json.unreadable-")
            .lines(2),
        row("saved, the saved-searches file garbled", &["saved"])
            .setup(|dir| {
                write(dir, "data/workspaces/bundled/searches.json", "\u{0}\u{1}");
            })
            .codes(&[1])
            .stderr("the saved searches file could not be read")
            .stderr("searches.json.unreadable-")
            .lines(2),
        row("history --clear off a terminal", &["history", "--clear"])
            .setup(|dir| {
                write(
                    dir,
                    "data/workspaces/bundled/history.json",
                    "{\"version\": 1, \"entries\": [{\"query\": \"x\", \"at\": 1, \"hits\": 2}]}",
                );
            })
            .codes(&[2])
            .stderr("needs --yes (nothing was cleared)")
            .lines(1),
        // The explorer needs a terminal.
        row("explorer with stdout piped", &[])
            .codes(&[2])
            .stderr("subcommand")
            .lines(1),
        row("explorer on a corpus, stdout piped", &["--corpus", "c"])
            .setup(corpus)
            .codes(&[2])
            .stderr("subcommand")
            .lines(1),
    ];
    if Path::new("/dev/full").exists() {
        rows.push(
            row(
                "export to /dev/full",
                &["export", "buddying", "--out", "/dev/full"],
            )
            .codes(&[2])
            .stderr("/dev/full")
            .stderr("no space left on device")
            .lines(1),
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        rows.push(
            row("export to a name that is not UTF-8", &[])
                .args_os(vec![
                    "export".into(),
                    "buddying".into(),
                    "--out".into(),
                    OsString::from_vec(b"out/caf\xe9.md".to_vec()),
                ])
                .setup(out_folder)
                .codes(&[2])
                .stderr("not valid UTF-8")
                .lines(1)
                .extra(out_folder_is_empty),
        );
    }
    rows
}

/// A row importing `notes.md` and a bad document into `c`: exit 2, one
/// line on stderr naming the document, the good file imported.
fn import_row(name: &'static str, bad: &'static str, setup: Setup) -> Row {
    row(name, &["import", "notes.md", bad, "--into", "c"])
        .setup(setup)
        .codes(&[2])
        .stdout("imported notes")
        .lines(1)
        .extra(good_in_bad_out)
}

/// Runs rows, prints the table when asked, and fails with every failure.
fn run_rows(rows: &[Row]) {
    let reports: Vec<Report> = rows.iter().map(run_row).collect();
    println!(
        "\n{:<44} {:<46} {:>7} {:>5} {:>7}  result",
        "row", "args", "expect", "exit", "ms"
    );
    for r in &reports {
        let result = if !r.failures.is_empty() {
            "FAIL"
        } else if !r.note.is_empty() {
            r.note
        } else {
            "ok"
        };
        println!(
            "{:<44} {:<46} {:>7} {:>5} {:>7}  {result}",
            head(r.name, 43),
            head(&r.args, 45),
            r.codes
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join("|"),
            r.code.map_or("-".to_string(), |c| c.to_string()),
            r.took.as_millis(),
        );
    }
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| format!("== {} ({})\n{}", r.name, r.args, r.failures.join("\n")))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} rows failed:\n{}",
        failed.len(),
        reports.len(),
        failed.join("\n\n")
    );
}

#[test]
fn catalogue_of_bad_input() {
    let rows = rows();
    assert!(rows.len() >= 45, "only {} rows", rows.len());
    run_rows(&rows);
}

// ---------------------------------------------------------------------------
// Rows that once showed bugs, each a test of its own; all pass since the fixes.

#[test]
fn a_query_of_only_an_exclusion_is_not_a_flag() {
    run_rows(
        &[row("only an exclusion", &["search", "-buddying", "--json"])
            .codes(&[0, 1])
            .note("only exclusions")],
    );
}

#[test]
fn a_passage_number_a_report_lacks_says_how_many_it_has() {
    run_rows(&[row("show big-med/99", &["show", "big-med/99"])
        .codes(&[2])
        .stderr("no report or passage with id `big-med/99` (report `big-med` has 14 passages: `evidence show big-med` lists them)")
        .lines(1)]);
}

#[test]
fn compare_refuses_what_it_cannot_compare() {
    run_rows(&[
        row("compare nothing", &["compare"])
            .codes(&[2])
            .stderr("nothing to compare")
            .lines(1),
        row("compare an empty theme", &["compare", "--theme", ""])
            .codes(&[2])
            .stderr("nothing to compare")
            .lines(1),
        row(
            "compare an unknown report",
            &["compare", "big-med", "bigmed2"],
        )
        .codes(&[2])
        .stderr("unknown report id `bigmed2`")
        .lines(1),
        row(
            "compare an unknown theme",
            &["compare", "--theme", "mergerz"],
        )
        .codes(&[2])
        .stderr("unknown theme id `mergerz` (did you mean `mergers`?)")
        .lines(1),
        row(
            "compare a theme a report lacks",
            &["compare", "big-med", "--theme", "buddying"],
        )
        .codes(&[1])
        .stderr("no passage of big-med has the theme `buddying`")
        .lines(1),
        row(
            "themes with a theme id one slip away",
            &["themes", "budying"],
        )
        .codes(&[2])
        .stderr("unknown theme id `budying` (did you mean `buddying`?)")
        .lines(1),
        row(
            "themes with a retired theme id",
            &["themes", "quality-regulation"],
        )
        .codes(&[2])
        .stderr("theme `quality-regulation` is now `quality-improvement` and `regulation`")
        .lines(1),
        row(
            "compare a theme one of two reports lacks",
            &["compare", "big-med", "overview", "--theme", "chains-groups"],
        )
        .stdout("across 1 report\nno passage on this theme in Examining new options")
        .stdout("(overview)\n"),
    ]);
}

#[test]
fn basket_update_of_an_unknown_id_changes_nothing() {
    run_rows(&[row("basket update nope", &["basket", "update", "nope"])
        .codes(&[2])
        .stderr("no report or passage with id `nope`")
        .stderr("nothing was updated")
        .lines(1)]);
}

/// A one-letter flag no command has (`-n 5`, as other tools spell a limit)
/// was searched as the exclusion of a letter, its value as a query word,
/// and the command went on; it is refused, and nothing is written.
#[test]
fn a_one_letter_flag_is_not_searched() {
    run_rows(&[
        row("search with -n", &["search", "buddying", "-n", "5"])
            .codes(&[2])
            .stderr("unexpected argument '-n'"),
        row("export with -x", &["export", "buddying", "-x"])
            .codes(&[2])
            .stderr("unexpected argument '-x'"),
    ]);
}

/// `*` alone gets a note, but `-` alone, or only emoji, silently lists every
/// passage as if the query were empty.
#[test]
fn a_query_with_nothing_searchable_says_so() {
    run_rows(&[
        row("a lone - says so", &["search", "--json", "--", "-"])
            .codes(&[0, 1])
            .want(Want::Note("")),
        row("only emoji says so", &["search", "🙂 👍🏽", "--json"])
            .codes(&[0, 1])
            .want(Want::Note("")),
    ]);
}

#[test]
fn index_verify_rebuilds_after_flipped_bytes() {
    run_rows(&[
        row("index --verify after flipped bytes", &["index", "--verify"])
            .setup(flipped_index_bytes)
            .own_index()
            .extra(a_new_generation),
        // Undamaged, it says the check was made, not only that it is current.
        row("index --verify on a sound index", &["index", "--verify"])
            .setup(|d| {
                copy_index(d);
            })
            .own_index()
            .stdout("index is current (every file's checksum checked)"),
    ]);
}

#[test]
fn export_to_a_long_file_name() {
    run_rows(&[row("export to a 250-byte file name", &[])
        .args_os(vec![
            "export".into(),
            "buddying".into(),
            "--out".into(),
            format!("out/{}.md", "n".repeat(247)).into(),
        ])
        .setup(out_folder)
        .stderr("wrote")
        .extra(long_name_written)]);
}

#[test]
fn duplicate_id_warning_says_skipped_once() {
    run_rows(&[row(
        "duplicate report id: reports",
        &["--corpus", "c", "reports"],
    )
    .setup(duplicate_id)
    .stderr("c/twin.md")
    .want(Want::NotStderr("skipped (file skipped)"))
    .lines(1)]);
}

// ---------------------------------------------------------------------------
// The explorer in a pseudo-terminal at awkward sizes.

mod pty {
    use super::*;

    /// The explorer on the bundled corpus (with the shared index) in a
    /// temporary working folder.
    pub struct Session {
        session: util::pty::Session,
        _tmp: tempfile::TempDir,
    }

    impl Session {
        /// Starts it in a `cols`×`rows` terminal, without colour, with its
        /// home, cache and data folders in the temporary folder.
        pub fn start(cols: u16, rows: u16) -> Session {
            Session::start_with(cols, rows, Some(&shared().index))
        }

        /// The same, building a new index (in the temporary folder) first,
        /// so that the loading screen is drawn at that size.
        pub fn start_building(cols: u16, rows: u16) -> Session {
            Session::start_with(cols, rows, None)
        }

        fn start_with(cols: u16, rows: u16, index: Option<&Path>) -> Session {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path();
            let (data, home, cache) = (dir.join("data"), dir.join("home"), dir.join("cache"));
            let index = index.map_or_else(|| dir.join("index"), Path::to_path_buf);
            let session = util::pty::Session::start(
                dir,
                cols,
                rows,
                &[
                    ("NO_COLOR", "1".as_ref()),
                    ("EVIDENCE_INDEX_DIR", index.as_os_str()),
                    ("EVIDENCE_DATA_DIR", data.as_os_str()),
                    ("HOME", home.as_os_str()),
                    ("XDG_CACHE_HOME", cache.as_os_str()),
                ],
            );
            Session { session, _tmp: tmp }
        }

        pub fn resize(&mut self, cols: u16, rows: u16) {
            self.session.resize(cols, rows);
        }

        pub fn screen(&self) -> String {
            self.session.screen()
        }

        /// True while the explorer's alternate screen is shown.
        pub fn in_alternate_screen(&self) -> bool {
            self.session.with_screen(vt100::Screen::alternate_screen)
        }

        /// Waits until `pred` holds for the screen; the screen on timeout.
        pub fn wait_until(&self, pred: impl Fn(&str) -> bool) -> Result<String, String> {
            self.session.wait_until(pred)
        }

        /// Leaves the query bar (where `q` is typed) with Tab, sends `q`
        /// and waits for the exit status.
        pub fn quit(&mut self) -> Result<bool, String> {
            self.session.send("\t");
            std::thread::sleep(Duration::from_millis(100));
            self.session.send("q");
            self.session.wait_exit()
        }
    }
}

/// One size row: start at `start`, check the first screen, resize to 100×30
/// and check the explorer is back, then quit with `q`.
struct SizeRow {
    name: &'static str,
    start: (u16, u16),
    /// Checks the first screen.
    first: fn(&str) -> bool,
    what: &'static str,
}

fn is_the_explorer(screen: &str) -> bool {
    screen.contains("Results") && screen.contains("Filters") && !screen.contains("too small")
}

#[test]
fn explorer_at_awkward_terminal_sizes() {
    let rows = [
        SizeRow {
            name: "10×5: says too small",
            start: (10, 5),
            first: |s| s.contains("terminal") && s.contains("too small"),
            what: "`terminal too small`",
        },
        SizeRow {
            // One cell holds the first letter of the message and nothing else.
            name: "1×1: one cell of the message",
            start: (1, 1),
            first: |s| s.trim() == "t",
            what: "the message's first letter",
        },
        SizeRow {
            name: "500 columns: the explorer",
            start: (500, 30),
            first: is_the_explorer,
            what: "the explorer",
        },
    ];
    let mut failures = Vec::new();
    println!("\n{:<34} {:>9}  result", "pty row", "ms");
    for r in &rows {
        let started = Instant::now();
        let mut s = pty::Session::start(r.start.0, r.start.1);
        let mut fail = |msg: String| failures.push(format!("== {}\n{msg}", r.name));
        let outcome = (|| -> Result<(), String> {
            // At this size the first frame must already be drawn; give the
            // explorer time to open the index and draw it.
            s.wait_until(r.first)
                .map_err(|screen| format!("expected {}; screen:\n{screen}", r.what))?;
            s.resize(100, 30);
            s.wait_until(is_the_explorer)
                .map_err(|screen| format!("did not recover at 100×30; screen:\n{screen}"))?;
            if !s.quit()? {
                return Err("`q` did not exit 0".to_string());
            }
            std::thread::sleep(Duration::from_millis(50));
            if s.in_alternate_screen() {
                return Err("the terminal was not restored".to_string());
            }
            let screen = s.screen();
            if screen.contains("panicked") {
                return Err(format!("panicked:\n{screen}"));
            }
            Ok(())
        })();
        let result = match outcome {
            Ok(()) => "ok",
            Err(e) => {
                fail(e);
                "FAIL"
            }
        };
        println!(
            "{:<34} {:>9}  {result}",
            r.name,
            started.elapsed().as_millis()
        );
    }
    // Shrinking a running explorer says too small, and growing it recovers.
    let mut s = pty::Session::start(100, 30);
    let shrink = (|| -> Result<(), String> {
        s.wait_until(is_the_explorer)
            .map_err(|screen| format!("no explorer at 100×30:\n{screen}"))?;
        s.resize(10, 5);
        s.wait_until(|sc| sc.contains("too small"))
            .map_err(|screen| format!("no `too small` at 10×5:\n{screen}"))?;
        s.resize(500, 30);
        s.wait_until(is_the_explorer)
            .map_err(|screen| format!("no explorer at 500×30:\n{screen}"))?;
        s.resize(100, 30);
        s.wait_until(is_the_explorer)
            .map_err(|screen| format!("no explorer back at 100×30:\n{screen}"))?;
        if s.quit()? {
            Ok(())
        } else {
            Err("`q` did not exit 0".to_string())
        }
    })();
    let mut report = |name: &str, outcome: Result<(), String>| {
        let result = if outcome.is_ok() { "ok" } else { "FAIL" };
        println!("{name:<34} {:>9}  {result}", "");
        if let Err(e) = outcome {
            failures.push(format!("== {name}\n{e}"));
        }
    };
    report("resized 100×30→10×5→500×30→100×30", shrink);
    // The loading screen while an index is built, in one cell: it once drew
    // its gauge below the terminal and panicked.
    let mut s = pty::Session::start_building(1, 1);
    let building = (|| -> Result<(), String> {
        s.wait_until(|sc| sc.trim() == "t")
            .map_err(|screen| format!("no message after building at 1×1:\n{screen}"))?;
        s.resize(100, 30);
        s.wait_until(is_the_explorer)
            .map_err(|screen| format!("did not recover at 100×30; screen:\n{screen}"))?;
        if s.quit()? {
            Ok(())
        } else {
            Err("`q` did not exit 0".to_string())
        }
    })();
    report("1×1 while building the index", building);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
