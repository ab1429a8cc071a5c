//! The colour theme: `auto` follows the system; `light` and `dark` are
//! set on the page's root element, where the style sheets read them.

use crate::model::link::Theme;
use yew::prelude::*;

/// Keeps `<html data-theme>` in step with `theme`.
#[hook]
pub fn use_theme(theme: Theme) {
    use_effect_with(theme, |theme| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match theme {
                Theme::Auto => root.remove_attribute("data-theme"),
                _ => root.set_attribute("data-theme", theme.keyword()),
            };
        }
    });
}
