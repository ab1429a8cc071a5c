//! Choosing how tasks are combined, with a line on each choice and a short
//! guide to picking one.

use super::chunk::use_preload;
use super::code_view::CodeView;
use super::shared::Shared;
use super::state::{Action, Compiled, Playground};
use super::timeline::compare::COMPARE;
use crate::model::link::View;
use crate::model::Combinator;
use crate::platform;
use yew::prelude::*;

/// Properties of [`CombinatorPicker`].
#[derive(Properties, PartialEq)]
pub struct CombinatorPickerProps {
    /// The way chosen.
    pub combinator: Combinator,
    /// Whether the run aborts the tasks still at work when it settles.
    pub abort_rest: bool,
    /// What the stage shows (the code fold and Compare are chosen here).
    pub view: View,
    /// The tasks as the code view writes them out.
    pub compiled: Shared<Compiled>,
    /// Where the choices send their actions.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// What you need, and what gives it to you.
const GUIDE: [(&str, &str); 5] = [
    (
        "Every result, and one failure spoils the lot",
        "Promise.all",
    ),
    (
        "Every outcome, and partial failure is fine",
        "Promise.allSettled",
    ),
    (
        "Whichever answers first, success or failure (a timeout)",
        "Promise.race",
    ),
    (
        "The first success, skipping failures (a fallback)",
        "Promise.any",
    ),
    ("Each step needs the one before", "await in a loop"),
];

/// The six ways to combine, as radio buttons.
#[function_component]
pub fn CombinatorPicker(props: &CombinatorPickerProps) -> Html {
    let CombinatorPickerProps {
        combinator,
        abort_rest,
        view,
        compiled,
        dispatcher,
    } = props;
    let preload = use_preload(&COMPARE);
    let choices: Vec<Html> = Combinator::ALL
        .iter()
        .map(|&c| {
            let onchange = {
                let dispatcher = dispatcher.clone();
                Callback::from(move |_: Event| {
                    dispatcher.dispatch(Action::Choose { combinator: c })
                })
            };
            let id = format!("combinator-{}", c.keyword());
            html! {
                <li>
                    <input type="radio" name="combinator" id={id.clone()} value={c.keyword()}
                        checked={*combinator == c} {onchange} />
                    <label for={id}>
                        <code class="choice-title">{ c.title() }</code>
                        <span class="choice-line">{ c.explain() }</span>
                    </label>
                </li>
            }
        })
        .collect();
    let abort = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            dispatcher.dispatch(Action::SetAbortRest { on });
        })
    };
    let compare = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::SetView {
                view: View::Compare,
            });
            // On a phone the stage sits above the editor: once drawn, bring
            // the comparison into view.
            wasm_bindgen_futures::spawn_local(async {
                platform::next_frame(100).await;
                platform::reveal_on_narrow("compare", "compare", "(max-width: 999px)");
            });
        })
    };
    let guide: Vec<Html> = GUIDE
        .iter()
        .map(|(need, tool)| html! { <tr><td>{ *need }</td><td><code>{ *tool }</code></td></tr> })
        .collect();
    html! {
        <section class="panel combinators">
            <fieldset>
                <legend><h2>{ "Combine with" }</h2></legend>
                <ul class="choices">{ choices }</ul>
            </fieldset>
            <label class="abort-option" for="abort-rest">
                <input type="checkbox" id="abort-rest" checked={*abort_rest} onchange={abort} />
                <span>
                    <strong>{ "Abort the rest when it settles" }</strong>
                    <span class="hint">{ " A real AbortController: the tasks still at work when the combinator settles stop, instead of running on unobserved." }</span>
                </span>
            </label>
            <div class="compare-offer">
                <button type="button" id="compare-open" class="secondary" onclick={compare}
                    onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}
                    aria-pressed={(*view == View::Compare).to_string()}>{ "Compare all six ways" }</button>
                <span class="hint">{ "The same tasks through every way at once, side by side." }</span>
            </div>
            <pre class="code" aria-label="The JavaScript it stands for"><code>{ combinator.code() }</code></pre>
            <CodeView compiled={compiled.clone()} dispatcher={dispatcher.clone()}
                open={*view == View::Code} abort={*abort_rest} />
            <details class="guide">
                <summary>{ "Which one do I need?" }</summary>
                <table>
                    <thead><tr><th scope="col">{ "You need" }</th><th scope="col">{ "Use" }</th></tr></thead>
                    <tbody>{ guide }</tbody>
                </table>
                <p>{ "Independent work awaited one by one in a loop takes the sum of the delays; started together under Promise.all it takes the longest one. And starting everything first, then awaiting each in turn, lets an early rejection go unhandled." }</p>
            </details>
        </section>
    }
}
