//! Run, Stop, Run again, and the speed of the timers.

use super::runner::Runner;
use super::state::{Action, Phase, Playground, SPEEDS};
use super::timeline::scale::format_ms;
use crate::model::scenario::{speed_from_word, speed_word};
use crate::platform;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`Controls`]: what they show, worked out from the state
/// by [`ControlsProps::of`], so that a batch of a run, which changes none
/// of it, does not draw them again.
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether a run is going on (Stop has something to stop).
    pub running: bool,
    /// Whether a run was shown already (the button says "Run again").
    pub ran: bool,
    /// The line beside the buttons.
    pub status: String,
    /// The speed of the timers.
    pub speed: f64,
    /// Whether the page is the full playground, where Run brings the stage
    /// into view on a phone.
    pub full_page: bool,
    /// Starts and stops runs.
    pub runner: Runner,
    /// Where the speed menu sends its action.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

impl ControlsProps {
    /// The controls for the playground as it is.
    pub fn of(state: &UseReducerHandle<Playground>, runner: &Runner) -> Self {
        let status = match (state.phase(), &state.run) {
            (Phase::Idle, _) | (_, None) => "Not run yet".to_string(),
            (Phase::Stopped, _) => "Stopped".to_string(),
            (Phase::Running, _) => "Running…".to_string(),
            (Phase::Finished, Some(r)) if r.error.is_some() => "The run failed".to_string(),
            (Phase::Finished, Some(r)) => match r.last_settle_ms() {
                Some(t) => format!(
                    "Finished: the last settle came at {}",
                    format_ms(r.shown_ms(t))
                ),
                None => "Finished: nothing settled".to_string(),
            },
        };
        ControlsProps {
            running: state.is_running(),
            ran: state.run.is_some(),
            status,
            speed: state.speed,
            full_page: state.embed.is_none(),
            runner: runner.clone(),
            dispatcher: state.dispatcher(),
        }
    }
}

/// On a phone, where the stage sits between the header and the editor,
/// brings the timeline and the result into view as a run starts.
pub(super) fn show_stage() {
    platform::reveal_on_narrow("timeline-panel", "result", "(max-width: 999px)");
}

/// The key that goes with Enter to run: ⌘ on Apple's systems, else Ctrl.
pub(super) fn modifier() -> &'static str {
    let apple = web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac") || p.starts_with("iP"));
    if apple {
        "⌘"
    } else {
        "Ctrl"
    }
}

/// The run controls.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let ControlsProps {
        running,
        ran,
        status,
        speed,
        full_page,
        runner,
        dispatcher,
    } = props;
    let (running, full_page) = (*running, *full_page);
    let label = if *ran && !running { "Run again" } else { "Run" };
    let run_button = use_node_ref();
    let run = {
        let run = runner.run.clone();
        Callback::from(move |_: MouseEvent| {
            run.emit(());
            if full_page {
                show_stage();
            }
        })
    };
    // Stop stays focusable when there is nothing to stop (aria-disabled, not
    // disabled), so focus is not dropped when a run ends under it; after a
    // stop, focus goes to Run.
    let stop = {
        let stop = runner.stop.clone();
        let run_button = run_button.clone();
        Callback::from(move |_: MouseEvent| {
            if running {
                stop.emit(());
                if let Some(button) = run_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    let on_speed = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(speed) = speed_from_word(&value) {
                dispatcher.dispatch(Action::SetSpeed { speed });
            }
        })
    };
    let speeds: Vec<Html> = SPEEDS
        .iter()
        .filter_map(|&s| Some((s, speed_word(s)?)))
        .map(|(s, word)| html! { <option value={word} selected={s == *speed}>{ format!("{word}×") }</option> })
        .collect();
    html! {
        <section class="panel controls" id="controls" aria-label="Run">
            <button type="button" id="run" ref={run_button} class="primary" onclick={run}>{ label }</button>
            <button type="button" id="stop" class="secondary" aria-disabled={(!running).to_string()} onclick={stop}>{ "Stop" }</button>
            <label class="speed"><span class="speed-word">{ "Speed" }</span>
                <select id="speed" onchange={on_speed} title="Timer speed: below 1× is slow motion">{ speeds }</select>
            </label>
            <span class="run-status" id="run-status">{ status.clone() }</span>
            <p class="shortcuts" id="shortcuts">
                <kbd>{ modifier() }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ " runs · " }<kbd>{ "Esc" }</kbd>{ " stops" }
            </p>
        </section>
    }
}
