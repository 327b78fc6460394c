//! The search worker: a thread that answers search requests so typing never
//! waits on a search. Requests carry a generation number. The worker answers
//! the newest request it has: keys typed while a search runs are taken
//! together when it ends, so a burst costs one search more, never a queue.
//! There is no pause before searching: a search takes a few milliseconds
//! even at 100 MB, far less than the time between keystrokes.

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
