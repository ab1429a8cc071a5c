//! Tasks, the ways to combine them, and the limits a scenario must keep.
//!
//! A [`Scenario`] is what a learner builds and what every other part of the
//! playground consumes: the engine runs it, the spec model predicts it, the
//! text form writes it down. Tasks are identified by position; labels are for
//! people and may repeat.

use super::value::{Value, ERROR_NAMES};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// The longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 40;
/// The longest timer delay, in milliseconds (ten minutes).
pub const MAX_DELAY_MS: u32 = 600_000;
/// The most tasks a scenario may hold.
pub const MAX_TASKS: usize = 10_000;
/// How deep arrays and objects may nest inside a value.
pub const MAX_VALUE_DEPTH: usize = 3;
/// The most items in one array or object of a value.
pub const MAX_VALUE_ITEMS: usize = 20;
/// The longest string inside a value, in characters.
pub const MAX_STRING_CHARS: usize = 200;

/// How a set of tasks is combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Combinator {
    /// `Promise.all`: every value in input order, or the first rejection.
    #[default]
    All,
    /// `Promise.allSettled`: a record per input; never rejects.
    AllSettled,
    /// `Promise.race`: whichever input settles first, either way.
    Race,
    /// `Promise.any`: the first fulfilment, or an `AggregateError`.
    Any,
    /// `for (const t of tasks) results.push(await t())`: one after another,
    /// stopping at the first rejection.
    Sequential,
    /// `const ps = tasks.map(t => t()); for (const p of ps) await p`: all
    /// started at once, then awaited in order.
    ParallelAwait,
}

impl Combinator {
    /// Every combinator, in the order the playground lists them.
    pub const ALL: [Combinator; 6] = [
        Combinator::All,
        Combinator::AllSettled,
        Combinator::Race,
        Combinator::Any,
        Combinator::Sequential,
        Combinator::ParallelAwait,
    ];

    /// The word the text form and the run report use.
    pub fn keyword(self) -> &'static str {
        match self {
            Combinator::All => "all",
            Combinator::AllSettled => "allSettled",
            Combinator::Race => "race",
            Combinator::Any => "any",
            Combinator::Sequential => "sequential",
            Combinator::ParallelAwait => "parallel-await",
        }
    }

    /// The combinator named by a text-form keyword.
    pub fn from_keyword(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.keyword() == word)
    }

    /// The name people know it by.
    pub fn title(self) -> &'static str {
        match self {
            Combinator::All => "Promise.all",
            Combinator::AllSettled => "Promise.allSettled",
            Combinator::Race => "Promise.race",
            Combinator::Any => "Promise.any",
            Combinator::Sequential => "await in a loop",
            Combinator::ParallelAwait => "start all, then await each",
        }
    }

    /// One line on what it does, for people choosing.
    pub fn explain(self) -> &'static str {
        match self {
            Combinator::All => "Waits for every task and gives their values in input order; the first rejection rejects it at once.",
            Combinator::AllSettled => "Waits for every task, whatever happens, and describes each outcome; it never rejects.",
            Combinator::Race => "Settles as soon as any task settles, fulfilled or rejected, and takes that outcome.",
            Combinator::Any => "Takes the first task to fulfil; rejects, with an AggregateError, only if every task rejects.",
            Combinator::Sequential => "Starts each task only after the previous one fulfilled, and stops at the first rejection.",
            Combinator::ParallelAwait => "Starts every task at once, then awaits them in order; a rejection that comes before its turn goes unhandled.",
        }
    }

    /// The JavaScript it stands for.
    pub fn code(self) -> &'static str {
        match self {
            Combinator::All => "await Promise.all(tasks.map(t => t()))",
            Combinator::AllSettled => "await Promise.allSettled(tasks.map(t => t()))",
            Combinator::Race => "await Promise.race(tasks.map(t => t()))",
            Combinator::Any => "await Promise.any(tasks.map(t => t()))",
            Combinator::Sequential => "for (const t of tasks) out.push(await t())",
            Combinator::ParallelAwait => {
                "const ps = tasks.map(t => t());\nfor (const p of ps) out.push(await p)"
            }
        }
    }

    /// The tasks this combinator (or loop) ignored: those that settled
    /// without their outcome being used in its result. The one definition
    /// of "ignored", for the spec model's prediction and for a real run.
    ///
    /// `settle_order` lists the tasks that have settled, in the order they
    /// did; `rejects` says whether one of them rejected; `result` is how the
    /// combinator settled, `None` while it has not. The answer keeps the
    /// settle order. What was used, given the result:
    ///
    /// * no result yet (or never): nothing is ignored;
    /// * `all`: fulfilled, every value was used; rejected, only the first
    ///   rejection in time was;
    /// * `allSettled`: every outcome was used;
    /// * `race`: only the first task to settle was;
    /// * `any`: fulfilled, only the first fulfilment in time was; rejected,
    ///   every reason went into the `AggregateError`;
    /// * the two loops: fulfilled, every value was used; rejected, the loop
    ///   threw at the first task in array order that rejected, having used
    ///   the tasks before it, so the tasks after it are ignored (a
    ///   sequential loop never starts them).
    pub fn ignored(
        self,
        settle_order: &[usize],
        rejects: impl Fn(usize) -> bool,
        result: Option<&Settle>,
    ) -> Vec<usize> {
        let Some(result) = result else {
            return Vec::new();
        };
        let settled = || settle_order.iter().copied();
        let all_but = |used: Option<usize>| settled().filter(|&i| Some(i) != used).collect();
        match (self, result.is_reject()) {
            (Combinator::All, false)
            | (Combinator::AllSettled, _)
            | (Combinator::Any, true)
            | (Combinator::Sequential | Combinator::ParallelAwait, false) => Vec::new(),
            (Combinator::All, true) => all_but(settled().find(|&i| rejects(i))),
            (Combinator::Race, _) => all_but(settle_order.first().copied()),
            (Combinator::Any, false) => all_but(settled().find(|&i| !rejects(i))),
            (Combinator::Sequential | Combinator::ParallelAwait, true) => {
                match settled().filter(|&i| rejects(i)).min() {
                    Some(thrown_at) => settled().filter(|&i| i > thrown_at).collect(),
                    None => Vec::new(),
                }
            }
        }
    }
}

impl fmt::Display for Combinator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// How a task settles, when it does.
#[derive(Debug, Clone, PartialEq)]
pub enum Settle {
    /// `resolve(value)`.
    Fulfil(Value),
    /// `reject(reason)`; the reason is usually `Error('…')` but may be any value.
    Reject(Value),
}

impl Settle {
    /// Whether this is a rejection.
    pub fn is_reject(&self) -> bool {
        matches!(self, Settle::Reject(_))
    }

    /// The value or the reason.
    pub fn value(&self) -> &Value {
        match self {
            Settle::Fulfil(v) | Settle::Reject(v) => v,
        }
    }
}

/// What a task puts into the array that is combined.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    /// A promise that settles after `delay_ms` of a real timer.
    Timer {
        /// The delay, 0 to [`MAX_DELAY_MS`].
        delay_ms: u32,
        /// How it settles when the timer fires.
        settle: Settle,
    },
    /// `Promise.resolve(v)` or `Promise.reject(e)`: settled before any timer.
    Settled(Settle),
    /// A value that is not a promise at all, such as `42`.
    Plain(Value),
    /// `new Promise(() => {})`: pending for ever.
    Never,
}

/// How a task starts, as the editor presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartKind {
    /// After a timer.
    Timer,
    /// Already settled when created.
    Settled,
    /// A plain, non-promise value.
    Plain,
}

/// How a task ends, as the editor presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// Fulfils.
    Fulfil,
    /// Rejects.
    Reject,
    /// Never settles.
    Never,
}

impl Behaviour {
    /// The start kind shown for this behaviour (a task that never settles is
    /// an operation started like a timer whose answer never comes).
    pub fn start_kind(&self) -> StartKind {
        match self {
            Behaviour::Timer { .. } | Behaviour::Never => StartKind::Timer,
            Behaviour::Settled(_) => StartKind::Settled,
            Behaviour::Plain(_) => StartKind::Plain,
        }
    }

    /// The outcome shown for this behaviour.
    pub fn outcome_kind(&self) -> OutcomeKind {
        match self.settle() {
            None => OutcomeKind::Never,
            Some(Settle::Fulfil(_)) => OutcomeKind::Fulfil,
            Some(Settle::Reject(_)) => OutcomeKind::Reject,
        }
    }

    /// How it settles, or `None` for a task that never does. A plain value
    /// counts as fulfilled, as every combinator treats it.
    pub fn settle(&self) -> Option<Settle> {
        match self {
            Behaviour::Timer { settle, .. } | Behaviour::Settled(settle) => Some(settle.clone()),
            Behaviour::Plain(v) => Some(Settle::Fulfil(v.clone())),
            Behaviour::Never => None,
        }
    }

    /// The timer delay, for timer tasks.
    pub fn delay_ms(&self) -> Option<u32> {
        match self {
            Behaviour::Timer { delay_ms, .. } => Some(*delay_ms),
            _ => None,
        }
    }
}

/// One asynchronous operation in a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// A name for people; 1 to [`MAX_LABEL_CHARS`] characters, may repeat.
    pub label: String,
    /// What it does.
    pub behaviour: Behaviour,
}

impl Task {
    /// A task that fulfils with `value` after `delay_ms`.
    pub fn fulfil(label: &str, delay_ms: u32, value: Value) -> Self {
        Task {
            label: label.into(),
            behaviour: Behaviour::Timer {
                delay_ms,
                settle: Settle::Fulfil(value),
            },
        }
    }

    /// A task that rejects with `Error(message)` after `delay_ms`.
    pub fn reject(label: &str, delay_ms: u32, message: &str) -> Self {
        Task {
            label: label.into(),
            behaviour: Behaviour::Timer {
                delay_ms,
                settle: Settle::Reject(Value::error(message)),
            },
        }
    }

    /// A task that never settles.
    pub fn never(label: &str) -> Self {
        Task {
            label: label.into(),
            behaviour: Behaviour::Never,
        }
    }

    /// Checks this task, the `index`-th of its scenario, against every limit.
    pub fn validate(&self, index: usize) -> Result<(), TaskError> {
        let fail = |field, rule| TaskError {
            task: index,
            label: self.label.clone(),
            field,
            rule,
        };
        check_label(&self.label).map_err(|rule| fail(Field::Label, rule))?;
        if let Some(delay) = self.behaviour.delay_ms() {
            if delay > MAX_DELAY_MS {
                return Err(fail(Field::Delay, Rule::DelayTooLong { ms: delay as u64 }));
            }
        }
        if let Some(settle) = self.behaviour.settle() {
            check_value(settle.value()).map_err(|rule| fail(Field::Value, rule))?;
        }
        Ok(())
    }
}

/// The timer speed factors on offer: below 1 is slow motion.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 1.5, 2.0];

/// How each of [`SPEEDS`] is written (in links, and on screen with a `×`).
const SPEED_WORDS: [&str; 5] = ["0.25", "0.5", "1", "1.5", "2"];

/// The word for one of [`SPEEDS`]; `None` for any other factor.
pub fn speed_word(speed: f64) -> Option<&'static str> {
    let i = SPEEDS.iter().position(|s| *s == speed)?;
    Some(SPEED_WORDS[i])
}

/// The speed a word names: one of [`SPEEDS`], written as [`speed_word`]
/// writes it, with `1.0`-style spellings and a trailing `x` or `×` allowed.
pub fn speed_from_word(word: &str) -> Option<f64> {
    let word = word.trim();
    let word = word
        .strip_suffix('x')
        .or_else(|| word.strip_suffix('×'))
        .unwrap_or(word);
    let word = word.strip_suffix(".0").unwrap_or(word);
    let i = SPEED_WORDS.iter().position(|w| *w == word)?;
    Some(SPEEDS[i])
}

/// `delay_ms / speed` in whole milliseconds, as timers take them; a speed
/// that is not a positive number leaves the delay as it is.
pub fn scale_delay(delay_ms: u32, speed: f64) -> u32 {
    let scaled = f64::from(delay_ms) / speed;
    if speed > 0.0 && scaled.is_finite() {
        scaled.round().min(f64::from(u32::MAX)) as u32
    } else {
        delay_ms
    }
}

/// Checks a label on its own.
pub fn check_label(label: &str) -> Result<(), Rule> {
    let chars = label.chars().count();
    if label.trim().is_empty() {
        Err(Rule::LabelEmpty)
    } else if chars > MAX_LABEL_CHARS {
        Err(Rule::LabelTooLong { chars })
    } else {
        Ok(())
    }
}

/// Reads a delay as people type it: a whole number of milliseconds.
pub fn parse_delay(text: &str) -> Result<u32, Rule> {
    let text = text.trim();
    let text = text.strip_suffix("ms").unwrap_or(text).trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Rule::DelayNotANumber);
    }
    match text.parse::<u64>() {
        Ok(ms) if ms <= MAX_DELAY_MS as u64 => Ok(ms as u32),
        Ok(ms) => Err(Rule::DelayTooLong { ms }),
        Err(_) => Err(Rule::DelayTooLong { ms: u64::MAX }),
    }
}

/// The key that JavaScript's object literals treat as the prototype, not as
/// a key: `{__proto__: x}` makes an object whose prototype is `x`.
pub const PROTO_KEY: &str = "__proto__";

/// Checks a value against the size limits, and that a task can make it.
pub fn check_value(value: &Value) -> Result<(), Rule> {
    if value.depth() > MAX_VALUE_DEPTH {
        return Err(Rule::ValueTooDeep);
    }
    fn walk(v: &Value) -> Result<(), Rule> {
        match v {
            Value::Error { name, errors, .. }
                if !ERROR_NAMES.contains(&name.as_str()) || errors.is_some() =>
            {
                Err(Rule::OnlyStandardErrors)
            }
            Value::Str(s) | Value::Error { message: s, .. } => {
                let chars = s.chars().count();
                if chars > MAX_STRING_CHARS {
                    Err(Rule::StringTooLong { chars })
                } else {
                    Ok(())
                }
            }
            Value::Array(items) => {
                if items.len() > MAX_VALUE_ITEMS {
                    return Err(Rule::TooManyItems { items: items.len() });
                }
                items.iter().try_for_each(walk)
            }
            Value::Object(fields) => {
                if fields.len() > MAX_VALUE_ITEMS {
                    return Err(Rule::TooManyItems {
                        items: fields.len(),
                    });
                }
                if fields.iter().any(|(key, _)| key == PROTO_KEY) {
                    return Err(Rule::ProtoKey);
                }
                fields.iter().try_for_each(|(_, v)| walk(v))
            }
            _ => Ok(()),
        }
    }
    walk(value)
}

/// Which part of a task broke a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The label.
    Label,
    /// The delay.
    Delay,
    /// The value or reason.
    Value,
}

/// A limit a task or value broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    /// The label is empty or only spaces.
    #[error("the label must not be empty")]
    LabelEmpty,
    /// The label is too long.
    #[error("the label has {chars} characters; at most {MAX_LABEL_CHARS} are allowed")]
    LabelTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The delay is not a whole number.
    #[error("the delay must be a whole number of milliseconds, such as 300")]
    DelayNotANumber,
    /// The delay is too long.
    #[error(
        "the delay must be between 0 and {MAX_DELAY_MS} ms (ten minutes); {ms} ms is too long"
    )]
    DelayTooLong {
        /// The delay asked for.
        ms: u64,
    },
    /// The value nests too deeply.
    #[error("values may nest at most {MAX_VALUE_DEPTH} levels deep")]
    ValueTooDeep,
    /// An array or object is too big.
    #[error("an array or object may hold at most {MAX_VALUE_ITEMS} items; this one has {items}")]
    TooManyItems {
        /// How many it holds.
        items: usize,
    },
    /// A string is too long.
    #[error("a string may have at most {MAX_STRING_CHARS} characters; this one has {chars}")]
    StringTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// An error other than `Error('…')` and the standard errors of
    /// [`ERROR_NAMES`], or one with an `errors` list.
    #[error(
        "a task can only make Error('…'), TypeError('…'), RangeError('…'), SyntaxError('…'), \
         ReferenceError('…'), EvalError('…') or URIError('…')"
    )]
    OnlyStandardErrors,
    /// An object with the key `__proto__`.
    #[error(
        "the key __proto__ would set the object's prototype in JavaScript, not make a key; \
         use another name"
    )]
    ProtoKey,
}

/// A task that broke a limit, named by position and label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("task {} ({:?}): {rule}", .task + 1, .label)]
pub struct TaskError {
    /// The task's index (shown 1-based).
    pub task: usize,
    /// Its label, as written.
    pub label: String,
    /// Which field broke the rule.
    pub field: Field,
    /// The rule.
    pub rule: Rule,
}

/// Why a scenario cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// More than [`MAX_TASKS`] tasks.
    #[error("a scenario may hold at most {MAX_TASKS} tasks; this one has {count}")]
    TooManyTasks {
        /// How many it has.
        count: usize,
    },
    /// One task broke a limit.
    #[error(transparent)]
    Task(#[from] TaskError),
}

/// A set of tasks and the way to combine them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    /// How the tasks are combined.
    pub combinator: Combinator,
    /// The tasks, in input order.
    pub tasks: Vec<Task>,
}

/// How a task is named where people read about it, as the playground's
/// log names it: its label and its number, `user (task 1)`.
pub fn task_name(label: &str, index: usize) -> String {
    format!("{label} (task {})", index + 1)
}

impl Scenario {
    /// A scenario of `tasks` combined by `combinator`.
    pub fn new(combinator: Combinator, tasks: Vec<Task>) -> Self {
        Scenario { combinator, tasks }
    }

    /// Checks every limit; the first broken one is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.tasks.len() > MAX_TASKS {
            return Err(ScenarioError::TooManyTasks {
                count: self.tasks.len(),
            });
        }
        for (i, task) in self.tasks.iter().enumerate() {
            task.validate(i)?;
        }
        Ok(())
    }

    /// The real timer delay for each of the scenario's delays at `speed`.
    /// Distinct delays stay distinct and in order: at 2x, 301 and 302 ms
    /// would both round to 151 ms, and equal timers fire in start order,
    /// which could change who wins a race.
    pub fn real_delays(&self, speed: f64) -> HashMap<u32, u32> {
        let delays: BTreeSet<u32> = self
            .tasks
            .iter()
            .filter_map(|t| t.behaviour.delay_ms())
            .collect();
        let mut previous: Option<u32> = None;
        delays
            .into_iter()
            .map(|delay| {
                let real = scale_delay(delay, speed);
                let real = previous.map_or(real, |p| real.max(p.saturating_add(1)));
                previous = Some(real);
                (delay, real)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_name_the_task_and_the_rule() {
        let long = "x".repeat(41);
        let s = Scenario::new(
            Combinator::All,
            vec![
                Task::fulfil("ok", 10, Value::Null),
                Task::fulfil(&long, 10, Value::Null),
            ],
        );
        let err = s.validate().unwrap_err().to_string();
        assert!(err.starts_with("task 2 (\"xxxx"), "{err}");
        assert!(err.contains("41 characters; at most 40"), "{err}");

        let slow = Scenario::new(
            Combinator::Race,
            vec![Task::fulfil("slow", 600_001, Value::Null)],
        );
        let err = slow.validate().unwrap_err().to_string();
        assert!(
            err.contains("task 1 (\"slow\")") && err.contains("600001 ms is too long"),
            "{err}"
        );

        let many = Scenario::new(Combinator::All, vec![Task::never("n"); MAX_TASKS + 1]);
        assert_eq!(
            many.validate().unwrap_err(),
            ScenarioError::TooManyTasks { count: 10_001 }
        );
        let most = Scenario::new(Combinator::All, vec![Task::never("n"); MAX_TASKS]);
        assert!(most.validate().is_ok());
    }

    #[test]
    fn limits_are_inclusive_and_nothing_is_clamped() {
        assert_eq!(parse_delay("600000"), Ok(600_000));
        assert_eq!(parse_delay("0"), Ok(0));
        assert_eq!(parse_delay(" 250ms "), Ok(250));
        assert_eq!(
            parse_delay("600001"),
            Err(Rule::DelayTooLong { ms: 600_001 })
        );
        assert_eq!(parse_delay("-5"), Err(Rule::DelayNotANumber));
        assert_eq!(parse_delay("1.5"), Err(Rule::DelayNotANumber));
        assert!(matches!(
            parse_delay("99999999999999999999999"),
            Err(Rule::DelayTooLong { .. })
        ));
        assert!(check_label(&"é".repeat(40)).is_ok());
        assert_eq!(check_label(" "), Err(Rule::LabelEmpty));
        assert!(check_label("<script>alert(1)</script>").is_ok());
    }

    #[test]
    fn values_keep_to_their_size_limits() {
        let deep = Value::Array(vec![Value::Array(vec![Value::Array(vec![Value::Array(
            vec![],
        )])])]);
        assert_eq!(check_value(&deep), Err(Rule::ValueTooDeep));
        let wide = Value::Array(vec![Value::Null; 21]);
        assert_eq!(check_value(&wide), Err(Rule::TooManyItems { items: 21 }));
        assert!(check_value(&Value::Array(vec![Value::Null; 20])).is_ok());
    }

    #[test]
    fn values_may_be_any_number_and_any_standard_error() {
        let numbers = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1e308];
        for n in numbers {
            assert_eq!(check_value(&Value::Number(n)), Ok(()), "{n}");
        }
        for name in ERROR_NAMES {
            let error = Value::named_error(name, "x");
            assert_eq!(check_value(&error), Ok(()), "{name}");
        }
        let refused = [
            Value::named_error("AggregateError", "x"),
            Value::named_error("DOMException", "x"),
            Value::named_error("typeerror", "x"),
            Value::aggregate(vec![]),
            Value::Error {
                name: "Error".into(),
                message: "x".into(),
                errors: Some(vec![]),
            },
        ];
        for value in refused {
            assert_eq!(
                check_value(&value),
                Err(Rule::OnlyStandardErrors),
                "{value}"
            );
        }
    }

    #[test]
    fn an_object_may_not_have_the_key_proto() {
        let proto = Value::object([(PROTO_KEY.to_owned(), Value::Null)]);
        assert_eq!(check_value(&proto), Err(Rule::ProtoKey));
        let nested = Value::Array(vec![Value::object([
            ("a".to_owned(), Value::Null),
            (PROTO_KEY.to_owned(), Value::Number(1.0)),
        ])]);
        assert_eq!(check_value(&nested), Err(Rule::ProtoKey));
        assert!(Rule::ProtoKey.to_string().contains("prototype"));
        let fine = Value::object([("proto".to_owned(), Value::Null)]);
        assert_eq!(check_value(&fine), Ok(()));
    }

    #[test]
    fn speeding_up_keeps_distinct_delays_distinct_and_in_order() {
        let s = Scenario::new(
            Combinator::Race,
            vec![
                Task::fulfil("a", 302, Value::Null),
                Task::fulfil("b", 301, Value::Null),
                Task::fulfil("c", 300, Value::Null),
                Task::fulfil("d", 300, Value::Null),
                Task::never("e"),
            ],
        );
        let real = s.real_delays(2.0);
        assert_eq!((real[&300], real[&301], real[&302]), (150, 151, 152));
        assert_eq!(real.len(), 3, "equal delays share one entry");
        let slow = s.real_delays(0.25);
        assert_eq!((slow[&300], slow[&301], slow[&302]), (1200, 1204, 1208));
        assert_eq!(scale_delay(500, 0.0), 500);
        assert_eq!(scale_delay(7, 1.5), 5);
    }

    #[test]
    fn speeds_have_one_word_each_and_read_back() {
        for speed in SPEEDS {
            let word = speed_word(speed).unwrap();
            assert_eq!(speed_from_word(word), Some(speed));
            assert_eq!(speed_from_word(&format!("{word}x")), Some(speed));
        }
        assert_eq!(speed_from_word("2.0"), Some(2.0));
        assert_eq!(speed_from_word(" 0.25× "), Some(0.25));
        assert_eq!(speed_from_word("3"), None);
        assert_eq!(speed_from_word(""), None);
        assert_eq!(speed_word(0.3), None);
    }

    /// `Combinator::ignored` over a settle order, with the tasks in
    /// `rejected` rejecting.
    fn ignored(
        c: Combinator,
        order: &[usize],
        rejected: &[usize],
        result: Option<Settle>,
    ) -> Vec<usize> {
        c.ignored(order, |i| rejected.contains(&i), result.as_ref())
    }

    #[test]
    fn nothing_is_ignored_before_there_is_a_result() {
        for c in Combinator::ALL {
            assert_eq!(
                ignored(c, &[2, 0, 1], &[0], None),
                Vec::<usize>::new(),
                "{c}"
            );
        }
    }

    #[test]
    fn a_result_that_uses_every_outcome_ignores_nothing() {
        let fulfilled = Some(Settle::Fulfil(Value::Null));
        let rejected = Some(Settle::Reject(Value::Null));
        let cases = [
            (Combinator::All, &fulfilled),
            (Combinator::AllSettled, &fulfilled),
            (Combinator::Any, &rejected),
            (Combinator::Sequential, &fulfilled),
            (Combinator::ParallelAwait, &fulfilled),
        ];
        for (c, result) in cases {
            assert!(
                ignored(c, &[1, 0, 2], &[1], result.clone()).is_empty(),
                "{c}"
            );
        }
    }

    #[test]
    fn a_result_from_one_outcome_ignores_every_other_settled_task() {
        let reject = || Some(Settle::Reject(Value::Null));
        let fulfil = || Some(Settle::Fulfil(Value::Null));
        // all: the first rejection in time, not in the array.
        assert_eq!(
            ignored(Combinator::All, &[3, 2, 0], &[2, 0], reject()),
            [3, 0]
        );
        // race: the first to settle, either way.
        assert_eq!(
            ignored(Combinator::Race, &[1, 2, 3, 0], &[1], reject()),
            [2, 3, 0]
        );
        assert_eq!(ignored(Combinator::Race, &[0, 1], &[1], fulfil()), [1]);
        // any: the first fulfilment; the rejections before it were not used.
        assert_eq!(
            ignored(Combinator::Any, &[0, 2, 1, 3], &[0, 3], fulfil()),
            [0, 1, 3]
        );
    }

    #[test]
    fn a_loop_that_throws_ignores_the_tasks_after_the_one_it_threw_at() {
        let reject = Some(Settle::Reject(Value::Null));
        // Tasks 1 and 3 reject; the loop throws at 1, the first in the array,
        // after using 0. Task 2 settled before the throw and is ignored too.
        for c in [Combinator::ParallelAwait, Combinator::Sequential] {
            assert_eq!(
                ignored(c, &[2, 1, 0, 3], &[1, 3], reject.clone()),
                [2, 3],
                "{c}"
            );
        }
    }

    #[test]
    fn start_and_outcome_kinds_describe_each_behaviour() {
        let t = Task::reject("a", 5, "x");
        assert_eq!(t.behaviour.start_kind(), StartKind::Timer);
        assert_eq!(t.behaviour.outcome_kind(), OutcomeKind::Reject);
        let p = Behaviour::Plain(Value::Number(1.0));
        assert_eq!(
            (p.start_kind(), p.outcome_kind()),
            (StartKind::Plain, OutcomeKind::Fulfil)
        );
        assert_eq!(Behaviour::Never.outcome_kind(), OutcomeKind::Never);
    }
}
