//! Reading and writing numbers: the text form's decimal literals (`42`,
//! `-1.5`, `2e-3`: JSON's shape) read to the nearest double, and numbers
//! written as JavaScript's `String(n)` writes them.
//!
//! Rust's standard library does both exactly, and so does the browser. The
//! browser build hands the model the browser's own (see
//! [`crate::platform::install_numbers`]): the same results, and Rust's float
//! parsing and printing, tables and all, stay out of the download. On the
//! host, where nothing is installed, the standard library is used.

use std::sync::OnceLock;

/// A reader and a writer of numbers.
#[derive(Debug, Clone, Copy)]
pub struct NumberText {
    /// A decimal literal (as the text form allows them) to the nearest double.
    pub read: fn(&str) -> f64,
    /// A finite, non-zero number, as JavaScript's `String(n)` writes it.
    pub write: fn(f64) -> String,
}

static INSTALLED: OnceLock<NumberText> = OnceLock::new();

/// Makes `codec` the way numbers are read and written from now on; only the
/// first call counts.
pub fn install(codec: NumberText) {
    let _ = INSTALLED.set(codec);
}

fn codec() -> NumberText {
    *INSTALLED.get_or_init(|| NumberText {
        read: standard::read,
        write: standard::write,
    })
}

/// Reads a decimal literal.
pub(crate) fn read(literal: &str) -> f64 {
    (codec().read)(literal)
}

/// Writes a finite, non-zero number.
pub(crate) fn write(n: f64) -> String {
    (codec().write)(n)
}

/// The standard library's reading and writing, for the host.
#[cfg(not(target_arch = "wasm32"))]
mod standard {
    use std::fmt::Write as _;

    pub fn read(literal: &str) -> f64 {
        literal.parse().unwrap_or(f64::NAN)
    }

    /// The shortest digits that read back the same (Rust's `{:e}` gives
    /// them, like JavaScript), laid out as JavaScript lays them out.
    pub fn write(n: f64) -> String {
        let sci = format!("{:e}", n.abs());
        let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let exp: i32 = exp.parse().unwrap_or(0);
        let k = digits.len() as i32;
        let point = exp + 1; // the decimal point sits after `point` digits
        let mut out = String::new();
        if n < 0.0 {
            out.push('-');
        }
        if k <= point && point <= 21 {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (point - k) as usize));
        } else if 0 < point && point <= 21 {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        } else if -6 < point && point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        } else {
            out.push_str(&digits[..1]);
            if k > 1 {
                out.push('.');
                out.push_str(&digits[1..]);
            }
            let e = point - 1;
            let _ = write!(out, "e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
        }
        out
    }
}

/// In the browser build nothing falls back: the platform installs the
/// browser's own reader and writer before anything reads a number.
#[cfg(target_arch = "wasm32")]
mod standard {
    pub fn read(_: &str) -> f64 {
        missing()
    }

    pub fn write(_: f64) -> String {
        missing()
    }

    fn missing() -> ! {
        panic!(
            "numbers are read and written by the platform: call platform::install_numbers() first"
        )
    }
}
