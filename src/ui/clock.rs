//! The run's clock: when the current run began and how long it has been
//! going, and whether the person asked for reduced motion (then the
//! timeline moves only when events arrive). Callers should never draw
//! "now" before an event they already received.

use crate::model::RunId;
use crate::platform;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

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

/// A run's clock, read at a render.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunClock {
    /// When the run began, on the page's clock (`performance.now()`, which
    /// is also the clock of the document's animations).
    pub origin: f64,
    /// Real milliseconds since then.
    pub elapsed: f64,
}

/// The clock of run `run` while it is `running`; `None` otherwise.
///
/// `began` is when the engine started the run, once the runner knows it.
/// Before that (and where no runner is involved, as in tests), the clock
/// counts from the first render that saw the run.
///
/// Nothing here re-renders on its own: between events the live layer
/// moves by itself (see `timeline/live.rs`), on the compositor, so the
/// page does no work on the frames in which the run's timers are due.
#[hook]
pub fn use_run_clock(run: Option<RunId>, running: bool, began: Option<f64>) -> Option<RunClock> {
    let first_seen = use_memo(run, |_| platform::now_ms());
    running.then(|| {
        let origin = began.unwrap_or(*first_seen);
        RunClock {
            origin,
            elapsed: (platform::now_ms() - origin).max(0.0),
        }
    })
}

/// Renders the component again at `at`, on the page's clock, if that is
/// still to come.
#[hook]
pub fn use_wake_at(at: Option<f64>) {
    let tick = use_state(|| 0u32);
    use_effect_with(at.map(f64::to_bits), move |_| {
        let timeout = at.map(|at| {
            let wait = (at - platform::now_ms()).clamp(0.0, f64::from(u32::MAX >> 1));
            Timeout::new(wait.ceil() as u32, move || tick.set(tick.wrapping_add(1)))
        });
        move || drop(timeout)
    });
}
