// Throwaway: tantivy's indexing ceiling on this machine (not committed).
use std::time::Instant;
use tantivy::doc;
use tantivy::schema::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let mode = args.get(2).map(String::as_str).unwrap_or("body");
    let mut texts = Vec::new();
    let mut bytes = 0;
    for e in walk(std::path::Path::new(dir)) {
        let s = std::fs::read_to_string(&e).unwrap();
        bytes += s.len();
        for p in s.split("\n\n") {
            texts.push(p.to_string());
        }
    }
    println!("{} paragraphs, {} MB", texts.len(), bytes as f64 / 1e6);
    let mut b = Schema::builder();
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let body = b.add_text_field("body", opts);
    let plain = b.add_text_field(
        "plain",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    let schema = b.build();
    let out = tempfile::tempdir().unwrap();
    let index = tantivy::Index::create_in_dir(out.path(), schema).unwrap();
    index.tokenizers().register("en_stem", if mode.starts_with("ours") { evidence::search::analysis::stemmed() } else { tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default()).filter(tantivy::tokenizer::LowerCaser).filter(tantivy::tokenizer::Stemmer::new(tantivy::tokenizer::Language::English)).build() });
    if mode.starts_with("ours") {
        index
            .tokenizers()
            .register("default", evidence::search::analysis::plain());
    }
    let t = Instant::now();
    let mut w: tantivy::IndexWriter = index.writer_with_num_threads(2, 200_000_000).unwrap();
    for p in &texts {
        if mode.ends_with("both") {
            w.add_document(doc!(body => p.as_str(), plain => p.as_str()))
                .unwrap();
        } else {
            w.add_document(doc!(body => p.as_str())).unwrap();
        }
    }
    w.commit().unwrap();
    let el = t.elapsed().as_secs_f64();
    println!("{mode}: {:.2} s, {:.1} MB/s", el, bytes as f64 / 1e6 / el);
}
fn walk(d: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            v.push(p);
        }
    }
    v
}
