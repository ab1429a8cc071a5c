//! Keys for the things people do most, shown beside the Run button:
//! Ctrl+Enter (⌘+Enter on Apple's systems) runs, Escape stops, and Ctrl+Z,
//! outside a text field, brings back the last task removed.
//!
//! They keep out of the way of typing: Ctrl+Enter types nothing anywhere,
//! Escape only stops a run that is going and leaves an open window alone,
//! and in a text field Ctrl+Z stays the field's own undo.

use super::controls::show_stage;
use super::latest::use_latest;
use super::runner::Runner;
use super::state::{Action, Playground};
use crate::model::link::View;
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// Whether the key went to a field where typing, not the page, owns it.
fn in_text_field(target: Option<&Element>) -> bool {
    target.is_some_and(|t| {
        matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || t.closest("[contenteditable]").ok().flatten().is_some()
    })
}

/// Whether the key went to an open window (which Escape closes).
fn in_dialog(target: Option<&Element>) -> bool {
    target.is_some_and(|t| t.closest("dialog[open]").ok().flatten().is_some())
}

/// The page's shortcuts.
#[hook]
pub fn use_shortcuts(state: &UseReducerHandle<Playground>, runner: &Runner) {
    let latest = use_latest(state, runner);
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .and_then(|w| w.document())
            .map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                    let latest = latest.borrow();
                    let command = key.ctrl_key() || key.meta_key();
                    match key.key().as_str() {
                        "Enter" if command && !in_dialog(target.as_ref()) => {
                            key.prevent_default();
                            if latest.state.view == View::Compare {
                                latest.state.dispatch(Action::RunCompare);
                                return;
                            }
                            latest.runner.run.emit(());
                            if latest.state.embed.is_none() {
                                show_stage();
                            }
                        }
                        "Escape" if latest.state.is_running() && !in_dialog(target.as_ref()) => {
                            latest.runner.stop.emit(());
                        }
                        "z" | "Z"
                            if command
                                && !key.shift_key()
                                && !in_text_field(target.as_ref())
                                && !latest.state.removed.is_empty() =>
                        {
                            key.prevent_default();
                            latest.state.dispatch(Action::UndoRemove);
                        }
                        _ => {}
                    }
                })
            });
        move || drop(listener)
    });
}
