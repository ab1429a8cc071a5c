//! Share links: the playground's whole state in the fragment of a URL (the
//! part after `#`, which a browser never sends to a server).
//!
//! A fragment is a list of options joined by `&`, each `key=value` or a bare
//! `key` for a flag, spelled as in a query string (`+` is a space, `%XX` a
//! byte of UTF-8):
//!
//! ```text
//! #speed=0.5&s=v1+race;request+800ms+ok+'data';timeout+500ms+err+Error('timed+out')
//! ```
//!
//! The scenario travels in one of two forms. `s=` holds the v1 text form with
//! `;` between tasks, readable and writable by hand. `z1=` holds the same text
//! compressed (zlib, then URL-safe base64), for scenarios of hundreds of
//! tasks; its key carries its own version, so a later compression gets `z2=`
//! and old links keep working. [`fragment`] picks the readable form while it
//! is short enough.
//!
//! A link is untrusted input. [`read`] never fails: it returns what it could
//! use, and a [`LinkProblem`] for each thing it could not, saying what was
//! wrong and where. A scenario text that does not parse is kept
//! ([`Link::unread_text`]) so that the person can mend it. Sizes are checked
//! before any work: a scenario value past [`MAX_LINK_CHARS`] is refused
//! unread, and decompression stops at [`MAX_TEXT_BYTES`].

use super::presets::Preset;
use super::scenario::{speed_from_word, speed_word, Scenario};
use super::text::{self, ParseError};
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{DecodeError, Engine as _};
use miniz_oxide::inflate::TINFLStatus;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// A readable link longer than this (in characters of the fragment) is
/// written in the compressed form instead.
pub const READABLE_MAX: usize = 2_000;
/// The longest scenario value a link may hold, in characters. Longer ones
/// are refused before they are decoded.
pub const MAX_LINK_CHARS: usize = 512 * 1024;
/// The most a compressed scenario may expand to, in bytes.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// The key, and so the version, of the compressed form.
pub const COMPRESSED_KEY: &str = "z1";
/// The key of the readable form.
pub const READABLE_KEY: &str = "s";

/// What escapes in a readable scenario: what a fragment cannot hold as it
/// is, what the option syntax uses (`&`, `+`, `%`, `#`), and what breaks a
/// link pasted into HTML or Markdown (`"`, `<`, `>`, `` ` ``, `\`, `|`).
/// Quotes, brackets, parentheses, `;` and `:` stay as they are, so the text
/// form reads through.
const ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'\\')
    .add(b'|');

/// URL-safe base64; padding is neither written nor required.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Which view a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The live timeline.
    #[default]
    Timeline,
    /// The timeline as a table.
    Table,
    /// All six ways side by side, each a real run.
    Compare,
    /// The timeline, with the prediction panel open.
    Predict,
    /// The timeline, with the code of the scenario open.
    Code,
}

impl View {
    /// Every view, in the order they are offered.
    pub const ALL: [View; 5] = [
        View::Timeline,
        View::Table,
        View::Compare,
        View::Predict,
        View::Code,
    ];

    /// The word a link uses.
    pub fn keyword(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::Table => "table",
            View::Compare => "compare",
            View::Predict => "predict",
            View::Code => "code",
        }
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system's setting.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The word a link and the message API use.
    pub fn keyword(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme a word names.
    pub fn from_keyword(word: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.keyword() == word)
    }
}

/// How an embedded playground behaves (the `embed` option and its company).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// Run once the playground is ready.
    pub autorun: bool,
    /// Let the reader edit the tasks.
    pub editable: bool,
    /// Show the Run bar (hosts that drive the embed by messages may hide it).
    pub controls: bool,
    /// The only origin messages are sent to and taken from, when set.
    pub origin: Option<String>,
}

impl Default for Embed {
    fn default() -> Self {
        Embed {
            autorun: false,
            editable: false,
            controls: true,
            origin: None,
        }
    }
}

/// What a link asks for. Each part is optional: a link may say only some.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    /// The scenario to open.
    pub scenario: Option<Scenario>,
    /// The example it is, when the link named one (`preset=`).
    pub preset: Option<&'static Preset>,
    /// The timer speed.
    pub speed: Option<f64>,
    /// Whether runs abort the tasks still at work when they settle.
    pub abort: Option<bool>,
    /// The view to open.
    pub view: Option<View>,
    /// The colour theme.
    pub theme: Option<Theme>,
    /// Set when the link asks for the embedded layout.
    pub embed: Option<Embed>,
    /// A scenario text the link held that could not be read, kept so that
    /// nothing is lost: the person can mend it.
    pub unread_text: Option<String>,
    /// What could not be used, and why.
    pub problems: Vec<LinkProblem>,
    /// Options this playground does not know (a typo, or a newer
    /// playground's option), for a console warning.
    pub unknown: Vec<String>,
}

/// Something in a link that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkProblem {
    /// The scenario value is longer than a link may be.
    #[error(
        "the link's scenario is {chars} characters long; a link may hold at most {MAX_LINK_CHARS}"
    )]
    TooLong {
        /// Its length.
        chars: usize,
    },
    /// Percent-escapes that do not spell UTF-8 text.
    #[error("the link's scenario is not text: its %-escapes do not spell UTF-8 (the link was cut or altered)")]
    NotText,
    /// The scenario text has a mistake.
    #[error("the link's scenario has a mistake at {0}")]
    BadScenario(ParseError),
    /// A character outside URL-safe base64 in the compressed form.
    #[error("the link's compressed scenario has a character that does not belong, {found:?}, at position {at}: copy the whole link again")]
    BadCharacter {
        /// Its position in the compressed value, from 1.
        at: usize,
        /// The character.
        found: char,
    },
    /// The compressed form ends early.
    #[error("the link's compressed scenario is cut short: copy the whole link again")]
    Truncated,
    /// The compressed form does not check out.
    #[error("the link's compressed scenario is damaged (its checksum does not match): copy the whole link again")]
    Corrupt,
    /// The compressed form expands past [`MAX_TEXT_BYTES`].
    #[error("the link's compressed scenario expands to more than {} MB, more than a scenario can be", MAX_TEXT_BYTES / (1024 * 1024))]
    TooBig,
    /// A compressed form of another version.
    #[error("the link's scenario is in compressed format {key}, and this playground reads only {COMPRESSED_KEY}: open it in the playground that made it")]
    FutureFormat {
        /// The key it used.
        key: String,
    },
    /// `preset=` names no example.
    #[error("the link names an example, {id:?}, that this playground does not have")]
    UnknownPreset {
        /// The id given.
        id: String,
    },
    /// An option with a value it cannot take.
    #[error("the link's option {key}={value} was ignored: {expected}")]
    BadOption {
        /// The option.
        key: String,
        /// Its value, shortened.
        value: String,
        /// What it takes.
        expected: &'static str,
    },
}

/// Reads a link from its query (after `?`) and fragment (after `#`), either
/// with or without the leading mark. Options in the fragment win over the
/// same options in the query; unknown query options are left alone (they
/// belong to the page that serves the playground).
pub fn read(query: &str, fragment: &str) -> Link {
    let mut link = Link::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    for (from_fragment, options) in [(false, query), (true, fragment)] {
        for (i, option) in options.split('&').filter(|o| !o.is_empty()).enumerate() {
            let (key, value) = option.split_once('=').unwrap_or((option, ""));
            // A fragment that is nothing but a text form: `#v1+all;a+5ms+ok+1`.
            if from_fragment && i == 0 && value.is_empty() && is_bare_text(key) {
                link.take_scenario(READABLE_KEY, key);
                continue;
            }
            if !link.take_option(key, value) && from_fragment {
                link.unknown.push(shorten(key));
            }
        }
    }
    link
}

/// Whether a fragment's first option is a scenario text on its own.
fn is_bare_text(option: &str) -> bool {
    let Some(rest) = option.strip_prefix('v') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && matches!(
            rest.as_bytes().get(digits),
            Some(b'+' | b'%' | b' ' | b';') | None
        )
}

impl Link {
    /// Applies one option; `false` when the key is unknown.
    fn take_option(&mut self, key: &str, value: &str) -> bool {
        match key {
            READABLE_KEY | COMPRESSED_KEY => self.take_scenario(key, value),
            "preset" => {
                let id = decode(value).unwrap_or_default();
                match Preset::find(&id) {
                    Some(preset) => self.preset = Some(preset),
                    None => self
                        .problems
                        .push(LinkProblem::UnknownPreset { id: shorten(&id) }),
                }
            }
            "speed" => {
                let speed = self.choice(
                    key,
                    value,
                    speed_from_word,
                    "the speed is 0.25, 0.5, 1, 1.5 or 2",
                );
                self.speed = speed.or(self.speed);
            }
            "abort" => {
                if let Some(on) = self.flag(key, value) {
                    self.abort = Some(on);
                }
            }
            "view" => {
                let view = self.choice(
                    key,
                    value,
                    |w| View::ALL.into_iter().find(|v| v.keyword() == w),
                    "the view is timeline or table",
                );
                self.view = view.or(self.view);
            }
            "theme" => {
                let theme = self.choice(
                    key,
                    value,
                    Theme::from_keyword,
                    "the theme is light, dark or auto",
                );
                self.theme = theme.or(self.theme);
            }
            "embed" => {
                if self.flag(key, value).unwrap_or(true) {
                    self.embed.get_or_insert_with(Embed::default);
                } else {
                    self.embed = None;
                }
            }
            "autorun" | "editable" | "controls" => {
                let Some(on) = self.flag(key, value) else {
                    return true;
                };
                let embed = self.embed.get_or_insert_with(Embed::default);
                match key {
                    "autorun" => embed.autorun = on,
                    "editable" => embed.editable = on,
                    _ => embed.controls = on,
                }
            }
            "origin" => {
                let origin = self.choice(
                    key,
                    value,
                    |w| is_origin(w).then(|| w.to_string()),
                    "the origin is a scheme and host, such as https://docs.example.org",
                );
                if origin.is_some() {
                    self.embed.get_or_insert_with(Embed::default).origin = origin;
                }
            }
            _ if is_compressed_key(key) => self
                .problems
                .push(LinkProblem::FutureFormat { key: shorten(key) }),
            _ => return false,
        }
        true
    }

    /// Decodes `value` and looks it up with `pick`, or records why not.
    fn choice<T>(
        &mut self,
        key: &str,
        value: &str,
        pick: impl Fn(&str) -> Option<T>,
        expected: &'static str,
    ) -> Option<T> {
        let word = decode(value).unwrap_or_default();
        let found = pick(word.trim());
        if found.is_none() {
            self.problems.push(LinkProblem::BadOption {
                key: key.to_string(),
                value: shorten(&word),
                expected,
            });
        }
        found
    }

    /// A flag: a bare key, or one of the usual yes and no words.
    fn flag(&mut self, key: &str, value: &str) -> Option<bool> {
        self.choice(
            key,
            value,
            |w| match w {
                "" | "1" | "true" | "yes" | "on" => Some(true),
                "0" | "false" | "no" | "off" => Some(false),
                _ => None,
            },
            "it takes 1 or 0",
        )
    }

    /// Reads a scenario in the form `key` names.
    fn take_scenario(&mut self, key: &str, value: &str) {
        if value.len() > MAX_LINK_CHARS {
            self.problems.push(LinkProblem::TooLong {
                chars: value.chars().count(),
            });
            return;
        }
        let text = if key == COMPRESSED_KEY {
            inflate(value)
        } else {
            decode(value).ok_or(LinkProblem::NotText)
        };
        match text.map(|t| (text::parse(&t), t)) {
            Ok((Ok(scenario), _)) => {
                self.scenario = Some(scenario);
                self.unread_text = None;
            }
            Ok((Err(error), t)) => {
                self.problems.push(LinkProblem::BadScenario(error));
                self.unread_text = Some(t);
            }
            Err(problem) => self.problems.push(problem),
        }
    }
}

/// Whether a key names a compressed form of some version: `z` and digits.
fn is_compressed_key(key: &str) -> bool {
    key.strip_prefix('z')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `word` is an origin: `http://` or `https://`, a host, perhaps a
/// port, and nothing more.
fn is_origin(word: &str) -> bool {
    let host = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"));
    host.is_some_and(|h| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    })
}

/// A value as a query string spells it: `+` for a space, `%XX` for a byte.
/// `None` when the bytes are not UTF-8.
fn decode(value: &str) -> Option<String> {
    let spaced = value.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// A piece of the link for a message: short, and with nothing that could
/// break a line.
fn shorten(piece: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = piece
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if piece.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// Undoes [`deflate`]: base64, then zlib, within [`MAX_TEXT_BYTES`].
fn inflate(value: &str) -> Result<String, LinkProblem> {
    // Percent-escapes are undone first: some mail and chat programs escape
    // what they need not.
    let value = decode(value).ok_or(LinkProblem::Corrupt)?;
    let bytes = BASE64.decode(value.trim()).map_err(|e| match e {
        DecodeError::InvalidByte(at, byte) => LinkProblem::BadCharacter {
            at: at + 1,
            found: char::from(byte),
        },
        DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol(..) => {
            LinkProblem::Truncated
        }
        DecodeError::InvalidPadding => LinkProblem::Corrupt,
    })?;
    let text = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_TEXT_BYTES)
        .map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => LinkProblem::TooBig,
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                LinkProblem::Truncated
            }
            _ => LinkProblem::Corrupt,
        })?;
    String::from_utf8(text).map_err(|_| LinkProblem::Corrupt)
}

/// The text form, compressed for a link.
fn deflate(text: &str) -> String {
    // Level 9: links are made once and read many times.
    BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
        text.as_bytes(),
        9,
    ))
}

/// What a link carries: everything [`fragment`] writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The timer speed (written when it is not 1).
    pub speed: f64,
    /// Abort the rest when a run settles (written when on).
    pub abort: bool,
    /// The view (written when it is not the timeline).
    pub view: View,
    /// The theme (written when it is not automatic).
    pub theme: Theme,
    /// The embedded layout's options, for an embed's link.
    pub embed: Option<&'a Embed>,
}

impl<'a> Share<'a> {
    /// A plain link to `scenario`: full app, real-time speed, the timeline.
    pub fn of(scenario: &'a Scenario) -> Self {
        Share {
            scenario,
            speed: 1.0,
            abort: false,
            view: View::Timeline,
            theme: Theme::Auto,
            embed: None,
        }
    }
}

/// Writes a fragment (without the `#`) that [`read`] turns back into
/// `share`. The options come first and the scenario last; the scenario is
/// readable while the whole fragment stays within [`READABLE_MAX`], and
/// compressed beyond.
pub fn fragment(share: &Share) -> String {
    let mut options: Vec<String> = Vec::new();
    if let Some(embed) = share.embed {
        options.push("embed".into());
        let defaults = Embed::default();
        for (name, on, default) in [
            ("autorun", embed.autorun, defaults.autorun),
            ("editable", embed.editable, defaults.editable),
            ("controls", embed.controls, defaults.controls),
        ] {
            if on != default {
                options.push(format!("{name}={}", u8::from(on)));
            }
        }
        if let Some(origin) = &embed.origin {
            options.push(format!("origin={}", encode(origin)));
        }
    }
    if share.theme != Theme::Auto {
        options.push(format!("theme={}", share.theme.keyword()));
    }
    if let Some(word) = speed_word(share.speed).filter(|_| share.speed != 1.0) {
        options.push(format!("speed={word}"));
    }
    if share.abort {
        options.push("abort=1".into());
    }
    if share.view != View::Timeline {
        options.push(format!("view={}", share.view.keyword()));
    }
    let before: usize = options.iter().map(|o| o.len() + 1).sum();
    let text = text::format(share.scenario);
    let readable = format!("{READABLE_KEY}={}", encode(&text.replace('\n', ";")));
    let scenario = if before + readable.len() <= READABLE_MAX {
        readable
    } else {
        let compressed = format!("{COMPRESSED_KEY}={}", deflate(&text));
        if compressed.len() < readable.len() {
            compressed
        } else {
            readable
        }
    };
    options.push(scenario);
    options.join("&")
}

/// A value escaped as [`decode`] reads it.
fn encode(value: &str) -> String {
    utf8_percent_encode(value, ESCAPED)
        .to_string()
        .replace("%20", "+")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::scenario::SPEEDS;
    use crate::model::strategies::scenario;
    use crate::model::{Combinator, Task, Value};
    use proptest::prelude::*;

    fn race() -> Scenario {
        Scenario::new(
            Combinator::Race,
            vec![
                Task::fulfil("request", 800, Value::str("data")),
                Task::reject("timeout", 500, "timed out"),
            ],
        )
    }

    #[test]
    fn a_readable_link_reads_like_the_text_form() {
        let link = fragment(&Share::of(&race()));
        assert_eq!(
            link,
            "s=v1+race;request+800ms+ok+'data';timeout+500ms+err+Error('timed+out')"
        );
        assert_eq!(read("", &link).scenario, Some(race()));
    }

    #[test]
    fn hand_written_links_are_read() {
        let spellings = [
            "#s=v1+race;request+800ms+ok+'data';timeout+500ms+err+Error('timed+out')",
            "#s=v1%20race%3B%20request%20800ms%20ok%20%27data%27%3B%20timeout%20500ms%20err%20Error(%27timed%20out%27)",
            "s=v1 race; request 800ms ok \"data\"; timeout 500ms err Error('timed out')",
            "#v1+race;request+800ms+ok+'data';timeout+500ms+err+Error('timed+out')",
            "#speed=1&s=v1+race%0Arequest+800ms+ok+'data'%0Atimeout+500ms+err+Error('timed+out')",
        ];
        for link in spellings {
            let read = read("", link);
            assert_eq!(read.scenario, Some(race()), "{link}");
            assert!(read.problems.is_empty(), "{link}: {:?}", read.problems);
        }
    }

    #[test]
    fn options_are_read_and_written_back() {
        let embed = Embed {
            autorun: true,
            editable: true,
            controls: false,
            origin: Some("https://docs.example.org".into()),
        };
        let scenario = race();
        let share = Share {
            scenario: &scenario,
            speed: 0.5,
            abort: true,
            view: View::Table,
            theme: Theme::Dark,
            embed: Some(&embed),
        };
        let written = fragment(&share);
        assert!(
            written.starts_with("embed&autorun=1&editable=1&controls=0&origin=https://docs.example.org&theme=dark&speed=0.5&abort=1&view=table&s=v1+race;"),
            "{written}"
        );
        let link = read("", &written);
        assert_eq!(link.embed, Some(embed));
        assert_eq!(
            (link.speed, link.abort, link.view, link.theme),
            (Some(0.5), Some(true), Some(View::Table), Some(Theme::Dark))
        );
        assert_eq!(link.scenario, Some(scenario));
        assert!(link.problems.is_empty() && link.unknown.is_empty());

        let bare = read("", "embed&autorun&theme=light&speed=2x");
        assert_eq!(
            bare.embed,
            Some(Embed {
                autorun: true,
                ..Embed::default()
            })
        );
        assert_eq!((bare.theme, bare.speed), (Some(Theme::Light), Some(2.0)));
        assert_eq!(read("", "embed=0").embed, None);
    }

    #[test]
    fn every_view_is_written_and_read_back() {
        let scenario = race();
        for view in View::ALL {
            let share = Share {
                scenario: &scenario,
                speed: 1.0,
                abort: false,
                view,
                theme: Theme::Auto,
                embed: None,
            };
            let written = fragment(&share);
            let back = read("", &written).view.unwrap_or_default();
            assert_eq!(back, view, "{written}");
        }
        assert_eq!(read("", "view=compare").view, Some(View::Compare));
    }

    #[test]
    fn the_fragment_wins_over_the_query_and_foreign_query_options_are_left_alone() {
        let link = read("?preset=timeout&speed=2&utm_source=docs", "#speed=0.25");
        assert_eq!(link.preset.map(|p| p.id), Some("timeout"));
        assert_eq!(link.speed, Some(0.25));
        assert!(link.unknown.is_empty() && link.problems.is_empty());
        let typo = read("", "#autoran&s=v1+all");
        assert_eq!(typo.unknown, vec!["autoran".to_string()]);
        assert_eq!(typo.scenario, Some(Scenario::new(Combinator::All, vec![])));
    }

    #[test]
    fn long_scenarios_are_compressed_and_come_back() {
        let tasks = (0..500)
            .map(|i| Task::fulfil(&format!("t{i}"), i * 3, Value::Number(f64::from(i))))
            .collect();
        let big = Scenario::new(Combinator::AllSettled, tasks);
        let written = fragment(&Share::of(&big));
        assert!(written.starts_with("z1="), "{}", &written[..20]);
        let readable = encode(&text::format(&big).replace('\n', ";"));
        assert!(
            written.len() * 3 < readable.len() * 2,
            "{} characters compressed, {} readable",
            written.len(),
            readable.len()
        );
        assert_eq!(read("", &written).scenario, Some(big));
    }

    #[test]
    fn broken_links_say_what_was_wrong_and_where() {
        let cases: [(&str, &str); 9] = [
            ("s=v2+all", "format v2"),
            ("s=v1+all;a+30s+ok+1", "column 10: expected a delay"),
            ("s=v1+all;a+30ms+ok+%FF", "not text"),
            ("z1=eJzLz8lJ!AAA", "'!', at position 9"),
            ("z1=eJwrz8lJSc1RKM", "cut short"),
            ("z2=AAAA", "compressed format z2"),
            ("preset=nope", "\"nope\""),
            ("speed=7", "speed=7 was ignored: the speed is 0.25"),
            ("theme=blue", "theme=blue was ignored"),
        ];
        for (link, says) in cases {
            let read = read("", link);
            let messages: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
            assert!(read.scenario.is_none(), "{link}");
            assert!(
                messages.iter().any(|m| m.contains(says)),
                "{link}: {messages:?} should say {says:?}"
            );
        }
        let typo = read("", "s=v1+all;a+30s+ok+1");
        assert_eq!(typo.unread_text.as_deref(), Some("v1 all;a 30s ok 1"));
    }

    #[test]
    fn damaged_and_oversized_compressed_links_are_refused() {
        let good = fragment(&Share::of(&race()));
        let compressed = format!("z1={}", deflate(&text::format(&race())));
        assert_eq!(read("", &compressed).scenario, read("", &good).scenario);
        // One character changed in the middle: the checksum catches it.
        let mut bytes = compressed.into_bytes();
        let middle = bytes.len() / 2;
        bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
        let damaged = read("", std::str::from_utf8(&bytes).unwrap());
        assert!(damaged.scenario.is_none());
        assert!(!damaged.problems.is_empty());

        // A zip bomb: 8 MB of one letter compresses to a few kB.
        let bomb = format!("z1={}", deflate(&"a".repeat(8 << 20)));
        assert!(bomb.len() < 20_000);
        assert_eq!(read("", &bomb).problems, vec![LinkProblem::TooBig]);

        let huge = format!("s={}", "a".repeat(5 << 20));
        assert_eq!(
            read("", &huge).problems,
            vec![LinkProblem::TooLong { chars: 5 << 20 }]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_scenario_survives_a_link(
            s in scenario(),
            speed in prop::sample::select(SPEEDS.to_vec()),
            abort in any::<bool>(),
        ) {
            let share = Share { speed, abort, ..Share::of(&s) };
            let link = read("", &fragment(&share));
            prop_assert!(link.problems.is_empty(), "{:?}", link.problems);
            prop_assert_eq!(link.scenario, Some(s.clone()));
            prop_assert_eq!(link.speed.unwrap_or(1.0), speed);
            prop_assert_eq!(link.abort.unwrap_or(false), abort);
            let compressed = read("", &format!("z1={}", deflate(&text::format(&s))));
            prop_assert_eq!(compressed.scenario, Some(s));
        }

        #[test]
        fn arbitrary_links_never_panic_and_every_problem_has_words(
            query in any::<String>(),
            fragment in any::<String>(),
        ) {
            for problem in read(&query, &fragment).problems {
                prop_assert!(!problem.to_string().is_empty());
            }
        }

        #[test]
        fn arbitrary_compressed_values_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            let link = read("", &format!("z1={}", BASE64.encode(&bytes)));
            prop_assert!(link.scenario.is_some() || !link.problems.is_empty());
        }
    }
}
