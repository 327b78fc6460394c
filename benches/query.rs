//! Warm query latency, snippets, and start-up, on a built index.
//!
//! - one bench per query kind (common word, rare word, three words, a phrase,
//!   a misspelt word, a prefix, a word with report and theme filters), limit 20;
//!   `Index::search` always computes the facets, so every figure includes them;
//! - `snippets_50`: highlights and a snippet for each of 50 result rows;
//! - `keystrokes`: the searches the interface runs while `credentialing` is
//!   typed, one per keystroke, at its result limit of 500;
//! - `startup`: `Index::open_source` of a corpus folder whose index is built (what
//!   the command line and the interface do);
//! - `startup_full_parse`: `Corpus::from_folder` (every file parsed) plus `Index::open`.
//!
//! The queries are in `common/mod.rs`. `cargo bench --bench query`;
//! `EVIDENCE_BENCH_SIZES=bundled,10,100` for more corpora. Percentiles (p50/p99)
//! are printed by `cargo bench --bench latency`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use divan::Bencher;
use evidence::corpus::{Corpus, CorpusSource};
use evidence::search::snippet::{highlights, snippet};
use evidence::search::{Index, OpenOptions};

fn main() {
    // Build or open every index before timing starts.
    for size in common::sizes() {
        let _ = common::index(&size);
    }
    divan::main();
}

fn search(bencher: Bencher, size: &str, kind: &str) {
    let index = common::index(size);
    let request = common::request(&index, kind, 20);
    // Warm: the first search pages the index in.
    let first = index.search(&request).unwrap();
    assert!(
        first.total > 0 || kind == "filtered",
        "{kind} finds nothing in {size}"
    );
    bencher.bench(|| index.search(divan::black_box(&request)).unwrap());
}

macro_rules! kind {
    ($name:ident) => {
        #[divan::bench(args = common::sizes())]
        fn $name(bencher: Bencher, size: &str) {
            search(bencher, size, stringify!($name));
        }
    };
}

kind!(common);
kind!(rare);
kind!(three);
kind!(phrase);
kind!(misspelt);
kind!(prefix);
kind!(filtered);

/// Highlights and a 160-character snippet for 50 rows of a common word's results.
#[divan::bench(args = common::sizes())]
fn snippets_50(bencher: Bencher, size: &str) {
    let index = common::index(size);
    let request = common::request(&index, "common", 50);
    let results = index.search(&request).unwrap();
    let texts: Vec<&str> = results
        .hits
        .iter()
        .filter_map(|h| index.passage(h.ord).map(|(_, p)| p.text.as_str()))
        .collect();
    assert_eq!(texts.len(), 50.min(results.total));
    bencher.bench(|| {
        texts
            .iter()
            .map(|t| {
                let h = highlights(t, &results.terms);
                snippet(t, &h, 160)
            })
            .collect::<Vec<_>>()
    });
}

/// The interface's searches while `credentialing` is typed: one per prefix of
/// the word ("c", "cr", …), limit 500; the time is for all 13 together.
#[divan::bench(args = common::sizes())]
fn keystrokes(bencher: Bencher, size: &str) {
    let index = common::index(size);
    let requests = common::keystroke_requests();
    bencher.bench(|| {
        for r in &requests {
            divan::black_box(index.search(r).unwrap());
        }
    });
}

/// Start-up as the command line and the interface do it, with a built index:
/// `Index::open_source` lists the corpus files, checks the fingerprint and opens
/// the index and its catalog, reading no report until one is shown.
#[divan::bench(args = common::sizes(), sample_count = 10, sample_size = 1)]
fn startup(bencher: Bencher, size: &str) {
    let dir = common::corpus_dir(size);
    let _ = common::index(size);
    let options = OpenOptions {
        dir: Some(common::index_dir(size)),
        ..OpenOptions::default()
    };
    bencher.bench(|| {
        let source = CorpusSource::folder(&dir).unwrap();
        let index = Index::open_source(&source, &options, &|_, _| {}).unwrap();
        assert!(!index.info().built, "start-up rebuilt the index");
        index
    });
}

/// Start-up reading the whole corpus first: `Corpus::from_folder` (parses
/// every file) plus `Index::open` of the built index.
#[divan::bench(args = common::sizes(), sample_count = 3, sample_size = 1)]
fn startup_full_parse(bencher: Bencher, size: &str) {
    let dir = common::corpus_dir(size);
    let _ = common::index(size);
    let options = OpenOptions {
        dir: Some(common::index_dir(size)),
        ..OpenOptions::default()
    };
    bencher.bench(|| {
        let corpus = Corpus::from_folder(&dir).unwrap();
        let index = Index::open(corpus, &options, &|_, _| {}).unwrap();
        assert!(!index.info().built, "start-up rebuilt the index");
        index
    });
}
