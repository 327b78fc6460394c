//! A report file's front matter: TOML between two lines of `+++` at the top,
//! read into its known keys (anything else is kept, to be reported as
//! unknown). Where the body starts follows from it.

use serde::Deserialize;

/// The front matter keys; anything else is reported as unknown.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub short_title: Option<String>,
    pub subtitle: Option<String>,
    /// The work has more authors than `authors` names.
    pub et_al: Option<bool>,
    pub genre: Option<String>,
    /// The citation key reference formats give the work (`gawande2012big`).
    pub citekey: Option<String>,
    pub organisation: Option<String>,
    pub authors: Option<Vec<String>>,
    pub published: Option<String>,
    pub kind: Option<String>,
    pub key_sections: Option<Vec<String>>,
    /// Themes for every passage whose marker names none.
    pub themes: Option<Vec<String>>,
    #[serde(flatten)]
    pub other: toml::Table,
}

/// The front matter at the top of `text`: its keys and the byte offset where
/// the body starts; `None` when the file has none (its first line is not
/// `+++`); an error (line, message) when it is never closed or is not TOML.
pub(crate) fn read(text: &str) -> Result<Option<(FrontMatter, usize)>, (usize, String)> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        return Ok(None);
    }
    let open_end = first_line.len() + 1;
    let mut close = None;
    let mut offset = open_end.min(text.len());
    for line in text[offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_start, close_end)) = close else {
        return Err((
            1,
            "front matter opened with `+++` is never closed by a `+++` line".to_string(),
        ));
    };
    let toml_text = &text[open_end.min(close_start)..close_start];
    match toml::from_str::<FrontMatter>(toml_text) {
        Ok(fm) => Ok(Some((fm, close_end))),
        Err(e) => {
            let line = e
                .span()
                .map(|s| {
                    toml_text[..s.start.min(toml_text.len())]
                        .matches('\n')
                        .count()
                        + 2
                })
                .unwrap_or(1);
            let message = e.message().trim().replace('\n', " ");
            Err((line, format!("bad front matter: {message}")))
        }
    }
}
