//! Run, Stop, Run again, and the speed of the timers.

use super::runner::Runner;
use super::state::{Action, Phase, Playground, SPEEDS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
    /// Starts and stops runs.
    pub runner: Runner,
}

/// Short, so the run bar fits one line on a phone; the select's name says
/// what the factor means.
fn speed_label(speed: f64) -> String {
    format!("{speed}×")
}

/// The run controls.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let ControlsProps { state, runner } = props;
    let running = state.is_running();
    let label = if state.run.is_some() && !running {
        "Run again"
    } else {
        "Run"
    };
    let run_button = use_node_ref();
    let run = runner.run.reform(|_: MouseEvent| ());
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
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(speed) = value.parse::<f64>() {
                state.dispatch(Action::SetSpeed { speed });
            }
        })
    };
    let speeds: Vec<Html> = SPEEDS
        .iter()
        .map(|&s| html! { <option value={s.to_string()} selected={s == state.speed}>{ speed_label(s) }</option> })
        .collect();
    let status = match (state.phase(), &state.run) {
        (Phase::Idle, _) | (_, None) => "Not run yet".to_string(),
        (Phase::Stopped, _) => "Stopped".to_string(),
        (Phase::Running, _) => "Running…".to_string(),
        (Phase::Finished, Some(r)) if r.error.is_some() => "The run failed".to_string(),
        (Phase::Finished, Some(r)) => match r.last_settle_ms() {
            Some(t) => format!("Finished: the last settle came at {:.0} ms", r.shown_ms(t)),
            None => "Finished: nothing settled".to_string(),
        },
    };
    html! {
        <section class="panel controls" aria-label="Run">
            <button type="button" id="run" ref={run_button} class="primary" onclick={run}>{ label }</button>
            <button type="button" id="stop" class="secondary" aria-disabled={(!running).to_string()} onclick={stop}>{ "Stop" }</button>
            <label class="speed"><span class="speed-word">{ "Speed" }</span>
                <select id="speed" onchange={on_speed} title="Timer speed: below 1× is slow motion">{ speeds }</select>
            </label>
            <span class="run-status" id="run-status">{ status }</span>
            // On a phone the result is far below the bar: a way down to it.
            if state.run.is_some() {
                <a class="jump" href="#result">{ "Result ↓" }</a>
            }
        </section>
    }
}
