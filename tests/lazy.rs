//! Opening a fresh index reads no corpus file: report metadata comes from the
//! index's catalog and passages are read from their files when first shown.
//! Results must be the same as from a corpus read in full.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use evidence::corpus::{Corpus, CorpusSource};
use evidence::search::{Filters, Index, OpenOptions, SearchRequest};

fn request(q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        filters: Filters {
            themes: vec!["mergers".into(), "leadership".into()],
            ..Filters::default()
        },
        limit: 50,
    }
}

#[test]
fn a_fresh_index_opens_from_its_catalog_and_reads_only_what_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let options = OpenOptions {
        dir: Some(dir.path().join("index")),
        ..OpenOptions::default()
    };
    let built = Index::open_source(&source, &options, &|_, _| {}).unwrap();
    assert!(built.info().built);
    let lazy = Index::open_source(&source, &options, &|_, _| {}).unwrap();
    assert!(!lazy.info().built);
    assert_eq!(lazy.corpus().reports.len(), built.corpus().reports.len());
    assert!(
        lazy.corpus()
            .reports
            .iter()
            .all(|r| !r.passages.is_loaded()),
        "opening read passages"
    );
    assert_eq!(
        lazy.corpus().passage_count(),
        built.corpus().passage_count()
    );

    for q in [
        "mergers",
        "\"special measures\"",
        "buddying -cost",
        "",
        "leadership report:nhs-trust-mergers",
    ] {
        let a = built.search(&request(q)).unwrap();
        let b = lazy.search(&request(q)).unwrap();
        assert_eq!(a.total, b.total, "{q}");
        assert_eq!(a.facets, b.facets, "{q}");
        assert_eq!(a.grid, b.grid, "{q}");
        let ids = |idx: &Index, r: &evidence::search::SearchResults| -> Vec<String> {
            r.hits
                .iter()
                .map(|h| idx.passage(h.ord).unwrap().1.id.clone())
                .collect()
        };
        assert_eq!(ids(&built, &a), ids(&lazy, &b), "{q}");
        for (ha, hb) in a.hits.iter().zip(&b.hits) {
            assert_eq!(ha.highlights, hb.highlights);
        }
    }
    let loaded = lazy
        .corpus()
        .reports
        .iter()
        .filter(|r| r.passages.is_loaded())
        .count();
    assert_eq!(
        loaded, 0,
        "showing hits read whole reports; the index records where each passage lies"
    );

    // The catalog's problems come back too, and a changed file is noticed.
    let eager = Corpus::load(&source);
    assert_eq!(lazy.corpus().problems, eager.problems);
    let file = corpus_dir.join("06-big-med.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("Big Med\"\nshort", "Big Medicine\"\nshort"),
    )
    .unwrap();
    let rebuilt = Index::open_source(&source, &options, &|_, _| {}).unwrap();
    assert!(rebuilt.info().built);
    assert_eq!(
        rebuilt.corpus().report("big-med").unwrap().title,
        "Big Medicine"
    );
}

/// Opens the index of `source` in `index_dir`, building it if needed.
fn open_in(source: &CorpusSource, index_dir: &std::path::Path) -> Index {
    let options = OpenOptions {
        dir: Some(index_dir.to_path_buf()),
        ..OpenOptions::default()
    };
    Index::open_source(source, &options, &|_, _| {}).unwrap()
}

/// Builds the index of a corpus folder, then opens it as a later run would:
/// fresh, from its catalog, reading no report.
fn build_then_open(
    corpus_dir: &std::path::Path,
    index_dir: &std::path::Path,
) -> (CorpusSource, Index) {
    let source = CorpusSource::folder(corpus_dir).unwrap();
    assert!(open_in(&source, index_dir).info().built);
    let open = open_in(&source, index_dir);
    assert!(!open.info().built);
    (source, open)
}

#[test]
fn every_passage_read_alone_is_the_passage_the_corpus_has() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    // A report with CRLF line ends and a byte-order mark is read whole.
    let crlf = corpus_dir.join("06-big-med.md");
    let text = std::fs::read_to_string(&crlf).unwrap();
    std::fs::write(&crlf, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let (source, lazy) = build_then_open(&corpus_dir, &dir.path().join("index"));
    let eager = Corpus::load(&source);
    let mut ord = 0;
    for report in &eager.reports {
        for passage in report.passages.iter() {
            let (r, p) = lazy.passage(ord).unwrap();
            assert_eq!(r.id, report.id);
            assert_eq!(p.id, passage.id);
            assert_eq!(p.text, passage.text, "{}", p.id);
            assert_eq!(p.section, passage.section, "{}", p.id);
            assert_eq!(p.themes, passage.themes, "{}", p.id);
            assert_eq!(p.block, passage.block, "{}", p.id);
            assert_eq!(p.emphasis, passage.emphasis, "{}", p.id);
            ord += 1;
        }
    }
    assert_eq!(ord, lazy.corpus().passage_count());
    let whole: Vec<&str> = lazy
        .corpus()
        .reports
        .iter()
        .filter(|r| r.passages.is_loaded())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(whole, ["big-med"], "only the CRLF report is read whole");
}

#[test]
fn a_file_changed_while_the_index_is_open_is_read_whole_not_by_stale_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir(&corpus_dir).unwrap();
    let file = corpus_dir.join("notes.md");
    std::fs::write(
        &file,
        "First paragraph, about mergers.\n\nSecond paragraph, about chains.\n\n\
         Third and last paragraph, about buddying.\n",
    )
    .unwrap();
    let (source, open) = build_then_open(&corpus_dir, &dir.path().join("index"));
    // A paragraph added at the top moves every passage's offset.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("An added paragraph shifts every offset.\n\n{text}"),
    )
    .unwrap();

    let (_, shown) = open.passage(2).unwrap();
    let now = Corpus::load(&source);
    let texts: Vec<&str> = now.reports[0]
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        texts.contains(&shown.text.as_str()),
        "{:?} is not a passage of the file as it now is: {texts:?}",
        shown.text
    );
}

#[test]
fn listings_come_from_the_catalog_without_reading_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let index_dir = dir.path().join("index");
    assert!(Index::recorded_corpus(&source, &in_folder(&index_dir)).is_none());
    let options = OpenOptions {
        dir: Some(index_dir.clone()),
        ..OpenOptions::default()
    };
    Index::open_source(&source, &options, &|_, _| {}).unwrap();

    let recorded = Index::recorded_corpus(&source, &in_folder(&index_dir)).expect("a fresh index");
    let full = Corpus::load(&source);
    assert_eq!(recorded.problems, full.problems);
    for (a, b) in recorded.reports.iter().zip(&full.reports) {
        assert_eq!(a.id, b.id);
        assert_eq!(recorded.report_themes(a), full.report_themes(b), "{}", a.id);
        assert_eq!(recorded.report_theme_ids(a), full.report_theme_ids(b));
    }
    for t in &full.themes {
        let counts = full.theme_counts(&t.id);
        assert!(counts.0 > 0, "{}", t.id);
        assert_eq!(recorded.theme_counts(&t.id), counts, "{}", t.id);
    }
    assert!(
        recorded.reports.iter().all(|r| !r.passages.is_loaded()),
        "a listing read a report"
    );

    // A changed file makes the catalog stale.
    let report = corpus_dir.join(&full.reports[3].path);
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text + "\nOne more paragraph.\n").unwrap();
    assert!(Index::recorded_corpus(&source, &in_folder(&index_dir)).is_none());
}

#[test]
fn a_build_that_reads_each_file_once_records_what_a_full_read_finds() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    // Problems the build must record as a full read does: a repeated report
    // id (the second file is skipped), a file that is not UTF-8, an unknown
    // theme, and a file without front matter.
    let first = std::fs::read_to_string(corpus_dir.join("06-big-med.md")).unwrap();
    std::fs::write(corpus_dir.join("zz-copy.md"), &first).unwrap();
    std::fs::write(corpus_dir.join("bad.md"), b"\xff\xfe not text").unwrap();
    std::fs::write(
        corpus_dir.join("notes.md"),
        "Plain notes on chains.\n\nA second paragraph. <!-- #2 chains nope -->\n",
    )
    .unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let index_dir = dir.path().join("index");
    let built = open_in(&source, &index_dir);
    assert!(built.info().built);
    // The index just built reads shown passages alone, as a later process would.
    assert!(
        built
            .corpus()
            .reports
            .iter()
            .all(|r| !r.passages.is_loaded())
    );

    let full = Corpus::load(&source);
    assert!(
        full.problems
            .iter()
            .any(|p| p.message.contains("duplicate report id"))
    );
    assert!(full.problems.iter().any(|p| p.message.contains("nope")));
    let generation = evidence::search::store::current_generation(&index_dir).unwrap();
    let mut a = evidence::search::store::read_catalog(&generation, &corpus_dir).unwrap();
    let b = full.catalog();
    assert!(
        a.reports.iter().all(|m| m.spans.is_some()),
        "a report has no spans"
    );
    for m in &mut a.reports {
        m.spans = None;
        // The report's key in the index: corpus order from 1 in a fresh build.
        m.key = 0;
    }
    assert_eq!(a, b);
    assert_eq!(built.corpus().passage_count(), full.passage_count());
    for (r, f) in built.corpus().reports.iter().zip(&full.reports) {
        for (k, p) in f.passages.iter().enumerate() {
            // A passage read alone does not know its line in the file.
            let alone = r.passages.one(k).cloned().map(|mut a| {
                a.line = p.line;
                a
            });
            assert_eq!(alone.as_ref(), Some(p), "{}", p.id);
        }
    }
}

/// A corpus folder with the bundled reports, indexed; the source and index folder.
fn built(dir: &std::path::Path) -> (CorpusSource, std::path::PathBuf) {
    let corpus_dir = dir.join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let index_dir = dir.join("index");
    open_in(&source, &index_dir);
    (source, index_dir)
}

#[test]
fn a_catalog_whose_counts_disagree_with_the_index_is_not_used() {
    use evidence::search::store;
    let dir = tempfile::tempdir().unwrap();
    let (source, index_dir) = built(dir.path());
    let gen_dir = store::current_generation(&index_dir).unwrap();
    let mut catalog = store::read_catalog(&gen_dir, source.shown()).unwrap();
    catalog.reports[0].passage_count = usize::MAX;
    std::fs::write(
        gen_dir.join(store::CATALOG),
        catalog.to_bytes(source.shown()),
    )
    .unwrap();
    assert!(Index::recorded_corpus(&source, &in_folder(&index_dir)).is_none());
    let index = open_in(&source, &index_dir);
    assert!(index.info().built, "the index was not rebuilt");
    assert_eq!(
        index.corpus().passage_count(),
        Corpus::load(&source).passage_count()
    );
}

#[test]
fn theme_ids_follow_the_passages_once_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (source, index_dir) = built(dir.path());
    let opened = Index::recorded_corpus(&source, &in_folder(&index_dir)).unwrap();
    let r = &opened.reports[3];
    let file = dir.path().join("corpus").join(&r.path);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text + "\nAn added passage. <!-- #zz-added credentialing -->\n",
    )
    .unwrap();
    let mut read: Vec<String> = Vec::new();
    for t in r.passages.iter().flat_map(|p| &p.themes) {
        if !read.contains(t) {
            read.push(t.clone());
        }
    }
    assert!(read.iter().any(|t| t == "credentialing"));
    assert_eq!(opened.report_theme_ids(r), read);
}

#[cfg(unix)]
#[test]
fn renaming_a_file_whose_name_is_not_utf8_makes_the_index_stale() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    let odd = corpus_dir.join(std::ffi::OsStr::from_bytes(b"x\xff.md"));
    std::fs::write(
        &odd,
        "+++\nid = \"odd\"\ntitle = \"Odd\"\nkind = \"document\"\n+++\nText one. <!-- #1 mergers -->\n",
    )
    .unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let index_dir = dir.path().join("index");
    open_in(&source, &index_dir);
    assert!(Index::recorded_corpus(&source, &in_folder(&index_dir)).is_some());
    // Same size, same modification time, another name.
    std::fs::rename(
        &odd,
        corpus_dir.join(std::ffi::OsStr::from_bytes(b"x\xfe.md")),
    )
    .unwrap();
    assert!(Index::recorded_corpus(&source, &in_folder(&index_dir)).is_none());
    let index = open_in(&source, &index_dir);
    let report = index.corpus().report("odd").unwrap();
    assert_eq!(report.passages.len(), 1);
}

#[test]
fn the_empty_query_counts_from_the_catalog_as_the_index_would() {
    let dir = tempfile::tempdir().unwrap();
    let (source, index_dir) = built(dir.path());
    let recorded = open_in(&source, &index_dir);
    assert!(!recorded.info().built);
    let counted =
        Index::in_memory(std::sync::Arc::new(Corpus::load(&source)), 1, &|_, _| {}).unwrap();
    let mut empty = SearchRequest::new("");
    empty.limit = 500;
    let a = recorded.search(&empty).unwrap();
    let b = counted.search(&empty).unwrap();
    assert_eq!(a.total, recorded.corpus().passage_count());
    assert_eq!(a.total, b.total);
    assert_eq!(a.facets, b.facets);
    assert_eq!(a.grid, b.grid);
    let ords =
        |r: &evidence::search::SearchResults| r.hits.iter().map(|h| h.ord).collect::<Vec<_>>();
    assert_eq!(ords(&a), ords(&b));
    assert!(a.grid.iter().flatten().any(|&n| n > 0));
}

#[test]
fn a_build_reports_progress_that_only_grows_and_ends_complete() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    // The last file in corpus order is not a report: it indexes nothing.
    std::fs::write(corpus_dir.join("zz-bad.md"), b"\xff\xfe").unwrap();
    let source = CorpusSource::folder(&corpus_dir).unwrap();
    let options = OpenOptions {
        dir: Some(dir.path().join("index")),
        ..OpenOptions::default()
    };
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |done: u64, total: u64| seen.lock().unwrap().push((done, total));
    assert!(
        Index::open_source(&source, &options, &progress)
            .unwrap()
            .info()
            .built
    );
    let seen = seen.into_inner().unwrap();
    let ratios: Vec<f64> = seen
        .iter()
        .map(|&(d, t)| d as f64 / t.max(1) as f64)
        .collect();
    assert!(ratios.len() > 2, "{seen:?}");
    assert!(ratios.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(ratios.last(), Some(&1.0), "{seen:?}");
}

/// Options that keep the index in `dir`.
fn in_folder(dir: &std::path::Path) -> OpenOptions {
    OpenOptions {
        dir: Some(dir.to_path_buf()),
        ..OpenOptions::default()
    }
}
