//! The one place the UI starts and stops the engine.
//!
//! The engine's events are queued and handed to the reducer in batches, one
//! batch per short tick: a 10 000-task run produces tens of thousands of
//! events, and folding them one render at a time would freeze the page.

use super::state::{Action, Notice, Playground};
use crate::engine::{self, RunHandle, RunOptions};
use crate::model::Event;
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// How long events gather before the reducer sees them (about one frame).
const BATCH_MS: u32 = 16;

/// Start and stop, for buttons.
#[derive(Clone, PartialEq)]
pub struct Runner {
    /// Runs the tasks being edited (stopping any run before).
    pub run: Callback<()>,
    /// Stops the current run.
    pub stop: Callback<()>,
}

/// What waits for the next batch: the run's start, then its events.
struct Queue {
    started: RefCell<Option<Action>>,
    events: RefCell<Vec<Event>>,
    scheduled: Cell<bool>,
    dispatcher: UseReducerDispatcher<Playground>,
}

impl Queue {
    /// A queue whose first batch announces the run. Even the start waits
    /// for it: re-rendering the page in the same task as the click would
    /// hold up the run's first microtasks, and an already-settled input
    /// would seem to take as long as the render.
    fn new(started: Action, dispatcher: UseReducerDispatcher<Playground>) -> Rc<Self> {
        let queue = Rc::new(Queue {
            started: RefCell::new(Some(started)),
            events: RefCell::default(),
            scheduled: Cell::new(false),
            dispatcher,
        });
        queue.schedule();
        queue
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
            TimeoutFuture::new(BATCH_MS).await;
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
#[hook]
pub fn use_runner(state: &UseReducerHandle<Playground>) -> Runner {
    let handle = use_mut_ref(|| None::<RunHandle>);

    let run = {
        let state = state.clone();
        let handle = handle.clone();
        Callback::from(move |()| {
            let scenario = match state.scenario() {
                Ok(scenario) => scenario.clone(),
                Err(problems) => {
                    let rows = problems.len();
                    let text = format!(
                        "{} to fix before running: see the marked field{}.",
                        if rows == 1 {
                            "One task needs a change".to_string()
                        } else {
                            format!("{rows} tasks need changes")
                        },
                        if rows == 1 { "" } else { "s" }
                    );
                    state.dispatch(Action::Notify {
                        notice: Notice {
                            problem: true,
                            text,
                        },
                    });
                    return;
                }
            };
            // Stop the previous run before the new one takes its id.
            handle.borrow_mut().take();
            let run = state.next_run;
            let speed = state.speed;
            let started = Action::RunStarted {
                run,
                scenario: scenario.clone(),
                speed,
            };
            let queue = Queue::new(started, state.dispatcher());
            let options = RunOptions { speed };
            *handle.borrow_mut() = Some(engine::start(run, &scenario, options, move |e| {
                queue.push(e)
            }));
        })
    };

    let stop = {
        let state = state.clone();
        Callback::from(move |()| {
            if handle.borrow_mut().take().is_some() {
                state.dispatch(Action::Stopped);
            }
        })
    };

    Runner { run, stop }
}
