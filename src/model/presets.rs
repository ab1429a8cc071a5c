//! Ready-made scenarios: everyday situations each combinator is for, and the
//! edge cases that surprise people. Each names what to notice when it runs.

use super::scenario::Scenario;
use super::text;

/// Which shelf a preset sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// Situations from real applications.
    RealWorld,
    /// Corners of the rules.
    EdgeCase,
}

/// A ready-made scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// A stable name, for links and tests.
    pub id: &'static str,
    /// Which shelf it sits on.
    pub shelf: Shelf,
    /// A short title.
    pub title: &'static str,
    /// The scenario, in the text form.
    pub text: &'static str,
    /// One sentence: what to notice when it runs. Names from the code (a
    /// task's label, a combinator) go in backticks, and show as code.
    pub notice: &'static str,
}

impl Preset {
    /// The scenario. Every preset parses (a host test checks them all).
    pub fn scenario(&self) -> Scenario {
        text::parse(self.text).unwrap_or_default()
    }

    /// The preset with this id.
    pub fn find(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }
}

/// Every preset, real-world ones first.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "page-load",
        shelf: Shelf::RealWorld,
        title: "A page that needs user, posts and prefs",
        text: "v1 all\nuser 300ms ok {name: 'Ada'}\nposts 450ms ok ['Hello', 'Promises']\nprefs 200ms ok {theme: 'dark'}",
        notice: "The page is ready at 450 ms, the slowest request, not 950 ms, the sum; and the values come back in the order they were asked for, not the order they arrived.",
    },
    Preset {
        id: "fail-fast",
        shelf: Shelf::RealWorld,
        title: "One request fails: all gives up at once",
        text: "v1 all\nuser 300ms ok {name: 'Ada'}\nposts 150ms err Error('500 Internal Server Error')\nprefs 500ms ok {theme: 'dark'}",
        notice: "`Promise.all` rejects at 150 ms with the first error, yet `user` and `prefs` keep running to the end: nothing cancels them, their results are simply ignored.",
    },
    Preset {
        id: "dashboard",
        shelf: Shelf::RealWorld,
        title: "A dashboard of independent widgets",
        text: "v1 allSettled\nweather 250ms ok {temp: 21}\nnews 400ms err Error('503 Service Unavailable')\nstocks 150ms ok [101.5, 99.2]\nsports 320ms ok 'Final: 2-1'",
        notice: "The `news` widget fails and the other three still get their data: `allSettled` waits for every widget and hands back one record each, so the page can show an error card for `news` alone.",
    },
    Preset {
        id: "timeout",
        shelf: Shelf::RealWorld,
        title: "Fetch with a timeout",
        text: "v1 race\nrequest 800ms ok 'data'\ntimeout 500ms err Error('Request timed out')",
        notice: "The `timeout` settles first, so the race rejects at 500 ms; the `request` still completes at 800 ms, unobserved. A real fetch needs an `AbortController` to actually stop.",
    },
    Preset {
        id: "mirrors",
        shelf: Shelf::RealWorld,
        title: "First working mirror",
        text: "v1 any\neu 150ms err Error('ECONNREFUSED')\nus 450ms ok 'us.example'\nasia 350ms ok 'asia.example'",
        notice: "The fastest mirror fails, and `any` simply waits for the first success (`asia`, at 350 ms); `race` would have rejected at 150 ms instead.",
    },
    Preset {
        id: "dependent",
        shelf: Shelf::RealWorld,
        title: "Dependent steps, one after another",
        text: "v1 sequential\nlogin 200ms ok 'token-42'\nprofile 300ms ok {name: 'Ada'}\navatar 250ms ok 'ada.png'",
        notice: "Each step starts only when the one before it is done, so the total is the sum, 750 ms: right when each step needs the last one's result, a needless slowdown when they are independent.",
    },
    Preset {
        id: "loop-too-slow",
        shelf: Shelf::RealWorld,
        title: "Independent requests awaited in a loop",
        text: "v1 sequential\nuser 300ms ok 'user'\nposts 450ms ok 'posts'\nprefs 200ms ok 'prefs'",
        notice: "These requests do not depend on each other, yet the loop runs them one at a time: 950 ms. Switch to `Promise.all` and the same work takes 450 ms.",
    },
    Preset {
        id: "empty-all",
        shelf: Shelf::EdgeCase,
        title: "Promise.all([])",
        text: "v1 all",
        notice: "With nothing to wait for, `all` fulfils at once with an empty array.",
    },
    Preset {
        id: "empty-all-settled",
        shelf: Shelf::EdgeCase,
        title: "Promise.allSettled([])",
        text: "v1 allSettled",
        notice: "`allSettled` of nothing fulfils at once with an empty array, like `all`.",
    },
    Preset {
        id: "empty-race",
        shelf: Shelf::EdgeCase,
        title: "Promise.race([])",
        text: "v1 race",
        notice: "A race with no runners has no winner: it stays pending for ever.",
    },
    Preset {
        id: "empty-any",
        shelf: Shelf::EdgeCase,
        title: "Promise.any([])",
        text: "v1 any",
        notice: "`any` of nothing rejects at once: no input can ever fulfil, so it gives an `AggregateError` whose `errors` list is empty.",
    },
    Preset {
        id: "empty-sequential",
        shelf: Shelf::EdgeCase,
        title: "await in a loop over nothing",
        text: "v1 sequential",
        notice: "A loop over an empty list never awaits anything: it finishes at once with an empty array, like `Promise.all([])`.",
    },
    Preset {
        id: "empty-parallel-await",
        shelf: Shelf::EdgeCase,
        title: "start all, then await each, over nothing",
        text: "v1 parallel-await",
        notice: "Nothing to start and nothing to await: the loop finishes at once with an empty array.",
    },
    Preset {
        id: "any-all-rejected",
        shelf: Shelf::EdgeCase,
        title: "Every input rejects under any",
        text: "v1 any\nprimary 300ms err Error('primary down')\nbackup 100ms err Error('backup down')\ncache 200ms err Error('cache empty')",
        notice: "The `AggregateError` arrives after the last rejection, and its `errors` follow the input order (`primary`, `backup`, `cache`), not the order they failed.",
    },
    Preset {
        id: "race-never",
        shelf: Shelf::EdgeCase,
        title: "A task that never settles, under race",
        text: "v1 race\nhung never\nreply 300ms ok 'reply'",
        notice: "`race` only needs one input to settle, so the `hung` task does not matter: `reply` wins at 300 ms while `hung` stays pending.",
    },
    Preset {
        id: "all-never",
        shelf: Shelf::EdgeCase,
        title: "A task that never settles, under all",
        text: "v1 all\nuser 200ms ok 'Ada'\nhung never\nprefs 300ms ok 'dark'",
        notice: "`all` needs every input, and one never answers, so `all` itself never settles: the classic reason to add a timeout with `race`.",
    },
    Preset {
        id: "already-settled",
        shelf: Shelf::EdgeCase,
        title: "Already-settled promises and plain values",
        text: "v1 race\ntimer 0ms ok 'timer'\nfailed now err Error('already failed')\ncached now ok 'cached'\nanswer plain 42",
        notice: "Settled promises and plain values beat even a 0 ms timer, and among them the first in the array wins, so this race rejects with `'already failed'`.",
    },
    Preset {
        id: "equal-delays",
        shelf: Shelf::EdgeCase,
        title: "Equal delays",
        text: "v1 race\nfirst 300ms ok 'first'\nsecond 300ms ok 'second'\nthird 300ms ok 'third'",
        notice: "Timers with the same delay fire in the order they were started, so the first in the array wins every time.",
    },
    Preset {
        id: "unhandled",
        shelf: Shelf::EdgeCase,
        title: "Start all, then await each: an unhandled rejection",
        text: "v1 parallel-await\nslow 600ms ok 'slow'\nfails 100ms err Error('boom')",
        notice: "`fails` rejects at 100 ms while the loop is still awaiting `slow`, so the browser reports an unhandled rejection; at 600 ms the loop reaches it and the browser reports it handled late. `Promise.all` would have attached a handler at once.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::predict::predict;
    use crate::model::{Combinator, Settle, Value};

    #[test]
    fn every_preset_parses_and_ids_are_unique() {
        for (i, p) in PRESETS.iter().enumerate() {
            assert!(
                text::parse(p.text).is_ok(),
                "{}: {:?}",
                p.id,
                text::parse(p.text)
            );
            assert!(PRESETS[..i].iter().all(|q| q.id != p.id), "{} twice", p.id);
            assert_eq!(Preset::find(p.id), Some(p));
        }
    }

    #[test]
    fn every_combinator_has_an_empty_input_preset() {
        for c in [
            Combinator::All,
            Combinator::AllSettled,
            Combinator::Race,
            Combinator::Any,
        ] {
            assert!(
                PRESETS.iter().any(|p| p.shelf == Shelf::EdgeCase
                    && p.scenario() == Scenario::new(c, vec![])),
                "{c}"
            );
        }
    }

    /// The sentences promise outcomes; the spec model checks the promises.
    #[test]
    fn what_each_preset_says_to_notice_is_what_happens() {
        let outcome = |id: &str| {
            let p = predict(&Preset::find(id).unwrap().scenario());
            (
                p.result.map(|r| (r.at_ms, r.settle)),
                p.unhandled,
                p.handled_late,
            )
        };
        let (result, ..) = outcome("page-load");
        assert_eq!(result.unwrap().0, 450);
        let (result, ..) = outcome("fail-fast");
        assert_eq!(
            result,
            Some((
                150,
                Settle::Reject(Value::error("500 Internal Server Error"))
            ))
        );
        let (result, ..) = outcome("timeout");
        assert_eq!(result.unwrap().0, 500);
        let (result, ..) = outcome("mirrors");
        assert_eq!(
            result,
            Some((350, Settle::Fulfil(Value::str("asia.example"))))
        );
        assert_eq!(outcome("dependent").0.unwrap().0, 750);
        assert_eq!(outcome("loop-too-slow").0.unwrap().0, 950);
        assert_eq!(outcome("empty-race").0, None);
        let nothing = Some((0, Settle::Fulfil(Value::Array(vec![]))));
        assert_eq!(outcome("empty-sequential").0, nothing);
        assert_eq!(outcome("empty-parallel-await").0, nothing);
        assert_eq!(
            outcome("empty-any").0,
            Some((0, Settle::Reject(Value::aggregate(vec![]))))
        );
        let (result, ..) = outcome("any-all-rejected");
        let errors = ["primary down", "backup down", "cache empty"].map(Value::error);
        assert_eq!(
            result,
            Some((300, Settle::Reject(Value::aggregate(errors.to_vec()))))
        );
        assert_eq!(outcome("race-never").0.unwrap().0, 300);
        assert_eq!(outcome("all-never").0, None);
        let (result, ..) = outcome("already-settled");
        assert_eq!(
            result,
            Some((0, Settle::Reject(Value::error("already failed"))))
        );
        let (result, ..) = outcome("equal-delays");
        assert_eq!(result, Some((300, Settle::Fulfil(Value::str("first")))));
        let (result, unhandled, late) = outcome("unhandled");
        assert_eq!((unhandled, late), (vec![1], vec![1]));
        assert_eq!(result, Some((600, Settle::Reject(Value::error("boom")))));
    }
}
