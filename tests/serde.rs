//! With the `serde` feature (`cargo test --features serde`): every corpus
//! input's answer, serialized by serde, is the text the direct writer
//! (`Options::to_json`) gives it, under every option set the API has,
//! zones included.
#![cfg(feature = "serde")]

mod common;

use common::corpus;
use jsdate::{Format, Options, Timestamp, Unit};
use jsdate_tzdb::Zone;

#[test]
fn serde_writes_the_direct_writers_json_on_the_whole_corpus() {
    let cases = corpus();
    assert!(cases.len() >= 2000, "{} cases", cases.len());
    let mut option_sets = Vec::new();
    for (unit, format, zone) in [
        (Unit::Milliseconds, Format::Default, None),
        (Unit::Seconds, Format::Full, None),
        (Unit::Auto, Format::Full, Some("America/New_York")),
        (
            Unit::Milliseconds,
            Format::Default,
            Some("Australia/Lord_Howe"),
        ),
    ] {
        let zone = zone.map(|name| Zone::find(name).expect(name));
        option_sets.push(Options { unit, format, zone });
    }
    let mut checked = 0;
    for options in &option_sets {
        for case in &cases {
            let result = options.convert(&case.input, || Timestamp::MIN);
            let serde = serde_json::to_string(&options.to_answer(result)).expect("serializes");
            assert_eq!(
                serde,
                options.to_json(result),
                "{:?} {options:?}",
                case.input
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * cases.len());
}
