//! `evidence basket`: the workspace's basket from the command line. `list`
//! (the default) prints its excerpts in order, marked when they have a note
//! or no longer read as in the corpus open; `add` and `rm` take passage or
//! report ids, all or nothing; `clear` empties it, and will not lose notes
//! without `--yes`. Also opens the basket for `export --basket`.
//!
//! The basket is the explorer's: the same file of the same workspace, read
//! with [`Basket::load`] and written with [`Basket::save`], so a change made
//! here merges with an explorer that has the basket open instead of
//! clobbering it (and the explorer's next save takes it in).

use super::args::{BasketAction, BasketArgs, split_ids};
use super::corpus::recorded_or_loaded;
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::basket::{Basket, Excerpt, ExcerptStatus, Saved};
use evidence::corpus::{Corpus, CorpusSource};
use evidence::english::plural;
use evidence::json;
use evidence::workspace::CorpusRef;
use evidence::{Error, Result};
use std::io::{self, Write};
use std::path::PathBuf;

/// How many ids a message names before it says how many more there are.
const IDS_SHOWN: usize = 6;

/// How many words of an excerpt a line of the list shows.
const FIRST_WORDS: usize = 8;

/// The basket of the workspace in use, as loaded.
pub struct WorkspaceBasket {
    /// The workspace's name.
    pub workspace: String,
    /// The basket's file.
    pub path: PathBuf,
    /// The corpus open, as excerpts collected from it remember it.
    pub corpus: CorpusRef,
    pub basket: Basket,
}

impl WorkspaceBasket {
    /// The basket in words: "the basket of workspace NAME".
    pub fn named(&self) -> String {
        format!("the basket of workspace {}", self.workspace)
    }

    /// Saves the basket where the explorer does; notes on stderr when the
    /// save merged with another instance's or set a bad file aside. What
    /// it did is returned.
    fn save(&mut self) -> Result<Saved> {
        let saved = self.basket.save(&self.path)?;
        if let Some(aside) = &saved.set_aside {
            note(&format!(
                "the basket file could not be read; it was kept as {}",
                aside.display()
            ));
        }
        if !saved.restored.is_empty() {
            note(&format!(
                "kept {}: a note was written on it elsewhere since this basket was read",
                saved.restored.join(", ")
            ));
        }
        if saved.merged + saved.dropped > 0 {
            note(&format!(
                "another instance changed the basket meanwhile: {} added there kept, {} taken out there left out",
                plural(saved.merged, "excerpt"),
                plural(saved.dropped, "excerpt")
            ));
        }
        Ok(saved)
    }
}

/// A note on stderr.
fn note(text: &str) {
    let _ = writeln!(io::stderr(), "evidence: note: {text}");
}

/// What to say when the basket is empty: how to fill it.
pub const HOW_TO_ADD: &str =
    "add passages with `evidence basket add ID…`, or with Space in the explorer";

/// Opens the workspace of the corpus in use (or `--workspace`'s) and loads
/// its basket, as the explorer does when it starts: the workspace's notes,
/// and a basket file set aside because it could not be read, said on
/// stderr. A named workspace that is not there is made only when `make`
/// (the basket is about to be added to); otherwise it is an error.
/// The workspace's basket and the corpus it is of, read as they are (see
/// [`Basket::peek`]): `None` when there is no workspace or basket, or it
/// does not read.
pub fn peek(cli: &Cli) -> Option<(Basket, evidence::workspace::CorpusRef)> {
    let store = super::workspaces::store().ok()?;
    let source = CorpusSource::chosen(cli.corpus.as_deref()).ok()?;
    let opened = store
        .open_existing(&source, cli.workspace.as_deref())
        .ok()?;
    super::history::quiet_notes(&opened);
    let basket = Basket::peek(&opened.workspace.basket_path())?;
    Some((basket, opened.corpus))
}

pub fn open(cli: &Cli, make: bool) -> Result<WorkspaceBasket> {
    let store = super::workspaces::store()?;
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let name = cli.workspace.as_deref();
    let opened = if make {
        store.open(&source, name)?
    } else {
        store.open_existing(&source, name)?
    };
    for n in &opened.notes {
        note(n);
    }
    let path = opened.workspace.basket_path();
    let loaded = Basket::load(&path)?;
    if let Some(aside) = &loaded.set_aside {
        note(&format!(
            "the basket file could not be read ({}); it was kept as {} and a new basket started",
            loaded.reason.as_deref().unwrap_or("not a basket"),
            aside.display()
        ));
    }
    Ok(WorkspaceBasket {
        workspace: opened.workspace.name,
        path,
        corpus: opened.corpus,
        basket: loaded.basket,
    })
}

pub fn basket(
    cli: &Cli,
    args: &BasketArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    match &args.action {
        None => list(cli, args.json.json, paint, out),
        Some(BasketAction::List(flag)) => list(cli, flag.json, paint, out),
        Some(BasketAction::Add { ids, json }) => add(cli, ids, json.json, out),
        Some(BasketAction::Rm { ids, yes, json }) => rm(cli, ids, *yes, json.json, out),
        Some(BasketAction::Clear { yes, json }) => clear(cli, *yes, json.json, out),
        Some(BasketAction::Update { ids, json }) => update(cli, ids, json.json, out),
    }
}

/// `basket` / `basket list`.
fn list(cli: &Cli, json: bool, paint: Paint, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let wb = open(cli, false)?;
    let corpus = recorded_or_loaded(cli)?;
    // Cited as an export cites them: by their reports' details as the
    // corpus has them now (a date corrected since they were collected).
    let cited = wb.basket.cited(&corpus, Some(&wb.corpus));
    let status = &cited.statuses;
    let collected = &wb.basket.excerpts;
    let excerpts = &cited.excerpts;
    // What changed in each excerpt's report's details since it was
    // collected; said of the excerpts the corpus still has (a gone one's
    // mark is that).
    let changes: Vec<Vec<String>> = collected
        .iter()
        .zip(excerpts)
        .zip(status)
        .map(|((before, now), s)| {
            if matches!(s, ExcerptStatus::Same | ExcerptStatus::Changed) {
                evidence::basket::detail_changes(&before.citation(), &now.citation())
            } else {
                Vec::new()
            }
        })
        .collect();
    let updated: Vec<bool> = changes.iter().map(|c| !c.is_empty()).collect();
    if json {
        let doc = json::BasketJson {
            workspace: wb.workspace.clone(),
            path: wb.path.clone(),
            count: excerpts.len(),
            notes: wb.basket.notes(),
            queries: wb.basket.queries.clone(),
            excerpts: excerpts
                .iter()
                .zip(status)
                .zip(&changes)
                .map(|((e, s), c)| json::BasketExcerptJson::new(e, *s, c.clone()))
                .collect(),
        };
        write_json(out, &doc)?;
        return Ok(Outcome::of(!excerpts.is_empty()));
    }
    if excerpts.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "evidence: {} is empty: {HOW_TO_ADD}",
            wb.named()
        );
        return Ok(Outcome::NothingFound);
    }
    let titles: Vec<String> = collected
        .iter()
        .zip(status)
        .map(|(e, s)| short_title(&corpus, e, *s))
        .collect();
    let id_w = widest(excerpts.iter().map(|e| e.passage_id.as_str()));
    let title_w = widest(titles.iter().map(String::as_str));
    for (((e, s), title), updated) in excerpts.iter().zip(status).zip(&titles).zip(&updated) {
        let mut marks = marks(&corpus, e, *s);
        if *updated {
            marks.push("details updated");
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("  {}", paint.bold(&format!("[{}]", marks.join(", "))))
        };
        writeln!(
            out,
            "{}  {}  {}{marks}",
            paint.accent(&format!("{:<id_w$}", e.passage_id)),
            paint.dim(&format!("{title:<title_w$}")),
            first_words(&e.text),
        )?;
    }
    let mut line = count_line(&wb, status);
    // Each report once, with what changed in its details.
    let mut reports: Vec<String> = Vec::new();
    for (now, changed) in excerpts.iter().zip(&changes).filter(|(_, c)| !c.is_empty()) {
        let named = format!("{} ({})", now.report_title, changed.join("; "));
        if !reports.contains(&named) {
            reports.push(named);
        }
    }
    if !reports.is_empty() {
        line.push_str(&format!(
            "; cited by details updated since collected: {}",
            reports.join(", ")
        ));
    }
    writeln!(out, "{line}")?;
    if !reports.is_empty() {
        note("exports cite the details now; `evidence basket update` keeps them in the basket");
    }
    if status.contains(&ExcerptStatus::Changed) {
        note(UPDATE_HINT);
    }
    Ok(Outcome::Found)
}

/// The list's closing line: how many excerpts, notes, and those that no
/// longer read as in the corpus.
fn count_line(wb: &WorkspaceBasket, status: &[ExcerptStatus]) -> String {
    let n = wb.basket.len();
    let mut line = format!("{} in {}", plural(n, "excerpt"), wb.named());
    match wb.basket.notes() {
        0 => {}
        notes => line.push_str(&format!(" ({notes} with a note)")),
    }
    let count = |which: ExcerptStatus| status.iter().filter(|s| **s == which).count();
    let mut changed = Vec::new();
    for (which, words) in [
        (
            ExcerptStatus::Changed,
            "changed in the corpus since collected",
        ),
        (ExcerptStatus::Gone, "gone from the corpus"),
        (ExcerptStatus::Elsewhere, "from another corpus"),
    ] {
        let k = count(which);
        if k > 0 {
            changed.push(format!("{k} {words}"));
        }
    }
    if !changed.is_empty() {
        line.push_str("; ");
        line.push_str(&changed.join(", "));
    }
    line
}

/// How to take a changed passage's text into the basket.
pub const UPDATE_HINT: &str =
    "`evidence basket update` shows what changed and takes the corpus's text now, notes kept";

/// The report's short title, as the corpus open has it when the excerpt is
/// from it, else the title it was collected with, cut as a short title is.
fn short_title(corpus: &Corpus, e: &Excerpt, status: ExcerptStatus) -> String {
    match (status, corpus.report(&e.report_id)) {
        (ExcerptStatus::Same | ExcerptStatus::Changed, Some(r)) if !r.short_title.is_empty() => {
            r.short_title.clone()
        }
        _ => evidence::corpus::short_of(&e.report_title),
    }
}

/// What a line of the list marks: a note, and how the excerpt compares with
/// the corpus open.
fn marks(corpus: &Corpus, e: &Excerpt, status: ExcerptStatus) -> Vec<&'static str> {
    let mut marks = Vec::new();
    if !e.note.trim().is_empty() {
        marks.push("note");
    }
    match status {
        ExcerptStatus::Same => {}
        ExcerptStatus::Changed => marks.push("changed"),
        ExcerptStatus::Gone if corpus.retired(&e.passage_id).is_some() => {
            marks.push("gone: retired, see `evidence show` on its id")
        }
        // The id is there, on text that shares few of the excerpt's words:
        // its passage deleted by hand and the number taken by a new one.
        ExcerptStatus::Gone if corpus.passage(&e.passage_id).is_some() => {
            marks.push("gone: the id names other text now")
        }
        ExcerptStatus::Gone => marks.push("gone"),
        ExcerptStatus::Elsewhere => marks.push("other corpus"),
    }
    marks
}

/// The first words of a text on one line, with `…` when there are more.
fn first_words(text: &str) -> String {
    let mut words = text.split_whitespace();
    let shown: Vec<&str> = words.by_ref().take(FIRST_WORDS).collect();
    let mut line = shown.join(" ");
    if words.next().is_some() {
        line.push('…');
    }
    line
}

/// The width of the widest of some strings, in characters.
fn widest<'a>(items: impl Iterator<Item = &'a str>) -> usize {
    items.map(|s| s.chars().count()).max().unwrap_or(0)
}

/// Ids in a sentence: all of them, or the first few and how many more.
fn ids_shown(ids: &[String]) -> String {
    if ids.len() <= IDS_SHOWN {
        return ids.join(", ");
    }
    format!(
        "{} and {} more",
        ids[..IDS_SHOWN - 1].join(", "),
        ids.len() - (IDS_SHOWN - 1)
    )
}

/// The ids given, split at commas; an error when there are none (`basket
/// add ''`, say).
fn given_ids(ids: &[String], verb: &str) -> Result<Vec<String>> {
    let ids = split_ids(ids);
    if ids.is_empty() {
        return Err(Error::InvalidInput(format!(
            "nothing to {verb}: give passage ids such as big-med/4, or report ids such as big-med"
        )));
    }
    Ok(ids)
}

/// `basket add ID…`.
fn add(cli: &Cli, ids: &[String], json: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let ids = given_ids(ids, "add")?;
    let mut wb = open(cli, true)?;
    let corpus = recorded_or_loaded(cli)?;
    let today = evidence::date::today();
    let mut done = match wb.basket.add_ids(&corpus, Some(&wb.corpus), &ids, &today) {
        // As `show` answers a retired id: where its text went, exit 1.
        Err(Error::Retired(sentence)) => {
            let _ = writeln!(io::stderr(), "evidence: {sentence}; nothing was added");
            return Ok(Outcome::NothingFound);
        }
        Err(e) => return Err(anyhow::anyhow!("{e}; nothing was added")),
        Ok(done) => done,
    };
    if !done.added.is_empty() {
        // Another process that added one of them in the meantime (ten
        // scripts adding the same id at once) added it, not this one.
        let saved = wb.save()?;
        let there: Vec<String> = saved.added_there_too;
        done.added.retain(|id| !there.contains(id));
        done.already.extend(there);
    }
    if json {
        let doc = json::BasketChange {
            workspace: wb.workspace.clone(),
            path: wb.path.clone(),
            added: done.added.clone(),
            already: done.already.clone(),
            count: wb.basket.len(),
            ..Default::default()
        };
        write_json(out, &doc)?;
    } else {
        if !done.added.is_empty() {
            writeln!(
                out,
                "added {} to {}: {}",
                plural(done.added.len(), "excerpt"),
                wb.named(),
                ids_shown(&done.added)
            )?;
        }
        if !done.already.is_empty() {
            writeln!(
                out,
                "already in the basket, left as {}: {}",
                if done.already.len() == 1 {
                    "it was"
                } else {
                    "they were"
                },
                ids_shown(&done.already)
            )?;
        }
        writeln!(out, "the basket has {}", plural(wb.basket.len(), "excerpt"))?;
    }
    Ok(Outcome::of(!done.added.is_empty()))
}

/// `basket update [ID…]`: the corpus's text now for excerpts that changed,
/// each shown as a word diff from what it was.
fn update(cli: &Cli, ids: &[String], json: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let ids = split_ids(ids);
    let mut wb = open(cli, false)?;
    let corpus = recorded_or_loaded(cli)?;
    let today = evidence::date::today();
    let open_ref = wb.corpus.clone();
    let done = wb
        .basket
        .update_ids(&corpus, Some(&open_ref), &ids, &today)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was updated"))?;
    let changed = !done.updated.is_empty() || !done.details.is_empty();
    if changed {
        wb.save()?;
    }
    let updated: Vec<String> = done.updated.iter().map(|(id, _)| id.clone()).collect();
    if json {
        let doc = json::BasketChange {
            workspace: wb.workspace.clone(),
            path: wb.path.clone(),
            updated,
            details_updated: done.details.iter().map(|(id, _)| id.clone()).collect(),
            detail_changes: done.details.iter().cloned().collect(),
            current: done.current.clone(),
            gone: done.gone.clone(),
            other_corpus: done.elsewhere.clone(),
            absent: done.absent.clone(),
            count: wb.basket.len(),
            ..Default::default()
        };
        write_json(out, &doc)?;
        return Ok(Outcome::of(changed));
    }
    for (id, changes) in &done.details {
        writeln!(
            out,
            "updated {id} to its report's details now: {}",
            changes.join("; ")
        )?;
    }
    for (id, before) in &done.updated {
        let now = corpus.passage(id).map_or("", |(_, p)| p.text.as_str());
        writeln!(
            out,
            "updated {id} to the corpus's text now: {}",
            evidence::verify::word_diff(before, now)
        )?;
    }
    let lists = [
        ("gone from the corpus, kept as collected", &done.gone),
        (
            "from another corpus, not looked for in this one",
            &done.elsewhere,
        ),
        ("not in the basket", &done.absent),
    ];
    for (words, list) in lists {
        if !list.is_empty() {
            writeln!(out, "{words}: {}", ids_shown(list))?;
        }
    }
    if !changed {
        let named = if ids.is_empty() {
            "no excerpt"
        } else {
            "none of them"
        };
        writeln!(
            out,
            "{named} changed in the corpus since collected: nothing to update"
        )?;
    }
    writeln!(out, "the basket has {}", plural(wb.basket.len(), "excerpt"))?;
    Ok(Outcome::of(changed))
}

/// `basket rm ID… [--yes]`: refused when notes would be lost, unless `yes`
/// (as `clear` is).
fn rm(
    cli: &Cli,
    ids: &[String],
    yes: bool,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let ids = given_ids(ids, "take out")?;
    let mut wb = open(cli, false)?;
    let corpus = recorded_or_loaded(cli)?;
    // Taken out of a copy first: the basket changes only when nothing the
    // user wrote would be lost without their say.
    let mut after = wb.basket.clone();
    let done = after
        .remove_ids(&corpus, &ids)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was taken out"))?;
    let noted: Vec<String> = done
        .removed
        .iter()
        .filter(|e| !e.note.trim().is_empty())
        .map(|e| e.passage_id.clone())
        .collect();
    if !noted.is_empty() && !yes {
        let (them, note) = if noted.len() == 1 {
            ("it", "its note")
        } else {
            ("them", "their notes")
        };
        return Err(Error::InvalidInput(format!(
            "{} {} a note: taking {them} out would lose {note}; nothing was taken out (export the basket first, then add --yes)",
            ids_shown(&noted),
            if noted.len() == 1 { "has" } else { "have" },
        ))
        .into());
    }
    wb.basket = after;
    let mut done = done;
    if !done.removed.is_empty() {
        // One another process took out in the meantime is its doing.
        let saved = wb.save()?;
        let there = saved.removed_there_too;
        done.removed
            .retain(|e| !there.contains(&e.passage_id) && !saved.restored.contains(&e.passage_id));
        done.absent.extend(there);
    }
    let removed: Vec<String> = done.removed.iter().map(|e| e.passage_id.clone()).collect();
    let notes = done
        .removed
        .iter()
        .filter(|e| !e.note.trim().is_empty())
        .count();
    if json {
        let doc = json::BasketChange {
            workspace: wb.workspace.clone(),
            path: wb.path.clone(),
            removed: removed.clone(),
            absent: done.absent.clone(),
            notes_removed: notes,
            count: wb.basket.len(),
            ..Default::default()
        };
        write_json(out, &doc)?;
    } else {
        if !removed.is_empty() {
            let with_notes = if notes > 0 {
                format!(" ({} with a note)", notes)
            } else {
                String::new()
            };
            writeln!(
                out,
                "took {}{with_notes} out of {}: {}",
                plural(removed.len(), "excerpt"),
                wb.named(),
                ids_shown(&removed)
            )?;
        }
        if !done.absent.is_empty() {
            writeln!(out, "not in the basket: {}", ids_shown(&done.absent))?;
        }
        writeln!(out, "the basket has {}", plural(wb.basket.len(), "excerpt"))?;
    }
    Ok(Outcome::of(!removed.is_empty()))
}

/// `basket clear [--yes]`: refused when notes would be lost, unless `yes`.
fn clear(cli: &Cli, yes: bool, json: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut wb = open(cli, false)?;
    let n = wb.basket.len();
    let notes = wb.basket.notes();
    if n == 0 {
        if json {
            let doc = json::BasketChange {
                workspace: wb.workspace.clone(),
                path: wb.path.clone(),
                ..Default::default()
            };
            write_json(out, &doc)?;
        }
        let _ = writeln!(io::stderr(), "evidence: {} is already empty", wb.named());
        return Ok(Outcome::NothingFound);
    }
    if notes > 0 && !yes {
        return Err(Error::InvalidInput(format!(
            "{} has {}, {} with a note: clearing it would lose the {}; export it first (`evidence export --basket --out notes.md`), then `evidence basket clear --yes`",
            wb.named(),
            plural(n, "excerpt"),
            notes,
            if notes == 1 { "note" } else { "notes" }
        ))
        .into());
    }
    let removed = wb.basket.clear();
    wb.save()?;
    if json {
        let doc = json::BasketChange {
            workspace: wb.workspace.clone(),
            path: wb.path.clone(),
            removed: removed.iter().map(|e| e.passage_id.clone()).collect(),
            notes_removed: notes,
            count: wb.basket.len(),
            ..Default::default()
        };
        write_json(out, &doc)?;
    } else {
        writeln!(
            out,
            "cleared {}: took out {} and {}",
            wb.named(),
            plural(removed.len(), "excerpt"),
            plural(notes, "note")
        )?;
    }
    Ok(Outcome::Found)
}
