//! The browser's own reports about a run: rejections nobody handled (yet),
//! and the tab being hidden, which throttles timers.

use super::context::Context;
use crate::model::EventKind;
use gloo_events::{EventListener, EventListenerOptions};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, PromiseRejectionEvent};

/// Listens on the global scope, a page's window or a worker's own: both
/// report rejections. Only a page can be hidden; a run in a worker hears
/// of it from the page (see [`super::RunHandle::report_hidden`]).
pub(super) fn install(context: &Rc<Context>) {
    let global = js_sys::global().unchecked_into::<EventTarget>();
    for (name, unhandled) in [("unhandledrejection", true), ("rejectionhandled", false)] {
        let weak = Rc::downgrade(context);
        // Not passive (gloo's default): a passive listener's
        // `preventDefault` is ignored, and the console would report it.
        let options = EventListenerOptions::enable_prevent_default();
        context.listen(EventListener::new_with_options(
            &global,
            name,
            options,
            move |event| {
                let Some(event) = event.dyn_ref::<PromiseRejectionEvent>() else {
                    return;
                };
                let Some(task) = task_of(&weak, event) else {
                    return;
                };
                if let Some(c) = weak.upgrade() {
                    // The playground shows it; the console need not shout about it.
                    event.prevent_default();
                    c.emit(if unhandled {
                        EventKind::Unhandled { task }
                    } else {
                        EventKind::HandledLate { task }
                    });
                }
            },
        ));
    }

    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.hidden() {
        context.emit(EventKind::HiddenTab);
    }
    let weak = Rc::downgrade(context);
    let doc = document.clone();
    context.listen(EventListener::new(
        &document,
        "visibilitychange",
        move |_| {
            if doc.hidden() {
                if let Some(c) = weak.upgrade() {
                    c.emit(EventKind::HiddenTab);
                }
            }
        },
    ));
}

fn task_of(context: &Weak<Context>, event: &PromiseRejectionEvent) -> Option<usize> {
    let context = context.upgrade()?;
    let promise = event.promise();
    let promises = context.promises.borrow();
    promises
        .iter()
        .position(|p| p.as_ref().is_some_and(|p| js_sys::Object::is(p, &promise)))
}
