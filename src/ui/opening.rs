//! What the playground opens with: the page's link when it has one, else
//! what this browser kept, else the first example.
//!
//! A link is untrusted input, read by [`crate::model::link`], which never
//! fails: whatever could not be used is said in a notice, and a scenario
//! text that could not be read is put in the text view, to mend. A link
//! never overwrites the person's own tasks without a way back: they are put
//! aside, as an example puts them aside, to be brought back.

use super::state::{Action, Notice, Playground};
use super::storage;
use crate::model::link::{self, Link};
use crate::platform;

/// The playground for this page.
pub fn open() -> Playground {
    let (query, fragment) = platform::location();
    let link = link::read(&query, &fragment);
    for option in &link.unknown {
        platform::warn(&format!(
            "Promise Playground: the link's option {option:?} is not one this playground knows; it was ignored."
        ));
    }
    let embedded = link.embed.is_some();
    let mut state = if embedded {
        Playground::default()
    } else {
        storage::restore()
    };
    follow(&mut state, link);
    if !embedded && fragment.len() > 1 {
        platform::forget_fragment();
    }
    state
}

/// Applies what `link` asks for to `state`.
pub fn follow(state: &mut Playground, link: Link) {
    state.embed = link.embed;
    if let Some(scenario) = link.scenario {
        state.apply(Action::Open { scenario });
    } else if let Some(preset) = link.preset {
        state.apply(Action::LoadPreset { id: preset.id });
    }
    if let Some(speed) = link.speed {
        state.apply(Action::SetSpeed { speed });
    }
    if let Some(view) = link.view {
        state.apply(Action::SetView { view });
    }
    if let Some(theme) = link.theme {
        state.apply(Action::SetTheme { theme });
    }
    if link.problems.is_empty() {
        return;
    }
    let problems: Vec<String> = link.problems.iter().map(ToString::to_string).collect();
    let mut text = format!(
        "This link could not be opened as it is: {}.",
        problems.join("; ")
    );
    match link.unread_text {
        Some(unread) if state.embed.is_none() => {
            text.push_str(
                " Its scenario is in the text view below, to mend; your tasks are shown meanwhile.",
            );
            let notice = Notice {
                problem: true,
                text,
            };
            state.apply(Action::Rescue {
                text: unread,
                notice,
            });
        }
        _ => {
            text.push_str(if state.embed.is_some() {
                " The playground's first example is shown instead."
            } else {
                " Your tasks are shown instead."
            });
            state.apply(Action::Notify {
                notice: Notice {
                    problem: true,
                    text,
                },
            });
        }
    }
}
