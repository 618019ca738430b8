//! The routes for JavaScript edges: a request as the fetch handler reads it
//! in (`crates/worker/js/fetch.mjs`, which Cloudflare, Deno, Bun and Vercel
//! run from deploy/), timestamp-http's [`routes`] answer out. The clock is
//! the runtime's `Date.now()`, passed in.
//!
//! The routes, their page and their zone database are the component's, so
//! the worker answers byte for byte as the Spin component does; the tests
//! in crates/http run the same HTTP suites against both.

use jsdate::Timestamp;
use timestamp_http::routes::{self, Needs, Request, RequestBody};
use wasm_bindgen::prelude::*;

/// What the worker answers: a status, headers, a body. The worker takes
/// the headers and the body out once each, so neither is copied in wasm.
#[wasm_bindgen]
pub struct Answer {
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
}

#[wasm_bindgen]
impl Answer {
    /// The HTTP status.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Header names and values, alternating; empty after the first call.
    #[wasm_bindgen(js_name = takeHeaders)]
    pub fn take_headers(&mut self) -> Vec<String> {
        std::mem::take(&mut self.headers)
    }

    /// The body (empty for `HEAD` and 204); empty after the first call.
    #[wasm_bindgen(js_name = takeBody)]
    pub fn take_body(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.body)
    }
}

/// What the worker must read of the request besides its method and target:
/// `"body"` (`POST /api/batch`), `"accept-encoding"` (the page's files and
/// the OpenAPI document) or `"nothing"`.
#[wasm_bindgen]
pub fn needs(method: &str, target: &str) -> String {
    match routes::needs(method, target) {
        Needs::Nothing => "nothing",
        Needs::AcceptEncoding => "accept-encoding",
        Needs::Body => "body",
    }
    .to_owned()
}

/// The most body bytes the routes read; the worker stops reading past it.
#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes() -> usize {
    routes::MAX_BODY_BYTES
}

/// Answers one request. `accept_encoding` is the request's
/// `Accept-Encoding` if [`needs`] asked for it (else `null`). `body` is the
/// body read whole, if [`needs`] asked for it; else `refused` says why not: `"too-large"` (over
/// [`max_body_bytes`]) or `"unreadable"` (the stream failed). `now_ms` is
/// `Date.now()`.
#[wasm_bindgen]
pub fn handle(
    method: &str,
    target: &str,
    accept_encoding: Option<String>,
    body: Option<Vec<u8>>,
    refused: Option<String>,
    now_ms: f64,
) -> Answer {
    let body = match (&body, refused.as_deref()) {
        (_, Some("too-large")) => RequestBody::TooLarge,
        (_, Some(_)) => RequestBody::Unreadable,
        (Some(bytes), None) => RequestBody::Read(bytes),
        (None, None) => RequestBody::Empty,
    };
    let now = || Timestamp::saturating_from_unix_ms(now_ms as i64);
    let request = Request {
        method,
        target,
        accept_encoding: accept_encoding.as_deref(),
        body,
    };
    let response = routes::handle(request, now);
    Answer {
        status: response.status,
        headers: response
            .headers
            .into_iter()
            .flat_map(|(name, value)| [name.to_owned(), value.into_owned()])
            .collect(),
        body: response.body.into_owned(),
    }
}
