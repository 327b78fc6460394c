//! The search worker: a thread that answers search requests so typing never
//! waits on a search. Requests carry a generation number. The worker answers
//! the newest request it has: keys typed while a search runs are taken
//! together when it ends, so a burst costs one search more, never a queue.
//! There is no pause before searching: a search takes a few milliseconds
//! even at 100 MB, far less than the time between keystrokes. A second
//! worker ([`spawn_counts`]) counts the saved searches' hits for their list,
//! so that drawing never searches.

use super::action::{Action, Failure};
use evidence::search::{Index, SearchRequest};
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

/// Starts the worker; send it `(generation, request)`. Each answer goes to
/// `results` as `SearchDone` (a failed search with the library's error), wrapped by `wrap` into what that channel carries
/// (the event loop's wake-ups), so the loop wakes as soon as it is ready.
pub fn spawn<T: Send + 'static>(
    index: Arc<Index>,
    results: Sender<T>,
    wrap: fn(Action) -> T,
) -> Sender<(u64, SearchRequest)> {
    let (request_tx, request_rx) = channel::<(u64, SearchRequest)>();
    std::thread::spawn(move || {
        while let Ok(mut latest) = request_rx.recv() {
            while let Ok(newer) = request_rx.try_recv() {
                latest = newer;
            }
            let (generation, request) = latest;
            let result = index.search(&request).map_err(Failure::from);
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

/// Starts the counting worker; send it `(generation, requests)`. It answers
/// the newest batch it has with each request's hit count, as `CountsDone`.
pub fn spawn_counts<T: Send + 'static>(
    index: Arc<Index>,
    results: Sender<T>,
    wrap: fn(Action) -> T,
) -> Sender<(u64, Vec<SearchRequest>)> {
    let (request_tx, request_rx) = channel::<(u64, Vec<SearchRequest>)>();
    std::thread::spawn(move || {
        while let Ok(mut latest) = request_rx.recv() {
            while let Ok(newer) = request_rx.try_recv() {
                latest = newer;
            }
            let (generation, requests) = latest;
            let counts = requests
                .iter()
                .map(|r| index.search(r).ok().map(|found| found.total))
                .collect();
            if results
                .send(wrap(Action::CountsDone(generation, counts)))
                .is_err()
            {
                return;
            }
        }
    });
    request_tx
}
