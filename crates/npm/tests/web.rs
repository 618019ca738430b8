//! The npm package's bindings in a real browser: `wasm-pack test --headless
//! --chrome` (Debian's chromium and chromedriver; webdriver.json holds the
//! flags this machine needs). Native test runs skip this file.
#![cfg(target_arch = "wasm32")]

use serde::Deserialize;
use timestamp_npm::convert;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The object `convert` answers, as JSON text.
fn json(input: &str) -> String {
    let value: JsValue = convert(input, None).unwrap().into();
    js_sys::JSON::stringify(&value)
        .expect("a plain object")
        .as_string()
        .expect("a string")
}

#[wasm_bindgen_test]
fn the_freecodecamp_inputs() {
    let table = [
        (
            "2016-12-25",
            r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#,
        ),
        (
            "1451001600000",
            r#"{"unix":1451001600000,"utc":"Fri, 25 Dec 2015 00:00:00 GMT"}"#,
        ),
        (
            "05 October 2011, GMT",
            r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#,
        ),
        ("this-is-not-a-date", r#"{"error":"Invalid Date"}"#),
    ];
    for (input, expected) in table {
        assert_eq!(json(input), expected, "{input:?}");
    }
}

#[wasm_bindgen_test]
fn an_empty_input_is_the_browsers_now() {
    let before = js_sys::Date::now();
    let value: JsValue = convert("", None).unwrap().into();
    let after = js_sys::Date::now();
    let unix = js_sys::Reflect::get(&value, &"unix".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        before <= unix && unix <= after,
        "{before} <= {unix} <= {after}"
    );
    let utc = js_sys::Reflect::get(&value, &"utc".into())
        .unwrap()
        .as_string()
        .unwrap();
    let browser = js_sys::Date::new(&JsValue::from_f64(unix)).to_utc_string();
    assert_eq!(utc, String::from(browser));
}

#[wasm_bindgen_test]
fn time_zones_come_from_the_browsers_intl() {
    let options: JsValue =
        js_sys::JSON::parse(r#"{"tz":"America/New_York","format":"full"}"#).unwrap();
    let value: JsValue = convert("2021-03-14T02:30", Some(options.unchecked_into()))
        .unwrap()
        .into();
    assert_eq!(
        String::from(js_sys::JSON::stringify(&value).unwrap()),
        r#"{"unix":1615707000000,"utc":"Sun, 14 Mar 2021 07:30:00 GMT","iso":"2021-03-14T07:30:00.000Z","local":"2021-03-14T03:30:00.000-04:00","tz":"America/New_York"}"#
    );
}

#[derive(Deserialize)]
struct Case {
    input: String,
    expected: serde_json::Value,
}

#[wasm_bindgen_test]
fn the_whole_corpus_in_the_browser() {
    let corpus = include_str!("../../../tests/data/corpus.jsonl");
    let mut checked = 0;
    for line in corpus.lines() {
        let case: Case = serde_json::from_str(line).expect("a corpus line");
        let got: serde_json::Value = serde_json::from_str(&json(&case.input)).expect("JSON");
        assert_eq!(got, case.expected, "{:?}", case.input);
        checked += 1;
    }
    assert!(checked >= 2000);
}
