//! Times words in context on a corpus folder, as the explorer's worker
//! does it: the concordance's passages (compiling and matching the query),
//! the first screenful in report order (the first 100 occurrences), every
//! occurrence (the full count), a sort by the word to the left, and the
//! collocates. For BENCHMARKS.md:
//!
//! ```sh
//! cargo run --release --example measure-kwic -- CORPUS_DIR INDEX_DIR WORD…
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use evidence::corpus::CorpusSource;
use evidence::search::kwic::Sort;
use evidence::search::{Filters, Index, OpenOptions};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().expect("a corpus folder"));
    let dir = PathBuf::from(args.next().expect("an index folder"));
    let source = CorpusSource::chosen(Some(&corpus)).expect("a corpus folder");
    let options = OpenOptions {
        dir: Some(dir),
        ..OpenOptions::default()
    };
    let t = Instant::now();
    let index = Index::open_source(&source, &options, &|_, _| {}).expect("open the index");
    println!("open: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    for word in args {
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let c = index.concordance(&word, &Filters::default()).unwrap();
        let plan = ms(t);
        // The first screenful, as the worker streams it.
        let mut first = 0;
        let mut at_first = None;
        for &ord in &c.ords {
            first += index.occurrences(&c, ord).len();
            if first >= 100 {
                at_first = Some(ms(t));
                break;
            }
        }
        let all = index.all_occurrences(&c, &mut |_| true).unwrap();
        let counted = ms(t);
        let totals = index.totals(&all);
        let mut sorted = all.clone();
        let s = Instant::now();
        index.sort_occurrences(&mut sorted, Sort::Left);
        let sort = ms(s);
        let s = Instant::now();
        let collocates = index.collocates(&all, 5);
        let colloc = ms(s);
        println!(
            "{word}: {} occurrences in {} passages of {} reports; passages {plan:.0} ms, \
             first 100 {:.0} ms, all {counted:.0} ms, sort by left {sort:.0} ms, \
             collocates ({}) {colloc:.0} ms",
            totals.occurrences,
            totals.passages,
            totals.reports,
            at_first.unwrap_or(counted),
            collocates.len()
        );
    }
}
