//! The spec model: what a run should do, worked out from the ECMAScript and
//! HTML event-loop rules alone, in virtual milliseconds.
//!
//! # The model
//!
//! A browser runs one *event* (a macrotask) at a time and, after each one,
//! drains the microtask queue. Everything a promise settlement sets off (a
//! combinator's reaction, an `async` loop stepping to its next `await`, the
//! next sequential task starting) happens in those microtasks, so it belongs
//! to the event in which the settlement happened. The model therefore only
//! needs to order events, and it does so by a key: the virtual time the
//! event runs at, then a sequence number that breaks ties.
//!
//! * The *start event* has key `(0, 0)`. It is the script that calls every
//!   task function, hands the promises to the combinator or runs the loop's
//!   first step.
//! * A `Settled` or `Plain` task settles inside the event that starts it, in
//!   the order tasks are started.
//! * A `Timer` task started in event `(t, _)` gets the key
//!   `(t + delay, n)`, where `n` counts timers in the order they were set.
//!   Equal fire times therefore fire in start order, and every timer comes
//!   after the event that set it, even with a delay of 0.
//! * A `Never` task gets no event at all.
//!
//! For rejection tracking the model follows the HTML rule: a promise that is
//! rejected without a handler is reported (`unhandledrejection`) if it still
//! has none when the microtask checkpoint of its event ends; a handler added
//! afterwards makes the browser fire `rejectionhandled`. (Strictly, the
//! browser fires the event from a task it queues at that point, re-checking
//! for a handler first, so an event already queued ahead of that task, such
//! as a 0 ms timer, could still add one in time. The model leaves that gap
//! out.)
//!
//! The four `Promise.*` combinators attach a handler to every input as soon as
//! they are called, so they never leave a rejection unhandled, and they never
//! change when tasks settle: their outcome is read off the settle order. The
//! two `async` loops do shape the run (a sequential loop starts each task
//! only when the previous one fulfilled; a parallel loop decides which
//! rejections are awaited in time), so each has its own driver.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::scenario::{Behaviour, Combinator, Scenario, Settle, Task};
use super::value::Value;

/// What the spec model says a run of a scenario does.
///
/// Every per-task vector is indexed by task position and has one entry per
/// task; the lists of task indexes hold each task at most once.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// When each task starts; `None` for a task a sequential loop never
    /// reached.
    pub started_at: Vec<Option<u64>>,
    /// When each task settles; `None` for a task that never settles or never
    /// starts.
    pub settled_at: Vec<Option<u64>>,
    /// The tasks in the order they settle (several may share a millisecond;
    /// this order still holds between them).
    pub settle_order: Vec<usize>,
    /// How and when the combinator (or loop) settles; `None` when it stays
    /// pending for ever.
    pub result: Option<Outcome>,
    /// Tasks that settle without the combinator (or loop) using their
    /// outcome in its result, in the order they settle, as
    /// [`Combinator::ignored`] defines it for a real run too: the losers of
    /// a race, whenever they settle; every task but the first rejection
    /// when `all` rejects; the tasks after the one a loop threw at. Empty
    /// when the result never comes.
    pub ignored: Vec<usize>,
    /// Tasks whose rejection makes the browser fire `unhandledrejection`, in
    /// the order the events fire.
    pub unhandled: Vec<usize>,
    /// Tasks that later get a handler and so fire `rejectionhandled`, in
    /// order.
    pub handled_late: Vec<usize>,
    /// Tasks that started and never settle.
    pub pending: Vec<usize>,
    /// Tasks that never start.
    pub not_started: Vec<usize>,
}

impl Prediction {
    /// With "abort the rest": when each task's work is aborted, for the
    /// tasks still at work when the combinator (or loop) settles; `None`
    /// for the others, and for all when it never settles.
    pub fn aborted_at(&self) -> Vec<Option<u64>> {
        let at = self.result.as_ref().map(|r| r.at_ms);
        (self.started_at.iter().zip(&self.settled_at))
            .map(|(started, settled)| {
                at.filter(|&at| started.is_some() && settled.is_none_or(|t| t > at))
            })
            .collect()
    }
}

/// How the combinator (or loop) settles, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Virtual milliseconds since the run started.
    pub at_ms: u64,
    /// Fulfilment value or rejection reason, shaped as JavaScript shapes it
    /// (an array of values, allSettled records, an `AggregateError`, …).
    pub settle: Settle,
}

/// Predicts what a real browser does when it runs `scenario`.
///
/// The scenario is not validated here; any scenario, even one breaking the
/// editor's limits, gets a prediction.
pub fn predict(scenario: &Scenario) -> Prediction {
    let mut sim = Sim::new(&scenario.tasks);
    let result = match scenario.combinator {
        Combinator::All | Combinator::AllSettled | Combinator::Race | Combinator::Any => {
            sim.start_all();
            while sim.next_event().is_some() {}
            combine(scenario.combinator, &sim)
        }
        Combinator::Sequential => sequential(&mut sim),
        Combinator::ParallelAwait => parallel_await(&mut sim),
    };
    sim.finish(scenario.combinator, result)
}

/// Where an event sits in the run: its virtual time, then its sequence
/// number. Deriving `Ord` compares the fields in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    time: u64,
    seq: u64,
}

/// The start event: the script that calls the tasks.
const START: Key = Key { time: 0, seq: 0 };

/// The timeline of one run: which tasks started and settled in which event,
/// and the timers still to fire.
struct Sim<'a> {
    tasks: &'a [Task],
    /// Timers set and not yet fired, smallest key first.
    timers: BinaryHeap<Reverse<(Key, usize)>>,
    /// The sequence number the next timer gets (0 is the start event's).
    next_seq: u64,
    started: Vec<Option<Key>>,
    settled: Vec<Option<Key>>,
    settle_order: Vec<usize>,
    unhandled: Vec<usize>,
    handled_late: Vec<usize>,
}

impl<'a> Sim<'a> {
    fn new(tasks: &'a [Task]) -> Self {
        Sim {
            tasks,
            timers: BinaryHeap::new(),
            next_seq: 1,
            started: vec![None; tasks.len()],
            settled: vec![None; tasks.len()],
            settle_order: Vec::new(),
            unhandled: Vec::new(),
            handled_late: Vec::new(),
        }
    }

    /// Starts task `i` inside the event `now`. Returns whether it settled on
    /// the spot (a `Settled` or `Plain` task).
    fn start(&mut self, i: usize, now: Key) -> bool {
        self.started[i] = Some(now);
        match &self.tasks[i].behaviour {
            Behaviour::Settled(_) | Behaviour::Plain(_) => {
                self.record_settle(i, now);
                true
            }
            Behaviour::Timer { delay_ms, .. } => {
                let key = Key {
                    time: now.time + u64::from(*delay_ms),
                    seq: self.next_seq,
                };
                self.next_seq += 1;
                self.timers.push(Reverse((key, i)));
                false
            }
            Behaviour::Never => false,
        }
    }

    /// Starts every task in the start event, in input order, as
    /// `tasks.map(t => t())` does.
    fn start_all(&mut self) {
        for i in 0..self.tasks.len() {
            self.start(i, START);
        }
    }

    /// Runs the next timer event, settling its task. Returns the event's key
    /// and the task, or `None` once no timer is left.
    fn next_event(&mut self) -> Option<(Key, usize)> {
        let Reverse((key, i)) = self.timers.pop()?;
        self.record_settle(i, key);
        Some((key, i))
    }

    fn record_settle(&mut self, i: usize, at: Key) {
        self.settled[i] = Some(at);
        self.settle_order.push(i);
    }

    /// How task `i` settles. Only asked of tasks that did settle, and a task
    /// that settles always has a settlement.
    fn outcome(&self, i: usize) -> Settle {
        self.tasks[i]
            .behaviour
            .settle()
            .expect("only a task that settles is asked how")
    }

    /// Whether task `i` rejects when it settles.
    fn rejects(&self, i: usize) -> bool {
        self.tasks[i]
            .behaviour
            .settle()
            .is_some_and(|s| s.is_reject())
    }

    /// The key of the last settlement, or the start event when nothing
    /// settled (an empty input).
    fn last_settle(&self) -> Key {
        self.settle_order
            .last()
            .and_then(|&i| self.settled[i])
            .unwrap_or(START)
    }

    fn finish(self, combinator: Combinator, result: Option<(Key, Settle)>) -> Prediction {
        let ms = |k: &Option<Key>| k.map(|k| k.time);
        let indexes =
            |keep: &dyn Fn(usize) -> bool| (0..self.tasks.len()).filter(|&i| keep(i)).collect();
        let ignored = combinator.ignored(
            &self.settle_order,
            |i| self.rejects(i),
            result.as_ref().map(|(_, settle)| settle),
        );
        Prediction {
            ignored,
            started_at: self.started.iter().map(ms).collect(),
            settled_at: self.settled.iter().map(ms).collect(),
            pending: indexes(&|i| self.started[i].is_some() && self.settled[i].is_none()),
            not_started: indexes(&|i| self.started[i].is_none()),
            result: result.map(|(key, settle)| Outcome {
                at_ms: key.time,
                settle,
            }),
            settle_order: self.settle_order,
            unhandled: self.unhandled,
            handled_late: self.handled_late,
        }
    }
}

/// The outcome of a `Promise.*` combinator, read off a finished timeline.
fn combine(combinator: Combinator, sim: &Sim) -> Option<(Key, Settle)> {
    let n = sim.tasks.len();
    let everyone_settled = sim.settle_order.len() == n;
    let at = |i: usize| sim.settled[i].expect("tasks in the settle order have settled");
    let in_input_order = |f: &dyn Fn(Settle) -> Value| (0..n).map(|i| f(sim.outcome(i))).collect();
    match combinator {
        Combinator::All => {
            // The first rejection in time decides, wherever it sits in the array.
            if let Some(&i) = sim.settle_order.iter().find(|&&i| sim.rejects(i)) {
                return Some((at(i), sim.outcome(i)));
            }
            everyone_settled.then(|| {
                let values = in_input_order(&|s| s.value().clone());
                (sim.last_settle(), Settle::Fulfil(Value::Array(values)))
            })
        }
        Combinator::AllSettled => everyone_settled.then(|| {
            let records = in_input_order(&|s| match s {
                Settle::Fulfil(v) => Value::fulfilled_record(v),
                Settle::Reject(r) => Value::rejected_record(r),
            });
            (sim.last_settle(), Settle::Fulfil(Value::Array(records)))
        }),
        Combinator::Race => sim.settle_order.first().map(|&i| (at(i), sim.outcome(i))),
        Combinator::Any => {
            if let Some(&i) = sim.settle_order.iter().find(|&&i| !sim.rejects(i)) {
                return Some((at(i), sim.outcome(i)));
            }
            // Every input that settled rejected; the errors are listed in
            // input order, not in the order they came in.
            everyone_settled.then(|| {
                let reasons = in_input_order(&|s| s.value().clone());
                (sim.last_settle(), Settle::Reject(Value::aggregate(reasons)))
            })
        }
        Combinator::Sequential | Combinator::ParallelAwait => {
            unreachable!("the async loops have their own drivers")
        }
    }
}

/// `for (const t of tasks) results.push(await t())`.
///
/// Only one task is ever running, so the next timer to fire is always the
/// current task's.
fn sequential(sim: &mut Sim) -> Option<(Key, Settle)> {
    let mut now = START;
    let mut values = Vec::with_capacity(sim.tasks.len());
    for i in 0..sim.tasks.len() {
        if !sim.start(i, now) {
            // A `Never` task sets no timer: the loop waits for ever and the
            // tasks after it never start.
            let (key, _) = sim.next_event()?;
            now = key;
        }
        match sim.outcome(i) {
            Settle::Fulfil(v) => values.push(v),
            // `await` throws, the loop ends, and the function rejects.
            reject @ Settle::Reject(_) => return Some((now, reject)),
        }
    }
    Some((now, Settle::Fulfil(Value::Array(values))))
}

/// `const ps = tasks.map(t => t()); for (const p of ps) out.push(await p)`.
///
/// The loop awaits one promise at a time, so it attaches a handler to
/// promise `j` only when it gets there. A rejection of a later promise that
/// comes in before then is unhandled at the end of its checkpoint, and the
/// loop's `await` on it, if the loop ever gets there, is a late handler.
fn parallel_await(sim: &mut Sim) -> Option<(Key, Settle)> {
    let n = sim.tasks.len();
    sim.start_all();
    // Whether the loop has got to each index (its `await` attached a handler).
    let mut reached = vec![false; n];
    // Which tasks have been reported unhandled (a flag per task, so that a
    // long scenario stays linear).
    let mut reported = vec![false; n];
    let mut values = Vec::with_capacity(n);
    let mut next = 0;
    let mut result = None;
    // The event being run, and where its settlements begin in the settle
    // order.
    let mut now = START;
    let mut first_settled_now = 0;
    loop {
        // The loop steps forward in this event's microtasks for as long as
        // the promise it awaits has settled.
        while result.is_none() {
            if next == n {
                result = Some((
                    now,
                    Settle::Fulfil(Value::Array(std::mem::take(&mut values))),
                ));
                break;
            }
            if !reached[next] {
                reached[next] = true;
                if reported[next] {
                    sim.handled_late.push(next);
                }
            }
            if sim.settled[next].is_none() {
                break;
            }
            match sim.outcome(next) {
                Settle::Fulfil(v) => {
                    values.push(v);
                    next += 1;
                }
                reject @ Settle::Reject(_) => result = Some((now, reject)),
            }
        }
        // The checkpoint ends: a rejection from this event that the loop has
        // not awaited yet is reported.
        for &j in &sim.settle_order[first_settled_now..] {
            if sim.rejects(j) && !reached[j] {
                reported[j] = true;
                sim.unhandled.push(j);
            }
        }
        first_settled_now = sim.settle_order.len();
        match sim.next_event() {
            Some((key, _)) => now = key,
            None => return result,
        }
    }
}

// Host only: proptest has no place in a browser build.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(label: &str, delay: u32) -> Task {
        Task::fulfil(label, delay, Value::str(label))
    }

    #[test]
    fn aborted_are_the_tasks_still_at_work_when_it_settles() {
        let race = Scenario::new(
            Combinator::Race,
            vec![ok("slow", 800), ok("fast", 100), Task::never("hung")],
        );
        assert_eq!(predict(&race).aborted_at(), [Some(100), None, Some(100)]);
        // A loop that throws: the tasks after it never started, none aborted.
        let sequential = Scenario::new(
            Combinator::Sequential,
            vec![Task::reject("first", 50, "no"), ok("second", 10)],
        );
        assert_eq!(predict(&sequential).aborted_at(), [None, None]);
        // Never settling: nothing is aborted.
        let all = Scenario::new(Combinator::All, vec![ok("a", 10), Task::never("b")]);
        assert_eq!(predict(&all).aborted_at(), [None, None]);
    }

    fn err(label: &str, delay: u32) -> Task {
        Task::reject(label, delay, label)
    }

    fn settled_ok(label: &str) -> Task {
        Task {
            label: label.into(),
            behaviour: Behaviour::Settled(Settle::Fulfil(Value::str(label))),
        }
    }

    fn settled_err(label: &str) -> Task {
        Task {
            label: label.into(),
            behaviour: Behaviour::Settled(Settle::Reject(Value::error(label))),
        }
    }

    fn plain(label: &str, n: f64) -> Task {
        Task {
            label: label.into(),
            behaviour: Behaviour::Plain(Value::Number(n)),
        }
    }

    fn run(combinator: Combinator, tasks: Vec<Task>) -> Prediction {
        predict(&Scenario::new(combinator, tasks))
    }

    fn fulfilled(at_ms: u64, value: Value) -> Option<Outcome> {
        Some(Outcome {
            at_ms,
            settle: Settle::Fulfil(value),
        })
    }

    fn rejected(at_ms: u64, reason: Value) -> Option<Outcome> {
        Some(Outcome {
            at_ms,
            settle: Settle::Reject(reason),
        })
    }

    fn strs(items: &[&str]) -> Value {
        Value::Array(items.iter().map(|s| Value::str(*s)).collect())
    }

    // Empty inputs.

    #[test]
    fn all_of_nothing_fulfils_at_once_with_an_empty_array() {
        let p = run(Combinator::All, vec![]);
        assert_eq!(p.result, fulfilled(0, Value::Array(vec![])));
        assert!(p.settle_order.is_empty() && p.pending.is_empty());
    }

    #[test]
    fn all_settled_of_nothing_fulfils_at_once_with_an_empty_array() {
        let p = run(Combinator::AllSettled, vec![]);
        assert_eq!(p.result, fulfilled(0, Value::Array(vec![])));
    }

    #[test]
    fn race_of_nothing_stays_pending_for_ever() {
        assert_eq!(run(Combinator::Race, vec![]).result, None);
    }

    #[test]
    fn any_of_nothing_rejects_at_once_with_an_empty_aggregate_error() {
        let p = run(Combinator::Any, vec![]);
        assert_eq!(p.result, rejected(0, Value::aggregate(vec![])));
    }

    #[test]
    fn loops_over_nothing_fulfil_at_once_with_an_empty_array() {
        for c in [Combinator::Sequential, Combinator::ParallelAwait] {
            assert_eq!(
                run(c, vec![]).result,
                fulfilled(0, Value::Array(vec![])),
                "{c:?}"
            );
        }
    }

    // Input order of results.

    #[test]
    fn all_lists_values_in_input_order_and_fulfils_at_the_last_settle() {
        let p = run(
            Combinator::All,
            vec![ok("a", 300), ok("b", 100), ok("c", 200)],
        );
        assert_eq!(p.settle_order, vec![1, 2, 0]);
        assert_eq!(p.settled_at, vec![Some(300), Some(100), Some(200)]);
        assert_eq!(p.result, fulfilled(300, strs(&["a", "b", "c"])));
    }

    #[test]
    fn all_settled_lists_records_in_input_order_and_never_rejects() {
        let p = run(Combinator::AllSettled, vec![err("a", 50), ok("b", 10)]);
        let records = Value::Array(vec![
            Value::rejected_record(Value::error("a")),
            Value::fulfilled_record(Value::str("b")),
        ]);
        assert_eq!(p.result, fulfilled(50, records));
    }

    #[test]
    fn any_lists_aggregate_errors_in_input_order_at_the_last_rejection() {
        let p = run(
            Combinator::Any,
            vec![err("a", 30), err("b", 10), err("c", 20)],
        );
        let reasons = vec![Value::error("a"), Value::error("b"), Value::error("c")];
        assert_eq!(p.result, rejected(30, Value::aggregate(reasons)));
    }

    // Who decides.

    #[test]
    fn all_rejects_with_the_first_rejection_in_time_not_in_the_array() {
        let p = run(
            Combinator::All,
            vec![err("late", 200), ok("ok", 10), err("early", 50)],
        );
        assert_eq!(p.result, rejected(50, Value::error("early")));
        // The other tasks keep running to the end.
        assert_eq!(p.settled_at, vec![Some(200), Some(10), Some(50)]);
    }

    #[test]
    fn all_rejects_even_while_another_input_never_settles() {
        let p = run(Combinator::All, vec![Task::never("n"), err("e", 5)]);
        assert_eq!(p.result, rejected(5, Value::error("e")));
        assert_eq!(p.pending, vec![0]);
    }

    #[test]
    fn all_stays_pending_when_an_input_never_settles_and_none_rejects() {
        let p = run(Combinator::All, vec![ok("a", 5), Task::never("n")]);
        assert_eq!(p.result, None);
        assert_eq!(p.pending, vec![1]);
        assert_eq!(p.started_at, vec![Some(0), Some(0)]);
    }

    #[test]
    fn all_settled_stays_pending_when_an_input_never_settles() {
        let p = run(Combinator::AllSettled, vec![err("a", 5), Task::never("n")]);
        assert_eq!(p.result, None);
    }

    #[test]
    fn race_among_already_settled_inputs_is_won_by_the_first_in_the_array() {
        let p = run(
            Combinator::Race,
            vec![ok("timer", 0), settled_err("first"), plain("second", 42.0)],
        );
        assert_eq!(p.result, rejected(0, Value::error("first")));
        assert_eq!(p.settle_order, vec![1, 2, 0]);
    }

    #[test]
    fn race_follows_the_first_input_to_settle_either_way() {
        let p = run(Combinator::Race, vec![ok("slow", 100), err("fast", 20)]);
        assert_eq!(p.result, rejected(20, Value::error("fast")));
    }

    #[test]
    fn race_of_only_never_settling_inputs_stays_pending() {
        let p = run(Combinator::Race, vec![Task::never("a"), Task::never("b")]);
        assert_eq!(p.result, None);
        assert_eq!(p.pending, vec![0, 1]);
    }

    #[test]
    fn any_fulfils_with_the_first_fulfilment_after_earlier_rejections() {
        let p = run(
            Combinator::Any,
            vec![ok("slow", 90), err("e", 10), ok("fast", 40)],
        );
        assert_eq!(p.result, fulfilled(40, Value::str("fast")));
    }

    #[test]
    fn any_stays_pending_without_a_fulfilment_while_an_input_never_settles() {
        let p = run(Combinator::Any, vec![err("e", 10), Task::never("n")]);
        assert_eq!(p.result, None);
    }

    // Which tasks settle without their outcome being used.

    #[test]
    fn a_race_among_already_settled_inputs_ignores_every_loser() {
        // The "already-settled" preset: `cached` and `answer` settled during
        // the start, before the race's own reaction ran, and the 0 ms timer
        // after it; the race used none of them.
        let p = run(
            Combinator::Race,
            vec![
                ok("timer", 0),
                settled_err("failed"),
                settled_ok("cached"),
                plain("answer", 42.0),
            ],
        );
        assert_eq!(p.result, rejected(0, Value::error("failed")));
        assert_eq!(p.settle_order, vec![1, 2, 3, 0]);
        assert_eq!(p.ignored, vec![2, 3, 0], "cached, answer, timer");
    }

    #[test]
    fn all_that_rejects_ignores_a_task_that_fulfilled_before_the_rejection() {
        let p = run(Combinator::All, vec![ok("user", 10), err("posts", 20)]);
        assert_eq!(p.result, rejected(20, Value::error("posts")));
        assert_eq!(p.ignored, vec![0]);
    }

    #[test]
    fn all_that_fulfils_and_all_settled_ignore_nothing() {
        let tasks = vec![ok("a", 30), settled_err("b"), plain("c", 1.0)];
        let p = run(Combinator::AllSettled, tasks.clone());
        assert!(p.result.is_some() && p.ignored.is_empty(), "{p:?}");
        let p = run(Combinator::All, vec![ok("a", 30), plain("c", 1.0)]);
        assert!(p.result.is_some() && p.ignored.is_empty(), "{p:?}");
    }

    #[test]
    fn any_that_fulfils_ignores_every_other_settle_and_any_that_rejects_none() {
        let p = run(
            Combinator::Any,
            vec![
                err("e", 10),
                ok("fast", 20),
                ok("slow", 30),
                err("late", 40),
            ],
        );
        assert_eq!(p.result, fulfilled(20, Value::str("fast")));
        assert_eq!(p.ignored, vec![0, 2, 3], "the rejection before it too");
        let p = run(Combinator::Any, vec![err("a", 20), err("b", 10)]);
        assert!(p.result.as_ref().is_some_and(|o| o.settle.is_reject()));
        assert!(
            p.ignored.is_empty(),
            "every reason is in the AggregateError"
        );
    }

    #[test]
    fn loops_that_fulfil_ignore_nothing() {
        for c in [Combinator::Sequential, Combinator::ParallelAwait] {
            let p = run(c, vec![ok("a", 30), ok("b", 10), settled_ok("c")]);
            assert!(p.result.is_some() && p.ignored.is_empty(), "{c}: {p:?}");
        }
    }

    #[test]
    fn parallel_await_that_throws_ignores_what_comes_after_in_the_array_even_if_it_settled_first() {
        // The loop uses `a`, then throws at `b`; `c` settled first of all and
        // `d` last, and the loop never got to either.
        let p = run(
            Combinator::ParallelAwait,
            vec![ok("a", 50), err("b", 10), ok("c", 5), err("d", 100)],
        );
        assert_eq!(p.settle_order, vec![2, 1, 0, 3]);
        assert_eq!(p.result, rejected(50, Value::error("b")));
        assert_eq!(p.ignored, vec![2, 3]);
    }

    #[test]
    fn parallel_await_ignores_nothing_it_awaited_before_throwing() {
        // The loop awaits `a` (its timer fires at 0 ms), then throws at `b`,
        // which was rejected from the start: both were used.
        let p = run(
            Combinator::ParallelAwait,
            vec![ok("a", 0), settled_err("b")],
        );
        assert_eq!(p.result, rejected(0, Value::error("b")));
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
    }

    #[test]
    fn a_race_of_equal_timers_ignores_all_but_the_first() {
        let p = run(
            Combinator::Race,
            vec![ok("first", 300), ok("second", 300), ok("third", 300)],
        );
        assert_eq!(p.result, fulfilled(300, Value::str("first")));
        assert_eq!(p.ignored, vec![1, 2]);
    }

    #[test]
    fn all_ignores_everything_that_settles_after_its_first_rejection() {
        let p = run(
            Combinator::All,
            vec![ok("user", 300), err("posts", 150), ok("prefs", 500)],
        );
        assert_eq!(p.result, rejected(150, Value::error("posts")));
        assert_eq!(p.ignored, vec![0, 2], "in the order they settle");
    }

    #[test]
    fn nothing_is_ignored_when_the_result_waits_for_everyone_or_never_comes() {
        let p = run(Combinator::All, vec![ok("a", 30), plain("b", 1.0)]);
        assert!(p.ignored.is_empty());
        let p = run(Combinator::All, vec![ok("a", 30), Task::never("n")]);
        assert_eq!(p.result, None);
        assert!(p.ignored.is_empty());
        let p = run(
            Combinator::Sequential,
            vec![ok("a", 10), err("b", 5), ok("c", 1)],
        );
        assert!(
            p.ignored.is_empty(),
            "a loop never starts what follows a throw"
        );
    }

    #[test]
    fn a_loop_that_throws_early_ignores_later_settles() {
        let p = run(
            Combinator::ParallelAwait,
            vec![err("a", 100), ok("b", 100), err("c", 200)],
        );
        assert_eq!(p.result, rejected(100, Value::error("a")));
        assert_eq!(p.ignored, vec![1, 2], "the loop threw at `a`, the first");
    }

    // Timing of the tasks themselves.

    #[test]
    fn equal_delays_settle_in_start_order() {
        let p = run(
            Combinator::Race,
            vec![err("a", 100), ok("b", 100), ok("c", 100)],
        );
        assert_eq!(p.settle_order, vec![0, 1, 2]);
        assert_eq!(p.result, rejected(100, Value::error("a")));
        let p = run(
            Combinator::Any,
            vec![err("a", 100), ok("b", 100), ok("c", 100)],
        );
        assert_eq!(p.result, fulfilled(100, Value::str("b")));
    }

    #[test]
    fn settled_and_plain_inputs_settle_during_the_start_before_a_zero_delay_timer() {
        let p = run(
            Combinator::All,
            vec![ok("t", 0), plain("p", 1.0), settled_ok("s")],
        );
        assert_eq!(p.settle_order, vec![1, 2, 0]);
        assert_eq!(p.settled_at, vec![Some(0); 3]);
    }

    #[test]
    fn plain_values_count_as_already_fulfilled() {
        let p = run(Combinator::All, vec![plain("x", 42.0), ok("y", 10)]);
        assert_eq!(
            p.result,
            fulfilled(10, Value::Array(vec![Value::Number(42.0), Value::str("y")]))
        );
        let p = run(Combinator::Any, vec![err("e", 0), plain("x", 7.0)]);
        assert_eq!(p.result, fulfilled(0, Value::Number(7.0)));
    }

    #[test]
    fn promise_combinators_leave_no_rejection_unhandled() {
        let tasks = vec![err("a", 10), err("b", 20), settled_err("c"), ok("d", 5)];
        for c in [
            Combinator::All,
            Combinator::AllSettled,
            Combinator::Race,
            Combinator::Any,
        ] {
            let p = run(c, tasks.clone());
            assert!(p.unhandled.is_empty() && p.handled_late.is_empty(), "{c:?}");
            assert!(p.not_started.is_empty(), "{c:?}");
        }
    }

    // await in a loop.

    #[test]
    fn sequential_starts_each_task_when_the_previous_one_fulfils() {
        let p = run(
            Combinator::Sequential,
            vec![ok("a", 100), plain("b", 2.0), ok("c", 50), settled_ok("d")],
        );
        assert_eq!(p.started_at, vec![Some(0), Some(100), Some(100), Some(150)]);
        assert_eq!(
            p.settled_at,
            vec![Some(100), Some(100), Some(150), Some(150)]
        );
        assert_eq!(p.settle_order, vec![0, 1, 2, 3]);
        let values = vec![
            Value::str("a"),
            Value::Number(2.0),
            Value::str("c"),
            Value::str("d"),
        ];
        assert_eq!(p.result, fulfilled(150, Value::Array(values)));
    }

    #[test]
    fn sequential_stops_at_the_first_rejection() {
        let p = run(
            Combinator::Sequential,
            vec![ok("a", 10), err("b", 20), ok("c", 5)],
        );
        assert_eq!(p.result, rejected(30, Value::error("b")));
        assert_eq!(p.started_at, vec![Some(0), Some(10), None]);
        assert_eq!(p.settled_at, vec![Some(10), Some(30), None]);
        assert_eq!(p.not_started, vec![2]);
        assert!(p.pending.is_empty() && p.unhandled.is_empty());
    }

    #[test]
    fn sequential_waits_for_ever_on_a_never_settling_task() {
        let p = run(
            Combinator::Sequential,
            vec![ok("a", 10), Task::never("n"), ok("c", 5)],
        );
        assert_eq!(p.result, None);
        assert_eq!(p.pending, vec![1]);
        assert_eq!(p.not_started, vec![2]);
        assert_eq!(p.started_at, vec![Some(0), Some(10), None]);
    }

    // Start all, then await each.

    #[test]
    fn parallel_await_reports_an_early_rejection_then_handles_it_late() {
        let p = run(Combinator::ParallelAwait, vec![ok("a", 300), err("b", 100)]);
        assert_eq!(p.unhandled, vec![1]);
        assert_eq!(p.handled_late, vec![1]);
        assert_eq!(p.result, rejected(300, Value::error("b")));
    }

    #[test]
    fn parallel_await_leaves_a_rejection_after_the_throw_unhandled_for_good() {
        let p = run(
            Combinator::ParallelAwait,
            vec![err("a", 100), err("b", 200)],
        );
        assert_eq!(p.result, rejected(100, Value::error("a")));
        assert_eq!(p.unhandled, vec![1]);
        assert!(p.handled_late.is_empty());
        assert_eq!(p.settled_at, vec![Some(100), Some(200)]);
    }

    #[test]
    fn parallel_await_reaching_an_immediate_rejection_in_the_start_checkpoint_handles_it() {
        let p = run(
            Combinator::ParallelAwait,
            vec![
                plain("p", 1.0),
                settled_ok("s"),
                settled_err("e"),
                err("later", 10),
            ],
        );
        assert_eq!(p.result, rejected(0, Value::error("e")));
        // `e` is awaited in time; `later` is never awaited.
        assert_eq!(p.unhandled, vec![3]);
        assert!(p.handled_late.is_empty());
    }

    #[test]
    fn parallel_await_immediate_rejection_behind_a_timer_is_unhandled_then_handled_late() {
        let p = run(
            Combinator::ParallelAwait,
            vec![ok("t", 0), settled_err("e")],
        );
        assert_eq!(p.unhandled, vec![1]);
        assert_eq!(p.handled_late, vec![1]);
        assert_eq!(p.result, rejected(0, Value::error("e")));
    }

    #[test]
    fn parallel_await_rejection_with_an_equal_delay_to_its_predecessor_is_handled() {
        let p = run(Combinator::ParallelAwait, vec![ok("a", 100), err("b", 100)]);
        assert!(p.unhandled.is_empty());
        assert_eq!(p.result, rejected(100, Value::error("b")));
    }

    #[test]
    fn parallel_await_rejection_while_the_loop_waits_on_it_is_handled() {
        let p = run(Combinator::ParallelAwait, vec![ok("a", 100), err("b", 200)]);
        assert!(p.unhandled.is_empty());
        assert_eq!(p.result, rejected(200, Value::error("b")));
    }

    #[test]
    fn parallel_await_fulfils_in_input_order_when_the_loop_passes_the_last() {
        let p = run(
            Combinator::ParallelAwait,
            vec![ok("a", 300), ok("b", 100), plain("c", 3.0)],
        );
        let values = vec![Value::str("a"), Value::str("b"), Value::Number(3.0)];
        assert_eq!(p.result, fulfilled(300, Value::Array(values)));
        assert_eq!(p.started_at, vec![Some(0); 3]);
    }

    #[test]
    fn parallel_await_stuck_on_a_never_settling_task_leaves_later_rejections_unhandled() {
        let p = run(
            Combinator::ParallelAwait,
            vec![Task::never("n"), err("e", 10)],
        );
        assert_eq!(p.result, None);
        assert_eq!(p.unhandled, vec![1]);
        assert!(p.handled_late.is_empty());
        assert_eq!(p.pending, vec![0]);
    }

    // Properties over random scenarios.

    fn value_strategy() -> impl Strategy<Value = Value> {
        prop_oneof![
            (0..100i32).prop_map(|n| Value::Number(n.into())),
            "[a-z]{0,4}".prop_map(Value::Str),
            Just(Value::Null),
        ]
    }

    fn task_strategy() -> impl Strategy<Value = Task> {
        let settle = prop_oneof![
            value_strategy().prop_map(Settle::Fulfil),
            "[a-z]{1,4}".prop_map(|m| Settle::Reject(Value::error(m))),
        ];
        let behaviour = prop_oneof![
            3 => (0..50u32, settle.clone())
                .prop_map(|(delay_ms, settle)| Behaviour::Timer { delay_ms, settle }),
            1 => settle.prop_map(Behaviour::Settled),
            1 => value_strategy().prop_map(Behaviour::Plain),
            1 => Just(Behaviour::Never),
        ];
        behaviour.prop_map(|behaviour| Task {
            label: "t".into(),
            behaviour,
        })
    }

    fn scenario_strategy() -> impl Strategy<Value = Scenario> {
        (
            proptest::sample::select(Combinator::ALL.to_vec()),
            proptest::collection::vec(task_strategy(), 0..8),
        )
            .prop_map(|(combinator, tasks)| Scenario::new(combinator, tasks))
    }

    proptest! {
        #[test]
        fn settle_order_is_the_settled_tasks_in_time_order(s in scenario_strategy()) {
            let p = predict(&s);
            let mut sorted = p.settle_order.clone();
            sorted.sort_unstable();
            let settled: Vec<usize> =
                (0..s.tasks.len()).filter(|&i| p.settled_at[i].is_some()).collect();
            prop_assert_eq!(sorted, settled);
            let times: Vec<u64> = p.settle_order.iter().map(|&i| p.settled_at[i].unwrap()).collect();
            prop_assert!(times.windows(2).all(|w| w[0] <= w[1]), "{:?}", times);
        }

        #[test]
        fn every_task_is_settled_pending_or_not_started(s in scenario_strategy()) {
            let p = predict(&s);
            let n = s.tasks.len();
            prop_assert_eq!(p.started_at.len(), n);
            prop_assert_eq!(p.settled_at.len(), n);
            for i in 0..n {
                let kinds = [
                    p.settled_at[i].is_some(),
                    p.pending.contains(&i),
                    p.not_started.contains(&i),
                ];
                prop_assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "task {}", i);
                prop_assert_eq!(p.started_at[i].is_none(), p.not_started.contains(&i));
                if let (Some(start), Some(end)) = (p.started_at[i], p.settled_at[i]) {
                    prop_assert!(start <= end);
                }
            }
        }

        #[test]
        fn all_settled_never_rejects(s in scenario_strategy()) {
            let s = Scenario::new(Combinator::AllSettled, s.tasks);
            let p = predict(&s);
            prop_assert!(!p.result.is_some_and(|o| o.settle.is_reject()));
        }

        #[test]
        fn the_result_comes_no_earlier_than_the_settles_it_waits_for(s in scenario_strategy()) {
            let p = predict(&s);
            let Some(outcome) = &p.result else { return Ok(()) };
            let latest = p.settled_at.iter().flatten().max().copied().unwrap_or(0);
            // Results that need every input (or every loop step) come at the last settle.
            let needs_all = matches!(
                (s.combinator, &outcome.settle),
                (Combinator::All, Settle::Fulfil(_))
                    | (Combinator::AllSettled, _)
                    | (Combinator::Any, Settle::Reject(_))
                    | (Combinator::Sequential, Settle::Fulfil(_))
                    | (Combinator::ParallelAwait, Settle::Fulfil(_))
            );
            if needs_all {
                prop_assert_eq!(outcome.at_ms, latest);
                prop_assert!(p.pending.is_empty() && p.not_started.is_empty());
            } else {
                // Otherwise one settle decided it, at or before the result.
                let deciding = p.settle_order.iter().any(|&i| {
                    p.settled_at[i].unwrap() <= outcome.at_ms
                        && s.tasks[i].behaviour.settle().as_ref() == Some(&outcome.settle)
                });
                prop_assert!(deciding, "{:?}", outcome);
            }
        }

        #[test]
        fn ignored_tasks_are_the_settled_ones_the_result_did_not_use(s in scenario_strategy()) {
            let p = predict(&s);
            let Some(outcome) = &p.result else {
                prop_assert!(p.ignored.is_empty(), "{:?}", p.ignored);
                return Ok(());
            };
            // A sub-sequence of the settle order: each task once, in order.
            let mut rest = p.settle_order.iter();
            for &i in &p.ignored {
                prop_assert!(rest.any(|&j| j == i), "{:?} in {:?}", p.ignored, p.settle_order);
            }
            // Nothing waits for a task that settles after the result.
            for &i in &p.settle_order {
                if p.settled_at[i].unwrap() > outcome.at_ms {
                    prop_assert!(p.ignored.contains(&i), "task {}", i);
                }
            }
            let used: Vec<usize> =
                p.settle_order.iter().copied().filter(|i| !p.ignored.contains(i)).collect();
            let from_one = matches!(
                (s.combinator, outcome.settle.is_reject()),
                (Combinator::All, true) | (Combinator::Race, _) | (Combinator::Any, false)
            );
            if from_one {
                // Exactly one outcome was used, and it is the result.
                prop_assert_eq!(used.len(), 1, "{:?}", used);
                prop_assert_eq!(s.tasks[used[0]].behaviour.settle(), Some(outcome.settle.clone()));
            }
            let loop_threw = matches!(s.combinator, Combinator::Sequential | Combinator::ParallelAwait)
                && outcome.settle.is_reject();
            if loop_threw {
                // The loop used a prefix of the array and threw at its last task.
                let thrown_at = used.iter().copied().max().unwrap();
                prop_assert!((0..=thrown_at).all(|i| used.contains(&i)), "{:?}", used);
                prop_assert_eq!(s.tasks[thrown_at].behaviour.settle(), Some(outcome.settle.clone()));
            }
        }

        #[test]
        fn a_result_that_needs_every_input_ignores_none(s in scenario_strategy()) {
            let p = predict(&s);
            let needs_all = matches!(
                (s.combinator, p.result.as_ref().map(|o| &o.settle)),
                (Combinator::All, Some(Settle::Fulfil(_)))
                    | (Combinator::AllSettled, Some(_))
                    | (Combinator::Any, Some(Settle::Reject(_)))
                    | (Combinator::Sequential | Combinator::ParallelAwait, Some(Settle::Fulfil(_)))
                    | (Combinator::Sequential, None)
            );
            if needs_all {
                prop_assert!(p.ignored.is_empty(), "{:?}", p.ignored);
            }
        }

        #[test]
        fn only_parallel_await_can_leave_rejections_unhandled(s in scenario_strategy()) {
            let p = predict(&s);
            if s.combinator != Combinator::ParallelAwait {
                prop_assert!(p.unhandled.is_empty() && p.handled_late.is_empty());
            }
        }

        #[test]
        fn only_rejected_tasks_are_unhandled_and_only_unhandled_ones_handled_late(
            s in scenario_strategy()
        ) {
            let p = predict(&s);
            for &i in &p.unhandled {
                prop_assert!(p.settled_at[i].is_some());
                prop_assert!(s.tasks[i].behaviour.settle().is_some_and(|s| s.is_reject()));
            }
            for &i in &p.handled_late {
                prop_assert!(p.unhandled.contains(&i));
            }
        }

        #[test]
        fn sequential_starts_each_task_when_the_previous_settles(s in scenario_strategy()) {
            let s = Scenario::new(Combinator::Sequential, s.tasks);
            let p = predict(&s);
            if !s.tasks.is_empty() {
                prop_assert_eq!(p.started_at[0], Some(0));
            }
            for i in 1..s.tasks.len() {
                if p.started_at[i].is_some() {
                    prop_assert_eq!(p.started_at[i], p.settled_at[i - 1]);
                }
            }
        }

        #[test]
        fn distinct_timer_delays_settle_in_delay_order(
            delays in proptest::collection::hash_set(0..50u32, 0..8)
        ) {
            let tasks: Vec<Task> =
                delays.iter().map(|&d| Task::fulfil("t", d, Value::Number(d.into()))).collect();
            let p = predict(&Scenario::new(Combinator::All, tasks.clone()));
            let mut by_delay: Vec<usize> = (0..tasks.len()).collect();
            by_delay.sort_by_key(|&i| tasks[i].behaviour.delay_ms());
            prop_assert_eq!(p.settle_order, by_delay);
        }
    }
}
