//! The head of the mark at the moment the combinator settled: a flag on the
//! axis and a label saying what it did ("Promise.all rejected · 150 ms") in
//! the outcome's colour. Its line down through the lanes is drawn with
//! them (`shapes::mark_line`), dashed when it is only the prediction.

use super::geometry::{AXIS_Y, MARK_LABEL_Y};
use super::scale::fixed;
use super::scale::text_width;
use yew::prelude::*;

/// The size of the label.
const FONT: f64 = 12.5;

/// Properties of [`CombinatorMark`].
#[derive(Properties, PartialEq)]
pub struct CombinatorMarkProps {
    /// Where.
    pub x: f64,
    /// The long label, and a shorter one for narrow screens.
    pub label: AttrValue,
    /// See `label`.
    pub short_label: AttrValue,
    /// Whether it rejected.
    pub rejected: bool,
    /// Whether this is a prediction.
    pub predicted: bool,
    /// The SVG's width.
    pub width: f64,
}

/// Where the label goes next to a line at `x`: the long one to the right of
/// the line when there is room, else to its left; failing both, the short
/// one the same way; failing that, the short one as near the line as fits.
fn place(x: f64, labels: [&str; 2], width: f64) -> (&str, f64, &'static str) {
    for label in labels {
        // Bold text runs wider than the estimate for regular text.
        let w = text_width(label, FONT) * 1.1;
        if x + 6.0 + w <= width - 4.0 {
            return (label, x + 6.0, "start");
        }
        if x - 6.0 - w >= 4.0 {
            return (label, x - 6.0, "end");
        }
    }
    let short = labels[1];
    let w = text_width(short, FONT) * 1.1;
    (
        short,
        (x - w / 2.0).min((width - 4.0 - w).max(4.0)).max(4.0),
        "start",
    )
}

/// The combinator's mark.
#[function_component]
pub fn CombinatorMark(props: &CombinatorMarkProps) -> Html {
    let (text, tx, anchor) = place(props.x, [&props.label, &props.short_label], props.width);
    let outcome = if props.rejected {
        "rejected"
    } else {
        "fulfilled"
    };
    let class = classes!(
        "combinator-mark",
        outcome,
        props.predicted.then_some("predicted")
    );
    let n = |v: f64| fixed(v, 1);
    let flag = format!("M{} {} l-5 -7 h10 Z", n(props.x), n(AXIS_Y));
    html! {
        <g class={class} data-outcome={outcome} aria-hidden="true">
            <path class="flag" d={flag} />
            <text x={n(tx)} y={n(MARK_LABEL_Y)} text-anchor={anchor} font-size={fixed(FONT, 1)}>
                { text.to_string() }
            </text>
        </g>
    }
}
