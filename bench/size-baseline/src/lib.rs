//! A minimal Spin component: what spin-sdk, std and the component glue
//! weigh (BENCHMARKS.md's size table), and the most requests per second any
//! spin-sdk component can get from a host (its HTTP table's ceiling row).
use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

#[http_component]
fn handle(_request: IncomingRequest) -> Response {
    Response::builder().status(200).body("ok").build()
}
