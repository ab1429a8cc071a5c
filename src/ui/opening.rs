//! What the playground opens with: the page's link when it has one, else
//! what this browser kept, else the first example.
//!
//! A link is untrusted input, read by [`crate::model::link`], which never
//! fails: whatever could not be used is said in a notice, and a scenario
//! text that could not be read is put in the text view, to mend. A link
//! never overwrites the person's own tasks without a way back: they are put
//! aside, as an example puts them aside, to be brought back.

use super::state::{Action, Playground};
use super::storage;
use crate::model::link;
use crate::platform;
use gloo_events::EventListener;
use yew::prelude::*;

/// The playground for this page.
pub fn open() -> Playground {
    let (query, fragment) = platform::location();
    let link = read(&query, &fragment);
    let embedded = link.embed.is_some();
    let opens = link.scenario.is_some() || link.preset.is_some();
    let mut state = if embedded {
        Playground::default()
    } else {
        storage::restore()
    };
    state.apply(Action::FollowLink { link });
    if !embedded && fragment.len() > 1 {
        // The link is read: the page now holds its own state, saved at once
        // (with the person's own tasks put aside), and a reload shows it.
        platform::forget_fragment();
        if let Some(saved) = opens.then(|| storage::saved(&state)).flatten() {
            storage::save(&saved);
        }
    }
    state
}

/// Reads a link, warning page authors of options it does not know.
fn read(query: &str, fragment: &str) -> link::Link {
    let link = link::read(query, fragment);
    for option in &link.unknown {
        platform::warn(&format!(
            "Promise Playground: the link's option {option:?} is not one this playground knows; it was ignored."
        ));
    }
    link
}

/// Follows a link pasted into the address bar of an open playground (the
/// browser only changes the fragment, without loading the page again), or
/// given to an embed's frame by its host.
#[hook]
pub fn use_followed_links(state: &UseReducerHandle<Playground>) {
    let dispatcher = state.dispatcher();
    let embed = state.embed.clone();
    use_effect_with(embed, move |embed| {
        let embedded = embed.is_some();
        let opened_as = embed.clone();
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "hashchange", move |_| {
                let (query, fragment) = platform::location();
                if fragment.len() <= 1 {
                    return;
                }
                let mut link = read(&query, &fragment);
                // A page stays what it opened as: an embed keeps its layout
                // (and its options, when the new link names none), the full
                // app keeps saving.
                link.embed = match (embedded, link.embed) {
                    (true, Some(embed)) => Some(embed),
                    (true, None) => opened_as.clone(),
                    (false, _) => None,
                };
                dispatcher.dispatch(Action::FollowLink { link });
                if !embedded {
                    platform::forget_fragment();
                }
            })
        });
        move || drop(listener)
    });
}
