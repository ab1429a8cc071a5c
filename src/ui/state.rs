//! The playground's state and the one reducer that changes it.
//!
//! Side effects (starting the engine, saving) never happen here: the reducer
//! only folds [`Action`]s into a new state, so it is tested without a browser
//! engine run.

use crate::model::run::RunRecord;
use crate::model::{Combinator, Event, RunId, Scenario, Task, Value};
use std::rc::Rc;
use yew::Reducible;

/// Everything the playground shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Playground {
    /// The task set being edited.
    pub scenario: Scenario,
    /// The id the next run will get.
    pub next_run: RunId,
    /// The latest run, as far as it has got.
    pub run: Option<RunRecord>,
}

impl Default for Playground {
    fn default() -> Self {
        Playground {
            scenario: demo_scenario(),
            next_run: 1,
            run: None,
        }
    }
}

/// The fixed task set of the first page: one rejection among three.
pub fn demo_scenario() -> Scenario {
    Scenario::new(
        Combinator::All,
        vec![
            Task::fulfil("user", 300, Value::str("Ada")),
            Task::reject("posts", 500, "timeout"),
            Task::fulfil(
                "prefs",
                200,
                Value::Object(vec![("theme".into(), Value::str("dark"))]),
            ),
        ],
    )
}

/// What can happen to the playground.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A run with id `run` of the current tasks under `combinator` began.
    RunStarted {
        /// The new run's id (from [`Playground::next_run`]).
        run: RunId,
        /// How the tasks are combined.
        combinator: Combinator,
        /// The timer speed factor.
        speed: f64,
    },
    /// The engine reported something.
    Engine {
        /// What it reported.
        event: Event,
    },
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::RunStarted {
                run,
                combinator,
                speed,
            } => {
                next.scenario.combinator = combinator;
                next.next_run = run + 1;
                next.run = Some(RunRecord::new(run, next.scenario.clone(), speed));
            }
            Action::Engine { event } => {
                let Some(record) = next.run.as_mut() else {
                    return self;
                };
                // A superseded run's stragglers change nothing.
                if !record.apply(event) {
                    return self;
                }
            }
        }
        Rc::new(next)
    }
}
