//! The basket: passages the user has collected, with a note each, kept in order
//! and saved between sessions.
//!
//! Each [`Excerpt`] keeps its own copy of the passage text and citation as they
//! were when collected, so a basket survives edits to the corpus: [`Basket::status`]
//! tells which excerpts still match their passage. The file is never lost: one
//! that cannot be read as a basket is renamed aside rather than overwritten, and
//! saving merges with whatever another running instance wrote meanwhile (see
//! [`Basket::save`]). An export quotes the text as collected but cites each
//! report by its details as the corpus has them now ([`Basket::cited`]).
//! Each excerpt remembers the corpus it was collected from,
//! and a basket belongs to a workspace, which says where its file is (see
//! [`crate::workspace`]). Nothing here knows about terminals or the search
//! index.

use crate::corpus::{Citation, Corpus, Passage, Report};
use crate::state;
use crate::workspace::CorpusRef;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The version of the basket file this program writes and reads.
pub const FILE_VERSION: u32 = 1;

/// The basket file's name inside a workspace's folder (and, before
/// workspaces, inside the data folder).
pub const FILE_NAME: &str = "basket.json";

/// A collected passage: its text and citation as they were when collected, and
/// the user's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// The passage id, `report-id/local-id`.
    pub passage_id: String,
    pub report_id: String,
    pub report_title: String,
    /// The passage's text when collected.
    pub text: String,
    /// The texts it had before `basket update` took the corpus's newer
    /// one, oldest first: what a draft written from it then may quote,
    /// which `verify` calls changed rather than misquoted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<String>,
    /// The user's note; empty when none.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub section: Option<String>,
    /// The lead-in `section` ends with (see [`Passage::heading`]), which a
    /// citation leaves out; `None` in baskets written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_in: Option<String>,
    /// When it was collected, `YYYY-MM-DD`.
    #[serde(default)]
    pub collected: String,
    /// The report's organisation, for reference lists.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The report's authors, for reference lists.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The report has more authors than `authors` names.
    #[serde(default)]
    pub et_al: bool,
    /// The report's subtitle.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The report's `published` value (`2014`, `2014-09`, `2014-09-30`).
    #[serde(default)]
    pub published: Option<String>,
    /// The passage's theme ids.
    #[serde(default)]
    pub themes: Vec<String>,
    /// The corpus the passage was collected from; `None` in baskets written
    /// before workspaces, which did not record it.
    #[serde(default)]
    pub corpus: Option<CorpusRef>,
    /// The pages of the source it is on (an imported PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<crate::corpus::Pages>,
    /// The web address of the report's source, and when it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    /// The report's `genre` (an article in a magazine is cited by its
    /// authors); `None` in baskets written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The report's own citation key, when its front matter gives one, so
    /// that a reference list keeps it if the report leaves the corpus;
    /// `None` in baskets written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citekey: Option<String>,
    /// The search it was collected from (one of [`Basket::queries`]), empty
    /// when collected by id; `None` in baskets written before it was
    /// recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_with: Option<String>,
}

impl Excerpt {
    /// A copy of `passage` of `report`, collected on `collected` (`YYYY-MM-DD`).
    pub fn new(report: &Report, passage: &Passage, collected: &str) -> Self {
        Excerpt {
            passage_id: passage.id.clone(),
            report_id: report.id.clone(),
            report_title: report.title.clone(),
            text: passage.text.clone(),
            earlier: Vec::new(),
            note: String::new(),
            section: passage.section.clone(),
            lead_in: passage.lead_in.clone(),
            collected: collected.to_string(),
            organisation: report.organisation.clone(),
            authors: report.authors.clone(),
            et_al: report.et_al,
            subtitle: report.subtitle.clone(),
            published: report.published.clone(),
            themes: passage.themes.clone(),
            corpus: None,
            pages: passage.pages,
            source_url: report.source.url.clone(),
            accessed: report.source.accessed.clone(),
            genre: report.cited_genre().map(str::to_string),
            citekey: report.citekey.clone(),
            found_with: None,
        }
    }

    /// How to cite the excerpt: made from the report's details as they were
    /// collected, so it is the citation the passage had then. (Basket files
    /// written before 0.1 also stored it whole; that copy is ignored, as it
    /// always equalled this.)
    pub fn citation(&self) -> Citation {
        Citation {
            attribution: crate::corpus::attribution(
                self.organisation.as_deref(),
                &self.authors,
                self.et_al,
                self.genre.as_deref(),
            ),
            published_in: crate::corpus::published_in(
                self.organisation.as_deref(),
                &self.authors,
                self.genre.as_deref(),
            ),
            title: self.report_title.clone(),
            subtitle: self.subtitle.clone(),
            date: crate::corpus::date_label(self.published.as_deref()),
            section: crate::corpus::heading_of(self.section.as_deref(), self.lead_in.as_deref())
                .map(str::to_string),
            passage_id: self.passage_id.clone(),
            locator: self.pages.map(|p| p.locator()),
            url: self.source_url.clone(),
            accessed: self.accessed.as_deref().map(crate::corpus::format_date),
        }
    }

    /// Whether `corpus` (the one open, which is `open` when known) still has
    /// this passage, and with the same text. An excerpt collected from
    /// another corpus is not looked for in this one.
    pub fn status(&self, corpus: &Corpus, open: Option<&CorpusRef>) -> ExcerptStatus {
        if let (Some(from), Some(open)) = (&self.corpus, open)
            && !from.same(open)
        {
            return ExcerptStatus::Elsewhere;
        }
        match corpus.passage(&self.passage_id) {
            None => ExcerptStatus::Gone,
            Some((_, p)) if p.text == self.text => ExcerptStatus::Same,
            // The id names other text now (its passage deleted by hand and
            // the number given to a new one, or a file without markers
            // numbered again): the passage collected is gone.
            Some((_, p)) if crate::verify::unlike(&p.text, &self.text) => ExcerptStatus::Gone,
            Some(_) => ExcerptStatus::Changed,
        }
    }
}

/// How an excerpt compares with the corpus as loaded now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcerptStatus {
    /// The passage is there with the same text.
    Same,
    /// The passage is there but its text has changed since it was collected.
    Changed,
    /// The corpus has no passage with that id any more, or the id names
    /// other text now (sharing few of the excerpt's words).
    Gone,
    /// It was collected from another corpus than the one open (see
    /// [`Excerpt::corpus`]), so it is not looked for in this one.
    Elsewhere,
}

impl ExcerptStatus {
    /// Its name in JSON documents: `same`, `changed`, `gone` or
    /// `other-corpus`.
    pub fn name(self) -> &'static str {
        match self {
            ExcerptStatus::Same => "same",
            ExcerptStatus::Changed => "changed",
            ExcerptStatus::Gone => "gone",
            ExcerptStatus::Elsewhere => "other-corpus",
        }
    }
}

/// What [`Basket::add_ids`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// The passage ids added, in the order they now have at the basket's end.
    pub added: Vec<String>,
    /// The passage ids named that were in the basket already (left where
    /// they were, with their notes).
    pub already: Vec<String>,
}

/// What [`Basket::remove_ids`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// The excerpts taken out, notes and all, in basket order.
    pub removed: Vec<Excerpt>,
    /// Ids named that are in the corpus but had nothing in the basket.
    pub absent: Vec<String>,
}

/// The collected excerpts, in the user's order, and the searches that found them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Basket {
    pub excerpts: Vec<Excerpt>,
    /// The searches excerpts were collected from, oldest first, each once.
    #[serde(default)]
    pub queries: Vec<String>,
    /// The file as this instance last read or wrote it, the base of a merge.
    #[serde(skip)]
    seen: Seen,
}

/// What the basket file held when this instance last read or wrote it.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// `None` when there was no readable file.
    hash: Option<blake3::Hash>,
    /// Passage id → note, for every excerpt in that file.
    notes: HashMap<String, String>,
}

impl Seen {
    fn of(bytes: &[u8], basket: &Basket) -> Self {
        Seen {
            hash: Some(blake3::hash(bytes)),
            notes: basket
                .excerpts
                .iter()
                .map(|e| (e.passage_id.clone(), e.note.clone()))
                .collect(),
        }
    }
}

/// The basket file as written: a version, then the basket.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    queries: &'a [String],
    excerpts: &'a [Excerpt],
}

#[derive(Deserialize)]
struct FileIn {
    version: u32,
    #[serde(default)]
    queries: Vec<String>,
    excerpts: Vec<Excerpt>,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// The result of [`Basket::load`].
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub basket: Basket,
    /// Where an unreadable basket file was moved to, if one was.
    pub set_aside: Option<PathBuf>,
    /// Why that file could not be read.
    pub reason: Option<String>,
}

/// The result of [`Basket::save`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// Excerpts another instance had added to the file, now in this basket too.
    pub merged: usize,
    /// Excerpts another instance had removed from the file, now removed here too.
    pub dropped: usize,
    /// Where an unreadable file found on disk was moved to, if one was.
    pub set_aside: Option<PathBuf>,
    /// Excerpts another instance took out that this one keeps, because
    /// their note was written here since: a note is the user's own writing.
    pub kept: Vec<String>,
    /// Excerpts whose note both instances changed: this one's note now has
    /// the other's after it, so that neither is lost.
    pub joined: Vec<String>,
    /// Excerpts this instance took out that stay, because a note was
    /// written on them elsewhere since: a note is the user's own writing.
    pub restored: Vec<String>,
    /// Excerpts this instance added that the other had added too, since
    /// the base: not this save's doing.
    pub added_there_too: Vec<String>,
    /// Excerpts this instance took out that the other had taken out too.
    pub removed_there_too: Vec<String>,
}

impl Basket {
    /// An empty basket.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of excerpts.
    pub fn len(&self) -> usize {
        self.excerpts.len()
    }

    /// True when nothing is collected.
    pub fn is_empty(&self) -> bool {
        self.excerpts.is_empty()
    }

    /// True when the passage with this id is in the basket.
    pub fn contains(&self, passage_id: &str) -> bool {
        self.position(passage_id).is_some()
    }

    /// Where the passage with this id is in the basket.
    pub fn position(&self, passage_id: &str) -> Option<usize> {
        self.excerpts
            .iter()
            .position(|e| e.passage_id == passage_id)
    }

    /// Adds the passage (collected today from the corpus `from`, when known)
    /// if it is not in the basket, else removes it. Returns true when it was
    /// added. `query_context` is the search it was found with (empty for
    /// none), remembered once in [`Basket::queries`].
    pub fn toggle(
        &mut self,
        report: &Report,
        passage: &Passage,
        query_context: &str,
        from: Option<&CorpusRef>,
    ) -> bool {
        if let Some(i) = self.position(&passage.id) {
            self.excerpts.remove(i);
            return false;
        }
        let mut excerpt = Excerpt::new(report, passage, &crate::date::today());
        excerpt.corpus = from.cloned();
        self.add(excerpt, query_context)
    }

    /// Appends an excerpt unless one with the same passage id is there already;
    /// returns true when it was added. `query_context` as for [`Basket::toggle`].
    pub fn add(&mut self, excerpt: Excerpt, query_context: &str) -> bool {
        if self.contains(&excerpt.passage_id) {
            return false;
        }
        let mut excerpt = excerpt;
        let query = query_context.trim();
        excerpt.found_with = Some(query.to_string());
        if !query.is_empty() && !self.queries.iter().any(|q| q == query) {
            self.queries.push(query.to_string());
        }
        self.excerpts.push(excerpt);
        true
    }

    /// The searches the excerpts now in the basket were collected from, in
    /// [`Basket::queries`]'s order: a search whose excerpts were all taken
    /// out is not one of them. All of them while an excerpt does not say
    /// which it was found with (a basket written before that was recorded).
    pub fn queries_in_use(&self) -> Vec<String> {
        if self.excerpts.iter().any(|e| e.found_with.is_none()) {
            return self.queries.clone();
        }
        self.queries
            .iter()
            .filter(|q| {
                self.excerpts
                    .iter()
                    .any(|e| e.found_with.as_deref() == Some(q.as_str()))
            })
            .cloned()
            .collect()
    }

    /// Removes and returns the excerpt at `index`, if there is one.
    pub fn remove(&mut self, index: usize) -> Option<Excerpt> {
        (index < self.excerpts.len()).then(|| self.excerpts.remove(index))
    }

    /// Moves the excerpt at `index` one place up; false when it cannot move.
    pub fn move_up(&mut self, index: usize) -> bool {
        if index == 0 || index >= self.excerpts.len() {
            return false;
        }
        self.excerpts.swap(index - 1, index);
        true
    }

    /// Moves the excerpt at `index` one place down; false when it cannot move.
    pub fn move_down(&mut self, index: usize) -> bool {
        if index + 1 >= self.excerpts.len() {
            return false;
        }
        self.excerpts.swap(index, index + 1);
        true
    }

    /// Sets the note of the excerpt at `index`; false when there is none.
    pub fn set_note(&mut self, index: usize, note: &str) -> bool {
        match self.excerpts.get_mut(index) {
            Some(e) => {
                e.note = note.to_string();
                true
            }
            None => false,
        }
    }

    /// Adds the passages `ids` name, from `corpus` (the corpus `from`, when
    /// known), as the explorer's Space adds one: a copy collected on
    /// `collected` (`YYYY-MM-DD`), at the end of the basket, each passage
    /// once. A passage id names its passage, a report id each of its
    /// passages in corpus order. A passage in the basket already stays where
    /// it is, note and all, and is listed in [`Added::already`].
    ///
    /// All or nothing: when an id names no passage or report, nothing is
    /// added, and the error is [`Error::Retired`] (saying where its text
    /// went) for a retired id, else [`Error::UnknownId`].
    pub fn add_ids(
        &mut self,
        corpus: &Corpus,
        from: Option<&CorpusRef>,
        ids: &[String],
        collected: &str,
    ) -> Result<Added> {
        let mut named: Vec<(&Report, &Passage)> = Vec::new();
        for id in ids {
            if let Some(found) = corpus.passage(id) {
                named.push(found);
            } else if let Some(r) = corpus.report(id) {
                named.extend(r.passages.iter().map(|p| (r, p)));
            } else {
                return Err(not_found(corpus, id));
            }
        }
        let mut done = Added::default();
        for (r, p) in named {
            if self.contains(&p.id) {
                if !done.already.contains(&p.id) && !done.added.contains(&p.id) {
                    done.already.push(p.id.clone());
                }
                continue;
            }
            let mut excerpt = Excerpt::new(r, p, collected);
            excerpt.corpus = from.cloned();
            self.add(excerpt, "");
            done.added.push(p.id.clone());
        }
        Ok(done)
    }

    /// Takes out the excerpts `ids` name: a passage id its excerpt, a report
    /// id every excerpt of that report. The basket is looked in first, so an
    /// excerpt whose passage has since gone from the corpus, or that was
    /// collected from another corpus, can be taken out by its id. An id the
    /// corpus has (or retired) but the basket does not is listed in
    /// [`Removed::absent`].
    ///
    /// All or nothing, as [`Basket::add_ids`]: an id neither in the basket
    /// nor in the corpus is an [`Error::UnknownId`] (a typo, most likely),
    /// and nothing is taken out.
    pub fn remove_ids(&mut self, corpus: &Corpus, ids: &[String]) -> Result<Removed> {
        let mut taken: Vec<String> = Vec::new();
        let mut absent = Vec::new();
        for id in ids {
            let mut named = false;
            for e in &self.excerpts {
                if e.passage_id == *id || (!id.contains('/') && e.report_id == *id) {
                    named = true;
                    if !taken.contains(&e.passage_id) {
                        taken.push(e.passage_id.clone());
                    }
                }
            }
            if named {
                continue;
            }
            // A retired id names nothing, so it cannot be in the basket
            // but under its old id (looked for above): absent, not unknown.
            if corpus.passage(id).is_some()
                || corpus.report(id).is_some()
                || corpus.retired(id).is_some()
            {
                if !absent.contains(id) {
                    absent.push(id.clone());
                }
            } else {
                return Err(corpus.unknown_id(id));
            }
        }
        let (removed, kept) = std::mem::take(&mut self.excerpts)
            .into_iter()
            .partition(|e| taken.contains(&e.passage_id));
        self.excerpts = kept;
        Ok(Removed { removed, absent })
    }

    /// Empties the basket, and forgets the searches that filled it; returns
    /// the excerpts it held. (Saved like any other change, so an instance
    /// that has the basket open keeps what it adds after this.)
    pub fn clear(&mut self) -> Vec<Excerpt> {
        self.queries.clear();
        std::mem::take(&mut self.excerpts)
    }

    /// How many excerpts carry a note.
    pub fn notes(&self) -> usize {
        self.excerpts.iter().filter(|e| !e.note.is_empty()).count()
    }

    /// Each excerpt's [`ExcerptStatus`] against `corpus` (the one open,
    /// which is `open` when known), in basket order.
    pub fn status(&self, corpus: &Corpus, open: Option<&CorpusRef>) -> Vec<ExcerptStatus> {
        self.excerpts
            .iter()
            .map(|e| e.status(corpus, open))
            .collect()
    }

    /// What an export of the basket should warn of: its excerpts whose
    /// passage is gone from the corpus, or reads differently now, named
    /// (they are exported as they were collected). `None` when every
    /// excerpt is as collected or from another corpus.
    pub fn export_warning(&self, corpus: &Corpus, open: Option<&CorpusRef>) -> Option<String> {
        let status = self.status(corpus, open);
        let ids = |which: ExcerptStatus| -> Vec<&str> {
            self.excerpts
                .iter()
                .zip(&status)
                .filter(|(_, s)| **s == which)
                .map(|(e, _)| e.passage_id.as_str())
                .collect()
        };
        let named = |ids: &[&str]| {
            const SHOWN: usize = 3;
            let mut text = ids[..ids.len().min(SHOWN)].join(", ");
            if ids.len() > SHOWN {
                text.push_str(&format!(" and {} more", ids.len() - SHOWN));
            }
            text
        };
        let mut parts = Vec::new();
        let mut stale = 0;
        for (which, words) in [
            (ExcerptStatus::Gone, "gone from the corpus"),
            (
                ExcerptStatus::Changed,
                "changed in the corpus since collected",
            ),
        ] {
            let these = ids(which);
            if !these.is_empty() {
                stale += these.len();
                parts.push(format!(
                    "{} {words} ({})",
                    crate::english::plural(these.len(), "excerpt"),
                    named(&these)
                ));
            }
        }
        let them = if stale == 1 { "it" } else { "them" };
        (!parts.is_empty()).then(|| {
            format!(
                "{}: exported as collected; check {them} before citing",
                parts.join(", ")
            )
        })
    }

    /// How many excerpts the basket file at `path` holds, reading it without
    /// changing anything (an unreadable file stays where it is): 0 when there
    /// is no file, or why the file is not a basket.
    pub fn count(path: &Path) -> std::result::Result<usize, String> {
        match fs::read(path) {
            Ok(bytes) => parse(&bytes).map(|b| b.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(crate::error::io_reason(&e)),
        }
    }

    /// Reads the basket file at `path`. A missing file is an empty basket. A
    /// file that cannot be read as a basket (truncated, hand-edited badly, or
    /// written by a newer version) is never deleted or overwritten: it is
    /// renamed aside (see [`Loaded::set_aside`]) and the basket starts empty.
    /// Errors only when the file cannot be read at all or cannot be moved aside.
    /// The basket at `path` as it is, for a command that only reads it
    /// (`verify`): `None` when there is none or it does not read; nothing
    /// is set aside or written.
    pub fn peek(path: &Path) -> Option<Basket> {
        let bytes = state::read(path).ok()??;
        parse(&bytes).ok()
    }

    pub fn load(path: &Path) -> Result<Loaded> {
        let Some(bytes) = state::read(path)? else {
            return Ok(Loaded::default());
        };
        match parse(&bytes) {
            Ok(mut basket) => {
                basket.seen = Seen::of(&bytes, &basket);
                Ok(Loaded {
                    basket,
                    set_aside: None,
                    reason: None,
                })
            }
            Err(reason) => Ok(Loaded {
                basket: Basket::default(),
                set_aside: Some(set_aside(path, &reason)?),
                reason: Some(reason),
            }),
        }
    }

    /// Writes the basket to `path` atomically, creating its folder.
    ///
    /// Two instances may share one file, so saving never simply clobbers it: if
    /// the file changed since this instance last read or wrote it, the two are
    /// merged by passage id first, with the file as this instance last saw it
    /// as the common base. This instance's excerpts come first in its order,
    /// then those the other added; an excerpt either side removed since the base
    /// stays removed; a note the other changed is taken unless this instance
    /// changed it too (then this instance's wins). Searches are unioned. The
    /// merged basket becomes this basket. A file found unreadable is set aside
    /// as in [`Basket::load`]. All of it happens under the file's
    /// [`state::lock`], so two saves in the same instant take turns.
    pub fn save(&mut self, path: &Path) -> Result<Saved> {
        let _turn = state::lock(path);
        let mut saved = Saved::default();
        if let Some(bytes) = state::changed(path, self.seen.hash)? {
            match parse(&bytes) {
                Ok(other) => self.merge(&other, &mut saved),
                Err(reason) => saved.set_aside = Some(set_aside(path, &reason)?),
            }
        }
        let bytes = self.to_bytes()?;
        state::write(path, &bytes)?;
        self.seen = Seen::of(&bytes, self);
        Ok(saved)
    }

    /// Takes in what another explorer or the command line changed in the
    /// file since this basket last read or wrote it, merged as a save
    /// merges, without writing: the file is left as it is. `None` when it
    /// had not changed (or cannot be read: the next save says so).
    pub fn refresh(&mut self, path: &Path) -> Option<Saved> {
        let bytes = state::changed(path, self.seen.hash).ok()??;
        let other = parse(&bytes).ok()?;
        let mut saved = Saved::default();
        self.merge(&other, &mut saved);
        // The file as it is now is the base of the next merge; what this
        // basket holds beyond it is written by the next save.
        self.seen = Seen::of(&bytes, &other);
        Some(saved)
    }

    /// The basket file's contents.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let file = FileOut {
            version: FILE_VERSION,
            queries: &self.queries,
            excerpts: &self.excerpts,
        };
        let mut bytes = serde_json::to_vec_pretty(&file)
            .map_err(|e| Error::InvalidInput(format!("the basket cannot be written: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// Why `id` names nothing in `corpus`: where its text went when it was
/// retired, else that it is unknown.
fn not_found(corpus: &Corpus, id: &str) -> Error {
    match corpus.retired(id) {
        Some(gone) => Error::Retired(gone.sentence()),
        None => corpus.unknown_id(id),
    }
}

/// Reads a basket file's bytes, or says why they are not one.
fn parse(bytes: &[u8]) -> std::result::Result<Basket, String> {
    let version: VersionOnly =
        serde_json::from_slice(bytes).map_err(|e| format!("not a basket file: {e}"))?;
    if version.version > FILE_VERSION {
        return Err(format!(
            "written by a newer version of evidence (basket format {}, this one reads {FILE_VERSION})",
            version.version
        ));
    }
    let file: FileIn =
        serde_json::from_slice(bytes).map_err(|e| format!("not a basket file: {e}"))?;
    let _ = file.version;
    let mut basket = Basket {
        excerpts: Vec::with_capacity(file.excerpts.len()),
        queries: file.queries,
        seen: Seen::default(),
    };
    // Each passage once, as it was found (not through `add`, which would
    // say it was collected by id).
    for e in file.excerpts {
        if !basket.contains(&e.passage_id) {
            basket.excerpts.push(e);
        }
    }
    Ok(basket)
}

/// Renames an unreadable basket file aside (see [`atomic::set_aside`]) and
/// returns the new path; an error, naming the file, when it cannot be moved.
fn set_aside(path: &Path, reason: &str) -> Result<PathBuf> {
    state::set_aside(path, reason, |path, reason| Error::BasketUnreadable {
        path,
        reason,
    })
}

mod cite;
mod merge;
mod update;
pub use update::{Updated, detail_changes};
#[cfg(test)]
mod tests;

pub use cite::Cited;
