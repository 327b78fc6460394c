//! What an edit costs (#19), on a copy of a corpus folder, with the release
//! binary run as a user runs it (whole process, warm page cache):
//!
//! - the full build (`index --rebuild`, median of three) in MB/s;
//! - one file edited (a paragraph appended), added or removed, then the next
//!   `search`: the update and the search in one process;
//! - with the index current, `search` of each query kind beside the listing
//!   floor (`find DIR -printf '%s %T@'`, which stats every file as a
//!   search must);
//! - the crossover: a share of the files edited, then `index` updating
//!   (forced with `EVIDENCE_UPDATE_SHARE=1`) against `index --rebuild`;
//! - many single-file edits applied one by one (the library's open, as the
//!   explorer applies them), then warm search latency per query kind
//!   against a fresh build of the same files.
//!
//! ```sh
//! cargo build --release
//! EVIDENCE_UPDATE_CORPUS=DIR EVIDENCE_UPDATE_EDITS=1000 cargo bench --bench update
//! ```
//!
//! `EVIDENCE_UPDATE_CORPUS` defaults to the generated 10 MB bench corpus,
//! `EVIDENCE_UPDATE_EDITS` to 200; `EVIDENCE_UPDATE_PARTS` picks parts
//! (comma-separated: `build`, `edit`, `kinds`, `crossover`, `many`; default
//! all). Prints markdown tables.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use evidence::corpus::CorpusSource;
use evidence::search::{Index, OpenOptions};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_evidence"))
}

/// Runs the binary on the corpus copy; returns its wall time in ms.
fn timed(corpus: &Path, index: &Path, args: &[&str], env: &[(&str, &str)]) -> f64 {
    let mut cmd = Command::new(exe());
    cmd.arg("--corpus")
        .arg(corpus)
        .arg("--index-dir")
        .arg(index)
        .args(args)
        .env("EVIDENCE_NO_HISTORY", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let out = cmd.output().expect("run evidence");
    let ms = started.elapsed().as_secs_f64() * 1e3;
    assert!(
        out.status.success(),
        "evidence {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ms
}

fn listing_ms(corpus: &Path) -> f64 {
    let started = Instant::now();
    let out = Command::new("find")
        .arg(corpus)
        .args(["-printf", "%s %T@\n"])
        .stdout(Stdio::null())
        .status()
        .expect("run find");
    assert!(out.success());
    started.elapsed().as_secs_f64() * 1e3
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// Report files under a folder, sorted.
fn report_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Appends a paragraph to a file (a later modification time follows).
fn edit(path: &Path, n: usize) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str(&format!(
        "\n\nAn edit, number {n}: mergers of services and staff costs revisited.\n"
    ));
    fs::write(path, text).unwrap();
}

fn main() {
    let source = std::env::var_os("EVIDENCE_UPDATE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::corpus_dir("10"));
    let edits: usize = std::env::var("EVIDENCE_UPDATE_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let parts = std::env::var("EVIDENCE_UPDATE_PARTS")
        .unwrap_or_else(|_| "build,edit,kinds,crossover,many".to_string());
    let part = |name: &str| parts.split(',').any(|p| p.trim() == name);
    let work = common::target_dir().join("bench-update");
    let _ = fs::remove_dir_all(&work);
    let corpus = work.join("corpus");
    let index = work.join("index");
    copy_tree(&source, &corpus);
    let files = report_files(&corpus);
    let mb = common::corpus_bytes(&corpus) as f64 / 1e6;
    println!(
        "\n## {}: {mb:.1} MB in {} files\n",
        source.display(),
        files.len()
    );

    // The full build.
    let runs = if part("build") { 3 } else { 1 };
    let mut builds: Vec<f64> = (0..runs)
        .map(|_| timed(&corpus, &index, &["index", "--rebuild"], &[]))
        .collect();
    let build = median(&mut builds);
    println!("| figure | result |\n|---|---|");
    println!(
        "| index build (`index --rebuild`, median of {runs}) | {:.2} s, {:.1} MB/s |",
        build / 1e3,
        mb / (build / 1e3)
    );

    // One file edited, added or removed, then the next search.
    if part("edit") {
        edit_one(&corpus, &index, &files);
    }
    if part("kinds") {
        kinds(&corpus, &index);
    }
    if part("crossover") {
        crossover(&corpus, &index, &files);
    }
    if part("many") {
        many(&work, &corpus, &index, &files, edits);
    }
}

fn edit_one(corpus: &Path, index: &Path, files: &[PathBuf]) {
    let (corpus, index) = (corpus.to_path_buf(), index.to_path_buf());
    let search = ["search", "mergers", "--json", "--limit", "5"];
    let mut edited: Vec<f64> = (0..10)
        .map(|i| {
            edit(&files[(i * 7919) % files.len()], i);
            timed(&corpus, &index, &search, &[])
        })
        .collect();
    let mut current: Vec<f64> = (0..5)
        .map(|_| timed(&corpus, &index, &search, &[]))
        .collect();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for i in 0..5 {
        let new = corpus.join(format!("added-{i}.md"));
        fs::copy(&files[(i * 104_729) % files.len()], &new).unwrap();
        let text = fs::read_to_string(&new).unwrap();
        // A copy needs its own report id.
        fs::write(
            &new,
            text.replacen("id = \"", &format!("id = \"added-{i}-"), 1),
        )
        .unwrap();
        added.push(timed(&corpus, &index, &search, &[]));
        fs::remove_file(&new).unwrap();
        removed.push(timed(&corpus, &index, &search, &[]));
    }
    let show = |v: &mut Vec<f64>| {
        let m = median(v);
        format!("{m:.0} ms (max {:.0})", v.last().copied().unwrap_or(m))
    };
    println!(
        "| edit one file → next `search`, whole process (10 edits) | {} |",
        show(&mut edited)
    );
    println!(
        "| add one file → next `search` (5) | {} |",
        show(&mut added)
    );
    println!(
        "| remove one file → next `search` (5) | {} |",
        show(&mut removed)
    );
    println!(
        "| the same search, index current | {} |",
        show(&mut current)
    );
}

/// Whole-process search of each kind beside the listing floor.
fn kinds(corpus: &Path, index: &Path) {
    let mut floor: Vec<f64> = (0..10).map(|_| listing_ms(corpus)).collect();
    let floor = median(&mut floor);
    println!("\n| kind | `search`, whole process (median of 10) | listing floor | difference |");
    println!("|---|---|---|---|");
    for kind in common::KINDS {
        let text = common::query_text(kind);
        let mut args = vec!["search", text, "--json"];
        if kind == "filtered" {
            args.extend(["--theme", "mergers"]);
        }
        let mut t: Vec<f64> = (0..10).map(|_| timed(corpus, index, &args, &[])).collect();
        let t = median(&mut t);
        println!(
            "| {kind} | {t:.1} ms | {floor:.1} ms | {:+.1} ms |",
            t - floor
        );
    }
}

/// The crossover between updating and rebuilding.
fn crossover(corpus: &Path, index: &Path, files: &[PathBuf]) {
    println!("\n| files changed | `index` updating | `index --rebuild` |");
    println!("|---|---|---|");
    let mut n = 1_000_000;
    for share in [0.01, 0.05, 0.1, 0.2, 0.3, 0.5] {
        let count = ((files.len() as f64 * share).round() as usize).max(1);
        let pick = |k: usize| &files[(k * 7919 + 13) % files.len()];
        for k in 0..count {
            n += 1;
            edit(pick(k), n);
        }
        let update = timed(corpus, index, &["index"], &[("EVIDENCE_UPDATE_SHARE", "1")]);
        for k in 0..count {
            n += 1;
            edit(pick(k), n);
        }
        let rebuild = timed(corpus, index, &["index", "--rebuild"], &[]);
        println!(
            "| {:.0} % ({count}) | {:.2} s | {:.2} s |",
            share * 100.0,
            update / 1e3,
            rebuild / 1e3
        );
    }
}

/// Many single-file edits, then warm latency against a fresh build.
fn many(work: &Path, corpus: &Path, index: &Path, files: &[PathBuf], edits: usize) {
    let n = 2_000_000;
    let options = OpenOptions {
        dir: Some(index.to_path_buf()),
        ..OpenOptions::default()
    };
    let folder = CorpusSource::folder(corpus).unwrap();
    drop(Index::open_source(&folder, &options, &|_, _| {}).unwrap());
    let mut slowest = Duration::ZERO;
    let mut total = Duration::ZERO;
    for i in 0..edits {
        // A researcher's own few documents, edited again and again, and now
        // and then another.
        let at = if i % 10 == 9 { i * 7919 } else { i % 20 };
        edit(&files[at % files.len()], n + i);
        let started = Instant::now();
        let opened = Index::open_source(&folder, &options, &|_, _| {}).unwrap();
        let took = started.elapsed();
        assert!(
            opened.info().updated.is_some(),
            "edit {i} rebuilt the index"
        );
        slowest = slowest.max(took);
        total += took;
    }
    let updated = Index::open_source(&folder, &options, &|_, _| {}).unwrap();
    let fresh_options = OpenOptions {
        dir: Some(work.join("fresh")),
        rebuild: true,
        ..OpenOptions::default()
    };
    let fresh = Index::open_source(&folder, &fresh_options, &|_, _| {}).unwrap();
    println!(
        "\n{edits} single-file edits applied one by one: {:.0} ms each on average, slowest {:.0} ms; \
         warm latency (ms, 300 runs a kind) after them and on a fresh build of the same files:\n",
        total.as_secs_f64() * 1e3 / edits.max(1) as f64,
        slowest.as_secs_f64() * 1e3
    );
    println!("| kind | after edits p50 | p99 | fresh p50 | p99 | p99 ratio |");
    println!("|---|---|---|---|---|---|");
    for kind in common::KINDS {
        let measure = |index: &Index| {
            let request = common::request(index, kind, 20);
            for _ in 0..20 {
                index.search(&request).unwrap();
            }
            let mut ms: Vec<f64> = (0..300)
                .map(|_| {
                    let t = Instant::now();
                    index.search(&request).unwrap();
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            let s = common::spread(&mut ms);
            (s.p50, s.p99)
        };
        let (a50, a99) = measure(&updated);
        let (f50, f99) = measure(&fresh);
        println!(
            "| {kind} | {a50:.3} | {a99:.3} | {f50:.3} | {f99:.3} | {:.2} |",
            a99 / f99
        );
    }
}
