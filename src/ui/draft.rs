//! A task as the editor holds it: every field exactly as typed, so that
//! nothing a person writes is lost while it is still invalid.

use crate::model::scenario::{check_label, parse_delay};
use crate::model::text::{format_value, parse_value};
use crate::model::{Behaviour, OutcomeKind, Settle, StartKind, Task, Value};

/// One row of the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    /// Stable identity for the row (positions change when rows move).
    pub id: u32,
    /// The label as typed.
    pub label: String,
    /// Timer, already settled, or plain value.
    pub start: StartKind,
    /// The delay as typed, in ms.
    pub delay: String,
    /// Fulfil, reject or never.
    pub outcome: OutcomeKind,
    /// The value or reason as typed, in the text form's value syntax.
    pub value: String,
    /// Which of fulfil and reject the value field is for (while the task
    /// never settles, the one it had before).
    pub value_for: OutcomeKind,
    /// What the other of fulfil and reject had in the value field, kept
    /// while the person switches between them.
    pub other_value: Option<String>,
}

/// What is wrong with each field of a draft, in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftErrors {
    /// About the label.
    pub label: Option<String>,
    /// About the delay.
    pub delay: Option<String>,
    /// About the start kind and outcome together.
    pub outcome: Option<String>,
    /// About the value or reason.
    pub value: Option<String>,
}

impl DraftErrors {
    /// Whether every field is fine.
    pub fn is_empty(&self) -> bool {
        *self == DraftErrors::default()
    }
}

impl TaskDraft {
    /// The draft of an existing task.
    pub fn from_task(id: u32, task: &Task) -> Self {
        let b = &task.behaviour;
        let value = b.settle().map(|s| format_value(s.value()));
        let default_value = match b.outcome_kind() {
            OutcomeKind::Reject => "Error('failed')".to_string(),
            _ => "'done'".to_string(),
        };
        TaskDraft {
            id,
            label: task.label.clone(),
            start: b.start_kind(),
            delay: b.delay_ms().unwrap_or(300).to_string(),
            outcome: b.outcome_kind(),
            value: value.unwrap_or(default_value),
            value_for: match b.outcome_kind() {
                OutcomeKind::Reject => OutcomeKind::Reject,
                _ => OutcomeKind::Fulfil,
            },
            other_value: None,
        }
    }

    /// A fresh task for the "add" button: the `n`-th, fulfilling after 300 ms.
    pub fn new_task(id: u32, n: usize) -> Self {
        TaskDraft::from_task(
            id,
            &Task::fulfil(&format!("task{n}"), 300, Value::str("done")),
        )
    }

    /// Switches the outcome. Going between fulfil and reject, each keeps
    /// its own value: the one left is kept aside and comes back with its
    /// outcome; the first time, a reason is offered in the shape reasons
    /// usually have (`Error('…')`), and a value in place of an error.
    /// Never settling keeps the value as it is, for when it settles again.
    pub fn set_outcome(&mut self, outcome: OutcomeKind) {
        if outcome != OutcomeKind::Never && outcome != self.value_for {
            let offered = match self.other_value.take() {
                Some(kept) => kept,
                None if outcome == OutcomeKind::Reject && !looks_like_error(&self.value) => {
                    format!("Error({})", quote_for_error(&self.value))
                }
                None if outcome == OutcomeKind::Fulfil && looks_like_error(&self.value) => {
                    "'done'".into()
                }
                None => self.value.clone(),
            };
            self.other_value = Some(std::mem::replace(&mut self.value, offered));
            self.value_for = outcome;
        }
        self.outcome = outcome;
    }

    /// The task this draft describes, or what is wrong with it.
    pub fn compile(&self) -> Result<Task, DraftErrors> {
        let mut errors = DraftErrors {
            label: check_label(&self.label).err().map(|r| r.to_string()),
            ..DraftErrors::default()
        };
        let behaviour = self.behaviour(&mut errors);
        match behaviour {
            Some(behaviour) if errors.is_empty() => Ok(Task {
                label: self.label.clone(),
                behaviour,
            }),
            _ => Err(errors),
        }
    }

    fn behaviour(&self, errors: &mut DraftErrors) -> Option<Behaviour> {
        if self.outcome == OutcomeKind::Never {
            return Some(Behaviour::Never);
        }
        let value = parse_value(&self.value)
            .map_err(|e| errors.value = Some(e.message))
            .ok();
        let settle = |v: Value| match self.outcome {
            OutcomeKind::Reject => Settle::Reject(v),
            _ => Settle::Fulfil(v),
        };
        match self.start {
            StartKind::Timer => {
                let delay = parse_delay(&self.delay)
                    .map_err(|r| errors.delay = Some(r.to_string()))
                    .ok();
                Some(Behaviour::Timer {
                    delay_ms: delay?,
                    settle: settle(value?),
                })
            }
            StartKind::Settled => Some(Behaviour::Settled(settle(value?))),
            StartKind::Plain if self.outcome == OutcomeKind::Reject => {
                errors.outcome = Some(
                    "a plain value cannot reject; to reject at once, start it as already settled"
                        .into(),
                );
                None
            }
            StartKind::Plain => Some(Behaviour::Plain(value?)),
        }
    }
}

/// Whether a value field holds an error, as a reason usually is.
fn looks_like_error(value: &str) -> bool {
    let value = value.trim_start();
    let value = value.strip_prefix("new ").unwrap_or(value).trim_start();
    [
        "Error(",
        "TypeError(",
        "RangeError(",
        "SyntaxError(",
        "ReferenceError(",
        "EvalError(",
        "URIError(",
    ]
    .iter()
    .any(|e| value.starts_with(e))
}

/// Turns whatever the value field held into the message of an `Error`.
fn quote_for_error(value: &str) -> String {
    match parse_value(value) {
        Ok(Value::Str(s)) => format_value(&Value::Str(s)),
        _ => format_value(&Value::str("failed")),
    }
}
