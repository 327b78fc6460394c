//! Where a document cites the corpus, and what each citation points at.
//!
//! Two ways of citing are read. A passage id (`big-med/4`), the way every
//! export writes it. And a pandoc citation of a report's key, the way a
//! researcher writing for pandoc keeps it once the id is taken out:
//! `[@ftn2014buddying, para. 9]`, `[see @gawande2012big, p. 3; @dh2014examining]`
//! or, in the text, `@gawande2012big [pp. 3–4] says`. A key the corpus does
//! not know (`@smith2020`) cites another source, not this corpus.
//!
//! A paragraph is a passage's number, so `para. 9` is passage 9 of the
//! report. A page (`p. 3`, for an imported PDF) may hold several passages,
//! and a key with no locator cites the whole report: those are resolved
//! with the quotation's words, to the passage among them that holds it, or
//! else the one that shares the most of its words, so that what is checked
//! is the passage the writer meant.

use super::locator::{Locator, key_at, key_in, locator, on_pages, para_number, written};
use super::quote::Quote;
use crate::corpus::{Corpus, Pages};
use std::collections::HashMap;

/// A citation found in a text: where it is and what it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Byte range in the text, brackets included.
    pub start: usize,
    pub end: usize,
    pub target: Target,
    /// The pandoc citation as written (`@gawande2012big, p. 3`), for one;
    /// `None` for a passage id.
    pub written: Option<String>,
    /// The other works cited in the same pandoc bracket
    /// (`[@denning2012not, para. 2; @gawande2012big, para. 1]`), each as
    /// written: the quote may be from any of them.
    pub others: Vec<(Target, String)>,
}

/// What a citation points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A passage, by id (`big-med/4`, or a key with `para. 4`).
    Passage(String),
    /// A report's pages: one of the passages on them.
    Pages { report: String, pages: Pages },
    /// A range of a report's paragraphs (`paras. 27–28`): one of the
    /// passages numbered in it (`27`, `27.1`, `28`).
    Paras {
        report: String,
        first: u32,
        last: u32,
    },
    /// A report as a whole: one of its passages.
    Report(String),
    /// A work the corpus does not have (`[@smith2019chains, p. 12]`): the
    /// quote is credited to another source.
    Elsewhere,
}

/// What a citation of a quotation stands for, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resolved {
    /// A passage's id, or a report's when it points at no passage that
    /// holds the quote.
    pub cited: String,
    /// The pandoc citation as written, for one.
    pub written: Option<String>,
}

/// Finds and resolves citations of one corpus.
pub(super) struct Citations<'a> {
    corpus: &'a Corpus,
    /// Citation key → report id.
    keys: HashMap<String, String>,
}

impl<'a> Citations<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        let keys = crate::cite::keys(corpus)
            .into_iter()
            .zip(&corpus.reports)
            .map(|(key, r)| (key, r.id.clone()))
            .collect();
        Citations { corpus, keys }
    }

    /// Knowing also keys the corpus's reports once had (citation key →
    /// report id), for those it does not give now.
    pub fn with_old_keys(mut self, old: &HashMap<String, String>) -> Self {
        for (key, report) in old {
            self.keys
                .entry(key.clone())
                .or_insert_with(|| report.clone());
        }
        self
    }

    /// Every citation in `text`, in order: passage ids and pandoc
    /// citations of the corpus's keys. A pandoc citation followed by the
    /// passage id it stands for (`[@key, para. 9], report/9`, as an export
    /// writes them) is one citation, the id.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut all: Vec<Found> = ids(text, self.corpus)
            .into_iter()
            .map(|(start, id)| Found {
                start,
                end: start + id.len(),
                target: Target::Passage(id),
                written: None,
                others: Vec::new(),
            })
            .collect();
        all.extend(self.bare_reports(text));
        let pandoc = self.pandoc(text);
        // An id inside a pandoc citation's brackets (`[@key, big-med/4]` is
        // not pandoc's, but the id is what it means) stays the id.
        all.retain(|f| !pandoc.iter().any(|p| p.start <= f.start && f.end <= p.end));
        for p in pandoc {
            let next_id = all
                .iter_mut()
                .find(|f| f.start >= p.end && f.written.is_none())
                .filter(|f| {
                    text[p.end..f.start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-'))
                });
            match next_id {
                Some(id) => id.start = p.start,
                None => all.push(p),
            }
        }
        all.sort_by_key(|f| f.start);
        all
    }

    /// What a citation of `quote` stands for. Of the works a bracket
    /// cites, the first whose cited passages hold the quote, else the one
    /// with a locator (else the first). A page or a whole work stands for
    /// the passage on it that holds the quote, else for the report: no
    /// passage was named, and none is guessed.
    pub fn resolve(&self, found: &Found, quote: &str) -> Resolved {
        let q = Quote::new(quote);
        let first = (&found.target, found.written.as_deref());
        let all = std::iter::once(first).chain(
            found
                .others
                .iter()
                .map(|(target, written)| (target, Some(written.as_str()))),
        );
        let mut fallback = None;
        for (target, written) in all {
            let (cited, holds) = self.resolve_one(target, &q);
            if holds {
                return Resolved {
                    cited,
                    written: written.map(str::to_string),
                };
            }
            fallback.get_or_insert(Resolved {
                cited,
                written: written.map(str::to_string),
            });
        }
        fallback.unwrap_or_else(|| Resolved {
            cited: String::new(),
            written: None,
        })
    }

    /// The id one target stands for, and whether its passage holds the quote.
    fn resolve_one(&self, target: &Target, quote: &Quote) -> (String, bool) {
        let (report, pages) = match target {
            Target::Passage(id) => {
                let holds = self.corpus.passage(id).is_some_and(|(r, p)| {
                    r.passages
                        .iter()
                        .position(|q| q.id == p.id)
                        .is_some_and(|at| quote.held_by(&r.passages, at))
                });
                return (id.clone(), holds);
            }
            Target::Pages { report, pages } => (report, Some(*pages)),
            Target::Paras {
                report,
                first,
                last,
            } => {
                let holding = self.corpus.report(report).and_then(|r| {
                    quote.holder(&r.passages, |p| {
                        para_number(&p.id).is_some_and(|n| (*first..=*last).contains(&n))
                    })
                });
                return match holding {
                    Some(p) => (p.id.clone(), true),
                    None => (report.clone(), false),
                };
            }
            Target::Report(report) => (report, None),
            Target::Elsewhere => return (String::new(), false),
        };
        let holding = self
            .corpus
            .report(report)
            .and_then(|r| quote.holder(&r.passages, |p| on_pages(p, pages)));
        match holding {
            Some(p) => (p.id.clone(), true),
            None => (report.clone(), false),
        }
    }

    /// A bare report id in brackets, `(big-med)` or `[NHS-Trust-Mergers]`:
    /// a citation of the report as a whole.
    fn bare_reports(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for (open, c) in text.char_indices() {
            let close = match c {
                '(' => ')',
                '[' => ']',
                _ => continue,
            };
            let inner_start = open + 1;
            let Some(len) = text[inner_start..].find(close) else {
                continue;
            };
            let inner = &text[inner_start..inner_start + len];
            let id = inner.trim().to_lowercase();
            if id.is_empty() || id.contains(char::is_whitespace) {
                continue;
            }
            // A one-word id in other capitals is a word of the prose, not
            // a citation: `(Summary)` beside a quote, with a report
            // `summary` in the corpus.
            if !id.contains(['-', '_']) && inner.trim() != id {
                continue;
            }
            if self.corpus.report(&id).is_some() {
                let start = inner_start + (inner.len() - inner.trim_start().len());
                out.push(Found {
                    start,
                    end: start + inner.trim().len(),
                    target: Target::Report(id),
                    written: None,
                    others: Vec::new(),
                });
            }
        }
        out
    }

    /// The pandoc citations of known keys: `[…@key…]` groups, and `@key`
    /// in the text with an optional `[locator]` after it.
    fn pandoc(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut at = 0;
        while let Some(open) = text[at..].find('[').map(|i| at + i) {
            let Some(close) = text[open..].find(']').map(|i| open + i) else {
                break;
            };
            let inner = &text[open + 1..close];
            // The first item with a locator, else the first item: in
            // `[@ftn2014buddying, para. 9; as summarised in @dh2014examining]`
            // the quote is the first work's.
            let all: Vec<(String, &str)> = inner.split(';').filter_map(key_in).collect();
            let items: Vec<&(String, &str)> = all
                .iter()
                .filter(|(key, _)| self.keys.contains_key(key))
                .collect();
            // A bracket of keys the corpus does not know credits the quote
            // to another work: said, so that words from this corpus
            // credited to it are found out.
            if items.is_empty()
                && let Some((key, after)) = all.first()
            {
                out.push(Found {
                    start: open,
                    end: close + 1,
                    target: Target::Elsewhere,
                    written: Some(written(key, after)),
                    others: Vec::new(),
                });
                groups.push((open, close + 1));
                at = close + 1;
                continue;
            }
            let chosen = items
                .iter()
                .position(|(_, after)| locator(after).is_some())
                .unwrap_or(0);
            if let Some(&(key, after)) = items.get(chosen) {
                let mut found = self.found(open, close + 1, key, after);
                // The others are the quote's too, if it is in them.
                found.others = items
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != chosen)
                    .map(|(_, &(key, after))| {
                        let other = self.found(open, close + 1, key, after);
                        (other.target, other.written.unwrap_or_default())
                    })
                    .collect();
                out.push(found);
                groups.push((open, close + 1));
            }
            at = close + 1;
        }
        // In the text: `@key`, perhaps followed by `[p. 3]`.
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices('@') {
            if groups.iter().any(|&(s, e)| s <= i && i < e) {
                continue;
            }
            let boundary =
                i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if !boundary {
                continue;
            }
            let Some((key, len)) = key_at(&text[i + 1..]) else {
                continue;
            };
            if !self.keys.contains_key(&key) {
                continue;
            }
            let mut end = i + 1 + len;
            let mut loc = "";
            let rest = &text[end..];
            let trimmed = rest.trim_start();
            if let Some(body) = trimmed.strip_prefix('[')
                && let Some(close) = body.find(']')
                && locator(&body[..close]).is_some()
            {
                loc = &body[..close];
                end += rest.len() - trimmed.len() + close + 2;
            }
            out.push(self.found(i, end, &key, loc));
        }
        out.sort_by_key(|f| f.start);
        out
    }

    fn found(&self, start: usize, end: usize, key: &str, after: &str) -> Found {
        let report = self.keys[key].clone();
        let loc = locator(after);
        let target = match loc {
            Some(Locator::Para(n)) => Target::Passage(format!("{report}/{n}")),
            Some(Locator::Paras(first, last)) => Target::Paras {
                report,
                first,
                last,
            },
            Some(Locator::Pages(pages)) => Target::Pages { report, pages },
            None => Target::Report(report),
        };
        Found {
            start,
            end,
            target,
            written: Some(written(key, after)),
            others: Vec::new(),
        }
    }
}

/// The passage ids a text names, with where each starts: words shaped
/// `report-id/number`, whether or not the corpus still has them (a citation
/// of a report since removed is a citation all the same: `import` names
/// reports by one word, `notes/3`). After a `/` (a path or web address),
/// only ids the corpus knows or retired, or whose shape is unmistakable
/// (`letters-and-hyphens/12`). Searches take an id in any case, and so
/// does this: `NHS-Trust-Mergers/4` is `nhs-trust-mergers/4`, when the
/// corpus knows it (`Page/6` is no id).
pub(super) fn ids(text: &str, corpus: &Corpus) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Not inside a word: `Page/6` is no id, nor is its `age/6`. (An
        // ASCII letter at `i` means `i` starts a character.)
        let at_boundary = || {
            i == 0
                || !is_id_byte(bytes[i - 1])
                    && bytes[i - 1] != b'.'
                    && !text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
        };
        if !(bytes[i].is_ascii_alphanumeric() && at_boundary()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_id_byte(bytes[i]) {
            i += 1;
        }
        let report_end = i;
        if i >= bytes.len() || bytes[i] != b'/' {
            continue;
        }
        i += 1;
        let digits = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let mut end = i;
        while end > digits && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let followed_ok = i >= bytes.len() || !bytes[i].is_ascii_alphanumeric() && bytes[i] != b'/';
        if end == digits || !followed_ok {
            continue;
        }
        let written = &text[start..end];
        let id = written.to_ascii_lowercase();
        let report = &id[..report_end - start];
        let known = corpus.report(report).is_some() || corpus.retired(&id).is_some();
        // A path's last parts (`…/reports/2`) are not an id unless the
        // corpus knows it or its shape is unmistakable; one in capitals
        // only if the corpus knows it.
        let in_path = start > 0 && bytes[start - 1] == b'/';
        let capitals = written != id;
        // A report id may start with a digit (a file `02-plain.md` is the
        // report `02-plain`), but prose has such words too (`2014/15`,
        // `24-hour/7`): one that does must be known.
        if bytes[start].is_ascii_digit() && !known {
            continue;
        }
        if known || !capitals && (report.contains('-') || !in_path) {
            out.push((start, id));
        }
    }
    out
}

/// `text` without the citations found in it, and without the brackets,
/// dash or comma that only held them.
pub(super) fn without_ids(text: &str, found: &[Found]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        let (start, end) = (f.start, f.end);
        let before = text[at..start].trim_end();
        let after = &text[end..];
        // `(id)`, `[id]`: the brackets go with it.
        let (before, skip) = match (before.chars().last(), after.chars().next()) {
            (Some('('), Some(')')) | (Some('['), Some(']')) => (&before[..before.len() - 1], 1),
            _ => (before, 0),
        };
        let before = before
            .trim_end()
            .trim_end_matches(['—', '–', ','])
            .trim_end();
        out.push_str(before);
        out.push(' ');
        at = end + skip;
    }
    out.push_str(&text[at..]);
    out
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;

    #[test]
    fn pandoc_citations_of_known_keys_point_at_passages() {
        let corpus = Corpus::bundled();
        let c = Citations::new(&corpus);
        let text = "As [see @gawande2012big, para. 4; @dh2014examining] and \
                    @ftn2014buddying [¶ 9] say, not @smith2020 [p. 3] or jane@nhs.uk.";
        let found = c.find(text);
        let targets: Vec<&Target> = found.iter().map(|f| &f.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Passage("big-med/4".into()),
                &Target::Passage("buddying-review/9".into()),
            ]
        );
        assert_eq!(
            &text[found[0].start..found[0].end],
            "[see @gawande2012big, para. 4; @dh2014examining]"
        );
        assert_eq!(
            &text[found[1].start..found[1].end],
            "@ftn2014buddying [¶ 9]"
        );
        assert_eq!(
            found[0].written.as_deref(),
            Some("@gawande2012big, para. 4")
        );
    }

    #[test]
    fn an_export_citation_and_its_id_are_one_citation() {
        let corpus = Corpus::bundled();
        let c = Citations::new(&corpus);
        let text =
            "— [@ftn2014buddying, para. 13; as summarised in @dh2014examining], buddying-review/13";
        let found = c.find(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].target,
            Target::Passage("buddying-review/13".into())
        );
        assert_eq!(found[0].written, None);
        assert_eq!(found[0].start, text.find('[').expect("a bracket"));
    }

    #[test]
    fn a_report_cited_whole_resolves_to_the_passage_that_holds_the_quote() {
        let corpus = Corpus::bundled();
        let c = Citations::new(&corpus);
        let (_, passage) = corpus.passage("buddying-review/9").expect("bundled");
        let quote: String = passage
            .text
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
        let found = &c.find("[@ftn2014buddying]")[0];
        assert_eq!(found.target, Target::Report("buddying-review".into()));
        assert_eq!(c.resolve(found, &quote).cited, "buddying-review/9");
        // Words it does not hold name no passage: the report.
        assert_eq!(
            c.resolve(found, "words no passage of the review holds at all")
                .cited,
            "buddying-review"
        );
    }

    #[test]
    fn every_work_a_bracket_cites_may_hold_the_quote() {
        let corpus = Corpus::bundled();
        let c = Citations::new(&corpus);
        let found = &c.find("[@denning2012not, para. 2; @gawande2012big, para. 1]")[0];
        let quote = "can vary by a factor of 2 or 3, even within the same hospital";
        assert_eq!(
            c.resolve(found, quote),
            Resolved {
                cited: "big-med/1".into(),
                written: Some("@gawande2012big, para. 1".into()),
            }
        );
        // Held by neither: the one with a locator, the first.
        assert_eq!(
            c.resolve(found, "nothing either work says").cited,
            "cheesecake-factory/2"
        );
    }

    #[test]
    fn ids_in_capitals_and_bare_report_ids_are_citations() {
        let corpus = Corpus::bundled();
        let c = Citations::new(&corpus);
        let found = c.find("as (NHS-Trust-Mergers/4) and (Big-Med) say, not Page/6 or (page)");
        let targets: Vec<&Target> = found.iter().map(|f| &f.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Passage("nhs-trust-mergers/4".into()),
                &Target::Report("big-med".into()),
            ]
        );
    }

    #[test]
    fn ids_inside_a_quote_are_not_quoted_words() {
        let corpus = Corpus::bundled();
        for (text, quoted) in [
            (
                "one trust director told us. (big-med/4)",
                "one trust director told us. ",
            ),
            ("told us [big-med/4] and more", "told us  and more"),
            ("as they said — big-med/4", "as they said "),
            ("no id here", "no id here"),
        ] {
            let found = Citations::new(&corpus).find(text);
            assert_eq!(without_ids(text, &found), quoted, "{text}");
        }
    }

    #[test]
    fn ids_are_found_by_shape_and_by_the_corpus() {
        let corpus = Corpus::bundled();
        let found: Vec<String> = ids(
            "see big-med/4, (buddying-review/9), state-of-care-2013-14/19 and notes/3; \
             not 2020-notes/3, 24-hour/7, 24/7, 2014/15, 10am/2, www.x.uk/3, https://example.org/reports/2 or a/b",
            &corpus,
        )
        .into_iter()
        .map(|(_, id)| id)
        .collect();
        assert_eq!(
            found,
            [
                "big-med/4",
                "buddying-review/9",
                "state-of-care-2013-14/19",
                "notes/3"
            ]
        );
    }
}
