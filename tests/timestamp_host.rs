//! timestamp-host (host/) as a command: what it serves, what it refuses at
//! start, and how it says so. What it answers over HTTP is tested by the
//! HTTP suites (tests/http.rs, hostile.rs, openapi.rs), which run under it.

#![cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::host::{
    Host, HostKind, HttpResponse, component, precompiled, timestamp_host, wasmtime,
};
use common::repo_root;

/// Runs timestamp-host with `args`; one that has not exited within 30 s is
/// killed and fails the test (a `serve` that was meant to be refused and
/// serves instead, say).
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(timestamp_host())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", timestamp_host().display()));
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("the exit status").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().expect("its output");
            panic!(
                "timestamp-host {args:?} still running after 30 s: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("its output")
}

/// Runs a command that must fail at once, and returns its stderr.
fn refused(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(output.status.code(), Some(2), "{args:?} exits with 2");
    String::from_utf8(output.stderr).expect("UTF-8 stderr")
}

#[test]
fn usage_errors_name_the_problem() {
    let usage = "usage: timestamp-host compile";
    let table: &[(&[&str], &str)] = &[
        (&[], usage),
        (&["frobnicate"], usage),
        (&["serve"], usage),
        (&["compile", "a.wasm"], usage),
        (
            &["serve", "--threads", "0", "x.cwasm"],
            "--threads 0: not a number from 1 to 1000000",
        ),
        (&["serve", "--threads"], "--threads needs a number"),
        (
            &["serve", "--instances", "-3", "x.cwasm"],
            "--instances -3: not a number from 1 to 1000000",
        ),
        (
            &["serve", "--header-timeout", "0", "x.cwasm"],
            "--header-timeout 0: not a number of seconds from 0.001 to 86400",
        ),
        (
            &["serve", "--request-timeout", "NaN", "x.cwasm"],
            "--request-timeout NaN: not a number of seconds",
        ),
        (
            &["serve", "--request-timeout"],
            "--request-timeout needs seconds",
        ),
        (
            &["serve", "--request-timeout", "1e-9", "x.cwasm"],
            "not a number of seconds from 0.001 to 86400",
        ),
        (
            &["serve", "--instances", "18446744073709551615", "x.cwasm"],
            "not a number from 1 to 1000000",
        ),
        (
            &["serve", "--addr", "localhost", "x.cwasm"],
            "--addr localhost:",
        ),
        (
            &["serve", "--bogus", "x.cwasm"],
            "unexpected argument \"--bogus\"",
        ),
        (
            &["serve", "--addr", "127.0.0.1:0", "/nonexistent.cwasm"],
            "/nonexistent.cwasm: No such file",
        ),
    ];
    for (args, expected) in table {
        let stderr = refused(args);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).starts_with(usage));
}

#[test]
fn refuses_what_it_cannot_serve_at_start() {
    let wasmtime_cwasm = repo_root().join("target/timestamp-host-test-by-wasmtime.cwasm");
    let status = Command::new(wasmtime())
        .arg("compile")
        .arg(component())
        .arg("-o")
        .arg(&wasmtime_cwasm)
        .status()
        .expect("wasmtime compile");
    assert!(status.success());
    let npm_module = repo_root().join("www/pkg/timestamp_bg.wasm");
    // (file, what the error says)
    let table = [
        // Another engine's machine code is checked, not trusted.
        (wasmtime_cwasm.clone(), "compiled with incompatible version"),
        // A core module is not a component of the wasi:http/proxy world.
        (npm_module, "a wasm module with a component parser"),
        // Neither a component nor machine code.
        (
            repo_root().join("Cargo.toml"),
            "failed to parse precompiled artifact",
        ),
    ];
    for (file, expected) in &table {
        let stderr = refused(&[
            "serve",
            "--addr",
            "127.0.0.1:0",
            file.to_str().expect("UTF-8 path"),
        ]);
        let prefix = format!("timestamp-host: cannot serve {}: ", file.display());
        assert!(stderr.starts_with(&prefix), "{}: {stderr}", file.display());
        assert!(stderr.contains(expected), "{}: {stderr}", file.display());
    }
    let _ = std::fs::remove_file(wasmtime_cwasm);
}

#[test]
fn a_taken_port_is_an_error() {
    // A second host on the same address fails instead of sharing the
    // connections (the workers share one socket; none asks for
    // SO_REUSEPORT).
    let host = Host::start_with(HostKind::TimestampHost, &[]);
    let addr = format!("127.0.0.1:{}", host.port);
    let cwasm = precompiled(HostKind::TimestampHost);
    let stderr = refused(&[
        "serve",
        "--addr",
        &addr,
        cwasm.to_str().expect("UTF-8 path"),
    ]);
    assert!(
        stderr.contains(&format!("cannot listen on {addr}")),
        "{stderr}"
    );
    assert_eq!(host.get("/api/2016-12-25").status, 200);
}

/// timestamp-host serving `file` (a .wasm, compiled at start) on one worker.
fn on_one_worker(file: &Path) -> Host {
    Host::start_serving(
        HostKind::TimestampHost,
        &["--threads".to_string(), "1".to_string()],
        file,
    )
}

#[test]
fn serves_a_plain_component_on_one_thread() {
    // The .wasm itself, compiled at start, and one worker: the answers are
    // those of the precompiled component on every core, and a connection
    // held open does not stop the one worker from answering others.
    let host = on_one_worker(&component());
    let idle = TcpStream::connect(("127.0.0.1", host.port)).expect("an idle connection");
    for _ in 0..3 {
        let response = host.get("/api/2016-12-25");
        assert_eq!(response.status, 200);
        assert_eq!(
            response.json(),
            serde_json::json!({"unix": 1482624000000i64, "utc": "Sun, 25 Dec 2016 00:00:00 GMT"})
        );
    }
    drop(idle);
}

/// tests/fixtures/misbehaving, built for wasm32-wasip2 under target/.
fn misbehaving_component() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--locked",
            "--release",
            "--target",
            "wasm32-wasip2",
        ])
        .arg("--manifest-path")
        .arg(repo_root().join("tests/fixtures/misbehaving/Cargo.toml"))
        .arg("--target-dir")
        .arg(repo_root().join("target/fixtures"))
        .status()
        .expect("cargo build the misbehaving fixture");
    assert!(status.success(), "the misbehaving fixture builds");
    repo_root().join("target/fixtures/wasm32-wasip2/release/misbehaving.wasm")
}

#[test]
fn a_guest_that_traps_or_never_answers_gets_a_500_and_the_host_goes_on() {
    // One worker, so every request meets the instance the last one left.
    let host = on_one_worker(&misbehaving_component());
    let ok = |response: HttpResponse| {
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"ok");
    };
    ok(host.get("/"));
    // (target, what the host's 500 says)
    let table = [
        ("/trap", "the component trapped"),
        // The guest forgot the outparam instead of setting it: without the
        // host's check this request would wait for good (send's 30 s read
        // timeout would fail the test).
        ("/no-answer", "the component answered nothing"),
        ("/trap", "the component trapped"),
    ];
    for (target, said) in table {
        let response = host.get(target);
        assert_eq!(response.status, 500, "{target}");
        assert!(
            String::from_utf8_lossy(&response.body).contains(said),
            "{target}: {:?}",
            String::from_utf8_lossy(&response.body)
        );
        // The instance that misbehaved is gone; a fresh one answers.
        ok(host.get("/"));
    }
}

/// The real component on one worker, with `flags`.
fn limited(flags: &[&str]) -> Host {
    let mut all = vec!["--threads".to_string(), "1".to_string()];
    all.extend(flags.iter().map(|flag| flag.to_string()));
    Host::start_with(HostKind::TimestampHost, &all)
}

/// How long the host takes to close a connection that sent `sent` and
/// nothing more; fails the test if that takes over 20 s.
fn closed_after(host: &Host, sent: &[u8]) -> Duration {
    let mut stream = TcpStream::connect(("127.0.0.1", host.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("set timeout");
    let start = Instant::now();
    stream.write_all(sent).expect("send");
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .expect("the host closes the connection within 20 s");
    start.elapsed()
}

#[test]
fn a_client_that_sends_no_head_in_time_is_disconnected() {
    let host = limited(&["--header-timeout", "0.5"]);
    // (what the client sends, then nothing)
    let table: [&[u8]; 3] = [
        b"",
        b"GET /api/2016-12-25 HTTP/1.1\r\nHo",
        // A whole request, answered; then the connection idles.
        b"GET /api/2016-12-25 HTTP/1.1\r\nHost: x\r\n\r\n",
    ];
    for sent in table {
        let took = closed_after(&host, sent);
        assert!(
            took >= Duration::from_millis(400),
            "{:?} closed after {took:?}, before the timeout",
            String::from_utf8_lossy(sent)
        );
    }
    assert_eq!(host.get("/api/2016-12-25").status, 200);
}

/// A batch request whose body never arrives in full.
const STALLED_BATCH: &[u8] = b"POST /api/batch HTTP/1.1\r\nHost: x\r\n\
    Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n[\"1\"";

#[test]
fn a_request_body_that_stalls_gets_a_408() {
    // Without the limit the component would wait for the rest of the body
    // for good (send's 30 s read timeout would fail the test).
    let host = limited(&["--request-timeout", "0.5"]);
    let response = host.send(STALLED_BATCH);
    assert_eq!(response.status, 408);
    assert!(
        response
            .text()
            .contains("the request's body was still arriving after 0.5 s"),
        "{}",
        response.text()
    );
    // The instance that waited is dropped; the next request gets another.
    assert_eq!(host.get("/api/2016-12-25").status, 200);
}

/// Sends [`STALLED_BATCH`] on a new connection, which the caller keeps
/// open: closing it would end the wait early.
fn stall(host: &Host) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", host.port)).expect("connect");
    stream.write_all(STALLED_BATCH).expect("send");
    stream
}

/// Reads a whole answer from `stream` (sent with `Connection: close`).
fn answer_on(mut stream: TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("set timeout");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn requests_beyond_the_instance_limit_wait_for_one() {
    let host = limited(&["--instances", "1", "--request-timeout", "3"]);
    // The one instance waits for a body that never comes...
    let stalled = stall(&host);
    std::thread::sleep(Duration::from_secs(1));
    // ...so this request waits until that one times out (about 2 s more),
    // then gets the instance, well before its own wait would time out.
    let start = Instant::now();
    let response = host.get("/api/2016-12-25");
    let waited = start.elapsed();
    assert_eq!(response.status, 200);
    assert!(
        waited >= Duration::from_secs(1),
        "answered after {waited:?}, while the only instance was in use"
    );
    assert!(answer_on(stalled).starts_with("HTTP/1.1 408 "));
}

#[test]
fn a_request_that_waits_too_long_for_an_instance_gets_a_503() {
    let host = limited(&["--instances", "1", "--request-timeout", "2"]);
    // The first holds the one instance for 2 s; the second waits for it
    // and then holds it for 2 s more; the third waits behind the second
    // and gives up after 2 s, while the second still holds it.
    let first = stall(&host);
    std::thread::sleep(Duration::from_millis(500));
    let second = stall(&host);
    std::thread::sleep(Duration::from_millis(500));
    let response = host.get("/api/2016-12-25");
    assert_eq!(response.status, 503, "{}", response.text());
    assert_eq!(response.header("retry-after"), Some("1"));
    assert!(
        response
            .text()
            .contains("busy: every instance of this worker was in use for 2 s"),
        "{}",
        response.text()
    );
    assert!(answer_on(first).starts_with("HTTP/1.1 408 "));
    assert!(answer_on(second).starts_with("HTTP/1.1 408 "));
}

#[test]
fn a_guest_that_runs_out_of_time_gets_a_500_or_a_cut_body() {
    let host = Host::start_serving(
        HostKind::TimestampHost,
        &[
            "--threads".to_string(),
            "1".to_string(),
            "--request-timeout".to_string(),
            "0.5".to_string(),
        ],
        &misbehaving_component(),
    );
    // The component sleeps before answering: the client sent everything,
    // so this is a 500, not a 408, with a request body or without one.
    let requests: [&[u8]; 2] = [
        b"GET /sleep HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"POST /sleep HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    ];
    for request in requests {
        let response = host.send(request);
        assert_eq!(response.status, 500);
        assert_eq!(
            response.text(),
            "the component did not finish within 0.5 s\n"
        );
    }
    // The head and a first chunk went out before the time ran out: the
    // connection closes without the last chunk, so the client cannot take
    // the cut body for a whole one.
    let mut stream = TcpStream::connect(("127.0.0.1", host.port)).expect("connect");
    stream
        .write_all(b"GET /sleep-after-head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("send");
    let answer = answer_on(stream);
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer:?}");
    assert!(answer.contains("transfer-encoding: chunked"), "{answer:?}");
    assert!(answer.ends_with("7\r\npartial\r\n"), "{answer:?}");
    // Each instance that ran out of time is gone; a fresh one answers.
    assert_eq!(host.get("/").body, b"ok");
}

#[test]
fn connections_opened_at_once_are_all_served_across_workers() {
    // A burst of connections is accepted by whichever worker wakes first,
    // which hands some to the other (the least loaded): every one of them
    // must be served, on whichever worker it lands.
    let host = Host::start_with(
        HostKind::TimestampHost,
        &["--threads".to_string(), "2".to_string()],
    );
    let mut streams: Vec<TcpStream> = (0..16)
        .map(|_| TcpStream::connect(("127.0.0.1", host.port)).expect("connect"))
        .collect();
    for stream in &mut streams {
        stream
            .write_all(b"GET /api/2016-12-25 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("send");
    }
    for stream in streams {
        let answer = answer_on(stream);
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer:?}");
        assert!(
            answer.ends_with(r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#),
            "{answer:?}"
        );
    }
}
