//! The code that does what the scenario does, in JavaScript or in Rust,
//! coloured, with a copy button: folded until asked for, and written only
//! while open (10 000 tasks make a long program).

use super::chunk::{load, use_chunk, use_preload, Chunk, LoadFailed, View};
use super::fold::{use_fold, Fold};
use super::shared::Shared;
use super::state::{Action, Compiled, Notice, Playground};
use crate::model::code::{highlight, Lang};
use crate::platform;
use yew::prelude::*;

/// Past this many lines, only the first are shown; Copy still gives all.
const SHOWN_LINES: usize = 400;

/// Properties of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario, or the problems that keep it from being one.
    pub compiled: Shared<Compiled>,
    /// Where notices go.
    pub dispatcher: UseReducerDispatcher<Playground>,
    /// Whether the fold starts open (a link's `view=code`).
    #[prop_or_default]
    pub open: bool,
    /// Whether runs abort the rest when the combinator settles.
    #[prop_or_default]
    pub abort: bool,
}

/// What to say under the tabs about the program in `lang`.
fn about(lang: Lang) -> &'static str {
    match lang {
        Lang::JavaScript => "Runs as it is in a browser console, or saved as run.mjs with node run.mjs. It prints each settle as it happens, then the result, as the playground shows them.",
        Lang::Rust => "The same run with the playground's own bridge: each task a Rust future on a gloo timer, turned into a real JS promise by wasm-bindgen-futures, combined by the browser through js-sys. Build it for wasm32 with those three crates and wasm-bindgen.",
    }
}

/// The fold, the language tabs and the program.
#[function_component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let Fold { open, ontoggle } = use_fold(props.open);
    let lang = use_state(|| Lang::JavaScript);
    // The program's view comes from a chunk of its own, loaded the first
    // time the fold opens.
    let program = use_chunk(&PROGRAM, open);
    let preload = use_preload(&PROGRAM);
    let body = if open {
        program.draw(|| ProgramProps {
            compiled: props.compiled.clone(),
            abort: props.abort,
            dispatcher: props.dispatcher.clone(),
            lang: lang.clone(),
        })
    } else {
        Html::default()
    };
    html! {
        <details class="code-view" id="code-view" {open} {ontoggle}>
            <summary onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}>{ "The whole program, in JavaScript or Rust" }</summary>
            { body }
        </details>
    }
}

/// The program's view. In a release build this function and all it alone
/// uses (the program writer, its highlighting and texts) are cut into a
/// chunk that loads on the first call (see [`super::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(code, fallible))]
fn program_view() -> Result<View<ProgramProps>, LoadFailed> {
    Ok(|props| html! { <Program ..props /> })
}

static PROGRAM: Chunk<ProgramProps> = Chunk::new(
    "code",
    "Loading the program…",
    "The program could not be loaded: check the connection, then try again.",
    load!(program_view),
);

/// Properties of [`Program`].
#[derive(Properties, PartialEq)]
struct ProgramProps {
    compiled: Shared<Compiled>,
    abort: bool,
    dispatcher: UseReducerDispatcher<Playground>,
    lang: UseStateHandle<Lang>,
}

/// The tabs and the program in the chosen language.
#[function_component]
fn Program(props: &ProgramProps) -> Html {
    let lang = *props.lang;
    let code = use_memo(
        (props.compiled.clone(), lang, props.abort),
        |(compiled, lang, abort)| {
            compiled
                .as_ref()
                .as_ref()
                .ok()
                .map(|s| lang.program(s, *abort))
        },
    );
    let tabs: Vec<Html> = Lang::ALL
        .iter()
        .map(|&each| {
            let selected = each == lang;
            let onclick = {
                let handle = props.lang.clone();
                Callback::from(move |_: MouseEvent| handle.set(each))
            };
            // Arrow keys move between the tabs, as a tab list's do.
            let onkeydown = {
                let handle = props.lang.clone();
                Callback::from(move |e: KeyboardEvent| {
                    let next = match e.key().as_str() {
                        "ArrowLeft" | "ArrowRight" | "Home" | "End" => match each {
                            Lang::JavaScript => Lang::Rust,
                            Lang::Rust => Lang::JavaScript,
                        },
                        _ => return,
                    };
                    e.prevent_default();
                    handle.set(next);
                    platform::focus(&tab_id(next));
                })
            };
            html! {
                <button type="button" role="tab" id={tab_id(each)} class="code-tab"
                    aria-selected={selected.to_string()} aria-controls="code-panel"
                    tabindex={if selected { "0" } else { "-1" }} {onclick} {onkeydown}>
                    { each.title() }
                </button>
            }
        })
        .collect();
    let panel = match code.as_ref() {
        None => html! {
            <p class="hint" id="code-unavailable">{ "The code is written for a set of tasks without problems: fix the fields marked above." }</p>
        },
        Some(code) => {
            let copy = {
                let (code, dispatcher) = (code.clone(), props.dispatcher.clone());
                Callback::from(move |_: MouseEvent| {
                    let (code, dispatcher) = (code.clone(), dispatcher.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let notice = match platform::copy_text(&code).await {
                            Ok(()) => Notice {
                                problem: false,
                                text: format!("The {} program is on the clipboard.", lang.title()),
                            },
                            Err(why) => Notice {
                                problem: true,
                                text: format!("The program could not be copied: {why}."),
                            },
                        };
                        dispatcher.dispatch(Action::Notify { notice });
                    });
                })
            };
            let lines = code.lines().count();
            let (shown, note) = if lines > SHOWN_LINES {
                let end = code
                    .match_indices('\n')
                    .nth(SHOWN_LINES - 1)
                    .map_or(code.len(), |(at, _)| at + 1);
                let note = format!(
                    "The first {SHOWN_LINES} of {lines} lines are shown; Copy gives the whole program."
                );
                (&code[..end], Some(note))
            } else {
                (code.as_str(), None)
            };
            let pieces: Html = highlight(shown, lang)
                .into_iter()
                .map(|(token, text)| match token.class() {
                    "" => html! { { text } },
                    class => html! { <span class={class}>{ text }</span> },
                })
                .collect();
            html! {
                <>
                    <p class="hint">{ about(lang) }</p>
                    <div class="code-actions">
                        <button type="button" class="secondary" id="copy-code" onclick={copy}>
                            { format!("Copy the {}", lang.title()) }
                        </button>
                        <span class="hint">{ format!("{lines} lines") }</span>
                    </div>
                    <pre class="code program" id="code-program" data-lang={lang.keyword()} tabindex="0"
                        aria-label={format!("The {} program", lang.title())}><code>{ pieces }</code></pre>
                    if let Some(note) = note { <p class="hint">{ note }</p> }
                </>
            }
        }
    };
    html! {
        <>
            <div class="code-tabs" role="tablist" aria-label="Language">{ tabs }</div>
            <div class="code-panel" id="code-panel" role="tabpanel" aria-labelledby={tab_id(lang)}>
                { panel }
            </div>
        </>
    }
}

fn tab_id(lang: Lang) -> String {
    format!("code-tab-{}", lang.keyword())
}
