//! All six ways side by side: one task set run through `Promise.all`,
//! `allSettled`, `race`, `any`, the await loop and start-all-then-await-each
//! at once, six real runs on real timers, drawn on one time axis, with a
//! table of what each gave and when.

use super::axis::Axis;
use super::build::standing;
use super::geometry::{BarGeom, MarkerGeom, HEAD_H};
use super::scale::{format_ms, text_width, Scale};
use super::shapes;
use super::view::End;
use super::width::use_width;
use crate::engine::rust_ways::{self, RustRun, RustWay};
use crate::engine::{self, RunOptions};
use crate::model::run::RunRecord;
use crate::model::scenario::task_name;
use crate::model::{Combinator, RunId, Scenario};
use crate::ui::chunk::{load, use_chunk, Chunk, LoadFailed, View};
use crate::ui::export::ExportButtons;
use crate::ui::shared::Shared;
use crate::ui::state::{Action, Compiled, Playground};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Lanes drawn per way; past this a way says how many more tasks it has.
const MAX_LANES: usize = 12;
/// The height of a way's title row (two lines when narrow: the title, then
/// its outcome) and of each task's lane.
const TITLE_H: f64 = 26.0;
const NARROW_TITLE_H: f64 = 42.0;
const LANE_H: f64 = 20.0;
/// Below this width a way's outcome goes under its title.
const NARROW: f64 = 560.0;
/// Space below each way.
const GAP: f64 = 10.0;
const FONT: f64 = 12.0;

/// Properties of [`CompareView`].
#[derive(Properties, PartialEq, Clone)]
pub struct CompareViewProps {
    /// The tasks, or the problems that keep them from running.
    pub compiled: Shared<Compiled>,
    /// The timer speed.
    pub speed: f64,
    /// Whether each run aborts its tasks still at work when it settles.
    #[prop_or_default]
    pub abort: bool,
    /// Bumped to run the six again.
    pub round: u32,
    /// Where "Run all six" and "Back to one way" go.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

/// The six runs so far, by way (in [`Combinator::ALL`] order).
type Runs = Rc<Vec<Option<Rc<RunRecord>>>>;

/// The four Rust runs so far, in [`RustWay::ALL`] order.
type RustRuns = Rc<Vec<Option<RustRun>>>;

/// Run ids of their own, well clear of the main runner's.
const FIRST_RUN: RunId = 1 << 30;

/// The compare view, from a chunk of its own loaded when first shown.
#[function_component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let chunk = use_chunk(&COMPARE, true);
    if chunk.is_ready() {
        return chunk.draw(|| props.clone());
    }
    // Until then the panel's frame, with the way back.
    let dispatcher = props.dispatcher.clone();
    let back = Callback::from(move |_: MouseEvent| {
        dispatcher.dispatch(Action::SetView {
            view: crate::model::link::View::Timeline,
        })
    });
    html! {
        <section class="panel compare" id="compare-waiting" aria-labelledby="compare-title">
            <div class="compare-head">
                <h2 id="compare-title">{ "All six ways, side by side" }</h2>
                <div class="compare-controls">
                    <button type="button" class="secondary" id="compare-exit" onclick={back}>{ "Back to one way" }</button>
                </div>
            </div>
            { chunk.draw(|| props.clone()) }
        </section>
    }
}

/// The compare view's drawing. In a release build this function and all it
/// alone uses (the six runs, the Rust ways, the chart and the tables) are
/// cut into a chunk (see [`crate::ui::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(compare, fallible))]
fn compare_view() -> Result<View<CompareViewProps>, LoadFailed> {
    Ok(|props| html! { <Compare ..props /> })
}

/// The compare view, loaded the first time it is shown.
pub(crate) static COMPARE: Chunk<CompareViewProps> = Chunk::new(
    "compare",
    "Loading the comparison…",
    "The comparison could not be loaded: check the connection, then try again.",
    load!(compare_view),
);

/// The compare view: its controls, the drawing and the table.
#[function_component]
fn Compare(props: &CompareViewProps) -> Html {
    let runs = use_state(Runs::default);
    let rust = use_state(RustRuns::default);
    let round = use_mut_ref(|| 0u32);
    // Whether the runs shown aborted the rest.
    let aborting = use_mut_ref(|| false);
    {
        let (runs, rust, round) = (runs.clone(), rust.clone(), round.clone());
        let aborting = aborting.clone();
        let compiled = props.compiled.clone();
        let options = RunOptions {
            abort_rest: props.abort,
            ..RunOptions::at(props.speed)
        };
        let speed = props.speed;
        // On opening, and on every "Run all six".
        use_effect_with(props.round, move |_| {
            if let Ok(scenario) = compiled.as_ref() {
                *aborting.borrow_mut() = options.abort_rest;
                start(scenario, options, &runs, &round);
                start_rust(scenario, speed, &rust, &round);
            }
        });
    }
    let dispatcher = props.dispatcher.clone();
    let run_again = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::RunCompare))
    };
    let back = Callback::from(move |_: MouseEvent| {
        dispatcher.dispatch(Action::SetView {
            view: crate::model::link::View::Timeline,
        })
    });
    let done = runs.iter().filter(|r| r.is_some()).count();
    let labels: Rc<Vec<String>> = Rc::new(
        props
            .compiled
            .as_ref()
            .as_ref()
            .map(|s| s.tasks.iter().map(|t| t.label.clone()).collect())
            .unwrap_or_default(),
    );
    let status = match (props.compiled.as_ref(), done) {
        (Err(_), _) => "Fix the tasks marked in the editor to run them.".to_string(),
        (Ok(_), 6) => "All six have finished.".to_string(),
        (Ok(_), 0) if runs.is_empty() => "Not run yet".to_string(),
        (Ok(_), n) => format!("Running… {n} of 6 finished"),
    };
    let stale = runs
        .iter()
        .flatten()
        .next()
        .zip(props.compiled.as_ref().as_ref().ok())
        .is_some_and(|(run, now)| run.scenario.tasks != now.tasks)
        || (!runs.is_empty() && *aborting.borrow() != props.abort);
    html! {
        <section class="panel compare" id="compare" aria-labelledby="compare-title" data-finished={done.to_string()}>
            <div class="compare-head">
                <h2 id="compare-title">{ "All six ways, side by side" }</h2>
                <div class="compare-controls">
                    <button type="button" class="primary" id="compare-run" onclick={run_again}>{ "Run all six" }</button>
                    <button type="button" class="secondary" id="compare-exit" onclick={back}>{ "Back to one way" }</button>
                    <span class="run-status" id="compare-status" role="status">{ status }</span>
                </div>
            </div>
            <p class="hint">{ "Each way is a real run of the same tasks, all six started together. Hatched: a task whose outcome that way ignored. The line marks when the way settled." }</p>
            if *aborting.borrow() && !runs.is_empty() {
                <p class="hint" id="compare-abort-note">{ "Abort the rest is on: each way aborted the tasks still at work when it settled (their bars end in a cross), so a way that settles early stops more work. Under start-all-then-await-each the AbortErrors of tasks it never awaited go unhandled." }</p>
            }
            if stale {
                <p class="hint changed" id="compare-stale">{ "The tasks or the abort option changed since these runs: Run all six again to see the new ones." }</p>
            }
            if !runs.is_empty() {
                <CompareChart runs={Shared(Rc::clone(&runs))} />
                if done == 6 {
                    <ExportButtons svgs={vec!["compare-chart"]} name="compare"
                        dispatcher={props.dispatcher.clone()} />
                }
                <CompareTable runs={Shared(Rc::clone(&runs))} />
            }
            if !rust.is_empty() {
                <RustTable runs={Shared(Rc::clone(&rust))} labels={Rc::clone(&labels)} />
            }
        </section>
    }
}

/// Starts the six runs together, in a new round; each fills its slot when
/// it finishes. Runs from an earlier round, still going, no longer report.
fn start(
    scenario: &Scenario,
    options: RunOptions,
    runs: &UseStateHandle<Runs>,
    round: &Rc<RefCell<u32>>,
) {
    let this = {
        let mut r = round.borrow_mut();
        *r = r.wrapping_add(1);
        *r
    };
    let jobs = Combinator::ALL
        .into_iter()
        .enumerate()
        .map(|(k, combinator)| {
            let scenario = Scenario::new(combinator, scenario.tasks.clone());
            let id = FIRST_RUN + this.wrapping_mul(8) % (1 << 29) + k as RunId;
            async move { Rc::new(engine::run_to_end(id, &scenario, options).await) }
        });
    fill(jobs.collect(), runs, round);
}

/// Runs the tasks as Rust futures through the four `futures` combinators,
/// in the round the six started.
fn start_rust(
    scenario: &Scenario,
    speed: f64,
    rust: &UseStateHandle<RustRuns>,
    round: &Rc<RefCell<u32>>,
) {
    let jobs = RustWay::ALL.into_iter().map(|way| {
        let scenario = scenario.clone();
        async move { rust_ways::run(&scenario, way, speed).await }
    });
    fill(jobs.collect(), rust, round);
}

/// Spawns `jobs` and fills `into` slot by slot as each finishes, unless a
/// newer round has begun by then.
fn fill<T, F>(jobs: Vec<F>, into: &UseStateHandle<Rc<Vec<Option<T>>>>, round: &Rc<RefCell<u32>>)
where
    T: Clone + 'static,
    F: std::future::Future<Output = T> + 'static,
{
    let this = *round.borrow();
    let slots: Rc<RefCell<Vec<Option<T>>>> = Rc::new(RefCell::new(vec![None; jobs.len()]));
    into.set(Rc::new(slots.borrow().clone()));
    for (k, job) in jobs.into_iter().enumerate() {
        let (into, round, slots) = (into.clone(), Rc::clone(round), Rc::clone(&slots));
        wasm_bindgen_futures::spawn_local(async move {
            let done = job.await;
            if *round.borrow() != this {
                return;
            }
            slots.borrow_mut()[k] = Some(done);
            into.set(Rc::new(slots.borrow().clone()));
        });
    }
}

/// The same tasks as Rust futures: what each `futures` combinator gave,
/// and which futures it dropped.
#[function_component]
fn RustTable(props: &RustRunsProps) -> Html {
    let rows: Vec<Html> = props
        .runs
        .iter()
        .enumerate()
        .map(|(k, run)| {
            let way = RustWay::ALL[k];
            let title = html! {
                <th scope="row"><code>{ way.title() }</code><span class="like">{ format!(" like {}", way.counterpart()) }</span></th>
            };
            let Some(run) = run else {
                return html! { <tr data-rust={way.title()}>{ title }<td colspan="3">{ "running…" }</td></tr> };
            };
            let (gave, at) = match &run.outcome {
                Some((words, at)) => (words.clone(), format_ms(*at)),
                None => ("never finishes".to_string(), "never".to_string()),
            };
            let dropped = if run.dropped.is_empty() {
                "none".to_string()
            } else {
                run.dropped
                    .iter()
                    .map(|&i| match props.labels.get(i) {
                        Some(label) => task_name(label, i),
                        None => format!("task {}", i + 1),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            html! {
                <tr data-rust={way.title()} data-dropped={run.dropped.len().to_string()}>
                    { title }
                    <td class="value" data-label="Gives"><code class="user-text">{ gave }</code></td>
                    <td class="at" data-label="At">{ at }</td>
                    <td class="dropped" data-label="Dropped (their work stopped)"><span class="user-text">{ dropped }</span></td>
                </tr>
            }
        })
        .collect();
    let notes: Html = RustWay::ALL
        .iter()
        .map(|w| html! { <li><code>{ w.title() }</code>{ ": " }{ w.difference() }</li> })
        .collect();
    html! {
        <section class="compare-rust" id="compare-rust" aria-labelledby="compare-rust-title">
            <h3 id="compare-rust-title">{ "The same tasks as Rust futures" }</h3>
            <p class="hint">{ "Each task a future on the same kind of timer, combined by the futures crate. A future does nothing unless polled, and a dropped future stops its work; a JS promise runs on whatever happens to the promises built on it." }</p>
            <div class="compare-table-wrap">
                <table class="compare-table" id="compare-rust-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "Combinator" }</th>
                            <th scope="col">{ "Gives" }</th>
                            <th scope="col">{ "At" }</th>
                            <th scope="col">{ "Dropped (their work stopped)" }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
            <ul class="compare-rust-notes">{ notes }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RustRunsProps {
    runs: Shared<Vec<Option<RustRun>>>,
    /// The tasks' labels, to name the futures dropped.
    labels: Rc<Vec<String>>,
}

#[derive(Properties, PartialEq)]
struct RunsProps {
    runs: Shared<Vec<Option<Rc<RunRecord>>>>,
}

/// The six lane groups on one axis.
#[function_component]
fn CompareChart(props: &RunsProps) -> Html {
    let wrap = use_node_ref();
    let width = use_width(&wrap);
    let runs: Vec<&RunRecord> = props.runs.iter().flatten().map(Rc::as_ref).collect();
    // Every way on one axis: as long as the longest of them needs.
    let latest = runs
        .iter()
        .filter_map(|r| r.last_settle_ms().map(|t| r.shown_ms(t)))
        .fold(0.0, f64::max);
    let Some(first) = runs.first() else {
        return html! { <div class="compare-chart" ref={wrap}></div> };
    };
    let tasks = first.scenario.tasks.len();
    let longest = first
        .scenario
        .tasks
        .iter()
        .take(MAX_LANES)
        .map(|t| text_width(&t.label, FONT))
        .fold(40.0, f64::max);
    // Not `clamp`: its check on the bounds would bring float printing
    // into the download.
    let label_w = if longest > width * 0.3 {
        width * 0.3
    } else {
        longest
    } + 28.0;
    let scale = Scale::fit(latest, label_w, width - 20.0);
    let shown = tasks.min(MAX_LANES);
    let more = tasks - shown;
    let title_h = if width < NARROW {
        NARROW_TITLE_H
    } else {
        TITLE_H
    };
    let group_h = title_h + LANE_H * shown as f64 + if more > 0 { LANE_H } else { 0.0 } + GAP;
    let ticks = scale.ticks();
    let height = HEAD_H + group_h * props.runs.len() as f64;
    let groups: Vec<Html> = props
        .runs
        .iter()
        .enumerate()
        .map(|(k, run)| {
            let top = HEAD_H + group_h * k as f64;
            let combinator = Combinator::ALL[k];
            let layout = Group {
                top,
                title_h,
                shown,
                more,
            };
            group(combinator, run.as_deref(), &layout, &scale)
        })
        .collect();
    let n = |v: f64| super::scale::fixed(v, 1);
    html! {
        <div class="compare-chart" ref={wrap}>
            <svg id="compare-chart" viewBox={format!("0 0 {} {}", n(width), n(height))}
                width={n(width)} height={n(height)} role="img"
                aria-label="The six ways on one time axis; the table below says the same in words">
                { shapes::defs() }
                <Axis ticks={ticks.clone()} left={scale.left} right={scale.right} />
                <g transform={format!("translate(0 {})", n(HEAD_H))}>
                    { shapes::grid(&ticks, height - HEAD_H) }
                </g>
                { groups }
            </svg>
        </div>
    }
}

/// Where a way's group goes.
struct Group {
    top: f64,
    title_h: f64,
    shown: usize,
    more: usize,
}

/// One way: its title, a lane per task, and the line where it settled.
fn group(combinator: Combinator, run: Option<&RunRecord>, layout: &Group, scale: &Scale) -> Html {
    let n = |v: f64| super::scale::fixed(v, 1);
    let Group {
        top,
        title_h,
        shown,
        more,
    } = *layout;
    let title_y = top + 17.0;
    // Right of the title when there is room, else under it.
    let outcome_at = |words: String| {
        if title_h > TITLE_H {
            html! { <text class="compare-outcome" x="4" y={n(title_y + 16.0)}>{ words }</text> }
        } else {
            html! {
                <text class="compare-outcome" x={n(scale.right)} y={n(title_y)} text-anchor="end">{ words }</text>
            }
        }
    };
    let Some(run) = run else {
        return html! {
            <g class="compare-group" data-way={combinator.keyword()}>
                <text class="compare-title" x="4" y={n(title_y)}>{ combinator.title() }</text>
                { outcome_at("running…".to_string()) }
            </g>
        };
    };
    let ignored = run.ignored();
    let end = |t: f64| scale.x(run.shown_ms(t));
    let result = run.result.as_ref();
    let lanes_top = top + title_h;
    let lanes: Vec<Html> = (0..shown)
        .map(|i| {
            let cy = lanes_top + LANE_H * (i as f64 + 0.5);
            let task = &run.scenario.tasks[i];
            let state = &run.tasks[i];
            let (status, _, bar_end, _) = standing(state, run, false, None, None);
            let label = html! {
                <text class="compare-label" x="12" y={n(cy + 4.0)}>
                    <tspan class="lane-number">{ format!("{} ", i + 1) }</tspan>
                    <tspan class="user-text">{ task.label.clone() }</tspan>
                </text>
            };
            let is_ignored = ignored.contains(&i) && state.aborted.is_none();
            let drawing = match (state.started_at, bar_end) {
                (Some(from), Some(bar_end)) => {
                    let x0 = end(from);
                    let x1 = match bar_end {
                        End::Settled(t) | End::Aborted(t) => scale.x(t),
                        _ => scale.right,
                    };
                    let settled = &state.settled;
                    // An ignored task's whole bar is hatched: its outcome went nowhere.
                    let bar = shapes::bar(
                        BarGeom {
                            x0,
                            x1,
                            split: is_ignored.then_some(x0),
                            open: bar_end == End::Open,
                            stopped: false,
                            aborted: matches!(bar_end, End::Aborted(_)),
                            live: false,
                        },
                        cy,
                        status,
                    );
                    let marker = settled.as_ref().map(|(at, settle)| {
                        shapes::marker(
                            MarkerGeom {
                                x: end(*at),
                                rejected: settle.is_reject(),
                                planned: false,
                            },
                            cy,
                        )
                    });
                    let warning = state
                        .unhandled
                        .then(|| shapes::warning(x1 + 14.0, cy));
                    html! { <>{ bar }{ marker }{ warning }</> }
                }
                _ => html! {
                    <text class="lane-note" x={n(scale.left)} y={n(cy + 4.0)}>{ "not started" }</text>
                },
            };
            html! {
                <g class="compare-lane" data-task={i.to_string()} data-status={status.attr()}
                    data-ignored={is_ignored.to_string()}>
                    { label }{ drawing }
                </g>
            }
        })
        .collect();
    let bottom = lanes_top + LANE_H * shown as f64;
    let more = (more > 0).then(|| {
        html! {
            <text class="lane-note" x="12" y={n(bottom + LANE_H * 0.5 + 4.0)}>
                { format!("and {more} more tasks (the table has every way's outcome)") }
            </text>
        }
    });
    let (outcome, line) = match result {
        Some(r) => {
            let x = end(r.at_ms);
            let rejected = r.settle.is_reject();
            let words = format!(
                "{} at {}",
                if rejected { "rejected" } else { "fulfilled" },
                format_ms(run.shown_ms(r.at_ms))
            );
            let class = classes!(
                "combinator-line",
                if rejected { "rejected" } else { "fulfilled" }
            );
            (
                words,
                // From under the title band: the way's name and outcome
                // are written there, and a line through them hides words.
                html! { <line class={class} x1={n(x)} x2={n(x)} y1={n(top + title_h - 2.0)} y2={n(bottom)} /> },
            )
        }
        None => ("never settles".to_string(), Html::default()),
    };
    html! {
        <g class="compare-group" data-way={combinator.keyword()}
            data-result={result.map_or("pending", |r| if r.settle.is_reject() { "rejected" } else { "fulfilled" })}>
            <rect class="compare-band" x="0" y={n(top)} width={n(scale.right + 20.0)} height={n(title_h - 2.0)} />
            <text class="compare-title" x="4" y={n(title_y)}>{ combinator.title() }</text>
            { outcome_at(outcome) }
            { lanes }{ more }{ line }
        </g>
    }
}

/// The labels of `tasks`, joined, or `none`.
fn labels(run: &RunRecord, tasks: &[usize]) -> String {
    if tasks.is_empty() {
        return "none".into();
    }
    const SHOWN: usize = 8;
    let mut words: Vec<String> = tasks
        .iter()
        .take(SHOWN)
        .map(|&i| run.scenario.tasks[i].label.clone())
        .collect();
    if tasks.len() > SHOWN {
        words.push(format!("and {} more", tasks.len() - SHOWN));
    }
    words.join(", ")
}

/// The table: for each way, what it gave, when, and what it waited for.
#[function_component]
fn CompareTable(props: &RunsProps) -> Html {
    let rows: Vec<Html> = props
        .runs
        .iter()
        .enumerate()
        .map(|(k, run)| {
            let combinator = Combinator::ALL[k];
            let title = html! { <th scope="row"><code>{ combinator.title() }</code></th> };
            let Some(run) = run.as_deref() else {
                return html! {
                    <tr data-way={combinator.keyword()}>{ title }<td colspan="5">{ "running…" }</td></tr>
                };
            };
            let (outcome, value, at) = match &run.result {
                Some(r) => (
                    if r.settle.is_reject() { "rejected" } else { "fulfilled" },
                    r.settle.value().inspect(),
                    format_ms(run.shown_ms(r.at_ms)),
                ),
                None => ("pending", "never settles".to_string(), "never".to_string()),
            };
            let waited = labels(run, &run.waited_for());
            let unhandled = labels(run, &run.unhandled);
            html! {
                <tr data-way={combinator.keyword()} data-result={outcome}>
                    { title }
                    <td class={classes!("outcome", outcome)} data-label="Outcome">{ outcome }</td>
                    <td class="value" data-label="Value or reason"><code class="user-text">{ value }</code></td>
                    <td class="at" data-label="Settled at">{ at }</td>
                    <td class="waited" data-label="Waited for"><span class="user-text">{ waited }</span></td>
                    <td class="unhandled" data-label="Unhandled rejections"><span class="user-text">{ unhandled }</span></td>
                </tr>
            }
        })
        .collect();
    let runs: Vec<&RunRecord> = props.runs.iter().flatten().map(Rc::as_ref).collect();
    let at = |c: Combinator| {
        runs.iter()
            .find(|r| r.scenario.combinator == c)
            .and_then(|r| r.result.as_ref().map(|x| r.shown_ms(x.at_ms)))
    };
    // The lesson of the loop, when the runs show it.
    let lesson = match (at(Combinator::Sequential), at(Combinator::All)) {
        (Some(seq), Some(all)) if seq > all + 1.0 => Some(format!(
            "The await loop settled at {}, Promise.all at {}: one after another costs the sum of the delays, started together only the longest.",
            format_ms(seq),
            format_ms(all)
        )),
        _ => None,
    };
    html! {
        <>
            <div class="compare-table-wrap">
                <table class="compare-table" id="compare-table">
                    <caption class="sr-only">{ "What each way gave, and when" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Way" }</th>
                            <th scope="col">{ "Outcome" }</th>
                            <th scope="col">{ "Value or reason" }</th>
                            <th scope="col">{ "Settled at" }</th>
                            <th scope="col">{ "Waited for" }</th>
                            <th scope="col">{ "Unhandled rejections" }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
            if let Some(lesson) = lesson { <p class="compare-lesson" id="compare-lesson">{ lesson }</p> }
        </>
    }
}
