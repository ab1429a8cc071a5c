// await in a loop over 3 tasks, with the playground's own bridge: each task
// is a Rust future on a gloo timer, turned into a real JS promise by
// wasm-bindgen-futures, and a Rust loop awaits them one after another.
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Object, Promise, Reflect};
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

/// A plain JS object, its keys in this order.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        Reflect::set(&object, &JsValue::from_str(key), value)
            .expect("a plain object takes any key");
    }
    object.into()
}

/// Starts the tasks and settles as the playground's run did.
pub async fn run() -> Result<JsValue, JsValue> {
    // Aborted when the combinator settles: the tasks still at work stop.
    let controller = AbortController::new()?;
    let signal = controller.signal();
    let tasks: [fn(&AbortSignal) -> JsValue; 3] = [
        |signal| after(200, Ok(JsValue::from("token-42")), signal), // login (task 1)
        |signal| after(300, Ok(object(&[("name", JsValue::from("Ada"))])), signal), // profile (task 2)
        |signal| after(250, Ok(JsValue::from("ada.png")), signal), // avatar (task 3)
    ];
    let result: Result<JsValue, JsValue> = async {
        // Each task starts only when the one before has fulfilled.
        let values = Array::new();
        for task in tasks {
            values.push(&JsFuture::from(Promise::resolve(&task(&signal))).await?);
        }
        Ok(values.into())
    }
    .await;
    // It has settled: abort the tasks still at work.
    controller.abort();
    result
}
