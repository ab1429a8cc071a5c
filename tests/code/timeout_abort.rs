// Promise.race over 2 tasks, with the playground's own bridge: each task
// is a Rust future on a gloo timer, turned into a real JS promise by
// wasm-bindgen-futures, and the browser's own combinator settles the result.
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Error, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

/// Resolves when `signal` aborts (at once if it has).
fn on_abort(signal: &AbortSignal) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve, _| {
        if signal.aborted() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        } else {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
        }
    }))
}

/// A task that settles after `delay` ms of a real timer, unless
/// `signal` aborts first: then the timer is dropped, which clears it,
/// and the task rejects with the signal's AbortError.
fn after(delay: u32, outcome: Result<JsValue, JsValue>, signal: &AbortSignal) -> JsValue {
    let signal = signal.clone();
    future_to_promise(async move {
        let timer = TimeoutFuture::new(delay);
        match select(timer, on_abort(&signal)).await {
            Either::Left(_) => outcome,
            Either::Right(_) => Err(signal.reason()),
        }
    })
    .into()
}

/// Starts the tasks and settles as the playground's run did.
pub async fn run() -> Result<JsValue, JsValue> {
    // Aborted when the combinator settles: the tasks still at work stop.
    let controller = AbortController::new()?;
    let signal = controller.signal();
    let tasks: [fn(&AbortSignal) -> JsValue; 2] = [
        |signal| after(800, Ok(JsValue::from("data")), signal), // request (task 1)
        |signal| after(500, Err(Error::new("Request timed out").into()), signal), // timeout (task 2)
    ];
    let started: Array = tasks.iter().map(|task| task(&signal)).collect();
    let result = JsFuture::from(Promise::race(&started)).await;
    // It has settled: abort the tasks still at work.
    controller.abort();
    result
}
