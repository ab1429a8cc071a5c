//! The embedded layout: the same parts as the full page, arranged for a
//! frame of about 700 × 450 in a documentation page. The tasks, the Run
//! bar, the timeline and the result, and no page chrome; a link opens the
//! same state in the full playground.

use super::announcer::Announcer;
use super::chunk::{load, Chunk, LoadFailed, View as ChunkView};
use super::code_view::CodeView;
use super::combinator_select::CombinatorSelect;
use super::controls::{Controls, ControlsProps};
use super::export::ExportButtons;
use super::notices::{Notices, NoticesProps};
use super::predict::PredictPanel;
use super::replay::ReplayBar;
use super::result_panel::ResultPanel;
use super::run_view::use_run_view;
use super::runner::Runner;
use super::share::full_link;
use super::shared::Shared;
use super::state::{Action, Playground};
use super::task_list::TaskList;
use super::task_summary::TaskSummary;
use super::timeline::compare::CompareView;
use super::timeline::Timeline;
use crate::model::link::{Embed, View};
use yew::prelude::*;

/// Properties of [`EmbedPage`].
#[derive(Properties, PartialEq)]
pub struct EmbedPageProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
    /// Starts and stops runs.
    pub runner: Runner,
    /// The embed's options.
    pub embed: Embed,
    /// Starts a run, through a callback that stays the same.
    pub run_now: Callback<()>,
}

/// The embedded layout's view. In a release build this function and all
/// it alone uses (the compact bar and task summary, the link to the full
/// page) are cut into a chunk (see [`super::chunk`]): a page that is not
/// embedded never loads it.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(embed, fallible))]
fn embed_view() -> Result<ChunkView<EmbedPageProps>, LoadFailed> {
    Ok(|props| html! { <EmbedPage ..props /> })
}

/// The embedded layout, loaded by the page when it is embedded.
pub(super) static EMBED: Chunk<EmbedPageProps> = Chunk::new(
    "embed",
    "Loading the playground…",
    "The playground could not be loaded: check the connection, then try again.",
    load!(embed_view),
);

/// The embedded layout.
#[function_component]
fn EmbedPage(props: &EmbedPageProps) -> Html {
    let EmbedPageProps {
        state,
        runner,
        embed,
        run_now,
    } = props;
    // Written once per scenario: for a big one, it is long.
    let open_full = use_memo(
        (
            state.scenario().ok().cloned(),
            state.speed,
            state.view,
            state.abort_rest,
        ),
        |(scenario, ..)| scenario.as_ref().map(|s| full_link(state, s)),
    );
    let run_view = use_run_view(state);
    let replaying = use_state_eq(|| false);
    {
        // A new run closes the replay: the tasks come back in its place.
        let replaying = replaying.clone();
        use_effect_with(state.run.as_ref().map(|r| r.run), move |_| {
            replaying.set(false)
        });
    }
    let run_id = state.run.as_ref().map(|r| r.run.to_string());
    let compare = state.view == View::Compare;
    let replayable = state.replayable_run();
    // The replay takes the tasks' place while it is open: the frame has no
    // room for both.
    let replay = replayable.clone().filter(|_| *replaying);
    let on_replay = {
        let (replaying, dispatcher) = (replaying.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            if *replaying {
                // Closed, the timeline shows the whole run again.
                dispatcher.dispatch(Action::Replay { step: None });
            }
            replaying.set(!*replaying);
        })
    };
    // Beside the table's disclosure, where they take no room of their own.
    let tools = (!state.is_running() && !state.tasks.is_empty()).then(|| {
        html! {
            <div class="embed-tools">
                if replayable.is_some() {
                    <button type="button" class="secondary" id="replay-open" onclick={on_replay}
                        aria-pressed={replay.is_some().to_string()} aria-controls="embed-tasks">{ "Replay" }</button>
                }
                <ExportButtons svgs={vec!["timeline-axis", "timeline"]} name="timeline"
                    dispatcher={state.dispatcher()} compact={true} />
            </div>
        }
    });
    html! {
        <div id="playground" class="playground embed" data-run-state={state.phase().attr()} data-run={run_id}
            data-editable={embed.editable.to_string()}>
            <header class="embed-bar">
                if embed.editable {
                    <h1 class="sr-only">{ "Promise playground" }</h1>
                    <CombinatorSelect state={state.clone()} />
                } else {
                    <h1 class="embed-title" title={state.combinator.explain()}>
                        <span class="sr-only">{ "Promise playground: " }</span>
                        <code>{ state.combinator.title() }</code>
                    </h1>
                }
                // Compare mode has its own "Run all six".
                if embed.controls && !compare {
                    <Controls ..ControlsProps::of(state, runner) />
                }

                if let Some(href) = (*open_full).clone() {
                    <a class="open-full" id="open-full" {href} target="_blank" rel="noopener">
                        { "Open in the playground" }<span aria-hidden="true">{ " ↗" }</span>
                    </a>
                }
            </header>
            <Notices ..NoticesProps::of(state) />
            if state.view == View::Predict {
                <PredictPanel compiled={Shared(state.compiled())}
                    finished={state.finished_run().map(Shared)}
                    last_run={state.run.as_ref().map_or(0, |r| r.run)}
                    run={run_now.clone()} dispatcher={state.dispatcher()} open={true} />
            }
            if state.view == View::Code {
                <section class="panel embed-code">
                    <CodeView compiled={Shared(state.compiled())} dispatcher={state.dispatcher()} open={true} abort={state.abort_rest} />
                </section>
            }
            if compare {
                // `view=compare`: the six ways side by side, full width.
                <main class="embed-compare">
                    <CompareView compiled={Shared(state.compiled())} speed={state.speed} abort={state.abort_rest}
                        round={state.compare_round} dispatcher={state.dispatcher()} />
                </main>
            } else {
            <main class="embed-grid">
                <Timeline state={state.clone()} began={runner.began.clone()} foot={tools.unwrap_or_default()} />
                <div class="embed-tasks" id="embed-tasks">
                    if let Some(run) = replay {
                        <ReplayBar run={Shared(run)} step={state.replay.as_ref().map(|r| r.0)}
                            dispatcher={state.dispatcher()} compact={true} />
                    } else if embed.editable {
                        <TaskList tasks={Shared(state.tasks.clone())} compiled={Shared(state.compiled())}
                        removed={state.removed.last().map(|r| (r.draft.label.clone(), state.removed.len()))}
                        dispatcher={state.dispatcher()} />
                    } else {
                        <TaskSummary compiled={Shared(state.compiled())} />
                    }
                </div>
                <ResultPanel run={run_view.run.clone()} stopped={run_view.stopped}
                        changed={run_view.changed.clone()} dispatcher={state.dispatcher()} />
            </main>
            }
            <Announcer run={state.run.clone().map(Shared)} />
        </div>
    }
}
