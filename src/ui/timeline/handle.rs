//! The grip at the end of a timer task's bar: a slider for the task's
//! delay. Drag it (mouse, pen or touch) or focus it and use the arrow keys;
//! each change is sent to the reducer as `Action::SetDelay`.

use super::drag::use_axis_drag;
use super::geometry::GRIP_REACH;
use super::scale::fixed;
use super::scale::{format_ms, key_step, nudge_delay, round_delay, text_width, Scale};
use super::view::Knob;
use crate::model::scenario::MAX_DELAY_MS;
use crate::ui::state::{Action, Playground};
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Properties of [`DelayHandle`].
#[derive(Properties, PartialEq, Clone)]
pub struct DelayHandleProps {
    /// The task's index.
    pub index: usize,
    /// The task's label, for the accessible name.
    pub label: AttrValue,
    /// The delay and where the timer starts.
    pub knob: Knob,
    /// Where the grip is drawn.
    pub x: f64,
    /// The lane's middle line.
    pub cy: f64,
    /// The scale the grip is dragged along.
    pub scale: Scale,
    /// The SVG's width in viewBox units.
    pub view_width: f64,
    /// The SVG, to turn pointer positions into viewBox units.
    pub svg: NodeRef,
    /// Where new delays go.
    pub dispatcher: UseReducerDispatcher<Playground>,
    /// Freezes the timeline's scale while dragging (`Some`), then lets it
    /// go (`None`).
    pub on_drag: UseStateSetter<Option<Scale>>,
}

/// The size of the value shown while the grip has focus.
const VALUE_FONT: f64 = 11.0;
/// From the lane's middle line to the value's baseline above it (or to
/// its top below it).
const VALUE_GAP: f64 = 17.0;

/// A slider for one timer task's delay.
#[function_component]
pub fn DelayHandle(props: &DelayHandleProps) -> Html {
    let grip = use_node_ref();
    let Knob {
        id,
        delay_ms,
        start_ms,
    } = props.knob;
    let set = {
        let dispatcher = props.dispatcher.clone();
        move |ms: u32| {
            if ms != delay_ms {
                dispatcher.dispatch(Action::SetDelay { id, ms });
            }
        }
    };
    let drag = {
        let set = set.clone();
        let on_moment = Callback::from(move |ms: f64| set(round_delay(ms - start_ms)));
        use_axis_drag(
            &grip,
            &props.svg,
            props.scale,
            props.view_width,
            &props.on_drag,
            on_moment,
        )
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if let Some(step) = key_step(&e.key(), e.shift_key()) {
            e.prevent_default();
            set(nudge_delay(delay_ms, step));
        }
    });
    let name = format!("Delay of task {}, {}", props.index + 1, props.label);
    // The value shows above the grip while it has focus (so while dragged),
    // or below it in the first lane, where above is under the axis; near
    // the right edge it is drawn leftwards so it stays in view.
    let value = format_ms(f64::from(delay_ms));
    let value_y = if props.cy >= VALUE_GAP + VALUE_FONT {
        -VALUE_GAP
    } else {
        VALUE_GAP + VALUE_FONT
    };
    let near_edge = props.x + text_width(&value, VALUE_FONT) / 2.0 + 4.0 > props.view_width;
    let (value_x, anchor) = if near_edge {
        ("6", "end")
    } else {
        ("0", "middle")
    };
    let reach = |k: f64| fixed(k * GRIP_REACH, 0);
    html! {
        <g ref={grip} class="delay-handle" data-task={props.index.to_string()} tabindex="0"
            role="slider" aria-label={name} aria-orientation="horizontal"
            aria-valuemin="0" aria-valuemax={MAX_DELAY_MS.to_string()}
            aria-valuenow={delay_ms.to_string()} aria-valuetext={value.clone()}
            transform={format!("translate({} {})", fixed(props.x, 1), fixed(props.cy, 1))}
            onpointerdown={drag.down} onpointermove={drag.moved} onpointerup={drag.end.clone()}
            onpointercancel={drag.end.clone()} onlostpointercapture={drag.end} {onkeydown}>
            // `GRIP_REACH` either side: what lies beside a marker keeps out of it.
            <rect class="hit" x={reach(-1.0)} y="-16" width={reach(2.0)} height="32" />
            <rect class="focus-ring" x={reach(-1.0)} y="-15" width={reach(2.0)} height="30" rx="7" />
            // Two bars either side of the end marker: grabbable, and the
            // marker's shape stays in view between them.
            <rect class="grip" x="-13" y="-11" width="4" height="22" rx="2" />
            <rect class="grip" x="9" y="-11" width="4" height="22" rx="2" />
            <text class="handle-value" x={value_x} y={fixed(value_y, 0)} text-anchor={anchor}
                font-size={fixed(VALUE_FONT, 1)} aria-hidden="true">{ value }</text>
        </g>
    }
}
