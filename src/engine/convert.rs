//! Values across the edge: model [`Value`]s to JavaScript and back.
//!
//! Errors are made by their own constructors (`new TypeError(…)`, and a
//! real `AggregateError`), so `instanceof` holds in the page as it would for
//! errors thrown by real code.
//!
//! Reading a JavaScript value never fails: anything the playground cannot
//! show exactly (a function, a symbol, a cycle too deep) is described as a
//! string instead, so a strange result cannot crash a run.

use crate::model::json::Json;
use crate::model::Value;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// How deep [`from_js`] follows arrays and objects; deeper parts (or cycles)
/// are summarised.
const MAX_READ_DEPTH: usize = 8;

/// Makes the JavaScript value that `value` describes.
///
/// An object's key `__proto__` (which the text form refuses) is set as the
/// prototype, as an object literal would set it.
pub fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Undefined => JsValue::UNDEFINED,
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::Str(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                // Setting a data property on a fresh plain object cannot throw.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
        Value::Error {
            name,
            message,
            errors,
        } => error(name, message, errors.as_deref()).into(),
    }
}

/// `new <name>(message)`, by the constructor of that name where there is
/// one; any other name goes on a plain `Error`.
fn error(name: &str, message: &str, errors: Option<&[Value]>) -> js_sys::Error {
    let error: js_sys::Error = match name {
        "TypeError" => js_sys::TypeError::new(message).into(),
        "RangeError" => js_sys::RangeError::new(message).into(),
        "SyntaxError" => js_sys::SyntaxError::new(message).into(),
        "ReferenceError" => js_sys::ReferenceError::new(message).into(),
        "EvalError" => js_sys::EvalError::new(message).into(),
        "URIError" => js_sys::UriError::new(message).into(),
        "AggregateError" => {
            let list: Vec<JsValue> = errors.unwrap_or_default().iter().map(to_js).collect();
            return js_sys::AggregateError::new_with_message(&list, message).into();
        }
        _ => {
            let error = js_sys::Error::new(message);
            if name != "Error" {
                error.set_name(name);
            }
            error
        }
    };
    if let Some(errors) = errors {
        let list: Array = errors.iter().map(to_js).collect();
        let _ = Reflect::set(&error, &JsValue::from_str("errors"), &list);
    }
    error
}

/// Describes a JavaScript value as the model knows values.
pub fn from_js(value: &JsValue) -> Value {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> Value {
    if value.is_undefined() {
        return Value::Undefined;
    }
    if value.is_null() {
        return Value::Null;
    }
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        return Value::Number(n);
    }
    if let Some(s) = value.as_string() {
        return Value::Str(s);
    }
    if depth >= MAX_READ_DEPTH {
        return Value::Str("[nested too deep]".into());
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let errors = Reflect::get(error, &JsValue::from_str("errors"))
            .ok()
            .and_then(|e| e.dyn_into::<Array>().ok())
            .map(|list| list.iter().map(|e| read(&e, depth + 1)).collect());
        return Value::Error {
            name: String::from(error.name()),
            message: String::from(error.message()),
            errors,
        };
    }
    if Array::is_array(value) {
        let list: &Array = value.unchecked_ref();
        return Value::Array(list.iter().map(|v| read(&v, depth + 1)).collect());
    }
    if value.is_function() {
        return Value::Str("[function]".into());
    }
    if let Some(object) = value.dyn_ref::<Object>() {
        let fields = Object::keys(object)
            .iter()
            .filter_map(|key| {
                let name = key.as_string()?;
                let field = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
                Some((name, read(&field, depth + 1)))
            })
            .collect::<Vec<_>>();
        // `Object.keys` lists keys in JavaScript's order already; the model
        // keeps the same order by construction.
        return Value::object(fields);
    }
    Value::Str(format!("{value:?}"))
}

/// How deep [`json_from_js`] follows arrays and objects before it gives up.
const MAX_JSON_DEPTH: usize = 128;

/// The JavaScript value `json` describes, as `JSON.parse` would make it
/// from the text: plain objects with their fields in order, arrays, `null`
/// for `NaN` and the infinities, and a key `__proto__` as a field of its
/// own, never the prototype.
pub fn json_to_js(json: &Json) -> JsValue {
    match json {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) if n.is_finite() => JsValue::from_f64(n + 0.0),
        Json::Number(_) => JsValue::NULL,
        Json::Str(s) => JsValue::from_str(s),
        Json::Array(items) => items.iter().map(json_to_js).collect::<Array>().into(),
        Json::Object(fields) => {
            let object = Object::new();
            for (name, value) in fields {
                let (key, value) = (JsValue::from_str(name), json_to_js(value));
                if name == "__proto__" {
                    // Set, it would replace the prototype: defined, it is a field.
                    let field = Object::new();
                    for on in ["enumerable", "writable", "configurable"] {
                        let _ = Reflect::set(&field, &on.into(), &JsValue::TRUE);
                    }
                    let _ = Reflect::set(&field, &"value".into(), &value);
                    Object::define_property(&object, &key, &field);
                } else {
                    let _ = Reflect::set(&object, &key, &value);
                }
            }
            object.into()
        }
    }
}

/// `json` as text, written by the browser's `JSON.stringify`; indented by
/// two spaces when `pretty`.
pub fn json_text(json: &Json, pretty: bool) -> String {
    let value = json_to_js(json);
    let text = if pretty {
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
    } else {
        js_sys::JSON::stringify(&value)
    };
    text.ok().and_then(|t| t.as_string()).unwrap_or_default()
}

/// Reads plain data (what `JSON.parse` makes) as JSON. Anything else, or
/// data nested deeper than [`MAX_JSON_DEPTH`], is refused.
pub fn json_from_js(value: &JsValue) -> Result<Json, String> {
    read_json(value, 0)
}

fn read_json(value: &JsValue, depth: usize) -> Result<Json, String> {
    if depth > MAX_JSON_DEPTH {
        return Err(format!("it nests deeper than {MAX_JSON_DEPTH} levels"));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Json::Str(s));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array
            .iter()
            .map(|item| read_json(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(Json::Array);
    }
    if value.is_object() && !value.is_function() {
        let object: &Object = value.unchecked_ref();
        let mut fields = Vec::new();
        for key in Object::keys(object).iter() {
            let item =
                Reflect::get(object, &key).map_err(|_| "a field could not be read".to_string())?;
            fields.push((
                key.as_string().unwrap_or_default(),
                read_json(&item, depth + 1)?,
            ));
        }
        return Ok(Json::Object(fields));
    }
    Err("it holds something JSON cannot (a function or a symbol)".into())
}
