//! One task's lane: its number and label on the left, then its bar, settle
//! marker, warnings and notes, and the delay handle for a timer task.
//!
//! A lane is its own component so that, while a run animates, only the
//! lanes whose bars are still growing render again.

use super::geometry::{LaneGeom, NOTE_FONT};
use super::handle::{DelayHandle, DelayHandleProps};
use super::scale::truncate;
use super::shapes;
use super::view::TaskLine;
use yew::prelude::*;

/// The size of the label text.
const LABEL_FONT: f64 = 12.5;
/// Where the label starts, after the task number.
const LABEL_X: f64 = 28.0;

/// Properties of [`Lane`].
#[derive(Properties, PartialEq)]
pub struct LaneProps {
    /// What the lane shows.
    pub line: TaskLine,
    /// Where it goes.
    pub geom: LaneGeom,
    /// The label column's width.
    pub label_w: f64,
    /// The delay handle, for a timer task.
    #[prop_or_default]
    pub handle: Option<DelayHandleProps>,
}

/// A task's lane.
#[function_component]
pub fn Lane(props: &LaneProps) -> Html {
    let LaneProps {
        line,
        geom,
        label_w,
        handle,
    } = props;
    let cy = geom.cy();
    let text_y = format!("{:.1}", cy + 4.0);
    let label = truncate(&line.label, label_w - LABEL_X - 8.0, LABEL_FONT);
    let bar = geom.bar.map(|b| shapes::bar(b, cy, line.status));
    let marker = geom.marker.map(|m| shapes::marker(m, cy));
    let warning = geom.warn_x.map(|x| shapes::warning(x, cy));
    let late = geom.late_x.map(|x| shapes::late(x, geom.top));
    let note = geom.note.as_ref().map(|n| shapes::note(n, cy));
    let handle = handle.clone().map(|p| html! { <DelayHandle ..p /> });
    // Long labels are cut short in the drawing; the full one is in the
    // tooltip, the lane's description and the table.
    let title = (label != line.label).then(|| html! { <title>{ line.label.clone() }</title> });
    html! {
        <g class="lane" data-task={line.index.to_string()} data-status={line.status.attr()}
            data-outcome={line.outcome.attr()}>
            <text class="lane-number" x="20" y={text_y.clone()} text-anchor="end" aria-hidden="true">
                { line.index + 1 }
            </text>
            <text class="lane-label" x={LABEL_X.to_string()} y={text_y} aria-hidden="true"
                font-size={LABEL_FONT.to_string()}>
                { label }{ title }
            </text>
            <g class="lane-marks" role="img" aria-label={line.describe()}
                font-size={NOTE_FONT.to_string()}>
                { bar }{ late }{ marker }{ warning }{ note }
            </g>
            // Drawn last, so nothing covers what is grabbed.
            { handle }
        </g>
    }
}
