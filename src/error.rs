//! The library's error type. Every variant says what went wrong in one sentence a
//! researcher can act on, naming the path or id concerned; `main` prints it as is.
//! Problems *inside* corpus files are not errors but [`crate::corpus::Problem`]s,
//! collected and reported together.

use std::path::PathBuf;

/// Anything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {}", path.display(), io_reason(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The corpus folder given with `--corpus` does not exist or is not a folder.
    #[error("{}: not a corpus folder ({reason})", path.display())]
    NotACorpus { path: PathBuf, reason: String },
    /// A report or passage id that the corpus does not have.
    /// (`hint` is " (did you mean `big-med/4`?)" when one is spelt close.)
    #[error("no report or passage with id `{id}`{hint}; `evidence reports` lists the reports")]
    UnknownId { id: String, hint: String },
    /// A passage id that was retired (its sentence says where its text went).
    #[error("{0}")]
    Retired(String),
    /// A report id given to a filter that the corpus does not have.
    /// (`hint` is " (did you mean `big-med`?)" when one is spelt close.)
    #[error("unknown report id `{id}`{hint}; valid ids: {valid}")]
    UnknownReport {
        id: String,
        hint: String,
        valid: String,
    },
    /// A theme id given to a filter that the corpus does not have.
    #[error("unknown theme id `{id}`{hint}; valid ids: {valid}")]
    UnknownTheme {
        id: String,
        hint: String,
        valid: String,
    },
    /// `import` would overwrite a report that is already there.
    #[error("{}: a report with id `{id}` already exists in {} (rename the file or remove the old report)", source_path.display(), existing.display())]
    ReportExists {
        id: String,
        source_path: PathBuf,
        existing: PathBuf,
    },
    /// A value given on the command line that does not fit its field.
    #[error("{0}")]
    InvalidInput(String),
    /// A file that must not be overwritten without consent.
    #[error("{}: already exists (use --force to overwrite)", path.display())]
    Exists { path: PathBuf },
    /// The search index is not what it should be (our own finding).
    #[error("index: {0}")]
    Index(String),
    /// Tantivy failed while building, opening or searching the index.
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index's manifest could not be written as JSON.
    #[error("index: the manifest cannot be written: {0}")]
    Manifest(#[from] serde_json::Error),
    /// A file is to be written into a folder that does not exist.
    #[error("{}: no such folder (create it first, or choose another place to write)", path.display())]
    NoFolder { path: PathBuf },
    /// A file is to be written into a folder that exists but takes no new file.
    #[error("{}: cannot write a file there ({reason}); choose another place to write", path.display())]
    CannotWrite { path: PathBuf, reason: String },
    /// A step failed inside the program itself (a panic caught at a thread's
    /// edge): the step is named, and nothing the user made is touched.
    #[error("{what} failed: an internal error stopped it (please report this)")]
    Internal { what: String },
    /// The basket file cannot be read and could not be moved aside either; it is left as it is.
    #[error("{}: cannot be read as a basket ({reason}); the file was left as it is", path.display())]
    BasketUnreadable { path: PathBuf, reason: String },
    /// The history or saved-searches file cannot be read and could not be
    /// moved aside either; it is left as it is.
    #[error("{}: cannot be read as {what} ({reason}); the file was left as it is", path.display())]
    StateUnreadable {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },
    /// A saved search that is not there.
    #[error("no saved search named `{name}` ({known})")]
    UnknownSaved { name: String, known: String },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// What an I/O error says, as a message puts it: without the system's
/// error number ("No such file or directory (os error 2)" becomes "no such
/// file or directory").
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => text.as_str(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_without_their_numbers() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "no such file or directory");
        let e = Error::io("x.md", std::io::Error::from_raw_os_error(13));
        assert_eq!(e.to_string(), "x.md: permission denied");
        let other = std::io::Error::other("Updating the index failed");
        assert_eq!(io_reason(&other), "updating the index failed");
    }
}
