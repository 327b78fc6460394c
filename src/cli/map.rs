//! `evidence map`: the evidence map of the explorer's `m` screen on the
//! command line (themes down, reports across, each cell the passages that
//! match the query and filters), with totals, as a table, CSV for a
//! spreadsheet, or JSON.
//!
//! The text table numbers its report columns and names them in a legend
//! below, so that it stays readable whatever the titles; a zero is shown
//! as `.`, so that the gaps in the evidence stand out.

use super::args::{MapArgs, query_text};
use super::paint::Paint;
use super::search::open_index;
use super::{Cli, Outcome, padded, widest_cols, write_json};
use evidence::json::{EvidenceMap, MapRow};
use evidence::search::Filters;
use std::io::Write;

/// The label of the row of passages without a theme (as the explorer's).
const NO_THEME: &str = evidence::json::NO_THEME_LABEL;

/// The label of the totals column and row.
const ALL: &str = "all";

pub fn map(
    cli: &Cli,
    args: &MapArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let index = open_index(cli, false, false)?;
    // What a saved search's run says of filters it lost (on stderr, and
    // among the map's notes, as `search --saved` keeps them).
    let (request, saved_notes) = super::history::request(
        cli,
        args.saved.as_deref(),
        &query_text(&args.query),
        &args.filter.filters(),
        0,
        index,
    )?;
    let results = index.search(&request)?;
    let mut map = EvidenceMap::new(index.corpus(), &request.query, &request.filters, &results);
    map.notes.splice(0..0, saved_notes);
    // The notes are in the JSON document, above the table (as `search`
    // prints them), and on stderr beside the CSV, which has no room.
    if args.json {
        write_json(out, &map)?;
    } else if args.csv {
        for note in &map.notes {
            let _ = writeln!(std::io::stderr(), "evidence: note: {note}");
        }
        write_csv(&map, out)?;
    } else {
        for note in &map.notes {
            writeln!(out, "{}", paint.dim(&format!("note: {note}")))?;
        }
        if !map.notes.is_empty() {
            writeln!(out)?;
        }
        if map.total == 0 {
            writeln!(out, "No passage matches, so the map is empty.")?;
        } else {
            write_table(&map, paint, out)?;
        }
    }
    Ok(Outcome::of(map.total > 0))
}

/// The rows of the table: each theme's id, label and counts, then the
/// passages without a theme (no id) when there are any.
fn rows(map: &EvidenceMap) -> Vec<(&str, &str, &MapRow)> {
    let mut rows: Vec<(&str, &str, &MapRow)> = map
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str(), &t.row))
        .collect();
    if let Some(row) = &map.unthemed {
        rows.push(("", NO_THEME, row));
    }
    rows
}

/// CSV: a header of report ids, a row per theme (its id and label), then
/// the reports' totals; the last column is the theme's total. (What it
/// counts, the query and filters, is the command line that wrote it; the
/// JSON names them.)
fn write_csv(map: &EvidenceMap, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let mut head = vec!["theme".to_string(), "label".to_string()];
    head.extend(map.reports.iter().map(|r| r.id.clone()));
    head.push(ALL.to_string());
    csv.write_record(&head)?;
    let counts = |counts: &[usize], total: usize| {
        counts
            .iter()
            .chain([&total])
            .map(usize::to_string)
            .collect::<Vec<_>>()
    };
    for (id, label, row) in rows(map) {
        let mut record = vec![id.to_string(), label.to_string()];
        record.extend(counts(&row.counts, row.passages));
        csv.write_record(&record)?;
    }
    let totals: Vec<usize> = map.reports.iter().map(|r| r.passages).collect();
    let mut record = vec![String::new(), "(passages)".to_string()];
    record.extend(counts(&totals, map.total));
    csv.write_record(&record)?;
    csv.flush()?;
    Ok(())
}

/// The table: a header of column numbers, a row per theme and its total,
/// the reports' totals, and the legend of the columns.
fn write_table(map: &EvidenceMap, paint: Paint, out: &mut dyn Write) -> anyhow::Result<()> {
    let filtered = !(map.filters.reports.is_empty()
        && map.filters.not_reports.is_empty()
        && map.filters.themes.is_empty()
        && map.filters.not_themes.is_empty());
    let what = match (map.query.trim(), filtered) {
        ("", false) => "every passage".to_string(),
        ("", true) => "the passages the filters keep".to_string(),
        (q, _) => format!("passages matching {q}"),
    };
    writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "Evidence map: {what} ({} in all), themes down, reports across",
            map.total
        ))
    )?;
    // The filters, so that a table kept for later says what it counts.
    let filters = Filters {
        reports: map.filters.reports.clone(),
        not_reports: map.filters.not_reports.clone(),
        themes: map.filters.themes.clone(),
        not_themes: map.filters.not_themes.clone(),
    };
    for line in filters.describe() {
        writeln!(out, "{}", paint.dim(&format!("filtered by {line}")))?;
    }
    writeln!(out)?;
    let rows = rows(map);
    let totals_label = "passages";
    let label_w = widest_cols(rows.iter().map(|(_, l, _)| *l).chain([totals_label]));
    // Every cell as wide as the widest number or column number, and a
    // space between cells.
    let widest_count = map
        .reports
        .iter()
        .map(|r| r.passages)
        .chain([map.total])
        .max()
        .unwrap_or(0);
    let cell = digits(widest_count.max(map.reports.len())) + 1;
    let total_w = digits(map.total).max(ALL.len()) + 2;
    let mut head = padded("", label_w);
    for c in 1..=map.reports.len() {
        head.push_str(&format!("{c:>cell$}"));
    }
    head.push_str(&format!("{ALL:>total_w$}"));
    writeln!(out, "{}", paint.dim(&head))?;
    let cells = |counts: &[usize]| {
        counts
            .iter()
            .map(|&k| match k {
                0 => format!("{:>cell$}", "."),
                k => format!("{k:>cell$}"),
            })
            .collect::<String>()
    };
    for (_, label, row) in &rows {
        writeln!(
            out,
            "{}{}{}",
            padded(label, label_w),
            cells(&row.counts),
            paint.bold(&format!("{:>total_w$}", row.passages))
        )?;
    }
    let totals: Vec<usize> = map.reports.iter().map(|r| r.passages).collect();
    writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "{}{}{:>total_w$}",
            padded(totals_label, label_w),
            cells(&totals),
            map.total
        ))
    )?;
    writeln!(out)?;
    let number_w = digits(map.reports.len());
    let id_w = widest_cols(map.reports.iter().map(|r| r.id.as_str()));
    for (c, r) in map.reports.iter().enumerate() {
        writeln!(
            out,
            "{:>number_w$}  {}  {}",
            c + 1,
            paint.accent(&padded(&r.id, id_w)),
            paint.dim(&r.title)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint.dim(
            "A passage can carry several themes, so a report's passages can be fewer than its column's sum."
        )
    )?;
    Ok(())
}

/// The decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.to_string().len()
}
