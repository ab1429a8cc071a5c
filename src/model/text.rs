//! The text form of a scenario: a few short lines that documentation authors
//! put in links and embed tags, and that learners edit in a text box.
//!
//! ```text
//! v1 all
//! user 300ms ok 'Ada'
//! posts 500ms err Error('timeout')
//! cache now ok 42
//! flag plain true
//! hang never
//! 'my task' 0ms ok {theme: 'dark', sizes: [1, 2.5], 'a b': null}
//! odd 5ms err TypeError('not a function')
//! ```
//!
//! The first line names the format version and the combinator; every other
//! line is one task: a label, then how it settles. Values are a small subset
//! of JavaScript literals, so what people type looks like the code they would
//! write.
//!
//! People write this by hand, so [`parse()`] accepts more than [`format()`]
//! writes (either quote style, `;` between tasks, blank lines, `\r\n`, tabs,
//! trailing commas, escapes, `new` before an error, bare array-index keys such
//! as `{2: 'two'}`) and answers a mistake with a line, a column and a
//! sentence saying what it expected and what it found. [`format()`] writes one
//! canonical spelling (`TypeError('x')` without `new`, `{'2': 'two'}` with
//! the key quoted, keys in JavaScript's order), so `parse(&format(&s))` gives
//! back every scenario that passes [`Scenario::validate`], and formatting a
//! parsed text is stable.
//!
//! The limits of [`scenario`](super::scenario) are checked while parsing and
//! never clamped: a text that breaks one is refused with the task named. The
//! nesting limit is checked before descending, which is what keeps this
//! recursive-descent parser's stack shallow whatever the input.

use std::collections::HashSet;
use std::fmt::{Display, Write as _};

use super::scenario::{
    check_label, Behaviour, Combinator, Rule, Scenario, Settle, Task, MAX_DELAY_MS,
    MAX_STRING_CHARS, MAX_TASKS, MAX_VALUE_DEPTH, MAX_VALUE_ITEMS, PROTO_KEY,
};
use super::value::{self, array_index, write_quoted, Style, Value, ERROR_NAMES};

/// The marker every text starts with. An incompatible change to the grammar
/// gets a new marker, so that an old link is refused rather than misread.
pub const VERSION: &str = "v1";

/// Why a text could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    /// Where the problem starts, as a byte offset into the text.
    pub offset: usize,
    /// The line of `offset`, from 1.
    pub line: usize,
    /// The column of `offset`, from 1, counted in characters.
    pub column: usize,
    /// A sentence saying what was expected and what was found.
    pub message: String,
}

impl ParseError {
    fn new(text: &str, offset: usize, message: String) -> Self {
        let (line, column) = line_and_column(text, offset);
        ParseError {
            offset,
            line,
            column,
            message,
        }
    }
}

/// Reads the text form of a scenario.
///
/// The result always passes [`Scenario::validate`]: a text that breaks a
/// limit is an error, never a silently adjusted scenario.
pub fn parse(text: &str) -> Result<Scenario, ParseError> {
    Parser { text, pos: 0 }.scenario()
}

/// Reads one value on its own, as an editor's value field holds it:
/// `'Ada'`, `42`, `NaN`, `{theme: 'dark'}`, `Error('timeout')`,
/// `new TypeError('x')`. Surrounding spaces are allowed; the value's limits
/// are checked.
pub fn parse_value(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser { text, pos: 0 };
    let this = TaskRef {
        index: 0,
        label: "",
        standalone: true,
    };
    parser.skip_blank();
    let value = parser.value(&this, 0)?;
    parser.skip_blank();
    if parser.peek().is_some() {
        return Err(parser.expected("the end of the value"));
    }
    super::scenario::check_value(&value).map_err(|rule| parser.error_at(0, rule.to_string()))?;
    Ok(value)
}

/// Writes one value as [`parse_value`] reads it.
pub fn format_value(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Writes a scenario in its canonical text form: the header line, then one
/// line per task, with no trailing newline.
///
/// Only what [`parse()`] accepts comes back unchanged. A scenario that breaks
/// a limit is still written, in a form that `parse` refuses; an error a task
/// cannot make (an `AggregateError`, say) is written under its own name,
/// which `parse` also refuses, rather than being passed off as something it
/// is not.
pub fn format(scenario: &Scenario) -> String {
    let mut out = format!("{VERSION} {}", scenario.combinator.keyword());
    for task in &scenario.tasks {
        out.push('\n');
        write_label(&mut out, &task.label);
        out.push(' ');
        write_behaviour(&mut out, &task.behaviour);
    }
    out
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Whether a label can be written without quotes. Digits may not lead, so a
/// label can never be mistaken for a delay.
fn is_bare_label(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_ident_start)
        && chars.all(|c| is_ident_char(c) || c == '.' || c == '-')
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

fn write_label(out: &mut String, label: &str) {
    if is_bare_label(label) {
        out.push_str(label);
    } else {
        write_quoted(out, label);
    }
}

fn write_behaviour(out: &mut String, behaviour: &Behaviour) {
    match behaviour {
        Behaviour::Timer { delay_ms, settle } => {
            let _ = write!(out, "{delay_ms}ms ");
            write_settle(out, settle);
        }
        Behaviour::Settled(settle) => {
            out.push_str("now ");
            write_settle(out, settle);
        }
        Behaviour::Plain(value) => {
            out.push_str("plain ");
            write_value(out, value);
        }
        Behaviour::Never => out.push_str("never"),
    }
}

fn write_settle(out: &mut String, settle: &Settle) {
    out.push_str(if settle.is_reject() { "err " } else { "ok " });
    write_value(out, settle.value());
}

fn write_value(out: &mut String, value: &Value) {
    value::write_value(out, value, Style::Source);
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// What a value may be, for messages that have to say what was expected.
const A_VALUE: &str = "a value such as 42, NaN, 'text', true, null, undefined, [1, 2], {a: 1}, \
     Error('message') or new TypeError('message')";

/// The task being read, so that a broken limit can name it.
struct TaskRef<'l> {
    index: usize,
    label: &'l str,
    /// A value read on its own (an editor's field) names no task.
    standalone: bool,
}

impl TaskRef<'_> {
    /// Prefixes `detail` with the task, worded as [`TaskError`] words it, so
    /// a limit reads the same whether the parser or `validate` catches it.
    ///
    /// [`TaskError`]: super::scenario::TaskError
    fn says(&self, detail: impl Display) -> String {
        if self.standalone {
            detail.to_string()
        } else {
            format!("task {} ({:?}): {detail}", self.index + 1, self.label)
        }
    }
}

/// A recursive-descent parser over the text, one character at a time.
/// `pos` is a byte offset and always sits on a character boundary.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

/// Characters that end a word: the token separators and the task separators.
fn ends_word(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | ';') || is_isolate(c)
}

/// The Unicode isolates (U+2066 to U+2069) that the playground's text view
/// puts around right-to-left literals, so that they keep their own order
/// on screen: invisible, and read as spaces.
fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2069}')
}

impl<'a> Parser<'a> {
    // --- the cursor -------------------------------------------------------

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += c.len_utf8();
        }
        found
    }

    fn skip_spaces(&mut self) {
        while let Some(c) = self
            .peek()
            .filter(|&c| c == ' ' || c == '\t' || is_isolate(c))
        {
            self.pos += c.len_utf8();
        }
    }

    /// Skips spaces, line breaks and `;`: everything allowed between tasks.
    fn skip_blank(&mut self) {
        while let Some(c) = self.peek().filter(|&c| ends_word(c)) {
            self.pos += c.len_utf8();
        }
    }

    fn at_word_end(&self) -> bool {
        self.peek().is_none_or(ends_word)
    }

    /// The word at the cursor (up to the next space or separator), not consumed.
    fn word(&self) -> &'a str {
        let rest = self.rest();
        &rest[..rest.find(ends_word).unwrap_or(rest.len())]
    }

    /// The run of identifier characters at the cursor, consumed.
    fn take_ident(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest.find(|c| !is_ident_char(c)).unwrap_or(rest.len());
        self.pos += len;
        &rest[..len]
    }

    // --- errors -------------------------------------------------------------

    fn error_at(&self, offset: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(self.text, offset, message.into())
    }

    /// "expected …; found …", at the cursor.
    fn expected(&self, what: impl Display) -> ParseError {
        self.error_at(
            self.pos,
            format!("expected {what}; found {}", describe(self.rest())),
        )
    }

    // --- the scenario ---------------------------------------------------------

    fn scenario(&mut self) -> Result<Scenario, ParseError> {
        // Editors on some systems save a byte-order mark; it is not content.
        self.eat('\u{feff}');
        self.skip_blank();
        let combinator = self.header()?;
        self.end_of_line("after the combinator")?;
        let mut tasks = Vec::new();
        loop {
            self.skip_blank();
            if self.peek().is_none() {
                return Ok(Scenario::new(combinator, tasks));
            }
            if tasks.len() == MAX_TASKS {
                return Err(self.error_at(
                    self.pos,
                    format!(
                        "a scenario may hold at most {MAX_TASKS} tasks; found task {} here",
                        MAX_TASKS + 1
                    ),
                ));
            }
            tasks.push(self.task(tasks.len())?);
            self.end_of_line("to end the task")?;
        }
    }

    fn header(&mut self) -> Result<Combinator, ParseError> {
        let marker = self.word();
        if marker != VERSION {
            return Err(if is_version_marker(marker) {
                self.error_at(
                    self.pos,
                    format!(
                        "expected the version marker {VERSION}; found '{marker}': this text is \
                         format {marker}, and this playground reads only format {VERSION}"
                    ),
                )
            } else {
                self.expected(format_args!(
                    "the version marker {VERSION} at the start of the text, as in '{VERSION} all'"
                ))
            });
        }
        self.pos += marker.len();
        self.skip_spaces();
        let keyword = self.word();
        let combinator = Combinator::from_keyword(keyword).ok_or_else(|| {
            self.expected(format_args!(
                "a combinator after {VERSION}: {}",
                combinator_list()
            ))
        })?;
        self.pos += keyword.len();
        Ok(combinator)
    }

    /// Requires the end of a line (a line break, `;` or the end of the text).
    fn end_of_line(&mut self, purpose: &str) -> Result<(), ParseError> {
        self.skip_spaces();
        if self.at_word_end() {
            Ok(())
        } else {
            Err(self.expected(format_args!("a new line or ';' {purpose}")))
        }
    }

    // --- a task -----------------------------------------------------------------

    fn task(&mut self, index: usize) -> Result<Task, ParseError> {
        let start = self.pos;
        let label = self.label()?;
        let this = TaskRef {
            index,
            label: &label,
            standalone: false,
        };
        check_label(&label).map_err(|rule| self.error_at(start, this.says(rule)))?;
        self.skip_spaces();
        let behaviour = self.behaviour(&this)?;
        let task = Task { label, behaviour };
        // The checks above mirror the scenario's rules; this makes the
        // scenario's own check the final word, so the two cannot drift apart.
        task.validate(index)
            .map_err(|e| self.error_at(start, e.to_string()))?;
        Ok(task)
    }

    fn label(&mut self) -> Result<String, ParseError> {
        if matches!(self.peek(), Some('\'' | '"')) {
            let label = self.string()?;
            if !self.at_word_end() {
                return Err(self.expected("a space after the quoted label"));
            }
            return Ok(label);
        }
        let word = self.word();
        if !is_bare_label(word) {
            return Err(self.expected(
                "a task label: a name of letters, digits, _ $ . or - that does not start with \
                 a digit, such as fetch, or any text in quotes, such as 'my task'",
            ));
        }
        self.pos += word.len();
        Ok(word.to_owned())
    }

    fn behaviour(&mut self, task: &TaskRef) -> Result<Behaviour, ParseError> {
        let word = self.word();
        match word {
            "now" => {
                self.pos += word.len();
                Ok(Behaviour::Settled(self.settle(task, "now")?))
            }
            "plain" => {
                self.pos += word.len();
                self.skip_spaces();
                Ok(Behaviour::Plain(self.value(task, 0)?))
            }
            "never" => {
                self.pos += word.len();
                Ok(Behaviour::Never)
            }
            _ if looks_like_delay(word) => {
                let delay_ms = self.delay(task)?;
                let settle = self.settle(task, "the delay")?;
                Ok(Behaviour::Timer { delay_ms, settle })
            }
            _ => Err(self.expected("a delay such as 300ms, or now, plain or never")),
        }
    }

    fn delay(&mut self, task: &TaskRef) -> Result<u32, ParseError> {
        let start = self.pos;
        let word = self.word();
        let digits = word.strip_suffix("ms").unwrap_or(word);
        let fail = |detail: String| self.error_at(start, task.says(detail));
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(format!(
                "{}; found {}",
                Rule::DelayNotANumber,
                show(word)
            )));
        }
        let delay = match digits.parse::<u64>() {
            Ok(ms) => u32::try_from(ms)
                .ok()
                .filter(|ms| *ms <= MAX_DELAY_MS)
                .ok_or_else(|| fail(Rule::DelayTooLong { ms }.to_string()))?,
            // Only overflow gets here: the digits are checked above.
            Err(_) => {
                return Err(fail(format!(
                    "the delay must be between 0 and {MAX_DELAY_MS} ms (ten minutes); found {}",
                    show(word)
                )))
            }
        };
        self.pos += word.len();
        Ok(delay)
    }

    /// Reads `ok VALUE` or `err VALUE`.
    fn settle(&mut self, task: &TaskRef, after: &str) -> Result<Settle, ParseError> {
        self.skip_spaces();
        let word = self.word();
        let fulfils = match word {
            "ok" => true,
            "err" => false,
            _ => return Err(self.expected(format_args!("ok or err after {after}"))),
        };
        self.pos += word.len();
        self.skip_spaces();
        let value = self.value(task, 0)?;
        Ok(if fulfils {
            Settle::Fulfil(value)
        } else {
            Settle::Reject(value)
        })
    }

    // --- values -------------------------------------------------------------------

    /// Reads a value nested inside `depth` arrays or objects.
    fn value(&mut self, task: &TaskRef, depth: usize) -> Result<Value, ParseError> {
        match self.peek() {
            Some('\'' | '"') => Ok(Value::Str(self.checked_string(task)?)),
            Some('[') => self.array(task, depth),
            Some('{') => self.object(task, depth),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if is_ident_start(c) => self.word_value(task),
            _ => Err(self.expected(A_VALUE)),
        }
    }

    fn word_value(&mut self, task: &TaskRef) -> Result<Value, ParseError> {
        let start = self.pos;
        match self.take_ident() {
            "null" => Ok(Value::Null),
            "undefined" => Ok(Value::Undefined),
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            "NaN" => Ok(Value::Number(f64::NAN)),
            "Infinity" => Ok(Value::Number(f64::INFINITY)),
            "new" => {
                self.skip_spaces();
                let name_at = self.pos;
                match self.take_ident() {
                    name if ERROR_NAMES.contains(&name) => self.error_value(task, name),
                    _ => {
                        self.pos = name_at;
                        Err(self.expected(format_args!(
                            "an error after new: {}, as in new TypeError('message')",
                            error_list()
                        )))
                    }
                }
            }
            name if ERROR_NAMES.contains(&name) => self.error_value(task, name),
            other => {
                self.pos = start;
                // A word followed by `(` is a call, most often of an error
                // a task cannot make; any other bare word is most often text
                // that was meant to be quoted.
                let called = self.rest()[other.len()..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('(');
                let hint = if called {
                    format!("the errors a task can make are {}", error_list())
                } else {
                    format!("text needs quotes, as in '{other}'")
                };
                Err(self.error_at(
                    start,
                    format!(
                        "expected {A_VALUE}; found {} ({hint})",
                        describe(self.rest())
                    ),
                ))
            }
        }
    }

    /// Reads the `('message')` after the error constructor `name`.
    fn error_value(&mut self, task: &TaskRef, name: &str) -> Result<Value, ParseError> {
        let shape = format!("as in {name}('timeout')");
        self.skip_spaces();
        if !self.eat('(') {
            return Err(self.expected(format_args!("'(' after {name}, {shape}")));
        }
        self.skip_spaces();
        if !matches!(self.peek(), Some('\'' | '"')) {
            return Err(self.expected(format_args!("a message in quotes, {shape}")));
        }
        let message = self.checked_string(task)?;
        self.skip_spaces();
        if !self.eat(')') {
            return Err(self.expected(format_args!("')' after the message, {shape}")));
        }
        Ok(Value::named_error(name, message))
    }

    /// Steps over an opening bracket, refusing one that would nest too deep
    /// before anything inside it is read.
    fn open(&mut self, task: &TaskRef, depth: usize) -> Result<(), ParseError> {
        if depth >= MAX_VALUE_DEPTH {
            let detail = format!(
                "{}; this bracket opens level {}",
                Rule::ValueTooDeep,
                depth + 1
            );
            return Err(self.error_at(self.pos, task.says(detail)));
        }
        self.bump();
        Ok(())
    }

    /// Refuses a container with too many items, pointing at the first extra one.
    fn check_items(
        &self,
        task: &TaskRef,
        first_extra: Option<usize>,
        items: usize,
    ) -> Result<(), ParseError> {
        match first_extra {
            Some(at) => Err(self.error_at(at, task.says(Rule::TooManyItems { items }))),
            None => Ok(()),
        }
    }

    fn array(&mut self, task: &TaskRef, depth: usize) -> Result<Value, ParseError> {
        self.open(task, depth)?;
        let items = self.items(task, ']', "an item of the array", |p| {
            p.value(task, depth + 1)
        })?;
        Ok(Value::Array(items))
    }

    fn object(&mut self, task: &TaskRef, depth: usize) -> Result<Value, ParseError> {
        self.open(task, depth)?;
        let mut seen = HashSet::new();
        let fields = self.items(task, '}', "a value in the object", |p| {
            let key_at = p.pos;
            let key = p.key()?;
            if key == PROTO_KEY {
                return Err(p.error_at(
                    key_at,
                    format!(
                        "expected another key; found {}, which would set the object's \
                         prototype in JavaScript, not make a key (use another name)",
                        show(&key)
                    ),
                ));
            }
            if !seen.insert(key.clone()) {
                return Err(p.error_at(
                    key_at,
                    format!(
                        "expected each key once in an object; found {} again",
                        show(&key)
                    ),
                ));
            }
            p.skip_spaces();
            if !p.eat(':') {
                return Err(p.expected("':' after the key"));
            }
            p.skip_spaces();
            Ok((key, p.value(task, depth + 1)?))
        })?;
        Ok(Value::object(fields))
    }

    /// Reads items separated by commas up to `close` (a trailing comma is
    /// allowed), each with `item`, and checks how many there were.
    fn items<T>(
        &mut self,
        task: &TaskRef,
        close: char,
        after: &str,
        mut item: impl FnMut(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        let mut items = Vec::new();
        let mut first_extra = None;
        loop {
            self.skip_spaces();
            if self.eat(close) {
                break;
            }
            if items.len() == MAX_VALUE_ITEMS {
                first_extra = Some(self.pos);
            }
            items.push(item(self)?);
            self.skip_spaces();
            if self.eat(close) {
                break;
            }
            if !self.eat(',') {
                return Err(self.expected(format!("',' or '{close}' after {after}")));
            }
        }
        self.check_items(task, first_extra, items.len())?;
        Ok(items)
    }

    fn key(&mut self) -> Result<String, ParseError> {
        const A_KEY: &str =
            "a key: a name such as theme, an array index such as 2, or text in quotes such as 'a b'";
        match self.peek() {
            Some('\'' | '"') => self.string(),
            Some(c) if is_ident_start(c) => Ok(self.take_ident().to_owned()),
            Some(c) if c.is_ascii_digit() => {
                // Only an index is taken bare: other numbers would name a key
                // JavaScript spells differently (`1.50` is '1.5', `1e3` is
                // '1000'), so they are asked for in quotes.
                let rest = self.rest();
                let len = rest
                    .find(|c: char| !is_ident_char(c) && c != '.')
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                if array_index(word).is_none() {
                    return Err(self.expected(format_args!(
                        "{A_KEY} (a bare number key must be a whole number from 0 to \
                         4294967294 without leading zeros; put any other in quotes)"
                    )));
                }
                self.pos += word.len();
                Ok(word.to_owned())
            }
            _ => Err(self.expected(A_KEY)),
        }
    }

    /// Reads a number literal, or `-Infinity`. A literal too large for a
    /// double is `Infinity`, as in JavaScript.
    fn number(&mut self) -> Result<Value, ParseError> {
        if let Some(after) = self.rest().strip_prefix("-Infinity") {
            if !after.starts_with(is_ident_char) {
                self.pos += "-Infinity".len();
                return Ok(Value::Number(f64::NEG_INFINITY));
            }
        }
        let rest = self.rest();
        // A number glued to more word characters (`42px`, `1.2.3`) is a typo
        // as a whole, so it is refused as a whole.
        let literal = number_len(rest)
            .filter(|&len| !rest[len..].starts_with(|c| is_ident_char(c) || c == '.'))
            .map(|len| &rest[..len]);
        let Some(literal) = literal else {
            return Err(self.expected("a number such as 42, -1.5 or 2e-3"));
        };
        self.pos += literal.len();
        Ok(Value::Number(super::number::read(literal)))
    }

    // --- strings ------------------------------------------------------------------

    /// Reads a string value, holding it to the length limit.
    fn checked_string(&mut self, task: &TaskRef) -> Result<String, ParseError> {
        let start = self.pos;
        let s = self.string()?;
        let chars = s.chars().count();
        if chars > MAX_STRING_CHARS {
            return Err(self.error_at(start, task.says(Rule::StringTooLong { chars })));
        }
        Ok(s)
    }

    /// Reads a string in single or double quotes; the cursor is on the quote.
    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        let Some(quote) = self.bump() else {
            return Err(self.expected("text in quotes"));
        };
        let mut out = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                Some(c) if c == quote => return Ok(out),
                Some('\\') => out.push(self.escape(at)?),
                Some('\n' | '\r') | None => {
                    let found = describe(&self.text[at..]);
                    return Err(self.error_at(
                        start,
                        format!(
                            "expected a closing {quote} for the text that starts here; found \
                             {found} first (write \\n for a line break inside text)"
                        ),
                    ));
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// Reads what follows a backslash at `at`.
    fn escape(&mut self, at: usize) -> Result<char, ParseError> {
        match self.bump() {
            Some('\\') => Ok('\\'),
            Some('\'') => Ok('\''),
            Some('"') => Ok('"'),
            Some('n') => Ok('\n'),
            Some('r') => Ok('\r'),
            Some('t') => Ok('\t'),
            Some('u') => self.unicode_escape(at),
            _ => Err(self.bad_escape(
                at,
                "an escape after the backslash: \\\\, \\', \\\", \\n, \\r, \\t, \\u00e9 or \\u{1F600}",
            )),
        }
    }

    /// Reads `\uXXXX` (joining a UTF-16 surrogate pair written as two of
    /// them, as JavaScript does) or `\u{X…}`; the cursor is after the `u`.
    fn unicode_escape(&mut self, at: usize) -> Result<char, ParseError> {
        let code = if self.eat('{') {
            let digits = self.take_hex(usize::MAX);
            if digits.is_empty() || !self.eat('}') {
                return Err(self.bad_escape(at, "hex digits and a closing brace, as in \\u{1F600}"));
            }
            // Overflow means far beyond the last code point; say so below.
            u32::from_str_radix(digits, 16).unwrap_or(u32::MAX)
        } else {
            let high = self
                .hex4()
                .ok_or_else(|| self.bad_escape(at, "four hex digits after \\u, as in \\u00e9"))?;
            self.join_surrogates(high)
        };
        char::from_u32(code).ok_or_else(|| {
            self.bad_escape(
                at,
                "a Unicode character (a lone surrogate or a code point beyond 10FFFF is not one)",
            )
        })
    }

    /// Given the first `\uXXXX`, takes a following low surrogate if this one
    /// is a high surrogate; otherwise leaves the cursor where it is.
    fn join_surrogates(&mut self, high: u32) -> u32 {
        if !(0xD800..0xDC00).contains(&high) || !self.rest().starts_with("\\u") {
            return high;
        }
        let before = self.pos;
        self.pos += 2;
        match self.hex4() {
            Some(low) if (0xDC00..0xE000).contains(&low) => {
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            _ => {
                self.pos = before;
                high
            }
        }
    }

    fn take_hex(&mut self, max: usize) -> &'a str {
        let rest = self.rest();
        let len = rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        self.pos += len;
        &rest[..len]
    }

    fn hex4(&mut self) -> Option<u32> {
        let start = self.pos;
        let digits = self.take_hex(4);
        if digits.len() == 4 {
            u32::from_str_radix(digits, 16).ok()
        } else {
            self.pos = start;
            None
        }
    }

    /// An error for the escape whose backslash is at `at`, quoting the
    /// escape as written (for `\u`, with the digits and braces after it).
    fn bad_escape(&self, at: usize, what: &str) -> ParseError {
        let after = self.text.get(at + 1..).unwrap_or("");
        let mut chars = after.chars();
        let len = match chars.next() {
            Some('u') => {
                let digits = chars
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '{')
                    .count();
                let closed = after[1 + digits..].starts_with('}');
                2 + digits + usize::from(closed)
            }
            Some(c) if c != '\n' && c != '\r' => 1 + c.len_utf8(),
            _ => 1,
        };
        let piece = self.text.get(at..at + len).unwrap_or("\\");
        self.error_at(at, format!("expected {what}; found {}", show(piece)))
    }
}

/// The length of the number literal at the start of `s`, if one is there:
/// `-?digits(.digits)?([eE][+-]?digits)?`, with no leading zeros, as in
/// JavaScript.
fn number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits_from = |from: usize| {
        b.get(from..).map_or(0, |tail| {
            tail.iter().take_while(|c| c.is_ascii_digit()).count()
        })
    };
    let mut i = usize::from(b.first() == Some(&b'-'));
    let whole = digits_from(i);
    if whole == 0 || (whole > 1 && b.get(i) == Some(&b'0')) {
        return None;
    }
    i += whole;
    if b.get(i) == Some(&b'.') {
        let fraction = digits_from(i + 1);
        if fraction == 0 {
            return None;
        }
        i += 1 + fraction;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exponent = digits_from(j);
        if exponent == 0 {
            return None;
        }
        i = j + exponent;
    }
    Some(i)
}

/// Whether a word is meant as a version marker, `v` and digits, so that a
/// text from another version is told so rather than called malformed.
fn is_version_marker(word: &str) -> bool {
    word.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a word was meant as a delay, so that `1.5ms` or `-5ms` is told
/// what a delay must be rather than that it is not a keyword.
fn looks_like_delay(word: &str) -> bool {
    word.ends_with("ms") && word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
}

fn combinator_list() -> String {
    let words: Vec<&str> = Combinator::ALL.iter().map(|c| c.keyword()).collect();
    either(&words)
}

fn error_list() -> String {
    either(&ERROR_NAMES)
}

/// `a, b or c`.
fn either(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What the text holds at some point, for the "found …" half of a message.
fn describe(rest: &str) -> String {
    match rest.chars().next() {
        None => "the end of the text".into(),
        Some('\n' | '\r') => "the end of the line".into(),
        Some(' ' | '\t') => "a space".into(),
        Some(';') => "';'".into(),
        Some(_) => show(&rest[..rest.find(ends_word).unwrap_or(rest.len())]),
    }
}

/// A piece of the input in quotes for a message: shortened, with control
/// characters made visible so that a message never breaks a line.
fn show(piece: &str) -> String {
    const MAX_SHOWN: usize = 24;
    let mut out = String::from("'");
    for (i, c) in piece.chars().enumerate() {
        if i == MAX_SHOWN {
            out.push('…');
            break;
        }
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The 1-based line and column (in characters) of a byte offset. A line
/// ends at `\n`, `\r\n` or a lone `\r`, as the parser treats them.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate().take(offset) {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = text
        .get(line_start..offset)
        .map_or(0, |s| s.chars().count())
        + 1;
    (line, column)
}

// Host only: proptest is not built for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::scenario::MAX_LABEL_CHARS;
    use crate::model::strategies::scenario;
    use proptest::prelude::*;

    fn read(text: &str) -> Scenario {
        parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    fn refuse(text: &str) -> ParseError {
        match parse(text) {
            Ok(s) => panic!("{text:?} should not parse, but gave {s:?}"),
            Err(e) => e,
        }
    }

    fn task(label: &str, behaviour: Behaviour) -> Task {
        Task {
            label: label.into(),
            behaviour,
        }
    }

    fn obj(fields: &[(&str, Value)]) -> Value {
        Value::Object(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    // --- examples -----------------------------------------------------------

    #[test]
    fn reads_the_documented_example() {
        let text = "v1 all\n\
                    user 300ms ok 'Ada'\n\
                    posts 500ms err Error('timeout')\n\
                    cache now ok 42\n\
                    flag plain true\n\
                    hang never\n\
                    'my task' 0ms ok {theme: 'dark', sizes: [1, 2.5], 'a b': null}\n\
                    odd 5ms err TypeError('not a function')";
        let want = Scenario::new(
            Combinator::All,
            vec![
                Task::fulfil("user", 300, Value::str("Ada")),
                Task::reject("posts", 500, "timeout"),
                task(
                    "cache",
                    Behaviour::Settled(Settle::Fulfil(Value::Number(42.0))),
                ),
                task("flag", Behaviour::Plain(Value::Bool(true))),
                Task::never("hang"),
                Task::fulfil(
                    "my task",
                    0,
                    obj(&[
                        ("theme", Value::str("dark")),
                        (
                            "sizes",
                            Value::Array(vec![Value::Number(1.0), Value::Number(2.5)]),
                        ),
                        ("a b", Value::Null),
                    ]),
                ),
                task(
                    "odd",
                    Behaviour::Timer {
                        delay_ms: 5,
                        settle: Settle::Reject(Value::named_error("TypeError", "not a function")),
                    },
                ),
            ],
        );
        assert_eq!(read(text), want);
        // The example is already canonical.
        assert_eq!(format(&want), text);
    }

    #[test]
    fn every_combinator_has_its_keyword() {
        for combinator in Combinator::ALL {
            let text = format!("v1 {}", combinator.keyword());
            let scenario = Scenario::new(combinator, vec![]);
            assert_eq!(read(&text), scenario);
            assert_eq!(format(&scenario), text);
        }
        assert_eq!(
            format(&Scenario::new(Combinator::ParallelAwait, vec![])),
            "v1 parallel-await"
        );
    }

    #[test]
    fn every_task_shape_has_one_canonical_line() {
        let cases = [
            (
                Task::fulfil("a", 300, Value::str("Ada")),
                "a 300ms ok 'Ada'",
            ),
            (Task::reject("b", 0, "boom"), "b 0ms err Error('boom')"),
            (
                task(
                    "c",
                    Behaviour::Timer {
                        delay_ms: 600_000,
                        settle: Settle::Reject(Value::Number(7.0)),
                    },
                ),
                "c 600000ms err 7",
            ),
            (
                task("d", Behaviour::Settled(Settle::Fulfil(Value::Null))),
                "d now ok null",
            ),
            (
                task("e", Behaviour::Settled(Settle::Reject(Value::error("no")))),
                "e now err Error('no')",
            ),
            (
                task("f", Behaviour::Plain(Value::Undefined)),
                "f plain undefined",
            ),
            (
                task("g", Behaviour::Plain(Value::Bool(false))),
                "g plain false",
            ),
            (Task::never("h"), "h never"),
        ];
        for (task, line) in cases {
            let scenario = Scenario::new(Combinator::Race, vec![task]);
            let text = format!("v1 race\n{line}");
            assert_eq!(format(&scenario), text);
            assert_eq!(read(&text), scenario);
        }
    }

    #[test]
    fn canonical_values_and_labels_are_pinned() {
        let value = Value::Array(vec![
            Value::Number(-0.0),
            Value::Number(1e21),
            Value::Number(1.5e-7),
            Value::Number(0.1),
            Value::str("it's \"x\"\n\t\\ é 😀 \u{1b}"),
            Value::Array(vec![]),
            Value::Object(vec![]),
            obj(&[
                ("a", Value::Number(1.0)),
                ("b c", Value::str("x")),
                ("", Value::Null),
                ("$_9", Value::Null),
            ]),
            Value::error(""),
        ]);
        let scenario = Scenario::new(
            Combinator::AllSettled,
            vec![
                Task::fulfil("api.v2-users_$", 1, value),
                Task::never("<script>alert(1)</script>"),
                Task::never("it's"),
                Task::never("9lives"),
                Task::never(" padded "),
                Task::never("日本"),
            ],
        );
        let want = "v1 allSettled\n\
             api.v2-users_$ 1ms ok [-0, 1e+21, 1.5e-7, 0.1, 'it\\'s \"x\"\\n\\t\\\\ é 😀 \\u{1b}', [], {}, \
             {a: 1, 'b c': 'x', '': null, $_9: null}, Error('')]\n\
             '<script>alert(1)</script>' never\n\
             'it\\'s' never\n\
             '9lives' never\n\
             ' padded ' never\n\
             '日本' never";
        assert_eq!(format(&scenario), want);
        // Negative zero is written as 0; the two compare equal, as in JavaScript.
        assert_eq!(read(want), scenario);
    }

    #[test]
    fn isolates_around_right_to_left_text_read_as_spaces() {
        let isolated = "v1 all\n\u{2068}'طلب المستخدم'\u{2069} 300ms ok \u{2068}'مرحبا'\u{2069}\n\
                        posts 450ms ok [\u{2068}'مرحبا'\u{2069}, [1, 2], {a: 1}]";
        let plain =
            "v1 all\n'طلب المستخدم' 300ms ok 'مرحبا'\nposts 450ms ok ['مرحبا', [1, 2], {a: 1}]";
        assert_eq!(read(isolated), read(plain));
    }

    #[test]
    fn hand_written_layouts_are_accepted() {
        let want = Scenario::new(
            Combinator::Any,
            vec![
                Task::fulfil("a", 5, Value::str("x")),
                Task::reject("b b", 10, "y"),
                Task::never("c"),
            ],
        );
        let texts = [
            "v1 any; a 5ms ok 'x'; 'b b' 10ms err Error('y'); c never",
            "v1 any\r\na 5ms ok 'x'\r\n\"b b\" 10ms err Error(\"y\")\r\nc never\r\n",
            "\u{feff}\n\n  v1\tany ;;\n\n\ta  5ms\tok  \"x\"  \n;'b\\u0020b' 10ms err Error( 'y' ) ;\n c never ;",
            "v1 any\ra 5ms ok '\\x78'\r'b b' 10ms err Error('y')\rc never"
                .replace("\\x78", "\\u{78}")
                .as_str(),
        ]
        .map(str::to_owned);
        for text in &texts {
            assert_eq!(read(text), want, "{text:?}");
        }
    }

    #[test]
    fn value_spellings_that_javascript_allows_are_read() {
        let cases = [
            (
                "[1, 2, ]",
                Value::Array(vec![Value::Number(1.0), Value::Number(2.0)]),
            ),
            ("{a: 1,}", obj(&[("a", Value::Number(1.0))])),
            ("{ \"k\" : [ ] }", obj(&[("k", Value::Array(vec![]))])),
            (
                "{null: true, true: null}",
                obj(&[("null", Value::Bool(true)), ("true", Value::Null)]),
            ),
            ("-1.25E+2", Value::Number(-125.0)),
            ("0.5e-1", Value::Number(0.05)),
            ("1e-400", Value::Number(0.0)),
            (
                "'\\uD83D\\uDE00 \\u{1F600} \\u00E9 \\u{000000041}'",
                Value::str("😀 😀 é A"),
            ),
            ("\"it's\"", Value::str("it's")),
            ("'say \"hi\"'", Value::str("say \"hi\"")),
            ("'raw\ttab'", Value::str("raw\ttab")),
            ("Error(\"x\")", Value::error("x")),
            ("new Error('x')", Value::error("x")),
            (
                "new\tTypeError ( 'x' )",
                Value::named_error("TypeError", "x"),
            ),
            ("RangeError('r')", Value::named_error("RangeError", "r")),
            ("new URIError('u')", Value::named_error("URIError", "u")),
            ("NaN", Value::Number(f64::NAN)),
            ("Infinity", Value::Number(f64::INFINITY)),
            ("-Infinity", Value::Number(f64::NEG_INFINITY)),
            // Too large for a double: JavaScript reads these as infinities.
            ("1e999", Value::Number(f64::INFINITY)),
            ("-1e999", Value::Number(f64::NEG_INFINITY)),
            (
                "{b: 1, 2: 'two', '1': 'one'}",
                obj(&[
                    ("1", Value::str("one")),
                    ("2", Value::str("two")),
                    ("b", Value::Number(1.0)),
                ]),
            ),
            (
                "{'07': 1, '4294967295': 2, 0: 3}",
                Value::Object(vec![
                    ("0".into(), Value::Number(3.0)),
                    ("07".into(), Value::Number(1.0)),
                    ("4294967295".into(), Value::Number(2.0)),
                ]),
            ),
            (
                "{NaN: NaN, new: 1}",
                obj(&[
                    ("NaN", Value::Number(f64::NAN)),
                    ("new", Value::Number(1.0)),
                ]),
            ),
        ];
        for (literal, want) in cases {
            let scenario = read(&format!("v1 all\nt plain {literal}"));
            assert_eq!(
                scenario.tasks[0].behaviour,
                Behaviour::Plain(want),
                "{literal}"
            );
        }
    }

    // --- errors -------------------------------------------------------------

    #[test]
    fn errors_say_where_what_was_expected_and_what_was_found() {
        // (text, line, column, the message)
        let cases: &[(&str, usize, usize, &str)] = &[
            (
                "",
                1,
                1,
                "expected the version marker v1 at the start of the text, as in 'v1 all'; found the end of the text",
            ),
            (
                "all\nuser 300ms ok 1",
                1,
                1,
                "expected the version marker v1 at the start of the text, as in 'v1 all'; found 'all'",
            ),
            (
                "v2 all",
                1,
                1,
                "expected the version marker v1; found 'v2': this text is format v2, and this playground reads only format v1",
            ),
            (
                "v1 every",
                1,
                4,
                "expected a combinator after v1: all, allSettled, race, any, sequential or parallel-await; found 'every'",
            ),
            ("v1 all user 1ms ok 1", 1, 8, "expected a new line or ';' after the combinator; found 'user'"),
            (
                "v1 all\nuser 30s ok 1",
                2,
                6,
                "expected a delay such as 300ms, or now, plain or never; found '30s'",
            ),
            (
                "v1 all\n300ms ok 1",
                2,
                1,
                "expected a task label: a name of letters, digits, _ $ . or - that does not start with a digit, \
                 such as fetch, or any text in quotes, such as 'my task'; found '300ms'",
            ),
            ("v1 all\na 1ms fine 1", 2, 7, "expected ok or err after the delay; found 'fine'"),
            ("v1 all\na now 1", 2, 7, "expected ok or err after now; found '1'"),
            (
                "v1 all\na 1ms ok Ada",
                2,
                10,
                "expected a value such as 42, NaN, 'text', true, null, undefined, [1, 2], {a: 1}, \
                 Error('message') or new TypeError('message'); found 'Ada' (text needs quotes, as in 'Ada')",
            ),
            (
                "v1 all\na 1ms ok",
                2,
                9,
                "expected a value such as 42, NaN, 'text', true, null, undefined, [1, 2], {a: 1}, \
                 Error('message') or new TypeError('message'); found the end of the text",
            ),
            ("v1 all\na 1ms ok [1, 2", 2, 15, "expected ',' or ']' after an item of the array; found the end of the text"),
            ("v1 all\na 1ms ok [1 2]", 2, 13, "expected ',' or ']' after an item of the array; found '2]'"),
            ("v1 all\na 1ms ok {a 1}", 2, 13, "expected ':' after the key; found '1}'"),
            ("v1 all\na 1ms ok {a: 1, 'a': 2}", 2, 17, "expected each key once in an object; found 'a' again"),
            ("v1 all\na 1ms ok 42px", 2, 10, "expected a number such as 42, -1.5 or 2e-3; found '42px'"),
            ("v1 all\na 1ms ok 007", 2, 10, "expected a number such as 42, -1.5 or 2e-3; found '007'"),
            ("v1 all\na 1ms ok 1.", 2, 10, "expected a number such as 42, -1.5 or 2e-3; found '1.'"),
            ("v1 all\na 1ms ok 1 2", 2, 12, "expected a new line or ';' to end the task; found '2'"),
            ("v1 all\na never 2", 2, 9, "expected a new line or ';' to end the task; found '2'"),
            ("v1 all\n'a'1ms ok 2", 2, 4, "expected a space after the quoted label; found '1ms'"),
            (
                "v1 all\na 1ms ok 'Ada\nb never",
                2,
                10,
                "expected a closing ' for the text that starts here; found the end of the line first \
                 (write \\n for a line break inside text)",
            ),
            (
                "v1 all\r\na 1ms ok 'x\\q'",
                2,
                12,
                "expected an escape after the backslash: \\\\, \\', \\\", \\n, \\r, \\t, \\u00e9 or \\u{1F600}; found '\\q'",
            ),
            ("v1 all\na 1ms ok '\\u12'", 2, 11, "expected four hex digits after \\u, as in \\u00e9; found '\\u12'"),
            (
                "v1 all\na 1ms ok '\\uD83D'",
                2,
                11,
                "expected a Unicode character (a lone surrogate or a code point beyond 10FFFF is not one); found '\\uD83D'",
            ),
            (
                "v1 all\na 1ms ok '\\u{110000}'",
                2,
                11,
                "expected a Unicode character (a lone surrogate or a code point beyond 10FFFF is not one); found '\\u{110000}'",
            ),
            ("v1 all\na plain '\\u{zz}'", 2, 10, "expected hex digits and a closing brace, as in \\u{1F600}; found '\\u{zz}'"),
            ("v1 all\na 1ms ok Error(42)", 2, 16, "expected a message in quotes, as in Error('timeout'); found '42)'"),
            ("v1 all\na 1ms ok Error", 2, 15, "expected '(' after Error, as in Error('timeout'); found the end of the text"),
            ("v1 all\na 1ms ok new TypeError", 2, 23, "expected '(' after TypeError, as in TypeError('timeout'); found the end of the text"),
            ("v1 all\na 1ms ok RangeError(1)", 2, 21, "expected a message in quotes, as in RangeError('timeout'); found '1)'"),
            (
                "v1 all\na 1ms ok new Foo('x')",
                2,
                14,
                "expected an error after new: Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError \
                 or URIError, as in new TypeError('message'); found 'Foo('x')'",
            ),
            (
                "v1 all\na 1ms ok AggregateError ('x')",
                2,
                10,
                "expected a value such as 42, NaN, 'text', true, null, undefined, [1, 2], {a: 1}, \
                 Error('message') or new TypeError('message'); found 'AggregateError' (the errors a task can \
                 make are Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError or URIError)",
            ),
            (
                "v1 all\na 1ms ok {a: 1, __proto__: null}",
                2,
                17,
                "expected another key; found '__proto__', which would set the object's prototype in \
                 JavaScript, not make a key (use another name)",
            ),
            (
                "v1 all\na 1ms ok [{'__proto__': 1}]",
                2,
                12,
                "expected another key; found '__proto__', which would set the object's prototype in \
                 JavaScript, not make a key (use another name)",
            ),
            (
                "v1 all\na 1ms ok {01: 'x'}",
                2,
                11,
                "expected a key: a name such as theme, an array index such as 2, or text in quotes such as \
                 'a b' (a bare number key must be a whole number from 0 to 4294967294 without leading zeros; \
                 put any other in quotes); found '01:'",
            ),
            (
                "v1 all\na 1ms ok {1.5: 'x'}",
                2,
                11,
                "expected a key: a name such as theme, an array index such as 2, or text in quotes such as \
                 'a b' (a bare number key must be a whole number from 0 to 4294967294 without leading zeros; \
                 put any other in quotes); found '1.5:'",
            ),
            ("v1 all\na 1ms ok {2: 1, '2': 2}", 2, 17, "expected each key once in an object; found '2' again"),
            // Columns count characters, not bytes.
            ("v1 all\n'日本' 5ms ok 'é' junk", 2, 17, "expected a new line or ';' to end the task; found 'junk'"),
        ];
        let mut wrong = Vec::new();
        for &(text, line, column, message) in cases {
            let err = refuse(text);
            if (err.line, err.column, err.message.as_str()) != (line, column, message) {
                wrong.push(format!(
                    "{text:?}\n  got  {err}\n  want line {line}, column {column}: {message}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        let err = refuse("v1 all\nuser 30s ok 1");
        assert_eq!(
            err.to_string(),
            "line 2, column 6: expected a delay such as 300ms, or now, plain or never; found '30s'"
        );
    }

    #[test]
    fn the_offset_is_the_byte_offset_of_the_line_and_column() {
        let text = "v1 all\n'日本' 5ms ok 'é' junk";
        let err = refuse(text);
        assert_eq!(&text[err.offset..], "junk");
    }

    #[test]
    fn broken_limits_name_the_task_and_point_at_the_token() {
        let long = "x".repeat(MAX_LABEL_CHARS + 1);
        let cases: Vec<(String, usize, usize, String)> = vec![
            (
                format!("v1 all\na never\n{long} 1ms ok 1"),
                3,
                1,
                format!("task 2 (\"{long}\"): the label has 41 characters; at most 40 are allowed"),
            ),
            (
                "v1 all\na never\nb never\nfetch 600001ms ok 1".into(),
                4,
                7,
                "task 3 (\"fetch\"): the delay must be between 0 and 600000 ms (ten minutes); 600001 ms is too long"
                    .into(),
            ),
            (
                "v1 all\nfetch -5ms ok 1".into(),
                2,
                7,
                "task 1 (\"fetch\"): the delay must be a whole number of milliseconds, such as 300; found '-5ms'".into(),
            ),
            (
                "v1 all\nfetch 1.5ms ok 1".into(),
                2,
                7,
                "task 1 (\"fetch\"): the delay must be a whole number of milliseconds, such as 300; found '1.5ms'".into(),
            ),
            (
                "v1 all\nf 99999999999999999999999ms ok 1".into(),
                2,
                3,
                "task 1 (\"f\"): the delay must be between 0 and 600000 ms (ten minutes); found '99999999999999999999999m…'"
                    .into(),
            ),
            ("v1 all\n'  ' never".into(), 2, 1, "task 1 (\"  \"): the label must not be empty".into()),
            (
                "v1 all\nf 1ms ok [[[[1]]]]".into(),
                2,
                13,
                "task 1 (\"f\"): values may nest at most 3 levels deep; this bracket opens level 4".into(),
            ),
            (
                format!("v1 all\nf plain [{}]", vec!["0"; 25].join(",")),
                2,
                50,
                "task 1 (\"f\"): an array or object may hold at most 20 items; this one has 25".into(),
            ),
            (
                format!("v1 all\nf plain '{}'", "é".repeat(201)),
                2,
                9,
                "task 1 (\"f\"): a string may have at most 200 characters; this one has 201".into(),
            ),
            (
                format!("v1 all\nf plain Error('{}')", "e".repeat(201)),
                2,
                15,
                "task 1 (\"f\"): a string may have at most 200 characters; this one has 201".into(),
            ),
        ];
        for (text, line, column, message) in cases {
            let err = refuse(&text);
            assert_eq!(
                (err.line, err.column, err.message.as_str()),
                (line, column, message.as_str()),
                "{text:?}"
            );
        }
        // Right at the limits, all is well.
        let edge = format!(
            "v1 all\n{} 600000ms ok '{}'\nb 0ms ok [{}]\nc plain [[{{}}]]",
            "x".repeat(MAX_LABEL_CHARS),
            "é".repeat(MAX_STRING_CHARS),
            vec!["0"; MAX_VALUE_ITEMS].join(","),
        );
        assert_eq!(read(&edge).tasks.len(), 3);
    }

    #[test]
    fn ten_thousand_tasks_parse_and_one_more_is_refused() {
        let text = |n: usize| format!("v1 all\n{}", "n never\n".repeat(n));
        let most = read(&text(MAX_TASKS));
        assert_eq!(most.tasks.len(), MAX_TASKS);
        assert!(most.validate().is_ok());

        let err = refuse(&text(MAX_TASKS + 1));
        assert_eq!((err.line, err.column), (MAX_TASKS + 2, 1));
        assert_eq!(
            err.message,
            "a scenario may hold at most 10000 tasks; found task 10001 here"
        );
    }

    #[test]
    fn deep_brackets_are_refused_without_deep_recursion() {
        for open in ["[", "{a: ", "[{'k': "] {
            let text = format!("v1 all\nt plain {}", open.repeat(100_000));
            let err = refuse(&text);
            assert!(
                err.message
                    .contains("values may nest at most 3 levels deep"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn a_realistic_scenario_fits_in_a_link() {
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        // What encodeURIComponent leaves alone.
        const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')');
        let labels = [
            "loadUser",
            "fetchPosts",
            "readCache",
            "checkAuth",
            "getConfig",
            "pingServer",
            "loadAvatar",
            "syncDrafts",
            "fetchTags",
            "loadPrefs",
            "getSession",
            "openSocket",
            "readLocale",
            "fetchFeed",
            "loadTheme",
            "getFlags",
            "fetchStats",
            "loadFonts",
            "warmCache",
            "reportErr",
        ];
        let values = [
            Value::str("Ada"),
            Value::Number(42.0),
            obj(&[("id", Value::Number(7.0))]),
            Value::Bool(true),
        ];
        let tasks = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let delay_ms = [300, 500, 120, 1500, 80][i % 5];
                match i % 7 {
                    3 => Task::reject(label, delay_ms, "timeout"),
                    5 => task(
                        label,
                        Behaviour::Settled(Settle::Fulfil(values[i % 4].clone())),
                    ),
                    6 if i > 10 => Task::never(label),
                    _ => Task::fulfil(label, delay_ms, values[i % 4].clone()),
                }
            })
            .collect();
        let scenario = Scenario::new(Combinator::AllSettled, tasks);
        let text = format(&scenario);
        let encoded = utf8_percent_encode(&text, COMPONENT).to_string();
        println!(
            "20-task scenario: {} characters of text, {} percent-encoded",
            text.chars().count(),
            encoded.len()
        );
        assert!(
            encoded.len() < 1500,
            "{} characters:\n{text}",
            encoded.len()
        );
        assert_eq!(read(&text), scenario);
    }

    // --- properties -------------------------------------------------------------

    /// The ways people lay the text out differently from `format`.
    #[derive(Debug, Clone)]
    struct Layout {
        separator: &'static str,
        gap: &'static str,
        inner: &'static str,
        quote: char,
        escape_non_ascii: bool,
        quote_every_name: bool,
        trailing_comma: bool,
        new_errors: bool,
        numbers: fn(f64) -> String,
    }

    fn layout() -> impl Strategy<Value = Layout> {
        let numbers: Vec<fn(f64) -> String> = vec![
            value::js_number,
            |n| format!("{n:?}"),
            |n| format!("{n:e}"),
            |n| format!("{n:E}"),
        ];
        (
            prop::sample::select(vec![
                "\n", "\r\n", "\r", ";", " ; ", "\n\n", ";\n", "\n;;\t\n",
            ]),
            prop::sample::select(vec![" ", "  ", "\t", " \t "]),
            prop::sample::select(vec!["", " ", "\t"]),
            prop::sample::select(vec!['\'', '"']),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(numbers),
        )
            .prop_map(
                |(
                    separator,
                    gap,
                    inner,
                    quote,
                    escape_non_ascii,
                    quote_every_name,
                    trailing_comma,
                    new_errors,
                    numbers,
                )| {
                    Layout {
                        separator,
                        gap,
                        inner,
                        quote,
                        escape_non_ascii,
                        quote_every_name,
                        trailing_comma,
                        new_errors,
                        numbers,
                    }
                },
            )
    }

    impl Layout {
        fn scenario(&self, scenario: &Scenario) -> String {
            let mut out = format!(
                "{0}v1{1}{2}",
                self.separator,
                self.gap,
                scenario.combinator.keyword()
            );
            for task in &scenario.tasks {
                out.push_str(self.separator);
                self.name(&mut out, &task.label, is_bare_label);
                out.push_str(self.gap);
                match &task.behaviour {
                    Behaviour::Timer { delay_ms, settle } => {
                        out.push_str(&format!("{delay_ms}ms{}", self.gap));
                        self.settle(&mut out, settle);
                    }
                    Behaviour::Settled(settle) => {
                        out.push_str("now");
                        out.push_str(self.gap);
                        self.settle(&mut out, settle);
                    }
                    Behaviour::Plain(value) => {
                        out.push_str("plain");
                        out.push_str(self.gap);
                        self.value(&mut out, value);
                    }
                    Behaviour::Never => out.push_str("never"),
                }
                out.push_str(self.gap);
            }
            out.push_str(self.separator);
            out
        }

        fn settle(&self, out: &mut String, settle: &Settle) {
            out.push_str(if settle.is_reject() { "err" } else { "ok" });
            out.push_str(self.gap);
            self.value(out, settle.value());
        }

        fn name(&self, out: &mut String, name: &str, bare: fn(&str) -> bool) {
            if bare(name) && !self.quote_every_name {
                out.push_str(name);
            } else {
                self.quoted(out, name);
            }
        }

        fn quoted(&self, out: &mut String, s: &str) {
            out.push(self.quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c if c == self.quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\t' => out.push('\t'),
                    c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
                    c if self.escape_non_ascii && !c.is_ascii() => {
                        // As JavaScript source would: UTF-16 units, surrogate pairs included.
                        for unit in c.encode_utf16(&mut [0; 2]) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push(self.quote);
        }

        fn value(&self, out: &mut String, value: &Value) {
            let inner = self.inner;
            match value {
                // NaN and the infinities have one spelling each.
                Value::Number(n) if !n.is_finite() => out.push_str(&value::js_number(*n)),
                Value::Number(n) => out.push_str(&(self.numbers)(*n)),
                Value::Str(s) => self.quoted(out, s),
                Value::Error { name, message, .. } => {
                    if self.new_errors {
                        out.push_str("new");
                        out.push_str(self.gap);
                    }
                    out.push_str(name);
                    out.push('(');
                    out.push_str(inner);
                    self.quoted(out, message);
                    out.push_str(inner);
                    out.push(')');
                }
                Value::Array(items) => {
                    out.push('[');
                    for item in items {
                        out.push_str(inner);
                        self.value(out, item);
                        out.push_str(inner);
                        out.push(',');
                    }
                    self.close(out, !items.is_empty(), ']');
                }
                Value::Object(fields) => {
                    out.push('{');
                    for (key, item) in fields {
                        out.push_str(inner);
                        self.name(out, key, |k| {
                            value::is_identifier(k) || array_index(k).is_some()
                        });
                        out.push_str(inner);
                        out.push(':');
                        out.push_str(inner);
                        self.value(out, item);
                        out.push(',');
                    }
                    self.close(out, !fields.is_empty(), '}');
                }
                other => write_value(out, other),
            }
        }

        /// Every item above is followed by a comma; drop the last one unless
        /// this layout keeps trailing commas.
        fn close(&self, out: &mut String, any: bool, bracket: char) {
            if any && !self.trailing_comma {
                out.pop();
            }
            out.push_str(self.inner);
            out.push(bracket);
        }
    }

    /// Pieces of the grammar, good and bad, so that random texts get past
    /// the header and into every corner of the parser.
    const TOKENS: &[&str] = &[
        "v1",
        "v2",
        "all",
        "race",
        "any",
        "allSettled",
        "sequential",
        "parallel-await",
        "user",
        "'my task'",
        "\"x\"",
        "300ms",
        "0ms",
        "600000ms",
        "600001ms",
        "-5ms",
        "1.5ms",
        "30s",
        "now",
        "plain",
        "never",
        "ok",
        "err",
        "null",
        "undefined",
        "true",
        "false",
        "42",
        "-1.5e3",
        "1e999",
        "007",
        "'Ada'",
        "'\\u{1F600}'",
        "'\\uD83D\\uDE00'",
        "'\\uD83D'",
        "'\\q'",
        "'\\u{",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "a:",
        "'k':",
        "Error(",
        "Error('x')",
        "new",
        "TypeError('x')",
        "URIError",
        "AggregateError('x')",
        "NaN",
        "Infinity",
        "-Infinity",
        "__proto__:",
        "'__proto__':",
        "2:",
        "'2':",
        "01:",
        ")",
        "(",
        "'",
        "\"",
        "\\",
        "é",
        "😀",
        "\u{feff}",
        "\u{0}",
    ];
    const GAPS: &[&str] = &[" ", "", "\n", ";", "\t", "\r\n", "\r", "  "];

    fn token_soup() -> impl Strategy<Value = String> {
        let piece = (prop::sample::select(TOKENS), prop::sample::select(GAPS));
        prop::collection::vec(piece, 0..48)
            .prop_map(|pieces| pieces.into_iter().flat_map(|(t, g)| [t, g]).collect())
    }

    /// Texts shaped like real scenarios, with a wrong piece now and then.
    fn almost_scenarios() -> impl Strategy<Value = String> {
        let labels = prop::sample::select(vec![
            "a",
            "load.user-2",
            "'x y'",
            "\"q\"",
            "'<b>'",
            "9",
            "''",
            "ok",
        ]);
        let starts = prop::sample::select(vec![
            "300ms ok",
            "0ms err",
            "600000ms ok",
            "now ok",
            "now err",
            "plain",
            "never",
            "600001ms ok",
            "5 ms ok",
        ]);
        let values = prop::sample::select(vec![
            "'Ada'",
            "42",
            "-0",
            "1E3",
            "null",
            "undefined",
            "true",
            "[]",
            "[1, [2, [3]]]",
            "{a: 1, 'b c': [null]}",
            "Error('timeout')",
            "Error( \"t\" )",
            "new RangeError('r')",
            "new Oops('r')",
            "[NaN, -Infinity, Infinity]",
            "{b: 1, 2: 'two', '1': 'one'}",
            "{__proto__: null}",
            "{a: 1, a: 2}",
            "[[[[0]]]]",
            "'\\u{1b}'",
            "\"\\t\"",
            "[1,]",
            "",
        ]);
        let line = (labels, starts, values).prop_map(|(l, s, v)| {
            if s == "never" {
                format!("{l} never")
            } else {
                format!("{l} {s} {v}")
            }
        });
        let header = prop::sample::select(vec![
            "v1 all",
            "v1 race",
            "v1 parallel-await",
            "v1 any",
            "v2 all",
        ]);
        let separator = prop::sample::select(vec!["\n", "; ", "\r\n", "\n\n"]);
        (header, prop::collection::vec(line, 0..8), separator).prop_map(|(header, lines, sep)| {
            std::iter::once(header.to_owned())
                .chain(lines)
                .collect::<Vec<_>>()
                .join(sep)
        })
    }

    /// Whatever `text` is: a scenario that reads back the same once
    /// written, or an error that says where and what, in words.
    fn assert_fixed_point(text: &str) {
        match parse(text) {
            Ok(first) => {
                assert!(
                    first.validate().is_ok(),
                    "{text:?} parsed to an invalid scenario"
                );
                let canonical = format(&first);
                let again = parse(&canonical).unwrap_or_else(|e| panic!("{canonical:?}: {e}"));
                assert_eq!(again, first);
                assert_eq!(format(&again), canonical);
            }
            Err(e) => {
                assert!(e.line >= 1 && e.column >= 1, "{text:?}: {e:?}");
                assert!(e.offset <= text.len(), "{text:?}: {e:?}");
                assert!(e.message.len() > 10, "{text:?}: a message in words: {e:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn format_then_parse_gives_back_the_scenario(s in scenario()) {
            prop_assert!(s.validate().is_ok());
            prop_assert_eq!(parse(&format(&s)), Ok(s));
        }

        #[test]
        fn any_layout_reads_as_the_same_scenario(s in scenario(), layout in layout()) {
            let text = layout.scenario(&s);
            prop_assert_eq!(parse(&text), Ok(s.clone()), "{:?}", text);
            assert_fixed_point(&text);
        }

        #[test]
        fn formatting_a_parsed_text_is_a_fixed_point(text in almost_scenarios()) {
            assert_fixed_point(&text);
        }

        #[test]
        fn arbitrary_strings_never_panic(text in any::<String>()) {
            assert_fixed_point(&text);
            assert_fixed_point(&format!("v1 all\n{text}"));
            assert_fixed_point(&format!("v1 all\nt plain {text}"));
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            let text = String::from_utf8_lossy(&bytes);
            assert_fixed_point(&text);
            assert_fixed_point(&format!("v1 race;{text}"));
        }

        #[test]
        fn grammar_soup_never_panics(soup in token_soup()) {
            assert_fixed_point(&soup);
            assert_fixed_point(&format!("v1 all\n{soup}"));
            assert_fixed_point(&format!("v1 all\nt plain {soup}"));
        }

        #[test]
        fn errors_point_inside_the_text(text in almost_scenarios(), cut in any::<prop::sample::Index>()) {
            // Truncating a good text anywhere gives an error at a real place.
            let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let short = &text[..cuts[cut.index(cuts.len())]];
            if let Err(e) = parse(short) {
                prop_assert!(e.offset <= short.len());
                prop_assert!(short.is_char_boundary(e.offset));
                prop_assert_eq!((e.line, e.column), line_and_column(short, e.offset));
                prop_assert!(e.message.starts_with("expected") || e.message.starts_with("task ") || e.message.starts_with("a scenario"), "{}", e.message);
            }
        }
    }
}

#[cfg(test)]
mod value_field_tests {
    use super::*;

    #[test]
    fn a_value_field_reads_one_value_and_says_what_is_wrong_without_a_task() {
        assert_eq!(
            parse_value("  {theme: 'dark'} "),
            Ok(Value::Object(vec![("theme".into(), Value::str("dark"))]))
        );
        assert_eq!(parse_value("Error('x')"), Ok(Value::error("x")));
        let err = parse_value("Ada").unwrap_err();
        assert!(err.message.contains("text needs quotes"), "{err}");
        assert!(!err.message.contains("task"), "{err}");
        let err = parse_value("1 2").unwrap_err();
        assert_eq!(
            (err.column, err.message.starts_with("expected the end")),
            (3, true)
        );
        let too_many = format!("[{}]", ["1"; 21].join(", "));
        assert!(parse_value(&too_many).is_err());
    }

    #[test]
    fn errors_numbers_and_keys_as_people_write_them_have_one_canonical_spelling() {
        let cases = [
            ("new Error('x')", "Error('x')"),
            ("Error('x')", "Error('x')"),
            ("new TypeError(\"x\")", "TypeError('x')"),
            ("  new   SyntaxError( 's' ) ", "SyntaxError('s')"),
            ("new ReferenceError('r')", "ReferenceError('r')"),
            ("EvalError('e')", "EvalError('e')"),
            (
                "[NaN, Infinity, -Infinity, -0]",
                "[NaN, Infinity, -Infinity, -0]",
            ),
            (
                "{2: 'two', b: 1, 1: 'one'}",
                "{'1': 'one', '2': 'two', b: 1}",
            ),
            (
                "{b: {10: 1, '9': 2}, a: [NaN]}",
                "{b: {'9': 2, '10': 1}, a: [NaN]}",
            ),
        ];
        for (written, canonical) in cases {
            let value = parse_value(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(format_value(&value), canonical, "{written}");
            assert_eq!(parse_value(canonical), Ok(value), "{canonical}");
        }
    }

    #[test]
    fn new_range_error_reads_as_a_range_error() {
        assert_eq!(
            parse_value("new RangeError('r')"),
            Ok(Value::Error {
                name: "RangeError".into(),
                message: "r".into(),
                errors: None,
            })
        );
    }

    #[test]
    fn integer_keys_come_first_and_print_as_node_prints_them() {
        let value = parse_value("{b: 1, 2: 'two', 1: 'one'}").unwrap();
        assert_eq!(value.inspect(), "{ '1': 'one', '2': 'two', b: 1 }");
        assert_eq!(format_value(&value), "{'1': 'one', '2': 'two', b: 1}");
    }

    #[test]
    fn the_key_proto_is_refused_where_it_is_written() {
        for (text, column) in [("{ok: 1, __proto__: 2}", 9), ("[{'__proto__': {}}]", 3)] {
            let err = parse_value(text).unwrap_err();
            assert_eq!((err.line, err.column), (1, column), "{text}");
            assert!(err.message.contains("prototype"), "{err}");
            assert!(!err.message.contains("task"), "{err}");
        }
        let err = parse("v1 all\nx 1ms ok 1\ny now err {__proto__: 1}").unwrap_err();
        assert_eq!((err.line, err.column), (3, 12));
    }

    #[test]
    fn format_value_round_trips_through_parse_value() {
        let v = Value::Array(vec![Value::str("it's"), Value::Number(1e21), Value::Null]);
        assert_eq!(format_value(&v), r"['it\'s', 1e+21, null]");
        assert_eq!(parse_value(&format_value(&v)), Ok(v));
    }
}
