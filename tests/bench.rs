//! How the engine scales, measured in the browser and printed.
//!
//! The machine that runs this is shared and noisy, so nothing here holds a
//! time to a fixed number: each figure is printed, and only ratios taken in
//! the same run are held to a bound (the cost per task must not grow with
//! the number of tasks, which is what a quadratic slip would do).
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::{self, RunOptions};
use promise_playground::model::predict::predict;
use promise_playground::model::{text, Combinator, Scenario, Task, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// `n` tasks of 0 to 9 ms under `combinator`: the timers cost little, so
/// what is measured is the engine's own work per task.
fn scenario(n: usize, combinator: Combinator) -> Scenario {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    let tasks = (0..n)
        .map(|i| Task::fulfil(&format!("t{i}"), (i % 10) as u32, Value::Number(i as f64)))
        .collect();
    Scenario::new(combinator, tasks)
}

/// Milliseconds per task for one run of `n` tasks (best of `tries`).
async fn engine_ms_per_task(n: usize, tries: usize) -> f64 {
    let s = scenario(n, Combinator::AllSettled);
    let mut best = f64::INFINITY;
    for run in 0..tries {
        let start = now();
        let record = engine::run_to_end(run as u32, &s, RunOptions::default()).await;
        assert_eq!(record.settle_order.len(), n);
        best = best.min((now() - start) / n as f64);
    }
    best
}

#[wasm_bindgen_test]
async fn engine_cost_per_task_does_not_grow_with_the_task_count() {
    let small = engine_ms_per_task(200, 3).await;
    let large = engine_ms_per_task(10_000, 2).await;
    console_log!(
        "engine, allSettled, tasks of 0-9 ms: {:.1} µs/task at 200 tasks, {:.1} µs/task at 10 000 (ratio {:.2})",
        small * 1000.0,
        large * 1000.0,
        large / small
    );
    // A run of 200 includes the fixed ~30 ms grace period; 10 000 spreads it.
    assert!(
        large / small < 3.0,
        "per-task cost grew {:.1}x",
        large / small
    );
}

#[wasm_bindgen_test]
fn model_work_per_task_does_not_grow_with_the_task_count() {
    let per_task = |n: usize| {
        let s = scenario(n, Combinator::ParallelAwait);
        let start = now();
        for _ in 0..3 {
            let written = text::format(&s);
            let read = text::parse(&written).unwrap();
            assert_eq!(predict(&read).settle_order.len(), n);
        }
        (now() - start) / (3 * n) as f64
    };
    let small = per_task(1_000);
    let large = per_task(10_000);
    console_log!(
        "model (format + parse + predict): {:.2} µs/task at 1 000 tasks, {:.2} µs/task at 10 000 (ratio {:.2})",
        small * 1000.0,
        large * 1000.0,
        large / small
    );
    assert!(
        large / small < 3.0,
        "per-task cost grew {:.1}x",
        large / small
    );
}
