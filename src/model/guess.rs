//! Predict, then run: what a learner commits to before a run (how the
//! combinator settles, with what, which task decides it and roughly when),
//! the facts of a run to hold it against, and a score with one sentence for
//! each miss, built from the rules and from what really happened.

use super::predict::Prediction;
use super::run::RunRecord;
use super::scenario::{task_name, Combinator, Scenario, Settle};
use super::value::Value;

/// How the combinator (or loop) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It fulfils.
    Fulfils,
    /// It rejects.
    Rejects,
    /// It never settles.
    Never,
}

impl Ending {
    /// Every ending, in the order they are offered.
    pub const ALL: [Ending; 3] = [Ending::Fulfils, Ending::Rejects, Ending::Never];

    /// The words for it.
    pub fn words(self) -> &'static str {
        match self {
            Ending::Fulfils => "fulfils",
            Ending::Rejects => "rejects",
            Ending::Never => "never settles",
        }
    }

    /// A short word for ids and storage.
    pub fn keyword(self) -> &'static str {
        match self {
            Ending::Fulfils => "fulfils",
            Ending::Rejects => "rejects",
            Ending::Never => "never",
        }
    }

    fn of(settle: Option<&Settle>) -> Ending {
        match settle {
            Some(Settle::Fulfil(_)) => Ending::Fulfils,
            Some(Settle::Reject(_)) => Ending::Rejects,
            None => Ending::Never,
        }
    }
}

/// A value or reason the learner may pick: made from the tasks, never typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// How the choice is put.
    pub words: String,
    /// The value it stands for.
    pub value: Value,
}

/// What a learner predicts. Parts left out are not scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guess {
    /// How it ends.
    pub ending: Option<Ending>,
    /// Which of [`choices`] it gives.
    pub value: Option<usize>,
    /// Which task decides it (by index).
    pub decider: Option<usize>,
    /// Roughly when it settles, in the scenario's ms.
    pub at_ms: Option<u32>,
}

impl Guess {
    /// The guess as it is committed: what never settles has no value,
    /// decider or time to score, so those parts are dropped.
    pub fn committed(self) -> Guess {
        match self.ending {
            Some(Ending::Never) => Guess {
                ending: self.ending,
                ..Guess::default()
            },
            _ => self,
        }
    }
}

/// What happened, as far as a guess is concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// How the combinator settled, if it did.
    pub settle: Option<Settle>,
    /// When, in the scenario's ms.
    pub at_ms: Option<f64>,
    /// The task whose settling let the combinator settle.
    pub decider: Option<usize>,
    /// When each task settled, in the scenario's ms.
    pub settled_at: Vec<Option<f64>>,
}

impl Facts {
    /// The facts of a real run.
    pub fn of_run(run: &RunRecord) -> Facts {
        let settled_at: Vec<Option<f64>> = run
            .tasks
            .iter()
            .map(|t| t.settled.as_ref().map(|(at, _)| run.shown_ms(*at)))
            .collect();
        let result = run.result.as_ref();
        Facts {
            settle: result.map(|r| r.settle.clone()),
            at_ms: result.map(|r| run.shown_ms(r.at_ms)),
            decider: decider(
                &run.settle_order,
                &run.ignored(),
                result.map(|r| r.at_ms),
                |i| run.tasks[i].settled.as_ref().map(|(at, _)| *at),
            ),
            settled_at,
        }
    }

    /// The facts the spec model predicts for `scenario`.
    pub fn of_prediction(p: &Prediction) -> Facts {
        let result = p.result.as_ref();
        let at = |i: usize| p.settled_at[i].map(|t| t as f64);
        Facts {
            settle: result.map(|r| r.settle.clone()),
            at_ms: result.map(|r| r.at_ms as f64),
            decider: decider(
                &p.settle_order,
                &p.ignored,
                result.map(|r| r.at_ms as f64),
                at,
            ),
            settled_at: (0..p.settled_at.len()).map(at).collect(),
        }
    }

    fn ending(&self) -> Ending {
        Ending::of(self.settle.as_ref())
    }
}

/// The task that decided a result: of the tasks whose outcome the
/// combinator used, the last to settle by the time it settled. For a race
/// that is the winner; for `all` that rejects, the first rejection; for
/// `all` that fulfils, the slowest task.
fn decider(
    order: &[usize],
    ignored: &[usize],
    result_at: Option<f64>,
    settled_at: impl Fn(usize) -> Option<f64>,
) -> Option<usize> {
    let until = result_at?;
    order
        .iter()
        .copied()
        .filter(|i| !ignored.contains(i))
        .filter(|&i| settled_at(i).is_some_and(|t| t <= until))
        .last()
}

/// The values and reasons a learner may pick for `scenario`: each task's
/// own, and the shapes the combinators build from them (every value in
/// input order, in settle order, allSettled's records, any's
/// `AggregateError`). `settle_order` is the predicted order, for the
/// tempting wrong answer. No two choices are equal.
pub fn choices(scenario: &Scenario, settle_order: &[usize]) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    let mut add = |words: String, value: Value| {
        if !out.iter().any(|c| c.value == value) {
            out.push(Choice { words, value });
        }
    };
    let settles: Vec<Option<Settle>> = scenario
        .tasks
        .iter()
        .map(|t| t.behaviour.settle())
        .collect();
    let values: Vec<Value> = settles
        .iter()
        .flatten()
        .filter(|s| !s.is_reject())
        .map(|s| s.value().clone())
        .collect();
    let all_settle = settles.iter().all(Option::is_some);
    if all_settle && values.len() == scenario.tasks.len() {
        add(
            "every task's value, in the order of the tasks".into(),
            Value::Array(values),
        );
        let by_time: Vec<Value> = settle_order
            .iter()
            .filter_map(|&i| settles.get(i).cloned().flatten())
            .map(|s| s.value().clone())
            .collect();
        if by_time.len() == scenario.tasks.len() {
            add(
                "every task's value, in the order they settled".into(),
                Value::Array(by_time),
            );
        }
    }
    if all_settle {
        let records = settles
            .iter()
            .flatten()
            .map(|s| match s {
                Settle::Fulfil(v) => Value::fulfilled_record(v.clone()),
                Settle::Reject(r) => Value::rejected_record(r.clone()),
            })
            .collect();
        add(
            "a record of every task's outcome".into(),
            Value::Array(records),
        );
        let reasons: Vec<Value> = settles
            .iter()
            .flatten()
            .filter(|s| s.is_reject())
            .map(|s| s.value().clone())
            .collect();
        if reasons.len() == scenario.tasks.len() {
            add(
                "an AggregateError of every reason".into(),
                Value::aggregate(reasons),
            );
        }
    }
    for (i, (task, settle)) in scenario.tasks.iter().zip(&settles).enumerate() {
        if let Some(settle) = settle {
            let what = if settle.is_reject() {
                "reason"
            } else {
                "value"
            };
            add(
                // The label is isolated: it may be written right to left.
                format!("\u{2068}{}\u{2069}'s {what} (task {})", task.label, i + 1),
                settle.value().clone(),
            );
        }
    }
    if scenario.tasks.is_empty() {
        add("an empty array".into(), Value::Array(Vec::new()));
        add(
            "an AggregateError with no reasons".into(),
            Value::aggregate(Vec::new()),
        );
    }
    out
}

/// One part of a guess, scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Which part: "outcome", "value", "decider" or "time".
    pub part: &'static str,
    /// Whether the guess was right.
    pub right: bool,
    /// What happened, in one sentence (the explanation when it was missed).
    pub words: String,
}

/// How close a guessed time must be: within 50 ms or a fifth of the real
/// time, whichever is more.
pub fn close_enough(guess: f64, real: f64) -> bool {
    (guess - real).abs() <= (real * 0.2).max(50.0)
}

fn name(scenario: &Scenario, i: usize) -> String {
    match scenario.tasks.get(i) {
        Some(t) => task_name(&t.label, i),
        None => format!("task {}", i + 1),
    }
}

fn ms(t: f64) -> String {
    format!("{} ms", t.round() as i64)
}

/// Why `facts` ended as they did, in one sentence built from the rules of
/// the combinator and the run.
fn why_ending(scenario: &Scenario, facts: &Facts) -> String {
    let c = scenario.combinator;
    let title = c.title();
    let who = facts.decider.map(|i| name(scenario, i));
    let at = facts.at_ms.map(ms).unwrap_or_default();
    let first_never = scenario
        .tasks
        .iter()
        .position(|t| t.behaviour.settle().is_none())
        .map(|i| name(scenario, i));
    match (c, facts.ending(), who) {
        (_, Ending::Never, _) if scenario.tasks.is_empty() => {
            format!("{title} of no tasks has nothing that could ever settle it, so it waits for ever.")
        }
        (Combinator::Race, Ending::Never, _) | (Combinator::Any, Ending::Never, _) => format!(
            "{title} waits for a task to {}, and none ever did.",
            if c == Combinator::Race { "settle" } else { "fulfil" }
        ),
        (_, Ending::Never, _) => match first_never {
            Some(never) => format!("{title} was still waiting for {never}, which never settles."),
            None => format!("{title} never settled."),
        },
        (_, _, None) if scenario.tasks.is_empty() => match c {
            Combinator::Any => format!("{title} of no tasks rejects at once with an AggregateError: no task can fulfil."),
            _ => format!("{title} of no tasks fulfils at once with an empty array: there is nothing to wait for."),
        },
        (Combinator::All, Ending::Rejects, Some(w)) => {
            format!("{title} rejects as soon as one task rejects: {w} rejected at {at}.")
        }
        (Combinator::All, Ending::Fulfils, Some(w)) => {
            format!("{title} fulfils once every task has: the last was {w}, at {at}.")
        }
        (Combinator::AllSettled, _, Some(w)) => format!(
            "{title} never rejects: it waits for every task, the last being {w} at {at}, and describes each."
        ),
        (Combinator::Race, e, Some(w)) => format!(
            "{title} takes the first task to settle, fulfilled or rejected: {w} {} first, at {at}.",
            if e == Ending::Rejects { "rejected" } else { "fulfilled" }
        ),
        (Combinator::Any, Ending::Fulfils, Some(w)) => format!(
            "{title} passes over rejections until one task fulfils: {w} fulfilled at {at}."
        ),
        (Combinator::Any, Ending::Rejects, Some(_)) => format!(
            "{title} rejects only when every task has rejected, with an AggregateError of their reasons, at {at}."
        ),
        (Combinator::Sequential | Combinator::ParallelAwait, Ending::Rejects, Some(w)) => format!(
            "The loop throws at the first rejection it awaits, in the order of the tasks; it got there when {w} settled, at {at}."
        ),
        (Combinator::Sequential, Ending::Fulfils, Some(_)) => format!(
            "{title} starts each task only after the one before, so it fulfilled at {at}: the sum of the delays."
        ),
        (Combinator::ParallelAwait, Ending::Fulfils, Some(w)) => format!(
            "{title} fulfils once it has awaited every task in turn; the last to be waited for was {w}, at {at}."
        ),
        (_, _, _) => format!("{title} settled at {at}."),
    }
}

/// The part of a value choice that went wrong, when it is a known mistake.
fn why_value(scenario: &Scenario, guessed: &Choice, real: &Settle) -> String {
    let rejected = real.is_reject();
    let gave = format!(
        "It {} {}",
        if rejected {
            "rejected with"
        } else {
            "fulfilled with"
        },
        real.value().inspect()
    );
    if guessed.words.contains("order they settled") {
        return format!(
            "{gave}: results keep the order of the tasks, not the order they settled in."
        );
    }
    let why = match (scenario.combinator, rejected) {
        (Combinator::AllSettled, _) => "allSettled describes every task with a record, whatever happened",
        (Combinator::Race, _) => "race takes the outcome of the first task to settle",
        (Combinator::Any, false) => "any takes the value of the first task to fulfil",
        (Combinator::Any, true) => {
            "when every task rejects, any rejects with an AggregateError of all the reasons, in the order of the tasks"
        }
        (Combinator::All, true) => "all rejects with the reason of the first task to reject",
        (Combinator::All, false) => "all gives every value, in the order of the tasks",
        (Combinator::Sequential | Combinator::ParallelAwait, true) => {
            "the loop throws the first rejection it reaches"
        }
        (Combinator::Sequential | Combinator::ParallelAwait, false) => {
            "the loop collects every value, in the order of the tasks"
        }
    };
    format!("{gave}: {why}.")
}

/// Scores `guess` against `facts`, with `choices` the value choices it was
/// made from. Only the parts guessed are scored.
pub fn score(scenario: &Scenario, guess: &Guess, choices: &[Choice], facts: &Facts) -> Vec<Mark> {
    let mut marks = Vec::new();
    let ending = facts.ending();
    if let Some(g) = guess.ending {
        let right = g == ending;
        let head = if right {
            format!("Right: it {}.", ending.words())
        } else {
            format!("It {}, not {}.", ending.words(), g.words())
        };
        marks.push(Mark {
            part: "outcome",
            right,
            words: format!("{head} {}", why_ending(scenario, facts)),
        });
    }
    if let Some(g) = guess.value.and_then(|k| choices.get(k)) {
        let real = facts.settle.as_ref();
        let right = real.map(Settle::value) == Some(&g.value);
        let words = match real {
            None => "It never settled, so it gave nothing.".to_string(),
            Some(_) if right => format!("Right: {}.", g.words),
            Some(real) => why_value(scenario, g, real),
        };
        marks.push(Mark {
            part: "value",
            right,
            words,
        });
    }
    if let Some(g) = guess.decider {
        let right = facts.decider == Some(g);
        let words = match facts.decider {
            None => "No task decided it: it never settled.".to_string(),
            Some(d) if right => format!("Right: {} decided it.", name(scenario, d)),
            Some(d) => {
                let when = facts
                    .settled_at
                    .get(d)
                    .copied()
                    .flatten()
                    .map(ms)
                    .unwrap_or_default();
                let yours = match facts.settled_at.get(g).copied().flatten() {
                    Some(t) => format!("; {} settled at {}", name(scenario, g), ms(t)),
                    None => format!("; {} never settled", name(scenario, g)),
                };
                format!(
                    "{} decided it, settling at {when}{yours}.",
                    name(scenario, d)
                )
            }
        };
        marks.push(Mark {
            part: "decider",
            right,
            words,
        });
    }
    if let Some(g) = guess.at_ms {
        let g = f64::from(g);
        let (right, words) = match facts.at_ms {
            None => (
                false,
                "It never settled, so there was no time to guess.".to_string(),
            ),
            Some(real) if close_enough(g, real) => (
                true,
                format!("Right: it settled at {}, close to {}.", ms(real), ms(g)),
            ),
            Some(real) => {
                let hint = match scenario.combinator {
                    Combinator::Sequential => ": a loop that awaits each task before starting the next takes the sum of the delays",
                    Combinator::All | Combinator::AllSettled if ending == Ending::Fulfils => {
                        ": tasks started together take as long as the slowest, not the sum"
                    }
                    _ => "",
                };
                (
                    false,
                    format!("It settled at {}, not about {}{hint}.", ms(real), ms(g)),
                )
            }
        };
        marks.push(Mark {
            part: "time",
            right,
            words,
        });
    }
    marks
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::predict::predict;
    use crate::model::text;

    fn facts(text_form: &str) -> (Scenario, Facts, Vec<Choice>) {
        let scenario = text::parse(text_form).unwrap();
        let p = predict(&scenario);
        let choices = choices(&scenario, &p.settle_order);
        (scenario, Facts::of_prediction(&p), choices)
    }

    fn pick(choices: &[Choice], words: &str) -> usize {
        choices
            .iter()
            .position(|c| c.words.starts_with(words))
            .unwrap_or_else(|| panic!("no choice {words}: {choices:?}"))
    }

    #[test]
    fn a_right_guess_scores_every_part() {
        let (s, f, c) = facts("v1 all\nuser 300ms ok 'Ada'\nposts 450ms ok 1\nprefs 200ms ok 2");
        let guess = Guess {
            ending: Some(Ending::Fulfils),
            value: Some(pick(&c, "every task's value, in the order of the tasks")),
            decider: Some(1),
            at_ms: Some(430),
        };
        let marks = score(&s, &guess, &c, &f);
        assert_eq!(marks.len(), 4);
        assert!(marks.iter().all(|m| m.right), "{marks:?}");
    }

    #[test]
    fn the_usual_mistakes_are_explained() {
        let (s, f, c) = facts("v1 all\nuser 300ms ok 'Ada'\nposts 450ms ok 1\nprefs 200ms ok 2");
        let guess = Guess {
            ending: Some(Ending::Fulfils),
            value: Some(pick(&c, "every task's value, in the order they settled")),
            decider: Some(2),
            at_ms: Some(950),
        };
        let marks = score(&s, &guess, &c, &f);
        let words: Vec<&str> = marks.iter().map(|m| m.words.as_str()).collect();
        assert!(
            !marks[1].right && words[1].contains("not the order they settled in"),
            "{words:?}"
        );
        assert!(
            !marks[2].right
                && words[2].starts_with("posts (task 2) decided it, settling at 450 ms"),
            "{words:?}"
        );
        assert!(
            !marks[3].right && words[3].contains("as long as the slowest"),
            "{words:?}"
        );
    }

    #[test]
    fn any_passes_over_rejections() {
        let (s, f, c) =
            facts("v1 any\neu 150ms err Error('down')\nus 450ms ok 'us'\nasia 350ms ok 'asia'");
        let guess = Guess {
            ending: Some(Ending::Rejects),
            value: Some(pick(&c, "\u{2068}eu\u{2069}'s reason")),
            decider: Some(0),
            at_ms: Some(150),
        };
        let marks = score(&s, &guess, &c, &f);
        assert!(marks.iter().all(|m| !m.right), "{marks:?}");
        assert!(
            marks[0].words.contains(
                "passes over rejections until one task fulfils: asia (task 3) fulfilled at 350 ms"
            ),
            "{}",
            marks[0].words
        );
    }

    #[test]
    fn the_decider_is_the_task_whose_outcome_was_used_last() {
        // A race over settled inputs is won by the first in the array.
        let (_, f, _) =
            facts("v1 race\ntimer 0ms ok 1\nfailed now err Error('x')\ncached now ok 2");
        assert_eq!(f.decider, Some(1));
        // all that rejects: the first rejection.
        let (_, f, _) =
            facts("v1 all\na 300ms ok 1\nb 100ms err Error('b')\nc 200ms err Error('c')");
        assert_eq!(f.decider, Some(1));
        // A loop awaiting in order: the task it waited on last.
        let (_, f, _) = facts("v1 parallel-await\nslow 600ms ok 1\nfails 100ms err Error('boom')");
        assert_eq!(f.decider, Some(0));
        // Never settles: nobody.
        let (_, f, _) = facts("v1 all\na 10ms ok 1\nb never");
        assert_eq!(f.decider, None);
    }

    #[test]
    fn choices_hold_every_shape_once_and_the_real_result_is_among_them() {
        for preset in crate::model::presets::PRESETS {
            let scenario = preset.scenario();
            let p = predict(&scenario);
            let c = choices(&scenario, &p.settle_order);
            for (i, a) in c.iter().enumerate() {
                assert!(
                    c[i + 1..].iter().all(|b| b.value != a.value),
                    "{}: duplicate {a:?}",
                    preset.id
                );
            }
            if let Some(result) = &p.result {
                assert!(
                    c.iter().any(|x| &x.value == result.settle.value()),
                    "{}: the result {:?} is not among {c:?}",
                    preset.id,
                    result.settle
                );
            }
        }
    }

    #[test]
    fn times_are_close_within_a_fifth_or_fifty_ms() {
        assert!(close_enough(430.0, 451.0));
        assert!(close_enough(0.0, 40.0));
        assert!(!close_enough(950.0, 451.0));
        assert!(close_enough(800.0, 951.0));
    }
}
