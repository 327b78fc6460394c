//! `evidence verify FILE…`: each quotation of each document, checked
//! against the passage it cites, one line each, `path:line: result`.

use super::paint::Paint;
use super::search::open_index;
use super::{Cli, Outcome, write_json};
use evidence::json;
use evidence::verify::{self, Checked, Verdict};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn verify(
    cli: &Cli,
    files: &[PathBuf],
    json: bool,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    // A file that cannot be read is said on stderr, one line each, and
    // the others are checked all the same: exit 2 at the end.
    let mut docs = Vec::new();
    let mut unreadable = 0;
    for path in files {
        match read_text(path) {
            Ok(text) => docs.push((path, text)),
            Err(why) => {
                unreadable += 1;
                let _ = writeln!(std::io::stderr(), "evidence: {why}");
            }
        }
    }
    if docs.is_empty() {
        // A script reading the JSON still gets a document: of no files.
        if json {
            write_json(
                out,
                &json::Verify {
                    files: Vec::new(),
                    cited: 0,
                    verified: 0,
                    uncited: 0,
                    other_works: 0,
                },
            )?;
        }
        return Ok(Outcome::Problems);
    }
    let index = open_index(cli, false, false)?;
    // The workspace's basket keeps each passage's text as it was collected:
    // a chapter quoting it is checked against what it said then, too.
    // Read as it is: a basket that does not read is left where it is.
    let collected = collected(cli, index.corpus());
    let checked: Vec<(&PathBuf, Vec<Checked>)> = docs
        .iter()
        .map(|(path, text)| (*path, verify::verify_with(index, text, &collected)))
        .collect();
    let all = || checked.iter().flat_map(|(_, c)| c.iter());
    // Credited to another work, and not this corpus's words: not checked.
    let other_work = |c: &Checked| {
        c.quotation.cited.is_none()
            && c.verdict == Verdict::NotFromCorpus
            && c.quotation.cited_as.is_some()
    };
    let other_works = all().filter(|c| other_work(c)).count();
    let cited = all()
        .filter(|c| c.quotation.is_cited() && !other_work(c))
        .count();
    let verified = all()
        .filter(|c| c.quotation.cited.is_some() && c.verdict == Verdict::Verified)
        .count();
    let uncited = all().count() - cited - other_works;
    if json {
        write_json(
            out,
            &json::Verify {
                files: checked
                    .iter()
                    .map(|(path, c)| json::VerifiedFile {
                        path: (*path).clone(),
                        quotations: c.iter().map(json::QuotationJson::new).collect(),
                    })
                    .collect(),
                cited,
                verified,
                uncited,
                other_works,
            },
        )?;
    } else {
        for ((path, list), (_, text)) in checked.iter().zip(&docs) {
            if list.is_empty() {
                writeln!(out, "{}: no quotations", path.display())?;
            }
            for c in list {
                line(path, c, paint, out)?;
            }
            if let Some(note) = pack_note(index.corpus(), list, text) {
                writeln!(out, "{}: {} {note}", path.display(), paint.dim("note:"))?;
            }
        }
        let found = all()
            .filter(|c| matches!(c.verdict, Verdict::FoundIn { .. }))
            .count();
        if all().next().is_some() {
            let others = match other_works {
                0 => String::new(),
                n => format!("{n} credited to other works; "),
            };
            writeln!(
                out,
                "{verified} of {cited} cited {} verified; {others}{uncited} uncited ({found} found in the corpus)",
                if cited == 1 {
                    "quotation"
                } else {
                    "quotations"
                }
            )?;
        }
        // Nearly every quote (four in five) credited to works this corpus
        // lacks: most likely the draft's own corpus was not given, and its
        // quotes went unchecked under an exit status of 0. (A briefing
        // quotes other sources too, so not for a few.)
        if other_works >= 2 && other_works * 5 >= (other_works + cited) * 4 {
            let mut keys: Vec<String> = all()
                .filter(|c| other_work(c))
                .filter_map(|c| c.quotation.cited_as.as_deref())
                .map(|k| k.split([',', ' ', ';']).next().unwrap_or(k).to_string())
                .collect();
            keys.sort();
            keys.dedup();
            let more = if keys.len() > 3 { ", …" } else { "" };
            keys.truncate(3);
            writeln!(
                out,
                "{} {other_works} of the quotations {} credited to works this corpus does not have ({}{more}), and were not checked: if the draft cites documents of your own, verify it with the corpus that holds them (--corpus DIR)",
                paint.dim("note:"),
                if other_works == 1 { "is" } else { "are" },
                keys.join(", ")
            )?;
        }
    }
    let problems = all().any(|c| c.quotation.is_cited() && c.verdict.is_problem());
    Ok(if unreadable > 0 {
        Outcome::Problems
    } else if all().next().is_none() || problems {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// A document's text, or why it cannot be read as text.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "cannot read {}: {}",
            path.display(),
            evidence::error::io_reason(&e)
        )
    })?;
    // A manuscript in Word or as a PDF: the command that makes it text.
    let convert = || {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let stem = path.with_extension("md");
        let (from, to) = (
            evidence::corpus::shell_word(&path.to_string_lossy()),
            evidence::corpus::shell_word(&stem.to_string_lossy()),
        );
        match ext.as_str() {
            "docx" | "odt" | "rtf" | "epub" | "html" | "htm" => {
                format!(
                    "; make it text first, e.g. `pandoc {from} -t markdown -o {to}`, and verify that"
                )
            }
            "pdf" => format!("; make it text first, e.g. `pdftotext {from}`, and verify that"),
            _ => String::new(),
        }
    };
    // UTF-16 (Windows Notepad's "Unicode") is full of NUL bytes, and is
    // text by its byte-order mark.
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    if (bytes.contains(&0) && !utf16)
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"%PDF")
    {
        return Err(format!(
            "{} is not a text file{}",
            path.display(),
            convert()
        ));
    }
    // A web page is text, but its quotations are HTML, which markdown
    // passes through unread: "no quotations" would be wrong.
    // (A browser's saved page may open with a comment, `<!-- saved from
    // url=… -->`, and XHTML with `<?xml …?>`.)
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') && (head.contains("<!doctype html") || head.contains("<html")) {
        return Err(format!(
            "{} is a web page, not markdown{}",
            path.display(),
            convert()
        ));
    }
    // Saved by an older Windows editor, as Windows-1252: read as `import`
    // reads it, and said.
    match evidence::import::text_of(&bytes) {
        Ok((text, None)) => Ok(text),
        Ok((text, Some(note))) => {
            let _ = writeln!(
                std::io::stderr(),
                "evidence: note: {}: {note}",
                path.display()
            );
            Ok(text)
        }
        Err(why) => Err(format!("{}: {why}{}", path.display(), convert())),
    }
}

/// `path:line: result (cited): detail`.
fn line(path: &Path, c: &Checked, paint: Paint, out: &mut dyn Write) -> std::io::Result<()> {
    let q = &c.quotation;
    let name = c.verdict.name();
    let result = match c.verdict {
        Verdict::Verified => paint.accent(name),
        Verdict::FoundIn { .. } | Verdict::NotFromCorpus => paint.dim(name),
        _ => paint.highlight(name),
    };
    let cited = match (&q.cited, &q.cited_as) {
        (Some(id), Some(as_written)) => format!(" ({id}, cited as {as_written})"),
        (Some(id), None) => format!(" ({id})"),
        (None, Some(as_written)) if matches!(c.verdict, Verdict::UnknownWork { .. }) => {
            format!(" (cited as {as_written})")
        }
        (None, Some(as_written)) if c.verdict.is_problem() => {
            format!(" (cited as {as_written}, not a work of this corpus)")
        }
        (None, Some(as_written)) => format!(" (cited as {as_written})"),
        (None, None) => String::new(),
    };
    let detail = match &c.verdict {
        Verdict::Verified => String::new(),
        Verdict::Changed { diff } => format!("the passage now reads: {diff}"),
        Verdict::Misquoted {
            unlike: true,
            passage,
            ..
        } => {
            let cited = passage.as_deref().or(q.cited.as_deref()).unwrap_or("");
            format!(
                "{} is not in {cited}, which shares few of its words, nor anywhere else in the corpus",
                short(&q.text)
            )
        }
        Verdict::Misquoted {
            diff,
            passage: None,
            ..
        } => diff.clone(),
        Verdict::Misquoted {
            diff,
            passage: Some(passage),
            ..
        } => format!("closest is {passage}: {diff}"),
        Verdict::WrongSource { found } => format!("the words are in {found}"),
        Verdict::WrongLocator { found, why } => format!("verified in {found}, but {why}"),
        Verdict::Gone { why, found: None } => why.clone(),
        Verdict::Gone {
            why,
            found: Some(found),
        } => format!("{why}; the words are in {found} now: cite it there"),
        Verdict::FoundIn { found } => format!("{found} holds it; cite it there"),
        Verdict::NotFromCorpus => short(&q.text),
        Verdict::UnknownWork { why, found: None } => why.clone(),
        Verdict::UnknownWork {
            why,
            found: Some(found),
        } => format!("{why} (the words are in {found})"),
    };
    let sep = if detail.is_empty() { "" } else { ": " };
    writeln!(
        out,
        "{}:{}: {result}{cited}{sep}{detail}",
        path.display(),
        q.line
    )
}

/// The note for a document that quotes the evidence pack's summaries of
/// reports as if they were the reports' own words: its verified quotes of
/// a report the pack summarises, when the document never says "summarised
/// in" or cites the pack (an export does both). The words verify; who
/// wrote them is what a reader would get wrong.
fn pack_note(corpus: &evidence::corpus::Corpus, list: &[Checked], text: &str) -> Option<String> {
    let pack = evidence::cite::pack();
    let lower = text.to_lowercase();
    if lower.contains("summarised in")
        || lower.contains("summarized in")
        || lower.contains(&format!("@{}", pack.key).to_lowercase())
    {
        return None;
    }
    let mut ids: Vec<&str> = list
        .iter()
        .filter(|c| c.verdict == Verdict::Verified)
        .filter_map(|c| c.quotation.cited.as_deref())
        .filter(|id| {
            corpus
                .passage(id)
                .is_some_and(|(r, p)| evidence::export::is_pack_summary(r, p))
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let first = ids.first()?;
    let whose = match ids.len() {
        1 => format!(
            "{first} are the evidence pack's summary of its report, not the report's own words"
        ),
        n => format!(
            "{first} and {} more are the evidence pack's summaries of their reports, not the reports' own words",
            n - 1
        ),
    };
    Some(format!(
        "the words quoted from {whose}: cite them as summarised in the pack (as `evidence export` does)"
    ))
}

/// A quotation cut to its first words, for a line of output.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 10 {
        format!("“{}”", words.join(" "))
    } else {
        format!("“{} …”", words[..10].join(" "))
    }
}

/// What the workspace's basket knows of what it collected from this corpus
/// (another's passage of one id is another passage): each passage's text
/// as it was collected, so that a chapter quoting it is checked against
/// what it said then too; and the keys its reports had then that the
/// corpus no longer gives (a report removed, or whose details changed), so
/// that a quote credited to one is not taken for another work's. The
/// basket is read as it is: one that does not read is left where it is.
fn collected(cli: &Cli, corpus: &evidence::corpus::Corpus) -> verify::Collected {
    let Some((basket, open)) = super::basket::peek(cli) else {
        return verify::Collected::default();
    };
    let current: std::collections::HashSet<String> =
        evidence::cite::keys(corpus).into_iter().collect();
    let mut collected = verify::Collected::default();
    for e in &basket.excerpts {
        if e.status(corpus, Some(&open)) == evidence::basket::ExcerptStatus::Elsewhere {
            continue;
        }
        let mut texts = e.earlier.clone();
        texts.push(e.text.clone());
        collected.texts.insert(e.passage_id.clone(), texts);
        let key = e.collected_key();
        if !current.contains(&key) {
            collected.keys.insert(key, e.report_id.clone());
        }
    }
    collected
}
