//! The examples menu, and what to notice in the one loaded.
//!
//! Choosing in the menu only selects; the Load button replaces the tasks.
//! (Arrow keys on a focused select fire `change` in some browsers, and a
//! person's own tasks must not vanish while they browse the list.)

use super::state::{Action, Playground};
use crate::model::presets::{Preset, Shelf, PRESETS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`PresetPicker`].
#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    /// The example loaded, if the tasks are still as it left them.
    pub preset: Option<&'static Preset>,
    /// Where the Load button sends its action.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

fn options(shelf: Shelf, chosen: &str) -> Vec<Html> {
    PRESETS
        .iter()
        .filter(|p| p.shelf == shelf)
        .map(|p| html! { <option value={p.id} selected={chosen == p.id}>{ p.title }</option> })
        .collect()
}

/// A sentence with the names from the code, in backticks, shown as code.
fn with_code(sentence: &'static str) -> Html {
    sentence
        .split('`')
        .enumerate()
        .map(|(i, piece)| {
            if i % 2 == 1 {
                html! { <code>{ piece }</code> }
            } else {
                html! { { piece } }
            }
        })
        .collect()
}

/// The menu, the Load button, and the loaded example's notice.
#[function_component]
pub fn PresetPicker(props: &PresetPickerProps) -> Html {
    let loaded = props.preset.map_or("", |p| p.id);
    let chosen = use_state(|| loaded.to_string());
    {
        // Loading, or editing the tasks, shows in the menu.
        let chosen = chosen.clone();
        use_effect_with(loaded, move |loaded| chosen.set(loaded.to_string()));
    }
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let load = {
        let dispatcher = props.dispatcher.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(preset) = Preset::find(&chosen) {
                dispatcher.dispatch(Action::LoadPreset { id: preset.id });
            }
        })
    };
    let can_load = Preset::find(&chosen).is_some() && *chosen != loaded;
    html! {
        <div class="presets">
            <label for="preset">{ "Examples" }</label>
            <div class="preset-row">
                <select id="preset" {onchange}>
                    <option value="" selected={chosen.is_empty()}>{ "Your own tasks" }</option>
                    <optgroup label="Everyday situations">{ options(Shelf::RealWorld, &chosen) }</optgroup>
                    <optgroup label="Edge cases">{ options(Shelf::EdgeCase, &chosen) }</optgroup>
                </select>
                <button type="button" id="load-preset" class="secondary" onclick={load}
                    aria-disabled={(!can_load).to_string()}>{ "Load" }</button>
            </div>
            if let Some(preset) = props.preset {
                <p id="preset-notice" class="preset-notice">
                    <strong>{ "Notice: " }</strong>{ with_code(preset.notice) }
                </p>
            }
        </div>
    }
}
