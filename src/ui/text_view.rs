//! The whole scenario as text: edit it, apply it, and see exactly where a
//! mistake is.

use super::shared::Shared;
use super::state::{Action, Compiled, Playground, TextDraft};
use super::text_help::TextHelp;
use super::user_text::isolate_literals;
use crate::model::text;
use crate::model::text::ParseError;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`TextView`]: what it draws, so that a run's events do not
/// write the whole text out again.
#[derive(Properties, PartialEq)]
pub struct TextViewProps {
    /// What is being typed, and why it could not be applied.
    pub text: TextDraft,
    /// The tasks, compiled.
    pub compiled: Shared<Compiled>,
    /// How many rows the editor has.
    pub count: usize,
    /// Where edits go.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// The line of `text` the error is on, and a caret under its column.
fn pointer(text: &str, error: &ParseError) -> (String, String) {
    let line = text
        .lines()
        .nth(error.line.saturating_sub(1))
        .unwrap_or("")
        .to_string();
    let caret = format!("{}^", " ".repeat(error.column.saturating_sub(1)));
    (line, caret)
}

/// Past this many tasks the text is written out only when asked for: a
/// text box of thousands of lines, rewritten on every edit, would make each
/// keystroke in the task list slow.
const LIVE_TEXT_MAX: usize = 1_000;

/// A paste longer than this, in bytes, is put in by the page itself.
const BIG_PASTE: usize = 100_000;

/// The text editor.
#[function_component]
pub fn TextView(props: &TextViewProps) -> Html {
    let TextViewProps {
        text: draft,
        compiled,
        count,
        dispatcher,
    } = props;
    let count = *count;
    let area = use_node_ref();
    let asked = use_state_eq(|| false);
    let folded = count > LIVE_TEXT_MAX && !*asked && draft.editing.is_none();
    // Right-to-left literals are fenced in, so that each line reads in its
    // own order; what is being typed is shown exactly as typed.
    let text = match (&draft.editing, compiled.as_ref()) {
        (Some(typed), _) => typed.clone(),
        (None, _) if folded => String::new(),
        (None, Ok(scenario)) => isolate_literals(&text::format(scenario)),
        (None, Err(_)) => String::new(),
    };
    let show = {
        let asked = asked.clone();
        Callback::from(move |_: MouseEvent| asked.set(true))
    };
    let error = draft.error.clone();

    // After a failed apply, put the cursor on the mistake. Not on the first
    // render: a stored text that could not be read comes with a notice at
    // the top, which jumping to the text box would scroll away.
    let first = use_mut_ref(|| true);
    {
        let area = area.clone();
        let offset = error.as_ref().map(|e| e.offset);
        use_effect_with(offset, move |offset| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if let (Some(offset), Some(area)) = (offset, area.cast::<HtmlTextAreaElement>()) {
                // Offsets are bytes; the textarea counts UTF-16 units.
                let value = area.value();
                let units = value.get(..*offset).map_or(0, |s| s.encode_utf16().count()) as u32;
                let _ = area.focus();
                let _ = area.set_selection_range(units, units);
            }
        });
    }

    let oninput = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            dispatcher.dispatch(Action::EditText { text });
        })
    };
    // A big paste goes in as one replacement of the selection: the browser's
    // own pasting of tens of thousands of lines into a text box whose value
    // a script has set takes minutes. (Undo does not see such a paste.)
    let onpaste = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |e: Event| {
            let Some(pasted) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
                .filter(|t| t.len() > BIG_PASTE)
            else {
                return;
            };
            e.prevent_default();
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            let (start, end) = (
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
            );
            let replaced =
                area.set_range_text_with_start_and_end_and_mode(&pasted, start, end, "end");
            if replaced.is_ok() {
                dispatcher.dispatch(Action::EditText { text: area.value() });
            }
        })
    };
    let apply = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ApplyText))
    };
    let revert = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::RevertText))
    };
    let editing = draft.editing.is_some();
    let rows = text.lines().count().clamp(4, 14).to_string();
    let problem = error.as_ref().map(|e| (e, pointer(&text, e)));

    html! {
        <section class="panel text-view" aria-labelledby="text-title">
            <h2 id="text-title"><label for="scenario-text">{ "As text" }</label></h2>
            <p class="hint">{ "The same tasks in the playground's text form. Edit, then apply." }</p>
            <TextHelp dispatcher={dispatcher.clone()} />
            if folded {
                <p class="note" id="text-folded">
                    { format!("The text of {count} tasks is written out when you ask for it, so that edits above stay quick. ") }
                    <button type="button" class="secondary" id="show-text" onclick={show}>{ "Show the text" }</button>
                </p>
            } else {
                <textarea id="scenario-text" dir="ltr" ref={area} {rows} spellcheck="false" autocapitalize="off"
                    placeholder="A task above has a problem: fix the marked field, or type the whole scenario here."
                    value={text.clone()} {oninput} {onpaste} aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.as_ref().map(|_| "text-error")} />
            }
            <div class="buttons">
                <button type="button" id="apply-text" class="secondary" aria-disabled={(!editing).to_string()} onclick={apply}>{ "Apply text" }</button>
                <button type="button" id="revert-text" class="secondary" aria-disabled={(!editing).to_string()} onclick={revert}>{ "Undo text edits" }</button>
            </div>
            if let Some((e, (line, caret))) = problem {
                <div id="text-error" class="field-error" role="alert">
                    <p>{ e.to_string() }</p>
                    <pre aria-hidden="true">{ format!("{line}\n{caret}") }</pre>
                </div>
            }
        </section>
    }
}
