//! Starting tasks and combining them: through the browser's own `Promise.*`
//! or through a real `async` loop.

use super::context::{Context, Stage};
use super::convert::{from_js, to_js};
use super::watch;
use crate::model::{Behaviour, Combinator, EventKind, Scenario, Settle, Task};
use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// After the last timer, how long to wait for the browser's own late events
/// (`unhandledrejection` and `rejectionhandled` are queued as separate tasks
/// after the microtasks that caused them) before calling the run finished.
const SETTLE_GRACE_MS: u32 = 30;

/// Starts the run. Errors are what the browser lacks to run it at all.
pub(super) fn drive(context: &Rc<Context>, scenario: &Scenario) -> Result<(), String> {
    check_support(scenario.combinator)?;
    watch::install(context);

    let tasks = scenario.tasks.clone();
    match scenario.combinator {
        Combinator::Sequential => {
            // `for (const t of tasks) out.push(await t())`: the iterator is
            // lazy, so each task starts only when the loop asks for it.
            // The hold keeps the run open between one task and the next.
            let hold = RefCell::new(Some(context.hold()));
            let c = Rc::clone(context);
            context.spawn(async move {
                let inputs = tasks.iter().enumerate().map(|(index, task)| {
                    if task.behaviour == Behaviour::Never {
                        // The loop will wait here for ever: nothing follows.
                        hold.borrow_mut().take();
                    }
                    start_task(&c, index, task)
                });
                let settle = settle_of(await_in_order(inputs).await);
                c.emit(EventKind::CombinatorSettled { settle });
                c.abort_rest();
                hold.borrow_mut().take();
            });
        }
        Combinator::ParallelAwait => {
            // `const ps = tasks.map(t => t()); for (const p of ps) out.push(await p)`
            let inputs: Vec<JsValue> = (0..tasks.len())
                .map(|i| start_task(context, i, &tasks[i]))
                .collect();
            let c = Rc::clone(context);
            context.spawn(async move {
                let settle = settle_of(await_in_order(inputs).await);
                c.emit(EventKind::CombinatorSettled { settle });
                c.abort_rest();
            });
        }
        combinator => {
            let inputs: Array = (0..tasks.len())
                .map(|i| start_task(context, i, &tasks[i]))
                .collect();
            let combined = combine(combinator, &inputs);
            *context.combined.borrow_mut() = Some(combined.clone());
            let c = Rc::clone(context);
            context.spawn(async move {
                let settle = settle_of(JsFuture::from(combined).await);
                c.emit(EventKind::CombinatorSettled { settle });
                c.abort_rest();
            });
        }
    }

    let c = Rc::clone(context);
    context.spawn(async move {
        // A loop may start new timers after the count first reaches zero, so
        // idleness must survive the grace period before the run is finished.
        loop {
            c.idle().await;
            grace(&c).await;
            if c.is_idle() {
                break;
            }
        }
        c.finish_now();
    });
    Ok(())
}

/// Waits out the grace period, again and again while its timer fires late:
/// a late timer means the main thread was busy (drawing a big run, say),
/// and the browser's own rejection reports may still be queued behind it.
async fn grace(context: &Context) {
    /// A timer this late means the event loop is backed up.
    const LATE_MS: f64 = 15.0;
    /// Give up waiting for a calm moment after this many tries.
    const TRIES: usize = 20;
    for _ in 0..TRIES {
        let asked = context.elapsed();
        TimeoutFuture::new(SETTLE_GRACE_MS).await;
        if context.elapsed() - asked < f64::from(SETTLE_GRACE_MS) + LATE_MS {
            return;
        }
    }
}

/// `Promise.any` and `Promise.allSettled` are recent; an old browser gets a
/// clear message instead of a thrown `TypeError` across the wasm boundary.
fn check_support(combinator: Combinator) -> Result<(), String> {
    let name = match combinator {
        Combinator::Any => "any",
        Combinator::AllSettled => "allSettled",
        _ => return Ok(()),
    };
    let promise = js_sys::global()
        .dyn_into::<js_sys::Object>()
        .ok()
        .and_then(|g| Reflect::get(&g, &JsValue::from_str("Promise")).ok());
    let present = promise
        .and_then(|p| Reflect::has(&p, &JsValue::from_str(name)).ok())
        .unwrap_or(false);
    if present {
        Ok(())
    } else {
        Err(format!("this browser has no Promise.{name}"))
    }
}

fn combine(combinator: Combinator, inputs: &Array) -> Promise {
    match combinator {
        Combinator::AllSettled => Promise::all_settled(inputs),
        Combinator::Race => Promise::race(inputs),
        Combinator::Any => Promise::any(inputs),
        _ => Promise::all(inputs),
    }
}

fn settle_of(result: Result<JsValue, JsValue>) -> Settle {
    match result {
        Ok(value) => Settle::Fulfil(from_js(&value)),
        Err(reason) => Settle::Reject(from_js(&reason)),
    }
}

/// Starts one task and returns what goes into the combined array: a promise,
/// or for a plain task the bare value.
fn start_task(context: &Rc<Context>, index: usize, task: &Task) -> JsValue {
    context.set_stage(index, Stage::Started);
    context.emit(EventKind::TaskStarted { task: index });
    let input: JsValue = match &task.behaviour {
        Behaviour::Timer { delay_ms, settle } => {
            let fault = cfg!(feature = "faults") && task.label == FAULT_LABEL;
            timer_promise(context, index, *delay_ms, settle.clone(), fault).into()
        }
        Behaviour::Settled(settle) => {
            settled(context, index, settle.clone());
            match settle {
                Settle::Fulfil(v) => Promise::resolve(&to_js(v)).into(),
                Settle::Reject(r) => Promise::reject(&to_js(r)).into(),
            }
        }
        Behaviour::Plain(value) => {
            settled(context, index, Settle::Fulfil(value.clone()));
            to_js(value)
        }
        // An executor that never calls back: a promise nothing can settle,
        // unless the run aborts the rest: then its work listens to the
        // signal, as a hung request would.
        Behaviour::Never => match context.abort_signal() {
            None => Promise::new(&mut |_, _| {}).into(),
            Some(signal) => {
                let c = Rc::clone(context);
                let wait = context.abortable(aborted(signal.clone()));
                future_to_promise(async move {
                    if wait.await.is_err() {
                        // The run was stopped or is over: pending for ever.
                        return std::future::pending().await;
                    }
                    was_aborted(&c, index);
                    Err(signal.reason())
                })
                .into()
            }
        },
    };
    // Only a loop can leave a rejection unhandled (a combinator handles
    // every input at once): only then are the promises kept, to tell which
    // task the browser's rejection reports are about.
    if context.watches_rejections() {
        if let Some(promise) = input.dyn_ref::<Promise>() {
            if let Some(slot) = context.promises.borrow_mut().get_mut(index) {
                *slot = Some(promise.clone());
            }
        }
    }
    input
}

/// Resolves when `signal` is aborted.
async fn aborted(signal: web_sys::AbortSignal) {
    if signal.aborted() {
        return;
    }
    let (sent, received) = oneshot::channel::<()>();
    let _listener = EventListener::once(&signal, "abort", move |_| {
        let _ = sent.send(());
    });
    let _ = received.await;
}

/// A task's work was aborted before it settled.
fn was_aborted(context: &Context, index: usize) {
    context.set_stage(index, Stage::Settled);
    context.emit(EventKind::TaskAborted { task: index });
}

fn settled(context: &Context, index: usize, settle: Settle) {
    context.set_stage(index, Stage::Settled);
    context.emit(EventKind::TaskSettled {
        task: index,
        settle,
    });
}

/// The heart of a task: a Rust future that waits on a real timer, then
/// fulfils or rejects, bridged to a JS promise. The timer is set now, so
/// tasks started together fire in start order when their delays are equal.
/// In test builds (the `faults` feature), a task with this label makes the
/// engine report an error from inside the run when its timer fires.
const FAULT_LABEL: &str = "__fault__";

fn timer_promise(
    context: &Rc<Context>,
    index: usize,
    delay_ms: u32,
    settle: Settle,
    fault: bool,
) -> Promise {
    let hold = context.hold();
    let real = context.real_delay(delay_ms);
    context.timer_set(index, real);
    let timer = context.abortable(TimeoutFuture::new(real));
    let signal = context.abort_signal();
    let c = Rc::clone(context);
    future_to_promise(async move {
        // The timer races the run's abort signal, when there is one; an
        // abort drops the timer, which clears it.
        let (fired, abort) = match signal {
            None => (timer.await.is_ok(), None),
            Some(signal) => match select(timer, Box::pin(aborted(signal.clone()))).await {
                Either::Left((fired, _)) => (fired.is_ok(), None),
                Either::Right(_) => (false, Some(signal)),
            },
        };
        c.timer_done(index);
        if let Some(signal) = abort {
            was_aborted(&c, index);
            drop(hold);
            return Err(signal.reason());
        }
        if !fired {
            // Stopped: settle quietly so nothing dangles; the sink is silent.
            return Ok(JsValue::UNDEFINED);
        }
        if fault {
            c.emit(EventKind::RunError {
                message: format!(
                    "task {} failed inside the engine (a fault injected for testing)",
                    index + 1
                ),
            });
        }
        let js = to_js(settle.value());
        let reject = settle.is_reject();
        settled(&c, index, settle);
        drop(hold);
        if reject {
            Err(js)
        } else {
            Ok(js)
        }
    })
}

/// The body of both loops: `out.push(await input)` for each input in turn,
/// settling as the `async` function around it would. A promise gets its
/// handler only when the loop reaches it, which is what lets an earlier
/// rejection go unhandled.
async fn await_in_order(inputs: impl IntoIterator<Item = JsValue>) -> Result<JsValue, JsValue> {
    let out = Array::new();
    for input in inputs {
        out.push(&JsFuture::from(Promise::resolve(&input)).await?);
    }
    Ok(out.into())
}
