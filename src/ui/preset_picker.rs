//! The examples menu, and what to notice in the one loaded.

use super::state::{Action, Playground};
use crate::model::presets::{Shelf, PRESETS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties shared by the playground's components.
#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

fn options(shelf: Shelf, current: Option<&str>) -> Vec<Html> {
    PRESETS
        .iter()
        .filter(|p| p.shelf == shelf)
        .map(|p| html! { <option value={p.id} selected={current == Some(p.id)}>{ p.title }</option> })
        .collect()
}

/// Loads an example when one is chosen.
#[function_component]
pub fn PresetPicker(props: &PresetPickerProps) -> Html {
    let state = &props.state;
    let current = state.preset.map(|p| p.id);
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(preset) = PRESETS.iter().find(|p| p.id == id) {
                state.dispatch(Action::LoadPreset { id: preset.id });
            }
        })
    };
    html! {
        <div class="presets">
            <label for="preset">{ "Examples" }</label>
            <select id="preset" {onchange}>
                <option value="" selected={current.is_none()}>{ "Your own tasks" }</option>
                <optgroup label="Everyday situations">{ options(Shelf::RealWorld, current) }</optgroup>
                <optgroup label="Edge cases">{ options(Shelf::EdgeCase, current) }</optgroup>
            </select>
            if let Some(preset) = state.preset {
                <p id="preset-notice" class="preset-notice">
                    <strong>{ "Notice: " }</strong>{ preset.notice }
                </p>
            }
        </div>
    }
}
