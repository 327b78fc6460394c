//! The commands that use the index: `search`, `related` and `index`, and
//! opening the index for the command line.

use super::args::{IndexArgs, QueryArgs};
use super::corpus::warn_problems;
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::corpus::{CorpusSource, Passage, Report};
use evidence::json;
use evidence::search::{self, Index, OpenOptions, SearchResults};
use evidence::{Error, Result};
use std::io::{self, IsTerminal, Write};

/// Opens the index for the command line: warnings and notes on stderr, and a
/// progress bar there when it is a terminal and a build is needed.
///
/// The index lives until the process ends, which is soon: a command runs
/// once, and freeing the tables of thousands of reports at its end would
/// only delay the exit (by about a millisecond at 100 MB).
pub fn open_index(cli: &Cli, rebuild: bool, verify: bool) -> Result<&'static Index> {
    open_index_merging(cli, rebuild, verify, false)
}

/// A whole merge that an update of the index found due and left for after
/// the command's output (see [`merge_pending`]).
static PENDING_MERGE: std::sync::OnceLock<(CorpusSource, OpenOptions)> = std::sync::OnceLock::new();

/// As [`open_index`]; with `now`, a whole merge an update finds due (about
/// one update in thirty on a large index, seconds long) is made before
/// returning, as `evidence index` wants. Without, it waits until the
/// command's output is out ([`merge_pending`]), so that the answer to a
/// search after an edit is not held up by it.
fn open_index_merging(cli: &Cli, rebuild: bool, verify: bool, now: bool) -> Result<&'static Index> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let options = OpenOptions {
        rebuild,
        verify,
        defer_merge: !now,
        ..super::open_options(cli)
    };
    let bar = io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("indexing {bar:30} {percent:>3}%")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar
    });
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
    if index.info().updated.is_some_and(|u| u.merge_due) {
        let _ = PENDING_MERGE.set((source, options));
    }
    Ok(Box::leak(Box::new(index)))
}

/// Makes the whole merge that opening the index left for later, if any: run
/// once the command's output is written. Best effort: unmerged, the index
/// answers the same, and the next command that updates it merges.
pub fn merge_pending() {
    let Some((source, options)) = PENDING_MERGE.get() else {
        return;
    };
    let terminal = io::stderr().is_terminal();
    if terminal {
        let _ = write!(
            io::stderr(),
            "evidence: merging the index after the latest edits…"
        );
    }
    let _ = Index::merge_whole(source, options);
    if terminal {
        let _ = write!(io::stderr(), "\r\x1b[K");
    }
}

/// How `search` prints its results.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// JSON rather than text.
    pub json: bool,
    /// In JSON, facets without the reports and themes counted zero.
    pub nonzero_facets: bool,
}

pub fn search(
    cli: &Cli,
    query: &str,
    args: &QueryArgs,
    shape: Shape,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let index = open_index(cli, false, false)?;
    // What a saved search's run says of filters it lost (on stderr, and
    // among the JSON document's notes).
    let (request, saved_notes) = super::history::request(
        cli,
        args.saved.as_deref(),
        query,
        &args.filters(),
        args.limit,
        index,
    )?;
    let results = index.search(&request)?;
    // The history is written (and synced) while the results are printed:
    // the one waits on the disk, the other on the processor.
    std::thread::scope(|s| {
        s.spawn(|| super::history::record(cli, &request.query, &request.filters, results.total));
        if shape.json {
            let mut doc = json::Search::new(&request.query, &results, |h| index.passage(h.ord));
            doc.notes.splice(0..0, saved_notes);
            if shape.nonzero_facets {
                let counted = |_: &String, n: &mut serde_json::Value| n.as_u64() != Some(0);
                doc.facets.reports.retain(counted);
                doc.facets.themes.retain(counted);
            }
            write_json(out, &doc)
        } else {
            search_text(index, &results, paint, out)
        }
    })?;
    Ok(Outcome::of(results.total > 0))
}

pub fn related(
    cli: &Cli,
    id: &str,
    limit: usize,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if limit == 0 {
        return Err(evidence::Error::InvalidInput(
            "--limit 0 would list no passage: give 1 or more".to_string(),
        )
        .into());
    }
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
    // A retired id is answered as `show` answers it: where its text went.
    if let Some(gone) = index.corpus().retired(id) {
        let _ = writeln!(std::io::stderr(), "evidence: {}", gone.sentence());
        return Ok(Outcome::NothingFound);
    }
    let hits = index.related(id, limit)?;
    if json {
        let related = hits
            .iter()
            .filter_map(|h| {
                let (r, p) = index.passage(h.ord)?;
                Some(json::RelatedPassage {
                    passage: json::PassageJson::new(r, p),
                    score: h.score,
                })
            })
            .collect();
        let doc = json::Related {
            id: id.to_string(),
            related,
        };
        write_json(out, &doc)?;
    } else {
        for (i, h) in hits.iter().enumerate() {
            if let Some((r, p)) = index.passage(h.ord) {
                hit_text(i + 1, r, p, &[], paint, out)?;
            }
        }
    }
    Ok(Outcome::of(!hits.is_empty()))
}

pub fn index(cli: &Cli, args: &IndexArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let index = open_index_merging(cli, args.rebuild, args.verify, true)?;
    let info = index.info();
    let took = info.build_time.unwrap_or_else(|| started.elapsed());
    let took_ms = took.as_secs_f64() * 1000.0;
    if args.json.json {
        write_json(out, &json::IndexJson::new(info, took_ms))?;
    } else {
        let path = info
            .path
            .as_ref()
            .map_or("(in memory)".to_string(), |p| p.display().to_string());
        let what = match (info.built, info.updated) {
            // Files renamed or moved, their texts the same: nothing was
            // read again, and "0 reports indexed again" read as a failure.
            (true, Some(u)) if u.reindexed == 0 && u.gone == 0 => {
                "updated (no report's text changed; the files' names and dates recorded again):"
                    .to_string()
            }
            (true, Some(u)) => format!(
                "updated ({} indexed again{}):",
                evidence::english::plural(u.reindexed, "report"),
                if u.gone > 0 {
                    format!(", {} gone", evidence::english::plural(u.gone, "report"))
                } else {
                    String::new()
                }
            ),
            (true, None) => "indexed".to_string(),
            // Had a file been damaged, it would have been built again.
            (false, _) if args.verify => {
                "index is current (every file's checksum checked):".to_string()
            }
            (false, _) => "index is current:".to_string(),
        };
        writeln!(
            out,
            "{what} {} passages in {took_ms:.1} ms; {} on disk; {path}",
            info.passages,
            human_size(info.size_bytes),
        )?;
    }
    Ok(Outcome::Found)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
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
    writeln!(
        out,
        "     {}",
        paint.highlighted(&snip.text, &snip.highlights)
    )?;
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
        "{} of {} {} shown ({:.1} ms)",
        results.hits.len(),
        results.total,
        if results.total == 1 {
            "passage"
        } else {
            "passages"
        },
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
    // A kind with no passage to count is left out, not printed empty.
    for (label, items) in [
        ("reports:", &results.facets.reports),
        ("themes:", &results.facets.themes),
    ] {
        let line = facet_line(items);
        if !line.is_empty() {
            writeln!(out, "{} {line}", paint.dim(label))?;
        }
    }
    Ok(())
}
