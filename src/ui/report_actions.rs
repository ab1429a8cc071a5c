//! Copying or downloading the latest run's report, for bug reports and for
//! checking a result elsewhere.

use super::shared::Shared;
use super::state::{Action, Notice, Playground};
use crate::model::run::RunRecord;
use crate::platform;
use yew::prelude::*;

/// Properties of [`ReportActions`].
#[derive(Properties, PartialEq)]
pub struct ReportActionsProps {
    /// The latest run.
    pub run: Option<Shared<RunRecord>>,
    /// Where notices go.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

fn tell(dispatcher: &UseReducerDispatcher<Playground>, outcome: Result<(), String>, done: &str) {
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
    dispatcher.dispatch(Action::Notify { notice });
}

/// The run's report, written only when asked for: for a big run it is a
/// large document, not worth making on every render.
fn report(run: &RunRecord) -> String {
    crate::engine::json_text(&run.report(), true)
}

/// The two report buttons.
#[function_component]
pub fn ReportActions(props: &ReportActionsProps) -> Html {
    let ReportActionsProps { run, dispatcher } = props;
    let copy = {
        let (run, dispatcher) = (run.clone(), dispatcher.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(text) = run.as_deref().map(report) else {
                return;
            };
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = platform::copy_text(&text).await;
                tell(&dispatcher, outcome, "The run report is on the clipboard.");
            });
        })
    };
    let download = {
        let (run, dispatcher) = (run.clone(), dispatcher.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(run) = run.as_deref() else {
                return;
            };
            let name = format!("promise-run-{}.json", run.run);
            let outcome = platform::download(&name, "application/json", &report(run));
            tell(&dispatcher, outcome, "The run report was downloaded.");
        })
    };
    let none = run.is_none();
    html! {
        <div class="report" role="group" aria-label="Run report">
            <button type="button" id="copy-report" class="secondary" disabled={none} onclick={copy}>{ "Copy run report" }</button>
            <button type="button" id="download-report" class="secondary" disabled={none} onclick={download}>{ "Download run report" }</button>
            <span class="hint">{ "JSON: every event with its time, and the result." }</span>
        </div>
    }
}
