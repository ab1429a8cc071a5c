//! Promise Playground: see how JavaScript combines asynchronous work.
//!
//! Data flows one way. A learner edits a [`model::Scenario`]; the
//! [`engine`] turns each task into a real JS Promise, hands the array to the
//! browser's own `Promise.all`/`allSettled`/`race`/`any` (or a real `async`
//! loop) and streams timestamped [`model::Event`]s; the UI folds those events
//! into a [`model::run::RunRecord`] and draws it. The [`model::predict`]
//! module says, in virtual time and from the ECMAScript rules alone, what a
//! run should do, and the browser tests hold the engine to it.
//!
//! `model` is pure Rust and builds everywhere; `engine` and `ui` exist only
//! when compiling for the browser.

pub mod model;

/// Talc instead of the standard allocator: smaller in the wasm, and no
/// slower for the playground's small, short-lived allocations.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
