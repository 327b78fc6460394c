//! Latency percentiles, which divan does not report: each query kind run
//! hundreds of times warm (limit 20, facets included), the interface's
//! per-keystroke searches (limit 500) and its first search (the empty query),
//! plus start-up split into parsing the corpus and opening the built index, and
//! this process's resident memory. Prints markdown tables.
//!
//! `cargo bench --bench latency`; `EVIDENCE_BENCH_SIZES=bundled,10,100` for more.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use evidence::corpus::{Corpus, CorpusSource};
use evidence::search::{Index, OpenOptions, SearchRequest, store};
use std::time::{Duration, Instant};

/// Runs `f` until `budget` is spent (at least `min`, at most `max` times) after
/// `warm` unmeasured runs; returns the durations.
fn sample(mut f: impl FnMut(), warm: usize, min: usize, max: usize, budget: Duration) -> Vec<f64> {
    for _ in 0..warm {
        f();
    }
    let started = Instant::now();
    let mut out = Vec::new();
    while out.len() < min || (out.len() < max && started.elapsed() < budget) {
        let t = Instant::now();
        f();
        out.push(t.elapsed().as_secs_f64() * 1e3);
    }
    out
}

fn row(name: &str, extra: &str, ms: &mut [f64]) {
    println!("| {name} | {extra} | {:.3} |", common::spread(ms));
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    for size in common::sizes() {
        let dir = common::corpus_dir(&size);
        let mb = common::corpus_bytes(&dir) as f64 / 1e6;
        let index = common::index(&size); // builds the index if needed
        let passages = index.info().passages;
        let reports = index.corpus().reports.len();
        println!(
            "\n## {size}: {mb:.1} MB, {reports} reports, {passages} passages, index {:.1} MB\n",
            index.info().size_bytes as f64 / 1e6
        );

        // Start-up: parse, then open the built index (3 runs each, median).
        let options = OpenOptions {
            dir: Some(common::index_dir(&size)),
            ..OpenOptions::default()
        };
        let mut lazy = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let source = CorpusSource::folder(&dir).unwrap();
            let opened = Index::open_source(&source, &options, &|_, _| {}).unwrap();
            lazy.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(!opened.info().built);
        }
        lazy.sort_by(f64::total_cmp);
        println!(
            "start-up (median of 5): Index::open_source (no report read) {:.1} ms",
            lazy[2]
        );
        // Where open_source's time goes: listing and fingerprinting the files,
        // and reading the catalog (report metadata) stored with the index.
        let source = CorpusSource::folder(&dir).unwrap();
        let median = |f: &mut dyn FnMut()| {
            let mut ms: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            ms[2]
        };
        let files = source.scan().files.len();
        let scan_ms = median(&mut || {
            std::hint::black_box(source.scan());
        });
        let generation = store::current_generation(&common::index_dir(&size)).unwrap();
        let catalog_kb =
            std::fs::metadata(generation.join(store::CATALOG)).map_or(0, |m| m.len()) / 1024;
        let catalog_ms = median(&mut || {
            std::hint::black_box(store::read_catalog(&generation, &dir));
        });
        println!(
            "  of which: listing and fingerprinting {files} files {scan_ms:.1} ms; reading the catalog ({catalog_kb} KiB) {catalog_ms:.1} ms"
        );

        // A search's first run after opening reads (parses) the reports its
        // hits are in: what one `evidence search` process pays.
        println!(
            "\n| query | first search after open, ms (median of 3) | reports read | MB of reports read |"
        );
        println!("|---|---|---|---|");
        for kind in common::KINDS {
            let mut runs = Vec::new();
            let mut read = (0, 0u64);
            for _ in 0..3 {
                let fresh = Index::open_source(&source, &options, &|_, _| {}).unwrap();
                let request = common::request(&fresh, kind, 20);
                let t = Instant::now();
                std::hint::black_box(fresh.search(&request).unwrap());
                runs.push(t.elapsed().as_secs_f64() * 1e3);
                let loaded: Vec<_> = fresh
                    .corpus()
                    .reports
                    .iter()
                    .filter(|r| r.passages.is_loaded())
                    .collect();
                read = (
                    loaded.len(),
                    loaded
                        .iter()
                        .map(|r| std::fs::metadata(dir.join(&r.path)).map_or(0, |m| m.len()))
                        .sum(),
                );
            }
            runs.sort_by(f64::total_cmp);
            println!(
                "| {kind} | {:.1} | {} | {:.2} |",
                runs[1],
                read.0,
                read.1 as f64 / 1e6
            );
        }
        println!();

        let mut parse = Vec::new();
        let mut open = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let corpus = Corpus::from_folder(&dir).unwrap();
            parse.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let opened = Index::open(corpus, &options, &|_, _| {}).unwrap();
            open.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(!opened.info().built);
        }
        parse.sort_by(f64::total_cmp);
        open.sort_by(f64::total_cmp);
        println!(
            "start-up reading every file (median of 3): Corpus::from_folder {:.1} ms + Index::open {:.1} ms = {:.1} ms",
            parse[1],
            open[1],
            parse[1] + open[1]
        );

        println!("\n| query | detail | runs | p50 ms | p90 ms | p99 ms | max ms |");
        println!("|---|---|---|---|---|---|---|");
        let budget = Duration::from_secs(2);
        for kind in common::KINDS {
            let request = common::request(&index, kind, 20);
            let total = index.search(&request).unwrap().total;
            let mut ms = sample(
                || {
                    std::hint::black_box(index.search(&request).unwrap());
                },
                20,
                100,
                2000,
                budget,
            );
            row(
                kind,
                &format!("`{}`, {total} matches", common::query_text(kind)),
                &mut ms,
            );
        }
        // The interface's first search: the empty query lists every passage.
        let mut empty = SearchRequest::new("");
        empty.limit = 500;
        let mut ms = sample(
            || {
                std::hint::black_box(index.search(&empty).unwrap());
            },
            3,
            20,
            500,
            budget,
        );
        row("empty (TUI start)", "limit 500, every passage", &mut ms);
        // One search per keystroke of "credentialing", limit 500.
        let requests = common::keystroke_requests();
        let mut ms = Vec::new();
        let started = Instant::now();
        for _ in 0..3 {
            for r in &requests {
                index.search(r).unwrap();
            }
        }
        while ms.len() < 13 * 20 || (ms.len() < 13 * 200 && started.elapsed() < budget) {
            for r in &requests {
                let t = Instant::now();
                std::hint::black_box(index.search(r).unwrap());
                ms.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        row(
            "keystroke",
            "each prefix of `credentialing`, limit 500",
            &mut ms,
        );

        let (rss, peak) = common::rss_mib();
        println!("\nresident memory of this process: {rss:.0} MiB now, {peak:.0} MiB peak");
    }
}
