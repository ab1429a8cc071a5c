//! The message API between an embedded playground and the page around it,
//! as data: what a host page may ask, checked on the way in, and what the
//! playground tells it.
//!
//! Messages travel through `postMessage` as plain objects. Those from the
//! playground carry `source: "promise-playground"` and a `type`:
//!
//! | type           | fields                 | when                                   |
//! |----------------|------------------------|----------------------------------------|
//! | `ready`        | `version`              | once, when the playground can run      |
//! | `resize`       | `height` (CSS px)      | whenever its content's height changes  |
//! | `run-started`  | `run`                  | a run began                            |
//! | `run-complete` | `run`, `report`        | a run finished (the README's report)   |
//! | `error`        | `message`              | a request could not be carried out     |
//!
//! Those to it have a `type` and nothing else but what that type needs:
//! `{type: "load", scenario: "<text form>"}`, `{type: "run"}`,
//! `{type: "stop"}`, `{type: "set-theme", theme: "light" | "dark" | "auto"}`.
//! Anything else is refused with the reason, never acted on: a message can
//! only choose among these, and no part of one is ever run as code.

use super::json::Json;
use super::link::Theme;
use super::run::RunRecord;
use super::RunId;

/// The `source` every message from the playground carries.
pub const SOURCE: &str = "promise-playground";
/// The version of the message API.
pub const API_VERSION: u32 = 1;
/// The longest scenario a `load` may carry, in bytes.
pub const MAX_LOAD_BYTES: usize = 4 * 1024 * 1024;

/// A request from the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum HostMessage {
    /// Replace the tasks with a scenario in the text form.
    Load {
        /// The text form.
        scenario: String,
    },
    /// Run the tasks, as the Run button does.
    Run,
    /// Stop the run.
    Stop,
    /// Change the colour theme.
    SetTheme {
        /// The theme.
        theme: Theme,
    },
}

impl HostMessage {
    /// Reads a message, or says why it is not one.
    pub fn read(data: &Json) -> Result<HostMessage, String> {
        if !matches!(data, Json::Object(_)) {
            return Err(format!(
                "a message must be an object with a type; got {}",
                data.kind()
            ));
        }
        let object = data;
        let kind = object
            .get("type")
            .and_then(Json::as_str)
            .ok_or("a message must have a string field type")?;
        let text_field = |name: &str| {
            object
                .get(name)
                .and_then(Json::as_str)
                .ok_or_else(|| format!("a {kind} message needs a string field {name}"))
        };
        match kind {
            "load" => {
                let scenario = text_field("scenario")?;
                if scenario.len() > MAX_LOAD_BYTES {
                    return Err(format!(
                        "a load message's scenario may be at most {MAX_LOAD_BYTES} bytes; this one has {}",
                        scenario.len()
                    ));
                }
                Ok(HostMessage::Load {
                    scenario: scenario.to_string(),
                })
            }
            "run" => Ok(HostMessage::Run),
            "stop" => Ok(HostMessage::Stop),
            "set-theme" => {
                let word = text_field("theme")?;
                let theme = Theme::from_keyword(word).ok_or_else(|| {
                    format!("a set-theme message's theme is light, dark or auto; got {word:?}")
                })?;
                Ok(HostMessage::SetTheme { theme })
            }
            other => Err(format!(
                "unknown message type {other:?}; the types are load, run, stop and set-theme"
            )),
        }
    }
}

/// A message to the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedMessage {
    /// The playground can run.
    Ready,
    /// Its content is now this tall, in CSS pixels.
    Resize {
        /// The height.
        height: u32,
    },
    /// A run began.
    RunStarted {
        /// Its id.
        run: RunId,
    },
    /// A run finished.
    RunComplete {
        /// Its id.
        run: RunId,
        /// The run report.
        report: Json,
    },
    /// A request could not be carried out.
    Error {
        /// Why, for people.
        message: String,
    },
}

impl EmbedMessage {
    /// The report of a finished run.
    pub fn complete(record: &RunRecord) -> Self {
        EmbedMessage::RunComplete {
            run: record.run,
            report: record.report(),
        }
    }

    /// The message as the object that is posted.
    pub fn to_json(&self) -> Json {
        let of_type = |kind: &str| Json::object([("type", kind.into())]);
        let out = match self {
            EmbedMessage::Ready => of_type("ready").with("version", API_VERSION),
            EmbedMessage::Resize { height } => of_type("resize").with("height", *height),
            EmbedMessage::RunStarted { run } => of_type("run-started").with("run", *run),
            EmbedMessage::RunComplete { run, report } => of_type("run-complete")
                .with("run", *run)
                .with("report", report.clone()),
            EmbedMessage::Error { message } => of_type("error").with("message", message.as_str()),
        };
        out.with("source", SOURCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Combinator, Scenario};
    use serde_json::json;

    #[test]
    fn the_four_requests_are_read() {
        let cases = [
            (
                json!({ "type": "load", "scenario": "v1 all" }),
                HostMessage::Load {
                    scenario: "v1 all".into(),
                },
            ),
            (json!({ "type": "run" }), HostMessage::Run),
            (json!({ "type": "stop", "extra": [1] }), HostMessage::Stop),
            (
                json!({ "type": "set-theme", "theme": "dark" }),
                HostMessage::SetTheme { theme: Theme::Dark },
            ),
        ];
        for (data, want) in cases {
            assert_eq!(HostMessage::read(&data.clone().into()), Ok(want), "{data}");
        }
    }

    #[test]
    fn malformed_and_hostile_messages_are_refused_with_a_reason() {
        let cases = [
            (json!("run"), "got a string"),
            (json!(null), "got null"),
            (json!({ "kind": "run" }), "string field type"),
            (json!({ "type": 7 }), "string field type"),
            (
                json!({ "type": "eval", "code": "alert(1)" }),
                "unknown message type \"eval\"",
            ),
            (json!({ "type": "load" }), "needs a string field scenario"),
            (
                json!({ "type": "load", "scenario": { "toString": "x" } }),
                "string field scenario",
            ),
            (
                json!({ "type": "set-theme", "theme": "<img>" }),
                "got \"<img>\"",
            ),
            (json!({ "type": "__proto__" }), "unknown message type"),
        ];
        for (data, says) in cases {
            let why = HostMessage::read(&data.clone().into()).unwrap_err();
            assert!(why.contains(says), "{data}: {why}");
        }
        let huge = json!({ "type": "load", "scenario": "x".repeat(MAX_LOAD_BYTES + 1) });
        assert!(HostMessage::read(&huge.into())
            .unwrap_err()
            .contains("at most"));
    }

    #[test]
    fn messages_out_carry_their_source_and_type() {
        let record = RunRecord::new(3, Scenario::new(Combinator::Race, vec![]), 1.0);
        let out = |m: EmbedMessage| serde_json::Value::from(&m.to_json());
        let complete = out(EmbedMessage::complete(&record));
        assert_eq!(complete["source"], SOURCE);
        assert_eq!(complete["type"], "run-complete");
        assert_eq!(complete["run"], 3);
        assert_eq!(complete["report"]["combinator"], "race");
        assert_eq!(
            out(EmbedMessage::Resize { height: 412 }),
            json!({ "type": "resize", "height": 412, "source": SOURCE })
        );
        assert_eq!(out(EmbedMessage::Ready)["version"], API_VERSION);
    }
}
