//! The commands about the corpus itself: `reports`, `themes`, `show`,
//! `check`, `init` and `import`.

use super::args::ImportArgs;
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::corpus::{self, Corpus, CorpusSource, ImportOptions};
use evidence::english::plural;
use evidence::import;
use evidence::json;
use evidence::search::Index;
use evidence::{Error, Result};
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Prints problems found while loading as warnings, one line each: the
/// errors (a file skipped, a marker misread), and the documents in the
/// folder that are not read. The other warnings (a front matter key kept
/// but not used, a title taken from the first line) are things done as
/// asked or sensibly: `check` lists them, and every command repeating
/// them would bury the ones that matter.
pub fn warn_problems(corpus: &Corpus) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in corpus
        .problems
        .iter()
        .filter(|p| !p.is_warning() || p.is_document_not_read())
    {
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
                paint.accent(&super::padded(&r.id, id_w)),
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
                paint.accent(&super::padded(&t.id, id_w)),
                paint.bold(&t.label),
                paint.dim(&format!(
                    "({} in {})",
                    plural(t.passage_count, "passage"),
                    plural(t.report_count, "report")
                ))
            )?;
            writeln!(out, "{:id_w$}  {}", "", t.description)?;
        }
        if listed.themes.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "evidence: this corpus has no themes: a themes.toml in its folder lists them (see `evidence init` for one to start from)"
            );
        }
    }
    Ok(Outcome::of(!corpus.themes.is_empty()))
}

/// `themes ID`: a theme's whole codebook entry, as a second coder reads it.
pub fn theme(
    cli: &Cli,
    id: &str,
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let corpus = recorded_or_loaded(cli)?;
    let id = id.trim().to_lowercase();
    let listed = json::Themes::new(&corpus);
    let Some(found) = listed.themes.iter().find(|t| t.id == id) else {
        // An id the coding frame retired names its successors.
        let successors: Vec<String> = corpus
            .successors(&id)
            .iter()
            .map(|t| format!("`{}`", t.id))
            .collect();
        if !successors.is_empty() {
            return Err(Error::InvalidInput(format!(
                "theme `{id}` is now {}: ask for {}",
                successors.join(" and "),
                if successors.len() == 1 {
                    "it"
                } else {
                    "one of them"
                }
            ))
            .into());
        }
        // Refused as a filter naming no theme is: the slip it meant, the ids.
        let filter = evidence::search::Filters {
            themes: vec![id.clone()],
            ..Default::default()
        };
        filter.check_ids(&corpus)?;
        return Err(Error::InvalidInput(format!("no theme `{id}`")).into());
    };
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let entry = corpus::codebook_entry(&source, &id).unwrap_or_else(|| {
        let _ = writeln!(
            io::stderr(),
            "evidence: note: themes.toml could not be read for the rest of `{id}`'s entry (`evidence check` says why)"
        );
        corpus::CodebookEntry::default()
    });
    let replaces = corpus
        .theme(&id)
        .map(|t| t.replaces.clone())
        .unwrap_or_default();
    if json {
        write_json(
            out,
            &json::ThemeEntryJson {
                id: found.id.clone(),
                label: found.label.clone(),
                description: found.description.clone(),
                passage_count: found.passage_count,
                report_count: found.report_count,
                definition: entry.definition,
                includes: entry.includes,
                excludes: entry
                    .excludes
                    .into_iter()
                    .map(|(what, use_theme)| json::ThemeExcludeJson { what, use_theme })
                    .collect(),
                examples: entry.examples,
                replaces,
            },
        )?;
        return Ok(Outcome::Found);
    }
    writeln!(
        out,
        "{}  {}  {}",
        paint.accent(&found.id),
        paint.bold(&found.label),
        paint.dim(&format!(
            "({} in {})",
            plural(found.passage_count, "passage"),
            plural(found.report_count, "report")
        ))
    )?;
    // The definition opens with the one-line description, or stands for it.
    let definition = entry.definition.trim();
    writeln!(
        out,
        "{}",
        if definition.is_empty() {
            found.description.trim()
        } else {
            definition
        }
    )?;
    if !entry.includes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.dim("includes:"))?;
        for i in &entry.includes {
            writeln!(out, "  - {i}")?;
        }
    }
    if !entry.excludes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.dim("excludes:"))?;
        for (what, other) in &entry.excludes {
            writeln!(out, "  - {what} (use {})", paint.accent(other))?;
        }
    }
    if !entry.examples.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            paint.dim("examples:"),
            entry.examples.join(", ")
        )?;
    }
    if !replaces.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} {}", paint.dim("replaces:"), replaces.join(", "))?;
    }
    Ok(Outcome::Found)
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
            writeln!(out, "{}{}", p.block.lead().trim_start(), p.text)?;
            writeln!(out)?;
            if !p.themes.is_empty() {
                writeln!(out, "{} {}", paint.dim("themes:"), p.themes.join(", "))?;
            }
            if let Some(pages) = p.pages {
                writeln!(out, "{} {}", paint.dim("page:"), pages.locator())?;
            } else if let Some(note) = r.source.pages_note() {
                writeln!(out, "{} {note}", paint.dim("page:"))?;
            }
            if let Some(file) = &r.source.file {
                writeln!(out, "{} {}", paint.dim("source:"), from_corpus_folder(file))?;
            }
            writeln!(
                out,
                "{} {}",
                paint.dim("cite:"),
                evidence::export::citation_line(r, p)
            )?;
        }
        return Ok(Outcome::Found);
    }
    let Some(r) = corpus.report(id) else {
        if let Some(gone) = corpus.retired(id) {
            let _ = writeln!(io::stderr(), "evidence: {}", gone.sentence());
            if json {
                let retired = json::RetiredJson::new(gone);
                write_json(out, &json::ShowRetired { retired })?;
            }
            return Ok(Outcome::NothingFound);
        }
        return Err(corpus.unknown_id(id).into());
    };
    if json {
        let keys = evidence::cite::keys(&corpus);
        let key = corpus
            .reports
            .iter()
            .position(|x| x.id == r.id)
            .and_then(|i| keys.get(i))
            .map_or("", String::as_str);
        let report = json::ReportJson::new(&corpus, r, key);
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
    if let Some(source) = source_line(r) {
        writeln!(out, "{}", paint.dim(&source))?;
    }
    let mut section: Option<&str> = None;
    for p in &r.passages {
        if p.heading() != section {
            section = p.heading();
            if let Some(s) = section {
                writeln!(out)?;
                writeln!(out, "{}", paint.bold(&format!("## {s}")))?;
            }
        }
        writeln!(out)?;
        let pages = p
            .pages
            .map_or(String::new(), |pg| format!(" ({})", pg.locator()));
        writeln!(
            out,
            "{}{} {}{}",
            paint.accent(&format!("[{}]", p.id)),
            paint.dim(&pages),
            p.block.lead().trim_start(),
            p.text
        )?;
    }
    Ok(Outcome::Found)
}

pub fn check(
    cli: &Cli,
    json: bool,
    deny_warnings: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let mut corpus = Corpus::load(&source);
    // The thesaurus is read when a search needs it, not with the corpus;
    // its problems are for `check` to list.
    corpus.problems.extend(corpus::load_thesaurus(&source).1);
    // So are the codebook's: a theme no passage carries, a bad example.
    let codebook = corpus::codebook_problems(&corpus, &source);
    corpus.problems.extend(codebook);
    // And two files with the same passages, which searches would list twice.
    let copies = corpus::copied_reports(&corpus, &source);
    corpus.problems.extend(copies);
    // And imported reports whose source document changed since.
    let changed = corpus::changed_sources(&corpus, &source);
    corpus.problems.extend(changed);
    let (errors, warnings) = corpus.problem_counts();
    if json {
        write_json(out, &json::Check::new(&corpus))?;
    } else {
        for p in &corpus.problems {
            if p.is_warning() {
                let at = if p.line > 0 {
                    format!("{}:{}", p.path.display(), p.line)
                } else {
                    p.path.display().to_string()
                };
                writeln!(out, "{at}: warning: {}", p.message)?;
            } else {
                writeln!(out, "{p}")?;
            }
        }
        let tail = if warnings > 0 {
            format!(
                "{}, {}",
                plural(errors, "problem"),
                plural(warnings, "warning")
            )
        } else {
            plural(errors, "problem")
        };
        writeln!(
            out,
            "{}, {}, {}, {} without a theme; {tail}",
            plural(corpus.reports.len(), "report"),
            plural(corpus.passage_count(), "passage"),
            plural(corpus.themes.len(), "theme"),
            plural(corpus.passages_without_theme(), "passage"),
        )?;
    }
    Ok(if errors > 0 || deny_warnings && warnings > 0 {
        Outcome::Problems
    } else {
        Outcome::Found
    })
}

pub fn init(dir: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (written, kept) = if force {
        corpus::write_bundled_over(dir)?
    } else {
        (corpus::write_bundled(dir)?, Vec::new())
    };
    // Files the user had changed: replaced, and their versions kept.
    for k in &kept {
        writeln!(
            out,
            "kept the file there, which differed from the bundled one, as {}",
            k.display()
        )?;
    }
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
    let one = args.files.len() == 1 && !args.files[0].is_dir();
    if !one && (args.title.is_some() || args.url.is_some()) {
        let flag = if args.title.is_some() {
            "--title"
        } else {
            "--url"
        };
        return Err(Error::InvalidInput(format!(
            "{flag} names one document; import files one at a time to give each its own"
        ))
        .into());
    }
    let program = std::env::current_exe().map_err(|e| Error::io("the evidence program", e))?;
    let opts = import::Options {
        import: ImportOptions {
            title: args.title.clone(),
            organisation: args.organisation.clone(),
            published: args.published.clone(),
            themes: args.themes.clone(),
            url: args.url.clone(),
            force: args.force,
            id: None,
        },
        extractor: import::Extractor::Child(program),
        limits: import::Limits::from_env(),
        workers: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
    };
    // A bar on a terminal, for more than a handful of documents to read.
    let bar = if io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "reading documents {bar:30} {pos}/{len} {elapsed} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Import makes a missing folder (see `check_target`): said here, and
    // taken away again when nothing went into it.
    let new_folder = !args.into.exists();
    let result = import::run(&args.files, &args.into, &opts, &|p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        match p.page {
            Some((n, of)) => bar.set_message(format!("page {n} of {of}")),
            None => bar.set_message(""),
        }
    });
    bar.finish_and_clear();
    let made = new_folder && args.into.is_dir();
    let empty = |dir: &Path| std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
    if made && empty(&args.into) {
        let _ = std::fs::remove_dir(&args.into);
    }
    let reports = result?;
    if made && args.into.is_dir() {
        writeln!(
            out,
            "made {}, a new corpus folder of your own documents (`evidence init` writes the bundled reports and themes into one)",
            args.into.display()
        )?;
    }
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let (mut imported, mut unchanged, mut failed) = (0, 0, 0);
    let mut skipped: Vec<String> = Vec::new();
    for r in &reports {
        let source = r.source.display();
        match &r.outcome {
            import::Outcome::Imported {
                id,
                path,
                passages,
                pages,
                notes,
            } => {
                imported += 1;
                let pages = pages.map_or(String::new(), |n| {
                    format!(", {}", plural(n as usize, "page"))
                });
                writeln!(
                    out,
                    "imported {id} -> {} ({}{pages})",
                    path.display(),
                    plural(*passages, "passage")
                )?;
                for n in notes {
                    let _ = writeln!(err, "evidence: note: {source}: {n}");
                }
            }
            import::Outcome::Reimported {
                id,
                path,
                kept,
                new,
                retired,
                backup,
                notes,
            } => {
                imported += 1;
                writeln!(
                    out,
                    "re-imported {id} -> {} ({} kept {}, {new} new, {retired} retired)",
                    path.display(),
                    plural(*kept, "passage"),
                    if *kept == 1 { "its id" } else { "their ids" }
                )?;
                if let Some(b) = backup {
                    writeln!(
                        out,
                        "  the version corrected by hand is kept as {}",
                        b.display()
                    )?;
                }
                for n in notes {
                    let _ = writeln!(err, "evidence: note: {source}: {n}");
                }
            }
            import::Outcome::Unchanged {
                id,
                path,
                corrected,
            } => {
                unchanged += 1;
                if *corrected {
                    writeln!(
                        out,
                        "unchanged {id} (its source is as imported; {} was corrected by hand since, and is kept as it is)",
                        path.display()
                    )?;
                } else {
                    writeln!(out, "unchanged {id} ({} is as imported)", path.display())?;
                }
                // Details given for it are not applied to a report left as
                // it is: said, with the way to apply them.
                let given: Vec<&str> = [
                    (args.title.is_some(), "--title"),
                    (args.organisation.is_some(), "--organisation"),
                    (args.published.is_some(), "--published"),
                    (!args.themes.is_empty(), "--theme"),
                    (args.url.is_some(), "--url"),
                ]
                .into_iter()
                .filter_map(|(on, flag)| on.then_some(flag))
                .collect();
                if !given.is_empty() {
                    let _ = writeln!(
                        err,
                        "evidence: note: {source}: {} not applied to {id}, whose source is unchanged; --force imports it again with {}",
                        given.join(", "),
                        if given.len() == 1 { "it" } else { "them" }
                    );
                }
            }
            import::Outcome::Failed(why) => {
                failed += 1;
                let _ = writeln!(err, "evidence: {source}: {why}");
            }
            import::Outcome::Skipped(why) => skipped.push(format!("{source} ({why})")),
        }
    }
    if reports.len() > 1 {
        let mut summary = format!("{imported} imported, {unchanged} unchanged, {failed} failed");
        if !skipped.is_empty() {
            summary.push_str(&format!(
                ", {} skipped: {}",
                skipped.len(),
                shorten(&skipped, 5)
            ));
        }
        writeln!(out, "{summary}")?;
    }
    Ok(if failed > 0 {
        Outcome::Problems
    } else if imported + unchanged == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// The first `n` items, and how many more.
fn shorten(items: &[String], n: usize) -> String {
    let mut shown = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        shown.push_str(&format!(" and {} more", items.len() - n));
    }
    shown
}

/// A report's `source_file` as `show` prints it: a relative one says that
/// it is read from the corpus folder, not from where the user is.
fn from_corpus_folder(file: &str) -> String {
    if std::path::Path::new(file).is_absolute() {
        file.to_string()
    } else {
        format!("{file} (from the corpus folder)")
    }
}

/// Where an imported report came from, on one line: its file and format,
/// its web address and when it was read, and what is known of its pages.
fn source_line(r: &corpus::Report) -> Option<String> {
    let s = &r.source;
    let mut parts = Vec::new();
    if let Some(file) = &s.file {
        parts.push(format!("imported from {}", from_corpus_folder(file)));
    }
    if let Some(url) = &s.url {
        match &s.accessed {
            Some(day) => parts.push(format!("{url} (accessed {})", corpus::format_date(day))),
            None => parts.push(url.clone()),
        }
    }
    if let Some(note) = s.pages_note() {
        parts.push(note.to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The width of the widest of some ids, for aligning a column.
fn widest<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    super::widest_cols(ids)
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
            return Err(corpus.unknown_id(&id).into());
        };
        reports.push(&report.id);
    }
    let works = evidence::cite::works(&corpus, reports);
    out.write_all(format.render(&works).as_bytes())?;
    Ok(Outcome::of(!works.is_empty()))
}
