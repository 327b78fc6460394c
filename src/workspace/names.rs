//! What is said of a workspace name that names none: the named workspace
//! it differs from by case, the corpus's own workspace it is one slip from,
//! or the named workspaces there are.

use super::{CorpusRef, Kind, Record, Store};
use crate::Error;

impl Store {
    /// A name one slip from a corpus's own workspace (`bundeld` for
    /// `bundled`, the name the explorer's status line shows): what to say
    /// of it, since that workspace is used by running on its corpus.
    pub(super) fn near_corpus_workspace(&self, name: &str) -> Option<String> {
        let records: Vec<Record> = self
            .records()
            .unwrap_or_default()
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.kind == Kind::Corpus && r.name != name)
            .collect();
        let near = crate::distance::close_to(name, records.iter().map(|r| r.name.as_str()))?;
        let record = records.iter().find(|r| r.name == near)?;
        let corpus = record
            .corpus
            .as_ref()
            .map_or_else(|| "its corpus".to_string(), CorpusRef::shown);
        Some(format!(
            "did you mean `{near}`, the workspace of {corpus}? It is the one used on that corpus without --workspace"
        ))
    }

    /// What to say of a named workspace that is not there.
    pub(super) fn no_workspace(&self, name: &str) -> Error {
        // Named workspaces only: a corpus's own is not opened by name.
        let names: Vec<String> = self
            .records()
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, r)| r.kind == Kind::Named)
            .map(|(_, r)| r.name)
            .collect();
        if let Some(other) = names
            .iter()
            .find(|other| other.to_lowercase() == name.to_lowercase())
        {
            return Error::InvalidInput(format!(
                "there is no workspace `{name}`, but there is `{other}`: use --workspace {other}"
            ));
        }
        let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let there = match quoted.as_slice() {
            [] => "there are no named workspaces yet".to_string(),
            [one] => format!("the only named workspace is {one}"),
            all => format!("the named workspaces are {}", all.join(", ")),
        };
        if let Some(hint) = self.near_corpus_workspace(name) {
            return Error::InvalidInput(format!("there is no workspace `{name}`: {hint}"));
        }
        Error::InvalidInput(format!(
            "there is no workspace `{name}` ({there}; `evidence workspaces` lists them all): a named workspace is made when something is first kept in it, by `basket add`, `saved add`, the explorer, or a search's history"
        ))
    }
}
