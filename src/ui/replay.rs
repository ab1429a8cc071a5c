//! Replay: after a run, step through its recorded events without running it
//! again. The timeline, the log and the result show the run as it stood at
//! the chosen step; the last step is the run itself.

use super::settle_log::describe;
use super::shared::Shared;
use super::state::{Action, Playground};
use super::timeline::scale::format_ms;
use super::user_text::{parts_html, plain, Part};
use crate::model::run::RunRecord;
use crate::model::{Event, EventKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`ReplayBar`].
#[derive(Properties, PartialEq)]
pub struct ReplayBarProps {
    /// The latest run, whole.
    pub run: Shared<RunRecord>,
    /// The step shown, when a replay is on.
    pub step: Option<usize>,
    /// Where the steps go.
    pub dispatcher: UseReducerDispatcher<Playground>,
    /// In an embed's small frame: the heading is for screen readers only.
    #[prop_or_default]
    pub compact: bool,
}

/// What happened at `event`, in words.
fn step_words(record: &RunRecord, event: &Event) -> Vec<Part> {
    if let Some((parts, _)) = describe(record, event) {
        return parts;
    }
    match &event.kind {
        EventKind::TaskStarted { task } => match record.scenario.tasks.get(*task) {
            Some(t) => vec![
                Part::Label(t.label.clone()),
                Part::Words(format!(" (task {}) started", task + 1)),
            ],
            None => vec![Part::Words(format!("task {} started", task + 1))],
        },
        _ => vec![Part::Words("The run is over".into())],
    }
}

/// The slider, the step buttons and what the step shows.
#[function_component]
pub fn ReplayBar(props: &ReplayBarProps) -> Html {
    let total = props.run.events.len();
    let step = props.step.unwrap_or(total).min(total);
    let go = {
        let dispatcher = props.dispatcher.clone();
        move |to: usize| {
            // The last step is the run itself: the replay is over.
            let step = (to < total).then_some(to);
            dispatcher.dispatch(Action::Replay { step });
        }
    };
    let on_input = {
        let go = go.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(to) = input.value().parse::<usize>() {
                go(to);
            }
        })
    };
    let back = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(step.saturating_sub(1)))
    };
    let forward = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go((step + 1).min(total)))
    };
    let start = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go(0))
    };
    let end = Callback::from(move |_: MouseEvent| go(total));
    let now = match step.checked_sub(1).and_then(|k| props.run.events.get(k)) {
        None => vec![Part::Words(
            "Before the run: nothing has happened yet".into(),
        )],
        Some(event) => {
            let mut parts = vec![Part::Words(format!(
                "at {}: ",
                format_ms(props.run.shown_ms(event.t_ms))
            ))];
            parts.extend(step_words(&props.run, event));
            parts
        }
    };
    let position = format!("Step {step} of {total}");
    let value_text = format!("{position}, {}", plain(&now));
    html! {
        <section class="panel replay" id="replay" aria-labelledby="replay-title"
            data-step={step.to_string()} data-total={total.to_string()}>
            <h2 id="replay-title" class={classes!(props.compact.then_some("sr-only"))}>{ "Replay" }</h2>
            <div class="replay-controls">
                <button type="button" class="secondary" id="replay-start" onclick={start}
                    disabled={step == 0} >{ "First" }</button>
                <button type="button" class="secondary" id="replay-back" onclick={back}
                    disabled={step == 0} aria-label="Step back">{ "◀" }</button>
                <input type="range" id="replay-step" min="0" max={total.to_string()} step="1"
                    value={step.to_string()} oninput={on_input}
                    aria-label="Step through the run" aria-valuetext={value_text} />
                <button type="button" class="secondary" id="replay-forward" onclick={forward}
                    disabled={step == total} aria-label="Step forward">{ "▶" }</button>
                <button type="button" class="secondary" id="replay-end" onclick={end}
                    disabled={step == total} aria-label="Last step: the whole run">{ "Last" }</button>
            </div>
            <p class="replay-now" id="replay-now" aria-live="polite">
                <span class="replay-position">{ position }</span>{ " · " }{ parts_html(&now) }
            </p>
        </section>
    }
}
