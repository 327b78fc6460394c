//! The index on disk over its life, with a small corpus folder and an index
//! folder in temporary directories: the first open builds and the next reuses;
//! editing, adding or removing a corpus file rebuilds and searches see the
//! change; a truncated index file, a `CURRENT` naming a missing generation and
//! an index written by another version are rebuilt, and same-size damage is
//! caught by `verify`; a half-built generation left by a killed build neither
//! stops the previous index being used nor survives the next build; an index
//! folder that cannot be written falls back to the cache folder (or memory)
//! with a note; two builds at once, in threads or processes, both succeed and
//! leave one usable index; and `evidence index` says what it did and where.
//! Runs of the binary get a temporary HOME and XDG_CACHE_HOME, so no test
//! touches the real cache folder or `./index/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::corpus::Corpus;
use evidence::search::store::Placement;
use evidence::search::{Index, OpenOptions, SearchRequest};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};
use util::Dir;

const THEMES: &str = "[[theme]]\nid = \"fruit\"\nlabel = \"Fruit\"\n\n\
                      [[theme]]\nid = \"trees\"\nlabel = \"Trees\"\n";

fn report(id: &str, title: &str, body: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"{title}\"\nkind = \"document\"\nthemes = [\"fruit\"]\n+++\n{body}\n"
    )
}

/// A corpus folder (`corpus/`) and an index folder (`index/`, not yet made).
struct Fixture {
    dir: Dir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = Dir::new();
        dir.create("corpus/themes.toml", THEMES);
        dir.create(
            "corpus/apples.md",
            report(
                "apples",
                "Apples",
                "Apples grow in orchards across Kent.\n\nCider is pressed from apples in autumn. <!-- #2 fruit trees -->",
            ),
        );
        dir.create(
            "corpus/pears.md",
            report("pears", "Pears", "Pears ripen slowly in the larder."),
        );
        Fixture { dir }
    }

    fn corpus_dir(&self) -> PathBuf {
        self.dir.join("corpus")
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.join("index")
    }

    fn corpus(&self) -> Corpus {
        let corpus = Corpus::from_folder(&self.corpus_dir()).unwrap();
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        corpus
    }

    fn options(&self) -> OpenOptions {
        OpenOptions {
            dir: Some(self.index_dir()),
            threads: Some(1),
            ..OpenOptions::default()
        }
    }

    fn open_with(&self, options: &OpenOptions) -> Index {
        let index = Index::open(self.corpus(), options, &|_, _| {}).unwrap();
        let info = index.info();
        // Never anywhere but where asked (a fallback would use the user's cache).
        assert_eq!(info.placement, Placement::Explicit, "{info:?}");
        assert!(info.notes.is_empty(), "{info:?}");
        assert!(
            info.path.as_ref().unwrap().starts_with(self.index_dir()),
            "{info:?}"
        );
        index
    }

    fn open(&self) -> Index {
        self.open_with(&self.options())
    }

    /// Writes a corpus file and gives it a modification time `secs` from now.
    fn write(&self, name: &str, contents: &str, secs: u64) {
        let path = self.dir.create(format!("corpus/{name}"), contents);
        set_mtime(&path, secs);
    }

    /// `evidence --corpus <corpus> --index-dir <index> ARGS` with a private cache.
    fn command(&self, args: &[&str]) -> std::process::Command {
        let corpus = self.corpus_dir();
        let index = self.index_dir();
        let mut all = vec![
            "--corpus",
            corpus.to_str().unwrap(),
            "--index-dir",
            index.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        let mut cmd = self.dir.command(&all);
        cmd.env("HOME", self.dir.join("home"))
            .env("XDG_CACHE_HOME", self.dir.join("cache"))
            .env_remove("EVIDENCE_INDEX_DIR");
        cmd
    }

    fn run(&self, args: &[&str]) -> util::Output {
        util::run(&mut self.command(args))
    }
}

fn set_mtime(path: &Path, secs_from_now: u64) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(secs_from_now))
        .unwrap();
}

/// Passage ids of every hit for a query.
fn ids(index: &Index, query: &str) -> Vec<String> {
    let results = index
        .search(&SearchRequest {
            limit: 1000,
            ..SearchRequest::new(query)
        })
        .unwrap();
    assert_eq!(results.total, results.hits.len());
    results
        .hits
        .iter()
        .map(|h| index.passage(h.ord).unwrap().1.id.clone())
        .collect()
}

fn current_generation(dir: &Path) -> PathBuf {
    let name = fs::read_to_string(dir.join("CURRENT")).unwrap();
    dir.join(name.trim())
}

fn generations(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    names.sort();
    names
}

/// The index files of a generation (what the manifest lists), largest first.
fn index_files(gen_dir: &Path) -> Vec<PathBuf> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(gen_dir.join("manifest.json")).unwrap()).unwrap();
    let mut files: Vec<PathBuf> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| gen_dir.join(f["name"].as_str().unwrap()))
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).unwrap().len()));
    files
}

/// What the fixture's corpus answers, for checking a rebuilt index.
fn check_answers(index: &Index) {
    assert_eq!(ids(index, "orchards"), ["apples/1"]);
    assert_eq!(ids(index, "cider"), ["apples/2"]);
    assert_eq!(ids(index, "\"ripen slowly\""), ["pears/1"]);
    assert_eq!(ids(index, "theme:trees"), ["apples/2"]);
    assert_eq!(ids(index, "").len(), 3);
}

#[test]
fn the_first_open_builds_and_the_next_reuses() {
    let f = Fixture::new();
    let first = f.open();
    let info = first.info().clone();
    assert!(info.built);
    assert!(info.build_time.is_some());
    assert_eq!(info.passages, 3);
    assert!(info.size_bytes > 0);
    let gen_dir = info.path.clone().unwrap();
    assert_eq!(gen_dir, current_generation(&f.index_dir()));
    assert!(gen_dir.join("manifest.json").is_file());
    check_answers(&first);
    drop(first);

    let second = f.open();
    assert!(!second.info().built);
    assert_eq!(second.info().path.as_ref(), Some(&gen_dir));
    assert_eq!(second.info().passages, 3);
    check_answers(&second);
    assert_eq!(generations(&f.index_dir()), ["gen-1"]);

    // Asking for a rebuild builds a new generation and drops the old one.
    let rebuilt = f.open_with(&OpenOptions {
        rebuild: true,
        ..f.options()
    });
    assert!(rebuilt.info().built);
    assert_ne!(rebuilt.info().path.as_ref(), Some(&gen_dir));
    assert_eq!(generations(&f.index_dir()), ["gen-2"]);
    check_answers(&rebuilt);
}

#[test]
fn editing_a_corpus_file_rebuilds() {
    let f = Fixture::new();
    assert!(f.open().info().built);
    // New content, a different size, a later modification time.
    f.write(
        "pears.md",
        &report(
            "pears",
            "Pears",
            "Quinces are not pears, whatever the larder says.",
        ),
        10,
    );
    let index = f.open();
    assert!(index.info().built, "an edited file must rebuild the index");
    assert_eq!(ids(&index, "quinces"), ["pears/1"]);
    assert!(ids(&index, "\"ripen slowly\"").is_empty());
    assert!(!f.open().info().built);

    // Same size, different words: the modification time shows it.
    let old = report(
        "pears",
        "Pears",
        "Quinces are not pears, whatever the larder says.",
    );
    let new = report(
        "pears",
        "Pears",
        "Medlars are not pears, whatever the larder says.",
    );
    assert_eq!(old.len(), new.len());
    f.write("pears.md", &new, 20);
    let index = f.open();
    assert!(index.info().built);
    assert_eq!(ids(&index, "medlars"), ["pears/1"]);
    assert!(ids(&index, "quinces").is_empty());
}

#[test]
fn adding_or_removing_a_file_rebuilds() {
    let f = Fixture::new();
    assert!(f.open().info().built);
    f.write(
        "plums.md",
        &report("plums", "Plums", "Damsons are small plums."),
        0,
    );
    let index = f.open();
    assert!(index.info().built, "an added file must rebuild the index");
    assert_eq!(index.info().passages, 4);
    assert_eq!(ids(&index, "damsons"), ["plums/1"]);
    drop(index);

    fs::remove_file(f.corpus_dir().join("apples.md")).unwrap();
    let index = f.open();
    assert!(index.info().built, "a removed file must rebuild the index");
    assert_eq!(index.info().passages, 2);
    assert!(ids(&index, "orchards").is_empty());
    assert!(ids(&index, "cider").is_empty());
    assert_eq!(ids(&index, ""), ["pears/1", "plums/1"]);

    // The themes file counts too.
    f.write(
        "themes.toml",
        &format!("{THEMES}\n[[theme]]\nid = \"stone-fruit\"\nlabel = \"Stone fruit\"\n"),
        30,
    );
    let index = f.open();
    assert!(
        index.info().built,
        "an edited themes.toml must rebuild the index"
    );
    assert_eq!(
        index
            .search(&SearchRequest::new(""))
            .unwrap()
            .facets
            .themes
            .len(),
        3
    );
}

#[test]
fn a_truncated_index_file_is_rebuilt() {
    let f = Fixture::new();
    drop(f.open());
    let gen_dir = current_generation(&f.index_dir());
    let victim = index_files(&gen_dir).remove(0);
    let len = fs::metadata(&victim).unwrap().len();
    assert!(len > 1);
    fs::File::options()
        .write(true)
        .open(&victim)
        .unwrap()
        .set_len(len / 2)
        .unwrap();

    let index = f.open();
    assert!(index.info().built, "{} was truncated", victim.display());
    assert_ne!(index.info().path.as_ref(), Some(&gen_dir));
    check_answers(&index);
    assert!(!gen_dir.exists(), "the damaged generation is removed");
    assert!(!f.open().info().built);
}

#[test]
fn same_size_damage_is_caught_by_verify() {
    let f = Fixture::new();
    drop(f.open());
    let gen_dir = current_generation(&f.index_dir());
    let victim = index_files(&gen_dir).remove(0);
    let mut bytes = fs::read(&victim).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0xff;
    fs::write(&victim, &bytes).unwrap();

    let verified = f.open_with(&OpenOptions {
        verify: true,
        ..f.options()
    });
    assert!(
        verified.info().built,
        "verify must notice {} changed",
        victim.display()
    );
    check_answers(&verified);
    // The new generation verifies clean.
    let again = f.open_with(&OpenOptions {
        verify: true,
        ..f.options()
    });
    assert!(!again.info().built);
}

#[test]
fn a_current_pointing_at_a_missing_generation_rebuilds() {
    let f = Fixture::new();
    drop(f.open());
    fs::write(f.index_dir().join("CURRENT"), "gen-99\n").unwrap();
    let index = f.open();
    assert!(index.info().built);
    check_answers(&index);
    let current = current_generation(&f.index_dir());
    assert!(current.join("manifest.json").is_file());
    assert_eq!(index.info().path.as_ref(), Some(&current));

    // A CURRENT that is not a generation name at all, or is empty.
    for junk in ["../elsewhere\n", "", "gen-\n"] {
        fs::write(f.index_dir().join("CURRENT"), junk).unwrap();
        let index = f.open();
        assert!(index.info().built, "CURRENT {junk:?}");
        check_answers(&index);
    }
}

#[test]
fn an_index_written_by_another_version_is_rebuilt() {
    let f = Fixture::new();
    drop(f.open());
    let manifest_path = current_generation(&f.index_dir()).join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["schema_version"] = serde_json::json!(0);
    fs::write(&manifest_path, manifest.to_string()).unwrap();
    let index = f.open();
    assert!(index.info().built);
    check_answers(&index);

    // A manifest that does not parse.
    let manifest_path = current_generation(&f.index_dir()).join("manifest.json");
    fs::write(&manifest_path, "{ not json").unwrap();
    let index = f.open();
    assert!(index.info().built);
    check_answers(&index);
}

#[test]
fn a_half_built_generation_is_ignored_then_cleaned_up() {
    let f = Fixture::new();
    drop(f.open());
    let good = current_generation(&f.index_dir());
    // A build killed part-way: a newer generation with files but no manifest.
    let half = f.index_dir().join("gen-7");
    fs::create_dir(&half).unwrap();
    fs::write(half.join("meta.json"), "{\"segments\": [").unwrap();
    fs::write(half.join("0123.idx"), [0u8; 100]).unwrap();

    let index = f.open();
    assert!(!index.info().built, "the previous index is still whole");
    assert_eq!(index.info().path.as_ref(), Some(&good));
    check_answers(&index);
    drop(index);

    // The next build (here, after an edit) removes it.
    f.write(
        "plums.md",
        &report("plums", "Plums", "Damsons are small plums."),
        0,
    );
    let index = f.open();
    assert!(index.info().built);
    assert_eq!(ids(&index, "damsons"), ["plums/1"]);
    let gens = generations(&f.index_dir());
    assert_eq!(gens.len(), 1, "{gens:?}");
    assert!(!half.exists());
    assert!(!good.exists());
    assert_eq!(
        current_generation(&f.index_dir()),
        f.index_dir().join(&gens[0])
    );
}

#[test]
fn two_threads_building_at_once_leave_one_usable_index() {
    let f = Fixture::new();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| f.open());
        let b = s.spawn(|| f.open());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(
        [a.info().built, b.info().built]
            .iter()
            .filter(|&&b| b)
            .count(),
        1,
        "one builds, the other waits and uses it"
    );
    assert_eq!(a.info().path, b.info().path);
    check_answers(&a);
    check_answers(&b);
    assert_eq!(generations(&f.index_dir()).len(), 1);

    // Both forcing a rebuild: both succeed, one generation remains.
    let forced = OpenOptions {
        rebuild: true,
        ..f.options()
    };
    let (c, d) = std::thread::scope(|s| {
        let c = s.spawn(|| f.open_with(&forced));
        let d = s.spawn(|| f.open_with(&forced));
        (c.join().unwrap(), d.join().unwrap())
    });
    assert!(c.info().built && d.info().built);
    check_answers(&c);
    check_answers(&d);
    let gens = generations(&f.index_dir());
    assert_eq!(gens.len(), 1, "{gens:?}");
    assert!(!f.open().info().built);
    // An index opened before a rebuild keeps answering after it.
    check_answers(&a);
}

#[test]
fn two_processes_rebuilding_at_once_both_succeed() {
    let f = Fixture::new();
    let spawn = || {
        f.command(&["index", "--rebuild"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(), spawn()];
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        util::assert_no_panic(&stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with("indexed 3 passages"), "{stdout}");
    }
    let gens = generations(&f.index_dir());
    assert_eq!(gens.len(), 1, "{gens:?}");
    let out = f.run(&["index"]);
    out.ok();
    assert!(
        out.stdout.starts_with("index is current: 3 passages"),
        "{}",
        out.stdout
    );
    let index = f.open();
    assert!(!index.info().built);
    check_answers(&index);
}

#[test]
fn evidence_index_says_what_it_did_and_where() {
    let dir = Dir::new();
    let index_dir = dir.join("idx");
    let run = |args: &[&str]| {
        let mut all = vec!["--index-dir", index_dir.to_str().unwrap()];
        all.extend_from_slice(args);
        let mut cmd = dir.command(&all);
        cmd.env("HOME", dir.join("home"))
            .env("XDG_CACHE_HOME", dir.join("cache"));
        util::run(&mut cmd)
    };
    let passages = Corpus::bundled().passage_count();
    let out = run(&["index"]);
    out.ok();
    let line = out.stdout.trim();
    assert!(
        line.starts_with(&format!("indexed {passages} passages in ")),
        "{line}"
    );
    let gen_dir = current_generation(&index_dir);
    assert!(line.ends_with(&gen_dir.display().to_string()), "{line}");
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let out = run(&["index"]);
    out.ok();
    assert!(
        out.stdout
            .starts_with(&format!("index is current: {passages} passages")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.trim().ends_with(&gen_dir.display().to_string()));

    let out = run(&["index", "--json"]);
    out.ok();
    let json = out.json();
    assert_eq!(json["passages"], passages);
    assert_eq!(json["built"], false);
    assert_eq!(json["path"], gen_dir.to_str().unwrap());
    assert!(json["size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(json["notes"], serde_json::json!([]));

    let out = run(&["index", "--rebuild", "--json"]);
    out.ok();
    assert_eq!(out.json()["built"], true);
    assert_ne!(current_generation(&index_dir), gen_dir);
    // Nothing was written to the cache folder.
    assert!(!dir.join("cache").exists());
}

#[test]
fn an_index_folder_that_is_a_file_falls_back_with_a_note() {
    let f = Fixture::new();
    fs::write(f.index_dir(), "not a folder").unwrap();
    let out = f.run(&["search", "orchards", "--json"]);
    out.ok();
    assert!(out.stderr.contains("note:"), "{}", out.stderr);
    assert!(out.stderr.contains("cannot be used"), "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["id"], "apples/1");
    // It went to the (private) cache folder.
    let cache = f.dir.join("cache").join("evidence");
    assert!(cache.is_dir(), "nothing in {}", cache.display());

    // With the cache unusable too, an in-memory index still answers.
    let f = Fixture::new();
    fs::write(f.index_dir(), "not a folder").unwrap();
    fs::write(f.dir.join("cache"), "not a folder either").unwrap();
    let out = f.run(&["search", "orchards", "--json"]);
    out.ok();
    assert!(out.stderr.contains("in-memory"), "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["id"], "apples/1");
    let out = f.run(&["index"]);
    out.ok();
    assert!(out.stdout.contains("(in memory)"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn a_read_only_index_folder_is_used_if_fresh_and_falls_back_if_stale() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    drop(f.open());
    let dir = f.index_dir();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    struct Restore(PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
        }
    }
    let _restore = Restore(dir.clone());
    let probe = dir.join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        eprintln!("skipped: this user can write to a read-only folder (root?)");
        return;
    }
    // Fresh: used as it is.
    let out = f.run(&["search", "orchards", "--json"]);
    out.ok();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["id"], "apples/1");

    // Stale: rebuilt elsewhere, with a note, and the answers are the new ones.
    f.write(
        "plums.md",
        &report("plums", "Plums", "Damsons are small plums."),
        0,
    );
    let out = f.run(&["search", "damsons", "--json"]);
    out.ok();
    assert!(out.stderr.contains("note:"), "{}", out.stderr);
    assert!(out.stderr.contains("cannot be used"), "{}", out.stderr);
    assert_eq!(out.json()["hits"][0]["id"], "plums/1");
    assert_eq!(generations(&dir), ["gen-1"]);
}
