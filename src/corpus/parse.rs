//! Reading one corpus file: TOML front matter between `+++` lines, then a markdown
//! body whose paragraphs and list items become passages.
//!
//! A passage's id and themes live in a marker comment at the end of its text,
//! `<!-- #7 buddying leadership -->`, so ids never shift when passages around them
//! change and the files still read cleanly as markdown. Passages without a marker
//! are numbered by position. This module sees one file at a time: checks that need
//! the whole corpus (duplicate report ids, unknown themes) belong to `load`.

use super::front_matter::{self, FrontMatter};
use super::walk::Walk;
use super::{
    Block, Passage, Passages, Problem, Report, ReportKind, ReportMeta, SourceDoc, valid_date,
};
use std::collections::HashSet;
use std::path::Path;

pub use super::marker::{Marker, parse_marker};

/// The warning for a file with no title of its own.
pub(crate) const NO_TITLE: &str = "no title: neither front matter nor a `# heading`, so its first line is taken as the title; add a `# Title` line or front matter `title`";

/// Longest `short_title`, so it fits narrow columns.
pub const SHORT_TITLE_MAX: usize = 24;
/// Longest title derived from a plain file's first line.
const DERIVED_TITLE_MAX: usize = 80;

/// A passage as parsed, with where its text ends in the body (for `import`).
#[derive(Debug, Clone)]
pub(crate) struct RawPassage {
    pub passage: Passage,
    /// Byte offset in the body just after the passage's last inline content,
    /// where a marker can be inserted; `None` where one cannot (code blocks).
    pub marker_at: Option<usize>,
    pub has_marker: bool,
    /// Byte range in the body of the markdown the passage was read from (a list
    /// item's range runs on over any list nested in it).
    pub start: usize,
    pub end: usize,
    /// Byte range in the body of the heading that gives the passage its section.
    pub heading: Option<(usize, usize)>,
    /// The lead-in the passage's section carries, if any (see [`section_of`]),
    /// whether or not it is a passage itself.
    pub lead_in: Option<String>,
}

/// The result of reading one file.
pub(crate) struct Parsed {
    /// `None` when the file could not be used (a fatal problem says why).
    pub report: Option<Report>,
    pub problems: Vec<Problem>,
    pub raw: Vec<RawPassage>,
    /// Byte offset where the body starts in the normalised text.
    pub body_start: usize,
    /// The text after BOM removal and CRLF normalisation.
    pub text: String,
    pub has_front_matter: bool,
    /// The front matter's `themes`, for passages whose marker names none.
    pub default_themes: Vec<String>,
}

pub(crate) use super::decode::decode;
use super::decode::{NOT_UTF8, UTF16, mostly_utf8, own_front_matter};

/// Turns a file stem into a report id: lowercase ASCII letters and digits joined by hyphens.
pub fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "report".to_string()
    } else {
        out
    }
}

fn valid_report_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Cuts text to at most `max` characters at a word boundary, adding "…" when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let budget: String = text.chars().take(max.saturating_sub(1)).collect();
    // The budget ends at a word's end when what follows is no letter.
    // (An apostrophe, hyphen or point between letters or digits is inside
    // a word: `King’s`, `1.5bn`.)
    let mut next = text.chars().skip(max.saturating_sub(1));
    let whole = match (next.next(), next.next()) {
        (Some(c), after) if !c.is_alphanumeric() => {
            !(matches!(c, '’' | '\'' | '-' | '.' | ',') && after.is_some_and(char::is_alphanumeric))
        }
        _ => false,
    };
    let at = budget
        .rfind(' ')
        .filter(|&i| !whole && i > budget.len() / 2)
        .unwrap_or(budget.len());
    // `Group dynamics:…` reads as a typo: the cut ends at a word.
    let kept = budget[..at]
        .trim_end()
        .trim_end_matches([':', ';', ',', '–', '—', '-']);
    format!("{}…", kept.trim_end())
}

/// A report's short title made from its title when it gives none: the
/// title when it fits; else its main title before a colon, when that fits
/// and says something alone (two words or more, ten letters or more:
/// `Group dynamics` for `Group dynamics: lessons from NHS provider
/// groups`, not `Item 7`); else the title cut at a word.
pub(crate) fn short_title_of(title: &str) -> String {
    if title.chars().count() > SHORT_TITLE_MAX
        && let Some((head, _)) = title.split_once(": ")
    {
        let head = head.trim();
        let n = head.chars().count();
        if head.split_whitespace().count() >= 2 && (10..=SHORT_TITLE_MAX).contains(&n) {
            return head.to_string();
        }
    }
    cut(title, SHORT_TITLE_MAX)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads one file. `path` is what problems name; its stem gives the default
/// id. Tags in the front matter give no default themes here (which of them
/// are themes is the corpus's to say: see [`parse_file_with`]).
pub(crate) fn parse_file(path: &Path, bytes: &[u8]) -> Parsed {
    parse_file_with(path, bytes, None)
}

/// Reads one file, as [`parse_file`] does; `themes`, the corpus's theme
/// ids, picks out the front matter's tags that are default themes.
pub(crate) fn parse_file_with(path: &Path, bytes: &[u8], themes: Option<&HashSet<&str>>) -> Parsed {
    let mut parsed = Parsed {
        report: None,
        problems: Vec::new(),
        raw: Vec::new(),
        body_start: 0,
        text: String::new(),
        has_front_matter: false,
        default_themes: Vec::new(),
    };
    let problem = |line: usize, message: String, fatal: bool| Problem {
        path: path.to_path_buf(),
        line,
        message,
        fatal,
        severity: crate::corpus::Severity::Error,
    };
    let warning =
        |line: usize, message: String| Problem::warning(path.to_path_buf(), line, message);
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, message)) => {
            let message = match sniff_document(bytes) {
                Some(what) => format!(
                    "{what}, not a text report; bring it in with `evidence import` (and give the file its right extension)"
                ),
                // A file with this program's own front matter is a report
                // already, which `import` leaves as it is: converted in
                // place, then.
                None if (message.starts_with(NOT_UTF8) || message.starts_with(UTF16))
                    && own_front_matter(bytes) =>
                {
                    let file = crate::corpus::shell_word(&path.to_string_lossy());
                    let convert = |from: &str| {
                        format!(
                            "{message}, e.g. `iconv -f {from} -t UTF-8 {file} > converted.md && mv converted.md {file}`"
                        )
                    };
                    if message.starts_with(UTF16) {
                        convert("UTF-16")
                    } else if mostly_utf8(bytes) {
                        // Converting a UTF-8 file from Windows-1252 would
                        // garble its other letters: the stray byte is mended.
                        format!(
                            "{message}; the rest of the file is UTF-8: mend that character in an editor"
                        )
                    } else {
                        convert("WINDOWS-1252")
                    }
                }
                None if message.starts_with(NOT_UTF8) || message.starts_with(UTF16) => {
                    format!("{message} (or import it with `evidence import`, which converts it)")
                }
                None => message,
            };
            parsed.problems.push(problem(line, message, true));
            return parsed;
        }
    };
    // Control characters (a terminal's escape codes, a bell) are left out
    // of the text, where a terminal would act on them: said once.
    if let Some(at) = super::walk::first_control(&text) {
        parsed.problems.push(warning(
            line_of(&text, at),
            "control characters in the text (a terminal's colour or escape codes?) are left out of its passages".to_string(),
        ));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();

    // An export saved into the corpus folder under a name of its own is
    // read as a report that repeats the passages it quotes: said, at its
    // first record (the comment an export writes beside each excerpt).
    if let Some(at) = text.lines().position(|l| {
        l.trim_start().starts_with("<!-- evidence: ")
            && l.trim_end().ends_with("-->")
            && l.split_whitespace()
                .nth(2)
                .is_some_and(|id| id.contains('/'))
    }) {
        parsed.problems.push(warning(
            at + 1,
            "an export of excerpts (it records the passages it quotes): searched as a report, it repeats them; keep exports outside the corpus folder".to_string(),
        ));
    }
    let (fm, body_start) = match front_matter::read(&text) {
        Ok(Some((fm, body_start))) => {
            parsed.has_front_matter = true;
            (fm, body_start)
        }
        Ok(None) => (FrontMatter::default(), 0),
        Err((line, message)) => {
            parsed.has_front_matter = true;
            parsed.problems.push(problem(line, message, true));
            return parsed;
        }
    };
    let fm_line = |key: &str| {
        text[..body_start]
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(1, |i| i + 1)
    };
    // Control characters written as escapes (`\u001b` in TOML, `\e` in
    // YAML) come out of the parser as characters: left out of the details
    // a listing prints, and said.
    let mut fm = fm;
    if let Some(key) = fm.without_controls() {
        parsed.problems.push(warning(
            fm_line(key),
            format!("control characters in `{key}` (a terminal's escape codes?) are left out"),
        ));
    }
    for key in fm.other.keys() {
        parsed.problems.push(warning(
            fm_line(key),
            format!("unknown front matter key `{key}` (ignored)"),
        ));
    }
    for (line, message) in check_source(&fm, &fm_line) {
        parsed.problems.push(problem(line, message, false));
    }
    if fm.source_url.is_some() && fm.accessed.is_none() {
        parsed.problems.push(warning(
            fm_line("source_url"),
            "`source_url` without `accessed`: citations cannot say when the page was read"
                .to_string(),
        ));
    }

    let id = fm.id.clone().unwrap_or_else(|| slug(&stem));
    // A bad id keeps the report out, but the rest of the file is still
    // checked (under its file's name), so that `check` lists every problem
    // at once rather than one a run.
    let bad_id = !valid_report_id(&id);
    if bad_id {
        parsed.problems.push(problem(
            fm_line("id"),
            format!("invalid id `{id}`: use lowercase letters, digits and hyphens"),
            true,
        ));
    }
    let id = if bad_id {
        Some(slug(&stem))
            .filter(|s| valid_report_id(s))
            .unwrap_or_else(|| "report".to_string())
    } else {
        id
    };
    let kind = match fm.kind.as_deref() {
        // Front matter from another tool is a user's own document.
        None if fm.yaml => ReportKind::Document,
        None if parsed.has_front_matter => ReportKind::Digest,
        None => ReportKind::Document,
        Some(k) => ReportKind::parse(k).unwrap_or_else(|| {
            parsed.problems.push(problem(
                fm_line("kind"),
                format!(
                    "unknown kind `{k}` (expected commissioned, digest, overview or document); read as document"
                ),
                false,
            ));
            ReportKind::Document
        }),
    };
    if let Some(p) = &fm.published
        && !valid_date(p)
    {
        // (YAML front matter writes it `date:`.)
        let line = match fm_line("published") {
            1 => fm_line("date"),
            n => n,
        };
        parsed.problems.push(problem(
            line,
            format!(
                "published `{p}` {}; left out, so the report is cited with no date",
                super::why_not_a_date(p)
            ),
            false,
        ));
        // Not shown or cited as if it were one.
        fm.published = None;
    }
    let tags = fm.tags.clone().unwrap_or_default();
    let default_themes = match (&fm.themes, themes) {
        // Said once, at the front matter's line, not on every passage that
        // would take it.
        (Some(given), Some(known)) => {
            let mut kept = given.clone();
            kept.retain(|t| {
                let there = known.contains(t.as_str());
                if !there {
                    parsed.problems.push(problem(
                        fm_line("themes"),
                        format!(
                            "unknown theme `{t}` in `themes` (not in themes.toml{})",
                            super::themes::did_you_mean(t, known)
                        ),
                        false,
                    ));
                }
                there
            });
            kept
        }
        (Some(given), None) => given.clone(),
        (None, Some(known)) => {
            // A tag one slip away from a theme was most likely meant as it.
            for t in tags.iter().filter(|t| !known.contains(t.as_str())) {
                let hint = super::themes::did_you_mean(t, known);
                if !hint.is_empty() {
                    parsed.problems.push(warning(
                        fm_line("tags"),
                        format!("tag `{t}` is no theme, so it codes no passage{hint}"),
                    ));
                }
            }
            tags.iter()
                .filter(|t| known.contains(t.as_str()))
                .cloned()
                .collect()
        }
        (None, None) => Vec::new(),
    };

    let body = &text[body_start..];
    let body_line0 = line_of(&text, body_start) - 1;
    let mut walk = Walk::new(&id, default_themes);
    walk.run(body);
    // Offsets become lines by binary search over the line starts, once per body.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    for (offset, message) in walk.problems.drain(..) {
        parsed
            .problems
            .push(problem(body_line0 + line_at(offset), message, false));
    }
    // A marker that lost its `#` (see `marker::lost_hash`).
    for (offset, html, words) in walk.unhashed.drain(..) {
        if let Some(message) = super::marker::lost_hash(&html, &words, themes) {
            parsed
                .problems
                .push(problem(body_line0 + line_at(offset), message, false));
        }
    }
    for raw in &mut walk.passages {
        // `line` holds the passage's byte offset in the body until here.
        raw.passage.line = body_line0 + line_at(raw.passage.line);
    }
    for (line, message) in keep_marked_ids(&mut walk.passages) {
        parsed.problems.push(warning(line, message));
    }
    // What is left of a marker that was not closed, or whose start was
    // lost, is read as the passage's words (and shown, searched, cited).
    for (k, raw) in walk.passages.iter().enumerate() {
        // Its own markdown: a list item's range runs on over the items
        // nested in it, which are read in their turn (and 5,000 levels of
        // them must not make this quadratic).
        let end = walk
            .passages
            .get(k + 1)
            .map_or(raw.end, |next| raw.end.min(next.start.max(raw.start)));
        let Some((why, error)) = body
            .get(raw.start..end)
            .and_then(|source| broken_comment(source, &raw.passage.text))
        else {
            continue;
        };
        let message = format!("{why} (passage `{}` reads it as text)", raw.passage.id);
        parsed.problems.push(if error {
            problem(raw.passage.line, message, false)
        } else {
            warning(raw.passage.line, message)
        });
    }
    // A page on a passage of a source that has none (a web page, a Word
    // document) is surely a slip, and would be cited.
    if let Some(format) = fm
        .source_format
        .as_deref()
        .filter(|f| matches!(*f, "html" | "docx"))
    {
        for raw in walk.passages.iter().filter(|r| r.passage.pages.is_some()) {
            parsed.problems.push(warning(
                raw.passage.line,
                format!(
                    "passage `{}` gives a page, but its source ({format}) has no pages to cite",
                    raw.passage.id
                ),
            ));
        }
    }
    // An id a re-import retired stays retired: a citation of it must not
    // find another passage.
    let retired = fm.retired_passages.clone().unwrap_or_default();
    for raw in walk.passages.iter().filter(|r| r.has_marker) {
        let local = raw.passage.local_id();
        if retired.iter().any(|r| r == local) {
            parsed.problems.push(problem(
                raw.passage.line,
                format!(
                    "passage id `#{local}` was retired by a re-import (retired_passages); give this passage a new id"
                ),
                false,
            ));
        }
    }

    // A file with neither front matter nor a heading is titled by its
    // first line, which a citation then gives as the report's title: fine
    // for a short line of its own ("Site visit notes", "Does buddying
    // work?"), not for a sentence or a lead-in ending in `:`.
    let mut lines = body
        .lines()
        .map(|l| l.trim().trim_start_matches(['#', '-', '*', '>', ' ']))
        .skip_while(|l| l.is_empty());
    let first_line = lines.next();
    let runs_on = lines.next().is_some_and(|l| !l.is_empty());
    if !parsed.has_front_matter
        && walk.h1.is_none()
        && first_line.is_some_and(|l| {
            runs_on
                || l.ends_with(['.', '!', ':', ';', ','])
                || l.chars().count() > DERIVED_TITLE_MAX
        })
    {
        parsed.problems.push(warning(1, NO_TITLE.to_string()));
    }
    let derived = || {
        walk.h1.clone().unwrap_or_else(|| {
            first_line
                .map(|l| cut(l, DERIVED_TITLE_MAX))
                .unwrap_or_else(|| stem.clone())
        })
    };
    let (title, short_title, title_problems) = titles(&fm, parsed.has_front_matter, derived);
    for (key, message) in title_problems {
        let line = if key.is_empty() { 1 } else { fm_line(key) };
        parsed.problems.push(warning(line, message));
    }

    if walk.passages.is_empty() {
        parsed.problems.push(problem(
            body_line0 + 1,
            "empty report: no paragraphs or list items".to_string(),
            true,
        ));
        return parsed;
    }
    // A key section is matched by its heading's text; one that matches no
    // passage's section (a typo, a renamed heading) picks nothing out.
    for key in fm.key_sections.iter().flatten() {
        let named = walk.passages.iter().any(|r| {
            r.passage
                .section
                .as_deref()
                .is_some_and(|s| super::under_heading(s, key))
        });
        if !named {
            parsed.problems.push(problem(
                fm_line("key_sections"),
                format!("key_sections entry `{key}` names no section heading of this report"),
                false,
            ));
        }
    }

    if bad_id {
        // What loading would check of the passages, said now: the report
        // will not be loaded.
        if let Some(known) = themes {
            let mut passages: Vec<_> = walk.passages.iter().map(|r| r.passage.clone()).collect();
            super::load::finish_passages(&mut passages, path, known, &mut parsed.problems);
        }
        return parsed;
    }
    parsed.report = Some(Report {
        meta: Box::new(ReportMeta {
            id,
            title,
            short_title,
            subtitle: fm.subtitle.filter(|s| !s.trim().is_empty()),
            organisation: fm.organisation.filter(|s| !s.trim().is_empty()),
            authors: fm.authors.unwrap_or_default(),
            et_al: fm.et_al.unwrap_or(false),
            published: fm.published,
            kind,
            genre: fm.genre.filter(|s| !s.trim().is_empty()),
            citekey: fm.citekey.filter(|s| !s.trim().is_empty()),
            tags,
            retired_passages: fm.retired_passages.clone().unwrap_or_default(),
            source: SourceDoc {
                file: fm.source_file,
                format: fm.source_format,
                url: fm.source_url,
                accessed: fm.accessed,
            },
            key_sections: fm.key_sections.unwrap_or_default(),
            path: path.to_path_buf(),
            stamp: None,
        }),
        passages: Passages::loaded(walk.passages.iter().map(|r| r.passage.clone()).collect()),
    });
    parsed.raw = walk.passages;
    parsed.default_themes = walk.default_themes;
    parsed.body_start = body_start;
    parsed.text = text;
    parsed
}

/// What is wrong with the HTML comments in a passage's markdown (`source`)
/// that its text (`text`, as read) shows, if anything, and whether it is an
/// error: one opened and not closed (an error), or a `-->` with no opening
/// read as words (a warning: it may be an arrow, `A --> B`). Text escaped as
/// `\<!--`, and `-->` inside an HTML tag, are neither.
fn broken_comment(source: &str, text: &str) -> Option<(&'static str, bool)> {
    let mut rest = source;
    while let Some(open) = rest.find("<!--") {
        if rest[..open].contains("-->") {
            break;
        }
        let after = &rest[open + 4..];
        let Some(close) = after.find("-->") else {
            return text.contains("<!--").then_some((
                "a marker is not closed: `<!--` with no `-->` after it",
                true,
            ));
        };
        rest = &after[close + 3..];
    }
    (rest.contains("-->") && text.contains("-->")).then_some((
        "`-->` with no `<!--` before it: a marker's start is missing?",
        false,
    ))
}

/// What a file that is no text says it is, from its first bytes: a PDF, a
/// Word document (or another zip file), or `None`.
pub(crate) fn sniff_document(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("a PDF")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("a Word document or another zip file")
    } else {
        None
    }
}

/// The problems (line, message) with the fields `import` writes: a web
/// address that is not one, a date that is not a day, an unknown format, a
/// hash or a retired id of the wrong form.
fn check_source(fm: &FrontMatter, fm_line: &dyn Fn(&str) -> usize) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    if let Some(url) = &fm.source_url
        && !valid_url(url)
    {
        problems.push((
            fm_line("source_url"),
            format!("source_url `{url}` is not a web address (http:// or https://, no spaces)"),
        ));
    }
    if let Some(day) = &fm.accessed
        && !(valid_date(day) && day.len() == 10)
    {
        problems.push((
            fm_line("accessed"),
            format!("accessed `{day}` is not a day like \"2024-09-30\""),
        ));
    }
    if let Some(format) = &fm.source_format
        && !matches!(format.as_str(), "pdf" | "docx" | "html" | "markdown")
    {
        problems.push((
            fm_line("source_format"),
            format!("source_format `{format}` is not one of pdf, docx, html, markdown"),
        ));
    }
    for key in ["source_hash", "import_hash"] {
        let value = if key == "source_hash" {
            &fm.source_hash
        } else {
            &fm.import_hash
        };
        if let Some(h) = value
            && !h
                .strip_prefix("blake3:")
                .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            problems.push((
                fm_line(key),
                format!("{key} `{h}` is not a hash that `evidence import` writes (blake3:…)"),
            ));
        }
    }
    for id in fm.retired_passages.iter().flatten() {
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            problems.push((
                fm_line("retired_passages"),
                format!("retired_passages entry `{id}` is not a passage id"),
            ));
        }
    }
    problems
}

/// A web address as a citation can give it: `http://` or `https://`, a
/// host, and no spaces.
pub(crate) fn valid_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// A report's title and short title: the front matter's, else one derived
/// from the document (`derived`); with the problems found, each naming the
/// front matter key it is about (empty: the whole front matter).
fn titles(
    fm: &FrontMatter,
    has_front_matter: bool,
    derived: impl FnOnce() -> String,
) -> (String, String, Vec<(&'static str, String)>) {
    let mut problems = Vec::new();
    let title = match fm.title.clone() {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            if has_front_matter {
                problems.push((
                    "",
                    "front matter has no `title`; using the document's first line".to_string(),
                ));
            }
            derived()
        }
    };
    let short_title = match fm.short_title.clone() {
        Some(s) if s.chars().count() > SHORT_TITLE_MAX => {
            problems.push((
                "short_title",
                format!("short_title `{s}` is longer than {SHORT_TITLE_MAX} characters; cut"),
            ));
            cut(&s, SHORT_TITLE_MAX)
        }
        Some(s) if !s.trim().is_empty() => s,
        _ => short_title_of(&title),
    };
    (title, short_title, problems)
}

/// A passage numbered by its place never takes a marked passage's id: a
/// paragraph inserted without a marker must not move a cited passage. Such a
/// passage is renamed (`12.2`); returns a problem (line, message) for each.
fn keep_marked_ids(passages: &mut [RawPassage]) -> Vec<(usize, String)> {
    let marked: HashSet<String> = passages
        .iter()
        .filter(|r| r.has_marker)
        .map(|r| r.passage.id.clone())
        .collect();
    let mut problems = Vec::new();
    for raw in passages.iter_mut().filter(|r| !r.has_marker) {
        if marked.contains(&raw.passage.id) {
            let mut n = 2;
            while marked.contains(&format!("{}.{n}", raw.passage.id)) {
                n += 1;
            }
            let renamed = format!("{}.{n}", raw.passage.id);
            problems.push((
                raw.passage.line,
                format!(
                    "a passage without a marker would take the id `{}` of a marked passage; read as `{renamed}` (add a marker to give it its own)",
                    raw.passage.id
                ),
            ));
            raw.passage.id = renamed;
        }
    }
    problems
}

/// A passage's section: the heading above it, and the lead-in whose list
/// it is in ("Purpose of credentialing — There are a number of problems
/// credentialing can help solve"), either alone when there is no other.
pub(crate) fn section_of(heading: Option<String>, lead_in: Option<&str>) -> Option<String> {
    match (heading, lead_in) {
        (Some(heading), Some(lead)) => Some(format!("{heading} — {lead}")),
        (None, Some(lead)) => Some(lead.to_string()),
        (heading, None) => heading,
    }
}

/// Reads one passage from its own stretch of markdown, as [`parse_file`] read
/// it within the whole body: `text` is the passage's markdown, `heading` that
/// of the heading it sits under, and `block` and `position` (1-based, for a
/// passage without a marker) what only the whole body shows, as does `lead_in`: the
/// lead-in its section carries, and whether that is a passage itself. `None` when the
/// stretch holds no passage. Whether the result is the same as the whole
/// file's reading is for the caller to check once, when it records the stretch.
pub(crate) fn read_alone(
    report_id: &str,
    default_themes: &[String],
    text: &str,
    heading: Option<&str>,
    lead_in: Option<(&str, bool)>,
    position: usize,
    block: Block,
) -> Option<Passage> {
    let mut walk = Walk::new(report_id, default_themes.to_vec());
    walk.run(text);
    let raw = walk.passages.into_iter().next()?;
    let mut passage = raw.passage;
    if !raw.has_marker {
        passage.id = format!("{report_id}/{position}");
    }
    let heading = match heading {
        Some(h) => {
            let mut walk = Walk::new(report_id, Vec::new());
            walk.run(h);
            Some(walk.section?)
        }
        None => None,
    };
    passage.section = section_of(heading, lead_in.map(|(text, _)| text));
    passage.lead_in = lead_in
        .filter(|&(_, passage)| passage)
        .map(|(text, _)| text.to_string());
    passage.block = block;
    passage.line = 0;
    Some(passage)
}
