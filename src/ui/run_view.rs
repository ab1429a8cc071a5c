//! What the parts that show a run take from the playground: the run itself,
//! shared, and what changed in the tasks since, worked out once per pair of
//! tasks and run rather than once per part and render.

use super::shared::Shared;
use super::state::Playground;
use crate::model::change;
use crate::model::run::RunRecord;
use yew::prelude::*;

/// The latest run (or the step a replay shows) and what changed since it.
#[derive(Clone, PartialEq)]
pub struct RunView {
    /// The latest run.
    pub run: Option<Shared<RunRecord>>,
    /// Whether it was stopped by hand.
    pub stopped: bool,
    /// How the tasks differ from the run's, when they do.
    pub changed: Option<String>,
}

/// The [`RunView`] of `state`.
#[hook]
pub fn use_run_view(state: &Playground) -> RunView {
    let run = state.shown_run().map(Shared);
    let compiled = Shared(state.compiled());
    let changed = use_memo((compiled, run.clone()), |(compiled, run)| {
        let now: &crate::ui::state::Compiled = compiled;
        change::describe(&run.as_ref()?.scenario, now.as_ref().ok()?)
    });
    RunView {
        run,
        stopped: state.stopped.is_some(),
        changed: (*changed).clone(),
    }
}
