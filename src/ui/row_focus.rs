//! Where keyboard focus goes when a task row moves or goes away, so that
//! someone working from the keyboard keeps their place in the list.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Moving a row moves its element, and the browser drops focus from a
/// moved element: give it back once the list is drawn again.
pub(super) fn keep_focus(target: Option<web_sys::EventTarget>) {
    // The target may be the icon inside the button.
    let Some(button) = target
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("button").ok().flatten())
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    // Queued after the render that the move just scheduled.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = button.focus();
    });
}

/// Before a row goes, focus the label of the row that takes its place (or
/// the one before it, or the Add button), so keyboard users stay in the list.
pub(super) fn focus_neighbour(target: Option<web_sys::EventTarget>) {
    let Some(row) = target
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("li.task").ok().flatten())
    else {
        return;
    };
    let label = |li: Option<Element>| {
        li.and_then(|li| li.query_selector("input[name=label]").ok().flatten())
    };
    let document = row.owner_document();
    let next = label(row.next_element_sibling())
        .or_else(|| label(row.previous_element_sibling()))
        .or_else(|| document.and_then(|d| d.get_element_by_id("add-task")));
    if let Some(next) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ = next.focus();
    }
}
