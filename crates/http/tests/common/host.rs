//! A real wasi:http host running the built component, and a raw HTTP/1.1
//! client for it. Raw, so a test can send what a polite client library
//! refuses to (`%zz`, 64 KiB paths, odd methods).
//!
//! `TIMESTAMP_TEST_HOST` names the host (see [`HostKind`]): the component
//! under `wasmtime serve` (the default), `spin up` (on spin.toml, or on the
//! app pulled from an OCI registry), `jco serve` or `wash dev`
//! (wasmCloud); or the same routes built for JavaScript edges
//! (crates/worker) under workerd (Cloudflare), Deno, Bun or edge-runtime
//! (Vercel), each as deploy/<platform>/ sets it up. scripts/test runs the
//! HTTP suites under each; scripts/setup installs them (`TIMESTAMP_WASMTIME`,
//! `SPIN`, `JCO`, `WORKERD`, `WASH`, `DENO` and `BUN` name other binaries).
//! For `wasmtime serve` the component is compiled once per test binary to a
//! `.cwasm`, so each test starts its own host in milliseconds; Spin compiles
//! it at start, with its cache under target/. A host that cannot start fails
//! the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use super::repo_root;

/// Which wasi:http host the HTTP tests run the component in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// `wasmtime serve`, the reference wasi:http host.
    Wasmtime,
    /// `spin up`: the host users run, on the app spin.toml describes.
    Spin,
    /// `jco serve`: the component transpiled to JavaScript, in node.
    Jco,
    /// workerd: the Cloudflare worker, with the same routes.
    Workerd,
    /// `spin up --from` an OCI reference (`$TIMESTAMP_SPIN_REFERENCE`, on
    /// a registry without TLS): the pull SpinKube's Spin runtime does.
    SpinRegistry,
    /// `wash dev` (wasmCloud) with deploy/wasmcloud's configuration.
    Wash,
    /// `deno serve deploy/deno/main.mjs`: the worker's handler on Deno.
    Deno,
    /// deploy/bun/server.mjs under Bun.
    Bun,
    /// deploy/vercel's Edge Function under edge-runtime, Vercel's runtime.
    Vercel,
}

/// Every host, by the name `TIMESTAMP_TEST_HOST` takes.
const HOSTS: [(&str, HostKind); 9] = [
    ("wasmtime", HostKind::Wasmtime),
    ("spin", HostKind::Spin),
    ("spin-registry", HostKind::SpinRegistry),
    ("jco", HostKind::Jco),
    ("wash", HostKind::Wash),
    ("workerd", HostKind::Workerd),
    ("deno", HostKind::Deno),
    ("bun", HostKind::Bun),
    ("vercel", HostKind::Vercel),
];

impl HostKind {
    /// `TIMESTAMP_TEST_HOST`, one of [`HOSTS`]; `wasmtime` when unset.
    pub fn under_test() -> HostKind {
        let Ok(name) = std::env::var("TIMESTAMP_TEST_HOST") else {
            return HostKind::Wasmtime;
        };
        HOSTS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, kind)| *kind)
            .unwrap_or_else(|| {
                let names: Vec<&str> = HOSTS.iter().map(|(known, _)| *known).collect();
                panic!("TIMESTAMP_TEST_HOST={name}: expected one of {names:?}")
            })
    }

    fn binary(self) -> PathBuf {
        match self {
            HostKind::Wasmtime => wasmtime(),
            HostKind::Spin | HostKind::SpinRegistry => spin(),
            HostKind::Jco => node_tool("JCO", "jco"),
            HostKind::Workerd => node_tool("WORKERD", "workerd"),
            HostKind::Wash => tool("WASH", "wash"),
            HostKind::Deno => node_tool("DENO", "deno"),
            HostKind::Bun => node_tool("BUN", "bun"),
            HostKind::Vercel => PathBuf::from("node"),
        }
    }

    fn name(self) -> &'static str {
        HOSTS
            .iter()
            .find(|(_, kind)| *kind == self)
            .map(|(name, _)| *name)
            .expect("every host is in HOSTS")
    }

    /// Whether the host resolves `.` and `..` in the path before our code
    /// sees it (Bun and edge-runtime hand on a parsed URL; the others the
    /// target as it came).
    pub fn resolves_dot_segments(self) -> bool {
        matches!(self, HostKind::Bun | HostKind::Vercel)
    }

    /// Whether the host drops Content-Encoding and Content-Length from every
    /// answer that is not a redirect, as Vercel's Edge runtime does: there
    /// the page's files go out as they are, never gzipped
    /// (deploy/vercel/api/index.mjs), and bodies go out chunked.
    pub fn drops_encoding_headers(self) -> bool {
        self == HostKind::Vercel
    }

    /// The flags `scripts/run` serves with, after `serve`: for `wasmtime
    /// serve`, scripts/serve-flags. The others take none.
    fn served_flags(self) -> Vec<String> {
        let mut flags = self.default_flags();
        if self == HostKind::Wasmtime {
            let serve_flags = std::fs::read_to_string(repo_root().join("scripts/serve-flags"))
                .expect("scripts/serve-flags");
            let first_line = serve_flags.lines().next().unwrap_or_default();
            flags.extend(first_line.split_whitespace().map(str::to_string));
        }
        flags
    }

    /// The flags that reproduce the host's defaults.
    fn default_flags(self) -> Vec<String> {
        match self {
            HostKind::Wasmtime => vec!["-S".to_string(), "cli=y".to_string()],
            _ => Vec::new(),
        }
    }

    /// The command that serves the component on `port`.
    fn command(self, flags: &[String], port: u16) -> Command {
        let addr = format!("127.0.0.1:{port}");
        let mut command = Command::new(self.binary());
        match self {
            HostKind::Wasmtime => {
                command
                    .arg("serve")
                    .args(flags)
                    .arg("--allow-precompiled")
                    .arg("--addr")
                    .arg(addr)
                    .arg(precompiled());
            }
            HostKind::Spin | HostKind::SpinRegistry => {
                // Spin keeps its state, its compilation cache and what it
                // pulls under HOME; one shared under target/ compiles the
                // component once. The component's stdio logs go there too,
                // not into .spin/.
                let home = repo_root().join("target/spin-home");
                std::fs::create_dir_all(&home).expect("create target/spin-home");
                command.arg("up").arg("--from");
                if self == HostKind::Spin {
                    command.arg(repo_root().join("spin.toml"));
                } else {
                    command.arg(spin_reference()).arg("--insecure");
                }
                command
                    .arg("--log-dir")
                    .arg(home.join("logs"))
                    .env("HOME", home)
                    .args(flags)
                    .arg("--listen")
                    .arg(addr);
            }
            HostKind::Wash => {
                command
                    .arg("-C")
                    .arg(wash_project(port))
                    .arg("dev")
                    .arg("--non-interactive")
                    .args(flags);
            }
            HostKind::Deno => {
                command
                    .current_dir(repo_root())
                    .env("DENO_NO_UPDATE_CHECK", "1")
                    .args(["serve", "--allow-read=target/pkg/worker"])
                    .args(flags)
                    .args(["--host", "127.0.0.1", "--port"])
                    .arg(port.to_string())
                    .arg("deploy/deno/main.mjs");
            }
            HostKind::Bun => {
                command
                    .current_dir(repo_root())
                    .env("HOST", "127.0.0.1")
                    .env("PORT", port.to_string())
                    .args(flags)
                    .arg("deploy/bun/server.mjs");
            }
            HostKind::Vercel => {
                command
                    .current_dir(repo_root())
                    .arg("deploy/vercel/serve.mjs")
                    .args(flags)
                    .args(["--host", "127.0.0.1", "--port"])
                    .arg(port.to_string());
            }
            HostKind::Jco => {
                command
                    .arg("serve")
                    .args(flags)
                    .args(["--host", "127.0.0.1", "--port"])
                    .arg(port.to_string())
                    .arg(component());
            }
            HostKind::Workerd => {
                command
                    .arg("serve")
                    .arg(worker_config())
                    .args(flags)
                    .arg("--socket-addr")
                    .arg(format!("http={addr}"));
            }
        }
        command
    }

    /// What the host answers itself, before the component runs, for a
    /// request target of `len` bytes: the http crate (wasmtime, Spin, wash)
    /// and workerd refuse targets past 65,534 bytes with a 414, and Deno
    /// with a 400; node's parser (jco, edge-runtime) and Bun refuse a head
    /// over 16 KiB with a 431.
    /// Deno and Bun refuse the asterisk-form (`*`) with their own 400.
    pub fn refuses_target(self, target: &str) -> Option<u16> {
        if target == "*" && matches!(self, HostKind::Deno | HostKind::Bun) {
            return Some(400);
        }
        let len = target.len();
        match self {
            HostKind::Wasmtime
            | HostKind::Spin
            | HostKind::SpinRegistry
            | HostKind::Wash
            | HostKind::Workerd => (len >= 65_534).then_some(414),
            HostKind::Deno => (len >= 65_534).then_some(400),
            HostKind::Jco | HostKind::Vercel | HostKind::Bun => (len > 16_000).then_some(431),
        }
    }

    /// What the host does itself, before the component runs, with a
    /// method: node's parser (jco, edge-runtime) knows a fixed list and
    /// answers others 400; workerd answers them 501 (Not Implemented); Bun
    /// closes the connection. edge-runtime cannot make a fetch Request of a
    /// method the fetch standard forbids, which deploy/vercel/serve.mjs
    /// answers 501.
    pub fn refuses_method(self, method: &str) -> Option<HostAnswer> {
        match (self, method) {
            (HostKind::Jco | HostKind::Vercel, "BREW") => Some(HostAnswer::Status(400)),
            (HostKind::Workerd, "BREW") | (HostKind::Vercel, "TRACE") => {
                Some(HostAnswer::Status(501))
            }
            (HostKind::Bun, "BREW") => Some(HostAnswer::Closes),
            _ => None,
        }
    }

    /// The line the host prints once it serves on `port`; workerd prints
    /// none, so it is ready when the port answers.
    /// (wash says "HTTP server listening" before the component is there,
    /// and answers an empty 404 until it says the line below.)
    fn ready_line(self, port: u16) -> Option<String> {
        match self {
            HostKind::Wasmtime => Some(format!("Serving HTTP on http://127.0.0.1:{port}/")),
            HostKind::Spin | HostKind::SpinRegistry => {
                Some(format!("Serving http://127.0.0.1:{port}"))
            }
            HostKind::Jco => Some(format!("Server listening @ 127.0.0.1:{port}")),
            HostKind::Workerd => None,
            HostKind::Wash => Some(format!(
                "listening for HTTP requests address=http://127.0.0.1:{port}"
            )),
            HostKind::Deno => Some(format!("deno serve: Listening on http://127.0.0.1:{port}/")),
            HostKind::Bun => Some(format!("timestamp listening on http://127.0.0.1:{port}/")),
            HostKind::Vercel => Some(format!("edge-runtime serving http://127.0.0.1:{port}/")),
        }
    }
}

/// What a host does with a request it does not hand to our code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostAnswer {
    /// Answers with this status (and no CORS: the answer is not ours).
    Status(u16),
    /// Closes the connection without an answer.
    Closes,
}

/// The component `scripts/build` (and `spin build`) writes: cargo's, made
/// ready by crates/passive-data.
pub fn component() -> PathBuf {
    built("target/component/timestamp_spin.wasm")
}

/// `relative` to the workspace root, which `scripts/build` must have built.
fn built(relative: &str) -> PathBuf {
    let path = repo_root().join(relative);
    assert!(
        path.is_file(),
        "{} is missing: build it with scripts/build first (scripts/test does both)",
        path.display()
    );
    path
}

/// The wasmtime CLI scripts/setup installs.
pub fn wasmtime() -> PathBuf {
    tool("TIMESTAMP_WASMTIME", "wasmtime")
}

/// The Spin CLI, looked for as scripts/run, scripts/test and tools/load do:
/// `$SPIN`, else the `spin` on PATH, else where scripts/setup unpacks it.
pub fn spin() -> PathBuf {
    let on_path = || {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("spin"))
                .find(|spin| spin.is_file())
        })
    };
    std::env::var_os("SPIN")
        .map(PathBuf::from)
        .or_else(on_path)
        .unwrap_or_else(|| tool("SPIN", "spin"))
}

/// The OCI reference `spin up --from` pulls the app from:
/// `$TIMESTAMP_SPIN_REFERENCE`, which scripts/test sets once it has pushed
/// the app to a loopback registry.
fn spin_reference() -> String {
    std::env::var("TIMESTAMP_SPIN_REFERENCE").expect(
        "TIMESTAMP_SPIN_REFERENCE names the pushed app (scripts/test pushes it to a loopback registry)",
    )
}

/// A wash project for one host on `port`: deploy/wasmcloud's configuration
/// with the port in `dev.address`, and no build command (scripts/build built
/// the component it serves).
fn wash_project(port: u16) -> PathBuf {
    let source = repo_root().join("deploy/wasmcloud");
    let config = std::fs::read_to_string(source.join(".wash/config.yaml"))
        .expect("deploy/wasmcloud/.wash/config.yaml");
    let mut lines = Vec::new();
    for line in config.lines() {
        let (indent, field) = line.split_at(line.len() - line.trim_start().len());
        let line = if field.starts_with("address:") {
            format!("{indent}address: 127.0.0.1:{port}")
        } else if field.starts_with("command:") {
            format!("{indent}command: \"true\"")
        } else if let Some(path) = field.strip_prefix("component_path:") {
            let path = source.join(path.trim());
            assert!(
                path.is_file(),
                "{} is missing: build it with scripts/build first (scripts/test does both)",
                path.display()
            );
            format!("{indent}component_path: {}", path.display())
        } else {
            line.to_string()
        };
        lines.push(line);
    }
    let project = repo_root().join(format!("target/wash/{port}"));
    std::fs::create_dir_all(project.join(".wash")).expect("create the wash project");
    std::fs::write(project.join(".wash/config.yaml"), lines.join("\n") + "\n")
        .expect("write the wash configuration");
    project
}

/// The worker's workerd configuration; `scripts/build` builds what it
/// embeds.
pub fn worker_config() -> PathBuf {
    built("target/pkg/worker/timestamp_worker_bg.wasm");
    repo_root().join("deploy/cloudflare/workerd.capnp")
}

/// `$variable`, else `name` from the npm tools scripts/setup installs
/// (tools/node).
fn node_tool(variable: &str, name: &str) -> PathBuf {
    std::env::var_os(variable).map_or_else(
        || repo_root().join("tools/node/node_modules/.bin").join(name),
        PathBuf::from,
    )
}

/// `$variable`, else `name` where scripts/setup puts it.
fn tool(variable: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .expect("HOME is set");
    data.join("timestamp-tools/bin").join(name)
}

/// The component compiled ahead of time by `wasmtime`, once per build of
/// either: the file is named by the host binary's modification time and the
/// component's size and modification time, under target/, so test binaries
/// share it; older ones are removed when it is written. (A host rebuilt
/// with another engine configuration refuses an older host's .cwasm.)
pub fn precompiled() -> &'static Path {
    static CWASM: OnceLock<PathBuf> = OnceLock::new();
    CWASM.get_or_init(|| {
        let meta = std::fs::metadata(component()).expect("the component's metadata");
        let host_built = modified_ns(&wasmtime());
        let out = repo_root().join(format!(
            "target/timestamp-{}-{}.wasmtime-{host_built}.cwasm",
            meta.len(),
            modified_ns(&component()),
        ));
        if out.is_file() {
            return out;
        }
        // Written under another name first: test binaries run one at a time,
        // but a half-written file must never be taken for a whole one.
        let partial = out.with_extension(format!("{}.partial", std::process::id()));
        let status = Command::new(wasmtime())
            .arg("compile")
            .arg(component())
            .arg("-o")
            .arg(&partial)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", wasmtime().display()));
        assert!(status.success(), "wasmtime compile failed");
        std::fs::rename(&partial, &out).expect("rename the compiled component");
        remove_older_compilations(&out);
        out
    })
}

/// Removes what wasmtime compiled for earlier builds of the component or of
/// itself, which nothing will use again.
fn remove_older_compilations(current: &Path) {
    let Ok(entries) = std::fs::read_dir(repo_root().join("target")) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("timestamp-") && name.ends_with(".cwasm") && entry.path() != current {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// When `path` (or what it links to) was last written, in ns since the epoch.
fn modified_ns(path: &Path) -> u128 {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The host under test on a free loopback port; killed on drop.
pub struct Host {
    child: Child,
    pub port: u16,
    pub kind: HostKind,
}

impl Host {
    /// The host under test with its defaults.
    pub fn start() -> Host {
        let kind = HostKind::under_test();
        Self::start_with(kind, &kind.default_flags())
    }

    /// The host under test as `scripts/run` serves with it.
    pub fn start_as_served() -> Host {
        let kind = HostKind::under_test();
        Self::start_with(kind, &kind.served_flags())
    }

    /// The component under `kind` with `flags`.
    pub fn start_with(kind: HostKind, flags: &[String]) -> Host {
        // The free port can be taken by another test's process before the
        // host binds it; then the host says so and exits, and another port
        // is tried.
        for _ in 0..5 {
            match Self::try_start(kind, flags) {
                Ok(host) => return host,
                Err(said) if said.contains("in use") => continue,
                Err(said) => panic!("{} exited: {said}", kind.name()),
            }
        }
        panic!("{} found no free port in 5 tries", kind.name());
    }

    /// Starts the host; `Err` with what it said if it exits before serving.
    fn try_start(kind: HostKind, flags: &[String]) -> Result<Host, String> {
        // `spin up --from` a registry writes what it pulls into Spin's cache
        // under HOME, and two pulls at once can read each other's half-written
        // package ("expected single layer in OCI package, found 2 layers"):
        // one such host starts at a time, each once it serves.
        static PULLING: Mutex<()> = Mutex::new(());
        let _pulling = (kind == HostKind::SpinRegistry)
            .then(|| PULLING.lock().unwrap_or_else(PoisonError::into_inner));
        let port = free_port();
        let mut child = kind
            .command(flags, port)
            // A process group of its own, so that stop() ends what the host
            // starts too: `spin up` serves from a child process, which
            // would otherwise outlive every test.
            .process_group(0)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", kind.binary().display()));
        // Ready when the host itself says so (wasmtime on stderr, Spin on
        // stdout), not when the port accepts a connection: the free port may
        // have been taken meanwhile by another test's process, which would
        // then be tested instead. Threads read both pipes to the end, so the
        // host never blocks on a full pipe or dies writing to a closed one.
        let (lines, from_host) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        for pipe in [Box::new(stdout) as Box<dyn Read + Send>, Box::new(stderr)] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    let _ = lines.send(line);
                }
            });
        }
        drop(lines);
        let Some(ready) = kind.ready_line(port) else {
            return Self::when_answering(child, port, kind, from_host);
        };
        // Spin compiles the component at start; the first start on a machine
        // fills its cache.
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut said = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match from_host.recv_timeout(left) {
                Ok(line) if line.contains(&ready) => return Ok(Host { child, port, kind }),
                Ok(line) => said.push(line),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = child.wait().expect("the host's exit status");
                    stop(&mut child); // what it started, if anything

                    return Err(format!("{status}: {}", said.join("\n")));
                }
                Err(RecvTimeoutError::Timeout) => {
                    stop(&mut child);
                    panic!(
                        "{} did not say it was serving within 120 s: {}",
                        kind.name(),
                        said.join("\n")
                    );
                }
            }
        }
    }

    /// A host that says nothing when it serves: ready once its port takes a
    /// connection and it is still running a moment later. (Were the port
    /// taken meanwhile by another test's host, this one would fail to bind
    /// and exit, and the port would be tried again.)
    fn when_answering(
        mut child: Child,
        port: u16,
        kind: HostKind,
        from_host: mpsc::Receiver<String>,
    ) -> Result<Host, String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().expect("the host's status") {
                stop(&mut child); // what it started, if anything
                let said: Vec<String> = from_host.try_iter().collect();
                return Err(format!("{status}: {}", said.join("\n")));
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                std::thread::sleep(Duration::from_millis(100));
                if child.try_wait().expect("the host's status").is_none() {
                    return Ok(Host { child, port, kind });
                }
                continue;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        stop(&mut child);
        panic!("{} did not listen on {port} within 60 s", kind.name());
    }

    /// Sends `raw` as it is and reads the whole answer (the request should
    /// say `Connection: close`).
    pub fn send(&self, raw: &[u8]) -> HttpResponse {
        HttpResponse::parse(&self.send_raw(raw))
    }

    /// Sends `raw` as it is and returns every byte the host answers before
    /// it closes the connection: nothing at all when it refuses a request
    /// without an answer (as Spin does some; see tests/hostile.rs).
    pub fn send_raw(&self, raw: &[u8]) -> Vec<u8> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to the host");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("set timeout");
        // The host may answer (and close) before it reads all of a large
        // request; the answer is what the test is about.
        let _ = stream.write_all(raw);
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            // A reset after the answer arrived (unread request bytes) is fine.
            assert!(!bytes.is_empty(), "no answer: {e}");
        }
        let _ = stream.shutdown(Shutdown::Both);
        bytes
    }

    /// A request with no body.
    pub fn request(&self, method: &str, target: &str) -> HttpResponse {
        HttpResponse::parse(&self.request_raw(method, target))
    }

    /// [`Host::request`]'s bytes as the host answers them: nothing at all
    /// when it closes without an answer.
    pub fn request_raw(&self, method: &str, target: &str) -> Vec<u8> {
        self.send_raw(
            format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    pub fn get(&self, target: &str) -> HttpResponse {
        self.request("GET", target)
    }

    /// A connection that stays open for request after request, as browsers
    /// and HTTP client libraries keep theirs.
    pub fn keep_alive(&self) -> KeptAlive {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to the host");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("set timeout");
        KeptAlive {
            stream,
            unread: Vec::new(),
        }
    }
}

/// One kept-alive HTTP/1.1 connection to the host: each call sends one
/// request and reads exactly its answer, by its `Content-Length` or its
/// chunks, leaving the connection open for the next.
pub struct KeptAlive {
    stream: TcpStream,
    /// Bytes read past the last answer (none, from a host that waits for
    /// the next request).
    unread: Vec<u8>,
}

impl KeptAlive {
    /// Sends `method target` with the header lines `headers` (each ending
    /// in CRLF) and `body` (and its length when there is one), and reads
    /// its answer.
    pub fn send(&mut self, method: &str, target: &str, headers: &str, body: &[u8]) -> HttpResponse {
        let mut request = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}");
        if !body.is_empty() {
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        request.push_str("\r\n");
        let mut request = request.into_bytes();
        request.extend_from_slice(body);
        self.stream
            .write_all(&request)
            .expect("send on the kept-alive connection");
        self.read_answer(method == "HEAD")
    }

    pub fn get(&mut self, target: &str) -> HttpResponse {
        self.send("GET", target, "", b"")
    }

    /// Reads one answer: its head, then as many body bytes as it says (none
    /// for a HEAD, a 204 or a 304).
    fn read_answer(&mut self, head_only: bool) -> HttpResponse {
        let head_len = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            match httparse::Response::new(&mut headers).parse(&self.unread) {
                Ok(httparse::Status::Complete(len)) => break len,
                Ok(httparse::Status::Partial) => self.read_more(),
                Err(e) => panic!(
                    "not an HTTP answer ({e}): {:?}",
                    String::from_utf8_lossy(&self.unread)
                ),
            }
        };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut head = httparse::Response::new(&mut headers);
        let _ = head.parse(&self.unread[..head_len]);
        let header = |name: &str| {
            head.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).into_owned())
        };
        let body_len = if head_only || matches!(head.code, Some(204 | 304)) {
            Some(0)
        } else if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
            None
        } else {
            let length = header("content-length").unwrap_or_else(|| {
                panic!(
                    "a kept-alive answer needs a length or chunks: {:?}",
                    String::from_utf8_lossy(&self.unread[..head_len])
                )
            });
            Some(
                length
                    .trim()
                    .parse::<usize>()
                    .expect("a numeric Content-Length"),
            )
        };
        let end = match body_len {
            Some(len) => {
                while self.unread.len() < head_len + len {
                    self.read_more();
                }
                head_len + len
            }
            None => loop {
                if let Some((_, len)) = dechunk(&self.unread[head_len..]) {
                    break head_len + len;
                }
                self.read_more();
            },
        };
        let answer = HttpResponse::parse(&self.unread[..end]);
        self.unread.drain(..end);
        answer
    }

    fn read_more(&mut self) {
        let mut buffer = [0; 64 * 1024];
        let read = self
            .stream
            .read(&mut buffer)
            .expect("read from the kept-alive connection");
        assert!(
            read > 0,
            "the host closed the kept-alive connection mid-answer (after {:?})",
            String::from_utf8_lossy(&self.unread)
        );
        self.unread.extend_from_slice(&buffer[..read]);
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Ends a host started by `Host::try_start` and every process in its group.
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

/// A parsed HTTP/1.1 response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    fn parse(bytes: &[u8]) -> HttpResponse {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut headers);
        let head_len = match response.parse(bytes) {
            Ok(httparse::Status::Complete(len)) => len,
            other => panic!(
                "not a complete HTTP response ({other:?}): {:?}",
                String::from_utf8_lossy(bytes)
            ),
        };
        let headers: Vec<(String, String)> = response
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_ascii_lowercase(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect();
        let status = response.code.expect("a status code");
        let raw_body = &bytes[head_len..];
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        let body = if chunked {
            dechunk(raw_body).expect("a complete chunked body").0
        } else {
            raw_body.to_vec()
        };
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
}

/// A chunked body at the start of `raw` (no trailers expected): its bytes,
/// and the length it takes in `raw` with its last chunk and the empty line
/// after it; `None` while it is incomplete.
fn dechunk(raw: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let line_end = at + raw[at..].windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[at..line_end]).expect("ASCII chunk size");
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).expect("hex chunk size");
        let data = line_end + 2;
        at = data + size + 2;
        if at > raw.len() {
            return None;
        }
        if size == 0 {
            return Some((body, at));
        }
        body.extend_from_slice(&raw[data..data + size]);
    }
}
