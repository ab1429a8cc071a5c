//! Everything that happened in the latest run, numbered, with its time.

use super::shared::Shared;
use super::timeline::scale::format_ms;
use super::user_text::{parts_html, Part};
use super::LONG_LIST;
use crate::model::run::RunRecord;
use crate::model::{Event, EventKind, Settle};
use yew::prelude::*;

/// The log lists this many entries at most; the report has them all.
const MAX_ENTRIES: usize = 500;

/// Properties of [`SettleLog`].
#[derive(Properties, PartialEq)]
pub struct SettleLogProps {
    /// The latest run: the log is drawn again only when it changes.
    pub run: Option<Shared<RunRecord>>,
}

fn settle_words(settle: &Settle) -> [Part; 2] {
    let (words, value) = match settle {
        Settle::Fulfil(v) => ("fulfilled with ", v),
        Settle::Reject(e) => ("rejected with ", e),
    };
    [Part::Words(words.into()), Part::Value(value.inspect())]
}

/// One log line for an event, in parts (what people wrote kept apart), or
/// `None` for events not worth a line.
pub fn describe(record: &RunRecord, event: &Event) -> Option<(Vec<Part>, &'static str)> {
    if !logged(event) {
        return None;
    }
    let label = |task: usize, then: &str| match record.scenario.tasks.get(task) {
        Some(t) => vec![
            Part::Label(t.label.clone()),
            Part::Words(format!(" (task {}){then}", task + 1)),
        ],
        None => vec![Part::Words(format!("task {}{then}", task + 1))],
    };
    let title = record.scenario.combinator.title();
    let words = |s: &str| vec![Part::Words(s.to_string())];
    Some(match &event.kind {
        EventKind::TaskSettled { task, settle } => {
            let kind = if settle.is_reject() {
                "rejected"
            } else {
                "fulfilled"
            };
            let mut parts = label(*task, " ");
            parts.extend(settle_words(settle));
            (parts, kind)
        }
        EventKind::CombinatorSettled { settle } => {
            let mut parts = words(&format!("{title} "));
            parts.extend(settle_words(settle));
            (parts, "combinator")
        }
        EventKind::TaskAborted { task } => (
            label(
                *task,
                " was aborted: its timer was cleared, and its promise rejected with an AbortError",
            ),
            "aborted",
        ),
        EventKind::Unhandled { task } => (
            label(*task, ": the browser reports an unhandled rejection"),
            "unhandled",
        ),
        EventKind::HandledLate { task } => (
            label(*task, ": the rejection was handled late"),
            "handled-late",
        ),
        EventKind::HiddenTab => (
            words("The tab was hidden: timers were slowed down"),
            "warning",
        ),
        EventKind::RunError { message } => (words(&format!("The run failed: {message}")), "error"),
        EventKind::TaskStarted { .. } | EventKind::RunFinished { .. } => return None,
    })
}

/// Whether `event` gets a line in the log: what [`describe`] words.
fn logged(event: &Event) -> bool {
    !matches!(
        event.kind,
        EventKind::TaskStarted { .. } | EventKind::RunFinished { .. }
    )
}

/// The numbered log.
#[function_component]
pub fn SettleLog(props: &SettleLogProps) -> Html {
    let Some(record) = props.run.as_deref() else {
        return Html::default();
    };
    // Only the entries shown are worded: a 10 000-task run has twice as
    // many events, and the log is drawn again with every batch.
    let total = record.events.iter().filter(|e| logged(e)).count();
    let lines = record.events.iter().filter_map(|e| {
        describe(record, e).map(|(text, kind)| (record.shown_ms(e.t_ms), text, kind))
    });
    // Keyed by position: entries are only ever added at the end, and the
    // keys let the browser keep every earlier entry as it is (an unkeyed
    // list is matched from its end, and every line would be rewritten).
    let items: Vec<Html> = lines
        .into_iter()
        .take(MAX_ENTRIES)
        .enumerate()
        .map(|(i, (at, text, kind))| {
            html! {
                <li key={i} class={kind}><span class="at">{ format_ms(at) }</span>{ " " }<span>{ parts_html(&text) }</span></li>
            }
        })
        .collect();
    html! {
        <section class="panel log" aria-labelledby="log-title">
            <h2 id="log-title">{ "What happened, in order" }</h2>
            if total == 0 {
                <p class="muted">{ "Nothing has settled yet." }</p>
            }
            <ol id="settle-log" class={(total > LONG_LIST).then_some("long")}>{ items }</ol>
            if total > MAX_ENTRIES {
                <p class="note">{ format!("{} more entries are in the run report.", total - MAX_ENTRIES) }</p>
            }
        </section>
    }
}
