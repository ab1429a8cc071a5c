// Promise.race over 4 tasks, with the playground's own bridge: each task
// is a Rust future on a gloo timer, turned into a real JS promise by
// wasm-bindgen-futures, and the browser's own combinator settles the result.
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Error, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// A task that settles after `delay` ms of a real timer.
fn after(delay: u32, outcome: Result<JsValue, JsValue>) -> JsValue {
    future_to_promise(async move {
        TimeoutFuture::new(delay).await;
        outcome
    })
    .into()
}

/// A promise settled already when it is made.
fn settled(outcome: Result<JsValue, JsValue>) -> JsValue {
    match outcome {
        Ok(value) => Promise::resolve(&value).into(),
        Err(reason) => Promise::reject(&reason).into(),
    }
}

/// Starts the tasks and settles as the playground's run did.
pub async fn run() -> Result<JsValue, JsValue> {
    let tasks: [fn() -> JsValue; 4] = [
        || after(0, Ok(JsValue::from("timer"))), // timer (task 1)
        || settled(Err(Error::new("already failed").into())), // failed (task 2)
        || settled(Ok(JsValue::from("cached"))), // cached (task 3)
        || JsValue::from(42.0), // answer (task 4)
    ];
    let started: Array = tasks.iter().map(|task| task()).collect();
    JsFuture::from(Promise::race(&started)).await
}
