//! How the timeline's [`View`] is worked out: from the latest run when it is
//! of exactly the tasks being edited, otherwise from the spec model's
//! prediction of those tasks (the plan).
//!
//! Run times are real milliseconds; they are multiplied by the run's speed
//! factor here, so everything downstream is in virtual milliseconds.

use super::view::{no_tasks_words, End, Knob, Mark, Mode, Outcome, Status, TaskLine, View};
use crate::model::predict::{predict, Prediction};
use crate::model::run::{RunRecord, TaskState};
use crate::model::{change, EventKind, Scenario, Settle, Task};
use crate::ui::state::{Compiled, Playground};

/// The tasks being edited, compiled, with the spec model's prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The scenario, or how many rows need fixing before there is one.
    pub scenario: Result<(Scenario, Prediction), usize>,
}

impl Plan {
    /// Predicts the scenario the editor's rows compiled into.
    pub fn of(compiled: &Compiled) -> Plan {
        let scenario = match compiled {
            Ok(s) => Ok((s.clone(), predict(s))),
            Err(problems) => Err(problems.len()),
        };
        Plan { scenario }
    }
}

impl View {
    /// The view of `state`, with at most `limit` lines.
    pub fn build(state: &Playground, plan: &Plan, limit: usize) -> View {
        let (scenario, prediction) = match &plan.scenario {
            Ok(pair) => pair,
            Err(problems) => return View::invalid(state, *problems),
        };
        // A run is shown when it is of these tasks, and while it goes on
        // even when they were edited meanwhile: the live run stays in view.
        let running = state.is_running();
        match state
            .run
            .as_ref()
            .filter(|r| running || r.scenario == *scenario)
        {
            Some(record) => {
                let whole = from_run(state, record, prediction, limit, None);
                let Some((step, at)) = state.replay.as_ref() else {
                    return whole;
                };
                // A replay's step, on the whole run's axis, with a line
                // at the moment of the last event shown.
                let moment = step
                    .checked_sub(1)
                    .and_then(|k| record.events.get(k))
                    .map_or(0.0, |e| e.t_ms);
                let mut view = from_run(state, at, prediction, limit, Some(moment));
                view.latest = view.latest.max(whole.latest);
                view
            }
            None => from_plan(state, scenario, prediction, limit),
        }
    }

    fn invalid(state: &Playground, problems: usize) -> View {
        View {
            mode: Mode::Invalid { problems },
            combinator: state.combinator,
            total: state.tasks.len(),
            lines: Vec::new(),
            mark: None,
            latest: 0.0,
            run: None,
            speed: 1.0,
            last_event: 0.0,
            no_tasks: None,
            changed: None,
            cursor: None,
        }
    }
}

/// A timer task's knob, when the task starts at all and the reader may
/// edit (not in an embed that is read-only).
fn knob(state: &Playground, index: usize, task: &Task, start: Option<u64>) -> Option<Knob> {
    if state.embed.as_ref().is_some_and(|e| !e.editable) {
        return None;
    }
    Some(Knob {
        id: state.tasks.get(index)?.id,
        delay_ms: task.behaviour.delay_ms()?,
        start_ms: start? as f64,
    })
}

fn flags(len: usize, items: &[usize]) -> Vec<bool> {
    let mut out = vec![false; len];
    for &i in items {
        out[i] = true;
    }
    out
}

fn from_plan(state: &Playground, scenario: &Scenario, p: &Prediction, limit: usize) -> View {
    let n = scenario.tasks.len();
    let (ignored, unhandled, late) = (
        flags(n, &p.ignored),
        flags(n, &p.unhandled),
        flags(n, &p.handled_late),
    );
    // With Abort the rest on, what is still at work when the combinator
    // settles is aborted then.
    let aborted_at = if state.abort_rest {
        p.aborted_at()
    } else {
        vec![None; n]
    };
    let lines: Vec<TaskLine> = (0..n.min(limit))
        .map(|i| {
            let task = &scenario.tasks[i];
            let start = p.started_at[i].map(|t| t as f64);
            let aborted = aborted_at[i].map(|t| t as f64);
            let settled = p.settled_at[i]
                .map(|t| t as f64)
                .filter(|_| aborted.is_none());
            let settle = settled.and(task.behaviour.settle());
            let (outcome, end, tag) = match (start, settled, &settle) {
                (Some(_), ..) if aborted.is_some() => {
                    (Outcome::Pending, aborted.map(End::Aborted), Some("aborted"))
                }
                (None, ..) => (Outcome::NotStarted, None, Some("not started")),
                (Some(_), Some(t), Some(Settle::Reject(_))) => {
                    (Outcome::Rejected, Some(End::Settled(t)), None)
                }
                (Some(_), Some(t), _) => (Outcome::Fulfilled, Some(End::Settled(t)), None),
                (Some(_), None, _) => (Outcome::Pending, Some(End::Open), Some("never settles")),
            };
            TaskLine {
                index: i,
                label: task.label.clone(),
                status: Status::Planned,
                outcome,
                start,
                end,
                value: settle.map(|s| s.value().clone()),
                tag,
                ignored: ignored[i] && aborted.is_none(),
                unhandled: settled.filter(|_| unhandled[i]),
                handled_late: late[i],
                handled_late_at: None,
                // An aborted bar ends before its delay: no grip to hold.
                knob: aborted
                    .is_none()
                    .then(|| knob(state, i, task, p.started_at[i]))
                    .flatten(),
            }
        })
        .collect();
    let mark = p.result.as_ref().map(|o| Mark {
        at: o.at_ms as f64,
        rejected: o.settle.is_reject(),
        predicted: true,
    });
    let latest = latest_of(&lines, mark.as_ref());
    View {
        mode: Mode::Plan {
            edited: state.run.is_some(),
        },
        changed: state
            .run
            .as_ref()
            .and_then(|r| change::describe(&r.scenario, scenario)),
        combinator: scenario.combinator,
        total: n,
        lines,
        mark,
        latest,
        run: None,
        speed: 1.0,
        last_event: 0.0,
        no_tasks: no_tasks(scenario, p),
        cursor: None,
    }
}

/// The words for an empty scenario, from its prediction.
fn no_tasks(scenario: &Scenario, p: &Prediction) -> Option<String> {
    scenario
        .tasks
        .is_empty()
        .then(|| no_tasks_words(scenario.combinator, p.result.as_ref()))
}

/// What the run's events say about each task, beyond its [`RunRecord`] state.
struct Annotations {
    unhandled: Vec<Option<f64>>,
    handled_late: Vec<Option<f64>>,
    last: f64,
}

fn annotate(record: &RunRecord) -> Annotations {
    let n = record.tasks.len();
    let v = |t: f64| record.shown_ms(t);
    let mut a = Annotations {
        unhandled: vec![None; n],
        handled_late: vec![None; n],
        last: 0.0,
    };
    for e in &record.events {
        match e.kind {
            EventKind::Unhandled { task } => {
                a.unhandled[task] = a.unhandled[task].or(Some(v(e.t_ms)))
            }
            EventKind::HandledLate { task } => {
                a.handled_late[task] = a.handled_late[task].or(Some(v(e.t_ms)))
            }
            _ => {}
        }
        // The axis covers what is drawn; the end of the run (which waits
        // for the browser's late reports) and other notes are not.
        if e.kind.task().is_some() || matches!(e.kind, EventKind::CombinatorSettled { .. }) {
            a.last = a.last.max(v(e.t_ms));
        }
    }
    a
}

/// Where a task of a run stands: status, outcome, bar end and the word for
/// a task without a settle marker.
pub(super) fn standing(
    ts: &TaskState,
    record: &RunRecord,
    running: bool,
    stopped: Option<f64>,
    cursor: Option<f64>,
) -> (Status, Outcome, Option<End>, Option<&'static str>) {
    if let (Some(at), None) = (ts.aborted, &ts.settled) {
        return (
            Status::Aborted,
            Outcome::Pending,
            Some(End::Aborted(record.shown_ms(at))),
            Some("aborted"),
        );
    }
    match (ts.started_at, &ts.settled) {
        // A replay shows a task that had not settled yet as running then.
        (Some(_), None) if cursor.is_some() => (
            Status::Running,
            Outcome::Pending,
            cursor.map(|t| End::Cursor(record.shown_ms(t))),
            None,
        ),
        (None, _) if cursor.is_some() => (
            Status::NotStarted,
            Outcome::NotStarted,
            None,
            Some("waiting"),
        ),
        (_, Some((t, s))) if s.is_reject() => (
            Status::Rejected,
            Outcome::Rejected,
            Some(End::Settled(record.shown_ms(*t))),
            None,
        ),
        (_, Some((t, _))) => (
            Status::Fulfilled,
            Outcome::Fulfilled,
            Some(End::Settled(record.shown_ms(*t))),
            None,
        ),
        (Some(_), None) if running => (Status::Running, Outcome::Pending, Some(End::Now), None),
        (Some(_), None) => match stopped {
            Some(at) => (
                Status::Pending,
                Outcome::Pending,
                Some(End::Stopped(record.shown_ms(at))),
                Some("stopped"),
            ),
            None => (
                Status::Pending,
                Outcome::Pending,
                Some(End::Open),
                Some("pending"),
            ),
        },
        (None, _) => {
            let word = if running { "waiting" } else { "not started" };
            (Status::NotStarted, Outcome::NotStarted, None, Some(word))
        }
    }
}

/// The view of `record`; `cursor` is the moment a replay shows, in the
/// run's real ms.
fn from_run(
    state: &Playground,
    record: &RunRecord,
    p: &Prediction,
    limit: usize,
    cursor: Option<f64>,
) -> View {
    let running = state.is_running();
    let v = |t: f64| record.shown_ms(t);
    let a = annotate(record);
    let ignored = flags(record.tasks.len(), &record.ignored());
    let lines: Vec<TaskLine> = (0..record.tasks.len().min(limit))
        .map(|i| {
            let task = &record.scenario.tasks[i];
            let ts = &record.tasks[i];
            let (status, outcome, end, tag) = standing(ts, record, running, state.stopped, cursor);
            TaskLine {
                index: i,
                label: task.label.clone(),
                status,
                outcome,
                start: ts.started_at.map(v),
                end,
                value: ts.settled.as_ref().map(|(_, s)| s.value().clone()),
                tag,
                ignored: ignored[i],
                unhandled: a.unhandled[i],
                handled_late: a.handled_late[i].is_some(),
                handled_late_at: a.handled_late[i],
                // A grip goes on what ran to its end; a bar cut short by
                // Stop or an abort has no end to hold.
                knob: (!running
                    && cursor.is_none()
                    && !matches!(end, Some(End::Stopped(_) | End::Aborted(_))))
                .then(|| knob(state, i, task, p.started_at[i]))
                .flatten(),
            }
        })
        .collect();
    let mark = record.result.as_ref().map(|r| Mark {
        at: v(r.at_ms),
        rejected: r.settle.is_reject(),
        predicted: false,
    });
    // While the run goes on, the prediction keeps the axis still as bars
    // grow towards it; once it is over, the axis fits what happened. Every
    // task counts, shown or not: the run lasts until the last of them.
    let predicted = (p.settled_at.iter().zip(&p.started_at))
        .filter(|_| running)
        .filter_map(|(settled, started)| settled.or(*started))
        .map(|t| t as f64)
        .fold(0.0, f64::max);
    let stopped_at = state.stopped.map(v).unwrap_or(0.0);
    let latest = latest_of(&lines, mark.as_ref())
        .max(predicted)
        .max(a.last)
        .max(stopped_at);
    View {
        mode: Mode::Run {
            running,
            stopped: state.stopped.is_some(),
        },
        combinator: record.scenario.combinator,
        total: record.tasks.len(),
        lines,
        mark,
        latest,
        run: Some(record.run),
        speed: record.speed,
        last_event: a.last,
        no_tasks: no_tasks(&record.scenario, p),
        changed: state
            .scenario()
            .ok()
            .and_then(|now| change::describe(&record.scenario, now)),
        cursor: cursor.map(v),
    }
}

fn latest_of(lines: &[TaskLine], mark: Option<&Mark>) -> f64 {
    lines
        .iter()
        .flat_map(|l| [l.start, l.settled_at(), l.unhandled, l.handled_late_at])
        .flatten()
        .chain(mark.map(|m| m.at))
        .fold(0.0, f64::max)
}
