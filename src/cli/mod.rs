//! The command line: the clap types, and each subcommand's plain and JSON
//! output. The library does the work; this module parses, calls it and
//! prints.
//!
//! Conventions (as ripgrep's): results on stdout, one-line errors and warnings
//! on stderr, exit status 0 when something was found, 1 when nothing was, 2 on
//! error; a closed pipe ends output quietly; colour only on a terminal without
//! NO_COLOR. JSON documents are the library's [`evidence::json`] types.
//!
//! One file a family: [`args`] (flags several commands share, and reading
//! the query words), `paint` (colour), `corpus` (reports, themes, show,
//! check, init, import), `search` (search, related, index), `kwic` (kwic,
//! collocates), `export`, `basket` (the workspace's basket: list, add, rm,
//! clear), `history` (the workspace's history and saved searches), `verify`,
//! `workspaces`, and `generate` (shell completions and the man page).

pub mod args;
mod basket;
mod compare;
mod corpus;
mod export;
mod generate;
mod history;
mod kwic;
mod map;
mod paint;
mod search;
mod verify;
mod workspaces;

pub use args::{protect_exclusions, query_text};
pub use search::merge_pending;

use args::{
    BasketArgs, CheckArgs, ExportArgs, HistoryArgs, ImportArgs, IndexArgs, JsonFlag, MapArgs,
    QueryArgs, SavedArgs, WorkspacesArgs,
};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

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
  evidence kwic merger --sort left      every form of merger in its context
  evidence collocates merger --json     the words found most near merger
  evidence export buddying costs --out notes.md   those passages, cited, as markdown
  evidence export --ids buddying-review/2,big-med --format csv
  evidence basket add buddying-review/2 big-med   a passage, and every passage of a report
  evidence basket                       the basket: excerpts, notes, what changed
  evidence export --basket --out notes.md   the basket with your notes, cited
  evidence saved add costs buddying costs --theme finance-scale   save a search as `costs`
  evidence search --saved costs         run it again
  evidence history --limit 10           the last ten searches run
  evidence check --corpus ./my-corpus   list every problem in a corpus folder
  evidence init ./my-corpus             copy the bundled corpus out to add your own files
  evidence import report.pdf notes.docx page.html --into ./my-corpus
  evidence import notes.md --into ./my-corpus --theme mergers
  evidence workspaces                   the workspaces, each with its corpus and basket
  evidence --workspace thesis           the explorer, in the workspace named thesis";

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

    /// Work in this named workspace (its own basket) instead of the corpus's.
    #[arg(long, global = true, env = "EVIDENCE_WORKSPACE", value_name = "NAME")]
    pub workspace: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search passages: words are ANDed; "phrase", =word, -word (or NOT word), OR, prefix*, report:ID theme:ID org:"…" year:2014; a question in your own words.
    Search {
        /// The query (quote it in the shell when it has spaces or quotes).
        query: Vec<String>,
        #[command(flatten)]
        args: QueryArgs,
        #[command(flatten)]
        json: JsonFlag,
        /// With --json, leave out of the facets the reports and themes that
        /// no matching passage is in (for corpora of thousands of reports).
        #[arg(long, requires = "json")]
        nonzero_facets: bool,
    },
    /// The evidence map: how many passages matching the query (or all of
    /// them) each report has on each theme, with totals; as a table, CSV or
    /// JSON.
    Map(MapArgs),
    /// Words in context: every occurrence of the query's words (in any of
    /// their forms), aligned, with its report and passage.
    Kwic(kwic::KwicArgs),
    /// The words found most within a few words of the query's matches, with
    /// their log-likelihood score.
    Collocates(kwic::CollocatesArgs),
    /// Several reports' key messages one after another, or what each report
    /// says on a theme (the explorer's compare screen).
    Compare(compare::CompareArgs),
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
    /// a search (as for `search`), the passages and reports given with --ids, or
    /// the basket with --basket.
    Export(ExportArgs),
    /// The workspace's basket (as the explorer's): list it, or add, take out
    /// or clear excerpts from the command line.
    Basket(BasketArgs),
    /// The workspace's search history (the explorer's and the command
    /// line's searches), oldest first; or clear it.
    History(HistoryArgs),
    /// The workspace's saved searches, with how many passages each finds
    /// now; or add or take one out.
    Saved(SavedArgs),
    /// Build (if needed) and describe the search index.
    Index(IndexArgs),
    /// Print references for reports or passages (a passage cites its report), with
    /// the evidence pack for the reports it summarises.
    Cite {
        /// Report ids (`big-med`) or passage ids (`big-med/4`).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// The format to write.
        #[arg(long, value_enum, default_value_t = args::CiteFormat::Bibtex)]
        format: args::CiteFormat,
    },
    /// Check a document's quotations against the passages they cite: verified,
    /// changed, misquoted, wrong source, wrong locator or gone (and uncited quotes
    /// found or not).
    Verify {
        /// Markdown documents: an export, or a briefing written from one.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List the reports.
    Reports(JsonFlag),
    /// List the themes with how many passages and reports carry each; with
    /// a theme id, its whole codebook entry.
    Themes {
        /// A theme id such as `buddying`: its definition, what it includes
        /// and excludes, and its example passages.
        id: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a report (by id) or one passage (report-id/passage-id) with its citation.
    Show {
        /// A report id such as `big-med`, or a passage id such as `big-med/4`.
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Check a corpus strictly: list every problem as path:line: message; errors fail, warnings do not (unless --deny-warnings).
    Check(CheckArgs),
    /// Write the bundled corpus out to a folder, to add your own documents beside it.
    Init {
        /// The folder to write (created if missing; a bundled file already there is only replaced with --force).
        dir: PathBuf,
        /// Replace the bundled files already in DIR (other files there are left alone).
        #[arg(long)]
        force: bool,
    },
    /// Import PDFs, Word documents, web pages and markdown into a corpus folder as reports.
    Import(ImportArgs),
    /// List the workspaces (each corpus's, and named ones) with their corpus
    /// and basket; or attach one to a corpus folder.
    Workspaces(WorkspacesArgs),
    /// Print a shell completion script (see the README for where it goes).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    Man,
}

/// How a successful command ended: with results or with none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
    /// Ran, but found problems (exit 2 without an error message).
    Problems,
}

impl Outcome {
    /// Found when there is something, else nothing found.
    fn of(found: bool) -> Self {
        if found {
            Outcome::Found
        } else {
            Outcome::NothingFound
        }
    }
}

/// Runs a subcommand, writing to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let paint = paint::Paint::for_stdout();
    match command {
        Command::Check(args) => corpus::check(cli, args.json.json, args.deny_warnings, out),
        Command::Init { dir, force } => corpus::init(dir, *force, out),
        Command::Import(args) => corpus::import(args, out),
        Command::Reports(flag) => corpus::reports(cli, flag.json, paint, out),
        Command::Themes { id: None, json } => corpus::themes(cli, json.json, paint, out),
        Command::Themes { id: Some(id), json } => corpus::theme(cli, id, json.json, paint, out),
        Command::Show { id, json } => {
            corpus::show(cli, &args::id_as_written(id), json.json, paint, out)
        }
        Command::Search {
            query,
            args,
            json,
            nonzero_facets,
        } => {
            let shape = search::Shape {
                json: json.json,
                nonzero_facets: *nonzero_facets,
            };
            search::search(cli, &query_text(query), args, shape, paint, out)
        }
        Command::Map(args) => map::map(cli, args, paint, out),
        Command::Compare(args) => compare::compare(cli, args, paint, out),
        Command::Kwic(args) => kwic::kwic(cli, args, paint, out),
        Command::Collocates(args) => kwic::collocates(cli, args, paint, out),
        Command::Related { id, limit, json } => {
            search::related(cli, &args::id_as_written(id), *limit, json.json, paint, out)
        }
        Command::Index(args) => search::index(cli, args, out),
        Command::Export(args) => export::export(cli, args, out),
        Command::Basket(args) => basket::basket(cli, args, paint, out),
        Command::History(args) => history::history(cli, args, paint, out),
        Command::Saved(args) => history::saved(cli, args, paint, out),
        Command::Cite { ids, format } => corpus::cite(cli, ids, (*format).into(), out),
        Command::Verify { files, json } => verify::verify(cli, files, json.json, paint, out),
        Command::Workspaces(args) => workspaces::workspaces(cli, args, paint, out),
        Command::Completions { shell } => generate::completions(*shell, out),
        Command::Man => generate::man(out),
    }
}

/// Where the index of `source` is kept, as the options say: `--index-dir`,
/// or the repository's `./index/` when run from it on the bundled corpus.
pub fn open_options(cli: &Cli) -> evidence::search::OpenOptions {
    evidence::search::OpenOptions {
        dir: cli.index_dir.clone(),
        repository: crate::repository_index(),
        ..Default::default()
    }
}

/// Writes a JSON document, pretty-printed, and a line end.
/// `text` padded with spaces to `cols` terminal columns (a CJK character
/// takes two), for names lined up in a column.
fn padded(text: &str, cols: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(cols.saturating_sub(text.width())))
}

/// The widest of some names, in terminal columns.
fn widest_cols<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    use unicode_width::UnicodeWidthStr;
    names.map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
