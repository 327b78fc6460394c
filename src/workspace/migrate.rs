//! The one basket of earlier versions (`DATA/basket.json`), shared out among
//! the workspaces: each excerpt goes to the workspace of the corpus it was
//! collected from, where the basket says which (excerpts record it since
//! workspaces came), else to the bundled corpus's workspace, which is where
//! every excerpt of a basket written before them goes. The old file is kept
//! under a new name once every workspace's basket is saved, so a run stopped
//! part-way does it again (adding an excerpt twice adds it once). A file
//! that cannot be read as a basket is set aside as the basket's loader sets
//! one aside. Nothing is deleted.

use super::{BUNDLED, CorpusRef, Kind, Store, Workspace};
use crate::atomic;
use crate::basket::{self, Basket, Excerpt};
use crate::{Error, Result};
use std::fs;
use std::path::PathBuf;

/// What [`migrate`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migration {
    /// Each workspace given excerpts, with how many.
    pub shared: Vec<(String, usize)>,
    /// Where the old basket file is kept now.
    pub kept_as: Option<PathBuf>,
    /// Where the old basket file was set aside, and why, when it could not
    /// be read.
    pub set_aside: Option<(PathBuf, String)>,
}

impl Migration {
    /// What was done, in a sentence.
    pub fn sentence(&self) -> String {
        if let Some((aside, why)) = &self.set_aside {
            return format!(
                "the basket of an earlier version could not be read ({why}); it was kept as {}",
                aside.display()
            );
        }
        let kept = self
            .kept_as
            .as_ref()
            .map(|p| format!("; the old file is kept as {}", p.display()))
            .unwrap_or_default();
        if self.shared.is_empty() {
            return format!("the basket of an earlier version was empty{kept}");
        }
        let parts: Vec<String> = self
            .shared
            .iter()
            .map(|(name, n)| format!("{} to {name}", crate::english::plural(*n, "excerpt")))
            .collect();
        format!(
            "the basket of an earlier version was shared out among the workspaces: {}{kept}",
            parts.join(", ")
        )
    }
}

/// Shares out the old single basket, if the data folder has one; `None`
/// when it has none.
pub fn migrate(store: &Store) -> Result<Option<Migration>> {
    let old = store.root().join(basket::FILE_NAME);
    if fs::symlink_metadata(&old).is_err() {
        return Ok(None);
    }
    let loaded = Basket::load(&old)?;
    if let Some(aside) = loaded.set_aside {
        return Ok(Some(Migration {
            set_aside: Some((aside, loaded.reason.unwrap_or_default())),
            ..Migration::default()
        }));
    }
    let old_basket = loaded.basket;
    let mut groups: Vec<(Workspace, Vec<&Excerpt>)> = Vec::new();
    for excerpt in &old_basket.excerpts {
        let workspace = workspace_of(store, excerpt.corpus.as_ref())?;
        match groups.iter_mut().find(|(w, _)| w.name == workspace.name) {
            Some((_, excerpts)) => excerpts.push(excerpt),
            None => groups.push((workspace, vec![excerpt])),
        }
    }
    let mut done = Migration::default();
    for (workspace, excerpts) in groups {
        let path = workspace.basket_path();
        let mut basket = Basket::load(&path)?.basket;
        for excerpt in &excerpts {
            basket.add((*excerpt).clone(), "");
        }
        for query in &old_basket.queries {
            if !basket.queries.contains(query) {
                basket.queries.push(query.clone());
            }
        }
        basket.save(&path)?;
        done.shared.push((workspace.name, excerpts.len()));
    }
    match atomic::rename_beside(&old, "migrated") {
        Ok(kept) => done.kept_as = Some(kept),
        // Another instance, starting at the same moment, did it first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&old, e)),
    }
    Ok(Some(done))
}

/// The workspace an excerpt of the old basket goes to: its corpus's, made if
/// there is none yet (for a folder that may be gone, recorded as it was);
/// the bundled corpus's when the excerpt does not say.
fn workspace_of(store: &Store, corpus: Option<&CorpusRef>) -> Result<Workspace> {
    let mut notes = Vec::new();
    match corpus {
        None | Some(CorpusRef::Bundled) => {
            store.ensure(BUNDLED, Kind::Corpus, &CorpusRef::Bundled, &mut notes)
        }
        Some(corpus @ CorpusRef::Folder { path, .. }) => {
            let records = store.records()?;
            let known = records.iter().find(|(_, r)| {
                r.kind == Kind::Corpus && r.corpus.as_ref().is_some_and(|c| c.same(corpus))
            });
            match known {
                Some((dir, record)) => Ok(Workspace::of(dir.clone(), record.clone())),
                None => {
                    let name = store.free_name(path);
                    store.ensure(&name, Kind::Corpus, corpus, &mut notes)
                }
            }
        }
    }
}
