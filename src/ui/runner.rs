//! The one place the UI starts and stops the engine.
//!
//! The engine's events are queued and handed to the reducer in batches, at
//! most one batch an animation frame: a 10 000-task run produces tens of
//! thousands of events, and folding them one render at a time would freeze
//! the page.
//!
//! Runs go to the engine's worker once it has loaded, where the page's
//! drawing cannot delay their timers; a batch is then drawn at the start of
//! the next frame, so that the browser lays it out and paints it at once.
//!
//! A run on the page (before the worker is ready, or where none may be
//! made) shares the main thread with the drawing. Its batch waits for a
//! frame where none of the run's timers is due before the drawing is done:
//! drawing then would make that timer late, and change the very run being
//! shown. How long drawing takes is measured on every batch. When timers
//! come too thick for any gap, a batch waits a few frames at most, so the
//! page still shows progress.

use super::state::{Action, Notice, Playground};
use crate::engine::worker::{EngineWorker, RemoteRun};
use crate::engine::{self, RunHandle, RunOptions};
use crate::model::{Event, RunId};
use crate::platform;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Where no animation frame comes (a hidden page, a frame out of view), a
/// batch goes after this long instead.
const FRAME_CAP_MS: u32 = 100;
/// A batch waits at most this many frames for a gap between timers, so
/// that a dense run still shows progress (about a quarter of a second).
const MAX_FRAMES: usize = 15;
/// A batch this big goes at the next frame, gap or not: waiting would only
/// make it bigger, and drawing it longer.
const BIG_BATCH: usize = 256;
/// What drawing a batch is assumed to take before one was measured, in ms.
const FIRST_GUESS_MS: f64 = 8.0;
/// The room kept beside the measured drawing time, in ms.
const MARGIN_MS: f64 = 1.0;
/// A batch that draws within this long leaves its frame on time, in ms.
const SMOOTH_MS: f64 = 12.0;

/// When a run's next timer is due, as far as the page's drawing goes.
enum Due {
    /// On the page's own thread, in this many real ms (0 when late).
    In(f64),
    /// In the engine's worker, where the page's drawing cannot delay it
    /// (whether one waits is not asked: it makes no difference).
    Elsewhere,
}

/// Start and stop, for buttons.
#[derive(Clone, PartialEq)]
pub struct Runner {
    /// Runs the tasks being edited (stopping any run before).
    pub run: Callback<()>,
    /// Stops the current run.
    pub stop: Callback<()>,
    /// When the engine started a run, on the page's clock, once it has.
    pub began: Callback<RunId, Option<f64>>,
    /// Where a run's engine runs, once it has started: `"worker"` or
    /// `"page"`.
    pub engine: Callback<RunId, Option<&'static str>>,
}

/// What waits for the next batch: the run's events.
struct Queue {
    events: RefCell<Vec<Event>>,
    scheduled: Cell<bool>,
    dispatcher: UseReducerDispatcher<Playground>,
    /// The runner's slot, to ask the run when its next timer is due.
    slot: Rc<RefCell<Slot>>,
}

impl Queue {
    fn new(dispatcher: UseReducerDispatcher<Playground>, slot: Rc<RefCell<Slot>>) -> Rc<Self> {
        Rc::new(Queue {
            events: RefCell::default(),
            scheduled: Cell::new(false),
            dispatcher,
            slot,
        })
    }

    /// When the run's next timer is due; `None` when none is waiting.
    fn next_timer_in(&self) -> Option<Due> {
        match &self.slot.borrow().handle {
            Some(Handle::Page(handle)) => handle.next_timer_in_ms().map(Due::In),
            Some(Handle::Worker(_)) => Some(Due::Elsewhere),
            None => None,
        }
    }

    fn push(self: &Rc<Self>, event: Event) {
        self.events.borrow_mut().push(event);
        self.schedule();
    }

    fn schedule(self: &Rc<Self>) {
        if self.scheduled.replace(true) {
            return;
        }
        let queue = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            for _ in 0..MAX_FRAMES {
                platform::next_frame(FRAME_CAP_MS).await;
                let drawing = queue.slot.borrow().drawing_ms.unwrap_or(FIRST_GUESS_MS);
                let big = queue.events.borrow().len() >= BIG_BATCH;
                let go = match queue.next_timer_in() {
                    // On the page: when no timer comes due while drawing.
                    Some(Due::In(ms)) => ms >= drawing + MARGIN_MS,
                    // In the worker: at once while batches draw within a
                    // frame; when they do not, in fewer, bigger batches,
                    // which cost less in all and drop fewer frames.
                    Some(Due::Elsewhere) => drawing <= SMOOTH_MS,
                    None => true,
                };
                if big || go {
                    break;
                }
            }
            queue.scheduled.set(false);
            let events = queue.events.take();
            if events.is_empty() {
                return;
            }
            let began = platform::now_ms();
            queue.dispatcher.dispatch(Action::Engine { events });
            // The frame's layout and paint follow this task; a task of our
            // own runs after them.
            platform::fresh_task().await;
            let took = platform::now_ms() - began;
            let mut slot = queue.slot.borrow_mut();
            slot.drawing_ms = Some(match slot.drawing_ms {
                // Quick to rise, slow to fall: one slow batch is a warning.
                Some(before) if took < before => before * 0.75 + took * 0.25,
                _ => took,
            });
        });
    }
}

/// A run in progress, on the page or in the engine's worker; dropping it
/// stops the run.
enum Handle {
    Page(RunHandle),
    Worker(RemoteRun),
}

impl Handle {
    fn run(&self) -> RunId {
        match self {
            Handle::Page(handle) => handle.run(),
            Handle::Worker(remote) => remote.run(),
        }
    }

    fn elapsed_ms(&self) -> f64 {
        match self {
            Handle::Page(handle) => handle.elapsed_ms(),
            Handle::Worker(remote) => remote.elapsed_ms(),
        }
    }

    /// When the engine started the run, on the page's clock, once known.
    fn began(&self) -> Option<f64> {
        match self {
            Handle::Page(handle) => Some(handle.began_ms()),
            Handle::Worker(remote) => remote.began(),
        }
    }

    /// Where the run's engine runs.
    fn place(&self) -> &'static str {
        match self {
            Handle::Page(_) => "page",
            Handle::Worker(_) => "worker",
        }
    }
}

/// What the runner keeps between renders.
#[derive(Default)]
struct Slot {
    /// The run in progress, if any; dropping it stops the run.
    handle: Option<Handle>,
    /// The engine's worker, once made; `None` where none can be.
    worker: Option<EngineWorker>,
    /// The last run id handed out. Ids come from here, not from the state,
    /// which learns of a run only with its first batch: two quick clicks
    /// must not share an id.
    last_run: RunId,
    /// Bumped by every Run and Stop, so a start still waiting for its calm
    /// moment knows when it has been overtaken.
    generation: u64,
    /// A run shown as started whose engine has not started yet.
    starting: Option<RunId>,
    /// How long drawing a batch of events took lately, in ms.
    drawing_ms: Option<f64>,
}

/// Why the tasks cannot run, in a sentence.
fn problems_notice(rows: usize) -> Notice {
    let text = if rows == 1 {
        "One task has a problem: fix the marked field, then run.".to_string()
    } else {
        format!("{rows} tasks have problems: fix the marked fields, then run.")
    };
    Notice {
        problem: true,
        text,
    }
}

/// The runner for this playground. The run handle lives as long as the
/// component: unmounting (or a new run) stops the old run.
#[hook]
pub fn use_runner(state: &UseReducerHandle<Playground>) -> Runner {
    let slot = use_mut_ref(Slot::default);
    {
        // The worker loads once the page is up, so as not to slow its
        // start; runs before it is ready, or where none can be made, run
        // on the page.
        let slot = slot.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                platform::calm_moment().await;
                slot.borrow_mut().worker = EngineWorker::spawn();
            });
        });
    }

    // Run and Stop stay the same callbacks from one render to the next, so
    // that what takes the runner is not drawn again with every batch. Run
    // reads the state as it is when pressed, through a fresh clone of the
    // latest handle: a handle kept for ever and read after each change
    // would keep every state it ever saw (Yew's handle holds what it lent).
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let run = {
        let slot = slot.clone();
        use_callback((), move |(), _| {
            let state = latest.borrow().clone();
            let scenario = match state.scenario() {
                Ok(scenario) => scenario.clone(),
                Err(problems) => {
                    let notice = problems_notice(problems.len());
                    state.dispatch(Action::Notify { notice });
                    return;
                }
            };
            let (run, generation) = {
                let mut slot = slot.borrow_mut();
                // Stop the previous run before the new one starts.
                slot.handle = None;
                slot.generation += 1;
                slot.last_run += 1;
                (slot.last_run, slot.generation)
            };
            let (speed, abort_rest) = (state.speed, state.abort_rest);
            let dispatcher = state.dispatcher();
            let slot = slot.clone();
            // The page changes most when a run starts (every lane, the log,
            // the result), so that render comes first, then a calm moment,
            // and only then the engine: the run's first timers never wait
            // for it. Neither render runs in the click's own task.
            wasm_bindgen_futures::spawn_local(async move {
                platform::calm_moment().await;
                if slot.borrow().generation != generation {
                    return;
                }
                slot.borrow_mut().starting = Some(run);
                dispatcher.dispatch(Action::RunStarted {
                    run,
                    scenario: scenario.clone(),
                    speed,
                });
                platform::calm_moment().await;
                if slot.borrow().generation != generation {
                    return;
                }
                let queue = Queue::new(dispatcher, Rc::clone(&slot));
                let options = RunOptions { speed, abort_rest };
                let sink = move |e| queue.push(e);
                let worker = slot.borrow().worker.clone().filter(EngineWorker::is_ready);
                let handle = match worker {
                    Some(worker) => Handle::Worker(worker.start(run, &scenario, options, sink)),
                    None => Handle::Page(engine::start(run, &scenario, options, sink)),
                };
                let mut slot = slot.borrow_mut();
                slot.starting = None;
                slot.handle = Some(handle);
            });
        })
    };

    let stop = {
        let dispatcher = state.dispatcher();
        let slot = slot.clone();
        use_callback((), move |(), _| {
            let mut slot = slot.borrow_mut();
            slot.generation += 1;
            if let Some(handle) = slot.handle.take() {
                dispatcher.dispatch(Action::Stopped {
                    at_ms: handle.elapsed_ms(),
                });
            } else if slot.starting.take().is_some() {
                // Shown as started, stopped before its engine began.
                dispatcher.dispatch(Action::Stopped { at_ms: 0.0 });
            }
        })
    };

    // Both ask the handle of the run in progress, if it is `run`'s.
    let engine = {
        let slot = slot.clone();
        use_callback((), move |run: RunId, _| {
            let slot = slot.borrow();
            let handle = slot.handle.as_ref().filter(|h| h.run() == run);
            handle.map(Handle::place)
        })
    };
    let began = use_callback((), move |run: RunId, _| {
        let slot = slot.borrow();
        let handle = slot.handle.as_ref().filter(|h| h.run() == run);
        handle.and_then(Handle::began)
    });

    Runner {
        run,
        stop,
        began,
        engine,
    }
}
