//! Sharing the scenario: a link that opens it, and the code that embeds it
//! in another page (the `<promise-playground>` element, or a plain iframe).

use super::chunk::{load, use_chunk, use_preload, Chunk, LoadFailed, View};
use super::state::{Action, Notice, Playground};
use crate::model::link::{self, Embed, Share, Theme};
use crate::model::Scenario;
use crate::platform;
use web_sys::{HtmlDialogElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Where the playground is served from: the page's address without its
/// query, fragment or file name, so links open the full app.
pub fn playground_base() -> String {
    let address = platform::page_address();
    let path = address.split('?').next().unwrap_or_default();
    match path.rfind('/') {
        Some(slash) => path[..=slash].to_string(),
        None => path.to_string(),
    }
}

/// A link that opens `scenario` in the full playground, at `speed`.
pub fn full_link(state: &Playground, scenario: &Scenario) -> String {
    let share = Share {
        speed: state.speed,
        abort: state.abort_rest,
        view: state.view,
        ..Share::of(scenario)
    };
    format!("{}#{}", playground_base(), link::fragment(&share))
}

/// `text` as HTML text or attribute value.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The height an iframe of `tasks` tasks likely needs at 600 px or wider
/// (static/embed.js reserves the same for its element).
fn embed_height(tasks: usize) -> usize {
    (170 + 90 * tasks).clamp(260, 720)
}

/// The element and the iframe that embed `scenario` with `embed`'s options.
fn embed_code(
    state: &Playground,
    scenario: &Scenario,
    embed: &Embed,
    theme: Theme,
) -> (String, String) {
    let base = playground_base();
    let mut attributes = String::new();
    for (on, name) in [(embed.autorun, " autorun"), (embed.editable, " editable")] {
        if on {
            attributes.push_str(name);
        }
    }
    if theme != Theme::Auto {
        attributes.push_str(&format!(" theme=\"{}\"", theme.keyword()));
    }
    if state.speed != 1.0 {
        if let Some(word) = crate::model::scenario::speed_word(state.speed) {
            attributes.push_str(&format!(" speed=\"{word}\""));
        }
    }
    if state.abort_rest {
        attributes.push_str(" abort");
    }
    let element = format!(
        "<script src=\"{}embed.js\" defer></script>\n<promise-playground{attributes}>\n{}\n</promise-playground>",
        escape_html(&base),
        escape_html(&crate::model::text::format(scenario))
    );
    let share = Share {
        speed: state.speed,
        abort: state.abort_rest,
        view: state.view,
        theme,
        embed: Some(embed),
        ..Share::of(scenario)
    };
    let src = format!("{base}#{}", link::fragment(&share));
    let iframe = format!(
        "<iframe src=\"{}\" title=\"Promise playground\" width=\"100%\" height=\"{}\" loading=\"lazy\"></iframe>",
        escape_html(&src),
        embed_height(scenario.tasks.len())
    );
    (element, iframe)
}

fn say(state: &UseReducerHandle<Playground>, problem: bool, text: String) {
    state.dispatch(Action::Notify {
        notice: Notice { problem, text },
    });
}

/// Copies `text`, then says so (or why not) with `what` as the thing copied.
fn copy(state: &UseReducerHandle<Playground>, text: String, what: &'static str) {
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match platform::copy_text(&text).await {
            Ok(()) => say(&state, false, format!("The {what} is on the clipboard.")),
            Err(why) => say(&state, true, format!("The {what} could not be copied: {why}. Select it in the Share window and copy it by hand.")),
        }
    });
}

/// Properties of [`ShareActions`].
#[derive(Properties, PartialEq)]
pub struct ShareActionsProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// "Copy link" and "Share and embed…", with the window the latter opens.
/// What the window holds comes from a chunk of its own, loaded the first
/// time it opens.
#[function_component]
pub fn ShareActions(props: &ShareActionsProps) -> Html {
    let state = &props.state;
    let dialog = use_node_ref();
    let open = use_state_eq(|| false);

    let copy_link = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| match state.scenario() {
            Ok(scenario) => copy(&state, full_link(&state, scenario), "link"),
            Err(_) => say(
                &state,
                true,
                "A task has a problem: fix the marked field first, then share.".into(),
            ),
        })
    };
    let show = {
        let (dialog, open) = (dialog.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let closed = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let preload = use_preload(&SHARE);
    let body = use_chunk(&SHARE, *open).draw(|| BodyProps {
        state: state.clone(),
        open: *open,
    });

    html! {
        <div class="share" role="group" aria-label="Share">
            <button type="button" id="copy-link" class="secondary" onclick={copy_link}>{ "Copy link" }</button>
            <button type="button" id="open-share" class="secondary" onclick={show} aria-haspopup="dialog"
                onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}>{ "Embed…" }</button>
            <dialog id="share-dialog" ref={dialog} aria-labelledby="share-title" onclose={closed}>
                <div class="dialog-head">
                    <h2 id="share-title">{ "Share and embed" }</h2>
                    <button type="button" class="secondary" id="close-share" onclick={close}>{ "Close" }</button>
                </div>
                { body }
            </dialog>
        </div>
    }
}

/// Properties of [`Body`].
#[derive(Properties, PartialEq)]
struct BodyProps {
    state: UseReducerHandle<Playground>,
    /// Whether the window is open: the codes are written only then.
    open: bool,
}

/// The window's body. In a release build this function and all it alone
/// uses (the embed options, the element and iframe codes) are cut into a
/// chunk (see [`super::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(share, fallible))]
fn share_view() -> Result<View<BodyProps>, LoadFailed> {
    Ok(|props| html! { <Body ..props /> })
}

static SHARE: Chunk<BodyProps> = Chunk::new(
    "share",
    "Loading the codes…",
    "The codes could not be loaded: check the connection, then try again.",
    load!(share_view),
);

/// The link, the embed options and the codes that embed the scenario.
#[function_component]
fn Body(props: &BodyProps) -> Html {
    let state = &props.state;
    let options = use_state_eq(Embed::default);
    let theme = use_state_eq(|| Theme::Auto);
    let toggle = |pick: fn(&mut Embed) -> &mut bool| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let mut next = (*options).clone();
            *pick(&mut next) = e.target_unchecked_into::<HtmlInputElement>().checked();
            options.set(next);
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let word = e.target_unchecked_into::<HtmlSelectElement>().value();
            theme.set(Theme::from_keyword(&word).unwrap_or_default());
        })
    };

    // The codes are written only while the window is open: for a big
    // scenario they are long.
    let codes = props
        .open
        .then(|| state.scenario().ok())
        .flatten()
        .map(|scenario| {
            let (element, iframe) = embed_code(state, scenario, &options, *theme);
            (full_link(state, scenario), element, iframe)
        });
    let block = |id: &'static str, title: &'static str, code: &str, what: &'static str| {
        let onclick = {
            let (state, code) = (state.clone(), code.to_string());
            Callback::from(move |_: MouseEvent| copy(&state, code.clone(), what))
        };
        html! {
            <div class="code-block">
                <div class="code-head">
                    <h3 id={format!("{id}-title")}>{ title }</h3>
                    <button type="button" class="secondary" id={format!("copy-{id}")} {onclick}>{ "Copy" }</button>
                </div>
                <pre id={id} tabindex="0" aria-labelledby={format!("{id}-title")}><code>{ code.to_string() }</code></pre>
            </div>
        }
    };
    let themes: Vec<Html> = Theme::ALL
        .iter()
        .map(|t| html! { <option value={t.keyword()} selected={*t == *theme}>{ t.keyword() }</option> })
        .collect();

    html! {
        <>
            if let Some((link, element, iframe)) = codes {
                { block("share-link", "Link to this scenario", &link, "link") }
                <fieldset class="embed-options">
                    <legend>{ "Embedded, it…" }</legend>
                    <label><input type="checkbox" id="embed-autorun" checked={options.autorun} onchange={toggle(|e| &mut e.autorun)} />{ " runs on its own" }</label>
                    <label><input type="checkbox" id="embed-editable" checked={options.editable} onchange={toggle(|e| &mut e.editable)} />{ " lets readers edit the tasks" }</label>
                    <label>{ "Theme " }<select id="embed-theme" onchange={on_theme}>{ themes }</select></label>
                </fieldset>
                { block("embed-element", "For a documentation page: the element (loads when scrolled near, fits its height)", &element, "element code") }
                { block("embed-iframe", "Anywhere HTML is allowed: a plain iframe", &iframe, "iframe code") }
                <p class="hint">{ "The scenario travels in the link itself: nothing is stored on a server, and the embed keeps nothing in the reader's browser." }</p>
            } else if props.open {
                <p class="field-error" id="share-problem">{ "A task has a problem: fix the marked field, then share." }</p>
            }
        </>
    }
}
