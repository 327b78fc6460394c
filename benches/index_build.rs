//! Index build throughput: a whole tantivy index of every passage, written into
//! a fresh folder (`OpenOptions { rebuild: true, .. }`), with the corpus already
//! parsed; and, separately, reading and parsing the corpus folder. Throughput
//! is the corpus's report bytes over the time (divan prints it per second).
//!
//! `cargo bench --bench index_build`; `EVIDENCE_BENCH_SIZES=bundled,10,100` for more.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use divan::Bencher;
use divan::counter::BytesCount;
use evidence::corpus::Corpus;
use evidence::search::{Index, OpenOptions};

fn main() {
    divan::main();
}

/// Parsed corpus in, index on disk out (3 builds per size).
#[divan::bench(args = common::sizes(), sample_count = 3, sample_size = 1)]
fn build(bencher: Bencher, size: &str) {
    let dir = common::corpus_dir(size);
    let bytes = common::corpus_bytes(&dir);
    let corpus = common::corpus(size);
    let scratch = common::target_dir().join("bench-tmp");
    std::fs::create_dir_all(&scratch).unwrap();
    bencher
        .counter(BytesCount::new(bytes))
        .with_inputs(|| (corpus.clone(), tempfile::tempdir_in(&scratch).unwrap()))
        .bench_values(|(corpus, tmp)| {
            let options = OpenOptions {
                dir: Some(tmp.path().to_path_buf()),
                rebuild: true,
                ..OpenOptions::default()
            };
            let index = Index::open(corpus, &options, &|_, _| {}).unwrap();
            (index, tmp)
        });
}

/// Reading and parsing the corpus folder (`Corpus::from_folder`).
#[divan::bench(args = common::sizes(), sample_count = 3, sample_size = 1)]
fn parse(bencher: Bencher, size: &str) {
    let dir = common::corpus_dir(size);
    let bytes = common::corpus_bytes(&dir);
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| Corpus::from_folder(&dir).unwrap());
}
