//! Collectors: one pass over a query's matches that counts them per report
//! and theme (the facets and the evidence map) and keeps the best hits, from
//! the fast fields alone; and the set of documents an exclusion matches.

use super::places::{Places, SegmentOrds, dense};
use super::{Filters, Index};
use crate::corpus::{theme_bit, theme_mask};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::BitSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{DocId, Score, SegmentReader};

/// Counts matches per report and theme (disjunctively) and in total, from the
/// `report_ord` and `theme_mask` fast fields, and keeps the best `limit`
/// matches that pass the filters (by score, ties in corpus order): one pass
/// over the matches gives both, and no passage text is touched.
pub(super) struct FacetCollector(Arc<FacetFilter>);

/// A match's rank: higher score first, then earlier in corpus order.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub(super) score: Score,
    pub(super) ord: u64,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    /// Greater is better.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.ord.cmp(&self.ord))
    }
}

/// The best matches so far, worst on top, at most `limit`.
#[derive(Debug, Default)]
pub(super) struct Best {
    limit: usize,
    heap: std::collections::BinaryHeap<Reverse<Ranked>>,
}

impl Best {
    /// Whether a match with this score might be kept (ties need its `ord`).
    fn wants(&self, score: Score) -> bool {
        self.heap.len() < self.limit
            || self
                .heap
                .peek()
                .is_some_and(|Reverse(worst)| score >= worst.score)
    }

    fn offer(&mut self, r: Ranked) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(r));
        } else if self.heap.peek().is_some_and(|Reverse(worst)| r > *worst) {
            self.heap.pop();
            self.heap.push(Reverse(r));
        }
    }

    /// Best first.
    fn into_sorted(self) -> Vec<Ranked> {
        let mut v: Vec<Ranked> = self.heap.into_iter().map(|Reverse(r)| r).collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v
    }
}

/// The filters a [`FacetCollector`] counts under.
pub(super) struct FacetFilter {
    reports: usize,
    themes: usize,
    /// Included reports by position (`None`: no report filter).
    include_reports: Option<Vec<bool>>,
    exclude_reports: Vec<bool>,
    /// Theme bits: any of `include_themes` (0: no filter), none of `exclude_themes`.
    include_themes: u64,
    exclude_themes: u64,
    /// Every theme's bit, so that a passage with none of them is counted as
    /// without a theme; `None` (counting none) when some themes have no bit.
    theme_bits: Option<u64>,
    /// How many of the best matches to keep.
    limit: usize,
    /// Where each report's passages are in corpus order.
    places: Arc<Places>,
}

/// What a [`FacetCollector`] counts.
#[derive(Debug, Clone, Default)]
pub(super) struct Stats {
    pub(super) total: usize,
    pub(super) reports: Vec<usize>,
    pub(super) themes: Vec<usize>,
    /// themes × reports, row-major.
    pub(super) grid: Vec<usize>,
    /// Per report, the passages within the filters that carry no theme.
    pub(super) unthemed: Vec<usize>,
    /// The best matches within the filters, best first.
    pub(super) best: Vec<Ranked>,
}

pub(super) struct FacetSegment {
    mask: Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    ords: SegmentOrds,
    filter: Arc<FacetFilter>,
    stats: Stats,
    best: Best,
}

impl Collector for FacetCollector {
    type Fruit = Stats;
    type Child = FacetSegment;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<FacetSegment> {
        Ok(FacetSegment {
            mask: dense(reader, "theme_mask")?,
            ords: SegmentOrds::new(reader, self.0.places.clone())?,
            filter: self.0.clone(),
            stats: Stats {
                total: 0,
                reports: vec![0; self.0.reports],
                themes: vec![0; self.0.themes],
                grid: vec![0; self.0.reports * self.0.themes],
                unthemed: vec![0; self.0.reports],
                best: Vec::new(),
            },
            best: Best {
                limit: self.0.limit,
                heap: std::collections::BinaryHeap::new(),
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        self.0.limit > 0
    }

    fn merge_fruits(&self, mut fruits: Vec<Stats>) -> tantivy::Result<Stats> {
        let f = &self.0;
        if fruits.len() == 1
            && let Some(one) = fruits.pop()
        {
            return Ok(one);
        }
        let mut all = Stats {
            total: 0,
            reports: vec![0; f.reports],
            themes: vec![0; f.themes],
            grid: vec![0; f.reports * f.themes],
            unthemed: vec![0; f.reports],
            best: Vec::new(),
        };
        let mut best = Best {
            limit: f.limit,
            heap: std::collections::BinaryHeap::new(),
        };
        for f in fruits {
            for r in f.best {
                best.offer(r);
            }
            all.total += f.total;
            for (a, b) in all.reports.iter_mut().zip(f.reports) {
                *a += b;
            }
            for (a, b) in all.themes.iter_mut().zip(f.themes) {
                *a += b;
            }
            for (a, b) in all.grid.iter_mut().zip(f.grid) {
                *a += b;
            }
            for (a, b) in all.unthemed.iter_mut().zip(f.unthemed) {
                *a += b;
            }
        }
        all.best = best.into_sorted();
        Ok(all)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Stats;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some((r, ord)) = self.ords.next(doc) else {
            return;
        };
        let f = &self.filter;
        let mask = self.mask.get_val(doc);
        if r >= f.reports {
            return;
        }
        let in_reports =
            f.include_reports.as_ref().is_none_or(|inc| inc[r]) && !f.exclude_reports[r];
        let in_themes =
            (f.include_themes == 0 || mask & f.include_themes != 0) && mask & f.exclude_themes == 0;
        if in_themes {
            self.stats.reports[r] += 1;
        }
        let mut bits = mask;
        while bits != 0 {
            let t = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if t >= f.themes {
                break;
            }
            if in_reports {
                self.stats.themes[t] += 1;
            }
            if in_reports && in_themes {
                self.stats.grid[t * f.reports + r] += 1;
            }
        }
        if in_reports && in_themes {
            self.stats.total += 1;
            if f.theme_bits.is_some_and(|bits| mask & bits == 0) {
                self.stats.unthemed[r] += 1;
            }
            if f.limit > 0 && self.best.wants(score) {
                self.best.offer(Ranked { score, ord });
            }
        }
    }

    fn harvest(mut self) -> Stats {
        self.stats.best = self.best.into_sorted();
        self.stats
    }
}

/// Collects the documents a query matches, per segment: a set to exclude.
pub(super) struct DocsCollector;

impl Collector for DocsCollector {
    type Fruit = MatchedDocs;
    type Child = DocsSegmentCollector;

    fn for_segment(
        &self,
        _segment: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<DocsSegmentCollector> {
        Ok(DocsSegmentCollector(reader.segment_id(), Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(SegmentId, Vec<DocId>)>) -> tantivy::Result<MatchedDocs> {
        Ok(MatchedDocs(Arc::new(fruits.into_iter().collect())))
    }
}

pub(super) struct DocsSegmentCollector(SegmentId, Vec<DocId>);

impl SegmentCollector for DocsSegmentCollector {
    type Fruit = (SegmentId, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.1.push(doc);
    }

    fn harvest(self) -> (SegmentId, Vec<DocId>) {
        (self.0, self.1)
    }
}

/// A fixed set of documents of one searcher, as a query matching exactly
/// them (unscored). Exclusions are run on their own and applied this way:
/// tantivy's phrase scorer mis-seeks when it is excluded inside a boolean
/// query (a debug assertion, tantivy #2811).
#[derive(Clone, Debug)]
pub(super) struct MatchedDocs(Arc<HashMap<SegmentId, Vec<DocId>>>);

impl Query for MatchedDocs {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for MatchedDocs {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut set = BitSet::with_max_value(reader.max_doc());
        for &doc in self.0.get(&reader.segment_id()).into_iter().flatten() {
            set.insert(doc);
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let found = self
            .0
            .get(&reader.segment_id())
            .is_some_and(|docs| docs.binary_search(&doc).is_ok());
        if found {
            Ok(Explanation::new("matched by an excluded clause", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not in the set"
            )))
        }
    }
}

impl Index {
    /// A facet collector for these filters (ids already validated).
    pub(super) fn facet_collector(&self, f: &Filters, limit: usize) -> FacetCollector {
        let reports = self.corpus.reports.len();
        let themes = self.corpus.themes.len().min(crate::corpus::MAX_THEMES);
        let report_pos = |id: &String| self.corpus.reports.iter().position(|r| &r.id == id);
        let mut exclude_reports = vec![false; reports];
        for i in f.not_reports.iter().filter_map(report_pos) {
            exclude_reports[i] = true;
        }
        let include_reports = (!f.reports.is_empty()).then(|| {
            let mut inc = vec![false; reports];
            for i in f.reports.iter().filter_map(report_pos) {
                inc[i] = true;
            }
            inc
        });
        FacetCollector(Arc::new(FacetFilter {
            reports,
            themes,
            include_reports,
            exclude_reports,
            include_themes: theme_mask(&self.corpus.themes, &f.themes),
            exclude_themes: theme_mask(&self.corpus.themes, &f.not_themes),
            theme_bits: match self.corpus.themes.len() {
                n if n > crate::corpus::MAX_THEMES => None,
                64 => Some(u64::MAX),
                n => Some((1 << n) - 1),
            },
            limit,
            places: self.places.clone(),
        }))
    }

    /// Whether every theme the filters name has a bit in the theme mask, so
    /// the facet collector can apply them (see [`crate::corpus::MAX_THEMES`]).
    pub(super) fn theme_bits_cover(&self, filters: &Filters) -> bool {
        filters
            .themes
            .iter()
            .chain(&filters.not_themes)
            .all(|id| theme_bit(&self.corpus.themes, id).is_some())
    }

    /// With no query and no filter every passage matches, and the counts are
    /// those the catalog recorded: the interface's first screen need not
    /// visit all the documents. `None` unless every report's theme counts are
    /// recorded and every theme has a bit, as the index's counts would have.
    pub(super) fn recorded_stats(&self, filters: &Filters) -> Option<Stats> {
        let corpus = &self.corpus;
        if !filters.is_empty() || corpus.themes.len() > crate::corpus::MAX_THEMES {
            return None;
        }
        let reports = corpus.reports.len();
        let themes = corpus.themes.len();
        let mut stats = Stats {
            total: 0,
            reports: vec![0; reports],
            themes: vec![0; themes],
            grid: vec![0; reports * themes],
            unthemed: vec![0; reports],
            best: Vec::new(),
        };
        for (r, report) in corpus.reports.iter().enumerate() {
            let count = report.passages.count();
            stats.total += count;
            stats.reports[r] = count;
            for &(t, n) in report.passages.recorded_theme_counts()? {
                *stats.themes.get_mut(t)? += n;
                *stats.grid.get_mut(t * reports + r)? += n;
            }
            stats.unthemed[r] = report.passages.recorded_unthemed()?;
        }
        Some(stats)
    }
}
