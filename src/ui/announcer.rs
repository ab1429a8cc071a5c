//! Says what just happened to screen reader users, through a polite live
//! region that is visually hidden. Each event is its own line, added once,
//! and only additions are read: nothing is announced twice.

use super::settle_log::describe;
use super::shared::Shared;
use super::timeline::scale::format_ms;
use super::user_text::plain;
use crate::model::run::RunRecord;
use yew::prelude::*;

/// Properties of [`Announcer`].
#[derive(Properties, PartialEq)]
pub struct AnnouncerProps {
    /// The latest run.
    pub run: Option<Shared<RunRecord>>,
}

/// Lines kept in the region; older ones were read already.
const KEPT: usize = 4;

/// The newest lines worth saying, each with a key that never changes.
fn lines(record: &RunRecord) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = record
        .events
        .iter()
        .rev()
        .filter_map(|e| {
            let (parts, _) = describe(record, e)?;
            let text = plain(&parts);
            let key = format!("{}-{}", record.run, e.seq);
            Some((
                key,
                format!("{text}, at {}.", format_ms(record.shown_ms(e.t_ms))),
            ))
        })
        .take(KEPT)
        .collect();
    lines.reverse();
    if record.finished_at.is_some() && record.result.is_none() {
        let title = record.scenario.combinator.title();
        lines.push((
            format!("{}-never", record.run),
            format!("{title} never settles."),
        ));
    }
    lines
}

/// The live region.
#[function_component]
pub fn Announcer(props: &AnnouncerProps) -> Html {
    let lines: Vec<Html> = props
        .run
        .as_deref()
        .map(lines)
        .unwrap_or_default()
        .into_iter()
        .map(|(key, text)| html! { <p {key}>{ text }</p> })
        .collect();
    html! {
        <div id="announcer" class="sr-only" aria-live="polite" aria-relevant="additions">{ lines }</div>
    }
}
