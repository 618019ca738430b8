//! A minimal Spin component: what spin-sdk, std and the component glue
//! weigh (BENCHMARKS.md's size table), and the most requests per second any
//! spin-sdk component can get from a host (its HTTP table's ceiling rows):
//! it answers "ok" with the fewest wasi:http calls, as crates/spin/src/lib.rs
//! answers, without looking at the request. Built, as the component is,
//! with a 64 KiB stack (spin.toml's build command).
use spin_sdk::http::{Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam};
use spin_sdk::http_component;

#[http_component]
async fn handle(_request: IncomingRequest, response_out: ResponseOutparam) {
    let response = OutgoingResponse::new(Fields::new());
    let Ok(body) = response.body() else { return };
    response_out.set(response);
    if let Ok(stream) = body.write() {
        let _ = stream.blocking_write_and_flush(b"ok");
    }
    let _ = OutgoingBody::finish(body, None);
}
