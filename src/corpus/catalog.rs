//! A corpus's metadata without its text: what an index stores beside itself so
//! that opening a fresh index needs no corpus file read. Reports rebuilt from a
//! catalog read their passages from the source when first needed.

use super::{Corpus, CorpusSource, Passages, Problem, Report, ReportKind, Theme};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// A report's metadata and passage count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub organisation: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub kind: ReportKind,
    pub key_sections: Vec<String>,
    pub path: PathBuf,
    pub passage_count: usize,
}

/// Everything about a corpus but its passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub reports: Vec<ReportMeta>,
    pub themes: Vec<Theme>,
    /// The problems found when the corpus was last read in full.
    pub problems: Vec<Problem>,
    pub fingerprint: String,
}

impl Corpus {
    /// The corpus's catalog.
    pub fn catalog(&self) -> Catalog {
        Catalog {
            reports: self
                .reports
                .iter()
                .map(|r| ReportMeta {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    short_title: r.short_title.clone(),
                    organisation: r.organisation.clone(),
                    authors: r.authors.clone(),
                    published: r.published.clone(),
                    kind: r.kind,
                    key_sections: r.key_sections.clone(),
                    path: r.path.clone(),
                    passage_count: r.passages.count(),
                })
                .collect(),
            themes: self.themes.clone(),
            problems: self.problems.clone(),
            fingerprint: self.fingerprint.clone(),
        }
    }

    /// A corpus from a catalog, whose reports read their passages from
    /// `source` when first needed.
    pub fn from_catalog(catalog: Catalog, source: &CorpusSource) -> Corpus {
        let theme_ids: Arc<HashSet<String>> =
            Arc::new(catalog.themes.iter().map(|t| t.id.clone()).collect());
        let reports = catalog
            .reports
            .into_iter()
            .map(|m| Report {
                passages: Passages::lazy(
                    m.passage_count,
                    source.loader(m.path.clone(), theme_ids.clone()),
                ),
                id: m.id,
                title: m.title,
                short_title: m.short_title,
                organisation: m.organisation,
                authors: m.authors,
                published: m.published,
                kind: m.kind,
                key_sections: m.key_sections,
                path: m.path,
            })
            .collect();
        Corpus {
            origin: source.origin(),
            reports,
            themes: catalog.themes,
            problems: catalog.problems,
            fingerprint: catalog.fingerprint,
        }
    }
}
