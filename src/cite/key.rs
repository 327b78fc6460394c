//! Citation keys: stable, readable, unique within a corpus.
//!
//! A key is who made the work, the year and the first telling word of its
//! title: `gawande2012big`, `ftn2014buddying`. Who is the first author's
//! family name, else the organisation (its initials when its name has
//! several words, leaving out `the`, `of`, `and` and the like: `ftn`, `kf`,
//! `dh`), else nothing; the year is `nd` when the work has no date. A report
//! may set its own key in front matter (`citekey`), and the bundled reports
//! do, so that their keys never change. Generated keys that would clash get
//! `a`, `b`, … in corpus order, so the same corpus gives the same keys on
//! every run and every machine.

use crate::corpus::{Corpus, ReportMeta};
use std::collections::HashSet;

/// Words an organisation's initials and a title's first word leave out.
const MINOR: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "how", "in", "into", "is", "of", "on", "or",
    "the", "to", "what", "why", "with", "&",
];

/// The key made from a report's details, before clashes are resolved.
pub fn generated_key(meta: &ReportMeta) -> String {
    key_from(
        &meta.title,
        &meta.authors,
        meta.organisation.as_deref(),
        meta.published.as_deref(),
    )
}

/// The key made from a work's title, authors, organisation and date.
pub fn key_from(
    title: &str,
    authors: &[String],
    organisation: Option<&str>,
    published: Option<&str>,
) -> String {
    let mut title_words = title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ':')
        .map(ascii)
        .filter(|w| !w.is_empty() && !MINOR.contains(&w.as_str()));
    // With no author and no organisation, the title's first word is who,
    // and its next the word after the year.
    let who = authors
        .first()
        .map(|a| {
            let family = super::Name::parse(a).family;
            // A name kept whole for its brackets (`Interviewee A (Director
            // of Operations)`) is known by its first word.
            match a.contains(['(', ')', '[', ']']) {
                true => ascii(family.split_whitespace().next().unwrap_or_default()),
                false => ascii(&family),
            }
        })
        .filter(|f| !f.is_empty())
        .or_else(|| organisation.map(initials))
        .filter(|w| !w.is_empty())
        .or_else(|| title_words.next())
        .unwrap_or_default();
    let year = published
        .and_then(super::Issued::parse)
        .map_or_else(|| "nd".to_string(), |i| i.year.to_string());
    let word = title_words.next().unwrap_or_default();
    format!("{who}{year}{word}")
}

/// Every report's key, in corpus order: its own `citekey`, else the
/// generated one, with a letter added when another report has it already.
pub fn keys(corpus: &Corpus) -> Vec<String> {
    let mut taken: HashSet<String> = corpus
        .reports
        .iter()
        .filter_map(|r| r.citekey.clone())
        .collect();
    corpus
        .reports
        .iter()
        .map(|r| {
            if let Some(k) = &r.citekey {
                return k.clone();
            }
            unique(&generated_key(&r.meta), &mut taken)
        })
        .collect()
}

/// `base`, or with the first letter suffix that makes it a key no one in
/// `taken` has; taken from then on.
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut key = base.to_string();
    let mut n = 0;
    while taken.contains(&key) {
        key = format!("{base}{}", letters(n));
        n += 1;
    }
    taken.insert(key.clone());
    key
}

/// The `n`th suffix: a … z, then aa, ab, …
fn letters(n: usize) -> String {
    let letter = |i: usize| char::from(b'a' + (i % 26) as u8);
    if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", letters(n / 26 - 1), letter(n))
    }
}

/// An organisation as a key's first part: its initials when its name has
/// several words (the minor ones left out), else the word.
fn initials(org: &str) -> String {
    let words: Vec<String> = org
        .split_whitespace()
        .map(ascii)
        .filter(|w| !w.is_empty() && !MINOR.contains(&w.as_str()))
        .collect();
    match words.as_slice() {
        [one] => one.clone(),
        many => many.iter().filter_map(|w| w.chars().next()).collect(),
    }
}

/// A word as lowercase ASCII letters and digits: accents taken off the
/// common Latin letters, apostrophes and other marks dropped.
fn ascii(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' => Some(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ñ' => Some('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ý' | 'ÿ' => Some('y'),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_give_their_initials_and_authors_their_family_name() {
        assert_eq!(initials("Foundation Trust Network"), "ftn");
        assert_eq!(initials("The King’s Fund"), "kf");
        assert_eq!(initials("Department of Health"), "dh");
        assert_eq!(initials("Monitor"), "monitor");
        assert_eq!(ascii("Ségolène"), "segolene");
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }

    #[test]
    fn a_name_kept_whole_for_its_brackets_gives_its_first_word() {
        let authors = ["Interviewee A (Director of Operations)".to_string()];
        assert_eq!(
            key_from(
                "Interview 1: merged trust",
                &authors,
                None,
                Some("2024-03-12")
            ),
            "interviewee2024interview"
        );
        let authors = ["Jan van der Berg".to_string()];
        assert_eq!(
            key_from("Mergers", &authors, None, Some("2020")),
            "vanderberg2020mergers"
        );
    }
}
