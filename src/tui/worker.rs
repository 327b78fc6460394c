//! The search worker: a thread that answers search requests so typing never
//! waits on a search. Requests carry a generation number; the worker skips any
//! request already overtaken by a newer one, after a short pause that lets a
//! burst of keystrokes settle.

use super::action::Action;
use evidence::search::{Index, SearchRequest};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// How long the worker waits for the next keystroke before searching.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Starts the worker; send it `(generation, request)`, read back `SearchDone`.
pub fn spawn(index: Arc<Index>) -> (Sender<(u64, SearchRequest)>, Receiver<Action>) {
    let (request_tx, request_rx) = channel::<(u64, SearchRequest)>();
    let (result_tx, result_rx) = channel::<Action>();
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
            if result_tx
                .send(Action::SearchDone(generation, Box::new(result)))
                .is_err()
            {
                return;
            }
        }
    });
    (request_tx, result_rx)
}
