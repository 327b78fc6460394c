//! Writes documents for measuring `evidence import`: a 100-page and a
//! 500-page single-column PDF, and a folder of 50 mixed documents (PDFs of
//! a few pages, Word documents and web pages), all with real words.
//!
//! ```sh
//! cargo run --release --example gen-documents -- --out target/bench-docs
//! ```
//!
//! The documents come from the tests' own writers (tests/util/docs.rs).

#[path = "../tests/util/docs.rs"]
mod docs;

use std::path::PathBuf;

/// A PDF of about `pages` pages of prose (one column, 44 lines a page).
fn pdf_of(pages: usize) -> Vec<u8> {
    let layout = docs::Layout {
        title: Some(format!("A report of {pages} pages")),
        author: Some("Evidence Benchmarks".into()),
        created: Some("D:20240101000000Z".into()),
        page_numbers: true,
        header: Some("A long report for measuring import".into()),
        ..docs::Layout::default()
    };
    let count = |paras: usize| -> (usize, Vec<u8>) {
        let bytes = docs::pdf(&docs::prose(paras), &layout);
        let pages = String::from_utf8_lossy(&bytes)
            .split("/Count ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next()?.parse::<usize>().ok())
            .unwrap_or(0);
        (pages, bytes)
    };
    // A first guess, scaled by what it gave, then a paragraph at a time
    // until the page count is reached.
    let guess = pages * 6;
    let (got, _) = count(guess);
    let mut paras = (guess * pages / got.max(1)).max(1);
    loop {
        let (got, bytes) = count(paras);
        if got >= pages {
            return bytes;
        }
        paras += (pages - got).max(1) * 4;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| PathBuf::from("target/bench-docs"), PathBuf::from);
    let mixed = out.join("mixed");
    if let Err(e) = std::fs::create_dir_all(&mixed) {
        eprintln!("gen-documents: {}: {e}", mixed.display());
        std::process::exit(2);
    }
    let write = |name: PathBuf, bytes: &[u8]| {
        if let Err(e) = std::fs::write(&name, bytes) {
            eprintln!("gen-documents: {}: {e}", name.display());
            std::process::exit(2);
        }
    };
    write(out.join("pdf-100.pdf"), &pdf_of(100));
    write(out.join("pdf-500.pdf"), &pdf_of(500));
    for i in 0..50 {
        let paras = docs::prose(12 + i * 3);
        match i % 3 {
            0 => write(mixed.join(format!("report-{i:02}.pdf")), &pdf_of(2 + i % 9)),
            1 => {
                let parts: Vec<docs::DocxPart> = paras
                    .iter()
                    .map(|p| match p {
                        docs::Para::Heading(t) => docs::DocxPart::Heading(1, t.clone()),
                        docs::Para::Text(t) | docs::Para::Bullet(t) | docs::Para::Footnote(t) => {
                            docs::DocxPart::Para(t.clone())
                        }
                    })
                    .collect();
                write(
                    mixed.join(format!("response-{i:02}.docx")),
                    &docs::docx(&parts, Some("A response"), Some("A. Author"), None),
                );
            }
            _ => {
                let body: String = paras
                    .iter()
                    .map(|p| match p {
                        docs::Para::Heading(t) => format!("<h2>{t}</h2>"),
                        docs::Para::Text(t) | docs::Para::Bullet(t) | docs::Para::Footnote(t) => {
                            format!("<p>{t}</p>")
                        }
                    })
                    .collect();
                let page = docs::web_page(
                    &format!("Article {i}"),
                    "A. Writer",
                    "2024-01-01",
                    &format!("https://example.org/article-{i}"),
                    &body,
                );
                write(mixed.join(format!("article-{i:02}.html")), page.as_bytes());
            }
        }
    }
    println!(
        "wrote {} (pdf-100.pdf, pdf-500.pdf, mixed/ of 50)",
        out.display()
    );
}
