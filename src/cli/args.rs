//! Flags that several commands share, as clap `Args` structs, and reading the
//! query words off the command line.

use clap::Args;
use evidence::search::Filters;
use std::path::PathBuf;

/// The report and theme filters, shared by `search`, `export`, `saved add`,
/// `kwic` and `collocates`.
#[derive(Debug, Args, Clone)]
pub struct FilterArgs {
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
}

impl FilterArgs {
    pub fn filters(&self) -> Filters {
        Filters {
            reports: split_ids(&self.reports),
            not_reports: split_ids(&self.not_reports),
            themes: split_ids(&self.themes),
            not_themes: split_ids(&self.not_themes),
        }
    }
}

/// The query's filters and limit, shared by `search` and `export`.
#[derive(Debug, Args, Clone)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many passages.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Run the search saved under NAME (see `evidence saved`) instead of a
    /// query; filters given as well are added to its own.
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    pub saved: Option<String>,
}

impl QueryArgs {
    pub fn filters(&self) -> Filters {
        self.filter.filters()
    }
}

/// `map`'s flags.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// The query (as for `search`); none maps every passage.
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Map the search saved under NAME (see `evidence saved`) instead of a
    /// query; filters given as well are added to its own.
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    pub saved: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (a row per theme, a column per report, and the totals),
    /// for a spreadsheet.
    #[arg(long)]
    pub csv: bool,
}

/// `--json`.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `export`'s flags.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The query (as for `search`).
    pub query: Vec<String>,
    /// Passage or report ids to export instead of searching (repeatable, comma-separated;
    /// not with a query, filters or --limit).
    #[arg(long, value_name = "ID,…", conflicts_with_all = ["query", "reports", "themes", "not_reports", "not_themes", "limit", "saved"])]
    pub ids: Vec<String>,
    /// Export the workspace's basket instead of searching: its excerpts in the
    /// basket's order, with your notes (not with a query, --ids, filters or --limit).
    #[arg(long, conflicts_with_all = ["query", "ids", "reports", "themes", "not_reports", "not_themes", "limit", "saved"])]
    pub basket: bool,
    #[command(flatten)]
    pub args: QueryArgs,
    /// The format to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout (`-` is stdout).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
    /// Markdown whose citations a tool formats: `pandoc` cites each excerpt as
    /// `[@key, para. N]` (a bundled report `[@key; as summarised in @pack]`)
    /// and gives the works, for `pandoc --citeproc`.
    #[arg(long, value_enum, value_name = "TOOL")]
    pub cite: Option<CiteFor>,
    /// With --cite pandoc and --out NAME.md, the bibliography written beside it:
    /// NAME.json (CSL-JSON, the default) or NAME.bib (BibTeX).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub bibliography: Option<BibliographyFormat>,
    /// The citation style of a markdown export's citations and reference list
    /// (without it, the house format).
    #[arg(long, value_enum, value_name = "STYLE")]
    pub style: Option<StyleArg>,
    /// The export's title, its first heading (without it, "Evidence excerpts",
    /// or "Excerpts from the Dalton review evidence base" for the bundled reports').
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

impl ExportArgs {
    /// The title given, on one line; `None` when none was, or it was blank.
    pub fn title(&self) -> Option<String> {
        let title = self
            .title
            .as_deref()?
            .split_whitespace()
            .collect::<Vec<_>>();
        (!title.is_empty()).then(|| title.join(" "))
    }
}

/// The citation styles `export --style` formats in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StyleArg {
    /// APA, 7th edition.
    Apa,
    /// Harvard, as Cite Them Right has it.
    Harvard,
    /// Chicago author-date.
    Chicago,
    /// Vancouver (NLM): numbered.
    Vancouver,
}

impl From<StyleArg> for evidence::cite::Style {
    fn from(s: StyleArg) -> Self {
        use evidence::cite::Style;
        match s {
            StyleArg::Apa => Style::Apa,
            StyleArg::Harvard => Style::Harvard,
            StyleArg::Chicago => Style::Chicago,
            StyleArg::Vancouver => Style::Vancouver,
        }
    }
}

/// The tools `export --cite` writes citations for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFor {
    /// pandoc's citations, for `pandoc --citeproc`.
    Pandoc,
}

/// The bibliography file `export --cite pandoc --out` writes beside the markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BibliographyFormat {
    /// CSL-JSON (NAME.json), what citeproc reads natively.
    Json,
    /// BibTeX (NAME.bib), for LaTeX users' tools too.
    Bib,
}

impl From<BibliographyFormat> for evidence::cite::RefFormat {
    fn from(f: BibliographyFormat) -> Self {
        use evidence::cite::RefFormat;
        match f {
            BibliographyFormat::Json => RefFormat::CslJson,
            BibliographyFormat::Bib => RefFormat::Bibtex,
        }
    }
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
    /// BibTeX: the excerpts' works, one entry each, for LaTeX and pandoc.
    Bibtex,
    /// CSL-JSON: the excerpts' works, for pandoc, Zotero and CSL processors.
    #[value(name = "csl-json")]
    CslJson,
    /// RIS: the excerpts' works, for EndNote, Zotero, Mendeley and RefWorks.
    Ris,
}

impl ExportFormat {
    /// The format's name, as `--format` takes it.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    /// The reference format, when this is one: the works, not the excerpts.
    pub fn references(self) -> Option<evidence::cite::RefFormat> {
        use evidence::cite::RefFormat;
        match self {
            ExportFormat::Bibtex => Some(RefFormat::Bibtex),
            ExportFormat::CslJson => Some(RefFormat::CslJson),
            ExportFormat::Ris => Some(RefFormat::Ris),
            _ => None,
        }
    }
}

/// The formats `cite` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFormat {
    /// BibTeX, for LaTeX and pandoc.
    Bibtex,
    /// CSL-JSON, for pandoc, Zotero and CSL processors.
    #[value(name = "csl-json")]
    CslJson,
    /// RIS, for EndNote, Zotero, Mendeley and RefWorks.
    Ris,
}

impl From<CiteFormat> for evidence::cite::RefFormat {
    fn from(f: CiteFormat) -> Self {
        use evidence::cite::RefFormat;
        match f {
            CiteFormat::Bibtex => RefFormat::Bibtex,
            CiteFormat::CslJson => RefFormat::CslJson,
            CiteFormat::Ris => RefFormat::Ris,
        }
    }
}

impl From<ExportFormat> for evidence::export::Format {
    fn from(f: ExportFormat) -> Self {
        use evidence::export::Format;
        match f {
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
            // The reference formats are written from the works (see
            // `ExportFormat::references`); as excerpts they are markdown.
            ExportFormat::Bibtex | ExportFormat::CslJson | ExportFormat::Ris => Format::Markdown,
        }
    }
}

/// `index`'s flags.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Build a new index even if the current one is fresh.
    #[arg(long)]
    pub rebuild: bool,
    /// Check every index file's checksum, rebuilding if any is damaged.
    #[arg(long)]
    pub verify: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `workspaces`' flags and its one subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WorkspacesArgs {
    #[command(subcommand)]
    pub action: Option<WorkspacesAction>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// What `workspaces` can do besides listing.
#[derive(Debug, clap::Subcommand)]
pub enum WorkspacesAction {
    /// Make workspace NAME the one of the corpus folder given with --corpus
    /// (when the folder lost its `.evidence-workspace` file, say).
    Attach {
        /// The workspace, as `evidence workspaces` names it.
        name: String,
    },
}

/// `basket`'s flags and subcommands; without one, the basket is listed.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BasketArgs {
    #[command(subcommand)]
    pub action: Option<BasketAction>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// What `basket` can do: list, add, take out, update, empty.
#[derive(Debug, clap::Subcommand)]
pub enum BasketAction {
    /// The basket's excerpts in order, each with its report and first words,
    /// marked when it has a note or no longer matches the corpus (the default).
    List(JsonFlag),
    /// Add passages (`big-med/4`) or every passage of reports (`big-med`) at
    /// the end of the basket; nothing is added if any id is unknown.
    Add {
        /// Passage or report ids (comma-separated or separate).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Take excerpts out: by passage id, or every excerpt of a report; one
    /// with a note only with --yes.
    Rm {
        /// Passage or report ids (comma-separated or separate).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Take out excerpts that have a note too (their notes are lost).
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Give excerpts whose passage changed since they were collected the
    /// corpus's text now, notes and places kept (every such excerpt, or
    /// those of the ids given).
    Update {
        /// Passage or report ids (comma-separated or separate); none for
        /// every excerpt.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Empty the basket; when any excerpt has a note, only with --yes.
    Clear {
        /// Clear it even though notes would be lost.
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `history`'s flags.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only the N most recent searches.
    #[arg(long, value_name = "N", conflicts_with = "clear")]
    pub limit: Option<usize>,
    /// Empty the workspace's history (asks first on a terminal; off one, only with --yes).
    #[arg(long)]
    pub clear: bool,
    /// With --clear: do not ask.
    #[arg(long, requires = "clear")]
    pub yes: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `saved`'s flags and subcommands; without one, the saved searches are listed.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SavedArgs {
    #[command(subcommand)]
    pub action: Option<SavedAction>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// What `saved` can do: list, add, take out.
#[derive(Debug, clap::Subcommand)]
pub enum SavedAction {
    /// The saved searches, each with its query, filters and how many
    /// passages it finds now (the default).
    List(JsonFlag),
    /// Save a search under NAME (replacing one saved so before).
    Add {
        /// The name to save it under (quote it when it has spaces).
        name: String,
        /// The query (as for `search`).
        query: Vec<String>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Take out the search saved under NAME.
    Rm {
        /// The saved search's name.
        name: String,
    },
}

/// `import`'s flags.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Documents to import: .pdf, .docx, .html/.htm, .md, .txt, or folders of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The corpus folder to write them into (made if it does not exist).
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
    /// Title (default: the document's own, else its first heading, else its file name).
    #[arg(long)]
    pub title: Option<String>,
    /// The organisation that published the document.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Publication date: 2014, 2014-09 or 2014-09-30.
    #[arg(long)]
    pub published: Option<String>,
    /// A theme for every passage (repeatable; must be in the folder's themes.toml).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// The web address the document was published at (cited with the date of the import).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Import a changed document again (unchanged passages keep their ids), even
    /// over a report corrected by hand since (its previous version is kept beside it).
    #[arg(long)]
    pub force: bool,
}

/// `check`'s flags.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 2) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// Ids given to a repeatable flag, each of which may hold several separated
/// by commas: `--report a,b --report c`. Blanks are dropped.
pub fn split_ids(given: &[String]) -> Vec<String> {
    given
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(id_as_written)
        .collect()
}

/// An id as the corpus writes it: a report's id (before any `/`) is
/// lowercase letters, digits and hyphens, so `Big-Med/4` and `big_med`,
/// as people type them, are `big-med/4` and `big-med`. A passage's own
/// part is left as it is.
pub fn id_as_written(id: &str) -> String {
    let (report, rest) = id.split_once('/').map_or((id, None), |(r, p)| (r, Some(p)));
    let report = report.to_lowercase().replace('_', "-");
    match rest {
        Some(p) => format!("{report}/{p}"),
        None => report,
    }
}

/// Lets a query word start with `-` on the command line: after `search`,
/// `map`, `export`, `saved`, `kwic` or `collocates`, an argument like `-buddying`
/// (which no flag of theirs looks like)
/// is passed on with a minus sign (U+2212), which the query language reads as
/// an exclusion too, instead of being refused as an unknown flag. A single
/// letter (`-o`, `-n`) is left as it is: no query excludes a one-letter
/// word, and a user typing one means a flag, which is then either `export`'s
/// `-o` or refused as unknown, rather than searched.
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
            skip_value = matches!(text.as_str(), "--corpus" | "--index-dir" | "--workspace");
            in_query_command = matches!(
                text.as_str(),
                "search" | "map" | "export" | "saved" | "kwic" | "collocates"
            );
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
            && text.chars().count() > 2
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
