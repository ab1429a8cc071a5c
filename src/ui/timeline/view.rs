//! What the timeline and its table show: one line per task (status, times
//! in virtual ms, notes), the moment the combinator settled, how much time
//! the axis has to cover, and the words that go with them. `build.rs` works
//! a [`View`] out from the playground's state.

use super::scale::format_ms;
use crate::model::predict::Outcome as Predicted;
use crate::model::{Combinator, RunId, Settle, Value};

/// The most lanes the timeline draws.
pub const MAX_LANES: usize = 100;
/// The most rows the table lists.
pub const MAX_ROWS: usize = 1000;

/// Where a task stands, as the `data-status` hook names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Drawn from the prediction: nothing has run.
    Planned,
    /// Started and not settled yet, while the run goes on.
    Running,
    /// Fulfilled in the run.
    Fulfilled,
    /// Rejected in the run.
    Rejected,
    /// Started and never settled (the run is over or was stopped).
    Pending,
    /// Its work was aborted when the combinator settled.
    Aborted,
    /// Never started: a loop stopped, or has not reached it yet.
    NotStarted,
}

impl Status {
    /// The value of `data-status`.
    pub fn attr(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Running => "running",
            Status::Fulfilled => "fulfilled",
            Status::Rejected => "rejected",
            Status::Pending => "pending",
            Status::Aborted => "aborted",
            Status::NotStarted => "not-started",
        }
    }
}

/// How a task ends (or, in a plan, is predicted to end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Fulfils.
    Fulfilled,
    /// Rejects.
    Rejected,
    /// Has not settled, or never does.
    Pending,
    /// Never starts.
    NotStarted,
}

impl Outcome {
    /// The value of `data-outcome`.
    pub fn attr(self) -> &'static str {
        match self {
            Outcome::Fulfilled => "fulfilled",
            Outcome::Rejected => "rejected",
            Outcome::Pending => "pending",
            Outcome::NotStarted => "not-started",
        }
    }
}

/// Where a task's bar ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum End {
    /// At the moment it settled.
    Settled(f64),
    /// At the clock: it is still running.
    Now,
    /// Off the right edge: it never settles.
    Open,
    /// Where the run was stopped by hand, before it settled.
    Stopped(f64),
    /// At the moment a replay shows: it was still running then.
    Cursor(f64),
    /// Where its work was aborted.
    Aborted(f64),
}

/// What the timeline needs to let a timer task's delay be dragged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knob {
    /// The editor row's id, for [`crate::ui::state::Action::SetDelay`].
    pub id: u32,
    /// The delay now.
    pub delay_ms: u32,
    /// When the timer is set, as predicted (later in a sequential loop).
    pub start_ms: f64,
}

/// One task, as a lane or a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    /// Its position in the scenario.
    pub index: usize,
    /// Its label.
    pub label: String,
    /// Where it stands.
    pub status: Status,
    /// How it ends.
    pub outcome: Outcome,
    /// When it started.
    pub start: Option<f64>,
    /// Where its bar ends; `None` when it never started.
    pub end: Option<End>,
    /// Its value or reason, once it settled (or is predicted to).
    pub value: Option<Value>,
    /// A word for a task with no settle marker: "pending", "not started"...
    pub tag: Option<&'static str>,
    /// Whether it settled after the combinator had already settled.
    pub ignored: bool,
    /// When its rejection was reported unhandled, if it was.
    pub unhandled: Option<f64>,
    /// Whether a handler came late for it.
    pub handled_late: bool,
    /// When that happened, if known (a plan does not say).
    pub handled_late_at: Option<f64>,
    /// The draggable delay, for timer tasks.
    pub knob: Option<Knob>,
}

impl TaskLine {
    /// The short notes shown after its marker.
    pub fn notes(&self) -> Vec<&'static str> {
        [
            (self.ignored, "ignored"),
            (self.unhandled.is_some(), "unhandled"),
            (self.handled_late, "handled late"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }

    /// The outcome in words, for the table.
    pub fn outcome_word(&self) -> &'static str {
        match (self.status, self.outcome) {
            (Status::Running, _) => "running",
            (_, Outcome::Fulfilled) => "fulfilled",
            (_, Outcome::Rejected) => "rejected",
            (_, Outcome::Pending) => "pending",
            (_, Outcome::NotStarted) => "not started",
        }
    }

    /// When it settled, if it did.
    pub fn settled_at(&self) -> Option<f64> {
        match self.end {
            Some(End::Settled(t)) => Some(t),
            _ => None,
        }
    }

    /// A sentence for screen readers: "Task 2, posts: rejected at 150 ms; ignored".
    pub fn describe(&self) -> String {
        let what = match self.settled_at() {
            Some(t) => format!("{} at {}", self.outcome_word(), format_ms(t)),
            None => self.tag.unwrap_or(self.outcome_word()).to_string(),
        };
        let mut out = format!("Task {}, {}: {what}", self.index + 1, self.label);
        for note in self.notes() {
            out.push_str("; ");
            out.push_str(note);
        }
        out
    }
}

/// The moment the combinator settled (or is predicted to).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// When, in virtual ms.
    pub at: f64,
    /// Whether it rejected.
    pub rejected: bool,
    /// Whether this is the prediction rather than a run.
    pub predicted: bool,
}

impl Mark {
    /// "Promise.all rejected · 150 ms", or "predicted: Promise.all rejects · 150 ms".
    pub fn label(&self, title: &str) -> String {
        let at = format_ms(self.at);
        match (self.predicted, self.rejected) {
            (true, true) => format!("predicted: {title} rejects · {at}"),
            (true, false) => format!("predicted: {title} fulfils · {at}"),
            (false, true) => format!("{title} rejected · {at}"),
            (false, false) => format!("{title} fulfilled · {at}"),
        }
    }

    /// The label without the combinator's name, for narrow screens.
    pub fn short_label(&self) -> String {
        let at = format_ms(self.at);
        match (self.predicted, self.rejected) {
            (true, true) => format!("predicted: rejects · {at}"),
            (true, false) => format!("predicted: fulfils · {at}"),
            (false, true) => format!("rejected · {at}"),
            (false, false) => format!("fulfilled · {at}"),
        }
    }
}

/// Which picture is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The prediction; `edited` when a run exists but of other tasks.
    Plan {
        /// Whether the tasks changed since the latest run.
        edited: bool,
    },
    /// The latest run.
    Run {
        /// Whether it is still going.
        running: bool,
        /// Whether it was stopped by hand.
        stopped: bool,
    },
    /// Some rows need fixing: nothing can be predicted.
    Invalid {
        /// How many.
        problems: usize,
    },
}

/// Everything the timeline and the table draw.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Which picture.
    pub mode: Mode,
    /// How tasks are combined.
    pub combinator: Combinator,
    /// How many tasks there are in all.
    pub total: usize,
    /// The first lines (up to the limit asked for).
    pub lines: Vec<TaskLine>,
    /// When the combinator settled, if it did.
    pub mark: Option<Mark>,
    /// The latest moment the shown lines and the mark need on the axis.
    pub latest: f64,
    /// The run's id, when showing a run.
    pub run: Option<RunId>,
    /// The run's speed factor (1 for a plan).
    pub speed: f64,
    /// The virtual time of the run's latest event.
    pub last_event: f64,
    /// What an empty input does, in words, when there are no tasks.
    pub no_tasks: Option<String>,
    /// How the tasks on screen differ from those of the latest run, when
    /// they do: "the combinator is now Promise.race (it was Promise.all)".
    pub changed: Option<String>,
    /// The moment a replay shows, when one does.
    pub cursor: Option<f64>,
}

impl View {
    /// The legend's entries that this picture uses, by their class names.
    pub fn marks_in_use(&self) -> Vec<&'static str> {
        let any = |f: &dyn Fn(&TaskLine) -> bool| self.lines.iter().any(f);
        [
            ("planned", any(&|l| l.status == Status::Planned)),
            ("running", any(&|l| l.status == Status::Running)),
            ("fulfilled", any(&|l| l.outcome == Outcome::Fulfilled)),
            ("rejected", any(&|l| l.outcome == Outcome::Rejected)),
            ("open", any(&|l| l.end == Some(End::Open))),
            ("stopped", any(&|l| matches!(l.end, Some(End::Stopped(_))))),
            ("aborted", any(&|l| matches!(l.end, Some(End::Aborted(_))))),
            ("ignored", any(&|l| l.ignored)),
            ("unhandled", any(&|l| l.unhandled.is_some())),
            ("handled-late", any(&|l| l.handled_late)),
            ("grip", any(&|l| l.knob.is_some())),
        ]
        .into_iter()
        .filter_map(|(name, used)| used.then_some(name))
        .collect()
    }
}

/// Which times a run at `speed` shows, when it is not real time: the
/// scenario's own milliseconds, which the real timers were scaled from
/// ("as the scenario sets them; at 2× the run really ran 2× as fast").
pub fn speed_note(speed: f64) -> Option<String> {
    let word = crate::model::scenario::speed_word(speed)?;
    if speed == 1.0 {
        return None;
    }
    let real = if speed < 1.0 {
        let factor = crate::model::scenario::speed_word(1.0 / speed)
            .map_or_else(|| super::scale::fixed(1.0 / speed, 0), str::to_string);
        format!("really took {factor}× as long")
    } else {
        format!("really ran {word}× as fast")
    };
    Some(format!(
        "as the scenario sets them; at {word}× the run {real}"
    ))
}

/// What the combinator does with an empty input, in words, from the spec
/// model's prediction of it (`None`: it never settles).
pub fn no_tasks_words(combinator: Combinator, result: Option<&Predicted>) -> String {
    let call = format!("{}([])", combinator.title());
    let is_loop = matches!(
        combinator,
        Combinator::Sequential | Combinator::ParallelAwait
    );
    let Some(outcome) = result else {
        return if is_loop {
            "No tasks: the loop waits for ever.".into()
        } else {
            format!("No tasks: {call} never settles.")
        };
    };
    let when = match outcome.at_ms {
        0 => "at once".to_string(),
        ms => format!("after {}", format_ms(ms as f64)),
    };
    let (rejects, what) = match &outcome.settle {
        Settle::Fulfil(v) => (false, describe(v)),
        Settle::Reject(r) => (true, describe(r)),
    };
    match (is_loop, rejects) {
        (true, false) => {
            format!("No tasks: the loop has nothing to await and finishes {when} with {what}.")
        }
        (true, true) => format!("No tasks: the loop throws {what} {when}."),
        (false, false) => format!("No tasks: {call} fulfils {when} with {what}."),
        (false, true) => format!("No tasks: {call} rejects {when} with {what}."),
    }
}

/// A value for a sentence: as the console prints it, except that an
/// `AggregateError` is named with its `errors`, which are the point of it.
fn describe(value: &Value) -> String {
    match value {
        Value::Error {
            name,
            errors: Some(errors),
            ..
        } => format!(
            "an {name} (errors: {})",
            Value::Array(errors.clone()).inspect()
        ),
        other => other.inspect(),
    }
}

impl View {
    /// Whether a run is going on (and the clock should tick).
    pub fn is_running(&self) -> bool {
        matches!(self.mode, Mode::Run { running: true, .. })
    }

    /// The value of the svg's `data-mode`.
    pub fn mode_attr(&self) -> &'static str {
        match self.mode {
            Mode::Plan { .. } => "plan",
            Mode::Run { .. } => "run",
            Mode::Invalid { .. } => "invalid",
        }
    }

    /// A few words on which picture this is, beside the heading: what
    /// changed since the latest run, and which times a run at another
    /// speed shows.
    pub fn caption(&self) -> String {
        let base = match self.mode {
            Mode::Plan { .. } => "Plan: what the rules predict",
            Mode::Run { running: true, .. } => "Running",
            Mode::Run { .. } if self.cursor.is_some() => "Replay of the latest run",
            Mode::Run { .. } => "Latest run",
            Mode::Invalid { .. } => "Waiting for valid tasks",
        };
        let mut out = base.to_string();
        if let (Mode::Run { .. }, Some(speed)) = (self.mode, speed_note(self.speed)) {
            out.push_str(" · times ");
            out.push_str(&speed);
        }
        if let Some(changed) = &self.changed {
            out.push_str(&format!(". Since the last run, {changed}"));
        }
        out
    }

    /// What to say where the lanes would be, when there are none.
    pub fn empty_message(&self) -> Option<String> {
        match self.mode {
            Mode::Invalid { problems: 1 } => {
                Some("One task needs a fix before its plan can be drawn.".into())
            }
            Mode::Invalid { problems } => Some(format!(
                "{problems} tasks need a fix before their plan can be drawn."
            )),
            _ => self.no_tasks.clone(),
        }
    }

    /// What the combinator is doing, when there is no mark to draw.
    pub fn pending_words(&self) -> Option<String> {
        let title = self.combinator.title();
        match self.mode {
            _ if self.mark.is_some() || self.total == 0 => None,
            _ if self.cursor.is_some() => Some(format!("{title} has not settled yet")),
            Mode::Plan { .. } => Some(format!("predicted: {title} never settles")),
            Mode::Run { running: true, .. } => Some(format!("{title} is pending…")),
            Mode::Run { stopped: true, .. } => Some("stopped before it settled".into()),
            Mode::Run { .. } => Some(format!("{title} never settled")),
            Mode::Invalid { .. } => None,
        }
    }

    /// One sentence on what the picture shows, for the svg's label.
    pub fn summary(&self) -> String {
        let tasks = match self.total {
            1 => "1 task".to_string(),
            n => format!("{n} tasks"),
        };
        let head = format!("Timeline of {tasks} under {}", self.combinator.title());
        let verb = |m: &Mark| if m.rejected { "reject" } else { "fulfil" };
        let past = |m: &Mark| if m.rejected { "rejected" } else { "fulfilled" };
        let tail = match (self.mode, &self.mark) {
            (Mode::Invalid { .. }, _) => "; fix the marked tasks to see it".to_string(),
            (Mode::Plan { .. }, Some(m)) => {
                format!(
                    ": the plan, predicted to {} at {}",
                    verb(m),
                    format_ms(m.at)
                )
            }
            (Mode::Plan { .. }, None) => ": the plan, predicted never to settle".to_string(),
            (Mode::Run { running: true, .. }, _) => ": running".to_string(),
            (Mode::Run { .. }, Some(m)) => {
                format!(": the latest run, {} at {}", past(m), format_ms(m.at))
            }
            (Mode::Run { stopped: true, .. }, None) => ": the latest run, stopped".to_string(),
            (Mode::Run { .. }, None) => ": the latest run, which never settled".to_string(),
        };
        head + &tail
    }
}
