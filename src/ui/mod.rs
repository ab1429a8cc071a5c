//! The Yew interface: one reducer for the playground's state, one component
//! a file. Components draw state and turn user intent into actions; only the
//! run hook talks to the engine.

mod app;
mod fatal;
pub mod state;

pub use app::App;

/// Mounts the playground into the page's body.
pub fn start() {
    fatal::install_panic_hook();
    yew::Renderer::<App>::new().render();
}
