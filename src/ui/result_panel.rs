//! The combinator's outcome, as a JavaScript console would print it, with
//! the run's report to take away.

use super::report_actions::ReportActions;
use super::state::Playground;
use crate::model::run::RunRecord;
use crate::model::Settle;
use yew::prelude::*;

/// Lines longer than this are spread out, as consoles do.
const WIDTH: usize = 60;

/// Properties of [`ResultPanel`].
#[derive(Properties, PartialEq)]
pub struct ResultPanelProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// A heading and the console text for the latest run.
fn describe(record: &RunRecord, stopped: bool) -> (String, String, &'static str) {
    let title = record.scenario.combinator.title();
    match &record.result {
        Some(r) => {
            let at = record.shown_ms(r.at_ms);
            match &r.settle {
                Settle::Fulfil(v) => (
                    format!("{title} fulfilled after {at:.0} ms with"),
                    v.inspect_pretty(WIDTH),
                    "fulfilled",
                ),
                Settle::Reject(e) => (
                    format!("{title} rejected after {at:.0} ms with"),
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
    let state = &props.state;
    let Some(record) = &state.run else {
        return html! {
            <section id="result" class="panel result" data-status="none" aria-labelledby="result-title">
                <h2 id="result-title">{ "Result" }</h2>
                <p id="result-status" class="muted">{ "Run the tasks to see what the combinator gives back." }</p>
                <ReportActions state={state.clone()} />
            </section>
        };
    };
    let (status, console, kind) = describe(record, state.stopped);
    let stale = !state.run_is_current();
    html! {
        <section id="result" class="panel result" data-status={kind} aria-labelledby="result-title">
            <h2 id="result-title">{ "Result" }</h2>
            <p id="result-status">{ status }</p>
            if !console.is_empty() {
                <pre id="result-value" class={classes!("console", kind)}>{ console }</pre>
            }
            if stale {
                <p class="note">{ "The tasks changed since this run: run again to see their result." }</p>
            }
            <ReportActions state={state.clone()} />
        </section>
    }
}
