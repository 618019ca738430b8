//! The API over real HTTP on loopback, in the host under test (see
//! common/host.rs): the Spin component in `wasmtime serve`, `spin up` or
//! `jco serve`, or the Cloudflare worker in workerd. Behind the `hosts`
//! feature, after `scripts/build`:
//! `TIMESTAMP_TEST_HOST=spin cargo test -p timestamp-http --features hosts`.

mod common;

use std::io::Read as _;
use std::time::{SystemTime, UNIX_EPOCH};

use common::host::{Host, component};
use common::{corpus, is_date, repo_root};
use jsdate::Timestamp;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64
}

#[test]
fn the_freecodecamp_checks() {
    let host = Host::start();
    let table = [
        (
            "/api/2016-12-25",
            json!({"unix": 1482624000000_i64, "utc": "Sun, 25 Dec 2016 00:00:00 GMT"}),
        ),
        (
            "/api/1451001600000",
            json!({"unix": 1451001600000_i64, "utc": "Fri, 25 Dec 2015 00:00:00 GMT"}),
        ),
        (
            "/api/05%20October%202011,%20GMT",
            json!({"unix": 1317772800000_i64, "utc": "Wed, 05 Oct 2011 00:00:00 GMT"}),
        ),
        ("/api/this-is-not-a-date", json!({"error": "Invalid Date"})),
    ];
    for (target, expected) in table {
        let response = host.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.json(), expected, "{target}");
        assert_eq!(
            response.header("access-control-allow-origin"),
            Some("*"),
            "{target}"
        );
        assert_eq!(
            response.header("content-type"),
            Some("application/json; charset=utf-8")
        );
    }
}

#[test]
fn an_empty_date_is_now() {
    let host = Host::start();
    for target in ["/api", "/api/"] {
        let response = host.get(target);
        let body = response.json();
        let unix = body["unix"].as_i64().expect("unix is an integer");
        assert!(
            (unix - now_ms()).abs() < 20_000,
            "{target}: {unix} is not now"
        );
        let utc = Timestamp::from_unix_ms(unix)
            .expect("in range")
            .utc_string();
        assert_eq!(
            body["utc"],
            utc.as_str(),
            "{target}: utc names the same instant"
        );
        assert_eq!(response.header("cache-control"), Some("no-store"));
        assert_eq!(response.header("access-control-allow-origin"), Some("*"));
    }
}

/// Under the flags scripts/run serves with: one instance reused across
/// requests, which must not change any answer.
#[test]
fn the_whole_corpus_over_http() {
    let cases = corpus();
    let host = Host::start_as_served();
    // On one connection, as a browser or a client library sends them.
    let mut connection = host.keep_alive();
    let mut wrong = Vec::new();
    for case in &cases {
        let target = format!(
            "/api/{}",
            utf8_percent_encode(&case.input, NON_ALPHANUMERIC)
        );
        let response = connection.get(&target);
        if response.status != 200 || response.json() != case.expected {
            wrong.push(format!(
                "{:?}: node {} / http {} {}",
                case.input,
                case.expected,
                response.status,
                String::from_utf8_lossy(&response.body)
            ));
        }
    }
    let dates = cases.iter().filter(|c| is_date(&c.expected)).count();
    assert!(
        wrong.is_empty(),
        "{} of {} disagree:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    assert!(dates > 1000, "the corpus checks dates, not just errors");
}

#[test]
fn errors_are_json_and_never_5xx() {
    let host = Host::start();
    let long_path = format!("/api/{}", "1".repeat(3000));
    // (method, target, status, error message or None for a success body)
    let table: &[(&str, &str, u16, Option<&str>)] = &[
        ("GET", "/nope", 404, Some("Not Found")),
        ("GET", "/api/12/25/2015", 404, Some("Not Found")),
        ("POST", "/api/2016-12-25", 405, Some("Method Not Allowed")),
        ("PUT", "/api", 405, Some("Method Not Allowed")),
        ("DELETE", "/api/hello", 405, Some("Method Not Allowed")),
        ("PATCH", "/", 405, Some("Method Not Allowed")),
        (
            "GET",
            "/api/%zz",
            400,
            Some("Bad Request: broken percent-encoding in the date"),
        ),
        (
            "GET",
            "/api/%",
            400,
            Some("Bad Request: broken percent-encoding in the date"),
        ),
        (
            "GET",
            "/api/%ff%fe",
            400,
            Some("Bad Request: the date is not UTF-8"),
        ),
        (
            "GET",
            &long_path,
            414,
            Some("URI Too Long: the path is over 2 KiB"),
        ),
        ("GET", "/api/%00", 200, Some("Invalid Date")),
        ("GET", "/api/hello", 200, None),
    ];
    for &(method, target, status, error) in table {
        let response = host.request(method, target);
        let shown = &target[..target.len().min(40)];
        assert_eq!(response.status, status, "{method} {shown}");
        assert_eq!(
            response.header("access-control-allow-origin"),
            Some("*"),
            "{method} {shown}"
        );
        match error {
            Some(message) => assert_eq!(
                response.json(),
                json!({"error": message}),
                "{method} {shown}"
            ),
            None => assert_eq!(response.json(), json!({"greeting": "hello API"})),
        }
        if status == 405 {
            assert_eq!(response.header("allow"), Some("GET, HEAD, OPTIONS"));
        }
    }
}

/// An instance reused for the next request keeps its header list's buffers
/// (crates/spin/src/lib.rs): every answer must still carry exactly its own
/// headers, whatever answer the instance gave before, with more headers or
/// fewer.
#[test]
fn a_reused_instance_sends_only_each_answers_own_headers() {
    use timestamp_http::routes;

    let host = Host::start_as_served();
    let requests = [
        ("GET", "/"),
        ("GET", "/api/2016-12-25"),
        ("OPTIONS", "/api"),
        ("GET", "/api/05%20October%202011%2C%20GMT"),
        ("GET", "/nope"),
        ("PUT", "/api/hello"),
    ];
    let sorted = |mut headers: Vec<(String, String)>| {
        headers.sort();
        headers
    };
    // Enough rounds for every worker's instance to give each answer after
    // each other one.
    for _ in 0..6 {
        for (method, target) in requests {
            let expected = routes::handle(routes::Request::new(method, target), || {
                unreachable!("no date is empty")
            });
            // Where the host drops Content-Length, it frames the body itself.
            let framing = host.kind.drops_encoding_headers();
            let expected = sorted(
                expected
                    .headers
                    .iter()
                    .filter(|(name, _)| !(framing && *name == "content-length"))
                    .map(|(name, value)| (name.to_string(), value.to_string()))
                    .collect(),
            );
            let response = host.request(method, target);
            // `date`, and `connection: close` for the request's own, are
            // the host's.
            let got = sorted(
                response
                    .headers
                    .into_iter()
                    .filter(|(name, _)| name != "date" && name != "connection")
                    .filter(|(name, _)| !(framing && name == "transfer-encoding"))
                    .collect(),
            );
            assert_eq!(got, expected, "{method} {target}");
        }
    }
}

#[test]
fn preflight_and_head() {
    let host = Host::start();
    let preflight = host.send(
        b"OPTIONS /api/2016-12-25 HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://example.org\r\n\
          Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("GET, HEAD, OPTIONS")
    );
    assert!(preflight.body.is_empty());

    let head = host.request("HEAD", "/api/2016-12-25");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        head.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
}

#[test]
fn the_page_and_its_wasm_are_served_with_their_types() {
    let host = Host::start();
    let page = host.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        page.body,
        std::fs::read(repo_root().join("www/index.html")).expect("www/index.html")
    );
    let csp = page
        .header("content-security-policy")
        .expect("the page has a CSP");
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("default-src 'self'"),
        "{csp}"
    );

    let wasm = host.get("/pkg/timestamp_bg.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(&wasm.body[..4], b"\0asm");
    // Over the 4 KiB one wasi:io `blocking-write-and-flush` takes, so it
    // goes out in one `write` (crates/spin/src/output_stream.rs): every byte
    // arrives.
    let built =
        std::fs::read(repo_root().join("target/pkg/page/timestamp_bg.wasm")).expect("built");
    assert!(built.len() > 4 * 4096);
    assert!(
        wasm.body == built,
        "{} of {} bytes",
        wasm.body.len(),
        built.len()
    );

    // The page's scripts: its own, and the module it imports.
    for path in ["/app.js", "/pkg/timestamp.js"] {
        let script = host.get(path);
        assert_eq!(script.status, 200, "{path}");
        assert_eq!(
            script.header("content-type"),
            Some("text/javascript; charset=utf-8"),
            "{path}"
        );
    }
}

#[test]
fn the_page_goes_out_gzipped_to_clients_that_take_gzip() {
    let host = Host::start();
    let get = |path: &str, accept_encoding: &str| {
        host.send(
            format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {accept_encoding}\r\n\
                 Connection: close\r\n\r\n"
            )
            .as_bytes(),
        )
    };
    for (path, file) in [
        ("/", "www/index.html"),
        ("/app.js", "www/app.js"),
        (
            "/pkg/timestamp_bg.wasm",
            "target/pkg/page/timestamp_bg.wasm",
        ),
        // Made at build time from crates/http/src/openapi.json: the routes'
        // own answer, natively, is the file.
        ("/api/openapi.json", ""),
    ] {
        let file = if file.is_empty() {
            let native = timestamp_http::routes::handle(
                timestamp_http::routes::Request::new("GET", path),
                || unreachable!("no date is read"),
            );
            native.body.into_owned()
        } else {
            std::fs::read(repo_root().join(file)).expect("the file")
        };
        // A browser's header.
        let gzipped = get(path, "gzip, deflate, br, zstd");
        if host.kind.drops_encoding_headers() {
            // Where the runtime would drop Content-Encoding, the file as it is.
            assert_eq!(gzipped.status, 200, "{path}");
            assert_eq!(gzipped.header("content-encoding"), None, "{path}");
            assert!(gzipped.body == file, "{path}: not the file");
            continue;
        }
        assert_eq!(gzipped.status, 200, "{path}");
        assert_eq!(gzipped.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(gzipped.header("vary"), Some("accept-encoding"), "{path}");
        assert!(gzipped.body.len() < file.len(), "{path}");
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&gzipped.body[..])
            .read_to_end(&mut inflated)
            .expect("gzip");
        assert!(inflated == file, "{path}: not the file once inflated");
        // gzip refused: the file as it is.
        let plain = get(path, "br, gzip;q=0");
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), None, "{path}");
        assert_eq!(plain.header("vary"), Some("accept-encoding"), "{path}");
        assert!(plain.body == file, "{path}: not the file");
    }
    // The API's answers are never encoded.
    let api = get("/api/2016-12-25", "gzip");
    assert_eq!(api.header("content-encoding"), None);
    assert_eq!(
        api.text(),
        r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#
    );
}

#[test]
fn the_component_imports_only_what_it_uses() {
    let bytes = std::fs::read(component()).expect("read the component");
    // Only the outermost component's imports are what a host must provide;
    // nested components and modules import from their siblings.
    let mut imports = Vec::new();
    let mut depth = 0;
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload.expect("a valid component") {
            wasmparser::Payload::Version { .. } => depth += 1,
            wasmparser::Payload::End(_) => depth -= 1,
            wasmparser::Payload::ComponentImportSection(section) if depth == 1 => {
                for import in section {
                    imports.push(import.expect("a valid import").name.0.to_owned());
                }
            }
            _ => {}
        }
    }
    // The interfaces, without their versions, sorted.
    let mut interfaces: Vec<&str> = imports
        .iter()
        .map(|name| name.split('@').next().unwrap_or(name))
        .collect();
    interfaces.sort_unstable();
    // Each is something the component calls: the request and the answer
    // (http, io), now for `GET /api` (clocks), a panic's message (stderr,
    // crates/spin/src/libc_overrides.rs) and the variables std reads for it
    // (environment, and exit for when they cannot be copied in). wasi-libc's
    // stdio would add stdin, stdout, the terminals and io/poll, which a host
    // would wire at every instantiation for nothing.
    assert_eq!(
        interfaces,
        [
            "wasi:cli/environment",
            "wasi:cli/exit",
            "wasi:cli/stderr",
            "wasi:clocks/wall-clock",
            "wasi:http/types",
            "wasi:io/error",
            "wasi:io/streams",
        ],
        "all imports: {imports:?}"
    );
    // A body over the 4 KiB one `blocking-write-and-flush` takes goes out in
    // writes as wide as the host permits (crates/spin/src/output_stream.rs,
    // whose tests count the calls), never in 4 KiB pieces, which stall under
    // a host that leaves Nagle's algorithm on (docs/spin-nodelay.md).
    let names = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    for call in ["check-write", "write", "blocking-flush"] {
        let import = format!("[method]output-stream.{call}");
        assert!(names(&import), "the component does not import {import}");
    }
    // It is a wasi:http proxy: it exports the incoming handler.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("wasi:http/incoming-handler@0.2.0"),
        "exports wasi:http 0.2.0"
    );
}

#[test]
fn the_component_keeps_rarely_read_bytes_out_of_its_memory_image() {
    let bytes = std::fs::read(component()).expect("read the component");
    // The memory image (active data) is what a host maps into every
    // instance; passive segments are copied in only by `memory.init`, when
    // a request reads a zone or a page file (crates/passive-bytes).
    let (mut active, mut passive, mut passive_segments) = (0, 0, 0);
    let mut left = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload.expect("a valid component") {
            wasmparser::Payload::DataSection(segments) => {
                for segment in segments {
                    let segment = segment.expect("a valid segment");
                    match segment.kind {
                        wasmparser::DataKind::Passive => {
                            passive += segment.data.len();
                            passive_segments += 1;
                        }
                        wasmparser::DataKind::Active { .. } => active += segment.data.len(),
                    }
                }
            }
            wasmparser::Payload::CustomSection(section) => left.push(section.name().to_owned()),
            wasmparser::Payload::ExportSection(exports) => {
                for export in exports {
                    left.push(export.expect("a valid export").name.to_owned());
                }
            }
            _ => {}
        }
    }
    // crates/passive-data ran: no section or loader export is left for it.
    left.retain(|name| name.starts_with("passive-bytes:"));
    assert_eq!(
        left,
        Vec::<String>::new(),
        "run crates/passive-data (spin.toml's build does)"
    );
    // Three passive segments for the zone database (its data, its names and
    // its index, crates/tzdb) and one for each file this crate's build.rs
    // embeds, the page's and the OpenAPI document (it writes the same
    // declarations for this native build).
    let generated = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/assets.rs"))
        .expect("build.rs's assets.rs");
    let files = generated.matches("passive_bytes::embed!").count();
    assert!(
        files > 1,
        "build.rs declares the embedded files with embed!"
    );
    assert_eq!(passive_segments, 3 + files, "passive segments");
    // What stays in the image fits one 64 KiB window of the kernel's
    // fault-around.
    assert!(
        active < 64 * 1024,
        "{active} bytes in the memory image, {passive} passive"
    );
}

fn post_batch(host: &Host, target: &str, body: &[u8]) -> common::host::HttpResponse {
    let mut request = format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    host.send(&request)
}

/// Every kind of answer, from the smallest to the largest the API sends,
/// arrives whole and in order on one kept-alive connection, as browsers and
/// HTTP libraries keep theirs, and is the answer the same request gets on a
/// connection of its own. (How fast each arrives is BENCHMARKS.md's
/// "latency by answer size"; tests time nothing.)
#[test]
fn answers_of_every_size_on_one_kept_alive_connection() {
    let host = Host::start_as_served();
    let cases: Vec<_> = corpus()
        .into_iter()
        .filter(|case| case.input.len() <= 40 && is_date(&case.expected))
        .take(1000)
        .collect();
    assert_eq!(cases.len(), 1000);
    let batch_of = |n: usize| {
        let inputs: Vec<&str> = cases[..n].iter().map(|c| c.input.as_str()).collect();
        serde_json::to_vec(&inputs).expect("JSON")
    };
    let gzip = "Accept-Encoding: gzip\r\n";
    // (method, target, header lines, body, the least the answer's body
    // weighs): a batch's answers are ~60 bytes each, ~160 with every field.
    let requests: [(&str, &str, &str, Vec<u8>, usize); 12] = [
        ("GET", "/api/2016-12-25", "", vec![], 60),
        ("POST", "/api/batch", "", batch_of(170), 9_000),
        ("GET", "/api/openapi.json", "", vec![], 9_000),
        ("GET", "/pkg/timestamp_bg.wasm", gzip, vec![], 9_000),
        ("GET", "/api/2016-12-25", "", vec![], 60),
        ("POST", "/api/batch", "", batch_of(1000), 55_000),
        (
            "POST",
            "/api/batch?format=full&tz=America/Argentina/Buenos_Aires",
            "",
            batch_of(1000),
            140_000,
        ),
        ("HEAD", "/", gzip, vec![], 0),
        ("OPTIONS", "/api/batch", "", vec![], 0),
        ("GET", "/nope", "", vec![], 10),
        ("PUT", "/api/hello", "", vec![], 10),
        ("GET", "/api/this-is-not-a-date", "", vec![], 20),
    ];
    let mut connection = host.keep_alive();
    for _ in 0..3 {
        for (method, target, headers, body, least) in &requests {
            let kept = connection.send(method, target, headers, body);
            let mut alone = format!(
                "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            alone.extend_from_slice(body);
            let alone = host.send(&alone);
            assert!(kept.status < 500, "{method} {target}: {}", kept.status);
            assert_eq!(kept.status, alone.status, "{method} {target}");
            for header in ["content-type", "content-encoding", "content-length"] {
                assert_eq!(
                    kept.header(header),
                    alone.header(header),
                    "{method} {target}: {header}"
                );
            }
            assert!(
                kept.body == alone.body,
                "{method} {target}: {} bytes kept-alive, {} alone",
                kept.body.len(),
                alone.body.len()
            );
            assert!(
                kept.body.len() >= *least,
                "{method} {target}: {} bytes",
                kept.body.len()
            );
        }
        // The batch's answers are node's.
        let answers = connection.send("POST", "/api/batch", "", &batch_of(1000));
        let expected: Vec<&serde_json::Value> = cases.iter().map(|c| &c.expected).collect();
        assert_eq!(answers.json(), json!(expected));
    }
}

#[test]
fn batches_over_http() {
    let host = Host::start();
    let response = post_batch(
        &host,
        "/api/batch",
        br#"["2016-12-25","1451001600000","x"]"#,
    );
    assert_eq!(response.status, 200);
    assert_eq!(
        response.json(),
        json!([
            {"unix": 1482624000000_i64, "utc": "Sun, 25 Dec 2016 00:00:00 GMT"},
            {"unix": 1451001600000_i64, "utc": "Fri, 25 Dec 2015 00:00:00 GMT"},
            {"error": "Invalid Date"},
        ])
    );
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));

    // The whole corpus in batches of 1,000 agrees with node.
    let cases = corpus();
    let mut batches = 0;
    for chunk in cases.chunks(1000) {
        let inputs: Vec<&str> = chunk.iter().map(|c| c.input.as_str()).collect();
        let body = serde_json::to_vec(&inputs).expect("JSON");
        if body.len() > 64 * 1024 {
            continue; // long inputs: the limit is tested below
        }
        let answers = post_batch(&host, "/api/batch", &body).json();
        let expected: Vec<&serde_json::Value> = chunk.iter().map(|c| &c.expected).collect();
        assert_eq!(answers, json!(expected));
        batches += 1;
    }
    assert!(batches >= 4, "only {batches} corpus batches fit in 64 KiB");

    let not_json = post_batch(&host, "/api/batch", b"2016-12-25");
    assert_eq!(not_json.status, 400);
    let too_many = format!("[{}]", vec!["\"1\""; 1001].join(","));
    assert_eq!(
        post_batch(&host, "/api/batch", too_many.as_bytes()).status,
        413
    );
    let too_big = format!("[\"{}\"]", "1".repeat(70 * 1024));
    let response = post_batch(&host, "/api/batch", too_big.as_bytes());
    assert_eq!(
        (response.status, response.json()),
        (
            413,
            json!({"error": "Payload Too Large: the body is over 64 KiB"})
        )
    );

    // No declared length: the body is still cut off at 64 KiB.
    let mut chunked = b"POST /api/batch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n{}\r\n", 8192, "1".repeat(8192)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(host.send(&chunked).status, 413);

    let get = host.get("/api/batch");
    assert_eq!(
        (get.status, get.header("allow")),
        (405, Some("POST, OPTIONS"))
    );
}

#[test]
fn time_zones_over_http() {
    let host = Host::start();
    let response = host.get("/api/2021-03-14T02:30?tz=America/New_York&format=full");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.json(),
        json!({
            "unix": 1615707000000_i64,
            "utc": "Sun, 14 Mar 2021 07:30:00 GMT",
            "iso": "2021-03-14T07:30:00.000Z",
            "local": "2021-03-14T03:30:00.000-04:00",
            "tz": "America/New_York",
        }),
        "a wall time in the spring gap takes the offset before the change, as V8 does"
    );
    let unknown = host.get("/api/2016-12-25?tz=Nowhere/Special");
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.json(),
        json!({"error": "Bad Request: tz must be an IANA time zone name, like America/New_York"})
    );
}
