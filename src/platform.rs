//! Browser services the UI asks for that are not about running tasks: the
//! clipboard, file downloads, and waiting for a calm moment. Like the
//! engine, this is code that awaits browser promises and callbacks, so it
//! stays out of `ui/`.

use futures::channel::oneshot;
use futures::future::select;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Resolves in a fresh task just after the next frame is drawn, when the
/// page has nothing else queued. A run started from a click would otherwise
/// share its first milliseconds with the click's own rendering, and a 0 ms
/// timer would fire 5 to 10 ms late. Hidden pages draw no frames, so the
/// wait for one is capped.
pub async fn calm_moment() {
    next_frame(100).await;
    fresh_task().await;
}

/// The page's clock (`performance.now()`), in ms: the clock of the
/// document's animations too.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves at the next animation frame, or after `cap_ms` where none comes
/// (a hidden page, a frame scrolled out of view in another page).
pub async fn next_frame(cap_ms: u32) {
    let (drawn, frame) = oneshot::channel::<()>();
    let _frame = gloo_render::request_animation_frame(move |_| {
        let _ = drawn.send(());
    });
    let _ = select(frame, TimeoutFuture::new(cap_ms)).await;
}

/// Resolves in a new task of its own (a message to itself), which runs
/// after what the browser already queued, and is not a timer, so it does
/// not count towards the nesting that makes browsers clamp timers.
pub async fn fresh_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let (done, arrived) = oneshot::channel::<()>();
    let done = RefCell::new(Some(done));
    let port = channel.port1();
    let _listener = gloo_events::EventListener::new(&port, "message", move |_| {
        if let Some(done) = done.borrow_mut().take() {
            let _ = done.send(());
        }
    });
    port.start();
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = arrived.await;
    }
}

/// Copies `text` to the clipboard. Errs with a sentence for people when the
/// browser refuses (no permission, or a page not served securely).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("there is no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying; use Download instead".to_string())
}

/// `text` as a blob of type `mime`.
fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_string())
}

/// Offers `text` as a file called `name` of type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(name, &text_blob(text, mime)?)
}

/// The SVG document `svg` as a decoded image, ready to draw on a canvas.
/// Errs when the page's security policy refuses `blob:` images.
pub async fn svg_image(svg: &str) -> Result<web_sys::HtmlImageElement, String> {
    let url = web_sys::Url::create_object_url_with_blob(&text_blob(svg, "image/svg+xml")?)
        .map_err(|_| "the browser could not prepare the picture".to_string())?;
    let image = web_sys::HtmlImageElement::new()
        .map_err(|_| "the browser could not make an image".to_string())?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| {
        "this page's security policy does not let it draw pictures (it needs img-src blob:); saving as SVG works everywhere".to_string()
    })?;
    Ok(image)
}

/// Offers `blob` as a file called `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |_: JsValue| "the browser could not prepare the file".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let link: web_sys::HtmlAnchorElement =
        document
            .create_element("a")
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| "the browser could not make a link".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Some browsers read the URL after `click` returns: free it a little later.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(10_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// The page's query (with its `?`) and fragment (with its `#`), as written.
pub fn location() -> (String, String) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    (
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default(),
    )
}

/// The page's address without its fragment: where the full playground is.
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Takes the fragment out of the address bar, without a reload or a new
/// history entry: a link has been read, and the page now holds its own
/// state (a reload shows what was last edited, not the link again).
pub fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(path), Ok(query)) = (window.location().pathname(), window.location().search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// A warning in the browser's console, for page authors rather than readers.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Moves the focus to the element with `id`, if it is on the page.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// On a narrow screen, where the page is one column under a bar of
/// controls, scrolls the element `id` to the top when it, or the element
/// `with` below it, is not wholly in view. Wide layouts keep the stage in
/// view by themselves and are left alone.
pub fn reveal_on_narrow(id: &str, with: &str, narrow: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let narrow = window
        .match_media(narrow)
        .ok()
        .flatten()
        .is_some_and(|q| q.matches());
    let Some(document) = window.document() else {
        return;
    };
    let (Some(target), Some(below)) = (
        document.get_element_by_id(id),
        document.get_element_by_id(with),
    ) else {
        return;
    };
    if !narrow {
        return;
    }
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    // The fixed bar of controls covers the bottom of the window.
    let bar = document
        .get_element_by_id("controls")
        .map_or(0.0, |c| c.get_bounding_client_rect().height());
    let top = target.get_bounding_client_rect().top();
    let bottom = below.get_bounding_client_rect().bottom();
    if top < 0.0 || bottom > height - bar {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Hands the model the browser's own reading and writing of numbers (see
/// [`crate::model::number`]). Called once at start, before anything reads
/// a scenario; tests of the browser build call it too.
pub fn install_numbers() {
    crate::model::number::install(crate::model::number::NumberText {
        read: |literal| js_sys::Number::parse_float(literal),
        write: |n| {
            js_sys::Number::from(n)
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default()
        },
    });
}
