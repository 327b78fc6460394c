//! A passage's marker comment, `<!-- #7 p.4 lead-in theme-a -->`: its id,
//! its role (a list's lead-in, a footnote), the source's pages and its
//! themes (see the corpus README's "Passage markers").

use super::{Pages, Role};

/// The id, role, pages and themes a passage's marker comment gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Empty for a paragraph lead-in (`<!-- lead-in -->`), which is no
    /// passage: its text becomes the section of the list after it.
    pub id: String,
    pub themes: Vec<String>,
    pub role: Role,
    /// The source's pages (`p.4`, `pp.4-5`), for an imported PDF.
    pub pages: Option<Pages>,
}

/// The words a marker may hold besides theme ids, for the passage's role.
const LEAD_IN: &str = "lead-in";
const FOOTNOTE: &str = "footnote";

/// Reads a marker comment (`<!-- #7 theme-a theme-b -->`, `<!-- #2 lead-in
/// theme-a -->`, `<!-- #17 footnote -->`, `<!-- lead-in -->`, or with the
/// source's pages, `<!-- #7 p.4 theme-a -->`). `Ok(None)` for any other
/// HTML; `Err` for a comment that is meant as a marker but is malformed.
pub fn parse_marker(html: &str) -> Result<Option<Marker>, String> {
    let inner = match html
        .trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
    {
        Some(inner) => inner.trim(),
        None => return Ok(None),
    };
    if inner == LEAD_IN {
        return Ok(Some(Marker {
            id: String::new(),
            themes: Vec::new(),
            role: Role::LeadIn,
            pages: None,
        }));
    }
    let Some(rest) = inner.strip_prefix('#') else {
        // `<!-- 3 -->`: a marker without its `#`, which would otherwise be
        // a comment and leave the passage unmarked. (A comment with words
        // after a number, `<!-- 2024 draft -->`, is a comment.)
        let lone_number = !inner.is_empty()
            && inner.starts_with(|c: char| c.is_ascii_digit())
            && inner.chars().all(|c| c.is_ascii_digit() || c == '.');
        if lone_number {
            return Err(needs_hash(html));
        }
        return Ok(None);
    };
    let mut words = rest.split_whitespace();
    let id = words.next().unwrap_or("");
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(format!(
            "passage marker `{}` needs an id of letters, digits, '.', '_' or '-' right after '#'",
            html.trim()
        ));
    }
    let mut role = Role::Text;
    let mut themes = Vec::new();
    let mut pages = None;
    for word in words {
        match (word, Pages::parse_marker(word)) {
            (LEAD_IN, _) => role = Role::LeadIn,
            (FOOTNOTE, _) => role = Role::Footnote,
            (_, Some(Ok(p))) if pages.is_none() => pages = Some(p),
            (_, Some(Ok(_))) => {
                return Err(format!(
                    "passage marker `{}` gives its pages twice",
                    html.trim()
                ));
            }
            (_, Some(Err(why))) => return Err(format!("passage marker `{}`: {why}", html.trim())),
            (theme, None) => themes.push(theme.to_string()),
        }
    }
    Ok(Some(Marker {
        id: id.to_string(),
        themes,
        role,
        pages,
    }))
}

/// A comment shaped like a marker that lost its `#`, with words after its
/// number (`<!-- 7 staff-morale -->`): the words, for the caller to tell a
/// marker (they name themes, a role or pages) from a comment that starts
/// with a number (`<!-- 2024 draft -->`). `None` for any other HTML.
pub fn unhashed_words(html: &str) -> Option<Vec<String>> {
    let inner = html
        .trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))?
        .trim();
    let mut words = inner.split_whitespace();
    let number = words.next()?;
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let words: Vec<String> = words.map(str::to_string).collect();
    (!words.is_empty()).then_some(words)
}

/// The problem with a comment [`unhashed_words`] found, when it is a
/// marker that lost its `#` (its themes would be lost without a word):
/// every word after its number is one a marker gives, a role (`lead-in`,
/// `footnote`), pages (`p.4`) or one of the corpus's `themes`.
/// `<!-- 2024 draft -->` and `<!-- 2024 competition figures to recheck -->`
/// are comments.
pub fn lost_hash(
    html: &str,
    words: &[String],
    themes: Option<&std::collections::HashSet<&str>>,
) -> Option<String> {
    let marker_word = |w: &String| {
        w == LEAD_IN
            || w == FOOTNOTE
            || matches!(Pages::parse_marker(w), Some(Ok(_)))
            || themes.is_some_and(|k| k.contains(w.as_str()))
    };
    words.iter().all(marker_word).then(|| needs_hash(html))
}

/// "needs `#` before its id", for a marker comment written without it.
fn needs_hash(html: &str) -> String {
    let html = html.trim();
    let inner = html
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    format!("passage marker `{html}` needs `#` before its id: `<!-- #{inner} -->`")
}
