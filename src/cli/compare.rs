//! `evidence compare`: several reports' key messages, or what each report
//! says on one theme, one report after another: the explorer's compare
//! screen, for a pager, a script (`--json`) or a briefing.

use super::args::split_ids;
use super::corpus::recorded_or_loaded;
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use clap::Args;
use evidence::english::plural;
use evidence::json;
use evidence::search::Filters;
use evidence::{Error, Result};
use std::io::{self, Write};

/// `compare`'s arguments.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Report ids (comma-separated or separate), in the order to show them.
    #[arg(value_name = "REPORT")]
    pub reports: Vec<String>,
    /// Compare what the reports say on this theme (every report's, without
    /// report ids) rather than their key messages.
    #[arg(long, value_name = "ID")]
    pub theme: Option<String>,
    #[command(flatten)]
    pub json: super::JsonFlag,
}

/// Runs `compare`: exit 1 when no report has a passage to show.
pub fn compare(
    cli: &Cli,
    args: &CompareArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    let (reports, theme) = chosen(&corpus, args)?;
    let columns = corpus.compare(&reports, theme.as_deref());
    if args.json.json {
        let doc = json::Comparison {
            theme: theme.clone(),
            reports: columns
                .iter()
                .map(|(r, ps)| json::ComparedReport::new(r, ps, theme.as_deref()))
                .collect(),
        };
        write_json(out, &doc)?;
        return Ok(Outcome::of(columns.iter().any(|(_, ps)| !ps.is_empty())));
    }
    if columns.iter().all(|(_, ps)| ps.is_empty()) {
        let _ = match &theme {
            Some(t) => writeln!(
                io::stderr(),
                "evidence: no passage of {} has the theme `{t}`",
                if reports.is_empty() {
                    "any report".to_string()
                } else {
                    reports.join(", ")
                },
            ),
            None => writeln!(
                io::stderr(),
                "evidence: no passage is under the key sections of {}",
                reports.join(", ")
            ),
        };
        return Ok(Outcome::NothingFound);
    }
    let what = match &theme {
        Some(t) => format!("theme `{t}` across {}", plural(columns.len(), "report")),
        None => format!("key messages of {}", plural(columns.len(), "report")),
    };
    writeln!(out, "{}", paint.bold(&format!("Compare: {what}")))?;
    // A report asked for that says nothing on the theme is a finding too:
    // named, rather than left out without a word.
    if theme.is_some() {
        let silent: Vec<String> = reports
            .iter()
            .filter(|id| !columns.iter().any(|(r, _)| &r.id == *id))
            .filter_map(|id| corpus.report(id))
            .map(|r| format!("{} ({})", r.title, r.id))
            .collect();
        if !silent.is_empty() {
            writeln!(
                out,
                "{}",
                paint.dim(&format!(
                    "no passage on this theme in {}",
                    silent.join("; ")
                ))
            )?;
        }
    }
    for (r, passages) in &columns {
        writeln!(out)?;
        let mut about = r.byline();
        about.push(match json::compared_by(r, theme.as_deref()) {
            "all passages" => "all passages (it names no key sections)".to_string(),
            "theme" => plural(passages.len(), "passage"),
            _ => format!("key messages ({})", r.key_sections.join("; ")),
        });
        writeln!(out, "{}", paint.bold(&format!("== {}", r.title)))?;
        writeln!(out, "{}", paint.dim(&about.join(" · ")))?;
        let mut heading: Option<&str> = None;
        for p in passages {
            if p.heading().is_some() && p.heading() != heading {
                heading = p.heading();
                writeln!(out)?;
                writeln!(
                    out,
                    "{}",
                    paint.bold(&format!("## {}", heading.unwrap_or_default()))
                )?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "{} {}{}",
                paint.accent(&format!("[{}]", p.id)),
                p.block.lead().trim_start(),
                p.text
            )?;
        }
    }
    Ok(Outcome::Found)
}

/// The reports and theme to compare, as the corpus spells them: ids that
/// name nothing refused, a retired theme followed to the one that took its
/// passages (said on stderr).
fn chosen(
    corpus: &evidence::corpus::Corpus,
    args: &CompareArgs,
) -> Result<(Vec<String>, Option<String>)> {
    let mut reports = split_ids(&args.reports);
    // A report named twice (`big-med,Big_Med`) is one column.
    let mut seen = std::collections::HashSet::new();
    reports.retain(|id| seen.insert(id.clone()));
    let theme = args
        .theme
        .as_deref()
        .map(|t| split_ids(&[t.to_string()]))
        .filter(|t| !t.is_empty());
    if reports.is_empty() && theme.is_none() {
        return Err(Error::InvalidInput(
            "nothing to compare: give report ids (`evidence compare buddying-review provider-chains`), or --theme ID"
                .to_string(),
        ));
    }
    let given = Filters {
        reports,
        themes: theme.unwrap_or_default(),
        ..Filters::default()
    };
    let (filters, replaced) = given.with_successors(corpus);
    for (old, new) in &replaced {
        let _ = writeln!(
            io::stderr(),
            "evidence: note: theme `{old}` is now {}",
            new.join(", ")
        );
    }
    filters.check_ids(corpus)?;
    if filters.themes.len() > 1 {
        return Err(Error::InvalidInput(format!(
            "compare takes one theme; `{}` names {}: give one of them",
            args.theme.as_deref().unwrap_or_default(),
            filters.themes.join(", ")
        )));
    }
    Ok((filters.reports, filters.themes.into_iter().next()))
}
