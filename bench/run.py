#!/usr/bin/env python3
"""Runs every benchmark side by side with the JavaScript reference, writes
the figures to bench/results.json and renders BENCHMARKS.md from them with
the template bench/BENCHMARKS.md.j2 (scripts/bench calls this after
building).

  core   criterion (bench/core.rs) against V8's new Date + toUTCString +
         JSON.stringify on the same inputs (bench/v8.mjs)
  npm    the package's convert() against V8, in one node process
  bulk   the package's convertMany() on 10^5 inputs of each class against
         V8's loop over the same inputs (bench/bulk.mjs)
  http   the component under `spin up` (when a Spin CLI is available) and
         wasmtime serve (default and tuned flags) against bench/reference.mjs
         on node:http, wrk on loopback, same request mix; under each host
         the ceiling too, a spin-sdk handler answering "ok"
         (bench/size-baseline), and the floor, a handler sending one fixed
         answer, with the component's share of each, also round by round
  instr  instructions per request under callgrind, by where they run (the
         component's code, the host, libc), against the "ok" handler and
         the fixed answer; and the fixed answer with 0 to 4 of its headers,
         for what each header costs
  latency
         on kept-alive connections, by answer size (60 B to the API's
         largest, 172 KB) under each host; the 1,000-input batch under wrk
         under `spin up` and `wasmtime serve`; the page's time to ready in
         Chromium under both
  cold   process start to first 200
  sequential
         one connection, requests in sequence, the component and the "ok"
         handler under each host: per-request instantiation of each
  size   component and npm .wasm, raw and gzip, and what each part costs
  soak   SOAK_SECONDS at SOAK_CONNECTIONS connections under `spin up` and
         `wash dev` (tools/load/load.py): requests, errors, sampled answers
         checked against node's, p99, and the server's memory at start,
         middle and end

  python3 bench/run.py                        everything; rewrites
                                              bench/results.json, then
                                              BENCHMARKS.md from it
  python3 bench/run.py --only http,sequential those parts only; prints their
                                              sections, both files untouched
  python3 bench/run.py --only soak --merge    those parts only, their figures
                                              written into bench/results.json
                                              beside the last full run's, then
                                              BENCHMARKS.md rewritten (for a
                                              part whose subject changed alone)
  python3 bench/run.py --render               measures nothing: rewrites
                                              BENCHMARKS.md from
                                              bench/results.json (after an
                                              edit to the template)

The figures are data and the text is Markdown: every sentence of
BENCHMARKS.md is in the template, which Jinja2 fills in from the figures.
scripts/setup --bench installs Jinja2 into a venv of its own; run by a
python3 without it, this script runs itself again with the venv's.

Benchmarks, not tests: nothing here passes or fails on a number.
"""

import argparse
import datetime
import functools
import glob
import gzip
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools/load"))
import load  # noqa: E402  (tools/load/load.py: wasmtime(), wasmtime_serve(), spin_command(), free_port())

# Jinja2 renders BENCHMARKS.md; scripts/setup --bench installs it into a
# venv of its own beside the other tools (scripts/tools.sh's TOOLS_DIR). A
# python3 without it runs this script again with the venv's python (whose
# sys.prefix is the venv, so it does not do so twice).
BENCH_VENV = os.path.join(os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local/share"),
                          "timestamp-tools/bench-venv")
try:
    import jinja2
except ImportError:
    if os.path.exists(os.path.join(BENCH_VENV, "bin/python")) and sys.prefix != BENCH_VENV:
        os.execv(os.path.join(BENCH_VENV, "bin/python"), [os.path.join(BENCH_VENV, "bin/python"), *sys.argv])
    sys.exit(f"bench/run.py: no jinja2 here or in {BENCH_VENV}; `scripts/setup --bench` installs it there")

COMPONENT = os.path.join(ROOT, "target/component/timestamp_spin.wasm")
# The npm package's .wasm as shipped (wasm-opt'ed by scripts/build).
NPM_WASM = os.path.join(ROOT, "target/npm/timestamp_bg.wasm")
# The page's copy, as wasm-pack wrote it: no wasm-opt, the name section kept.
NAMED_WASM = os.path.join(ROOT, "target/pkg/page/timestamp_bg.wasm")
# The flags scripts/run serves with; see "HTTP" in BENCHMARKS.md for why.
TUNED_FLAGS = open(os.path.join(ROOT, "scripts/serve-flags")).read().split("#")[0].strip()
# The input classes, in the core tables' order, with the example each row shows.
EXAMPLES = {
    "iso_date": "2016-12-25",
    "iso_date_time": "2016-12-25T10:20:30.123Z",
    "integer_ms": "1451001600000",
    "rfc_2822": "Mon, 25 Dec 1995 13:30:00 +0430",
    "fcc_gmt": "05 October 2011, GMT",
    "invalid": "this-is-not-a-date",
}


JS_PROCESSES = 5


def run(cmd, **kw):
    print("+", " ".join(shlex.quote(c) for c in cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **{"cwd": ROOT, **kw}).stdout


RUST_PROCESSES = 3


def criterion_medians(args):
    """Runs the core benches with `args`; {group: {name: ns}}, each the
    median of criterion's samples, read from its estimates file rather than
    the figure it prints (its slope estimate, which one slow spell of this
    VM during the samples moves a long way)."""
    out = run(["cargo", "bench", "-p", "jsdate", "--bench", "core", "--", *args, "--output-format", "bencher"])
    medians = {}
    for m in re.finditer(r"^test (\w+)/(\w+) \.\.\. bench:", out, re.M):
        group, name = m.group(1), m.group(2)
        with open(os.path.join(ROOT, "target/criterion", group, name, "new/estimates.json")) as f:
            medians.setdefault(group, {})[name] = json.load(f)["median"]["point_estimate"]
    return medians


def core():
    # One bench process can run a cell much faster than the next the same
    # cell (seen on answer/integer_ms and answer/iso_date, with address
    # randomisation off too): the per-conversion cells are the
    # median over RUST_PROCESSES processes, as V8's are over JS_PROCESSES.
    rust = criterion_medians([])
    others = [criterion_medians(["^(convert|answer)/"]) for _ in range(RUST_PROCESSES - 1)]
    for group in ("convert", "answer"):
        for name in rust.get(group, {}):
            rust[group][name] = statistics.median(
                [rust[group][name], *(o[group][name] for o in others)])
    rust = {group: {name: round(ns) for name, ns in cells.items()} for group, cells in rust.items()}
    # One node process settles into one JIT state, and two processes can
    # differ widely on the same cell; the median over five processes is
    # what is reported.
    return rust, node_medians("bench/v8.mjs")


def node_medians(script, *flags):
    """`script` (one JSON line of {class: {cell: ns}}) in JS_PROCESSES node
    processes, with node's `flags`: the median of each cell."""
    runs = [json.loads(run(["node", *flags, script])) for _ in range(JS_PROCESSES)]
    return {c: {k: statistics.median(r[c][k] for r in runs) for k in runs[0][c]} for c in runs[0]}


# Seven rounds: on a 2-core VM one server's runs can land in two bands
# minutes apart, and a median of five still moved with which band a run
# fell in.
HTTP_ROUNDS = 7


OK_HANDLER = "a spin-sdk handler answering \"ok\" (`bench/size-baseline`)"
FIXED_HANDLER = "a spin-sdk handler sending one fixed API answer (`bench/size-baseline/examples/fixed_answer.rs`)"


def http_servers():
    """The HTTP table's rows: (name, load.py arguments, the name of the row
    that is its ceiling or None, the name of its floor row or None). Under
    each host the component, then the "ok" handler under the same host and
    flags (its ceiling: the goals are stated as a share of it), then the
    fixed-answer handler (the floor of any handler of this API: it reads
    the method and path and sends the same headers); the node reference
    last."""
    hosts = [
        # (the component's row, the host as the other rows name it, how
        # load.py serves the component, the "ok" handler, the fixed answer)
        *([("spin up (what `scripts/run` serves, a fresh instance per request)", "spin up",
            ["--server", "spin"], ["--manifest", BASELINE_MANIFEST], ["--manifest", FIXED_MANIFEST])]
          if load.spin_available() else []),
        ("wasmtime serve (defaults)", "wasmtime serve (defaults)",
         ["--server", "wasmtime"], ["--component", BASELINE], ["--component", FIXED]),
        ("wasmtime serve (`scripts/serve-flags`)", "wasmtime serve (`scripts/serve-flags`)",
         ["--server", "wasmtime", f"--wasmtime-flags={TUNED_FLAGS}"], ["--component", BASELINE],
         ["--component", FIXED]),
    ]
    rows = []
    for name, host, serve, serve_ok, serve_fixed in hosts:
        ceiling = f"ceiling: {OK_HANDLER}, {host}"
        floor = f"floor: {FIXED_HANDLER}, {host}"
        rows.append((name, serve, ceiling, floor))
        rows.append((ceiling, [*serve, *serve_ok, "--no-check"], None, None))
        rows.append((floor, [*serve, *serve_fixed, "--no-check"], None, None))
    rows.append(("node:http reference", ["--server", "node"], None, None))
    return rows


def http_bench():
    """Each server HTTP_ROUNDS times, interleaved; the run with the median
    req/s is reported (single runs on a 2-core VM land in two bands). Each
    component row keeps the names of its ceiling and floor rows, and the
    median over the rounds of its req/s as a share of theirs in the same
    round (the runs of one round are back to back)."""
    build_baseline()
    common = ["--duration", "10", "--connections", "32", "--paths", "fcc", "--json"]
    servers = http_servers()
    runs = {name: [] for name, _, _, _ in servers}
    for _ in range(HTTP_ROUNDS):
        for name, extra, _, _ in servers:
            runs[name].append(json.loads(run([sys.executable, "tools/load/load.py", *common, *extra])))
    results = {}
    for name, _, ceiling, floor in servers:
        rs = sorted(runs[name], key=lambda r: r["req_per_s"])
        results[name] = dict(rs[len(rs) // 2], all_req_per_s=sorted(r["req_per_s"] for r in rs),
                             cpu_us=statistics.median(r["server_cpu_us_per_request"] for r in rs),
                             kernel_us=statistics.median(r["server_kernel_us_per_request"] for r in rs),
                             faults=statistics.median(r["server_page_faults_per_request"] for r in rs),
                             ceiling=ceiling, floor=floor)
    for name, _, ceiling, floor in servers:
        for key, other in (("paired_ceiling", ceiling), ("paired_floor", floor)):
            if other:
                shares = [ours["req_per_s"] / theirs["req_per_s"]
                          for ours, theirs in zip(runs[name], runs[other]) if theirs["req_per_s"]]
                results[name][key] = statistics.median(shares) if shares else None
    return results


BASELINE = os.path.join(ROOT, "bench/size-baseline/target/wasm32-wasip2/release/size_baseline.wasm")
# The "ok" handler as a Spin app (same route as spin.toml), for `spin up`.
BASELINE_MANIFEST = os.path.join(ROOT, "bench/size-baseline/spin.toml")
FIXED = os.path.join(ROOT, "bench/size-baseline/target/wasm32-wasip2/release/examples/fixed_answer.wasm")
FIXED_MANIFEST = os.path.join(ROOT, "bench/size-baseline/spin-fixed-answer.toml")
# A handler answering `GET /BYTES?piece=K` with BYTES bytes written in pieces
# of at most K bytes: the host's part of latency by answer size.
PIECES = os.path.join(ROOT, "bench/size-baseline/target/wasm32-wasip2/release/examples/pieces.wasm")
PIECES_MANIFEST = os.path.join(ROOT, "bench/size-baseline/spin-pieces.toml")
# The fixed answer built with only the first n of its five headers
# (fixed_answer.rs's FIXED_ANSWER_HEADERS), n from 0 to 4: the instructions
# section counts what each header costs the host.
FIXED_WITH_HEADERS = {n: os.path.join(ROOT, f"bench/size-baseline/target/fixed_answer_{n}_headers.wasm")
                      for n in range(5)}


@functools.cache
def build_baseline():
    """The "ok" handler and the fixed-answer handler (one crate, one build
    of their dependencies), once per bench run."""
    spin_build(BASELINE_MANIFEST, "size-baseline")
    spin_build(PIECES_MANIFEST, "pieces")
    build_fixed()


def spin_build(manifest, component, env=None):
    """Runs `component`'s build command from the Spin `manifest`, as `spin
    build` would: each handler is built as its manifest says, with the
    component's stack size."""
    with open(manifest, "rb") as f:
        command = tomllib.load(f)["component"][component]["build"]["command"]
    # Spin takes one command or a list.
    for one in [command] if isinstance(command, str) else command:
        run(shlex.split(one), cwd=os.path.dirname(manifest), env=env)


def build_fixed(headers=None):
    """The fixed answer as its Spin manifest builds it, with all its
    headers or only the first `headers`."""
    env = {k: v for k, v in os.environ.items() if k != "FIXED_ANSWER_HEADERS"}
    if headers is not None:
        env["FIXED_ANSWER_HEADERS"] = str(headers)
    spin_build(FIXED_MANIFEST, "fixed-answer", env)


@functools.cache
def build_fixed_with_headers():
    """FIXED_WITH_HEADERS, then the whole fixed answer again at FIXED."""
    build_baseline()
    for headers, path in FIXED_WITH_HEADERS.items():
        build_fixed(headers)
        shutil.copyfile(FIXED, path)
    build_fixed()


def first_ok(port, deadline):
    """Polls GET /api/2016-12-25 until it answers 200."""
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/2016-12-25")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.0005)
    return False


SPIN_COLD = "spin up (the component from Spin's compilation cache, as on every start after the first)"


def cold_start():
    cwasm = os.path.join(ROOT, "target/timestamp.cwasm")
    run([load.wasmtime(), "compile", COMPONENT, "-o", cwasm])
    # Each a function of the port: the command, or (command, environment).
    servers = {
        **({SPIN_COLD: load.spin_command} if load.spin_available() else {}),
        "wasmtime serve, .wasm (compiled at start), defaults":
            lambda port: load.wasmtime_serve(port, COMPONENT),
        "wasmtime serve, precompiled .cwasm, defaults (pooling allocator)":
            lambda port: load.wasmtime_serve(port, cwasm, ["--allow-precompiled"]),
        "wasmtime serve, precompiled .cwasm, `scripts/serve-flags` (what `scripts/run` serves without a Spin CLI, "
        "and `scripts/run --wasmtime`)":
            lambda port: load.wasmtime_serve(port, cwasm, [*TUNED_FLAGS.split(), "--allow-precompiled"]),
        "node bench/reference.mjs":
            lambda port: ["node", os.path.join(ROOT, "bench/reference.mjs"), str(port)],
    }
    results = {}
    # The floor under every wasmtime row: the CLI starting and exiting, no
    # server (a large dynamically linked binary), and any process at all.
    for name, cmd in [("`wasmtime --version` (the CLI alone, no server)", [load.wasmtime(), "--version"]),
                      ("`/bin/true` (starting any process from Python)", ["/bin/true"])]:
        times = []
        for _ in range(15):
            start = time.monotonic()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times.append((time.monotonic() - start) * 1000)
        results[name] = round(statistics.median(times), 1)
    for name, cmd in servers.items():
        times = []
        for _ in range(7):
            port = load.free_port()
            argv = cmd(port)
            argv, env = argv if isinstance(argv, tuple) else (argv, None)
            start = time.monotonic()
            # A session of its own, so that load.stop_server() ends the
            # children too (`spin up` serves from a child process).
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                    start_new_session=True)
            # Spin compiles the component before it listens.
            ok = first_ok(port, start + (120 if name == SPIN_COLD else 30))
            elapsed = time.monotonic() - start
            load.stop_server(proc)
            if ok:
                times.append(elapsed * 1000)
        results[name] = round(statistics.median(times), 1) if times else None
    return results


# The sequential table's hosts: key, row name, how load.py serves the
# component, and how it serves the "ok" handler instead.
SEQUENTIAL_HOSTS = [
    ("fresh", "wasmtime serve, fresh instance per request (defaults)",
     ["--server", "wasmtime"], ["--component", BASELINE], ["--component", FIXED]),
    ("reused", "wasmtime serve, instance reused (`--max-instance-reuse-count 1000000` only)",
     ["--server", "wasmtime", "--wasmtime-flags=--max-instance-reuse-count 1000000"], ["--component", BASELINE],
     ["--component", FIXED]),
    ("spin", "spin up (a fresh instance per request)",
     ["--server", "spin"], ["--manifest", BASELINE_MANIFEST], ["--manifest", FIXED_MANIFEST]),
]
SEQUENTIAL_COMPONENTS = {"timestamp": "timestamp", "ok": "\"ok\" handler (`bench/size-baseline`)",
                         "fixed": "fixed answer (`bench/size-baseline/examples/fixed_answer.rs`)"}


def sequential():
    """Per-request cost of a fresh instance: one connection, requests in
    sequence, with a new instance each time (defaults) and with reuse, for
    this component, the "ok" handler and the fixed-answer handler, each
    host's three back to back. {(host key, component key): load.py's
    report}."""
    build_baseline()
    results = {}
    for host, _, serve, serve_ok, serve_fixed in SEQUENTIAL_HOSTS:
        if host == "spin" and not load.spin_available():
            continue
        for component, extra in [("timestamp", serve), ("ok", [*serve, *serve_ok, "--no-check"]),
                                 ("fixed", [*serve, *serve_fixed, "--no-check"])]:
            results[(host, component)] = json.loads(run(
                [sys.executable, "tools/load/load.py", "--duration", "5", "--connections", "1", "--threads", "1",
                 "--paths", "fcc", "--json", *extra]))
    return results


CALLGRIND_SECONDS = 10
# The host with instance reuse, where the goal for instructions is stated
# and the cost of each header is counted.
HEADERS_HOST = "wasmtime serve (`scripts/serve-flags`)"


def instructions():
    """User-space instructions per request, counted by callgrind while wrk
    loads the server: unlike time, the count repeats from run to run whatever
    else the machine is doing, so it shows where a request's work goes and
    what a change saved. The kernel's share (the sockets) is not counted.
    Each host serves the .wasm, compiled at start under valgrind (a .cwasm
    compiled outside it targets CPU features valgrind does not emulate).
    Then, under HEADERS_HOST, the fixed answer with 0 to 4 of its headers:
    five more runs."""
    build_fixed_with_headers()
    hosts = {
        HEADERS_HOST:
            lambda port, wasm: load.wasmtime_serve(port, wasm, TUNED_FLAGS.split()),
        "wasmtime serve (defaults: a fresh instance per request)":
            lambda port, wasm: load.wasmtime_serve(port, wasm),
    }
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths_file = os.path.join(tmp, "fcc.paths")
        with open(paths_file, "w") as f:
            f.write("\n".join(load.FCC_PATHS) + "\n")
        for host, command in hosts.items():
            for component, wasm in INSTR_COMPONENTS:
                results[(host, component)] = callgrind_per_request(command, wasm, paths_file, tmp)
        # What each header costs, where the goal is stated: with reuse.
        by_headers = {n: callgrind_per_request(hosts[HEADERS_HOST], wasm, paths_file, tmp)
                      for n, wasm in FIXED_WITH_HEADERS.items()}
    return {"table": results, "by_headers": by_headers}


# The instructions table's components, in order: this one, the "ok"
# handler, the fixed-answer handler.
INSTR_COMPONENTS = [
    ("timestamp", COMPONENT),
    ("\"ok\" handler (`bench/size-baseline`)", BASELINE),
    ("fixed answer (`bench/size-baseline/examples/fixed_answer.rs`)", FIXED),
]


def callgrind_per_request(command, wasm, paths_file, tmp):
    port = load.free_port()
    out = os.path.join(tmp, f"callgrind.{port}")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", *command(port, wasm)]
    print("+", " ".join(shlex.quote(c) for c in cmd), file=sys.stderr, flush=True)
    log_path = os.path.join(tmp, f"valgrind.{port}.log")
    with open(log_path, "w") as log:
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    try:
        # Compiling the component under valgrind takes a while; a server that
        # exits instead is reported at once, with what it said.
        deadline = time.monotonic() + 600
        while not first_ok(port, min(deadline, time.monotonic() + 1)):
            if server.poll() is not None or time.monotonic() > deadline:
                with open(log_path, errors="replace") as log:
                    said = log.read()[-2000:]
                sys.exit(f"{cmd}: no answer under valgrind\n{said}")

        def wrk(seconds):
            result = run(["wrk", "-t1", "-c4", f"-d{seconds}s", "--timeout", "30s", "-s",
                          os.path.join(ROOT, "tools/load/paths.lua"), f"http://127.0.0.1:{port}", "--", paths_file])
            return int(re.search(r"^LOAD requests=(\d+)", result, re.M).group(1))

        # The headers the handler sends (not those the host adds).
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", load.FCC_PATHS[0])
        answer = conn.getresponse()
        answer.read()
        conn.close()
        sent = [name.lower() for name, _ in answer.getheaders()
                if name.lower() not in ("date", "transfer-encoding")]
        wrk(3)  # warm-up: pools filled, first-use paths taken
        run(["callgrind_control", "--zero", str(server.pid)])
        requests = wrk(CALLGRIND_SECONDS)
        run(["callgrind_control", "--dump", str(server.pid)])
    finally:
        server.kill()
        server.wait()
    by_object, total = callgrind_self_costs(f"{out}.{server.pid}.1")
    # Compiled wasm has no file behind it; callgrind names it "???".
    wasm_code = by_object.pop("???", 0)
    host = sum(n for obj, n in by_object.items() if os.path.basename(obj) == "wasmtime")
    return {"requests": requests, "total": total / requests, "wasm": wasm_code / requests,
            "host": host / requests, "libs": (total - wasm_code - host) / requests, "headers": sent}


def callgrind_self_costs(path):
    """Instructions by object file (the executable, each shared library,
    "???" for code with no file) from a callgrind output file, and their
    total. A cost line after `calls=` is the call's inclusive cost, which the
    callee's own lines already count: skipped."""
    names = {}
    obj = None
    by_object = {}
    total = None
    skip_call_cost = False
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if skip_call_cost:
                skip_call_cost = False
                continue
            match = re.match(r"(c?ob)=\((\d+)\)(?: (.*))?$", line)
            if match:
                kind, key, name = match.groups()
                if name is not None:
                    names[key] = name
                if kind == "ob":
                    obj = names[key]
            elif line.startswith("calls="):
                skip_call_cost = True
            elif line.startswith(("totals:", "summary:")):
                total = int(line.split()[1])
            elif line[:1].isdigit() or line[:1] in ("+", "-", "*"):
                fields = line.split()
                if len(fields) >= 2:
                    by_object[obj] = by_object.get(obj, 0) + int(fields[1])
    counted = sum(by_object.values())
    if total is not None and counted != total:
        sys.exit(f"{path}: read {counted} instructions, callgrind counted {total}")
    return by_object, counted


def gz(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9))


def sizes():
    out = {
        "component": (os.path.getsize(COMPONENT), gz(COMPONENT)),
        "npm": (os.path.getsize(NPM_WASM), gz(NPM_WASM)),
    }
    build_baseline()
    out["baseline"] = (os.path.getsize(BASELINE), gz(BASELINE))
    # What the component's build embeds, as stored: the files
    # crates/http/build.rs lists (gzipped) and the zones crates/tzdb's build.rs
    # writes (compact, deflated), from the component's last build.
    assets_rs = newest(os.path.join(ROOT, "target/wasm32-wasip2/release/build/timestamp-http-*/out/assets.rs"))
    with open(assets_rs) as f:
        # `passive_bytes::embed! { static ASSET_0 = "path"; }`
        embedded = re.findall(r'static \w+ = "((?:[^"\\]|\\.)*)";', f.read())
    if not embedded:
        sys.exit(f"{assets_rs}: no embedded files found; has build.rs's output changed?")
    out["assets"] = sum(os.path.getsize(path) for path in embedded)
    zones_out = os.path.dirname(
        newest(os.path.join(ROOT, "target/wasm32-wasip2/release/build/timestamp-tzdb-*/out/tzdb.deflate")))
    out["zones"] = sum(os.path.getsize(os.path.join(zones_out, name))
                       for name in ("tzdb.deflate", "tzdb.names", "tzdb.index"))
    out["data"] = {"timestamp": data_bytes(COMPONENT), "fixed": data_bytes(FIXED)}
    try:
        out["twiggy"] = run(["twiggy", "top", "-n", "15", NAMED_WASM])
    except (OSError, subprocess.CalledProcessError):
        out["twiggy"] = None
    return out


def data_bytes(path):
    """(active, passive): the bytes of the data segments of the core modules
    in the component at `path`. Active segments are the memory image a host
    maps into every instance; passive ones are copied in by `memory.init`
    only when read (crates/passive-bytes)."""
    def leb(b, i):
        value = shift = 0
        while True:
            byte = b[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value, i

    def sections(b):
        i = 8  # the magic number and the version
        while i < len(b):
            size, start = leb(b, i + 1)
            yield b[i], b[start:start + size]
            i = start + size

    with open(path, "rb") as f:
        component = f.read()
    totals = [0, 0]
    for section_id, module in sections(component):
        if section_id != 1:  # a core module
            continue
        for module_section_id, data in sections(module):
            if module_section_id != 11:  # the data section
                continue
            count, i = leb(data, 0)
            for _ in range(count):
                flags, i = leb(data, i)
                if flags == 2:  # an explicit memory index
                    _, i = leb(data, i)
                if flags != 1:  # active: skip the offset, `i32.const N end`
                    if data[i] != 0x41:
                        sys.exit(f"{path}: a data segment's offset is not an i32.const")
                    _, i = leb(data, i + 1)  # N's bytes (its sign does not matter here)
                    if data[i] != 0x0B:
                        sys.exit(f"{path}: a data segment's offset is not a constant")
                    i += 1
                size, i = leb(data, i)
                totals[flags == 1] += size
                i += size
    return tuple(totals)


def newest(pattern):
    """The most recently written file matching `pattern` (a build's
    OUT_DIR changes name when its inputs do; the newest is the last
    build's)."""
    return max(glob.glob(pattern), key=os.path.getmtime)


def machine():
    """The machine, for BENCHMARKS.md's first lines."""
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_gib = int(f.readline().split()[1]) / 1024 / 1024
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_gib, 2),
            "os": f"{platform.system()} {platform.release()}"}


def versions():
    """The tools measured and measuring, each as its --version says."""
    return {
        "rustc": run(["rustc", "--version"]).strip(),
        "node": run(["node", "--version"]).strip(),
        "wasmtime": run([load.wasmtime(), "--version"]).strip(),
        **({"spin": run([load.spin(), "--version"]).strip()} if load.spin_available() else {}),
        "wrk": (subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines() or ["wrk"])[0],
    }


# What the template computes with, as its globals: ratio, share, us_between
# and about_us; and as its filters: fmt and named.
def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "–"


def share(a, b):
    """a as a percentage of b: the goals against a ceiling are stated as
    one (90% or more), which a one-decimal ratio would round away."""
    return f"{a / b:.0%}" if a and b else "–"


def us_between(slower, faster):
    """µs per request between two sequential runs: 1/req/s of one less
    1/req/s of the other (None if either served nothing)."""
    a, b = slower["req_per_s"], faster["req_per_s"]
    return 1e6 / a - 1e6 / b if a and b else None


def about_us(us):
    # round() gives an int, so a difference within half a µs of zero reads
    # "0", not "-0".
    return f"about {round(us)} µs" if us is not None else "–"


def fmt(value, spec):
    """`value` formatted as Python's format() does: fmt(",") for 12,345,
    fmt(".2f") for 1.23."""
    return format(value, spec)


def named(rows, name):
    """The row of `rows` whose "name" is `name`, or None."""
    return next((row for row in rows if row["name"] == name), None)


# Latency by answer size: on one kept-alive connection, as browsers and
# HTTP libraries keep theirs, the 2nd to the 20th request (the first opens
# the connection), on several connections in turn.
LATENCY_REQUESTS = 20
LATENCY_CONNECTIONS = 5
# The hosts: the name, load.start_server's kind and wasmtime flags.
LATENCY_HOSTS = [
    ("spin up", "spin", ""),
    ("wasmtime serve (defaults)", "wasmtime", ""),
    ("jco serve", "jco", ""),
    ("workerd (the Cloudflare worker)", "workerd", ""),
]


def latency_answers():
    """(name, method, target, body) of the answers measured, from ~100 bytes
    to the largest the API sends (batches are its only answers over a few
    KB besides the page's files and the OpenAPI document)."""
    body, _ = load.batch_case()
    inputs = json.loads(body)
    return [
        ("60 B: `GET /api/2016-12-25`", "GET", "/api/2016-12-25", b""),
        ("12 KB: a 200-input batch", "POST", "/api/batch", json.dumps(inputs[:200]).encode()),
        ("60 KB: the 1,000-input batch", "POST", "/api/batch", body),
        ("172 KB, the largest answer of the API: the 1,000-input batch with every field",
         "POST", "/api/batch?format=full&tz=America/Argentina/Buenos_Aires", body),
    ]


def read_until(sock, data, done):
    """`data` and what `sock` sends after it, until `done(data)`."""
    while not done(data):
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("the server closed the connection")
        data += chunk
    return data


def read_answer(sock, unread):
    """Reads one HTTP/1.1 answer from `sock` (bytes already read in
    `unread`): (its status, its body's length, what was read past it)."""
    unread = read_until(sock, unread, lambda data: b"\r\n\r\n" in data)
    head, rest = unread.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    if "content-length" in headers:
        length = int(headers["content-length"])
        rest = read_until(sock, rest, lambda data: len(data) >= length)
        return status, length, rest[length:]
    # Chunked: read to the last chunk, counting the body's bytes.
    body = 0
    while True:
        rest = read_until(sock, rest, lambda data: b"\r\n" in data)
        size_line, rest = rest.split(b"\r\n", 1)
        size = int(size_line.split(b";")[0], 16)
        rest = read_until(sock, rest, lambda data, size=size: len(data) >= size + 2)
        body += size
        rest = rest[size + 2:]
        if size == 0:
            return status, body, rest


def kept_alive_latencies(port, method, target, body):
    """ms of each request after the first on LATENCY_CONNECTIONS kept-alive
    connections in turn, and the answer's length. The client disables
    Nagle's algorithm and sends each request in one write, as browsers do,
    so any wait is the server's."""
    request = (f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               + (f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if body else "")
               + "\r\n").encode() + body
    times, length = [], None
    for _ in range(LATENCY_CONNECTIONS):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            unread = b""
            for i in range(LATENCY_REQUESTS):
                start = time.perf_counter()
                sock.sendall(request)
                status, length, unread = read_answer(sock, unread)
                elapsed = (time.perf_counter() - start) * 1000
                if status != 200:
                    raise SystemExit(f"{method} {target}: {status}")
                if i > 0:
                    times.append(elapsed)
    return times, length


def percentile(values, p):
    """The nearest-rank percentile: of 95 values, p99 is the largest."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def latency():
    """{host: [(answer name, its bytes, p50 ms, p99 ms)]} for each host and
    answer of latency_answers(), each host started once."""
    results = {}
    for name, kind, flags in LATENCY_HOSTS:
        if kind == "spin" and not load.spin_available():
            continue
        with load.serving(kind, flags) as port:
            rows = []
            for answer, method, target, body in latency_answers():
                times, length = kept_alive_latencies(port, method, target, body)
                rows.append((answer, length, percentile(times, 50), percentile(times, 99)))
            results[name] = rows
    return results


# The host's part: bodies of these sizes from bench/size-baseline's pieces
# handler, in one piece and in 4 KiB pieces (as a loop of wasi:io's
# `blocking-write-and-flush` writes them), under each host that runs a
# component (workerd runs the worker).
PIECES_BYTES = [100, 12_000, 60_000, 1_000_000]


def pieces_latency():
    """{host: {(bytes, piece): (p50 ms, p99 ms)}} for the pieces handler,
    piece None for the whole body in one write."""
    build_baseline()
    hosts = [*([("spin up", "spin", {"manifest": PIECES_MANIFEST})] if load.spin_available() else []),
             ("wasmtime serve (defaults)", "wasmtime", {"component": PIECES}),
             ("jco serve", "jco", {"component": PIECES})]
    results = {}
    for name, kind, served in hosts:
        with load.serving(kind, **served) as port:
            cells = {}
            for size in PIECES_BYTES:
                for piece in (None, 4096):
                    target = f"/{size}" + (f"?piece={piece}" if piece else "")
                    times, _ = kept_alive_latencies(port, "GET", target, b"")
                    cells[(size, piece)] = (percentile(times, 50), percentile(times, 99))
            results[name] = cells
    return results


def batch_bench():
    """The 1,000-input batch under wrk (`load.py --paths batch`) under `spin
    up` and `wasmtime serve` defaults, interleaved, HTTP_ROUNDS // 2 rounds:
    {host: the run with the median req/s, with every run's req/s}."""
    hosts = [*([("spin up", ["--server", "spin"])] if load.spin_available() else []),
             ("wasmtime serve (defaults)", ["--server", "wasmtime"])]
    common = ["--duration", "10", "--connections", "16", "--paths", "batch", "--json"]
    runs = {name: [] for name, _ in hosts}
    for _ in range(HTTP_ROUNDS // 2):
        for name, serve in hosts:
            runs[name].append(json.loads(run([sys.executable, "tools/load/load.py", *common, *serve])))
    results = {}
    for name, _ in hosts:
        rs = sorted(runs[name], key=lambda r: r["req_per_s"])
        results[name] = dict(rs[len(rs) // 2], all_req_per_s=[r["req_per_s"] for r in rs])
    return results


PAGE_LOADS = 7

SOAK_SECONDS = 300
SOAK_CONNECTIONS = 64


def soak():
    """SOAK_SECONDS of wrk at SOAK_CONNECTIONS connections over the corpus
    paths under `spin up` and `wash dev`, one after the other:
    {host: load.py's report}."""
    hosts = [*([("spin up", "spin")] if load.spin_available() else []), ("wash dev (wasmCloud)", "wash")]
    common = ["--duration", str(SOAK_SECONDS), "--connections", str(SOAK_CONNECTIONS), "--json"]
    results = {}
    for name, kind in hosts:
        # load.py exits 1 on any error or wrong answer: the report is the
        # figure either way.
        done = subprocess.run([sys.executable, "tools/load/load.py", *common, "--server", kind],
                              capture_output=True, text=True, cwd=ROOT, timeout=SOAK_SECONDS + 300)
        print(f"+ soak {name}: exit {done.returncode}", file=sys.stderr, flush=True)
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def page_ready():
    """The page in Chromium under `spin up` and `wasmtime serve` defaults:
    bench/page.mjs's medians over PAGE_LOADS loads, each in a fresh browser
    context (nothing cached)."""
    hosts = [*([("spin up", "spin")] if load.spin_available() else []),
             ("wasmtime serve (defaults)", "wasmtime")]
    results = {}
    for name, kind in hosts:
        with load.serving(kind) as port:
            results[name] = json.loads(run(["node", os.path.join(ROOT, "bench/page.mjs"),
                                            f"http://127.0.0.1:{port}/", str(PAGE_LOADS)]))
    return results


# What each part's measure function returns, as the data bench/results.json
# keeps and the template reads: plain keys (no tuples), lists where order
# matters, and the settings the text quotes (how many rounds, processes,
# seconds), so that re-rendering an older run states how it was measured.
def core_data(measured):
    rust, js = measured
    return {"rust_processes": RUST_PROCESSES, "js_processes": JS_PROCESSES, "examples": EXAMPLES,
            "rust_ns": rust, "node": js}


def bulk():
    return node_medians("bench/bulk.mjs", "--expose-gc")


def bulk_data(measured):
    return {"js_processes": JS_PROCESSES, "classes": measured}


def http_data(results):
    return {"rounds": HTTP_ROUNDS, "serve_flags": TUNED_FLAGS,
            "servers": [{"name": name, **r} for name, r in results.items()]}


def instr_data(measured):
    """The table's rows, each host's three components in INSTR_COMPONENTS
    order, and the fixed answer built with 0 to 4 headers."""
    return {"callgrind_seconds": CALLGRIND_SECONDS, "headers_host": HEADERS_HOST,
            "rows": [{"host": host, "component": component, "counts": r}
                     for (host, component), r in measured["table"].items()],
            "by_headers": [{"headers_built": n, "counts": r} for n, r in measured["by_headers"].items()]}


def latency_data(measured):
    lat, pieces, batch, page = measured

    def ms(p50, p99):
        return {"p50_ms": p50, "p99_ms": p99}

    return {
        "requests_per_connection": LATENCY_REQUESTS, "connections": LATENCY_CONNECTIONS,
        "kept_alive": [{"name": host, "answers": [{"answer": answer, "bytes": length, **ms(p50, p99)}
                                                  for answer, length, p50, p99 in rows]}
                       for host, rows in lat.items()],
        "pieces": [{"name": host, "bodies": [{"bytes": size, "one_write": ms(*cells[(size, None)]),
                                              "in_4_kib_pieces": ms(*cells[(size, 4096)])}
                                             for size in PIECES_BYTES]}
                   for host, cells in pieces.items()],
        "batch_runs": HTTP_ROUNDS // 2,
        "batch": [{"name": host, **r} for host, r in batch.items()],
        "page_loads": PAGE_LOADS,
        "page": [{"name": host, **r} for host, r in page.items()],
    }


def cold_data(results):
    return {"servers": [{"name": name, "ms": ms} for name, ms in results.items()]}


def sequential_data(seq):
    """Each host measured, by key as in SEQUENTIAL_HOSTS, with its row name
    and its runs by component key (SEQUENTIAL_COMPONENTS)."""
    hosts = {}
    for host, name, _, _, _ in SEQUENTIAL_HOSTS:
        runs = {component: seq[(host, component)] for component in SEQUENTIAL_COMPONENTS if (host, component) in seq}
        if runs:
            hosts[host] = {"name": name, "runs": runs}
    return {"components": SEQUENTIAL_COMPONENTS, "hosts": hosts}


def size_data(size):
    def sized(raw_gzip):
        return {"bytes": raw_gzip[0], "gzip_bytes": raw_gzip[1]}

    return {"component": sized(size["component"]), "npm": sized(size["npm"]), "baseline": sized(size["baseline"]),
            "assets_bytes": size["assets"], "zones_bytes": size["zones"],
            "data_segments": {name: {"active_bytes": active, "passive_bytes": passive}
                              for name, (active, passive) in size["data"].items()},
            "twiggy": size["twiggy"]}


def soak_data(results):
    commit = run(["git", "rev-parse", "--short", "HEAD"]).strip()
    return {"seconds": SOAK_SECONDS, "connections": SOAK_CONNECTIONS,
            "date": datetime.date.today().isoformat(), "commit": commit,
            "servers": [{"name": name, **r} for name, r in results.items()]}


# BENCHMARKS.md's parts in the order they are measured and written: how
# each is measured and how its figures become data. "core" is the core
# table and the npm package's (one set of node processes measures V8 for
# both).
PARTS = {
    "core": (core, core_data),
    "bulk": (bulk, bulk_data),
    "http": (http_bench, http_data),
    "instr": (instructions, instr_data),
    "latency": (lambda: (latency(), pieces_latency(), batch_bench(), page_ready()), latency_data),
    "cold": (cold_start, cold_data),
    "sequential": (sequential, sequential_data),
    "size": (sizes, size_data),
    "soak": (soak, soak_data),
}
RESULTS = os.path.join(ROOT, "bench/results.json")
TEMPLATE = os.path.join(ROOT, "bench/BENCHMARKS.md.j2")
BENCHMARKS_MD = os.path.join(ROOT, "BENCHMARKS.md")


def measure(parts):
    """{part: its data} for each of `parts`, measured in PARTS order."""
    return {part: to_data(measure_part()) for part, (measure_part, to_data) in PARTS.items() if part in parts}


def render(data):
    """The template filled in from `data`, bench/results.json's content:
    the whole of BENCHMARKS.md, or the sections of the parts `data` has."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.dirname(TEMPLATE)),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(ratio=ratio, share=share, us_between=us_between, about_us=about_us)
    env.filters.update(fmt=fmt, named=named)
    return env.get_template(os.path.basename(TEMPLATE)).render(data).rstrip() + "\n"


def write_results(data):
    with open(RESULTS, "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


def write_benchmarks_md():
    if not os.path.exists(RESULTS):
        sys.exit(f"{RESULTS}: no figures yet; `scripts/bench` measures and writes them")
    with open(RESULTS) as f:
        data = json.load(f)
    with open(BENCHMARKS_MD, "w") as f:
        f.write(render(data))
    print("wrote BENCHMARKS.md", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=None,
                        help=f"comma-separated parts to run ({', '.join(PARTS)}): their sections are printed "
                             "and bench/results.json and BENCHMARKS.md are left as they are (for checking a "
                             "change quickly)")
    parser.add_argument("--merge", action="store_true",
                        help="with --only: write the parts' figures into bench/results.json beside those "
                             "already there, and rewrite BENCHMARKS.md")
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: rewrite BENCHMARKS.md from bench/results.json and the template "
                             "(after an edit to the text)")
    args = parser.parse_args()
    if args.render:
        if args.only:
            parser.error("--render measures nothing; --only chooses what to measure")
        write_benchmarks_md()
        return
    load.as_deployed()
    only = args.only.split(",") if args.only else list(PARTS)
    unknown = [p for p in only if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; the parts: {', '.join(PARTS)}")

    if args.merge:
        if not args.only:
            parser.error("--merge takes the parts --only names")
        with open(RESULTS) as f:
            data = json.load(f)
        data.update(measure(only))
        write_results(data)
        print("merged into bench/results.json", file=sys.stderr)
        write_benchmarks_md()
        return
    if args.only:
        # Through JSON, as --render reads it, so the sections print as the
        # whole run would write them.
        print(render(json.loads(json.dumps(measure(only)))))
        return
    data = {"date": datetime.date.today().isoformat(), "machine": machine(), "versions": versions(),
            **measure(only)}
    # The figures first: a template that fails to render loses no run.
    write_results(data)
    print("wrote bench/results.json", file=sys.stderr)
    write_benchmarks_md()


if __name__ == "__main__":
    main()
