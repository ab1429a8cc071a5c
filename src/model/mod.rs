//! The vocabulary of the playground, in pure Rust: values, tasks, scenarios,
//! their text form, the events of a run, the run report, and the spec model
//! that predicts a run. Nothing here knows a browser exists, so all of it is
//! tested on the host.

pub mod challenges;
pub mod change;
pub mod code;
pub mod event;
pub mod guess;
pub mod json;
pub mod link;
pub mod message;
pub mod number;
pub mod predict;
pub mod presets;
pub mod run;
pub mod scenario;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod strategies;
pub mod text;
pub mod value;

pub use event::{Event, EventKind, RunId};
pub use scenario::{
    Behaviour, Combinator, OutcomeKind, Scenario, ScenarioError, Settle, StartKind, Task,
};
pub use value::Value;
