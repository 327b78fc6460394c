//! Building an index: the analyzers registered with tantivy, and writing
//! passages into a new index one report at a time in corpus order, with each
//! report's block of passage spans, from a corpus already read or while it is
//! read (each file read and parsed once).

use super::schema::Fields;
use super::{Progress, analysis};
use crate::corpus::{Corpus, CorpusSource, Passage, Report};
use crate::{Error, Result};
use std::path::Path;
use tantivy::TantivyDocument;

pub(super) fn register_analyzers(index: &tantivy::Index) {
    index
        .tokenizers()
        .register(analysis::STEMMED, analysis::stemmed());
    index
        .tokenizers()
        .register(analysis::PLAIN, analysis::plain());
    index
        .tokenizers()
        .register(analysis::SHOUTED, analysis::shouted());
}

/// Where a report's block of passage spans lies in the spans file (offset
/// and length); `None` for a report whose passages are read whole.
pub(super) type SpansPlace = Option<(u64, u64)>;

/// Writes passages into a new tantivy index, one report at a time in corpus
/// order, and each report's block of passage spans (see
/// [`crate::corpus`]'s spans) into the spans file when given one.
pub(super) struct Filler<'a> {
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    spans_out: Option<(std::io::BufWriter<std::fs::File>, &'a Path)>,
    /// Where each report's spans block is in the spans file.
    places: Vec<SpansPlace>,
    written: u64,
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
        let writer =
            index.writer_with_num_threads::<TantivyDocument>(threads, threads * 40_000_000)?;
        Ok(Filler {
            writer,
            fields,
            spans_out,
            places: Vec::new(),
            written: 0,
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
        // Keys in corpus order from 1: a fresh build's one segment then
        // holds the passages in corpus order.
        let key = self.places.len() as u64 + 1;
        self.places.push(place);
        add_report(&self.writer, self.fields, themes, key, report, passages)
    }

    /// Commits, merges into one segment and syncs the spans file; returns
    /// each report's spans place.
    fn finish(mut self, index: &tantivy::Index) -> Result<Vec<SpansPlace>> {
        self.writer.commit()?;
        // One segment: every query then pays its per-segment costs (term
        // lookups, typo scans of the dictionary, collectors) once, and the
        // dictionary is stored once.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
        }
        self.writer.wait_merging_threads()?;
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
pub(super) fn fill(
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
pub(super) fn fill_streaming(
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

/// Adds a report's passages to an index writer under the report's key.
pub(super) fn add_report(
    writer: &tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    themes: &[crate::corpus::Theme],
    key: u64,
    report: &Report,
    passages: &[Passage],
) -> Result<()> {
    if passages.len() >= 1 << super::schema::LOCAL_BITS {
        return Err(Error::Index(format!(
            "report `{}` has {} passages; an index holds at most {} a report",
            report.id,
            passages.len(),
            (1u64 << super::schema::LOCAL_BITS) - 1
        )));
    }
    for (local, passage) in passages.iter().enumerate() {
        let mask = crate::corpus::theme_mask(themes, &passage.themes);
        writer.add_document(document(fields, key, local, mask, report, passage))?;
    }
    Ok(())
}

pub(super) fn document(
    f: Fields,
    key: u64,
    local: usize,
    theme_mask: u64,
    report: &Report,
    passage: &Passage,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.slot, super::schema::slot(key, local));
    doc.add_u64(f.key, key);
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
        doc.add_text(f.plain_meta, who);
    }
    if report.short_title != report.title {
        doc.add_text(f.title, &report.short_title);
    }
    if let Some(s) = &passage.section {
        doc.add_text(f.section, s);
        doc.add_text(f.plain, s);
        doc.add_text(f.shouted, s);
    }
    doc.add_text(f.body, &passage.text);
    doc.add_text(f.plain, &passage.text);
    doc.add_text(f.shouted, &passage.text);
    doc.add_text(f.plain_meta, &report.title);
    doc
}
