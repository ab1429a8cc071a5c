//! A hook that predicts the tasks being edited only when they change.
//!
//! During a run the state changes with every batch of events while the tasks
//! stay the same; with 10 000 tasks, predicting each time would cost more
//! than the drawing itself. The compiled tasks are shared and replaced only
//! when the tasks change, so their identity says when.

use super::build::Plan;
use crate::ui::shared::Shared;
use crate::ui::state::Playground;
use std::rc::Rc;
use yew::prelude::*;

/// The [`Plan`] of the tasks being edited, recomputed only when they change.
#[hook]
pub fn use_plan(state: &Playground) -> Rc<Plan> {
    use_memo(Shared(state.compiled()), |compiled| Plan::of(compiled))
}
