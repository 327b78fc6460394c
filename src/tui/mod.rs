//! The interactive explorer: terminal set-up and restore, the event loop,
//! first-run index building shown in the interface's own frame, and keeping
//! the index up to date with a corpus folder that changes while it is open.
//! State lives in [`app::App`], keys map to [`action::Action`]s, what goes
//! where on the screen is [`layout`], drawing is in [`ui`].

pub mod action;
pub mod app;
pub mod kwic_worker;
pub mod layout;
pub mod theme;
pub mod ui;
mod worker;

use action::{Action, action_for};
use app::{App, ExportChoice, Start};
use base64::Engine as _;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use evidence::basket::Basket;
use evidence::corpus::CorpusSource;
use evidence::search::{Index, OpenOptions};
use evidence::state::{Kept, Tracked};
use evidence::workspace::{self, Opened, Store};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Sender, TryRecvError, channel};
use std::time::Duration;
use theme::Theme;

/// What the index-opening thread reports.
enum Loading {
    Progress(u64, u64),
    Ready(Box<evidence::Result<Index>>),
}

/// What the explorer is opened on: all it takes from the command line, so
/// that it knows nothing of the command line's types.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The corpus folder (`--corpus`); the bundled corpus when `None`.
    pub corpus: Option<PathBuf>,
    /// Where the search index lives (`--index-dir`); the usual place when `None`.
    pub index_dir: Option<PathBuf>,
    /// The repository's index folder, when run from the repository (see
    /// `OpenOptions::repository`).
    pub repository: Option<PathBuf>,
    /// The named workspace to work in (`--workspace`); the corpus's own
    /// when `None`.
    pub workspace: Option<String>,
}

/// Runs the explorer until the user quits. The terminal is restored on every
/// way out, panics included (ratatui's hook).
pub fn run(launch: &Launch) -> anyhow::Result<()> {
    let source = CorpusSource::chosen(launch.corpus.as_deref())?;
    // A name that cannot be a workspace's is refused before the screen is
    // taken; a data folder that cannot be used leaves the basket in memory,
    // said on the status line.
    if let Some(name) = &launch.workspace {
        workspace::check_name(name)?;
    }
    let opened = match workspace::default_data_dir() {
        Some(data) => Store::new(data).open(&source, launch.workspace.as_deref()),
        None => Err(evidence::Error::InvalidInput(
            "there is no data folder (no home folder; set EVIDENCE_DATA_DIR)".to_string(),
        )),
    };
    let options = OpenOptions {
        dir: launch.index_dir.clone(),
        repository: launch.repository.clone(),
        ..OpenOptions::default()
    };
    let mut terminal = ratatui::init();
    // A paste arrives as one event, typed into the query, rather than as
    // keys (where a line end would act as Enter).
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    // A folder can change while the explorer is open; the bundled corpus
    // cannot.
    let watch =
        matches!(source, CorpusSource::Folder { .. }).then(|| (source.clone(), options.clone()));
    let result = (|| -> anyhow::Result<Vec<String>> {
        let Some((index, typed)) = open_with_progress(&mut terminal, source, options)? else {
            return Ok(Vec::new());
        };
        let mut start = start(opened);
        if start.message.is_none() {
            start.message = corpus_hint(&index.corpus().problems, launch.corpus.as_deref());
        }
        let mut app = App::new(Arc::new(index), start);
        event_loop(&mut terminal, &mut app, watch, typed)?;
        Ok(std::mem::take(&mut app.parting))
    })();
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    for said in result? {
        eprintln!("evidence: {said}");
    }
    Ok(())
}

/// What the explorer starts from: the workspace opened for the corpus, its
/// basket as saved (an unreadable one set aside, with a word on the status
/// line), and today's date. A workspace that could not be opened leaves the
/// basket in memory, and the status line says so.
fn start(opened: evidence::Result<Opened>) -> Start {
    let mut notes = Vec::new();
    let mut state_paths = None;
    let mut export_path = None;
    let (basket_path, workspace, corpus) = match opened {
        Ok(opened) => {
            notes.extend(opened.notes);
            state_paths = Some((
                opened.workspace.history_path(),
                opened.workspace.searches_path(),
            ));
            export_path = Some(opened.workspace.export_path());
            (
                Some(opened.workspace.basket_path()),
                Some(opened.workspace.name),
                Some(opened.corpus),
            )
        }
        Err(e) => {
            notes.push(format!(
                "no workspace ({e}): the basket is kept only until you quit"
            ));
            (None, None, None)
        }
    };
    let basket = match &basket_path {
        Some(path) => match Basket::load(path) {
            Ok(loaded) => {
                if let Some(aside) = loaded.set_aside {
                    notes.push(format!(
                        "the basket file could not be read; it was kept as {} and a new basket started",
                        aside.display()
                    ));
                }
                loaded.basket
            }
            Err(e) => {
                notes.push(format!("basket not loaded: {e}"));
                Basket::default()
            }
        },
        None => Basket::default(),
    };
    let (history_path, saved_path) = state_paths.unzip();
    let history = load_state(history_path.as_deref(), &mut notes);
    // With EVIDENCE_NO_HISTORY set, the history is read (Ctrl-R recalls it)
    // but this session's searches are not written to it.
    let history_path = history_path.filter(|_| !evidence::history::off());
    let saved = load_state(saved_path.as_deref(), &mut notes);
    let export = export_path
        .as_deref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| ExportChoice::from_bytes(&bytes))
        .unwrap_or_default();
    Start {
        basket,
        basket_path,
        history,
        history_path,
        saved,
        saved_path,
        export,
        export_path,
        workspace,
        corpus,
        today: evidence::date::today(),
        cwd: std::env::current_dir().unwrap_or_default(),
        message: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

/// A workspace's history or saved searches as saved (empty without a
/// workspace); an unreadable file set aside, or one that cannot be read at
/// all, said in `notes`.
fn load_state<T: Kept>(path: Option<&std::path::Path>, notes: &mut Vec<String>) -> Tracked<T> {
    let Some(path) = path else {
        return Tracked::default();
    };
    match Tracked::<T>::load(path) {
        Ok(loaded) => {
            if let Some(aside) = loaded.set_aside {
                notes.push(format!(
                    "{} file could not be read; it was kept as {} and a new one started",
                    T::WHAT,
                    aside.display()
                ));
            }
            loaded.tracked
        }
        Err(e) => {
            notes.push(format!("{} not loaded: {e}", T::WHAT));
            Tracked::default()
        }
    }
}

/// The status line's word on a corpus with problems or warnings (counted
/// apart, as `check` counts them), naming the command that lists them for
/// this corpus; `None` when it has neither.
fn corpus_hint(
    found: &[evidence::corpus::Problem],
    corpus: Option<&std::path::Path>,
) -> Option<String> {
    let warnings = found.iter().filter(|p| p.is_warning()).count();
    let problems = found.len() - warnings;
    let what = match (problems, warnings) {
        (0, 0) => return None,
        (p, 0) => evidence::english::plural(p, "problem"),
        (0, w) => evidence::english::plural(w, "warning"),
        (p, w) => format!(
            "{} and {}",
            evidence::english::plural(p, "problem"),
            evidence::english::plural(w, "warning")
        ),
    };
    Some(listed_hint(&what, corpus))
}

/// "WHAT in the corpus; run `evidence --corpus DIR check` to list them".
fn listed_hint(what: &str, corpus: Option<&std::path::Path>) -> String {
    let command = match corpus {
        Some(dir) => format!(
            "evidence --corpus {} check",
            evidence::corpus::shell_word(&dir.to_string_lossy())
        ),
        None => "evidence check".to_string(),
    };
    format!("{what} in the corpus; run `{command}` to list them")
}

/// Opens (or builds) the index on a thread, drawing progress meanwhile.
/// `None` when the user quit before it was ready.
/// Opens the index, drawing the build's progress when it is built. What
/// the user types meanwhile is kept, to be typed into the explorer once it
/// opens (a search typed as the explorer starts is not lost); `q` or Escape
/// quits only once the building screen is up, where there is nothing else
/// to type into, and Ctrl-C always. `None` when the user quit.
fn open_with_progress(
    terminal: &mut DefaultTerminal,
    source: CorpusSource,
    options: OpenOptions,
) -> anyhow::Result<Option<(Index, Vec<Event>)>> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let progress = move |done: u64, total: u64| {
            let _ = progress_tx.send(Loading::Progress(done, total));
        };
        let index = Index::open_source(&source, &options, &progress);
        let _ = tx.send(Loading::Ready(Box::new(index)));
    });
    let mut shown = (0u64, 0u64);
    let mut first = true;
    let mut drawn = false;
    let mut typed = Vec::new();
    loop {
        loop {
            match rx.try_recv() {
                Ok(Loading::Progress(done, total)) => shown = (done, total),
                Ok(Loading::Ready(index)) => return Ok(Some(((*index)?, typed))),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => anyhow::bail!("the index could not be opened"),
            }
        }
        // An index that opens at once never shows this frame.
        if !first || shown.1 > 0 {
            drawn = true;
            terminal.draw(|f| {
                let area = ui::centered(f.area(), 60, 4);
                let ratio = if shown.1 == 0 {
                    0.0
                } else {
                    shown.0 as f64 / shown.1 as f64
                };
                // The line and the gauge each where the terminal has room
                // (a 1-row terminal has none for the gauge).
                let screen = f.area();
                let row = |dy: u16| {
                    Rect {
                        y: area.y.saturating_add(dy),
                        height: 1,
                        ..area
                    }
                    .intersection(screen)
                };
                f.render_widget(
                    Paragraph::new(Line::from(Span::raw(
                        "Building the search index (first run only)…",
                    ))),
                    row(0),
                );
                let gauge = row(2);
                if !gauge.is_empty() {
                    f.render_widget(
                        Gauge::default()
                            .ratio(ratio.clamp(0.0, 1.0))
                            .label(format!("{:.0} %", ratio.clamp(0.0, 1.0) * 100.0)),
                        gauge,
                    );
                }
            })?;
        }
        first = false;
        let mut wait = Duration::from_millis(5);
        while event::poll(wait)? {
            wait = Duration::ZERO;
            let event = event::read()?;
            if let Event::Key(key) = event
                && key.kind == KeyEventKind::Press
            {
                match action_for(key, action::KeyContext::Normal) {
                    Some(Action::ForceQuit) => return Ok(None),
                    Some(Action::Quit) if drawn => return Ok(None),
                    _ => {}
                }
            }
            // The explorer is drawn at the terminal's size when it opens,
            // and the loading screen has nothing to click.
            if matches!(event, Event::Key(_) | Event::Paste(_)) {
                typed.push(event);
            }
        }
    }
}

/// What wakes the event loop.
enum Wake {
    /// A terminal event: a key, the mouse, a resize, a paste.
    Input(Event),
    /// The terminal could not be read.
    InputFailed(std::io::Error),
    /// A finished search.
    Done(Action),
    /// The corpus folder lists differently from the last time.
    Changed,
    /// The index of the changed corpus, or why there is none.
    Reindexed(Box<evidence::Result<Index>>),
}

/// How often the watcher lists the corpus folder: often enough that a saved
/// edit is searchable within a second (a listing, an update of the changed
/// report, a search), rarely enough to cost little (a listing of a 100 MB
/// folder of 3,500 files takes a few milliseconds: about 1 % of one core).
const WATCH_EVERY: Duration = Duration::from_millis(400);

/// Lists the corpus folder every [`WATCH_EVERY`] on a thread of its own (the
/// sizes and times the index's staleness check compares; no file is read),
/// and says whenever the listing differs from the one before, starting from
/// the listing the index was made from.
fn spawn_watch(source: CorpusSource, mut seen: String, wake: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(WATCH_EVERY);
            let now = source.scan().fingerprint;
            if now != seen {
                seen = now;
                if wake.send(Wake::Changed).is_err() {
                    return;
                }
            }
        }
    });
}

/// Brings the index up to date with the corpus on a thread of its own, as
/// opening it at start-up does, and hands the new index to the event loop.
fn spawn_reindex(source: CorpusSource, options: OpenOptions, wake: Sender<Wake>) {
    std::thread::spawn(move || {
        // A folder moved away or made unreadable is an error, as it is at
        // start-up, not a corpus of no reports to replace the index with.
        if let CorpusSource::Folder { root, .. } = &source
            && let Err(e) = CorpusSource::folder(root)
        {
            let _ = wake.send(Wake::Reindexed(Box::new(Err(e))));
            return;
        }
        // A whole merge an update makes now and then (seconds, at 100 MB)
        // waits until the update's results are on screen.
        let options = OpenOptions {
            defer_merge: true,
            ..options
        };
        let index = std::panic::catch_unwind(|| Index::open_source(&source, &options, &|_, _| {}))
            .unwrap_or_else(|_| {
                Err(evidence::Error::Internal {
                    what: format!("updating the index of {}", source.shown().display()),
                })
            });
        let due = matches!(&index, Ok(i) if i.info().updated.is_some_and(|u| u.merge_due));
        let _ = wake.send(Wake::Reindexed(Box::new(index)));
        if due {
            let merged = std::panic::catch_unwind(|| Index::merge_whole(&source, &options));
            // Best effort: unmerged, the index answers the same.
            if let Ok(Ok(Some(index))) = merged {
                let _ = wake.send(Wake::Reindexed(Box::new(Ok(index))));
            }
        }
    });
}

/// Reads terminal events on a thread of their own, so that the event loop can
/// wait on one channel for input and search results alike. If reading fails,
/// or the thread panics, the loop is told, rather than left waiting.
fn spawn_input(wake: Sender<Wake>) {
    std::thread::spawn(move || {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            loop {
                match event::read() {
                    Ok(e) => {
                        if wake.send(Wake::Input(e)).is_err() {
                            return Ok(());
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
        }));
        let failed = match read {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            Err(_) => std::io::Error::other("reading the terminal failed"),
        };
        let _ = wake.send(Wake::InputFailed(failed));
    });
}

/// Draws, then sleeps until a key or a search result arrives. Everything
/// that arrived meanwhile is taken before the next frame, so a burst of keys
/// costs one frame and one search; events that change nothing (the mouse
/// moving) cost none. With `watch`, the corpus folder is watched, and when it
/// changes the index is brought up to date and searched again.
///
/// A little long: it owns the channels, the worker and whether a re-index
/// is under way, and each kind of wake-up is a few lines over them.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    watch: Option<(CorpusSource, OpenOptions)>,
    typed: Vec<Event>,
) -> anyhow::Result<()> {
    let theme = Theme::from_env();
    let (wake_tx, wake_rx) = channel::<Wake>();
    let kwic_tx = kwic_worker::spawn(wake_tx.clone(), Wake::Done);
    let mut search_tx = worker::spawn(app.index.clone(), wake_tx.clone(), Wake::Done);
    let mut counts_tx = worker::spawn_counts(app.index.clone(), wake_tx.clone(), Wake::Done);
    if let Some((source, _)) = &watch {
        let seen = app.index.corpus().fingerprint.clone();
        spawn_watch(source.clone(), seen, wake_tx.clone());
    }
    // One update at a time; a change during one makes another after it.
    let (mut reindexing, mut again) = (false, false);
    spawn_input(wake_tx.clone());
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    for event in typed {
        handle(event, app);
    }
    let mut changed = true;
    loop {
        if changed {
            terminal.draw(|f| ui::draw(f, app, &theme))?;
        }
        if let Some(job) = app.take_concordance() {
            let _ = kwic_tx.send(job);
        }
        if let Some(request) = app.take_search() {
            let _ = search_tx.send(request);
        }
        if let Some(requests) = app.take_counts() {
            let _ = counts_tx.send(requests);
        }
        changed = false;
        let first = wake_rx.recv().map_err(|_| {
            anyhow::anyhow!("the terminal's input and the search have both stopped")
        })?;
        let mut next = Some(first);
        while let Some(wake) = next {
            match wake {
                Wake::Input(event) => changed |= handle(event, app),
                Wake::InputFailed(e) => return Err(e.into()),
                Wake::Done(done) => {
                    app.update(done);
                    changed = true;
                }
                Wake::Changed => {
                    if reindexing {
                        again = true;
                    } else if let Some((source, options)) = &watch {
                        reindexing = true;
                        app.update(Action::CorpusChanged);
                        spawn_reindex(source.clone(), options.clone(), wake_tx.clone());
                        changed = true;
                    }
                }
                Wake::Reindexed(result) => {
                    reindexing = false;
                    match *result {
                        Ok(index) => {
                            let index = Arc::new(index);
                            search_tx = worker::spawn(index.clone(), wake_tx.clone(), Wake::Done);
                            counts_tx =
                                worker::spawn_counts(index.clone(), wake_tx.clone(), Wake::Done);
                            // As at start-up, a corpus with problems says so.
                            let hint = watch.as_ref().and_then(|(source, _)| {
                                corpus_hint(&index.corpus().problems, Some(source.shown()))
                            });
                            app.update(Action::IndexReplaced(action::Reopened(index), hint));
                        }
                        Err(e) => app.update(Action::ReindexFailed(e.into())),
                    }
                    if again && let Some((source, options)) = &watch {
                        (reindexing, again) = (true, false);
                        spawn_reindex(source.clone(), options.clone(), wake_tx.clone());
                    }
                    changed = true;
                }
            }
            if let Some(text) = app.take_clipboard() {
                copy_to_clipboard(&text);
            }
            next = if app.quit {
                None
            } else {
                wake_rx.try_recv().ok()
            };
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// OSC 52: the terminal puts the text on the system clipboard.
fn copy_to_clipboard(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Applies a terminal event to the app; false when it meant nothing (the
/// mouse moving, a key released).
fn handle(event: Event, app: &mut App) -> bool {
    let action = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.key(key);
            return true;
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            _ => None,
        },
        // A paste is typed into the query, its line ends and tabs as spaces.
        Event::Paste(text) => {
            let mut typed = false;
            let chars = text
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c });
            for c in chars.filter(|c| !c.is_control()) {
                app.update(Action::Insert(c));
                typed = true;
            }
            return typed;
        }
        _ => None,
    };
    match action {
        Some(action) => {
            app.update(action);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod kwic_tests;
#[cfg(test)]
mod tests;
