//! The `futures` combinators on the same tasks, in a real browser: each
//! must do what its documentation says, on real timers.
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::rust_ways::{run, RustRun, RustWay};
use promise_playground::model::{text, Scenario};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn scenario(text_form: &str) -> Scenario {
    promise_playground::platform::install_numbers();
    text::parse(text_form).unwrap_or_else(|e| panic!("bad test scenario: {e}"))
}

async fn way(way: RustWay, text_form: &str) -> RustRun {
    run(&scenario(text_form), way, 1.0).await
}

fn gave(r: &RustRun) -> (&str, f64) {
    let (words, at) = r.outcome.as_ref().expect("it finished");
    (words.as_str(), *at)
}

#[wasm_bindgen_test]
async fn join_all_waits_for_every_future_and_gives_each_result_in_task_order() {
    let r = way(
        RustWay::JoinAll,
        "v1 all\na 30ms ok 1\nb 10ms err Error('b')\nc now ok 3",
    )
    .await;
    let (words, at) = gave(&r);
    assert_eq!(words, "[Ok(1), Err(Error: b), Ok(3)]");
    assert!(at >= 30.0, "after the slowest: {at}");
    assert!(r.dropped.is_empty());
    assert!(r.finished.iter().all(Option::is_some));
}

#[wasm_bindgen_test]
async fn try_join_all_fails_at_the_first_error_and_drops_the_rest() {
    let r = way(
        RustWay::TryJoinAll,
        "v1 all\na 200ms ok 1\nb 20ms err Error('b')\nc 300ms ok 3",
    )
    .await;
    let (words, at) = gave(&r);
    assert_eq!(words, "Err(Error: b)");
    assert!(
        (20.0..200.0).contains(&at),
        "at the error, not after the others: {at}"
    );
    assert_eq!(
        r.dropped,
        vec![0, 2],
        "the others were dropped before they finished"
    );
    assert_eq!(r.finished[0], None);
    let ok = way(RustWay::TryJoinAll, "v1 all\na 20ms ok 1\nb 10ms ok 2").await;
    assert_eq!(gave(&ok).0, "Ok([ 1, 2 ])");
}

#[wasm_bindgen_test]
async fn select_ok_takes_the_first_success_or_else_the_last_error() {
    let r = way(
        RustWay::SelectOk,
        "v1 any\na 10ms err Error('a')\nb 30ms ok 2\nc 200ms ok 3",
    )
    .await;
    let (words, at) = gave(&r);
    assert_eq!(words, "Ok(2)");
    assert!((30.0..200.0).contains(&at), "{at}");
    assert_eq!(r.dropped, vec![2]);
    let all_fail = way(
        RustWay::SelectOk,
        "v1 any\na 10ms err Error('a')\nb 30ms err Error('b')",
    )
    .await;
    assert_eq!(
        gave(&all_fail).0,
        "Err(Error: b)",
        "the last error, not an AggregateError"
    );
}

#[wasm_bindgen_test]
async fn select_all_takes_the_first_to_finish_either_way_with_its_index() {
    let r = way(
        RustWay::SelectAll,
        "v1 race\na 100ms ok 1\nb 10ms err Error('b')",
    )
    .await;
    let (words, at) = gave(&r);
    assert_eq!(words, "(Err(Error: b), task 2)");
    assert!(at < 100.0, "{at}");
    assert_eq!(r.dropped, vec![0]);
}

#[wasm_bindgen_test]
async fn a_future_that_never_finishes_keeps_join_all_waiting_and_select_needs_a_future() {
    let r = way(RustWay::JoinAll, "v1 all\na 10ms ok 1\nb never").await;
    assert_eq!(r.outcome, None, "join_all never finishes");
    let empty = way(RustWay::SelectOk, "v1 any").await;
    assert_eq!(gave(&empty).0, "panics: it needs at least one future");
    let none = way(RustWay::JoinAll, "v1 all").await;
    assert_eq!(gave(&none).0, "[]");
}
