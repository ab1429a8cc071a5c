//! The small SVG pieces the timeline is drawn with: bars, settle markers,
//! the unhandled-rejection warning, the hatching for time spent after the
//! combinator settled, and the few words and lines drawn across lanes. Outcomes differ in shape as well as colour, so they
//! read without colour too; the colours come from `static/timeline.css`.

use super::geometry::{
    BarGeom, Frame, MarkerGeom, MessageGeom, NoteGeom, MARK_LABEL_Y, MESSAGE_FONT,
};
use super::scale::fixed;
use super::scale::Tick;
use super::view::Status;
use yew::prelude::*;

/// The height of a bar.
const BAR_H: f64 = 12.0;

/// The id of the hatching pattern (one timeline per page).
pub const HATCH_ID: &str = "timeline-hatch";

fn n(v: f64) -> String {
    fixed(v, 1)
}

fn at(x: f64, y: f64) -> String {
    format!("translate({} {})", fixed(x, 1), fixed(y, 1))
}

/// The `<defs>` the pieces refer to.
pub fn defs() -> Html {
    html! {
        <defs>
            <pattern id={HATCH_ID} width="6" height="6" patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)">
                <rect class="hatch-bg" width="6" height="6" />
                <line class="hatch-line" x1="1" y1="0" x2="1" y2="6" />
            </pattern>
        </defs>
    }
}

/// A bar; the part after the combinator's mark is drawn hatched.
pub fn bar(b: BarGeom, cy: f64, status: Status) -> Html {
    let y = n(cy - BAR_H / 2.0);
    let main_end = b.split.unwrap_or(b.x1);
    let class = classes!(
        "bar",
        status.attr(),
        b.open.then_some("open"),
        b.stopped.then_some("stopped"),
        b.aborted.then_some("aborted")
    );
    // An aborted bar ends in a cross: its work was called off.
    let cross = b.aborted.then(|| {
        let (x, r) = (b.x1, 5.0);
        html! {
            <path class="abort-cross" d={format!("M{} {} L{} {} M{} {} L{} {}",
                n(x - r), n(cy - r), n(x + r), n(cy + r), n(x + r), n(cy - r), n(x - r), n(cy + r))} />
        }
    });
    // A stopped bar ends in a bar across it, where the run was stopped.
    let cap = b.stopped.then(|| {
        html! {
            <line class="stop-cap" x1={n(b.x1)} x2={n(b.x1)} y1={n(cy - BAR_H / 2.0 - 3.0)}
                y2={n(cy + BAR_H / 2.0 + 3.0)} />
        }
    });
    let after = b.split.map(|s| {
        let class = classes!("bar", "after-mark", b.open.then_some("open"));
        html! {
            <rect class={class} x={n(s)} y={y.clone()} width={n((b.x1 - s).max(0.0))}
                height={n(BAR_H)} rx="3" fill={format!("url(#{HATCH_ID})")} />
        }
    });
    html! {
        <>
            <rect class={class} x={n(b.x0)} y={y.clone()} width={n((main_end - b.x0).max(0.0))}
                height={n(BAR_H)} rx="3" />
            { after }{ cap }{ cross }
        </>
    }
}

/// A settle marker: a circle with a check, or a diamond with a cross.
pub fn marker(m: MarkerGeom, cy: f64) -> Html {
    let outcome = if m.rejected { "rejected" } else { "fulfilled" };
    let class = classes!("marker", outcome, m.planned.then_some("planned"));
    let shape = if m.rejected {
        html! {
            <>
                <rect class="shape" x="-6.5" y="-6.5" width="13" height="13" rx="1.5"
                    transform="rotate(45)" />
                <path class="glyph" d="M-3.4 -3.4 L3.4 3.4 M3.4 -3.4 L-3.4 3.4" />
            </>
        }
    } else {
        html! {
            <>
                <circle class="shape" r="8" />
                <path class="glyph" d="M-3.8 0.2 L-1.2 2.8 L3.9 -2.7" />
            </>
        }
    };
    html! { <g class={class} transform={at(m.x, cy)}>{ shape }</g> }
}

/// The warning for an unhandled rejection: a triangle with an exclamation mark.
pub fn warning(x: f64, cy: f64) -> Html {
    html! {
        <g class="unhandled-mark" transform={at(x, cy)}>
            <path class="shape" d="M0 -8.5 L8.5 6.5 L-8.5 6.5 Z" />
            <path class="glyph" d="M0 -3.6 V1.4 M0 3.7 V3.9" />
        </g>
    }
}

/// The moment a late handler came: a dotted tick across the bar's line.
pub fn late(x: f64, cy: f64) -> Html {
    html! {
        <line class="late-mark" x1={n(x)} x2={n(x)} y1={n(cy - 12.0)} y2={n(cy + 12.0)} />
    }
}

/// Words in a lane, with a halo so they stay legible over a bar.
pub fn note(note: &NoteGeom, cy: f64) -> Html {
    let class = classes!("lane-note", note.warn.then_some("warn"));
    let anchor = if note.end_anchor { "end" } else { "start" };
    html! {
        <text class={class} x={n(note.x)} y={n(cy + 4.0)} text-anchor={anchor}>
            { note.text.clone() }
        </text>
    }
}

/// Faint bands behind every other lane, to follow a lane across.
pub fn bands(rows: usize, frame: &Frame) -> Html {
    (1..rows)
        .step_by(2)
        .map(|row| {
            html! {
                <rect class="band" x="0" y={n(frame.lane_top(row))} width={n(frame.width)}
                    height={n(frame.lane_h())} />
            }
        })
        .collect()
}

/// Faint lines down through the lanes at each tick, to read a bar's end
/// against the axis above.
pub fn grid(ticks: &[Tick], bottom: f64) -> Html {
    let lines = ticks.iter().map(|t| {
        html! { <line class="grid" x1={n(t.x)} x2={n(t.x)} y1="0" y2={n(bottom)} /> }
    });
    html! { <g class="grid-lines" aria-hidden="true">{ for lines }</g> }
}

/// The combinator's line down through the lanes, at the moment it settled;
/// its label is in the head.
pub fn mark_line(x: f64, bottom: f64, rejected: bool, predicted: bool) -> Html {
    let class = classes!(
        "combinator-line",
        if rejected { "rejected" } else { "fulfilled" },
        predicted.then_some("predicted")
    );
    html! { <line class={class} x1={n(x)} x2={n(x)} y1="0" y2={n(bottom)} aria-hidden="true" /> }
}

/// What the combinator is doing when it has no mark (yet), at the top right.
pub fn status(words: &str, right: f64) -> Html {
    html! {
        <text class="combinator-status" x={n(right)} y={n(MARK_LABEL_Y)} text-anchor="end"
            aria-hidden="true">{ words.to_string() }</text>
    }
}

/// A message where the lanes would be, a line a `tspan`.
pub fn message(m: &MessageGeom) -> Html {
    let lines = m.lines.iter().enumerate().map(|(i, line)| {
        let dy = if i == 0 { 0.0 } else { m.line_h };
        html! { <tspan x={n(m.x)} dy={n(dy)}>{ line.clone() }</tspan> }
    });
    html! {
        <text class="timeline-message" x={n(m.x)} y={n(m.y)} font-size={fixed(MESSAGE_FONT, 1)}>
            { for lines }
        </text>
    }
}
