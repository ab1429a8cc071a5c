//! Guided challenges: a scenario and a question to predict before running
//! it, one for each thing people most often get wrong about combining
//! promises. The answers are not written here: the spec model works them
//! out, and the run shows them.

use super::scenario::Scenario;
use super::text;

/// One challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Challenge {
    /// A stable name, for progress kept in the browser.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// What to predict.
    pub question: &'static str,
    /// The scenario, in the text form.
    pub text: &'static str,
}

impl Challenge {
    /// The scenario. Every challenge parses (a host test checks them all).
    pub fn scenario(&self) -> Scenario {
        text::parse(self.text).unwrap_or_default()
    }

    /// The challenge with this id.
    pub fn find(id: &str) -> Option<&'static Challenge> {
        CHALLENGES.iter().find(|c| c.id == id)
    }
}

/// Every challenge, easiest first.
pub const CHALLENGES: &[Challenge] = &[
    Challenge {
        id: "all-order",
        title: "Three requests, three answers",
        question: "The three answers arrive in a different order from the one they were asked in. What does Promise.all give, and when?",
        text: "v1 all\nuser 300ms ok 'Ada'\nposts 450ms ok ['Hello']\nprefs 200ms ok 'dark'",
    },
    Challenge {
        id: "all-fail-fast",
        title: "One request fails",
        question: "The posts request fails half-way. How does Promise.all end, which task decides it, and when?",
        text: "v1 all\nuser 300ms ok 'Ada'\nposts 150ms err Error('500')\nprefs 500ms ok 'dark'",
    },
    Challenge {
        id: "allsettled-never-rejects",
        title: "Two of three widgets fail",
        question: "Two widgets fail. Does Promise.allSettled reject? With what does it end, and when?",
        text: "v1 allSettled\nweather 250ms ok 21\nnews 100ms err Error('503')\nsports 180ms err Error('timeout')",
    },
    Challenge {
        id: "race-fast-failure",
        title: "The fastest one fails (race)",
        question: "The quickest task fails. What does Promise.race end with, and which task decides it?",
        text: "v1 race\nprimary 150ms err Error('down')\nbackup 300ms ok 'backup'\ncache 400ms ok 'cache'",
    },
    Challenge {
        id: "any-fast-failure",
        title: "The fastest one fails (any)",
        question: "The same tasks under Promise.any. How does it end, with what, and when?",
        text: "v1 any\nprimary 150ms err Error('down')\nbackup 300ms ok 'backup'\ncache 400ms ok 'cache'",
    },
    Challenge {
        id: "any-all-fail",
        title: "Every mirror fails",
        question: "Every mirror fails. How does Promise.any end, and with what?",
        text: "v1 any\neu 200ms err Error('eu down')\nus 100ms err Error('us down')\nasia 300ms err Error('asia down')",
    },
    Challenge {
        id: "loop-sum",
        title: "Independent requests in a loop",
        question: "Three independent requests, awaited one after another in a loop. When does the loop finish?",
        text: "v1 sequential\nuser 300ms ok 'user'\nposts 450ms ok 'posts'\nprefs 200ms ok 'prefs'",
    },
    Challenge {
        id: "loop-stops",
        title: "A loop meets a failure",
        question: "The second step fails. How does the loop end, which task decides it, and when?",
        text: "v1 sequential\nlogin 200ms ok 'token'\nprofile 100ms err Error('401')\navatar 250ms ok 'ada.png'",
    },
    Challenge {
        id: "parallel-await",
        title: "Start everything, then await each",
        question: "Both start at once; the loop awaits slow first. When does the loop reject, and which task decides when?",
        text: "v1 parallel-await\nslow 600ms ok 'slow'\nfails 100ms err Error('boom')",
    },
    Challenge {
        id: "race-settled",
        title: "A race of tasks that are already done",
        question: "A zero-delay timer against tasks that are settled already. Which wins the race, and with what?",
        text: "v1 race\ntimer 0ms ok 'timer'\ncached now ok 'cached'\nanswer plain 42",
    },
    Challenge {
        id: "race-never",
        title: "A race against nothing",
        question: "One task never settles and the other takes 300 ms. How does Promise.race end, and when?",
        text: "v1 race\nhung never\nreply 300ms ok 'reply'",
    },
    Challenge {
        id: "all-never",
        title: "Waiting for a task that never answers",
        question: "One task never settles. How does Promise.all end?",
        text: "v1 all\nuser 200ms ok 'Ada'\nhung never\nprefs 300ms ok 'dark'",
    },
];

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::guess::{choices, Ending, Facts};
    use crate::model::predict::predict;

    #[test]
    fn there_are_at_least_twelve_each_parses_and_ids_are_unique() {
        assert!(CHALLENGES.len() >= 12);
        for (i, c) in CHALLENGES.iter().enumerate() {
            let scenario = text::parse(c.text).unwrap_or_else(|e| panic!("{}: {e}", c.id));
            assert!(!scenario.tasks.is_empty(), "{}", c.id);
            assert!(
                CHALLENGES[i + 1..].iter().all(|d| d.id != c.id),
                "{} twice",
                c.id
            );
            assert_eq!(Challenge::find(c.id), Some(c));
        }
    }

    #[test]
    fn each_teaches_what_it_says() {
        let ending = |id: &str| {
            let c = Challenge::find(id).unwrap();
            let p = predict(&c.scenario());
            let f = Facts::of_prediction(&p);
            let e = match &f.settle {
                None => Ending::Never,
                Some(s) if s.is_reject() => Ending::Rejects,
                Some(_) => Ending::Fulfils,
            };
            (e, f, p, c.scenario())
        };
        assert_eq!(ending("all-fail-fast").0, Ending::Rejects);
        assert_eq!(ending("allsettled-never-rejects").0, Ending::Fulfils);
        assert_eq!(ending("race-fast-failure").0, Ending::Rejects);
        assert_eq!(ending("any-fast-failure").0, Ending::Fulfils);
        assert_eq!(ending("any-all-fail").0, Ending::Rejects);
        assert_eq!(ending("loop-sum").1.at_ms, Some(950.0));
        assert_eq!(ending("all-order").1.at_ms, Some(450.0));
        assert_eq!(ending("parallel-await").1.decider, Some(0));
        assert_eq!(ending("race-settled").1.decider, Some(1));
        assert_eq!(ending("race-never").0, Ending::Fulfils);
        assert_eq!(ending("all-never").0, Ending::Never);
        // Every answer can be picked from the choices offered.
        for c in CHALLENGES {
            let (_, f, p, s) = ending(c.id);
            if let Some(settle) = &f.settle {
                let offered = choices(&s, &p.settle_order);
                assert!(
                    offered.iter().any(|x| &x.value == settle.value()),
                    "{}",
                    c.id
                );
            }
        }
    }
}
