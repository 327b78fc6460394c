//! Questions in researchers' own words (tests/relevance/questions.tsv, written
//! before the search was tuned to them): each has the passages that answer
//! it, and the search must put one of them near the top. Reports hit@1,
//! hit@3 and mean reciprocal rank (of the first answer in the top ten), and
//! fails if they fall below what the search reached when this set was made.
//!
//! `EVIDENCE_QUESTIONS=FILE` scores another file of the same format instead
//! and only prints (a held-out set is checked this way, without being read);
//! `EVIDENCE_QUESTIONS_VERBOSE=1` prints each question's rank and first hit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use evidence::corpus::Corpus;
use evidence::search::{Index, SearchRequest};
use std::sync::Arc;

/// The floor: what the search reached on the development set (see
/// RELEVANCE.md). A change that lowers any of these fails.
const FLOOR_HIT1: f64 = 0.58;
const FLOOR_HIT3: f64 = 0.74;
const FLOOR_MRR: f64 = 0.68;

struct Question {
    text: String,
    answers: Vec<String>,
}

fn read(text: &str) -> Vec<Question> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let text = cols.next().unwrap().trim().to_string();
            let answers = cols
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            Question { text, answers }
        })
        .collect()
}

/// hit@1, hit@3 and MRR@10 of a set of questions.
fn score(index: &Index, questions: &[Question], verbose: bool) -> (f64, f64, f64) {
    let (mut hit1, mut hit3, mut rr) = (0usize, 0usize, 0f64);
    for q in questions {
        let results = index.search(&SearchRequest::new(&q.text)).unwrap();
        let ids: Vec<String> = results
            .hits
            .iter()
            .take(10)
            .map(|h| index.passage(h.ord).unwrap().1.id.clone())
            .collect();
        let rank = ids.iter().position(|id| q.answers.contains(id));
        if let Some(r) = rank {
            hit1 += usize::from(r == 0);
            hit3 += usize::from(r < 3);
            rr += 1.0 / (r + 1) as f64;
        }
        if verbose {
            println!(
                "{:>3}  {}  → {}  (total {})",
                rank.map_or("-".to_string(), |r| (r + 1).to_string()),
                q.text,
                ids.first().map_or("nothing", String::as_str),
                results.total
            );
        }
    }
    let n = questions.len() as f64;
    (hit1 as f64 / n, hit3 as f64 / n, rr / n)
}

#[test]
fn questions_in_researchers_words_find_their_answers() {
    let index = Index::in_memory(Arc::new(Corpus::bundled()), 2, &|_, _| {}).unwrap();
    let verbose = std::env::var_os("EVIDENCE_QUESTIONS_VERBOSE").is_some();
    if let Some(path) = std::env::var_os("EVIDENCE_QUESTIONS") {
        let text = std::fs::read_to_string(&path).unwrap();
        let questions = read(&text);
        let (h1, h3, mrr) = score(&index, &questions, verbose);
        println!(
            "{}: {} questions  hit@1 {h1:.3}  hit@3 {h3:.3}  MRR {mrr:.3}",
            std::path::Path::new(&path).display(),
            questions.len()
        );
        return;
    }
    let questions = read(include_str!("relevance/questions.tsv"));
    let corpus = index.corpus();
    for q in &questions {
        assert!(!q.answers.is_empty(), "{} has no answers", q.text);
        for id in &q.answers {
            assert!(
                corpus.passage(id).is_some(),
                "{}: unknown passage {id}",
                q.text
            );
        }
    }
    assert!(questions.len() >= 60, "{} questions", questions.len());
    let (h1, h3, mrr) = score(&index, &questions, verbose);
    println!(
        "development set: {} questions  hit@1 {h1:.3}  hit@3 {h3:.3}  MRR {mrr:.3}",
        questions.len()
    );
    assert!(h1 >= FLOOR_HIT1, "hit@1 {h1:.3} < {FLOOR_HIT1}");
    assert!(h3 >= FLOOR_HIT3, "hit@3 {h3:.3} < {FLOOR_HIT3}");
    assert!(mrr >= FLOOR_MRR, "MRR {mrr:.3} < {FLOOR_MRR}");
}
