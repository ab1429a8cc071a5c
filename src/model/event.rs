//! What happens during a run, as the engine reports it.
//!
//! Events are ordered by `seq`, taken when the thing happened; `t_ms` only
//! annotates (milliseconds of real time since the run started). Every event
//! carries the id of its run so that a superseded run's stragglers can be told
//! apart and dropped.

use super::scenario::Settle;

/// Identifies one run; a new run gets a larger id.
pub type RunId = u32;

/// One thing that happened during a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The run it belongs to.
    pub run: RunId,
    /// Its place in the run, from 0, without gaps.
    pub seq: u32,
    /// Real milliseconds since the run started (`performance.now()`).
    pub t_ms: f64,
    /// What happened.
    pub kind: EventKind,
}

/// The kinds of event a run produces.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The task's operation began (its timer was set, or its value was made).
    TaskStarted {
        /// The task's index.
        task: usize,
    },
    /// The task's promise fulfilled or rejected.
    TaskSettled {
        /// The task's index.
        task: usize,
        /// How, and with what.
        settle: Settle,
    },
    /// The task's work was aborted through the run's `AbortController`
    /// (its timer cleared) before it settled on its own; its promise
    /// rejected with the signal's `AbortError`.
    TaskAborted {
        /// The task's index.
        task: usize,
    },
    /// The combinator's promise (or the loop) settled.
    CombinatorSettled {
        /// How, and with what, in JavaScript's shape.
        settle: Settle,
    },
    /// The browser fired `unhandledrejection` for this task's promise.
    Unhandled {
        /// The task's index.
        task: usize,
    },
    /// The browser fired `rejectionhandled`: a handler came late.
    HandledLate {
        /// The task's index.
        task: usize,
    },
    /// The tab was hidden during the run, so timers were throttled.
    HiddenTab,
    /// Something went wrong in the engine; the run cannot be trusted.
    RunError {
        /// What went wrong, for people.
        message: String,
    },
    /// Every task that can settle has, and so has the combinator if it
    /// ever will. Only the browser's own rejection reports ([`Unhandled`],
    /// [`HandledLate`]) may still follow, when a busy page delayed them.
    ///
    /// [`Unhandled`]: EventKind::Unhandled
    /// [`HandledLate`]: EventKind::HandledLate
    RunFinished {
        /// Tasks that started and will never settle.
        pending: Vec<usize>,
        /// Tasks that never started (a loop stopped before them).
        not_started: Vec<usize>,
    },
}

impl EventKind {
    /// The task this event is about, if any.
    pub fn task(&self) -> Option<usize> {
        match self {
            EventKind::TaskStarted { task }
            | EventKind::TaskSettled { task, .. }
            | EventKind::TaskAborted { task }
            | EventKind::Unhandled { task }
            | EventKind::HandledLate { task } => Some(*task),
            _ => None,
        }
    }
}
