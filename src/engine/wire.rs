//! Events as plain JavaScript data, to cross from a worker to the page by
//! `postMessage`, and back into [`Event`]s there.
//!
//! Structured cloning keeps every primitive exactly (`-0`, `NaN`, the
//! infinities, `undefined`), but not what makes an error an `Error` or the
//! order of an object's keys, so containers travel as tagged arrays: a
//! primitive is never an array, and an array is always a container.
//!
//! | value          | on the wire                          |
//! |----------------|--------------------------------------|
//! | a primitive    | itself                               |
//! | an array       | `["a", item, …]`                     |
//! | an object      | `["o", key, value, key, value, …]`   |
//! | an error       | `["e", name, message, errors?]`      |

use crate::model::{Event, EventKind, RunId, Settle, Value};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// What reading a message found wrong.
type Problem = String;

pub(super) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A plain object with `entries`.
pub(super) fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        set(&object, key, value.clone());
    }
    object
}

/// `object[key]`, or `undefined`.
pub(super) fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn number(object: &JsValue, key: &str) -> Result<f64, Problem> {
    get(object, key)
        .as_f64()
        .ok_or_else(|| format!("an event's {key} is not a number"))
}

fn index(object: &JsValue, key: &str) -> Result<usize, Problem> {
    let n = number(object, key)?;
    if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 {
        Ok(n as usize)
    } else {
        Err(format!("an event's {key} is not an index"))
    }
}

fn text(object: &JsValue, key: &str) -> Result<String, Problem> {
    get(object, key)
        .as_string()
        .ok_or_else(|| format!("an event's {key} is not a string"))
}

fn indexes(list: &[usize]) -> JsValue {
    list.iter()
        .map(|&i| JsValue::from(i as u32))
        .collect::<Array>()
        .into()
}

fn read_indexes(object: &JsValue, key: &str) -> Result<Vec<usize>, Problem> {
    let list = get(object, key);
    let list = list
        .dyn_ref::<Array>()
        .ok_or_else(|| format!("an event's {key} is not a list"))?;
    list.iter()
        .map(|i| {
            i.as_f64()
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map(|n| n as usize)
                .ok_or_else(|| format!("an event's {key} holds a non-index"))
        })
        .collect()
}

/// A value as wire data.
pub fn value_to_wire(value: &Value) -> JsValue {
    let tagged = |tag: &str, rest: &mut dyn Iterator<Item = JsValue>| -> JsValue {
        let array = Array::of1(&JsValue::from_str(tag));
        rest.for_each(|item| {
            array.push(&item);
        });
        array.into()
    };
    match value {
        Value::Undefined => JsValue::UNDEFINED,
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::Str(s) => JsValue::from_str(s),
        Value::Array(items) => tagged("a", &mut items.iter().map(value_to_wire)),
        Value::Object(fields) => tagged(
            "o",
            &mut fields
                .iter()
                .flat_map(|(k, v)| [JsValue::from_str(k), value_to_wire(v)]),
        ),
        Value::Error {
            name,
            message,
            errors,
        } => {
            let errors = errors
                .as_ref()
                .map(|e| tagged("a", &mut e.iter().map(value_to_wire)));
            tagged(
                "e",
                &mut [name.into(), message.into()].into_iter().chain(errors),
            )
        }
    }
}

/// A value back from wire data.
pub fn value_from_wire(wire: &JsValue) -> Result<Value, Problem> {
    if let Some(array) = wire.dyn_ref::<Array>() {
        let items: Vec<JsValue> = array.iter().collect();
        let Some((tag, rest)) = items.split_first() else {
            return Err("an empty container".into());
        };
        let string = |v: &JsValue| v.as_string().ok_or("a key or name that is not a string");
        return match tag.as_string().as_deref() {
            Some("a") => rest
                .iter()
                .map(value_from_wire)
                .collect::<Result<_, _>>()
                .map(Value::Array),
            Some("o") if rest.len() % 2 == 0 => rest
                .chunks(2)
                .map(|pair| Ok((string(&pair[0])?, value_from_wire(&pair[1])?)))
                .collect::<Result<_, Problem>>()
                .map(Value::Object),
            Some("e") if (2..=3).contains(&rest.len()) => Ok(Value::Error {
                name: string(&rest[0])?,
                message: string(&rest[1])?,
                errors: match rest.get(2).map(value_from_wire).transpose()? {
                    None => None,
                    Some(Value::Array(errors)) => Some(errors),
                    Some(_) => return Err("an error's list of errors is not a list".into()),
                },
            }),
            _ => Err("a container of no known kind".into()),
        };
    }
    if wire.is_undefined() {
        Ok(Value::Undefined)
    } else if wire.is_null() {
        Ok(Value::Null)
    } else if let Some(b) = wire.as_bool() {
        Ok(Value::Bool(b))
    } else if let Some(n) = wire.as_f64() {
        Ok(Value::Number(n))
    } else if let Some(s) = wire.as_string() {
        Ok(Value::Str(s))
    } else {
        Err("a value of no known kind".into())
    }
}

fn settle_to_wire(object: &Object, settle: &Settle) {
    set(object, "rejected", settle.is_reject());
    set(object, "value", value_to_wire(settle.value()));
}

fn settle_from_wire(wire: &JsValue) -> Result<Settle, Problem> {
    let value = value_from_wire(&get(wire, "value"))?;
    Ok(match get(wire, "rejected").as_bool() {
        Some(true) => Settle::Reject(value),
        Some(false) => Settle::Fulfil(value),
        None => return Err("a settle that is neither fulfilled nor rejected".into()),
    })
}

/// An event as wire data.
pub fn event_to_wire(event: &Event) -> JsValue {
    let object = Object::new();
    set(&object, "run", event.run);
    set(&object, "seq", event.seq);
    set(&object, "t", event.t_ms);
    let kind = match &event.kind {
        EventKind::TaskStarted { .. } => "started",
        EventKind::TaskSettled { settle, .. } => {
            settle_to_wire(&object, settle);
            "settled"
        }
        EventKind::TaskAborted { .. } => "aborted",
        EventKind::CombinatorSettled { settle } => {
            settle_to_wire(&object, settle);
            "combined"
        }
        EventKind::Unhandled { .. } => "unhandled",
        EventKind::HandledLate { .. } => "handled-late",
        EventKind::HiddenTab => "hidden",
        EventKind::RunError { message } => {
            set(&object, "message", message.as_str());
            "error"
        }
        EventKind::RunFinished {
            pending,
            not_started,
        } => {
            set(&object, "pending", indexes(pending));
            set(&object, "notStarted", indexes(not_started));
            "finished"
        }
    };
    set(&object, "kind", kind);
    if let Some(task) = event.kind.task() {
        set(&object, "task", task as u32);
    }
    object.into()
}

/// An event back from wire data, or what is wrong with it.
pub fn event_from_wire(wire: &JsValue) -> Result<Event, Problem> {
    let task = || index(wire, "task");
    let kind = match text(wire, "kind")?.as_str() {
        "started" => EventKind::TaskStarted { task: task()? },
        "settled" => EventKind::TaskSettled {
            task: task()?,
            settle: settle_from_wire(wire)?,
        },
        "aborted" => EventKind::TaskAborted { task: task()? },
        "combined" => EventKind::CombinatorSettled {
            settle: settle_from_wire(wire)?,
        },
        "unhandled" => EventKind::Unhandled { task: task()? },
        "handled-late" => EventKind::HandledLate { task: task()? },
        "hidden" => EventKind::HiddenTab,
        "error" => EventKind::RunError {
            message: text(wire, "message")?,
        },
        "finished" => EventKind::RunFinished {
            pending: read_indexes(wire, "pending")?,
            not_started: read_indexes(wire, "notStarted")?,
        },
        other => return Err(format!("an event of unknown kind '{other}'")),
    };
    Ok(Event {
        run: index(wire, "run")? as u32,
        seq: index(wire, "seq")? as u32,
        t_ms: number(wire, "t")?,
        kind,
    })
}

/// The events that end run `run` when the engine could not carry it on:
/// the reason, then the end, numbered from `seq`.
pub fn broken_run(run: RunId, seq: u32, t_ms: f64, message: String) -> [Event; 2] {
    let event = |seq, kind| Event {
        run,
        seq,
        t_ms,
        kind,
    };
    [
        event(seq, EventKind::RunError { message }),
        event(
            seq + 1,
            EventKind::RunFinished {
                pending: Vec::new(),
                not_started: Vec::new(),
            },
        ),
    ]
}
