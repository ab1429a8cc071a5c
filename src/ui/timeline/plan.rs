//! A hook that compiles the editor's rows and predicts them only when the
//! rows or the combinator change.
//!
//! During a run the state changes with every batch of events while the tasks
//! stay the same; with 10 000 tasks, compiling and predicting each time would
//! cost more than the drawing itself.

use super::build::Plan;
use crate::model::Combinator;
use crate::ui::draft::TaskDraft;
use crate::ui::state::Playground;
use std::rc::Rc;
use yew::prelude::*;

/// What the plan was worked out from, and the plan.
type Cached = (Vec<TaskDraft>, Combinator, Rc<Plan>);

/// The [`Plan`] of the tasks being edited, recomputed only when they change.
#[hook]
pub fn use_plan(state: &Playground) -> Rc<Plan> {
    let cache = use_mut_ref(|| None::<Cached>);
    let mut cache = cache.borrow_mut();
    if let Some((tasks, combinator, plan)) = cache.as_ref() {
        if *tasks == state.tasks && *combinator == state.combinator {
            return Rc::clone(plan);
        }
    }
    let plan = Rc::new(Plan::of(state));
    *cache = Some((state.tasks.clone(), state.combinator, Rc::clone(&plan)));
    plan
}
