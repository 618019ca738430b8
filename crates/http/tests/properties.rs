//! Properties of the routes over generated requests (proptest): every
//! method and target gets a defined 2xx/4xx status, CORS, and JSON where it
//! says JSON. (The core's properties are in the workspace's tests/.)

use jsdate::Timestamp;
use proptest::prelude::*;
use serde_json::Value;
use timestamp_http::routes;

fn epoch() -> Timestamp {
    Timestamp::from_unix_ms(0).unwrap()
}

/// Pieces of dates and of paths: digits, names, separators, escapes.
fn date_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        "[0-9]{1,8}",
        prop::sample::select(vec!["Dec", "October", "GMT", "Z", "T", "pm", "Mon", "x"])
            .prop_map(String::from),
        prop::sample::select(vec![
            ":", "-", "+", ".", ",", "(", ")", " ", "%20", "%2F", "é"
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(token, 0..10).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn every_route_answers_a_defined_status(
        method in prop::sample::select(vec![
            "GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "BREW", "",
        ]),
        path in prop_oneof![
            date_like().prop_map(|d| format!("/api/{d}")),
            "[ -~]{0,40}".prop_map(|p| format!("/api/{p}")),
            "/[ -~]{0,40}",
            "(%[0-9a-fA-F]{2}|%|[a-z/.]){0,30}".prop_map(|p| format!("/api/{p}")),
        ],
        query in prop::option::of("[ -~]{0,20}"),
    ) {
        let target = match &query {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        };
        let response = routes::handle(routes::Request::new(method, &target), epoch);
        prop_assert!(
            [200, 204, 400, 404, 405, 414].contains(&response.status),
            "{} {:?} -> {}", method, target, response.status
        );
        prop_assert_eq!(response.header("access-control-allow-origin"), Some("*"));
        if response.header("content-type").is_some_and(|t| t.starts_with("application/json"))
            && !response.body.is_empty()
        {
            let parsed: Result<Value, _> = serde_json::from_slice(&response.body);
            prop_assert!(parsed.is_ok(), "{} {:?}: not JSON", method, target);
        }
    }
}
