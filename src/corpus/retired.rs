//! Ids that name nothing. `retired.toml`: passage ids that were published
//! and no longer name a passage (a lead-in line that became the section of
//! its list, say). A published id is never reused: asking for a retired one
//! says where its text went, and `check` reports a passage that takes one.
//! An id the corpus never had is refused with the one spelt closest to it.

use super::{CorpusSource, Problem};
use serde::Deserialize;

/// The file's name at the top of a corpus folder.
pub const RETIRED_FILE: &str = "retired.toml";

/// A passage id that no longer names a passage.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    /// The passage id, `report-id/local-id`.
    pub id: String,
    /// When it was retired, `YYYY-MM-DD`.
    pub date: String,
    /// Where its text went, as a sentence's end: "the section heading of
    /// state-of-care-2013-14/7 to /10".
    pub now: String,
}

impl Retired {
    /// What asking for the id answers.
    pub fn sentence(&self) -> String {
        if self.date.is_empty() {
            return format!("`{}` was retired: {}", self.id, self.now);
        }
        format!(
            "`{}` was retired on {}: its text is now {}",
            self.id, self.date, self.now
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    retired: Vec<Retired>,
}

/// `retired` (a corpus's `retired.toml`) and the ids each report's
/// `retired_passages` lists, which a re-import of its source removed.
pub fn with_reimports(mut retired: Vec<Retired>, reports: &[super::Report]) -> Vec<Retired> {
    for r in reports {
        for local in &r.retired_passages {
            let id = format!("{}/{local}", r.id);
            if retired.iter().all(|x| x.id != id) {
                retired.push(Retired {
                    id,
                    date: String::new(),
                    now: "its text was gone from the source document when it was imported again"
                        .to_string(),
                });
            }
        }
    }
    retired
}

/// A corpus's retired ids: the folder's `retired.toml`, or the bundled
/// corpus's. Read when needed (an id that is not found, `check`), not with
/// the corpus. Problems name the file and line.
pub fn load_retired(source: &CorpusSource) -> (Vec<Retired>, Vec<Problem>) {
    let path = source.shown().join(RETIRED_FILE);
    let text = match source {
        CorpusSource::Bundled => super::listing::BUNDLED
            .get_file(RETIRED_FILE)
            .and_then(|f| f.contents_utf8())
            .map(str::to_string),
        CorpusSource::Folder { root, .. } => std::fs::read_to_string(root.join(RETIRED_FILE)).ok(),
    };
    let Some(text) = text else {
        return (Vec::new(), Vec::new());
    };
    match toml::from_str::<File>(&text) {
        Ok(file) => (file.retired, Vec::new()),
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            let message = e.message().trim().replace('\n', " ");
            (
                Vec::new(),
                vec![Problem::error(
                    path,
                    line,
                    format!("bad retired-ids file: {message} (file ignored)"),
                )],
            )
        }
    }
}

/// The retired entry for an id, if it was retired.
pub fn retired<'a>(list: &'a [Retired], id: &str) -> Option<&'a Retired> {
    list.iter().find(|r| r.id == id)
}

impl super::Corpus {
    /// The error for an id that names nothing here, with the id of this
    /// corpus spelt closest to it when one is close (`nhs-trust-merger/6`:
    /// did you mean `nhs-trust-mergers/6`?).
    pub fn unknown_id(&self, id: &str) -> crate::Error {
        let (report, number) = match id.split_once('/') {
            Some((r, n)) => (r, Some(n)),
            None => (id, None),
        };
        let close = crate::distance::close_to(report, self.reports.iter().map(|r| r.id.as_str()));
        let suggestion = match (close, number) {
            // A passage of that report, if it has one of that number
            // (`06` read as `6`).
            (Some(r), Some(n)) => n
                .trim()
                .trim_start_matches('0')
                .parse::<u64>()
                .ok()
                .map(|n| format!("{r}/{n}"))
                .filter(|p| p != id && self.passage(p).is_some())
                .or_else(|| (r != report).then(|| r.to_string())),
            (Some(r), None) => (r != id).then(|| r.to_string()),
            (None, _) => None,
        };
        // The report is right and the number is not (`big-med/99`): what
        // numbers it has.
        let range = match (&suggestion, number, self.report(report)) {
            (None, Some(_), Some(r)) => Some(format!(
                " (report `{report}` has {}: `evidence show {report}` lists them)",
                crate::english::plural(r.passages.count(), "passage"),
            )),
            _ => None,
        };
        crate::Error::UnknownId {
            id: id.to_string(),
            hint: range.unwrap_or_else(|| {
                suggestion
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default()
            }),
        }
    }
}
