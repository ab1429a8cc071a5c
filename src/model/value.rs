//! JavaScript values as the playground knows them: what a task fulfils or
//! rejects with, and what a combinator hands back.
//!
//! One type serves both the values people write (strings, numbers, booleans,
//! `null`, small arrays and objects, `Error('…')` and the other standard
//! errors) and the shapes a real engine produces (`AggregateError` with its
//! `errors`, `undefined`). It renders two ways: as a JavaScript console prints
//! it ([`Value::inspect`]) and as the JSON of the run report
//! ([`Value::to_json`]).

use super::json::Json;
use std::fmt::{self, Write as _};

/// A JavaScript value, restricted to what a task can produce and a
/// combinator can return.
///
/// Two values are equal as JavaScript's SameValueZero compares them: `NaN`
/// equals `NaN`, and `0` equals `-0`. Objects are equal when they hold the
/// same keys in the same order.
#[derive(Debug, Clone)]
pub enum Value {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, `NaN` and the infinities included.
    Number(f64),
    /// A string.
    Str(String),
    /// An array, in order.
    Array(Vec<Value>),
    /// A plain object: its own keys in the order JavaScript keeps them,
    /// array indexes (`'0'`, `'1'`, …) first in ascending order, then the
    /// other keys in insertion order. Build one with [`Value::object`], which
    /// puts the fields in that order.
    Object(Vec<(String, Value)>),
    /// An `Error` (or subclass) object. `errors` is set for an `AggregateError`.
    Error {
        /// The constructor name: `Error`, `AggregateError`, `TypeError`, …
        name: String,
        /// The `message` property.
        message: String,
        /// `AggregateError.errors`, in the order the engine gave them.
        errors: Option<Vec<Value>>,
    },
}

/// The message every engine puts on the `AggregateError` of `Promise.any`.
pub const AGGREGATE_MESSAGE: &str = "All promises were rejected";

/// The error constructors a task can call, each with a message and nothing
/// else. `AggregateError` is not among them: it needs a list of errors, and
/// only `Promise.any` makes one here.
pub const ERROR_NAMES: [&str; 7] = [
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "ReferenceError",
    "EvalError",
    "URIError",
];

/// The largest array index: JavaScript's arrays stop at 2^32 - 2.
const MAX_ARRAY_INDEX: u32 = u32::MAX - 1;

/// The number a key stands for when JavaScript treats it as an array index:
/// `"0"` to `"4294967294"`, written as the number itself is (no sign, no
/// leading zero). Such keys come first in an object, in ascending order;
/// `"01"` or `"4294967295"` are ordinary keys.
pub fn array_index(key: &str) -> Option<u32> {
    let canonical = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'));
    key.parse::<u32>()
        .ok()
        .filter(|&n| canonical && n <= MAX_ARRAY_INDEX)
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            (
                Value::Error {
                    name,
                    message,
                    errors,
                },
                Value::Error {
                    name: other_name,
                    message: other_message,
                    errors: other_errors,
                },
            ) => name == other_name && message == other_message && errors == other_errors,
            _ => false,
        }
    }
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Self {
        Value::Str(s.into())
    }

    /// `new Error(message)`.
    pub fn error(message: impl Into<String>) -> Self {
        Value::named_error("Error", message)
    }

    /// `new TypeError(message)` and the like: an error made by the
    /// constructor `name`, with no `errors` list.
    pub fn named_error(name: impl Into<String>, message: impl Into<String>) -> Self {
        Value::Error {
            name: name.into(),
            message: message.into(),
            errors: None,
        }
    }

    /// A plain object of `fields`, held in JavaScript's order: array-index
    /// keys first, ascending, then the rest as given. A key given twice
    /// keeps its first place and its last value, as in an object literal.
    pub fn object(fields: impl IntoIterator<Item = (String, Value)>) -> Self {
        // Objects here are small (the text form allows 20 keys): a scan
        // beats hashing.
        let mut ordered: Vec<(String, Value)> = Vec::new();
        for (key, value) in fields {
            match ordered.iter().position(|(k, _)| *k == key) {
                Some(i) => ordered[i].1 = value,
                None => ordered.push((key, value)),
            }
        }
        // Stable, so the other keys keep their insertion order.
        ordered.sort_by_key(|(key, _)| array_index(key).map_or((1, 0), |n| (0, n)));
        Value::Object(ordered)
    }

    /// The `AggregateError` that `Promise.any` rejects with.
    pub fn aggregate(errors: Vec<Value>) -> Self {
        Value::Error {
            name: "AggregateError".into(),
            message: AGGREGATE_MESSAGE.into(),
            errors: Some(errors),
        }
    }

    /// An allSettled record for a fulfilled input: `{ status: 'fulfilled', value }`.
    pub fn fulfilled_record(value: Value) -> Self {
        // Two fixed keys, neither an index: already in JavaScript's order.
        Value::Object(vec![
            ("status".into(), Value::str("fulfilled")),
            ("value".into(), value),
        ])
    }

    /// An allSettled record for a rejected input: `{ status: 'rejected', reason }`.
    pub fn rejected_record(reason: Value) -> Self {
        Value::Object(vec![
            ("status".into(), Value::str("rejected")),
            ("reason".into(), reason),
        ])
    }

    /// How deep arrays, objects and aggregate errors nest (a scalar is 0).
    pub fn depth(&self) -> usize {
        match self {
            Value::Array(items) => 1 + items.iter().map(Value::depth).max().unwrap_or(0),
            Value::Object(fields) => 1 + fields.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            Value::Error {
                errors: Some(items),
                ..
            } => 1 + items.iter().map(Value::depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// The value as a JavaScript console shows it, in Node's style:
    /// `[ 'Ada', 42 ]`, `{ theme: 'dark' }`, `Error: timeout`.
    pub fn inspect(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Style::Console);
        out
    }

    /// Like [`Value::inspect`], but spread over indented lines when one line
    /// would pass `width` characters, as Node's console does for long values.
    pub fn inspect_pretty(&self, width: usize) -> String {
        self.pretty(0, width)
    }

    fn pretty(&self, indent: usize, width: usize) -> String {
        let flat = self.inspect();
        if indent + flat.chars().count() <= width {
            return flat;
        }
        let pad = " ".repeat(indent + 2);
        let lines = |items: Vec<String>, open: &str, close: &str| {
            let body: Vec<String> = items.into_iter().map(|i| format!("{pad}{i}")).collect();
            format!(
                "{open}\n{}\n{}{close}",
                body.join(",\n"),
                " ".repeat(indent)
            )
        };
        match self {
            Value::Array(items) if !items.is_empty() => {
                let shown = items.iter().take(CONSOLE_ITEMS);
                let mut body: Vec<String> = shown.map(|v| v.pretty(indent + 2, width)).collect();
                if items.len() > CONSOLE_ITEMS {
                    body.push(more_items(items.len()));
                }
                lines(body, "[", "]")
            }
            Value::Object(fields) if !fields.is_empty() => lines(
                fields
                    .iter()
                    .map(|(k, v)| {
                        let mut key = String::new();
                        write_key(&mut key, k, Style::Console);
                        format!("{key}: {}", v.pretty(indent + 2, width))
                    })
                    .collect(),
                "{",
                "}",
            ),
            Value::Error {
                name,
                message,
                errors: Some(errors),
            } => {
                let list = Value::Array(errors.clone()).pretty(indent + 2, width);
                let head = Value::Error {
                    name: name.clone(),
                    message: message.clone(),
                    errors: None,
                };
                format!(
                    "{} {{\n{pad}[errors]: {list}\n{}}}",
                    head.inspect(),
                    " ".repeat(indent)
                )
            }
            _ => flat,
        }
    }

    /// The value as JSON, in the shape the run report documents: numbers that
    /// are whole stay whole, errors become `{name, message}` (plus `errors`
    /// for an `AggregateError`), and `undefined` becomes `null`, as do `NaN`
    /// and the infinities (as `JSON.stringify` writes them).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Undefined | Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(*n),
            Value::Str(s) => Json::Str(s.clone()),
            Value::Array(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(fields) => Json::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            Value::Error {
                name,
                message,
                errors,
            } => {
                let error = Json::object([
                    ("name", name.as_str().into()),
                    ("message", message.as_str().into()),
                ]);
                match errors {
                    Some(errors) => error.with(
                        "errors",
                        Json::Array(errors.iter().map(Value::to_json).collect()),
                    ),
                    None => error,
                }
            }
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inspect())
    }
}

/// The two ways a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// As a console prints it: `[ 1, 2 ]`, `{ a: 1 }`, `Error: boom`.
    Console,
    /// As source code writes it, which the text form reads back:
    /// `[1, 2]`, `{a: 1}`, `Error('boom')`.
    Source,
}

/// A console shows this many items of an array, then says how many more
/// there are, as Node's does.
const CONSOLE_ITEMS: usize = 100;

/// What stands for the items of a `len`-item array past the first
/// [`CONSOLE_ITEMS`]: `... 900 more items`.
fn more_items(len: usize) -> String {
    match len - CONSOLE_ITEMS {
        1 => "... 1 more item".to_string(),
        n => format!("... {n} more items"),
    }
}

/// Writes `value` in `style`. Both styles share everything but the
/// padding inside brackets and the spelling of errors.
pub(crate) fn write_value(out: &mut String, value: &Value, style: Style) {
    let pad = if style == Style::Console { " " } else { "" };
    match value {
        Value::Undefined => out.push_str("undefined"),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // `String(-0)` is "0", but consoles and source code keep the sign.
        Value::Number(n) if *n == 0.0 && n.is_sign_negative() => out.push_str("-0"),
        Value::Number(n) => out.push_str(&js_number(*n)),
        // Consoles switch to double quotes rather than escape a quote.
        Value::Str(s) if style == Style::Console && s.contains('\'') && !s.contains('"') => {
            write_in_quotes(out, s, '"')
        }
        Value::Str(s) => write_quoted(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) if style == Style::Console && items.len() > CONSOLE_ITEMS => {
            out.push('[');
            out.push_str(pad);
            for item in &items[..CONSOLE_ITEMS] {
                write_value(out, item, style);
                out.push_str(", ");
            }
            out.push_str(&more_items(items.len()));
            out.push_str(pad);
            out.push(']');
        }
        Value::Array(items) => {
            write_joined(out, ("[", pad, "]"), items, |out, item| {
                write_value(out, item, style)
            });
        }
        Value::Object(fields) if fields.is_empty() => out.push_str("{}"),
        Value::Object(fields) => {
            write_joined(out, ("{", pad, "}"), fields, |out, (key, item)| {
                write_key(out, key, style);
                out.push_str(": ");
                write_value(out, item, style);
            });
        }
        Value::Error {
            name,
            message,
            errors,
        } => {
            out.push_str(name);
            if style == Style::Source {
                out.push('(');
                write_quoted(out, message);
                out.push(')');
                return;
            }
            if !message.is_empty() {
                out.push_str(": ");
                out.push_str(message);
            }
            if let Some(errors) = errors {
                out.push_str(" { [errors]: ");
                write_value(out, &Value::Array(errors.clone()), style);
                out.push_str(" }");
            }
        }
    }
}

/// `open pad a, b pad close`.
fn write_joined<'a, T: 'a>(
    out: &mut String,
    (open, pad, close): (&str, &str, &str),
    items: impl IntoIterator<Item = &'a T>,
    mut each: impl FnMut(&mut String, &'a T),
) {
    out.push_str(open);
    out.push_str(pad);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        each(out, item);
    }
    out.push_str(pad);
    out.push_str(close);
}

/// Writes `s` in single quotes with JavaScript escapes, as Node prints strings
/// and as the text form writes them.
pub(crate) fn write_quoted(out: &mut String, s: &str) {
    write_in_quotes(out, s, '\'');
}

/// Writes `s` between `quote`s, escaping that quote and what cannot stand
/// in a one-line string literal.
pub(crate) fn write_in_quotes(out: &mut String, s: &str, quote: char) {
    out.push(quote);
    for c in s.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// Whether `s` can stand as an object key without quotes in source code.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Writes an object key: bare when it is an identifier, else quoted. Node's
/// console quotes a little more than source code must: `$` keys, and array
/// indexes such as `'2'` (which the text form quotes too).
pub(crate) fn write_key(out: &mut String, key: &str, style: Style) {
    let bare = is_identifier(key) && (style == Style::Source || !key.contains('$'));
    if bare {
        out.push_str(key);
    } else {
        write_quoted(out, key);
    }
}

/// Formats a number exactly as JavaScript's `Number.prototype.toString`
/// does: `42`, `1.5`, `1e+21`, `1e-7`, `0` for negative zero, `NaN`,
/// `Infinity`, `-Infinity`.
pub fn js_number(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    if !n.is_finite() {
        return if n.is_nan() {
            "NaN".into()
        } else if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    super::number::write(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases = [
            (42.0, "42"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (n, want) in cases {
            assert_eq!(js_number(n), want, "{n:?}");
        }
    }

    #[test]
    fn inspect_matches_node_console() {
        let v = Value::Array(vec![
            Value::str("Ada"),
            Value::Object(vec![
                ("theme".into(), Value::str("dark")),
                ("a b".into(), Value::Null),
            ]),
            Value::error("timeout"),
            Value::Array(vec![]),
        ]);
        assert_eq!(
            v.inspect(),
            "[ 'Ada', { theme: 'dark', 'a b': null }, Error: timeout, [] ]"
        );
        let agg = Value::aggregate(vec![Value::error("a"), Value::str("b")]);
        assert_eq!(
            agg.inspect(),
            "AggregateError: All promises were rejected { [errors]: [ Error: a, 'b' ] }"
        );
        assert_eq!(Value::str("it's").inspect(), r#""it's""#);
        assert_eq!(Value::str(r#"it's "x""#).inspect(), r#"'it\'s "x"'"#);
        assert_eq!(Value::Number(-0.0).inspect(), "-0");
    }

    #[test]
    fn long_arrays_show_their_first_hundred_items_as_node_does() {
        let array = |n: usize| Value::Array((0..n).map(|i| Value::Number(i as f64)).collect());
        let hundred: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let hundred = hundred.join(", ");
        assert_eq!(array(100).inspect(), format!("[ {hundred} ]"));
        assert_eq!(
            array(101).inspect(),
            format!("[ {hundred}, ... 1 more item ]")
        );
        assert_eq!(
            array(10_000).inspect(),
            format!("[ {hundred}, ... 9900 more items ]")
        );
        let pretty = array(102).inspect_pretty(72);
        assert!(pretty.starts_with("[\n  0,\n  1,\n"), "{pretty}");
        assert!(pretty.ends_with("  99,\n  ... 2 more items\n]"), "{pretty}");
        // Source code, which the text form reads back, keeps every item.
        let mut source = String::new();
        write_value(&mut source, &array(101), Style::Source);
        assert!(source.ends_with(", 99, 100]"), "{source}");
    }

    #[test]
    fn objects_hold_keys_in_javascript_order() {
        let field = |k: &str, n: f64| (k.to_owned(), Value::Number(n));
        let v = Value::object([
            field("b", 1.0),
            field("2", 2.0),
            field("a", 3.0),
            field("10", 4.0),
            field("01", 5.0),
            field("4294967295", 6.0),
            field("4294967294", 7.0),
            field("0", 8.0),
            field("b", 9.0),
        ]);
        let Value::Object(fields) = &v else {
            panic!("{v:?}")
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        // As `Object.keys` lists them; the repeated `b` keeps its place and
        // takes its last value, as in an object literal.
        assert_eq!(
            keys,
            ["0", "2", "10", "4294967294", "b", "a", "01", "4294967295"]
        );
        assert_eq!(fields[4].1, Value::Number(9.0));
        assert_eq!(
            Value::object([field("2", 2.0), field("b", 1.0), field("1", 1.0)]).inspect(),
            "{ '1': 1, '2': 2, b: 1 }"
        );
    }

    #[test]
    fn array_indexes_are_the_canonical_numbers_up_to_two_to_the_32_minus_2() {
        let cases = [
            ("0", Some(0)),
            ("7", Some(7)),
            ("4294967294", Some(4_294_967_294)),
            ("4294967295", None),
            ("99999999999", None),
            ("007", None),
            ("-1", None),
            ("+1", None),
            ("1.5", None),
            ("1e3", None),
            ("", None),
            ("٣", None),
        ];
        for (key, want) in cases {
            assert_eq!(array_index(key), want, "{key:?}");
        }
    }

    #[test]
    fn not_a_number_and_the_infinities_print_as_javascript_and_are_null_in_json() {
        let v = Value::Array(vec![
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
            Value::Number(f64::NEG_INFINITY),
        ]);
        assert_eq!(v.inspect(), "[ NaN, Infinity, -Infinity ]");
        assert_eq!(
            serde_json::Value::from(&v.to_json()).to_string(),
            "[null,null,null]"
        );
        // SameValueZero: NaN equals itself, and the zeros equal each other.
        assert_eq!(Value::Number(f64::NAN), Value::Number(f64::NAN));
        assert_eq!(Value::Number(0.0), Value::Number(-0.0));
        assert_ne!(Value::Number(f64::NAN), Value::Number(0.0));
    }

    #[test]
    fn standard_errors_print_under_their_own_names() {
        let e = Value::named_error("TypeError", "x is not a function");
        assert_eq!(e.inspect(), "TypeError: x is not a function");
        assert_eq!(
            serde_json::Value::from(&e.to_json()).to_string(),
            r#"{"name":"TypeError","message":"x is not a function"}"#
        );
        assert_eq!(
            Value::object([("$id".to_owned(), Value::Null)]).inspect(),
            "{ '$id': null }",
            "Node quotes a key with a dollar sign"
        );
    }

    #[test]
    fn long_values_spread_over_lines_like_node_prints_them() {
        let records = Value::Array(vec![
            Value::fulfilled_record(Value::str("Ada")),
            Value::rejected_record(Value::error("timeout")),
        ]);
        assert_eq!(
            records.inspect_pretty(50),
            "[\n  { status: 'fulfilled', value: 'Ada' },\n  { status: 'rejected', reason: Error: timeout }\n]"
        );
        assert_eq!(records.inspect_pretty(200), records.inspect());
        let agg = Value::aggregate(vec![
            Value::error("primary down"),
            Value::error("backup down"),
        ]);
        assert_eq!(
            agg.inspect_pretty(60),
            "AggregateError: All promises were rejected {\n  [errors]: [ Error: primary down, Error: backup down ]\n}"
        );
    }

    #[test]
    fn json_keeps_whole_numbers_whole_and_errors_as_objects() {
        let v = Value::Array(vec![
            Value::Number(3.0),
            Value::Number(2.5),
            Value::aggregate(vec![Value::error("x")]),
        ]);
        assert_eq!(
            serde_json::Value::from(&v.to_json()).to_string(),
            r#"[3,2.5,{"name":"AggregateError","message":"All promises were rejected","errors":[{"name":"Error","message":"x"}]}]"#
        );
    }
}
