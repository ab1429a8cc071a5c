//! One task's lane: its number and label on the left, then its bar, settle
//! marker, warnings and notes, and the delay handle for a timer task.
//!
//! A lane is its own component so that, when a batch of events arrives,
//! only the lanes it changed render again.

use super::geometry::{LaneGeom, LABEL_FONT, LABEL_X, NOTE_FONT};
use super::handle::{DelayHandle, DelayHandleProps};
use super::scale::fixed;
use super::shapes;
use super::view::TaskLine;
use yew::prelude::*;

/// Properties of [`Lane`].
#[derive(Properties, PartialEq)]
pub struct LaneProps {
    /// What the lane shows.
    pub line: TaskLine,
    /// Where it goes.
    pub geom: LaneGeom,
    /// The delay handle, for a timer task.
    #[prop_or_default]
    pub handle: Option<DelayHandleProps>,
}

/// A task's lane.
#[function_component]
pub fn Lane(props: &LaneProps) -> Html {
    let LaneProps { line, geom, handle } = props;
    let cy = geom.cy;
    let text_y = fixed(geom.label_y, 1);
    // A running bar is on the live layer, above the lanes.
    let bar = geom
        .bar
        .filter(|b| !b.live)
        .map(|b| shapes::bar(b, cy, line.status));
    let marker = geom.marker.map(|m| shapes::marker(m, cy));
    let warning = geom.warn_x.map(|x| shapes::warning(x, cy));
    let late = geom.late_x.map(|x| shapes::late(x, cy));
    let note = geom.note.as_ref().map(|n| shapes::note(n, cy));
    let handle = handle.clone().map(|p| html! { <DelayHandle ..p /> });
    html! {
        <g class="lane" data-task={line.index.to_string()} data-status={line.status.attr()}
            data-outcome={line.outcome.attr()}>
            <text class="lane-number" x="20" y={text_y.clone()} text-anchor="end" aria-hidden="true">
                { line.index + 1 }
            </text>
            // Never cut: the frame makes room for the longest label. The
            // label is isolated, so right-to-left text keeps its own order.
            <text class="lane-label" x={fixed(LABEL_X, 1)} y={text_y} aria-hidden="true"
                font-size={fixed(LABEL_FONT, 1)}>
                <tspan class="user-text">{ line.label.clone() }</tspan>
            </text>
            <g class="lane-marks" role="img" aria-label={line.describe()}
                font-size={fixed(NOTE_FONT, 1)}>
                { bar }{ late }{ marker }{ warning }{ note }
            </g>
            // Drawn last, so nothing covers what is grabbed.
            { handle }
        </g>
    }
}
