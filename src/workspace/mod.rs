//! Workspaces: what a user makes (the basket, the search history, saved
//! searches) belongs to a workspace, and this module owns where each
//! workspace's files live in the data folder.
//!
//! A workspace is chosen by default from the corpus: the bundled corpus has
//! the workspace `bundled`, and a corpus folder has its own, found through
//! an id file the program keeps in the folder ([`ID_FILE`]), so that the
//! workspace follows the folder when it is moved or renamed. A workspace can
//! also be named (`--workspace NAME`) and used with any corpus. The layout:
//!
//! ```text
//! DATA/                      EVIDENCE_DATA_DIR, else ~/.local/share/evidence (Linux)
//!   workspaces/
//!     bundled/               the bundled corpus's workspace
//!       workspace.json       what it is: its name, kind and corpus
//!       basket.json          its basket
//!       history.json         its search history
//!       searches.json        its saved searches
//!       export.json          the explorer's last export format and style
//!     my-corpus/             a corpus folder's workspace, named after the folder
//!     thesis/                a workspace named with --workspace thesis
//!   basket.json.migrated-…   the one basket of earlier versions, once shared out
//! ```
//!
//! Files are written atomically ([`crate::atomic`]); a file that cannot be
//! read is set aside under a new name, never deleted. The one basket of
//! earlier versions is shared out among the workspaces the first time the
//! data folder is opened ([`migrate`]). Nothing here knows about terminals.

mod folder;
pub mod migrate;
mod names;

pub use folder::ID_FILE;
pub use migrate::Migration;

use crate::atomic;
use crate::basket::{self, Basket};
use crate::corpus::CorpusSource;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// The folder of workspaces inside the data folder.
pub const WORKSPACES_DIR: &str = "workspaces";

/// What a workspace is, inside its folder.
pub const RECORD_FILE: &str = "workspace.json";

/// Where a workspace's search history is kept, inside its folder (see
/// [`crate::history`]).
pub const HISTORY_FILE: &str = "history.json";

/// Where a workspace's saved searches are kept, inside its folder (see
/// [`crate::saved`]).
pub const SEARCHES_FILE: &str = "searches.json";

/// Where a workspace keeps the explorer's last export choice (format and
/// citation style), inside its folder.
pub const EXPORT_FILE: &str = "export.json";

/// The bundled corpus's workspace.
pub const BUNDLED: &str = "bundled";

/// The version of `workspace.json` this program writes and reads.
pub const RECORD_VERSION: u32 = 1;

/// The longest workspace name, in characters.
const NAME_MAX: usize = 64;

/// A corpus as a workspace or an excerpt remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CorpusRef {
    /// The corpus bundled with the program.
    Bundled,
    /// A corpus folder: the id in its [`ID_FILE`] (`None` when the folder
    /// could not be written, and is known by its path alone), and where it
    /// was last seen (its canonical path).
    Folder { id: Option<String>, path: PathBuf },
}

impl CorpusRef {
    /// The corpus of `source`, without its id (see [`Store::open`] for one
    /// with it).
    pub fn of(source: &CorpusSource) -> Self {
        match source {
            CorpusSource::Bundled => CorpusRef::Bundled,
            CorpusSource::Folder { root, .. } => CorpusRef::Folder {
                id: None,
                path: root.to_path_buf(),
            },
        }
    }

    /// Whether two refer to the same corpus: the bundled one both, or
    /// folders with the same id, or (when either has none) the same path.
    pub fn same(&self, other: &CorpusRef) -> bool {
        match (self, other) {
            (CorpusRef::Bundled, CorpusRef::Bundled) => true,
            (CorpusRef::Folder { id: Some(a), .. }, CorpusRef::Folder { id: Some(b), .. }) => {
                a == b
            }
            (CorpusRef::Folder { path: a, .. }, CorpusRef::Folder { path: b, .. }) => a == b,
            _ => false,
        }
    }

    /// The corpus as a message names it.
    pub fn shown(&self) -> String {
        match self {
            CorpusRef::Bundled => "the bundled corpus".to_string(),
            CorpusRef::Folder { path, .. } => path.display().to_string(),
        }
    }
}

/// Part of the note that a named workspace left its corpus folder for the
/// bundled corpus.
pub const ON_BUNDLED: &str = "this run is on the bundled corpus";

/// The note that the named workspace `name`, last used with the corpus
/// folder at `path`, is open on the bundled corpus this time.
fn left_folder_note(name: &str, path: &Path) -> String {
    let shown = path.display().to_string();
    let arg = crate::corpus::shell_word(&shown);
    format!(
        "the workspace `{name}` was last used with the corpus in {shown}; {ON_BUNDLED} (add --corpus {arg} to work on that one, or `evidence workspaces attach {name}` to keep it with the bundled corpus)"
    )
}

/// How a workspace is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// By its corpus: the bundled corpus's, or a corpus folder's.
    Corpus,
    /// By name (`--workspace NAME`), with whichever corpus is open.
    Named,
}

/// The end of the note that a named workspace was made: `NAME is a new
/// workspace`.
pub const NEW_WORKSPACE: &str = " is a new workspace";

/// The words of the note that a corpus folder took the workspace files
/// copied with it (see `Store::unrecorded`).
pub const TAKES_FILES: &str = "takes the workspace files found in";

/// What `workspace.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub version: u32,
    /// The workspace's name, which is also its folder's.
    pub name: String,
    pub kind: Kind,
    /// For a corpus's workspace, its corpus; for a named one, the corpus it
    /// goes with: the last it was opened with, but not the bundled corpus
    /// of a run that left out `--corpus` while its folder is there (see
    /// [`Store::attach`] to move it there).
    pub corpus: Option<CorpusRef>,
    /// The day it was made, `YYYY-MM-DD`.
    pub created: String,
}

/// A workspace, and where its files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub name: String,
    /// Its folder inside the data folder's `workspaces/`.
    pub dir: PathBuf,
    pub kind: Kind,
    /// As in [`Record::corpus`].
    pub corpus: Option<CorpusRef>,
}

impl Workspace {
    /// Where its basket is saved.
    pub fn basket_path(&self) -> PathBuf {
        self.dir.join(basket::FILE_NAME)
    }

    /// Where its search history is saved.
    pub fn history_path(&self) -> PathBuf {
        self.dir.join(HISTORY_FILE)
    }

    /// Where its saved searches are saved.
    pub fn searches_path(&self) -> PathBuf {
        self.dir.join(SEARCHES_FILE)
    }

    /// Where the explorer keeps the format and style it last exported in.
    pub fn export_path(&self) -> PathBuf {
        self.dir.join(EXPORT_FILE)
    }

    fn of(dir: PathBuf, record: Record) -> Self {
        Workspace {
            name: record.name,
            dir,
            kind: record.kind,
            corpus: record.corpus,
        }
    }
}

/// The workspace opened for a corpus, with what was done to open it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub workspace: Workspace,
    /// The corpus open, as excerpts collected from it remember it (with its
    /// folder's id when it has one).
    pub corpus: CorpusRef,
    /// Sentences for the user: a workspace made, a folder followed to where
    /// it was moved, a file set aside, the old basket shared out.
    pub notes: Vec<String>,
}

/// A workspace as `evidence workspaces` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub dir: PathBuf,
    /// `None` when its `workspace.json` could not be read.
    pub kind: Option<Kind>,
    pub corpus: Option<CorpusRef>,
    /// Whether its corpus is where it was last seen (the bundled corpus
    /// always is); `None` when it has no corpus recorded.
    pub corpus_found: Option<bool>,
    /// Excerpts in its basket; `None` when the basket file cannot be read.
    pub excerpts: Option<usize>,
    /// What could not be read, if anything.
    pub problem: Option<String>,
}

/// The result of [`Store::attach`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    /// The workspace, now the folder's.
    pub workspace: Workspace,
    /// The workspace the folder had until now, if another: it is kept as it
    /// was, and can be attached again.
    pub previous: Option<String>,
}

/// Checks a workspace name given by the user: 1 to 64 letters, digits, `-`,
/// `_` or `.`, not starting with `.` or `-` (so that it is a plain folder
/// name on every system, and never a path).
pub fn check_name(name: &str) -> Result<()> {
    let ok_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let why = if name.is_empty() {
        Some("it is empty".to_string())
    } else if name.chars().count() > NAME_MAX {
        Some(format!("it is longer than {NAME_MAX} characters"))
    } else if let Some(c) = name.chars().find(|c| !ok_char(*c)) {
        Some(format!("it has {}", shown_char(c)))
    } else if name.starts_with(['.', '-']) {
        Some("it starts with `.` or `-`".to_string())
    } else {
        None
    };
    match why {
        None => Ok(()),
        Some(_) if name.is_empty() => Err(Error::InvalidInput(
            "a workspace name cannot be empty: use letters, digits, `-`, `_` and `.`, such as `thesis` or `nhs-2025`".to_string(),
        )),
        Some(why) => Err(Error::InvalidInput(format!(
            "`{}` is not a workspace name ({why}): use letters, digits, `-`, `_` and `.`, such as `thesis` or `nhs-2025`",
            name.escape_debug()
        ))),
    }
}

/// A character as a message names it.
fn shown_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '/' | '\\' => format!("a `{c}` (a name is not a path)"),
        c if c.is_control() => format!("a control character ({})", c.escape_unicode()),
        c => format!("`{c}`"),
    }
}

/// The data folder: `EVIDENCE_DATA_DIR` when set (and not empty), else the
/// platform's data folder for `evidence`.
pub fn default_data_dir() -> Option<PathBuf> {
    data_dir_in(std::env::var_os("EVIDENCE_DATA_DIR"))
}

/// The data folder given the value of `EVIDENCE_DATA_DIR`.
fn data_dir_in(value: Option<std::ffi::OsString>) -> Option<PathBuf> {
    match value.filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => directories::ProjectDirs::from("", "", "evidence").map(|d| d.data_dir().into()),
    }
}

/// The data folder's workspaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// The workspaces of the data folder at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into() }
    }

    /// A data folder that is a file (`EVIDENCE_DATA_DIR` set to one) is said
    /// as that, not as a workspace file deep inside it that is "not a
    /// directory".
    fn check_root(&self) -> Result<()> {
        match fs::metadata(&self.root) {
            Ok(meta) if !meta.is_dir() => Err(Error::InvalidInput(format!(
                "the data folder {} is a file, not a folder (is EVIDENCE_DATA_DIR set to a file?)",
                self.root.display()
            ))),
            _ => Ok(()),
        }
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of workspace `name`.
    pub fn dir_of(&self, name: &str) -> PathBuf {
        self.root.join(WORKSPACES_DIR).join(name)
    }

    /// Opens the workspace for `source`: the one named `name` when given
    /// (made if new), else the corpus's own (made the first time, and for a
    /// folder followed to wherever it has been moved). Shares out the old
    /// single basket first, if there is one.
    pub fn open(&self, source: &CorpusSource, name: Option<&str>) -> Result<Opened> {
        self.check_root()?;
        let mut notes = Vec::new();
        if let Some(done) = migrate::migrate(self)? {
            notes.push(done.sentence());
        }
        let (workspace, corpus) = match (name, source) {
            (Some(name), _) => {
                check_name(name)?;
                let corpus = match source {
                    CorpusSource::Bundled => CorpusRef::Bundled,
                    CorpusSource::Folder { root, .. } => folder::named_ref(self, root)?,
                };
                (self.named(name, &corpus, &mut notes)?, corpus)
            }
            (None, CorpusSource::Bundled) => (
                self.ensure(BUNDLED, Kind::Corpus, &CorpusRef::Bundled, &mut notes)?,
                CorpusRef::Bundled,
            ),
            (None, CorpusSource::Folder { root, .. }) => folder::open(self, root, &mut notes)?,
        };
        Ok(Opened {
            workspace,
            corpus,
            notes,
        })
    }

    /// Opens the workspace for `source` as [`Store::open`] does, but only if
    /// it is there already when it is named: a command that only reads what
    /// a workspace holds (a basket listed, a history shown) does not make
    /// one from a mistyped `--workspace`, it says which there are.
    pub fn open_existing(&self, source: &CorpusSource, name: Option<&str>) -> Result<Opened> {
        self.check_root()?;
        if let Some(name) = name {
            check_name(name)?;
            let dir = self.dir_of(name);
            if matches!(read_record(&dir), Ok(None)) && !has_state_files(&dir) {
                return Err(self.no_workspace(name));
            }
        }
        self.open(source, name)
    }

    /// The named workspace `name`, made if new; a named workspace remembers
    /// the corpus it goes with (see [`Record::corpus`]).
    fn named(&self, name: &str, corpus: &CorpusRef, notes: &mut Vec<String>) -> Result<Workspace> {
        // `Thesis` beside `thesis` is a typo, and two folders that one
        // file system on another machine would take for the same.
        if !self.dir_of(name).exists()
            && let Some(parent) = self.dir_of(name).parent()
            && let Ok(entries) = fs::read_dir(parent)
            && let Some(other) = entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|other| {
                    other != name
                        && other.to_lowercase() == name.to_lowercase()
                        // Another corpus's own workspace is not offered.
                        && matches!(read_record(&self.dir_of(other)), Ok(Some(r)) if r.kind == Kind::Named)
                })
        {
            return Err(Error::InvalidInput(format!(
                "there is no workspace `{name}`, but there is `{other}`: use --workspace {other} (names differ by case only, which some file systems cannot tell apart)"
            )));
        }
        // A new name spelt like one there is, the most likely typo of all:
        // said with the new workspace's note, so that the user who meant
        // the other sees it at once.
        let near: Option<String> = if self.dir_of(name).exists() {
            None
        } else {
            let names: Vec<String> = self
                .records()
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, r)| r.kind == Kind::Named && r.name != name)
                .map(|(_, r)| r.name)
                .collect();
            crate::distance::close_to(name, names.iter().map(String::as_str)).map(str::to_string)
        };
        let before = notes.len();
        let mut workspace = self.ensure(name, Kind::Named, corpus, notes)?;
        if let Some(new) = notes[before..]
            .iter_mut()
            .find(|n| n.ends_with(NEW_WORKSPACE))
        {
            if let Some(other) = near {
                new.push_str(&format!(
                    " (there is also `{other}`: did you mean --workspace {other}?)"
                ));
            } else if let Some(hint) = self.near_corpus_workspace(name) {
                new.push_str(&format!(" ({hint})"));
            }
        }
        if workspace.kind == Kind::Named && workspace.corpus.as_ref() != Some(corpus) {
            // Run without `--corpus`, a named workspace is on the bundled
            // corpus. When it was last on a folder that is still there, it
            // stays with that folder (a run that only forgot `--corpus`
            // does not move it), and every such run says so, so that its
            // saved searches are not run on other reports unsaid.
            if *corpus == CorpusRef::Bundled
                && let Some(CorpusRef::Folder { path, .. }) = &workspace.corpus
                && path.is_dir()
            {
                notes.push(left_folder_note(name, path));
                return Ok(workspace);
            }
            workspace.corpus = Some(corpus.clone());
            self.write_record(&workspace)?;
        }
        Ok(workspace)
    }

    /// Workspace `name` as its record says, or made (of `kind`, for
    /// `corpus`) when it has none. A record that cannot be read is set
    /// aside and made again, with a note.
    fn ensure(
        &self,
        name: &str,
        kind: Kind,
        corpus: &CorpusRef,
        notes: &mut Vec<String>,
    ) -> Result<Workspace> {
        let dir = self.dir_of(name);
        let mut new = true;
        match read_record(&dir) {
            Ok(Some(record)) => return Ok(Workspace::of(dir, record)),
            Ok(None) => {}
            Err(why) => {
                new = false;
                let path = dir.join(RECORD_FILE);
                let aside = atomic::set_aside(&path).map_err(|e| Error::io(&path, e))?;
                notes.push(format!(
                    "the workspace file {} could not be read ({why}); it was kept as {} and made again",
                    path.display(),
                    aside.display()
                ));
            }
        }
        // State files copied in without their record (as the README's
        // sharing section says to copy them) make the workspace: taken in,
        // not new.
        let copied = new && has_state_files(&dir);
        let workspace = Workspace {
            name: name.to_string(),
            dir,
            kind,
            corpus: Some(corpus.clone()),
        };
        self.write_record(&workspace)?;
        if kind == Kind::Named && copied {
            notes.push(format!(
                "the workspace {name} {TAKES_FILES} {}",
                workspace.dir.display()
            ));
        } else if kind == Kind::Named && new {
            notes.push(format!("{name}{NEW_WORKSPACE}"));
        }
        Ok(workspace)
    }

    /// Writes a workspace's record, making its folder if need be.
    fn write_record(&self, workspace: &Workspace) -> Result<()> {
        fs::create_dir_all(&workspace.dir).map_err(|e| Error::io(&workspace.dir, e))?;
        let path = workspace.dir.join(RECORD_FILE);
        let created = read_record(&workspace.dir)
            .ok()
            .flatten()
            .map_or_else(crate::date::today, |r| r.created);
        let record = Record {
            version: RECORD_VERSION,
            name: workspace.name.clone(),
            kind: workspace.kind,
            corpus: workspace.corpus.clone(),
            created,
        };
        let mut bytes = serde_json::to_vec_pretty(&record).map_err(|e| {
            Error::InvalidInput(format!("{}: cannot be written: {e}", path.display()))
        })?;
        bytes.push(b'\n');
        atomic::write(&path, &bytes)
    }

    /// Every workspace's record that can be read, by name, with its folder.
    fn records(&self) -> Result<Vec<(PathBuf, Record)>> {
        Ok(self
            .folders()?
            .into_iter()
            .filter_map(|dir| Some((dir.clone(), read_record(&dir).ok()??)))
            .collect())
    }

    /// The folders under `workspaces/`, by name.
    fn folders(&self) -> Result<Vec<PathBuf>> {
        let dir = self.root.join(WORKSPACES_DIR);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir, e)),
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
            .map(|e| e.path())
            .collect();
        dirs.sort();
        Ok(dirs)
    }

    /// A name for a new workspace of the folder at `path`: the folder's own
    /// name made a workspace name, with `-2`, `-3`… when it is taken.
    fn free_name(&self, path: &Path) -> String {
        let base = base_name(path);
        let base = base.as_str();
        // Taken in any case: a folder `Thesis` is not given a workspace
        // beside a named `thesis`, which case-blind file systems could
        // not hold apart.
        let existing: Vec<String> = fs::read_dir(self.root.join(WORKSPACES_DIR))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let taken = |name: &str| {
            existing.contains(&name.to_lowercase())
                || fs::symlink_metadata(self.dir_of(name)).is_ok()
        };
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_string())
    }

    /// The workspace folder named after the corpus folder at `path` when it
    /// holds a basket, history or saved searches but no record of what it
    /// is: a project's files copied from a colleague's data folder (the
    /// record, which names paths on their machine, left behind). A folder
    /// from elsewhere takes it as its workspace.
    pub(crate) fn unrecorded(&self, path: &Path) -> Option<String> {
        let name = base_name(path);
        let dir = self.dir_of(&name);
        (matches!(read_record(&dir), Ok(None)) && has_state_files(&dir)).then_some(name)
    }
}

/// Whether the workspace folder `dir` holds any state file (a basket, a
/// history, saved searches).
fn has_state_files(dir: &Path) -> bool {
    let state = [basket::FILE_NAME, "history.json", "searches.json"];
    dir.is_dir() && state.iter().any(|f| dir.join(f).is_file())
}

/// A corpus folder's name made a workspace name (`corpus` for none).
fn base_name(path: &Path) -> String {
    let base: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(NAME_MAX - 4)
        .collect();
    let base = base.trim_start_matches(['.', '-']);
    if base.is_empty() || base == BUNDLED {
        "corpus".to_string()
    } else {
        base.to_string()
    }
}

impl Store {
    /// Every workspace, by name, with its corpus and basket size. Reads
    /// only, but shares out the old single basket first, if there is one.
    pub fn list(&self) -> Result<(Vec<Listed>, Option<Migration>)> {
        let migration = migrate::migrate(self)?;
        let mut listed = Vec::new();
        for dir in self.folders()? {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let basket = Basket::count(&dir.join(basket::FILE_NAME));
            let record = read_record(&dir);
            if matches!(record, Ok(None)) && matches!(basket, Ok(0)) {
                // Not a workspace: no record, no basket.
                continue;
            }
            let mut problems = Vec::new();
            let record = record.unwrap_or_else(|why| {
                problems.push(format!("{RECORD_FILE} cannot be read ({why})"));
                None
            });
            let excerpts = basket
                .map_err(|why| {
                    problems.push(format!("{} cannot be read ({why})", basket::FILE_NAME))
                })
                .ok();
            let corpus = record.as_ref().and_then(|r| r.corpus.clone());
            listed.push(Listed {
                name,
                dir,
                kind: record.as_ref().map(|r| r.kind),
                corpus_found: corpus.as_ref().map(folder::found),
                corpus,
                excerpts,
                problem: (!problems.is_empty()).then(|| problems.join("; ")),
            });
        }
        Ok((listed, migration))
    }

    /// The workspace `evidence` would open for `source` and `name`, without
    /// making or changing anything: `None` when it does not exist yet.
    pub fn which(&self, source: &CorpusSource, name: Option<&str>) -> Option<String> {
        match (name, source) {
            (Some(name), _) => Some(name.to_string()),
            (None, CorpusSource::Bundled) => Some(BUNDLED.to_string()),
            (None, CorpusSource::Folder { root, .. }) => {
                let records = self.records().ok()?;
                folder::find(&records, root).map(|(_, record)| record.name.clone())
            }
        }
    }

    /// Makes workspace `name` the one of the corpus folder `source`, as when
    /// the folder was copied somewhere its id file did not follow: writes
    /// the folder's id file and records the folder. The workspace the
    /// folder had until then is kept as it was.
    pub fn attach(&self, name: &str, source: &CorpusSource) -> Result<Attached> {
        check_name(name)?;
        // A named workspace moves to the bundled corpus: it stays named, and
        // its runs without `--corpus` no longer say it was on a folder.
        if *source == CorpusSource::Bundled
            && let Ok(Some(record)) = read_record(&self.dir_of(name))
            && record.kind == Kind::Named
        {
            let workspace = Workspace {
                corpus: Some(CorpusRef::Bundled),
                ..Workspace::of(self.dir_of(name), record)
            };
            self.write_record(&workspace)?;
            return Ok(Attached {
                workspace,
                previous: None,
            });
        }
        let CorpusSource::Folder { root, .. } = source else {
            return Err(Error::InvalidInput(format!(
                "attach needs the corpus folder to attach `{name}` to: give it with --corpus DIR (a named workspace, attached without one, goes with the bundled corpus)"
            )));
        };
        if name == BUNDLED {
            return Err(Error::InvalidInput(format!(
                "`{BUNDLED}` is the bundled corpus's workspace and stays with it; name another workspace to attach"
            )));
        }
        migrate::migrate(self)?;
        let dir = self.dir_of(name);
        let record = match read_record(&dir) {
            Ok(Some(record)) => record,
            Ok(None) => {
                return Err(Error::InvalidInput(format!(
                    "there is no workspace `{name}` (see `evidence workspaces`)"
                )));
            }
            Err(why) => {
                return Err(Error::InvalidInput(format!(
                    "{}: cannot be read ({why}); the workspace `{name}` cannot be attached",
                    dir.join(RECORD_FILE).display()
                )));
            }
        };
        let previous = self.which(source, None).filter(|previous| previous != name);
        let id = match &record.corpus {
            Some(CorpusRef::Folder { id: Some(id), .. }) => id.clone(),
            _ => folder::new_id(root),
        };
        folder::write_id(root, &id)?;
        let workspace = Workspace {
            name: record.name,
            dir,
            kind: Kind::Corpus,
            corpus: Some(CorpusRef::Folder {
                id: Some(id),
                path: root.to_path_buf(),
            }),
        };
        self.write_record(&workspace)?;
        Ok(Attached {
            workspace,
            previous,
        })
    }
}

/// The record in a workspace's folder: `None` when there is none, or why it
/// cannot be read.
fn read_record(dir: &Path) -> std::result::Result<Option<Record>, String> {
    let path = dir.join(RECORD_FILE);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(crate::error::io_reason(&e)),
    };
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    let version: Version =
        serde_json::from_slice(&bytes).map_err(|e| format!("not a workspace file: {e}"))?;
    if version.version > RECORD_VERSION {
        return Err(format!(
            "written by a newer version of evidence (workspace format {}, this one reads {RECORD_VERSION})",
            version.version
        ));
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| format!("not a workspace file: {e}"))
}

#[cfg(test)]
mod tests;
