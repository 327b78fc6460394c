//! `evidence`: explore the evidence base of a policy review from the terminal.
//!
//! The library knows nothing of terminals; the binary (`main.rs`, `cli.rs` and
//! the `tui` module) is a thin layer over it. Data flows one way:
//!
//! - [`corpus`]: reports, passages and themes read from markdown files (the
//!   bundled Dalton review corpus, or the user's own folder), with precise problems.
//! - [`atomic`]: crash-safe file writes used by everything that saves.
//! - [`error`]: the library's error type.
#![forbid(unsafe_code)]

pub mod atomic;
pub mod corpus;
pub mod error;

pub use error::{Error, Result};
