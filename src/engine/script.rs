//! The playground's engine for pages that script it directly: the module
//! `boot.js` loads exports `runScenario(text, speed)`, which runs a scenario
//! in the text form on real promises and resolves to its run report, the
//! same JSON the README documents. Benchmarks use it to time the bridge.

use super::{run_to_end, RunOptions};
use crate::model::text;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Runs `scenario` (the text form) at `speed` and resolves to its report,
/// or rejects with a sentence saying why it cannot run.
#[wasm_bindgen(js_name = runScenario)]
pub fn run_scenario(scenario: String, speed: f64) -> Promise {
    future_to_promise(async move {
        let scenario = text::parse(&scenario)
            .map_err(|e| JsValue::from_str(&format!("the scenario could not be read: {e}")))?;
        let speed = if speed > 0.0 && speed.is_finite() {
            speed
        } else {
            1.0
        };
        let record = run_to_end(0, &scenario, RunOptions::at(speed)).await;
        Ok(super::json_to_js(&record.report()))
    })
}
