//! Updating an index when some report files changed, were added or were
//! removed: a new generation that shares the unchanged segment files with
//! the current one (hard links), in which only the changed reports are
//! deleted and indexed again, switched to by the same pointer a build
//! writes. A kill at any point leaves the current generation untouched: its
//! files are never written in place (tantivy writes new files and replaces
//! its `meta.json` by rename, which replaces the link, not the file).
//!
//! Ranking after an update: tantivy counts a deleted document in its term
//! statistics until a merge removes it, so BM25 scores drift from a fresh
//! build's. The rule (see [`merge_plan`]): a small index is merged whole on
//! every update, so it ranks exactly as a fresh build; a large one is merged
//! whole once deleted documents pass [`DELETED_PERCENT`] of its documents,
//! and otherwise only its small segments are merged, once there are more
//! than [`MAX_SEGMENTS`].

use super::build::{add_report, register_analyzers};
use super::schema;
use super::store::{self, FileSum, Manifest};
use super::{Progress, Update};
use crate::corpus::delta::{Delta, delta};
use crate::corpus::{CorpusSource, Scan};
use crate::{Error, Result};
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::NoMergePolicy;
use tantivy::{TantivyDocument, Term};

/// A changed corpus is rebuilt rather than updated when the files to read
/// again hold more than this share of its bytes: at 100 MB an update of half
/// the files took 7.9 s and a rebuild 9.6 s (BENCHMARKS.md), and a rebuild
/// leaves one segment and no deletions.
pub(super) const REBUILD_SHARE: f64 = 0.5;

/// [`REBUILD_SHARE`], or `EVIDENCE_UPDATE_SHARE` (0 to 1) where the benches
/// measure updates past it.
fn rebuild_share() -> f64 {
    std::env::var("EVIDENCE_UPDATE_SHARE")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| (0.0..=1.0).contains(s))
        .unwrap_or(REBUILD_SHARE)
}

/// An index of at most this many passages is merged into one segment on
/// every update: it takes milliseconds, and the index then ranks exactly as
/// a fresh build of the same files.
pub(super) const SMALL_INDEX: u64 = 50_000;

/// Deleted documents past this percentage of a larger index's documents
/// merge it whole, so that its term statistics are again a fresh build's.
pub(super) const DELETED_PERCENT: u64 = 2;

/// More segments than this merge all but the largest into one: every
/// segment costs a search its own scan of the term dictionary when a word
/// is misspelt (after 1,000 edits a misspelt word took 4× a fresh build's
/// time at p99 with up to nine segments, 1.6× with three). The small
/// segment holds only the reports edited since the last whole merge (at
/// most about [`DELETED_PERCENT`] of the index), so merging it is cheap.
pub(super) const MAX_SEGMENTS: usize = 2;

/// The merges to run after an update's commit: sets of segments, each
/// merged into one; and whether a whole merge is due but left for later
/// (with `defer`, for a large index only).
fn merge_plan(segments: &[SegmentMeta], defer: bool) -> (Vec<Vec<SegmentId>>, bool) {
    let docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    let deleted: u64 = segments
        .iter()
        .map(|s| u64::from(s.num_deleted_docs()))
        .sum();
    let ids = |metas: &[&SegmentMeta]| metas.iter().map(|s| s.id()).collect::<Vec<_>>();
    let all: Vec<&SegmentMeta> = segments.iter().collect();
    let small = docs <= SMALL_INDEX;
    let whole = small || deleted * 100 > docs * DELETED_PERCENT;
    if whole && (small || !defer) {
        let needed = all.len() > 1 || deleted > 0;
        return (if needed { vec![ids(&all)] } else { Vec::new() }, false);
    }
    let mut plan = Vec::new();
    if all.len() > MAX_SEGMENTS {
        let mut by_size = all;
        by_size.sort_by_key(|s| std::cmp::Reverse(s.max_doc()));
        plan.push(ids(&by_size[1..]));
    }
    (plan, whole)
}

/// The current generation in `dir`, if this program wrote it and its files
/// are whole, with its manifest and its catalog (problem paths under
/// `folder`).
fn current(dir: &Path, folder: &Path) -> Option<(PathBuf, Manifest, crate::corpus::Catalog)> {
    let generation = store::current_generation(dir)?;
    let manifest = store::read_manifest(&generation)?;
    if !store::is_ours(&manifest) || !store::sizes_match(&generation, &manifest) {
        return None;
    }
    let catalog = store::read_catalog(&generation, folder)?;
    Some((generation, manifest, catalog))
}

/// Merges the current generation in `dir` into one segment, in a new
/// generation that shares every other file with it by hard links (the
/// corpus it records is unchanged), and switches to it. `Ok(false)` when
/// there is no current generation of this program, or it has one segment
/// and no deletions already.
pub(super) fn merge_whole(dir: &Path, folder: &Path) -> Result<bool> {
    let Some((old_gen, manifest, catalog)) = current(dir, folder) else {
        return Ok(false);
    };
    let new_gen = store::next_generation(dir);
    let written = (|| -> Result<bool> {
        link_generation(&old_gen, &new_gen, |name| {
            name == "manifest.json" || name.ends_with(".lock")
        })?;
        let index = tantivy::Index::open_in_dir(&new_gen)?;
        register_analyzers(&index);
        let (_, fields) = schema::build();
        let segments = index.searchable_segment_metas()?;
        if segments.len() <= 1 && segments.iter().all(|s| s.num_deleted_docs() == 0) {
            return Ok(false);
        }
        let mut writer = writer(&index)?;
        let ids: Vec<SegmentId> = segments.iter().map(|s| s.id()).collect();
        writer.merge(&ids).wait()?;
        writer.wait_merging_threads()?;
        let totals = super::norms::measure_catalog(&index, fields, &catalog)?;
        let new_manifest = Manifest {
            files: sums_reusing(&new_gen, &manifest)?,
            totals,
            ..manifest.clone()
        };
        crate::atomic::write(
            &new_gen.join("manifest.json"),
            &serde_json::to_vec_pretty(&new_manifest)?,
        )?;
        Ok(true)
    })();
    match written {
        Ok(true) => {
            store::switch_to(dir, &new_gen)?;
            Ok(true)
        }
        other => {
            let _ = fs::remove_dir_all(&new_gen);
            other
        }
    }
}

/// A writer for an update or a merge: one thread (a few reports at most),
/// and only the merges this module asks for.
fn writer(index: &tantivy::Index) -> Result<tantivy::IndexWriter<TantivyDocument>> {
    let writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

/// Makes `new_gen` with every file of `old_gen` but those `skip` names:
/// segment files hard-linked (they are never written again), tantivy's own
/// records copied (it replaces them by rename).
fn link_generation(old_gen: &Path, new_gen: &Path, skip: impl Fn(&str) -> bool) -> Result<()> {
    fs::create_dir_all(new_gen).map_err(|e| Error::io(new_gen, e))?;
    for entry in fs::read_dir(old_gen).map_err(|e| Error::io(old_gen, e))? {
        let entry = entry.map_err(|e| Error::io(old_gen, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip(&name) || !entry.path().is_file() {
            continue;
        }
        let to = new_gen.join(&name);
        let linked = !rewritten_in_place(&name) && fs::hard_link(entry.path(), &to).is_ok();
        if !linked {
            fs::copy(entry.path(), &to).map_err(|e| Error::io(&to, e))?;
        }
    }
    Ok(())
}

/// Writes a generation that updates the current one in `dir` to the corpus
/// as `scan` lists it, and switches to it. `Ok(None)` when there is no
/// current generation this program can update, or when the change is one a
/// full build must make (see [`crate::corpus::delta`]).
pub(super) fn update(
    source: &CorpusSource,
    scan: &Scan,
    dir: &Path,
    defer: bool,
    progress: Progress<'_>,
) -> Result<Option<(PathBuf, Update)>> {
    let Some((old_gen, manifest, catalog)) = current(dir, source.shown()) else {
        return Ok(None);
    };
    let passages = catalog.passage_total();
    // The catalog must describe the index, and the corpus must have changed
    // since: a generation that is not fresh for any other reason is rebuilt.
    if passages != Some(manifest.passages) || catalog.fingerprint == scan.fingerprint {
        return Ok(None);
    }
    let next_key = catalog
        .reports
        .iter()
        .map(|r| r.key)
        .max()
        .unwrap_or(0)
        .max(manifest.next_key.saturating_sub(1))
        + 1;
    let total: u64 = scan.files.iter().map(|f| f.stamp.size).sum();
    let max_bytes = (total as f64 * rebuild_share()) as u64;
    let Some(delta) = delta(source, catalog, scan, max_bytes) else {
        return Ok(None);
    };
    let new_gen = store::next_generation(dir);
    match write_generation(
        (&old_gen, &new_gen),
        &manifest,
        delta,
        next_key,
        source,
        defer,
        progress,
    ) {
        Ok(update) => {
            store::switch_to(dir, &new_gen)?;
            Ok(Some((new_gen, update)))
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&new_gen);
            Err(e)
        }
    }
}

/// Files of a generation that an update writes afresh rather than sharing.
fn written_afresh(name: &str) -> bool {
    name == "manifest.json"
        || name == store::CATALOG
        || name == store::SPANS
        || name.ends_with(".lock")
}

/// Files whose content changes under the same name (tantivy's own records).
fn rewritten_in_place(name: &str) -> bool {
    name == "meta.json" || name == ".managed.json"
}

/// Writes the updated generation `new_gen` beside `old_gen` (the current
/// one, whose manifest is given).
fn write_generation(
    (old_gen, new_gen): (&Path, &Path),
    manifest: &Manifest,
    delta: Delta,
    mut next_key: u64,
    source: &CorpusSource,
    defer: bool,
    progress: Progress<'_>,
) -> Result<Update> {
    link_generation(old_gen, new_gen, written_afresh)?;
    let index = tantivy::Index::open_in_dir(new_gen)?;
    register_analyzers(&index);
    let (_, fields) = schema::build();
    let mut writer = writer(&index)?;
    for &key in &delta.removed {
        writer.delete_term(Term::from_field_u64(fields.key, key));
    }

    let Delta {
        mut catalog,
        changed,
        gone,
        ..
    } = delta;
    let themes = catalog.themes.clone();
    let spans_path = new_gen.join(store::SPANS);
    let mut spans_out = std::io::BufWriter::new(
        fs::File::create(&spans_path).map_err(|e| Error::io(&spans_path, e))?,
    );
    let old_spans_path = old_gen.join(store::SPANS);
    let mut old_spans = fs::File::open(&old_spans_path).ok();
    let mut written = 0u64;
    let reindexed = changed.len();
    let to_index: u64 = changed.iter().map(|c| c.passages.len() as u64).sum();
    let mut changed = changed.into_iter().peekable();
    let mut done = 0u64;
    for (at, report) in catalog.reports.iter_mut().enumerate() {
        let block = match changed.next_if(|c| c.at == at) {
            Some(c) => {
                report.key = next_key;
                next_key += 1;
                add_report(&writer, fields, &themes, report.key, &c.report, &c.passages)?;
                done += c.passages.len() as u64;
                progress(done, to_index);
                Some(c.spans)
            }
            None => match (report.spans, old_spans.as_mut()) {
                (Some((offset, len)), Some(file)) => {
                    Some(read_block(file, offset, len).map_err(|e| Error::io(&old_spans_path, e))?)
                }
                _ => None,
            },
        };
        report.spans = match block {
            Some(block) => {
                spans_out
                    .write_all(&block)
                    .map_err(|e| Error::io(&spans_path, e))?;
                let place = (written, block.len() as u64);
                written += block.len() as u64;
                Some(place)
            }
            None => None,
        };
    }
    spans_out
        .into_inner()
        .map_err(|e| Error::io(&spans_path, e.into_error()))?
        .sync_all()
        .map_err(|e| Error::io(&spans_path, e))?;

    writer.commit()?;
    let (plan, merge_due) = merge_plan(&index.searchable_segment_metas()?, defer);
    let merged = !plan.is_empty();
    for ids in plan {
        writer.merge(&ids).wait()?;
    }
    writer.wait_merging_threads()?;
    let totals = super::norms::measure_catalog(&index, fields, &catalog)?;

    let files = sums_reusing(new_gen, manifest)?;
    let passages = catalog
        .passage_total()
        .ok_or_else(|| Error::Index("the corpus's passage counts overflow".into()))?;
    let new_manifest = Manifest::new(
        catalog.fingerprint.clone(),
        passages,
        files,
        next_key,
        totals,
    );
    crate::atomic::write(
        &new_gen.join(store::CATALOG),
        &catalog.to_bytes(source.shown()),
    )?;
    crate::atomic::write(
        &new_gen.join("manifest.json"),
        &serde_json::to_vec_pretty(&new_manifest)?,
    )?;
    Ok(Update {
        reindexed,
        gone,
        merged,
        merge_due,
    })
}

fn read_block(file: &mut fs::File, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut block = vec![0; usize::try_from(len).map_err(std::io::Error::other)?];
    file.read_exact(&mut block)?;
    Ok(block)
}

/// The generation's file sums, taking a shared segment file's from the old
/// manifest (segment files never change once written) and computing the
/// rest.
fn sums_reusing(gen_dir: &Path, old: &Manifest) -> Result<Vec<FileSum>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(gen_dir).map_err(|e| Error::io(gen_dir, e))? {
        let entry = entry.map_err(|e| Error::io(gen_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "manifest.json"
            || name == store::CATALOG
            || name == super::expand::BRIDGES_FILE
            || name.ends_with(".lock")
        {
            continue;
        }
        let meta = entry.metadata().map_err(|e| Error::io(entry.path(), e))?;
        if !meta.is_file() {
            continue;
        }
        let known = old
            .files
            .iter()
            .find(|f| f.name == name && f.size == meta.len())
            .filter(|_| !rewritten_in_place(&name) && name != store::SPANS);
        files.push(match known {
            Some(f) => f.clone(),
            None => {
                let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                FileSum {
                    name,
                    size: bytes.len() as u64,
                    blake3: blake3::hash(&bytes).to_hex().to_string(),
                }
            }
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_and_shared_files_are_told_apart() {
        assert!(written_afresh("manifest.json"));
        assert!(written_afresh(store::SPANS));
        assert!(written_afresh(".tantivy-writer.lock"));
        assert!(!written_afresh("meta.json"));
        assert!(!written_afresh("4bd98f0d2768437380e5c8c8ab3e81ee.idx"));
        assert!(rewritten_in_place("meta.json"));
        assert!(!rewritten_in_place("4bd98f0d2768437380e5c8c8ab3e81ee.idx"));
    }
}
