//! `evidence export`: the excerpts (the given ids, the workspace's basket
//! with its notes, else a search's hits), rendered and written to stdout or
//! a file. Nothing is written when nothing matched or the basket is empty.

use super::args::{BibliographyFormat, CiteFor, ExportArgs, ExportFormat, query_text, split_ids};
use super::basket::UPDATE_HINT;
use super::search::open_index;
use super::{Cli, Outcome};
use evidence::basket::{Excerpt, ExcerptStatus};
use evidence::corpus::{Passage, Report};
use evidence::english::plural;
use evidence::export::{self, ExportMeta, Format, PandocRefs, Written};
use evidence::search::Index;
use evidence::{Error, Result};
use std::io::{self, Write};

/// What an export holds: the excerpts, the header's searches and filters,
/// and how many passages the search matched when `--limit` left some out.
struct Collected {
    excerpts: Vec<Excerpt>,
    meta: ExportMeta,
    matched: Option<usize>,
}

impl Collected {
    fn new(today: &str) -> Self {
        Collected {
            excerpts: Vec::new(),
            meta: ExportMeta {
                title: String::new(),
                date: today.to_string(),
                queries: Vec::new(),
                filters: Vec::new(),
                saved: Vec::new(),
                statuses: Vec::new(),
                work_of: Vec::new(),
                notes: Vec::new(),
            },
            matched: None,
        }
    }

    fn push(&mut self, r: &Report, p: &Passage) {
        if !self.excerpts.iter().any(|e| e.passage_id == p.id) {
            self.excerpts.push(Excerpt::new(r, p, &self.meta.date));
        }
    }
}

pub fn export(cli: &Cli, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    check_cite_flags(args)?;
    if args.basket {
        return from_basket(cli, args, out);
    }
    let ids = split_ids(&args.ids);
    // `--ids ''` (an empty variable, say) must not export the whole corpus.
    if ids.is_empty() && !args.ids.is_empty() {
        return Err(Error::InvalidInput(
            "--ids names no passage or report; give ids such as big-med/4 or big-med".into(),
        )
        .into());
    }
    // An empty query lists every passage, which a search may want; an
    // export of the corpus's first twenty passages is never what was meant.
    if ids.is_empty()
        && args.args.saved.is_none()
        && args.args.filters().is_empty()
        && query_text(&args.query).trim().is_empty()
    {
        return Err(Error::InvalidInput(
            "nothing to export: give a query, a filter (--report, --theme), --ids, --saved or --basket".into(),
        )
        .into());
    }
    if args.args.saved.is_none() {
        has_words(&query_text(&args.query))?;
    }
    let index = open_index(cli, false, false)?;
    let mut collected = Collected::new(&evidence::date::today());
    if ids.is_empty() {
        from_search(cli, index, args, &mut collected)?;
    } else {
        match from_ids(index, &ids, &mut collected) {
            // A retired id is found, in a way: where its text went is the
            // answer, and nothing is exported (exit 1).
            Err(Error::Retired(sentence)) => {
                let _ = writeln!(io::stderr(), "evidence: {sentence}");
                return Ok(Outcome::NothingFound);
            }
            other => other?,
        }
    }
    let Collected {
        excerpts,
        mut meta,
        matched,
    } = collected;
    if excerpts.is_empty() {
        let why = match matched {
            Some(total) => format!("{} matched, but --limit is 0", plural(total, "passage")),
            None => "no passage matched".to_string(),
        };
        let _ = writeln!(io::stderr(), "evidence: nothing to export: {why}");
        return Ok(Outcome::NothingFound);
    }
    meta.title = args
        .title()
        .unwrap_or_else(|| export::default_title(&excerpts));
    let n = excerpts.len();
    // "20 excerpts", or "20 of 180 matching excerpts" when --limit cut the hits.
    let (count, more) = match matched {
        Some(total) => (
            format!("{n} of {total} matching excerpts"),
            " (--limit N for more)",
        ),
        None => (plural(n, "excerpt"), ""),
    };
    if args.cite == Some(CiteFor::Pandoc) {
        let works = evidence::cite::works(
            index.corpus(),
            excerpts.iter().map(|e| e.report_id.as_str()),
        );
        return write_pandoc(args, &excerpts, &meta, &works, out, &count, more);
    }
    // One entry per work the excerpts come from (and the pack).
    let works = || {
        evidence::cite::works(
            index.corpus(),
            excerpts.iter().map(|e| e.report_id.as_str()),
        )
    };
    let text = match (args.format.references(), args.style) {
        (Some(format), _) => format.render(&works()),
        (None, Some(style)) => export::styled_markdown(&excerpts, &meta, &works(), style.into())?,
        (None, None) => Format::from(args.format).render(&excerpts, &meta),
    };
    deliver(cli, args, &text, &count, more, matched.is_some(), out)?;
    Ok(Outcome::Found)
}

/// `export --basket`: the basket's excerpts in its order, with their notes,
/// under the header the explorer's export gives them
/// ([`ExportMeta::of_basket`]); the reference formats list their works.
fn from_basket(cli: &Cli, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let wb = super::basket::open(cli, false)?;
    if wb.basket.excerpts.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "evidence: nothing to export: {} is empty; {}",
            wb.named(),
            super::basket::HOW_TO_ADD
        );
        return Ok(Outcome::NothingFound);
    }
    let mut meta = ExportMeta::of_basket(&wb.basket, &evidence::date::today());
    if let Some(title) = args.title() {
        meta.title = title;
    }
    meta.saved = super::history::saved_names(cli, &meta.queries);
    let count = plural(wb.basket.excerpts.len(), "excerpt");
    // An excerpt whose passage is gone or changed is exported as it was
    // collected: said, so that it is not cited unawares.
    let current = super::corpus::recorded_or_loaded(cli)?;
    // Every format cites a report by its details now, or by those kept
    // with its excerpts when the corpus open lacks it (basket::cite).
    let cited = wb.basket.cited(&current, Some(&wb.corpus));
    if let Some(warning) = wb.basket.export_warning(&current, Some(&wb.corpus)) {
        let _ = writeln!(io::stderr(), "evidence: warning: {warning}");
        if cited.statuses.contains(&ExcerptStatus::Changed) {
            let _ = writeln!(io::stderr(), "evidence: note: {UPDATE_HINT}");
        }
    }
    if !cited.updated.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "evidence: note: cited with their details as the corpus has them now, changed since collected: {}",
            cited.updated.join("; ")
        );
    }
    meta.statuses = cited.statuses;
    meta.work_of = cited.work_of;
    let excerpts = &cited.excerpts;
    let works = &cited.works;
    if args.cite == Some(CiteFor::Pandoc) {
        return write_pandoc(args, excerpts, &meta, works, out, &count, "");
    }
    let (text, count) = match (args.format.references(), args.style) {
        // A reference list holds works, one for all the excerpts of a report.
        (Some(format), _) => {
            let listed = format!("{} (for {count})", plural(works.len(), "work"));
            (format.render(works), listed)
        }
        (None, Some(style)) => (
            export::styled_markdown(excerpts, &meta, works, style.into())?,
            count,
        ),
        (None, None) => (Format::from(args.format).render(excerpts, &meta), count),
    };
    deliver(cli, args, &text, &count, "", false, out)?;
    Ok(Outcome::Found)
}

/// Writes an export to stdout or to `--out`, saying on stderr what was
/// written where (on stdout only when `tell` is true: a search's export
/// that `--limit` cut).
fn deliver(
    cli: &Cli,
    args: &ExportArgs,
    text: &str,
    count: &str,
    more: &str,
    tell: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match args.out.as_ref().filter(|t| t.as_os_str() != "-") {
        None => {
            out.write_all(text.as_bytes())?;
            if tell {
                let _ = writeln!(io::stderr(), "evidence: note: exported {count}{more}");
            }
        }
        Some(path) => {
            let Some(target) = path.to_str() else {
                return Err(Error::InvalidInput(format!(
                    "{}: the file name is not valid UTF-8; choose another",
                    path.display()
                ))
                .into());
            };
            let extension = match args.format.references() {
                Some(refs) => refs.extension(),
                None => Format::from(args.format).extension(),
            };
            let written = export::write_output(target, text.as_bytes(), args.force, extension)?;
            let shown = match &written {
                Written::File(p) | Written::Device(p) => p.display().to_string(),
                Written::Stdout => "stdout".to_string(),
            };
            let _ = writeln!(io::stderr(), "evidence: wrote {count} to {shown}{more}");
            if let (Written::File(p), Some(folder)) = (&written, &cli.corpus)
                && let Some(note) = inside_corpus(p, folder)
            {
                let _ = writeln!(io::stderr(), "evidence: note: {note}");
            }
        }
    }
    Ok(())
}

/// An export written as a report file inside the corpus folder is read as
/// a report: its excerpts are found twice, the copies first, and `verify`
/// would point at them. Said when it is written, not only by `check`.
fn inside_corpus(written: &std::path::Path, folder: &std::path::Path) -> Option<String> {
    let (file, folder) = (written.canonicalize().ok()?, folder.canonicalize().ok()?);
    // As the folder's reader reads it: not the default name, a README or
    // a hidden folder.
    let rel = file.strip_prefix(&folder).ok()?;
    evidence::corpus::read_as_report(rel).then(|| {
        format!(
            "{} is inside the corpus folder {}: it will be searched as a report, its excerpts found twice; move it out of the folder",
            written.display(),
            folder.display()
        )
    })
}

/// The flags that go with `--cite` and `--bibliography`, checked before
/// anything is searched.
fn check_cite_flags(args: &ExportArgs) -> Result<()> {
    let to_stdout = args.out.as_ref().is_none_or(|o| o.as_os_str() == "-");
    match (args.cite, args.bibliography) {
        (Some(CiteFor::Pandoc), _) if args.format != ExportFormat::Md => {
            Err(Error::InvalidInput(format!(
                "--cite pandoc writes markdown, not --format {}; leave --format out",
                args.format.name()
            )))
        }
        (Some(CiteFor::Pandoc), _) if args.style.is_some() => Err(Error::InvalidInput(
            "--style is for the plain markdown export; pandoc formats --cite pandoc's citations (its --csl FILE chooses the style)"
                .into(),
        )),
        (None, _) if args.style.is_some() && args.format != ExportFormat::Md => {
            Err(Error::InvalidInput(format!(
                "--style formats a markdown export's citations, not --format {}; leave --format out",
                args.format.name()
            )))
        }
        (None, Some(_)) => Err(Error::InvalidInput(
            "--bibliography names the file --cite pandoc writes beside --out; add --cite pandoc"
                .into(),
        )),
        (Some(_), Some(_)) if to_stdout => Err(Error::InvalidInput(
            "--bibliography names the file written beside --out FILE; on stdout the references are in the front matter"
                .into(),
        )),
        _ => Ok(()),
    }
}

/// A pandoc export: on stdout (or a device) with its references in the
/// front matter; to a file with a bibliography file beside it, both
/// checked before either is written.
fn write_pandoc(
    args: &ExportArgs,
    excerpts: &[Excerpt],
    meta: &ExportMeta,
    works: &[evidence::cite::Work],
    out: &mut dyn Write,
    count: &str,
    more: &str,
) -> anyhow::Result<Outcome> {
    let target = match args.out.as_ref().filter(|t| t.as_os_str() != "-") {
        None => None,
        Some(path) => Some(path.to_str().ok_or_else(|| {
            Error::InvalidInput(format!(
                "{}: the file name is not valid UTF-8; choose another",
                path.display()
            ))
        })?),
    };
    let Some(target) = target else {
        let text = export::pandoc(excerpts, meta, works, PandocRefs::Inline);
        out.write_all(text.as_bytes())?;
        if !more.is_empty() {
            let _ = writeln!(io::stderr(), "evidence: note: exported {count}{more}");
        }
        return Ok(Outcome::Found);
    };
    let format: evidence::cite::RefFormat =
        args.bibliography.unwrap_or(BibliographyFormat::Json).into();
    let (written, bib) = export::write_pandoc(target, excerpts, meta, works, format, args.force)?;
    let shown = match &written {
        Written::File(p) | Written::Device(p) => p.display().to_string(),
        Written::Stdout => "stdout".to_string(),
    };
    let references = bib
        .map(|b| format!(", their references to {}", b.display()))
        .unwrap_or_default();
    let _ = writeln!(
        io::stderr(),
        "evidence: wrote {count} to {shown}{more}{references}"
    );
    // The markdown names its bibliography by file name alone, so that the
    // two can move together; pandoc looks for it from where it runs.
    if let (Some(folder), Written::File(p)) = (std::path::Path::new(target).parent(), &written)
        && !folder.as_os_str().is_empty()
        && folder != std::path::Path::new(".")
    {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "evidence: note: pandoc finds the references from {0}: run `pandoc {name} --citeproc` there, or add --resource-path={0}",
            folder.display()
        );
    }
    Ok(Outcome::Found)
}

/// The hits of the export's search, with its notes on stderr.
fn from_search(
    cli: &Cli,
    index: &Index,
    args: &ExportArgs,
    collected: &mut Collected,
) -> Result<()> {
    let mut lost_filters = Vec::new();
    let (request, lost) = super::history::request(
        cli,
        args.args.saved.as_deref(),
        &query_text(&args.query),
        &args.args.filters(),
        args.args.limit,
        index,
    )?;
    if let Some(name) = &args.args.saved {
        // The header says what the saved search ran without.
        lost_filters = lost;
        // A saved search of nothing (saved before such were refused) is
        // no more an export than an empty query is.
        if request.query.trim().is_empty() && request.filters.is_empty() {
            return Err(Error::InvalidInput(format!(
                "nothing to export: the saved search `{}` has no words and no filter",
                name.trim()
            )));
        }
        collected.meta.saved.push(name.trim().to_string());
    }
    let results = index.search(&request)?;
    super::history::record(cli, &request.query, &request.filters, results.total);
    for note in &results.notes {
        let _ = writeln!(io::stderr(), "evidence: note: {note}");
    }
    for h in &results.hits {
        if let Some((r, p)) = index.passage(h.ord) {
            collected.push(r, p);
        }
    }
    if results.total > results.hits.len() {
        collected.matched = Some(results.total);
    }
    let query = request.query.trim();
    if !query.is_empty() {
        collected.meta.queries.push(query.to_string());
    }
    collected.meta.filters = request.filters.describe();
    // A documented search says in the file what the search did with the
    // query (words searched for others, left out, corrected) and what
    // --limit left out, not only on stderr.
    collected.meta.notes = lost_filters;
    collected.meta.notes.extend(results.notes.iter().cloned());
    if results.total > results.hits.len() {
        collected.meta.notes.push(format!(
            "the search matched {} passages; the first {} are exported (--limit)",
            results.total,
            results.hits.len()
        ));
    }
    Ok(())
}

/// The given passages, and every passage of the given reports.
fn from_ids(index: &Index, ids: &[String], collected: &mut Collected) -> Result<()> {
    let corpus = index.corpus();
    for id in ids {
        if let Some((r, p)) = corpus.passage(id) {
            collected.push(r, p);
        } else if let Some(r) = corpus.report(id) {
            for p in &r.passages {
                collected.push(r, p);
            }
        } else if let Some(gone) = corpus.retired(id) {
            return Err(Error::Retired(gone.sentence()));
        } else {
            return Err(corpus.unknown_id(id));
        }
    }
    collected
        .meta
        .filters
        .push(format!("ids: {}", ids.join(", ")));
    Ok(())
}

/// Refuses an export's query typed with nothing a search can match (`👍`,
/// `--`, `*`): it would export the corpus's first passages, as an empty
/// query would, which is never what was meant. (A search shows every
/// passage, with a note saying why.) An empty query is left alone.
fn has_words(query: &str) -> Result<(), Error> {
    if query.trim().is_empty() || query.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    let shown: String = query
        .trim()
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    Err(Error::InvalidInput(format!(
        "nothing to export: `{shown}` has no letters or digits to search for; give words, a filter (--report, --theme), --ids, --saved or --basket"
    )))
}
