//! Shared set-up for the benches: which corpus sizes to run, the corpus folders
//! (generated once into `target/bench-corpus/<size>` and reused), their built
//! indexes (`target/bench-index/<size>`), and the queries measured.
//!
//! `EVIDENCE_BENCH_SIZES` picks the corpora, comma-separated: `bundled` (the
//! corpus shipped in `corpus/`) and/or a number of MB to generate with
//! `examples/gen-corpus.rs` (seed 1). Default: `bundled,10`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[path = "../../examples/gen-corpus.rs"]
#[allow(dead_code, unused_imports)]
mod gen_corpus;

use evidence::corpus::{Corpus, CorpusSource};
use evidence::search::{Filters, Index, OpenOptions, SearchRequest};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The seed every generated bench corpus uses.
pub const SEED: u64 = 1;

/// The corpus sizes to bench, from `EVIDENCE_BENCH_SIZES`.
pub fn sizes() -> Vec<String> {
    let spec = std::env::var("EVIDENCE_BENCH_SIZES").unwrap_or_else(|_| "bundled,10".into());
    let sizes: Vec<String> = spec
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    for s in &sizes {
        if s != "bundled" && !s.parse::<f64>().is_ok_and(|n| n > 0.0) {
            panic!("EVIDENCE_BENCH_SIZES: `{s}` is neither `bundled` nor a number of MB");
        }
    }
    sizes
}

/// `target/` (or CARGO_TARGET_DIR).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The corpus folder for a size, written on first use.
pub fn corpus_dir(size: &str) -> PathBuf {
    let dir = target_dir().join("bench-corpus").join(size);
    if dir.join("themes.toml").is_file() {
        return dir;
    }
    // Write beside, then rename, so an interrupted run never leaves half a corpus.
    let tmp = target_dir()
        .join("bench-corpus")
        .join(format!(".{size}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    if size == "bundled" {
        evidence::corpus::write_bundled(&tmp).expect("write the bundled corpus");
    } else {
        let mb: f64 = size.parse().expect("a size in MB");
        eprintln!("generating a {mb} MB corpus into {} …", dir.display());
        gen_corpus::generate(&tmp, (mb * 1e6).round() as u64, SEED).expect("generate a corpus");
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&tmp, &dir).expect("move the corpus into place");
    dir
}

/// The index folder for a size (kept between runs; reopened when fresh).
pub fn index_dir(size: &str) -> PathBuf {
    target_dir().join("bench-index").join(size)
}

/// Total bytes of the corpus's report files (`.md`/`.txt`, not themes.toml or README.md).
pub fn corpus_bytes(dir: &Path) -> u64 {
    fn walk(dir: &Path, total: &mut u64) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(&path, total);
            } else if (name.ends_with(".md") || name.ends_with(".txt")) && name != "readme.md" {
                *total += entry.metadata().map_or(0, |m| m.len());
            }
        }
    }
    let mut total = 0;
    walk(dir, &mut total);
    total
}

/// Loads a size's corpus from its folder.
pub fn corpus(size: &str) -> Corpus {
    Corpus::from_folder(&corpus_dir(size)).expect("load the corpus")
}

/// The size's index, opened once per process as the command line opens it
/// (`Index::open_source`: built into `index_dir` when missing or stale, else
/// opened without reading the reports), shared by every bench that needs it.
pub fn index(size: &str) -> Arc<Index> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Index>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap();
    map.entry(size.to_string())
        .or_insert_with(|| {
            let options = OpenOptions {
                dir: Some(index_dir(size)),
                ..OpenOptions::default()
            };
            let source = CorpusSource::folder(&corpus_dir(size)).expect("a corpus folder");
            Arc::new(Index::open_source(&source, &options, &|_, _| {}).expect("open the index"))
        })
        .clone()
}

/// The query kinds measured, in order.
pub const KINDS: [&str; 8] = [
    "common", "rare", "three", "phrase", "misspelt", "prefix", "filtered", "question",
];

/// The query text of each kind (the same for every corpus).
pub fn query_text(kind: &str) -> &'static str {
    match kind {
        "common" => "services",
        "rare" => "credentialing",
        "three" => "merger staff costs",
        "phrase" => "\"due diligence\"",
        "misspelt" => "credentaling",
        "prefix" => "credential*",
        "filtered" => "merger",
        // Six telling words, most of them common: a question in a
        // researcher's words, ranked by how many of them a passage has.
        "question" => "how do hospital mergers affect staff and costs?",
        _ => panic!("unknown query kind {kind}"),
    }
}

/// The request for a query kind: limit 20, and for `filtered` the first two
/// reports in corpus order and the theme `mergers`.
pub fn request(index: &Index, kind: &str, limit: usize) -> SearchRequest {
    let mut r = SearchRequest::new(query_text(kind));
    r.limit = limit;
    if kind == "filtered" {
        r.filters = Filters {
            reports: index
                .corpus()
                .reports
                .iter()
                .take(2)
                .map(|r| r.id.clone())
                .collect(),
            themes: vec!["mergers".to_string()],
            ..Filters::default()
        };
    }
    r
}

/// Current and peak resident memory of this process, in MiB (Linux).
pub fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The word the interface benches type, one key at a time.
pub const TYPED: &str = "credentialing";

/// The searches the interface runs while [`TYPED`] is typed: one per prefix
/// ("c", "cr", …), at the interface's result limit of 500.
pub fn keystroke_requests() -> Vec<SearchRequest> {
    (1..=TYPED.len())
        .map(|n| {
            let mut r = SearchRequest::new(&TYPED[..n]);
            r.limit = 500;
            r
        })
        .collect()
}

/// Sorts timings (ms) and gives their spread, for the benches' tables.
pub fn spread(ms: &mut [f64]) -> Spread {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[(((ms.len() as f64 - 1.0) * p).round() as usize).min(ms.len() - 1)];
    Spread {
        runs: ms.len(),
        p50: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        max: ms[ms.len() - 1],
    }
}

/// How many runs, and their percentiles and worst, in milliseconds.
pub struct Spread {
    pub runs: usize,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl std::fmt::Display for Spread {
    /// A markdown table's cells: `runs | p50 | p90 | p99 | max`, with the
    /// formatter's precision (`{:.3}`), one decimal by default.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = f.precision().unwrap_or(1);
        write!(
            f,
            "{} | {:.d$} | {:.d$} | {:.d$} | {:.d$}",
            self.runs, self.p50, self.p90, self.p99, self.max
        )
    }
}
