//! Any bytes, as a date, as a request target and as a batch body: no panic,
//! no overflow, an answer that is valid JSON, and a defined 2xx/4xx status;
//! the batch body reader reads what serde_json reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use jsdate::{Options, Timestamp, convert};
use timestamp_http::{routes, string_array};

fn epoch() -> Timestamp {
    Timestamp::from_unix_ms(0).expect("in range")
}

fuzz_target!(|data: &[u8]| {
    assert_eq!(
        string_array::parse(data),
        serde_json::from_slice::<Vec<String>>(data).ok(),
        "{data:?}"
    );
    let batch = routes::handle(
        routes::Request {
            body: routes::RequestBody::Read(data),
            ..routes::Request::new("POST", "/api/batch")
        },
        epoch,
    );
    assert!(
        [200, 400, 413].contains(&batch.status),
        "{} for {data:?}",
        batch.status
    );
    serde_json::from_slice::<serde_json::Value>(&batch.body).expect("the batch body is JSON");

    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = convert(input, epoch);
    if let Ok(t) = result {
        assert!(t.unix_ms().abs() <= Timestamp::MAX_UNIX_MS);
    }
    let json = Options::new().to_json(result);
    serde_json::from_str::<serde_json::Value>(&json).expect("the answer is JSON");

    let target = format!("/api/{input}");
    let response = routes::handle(routes::Request::new("GET", &target), epoch);
    assert!(
        [200, 400, 404, 405, 414].contains(&response.status),
        "{} for {input:?}",
        response.status
    );
    serde_json::from_slice::<serde_json::Value>(&response.body).expect("the body is JSON");
});
