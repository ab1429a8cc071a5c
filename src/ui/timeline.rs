//! The live timeline (placeholder until the SVG view lands).

use super::state::Playground;
use yew::prelude::*;

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The playground: tasks, the latest run, and where to send new delays.
    pub state: UseReducerHandle<Playground>,
}

/// One lane per task, bars growing in real time.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let _ = &props.state;
    html! { <svg id="timeline"></svg> }
}
