//! The timeline and its table in a real browser: the plan before a run, a
//! run drawn in virtual time, the delay handle driven by keyboard and
//! pointer, and the caps for big scenarios. Also the axis arithmetic.
#![cfg(target_arch = "wasm32")]

use promise_playground::engine::{self, RunOptions};
use promise_playground::model::link::View;
use promise_playground::model::run::RunRecord;
use promise_playground::model::{text, Event, EventKind, Scenario, Settle, Value};
use promise_playground::ui::state::{Action, Edit, Playground};
use promise_playground::ui::timeline::scale::{
    format_ms, key_step, nice_step, nudge_delay, round_delay, text_width, tick_label, wrap, Scale,
};
use promise_playground::ui::Timeline;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- mounting ----

/// Lets a test reach the reducer the mounted components share.
#[derive(Clone, Default)]
struct Slot(Rc<RefCell<Option<UseReducerHandle<Playground>>>>);

impl PartialEq for Slot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct HostProps {
    initial: Rc<Playground>,
    slot: Slot,
}

#[function_component]
fn Host(props: &HostProps) -> Html {
    let initial = Rc::clone(&props.initial);
    let state = use_reducer(move || (*initial).clone());
    *props.slot.0.borrow_mut() = Some(state.clone());
    // The timeline holds its table view too.
    html! { <Timeline {state} /> }
}

struct Mounted {
    root: Element,
    slot: Slot,
    app: yew::AppHandle<Host>,
}

impl Mounted {
    async fn new(state: Playground) -> Mounted {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        // A fixed width, so that the layout does not depend on the runner's window.
        root.set_attribute("style", "width: 800px").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let slot = Slot::default();
        let props = HostProps {
            initial: Rc::new(state),
            slot: slot.clone(),
        };
        let app = yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Mounted { root, slot, app }
    }

    async fn dispatch(&self, action: Action) {
        let handle = self.slot.0.borrow().clone().expect("mounted");
        handle.dispatch(action);
        yew::scheduler::flush().await;
    }

    /// Runs `text_form` on the real engine and shows that run, as the
    /// runner would: `RunStarted`, then the run's events in one batch.
    async fn show_run(&self, text_form: &str) -> RunRecord {
        let record = engine::run_to_end(1, &scenario(text_form), RunOptions::default()).await;
        self.dispatch(Action::RunStarted {
            run: 1,
            scenario: scenario(text_form),
            speed: 1.0,
        })
        .await;
        self.dispatch(Action::Engine {
            events: record.events.clone(),
        })
        .await;
        record
    }

    /// Opens the table view, which is made only while open.
    async fn open_table(&self) {
        self.dispatch(Action::SetView { view: View::Table }).await;
        assert_eq!(self.count("#timeline-table"), 1, "the open table is there");
    }

    fn state(&self) -> Rc<Playground> {
        let handle = self.slot.0.borrow().clone().expect("mounted");
        Rc::new((*handle).clone())
    }

    fn query(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn attr(&self, selector: &str, name: &str) -> String {
        self.query(selector).get_attribute(name).unwrap_or_default()
    }

    fn text(&self, selector: &str) -> String {
        self.query(selector).text_content().unwrap_or_default()
    }

    /// `attr` (or the text, for `"text"`) of every element matching `selector`.
    fn all(&self, selector: &str, attr: &str) -> Vec<String> {
        let f = js_sys::Function::new_with_args(
            "root, sel, attr",
            "return [...root.querySelectorAll(sel)].map(e => attr === 'text' ? e.textContent : (e.getAttribute(attr) ?? ''))",
        );
        let list = f
            .call3(&JsValue::NULL, &self.root, &sel(selector), &sel(attr))
            .unwrap();
        js_sys::Array::from(&list)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect()
    }

    fn count(&self, selector: &str) -> usize {
        self.all(selector, "text").len()
    }

    /// Dispatches a DOM event built by the JavaScript expression `event`.
    async fn fire(&self, selector: &str, event: &str) {
        let target = self.query(selector);
        let f = js_sys::Function::new_with_args("el", &format!("el.dispatchEvent({event})"));
        f.call1(&JsValue::NULL, &target).unwrap();
        yew::scheduler::flush().await;
    }

    fn unmount(self) {
        self.app.destroy();
        self.root.remove();
    }
}

fn sel(s: &str) -> JsValue {
    JsValue::from_str(s)
}

fn scenario(text_form: &str) -> Scenario {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    text::parse(text_form).unwrap_or_else(|e| panic!("bad test scenario: {e}"))
}

fn playground(text_form: &str) -> Playground {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    Playground::with_scenario(&scenario(text_form))
}

const FAIL_FAST: &str = "v1 all\nuser 300ms ok {name: 'Ada'}\nposts 150ms err Error('500')\nprefs 500ms ok {theme: 'dark'}";

// ---- the axis arithmetic ----

#[wasm_bindgen_test]
fn steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
    assert_eq!(nice_step(0.2), 1.0);
    assert_eq!(nice_step(3.0), 5.0);
    assert_eq!(nice_step(7.0), 10.0);
    assert_eq!(nice_step(120.0), 200.0);
    assert_eq!(nice_step(200.0), 200.0);
    assert_eq!(nice_step(220.0), 250.0, "250 ms steps read well");
    assert_eq!(nice_step(2.2), 5.0, "but 2.5 ms steps would not");
    assert_eq!(nice_step(4_100.0), 5_000.0);
    // At a power of ten and just past one.
    assert_eq!(nice_step(10.0), 10.0);
    assert_eq!(nice_step(1_000.0), 1_000.0);
    assert_eq!(nice_step(1_000.5), 2_000.0);
    assert_eq!(nice_step(99_999.0), 100_000.0);
    assert_eq!(
        nice_step(3e11),
        5e11,
        "far past the longest delay, still a nice step"
    );
    assert_eq!(nice_step(f64::NAN), 1.0);
    assert_eq!(nice_step(f64::INFINITY), 1.0);
}

#[wasm_bindgen_test]
fn a_scale_covers_what_it_must_with_legible_ticks() {
    let scale = Scale::fit(450.0, 100.0, 500.0);
    assert!(scale.end_ms >= 450.0, "{scale:?}");
    assert_eq!(scale.end_ms % scale.step_ms, 0.0, "ends on a tick");
    let ticks = scale.ticks();
    assert!(ticks.len() >= 2 && ticks.len() <= 7, "{ticks:?}");
    assert!(
        ticks.windows(2).all(|w| w[1].x - w[0].x >= 56.0),
        "{ticks:?}"
    );
    assert_eq!(ticks[0].label, "0 ms");
    assert_eq!((ticks[0].x, ticks.last().unwrap().x), (100.0, 500.0));
    for ms in [0.0, 123.0, 449.0] {
        assert!((scale.ms_at(scale.x(ms)) - ms).abs() < 1e-6);
    }
    assert_eq!(scale.ms_at(0.0), 0.0, "left of the axis is 0");
    let past = scale.x(scale.end_ms) + 100.0;
    assert!(
        (scale.ms_at(past) - scale.end_ms * 1.25).abs() < 1e-6,
        "right of it, time goes on at the same rate"
    );
    // Nothing to show still gives a usable axis.
    assert!(Scale::fit(0.0, 0.0, 300.0).end_ms >= 100.0);
    assert!(Scale::fit(600_000.0, 0.0, 300.0).end_ms >= 600_000.0);
}

#[wasm_bindgen_test]
fn ticks_read_in_milliseconds_then_seconds() {
    assert_eq!(tick_label(0.0), "0 ms");
    assert_eq!(tick_label(250.0), "250 ms");
    assert_eq!(tick_label(1_000.0), "1 s");
    assert_eq!(tick_label(1_500.0), "1.5 s");
    assert_eq!(tick_label(120_000.0), "120 s");
    assert_eq!(format_ms(-0.0), "0 ms");
    assert_eq!(format_ms(149.6), "150 ms");
}

#[wasm_bindgen_test]
fn delays_picked_on_the_axis_are_rounded_and_kept_in_range() {
    assert_eq!(round_delay(304.9), 300);
    assert_eq!(round_delay(305.0), 310);
    assert_eq!(round_delay(-40.0), 0);
    assert_eq!(round_delay(700_000.0), 600_000);
    assert_eq!(round_delay(f64::NAN), 0);
    assert_eq!(nudge_delay(5, -10), 0);
    assert_eq!(nudge_delay(599_950, 100), 600_000);
    assert_eq!(nudge_delay(300, 10), 310);
}

#[wasm_bindgen_test]
fn slider_keys_move_by_ten_or_a_hundred_and_home_goes_to_zero() {
    assert_eq!(key_step("ArrowRight", false), Some(10));
    assert_eq!(key_step("ArrowUp", true), Some(100));
    assert_eq!(key_step("ArrowLeft", false), Some(-10));
    assert_eq!(key_step("ArrowDown", true), Some(-100));
    assert_eq!(key_step("PageUp", false), Some(100));
    assert_eq!(key_step("PageDown", true), Some(-100));
    assert_eq!(nudge_delay(4_321, key_step("Home", false).unwrap()), 0);
    assert_eq!(key_step("Enter", false), None);
    assert_eq!(key_step("Tab", true), None);
}

#[wasm_bindgen_test]
async fn labels_are_shown_whole_however_long() {
    let longest = "x".repeat(40);
    let text = format!("v1 race\n{longest} 10ms ok 1\n'a label with spaces' 20ms ok 2");
    let m = Mounted::new(playground(&text)).await;
    assert_eq!(
        m.all(".lane-label", "text"),
        [longest.as_str(), "a label with spaces"],
        "never cut short"
    );
    m.unmount();
}

// ---- the plan ----

#[wasm_bindgen_test]
async fn before_a_run_the_plan_is_drawn_from_the_prediction() {
    let m = Mounted::new(playground(FAIL_FAST)).await;
    let svg = "svg#timeline";
    assert_eq!(m.attr(svg, "role"), "group");
    assert!(
        m.attr(svg, "aria-label")
            .starts_with("Timeline of 3 tasks under Promise.all"),
        "{}",
        m.attr(svg, "aria-label")
    );
    assert_eq!(m.attr(svg, "data-mode"), "plan");
    assert_eq!(m.all("g.lane", "data-status"), ["planned"; 3]);
    assert_eq!(
        m.all("g.lane", "data-outcome"),
        ["fulfilled", "rejected", "fulfilled"]
    );
    assert_eq!(m.all("g.lane", "data-task"), ["0", "1", "2"]);
    let mark = m.text(".combinator-mark");
    assert_eq!(mark, "predicted: Promise.all rejects · 150 ms");
    // The two that finish after the rejection are ignored by the combinator.
    assert_eq!(m.text("g.lane[data-task='0'] .lane-note"), "ignored");
    assert_eq!(m.count("g.lane[data-task='1'] .lane-note"), 0);
    assert_eq!(m.count("g.lane .bar.after-mark"), 2);
    // Labels are drawn, with the task number.
    assert_eq!(m.text("g.lane[data-task='2'] .lane-label"), "prefs");
    assert_eq!(m.text("g.lane[data-task='2'] .lane-number"), "3");
    // Ticks are nice numbers.
    let ticks = m.all(".tick-label", "text");
    assert_eq!(ticks[0], "0 ms");
    assert!(ticks.contains(&"200 ms".to_string()), "{ticks:?}");
    m.unmount();
}

#[wasm_bindgen_test]
async fn never_settling_and_never_started_tasks_look_different() {
    let m = Mounted::new(playground("v1 race\nhung never\nreply 300ms ok 'reply'")).await;
    assert_eq!(m.attr("g.lane[data-task='0']", "data-outcome"), "pending");
    // Dashed to the edge: before and after the race settled.
    assert_eq!(m.count("g.lane[data-task='0'] .bar.open"), 2);
    assert_eq!(m.count("g.lane[data-task='0'] .bar.open.after-mark"), 1);
    assert_eq!(m.text("g.lane[data-task='0'] .lane-note"), "never settles");
    assert_eq!(m.count("g.lane[data-task='0'] .marker"), 0);
    assert_eq!(
        m.count("g.lane[data-task='0'] .delay-handle"),
        0,
        "no timer to drag"
    );
    m.unmount();

    let m = Mounted::new(playground(
        "v1 sequential\na 10ms ok 1\nb 20ms err Error('b')\nc 5ms ok 3",
    ))
    .await;
    assert_eq!(
        m.all("g.lane", "data-outcome"),
        ["fulfilled", "rejected", "not-started"]
    );
    assert_eq!(m.text("g.lane[data-task='2'] .lane-note"), "not started");
    assert_eq!(m.count("g.lane[data-task='2'] .bar"), 0);
    assert_eq!(
        m.text(".combinator-mark"),
        "predicted: await in a loop rejects · 30 ms"
    );
    // The second task's timer starts when the first fulfils, at 10 ms.
    assert_eq!(
        m.attr(".delay-handle[data-task='1']", "aria-valuenow"),
        "20"
    );
    m.unmount();
}

#[wasm_bindgen_test]
async fn equal_delays_after_the_winner_of_a_race_are_ignored() {
    let m = Mounted::new(playground(
        "v1 race\nfirst 300ms ok 'first'\nsecond 300ms ok 'second'\nthird 300ms ok 'third'",
    ))
    .await;
    let notes: Vec<String> = (0..3)
        .map(|i| {
            m.all(&format!("g.lane[data-task='{i}'] .lane-note"), "text")
                .join("")
        })
        .collect();
    assert_eq!(notes, ["", "ignored", "ignored"]);
    m.unmount();
}

/// The "ignored" note of each lane ("" for none), and how many lanes have
/// hatching after the combinator's mark.
fn ignored_notes(m: &Mounted, lanes: usize) -> Vec<bool> {
    (0..lanes)
        .map(|i| {
            m.all(&format!("g.lane[data-task='{i}'] .lane-note"), "text")
                .join("")
                .contains("ignored")
        })
        .collect()
}

const ALREADY_SETTLED: &str = "v1 race\ntimer 0ms ok 'timer'\nfailed now err Error('already failed')\ncached now ok 'cached'\nanswer plain 42";

#[wasm_bindgen_test]
async fn the_plan_ignores_the_tasks_a_real_run_ignores() {
    // (scenario, which tasks settle without the combinator using them)
    let cases = [
        // The race used only `failed`: the other two already-settled inputs
        // lost it as surely as the 0 ms timer did.
        (ALREADY_SETTLED, vec![true, false, true, true]),
        // The loop used both: `a` fulfilled, then it threw at `b`.
        (
            "v1 parallel-await\na 0ms ok 1\nb now err Error('x')",
            vec![false, false],
        ),
        (FAIL_FAST, vec![true, false, true]),
    ];
    for (text_form, expected) in cases {
        let n = expected.len();
        let m = Mounted::new(playground(text_form)).await;
        assert_eq!(m.attr("svg#timeline", "data-mode"), "plan");
        assert_eq!(ignored_notes(&m, n), expected, "plan of {text_form}");

        m.show_run(text_form).await;
        assert_eq!(m.attr("svg#timeline", "data-mode"), "run");
        assert_eq!(ignored_notes(&m, n), expected, "run of {text_form}");
        m.unmount();
    }
}

/// The x of the first number in `attr` (a `translate(x y)` or a plain x).
fn x_of(m: &Mounted, selector: &str, attr: &str) -> f64 {
    let raw = m.attr(selector, attr);
    let start = raw.find(|c: char| c.is_ascii_digit() || c == '-').unwrap();
    let rest = &raw[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    rest[..end]
        .parse()
        .unwrap_or_else(|_| panic!("{selector} {attr}={raw}"))
}

#[wasm_bindgen_test]
async fn notes_and_warnings_keep_clear_of_the_delay_grip() {
    // The grip reaches 15 px either side of the marker it sits on.
    let m = Mounted::new(playground(FAIL_FAST)).await;
    let grip = x_of(&m, ".delay-handle[data-task='0']", "transform");
    let note = ".lane[data-task='0'] .lane-note";
    assert_eq!(m.attr(note, "text-anchor"), "start");
    assert!(x_of(&m, note, "x") >= grip + 15.0, "note on the grip");
    m.unmount();

    let text_form = "v1 parallel-await\nslow 60ms ok 'slow'\nfails 10ms err Error('boom')";
    let m = Mounted::new(playground(text_form)).await;
    let lane = ".lane[data-task='1']";
    let grip = x_of(&m, ".delay-handle[data-task='1']", "transform");
    let warning = x_of(&m, &format!("{lane} .unhandled-mark"), "transform");
    // The triangle is 17 px wide.
    assert!(warning - 8.5 >= grip + 15.0, "warning on the grip");
    let note = format!("{lane} .lane-note");
    assert!(x_of(&m, &note, "x") >= warning + 8.5, "note on the warning");

    // After a run, the handled-late tick joins them, clear of both.
    m.show_run(text_form).await;
    let grip = x_of(&m, ".delay-handle[data-task='1']", "transform");
    let warning = x_of(&m, &format!("{lane} .unhandled-mark"), "transform");
    let late = x_of(&m, &format!("{lane} .late-mark"), "x1");
    assert!(warning - 8.5 >= grip + 15.0, "warning on the grip");
    assert!(
        late >= grip + 15.0 && late >= warning + 8.5,
        "tick on the warning"
    );
    m.unmount();
}

#[wasm_bindgen_test]
async fn the_legend_names_only_the_marks_in_use() {
    let m = Mounted::new(playground(FAIL_FAST)).await;
    let words = m.all(".timeline-legend li", "text");
    assert_eq!(
        words,
        [
            "predicted (not yet run)",
            "fulfilled",
            "rejected",
            "ignored by the combinator",
            "drag to change the delay",
        ]
    );
    m.unmount();

    let unhandled =
        "v1 parallel-await\nslow 600ms ok 'slow'\nfails 100ms err Error('boom')\nhung never";
    let m = Mounted::new(playground(unhandled)).await;
    let words = m.all(".timeline-legend li", "text");
    for expected in [
        "never settles",
        "unhandled rejection",
        "handled late",
        "drag to change the delay",
    ] {
        assert!(
            words.iter().any(|w| w == expected),
            "{expected} in {words:?}"
        );
    }
    assert!(!words.iter().any(|w| w == "running"), "{words:?}");
    m.unmount();
}

#[wasm_bindgen_test]
async fn invalid_tasks_and_empty_scenarios_get_a_message_not_a_panic() {
    let mut p = playground(FAIL_FAST);
    let id = p.tasks[1].id;
    p.apply(Action::Edit {
        id,
        edit: Edit::Delay("soon".into()),
    });
    let m = Mounted::new(p).await;
    assert_eq!(m.attr("svg#timeline", "data-mode"), "invalid");
    assert_eq!(m.count("g.lane"), 0);
    assert_eq!(
        m.text(".timeline-message"),
        "One task needs a fix before its plan can be drawn."
    );
    assert_eq!(m.count("#timeline-table"), 0, "a closed table is not made");
    m.open_table().await;
    assert!(m
        .text("#timeline-table caption")
        .contains("fix the marked tasks"));
    m.unmount();

    let m = Mounted::new(playground("v1 all")).await;
    assert_eq!(m.count("g.lane"), 0);
    assert_eq!(
        m.text(".timeline-message"),
        "No tasks: Promise.all([]) fulfils at once with []."
    );
    assert_eq!(
        m.text(".combinator-mark"),
        "predicted: Promise.all fulfils · 0 ms"
    );
    m.unmount();
}

#[wasm_bindgen_test]
async fn an_empty_input_is_explained_as_each_combinator_treats_it() {
    let cases = [
        ("all", "No tasks: Promise.all([]) fulfils at once with []."),
        (
            "allSettled",
            "No tasks: Promise.allSettled([]) fulfils at once with [].",
        ),
        ("race", "No tasks: Promise.race([]) never settles."),
        (
            "any",
            "No tasks: Promise.any([]) rejects at once with an AggregateError (errors: []).",
        ),
        (
            "sequential",
            "No tasks: the loop has nothing to await and finishes at once with [].",
        ),
        (
            "parallel-await",
            "No tasks: the loop has nothing to await and finishes at once with [].",
        ),
    ];
    for (keyword, words) in cases {
        let m = Mounted::new(playground(&format!("v1 {keyword}"))).await;
        assert_eq!(m.text(".timeline-message"), words, "{keyword}");
        // The mark agrees: a race of nothing has none.
        let marks = m.count(".combinator-mark");
        assert_eq!(marks, usize::from(keyword != "race"), "{keyword}");
        m.unmount();
    }
}

#[wasm_bindgen_test]
fn long_messages_wrap_at_spaces_and_join_back_whole() {
    let words = "No tasks: Promise.any([]) rejects at once with an AggregateError (errors: []).";
    let lines = wrap(words, 200.0, 13.0);
    assert!(lines.len() > 1, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| text_width(l.trim_end(), 13.0) <= 200.0),
        "{lines:?}"
    );
    assert_eq!(lines.concat(), words);
    assert_eq!(wrap("short", 200.0, 13.0), ["short"]);
    assert_eq!(wrap("", 200.0, 13.0), [""]);
    // A word too long for a line still gets one.
    assert_eq!(
        wrap("a verylongword b", 30.0, 13.0).concat(),
        "a verylongword b"
    );
}

// ---- the delay handle ----

#[wasm_bindgen_test]
async fn the_delay_handle_is_a_slider_the_keyboard_can_move() {
    let m = Mounted::new(playground(FAIL_FAST)).await;
    let handle = ".delay-handle[data-task='0']";
    assert_eq!(m.count(".delay-handle"), 3);
    assert_eq!(m.attr(handle, "role"), "slider");
    assert_eq!(m.attr(handle, "tabindex"), "0");
    assert_eq!(m.attr(handle, "aria-label"), "Delay of task 1, user");
    assert_eq!(m.attr(handle, "aria-valuemin"), "0");
    assert_eq!(m.attr(handle, "aria-valuemax"), "600000");
    assert_eq!(m.attr(handle, "aria-valuenow"), "300");
    assert_eq!(m.attr(handle, "aria-valuetext"), "300 ms");

    let key = |key: &str, shift: bool| {
        format!("new KeyboardEvent('keydown', {{ key: '{key}', shiftKey: {shift}, bubbles: true, cancelable: true }})")
    };
    m.fire(handle, &key("ArrowRight", false)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "310");
    assert_eq!(m.attr(handle, "aria-valuetext"), "310 ms");
    assert_eq!(m.state().tasks[0].delay, "310", "the editor sees it too");
    m.fire(handle, &key("ArrowLeft", true)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "210");
    m.fire(handle, &key("PageUp", false)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "310");
    m.fire(handle, &key("Home", false)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "0");
    m.fire(handle, &key("ArrowDown", false)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "0", "never below 0");
    // Other keys are left alone.
    m.fire(handle, &key("a", false)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "0");
    m.unmount();
}

#[wasm_bindgen_test]
async fn dragging_the_handle_sets_the_delay_on_a_still_axis() {
    let m = Mounted::new(playground("v1 all\nonly 300ms ok 1")).await;
    // Where a moment is on screen, read off the drawn ticks.
    let ticks = m.all(".tick-label", "text");
    let xs: Vec<f64> = m
        .all(".tick-label", "x")
        .iter()
        .map(|x| x.parse().unwrap())
        .collect();
    let at_200 = ticks
        .iter()
        .position(|t| t == "200 ms")
        .expect("a 200 ms tick");
    let per_ms = (xs[at_200] - xs[0]) / 200.0;
    let view_width: f64 = m
        .attr("svg#timeline", "viewBox")
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let rect = m.query("svg#timeline").get_bounding_client_rect();
    let client_x = |ms: f64| rect.left() + (xs[0] + ms * per_ms) * rect.width() / view_width;
    let pointer = |kind: &str, ms: f64| {
        format!(
            "new PointerEvent('{kind}', {{ pointerId: 7, button: 0, clientX: {}, clientY: 0, bubbles: true, cancelable: true }})",
            client_x(ms)
        )
    };
    let handle = ".delay-handle[data-task='0']";
    m.fire(handle, &pointer("pointerdown", 300.0)).await;
    assert!(m.attr("svg#timeline", "class").contains("dragging"));
    // Past the end of the axis the delay keeps growing.
    m.fire(handle, &pointer("pointermove", 450.0)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "450");
    assert_eq!(m.text(&format!("{handle} .handle-value")), "450 ms");
    // Had the axis stretched for 450 ms, this would land elsewhere.
    m.fire(handle, &pointer("pointermove", 120.0)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "120");
    m.fire(handle, &pointer("pointerup", 120.0)).await;
    assert!(!m.attr("svg#timeline", "class").contains("dragging"));
    // Moving without a press changes nothing.
    m.fire(handle, &pointer("pointermove", 200.0)).await;
    assert_eq!(m.attr(handle, "aria-valuenow"), "120");
    assert_eq!(m.state().tasks[0].delay, "120");
    m.unmount();
}

// ---- a run ----

fn event(run: u32, seq: u32, t_ms: f64, kind: EventKind) -> Event {
    Event {
        run,
        seq,
        t_ms,
        kind,
    }
}

#[wasm_bindgen_test]
async fn a_run_is_drawn_in_virtual_time_with_the_combinator_mark() {
    let m = Mounted::new(playground(FAIL_FAST)).await;
    let s = scenario(FAIL_FAST);
    // At double speed, real times are half the delays people set.
    m.dispatch(Action::RunStarted {
        run: 1,
        scenario: s,
        speed: 2.0,
    })
    .await;
    let reject = Settle::Reject(Value::error("500"));
    let started: Vec<Event> = (0..3)
        .map(|task| event(1, task as u32, 0.1, EventKind::TaskStarted { task }))
        .collect();
    m.dispatch(Action::Engine { events: started }).await;
    assert_eq!(m.attr("svg#timeline", "data-mode"), "run");
    assert_eq!(m.all("g.lane", "data-status"), ["running"; 3]);
    assert_eq!(m.count(".delay-handle"), 0, "no dragging mid-run");

    let rest = vec![
        event(
            1,
            3,
            75.1,
            EventKind::TaskSettled {
                task: 1,
                settle: reject.clone(),
            },
        ),
        event(1, 4, 75.2, EventKind::CombinatorSettled { settle: reject }),
        event(
            1,
            5,
            150.1,
            EventKind::TaskSettled {
                task: 0,
                settle: Settle::Fulfil(Value::Null),
            },
        ),
        event(
            1,
            6,
            250.1,
            EventKind::TaskSettled {
                task: 2,
                settle: Settle::Fulfil(Value::Null),
            },
        ),
        event(
            1,
            7,
            250.3,
            EventKind::RunFinished {
                pending: vec![],
                not_started: vec![],
            },
        ),
    ];
    m.dispatch(Action::Engine { events: rest }).await;
    assert_eq!(
        m.all("g.lane", "data-status"),
        ["fulfilled", "rejected", "fulfilled"]
    );
    assert_eq!(m.text(".combinator-mark"), "Promise.all rejected · 150 ms");
    assert_eq!(m.attr(".combinator-mark", "data-outcome"), "rejected");
    assert_eq!(m.all("g.lane .lane-note", "text"), ["ignored", "ignored"]);
    assert_eq!(m.count("g.lane[data-task='1'] .marker.rejected"), 1);
    assert_eq!(m.count("g.lane .marker.fulfilled"), 2);
    assert_eq!(m.count(".now-line"), 0, "the clock stops with the run");
    assert_eq!(
        m.count(".delay-handle"),
        3,
        "handles come back after the run"
    );

    // The table says the same in words.
    m.open_table().await;
    assert_eq!(m.count("#timeline-table tbody tr"), 3);
    assert_eq!(
        m.text("#timeline-table caption"),
        "Latest run of 3 tasks under Promise.all. Promise.all rejected · 150 ms. Times are shown as the scenario sets them; at 2× the run really ran 2× as fast."
    );
    let row = m.all(
        "#timeline-table tbody tr[data-task='0'] td, #timeline-table tbody tr[data-task='0'] th",
        "text",
    );
    assert_eq!(
        row,
        ["1", "user", "0 ms", "300 ms", "fulfilledignored", "null"]
    );
    let posts = m.all("#timeline-table tbody tr[data-task='1'] td", "text");
    assert_eq!(posts[3], "rejected");
    assert_eq!(posts[4], "Error: 500");

    // Editing a delay turns the picture back into a plan.
    let id = m.state().tasks[2].id;
    m.dispatch(Action::SetDelay { id, ms: 100 }).await;
    assert_eq!(m.attr("svg#timeline", "data-mode"), "plan");
    assert_eq!(m.all("g.lane", "data-status"), ["planned"; 3]);
    m.unmount();
}

#[wasm_bindgen_test]
async fn unhandled_and_late_handled_rejections_are_marked_on_their_lane() {
    let text_form = "v1 parallel-await\nslow 60ms ok 'slow'\nfails 10ms err Error('boom')";
    let m = Mounted::new(playground(text_form)).await;
    // The plan already warns.
    assert_eq!(m.count("g.lane[data-task='1'] .unhandled-mark"), 1);
    assert_eq!(
        m.text("g.lane[data-task='1'] .lane-note"),
        "unhandled · handled late"
    );

    let record = m.show_run(text_form).await;
    assert_eq!(record.unhandled, vec![1], "the browser reported it");
    assert_eq!(m.attr("svg#timeline", "data-mode"), "run");
    assert_eq!(m.count("g.lane[data-task='1'] .unhandled-mark"), 1);
    assert_eq!(m.count("g.lane[data-task='1'] .late-mark"), 1);
    assert_eq!(
        m.text("g.lane[data-task='1'] .lane-note"),
        "unhandled · handled late"
    );
    m.open_table().await;
    let tags = m.all("#timeline-table tr[data-task='1'] .tag", "text");
    assert_eq!(tags, ["unhandled", "handled late"]);
    let label = m.attr("g.lane[data-task='1'] .lane-marks", "aria-label");
    assert!(label.starts_with("Task 2, fails: rejected at "), "{label}");
    assert!(label.ends_with("; unhandled; handled late"), "{label}");
    m.unmount();
}

// ---- big scenarios ----

fn many(count: usize) -> Playground {
    let lines: Vec<String> = (0..count)
        .map(|i| format!("t{i} {}ms ok {i}", 10 + i % 50))
        .collect();
    playground(&format!("v1 all\n{}", lines.join("\n")))
}

#[wasm_bindgen_test]
async fn big_scenarios_draw_a_hundred_lanes_and_say_so() {
    let m = Mounted::new(many(150)).await;
    assert_eq!(m.count("g.lane"), 100);
    assert_eq!(
        m.text(".timeline-more"),
        "Showing 100 of 150 tasks; the table and the log list them all."
    );
    assert!(m
        .attr("svg#timeline", "aria-label")
        .starts_with("Timeline of 150 tasks"));
    m.open_table().await;
    assert_eq!(
        m.count("#timeline-table tbody tr"),
        150,
        "the table lists them all"
    );
    m.unmount();

    let m = Mounted::new(many(1_200)).await;
    m.open_table().await;
    assert_eq!(m.count("#timeline-table tbody tr"), 1_000);
    assert_eq!(
        m.text(".timeline-more"),
        "Showing 100 of 1200 tasks; the table lists the first 1000, the run report all of them."
    );
    assert!(m
        .root
        .text_content()
        .unwrap_or_default()
        .contains("Showing the first 1000 of 1200 tasks"));
    m.unmount();
}
