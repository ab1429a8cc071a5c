// await in a loop over 3 tasks, with the playground's own bridge: each task
// is a Rust future on a gloo timer, turned into a real JS promise by
// wasm-bindgen-futures, and a Rust loop awaits them one after another.
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Object, Promise, Reflect};
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
    let tasks: [fn() -> JsValue; 3] = [
        || after(200, Ok(JsValue::from("token-42"))), // login (task 1)
        || after(300, Ok(object(&[("name", JsValue::from("Ada"))]))), // profile (task 2)
        || after(250, Ok(JsValue::from("ada.png"))), // avatar (task 3)
    ];
    // Each task starts only when the one before has fulfilled.
    let values = Array::new();
    for task in tasks {
        values.push(&JsFuture::from(Promise::resolve(&task())).await?);
    }
    Ok(values.into())
}
