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

/// Parses a themes file; problems name `path` and the line.
pub fn parse_themes(path: &Path, bytes: &[u8]) -> (Vec<Theme>, Vec<Problem>) {
    let problem = |line: usize, message: String| Problem {
        path: path.to_path_buf(),
        line,
        message,
        fatal: true,
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
