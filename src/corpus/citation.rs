//! How a passage is cited: who a work is by (its organisation, its
//! authors, or the authors of an article in a periodical), its title with
//! its subtitle, its date written out, and the one-line [`Citation`] that
//! `show`, `search` and the exports give.

use super::{escape_markdown_inline, format_date};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who a work is by, for a citation: its organisation, else its authors.
/// An article in a magazine or journal is by its authors, and the
/// periodical is where it was published ([`published_in`]).
pub fn attribution(
    organisation: Option<&str>,
    authors: &[String],
    et_al: bool,
    genre: Option<&str>,
) -> Option<String> {
    match (organisation, authors.is_empty()) {
        (Some(_), false) if in_periodical(genre) => Some(authors_line(authors, et_al)),
        (Some(org), _) => Some(org.to_string()),
        (None, false) => Some(authors_line(authors, et_al)),
        (None, true) => None,
    }
}

/// The periodical an article with named authors appeared in: its
/// `organisation`, which [`attribution`] then leaves to the authors.
pub fn published_in(
    organisation: Option<&str>,
    authors: &[String],
    genre: Option<&str>,
) -> Option<String> {
    organisation
        .filter(|_| !authors.is_empty() && in_periodical(genre))
        .map(str::to_string)
}

/// Whether a front matter's `genre` is an article in a magazine or journal,
/// or a page on a website (the names [`crate::cite::Genre::of`] reads as
/// one): a work whose organisation is where it appeared.
pub fn in_periodical(genre: Option<&str>) -> bool {
    genre.is_some_and(|g| {
        matches!(
            g.trim().to_ascii_lowercase().as_str(),
            "article-magazine"
                | "magazine"
                | "article-journal"
                | "journal"
                | "webpage"
                | "web page"
        )
    })
}

/// Authors on one line: "A, B", or "A et al." when there are more.
pub fn authors_line(authors: &[String], et_al: bool) -> String {
    let names = authors.join(", ");
    if et_al {
        format!("{names} et al.")
    } else {
        names
    }
}

/// A title with its subtitle after a colon (a title that ends in its own
/// punctuation takes none).
pub fn full_title(title: &str, subtitle: Option<&str>) -> String {
    match subtitle.map(str::trim).filter(|s| !s.is_empty()) {
        Some(sub) if title.ends_with([':', '?', '!', '.']) => format!("{title} {sub}"),
        Some(sub) => format!("{title}: {sub}"),
        None => title.to_string(),
    }
}

/// A `published` value written out ("September 2014"), or "n.d." without one.
pub fn date_label(published: Option<&str>) -> String {
    published.map_or_else(|| "n.d.".to_string(), format_date)
}

/// Everything needed to cite a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub attribution: Option<String>,
    /// The magazine or journal an article appeared in, cited after its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_in: Option<String>,
    pub title: String,
    /// The work's subtitle, cited after its title.
    #[serde(default)]
    pub subtitle: Option<String>,
    pub date: String,
    pub section: Option<String>,
    pub passage_id: String,
    /// Where in the source the passage is: "p. 12", "pp. 12–13".
    #[serde(default)]
    pub locator: Option<String>,
    /// The web address of the source (a web page).
    #[serde(default)]
    pub url: Option<String>,
    /// When the web address was read, written out ("5 December 2026").
    #[serde(default)]
    pub accessed: Option<String>,
}

impl Citation {
    /// The citation as markdown, with the title in italics.
    pub fn to_markdown(&self) -> String {
        self.render(
            |t| format!("*{}*", escape_markdown_inline(t)),
            escape_markdown_inline,
        )
    }

    /// The citation with `italic` applied to the work's (or periodical's)
    /// title and `plain` to an article's title, which goes in quotes.
    fn render(&self, italic: impl Fn(&str) -> String, plain: impl Fn(&str) -> String) -> String {
        let mut parts = Vec::new();
        if let Some(a) = &self.attribution {
            parts.push(a.clone());
        }
        let full = full_title(&self.title, self.subtitle.as_deref());
        match &self.published_in {
            Some(p) => parts.push(format!("“{}”, {} ({})", plain(&full), italic(p), self.date)),
            None => parts.push(format!("{} ({})", italic(&full), self.date)),
        }
        if let Some(s) = &self.section {
            parts.push(s.clone());
        }
        if let Some(l) = &self.locator {
            parts.push(l.clone());
        }
        parts.push(self.passage_id.clone());
        if let Some(u) = &self.url {
            parts.push(match &self.accessed {
                Some(a) => format!("{u} (accessed {a})"),
                None => u.clone(),
            });
        }
        parts.join(", ")
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|t| t.to_string(), |t| t.to_string()))
    }
}
