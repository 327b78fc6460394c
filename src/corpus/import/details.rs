//! What a re-import keeps of a report's file: its title, subtitle, short
//! title, organisation and authors, the user's (corrected by hand, or
//! given to an earlier import) over the document's reading.

use super::{ImportOptions, ImportedMeta, Previous};

/// A report's title, subtitle, short title, organisation and authors, as
/// its file gives them.
#[derive(Debug, Clone, Default)]
pub struct Details {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub short_title: Option<String>,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
}

/// On a re-import, the report's title, subtitle, short title, organisation
/// and authors as its file gives them stand over those read from the
/// document again, but for what the command line gives now. They are the
/// user's: corrected by hand (as the README asks, when a title page was
/// misread) or given to an earlier import, and a re-import that put the
/// document's reading back would change every citation of the report
/// without a word. Returns a note of what the document now reads
/// otherwise, and how to take it.
pub fn keep_details(
    meta: &mut ImportedMeta,
    previous: Option<&Previous>,
    opts: &ImportOptions,
) -> Option<String> {
    let before = &previous?.details;
    let mut reads = Vec::new();
    if opts.title.is_none() {
        if let Some(title) = &before.title
            && *title != meta.title
        {
            reads.push(format!("title “{}”", meta.title));
            meta.title = title.clone();
        }
        if before.subtitle != meta.subtitle {
            reads.push(match &meta.subtitle {
                Some(s) => format!("subtitle “{s}”"),
                None => "no subtitle".to_string(),
            });
            meta.subtitle = before.subtitle.clone();
        }
        // A short title of the user's: not the one made from the title,
        // nor one made from a title since corrected (it shares none of
        // its words: `Draft_v7_final` under `Regional review …`).
        let made = before
            .title
            .as_deref()
            .map(crate::corpus::parse::short_title_of);
        if let Some(short) = &before.short_title
            && before.short_title != made
            && titles_share_a_word(short, &meta.title, 3)
        {
            meta.short_title = Some(short.clone());
        }
    }
    if opts.organisation.is_none() && before.organisation != meta.organisation {
        reads.push(match &meta.organisation {
            Some(o) => format!("organisation “{o}”"),
            None => "no organisation".to_string(),
        });
        meta.organisation = before.organisation.clone();
    }
    if before.authors != meta.authors {
        reads.push(if meta.authors.is_empty() {
            "no authors".to_string()
        } else {
            format!("authors {}", meta.authors.join("; "))
        });
        meta.authors = before.authors.clone();
    }
    (!reads.is_empty()).then(|| {
        format!(
            "kept its details as {} gives them; the document now reads {} (to take them, edit the report file, or give --title or --organisation)",
            previous.map_or_else(String::new, |p| p.path.display().to_string()),
            reads.join(", ")
        )
    })
}

/// Whether two titles share a word of `shortest` letters or more, in any
/// case.
pub fn titles_share_a_word(a: &str, b: &str, shortest: usize) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= shortest)
            .map(str::to_lowercase)
            .collect()
    };
    let theirs = words(b);
    words(a).iter().any(|w| theirs.contains(w))
}
