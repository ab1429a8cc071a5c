//! Everything that happened in the latest run, numbered, with its time.

use super::state::Playground;
use crate::model::run::RunRecord;
use crate::model::{Event, EventKind, Settle};
use yew::prelude::*;

/// The log lists this many entries at most; the report has them all.
const MAX_ENTRIES: usize = 500;

/// Properties of [`SettleLog`].
#[derive(Properties, PartialEq)]
pub struct SettleLogProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

fn settle_words(settle: &Settle) -> String {
    match settle {
        Settle::Fulfil(v) => format!("fulfilled with {}", v.inspect()),
        Settle::Reject(e) => format!("rejected with {}", e.inspect()),
    }
}

/// One log line for an event, or `None` for events not worth a line.
pub fn describe(record: &RunRecord, event: &Event) -> Option<(String, &'static str)> {
    let label = |task: usize| match record.scenario.tasks.get(task) {
        Some(t) => format!("{} (task {})", t.label, task + 1),
        None => format!("task {}", task + 1),
    };
    let title = record.scenario.combinator.title();
    Some(match &event.kind {
        EventKind::TaskSettled { task, settle } => {
            let kind = if settle.is_reject() {
                "rejected"
            } else {
                "fulfilled"
            };
            (format!("{} {}", label(*task), settle_words(settle)), kind)
        }
        EventKind::CombinatorSettled { settle } => {
            (format!("{title} {}", settle_words(settle)), "combinator")
        }
        EventKind::Unhandled { task } => (
            format!(
                "{}: the browser reports an unhandled rejection",
                label(*task)
            ),
            "unhandled",
        ),
        EventKind::HandledLate { task } => (
            format!("{}: the rejection was handled late", label(*task)),
            "handled-late",
        ),
        EventKind::HiddenTab => (
            "The tab was hidden: timers were slowed down".into(),
            "warning",
        ),
        EventKind::RunError { message } => (format!("The run failed: {message}"), "error"),
        EventKind::TaskStarted { .. } | EventKind::RunFinished { .. } => return None,
    })
}

/// The numbered log.
#[function_component]
pub fn SettleLog(props: &SettleLogProps) -> Html {
    let Some(record) = &props.state.run else {
        return Html::default();
    };
    let lines: Vec<(f64, String, &str)> = record
        .events
        .iter()
        .filter_map(|e| {
            describe(record, e).map(|(text, kind)| (record.shown_ms(e.t_ms), text, kind))
        })
        .collect();
    let total = lines.len();
    let items: Vec<Html> = lines
        .into_iter()
        .take(MAX_ENTRIES)
        .map(|(at, text, kind)| {
            html! {
                <li class={kind}><span class="at">{ format!("{at:.0} ms") }</span>{ " " }<span>{ text }</span></li>
            }
        })
        .collect();
    html! {
        <section class="panel log" aria-labelledby="log-title">
            <h2 id="log-title">{ "What happened, in order" }</h2>
            if total == 0 {
                <p class="muted">{ "Nothing has settled yet." }</p>
            }
            <ol id="settle-log">{ items }</ol>
            if total > MAX_ENTRIES {
                <p class="note">{ format!("{} more entries are in the run report.", total - MAX_ENTRIES) }</p>
            }
        </section>
    }
}
