//! The command line: clap types, and each subcommand's plain and JSON output.
//!
//! Conventions (as ripgrep's): results on stdout, one-line errors and warnings on
//! stderr, exit status 0 when something was found, 1 when nothing was, 2 on error;
//! a closed pipe ends output quietly; colour only on a terminal without NO_COLOR.
//! JSON always has every key, with `null` for a missing value.

use clap::{Args, Parser, Subcommand};
use evidence::corpus::{self, Corpus, CorpusSource, ImportOptions, Passage, Report};
use evidence::search::{self, Filters, Index, OpenOptions, SearchRequest, SearchResults};
use evidence::{Error, Result};
use serde_json::{Value, json};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use evidence::basket::Excerpt;
use evidence::english::plural;
use evidence::export::{self, ExportMeta, Format, Written};

const EXAMPLES: &str = "\
Examples:
  evidence                              open the interactive explorer
  evidence reports                      list the reports in the evidence base
  evidence themes --json                the themes, with passage counts, as JSON
  evidence show buddying-review         a report and all its passages
  evidence show buddying-review/7       one passage with its citation
  evidence search buddying costs        passages on buddying and its costs
  evidence search '\"due diligence\" -merger' --theme governance --json
  evidence related buddying-review/7    passages most like that one
  evidence export buddying costs --out notes.md   those passages, cited, as markdown
  evidence export --ids buddying-review/2,big-med --format csv
  evidence check --corpus ./my-corpus   list every problem in a corpus folder
  evidence init ./my-corpus             copy the bundled corpus out to add your own files
  evidence import notes.md --into ./my-corpus --theme mergers";

/// Explore the evidence base of the Dalton review (2014) of NHS provider
/// organisation: search, read, compare and export its reports' key passages.
#[derive(Debug, Parser)]
#[command(name = "evidence", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Use the corpus in this folder instead of the bundled one.
    #[arg(long, global = true, env = "EVIDENCE_CORPUS", value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Keep the search index in this folder.
    #[arg(long, global = true, env = "EVIDENCE_INDEX_DIR", value_name = "DIR")]
    pub index_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The query and filters shared by `search` and `export`.
#[derive(Debug, Args, Clone)]
pub struct QueryArgs {
    /// Only these reports (repeatable).
    #[arg(long = "report", value_name = "ID")]
    pub reports: Vec<String>,
    /// Only passages with any of these themes (repeatable).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Leave out these reports (repeatable).
    #[arg(long = "not-report", value_name = "ID")]
    pub not_reports: Vec<String>,
    /// Leave out passages with these themes (repeatable).
    #[arg(long = "not-theme", value_name = "ID")]
    pub not_themes: Vec<String>,
    /// At most this many passages.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
}

impl QueryArgs {
    pub fn filters(&self) -> Filters {
        let split = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.split(','))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        Filters {
            reports: split(&self.reports),
            not_reports: split(&self.not_reports),
            themes: split(&self.themes),
            not_themes: split(&self.not_themes),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search passages: words are ANDed; "phrase", -word, OR, prefix*, report:ID theme:ID org:"…" year:2014.
    Search {
        /// The query (quote it in the shell when it has spaces or quotes).
        query: Vec<String>,
        #[command(flatten)]
        args: QueryArgs,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Passages most like a given one, from other reports first.
    Related {
        /// A passage id such as `buddying-review/7`.
        id: String,
        /// At most this many passages.
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Export passages with their citations as markdown, JSON or CSV: the hits of
    /// a search (as for `search`), or the passages and reports given with --ids.
    Export {
        /// The query (as for `search`).
        query: Vec<String>,
        /// Passage or report ids to export instead of searching (repeatable, comma-separated;
        /// not with a query, filters or --limit).
        #[arg(long, value_name = "ID,…", conflicts_with_all = ["query", "reports", "themes", "not_reports", "not_themes", "limit"])]
        ids: Vec<String>,
        #[command(flatten)]
        args: QueryArgs,
        /// The format to write.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to this file instead of stdout (`-` is stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Build (if needed) and describe the search index.
    Index {
        /// Build a new index even if the current one is fresh.
        #[arg(long)]
        rebuild: bool,
        /// Check every index file's checksum, rebuilding if any is damaged.
        #[arg(long)]
        verify: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List the reports.
    Reports(JsonFlag),
    /// List the themes with how many passages and reports carry each.
    Themes(JsonFlag),
    /// Show a report (by id) or one passage (report-id/passage-id) with its citation.
    Show {
        /// A report id such as `big-med`, or a passage id such as `big-med/4`.
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Check a corpus strictly: list every problem as path:line: message.
    Check(JsonFlag),
    /// Write the bundled corpus out to a folder, to add your own documents beside it.
    Init {
        /// The folder to write (created if missing; a bundled file already there is only replaced with --force).
        dir: PathBuf,
        /// Replace the bundled files already in DIR (other files there are left alone).
        #[arg(long)]
        force: bool,
    },
    /// Copy plain documents into a corpus folder with generated front matter.
    Import {
        /// Markdown or text files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The corpus folder to copy them into (it must exist).
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// Title (default: the first `# ` heading, else the first line).
        #[arg(long)]
        title: Option<String>,
        /// The organisation that published the document.
        #[arg(long)]
        organisation: Option<String>,
        /// Publication date: 2014, 2014-09 or 2014-09-30.
        #[arg(long)]
        published: Option<String>,
        /// A theme for every passage (repeatable; must be in the folder's themes.toml).
        #[arg(long = "theme", value_name = "ID")]
        themes: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown: quotes, citations and a reference list.
    #[value(alias = "markdown")]
    Md,
    /// JSON: every excerpt with its citation as an object.
    Json,
    /// CSV (RFC 4180): one row per excerpt.
    Csv,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
        }
    }
}

/// Lets a query word start with `-` on the command line: after `search` or
/// `export`, an argument like `-buddying` (which no flag of theirs looks like)
/// is passed on with a minus sign (U+2212), which the query language reads as
/// an exclusion too, instead of being refused as an unknown flag.
pub fn protect_exclusions(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut in_query_command = false;
    let mut skip_value = false;
    for (i, arg) in args.into_iter().enumerate() {
        let text = arg.to_string_lossy().into_owned();
        if i == 0 || skip_value {
            skip_value = false;
            out.push(arg);
            continue;
        }
        if !in_query_command {
            // Global options with a value come before the subcommand.
            skip_value = matches!(text.as_str(), "--corpus" | "--index-dir");
            in_query_command = matches!(text.as_str(), "search" | "export");
            out.push(arg);
            continue;
        }
        if text == "--" {
            in_query_command = false;
            out.push(arg);
            continue;
        }
        let looks_like_word = text.starts_with('-')
            && text.len() > 1
            && !text.starts_with("--")
            && text != "-h"
            && !text[1..].starts_with(|c: char| c.is_ascii_digit());
        if looks_like_word {
            out.push(format!("\u{2212}{}", &text[1..]).into());
        } else {
            out.push(arg);
        }
    }
    out
}

/// The query words as one query, with the exclusions [`protect_exclusions`]
/// passed on given back their `-`.
pub fn query_text(words: &[String]) -> String {
    words
        .iter()
        .map(|w| match w.strip_prefix('\u{2212}') {
            Some(rest) => format!("-{rest}"),
            None => w.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a successful command ended: with results or with none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
    /// Ran, but found problems (exit 2 without an error message).
    Problems,
}

/// Terminal styling, enabled only on a terminal without NO_COLOR.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub enabled: bool,
}

impl Paint {
    pub fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Paint {
            enabled: io::stdout().is_terminal() && !no_color,
        }
    }
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn accent(&self, s: &str) -> String {
        self.wrap("36", s)
    }
    pub fn highlight(&self, s: &str) -> String {
        self.wrap("1;33", s)
    }
}

/// Prints problems found while loading as warnings, one line each.
pub fn warn_problems(corpus: &Corpus) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &corpus.problems {
        let skipped = if p.fatal { " (file skipped)" } else { "" };
        let _ = writeln!(err, "evidence: warning: {p}{skipped}");
    }
}

/// Loads the corpus the flags name: `--corpus`/EVIDENCE_CORPUS or the bundled one.
pub fn load_corpus(dir: Option<&PathBuf>) -> Result<Corpus> {
    Ok(Corpus::load(&CorpusSource::chosen(
        dir.map(PathBuf::as_path),
    )?))
}

/// The corpus for `show`, `reports` and `themes`. A fresh index's catalog
/// gives it without reading any report (`show` then reads the one it shows);
/// without a fresh index every file is read, and no index is built just to
/// list or show.
fn recorded_or_loaded(cli: &Cli) -> Result<Corpus> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    Ok(Index::recorded_corpus(&source, cli.index_dir.as_deref())
        .unwrap_or_else(|| Corpus::load(&source)))
}

/// Runs a subcommand, writing to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let paint = Paint::for_stdout();
    match command {
        Command::Check(flag) => {
            let corpus = load_corpus(cli.corpus.as_ref())?;
            check(&corpus, flag.json, out)
        }
        Command::Init { dir, force } => {
            let written = if *force {
                corpus::write_bundled_over(dir)?
            } else {
                corpus::write_bundled(dir)?
            };
            writeln!(
                out,
                "wrote {} files to {}; use it with: evidence --corpus {}",
                written.len(),
                dir.display(),
                dir.display()
            )?;
            Ok(Outcome::Found)
        }
        Command::Import {
            files,
            into,
            title,
            organisation,
            published,
            themes,
        } => {
            if title.is_some() && files.len() > 1 {
                return Err(Error::InvalidInput(
                    "--title names one document; import files one at a time to give each a title"
                        .into(),
                )
                .into());
            }
            let opts = ImportOptions {
                title: title.clone(),
                organisation: organisation.clone(),
                published: published.clone(),
                themes: themes.clone(),
            };
            for (id, path) in corpus::import_files(files, into, &opts)? {
                writeln!(out, "imported {id} -> {}", path.display())?;
            }
            Ok(Outcome::Found)
        }
        Command::Reports(flag) => {
            let corpus = recorded_or_loaded(cli)?;
            warn_problems(&corpus);
            reports(&corpus, flag.json, paint, out)
        }
        Command::Themes(flag) => {
            let corpus = recorded_or_loaded(cli)?;
            warn_problems(&corpus);
            themes(&corpus, flag.json, paint, out)
        }
        Command::Search { query, args, json } => {
            let index = open_index(cli, false, false)?;
            let request = SearchRequest {
                query: query_text(query),
                filters: args.filters(),
                limit: args.limit,
            };
            let results = index.search(&request)?;
            if json.json {
                write_json(out, &search_json(index, &request, &results))?;
            } else {
                search_text(index, &results, paint, out)?;
            }
            Ok(if results.total == 0 {
                Outcome::NothingFound
            } else {
                Outcome::Found
            })
        }
        Command::Related { id, limit, json } => {
            let index = open_index(cli, false, false)?;
            if let Some(r) = index.corpus().report(id) {
                let example = r
                    .passages
                    .one(0)
                    .map_or_else(|| format!("{id}/1"), |p| p.id.clone());
                return Err(Error::InvalidInput(format!(
                    "`{id}` is a report; `related` needs a passage id such as `{example}`"
                ))
                .into());
            }
            let hits = index.related(id, *limit)?;
            if json.json {
                let list: Vec<Value> = hits
                    .iter()
                    .filter_map(|h| {
                        let (r, p) = index.passage(h.ord)?;
                        let mut v = passage_json(r, p);
                        v["score"] = json!(h.score);
                        Some(v)
                    })
                    .collect();
                write_json(out, &json!({ "id": id, "related": list }))?;
            } else {
                for (i, h) in hits.iter().enumerate() {
                    if let Some((r, p)) = index.passage(h.ord) {
                        hit_text(i + 1, r, p, &[], paint, out)?;
                    }
                }
            }
            Ok(if hits.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            })
        }
        Command::Index {
            rebuild,
            verify,
            json,
        } => {
            let started = std::time::Instant::now();
            let index = open_index(cli, *rebuild, *verify)?;
            let info = index.info();
            let path = info
                .path
                .as_ref()
                .map_or("(in memory)".to_string(), |p| p.display().to_string());
            let took = info.build_time.unwrap_or_else(|| started.elapsed());
            if json.json {
                write_json(
                    out,
                    &json!({
                        "passages": info.passages,
                        "built": info.built,
                        "took_ms": took.as_secs_f64() * 1000.0,
                        "size_bytes": info.size_bytes,
                        "path": info.path,
                        "notes": info.notes,
                    }),
                )?;
            } else {
                writeln!(
                    out,
                    "{} {} passages in {:.1} ms; {} on disk; {}",
                    if info.built {
                        "indexed"
                    } else {
                        "index is current:"
                    },
                    info.passages,
                    took.as_secs_f64() * 1000.0,
                    human_size(info.size_bytes),
                    path
                )?;
            }
            Ok(Outcome::Found)
        }
        Command::Export {
            query,
            ids,
            args,
            format,
            out: target,
            force,
        } => export_command(cli, query, ids, args, *format, target.as_ref(), *force, out),
        Command::Show { id, json } => {
            let corpus = recorded_or_loaded(cli)?;
            warn_problems(&corpus);
            show(&corpus, id, json.json, paint, out)
        }
    }
}

/// A report as JSON, with every key present.
pub fn report_json(corpus: &Corpus, r: &Report) -> Value {
    json!({
        "id": r.id,
        "title": r.title,
        "short_title": r.short_title,
        "organisation": r.organisation,
        "authors": r.authors,
        "published": r.published,
        "kind": r.kind.as_str(),
        "passage_count": r.passages.count(),
        "theme_ids": corpus.report_theme_ids(r),
    })
}

/// A passage as JSON, with its report's details and citation.
pub fn passage_json(r: &Report, p: &Passage) -> Value {
    json!({
        "id": p.id,
        "report_id": r.id,
        "report_title": r.title,
        "organisation": r.organisation,
        "authors": r.authors,
        "published": r.published,
        "section": p.section,
        "themes": p.themes,
        "text": p.text,
        "citation": r.cite(p).to_string(),
    })
}

fn write_json(out: &mut dyn Write, value: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn reports(
    corpus: &Corpus,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if json {
        let list: Vec<Value> = corpus
            .reports
            .iter()
            .map(|r| report_json(corpus, r))
            .collect();
        write_json(out, &json!({ "reports": list }))?;
    } else {
        let id_w = widest(corpus.reports.iter().map(|r| r.id.as_str()));
        for r in &corpus.reports {
            let by = r.attribution().unwrap_or_default();
            writeln!(
                out,
                "{}  {}  {}",
                paint.accent(&format!("{:<id_w$}", r.id)),
                paint.bold(&r.title),
                paint.dim(&format!(
                    "({}{}{}; {})",
                    by,
                    if by.is_empty() { "" } else { ", " },
                    r.date_label(),
                    plural(r.passages.count(), "passage")
                ))
            )?;
        }
    }
    Ok(if corpus.reports.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn themes(
    corpus: &Corpus,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let totals = corpus.theme_totals();
    if json {
        let list: Vec<Value> = corpus
            .themes
            .iter()
            .zip(&totals)
            .map(|(t, &(passages, reports))| {
                json!({
                    "id": t.id,
                    "label": t.label,
                    "description": t.description,
                    "passage_count": passages,
                    "report_count": reports,
                })
            })
            .collect();
        write_json(out, &json!({ "themes": list }))?;
    } else {
        let id_w = widest(corpus.themes.iter().map(|t| t.id.as_str()));
        for (t, &(passages, reports)) in corpus.themes.iter().zip(&totals) {
            writeln!(
                out,
                "{}  {}  {}",
                paint.accent(&format!("{:<id_w$}", t.id)),
                paint.bold(&t.label),
                paint.dim(&format!(
                    "({} in {})",
                    plural(passages, "passage"),
                    plural(reports, "report")
                ))
            )?;
            writeln!(out, "{:id_w$}  {}", "", t.description)?;
        }
    }
    Ok(if corpus.themes.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn show(
    corpus: &Corpus,
    id: &str,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if let Some((r, p)) = corpus.passage(id) {
        if json {
            write_json(out, &json!({ "passage": passage_json(r, p) }))?;
        } else {
            writeln!(out, "{}", paint.bold(&r.title))?;
            if let Some(s) = &p.section {
                writeln!(out, "{}", paint.dim(s))?;
            }
            writeln!(out)?;
            writeln!(out, "{}", p.text)?;
            writeln!(out)?;
            if !p.themes.is_empty() {
                writeln!(out, "{} {}", paint.dim("themes:"), p.themes.join(", "))?;
            }
            writeln!(out, "{} {}", paint.dim("cite:"), r.cite(p))?;
        }
        return Ok(Outcome::Found);
    }
    let Some(r) = corpus.report(id) else {
        return Err(Error::UnknownId(id.to_string()).into());
    };
    if json {
        let passages: Vec<Value> = r.passages.iter().map(|p| passage_json(r, p)).collect();
        let mut report = report_json(corpus, r);
        report["key_sections"] = json!(r.key_sections);
        write_json(out, &json!({ "report": report, "passages": passages }))?;
        return Ok(Outcome::Found);
    }
    writeln!(out, "{}", paint.bold(&r.title))?;
    let mut meta = r.byline();
    meta.push(r.kind.as_str().to_string());
    writeln!(out, "{}", paint.dim(&meta.join(" · ")))?;
    let mut section: Option<&str> = None;
    for p in &r.passages {
        if p.section.as_deref() != section {
            section = p.section.as_deref();
            if let Some(s) = section {
                writeln!(out)?;
                writeln!(out, "{}", paint.bold(&format!("## {s}")))?;
            }
        }
        writeln!(out)?;
        writeln!(out, "{} {}", paint.accent(&format!("[{}]", p.id)), p.text)?;
    }
    Ok(Outcome::Found)
}

fn check(corpus: &Corpus, json: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let without_theme = corpus
        .passages()
        .filter(|(_, p)| p.themes.is_empty())
        .count();
    if json {
        let problems: Vec<Value> = corpus
            .problems
            .iter()
            .map(
                |p| json!({"path": p.path, "line": p.line, "message": p.message, "fatal": p.fatal}),
            )
            .collect();
        write_json(
            out,
            &json!({
                "problems": problems,
                "reports": corpus.reports.len(),
                "passages": corpus.passage_count(),
                "themes": corpus.themes.len(),
                "passages_without_theme": without_theme,
            }),
        )?;
    } else {
        for p in &corpus.problems {
            writeln!(out, "{p}")?;
        }
        writeln!(
            out,
            "{}, {}, {}, {} without a theme; {}",
            plural(corpus.reports.len(), "report"),
            plural(corpus.passage_count(), "passage"),
            plural(corpus.themes.len(), "theme"),
            plural(without_theme, "passage"),
            plural(corpus.problems.len(), "problem"),
        )?;
    }
    Ok(if corpus.problems.is_empty() {
        Outcome::Found
    } else {
        Outcome::Problems
    })
}

/// The width of the widest of some ids, for aligning a column.
fn widest<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|id| id.chars().count()).max().unwrap_or(0)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// Opens the index for the command line: warnings and notes on stderr, and a
/// progress bar there when it is a terminal and a build is needed.
///
/// The index lives until the process ends, which is soon: a command runs
/// once, and freeing the tables of thousands of reports at its end would
/// only delay the exit (by about a millisecond at 100 MB).
pub fn open_index(cli: &Cli, rebuild: bool, verify: bool) -> Result<&'static Index> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let options = OpenOptions {
        dir: cli.index_dir.clone(),
        rebuild,
        verify,
        threads: None,
    };
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("indexing {bar:30} {percent:>3}%")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Some(bar)
    } else {
        None
    };
    let progress = |done: u64, total: u64| {
        if let Some(bar) = &bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let index = Index::open_source(&source, &options, &progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    warn_problems(index.corpus());
    for note in &index.info().notes {
        let _ = writeln!(io::stderr(), "evidence: note: {note}");
    }
    Ok(Box::leak(Box::new(index)))
}

/// The `search --json` document.
pub fn search_json(index: &Index, request: &SearchRequest, results: &SearchResults) -> Value {
    let hits: Vec<Value> = results
        .hits
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let (r, p) = index.passage(h.ord)?;
            Some(json!({
                "rank": i + 1,
                "id": p.id,
                "report_id": r.id,
                "report_title": r.title,
                "organisation": r.organisation,
                "published": r.published,
                "section": p.section,
                "themes": p.themes,
                "score": h.score,
                "text": p.text,
                "highlights": h.highlights.iter().map(|&(a, b)| json!([a, b])).collect::<Vec<_>>(),
            }))
        })
        .collect();
    let reports: serde_json::Map<String, Value> = results
        .facets
        .reports
        .iter()
        .map(|(id, n)| (id.clone(), json!(n)))
        .collect();
    let themes: serde_json::Map<String, Value> = results
        .facets
        .themes
        .iter()
        .map(|(id, n)| (id.clone(), json!(n)))
        .collect();
    json!({
        "query": request.query,
        "total": results.total,
        "took_ms": results.took.as_secs_f64() * 1000.0,
        "notes": results.notes,
        "hits": hits,
        "facets": { "reports": reports, "themes": themes },
    })
}

/// Paints a text's highlighted byte ranges.
fn painted(text: &str, highlights: &[(usize, usize)], paint: Paint) -> String {
    search::snippet::pieces(text, highlights)
        .into_iter()
        .map(|piece @ (a, b)| {
            if search::snippet::covered(piece, highlights) {
                paint.highlight(&text[a..b])
            } else {
                text[a..b].to_string()
            }
        })
        .collect()
}

fn hit_text(
    rank: usize,
    r: &Report,
    p: &Passage,
    highlights: &[(usize, usize)],
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let section = p
        .section
        .as_deref()
        .map(|s| format!(" — {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{:>3}. {}{}  {}",
        rank,
        paint.bold(&r.title),
        paint.dim(&section),
        paint.accent(&format!("[{}]", p.id))
    )?;
    let snip = search::snippet::snippet(&p.text, highlights, 240);
    writeln!(out, "     {}", painted(&snip.text, &snip.highlights, paint))?;
    writeln!(out)
}

fn search_text(
    index: &Index,
    results: &SearchResults,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    for note in &results.notes {
        writeln!(out, "{} {note}", paint.dim("note:"))?;
    }
    if !results.notes.is_empty() {
        writeln!(out)?;
    }
    for (i, h) in results.hits.iter().enumerate() {
        if let Some((r, p)) = index.passage(h.ord) {
            hit_text(i + 1, r, p, &h.highlights, paint, out)?;
        }
    }
    writeln!(
        out,
        "{} of {} passages shown ({:.1} ms)",
        results.hits.len(),
        results.total,
        results.took.as_secs_f64() * 1000.0
    )?;
    let facet_line = |items: &[(String, usize)]| {
        items
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(id, n)| format!("{id} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    writeln!(
        out,
        "{} {}",
        paint.dim("reports:"),
        facet_line(&results.facets.reports)
    )?;
    writeln!(
        out,
        "{} {}",
        paint.dim("themes:"),
        facet_line(&results.facets.themes)
    )
}

/// `evidence export`: collects the excerpts (given ids, else search hits),
/// renders them and writes them to stdout or a file. Nothing is written when
/// nothing matched.
#[allow(clippy::too_many_arguments)]
fn export_command(
    cli: &Cli,
    query: &[String],
    ids: &[String],
    args: &QueryArgs,
    format: ExportFormat,
    target: Option<&PathBuf>,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let given = ids;
    let ids: Vec<&str> = given
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    // `--ids ''` (an empty variable, say) must not export the whole corpus.
    if ids.is_empty() && !given.is_empty() {
        return Err(Error::InvalidInput(
            "--ids names no passage or report; give ids such as big-med/4 or big-med".into(),
        )
        .into());
    }
    let index = open_index(cli, false, false)?;
    let corpus = index.corpus();
    let today = evidence::date::today();
    let query = query_text(query);
    let mut meta = ExportMeta {
        title: String::new(),
        date: today.clone(),
        queries: Vec::new(),
        filters: Vec::new(),
    };
    let mut excerpts: Vec<Excerpt> = Vec::new();
    let mut push = |r: &Report, p: &Passage| {
        if !excerpts.iter().any(|e| e.passage_id == p.id) {
            excerpts.push(Excerpt::new(r, p, &today));
        }
    };
    // How many passages the search matched, when --limit left some out.
    let mut matched = None;
    if ids.is_empty() {
        let request = SearchRequest {
            query: query.clone(),
            filters: args.filters(),
            limit: args.limit,
        };
        let results = index.search(&request)?;
        for note in &results.notes {
            let _ = writeln!(io::stderr(), "evidence: note: {note}");
        }
        for h in &results.hits {
            if let Some((r, p)) = index.passage(h.ord) {
                push(r, p);
            }
        }
        if results.total > results.hits.len() {
            matched = Some(results.total);
        }
        if !query.trim().is_empty() {
            meta.queries.push(query.trim().to_string());
        }
        let f = &request.filters;
        for (label, list) in [
            ("report", &f.reports),
            ("theme", &f.themes),
            ("not report", &f.not_reports),
            ("not theme", &f.not_themes),
        ] {
            meta.filters
                .extend(list.iter().map(|id| format!("{label}: {id}")));
        }
    } else {
        for id in &ids {
            if let Some((r, p)) = corpus.passage(id) {
                push(r, p);
            } else if let Some(r) = corpus.report(id) {
                for p in &r.passages {
                    push(r, p);
                }
            } else {
                return Err(Error::UnknownId((*id).to_string()).into());
            }
        }
        meta.filters.push(format!("ids: {}", ids.join(", ")));
    }
    if excerpts.is_empty() {
        let why = match matched {
            Some(total) => format!("{} matched, but --limit is 0", plural(total, "passage")),
            None => "no passage matched".to_string(),
        };
        let _ = writeln!(io::stderr(), "evidence: nothing to export: {why}");
        return Ok(Outcome::NothingFound);
    }
    meta.title = export::default_title(&excerpts);
    let n = excerpts.len();
    // "20 excerpts", or "20 of 180 matching excerpts" when --limit cut the hits.
    let (count, more) = match matched {
        Some(total) => (
            format!("{n} of {total} matching excerpts"),
            " (--limit N for more)",
        ),
        None => (plural(n, "excerpt"), ""),
    };
    let text = Format::from(format).render(&excerpts, &meta);
    match target.filter(|t| t.as_os_str() != "-") {
        None => {
            out.write_all(text.as_bytes())?;
            if matched.is_some() {
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
            let written = export::write_output(target, text.as_bytes(), force)?;
            let shown = match &written {
                Written::File(p) | Written::Device(p) => p.display().to_string(),
                Written::Stdout => "stdout".to_string(),
            };
            let _ = writeln!(io::stderr(), "evidence: wrote {count} to {shown}{more}");
        }
    }
    Ok(Outcome::Found)
}
