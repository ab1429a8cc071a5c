//! Says what just happened to screen reader users, through a polite live
//! region that is visually hidden.

use super::settle_log::describe;
use super::state::Playground;
use yew::prelude::*;

/// Properties of [`Announcer`].
#[derive(Properties, PartialEq)]
pub struct AnnouncerProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// How many of the latest events are spoken together; events arrive in
/// batches, and reading out a long list helps nobody.
const SPOKEN: usize = 3;

/// The live region.
#[function_component]
pub fn Announcer(props: &AnnouncerProps) -> Html {
    let text = props.state.run.as_ref().map_or_else(String::new, |record| {
        let mut lines: Vec<String> = record
            .events
            .iter()
            .rev()
            .filter_map(|e| {
                describe(record, e)
                    .map(|(text, _)| format!("{text}, at {:.0} ms.", e.t_ms * record.speed))
            })
            .take(SPOKEN)
            .collect();
        lines.reverse();
        if record.finished_at.is_some() && record.result.is_none() {
            lines.push(format!(
                "{} never settles.",
                record.scenario.combinator.title()
            ));
        }
        lines.join(" ")
    });
    html! { <div id="announcer" class="sr-only" aria-live="polite" aria-atomic="true">{ text }</div> }
}
