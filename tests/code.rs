//! The Rust programs the code view writes, compiled and run for real: each
//! must settle as the engine's own run of the same example does. The files
//! under `tests/code/` are what the generator writes (a host test in
//! `model::code` keeps them so).
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::{self, from_js, RunOptions};
use promise_playground::model::presets::Preset;
use promise_playground::model::Settle;
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

fn settle(outcome: Result<JsValue, JsValue>) -> Settle {
    match outcome {
        Ok(value) => Settle::Fulfil(from_js(&value)),
        Err(reason) => Settle::Reject(from_js(&reason)),
    }
}

/// What the engine's run of the preset settled with.
async fn engine_result(id: &str) -> Settle {
    promise_playground::platform::install_numbers();
    let scenario = Preset::find(id).expect("a preset").scenario();
    let record = engine::run_to_end(1, &scenario, RunOptions::default()).await;
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
