//! The timeline: one lane per task on a shared axis of virtual time.
//!
//! Before a run (or after the tasks were edited) it draws the plan, the spec
//! model's prediction, in outline; during and after a run of the current
//! tasks it draws what happened, bars growing with the animation clock.
//! Derived data is worked out in plain modules (`build`, `view`,
//! `geometry`, `scale`); the components only draw it.

mod axis;
mod build;
pub mod compare;
mod drag;
mod geometry;
mod handle;
mod lane;
mod legend;
mod live;
mod mark;
mod plan;
pub mod scale;
mod shapes;
mod table_row;
pub(crate) mod view;
mod width;

use super::chunk::use_preload;
use super::clock::{use_reduced_motion, use_run_clock, use_wake_at};
use super::export::ExportButtons;
use super::state::{Action, Playground};
use super::timeline_table::{TimelineTable, TABLE};
use crate::model::link::View as ViewChoice;
use crate::model::RunId;
use axis::Axis;
use geometry::{lane_geom, Frame, LaneGeom, MessageGeom, BOTTOM_PAD, HEAD_H, LABEL_FONT};
use handle::DelayHandleProps;
use lane::Lane;
use legend::Legend;
use live::LiveLayer;
use mark::CombinatorMark;
use plan::use_plan;
use scale::fixed;
use scale::{text_width, Scale};
use view::{View, MAX_LANES, MAX_ROWS};
use width::use_width;
use yew::prelude::*;

pub(crate) use plan::use_plan as use_timeline_plan;
pub(crate) use table_row::TableRow;

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The playground: tasks, the latest run, and where to send new delays.
    pub state: UseReducerHandle<Playground>,
    /// When the engine started run `RunId`, on the page's clock, once it
    /// has: the live layer is timed from then.
    #[prop_or_default]
    pub began: Option<Callback<RunId, Option<f64>>>,
    /// Drawn on the line of the table's disclosure (an embed's Replay and
    /// Save buttons).
    #[prop_or_default]
    pub foot: Html,
}

/// One [`Lane`] per line of the view, laid out in `geoms`, with a delay
/// handle for timer tasks.
fn lanes(
    view: &View,
    geoms: &[LaneGeom],
    scale: Scale,
    frame: &Frame,
    state: &UseReducerHandle<Playground>,
    svg: &NodeRef,
    freeze: &UseStateSetter<Option<Scale>>,
) -> Vec<Html> {
    view.lines
        .iter()
        .zip(geoms)
        .map(|(line, geom)| {
            let handle = line
                .knob
                .zip(geom.knob_x)
                .map(|(knob, x)| DelayHandleProps {
                    index: line.index,
                    label: line.label.clone().into(),
                    knob,
                    x,
                    cy: geom.cy,
                    scale,
                    view_width: frame.width,
                    svg: svg.clone(),
                    dispatcher: state.dispatcher(),
                    on_drag: freeze.clone(),
                });
            html! {
                <Lane key={line.index} line={line.clone()} geom={geom.clone()} {handle} />
            }
        })
        .collect()
}

/// The axis for a picture that needs `latest` ms and, during a run, "now".
/// When the clock passes the axis end, the axis grows by half at a time:
/// in steps, not with every frame.
fn live_scale(latest: f64, now: Option<f64>, frame: &Frame) -> Scale {
    let fit = |ms: f64| Scale::fit(ms, frame.plot_left(), frame.plot_right());
    let mut scale = fit(latest);
    if let Some(now) = now.filter(|t| t.is_finite()) {
        while now >= scale.end_ms {
            scale = fit(scale.end_ms * LIVE_GROWTH);
        }
    }
    scale
}

/// How much longer the axis gets when a run outlasts it.
const LIVE_GROWTH: f64 = 1.5;

/// The live timeline.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let state = &props.state;
    let plan = use_plan(state);
    let preload = use_preload(&TABLE);
    let view = use_memo(state.clone(), move |s| View::build(s, &plan, MAX_LANES));
    let running = view.is_running();
    let began = view
        .run
        .zip(props.began.as_ref())
        .and_then(|(run, began)| began.emit(run));
    let clock = use_run_clock(view.run, running, began);
    // Never draw "now" before an event already received.
    let now = clock.map(|c| (c.elapsed * view.speed).max(view.last_event));
    let (wrap, svg) = (use_node_ref(), use_node_ref());
    // Labels are drawn bold, wider than the estimate for regular text.
    let longest = view
        .lines
        .iter()
        .map(|l| text_width(&l.label, LABEL_FONT) * 1.12)
        .fold(0.0, f64::max);
    let frame = Frame::new(use_width(&wrap), longest);
    // Set while a delay handle is dragged, so the axis holds still.
    let frozen = use_state_eq(|| None::<Scale>);
    let scale = frozen.unwrap_or_else(|| live_scale(view.latest, now, &frame));
    // When the clock reaches the axis end, draw again on a longer axis.
    use_wake_at(clock.map(|c| c.origin + scale.end_ms / view.speed.max(1e-6)));
    let animate = !use_reduced_motion();

    // The table's disclosure is the view a link can name.
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            let view = if open {
                ViewChoice::Table
            } else {
                ViewChoice::Timeline
            };
            if state.view != view {
                state.dispatch(Action::SetView { view });
            }
        })
    };
    let table_open = state.view == ViewChoice::Table;
    let rows = view.lines.len();
    let marks = view.marks_in_use();
    let message = view
        .empty_message()
        .map(|words| MessageGeom::new(&words, &frame));
    let height = frame
        .height(rows)
        .max(message.as_ref().map_or(0.0, MessageGeom::height));
    let bottom = height - BOTTOM_PAD;
    let mark_at = view.mark.as_ref().map(|m| m.at);
    let geoms: Vec<LaneGeom> = (view.lines.iter().enumerate())
        .map(|(row, line)| lane_geom(line, row, &scale, mark_at, &frame))
        .collect();
    let lanes = lanes(&view, &geoms, scale, &frame, state, &svg, &frozen.setter());
    let live = clock.zip(now).map(|(clock, now)| {
        let bars: Vec<_> = (view.lines.iter().zip(&geoms))
            .filter_map(|(line, g)| g.bar.filter(|b| b.live).map(|b| (line.index, b, g.cy)))
            .collect();
        html! {
            <LiveLayer {bars} width={frame.width} {height} {scale} speed={view.speed}
                {clock} {now} {animate} />
        }
    });
    let title = view.combinator.title();
    let mark = view.mark.as_ref().map(|m| {
        html! {
            <CombinatorMark x={scale.x(m.at)} label={m.label(title)} short_label={m.short_label()}
                rejected={m.rejected} predicted={m.predicted} width={frame.width} />
        }
    });
    let mark_line = view
        .mark
        .as_ref()
        .map(|m| shapes::mark_line(scale.x(m.at), bottom, m.rejected, m.predicted));
    // The moment a replay shows: a line down through the lanes.
    let cursor = view.cursor.map(|t| {
        let x = fixed(scale.x(t), 1);
        html! { <line class="replay-line" x1={x.clone()} x2={x} y1="0" y2={fixed(bottom, 1)} aria-hidden="true" /> }
    });
    let pending = view
        .pending_words()
        .map(|words| shapes::status(&words, scale.right));
    let ticks = scale.ticks();
    // With no lanes there is nothing to read against the grid.
    let grid = (rows > 0).then(|| shapes::grid(&ticks, bottom));
    let message = message.as_ref().map(shapes::message);
    let more = (view.total > rows && rows > 0).then(|| {
        let total = view.total;
        // Past the table's own cap only the run report has every task.
        let words = if total <= MAX_ROWS {
            format!("Showing {rows} of {total} tasks; the table and the log list them all.")
        } else {
            format!("Showing {rows} of {total} tasks; the table lists the first {MAX_ROWS}, the run report all of them.")
        };
        html! { <p class="note timeline-more">{ words }</p> }
    });
    html! {
        <section class="panel timeline-panel" id="timeline-panel" tabindex="-1" aria-labelledby="timeline-title" data-mode={view.mode_attr()}>
            <header class="timeline-head">
                <h2 id="timeline-title">{ "Timeline" }</h2>
                <span class="timeline-caption">{ view.caption() }</span>
            </header>
            <div class="timeline-scroll" ref={wrap} data-layout={if frame.stacked { "stacked" } else { "beside" }}>
                // The head stays in view while the lanes scroll under it.
                <svg class="timeline-axis" id="timeline-axis" aria-hidden="true" width="100%"
                    viewBox={format!("0 0 {} {}", fixed(frame.width, 0), fixed(HEAD_H, 0))}>
                    <Axis {ticks} left={scale.left} right={scale.right} />
                    { mark }{ pending }
                </svg>
                <div class="timeline-lanes">
                <svg id="timeline" ref={svg} role="group" aria-label={view.summary()}
                    data-mode={view.mode_attr()} class={classes!(frozen.is_some().then_some("dragging"))}
                    viewBox={format!("0 0 {} {}", fixed(frame.width, 0), fixed(height, 0))} width="100%">
                    { shapes::defs() }
                    { shapes::bands(rows, &frame) }
                    { grid }{ mark_line }
                    <g class="lanes">{ for lanes }</g>
                    { cursor }
                    { message }
                </svg>
                { live }
                </div>
            </div>
            { more }
            <Legend shown={marks.clone()} />
            // An embed has them beside the table's disclosure (its `foot`),
            // where they push nothing out of its small frame.
            if !running && rows > 0 && state.embed.is_none() {
                <ExportButtons svgs={vec!["timeline-axis", "timeline"]} name="timeline"
                    dispatcher={state.dispatcher()} />
            }
            if marks.contains(&"aborted") {
                <p class="hint timeline-hint" id="abort-note">
                    { "Aborted: a promise cannot be cancelled, but the work behind it can. When " }
                    { view.combinator.title() }
                    { " settled, the run called abort() on its AbortController; each task still at work \
                       listened to that signal, its timer was cleared, and its promise rejected with an AbortError. \
                       Ignored tasks, by contrast, ran on to the end." }
                </p>
            }
            if marks.contains(&"grip") {
                <p class="hint timeline-hint">
                    { "Drag the grip at the end of a timer's bar, or focus it and use the arrow keys \
                       (Shift for 100 ms steps), to change its delay." }
                </p>
            }
            <div class="timeline-bottom">
                <details class="table-view" open={table_open} ontoggle={on_toggle}>
                    <summary onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}>{ "The same timeline as a table" }</summary>
                    // Made only while open: a closed table would be rebuilt with
                    // every batch of a run's events, unseen.
                    if table_open {
                        <TimelineTable state={props.state.clone()} />
                    }
                </details>
                { props.foot.clone() }
            </div>
        </section>
    }
}
