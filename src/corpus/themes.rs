//! `themes.toml`: the list of themes a corpus's passages may name.

use super::{Problem, Theme};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<ThemeEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeEntry {
    id: String,
    label: String,
    #[serde(default)]
    description: String,
}

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
    let problem = |line: usize, message: String| Problem {
        path: path.to_path_buf(),
        line,
        message,
        fatal: true,
        severity: crate::corpus::Severity::Error,
    };
    let text = match super::parse::decode(bytes) {
        Ok(t) => t,
        Err((_, m)) if m == "empty file" => return (Vec::new(), Vec::new()),
        Err((line, message)) => return (Vec::new(), vec![problem(line, message)]),
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
            );
        }
    };
    let mut themes: Vec<Theme> = Vec::new();
    let mut problems = Vec::new();
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
        themes.push(Theme {
            id: entry.id,
            label: entry.label,
            description: entry.description,
        });
    }
    (themes, problems)
}
