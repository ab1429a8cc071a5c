//! The Rust programs the code view writes, compiled and run for real: each
//! must settle as the engine's own run of the same example does. The files
//! under `tests/code/` are what the generator writes (a host test in
//! `model::code` keeps them so).
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::{self, from_js, RunOptions};
use promise_playground::model::presets::Preset;
use promise_playground::model::{EventKind, Settle};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod page_load {
    include!("code/page_load.rs");
}
mod already_settled {
    include!("code/already_settled.rs");
}
mod dependent {
    include!("code/dependent.rs");
}
mod unhandled {
    include!("code/unhandled.rs");
}
mod timeout_abort {
    include!("code/timeout_abort.rs");
}
mod race_never_abort {
    include!("code/race_never_abort.rs");
}
mod unhandled_abort {
    include!("code/unhandled_abort.rs");
}
mod dependent_abort {
    include!("code/dependent_abort.rs");
}
mod parallel_abort {
    include!("code/parallel_abort.rs");
}

fn settle(outcome: Result<JsValue, JsValue>) -> Settle {
    match outcome {
        Ok(value) => Settle::Fulfil(from_js(&value)),
        Err(reason) => Settle::Reject(from_js(&reason)),
    }
}

/// What the engine's run of the preset settled with.
async fn engine_result(id: &str) -> Settle {
    engine_run(id, false, 0).await
}

/// What the engine's run of the preset (or of a scenario in the text
/// form) settled with, aborting the rest when it settled if `abort_rest`,
/// which aborts `aborts` tasks.
async fn engine_run(id: &str, abort_rest: bool, aborts: usize) -> Settle {
    promise_playground::platform::install_numbers();
    let scenario = match Preset::find(id) {
        Some(preset) => preset.scenario(),
        None => promise_playground::model::text::parse(id).expect("a scenario"),
    };
    let options = RunOptions {
        abort_rest,
        ..RunOptions::default()
    };
    let record = engine::run_to_end(1, &scenario, options).await;
    let aborted = (record.events.iter())
        .filter(|e| matches!(e.kind, EventKind::TaskAborted { .. }))
        .count();
    assert_eq!(aborted, aborts, "{id}: tasks aborted");
    record.result.expect("the run settles").settle
}

#[wasm_bindgen_test]
async fn the_generated_promise_all_settles_as_the_engine_does() {
    let written = settle(page_load::run().await);
    assert!(!written.is_reject(), "{written:?}");
    assert_eq!(written, engine_result("page-load").await);
}

#[wasm_bindgen_test]
async fn the_generated_race_over_settled_and_plain_tasks_settles_as_the_engine_does() {
    let written = settle(already_settled::run().await);
    assert_eq!(written, engine_result("already-settled").await);
}

#[wasm_bindgen_test]
async fn the_generated_sequential_loop_settles_as_the_engine_does() {
    let written = settle(dependent::run().await);
    assert_eq!(written, engine_result("dependent").await);
}

#[wasm_bindgen_test]
async fn the_generated_parallel_await_loop_settles_as_the_engine_does() {
    let written = settle(unhandled::run().await);
    assert!(written.is_reject(), "{written:?}");
    assert_eq!(written, engine_result("unhandled").await);
}

#[wasm_bindgen_test]
async fn the_generated_race_with_abort_settles_as_the_engine_does() {
    let written = settle(timeout_abort::run().await);
    assert!(written.is_reject(), "{written:?}");
    assert_eq!(written, engine_run("timeout", true, 1).await);
}

#[wasm_bindgen_test]
async fn the_generated_race_with_abort_ends_a_task_that_never_settles() {
    let written = settle(race_never_abort::run().await);
    assert!(!written.is_reject(), "{written:?}");
    assert_eq!(written, engine_run("race-never", true, 1).await);
}

#[wasm_bindgen_test]
async fn the_generated_parallel_await_loop_with_abort_settles_as_the_engine_does() {
    let written = settle(unhandled_abort::run().await);
    assert!(written.is_reject(), "{written:?}");
    assert_eq!(written, engine_run("unhandled", true, 0).await);
}

#[wasm_bindgen_test]
async fn the_generated_sequential_loop_with_abort_settles_as_the_engine_does() {
    let written = settle(dependent_abort::run().await);
    assert_eq!(written, engine_run("dependent", true, 0).await);
}

/// The abort is real: the loop rejects while `later` (5 s) is still at
/// work, the program aborts it, and its AbortError goes unhandled at once,
/// as the engine's own run of the same tasks says.
#[wasm_bindgen_test]
async fn the_generated_parallel_await_loop_with_abort_aborts_the_task_left_running() {
    use futures::future::{select, Either};
    use wasm_bindgen::JsCast;
    let (sent, aborted) = futures::channel::oneshot::channel::<()>();
    let sent = std::cell::RefCell::new(Some(sent));
    let window = web_sys::window().expect("a window");
    let listener = gloo_events::EventListener::new(&window, "unhandledrejection", move |e| {
        let e: &web_sys::PromiseRejectionEvent = e.unchecked_ref();
        let name = js_sys::Reflect::get(&e.reason(), &"name".into()).ok();
        if name.and_then(|n| n.as_string()).as_deref() == Some("AbortError") {
            if let Some(sent) = sent.borrow_mut().take() {
                let _ = sent.send(());
            }
        }
    });
    let written = settle(parallel_abort::run().await);
    assert!(written.is_reject(), "{written:?}");
    // Unaborted, `later` would fulfil at 5 s and nothing would be reported.
    let bound = gloo_timers::future::TimeoutFuture::new(3_000);
    assert!(
        matches!(select(aborted, bound).await, Either::Left((Ok(()), _))),
        "no AbortError went unhandled: the task left running was not aborted"
    );
    drop(listener);
    let text = "v1 parallel-await\nslow 300ms ok 'slow'\nfails 50ms err Error('boom')\nlater 5000ms ok 'later'";
    assert_eq!(written, engine_run(text, true, 1).await);
}
