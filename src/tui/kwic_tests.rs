//! Tests of the words-in-context screen (#20): `App::update` with the real
//! concordance worker answering, and snapshots at 80×24 and 160×48.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::action::{Action, action_for};
use super::app::{App, Screen, Start};
use super::kwic_worker::{self, KwicUpdate};
use super::tests::{index, render};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use evidence::corpus::CorpusSource;
use evidence::search::Filters;
use evidence::search::kwic::Sort;
use evidence::workspace::Store;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// An app over the bundled corpus, and the concordance worker's channels.
struct Harness {
    app: App,
    jobs: Sender<(u64, kwic_worker::KwicJob)>,
    answers: Receiver<Action>,
    _dir: tempfile::TempDir,
}

fn identity(a: Action) -> Action {
    a
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let start = Start {
        today: "2026-11-29".to_string(),
        ..super::start(Store::new(dir.path()).open(&CorpusSource::Bundled, None))
    };
    let (tx, answers) = channel();
    let jobs = kwic_worker::spawn(tx, identity);
    let mut h = Harness {
        app: App::new(index(), start),
        jobs,
        answers,
        _dir: dir,
    };
    h.settle();
    h
}

impl Harness {
    /// Runs pending searches synchronously, and concordance jobs on the
    /// worker until it has answered them, applying every answer in order.
    fn settle(&mut self) -> Vec<KwicUpdate> {
        let mut seen = Vec::new();
        loop {
            while let Some((generation, request)) = self.app.take_search() {
                let result = self.app.index.search(&request).map_err(Into::into);
                self.app
                    .update(Action::SearchDone(generation, Box::new(result)));
            }
            let Some(job) = self.app.take_concordance() else {
                return seen;
            };
            let generation = job.0;
            self.jobs.send(job).unwrap();
            loop {
                let answer = self
                    .answers
                    .recv_timeout(Duration::from_secs(30))
                    .expect("the worker answers");
                let Action::KwicDone(g, update) = &answer else {
                    continue;
                };
                let last = *g == generation
                    && matches!(
                        **update,
                        KwicUpdate::Finished { .. }
                            | KwicUpdate::Failed(_)
                            | KwicUpdate::Collocates(_)
                    );
                seen.push((**update).clone());
                self.app.update(answer);
                if last {
                    break;
                }
            }
        }
    }

    fn key(&mut self, code: KeyCode) -> Vec<KwicUpdate> {
        let action = action_for(
            KeyEvent::new(code, KeyModifiers::NONE),
            self.app.key_context(),
        )
        .unwrap();
        self.app.update(action);
        self.settle()
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }
}

/// Every occurrence of a query, from the library, in an order.
fn expected(query: &str, sort: Sort) -> Vec<evidence::search::kwic::Occurrence> {
    let index = index();
    let c = index.concordance(query, &Filters::default()).unwrap();
    let mut all = index.all_occurrences(&c, &mut |_| true).unwrap();
    index.sort_occurrences(&mut all, sort);
    all
}

#[test]
fn w_types_in_the_query_bar_and_opens_the_concordance_elsewhere() {
    let mut h = harness();
    h.type_text("merger w");
    assert_eq!(h.app.search.query.value(), "merger w");
    assert_eq!(h.app.screen, Screen::Search);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    assert_eq!(h.app.screen, Screen::Concordance);
    let k = &h.app.concordance;
    assert!(k.finished);
    assert_eq!(k.lines, expected("merger", Sort::Report));
    let t = k.totals();
    assert_eq!(t, index().totals(&k.lines));
    let screen = render(&h.app, 120, 30);
    assert!(
        screen.contains(&format!(
            "{} occurrences in {} passages of {} reports, in report order",
            t.occurrences, t.passages, t.reports
        )),
        "{screen}"
    );
    // Esc goes back to the search.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Search);
}

#[test]
fn an_empty_query_says_what_to_do() {
    let mut h = harness();
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    assert_eq!(h.app.screen, Screen::Search);
    let message = h.app.message.clone().unwrap_or_default();
    assert!(message.contains("a concordance needs words"), "{message}");
}

#[test]
fn no_occurrence_names_the_filters_only_when_there_are_some() {
    let mut h = harness();
    h.app.update(Action::Resize(120, 40));
    h.type_text("buddying");
    h.key(KeyCode::Enter);
    h.app.search.filters.reports = vec!["big-med".to_string()];
    h.key(KeyCode::Char('w'));
    assert_eq!(h.app.screen, Screen::Concordance);
    let screen = render(&h.app, 120, 40);
    assert!(
        screen.contains("in no passage within the filters"),
        "{screen}"
    );
    let mut h = harness();
    h.app.update(Action::Resize(120, 40));
    h.type_text("snarfblat");
    h.key(KeyCode::Enter);
    h.app.update(Action::ShowConcordance);
    h.settle();
    let screen = render(&h.app, 120, 40);
    assert!(
        screen.contains("No occurrences: no passage has the query's words."),
        "{screen}"
    );
}

#[test]
fn keys_sort_the_lines_and_act_on_the_selected_one() {
    let mut h = harness();
    h.type_text("merger");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    for (c, sort) in [
        ('2', Sort::Left),
        ('3', Sort::Left2),
        ('4', Sort::Right),
        ('5', Sort::Right2),
        ('1', Sort::Report),
    ] {
        let updates = h.key(KeyCode::Char(c));
        assert_eq!(h.app.concordance.sort, sort);
        assert_eq!(
            h.app.concordance.lines,
            expected("merger", sort),
            "{sort:?}"
        );
        // A sort counts first (progress), then sends every line at once.
        if sort.needs_all() {
            assert!(
                updates
                    .iter()
                    .any(|u| matches!(u, KwicUpdate::Counting { .. })),
                "{updates:?}"
            );
        }
    }
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let line = h.app.concordance.lines[2];
    let index = index();
    let id = index.passage(line.ord).unwrap().1.id.clone();
    // y copies the line, with the report and passage.
    h.key(KeyCode::Char('y'));
    let copied = h.app.take_clipboard().unwrap();
    assert!(copied.contains(&id), "{copied}");
    assert!(copied.to_lowercase().contains("merger"), "{copied}");
    // Space collects the passage.
    h.key(KeyCode::Char(' '));
    assert!(
        h.app
            .basket
            .contents
            .excerpts
            .iter()
            .any(|e| e.passage_id == id)
    );
    // Its line says it is collected (Space again would take it out).
    let screen = render(&h.app, 160, 40);
    assert!(screen.contains("✓ "), "{screen}");
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("✓ ")).collect();
    assert!(marked.iter().all(|l| l.contains(&id)), "{marked:?}");
    // Enter reads it on the whole screen; Esc comes back.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reading);
    assert_eq!(h.app.read_ord(), Some(line.ord));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Concordance);
}

#[test]
fn report_order_streams_the_first_screenful_before_the_count_ends() {
    let mut h = harness();
    h.type_text("care OR hospital OR provider OR services");
    h.key(KeyCode::Enter);
    let updates = h.key(KeyCode::Char('w'));
    let total = h.app.concordance.lines.len();
    assert!(total > 150, "{total}");
    // The first batch of lines came before the end, with passages left.
    let first = updates
        .iter()
        .position(|u| matches!(u, KwicUpdate::Found { .. }))
        .unwrap();
    let KwicUpdate::Found { occurrences, done } = &updates[first] else {
        unreachable!()
    };
    assert!(!occurrences.is_empty() && occurrences.len() < total);
    assert!(*done < h.app.concordance.passages);
    assert!(matches!(
        updates.last(),
        Some(KwicUpdate::Finished { sorted: None })
    ));
}

#[test]
fn a_synonym_is_marked_on_its_line() {
    let mut h = harness();
    h.type_text("red tape");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    let screen = render(&h.app, 160, 30);
    assert!(screen.contains("≈red tape"), "{screen}");
    assert!(screen.contains("bureaucracy"), "{screen}");
    // At 80 columns the mark stays, without the words it stands for, so
    // that the contexts keep their room and no id is cut.
    let screen = render(&h.app, 80, 24);
    let lines: Vec<&str> = screen.lines().filter(|l| l.contains('≈')).collect();
    assert!(!lines.is_empty(), "{screen}");
    for l in &lines {
        assert!(!l.contains("≈red tape") && !l.contains('…'), "{screen}");
    }
}

#[test]
fn collocates_list_and_enter_adds_one_to_the_query() {
    let mut h = harness();
    h.type_text("merger");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('C'));
    let found = h.app.concordance.collocates.clone().unwrap();
    assert_eq!(found, {
        let mut c = index().collocates(&expected("merger", Sort::Report), 5);
        evidence::search::kwic::sort_collocates(&mut c, Default::default());
        c
    });
    h.key(KeyCode::Char('o'));
    let counts: Vec<usize> = h
        .app
        .concordance
        .collocates
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.count)
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let word = h.app.concordance.collocates.as_ref().unwrap()[1]
        .word
        .clone();
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.search.query.value(), format!("merger {word}"));
    assert_eq!(h.app.concordance.query, format!("merger {word}"));
    assert_eq!(
        h.app.concordance.lines,
        expected(&format!("merger {word}"), Sort::Report)
    );
}

#[test]
fn an_id_cut_to_fit_loses_its_start_never_its_end() {
    let mut h = harness();
    h.app.update(Action::Resize(120, 40));
    h.type_text("merger");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('C'));
    let shown: std::collections::HashSet<String> = h
        .app
        .concordance
        .lines
        .iter()
        .filter_map(|o| h.app.index.passage(o.ord).map(|(_, p)| p.id.clone()))
        .collect();
    let screen = render(&h.app, 120, 40);
    let mut ids = 0;
    for word in screen.split(|c: char| c.is_whitespace() || c == '│') {
        let Some((_, number)) = word.rsplit_once('/') else {
            continue;
        };
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        ids += 1;
        match word.strip_prefix('…') {
            Some(end) => assert!(shown.iter().any(|id| id.ends_with(end)), "{word}"),
            None => assert!(shown.contains(word), "{word} is not a line's id\n{screen}"),
        }
    }
    assert!(ids > 5, "{screen}");
}

fn snapshots(w: u16, hgt: u16) {
    let mut h = harness();
    h.app.update(Action::Resize(w, hgt));
    h.type_text("merger");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    insta::assert_snapshot!(format!("kwic_{w}x{hgt}"), render(&h.app, w, hgt));
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('C'));
    insta::assert_snapshot!(format!("kwic_collocates_{w}x{hgt}"), render(&h.app, w, hgt));
}

#[test]
fn kwic_screens_at_80x24() {
    snapshots(80, 24);
}

#[test]
fn kwic_screens_at_160x48() {
    snapshots(160, 48);
}

#[test]
fn reading_from_words_in_context_commits_the_search_to_the_history() {
    let mut h = harness();
    h.app.update(Action::Resize(120, 40));
    h.type_text("turnaround");
    h.settle();
    h.app.update(Action::ShowConcordance);
    h.settle();
    assert_eq!(h.app.screen, Screen::Concordance);
    h.key(KeyCode::Enter);
    h.settle();
    let queries: Vec<&str> = h
        .app
        .recall
        .history
        .value
        .entries
        .iter()
        .map(|e| e.query.as_str())
        .collect();
    assert_eq!(queries, ["turnaround"]);
}

#[test]
fn esc_hides_the_collocates_first_then_leaves_the_words_in_context() {
    let mut h = harness();
    h.type_text("merger");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('C'));
    assert!(h.app.concordance.collocates_shown);
    h.key(KeyCode::Esc);
    assert!(!h.app.concordance.collocates_shown);
    assert_eq!(h.app.screen, Screen::Concordance);
    h.key(KeyCode::Esc);
    assert_ne!(h.app.screen, Screen::Concordance);
}
