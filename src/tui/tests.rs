//! State tests of `App::update` (no terminal) and snapshots of every screen
//! drawn to ratatui's `TestBackend` at 80×24 and 160×48.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::action::{Action, Failure, KeyContext, action_for};
use super::app::{App, Focus, Overlay, Screen};
use super::theme::Theme;
use super::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use evidence::corpus::{Corpus, CorpusSource};
use evidence::search::Index;
use evidence::workspace::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, OnceLock};

/// The bundled corpus's index, built once for every explorer test.
pub(super) fn index() -> Arc<Index> {
    static INDEX: OnceLock<Arc<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            Arc::new(Index::in_memory(Arc::new(Corpus::bundled()), 1, &|_, _| {}).unwrap())
        })
        .clone()
}

/// An app over the bundled corpus with its basket in a temp folder.
fn app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let start = super::app::Start {
        today: "2026-11-29".to_string(),
        ..start(&dir)
    };
    let mut app = App::new(index(), start);
    settle(&mut app);
    (app, dir)
}

/// What the event loop starts an app from, with the data folder in `dir`:
/// the bundled corpus's workspace.
fn start(dir: &tempfile::TempDir) -> super::app::Start {
    super::start(Store::new(dir.path()).open(&CorpusSource::Bundled, None))
}

/// Where the bundled corpus's workspace keeps its basket, with the data
/// folder in `dir`.
fn basket_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("workspaces/bundled/basket.json")
}

/// Runs any pending search (and count of the saved searches)
/// synchronously, as the workers would.
fn settle(app: &mut App) {
    while let Some((generation, request)) = app.take_search() {
        let result = app.index.search(&request).map_err(Failure::from);
        app.update(Action::SearchDone(generation, Box::new(result)));
    }
    if let Some((generation, requests)) = app.take_counts() {
        let counts = requests
            .iter()
            .map(|r| app.index.search(r).ok().map(|found| found.total))
            .collect();
        app.update(Action::CountsDone(generation, counts));
    }
}

/// A key with Ctrl held.
fn ctrl(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let action = action_for(event, app.key_context()).unwrap();
    app.update(action);
    settle(app);
}

/// The queries of the history, oldest first.
fn history_queries(app: &App) -> Vec<String> {
    let entries = &app.recall.history.value.entries;
    entries.iter().map(|e| e.query.clone()).collect()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
    settle(app);
}

fn key(app: &mut App, code: KeyCode) {
    let action = action_for(KeyEvent::new(code, KeyModifiers::NONE), app.key_context()).unwrap();
    app.update(action);
    settle(app);
}

pub(super) fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme { color: false };
    terminal.draw(|f| ui::draw(f, app, &theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn typing_searches_and_every_key_types_in_the_query_bar() {
    let (mut app, _dir) = app();
    assert_eq!(
        app.search.results.total,
        app.corpus().passage_count(),
        "empty query lists everything"
    );
    assert_eq!(app.key_context(), KeyContext::Text);
    type_text(&mut app, "buddying q");
    assert_eq!(app.search.query.value(), "buddying q");
    assert!(!app.quit, "q types in the query bar");
    app.update(Action::ClearInput);
    type_text(&mut app, "buddying");
    assert!(app.search.results.total > 10);
    let (report, _) = app.selected_passage().unwrap();
    assert_eq!(report.id, "buddying-review");
}

#[test]
fn an_older_answer_never_replaces_a_newer_one() {
    let (mut app, _dir) = app();
    app.update(Action::Insert('m'));
    let (old_gen, old_req) = app.take_search().unwrap();
    type_text(&mut app, "ergers");
    let newer = app.search.results.total;
    let stale = app.index.search(&old_req).map_err(Failure::from);
    app.update(Action::SearchDone(old_gen, Box::new(stale)));
    assert_eq!(app.search.results.total, newer);
    assert_eq!(app.search.query.value(), "mergers");
}

#[test]
fn a_failed_search_says_why_in_the_library_s_words() {
    let (mut app, _dir) = app();
    app.update(Action::Insert('m'));
    let (generation, _) = app.take_search().unwrap();
    let error = evidence::Error::Index("the segment is unreadable".into());
    let said = format!("search failed: {error}");
    app.update(Action::SearchDone(generation, Box::new(Err(error.into()))));
    assert_eq!(app.message, Some(said));
    assert!(!app.search.searching);
}

#[test]
fn enter_moves_to_results_and_esc_returns_without_clearing() {
    let (mut app, _dir) = app();
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Results);
    assert_eq!(app.search.selected, 0);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.search.selected, 1);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.search.selected, 0);
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.search.selected, app.search.results.hits.len() - 1);
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.search.selected, 0);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Reader);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.focus, Focus::Query);
    assert_eq!(app.search.query.value(), "mergers");
    assert!(!app.quit, "Esc never quits");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Filters);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn the_count_after_adding_includes_what_another_process_added() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    // `evidence basket add` in another terminal, while the explorer runs.
    let path = basket_file(&dir);
    let mut other = evidence::basket::Basket::load(&path).unwrap().basket;
    let corpus = evidence::corpus::Corpus::bundled();
    let (r, p) = corpus.passage("big-med/6").unwrap();
    other.add(evidence::basket::Excerpt::new(r, p, "2026-11-29"), "");
    other.save(&path).unwrap();
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.basket.contents.excerpts.len(), 3);
    let message = app.message.clone().unwrap();
    assert!(message.ends_with("(3 excerpts)"), "{message}");
}

/// Another explorer (or the command line) takes an excerpt out while a
/// note is being written on it here: the note keeps it, and says so; and
/// an export takes in what the other added.
#[test]
fn a_note_keeps_an_excerpt_taken_out_elsewhere_and_export_takes_in_additions() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    // The basket on screen, then taken out elsewhere (opened after, the
    // screen would show it gone).
    key(&mut app, KeyCode::Char('b'));
    let path = basket_file(&dir);
    let mut other = evidence::basket::Basket::load(&path).unwrap().basket;
    other.remove(0);
    other.save(&path).unwrap();
    key(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "my key note");
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().unwrap();
    assert!(
        message.contains(&format!("{id} taken out elsewhere, kept for the note")),
        "{message}"
    );
    let on_disk = evidence::basket::Basket::load(&path).unwrap().basket;
    assert_eq!(on_disk.excerpts.len(), 1);
    assert_eq!(on_disk.excerpts[0].note, "my key note");

    let mut other = evidence::basket::Basket::load(&path).unwrap().basket;
    let corpus = evidence::corpus::Corpus::bundled();
    let (r, p) = corpus.passage("big-med/6").unwrap();
    other.add(evidence::basket::Excerpt::new(r, p, "2026-11-29"), "");
    other.save(&path).unwrap();
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(app.basket.contents.excerpts.len(), 2);
    assert!(render(&app, 120, 40).contains("2 excerpts"));
}

#[test]
fn space_toggles_the_basket_and_it_is_saved() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.contains(&id));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("added {id} to the basket (1 excerpt)").as_str())
    );
    let saved = std::fs::read_to_string(basket_file(&dir)).unwrap();
    assert!(saved.contains(&id));
    let again = App::new(index(), start(&dir));
    assert!(
        again.basket.contents.contains(&id),
        "the basket comes back on the next run"
    );
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.basket.contents.contains(&id));
}

/// Enter on an excerpt in the basket reads its passage on the whole screen,
/// as in every other list; `a` writes the note; Esc comes back.
#[test]
fn enter_in_the_basket_reads_the_passage_and_a_writes_the_note() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.screen, Screen::Basket);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reading);
    assert!(app.overlays.is_empty());
    assert_eq!(app.read_passage().unwrap().1.id, id);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Basket);
    key(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlays.top(), Some(Overlay::Note { .. })));
    // Saved, then emptied: the message says which.
    type_text(&mut app, "RAND: not clear-cut");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.message.as_deref(), Some("note saved"));
    key(&mut app, KeyCode::Char('a'));
    app.update(Action::ClearInput);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.message.as_deref(), Some("note removed"));
    assert_eq!(app.basket.contents.excerpts[0].note, "");
}

#[test]
fn the_export_prompt_opens_on_the_last_choice_in_the_next_session() {
    use evidence::cite::Style;
    let (mut app, dir) = export_prompt();
    key(&mut app, KeyCode::Down);
    assert_eq!(prompt(&app).choice.style, Some(Style::Apa));
    app.update(Action::ClearInput);
    let out = tempfile::tempdir().unwrap();
    type_text(&mut app, &out.path().join("ch1").display().to_string());
    key(&mut app, KeyCode::Enter);
    assert!(out.path().join("ch1.md").is_file(), "{:?}", app.message);
    // Quit and start again on the same data folder.
    let mut again = App::new(index(), start(&dir));
    settle(&mut again);
    key(&mut again, KeyCode::Enter);
    key(&mut again, KeyCode::Char('b'));
    key(&mut again, KeyCode::Char('e'));
    assert_eq!(prompt(&again).choice.style, Some(Style::Apa));
    // A format chosen and not written (Esc) is not what it opens on next:
    // it opens on the one last written.
    let written = prompt(&again).choice;
    key(&mut again, KeyCode::Tab);
    assert_ne!(prompt(&again).choice, written);
    key(&mut again, KeyCode::Esc);
    key(&mut again, KeyCode::Char('e'));
    assert_eq!(prompt(&again).choice, written);
    // Nor one whose write failed (into a folder that is not there).
    key(&mut again, KeyCode::Tab);
    let chosen = prompt(&again).choice;
    again.update(Action::ClearInput);
    type_text(
        &mut again,
        &out.path().join("no-such-folder/ch2").display().to_string(),
    );
    key(&mut again, KeyCode::Enter);
    assert_eq!(prompt(&again).choice, chosen, "the prompt stays open");
    key(&mut again, KeyCode::Esc);
    key(&mut again, KeyCode::Char('e'));
    assert_eq!(prompt(&again).choice, written);
    key(&mut again, KeyCode::Esc);
    // A damaged record is no record: the prompt opens as on a first run.
    std::fs::write(dir.path().join("workspaces/bundled/export.json"), "{").unwrap();
    let mut third = App::new(index(), start(&dir));
    settle(&mut third);
    key(&mut third, KeyCode::Enter);
    key(&mut third, KeyCode::Char('b'));
    key(&mut third, KeyCode::Char('e'));
    assert_eq!(prompt(&third).choice, super::app::ExportChoice::default());
}

#[test]
fn keys_for_the_results_wait_for_the_search_they_follow() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let old = app.selected_passage().unwrap().1.id.clone();
    // Back to the query, a new one, then Enter and Space before the
    // worker answers (as keys arrive when typed fast or pasted).
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    for c in "credentialing".chars() {
        app.update(Action::Insert(c));
    }
    let press = |app: &mut App, code: KeyCode| app.key(KeyEvent::new(code, KeyModifiers::NONE));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.excerpts.is_empty(), "nothing yet");
    settle(&mut app);
    let new = app.selected_passage().unwrap().1.id.clone();
    assert_ne!(new, old);
    assert!(app.basket.contents.contains(&new), "the new first hit");
    assert!(!app.basket.contents.contains(&old));
    assert!(app.held.is_empty());
    // Keys after one that waits are read in the state it leaves: `/` then
    // letters types into the query bar, not commands (q would quit).
    press(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    for c in "merger".chars() {
        app.update(Action::Insert(c));
    }
    press(&mut app, KeyCode::Enter);
    for c in "/quality".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.held.len(), 8);
    settle(&mut app);
    assert!(!app.quit);
    assert_eq!(app.focus, Focus::Query);
    assert_eq!(app.search.query.value(), "mergerquality");
}

#[test]
fn space_on_an_empty_list_records_no_search() {
    let (mut app, _dir) = app();
    type_text(&mut app, "zzqxj");
    key(&mut app, KeyCode::Enter);
    // A filter changed after Enter: a commit now would record a search
    // the user never ran.
    while app.focus != Focus::Filters {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.search.filters.is_empty());
    while app.focus != Focus::Results {
        key(&mut app, KeyCode::Tab);
    }
    assert!(app.search.results.hits.is_empty());
    let before = app.recall.history.value.entries.len();
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.recall.history.value.entries.len(), before);
    assert!(app.basket.contents.excerpts.is_empty());
}

#[test]
fn ctrl_c_in_the_note_editor_keeps_the_note() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "a long thought, half written");
    ctrl(&mut app, 'c');
    assert!(app.quit);
    let again = App::new(index(), start(&dir));
    assert_eq!(again.basket.contents.excerpts[0].passage_id, id);
    assert_eq!(
        again.basket.contents.excerpts[0].note,
        "a long thought, half written"
    );
    assert_eq!(
        app.parting,
        [format!("kept the note you were writing on {id}")]
    );
}

#[test]
fn quitting_with_a_basket_that_cannot_be_saved_asks_and_leaves_a_copy() {
    let (mut app, dir) = app();
    // The basket's folder cannot be made: its parent is a file.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "a file").unwrap();
    app.basket.path = Some(blocker.join("basket.json"));
    let out = tempfile::tempdir().unwrap();
    app.cwd = out.path().to_path_buf();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("basket not saved")
    );
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "the first q only warns");
    let said = app.message.clone().unwrap();
    assert!(said.contains("the basket is not saved"), "{said}");
    assert!(said.contains("e exports it"), "{said}");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    let copy = out.path().join("evidence-basket-2026-11-29.json");
    let kept = evidence::basket::Basket::load(&copy).unwrap().basket;
    assert!(kept.contains(&id));
    assert!(
        app.parting[0].contains(&copy.display().to_string()),
        "{:?}",
        app.parting
    );
}

#[test]
fn an_excerpt_with_a_note_is_taken_out_only_when_asked_twice() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char(' '));
    app.basket.contents.excerpts[0].note = "my own words".to_string();
    // From the results: the first Space asks, a key between cancels it.
    key(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.contains(&id));
    assert!(
        app.message.as_deref().unwrap().contains("has a note"),
        "{:?}",
        app.message
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char(' '));
    assert!(
        app.basket.contents.contains(&id),
        "a key between asks again"
    );
    key(&mut app, KeyCode::Char(' '));
    assert!(!app.basket.contents.contains(&id));
    // In the basket, `d` the same.
    key(&mut app, KeyCode::Char(' '));
    app.basket.contents.excerpts[0].note = "my own words".to_string();
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('d'));
    assert!(app.basket.contents.contains(&id));
    key(&mut app, KeyCode::Char('d'));
    assert!(!app.basket.contents.contains(&id));
}

#[test]
fn filters_include_exclude_and_clear() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Filters);
    // The first entry is the first report (the overview); the second is Buddying Review.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.filters.reports, ["buddying-review"]);
    assert_eq!(
        app.search.results.total,
        app.corpus()
            .report("buddying-review")
            .unwrap()
            .passages
            .len()
    );
    key(&mut app, KeyCode::Char('x'));
    assert!(app.search.filters.reports.is_empty());
    assert_eq!(app.search.filters.not_reports, ["buddying-review"]);
    key(&mut app, KeyCode::Char('X'));
    assert!(app.search.filters.is_empty());
    assert_eq!(app.search.results.total, app.corpus().passage_count());
}

/// One session through every screen, as a user would go: each step starts
/// from where the one before left the app, hence one long test.
#[test]
fn compare_map_basket_help_and_export() {
    let (mut app, dir) = app();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen, Screen::Compare);
    assert!(matches!(app.overlays.top(), Some(Overlay::ComparePicker)));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.compare.reports, ["buddying-review", "provider-chains"]);
    assert_eq!(app.compare_columns().len(), 2);
    key(&mut app, KeyCode::Char('u'));
    assert!(!app.compare.linked);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);

    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.screen, Screen::Map);
    let total: usize = app.map_counts().iter().flatten().sum();
    assert!(total >= app.corpus().passage_count() - 4);
    // The first cell with passages of the first report (an empty one
    // opens nothing).
    let themes = app.corpus().themes.len();
    let row = app.map_counts()[..themes]
        .iter()
        .position(|row| row[1] > 0)
        .unwrap();
    app.map.cursor = (row, 1);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.filters.reports.len(), 1);
    assert_eq!(app.search.filters.themes.len(), 1);

    key(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.overlays.top(), Some(Overlay::Help)));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());

    key(&mut app, KeyCode::Char('X'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.screen, Screen::Basket);
    assert_eq!(app.basket.contents.excerpts.len(), 1);
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.key_context(), KeyContext::Text);
    type_text(&mut app, "see also q");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.basket.contents.excerpts[0].note, "see also q");

    let out = dir.path().join("out.md");
    key(&mut app, KeyCode::Char('e'));
    match app.overlays.top() {
        Some(Overlay::ExportPath(p)) => {
            assert_eq!(p.input.value(), "evidence-excerpts-2026-11-29.md")
        }
        other => panic!("expected the export prompt, got {other:?}"),
    }
    app.update(Action::ClearInput);
    type_text(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("see also q"));
    // Again: the file exists, so the app asks; "n" keeps it.
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlays.top(),
        Some(Overlay::ConfirmOverwrite { .. })
    ));
    key(&mut app, KeyCode::Char('n'));
    // The prompt is back, with the name typed, for another one.
    match app.overlays.top() {
        Some(Overlay::ExportPath(p)) => assert_eq!(p.input.value(), out.to_str().unwrap()),
        other => panic!("expected the export prompt, got {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    // A missing folder: a message, and the basket is kept.
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, "/nonexistent/folder/x.md");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("export failed")
    );
    assert_eq!(app.basket.contents.excerpts.len(), 1);
}

#[test]
fn export_says_at_once_when_the_basket_is_empty_and_reads_a_home_path() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('e'));
    assert!(app.overlays.is_empty(), "no prompt for a file name");
    assert_eq!(
        app.message.as_deref(),
        Some("the basket is empty: add passages with Space first")
    );
    let home = directories::BaseDirs::new()
        .unwrap()
        .home_dir()
        .to_path_buf();
    assert_eq!(
        super::app::home_expanded("~/notes/x.md"),
        home.join("notes/x.md")
    );
    assert_eq!(super::app::home_expanded("~"), home);
    for kept in ["~user/x.md", "notes/~/x.md", "x~.md", "/tmp/x.md"] {
        assert_eq!(
            super::app::home_expanded(kept),
            std::path::PathBuf::from(kept)
        );
    }
}

#[test]
fn the_problems_hint_names_the_corpus_it_is_about_and_counts_warnings_apart() {
    use evidence::corpus::{Problem, Severity};
    use std::path::Path;
    let found = |errors: usize, warnings: usize| -> Vec<Problem> {
        (0..errors + warnings)
            .map(|i| Problem {
                path: "x.md".into(),
                line: 1,
                message: "m".into(),
                fatal: false,
                severity: if i < errors {
                    Severity::Error
                } else {
                    Severity::Warning
                },
            })
            .collect()
    };
    assert_eq!(super::corpus_hint(&found(0, 0), None), None);
    assert_eq!(
        super::corpus_hint(&found(1, 0), None).unwrap(),
        "1 problem in the corpus; run `evidence check` to list them"
    );
    assert_eq!(
        super::corpus_hint(&found(0, 2), Some(Path::new("./my-corpus"))).unwrap(),
        "2 warnings in the corpus; run `evidence --corpus ./my-corpus check` to list them"
    );
    assert_eq!(
        super::corpus_hint(&found(3, 1), Some(Path::new("/tmp/Bob's notes"))).unwrap(),
        "3 problems and 1 warning in the corpus; run `evidence --corpus '/tmp/Bob'\\''s notes' check` to list them"
    );
}

/// The text of the screen between columns `x0` and `x1`, rows joined by spaces.
fn columns(screen: &str, x0: usize, x1: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(x0).take(x1 - x0).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn long_notes_and_messages_are_shown_whole() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(120, 40));
    type_text(
        &mut app,
        "what did the review find about buddying costs for kitemarks",
    );
    let note = app.search.results.notes[0].clone();
    assert!(note.starts_with("read as a question"), "{note}");
    let r = app.layout().results;
    let pane = columns(
        &render(&app, 120, 40),
        usize::from(r.x) + 1,
        usize::from(r.x + r.width) - 1,
    );
    let pane: Vec<&str> = pane.split_whitespace().collect();
    let note: Vec<&str> = note.split_whitespace().collect();
    assert!(
        pane.windows(note.len() + 1)
            .any(|w| w[0] == "note:" && w[1..] == note[..]),
        "the whole note {note:?} in the results pane: {pane:?}"
    );
    // A message longer than the status line wraps onto more rows.
    let message = format!(
        "export failed: {} is a folder; the end",
        "/tmp/x".repeat(30)
    );
    app.message = Some(message.clone());
    let screen = render(&app, 120, 40);
    let bottom: Vec<&str> = screen.lines().rev().take(3).collect();
    let shown: String = bottom
        .iter()
        .rev()
        .copied()
        .collect::<String>()
        .replace(' ', "");
    assert_eq!(
        shown,
        message.replace(' ', ""),
        "the message on the last rows"
    );
    assert!(screen.contains("┘"), "the panes still draw above it");
}

#[test]
fn wide_characters_are_cut_by_the_columns_they_take() {
    assert_eq!(ui::fit("日本の病院", 5), ("日本".to_string(), 4));
    assert_eq!(ui::fit("Buddying", 3), ("Bud".to_string(), 3));
    let mut corpus = Corpus::bundled();
    corpus.reports[1].short_title = "日本の病院合併に関する研究報告書".to_string();
    let passages = corpus.reports[1].passages.len();
    let index = Arc::new(Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(index, start(&dir));
    settle(&mut app);
    let screen = render(&app, 120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("日"))
        .unwrap_or_else(|| panic!("{screen}"));
    let filters = row.split('│').nth(1).unwrap();
    assert!(
        filters.trim_end().ends_with(&format!(" {passages}")),
        "the count is shown: {row:?}"
    );
}

#[test]
fn a_changed_corpus_replaces_the_index_and_searches_it_again() {
    let (mut app, _dir) = app();
    type_text(&mut app, "mergers");
    // The first hit's report will go; a passage of another, ranked below
    // it, is being read.
    let report_of = |app: &App, i: usize| {
        let hit = &app.search.results.hits[i];
        app.index.passage(hit.ord).unwrap().0.id.clone()
    };
    let gone = report_of(&app, 0);
    app.search.selected = (1..app.search.results.hits.len())
        .find(|&i| report_of(&app, i) != gone)
        .unwrap();
    let (kept, reading, unlike) = {
        let (r, p) = app.selected_passage().unwrap();
        let unlike = app
            .corpus()
            .themes
            .iter()
            .find(|t| !p.themes.contains(&t.id));
        (r.id.clone(), p.id.clone(), unlike.unwrap().id.clone())
    };
    // Ids are checked as what they filter: a theme's id is no report, and
    // a report's id no theme.
    app.search.filters.reports = vec![gone.clone(), unlike.clone()];
    app.search.filters.not_themes = vec![unlike.clone(), kept.clone()];
    app.update(Action::CorpusChanged);
    assert_eq!(
        app.message.as_deref(),
        Some("the corpus changed: updating the index…")
    );
    let mut corpus = Corpus::bundled();
    corpus.reports.retain(|r| r.id != gone);
    let passages = corpus.passage_count();
    let index = Arc::new(Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap());
    app.update(Action::IndexReplaced(
        super::action::Reopened(index.clone()),
        None,
    ));
    assert!(Arc::ptr_eq(&app.index, &index));
    // No hit of the old index is shown against the new one.
    assert!(app.search.results.hits.is_empty());
    assert!(
        app.search.filters.reports.is_empty(),
        "{:?}",
        app.search.filters.reports
    );
    assert_eq!(app.search.filters.not_themes, [unlike]);
    assert_eq!(
        app.message,
        Some(format!(
            "the corpus changed: the index is up to date ({passages} passages)"
        ))
    );
    // An editor saving twice: a second new index before the first one's
    // search is answered still selects the passage being read.
    app.update(Action::IndexReplaced(
        super::action::Reopened(index.clone()),
        None,
    ));
    settle(&mut app);
    assert!(!app.search.results.hits.is_empty());
    assert_eq!(
        app.selected_passage().unwrap().1.id,
        reading,
        "the same passage, selected again"
    );
    app.update(Action::ReindexFailed(Failure::from(
        evidence::Error::Index("disk full".into()),
    )));
    assert!(app.message.as_deref().unwrap().contains("disk full"));
    // A changed report's hits no longer say the index is being updated.
    assert!(
        app.changed_note().contains("could not be updated"),
        "{}",
        app.changed_note()
    );
    assert!(app.changed_note().contains("disk full"));
    app.update(Action::IndexReplaced(
        super::action::Reopened(super::tests::index()),
        None,
    ));
    assert_eq!(app.changed_note(), super::app::CHANGED);
}

#[test]
fn a_new_index_with_problems_says_so_after_its_passages() {
    let (mut app, _dir) = app();
    let hint = super::listed_hint("2 problems", Some(std::path::Path::new("./my-corpus")));
    app.update(Action::IndexReplaced(
        super::action::Reopened(index()),
        Some(hint.clone()),
    ));
    let passages = app.corpus().passage_count();
    assert_eq!(
        app.message,
        Some(format!(
            "the corpus changed: the index is up to date ({passages} passages); {hint}"
        ))
    );
}

#[test]
fn an_export_lists_the_searches_that_collected_its_excerpts() {
    let (mut app, dir) = app();
    for (query, collect) in [
        ("snarfblat", 0),
        ("buddying", 2),
        ("mergers", 0),
        ("buddying", 0),
    ] {
        key(&mut app, KeyCode::Char('/'));
        app.update(Action::ClearInput);
        type_text(&mut app, query);
        key(&mut app, KeyCode::Enter);
        for _ in 0..collect {
            key(&mut app, KeyCode::Char(' '));
            key(&mut app, KeyCode::Char('j'));
        }
    }
    assert_eq!(app.basket.contents.excerpts.len(), 2);
    // Page keys in the basket move a few excerpts at a time.
    key(&mut app, KeyCode::Char('b'));
    app.update(Action::PageDown);
    assert_eq!(app.basket.selected, 1);
    app.update(Action::PageUp);
    assert_eq!(app.basket.selected, 0);
    let out = dir.path().join("out.md");
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&out).unwrap();
    let searches = text.split("**Searches:**").nth(1).unwrap();
    let searches: Vec<&str> = searches
        .lines()
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(searches, ["- buddying"], "{text}");
    // A search with filters is recorded with them.
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers");
    app.search.filters.reports = vec!["nhs-trust-mergers".to_string()];
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.basket.contents.queries,
        ["buddying", "mergers report:nhs-trust-mergers"]
    );
    // The filters set when exporting are none of the excerpts': the export
    // names only the searches, with their own filters.
    app.search.filters.themes = vec!["competition".to_string()];
    let again = dir.path().join("again.md");
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, again.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&again).unwrap();
    assert!(!text.contains("competition"), "{text}");
    assert!(
        text.contains("- mergers report:nhs-trust-mergers"),
        "{text}"
    );
}

#[test]
fn no_match_says_what_can_be_done_from_where_the_user_is() {
    use super::layout::no_match_hint;
    let (mut app, _dir) = app();
    type_text(&mut app, "snarfblat");
    key(&mut app, KeyCode::Enter);
    assert!(app.search.results.hits.is_empty());
    assert_eq!(
        no_match_hint(&app),
        "No passage matches. Try fewer words, or other words."
    );
    // With a filter, from the query bar (where X is a letter typed): Tab first.
    app.search.filters.themes = vec!["buddying".to_string()];
    app.update(Action::FocusQuery);
    assert!(no_match_hint(&app).ends_with("clear the filters (Tab, then X)."));
    key(&mut app, KeyCode::Tab);
    assert!(no_match_hint(&app).ends_with("clear the filters (X)."));
    key(&mut app, KeyCode::Char('X'));
    assert!(app.search.filters.is_empty());
    // Nothing in the query to search for: fewer words would not help.
    app.update(Action::FocusQuery);
    app.update(Action::ClearInput);
    type_text(&mut app, "🙂 !!");
    key(&mut app, KeyCode::Enter);
    assert!(app.search.results.hits.is_empty());
    assert_eq!(
        no_match_hint(&app),
        "No passage matches: a search needs a word or a number."
    );
}

#[test]
fn the_reader_keeps_a_passage_s_themes_whole_in_a_small_terminal() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "report:nhs-trust-mergers theme:international");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.selected_passage().unwrap().1.id, "nhs-trust-mergers/13");
    let screen = render(&app, 80, 24);
    // The title is cut to one row; the themes, the passage's own, are all there.
    assert!(screen.contains("NHS Trust Me…"), "{screen}");
    assert!(
        screen.contains("themes: finance-scale, commissioning-payment,")
            && screen.contains("│international"),
        "{screen}"
    );
    // A passage before the report's first heading has no section to name.
    assert!(!screen.contains("(no section)"), "{screen}");
}

#[test]
fn a_long_title_in_the_basket_carries_on_under_itself() {
    let (mut app, _dir) = app();
    let corpus = Corpus::bundled();
    let (r, p) = corpus.passage("credentialing-providers/2").unwrap();
    app.basket
        .contents
        .add(evidence::basket::Excerpt::new(r, p, "2026-11-29"), "");
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('b'));
    let screen = render(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().map(|l| l.trim_matches('│')).collect();
    let first = rows.iter().position(|l| l.starts_with(" 1. ")).unwrap();
    assert!(rows[first].len() > 60, "{screen}");
    // The title's next row is indented as the text under it is.
    assert!(
        rows[first + 1].starts_with("    ") && !rows[first + 1].trim().is_empty(),
        "{screen}"
    );
    assert!(screen.contains("[credentialing-providers/2]"), "{screen}");
}

#[test]
fn small_terminals_say_so_and_nothing_panics_on_odd_sizes() {
    let (mut app, _dir) = app();
    type_text(&mut app, "mergers");
    let small = render(&app, 60, 20);
    assert!(small.contains("terminal too small: need 80×24"));
    for (w, h) in [(1, 1), (10, 5), (80, 24), (500, 60), (81, 25)] {
        app.update(Action::Resize(w, h));
        let _ = render(&app, w, h);
    }
    // Keys typed while nothing can be shown wait; they do not edit the
    // hidden query.
    app.update(Action::Resize(20, 5));
    type_text(&mut app, "xyz");
    key(&mut app, KeyCode::Enter);
    app.update(Action::Resize(120, 40));
    assert_eq!(app.search.query.value(), "mergers");
    assert!(!app.quit);
    // Nor does q quit from a pane the user cannot see; Ctrl-C does.
    key(&mut app, KeyCode::Tab);
    app.update(Action::Resize(20, 5));
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    app.update(Action::ForceQuit);
    assert!(app.quit);
}

#[test]
fn the_map_draws_a_corpus_of_a_thousand_reports() {
    // Column numbers of four digits, in cells three wide.
    let bundled = Corpus::bundled();
    let mut corpus = Corpus::bundled();
    while corpus.reports.len() < 1005 {
        let mut r = bundled.reports[corpus.reports.len() % bundled.reports.len()].clone();
        r.id = format!("copy-{}", corpus.reports.len());
        corpus.reports.push(r);
    }
    let index = Arc::new(Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(index, start(&dir));
    settle(&mut app);
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('m'));
    for (w, h) in [(80, 24), (200, 50)] {
        app.update(Action::Resize(w, h));
        assert!(render(&app, w, h).contains("Evidence map"));
    }
}

#[test]
fn the_map_scrolls_to_the_cursor_when_its_themes_outnumber_the_rows() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    settle(&mut app);
    // `/` on an empty query bar is the habit of going to it, not a query.
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.search.query.value(), "");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('m'));
    // The themes, then the row of passages without one.
    let labels: Vec<String> = app.map_labels().iter().map(|l| l.to_string()).collect();
    let rows = labels.len();
    let last = &labels[rows - 1];
    let first = &labels[0];
    let screen = render(&app, 80, 24);
    assert!(screen.contains(&first[..12]), "{screen}");
    assert!(!screen.contains(&last[..10]), "{screen}");
    assert!(
        screen.contains(&format!("rows 1–14 of {rows} ↓")),
        "{screen}"
    );
    for _ in 0..rows {
        key(&mut app, KeyCode::Down);
    }
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains(&last[..10]),
        "the last theme is in sight: {screen}"
    );
    assert!(!screen.contains(&first[..12]), "{screen}");
    assert!(screen.contains(&format!("of {rows} ↑")), "{screen}");
    // The cell detail names the theme under the cursor, the last.
    assert!(screen.contains(&format!("× {}", &last[..10])), "{screen}");
}

fn snapshot_all(w: u16, h: u16) {
    let (mut app, _dir) = app();
    // Where the export prompt says the file goes, the same on every machine.
    app.cwd = std::path::PathBuf::from("/home/researcher/notes");
    app.update(Action::Resize(w, h));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(format!("search_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Char('z'));
    insta::assert_snapshot!(format!("reader_full_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    app.message = None;
    insta::assert_snapshot!(format!("basket_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Char('a'));
    type_text(
        &mut app,
        "Compare with the King's Fund on credentialing: the costs of buddying fall on the buddy Trust, and the review asks who should pay for them",
    );
    insta::assert_snapshot!(format!("note_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('m'));
    insta::assert_snapshot!(format!("map_{w}x{h}"), render(&app, w, h));
    // A cell's passages: the filters it set are in the results' title.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(format!("map_cell_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('c'));
    insta::assert_snapshot!(format!("compare_picker_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    // The cursor on the second column's third passage, collected.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    app.message = None;
    insta::assert_snapshot!(format!("compare_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(format!("help_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!(format!("export_{w}x{h}"), render(&app, w, h));
}

/// The history list, the save prompt and the saved searches, with the
/// history's times fixed so that the snapshots are the same every day.
fn snapshot_recall(w: u16, h: u16) {
    let (mut app, _dir) = app();
    app.update(Action::Resize(w, h));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    // The theme `mergers` included, and a search under it.
    key(&mut app, KeyCode::Char('f'));
    let at = app.corpus().reports.len()
        + app
            .corpus()
            .themes
            .iter()
            .position(|t| t.id == "mergers")
            .unwrap();
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('+'));
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers costs");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Results);
    for (i, e) in app.recall.history.value.entries.iter_mut().enumerate() {
        e.at = 1_795_000_000 + 3600 * i as u64;
    }
    ctrl(&mut app, 'r');
    insta::assert_snapshot!(format!("history_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('S'));
    insta::assert_snapshot!(format!("save_search_{w}x{h}"), render(&app, w, h));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('X'));
    key(&mut app, KeyCode::Char('S'));
    type_text(&mut app, " support");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('s'));
    app.message = None;
    insta::assert_snapshot!(format!("saved_{w}x{h}"), render(&app, w, h));
}

#[test]
fn screens_at_80x24() {
    snapshot_all(80, 24);
    snapshot_recall(80, 24);
}

#[test]
fn screens_at_160x48() {
    snapshot_all(160, 48);
    snapshot_recall(160, 48);
}

#[test]
fn clicks_select_and_the_wheel_scrolls() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(120, 40));
    type_text(&mut app, "mergers");
    let areas = app.layout();
    // At 120 columns each hit takes its title's row and three of snippet:
    // the second hit's rows follow the first's four.
    assert_eq!(areas.list.hit_rows(), 4);
    let second = areas.results.y + 1 + 4;
    app.update(Action::Click(areas.results.x + 2, second + 2));
    assert_eq!(app.focus, Focus::Results);
    assert_eq!(app.search.selected, 1);
    app.update(Action::ScrollDown(areas.results.x + 2, second));
    assert_eq!(app.search.selected, 4);
    app.update(Action::Click(areas.filters.x + 2, areas.filters.y + 3));
    assert_eq!(app.focus, Focus::Filters);
    assert_eq!(app.search.filter_cursor, 1);
    app.update(Action::Click(areas.query.x + 2, areas.query.y + 1));
    assert_eq!(app.focus, Focus::Query);
}

#[test]
fn a_click_in_a_scrolled_filter_panel_picks_the_entry_drawn_there() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Filters);
    // Down to the last theme: the panel scrolls to keep it in view.
    key(&mut app, KeyCode::Char('G'));
    let last = app.search.filter_cursor;
    let areas = app.layout();
    let screen = render(&app, 80, 24);
    // The row the cursor is drawn on, and one two rows above it: a click
    // on that one picks the entry two before the last (both are themes).
    let rows: Vec<&str> = screen.lines().collect();
    let labels: Vec<String> = app.filter_entries().iter().map(|e| e.1.clone()).collect();
    let bottom = areas.filters.y + areas.filters.height - 2;
    let drawn = |y: u16| rows[usize::from(y)].to_string();
    let first_word = |label: &str| label.split_whitespace().next().unwrap_or("").to_string();
    assert!(
        drawn(bottom).contains(&first_word(&labels[last])),
        "{}",
        drawn(bottom)
    );
    app.update(Action::Click(areas.filters.x + 2, bottom - 2));
    assert_eq!(app.search.filter_cursor, last - 2);
    assert!(drawn(bottom - 2).contains(&first_word(&labels[last - 2])));
}

#[test]
fn a_page_key_moves_by_the_hits_the_screen_showed() {
    let (mut app, _dir) = app();
    // A word in many passages (more than a page at 120×40).
    type_text(&mut app, "care");
    key(&mut app, KeyCode::Enter);
    let long = "export failed: ".to_string() + &"/a/long/path".repeat(20);
    for ((w, h), message) in [((80, 24), None), ((120, 40), None), ((120, 40), Some(long))] {
        app.update(Action::Resize(w, h));
        app.update(Action::Top);
        app.message = message.clone();
        // With a long message the list is shorter: the page is what was shown.
        let rows = app.layout().list.rows;
        app.update(Action::PageDown);
        assert_eq!(app.search.selected, rows, "{w}×{h}, message {message:?}");
        assert_eq!(app.message, None);
    }
}

/// The results pane's rows as drawn: (screen row, text inside the borders).
fn results_rows(app: &App, w: u16, h: u16) -> Vec<(u16, String)> {
    let screen = render(app, w, h);
    let r = app.layout().results;
    screen
        .lines()
        .enumerate()
        .skip(usize::from(r.y) + 1)
        .take(usize::from(r.height).saturating_sub(2))
        .map(|(y, l)| {
            let inside: String = l
                .chars()
                .skip(usize::from(r.x) + 1)
                .take(usize::from(r.width).saturating_sub(2))
                .collect();
            (y as u16, inside)
        })
        .collect()
}

#[test]
fn clicks_land_on_what_was_drawn_under_notes_and_long_messages() {
    let (mut app, _dir) = app();
    // At 100×34 a status line of three rows takes a row of hits away.
    app.update(Action::Resize(100, 34));
    type_text(&mut app, "what about staff");
    assert!(!app.search.results.notes.is_empty());
    key(&mut app, KeyCode::Enter);
    let long = "export failed: ".to_string() + &"/a/long/path".repeat(20);
    for message in [None, Some(long)] {
        // Far enough down the list that it is scrolled.
        for _ in 0..8 {
            key(&mut app, KeyCode::Char('j'));
        }
        app.message = message.clone();
        let rows = results_rows(&app, 100, 34);
        // A hit's snippet row cut from the middle of its passage (it starts
        // with `…`, which a hit's head never does); the second one drawn.
        let snippets: Vec<&(u16, String)> = rows
            .iter()
            .filter(|(_, t)| t.starts_with("  …") && t.trim().chars().count() > 20)
            .collect();
        let (y, text) = snippets[1];
        let r = app.layout().results;
        app.update(Action::Click(r.x + 5, *y));
        let (_, p) = app.selected_passage().unwrap();
        let piece: String = text.trim().trim_matches('…').chars().take(15).collect();
        assert!(
            p.text.contains(piece.trim()),
            "{message:?}: clicked {text:?} on row {y}, selected {}",
            p.id
        );
        assert_eq!(app.message, None, "a click clears the message");
    }
}

#[test]
fn a_click_in_the_basket_selects_the_excerpt_under_it() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('G'));
    // Each click moves the selection, and with it the scroll: the screen is
    // read again before each.
    let head_row = |app: &App, k: usize| {
        let head = format!("{:>2}. ", k + 1);
        render(app, 80, 24)
            .lines()
            .position(|l| l.chars().skip(1).collect::<String>().starts_with(&head))
            .map(|y| y as u16)
    };
    let n = app.basket.contents.excerpts.len();
    let mut clicked = 0;
    for k in (0..n).rev() {
        for below in [0, 1] {
            let Some(y) = head_row(&app, k) else {
                continue;
            };
            app.update(Action::Click(10, y + below));
            assert_eq!(
                app.basket.selected, k,
                "{below} rows below excerpt {k}'s head"
            );
            clicked += 1;
        }
    }
    assert!(clicked >= 4, "only {clicked} clicks landed on a head");
}

/// The filter panel's keys are its own: Space includes an entry there, it
/// does not collect a passage.
#[test]
fn the_status_line_names_the_filter_panels_keys_when_it_has_them() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(160, 40));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Filters);
    let screen = render(&app, 160, 40);
    let last = screen.lines().last().unwrap();
    assert!(
        last.contains("Space or + include · x exclude · X clear all"),
        "{last}"
    );
    assert!(!last.contains("Space basket"), "{last}");
    key(&mut app, KeyCode::Tab);
    let screen = render(&app, 160, 40);
    let last = screen.lines().last().unwrap();
    assert!(last.contains("Space basket"), "{last}");
}

#[test]
fn help_and_quit_stay_on_the_status_line_with_many_filters() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(100, 30));
    app.search.filters.not_reports = app
        .corpus()
        .reports
        .iter()
        .map(|r| r.id.clone())
        .take(6)
        .collect();
    let screen = render(&app, 100, 30);
    let last = screen.lines().last().unwrap();
    // The results pane names the filters on the search screen: the status
    // line does not say them a second time.
    assert!(screen.contains("filtered: not Overview"), "{screen}");
    assert!(!last.contains("filtered"), "{last}");
    // In the query bar, the keys that work while typing.
    assert!(last.ends_with("F1 help · Ctrl-C quit"), "{last}");
    key(&mut app, KeyCode::Tab);
    let screen = render(&app, 100, 30);
    let last = screen.lines().last().unwrap();
    assert!(last.ends_with("? help · q quit"), "{last}");
    // On the whole screen, the status line says them, cut short.
    app.focus = Focus::Results;
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen, Screen::Reading);
    let screen = render(&app, 100, 30);
    let last = screen.lines().last().unwrap();
    // Named as the filter panel names them, not by id.
    assert!(
        last.starts_with("filtered: not Overview, not Budd"),
        "{last}"
    );
    assert!(last.contains('…'), "{last}");
    assert!(last.ends_with("? help · q quit"), "{last}");
    // The basket is not filtered: its status line does not say filters.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.screen, Screen::Basket);
    let screen = render(&app, 100, 30);
    let last = screen.lines().last().unwrap();
    assert!(!last.contains("filtered"), "{last}");
}

#[test]
fn copy_queues_the_passage_with_its_citation() {
    let (mut app, _dir) = app();
    type_text(&mut app, "bournemouth");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    let copied = app.take_clipboard().unwrap();
    assert!(copied.contains("Bournemouth and Poole"));
    assert!(copied.contains("nhs-trust-mergers/"));
    // The words are the pack's summary of the discussion: the copy says so.
    assert!(
        copied.contains("; as summarised in Department of Health, "),
        "{copied}"
    );
    // It says what it did (sent), not what it cannot know (copied).
    let said = app.message.clone().unwrap();
    assert!(
        said.starts_with("sent nhs-trust-mergers/") && said.contains("to the terminal's clipboard"),
        "{said}"
    );
}

/// The actions no other test takes, in one session: each step starts from
/// where the one before left the app (the query, the basket), hence one
/// long test.
#[test]
fn the_remaining_actions_do_what_the_help_says() {
    let (mut app, _dir) = app();
    // Text editing in the query bar.
    type_text(&mut app, "mergrs");
    app.update(Action::CursorLeft);
    app.update(Action::CursorLeft);
    app.update(Action::Insert('e'));
    settle(&mut app);
    assert_eq!(app.search.query.value(), "mergers");
    app.update(Action::CursorHome);
    app.update(Action::Delete);
    app.update(Action::CursorEnd);
    app.update(Action::Backspace);
    settle(&mut app);
    assert_eq!(app.search.query.value(), "erger");
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers");

    // Paging and matches inside a report.
    key(&mut app, KeyCode::Enter);
    app.update(Action::PageDown);
    assert!(app.search.selected > 1);
    app.update(Action::PageUp);
    assert_eq!(app.search.selected, 0);
    let report = app.selected_passage().unwrap().0.id.clone();
    app.update(Action::NextMatch);
    assert_eq!(
        app.selected_passage().unwrap().0.id,
        report,
        "n stays in the report"
    );
    app.update(Action::PrevMatch);
    assert_eq!(app.selected_passage().unwrap().0.id, report);

    // Reader scrolling, over the whole report and no further, from a
    // passage as it is first shown (`n` may have scrolled to its match).
    app.reader.scroll = 0;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::Down);
    assert_eq!(app.reader.scroll, 1);
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(app.reader.scroll, -1, "up above the passage");
    app.update(Action::Top);
    let top = app.reader.scroll;
    app.update(Action::Up);
    app.update(Action::PageUp);
    assert_eq!(app.reader.scroll, top, "nothing above the report's start");
    app.update(Action::PageDown);
    assert!(app.reader.scroll > top, "a page down");
    app.update(Action::Bottom);
    let end = app.reader.scroll;
    assert!(end > 1);
    app.update(Action::Down);
    app.update(Action::PageDown);
    assert_eq!(app.reader.scroll, end, "nothing below the report's end");
    // Another passage starts where it is, unless its match is below what
    // the reader shows from there.
    let selected = app.search.selected;
    key(&mut app, KeyCode::Char('n'));
    let text = app.layout().text.unwrap();
    match crate::tui::layout::reader::scroll_to_match(&app, text) {
        None => assert_eq!(app.reader.scroll, 0),
        Some(to) => assert!((1..=to).contains(&app.reader.scroll), "{to}"),
    }
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(app.search.selected, selected);
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.focus, Focus::Query);

    // Basket: reorder and remove.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.basket.contents.excerpts.len(), 3);
    let order: Vec<String> = app
        .basket
        .contents
        .excerpts
        .iter()
        .map(|e| e.passage_id.clone())
        .collect();
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('J'));
    assert_eq!(app.basket.contents.excerpts[1].passage_id, order[0]);
    assert_eq!(app.basket.selected, 1);
    key(&mut app, KeyCode::Char('K'));
    assert_eq!(app.basket.contents.excerpts[0].passage_id, order[0]);
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.basket.contents.excerpts.len(), 2);
    assert!(!app.basket.contents.contains(&order[0]));
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.basket.selected, 1);

    // Compare: choose again with p, and a theme instead of reports.
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    let theme = app.corpus().themes.last().unwrap().id.clone();
    assert_eq!(app.compare.theme.as_deref(), Some(theme.as_str()));
    assert!(
        app.compare_columns()
            .iter()
            .all(|(_, ps)| ps.iter().all(|p| p.themes.contains(&theme)))
    );
    key(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.overlays.top(), Some(Overlay::ComparePicker)));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.compare.column, 1);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.compare.column, 0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);

    // Ctrl-C quits from a text input too.
    key(&mut app, KeyCode::Char('/'));
    app.update(
        action_for(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            app.key_context(),
        )
        .unwrap(),
    );
    assert!(app.quit);
}

#[test]
fn hits_past_the_highlighted_ones_are_still_marked_in_the_list() {
    let (mut app, _dir) = app();
    type_text(&mut app, "the");
    assert!(app.search.results.hits.len() > evidence::search::HIGHLIGHTED_HITS);
    let last = app.search.results.hits.len() - 1;
    assert!(app.search.results.hits[last].highlights.is_empty());
    app.update(Action::Resize(160, 48));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('G'));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let theme = Theme { color: true };
    terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    // Only the results pane: the reader highlights words on its own.
    let r = app.layout().results;
    let highlight = theme.highlight().fg;
    let marked = (r.y..r.y + r.height)
        .flat_map(|y| (r.x..r.x + r.width).map(move |x| (x, y)))
        .any(|(x, y)| highlight.is_some() && buffer[(x, y)].style().fg == highlight);
    assert!(
        marked,
        "no highlighted word in the results list at the last hit"
    );
}

/// A copy of the bundled corpus in `dir`, its index built and then opened
/// again as a fresh one is (from its catalog, reading no report), and the
/// copy's folder.
fn folder_index(dir: &std::path::Path) -> (Arc<Index>, std::path::PathBuf) {
    let corpus_dir = dir.join("corpus");
    evidence::corpus::write_bundled(&corpus_dir).unwrap();
    let source = evidence::corpus::CorpusSource::folder(&corpus_dir).unwrap();
    let options = evidence::search::OpenOptions {
        dir: Some(dir.join("index")),
        ..Default::default()
    };
    Index::open_source(&source, &options, &|_, _| {}).unwrap();
    let index = Index::open_source(&source, &options, &|_, _| {}).unwrap();
    (Arc::new(index), corpus_dir)
}

#[test]
fn a_corpus_without_themes_or_reports_says_so_where_it_has_nothing_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus_dir).unwrap();
    std::fs::write(corpus_dir.join("notes.md"), "# Notes\n\nA paragraph.\n").unwrap();
    let source = evidence::corpus::CorpusSource::folder(&corpus_dir).unwrap();
    let options = evidence::search::OpenOptions {
        dir: Some(dir.path().join("index")),
        ..Default::default()
    };
    let index = Arc::new(Index::open_source(&source, &options, &|_, _| {}).unwrap());
    let mut app = App::new(index, start(&dir));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('m'));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("This corpus has no themes"), "{screen}");
    // And one with no reports at all, in the results pane.
    std::fs::remove_file(corpus_dir.join("notes.md")).unwrap();
    let empty = Arc::new(Index::open_source(&source, &options, &|_, _| {}).unwrap());
    let mut app = App::new(empty, start(&dir));
    type_text(&mut app, "anything");
    key(&mut app, KeyCode::Enter);
    assert!(
        super::layout::no_match_hint(&app).starts_with("This corpus has no reports yet"),
        "{}",
        super::layout::no_match_hint(&app)
    );
}

#[test]
fn a_hit_in_a_file_changed_since_indexing_shows_no_text_and_is_not_collected() {
    let dir = tempfile::tempdir().unwrap();
    let (index, corpus_dir) = folder_index(dir.path());
    let mut app = App::new(index, start(&dir));
    type_text(&mut app, "\"special measures\"");
    key(&mut app, KeyCode::Enter);
    let (path, text) = {
        let (r, p) = app.selected_passage().unwrap();
        (corpus_dir.join(&r.path), p.text.clone())
    };
    // A paragraph inserted at the top moves every passage down one place.
    let body = std::fs::read_to_string(&path).unwrap();
    let at = body.find("\n+++\n").unwrap() + 5;
    let edited = format!("{}An inserted paragraph.\n\n{}", &body[..at], &body[at..]);
    std::fs::write(&path, edited).unwrap();
    assert!(
        app.selected_passage().is_none(),
        "no passage of a changed file"
    );
    let screen = render(&app, 120, 40);
    assert!(screen.contains("(file changed since indexing)"), "{screen}");
    assert!(
        screen.contains("this report's file has changed"),
        "{screen}"
    );
    assert!(!screen.contains("An inserted paragraph"), "{screen}");
    let first_words: String = text
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!screen.contains(&first_words), "{screen}");
    key(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.excerpts.is_empty(), "nothing collected");
    assert_eq!(app.message.as_deref(), Some(super::app::CHANGED));
}

#[test]
fn the_reader_shows_a_hit_without_reading_its_whole_report() {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = folder_index(dir.path());
    let mut app = App::new(index.clone(), start(&dir));
    type_text(&mut app, "\"special measures\"");
    let (report, current) = app.selected_passage().unwrap();
    let (report_id, text) = (report.id.clone(), current.text.clone());
    let screen = render(&app, 160, 48);
    let first_words: String = text
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains(&first_words),
        "{first_words:?} not in\n{screen}"
    );
    let report = index.corpus().report(&report_id).unwrap();
    assert!(
        !report.passages.is_loaded(),
        "drawing the reader read all of {report_id}"
    );
}

#[test]
fn an_excerpt_from_another_corpus_says_where_it_came_from_not_that_it_is_gone() {
    let (mut app, _dir) = app();
    assert_eq!(app.basket.workspace.as_deref(), Some("bundled"));
    let corpus = Corpus::bundled();
    let (r, p) = corpus.passage("big-med/4").unwrap();
    let mut elsewhere = evidence::basket::Excerpt::new(r, p, "2026-01-02");
    elsewhere.passage_id = "my-notes/3".to_string();
    elsewhere.corpus = Some(evidence::workspace::CorpusRef::Folder {
        id: None,
        path: "/home/me/my-notes".into(),
    });
    let mut gone = elsewhere.clone();
    gone.passage_id = "big-med/999".to_string();
    gone.corpus = Some(evidence::workspace::CorpusRef::Bundled);
    app.basket.contents.add(elsewhere, "");
    app.basket.contents.add(gone, "");
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('b'));
    let screen = render(&app, 120, 40);
    let line = |id: &str| {
        screen
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} not in\n{screen}"))
            .to_string()
    };
    assert!(
        line("my-notes/3").contains("from /home/me/my-notes"),
        "{screen}"
    );
    assert!(!line("my-notes/3").contains("gone"), "{screen}");
    assert!(
        line("big-med/999").contains("gone from the corpus"),
        "{screen}"
    );
    assert!(screen.contains("workspace bundled"), "{screen}");
    // Collected now, an excerpt remembers the corpus it came from.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    let last = app.basket.contents.excerpts.last().unwrap();
    assert_eq!(
        last.corpus,
        Some(evidence::workspace::CorpusRef::Bundled),
        "{last:?}"
    );
}

/// The text of the screen inside `r`'s borders, rows joined by newlines.
fn inside(screen: &str, r: ratatui::layout::Rect) -> String {
    screen
        .lines()
        .skip(usize::from(r.y) + 1)
        .take(usize::from(r.height).saturating_sub(2))
        .map(|l| {
            l.chars()
                .skip(usize::from(r.x) + 1)
                .take(usize::from(r.width).saturating_sub(2))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn z_reads_the_passage_on_the_whole_screen_and_esc_returns() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let id = app.selected_passage().unwrap().1.id.clone();
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen, Screen::Reading);
    let layout = app.layout();
    assert_eq!(
        layout.reader, layout.main,
        "the reader takes the whole screen"
    );
    let text = layout.text.unwrap();
    assert!(text.body.width >= 78 && text.body.height >= 16, "{text:?}");
    let screen = render(&app, 80, 24);
    assert!(screen.lines().next().unwrap().contains(&id), "{screen}");
    // The reader's keys work there: scroll, collect, next match.
    key(&mut app, KeyCode::Down);
    assert_eq!(app.reader.scroll, 1);
    key(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.contains(&id));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::Reading);
    // Back where `z` was pressed: the results, where j and k move the
    // list (not the reader, which Space would then act on unseen).
    let before = app.focus;
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.focus, before);
    assert_eq!(app.focus, Focus::Results);
    // z again, and z back.
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen, Screen::Reading);
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen, Screen::Search);
    // With nothing selected there is nothing to read.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "snarfblat");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen, Screen::Search);
}

/// Compare four reports at 80 columns: a cursor per column that the
/// column scrolls to keep in view, ids on every passage, Space collects,
/// Enter reads, and the heading says which columns are shown.
#[test]
fn compare_has_a_passage_cursor_to_collect_and_read_from() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    let reports: Vec<String> = app.corpus().reports[1..5]
        .iter()
        .map(|r| r.id.clone())
        .collect();
    app.search.filters.reports = reports.clone();
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.compare.reports, reports);
    let screen = render(&app, 80, 24);
    assert!(
        screen.lines().next().unwrap().contains("columns 1–2 of 4"),
        "{screen}"
    );
    // The keys fit the heading's row, the ways out always among them.
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        app.update(Action::Resize(w, h));
        let screen = render(&app, w, h);
        let first = screen.lines().next().unwrap().trim_end();
        assert!(first.ends_with("p choose · Esc back"), "{first}");
    }
    app.update(Action::Resize(80, 24));
    let columns = app.compare_columns();
    let first_ids: Vec<String> = columns[0].1.iter().map(|p| p.id.clone()).collect();
    drop(columns);
    assert!(
        screen.contains(&first_ids[0]),
        "each passage shows its id: {screen}"
    );
    // Down the first column, past what fits: it scrolls to keep the cursor
    // in view, and the cursor's id is on screen.
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(app.compare.cursor_of(0), 6);
    assert!(app.compare.scroll_of(0) > 0);
    assert!(render(&app, 80, 24).contains(&first_ids[6]));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.compare.cursor_of(0), 5);
    // Space collects the passage under the cursor, and says so.
    key(&mut app, KeyCode::Char(' '));
    assert!(app.basket.contents.contains(&first_ids[5]));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("added {} to the basket (1 excerpt)", first_ids[5]).as_str())
    );
    assert!(render(&app, 80, 24).contains(&format!("{} ✓ in basket", first_ids[5])));
    // → to the last columns: the heading follows.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert_eq!(app.compare.column, 3);
    let screen = render(&app, 80, 24);
    assert!(
        screen.lines().next().unwrap().contains("columns 3–4 of 4"),
        "{screen}"
    );
    key(&mut app, KeyCode::Right);
    assert_eq!(app.compare.column, 3, "no column past the last");
    // Enter reads the passage on the whole screen; Esc comes back here.
    key(&mut app, KeyCode::Down);
    let id = app.compare_columns()[3].1[1].id.clone();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reading);
    assert_eq!(app.read_passage().unwrap().1.id, id);
    assert!(render(&app, 80, 24).lines().next().unwrap().contains(&id));
    key(&mut app, KeyCode::Char(' '));
    assert!(
        app.basket.contents.contains(&id),
        "collected from the reader"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(app.compare.column, 3);
    // A click picks the column and the passage under it.
    let layout = app.layout();
    let col = layout.compare.as_ref().unwrap().column(2).unwrap().clone();
    let scroll = usize::from(app.compare.scroll_of(2));
    let (start, _) = col.passages[1];
    let y = col.body.y + u16::try_from(start.saturating_sub(scroll)).unwrap();
    app.update(Action::Click(col.body.x + 2, y));
    assert_eq!(app.compare.column, 2);
    assert_eq!(app.compare.cursor_of(2), 1);
}

#[test]
fn filters_are_in_the_results_title_and_the_map_s_and_esc_goes_back_to_the_map() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(120, 40));
    type_text(&mut app, "trusts");
    key(&mut app, KeyCode::Tab);
    // The reader scrolled down a passage's report, then the map.
    app.reader.scroll = 7;
    key(&mut app, KeyCode::Char('m'));
    let before = app.search.filters.clone();
    let map = render(&app, 120, 40);
    assert!(map.contains("passages matching “trusts”"), "{map}");
    assert!(!map.contains("filtered:"), "{map}");
    // Drill down into Buddying Review × Buddying and peer support.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Search);
    // The cell's first passage is read from its start.
    assert_eq!((app.search.selected, app.reader.scroll), (0, 0));
    // The title says it is filtered, and the key; a tall pane writes the
    // filters out whole above the hits.
    let r = app.layout().results;
    let screen = render(&app, 120, 40);
    let title = screen.lines().nth(usize::from(r.y)).unwrap().to_string();
    assert!(
        title.contains("filtered: Buddying") && title.contains("X clears"),
        "{title}"
    );
    let pane = inside(&screen, r);
    let words = pane.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.starts_with("filtered: Buddying Review, Buddying and peer support (X clears)"),
        "{pane}"
    );
    assert!(render(&app, 120, 40).contains("Esc back to the map"));
    // The map drawn under those filters says so.
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(
        app.search.filters, before,
        "m from a cell goes back to the map as it was"
    );
    key(&mut app, KeyCode::Enter);
    app.search.filters.themes.clear();
    app.search.filters.themes.push("leadership".to_string());
    app.screen = Screen::Map;
    let map = render(&app, 120, 40);
    assert!(
        map.lines()
            .next()
            .unwrap()
            .contains("filtered: Buddying Review, Leadership"),
        "{map}"
    );
    app.screen = Screen::Search;
    // Esc from a cell's passages returns to the map as it was.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Map);
    assert_eq!(app.search.filters, before);
    // Changing the filters forgets the way back: Esc is Esc again.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('X'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.focus, Focus::Query);
    // At 80 columns the title still says it is filtered, and how to clear.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('m'));
    // (An empty cell opens nothing: the first cell with passages of a
    // report after the overview.)
    let themes = app.corpus().themes.len();
    let (row, col) = (1..app.corpus().reports.len())
        .find_map(|c| {
            let counts = app.map_counts();
            (0..themes).find(|&r| counts[r][c] > 0).map(|r| (r, c))
        })
        .unwrap();
    let report = app.corpus().reports[col].short_title.clone();
    app.map.cursor = (row, col);
    key(&mut app, KeyCode::Enter);
    app.update(Action::Resize(80, 24));
    let r = app.layout().results;
    let title = render(&app, 80, 24)
        .lines()
        .nth(usize::from(r.y))
        .unwrap()
        .to_string();
    assert!(
        title.contains(&format!("· filtered: {report}, ")) && title.contains("X clears"),
        "{title}"
    );
}

#[test]
fn the_filter_panel_widens_while_it_has_the_focus() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    let narrow = app.layout().filters.width;
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Filters);
    let wide = app.layout().filters.width;
    assert!(wide > narrow, "{narrow} → {wide}");
    let panel = inside(&render(&app, 80, 24), app.layout().filters);
    assert!(panel.contains("Credentialing providers "), "{panel}");
    assert!(panel.contains("Seizing the opportunity "), "{panel}");
    // At 160 columns it is wide enough unfocused for most names.
    app.update(Action::Resize(160, 48));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Results);
    let panel = inside(&render(&app, 160, 48), app.layout().filters);
    assert!(panel.contains("Governance and due diligence "), "{panel}");
}

#[test]
fn snippets_take_more_rows_where_the_results_are_narrow_and_tall() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    for ((w, h), rows) in [
        ((80, 24), 1),
        ((120, 40), 3),
        ((160, 48), 3),
        ((100, 34), 1),
    ] {
        app.update(Action::Resize(w, h));
        let list = app.layout().list;
        assert_eq!(list.snippet_rows, rows, "{w}×{h}");
        if rows > 1 {
            // The first hit's snippet fills more than one row.
            let pane = inside(&render(&app, w, h), app.layout().results);
            let lines: Vec<&str> = pane.lines().collect();
            assert!(
                lines[1].trim().len() > 20 && lines[2].trim().len() > 20,
                "{pane}"
            );
        }
    }
}

#[test]
fn the_note_editor_wraps_and_export_shows_the_whole_path() {
    let (mut app, dir) = app();
    app.cwd = dir.path().to_path_buf();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('a'));
    let note = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
    type_text(&mut app, note);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("one two three"), "{screen}");
    assert!(
        screen.contains("sixteen"),
        "the end of the note is in view too: {screen}"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.basket.contents.excerpts[0].note, note);
    // The prompt says where the file will go; the message where it went.
    key(&mut app, KeyCode::Char('e'));
    let name = "evidence-excerpts-2026-11-29.md";
    let full = dir.path().join(name);
    let screen = render(&app, 80, 24).replace(['│', ' '], "");
    assert!(
        screen.contains(&full.display().to_string().replace(' ', "")),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(full.is_file());
    assert_eq!(
        app.message.as_deref(),
        Some(format!("wrote 1 excerpt to {}", full.display()).as_str())
    );
    // Again: the question names the whole path too.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Enter);
    match app.overlays.top() {
        Some(Overlay::ConfirmOverwrite { existing, .. }) => {
            assert_eq!(existing, std::slice::from_ref(&full))
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.message.as_deref(),
        Some(
            format!(
                "{} was left as it was: type another name, or Esc",
                full.display()
            )
            .as_str()
        )
    );
}

#[test]
fn the_export_prompt_shows_the_extension_it_adds_and_survives_a_failed_overwrite() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, "draft");
    let screen = render(&app, 120, 30).replace(['│', ' '], "");
    let md = app
        .export_target("draft.md")
        .display()
        .to_string()
        .replace(' ', "");
    assert!(screen.contains(&format!("→{md}")), "{screen}");
    key(&mut app, KeyCode::BackTab);
    let screen = render(&app, 120, 30).replace(['│', ' '], "");
    assert!(
        screen.contains("draft.ris") || screen.contains("draft.csv"),
        "{screen}"
    );
    // A link to a folder that does not exist: asked, then the write fails,
    // and the prompt keeps what was typed.
    #[cfg(unix)]
    {
        key(&mut app, KeyCode::Tab);
        let link = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere/target.md"), &link).unwrap();
        app.update(Action::ClearInput);
        type_text(&mut app, link.to_str().unwrap());
        key(&mut app, KeyCode::Enter);
        assert!(matches!(
            app.overlays.top(),
            Some(Overlay::ConfirmOverwrite { .. })
        ));
        key(&mut app, KeyCode::Char('y'));
        assert!(
            app.message
                .as_deref()
                .unwrap_or("")
                .contains("export failed"),
            "{:?}",
            app.message
        );
        match app.overlays.top() {
            Some(Overlay::ExportPath(p)) => assert_eq!(p.input.value(), link.to_str().unwrap()),
            other => panic!("expected the export prompt, got {other:?}"),
        }
    }
}

/// A path typed with a `/` at its end is a folder: one that is not there
/// is said so, and no file of its name is written.
#[test]
fn an_export_to_a_folder_that_is_not_there_writes_nothing() {
    let (mut app, dir) = app();
    app.cwd = dir.path().to_path_buf();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, "drafts/");
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("no such folder"), "{message}");
    assert!(!dir.path().join("drafts").exists());
    assert!(matches!(app.overlays.top(), Some(Overlay::ExportPath(_))));
}

#[test]
fn a_passage_read_from_compare_is_closed_when_the_index_is_replaced() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    app.search.filters.reports = vec!["buddying-review".into(), "big-med".into()];
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Reading);
    assert!(app.reader.pinned.is_some());
    app.update(Action::IndexReplaced(
        super::action::Reopened(index()),
        None,
    ));
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(app.reader.pinned, None);
}

#[test]
fn a_data_folder_that_cannot_be_used_leaves_the_basket_in_memory_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // The data folder is a file: no workspace can be made in it.
    let data = dir.path().join("data");
    std::fs::write(&data, "not a folder").unwrap();
    let start = super::start(Store::new(&data).open(&CorpusSource::Bundled, None));
    assert_eq!(start.basket_path, None);
    assert_eq!(start.workspace, None);
    let said = start.message.clone().unwrap();
    assert!(
        said.starts_with("no workspace (")
            && said.ends_with("the basket is kept only until you quit"),
        "{said}"
    );
    let mut app = App::new(index(), start);
    settle(&mut app);
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.basket.contents.excerpts.len(),
        1,
        "collected all the same"
    );
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "not a folder");
    let screen = render(&app, 80, 24);
    assert!(
        screen.lines().last().unwrap().starts_with("added "),
        "{screen}"
    );
}

/// The export prompt with one buddying excerpt in the basket, writing into
/// the test's folder.
fn export_prompt() -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    app.cwd = dir.path().to_path_buf();
    app.update(Action::Resize(80, 24));
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('e'));
    (app, dir)
}

/// The export prompt on top.
fn prompt(app: &App) -> &super::app::ExportPrompt {
    match app.overlays.top() {
        Some(Overlay::ExportPath(p)) => p,
        other => panic!("expected the export prompt, got {other:?}"),
    }
}

#[test]
fn the_export_prompt_cycles_formats_and_the_extension_follows() {
    use super::app::ExportFormat;
    let (mut app, _dir) = export_prompt();
    assert_eq!(prompt(&app).choice.format, ExportFormat::Markdown);
    let mut seen = Vec::new();
    for _ in 0..7 {
        seen.push((
            prompt(&app).choice.format.label(),
            prompt(&app).input.value().to_string(),
        ));
        key(&mut app, KeyCode::Tab);
    }
    let name = |ext: &str| format!("evidence-excerpts-2026-11-29.{ext}");
    assert_eq!(
        seen,
        [
            ("markdown", name("md")),
            ("markdown for pandoc", name("md")),
            ("BibTeX", name("bib")),
            ("CSL-JSON", name("json")),
            ("RIS", name("ris")),
            ("JSON", name("json")),
            ("CSV", name("csv")),
        ]
    );
    // Round again to markdown; Shift+Tab goes back.
    assert_eq!(prompt(&app).choice.format, ExportFormat::Markdown);
    assert_eq!(prompt(&app).input.value(), name("md"));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(prompt(&app).choice.format, ExportFormat::Csv);
    // A name with the user's own extension keeps it.
    app.update(Action::ClearInput);
    type_text(&mut app, "notes.txt");
    key(&mut app, KeyCode::Tab);
    assert_eq!(prompt(&app).choice.format, ExportFormat::Markdown);
    assert_eq!(prompt(&app).input.value(), "notes.txt");
}

/// Two new users typed a name into the prompt and got it appended to the
/// suggestion (`….mdbriefing`): the suggested name is replaced by what is
/// typed, and kept to edit once the cursor moves.
#[test]
fn a_name_typed_in_the_export_prompt_replaces_the_suggested_one() {
    let (mut app, _dir) = export_prompt();
    assert!(prompt(&app).suggested);
    type_text(&mut app, "briefing");
    assert_eq!(prompt(&app).input.value(), "briefing");
    assert_eq!(prompt(&app).file_name(), "briefing.md");
    // Typed on, it is the user's name now.
    type_text(&mut app, "-mp");
    assert_eq!(prompt(&app).input.value(), "briefing-mp");
    key(&mut app, KeyCode::Esc);
    // Moving the cursor keeps the suggestion to edit.
    key(&mut app, KeyCode::Char('e'));
    let suggested = prompt(&app).input.value().to_string();
    key(&mut app, KeyCode::Home);
    type_text(&mut app, "draft-");
    assert_eq!(prompt(&app).input.value(), format!("draft-{suggested}"));
    key(&mut app, KeyCode::Esc);
    // Backspace takes the whole suggestion.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(prompt(&app).input.value(), "");
}

#[test]
fn the_export_prompt_offers_styles_for_plain_markdown_only() {
    use evidence::cite::Style;
    let (mut app, _dir) = export_prompt();
    assert_eq!(prompt(&app).choice.style, None);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Citations: house"), "{screen}");
    key(&mut app, KeyCode::Down);
    assert_eq!(prompt(&app).choice.style, Some(Style::Apa));
    assert!(render(&app, 80, 24).contains("Citations: APA"));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(prompt(&app).choice.style, Some(Style::Vancouver));
    // Pandoc formats its own citations: no style, and the references' file
    // is named.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    assert_eq!(prompt(&app).choice.style, Some(Style::Vancouver));
    let screen = render(&app, 80, 24).replace(['│', ' '], "");
    assert!(
        screen.contains("Referencesbesideit,inevidence-excerpts-2026-11-29.json"),
        "{screen}"
    );
    assert!(!screen.contains("Citations:"), "{screen}");
}

#[test]
fn the_export_prompt_remembers_its_choice_and_keeps_what_failed() {
    use evidence::cite::Style;
    let (mut app, dir) = export_prompt();
    // A style chosen once stays chosen.
    key(&mut app, KeyCode::Down);
    app.update(Action::ClearInput);
    // A name without an extension gets the format's.
    type_text(&mut app, "draft");
    key(&mut app, KeyCode::Enter);
    assert!(dir.path().join("draft.md").is_file(), "{:?}", app.message);
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(prompt(&app).choice.style, Some(Style::Apa));
    assert!(prompt(&app).input.value().ends_with(".md"));
    // Pandoc's references are written beside the document: when only they
    // are there, the question names them.
    std::fs::write(dir.path().join("refs.json"), "mine").unwrap();
    key(&mut app, KeyCode::Tab);
    app.update(Action::ClearInput);
    type_text(&mut app, "refs");
    key(&mut app, KeyCode::Enter);
    match app.overlays.top() {
        Some(Overlay::ConfirmOverwrite { existing, .. }) => {
            assert_eq!(existing, &[dir.path().join("refs.json")]);
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("refs.json")).unwrap(),
        "mine"
    );
    // When both are there, the question names both: a Yes replaces both.
    std::fs::write(dir.path().join("refs.md"), "my draft").unwrap();
    key(&mut app, KeyCode::Enter);
    match app.overlays.top() {
        Some(Overlay::ConfirmOverwrite { existing, .. }) => {
            assert_eq!(
                existing,
                &[dir.path().join("refs.md"), dir.path().join("refs.json")]
            );
        }
        other => panic!("{other:?}"),
    }
    let screen = render(&app, 100, 30);
    assert!(screen.contains("Overwrite them? y / n"), "{screen}");
    key(&mut app, KeyCode::Char('n'));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("refs.json were left as they were"),
        "{:?}",
        app.message
    );
    std::fs::remove_file(dir.path().join("refs.md")).unwrap();
    // A failed export leaves the prompt open with what was typed.
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    type_text(&mut app, "no-such-folder/x.md");
    key(&mut app, KeyCode::Enter);
    assert_eq!(prompt(&app).input.value(), "no-such-folder/x.md");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("export failed")),
        "{:?}",
        app.message
    );
}

#[test]
fn the_export_prompt_writes_the_format_chosen() {
    let (mut app, dir) = export_prompt();
    // Markdown in APA.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let md = std::fs::read_to_string(dir.path().join("evidence-excerpts-2026-11-29.md")).unwrap();
    assert!(
        md.contains("Foundation Trust Network. (2014). *Buddying Review*."),
        "{md}"
    );
    // Markdown for pandoc: the document and its references beside it, over
    // the first after the question.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlays.top(),
        Some(Overlay::ConfirmOverwrite { .. })
    ));
    key(&mut app, KeyCode::Char('y'));
    let md = std::fs::read_to_string(dir.path().join("evidence-excerpts-2026-11-29.md")).unwrap();
    assert!(md.starts_with("---\ntitle:"), "{md}");
    assert!(
        md.contains("[@ftn2014buddying; as summarised in @dh2014examining]"),
        "{md}"
    );
    let json =
        std::fs::read_to_string(dir.path().join("evidence-excerpts-2026-11-29.json")).unwrap();
    assert!(json.contains("\"id\": \"ftn2014buddying\""), "{json}");
    let (md, json) = (
        dir.path().join("evidence-excerpts-2026-11-29.md"),
        dir.path().join("evidence-excerpts-2026-11-29.json"),
    );
    assert_eq!(
        app.message.as_deref(),
        Some(
            format!(
                "wrote 1 excerpt to {}, their references to {}",
                md.display(),
                json.display()
            )
            .as_str()
        )
    );
    // BibTeX: the prompt opens on the format last written.
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(prompt(&app).choice.format, super::app::ExportFormat::Pandoc);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    let bib = std::fs::read_to_string(dir.path().join("evidence-excerpts-2026-11-29.bib")).unwrap();
    assert!(bib.contains("@techreport{ftn2014buddying,"), "{bib}");
}

#[test]
fn reading_whole_or_collecting_from_the_reader_commits_the_search() {
    let (mut app, _dir) = app();
    type_text(&mut app, "turnaround");
    while app.focus != Focus::Reader {
        key(&mut app, KeyCode::Tab);
    }
    assert!(history_queries(&app).is_empty());
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(history_queries(&app), ["turnaround"]);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "buddying");
    while app.focus != Focus::Reader {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(history_queries(&app), ["turnaround", "buddying"]);
    assert_eq!(app.basket.contents.excerpts.len(), 1);
}

#[test]
fn committed_searches_are_recorded_and_kept_across_restarts() {
    let (mut app, dir) = app();
    // Typing alone records nothing; Enter commits, once per query.
    type_text(&mut app, "budd");
    assert!(history_queries(&app).is_empty());
    type_text(&mut app, "ying");
    key(&mut app, KeyCode::Enter);
    assert_eq!(history_queries(&app), ["buddying"]);
    let total = app.search.results.total;
    assert_eq!(app.recall.history.value.entries[0].hits, total);
    // Collecting from the results commits the search too (the same one:
    // still one entry).
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(history_queries(&app), ["buddying"]);
    // A search committed before its answer comes is recorded with it.
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    for c in "mergers".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Submit);
    assert_eq!(history_queries(&app), ["buddying"]);
    settle(&mut app);
    assert_eq!(history_queries(&app), ["buddying", "mergers"]);
    assert_eq!(
        app.recall.history.value.entries[1].hits,
        app.search.results.total
    );
    // Opening the explorer again: the history is there.
    let again = App::new(index(), start(&dir));
    assert_eq!(history_queries(&again), ["buddying", "mergers"]);
    let on_disk = std::fs::read_to_string(dir.path().join("workspaces/bundled/history.json"));
    assert!(on_disk.unwrap().contains("\"mergers\""));
}

/// Searches committed one after another, each typed after clearing the
/// query: a shorter one is another search, and a search an excerpt was
/// collected from is kept even when the next extends it.
#[test]
fn a_committed_search_is_not_replaced_by_the_next_one_typed() {
    let (mut app, _dir) = app();
    type_text(&mut app, "merger OR chains OR buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "merger");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        history_queries(&app),
        ["merger OR chains OR buddying", "merger"]
    );
    // Typed on at once: an edit of the one before, which takes its place.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "s");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        history_queries(&app),
        ["merger OR chains OR buddying", "mergers"]
    );
    // Collected from: the next extension is a search of its own.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, " costs");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        history_queries(&app),
        ["merger OR chains OR buddying", "mergers", "mergers costs"]
    );
}

#[test]
fn ctrl_p_and_ctrl_n_step_through_earlier_searches_with_their_filters() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    // The first theme included, then a second search.
    key(&mut app, KeyCode::Char('f'));
    let reports = app.corpus().reports.len();
    for _ in 0..reports {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('+'));
    let theme = app.search.filters.themes.clone();
    assert_eq!(theme.len(), 1);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Enter);
    app.update(Action::ClearFilters);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "draft");
    assert_eq!(app.key_context(), KeyContext::Text);
    ctrl(&mut app, 'p');
    assert_eq!(app.search.query.value(), "mergers");
    assert_eq!(app.search.filters.themes, theme);
    ctrl(&mut app, 'p');
    assert_eq!(app.search.query.value(), "buddying");
    assert!(app.search.filters.is_empty());
    // No further back than the oldest.
    ctrl(&mut app, 'p');
    assert_eq!(app.search.query.value(), "buddying");
    ctrl(&mut app, 'n');
    assert_eq!(app.search.query.value(), "mergers");
    ctrl(&mut app, 'n');
    assert_eq!(app.search.query.value(), "draft");
    assert!(app.search.filters.is_empty());
    assert_eq!(app.focus, Focus::Query);
    // Up and Down still go into the results.
    key(&mut app, KeyCode::Down);
    assert_eq!(app.focus, Focus::Results);
    // The search shown, when it is the newest, is not the first step back.
    let (mut app, _dir) = super::tests::app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 'p');
    assert_eq!(app.search.query.value(), "buddying");
}

#[test]
fn ctrl_r_narrows_the_history_and_enter_reruns() {
    let (mut app, _dir) = app();
    for q in ["buddying", "mergers", "governance boards"] {
        key(&mut app, KeyCode::Char('/'));
        app.update(Action::ClearInput);
        type_text(&mut app, q);
        key(&mut app, KeyCode::Enter);
    }
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    ctrl(&mut app, 'r');
    assert!(matches!(app.overlays.top(), Some(Overlay::Recall(_))));
    assert_eq!(app.key_context(), KeyContext::Text);
    // Typing narrows (q and S are letters here), newest first.
    type_text(&mut app, "er");
    let shown: Vec<_> = app
        .recall
        .entries("er")
        .iter()
        .map(|e| e.query.clone())
        .collect();
    assert_eq!(shown, ["governance boards", "mergers"]);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    assert_eq!(app.search.query.value(), "mergers");
    assert!(app.search.results.total > 0);
    assert_eq!(history_queries(&app).last().unwrap(), "mergers");
    // A search run with a report filter this corpus lacks runs without it,
    // and says so.
    let filters = evidence::search::Filters {
        reports: vec!["mine".into()],
        ..Default::default()
    };
    app.recall
        .history
        .value
        .entries
        .push(evidence::history::Entry::now("buddying", &filters, None, 3));
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    ctrl(&mut app, 'r');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.query.value(), "buddying");
    assert_eq!(
        app.message.as_deref(),
        Some("the corpus has no report `mine`; the search runs without that filter")
    );
}

#[test]
fn saved_searches_are_saved_run_renamed_and_deleted() {
    let (mut app, dir) = app();
    // S in the query bar is a letter.
    type_text(&mut app, "buddying S");
    assert_eq!(app.search.query.value(), "buddying S");
    assert!(app.overlays.is_empty());
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    let total = app.search.results.total;
    // In the results, S asks for a name, the query as a start.
    key(&mut app, KeyCode::Char('S'));
    assert_eq!(app.key_context(), KeyContext::Text);
    type_text(&mut app, " help");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.recall.saved.value.list[0].name, "buddying help");
    // An export names the saved searches its excerpts were collected with.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('e'));
    app.update(Action::ClearInput);
    let out = dir.path().join("out.md");
    type_text(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("**Saved searches:**\n\n- buddying help\n"),
        "{text}"
    );
    // Another search, then the saved list: counted, and Enter runs it.
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "mergers");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.recall.counts, [Some(total)]);
    assert_eq!(app.key_context(), KeyContext::Normal);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.query.value(), "buddying");
    assert_eq!(app.search.results.total, total);
    // Opened from the results, the search runs there: j moves down the
    // hits rather than typing a letter into the query.
    settle(&mut app);
    assert_eq!(app.focus, Focus::Results);
    let selected = app.search.selected;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.search.query.value(), "buddying");
    assert_eq!(app.search.selected, selected + 1);
    // Opened from the query bar (Ctrl-R), the recalled search stays there
    // to be edited.
    key(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 'r');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Query);
    // r renames, d twice deletes; each is on disk at once.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('r'));
    app.update(Action::ClearInput);
    type_text(&mut app, "peers");
    key(&mut app, KeyCode::Enter);
    let again = App::new(index(), start(&dir));
    assert_eq!(again.recall.saved.value.list[0].name, "peers");
    // One d only asks (a saved search is the user's work), and any other
    // key keeps it.
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.recall.saved.value.list.len(), 1);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("d again deletes the saved search `peers`"),
        "{message}"
    );
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.recall.saved.value.list.len(), 1);
    key(&mut app, KeyCode::Char('d'));
    assert!(app.recall.saved.value.list.is_empty());
    let again = App::new(index(), start(&dir));
    assert!(again.recall.saved.value.list.is_empty());
}

/// S under a name another saved search has asks before replacing it (its
/// query and filters would be lost), and the count it reports includes
/// the searches saved elsewhere.
#[test]
fn saving_under_a_taken_name_asks_before_replacing() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying costs");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('S'));
    app.update(Action::ClearInput);
    type_text(&mut app, "costs");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    app.update(Action::ClearInput);
    type_text(&mut app, "smaller hospitals");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('S'));
    app.update(Action::ClearInput);
    type_text(&mut app, "costs");
    key(&mut app, KeyCode::Enter);
    // Asked, not replaced: the prompt stays open.
    assert_eq!(app.recall.saved.value.list[0].query, "buddying costs");
    assert_eq!(app.key_context(), KeyContext::Text);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("Enter again replaces it"), "{message}");
    // Another name saves beside it.
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.recall.saved.value.list.len(), 2);
    // The same name twice replaces it.
    key(&mut app, KeyCode::Char('S'));
    app.update(Action::ClearInput);
    type_text(&mut app, "costs");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.recall.saved.value.list[0].query, "smaller hospitals");
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("replaced the saved search `costs` (2 saved searches"),
        "{message}"
    );

    // A name taken by another explorer (or `evidence saved add`) since the
    // list was read is asked about too.
    let path = app.recall.saved_path.clone().unwrap();
    let mut other = evidence::state::Tracked::<evidence::saved::Searches>::load(&path)
        .unwrap()
        .tracked;
    other.value.put(evidence::saved::SavedSearch::new(
        "elsewhere",
        "chains",
        &evidence::search::Filters::default(),
    ));
    other.save(&path).unwrap();
    key(&mut app, KeyCode::Char('S'));
    app.update(Action::ClearInput);
    type_text(&mut app, "elsewhere");
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("`elsewhere` already names a saved search, for `chains`"),
        "{message}"
    );
    assert_eq!(
        app.recall.saved.value.get("elsewhere").unwrap().query,
        "chains"
    );
}

#[test]
fn a_saved_search_named_with_wide_characters_keeps_its_row_whole() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let total = app.search.results.total;
    key(&mut app, KeyCode::Char('S'));
    app.update(Action::ClearInput);
    type_text(&mut app, "peers 🔄 并 ideas");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('s'));
    let screen = render(&app, 120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("peers"))
        .unwrap_or_else(|| panic!("{screen}"));
    let count = evidence::english::plural(total, "passage");
    assert!(row.contains(&format!("{count}│")), "{row}");
}

/// The basket screen shows what another explorer (or the command line)
/// put in or took out since, not what this one last saw.
#[test]
fn the_basket_screen_shows_what_another_explorer_changed() {
    let (mut one, dir) = app();
    let mut two = App::new(index(), start(&dir));
    settle(&mut two);
    type_text(&mut one, "buddying");
    key(&mut one, KeyCode::Enter);
    key(&mut one, KeyCode::Char(' '));
    key(&mut one, KeyCode::Char('b'));
    assert_eq!(one.basket.contents.excerpts.len(), 1);
    type_text(&mut two, "mergers");
    key(&mut two, KeyCode::Enter);
    key(&mut two, KeyCode::Char(' '));
    key(&mut two, KeyCode::Down);
    key(&mut two, KeyCode::Char(' '));
    // The first explorer, back on its search and then on its basket:
    // shown, and the file left as it is.
    let before = std::fs::read(basket_file(&dir)).unwrap();
    key(&mut one, KeyCode::Esc);
    key(&mut one, KeyCode::Char('b'));
    assert_eq!(one.basket.contents.excerpts.len(), 3);
    assert_eq!(std::fs::read(basket_file(&dir)).unwrap(), before);
    let screen = render(&one, 100, 30);
    assert!(screen.contains("Basket (3)"), "{screen}");
}

#[test]
fn two_explorers_keep_each_others_history_and_saved_searches() {
    let (mut one, dir) = app();
    let mut two = App::new(index(), start(&dir));
    settle(&mut two);
    type_text(&mut one, "buddying");
    key(&mut one, KeyCode::Enter);
    type_text(&mut two, "mergers");
    key(&mut two, KeyCode::Enter);
    key(&mut one, KeyCode::Char('S'));
    key(&mut one, KeyCode::Enter);
    key(&mut two, KeyCode::Char('S'));
    key(&mut two, KeyCode::Enter);
    let third = App::new(index(), start(&dir));
    let mut queries = history_queries(&third);
    queries.sort();
    assert_eq!(queries, ["buddying", "mergers"]);
    let mut names: Vec<_> = third
        .recall
        .saved
        .value
        .list
        .iter()
        .map(|s| s.name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["buddying", "mergers"]);
    // Each sees the other's at once in its lists, before saving again.
    key(&mut one, KeyCode::Char('/'));
    app_clear_and_type(&mut one, "governance");
    key(&mut one, KeyCode::Enter);
    key(&mut two, KeyCode::Char('/'));
    ctrl(&mut two, 'r');
    assert_eq!(
        two.recall.entries("")[0].query,
        "governance",
        "{:?}",
        history_queries(&two)
    );
    key(&mut two, KeyCode::Esc);
    key(&mut two, KeyCode::Tab);
    key(&mut one, KeyCode::Tab);
    key(&mut one, KeyCode::Char('S'));
    key(&mut one, KeyCode::Enter);
    key(&mut two, KeyCode::Char('s'));
    assert_eq!(two.recall.saved.value.list.len(), 3);
    assert_eq!(two.recall.counts.len(), 3);
}

/// Clears the query bar and types `text` there.
fn app_clear_and_type(app: &mut App, text: &str) {
    app.update(Action::ClearInput);
    type_text(app, text);
}

#[test]
fn an_unreadable_history_is_set_aside_and_said_on_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("workspaces/bundled");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::write(ws.join("history.json"), "not json").unwrap();
    let app = App::new(index(), start(&dir));
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("the history file could not be read"),
        "{message}"
    );
    let aside = std::fs::read_dir(&ws)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("history.json.unreadable-")
        })
        .count();
    assert_eq!(aside, 1);
}

#[test]
fn the_compare_heading_keeps_its_column_count_at_80_columns() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('c'));
    let reports = app.corpus().reports.len();
    let (longest, _) = app
        .corpus()
        .themes
        .iter()
        .enumerate()
        .max_by_key(|(_, t)| t.label.chars().count())
        .unwrap();
    app.compare.picker = reports + longest;
    key(&mut app, KeyCode::Enter);
    assert!(app.compare.theme.is_some());
    let screen = render(&app, 80, 24);
    let heading = screen.lines().next().unwrap_or("");
    let total = app.compare_columns().len();
    assert!(heading.contains(" · columns 1–"), "{screen}");
    assert!(heading.contains(&format!(" of {total}")), "{heading}");
}

#[test]
fn a_long_id_in_a_narrow_compare_column_is_cut_at_its_start_not_wrapped() {
    use super::layout::compare::column_lines;
    let (mut app, _dir) = app();
    let index = index();
    let report = index
        .corpus()
        .report("changing-hospital-landscape")
        .unwrap();
    let passages: Vec<&evidence::corpus::Passage> = report.passages.iter().take(12).collect();
    let first = passages[0].id.clone();
    let excerpt = evidence::basket::Excerpt::new(report, passages[0], "2026-12-06");
    app.basket.contents.add(excerpt, "");
    let theme = Theme { color: false };
    let cols = unicode_width::UnicodeWidthStr::width;
    for width in [14u16, 20, 28, 40] {
        let (lines, chunks) = column_lines(&app, &theme, &passages, None, width);
        for ((at, len), p) in chunks.iter().zip(&passages) {
            // The id's line: the one before the text (after a heading).
            let line: String = lines[*at + *len - 2]
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect();
            assert!(
                cols(line.as_str()) <= usize::from(width),
                "{width}: {line:?}"
            );
            let local = p.id.rsplit('/').next().unwrap();
            let id_part = line.split(" ✓").next().unwrap();
            assert!(id_part.ends_with(&format!("/{local}")), "{width}: {line:?}");
            assert!(p.id.ends_with(id_part.trim_start_matches('…')), "{line:?}");
            assert_eq!(line.contains('✓'), p.id == first, "{line:?}");
        }
    }
}

/// In a passage longer than the reader, `n` brings the matched word into
/// view, not only the passage's start.
#[test]
fn next_match_shows_the_word_in_a_long_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = Corpus::bundled();
    let long = format!(
        "{} At the very end comes quokkafinal, the word to find.",
        "The board weighed shared services for the group, from pathology to payroll. ".repeat(60)
    );
    corpus.reports[0].passages[0].text = long;
    let index = Arc::new(Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap());
    let mut app = App::new(index, start(&dir));
    app.update(Action::Resize(120, 40));
    settle(&mut app);
    type_text(&mut app, "quokkafinal");
    key(&mut app, KeyCode::Enter);
    // The reader is the right-hand third (the results show the word in
    // their snippet).
    let reader = |app: &App| columns(&render(app, 120, 40), 80, 120);
    assert!(!reader(&app).contains("quokkafinal"), "{}", reader(&app));
    app.update(Action::NextMatch);
    assert!(reader(&app).contains("quokkafinal"), "{}", reader(&app));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("match 1 of 1 in this report"), "{screen}");
}

/// Passages with no theme (a document imported without one, or a report
/// coded only in part) have a row of their own at the foot of the map,
/// counted for the query like any theme's, and Enter on its cell lists
/// them. A corpus whose every passage has a theme has no such row.
#[test]
fn the_map_counts_passages_without_a_theme_in_a_row_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = Arc::new(Index::in_memory(Arc::new(Corpus::bundled()), 1, &|_, _| {}).unwrap());
    let mut app = App::new(bundled, start(&dir));
    app.update(Action::Resize(200, 50));
    settle(&mut app);
    app.update(Action::ShowMap);
    // The bundled corpus has a few (footnotes): the row counts them all,
    // as `check` does.
    let corpus = Corpus::bundled();
    let without = corpus
        .passages()
        .filter(|(_, p)| p.themes.is_empty())
        .count();
    assert!(without > 0);
    let counts = app.map_counts();
    assert_eq!(counts.len(), corpus.themes.len() + 1);
    assert_eq!(counts[corpus.themes.len()].iter().sum::<usize>(), without);
    assert!(render(&app, 200, 50).contains("(no theme)"));

    let mut corpus = Corpus::bundled();
    let last = corpus.reports.len() - 1;
    // The last report has none; the first has two without beside the rest.
    for p in corpus.reports[last].passages.iter_mut() {
        p.themes.clear();
    }
    for p in corpus.reports[0].passages.iter_mut().take(2) {
        p.themes.clear();
    }
    let count = corpus.reports[last].passages.len();
    let themes = corpus.themes.len();
    let expected: Vec<usize> = corpus
        .reports
        .iter()
        .map(|r| r.passages.iter().filter(|p| p.themes.is_empty()).count())
        .collect();
    let all_themed = expected.iter().position(|&n| n == 0).unwrap();
    let index = Arc::new(Index::in_memory(Arc::new(corpus), 1, &|_, _| {}).unwrap());
    let mut app = App::new(index, start(&dir));
    app.update(Action::Resize(200, 50));
    settle(&mut app);
    app.update(Action::ShowMap);
    let counts = app.map_counts();
    assert_eq!(counts.len(), themes + 1);
    assert_eq!(counts[themes][last], count);
    assert!(expected[0] >= 2);
    assert_eq!(counts[themes], expected);
    let screen = render(&app, 200, 50);
    assert!(screen.contains("(no theme)"), "{screen}");
    // Down to the last row, across to the last report: its cell in words.
    for _ in 0..themes {
        key(&mut app, KeyCode::Down);
    }
    for _ in 0..last {
        key(&mut app, KeyCode::Right);
    }
    assert_eq!(app.map.cursor, (themes, last));
    let screen = render(&app, 200, 50);
    let said = format!("× (no theme) — {count} passages");
    assert!(screen.contains(&said), "{screen}");
    // Enter lists exactly those passages.
    key(&mut app, KeyCode::Enter);
    settle(&mut app);
    assert_eq!(app.search.results.total, count);
    assert_eq!(app.search.filters.not_themes.len(), themes);
    let screen = render(&app, 200, 50);
    assert!(
        screen.contains("filtered: Collective leadership, no theme"),
        "{screen}"
    );
    // Filtered to a report whose passages all have themes, the row goes,
    // and a cursor left on it stands on the last theme.
    app.update(Action::ClearFilters);
    let themed = app.corpus().reports[all_themed].id.clone();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, &format!("report:{themed}"));
    key(&mut app, KeyCode::Enter);
    settle(&mut app);
    app.update(Action::ShowMap);
    app.map.cursor = (themes, all_themed);
    assert_eq!(app.map_counts().len(), themes);
    let last_theme = app.corpus().themes[themes - 1].label.clone();
    let screen = render(&app, 200, 50);
    assert!(!screen.contains("(no theme)"), "{screen}");
    assert!(screen.contains(&format!("× {last_theme} — ")), "{screen}");
}

/// An empty cell of the map, opened, says so and the way back, rather
/// than suggesting fewer words for a query that has none.
/// Esc in the note editor with something typed asks first: the second Esc
/// throws it away, any key in between keeps editing; with nothing changed
/// one Esc closes it.
#[test]
fn esc_asks_before_throwing_away_a_typed_note() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "nothing typed: one Esc closes");
    key(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "a long thought");
    key(&mut app, KeyCode::Esc);
    assert!(!app.overlays.is_empty());
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("Esc again throws away"), "{message}");
    // Typing on keeps the note open and asks again at the next Esc.
    type_text(&mut app, ", and more");
    key(&mut app, KeyCode::Esc);
    assert!(!app.overlays.is_empty());
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!(app.basket.contents.excerpts[0].note, "");
    // Enter saves, as before.
    key(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "kept");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.basket.contents.excerpts[0].note, "kept");
}

/// Enter on a report in the compare picker with none ticked ticks it, and
/// the message says so before what is left to do.
#[test]
fn enter_on_a_first_report_in_the_picker_says_it_ticked_it() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.overlays.top(), Some(Overlay::ComparePicker)));
    key(&mut app, KeyCode::Enter);
    let first = app.corpus().reports[0].short_title.clone();
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with(&format!("{first} ticked: tick 2 to 4 reports")),
        "{message}"
    );
    assert_eq!(app.compare.ticked.len(), 1);
}

#[test]
fn an_export_s_warning_is_read_whole_at_80_by_24() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(80, 24));
    // What an export of a basket with gone and changed excerpts says.
    app.message = Some(
        "wrote 14 excerpts to /home/researcher/projects/briefing/evidence-excerpts-2026-12-06.md · \
         2 excerpts gone from the corpus (nhs-trust-mergers/4, nhs-trust-mergers/9), 1 excerpt \
         changed in the corpus since collected (credentialing-providers/12): exported as \
         collected; check them before citing"
            .to_string(),
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("before citing"), "{screen}");
}

#[test]
fn a_compare_column_heads_each_run_of_passages_with_their_section() {
    use super::layout::compare::column_lines;
    let (app, _dir) = app();
    let index = index();
    // A report with no key sections: every passage is compared, under the
    // headings the report gives them.
    let report = index
        .corpus()
        .reports
        .iter()
        .find(|r| r.key_sections.is_empty() && r.passages.iter().any(|p| p.heading().is_some()))
        .unwrap();
    let passages: Vec<&evidence::corpus::Passage> = report.passages.iter().collect();
    let theme = Theme { color: false };
    let (lines, chunks) = column_lines(&app, &theme, &passages, None, 60);
    let text = |i: usize| -> String { lines[i].spans.iter().map(|s| s.content.as_ref()).collect() };
    let mut heading: Option<&str> = None;
    let mut headed = 0;
    for ((at, len), p) in chunks.iter().zip(&passages) {
        // A lead-in is shown as the passage it is, not again as a heading
        // over its items.
        if p.heading().is_some() && p.heading() != heading {
            heading = p.heading();
            assert_eq!(*len, 3, "{}", p.id);
            assert_eq!(text(*at), super::ui::ellipsized(heading.unwrap(), 60));
            headed += 1;
        } else {
            assert_eq!(*len, 2, "{}", p.id);
        }
        assert_eq!(text(*at + *len - 2), p.id);
    }
    assert!(headed > 0, "{}", report.id);
}

/// `c` after the reports compared last left the corpus (their files
/// renamed): the picker, not an empty screen, with what is left ticked.
#[test]
fn c_chooses_again_when_what_was_compared_is_gone() {
    let (mut app, _dir) = app();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    let kept = app.corpus().reports[1].id.clone();
    app.compare.reports = vec!["renamed-away".to_string(), "also-gone".to_string()];
    key(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.overlays.top(), Some(Overlay::ComparePicker)));
    assert!(app.compare.ticked.is_empty());
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    app.compare.reports = vec!["renamed-away".to_string(), kept];
    key(&mut app, KeyCode::Char('c'));
    // One of the two is still there: it is compared alone, as before.
    assert!(!matches!(app.overlays.top(), Some(Overlay::ComparePicker)));
    assert_eq!(app.compare_columns().len(), 1);
}

#[test]
fn an_empty_map_cell_says_why_it_opens_nothing() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.screen, Screen::Map);
    let counts = app.map_counts();
    let empty = counts
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|&n| n == 0).map(|c| (r, c)))
        .expect("some report says nothing of buddying on some theme");
    app.map.cursor = empty;
    let filters = app.search.filters.clone();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Map, "an empty cell is not opened");
    assert_eq!(app.search.filters, filters);
    let said = app.message.clone().unwrap_or_default();
    let report = &app.corpus().reports[empty.1].short_title;
    assert!(
        said.starts_with(&format!(
            "nothing to open: {report} has no passage matching this search on the theme "
        )),
        "{said}"
    );
    // A cell with passages still opens them.
    let full = counts
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|&n| n > 0).map(|c| (r, c)))
        .unwrap();
    app.map.cursor = full;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.results.total, counts[full.0][full.1]);
}

/// Under a filter the map's counts are of the filtered search, so a cell
/// reading 0 is opened all the same (its own filters replace them); one
/// that is empty then says so, and Esc goes back.
#[test]
fn an_empty_map_cell_opened_under_a_filter_says_the_way_back() {
    let (mut app, _dir) = app();
    app.update(Action::Resize(120, 40));
    app.search.filters.reports = vec!["big-med".to_string()];
    type_text(&mut app, "hospitals");
    app.update(Action::ShowMap);
    settle(&mut app);
    let col = app
        .corpus()
        .reports
        .iter()
        .position(|r| r.id == "big-med")
        .unwrap();
    let themes = app.corpus().themes.len();
    let counts = app.map_counts();
    let row = (0..themes).find(|&r| counts[r][col] == 0).unwrap();
    app.map.cursor = (row, col);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.results.total, 0);
    let screen = render(&app, 160, 48);
    assert!(
        screen.contains("No passage in this cell of the map."),
        "{screen}"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Map);
}

/// `U` on a basket entry whose passage changed since it was collected
/// shows how (a word diff), and the same key again takes the corpus's text
/// into it, keeping its note and the text collected (for `verify`); any
/// other key in between takes nothing.
#[test]
fn a_changed_excerpt_shows_how_and_takes_the_text_now_in_the_basket() {
    let (mut app, dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    let now = app.basket.contents.excerpts[0].text.clone();
    let id = app.basket.contents.excerpts[0].passage_id.clone();
    // Collected when the passage said something else.
    let old = format!("Formerly: {now}");
    app.basket.contents.excerpts[0].text.clone_from(&old);
    app.basket.contents.excerpts[0].note = "check the figure".to_string();
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("changed since collected (U shows how"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('U'));
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with(&format!("{id} reads now: [-Formerly:-]"))
            && said.contains("U again takes this text"),
        "{said}"
    );
    assert_eq!(app.basket.contents.excerpts[0].text, old);
    // Another key between: nothing taken, and U shows the diff again.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('U'));
    assert_eq!(app.basket.contents.excerpts[0].text, old);
    key(&mut app, KeyCode::Char('U'));
    let e = &app.basket.contents.excerpts[0];
    assert_eq!(e.text, now);
    assert_eq!(e.note, "check the figure");
    assert_eq!(e.earlier, std::slice::from_ref(&old));
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("now has the corpus's text"),
        "{:?}",
        app.message
    );
    let saved = std::fs::read_to_string(basket_file(&dir)).unwrap();
    assert!(
        saved.contains("Formerly:"),
        "the collected text is kept: {saved}"
    );
    // Up to date now.
    key(&mut app, KeyCode::Char('U'));
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("nothing to update"),
        "{:?}",
        app.message
    );
}

/// `U` on an excerpt whose report's details changed since it was collected
/// (its date corrected) takes them, for every excerpt of that report, and
/// says what changed.
#[test]
fn u_takes_a_reports_new_details_for_its_excerpts() {
    let (mut app, _dir) = app();
    type_text(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('b'));
    let report = app.basket.contents.excerpts[0].report_id.clone();
    let same: Vec<usize> = (0..app.basket.contents.excerpts.len())
        .filter(|&i| app.basket.contents.excerpts[i].report_id == report)
        .collect();
    // Collected when the report was dated otherwise.
    for &i in &same {
        app.basket.contents.excerpts[i].published = Some("1999".to_string());
    }
    key(&mut app, KeyCode::Char('U'));
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("now has its report's details"), "{said}");
    assert!(said.contains("date: 1999 → "), "{said}");
    let published = app.corpus().report(&report).unwrap().published.clone();
    for &i in &same {
        assert_eq!(app.basket.contents.excerpts[i].published, published);
    }
}

/// A question's notes (every synonym searched) are cut to a few rows above
/// the hits, the last saying how to read them whole; `i` shows them all,
/// and Esc goes back.
#[test]
fn a_question_s_long_notes_leave_the_pane_to_the_hits_and_i_reads_them_whole() {
    let (mut app, _dir) = app();
    type_text(
        &mut app,
        "does pairing a failing trust with a mentor trust help",
    );
    let typing = render(&app, 120, 40);
    assert!(
        typing.contains("… more: Tab, i shows all notes"),
        "{typing}"
    );
    key(&mut app, KeyCode::Enter);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("… more: i shows all notes"), "{screen}");
    assert!(!screen.contains("(for mentor)"), "{screen}");
    let layout = crate::tui::layout::compute(ratatui::layout::Rect::new(0, 0, 120, 40), &app);
    assert!(
        layout.list.cut && layout.list.head_rows <= 6,
        "{:?}",
        layout.list
    );
    assert!(layout.list.rows >= 5, "{:?}", layout.list);
    key(&mut app, KeyCode::Char('i'));
    assert!(matches!(app.overlays.top(), Some(Overlay::Notes { .. })));
    let whole = render(&app, 120, 40);
    assert!(whole.contains("(for mentor)"), "{whole}");
    assert!(whole.contains("The search's notes"), "{whole}");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.top().is_none());
    // Notes that fit are shown whole, with no such row.
    key(&mut app, KeyCode::Char('/'));
    app_clear_and_type(&mut app, "buddying");
    key(&mut app, KeyCode::Enter);
    let screen = render(&app, 120, 40);
    assert!(!screen.contains("all notes"), "{screen}");
    key(&mut app, KeyCode::Char('i'));
    assert!(app.overlays.top().is_none());
    assert_eq!(app.message.as_deref(), Some("this search has no notes"));
}

/// A list item in the basket shows the lead-in it answers, as an export
/// gives it, so that "a reduction in …" is not read alone.
#[test]
fn a_list_item_in_the_basket_shows_its_lead_in() {
    let (mut app, _dir) = app();
    let corpus = Corpus::bundled();
    let (report, passage) = corpus.passage("credentialing-providers/3").unwrap();
    let excerpt = evidence::basket::Excerpt::new(report, passage, "2026-11-29");
    app.basket.contents.add(excerpt, "");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('b'));
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains(
            "In a list introduced by: There are a number of problems credentialing can help solve:"
        ),
        "{screen}"
    );
}
