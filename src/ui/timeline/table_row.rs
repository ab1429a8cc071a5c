//! One row of the timeline's table. A component of its own so that a run's
//! batches of events only re-render the rows that changed.

use super::scale::format_ms;
use super::view::{End, Status, TaskLine};
use crate::ui::user_text::value_html;
use yew::prelude::*;

/// Properties of [`TableRow`].
#[derive(Properties, PartialEq)]
pub struct TableRowProps {
    /// The task.
    pub line: TaskLine,
}

/// When it settles, in words.
fn settles(line: &TaskLine) -> String {
    match line.end {
        Some(End::Settled(t)) => format_ms(t),
        Some(End::Now) => "…".into(),
        Some(End::Cursor(t)) => format!("running at {}", format_ms(t)),
        Some(End::Aborted(t)) => format!("aborted at {}", format_ms(t)),
        Some(End::Open) if line.status == Status::Planned => "never".into(),
        Some(End::Stopped(t)) => format!("stopped at {}", format_ms(t)),
        Some(End::Open) | None => "—".into(),
    }
}

/// A row: number, label, start, settle, outcome with notes, value or reason.
#[function_component]
pub fn TableRow(props: &TableRowProps) -> Html {
    let line = &props.line;
    let starts = line.start.map_or_else(|| "—".to_string(), format_ms);
    let notes: Vec<Html> = line
        .notes()
        .into_iter()
        .map(|note| html! { <span class={classes!("tag", note.replace(' ', "-"))}>{ note }</span> })
        .collect();
    let value = line.value.as_ref().map(|v| v.inspect()).unwrap_or_default();
    html! {
        <tr data-task={line.index.to_string()} data-status={line.status.attr()}>
            <td class="num">{ line.index + 1 }</td>
            <th scope="row"><bdi class="user-text">{ line.label.clone() }</bdi></th>
            <td class="num">{ starts }</td>
            <td class="num">{ settles(line) }</td>
            <td class={classes!("outcome", line.outcome.attr())}>{ line.outcome_word() }{ for notes }</td>
            <td><code>{ value_html(&value) }</code></td>
        </tr>
    }
}
