//! Runs the engine in a dedicated worker, away from the page's drawing.
//!
//! A worker has its own event loop: its timers fire on time however long
//! the page takes to lay out and paint a batch of events, and drawing a
//! run can no longer change the run it draws. It is the same engine on the
//! same `.wasm` file (cached, so nothing more is downloaded), with the
//! browser's own promises, timers, combinators and rejection reports, which
//! a worker has as a page does.
//!
//! The page side is [`EngineWorker`]; the worker side is [`engine_worker`],
//! called by `engine-worker.js` once the module has loaded. Where a worker
//! cannot be made (a sandboxed frame's opaque origin, a policy that forbids
//! workers, a test page without the built files) or fails to load, the page
//! runs the engine itself, as before.
//!
//! Messages to the worker: `{type: "run", run, scenario (text form), speed,
//! abort, hidden}`, `{type: "stop", run}`, `{type: "hidden", run}`. From it:
//! `{type: "ready"}`, `{type: "failed", message}`, and `{type: "events",
//! run, origin, events}` where `origin` is when the run began on the
//! machine's clock (`timeOrigin` + `now()`) and `events` are in the form of
//! [`super::wire`].

use super::wire::{broken_run, event_from_wire, event_to_wire, get as field, object as message};
use super::{clock, start, RunHandle, RunOptions};
use crate::model::{text, Event, RunId};
use gloo_events::EventListener;
use js_sys::Array;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's file, beside `boot.js`.
const SCRIPT: &str = "engine-worker.js";
/// The most events one message carries: the page reads each message in a
/// task of its own, and a 10 000-task run starts all its tasks in one turn.
const MAX_EVENTS_PER_POST: u32 = 512;

/// Now on the machine's clock, which every scope shares.
fn machine_now() -> f64 {
    clock().map_or(0.0, |c| c.time_origin() + c.now())
}

// ---- the worker's side ----

/// What the worker posts next: the events of one run, gathered over a
/// turn of its event loop.
struct Outbox {
    run: RunId,
    origin: f64,
    events: Array,
}

thread_local! {
    static RUN: RefCell<Option<RunHandle>> = const { RefCell::new(None) };
    static OUTBOX: RefCell<Option<Outbox>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn flush() {
    if let Some(outbox) = OUTBOX.with(|o| o.borrow_mut().take()) {
        let data = message(&[
            ("type", "events".into()),
            ("run", outbox.run.into()),
            ("origin", outbox.origin.into()),
            ("events", outbox.events.into()),
        ]);
        let _ = scope().post_message(&data);
    }
}

/// Queues an event; the first of a turn schedules the post. The run's
/// origin is read off the first event of each post: it was just emitted,
/// `t_ms` after the run began.
fn send(event: Event) {
    let other_run = OUTBOX.with(|o| o.borrow().as_ref().is_some_and(|b| b.run != event.run));
    if other_run {
        flush();
    }
    let (first, full) = OUTBOX.with(|o| {
        let mut o = o.borrow_mut();
        let first = o.is_none();
        let outbox = o.get_or_insert_with(|| Outbox {
            run: event.run,
            origin: machine_now() - event.t_ms,
            events: Array::new(),
        });
        outbox.events.push(&event_to_wire(&event));
        (first, outbox.events.length() >= MAX_EVENTS_PER_POST)
    });
    if full {
        flush();
    } else if first {
        wasm_bindgen_futures::spawn_local(async { flush() });
    }
}

fn run_message(
    data: &JsValue,
) -> Result<(RunId, crate::model::Scenario, RunOptions, bool), String> {
    let run = field(data, "run").as_f64().ok_or("a run without an id")? as RunId;
    let scenario = field(data, "scenario")
        .as_string()
        .ok_or("a run without tasks")?;
    let scenario = text::parse(&scenario).map_err(|e| e.to_string())?;
    let options = RunOptions {
        speed: field(data, "speed").as_f64().unwrap_or(1.0),
        abort_rest: field(data, "abort").as_bool().unwrap_or(false),
    };
    Ok((
        run,
        scenario,
        options,
        field(data, "hidden").as_bool() == Some(true),
    ))
}

fn on_message(data: &JsValue) {
    let is_current = |data: &JsValue| {
        let run = field(data, "run").as_f64();
        RUN.with(|r| r.borrow().as_ref().map(|h| h.run() as f64)) == run
    };
    match field(data, "type").as_string().as_deref() {
        Some("run") => {
            // The run before stops first, and its last events go out.
            RUN.with(|r| r.borrow_mut().take());
            flush();
            match run_message(data) {
                Ok((run, scenario, options, hidden)) => {
                    let handle = start(run, &scenario, options, send);
                    if hidden {
                        handle.report_hidden();
                    }
                    RUN.with(|r| *r.borrow_mut() = Some(handle));
                }
                Err(why) => {
                    let run = field(data, "run").as_f64().unwrap_or(0.0) as RunId;
                    let message = format!("the worker could not read the tasks: {why}");
                    broken_run(run, 0, 0.0, message).into_iter().for_each(send);
                }
            }
        }
        Some("stop") if is_current(data) => {
            RUN.with(|r| r.borrow_mut().take());
        }
        Some("hidden") if is_current(data) => {
            RUN.with(|r| r.borrow().as_ref().map(RunHandle::report_hidden));
        }
        _ => {}
    }
}

/// Serves runs for the page that made this worker. Called once, by
/// `engine-worker.js`, when the module is ready.
#[wasm_bindgen(js_name = engineWorker)]
pub fn engine_worker() {
    crate::platform::install_numbers();
    let scope = scope();
    // Kept for the worker's whole life: it exists to answer these messages,
    // and ends with the page that made it.
    EventListener::new(&scope, "message", |event| {
        if let Some(event) = event.dyn_ref::<MessageEvent>() {
            on_message(&event.data());
        }
    })
    .forget();
    let _ = scope.post_message(&message(&[("type", "ready".into())]));
}

// ---- the page's side ----

/// The run the worker is running for the page.
struct Current {
    run: RunId,
    sink: Rc<dyn Fn(Event)>,
    /// When it began, on the page's clock, once the worker said.
    began: Option<f64>,
    /// The seq the next event should have.
    next_seq: u32,
}

struct Inner {
    worker: Worker,
    /// Loaded and working: set by its "ready", cleared for good by a
    /// failure.
    ready: Cell<bool>,
    current: RefCell<Option<Current>>,
    listeners: RefCell<Vec<EventListener>>,
}

impl Inner {
    fn post(&self, entries: &[(&str, JsValue)]) {
        let _ = self.worker.post_message(&message(entries));
    }

    fn on_message(&self, data: &JsValue) {
        match field(data, "type").as_string().as_deref() {
            Some("ready") => self.ready.set(true),
            Some("failed") => self.fail("it could not load"),
            Some("events") => self.on_events(data),
            _ => {}
        }
    }

    fn on_events(&self, data: &JsValue) {
        let run = field(data, "run").as_f64().map(|r| r as RunId);
        let origin = field(data, "origin").as_f64();
        let events = field(data, "events");
        let mut current = self.current.borrow_mut();
        let Some(now) = current.as_mut().filter(|c| Some(c.run) == run) else {
            return;
        };
        if now.began.is_none() {
            let page_origin = clock().map_or(0.0, |c| c.time_origin());
            now.began = origin.map(|o| o - page_origin);
        }
        let sink = Rc::clone(&now.sink);
        let mut decoded = Vec::new();
        for wire in events.dyn_ref::<Array>().into_iter().flat_map(Array::iter) {
            match event_from_wire(&wire) {
                Ok(event) => {
                    now.next_seq = event.seq + 1;
                    decoded.push(event);
                }
                Err(why) => {
                    decoded.extend(crash_events(now, &format!("it sent {why}")));
                    break;
                }
            }
        }
        drop(current);
        for event in decoded {
            sink(event);
        }
    }

    /// The worker cannot run anything more: the run it had ends in an
    /// error, and later runs stay on the page.
    fn fail(&self, why: &str) {
        self.ready.set(false);
        let current = self.current.borrow_mut().take();
        if let Some(mut current) = current {
            let sink = Rc::clone(&current.sink);
            for event in crash_events(&mut current, why) {
                sink(event);
            }
        }
    }
}

/// The events that end a run whose worker stopped working.
fn crash_events(current: &mut Current, why: &str) -> [Event; 2] {
    let t_ms = current.began.map_or(0.0, |b| crate::platform::now_ms() - b);
    let message = format!("the worker running it stopped: {why}.");
    let events = broken_run(current.run, current.next_seq, t_ms, message);
    current.next_seq += 2;
    events
}

/// The page's handle on the engine's worker.
#[derive(Clone)]
pub struct EngineWorker {
    inner: Rc<Inner>,
}

impl EngineWorker {
    /// Starts the worker beside the built page's `boot.js`; `None` where
    /// there is no such page or no worker may be made.
    pub fn spawn() -> Option<EngineWorker> {
        let document = web_sys::window()?.document()?;
        let boot = document.query_selector("script[data-wasm]").ok()??;
        let base = document.base_uri().ok()??;
        let resolve = |relative: &str, base: &str| {
            web_sys::Url::new_with_base(relative, base)
                .ok()
                .map(|u| u.href())
        };
        let boot_url = resolve(&boot.get_attribute("src")?, &base)?;
        let js = resolve(&boot.get_attribute("data-js")?, &base)?;
        let wasm = resolve(&boot.get_attribute("data-wasm")?, &base)?;
        let script = resolve(SCRIPT, &boot_url)?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&script, &options).ok()?;
        let inner = Rc::new(Inner {
            worker,
            ready: Cell::new(false),
            current: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
        });
        let weak = Rc::downgrade(&inner);
        let on_message = EventListener::new(&inner.worker, "message", move |event| {
            if let (Some(inner), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>()) {
                inner.on_message(&event.data());
            }
        });
        let weak = Rc::downgrade(&inner);
        let on_error = EventListener::new(&inner.worker, "error", move |_| {
            if let Some(inner) = weak.upgrade() {
                inner.fail("it failed");
            }
        });
        let weak = Rc::downgrade(&inner);
        let doc = document.clone();
        let on_hidden = EventListener::new(&document, "visibilitychange", move |_| {
            let Some(inner) = weak.upgrade().filter(|_| doc.hidden()) else {
                return;
            };
            let run = inner.current.borrow().as_ref().map(|c| c.run);
            if let Some(run) = run {
                inner.post(&[("type", "hidden".into()), ("run", run.into())]);
            }
        });
        *inner.listeners.borrow_mut() = vec![on_message, on_error, on_hidden];
        inner.post(&[
            ("type", "load".into()),
            ("js", js.into()),
            ("wasm", wasm.into()),
        ]);
        Some(EngineWorker { inner })
    }

    /// Whether the worker has loaded and can take a run.
    pub fn is_ready(&self) -> bool {
        self.inner.ready.get()
    }

    /// Starts running `scenario` in the worker, delivering its events to
    /// `sink` on the page, as [`super::start`] does.
    pub fn start(
        &self,
        run: RunId,
        scenario: &crate::model::Scenario,
        options: RunOptions,
        sink: impl Fn(Event) + 'static,
    ) -> RemoteRun {
        *self.inner.current.borrow_mut() = Some(Current {
            run,
            sink: Rc::new(sink),
            began: None,
            next_seq: 0,
        });
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        self.inner.post(&[
            ("type", "run".into()),
            ("run", run.into()),
            ("scenario", text::format(scenario).into()),
            ("speed", options.speed.into()),
            ("abort", options.abort_rest.into()),
            ("hidden", hidden.into()),
        ]);
        RemoteRun {
            inner: Rc::clone(&self.inner),
            run,
        }
    }
}

/// A run in the worker. Dropping it stops the run, as dropping a
/// [`RunHandle`] does.
#[must_use = "dropping the handle stops the run at once"]
pub struct RemoteRun {
    inner: Rc<Inner>,
    run: RunId,
}

impl RemoteRun {
    /// The id of this run.
    pub fn run(&self) -> RunId {
        self.run
    }

    /// When the run began, on the page's clock, once the worker has said.
    pub fn began(&self) -> Option<f64> {
        let current = self.inner.current.borrow();
        current.as_ref().filter(|c| c.run == self.run)?.began
    }

    /// Real milliseconds since the run began (0 before the worker said).
    pub fn elapsed_ms(&self) -> f64 {
        self.began().map_or(0.0, |b| crate::platform::now_ms() - b)
    }
}

impl Drop for RemoteRun {
    fn drop(&mut self) {
        let mut current = self.inner.current.borrow_mut();
        if current.as_ref().is_some_and(|c| c.run == self.run) {
            *current = None;
            drop(current);
            self.inner
                .post(&[("type", "stop".into()), ("run", self.run.into())]);
        }
    }
}
