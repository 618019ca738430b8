//! The service's routes, independent of any host: a method and a request
//! target in, a status, headers and a body out. The Spin component and the
//! Cloudflare worker translate their hosts' requests to and from these types
//! and do nothing else, so every route is tested natively here.
//!
//! | route | answer |
//! |---|---|
//! | `GET`/`HEAD /api`, `/api/`, `/api/:date` | 200, the core's JSON |
//! | `GET /api/hello` | `{"greeting":"hello API"}` |
//! | `POST /api/batch` | a JSON array of up to 1,000 inputs (≤ 64 KiB) → the array of answers |
//! | `GET /healthz` | `{"status":"ok","tzdata":"2026f"}`: the IANA release `tz` reads |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 document of these routes |
//! | `?unit=s\|ms\|us\|ns\|auto` | the unit of an integer `:date` (default `ms`) |
//! | `?format=full` | adds `iso` (`toISOString()`) to a date |
//! | `?tz=America/New_York` | reads wall times there (as V8 under `TZ=`), adds `local` and `tz` |
//! | `GET /`, the files of `www/` and the page's module under `/pkg/` | the page |
//! | `OPTIONS` on any route | 204, CORS preflight |
//! | another method on a route | 405 with `Allow` |
//! | an unknown path | 404 |
//! | `:date` with a broken `%` escape or not UTF-8, an unknown `unit` or `format` | 400 |
//! | a path over 2 KiB | 414 |
//! | a batch body that is not a JSON array of strings | 400 |
//! | a batch over 64 KiB or 1,000 inputs | 413 |
//!
//! Every answer carries `Access-Control-Allow-Origin: *` and
//! `X-Content-Type-Options: nosniff`; every error body is JSON. The page's
//! files and the OpenAPI document go out gzip-compressed to clients whose
//! `Accept-Encoding` takes gzip (browsers do), and as they are to the rest.

use std::borrow::Cow;

use jsdate::{Options, Timestamp};
use jsdate_tzdb::{TZDATA_RELEASE, Zone};

use crate::assets::{self, Asset};
use crate::string_array;

/// Longest path (without the query) the service reads; longer is a 414.
const MAX_PATH_BYTES: usize = 2048;

/// What the service answers: the host writes it out as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// Header names (lower-case) and values.
    pub headers: Vec<(&'static str, Cow<'static, str>)>,
    /// The body; empty for `HEAD`, 204 and the like.
    pub body: Cow<'static, [u8]>,
}

impl Response {
    /// The value of header `name`, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

const JSON: &str = "application/json; charset=utf-8";
const ALLOWED_METHODS: &str = "GET, HEAD, OPTIONS";
const BATCH_METHODS: &str = "POST, OPTIONS";
/// A fixed date always converts the same way.
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";
/// The page may call the API and load its own wasm; nothing else.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                        style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                        base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Where a path leads.
enum Route<'a> {
    /// `/api/:date?`, with the raw (still percent-encoded) `:date`.
    Convert(&'a str),
    Hello,
    Batch,
    Health,
    OpenApi,
    Asset(&'static Asset),
    NotFound,
}

fn route(path: &str) -> Route<'_> {
    if path == "/" {
        return assets::find("/index.html").map_or(Route::NotFound, Route::Asset);
    }
    if path == "/healthz" {
        return Route::Health;
    }
    // Express matches `/api/:date?` as `^/api(?:/([^/]+?))?/?$`, ignoring
    // case: one segment, an optional trailing slash, `/api//` unmatched.
    // An encoded slash (%2F) is part of the date.
    let Some(rest) = strip_prefix_ignore_case(path, "/api") else {
        return assets::find(path).map_or(Route::NotFound, Route::Asset);
    };
    let segment = match rest {
        "" | "/" => return Route::Convert(""),
        _ => match rest.strip_prefix('/') {
            Some(after) => after.strip_suffix('/').unwrap_or(after),
            None => return assets::find(path).map_or(Route::NotFound, Route::Asset),
        },
    };
    if segment.is_empty() || segment.contains('/') {
        return Route::NotFound;
    }
    // The routes Express declares before `/api/:date?` win, in any case.
    if segment.eq_ignore_ascii_case("hello") {
        Route::Hello
    } else if segment.eq_ignore_ascii_case("batch") {
        Route::Batch
    } else if segment.eq_ignore_ascii_case("openapi.json") {
        Route::OpenApi
    } else {
        Route::Convert(segment)
    }
}

/// The origin form (`/path?query`) of a request target. A server must
/// accept the absolute form too (`http://host/path`, RFC 9112 §3.2.2), and
/// some hosts hand it on as it came instead of its path (jco); it loses
/// its scheme and authority, and an empty path is `/` (RFC 9112 §3.2.1).
fn origin_form(target: &str) -> Cow<'_, str> {
    let Some(rest) = strip_prefix_ignore_case(target, "http://")
        .or_else(|| strip_prefix_ignore_case(target, "https://"))
    else {
        return Cow::Borrowed(target);
    };
    match rest.find(['/', '?', '#']) {
        Some(start) if rest[start..].starts_with('/') => Cow::Borrowed(&rest[start..]),
        Some(start) => Cow::Owned(format!("/{}", &rest[start..])),
        None => Cow::Borrowed("/"),
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// One request, as the host read it: its method and target, and what
/// [`needs`] asked the host to read besides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method, as sent (`GET`, `POST`, ...).
    pub method: &'a str,
    /// The request target as sent: path and query, or the absolute form.
    pub target: &'a str,
    /// The `Accept-Encoding` header's values, joined: read when [`needs`]
    /// says [`Needs::AcceptEncoding`], else `None`.
    pub accept_encoding: Option<&'a str>,
    /// The body: read when [`needs`] says [`Needs::Body`], else `Empty`.
    pub body: RequestBody<'a>,
}

impl<'a> Request<'a> {
    /// A request of which the host read only the method and the target.
    pub fn new(method: &'a str, target: &'a str) -> Request<'a> {
        Request {
            method,
            target,
            accept_encoding: None,
            body: RequestBody::Empty,
        }
    }
}

/// What the routes read of a request besides its method and target; a host
/// reads nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Nothing more: every API answer.
    Nothing,
    /// The `Accept-Encoding` header: the page's files and the OpenAPI
    /// document, which go out gzipped to clients that take gzip.
    AcceptEncoding,
    /// The body, at most [`MAX_BODY_BYTES`]: `POST /api/batch`.
    Body,
}

/// What a host must read of the request `method target` before it calls
/// [`handle`].
pub fn needs(method: &str, target: &str) -> Needs {
    with_path(target, |path, _| match (method, route(path)) {
        ("POST", Route::Batch) => Needs::Body,
        ("GET" | "HEAD", Route::Asset(_) | Route::OpenApi) => Needs::AcceptEncoding,
        _ => Needs::Nothing,
    })
}

/// The request body, as the host could read it (only `POST /api/batch`
/// reads one; see [`needs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestBody<'a> {
    /// No body, or one the route does not read.
    Empty,
    /// The whole body, at most [`MAX_BODY_BYTES`].
    Read(&'a [u8]),
    /// Over [`MAX_BODY_BYTES`]: the host stopped reading.
    TooLarge,
    /// The connection failed while the body was read.
    Unreadable,
}

/// The most body the service reads (`POST /api/batch`); more is a 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The most inputs one batch converts; more is a 413.
const MAX_BATCH_INPUTS: usize = 1000;

/// `f` of a request target's path and query: the target in origin form
/// and without a fragment (clients send none, and Express drops one).
fn with_path<T>(target: &str, f: impl FnOnce(&str, &str) -> T) -> T {
    let target = origin_form(target);
    let target = target
        .split_once('#')
        .map_or(&*target, |(before, _)| before);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    f(path, query)
}

/// Answers one request; `now` is read only for an empty `:date`.
pub fn handle(request: Request<'_>, now: impl FnOnce() -> Timestamp) -> Response {
    let Request {
        method,
        target,
        accept_encoding,
        body,
    } = request;
    let mut response = with_path(target, |path, query| {
        respond(method, path, query, accept_encoding, body, now)
    });
    if method == "HEAD" {
        response.body = Cow::Borrowed(&[]);
    } else if response.status != 204 {
        // A length lets the host skip chunked encoding.
        let length = itoa::Buffer::new().format(response.body.len()).to_owned();
        response.headers.push(("content-length", length.into()));
    }
    response
}

fn respond(
    method: &str,
    path: &str,
    query: &str,
    accept_encoding: Option<&str>,
    body: RequestBody<'_>,
    now: impl FnOnce() -> Timestamp,
) -> Response {
    if path.len() > MAX_PATH_BYTES {
        return error(414, "URI Too Long: the path is over 2 KiB");
    }
    let route = route(path);
    let allowed = match route {
        Route::NotFound => return error(404, "Not Found"),
        Route::Batch => BATCH_METHODS,
        _ => ALLOWED_METHODS,
    };
    match (method, matches!(route, Route::Batch)) {
        ("OPTIONS", _) => return preflight(allowed),
        ("POST", true) | ("GET" | "HEAD", false) => {}
        _ => {
            let mut response = error(405, "Method Not Allowed");
            response.headers.push(("allow", allowed.into()));
            return response;
        }
    }
    match route {
        Route::Convert(date) => convert_date(date, query, now),
        Route::Batch => batch(body, query, now),
        Route::Hello => json(200, Cow::Borrowed(br#"{"greeting":"hello API"}"#)),
        // The document is stored like the page's files (build.rs).
        Route::OpenApi => serve(&assets::OPENAPI, method, accept_encoding),
        Route::Health => {
            let body = format!(r#"{{"status":"ok","tzdata":"{TZDATA_RELEASE}"}}"#);
            let mut response = json(200, Cow::Owned(body.into_bytes()));
            response.headers.push(("cache-control", "no-store".into()));
            response
        }
        Route::Asset(asset) => serve(asset, method, accept_encoding),
        Route::NotFound => unreachable!("answered above"),
    }
}

/// `POST /api/batch`: a JSON array of inputs in, the array of answers out,
/// in order. Every empty input in one batch is the same now.
fn batch(body: RequestBody<'_>, query: &str, now: impl FnOnce() -> Timestamp) -> Response {
    let options = match options(query) {
        Ok(options) => options,
        Err(response) => return response,
    };
    let bytes = match body {
        RequestBody::Read(bytes) => bytes,
        RequestBody::Empty => &[][..],
        RequestBody::TooLarge => return error(413, "Payload Too Large: the body is over 64 KiB"),
        RequestBody::Unreadable => return error(400, "Bad Request: the body could not be read"),
    };
    let Some(inputs) = string_array::parse(bytes) else {
        return error(400, "Bad Request: the body must be a JSON array of strings");
    };
    if inputs.len() > MAX_BATCH_INPUTS {
        return error(413, "Payload Too Large: at most 1000 inputs");
    }
    // Only an empty input reads the clock (`jsdate::convert_in_zone`),
    // so the batch reads it once, before any answer, or not at all.
    let now_once = inputs.iter().any(|input| input.is_empty()).then(now);
    let now = || now_once.unwrap_or(Timestamp::MIN);
    let mut json_array = String::with_capacity(2 + inputs.len() * 64);
    json_array.push('[');
    for (i, input) in inputs.iter().enumerate() {
        if i > 0 {
            json_array.push(',');
        }
        options.write_json(options.convert(input, now), &mut json_array);
    }
    json_array.push(']');
    let mut response = json(200, json_array.into_bytes().into());
    response.headers.push(("cache-control", "no-store".into()));
    response
}

/// Reads `unit`, `format` and `tz` from the query; other parameters are
/// ignored. A bad value is a 400 that says what is accepted.
fn options(query: &str) -> Result<Options<Zone>, Response> {
    let mut options = Options::default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if let Err(e) = options.set(&name, &value) {
            return Err(error(400, &format!("Bad Request: {e}")));
        }
    }
    Ok(options)
}

fn convert_date(raw: &str, query: &str, now: impl FnOnce() -> Timestamp) -> Response {
    let options = match options(query) {
        Ok(options) => options,
        Err(response) => return response,
    };
    let input = if !raw.contains('%') {
        // Nothing to decode, and the text is already UTF-8: most dates.
        Cow::Borrowed(raw)
    } else if !is_well_formed_percent_encoding(raw) {
        // Express answers a broken escape in a route parameter with a 400
        // rather than guessing; so do we. percent-encoding alone would pass
        // `%zz` through untouched.
        return error(400, "Bad Request: broken percent-encoding in the date");
    } else {
        match percent_encoding::percent_decode_str(raw).decode_utf8() {
            Ok(input) => input,
            Err(_) => return error(400, "Bad Request: the date is not UTF-8"),
        }
    };
    let body = match options.answer(&input, now) {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    };
    let mut response = json(200, body);
    let cache = if input.is_empty() {
        "no-store"
    } else {
        CACHE_FOREVER
    };
    response.headers.push(("cache-control", cache.into()));
    response
}

/// Every `%` starts a two-hex-digit escape.
fn is_well_formed_percent_encoding(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'%') {
        let escape = i + offset;
        match bytes.get(escape + 1..escape + 3) {
            Some([hi, lo]) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => i = escape + 3,
            _ => return false,
        }
    }
    true
}

fn serve(asset: &'static Asset, method: &str, accept_encoding: Option<&str>) -> Response {
    let mut response = base(200);
    response
        .headers
        .push(("content-type", asset.content_type.into()));
    if asset.content_type.starts_with("text/html") {
        response
            .headers
            .push(("content-security-policy", PAGE_CSP.into()));
        // The page names its scripts without hashes: revalidate each visit.
        response.headers.push(("cache-control", "no-cache".into()));
    } else {
        response
            .headers
            .push(("cache-control", "public, max-age=3600".into()));
    }
    // No header, or one without gzip, gets the file as it is. (Without the
    // header any coding is allowed, but curl and scripts then get what they
    // asked for in the URL.)
    let send_gzipped = asset.gzipped && accept_encoding.is_some_and(accepts_gzip);
    if asset.gzipped {
        response.headers.push(("vary", "accept-encoding".into()));
    }
    if send_gzipped {
        response.headers.push(("content-encoding", "gzip".into()));
    }
    // A HEAD answer has no body (`handle`): nothing to read.
    if method != "HEAD" {
        response.body = if asset.gzipped && !send_gzipped {
            asset.bytes()
        } else {
            asset.stored.all()
        };
    }
    response
}

/// Whether an `Accept-Encoding` value takes gzip (RFC 9110 §12.5.3):
/// `gzip` (or `x-gzip`) listed, or else `*`, without `q=0`. Weights above
/// zero are not compared (`gzip;q=0.1, identity` gets gzip), and a request
/// that refuses every coding, identity too, gets the file as it is rather
/// than a 406: both are a server's choice (RFC 9110 §12.1).
fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut any = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim();
        let refused = parts.any(is_zero_weight);
        if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            return !refused;
        }
        if coding == "*" {
            any = !refused;
        }
    }
    any
}

/// Whether a parameter is `q=0` (`0`, `0.`, `0.0`, `0.00`, `0.000`).
fn is_zero_weight(parameter: &str) -> bool {
    let Some((name, value)) = parameter.split_once('=') else {
        return false;
    };
    let value = value.trim();
    name.trim().eq_ignore_ascii_case("q")
        && (value == "0"
            || value
                .strip_prefix("0.")
                .is_some_and(|zeros| zeros.bytes().all(|b| b == b'0')))
}

fn preflight(allowed: &'static str) -> Response {
    let mut response = base(204);
    response.headers.extend([
        ("access-control-allow-methods", allowed.into()),
        ("access-control-allow-headers", "*".into()),
        ("access-control-max-age", "86400".into()),
    ]);
    response
}

fn error(status: u16, message: &str) -> Response {
    // Written, not built as a `serde_json::Value`: serialising a `Value`
    // links serde_json's number formatting and its tables, bytes the
    // component would carry for an object that only ever holds a string.
    let mut body = String::from(r#"{"error":"#);
    body.push_str(&serde_json::to_string(message).unwrap_or_default());
    body.push('}');
    let mut response = json(status, body.into_bytes().into());
    response.headers.push(("cache-control", "no-store".into()));
    response
}

fn json(status: u16, body: Cow<'static, [u8]>) -> Response {
    let mut response = base(status);
    response.headers.push(("content-type", JSON.into()));
    response.body = body;
    response
}

/// Room for every header an answer carries, so that adding one never moves
/// the list: allocation is a large share of the component's own work per
/// request.
const HEADERS_CAPACITY: usize = 8;

/// The headers every answer carries.
fn base(status: u16) -> Response {
    let mut headers = Vec::with_capacity(HEADERS_CAPACITY);
    headers.extend([
        ("access-control-allow-origin", "*".into()),
        ("x-content-type-options", "nosniff".into()),
    ]);
    Response {
        status,
        headers,
        body: Cow::Borrowed(&[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch() -> Timestamp {
        Timestamp::from_unix_ms(0).unwrap()
    }

    fn get(target: &str) -> Response {
        handle(Request::new("GET", target), epoch)
    }

    /// `POST target` with `body` read.
    fn post<'a>(target: &'a str, body: &'a [u8]) -> Request<'a> {
        Request {
            body: RequestBody::Read(body),
            ..Request::new("POST", target)
        }
    }

    fn body(response: &Response) -> &str {
        std::str::from_utf8(&response.body).unwrap()
    }

    /// The document is exact about `tz`: it takes the names the zone
    /// database holds, and the document names the release they are from.
    #[test]
    fn the_openapi_document_names_the_zones_and_their_release() {
        let answer = handle(Request::new("GET", "/api/openapi.json"), || {
            unreachable!("no date is read")
        });
        let document: serde_json::Value = serde_json::from_slice(&answer.body).expect("JSON");
        assert_eq!(document["info"]["x-tzdata-release"], TZDATA_RELEASE);
        let names: Vec<String> = Zone::names().map(String::from).collect();
        assert!(names.len() > 500, "{} zones", names.len());
        assert_eq!(
            document["components"]["parameters"]["tz"]["schema"]["enum"],
            serde_json::json!(names)
        );
        let health = &document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["properties"]["tzdata"]["const"];
        assert_eq!(health, TZDATA_RELEASE);
    }

    #[test]
    fn routes() {
        // (method, target, status, body)
        let now = r#"{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"}"#;
        let fcc = r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#;
        let christmas_2016 = r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#;
        let christmas_2015 = r#"{"unix":1451001600000,"utc":"Fri, 25 Dec 2015 00:00:00 GMT"}"#;
        let invalid = r#"{"error":"Invalid Date"}"#;
        let health = format!(r#"{{"status":"ok","tzdata":"{TZDATA_RELEASE}"}}"#);
        let table: &[(&str, &str, u16, &str)] = &[
            ("GET", "/api", 200, now),
            ("GET", "/api/", 200, now),
            ("GET", "/api?x=1", 200, now),
            ("GET", "/api/2016-12-25", 200, christmas_2016),
            ("GET", "/api/2016-12-25/", 200, christmas_2016),
            ("GET", "/api/1451001600000", 200, christmas_2015),
            ("GET", "/api/05%20October%202011%2C%20GMT", 200, fcc),
            ("GET", "/api/05%20October%202011,%20GMT?q=x", 200, fcc),
            ("GET", "/api/this-is-not-a-date", 200, invalid),
            // `+` is not a space in a path: "05+October+2011,+GMT" is invalid.
            ("GET", "/api/05+October+2011,+GMT", 200, invalid),
            ("GET", "/api/12%2F25%2F2015", 200, christmas_2015),
            ("GET", "/api/%00", 200, invalid),
            ("GET", "/api/hello", 200, r#"{"greeting":"hello API"}"#),
            ("GET", "/healthz", 200, &health),
            ("GET", "/api/1482624000?unit=s", 200, christmas_2016),
            (
                "GET",
                "/api/1482624000123456?unit=us",
                200,
                r#"{"unix":1482624000123,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#,
            ),
            ("GET", "/api/1482624000?unit=auto&x=y", 200, christmas_2016),
            (
                "GET",
                "/api/1482624000?unit=h",
                400,
                r#"{"error":"Bad Request: unit must be one of s, ms, us, ns, auto"}"#,
            ),
            (
                "GET",
                "/api/2016-12-25?format=full",
                200,
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z"}"#,
            ),
            ("GET", "/api/x?format=full", 200, invalid),
            (
                "GET",
                "/api/2016-12-25?format=xml",
                400,
                r#"{"error":"Bad Request: format must be full or default"}"#,
            ),
            ("POST", "/healthz", 405, r#"{"error":"Method Not Allowed"}"#),
            ("GET", "/api/12/25/2015", 404, r#"{"error":"Not Found"}"#),
            ("GET", "/api//", 404, r#"{"error":"Not Found"}"#),
            ("GET", "/api//2016", 404, r#"{"error":"Not Found"}"#),
            ("GET", "/apix", 404, r#"{"error":"Not Found"}"#),
            ("GET", "/API/2016-12-25", 200, christmas_2016),
            ("GET", "/Api/Hello", 200, r#"{"greeting":"hello API"}"#),
            ("GET", "/api/2016-12-25#x", 200, christmas_2016),
            (
                "GET",
                "/api?format=full#x",
                200,
                r#"{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT","iso":"1970-01-01T00:00:00.000Z"}"#,
            ),
            (
                "GET",
                "http://127.0.0.1/api/hello",
                200,
                r#"{"greeting":"hello API"}"#,
            ),
            (
                "GET",
                "HTTPS://x:443/api?format=full",
                200,
                r#"{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT","iso":"1970-01-01T00:00:00.000Z"}"#,
            ),
            ("GET", "http://x/nope", 404, r#"{"error":"Not Found"}"#),
            ("GET", "http:/api/hello", 404, r#"{"error":"Not Found"}"#),
            ("HEAD", "/nope", 404, ""),
            ("HEAD", "/api/%zz", 400, ""),
            ("GET", "/nope", 404, r#"{"error":"Not Found"}"#),
            ("GET", "/api/..", 200, invalid),
            (
                "GET",
                "/api/%",
                400,
                r#"{"error":"Bad Request: broken percent-encoding in the date"}"#,
            ),
            (
                "GET",
                "/api/%zz",
                400,
                r#"{"error":"Bad Request: broken percent-encoding in the date"}"#,
            ),
            (
                "GET",
                "/api/%2",
                400,
                r#"{"error":"Bad Request: broken percent-encoding in the date"}"#,
            ),
            (
                "GET",
                "/api/%ff%fe",
                400,
                r#"{"error":"Bad Request: the date is not UTF-8"}"#,
            ),
            (
                "POST",
                "/api/2016-12-25",
                405,
                r#"{"error":"Method Not Allowed"}"#,
            ),
            ("DELETE", "/api", 405, r#"{"error":"Method Not Allowed"}"#),
            ("POST", "/nope", 404, r#"{"error":"Not Found"}"#),
            ("OPTIONS", "/api/2016-12-25", 204, ""),
            ("HEAD", "/api/2016-12-25", 200, ""),
        ];
        for &(method, target, status, expected) in table {
            let response = handle(Request::new(method, target), epoch);
            assert_eq!(
                (response.status, body(&response)),
                (status, expected),
                "{method} {target}"
            );
            assert_eq!(
                response.header("access-control-allow-origin"),
                Some("*"),
                "{method} {target}"
            );
            assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
            assert_eq!(
                response.headers.capacity(),
                HEADERS_CAPACITY,
                "{method} {target}: the header list grew"
            );
        }
    }

    #[test]
    fn headers() {
        let fixed = get("/api/2016-12-25");
        assert_eq!(fixed.header("content-type"), Some(JSON));
        assert_eq!(fixed.header("cache-control"), Some(CACHE_FOREVER));
        assert_eq!(get("/api").header("cache-control"), Some("no-store"));

        assert_eq!(fixed.header("content-length"), Some("60"));
        let head = handle(Request::new("HEAD", "/api/2016-12-25"), epoch);
        let without_length: Vec<_> = fixed
            .headers
            .iter()
            .filter(|(n, _)| *n != "content-length")
            .cloned()
            .collect();
        assert_eq!(
            head.headers, without_length,
            "HEAD has GET's headers but the length"
        );

        let not_allowed = handle(Request::new("PUT", "/api"), epoch);
        assert_eq!(not_allowed.header("allow"), Some(ALLOWED_METHODS));

        let preflight = handle(Request::new("OPTIONS", "/api"), epoch);
        assert_eq!(
            preflight.header("access-control-allow-methods"),
            Some(ALLOWED_METHODS)
        );
        assert_eq!(preflight.header("access-control-allow-headers"), Some("*"));
    }

    #[test]
    fn zones() {
        let table: &[(&str, u16, &str)] = &[
            (
                "/api/Dec%2025%202016?tz=America/New_York",
                200,
                r#"{"unix":1482642000000,"utc":"Sun, 25 Dec 2016 05:00:00 GMT","local":"2016-12-25T00:00:00.000-05:00","tz":"America/New_York"}"#,
            ),
            (
                "/api/2016-12-25?tz=Asia%2FKolkata&format=full",
                200,
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z","local":"2016-12-25T05:30:00.000+05:30","tz":"Asia/Kolkata"}"#,
            ),
            (
                "/api/x?tz=Europe/London",
                200,
                r#"{"error":"Invalid Date"}"#,
            ),
            (
                "/api/2016-12-25?tz=Mars/Olympus",
                400,
                r#"{"error":"Bad Request: tz must be an IANA time zone name, like America/New_York"}"#,
            ),
        ];
        for &(target, status, expected) in table {
            let response = get(target);
            assert_eq!(
                (response.status, body(&response)),
                (status, expected),
                "{target}"
            );
        }
        let batch = handle(
            post(
                "/api/batch?tz=Australia/Lord_Howe",
                br#"["2021-10-03T02:15"]"#,
            ),
            epoch,
        );
        assert_eq!(
            body(&batch),
            r#"[{"unix":1633189500000,"utc":"Sat, 02 Oct 2021 15:45:00 GMT","local":"2021-10-03T02:45:00.000+11:00","tz":"Australia/Lord_Howe"}]"#,
            "a wall time in the spring gap takes the offset before the change"
        );
    }

    #[test]
    fn batches() {
        let batch = |target: &str, body: RequestBody<'_>| {
            handle(
                Request {
                    body,
                    ..Request::new("POST", target)
                },
                epoch,
            )
        };
        let table: &[(&str, RequestBody<'_>, u16, &str)] = &[
            (
                "/api/batch",
                RequestBody::Read(br#"["2016-12-25","x",""]"#),
                200,
                r#"[{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"},{"error":"Invalid Date"},{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"}]"#,
            ),
            ("/api/batch", RequestBody::Read(b"[]"), 200, "[]"),
            (
                "/api/batch?unit=s&format=full",
                RequestBody::Read(br#"["1482624000"]"#),
                200,
                r#"[{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z"}]"#,
            ),
            (
                "/api/batch",
                RequestBody::Read(b"{}"),
                400,
                r#"{"error":"Bad Request: the body must be a JSON array of strings"}"#,
            ),
            (
                "/api/batch",
                RequestBody::Read(b"[1]"),
                400,
                r#"{"error":"Bad Request: the body must be a JSON array of strings"}"#,
            ),
            (
                "/api/batch",
                RequestBody::Read(br#"["\ud800"]"#),
                400,
                r#"{"error":"Bad Request: the body must be a JSON array of strings"}"#,
            ),
            (
                "/api/batch",
                RequestBody::Empty,
                400,
                r#"{"error":"Bad Request: the body must be a JSON array of strings"}"#,
            ),
            (
                "/api/batch",
                RequestBody::TooLarge,
                413,
                r#"{"error":"Payload Too Large: the body is over 64 KiB"}"#,
            ),
            (
                "/api/batch",
                RequestBody::Unreadable,
                400,
                r#"{"error":"Bad Request: the body could not be read"}"#,
            ),
            (
                "/api/batch?unit=h",
                RequestBody::Read(b"[]"),
                400,
                r#"{"error":"Bad Request: unit must be one of s, ms, us, ns, auto"}"#,
            ),
        ];
        for &(target, ref request_body, status, expected) in table {
            let response = batch(target, *request_body);
            assert_eq!(
                (response.status, body(&response)),
                (status, expected),
                "{target} {request_body:?}"
            );
        }

        let many = format!("[{}]", vec!["\"1\""; MAX_BATCH_INPUTS + 1].join(","));
        let response = batch("/api/batch", RequestBody::Read(many.as_bytes()));
        assert_eq!(
            (response.status, body(&response)),
            (413, r#"{"error":"Payload Too Large: at most 1000 inputs"}"#)
        );
        let most = format!("[{}]", vec!["\"1\""; MAX_BATCH_INPUTS].join(","));
        assert_eq!(
            batch("/api/batch", RequestBody::Read(most.as_bytes())).status,
            200
        );

        // Other methods on the batch route, and POST elsewhere.
        for method in ["GET", "HEAD", "PUT"] {
            let response = handle(Request::new(method, "/api/batch"), epoch);
            assert_eq!(
                (response.status, response.header("allow")),
                (405, Some(BATCH_METHODS)),
                "{method}"
            );
        }
        let preflight = handle(Request::new("OPTIONS", "/api/batch"), epoch);
        assert_eq!(
            preflight.header("access-control-allow-methods"),
            Some(BATCH_METHODS)
        );
        assert_eq!(
            handle(Request::new("POST", "/api/2016-12-25"), epoch).status,
            405
        );
    }

    #[test]
    fn a_batch_reads_the_clock_once() {
        let mut reads = 0;
        let response = handle(post("/api/batch", br#"["","",""]"#), || {
            reads += 1;
            Timestamp::MAX
        });
        assert_eq!((response.status, reads), (200, 1));
        let now = r#"{"unix":8640000000000000,"utc":"Sat, 13 Sep 275760 00:00:00 GMT"}"#;
        assert_eq!(body(&response), format!("[{now},{now},{now}]"));
        let without_empty = handle(post("/api/batch", br#"["0","x"]"#), || {
            unreachable!("no input is empty")
        });
        assert_eq!(
            body(&without_empty),
            r#"[{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"},{"error":"Invalid Date"}]"#
        );
    }

    #[test]
    fn the_clock_is_read_only_for_now() {
        let response = handle(Request::new("GET", "/api/2016-12-25"), || {
            unreachable!("a fixed date")
        });
        assert_eq!(response.status, 200);
    }

    #[test]
    fn long_paths() {
        let at_limit = format!("/api/{}", "1".repeat(MAX_PATH_BYTES - 5));
        assert_eq!(get(&at_limit).status, 200);
        let over = format!("/api/{}", "1".repeat(MAX_PATH_BYTES - 4));
        assert_eq!(get(&over).status, 414);
        // The query does not count toward the limit.
        let long_query = format!("/api/2016?{}", "x".repeat(64 * 1024));
        assert_eq!(get(&long_query).status, 200);
    }

    #[test]
    fn origin_forms() {
        let table = [
            ("/api/x?y", "/api/x?y"),
            ("http://h/api/x?y", "/api/x?y"),
            ("HTTPS://h:443/", "/"),
            ("http://h", "/"),
            ("http://h?q=1", "/?q=1"),
            ("http://h#f", "/#f"),
            ("*", "*"),
            ("http:/x", "http:/x"),
        ];
        for (target, origin) in table {
            assert_eq!(origin_form(target), origin, "{target}");
        }
    }

    #[test]
    fn percent_encoding_checks() {
        let table = [
            ("", true),
            ("abc", true),
            ("%20", true),
            ("a%2Fb%2f", true),
            ("%", false),
            ("%2", false),
            ("%zz", false),
            ("%%20", false),
            ("a%2", false),
        ];
        for (s, ok) in table {
            assert_eq!(is_well_formed_percent_encoding(s), ok, "{s:?}");
        }
    }

    #[test]
    fn the_page_is_served() {
        let index = assets::find("/index.html").expect("www/index.html is embedded");
        let page = get("/");
        assert_eq!(page.status, 200);
        assert_eq!(page.body, index.bytes());
        assert_eq!(
            page.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(page.header("content-security-policy"), Some(PAGE_CSP));
        assert_eq!(page.header("content-encoding"), None);
        assert_eq!(page.header("vary"), Some("accept-encoding"));
        // A browser's Accept-Encoding: the stored gzip as it is.
        let gzip = |method: &str| {
            handle(
                Request {
                    accept_encoding: Some("gzip, deflate, br, zstd"),
                    ..Request::new(method, "/")
                },
                epoch,
            )
        };
        let page = gzip("GET");
        assert_eq!(page.body, index.stored.all());
        assert_eq!(page.header("content-encoding"), Some("gzip"));
        assert_eq!(page.header("vary"), Some("accept-encoding"));
        let length = index.stored.len().to_string();
        assert_eq!(page.header("content-length"), Some(length.as_str()));
        // The answer with the most headers.
        assert_eq!(page.headers.len(), HEADERS_CAPACITY);
        assert_eq!(page.headers.capacity(), HEADERS_CAPACITY);
        let head = gzip("HEAD");
        assert_eq!((head.status, head.body.len()), (200, 0));
        assert_eq!(head.header("content-encoding"), Some("gzip"));
        let plain_head = handle(Request::new("HEAD", "/"), epoch);
        assert_eq!((plain_head.status, plain_head.body.len()), (200, 0));
        assert_eq!(plain_head.header("content-encoding"), None);
        assert_eq!(plain_head.header("vary"), Some("accept-encoding"));
    }

    #[test]
    fn accept_encodings() {
        // (Accept-Encoding, takes gzip)
        let table = [
            ("gzip", true),
            ("GZIP", true),
            ("x-gzip", true),
            ("gzip, deflate, br, zstd", true),
            ("br;q=1.0, gzip;q=0.8, *;q=0.1", true),
            (" deflate , gzip ; q=0.001", true),
            ("*", true),
            ("br, *", true),
            ("", false),
            ("identity", false),
            ("br, deflate", false),
            ("gzip;q=0", false),
            ("gzip; q=0.000", false),
            ("gzip;Q=0.", false),
            ("*;q=0", false),
            ("gzip;q=0, *", false),
            ("*, gzip;q=0", false),
            ("gzip, gzip;q=0", true),
            ("gzipx", false),
            ("x-gzip;q=0, gzip", false),
        ];
        for (header, takes) in table {
            assert_eq!(accepts_gzip(header), takes, "{header:?}");
        }
    }

    #[test]
    fn what_each_request_needs_read() {
        // (method, target, what the host must read besides)
        let table = [
            ("GET", "/api/2016-12-25", Needs::Nothing),
            ("GET", "/api/openapi.json", Needs::AcceptEncoding),
            ("HEAD", "/API/OpenAPI.json", Needs::AcceptEncoding),
            ("OPTIONS", "/api/openapi.json", Needs::Nothing),
            ("GET", "/api", Needs::Nothing),
            ("GET", "/healthz", Needs::Nothing),
            ("GET", "/nope", Needs::Nothing),
            ("OPTIONS", "/", Needs::Nothing),
            ("POST", "/", Needs::Nothing),
            ("GET", "/", Needs::AcceptEncoding),
            ("HEAD", "/?x=1", Needs::AcceptEncoding),
            ("GET", "http://h/app.js", Needs::AcceptEncoding),
            ("GET", "/app.js#top", Needs::AcceptEncoding),
            ("POST", "/api/batch", Needs::Body),
            ("POST", "/api/batch?unit=s", Needs::Body),
            ("POST", "http://127.0.0.1/api/batch", Needs::Body),
            ("POST", "/api/batch#x", Needs::Body),
            ("POST", "/API/batch?tz=UTC#x", Needs::Body),
            ("GET", "/api/batch", Needs::Nothing),
            ("POST", "/api/x", Needs::Nothing),
            ("POST", "/api/2016#batch", Needs::Nothing),
        ];
        for (method, target, expected) in table {
            assert_eq!(needs(method, target), expected, "{method} {target}");
        }
    }
}
