//! `evidence history` and `evidence saved`: the workspace's search history
//! and saved searches from the command line, the same files the explorer
//! keeps (loaded and saved through [`evidence::state::Tracked`], so a change
//! here merges with a running explorer's). Also recording the searches that
//! `search` and `export` run ([`record`]), unless `EVIDENCE_NO_HISTORY` is
//! set, and running a saved search for `search --saved`, `map --saved` and
//! `export --saved` ([`saved_request`]).
//!
//! `history --clear` asks first on a terminal; off one (a script, a pipe)
//! it clears only with `--yes`, and otherwise fails without clearing.

use super::args::{HistoryArgs, SavedAction, SavedArgs, query_text};
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::corpus::CorpusSource;
use evidence::english::plural;
use evidence::history::{Entry, History};
use evidence::json;
use evidence::saved::{self, SavedSearch, Searches};
use evidence::search::{Filters, Index, SearchRequest};
use evidence::state::{Kept, Tracked};
use evidence::workspace::Opened;
use evidence::{Error, Result};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

use evidence::history::NO_HISTORY;

/// A note on stderr.
fn note(text: &str) {
    let _ = writeln!(io::stderr(), "evidence: note: {text}");
}

/// The workspace in use, opened as `basket` opens it: a named one that is
/// not there is made only when `make` (something is about to be kept in
/// it), and is otherwise an error.
fn workspace(cli: &Cli, quiet: bool, make: bool) -> Result<Opened> {
    let store = super::workspaces::store()?;
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    let name = cli.workspace.as_deref();
    let opened = if make {
        store.open(&source, name)?
    } else {
        store.open_existing(&source, name)?
    };
    for n in &opened.notes {
        if !quiet || said_when_quiet(n) {
            note(n);
        }
    }
    Ok(opened)
}

/// The notes a command that opens the workspace only on the side (to
/// record a search, to read a saved one) still gives: a workspace it made,
/// a corpus folder that took another's files, and a named workspace moved
/// off its corpus folder, so that a mistyped `--workspace` or a missing
/// `--corpus` is not passed over unsaid.
fn said_when_quiet(n: &str) -> bool {
    use evidence::workspace::{NEW_WORKSPACE, ON_BUNDLED, TAKES_FILES};
    n.contains(NEW_WORKSPACE) || n.contains(TAKES_FILES) || n.contains(ON_BUNDLED)
}

/// Says on stderr the notes of a workspace opened on the side that
/// [`said_when_quiet`] keeps.
pub fn quiet_notes(opened: &Opened) {
    for n in opened.notes.iter().filter(|n| said_when_quiet(n)) {
        note(n);
    }
}

/// Loads a state file, saying on stderr when an unreadable one was set aside.
fn load<T: Kept>(path: &std::path::Path) -> Result<Tracked<T>> {
    let loaded = Tracked::<T>::load(path)?;
    if let Some(aside) = &loaded.set_aside {
        note(&format!(
            "{} file could not be read ({}); it was kept as {} and a new one started",
            T::WHAT,
            loaded.reason.as_deref().unwrap_or("unreadable"),
            aside.display()
        ));
    }
    Ok(loaded.tracked)
}

/// Saves a state file, saying on stderr when a bad file was set aside.
fn save<T: Kept>(tracked: &mut Tracked<T>, path: &std::path::Path) -> Result<()> {
    let saved = tracked.save(path)?;
    if let Some(aside) = saved.set_aside {
        note(&format!(
            "{} file could not be read; it was kept as {}",
            T::WHAT,
            aside.display()
        ));
    }
    Ok(())
}

/// Records a search that `search` or `export` ran, unless
/// [`NO_HISTORY`] is set. A history that cannot be kept (no data folder, a
/// read-only one, an unreadable file) never fails the search it records,
/// but says so in one note on stderr, so that a researcher who counts on
/// finding the search again is not misled.
pub fn record(cli: &Cli, query: &str, filters: &Filters, hits: usize) {
    if evidence::history::off() {
        return;
    }
    let kept = (|| -> Result<()> {
        let opened = workspace(cli, true, true)?;
        let path = opened.workspace.history_path();
        let mut history = Tracked::<History>::load(&path)?.tracked;
        if history
            .value
            .record_run(Entry::now(query, filters, Some(&opened.corpus), hits))
        {
            history.save(&path)?;
        }
        Ok(())
    })();
    if let Err(e) = kept {
        note(&format!(
            "this search was not added to the history ({e}); set {NO_HISTORY}=1 to stop recording searches"
        ));
    }
}

/// The search a command runs: the one saved as `saved`, with `filters`
/// added (see [`saved_request`]), or `query` under `filters`, spelled as
/// the corpus spells its ids so that the history records what was searched
/// (`--report BIG-MED` as `big-med`); at most `limit` hits. With the notes
/// on filters a saved search lost.
pub fn request(
    cli: &Cli,
    saved: Option<&str>,
    query: &str,
    filters: &Filters,
    limit: usize,
    index: &Index,
) -> Result<(SearchRequest, Vec<String>)> {
    Ok(match saved {
        Some(name) => {
            let (request, lost) = saved_request(cli, name, filters, index)?;
            (SearchRequest { limit, ..request }, lost)
        }
        None => (
            SearchRequest {
                query: query.to_string(),
                filters: filters.spelled_as(index.corpus()),
                limit,
            },
            Vec::new(),
        ),
    })
}

/// The search saved as `name`, as the corpus of `index` can run it: its
/// query, and its filters with `extra` added (reports and themes the corpus
/// no longer has left out, with a note on stderr each).
pub fn saved_request(
    cli: &Cli,
    name: &str,
    extra: &Filters,
    index: &Index,
) -> Result<(SearchRequest, Vec<String>)> {
    let opened = workspace(cli, true, false)?;
    let searches = load::<Searches>(&opened.workspace.searches_path())?;
    let search = searches.value.find(name)?;
    let (mut filters, notes) = search.filters_in(index.corpus());
    for n in &notes {
        note(n);
    }
    for (mine, more) in [
        (&mut filters.reports, &extra.reports),
        (&mut filters.not_reports, &extra.not_reports),
        (&mut filters.themes, &extra.themes),
        (&mut filters.not_themes, &extra.not_themes),
    ] {
        for id in more {
            if !mine.contains(id) {
                mine.push(id.clone());
            }
        }
    }
    Ok((
        SearchRequest {
            query: search.query.clone(),
            filters,
            limit: 20,
        },
        notes,
    ))
}

/// The names of the saved searches with these queries (an export's).
pub fn saved_names(cli: &Cli, queries: &[String]) -> Vec<String> {
    workspace(cli, true, false)
        .ok()
        .and_then(|o| Tracked::<Searches>::peek(&o.workspace.searches_path()).ok())
        .map(|s| s.names_of(queries))
        .unwrap_or_default()
}

/// `history`.
pub fn history(
    cli: &Cli,
    args: &HistoryArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if args.limit == Some(0) {
        return Err(Error::InvalidInput(
            "--limit 0 would list no search: give 1 or more".to_string(),
        )
        .into());
    }
    let opened = workspace(cli, false, false)?;
    let path = opened.workspace.history_path();
    let mut history = load::<History>(&path)?;
    let name = opened.workspace.name;
    if args.clear {
        return clear(&mut history, &path, &name, args.yes, args.json.json, out);
    }
    let entries = &history.value.entries;
    let shown = &entries[entries.len() - args.limit.unwrap_or(entries.len()).min(entries.len())..];
    if args.json.json {
        write_json(
            out,
            &json::HistoryJson {
                workspace: name,
                path,
                count: shown.len(),
                entries: shown.iter().map(Into::into).collect(),
            },
        )?;
        return Ok(Outcome::of(!shown.is_empty()));
    }
    if shown.is_empty() && !entries.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    if shown.is_empty() {
        let how = if evidence::history::off() {
            format!("searches are not recorded while {NO_HISTORY} is set")
        } else {
            "searches are recorded as you run them".to_string()
        };
        let _ = writeln!(
            io::stderr(),
            "evidence: the history of workspace {name} is empty: {how}"
        );
        return Ok(Outcome::NothingFound);
    }
    let hits_w = shown
        .iter()
        .map(|e| e.hits.to_string().len())
        .max()
        .unwrap_or(1);
    for e in shown {
        writeln!(
            out,
            "{}  {:>hits_w$}  {}{}",
            paint.dim(&e.when()),
            e.hits,
            paint.accent(&shown_query(&e.query)),
            filters_words(&e.filters, paint),
        )?;
    }
    Ok(Outcome::Found)
}

/// A query as a list shows it: `(every passage)` for the empty one, and on
/// one line whatever it holds (a pasted line end or tab is a space, and a
/// control character, which a terminal would act on, `?`).
fn shown_query(query: &str) -> String {
    if query.is_empty() {
        return "(every passage)".to_string();
    }
    query
        .chars()
        .map(|c| match c {
            c if c.is_whitespace() => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

/// The filters after a query in a list, dimmed: `  [theme: mergers]`.
fn filters_words(filters: &Filters, paint: Paint) -> String {
    let words = filters.describe();
    if words.is_empty() {
        String::new()
    } else {
        format!("  {}", paint.dim(&format!("[{}]", words.join("; "))))
    }
}

/// `history --clear`: asks first on a terminal, needs `--yes` off one.
fn clear(
    history: &mut Tracked<History>,
    path: &std::path::Path,
    name: &str,
    yes: bool,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let n = history.value.entries.len();
    if n > 0 && !yes {
        if !io::stdin().is_terminal() {
            return Err(Error::InvalidInput(format!(
                "the history of workspace {name} has {}; clearing it off a terminal needs --yes (nothing was cleared)",
                plural(n, "search")
            ))
            .into());
        }
        let _ = write!(
            io::stderr(),
            "evidence: clear {} from the history of workspace {name}? [y/N] ",
            plural(n, "search")
        );
        let _ = io::stderr().flush();
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            let _ = writeln!(io::stderr(), "evidence: the history was left as it was");
            return Ok(Outcome::NothingFound);
        }
    }
    let cleared = history.value.clear();
    save(history, path)?;
    if json {
        write_json(
            out,
            &json::HistoryCleared {
                workspace: name.to_string(),
                cleared,
            },
        )?;
    } else {
        let _ = writeln!(
            io::stderr(),
            "evidence: cleared {} from the history of workspace {name}",
            plural(cleared, "search")
        );
    }
    Ok(Outcome::Found)
}

/// `saved`.
pub fn saved(
    cli: &Cli,
    args: &SavedArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    match &args.action {
        None => list(cli, args.json.json, paint, out),
        Some(SavedAction::List(flag)) => list(cli, flag.json, paint, out),
        Some(SavedAction::Add {
            name,
            query,
            filter,
        }) => add(cli, name, &query_text(query), &filter.filters()),
        Some(SavedAction::Rm { name }) => rm(cli, name),
    }
}

/// The saved searches of the workspace, loaded.
fn open_saved(cli: &Cli, make: bool) -> Result<(String, PathBuf, Tracked<Searches>)> {
    let opened = workspace(cli, false, make)?;
    let path = opened.workspace.searches_path();
    let searches = load::<Searches>(&path)?;
    Ok((opened.workspace.name, path, searches))
}

/// How many passages a saved search finds in `index`'s corpus now, with
/// the notes on what it runs without; `None` and why when it cannot run.
fn count(index: &Index, search: &SavedSearch) -> (Option<usize>, Vec<String>) {
    let (filters, mut notes) = search.filters_in(index.corpus());
    let request = SearchRequest {
        query: search.query.clone(),
        filters,
        limit: 0,
    };
    match index.search(&request) {
        Ok(results) => (Some(results.total), notes),
        Err(e) => {
            notes.push(e.to_string());
            (None, notes)
        }
    }
}

/// `saved` / `saved list`.
fn list(cli: &Cli, json: bool, paint: Paint, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (name, path, searches) = open_saved(cli, false)?;
    let list = &searches.value.list;
    if list.is_empty() && !json {
        let _ = writeln!(
            io::stderr(),
            "evidence: workspace {name} has no saved searches: save one with `evidence saved add NAME QUERY`, or S in the explorer"
        );
        return Ok(Outcome::NothingFound);
    }
    let index = super::search::open_index(cli, false, false)?;
    let counted: Vec<_> = list.iter().map(|s| count(index, s)).collect();
    if json {
        let doc = json::SavedJson {
            workspace: name,
            path,
            count: list.len(),
            searches: list
                .iter()
                .zip(counted)
                .map(|(s, (hits, notes))| json::SavedSearchJson {
                    name: s.name.clone(),
                    query: s.query.clone(),
                    filters: (&s.filters).into(),
                    saved: s.saved.clone(),
                    hits,
                    notes,
                })
                .collect(),
        };
        write_json(out, &doc)?;
        return Ok(Outcome::of(!list.is_empty()));
    }
    let name_w = super::widest_cols(list.iter().map(|s| s.name.as_str()));
    for (s, (hits, notes)) in list.iter().zip(counted) {
        let hits = hits.map_or_else(|| "-".to_string(), |n| plural(n, "passage"));
        // The filters it runs with, and those it names that the corpus no
        // longer has, which its count is without.
        let (runs, missing) = s.filters.within(index.corpus());
        let gone = if missing.is_empty() {
            String::new()
        } else {
            format!(
                "  {}",
                paint.highlight(&format!("[gone, so not applied: {}]", missing.join(", ")))
            )
        };
        writeln!(
            out,
            "{}  {}  {}{}{gone}",
            paint.accent(&super::padded(&s.name, name_w)),
            shown_query(&s.query),
            paint.dim(&format!("({hits})")),
            filters_words(&runs, paint),
        )?;
        for n in notes {
            note(&n);
        }
    }
    Ok(Outcome::Found)
}

/// `saved add NAME QUERY [filters]`: the filters must name reports and
/// themes the corpus has, as `search` checks them.
fn add(cli: &Cli, name: &str, query: &str, filters: &Filters) -> anyhow::Result<Outcome> {
    let name = saved::check_name(name)?;
    if query.trim().is_empty() && filters.is_empty() {
        return Err(Error::InvalidInput(format!(
            "the search to save as `{name}` has no words and no filter: give a query (`evidence saved add {name} \"buddying costs\"`) or a filter (--report, --theme)"
        ))
        .into());
    }
    let corpus = super::corpus::recorded_or_loaded(cli)?;
    // Ids in any case, saved as the corpus spells them; a theme id the
    // coding frame retired, as the themes that succeed it.
    let (filters, replaced) = filters.spelled_as(&corpus).with_successors(&corpus);
    let filters = &filters;
    filters.check_ids(&corpus)?;
    for (id, names) in &replaced {
        let _ = writeln!(
            io::stderr(),
            "evidence: note: theme `{id}` is now {}; saved with {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" and "),
            if names.len() == 1 { "it" } else { "each" }
        );
    }
    let (ws, path, mut searches) = open_saved(cli, true)?;
    let replaced = searches.value.put(SavedSearch::new(&name, query, filters));
    save(&mut searches, &path)?;
    let _ = writeln!(
        io::stderr(),
        "evidence: {} `{name}` in workspace {ws}: {}{}",
        if replaced.is_some() {
            "replaced the saved search"
        } else {
            "saved"
        },
        shown_query(query.trim()),
        filters_words(filters, Paint::PLAIN),
    );
    Ok(Outcome::Found)
}

/// `saved rm NAME`.
fn rm(cli: &Cli, name: &str) -> anyhow::Result<Outcome> {
    let (ws, path, mut searches) = open_saved(cli, false)?;
    let removed = searches.value.remove(name)?;
    save(&mut searches, &path)?;
    let _ = writeln!(
        io::stderr(),
        "evidence: took out the saved search `{}` of workspace {ws}",
        removed.name
    );
    Ok(Outcome::Found)
}
