//! Properties over generated inputs (proptest): the short, always-on part of
//! the fuzzing (the long runs are `scripts/fuzz`, libFuzzer). No input
//! panics or overflows (tests build with overflow checks), every answer is
//! valid JSON. (The routes' properties are in crates/http/tests.)

use jsdate::{Options, Timestamp, convert};
use proptest::prelude::*;
use serde_json::Value;

fn epoch() -> Timestamp {
    Timestamp::from_unix_ms(0).unwrap()
}

/// Pieces of the date grammar: numbers of every width, names, keywords,
/// symbols, ASCII and Unicode spaces, fullwidth digits, comments, NUL.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9]{1,12}",
        2 => prop::sample::select(vec![
            "Jan", "February", "mar", "APR", "May", "June", "jul", "Aug", "Sept", "October",
            "nov", "Dec", "Octopus", "Mon", "Tuesday", "wed", "Thu", "Fri", "sat", "Sun",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec![
            "am", "pm", "AM", "PM", "ut", "UTC", "gmt", "GMT", "z", "Z", "t", "T", "est", "EDT",
            "cst", "cdt", "mst", "mdt", "pst", "pdt", "foo", "x", "utcx",
        ]).prop_map(String::from),
        3 => prop::sample::select(vec![
            ":", "-", "+", ".", ",", "(", ")", "/", " ", "  ", "\t", "\n", "\r", "\u{a0}",
            "\u{3000}", "\u{2028}", "\u{feff}", "\u{200b}", "\0", "(x(y)z)", "T", "Z",
            "\u{ff11}\u{ff12}", "é", "😀",
        ]).prop_map(String::from),
    ]
}

fn date_like() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..14).prop_map(|tokens| tokens.concat())
}

fn assert_valid_answer(input: &str) {
    let result = convert(input, epoch);
    if let Ok(t) = result {
        assert!(t.unix_ms().abs() <= Timestamp::MAX_UNIX_MS);
    }
    let json: Value = serde_json::from_str(&Options::new().to_json(result))
        .unwrap_or_else(|e| panic!("{input:?}: invalid JSON: {e}"));
    assert!(
        json.get("unix").is_some() != json.get("error").is_some(),
        "{input:?}: {json}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn any_string_gets_an_answer(input in any::<String>()) {
        assert_valid_answer(&input);
    }

    #[test]
    fn date_like_soup_gets_an_answer(input in date_like()) {
        assert_valid_answer(&input);
    }

    #[test]
    fn integers_are_milliseconds(ms in -Timestamp::MAX_UNIX_MS..=Timestamp::MAX_UNIX_MS) {
        prop_assert_eq!(convert(&ms.to_string(), epoch).map(Timestamp::unix_ms), Ok(ms));
    }

    /// What `toUTCString()` writes, `Date.parse` reads back (to the second),
    /// for years 100 and later: earlier ones meet the two-digit-year pivot
    /// or the `-` sign, in V8 as here.
    #[test]
    fn utc_strings_parse_back(ms in -59_011_459_200_000_i64..=Timestamp::MAX_UNIX_MS) {
        let t = Timestamp::from_unix_ms(ms).unwrap();
        let text = t.utc_string();
        let back = Timestamp::parse_date_string(text.as_str()).map(Timestamp::unix_ms);
        prop_assert_eq!(back, Ok(ms - ms.rem_euclid(1000)), "{}", text);
    }
}

#[test]
fn megabyte_inputs_get_an_answer() {
    // Shapes that stress each scanner loop: long numbers, words, runs of
    // spaces, symbols, nested and unclosed comments. (Their speed is in the
    // `huge` benchmark group; tests assert no timing.)
    let mb = 1 << 20;
    let inputs = [
        "9".repeat(mb),
        "a".repeat(mb),
        " ".repeat(mb),
        "-".repeat(mb),
        "(".repeat(mb),
        "()".repeat(mb / 2),
        "1:".repeat(mb / 2),
        format!("Jan 1 2000 {}", "(".repeat(mb)),
        "\u{3000}".repeat(mb / 3),
    ];
    for input in &inputs {
        assert_valid_answer(input);
    }
}
