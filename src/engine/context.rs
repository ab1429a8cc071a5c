//! What a run shares between its futures: the clock, the event sink, the
//! count of work still outstanding, and the means to stop everything.

use super::RunOptions;
use crate::model::scenario::scale_delay;
use crate::model::{Event, EventKind, RunId, Scenario};
use futures::future::{AbortHandle, Abortable};
use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};

/// Where a task stands, as far as finishing the run is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    NotStarted,
    Started,
    Settled,
}

pub(super) struct Context {
    pub run: RunId,
    pub speed: f64,
    combinator: crate::model::Combinator,
    /// Each timer delay of the scenario, scaled by the speed.
    real_delays: HashMap<u32, u32>,
    /// The page's clock, looked up once: a run reads it for every event.
    clock: Option<web_sys::Performance>,
    started_at: f64,
    seq: Cell<u32>,
    sink: Rc<dyn Fn(Event)>,
    cancelled: Cell<bool>,
    finished: Cell<bool>,
    /// Timers and loops that can still make something happen.
    outstanding: Cell<usize>,
    idle_waker: RefCell<Option<Waker>>,
    aborts: RefCell<Vec<AbortHandle>>,
    listeners: RefCell<Vec<EventListener>>,
    pub stages: RefCell<Vec<Stage>>,
    /// Each task's promise, to attribute the browser's rejection events.
    pub promises: RefCell<Vec<Option<js_sys::Promise>>>,
    /// The promise the browser's combinator returned, for those who want
    /// the real thing rather than its description.
    pub combined: RefCell<Option<js_sys::Promise>>,
    /// When each task's timer is due, in ms since the run started, while
    /// it waits: the page can keep its own work away from those moments.
    due: RefCell<Vec<Option<f64>>>,
    /// Aborts the tasks still at work when the combinator settles, when
    /// the run was asked to.
    abort: Option<web_sys::AbortController>,
}

impl Context {
    pub fn new(
        run: RunId,
        scenario: &Scenario,
        options: RunOptions,
        sink: Rc<dyn Fn(Event)>,
    ) -> Rc<Self> {
        let n = scenario.tasks.len();
        let clock = super::clock();
        Rc::new(Context {
            run,
            speed: options.speed,
            combinator: scenario.combinator,
            real_delays: scenario.real_delays(options.speed),
            started_at: now(clock.as_ref()),
            clock,
            seq: Cell::new(0),
            sink,
            cancelled: Cell::new(false),
            finished: Cell::new(false),
            outstanding: Cell::new(0),
            idle_waker: RefCell::new(None),
            aborts: RefCell::new(Vec::new()),
            listeners: RefCell::new(Vec::new()),
            stages: RefCell::new(vec![Stage::NotStarted; n]),
            promises: RefCell::new(vec![None; n]),
            combined: RefCell::new(None),
            due: RefCell::new(vec![None; n]),
            abort: options
                .abort_rest
                .then(|| web_sys::AbortController::new().ok())
                .flatten(),
        })
    }

    /// The signal the tasks' work listens to, when the run aborts the rest.
    pub fn abort_signal(&self) -> Option<web_sys::AbortSignal> {
        self.abort.as_ref().map(web_sys::AbortController::signal)
    }

    /// Called when the combinator (or loop) settles: aborts the work still
    /// going, when the run was asked to.
    pub fn abort_rest(&self) {
        if let Some(controller) = &self.abort {
            controller.abort();
        }
    }

    /// When the run started, on its global scope's clock.
    pub fn started_at(&self) -> f64 {
        self.started_at
    }

    /// Milliseconds since the run started.
    pub fn elapsed(&self) -> f64 {
        now(self.clock.as_ref()) - self.started_at
    }

    /// Delivers an event, unless the run was stopped or has finished.
    pub fn emit(&self, kind: EventKind) {
        // The browser's rejection reports are its own to time, and can trail
        // the end of a run on a busy page; they are still true, so they are
        // delivered until the run is stopped or replaced.
        let late_report = matches!(
            kind,
            EventKind::Unhandled { .. } | EventKind::HandledLate { .. }
        );
        if self.cancelled.get() || (self.finished.get() && !late_report) {
            return;
        }
        let seq = self.seq.get();
        self.seq.set(seq + 1);
        (self.sink)(Event {
            run: self.run,
            seq,
            t_ms: self.elapsed(),
            kind,
        });
    }

    /// The real delay for a task's virtual delay at this run's speed.
    pub fn real_delay(&self, delay_ms: u32) -> u32 {
        self.real_delays
            .get(&delay_ms)
            .copied()
            .unwrap_or_else(|| scale_delay(delay_ms, self.speed))
    }

    /// Whether the run's tasks can leave a rejection unhandled, so that the
    /// browser's reports must be matched to them: only the two loops can.
    pub fn watches_rejections(&self) -> bool {
        use crate::model::Combinator::{ParallelAwait, Sequential};
        matches!(self.combinator, Sequential | ParallelAwait)
    }

    /// Notes that `task`'s timer was set to fire after `real_ms`.
    pub fn timer_set(&self, task: usize, real_ms: u32) {
        let at = self.elapsed() + f64::from(real_ms);
        if let Some(slot) = self.due.borrow_mut().get_mut(task) {
            *slot = Some(at);
        }
    }

    /// Notes that `task`'s timer fired (or will not).
    pub fn timer_done(&self, task: usize) {
        if let Some(slot) = self.due.borrow_mut().get_mut(task) {
            *slot = None;
        }
    }

    /// How long until the next timer is due, in ms (0 when one is late);
    /// `None` when no timer is waiting.
    pub fn next_due_in(&self) -> Option<f64> {
        let now = self.elapsed();
        self.due
            .borrow()
            .iter()
            .flatten()
            .map(|at| (at - now).max(0.0))
            .reduce(f64::min)
    }

    pub fn set_stage(&self, task: usize, stage: Stage) {
        if let Some(s) = self.stages.borrow_mut().get_mut(task) {
            *s = stage;
        }
    }

    /// Registers a future that stops with the run, and spawns it.
    pub fn spawn(&self, future: impl Future<Output = ()> + 'static) {
        let (handle, registration) = AbortHandle::new_pair();
        self.aborts.borrow_mut().push(handle);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = Abortable::new(future, registration).await;
        });
    }

    /// An abortable wrapper for a future that is spawned elsewhere (a task
    /// future handed to `future_to_promise`).
    pub fn abortable<F: Future>(&self, future: F) -> Abortable<F> {
        let (handle, registration) = AbortHandle::new_pair();
        self.aborts.borrow_mut().push(handle);
        Abortable::new(future, registration)
    }

    pub fn listen(&self, listener: EventListener) {
        self.listeners.borrow_mut().push(listener);
    }

    /// Marks work that can still make events happen; the run cannot finish
    /// until every hold is dropped.
    pub fn hold(self: &Rc<Self>) -> Hold {
        self.outstanding.set(self.outstanding.get() + 1);
        Hold {
            context: Rc::clone(self),
        }
    }

    /// Resolves once no hold is left.
    pub fn idle(&self) -> impl Future<Output = ()> + '_ {
        std::future::poll_fn(move |cx| {
            if self.outstanding.get() == 0 {
                Poll::Ready(())
            } else {
                *self.idle_waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }

    pub fn is_idle(&self) -> bool {
        self.outstanding.get() == 0
    }

    /// Reports the run finished, then lets go of everything it held.
    pub fn finish_now(&self) {
        let stages = self.stages.borrow().clone();
        let pick = |want: Stage| -> Vec<usize> {
            (0..stages.len()).filter(|i| stages[*i] == want).collect()
        };
        let (pending, not_started) = (pick(Stage::Started), pick(Stage::NotStarted));
        self.emit(EventKind::RunFinished {
            pending,
            not_started,
        });
        self.finished.set(true);
        // Every future left is waiting on something that cannot happen; the
        // rejection listeners stay until the run is stopped or replaced.
        self.abort_all();
    }

    /// Stops the run: no more events, timers cleared, listeners removed.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        self.release();
    }

    fn release(&self) {
        self.due.take();
        self.abort_all();
        self.listeners.take();
        self.promises.take();
    }

    fn abort_all(&self) {
        for handle in self.aborts.take() {
            handle.abort();
        }
    }
}

/// Outstanding work; dropping it may let the run finish.
pub(super) struct Hold {
    context: Rc<Context>,
}

impl Drop for Hold {
    fn drop(&mut self) {
        let c = &self.context;
        c.outstanding.set(c.outstanding.get().saturating_sub(1));
        if c.outstanding.get() == 0 {
            if let Some(waker) = c.idle_waker.take() {
                waker.wake();
            }
        }
    }
}

fn now(clock: Option<&web_sys::Performance>) -> f64 {
    clock.map_or_else(js_sys::Date::now, |p| p.now())
}
