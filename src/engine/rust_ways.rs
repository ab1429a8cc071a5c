//! The same tasks as Rust futures, combined by the `futures` crate's own
//! combinators: `join_all`, `try_join_all`, `select_ok` and `select_all`.
//! Each task is a future on a real gloo timer, never a promise: what a
//! combinator drops stops its work there and then, where a JS promise
//! would run on.

use crate::model::{Behaviour, Scenario, Settle, Value};
use futures::future::{
    join_all, select, select_all, select_ok, try_join_all, Either, LocalBoxFuture,
};
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;

/// A combinator of the `futures` crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustWay {
    /// `join_all`: waits for every future; a `Vec` of their outputs.
    JoinAll,
    /// `try_join_all`: every `Ok`, or the first `Err`, dropping the rest.
    TryJoinAll,
    /// `select_ok`: the first `Ok`; the last `Err` when all fail.
    SelectOk,
    /// `select_all`: the first future to finish, either way.
    SelectAll,
}

impl RustWay {
    /// All four, in the order of their JavaScript counterparts.
    pub const ALL: [RustWay; 4] = [
        RustWay::JoinAll,
        RustWay::TryJoinAll,
        RustWay::SelectOk,
        RustWay::SelectAll,
    ];

    /// Its name in the `futures` crate.
    pub fn title(self) -> &'static str {
        match self {
            RustWay::JoinAll => "join_all",
            RustWay::TryJoinAll => "try_join_all",
            RustWay::SelectOk => "select_ok",
            RustWay::SelectAll => "select_all",
        }
    }

    /// The JavaScript combinator it is closest to.
    pub fn counterpart(self) -> &'static str {
        match self {
            RustWay::JoinAll => "Promise.allSettled",
            RustWay::TryJoinAll => "Promise.all",
            RustWay::SelectOk => "Promise.any",
            RustWay::SelectAll => "Promise.race",
        }
    }

    /// Where it differs from its counterpart, in one sentence.
    pub fn difference(self) -> &'static str {
        match self {
            RustWay::JoinAll => "Like allSettled it waits for every task and never fails; it gives a Vec of each task's Ok or Err.",
            RustWay::TryJoinAll => "Like all it fails at the first error, but it drops the other futures then, and dropping a future stops its work; all lets the other promises run on.",
            RustWay::SelectOk => "Like any it takes the first success, but when every task fails it gives the last error, not an AggregateError of all of them; the futures left are dropped.",
            RustWay::SelectAll => "Like race it takes the first to finish, either way, and hands back the others; dropping them stops them, where race's losers run on.",
        }
    }
}

/// What one combinator did with the tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct RustRun {
    /// Which combinator.
    pub way: RustWay,
    /// What it gave, as Rust would print it (`Ok(…)`, `Err(…)`, a `Vec`),
    /// and when, in the scenario's ms; `None` when it never finished.
    pub outcome: Option<(String, f64)>,
    /// When each task's future finished, in the scenario's ms: `None` for
    /// one that was dropped first, or never finishes.
    pub finished: Vec<Option<f64>>,
    /// Tasks whose futures were dropped before they finished: their timers
    /// were cleared.
    pub dropped: Vec<usize>,
}

/// `Ok(v)` or `Err(e)` for one task, as Rust prints it, values as a
/// console would.
fn result_words(result: &Result<Value, Value>) -> String {
    match result {
        Ok(v) => format!("Ok({})", v.inspect()),
        Err(e) => format!("Err({})", e.inspect()),
    }
}

/// Runs `scenario`'s tasks as futures combined by `way`, at `speed`.
pub async fn run(scenario: &Scenario, way: RustWay, speed: f64) -> RustRun {
    let clock = super::clock();
    let start = clock.as_ref().map_or(0.0, |p| p.now());
    let now = {
        let clock = clock.clone();
        move || clock.as_ref().map_or(0.0, |p| p.now()) - start
    };
    let real = scenario.real_delays(speed);
    let finished: Rc<RefCell<Vec<Option<f64>>>> =
        Rc::new(RefCell::new(vec![None; scenario.tasks.len()]));
    // Past the last timer nothing more can happen: a combinator still
    // waiting then waits for ever.
    let last = scenario
        .tasks
        .iter()
        .filter_map(|t| t.behaviour.delay_ms())
        .map(|d| real.get(&d).copied().unwrap_or(d))
        .max()
        .unwrap_or(0);
    let tasks: Vec<LocalBoxFuture<'static, Result<Value, Value>>> = scenario
        .tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            let (finished, now) = (Rc::clone(&finished), now.clone());
            let behaviour = task.behaviour.clone();
            let delay = behaviour
                .delay_ms()
                .map(|d| real.get(&d).copied().unwrap_or(d));
            async move {
                let settle = match behaviour {
                    Behaviour::Timer { settle, .. } => {
                        TimeoutFuture::new(delay.unwrap_or(0)).await;
                        settle
                    }
                    Behaviour::Settled(settle) => settle,
                    Behaviour::Plain(value) => Settle::Fulfil(value),
                    Behaviour::Never => std::future::pending().await,
                };
                finished.borrow_mut()[i] = Some(now());
                match settle {
                    Settle::Fulfil(v) => Ok(v),
                    Settle::Reject(e) => Err(e),
                }
            }
            .boxed_local()
        })
        .collect();
    let combined: LocalBoxFuture<'static, String> = match way {
        RustWay::JoinAll => async move {
            let all = join_all(tasks).await;
            let words: Vec<String> = all.iter().map(result_words).collect();
            format!("[{}]", words.join(", "))
        }
        .boxed_local(),
        RustWay::TryJoinAll => async move {
            match try_join_all(tasks).await {
                Ok(values) => result_words(&Ok(Value::Array(values))),
                Err(e) => result_words(&Err(e)),
            }
        }
        .boxed_local(),
        // Both select functions panic on an empty list.
        RustWay::SelectOk | RustWay::SelectAll if tasks.is_empty() => {
            async { "panics: it needs at least one future".to_string() }.boxed_local()
        }
        RustWay::SelectOk => async move {
            match select_ok(tasks).await {
                Ok((v, _rest)) => result_words(&Ok(v)),
                Err(e) => result_words(&Err(e)),
            }
        }
        .boxed_local(),
        RustWay::SelectAll => async move {
            let (first, index, _rest) = select_all(tasks).await;
            format!("({}, task {})", result_words(&first), index + 1)
        }
        .boxed_local(),
    };
    let deadline = TimeoutFuture::new(last.saturating_add(50));
    // Whatever the combinator still holds is dropped when this returns.
    let outcome = match select(combined, deadline).await {
        Either::Left((words, _)) => Some((words, now() * speed)),
        Either::Right(_) => None,
    };
    let finished: Vec<Option<f64>> = finished
        .borrow()
        .iter()
        .map(|t| t.map(|t| t * speed))
        .collect();
    let dropped = scenario
        .tasks
        .iter()
        .enumerate()
        .filter(|(i, t)| finished[*i].is_none() && t.behaviour.settle().is_some())
        .map(|(i, _)| i)
        .collect();
    RustRun {
        way,
        outcome,
        finished,
        dropped,
    }
}
