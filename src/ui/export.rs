//! Saving a drawing (the timeline, or the six ways side by side) as an SVG
//! or a PNG, for slides and posts, in the theme on screen.
//!
//! The drawing's colours come from the page's style sheets, which a saved
//! file does not have, so each element's computed paint is written onto
//! its copy as presentation attributes: the file looks as the screen does,
//! and holds no style or script. A PNG is the SVG drawn onto a canvas; a
//! page whose security policy refuses `blob:` images cannot draw it, and
//! says so.

use super::chunk::{call, LoadFailed};
use super::state::{Action, Notice, Playground};
use crate::platform;
use futures::future::LocalBoxFuture;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Window};
use yew::prelude::*;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Why a picture could not be saved when its code could not be fetched.
const NOT_LOADED: &str = "the part of the playground that saves pictures could not be loaded; check the connection, then try again";

/// What is copied from the computed style onto each element of the copy.
const PAINT: [&str; 14] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "paint-order",
    "visibility",
];

/// Properties of [`ExportButtons`].
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The ids of the `<svg>` elements that make the drawing, top to bottom.
    pub svgs: Vec<&'static str>,
    /// The file name, without its extension.
    pub name: &'static str,
    /// Where notices go.
    pub dispatcher: UseReducerDispatcher<Playground>,
    /// Shorter words ("Save SVG") for a small frame.
    #[prop_or_default]
    pub compact: bool,
}

/// "Save as SVG" and "Save as PNG".
#[function_component]
pub fn ExportButtons(props: &ExportProps) -> Html {
    let save = |png: bool| {
        let (svgs, name, dispatcher) = (props.svgs.clone(), props.name, props.dispatcher.clone());
        Callback::from(move |_: MouseEvent| {
            let (svgs, dispatcher) = (svgs.clone(), dispatcher.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match call!(saving(svgs, name, png)) {
                    Ok(saved) => saved.await,
                    Err(LoadFailed) => Err(NOT_LOADED.into()),
                };
                let (kind, extension) = if png { ("PNG", "png") } else { ("SVG", "svg") };
                let notice = match outcome {
                    Ok(()) => Notice {
                        problem: false,
                        text: format!("The picture was saved as {name}.{extension}."),
                    },
                    Err(why) => Notice {
                        problem: true,
                        text: format!("The picture could not be saved as {kind}: {why}."),
                    },
                };
                dispatcher.dispatch(Action::Notify { notice });
            });
        })
    };
    let words = |kind: &str| {
        if props.compact {
            format!("Save {kind}")
        } else {
            format!("Save as {kind}")
        }
    };
    html! {
        <div class={classes!("export", props.compact.then_some("compact"))} role="group" aria-label="Save the picture">
            <button type="button" class="secondary" id={format!("{}-svg", props.name)} onclick={save(false)}>{ words("SVG") }</button>
            <button type="button" class="secondary" id={format!("{}-png", props.name)} onclick={save(true)}>{ words("PNG") }</button>
        </div>
    }
}

/// Saves the drawing made of `svgs` as `name`.svg, or .png. In a release
/// build this function and all it alone uses (copying the drawing with its
/// paint, drawing it onto a canvas) are cut into a chunk, loaded on the
/// first click (see [`super::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(export, fallible))]
fn saving(
    svgs: Vec<&'static str>,
    name: &'static str,
    png: bool,
) -> Result<LocalBoxFuture<'static, Result<(), String>>, LoadFailed> {
    Ok(Box::pin(async move {
        let svg = picture(&svgs)?;
        if png {
            save_png(&svg, name).await
        } else {
            platform::download(&format!("{name}.svg"), "image/svg+xml", &svg.text)
        }
    }))
}

/// A drawing as a standalone SVG file.
struct Picture {
    text: String,
    width: f64,
    height: f64,
}

fn window() -> Result<(Window, Document), String> {
    let window = web_sys::window().ok_or("there is no window")?;
    let document = window.document().ok_or("there is no document")?;
    Ok((window, document))
}

/// Stacks the `<svg>`s with these ids into one drawing, each element's
/// paint written onto it, on the background of the panel they sit on.
fn picture(ids: &[&str]) -> Result<Picture, String> {
    let (window, document) = window()?;
    let fail = |_: JsValue| "the browser could not copy the drawing".to_string();
    let parts: Vec<Element> = ids
        .iter()
        .filter_map(|id| document.get_element_by_id(id))
        .collect();
    let first = parts.first().ok_or("there is no drawing on the page")?;
    let root = document
        .create_element_ns(Some(SVG_NS), "svg")
        .map_err(fail)?;
    let width = parts
        .iter()
        .map(|p| p.get_bounding_client_rect().width())
        .fold(0.0, f64::max);
    let background = first
        .closest(".panel")
        .ok()
        .flatten()
        .and_then(|panel| window.get_computed_style(&panel).ok().flatten())
        .and_then(|style| style.get_property_value("background-color").ok())
        .unwrap_or_else(|| "white".into());
    let rect = document
        .create_element_ns(Some(SVG_NS), "rect")
        .map_err(fail)?;
    for (name, value) in [
        ("width", "100%"),
        ("height", "100%"),
        ("fill", background.as_str()),
    ] {
        rect.set_attribute(name, value).map_err(fail)?;
    }
    root.append_child(&rect).map_err(fail)?;
    let mut y = 0.0;
    for part in &parts {
        let size = part.get_bounding_client_rect();
        let copy: Element = part
            .clone_node_with_deep(true)
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| "the browser could not copy the drawing".to_string())?;
        paint(&window, part, &copy);
        for (name, value) in [
            ("x", "0".to_string()),
            ("y", number(y)),
            ("width", number(size.width())),
            ("height", number(size.height())),
        ] {
            copy.set_attribute(name, &value).map_err(fail)?;
        }
        root.append_child(&copy).map_err(fail)?;
        y += size.height();
    }
    for (name, value) in [
        ("xmlns", SVG_NS.to_string()),
        ("width", number(width)),
        ("height", number(y)),
        ("viewBox", format!("0 0 {} {}", number(width), number(y))),
    ] {
        root.set_attribute(name, &value).map_err(fail)?;
    }
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&root))
        .map_err(fail)?;
    Ok(Picture {
        text: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        width,
        height: y,
    })
}

fn number(v: f64) -> String {
    super::timeline::scale::fixed(v, 1)
}

/// Writes the computed paint of `from` and its descendants onto `to`, a
/// deep copy of it, element by element.
fn paint(window: &Window, from: &Element, to: &Element) {
    // The grips that edit a delay are for the screen, not for a picture.
    if from.class_list().contains("delay-handle") {
        to.remove();
        return;
    }
    if let Ok(Some(style)) = window.get_computed_style(from) {
        for name in PAINT {
            if let Ok(value) = style.get_property_value(name) {
                if !value.is_empty() {
                    let _ = to.set_attribute(name, &value);
                }
            }
        }
        // Hidden on screen, hidden in the file.
        if style.get_property_value("display").ok().as_deref() == Some("none") {
            let _ = to.set_attribute("display", "none");
        }
    }
    let _ = to.remove_attribute("class");
    // Copied first: a child taken out of the copy must not shift the rest.
    let (a, b) = (from.children(), to.children());
    let pairs: Vec<(Element, Element)> = (0..a.length().min(b.length()))
        .filter_map(|i| a.item(i).zip(b.item(i)))
        .collect();
    for (x, y) in pairs {
        paint(window, &x, &y);
    }
}

/// Draws the picture on a canvas at twice its size and saves it as PNG.
async fn save_png(svg: &Picture, name: &str) -> Result<(), String> {
    let (_, document) = window()?;
    let fail = |_: JsValue| "the browser could not draw the picture".to_string();
    let image = platform::svg_image(&svg.text).await?;
    const SCALE: f64 = 2.0;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "the browser has no canvas".to_string())?;
    canvas.set_width((svg.width * SCALE).ceil() as u32);
    canvas.set_height((svg.height * SCALE).ceil() as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or("the browser has no 2D canvas")?
        .dyn_into()
        .map_err(|_| "the browser has no 2D canvas".to_string())?;
    context.scale(SCALE, SCALE).map_err(fail)?;
    context
        .draw_image_with_html_image_element(&image, 0.0, 0.0)
        .map_err(fail)?;
    let (sent, received) = futures::channel::oneshot::channel::<Option<web_sys::Blob>>();
    let sent = std::cell::RefCell::new(Some(sent));
    let done = wasm_bindgen::closure::Closure::once(move |blob: Option<web_sys::Blob>| {
        if let Some(sent) = sent.borrow_mut().take() {
            let _ = sent.send(blob);
        }
    });
    canvas
        .to_blob(done.as_ref().unchecked_ref())
        .map_err(fail)?;
    let png = received
        .await
        .ok()
        .flatten()
        .ok_or("the browser could not make the PNG")?;
    platform::download_blob(&format!("{name}.png"), &png)
}
