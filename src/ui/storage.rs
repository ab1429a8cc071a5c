//! Keeping the playground in the browser, so a reload loses nothing.
//!
//! Three things are stored, each as plain text: the scenario being edited
//! (its text form, which carries its own version marker), the id of the
//! example it is while it is one unedited, and the person's own tasks
//! while an example or a link has put them aside. A stored scenario that
//! cannot be read is not thrown away silently: it is put in the text view,
//! where it can be fixed or replaced, and a notice says what happened.
//!
//! An embedded playground never comes here: each embed shows exactly what
//! its link says, and an edit in one must not show up in another.

use super::state::{Action, Notice, Playground};
use crate::model::presets::Preset;
use crate::model::text;
use web_sys::Storage;

const SCENARIO: &str = "promise-playground.scenario";
const PRESET: &str = "promise-playground.preset";
const OWN: &str = "promise-playground.own";
const SOLVED: &str = "promise-playground.challenges";

fn storage() -> Option<Storage> {
    // Storage can be missing or refused (private modes, blocked cookies, a
    // sandboxed frame, where even asking throws).
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The ids of the challenges solved in this browser, one a line.
pub fn solved() -> Vec<String> {
    get(SOLVED)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Keeps `id` among the challenges solved. Failing to keep it (storage
/// refused, or an embed, which keeps nothing) only loses the tick.
pub fn mark_solved(id: &str) {
    let mut ids = solved();
    if ids.iter().any(|s| s == id) {
        return;
    }
    ids.push(id.to_string());
    if let Some(storage) = storage() {
        let _ = storage.set_item(SOLVED, &ids.join("\n"));
    }
}

/// The playground as it was left, or the default one.
pub fn restore() -> Playground {
    let mut state = Playground::default();
    let Some(saved) = get(SCENARIO) else {
        return state;
    };
    match text::parse(&saved) {
        Ok(scenario) if state.scenario() == Ok(&scenario) => {}
        Ok(scenario) => {
            state.apply(Action::Load {
                scenario,
                notice: None,
            });
            // Still the example it was loaded as: say so again.
            if let Some(preset) = get(PRESET).and_then(|id| Preset::find(&id)) {
                if preset.scenario() == scenario_of(&state) {
                    state.preset = Some(preset);
                }
            }
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
                stored: true,
            });
        }
    }
    state.replaced = get(OWN).and_then(|own| text::parse(&own).ok());
    state
}

fn scenario_of(state: &Playground) -> crate::model::Scenario {
    state.scenario().ok().cloned().unwrap_or_default()
}

/// What is saved of a playground: its scenario's text, the example it is,
/// and the text of the tasks it put aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The scenario's text; `None` while the text view holds a text that
    /// could not be read, which stays stored until it is replaced.
    pub scenario: Option<String>,
    /// The example the tasks are, unedited.
    pub preset: Option<&'static str>,
    /// The person's own tasks, put aside.
    pub own: Option<String>,
}

/// Saves what `saved` holds. Failing to save (storage full or refused) only
/// means a reload starts fresh, so it is not an error to show.
pub fn save(saved: &Saved) {
    let Some(storage) = storage() else {
        return;
    };
    let put = |key: &str, value: Option<&str>| {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    };
    if let Some(scenario) = &saved.scenario {
        put(SCENARIO, Some(scenario));
    }
    put(PRESET, saved.preset);
    put(OWN, saved.own.as_deref());
}

/// How long saving waits for a pause in the changes, in ms: writing the
/// text form of thousands of tasks on every keystroke would slow typing.
const SAVE_PAUSE_MS: u32 = 300;

/// What is saved of `state`: `None` for an embed, which keeps nothing.
pub fn saved(state: &Playground) -> Option<Saved> {
    state.embed.is_none().then(|| Saved {
        // While a stored text that could not be read waits in the text view,
        // it stays stored: nothing is written over it.
        scenario: (!state.text.stored)
            .then(|| state.scenario().ok().map(text::format))
            .flatten(),
        preset: state.preset.map(|p| p.id),
        own: state.replaced.as_ref().map(text::format),
    })
}

/// Saves the playground after each pause in its changes, and at once when
/// the page is left; an embedded playground keeps nothing.
#[yew::hook]
pub fn use_saving(state: &yew::UseReducerHandle<Playground>) {
    use gloo_events::EventListener;
    use gloo_timers::callback::Timeout;
    use std::cell::RefCell;
    use std::rc::Rc;

    // The latest unsaved state, shared by the pause timer and the leaving.
    let pending = yew::use_mut_ref(|| None::<yew::UseReducerHandle<Playground>>);
    let flush = |pending: &Rc<RefCell<Option<yew::UseReducerHandle<Playground>>>>| {
        if let Some(state) = pending.borrow_mut().take() {
            if let Some(saved) = saved(&state) {
                save(&saved);
            }
        }
    };
    {
        let pending = pending.clone();
        yew::use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "pagehide", move |_| flush(&pending)));
            move || drop(listener)
        });
    }
    // What the page opened with is already stored (or was saved by the
    // opening itself): only later changes are written.
    let opened = yew::use_mut_ref(|| true);
    let state = state.clone();
    yew::use_effect_with(state.revision, move |_| {
        let first = std::mem::replace(&mut *opened.borrow_mut(), false);
        *pending.borrow_mut() = (!first).then_some(state);
        let timer = Timeout::new(SAVE_PAUSE_MS, move || flush(&pending));
        move || drop(timer)
    });
}
