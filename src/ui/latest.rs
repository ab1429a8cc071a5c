//! The state and runner of the latest render, for listeners that outlive a
//! render (a key press, a message from the page around): they must act on
//! what is on screen now, not on what was there when they were set up.

use super::runner::Runner;
use super::state::Playground;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What the latest render held.
pub struct Latest {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
    /// Its runner.
    pub runner: Runner,
}

/// A cell kept up to date with every render.
#[hook]
pub fn use_latest(state: &UseReducerHandle<Playground>, runner: &Runner) -> Rc<RefCell<Latest>> {
    let latest = use_mut_ref(|| Latest {
        state: state.clone(),
        runner: runner.clone(),
    });
    *latest.borrow_mut() = Latest {
        state: state.clone(),
        runner: runner.clone(),
    };
    latest
}
