//! A minimal Spin component, for size comparison only.
use spin_sdk::http::{IncomingRequest, Response};
use spin_sdk::http_component;

#[http_component]
fn handle(_request: IncomingRequest) -> Response {
    Response::builder().status(200).body("ok").build()
}
