//! BibTeX: one entry per work, readable by BibTeX, biber and pandoc.
//!
//! Reports are `@techreport` with the organisation as `institution` (and as
//! a corporate `author`, in double braces, when no person is named, so that
//! styles cite "Foundation Trust Network (2014)" rather than a title), or
//! `@misc` without one; magazine and journal articles `@article` in their
//! periodical (a magazine's marked `entrysubtype = {magazine}`); a lecture
//! `@misc` that says so in `howpublished`; anything else `@misc`. Dates go
//! in `year` and `month` (BibTeX) and in `date` (biblatex), as precise as
//! the front matter has them; "et al." is `and others`.

use super::{Genre, Work};
use std::fmt::Write;

/// The month macros BibTeX defines.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The works as a BibTeX file.
pub fn bibtex(works: &[Work]) -> String {
    let pack = super::pack_in(works);
    let mut out = String::new();
    for w in works {
        let (kind, extra): (&str, Vec<(&str, String)>) = match w.genre {
            // BibTeX requires a report's institution: one without is a
            // `@misc` that says what it is.
            Genre::Report | Genre::MeetingReport if w.organisation.is_none() => (
                "misc",
                match w.genre {
                    Genre::MeetingReport => vec![("howpublished", braced("Meeting report"))],
                    _ => vec![("howpublished", braced("Report"))],
                },
            ),
            Genre::Report | Genre::MeetingReport => {
                let mut extra = Vec::new();
                if let Some(o) = &w.organisation {
                    extra.push(("institution", braced(o)));
                }
                if w.genre == Genre::MeetingReport {
                    extra.push(("type", braced("Meeting report")));
                }
                ("techreport", extra)
            }
            Genre::MagazineArticle | Genre::JournalArticle => {
                let mut extra: Vec<(&str, String)> = w
                    .organisation
                    .iter()
                    .map(|o| ("journal", braced(o)))
                    .collect();
                // biblatex's (and pandoc's) mark of a magazine, whose
                // articles styles date to the day.
                if w.genre == Genre::MagazineArticle {
                    extra.push(("entrysubtype", braced("magazine")));
                }
                ("article", extra)
            }
            Genre::Webpage => (
                "online",
                w.organisation
                    .iter()
                    .map(|o| ("organization", braced(o)))
                    .collect(),
            ),
            Genre::Speech | Genre::Article | Genre::Document => {
                let mut extra = Vec::new();
                let how = match w.genre {
                    Genre::Speech => Some("Lecture"),
                    Genre::Article => Some("Article"),
                    _ => None,
                };
                if let Some(how) = how {
                    extra.push(("howpublished", braced(how)));
                }
                if let Some(o) = &w.organisation {
                    extra.push(("publisher", braced(o)));
                }
                ("misc", extra)
            }
        };
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(author) = authors(w) {
            fields.push(("author", author));
        }
        // Double braces keep the title's capitals as written.
        fields.push(("title", format!("{{{}}}", braced(&w.full_title()))));
        fields.extend(extra);
        if let Some(i) = w.issued {
            fields.push(("year", braced(&i.year.to_string())));
            if let Some(m) = i
                .month
                .and_then(|m| MONTHS.get(m as usize - 1).filter(|_| m >= 1))
            {
                fields.push(("month", (*m).to_string()));
            }
            let date = match (i.month, i.day) {
                (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", i.year),
                (Some(m), None) => format!("{}-{m:02}", i.year),
                _ => i.year.to_string(),
            };
            fields.push(("date", braced(&date)));
        }
        if let Some(url) = &w.url {
            fields.push(("url", format!("{{{}}}", url_field(url))));
        }
        if let Some(a) = &w.accessed {
            fields.push(("urldate", braced(a)));
        }
        if let Some(note) = w.note(pack) {
            fields.push(("note", braced(&note)));
        }
        let _ = writeln!(out, "@{kind}{{{},", w.key);
        for (name, value) in &fields {
            let _ = writeln!(out, "  {name} = {value},");
        }
        out.push_str("}\n\n");
    }
    out
}

/// The `author` field: people as `Family, Given`, joined by `and`, with
/// `and others` for et al.; the organisation as one corporate name when no
/// person is named.
fn authors(w: &Work) -> Option<String> {
    if w.authors.is_empty() {
        let org = w.organisation.as_ref()?;
        // A magazine is where an article appeared, not who wrote it.
        if matches!(w.genre, Genre::MagazineArticle | Genre::JournalArticle) {
            return None;
        }
        return Some(format!("{{{}}}", braced(org)));
    }
    let mut names: Vec<String> = w
        .authors
        .iter()
        .map(|n| {
            if n.given.is_empty() && n.family.contains(char::is_whitespace) {
                // A name kept whole (`Interviewee A (Director of
                // Operations)`): braced, or BibTeX splits it into names.
                braced(&n.family)
            } else if n.given.is_empty() {
                escape(&n.family)
            } else {
                format!("{}, {}", escape(&n.family), escape(&n.given))
            }
        })
        .collect();
    if w.et_al {
        names.push("others".to_string());
    }
    Some(format!("{{{}}}", names.join(" and ")))
}

/// A web address as the `url` field takes it: verbatim (biber, the `url`
/// package and pandoc read it so; `\&` would be part of the address), the
/// few characters that would end the field or break it percent-encoded.
fn url_field(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

/// A value in braces, its special characters escaped.
fn braced(s: &str) -> String {
    format!("{{{}}}", escape(s))
}

/// TeX's special characters made literal, whitespace made one space.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}
