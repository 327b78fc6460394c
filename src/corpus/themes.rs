//! `themes.toml`: the themes a corpus's passages may name, as a codebook a
//! second coder could apply (each theme's definition, what it includes and
//! excludes and which theme takes that instead, examples), and the ids that
//! went away with the themes that replace them. Also the checks on it that
//! need a corpus: its examples against the passages (`check`), and a file
//! that does not read said once rather than on every coded passage.

use super::listing::Scan;
use super::load::CorpusSource;
use super::{Corpus, Problem, Theme};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<ThemeEntry>,
    #[serde(default)]
    alias: Vec<AliasEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeEntry {
    id: String,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    definition: String,
    /// What the theme covers, for a coder.
    #[serde(default)]
    includes: Vec<String>,
    #[serde(default)]
    excludes: Vec<Exclude>,
    #[serde(default)]
    examples: Vec<String>,
}

/// Content a theme leaves to another.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exclude {
    what: String,
    #[serde(rename = "use")]
    use_theme: String,
}

/// A theme id that went away, and the themes that replace it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasEntry {
    id: String,
    successors: Vec<String>,
}

/// The codebook's passage ids given as examples, with the theme and the
/// line that gives them, for `check` to test against the corpus.
pub type Examples = Vec<(String, String, usize)>;

/// The bit a theme has in a passage's theme mask (the index's `theme_mask`
/// field): its place in themes.toml, for the first [`super::MAX_THEMES`]
/// themes; `None` for an unknown theme or one past them.
pub fn theme_bit(themes: &[Theme], id: &str) -> Option<u64> {
    themes
        .iter()
        .position(|t| t.id == id)
        .filter(|&i| i < super::MAX_THEMES)
        .map(|i| 1u64 << i)
}

/// The mask of some theme ids; an id without a bit adds nothing.
pub fn theme_mask<'a>(themes: &[Theme], ids: impl IntoIterator<Item = &'a String>) -> u64 {
    ids.into_iter()
        .filter_map(|id| theme_bit(themes, id))
        .fold(0, |a, b| a | b)
}

/// Parses a themes file; problems name `path` and the line.
pub fn parse_themes(path: &Path, bytes: &[u8]) -> (Vec<Theme>, Vec<Problem>) {
    let (themes, problems, _) = parse_codebook(path, bytes);
    (themes, problems)
}

/// Parses a themes file as [`parse_themes`] does, with the codebook's
/// examples.
pub fn parse_codebook(path: &Path, bytes: &[u8]) -> (Vec<Theme>, Vec<Problem>, Examples) {
    let problem = |line: usize, message: String| Problem {
        path: path.to_path_buf(),
        line,
        message,
        fatal: true,
        severity: crate::corpus::Severity::Error,
    };
    let text = match super::parse::decode(bytes) {
        Ok(t) => t,
        Err((_, m)) if m == "empty file" => return (Vec::new(), Vec::new(), Vec::new()),
        Err((line, message)) => return (Vec::new(), vec![problem(line, message)], Vec::new()),
    };
    let file: ThemesFile = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            let message = e.message().trim().replace('\n', " ");
            return (
                Vec::new(),
                vec![problem(line, format!("bad themes file: {message}"))],
                Vec::new(),
            );
        }
    };
    let mut themes: Vec<Theme> = Vec::new();
    let mut problems = Vec::new();
    let mut examples = Vec::new();
    let warn = |line: usize, message: String| Problem {
        fatal: false,
        ..problem(line, message)
    };
    let codebook = file.theme.iter().any(|t| !t.definition.trim().is_empty());
    let excluded: Vec<(String, usize)> = file
        .theme
        .iter()
        .flat_map(|t| t.excludes.iter().map(|e| e.use_theme.clone()))
        .map(|id| (id, 0))
        .collect();
    for entry in file.theme {
        let line = text
            .lines()
            .position(|l| {
                l.trim_start().starts_with("id") && l.contains(&format!("\"{}\"", entry.id))
            })
            .map_or(0, |i| i + 1);
        let valid = !entry.id.is_empty()
            && entry
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            problems.push(Problem {
                fatal: false,
                severity: crate::corpus::Severity::Error,
                ..problem(
                    line,
                    format!(
                        "invalid theme id `{}`: use lowercase letters, digits and hyphens",
                        entry.id
                    ),
                )
            });
            continue;
        }
        if themes.iter().any(|t| t.id == entry.id) {
            problems.push(Problem {
                fatal: false,
                severity: crate::corpus::Severity::Error,
                ..problem(line, format!("duplicate theme id `{}`", entry.id))
            });
            continue;
        }
        // A codebook: every theme has its definition.
        if codebook && entry.definition.trim().is_empty() {
            problems.push(warn(
                line,
                format!("theme `{}` has no definition in the codebook", entry.id),
            ));
        }
        examples.extend(
            entry
                .examples
                .iter()
                .map(|e| (e.clone(), entry.id.clone(), line)),
        );
        // One line on the theme: its own, else the definition's first sentence.
        let description = if entry.description.trim().is_empty() {
            first_sentence(&entry.definition)
        } else {
            entry.description
        };
        themes.push(Theme {
            id: entry.id,
            label: entry.label,
            description,
            definition: entry.definition,
            replaces: Vec::new(),
        });
    }
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    for (id, _) in excluded {
        if !themes.iter().any(|t| t.id == id) {
            problems.push(warn(
                line_of(&format!("\"{id}\"")),
                format!("an exclude hands its content to `{id}`, which is no theme"),
            ));
        }
    }
    for alias in file.alias {
        let line = line_of(&format!("id = \"{}\"", alias.id));
        if themes.iter().any(|t| t.id == alias.id) {
            problems.push(warn(
                line,
                format!("alias `{}` is a theme's id too (alias ignored)", alias.id),
            ));
            continue;
        }
        for successor in &alias.successors {
            match themes.iter_mut().find(|t| &t.id == successor) {
                Some(t) => t.replaces.push(alias.id.clone()),
                None => problems.push(warn(
                    line,
                    format!(
                        "alias `{}` names `{successor}`, which is no theme",
                        alias.id
                    ),
                )),
            }
        }
    }
    (themes, problems, examples)
}

/// `; did you mean `ID`?` for the theme id in `known` one or two slips away
/// from `id` (the closest, ties by id order), or nothing.
pub(crate) fn did_you_mean(id: &str, known: &std::collections::HashSet<&str>) -> String {
    let mut ids: Vec<&str> = known.iter().copied().collect();
    ids.sort_unstable();
    crate::distance::close_to(id, ids)
        .map(|t| format!("; did you mean `{t}`?"))
        .unwrap_or_default()
}

/// The first sentence of a text (all of it when it has one).
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find(". ") {
        Some(at) => text[..=at].to_string(),
        None => text.to_string(),
    }
}

/// Whether the scan's themes file is there but gave no themes, with an
/// error among `problems` (those of reading it).
pub(crate) fn themes_failed(themes: &[Theme], scan: &Scan, problems: &[Problem]) -> bool {
    themes.is_empty()
        && scan.themes.as_ref().is_some_and(|t| {
            problems
                .iter()
                .any(|p| p.path == t.shown && p.severity == crate::corpus::Severity::Error)
        })
}

/// With a themes file that could not be read, every coded passage's themes
/// are unknown: one line says so, in place of a line for each.
pub(super) fn unchecked_themes(problems: &mut Vec<Problem>, themes_file: &Path) {
    let before = problems.len();
    problems
        .retain(|p| !(p.message.starts_with(UNKNOWN_THEME) && p.message.contains(NOT_IN_THEMES)));
    let left_out = before - problems.len();
    if left_out > 0 {
        problems.push(Problem::error(
            themes_file,
            0,
            format!(
                "the themes named on passages ({left_out}) are not checked until this file reads: its problem is above"
            ),
        ));
    }
}

/// How the problem of a passage's unknown theme starts and ends.
pub(super) const UNKNOWN_THEME: &str = "unknown theme `";
pub(super) const NOT_IN_THEMES: &str = "(not in themes.toml";

/// Reads the themes file of a scan.
pub(crate) fn read_themes(
    source: &CorpusSource,
    scan: &Scan,
    problems: &mut Vec<Problem>,
    examples: &mut super::Examples,
) -> Vec<super::Theme> {
    let Some(stamp) = &scan.themes else {
        return Vec::new();
    };
    match source.read(&stamp.rel) {
        Ok(bytes) => {
            let (themes, p, e) = super::parse_codebook(&stamp.shown, &bytes);
            problems.extend(p);
            *examples = e;
            if themes.len() > super::MAX_THEMES {
                problems.push(Problem {
                    path: stamp.shown.clone(),
                    line: 0,
                    message: format!(
                        "{} themes defined; only the first {} can be counted and filtered",
                        themes.len(),
                        super::MAX_THEMES
                    ),
                    fatal: false,
                    severity: crate::corpus::Severity::Error,
                });
            }
            themes
        }
        Err(e) => {
            problems.push(Problem {
                path: stamp.shown.clone(),
                line: 0,
                message: format!("cannot read: {}", crate::error::io_reason(&e)),
                fatal: true,
                severity: crate::corpus::Severity::Error,
            });
            Vec::new()
        }
    }
}

/// A theme's whole codebook entry, as a coder reads it: what `themes.toml`
/// says of it beyond its label and one-line description.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodebookEntry {
    pub definition: String,
    /// What the theme covers.
    pub includes: Vec<String>,
    /// What it leaves to another theme: what, and the theme's id.
    pub excludes: Vec<(String, String)>,
    /// Passage ids that carry it, as examples.
    pub examples: Vec<String>,
}

/// The codebook entry of the theme `id` in the corpus's `themes.toml`, read
/// again from the file (a search needs only what the index keeps of it);
/// `None` when the file cannot be read or has no such theme.
pub fn codebook_entry(source: &CorpusSource, id: &str) -> Option<CodebookEntry> {
    let scan = source.scan();
    let bytes = source.read(&scan.themes.as_ref()?.rel).ok()?;
    let text = super::decode::decode(&bytes).ok()?;
    let file: ThemesFile = toml::from_str(&text).ok()?;
    let entry = file.theme.into_iter().find(|t| t.id == id)?;
    Some(CodebookEntry {
        definition: entry.definition,
        includes: entry.includes,
        excludes: entry
            .excludes
            .into_iter()
            .map(|e| (e.what, e.use_theme))
            .collect(),
        examples: entry.examples,
    })
}

/// The codebook's own problems, for `check` (every other command would only
/// be distracted by them): a theme no passage carries, and an example
/// passage that is none or does not carry its theme.
pub fn codebook_problems(corpus: &Corpus, source: &CorpusSource) -> Vec<Problem> {
    let scan = source.scan();
    let (Some(listed), false) = (&scan.themes, corpus.reports.is_empty()) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut examples = Vec::new();
    let _ = read_themes(source, &scan, &mut Vec::new(), &mut examples);
    for (t, (passages, _)) in corpus.themes.iter().zip(corpus.theme_totals()) {
        if passages == 0 {
            problems.push(Problem::warning(
                &listed.shown,
                0,
                format!("theme `{}` is on no passage", t.id),
            ));
        }
    }
    for (example, theme, line) in &examples {
        let message = match corpus.passage(example) {
            None => {
                let report = example.split_once('/').map_or(example.as_str(), |(r, _)| r);
                let why = if corpus.report(report).is_none() {
                    format!(" (the corpus has no report `{report}`)")
                } else {
                    String::new()
                };
                format!(
                    "example `{example}` of theme `{theme}` is no passage{why}: take it out of the theme's `examples`, or name another"
                )
            }
            Some((_, p)) if !p.themes.contains(theme) => {
                format!(
                    "example `{example}` of theme `{theme}` does not carry it: give the passage the theme, or take it out of `examples`"
                )
            }
            Some(_) => continue,
        };
        problems.push(Problem::error(&listed.shown, *line, message));
    }
    problems
}
