//! Excerpts out of the program: markdown with citations and references, JSON and
//! CSV, as pure functions of a list of [`Excerpt`]s, plus the one place that
//! writes an export to stdout, a device or a file without clobbering.
//!
//! The markdown must give back exactly the text that was collected, whatever it
//! holds: every character markdown could read as syntax is escaped (see
//! [`blockquote`]), and [`blockquote_texts`] parses a document back so tests can
//! check the round trip. Nothing here knows about terminals, the basket file or
//! the search index.

use crate::Result;
use crate::basket::{Basket, Excerpt, ExcerptStatus};
use crate::cite::Work;
use crate::corpus::{Citation, escape_markdown_inline};
use serde_json::Value;
use std::fmt::Write as _;
use std::sync::LazyLock;

mod data;
mod escape;
mod note;
mod write;
pub use data::{csv, json};
use escape::escaped_lines;
pub use escape::{blockquote, blockquote_texts};
pub use write::{Written, check_output, write_output, write_pandoc};

/// The sentence that credits the source of the bundled reports' text.
pub const PACK_CREDIT: &str = "Passages from the bundled reports are quoted from their summaries in the Dalton review evidence base pack (Department of Health, 2014), used under the Open Government Licence v3.0.";

/// Whether an excerpt is a passage of the Dalton review's evidence pack, as
/// the bundled corpus (or a copy of it) has it: the same id and the same
/// text. Only those are credited to the pack; a user's own file that
/// happens to share a name and an id with a bundled report is not.
pub fn from_pack(e: &Excerpt) -> bool {
    PACK.passage(&e.passage_id)
        .is_some_and(|(_, p)| p.text == e.text)
}

/// The bundled corpus: the evidence pack.
static PACK: LazyLock<crate::corpus::Corpus> = LazyLock::new(crate::corpus::Corpus::bundled);

/// Whether an excerpt is one of the pack's summaries of another work (not
/// the pack's own overview, whose words are the pack's).
pub(crate) fn summarised_by_pack(e: &Excerpt) -> bool {
    from_pack(e)
        && PACK
            .report(&e.report_id)
            .is_some_and(|r| r.kind != crate::corpus::ReportKind::Overview)
}

/// An excerpt's citation as plain text, with "as summarised in" the pack
/// after it when its text is the pack's summary: as the markdown export
/// cites it, so that a citation copied from a spreadsheet credits the pack.
pub fn citation_plain(e: &Excerpt) -> String {
    let own = e.citation().to_string();
    match pack_details() {
        Some((who, title, date)) if summarised_by_pack(e) => {
            format!("{own}; as summarised in {who}, {title} ({date})")
        }
        _ => own,
    }
}

/// Whether a passage's words are the pack's summary of its report, by the
/// rule every citation uses ([`summarised_by_pack`]).
pub fn is_pack_summary(report: &crate::corpus::Report, passage: &crate::corpus::Passage) -> bool {
    summarised_by_pack(&Excerpt::new(report, passage, ""))
}

/// A passage's citation as a line to copy (`show`'s, the explorer's copy):
/// as [`citation_plain`], so that the pack's summary of a report is never
/// quoted as the report's own words.
pub fn citation_line(report: &crate::corpus::Report, passage: &crate::corpus::Passage) -> String {
    citation_plain(&Excerpt::new(report, passage, ""))
}

/// The work the bundled corpus cites an excerpt of the pack by (the pack
/// itself for its overview), or `None` for an excerpt not from the pack.
pub(crate) fn pack_work(e: &Excerpt) -> Option<Work> {
    if !from_pack(e) {
        return None;
    }
    if !summarised_by_pack(e) {
        return Some(crate::cite::pack());
    }
    crate::cite::works(&PACK, [e.report_id.as_str()])
        .into_iter()
        .next()
}

/// The pack as a citation names it: its attribution, its title and its
/// date, as plain text.
fn pack_details() -> Option<(String, String, String)> {
    let overview = PACK
        .reports
        .iter()
        .find(|r| r.kind == crate::corpus::ReportKind::Overview)?;
    let who = overview.attribution().unwrap_or_default();
    let title = crate::corpus::full_title(&overview.title, overview.subtitle.as_deref());
    let date = overview
        .published
        .as_deref()
        .map(crate::corpus::format_date)
        .unwrap_or_default();
    Some((who, title, date))
}

/// [`pack_details`] for markdown: escaped, the title in italics.
fn pack_markdown() -> Option<(String, String, String)> {
    let (who, title, date) = pack_details()?;
    Some((inline(&who), format!("*{}*", inline(&title)), inline(&date)))
}

/// An export's title when nothing else is asked for: the pack's, when every
/// excerpt is from it.
pub fn default_title(excerpts: &[Excerpt]) -> String {
    if !excerpts.is_empty() && excerpts.iter().all(from_pack) {
        "Excerpts from the Dalton review evidence base".to_string()
    } else {
        "Evidence excerpts".to_string()
    }
}

/// What an export says about itself: a title, the date it was made, and the
/// searches (and the names of those saved) and filters that found its
/// excerpts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportMeta {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub queries: Vec<String>,
    /// Filters in words, such as `theme: governance`.
    pub filters: Vec<String>,
    /// The names of the saved searches among `queries` (or the one run).
    pub saved: Vec<String>,
    /// Each excerpt's status against the corpus open, in the excerpts'
    /// order (a basket's export: see [`Basket::cited`]); empty when every
    /// excerpt was read from the corpus for this export.
    pub statuses: Vec<ExcerptStatus>,
    /// Each excerpt's work, as an index into the works given with it (see
    /// [`Basket::cited`]: two reports of one id can be two works); empty:
    /// the work of the excerpt's report id.
    pub work_of: Vec<Option<usize>>,
    /// What the reader of the export should know of how it was made (a
    /// saved search run without a filter the corpus no longer has, the
    /// search's notes, how many passages `--limit` left out).
    pub notes: Vec<String>,
}

impl ExportMeta {
    /// The header of a basket's export, as the explorer's `e` and `export
    /// --basket` both write it: the default title, made on `date`, with the
    /// searches the excerpts were collected from. No filters: the basket
    /// does not record under which filters each excerpt was collected, and
    /// the explorer's filters at the time of the export may be none of
    /// theirs. A search none of whose excerpts is still in the basket is
    /// not named.
    pub fn of_basket(basket: &Basket, date: &str) -> Self {
        ExportMeta {
            title: default_title(&basket.excerpts),
            date: date.to_string(),
            queries: basket.queries_in_use(),
            filters: Vec::new(),
            saved: Vec::new(),
            statuses: Vec::new(),
            work_of: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The three export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

impl Format {
    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The excerpts written out in this format.
    pub fn render(self, excerpts: &[Excerpt], meta: &ExportMeta) -> String {
        match self {
            Format::Markdown => markdown(excerpts, meta),
            Format::Json => {
                let mut s = serde_json::to_string_pretty(&json(excerpts, meta))
                    .unwrap_or_else(|_| "{}".to_string());
                s.push('\n');
                s
            }
            Format::Csv => csv(excerpts, meta),
        }
    }
}

/// The excerpts as a markdown document: title, date, searches and filters; each
/// excerpt as a blockquote followed by its citation and the user's note; then a
/// `## References` section naming each cited report once.
pub fn markdown(excerpts: &[Excerpt], meta: &ExportMeta) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(title_of(meta)));
    preamble(&mut md, excerpts, meta, Dialect::CommonMark);
    let pack = pack_markdown();
    for (i, e) in excerpts.iter().enumerate() {
        // A summary is cited as one, the way a careful researcher would.
        let summarised = match (summarised_by_pack(e), &pack) {
            (true, Some((who, title, date))) => {
                format!("; as summarised in {who}, {title} ({date})")
            }
            _ => String::new(),
        };
        let citation = format!("{}{summarised}", citation_markdown(&e.citation()));
        excerpt_block(
            &mut md,
            e,
            &citation,
            data::status_of(meta, i),
            Dialect::CommonMark,
        );
    }
    if !excerpts.is_empty() {
        md.push_str("## References\n\n");
        let listed = first_per_report(excerpts);
        for e in &listed {
            let _ = writeln!(md, "- {}", reference(e));
        }
        // The pack is a work of its own in the list, not only a credit.
        if excerpts.iter().any(summarised_by_pack)
            && !listed
                .iter()
                .any(|e| !summarised_by_pack(e) && from_pack(e))
            && let Some((who, title, date)) = &pack
        {
            let _ = writeln!(md, "- {}. {}. {}.", who, title, date);
        }
        if excerpts.iter().any(from_pack) {
            let _ = writeln!(md, "\n{PACK_CREDIT}");
        }
    }
    md
}

/// The excerpts as [`markdown`] does, with each citation and the reference
/// list in a citation style: `— (Foundation Trust Network, 2014, as
/// summarised in Department of Health, 2014), buddying-review/9`, the
/// passage id kept for `verify`. `works` are the excerpts' works, as
/// [`crate::cite::works`] gives them; an excerpt whose report is not among
/// them keeps its plain citation and reference.
pub fn styled_markdown(
    excerpts: &[Excerpt],
    meta: &ExportMeta,
    works: &[Work],
    style: crate::cite::Style,
) -> Result<String> {
    let mut places = Vec::new();
    let mut cites = Vec::new();
    for (i, e) in excerpts.iter().enumerate() {
        match work_of(meta, works, i, e) {
            Some(work) => {
                places.push(Some(cites.len()));
                cites.push(crate::cite::Cite {
                    work,
                    paragraph: paragraph_locator(e, &works[work], works),
                    pages: e.pages,
                });
            }
            None => places.push(None),
        }
    }
    let styled = crate::cite::styled(style, works, &cites)?;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", inline(title_of(meta)));
    preamble(&mut md, excerpts, meta, Dialect::CommonMark);
    let mut uncited: Vec<&Excerpt> = Vec::new();
    for (i, (e, place)) in excerpts.iter().zip(places).enumerate() {
        let citation = match place.and_then(|i| styled.citations.get(i)) {
            Some(c) => format!("{c}, {}", inline(&e.passage_id)),
            None => {
                if !uncited.iter().any(|u| u.report_id == e.report_id) {
                    uncited.push(e);
                }
                citation_markdown(&e.citation())
            }
        };
        excerpt_block(
            &mut md,
            e,
            &citation,
            data::status_of(meta, i),
            Dialect::CommonMark,
        );
    }
    if !excerpts.is_empty() {
        md.push_str("## References\n\n");
        for r in &styled.references {
            let _ = writeln!(md, "{r}");
        }
        for e in uncited {
            let _ = writeln!(md, "- {}", reference(e));
        }
        if excerpts.iter().any(from_pack) {
            let _ = writeln!(md, "\n{PACK_CREDIT}");
        }
    }
    Ok(md)
}

/// Which markdown a document is written for: any reader's, or pandoc's,
/// where a bare `@word` is a citation and must be escaped to stay text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    CommonMark,
    Pandoc,
}

impl Dialect {
    /// Already escaped markdown, with `@` escaped too for pandoc.
    fn text(self, md: String) -> String {
        match self {
            Dialect::CommonMark => md,
            Dialect::Pandoc => md.replace('@', "\\@"),
        }
    }
}

/// The title an export shows.
fn title_of(meta: &ExportMeta) -> &str {
    if meta.title.trim().is_empty() {
        "Evidence excerpts"
    } else {
        meta.title.as_str()
    }
}

/// What an export says after its title: when it was made, how many
/// excerpts, the searches and filters; then the excerpts' heading.
fn preamble(md: &mut String, excerpts: &[Excerpt], meta: &ExportMeta, dialect: Dialect) {
    let count = match excerpts.len() {
        1 => "1 excerpt".to_string(),
        n => format!("{n} excerpts"),
    };
    let from = if !excerpts.is_empty() && excerpts.iter().all(from_pack) {
        " from the Dalton review evidence base"
    } else {
        ""
    };
    let _ = writeln!(
        md,
        "Exported on {}{from}: {count}.\n",
        dialect.text(inline(&crate::corpus::format_date(&meta.date)))
    );
    for (label, items) in [
        ("Saved searches", &meta.saved),
        ("Searches", &meta.queries),
        ("Filters", &meta.filters),
        ("Notes", &meta.notes),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(md, "**{label}:**\n");
        for item in items {
            let _ = writeln!(md, "- {}", dialect.text(inline(item)));
        }
        md.push('\n');
    }
    if !excerpts.is_empty() {
        md.push_str("## Excerpts\n\n");
    }
}

/// One excerpt: its quotation, its citation (already markdown), what a
/// reader of the file must know of a quotation the corpus no longer reads
/// so, the record `verify` reads and the user's note.
fn excerpt_block(
    md: &mut String,
    e: &Excerpt,
    citation: &str,
    status: ExcerptStatus,
    dialect: Dialect,
) {
    // An item of a list says little without the sentence that introduces
    // it, which its citation no longer names (see `Passage::heading`).
    if let Some(lead) = &e.lead_in {
        let _ = writeln!(
            md,
            "*In a list introduced by:* {}:\n",
            dialect.text(inline(lead))
        );
    }
    md.push_str(&dialect.text(blockquote(&e.text)));
    md.push_str("\n\n");
    let _ = writeln!(md, "— {citation}\n");
    // The file is what circulates: a quotation the corpus reads otherwise
    // now says so in it, not only in a warning when it was written.
    match status {
        ExcerptStatus::Changed => md.push_str(
            "*The passage reads differently in the corpus now: this is its text as collected.*\n\n",
        ),
        ExcerptStatus::Gone => {
            md.push_str("*The passage is gone from the corpus: this is its text as collected.*\n\n")
        }
        ExcerptStatus::Same | ExcerptStatus::Elsewhere => {}
    }
    // Unseen when rendered: what `evidence verify` needs to tell a
    // passage that changed since from a quote that was edited.
    let _ = writeln!(md, "{}\n", record(&e.passage_id, &e.text));
    if !e.note.trim().is_empty() {
        // A note is the user's own markdown: in pandoc's, an `@key` of
        // theirs is a citation, as they meant.
        let _ = writeln!(md, "**Note:** {}\n", note::note_markdown(&e.note));
    }
}

/// Where a pandoc export's works are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PandocRefs<'a> {
    /// In the document's front matter, as `references:` (CSL items).
    Inline,
    /// In a bibliography file the front matter names, as the document
    /// should name it (beside it: just the file name).
    File(&'a str),
}

/// The excerpts as markdown for pandoc: a YAML front matter with the title
/// and the works (`references:`) or the bibliography file that holds them;
/// each excerpt cited as `[@key, para. N]` (or `[@key; as summarised in
/// @pack]` for the evidence pack's summaries) and its passage id after it;
/// and a References section where pandoc's citeproc puts the reference
/// list. `works` are the excerpts' works, as [`crate::cite::works`] gives
/// them; an excerpt whose report is not among them keeps its plain citation
/// and is listed after the others.
pub fn pandoc(excerpts: &[Excerpt], meta: &ExportMeta, works: &[Work], refs: PandocRefs) -> String {
    let mut md = String::from("---\n");
    let _ = writeln!(
        md,
        "title: {}",
        yaml_string(&Dialect::Pandoc.text(inline(title_of(meta))))
    );
    match refs {
        PandocRefs::File(name) => {
            let _ = writeln!(md, "bibliography: {}", yaml_string(name));
        }
        PandocRefs::Inline => {
            // Each item is JSON, which is YAML in flow style; pandoc reads
            // metadata strings as markdown, so their text is escaped.
            md.push_str("references:\n");
            for mut item in crate::cite::csl_items_for_pandoc(works) {
                escape_csl(&mut item, None);
                let _ = writeln!(md, "- {item}");
            }
        }
    }
    md.push_str("---\n\n");
    preamble(&mut md, excerpts, meta, Dialect::Pandoc);
    let mut uncited: Vec<&Excerpt> = Vec::new();
    for (i, e) in excerpts.iter().enumerate() {
        let citation = match work_of(meta, works, i, e).and_then(|w| works.get(w)) {
            Some(w) => pandoc_citation(e, w, works),
            None => {
                if !uncited.iter().any(|u| u.report_id == e.report_id) {
                    uncited.push(e);
                }
                Dialect::Pandoc.text(citation_markdown(&e.citation()))
            }
        };
        excerpt_block(
            &mut md,
            e,
            &citation,
            data::status_of(meta, i),
            Dialect::Pandoc,
        );
    }
    if !excerpts.is_empty() {
        md.push_str("## References\n\n::: {#refs}\n:::\n");
        if !uncited.is_empty() {
            md.push('\n');
            for e in uncited {
                let _ = writeln!(md, "- {}", Dialect::Pandoc.text(reference(e)));
            }
        }
        if excerpts.iter().any(from_pack) {
            let _ = writeln!(md, "\n{PACK_CREDIT}");
        }
    }
    md
}

/// `[@key, para. N]` for an excerpt of `work` (`p. N` or `pp. N–M` for a
/// passage of a paged source), or `[@key; as summarised in @pack]` for a
/// summary (see [`paragraph_locator`]), then the passage id in the text.
fn pandoc_citation(e: &Excerpt, work: &Work, works: &[Work]) -> String {
    let locator = match (e.pages, paragraph_locator(e, work, works)) {
        (Some(p), _) => format!(", {}", p.locator()),
        (None, Some(n)) => format!(", para. {}", inline(&n)),
        (None, None) => String::new(),
    };
    let mut cite = format!("[{}{locator}", citekey(&work.key));
    if let Some(pack) = work.summarised_in.as_deref()
        && works.iter().any(|w| w.key == pack)
    {
        let _ = write!(cite, "; as summarised in {}", citekey(pack));
    }
    format!("{cite}], {}", inline(&e.passage_id))
}

/// The passage's number as a paragraph locator of its work, or `None` when
/// the work is cited as summarised in the pack: the number is then the
/// passage's place in the pack's summary, not a paragraph of the work, and
/// a reader who opened the work at that paragraph would not find the
/// quotation (the passage id after the citation still names it).
fn paragraph_locator(e: &Excerpt, work: &Work, works: &[Work]) -> Option<String> {
    let summarised = work
        .summarised_in
        .as_deref()
        .is_some_and(|pack| works.iter().any(|w| w.key == pack));
    (!summarised)
        .then(|| e.passage_id.rsplit('/').next().map(str::to_string))
        .flatten()
}

/// A citation key as pandoc reads it: bare when it is simple, else in
/// braces (`@{key}`).
fn citekey(key: &str) -> String {
    let inner = |c: char| c.is_ascii_alphanumeric() || "_:.#$%&-+?<>~/".contains(c);
    let simple = key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && key.ends_with(|c: char| c.is_ascii_alphanumeric())
        && key.chars().all(inner);
    if simple {
        format!("@{key}")
    } else {
        format!("@{{{}}}", key.replace(['{', '}'], ""))
    }
}

/// A string as a YAML scalar: JSON's double-quoted string is one.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Escapes the text of a CSL item for pandoc, which reads metadata strings
/// as markdown; the item's id and type, which are names, stay as they are.
fn escape_csl(v: &mut Value, key: Option<&str>) {
    match v {
        Value::String(s) if !matches!(key, Some("id" | "type")) => {
            let mut out = String::with_capacity(s.len() + 4);
            for c in escape_markdown_inline(s).chars() {
                if matches!(c, '@' | '$' | '^') {
                    out.push('\\');
                }
                out.push(c);
            }
            *s = out;
        }
        Value::Array(items) => {
            for item in items {
                escape_csl(item, None);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                escape_csl(item, Some(k));
            }
        }
        _ => {}
    }
}

/// One excerpt of each report, in order of first appearance.
/// (Two reports of one id from two corpora, told apart by their titles,
/// are two.)
fn first_per_report(excerpts: &[Excerpt]) -> Vec<&Excerpt> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut out = Vec::new();
    for e in excerpts {
        let key = (e.report_id.as_str(), e.report_title.as_str());
        if !seen.contains(&key) {
            seen.push(key);
            out.push(e);
        }
    }
    out
}

/// A reference-list entry: organisation; authors. *Title*. Date. An article
/// in a periodical: authors. *Title*. Periodical. Date.
fn reference(e: &Excerpt) -> String {
    let citation = e.citation();
    let mut who = Vec::new();
    if let Some(o) = e.organisation.as_deref().filter(|o| !o.trim().is_empty())
        && citation.published_in.is_none()
    {
        who.push(o.to_string());
    }
    if !e.authors.is_empty() {
        who.push(crate::corpus::authors_line(&e.authors, e.et_al));
    }
    if who.is_empty()
        && let Some(a) = &citation.attribution
    {
        who.push(a.clone());
    }
    let mut parts = Vec::new();
    if !who.is_empty() {
        parts.push(sentence(&inline(&who.join("; "))));
    }
    let title = crate::corpus::full_title(&citation.title, citation.subtitle.as_deref());
    // An article's title in quotes, its periodical in italics.
    match &citation.published_in {
        Some(p) => {
            parts.push(sentence(&format!("“{}”", inline(&title))));
            parts.push(sentence(&format!("*{}*", inline(p))));
        }
        None => parts.push(sentence(&format!("*{}*", inline(&title)))),
    }
    parts.push(sentence(&inline(&citation.date)));
    // A web page's address, and the day it was read there.
    if let Some(url) = &citation.url {
        // A full stop after the address, as after every other part.
        parts.push(format!("<{}>.", url.replace(['<', '>', ' '], "")));
        if let Some(a) = &citation.accessed {
            parts.push(sentence(&format!("Accessed {}", inline(a))));
        }
    }
    parts.join(" ")
}

/// Ends a phrase with a full stop unless it already ends with punctuation.
fn sentence(s: &str) -> String {
    let bare = s.trim_end_matches(['*', '”', '’']);
    if bare.ends_with(['.', '?', '!']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A citation line with every field escaped (`Citation::to_markdown` escapes
/// and italicises the title itself).
fn citation_markdown(c: &Citation) -> String {
    let esc = |s: &str| inline(s);
    Citation {
        attribution: c.attribution.as_deref().map(esc),
        // Escaped as a title is, by `to_markdown`.
        published_in: c.published_in.as_deref().map(one_line),
        title: one_line(&c.title),
        subtitle: c.subtitle.as_deref().map(one_line),
        date: esc(&c.date),
        section: c.section.as_deref().map(esc),
        passage_id: esc(&c.passage_id),
        locator: c.locator.as_deref().map(esc),
        // A web address as an autolink, which needs no escaping inside.
        url: c
            .url
            .as_deref()
            .map(|u| format!("<{}>", u.replace(['<', '>', ' '], ""))),
        accessed: c.accessed.as_deref().map(esc),
    }
    .to_markdown()
}

fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// Single-line metadata (titles, queries, names) escaped for markdown.
fn inline(s: &str) -> String {
    escaped_lines(&one_line(s)).join(" ")
}

/// The work of the `i`th excerpt `e` among `works` (see
/// [`ExportMeta::work_of`]).
fn work_of(meta: &ExportMeta, works: &[Work], i: usize, e: &Excerpt) -> Option<usize> {
    match meta.work_of.get(i) {
        Some(w) => *w,
        None => works.iter().position(|w| w.id == e.report_id),
    }
}

/// The file name an export gets by default: `evidence-excerpts-YYYY-MM-DD.md`.
pub fn default_file_name(date: &str) -> String {
    format!("evidence-excerpts-{date}.md")
}

/// The fingerprint of a passage's text that an export records beside each
/// excerpt, so that `verify` can tell a passage that changed from a quote
/// that was edited.
pub fn fingerprint(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

/// The comment an export writes after an excerpt: invisible when the
/// markdown is rendered, read back by `evidence verify`.
pub fn record(passage_id: &str, text: &str) -> String {
    format!("<!-- evidence: {passage_id} {} -->", fingerprint(text))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn default_name() {
        assert_eq!(
            default_file_name("2024-05-01"),
            "evidence-excerpts-2024-05-01.md"
        );
    }

    #[track_caller]
    fn round_trip(text: &str) {
        let md = blockquote(text);
        assert_eq!(blockquote_texts(&md), vec![text.to_string()], "{md}");
    }

    #[test]
    fn blockquotes_round_trip_awkward_text() {
        for text in [
            "",
            "plain",
            "1. first",
            "2024) year",
            "- dash",
            "+ plus",
            "# hash",
            "> quote",
            "* star *emph* _u_ `code` [link](x) <b>html</b> &amp; ~~s~~ $x$ ^s^ | a | b |",
            "a\\b\\",
            "line one\nline two",
            "a\n\nb",
            "\nstarts with a newline",
            "ends with newlines\n\n",
            "\n",
            "   leading and trailing spaces   ",
            "\ttab\t",
            "---",
            "===",
            "a\n---",
            "a\n===",
            "    indented code",
            "```\nfence\n```",
            ": definition",
            "[^1]: footnote",
            "[[wiki]]",
            "[!NOTE]",
            "carriage\rreturn\r\n",
            "unicode — “quotes” café 東京 \u{a0}nbsp\u{a0}",
            "\u{b}\u{c}",
        ] {
            round_trip(text);
        }
    }
}
