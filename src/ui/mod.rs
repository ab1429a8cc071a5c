//! The Yew interface: one reducer for the playground's state ([`state`]),
//! hooks for the effects (running, saving), and one component a file.
//! Components draw state and turn intent into [`state::Action`]s; only the
//! runner hook talks to the engine.

mod announcer;
mod app;
mod chunk;
mod clock;
mod code_view;
mod combinator_picker;
mod combinator_select;
mod controls;
pub mod draft;
mod embed_page;
mod export;
pub mod fatal;
mod fold;
mod host;
mod latest;
mod notices;
pub mod opening;
mod predict;
mod preset_picker;
mod replay;
mod report_actions;
mod result_panel;
mod row_focus;
mod row_icons;
mod run_view;
mod runner;
mod settle_log;
mod share;
pub(crate) mod shared;
mod shortcuts;
pub mod state;
mod storage;
mod task_list;
mod task_row;
mod task_summary;
mod text_help;
mod text_view;
mod theme;
pub mod timeline;
mod timeline_table;
pub(crate) mod user_text;

pub use app::App;
pub use timeline::Timeline;

/// A scenario of more tasks than this, or a log of more entries, marks its
/// list `long` (the task list shows at most 100 rows of it, the log 500
/// lines), and the style sheet then skips drawing the items out of view:
/// otherwise a large run makes its frames late. Smaller ones are drawn
/// whole, so a full-page picture of them shows everything.
pub(crate) const LONG_LIST: usize = 100;

/// Mounts the playground into the page's body.
pub fn start() {
    // The same module starts the engine's worker, where there is no page
    // to draw: that worker's own script takes over (see engine::worker).
    if web_sys::window().is_none() {
        return;
    }
    fatal::install_panic_hook();
    crate::platform::install_numbers();
    yew::Renderer::<App>::new().render();
}
