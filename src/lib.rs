//! `evidence`: explore the evidence base of a policy review from the terminal.
//!
//! The library knows nothing of terminals; the binary (`main.rs`, `cli.rs` and
//! the `tui` module) is a thin layer over it. Data flows one way:
//!
//! - [`corpus`]: reports, passages and themes read from markdown files (the
//!   bundled Dalton review corpus, or the user's own folder), with precise problems.
//! - [`search`]: the tantivy index of passages (its lifecycle on disk, the query
//!   language, ranking, facets, highlights and snippets).
//! - [`import`]: PDFs, Word documents, web pages and markdown from other
//!   tools made into report files (each read in a child process with limits).
//! - [`basket`]: the passages a user collects, with notes, saved between
//!   sessions without ever losing the file.
//! - [`workspace`]: whose basket it is: one workspace per corpus, or named;
//!   where each workspace's files live in the data folder.
//! - [`history`] and [`saved`]: a workspace's search history and saved
//!   searches, kept through [`state`] as the basket is (merged, never lost).
//! - [`export`]: excerpts as markdown (with citations and references), JSON or
//!   CSV, and writing them to stdout or a file.
//! - [`verify`]: a document's quotations checked against the passages they cite.
//! - [`json`]: the JSON documents the command line prints, as types.
//! - [`atomic`]: crash-safe file writes used by everything that saves.
//! - [`date`]: calendar dates as the program writes them.
//! - [`distance`]: how far apart two words are in spelling ("did you mean").
//! - [`english`]: counts in words, as both interfaces say them.
//! - [`error`]: the library's error type.
//!
//! ```
//! use evidence::corpus::Corpus;
//! use evidence::search::{Index, SearchRequest};
//! use std::sync::Arc;
//!
//! let corpus = Arc::new(Corpus::bundled());
//! let index = Index::in_memory(corpus, 1, &|_, _| {}).expect("the bundled corpus indexes");
//! let results = index.search(&SearchRequest::new("buddying costs")).expect("a search");
//! let (report, passage) = index.passage(results.hits[0].ord).expect("a hit");
//! assert_eq!(report.title, "Buddying Review");
//! println!("{}", report.cite(passage));
//! ```
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod atomic;
pub mod basket;
pub mod cite;
pub mod corpus;
pub mod date;
pub mod distance;
pub mod english;
pub mod error;
pub mod export;
pub mod history;
pub mod import;
pub mod json;
pub mod saved;
pub mod search;
pub mod state;
pub mod verify;
pub mod workspace;

pub use error::{Error, Result};
