//! The tasks being edited, one row each, and the button to add one.

use super::controls::modifier;
use super::draft::DraftErrors;
use super::state::{Action, Playground};
use super::task_row::TaskRow;
use std::collections::HashMap;
use yew::prelude::*;

/// More rows than this are edited in the text view instead: a page of
/// 10 000 forms helps nobody.
const MAX_ROWS: usize = 100;

/// Properties of [`TaskList`].
#[derive(Properties, PartialEq)]
pub struct TaskListProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// The editor for the task set.
#[function_component]
pub fn TaskList(props: &TaskListProps) -> Html {
    let state = &props.state;
    let errors: HashMap<u32, &DraftErrors> = state
        .scenario()
        .err()
        .unwrap_or_default()
        .iter()
        .map(|(id, e)| (*id, e))
        .collect();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let count = state.tasks.len();
    let rows: Vec<Html> = state
        .tasks
        .iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(index, draft)| {
            html! {
                <TaskRow key={draft.id} draft={draft.clone()} {index} {count}
                    errors={errors.get(&draft.id).map(|e| (*e).clone())} dispatch={dispatch.clone()} />
            }
        })
        .collect();
    let add = dispatch.reform(|_: MouseEvent| Action::AddTask);
    let undo = dispatch.reform(|_: MouseEvent| Action::UndoRemove);
    // The latest removal, said where it happened, with the way back.
    let removed = state.removed.last().map(|r| {
        let label = r.draft.label.clone();
        let more = state.removed.len() - 1;
        html! {
            <p class="undo-line" id="undo-line" role="status">
                { "Removed " }<bdi class="user-text">{ label }</bdi>{ "." }
                if more > 0 {
                    { format!(" ({more} more can come back.)") }
                }
                <button type="button" id="undo-remove" class="secondary" onclick={undo}>{ "Undo" }</button>
                <span class="hint">{ format!("{}+Z", modifier()) }</span>
            </p>
        }
    });
    html! {
        <section class="panel tasks" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{ format!("Tasks ({count})") }</h2>
            { removed }
            if count == 0 {
                <p class="empty">{ "No tasks: every combinator still has an answer for an empty array. Add one to compare." }</p>
            }
            <ol class="task-list">{ rows }</ol>
            if count > MAX_ROWS {
                <p class="note">{ format!("{} more tasks are not shown here; edit them in the text view.", count - MAX_ROWS) }</p>
            }
            <button type="button" id="add-task" class="secondary" onclick={add}>{ "+ Add task" }</button>
        </section>
    }
}
