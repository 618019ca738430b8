//! The Spin HTTP component: a wasi:http request in, [`routes`] out, and the
//! clock. Everything else is timestamp-http's.
//!
//! It reads a request body only for the one route that takes one
//! (`POST /api/batch`), and never more than [`routes::MAX_BODY_BYTES`]; and
//! request headers only for that route (`Content-Length`) and for the
//! page's files and the OpenAPI document (`Accept-Encoding`). No request
//! leaves anything behind that changes another's answer (the header list's
//! buffers are overwritten by every answer; nothing else is kept), so hosts
//! may reuse an instance.
//!
//! Every body goes out in as few writes as the host permits
//! ([`output_stream`]). [`libc_overrides`] defines the component's own
//! `write` in place of wasi-libc's, so the component does not carry the
//! imports of wasi-libc's stdio.

// The component only: a native linker cannot export wasi:http's names, so
// native builds of the workspace (tests, clippy) get an empty crate.
#![cfg(target_os = "wasi")]

use std::borrow::Cow;
use std::cell::RefCell;

use spin_sdk::http::{
    Fields, IncomingRequest, Method, OutgoingBody, OutgoingResponse, ResponseOutparam,
};
use spin_sdk::http_component;
use wasi::io::streams::StreamError;

use jsdate::Timestamp;
use timestamp_http::routes::{self, Needs, RequestBody};

mod libc_overrides;
mod output_stream;

/// Now, from the host's wall clock: read only for an empty date.
///
/// wasi:clocks directly rather than `SystemTime::now()`, whose libc path
/// imports the monotonic clock too: every import is work for a host that
/// instantiates the component for each request.
fn now() -> Timestamp {
    let now = wasi::clocks::wall_clock::now();
    Timestamp::from_system_time(
        std::time::UNIX_EPOCH + std::time::Duration::new(now.seconds, now.nanoseconds),
    )
}

/// The handler spin-sdk exports. Nothing in it waits, so its future is
/// ready on the first poll; kept this small, it is inlined into spin-sdk's
/// executor, which can then drop its path for a future that is not ready,
/// and with it the import of wasi:io's `poll`.
#[http_component]
async fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
    serve(request, response_out);
}

/// One request: what its route needs read, its answer, sent.
fn serve(request: IncomingRequest, response_out: ResponseOutparam) {
    let method = method_name(&request.method());
    let target = request.path_with_query().unwrap_or_default();
    let mut read = routes::Request::new(&method, &target);
    // Only what the route needs: most answers read no header and no body.
    let accept_encoding;
    let body;
    match routes::needs(&method, &target) {
        Needs::Nothing => {}
        Needs::AcceptEncoding => {
            accept_encoding = header(&request, "accept-encoding");
            read.accept_encoding = accept_encoding.as_deref();
        }
        Needs::Body => {
            body = read_body(request);
            read.body = match &body {
                Ok(bytes) => RequestBody::Read(bytes),
                Err(refused) => *refused,
            };
        }
    }
    respond(response_out, routes::handle(read, now));
}

/// Sends `answer` with wasi:http directly: the headers in one call, the
/// response handed to the host, then the body in as few writes as the host
/// permits ([`output_stream::write_all`]: one, for every answer this API
/// sends). spin-sdk's `Response` path gives the same bytes, but its
/// asynchronous body sink polls the stream's readiness around every write,
/// and each of those is a call into the host, which costs more than this
/// service's own work.
fn respond(response_out: ResponseOutparam, answer: routes::Response) {
    let response = OutgoingResponse::new(fields(&answer.headers));
    // A new response is a 200: setting that again would be one more call
    // into the host on every good answer. Every status the routes use is
    // valid.
    if answer.status != 200 {
        let _ = response.set_status_code(answer.status);
    }
    let Ok(body) = response.body() else {
        return;
    };
    let stream = body.write();
    // Handed over before the body is written, so a body larger than the
    // host's buffer cannot block on a reader that has not started; and the
    // body's write straight after, with nothing between: a host that sends
    // the head before the body is ready sends them as two pieces, the stall
    // that output_stream.rs is about.
    response_out.set(response);
    if let Ok(stream) = stream {
        // An error means the client went away; nothing is left to tell it.
        let _ = output_stream::write_all(&stream, &answer.body);
    }
    let _ = OutgoingBody::finish(body, None);
}

thread_local! {
    /// The header list handed to the host, kept from one answer to the next
    /// so that its strings' buffers are reused: wasi:http takes owned
    /// strings, and allocating and freeing them is a large share of this
    /// component's own instructions per request. Each answer overwrites the
    /// entries it uses and hands over only those, so no header outlives its
    /// answer; only capacity does.
    ///
    /// Initialised lazily, not `const`: a const empty `Vec` is not all zero
    /// bytes, so it would sit in the module's data, and a fresh instance's
    /// first write to it would make the host's kernel copy that page of the
    /// memory image, on every request of a host that instantiates per
    /// request. Lazily initialised, it lives in zeroed memory.
    #[allow(clippy::missing_const_for_thread_local)] // see above
    static HEADER_BUFFERS: RefCell<Vec<(String, Vec<u8>)>> = RefCell::new(Vec::new());
}

/// `headers` as wasi:http fields.
fn fields(headers: &[(&'static str, Cow<'static, str>)]) -> Fields {
    HEADER_BUFFERS.with_borrow_mut(|buffers| {
        if buffers.len() < headers.len() {
            buffers.resize_with(headers.len(), Default::default);
        }
        for ((name, value), (buffer_name, buffer_value)) in headers.iter().zip(buffers.iter_mut()) {
            buffer_name.clear();
            buffer_name.push_str(name);
            buffer_value.clear();
            buffer_value.extend_from_slice(value.as_bytes());
        }
        // The routes write only valid, lower-case names and visible ASCII
        // values, which a host cannot refuse; should one, the answer goes
        // out without headers rather than not at all.
        Fields::from_list(&buffers[..headers.len()]).unwrap_or_else(|_| Fields::new())
    })
}

/// The values of header `name`, joined as one list; `None` without any, or
/// if they are not text.
fn header(request: &IncomingRequest, name: &str) -> Option<String> {
    let values = request.headers().get(name);
    let values: Vec<&str> = values
        .iter()
        .map(|value| std::str::from_utf8(value).ok())
        .collect::<Option<_>>()?;
    (!values.is_empty()).then(|| values.join(", "))
}

/// The most bytes one `blocking-read` call asks for.
const READ_BYTES: u64 = 16 * 1024;

/// The whole body, or why not: a declared or actual length over the limit
/// stops reading at once.
///
/// With wasi:io's `blocking-read` rather than spin-sdk's asynchronous body
/// stream: the same bytes, and four fewer imports (its polling and the
/// trailers), which a host that instantiates the component for every
/// request resolves every time.
fn read_body(request: IncomingRequest) -> Result<Vec<u8>, RequestBody<'static>> {
    let declared = request
        .headers()
        .get("content-length")
        .first()
        .and_then(|value| std::str::from_utf8(value).ok()?.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > routes::MAX_BODY_BYTES as u64) {
        return Err(RequestBody::TooLarge);
    }
    let incoming = request.consume().map_err(|()| RequestBody::Unreadable)?;
    let stream = incoming.stream().map_err(|()| RequestBody::Unreadable)?;
    let mut body = Vec::new();
    loop {
        match stream.blocking_read(READ_BYTES) {
            Ok(chunk) => {
                if body.len() + chunk.len() > routes::MAX_BODY_BYTES {
                    return Err(RequestBody::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Err(StreamError::Closed) => return Ok(body),
            Err(StreamError::LastOperationFailed(_)) => return Err(RequestBody::Unreadable),
        }
    }
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
