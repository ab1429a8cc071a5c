//! An animation clock: how long the current run has been going, re-read on
//! every animation frame while it runs, so that bars grow smoothly between
//! the engine's batches of events.
//!
//! Time is measured with `performance.now()` from the first render that saw
//! the run's id, which is when `RunStarted` reached the reducer: within a
//! millisecond or so of the engine's own start. Callers should never draw
//! "now" before an event they already received.
//!
//! People who ask for reduced motion get no frame loop: the clock is read
//! only when the component renders anyway, that is when events arrive.

use crate::model::RunId;
use gloo_events::EventListener;
use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

fn performance_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn motion_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(REDUCED_MOTION).ok()?
}

/// Whether the person asked for reduced motion; follows changes to the
/// setting while the page is open.
#[hook]
pub fn use_reduced_motion() -> bool {
    let reduced = use_state_eq(|| motion_query().is_some_and(|q| q.matches()));
    {
        let reduced = reduced.clone();
        use_effect_with((), move |_| {
            let listener = motion_query().map(|query| {
                let target = query.clone();
                EventListener::new(&query, "change", move |_| reduced.set(target.matches()))
            });
            move || drop(listener)
        });
    }
    *reduced
}

/// Real milliseconds since run `run` started, while `running`; `None`
/// otherwise. While running (and motion is welcome) the component
/// re-renders on every animation frame.
#[hook]
pub fn use_clock(run: Option<RunId>, running: bool) -> Option<f64> {
    let origin = use_memo(run, |_| performance_now());
    let reduced = use_reduced_motion();
    let frame = use_state(|| 0u32);
    let animate = running && !reduced;
    {
        let frame = frame.clone();
        use_effect_with((animate, *frame), move |&(animate, count)| {
            // The handle cancels the frame when dropped, so the clean-up
            // (a new frame, a finished run, an unmount) stops the loop.
            let pending: Option<AnimationFrame> =
                animate.then(|| request_animation_frame(move |_| frame.set(count.wrapping_add(1))));
            move || drop(pending)
        });
    }
    running.then(|| (performance_now() - *origin).max(0.0))
}
