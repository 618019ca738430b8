//! A reproduction of how a host sends a body written in pieces:
//! `GET /BYTES?piece=K` answers BYTES bytes (at most 4 MiB) written in
//! wasi:io `write` calls of at most K bytes (the whole body by default),
//! each within `check-write`'s permit and each followed by a flush, as a
//! loop of `blocking-write-and-flush` (which takes at most 4,096 bytes)
//! writes; `&flush=end` flushes only once, at the end. Under a host that
//! leaves Nagle's algorithm on, a body that leaves in more than one piece
//! waits for the client's delayed acknowledgement on a kept-alive
//! connection (docs/spin-nodelay.md). Built as the component is, with its
//! stack size (spin-pieces.toml).
use spin_sdk::http::{Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam};
use spin_sdk::http_component;
use wasi::io::streams::OutputStream;

const MAX_BYTES: usize = 4 << 20;
const USAGE: &[u8] = b"GET /BYTES?piece=K[&flush=end], BYTES at most 4 MiB, K at least 1\n";

#[http_component]
async fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
    let target = request.path_with_query().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let bytes = path
        .trim_start_matches('/')
        .parse::<usize>()
        .ok()
        .filter(|&b| b <= MAX_BYTES);
    let mut piece = Some(MAX_BYTES);
    let mut flush_each = true;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        match pair.split_once('=') {
            Some(("piece", k)) => piece = k.parse::<usize>().ok().filter(|&k| k >= 1),
            Some(("flush", "end")) => flush_each = false,
            _ => piece = None,
        }
    }
    let (status, body, piece) = match (bytes, piece) {
        (Some(bytes), Some(piece)) => (200, vec![b'x'; bytes], piece),
        _ => (400, USAGE.to_vec(), MAX_BYTES),
    };
    let headers = [(
        "content-length".to_owned(),
        body.len().to_string().into_bytes(),
    )];
    let response =
        OutgoingResponse::new(Fields::from_list(&headers).unwrap_or_else(|_| Fields::new()));
    if status != 200 {
        let _ = response.set_status_code(status);
    }
    let Ok(outgoing) = response.body() else {
        return;
    };
    let stream = outgoing.write();
    response_out.set(response);
    if let Ok(stream) = stream {
        let _ = write_in_pieces(&stream, &body, piece, flush_each);
    }
    let _ = OutgoingBody::finish(outgoing, None);
}

/// Writes `body` in pieces of at most `piece` bytes (fewer where the permit
/// is smaller), flushing after each if `flush_each`, and at the end.
fn write_in_pieces(
    stream: &OutputStream,
    body: &[u8],
    piece: usize,
    flush_each: bool,
) -> Result<(), wasi::io::streams::StreamError> {
    let mut rest = body;
    while !rest.is_empty() {
        let permit = usize::try_from(stream.check_write()?).unwrap_or(usize::MAX);
        if permit == 0 {
            stream.blocking_flush()?;
            continue;
        }
        let end = permit.min(piece).min(rest.len());
        stream.write(&rest[..end])?;
        rest = &rest[end..];
        if flush_each {
            stream.blocking_flush()?;
        }
    }
    stream.blocking_flush()
}
