//! `timestamp-host`: a small wasi:http host (the WASIp2 `wasi:http/proxy`
//! world) that serves the timestamp component, or any component of that
//! world.
//!
//! It is built from the crates `wasmtime serve` is built from (`wasmtime`,
//! `wasmtime-wasi`, `wasmtime-wasi-http`), and differs from it in what a
//! small stateless service wants (BENCHMARKS.md has the figures):
//!
//! - **No request crosses a thread.** Each worker thread runs its own
//!   single-threaded tokio runtime and its own instances, and accepts
//!   connections from the one listening socket they share; a worker that
//!   accepts one while another has fewer open hands it over, once, so a
//!   burst of connections does not all land on one core. `wasmtime serve`
//!   hands each request from the connection's task to an instance's task on
//!   a multi-threaded runtime.
//! - **Instances are reused.** An instance that answered without trapping
//!   answers the next request too; one that trapped, or returned without
//!   handing over a response, is dropped. The component keeps no state
//!   between requests that could change an answer (see
//!   `scripts/serve-flags` for `wasmtime serve`'s equivalent flag).
//! - **It starts in a few milliseconds.** A precompiled component is mapped,
//!   not compiled, and the binary carries only what serving needs.
//! - **A request without `Host`** (legal in HTTP/1.0) gets the listening
//!   address as its authority instead of the host's own 500 page, and one
//!   whose `Host` is not text a 400.
//! - **No client holds anything for good.** A client has `--header-timeout`
//!   seconds to send a request's head (an idle keep-alive connection too),
//!   and a request `--request-timeout` seconds in the guest, its body and
//!   answer included: a guest waiting on a client that sends or reads too
//!   slowly is dropped, with a 408 if the host was waiting for the request's
//!   body. At most `--instances` instances per worker are in use at once;
//!   more requests wait for one, as long as a request may take, then get a
//!   503.
//!
//! Not here: HTTPS, HTTP/2, outgoing requests, and interrupting a guest that
//! computes without end. The time limit is checked only when the guest
//! waits on I/O; interrupting a computing guest takes wasmtime's epoch
//! checks in every function and loop of the guest (for the timestamp
//! component, 43% more of its own instructions, 11.7k to 16.7k a request,
//! which is 7% more for the whole request; callgrind). Its work is linear
//! in its input, which its routes cap.
//!
//! ```text
//! timestamp-host compile COMPONENT.wasm -o COMPONENT.cwasm
//! timestamp-host serve [--addr 127.0.0.1:3000] [--threads N] COMPONENT.(c)wasm
//! ```

use std::cell::RefCell;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioTimer;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Config, Engine, Result, Store, bail};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::io::TokioIo;
use wasmtime_wasi_http::p2::bindings::http::types::Scheme;
use wasmtime_wasi_http::p2::bindings::{Proxy, ProxyPre};
use wasmtime_wasi_http::p2::body::HyperOutgoingBody;
use wasmtime_wasi_http::{
    RequestOptions, WasiBody, WasiHttpCtx, WasiHttpCtxView, WasiHttpHooks, WasiHttpView,
};

const USAGE: &str = "\
usage: timestamp-host compile COMPONENT.wasm -o OUT.cwasm
       timestamp-host serve [OPTIONS] COMPONENT.wasm|COMPONENT.cwasm

serve answers HTTP/1.1 with a component of the wasi:http/proxy world.
A .cwasm must come from this binary's own `compile`: it is machine code,
and it is trusted as such.

options of serve:
  --addr HOST:PORT         where to listen (default 127.0.0.1:3000)
  --threads N              worker threads (default: one per core)
  --header-timeout SECS    most time a client may take to send a request's
                           head, or to start the next one (default 30)
  --request-timeout SECS   most time the component may take over a request,
                           its body and answer included (default 10)
  --instances N            most instances in use at once on each worker;
                           more requests wait for one, up to the request
                           timeout, then get a 503 (default 1024)";

/// How many finished instances a worker keeps for the next requests. More
/// than this many at once (slow request bodies, say) get fresh instances
/// that are dropped afterwards.
const IDLE_INSTANCES_PER_WORKER: usize = 64;

/// An instance serves at most this many requests, so that whatever a
/// component lets grow (its heap's high-water mark, say) is given back now
/// and then.
const REQUESTS_PER_INSTANCE: u64 = 1_000_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("compile") => compile(&args[1..]),
        Some("serve") => serve(&args[1..]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return;
        }
        _ => Err(wasmtime::format_err!("{USAGE}")),
    };
    if let Err(e) = result {
        eprintln!("timestamp-host: {e:#}");
        std::process::exit(2);
    }
}

/// One engine configuration for `compile` and `serve`: a .cwasm loads only
/// into an engine configured as the one that made it.
fn engine() -> Result<Engine> {
    Engine::new(&Config::new())
}

fn compile(args: &[String]) -> Result<()> {
    let [input, flag, output] = args else {
        bail!("{USAGE}");
    };
    if flag != "-o" {
        bail!("{USAGE}");
    }
    let wasm = std::fs::read(input).map_err(|e| wasmtime::format_err!("{input}: {e}"))?;
    let compiled = engine()?.precompile_component(&wasm)?;
    std::fs::write(output, compiled).map_err(|e| wasmtime::format_err!("{output}: {e}"))?;
    Ok(())
}

struct ServeOptions {
    addr: SocketAddr,
    threads: usize,
    limits: Limits,
    component: PathBuf,
}

/// What a worker allows each connection and request.
#[derive(Clone, Copy)]
struct Limits {
    header_timeout: Duration,
    request_timeout: Duration,
    instances: usize,
}

fn serve_options(args: &[String]) -> Result<ServeOptions> {
    let mut addr: SocketAddr = "127.0.0.1:3000".parse()?;
    let mut threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut limits = Limits {
        header_timeout: Duration::from_secs(30),
        request_timeout: Duration::from_secs(10),
        instances: 1024,
    };
    let mut component = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .ok_or_else(|| wasmtime::format_err!("{arg} needs {what}"))
        };
        match arg.as_str() {
            "--addr" => {
                let value = value("HOST:PORT")?;
                addr = value
                    .parse()
                    .map_err(|e| wasmtime::format_err!("--addr {value}: {e}"))?;
            }
            "--threads" => threads = count(arg, value("a number")?)?,
            "--instances" => limits.instances = count(arg, value("a number")?)?,
            "--header-timeout" => limits.header_timeout = seconds(arg, value("seconds")?)?,
            "--request-timeout" => limits.request_timeout = seconds(arg, value("seconds")?)?,
            path if component.is_none() && !path.starts_with('-') => {
                component = Some(PathBuf::from(path));
            }
            other => bail!("unexpected argument {other:?}\n{USAGE}"),
        }
    }
    let component = component.ok_or_else(|| wasmtime::format_err!("{USAGE}"))?;
    Ok(ServeOptions {
        addr,
        threads,
        limits,
        component,
    })
}

/// A count from one to a million (more threads or instances than any
/// machine serves with, and well inside what a semaphore can count).
fn count(flag: &str, value: &str) -> Result<usize> {
    value
        .parse()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(|| wasmtime::format_err!("{flag} {value}: not a number from 1 to 1000000"))
}

/// A number of seconds from a millisecond to a day (which keeps deadlines
/// far from overflowing).
fn seconds(flag: &str, value: &str) -> Result<Duration> {
    value
        .parse::<f64>()
        .ok()
        .filter(|s| (0.001..=86_400.0).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            wasmtime::format_err!("{flag} {value}: not a number of seconds from 0.001 to 86400")
        })
}

fn load(engine: &Engine, path: &Path) -> Result<Component> {
    let bytes_start = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut magic = [0u8; 4];
            std::io::Read::read_exact(&mut f, &mut magic).map(|()| magic)
        })
        .map_err(|e| wasmtime::format_err!("{}: {e}", path.display()))?;
    if bytes_start == *b"\0asm" {
        Component::from_file(engine, path)
    } else {
        // SAFETY: a .cwasm is native code; `serve`'s usage says it must come
        // from this binary's `compile`, and wasmtime checks that its header
        // matches this engine's version and configuration.
        unsafe { Component::deserialize_file(engine, path) }
    }
}

fn serve(args: &[String]) -> Result<()> {
    let started = Instant::now();
    let options = serve_options(args)?;
    // One listening socket, shared by the workers: each waits for
    // connections on it in its own runtime, and the kernel gives each
    // connection to one of them. (Not one socket per worker with
    // SO_REUSEPORT: that would also let a second host started on the same
    // address quietly take half the connections instead of failing.) Bound
    // first: a taken address fails before any loading, and a client that
    // connects while the component loads waits in the backlog instead of
    // being refused.
    let listener = listen(options.addr)?;
    let addr = listener.local_addr()?;
    let engine = engine()?;
    let component = load(&engine, &options.component).map_err(|e| {
        wasmtime::format_err!("cannot serve {}: {e:#}", options.component.display())
    })?;
    let mut linker = Linker::<HostState>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
    wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
    let pre = ProxyPre::new(linker.instantiate_pre(&component)?)?;

    let mut sockets = Vec::with_capacity(options.threads);
    for _ in 1..options.threads {
        sockets.push(listener.try_clone()?);
    }
    sockets.push(listener);
    let (inboxes, receivers): (Vec<_>, Vec<_>) = (0..options.threads)
        .map(|_| tokio::sync::mpsc::unbounded_channel())
        .unzip();
    let shared = Arc::new(Shared {
        open: (0..options.threads).map(|_| AtomicUsize::new(0)).collect(),
        inboxes,
    });
    // Each worker reports once when it is ready to serve, and again if it
    // ever stops: the first failure, at start or later, stops the host.
    let (report, reports) = mpsc::channel();
    for (index, (socket, inbox)) in sockets.into_iter().zip(receivers).enumerate() {
        let pre = pre.clone();
        let report = report.clone();
        let limits = options.limits;
        let shared = shared.clone();
        std::thread::Builder::new()
            .name(format!("worker-{index}"))
            .spawn(move || {
                // A panic is reported as well: the host stops rather than
                // wait for a worker that will never be ready, or serve on
                // with fewer.
                let stopped = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    let place = Place {
                        index,
                        shared,
                        inbox,
                    };
                    run_worker(pre, socket, place, addr, limits, &report)
                }))
                .unwrap_or_else(|_| Err(wasmtime::format_err!("a worker thread panicked")));
                let _ = report.send(stopped.and_then(|()| bail!("a worker stopped")));
            })?;
    }
    drop(report);
    for _ in 0..options.threads {
        reports
            .recv()
            .map_err(|_| wasmtime::format_err!("every worker stopped"))??;
    }
    eprintln!(
        "Serving HTTP on http://{addr}/ ({} workers, ready in {:.1} ms)",
        options.threads,
        started.elapsed().as_secs_f64() * 1e3
    );
    match reports.recv() {
        Ok(stopped) => stopped,
        // Unreachable: each worker reports before its thread ends.
        Err(_) => bail!("every worker stopped"),
    }
}

/// A listening socket on `addr`, made without a runtime: tokio's own
/// sockets register with the runtime that creates them, and each worker has
/// its own.
fn listen(addr: SocketAddr) -> Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    // As every server: a restart may bind while old connections linger.
    socket.set_reuse_address(true)?;
    socket.set_nonblocking(true)?;
    socket
        .bind(&addr.into())
        .map_err(|e| wasmtime::format_err!("cannot listen on {addr}: {e}"))?;
    socket.listen(1024)?;
    Ok(socket.into())
}

/// What the workers share to even out their connections.
///
/// All of them accept on one socket, and one that wakes to a burst of new
/// connections accepts them all before another wakes: wrk's 32 connections
/// went to one worker in four runs out of six, leaving the other core idle
/// (54k req/s against 61-72k when split). So a worker that accepts a
/// connection while another has fewer open hands it over to that one.
struct Shared {
    /// Each worker's open connections, counting those handed to it.
    open: Vec<AtomicUsize>,
    /// Where each worker takes connections handed to it.
    inboxes: Vec<tokio::sync::mpsc::UnboundedSender<std::net::TcpStream>>,
}

impl Shared {
    /// The worker with the fewest open connections, `me` if none has fewer;
    /// the new connection is counted there.
    fn least_loaded(&self, me: usize) -> usize {
        let load = |worker: usize| self.open[worker].load(Ordering::Relaxed);
        let least = (0..self.open.len())
            .min_by_key(|&worker| (load(worker), worker != me))
            .unwrap_or(me);
        self.open[least].fetch_add(1, Ordering::Relaxed);
        least
    }
}

/// One worker's place among the others.
struct Place {
    index: usize,
    shared: Arc<Shared>,
    inbox: tokio::sync::mpsc::UnboundedReceiver<std::net::TcpStream>,
}

/// Serves connections from `socket`, and those other workers hand over,
/// until the listener fails; sends `Ok(())` on `ready` once it has an
/// instance to serve with.
fn run_worker(
    pre: ProxyPre<HostState>,
    socket: std::net::TcpListener,
    place: Place,
    local_addr: SocketAddr,
    limits: Limits,
    ready: &mpsc::Sender<Result<()>>,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let listener = TcpListener::from_std(socket)?;
        let worker = Rc::new(Worker {
            pre,
            idle: RefCell::new(Vec::new()),
            authority: local_addr.to_string(),
            busy: Arc::new(Semaphore::new(limits.instances)),
            request_timeout: limits.request_timeout,
        });
        // One instance made now: a component that cannot be instantiated
        // stops the host at start instead of failing every request.
        let first = worker.instantiate().await?;
        worker.idle.borrow_mut().push(first);
        let _ = ready.send(Ok(()));
        let Place {
            index,
            shared,
            mut inbox,
        } = place;
        let serve = {
            let shared = shared.clone();
            move |stream: tokio::net::TcpStream| {
                let _ = stream.set_nodelay(true);
                let worker = worker.clone();
                let shared = shared.clone();
                tokio::task::spawn_local(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let worker = worker.clone();
                        async move { Ok::<_, Infallible>(worker.handle(request).await) }
                    });
                    // Errors here are the client's (a reset, a malformed
                    // request hyper already answered): nothing to report.
                    let _ = http1::Builder::new()
                        .keep_alive(true)
                        .timer(TokioTimer::new())
                        .header_read_timeout(limits.header_timeout)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                    shared.open[index].fetch_sub(1, Ordering::Relaxed);
                });
            }
        };
        {
            let serve = serve.clone();
            let shared = shared.clone();
            tokio::task::spawn_local(async move {
                while let Some(stream) = inbox.recv().await {
                    // Registered with this worker's runtime here.
                    match tokio::net::TcpStream::from_std(stream) {
                        Ok(stream) => serve(stream),
                        Err(_) => {
                            shared.open[index].fetch_sub(1, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(connection) => connection,
                // Out of file descriptors, or a connection reset before it
                // was accepted: the listener itself is fine.
                Err(e) => {
                    eprintln!("timestamp-host: accept: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                }
            };
            let target = shared.least_loaded(index);
            if target == index {
                serve(stream);
                continue;
            }
            // Handed over as a std stream, for the other worker to register
            // with its own runtime. Should that fail (the other worker has
            // stopped, and the host with it), the connection is closed.
            let sent = stream
                .into_std()
                .is_ok_and(|stream| shared.inboxes[target].send(stream).is_ok());
            if !sent {
                shared.open[target].fetch_sub(1, Ordering::Relaxed);
            }
        }
    })
}

/// One thread's share of the server: its instances of the component.
struct Worker {
    pre: ProxyPre<HostState>,
    idle: RefCell<Vec<Instance>>,
    /// The authority given to requests that name none.
    authority: String,
    /// One permit per instance in use (`--instances`).
    busy: Arc<Semaphore>,
    /// `--request-timeout`.
    request_timeout: Duration,
}

struct Instance {
    store: Store<HostState>,
    proxy: Proxy,
    served: u64,
}

impl Worker {
    async fn instantiate(&self) -> Result<Instance> {
        let mut store = Store::new(self.pre.engine(), HostState::new());
        let proxy = self.pre.instantiate_async(&mut store).await?;
        Ok(Instance {
            store,
            proxy,
            served: 0,
        })
    }

    async fn handle(self: Rc<Self>, mut request: Request<Incoming>) -> Response<HyperOutgoingBody> {
        if request.uri().authority().is_none()
            && !request.headers().contains_key(hyper::header::HOST)
            && let Ok(host) = self.authority.parse()
        {
            request.headers_mut().insert(hyper::header::HOST, host);
        }
        // Checked before an instance is taken: wasi:http cannot carry a
        // `Host` that is not text, and the client sent it.
        if let Some(host) = request.headers().get(hyper::header::HOST)
            && host.to_str().is_err()
        {
            return host_error(
                StatusCode::BAD_REQUEST,
                "bad request: the Host header is not text",
            );
        }
        // Waits while `--instances` instances are in use on this worker,
        // for as long as a request may take in the component.
        let permit =
            match tokio::time::timeout(self.request_timeout, self.busy.clone().acquire_owned())
                .await
            {
                Ok(Ok(permit)) => permit,
                Ok(Err(_)) => unreachable!("the worker's semaphore is never closed"),
                Err(_) => {
                    let mut response = host_error(
                        StatusCode::SERVICE_UNAVAILABLE,
                        &format!(
                            "busy: every instance of this worker was in use for {} s",
                            self.request_timeout.as_secs_f64()
                        ),
                    );
                    response.headers_mut().insert(
                        hyper::header::RETRY_AFTER,
                        hyper::header::HeaderValue::from_static("1"),
                    );
                    return response;
                }
            };
        let idle = self.idle.borrow_mut().pop();
        let mut instance = match idle {
            Some(instance) => instance,
            None => match self.instantiate().await {
                Ok(instance) => instance,
                Err(e) => {
                    return host_error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        &format!("cannot instantiate the component: {e:#}"),
                    );
                }
            },
        };
        let progress = Arc::new(Progress::default());
        let request = request.map(|body| RequestBody {
            body,
            progress: progress.clone(),
        });
        // The response arrives through `response-outparam.set`. The sender
        // waits in a slot the host can look into after the guest returns: a
        // guest that neither set the response nor dropped the outparam would
        // otherwise keep the client waiting for good.
        let (sender, receiver) = oneshot::channel();
        let unanswered = Arc::new(Mutex::new(Some(sender)));
        let resources = {
            let slot = unanswered.clone();
            let mut http = instance.store.data_mut().http();
            http.new_incoming_request(Scheme::Http, request)
                .and_then(|request| {
                    let outparam = http.new_response_outparam_from_callback(move |response| {
                        if let Some(sender) = slot.lock().ok().and_then(|mut slot| slot.take()) {
                            let _ = sender.send(response);
                        }
                    })?;
                    Ok((request, outparam))
                })
        };
        let (request, outparam) = match resources {
            Ok(resources) => resources,
            Err(e) => {
                return host_error(StatusCode::BAD_REQUEST, &format!("bad request: {e:#}"));
            }
        };
        // The guest runs in a task of its own: it may go on writing the body
        // after it has handed over the response head. It ends with why it
        // failed, if it did.
        let worker = self.clone();
        let limit = self.request_timeout;
        let watched = progress.clone();
        let guest = tokio::task::spawn_local(async move {
            let _permit = permit;
            let call = instance.proxy.wasi_http_incoming_handler().call_handle(
                &mut instance.store,
                request,
                outparam,
            );
            // On a timeout the call is dropped where it waits, and the
            // instance with it.
            let result = tokio::time::timeout(limit, call).await;
            let never_answered = unanswered.lock().ok().and_then(|mut slot| slot.take());
            let failure = match result {
                // Returned without handing over a response (or keeping the
                // outparam somewhere): dropping the sender answers the
                // client with a 500, and an instance that behaves so once is
                // not trusted with the next request.
                Ok(Ok(())) if never_answered.is_some() => Failure::Unanswered,
                Ok(Ok(())) => {
                    instance.served += 1;
                    let mut idle = worker.idle.borrow_mut();
                    if instance.served < REQUESTS_PER_INSTANCE
                        && idle.len() < IDLE_INSTANCES_PER_WORKER
                    {
                        idle.push(instance);
                    }
                    return None;
                }
                // A trap leaves the instance unusable: it is dropped.
                Ok(Err(e)) => Failure::Trapped(e),
                Err(_) if watched.awaiting_client.load(Ordering::Relaxed) => {
                    Failure::BodyTooSlow(limit)
                }
                Err(_) => Failure::TooSlow(limit),
            };
            // Set before the instance, and with it the response body's
            // sender, is dropped: a response body that ends now is cut short,
            // and must not end as a complete message.
            watched.failed.store(true, Ordering::Relaxed);
            // After the response head has gone out, the client sees the
            // connection close before the body's end, and this line is the
            // only trace.
            if never_answered.is_none() {
                eprintln!("timestamp-host: after the response head, {failure}");
            }
            Some(failure)
        });
        match receiver.await {
            Ok(Ok(response)) => response.map(|body| ResponseBody { body, progress }.boxed_unsync()),
            Ok(Err(code)) => host_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("the component failed: {code:?}"),
            ),
            Err(_) => match guest.await {
                Ok(Some(failure)) => {
                    if !matches!(failure, Failure::BodyTooSlow(_)) {
                        eprintln!("timestamp-host: {failure}");
                    }
                    host_error(failure.status(), &failure.to_string())
                }
                // Unreachable: a guest that answered sent its response.
                Ok(None) => host_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the component answered nothing",
                ),
                Err(e) => host_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!("the component's task failed: {e}"),
                ),
            },
        }
    }
}

/// Why a request ended without the component's whole answer.
enum Failure {
    Unanswered,
    Trapped(wasmtime::Error),
    /// Time ran out while the host waited for the request's body from the
    /// client.
    BodyTooSlow(Duration),
    TooSlow(Duration),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BodyTooSlow(_) => StatusCode::REQUEST_TIMEOUT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unanswered => write!(f, "the component answered nothing"),
            Failure::Trapped(e) => write!(f, "the component trapped: {e:#}"),
            Failure::BodyTooSlow(limit) => write!(
                f,
                "request timeout: the request's body was still arriving after {} s",
                limit.as_secs_f64()
            ),
            Failure::TooSlow(limit) => write!(
                f,
                "the component did not finish within {} s",
                limit.as_secs_f64()
            ),
        }
    }
}

/// What the host learns of one request while the guest handles it.
#[derive(Default)]
struct Progress {
    /// The request body's last poll found nothing from the client yet: on a
    /// timeout, the client is the one that was slow.
    awaiting_client: AtomicBool,
    /// The guest failed (trapped, or ran out of time) after it may have
    /// handed over the response.
    failed: AtomicBool,
}

/// The request's body, as the guest reads it through the host.
struct RequestBody {
    body: Incoming,
    progress: Arc<Progress>,
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, hyper::Error>>> {
        let frame = Pin::new(&mut self.body).poll_frame(cx);
        self.progress
            .awaiting_client
            .store(frame.is_pending(), Ordering::Relaxed);
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The guest's response body on its way to the client. wasmtime-wasi-http
/// ends it cleanly when the guest's body goes away unfinished (the instance
/// dropped after a trap or a timeout): for a response without a length,
/// hyper would then send the last chunk, and the client would take a cut
/// body for a whole one. This ends it with an error instead, and hyper
/// closes the connection.
struct ResponseBody {
    body: HyperOutgoingBody,
    progress: Arc<Progress>,
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = wasmtime_wasi_http::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, wasmtime_wasi_http::Error>>> {
        match Pin::new(&mut self.body).poll_frame(cx) {
            Poll::Ready(None) if self.progress.failed.load(Ordering::Relaxed) => {
                Poll::Ready(Some(Err(wasmtime_wasi_http::Error::HttpResponseIncomplete)))
            }
            frame => frame,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The host's own answer when the component gives none: a short text, as
/// `wasmtime serve` gives (a 500, or a 400 for a request wasi:http cannot
/// carry).
fn host_error(status: StatusCode, why: &str) -> Response<HyperOutgoingBody> {
    let body = Full::new(Bytes::from(format!("{why}\n")))
        .map_err(wasmtime_wasi_http::Error::from)
        .boxed_unsync();
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// What a store holds: the WASI context (stdio inherited, as `wasmtime
/// serve -S cli=y` gives) and the wasi:http context.
struct HostState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
    hooks: NoOutgoingRequests,
}

impl HostState {
    fn new() -> Self {
        HostState {
            wasi: WasiCtx::builder().inherit_stdout().inherit_stderr().build(),
            http: WasiHttpCtx::new(),
            table: ResourceTable::new(),
            hooks: NoOutgoingRequests,
        }
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.hooks,
        }
    }
}

/// The served component answers requests; it does not make any. Refusing
/// outgoing requests also keeps TLS and a DNS resolver out of this binary.
struct NoOutgoingRequests;

impl WasiHttpHooks for NoOutgoingRequests {
    fn send_request(
        &mut self,
        _request: hyper::Request<WasiBody>,
        _options: Option<RequestOptions>,
        _fut: Box<dyn Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
    ) -> Box<
        dyn Future<
                Output = Result<
                    (
                        hyper::Response<WasiBody>,
                        Box<dyn Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
                    ),
                    wasmtime_wasi_http::Error,
                >,
            > + Send,
    > {
        Box::new(std::future::ready(Err(
            wasmtime_wasi_http::Error::DestinationIpProhibited,
        )))
    }
}
