//! The reducer and the app's key components, in a real browser: what a
//! person types is kept, mistakes are said next to their field, and a run
//! started from the page shows the engine's result.
#![cfg(target_arch = "wasm32")]

use promise_playground::model::presets::Preset;
use promise_playground::model::{text, Combinator, Event, EventKind, OutcomeKind, StartKind};
use promise_playground::ui::draft::TaskDraft;
use promise_playground::ui::state::{Action, Edit, Playground};
use promise_playground::ui::App;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlInputElement, HtmlTextAreaElement, MutationObserver, MutationObserverInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn playground(text_form: &str) -> Playground {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    Playground::with_scenario(&text::parse(text_form).unwrap())
}

fn ids(p: &Playground) -> Vec<u32> {
    p.tasks.iter().map(|t| t.id).collect()
}

#[wasm_bindgen_test]
fn editing_actions_keep_identity_and_order() {
    let mut p = playground("v1 all\na 10ms ok 1\nb 20ms ok 2");
    let [a, b] = [p.tasks[0].id, p.tasks[1].id];
    assert!(p.apply(Action::DuplicateTask { id: a }));
    assert_eq!(p.tasks.len(), 3);
    assert_eq!(p.tasks[1].label, "a");
    assert_ne!(p.tasks[1].id, a, "a copy is a new row");
    assert!(p.apply(Action::MoveTask { id: b, by: -1 }));
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        ["a", "b", "a"]
    );
    assert!(
        !p.apply(Action::MoveTask { id: a, by: -1 }),
        "the first row cannot move up"
    );
    assert!(p.apply(Action::RemoveTask { id: a }));
    assert_eq!(ids(&p)[0], b);
    assert!(p.apply(Action::AddTask));
    assert_eq!(p.tasks.last().unwrap().label, "task3");
    let all: Vec<u32> = ids(&p);
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(all.len(), unique.len());
}

#[wasm_bindgen_test]
fn invalid_input_is_kept_as_typed_and_explained_per_field() {
    let mut p = playground("v1 all\na 10ms ok 1");
    let id = p.tasks[0].id;
    p.apply(Action::Edit {
        id,
        edit: Edit::Delay("600001".into()),
    });
    p.apply(Action::Edit {
        id,
        edit: Edit::Value("Ada".into()),
    });
    p.apply(Action::Edit {
        id,
        edit: Edit::Label("x".repeat(41)),
    });
    assert_eq!(p.tasks[0].delay, "600001", "what was typed stays");
    let problems = p.scenario().unwrap_err();
    let (row, errors) = &problems[0];
    assert_eq!(*row, id);
    assert!(
        errors.delay.as_ref().unwrap().contains("600000"),
        "{errors:?}"
    );
    assert!(
        errors.value.as_ref().unwrap().contains("quotes"),
        "{errors:?}"
    );
    assert!(
        errors.label.as_ref().unwrap().contains("41 characters"),
        "{errors:?}"
    );
    p.apply(Action::Edit {
        id,
        edit: Edit::Start(StartKind::Plain),
    });
    p.apply(Action::Edit {
        id,
        edit: Edit::Outcome(OutcomeKind::Reject),
    });
    let errors = &p.scenario().unwrap_err()[0].1;
    assert!(
        errors.outcome.as_ref().unwrap().contains("cannot reject"),
        "{errors:?}"
    );
}

#[wasm_bindgen_test]
fn switching_outcome_keeps_each_outcomes_value() {
    let mut d = TaskDraft::new_task(1, 1);
    d.value = "['Hello', 'Promises']".into();
    d.set_outcome(OutcomeKind::Reject);
    assert_eq!(d.value, "Error('failed')", "a first reason is offered");
    d.value = "Error('offline')".into();
    d.set_outcome(OutcomeKind::Fulfil);
    assert_eq!(d.value, "['Hello', 'Promises']", "the value comes back");
    d.set_outcome(OutcomeKind::Never);
    assert!(
        d.compile().is_ok(),
        "a task that never settles needs no delay or value"
    );
    d.set_outcome(OutcomeKind::Reject);
    assert_eq!(d.value, "Error('offline')", "and so does the reason");
    d.set_outcome(OutcomeKind::Fulfil);
    assert_eq!(d.value, "['Hello', 'Promises']");

    let mut text = TaskDraft::new_task(2, 2);
    text.value = "'timeout'".into();
    text.set_outcome(OutcomeKind::Reject);
    assert_eq!(text.value, "Error('timeout')", "text becomes the message");
}

#[wasm_bindgen_test]
fn removed_tasks_come_back_where_they_were_latest_first() {
    let mut p = playground(
        "v1 all
a 10ms ok 1
b 20ms ok 2
c 30ms ok 3",
    );
    let [a, _, c] = [p.tasks[0].id, p.tasks[1].id, p.tasks[2].id];
    assert!(p.apply(Action::RemoveTask { id: c }));
    assert!(p.apply(Action::RemoveTask { id: a }));
    assert_eq!(p.tasks.len(), 1);
    assert!(p.apply(Action::UndoRemove));
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(p.apply(Action::UndoRemove));
    assert_eq!(
        p.tasks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    assert!(!p.apply(Action::UndoRemove), "nothing more to bring back");
    for _ in 0..3 {
        let id = p.tasks[0].id;
        p.apply(Action::RemoveTask { id });
    }
    assert!(p.tasks.is_empty());
    p.apply(Action::LoadPreset { id: "timeout" });
    assert!(p.removed.is_empty(), "replacing the tasks forgets removals");
}

#[wasm_bindgen_test]
fn the_text_view_applies_or_points_at_the_mistake() {
    let mut p = playground("v1 all\na 10ms ok 1");
    p.apply(Action::EditText {
        text: "v1 race\nx 5ms ok 1\ny 30s ok 2".into(),
    });
    p.apply(Action::ApplyText);
    let error = p.text.error.clone().expect("30s is not a delay");
    assert_eq!((error.line, error.column), (3, 3));
    assert_eq!(
        p.text.editing.as_deref(),
        Some("v1 race\nx 5ms ok 1\ny 30s ok 2"),
        "the text is kept"
    );
    assert_eq!(p.tasks.len(), 1, "and the tasks are untouched");
    p.apply(Action::EditText {
        text: "v1 race\nx 5ms ok 1\ny 30ms ok 2".into(),
    });
    p.apply(Action::ApplyText);
    assert_eq!(p.combinator, Combinator::Race);
    assert_eq!(p.tasks.len(), 2);
    assert_eq!(
        p.text_view().as_deref(),
        Some("v1 race\nx 5ms ok 1\ny 30ms ok 2")
    );
}

#[wasm_bindgen_test]
fn presets_load_and_editing_makes_them_your_own() {
    let mut p = Playground::default();
    p.apply(Action::LoadPreset { id: "timeout" });
    assert_eq!(p.preset.map(|x| x.id), Some("timeout"));
    assert_eq!(
        p.scenario().unwrap(),
        &Preset::find("timeout").unwrap().scenario()
    );
    let id = p.tasks[0].id;
    p.apply(Action::SetDelay { id, ms: 100 });
    assert_eq!(p.preset, None);
    assert_eq!(p.tasks[0].delay, "100");
}

#[wasm_bindgen_test]
fn events_of_a_superseded_or_stopped_run_change_nothing() {
    let mut p = playground("v1 all\na 10ms ok 1");
    let scenario = p.scenario().unwrap().clone();
    p.apply(Action::RunStarted {
        run: 4,
        scenario,
        speed: 1.0,
    });
    let started = |run| Event {
        run,
        seq: 0,
        t_ms: 0.0,
        kind: EventKind::TaskStarted { task: 0 },
    };
    assert!(
        !p.apply(Action::Engine {
            events: vec![started(3)]
        }),
        "run 3 was superseded"
    );
    assert!(p.apply(Action::Engine {
        events: vec![started(4)]
    }));
    assert!(p.is_running());
    p.apply(Action::Stopped { at_ms: 5.0 });
    assert!(!p.is_running());
    let finished = Event {
        run: 4,
        seq: 1,
        t_ms: 1.0,
        kind: EventKind::HiddenTab,
    };
    assert!(!p.apply(Action::Engine {
        events: vec![finished]
    }));
}

// ---- the mounted app --------------------------------------------------------

fn mount() -> Element {
    // The browser reads and writes numbers for the model, as at start.
    promise_playground::platform::install_numbers();
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Resolves when `done` holds, checking after each change to the DOM under
/// `root`: the page is watched, not polled on a timer.
async fn until(root: &Element, done: impl Fn() -> bool + 'static) {
    yew::scheduler::flush().await;
    if done() {
        return;
    }
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    let tx = RefCell::new(Some(tx));
    let check = Closure::<dyn FnMut()>::new(move || {
        if done() {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(());
            }
        }
    });
    let observer = MutationObserver::new(check.as_ref().unchecked_ref()).unwrap();
    let options = MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_attributes(true);
    options.set_character_data(true);
    observer.observe_with_options(root, &options).unwrap();
    rx.await.unwrap();
    observer.disconnect();
}

fn type_into(input: &Element, text: &str) {
    // Yew listens at the root, so the event must bubble up to it.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    if let Some(i) = input.dyn_ref::<HtmlInputElement>() {
        i.set_value(text);
    } else if let Some(t) = input.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(text);
    }
    input.dispatch_event(&event).unwrap();
}

fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
async fn the_app_marks_a_bad_field_and_runs_what_it_shows() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = mount();
    yew::scheduler::flush().await;

    let value = find(&root, "li.task[data-index='0'] input[name=value]");
    type_into(&value, "Ada");
    let r = root.clone();
    until(&root, move || {
        r.query_selector(".field-error").unwrap().is_some()
    })
    .await;
    let message = find(&root, ".field-error").text_content().unwrap();
    assert!(message.contains("quotes"), "{message}");
    type_into(
        &find(&root, "li.task[data-index='0'] input[name=value]"),
        "'Ada'",
    );

    let text = find(&root, "#scenario-text");
    type_into(
        &text,
        "v1 any\nfirst 40ms err Error('a')\nsecond 10ms err 'b'",
    );
    // The apply button is enabled by the render that follows the typing.
    yew::scheduler::flush().await;
    click(&root, "#apply-text");
    let r = root.clone();
    until(&root, move || {
        r.query_selector_all("li.task").unwrap().length() == 2
    })
    .await;

    click(&root, "#run");
    let r = root.clone();
    until(&root, move || {
        r.query_selector("#playground[data-run-state='finished']")
            .unwrap()
            .is_some()
    })
    .await;
    let console = find(&root, "#result-value").text_content().unwrap();
    assert_eq!(
        console,
        "AggregateError: All promises were rejected {\n  [errors]: [ Error: a, 'b' ]\n}"
    );
    let log: Vec<String> = (0..3)
        .filter_map(|i| root.query_selector_all("#settle-log li").unwrap().get(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert!(
        log[0].contains("second (task 2) rejected with 'b'"),
        "{log:?}"
    );
    assert!(
        log[1].contains("first (task 1) rejected with Error: a"),
        "{log:?}"
    );
    assert!(
        log[2].contains("Promise.any rejected with AggregateError"),
        "{log:?}"
    );
    // Saving waits for a pause in the changes, or for the page to be left.
    let leave = web_sys::Event::new("pagehide").unwrap();
    web_sys::window().unwrap().dispatch_event(&leave).unwrap();
    let saved = storage
        .get_item("promise-playground.scenario")
        .unwrap()
        .unwrap();
    assert!(
        saved.starts_with("v1 any\n"),
        "the scenario is kept: {saved}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_corrupt_saved_scenario_is_kept_and_explained_not_fatal() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item("promise-playground.scenario", "v1 all\nbroken 10 ok")
        .unwrap();
    let root = mount();
    let r = root.clone();
    until(&root, move || {
        r.query_selector("#notice").unwrap().is_some()
    })
    .await;
    let notice = find(&root, "#notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(notice.text_content().unwrap().contains("could not be read"));
    let area: HtmlTextAreaElement = find(&root, "#scenario-text").dyn_into().unwrap();
    assert_eq!(
        area.value(),
        "v1 all\nbroken 10 ok",
        "nothing typed is lost"
    );
    assert_eq!(
        storage
            .get_item("promise-playground.scenario")
            .unwrap()
            .as_deref(),
        Some("v1 all\nbroken 10 ok"),
        "and it stays stored until replaced"
    );
    assert!(find(&root, "#text-error")
        .text_content()
        .unwrap()
        .contains("line 2"));
    storage.clear().unwrap();
    root.remove();
}

#[wasm_bindgen_test]
async fn labels_are_text_never_markup() {
    let root = mount();
    yew::scheduler::flush().await;
    type_into(
        &find(&root, "#scenario-text"),
        "v1 all\n'<img src=x onerror=alert(1)>' 5ms ok 1",
    );
    yew::scheduler::flush().await;
    click(&root, "#apply-text");
    let r = root.clone();
    until(&root, move || {
        r.query_selector_all("li.task").unwrap().length() == 1
    })
    .await;
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "a label became markup"
    );
    let label: HtmlInputElement = find(&root, "input[name=label]").dyn_into().unwrap();
    assert_eq!(label.value(), "<img src=x onerror=alert(1)>");
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    root.remove();
}

#[wasm_bindgen_test]
fn a_crash_reveals_the_static_banner_with_its_reason_as_text() {
    let document = gloo_document();
    let banner = document.create_element("div").unwrap();
    banner.set_id("fatal");
    banner.set_attribute("hidden", "").unwrap();
    let detail = document.create_element("span").unwrap();
    detail.set_id("fatal-detail");
    banner.append_child(&detail).unwrap();
    document.body().unwrap().append_child(&banner).unwrap();

    promise_playground::ui::fatal::show("panicked at <b>somewhere</b>");
    assert!(!banner.has_attribute("hidden"), "the banner is shown");
    assert_eq!(
        detail.text_content().as_deref(),
        Some("panicked at <b>somewhere</b>")
    );
    assert!(
        detail.query_selector("b").unwrap().is_none(),
        "the reason is text, not markup"
    );
    banner.remove();
}

#[wasm_bindgen_test]
fn a_link_opens_as_a_fresh_scenario_and_puts_the_own_tasks_aside() {
    use promise_playground::model::link;
    let own = "v1 all\nmine 10ms ok 1";
    let mut p = playground(own);
    p.apply(Action::FollowLink {
        link: link::read("", "#speed=0.5&s=v1+race;a+5ms+ok+1;b+9ms+err+2"),
    });
    assert_eq!(p.combinator, Combinator::Race);
    assert_eq!(p.tasks.len(), 2);
    assert_eq!(p.speed, 0.5);
    assert_eq!(
        p.replaced,
        Some(text::parse(own).unwrap()),
        "own tasks kept"
    );
    assert!(p.embed.is_none() && p.notice.is_none());
    assert!(p.apply(Action::BringBack));
    assert_eq!(p.tasks[0].label, "mine");

    // Opening the same tasks again puts nothing aside.
    let mut same = playground(own);
    same.apply(Action::FollowLink {
        link: link::read("", "#s=v1+all;mine+10ms+ok+1"),
    });
    assert_eq!(same.replaced, None);
}

#[wasm_bindgen_test]
fn a_broken_link_says_what_and_where_and_keeps_its_text() {
    use promise_playground::model::link;
    let mut p = playground("v1 all\nmine 10ms ok 1");
    p.apply(Action::FollowLink {
        link: link::read("", "#s=v1+all;a+30s+ok+1"),
    });
    let notice = p.notice.clone().expect("a notice");
    assert!(notice.problem);
    assert!(notice.text.contains("column 10"), "{}", notice.text);
    assert_eq!(p.text.editing.as_deref(), Some("v1 all;a 30s ok 1"));
    assert_eq!(p.tasks[0].label, "mine", "the own tasks stay");

    let mut embedded = Playground::default();
    embedded.apply(Action::FollowLink {
        link: link::read("", "#embed&z1=eJwr"),
    });
    assert!(embedded.embed.is_some());
    let notice = embedded.notice.clone().expect("a notice");
    assert!(notice.text.contains("cut short"), "{}", notice.text);
    assert!(notice.text.contains("not the link's"), "{}", notice.text);
}

#[wasm_bindgen_test]
fn an_embed_link_keeps_its_options() {
    use promise_playground::model::link::{self, Theme, View};
    let mut p = Playground::default();
    p.apply(Action::FollowLink {
        link: link::read(
            "",
            "#embed&autorun&editable&theme=dark&view=table&preset=timeout",
        ),
    });
    let embed = p.embed.clone().expect("embedded");
    assert!(embed.autorun && embed.editable && embed.controls);
    assert_eq!((p.theme, p.view), (Theme::Dark, View::Table));
    assert_eq!(p.preset.map(|p| p.id), Some("timeout"));
}

/// In a test build, a task that fails inside the engine shows as a run
/// error on the page, the other tasks still settle, and the next run works.
#[cfg(feature = "faults")]
#[wasm_bindgen_test]
async fn an_error_inside_a_run_is_shown_and_the_next_run_works() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = mount();
    yew::scheduler::flush().await;
    let apply = |text: &str| {
        type_into(&find(&root, "#scenario-text"), text);
    };
    apply("v1 allSettled\nfirst 5ms ok 1\n__fault__ 10ms ok 2\nlast 30ms ok 3");
    yew::scheduler::flush().await;
    click(&root, "#apply-text");
    let r = root.clone();
    until(&root, move || {
        r.query_selector_all("li.task").unwrap().length() == 3
    })
    .await;
    click(&root, "#run");
    let r = root.clone();
    until(&root, move || {
        r.query_selector("#run-error").unwrap().is_some()
            && r.query_selector_all("#settle-log li").unwrap().length() >= 4
    })
    .await;
    let error = find(&root, "#run-error").text_content().unwrap();
    assert!(error.contains("task 2 failed inside the engine"), "{error}");
    let log = find(&root, "#settle-log").text_content().unwrap();
    assert!(log.contains("last (task 3) fulfilled with 3"), "{log}");

    apply("v1 all\na 5ms ok 1");
    yew::scheduler::flush().await;
    click(&root, "#apply-text");
    let r = root.clone();
    until(&root, move || {
        r.query_selector_all("li.task").unwrap().length() == 1
    })
    .await;
    click(&root, "#run");
    let r = root.clone();
    until(&root, move || {
        r.query_selector("#playground[data-run-state='finished'][data-run='2']")
            .unwrap()
            .is_some()
    })
    .await;
    assert!(
        root.query_selector("#run-error").unwrap().is_none(),
        "the next run has no error"
    );
    assert_eq!(
        find(&root, "#result-value").text_content().unwrap(),
        "[ 1 ]"
    );
    root.remove();
}
