//! The code that does what a scenario does: a JavaScript program that runs
//! as is in a browser console or in Node and prints the same settle order
//! and result, and the same run written in Rust with the playground's own
//! bridge (gloo timers, wasm-bindgen-futures, js-sys).
//!
//! Both are built from the scenario alone, as text, with a small tokenizer
//! to colour them: the code is ours, so its grammar is known and small.

use super::scenario::{task_name, Behaviour, Combinator, Scenario, Settle};
use super::text::format_value;
use super::value::{js_number, write_in_quotes, write_quoted, Value};
use std::fmt::Write;

/// The two languages the code is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Plain JavaScript promises on `setTimeout`.
    JavaScript,
    /// Rust futures on gloo timers, bridged to JS promises.
    Rust,
}

impl Lang {
    /// Both, in the order they are offered.
    pub const ALL: [Lang; 2] = [Lang::JavaScript, Lang::Rust];

    /// The name people know it by.
    pub fn title(self) -> &'static str {
        match self {
            Lang::JavaScript => "JavaScript",
            Lang::Rust => "Rust",
        }
    }

    /// A short word for ids and files.
    pub fn keyword(self) -> &'static str {
        match self {
            Lang::JavaScript => "js",
            Lang::Rust => "rust",
        }
    }

    /// The program for `scenario`; `abort` aborts the tasks still at work
    /// when the combinator settles.
    pub fn program(self, scenario: &Scenario, abort: bool) -> String {
        match self {
            Lang::JavaScript => javascript_with(scenario, abort),
            Lang::Rust => rust_with(scenario, abort),
        }
    }
}

/// `value` as JavaScript source: the text form writes values so.
fn source(value: &Value) -> String {
    format_value(value)
}

/// The JavaScript program for `scenario`: every task a function that
/// starts it, combined as the scenario says, each settle and the result
/// printed with `console.log`.
pub fn javascript(scenario: &Scenario) -> String {
    javascript_with(scenario, false)
}

/// [`javascript`], and with `abort` a real `AbortController` that aborts
/// the tasks still at work once the combinator settles: each timer and
/// each never-settling task listens to its signal.
pub fn javascript_with(scenario: &Scenario, abort: bool) -> String {
    let combinator = scenario.combinator;
    let tasks = &scenario.tasks;
    let uses = |f: fn(&Behaviour) -> bool| tasks.iter().any(|t| f(&t.behaviour));
    let mut out = String::new();
    let count = match tasks.len() {
        1 => "1 task".to_string(),
        n => format!("{n} tasks"),
    };
    let _ = writeln!(
        out,
        "// {} over {count}, as the playground runs it: real promises on\n\
         // real timers. Paste it into a browser console, or save it as\n\
         // run.mjs and run `node run.mjs`. It prints each settle, then the result.",
        combinator.title()
    );
    out.push_str(
        "const start = performance.now();\n\
         const now = () => `${Math.round(performance.now() - start)} ms`;\n\
         const told = (name, ok, value) =>\n\
         \x20 console.log(now(), name, ok ? 'fulfilled with' : 'rejected with', value);\n",
    );
    if abort {
        out.push_str(
            "\n// Aborts the tasks still at work once the combinator settles: a\n\
             // promise cannot be cancelled, but the work behind it can.\n\
             const controller = new AbortController();\n\
             const { signal } = controller;\n",
        );
    }
    if abort && uses(|b| matches!(b, Behaviour::Timer { .. })) {
        out.push_str(
            "\n// Settles after `delay` ms of a timer, and says so; an abort clears the timer.\n\
             const after = (delay, name, ok, value) =>\n\
             \x20 new Promise((resolve, reject) => {\n\
             \x20   const timer = setTimeout(() => {\n\
             \x20     signal.removeEventListener('abort', stop);\n\
             \x20     told(name, ok, value);\n\
             \x20     (ok ? resolve : reject)(value);\n\
             \x20   }, delay);\n\
             \x20   const stop = () => {\n\
             \x20     clearTimeout(timer);\n\
             \x20     console.log(now(), name, 'aborted');\n\
             \x20     reject(signal.reason);\n\
             \x20   };\n\
             \x20   signal.addEventListener('abort', stop, { once: true });\n\
             \x20 });\n",
        );
    } else if uses(|b| matches!(b, Behaviour::Timer { .. })) {
        out.push_str(
            "\n// Settles after `delay` ms of a timer, and says so.\n\
             const after = (delay, name, ok, value) =>\n\
             \x20 new Promise((resolve, reject) =>\n\
             \x20   setTimeout(() => {\n\
             \x20     told(name, ok, value);\n\
             \x20     (ok ? resolve : reject)(value);\n\
             \x20   }, delay));\n",
        );
    }
    if uses(|b| matches!(b, Behaviour::Settled(_))) {
        out.push_str(
            "\n// Settled already when it is made.\n\
             const settled = (name, ok, value) => {\n\
             \x20 told(name, ok, value);\n\
             \x20 return ok ? Promise.resolve(value) : Promise.reject(value);\n\
             };\n",
        );
    }
    if uses(|b| matches!(b, Behaviour::Plain(_))) {
        out.push_str(
            "\n// Not a promise at all: awaiting it gives the value itself.\n\
             const plain = (name, value) => {\n\
             \x20 told(name, true, value);\n\
             \x20 return value;\n\
             };\n",
        );
    }
    if abort && uses(|b| matches!(b, Behaviour::Never)) {
        out.push_str(
            "\n// Pending until the run aborts it, as a hung request would be.\n\
             const never = (name) =>\n\
             \x20 new Promise((_, reject) =>\n\
             \x20   signal.addEventListener('abort', () => {\n\
             \x20     console.log(now(), name, 'aborted');\n\
             \x20     reject(signal.reason);\n\
             \x20   }, { once: true }));\n",
        );
    } else if uses(|b| matches!(b, Behaviour::Never)) {
        out.push_str(
            "\n// Pending for ever: nothing can settle it.\n\
             const never = () => new Promise(() => {});\n",
        );
    }
    let loops = matches!(
        combinator,
        Combinator::Sequential | Combinator::ParallelAwait
    );
    if loops {
        out.push_str(
            "\n// A rejection nobody handles: the browser reports it, and Node\n\
             // would stop the program, so both are told to print it instead.\n\
             const unhandled = (reason) => console.log(now(), 'unhandled rejection:', reason);\n\
             globalThis.process?.on('unhandledRejection', unhandled);\n\
             globalThis.addEventListener?.('unhandledrejection', (e) => unhandled(e.reason));\n",
        );
    }
    out.push_str("\nconst tasks = [\n");
    for (i, task) in tasks.iter().enumerate() {
        let mut name = String::new();
        write_quoted(&mut name, &task_name(&task.label, i));
        let call = match &task.behaviour {
            Behaviour::Timer { delay_ms, settle } => format!(
                "after({delay_ms}, {name}, {}, {})",
                !settle.is_reject(),
                source(settle.value())
            ),
            Behaviour::Settled(settle) => format!(
                "settled({name}, {}, {})",
                !settle.is_reject(),
                source(settle.value())
            ),
            Behaviour::Plain(value) => format!("plain({name}, {})", source(value)),
            Behaviour::Never if abort => format!("never({name})"),
            Behaviour::Never => format!("never() /* {} */", comment(&task_name(&task.label, i))),
        };
        let _ = writeln!(out, "  () => {call},");
    }
    out.push_str("];\n\n(async () => {\n  try {\n");
    match combinator {
        Combinator::Sequential => out.push_str(
            "    const value = [];\n    for (const t of tasks) value.push(await t());\n",
        ),
        Combinator::ParallelAwait => out.push_str(
            "    const ps = tasks.map((t) => t());\n    const value = [];\n    for (const p of ps) value.push(await p);\n",
        ),
        other => {
            let _ = writeln!(
                out,
                "    const value = await {}(tasks.map((t) => t()));",
                other.title()
            );
        }
    }
    let title = {
        let mut t = String::new();
        write_quoted(&mut t, combinator.title());
        t
    };
    let _ = write!(
        out,
        "    console.log(now(), {title}, 'fulfilled with', value);\n  \
         }} catch (reason) {{\n    \
         console.log(now(), {title}, 'rejected with', reason);\n  \
         }}\n"
    );
    if abort {
        out.push_str("  controller.abort();\n");
    }
    out.push_str("})();\n");
    out
}

/// `text` made safe inside a `/* … */` comment.
fn comment(text: &str) -> String {
    text.replace("*/", "* /").replace(['\n', '\r'], " ")
}

/// The same run in Rust, with the playground's own bridge: each task a
/// future on a gloo timer handed to `future_to_promise`, combined by the
/// browser's `Promise.*` through js-sys, or awaited in a loop.
pub fn rust(scenario: &Scenario) -> String {
    rust_with(scenario, false)
}

/// [`rust`], and with `abort` a real `AbortController` (web-sys) whose
/// signal each task's timer races: when the combinator settles, the run
/// aborts, the timers still due are dropped (which clears them), and their
/// promises reject with the signal's `AbortError`.
pub fn rust_with(scenario: &Scenario, abort: bool) -> String {
    let combinator = scenario.combinator;
    let tasks = &scenario.tasks;
    let values = || {
        tasks
            .iter()
            .filter_map(|t| t.behaviour.settle().map(|s| s.value().clone()))
    };
    let any_value = |f: &dyn Fn(&Value) -> bool| values().any(|v| contains(&v, f));
    let uses = |f: fn(&Behaviour) -> bool| tasks.iter().any(|t| f(&t.behaviour));
    let timers = uses(|b| matches!(b, Behaviour::Timer { .. }));
    let settled = uses(|b| matches!(b, Behaviour::Settled(_)));
    let never = uses(|b| matches!(b, Behaviour::Never));
    let arrays = any_value(&|v| matches!(v, Value::Array(_)));
    let objects = any_value(&|v| matches!(v, Value::Object(_)));
    let mut errors: Vec<&'static str> = Vec::new();
    for v in values() {
        each_error(&v, &mut |name| {
            let path = rust_error(name);
            if !errors.contains(&path) {
                errors.push(path);
            }
        });
    }
    errors.sort_unstable();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} over {}, with the playground's own bridge: each task\n\
         // is a Rust future on a gloo timer, turned into a real JS promise by\n\
         // wasm-bindgen-futures, and {}.",
        combinator.title(),
        match tasks.len() {
            1 => "1 task".to_string(),
            n => format!("{n} tasks"),
        },
        match combinator {
            Combinator::Sequential => "a Rust loop awaits them one after another",
            Combinator::ParallelAwait => "a Rust loop awaits them in order",
            _ => "the browser's own combinator settles the result",
        }
    );
    // Only tasks that run on after they start can be aborted.
    let abortable = abort && (timers || never);
    if abort && timers {
        out.push_str("use futures::future::{select, Either};\n");
    }
    if timers {
        out.push_str("use gloo_timers::future::TimeoutFuture;\n");
    }
    let mut js = vec!["Array", "Promise"];
    if objects {
        js.extend(["Object", "Reflect"]);
    }
    js.extend(errors.iter().copied());
    js.sort_unstable();
    js.dedup();
    let _ = writeln!(out, "use js_sys::{{{}}};", js.join(", "));
    out.push_str("use wasm_bindgen::JsValue;\n");
    out.push_str(if timers || abortable {
        "use wasm_bindgen_futures::{future_to_promise, JsFuture};\n"
    } else {
        "use wasm_bindgen_futures::JsFuture;\n"
    });
    if abort {
        out.push_str("use web_sys::{AbortController, AbortSignal};\n");
    }
    if abortable {
        out.push_str(
            "\n/// Resolves when `signal` aborts (at once if it has).\n\
             fn on_abort(signal: &AbortSignal) -> JsFuture {\n\
             \x20   JsFuture::from(Promise::new(&mut |resolve, _| {\n\
             \x20       if signal.aborted() {\n\
             \x20           let _ = resolve.call0(&JsValue::UNDEFINED);\n\
             \x20       } else {\n\
             \x20           let _ = signal.add_event_listener_with_callback(\"abort\", &resolve);\n\
             \x20       }\n\
             \x20   }))\n\
             }\n",
        );
    }
    if timers && abortable {
        out.push_str(
            "\n/// A task that settles after `delay` ms of a real timer, unless\n\
             /// `signal` aborts first: then the timer is dropped, which clears it,\n\
             /// and the task rejects with the signal's AbortError.\n\
             fn after(delay: u32, outcome: Result<JsValue, JsValue>, signal: &AbortSignal) -> JsValue {\n\
             \x20   let signal = signal.clone();\n\
             \x20   future_to_promise(async move {\n\
             \x20       let timer = TimeoutFuture::new(delay);\n\
             \x20       match select(timer, on_abort(&signal)).await {\n\
             \x20           Either::Left(_) => outcome,\n\
             \x20           Either::Right(_) => Err(signal.reason()),\n\
             \x20       }\n\
             \x20   })\n\
             \x20   .into()\n\
             }\n",
        );
    } else if timers {
        out.push_str(
            "\n/// A task that settles after `delay` ms of a real timer.\n\
             fn after(delay: u32, outcome: Result<JsValue, JsValue>) -> JsValue {\n\
             \x20   future_to_promise(async move {\n\
             \x20       TimeoutFuture::new(delay).await;\n\
             \x20       outcome\n\
             \x20   })\n\
             \x20   .into()\n\
             }\n",
        );
    }
    if settled {
        out.push_str(
            "\n/// A promise settled already when it is made.\n\
             fn settled(outcome: Result<JsValue, JsValue>) -> JsValue {\n\
             \x20   match outcome {\n\
             \x20       Ok(value) => Promise::resolve(&value).into(),\n\
             \x20       Err(reason) => Promise::reject(&reason).into(),\n\
             \x20   }\n\
             }\n",
        );
    }
    if never && abortable {
        out.push_str(
            "\n/// Pending until `signal` aborts it, as a hung request would be.\n\
             fn never(signal: &AbortSignal) -> JsValue {\n\
             \x20   let signal = signal.clone();\n\
             \x20   future_to_promise(async move {\n\
             \x20       let _ = on_abort(&signal).await;\n\
             \x20       Err(signal.reason())\n\
             \x20   })\n\
             \x20   .into()\n\
             }\n",
        );
    } else if never {
        out.push_str(
            "\n/// A promise nothing can settle.\n\
             fn never() -> JsValue {\n\
             \x20   Promise::new(&mut |_, _| {}).into()\n\
             }\n",
        );
    }
    if arrays {
        out.push_str(
            "\n/// A JS array of `items`.\n\
             fn array(items: &[JsValue]) -> JsValue {\n\
             \x20   items.iter().collect::<Array>().into()\n\
             }\n",
        );
    }
    if objects {
        out.push_str(
            "\n/// A plain JS object, its keys in this order.\n\
             fn object(fields: &[(&str, JsValue)]) -> JsValue {\n\
             \x20   let object = Object::new();\n\
             \x20   for (key, value) in fields {\n\
             \x20       Reflect::set(&object, &JsValue::from_str(key), value)\n\
             \x20           .expect(\"a plain object takes any key\");\n\
             \x20   }\n\
             \x20   object.into()\n\
             }\n",
        );
    }
    out.push_str(
        "\n/// Starts the tasks and settles as the playground's run did.\n\
         pub async fn run() -> Result<JsValue, JsValue> {\n",
    );
    if abort {
        out.push_str(
            "    // Aborted when the combinator settles: the tasks still at work stop.\n\
             \x20   let controller = AbortController::new()?;\n\
             \x20   let signal = controller.signal();\n",
        );
    }
    // With the abort option each task is handed the signal.
    let (param, arg) = if abort {
        ("&AbortSignal", "|signal| ")
    } else {
        ("", "|| ")
    };
    let _ = writeln!(
        out,
        "    let tasks: [fn({param}) -> JsValue; {}] = [",
        tasks.len()
    );
    for (i, task) in tasks.iter().enumerate() {
        let outcome = |settle: &Settle| match settle {
            Settle::Fulfil(v) => format!("Ok({})", rust_value(v)),
            Settle::Reject(v) => format!("Err({})", rust_value(v)),
        };
        let takes_signal =
            abortable && matches!(task.behaviour, Behaviour::Timer { .. } | Behaviour::Never);
        let call = match &task.behaviour {
            Behaviour::Timer { delay_ms, settle } if abortable => {
                format!("after({delay_ms}, {}, signal)", outcome(settle))
            }
            Behaviour::Timer { delay_ms, settle } => {
                format!("after({delay_ms}, {})", outcome(settle))
            }
            Behaviour::Settled(settle) => format!("settled({})", outcome(settle)),
            Behaviour::Plain(value) => rust_value(value),
            Behaviour::Never if abortable => "never(signal)".to_string(),
            Behaviour::Never => "never()".to_string(),
        };
        // A task that takes no signal says so with `_`.
        let arg = if abort && !takes_signal { "|_| " } else { arg };
        let _ = writeln!(
            out,
            "        {arg}{call}, // {}",
            comment(&task_name(&task.label, i))
        );
    }
    out.push_str("    ];\n");
    let start = if abort { "task(&signal)" } else { "task()" };
    // The loops, as a block whose value is the result.
    let looped = |comment: &str, start_all: bool| {
        let mut body = String::new();
        let _ = writeln!(body, "// {comment}");
        if start_all {
            let _ = writeln!(
                body,
                "let started: Vec<JsValue> = tasks.iter().map(|task| {start}).collect();"
            );
        }
        body.push_str("let values = Array::new();\n");
        if start_all {
            body.push_str(
                "for promise in &started {\n\
                 \x20   values.push(&JsFuture::from(Promise::resolve(promise)).await?);\n",
            );
        } else {
            let _ = writeln!(
                body,
                "for task in tasks {{\n    values.push(&JsFuture::from(Promise::resolve(&{start})).await?);"
            );
        }
        body.push_str("}\nOk(values.into())\n");
        body
    };
    let body = match combinator {
        Combinator::Sequential => looped(
            "Each task starts only when the one before has fulfilled.",
            false,
        ),
        Combinator::ParallelAwait => {
            looped("Every task starts now; then each is awaited in turn.", true)
        }
        other => {
            let method = match other {
                Combinator::AllSettled => "all_settled",
                Combinator::Race => "race",
                Combinator::Any => "any",
                _ => "all",
            };
            // With the abort option the result is kept, to abort first.
            let (keep, end) = if abort {
                ("let result = ", ";")
            } else {
                ("", "")
            };
            format!(
                "let started: Array = tasks.iter().map(|task| {start}).collect();\n\
                 {keep}JsFuture::from(Promise::{method}(&started)).await{end}\n"
            )
        }
    };
    let indent = |out: &mut String, body: &str, by: &str| {
        for line in body.lines() {
            let _ = writeln!(out, "{by}{line}");
        }
    };
    if abort {
        let loops = matches!(
            combinator,
            Combinator::Sequential | Combinator::ParallelAwait
        );
        if loops {
            out.push_str("    let result: Result<JsValue, JsValue> = async {\n");
            indent(&mut out, &body, "        ");
            out.push_str("    }\n    .await;\n");
        } else {
            indent(&mut out, &body, "    ");
        }
        out.push_str(
            "    // It has settled: abort the tasks still at work.\n\
             \x20   controller.abort();\n\
             \x20   result\n",
        );
    } else {
        indent(&mut out, &body, "    ");
    }
    out.push_str("}\n");
    out
}

/// Whether `value` or anything inside it passes `f`.
fn contains(value: &Value, f: &dyn Fn(&Value) -> bool) -> bool {
    f(value)
        || match value {
            Value::Array(items) => items.iter().any(|v| contains(v, f)),
            Value::Object(fields) => fields.iter().any(|(_, v)| contains(v, f)),
            _ => false,
        }
}

/// Calls `found` with the name of every error in `value`.
fn each_error(value: &Value, found: &mut dyn FnMut(&str)) {
    match value {
        Value::Error { name, .. } => found(name),
        Value::Array(items) => items.iter().for_each(|v| each_error(v, found)),
        Value::Object(fields) => fields.iter().for_each(|(_, v)| each_error(v, found)),
        _ => {}
    }
}

/// js-sys's name for an error constructor.
fn rust_error(name: &str) -> &'static str {
    match name {
        "TypeError" => "TypeError",
        "RangeError" => "RangeError",
        "SyntaxError" => "SyntaxError",
        "ReferenceError" => "ReferenceError",
        "EvalError" => "EvalError",
        "URIError" => "UriError",
        _ => "Error",
    }
}

/// `value` as a Rust expression of type `JsValue`.
fn rust_value(value: &Value) -> String {
    let mut out = String::new();
    write_rust_value(&mut out, value);
    out
}

fn write_rust_value(out: &mut String, value: &Value) {
    match value {
        Value::Undefined => out.push_str("JsValue::UNDEFINED"),
        Value::Null => out.push_str("JsValue::NULL"),
        Value::Bool(b) => {
            let _ = write!(out, "JsValue::from({b})");
        }
        Value::Number(n) => {
            out.push_str("JsValue::from(");
            out.push_str(&rust_float(*n));
            out.push(')');
        }
        Value::Str(s) => {
            out.push_str("JsValue::from(");
            write_in_quotes(out, s, '"');
            out.push(')');
        }
        Value::Array(items) => {
            out.push_str("array(&[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_rust_value(out, item);
            }
            out.push_str("])");
        }
        Value::Object(fields) => {
            out.push_str("object(&[");
            for (i, (key, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('(');
                write_in_quotes(out, key, '"');
                out.push_str(", ");
                write_rust_value(out, item);
                out.push(')');
            }
            out.push_str("])");
        }
        Value::Error { name, message, .. } => {
            let _ = write!(out, "{}::new(", rust_error(name));
            write_in_quotes(out, message, '"');
            out.push_str(").into()");
        }
    }
}

/// `n` as a Rust `f64` literal (or constant).
fn rust_float(n: f64) -> String {
    if n.is_nan() {
        return "f64::NAN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 {
            "f64::INFINITY"
        } else {
            "f64::NEG_INFINITY"
        }
        .into();
    }
    if n == 0.0 && n.is_sign_negative() {
        return "-0.0".into();
    }
    let js = js_number(n).replace("e+", "e");
    match js.find('e') {
        // `1e21` is a float literal in Rust too; `5e-7` as well.
        Some(_) => js,
        None if js.contains('.') => js,
        None => js + ".0",
    }
}

/// How a piece of the code is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// Anything else: names, punctuation, spaces.
    Plain,
    /// A keyword of the language.
    Keyword,
    /// A string literal.
    Str,
    /// A number literal.
    Number,
    /// A comment.
    Comment,
}

impl Token {
    /// The class its span takes.
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "tok-kw",
            Token::Str => "tok-str",
            Token::Number => "tok-num",
            Token::Comment => "tok-com",
        }
    }
}

const JS_KEYWORDS: &[&str] = &[
    "async",
    "await",
    "catch",
    "const",
    "false",
    "for",
    "new",
    "null",
    "of",
    "return",
    "true",
    "try",
    "undefined",
];
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "false", "fn", "for", "in", "let", "match", "move", "mut", "pub",
    "true", "use",
];

/// Splits `code` (as this module writes it) into coloured pieces. Their
/// texts, joined, give back `code`.
pub fn highlight(code: &str, lang: Lang) -> Vec<(Token, &str)> {
    let keywords = match lang {
        Lang::JavaScript => JS_KEYWORDS,
        Lang::Rust => RUST_KEYWORDS,
    };
    let bytes = code.as_bytes();
    let mut pieces: Vec<(Token, &str)> = Vec::new();
    let mut push = |token: Token, text: &'_ str| {
        if let Some(last) = pieces.last_mut() {
            if last.0 == token && token == Token::Plain {
                let start = last.1.as_ptr() as usize - code.as_ptr() as usize;
                last.1 = &code[start..start + last.1.len() + text.len()];
                return;
            }
        }
        let start = text.as_ptr() as usize - code.as_ptr() as usize;
        pieces.push((token, &code[start..start + text.len()]));
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let c = bytes[i];
        let len = if rest.starts_with("//") {
            let len = rest.find('\n').unwrap_or(rest.len());
            push(Token::Comment, &rest[..len]);
            len
        } else if rest.starts_with("/*") {
            let len = rest.find("*/").map_or(rest.len(), |e| e + 2);
            push(Token::Comment, &rest[..len]);
            len
        } else if c == b'"' || (matches!(c, b'\'' | b'`') && lang == Lang::JavaScript) {
            let len = string_len(rest, c);
            push(Token::Str, &rest[..len]);
            len
        } else if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            // `.` only belongs to a number when a digit follows it.
            let len = match rest[..len].find('.') {
                Some(dot) if !rest[dot + 1..].starts_with(|ch: char| ch.is_ascii_digit()) => dot,
                _ => len,
            };
            push(Token::Number, &rest[..len]);
            len
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let token = if keywords.contains(&word) {
                Token::Keyword
            } else {
                Token::Plain
            };
            push(token, word);
            len
        } else {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            push(Token::Plain, &rest[..len]);
            len
        };
        i += len;
    }
    pieces
}

/// The length of the string literal that opens `rest` with `quote`, its
/// closing quote included (or the rest of the line, if it is not closed).
fn string_len(rest: &str, quote: u8) -> usize {
    let mut escaped = false;
    for (at, ch) in rest.char_indices().skip(1) {
        match ch {
            '\n' => return at,
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            _ if ch as u32 == u32::from(quote) => return at + ch.len_utf8(),
            _ => {}
        }
    }
    rest.len()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::presets::PRESETS;
    use crate::model::text;
    use proptest::prelude::*;

    fn scenario(text: &str) -> Scenario {
        text::parse(text).expect("a valid scenario")
    }

    #[test]
    fn javascript_lists_each_task_with_its_timer_and_outcome() {
        let code = javascript(&scenario(
            "v1 all\nuser 300ms ok {name: 'Ada'}\nposts 150ms err Error('500')",
        ));
        assert!(code.contains("  () => after(300, 'user (task 1)', true, {name: 'Ada'}),\n"));
        assert!(code.contains("  () => after(150, 'posts (task 2)', false, Error('500')),\n"));
        assert!(code.contains("const value = await Promise.all(tasks.map((t) => t()));"));
        assert!(code.contains("console.log(now(), 'Promise.all', 'fulfilled with', value);"));
        // Only the helpers in use are written.
        assert!(!code.contains("const settled"));
        assert!(!code.contains("const never"));
        assert!(!code.contains("unhandledRejection"));
    }

    #[test]
    fn javascript_loops_start_tasks_as_the_playground_does() {
        let seq = javascript(&scenario(
            "v1 sequential\na 10ms ok 1\nb now ok 2\nc plain 3",
        ));
        assert!(seq.contains("for (const t of tasks) value.push(await t());"));
        assert!(seq.contains("() => settled('b (task 2)', true, 2),"));
        assert!(seq.contains("() => plain('c (task 3)', 3),"));
        let par = javascript(&scenario("v1 parallel-await\na 10ms ok 1\nb never"));
        assert!(par.contains("const ps = tasks.map((t) => t());"));
        assert!(par.contains("for (const p of ps) value.push(await p);"));
        assert!(par.contains("() => never() /* b (task 2) */,"));
        assert!(par.contains("process?.on('unhandledRejection', unhandled)"));
    }

    #[test]
    fn labels_cannot_break_out_of_their_string_or_comment() {
        let code = javascript(&scenario(
            "v1 all\n'it\\'s */ x' never\n'a\\'); alert(1); //' 5ms ok 1",
        ));
        assert!(code.contains("never() /* it's * / x (task 1) */"));
        assert!(code.contains("after(5, 'a\\'); alert(1); // (task 2)', true, 1)"));
        let rust = rust(&scenario("v1 all\n'say \"hi\" */' 5ms ok 'q\"'"));
        assert!(rust.contains("after(5, Ok(JsValue::from(\"q\\\"\"))), // say \"hi\" * / (task 1)"));
    }

    #[test]
    fn rust_values_are_built_with_js_sys() {
        let code = rust(&scenario(
            "v1 any\na 10ms ok [1.5, -0, NaN, 1e21, {k: null}]\nb now err new TypeError('t')\nc plain undefined",
        ));
        assert!(code.contains(
            "|| after(10, Ok(array(&[JsValue::from(1.5), JsValue::from(-0.0), JsValue::from(f64::NAN), JsValue::from(1e21), object(&[(\"k\", JsValue::NULL)])]))), // a (task 1)"
        ));
        assert!(code.contains("|| settled(Err(TypeError::new(\"t\").into())), // b (task 2)"));
        assert!(code.contains("|| JsValue::UNDEFINED, // c (task 3)"));
        assert!(code.contains("use js_sys::{Array, Object, Promise, Reflect, TypeError};"));
        assert!(code.contains("JsFuture::from(Promise::any(&started)).await"));
    }

    #[test]
    fn rust_floats_are_rust_literals() {
        assert_eq!(rust_float(42.0), "42.0");
        assert_eq!(rust_float(0.1), "0.1");
        assert_eq!(rust_float(1e21), "1e21");
        assert_eq!(rust_float(5e-7), "5e-7");
        assert_eq!(rust_float(-2.5e300), "-2.5e300");
        assert_eq!(rust_float(f64::NEG_INFINITY), "f64::NEG_INFINITY");
    }

    #[test]
    fn highlighting_colours_the_parts_of_generated_code() {
        let code = "const a = after(300, 'x (task 1)', true, 1.5); // done\n";
        let pieces = highlight(code, Lang::JavaScript);
        let of =
            |t: Token| -> Vec<&str> { pieces.iter().filter(|p| p.0 == t).map(|p| p.1).collect() };
        assert_eq!(of(Token::Keyword), ["const", "true"]);
        assert_eq!(of(Token::Str), ["'x (task 1)'"]);
        assert_eq!(of(Token::Number), ["300", "1.5"]);
        assert_eq!(of(Token::Comment), ["// done"]);
        let rust = highlight("let x = s.0; fn f() {}", Lang::Rust);
        assert!(rust.contains(&(Token::Keyword, "fn")));
        assert!(rust.contains(&(Token::Number, "0")));
    }

    /// Start-all-then-await-each that rejects while `later` is still at
    /// work: with the abort option, `later` is aborted and its AbortError
    /// goes unhandled, which the browser test sees.
    const PARALLEL_ABORT: &str = "v1 parallel-await\nslow 300ms ok 'slow'\nfails 50ms err Error('boom')\nlater 5000ms ok 'later'";

    /// The Rust programs for some examples, with and without the abort
    /// option, compiled and run by the browser
    /// tests (`tests/code.rs`): this keeps them what the generator writes.
    /// `BLESS=1 cargo test --lib code::` writes them anew.
    #[test]
    fn the_compiled_rust_examples_are_what_the_generator_writes() {
        let examples = [
            (
                "page-load",
                include_str!("../../tests/code/page_load.rs"),
                "page_load",
            ),
            (
                "already-settled",
                include_str!("../../tests/code/already_settled.rs"),
                "already_settled",
            ),
            (
                "dependent",
                include_str!("../../tests/code/dependent.rs"),
                "dependent",
            ),
            (
                "unhandled",
                include_str!("../../tests/code/unhandled.rs"),
                "unhandled",
            ),
            (
                "timeout",
                include_str!("../../tests/code/timeout_abort.rs"),
                "timeout_abort",
            ),
            (
                "race-never",
                include_str!("../../tests/code/race_never_abort.rs"),
                "race_never_abort",
            ),
            (
                "unhandled",
                include_str!("../../tests/code/unhandled_abort.rs"),
                "unhandled_abort",
            ),
            (
                "dependent",
                include_str!("../../tests/code/dependent_abort.rs"),
                "dependent_abort",
            ),
            (
                PARALLEL_ABORT,
                include_str!("../../tests/code/parallel_abort.rs"),
                "parallel_abort",
            ),
        ];
        for (id, kept, file) in examples {
            let scenario = match crate::model::presets::Preset::find(id) {
                Some(preset) => preset.scenario(),
                None => crate::model::text::parse(id).unwrap(),
            };
            let written = rust_with(&scenario, file.ends_with("_abort"));
            if std::env::var_os("BLESS").is_some() {
                let path = format!("{}/tests/code/{file}.rs", env!("CARGO_MANIFEST_DIR"));
                std::fs::write(path, &written).unwrap();
            } else {
                assert_eq!(
                    written, kept,
                    "tests/code/{file}.rs is out of date: run with BLESS=1"
                );
            }
        }
    }

    #[test]
    fn every_preset_gives_both_programs() {
        for preset in PRESETS {
            for lang in Lang::ALL {
                let scenario = preset.scenario();
                let code = lang.program(&scenario, false);
                let named = code.matches(" (task ").count();
                assert!(
                    named >= scenario.tasks.len(),
                    "{} in {}",
                    preset.id,
                    lang.title()
                );
                let joined: String = highlight(&code, lang).iter().map(|p| p.1).collect();
                assert_eq!(joined, code);
            }
        }
    }

    proptest! {
        #[test]
        fn highlighting_keeps_every_character(code in "\\PC{0,200}") {
            for lang in Lang::ALL {
                let joined: String = highlight(&code, lang).iter().map(|p| p.1).collect();
                prop_assert_eq!(&joined, &code);
            }
        }

        #[test]
        fn every_scenario_gives_code(scenario in crate::model::strategies::scenario()) {
            for lang in Lang::ALL {
                let code = lang.program(&scenario, false);
                prop_assert_eq!(code.matches("(task ").count() >= scenario.tasks.len(), true);
            }
        }
    }
}
