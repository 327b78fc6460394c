//! The search worker: a thread that answers search requests so typing never
//! waits on a search. Requests carry a generation number; the worker skips any
//! request already overtaken by a newer one, after a short pause that lets a
//! burst of keystrokes settle.

use super::action::Action;
use evidence::search::{Index, SearchRequest};
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

/// How long the worker waits for the next keystroke before searching.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Starts the worker; send it `(generation, request)`. Each answer goes to
/// `results` as `SearchDone`, wrapped by `wrap` into what that channel carries
/// (the event loop's wake-ups), so the loop wakes as soon as it is ready.
pub fn spawn<T: Send + 'static>(
    index: Arc<Index>,
    results: Sender<T>,
    wrap: fn(Action) -> T,
) -> Sender<(u64, SearchRequest)> {
    let (request_tx, request_rx) = channel::<(u64, SearchRequest)>();
    std::thread::spawn(move || {
        while let Ok(mut latest) = request_rx.recv() {
            loop {
                while let Ok(newer) = request_rx.try_recv() {
                    latest = newer;
                }
                std::thread::sleep(DEBOUNCE);
                match request_rx.try_recv() {
                    Ok(newer) => latest = newer,
                    Err(_) => break,
                }
            }
            let (generation, request) = latest;
            let result = index.search(&request).map_err(|e| e.to_string());
            if results
                .send(wrap(Action::SearchDone(generation, Box::new(result))))
                .is_err()
            {
                return;
            }
        }
    });
    request_tx
}
