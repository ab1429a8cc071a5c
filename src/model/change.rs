//! What changed between two scenarios, in a few words: the timeline says it
//! when the tasks on screen are no longer the ones of the latest run.

use super::scenario::{Behaviour, Scenario, Settle, Task};

/// How `now` differs from `before`, as a phrase that completes "Since the
/// last run, …": "the combinator is now Promise.race (it was Promise.all)",
/// "task 2's delay is now 300 ms (it was 450 ms)", "a task was added". The
/// first difference is named; more are counted. `None` when they are equal.
pub fn describe(before: &Scenario, now: &Scenario) -> Option<String> {
    let mut changes = Vec::new();
    if before.combinator != now.combinator {
        changes.push(format!(
            "the combinator is now {} (it was {})",
            now.combinator.title(),
            before.combinator.title()
        ));
    }
    let (old, new) = (before.tasks.len(), now.tasks.len());
    for (i, (a, b)) in before.tasks.iter().zip(&now.tasks).enumerate() {
        if let Some(what) = task_change(a, b) {
            changes.push(format!("task {}{what}", i + 1));
        }
    }
    match new.cmp(&old) {
        std::cmp::Ordering::Greater => changes.push(count(new - old, "was added", "were added")),
        std::cmp::Ordering::Less => changes.push(count(old - new, "was removed", "were removed")),
        std::cmp::Ordering::Equal => {}
    }
    let first = changes.first()?.clone();
    Some(match changes.len() {
        1 => first,
        2 => format!("{first}, and one more change"),
        n => format!("{first}, and {} more changes", n - 1),
    })
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("a task {one}")
    } else {
        format!("{n} tasks {many}")
    }
}

/// How task `b` differs from `a`, as the rest of a phrase after "task N".
fn task_change(a: &Task, b: &Task) -> Option<String> {
    if a.label != b.label {
        return Some(format!(" is now called {} (it was {})", b.label, a.label));
    }
    let (x, y) = (&a.behaviour, &b.behaviour);
    if let (Some(d1), Some(d2)) = (x.delay_ms(), y.delay_ms()) {
        if d1 != d2 {
            return Some(format!("'s delay is now {d2} ms (it was {d1} ms)"));
        }
    }
    if x.outcome_kind() != y.outcome_kind() || x.start_kind() != y.start_kind() {
        return Some(format!(" now {} (before: {})", how(y), how(x)));
    }
    match (x.settle(), y.settle()) {
        (Some(s1), Some(s2)) if s1 != s2 => {
            let noun = if s2.is_reject() { "reason" } else { "value" };
            Some(format!("'s {noun} is now {}", s2.value().inspect()))
        }
        _ => None,
    }
}

/// How a task behaves, in a few words: "fulfils after a timer".
fn how(b: &Behaviour) -> &'static str {
    match b {
        Behaviour::Timer {
            settle: Settle::Reject(_),
            ..
        } => "rejects after a timer",
        Behaviour::Timer { .. } => "fulfils after a timer",
        Behaviour::Settled(Settle::Reject(_)) => "is already rejected",
        Behaviour::Settled(_) => "is already fulfilled",
        Behaviour::Plain(_) => "is a plain value",
        Behaviour::Never => "never settles",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::parse;

    fn change(a: &str, b: &str) -> Option<String> {
        describe(&parse(a).unwrap(), &parse(b).unwrap())
    }

    #[test]
    fn the_first_change_is_named_and_the_rest_counted() {
        assert_eq!(change("v1 all; a 5ms ok 1", "v1 all; a 5ms ok 1"), None);
        assert_eq!(
            change("v1 all; a 5ms ok 1", "v1 race; a 5ms ok 1").as_deref(),
            Some("the combinator is now Promise.race (it was Promise.all)")
        );
        assert_eq!(
            change(
                "v1 all; a 5ms ok 1; b 450ms ok 2",
                "v1 all; a 5ms ok 1; b 300ms ok 2"
            )
            .as_deref(),
            Some("task 2's delay is now 300 ms (it was 450 ms)")
        );
        assert_eq!(
            change("v1 all; a 5ms ok 1", "v1 all; a 5ms err 1").as_deref(),
            Some("task 1 now rejects after a timer (before: fulfils after a timer)")
        );
        assert_eq!(
            change("v1 all; a 5ms ok 1", "v1 all; a 5ms ok 'x'").as_deref(),
            Some("task 1's value is now 'x'")
        );
        assert_eq!(
            change("v1 all; a 5ms ok 1", "v1 any; b 5ms ok 1; c never").as_deref(),
            Some("the combinator is now Promise.any (it was Promise.all), and 2 more changes")
        );
        assert_eq!(
            change("v1 all; a 5ms ok 1; b never", "v1 all; a 5ms ok 1").as_deref(),
            Some("a task was removed")
        );
    }
}
