//! The Spin HTTP component: wasi:http in, [`routes`] out. It reads a
//! request body only for the one route that takes one (`POST /api/batch`),
//! and never more than [`routes::MAX_BODY_BYTES`]. No request leaves anything
//! behind that changes another's answer (jiff caches parsed zones, nothing
//! else is kept), so hosts may reuse an instance.

// `#[http_component]` expands to wit-bindgen's generated bindings, which
// take wasi:http handles with `unsafe`; this file writes none of its own.
#![allow(unsafe_code)]

use futures::StreamExt;
use spin_sdk::http::{IncomingRequest, Method, Response};
use spin_sdk::http_component;

use super::routes::{self, RequestBody};
use crate::Timestamp;

#[http_component]
async fn handle(request: IncomingRequest) -> Response {
    let method = method_name(&request.method());
    let target = request.path_with_query().unwrap_or_default();
    let answer = if routes::wants_body(&method, &target) {
        let body = read_body(request).await;
        let body = match &body {
            Ok(bytes) => RequestBody::Read(bytes),
            Err(refused) => *refused,
        };
        routes::handle_with_body(&method, &target, body, Timestamp::now)
    } else {
        routes::handle(&method, &target, Timestamp::now)
    };
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

/// The whole body, or why not: a declared or actual length over the limit
/// stops reading at once.
async fn read_body(request: IncomingRequest) -> Result<Vec<u8>, RequestBody<'static>> {
    let declared = request
        .headers()
        .get("content-length")
        .first()
        .and_then(|value| std::str::from_utf8(value).ok()?.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > routes::MAX_BODY_BYTES as u64) {
        return Err(RequestBody::TooLarge);
    }
    let mut stream = request.into_body_stream();
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| RequestBody::Unreadable)?;
        if body.len() + chunk.len() > routes::MAX_BODY_BYTES {
            return Err(RequestBody::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
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
