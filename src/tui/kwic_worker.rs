//! The concordance worker: a thread that finds the occurrences of a query
//! (and its collocates) for the words-in-context screen, so that neither
//! drawing nor `App::update` ever reads the corpus for it. In report order
//! the occurrences stream: the first screenful goes as soon as it is found,
//! then batches, while the rest are counted. A sort by the words around
//! needs every occurrence first: the worker says how far it has got, then
//! sends them all sorted. A newer job stops the one running.

use super::action::{Action, Failure};
use evidence::search::kwic::{Collocate, Occurrence, Sort, Totals};
use evidence::search::{Filters, Index};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Occurrences that fill a screen and more: the first batch sent.
const FIRST_BATCH: usize = 100;
/// How often progress is sent while counting.
const EVERY: Duration = Duration::from_millis(80);

/// What the concordance screen asks the worker.
#[derive(Clone)]
pub enum KwicJob {
    /// Every occurrence of a query within filters, in an order.
    Lines {
        index: Arc<Index>,
        query: String,
        filters: Filters,
        sort: Sort,
    },
    /// The collocates of occurrences found.
    Collocates {
        index: Arc<Index>,
        occurrences: Vec<Occurrence>,
        window: usize,
    },
}

/// What the worker answers, in order: `Started`, then `Found` batches (in
/// report order) or `Counting` (a sort), then `Finished`; or `Failed`.
#[derive(Debug, Clone, PartialEq)]
pub enum KwicUpdate {
    /// The query's units (for each, the words it is a synonym of), its
    /// notes, and how many passages it matches.
    Started {
        synonyms: Vec<Option<String>>,
        notes: Vec<String>,
        passages: usize,
    },
    /// More occurrences, in report order, and how many passages are done.
    Found {
        occurrences: Vec<Occurrence>,
        done: usize,
    },
    /// A sort's progress: passages done, occurrences found.
    Counting { done: usize, found: usize },
    /// Every occurrence is in: a sort's whole list, sorted, with how many
    /// passages and reports it is in (`None` in report order, where the
    /// batches were the list).
    Finished {
        sorted: Option<(Vec<Occurrence>, Totals)>,
    },
    /// The collocates, best score first.
    Collocates(Vec<Collocate>),
    /// The query could not be read (an empty one), or a filter is unknown.
    Failed(Failure),
}

/// Starts the worker; send it `(generation, job)`. Each answer goes to
/// `results` as [`Action::KwicDone`], wrapped by `wrap`.
pub fn spawn<T: Send + 'static>(
    results: Sender<T>,
    wrap: fn(Action) -> T,
) -> Sender<(u64, KwicJob)> {
    let (tx, rx) = channel::<(u64, KwicJob)>();
    std::thread::spawn(move || {
        let mut next: Option<(u64, KwicJob)> = None;
        loop {
            let job = match next.take() {
                Some(job) => job,
                None => match rx.recv() {
                    Ok(job) => job,
                    Err(_) => return,
                },
            };
            let (generation, job) = newest(job, &rx);
            let send = |update: KwicUpdate| {
                results
                    .send(wrap(Action::KwicDone(generation, Box::new(update))))
                    .is_ok()
            };
            match run(job, &rx, &send) {
                Ran::Done => {}
                Ran::Interrupted(newer) => next = Some(newer),
                Ran::Closed => return,
            }
        }
    });
    tx
}

/// The newest job waiting, or `job`.
fn newest(mut job: (u64, KwicJob), rx: &Receiver<(u64, KwicJob)>) -> (u64, KwicJob) {
    while let Ok(newer) = rx.try_recv() {
        job = newer;
    }
    job
}

enum Ran {
    Done,
    /// A newer job came; it is next.
    Interrupted((u64, KwicJob)),
    /// The screen is gone.
    Closed,
}

fn run(job: KwicJob, rx: &Receiver<(u64, KwicJob)>, send: &dyn Fn(KwicUpdate) -> bool) -> Ran {
    let ok = |sent: bool| if sent { Ran::Done } else { Ran::Closed };
    match job {
        KwicJob::Collocates {
            index,
            occurrences,
            window,
        } => ok(send(KwicUpdate::Collocates(
            index.collocates(&occurrences, window),
        ))),
        KwicJob::Lines {
            index,
            query,
            filters,
            sort,
        } => {
            let concordance = match index.concordance(&query, &filters) {
                Ok(c) => c,
                Err(e) => return ok(send(KwicUpdate::Failed(Failure::from(e)))),
            };
            let started = KwicUpdate::Started {
                synonyms: concordance
                    .units
                    .iter()
                    .map(|u| u.stands_for.clone())
                    .collect(),
                notes: concordance.notes.clone(),
                passages: concordance.ords.len(),
            };
            if !send(started) {
                return Ran::Closed;
            }
            let mut all: Vec<Occurrence> = Vec::new();
            let mut batch: Vec<Occurrence> = Vec::new();
            let mut first = true;
            let mut last = Instant::now();
            for (i, &ord) in concordance.ords.iter().enumerate() {
                let found = index.occurrences(&concordance, ord);
                if sort.needs_all() {
                    all.extend(found);
                } else {
                    batch.extend(found);
                }
                let done = i + 1;
                let due = if first {
                    batch.len() >= FIRST_BATCH
                } else {
                    last.elapsed() >= EVERY
                };
                if due || (sort.needs_all() && last.elapsed() >= EVERY) {
                    let update = if sort.needs_all() {
                        KwicUpdate::Counting {
                            done,
                            found: all.len(),
                        }
                    } else {
                        first = false;
                        KwicUpdate::Found {
                            occurrences: std::mem::take(&mut batch),
                            done,
                        }
                    };
                    if !send(update) {
                        return Ran::Closed;
                    }
                    last = Instant::now();
                    if let Ok(newer) = rx.try_recv() {
                        return Ran::Interrupted(newer);
                    }
                }
            }
            let done = concordance.ords.len();
            if !sort.needs_all() {
                return ok(send(KwicUpdate::Found {
                    occurrences: batch,
                    done,
                }) && send(KwicUpdate::Finished { sorted: None }));
            }
            if !send(KwicUpdate::Counting {
                done,
                found: all.len(),
            }) {
                return Ran::Closed;
            }
            index.sort_occurrences(&mut all, sort);
            let totals = index.totals(&all);
            ok(send(KwicUpdate::Finished {
                sorted: Some((all, totals)),
            }))
        }
    }
}
