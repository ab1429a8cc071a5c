//! The key to the timeline's shapes, and how to change a delay on it.

use yew::prelude::*;

/// One entry: a tiny drawing and what it means.
fn entry(class: &'static str, icon: Html, words: &'static str) -> (&'static str, Html) {
    (
        class,
        html! {
            <li class={class}>
                <svg class="legend-icon" viewBox="-12 -8 24 16" width="24" height="16" aria-hidden="true">
                    { icon }
                </svg>
                { words }
            </li>
        },
    )
}

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The entries to show, by class name: only the marks the picture uses.
    pub shown: Vec<&'static str>,
}

/// The legend under the timeline, for the marks in use.
#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let entries = [
        entry(
            "planned",
            html! { <rect class="bar planned" x="-11" y="-4" width="22" height="8" rx="2" /> },
            "predicted (not yet run)",
        ),
        entry(
            "running",
            html! { <rect class="bar running" x="-11" y="-4" width="22" height="8" rx="2" /> },
            "running",
        ),
        entry(
            "fulfilled",
            html! { <g class="marker fulfilled"><circle class="shape" r="6.5" /><path class="glyph" d="M-3 0.2 L-1 2.3 L3.1 -2.2" /></g> },
            "fulfilled",
        ),
        entry(
            "rejected",
            html! { <g class="marker rejected"><rect class="shape" x="-5" y="-5" width="10" height="10" rx="1" transform="rotate(45)" /><path class="glyph" d="M-2.7 -2.7 L2.7 2.7 M2.7 -2.7 L-2.7 2.7" /></g> },
            "rejected",
        ),
        entry(
            "open",
            html! { <rect class="bar pending open" x="-11" y="-4" width="22" height="8" rx="2" /> },
            "never settles",
        ),
        entry(
            "stopped",
            html! { <><rect class="bar pending stopped" x="-11" y="-4" width="20" height="8" rx="2" /><line class="stop-cap" x1="9" x2="9" y1="-7" y2="7" /></> },
            "stopped by hand",
        ),
        entry(
            "aborted",
            html! { <><rect class="bar aborted" x="-11" y="-4" width="18" height="8" rx="2" /><path class="abort-cross" d="M3 -4 L11 4 M11 -4 L3 4" /></> },
            "aborted (AbortController)",
        ),
        entry(
            "ignored",
            html! { <rect class="bar after-mark" x="-11" y="-4" width="22" height="8" rx="2" fill="url(#timeline-hatch)" /> },
            "ignored by the combinator",
        ),
        entry(
            "unhandled",
            html! { <g class="unhandled-mark"><path class="shape" d="M0 -7 L7 6 L-7 6 Z" /><path class="glyph" d="M0 -2.8 V1.4 M0 3.4 V3.6" /></g> },
            "unhandled rejection",
        ),
        entry(
            "handled-late",
            html! { <line class="late-mark" x1="0" x2="0" y1="-7.5" y2="7.5" /> },
            "handled late",
        ),
        entry(
            "grip",
            html! { <g class="grip-icon"><rect class="grip" x="-9" y="-7" width="3" height="14" rx="1.5" /><circle class="shape" r="3.5" /><rect class="grip" x="6" y="-7" width="3" height="14" rx="1.5" /></g> },
            "drag to change the delay",
        ),
    ];
    let shown = entries
        .into_iter()
        .filter(|(class, _)| props.shown.contains(class))
        .map(|(_, item)| item);
    html! {
        <ul class="timeline-legend" aria-label="Key to the marks">{ for shown }</ul>
    }
}
