//! Any bytes, as a date and as a request target: no panic, no overflow, an
//! answer that is valid JSON, and a defined 2xx/4xx status.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timestamp::{Options, Timestamp, convert};
use timestamp_http::routes;

fn epoch() -> Timestamp {
    Timestamp::from_unix_ms(0).expect("in range")
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = convert(input, epoch);
    if let Ok(t) = result {
        assert!(t.unix_ms().abs() <= Timestamp::MAX_UNIX_MS);
    }
    let json = Options::new().to_json(result);
    serde_json::from_str::<serde_json::Value>(&json).expect("the answer is JSON");

    let response = routes::handle("GET", &format!("/api/{input}"), epoch);
    assert!(
        [200, 400, 404, 405, 414].contains(&response.status),
        "{} for {input:?}",
        response.status
    );
    serde_json::from_slice::<serde_json::Value>(&response.body).expect("the body is JSON");
});
