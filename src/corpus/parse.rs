//! Reading one corpus file: TOML front matter between `+++` lines, then a markdown
//! body whose paragraphs and list items become passages.
//!
//! A passage's id and themes live in a marker comment at the end of its text,
//! `<!-- #7 buddying leadership -->`, so ids never shift when passages around them
//! change and the files still read cleanly as markdown. Passages without a marker
//! are numbered by position. This module sees one file at a time: checks that need
//! the whole corpus (duplicate report ids, unknown themes) belong to `load`.

use super::front_matter::{self, FrontMatter};
use super::{
    Block, Emphasis, EmphasisStyle, Pages, Passage, Passages, Problem, Report, ReportKind,
    ReportMeta, Role, SourceDoc, valid_date,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;

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
    /// The lead-in the passage's section carries, if any (see [`section_of`]).
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

/// Decodes a file's bytes: UTF-8 only, BOM dropped, CRLF turned into LF.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, (usize, String)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err((0, "empty file".to_string()));
    }
    if bytes.contains(&0) {
        return Err((
            0,
            "binary file (contains NUL bytes), not a text report".to_string(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        (line, format!("invalid UTF-8 at byte {at}"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text.replace("\r\n", "\n"))
}

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
    let at = budget
        .rfind(' ')
        .filter(|&i| i > budget.len() / 2)
        .unwrap_or(budget.len());
    format!("{}…", budget[..at].trim_end())
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
                None => message,
            };
            parsed.problems.push(problem(line, message, true));
            return parsed;
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();

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
    if !valid_report_id(&id) {
        parsed.problems.push(problem(
            fm_line("id"),
            format!("invalid id `{id}`: use lowercase letters, digits and hyphens"),
            true,
        ));
        return parsed;
    }
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
        parsed.problems.push(problem(
            fm_line("published"),
            format!("published `{p}` is not a date like \"2014\", \"2014-09\" or \"2014-09-30\""),
            false,
        ));
    }
    let tags = fm.tags.clone().unwrap_or_default();
    let default_themes = match (&fm.themes, themes) {
        (Some(given), _) => given.clone(),
        (None, Some(known)) => tags
            .iter()
            .filter(|t| known.contains(t.as_str()))
            .cloned()
            .collect(),
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
    for raw in &mut walk.passages {
        // `line` holds the passage's byte offset in the body until here.
        raw.passage.line = body_line0 + line_at(raw.passage.line);
    }
    for (line, message) in keep_marked_ids(&mut walk.passages) {
        parsed.problems.push(warning(line, message));
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

    let derived = || {
        walk.h1.clone().unwrap_or_else(|| {
            body.lines()
                .map(|l| l.trim().trim_start_matches(['#', '-', '*', '>', ' ']))
                .find(|l| !l.is_empty())
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
        let named = walk
            .passages
            .iter()
            .any(|r| r.passage.section.as_deref() == Some(key.as_str()));
        if !named {
            parsed.problems.push(problem(
                fm_line("key_sections"),
                format!("key_sections entry `{key}` names no section heading of this report"),
                false,
            ));
        }
    }

    parsed.report = Some(Report {
        meta: ReportMeta {
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
        },
        passages: Passages::loaded(walk.passages.iter().map(|r| r.passage.clone()).collect()),
    });
    parsed.raw = walk.passages;
    parsed.default_themes = walk.default_themes;
    parsed.body_start = body_start;
    parsed.text = text;
    parsed
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
        _ => cut(&title, SHORT_TITLE_MAX),
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

/// Reads one passage from its own stretch of markdown, as [`parse_file`] read
/// it within the whole body: `text` is the passage's markdown, `heading` that
/// of the heading it sits under, and `block` and `position` (1-based, for a
/// passage without a marker) what only the whole body shows. `None` when the
/// stretch holds no passage. Whether the result is the same as the whole
/// file's reading is for the caller to check once, when it records the stretch.
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

pub(crate) fn read_alone(
    report_id: &str,
    default_themes: &[String],
    text: &str,
    heading: Option<&str>,
    lead_in: Option<&str>,
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
    passage.section = section_of(heading, lead_in);
    passage.block = block;
    passage.line = 0;
    Some(passage)
}

/// A passage being collected from the event stream.
struct Open {
    text: String,
    block: Block,
    start: usize,
    end: usize,
    marker: Option<Marker>,
    marker_at: Option<usize>,
    emphasis: Vec<Emphasis>,
    open_emphasis: Vec<(EmphasisStyle, usize)>,
    /// An item's text ends where its nested list starts.
    closed: bool,
}

impl Open {
    fn new(block: Block, range: std::ops::Range<usize>) -> Self {
        Open {
            text: String::new(),
            block,
            start: range.start,
            end: range.end,
            marker: None,
            marker_at: Some(range.start),
            emphasis: Vec::new(),
            open_emphasis: Vec::new(),
            closed: false,
        }
    }

    /// Appends text with whitespace runs folded to one space.
    fn push(&mut self, s: &str) {
        // Most text is words between single spaces, often with a space at
        // one end (before an inline comment or emphasis): copied whole, but
        // for a leading space where folding would drop it.
        let simple = is_simple(s);
        if !simple {
            fold_whitespace(&mut self.text, s);
        } else if let Some(rest) = s.strip_prefix(' ')
            && (self.text.is_empty() || self.text.ends_with(' '))
        {
            self.text.push_str(rest);
        } else {
            self.text.push_str(s);
        }
    }
}

/// True when `s` has no whitespace but single spaces: no two spaces in a row,
/// no tab, line end or other space character. One pass over the bytes; the
/// characters are decoded only if there are any beyond ASCII.
fn is_simple(s: &str) -> bool {
    let mut after_space = false;
    let mut ascii = true;
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t'..=b'\r' => return false,
            _ => {
                after_space = false;
                ascii &= b < 0x80;
            }
        }
    }
    ascii || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// Appends `s` to `text` with whitespace runs folded to one space, and none
/// at the start of `text` or after a space already there.
fn fold_whitespace(text: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        text.push_str(&rest[..word_end]);
        rest = &rest[word_end..];
        let space_end = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        if space_end > 0 && !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        rest = &rest[space_end..];
    }
}

/// Walks a body's markdown events and collects passages.
struct Walk {
    report_id: String,
    default_themes: Vec<String>,
    passages: Vec<RawPassage>,
    problems: Vec<(usize, String)>,
    open: Option<Open>,
    /// Next number of each open list (`None` for bullets).
    lists: Vec<Option<u64>>,
    heading: Option<(HeadingLevel, String)>,
    heading_range: (usize, usize),
    section: Option<String>,
    section_range: Option<(usize, usize)>,
    /// Open lead-ins: the list level each was read at, and its text, which
    /// the passages nested deeper carry in their section.
    lead_ins: Vec<(usize, String)>,
    h1: Option<String>,
    in_code_block: bool,
}

impl Walk {
    fn new(report_id: &str, default_themes: Vec<String>) -> Self {
        Walk {
            report_id: report_id.to_string(),
            default_themes,
            passages: Vec::new(),
            problems: Vec::new(),
            open: None,
            lists: Vec::new(),
            heading: None,
            heading_range: (0, 0),
            section: None,
            section_range: None,
            lead_ins: Vec::new(),
            h1: None,
            in_code_block: false,
        }
    }

    fn depth(&self) -> u8 {
        u8::try_from(self.lists.len()).unwrap_or(u8::MAX)
    }

    fn run(&mut self, body: &str) {
        let options = Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            self.event(event, range);
        }
        self.flush();
    }

    /// One markdown event. Long (about 140 lines) because it is one
    /// `match` over pulldown-cmark's events, each arm a few lines of state:
    /// split up, the arms would only pass the same state around.
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                self.heading = Some((level, String::new()));
                self.heading_range = (range.start, range.end);
            }
            Event::End(TagEnd::Heading(_)) => {
                self.lead_ins.clear();
                if let Some((level, text)) = self.heading.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if level == HeadingLevel::H1 {
                        if self.h1.is_none() {
                            self.h1 = Some(text);
                        }
                    } else {
                        self.section = Some(text);
                        self.section_range = Some(self.heading_range);
                    }
                }
            }
            Event::Start(Tag::List(first)) => {
                if let Some(open) = &mut self.open
                    && matches!(open.block, Block::ListItem { .. })
                {
                    // The item's own text stops where its nested list begins.
                    open.closed = true;
                }
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.depth().saturating_sub(1);
                let number = self.lists.last_mut().and_then(|n| {
                    let this = *n;
                    *n = n.map(|v| v.saturating_add(1));
                    this
                });
                self.open = Some(Open::new(Block::ListItem { depth, number }, range));
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::Paragraph) => {
                let reuse = self
                    .open
                    .as_ref()
                    .is_some_and(|o| !o.closed && o.text.is_empty() && o.marker.is_none());
                if !reuse {
                    self.flush();
                    self.open = Some(Open::new(
                        Block::Paragraph {
                            depth: self.depth(),
                        },
                        range,
                    ));
                }
            }
            Event::End(TagEnd::Paragraph) => self.flush(),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                let mut open = Open::new(
                    Block::Paragraph {
                        depth: self.depth(),
                    },
                    range,
                );
                open.marker_at = None;
                self.open = Some(open);
                self.in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.flush();
            }
            Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                self.emphasis(&event, range.end);
            }
            Event::Text(t) => {
                if let Some((_, h)) = &mut self.heading {
                    h.push_str(&t);
                } else if let Some(open) = self.writable(range.end) {
                    open.push(&t);
                }
            }
            Event::Code(t) => {
                if let Some((_, h)) = &mut self.heading {
                    h.push_str(&t);
                } else if let Some(open) = self.writable(range.end) {
                    let start = open.text.len();
                    open.push(&t);
                    let end = open.text.len();
                    open.emphasis.push(Emphasis {
                        start,
                        end,
                        style: EmphasisStyle::Code,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, h)) = &mut self.heading {
                    h.push(' ');
                } else if let Some(open) = self.writable(range.end) {
                    open.push(" ");
                }
            }
            Event::InlineHtml(html) => match parse_marker(&html) {
                Ok(Some(marker)) => {
                    if let Some(open) = &mut self.open {
                        if open.marker.is_some() {
                            self.problems
                                .push((range.start, "a passage has two markers; the first counts".to_string()));
                        } else {
                            open.marker = Some(marker);
                        }
                    }
                }
                Ok(None) => {}
                Err(e) => self.problems.push((range.start, e)),
            },
            Event::Html(html) => match parse_marker(&html) {
                Ok(Some(m)) => self.problems.push((
                    range.start,
                    format!(
                        "marker `#{}` stands on its own line; put it at the end of its passage's text",
                        m.id
                    ),
                )),
                Ok(None) => {}
                Err(e) => self.problems.push((range.start, e)),
            },
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Strikethrough) => {
                if let Some(open) = self.writable(range.end) {
                    let _ = open;
                }
            }
            _ => {}
        }
    }

    /// The open passage if it still takes text, noting where its content ends.
    fn writable(&mut self, end: usize) -> Option<&mut Open> {
        let in_code = self.in_code_block;
        let open = self.open.as_mut().filter(|o| !o.closed)?;
        if !in_code && open.marker.is_none() {
            open.marker_at = Some(end);
        }
        Some(open)
    }

    fn emphasis(&mut self, event: &Event<'_>, end: usize) {
        if self.heading.is_some() {
            return;
        }
        let Some(open) = self.writable(end) else {
            return;
        };
        match event {
            Event::Start(Tag::Emphasis) => open
                .open_emphasis
                .push((EmphasisStyle::Emphasis, open.text.len())),
            Event::Start(Tag::Strong) => open
                .open_emphasis
                .push((EmphasisStyle::Strong, open.text.len())),
            _ => {
                if let Some((style, start)) = open.open_emphasis.pop() {
                    let end = open.text.trim_end().len();
                    if end > start {
                        open.emphasis.push(Emphasis { start, end, style });
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        let trimmed = open.text.trim_end().len();
        open.text.truncate(trimmed);
        if open.text.is_empty() {
            if let Some(m) = open.marker {
                self.problems.push((
                    open.start,
                    format!("marker `#{}` has no passage text before it", m.id),
                ));
            }
            return;
        }
        for e in &mut open.emphasis {
            e.end = e.end.min(trimmed);
        }
        // Lead-ins read at this level or deeper introduce no more of what
        // follows; the innermost one left is this passage's.
        let level = match open.block {
            Block::ListItem { depth, .. } => usize::from(depth) + 1,
            Block::Paragraph { depth } => usize::from(depth),
        };
        self.lead_ins.retain(|&(at, _)| at < level);
        let lead_in = self.lead_ins.last().map(|(_, text)| text.clone());
        let section = section_of(self.section.clone(), lead_in.as_deref());
        let role = open.marker.as_ref().map_or(Role::Text, |m| m.role);
        if role == Role::LeadIn {
            let lead = open.text.trim_end().trim_end_matches(':').trim_end();
            self.lead_ins.push((level, lead.to_string()));
        }
        // A paragraph lead-in (`<!-- lead-in -->`, no id) is no passage.
        if open.marker.as_ref().is_some_and(|m| m.id.is_empty()) {
            return;
        }
        let position = self.passages.len() + 1;
        let has_marker = open.marker.is_some();
        let pages = open.marker.as_ref().and_then(|m| m.pages);
        let (local, themes) = match open.marker {
            Some(m) if role == Role::Footnote => (m.id, m.themes),
            Some(m) if !m.themes.is_empty() => (m.id, m.themes),
            Some(m) => (m.id, self.default_themes.clone()),
            None => (position.to_string(), self.default_themes.clone()),
        };
        self.passages.push(RawPassage {
            passage: Passage {
                id: format!("{}/{}", self.report_id, local),
                report_id: self.report_id.clone(),
                section,
                text: open.text,
                themes,
                block: open.block,
                emphasis: open.emphasis,
                pages,
                line: open.start,
                role,
            },
            marker_at: open.marker_at,
            has_marker,
            start: open.start,
            end: open.end,
            heading: self.section_range,
            lead_in,
        });
    }
}

#[cfg(test)]
mod push_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn simple_text_has_only_single_spaces() {
        for s in ["", "a b", " a b ", "café au lait", "£5 — or less"] {
            assert!(is_simple(s), "{s:?}");
        }
        for s in ["a  b", "a\tb", "a\nb", "a\u{a0}b", "a\u{2003}b", "\r"] {
            assert!(!is_simple(s), "{s:?}");
        }
    }

    proptest! {
        /// The quick copy of simple text gives what folding it would.
        #[test]
        fn copying_simple_text_is_folding_it(
            before in "[a-z ]{0,6}",
            parts in proptest::collection::vec("[a-zé ’\t\n\x0B\x0C\r\u{a0}\u{1f}.]{0,12}", 0..5),
        ) {
            let mut open = Open::new(Block::Paragraph { depth: 0 }, 0..0);
            let mut expected = String::new();
            fold_whitespace(&mut expected, &before);
            open.push(&before);
            for part in &parts {
                open.push(part);
                fold_whitespace(&mut expected, part);
            }
            prop_assert_eq!(open.text, expected);
        }
    }
}
