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
use crate::platform;
use futures::future::{AbortHandle, Abortable};
use gloo_events::EventListener;
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
/// re-renders on every animation frame, except the frames just before one
/// of the run's timers is due, which `pace` tells (drawing then would make
/// that timer late).
#[hook]
pub fn use_clock(
    run: Option<RunId>,
    running: bool,
    pace: Option<Callback<(), Option<f64>>>,
) -> Option<f64> {
    let origin = use_memo(run, |_| performance_now());
    let reduced = use_reduced_motion();
    let frame = use_state(|| 0u32);
    let animate = running && !reduced;
    {
        let frame = frame.clone();
        use_effect_with((animate, *frame), move |&(animate, count)| {
            // Aborted by the clean-up (a new frame, a finished run, an
            // unmount), which stops the loop.
            let pending = animate.then(|| {
                let (handle, registration) = AbortHandle::new_pair();
                let tick = async move {
                    loop {
                        platform::next_frame(FRAME_CAP_MS).await;
                        let due = pace.as_ref().and_then(|p| p.emit(()));
                        if due.is_some_and(|ms| ms < QUIET_MS) {
                            continue;
                        }
                        frame.set(count.wrapping_add(1));
                        break;
                    }
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = Abortable::new(tick, registration).await;
                });
                handle
            });
            move || {
                if let Some(handle) = pending {
                    handle.abort();
                }
            }
        });
    }
    running.then(|| (performance_now() - *origin).max(0.0))
}

/// Where no animation frame comes, the clock moves after this long.
const FRAME_CAP_MS: u32 = 100;
/// A frame is skipped when a timer is due sooner than this, in real ms.
const QUIET_MS: f64 = 8.0;
