//! The interactive explorer: terminal set-up and restore, the event loop, and
//! first-run index building shown in the interface's own frame. State lives in
//! [`app::App`], keys map to [`action::Action`]s, drawing is in [`ui`].

pub mod action;
pub mod app;
pub mod theme;
pub mod ui;
mod worker;

use crate::cli::Cli;
use action::{Action, action_for};
use app::App;
use base64::Engine as _;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use evidence::basket::Basket;
use evidence::corpus::CorpusSource;
use evidence::search::{Index, OpenOptions};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{Sender, TryRecvError, channel};
use std::time::Duration;
use theme::Theme;

/// What the index-opening thread reports.
enum Loading {
    Progress(u64, u64),
    Ready(Box<evidence::Result<Index>>),
}

/// Runs the explorer until the user quits. The terminal is restored on every
/// way out, panics included (ratatui's hook).
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let source = match cli.corpus.as_ref() {
        Some(dir) => CorpusSource::folder(dir)?,
        None => CorpusSource::Bundled,
    };
    let options = OpenOptions {
        dir: cli.index_dir.clone(),
        ..OpenOptions::default()
    };
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    let result = (|| {
        let Some(index) = open_with_progress(&mut terminal, source, options)? else {
            return Ok(());
        };
        let problems = index.corpus().problems.len();
        let mut app = App::new(Arc::new(index), Basket::default_path());
        if problems > 0 && app.message.is_none() {
            app.message = Some(format!(
                "{problems} problem{} in the corpus; run `evidence check` to list them",
                if problems == 1 { "" } else { "s" }
            ));
        }
        event_loop(&mut terminal, &mut app)
    })();
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Opens (or builds) the index on a thread, drawing progress meanwhile.
/// `None` when the user quit before it was ready.
fn open_with_progress(
    terminal: &mut DefaultTerminal,
    source: CorpusSource,
    options: OpenOptions,
) -> anyhow::Result<Option<Index>> {
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
    loop {
        loop {
            match rx.try_recv() {
                Ok(Loading::Progress(done, total)) => shown = (done, total),
                Ok(Loading::Ready(index)) => return Ok(Some((*index)?)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => anyhow::bail!("the index could not be opened"),
            }
        }
        // An index that opens at once never shows this frame.
        if !first || shown.1 > 0 {
            terminal.draw(|f| {
                let area = ui::centered(f.area(), 60, 4);
                let ratio = if shown.1 == 0 {
                    0.0
                } else {
                    shown.0 as f64 / shown.1 as f64
                };
                f.render_widget(
                    Paragraph::new(Line::from(Span::raw(
                        "Building the search index (first run only)…",
                    ))),
                    Rect { height: 1, ..area },
                );
                f.render_widget(
                    Gauge::default()
                        .ratio(ratio.clamp(0.0, 1.0))
                        .label(format!("{:.0} %", ratio.clamp(0.0, 1.0) * 100.0)),
                    Rect {
                        y: area.y + 2,
                        height: 1,
                        ..area
                    },
                );
            })?;
        }
        first = false;
        if event::poll(Duration::from_millis(5))?
            && let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
            && matches!(
                action_for(key, action::KeyContext::Normal),
                Some(Action::Quit | Action::ForceQuit)
            )
        {
            return Ok(None);
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
}

/// Reads terminal events on a thread of their own, so that the event loop can
/// wait on one channel for input and search results alike.
fn spawn_input(wake: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let (event, failed) = match event::read() {
                Ok(e) => (Wake::Input(e), false),
                Err(e) => (Wake::InputFailed(e), true),
            };
            if wake.send(event).is_err() || failed {
                return;
            }
        }
    });
}

/// Draws, then sleeps until a key or a search result arrives. Everything
/// that arrived meanwhile is taken before the next frame, so a burst of keys
/// costs one frame and one search.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let theme = Theme::from_env();
    let (wake_tx, wake_rx) = channel::<Wake>();
    let search_tx = worker::spawn(app.index.clone(), wake_tx.clone(), Wake::Done);
    spawn_input(wake_tx);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        app.page = ui::results_page(Rect::new(0, 0, app.size.0, app.size.1));
        terminal.draw(|f| ui::draw(f, app, &theme))?;
        if let Some(request) = app.take_search() {
            let _ = search_tx.send(request);
        }
        let mut next = Some(
            wake_rx
                .recv()
                .map_err(|_| anyhow::anyhow!("the terminal's input has stopped"))?,
        );
        while let Some(wake) = next {
            match wake {
                Wake::Input(event) => {
                    if let Some(action) = action_of(event, app) {
                        app.update(action);
                    }
                }
                Wake::InputFailed(e) => return Err(e.into()),
                Wake::Done(done) => app.update(done),
            }
            next = if app.quit {
                None
            } else {
                wake_rx.try_recv().ok()
            };
        }
        if let Some(text) = app.clipboard.take() {
            // OSC 52: the terminal puts the text on the system clipboard.
            let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let mut out = std::io::stdout();
            let _ = write!(out, "\x1b]52;c;{encoded}\x07");
            let _ = out.flush();
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// The action a terminal event stands for, if any; a paste is typed into the
/// query at once.
fn action_of(event: Event, app: &mut App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(key, app.key_context()),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            _ => None,
        },
        Event::Paste(text) => {
            for c in text.chars().filter(|c| !c.is_control()) {
                app.update(Action::Insert(c));
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
