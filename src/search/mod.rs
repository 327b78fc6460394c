//! Full-text search over passages with tantivy: building and opening the index,
//! turning a parsed query into tantivy queries, ranking, facet counts, typo and
//! prefix expansion, highlights and related passages. Knows nothing of terminals.

pub mod analysis;
pub mod query;
pub mod schema;
pub mod snippet;
pub mod store;

use crate::corpus::{Corpus, Passage, Report};
use crate::{Error, Result};
use query::{Atom, Clause, ParsedQuery};
use schema::Fields;
use snippet::Terms;
use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::Placement;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery,
    MoreLikeThisQuery, Occur, PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocId, IndexReader, ReloadPolicy, Score, SegmentReader, TantivyDocument, Term};

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
    /// Byte ranges of matched words in the passage text.
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
    /// The corpus positions of all `total` matches, in corpus order.
    pub matches: Vec<u32>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// What was read loosely, relaxed or expanded.
    pub notes: Vec<String>,
    /// The word forms matched, for highlighting other views of the passages.
    pub terms: Terms,
    pub took: Duration,
}

/// Build progress: passages indexed so far, of all.
pub type Progress<'a> = &'a dyn Fn(usize, usize);

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
    /// Report index of each passage, by ord.
    passage_report: Vec<u32>,
    /// Theme indexes of each passage, by ord.
    passage_themes: Vec<Vec<u16>>,
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

/// Writes every passage of the corpus into a new tantivy index.
fn fill(
    index: &tantivy::Index,
    corpus: &Corpus,
    fields: Fields,
    threads: usize,
    progress: Progress<'_>,
) -> Result<()> {
    let threads = threads.clamp(1, 8);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, threads * 40_000_000)
        .map_err(tantivy_err)?;
    let total = corpus.passage_count();
    for (ord, (report, passage)) in corpus.passages().enumerate() {
        writer
            .add_document(document(fields, ord, report, passage))
            .map_err(tantivy_err)?;
        if ord % 512 == 0 {
            progress(ord, total);
        }
    }
    writer.commit().map_err(tantivy_err)?;
    writer.wait_merging_threads().map_err(tantivy_err)?;
    progress(total, total);
    Ok(())
}

fn document(f: Fields, ord: usize, report: &Report, passage: &Passage) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.ord, ord as u64);
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

/// Collects the `ord` of every matching passage.
struct OrdCollector;

struct OrdSegmentCollector {
    column: Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    ords: Vec<u32>,
}

impl Collector for OrdCollector {
    type Fruit = Vec<u32>;
    type Child = OrdSegmentCollector;

    fn for_segment(
        &self,
        _segment: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<OrdSegmentCollector> {
        let column = reader.fast_fields().u64("ord")?.first_or_default_col(0);
        Ok(OrdSegmentCollector {
            column,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        let mut all: Vec<u32> = fruits.into_iter().flatten().collect();
        all.sort_unstable();
        Ok(all)
    }
}

impl SegmentCollector for OrdSegmentCollector {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.ords
            .push(u32::try_from(self.column.get_val(doc)).unwrap_or(u32::MAX));
    }

    fn harvest(self) -> Vec<u32> {
        self.ords
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
        let (dir, placement) = store::locate(options.dir.as_deref(), &corpus);
        let threads = options
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get().min(4)));
        let corpus = Arc::new(corpus);
        let mut notes = Vec::new();
        match Self::open_at(&corpus, &dir, placement, options, threads, progress) {
            Ok(index) => return Ok(index),
            Err(e) if placement != Placement::Cache => {
                let cache = store::cache_location(&corpus);
                notes.push(format!(
                    "index folder {} cannot be used ({e}); using {}",
                    dir.display(),
                    cache.display()
                ));
                match Self::open_at(
                    &corpus,
                    &cache,
                    Placement::Cache,
                    options,
                    threads,
                    progress,
                ) {
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
        let mut index = Self::in_memory(corpus, threads, progress)?;
        index.info.notes = notes;
        Ok(index)
    }

    /// Builds an index in memory only.
    pub fn in_memory(corpus: Arc<Corpus>, threads: usize, progress: Progress<'_>) -> Result<Self> {
        let started = Instant::now();
        let (schema, fields) = schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        register_analyzers(&index);
        fill(&index, &corpus, fields, threads, progress)?;
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
        corpus: &Arc<Corpus>,
        dir: &Path,
        placement: Placement,
        options: &OpenOptions,
        threads: usize,
        progress: Progress<'_>,
    ) -> Result<Self> {
        // A fresh, whole index opens without taking the lock.
        if !options.rebuild
            && let Some(index) = Self::try_current(corpus, dir, placement, options.verify)
        {
            return Ok(index);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let _lock = store::BuildLock::acquire(dir)?;
        // Another process may have built it while we waited.
        if !options.rebuild
            && let Some(index) = Self::try_current(corpus, dir, placement, false)
        {
            return Ok(index);
        }
        let started = Instant::now();
        let gen_dir = store::next_generation(dir);
        std::fs::create_dir_all(&gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
        let (schema, fields) = schema::build();
        let index = tantivy::Index::create_in_dir(&gen_dir, schema).map_err(tantivy_err)?;
        register_analyzers(&index);
        fill(&index, corpus, fields, threads, progress)?;
        drop(index);
        let manifest = store::Manifest {
            schema_version: schema::SCHEMA_VERSION,
            evidence_version: env!("CARGO_PKG_VERSION").to_string(),
            corpus_fingerprint: corpus.fingerprint.clone(),
            passages: corpus.passage_count(),
            files: store::sum_files(&gen_dir)?,
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Index(e.to_string()))?;
        crate::atomic::write(&gen_dir.join("manifest.json"), &json)?;
        store::switch_to(dir, &gen_dir)?;
        let build_time = started.elapsed();
        let mut index = Self::try_current(corpus, dir, placement, false).ok_or_else(|| {
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
        corpus: &Arc<Corpus>,
        dir: &Path,
        placement: Placement,
        verify: bool,
    ) -> Option<Self> {
        let gen_dir = store::current_generation(dir)?;
        let manifest = store::read_manifest(&gen_dir)?;
        if !store::is_fresh(&manifest, corpus) || !store::sizes_match(&gen_dir, &manifest) {
            return None;
        }
        if verify && !store::verify_checksums(&gen_dir, &manifest).is_empty() {
            return None;
        }
        let opened = (|| {
            let mut index = tantivy::Index::open_in_dir(&gen_dir).map_err(tantivy_err)?;
            register_analyzers(&index);
            let _ = index.set_default_multithread_executor();
            let (_, fields) = schema::build();
            let info = IndexInfo {
                path: Some(gen_dir.clone()),
                placement,
                built: false,
                build_time: None,
                size_bytes: store::folder_size(&gen_dir),
                passages: manifest.passages,
                notes: Vec::new(),
            };
            Self::from_tantivy(corpus.clone(), &index, fields, info)
        })();
        // Damaged in a way sizes did not show: the caller rebuilds.
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
        let theme_pos = |id: &str| corpus.themes.iter().position(|t| t.id == id);
        let mut passage_report = Vec::new();
        let mut passage_themes = Vec::new();
        for (ri, report) in corpus.reports.iter().enumerate() {
            for p in &report.passages {
                passage_report.push(ri as u32);
                passage_themes.push(
                    p.themes
                        .iter()
                        .filter_map(|t| theme_pos(t))
                        .map(|i| i as u16)
                        .collect(),
                );
            }
        }
        let searcher = reader.searcher();
        if searcher.num_docs() as usize != passage_report.len() {
            return Err(Error::Index(format!(
                "the index has {} passages but the corpus has {}",
                searcher.num_docs(),
                passage_report.len()
            )));
        }
        Ok(Index {
            corpus,
            fields,
            reader,
            passage_report,
            passage_themes,
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

    /// The passage at a position in corpus order, with its report.
    pub fn passage(&self, ord: usize) -> Option<(&Report, &Passage)> {
        let report = self
            .corpus
            .reports
            .get(*self.passage_report.get(ord)? as usize)?;
        let first = self.first_ord_of(report);
        Some((report, report.passages.get(ord - first)?))
    }

    fn first_ord_of(&self, report: &Report) -> usize {
        self.corpus
            .reports
            .iter()
            .take_while(|r| r.id != report.id)
            .map(|r| r.passages.len())
            .sum()
    }

    /// The position in corpus order of a passage id.
    pub fn ord_of(&self, passage_id: &str) -> Option<usize> {
        self.corpus.passages().position(|(_, p)| p.id == passage_id)
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

    fn passes_reports(&self, ord: u32, f: &Filters) -> bool {
        let r = &self.corpus.reports[self.passage_report[ord as usize] as usize].id;
        (f.reports.is_empty() || f.reports.contains(r)) && !f.not_reports.contains(r)
    }

    fn passes_themes(&self, ord: u32, f: &Filters) -> bool {
        let themes = &self.passage_themes[ord as usize];
        let has = |id: &String| {
            self.corpus
                .themes
                .iter()
                .position(|t| &t.id == id)
                .is_some_and(|i| themes.contains(&(i as u16)))
        };
        (f.themes.is_empty() || f.themes.iter().any(has)) && !f.not_themes.iter().any(has)
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
        // Exclusions are run on their own and applied as a set of passages:
        // tantivy's phrase scorer mis-seeks when excluded (a debug assertion).
        for c in compiled.iter_mut().filter(|c| c.negated) {
            let ords = searcher
                .search(&*c.query, &OrdCollector)
                .map_err(tantivy_err)?;
            c.query = Box::new(TermSetQuery::new(
                ords.into_iter()
                    .map(|o| Term::from_field_u64(self.fields.ord, u64::from(o))),
            ));
        }
        let matching: Vec<u32>;
        let mut ranked_query: Option<Box<dyn Query>> = None;
        if compiled.is_empty() {
            matching = (0..self.passage_report.len() as u32).collect();
        } else {
            let active: Vec<&Compiled> = compiled.iter().collect();
            let mut q = combine(&active);
            let mut ords = searcher.search(&*q, &OrdCollector).map_err(tantivy_err)?;
            let positives = active.iter().filter(|c| c.text && !c.negated).count();
            let none_in_filters = ords.iter().all(|&o| {
                !(self.passes_reports(o, &request.filters)
                    && self.passes_themes(o, &request.filters))
            });
            if none_in_filters
                && positives >= 2
                && let Some((kept_q, kept_ords, dropped)) =
                    self.relax(&active, &searcher, &request.filters)?
            {
                notes.push(format!(
                    "no passage has all {positives} words; dropped: {}",
                    dropped.join(", ")
                ));
                q = kept_q;
                ords = kept_ords;
            }
            matching = ords;
            ranked_query = Some(q);
        }

        let filters = &request.filters;
        let mut report_counts = vec![0usize; self.corpus.reports.len()];
        let mut theme_counts = vec![0usize; self.corpus.themes.len()];
        let mut total = 0;
        let mut matches = Vec::new();
        for &ord in &matching {
            let in_reports = self.passes_reports(ord, filters);
            let in_themes = self.passes_themes(ord, filters);
            if in_themes {
                report_counts[self.passage_report[ord as usize] as usize] += 1;
            }
            if in_reports {
                for &t in &self.passage_themes[ord as usize] {
                    theme_counts[t as usize] += 1;
                }
            }
            if in_reports && in_themes {
                total += 1;
                matches.push(ord);
            }
        }

        let hits: Vec<(f32, usize)> = match ranked_query {
            None => matching
                .iter()
                .filter(|&&o| self.passes_reports(o, filters) && self.passes_themes(o, filters))
                .take(request.limit)
                .map(|&o| (0.0, o as usize))
                .collect(),
            Some(q) => {
                let filtered = self.with_filters(q, filters);
                let top = TopDocs::with_limit(request.limit.max(1)).tweak_score(
                    |segment: &SegmentReader| {
                        let column = segment
                            .fast_fields()
                            .u64("ord")
                            .map(|c| c.first_or_default_col(0))
                            .ok();
                        move |doc: DocId, score: Score| {
                            let ord = column.as_ref().map_or(0, |c| c.get_val(doc));
                            (score, Reverse(ord))
                        }
                    },
                );
                let found = searcher.search(&*filtered, &top).map_err(tantivy_err)?;
                found
                    .into_iter()
                    .take(request.limit)
                    .map(|((score, Reverse(ord)), _)| (score, ord as usize))
                    .collect()
            }
        };
        let hits = hits
            .into_iter()
            .filter_map(|(score, ord)| {
                let (_, p) = self.passage(ord)?;
                Some(Hit {
                    ord,
                    score,
                    highlights: snippet::highlights(&p.text, &terms),
                })
            })
            .collect();

        Ok(SearchResults {
            total,
            matches,
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
    ) -> Result<Option<(Box<dyn Query>, Vec<u32>, Vec<String>)>> {
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
        let run = |keep: &[usize]| -> Result<(Box<dyn Query>, Vec<u32>)> {
            let q = with_base(keep);
            let filtered = self.with_filters(q.box_clone(), filters);
            if searcher.search(&*filtered, &Count).map_err(tantivy_err)? == 0 {
                return Ok((q, Vec::new()));
            }
            let ords = searcher.search(&*q, &OrdCollector).map_err(tantivy_err)?;
            Ok((q, ords))
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
        let (q, ords) = run(&candidates)?;
        if !ords.is_empty() {
            return Ok(Some((q, ords, labels(&candidates))));
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
                    let (q, ords) = run(&keep)?;
                    if !ords.is_empty() {
                        return Ok(Some((q, ords, labels(&keep))));
                    }
                }
            }
            return Ok(None);
        }
        // Many words: drop the commonest one at a time.
        let mut keep = candidates.clone();
        while keep.len() > 1 {
            keep.pop();
            let (q, ords) = run(&keep)?;
            if !ords.is_empty() {
                return Ok(Some((q, ords, labels(&keep))));
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
                Some(Box::new(TermQuery::new(
                    Term::from_field_text(f.report, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Theme(id) => {
                if self.corpus.theme(id).is_none() {
                    notes.push(format!("no theme with id `{id}`; `theme:{id}` ignored"));
                    return None;
                }
                Some(Box::new(TermQuery::new(
                    Term::from_field_text(f.theme, id),
                    IndexRecordOption::Basic,
                )))
            }
            Atom::Year(y) => Some(unscored(TermQuery::new(
                Term::from_field_text(f.year, y.trim()),
                IndexRecordOption::Basic,
            ))),
            Atom::Org(name) => {
                let words = analysis::plain_terms(name);
                Some(phrase_or_term(f.org, &words).unwrap_or_else(|| Box::new(EmptyQuery)))
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

    /// Stemmed words (one, or a phrase) over body, title and section, boosted.
    fn text_query(&self, stems: &[String]) -> Box<dyn Query> {
        let f = self.fields;
        let per_field = [(f.body, 1.0), (f.title, 2.0), (f.section, 1.5)];
        let alternatives: Vec<(Occur, Box<dyn Query>)> = per_field
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
        let term = Term::from_field_text(self.fields.plain, word);
        let Ok(automaton) = FuzzyTermQuery::new(term, distance, true).automaton() else {
            return Vec::new();
        };
        let mut found: Vec<String> = Vec::new();
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key())
                    && !found.iter().any(|f| f == s)
                {
                    found.push(s.to_string());
                }
            }
        }
        found.sort();
        found.truncate(20);
        found
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

    /// The best `limit` passages for a query, ties in corpus order.
    fn top_hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(|segment: &SegmentReader| {
            let column = segment
                .fast_fields()
                .u64("ord")
                .map(|c| c.first_or_default_col(0))
                .ok();
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

/// Field restrictions select; they do not rank (a passage with fewer themes
/// must not outrank another because its theme field is shorter).
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
