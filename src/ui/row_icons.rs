//! The small icons on a task row's buttons, drawn as SVG strokes so they
//! follow the text colour in both themes.

use yew::prelude::*;

/// A small stroked icon; the button around it carries the words.
pub(super) fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

pub(super) const UP: &str = "M4 10l4-4 4 4";
pub(super) const DOWN: &str = "M4 6l4 4 4-4";
pub(super) const COPY: &str = "M6 6h7v7H6zM3 10V3h7";
pub(super) const REMOVE: &str = "M4 4l8 8M12 4l-8 8";
