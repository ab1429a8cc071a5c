//! The live layer: the bars of the tasks still running, over the lanes,
//! shown up to the run's clock, with the "now" line at that edge.
//!
//! Each running bar is drawn once, to the axis end, inside a window whose
//! right edge is "now". The window slides right with the clock and the
//! drawing slides back by as much, so the bars stay put while more of them
//! shows. Both slides are animations of `transform` that the browser runs
//! on its compositor, timed from the run's own start: between batches of
//! events the page does no work at all, so drawing the run never makes one
//! of its timers late. Events re-render the layer (a settled task leaves
//! it); only a change of axis restarts the slides.
//!
//! With reduced motion the slides hold still at "now", and move only when
//! events arrive.
//!
//! Positions are set through animations, never a `style` attribute, which
//! a strict Content-Security-Policy refuses.

use super::geometry::BarGeom;
use super::scale::{fixed, Scale};
use super::shapes;
use super::view::Status;
use crate::ui::clock::RunClock;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Animation, Element};
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An element, seen only for `animate(keyframes, options)`, which
    /// web-sys offers among its unstable APIs.
    type Animatable;
    #[wasm_bindgen(method)]
    fn animate(this: &Animatable, keyframes: &Array, options: &Object) -> Animation;
}

/// A plain object with `entries`.
fn object(entries: &[(&str, JsValue)]) -> Option<Object> {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value).ok()?;
    }
    Some(object)
}

/// Properties of [`LiveLayer`].
#[derive(Properties, PartialEq)]
pub struct LiveLayerProps {
    /// The running bars: each task's index, its bar and the line it sits on.
    pub bars: Vec<(usize, BarGeom, f64)>,
    /// The drawing's size, in viewBox units.
    pub width: f64,
    /// The drawing's height.
    pub height: f64,
    /// The axis.
    pub scale: Scale,
    /// The run's speed factor: virtual ms per real ms.
    pub speed: f64,
    /// The run's clock at this render.
    pub clock: RunClock,
    /// "Now" in virtual ms at this render (never before an event received).
    pub now: f64,
    /// Whether the edge slides between renders.
    pub animate: bool,
}

/// Where the window is when its edge is at `x`, as `translateX` percents of
/// the window (the slide) and of the drawing inside it (the slide back).
fn offsets(x: f64, width: f64) -> (f64, f64) {
    let edge = (x / width.max(1.0)).clamp(0.0, 1.0) * 100.0;
    (edge - 100.0, 100.0 - edge)
}

/// Slides `element` from `from` to `to` percent over `duration` real ms,
/// started at `origin` on the document's clock.
fn slide(element: &Element, from: f64, to: f64, duration: f64, origin: f64) -> Option<Animation> {
    let frame = |percent: f64| {
        let value = format!("translateX({}%)", fixed(percent, 3));
        object(&[("transform", value.into())])
    };
    let frames = Array::of2(&frame(from)?.into(), &frame(to)?.into());
    let options = object(&[("duration", duration.into()), ("fill", "forwards".into())])?;
    let animation = element
        .unchecked_ref::<Animatable>()
        .animate(&frames, &options);
    animation.set_start_time(Some(origin));
    Some(animation)
}

/// The bars of the running tasks, and "now".
#[function_component]
pub fn LiveLayer(props: &LiveLayerProps) -> Html {
    let LiveLayerProps {
        width,
        height,
        scale,
        speed,
        clock,
        now,
        animate,
        ..
    } = *props;
    let (window, drawing) = (use_node_ref(), use_node_ref());
    {
        let (window, drawing) = (window.clone(), drawing.clone());
        // Both slides go from 0 ms at the axis start to its end, timed from
        // the run's start: wherever the clock is when they are made, they
        // are there too. With reduced motion they hold still at "now".
        let key = (
            clock.origin.to_bits(),
            speed.to_bits(),
            scale.left.to_bits(),
            scale.right.to_bits(),
            scale.end_ms.to_bits(),
            width.to_bits(),
            (!animate).then_some(now.to_bits()),
        );
        use_effect_with(key, move |_| {
            let made = (|| {
                let (from, back_from) = offsets(scale.left, width);
                let (to, back_to) = offsets(scale.right, width);
                let duration = scale.end_ms / speed.max(1e-6);
                let window = slide(&window.cast()?, from, to, duration, clock.origin)?;
                let drawing = slide(&drawing.cast()?, back_from, back_to, duration, clock.origin)?;
                Some([window, drawing])
            })();
            for animation in made.iter().flatten().filter(|_| !animate) {
                let _ = animation.pause();
                animation.set_current_time(Some(now / speed.max(1e-6)));
            }
            move || {
                for animation in made.iter().flatten() {
                    animation.cancel();
                }
            }
        });
    }
    // Keyed by task: when one settles and leaves, the rest stay as they are.
    let bars = props.bars.iter().map(|&(task, bar, cy)| {
        html! { <g key={task}>{ shapes::bar(bar, cy, Status::Running) }</g> }
    });
    html! {
        <div class="timeline-live" aria-hidden="true">
            <div class="live-window" ref={window}>
                <svg ref={drawing} width="100%" height="100%"
                    viewBox={format!("0 0 {} {}", fixed(width, 0), fixed(height, 0))}>
                    { for bars }
                </svg>
                <div class="now-line"></div>
            </div>
        </div>
    }
}
