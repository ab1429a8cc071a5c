//! The time axis in the timeline's head: tick labels over the axis line.
//! The grid lines under it are drawn in the lanes (`shapes::grid`).

use super::geometry::{AXIS_Y, TICK_LABEL_Y};
use super::scale::fixed;
use super::scale::Tick;
use yew::prelude::*;

/// Properties of [`Axis`].
#[derive(Properties, PartialEq)]
pub struct AxisProps {
    /// The ticks, left to right.
    pub ticks: Vec<Tick>,
    /// Where the axis line starts and ends.
    pub left: f64,
    /// See `left`.
    pub right: f64,
}

/// The axis; purely visual (the table has the numbers).
#[function_component]
pub fn Axis(props: &AxisProps) -> Html {
    let n = |v: f64| fixed(v, 1);
    let ticks: Vec<Html> = props
        .ticks
        .iter()
        .map(|t| {
            html! {
                <>
                    <line class="tick" x1={n(t.x)} x2={n(t.x)} y1={n(AXIS_Y - 4.0)} y2={n(AXIS_Y)} />
                    <text class="tick-label" x={n(t.x)} y={n(TICK_LABEL_Y)} text-anchor="middle">
                        { t.label.clone() }
                    </text>
                </>
            }
        })
        .collect();
    html! {
        <g class="axis" aria-hidden="true">
            { for ticks }
            <line class="axis-line" x1={n(props.left)} x2={n(props.right)} y1={n(AXIS_Y)} y2={n(AXIS_Y)} />
        </g>
    }
}
