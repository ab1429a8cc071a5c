//! The tasks as a short read-only list, one line each: what an embed shows
//! when its reader is not meant to edit.

use super::shared::Shared;
use super::state::Compiled;
use super::user_text::value_html;
use crate::model::{Behaviour, Settle, Task};
use yew::prelude::*;

/// Lines shown before the rest are summed up.
const MAX_LINES: usize = 50;

/// Properties of [`TaskSummary`].
#[derive(Properties, PartialEq)]
pub struct TaskSummaryProps {
    /// The tasks, compiled: the list is drawn again only when they change,
    /// not with every batch of a run's events.
    pub compiled: Shared<Compiled>,
}

/// How a task starts and ends, in a few words, and the kind for styling.
fn describe(task: &Task) -> (String, &'static str) {
    let settles = |settle: &Settle| {
        let (word, kind) = if settle.is_reject() {
            ("rejects", "rejected")
        } else {
            ("fulfils", "fulfilled")
        };
        (format!("{word} {}", settle.value().inspect()), kind)
    };
    match &task.behaviour {
        Behaviour::Timer { delay_ms, settle } => {
            let (words, kind) = settles(settle);
            (format!("{delay_ms} ms, {words}"), kind)
        }
        Behaviour::Settled(settle) => {
            let (words, kind) = settles(settle);
            (format!("already settled: {words}"), kind)
        }
        Behaviour::Plain(value) => (format!("plain value {}", value.inspect()), "fulfilled"),
        Behaviour::Never => ("never settles".into(), "pending"),
    }
}

/// The read-only task list.
#[function_component]
pub fn TaskSummary(props: &TaskSummaryProps) -> Html {
    let Ok(scenario) = props.compiled.as_ref() else {
        return html! {};
    };
    let count = scenario.tasks.len();
    let lines: Vec<Html> = scenario
        .tasks
        .iter()
        .take(MAX_LINES)
        .enumerate()
        .map(|(i, task)| {
            let (words, kind) = describe(task);
            html! {
                <li key={i} class={classes!("summary-task", kind)} data-index={i.to_string()}>
                    <span class="task-number" aria-hidden="true">{ i + 1 }</span>
                    <bdi class="summary-label">{ task.label.clone() }</bdi>
                    <span class="summary-what">{ value_html(&words) }</span>
                </li>
            }
        })
        .collect();
    html! {
        <section class="panel task-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{ format!("Tasks ({count})") }</h2>
            if count == 0 {
                <p class="empty">{ "No tasks: an empty array." }</p>
            }
            <ol class="summary-list">{ lines }</ol>
            if count > MAX_LINES {
                <p class="note">{ format!("and {} more.", count - MAX_LINES) }</p>
            }
        </section>
    }
}
