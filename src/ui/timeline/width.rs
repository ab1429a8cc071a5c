//! A hook that knows how wide the timeline's box is, so the SVG can use one
//! viewBox unit per CSS pixel: text then keeps its size on a phone instead
//! of shrinking with the drawing.
//!
//! The width comes from a `ResizeObserver`, which reports only when the box
//! really changes size. Asking the box after every render instead would make
//! the browser lay the page out again in the middle of a live run, tens of
//! times a second.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;
use yew::prelude::*;

/// The width assumed before the first measurement.
const DEFAULT_WIDTH: f64 = 720.0;
/// Below this the drawing is laid out at this width and scaled down.
const MIN_WIDTH: f64 = 280.0;

/// The width of `node` in CSS pixels, kept up to date while it is mounted.
#[hook]
pub fn use_width(node: &NodeRef) -> f64 {
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let element = node.cast::<web_sys::Element>();
            let set = move |px: f64| {
                if px > 0.0 {
                    width.set(px.max(MIN_WIDTH));
                }
            };
            let watch = element.and_then(|element| {
                // At once, then on every change of size.
                set(f64::from(element.client_width()));
                // The observer reports after layout, so reading the box's
                // own width there costs nothing extra and matches the first
                // reading (padding included).
                let watched = element.clone();
                let callback = Closure::<dyn FnMut()>::new(move || {
                    set(f64::from(watched.client_width()));
                });
                let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = watch {
                    observer.disconnect();
                }
            }
        });
    }
    *width
}
