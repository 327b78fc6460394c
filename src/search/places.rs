//! Where a document's passage is in corpus order. A document stores its
//! report's key and its place in the report (its `slot`, see
//! [`super::schema`]); the catalog says which report each key is and the
//! reports' passage counts, so a passage's position in corpus order (its
//! `ord`) is found when a search runs. Nothing stored in the index depends on
//! another report's place, and an update rewrites only the reports it
//! changes.
//!
//! Every segment holds its documents sorted by slot, so each report's
//! passages are one run of consecutive documents: collecting in document
//! order reads the slot once a run (twice, to check the run's end) rather
//! than once a document.

use super::schema::split_slot;
use crate::{Error, Result};
use std::sync::Arc;
use tantivy::columnar::ColumnValues;
use tantivy::{DocId, SegmentReader};

/// Keys beyond this many are refused as damage: keys grow by one a changed
/// report, and a full rebuild numbers them from one again.
const MAX_KEY: u64 = 1 << 28;

/// Each report's first passage in corpus order, and each key's report.
#[derive(Debug)]
pub(super) struct Places {
    /// The ord of each report's first passage, then the passage count.
    firsts: Vec<usize>,
    /// The report (by position) of each key; `u32::MAX` for none.
    by_key: Vec<u32>,
}

impl Places {
    /// Places for reports with these keys and passage counts, in corpus order.
    pub(super) fn new(keys: &[u64], counts: impl Iterator<Item = usize>) -> Result<Self> {
        let mut firsts = Vec::with_capacity(keys.len() + 1);
        let mut total = 0usize;
        for count in counts {
            firsts.push(total);
            total = total
                .checked_add(count)
                .ok_or_else(|| Error::Index("the corpus's passage counts overflow".into()))?;
        }
        firsts.push(total);
        if firsts.len() != keys.len() + 1 {
            return Err(Error::Index(format!(
                "the catalog names {} report keys for {} reports",
                keys.len(),
                firsts.len() - 1
            )));
        }
        let top = keys.iter().copied().max().unwrap_or(0);
        if top >= MAX_KEY {
            return Err(Error::Index(format!("report key {top} is out of range")));
        }
        let mut by_key = vec![u32::MAX; top as usize + 1];
        for (report, &key) in keys.iter().enumerate() {
            let at = &mut by_key[key as usize];
            if *at != u32::MAX || key == 0 {
                return Err(Error::Index(format!("report key {key} is not unique")));
            }
            *at = u32::try_from(report).map_err(|_| Error::Index("too many reports".into()))?;
        }
        Ok(Places { firsts, by_key })
    }

    /// How many passages the corpus has.
    pub(super) fn total(&self) -> usize {
        self.firsts.last().copied().unwrap_or(0)
    }

    /// The report (by position) and the place within it of the passage at
    /// a position in corpus order.
    pub(super) fn locate(&self, ord: usize) -> Option<(usize, usize)> {
        if ord >= self.total() {
            return None;
        }
        let i = self.firsts.partition_point(|&first| first <= ord) - 1;
        Some((i, ord - self.firsts[i]))
    }

    /// The ord of a report's first passage.
    pub(super) fn first(&self, report: usize) -> Option<usize> {
        self.firsts.get(report).copied()
    }

    /// The report, ord, and number of passages from this one to the
    /// report's end, of a document's slot; `None` for a key the catalog does
    /// not name or a place past the report's end.
    fn of_slot(&self, slot: u64) -> Option<(usize, u64, u64)> {
        let (key, local) = split_slot(slot);
        let report = *self.by_key.get(usize::try_from(key).ok()?)?;
        if report == u32::MAX {
            return None;
        }
        let report = report as usize;
        let count = (self.firsts[report + 1] - self.firsts[report]) as u64;
        (local < count).then(|| (report, self.firsts[report] as u64 + local, count - local))
    }
}

/// One segment's documents in corpus order: a document's report and ord.
pub(super) struct SegmentOrds {
    slots: Arc<dyn ColumnValues<u64>>,
    places: Arc<Places>,
    max_doc: DocId,
    /// The run of documents `start..end`, all of `report`, whose first has
    /// ord `first`.
    start: DocId,
    end: DocId,
    report: usize,
    first: u64,
}

impl SegmentOrds {
    pub(super) fn new(segment: &SegmentReader, places: Arc<Places>) -> tantivy::Result<Self> {
        Ok(SegmentOrds {
            slots: dense(segment, "slot")?,
            places,
            max_doc: segment.max_doc(),
            start: 0,
            end: 0,
            report: 0,
            first: 0,
        })
    }

    /// A document's ord, read from its slot (any order of documents).
    pub(super) fn ord(&self, doc: DocId) -> Option<u64> {
        self.places
            .of_slot(self.slots.get_val(doc))
            .map(|(_, ord, _)| ord)
    }

    /// A document's report (by position) and ord, for documents visited in
    /// increasing order (others work, a little slower).
    pub(super) fn next(&mut self, doc: DocId) -> Option<(usize, u64)> {
        if (self.start..self.end).contains(&doc) {
            return Some((self.report, self.first + u64::from(doc - self.start)));
        }
        let slot = self.slots.get_val(doc);
        let (report, ord, left) = self.places.of_slot(slot)?;
        // The run reaches the report's last passage if the document that
        // far on holds it: slots are sorted and unique within a segment, so
        // every document between holds the passages between.
        let last = u64::from(doc) + left - 1;
        let whole = left > 1
            && last < u64::from(self.max_doc)
            && self.slots.get_val(last as DocId) == slot + left - 1;
        self.start = doc;
        self.end = if whole { last as DocId + 1 } else { doc + 1 };
        self.report = report;
        self.first = ord;
        Some((report, ord))
    }
}

/// A fast field's values by document. Every passage document has one value of
/// each, so the column is read directly, without its optional-value index.
pub(super) fn dense(
    segment: &SegmentReader,
    field: &str,
) -> tantivy::Result<Arc<dyn tantivy::columnar::ColumnValues<u64>>> {
    let column = segment.fast_fields().u64(field)?;
    Ok(match column.index {
        tantivy::columnar::ColumnIndex::Full => column.values,
        _ => column.first_or_default_col(0),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_reports_in_corpus_order() {
        let places = Places::new(&[3, 1, 7], [2, 0, 4].into_iter()).unwrap();
        assert_eq!(places.total(), 6);
        assert_eq!(
            places.of_slot(super::super::schema::slot(3, 1)),
            Some((0, 1, 1))
        );
        assert_eq!(
            places.of_slot(super::super::schema::slot(7, 0)),
            Some((2, 2, 4))
        );
        assert_eq!(places.of_slot(super::super::schema::slot(1, 0)), None);
        assert_eq!(places.of_slot(super::super::schema::slot(2, 0)), None);
        assert_eq!(places.of_slot(super::super::schema::slot(99, 0)), None);
        assert_eq!(places.locate(0), Some((0, 0)));
        assert_eq!(places.locate(2), Some((2, 0)));
        assert_eq!(places.locate(5), Some((2, 3)));
        assert_eq!(places.locate(6), None);
    }

    #[test]
    fn repeated_or_zero_keys_are_refused() {
        assert!(Places::new(&[1, 1], [1, 1].into_iter()).is_err());
        assert!(Places::new(&[0], [1].into_iter()).is_err());
        assert!(Places::new(&[1], [1, 1].into_iter()).is_err());
        assert!(Places::new(&[MAX_KEY], [1].into_iter()).is_err());
    }
}
