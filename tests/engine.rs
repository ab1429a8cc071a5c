//! The engine in a real browser: what users see must come from the browser's
//! own promises and timers, and follow the rules JavaScript documents.
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::{self, RunOptions};
use promise_playground::model::run::RunRecord;
use promise_playground::model::{text, EventKind, Scenario, Settle, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn scenario(text: &str) -> Scenario {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    text::parse(text).unwrap_or_else(|e| panic!("bad test scenario: {e}"))
}

async fn run(text: &str) -> RunRecord {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    engine::run_to_end(1, &scenario(text), RunOptions::default()).await
}

fn result(record: &RunRecord) -> Option<Settle> {
    record.result.as_ref().map(|r| r.settle.clone())
}

/// `value instanceof <global constructor name>`, asked of the engine itself.
fn instance_of(value: &JsValue, constructor: &str) -> bool {
    let check = js_sys::Function::new_with_args("v", &format!("return v instanceof {constructor}"));
    check
        .call1(&JsValue::NULL, value)
        .ok()
        .and_then(|b| b.as_bool())
        == Some(true)
}

#[wasm_bindgen_test]
async fn any_over_all_rejected_is_a_real_aggregate_error_in_input_order() {
    let s = scenario("v1 any\na 30ms err Error('a')\nb 5ms err Error('b')\nc 15ms err 'c'");
    let handle = engine::start(1, &s, RunOptions::default(), |_| {});
    let promise = handle
        .combined_promise()
        .expect("Promise.any gives a promise");
    let reason = JsFuture::from(promise)
        .await
        .expect_err("all inputs reject");
    assert!(instance_of(&reason, "AggregateError"), "{reason:?}");
    let errors: js_sys::Array = js_sys::Reflect::get(&reason, &"errors".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let first: js_sys::Error = errors.get(0).dyn_into().expect("an Error object");
    assert_eq!(String::from(first.message()), "a");
    let second: js_sys::Error = errors.get(1).dyn_into().expect("an Error object");
    assert_eq!(String::from(second.message()), "b");
    assert_eq!(errors.get(2).as_string().as_deref(), Some("c"));

    let record = run("v1 any\na 30ms err Error('a')\nb 5ms err Error('b')\nc 15ms err 'c'").await;
    assert_eq!(record.settle_order, vec![1, 2, 0]);
    assert_eq!(
        result(&record),
        Some(Settle::Reject(Value::aggregate(vec![
            Value::error("a"),
            Value::error("b"),
            Value::str("c"),
        ])))
    );
}

#[wasm_bindgen_test]
async fn all_rejects_with_the_first_rejection_in_time_not_in_array_order() {
    let record =
        run("v1 all\nlate 40ms err Error('late')\nearly 10ms err Error('early')\nok 20ms ok 1")
            .await;
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("early"))));
    let at = record.result.as_ref().unwrap().at_ms;
    let early_at = record.tasks[1].settled.as_ref().unwrap().0;
    let late_at = record.tasks[0].settled.as_ref().unwrap().0;
    assert!(
        at >= early_at && at < late_at,
        "settled at {at}, early {early_at}, late {late_at}"
    );
    // The others still ran to the end.
    assert_eq!(record.settle_order, vec![1, 2, 0]);
}

#[wasm_bindgen_test]
async fn race_settles_with_the_fastest_task() {
    let record =
        run("v1 race\nslow 50ms ok 'slow'\nfast 10ms ok 'fast'\nmid 30ms err Error('mid')").await;
    assert_eq!(result(&record), Some(Settle::Fulfil(Value::str("fast"))));
    let record = run("v1 race\nslow 50ms ok 'slow'\nfail 5ms err Error('fail')").await;
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("fail"))));
}

#[wasm_bindgen_test]
async fn all_settled_never_rejects() {
    let record = run("v1 allSettled\na 20ms err Error('a')\nb 5ms ok 2\nc now err 'c'").await;
    assert_eq!(
        result(&record),
        Some(Settle::Fulfil(Value::Array(vec![
            Value::rejected_record(Value::error("a")),
            Value::fulfilled_record(Value::Number(2.0)),
            Value::rejected_record(Value::str("c")),
        ])))
    );
}

#[wasm_bindgen_test]
async fn all_fulfils_with_values_in_input_order() {
    let record =
        run("v1 all\nuser 30ms ok 'Ada'\nposts 10ms ok [1, 2]\nprefs plain {theme: 'dark'}").await;
    assert_eq!(record.settle_order, vec![2, 1, 0]);
    assert_eq!(
        result(&record),
        Some(Settle::Fulfil(Value::Array(vec![
            Value::str("Ada"),
            Value::Array(vec![Value::Number(1.0), Value::Number(2.0)]),
            Value::Object(vec![("theme".into(), Value::str("dark"))]),
        ])))
    );
}

#[wasm_bindgen_test]
async fn empty_inputs_follow_the_spec() {
    assert_eq!(
        result(&run("v1 all").await),
        Some(Settle::Fulfil(Value::Array(vec![])))
    );
    assert_eq!(
        result(&run("v1 allSettled").await),
        Some(Settle::Fulfil(Value::Array(vec![])))
    );
    assert_eq!(
        result(&run("v1 any").await),
        Some(Settle::Reject(Value::aggregate(vec![])))
    );
    let race = run("v1 race").await;
    assert_eq!(result(&race), None, "race([]) stays pending");
    assert!(race.is_finished(), "and the run still ends");
}

#[wasm_bindgen_test]
async fn already_settled_inputs_win_a_race_by_array_position() {
    let record =
        run("v1 race\ntimer 0ms ok 'timer'\nfirst now err Error('first')\nsecond plain 2").await;
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("first"))));
}

#[wasm_bindgen_test]
async fn never_settling_tasks_are_reported_pending() {
    let record = run("v1 race\nhang never\nalso never").await;
    assert_eq!(result(&record), None);
    assert_eq!(record.pending(), vec![0, 1]);
    let finished = record.events.last().unwrap();
    assert_eq!(
        finished.kind,
        EventKind::RunFinished {
            pending: vec![0, 1],
            not_started: vec![]
        }
    );
}

#[wasm_bindgen_test]
async fn sequential_starts_each_task_after_the_previous_and_stops_at_a_rejection() {
    let record = run("v1 sequential\na 20ms ok 1\nb 20ms err Error('b')\nc 5ms ok 3").await;
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("b"))));
    let a_done = record.tasks[0].settled.as_ref().unwrap().0;
    let b_start = record.tasks[1].started_at.unwrap();
    assert!(
        b_start >= a_done,
        "b started at {b_start}, before a settled at {a_done}"
    );
    assert_eq!(record.not_started(), vec![2]);
    let ok = run("v1 sequential\na 10ms ok 1\nb now ok 2\nc plain 3").await;
    assert_eq!(
        result(&ok),
        Some(Settle::Fulfil(Value::Array(vec![
            Value::Number(1.0),
            Value::Number(2.0),
            Value::Number(3.0)
        ])))
    );
}

#[wasm_bindgen_test]
async fn parallel_then_await_loop_produces_real_unhandled_rejections() {
    let record = run("v1 parallel-await\nslow 60ms ok 1\nfails 10ms err Error('boom')").await;
    assert_eq!(record.unhandled, vec![1], "events: {:?}", record.events);
    assert_eq!(record.handled_late, vec![1]);
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("boom"))));

    // When the loop throws first, a later rejection is never handled.
    let record =
        run("v1 parallel-await\nfirst 10ms err Error('first')\nsecond 30ms err Error('second')")
            .await;
    assert_eq!(record.unhandled, vec![1]);
    assert!(record.handled_late.is_empty());
}

#[wasm_bindgen_test]
async fn the_console_is_not_told_of_a_rejection_the_run_reports() {
    // Listens after the engine's own listener has had its say (a timer
    // runs after the whole dispatch), and records whether the browser's
    // default, a console error, was prevented.
    let watch = js_sys::Function::new_no_args(
        "const seen = [];
         const listener = (e) => setTimeout(() => seen.push(e.defaultPrevented));
         addEventListener('unhandledrejection', listener);
         seen.stop = () => removeEventListener('unhandledrejection', listener);
         return seen;",
    );
    let seen: js_sys::Array = watch.call0(&JsValue::NULL).unwrap().unchecked_into();
    let record = run("v1 parallel-await\nslow 60ms ok 1\nfails 10ms err Error('boom')").await;
    let stop: js_sys::Function = js_sys::Reflect::get(&seen, &"stop".into())
        .unwrap()
        .unchecked_into();
    stop.call0(&JsValue::NULL).unwrap();
    assert_eq!(record.unhandled, vec![1]);
    let prevented: Vec<_> = seen.iter().map(|p| p.as_bool()).collect();
    assert_eq!(prevented, vec![Some(true)], "each report is prevented");
}

#[wasm_bindgen_test]
async fn combinators_leave_no_unhandled_rejection() {
    for combinator in ["all", "race", "any", "allSettled"] {
        let record = run(&format!(
            "v1 {combinator}\na 5ms err Error('a')\nb 15ms err Error('b')"
        ))
        .await;
        assert!(
            record.unhandled.is_empty(),
            "{combinator}: {:?}",
            record.unhandled
        );
    }
}

#[wasm_bindgen_test]
async fn a_new_run_supersedes_the_old_one() {
    let seen: Rc<RefCell<Vec<u32>>> = Rc::default();
    let log = Rc::clone(&seen);
    let old = engine::start(
        1,
        &scenario("v1 all\na 20ms ok 1\nb 40ms ok 2"),
        RunOptions::default(),
        move |e| log.borrow_mut().push(e.run),
    );
    drop(old);
    let before = seen.borrow().len();
    let record = run("v1 all\nc 60ms ok 3").await;
    assert!(record.is_finished());
    assert_eq!(
        seen.borrow().len(),
        before,
        "the stopped run delivered events after it was dropped"
    );
    assert!(record
        .events
        .iter()
        .all(|e| e.run == 1 && e.kind.task().is_none_or(|t| t == 0)));
}

#[wasm_bindgen_test]
async fn speed_scales_the_real_timers() {
    let s = scenario("v1 all\na 80ms ok 1");
    let fast = engine::run_to_end(1, &s, RunOptions::at(2.0)).await;
    let at = fast.tasks[0].settled.as_ref().unwrap().0;
    assert!(
        (38.0..80.0).contains(&at),
        "at 2x an 80 ms timer fired after {at} ms"
    );
}

#[wasm_bindgen_test]
async fn a_hidden_tab_is_flagged() {
    let hide = js_sys::Function::new_no_args(
        "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
         document.dispatchEvent(new Event('visibilitychange'));",
    );
    let show = js_sys::Function::new_no_args("delete document.hidden;");
    let s = scenario("v1 all\na 30ms ok 1");
    let record = Rc::new(RefCell::new(RunRecord::new(1, s.clone(), 1.0)));
    let sink = Rc::clone(&record);
    let handle = engine::start(1, &s, RunOptions::default(), move |e| {
        sink.borrow_mut().apply(e);
    });
    hide.call0(&JsValue::NULL).unwrap();
    show.call0(&JsValue::NULL).unwrap();
    assert!(record.borrow().hidden_tab);
    drop(handle);
    let visible = run("v1 all\na 5ms ok 1").await;
    assert!(!visible.hidden_tab);
}

#[wasm_bindgen_test]
async fn a_missing_combinator_becomes_a_run_error_not_a_crash() {
    let stash =
        js_sys::Function::new_no_args("globalThis.__any = Promise.any; delete Promise.any;");
    let restore = js_sys::Function::new_no_args("Promise.any = globalThis.__any;");
    stash.call0(&JsValue::NULL).unwrap();
    let record = run("v1 any\na 5ms ok 1").await;
    restore.call0(&JsValue::NULL).unwrap();
    assert_eq!(
        record.error.as_deref(),
        Some("this browser has no Promise.any")
    );
    assert!(record.is_finished());
}

#[wasm_bindgen_test]
async fn speed_changes_how_fast_not_what_happens() {
    let s = scenario("v1 race\na 330ms ok 'a'\nb 300ms ok 'b'\nc 315ms err Error('c')");
    for speed in [0.5, 1.5, 2.0] {
        let record = engine::run_to_end(1, &s, RunOptions::at(speed)).await;
        assert_eq!(record.settle_order, vec![1, 2, 0], "at {speed}x");
        assert_eq!(
            result(&record),
            Some(Settle::Fulfil(Value::str("b"))),
            "at {speed}x"
        );
    }
}

#[wasm_bindgen_test]
async fn a_standard_error_is_a_real_instance_of_its_constructor() {
    let text = "v1 all\nok 20ms ok 1\nbad 5ms err new TypeError('x is not a function')";
    let s = scenario(text);
    let handle = engine::start(1, &s, RunOptions::default(), |_| {});
    let promise = handle
        .combined_promise()
        .expect("Promise.all gives a promise");
    let reason = JsFuture::from(promise)
        .await
        .expect_err("the TypeError rejects it");
    assert!(instance_of(&reason, "TypeError"), "{reason:?}");
    assert!(!instance_of(&reason, "RangeError"), "{reason:?}");
    assert_eq!(
        engine::from_js(&reason),
        Value::Error {
            name: "TypeError".into(),
            message: "x is not a function".into(),
            errors: None,
        }
    );
    drop(handle);

    let record = run(text).await;
    assert_eq!(
        result(&record),
        Some(Settle::Reject(Value::named_error(
            "TypeError",
            "x is not a function"
        )))
    );
    // Every error a task can make comes back as what it was.
    for name in promise_playground::model::value::ERROR_NAMES {
        let made = engine::to_js(&Value::named_error(name, "m"));
        assert!(instance_of(&made, name), "{name}: {made:?}");
        assert_eq!(engine::from_js(&made), Value::named_error(name, "m"));
    }
}

#[wasm_bindgen_test]
fn integer_keys_and_odd_numbers_cross_the_edge_as_javascript_keeps_them() {
    let value = text::parse_value("{2: 'two', b: 1, 1: 'one'}").unwrap();
    let object = engine::to_js(&value);
    let keys: Vec<String> = js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["1", "2", "b"]);
    assert_eq!(engine::from_js(&object), value);
    assert_eq!(value.inspect(), "{ '1': 'one', '2': 'two', b: 1 }");

    let numbers = text::parse_value("[NaN, Infinity, -Infinity]").unwrap();
    let array = engine::to_js(&numbers);
    let same = js_sys::Function::new_with_args(
        "a",
        "return Number.isNaN(a[0]) && a[1] === Infinity && a[2] === -Infinity",
    );
    assert_eq!(
        same.call1(&JsValue::NULL, &array).unwrap().as_bool(),
        Some(true)
    );
    assert_eq!(engine::from_js(&array), numbers);
}

/// In a test build, a task labelled `__fault__` fails inside the engine
/// when its timer fires: the run says so, the other tasks still settle, and
/// the next run is unharmed.
#[cfg(feature = "faults")]
#[wasm_bindgen_test]
async fn an_error_inside_a_run_is_reported_and_the_rest_still_settles() {
    let record = run("v1 allSettled\nfirst 5ms ok 1\n__fault__ 10ms ok 2\nlast 30ms ok 3").await;
    let error = record.error.clone().expect("the run reports the failure");
    assert!(error.contains("task 2 failed inside the engine"), "{error}");
    assert!(
        record
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::RunError { .. })),
        "an error event in the run's log"
    );
    assert_eq!(
        record.settle_order,
        vec![0, 1, 2],
        "every task still settles"
    );
    assert!(record.result.is_some(), "and the combinator too");

    let next = run("v1 all\na 5ms ok 1").await;
    assert_eq!(next.error, None, "the next run is unharmed");
    assert_eq!(
        result(&next),
        Some(Settle::Fulfil(Value::Array(vec![Value::Number(1.0)])))
    );
}

// ---- aborting the rest ------------------------------------------------------

async fn run_aborting(text: &str) -> RunRecord {
    promise_playground::platform::install_numbers();
    let options = RunOptions {
        abort_rest: true,
        ..RunOptions::default()
    };
    engine::run_to_end(1, &scenario(text), options).await
}

fn aborted_tasks(record: &RunRecord) -> Vec<usize> {
    record
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::TaskAborted { task } => Some(task),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn when_a_race_settles_the_rest_is_aborted_and_their_timers_never_fire() {
    let record = run_aborting("v1 race\nfast 20ms ok 1\nslow 300ms ok 2\nhung never").await;
    assert_eq!(result(&record), Some(Settle::Fulfil(Value::Number(1.0))));
    let mut aborted = aborted_tasks(&record);
    aborted.sort_unstable();
    assert_eq!(
        aborted,
        vec![1, 2],
        "the slow timer and the hung task are aborted"
    );
    // Had the slow timer not been cleared, the run would have waited for it.
    assert_eq!(
        record.settle_order,
        vec![0],
        "only the winner settled on its own"
    );
    assert!(record.tasks[1].settled.is_none());
    assert_eq!(record.pending(), Vec::<usize>::new());
    assert_eq!(
        record.ignored(),
        Vec::<usize>::new(),
        "aborted is not ignored"
    );
    // Every abort comes after the combinator settled.
    let settled_at = record
        .events
        .iter()
        .position(|e| matches!(e.kind, EventKind::CombinatorSettled { .. }));
    let first_abort = record
        .events
        .iter()
        .position(|e| matches!(e.kind, EventKind::TaskAborted { .. }));
    assert!(settled_at < first_abort, "{:?}", record.events);
}

#[wasm_bindgen_test]
async fn without_the_option_the_rest_runs_on_to_the_end() {
    let record = run("v1 race\nfast 20ms ok 1\nslow 60ms ok 2").await;
    assert_eq!(record.settle_order, vec![0, 1]);
    assert!(aborted_tasks(&record).is_empty());
}

#[wasm_bindgen_test]
async fn an_aborted_promise_really_rejects_with_the_signals_abort_error() {
    // The loop throws at `fails`; `slow`, aborted then, rejects with an
    // AbortError that nothing handles, and the browser says so.
    let record =
        run_aborting("v1 parallel-await\nfails 10ms err Error('x')\nslow 300ms ok 1").await;
    assert_eq!(result(&record), Some(Settle::Reject(Value::error("x"))));
    assert_eq!(aborted_tasks(&record), vec![1]);
    assert_eq!(
        record.unhandled,
        vec![1],
        "the AbortError went unhandled: {:?}",
        record.events
    );
}

/// The report and the embed messages are written by the browser's own
/// `JSON.stringify`: fields in order, whole numbers whole, NaN as null, and
/// no key can reach a prototype. Reading refuses what JSON cannot hold.
#[wasm_bindgen_test]
fn json_is_written_and_read_by_the_browser() {
    use promise_playground::model::json::Json;
    let tree = Json::object([
        ("b", 3u32.into()),
        (
            "a",
            Json::Array(vec![2.5.into(), f64::NAN.into(), Json::Null]),
        ),
        ("__proto__", Json::object([("polluted", true.into())])),
        ("text", "\"quoted\" \u{2028} <script>".into()),
    ]);
    let text = engine::json_text(&tree, false);
    assert_eq!(
        text,
        "{\"b\":3,\"a\":[2.5,null,null],\"__proto__\":{\"polluted\":true},\"text\":\"\\\"quoted\\\" \u{2028} <script>\"}"
    );
    assert!(
        js_sys::Reflect::get(&js_sys::Object::new(), &"polluted".into())
            .unwrap()
            .is_undefined()
    );
    let back = engine::json_from_js(&js_sys::JSON::parse(&text).unwrap()).unwrap();
    let nan_as_null = Json::object([
        ("b", 3u32.into()),
        ("a", Json::Array(vec![2.5.into(), Json::Null, Json::Null])),
        ("__proto__", Json::object([("polluted", true.into())])),
        ("text", "\"quoted\" \u{2028} <script>".into()),
    ]);
    assert_eq!(back, nan_as_null);
    assert!(engine::json_text(&tree, true).starts_with("{\n  \"b\": 3,\n  \"a\": [\n    2.5,"));
    // Too deep to be a message: refused, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let why = engine::json_from_js(&js_sys::JSON::parse(&deep).unwrap()).unwrap_err();
    assert!(why.contains("deeper"), "{why}");
    let function = js_sys::Function::new_no_args("");
    assert!(engine::json_from_js(&function).is_err());
}
