//! Full-text search over passages with tantivy: building and opening the index,
//! turning a parsed query into tantivy queries, ranking, facet counts, typo and
//! prefix expansion, highlights and related passages. Knows nothing of terminals.

pub mod analysis;
pub mod query;
pub mod schema;
pub mod snippet;
pub mod store;

use crate::corpus::{Corpus, CorpusSource, Passage, Report};
use crate::{Error, Result};
use query::{Atom, Clause, ParsedQuery};
use schema::Fields;
use snippet::Terms;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::Placement;
use tantivy::BitSet;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::BitSetDocSet;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, ConstScorer, EmptyQuery, EnableScoring,
    Explanation, MoreLikeThisQuery, Occur, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocId, IndexReader, ReloadPolicy, Score, SegmentReader, TantivyDocument, Term};

/// How many hits of a search come with their highlights computed.
pub const HIGHLIGHTED_HITS: usize = 100;

/// Report and theme filters: include any of, exclude all of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub reports: Vec<String>,
    pub not_reports: Vec<String>,
    pub themes: Vec<String>,
    pub not_themes: Vec<String>,
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
            && self.not_reports.is_empty()
            && self.themes.is_empty()
            && self.not_themes.is_empty()
    }
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 20,
        }
    }
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the passage in corpus order.
    pub ord: usize,
    pub score: f32,
    /// Byte ranges of matched words in the passage text (for the first
    /// [`HIGHLIGHTED_HITS`] hits; [`snippet::highlights`] gives the rest).
    pub highlights: Vec<(usize, usize)>,
}

/// Passage counts per report and per theme, in corpus and themes.toml order.
/// Report counts ignore the report filters, theme counts the theme filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub reports: Vec<(String, usize)>,
    pub themes: Vec<(String, usize)>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Every passage matching the query and filters, regardless of the limit.
    pub total: usize,
    /// Matching passages per theme (rows, themes.toml order) and report
    /// (columns, corpus order), with both filters applied: the evidence map.
    pub grid: Vec<Vec<usize>>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// What was read loosely, relaxed or expanded.
    pub notes: Vec<String>,
    /// The word forms matched, for highlighting other views of the passages.
    pub terms: Terms,
    pub took: Duration,
}

/// How far a build has got: done of total, in a unit of the build's choosing
/// (passages, or bytes of corpus files read); only the ratio is meaningful.
pub type Progress<'a> = &'a dyn Fn(u64, u64);

/// Where the index came from when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexInfo {
    /// The generation folder in use, or `None` for an in-memory index.
    pub path: Option<PathBuf>,
    pub placement: Placement,
    /// True when this open built the index.
    pub built: bool,
    pub build_time: Option<Duration>,
    pub size_bytes: u64,
    pub passages: usize,
    /// Why the index is somewhere other than asked (read-only folder, …).
    pub notes: Vec<String>,
}

/// How to open an index.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// `--index-dir` / EVIDENCE_INDEX_DIR.
    pub dir: Option<PathBuf>,
    /// Build a new generation even when the current one is fresh.
    pub rebuild: bool,
    /// Check every file's checksum, rebuilding if any differ.
    pub verify: bool,
    /// Indexing threads (default: the machine's cores, at most 4).
    pub threads: Option<usize>,
}

/// A searchable corpus: the corpus itself plus its tantivy index.
pub struct Index {
    corpus: Arc<Corpus>,
    fields: Fields,
    reader: IndexReader,
    /// The ord of each report's first passage, in corpus order.
    first_ords: Arc<[usize]>,
    /// Documents are sorted by `ord` within each segment (see [`schema::settings`]).
    sorted: bool,
    info: IndexInfo,
}

fn tantivy_err(e: impl std::fmt::Display) -> Error {
    Error::Index(e.to_string())
}

fn register_analyzers(index: &tantivy::Index) {
    index
        .tokenizers()
        .register(analysis::STEMMED, analysis::stemmed());
    index
        .tokenizers()
        .register(analysis::PLAIN, analysis::plain());
}

/// Where a report's block of passage spans lies in the spans file (offset
/// and length); `None` for a report whose passages are read whole.
type SpansPlace = Option<(u64, u64)>;

/// Writes passages into a new tantivy index, one report at a time in corpus
/// order, and each report's block of passage spans (see
/// [`crate::corpus`]'s spans) into the spans file when given one.
struct Filler<'a> {
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    spans_out: Option<(std::io::BufWriter<std::fs::File>, &'a Path)>,
    /// Where each report's spans block is in the spans file.
    places: Vec<SpansPlace>,
    written: u64,
    ord: usize,
}

impl<'a> Filler<'a> {
    fn new(
        index: &tantivy::Index,
        fields: Fields,
        threads: usize,
        spans_file: Option<&'a Path>,
    ) -> Result<Self> {
        let spans_out = match spans_file {
            Some(path) => Some((
                std::io::BufWriter::new(
                    std::fs::File::create(path).map_err(|e| Error::io(path, e))?,
                ),
                path,
            )),
            None => None,
        };
        let threads = threads.clamp(1, 8);
        let writer = index
            .writer_with_num_threads::<TantivyDocument>(threads, threads * 40_000_000)
            .map_err(tantivy_err)?;
        Ok(Filler {
            writer,
            fields,
            spans_out,
            places: Vec::new(),
            written: 0,
            ord: 0,
        })
    }

    /// Adds the next report: its passages, and its spans block if it has one.
    fn add(
        &mut self,
        themes: &[crate::corpus::Theme],
        report: &Report,
        passages: &[Passage],
        spans: Option<&[u8]>,
    ) -> Result<()> {
        use std::io::Write;
        let place = match (&mut self.spans_out, spans) {
            (Some((out, path)), Some(block)) => {
                out.write_all(block).map_err(|e| Error::io(*path, e))?;
                let place = (self.written, block.len() as u64);
                self.written += block.len() as u64;
                Some(place)
            }
            _ => None,
        };
        let theme_bit = |id: &String| {
            themes
                .iter()
                .position(|t| &t.id == id)
                .filter(|&i| i < crate::corpus::MAX_THEMES)
                .map_or(0, |i| 1u64 << i)
        };
        let report_ord = self.places.len();
        self.places.push(place);
        for passage in passages {
            let mask = passage.themes.iter().map(theme_bit).fold(0, |a, b| a | b);
            self.writer
                .add_document(document(
                    self.fields,
                    self.ord,
                    report_ord,
                    mask,
                    report,
                    passage,
                ))
                .map_err(tantivy_err)?;
            self.ord += 1;
        }
        Ok(())
    }

    /// Commits, merges into one segment and syncs the spans file; returns
    /// each report's spans place.
    fn finish(mut self, index: &tantivy::Index) -> Result<Vec<SpansPlace>> {
        self.writer.commit().map_err(tantivy_err)?;
        // One segment: every query then pays its per-segment costs (term
        // lookups, typo scans of the dictionary, collectors) once, and the
        // dictionary is stored once.
        let segments = index.searchable_segment_ids().map_err(tantivy_err)?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait().map_err(tantivy_err)?;
        }
        self.writer.wait_merging_threads().map_err(tantivy_err)?;
        if let Some((out, path)) = self.spans_out {
            out.into_inner()
                .map_err(|e| Error::io(path, e.into_error()))?
                .sync_all()
                .map_err(|e| Error::io(path, e))?;
        }
        Ok(self.places)
    }
}

/// Writes every passage of a corpus already read into a new tantivy index.
/// With `spans_file`, each report not held in memory is read again from its
/// file for its spans block; the blocks' places are returned, one per report.
fn fill(
    index: &tantivy::Index,
    corpus: &Corpus,
    fields: Fields,
    threads: usize,
    spans_file: Option<&Path>,
    progress: Progress<'_>,
) -> Result<Vec<SpansPlace>> {
    let source = CorpusSource::from_origin(&corpus.origin);
    let theme_ids: std::collections::HashSet<&str> =
        corpus.themes.iter().map(|t| t.id.as_str()).collect();
    let mut filler = Filler::new(index, fields, threads, spans_file)?;
    let total = corpus.passage_count() as u64;
    let mut done = 0u64;
    for report in &corpus.reports {
        let with_spans = match spans_file {
            Some(_) if !report.passages.is_loaded() => {
                source.read_with_spans(&report.path, &theme_ids)
            }
            _ => None,
        };
        match with_spans {
            Some((passages, block)) => {
                filler.add(&corpus.themes, report, &passages, Some(&block))?;
            }
            None => filler.add(&corpus.themes, report, &report.passages.uncached(), None)?,
        }
        done += report.passages.count() as u64;
        progress(done, total);
    }
    let places = filler.finish(index)?;
    progress(total, total);
    Ok(places)
}

/// Reads a corpus source and indexes it in the same pass: each file is read
/// and parsed once, on worker threads, and its report indexed as it arrives
/// in corpus order. Returns the corpus as read (passages not kept) and each
/// report's spans place.
fn fill_streaming(
    index: &tantivy::Index,
    source: &CorpusSource,
    fields: Fields,
    threads: usize,
    spans_file: &Path,
    progress: Progress<'_>,
) -> Result<(Corpus, Vec<SpansPlace>)> {
    let mut filler = Filler::new(index, fields, threads, Some(spans_file))?;
    let corpus = crate::corpus::load_streaming(source, |s| {
        filler.add(s.themes, s.report, s.passages, Some(s.spans))?;
        progress(s.bytes.0, s.bytes.1);
        Ok::<(), Error>(())
    })?;
    let places = filler.finish(index)?;
    // Files after the last report (unreadable, duplicates) report nothing.
    progress(1, 1);
    Ok((corpus, places))
}

fn document(
    f: Fields,
    ord: usize,
    report_ord: usize,
    theme_mask: u64,
    report: &Report,
    passage: &Passage,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.ord, ord as u64);
    doc.add_u64(f.report_ord, report_ord as u64);
    doc.add_u64(f.theme_mask, theme_mask);
    doc.add_text(f.report, &report.id);
    for t in &passage.themes {
        doc.add_text(f.theme, t);
    }
    if let Some(year) = report.published.as_deref().and_then(|p| p.get(..4)) {
        doc.add_text(f.year, year);
    }
    if let Some(org) = &report.organisation {
        doc.add_text(f.org, org);
    }
    for a in &report.authors {
        doc.add_text(f.org, a);
    }
    doc.add_text(f.title, &report.title);
    for who in report.organisation.iter().chain(&report.authors) {
        doc.add_text(f.title, who);
        doc.add_text(f.plain, who);
    }
    if report.short_title != report.title {
        doc.add_text(f.title, &report.short_title);
    }
    if let Some(s) = &passage.section {
        doc.add_text(f.section, s);
        doc.add_text(f.plain, s);
    }
    doc.add_text(f.body, &passage.text);
    doc.add_text(f.plain, &passage.text);
    doc.add_text(f.plain, &report.title);
    doc
}

fn ord_column(segment: &SegmentReader) -> Option<Arc<dyn tantivy::columnar::ColumnValues<u64>>> {
    dense(segment, "ord").ok()
}

/// A fast field's values by document. Every passage document has one value of
/// each, so the column is read directly, without its optional-value index.
fn dense(
    segment: &SegmentReader,
    field: &str,
) -> tantivy::Result<Arc<dyn tantivy::columnar::ColumnValues<u64>>> {
    let column = segment.fast_fields().u64(field)?;
    Ok(match column.index {
        tantivy::columnar::ColumnIndex::Full => column.values,
        _ => column.first_or_default_col(0),
    })
}

/// Counts matches per report and theme (disjunctively) and in total, from the
/// `report_ord` and `theme_mask` fast fields, and keeps the best `limit`
/// matches that pass the filters (by score, ties in corpus order): one pass
/// over the matches gives both, and no passage text is touched.
struct FacetCollector(Arc<FacetFilter>);

/// A match's rank: higher score first, then earlier in corpus order.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: Score,
    ord: u64,
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
struct Best {
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
struct FacetFilter {
    reports: usize,
    themes: usize,
    /// Included reports by position (`None`: no report filter).
    include_reports: Option<Vec<bool>>,
    exclude_reports: Vec<bool>,
    /// Theme bits: any of `include_themes` (0: no filter), none of `exclude_themes`.
    include_themes: u64,
    exclude_themes: u64,
    /// How many of the best matches to keep.
    limit: usize,
    /// The ord of each report's first passage.
    first_ords: Arc<[usize]>,
    /// Whether segments' documents are sorted by `ord`.
    sorted: bool,
}

/// What a [`FacetCollector`] counts.
#[derive(Debug, Clone, Default)]
struct Stats {
    total: usize,
    reports: Vec<usize>,
    themes: Vec<usize>,
    /// themes × reports, row-major.
    grid: Vec<usize>,
    /// The best matches within the filters, best first.
    best: Vec<Ranked>,
}

struct FacetSegment {
    report: Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    mask: Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    ord: Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    /// When the segment holds a run of consecutive ords in document order,
    /// the first: a document's ord is then this plus its id, and its report
    /// follows from the report boundaries, with no column read.
    ord_base: Option<u64>,
    /// The report of the last document collected (documents come in order).
    cursor: usize,
    filter: Arc<FacetFilter>,
    stats: Stats,
    best: Best,
}

impl FacetSegment {
    /// The report position and ord of a document.
    fn report_and_ord(&mut self, doc: DocId) -> (usize, Option<u64>) {
        let Some(base) = self.ord_base else {
            return (self.report.get_val(doc) as usize, None);
        };
        let ord = base + u64::from(doc);
        let firsts = &self.filter.first_ords;
        let at = ord as usize;
        if firsts.get(self.cursor).is_none_or(|&first| first > at) {
            self.cursor = firsts
                .partition_point(|&first| first <= at)
                .saturating_sub(1);
        }
        while firsts.get(self.cursor + 1).is_some_and(|&next| next <= at) {
            self.cursor += 1;
        }
        (self.cursor, Some(ord))
    }
}

impl Collector for FacetCollector {
    type Fruit = Stats;
    type Child = FacetSegment;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let ord = dense(reader, "ord")?;
        let max_doc = reader.max_doc();
        let ord_base = (self.0.sorted && max_doc > 0)
            .then(|| (ord.get_val(0), ord.get_val(max_doc - 1)))
            .filter(|&(first, last)| last.checked_sub(first) == Some(u64::from(max_doc) - 1))
            .map(|(first, _)| first);
        Ok(FacetSegment {
            report: dense(reader, "report_ord")?,
            mask: dense(reader, "theme_mask")?,
            ord,
            ord_base,
            cursor: 0,
            filter: self.0.clone(),
            stats: Stats {
                total: 0,
                reports: vec![0; self.0.reports],
                themes: vec![0; self.0.themes],
                grid: vec![0; self.0.reports * self.0.themes],
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
        }
        all.best = best.into_sorted();
        Ok(all)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Stats;

    fn collect(&mut self, doc: DocId, score: Score) {
        let (r, known_ord) = self.report_and_ord(doc);
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
            if f.limit > 0 && self.best.wants(score) {
                let ord = known_ord.unwrap_or_else(|| self.ord.get_val(doc));
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
struct DocsCollector;

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

struct DocsSegmentCollector(SegmentId, Vec<DocId>);

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
struct MatchedDocs(Arc<HashMap<SegmentId, Vec<DocId>>>);

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

/// A fresh index generation and the corpus its catalog records.
struct Recorded {
    corpus: Corpus,
    gen_dir: PathBuf,
    manifest: store::Manifest,
    placement: Placement,
}

impl Recorded {
    /// The current generation in `dir`, if it is whole, built by this
    /// program, and of the corpus as it is now.
    fn find(source: &CorpusSource, dir: &Path, placement: Placement, verify: bool) -> Option<Self> {
        let scan = source.scan();
        let gen_dir = store::current_generation(dir)?;
        let manifest = store::read_manifest(&gen_dir)?;
        if !store::is_fresh(&manifest, &scan.fingerprint)
            || !store::sizes_match(&gen_dir, &manifest)
            || (verify && !store::verify_checksums(&gen_dir, &manifest).is_empty())
        {
            return None;
        }
        let catalog = store::read_catalog(&gen_dir, source.shown())?;
        let passages = catalog
            .reports
            .iter()
            .try_fold(0usize, |sum, m| sum.checked_add(m.passage_count));
        if catalog.fingerprint != scan.fingerprint || passages != Some(manifest.passages) {
            return None;
        }
        let spans = gen_dir.join(store::SPANS);
        Some(Recorded {
            corpus: Corpus::from_catalog(catalog, source, Some(&spans)),
            gen_dir,
            manifest,
            placement,
        })
    }

    /// Opens the generation's tantivy index over the recorded corpus.
    fn open(self) -> Option<Index> {
        Index::open_generation(
            Arc::new(self.corpus),
            &self.gen_dir,
            self.placement,
            &self.manifest,
        )
    }
}

/// What an index is built from: a corpus already read, or a corpus source
/// read while indexing it.
#[derive(Clone, Copy)]
enum Input<'a> {
    Read(&'a Arc<Corpus>),
    Source(&'a CorpusSource),
}

impl Input<'_> {
    fn origin(&self) -> crate::corpus::Origin {
        match self {
            Input::Read(corpus) => corpus.origin.clone(),
            Input::Source(source) => source.origin(),
        }
    }
}

/// A clause turned into a tantivy query, with what it matched for highlighting.
struct Compiled {
    query: Box<dyn Query>,
    negated: bool,
    /// Counts toward relaxation (text, not a field restriction).
    text: bool,
    label: String,
}

impl Index {
    /// Opens the corpus's index, building (or rebuilding) it when missing,
    /// stale or damaged. Falls back to the cache folder, then to memory, when
    /// the location cannot be written.
    pub fn open(corpus: Corpus, options: &OpenOptions, progress: Progress<'_>) -> Result<Self> {
        Self::open_input(Input::Read(&Arc::new(corpus)), options, progress)
    }

    /// Opens the index of a corpus source. When the index is fresh, nothing of
    /// the corpus is read but a listing of its files (sizes and times): report
    /// metadata comes from the index's catalog and passages are read from their
    /// files when first shown. Otherwise the index is built (as
    /// [`Index::open`] does) while the corpus is read, each file once.
    pub fn open_source(
        source: &CorpusSource,
        options: &OpenOptions,
        progress: Progress<'_>,
    ) -> Result<Self> {
        if !options.rebuild {
            let (dir, placement) = store::locate(options.dir.as_deref(), &source.origin());
            if let Some(index) =
                Recorded::find(source, &dir, placement, options.verify).and_then(Recorded::open)
            {
                return Ok(index);
            }
        }
        Self::open_input(Input::Source(source), options, progress)
    }

    /// The corpus as a fresh index of it records it (see
    /// [`Index::open_source`]), without opening the index. The index is
    /// looked for in `dir`, or where [`Index::open_source`] would put it;
    /// `None` when there is no fresh one there. Nothing is built.
    pub fn recorded_corpus(source: &CorpusSource, dir: Option<&Path>) -> Option<Corpus> {
        let (dir, placement) = store::locate(dir, &source.origin());
        Recorded::find(source, &dir, placement, false).map(|r| r.corpus)
    }

    fn open_input(input: Input<'_>, options: &OpenOptions, progress: Progress<'_>) -> Result<Self> {
        let origin = input.origin();
        let (dir, placement) = store::locate(options.dir.as_deref(), &origin);
        let threads = options
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get().min(4)));
        let mut notes = Vec::new();
        match Self::open_at(input, &dir, placement, options, threads, progress) {
            Ok(index) => return Ok(index),
            Err(e) if placement != Placement::Cache => {
                let cache = store::cache_location(&origin);
                notes.push(format!(
                    "index folder {} cannot be used ({e}); using {}",
                    dir.display(),
                    cache.display()
                ));
                match Self::open_at(input, &cache, Placement::Cache, options, threads, progress) {
                    Ok(mut index) => {
                        index.info.notes.extend(notes);
                        return Ok(index);
                    }
                    Err(e) => notes.push(format!("cache folder cannot be used either ({e})")),
                }
            }
            Err(e) => notes.push(format!(
                "index folder {} cannot be used ({e})",
                dir.display()
            )),
        }
        notes.push("searching an in-memory index instead".to_string());
        let corpus = match input {
            Input::Read(corpus) => corpus.clone(),
            // Lean: the build reads each report again rather than holding the
            // whole corpus's text beside the index.
            Input::Source(source) => Arc::new(Corpus::load_lean(source)),
        };
        let mut index = Self::in_memory(corpus, threads, progress)?;
        index.info.notes = notes;
        Ok(index)
    }

    /// Builds an index in memory only.
    pub fn in_memory(corpus: Arc<Corpus>, threads: usize, progress: Progress<'_>) -> Result<Self> {
        let started = Instant::now();
        let (schema, fields) = schema::build();
        let index = tantivy::Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()
            .map_err(tantivy_err)?;
        register_analyzers(&index);
        fill(&index, &corpus, fields, threads, None, progress)?;
        let info = IndexInfo {
            path: None,
            placement: Placement::Cache,
            built: true,
            build_time: Some(started.elapsed()),
            size_bytes: 0,
            passages: corpus.passage_count(),
            notes: Vec::new(),
        };
        Self::from_tantivy(corpus, &index, fields, info)
    }

    fn open_at(
        input: Input<'_>,
        dir: &Path,
        placement: Placement,
        options: &OpenOptions,
        threads: usize,
        progress: Progress<'_>,
    ) -> Result<Self> {
        // A fresh, whole index opens without taking the lock. A source was
        // checked by `open_source` a moment ago, so its files are not listed
        // again here; the check after taking the lock still finds an index
        // that another process built, or one in the cache folder.
        if !options.rebuild
            && matches!(input, Input::Read(_))
            && let Some(index) = Self::try_current(input, dir, placement, options.verify)
        {
            return Ok(index);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let _lock = store::BuildLock::acquire(dir)?;
        // Another process may have built it while we waited.
        if !options.rebuild
            && let Some(index) = Self::try_current(input, dir, placement, options.verify)
        {
            return Ok(index);
        }
        let started = Instant::now();
        let gen_dir = store::next_generation(dir);
        std::fs::create_dir_all(&gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
        let (schema, fields) = schema::build();
        let index = tantivy::Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(&gen_dir)
            .map_err(tantivy_err)?;
        register_analyzers(&index);
        let spans = gen_dir.join(store::SPANS);
        let (corpus, places) = match input {
            Input::Read(corpus) => (
                corpus.clone(),
                fill(&index, corpus, fields, threads, Some(&spans), progress)?,
            ),
            Input::Source(source) => {
                let (corpus, places) =
                    fill_streaming(&index, source, fields, threads, &spans, progress)?;
                (Arc::new(corpus), places)
            }
        };
        drop(index);
        let manifest = store::Manifest {
            schema_version: schema::SCHEMA_VERSION,
            evidence_version: env!("CARGO_PKG_VERSION").to_string(),
            corpus_fingerprint: corpus.fingerprint.clone(),
            passages: corpus.passage_count(),
            files: store::sum_files(&gen_dir)?,
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Index(e.to_string()))?;
        let mut catalog = corpus.catalog();
        for (meta, place) in catalog.reports.iter_mut().zip(places) {
            meta.spans = place;
        }
        let folder = match input {
            Input::Source(source) => source.shown().to_path_buf(),
            Input::Read(corpus) => CorpusSource::from_origin(&corpus.origin)
                .shown()
                .to_path_buf(),
        };
        crate::atomic::write(&gen_dir.join(store::CATALOG), &catalog.to_bytes(&folder))?;
        crate::atomic::write(&gen_dir.join("manifest.json"), &json)?;
        store::switch_to(dir, &gen_dir)?;
        let build_time = started.elapsed();
        // Opened as a later process would open it, reading shown passages
        // alone. If the corpus changed during the build, it is opened with
        // the report details and counts as read; passages are then read from
        // the files as they are, and the next open rebuilds.
        let reopened = match input {
            Input::Source(source) => {
                Self::try_current(Input::Source(source), dir, placement, false)
            }
            Input::Read(_) => None,
        };
        let mut index = reopened
            .or_else(|| Self::try_current(Input::Read(&corpus), dir, placement, false))
            .ok_or_else(|| {
                Error::Index(format!(
                    "the index just built in {} does not open",
                    gen_dir.display()
                ))
            })?;
        index.info.built = true;
        index.info.build_time = Some(build_time);
        Ok(index)
    }

    /// Opens the current generation if it is fresh and whole.
    fn try_current(
        input: Input<'_>,
        dir: &Path,
        placement: Placement,
        verify: bool,
    ) -> Option<Self> {
        let corpus = match input {
            Input::Source(source) => {
                return Recorded::find(source, dir, placement, verify).and_then(Recorded::open);
            }
            Input::Read(corpus) => corpus,
        };
        let gen_dir = store::current_generation(dir)?;
        let manifest = store::read_manifest(&gen_dir)?;
        if !store::is_fresh(&manifest, &corpus.fingerprint)
            || !store::sizes_match(&gen_dir, &manifest)
        {
            return None;
        }
        if verify && !store::verify_checksums(&gen_dir, &manifest).is_empty() {
            return None;
        }
        Self::open_generation(corpus.clone(), &gen_dir, placement, &manifest)
    }

    /// Opens a generation's tantivy index; `None` if tantivy finds it damaged
    /// in a way the sizes did not show (the caller then rebuilds).
    fn open_generation(
        corpus: Arc<Corpus>,
        gen_dir: &Path,
        placement: Placement,
        manifest: &store::Manifest,
    ) -> Option<Self> {
        let opened = (|| {
            // Searched on the caller's thread: a built index has one segment,
            // so a pool of search threads would only add hand-offs.
            let index = tantivy::Index::open_in_dir(gen_dir).map_err(tantivy_err)?;
            register_analyzers(&index);
            let (_, fields) = schema::build();
            let info = IndexInfo {
                path: Some(gen_dir.to_path_buf()),
                placement,
                built: false,
                build_time: None,
                size_bytes: store::folder_size(gen_dir),
                passages: manifest.passages,
                notes: Vec::new(),
            };
            Self::from_tantivy(corpus, &index, fields, info)
        })();
        opened.ok()
    }

    fn from_tantivy(
        corpus: Arc<Corpus>,
        index: &tantivy::Index,
        fields: Fields,
        info: IndexInfo,
    ) -> Result<Self> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err)?;
        let mut first_ords = Vec::with_capacity(corpus.reports.len());
        let mut total = 0usize;
        for report in &corpus.reports {
            first_ords.push(total);
            total = total
                .checked_add(report.passages.count())
                .ok_or_else(|| Error::Index("the corpus's passage counts overflow".into()))?;
        }
        let searcher = reader.searcher();
        if searcher.num_docs() as usize != total {
            return Err(Error::Index(format!(
                "the index has {} passages but the corpus has {total}",
                searcher.num_docs()
            )));
        }
        Ok(Index {
            corpus,
            fields,
            reader,
            first_ords: first_ords.into(),
            sorted: index
                .settings()
                .sort_by_field
                .as_ref()
                .is_some_and(|s| s.field == "ord" && s.order.is_asc()),
            info,
        })
    }

    /// The corpus this index searches.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The corpus, shared.
    pub fn corpus_arc(&self) -> Arc<Corpus> {
        self.corpus.clone()
    }

    /// Where the index is and how it was opened.
    pub fn info(&self) -> &IndexInfo {
        &self.info
    }

    /// The report (by position) and the place within it of the passage at a
    /// position in corpus order, without reading the report's passages.
    fn locate(&self, ord: usize) -> Option<(usize, usize)> {
        let i = self
            .first_ords
            .partition_point(|&first| first <= ord)
            .checked_sub(1)?;
        let local = ord - self.first_ords[i];
        (local < self.corpus.reports.get(i)?.passages.count()).then_some((i, local))
    }

    /// The passage at a position in corpus order, with its report.
    pub fn passage(&self, ord: usize) -> Option<(&Report, &Passage)> {
        let (i, local) = self.locate(ord)?;
        let report = &self.corpus.reports[i];
        Some((report, report.passages.one(local)?))
    }

    /// The report a passage belongs to, by its position in corpus order,
    /// without reading the report's passages.
    pub fn report_of(&self, ord: usize) -> Option<&Report> {
        self.corpus.reports.get(self.locate(ord)?.0)
    }

    /// A passage's place within its report (0-based), by its position in
    /// corpus order, without reading the report's passages.
    pub fn local_of(&self, ord: usize) -> Option<usize> {
        Some(self.locate(ord)?.1)
    }

    /// The position in corpus order of a passage id (reads only its report).
    pub fn ord_of(&self, passage_id: &str) -> Option<usize> {
        let (report_id, _) = passage_id.split_once('/')?;
        let i = self.corpus.reports.iter().position(|r| r.id == report_id)?;
        let local = self.corpus.reports[i]
            .passages
            .iter()
            .position(|p| p.id == passage_id)?;
        Some(self.first_ords[i] + local)
    }

    /// Checks filter ids against the corpus.
    pub fn validate(&self, filters: &Filters) -> Result<()> {
        for id in filters.reports.iter().chain(&filters.not_reports) {
            if self.corpus.report(id).is_none() {
                let valid: Vec<&str> = self.corpus.reports.iter().map(|r| r.id.as_str()).collect();
                return Err(Error::UnknownReport {
                    id: id.clone(),
                    valid: valid.join(", "),
                });
            }
        }
        for id in filters.themes.iter().chain(&filters.not_themes) {
            if self.corpus.theme(id).is_none() {
                let valid: Vec<&str> = self.corpus.themes.iter().map(|t| t.id.as_str()).collect();
                return Err(Error::UnknownTheme {
                    id: id.clone(),
                    valid: if valid.is_empty() {
                        "none (this corpus has no themes)".into()
                    } else {
                        valid.join(", ")
                    },
                });
            }
        }
        Ok(())
    }

    /// A facet collector for these filters (ids already validated).
    fn facet_collector(&self, f: &Filters, limit: usize) -> FacetCollector {
        let reports = self.corpus.reports.len();
        let themes = self.corpus.themes.len().min(crate::corpus::MAX_THEMES);
        let report_pos = |id: &String| self.corpus.reports.iter().position(|r| &r.id == id);
        let theme_bit = |id: &String| {
            self.corpus
                .themes
                .iter()
                .position(|t| &t.id == id)
                .filter(|&i| i < crate::corpus::MAX_THEMES)
                .map_or(0, |i| 1u64 << i)
        };
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
            include_themes: f.themes.iter().map(theme_bit).fold(0, |a, b| a | b),
            exclude_themes: f.not_themes.iter().map(theme_bit).fold(0, |a, b| a | b),
            limit,
            first_ords: self.first_ords.clone(),
            sorted: self.sorted,
        }))
    }

    /// Searches. Query text never fails: what cannot be read becomes a note.
    /// Unknown filter ids are an error (see [`Index::validate`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        self.validate(&request.filters)?;
        let parsed = query::parse(&request.query);
        let mut notes = parsed.notes.clone();
        let mut terms = Terms::default();
        let searcher = self.reader.searcher();

        let mut compiled = self.compile(&parsed, &mut terms, &mut notes);
        // Exclusions are run on their own and applied as a set of passages
        // (see [`MatchedDocs`]).
        for c in compiled.iter_mut().filter(|c| c.negated) {
            c.query = Box::new(
                searcher
                    .search(&*c.query, &DocsCollector)
                    .map_err(tantivy_err)?,
            );
        }
        let filters = &request.filters;
        let limit = request.limit.max(1);
        // Facets, total and the best hits within the filters, in one pass.
        let facet_collector = self.facet_collector(filters, limit);
        let mut stats = if compiled.is_empty() {
            let mut stats = match self.recorded_stats(filters) {
                Some(stats) => stats,
                None => searcher
                    .search(&AllQuery, &self.facet_collector(filters, 0))
                    .map_err(tantivy_err)?,
            };
            stats.best = self.first_in_corpus_order(&searcher, filters, limit)?;
            stats
        } else {
            let active: Vec<&Compiled> = compiled.iter().collect();
            let mut q = combine(&active);
            let mut stats = searcher
                .search(&*q, &facet_collector)
                .map_err(tantivy_err)?;
            let positives = active.iter().filter(|c| c.text && !c.negated).count();
            if stats.total == 0
                && positives >= 2
                && let Some((kept_q, dropped)) = self.relax(&active, &searcher, filters)?
            {
                notes.push(format!(
                    "no passage has all {positives} words; dropped: {}",
                    dropped.join(", ")
                ));
                stats = searcher
                    .search(&*kept_q, &facet_collector)
                    .map_err(tantivy_err)?;
                q = kept_q;
            }
            if !self.theme_bits_cover(filters) {
                // A theme past the 64 that have a bit: its filter is applied
                // as a query for the hits (the counts cannot include it).
                stats.best = self
                    .top_hits(&searcher, &*self.with_filters(q, filters), limit)?
                    .into_iter()
                    .map(|h| Ranked {
                        score: h.score,
                        ord: h.ord as u64,
                    })
                    .collect();
            }
            stats
        };

        let hits: Vec<(f32, usize)> = std::mem::take(&mut stats.best)
            .into_iter()
            .take(request.limit)
            .map(|r| (r.score, r.ord as usize))
            .collect();
        let reports = self.corpus.reports.len().max(1);
        let grid = stats.grid.chunks(reports).map(<[usize]>::to_vec).collect();
        let total = stats.total;
        let report_counts = std::mem::take(&mut stats.reports);
        let theme_counts = std::mem::take(&mut stats.themes);
        // Highlights need the passage text, and reading it may mean reading a
        // report's file: only the first hits get them here; a view that shows
        // more computes them from `terms` as it reads the passages.
        let hits = hits
            .into_iter()
            .enumerate()
            .map(|(i, (score, ord))| Hit {
                ord,
                score,
                highlights: if i < HIGHLIGHTED_HITS {
                    self.passage(ord)
                        .map(|(_, p)| snippet::highlights(&p.text, &terms))
                        .unwrap_or_default()
                } else {
                    Vec::new()
                },
            })
            .collect();

        Ok(SearchResults {
            total,
            grid,
            hits,
            facets: Facets {
                reports: self
                    .corpus
                    .reports
                    .iter()
                    .zip(report_counts)
                    .map(|(r, n)| (r.id.clone(), n))
                    .collect(),
                themes: self
                    .corpus
                    .themes
                    .iter()
                    .zip(theme_counts)
                    .map(|(t, n)| (t.id.clone(), n))
                    .collect(),
            },
            notes,
            terms,
            took: started.elapsed(),
        })
    }

    /// Finds the largest set of the query's words that some passage has all of:
    /// stop words go first, then as few words as possible, preferring to drop
    /// the commonest (the rarest words carry the meaning).
    #[allow(clippy::type_complexity)]
    fn relax(
        &self,
        clauses: &[&Compiled],
        searcher: &tantivy::Searcher,
        filters: &Filters,
    ) -> Result<Option<(Box<dyn Query>, Vec<String>)>> {
        let positives: Vec<usize> = (0..clauses.len())
            .filter(|&i| clauses[i].text && !clauses[i].negated)
            .collect();
        let mut df = vec![0usize; clauses.len()];
        for &i in &positives {
            df[i] = searcher
                .search(&*clauses[i].query, &Count)
                .map_err(tantivy_err)?;
        }
        // A set of kept words, with every field, exclusion and filter applied.
        let with_base = |keep: &[usize]| -> Box<dyn Query> {
            let kept: Vec<&Compiled> = (0..clauses.len())
                .filter(|i| !positives.contains(i) || keep.contains(i))
                .map(|i| clauses[i])
                .collect();
            combine(&kept)
        };
        let run = |keep: &[usize]| -> Result<(Box<dyn Query>, bool)> {
            let q = with_base(keep);
            let filtered = self.with_filters(q.box_clone(), filters);
            let found = searcher.search(&*filtered, &Count).map_err(tantivy_err)? > 0;
            Ok((q, found))
        };
        let labels = |keep: &[usize]| -> Vec<String> {
            positives
                .iter()
                .filter(|i| !keep.contains(i))
                .map(|&i| clauses[i].label.clone())
                .collect()
        };
        // Words that match nothing, and stop words, are dropped first.
        let meaningful: Vec<usize> = positives
            .iter()
            .copied()
            .filter(|&i| df[i] > 0 && !is_stop_word(&clauses[i].label))
            .collect();
        let mut candidates = if meaningful.is_empty() {
            positives.iter().copied().filter(|&i| df[i] > 0).collect()
        } else {
            meaningful
        };
        if candidates.is_empty() {
            return Ok(None);
        }
        let (q, found) = run(&candidates)?;
        if found {
            return Ok(Some((q, labels(&candidates))));
        }
        // Rarest first, so that ties in size keep the rarest words.
        candidates.sort_by_key(|&i| (df[i], i));
        let n = candidates.len();
        if n <= 12 {
            for size in (1..n).rev() {
                let mut best: Option<(usize, Vec<usize>)> = None;
                for mask in 0u32..(1 << n) {
                    if mask.count_ones() as usize != size {
                        continue;
                    }
                    let keep: Vec<usize> = (0..n)
                        .filter(|b| mask & (1 << b) != 0)
                        .map(|b| candidates[b])
                        .collect();
                    let weight: usize = keep.iter().map(|&i| df[i]).sum();
                    if best.as_ref().is_some_and(|(w, _)| *w <= weight) {
                        continue;
                    }
                    let q = self.with_filters(with_base(&keep), filters);
                    if searcher.search(&*q, &Count).map_err(tantivy_err)? > 0 {
                        best = Some((weight, keep));
                    }
                }
                if let Some((_, keep)) = best {
                    let (q, found) = run(&keep)?;
                    if found {
                        return Ok(Some((q, labels(&keep))));
                    }
                }
            }
            return Ok(None);
        }
        // Many words: drop the commonest one at a time.
        let mut keep = candidates.clone();
        while keep.len() > 1 {
            keep.pop();
            let (q, found) = run(&keep)?;
            if found {
                return Ok(Some((q, labels(&keep))));
            }
        }
        Ok(None)
    }

    /// Adds report and theme filters to a query for ranking.
    fn with_filters(&self, q: Box<dyn Query>, f: &Filters) -> Box<dyn Query> {
        if f.is_empty() {
            return q;
        }
        let term = |field, v: &String| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q)];
        let any = |field, ids: &[String]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                ids.iter()
                    .map(|v| (Occur::Should, term(field, v)))
                    .collect(),
            ))
        };
        if !f.reports.is_empty() {
            clauses.push((Occur::Must, any(self.fields.report, &f.reports)));
        }
        if !f.themes.is_empty() {
            clauses.push((Occur::Must, any(self.fields.theme, &f.themes)));
        }
        for v in &f.not_reports {
            clauses.push((Occur::MustNot, term(self.fields.report, v)));
        }
        for v in &f.not_themes {
            clauses.push((Occur::MustNot, term(self.fields.theme, v)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Turns each clause into a tantivy query.
    fn compile(
        &self,
        parsed: &ParsedQuery,
        terms: &mut Terms,
        notes: &mut Vec<String>,
    ) -> Vec<Compiled> {
        let mut out = Vec::new();
        for clause in &parsed.clauses {
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            let mut text = false;
            for atom in &clause.any_of {
                text |= !atom.is_field();
                // Excluded words are not highlighted.
                let mut scratch = Terms::default();
                let t = if clause.negated {
                    &mut scratch
                } else {
                    &mut *terms
                };
                if let Some(q) = self.atom_query(atom, t, notes) {
                    alternatives.push(q);
                }
            }
            let query: Box<dyn Query> = match alternatives.len() {
                0 if clause.any_of.iter().all(Atom::is_field) && !clause.negated => continue,
                0 => Box::new(EmptyQuery),
                1 => alternatives.remove(0),
                _ => Box::new(BooleanQuery::new(
                    alternatives
                        .into_iter()
                        .map(|q| (Occur::Should, q))
                        .collect(),
                )),
            };
            out.push(Compiled {
                query,
                negated: clause.negated,
                text,
                label: label(clause),
            });
        }
        out
    }

    fn atom_query(
        &self,
        atom: &Atom,
        terms: &mut Terms,
        notes: &mut Vec<String>,
    ) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        match atom {
            Atom::Report(id) => {
                if self.corpus.report(id).is_none() {
                    notes.push(format!("no report with id `{id}`; `report:{id}` ignored"));
                    return None;
                }
                Some(unscored(TermQuery::new(
                    Term::from_field_text(f.report, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Theme(id) => {
                if self.corpus.theme(id).is_none() {
                    notes.push(format!("no theme with id `{id}`; `theme:{id}` ignored"));
                    return None;
                }
                Some(unscored(TermQuery::new(
                    Term::from_field_text(f.theme, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Year(y) => Some(unscored(TermQuery::new(
                Term::from_field_text(f.year, y.trim()),
                IndexRecordOption::Basic,
            ))),
            // A restriction, like report: and theme:: it does not rank.
            Atom::Org(name) => {
                let words = analysis::plain_terms(name);
                Some(
                    phrase_or_term(f.org, &words)
                        .map_or_else(|| Box::new(EmptyQuery) as _, unscored),
                )
            }
            Atom::Phrase(p) => {
                let stems = analysis::stem_terms(p);
                terms.stems.extend(stems.iter().cloned());
                Some(self.text_query(&stems))
            }
            Atom::Word(w) => {
                let words = analysis::words(w);
                let stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
                if stems.is_empty() {
                    return None;
                }
                let exact = stems.len() > 1
                    || [f.body, f.title, f.section].iter().any(|&field| {
                        searcher
                            .doc_freq(&Term::from_field_text(field, &stems[0]))
                            .is_ok_and(|n| n > 0)
                    });
                if exact {
                    terms.stems.extend(stems.iter().cloned());
                    return Some(self.text_query(&stems));
                }
                let plain = &words[0].plain;
                let len = plain.chars().count();
                let distance = match len {
                    0..=3 => return Some(Box::new(EmptyQuery)),
                    4..=7 => 1,
                    _ => 2,
                };
                let expansions = self.fuzzy_terms(plain, distance);
                if expansions.is_empty() {
                    return Some(Box::new(EmptyQuery));
                }
                notes.push(format!("also matched: {}", expansions.join(", ")));
                terms.plains.extend(expansions.iter().cloned());
                Some(self.plain_terms_query(&expansions, 0.5))
            }
            Atom::Prefix(p) => {
                let first = analysis::plain_terms(p).into_iter().next()?;
                let (expansions, more) = self.prefix_terms(&first, 200);
                if more {
                    notes.push(format!(
                        "`{first}*` matches many words; the first 200 were used"
                    ));
                }
                if expansions.is_empty() {
                    return Some(Box::new(EmptyQuery));
                }
                terms.plains.extend(expansions.iter().cloned());
                Some(self.plain_terms_query(&expansions, 1.0))
            }
        }
    }

    /// Stemmed words (one, or a phrase) over body and section, ranked by
    /// BM25 with the section boosted, or in the report's title, organisation
    /// or authors, which add [`TITLE_SCORE`] whatever the word.
    fn text_query(&self, stems: &[String]) -> Box<dyn Query> {
        let f = self.fields;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = [(f.body, 1.0), (f.section, 1.5)]
            .iter()
            .filter_map(|&(field, boost)| {
                phrase_or_term(field, stems).map(|q| {
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(q, boost)) as Box<dyn Query>,
                    )
                })
            })
            .collect();
        if let Some(q) = phrase_or_term(f.title, stems) {
            alternatives.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(q, TITLE_SCORE)),
            ));
        }
        Box::new(BooleanQuery::new(alternatives))
    }

    fn plain_terms_query(&self, words: &[String], boost: f32) -> Box<dyn Query> {
        let alternatives = words
            .iter()
            .map(|w| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.plain, w),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            boost,
        ))
    }

    /// Indexed plain words within `distance` edits of `word`.
    fn fuzzy_terms(&self, word: &str, distance: u8) -> Vec<String> {
        // A plain scan of the term dictionary with a bounded edit distance:
        // building tantivy's Levenshtein automaton for two edits costs more
        // (a few hundred milliseconds per process) than scanning every term.
        let target: Vec<char> = word.chars().collect();
        let max = usize::from(distance);
        let mut found: Vec<(usize, String)> = Vec::new();
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(s) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let len = s.chars().count();
                if len.abs_diff(target.len()) > max {
                    continue;
                }
                if let Some(d) = edit_distance_within(&target, s, max)
                    && d > 0
                    && !found.iter().any(|(_, f)| f == s)
                {
                    found.push((d, s.to_string()));
                }
            }
        }
        found.sort();
        found.truncate(20);
        found.into_iter().map(|(_, s)| s).collect()
    }

    /// Indexed plain words starting with `prefix` (at most `max`), and whether there were more.
    fn prefix_terms(&self, prefix: &str, max: usize) -> (Vec<String>, bool) {
        let mut found: Vec<String> = Vec::new();
        let mut more = false;
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(s) = std::str::from_utf8(key)
                    && !found.iter().any(|f| f == s)
                {
                    if found.len() >= max {
                        more = true;
                        break;
                    }
                    found.push(s.to_string());
                }
            }
        }
        found.sort();
        (found, more)
    }

    /// Whether every theme the filters name has a bit in the theme mask, so
    /// the facet collector can apply them (see [`crate::corpus::MAX_THEMES`]).
    fn theme_bits_cover(&self, filters: &Filters) -> bool {
        filters.themes.iter().chain(&filters.not_themes).all(|id| {
            self.corpus
                .themes
                .iter()
                .position(|t| &t.id == id)
                .is_some_and(|i| i < crate::corpus::MAX_THEMES)
        })
    }

    /// With no query and no filter every passage matches, and the counts are
    /// those the catalog recorded: the interface's first screen need not
    /// visit all the documents. `None` unless every report's theme counts are
    /// recorded and every theme has a bit, as the index's counts would have.
    fn recorded_stats(&self, filters: &Filters) -> Option<Stats> {
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
        }
        Some(stats)
    }

    /// With no query: the first `limit` passages within the filters, in corpus
    /// order (score 0). Without filters these are simply the first passages.
    fn first_in_corpus_order(
        &self,
        searcher: &tantivy::Searcher,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Ranked>> {
        let first = |ord: u64| Ranked { score: 0.0, ord };
        if filters.is_empty() {
            let n = (self.corpus.passage_count() as u64).min(limit as u64);
            return Ok((0..n).map(first).collect());
        }
        let filtered = self.with_filters(Box::new(AllQuery), filters);
        let top = TopDocs::with_limit(limit).tweak_score(|segment: &SegmentReader| {
            let column = ord_column(segment);
            move |doc: DocId, _score: Score| Reverse(column.as_ref().map_or(0, |c| c.get_val(doc)))
        });
        let found = searcher.search(&*filtered, &top).map_err(tantivy_err)?;
        Ok(found
            .into_iter()
            .map(|(Reverse(ord), _)| first(ord))
            .collect())
    }

    /// The best `limit` passages for a query, ties in corpus order.
    fn top_hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(|segment: &SegmentReader| {
            let column = ord_column(segment);
            move |doc: DocId, score: Score| {
                (
                    score,
                    Reverse(column.as_ref().map_or(0, |c| c.get_val(doc))),
                )
            }
        });
        let found = searcher.search(query, &top).map_err(tantivy_err)?;
        Ok(found
            .into_iter()
            .take(limit)
            .map(|((score, Reverse(ord)), _)| Hit {
                ord: ord as usize,
                score,
                highlights: Vec::new(),
            })
            .collect())
    }

    /// Passages most like a given one, other reports first.
    pub fn related(&self, passage_id: &str, limit: usize) -> Result<Vec<Hit>> {
        let (report, passage) = self
            .corpus
            .passage(passage_id)
            .ok_or_else(|| Error::UnknownId(passage_id.to_string()))?;
        let own = self.ord_of(passage_id);
        let query: Box<dyn Query> = Box::new(
            MoreLikeThisQuery::builder()
                .with_min_doc_frequency(1)
                .with_min_term_frequency(1)
                .with_min_word_length(3)
                .with_document_fields(vec![(
                    self.fields.body,
                    vec![OwnedValue::Str(passage.text.clone())],
                )]),
        );
        let searcher = self.reader.searcher();
        let own_report: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.report, &report.id),
            IndexRecordOption::Basic,
        ));
        // Other reports first, then the passage's own report, each by score.
        let others = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::MustNot, own_report.box_clone()),
        ]);
        let mut hits = self.top_hits(&searcher, &others, limit)?;
        if hits.len() < limit {
            let same = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, own_report),
            ]);
            let more = self.top_hits(&searcher, &same, limit + 1)?;
            hits.extend(more.into_iter().filter(|h| Some(h.ord) != own));
        }
        hits.truncate(limit);
        Ok(hits)
    }
}

fn phrase_or_term(field: tantivy::schema::Field, words: &[String]) -> Option<Box<dyn Query>> {
    match words {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ))),
        many => Some(Box::new(PhraseQuery::new(
            many.iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
        ))),
    }
}

/// ANDs compiled clauses: positives must match, negatives must not.
fn combine(clauses: &[&Compiled]) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|c| {
            (
                if c.negated {
                    Occur::MustNot
                } else {
                    Occur::Must
                },
                c.query.box_clone(),
            )
        })
        .collect();
    if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
        parts.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(parts))
}

/// The edit distance between two words (insertions, deletions, substitutions
/// and swaps of neighbours each cost one), if it is at most `max`.
fn edit_distance_within(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

/// Field restrictions select; they do not rank (a passage with fewer themes
/// must not outrank another because its theme field is shorter).
/// What a word found in a report's title, organisation or authors adds to a
/// passage's score. It is fixed, and below what the word scores in almost any
/// passage's own text: the report's passages that say the word rank first,
/// and then the rest of the report's passages, which the title alone matches.
/// (Scored by BM25, a word in a short title outscored it in the text, and a
/// report's every passage came before the passages that use the word.)
const TITLE_SCORE: f32 = 0.5;

fn unscored(q: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

fn label(clause: &Clause) -> String {
    clause.display()
}

/// Common English words that carry little meaning in a question.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "during", "each", "few", "find", "finds", "for", "found", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "me", "more", "most", "my", "no", "nor", "not", "of", "off",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "say", "says", "she",
    "should", "show", "shows", "so", "some", "such", "tell", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your",
];

fn is_stop_word(label: &str) -> bool {
    let lower = label.to_lowercase();
    STOP_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::edit_distance_within;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        edit_distance_within(&a.chars().collect::<Vec<_>>(), b, max)
    }

    #[test]
    fn edit_distances_count_swaps_as_one() {
        assert_eq!(d("bournmouth", "bournemouth", 2), Some(1));
        assert_eq!(d("credentail", "credential", 2), Some(1));
        assert_eq!(d("cheescake", "cheesecake", 1), Some(1));
        assert_eq!(d("merger", "merger", 1), Some(0));
        assert_eq!(d("merger", "margins", 1), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "ab", 2), Some(2));
    }
}
