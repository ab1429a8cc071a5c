//! A run as it happened: the engine's events folded into one record, and the
//! versioned JSON report made from it.
//!
//! The UI keeps a [`RunRecord`] per run and draws from it; the report is the
//! same record written down for bug reports, share links and embedding pages.
//! Its shape is documented in the README and versioned by [`REPORT_VERSION`].

use super::event::{Event, EventKind, RunId};
use super::json::Json;
use super::scenario::{Scenario, Settle};
use super::text;

/// The version of the report's JSON shape.
pub const REPORT_VERSION: u32 = 1;

/// Where one task stands in a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskState {
    /// When its operation began, in ms since the run started.
    pub started_at: Option<f64>,
    /// When and how it settled.
    pub settled: Option<(f64, Settle)>,
    /// When its work was aborted, before it settled on its own.
    pub aborted: Option<f64>,
    /// Whether the browser reported its rejection as unhandled.
    pub unhandled: bool,
    /// Whether a handler came for it late (`rejectionhandled`).
    pub handled_late: bool,
}

/// What the combinator (or loop) did.
#[derive(Debug, Clone, PartialEq)]
pub struct CombinedResult {
    /// When it settled, in ms since the run started.
    pub at_ms: f64,
    /// How, and with what.
    pub settle: Settle,
}

/// The events of one run, folded.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// The run's id.
    pub run: RunId,
    /// What ran.
    pub scenario: Scenario,
    /// The speed factor the timers ran at (1.0 = real time).
    pub speed: f64,
    /// Every event, in order.
    pub events: Vec<Event>,
    /// Per task, in input order.
    pub tasks: Vec<TaskState>,
    /// Task indexes in the order they settled.
    pub settle_order: Vec<usize>,
    /// The combinator's outcome, once it settled.
    pub result: Option<CombinedResult>,
    /// Tasks whose rejection went unhandled, in the order reported.
    pub unhandled: Vec<usize>,
    /// Tasks that were handled late, in the order reported.
    pub handled_late: Vec<usize>,
    /// Whether the tab was hidden during the run (timers throttled).
    pub hidden_tab: bool,
    /// An engine failure, if any.
    pub error: Option<String>,
    /// When nothing more could happen, in ms since the run started.
    pub finished_at: Option<f64>,
}

impl RunRecord {
    /// An empty record for run `run` of `scenario` at `speed`.
    pub fn new(run: RunId, scenario: Scenario, speed: f64) -> Self {
        let tasks = vec![TaskState::default(); scenario.tasks.len()];
        RunRecord {
            run,
            scenario,
            speed,
            events: Vec::new(),
            tasks,
            settle_order: Vec::new(),
            result: None,
            unhandled: Vec::new(),
            handled_late: Vec::new(),
            hidden_tab: false,
            error: None,
            finished_at: None,
        }
    }

    /// Folds one event in. Events of another run, or naming a task that does
    /// not exist, are ignored and `false` is returned.
    pub fn apply(&mut self, event: Event) -> bool {
        if event.run != self.run {
            return false;
        }
        if let Some(task) = event.kind.task() {
            if task >= self.tasks.len() {
                return false;
            }
        }
        let t = event.t_ms;
        match &event.kind {
            EventKind::TaskStarted { task } => self.tasks[*task].started_at = Some(t),
            EventKind::TaskSettled { task, settle } => {
                self.tasks[*task].settled = Some((t, settle.clone()));
                self.settle_order.push(*task);
            }
            EventKind::TaskAborted { task } => self.tasks[*task].aborted = Some(t),
            EventKind::CombinatorSettled { settle } => {
                self.result = Some(CombinedResult {
                    at_ms: t,
                    settle: settle.clone(),
                })
            }
            EventKind::Unhandled { task } => {
                self.tasks[*task].unhandled = true;
                self.unhandled.push(*task);
            }
            EventKind::HandledLate { task } => {
                self.tasks[*task].handled_late = true;
                self.handled_late.push(*task);
            }
            EventKind::HiddenTab => self.hidden_tab = true,
            EventKind::RunError { message } => self.error = Some(message.clone()),
            EventKind::RunFinished { .. } => self.finished_at = Some(t),
        }
        self.events.push(event);
        true
    }

    /// The record as it stood after its first `count` events: what a
    /// replay shows at that step. With every event it equals the record.
    pub fn until(&self, count: usize) -> RunRecord {
        let mut out = RunRecord::new(self.run, self.scenario.clone(), self.speed);
        for event in self.events.iter().take(count) {
            out.apply(event.clone());
        }
        out
    }

    /// Whether nothing more can happen.
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some() || self.error.is_some()
    }

    /// A real time of this run as the timeline shows it: in the
    /// milliseconds the delays were written in, whatever the speed.
    pub fn shown_ms(&self, real_ms: f64) -> f64 {
        real_ms * self.speed
    }

    /// When the last task or the combinator settled, in ms since the start.
    pub fn last_settle_ms(&self) -> Option<f64> {
        self.events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::TaskSettled { .. } | EventKind::CombinatorSettled { .. }
                )
            })
            .map(|e| e.t_ms)
            .reduce(f64::max)
    }

    /// How much later than asked the latest timer fired, in real ms (0 when
    /// none was late). A busy page holds timers back, and then the times
    /// shown are later than the code asks for.
    pub fn timer_lateness_ms(&self) -> f64 {
        self.tasks
            .iter()
            .zip(&self.scenario.tasks)
            .filter_map(|(state, task)| {
                let delay = task.behaviour.delay_ms()?;
                let (at, _) = state.settled.as_ref()?;
                Some(at - state.started_at? - f64::from(delay) / self.speed)
            })
            .fold(0.0, f64::max)
    }

    /// Tasks that started and have not settled (nor been aborted).
    pub fn pending(&self) -> Vec<usize> {
        self.indexes(|t| t.started_at.is_some() && t.settled.is_none() && t.aborted.is_none())
    }

    /// Tasks whose work was aborted when the combinator settled.
    pub fn aborted(&self) -> Vec<usize> {
        self.indexes(|t| t.aborted.is_some())
    }

    /// Tasks that have not started.
    pub fn not_started(&self) -> Vec<usize> {
        self.indexes(|t| t.started_at.is_none())
    }

    /// Tasks that settled without the combinator (or loop) using their
    /// outcome in its result, in the order they settled, by the same rule as
    /// the spec model's prediction ([`Combinator::ignored`]). Empty until
    /// the result comes.
    ///
    /// [`Combinator::ignored`]: super::scenario::Combinator::ignored
    pub fn ignored(&self) -> Vec<usize> {
        let rejects = |i: usize| {
            self.tasks
                .get(i)
                .and_then(|t| t.settled.as_ref())
                .is_some_and(|(_, settle)| settle.is_reject())
        };
        self.scenario.combinator.ignored(
            &self.settle_order,
            rejects,
            self.result.as_ref().map(|r| &r.settle),
        )
    }

    /// What the combinator (or loop) waited for: the tasks that settled by
    /// the time it did, in the order they settled; for one that never
    /// settles, every task that settled.
    pub fn waited_for(&self) -> Vec<usize> {
        let until = self.result.as_ref().map_or(f64::INFINITY, |r| r.at_ms);
        (self.settle_order.iter().copied())
            .filter(|&i| (self.tasks[i].settled.as_ref()).is_some_and(|(at, _)| *at <= until))
            .collect()
    }

    fn indexes(&self, keep: impl Fn(&TaskState) -> bool) -> Vec<usize> {
        self.tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| keep(t))
            .map(|(i, _)| i)
            .collect()
    }

    /// The run report, as documented in the README.
    ///
    /// Times come twice: `t_ms` and `at_ms` are real milliseconds since the
    /// run started; `scenario_ms` and `at_scenario_ms` are the same times in
    /// the scenario's own milliseconds (real × speed), as the timeline
    /// shows them.
    pub fn report(&self) -> Json {
        Json::object([
            ("version", REPORT_VERSION.into()),
            ("combinator", self.scenario.combinator.keyword().into()),
            ("scenario", text::format(&self.scenario).into()),
            ("speed", self.speed.into()),
            ("finished", self.finished_at.is_some().into()),
            ("settle_order", self.settle_order.as_slice().into()),
            (
                "events",
                Json::Array(self.events.iter().map(|e| self.event_json(e)).collect()),
            ),
            ("result", self.result_json()),
            ("unhandled_rejections", self.unhandled.as_slice().into()),
            ("handled_late", self.handled_late.as_slice().into()),
            ("pending", self.pending().into()),
            ("aborted", self.aborted().into()),
            ("not_started", self.not_started().into()),
            ("hidden_tab", self.hidden_tab.into()),
            ("error", self.error.clone().into()),
        ])
    }

    fn result_json(&self) -> Json {
        match &self.result {
            None => Json::object([("status", "pending".into())]),
            Some(CombinedResult { at_ms, settle }) => settle_json(settle)
                .with("at_ms", round_ms(*at_ms))
                .with("at_scenario_ms", round_ms(self.shown_ms(*at_ms))),
        }
    }

    fn event_json(&self, event: &Event) -> Json {
        event_kind_json(&event.kind)
            .with("seq", event.seq)
            .with("t_ms", round_ms(event.t_ms))
            .with("scenario_ms", round_ms(self.shown_ms(event.t_ms)))
    }
}

/// `{"status": "fulfilled", "value": …}` or `{"status": "rejected", "reason": …}`.
fn settle_json(settle: &Settle) -> Json {
    match settle {
        Settle::Fulfil(v) => Json::object([("status", "fulfilled".into()), ("value", v.to_json())]),
        Settle::Reject(r) => Json::object([("status", "rejected".into()), ("reason", r.to_json())]),
    }
}

/// Times are kept to a tenth of a millisecond: browsers coarsen
/// `performance.now()` to about that anyway.
fn round_ms(t: f64) -> f64 {
    (t * 10.0).round() / 10.0
}

fn event_kind_json(kind: &EventKind) -> Json {
    let of_type = |kind: &str| Json::object([("type", kind.into())]);
    match kind {
        EventKind::TaskStarted { task } => of_type("started").with("task", *task),
        EventKind::TaskSettled { task, settle } => settle_json(settle)
            .with("type", "settled")
            .with("task", *task),
        EventKind::CombinatorSettled { settle } => settle_json(settle).with("type", "combinator"),
        EventKind::TaskAborted { task } => of_type("aborted").with("task", *task),
        EventKind::Unhandled { task } => of_type("unhandled").with("task", *task),
        EventKind::HandledLate { task } => of_type("handled-late").with("task", *task),
        EventKind::HiddenTab => of_type("hidden-tab"),
        EventKind::RunError { message } => of_type("error").with("message", message.as_str()),
        EventKind::RunFinished {
            pending,
            not_started,
        } => of_type("finished")
            .with("pending", pending.as_slice())
            .with("not_started", not_started.as_slice()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Combinator, Task, Value};
    use serde_json::json;

    fn ev(seq: u32, t_ms: f64, kind: EventKind) -> Event {
        Event {
            run: 7,
            seq,
            t_ms,
            kind,
        }
    }

    fn sample() -> RunRecord {
        let scenario = Scenario::new(
            Combinator::All,
            vec![
                Task::fulfil("user", 300, Value::str("Ada")),
                Task::reject("posts", 100, "timeout"),
                Task::never("hang"),
            ],
        );
        let mut r = RunRecord::new(7, scenario, 1.0);
        for (i, task) in [0, 1, 2].into_iter().enumerate() {
            r.apply(ev(i as u32, 0.04, EventKind::TaskStarted { task }));
        }
        let reason = Settle::Reject(Value::error("timeout"));
        r.apply(ev(
            3,
            100.26,
            EventKind::TaskSettled {
                task: 1,
                settle: reason.clone(),
            },
        ));
        r.apply(ev(
            4,
            100.3,
            EventKind::CombinatorSettled { settle: reason },
        ));
        let ok = Settle::Fulfil(Value::str("Ada"));
        r.apply(ev(
            5,
            300.1,
            EventKind::TaskSettled {
                task: 0,
                settle: ok,
            },
        ));
        r.apply(ev(
            6,
            320.0,
            EventKind::RunFinished {
                pending: vec![2],
                not_started: vec![],
            },
        ));
        r
    }

    #[test]
    fn all_waited_only_for_what_settled_by_its_rejection() {
        // posts rejected at 100 ms and all with it; user came at 300 ms.
        assert_eq!(sample().waited_for(), [1]);
        let mut pending = RunRecord::new(
            7,
            Scenario::new(Combinator::All, vec![Task::fulfil("a", 5, Value::Null)]),
            1.0,
        );
        pending.apply(ev(0, 0.0, EventKind::TaskStarted { task: 0 }));
        pending.apply(ev(
            1,
            5.0,
            EventKind::TaskSettled {
                task: 0,
                settle: Settle::Fulfil(Value::Null),
            },
        ));
        assert_eq!(
            pending.waited_for(),
            [0],
            "without a result, all that settled"
        );
    }

    #[test]
    fn folding_events_tracks_order_result_and_pending_tasks() {
        let r = sample();
        assert_eq!(r.settle_order, vec![1, 0]);
        assert_eq!(r.pending(), vec![2]);
        assert!(r.is_finished());
        let result = r.result.as_ref().unwrap();
        assert_eq!(result.settle, Settle::Reject(Value::error("timeout")));
    }

    #[test]
    fn events_of_another_run_or_unknown_tasks_are_dropped() {
        let mut r = sample();
        let before = r.clone();
        let mut stray = ev(9, 1.0, EventKind::HiddenTab);
        stray.run = 6;
        assert!(!r.apply(stray));
        assert!(!r.apply(ev(9, 1.0, EventKind::TaskStarted { task: 3 })));
        assert_eq!(r, before);
    }

    #[test]
    fn a_replay_builds_the_record_step_by_step_and_ends_where_the_run_did() {
        let full = sample();
        assert_eq!(
            full.until(full.events.len()),
            full,
            "the last step is the run"
        );
        assert_eq!(full.until(usize::MAX), full);
        let none = full.until(0);
        assert!(none.events.is_empty() && none.result.is_none() && none.settle_order.is_empty());
        // Each step adds exactly the next event.
        for k in 0..full.events.len() {
            let (before, after) = (full.until(k), full.until(k + 1));
            assert_eq!(after.events.len(), before.events.len() + 1);
            assert_eq!(after.events[k], full.events[k]);
        }
    }

    #[test]
    fn report_has_the_documented_shape() {
        let report = serde_json::Value::from(&sample().report());
        assert_eq!(report["version"], 1);
        assert_eq!(report["combinator"], "all");
        assert_eq!(report["settle_order"], json!([1, 0]));
        assert_eq!(
            report["result"],
            json!({ "status": "rejected", "reason": { "name": "Error", "message": "timeout" }, "at_ms": 100.3, "at_scenario_ms": 100.3 })
        );
        assert_eq!(report["pending"], json!([2]));
        assert_eq!(
            report["events"][3],
            json!({ "status": "rejected", "reason": { "name": "Error", "message": "timeout" }, "type": "settled", "task": 1, "seq": 3, "t_ms": 100.3, "scenario_ms": 100.3 })
        );
        assert_eq!(report["hidden_tab"], false);
        assert_eq!(report["error"], serde_json::Value::Null);
        let scenario = report["scenario"].as_str().unwrap();
        assert_eq!(text::parse(scenario).unwrap(), sample().scenario);
    }

    #[test]
    fn report_times_in_scenario_ms_match_the_timeline_at_any_speed() {
        // At 0.25x a 200 ms delay takes 800 ms of real time.
        let scenario = Scenario::new(
            Combinator::Race,
            vec![Task::fulfil("slow", 200, Value::str("slow"))],
        );
        let mut r = RunRecord::new(3, scenario, 0.25);
        let at = |seq, t_ms, kind| Event {
            run: 3,
            seq,
            t_ms,
            kind,
        };
        let ok = Settle::Fulfil(Value::str("slow"));
        r.apply(at(0, 0.3, EventKind::TaskStarted { task: 0 }));
        r.apply(at(
            1,
            801.9,
            EventKind::TaskSettled {
                task: 0,
                settle: ok.clone(),
            },
        ));
        r.apply(at(2, 802.26, EventKind::CombinatorSettled { settle: ok }));
        let report = serde_json::Value::from(&r.report());
        let times: Vec<(f64, f64)> = report["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["t_ms"].as_f64().unwrap(),
                    e["scenario_ms"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(times, [(0.3, 0.1), (801.9, 200.5), (802.3, 200.6)]);
        assert_eq!(report["result"]["at_ms"], 802.3);
        assert_eq!(report["result"]["at_scenario_ms"], 200.6);
        assert_eq!(report["version"], 1, "fields were only added");
    }

    #[test]
    fn the_ignored_tasks_of_a_run_follow_its_settle_order_and_result() {
        let r = sample();
        // `all` rejected with posts; user fulfilled later and was not used.
        assert_eq!(r.ignored(), vec![0]);
        let mut pending = RunRecord::new(7, r.scenario.clone(), 1.0);
        for e in r.events.iter().take(4).cloned() {
            pending.apply(e);
        }
        assert!(pending.result.is_none() && pending.ignored().is_empty());
    }

    #[test]
    fn lateness_compares_each_timer_with_its_delay_at_the_run_speed() {
        let r = sample();
        // posts: 100 ms asked, settled 100.26 ms after starting at 0.04.
        // user: 300 ms asked, settled at 300.1.
        assert!(
            (r.timer_lateness_ms() - 0.22).abs() < 1e-9,
            "{}",
            r.timer_lateness_ms()
        );
        let mut slow = RunRecord::new(7, r.scenario.clone(), 2.0);
        slow.apply(ev(0, 0.0, EventKind::TaskStarted { task: 1 }));
        let reason = Settle::Reject(Value::error("timeout"));
        slow.apply(ev(
            1,
            90.0,
            EventKind::TaskSettled {
                task: 1,
                settle: reason,
            },
        ));
        assert!(
            (slow.timer_lateness_ms() - 40.0).abs() < 1e-9,
            "100 ms at 2x is 50 ms"
        );
    }

    #[test]
    fn a_pending_result_says_so() {
        let r = RunRecord::new(1, Scenario::new(Combinator::Race, vec![]), 1.0);
        assert_eq!(
            serde_json::Value::from(&r.report())["result"],
            json!({ "status": "pending" })
        );
    }
}
