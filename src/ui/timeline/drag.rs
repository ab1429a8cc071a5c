//! A hook for dragging something along the timeline's axis with a mouse, a
//! pen or a finger: it captures the pointer on press, reports the moment
//! under the pointer as it moves, and lets go on release or cancel.
//!
//! While a drag lasts the timeline's scale is frozen (through `freeze`),
//! otherwise the axis would stretch under the pointer as a delay grows.

use super::scale::Scale;
use web_sys::{Element, PointerEvent, SvgElement};
use yew::prelude::*;

/// The pointer handlers for the dragged element.
pub struct AxisDrag {
    /// For `onpointerdown`.
    pub down: Callback<PointerEvent>,
    /// For `onpointermove`.
    pub moved: Callback<PointerEvent>,
    /// For `onpointerup`, `onpointercancel` and `onlostpointercapture`.
    pub end: Callback<PointerEvent>,
}

/// Drag handlers for `grip`, reporting to `on_moment` the virtual ms under
/// the pointer on `scale`. `svg` and its viewBox width turn client pixels
/// into SVG units.
#[hook]
pub fn use_axis_drag(
    grip: &NodeRef,
    svg: &NodeRef,
    scale: Scale,
    view_width: f64,
    freeze: &UseStateSetter<Option<Scale>>,
    on_moment: Callback<f64>,
) -> AxisDrag {
    let dragging = use_mut_ref(|| false);
    {
        // If the grip goes away mid-drag, its capture goes too: unfreeze.
        let (dragging, freeze) = (dragging.clone(), freeze.clone());
        use_effect_with((), move |_| {
            move || {
                if *dragging.borrow() {
                    freeze.set(None);
                }
            }
        });
    }
    let down = {
        let (grip, dragging, freeze) = (grip.clone(), dragging.clone(), freeze.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(el) = grip.cast::<SvgElement>().filter(|_| e.button() == 0) else {
                return;
            };
            // No text selection, and no page scrolling under a finger.
            e.prevent_default();
            let _ = el.set_pointer_capture(e.pointer_id());
            let _ = el.focus();
            *dragging.borrow_mut() = true;
            freeze.set(Some(scale));
        })
    };
    let moved = {
        let (svg, dragging) = (svg.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(svg) = svg.cast::<Element>().filter(|_| *dragging.borrow()) else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() > 0.0 {
                let x = (f64::from(e.client_x()) - rect.left()) * view_width / rect.width();
                on_moment.emit(scale.ms_at(x));
            }
        })
    };
    let end = {
        let (grip, dragging, freeze) = (grip.clone(), dragging, freeze.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = grip.cast::<Element>() {
                if el.has_pointer_capture(e.pointer_id()) {
                    let _ = el.release_pointer_capture(e.pointer_id());
                }
            }
            if dragging.replace(false) {
                freeze.set(None);
            }
        })
    };
    AxisDrag { down, moved, end }
}
