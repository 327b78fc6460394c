//! `kwic` (a concordance: every occurrence of the query's words, the match
//! in one column, its context either side, the report and passage at the
//! end of the line) and `collocates` (the words found most near the
//! matches), over the library's [`evidence::search::kwic`].

use super::args::{FilterArgs, query_text};
use super::paint::Paint;
use super::search::open_index;
use super::{Cli, Outcome, write_json};
use clap::Args;
use evidence::english::plural;
use evidence::json;
use evidence::search::kwic::{self, Collocate, CollocateSort, Occurrence, Sort};
use evidence::search::{Filters, Index};
use evidence::{Error, Result};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// `kwic`'s flags.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query (as for `search`).
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Columns of context either side of the match (at least 8).
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub width: usize,
    /// The order of the lines.
    #[arg(long, value_enum, default_value_t = SortArg::Report)]
    pub sort: SortArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `collocates`' flags.
#[derive(Debug, Args)]
pub struct CollocatesArgs {
    /// The query (as for `search`).
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count words up to N either side of a match (1 to 20).
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub window: usize,
    /// At most this many collocates.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub limit: usize,
    /// Order by count instead of score.
    #[arg(long)]
    pub by_count: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The orders `kwic --sort` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    /// Report order (corpus order).
    Report,
    /// By the first word to the left.
    Left,
    /// By the second word to the left.
    Left2,
    /// By the first word to the right.
    Right,
    /// By the second word to the right.
    Right2,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Report => Sort::Report,
            SortArg::Left => Sort::Left,
            SortArg::Left2 => Sort::Left2,
            SortArg::Right => Sort::Right,
            SortArg::Right2 => Sort::Right2,
        }
    }
}

/// Every occurrence of a query, sorted, with the concordance.
fn occurrences(
    index: &Index,
    query: &str,
    filters: &Filters,
) -> Result<(kwic::Concordance, Vec<Occurrence>)> {
    let concordance = index.concordance(query, filters)?;
    let all = index
        .all_occurrences(&concordance, &mut |_| true)
        .unwrap_or_default();
    Ok((concordance, all))
}

pub fn kwic(
    cli: &Cli,
    args: &KwicArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if args.width < kwic::MIN_WIDTH {
        return Err(Error::InvalidInput(format!(
            "--width {} is too narrow: give at least {} columns of context",
            args.width,
            kwic::MIN_WIDTH
        ))
        .into());
    }
    if args.width > kwic::MAX_WIDTH {
        return Err(Error::InvalidInput(format!(
            "--width {} is too wide: give at most {} columns of context",
            args.width,
            kwic::MAX_WIDTH
        ))
        .into());
    }
    let query = query_text(&args.query);
    let filters = args.filters.filters();
    let index = open_index(cli, false, false)?;
    let (concordance, mut all) = occurrences(index, &query, &filters)?;
    let sort = Sort::from(args.sort);
    index.sort_occurrences(&mut all, sort);
    let totals = index.totals(&all);
    let width = args.width;
    if args.json {
        let lines = all
            .iter()
            .filter_map(|o| {
                let (r, p) = index.passage(o.ord)?;
                let c = index.occurrence_context(o, width);
                Some(json::KwicLine {
                    passage_id: p.id.clone(),
                    report_id: r.id.clone(),
                    short_title: r.short_title.clone(),
                    left: c.left,
                    matched: c.matched,
                    right: c.right,
                    start: o.start,
                    end: o.end,
                    synonym_of: concordance.synonym_of(o).map(str::to_string),
                })
            })
            .collect();
        write_json(
            out,
            &json::Kwic {
                query,
                sort: sort.name().to_string(),
                width,
                notes: concordance.notes.clone(),
                occurrences: totals.occurrences,
                passages: totals.passages,
                reports: totals.reports,
                lines,
            },
        )?;
        return Ok(Outcome::of(!all.is_empty()));
    }
    for note in &concordance.notes {
        writeln!(out, "{} {note}", paint.dim("note:"))?;
    }
    writeln!(out, "{}", header(&totals, sort))?;
    // The match column is as wide as the widest match, so the right
    // contexts and the titles line up too.
    let match_width = all
        .iter()
        .map(|o| index.occurrence_context(o, 0).matched.width())
        .max()
        .unwrap_or(0);
    for o in &all {
        let Some((r, p)) = index.passage(o.ord) else {
            continue;
        };
        let c = index.occurrence_context(o, width);
        let pad = (match_width + width).saturating_sub(c.matched.width() + c.right.width());
        let synonym = concordance
            .synonym_of(o)
            .map(|s| format!("  (synonym of {s})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}{}{}{}  {}{}",
            c.left_aligned_to(width),
            paint.highlight(&c.matched),
            c.right,
            " ".repeat(pad),
            paint.dim(&format!("{} {}", r.short_title, p.id)),
            paint.dim(&synonym),
        )?;
    }
    Ok(Outcome::of(!all.is_empty()))
}

/// "37 occurrences in 20 passages of 3 reports, by the word to the left".
pub fn header(totals: &kwic::Totals, sort: Sort) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{} in {} of {}, {}",
        n(totals.occurrences, "occurrence", "occurrences"),
        n(totals.passages, "passage", "passages"),
        n(totals.reports, "report", "reports"),
        sort.describe()
    )
}

pub fn collocates(
    cli: &Cli,
    args: &CollocatesArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if args.window == 0 || args.window > kwic::MAX_WINDOW {
        return Err(Error::InvalidInput(format!(
            "--window {} is out of range: give 1 to {} words either side",
            args.window,
            kwic::MAX_WINDOW
        ))
        .into());
    }
    if args.limit == 0 {
        return Err(Error::InvalidInput(
            "--limit 0 would list no collocate: give 1 or more".to_string(),
        )
        .into());
    }
    let query = query_text(&args.query);
    let filters = args.filters.filters();
    let index = open_index(cli, false, false)?;
    let (concordance, all) = occurrences(index, &query, &filters)?;
    let mut found: Vec<Collocate> = index.collocates(&all, args.window);
    if args.by_count {
        kwic::sort_collocates(&mut found, CollocateSort::Count);
    }
    found.truncate(args.limit);
    if args.json {
        let collocates = found
            .iter()
            .map(|c| json::CollocateJson {
                word: c.word.clone(),
                stem: c.stem.clone(),
                count: c.count,
                passages: c.passages,
                corpus: c.corpus,
                score: (c.score * 100.0).round() / 100.0,
            })
            .collect();
        write_json(
            out,
            &json::Collocates {
                query,
                window: args.window,
                score: "log-likelihood (Dunning's G2)".to_string(),
                notes: concordance.notes.clone(),
                occurrences: all.len(),
                collocates,
            },
        )?;
        return Ok(Outcome::of(!found.is_empty()));
    }
    for note in &concordance.notes {
        writeln!(out, "{} {note}", paint.dim("note:"))?;
    }
    writeln!(
        out,
        "{} within {} of {}",
        paint.dim("collocates"),
        plural(args.window, "word"),
        plural(all.len(), "occurrence")
    )?;
    if found.is_empty() {
        // No table of nothing.
        if !all.is_empty() {
            writeln!(out, "no word is found near them")?;
        }
        return Ok(Outcome::NothingFound);
    }
    let word_width = found
        .iter()
        .map(|c| c.word.width())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{}",
        paint.dim(&format!(
            "{:<word_width$}  {:>6}  {:>8}  {:>9}",
            "word", "count", "passages", "log-lik."
        ))
    )?;
    for c in &found {
        let pad = word_width.saturating_sub(c.word.width());
        writeln!(
            out,
            "{}{}  {:>6}  {:>8}  {:>9.1}",
            c.word,
            " ".repeat(pad),
            c.count,
            c.passages,
            c.score
        )?;
    }
    Ok(Outcome::of(!found.is_empty()))
}
