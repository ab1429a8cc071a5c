//! The first page: a fixed task set and one Run button per combinator.

use super::state::{Action, Playground};
use crate::engine::{self, RunHandle, RunOptions};
use crate::model::run::RunRecord;
use crate::model::{Combinator, Settle};
use yew::prelude::*;

const COMBINATORS: [Combinator; 4] = [
    Combinator::All,
    Combinator::AllSettled,
    Combinator::Race,
    Combinator::Any,
];

/// The playground.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(Playground::default);
    // The handle owns the run: replacing it stops the previous one.
    let handle = use_mut_ref(|| None::<RunHandle>);

    let run = |combinator: Combinator| {
        let state = state.clone();
        let handle = handle.clone();
        Callback::from(move |_| {
            let run = state.next_run;
            let options = RunOptions::default();
            state.dispatch(Action::RunStarted {
                run,
                combinator,
                speed: options.speed,
            });
            let mut scenario = state.scenario.clone();
            scenario.combinator = combinator;
            let sink = state.dispatcher();
            *handle.borrow_mut() = Some(engine::start(run, &scenario, options, move |event| {
                sink.dispatch(Action::Engine { event })
            }));
        })
    };

    let tasks = state.scenario.tasks.iter().map(|t| {
        let delay = t.behaviour.delay_ms().unwrap_or(0);
        let settle = t.behaviour.settle().map(|s| match s {
            Settle::Fulfil(v) => format!("fulfils with {v}"),
            Settle::Reject(e) => format!("rejects with {e}"),
        });
        html! { <li>{ format!("{}: after {delay} ms {}", t.label, settle.unwrap_or_default()) }</li> }
    });
    let buttons = COMBINATORS.iter().map(|c| {
        html! {
            <button type="button" data-combinator={c.keyword()} onclick={run(*c)}>
                { format!("Run {}", c.title()) }
            </button>
        }
    });

    html! {
        <main class="demo">
            <h1>{ "Promise Playground" }</h1>
            <p>{ "Three tasks, each a real timer bridged to a real JavaScript promise:" }</p>
            <ul class="tasks">{ for tasks }</ul>
            <div class="actions">{ for buttons }</div>
            { state.run.as_ref().map(outcome).unwrap_or_default() }
        </main>
    }
}

fn outcome(record: &RunRecord) -> Html {
    let order = record.settle_order.iter().filter_map(|&i| {
        let task = record.scenario.tasks.get(i)?;
        let (at, settle) = record.tasks.get(i)?.settled.as_ref()?;
        let verb = if settle.is_reject() {
            "rejected"
        } else {
            "fulfilled"
        };
        Some(html! {
            <li data-task={i.to_string()}>
                { format!("{} {verb} at {at:.0} ms with {}", task.label, settle.value()) }
            </li>
        })
    });
    let result = match &record.result {
        None if record.is_finished() => "pending — never settles".to_string(),
        None => "…".to_string(),
        Some(r) => match &r.settle {
            Settle::Fulfil(v) => format!("fulfilled: {}", v.inspect()),
            Settle::Reject(e) => format!("rejected: {}", e.inspect()),
        },
    };
    html! {
        <section id="run" aria-live="polite" data-run={record.run.to_string()}
            data-finished={record.is_finished().to_string()}>
            <h2>{ format!("{} settle order", record.scenario.combinator.title()) }</h2>
            <ol id="settle-order">{ for order }</ol>
            <h2>{ "Result" }</h2>
            <pre id="result">{ result }</pre>
            if let Some(error) = &record.error {
                <p role="alert">{ error }</p>
            }
        </section>
    }
}
