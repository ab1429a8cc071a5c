//! The last line of defence: if anything panics (the release build aborts on
//! panic), the page still says what happened and offers a reload, instead of
//! freezing silently.

use std::panic;

pub(super) fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Reveals the static `#fatal` banner from `index.html` with `detail` in it.
/// It uses plain DOM calls: Yew may be the thing that failed.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(text) = document.get_element_by_id("fatal-detail") {
        text.set_text_content(Some(detail));
    }
    if let Some(banner) = document.get_element_by_id("fatal") {
        let _ = banner.remove_attribute("hidden");
    }
}
