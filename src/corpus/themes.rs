//! `themes.toml`: the themes a corpus's passages may name, as a codebook a
//! second coder could apply (each theme's definition, what it includes and
//! excludes and which theme takes that instead, examples), and the ids that
//! went away with the themes that replace them.

use super::{Problem, Theme};
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
    /// What the theme covers, for a coder; read so that the file is checked.
    #[serde(default)]
    #[allow(dead_code)]
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
    #[allow(dead_code)]
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
    let max = if id.chars().count() < 5 { 1 } else { 2 };
    crate::distance::closest(id, ids, max)
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
