//! The commands about the corpus itself: `reports`, `themes`, `show`,
//! `check`, `init` and `import`.

use super::args::ImportArgs;
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::corpus::{self, Corpus, CorpusSource, ImportOptions};
use evidence::english::plural;
use evidence::json;
use evidence::search::Index;
use evidence::{Error, Result};
use std::io::{self, Write};
use std::path::Path;

/// Prints problems found while loading as warnings, one line each.
pub fn warn_problems(corpus: &Corpus) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &corpus.problems {
        let skipped = if p.fatal { " (file skipped)" } else { "" };
        let _ = writeln!(err, "evidence: warning: {p}{skipped}");
    }
}

/// The corpus for `show`, `reports` and `themes`. A fresh index's catalog
/// gives it without reading any report (`show` then reads the one it shows);
/// without a fresh index every file is read, and no index is built just to
/// list or show.
pub(super) fn recorded_or_loaded(cli: &Cli) -> Result<Corpus> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let corpus = Index::recorded_corpus(&source, &super::open_options(cli))
        .unwrap_or_else(|| Corpus::load(&source));
    warn_problems(&corpus);
    Ok(corpus)
}

pub fn reports(
    cli: &Cli,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    if json {
        let keys = evidence::cite::keys(&corpus);
        let reports = corpus
            .reports
            .iter()
            .zip(&keys)
            .map(|(r, key)| json::ReportJson::new(&corpus, r, key))
            .collect();
        write_json(out, &json::Reports { reports })?;
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
    Ok(Outcome::of(!corpus.reports.is_empty()))
}

pub fn themes(cli: &Cli, json: bool, paint: Paint, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    let listed = json::Themes::new(&corpus);
    if json {
        write_json(out, &listed)?;
    } else {
        let id_w = widest(listed.themes.iter().map(|t| t.id.as_str()));
        for t in &listed.themes {
            writeln!(
                out,
                "{}  {}  {}",
                paint.accent(&format!("{:<id_w$}", t.id)),
                paint.bold(&t.label),
                paint.dim(&format!(
                    "({} in {})",
                    plural(t.passage_count, "passage"),
                    plural(t.report_count, "report")
                ))
            )?;
            writeln!(out, "{:id_w$}  {}", "", t.description)?;
        }
    }
    Ok(Outcome::of(!corpus.themes.is_empty()))
}

pub fn show(
    cli: &Cli,
    id: &str,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    if let Some((r, p)) = corpus.passage(id) {
        if json {
            let passage = json::PassageJson::new(r, p);
            write_json(out, &json::ShowPassage { passage })?;
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
        if let Some(gone) = corpus.retired(id) {
            let _ = writeln!(io::stderr(), "evidence: {}", gone.sentence());
            return Ok(Outcome::NothingFound);
        }
        return Err(Error::UnknownId(id.to_string()).into());
    };
    if json {
        let keys = evidence::cite::keys(&corpus);
        let key = corpus
            .reports
            .iter()
            .position(|x| x.id == r.id)
            .and_then(|i| keys.get(i))
            .map_or("", String::as_str);
        let mut report = json::ReportJson::new(&corpus, r, key);
        report.key_sections = Some(r.key_sections.clone());
        let passages = r
            .passages
            .iter()
            .map(|p| json::PassageJson::new(r, p))
            .collect();
        write_json(out, &json::ShowReport { report, passages })?;
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

pub fn check(cli: &Cli, json: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let mut corpus = Corpus::load(&source);
    // The thesaurus is read when a search needs it, not with the corpus;
    // its problems are for `check` to list.
    corpus.problems.extend(corpus::load_thesaurus(&source).1);
    // So are the codebook's: a theme no passage carries, a bad example.
    let codebook = corpus::codebook_problems(&corpus, &source);
    corpus.problems.extend(codebook);
    if json {
        write_json(out, &json::Check::new(&corpus))?;
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
            plural(corpus.passages_without_theme(), "passage"),
            plural(corpus.problems.len(), "problem"),
        )?;
    }
    Ok(if corpus.problems.is_empty() {
        Outcome::Found
    } else {
        Outcome::Problems
    })
}

pub fn init(dir: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let written = if force {
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

pub fn import(args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if args.title.is_some() && args.files.len() > 1 {
        return Err(Error::InvalidInput(
            "--title names one document; import files one at a time to give each a title".into(),
        )
        .into());
    }
    let opts = ImportOptions {
        title: args.title.clone(),
        organisation: args.organisation.clone(),
        published: args.published.clone(),
        themes: args.themes.clone(),
    };
    for (id, path) in corpus::import_files(&args.files, &args.into, &opts)? {
        writeln!(out, "imported {id} -> {}", path.display())?;
    }
    Ok(Outcome::Found)
}

/// The width of the widest of some ids, for aligning a column.
fn widest<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|id| id.chars().count()).max().unwrap_or(0)
}

/// `evidence cite ID…`: the references of the named reports, or of the
/// reports of the named passages, and the pack for the ones it summarises.
pub fn cite(
    cli: &Cli,
    ids: &[String],
    format: evidence::cite::RefFormat,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    let mut reports: Vec<&str> = Vec::new();
    for id in super::args::split_ids(ids) {
        let report = if let Some((r, _)) = corpus.passage(&id) {
            r
        } else if let Some(r) = corpus.report(&id) {
            r
        } else if let Some(gone) = corpus.retired(&id) {
            let _ = writeln!(io::stderr(), "evidence: {}", gone.sentence());
            return Ok(Outcome::NothingFound);
        } else {
            return Err(Error::UnknownId(id).into());
        };
        reports.push(&report.id);
    }
    let works = evidence::cite::works(&corpus, reports);
    out.write_all(format.render(&works).as_bytes())?;
    Ok(Outcome::of(!works.is_empty()))
}
