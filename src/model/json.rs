//! JSON as a tree: the run report and the embed messages are built as one,
//! in the order their fields are documented. The browser does the writing
//! and the reading (`JSON.stringify` and `JSON.parse`, through
//! `crate::engine::convert`), so the model holds only the shape, and the
//! text is exactly what JavaScript would write for the same object.

/// A JSON value. Objects keep their fields in the order they were given.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; `NaN` and the infinities are written as `null`, as
    /// `JSON.stringify` writes them.
    Number(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its fields in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object of `fields`, in this order.
    pub fn object<const N: usize>(fields: [(&str, Json); N]) -> Json {
        Json::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// This object with `key` set to `value`: replaced where it is, or added
    /// at the end. Anything but an object is left as it is.
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        if let Json::Object(fields) = &mut self {
            let value = value.into();
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some(field) => field.1 = value,
                None => fields.push((key.to_owned(), value)),
            }
        }
        self
    }

    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// What the value is, for a message about it.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<f64> for Json {
    fn from(n: f64) -> Self {
        Json::Number(n)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Self {
        Json::Number(n.into())
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        // Run ids and counts stay far below 2^53, where this is exact.
        Json::Number(n as f64)
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Self {
        Json::Number(n as f64)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Self {
        value.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Self {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Json> + Clone> From<&[T]> for Json {
    fn from(items: &[T]) -> Self {
        Json::Array(items.iter().cloned().map(Into::into).collect())
    }
}

/// The host tests compare trees through serde_json, which writes JSON as
/// `JSON.stringify` does for these shapes: whole numbers without a point,
/// `NaN` and the infinities as `null`.
#[cfg(test)]
impl From<&Json> for serde_json::Value {
    fn from(json: &Json) -> Self {
        use serde_json::Value as J;
        // 2^53: beyond it an f64 no longer holds every integer.
        const SAFE: f64 = 9_007_199_254_740_992.0;
        match json {
            Json::Null => J::Null,
            Json::Bool(b) => J::Bool(*b),
            Json::Number(n) if n.fract() == 0.0 && n.abs() <= SAFE => J::from(*n as i64),
            Json::Number(n) => serde_json::Number::from_f64(*n).map_or(J::Null, J::Number),
            Json::Str(s) => J::String(s.clone()),
            Json::Array(items) => J::Array(items.iter().map(J::from).collect()),
            Json::Object(fields) => J::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), J::from(v)))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        use serde_json::Value as J;
        match value {
            J::Null => Json::Null,
            J::Bool(b) => Json::Bool(b),
            J::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Json::Str(s),
            J::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            J::Object(fields) => Json::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (k, Json::from(v)))
                    .collect(),
            ),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn with_replaces_a_field_in_place_and_adds_a_new_one_last() {
        let o = Json::object([("a", 1u32.into()), ("b", 2u32.into())])
            .with("a", "x")
            .with("c", true);
        assert_eq!(
            serde_json::Value::from(&o).to_string(),
            r#"{"a":"x","b":2,"c":true}"#
        );
        assert_eq!(o.get("b"), Some(&Json::Number(2.0)));
        assert_eq!(o.get("z"), None);
        assert_eq!(Json::Null.with("a", 1u32), Json::Null);
    }
}
