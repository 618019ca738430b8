//! The floor of any handler of this API: it reads the method and the path,
//! as every handler must to route, and answers one fixed answer with the
//! headers timestamp's API answers carry and a body of their usual length,
//! with the same wasi:http calls as crates/spin/src/lib.rs (its body through
//! the same write loop, crates/spin/src/output_stream.rs), the same `write`
//! in place of wasi-libc's (crates/spin/src/libc_overrides.rs),
//! so the same imports except those for the clock and the request's headers
//! and body, and the same stack size (crates/spin/build.rs;
//! spin-fixed-answer.toml's build command). What timestamp costs beyond
//! this is its own work (BENCHMARKS.md compares the three).
use spin_sdk::http::{Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam};
use spin_sdk::http_component;

#[path = "../../../crates/spin/src/libc_overrides.rs"]
mod libc_overrides;
#[path = "../../../crates/spin/src/output_stream.rs"]
mod output_stream;

const BODY: &[u8] = br#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#;

/// The headers timestamp sends with such an answer, in its order.
const HEADERS: [(&str, &[u8]); 5] = [
    ("access-control-allow-origin", b"*"),
    ("x-content-type-options", b"nosniff"),
    ("content-type", b"application/json; charset=utf-8"),
    ("cache-control", b"public, max-age=31536000, immutable"),
    ("content-length", b"60"),
];
const _: () = assert!(
    BODY.len() == 60,
    "the content-length above is BODY's length"
);

/// How many of [`HEADERS`] this build sends, from the first: all of them,
/// unless the build sets `FIXED_ANSWER_HEADERS` to fewer, as bench/run.py
/// does to count what each header costs the host.
const SENT: usize = match option_env!("FIXED_ANSWER_HEADERS") {
    None => HEADERS.len(),
    Some(count) => match usize::from_str_radix(count, 10) {
        Ok(count) if count <= HEADERS.len() => count,
        _ => panic!("FIXED_ANSWER_HEADERS: a count of headers, at most 5"),
    },
};

#[http_component]
async fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
    // Read as a router reads them; a path nobody sends keeps them used.
    let method = request.method();
    let path = request.path_with_query().unwrap_or_default();
    let status = if path.len() > 4096 && matches!(method, spin_sdk::http::Method::Other(_)) {
        404
    } else {
        200
    };
    let headers: [(String, Vec<u8>); SENT] =
        std::array::from_fn(|i| (HEADERS[i].0.to_owned(), HEADERS[i].1.to_vec()));
    let response =
        OutgoingResponse::new(Fields::from_list(&headers).unwrap_or_else(|_| Fields::new()));
    if status != 200 {
        let _ = response.set_status_code(status);
    }
    let Ok(body) = response.body() else { return };
    let stream = body.write();
    response_out.set(response);
    if let Ok(stream) = stream {
        let _ = output_stream::write_all(&stream, BODY);
    }
    let _ = OutgoingBody::finish(body, None);
}
