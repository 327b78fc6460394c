//! The proof that curation lost nothing and added nothing: every sentence of the
//! evidence pack's text (`tests/fixtures/dalton-review-evidence-base.txt`, less
//! its page headers) occurs, word for word, in the bundled corpus's markdown, and
//! every passage's words occur, in order, in the pack. Words are compared
//! lowercased, with apostrophes dropped and every other non-alphanumeric
//! character a word break, so typography and markdown syntax do not count but
//! every word and its order do. Unit tests on the helpers show that a dropped
//! sentence or an added word would be caught.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use evidence::corpus::Corpus;
use std::fs;
use std::path::{Path, PathBuf};

/// The lines of the source that are page furniture, not text: the page headers
/// ("Commissioned work", "Digest") and each page's report-title lines, which the
/// corpus keeps in front matter instead. Compared with each line trimmed.
const PAGE_HEADERS: &[&str] = &[
    "Commissioned work",
    "Digest",
    "Overview",
    "Buddying Review, September 2014, Foundation Trust Network",
    "Provider chains: lessons from other sectors, A report for the Dalton review into new options for providers of",
    "NHS care, August 2014, Nuffield Trust",
    "The changing hospital landscape: An exploration of international experiences, RAND Europe (July 2014)",
    "Credentialing providers to take on additional responsibilities: An analysis of the evidence & stakeholder views,",
    "The King’s Fund (September 2014)",
    "State of Care 2013/14, Care Quality Commission (1)",
    "State of Care 2013/14, Care Quality Commission (2)",
    "Big Med, The New Yorker, Aug 13, 2012, Atul Gawande (1)",
    "Big Med, The New Yorker, Aug 13, 2012, Atul Gawande (2)",
    "How not to fix US health care – Copy the Cheesecake Factory, Forbes, Aug 13 2012, Steve Denning (1)",
    "Seizing the opportunity: FTN lecture by Rt Hon Alan Milburn: ten new perspectives from healthcare leaders",
    "(2014), FTN (1)",
    "(2014), FTN (2)",
    "(2014), FTN (3)",
    "Facing the future: smaller acute providers, Monitor (June 2014) (1)",
    "Facing the future: smaller acute providers, Monitor (June 2014) (2)",
    "Future organisational models for the NHS: Perspectives for the Dalton review, The King’s Fund and FTN",
    "(July\u{a0}2014) (1)", // with a no-break space, as the pack has it
    "(July 2014) (2)",
    "Improving NHS Care by Engaging Staff and Devolving Decision-Making: Report of the Review of Staff",
    "Engagement and Empowerment in the NHS, The Kings Fund (July 2014) (1)",
    "Westminster Discussion No. 4, Series 12, NHS Trust Mergers: Where have we got to?",
    "(Monday 9 June 2014) (1)",
    "(Monday 9 June 2014) (2)",
    "Michael West (2014), Developing cultures of high-quality care, Lecture Michael West et al. (2014), Delivering a",
    "collective leadership strategy for health care",
];

/// Marks a page break in the joined source text, so that a page's last words
/// (which the pack sometimes leaves without a full stop, as in the overview) and
/// the next page's first words are not one sentence.
const PAGE_BREAK: char = '\u{b6}'; // ¶

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pack's text: the copy kept with the tests, or the shared source beside
/// this repository when the copy is missing.
fn source_path() -> PathBuf {
    let copy = manifest_dir().join("tests/fixtures/dalton-review-evidence-base.txt");
    if copy.exists() {
        return copy;
    }
    manifest_dir().join("../shared/source/dalton-review-evidence-base.txt")
}

/// The raw text of the evidence pack.
fn source_text() -> String {
    let path = source_path();
    fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the evidence pack's text at {} ({e}). The coverage test compares the \
             bundled corpus with it; it is kept in tests/fixtures/.",
            path.display()
        )
    })
}

fn is_page_header(line: &str) -> bool {
    let line = line.trim();
    PAGE_HEADERS.contains(&line)
}

/// The source's text with page furniture dropped and its lines joined;
/// `PAGE_BREAK` stands where header lines were.
fn source_body(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if is_page_header(line) {
            out.push(PAGE_BREAK);
        } else {
            out.push_str(line);
        }
        out.push(' ');
    }
    out
}

/// Splits text into sentences: at `.`, `?`, `!`, `;`, bullets and page breaks.
fn sentences(text: &str) -> Vec<String> {
    text.split(['.', '?', '!', ';', '•', PAGE_BREAK])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !words(s).is_empty())
        .collect()
}

/// Lowercase alphanumeric words: apostrophes (’ and ') vanish, so "King’s" is
/// "kings"; every other non-alphanumeric character separates words.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c == '’' || c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Words joined with single spaces and padded with one at each end, so that a
/// contiguous run of words is a substring search for " a b c ".
fn word_line(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

/// Drops `<!-- … -->` comments (the passage markers).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A corpus file's markdown body: what follows the `+++` front matter.
fn body_of(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return text;
    };
    match rest.find("\n+++\n") {
        Some(end) => &rest[end + 5..],
        None => rest,
    }
}

/// The bundled corpus's markdown files, in path order.
fn corpus_files() -> Vec<PathBuf> {
    let dir = manifest_dir().join("corpus");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("read the corpus folder")
        .map(|e| e.expect("a corpus folder entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    files.sort();
    files
}

/// All corpus bodies (headings included), markers stripped, joined.
fn corpus_body() -> String {
    let mut out = String::new();
    for path in corpus_files() {
        let text = fs::read_to_string(&path).expect("read a corpus file");
        out.push_str(&strip_comments(body_of(&text)));
        out.push('\n');
    }
    out
}

/// The source sentences whose words do not occur, contiguously, in `corpus`.
fn missing_sentences(source_body: &str, corpus: &str) -> Vec<String> {
    let haystack = word_line(corpus);
    sentences(source_body)
        .into_iter()
        .filter(|s| !haystack.contains(&word_line(s)))
        .collect()
}

/// The texts whose words do not occur, contiguously, in the source.
fn not_in_source<'a>(texts: impl IntoIterator<Item = &'a str>, source_body: &str) -> Vec<&'a str> {
    let haystack = word_line(source_body);
    texts
        .into_iter()
        .filter(|t| !haystack.contains(&word_line(t)))
        .collect()
}

// ---------------------------------------------------------------------------
// The corpus against the source

#[test]
fn every_page_header_listed_is_in_the_source() {
    let text = source_text();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for header in PAGE_HEADERS {
        assert!(
            lines.contains(header),
            "page header {header:?} is not a line of the source"
        );
    }
}

#[test]
fn every_source_sentence_is_in_the_corpus() {
    let body = source_body(&source_text());
    let count = sentences(&body).len();
    assert!(count > 400, "only {count} sentences read from the source");
    let missing = missing_sentences(&body, &corpus_body());
    assert!(
        missing.is_empty(),
        "{} of {count} source sentences are not in the corpus:\n{}",
        missing.len(),
        missing
            .iter()
            .map(|s| format!("  - {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_passage_is_in_the_source() {
    let body = source_body(&source_text()).replace(PAGE_BREAK, " ");
    let corpus = Corpus::bundled();
    assert!(corpus.passage_count() > 200);
    let texts: Vec<&str> = corpus.passages().map(|(_, p)| p.text.as_str()).collect();
    let added = not_in_source(texts, &body);
    assert!(
        added.is_empty(),
        "{} passages have words that are not in the source:\n{}",
        added.len(),
        added
            .iter()
            .map(|s| format!("  - {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_section_heading_is_in_the_source() {
    let body = source_body(&source_text()).replace(PAGE_BREAK, " ");
    let corpus = Corpus::bundled();
    let sections: Vec<&str> = corpus
        .passages()
        .filter_map(|(_, p)| p.section.as_deref())
        .collect();
    assert!(!sections.is_empty());
    let added = not_in_source(sections, &body);
    assert!(added.is_empty(), "headings not in the source: {added:?}");
}

// ---------------------------------------------------------------------------
// The helpers catch what they are meant to catch

#[test]
fn words_ignore_typography_but_keep_every_word() {
    assert_eq!(
        words("The King’s Fund (September 2014)"),
        ["the", "kings", "fund", "september", "2014"]
    );
    assert_eq!(words("The Kings Fund"), words("The King's Fund"));
    assert_eq!(words("knee-\nimplant costs"), words("knee-implant costs"));
    assert_eq!(words("**243\\*** NHS"), ["243", "nhs"]);
    assert_eq!(words("under £300million"), ["under", "300million"]);
    assert_ne!(words("mangers"), words("managers"));
}

#[test]
fn sentences_split_at_stops_bullets_and_page_breaks() {
    let body = source_body(" • One thing. Two; three?\nFour!\n Commissioned work\nFive\n");
    assert_eq!(
        sentences(&body),
        ["One thing", "Two", "three", "Four", "Five"]
    );
}

#[test]
fn markers_and_front_matter_are_not_corpus_text() {
    let file =
        "+++\nid = \"x\"\ntitle = \"Hidden title\"\n+++\n## Seen\n\nText. <!-- #1 mergers -->\n";
    let body = strip_comments(body_of(file));
    assert_eq!(words(&body), ["seen", "text"]);
}

#[test]
fn a_dropped_sentence_is_reported_missing() {
    let source = source_body(&source_text());
    let dropped = "Often more cost-effective than hiring external consultant help.";
    let corpus = corpus_body();
    assert!(
        corpus.contains(dropped),
        "the sentence to drop is in the corpus"
    );
    let doctored = corpus.replace(dropped, "");
    assert_eq!(
        missing_sentences(&source, &doctored),
        ["Often more cost-effective than hiring external consultant help"]
    );
    // A changed word is as bad as a dropped sentence.
    let doctored = corpus.replace("knee-implant costs slashed", "implant costs slashed");
    let missing = missing_sentences(&source, &doctored);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("knee-") && missing[0].contains("implant costs slashed"));
}

#[test]
fn an_added_word_is_reported() {
    let source = source_body(&source_text());
    let kept = "Often more cost-effective than hiring external consultant help.";
    let added = "Often more cost-effective than hiring expensive external consultant help.";
    let reordered = "Often more cost-effective than hiring consultant external help.";
    assert_eq!(
        not_in_source([kept, added, reordered], &source),
        [added, reordered]
    );
}

#[test]
fn corpus_files_are_found() {
    let names: Vec<String> = corpus_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 15, "{names:?}");
    assert_eq!(names.first().map(String::as_str), Some("00-overview.md"));
    assert!(Path::new(&manifest_dir().join("corpus/themes.toml")).exists());
}

#[test]
fn the_kept_copy_of_the_pack_is_the_shared_source() {
    let shared = manifest_dir().join("../shared/source/dalton-review-evidence-base.txt");
    let copy = manifest_dir().join("tests/fixtures/dalton-review-evidence-base.txt");
    // Beside a checkout without the shared folder there is nothing to compare.
    if let Ok(original) = fs::read(&shared) {
        assert_eq!(
            fs::read(&copy).unwrap(),
            original,
            "tests/fixtures copy differs from {}",
            shared.display()
        );
    }
}
