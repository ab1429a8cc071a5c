//! The tasks being edited, one row each, and the button to add one.

use super::controls::modifier;
use super::draft::DraftErrors;
use super::draft::TaskDraft;
use super::shared::Shared;
use super::state::{Action, Compiled, Playground};
use super::task_row::TaskRow;
use super::LONG_LIST;
use std::collections::HashMap;
use yew::prelude::*;

/// More rows than this are edited in the text view instead: a page of
/// 10 000 forms helps nobody.
const MAX_ROWS: usize = 100;

/// Properties of [`TaskList`]: what it draws, so that a run's events do
/// not draw the rows again.
#[derive(Properties, PartialEq)]
pub struct TaskListProps {
    /// The rows.
    pub tasks: Shared<Vec<TaskDraft>>,
    /// The rows compiled: their problems, if any.
    pub compiled: Shared<Compiled>,
    /// The label of the task removed last, and how many can come back.
    pub removed: Option<(String, usize)>,
    /// Where edits go.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// The editor for the task set.
#[function_component]
pub fn TaskList(props: &TaskListProps) -> Html {
    let TaskListProps {
        tasks,
        compiled,
        removed,
        dispatcher,
    } = props;
    let problems: &Compiled = compiled;
    let errors: HashMap<u32, &DraftErrors> = problems
        .as_ref()
        .err()
        .map(|p| p.iter().map(|(id, e)| (*id, e)).collect())
        .unwrap_or_default();
    // One callback for every row, kept across renders, so that a row whose
    // fields did not change is not drawn again.
    let dispatch = use_callback(dispatcher.clone(), |action: Action, d| d.dispatch(action));
    let count = tasks.len();
    let rows: Vec<Html> = tasks
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
    let removed = removed.as_ref().map(|(label, count)| {
        let label = label.clone();
        let more = count - 1;
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
            <ol class={classes!("task-list", (count > LONG_LIST).then_some("long"))}>{ rows }</ol>
            if count > MAX_ROWS {
                <p class="note">{ format!("{} more tasks are not shown here; edit them in the text view.", count - MAX_ROWS) }</p>
            }
            <button type="button" id="add-task" class="secondary" onclick={add}>{ "+ Add task" }</button>
        </section>
    }
}
