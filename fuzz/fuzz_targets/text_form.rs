//! Any text given to the text form's reader: it must never panic, a text
//! it accepts must read back the same once written, and a text it refuses
//! must be told where and why.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promise_playground::model::text;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    match text::parse(&input) {
        Ok(scenario) => {
            let written = text::format(&scenario);
            assert_eq!(text::parse(&written).as_ref(), Ok(&scenario), "{written:?}");
        }
        Err(error) => {
            assert!(error.line >= 1 && error.column >= 1);
            assert!(!error.message.is_empty());
        }
    }
    let _ = text::parse_value(&input);
});
