//! The evidence base as data: reports, their passages, and themes.
//!
//! A [`Corpus`] is read from markdown files (the bundled Dalton corpus embedded in
//! the binary, or a folder the user names) and knows nothing of search indexes or
//! terminals. Loading never stops at a bad file: every problem is recorded as a
//! [`Problem`] with its path and line, and the files that cannot be used are skipped,
//! so that `evidence check` can list them all and everything else can carry on.

mod catalog;
mod citation;
mod compare;
mod copies;
mod decode;
pub mod delta;
mod front_matter;
mod import;
mod init;
pub(crate) mod lead_in;
mod listing;
pub use listing::read_as_report;
mod load;
mod marker;
mod pages;
mod parse;
mod passages;
pub use pages::Pages;
pub(crate) mod record;
mod retired;
mod source_file;
mod sources;
mod spans;
mod themes;
mod thesaurus;
mod walk;

pub use crate::date::{format_date, valid_date, why_not_a_date};
pub use catalog::{Catalog, CatalogReport};
pub use citation::{
    Citation, attribution, authors_line, date_label, full_title, in_periodical, published_in,
};
pub use copies::copied_reports;
pub use front_matter::published as normalise_date;
pub use import::{
    ImportOptions, ImportedMeta, MarkdownReport, Planned, Previous, apply_options, assign_ids,
    check_target, import_files, import_hash, imported_sources, keep_details, markdown_body,
    plan_write, previous, slug, source_hash, titles_share_a_word, write_planned,
};
pub use init::{write_bundled, write_bundled_over};
pub use lead_in::{introduces as introduces_list, lead_ins};
pub use listing::{BUNDLED, bundled_files};
pub use listing::{ListedFile, Scan, is_document_file};
pub(crate) use load::load_streaming;
pub use load::{CorpusSource, shell_word};
pub use parse::{Marker, parse_marker};
pub use source_file::recorded as recorded_source_file;
pub use sources::changed_sources;
pub use themes::{CodebookEntry, codebook_entry, codebook_problems};

/// A report's short title when it has none of its own (at most
/// [`parse::SHORT_TITLE_MAX`] characters: its main title before a colon,
/// or the title cut at a word).
pub fn short_of(title: &str) -> String {
    parse::short_title_of(title)
}
pub use passages::{OneLoader, PassageLoader, Passages, ThemeCounts, count_themes, count_unthemed};
pub use retired::{RETIRED_FILE, Retired, load_retired, retired};
pub use themes::{Examples, parse_codebook, parse_themes, theme_bit, theme_mask};
pub use thesaurus::{
    MAX_TERM_WORDS, THESAURUS_FILE, TermGroup, TermKind, Thesaurus, load_thesaurus,
    parse_thesaurus, thesaurus_stamp,
};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// The most themes a corpus can count and filter by (one bit each in the index).
pub const MAX_THEMES: usize = 64;

/// What kind of work a report is, as the evidence pack groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// Research commissioned for the review.
    Commissioned,
    /// A published report or article summarised in the pack's digest.
    Digest,
    /// The pack's own introduction.
    Overview,
    /// A user's own document, added with `import` or dropped in the folder.
    Document,
}

impl ReportKind {
    /// Parses the front matter's `kind` value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "commissioned" => Some(Self::Commissioned),
            "digest" => Some(Self::Digest),
            "overview" => Some(Self::Overview),
            "document" => Some(Self::Document),
            _ => None,
        }
    }

    /// The word used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commissioned => "commissioned",
            Self::Digest => "digest",
            Self::Overview => "overview",
            Self::Document => "document",
        }
    }
}

/// A theme: one of the review's lines of enquiry, defined in `themes.toml`
/// (the codebook: see corpus/README.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    pub label: String,
    /// One line on what belongs under it.
    pub description: String,
    /// The codebook's definition: what a coder gives the theme for (empty
    /// for a theme without one).
    #[serde(default)]
    pub definition: String,
    /// Theme ids that went away and that this theme is a successor of: a
    /// query, a filter or a saved file that names one finds this theme.
    #[serde(default)]
    pub replaces: Vec<String>,
}

/// How a passage sits in its report's layout, so a reader can show it as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "block")]
pub enum Block {
    /// A paragraph (`depth` > 0 when it continues a list item).
    Paragraph { depth: u8 },
    /// A list item; `number` is set in an ordered list.
    ListItem { depth: u8, number: Option<u64> },
}

impl Block {
    /// What a reader sets before the passage's text to show it as written:
    /// three spaces a level, then `3. ` or `• ` for a list item.
    pub fn lead(&self) -> String {
        match *self {
            Block::ListItem {
                depth,
                number: Some(n),
            } => format!("{}{n}. ", "   ".repeat(depth as usize)),
            Block::ListItem {
                depth,
                number: None,
            } => format!("{}• ", "   ".repeat(depth as usize)),
            Block::Paragraph { depth } => "   ".repeat(depth as usize),
        }
    }
}

/// A stretch of a passage's text that the source emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Emphasis {
    /// Byte range into [`Passage::text`].
    pub start: usize,
    pub end: usize,
    pub style: EmphasisStyle,
}

/// Which markdown emphasis a span had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EmphasisStyle {
    Emphasis,
    Strong,
    Code,
}

/// The unit of search, reading and export: one paragraph or one list item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// `report-id/local-id`, stable across edits of other passages.
    pub id: String,
    /// The id of the report this passage belongs to.
    pub report_id: String,
    /// The nearest heading above the passage, if any.
    pub section: Option<String>,
    /// Plain text after markdown parsing: what is indexed, shown and exported.
    pub text: String,
    /// Theme ids, most relevant first.
    pub themes: Vec<String>,
    #[serde(flatten)]
    pub block: Block,
    /// Emphasised spans of `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emphasis: Vec<Emphasis>,
    /// The pages of its source document it is on, when the source has
    /// pages (an imported PDF); from the marker's `p.4` or `pp.4-5`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
    /// 1-based line in the source file where the passage starts; 0 for a
    /// passage read alone from its recorded span (only a whole-file read
    /// counts lines; problems, the one use of this, come from those).
    #[serde(skip)]
    pub line: usize,
    /// What the passage is in its report beyond its text: a lead-in to the
    /// list nested in it, or a footnote.
    #[serde(default, skip_serializing_if = "Role::is_text")]
    pub role: Role,
    /// The lead-in whose list the passage is in, which its section ends
    /// with (see [`Role::LeadIn`]); a citation names the heading alone.
    #[serde(skip)]
    pub lead_in: Option<String>,
}

impl Passage {
    /// The heading the passage is under, without the lead-in its section
    /// also carries: what a citation names as its place, since a lead-in is
    /// a sentence of the report ("… specific objectives varied by
    /// country"), not a heading.
    pub fn heading(&self) -> Option<&str> {
        heading_of(self.section.as_deref(), self.lead_in.as_deref())
    }
}

/// Whether a passage's `section` is under the heading `key`: the heading
/// itself, or the heading and a lead-in ("Key messages — Trusts should",
/// an item of a list introduced under it). `check` and the key messages
/// ([`Report::key_passages`]) read `key_sections` by this one rule.
pub(crate) fn under_heading(section: &str, key: &str) -> bool {
    section == key
        || section
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(" — "))
}

/// A section without the lead-in it ends with (see [`Passage::heading`]).
pub fn heading_of<'a>(section: Option<&'a str>, lead_in: Option<&str>) -> Option<&'a str> {
    let section = section?;
    let Some(lead) = lead_in else {
        return Some(section);
    };
    match section.strip_suffix(lead) {
        Some("") => None,
        Some(rest) => Some(rest.strip_suffix(" — ").unwrap_or(rest)),
        None => Some(section),
    }
}

/// What a passage is in its report, as its marker says (see
/// corpus/README.md, "Lead-ins and footnotes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A passage like any other.
    #[default]
    Text,
    /// A list item ending in a colon whose nested items it introduces: its
    /// text is carried into their section, so that each can be cited alone.
    LeadIn,
    /// A note on another passage (`* Number correct at the time…`): it
    /// carries no theme and the reader shows it as a note.
    Footnote,
}

impl Role {
    pub fn is_text(&self) -> bool {
        *self == Role::Text
    }
}

/// The fewest words a passage has to make sense on its own, away from its
/// report (in a list of related passages, say): "Use CQC judgements fully"
/// (four) is an item that needs the lead-in above it; "Often more
/// cost-effective than hiring external consultant help." (seven) is a
/// finding.
pub const STANDS_ALONE_WORDS: usize = 5;

impl Passage {
    /// Whether the passage makes sense on its own: not a lead-in (a line
    /// that introduces the list under it), not a footnote, and at least
    /// [`STANDS_ALONE_WORDS`] words long.
    pub fn stands_alone(&self) -> bool {
        self.role == Role::Text && self.text.split_whitespace().count() >= STANDS_ALONE_WORDS
    }

    /// The part of the id after the report id.
    pub fn local_id(&self) -> &str {
        self.id
            .strip_prefix(&self.report_id)
            .and_then(|s| s.strip_prefix('/'))
            .unwrap_or(&self.id)
    }
}

/// A report's details: everything about it but its passages. A corpus read
/// from its files and one rebuilt from an index's catalog hold the same
/// details, so the catalog stores exactly this. Its serde form is the
/// report as `reports --json` prints it (see [`crate::json::ReportJson`]):
/// where the file is, and which sections are key, are left out there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// A subtitle the work gives (shown and cited after the title).
    pub subtitle: Option<String>,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
    /// The work has more authors than `authors` names: cited "… et al.".
    pub et_al: bool,
    /// `"2014"`, `"2014-09"` or `"2012-08-13"`.
    pub published: Option<String>,
    pub kind: ReportKind,
    /// What kind of work it is, whatever its role in the pack: `report`,
    /// `article-magazine`, `lecture`, `meeting-report`, `document` …
    pub genre: Option<String>,
    /// The key reference formats cite the work by; `None`: made from its
    /// author or organisation, year and title (see [`crate::cite`]).
    pub citekey: Option<String>,
    /// The front matter's `tags` (as pandoc, Obsidian, Jekyll and Hugo
    /// write them); those that name a theme are also the default themes.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where an imported report came from; empty for one written by hand.
    #[serde(default)]
    pub source: SourceDoc,
    /// Local ids of passages a re-import removed (`retired_passages`):
    /// asking for one says so, as for an id in `retired.toml`.
    /// Always in JSON, `[]` for none: a missing value is never an absent key.
    #[serde(default)]
    pub retired_passages: Vec<String>,
    /// Headings whose passages hold the key messages; empty means all passages.
    #[serde(skip)]
    pub key_sections: Vec<String>,
    /// Where the report was read from, relative to the corpus root.
    #[serde(skip)]
    pub path: PathBuf,
    /// The file's size and modification time when the corpus was listed
    /// (time 0 for the bundled corpus); `None` for reports made in memory.
    #[serde(skip)]
    pub stamp: Option<Stamp>,
}

/// The document a report was imported from (`evidence import`), as its
/// front matter records it: all `None` for a report written by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDoc {
    /// The file it was imported from, as a path from the corpus folder
    /// (see [`recorded_source_file`]).
    pub file: Option<String>,
    /// What the file was: `pdf`, `docx`, `html` or `markdown`.
    pub format: Option<String>,
    /// The web address it was published at (a web page's canonical URL).
    pub url: Option<String>,
    /// When it was read from there, `YYYY-MM-DD`.
    pub accessed: Option<String>,
}

impl SourceDoc {
    /// Whether the source has page numbers a passage can cite.
    pub fn paginated(&self) -> bool {
        self.format.as_deref() == Some("pdf")
    }

    /// What a reader should know of pages when the source has none to cite:
    /// said rather than guessed.
    pub fn pages_note(&self) -> Option<&'static str> {
        match self.format.as_deref() {
            Some("docx") => Some("no page numbers: a Word document has none until it is printed"),
            Some("html") => Some("no page numbers: a web page has none"),
            _ => None,
        }
    }
}

/// One source work: its details and its passages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub meta: Box<ReportMeta>,
    /// The passages, read from the file when first needed (see [`Passages`]).
    pub passages: Passages,
}

/// A report reads as its details (`report.title`), which is how every
/// caller uses them: the details are one struct so that the catalog can
/// store them whole, not so that callers must name the part.
impl std::ops::Deref for Report {
    type Target = ReportMeta;

    fn deref(&self) -> &ReportMeta {
        &self.meta
    }
}

impl std::ops::DerefMut for Report {
    fn deref_mut(&mut self) -> &mut ReportMeta {
        &mut self.meta
    }
}

impl Report {
    /// The passages that carry the report's key messages.
    pub fn key_passages(&self) -> Vec<&Passage> {
        if self.key_sections.is_empty() {
            return self.passages.iter().collect();
        }
        self.passages
            .iter()
            .filter(|p| {
                p.section
                    .as_deref()
                    .is_some_and(|s| self.key_sections.iter().any(|k| under_heading(s, k)))
            })
            .collect()
    }
}

impl ReportMeta {
    /// What kind of work it is cited as: its front matter's `genre`, or a
    /// web page when it was imported from one and says nothing else.
    pub fn cited_genre(&self) -> Option<&str> {
        self.genre
            .as_deref()
            .or_else(|| (self.source.format.as_deref() == Some("html")).then_some("webpage"))
    }

    /// Who the report is by, for a citation: organisation, else authors;
    /// the authors of an article in a periodical or of a page on a site.
    pub fn attribution(&self) -> Option<String> {
        attribution(
            self.organisation.as_deref(),
            &self.authors,
            self.et_al,
            self.cited_genre(),
        )
    }

    /// The magazine or journal an article appeared in, for a citation.
    pub fn published_in(&self) -> Option<String> {
        published_in(
            self.organisation.as_deref(),
            &self.authors,
            self.cited_genre(),
        )
    }

    /// The title with its subtitle, if it has one.
    pub fn full_title(&self) -> String {
        full_title(&self.title, self.subtitle.as_deref())
    }

    /// Who and when, for a header: organisation, authors and date, as present.
    pub fn byline(&self) -> Vec<String> {
        let mut parts: Vec<String> = self.organisation.iter().cloned().collect();
        if !self.authors.is_empty() {
            parts.push(authors_line(&self.authors, self.et_al));
        }
        parts.push(self.date_label());
        parts
    }

    /// The publication date written out ("September 2014"), or "n.d.".
    pub fn date_label(&self) -> String {
        date_label(self.published.as_deref())
    }

    /// A one-line citation of a passage of this report:
    /// organisation or authors, *title* (date), section, passage id.
    pub fn cite(&self, passage: &Passage) -> Citation {
        Citation {
            attribution: self.attribution(),
            published_in: self.published_in(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            date: self.date_label(),
            section: passage.heading().map(str::to_string),
            passage_id: passage.id.clone(),
            locator: passage.pages.map(|p| p.locator()),
            url: self.source.url.clone(),
            accessed: self.source.accessed.as_deref().map(format_date),
        }
    }
}

/// Escapes the characters markdown would read as inline syntax.
pub fn escape_markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How much a problem matters to `evidence check`: an error fails it (exit
/// 2); a warning is listed and lets it pass, unless `--deny-warnings`.
///
/// A warning is something the program did the sensible thing with and the
/// user may want to know about: a front matter key it does not use, a title
/// it took from the text, a short title it cut, a passage it renumbered
/// beside a marked one, a document it does not read in the folder. An error
/// is something that makes a report, a passage, an id, a theme or a
/// citation other than the file says. Every rule that adds a problem says
/// which it is; the list is in corpus/README.md.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Severity {
    /// The word `check --json` writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A problem in a corpus file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
    /// True when the file could not be used at all and was skipped.
    pub fatal: bool,
    /// Whether `check` fails on it (a fatal problem is always an error).
    #[serde(default)]
    pub severity: Severity,
}

impl Problem {
    /// An error: `check` fails on it.
    pub fn error(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            message: message.into(),
            fatal: false,
            severity: Severity::Error,
        }
    }

    /// An error that makes the file unusable: it is skipped.
    pub fn fatal(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            fatal: true,
            severity: crate::corpus::Severity::Error,
            ..Problem::error(path, line, message)
        }
    }

    /// A warning: listed, but `check` passes (unless `--deny-warnings`).
    pub fn warning(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, line, message)
        }
    }

    /// True for a warning.
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// Whether it is the warning that a document in the folder (a PDF, a
    /// Word file, a web page) is not read, and how to import it.
    pub fn is_document_not_read(&self) -> bool {
        self.is_warning() && self.message.contains(load::NOT_READ)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

/// Where a corpus came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The corpus embedded in the binary.
    Bundled,
    /// A folder on disk (canonical path).
    Folder(PathBuf),
}

/// The whole evidence base, as loaded.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub origin: Origin,
    pub reports: Vec<Report>,
    pub themes: Vec<Theme>,
    /// Every problem found while loading, in file order.
    pub problems: Vec<Problem>,
    /// Identifies this exact set of files (paths, sizes, modification times;
    /// for the bundled corpus, its contents hashed at build time).
    pub fingerprint: String,
    /// Passage ids that no longer name a passage (`retired.toml`).
    pub retired: Vec<Retired>,
}

/// A file's size, modification time, status change time and permissions,
/// as a listing found them. The permissions are there so that a file made
/// unreadable (or readable again) after indexing is a change: its passages
/// are read when shown, and a stamp that did not notice would count hits it
/// cannot show. The status change time (`ctime`) is there because the
/// modification time can be set back (`touch -r`, `cp -p`, `rsync -t`): an
/// edit that keeps the size and the time it shows still changes `ctime`,
/// which no program can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified_ns: u128,
    /// When the file's contents or details last changed (0 where the
    /// system does not say).
    pub changed_ns: u128,
    /// The file's permission bits (0 where the system has none).
    pub mode: u32,
}

impl Corpus {
    /// Whether `report`'s file is no longer as the corpus was listed: its
    /// size, modification time or permissions differ, or it is gone. What an index made
    /// from the listing says of its passages (their places, their words) may
    /// then be wrong. The bundled corpus, and reports made in memory, never
    /// change.
    pub fn changed(&self, report: &Report) -> bool {
        let (Origin::Folder(root), Some(stamp)) = (&self.origin, report.stamp) else {
            return false;
        };
        std::fs::metadata(root.join(&report.path))
            .map_or(true, |meta| listing::stamp_of(&meta) != stamp)
    }

    /// Loads the corpus embedded in the binary.
    pub fn bundled() -> Self {
        load::load(&CorpusSource::Bundled)
    }

    /// Loads a corpus folder: `.md` and `.txt` files, subfolders included.
    pub fn from_folder(path: &std::path::Path) -> crate::Result<Self> {
        let source = CorpusSource::folder(path)?;
        Ok(load::load(&source))
    }

    /// Loads from any source.
    pub fn load(source: &CorpusSource) -> Self {
        load::load(source)
    }

    /// Loads metadata and problems from any source, keeping no passage text:
    /// reports read their passages again when they are needed.
    pub fn load_lean(source: &CorpusSource) -> Self {
        load::load_lean(source)
    }

    /// Finds a report by id.
    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }

    /// Finds a passage by its full id, with its report.
    pub fn passage(&self, id: &str) -> Option<(&Report, &Passage)> {
        let (report_id, _) = id.split_once('/')?;
        let report = self.report(report_id)?;
        let passage = report.passages.iter().find(|p| p.id == id)?;
        Some((report, passage))
    }

    /// Finds a theme by id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// Every passage in corpus order, with its report.
    pub fn passages(&self) -> impl Iterator<Item = (&Report, &Passage)> {
        self.reports
            .iter()
            .flat_map(|r| r.passages.iter().map(move |p| (r, p)))
    }

    /// Number of passages in all reports (without reading any).
    pub fn passage_count(&self) -> usize {
        self.reports.iter().map(|r| r.passages.count()).sum()
    }

    /// Number of passages that carry a theme, and of reports that have it.
    /// Where the index recorded each report's theme counts, no passage is read.
    pub fn theme_counts(&self, theme_id: &str) -> (usize, usize) {
        self.themes
            .iter()
            .position(|t| t.id == theme_id)
            .and_then(|at| self.theme_totals().get(at).copied())
            .unwrap_or((0, 0))
    }

    /// [`Corpus::theme_counts`] for every theme, in the order of
    /// [`Corpus::themes`], in one pass over the reports.
    pub fn theme_totals(&self) -> Vec<(usize, usize)> {
        let mut totals = vec![(0, 0); self.themes.len()];
        for r in &self.reports {
            for &(at, n) in self.report_themes(r).iter() {
                if let Some((passages, reports)) = totals.get_mut(at) {
                    *passages += n;
                    *reports += 1;
                }
            }
        }
        totals
    }

    /// A report's themes, as places in [`Corpus::themes`], in order of first
    /// use, each with how many of its passages carry it. Read from the
    /// index's catalog where it recorded them; otherwise counted from the
    /// passages (reading them).
    pub fn report_themes<'a>(
        &'a self,
        report: &'a Report,
    ) -> std::borrow::Cow<'a, [(usize, usize)]> {
        match report.passages.recorded_theme_counts() {
            Some(counts) => std::borrow::Cow::Borrowed(counts),
            None => std::borrow::Cow::Owned(count_themes(&self.themes, &report.passages)),
        }
    }

    /// How many of a report's passages carry none of the corpus's themes
    /// (the evidence map's row of passages without a theme). Read from the
    /// index's catalog where it recorded it; otherwise counted.
    pub fn report_unthemed(&self, report: &Report) -> usize {
        report
            .passages
            .recorded_unthemed()
            .unwrap_or_else(|| count_unthemed(&self.themes, &report.passages))
    }

    /// The ids of a report's themes, in order of first use.
    pub fn report_theme_ids(&self, report: &Report) -> Vec<String> {
        self.report_themes(report)
            .iter()
            .filter_map(|&(i, _)| self.themes.get(i).map(|t| t.id.clone()))
            .collect()
    }

    /// The themes that replace a theme id that went away (`replaces` in
    /// themes.toml's aliases); empty for an id no theme replaces.
    pub fn successors(&self, id: &str) -> Vec<&Theme> {
        self.themes
            .iter()
            .filter(|t| t.replaces.iter().any(|r| r == id))
            .collect()
    }

    /// Where a retired passage id's text went, if `id` is one.
    pub fn retired(&self, id: &str) -> Option<&Retired> {
        retired(&self.retired, id)
    }

    /// How many passages carry none of the corpus's themes, as the evidence
    /// map counts them.
    pub fn passages_without_theme(&self) -> usize {
        self.reports.iter().map(|r| self.report_unthemed(r)).sum()
    }

    /// How many problems are errors, and how many warnings.
    pub fn problem_counts(&self) -> (usize, usize) {
        let warnings = self.problems.iter().filter(|p| p.is_warning()).count();
        (self.problems.len() - warnings, warnings)
    }

    /// The fatal problems: files that were skipped.
    pub fn skipped(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.fatal)
    }
}
