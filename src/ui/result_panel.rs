//! The combinator's outcome, as a JavaScript console would print it, with
//! the run's report to take away.

use super::report_actions::ReportActions;
use super::shared::Shared;
use super::state::Playground;
use super::timeline::scale::format_ms;
use super::user_text::value_html;
use crate::model::run::RunRecord;
use crate::model::scenario::speed_word;
use crate::model::Settle;
use yew::prelude::*;

/// Lines longer than this are spread out, as consoles do.
const WIDTH: usize = 60;

/// Properties of [`ResultPanel`]: what it draws, so that an edit to the
/// tasks does not write out a big result again.
#[derive(Properties, PartialEq)]
pub struct ResultPanelProps {
    /// The latest run.
    pub run: Option<Shared<RunRecord>>,
    /// Whether it was stopped by hand.
    pub stopped: bool,
    /// What changed in the tasks since that run, if anything.
    pub changed: Option<String>,
    /// Where the report buttons send their notices.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// A heading and the console text for the latest run.
fn describe(record: &RunRecord, stopped: bool) -> (String, String, &'static str) {
    let title = record.scenario.combinator.title();
    match &record.result {
        Some(r) => {
            let at = record.shown_ms(r.at_ms);
            // At another speed, say which milliseconds these are.
            let at = match speed_word(record.speed).filter(|_| record.speed != 1.0) {
                Some(word) => format!(
                    "{} (the scenario's time; {} of real time at {word}×)",
                    format_ms(at),
                    format_ms(r.at_ms)
                ),
                None => format_ms(at),
            };
            match &r.settle {
                Settle::Fulfil(v) => (
                    format!("{title} fulfilled after {at} with"),
                    v.inspect_pretty(WIDTH),
                    "fulfilled",
                ),
                Settle::Reject(e) => (
                    format!("{title} rejected after {at} with"),
                    // Awaited by the playground, so handled: no "Uncaught".
                    e.inspect_pretty(WIDTH),
                    "rejected",
                ),
            }
        }
        None if stopped => (
            format!("{title}: stopped before it settled"),
            String::new(),
            "stopped",
        ),
        None if record.is_finished() => (
            format!("{title} is still pending"),
            "pending — never settles".into(),
            "pending",
        ),
        None => (
            format!("{title} is waiting…"),
            "Promise { <pending> }".into(),
            "running",
        ),
    }
}

/// The result of the latest run.
#[function_component]
pub fn ResultPanel(props: &ResultPanelProps) -> Html {
    let ResultPanelProps {
        run,
        stopped,
        changed,
        dispatcher,
    } = props;
    // Written once per run and stop, not on every edit beside it: a result
    // of 10 000 records is long to write out.
    let written = use_memo((run.clone(), *stopped), |(run, stopped)| {
        let (status, console, kind) = describe(run.as_ref()?, *stopped);
        let console = (!console.is_empty()).then(|| value_html(&console));
        Some((status, console, kind))
    });
    let actions = html! { <ReportActions run={run.clone()} dispatcher={dispatcher.clone()} /> };
    let Some((status, console, kind)) = (*written).clone() else {
        return html! {
            <section id="result" class="panel result" data-status="none" aria-labelledby="result-title">
                <h2 id="result-title">{ "Result" }</h2>
                <p id="result-status" class="muted">{ "Run the tasks to see what the combinator gives back." }</p>
                { actions }
            </section>
        };
    };
    html! {
        <section id="result" class="panel result" data-status={kind} aria-labelledby="result-title">
            <h2 id="result-title">{ "Result" }</h2>
            <p id="result-status">{ status }</p>
            if let Some(console) = console {
                <pre id="result-value" class={classes!("console", kind)}>{ console }</pre>
            }
            if let Some(changed) = changed {
                <p class="note" id="result-stale">{ format!("Since this run, {changed}: run again to see what that gives.") }</p>
            }
            { actions }
        </section>
    }
}
