//! The timeline as a table: the same lines the timeline draws, with every
//! time and value in words, for screen readers, for copying, and for
//! scenarios too big to draw.

use super::chunk::{load, use_chunk, Chunk, LoadFailed, View as ChunkView};
use super::state::Playground;
use super::timeline::use_timeline_plan;
use super::timeline::view::{Mode, View, MAX_ROWS};
use super::timeline::TableRow;
use yew::prelude::*;

/// Properties of [`TimelineTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineTableProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// What the table is about, and what the combinator did.
fn caption(view: &View) -> String {
    let title = view.combinator.title();
    let tasks = match view.total {
        1 => "1 task".to_string(),
        n => format!("{n} tasks"),
    };
    let head = match view.mode {
        Mode::Plan { .. } => format!("Plan of {tasks} under {title}, as the rules predict it"),
        Mode::Run { running: true, .. } => format!("Run of {tasks} under {title}, so far"),
        Mode::Run { .. } => format!("Latest run of {tasks} under {title}"),
        Mode::Invalid { .. } => {
            return format!("{tasks} under {title}: fix the marked tasks to see their timing")
        }
    };
    let result = match (&view.mark, view.mode) {
        (Some(m), _) => m.label(title),
        (None, Mode::Plan { .. }) => format!("predicted: {title} never settles"),
        (None, Mode::Run { running: true, .. }) => format!("{title} has not settled yet"),
        (None, _) => format!("{title} did not settle"),
    };
    let speed = match super::timeline::view::speed_note(view.speed) {
        Some(note) => format!(" Times are shown {note}."),
        None => String::new(),
    };
    format!("{head}. {result}.{speed}")
}

/// The table, from a chunk of its own loaded the first time its fold
/// opens.
#[function_component]
pub fn TimelineTable(props: &TimelineTableProps) -> Html {
    use_chunk(&TABLE, true).draw(|| props.clone())
}

/// The table's view. In a release build this function and all it alone
/// uses (the caption, the rows in words) are cut into a chunk (see
/// [`super::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(table, fallible))]
fn table_view() -> Result<ChunkView<TimelineTableProps>, LoadFailed> {
    Ok(|props| html! { <Table ..props /> })
}

/// The table, loaded the first time its fold opens.
pub(super) static TABLE: Chunk<TimelineTableProps> = Chunk::new(
    "table",
    "Loading the table…",
    "The table could not be loaded: check the connection, then try again.",
    load!(table_view),
);

/// The timeline's data as a table.
#[function_component]
fn Table(props: &TimelineTableProps) -> Html {
    let state = &props.state;
    let plan = use_timeline_plan(state);
    let view = use_memo(state.clone(), move |s| View::build(s, &plan, MAX_ROWS));
    let rows: Vec<Html> = view
        .lines
        .iter()
        .map(|line| html! { <TableRow key={line.index} line={line.clone()} /> })
        .collect();
    let shown = view.lines.len();
    let more = (view.total > shown && shown > 0).then(|| html! {
        <p class="note">{ format!("Showing the first {shown} of {} tasks; the run report lists them all.", view.total) }</p>
    });
    html! {
        <div class="timeline-table-wrap">
            <table id="timeline-table" data-mode={view.mode_attr()}>
                <caption>{ caption(&view) }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{ "#" }</th>
                        <th scope="col">{ "Task" }</th>
                        <th scope="col" class="num">{ "Starts" }</th>
                        <th scope="col" class="num">{ "Settles" }</th>
                        <th scope="col">{ "Outcome" }</th>
                        <th scope="col">{ "Value or reason" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            { more }
        </div>
    }
}
