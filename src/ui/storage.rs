//! Keeping the last scenario in the browser, so a reload loses nothing.
//!
//! What is stored is the scenario's text form, which carries its own version
//! marker. A stored value that cannot be read is not thrown away silently:
//! it is put in the text view, where it can be fixed or replaced, and a
//! notice says what happened.

use super::state::{Action, Notice, Playground};
use crate::model::text;
use web_sys::Storage;

const KEY: &str = "promise-playground.scenario";

fn storage() -> Option<Storage> {
    // Storage can be missing or refused (private modes, blocked cookies).
    web_sys::window()?.local_storage().ok().flatten()
}

/// The playground as it was left, or the default one.
pub fn restore() -> Playground {
    let mut state = Playground::default();
    let Some(saved) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return state;
    };
    match text::parse(&saved) {
        Ok(scenario) if state.scenario() == Ok(&scenario) => {}
        Ok(scenario) => {
            state.apply(Action::Load {
                scenario,
                notice: None,
            });
        }
        Err(error) => {
            let notice = Notice {
                problem: true,
                text: format!(
                    "The scenario saved in this browser could not be read ({error}). \
                     It is in the text view below, to fix or replace; the example is loaded meanwhile."
                ),
            };
            state.apply(Action::Rescue {
                text: saved,
                notice,
            });
        }
    }
    state
}

/// Saves the scenario's text form. Failing to save (storage full or
/// refused) only means a reload starts fresh, so it is not an error to show.
pub fn save(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, text);
    }
}
