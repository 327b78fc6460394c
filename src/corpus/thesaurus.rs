//! `thesaurus.toml`: groups of terms that mean the same in the corpus's field
//! (acronyms and their expansions, the field's synonyms), so that a search in
//! a researcher's words also finds the reports' words. The bundled corpus
//! ships one; a corpus folder's own file replaces it. Reading never fails: a
//! group that breaks a rule is left out and named as a problem, which
//! `evidence check` lists.

use super::Problem;
use serde::Deserialize;
use std::path::Path;

/// The file's name at the top of a corpus folder.
pub const THESAURUS_FILE: &str = "thesaurus.toml";

/// The longest term, in words.
pub const MAX_TERM_WORDS: usize = 4;

/// What a group's terms are to one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// An abbreviation and its expansions: always interchangeable.
    Acronym,
    /// Words that mean the same in this field.
    Synonym,
}

/// One group of interchangeable terms.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermGroup {
    pub kind: TermKind,
    /// Each a word or a phrase of at most [`MAX_TERM_WORDS`] words, as a
    /// reader would type it.
    pub terms: Vec<String>,
}

/// A corpus's thesaurus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thesaurus {
    pub groups: Vec<TermGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<toml::Value>,
}

/// Splits a term into words as the analyzer does (letters and digits; an
/// apostrophe inside a word joins it), lowercased, to compare terms.
fn term_words(term: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = term.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
            continue;
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Why a group breaks the format's rules, if it does.
fn group_problem(group: &TermGroup) -> Option<String> {
    if group.terms.len() < 2 {
        return Some("a group needs at least two terms".to_string());
    }
    let mut seen: Vec<Vec<String>> = Vec::new();
    for term in &group.terms {
        let words = term_words(term);
        if words.is_empty() {
            return Some(format!("term `{term}` has no letters or digits"));
        }
        if words.len() > MAX_TERM_WORDS {
            return Some(format!(
                "term `{term}` has {} words; a term has at most {MAX_TERM_WORDS}",
                words.len()
            ));
        }
        if seen.contains(&words) {
            return Some(format!("term `{term}` is in the group twice"));
        }
        seen.push(words);
    }
    None
}

/// What the thesaurus a corpus searches with is, cheaply (a `stat`, no
/// read): the folder's file's size and modification time, or the bundled
/// corpus's fingerprint when the bundled thesaurus applies. A search keeps
/// its reading of the thesaurus beside the index under this stamp.
pub fn thesaurus_stamp(source: &super::CorpusSource) -> String {
    let bundled = || format!("bundled {}", env!("EVIDENCE_BUNDLED_FINGERPRINT"));
    match source {
        super::CorpusSource::Bundled => bundled(),
        super::CorpusSource::Folder { root, .. } => {
            match std::fs::metadata(root.join(THESAURUS_FILE)) {
                Ok(meta) => {
                    let stamp = super::listing::stamp_of(&meta);
                    format!(
                        "file {} {} {}",
                        stamp.size, stamp.modified_ns, stamp.changed_ns
                    )
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => bundled(),
                Err(e) => format!("unreadable {}", crate::error::io_reason(&e)),
            }
        }
    }
}

/// The thesaurus a corpus searches with: the folder's own `thesaurus.toml`
/// when it has one, else the bundled corpus's. Problems name the file.
pub fn load_thesaurus(source: &super::CorpusSource) -> (Thesaurus, Vec<Problem>) {
    let bundled = || {
        let text = super::listing::BUNDLED
            .get_file(THESAURUS_FILE)
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        parse_thesaurus(&source.shown().join(THESAURUS_FILE), text)
    };
    match source {
        super::CorpusSource::Bundled => bundled(),
        super::CorpusSource::Folder { root, shown } => {
            let path = root.join(THESAURUS_FILE);
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => parse_thesaurus(&shown.join(THESAURUS_FILE), &text),
                    Err(_) => (
                        Thesaurus::default(),
                        vec![Problem {
                            path: shown.join(THESAURUS_FILE),
                            line: 0,
                            message: "not UTF-8 text (file ignored)".to_string(),
                            fatal: false,
                            severity: crate::corpus::Severity::Error,
                        }],
                    ),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => bundled(),
                Err(e) => (
                    Thesaurus::default(),
                    vec![Problem {
                        path: shown.join(THESAURUS_FILE),
                        line: 0,
                        message: format!("{} (file ignored)", crate::error::io_reason(&e)),
                        fatal: false,
                        severity: crate::corpus::Severity::Error,
                    }],
                ),
            }
        }
    }
}

/// Reads a thesaurus file; problems name `path` and the line of the group.
pub fn parse_thesaurus(path: &Path, text: &str) -> (Thesaurus, Vec<Problem>) {
    let problem = |line: usize, message: String| Problem {
        path: path.to_path_buf(),
        line,
        message,
        fatal: false,
        severity: crate::corpus::Severity::Error,
    };
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            let message = e.message().trim().replace('\n', " ");
            return (
                Thesaurus::default(),
                vec![problem(
                    line,
                    format!("bad thesaurus: {message} (file ignored)"),
                )],
            );
        }
    };
    // Each `[[term]]` header's line, in order, for the problems.
    let headers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[term]]")
        .map(|(i, _)| i + 1)
        .collect();
    let mut thesaurus = Thesaurus::default();
    let mut problems = Vec::new();
    for (i, value) in file.term.into_iter().enumerate() {
        let line = headers.get(i).copied().unwrap_or(1);
        match value.try_into::<TermGroup>() {
            Ok(group) => match group_problem(&group) {
                Some(why) => problems.push(problem(line, format!("{why} (group ignored)"))),
                None => thesaurus.groups.push(group),
            },
            Err(e) => {
                let why = e.message().trim().replace('\n', " ");
                problems.push(problem(
                    line,
                    format!("bad thesaurus group: {why} (group ignored)"),
                ));
            }
        }
    }
    (thesaurus, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_thesaurus_is_well_formed() {
        let text = include_str!("../../corpus/thesaurus.toml");
        let (t, problems) = parse_thesaurus(Path::new("thesaurus.toml"), text);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(t.groups.len() >= 100, "{}", t.groups.len());
        assert!(
            t.groups
                .iter()
                .any(|g| g.kind == TermKind::Acronym && g.terms.iter().any(|x| x == "A&E"))
        );
    }

    #[test]
    fn a_bad_group_is_named_and_the_rest_are_kept() {
        let text = "[[term]]\nkind = \"synonym\"\nterms = [\"boss\", \"chief executive\"]\n\n\
                    [[term]]\nkind = \"synonym\"\nterms = [\"lonely\"]\n\n\
                    [[term]]\nkind = \"colour\"\nterms = [\"a\", \"b\"]\n\n\
                    [[term]]\nkind = \"synonym\"\nterms = [\"one two three four five\", \"x\"]\n\n\
                    [[term]]\nkind = \"acronym\"\nterms = [\"A&E\", \"a & e\"]\n";
        let (t, problems) = parse_thesaurus(Path::new("t.toml"), text);
        assert_eq!(t.groups.len(), 1);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [5, 9, 13, 17], "{problems:?}");
        assert!(problems[0].message.contains("at least two"));
        assert!(
            problems[1].message.contains("colour"),
            "{}",
            problems[1].message
        );
        assert!(problems[2].message.contains("at most 4"));
        assert!(problems[3].message.contains("twice"));
        let (_, broken) = parse_thesaurus(Path::new("t.toml"), "[[term]\n");
        assert_eq!(broken.len(), 1);
        assert!(broken[0].message.starts_with("bad thesaurus"));
    }
}
