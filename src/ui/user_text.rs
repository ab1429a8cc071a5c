//! Text people wrote, shown inside the playground's own sentences and
//! punctuation. Each piece is isolated (`<bdi>`), so a right-to-left label
//! or string keeps its own order and does not pull the brackets, commas and
//! numbers around it into its direction.

use yew::prelude::*;

/// A piece of a line: the playground's words, or text people wrote.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The playground's own words.
    Words(String),
    /// A label.
    Label(String),
    /// A value, as a console prints it.
    Value(String),
}

/// The parts as one plain string (for screen reader announcements).
pub fn plain(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Words(s) | Part::Label(s) | Part::Value(s) => s.as_str(),
        })
        .collect()
}

/// The parts, each piece of people's text isolated.
pub fn parts_html(parts: &[Part]) -> Html {
    parts
        .iter()
        .map(|p| match p {
            Part::Words(s) => html! { { s.clone() } },
            Part::Label(s) => html! { <bdi class="user-text">{ s.clone() }</bdi> },
            Part::Value(s) => value_html(s),
        })
        .collect()
}

/// A value as a console prints it (`[ 'Ada', { a: 1 }, Error: boom ]`),
/// with each string literal and each error's message isolated. The text
/// stays exactly what it was; only its direction is fenced in.
pub fn value_html(text: &str) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, out: &mut Vec<Html>| {
        if !plain.is_empty() {
            out.push(html! { { std::mem::take(plain) } });
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '\'' || c == '"' {
            let end = literal_end(rest, c);
            flush(&mut plain, &mut out);
            out.push(html! { <bdi class="user-text">{ &rest[..end] }</bdi> });
            rest = &rest[end..];
        } else if let Some(head) = error_head(rest) {
            plain.push_str(&rest[..head]);
            rest = &rest[head..];
            let end = message_end(rest);
            flush(&mut plain, &mut out);
            out.push(html! { <bdi class="user-text">{ &rest[..end] }</bdi> });
            rest = &rest[end..];
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut plain, &mut out);
    out.into_iter().collect()
}

/// Where the string literal that opens `text` with `quote` ends (after its
/// closing quote), skipping escaped characters; the end of `text` if open.
fn literal_end(text: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return i + c.len_utf8(),
            _ => {}
        }
    }
    text.len()
}

/// The length of `SomethingError: ` when `text` starts with one.
fn error_head(text: &str) -> Option<usize> {
    let name_len = text
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len());
    let name = &text[..name_len];
    (name.ends_with("Error") && text[name_len..].starts_with(": ")).then_some(name_len + 2)
}

/// Where an error's message ends: before the punctuation of what holds it.
fn message_end(text: &str) -> usize {
    [", ", " ]", " }", " {", "\n"]
        .iter()
        .filter_map(|stop| text.find(stop))
        .min()
        .unwrap_or(text.len())
}

/// Whether `c` is written right to left (Hebrew, Arabic and the scripts
/// near them, and their presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The text form with each quoted literal that holds right-to-left text
/// wrapped in Unicode isolates (U+2068 … U+2069), for a plain text box,
/// where no markup can fence it in. The text form reads the isolates as
/// spaces, so what is typed around them still applies. Literals fenced
/// already are left as they are, so a field's own text comes back the same.
pub fn isolate_literals(text: &str) -> String {
    if !text.chars().any(is_rtl) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\'' || c == '"' {
            let end = literal_end(rest, c);
            let literal = &rest[..end];
            // Already fenced (the text came back from a field): leave it.
            let fenced = out.ends_with('\u{2068}');
            if literal.chars().any(is_rtl) && !fenced {
                out.push('\u{2068}');
                out.push_str(literal);
                out.push('\u{2069}');
            } else {
                out.push_str(literal);
            }
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}
