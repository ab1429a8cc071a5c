//! Events cross from the engine's worker to the page as plain data, through
//! the browser's structured cloning: every event must arrive exactly as it
//! left, down to `-0`, `NaN`, key order and the errors of an
//! `AggregateError`.
#![cfg(target_arch = "wasm32")]

use futures::channel::mpsc;
use futures::StreamExt;
use promise_playground::engine::wire::{
    event_from_wire, event_to_wire, value_from_wire, value_to_wire,
};
use promise_playground::engine::{self, RunOptions};
use promise_playground::model::{text, Event, EventKind, Settle, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{MessageChannel, MessageEvent};

wasm_bindgen_test_configure!(run_in_browser);

/// Sends each item through a real `MessageChannel` and gives back what
/// arrived, in order.
async fn through_channel(items: Vec<JsValue>) -> Vec<JsValue> {
    let channel = MessageChannel::new().expect("a message channel");
    let (tx, mut rx) = mpsc::unbounded::<JsValue>();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let _ = tx.unbounded_send(e.data());
    });
    channel
        .port2()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let n = items.len();
    for item in items {
        channel
            .port1()
            .post_message(&item)
            .expect("the item can be cloned");
    }
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        out.push(rx.next().await.expect("every item arrives"));
    }
    drop(on_message);
    out
}

/// Sends `sent` across a real channel in wire form and checks that each
/// reads back exactly. Debug output shows -0.0, NaN and key order, which
/// equality alone would not.
async fn assert_cross<T: std::fmt::Debug>(
    sent: &[T],
    to_wire: fn(&T) -> JsValue,
    from_wire: fn(&JsValue) -> Result<T, String>,
) {
    let arrived = through_channel(sent.iter().map(to_wire).collect()).await;
    assert_eq!(arrived.len(), sent.len());
    for (sent, got) in sent.iter().zip(&arrived) {
        let got = from_wire(got).expect("what was sent reads back");
        assert_eq!(format!("{got:?}"), format!("{sent:?}"));
    }
}

/// A random value, `depth` levels deep at most.
fn value(rng: &mut fastrand::Rng, depth: usize) -> Value {
    let numbers = [
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        -f64::INFINITY,
        1e21,
        0.1 + 0.2,
        -5e-324,
    ];
    match rng.usize(0..if depth == 0 { 6 } else { 9 }) {
        0 => Value::Undefined,
        1 => Value::Null,
        2 => Value::Bool(rng.bool()),
        3 => Value::Number(numbers[rng.usize(0..numbers.len())]),
        4 => Value::Number(rng.f64() * 1e6 - 5e5),
        5 => Value::str(["", "a", "<script>alert(1)</script>", "ünï ✓", "'\"\\"][rng.usize(0..5)]),
        6 => Value::Array(
            (0..rng.usize(0..4))
                .map(|_| value(rng, depth - 1))
                .collect(),
        ),
        7 => Value::Object(
            (0..rng.usize(0..4))
                .map(|i| (format!("k{i}"), value(rng, depth - 1)))
                .collect(),
        ),
        _ => Value::Error {
            name: ["Error", "TypeError", "AggregateError"][rng.usize(0..3)].into(),
            message: "went wrong".into(),
            errors: rng.bool().then(|| {
                (0..rng.usize(0..3))
                    .map(|_| value(rng, depth - 1))
                    .collect()
            }),
        },
    }
}

#[wasm_bindgen_test]
async fn values_cross_exactly() {
    let mut rng = fastrand::Rng::with_seed(0x31e2_2026);
    let values: Vec<Value> = (0..400).map(|_| value(&mut rng, 3)).collect();
    assert_cross(&values, value_to_wire, value_from_wire).await;
}

#[wasm_bindgen_test]
async fn every_kind_of_event_crosses_exactly() {
    let mut rng = fastrand::Rng::with_seed(7);
    let settle = |rng: &mut fastrand::Rng| {
        let v = value(rng, 2);
        if rng.bool() {
            Settle::Reject(v)
        } else {
            Settle::Fulfil(v)
        }
    };
    let kinds = vec![
        EventKind::TaskStarted { task: 0 },
        EventKind::TaskSettled {
            task: 4_294_967,
            settle: settle(&mut rng),
        },
        EventKind::TaskAborted { task: 2 },
        EventKind::CombinatorSettled {
            settle: settle(&mut rng),
        },
        EventKind::Unhandled { task: 3 },
        EventKind::HandledLate { task: 1 },
        EventKind::HiddenTab,
        EventKind::RunError {
            message: "it broke: <b>".into(),
        },
        EventKind::RunFinished {
            pending: vec![1, 5],
            not_started: vec![],
        },
    ];
    let events: Vec<Event> = (0..)
        .zip(kinds)
        .map(|(seq, kind)| Event {
            run: 9,
            seq,
            t_ms: f64::from(seq) * 1.25,
            kind,
        })
        .collect();
    assert_cross(&events, event_to_wire, event_from_wire).await;
}

#[wasm_bindgen_test]
async fn a_real_runs_events_cross_exactly() {
    promise_playground::platform::install_numbers();
    // Promise.any rejecting: an AggregateError with its errors, in order.
    for form in [
        "v1 any\na 5ms err TypeError('x')\nb 0ms err {code: -0, n: NaN}\nc now err 'plain'",
        "v1 allSettled\na 3ms ok [1, 'two', null]\nb 1ms err Error('no')\nc never",
    ] {
        let scenario = text::parse(form).expect("a test scenario");
        let record = engine::run_to_end(1, &scenario, RunOptions::default()).await;
        assert!(
            record.events.len() >= 6,
            "{form}: the run produced its events"
        );
        assert_cross(&record.events, event_to_wire, event_from_wire).await;
    }
}

#[wasm_bindgen_test]
fn a_malformed_message_is_refused_with_a_reason() {
    for bad in [
        r#""not an event""#,
        r#"{"kind": "settled", "run": 1, "seq": 0, "t": 1}"#,
    ] {
        let data = js_sys::JSON::parse(bad).expect("test JSON");
        let why = event_from_wire(&data).expect_err("refused");
        assert!(why.starts_with("an event"), "{why}");
    }
    let why = value_from_wire(&js_sys::Array::of1(&"x".into()).into()).expect_err("refused");
    assert!(!why.is_empty());
}
