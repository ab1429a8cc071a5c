//! The one place that talks to a page embedding the playground: the only
//! listener for `message` events, and the only caller of `postMessage`.
//!
//! A request is taken only from the embedding page itself, matched by
//! `event.source` (the origin of a sandboxed frame is the opaque `"null"`,
//! so origins alone cannot tell frames apart), and, when the link names an
//! `origin`, only from that origin. It is checked against the message API
//! ([`crate::model::message`]) and turned into an [`Action`] or a press of
//! Run or Stop, exactly as a click would be; anything else is ignored with a
//! console warning.
//!
//! Messages out go to the `origin` the link names; else to the origin of
//! the page that loaded the frame (`document.referrer`); else, when the
//! browser withholds that, to any origin (`"*"`): they carry nothing the
//! link does not already hold, save the run reports of what the reader ran.

use super::latest::{use_latest, Latest};
use super::runner::Runner;
use super::state::{Action, Playground};
use crate::model::link::Embed;
use crate::model::message::{EmbedMessage, HostMessage};
use crate::model::text;
use crate::platform;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, ResizeObserver, Window};
use yew::prelude::*;

/// The longest message text read, in characters of its JSON.
const MAX_MESSAGE_CHARS: u32 = 5 * 1024 * 1024;

/// The embedding page, as this frame sees it.
struct Host {
    parent: Window,
    /// Where messages go.
    target: String,
    /// The only origin requests are taken from, when the link names one.
    origin: Option<String>,
}

impl Host {
    /// The page around this frame; `None` when the playground is not framed.
    fn find(embed: &Embed) -> Option<Host> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        let referrer = window.document().map(|d| d.referrer()).unwrap_or_default();
        let target = embed
            .origin
            .clone()
            .or_else(|| origin_of(&referrer))
            .unwrap_or_else(|| "*".into());
        Some(Host {
            parent,
            target,
            origin: embed.origin.clone(),
        })
    }

    fn post(&self, message: &EmbedMessage) {
        let data = crate::engine::json_to_js(&message.to_json());
        if self.parent.post_message(&data, &self.target).is_err() {
            platform::warn(
                "Promise Playground: a message to the embedding page could not be sent.",
            );
        }
    }

    /// The request `event` carries, when it comes from the embedding page.
    fn request(&self, event: &MessageEvent) -> Option<Result<HostMessage, String>> {
        let from_parent = event
            .source()
            .is_some_and(|source| js_sys::Object::is(&source, &self.parent));
        if !from_parent {
            return None;
        }
        if let Some(origin) = &self.origin {
            if event.origin() != *origin {
                return Some(Err(format!(
                    "a message came from {}, and this embed takes messages only from {origin}",
                    event.origin()
                )));
            }
        }
        Some(read(&event.data()))
    }
}

/// `scheme://host[:port]` of an http(s) address.
fn origin_of(address: &str) -> Option<String> {
    let (scheme, rest) = address.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Reads a message's data as JSON, then as a request. Data that JSON cannot
/// hold (a cycle, a function) is refused rather than guessed at.
fn read(data: &JsValue) -> Result<HostMessage, String> {
    let json = js_sys::JSON::stringify(data)
        .ok()
        .filter(|s| s.is_string() && s.length() <= MAX_MESSAGE_CHARS)
        .and_then(|s| s.as_string())
        .ok_or("a message must be plain data of at most 5 MB")?;
    let plain =
        js_sys::JSON::parse(&json).map_err(|_| "a message must be plain data".to_string())?;
    let value = crate::engine::json_from_js(&plain)
        .map_err(|why| format!("a message must be plain data: {why}"))?;
    HostMessage::read(&value)
}

/// Carries out one request.
fn obey(host: &Host, latest: &Latest, request: HostMessage) {
    match request {
        HostMessage::Load { scenario } => match text::parse(&scenario) {
            Ok(scenario) => latest.state.dispatch(Action::Load {
                scenario,
                notice: None,
            }),
            Err(error) => {
                let message = format!("the scenario could not be read: {error}");
                platform::warn(&format!("Promise Playground: {message}"));
                host.post(&EmbedMessage::Error { message });
            }
        },
        HostMessage::Run => latest.runner.run.emit(()),
        HostMessage::Stop => latest.runner.stop.emit(()),
        HostMessage::SetTheme { theme } => latest.state.dispatch(Action::SetTheme { theme }),
    }
}

/// Keeps the embedding page told of the frame's height.
fn observe_height(host: Rc<Host>) -> Option<(ResizeObserver, Closure<dyn FnMut()>)> {
    let body = web_sys::window()?.document()?.body()?;
    let last = RefCell::new(0u32);
    let measured = body.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height != std::mem::replace(&mut *last.borrow_mut(), height) {
            host.post(&EmbedMessage::Resize { height });
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&body);
    Some((observer, callback))
}

/// The message API, for an embedded playground; does nothing otherwise.
/// `drawn` says whether the embedded layout is on screen: "ready", and an
/// autorun, wait for it.
#[hook]
pub fn use_host(state: &UseReducerHandle<Playground>, runner: &Runner, drawn: bool) {
    let latest = use_latest(state, runner);
    let host = use_memo(state.embed.clone(), |embed| {
        embed.as_ref().and_then(Host::find).map(Rc::new)
    });

    // Listen first, then say ready, then run if asked: the effects of one
    // component run in this order, after its first render is on screen.
    {
        let (latest, host) = (latest.clone(), host.clone());
        use_effect_with(state.embed.clone(), move |_| {
            let parts = host.as_ref().as_ref().and_then(|host| {
                let window = web_sys::window()?;
                let h = Rc::clone(host);
                let listener = EventListener::new(&window, "message", move |event| {
                    let Some(event) = event.dyn_ref::<MessageEvent>() else {
                        return;
                    };
                    match h.request(event) {
                        Some(Ok(request)) => obey(&h, &latest.borrow(), request),
                        Some(Err(why)) => {
                            platform::warn(&format!("Promise Playground ignored a message: {why}."))
                        }
                        None => {}
                    }
                });
                Some((listener, observe_height(Rc::clone(host))))
            });
            move || {
                if let Some((_, Some((observer, _)))) = &parts {
                    observer.disconnect();
                }
                drop(parts);
            }
        });
    }
    {
        let autorun = state.embed.as_ref().is_some_and(|e| e.autorun);
        let (runner, host) = (runner.clone(), host.clone());
        // Once the layout is drawn, so that the run is seen from its start.
        use_effect_with((state.embed.clone(), drawn), move |&(_, drawn)| {
            if !drawn {
                return;
            }
            if let Some(host) = host.as_ref() {
                host.post(&EmbedMessage::Ready);
            }
            if autorun {
                runner.run.emit(());
            }
        });
    }

    // Each run is announced once when it starts and once when it is done,
    // even when both arrive in one batch on a busy page.
    let announced = use_mut_ref(|| None::<u32>);
    let run = state.run.as_ref().map(|r| r.run);
    let finished = state.run.as_ref().is_some_and(|r| r.finished_at.is_some());
    let state = state.clone();
    use_effect_with((run, finished), move |&(run, finished)| {
        let (Some(host), Some(run)) = (host.as_ref(), run) else {
            return;
        };
        if announced.borrow_mut().replace(run) != Some(run) {
            host.post(&EmbedMessage::RunStarted { run });
        }
        if let Some(record) = state.run.as_ref().filter(|_| finished) {
            host.post(&EmbedMessage::complete(record));
        }
    });
}
