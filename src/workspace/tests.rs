//! Workspaces on disk: names, the bundled corpus's, a folder's followed
//! when moved, a copy's own, named ones, listing, attaching, and the old
//! basket shared out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::basket::Excerpt;

/// A data folder and a place for corpus folders, both temporary.
struct World {
    tmp: tempfile::TempDir,
    store: Store,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path().join("data"));
        World { tmp, store }
    }

    /// A corpus folder (empty: a folder is all a workspace needs).
    fn folder(&self, name: &str) -> CorpusSource {
        let dir = self.tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        CorpusSource::folder(&dir).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn open(&self, source: &CorpusSource) -> Opened {
        self.store.open(source, None).unwrap()
    }
}

fn excerpt(id: &str, corpus: Option<CorpusRef>) -> Excerpt {
    Excerpt {
        passage_id: id.to_string(),
        report_id: id.split('/').next().unwrap().to_string(),
        report_title: "A report".to_string(),
        text: format!("text of {id}"),
        earlier: Vec::new(),
        note: String::new(),
        section: None,
        lead_in: None,
        collected: "2026-01-02".to_string(),
        organisation: None,
        authors: Vec::new(),
        et_al: false,
        subtitle: None,
        published: None,
        themes: Vec::new(),
        corpus,
        pages: None,
        source_url: None,
        accessed: None,
        genre: None,
        citekey: None,
        found_with: None,
    }
}

fn ids(path: &Path) -> Vec<String> {
    Basket::load(path)
        .unwrap()
        .basket
        .excerpts
        .iter()
        .map(|e| e.passage_id.clone())
        .collect()
}

#[test]
fn names_are_plain_folder_names() {
    for good in ["thesis", "nhs-2025", "Thèse_2", "a.b", &"x".repeat(64)] {
        assert!(check_name(good).is_ok(), "{good}");
    }
    assert!(
        check_name("")
            .unwrap_err()
            .to_string()
            .contains("a workspace name cannot be empty")
    );
    for (bad, why) in [
        ("../x", "a name is not a path"),
        ("..", "starts with"),
        ("a/b", "a name is not a path"),
        (".hidden", "starts with"),
        ("-x", "starts with"),
        ("my thesis", "a space"),
        ("bell\u{7}", "control character"),
        (&"x".repeat(65), "longer than 64"),
    ] {
        let e = check_name(bad).unwrap_err().to_string();
        assert!(
            e.contains(why) && e.contains("is not a workspace name"),
            "{bad:?}: {e}"
        );
    }
}

#[test]
fn the_data_folder_follows_the_environment_override() {
    assert_eq!(
        data_dir_in(Some("/tmp/evidence-data".into())),
        Some(PathBuf::from("/tmp/evidence-data"))
    );
    if let Some(p) = data_dir_in(Some("".into())) {
        assert!(p.is_absolute(), "{}", p.display());
    }
}

#[test]
fn the_bundled_corpus_has_its_own_workspace() {
    let w = World::new();
    let opened = w.open(&CorpusSource::Bundled);
    assert_eq!(opened.workspace.name, BUNDLED);
    assert_eq!(opened.corpus, CorpusRef::Bundled);
    assert_eq!(
        opened.workspace.basket_path(),
        w.store.root().join("workspaces/bundled/basket.json")
    );
    let record = read_record(&opened.workspace.dir).unwrap().unwrap();
    assert_eq!(record.kind, Kind::Corpus);
    assert_eq!(record.corpus, Some(CorpusRef::Bundled));
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
}

#[test]
fn a_folder_s_workspace_follows_it_when_moved_and_a_copy_gets_its_own() {
    let w = World::new();
    let source = w.folder("my corpus");
    let first = w.open(&source);
    assert_eq!(first.workspace.name, "my-corpus", "named after the folder");
    let id = match folder::read_id(&w.path("my corpus")) {
        folder::IdFile::Id(id) => id,
        other => panic!("no id file: {other:?}"),
    };
    assert!(matches!(&first.corpus, CorpusRef::Folder { id: Some(x), .. } if *x == id));
    // Again: the same workspace, nothing said.
    let again = w.open(&source);
    assert_eq!(again.workspace, first.workspace);
    assert!(again.notes.is_empty(), "{:?}", again.notes);

    // Renamed: the same workspace, now recording the new place.
    fs::rename(w.path("my corpus"), w.path("renamed")).unwrap();
    let moved = w.open(&CorpusSource::folder(&w.path("renamed")).unwrap());
    assert_eq!(moved.workspace.name, "my-corpus");
    assert!(
        moved.notes[0].contains("follows its corpus folder"),
        "{:?}",
        moved.notes
    );
    let root = fs::canonicalize(w.path("renamed")).unwrap();
    assert!(
        matches!(&moved.workspace.corpus, Some(CorpusRef::Folder { path, .. }) if *path == root)
    );

    // Copied, the original still there: the copy has a workspace of its own.
    fs::create_dir(w.path("copy")).unwrap();
    fs::copy(
        w.path("renamed").join(ID_FILE),
        w.path("copy").join(ID_FILE),
    )
    .unwrap();
    let copy = w.open(&CorpusSource::folder(&w.path("copy")).unwrap());
    assert_eq!(copy.workspace.name, "copy");
    assert!(copy.notes[0].contains("is a copy of"), "{:?}", copy.notes);
    assert_ne!(
        folder::read_id(&w.path("copy")),
        folder::IdFile::Id(id.clone())
    );
    let original = w.open(&CorpusSource::folder(&w.path("renamed")).unwrap());
    assert_eq!(original.workspace.name, "my-corpus");
    assert!(original.notes.is_empty(), "{:?}", original.notes);
}

#[test]
fn a_folder_without_its_id_file_is_known_by_its_path() {
    let w = World::new();
    let source = w.folder("c");
    let first = w.open(&source);
    let id_file = w.path("c").join(ID_FILE);
    let written = fs::read_to_string(&id_file).unwrap();
    fs::remove_file(&id_file).unwrap();
    let again = w.open(&source);
    assert_eq!(again.workspace.name, first.workspace.name);
    assert_eq!(
        fs::read_to_string(&id_file).unwrap(),
        written,
        "the same id again"
    );

    // An id file that is not one is set aside, never deleted.
    fs::write(&id_file, "hand edited").unwrap();
    let again = w.open(&source);
    assert_eq!(again.workspace.name, first.workspace.name);
    assert!(
        again.notes[0].contains("could not be read"),
        "{:?}",
        again.notes
    );
    let kept: Vec<_> = fs::read_dir(w.path("c"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read_to_string(kept[0].path()).unwrap(), "hand edited");
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_has_a_workspace_all_the_same() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::new();
    let source = w.folder("ro");
    fs::set_permissions(w.path("ro"), fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(w.path("ro").join("probe"), "x").is_ok() {
        // Running as a user whom permissions do not stop (root).
        return;
    }
    let first = w.open(&source);
    assert!(
        first.notes[0].contains("cannot be written"),
        "{:?}",
        first.notes
    );
    assert!(matches!(first.corpus, CorpusRef::Folder { id: None, .. }));
    let again = w.open(&source);
    assert_eq!(again.workspace.name, first.workspace.name);
    fs::set_permissions(w.path("ro"), fs::Permissions::from_mode(0o755)).unwrap();
}

/// `bundeld` for `bundled` (the name the explorer's status line shows)
/// is a slip: the explorer's new workspace says which was likely meant,
/// and the command line, which makes none, says so in its refusal.
#[test]
fn a_name_one_slip_from_a_corpus_s_own_workspace_says_so() {
    let w = World::new();
    w.store.open(&CorpusSource::Bundled, None).unwrap();
    let e = w
        .store
        .open_existing(&CorpusSource::Bundled, Some("bundeld"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("did you mean `bundled`, the workspace of the bundled corpus?"),
        "{e}"
    );
    let opened = w
        .store
        .open(&CorpusSource::Bundled, Some("bundeld"))
        .unwrap();
    assert_eq!(opened.notes.len(), 1, "{:?}", opened.notes);
    assert!(
        opened.notes[0].starts_with("bundeld is a new workspace (did you mean `bundled`"),
        "{:?}",
        opened.notes
    );
}

#[test]
fn named_workspaces_go_with_any_corpus() {
    let w = World::new();
    let opened = w
        .store
        .open(&CorpusSource::Bundled, Some("thesis"))
        .unwrap();
    assert_eq!(opened.workspace.kind, Kind::Named);
    assert_eq!(opened.notes, ["thesis is a new workspace"]);
    let source = w.folder("c");
    let again = w.store.open(&source, Some("thesis")).unwrap();
    assert_eq!(again.workspace.dir, opened.workspace.dir);
    assert!(again.notes.is_empty());
    // It remembers the corpus it was last opened with.
    assert!(matches!(
        again.workspace.corpus,
        Some(CorpusRef::Folder { .. })
    ));
    // The folder gets its id file, so that what the named workspace
    // collects from it follows the folder when it is moved.
    assert!(w.path("c").join(ID_FILE).exists());
    assert!(matches!(
        &again.corpus,
        CorpusRef::Folder { id: Some(_), .. }
    ));
    // Back on the bundled corpus without `--corpus`: said on every such
    // run, and the workspace stays with its folder.
    for _ in 0..2 {
        let back = w
            .store
            .open(&CorpusSource::Bundled, Some("thesis"))
            .unwrap();
        assert_eq!(back.notes.len(), 1, "{:?}", back.notes);
        assert!(
            back.notes[0].contains("was last used with the corpus in")
                && back.notes[0].contains("this run is on the bundled corpus (add --corpus "),
            "{:?}",
            back.notes
        );
        assert!(matches!(
            back.workspace.corpus,
            Some(CorpusRef::Folder { .. })
        ));
    }
    // Not for a folder that is gone.
    w.store.open(&source, Some("thesis")).unwrap();
    fs::remove_dir_all(w.path("c")).unwrap();
    let gone = w
        .store
        .open(&CorpusSource::Bundled, Some("thesis"))
        .unwrap();
    assert!(gone.notes.is_empty(), "{:?}", gone.notes);
    assert!(
        w.store
            .open(&CorpusSource::Bundled, Some("../escape"))
            .is_err()
    );
    assert!(!w.store.root().join("escape").exists());
}

#[test]
fn an_unreadable_workspace_file_is_set_aside_and_made_again() {
    let w = World::new();
    let opened = w.open(&CorpusSource::Bundled);
    let record = opened.workspace.dir.join(RECORD_FILE);
    fs::write(&record, "{ not json").unwrap();
    let (listed, _) = w.store.list().unwrap();
    assert!(
        listed[0]
            .problem
            .as_deref()
            .unwrap()
            .contains("workspace.json cannot be read")
    );
    assert_eq!(
        fs::read_to_string(&record).unwrap(),
        "{ not json",
        "listing changes nothing"
    );
    let again = w.open(&CorpusSource::Bundled);
    assert!(
        again.notes[0].contains("could not be read"),
        "{:?}",
        again.notes
    );
    assert!(read_record(&again.workspace.dir).unwrap().is_some());
    let kept = fs::read_dir(&again.workspace.dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("workspace.json.unreadable-")
        })
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn the_list_says_which_corpus_can_no_longer_be_found() {
    let w = World::new();
    assert!(
        w.store.list().unwrap().0.is_empty(),
        "a new data folder has none"
    );
    let bundled = w.open(&CorpusSource::Bundled);
    let mut basket = Basket::new();
    basket.add(excerpt("a/1", None), "");
    basket.add(excerpt("a/2", None), "");
    basket.save(&bundled.workspace.basket_path()).unwrap();
    w.open(&w.folder("gone"));
    w.store
        .open(&CorpusSource::Bundled, Some("thesis"))
        .unwrap();
    fs::remove_dir_all(w.path("gone")).unwrap();
    let (listed, migration) = w.store.list().unwrap();
    assert!(migration.is_none());
    let by = |name: &str| listed.iter().find(|l| l.name == name).unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(by("bundled").excerpts, Some(2));
    assert_eq!(by("bundled").corpus_found, Some(true));
    assert_eq!(by("gone").corpus_found, Some(false));
    assert_eq!(by("gone").excerpts, Some(0));
    assert_eq!(by("thesis").kind, Some(Kind::Named));
    // A basket that cannot be read is said so, and left where it is.
    fs::write(bundled.workspace.basket_path(), "garbage").unwrap();
    let (listed, _) = w.store.list().unwrap();
    let b = listed.iter().find(|l| l.name == "bundled").unwrap();
    assert_eq!(b.excerpts, None);
    assert!(
        b.problem
            .as_deref()
            .unwrap()
            .contains("basket.json cannot be read")
    );
    assert_eq!(
        fs::read_to_string(bundled.workspace.basket_path()).unwrap(),
        "garbage"
    );
}

#[test]
fn attach_gives_a_folder_a_workspace_that_lost_its_own() {
    let w = World::new();
    let a = w.folder("a");
    let first = w.open(&a);
    let mut basket = Basket::new();
    basket.add(excerpt("r/1", Some(first.corpus.clone())), "");
    basket.save(&first.workspace.basket_path()).unwrap();
    // The reports copied elsewhere without the id file; the old folder gone.
    fs::remove_dir_all(w.path("a")).unwrap();
    let b = w.folder("b");
    let fresh = w.open(&b);
    assert_ne!(fresh.workspace.name, first.workspace.name);
    let attached = w.store.attach(&first.workspace.name, &b).unwrap();
    assert_eq!(
        attached.previous.as_deref(),
        Some(fresh.workspace.name.as_str())
    );
    let now = w.open(&b);
    assert_eq!(now.workspace.name, first.workspace.name);
    assert_eq!(ids(&now.workspace.basket_path()), ["r/1"]);
    // Its excerpts count as this corpus's: the same id.
    assert!(now.corpus.same(&first.corpus));
    let (listed, _) = w.store.list().unwrap();
    let found = |name: &str| listed.iter().find(|l| l.name == name).unwrap().corpus_found;
    assert_eq!(found(&first.workspace.name), Some(true));
    assert_eq!(
        found(&fresh.workspace.name),
        Some(false),
        "the folder is another's now"
    );
    // What cannot be attached.
    for (name, source, says) in [
        ("nothing-here", &b, "there is no workspace"),
        (BUNDLED, &b, "stays with it"),
        (
            first.workspace.name.as_str(),
            &CorpusSource::Bundled,
            "--corpus DIR",
        ),
        ("a b", &b, "not a workspace name"),
    ] {
        let e = w.store.attach(name, source).unwrap_err().to_string();
        assert!(e.contains(says), "{name}: {e}");
    }
}

#[test]
fn the_old_basket_is_shared_out_by_corpus_and_kept() {
    let w = World::new();
    let folder = w.folder("mine");
    let mine = CorpusRef::Folder {
        id: Some("0123456789abcdef0123456789abcdef".to_string()),
        path: fs::canonicalize(w.path("mine")).unwrap(),
    };
    // A basket of an earlier version: two excerpts that do not say their
    // corpus, one that does; a note and the searches.
    let mut old = Basket::new();
    old.add(excerpt("a/1", None), "buddying");
    old.add(excerpt("m/1", Some(mine.clone())), "mergers");
    old.add(excerpt("a/2", Some(CorpusRef::Bundled)), "");
    old.set_note(0, "why it matters");
    let old_path = w.store.root().join(basket::FILE_NAME);
    old.save(&old_path).unwrap();
    // The bundled workspace already has an excerpt: it is kept.
    let bundled_basket = w.store.dir_of(BUNDLED).join(basket::FILE_NAME);
    let mut had = Basket::new();
    had.add(excerpt("z/9", None), "");
    had.save(&bundled_basket).unwrap();

    let (_, migration) = w.store.list().unwrap();
    let migration = migration.unwrap();
    assert_eq!(
        migration.shared,
        [("bundled".to_string(), 2), ("mine".to_string(), 1)]
    );
    let sentence = migration.sentence();
    assert!(
        sentence.contains("2 excerpts to bundled, 1 excerpt to mine"),
        "{sentence}"
    );
    assert!(!old_path.exists());
    let kept = migration.kept_as.unwrap();
    assert!(kept.to_string_lossy().contains("basket.json.migrated-"));
    assert_eq!(Basket::count(&kept), Ok(3), "the old file is kept whole");

    assert_eq!(ids(&bundled_basket), ["z/9", "a/1", "a/2"]);
    let b = Basket::load(&bundled_basket).unwrap().basket;
    assert_eq!(b.excerpts[1].note, "why it matters");
    assert_eq!(b.queries, ["buddying", "mergers"]);
    // The folder's workspace was made for the id the excerpt remembers, and
    // opening the folder with that id finds it.
    folder::write_id(&w.path("mine"), "0123456789abcdef0123456789abcdef").unwrap();
    let opened = w.open(&folder);
    assert_eq!(opened.workspace.name, "mine");
    assert_eq!(ids(&opened.workspace.basket_path()), ["m/1"]);
    assert!(opened.notes.is_empty(), "done once: {:?}", opened.notes);
}

#[test]
fn an_old_basket_that_cannot_be_read_is_set_aside() {
    let w = World::new();
    fs::create_dir_all(w.store.root()).unwrap();
    let old_path = w.store.root().join(basket::FILE_NAME);
    fs::write(&old_path, "{\"version\": 1, \"excerpts\": [").unwrap();
    let opened = w.open(&CorpusSource::Bundled);
    assert!(
        opened.notes[0].contains("could not be read"),
        "{:?}",
        opened.notes
    );
    assert!(!old_path.exists());
    let aside: Vec<_> = fs::read_dir(w.store.root())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("basket.json.unreadable-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read_to_string(aside[0].path()).unwrap(),
        "{\"version\": 1, \"excerpts\": ["
    );
    assert_eq!(Basket::count(&opened.workspace.basket_path()), Ok(0));
}
