//! The Spin HTTP component: wasi:http in, [`routes::handle`] out. It reads
//! no request body (no route needs one, and a large one then costs nothing)
//! and keeps no state between requests, so hosts may reuse an instance.

// `#[http_component]` expands to wit-bindgen's generated bindings, which
// take wasi:http handles with `unsafe`; this file writes none of its own.
#![allow(unsafe_code)]

use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

use super::routes;
use crate::Timestamp;

#[http_component]
fn handle(request: IncomingRequest) -> Response {
    let method = method_name(&request.method());
    let target = request.path_with_query().unwrap_or_default();
    let answer = routes::handle(&method, &target, Timestamp::now);
    let headers: Vec<(String, String)> = answer
        .headers
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.into_owned()))
        .collect();
    Response::builder()
        .status(answer.status)
        .headers(headers)
        .body(answer.body.into_owned())
        .build()
}

fn method_name(method: &Method) -> std::borrow::Cow<'static, str> {
    let name = match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(other) => return other.clone().into(),
    };
    name.into()
}
