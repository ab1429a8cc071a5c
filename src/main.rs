//! Mounts the playground; everything else lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    promise_playground::ui::start();
}
