//! Copying or downloading the latest run's report, for bug reports and for
//! checking a result elsewhere.

use super::state::{Action, Notice, Playground};
use crate::platform;
use yew::prelude::*;

/// Properties of [`ReportActions`].
#[derive(Properties, PartialEq)]
pub struct ReportActionsProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

fn tell(state: &UseReducerHandle<Playground>, outcome: Result<(), String>, done: &str) {
    let notice = match outcome {
        Ok(()) => Notice {
            problem: false,
            text: done.to_string(),
        },
        Err(why) => Notice {
            problem: true,
            text: format!("The report could not be copied or saved: {why}."),
        },
    };
    state.dispatch(Action::Notify { notice });
}

/// The latest run's report, written only when asked for: for a big run it
/// is a large document, not worth making on every render.
fn report(state: &Playground) -> Option<String> {
    let run = state.run.as_ref()?;
    Some(serde_json::to_string_pretty(&run.report()).unwrap_or_else(|_| "{}".into()))
}

/// The two report buttons.
#[function_component]
pub fn ReportActions(props: &ReportActionsProps) -> Html {
    let state = &props.state;
    let copy = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = report(&state) else { return };
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = platform::copy_text(&text).await;
                tell(&state, outcome, "The run report is on the clipboard.");
            });
        })
    };
    let download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = report(&state) else { return };
            let name = format!(
                "promise-run-{}.json",
                state.run.as_ref().map_or(0, |r| r.run)
            );
            let outcome = platform::download(&name, "application/json", &text);
            tell(&state, outcome, "The run report was downloaded.");
        })
    };
    let none = state.run.is_none();
    html! {
        <div class="report" role="group" aria-label="Run report">
            <button type="button" id="copy-report" class="secondary" disabled={none} onclick={copy}>{ "Copy run report" }</button>
            <button type="button" id="download-report" class="secondary" disabled={none} onclick={download}>{ "Download run report" }</button>
            <span class="hint">{ "JSON: every event with its time, and the result." }</span>
        </div>
    }
}
