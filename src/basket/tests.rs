//! The basket's tests: adding, notes, order, merging with what another
//! process saved, and reading damaged files.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::corpus::{Block, ReportKind, ReportMeta};

fn passage(report: &str, n: usize, text: &str) -> Passage {
    Passage {
        id: format!("{report}/{n}"),
        report_id: report.to_string(),
        section: Some("Key messages".into()),
        text: text.to_string(),
        themes: vec!["mergers".into()],
        block: Block::Paragraph { depth: 0 },
        emphasis: Vec::new(),
        pages: None,
        line: 1,
        role: Default::default(),
        lead_in: None,
    }
}

fn report(id: &str, texts: &[&str]) -> Report {
    Report {
        meta: Box::new(ReportMeta {
            id: id.to_string(),
            title: format!("Report {id}"),
            short_title: id.to_string(),
            subtitle: None,
            et_al: false,
            genre: None,
            citekey: None,
            organisation: Some("Monitor".into()),
            authors: Vec::new(),
            published: Some("2014-09".into()),
            kind: ReportKind::Digest,
            tags: Vec::new(),
            source: Default::default(),
            retired_passages: Vec::new(),
            key_sections: Vec::new(),
            path: PathBuf::from(format!("{id}.md")),
            stamp: None,
        }),
        passages: texts
            .iter()
            .enumerate()
            .map(|(i, t)| passage(id, i + 1, t))
            .collect(),
    }
}

#[test]
fn saves_in_the_same_instant_take_turns_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    // Four instances, each opened once and adding its own excerpts one
    // save at a time, as four explorers would.
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut basket = Basket::new();
                for n in 1..=15 {
                    basket.add(excerpt(&format!("r{t}/{n}")), "");
                    basket.save(&path).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let loaded = Basket::load(&path).unwrap().basket;
    assert_eq!(loaded.excerpts.len(), 60);
}

fn excerpt(id: &str) -> Excerpt {
    let (r, n) = id.split_once('/').unwrap();
    let rep = report(r, &[]);
    Excerpt::new(&rep, &passage(r, n.parse().unwrap(), id), "2024-01-02")
}

fn ids(b: &Basket) -> Vec<&str> {
    b.excerpts.iter().map(|e| e.passage_id.as_str()).collect()
}

#[test]
fn toggle_adds_then_removes_and_remembers_queries() {
    let r = report("a", &["one", "two"]);
    let mut b = Basket::new();
    assert!(b.toggle(&r, &r.passages[0], " mergers ", None));
    assert!(b.toggle(&r, &r.passages[1], "mergers", None));
    assert!(b.contains("a/1") && b.contains("a/2"));
    assert_eq!(b.queries, vec!["mergers"]);
    let e = &b.excerpts[0];
    assert_eq!(e.text, "one");
    assert_eq!(e.citation(), r.cite(&r.passages[0]));
    assert_eq!(e.collected.len(), 10);
    assert!(!b.toggle(&r, &r.passages[0], "", None));
    assert_eq!(ids(&b), ["a/2"]);
    assert!(!b.add(excerpt("a/2"), ""));
}

#[test]
fn reorder_and_notes() {
    let mut b = Basket::new();
    for id in ["a/1", "a/2", "a/3"] {
        b.add(excerpt(id), "");
    }
    assert!(!b.move_up(0));
    assert!(!b.move_down(2));
    assert!(!b.move_down(7));
    assert!(b.move_up(2));
    assert_eq!(ids(&b), ["a/1", "a/3", "a/2"]);
    assert!(b.move_down(0));
    assert_eq!(ids(&b), ["a/3", "a/1", "a/2"]);
    assert!(b.set_note(1, "important"));
    assert!(!b.set_note(3, "x"));
    assert_eq!(b.excerpts[1].note, "important");
    assert_eq!(b.remove(0).map(|e| e.passage_id), Some("a/3".into()));
    assert!(b.remove(5).is_none());
    assert_eq!(ids(&b), ["a/1", "a/2"]);
}

#[test]
fn status_compares_with_the_corpus() {
    let r = report(
        "a",
        &["one", "two", "three", "the chains share one back office"],
    );
    let mut b = Basket::new();
    for p in &r.passages {
        b.toggle(&r, p, "", None);
    }
    let mut corpus = Corpus {
        origin: crate::corpus::Origin::Bundled,
        reports: vec![r],
        themes: Vec::new(),
        problems: Vec::new(),
        fingerprint: String::new(),
        retired: Vec::new(),
    };
    let mut edited = corpus.reports[0].passages.to_vec();
    edited[1].text = "two, edited".into();
    // Its id given to other words: the passage collected is gone.
    edited[3].text = "mentoring schemes for new chairs were piloted".into();
    edited.remove(2);
    corpus.reports[0].passages = edited.into();
    assert_eq!(
        b.status(&corpus, None),
        [
            ExcerptStatus::Same,
            ExcerptStatus::Changed,
            ExcerptStatus::Gone,
            ExcerptStatus::Gone
        ]
    );
    // The excerpt keeps the text as collected.
    assert_eq!(b.excerpts[1].text, "two");
}

fn corpus_of(reports: Vec<Report>) -> Corpus {
    Corpus {
        origin: crate::corpus::Origin::Bundled,
        reports,
        themes: Vec::new(),
        problems: Vec::new(),
        fingerprint: String::new(),
        retired: vec![crate::corpus::Retired {
            id: "a/9".into(),
            date: "2026-01-01".into(),
            now: "part of a/1".into(),
        }],
    }
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn add_ids_copies_passages_and_whole_reports_once_each() {
    let corpus = corpus_of(vec![report("a", &["one", "two"]), report("b", &["three"])]);
    let mut b = Basket::new();
    b.add(excerpt("b/1"), "buddying");
    b.set_note(0, "keep me");
    let from = CorpusRef::Bundled;
    let done = b
        .add_ids(
            &corpus,
            Some(&from),
            &strings(&["a/2", "b", "a", "a/2"]),
            "2025-03-04",
        )
        .unwrap();
    assert_eq!(done.added, ["a/2", "a/1"]);
    assert_eq!(done.already, ["b/1"]);
    assert_eq!(ids(&b), ["b/1", "a/2", "a/1"]);
    // The copy the explorer's Space makes, with the corpus it came from.
    let (r, p) = corpus.passage("a/2").unwrap();
    let mut expected = Excerpt::new(r, p, "2025-03-04");
    expected.corpus = Some(CorpusRef::Bundled);
    // Collected by id: from no search.
    expected.found_with = Some(String::new());
    assert_eq!(b.excerpts[1], expected);
    assert_eq!(b.excerpts[0].note, "keep me");
    assert_eq!(b.queries, ["buddying"]);
}

#[test]
fn add_ids_is_all_or_nothing() {
    let corpus = corpus_of(vec![report("a", &["one", "two"])]);
    let mut b = Basket::new();
    let err = b
        .add_ids(&corpus, None, &strings(&["a/1", "nope"]), "2025-03-04")
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnknownId { id, .. } if id == "nope"),
        "{err}"
    );
    let err = b
        .add_ids(&corpus, None, &strings(&["a/1", "a/9"]), "2025-03-04")
        .unwrap_err();
    assert!(
        matches!(&err, Error::Retired(s) if s.contains("`a/9` was retired") && s.contains("part of a/1")),
        "{err}"
    );
    assert!(b.is_empty());
}

#[test]
fn remove_ids_takes_out_passages_reports_and_gone_excerpts() {
    let corpus = corpus_of(vec![report("a", &["one", "two"]), report("b", &["three"])]);
    let mut b = Basket::new();
    for id in ["a/1", "b/1", "a/2", "gone/4"] {
        b.add(excerpt(id), "");
    }
    b.set_note(1, "a note");
    // An unknown id: nothing is taken out.
    let err = b
        .remove_ids(&corpus, &strings(&["a/1", "x/1"]))
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnknownId { id, .. } if id == "x/1"),
        "{err}"
    );
    assert_eq!(b.len(), 4);
    // A report id takes out each of its excerpts; a passage no longer in
    // the corpus is still taken out by its id.
    let done = b
        .remove_ids(&corpus, &strings(&["a", "gone/4", "a/1"]))
        .unwrap();
    let taken: Vec<_> = done.removed.iter().map(|e| e.passage_id.as_str()).collect();
    assert_eq!(taken, ["a/1", "a/2", "gone/4"]);
    assert!(done.absent.is_empty());
    assert_eq!(ids(&b), ["b/1"]);
    // Ids the corpus has, or retired, with nothing in the basket.
    let done = b
        .remove_ids(&corpus, &strings(&["a/1", "a", "a/9", "b/1"]))
        .unwrap();
    assert_eq!(done.absent, ["a/1", "a", "a/9"]);
    assert_eq!(done.removed[0].note, "a note");
    assert!(b.is_empty());
}

#[test]
fn clear_empties_the_basket_and_its_searches() {
    let mut b = Basket::new();
    b.add(excerpt("a/1"), "q");
    b.add(excerpt("a/2"), "");
    b.set_note(1, "n");
    assert_eq!(b.notes(), 1);
    assert_eq!(b.clear().len(), 2);
    assert!(b.is_empty() && b.queries.is_empty());
    assert_eq!(ExcerptStatus::Elsewhere.name(), "other-corpus");
}

#[test]
fn save_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/basket.json");
    assert!(Basket::load(&path).unwrap().basket.is_empty());
    let mut b = Basket::new();
    b.add(excerpt("a/1"), "q");
    b.set_note(0, "why it matters");
    assert_eq!(b.save(&path).unwrap(), Saved::default());
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"version\": 1"), "{text}");
    let loaded = Basket::load(&path).unwrap();
    assert!(loaded.set_aside.is_none());
    assert_eq!(loaded.basket.excerpts, b.excerpts);
    assert_eq!(loaded.basket.queries, ["q"]);
}

#[test]
fn unreadable_files_are_set_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    for (i, bad) in [
        "{\"version\": 1, \"excerpts\": [",
        "hand edited",
        "{\"version\": 99, \"excerpts\": []}",
        "",
    ]
    .iter()
    .enumerate()
    {
        fs::write(&path, bad).unwrap();
        let loaded = Basket::load(&path).unwrap();
        assert!(loaded.basket.is_empty());
        let aside = loaded.set_aside.expect("set aside");
        assert!(loaded.reason.is_some());
        assert!(!path.exists());
        assert_eq!(fs::read_to_string(&aside).unwrap(), *bad);
        assert!(
            aside
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("basket.json.unreadable-")
        );
        // Each one gets its own name, even within the same second.
        let count = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(count, i + 1);
    }
    // A file that went bad after loading is set aside when saving, too.
    let mut b = Basket::load(&path).unwrap().basket;
    b.add(excerpt("a/1"), "");
    fs::write(&path, "garbage").unwrap();
    let saved = b.save(&path).unwrap();
    let aside = saved.set_aside.expect("set aside on save");
    assert_eq!(fs::read_to_string(aside).unwrap(), "garbage");
    assert_eq!(ids(&Basket::load(&path).unwrap().basket), ["a/1"]);
}

#[test]
fn save_merges_with_another_instance() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut seed = Basket::new();
    for id in ["a/1", "a/2", "a/3"] {
        seed.add(excerpt(id), "");
    }
    seed.set_note(0, "base note");
    seed.save(&path).unwrap();

    let mut one = Basket::load(&path).unwrap().basket;
    let mut two = Basket::load(&path).unwrap().basket;

    // One removes a/2, adds b/1 and reorders; two removes a/3, adds c/1
    // and edits the note of a/1.
    one.remove(1);
    one.add(excerpt("b/1"), "one's search");
    one.move_up(2);
    two.remove(2);
    two.add(excerpt("c/1"), "two's search");
    two.set_note(0, "two's note");

    assert_eq!(two.save(&path).unwrap(), Saved::default());
    let saved = one.save(&path).unwrap();
    assert_eq!(saved.merged, 1);
    assert_eq!(saved.dropped, 1);
    assert_eq!(ids(&one), ["a/1", "b/1", "c/1"]);
    assert_eq!(one.excerpts[0].note, "two's note");
    assert_eq!(one.queries, ["one's search", "two's search"]);
    let on_disk = Basket::load(&path).unwrap().basket;
    assert_eq!(ids(&on_disk), ["a/1", "b/1", "c/1"]);

    // Two saves again: it learns of one's changes without undoing them.
    two.set_note(2, "note on c/1");
    let saved = two.save(&path).unwrap();
    assert_eq!((saved.merged, saved.dropped), (1, 1));
    assert_eq!(ids(&two), ["a/1", "c/1", "b/1"]);
    assert_eq!(two.excerpts[1].note, "note on c/1");

    // Both edit the same note: neither is lost; the saving instance's
    // comes first, and the save says so.
    two.set_note(0, "two's second note");
    two.save(&path).unwrap();
    one.set_note(0, "one's note");
    let saved = one.save(&path).unwrap();
    assert_eq!(
        one.excerpts[0].note,
        "one's note (also noted elsewhere: two's second note)"
    );
    assert_eq!(saved.joined, ["a/1"]);
    assert_eq!(ids(&one), ["a/1", "b/1", "c/1"]);
    assert_eq!(one.excerpts[2].note, "note on c/1");
    // Two learns of the joined note as of any other change.
    two.save(&path).unwrap();
    assert_eq!(two.excerpts[0].note, one.excerpts[0].note);

    // Window A writes a note, window D (which had not seen it) another:
    // D's save joins them. A, still showing its own, rewrites it: D's note
    // comes in once, without A's old note nested inside it.
    let mut a = Basket::load(&path).unwrap().basket;
    let mut d = Basket::load(&path).unwrap().basket;
    a.set_note(1, "A");
    a.save(&path).unwrap();
    d.set_note(1, "D");
    d.save(&path).unwrap();
    assert_eq!(d.excerpts[1].note, "D (also noted elsewhere: A)");
    a.set_note(1, "A v2");
    a.save(&path).unwrap();
    assert_eq!(a.excerpts[1].note, "A v2 (also noted elsewhere: D)");

    // Both add to the note they share: the other's addition comes in, not
    // the shared note again.
    let mut e = Basket::load(&path).unwrap().basket;
    let mut f = Basket::load(&path).unwrap().basket;
    let shared = e.excerpts[0].note.clone();
    assert!(!shared.is_empty());
    e.set_note(0, &format!("{shared} Check the date."));
    e.save(&path).unwrap();
    f.set_note(0, &format!("{shared} Quote in chapter 2."));
    let saved = f.save(&path).unwrap();
    assert_eq!(
        f.excerpts[0].note,
        format!("{shared} Quote in chapter 2. (also added elsewhere: Check the date.)")
    );
    assert_eq!(saved.joined, [f.excerpts[0].passage_id.clone()]);
    // E, which had not seen that, writes more: F's words come in, not E's
    // own again inside them.
    e.set_note(0, &format!("{shared} Check the date. Done."));
    e.save(&path).unwrap();
    assert_eq!(
        e.excerpts[0].note,
        format!(
            "{shared} Check the date. Done. (also noted elsewhere: {shared} Quote in chapter 2.)"
        )
    );
}

#[test]
fn a_note_s_addition_is_taken_whole_words_only() {
    assert_eq!(super::merge::added_to("cost rose", "cost"), Some("rose"));
    assert_eq!(super::merge::added_to("costs rose", "cost"), None);
    assert_eq!(super::merge::added_to("See: cost", "cost"), Some("See:"));
    assert_eq!(super::merge::added_to("recost", "cost"), None);
    assert_eq!(super::merge::added_to("cost", ""), None);
}

/// An excerpt taken out by another instance while a note was being written
/// on it here stays, with the note: the note is the user's own writing.
/// One taken out there with no new note here goes, as before.
#[test]
fn an_excerpt_taken_out_elsewhere_stays_for_a_note_written_here() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut seed = Basket::new();
    for id in ["a/1", "a/2"] {
        seed.add(excerpt(id), "");
    }
    seed.save(&path).unwrap();
    let mut here = Basket::load(&path).unwrap().basket;
    let mut there = Basket::load(&path).unwrap().basket;
    there.remove(1);
    there.remove(0);
    there.save(&path).unwrap();
    here.set_note(0, "my key note on this");
    let saved = here.save(&path).unwrap();
    assert_eq!(saved.kept, ["a/1"]);
    assert_eq!(saved.dropped, 1);
    assert_eq!(ids(&here), ["a/1"]);
    assert_eq!(here.excerpts[0].note, "my key note on this");
    let on_disk = Basket::load(&path).unwrap().basket;
    assert_eq!(ids(&on_disk), ["a/1"]);
    assert_eq!(on_disk.excerpts[0].note, "my key note on this");
}

#[test]
fn a_fresh_basket_never_loses_what_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut first = Basket::new();
    first.add(excerpt("a/1"), "");
    first.save(&path).unwrap();
    let mut fresh = Basket::new();
    fresh.add(excerpt("b/1"), "");
    fresh.save(&path).unwrap();
    assert_eq!(ids(&Basket::load(&path).unwrap().basket), ["b/1", "a/1"]);
}

/// The reverse order: a note written elsewhere, then this instance takes
/// the excerpt out from what it read before. The note brings it back.
#[test]
fn an_excerpt_taken_out_here_stays_for_a_note_written_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut seed = Basket::new();
    seed.add(excerpt("a/1"), "");
    seed.save(&path).unwrap();
    let mut here = Basket::load(&path).unwrap().basket;
    let mut there = Basket::load(&path).unwrap().basket;
    there.set_note(0, "key finding from there");
    there.save(&path).unwrap();
    here.remove(0);
    let saved = here.save(&path).unwrap();
    assert_eq!(saved.restored, ["a/1"]);
    assert_eq!(ids(&here), ["a/1"]);
    assert_eq!(here.excerpts[0].note, "key finding from there");
    // And there keeps it on its next save.
    there.save(&path).unwrap();
    assert_eq!(there.excerpts[0].note, "key finding from there");
}

/// Both add the same passage since the base, one with a note: the note
/// stays on both sides (both with notes: both kept).
#[test]
fn a_passage_both_added_keeps_the_note_either_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    Basket::new().save(&path).unwrap();
    let mut one = Basket::load(&path).unwrap().basket;
    let mut two = Basket::load(&path).unwrap().basket;
    one.add(excerpt("b/2"), "");
    one.set_note(0, "one's careful note");
    one.save(&path).unwrap();
    two.add(excerpt("b/2"), "");
    let saved = two.save(&path).unwrap();
    assert_eq!(saved.added_there_too, ["b/2"]);
    assert_eq!(two.excerpts[0].note, "one's careful note");
    one.save(&path).unwrap();
    assert_eq!(one.excerpts[0].note, "one's careful note");

    let mut three = Basket::load(&path).unwrap().basket;
    let mut four = Basket::load(&path).unwrap().basket;
    three.add(excerpt("c/3"), "");
    three.set_note(1, "three's");
    three.save(&path).unwrap();
    four.add(excerpt("c/3"), "");
    four.set_note(1, "four's");
    let saved = four.save(&path).unwrap();
    assert_eq!(saved.joined, ["c/3"]);
    assert_eq!(
        four.excerpts[1].note,
        "four's (also noted elsewhere: three's)"
    );
}

/// An excerpt given the corpus's text now by one instance (`basket update`)
/// keeps it when another instance, which has the old text, saves a note on
/// it: the later copy's text, and the note, are kept.
#[test]
fn an_update_elsewhere_is_not_undone_by_a_save_here() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut seed = Basket::new();
    seed.add(excerpt("a/1"), "");
    seed.save(&path).unwrap();
    let mut explorer = Basket::load(&path).unwrap().basket;
    let mut command = Basket::load(&path).unwrap().basket;
    let r = report("a", &["the figure is 0.6 now"]);
    let mut now = Excerpt::new(&r, &r.passages[0], "2024-02-01");
    now.note = command.excerpts[0].note.clone();
    command.excerpts[0] = now;
    command.save(&path).unwrap();
    explorer.set_note(0, "written meanwhile");
    explorer.save(&path).unwrap();
    let on_disk = Basket::load(&path).unwrap().basket;
    assert_eq!(on_disk.excerpts[0].text, "the figure is 0.6 now");
    assert_eq!(on_disk.excerpts[0].note, "written meanwhile");
}

/// `basket update` takes the text now, then another instance that still
/// has the old text (collected the same day) saves first: the update's
/// save keeps the new text, which replaced the other's.
#[test]
fn an_update_here_is_not_undone_by_an_older_copy_saved_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("basket.json");
    let mut seed = Basket::new();
    seed.add(excerpt("a/1"), "");
    seed.save(&path).unwrap();
    let mut other = Basket::load(&path).unwrap().basket;
    let mut command = Basket::load(&path).unwrap().basket;
    let old = command.excerpts[0].clone();
    let r = report("a", &["the figure is 0.6 now"]);
    let mut now = Excerpt::new(&r, &r.passages[0], &old.collected);
    now.earlier.push(old.text.clone());
    command.excerpts[0] = now;
    other.set_note(0, "a note");
    other.save(&path).unwrap();
    command.save(&path).unwrap();
    let on_disk = Basket::load(&path).unwrap().basket;
    assert_eq!(on_disk.excerpts[0].text, "the figure is 0.6 now");
    assert_eq!(on_disk.excerpts[0].note, "a note");
}
