//! A hook that measures how wide the timeline's box is, so the SVG can use
//! one viewBox unit per CSS pixel: text then keeps its size on a phone
//! instead of shrinking with the drawing.

use gloo_events::EventListener;
use yew::prelude::*;

/// The width assumed before the first measurement.
const DEFAULT_WIDTH: f64 = 720.0;
/// Below this the drawing is laid out at this width and scaled down.
const MIN_WIDTH: f64 = 280.0;

fn measure(node: &NodeRef) -> Option<f64> {
    let width = f64::from(node.cast::<web_sys::Element>()?.client_width());
    (width > 0.0).then_some(width.max(MIN_WIDTH))
}

/// The width of `node` in CSS pixels, measured after each render in which
/// `key` changed and whenever the window is resized.
#[hook]
pub fn use_width<K: PartialEq + 'static>(node: &NodeRef, key: K) -> f64 {
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with(key, move |_| {
            if let Some(px) = measure(&node) {
                width.set(px);
            }
        });
    }
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "resize", move |_| {
                    if let Some(px) = measure(&node) {
                        width.set(px);
                    }
                })
            });
            move || drop(listener)
        });
    }
    *width
}
