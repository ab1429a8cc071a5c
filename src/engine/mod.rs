//! The only code that touches JavaScript promises.
//!
//! Three ideas. Each task becomes a real JS value: a Rust future (a
//! gloo-timers delay, then fulfil or reject) bridged to a `Promise` by
//! wasm-bindgen-futures, an already-settled `Promise`, a pending one, or a
//! plain value. The array of them is combined by the browser's own
//! `Promise.all`/`allSettled`/`race`/`any`, or by a real `async` loop, and
//! awaited through `JsFuture`. What happens is streamed as timestamped
//! [`Event`]s to a sink, converted at this edge so that no `JsValue` reaches
//! the rest of the program.
//!
//! Two facts shape the code. A `JsFuture` cannot be cancelled, so a run is
//! stopped by aborting the Rust futures around it (which clears their timers)
//! and by silencing its sink. A future that panics never settles its promise
//! (the release build aborts on panic), so nothing here unwraps: every failure
//! becomes an [`EventKind::RunError`].

mod context;
mod convert;
mod drive;
pub mod rust_ways;
pub mod script;
mod watch;
pub mod wire;
pub mod worker;

use crate::model::run::RunRecord;
use crate::model::{Event, EventKind, RunId, Scenario};
use context::Context;
use futures::channel::oneshot;
use std::cell::RefCell;
use std::rc::Rc;

pub use convert::{from_js, json_from_js, json_text, json_to_js, to_js};

/// Options for one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    /// Scales every timer: 2.0 runs twice as fast, 0.25 in slow motion.
    pub speed: f64,
    /// Abort the tasks still at work when the combinator (or loop)
    /// settles, through a real `AbortController` whose signal each task's
    /// timer listens to.
    pub abort_rest: bool,
}

impl RunOptions {
    /// The default options at `speed`.
    pub fn at(speed: f64) -> Self {
        RunOptions {
            speed,
            abort_rest: false,
        }
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions::at(1.0)
    }
}

/// A run in progress. Dropping it (or calling [`RunHandle::stop`]) stops the
/// run: its timers are cleared and none of its events are delivered after.
#[must_use = "dropping the handle stops the run at once"]
pub struct RunHandle {
    context: Rc<Context>,
}

impl RunHandle {
    /// Stops the run; nothing more is delivered.
    pub fn stop(&self) {
        self.context.cancel();
    }

    /// The id of this run.
    pub fn run(&self) -> RunId {
        self.context.run
    }

    /// Real milliseconds since the run began, on the clock of its events.
    pub fn elapsed_ms(&self) -> f64 {
        self.context.elapsed()
    }

    /// When the run began, on the clock of the global scope it runs in
    /// (the page's, for a run on the page).
    pub fn began_ms(&self) -> f64 {
        self.context.started_at()
    }

    /// How long until the next of the run's timers is due, in real ms (0
    /// when one is already late); `None` when none is waiting. Work the
    /// page does just then would make that timer late.
    pub fn next_timer_in_ms(&self) -> Option<f64> {
        self.context.next_due_in()
    }

    /// Says the page was hidden during the run. A run in a worker cannot
    /// see the page, so the page tells it.
    pub fn report_hidden(&self) {
        self.context.emit(EventKind::HiddenTab);
    }

    /// The promise returned by the browser's `Promise.all`/`allSettled`/
    /// `race`/`any` for this run; `None` for the two loop modes, or when the
    /// run could not start.
    pub fn combined_promise(&self) -> Option<js_sys::Promise> {
        self.context.combined.borrow().clone()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.context.cancel();
    }
}

/// The clock of the global scope the engine runs in, a page's or a
/// worker's: `performance`, whose `timeOrigin` places it on the clock of
/// every other scope on the machine.
pub(crate) fn clock() -> Option<web_sys::Performance> {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into().ok())
}

/// Starts running `scenario` and delivers its events to `sink`, in order,
/// each tagged with `run`. Events of tasks that settle immediately are
/// delivered before this returns.
pub fn start(
    run: RunId,
    scenario: &Scenario,
    options: RunOptions,
    sink: impl Fn(Event) + 'static,
) -> RunHandle {
    let context = Context::new(run, scenario, options, Rc::new(sink));
    if let Err(message) = drive::drive(&context, scenario) {
        context.emit(EventKind::RunError { message });
        context.finish_now();
    }
    RunHandle { context }
}

/// Runs `scenario` to the end and returns everything that happened: for
/// tests, benchmarks and pages that script the playground.
pub async fn run_to_end(run: RunId, scenario: &Scenario, options: RunOptions) -> RunRecord {
    let record = Rc::new(RefCell::new(RunRecord::new(
        run,
        scenario.clone(),
        options.speed,
    )));
    let (done, finished) = oneshot::channel::<()>();
    let done = RefCell::new(Some(done));
    let sink_record = Rc::clone(&record);
    let handle = start(run, scenario, options, move |event| {
        let last = matches!(event.kind, EventKind::RunFinished { .. });
        sink_record.borrow_mut().apply(event);
        if last {
            if let Some(done) = done.borrow_mut().take() {
                let _ = done.send(());
            }
        }
    });
    // The run always ends with `RunFinished`, errors included.
    let _ = finished.await;
    drop(handle);
    let record = record.borrow().clone();
    record
}
