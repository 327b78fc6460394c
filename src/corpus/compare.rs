//! What is compared side by side: several reports' key messages, or what
//! each report says on one theme (the explorer's compare screen and
//! `evidence compare`).

use super::{Corpus, Passage, Report};

impl Corpus {
    /// The columns of a comparison, in the order the reports are given:
    /// each report of `reports` with its key passages (see
    /// [`Report::key_passages`]), or with its passages of `theme` when one
    /// is given. With a theme and no reports, every report that has
    /// passages of it, in corpus order; with neither, nothing. A report with no passage to show
    /// under a theme has no column; an id the corpus lacks is passed over
    /// (the caller checks ids first when it should refuse them).
    pub fn compare<'a>(
        &'a self,
        reports: &[String],
        theme: Option<&str>,
    ) -> Vec<(&'a Report, Vec<&'a Passage>)> {
        let chosen: Vec<&Report> = if reports.is_empty() {
            if theme.is_none() {
                return Vec::new();
            }
            self.reports.iter().collect()
        } else {
            reports.iter().filter_map(|id| self.report(id)).collect()
        };
        chosen
            .into_iter()
            .filter_map(|r| match theme {
                Some(theme) => {
                    let ps: Vec<&Passage> = r
                        .passages
                        .iter()
                        .filter(|p| p.themes.iter().any(|t| t == theme))
                        .collect();
                    (!ps.is_empty()).then_some((r, ps))
                }
                None => Some((r, r.key_passages())),
            })
            .collect()
    }
}
