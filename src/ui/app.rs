//! The page: set-up on one side, the stage (controls, timeline, result,
//! log) on the other; stacked on a phone. Embedded in another page, the
//! same parts take the compact layout of the embed page, which comes in a
//! chunk of its own.

use super::announcer::Announcer;
use super::chunk::use_chunk;
use super::combinator_picker::CombinatorPicker;
use super::controls::{Controls, ControlsProps};
use super::embed_page::{EmbedPageProps, EMBED};
use super::host::use_host;
use super::notices::{Notices, NoticesProps};
use super::opening;
use super::predict::PredictPanel;
use super::preset_picker::PresetPicker;
use super::replay::ReplayBar;
use super::result_panel::ResultPanel;
use super::run_view::use_run_view;
use super::runner::use_runner;
use super::settle_log::SettleLog;
use super::share::ShareActions;
use super::shared::Shared;
use super::shortcuts::use_shortcuts;
use super::storage::use_saving;
use super::task_list::TaskList;
use super::text_view::TextView;
use super::theme::use_theme;
use super::timeline::compare::CompareView;
use super::timeline::Timeline;
use crate::model::link::View as ViewChoice;
use yew::prelude::*;

/// The playground.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(opening::open);
    let runner = use_runner(&state);
    // Embedded, the layout comes from its chunk; its host hears "ready",
    // and an autorun starts, once it is drawn.
    let embed_layout = use_chunk(&EMBED, state.embed.is_some());
    use_saving(&state);
    use_theme(state.theme);
    use_host(&state, &runner, embed_layout.is_ready());
    use_shortcuts(&state, &runner);
    opening::use_followed_links(&state);
    let run_view = use_run_view(&state);
    // The same callback from one render to the next (see `use_runner`), so
    // what takes it is not drawn again with every batch.
    let run_now = runner.run.clone();

    if let Some(embed) = &state.embed {
        return embed_layout.draw(|| EmbedPageProps {
            state: state.clone(),
            runner,
            embed: embed.clone(),
            run_now,
        });
    }
    let run_id = state.run.as_ref().map(|r| r.run.to_string());
    let engine = state.run.as_ref().and_then(|r| runner.engine.emit(r.run));
    // Past every task's fields, straight to Run (the timeline follows it);
    // in compare mode, to "Run all six".
    let target = if state.view == ViewChoice::Compare {
        "compare-run"
    } else {
        "run"
    };
    let skip = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        crate::platform::focus(target);
    });
    html! {
        <div id="playground" class="playground" data-run-state={state.phase().attr()} data-run={run_id}
            data-engine={engine}>
            <a class="skip-link" id="skip-to-run" href={format!("#{target}")} onclick={skip}>{ "Skip to Run and the timeline" }</a>
            <header class="top">
                <div class="brand">
                    <h1>{ "Promise Playground" }</h1>
                    <p class="tagline">
                        { "Real promises on real timers: see how JavaScript combines asynchronous work." }
                    </p>
                </div>
                <div class="top-tools">
                    <PresetPicker preset={state.preset} dispatcher={state.dispatcher()} />
                    <ShareActions state={state.clone()} />
                </div>
            </header>
            <Notices ..NoticesProps::of(&state) />
            <main class="layout">
                <div class="setup">
                    <TaskList tasks={Shared(state.tasks.clone())} compiled={Shared(state.compiled())}
                        removed={state.removed.last().map(|r| (r.draft.label.clone(), state.removed.len()))}
                        dispatcher={state.dispatcher()} />
                    <CombinatorPicker combinator={state.combinator} abort_rest={state.abort_rest} view={state.view}
                        compiled={Shared(state.compiled())} dispatcher={state.dispatcher()} />
                    <TextView text={state.text.clone()} compiled={Shared(state.compiled())}
                        count={state.tasks.len()} dispatcher={state.dispatcher()} />
                </div>
                <div class="stage">
                    if state.view == ViewChoice::Compare {
                        <CompareView compiled={Shared(state.compiled())} speed={state.speed} abort={state.abort_rest}
                            round={state.compare_round} dispatcher={state.dispatcher()} />
                    } else {
                        <Controls ..ControlsProps::of(&state, &runner) />
                        <PredictPanel compiled={Shared(state.compiled())}
                            finished={state.finished_run().map(Shared)}
                            last_run={state.run.as_ref().map_or(0, |r| r.run)}
                            run={run_now.clone()} dispatcher={state.dispatcher()}
                            open={state.view == ViewChoice::Predict} />
                        <Timeline state={state.clone()} began={runner.began.clone()} />
                        if let Some(run) = state.replayable_run() {
                            <ReplayBar run={Shared(run)} step={state.replay.as_ref().map(|r| r.0)}
                                dispatcher={state.dispatcher()} />
                        }
                        <ResultPanel run={run_view.run.clone()} stopped={run_view.stopped}
                            changed={run_view.changed.clone()} dispatcher={state.dispatcher()} />
                        <SettleLog run={run_view.run.clone()} />
                    }
                </div>
            </main>
            <Announcer run={state.run.clone().map(Shared)} />
        </div>
    }
}
