//! A `<details>` fold whose component follows whether it is open: to load,
//! or work out, what it holds only once it has been opened.

use yew::prelude::*;

/// Whether a fold is open, and the handler that keeps that known.
pub struct Fold {
    /// Whether the fold is open.
    pub open: bool,
    /// For the `<details>` element's `ontoggle`.
    pub ontoggle: Callback<Event>,
}

/// A fold that starts open when `initially` is true. The handler stays the
/// same from one render to the next.
#[hook]
pub fn use_fold(initially: bool) -> Fold {
    let open = use_state_eq(|| initially);
    let ontoggle = {
        let set = open.setter();
        use_callback((), move |e: Event, _| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            set.set(details.open());
        })
    };
    Fold {
        open: *open,
        ontoggle,
    }
}
