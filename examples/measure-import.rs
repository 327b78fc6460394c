//! Weighs the document readers `evidence import` uses against the
//! alternatives they were chosen over, on real-looking documents: for PDFs,
//! its own layout over pdf-extract's glyphs against pdf-extract's plain text
//! and lopdf's `extract_text`; for web pages, Readability (dom_smoothie)
//! against the plain rules alone. Prints, for each, the time taken (median
//! of 5 runs, in this process) and how much of the known text came back:
//! the share of the source's passages found whole, word for word, in the
//! output (with its words joined by single spaces), and for web pages the
//! pieces of page chrome that came along.
//!
//! ```sh
//! cargo run --release --example gen-documents -- --out target/bench-docs
//! cargo run --release --example measure-import -- target/bench-docs
//! ```

use evidence::corpus::Corpus;
use evidence::import::{Format, extract};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The median time of five runs of `f`, and its last result.
fn timed<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[2], last.expect("five runs"))
}

/// The share of `want` found whole in `text`.
fn recall(text: &str, want: &[String]) -> f64 {
    let text = fold(text);
    let found = want.iter().filter(|w| text.contains(&fold(w))).count();
    found as f64 / want.len().max(1) as f64
}

fn document_text(doc: &evidence::import::Document) -> String {
    doc.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn bundled(id: &str) -> Vec<String> {
    let corpus = Corpus::bundled();
    corpus
        .report(id)
        .map(|r| {
            r.passages
                .iter()
                .map(|p| p.text.replace("\\*", "*"))
                .collect()
        })
        .unwrap_or_default()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("measure-import: {}: {e}", path.display());
        std::process::exit(2)
    })
}

fn row(name: &str, what: &str, time: Duration, score: &str) {
    println!(
        "| {name} | {what} | {:.1} ms | {score} |",
        time.as_secs_f64() * 1000.0
    );
}

fn pdfs(fixtures: &Path, generated: &Path) {
    println!("\n| PDF | reader | time | passages found whole |");
    println!("|---|---|---|---|");
    let groff = read(&fixtures.join("buddying-two-column.pdf"));
    let want = bundled("buddying-review");
    let big = read(&generated.join("pdf-100.pdf"));
    for (name, bytes, want) in [
        ("groff, 2 columns, 2 pages", &groff, Some(&want)),
        ("generated, 100 pages", &big, None),
    ] {
        let (t, doc) = timed(|| extract::read_document(Format::Pdf, bytes));
        let score = |text: &str| match want {
            Some(w) => format!("{:.0} %", 100.0 * recall(text, w)),
            None => format!("{} words", text.split_whitespace().count()),
        };
        let ours = doc.map(|d| document_text(&d)).unwrap_or_default();
        row(
            name,
            "evidence (layout over pdf-extract glyphs)",
            t,
            &score(&ours),
        );
        let (t, plain) = timed(|| pdf_extract::extract_text_from_mem(bytes).unwrap_or_default());
        row(
            name,
            "pdf-extract `extract_text_from_mem`",
            t,
            &score(&plain),
        );
        let (t, lo) = timed(|| {
            lopdf::Document::load_mem(bytes)
                .ok()
                .and_then(|d| {
                    let pages: Vec<u32> = d.get_pages().keys().copied().collect();
                    d.extract_text(&pages).ok()
                })
                .unwrap_or_default()
        });
        row(name, "lopdf `extract_text`", t, &score(&lo));
    }
}

fn pages(fixtures: &Path) {
    println!("\n| web page | reader | time | passages found whole; chrome that came along |");
    println!("|---|---|---|---|");
    let page = read(&fixtures.join("seizing-the-opportunity.html"));
    let want = bundled("seizing-the-opportunity");
    let chrome = [
        "cookies",
        "Skip to main",
        "Share on social",
        "Related content",
        "newsletter",
        "Privacy policy",
        "registered charity",
        "Insight and analysis",
    ];
    let score = |text: &str| {
        let leaked: Vec<&str> = chrome
            .iter()
            .copied()
            .filter(|c| text.contains(c))
            .collect();
        format!(
            "{:.0} %; {}",
            100.0 * recall(text, &want),
            if leaked.is_empty() {
                "none".to_string()
            } else {
                leaked.join(", ")
            }
        )
    };
    let (t, doc) = timed(|| extract::read_document(Format::Html, &page));
    row(
        "blog post",
        "dom_smoothie (Readability), then blocks",
        t,
        &score(&doc.map(|d| document_text(&d)).unwrap_or_default()),
    );
    let (t, doc) = timed(|| extract::read_page_without_readability(&page));
    row(
        "blog post",
        "plain rules (<main>, less nav/header/footer/aside)",
        t,
        &score(&doc.map(|d| document_text(&d)).unwrap_or_default()),
    );
}

fn main() {
    let generated = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-docs"), PathBuf::from);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    pdfs(&fixtures, &generated);
    pages(&fixtures);
}
