//! The timeline as a table (placeholder).

use super::state::Playground;
use yew::prelude::*;

/// Properties of [`TimelineTable`].
#[derive(Properties, PartialEq)]
pub struct TimelineTableProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// The timeline's data as a table.
#[function_component]
pub fn TimelineTable(props: &TimelineTableProps) -> Html {
    let _ = &props.state;
    html! { <table id="timeline-table"></table> }
}
