//! A short reference of the text form, folded beside the text box, with
//! examples that apply with one click: what a visitor of the hosted
//! playground needs, where the README is out of reach. What the fold holds
//! comes in a chunk of its own, loaded the first time it opens.

use super::chunk::{load, use_chunk, use_preload, Chunk, LoadFailed, View};
use super::fold::{use_fold, Fold};
use super::state::{Action, Playground};
use yew::prelude::*;

/// Each kind of line, and what it means.
const LINES: [(&str, &str); 7] = [
    ("v1 all", "First line: the format (v1) and how to combine: all, allSettled, race, any, sequential or parallel-await."),
    ("user 300ms ok 'Ada'", "After a 300 ms timer, fulfils with 'Ada'."),
    ("posts 500ms err Error('timeout')", "After 500 ms, rejects with an error."),
    ("cache now ok 42", "Already fulfilled (now err: already rejected), before any timer."),
    ("flag plain true", "A plain value, not a promise at all."),
    ("hang never", "A promise that never settles."),
    ("'my task' 0ms ok [1, 2]", "A label with spaces goes in quotes, and a semicolon can end a task instead of a new line."),
];

/// Examples to try, each a whole scenario.
const EXAMPLES: [(&str, &str); 4] = [
    ("A race against a timeout", "v1 race\nrequest 800ms ok 'data'\ntimeout 500ms err Error('timed out')"),
    ("First mirror that works", "v1 any\neu 150ms err Error('down')\nus 450ms ok 'us'\nasia 350ms ok 'asia'"),
    ("Every outcome, one failing", "v1 allSettled\nweather 250ms ok {temp: 21}\nnews 400ms err new TypeError('bad JSON')\nstocks 150ms ok [101.5, NaN]"),
    ("An unhandled rejection", "v1 parallel-await\nslow 600ms ok 'slow'\nfails 100ms err Error('boom')"),
];

/// Properties of [`TextHelp`].
#[derive(Properties, PartialEq, Clone)]
pub struct TextHelpProps {
    /// Where an example goes when it is chosen.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// The fold, with the reference inside once it has been opened.
#[function_component]
pub fn TextHelp(props: &TextHelpProps) -> Html {
    let Fold { open, ontoggle } = use_fold(false);
    let preload = use_preload(&TEXT_HELP);
    let body = use_chunk(&TEXT_HELP, open).draw(|| props.clone());
    html! {
        <details class="text-help" id="text-help" {ontoggle}>
            <summary onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}>{ "How to write it" }</summary>
            { body }
        </details>
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(text_help, fallible))]
fn text_help_view() -> Result<View<TextHelpProps>, LoadFailed> {
    Ok(|props| html! { <Reference ..props /> })
}

static TEXT_HELP: Chunk<TextHelpProps> = Chunk::new(
    "text-help",
    "Loading the reference…",
    "The reference of the text form could not be loaded: check the connection, then try again.",
    load!(text_help_view),
);

/// The reference: each kind of line, the values, and examples to try.
#[function_component]
fn Reference(props: &TextHelpProps) -> Html {
    let rows: Vec<Html> = LINES
        .iter()
        .map(|(line, meaning)| html! { <tr><td><code>{ *line }</code></td><td>{ *meaning }</td></tr> })
        .collect();
    let examples: Vec<Html> = EXAMPLES
        .iter()
        .enumerate()
        .map(|(i, (title, text))| {
            let dispatcher = props.dispatcher.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::EditText {
                    text: (*text).to_string(),
                });
                dispatcher.dispatch(Action::ApplyText);
            });
            html! {
                <li>
                    <pre><code>{ *text }</code></pre>
                    <button type="button" class="secondary" id={format!("try-example-{i}")} {onclick}
                        aria-label={format!("Use this example: {title}")}>{ "Use this" }</button>
                </li>
            }
        })
        .collect();
    html! {
        <>
            <table>
                <thead><tr><th scope="col">{ "A line" }</th><th scope="col">{ "means" }</th></tr></thead>
                <tbody>{ rows }</tbody>
            </table>
            <p>
                { "Values are JavaScript literals: " }<code>{ "null" }</code>{ ", " }<code>{ "undefined" }</code>
                { ", " }<code>{ "true" }</code>{ ", numbers such as " }<code>{ "-1.5" }</code>{ " or " }<code>{ "NaN" }</code>
                { ", text in quotes, " }<code>{ "[1, 2]" }</code>{ ", " }<code>{ "{id: 7}" }</code>{ ", and errors: " }
                <code>{ "Error('x')" }</code>{ ", " }<code>{ "new TypeError('x')" }</code>{ "." }
            </p>
            <h3>{ "Try one" }</h3>
            <ul class="text-examples">{ examples }</ul>
        </>
    }
}
