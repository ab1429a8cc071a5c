//! The timeline's arithmetic: which stretch of virtual time the axis covers,
//! where its ticks go and how they read, how a pixel maps back to a delay,
//! and how wide a line of text is likely to be.
//!
//! Nothing here touches the browser, so every rule is checked by plain
//! tests (see `tests/timeline.rs`).

use crate::model::scenario::MAX_DELAY_MS;

/// The least room, in SVG units, between two tick labels.
const MIN_TICK_GAP: f64 = 56.0;

/// How much time the axis adds after the latest thing it must show, so that
/// the last marker does not sit on the edge. Kept small: real timers fire a
/// few ms late, and a plan and its run should still share an axis.
const HEADROOM: f64 = 1.04;

/// The shortest stretch of time an axis covers, in virtual ms.
const MIN_SPAN_MS: f64 = 100.0;

/// Delays set on the timeline are rounded to this many ms.
pub const DELAY_STEP_MS: u32 = 10;

/// The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) that is
/// at least `raw`. Steps are never below 1 ms, and 2.5 is only used from
/// 25 ms up, so that every tick is a whole number of milliseconds.
pub fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 1.0 {
        return 1.0;
    }
    // The largest power of ten not above `raw`, by multiplying (exact up to
    // 1e22): `powf` and `log10` would bring their own code into the wasm.
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= raw {
        magnitude *= 10.0;
    }
    let fraction = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .filter(|n| *n != 2.5 || magnitude >= 10.0)
        .find(|n| fraction <= *n + 1e-9)
        .unwrap_or(10.0);
    nice * magnitude
}

/// A mapping from virtual milliseconds to x positions in the SVG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The x of 0 ms.
    pub left: f64,
    /// The x of [`Scale::end_ms`].
    pub right: f64,
    /// The time at the right end: a whole number of steps.
    pub end_ms: f64,
    /// The time between two ticks.
    pub step_ms: f64,
}

/// One tick of the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Where it is.
    pub x: f64,
    /// What it says, such as `250 ms` or `1.5 s`.
    pub label: String,
}

impl Scale {
    /// A scale between `left` and `right` that shows at least `needed_ms`
    /// with some room to spare, with as many ticks as fit legibly.
    pub fn fit(needed_ms: f64, left: f64, right: f64) -> Scale {
        let width = (right - left).max(1.0);
        let span = (needed_ms.max(0.0) * HEADROOM).max(MIN_SPAN_MS);
        let max_ticks = (width / MIN_TICK_GAP).floor().max(1.0);
        let step_ms = nice_step(span / max_ticks);
        let end_ms = (span / step_ms).ceil() * step_ms;
        Scale {
            left,
            right: left + width,
            end_ms,
            step_ms,
        }
    }

    /// The x of a moment; times past the end are drawn at the end.
    pub fn x(&self, ms: f64) -> f64 {
        let ms = ms.max(0.0).min(self.end_ms);
        self.left + ms / self.end_ms * (self.right - self.left)
    }

    /// The moment at an x position: never before 0, but past the axis end
    /// it goes on at the same rate, so a handle dragged beyond the edge
    /// keeps lengthening its delay.
    pub fn ms_at(&self, x: f64) -> f64 {
        let fraction = ((x - self.left) / (self.right - self.left)).max(0.0);
        fraction * self.end_ms
    }

    /// Every tick from 0 to the end.
    pub fn ticks(&self) -> Vec<Tick> {
        let count = (self.end_ms / self.step_ms).round() as u64;
        (0..=count)
            .map(|i| {
                let ms = i as f64 * self.step_ms;
                Tick {
                    x: self.x(ms),
                    label: tick_label(ms),
                }
            })
            .collect()
    }
}

/// `v` with `decimals` digits after the point (at most 3), rounded to the
/// nearest, half away from zero; NaN and what is out of range read `0`.
///
/// Written with whole numbers: the standard library's float formatting
/// would add its tables and code to the download, for numbers that only
/// ever need a fixed number of decimals here.
pub fn fixed(v: f64, decimals: u32) -> String {
    let scale = 10_u64.pow(decimals.min(3));
    let scaled = (v * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9e15 {
        return "0".into();
    }
    let n = scaled as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    if scale == 1 {
        return format!("{sign}{n}");
    }
    let width = decimals.min(3) as usize;
    format!("{sign}{}.{:0width$}", n / scale, n % scale)
}

/// A tick label: milliseconds below a second, seconds from there on.
pub fn tick_label(ms: f64) -> String {
    if ms < 1000.0 {
        format_ms(ms)
    } else {
        let seconds = fixed(ms / 1000.0, 3);
        let seconds = seconds.trim_end_matches('0').trim_end_matches('.');
        format!("{seconds} s")
    }
}

/// A moment as the rest of the playground writes it: whole milliseconds.
pub fn format_ms(ms: f64) -> String {
    // Rounded as the result panel and the log round, so all three agree to
    // the millisecond; -0.0 and NaN become 0.
    let ms = if ms > 0.0 { ms } else { 0.0 };
    format!("{} ms", fixed(ms, 0))
}

/// A delay picked on the axis: rounded to [`DELAY_STEP_MS`] and kept within
/// what a timer task allows.
pub fn round_delay(ms: f64) -> u32 {
    if !ms.is_finite() {
        return 0;
    }
    let step = f64::from(DELAY_STEP_MS);
    let rounded = (ms / step).round() * step;
    rounded.max(0.0).min(f64::from(MAX_DELAY_MS)) as u32
}

/// A delay moved by `by` ms (keyboard steps), kept within the limits.
pub fn nudge_delay(delay: u32, by: i64) -> u32 {
    (i64::from(delay) + by).clamp(0, i64::from(MAX_DELAY_MS)) as u32
}

/// How far a key moves a delay slider, for the keys it handles: arrows by
/// 10 ms (100 ms with Shift), Page Up/Down by 100 ms, Home to 0.
pub fn key_step(key: &str, shift: bool) -> Option<i64> {
    let small = if shift { 100 } else { 10 };
    match key {
        "ArrowRight" | "ArrowUp" => Some(small),
        "ArrowLeft" | "ArrowDown" => Some(-small),
        "PageUp" => Some(100),
        "PageDown" => Some(-100),
        "Home" => Some(-i64::from(MAX_DELAY_MS)),
        _ => None,
    }
}

/// About how wide `text` is in a sans-serif face of `font_px`, generously
/// estimated: SVG text cannot be measured before it is drawn, and guessing
/// wide only costs a little room.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' | '·' => 0.34,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.44,
            'm' | 'w' | 'M' | 'W' | '…' => 0.92,
            c if c.is_ascii_uppercase() => 0.72,
            c if c.is_ascii() => 0.62,
            _ => 1.0,
        })
        .sum();
    ems * font_px
}

/// `text` broken at spaces into lines that fit in `max_px` (a word longer
/// than that gets a line of its own). Every line but the last keeps its
/// trailing space, so the lines joined give `text` back.
pub fn wrap(text: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive(' ') {
        let candidate = format!("{line}{word}");
        if !line.is_empty() && text_width(candidate.trim_end(), font_px) > max_px {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
