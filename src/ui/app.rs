//! The page: set-up on one side, the stage (controls, timeline, result,
//! log) on the other; stacked on a phone.

use super::announcer::Announcer;
use super::combinator_picker::CombinatorPicker;
use super::controls::Controls;
use super::notices::Notices;
use super::preset_picker::PresetPicker;
use super::result_panel::ResultPanel;
use super::runner::use_runner;
use super::settle_log::SettleLog;
use super::storage;
use super::task_list::TaskList;
use super::text_view::TextView;
use super::timeline::Timeline;
use yew::prelude::*;

/// The playground.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(storage::restore);
    let runner = use_runner(&state);

    // Save what is being edited; while a stored text that could not be read
    // waits in the text view, keep it stored too.
    let saved = state
        .text
        .editing
        .is_none()
        .then(|| state.text_view())
        .flatten();
    use_effect_with(saved, |saved| {
        if let Some(text) = saved {
            storage::save(text);
        }
    });

    let run_id = state.run.as_ref().map(|r| r.run.to_string());
    html! {
        <div id="playground" class="playground" data-run-state={state.phase().attr()} data-run={run_id}>
            <header class="top">
                <div class="brand">
                    <h1>{ "Promise Playground" }</h1>
                    <p class="tagline">
                        { "Real promises on real timers: see how JavaScript combines asynchronous work." }
                    </p>
                </div>
                <PresetPicker state={state.clone()} />
            </header>
            <Notices state={state.clone()} />
            <main class="layout">
                <div class="setup">
                    <TaskList state={state.clone()} />
                    <CombinatorPicker state={state.clone()} />
                    <TextView state={state.clone()} />
                </div>
                <div class="stage">
                    <Controls state={state.clone()} runner={runner} />
                    <Timeline state={state.clone()} />
                    <ResultPanel state={state.clone()} />
                    <SettleLog state={state.clone()} />
                </div>
            </main>
            <Announcer state={state} />
        </div>
    }
}
