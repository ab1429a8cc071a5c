//! The one place the UI starts and stops the engine.
//!
//! The engine's events are queued and handed to the reducer in batches, at
//! most one batch an animation frame: a 10 000-task run produces tens of
//! thousands of events, and folding them one render at a time would freeze
//! the page. A batch also waits while one of the run's timers is about to
//! fire, so that drawing it does not make the timer late.

use super::state::{Action, Notice, Playground};
use crate::engine::{self, RunHandle, RunOptions};
use crate::model::{Event, RunId};
use crate::platform;
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Where no animation frame comes (a hidden page, a frame out of view), a
/// batch goes after this long instead.
const FRAME_CAP_MS: u32 = 100;
/// A batch waits when a timer is due sooner than this, in real ms: drawing
/// it could take about that long.
const QUIET_MS: f64 = 6.0;
/// And it waits at most this many times in a row, so that a dense run still
/// shows progress.
const MAX_WAITS: usize = 4;

/// Start and stop, for buttons.
#[derive(Clone, PartialEq)]
pub struct Runner {
    /// Runs the tasks being edited (stopping any run before).
    pub run: Callback<()>,
    /// Stops the current run.
    pub stop: Callback<()>,
    /// How long until the run's next timer is due, in real ms: drawing
    /// waits when it is about to fire.
    pub next_timer: Callback<(), Option<f64>>,
}

/// What waits for the next batch: the run's start, then its events.
struct Queue {
    started: RefCell<Option<Action>>,
    events: RefCell<Vec<Event>>,
    scheduled: Cell<bool>,
    dispatcher: UseReducerDispatcher<Playground>,
    /// The runner's slot, to ask the run when its next timer is due.
    slot: Rc<RefCell<Slot>>,
}

impl Queue {
    /// A queue whose first batch announces the run. Even the start waits
    /// for it: re-rendering the page in the same task as the click would
    /// hold up the run's first microtasks, and an already-settled input
    /// would seem to take as long as the render.
    fn new(
        started: Action,
        dispatcher: UseReducerDispatcher<Playground>,
        slot: Rc<RefCell<Slot>>,
    ) -> Rc<Self> {
        let queue = Rc::new(Queue {
            started: RefCell::new(Some(started)),
            events: RefCell::default(),
            scheduled: Cell::new(false),
            dispatcher,
            slot,
        });
        queue.schedule();
        queue
    }

    /// How long until the run's next timer is due, in real ms.
    fn next_timer_in(&self) -> Option<f64> {
        let slot = self.slot.borrow();
        slot.handle.as_ref().and_then(RunHandle::next_timer_in_ms)
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
            platform::next_frame(FRAME_CAP_MS).await;
            for _ in 0..MAX_WAITS {
                match queue.next_timer_in() {
                    Some(ms) if ms < QUIET_MS => TimeoutFuture::new(ms.ceil() as u32 + 1).await,
                    _ => break,
                }
            }
            queue.scheduled.set(false);
            if let Some(started) = queue.started.take() {
                queue.dispatcher.dispatch(started);
            }
            let events = queue.events.take();
            if !events.is_empty() {
                queue.dispatcher.dispatch(Action::Engine { events });
            }
        });
    }
}

/// The runner for this playground. The run handle lives as long as the
/// component: unmounting (or a new run) stops the old run.
/// What the runner keeps between renders.
#[derive(Default)]
struct Slot {
    /// The run in progress, if any; dropping it stops the run.
    handle: Option<RunHandle>,
    /// The last run id handed out. Ids come from here, not from the state,
    /// which learns of a run only with its first batch: two quick clicks
    /// must not share an id.
    last_run: RunId,
    /// Bumped by every Run and Stop, so a start still waiting for its calm
    /// moment knows when it has been overtaken.
    generation: u64,
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

    let run = {
        let state = state.clone();
        let slot = slot.clone();
        Callback::from(move |()| {
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
            let speed = state.speed;
            let dispatcher = state.dispatcher();
            let slot = slot.clone();
            wasm_bindgen_futures::spawn_local(async move {
                platform::calm_moment().await;
                if slot.borrow().generation != generation {
                    return;
                }
                let started = Action::RunStarted {
                    run,
                    scenario: scenario.clone(),
                    speed,
                };
                let queue = Queue::new(started, dispatcher, Rc::clone(&slot));
                let options = RunOptions { speed };
                let handle = engine::start(run, &scenario, options, move |e| queue.push(e));
                slot.borrow_mut().handle = Some(handle);
            });
        })
    };

    let stop = {
        let state = state.clone();
        let slot = slot.clone();
        Callback::from(move |()| {
            let mut slot = slot.borrow_mut();
            slot.generation += 1;
            if let Some(handle) = slot.handle.take() {
                state.dispatch(Action::Stopped {
                    at_ms: handle.elapsed_ms(),
                });
            }
        })
    };

    let next_timer = {
        use_callback((), move |(), _| {
            let slot = slot.borrow();
            slot.handle.as_ref().and_then(RunHandle::next_timer_in_ms)
        })
    };

    Runner {
        run,
        stop,
        next_timer,
    }
}
