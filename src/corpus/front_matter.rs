//! A report file's front matter: TOML between two lines of `+++` at the top
//! (this program's own), or YAML between two lines of `---` (as pandoc,
//! Obsidian, Jekyll and Hugo write it), read into its known keys (anything
//! else is kept, to be reported as unknown). YAML's own names are read as
//! ours: `author` as `authors`, `date` as `published` (cut to the day),
//! `organization` as `organisation`. Where the body starts follows from it.

use serde::Deserialize;
use yaml_rust2::{Yaml, YamlLoader};

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
    /// Tags from another tool; those naming a theme are default themes
    /// when `themes` is not given.
    pub tags: Option<Vec<String>>,
    /// Written by `evidence import`: where the report came from.
    pub source_file: Option<String>,
    pub source_format: Option<String>,
    pub source_url: Option<String>,
    pub accessed: Option<String>,
    /// Written by `evidence import`: a hash of the source file, to tell an
    /// unchanged source on a second import, and one of the file as written,
    /// to tell a file corrected by hand since.
    pub source_hash: Option<String>,
    pub import_hash: Option<String>,
    /// Written by `evidence import`: ids of passages a re-import removed,
    /// never given to a new passage.
    pub retired_passages: Option<Vec<String>>,
    #[serde(flatten)]
    pub other: toml::Table,
    /// True when read from YAML (`---`).
    #[serde(skip)]
    pub yaml: bool,
}

impl FrontMatter {
    /// Leaves control characters out of the details shown and cited (a
    /// terminal would act on them); the first key that had any.
    pub fn without_controls(&mut self) -> Option<&'static str> {
        let mut first = None;
        let mut clean = |key: &'static str, value: &mut String| {
            if value.chars().any(char::is_control) {
                value.retain(|c| !c.is_control() || c == ' ');
                first.get_or_insert(key);
            }
        };
        for (key, value) in [
            ("title", &mut self.title),
            ("short_title", &mut self.short_title),
            ("subtitle", &mut self.subtitle),
            ("organisation", &mut self.organisation),
            ("genre", &mut self.genre),
            ("published", &mut self.published),
            ("source_url", &mut self.source_url),
            ("accessed", &mut self.accessed),
        ] {
            if let Some(v) = value {
                clean(key, v);
            }
        }
        for (key, list) in [("authors", &mut self.authors), ("tags", &mut self.tags)] {
            for v in list.iter_mut().flatten() {
                clean(key, v);
            }
        }
        first
    }
}

/// The front matter at the top of `text`: its keys and the byte offset where
/// the body starts; `None` when the file has none (its first line is not
/// `+++`); an error (line, message) when it is never closed or is not TOML.
pub(crate) fn read(text: &str) -> Result<Option<(FrontMatter, usize)>, (usize, String)> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() == "---" {
        return read_yaml(text, first_line.len() + 1);
    }
    if first_line.trim_end() != "+++" {
        return broken_opening(text).map_or(Ok(None), Err);
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

/// Front matter that was meant but not opened as it must be, so that its
/// TOML would be read as the report's text (its title `++`, its keys a
/// passage): a first line of pluses that is not `+++`, or a `+++` line
/// further down a file that does not start with one.
fn broken_opening(text: &str) -> Option<(usize, String)> {
    let first = text.lines().next().unwrap_or("").trim();
    if first.len() >= 2 && first.chars().all(|c| c == '+') {
        return Some((
            1,
            format!("front matter opens with a line of `+++`, not `{first}`"),
        ));
    }
    let (n, _) = text
        .lines()
        .enumerate()
        .take(FRONT_MATTER_LINES)
        .skip(1)
        .find(|(_, l)| l.trim_end() == "+++")?;
    Some((
        n + 1,
        "a `+++` line, but the file does not start with one: front matter must open with `+++` on the first line"
            .to_string(),
    ))
}

/// How far down a `+++` line is taken for front matter opened wrongly.
const FRONT_MATTER_LINES: usize = 60;

/// YAML front matter: `---`, the YAML, and `---` (or `...`). A first line
/// of `---` that is never closed, or whose block is no YAML mapping, is
/// markdown (a rule), not front matter.
fn read_yaml(text: &str, open_end: usize) -> Result<Option<(FrontMatter, usize)>, (usize, String)> {
    let mut offset = open_end.min(text.len());
    let mut close = None;
    for line in text[offset..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_start, close_end)) = close else {
        return Ok(None);
    };
    let yaml_text = &text[open_end.min(close_start)..close_start];
    let docs = YamlLoader::load_from_str(yaml_text).map_err(|e| {
        (
            e.marker().line() + 1,
            format!("bad YAML front matter: {}", e.info()),
        )
    })?;
    let table = match docs.into_iter().next() {
        Some(Yaml::Hash(map)) => {
            let mut table = toml::Table::new();
            for (k, v) in map {
                let Some(key) = scalar(&k) else { continue };
                let Some(value) = toml_value(&v) else {
                    continue;
                };
                let (key, value) = ours(&key, value);
                match (table.get_mut(&key), value) {
                    // `author` and `authors` both given: one list.
                    (Some(toml::Value::Array(list)), toml::Value::Array(more)) => list.extend(more),
                    (_, value) => {
                        table.insert(key, value);
                    }
                }
            }
            table
        }
        // An empty block: front matter with nothing in it.
        None | Some(Yaml::Null) => toml::Table::new(),
        Some(_) => return Ok(None),
    };
    let mut fm: FrontMatter = table.try_into().map_err(|e: toml::de::Error| {
        (
            1,
            format!(
                "bad YAML front matter: {}",
                e.message().trim().replace('\n', " ")
            ),
        )
    })?;
    fm.yaml = true;
    Ok(Some((fm, close_end)))
}

/// A YAML key or scalar as text.
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A YAML value as TOML (`null` has no TOML form and is left out).
fn toml_value(y: &Yaml) -> Option<toml::Value> {
    Some(match y {
        Yaml::String(s) => toml::Value::String(s.clone()),
        Yaml::Integer(i) => toml::Value::Integer(*i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .map_or_else(|_| toml::Value::String(r.clone()), toml::Value::Float),
        Yaml::Boolean(b) => toml::Value::Boolean(*b),
        Yaml::Array(items) => toml::Value::Array(items.iter().filter_map(toml_value).collect()),
        Yaml::Hash(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((scalar(k)?, toml_value(v)?)))
                .collect(),
        ),
        _ => return None,
    })
}

/// Another tool's key and value as this program's: `author` is `authors` (a
/// name, a list of names, or of `{name: …}`), `date` is `published` cut to
/// the day, `organization` is `organisation`, and `tags` may be one string
/// of words separated by commas or spaces.
fn ours(key: &str, value: toml::Value) -> (String, toml::Value) {
    let names = |v: toml::Value| -> toml::Value {
        let one = |v: &toml::Value| match v {
            toml::Value::Table(t) => t.get("name").and_then(|n| n.as_str()).map(str::to_string),
            other => other.as_str().map(str::to_string),
        };
        match &v {
            toml::Value::Array(items) => toml::Value::Array(
                items
                    .iter()
                    .filter_map(one)
                    .map(toml::Value::String)
                    .collect(),
            ),
            other => toml::Value::Array(one(other).into_iter().map(toml::Value::String).collect()),
        }
    };
    match key {
        "author" | "authors" => ("authors".to_string(), names(value)),
        "date" | "published" => {
            let text = match &value {
                toml::Value::Integer(i) => i.to_string(),
                other => other.as_str().unwrap_or_default().to_string(),
            };
            (
                "published".to_string(),
                toml::Value::String(published(&text)),
            )
        }
        "organization" => ("organisation".to_string(), value),
        "tags" | "keywords" if value.is_str() => {
            let words = value
                .as_str()
                .unwrap_or_default()
                .split([',', ' '])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| toml::Value::String(w.to_string()))
                .collect();
            ("tags".to_string(), toml::Value::Array(words))
        }
        "keywords" => ("tags".to_string(), value),
        _ => (key.to_string(), value),
    }
}

/// A date as other tools write it, as a `published` value: `2024-03-05`
/// from `2024-03-05T10:00:00Z` or `2024/03/05`; anything else as given
/// (`check` then says it is no date).
pub fn published(text: &str) -> String {
    let t = text.trim().replace('/', "-");
    let day = t
        .get(..10)
        .filter(|d| super::valid_date(d) && d.len() == 10);
    match day {
        Some(d) => d.to_string(),
        None => t,
    }
}
