//! Workspaces through the binary: `evidence workspaces` (text and JSON) on a
//! new data folder, after the one basket of an earlier version is shared
//! out, with a corpus that can no longer be found, and with a workspace file
//! that cannot be read; `workspaces attach`; bad workspace names; and the
//! explorer in a pseudo-terminal keeping one basket per corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use evidence::basket::{Basket, Excerpt};
use evidence::corpus::CorpusSource;
use evidence::workspace::{CorpusRef, Store};
use serde_json::Value;
use std::fs;
use std::time::Duration;
use util::{Dir, Output};

/// `evidence` with `args` and the data folder in `dir/data`.
fn run(dir: &Dir, args: &[&str]) -> Output {
    util::run(dir.command(args).env("EVIDENCE_DATA_DIR", dir.join("data")))
}

fn workspace<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == name)
        .unwrap_or_else(|| panic!("no workspace {name} in {json}"))
}

/// An excerpt as a basket of an earlier version held it.
/// The line of `workspaces` that lists the workspace `name` (by its name,
/// not by a path that happens to hold the same letters).
fn listed<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.split_whitespace().find(|w| *w != "*") == Some(name))
        .unwrap_or_else(|| panic!("no workspace {name} in {stdout}"))
}

fn excerpt(id: &str, corpus: Option<CorpusRef>) -> Excerpt {
    let corpus_of = evidence::corpus::Corpus::bundled();
    let (report, passage) = corpus_of.passage(id).unwrap();
    let mut e = Excerpt::new(report, passage, "2026-01-02");
    e.corpus = corpus;
    e
}

#[test]
fn a_new_data_folder_has_no_workspaces_yet() {
    let dir = Dir::new();
    let out = run(&dir, &["workspaces"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("no workspaces yet"), "{}", out.stderr);
    let out = run(&dir, &["workspaces", "--json"]);
    out.code(1);
    assert_eq!(out.json()["workspaces"], serde_json::json!([]));
}

#[test]
fn the_basket_of_an_earlier_version_is_shared_out_by_corpus() {
    let dir = Dir::new();
    let mine = dir.join("mine");
    fs::create_dir_all(&mine).unwrap();
    let mine_ref = CorpusRef::Folder {
        id: None,
        path: fs::canonicalize(&mine).unwrap(),
    };
    let mut old = Basket::new();
    old.add(excerpt("buddying-review/2", None), "buddying");
    old.add(excerpt("big-med/4", Some(mine_ref)), "");
    old.set_note(0, "my note");
    old.save(&dir.join("data/basket.json")).unwrap();

    let out = run(&dir, &["workspaces", "--json"]);
    out.ok();
    assert!(
        out.stderr
            .contains("shared out among the workspaces: 1 excerpt to bundled, 1 excerpt to mine"),
        "{}",
        out.stderr
    );
    let json = out.json();
    // The document is the library's type, every key present.
    serde_json::from_value::<evidence::json::Workspaces>(json.clone()).unwrap();
    assert_eq!(util::keys(&json), util::set(&["data_dir", "workspaces"]));
    for w in json["workspaces"].as_array().unwrap() {
        assert_eq!(
            util::keys(w),
            util::set(&[
                "name",
                "kind",
                "current",
                "corpus",
                "corpus_found",
                "excerpts",
                "path",
                "problem"
            ])
        );
    }
    assert_eq!(workspace(&json, "bundled")["excerpts"], 1);
    assert_eq!(workspace(&json, "mine")["excerpts"], 1);
    assert_eq!(workspace(&json, "bundled")["current"], true);
    assert_eq!(workspace(&json, "mine")["corpus"]["kind"], "folder");
    // Nothing is lost: the old file is kept, the note and search carried over.
    let kept: Vec<_> = fs::read_dir(dir.join("data"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        kept.iter().any(|n| n.starts_with("basket.json.migrated-")),
        "{kept:?}"
    );
    assert!(!dir.join("data/basket.json").exists());
    let bundled = Basket::load(&dir.join("data/workspaces/bundled/basket.json"))
        .unwrap()
        .basket;
    assert_eq!(bundled.excerpts[0].note, "my note");
    assert_eq!(bundled.queries, ["buddying"]);
    // Done once.
    let again = run(&dir, &["workspaces"]);
    again.ok();
    assert!(!again.stderr.contains("shared out"), "{}", again.stderr);
    assert!(again.stdout.starts_with("* bundled"), "{}", again.stdout);
}

#[test]
fn an_old_basket_that_cannot_be_read_is_set_aside_not_lost() {
    let dir = Dir::new();
    dir.create("data/basket.json", "{\"version\": 1, \"excerpts\": [ {");
    let out = run(&dir, &["workspaces"]);
    out.code(1);
    assert!(
        out.stderr.contains("could not be read") && out.stderr.contains("unreadable-"),
        "{}",
        out.stderr
    );
    let aside = fs::read_dir(dir.join("data"))
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("basket.json.unreadable-")
        })
        .unwrap();
    assert_eq!(
        fs::read_to_string(aside.path()).unwrap(),
        "{\"version\": 1, \"excerpts\": [ {"
    );
}

#[test]
fn a_corpus_that_moved_without_its_id_file_is_flagged_and_can_be_attached() {
    let dir = Dir::new();
    let store = Store::new(dir.join("data"));
    fs::create_dir_all(dir.join("notes")).unwrap();
    let old = store
        .open(&CorpusSource::folder(&dir.join("notes")).unwrap(), None)
        .unwrap();
    let mut basket = Basket::new();
    basket.add(excerpt("big-med/4", Some(old.corpus.clone())), "");
    basket.save(&old.workspace.basket_path()).unwrap();
    // Its files copied to a new folder, without the hidden id file; the old
    // folder removed.
    fs::create_dir_all(dir.join("new-notes")).unwrap();
    fs::remove_dir_all(dir.join("notes")).unwrap();

    let out = run(&dir, &["workspaces"]);
    out.ok();
    let line = listed(&out.stdout, "notes");
    assert!(
        line.contains("1 excerpt") && line.contains("(not found)"),
        "{line}"
    );
    assert!(
        out.stderr.contains("workspaces attach NAME"),
        "{}",
        out.stderr
    );

    let out = run(
        &dir,
        &["--corpus", "new-notes", "workspaces", "attach", "notes"],
    );
    out.ok();
    assert!(
        out.stdout.contains("is now the one of new-notes"),
        "{}",
        out.stdout
    );
    let out = run(&dir, &["--corpus", "new-notes", "workspaces", "--json"]);
    out.ok();
    let json = out.json();
    let notes = workspace(&json, "notes");
    assert_eq!(notes["current"], true);
    assert_eq!(notes["corpus_found"], true);
    assert_eq!(notes["excerpts"], 1);
    assert!(dir.join("new-notes/.evidence-workspace").is_file());
}

#[test]
fn a_workspace_whose_folder_was_given_another_says_so_not_that_it_is_gone() {
    let dir = Dir::new();
    for folder in ["one", "two"] {
        dir.create(format!("{folder}/a.md"), "# A\n\nText.\n");
        run(&dir, &["--corpus", folder, "basket"]);
    }
    run(&dir, &["--corpus", "two", "workspaces", "attach", "one"]).ok();
    let out = run(&dir, &["workspaces"]);
    out.ok();
    let two = out
        .stdout
        .lines()
        .find(|l| l.trim_start_matches(['*', ' ']).starts_with("two "))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        two.contains("(the folder has another workspace now)"),
        "{two}"
    );
    assert!(!two.contains("not found"), "{two}");
}

#[test]
fn a_workspace_file_that_cannot_be_read_is_listed_and_left_alone() {
    let dir = Dir::new();
    dir.create("data/workspaces/thesis/workspace.json", "{ not json");
    dir.create("data/workspaces/thesis/basket.json", "");
    let out = run(&dir, &["workspaces", "--json"]);
    out.ok();
    let json = out.json();
    let thesis = workspace(&json, "thesis");
    assert_eq!(thesis["kind"], Value::Null);
    assert_eq!(thesis["excerpts"], Value::Null);
    let problem = thesis["problem"].as_str().unwrap();
    assert!(
        problem.contains("workspace.json cannot be read") && problem.contains("basket.json"),
        "{problem}"
    );
    assert_eq!(
        dir.read("data/workspaces/thesis/workspace.json"),
        "{ not json"
    );
}

/// A name that differs from a workspace's only by case is taken for a
/// typo, not made a second workspace beside it.
#[test]
fn a_workspace_name_in_other_capitals_is_refused_with_the_one_there_is() {
    let dir = Dir::new();
    run(
        &dir,
        &["--workspace", "thesis", "basket", "add", "big-med/1"],
    )
    .ok();
    let out = run(&dir, &["--workspace", "Thesis", "basket"]);
    out.code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "there is no workspace `Thesis`, but there is `thesis`: use --workspace thesis"
        ),
        "{}",
        out.stderr
    );
    assert!(!dir.join("data/workspaces/Thesis").exists());
    run(&dir, &["--workspace", "thesis", "basket"]).ok();
    // A corpus folder named `Thesis` gets a workspace of another name.
    run(&dir, &["init", "Thesis"]).ok();
    run(&dir, &["--corpus", "Thesis", "basket", "add", "big-med/2"]).ok();
    let json = run(&dir, &["workspaces", "--json"]).json();
    let mut names: Vec<String> = json["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap().to_lowercase())
        .collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "{json}");
    assert!(names.len() >= 2, "{json}");
}

#[test]
fn a_mistyped_workspace_is_not_made_by_a_command_that_only_reads() {
    let dir = Dir::new();
    run(
        &dir,
        &["--workspace", "thesis", "basket", "add", "big-med/1"],
    )
    .ok();
    for args in [
        &["basket"][..],
        &["basket", "list", "--json"],
        &["basket", "rm", "big-med/1"],
        &["basket", "clear", "--yes"],
        &["history"],
        &["history", "--clear", "--yes"],
        &["saved"],
        &["saved", "rm", "x"],
        &["export", "--basket"],
        &["export", "--saved", "x"],
    ] {
        let mut all = vec!["--workspace", "thesys"];
        all.extend_from_slice(args);
        let out = run(&dir, &all);
        out.code(2);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("there is no workspace `thesys`")
                && out.stderr.contains("`thesis`"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!dir.join("data/workspaces/thesys").exists(), "{args:?}");
    }
    // What keeps something makes the workspace, and says so.
    let out = run(
        &dir,
        &["--workspace", "chapter-2", "saved", "add", "m", "mergers"],
    );
    out.ok();
    assert!(
        out.stderr.contains("chapter-2 is a new workspace"),
        "{}",
        out.stderr
    );
    run(&dir, &["--workspace", "chapter-2", "saved"]).ok();
    run(&dir, &["--workspace", "thesis", "basket"]).ok();
}

#[test]
fn bad_workspace_names_get_one_clear_message_and_status_2() {
    let dir = Dir::new();
    for args in [
        &["--workspace", "a/b", "workspaces"][..],
        &["workspaces", "--workspace", "my thesis"],
        &["--workspace", ".hidden", "workspaces", "--json"],
    ] {
        let out = run(&dir, args);
        out.code(2);
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("is not a workspace name"),
            "{}",
            out.stderr
        );
    }
    let out = util::run(
        dir.command(&["workspaces"])
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_WORKSPACE", "x".repeat(65)),
    );
    out.code(2);
    assert!(out.stderr.contains("longer than 64"), "{}", out.stderr);
    // Empty is as if unset.
    let out = util::run(
        dir.command(&["workspaces"])
            .env("EVIDENCE_DATA_DIR", dir.join("data"))
            .env("EVIDENCE_WORKSPACE", ""),
    );
    out.code(1);
    // attach: an unknown workspace, no folder, the bundled one.
    for (args, says) in [
        (
            &["--corpus", ".", "workspaces", "attach", "nope"][..],
            "there is no workspace `nope`",
        ),
        (&["workspaces", "attach", "nope"], "--corpus DIR"),
        (
            &["--corpus", ".", "workspaces", "attach", "bundled"],
            "stays with it",
        ),
        (
            &["--corpus", "missing", "workspaces", "attach", "x"],
            "not a corpus folder",
        ),
    ] {
        let out = run(&dir, args);
        out.code(2);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
    assert!(!dir.join("data/workspaces/a").exists());
}

/// The explorer keeps a basket per corpus: collected from a folder, it is
/// not in the bundled corpus's basket, and it comes back with the folder
/// after the folder is renamed. The status line names the workspace.
#[test]
fn each_corpus_has_its_own_basket_in_the_explorer() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("my-corpus");
    evidence::corpus::write_bundled(&corpus).unwrap();
    let explorer = |corpus: Option<&std::path::Path>, env: &[(&str, &str)]| {
        let index = dir.path().join("index");
        let data = dir.path().join("data");
        let mut vars: Vec<(&str, &std::ffi::OsStr)> = vec![
            ("EVIDENCE_INDEX_DIR", index.as_os_str()),
            ("EVIDENCE_DATA_DIR", data.as_os_str()),
        ];
        if let Some(c) = corpus {
            vars.push(("EVIDENCE_CORPUS", c.as_os_str()));
        }
        for (k, v) in env {
            vars.push((k, v.as_ref()));
        }
        util::pty::Session::start(dir.path(), 100, 30, &vars)
    };
    let send = |s: &mut util::pty::Session, text: &str| {
        s.send(text);
        std::thread::sleep(Duration::from_millis(150));
    };
    let mut s = explorer(Some(&corpus), &[]);
    s.wait_for("Results");
    s.wait_for("this corpus folder has a new workspace, my-corpus");
    send(&mut s, "buddying");
    s.wait_for("Results 1 of 20");
    send(&mut s, "\r");
    send(&mut s, " ");
    s.wait_for("added buddying-review/");
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));

    let mut s = explorer(None, &[]);
    s.wait_for("Results");
    s.wait_for("workspace: bundled · basket: 0");
    send(&mut s, "\tq");
    assert_eq!(s.wait_exit(), Ok(true));

    let moved = dir.path().join("renamed");
    fs::rename(&corpus, &moved).unwrap();
    let mut s = explorer(Some(&moved), &[]);
    s.wait_for("follows its corpus folder");
    send(&mut s, "\t\tb");
    let screen = s.wait_for("Basket (1)");
    assert!(!screen.contains("gone from the corpus"), "{screen}");
    send(&mut s, "q");
    assert_eq!(s.wait_exit(), Ok(true));

    // A named workspace, with the bundled corpus; a bad name is refused
    // before the screen is taken.
    let mut s = explorer(None, &[("EVIDENCE_WORKSPACE", "thesis")]);
    s.wait_for("thesis is a new workspace");
    send(&mut s, "\tq");
    assert_eq!(s.wait_exit(), Ok(true));
    let mut s = explorer(None, &[("EVIDENCE_WORKSPACE", "a/b")]);
    assert_eq!(s.wait_exit(), Ok(false));
    // The message may reach the screen after the exit is seen: wait for it.
    s.wait_for("is not a workspace name");
}

/// EVIDENCE_DATA_DIR naming a file is said as that, in one sentence, not
/// as a workspace file inside it that is "not a directory".
#[test]
fn a_data_folder_that_is_a_file_is_said_plainly() {
    let dir = Dir::new();
    dir.create("data-file", "not a folder");
    let out = util::run(
        dir.command(&["basket"])
            .env("EVIDENCE_DATA_DIR", dir.join("data-file"))
            .env("EVIDENCE_INDEX_DIR", dir.join("index")),
    );
    out.code(2);
    assert!(
        out.stderr.contains("data-file is a file, not a folder"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    assert_eq!(dir.read("data-file"), "not a folder");
}

/// A named workspace's excerpts of a corpus folder follow the folder when it
/// is moved, as its own workspace's do: a change made after the move is
/// said as a change, not hidden as "from another corpus".
#[test]
fn a_named_workspace_s_excerpts_follow_their_folder_when_it_is_moved() {
    let dir = Dir::new();
    dir.create(
        "notes/a.md",
        "# Notes\n\nMergers take two years to settle. <!-- #1 -->\n",
    );
    run(
        &dir,
        &[
            "--corpus",
            "notes",
            "--workspace",
            "brief",
            "basket",
            "add",
            "a/1",
        ],
    )
    .ok();
    assert!(dir.join("notes/.evidence-workspace").is_file());
    fs::rename(dir.join("notes"), dir.join("moved")).unwrap();
    dir.create(
        "moved/a.md",
        "# Notes\n\nMergers take three years to settle. <!-- #1 -->\n",
    );
    let out = run(
        &dir,
        &[
            "--corpus",
            "moved",
            "--workspace",
            "brief",
            "basket",
            "--json",
        ],
    );
    out.ok();
    assert_eq!(
        out.json()["excerpts"][0]["status"],
        "changed",
        "{}",
        out.stdout
    );
}

/// `workspaces` run on a corpus folder moved since its workspace last saw
/// it follows it, as any other command does, rather than calling the
/// current workspace's corpus not found.
#[test]
fn workspaces_lists_a_moved_folder_where_it_is_now() {
    let dir = Dir::new();
    dir.create("notes/a.md", "# Notes\n\nMergers take two years.\n");
    run(&dir, &["--corpus", "notes", "basket", "add", "a/1"]).ok();
    fs::rename(dir.join("notes"), dir.join("moved")).unwrap();
    let out = run(&dir, &["--corpus", "moved", "workspaces", "--json"]);
    out.ok();
    let json = out.json();
    let notes = workspace(&json, "notes");
    assert_eq!(notes["current"], true);
    assert_eq!(notes["corpus_found"], true, "{json}");
    assert!(
        out.stderr.contains("follows its corpus folder, moved from"),
        "{}",
        out.stderr
    );
}

/// A named workspace opening a new folder where a moved one used to be
/// gives it no id of its own accord (the moved folder's workspace knows that
/// path): the moved folder keeps its basket; and listing the workspaces
/// with a named one does not point it at another corpus.
#[test]
fn a_named_workspace_leaves_a_folder_another_workspace_knows_alone() {
    let dir = Dir::new();
    dir.create("c1/a.md", "# Notes\n\nMergers take two years.\n");
    run(&dir, &["--corpus", "c1", "basket", "add", "a/1"]).ok();
    fs::rename(dir.join("c1"), dir.join("c1m")).unwrap();
    dir.create("c1/b.md", "# Other\n\nSomething else entirely.\n");
    run(
        &dir,
        &[
            "--corpus",
            "c1",
            "--workspace",
            "thesis",
            "basket",
            "add",
            "b/1",
        ],
    )
    .ok();
    assert!(!dir.join("c1/.evidence-workspace").exists());
    let out = run(&dir, &["--corpus", "c1m", "basket", "--json"]);
    out.ok();
    assert_eq!(out.json()["count"], 1, "{}", out.stderr);

    // `thesis` was last opened with c1, which is then moved away; a listing
    // run with another corpus does not point it there.
    fs::rename(dir.join("c1"), dir.join("c1-away")).unwrap();
    let out = run(
        &dir,
        &[
            "--corpus",
            "c1m",
            "--workspace",
            "thesis",
            "workspaces",
            "--json",
        ],
    );
    out.ok();
    let json = out.json();
    let thesis = workspace(&json, "thesis");
    assert!(
        thesis["corpus"]["path"].as_str().unwrap().ends_with("c1"),
        "{json}"
    );
}

/// A search under a mistyped `--workspace` starts that workspace's history:
/// it says so once, naming the workspace spelt like it, and not again.
#[test]
fn a_search_that_makes_a_workspace_says_so_and_names_the_one_meant() {
    let dir = Dir::new();
    run(
        &dir,
        &["--workspace", "thesis", "basket", "add", "big-med/4"],
    )
    .ok();
    let search = |name: &str| {
        util::run(
            dir.command(&["--workspace", name, "search", "buddying", "--limit", "1"])
                .env("EVIDENCE_DATA_DIR", dir.join("data"))
                .env_remove("EVIDENCE_NO_HISTORY"),
        )
    };
    let out = search("thesos");
    out.ok();
    assert_eq!(
        out.stderr,
        "evidence: note: thesos is a new workspace (there is also `thesis`: did you mean --workspace thesis?)\n"
    );
    let out = search("thesos");
    out.ok();
    assert_eq!(out.stderr, "");
    let out = search("thesis");
    out.ok();
    assert_eq!(out.stderr, "");
}

/// Handing a project to a colleague: the corpus folder (with its id file)
/// and the workspace's basket and saved searches copied into their data
/// folder, without the record that names paths on this machine. Their
/// copy of the folder takes those files as its workspace: the basket reads
/// as collected from it, and the saved searches run.
#[test]
fn a_corpus_folder_from_elsewhere_takes_the_workspace_files_copied_with_it() {
    let dir = Dir::new();
    dir.create(
        "proj/notes.md",
        "---\ntitle: Field notes\n---\n\nThe buddy trust absorbed senior time.\n",
    );
    run(&dir, &["--corpus", "proj", "basket", "add", "notes/1"]).ok();
    run(
        &dir,
        &["--corpus", "proj", "saved", "add", "costs", "buddy"],
    )
    .ok();
    // The colleague's machine: another place, another data folder.
    util::copy_tree(&dir.join("proj"), &dir.join("theirs/proj"));
    let from = dir.join("data/workspaces/proj");
    let to = dir.join("theirs/data/workspaces/proj");
    fs::create_dir_all(&to).unwrap();
    for file in ["basket.json", "searches.json"] {
        fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let theirs = |args: &[&str]| {
        util::run(
            dir.command(args)
                .env("EVIDENCE_DATA_DIR", dir.join("theirs/data"))
                .current_dir(dir.join("theirs")),
        )
    };
    let out = theirs(&["--corpus", "proj", "basket"]);
    out.ok();
    assert!(
        out.stderr.contains("takes the workspace files found in"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .starts_with("notes/1  Field notes  The buddy trust"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('['), "{}", out.stdout);
    let out = theirs(&["--corpus", "proj", "search", "--saved", "costs", "--json"]);
    out.ok();
    assert_eq!(out.json()["total"], 1);
    // Said once: the workspace has its record now.
    let out = theirs(&["--corpus", "proj", "basket"]);
    out.ok();
    assert_eq!(out.stderr, "");
}

/// A named workspace last opened with a corpus folder that was moved since
/// (with its id file, so the folder's own workspace followed it) says where
/// the folder is now, not that it is gone, and is given no `attach` advice,
/// which would hand it the folder in place of the folder's own workspace.
#[test]
fn a_named_workspace_finds_its_moved_folder_where_the_folder_went() {
    let dir = Dir::new();
    dir.create(
        "proj/notes.md",
        "---\ntitle: Field notes\n---\n\nA passage.\n",
    );
    run(&dir, &["--corpus", "proj", "basket", "add", "notes/1"]).ok();
    run(
        &dir,
        &[
            "--workspace",
            "q1",
            "--corpus",
            "proj",
            "basket",
            "add",
            "notes/1",
        ],
    )
    .ok();
    fs::rename(dir.join("proj"), dir.join("moved")).unwrap();
    let out = run(&dir, &["--corpus", "moved", "workspaces"]);
    out.ok();
    let line = listed(&out.stdout, "q1");
    let moved = fs::canonicalize(dir.join("moved")).unwrap();
    assert!(
        line.contains(&format!("(moved: --corpus {} opens it)", moved.display())),
        "{line}"
    );
    // Opened there, its excerpt reads as collected from it.
    let out = run(&dir, &["--workspace", "q1", "--corpus", "moved", "basket"]);
    out.ok();
    assert!(!out.stdout.contains('['), "{}", out.stdout);
}

/// A named workspace's saved search run without `--corpus` runs on the
/// bundled corpus: the first such run says which folder the workspace was
/// on and how to get back to it, rather than answering from other reports
/// unsaid.
#[test]
fn a_named_workspace_run_without_its_corpus_says_so() {
    let dir = Dir::new();
    dir.create(
        "notes/a.md",
        "# Notes\n\nMergers take two years to settle. <!-- #1 -->\n",
    );
    let with = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--workspace", "brief"];
        all.extend_from_slice(args);
        all.iter().map(|s| s.to_string()).collect()
    };
    let args = with(&["--corpus", "notes", "saved", "add", "settle", "settle"]);
    run(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>()).ok();
    let args = with(&["search", "--saved", "settle"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&dir, &args);
    assert!(
        out.stderr
            .contains("the workspace `brief` was last used with the corpus in")
            && out
                .stderr
                .contains("notes; this run is on the bundled corpus (add --corpus "),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("last used with").count(),
        1,
        "{}",
        out.stderr
    );
    // Said again: the workspace stays with its folder.
    let again = run(&dir, &args);
    assert!(again.stderr.contains("last used with"), "{}", again.stderr);
    let listed = run(&dir, &["workspaces", "--json"]).json();
    assert_eq!(
        workspace(&listed, "brief")["corpus"]["kind"],
        "folder",
        "{listed}"
    );
    // Attached without `--corpus`, it goes with the bundled corpus: quiet.
    let attached = run(&dir, &["workspaces", "attach", "brief"]);
    attached.ok();
    assert!(
        attached
            .stdout
            .contains("the workspace brief (0 excerpts) goes with the bundled corpus now"),
        "{}",
        attached.stdout
    );
    let quiet = run(&dir, &args);
    assert!(!quiet.stderr.contains("last used with"), "{}", quiet.stderr);
    let listed = run(&dir, &["workspaces", "--json"]).json();
    assert_eq!(
        workspace(&listed, "brief")["corpus"]["kind"],
        "bundled",
        "{listed}"
    );
}

/// A named workspace's state files copied into another data folder
/// without `workspace.json`, as the README's sharing section says: the
/// workspace is there for commands that only read it, and is taken in,
/// not announced as new.
#[test]
fn a_named_workspace_copied_without_its_record_is_taken_in() {
    let dir = brief_with_an_excerpt_of_notes();
    let theirs = dir.join("theirs/workspaces/brief");
    fs::create_dir_all(&theirs).unwrap();
    fs::copy(
        dir.join("data/workspaces/brief/basket.json"),
        theirs.join("basket.json"),
    )
    .unwrap();
    let out = util::run(
        dir.command(&[
            "--workspace",
            "brief",
            "--corpus",
            "notes",
            "basket",
            "--json",
        ])
        .env("EVIDENCE_DATA_DIR", dir.join("theirs")),
    );
    out.ok();
    assert_eq!(out.json()["excerpts"][0]["id"], "a/1", "{}", out.stdout);
    assert!(
        out.stderr
            .contains("the workspace brief takes the workspace files found in"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("is a new workspace"), "{}", out.stderr);
}

/// A data folder whose named workspace `brief` has one excerpt, collected
/// from the corpus folder `notes`.
fn brief_with_an_excerpt_of_notes() -> Dir {
    let dir = Dir::new();
    dir.create(
        "notes/a.md",
        "# Notes\n\nMergers take two years to settle. <!-- #1 -->\n",
    );
    run(
        &dir,
        &[
            "--workspace",
            "brief",
            "--corpus",
            "notes",
            "basket",
            "add",
            "a/1",
        ],
    )
    .ok();
    dir
}

/// `verify`, which reads the workspace's basket on the side, gives the
/// note too rather than using it up unsaid.
#[test]
fn verify_in_a_named_workspace_off_its_folder_says_so() {
    let dir = brief_with_an_excerpt_of_notes();
    dir.create("draft.md", "> Mergers take two years to settle.\n\n(a/1)\n");
    let out = run(&dir, &["--workspace", "brief", "verify", "draft.md"]);
    assert!(
        out.stderr
            .contains("the workspace `brief` was last used with the corpus in"),
        "{}",
        out.stderr
    );
}
