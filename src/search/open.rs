//! Opening an index: finding a fresh generation on disk (and the corpus its
//! catalog records), building a new one when it is missing, stale or damaged,
//! falling back to the cache folder and then to memory, and checking that
//! what opened matches the corpus.

use super::build::{fill, fill_streaming, register_analyzers};
use super::schema::Fields;
use super::store::{self, Placement};
use super::{Index, IndexInfo, OpenOptions, Progress, schema};
use crate::corpus::{Corpus, CorpusSource};
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tantivy::ReloadPolicy;

/// A fresh index generation and the corpus its catalog records.
pub(super) struct Recorded {
    corpus: Corpus,
    gen_dir: PathBuf,
    manifest: store::Manifest,
    placement: Placement,
    /// Each report's key in the index, in corpus order.
    keys: Vec<u64>,
}

impl Recorded {
    /// The current generation in `dir`, if it is whole, built by this
    /// program, and of the corpus as it is now.
    ///
    /// Listing the corpus (a stat per file: mostly the kernel's time) and
    /// reading the generation's catalog (mostly this program's) do not
    /// depend on each other, so they run side by side: with two cores the
    /// catalog costs no time of its own. What was read is kept only when
    /// the listing finds the corpus it records.
    fn find(source: &CorpusSource, dir: &Path, placement: Placement, verify: bool) -> Option<Self> {
        std::thread::scope(|s| {
            let read = s.spawn(|| Self::read(source, dir, placement, verify));
            let scan = source.scan();
            read.join().ok().flatten().filter(|r| r.records(&scan))
        })
    }

    /// As [`Recorded::find`], with the corpus as `scan` listed it.
    fn find_listed(
        source: &CorpusSource,
        scan: &crate::corpus::Scan,
        dir: &Path,
        placement: Placement,
        verify: bool,
    ) -> Option<Self> {
        Self::read(source, dir, placement, verify).filter(|r| r.records(scan))
    }

    /// The current generation in `dir` and the corpus its catalog records,
    /// if it is whole and built by this program, whatever the corpus is now.
    fn read(source: &CorpusSource, dir: &Path, placement: Placement, verify: bool) -> Option<Self> {
        let gen_dir = store::current_generation(dir)?;
        let manifest = store::read_manifest(&gen_dir)?;
        if !store::is_ours(&manifest)
            || !store::sizes_match(&gen_dir, &manifest)
            || (verify && !store::verify_checksums(&gen_dir, &manifest).is_empty())
        {
            return None;
        }
        let catalog = store::read_catalog(&gen_dir, source.shown())?;
        if catalog.fingerprint != manifest.corpus_fingerprint
            || catalog.passage_total() != Some(manifest.passages)
        {
            return None;
        }
        let spans = gen_dir.join(store::SPANS);
        let keys = catalog.reports.iter().map(|r| r.key).collect();
        Some(Recorded {
            corpus: Corpus::from_catalog(catalog, source, Some(&spans)),
            gen_dir,
            manifest,
            placement,
            keys,
        })
    }

    /// Whether this generation records the corpus as `scan` listed it.
    fn records(&self, scan: &crate::corpus::Scan) -> bool {
        self.manifest.corpus_fingerprint == scan.fingerprint
    }

    /// Opens the generation's tantivy index over the recorded corpus.
    fn open(self) -> Option<Index> {
        Index::open_generation(
            Arc::new(self.corpus),
            &self.gen_dir,
            self.placement,
            &self.manifest,
            &self.keys,
        )
    }
}

/// What an index is built from: a corpus already read, or a corpus source
/// read while indexing it.
#[derive(Clone, Copy)]
pub(super) enum Input<'a> {
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
            let (dir, placement) = store::locate(
                options.dir.as_deref(),
                options.repository.as_deref(),
                &source.origin(),
            );
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
    /// looked for where [`Index::open_source`] would put it with these
    /// options; `None` when there is no fresh one there. Nothing is built.
    pub fn recorded_corpus(source: &CorpusSource, options: &OpenOptions) -> Option<Corpus> {
        let (dir, placement) = store::locate(
            options.dir.as_deref(),
            options.repository.as_deref(),
            &source.origin(),
        );
        Recorded::find(source, &dir, placement, false).map(|r| r.corpus)
    }

    /// Merges the index of a source into one segment when an update left
    /// that for later (see [`OpenOptions::defer_merge`]), and opens the
    /// result. `Ok(None)` when there was nothing to merge, or when the
    /// corpus changed meanwhile (the next open updates it).
    pub fn merge_whole(source: &CorpusSource, options: &OpenOptions) -> Result<Option<Self>> {
        let (dir, placement) = store::locate(
            options.dir.as_deref(),
            options.repository.as_deref(),
            &source.origin(),
        );
        let _lock = store::BuildLock::acquire(&dir)?;
        let started = Instant::now();
        if !super::update::merge_whole(&dir, source.shown())? {
            return Ok(None);
        }
        let mut index = Self::try_current(Input::Source(source), &dir, placement, false);
        if let Some(index) = index.as_mut() {
            index.info.built = true;
            index.info.build_time = Some(started.elapsed());
        }
        Ok(index)
    }

    fn open_input(input: Input<'_>, options: &OpenOptions, progress: Progress<'_>) -> Result<Self> {
        let origin = input.origin();
        let (dir, placement) = store::locate(
            options.dir.as_deref(),
            options.repository.as_deref(),
            &origin,
        );
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
            .create_in_ram()?;
        register_analyzers(&index);
        fill(&index, &corpus, fields, threads, None, progress)?;
        let totals = super::norms::measure_built(&index, fields, &corpus)?;
        let info = IndexInfo {
            path: None,
            placement: Placement::Cache,
            built: true,
            build_time: Some(started.elapsed()),
            size_bytes: 0,
            passages: corpus.passage_count(),
            notes: Vec::new(),
            updated: None,
        };
        let keys: Vec<u64> = (1..=corpus.reports.len() as u64).collect();
        Self::from_tantivy(corpus, &index, fields, info, &keys, &totals)
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
        // Another process may have built it while we waited. A source is
        // listed once here, for that check and for an update.
        let listed = match input {
            Input::Source(source) if !options.rebuild => Some((source, source.scan())),
            _ => None,
        };
        if !options.rebuild {
            let current = match &listed {
                Some((source, scan)) => {
                    Recorded::find_listed(source, scan, dir, placement, options.verify)
                        .and_then(Recorded::open)
                }
                None => Self::try_current(input, dir, placement, options.verify),
            };
            if let Some(index) = current {
                return Ok(index);
            }
        }
        let started = Instant::now();
        // Some files changed: index those alone when the change allows it.
        // An update that fails for any reason leaves the current generation
        // as it was, and a full build follows.
        if let Some((source, scan)) = &listed
            && let Ok(Some((_, update))) =
                super::update::update(source, scan, dir, options.defer_merge, progress)
            && let Some(mut index) = Self::try_current(input, dir, placement, false)
        {
            index.info.built = true;
            index.info.build_time = Some(started.elapsed());
            index.info.updated = Some(update);
            return Ok(index);
        }
        let (corpus, gen_dir) = Self::build_generation(input, dir, threads, progress)?;
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

    /// Writes a new generation of the index into `dir` and switches to it:
    /// the tantivy index and spans, then the catalog and the manifest, and
    /// last the pointer that makes it current. Returns the corpus as read.
    fn build_generation(
        input: Input<'_>,
        dir: &Path,
        threads: usize,
        progress: Progress<'_>,
    ) -> Result<(Arc<Corpus>, PathBuf)> {
        let gen_dir = store::next_generation(dir);
        std::fs::create_dir_all(&gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
        let (schema, fields) = schema::build();
        let index = tantivy::Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(&gen_dir)?;
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
        let totals = super::norms::measure_built(&index, fields, &corpus)?;
        drop(index);
        let manifest = store::Manifest::new(
            corpus.fingerprint.clone(),
            corpus.passage_count(),
            store::sum_files(&gen_dir)?,
            corpus.reports.len() as u64 + 1,
            totals,
        );
        let json = serde_json::to_vec_pretty(&manifest)?;
        let mut catalog = corpus.catalog();
        for ((key, meta), place) in (1..).zip(catalog.reports.iter_mut()).zip(places) {
            meta.spans = place;
            meta.key = key;
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
        Ok((corpus, gen_dir))
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
        // The keys are the catalog's: an update may have renumbered reports.
        let catalog = store::read_catalog(&gen_dir, Path::new(""))?;
        let same = catalog.reports.len() == corpus.reports.len()
            && catalog
                .reports
                .iter()
                .zip(&corpus.reports)
                .all(|(c, r)| c.id == r.id && c.passage_count == r.passages.count());
        if !same {
            return None;
        }
        let keys: Vec<u64> = catalog.reports.iter().map(|r| r.key).collect();
        Self::open_generation(corpus.clone(), &gen_dir, placement, &manifest, &keys)
    }

    /// Opens a generation's tantivy index; `None` if tantivy finds it damaged
    /// in a way the sizes did not show (the caller then rebuilds).
    fn open_generation(
        corpus: Arc<Corpus>,
        gen_dir: &Path,
        placement: Placement,
        manifest: &store::Manifest,
        keys: &[u64],
    ) -> Option<Self> {
        let opened = (|| {
            // Searched on the caller's thread: a built index has one segment,
            // so a pool of search threads would only add hand-offs.
            let index = tantivy::Index::open_in_dir(gen_dir)?;
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
                updated: None,
            };
            Self::from_tantivy(corpus, &index, fields, info, keys, &manifest.totals)
        })();
        opened.ok()
    }

    fn from_tantivy(
        corpus: Arc<Corpus>,
        index: &tantivy::Index,
        fields: Fields,
        info: IndexInfo,
        keys: &[u64],
        totals: &super::norms::Totals,
    ) -> Result<Self> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let places =
            super::places::Places::new(keys, corpus.reports.iter().map(|r| r.passages.count()))?;
        let total = places.total();
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
            places: Arc::new(places),
            totals: super::norms::resolve(&index.schema(), totals),
            info,
            bridges: std::sync::OnceLock::new(),
        })
    }
}
