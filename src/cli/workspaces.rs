//! `evidence workspaces`: every workspace with its corpus and basket, the
//! one `evidence` would open marked, a corpus that can no longer be found
//! said so; and `workspaces attach`, which gives a workspace to a corpus
//! folder.

use super::args::{WorkspacesAction, WorkspacesArgs};
use super::paint::Paint;
use super::{Cli, Outcome, write_json};
use evidence::corpus::CorpusSource;
use evidence::english::plural;
use evidence::json;
use evidence::workspace::{self, CorpusRef, Kind, Listed, Store};
use evidence::{Error, Result};
use std::io::{self, Write};

/// The data folder's workspaces, or why there is no data folder.
pub fn store() -> Result<Store> {
    workspace::default_data_dir()
        .map(Store::new)
        .ok_or_else(|| {
            Error::InvalidInput(
                "there is no data folder for workspaces (no home folder): set EVIDENCE_DATA_DIR"
                    .to_string(),
            )
        })
}

pub fn workspaces(
    cli: &Cli,
    args: &WorkspacesArgs,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let store = store()?;
    let source = CorpusSource::chosen(cli.corpus.as_deref())?;
    if let Some(WorkspacesAction::Attach { name }) = &args.action {
        return attach(&store, name, &source, out);
    }
    if let Some(name) = &cli.workspace {
        workspace::check_name(name)?;
    }
    let (mut listed, migration) = store.list()?;
    if let Some(migration) = migration {
        let _ = writeln!(io::stderr(), "evidence: note: {}", migration.sentence());
    }
    let current = store.which(&source, cli.workspace.as_deref());
    // The corpus folder open was moved since its own workspace last saw
    // it: opening it follows it there, as any other command would, so that
    // the list does not call it not found. (A named workspace is not
    // re-pointed by a listing.)
    let moved = listed
        .iter()
        .any(|l| current.as_deref() == Some(l.name.as_str()) && l.corpus_found == Some(false));
    if moved
        && cli.workspace.is_none()
        && matches!(source, CorpusSource::Folder { .. })
        && let Ok(opened) = store.open(&source, None)
    {
        for n in &opened.notes {
            let _ = writeln!(io::stderr(), "evidence: note: {n}");
        }
        listed = store.list()?.0;
    }
    let is_current = |l: &Listed| current.as_deref() == Some(l.name.as_str());
    if args.json.json {
        let doc = json::Workspaces {
            data_dir: store.root().to_path_buf(),
            workspaces: listed
                .iter()
                .map(|l| json::WorkspaceJson::new(l, is_current(l)))
                .collect(),
        };
        write_json(out, &doc)?;
    } else if listed.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "evidence: no workspaces yet in {}: the explorer makes one when it first opens a corpus",
            store.root().display()
        );
    } else {
        let name_w = super::widest_cols(listed.iter().map(|l| l.name.as_str()));
        for l in &listed {
            let mark = if is_current(l) { "*" } else { " " };
            let basket = l
                .excerpts
                .map_or_else(|| "basket unreadable".to_string(), |n| plural(n, "excerpt"));
            writeln!(
                out,
                "{mark} {}  {:<12}  {}",
                paint.accent(&super::padded(&l.name, name_w)),
                basket,
                corpus_words(l, &listed, paint)
            )?;
        }
        if listed
            .iter()
            .any(|l| l.kind == Some(Kind::Corpus) && l.corpus_found == Some(false))
        {
            let _ = writeln!(
                io::stderr(),
                "evidence: note: a workspace whose corpus is not found, or whose folder has another workspace now, keeps its basket; a folder moved with its .evidence-workspace file takes its workspace back at the next `evidence --corpus DIR`, and `evidence --corpus DIR workspaces attach NAME` gives it to a folder DIR that lost that file"
            );
        }
    }
    Ok(Outcome::of(!listed.is_empty()))
}

/// A workspace's corpus in words: where it is, whether it is found, and
/// what could not be read. A named workspace's folder that was moved is
/// found where the folder's own workspace (one of `all`) has followed it.
fn corpus_words(l: &Listed, all: &[Listed], paint: Paint) -> String {
    let corpus = l.corpus.as_ref().map(CorpusRef::shown);
    let mut words = match (l.kind, corpus) {
        (Some(Kind::Named), Some(c)) => format!("named; its corpus: {c}"),
        (Some(Kind::Named), None) => "named".to_string(),
        (_, Some(c)) => c,
        (_, None) => "corpus unknown".to_string(),
    };
    if l.corpus_found == Some(false) {
        // A folder that is there but has another workspace now (attached
        // to it, or a copy's) is not this workspace's corpus any more.
        let elsewhere = matches!(&l.corpus, Some(CorpusRef::Folder { path, .. }) if path.is_dir());
        let moved_to = match &l.corpus {
            Some(CorpusRef::Folder { id: Some(id), .. }) if l.kind == Some(Kind::Named) => {
                all.iter().find_map(|other| match &other.corpus {
                    Some(CorpusRef::Folder {
                        id: Some(their),
                        path,
                    }) if their == id
                        && other.kind == Some(Kind::Corpus)
                        && other.corpus_found == Some(true) =>
                    {
                        Some(path.display().to_string())
                    }
                    _ => None,
                })
            }
            _ => None,
        };
        words.push_str(&paint.bold(&match moved_to {
            Some(now) => format!(" (moved: --corpus {now} opens it)"),
            None if elsewhere => " (the folder has another workspace now)".to_string(),
            None => " (not found)".to_string(),
        }));
    }
    if let Some(problem) = &l.problem {
        words.push_str(&paint.dim(&format!(" ({problem})")));
    }
    words
}

/// `workspaces attach NAME`: the corpus folder of `--corpus` takes workspace
/// NAME.
fn attach(
    store: &Store,
    name: &str,
    source: &CorpusSource,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let attached = store.attach(name, source)?;
    let excerpts = evidence::basket::Basket::count(&attached.workspace.basket_path()).map_or_else(
        |_| "its basket unreadable".to_string(),
        |n| plural(n, "excerpt"),
    );
    if *source == CorpusSource::Bundled {
        writeln!(
            out,
            "the workspace {name} ({excerpts}) goes with the bundled corpus now: runs without --corpus no longer say it was on a folder"
        )?;
    } else {
        writeln!(
            out,
            "the workspace {name} ({excerpts}) is now the one of {}",
            source.shown().display()
        )?;
    }
    if let Some(previous) = &attached.previous {
        writeln!(
            out,
            "its workspace until now, {previous}, is kept as it was (`evidence --corpus {} workspaces attach {previous}` gives it back)",
            source.shown().display()
        )?;
    }
    Ok(Outcome::Found)
}
