//! `evidence compare --json`: the reports compared, each with the passages
//! it is compared by (its key messages, or its passages of a theme).

use super::PassageJson;
use crate::corpus::{Passage, Report};
use serde::{Deserialize, Serialize};

/// `evidence compare --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The theme compared across reports, when one was given.
    pub theme: Option<String>,
    /// The reports in the order given (corpus order for a theme alone).
    pub reports: Vec<ComparedReport>,
}

/// One report of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparedReport {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// What its passages are: `key messages` (of the sections its
    /// `key_sections` names), `all passages` (it names none) or `theme`.
    pub compared_by: String,
    pub key_sections: Vec<String>,
    pub passages: Vec<PassageJson>,
}

impl ComparedReport {
    pub fn new(r: &Report, passages: &[&Passage], theme: Option<&str>) -> Self {
        ComparedReport {
            id: r.id.clone(),
            title: r.title.clone(),
            short_title: r.short_title.clone(),
            compared_by: compared_by(r, theme).to_string(),
            key_sections: r.key_sections.clone(),
            passages: passages.iter().map(|p| PassageJson::new(r, p)).collect(),
        }
    }
}

/// What a report's passages in a comparison are (see
/// [`ComparedReport::compared_by`]).
pub fn compared_by(r: &Report, theme: Option<&str>) -> &'static str {
    match theme {
        Some(_) => "theme",
        None if r.key_sections.is_empty() => "all passages",
        None => "key messages",
    }
}
