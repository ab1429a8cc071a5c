//! Parts of the page whose code comes in a chunk of its own, fetched the
//! first time the part is wanted, so that the first load carries only
//! what every visit needs (see scripts/split).
//!
//! A part is a component whose view is drawn by a plain function, the
//! chunk's one entry point. In a release build that function is marked
//! `#[wasm_split(name)]`: it, and all that only it reaches, is cut out of
//! the main wasm; calling it fetches the chunk once. In other builds (the
//! browser tests, `trunk serve` without the feature) it is an ordinary
//! function and the part is ready at once.
//!
//! ```ignore
//! #[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(compare, fallible))]
//! fn compare_view() -> Result<View<Props>, LoadFailed> {
//!     Ok(|props| html! { <Compare ..props /> })
//! }
//! static COMPARE: Chunk<Props> = Chunk::new("compare", "Loading…", "… could not be loaded…", load!(compare_view));
//!
//! // In the component that shows the part: drawn once loaded, a line
//! // while it loads, a message and Try again if it could not be.
//! use_chunk(&COMPARE, wanted).draw(|| props.clone())
//! // And on what opens it, fetched ahead on pointer or focus:
//! let preload = use_preload(&COMPARE);
//! ```

use futures::future::{FutureExt, LocalBoxFuture};
use std::rc::Rc;
use std::sync::OnceLock;
use yew::prelude::*;

/// Draws a part from its properties: what a chunk gives.
pub type View<P> = fn(P) -> Html;

/// A chunk that could not be fetched (the network, or a server that lost
/// it). Loading it again may work.
pub struct LoadFailed;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for LoadFailed {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// Loads a part's view: fetches its chunk, or, in a build without the
/// `split` feature, gives the view on the first poll.
pub type Load<P> = fn() -> LocalBoxFuture<'static, Result<View<P>, LoadFailed>>;

/// Calls a split function: awaited when it is cut out (it loads its chunk
/// first, and may fail to), called straight when it is not.
macro_rules! call {
    ($split:ident($($arg:expr),*)) => {{
        #[cfg(feature = "split")]
        let out = $split($($arg),*).await;
        #[cfg(not(feature = "split"))]
        let out = $split($($arg),*);
        out
    }};
}
pub(crate) use call;

/// The [`Load`] of a split function that gives a view.
macro_rules! load {
    ($split:ident) => {
        || Box::pin(async { $crate::ui::chunk::call!($split()) })
    };
}
pub(crate) use load;

/// A part of the page that lives in a chunk.
pub struct Chunk<P: 'static> {
    /// Names the part in the ids of its messages: `{id}-loading`,
    /// `{id}-load-failed` and `{id}-retry`.
    id: &'static str,
    /// Said while the chunk loads.
    loading: &'static str,
    /// Said when it could not be loaded.
    failed: &'static str,
    load: Load<P>,
    /// The view, once loaded: a part drawn again later need not wait.
    loaded: OnceLock<View<P>>,
}

impl<P: 'static> Chunk<P> {
    /// A part named `id`, with its messages and its loader.
    pub const fn new(
        id: &'static str,
        loading: &'static str,
        failed: &'static str,
        load: Load<P>,
    ) -> Self {
        Chunk {
            id,
            loading,
            failed,
            load,
            loaded: OnceLock::new(),
        }
    }

    /// The view at once, when it is in the main wasm (a build without the
    /// `split` feature, where loading it never waits).
    fn here(&self) -> Option<View<P>> {
        if cfg!(feature = "split") {
            return None;
        }
        (self.load)().now_or_never()?.ok()
    }

    /// Starts fetching the chunk before it is wanted, so that the part
    /// opens at once: called when the pointer comes over, or the focus
    /// onto, what opens it. However often it is called, the loader
    /// fetches the chunk once.
    pub fn preload(&'static self) {
        if self.loaded.get().is_some() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            // A failure is told when the part is opened, not here.
            if let Ok(view) = (self.load)().await {
                let _ = self.loaded.set(view);
            }
        });
    }
}

/// The handlers that start [`Chunk::preload`]: put them on what opens the
/// part, as `onpointerenter` and `onfocus`.
pub struct Preload {
    /// For `onpointerenter`.
    pub enter: Callback<PointerEvent>,
    /// For `onfocus`.
    pub focus: Callback<FocusEvent>,
}

/// A chunk, whatever the properties of its part (so that one
/// [`use_preload`] serves them all).
pub trait Preloadable: Sync {
    /// See [`Chunk::preload`].
    fn preload(&'static self);
}

impl<P: 'static> Preloadable for Chunk<P> {
    fn preload(&'static self) {
        Chunk::preload(self);
    }
}

/// The [`Preload`] handlers of `chunk`, made once per component.
#[hook]
pub fn use_preload(chunk: &'static dyn Preloadable) -> Rc<Preload> {
    use_memo((), move |()| Preload {
        enter: Callback::from(move |_| chunk.preload()),
        focus: Callback::from(move |_| chunk.preload()),
    })
}

/// Where a part's chunk stands.
enum Stage<P: 'static> {
    /// Not wanted yet.
    Idle,
    Loading,
    Failed,
    Ready(View<P>),
}

// By hand: a derive would ask the properties to be `Copy` too.
impl<P> Clone for Stage<P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for Stage<P> {}

/// A part's chunk as one component sees it: draw the part with
/// [`Loaded::draw`].
pub struct Loaded<P: 'static> {
    chunk: &'static Chunk<P>,
    stage: Stage<P>,
    retry: Callback<MouseEvent>,
}

impl<P: 'static> Loaded<P> {
    /// Whether the part can be drawn.
    pub fn is_ready(&self) -> bool {
        matches!(self.stage, Stage::Ready(_))
    }

    /// The part drawn with `props` once its chunk is here; until then what
    /// is happening: nothing before it is wanted, a line while it loads, and
    /// a message with a way to try again if it failed.
    pub fn draw(self, props: impl FnOnce() -> P) -> Html {
        let Chunk {
            id,
            loading,
            failed,
            ..
        } = self.chunk;
        match self.stage {
            Stage::Idle => Html::default(),
            Stage::Ready(view) => view(props()),
            Stage::Loading => waiting(
                id,
                html! {
                    <p class="hint" id={format!("{id}-loading")} role="status">{ *loading }</p>
                },
            ),
            Stage::Failed => waiting(
                id,
                html! {
                    <>
                        <p class="field-error" id={format!("{id}-load-failed")} role="alert">{ *failed }</p>
                        <button type="button" class="secondary" id={format!("{id}-retry")} onclick={self.retry}>
                            { "Try again" }
                        </button>
                    </>
                },
            ),
        }
    }
}

/// What stands in a part's place while it loads or after it failed: one
/// element for both, which takes the focus from Try again as the button
/// goes, so that a keyboard is not sent back to the top of the page.
fn waiting(id: &str, body: Html) -> Html {
    html! {
        <div class="chunk-state" id={format!("{id}-state")} tabindex="-1">{ body }</div>
    }
}

/// Loads `chunk` the first time `wanted` is true. After a failure it tries
/// again when asked (the message's button) or when wanted anew. Once
/// loaded, the part stays ready even when no longer wanted, so that what
/// it holds is kept.
#[hook]
pub fn use_chunk<P: 'static>(chunk: &'static Chunk<P>, wanted: bool) -> Loaded<P> {
    let stage = use_state(|| {
        let view = chunk.loaded.get().copied().or_else(|| chunk.here());
        view.map_or(Stage::Idle, Stage::Ready)
    });
    let attempt = use_state(|| 0u32);
    {
        let stage = stage.clone();
        use_effect_with((wanted, *attempt), move |&(wanted, _)| {
            if wanted && !matches!(*stage, Stage::Ready(_)) {
                if let Some(&view) = chunk.loaded.get() {
                    // Preloaded.
                    stage.set(Stage::Ready(view));
                    return;
                }
                stage.set(Stage::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    stage.set(match (chunk.load)().await {
                        Ok(view) => Stage::Ready(*chunk.loaded.get_or_init(|| view)),
                        Err(LoadFailed) => Stage::Failed,
                    });
                });
            }
        });
    }
    // After Try again from the keyboard, the focus waits on the part's
    // place, then goes to the first control near where the part is drawn.
    let held = use_mut_ref(Vec::<web_sys::Element>::new);
    {
        let held = held.clone();
        use_effect_with(matches!(*stage, Stage::Ready(_)), move |&ready| {
            let around = held.take();
            if ready && !around.is_empty() {
                focus_near(&around);
            }
        });
    }
    let retry = Callback::from(move |_: MouseEvent| {
        let id = format!("{}-state", chunk.id);
        crate::platform::focus(&id);
        held.replace(ancestors(&id));
        attempt.set(*attempt + 1);
    });
    Loaded {
        chunk,
        stage: *stage,
        retry,
    }
}

/// The elements around the one with `id`, nearest first.
fn ancestors(id: &str) -> Vec<web_sys::Element> {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    std::iter::successors(element.and_then(|e| e.parent_element()), |e| {
        e.parent_element()
    })
    .collect()
}

/// What can take the focus.
const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]), select, textarea, summary, [tabindex='0']";

/// Once a part is drawn where its place stood: if the focus was lost with
/// that place (it is on the page's body), gives it to the first control of
/// the nearest of `around`, the elements that were around the place, still
/// on the page.
fn focus_near(around: &[web_sys::Element]) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = document
        .active_element()
        .is_none_or(|a| Some(&a) == document.body().as_deref());
    if !lost {
        return;
    }
    let first = around
        .iter()
        .find(|a| a.is_connected())
        .and_then(|a| a.query_selector(FOCUSABLE).ok().flatten())
        .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
    }
}
