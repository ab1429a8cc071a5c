//! Any link given to the share-link reader, split into a query and a
//! fragment at its first `#`: it must never panic, every problem must have
//! words, and a scenario it reads must survive being written into a link.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promise_playground::model::link::{self, Share};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (query, fragment) = input.split_once('#').unwrap_or(("", &input));
    let read = link::read(query, fragment);
    for problem in &read.problems {
        assert!(!problem.to_string().is_empty());
    }
    if let Some(scenario) = read.scenario {
        let again = link::read("", &link::fragment(&Share::of(&scenario)));
        assert_eq!(again.scenario.as_ref(), Some(&scenario));
    }
});
