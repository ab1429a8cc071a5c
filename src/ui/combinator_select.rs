//! The combinator as a compact menu, for the embedded layout's bar.

use super::state::{Action, Playground};
use crate::model::Combinator;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`CombinatorSelect`].
#[derive(Properties, PartialEq)]
pub struct CombinatorSelectProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// A menu of the six ways to combine.
#[function_component]
pub fn CombinatorSelect(props: &CombinatorSelectProps) -> Html {
    let state = &props.state;
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let word = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(combinator) = Combinator::from_keyword(&word) {
                state.dispatch(Action::Choose { combinator });
            }
        })
    };
    let choices: Vec<Html> = Combinator::ALL
        .iter()
        .map(|c| html! { <option value={c.keyword()} selected={*c == state.combinator}>{ c.title() }</option> })
        .collect();
    html! {
        <label class="combinator-select">
            <span class="sr-only">{ "Combine with" }</span>
            <select id="combinator-select" {onchange} title={state.combinator.explain()}>{ choices }</select>
        </label>
    }
}
