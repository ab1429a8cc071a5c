// start all, then await each over 2 tasks, with the playground's own bridge: each task
// is a Rust future on a gloo timer, turned into a real JS promise by
// wasm-bindgen-futures, and a Rust loop awaits them in order.
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

/// Starts the tasks and settles as the playground's run did.
pub async fn run() -> Result<JsValue, JsValue> {
    let tasks: [fn() -> JsValue; 2] = [
        || after(600, Ok(JsValue::from("slow"))), // slow (task 1)
        || after(100, Err(Error::new("boom").into())), // fails (task 2)
    ];
    // Every task starts now; then each is awaited in turn.
    let started: Vec<JsValue> = tasks.iter().map(|task| task()).collect();
    let values = Array::new();
    for promise in &started {
        values.push(&JsFuture::from(Promise::resolve(promise)).await?);
    }
    Ok(values.into())
}
