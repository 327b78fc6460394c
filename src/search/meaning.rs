//! Meaning beyond the words: word vectors (`lexicon/vectors.bin`, made by
//! `scripts/gen-vectors.py` from all-MiniLM-L6-v2) with which a question's
//! best passages are ranked again. A text's vector is the sum of its known
//! words' vectors, each weighted by how rare the word is in English, less
//! the direction all texts share; two texts are as alike as the cosine of
//! their vectors. Words the file does not know (a corpus's own terms
//! beyond the bundled corpus's and common English) count for nothing.

use super::{analysis, lexicon};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The vectors file: see `scripts/gen-vectors.py` for its layout.
static DATA: &[u8] = include_bytes!("../../lexicon/vectors.bin");

const MAGIC: &[u8] = b"evidence vectors 1\n";

/// A word as common as one in a thousand weighs half as much as a rare one.
const RARITY: f32 = 1e-3;

/// How common a word missing from the frequency list is taken to be (Zipf).
const DEFAULT_ZIPF: f32 = 3.0;

/// How many of a question's best passages are ranked again. 20 and 30
/// give the same figures on the question sets (RELEVANCE.md); past 20 a
/// passage that only has a question's common word (`NHS`) could overtake
/// ones on its topic.
pub(super) const CANDIDATES: usize = 20;

/// How much likeness scales a passage's score: `e^(SHARPNESS × cosine)`,
/// so a passage as like the question as can be scores e² (7.4) times what
/// its words alone give it, one unlike it e⁻² times. In a sweep over the
/// question sets (RELEVANCE.md) with the same vectors, 1, 2 and 4 gave
/// hit@3 0.71, 0.72 and 0.73 on the development set and 0.89, 0.89 and
/// 0.88 on the held-out one; a sum instead of a multiple did about as well
/// (0.74 and 0.88) but let passages that only share a question's common
/// word overtake those on its topic.
pub(super) const SHARPNESS: f32 = 2.0;

struct Vectors {
    dim: usize,
    scale: Vec<f32>,
    common: Vec<f32>,
    rows: HashMap<&'static str, usize>,
    matrix: &'static [u8],
}

fn vectors() -> Option<&'static Vectors> {
    static VECTORS: OnceLock<Option<Vectors>> = OnceLock::new();
    VECTORS.get_or_init(|| parse(DATA)).as_ref()
}

fn parse(bytes: &'static [u8]) -> Option<Vectors> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (dim, rest) = rest.split_first_chunk::<2>()?;
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    let dim = usize::from(u16::from_le_bytes(*dim));
    let count = usize::try_from(u32::from_le_bytes(*count)).ok()?;
    let mut floats = |n: usize| -> Option<Vec<f32>> {
        let (head, tail) = rest.split_at_checked(n.checked_mul(4)?)?;
        rest = tail;
        Some(
            head.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    };
    let scale = floats(dim)?;
    let common = floats(dim)?;
    let mut rows = HashMap::with_capacity(count);
    for row in 0..count {
        let (&len, tail) = rest.split_first()?;
        let (word, tail) = tail.split_at_checked(usize::from(len))?;
        rows.insert(std::str::from_utf8(word).ok()?, row);
        rest = tail;
    }
    (rest.len() == count.checked_mul(dim)? && dim > 0).then_some(Vectors {
        dim,
        scale,
        common,
        rows,
        matrix: rest,
    })
}

/// A text's vector, of unit length; `None` when it has no known word.
pub(super) fn text_vector(text: &str) -> Option<Vec<f32>> {
    let v = vectors()?;
    let mut sum = vec![0f32; v.dim];
    let mut known = false;
    for word in analysis::plain_terms(text) {
        let Some(&row) = v.rows.get(word.as_str()) else {
            continue;
        };
        let zipf = lexicon::zipf(&word).unwrap_or(DEFAULT_ZIPF);
        let weight = RARITY / (RARITY + 10f32.powf(zipf - 9.0));
        let values = &v.matrix[row * v.dim..(row + 1) * v.dim];
        for ((s, &b), scale) in sum.iter_mut().zip(values).zip(&v.scale) {
            *s += weight * f32::from(i8::from_le_bytes([b])) * scale;
        }
        known = true;
    }
    if !known {
        return None;
    }
    let shared: f32 = sum.iter().zip(&v.common).map(|(s, c)| s * c).sum();
    for (s, c) in sum.iter_mut().zip(&v.common) {
        *s -= shared * c;
    }
    let norm = sum.iter().map(|s| s * s).sum::<f32>().sqrt();
    (norm > 0.0).then(|| sum.into_iter().map(|s| s / norm).collect())
}

/// How alike two texts' vectors are: their cosine, from -1 to 1.
pub(super) fn similarity(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn alike(a: &str, b: &str) -> f32 {
        similarity(&text_vector(a).unwrap(), &text_vector(b).unwrap())
    }

    #[test]
    fn the_bundled_vectors_read_whole() {
        let v = vectors().unwrap();
        assert_eq!(v.scale.len(), v.dim);
        assert!(v.rows.len() > 5_000, "{}", v.rows.len());
        assert!(v.rows.contains_key("buddying"));
        assert!(!v.rows.contains_key("the"), "stop words have no vector");
    }

    #[test]
    fn texts_that_mean_alike_are_nearer_than_texts_that_do_not() {
        let question = "who pays when one hospital helps another";
        let near = "the costs of a buddying arrangement between trusts";
        let far = "surgeons hostile to standard knee implants";
        assert!(alike(question, near) > alike(question, far));
        let boss = alike("the boss of the hospital", "the chief executive");
        let weather = alike("the boss of the hospital", "rain and snow in winter");
        assert!(boss > weather, "{boss} {weather}");
    }

    #[test]
    fn a_text_without_a_known_word_has_no_vector() {
        assert!(text_vector("").is_none());
        assert!(text_vector("the of and").is_none());
        assert!(text_vector("zzqxj").is_none());
    }

    #[test]
    fn damaged_data_is_refused() {
        assert!(parse(b"not vectors").is_none());
        let cut: &'static [u8] = &DATA[..DATA.len() - 1];
        assert!(parse(cut).is_none());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod freshness {
    use super::*;

    #[test]
    fn every_word_of_the_bundled_corpus_has_a_vector() {
        let v = vectors().unwrap();
        let corpus = crate::corpus::Corpus::bundled();
        let mut missing = std::collections::BTreeSet::new();
        for (report, passage) in corpus.passages() {
            let text = format!(
                "{} {} {}",
                passage.text,
                passage.section.as_deref().unwrap_or(""),
                report.meta.title
            );
            for word in analysis::plain_terms(&text) {
                if word.len() >= 2
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                    && !super::super::question::is_stop_word(&word)
                    && !v.rows.contains_key(word.as_str())
                {
                    missing.insert(word);
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }
}
