//! Generators of valid model values for the property tests: labels, values,
//! tasks and scenarios that pass every limit, including the awkward ones
//! (quotes, control characters, emoji, right-to-left text, the longest
//! strings allowed, `NaN` and the infinities, every standard error, keys
//! that JavaScript orders as array indexes). Shared by the tests of the text
//! form and of links.

use super::scenario::{
    check_label, check_value, Behaviour, Combinator, Scenario, Settle, Task, MAX_DELAY_MS,
    MAX_LABEL_CHARS, MAX_STRING_CHARS, MAX_VALUE_DEPTH,
};
use super::value::{Value, ERROR_NAMES};
use proptest::prelude::*;

pub fn label() -> impl Strategy<Value = String> {
    let samples = vec![
        "<script>alert(1)</script>",
        "it's",
        "say \"hi\"",
        "my task",
        "日本語のタスク",
        "😀 emoji",
        "tab\there",
        "line\nbreak",
        "back\\slash",
        " padded ",
        "\u{1b}[31m",
        "v1",
        "never",
        "ok",
        "Error('x')",
        "0ms",
        "a;b",
        "\u{2028}",
        "\u{feff}x",
    ];
    prop_oneof![
        "[A-Za-z_$][A-Za-z0-9_$.-]{0,39}",
        prop::sample::select(samples).prop_map(str::to_owned),
        prop::collection::vec(any::<char>(), 1..=MAX_LABEL_CHARS).prop_map(String::from_iter),
    ]
    .prop_filter("labels must pass check_label", |l| check_label(l).is_ok())
}

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,12}",
        2 => prop::collection::vec(any::<char>(), 0..=24).prop_map(String::from_iter),
        1 => prop::collection::vec(any::<char>(), MAX_STRING_CHARS).prop_map(String::from_iter),
    ]
}

pub fn number() -> impl Strategy<Value = f64> {
    use prop::num::f64::{INFINITE, NEGATIVE, NORMAL, POSITIVE, QUIET_NAN, SUBNORMAL, ZERO};
    prop_oneof![
        4 => (-1000i32..1000).prop_map(f64::from),
        4 => POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO,
        1 => POSITIVE | NEGATIVE | INFINITE | QUIET_NAN,
    ]
}

/// Object keys: names, any text, and numbers, some of which JavaScript
/// orders as array indexes (`'7'`) and some of which it does not (`'07'`,
/// `'4294967295'`).
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z_$][A-Za-z0-9_$]{0,8}",
        text(),
        (0u32..40).prop_map(|n| n.to_string()),
        any::<u32>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "0",
            "4294967294",
            "4294967295",
            "07",
            "-1",
            "1.5",
            "1e3"
        ])
        .prop_map(str::to_owned),
    ]
}

pub fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        Just(Value::Undefined),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        text().prop_map(Value::Str),
        (prop::sample::select(ERROR_NAMES.to_vec()), text())
            .prop_map(|(name, message)| Value::named_error(name, message)),
    ];
    let depth = MAX_VALUE_DEPTH as u32;
    leaf.prop_recursive(depth, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            // A repeated key keeps one place, as in an object literal.
            prop::collection::vec((key(), inner), 0..8).prop_map(Value::object),
        ]
    })
    .prop_filter("values must pass check_value", |v| check_value(v).is_ok())
}

pub fn settle() -> impl Strategy<Value = Settle> {
    prop_oneof![
        value().prop_map(Settle::Fulfil),
        value().prop_map(Settle::Reject)
    ]
}

pub fn behaviour() -> impl Strategy<Value = Behaviour> {
    let delay = prop_oneof![Just(0), Just(MAX_DELAY_MS), 0..=MAX_DELAY_MS];
    prop_oneof![
        (delay, settle()).prop_map(|(delay_ms, settle)| Behaviour::Timer { delay_ms, settle }),
        settle().prop_map(Behaviour::Settled),
        value().prop_map(Behaviour::Plain),
        Just(Behaviour::Never),
    ]
}

pub fn scenario() -> impl Strategy<Value = Scenario> {
    let task = (label(), behaviour()).prop_map(|(label, behaviour)| Task { label, behaviour });
    (
        prop::sample::select(Combinator::ALL.to_vec()),
        prop::collection::vec(task, 0..30),
    )
        .prop_map(|(combinator, tasks)| Scenario::new(combinator, tasks))
}
