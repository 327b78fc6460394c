//! `evidence import`, the corpus's half: a document's details and body
//! written as a report file (generated front matter, a marker on every
//! passage), and the rules for a file an earlier import wrote. The other
//! half, reading PDFs, Word documents and web pages, is the `import` module's;
//! markdown is read here, as it is this module's own format.
//!
//! A second import of a source is a no-op when the source has not changed
//! (its hash is in the front matter). A changed source needs `force`; its
//! passages whose text is unchanged keep their ids, new ones get numbers
//! never used before, and the ids of removed ones are retired (listed, and
//! never given again). A file the user has corrected by hand since (its own
//! hash no longer matches) is only replaced with `force`, and its previous
//! version is kept beside it.

use super::front_matter;
use super::parse::{Parsed, RawPassage, parse_file};
use super::{Block, Corpus, CorpusSource, ReportKind, SourceDoc, valid_date};
use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

mod details;
mod markers;
pub use details::{Details, keep_details, titles_share_a_word};
use markers::insert_markers;

pub use super::parse::slug;

/// Metadata given on the command line for the imported files, and whether
/// a changed source or a corrected file may be replaced.
#[derive(Debug, Default, Clone)]
pub struct ImportOptions {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub published: Option<String>,
    pub themes: Vec<String>,
    /// The web address the document was published at (for a web page saved
    /// without one).
    pub url: Option<String>,
    /// Re-import a source that changed, replacing a file corrected by hand
    /// (its previous version kept beside it).
    pub force: bool,
    /// The report id to give the document over the one its file name gives
    /// (the import's choice, when another document has that one).
    pub id: Option<String>,
}

/// A document's details, as the report file's front matter will give them.
#[derive(Debug, Clone, Default)]
pub struct ImportedMeta {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// A short title of the user's (see [`keep_details`]); `None` for the
    /// one made from the title.
    pub short_title: Option<String>,
    /// The kind of work it is, for citations (`report`; see
    /// [`crate::cite::Genre`]), when the import can tell.
    pub genre: Option<String>,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    /// Its citation key, written into its front matter so that it never
    /// changes as other reports come and go (see [`crate::cite::keys`]).
    pub citekey: Option<String>,
    pub tags: Vec<String>,
    /// Default themes for every passage whose marker names none.
    pub themes: Vec<String>,
    pub source: SourceDoc,
    /// The hash of the source file's bytes.
    pub source_hash: String,
    /// Front matter keys from another tool that this program does not use,
    /// kept (and listed as warnings by `check`).
    pub extra: toml::Table,
}

/// What an earlier import left for a report id: the file, the source it was
/// made from, and its passages.
#[derive(Debug, Clone)]
pub struct Previous {
    /// The report file.
    pub path: PathBuf,
    /// Its bytes as they are now.
    pub bytes: Vec<u8>,
    /// The hash of the source it was imported from.
    pub source_hash: Option<String>,
    /// True when the file has been changed since it was written by import.
    pub edited: bool,
    /// Its passages: local id, text and the themes its marker names.
    pub passages: Vec<(String, String, Vec<String>)>,
    /// Ids retired by earlier re-imports.
    pub retired: Vec<String>,
    /// The date its front matter gives.
    pub published: Option<String>,
    /// The kind of work its front matter says it is (`genre`), which a
    /// re-import keeps: the import's guess, or the user's correction.
    pub genre: Option<String>,
    /// Who and what its front matter says it is, which a re-import keeps
    /// (see [`keep_details`]).
    pub details: Details,
}

/// The reports an earlier import wrote in `into`, by the hash of the
/// source each was made from: its id, and the source file it records, as
/// a path from the current folder.
pub fn imported_sources(
    into: &Path,
    existing: &Corpus,
) -> std::collections::HashMap<String, (String, Option<String>)> {
    existing
        .reports
        .iter()
        // Import writes a source file and format: reports without either
        // are the user's own, not read here.
        .filter(|r| r.source.file.is_some() || r.source.format.is_some())
        .filter_map(|r| {
            let bytes = fs::read(into.join(&r.path)).ok()?;
            let text = super::parse::decode(&bytes).ok()?;
            let (fm, _) = front_matter::read(&text).ok()??;
            let file = r
                .source
                .file
                .as_deref()
                .map(|f| super::source_file::from_here(into, f));
            Some((fm.source_hash?, (r.id.clone(), file)))
        })
        .collect()
}

/// The file an earlier import wrote for `id` in the folder `into`, if any.
/// A report with that id that import did not write (no source hash in its
/// front matter) is [`Error::ReportExists`]: import never replaces a
/// report of the user's own.
pub fn previous(
    into: &Path,
    existing: &Corpus,
    id: &str,
    source_path: &Path,
) -> Result<Option<Previous>> {
    let target = into.join(format!("{id}.md"));
    let path = match existing.report(id) {
        Some(r) => into.join(&r.path),
        None if fs::symlink_metadata(&target).is_ok() => target,
        None => return Ok(None),
    };
    let exists = || Error::ReportExists {
        id: id.to_string(),
        source_path: source_path.to_path_buf(),
        existing: path.clone(),
    };
    let bytes = fs::read(&path).map_err(|_| exists())?;
    let Ok(text) = super::parse::decode(&bytes) else {
        return Err(exists());
    };
    let fm = match front_matter::read(&text) {
        Ok(Some((fm, _))) => fm,
        // The report this import wrote, broken by an edit: said so, not
        // taken for another document's.
        Err((line, why)) if text.contains("\nsource_hash = ") => {
            return Err(Error::InvalidInput(format!(
                "{}:{line}: its front matter cannot be read ({why}); correct it and import again",
                path.display()
            )));
        }
        _ => return Err(exists()),
    };
    if fm.source_hash.is_none() {
        return Err(exists());
    }
    let edited = fm.import_hash.as_deref() != Some(import_hash(&text).as_str());
    let parsed = parse_file(&path, &bytes);
    // Every passage the file gives, marked or not: a paragraph added by hand
    // without a marker has been shown (and cited) under the id the folder
    // gives it, which must not go to other text.
    let passages = parsed
        .raw
        .iter()
        .map(|r| {
            let themes = marker_themes(&parsed.default_themes, &r.passage.themes);
            (
                r.passage.local_id().to_string(),
                r.passage.text.clone(),
                themes,
            )
        })
        .collect();
    Ok(Some(Previous {
        path,
        bytes,
        source_hash: fm.source_hash,
        edited,
        passages,
        retired: fm.retired_passages.unwrap_or_default(),
        published: fm.published,
        genre: fm.genre,
        details: Details {
            title: fm.title,
            subtitle: fm.subtitle,
            short_title: fm.short_title,
            organisation: fm.organisation,
            authors: fm.authors.unwrap_or_default(),
        },
    }))
}

/// The themes a marker named, given the passage's themes and the report's
/// defaults (a passage that took the defaults named none).
fn marker_themes(defaults: &[String], themes: &[String]) -> Vec<String> {
    if themes == defaults {
        Vec::new()
    } else {
        themes.to_vec()
    }
}

/// Ids for a document's passages, given their texts: an earlier passage's
/// id (and the themes its marker named) where the text is the same, each
/// used once, in order, or else nearly the same (three in five of their
/// words in common); otherwise a number above every id used before,
/// retired ones included. Returns the ids, the themes kept, and the ids
/// retired now and before.
pub fn assign_ids(
    texts: &[String],
    previous: Option<&Previous>,
) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let empty = Vec::new();
    let old = previous.map_or(&empty, |p| &p.passages);
    let mut used = vec![false; old.len()];
    let mut next = old
        .iter()
        .map(|(id, _, _)| id.as_str())
        .chain(
            previous
                .iter()
                .flat_map(|p| p.retired.iter().map(String::as_str)),
        )
        .filter_map(|id| id.split('.').next()?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    // First the passages whose text is the same; then, in order, those
    // nearly the same (a typo corrected by hand, a word the new version
    // changed): most of their words in common, or (a sentence lengthened or
    // cut, `targets` → `targets of 2-3% a year`) nearly all of the shorter
    // one's words in the other, at most twice as long.
    let mut matched: Vec<Option<usize>> = texts
        .iter()
        .map(|text| {
            let i = old
                .iter()
                .enumerate()
                .position(|(i, (_, t, _))| !used[i] && t == text)?;
            used[i] = true;
            Some(i)
        })
        .collect();
    if texts.len() * old.len() <= 4_000_000 {
        let words = |t: &str| -> std::collections::HashSet<String> {
            t.split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect()
        };
        let old_words: Vec<_> = old.iter().map(|(_, t, _)| words(t)).collect();
        let new_words: Vec<_> = texts.iter().map(|t| words(t)).collect();
        // Two passes over the whole document, so that a passage lengthened
        // never takes the id of one that is nearly the same further on:
        // first those with most words in common, then the lengthened or cut,
        // each with the nearest in place of equally good ones.
        for lengthened in [false, true] {
            for k in 0..texts.len() {
                if matched[k].is_some() {
                    continue;
                }
                let best = old_words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !used[*i])
                    .filter_map(|(i, w)| {
                        let new = &new_words[k];
                        let common = w.intersection(new).count();
                        let all = w.union(new).count().max(1);
                        let share = common as f64 / all as f64;
                        let (short, long) = (w.len().min(new.len()), w.len().max(new.len()));
                        let ok = if lengthened {
                            short >= 5 && long <= 2 * short && common as f64 >= 0.85 * short as f64
                        } else {
                            share >= 0.6
                        };
                        ok.then_some((i, share))
                    })
                    .max_by(|a, b| {
                        a.1.total_cmp(&b.1)
                            .then_with(|| b.0.abs_diff(k).cmp(&a.0.abs_diff(k)))
                    });
                if let Some((i, _)) = best {
                    used[i] = true;
                    matched[k] = Some(i);
                }
            }
        }
    }
    let mut ids = Vec::with_capacity(texts.len());
    let mut themes = Vec::with_capacity(texts.len());
    for m in matched {
        match m.and_then(|i| old.get(i)) {
            Some((id, _, marker)) => {
                ids.push(id.clone());
                themes.push(marker.clone());
            }
            None => {
                ids.push(next.to_string());
                themes.push(Vec::new());
                next += 1;
            }
        }
    }
    let mut retired: Vec<String> = previous.map_or_else(Vec::new, |p| p.retired.clone());
    for (i, (id, _, _)) in old.iter().enumerate() {
        if !used[i] && !retired.contains(id) {
            retired.push(id.clone());
        }
    }
    (ids, themes, retired)
}

/// A report file ready to be written.
#[derive(Debug, Clone)]
pub struct Planned {
    pub id: String,
    pub target: PathBuf,
    pub text: String,
    /// Where the previous version is kept first, when it was corrected by
    /// hand since it was imported.
    pub backup: Option<PathBuf>,
    /// The previous version's bytes, for the backup.
    pub previous: Option<Vec<u8>>,
    /// How many passages it has.
    pub passages: usize,
}

/// The report file for a document: front matter from `meta` (with the
/// retired ids), then `body`, which already has its markers; and where it
/// goes. `previous` is what an earlier import of it left.
pub fn plan_write(
    into: &Path,
    meta: &ImportedMeta,
    retired: &[String],
    body: &str,
    passages: usize,
    previous: Option<&Previous>,
) -> Planned {
    let mut fm = String::from("+++\n");
    let mut line = |key: &str, value: toml::Value| {
        fm.push_str(&format!("{key} = {value}\n"));
    };
    let string = |s: &str| toml::Value::String(s.to_string());
    let list = |items: &[String]| {
        toml::Value::Array(
            items
                .iter()
                .map(|s| toml::Value::String(s.clone()))
                .collect(),
        )
    };
    line("id", string(&meta.id));
    line("title", string(&meta.title));
    if let Some(sub) = &meta.subtitle {
        line("subtitle", string(sub));
    }
    line(
        "short_title",
        string(
            &meta
                .short_title
                .clone()
                .unwrap_or_else(|| super::parse::short_title_of(&meta.title)),
        ),
    );
    if let Some(o) = &meta.organisation {
        line("organisation", string(o));
    }
    if !meta.authors.is_empty() {
        line("authors", list(&meta.authors));
    }
    if let Some(p) = &meta.published {
        line("published", string(p));
    }
    if let Some(k) = &meta.citekey {
        line("citekey", string(k));
    }
    if let Some(g) = &meta.genre {
        line("genre", string(g));
    }
    line("kind", string(ReportKind::Document.as_str()));
    if !meta.themes.is_empty() {
        line("themes", list(&meta.themes));
    }
    if !meta.tags.is_empty() {
        line("tags", list(&meta.tags));
    }
    let source = &meta.source;
    for (key, value) in [
        ("source_file", &source.file),
        ("source_format", &source.format),
        ("source_url", &source.url),
        ("accessed", &source.accessed),
    ] {
        if let Some(v) = value {
            line(key, string(v));
        }
    }
    line("source_hash", string(&meta.source_hash));
    if !retired.is_empty() {
        line("retired_passages", list(retired));
    }
    for (key, value) in &meta.extra {
        line(&toml_key(key), value.clone());
    }
    let mut text = format!("{fm}+++\n{body}");
    let hash = import_hash(&text);
    text.insert_str(fm.len(), &format!("import_hash = \"{hash}\"\n"));
    let target = previous.map_or_else(|| into.join(format!("{}.md", meta.id)), |p| p.path.clone());
    let backup = previous
        .filter(|p| p.edited)
        .map(|_| backup_path(&target, &crate::date::today()));
    Planned {
        id: meta.id.clone(),
        target,
        text,
        backup,
        previous: previous.map(|p| p.bytes.clone()),
        passages,
    }
}

/// A key as TOML writes it: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// Writes a planned file atomically, keeping the previous version first
/// where it was corrected by hand.
pub fn write_planned(planned: &Planned) -> Result<()> {
    if let (Some(backup), Some(bytes)) = (&planned.backup, &planned.previous) {
        crate::atomic::write(backup, bytes)?;
    }
    crate::atomic::write(&planned.target, planned.text.as_bytes())
}

/// Where a corrected file's previous version is kept: beside it, named so
/// that it is not read as a report (`notes.md.2026-12-05.bak`, numbered if
/// that is taken).
pub(super) fn backup_path(target: &Path, today: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            target.with_file_name(format!("{name}.{today}.bak"))
        } else {
            target.with_file_name(format!("{name}.{today}-{n}.bak"))
        };
        if fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

/// The hash import writes into a file, of the file's text without its own
/// `import_hash` line: a file whose hash no longer matches has been changed
/// since.
pub fn import_hash(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !line.starts_with("import_hash = ") {
            kept.push_str(line);
        }
    }
    format!("blake3:{}", blake3::hash(kept.as_bytes()).to_hex())
}

/// The hash of a source file's bytes, as the front matter records it.
pub fn source_hash(bytes: &[u8]) -> String {
    format!("blake3:{}", blake3::hash(bytes).to_hex())
}

/// A markdown document made ready to be written as a report.
#[derive(Debug, Clone)]
pub struct MarkdownReport {
    pub meta: ImportedMeta,
    /// Passage ids retired, now and by earlier imports.
    pub retired: Vec<String>,
    /// The body with its markers.
    pub body: String,
    /// How many passages it has.
    pub passages: usize,
    /// What an earlier import of it left.
    pub previous: Option<Previous>,
    /// What the user should check (a title taken from the first line).
    pub notes: Vec<String>,
}

/// A markdown document (its body, and its YAML front matter read as
/// details) as a report: details from the front matter or its first
/// heading, and its body with a marker after each passage, ids kept from
/// `previous`. An error says why the file is no report.
pub fn markdown_body(
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
    theme_ids: &[String],
    previous_of: &mut dyn FnMut(&str) -> Result<Option<Previous>>,
) -> Result<MarkdownReport> {
    let mut parsed = parse_file(path, bytes);
    if let Some(titled) = first_line_as_title(&parsed) {
        parsed = parse_file(path, titled.as_bytes());
    }
    let text = &parsed.text;
    let fm = match front_matter::read(text) {
        Ok(Some((fm, _))) if !fm.yaml => {
            return Err(Error::InvalidInput(format!(
                "{}: already has front matter; copy it into the corpus folder as it is",
                path.display()
            )));
        }
        Ok(fm) => fm.map(|(fm, _)| fm),
        Err(_) => None,
    };
    let Some(report) = parsed.report else {
        let why = parsed
            .problems
            .iter()
            .find(|p| p.fatal)
            .map(|p| p.message.clone())
            .unwrap_or_else(|| "cannot be read as a report".to_string());
        return Err(Error::InvalidInput(format!("{}: {why}", path.display())));
    };
    let mut meta = ImportedMeta {
        id: report.meta.id.clone(),
        title: report.meta.title.clone(),
        subtitle: report.meta.subtitle.clone(),
        short_title: None,
        genre: report.meta.genre.clone(),
        organisation: report.meta.organisation.clone(),
        authors: report.meta.authors.clone(),
        published: report.meta.published.clone(),
        citekey: report.meta.citekey.clone(),
        tags: report.meta.tags.clone(),
        themes: Vec::new(),
        source: SourceDoc {
            format: Some("markdown".to_string()),
            ..SourceDoc::default()
        },
        source_hash: source_hash(bytes),
        extra: toml::Table::new(),
    };
    if let Some(fm) = fm {
        meta.themes = fm.themes.clone().unwrap_or_else(|| {
            meta.tags
                .iter()
                .filter(|t| theme_ids.contains(t))
                .cloned()
                .collect()
        });
        meta.source.url = fm.source_url.clone();
        meta.source.accessed = fm.accessed.clone();
        meta.extra = fm.other.clone();
    }
    let mut notes = Vec::new();
    if opts.title.is_none()
        && parsed
            .problems
            .iter()
            .any(|p| p.message == super::parse::NO_TITLE)
    {
        notes.push(format!(
            "no title in it: titled by its first line, `{}`; give one with --title",
            meta.title
        ));
    }
    apply_options(&mut meta, opts);
    let previous = previous_of(&meta.id)?;
    notes.extend(keep_details(&mut meta, previous.as_ref(), opts));
    let texts: Vec<String> = parsed.raw.iter().map(|r| r.passage.text.clone()).collect();
    let (ids, themes, retired) = assign_ids(&texts, previous.as_ref());
    let body = insert_markers(&text[parsed.body_start..], &parsed.raw, &ids, &themes);
    Ok(MarkdownReport {
        meta,
        retired,
        body,
        passages: texts.len(),
        previous,
        notes,
    })
}

/// A plain document's text with its first line made its title heading,
/// when that line is one: the document has no title of its own (no
/// heading, none in its front matter), and it opens with a short line on
/// its own, not a sentence, that the title would otherwise be taken from
/// and then repeated as the first passage. `None` when it is not so.
fn first_line_as_title(parsed: &Parsed) -> Option<String> {
    let report = parsed.report.as_ref()?;
    let first = parsed.raw.first()?;
    let line = &first.passage.text;
    let (start, end) = (
        parsed.body_start + first.start,
        parsed.body_start + first.end,
    );
    let own_line = !parsed.text.get(start..end)?.trim().contains('\n');
    let is_title = parsed.raw.len() > 1
        && first.passage.section.is_none()
        && matches!(first.passage.block, Block::Paragraph { depth: 0 })
        && report.meta.title == *line
        && own_line
        && line.chars().count() <= TITLE_LINE_MAX
        && !line.ends_with(['.', '!', '?', ':', ';', ',']);
    is_title.then(|| format!("{}# {}", &parsed.text[..start], &parsed.text[start..]))
}

/// The longest first line taken as a plain document's title.
const TITLE_LINE_MAX: usize = 100;

/// The command line's details over the document's own.
pub fn apply_options(meta: &mut ImportedMeta, opts: &ImportOptions) {
    if let Some(id) = &opts.id {
        meta.id = id.clone();
    }
    if let Some(t) = &opts.title {
        // A title given whole: the document's subtitle was its title's.
        meta.title = t.clone();
        meta.subtitle = None;
    }
    if let Some(o) = &opts.organisation {
        meta.organisation = Some(o.clone());
    }
    if let Some(p) = &opts.published {
        meta.published = Some(p.clone());
    }
    if !opts.themes.is_empty() {
        meta.themes = opts.themes.clone();
    }
    if let Some(u) = &opts.url {
        meta.source.url = Some(u.clone());
    }
    if meta.source.url.is_some() && meta.source.accessed.is_none() {
        meta.source.accessed = Some(crate::date::today());
    }
}

/// Checks the command line's details and the folder before anything is
/// read: a date that is no date, a folder that is not there, a theme the
/// folder does not define. Returns the folder's corpus as it is now.
pub fn check_target(into: &Path, opts: &ImportOptions) -> Result<Corpus> {
    if let Some(p) = &opts.published
        && !valid_date(p)
    {
        return Err(Error::InvalidInput(format!(
            "--published `{p}` {}",
            super::why_not_a_date(p)
        )));
    }
    if let Some(u) = &opts.url
        && !super::parse::valid_url(u)
    {
        return Err(Error::InvalidInput(format!(
            "--url `{u}` is not a web address (http:// or https://)"
        )));
    }
    // A missing folder is made, as a corpus of the user's documents alone,
    // when the folder it goes in exists (a mistyped path further up is
    // refused) and no theme is asked for (a new folder defines none).
    if fs::symlink_metadata(into).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        let parent = into
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{}: no such folder, and {} is none either to make it in",
                into.display(),
                parent.display()
            )));
        }
        if let Some(t) = opts.themes.first() {
            return Err(Error::InvalidInput(format!(
                "--theme {t}: {} does not exist, so it has no themes.toml to define it; start it with `evidence init {}` for the bundled themes",
                into.display(),
                into.display()
            )));
        }
        fs::create_dir(into).map_err(|e| Error::io(into, e))?;
    }
    let source = CorpusSource::folder(into)?;
    let existing = Corpus::load_lean(&source);
    for t in &opts.themes {
        if existing.theme(t).is_some() {
            continue;
        }
        // A folder without themes.toml has no themes (the bundled ones do
        // not apply), so no passage there can carry one.
        if !into.join("themes.toml").exists() {
            return Err(Error::InvalidInput(format!(
                "--theme {t}: {} has no themes.toml to define it; add one (a folder made by `evidence init` has the bundled themes)",
                into.display()
            )));
        }
        let valid: Vec<&str> = existing.themes.iter().map(|t| t.id.as_str()).collect();
        return Err(Error::UnknownTheme {
            id: t.clone(),
            hint: crate::distance::did_you_mean(t, valid.iter().copied()),
            valid: if valid.is_empty() {
                format!("none ({} defines none)", into.join("themes.toml").display())
            } else {
                valid.join(", ")
            },
        });
    }
    Ok(existing)
}

/// Imports markdown and text files into the corpus folder `into`, all or
/// none: everything is checked first. (The command line's `import` takes
/// every format, file by file, through [`crate::import`].)
pub fn import_files(
    files: &[PathBuf],
    into: &Path,
    opts: &ImportOptions,
) -> Result<Vec<(String, PathBuf)>> {
    let existing = check_target(into, opts)?;
    let theme_ids: Vec<String> = existing.themes.iter().map(|t| t.id.clone()).collect();
    let mut planned: Vec<Planned> = Vec::new();
    for file in files {
        let bytes = fs::read(file).map_err(|e| Error::io(file, e))?;
        let mut previous_of = |id: &str| previous(into, &existing, id, file);
        let MarkdownReport {
            mut meta,
            retired,
            body,
            passages: count,
            previous,
            ..
        } = markdown_body(file, &bytes, opts, &theme_ids, &mut previous_of)?;
        meta.source.file = Some(super::source_file::recorded(file, into));
        if let Some(p) = &previous
            && !opts.force
        {
            return Err(Error::ReportExists {
                id: meta.id.clone(),
                source_path: file.clone(),
                existing: p.path.clone(),
            });
        }
        let plan = plan_write(into, &meta, &retired, &body, count, previous.as_ref());
        if planned.iter().any(|p| p.id == plan.id) {
            return Err(Error::ReportExists {
                id: plan.id,
                source_path: file.clone(),
                existing: plan.target,
            });
        }
        planned.push(plan);
    }
    let mut written = Vec::new();
    for plan in planned {
        write_planned(&plan)?;
        written.push((plan.id, plan.target));
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
