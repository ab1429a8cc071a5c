//! One task in the editor, as a compact row: the label and the row's
//! buttons on one line; how it starts, its delay, how it ends and its value
//! on the next. Fields hold exactly what was typed, and a problem is said
//! under the row, tied to the field it concerns.

use super::draft::{DraftErrors, TaskDraft};
use super::row_focus::{focus_neighbour, keep_focus};
use super::row_icons::{icon, COPY, DOWN, REMOVE, UP};
use super::state::{Action, Edit};
use super::user_text::isolate_literals;
use crate::model::{OutcomeKind, StartKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`TaskRow`].
#[derive(Properties, PartialEq)]
pub struct TaskRowProps {
    /// The row's fields.
    pub draft: TaskDraft,
    /// Its position, from 0.
    pub index: usize,
    /// How many rows there are.
    pub count: usize,
    /// What is wrong with it, if anything.
    pub errors: Option<DraftErrors>,
    /// Where its actions go.
    pub dispatch: Callback<Action>,
}

const STARTS: [(StartKind, &str, &str); 3] = [
    (StartKind::Timer, "timer", "timer"),
    (StartKind::Settled, "settled", "settled"),
    (StartKind::Plain, "plain", "plain"),
];
const OUTCOMES: [(OutcomeKind, &str, &str); 3] = [
    (OutcomeKind::Fulfil, "fulfil", "fulfils"),
    (OutcomeKind::Reject, "reject", "rejects"),
    (OutcomeKind::Never, "never", "never"),
];

fn input_edit(
    dispatch: &Callback<Action>,
    id: u32,
    make: fn(String) -> Edit,
) -> Callback<InputEvent> {
    dispatch.reform(move |e: InputEvent| Action::Edit {
        id,
        edit: make(e.target_unchecked_into::<HtmlInputElement>().value()),
    })
}

fn select_edit<K: Copy + 'static>(
    dispatch: &Callback<Action>,
    id: u32,
    list: &'static [(K, &str, &str)],
    make: fn(K) -> Edit,
) -> Callback<Event> {
    dispatch.reform(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        let kind = list
            .iter()
            .find(|(_, v, _)| *v == value)
            .map_or(list[0].0, |(k, _, _)| *k);
        Action::Edit {
            id,
            edit: make(kind),
        }
    })
}

fn options<K: PartialEq>(list: &[(K, &'static str, &'static str)], current: &K) -> Vec<Html> {
    list.iter()
        .map(|(k, value, text)| html! { <option value={*value} selected={k == current}>{ *text }</option> })
        .collect()
}

/// A field's problem, tied to the field by id for screen readers.
fn problem(id: &str, message: Option<&String>) -> Html {
    message.map_or_else(
        Html::default,
        |m| html! { <p class="field-error" id={id.to_string()}>{ m.clone() }</p> },
    )
}

/// One editable task.
#[function_component]
pub fn TaskRow(props: &TaskRowProps) -> Html {
    let TaskRowProps {
        draft,
        index,
        count,
        errors,
        dispatch,
    } = props;
    let (id, n) = (draft.id, index + 1);
    let errors = errors.clone().unwrap_or_default();
    let never = draft.outcome == OutcomeKind::Never;
    let timed = draft.start == StartKind::Timer && !never;
    let field = |name: &str| format!("task-{id}-{name}");
    let err_id = |name: &str| format!("task-{id}-{name}-error");
    let described = |name: &str, e: &Option<String>| e.as_ref().map(|_| err_id(name));
    let act = |action: Action| dispatch.reform(move |_: MouseEvent| action.clone());
    let moved = |by: isize| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            dispatch.emit(Action::MoveTask { id, by });
            keep_focus(e.target());
        })
    };
    let remove = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            focus_neighbour(e.target());
            dispatch.emit(Action::RemoveTask { id });
        })
    };
    let value_name = if draft.outcome == OutcomeKind::Reject {
        "reason"
    } else {
        "value"
    };

    html! {
        <li class="task" data-index={index.to_string()} data-invalid={(!errors.is_empty()).to_string()}>
            <div class="task-head">
                <span class="task-number" aria-hidden="true">{ n }</span>
                <label class="sr-only" for={field("label")}>{ format!("Label of task {n}") }</label>
                <input id={field("label")} name="label" class="label-input" value={draft.label.clone()} dir="auto"
                    aria-invalid={errors.label.is_some().to_string()} aria-describedby={described("label", &errors.label)}
                    oninput={input_edit(dispatch, id, Edit::Label)} />
                <div class="row-actions" role="group" aria-label={format!("Task {n}")}>
                    <button type="button" data-action="up" aria-disabled={(*index == 0).to_string()} aria-label={format!("Move task {n} up")} onclick={moved(-1)}>{ icon(UP) }</button>
                    <button type="button" data-action="down" aria-disabled={(n == *count).to_string()} aria-label={format!("Move task {n} down")} onclick={moved(1)}>{ icon(DOWN) }</button>
                    <button type="button" data-action="duplicate" aria-label={format!("Duplicate task {n}")} onclick={act(Action::DuplicateTask { id })}>{ icon(COPY) }</button>
                    <button type="button" data-action="remove" aria-label={format!("Remove task {n}")} onclick={remove}>{ icon(REMOVE) }</button>
                </div>
            </div>
            <div class="task-fields">
                <select name="start" aria-label={format!("How task {n} starts")} disabled={never}
                    onchange={select_edit(dispatch, id, &STARTS, Edit::Start)}>{ options(&STARTS, &draft.start) }</select>
                <span class="delay">
                    if timed {
                        <input name="delay" type="number" inputmode="numeric" min="0" max="600000" step="10"
                            value={draft.delay.clone()} aria-label={format!("Delay of task {n} in ms")}
                            aria-invalid={errors.delay.is_some().to_string()}
                            aria-describedby={described("delay", &errors.delay)} oninput={input_edit(dispatch, id, Edit::Delay)} />
                        <span class="unit" aria-hidden="true">{ "ms" }</span>
                    }
                </span>
                <select name="outcome" aria-label={format!("How task {n} ends")}
                    onchange={select_edit(dispatch, id, &OUTCOMES, Edit::Outcome)}>{ options(&OUTCOMES, &draft.outcome) }</select>
                if !never {
                    <input name="value" class="value" value={isolate_literals(&draft.value)} spellcheck="false" dir="ltr"
                        aria-label={format!("The {value_name} of task {n}")} placeholder={value_name}
                        aria-invalid={errors.value.is_some().to_string()}
                        aria-describedby={described("value", &errors.value)} oninput={input_edit(dispatch, id, Edit::Value)} />
                }
            </div>
            { problem(&err_id("label"), errors.label.as_ref()) }
            { problem(&err_id("delay"), errors.delay.as_ref()) }
            { problem(&err_id("outcome"), errors.outcome.as_ref()) }
            { problem(&err_id("value"), errors.value.as_ref()) }
        </li>
    }
}
