#!/usr/bin/env python3
"""Loopback load test of the timestamp service with wrk.

Starts a server (the component under `wasmtime serve`, `jco serve` or
`wash dev` (wasmCloud), the app spin.toml (or --manifest) describes under
`spin up`, the worker under workerd, or the node:http reference in
bench/), drives it with wrk over corpus paths for a bounded time, and while
wrk runs, checks a sample of answers against node's expected bodies and
samples the server's memory (at start, middle and end; and its CPU time and page faults: of the
server process and its children, as `spin up` serves from a child
process). Prints a report; with --json, one JSON line.

  python3 tools/load/load.py --duration 30 --connections 64
  python3 tools/load/load.py --server spin
  python3 tools/load/load.py --server spin --manifest bench/size-baseline/spin.toml --no-check
  python3 tools/load/load.py --server node
  python3 tools/load/load.py --server wash --duration 300       (a soak)
  python3 tools/load/load.py --wasmtime-flags "-O pooling-allocator=n --max-instance-reuse-count 100000"

Exit status 1 if any answer was non-2xx, wrong, or a socket error occurred.
Only loopback (127.0.0.1) is ever addressed.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tool(variable, name):
    """$variable, else `name` where scripts/setup puts it."""
    if os.environ.get(variable):
        return os.environ[variable]
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local/share")
    return os.path.join(data, "timestamp-tools/bin", name)


def wasmtime():
    return tool("TIMESTAMP_WASMTIME", "wasmtime")


def spin():
    """The Spin CLI: $SPIN, else `spin` on PATH, else where scripts/setup
    unpacks it (as scripts/run, scripts/test and the HTTP tests look for
    it)."""
    return os.environ.get("SPIN") or shutil.which("spin") or tool("SPIN", "spin")


def spin_available():
    path = spin()
    return os.path.isfile(path) and os.access(path, os.X_OK)


# The app `scripts/run` serves under `spin up`.
MANIFEST = os.path.join(ROOT, "spin.toml")


def spin_command(port, manifest=MANIFEST):
    """(argv, env) for `spin up` serving the app `manifest` describes (the
    root spin.toml unless told) on 127.0.0.1:port. HOME under target/
    (component logs there too), so what Spin keeps under HOME (its Wasmtime
    compilation cache among it) stays in the project."""
    home = os.path.join(ROOT, "target/spin-home")
    os.makedirs(home, exist_ok=True)
    cmd = [spin(), "up", "--from", manifest,
           "--listen", f"127.0.0.1:{port}", "--log-dir", os.path.join(home, "logs")]
    return cmd, dict(os.environ, HOME=home)


def manifest_sources(manifest):
    """The local .wasm files the Spin app `manifest` describes, as paths
    (a component's `source` is relative to the manifest's directory; a
    registry or URL source is not a local file and is left out)."""
    with open(manifest, "rb") as f:
        app = tomllib.load(f)
    return [os.path.join(os.path.dirname(os.path.abspath(manifest)), c["source"])
            for c in app.get("component", {}).values() if isinstance(c.get("source"), str)]


def node_tool(name):
    """A host from tools/node (scripts/setup's `npm ci`): jco, workerd."""
    return os.path.join(ROOT, "tools/node/node_modules/.bin", name)


def wash_project(port, component):
    """A wash project directory serving `component` on `port`:
    deploy/wasmcloud's configuration with that address and no build
    command (scripts/build built the component)."""
    with open(os.path.join(ROOT, "deploy/wasmcloud/.wash/config.yaml")) as f:
        config = f.read()
    config = re.sub(r"(?m)^(\s*)address:.*$", rf"\g<1>address: 127.0.0.1:{port}", config)
    config = re.sub(r"(?m)^(\s*)command:.*$", r'\g<1>command: "true"', config)
    config = re.sub(r"(?m)^(\s*)component_path:.*$", rf"\g<1>component_path: {component}", config)
    project = os.path.join(ROOT, "target/wash", f"load-{port}")
    os.makedirs(os.path.join(project, ".wash"), exist_ok=True)
    with open(os.path.join(project, ".wash/config.yaml"), "w") as f:
        f.write(config)
    return project


# The Cloudflare worker (the same routes) as the HTTP tests serve it under
# workerd; scripts/build builds what it embeds.
WORKERD_CONFIG = os.path.join(ROOT, "deploy/cloudflare/workerd.capnp")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# `--paths batch`: POST /api/batch with this many corpus dates, each short
# enough for the body to fit the route's 64 KiB (the largest batch the API
# takes: its answer is ~60 KB).
BATCH_INPUTS = 1000


def batch_case():
    """(the request body, the expected answer's JSON) of the 1,000-input
    batch: the first corpus inputs of at most 40 bytes that are dates."""
    inputs, expected = [], []
    with open(os.path.join(ROOT, "tests/data/corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if len(case["input"]) <= 40 and "unix" in case["expected"]:
                inputs.append(case["input"])
                expected.append(case["expected"])
            if len(inputs) == BATCH_INPUTS:
                break
    return json.dumps(inputs).encode(), json.dumps(expected)


def corpus_cases():
    cases = []
    with open(os.path.join(ROOT, "tests/data/corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            path = "/api/" + urllib.parse.quote(case["input"], safe="")
            body = json.dumps(case["expected"], separators=(",", ":"), ensure_ascii=False)
            cases.append((path, body))
    return cases


COMPONENT = os.path.join(ROOT, "target/component/timestamp_spin.wasm")

# `--paths fcc`: the freeCodeCamp project's example inputs.
FCC_PATHS = ["/api/2016-12-25", "/api/1451001600000", "/api/05%20October%202011%2C%20GMT",
             "/api/this-is-not-a-date"]


def wasmtime_serve(port, component, flags=()):
    """`wasmtime serve` for `component` on loopback `port`, with `flags`:
    the command line."""
    return [wasmtime(), "serve", "-S", "cli=y", *flags, "--addr", f"127.0.0.1:{port}", component]


def start_server(kind, port, flags, pin=False, component=COMPONENT, manifest=MANIFEST):
    env = None
    wait_s = 30
    if kind == "wasmtime":
        if not os.path.isfile(component):
            sys.exit(f"{component} is missing: run scripts/build")
        cmd = wasmtime_serve(port, component, shlex.split(flags))
    elif kind == "spin":
        if not os.path.isfile(manifest):
            sys.exit(f"{manifest} is missing")
        for source in manifest_sources(manifest):
            if not os.path.isfile(source):
                sys.exit(f"{source} ({manifest}'s component) is missing: build it (scripts/build for "
                         "this project's)")
        if not spin_available():
            sys.exit(f"no Spin CLI at {spin()}: set $SPIN, put spin on PATH, or run scripts/setup")
        cmd, env = spin_command(port, manifest)
        wait_s = 120  # Spin compiles the component before it listens.
    elif kind == "jco":
        cmd = [node_tool("jco"), "serve", "--host", "127.0.0.1", "--port", str(port), component]
    elif kind == "wash":
        if not os.path.isfile(component):
            sys.exit(f"{component} is missing: run scripts/build")
        cmd = [tool("WASH", "wash"), "-C", wash_project(port, component), "dev", "--non-interactive"]
    elif kind == "workerd":
        cmd = [node_tool("workerd"), "serve", WORKERD_CONFIG, "--socket-addr", f"http=127.0.0.1:{port}"]
    else:
        cmd = ["node", os.path.join(ROOT, "bench/reference.mjs"), str(port)]
    if pin:
        cmd = ["taskset", "-c", SERVER_CPU, *cmd]
    # stderr to a file, not a pipe nobody reads while wrk runs: a server
    # that logs enough would block on a full pipe. A session of its own, so
    # stop_server() ends its children too (`spin up` serves from one).
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, env=env, start_new_session=True)
    deadline = time.time() + wait_s
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            stop_server(proc)
            sys.exit(f"server exited: {log.read().decode(errors='replace')}")
        try:
            if kind == "wash":
                # wash listens before the component is there (and answers
                # an empty 404 until it is).
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/healthz")
                ready = c.getresponse().status == 200
                c.close()
                if ready:
                    return proc
                time.sleep(0.05)
                continue
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)
    stop_server(proc)
    sys.exit(f"server did not listen within {wait_s} s")


@contextlib.contextmanager
def serving(kind, flags="", **served):
    """The server `kind` on a free loopback port, as start_server starts it
    (`served`: its component or manifest), stopped on leaving: yields the
    port."""
    port = free_port()
    server = start_server(kind, port, flags, **served)
    try:
        yield port
    finally:
        stop_server(server)


def stop_server(proc):
    """Kills the server and anything it started (its process group: the
    process was started with start_new_session=True), then reaps it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()
    proc.wait()


def tree_pids(pid):
    """pid and its descendants, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(children.get(p, []))
    return pids


def rss_kib(pids):
    """Resident memory of the processes (the server's tree_pids())."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def process_counters(pids):
    """What the processes (all their threads) have used so far: CPU seconds
    in user space and in the kernel, and minor page faults."""
    user = kernel = faults = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                # Fields after the command name, which is in parentheses and
                # may hold spaces: minflt is the 8th, utime and stime the
                # 12th and 13th.
                fields = f.read().rsplit(")", 1)[1].split()
            faults += int(fields[7])
            user += int(fields[11])
            kernel += int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    tick = os.sysconf("SC_CLK_TCK")
    return user / tick, kernel / tick, faults


# With --pin: the server gets the first core, wrk the second.
SERVER_CPU, LOAD_CPU = "0", "1"


def as_deployed():
    """Drops RUST_BACKTRACE and RUST_LIB_BACKTRACE from this process's
    environment, so every server started from here runs as deployed.
    Some shells set RUST_BACKTRACE=1; wasmtime serve then captures a host
    backtrace for an error it makes each time a request's store is
    dropped, a large cost under fresh instances that no production host
    pays."""
    for name in ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE"):
        os.environ.pop(name, None)


def main():
    as_deployed()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", choices=["wasmtime", "spin", "jco", "wash", "workerd", "node"], default="wasmtime",
                        help="wasmtime: `wasmtime serve`; spin: `spin up` with spin.toml or --manifest "
                             "(Spin CLI: $SPIN, else spin on PATH, else scripts/setup's); jco: `jco serve`; "
                             "wash: `wash dev` (wasmCloud); workerd: the Cloudflare worker; node: bench/reference.mjs")
    parser.add_argument("--wasmtime-flags", default="", help="extra flags for `wasmtime serve` (not spin)")
    parser.add_argument("--duration", type=int, default=30, help="seconds (bounded: at most 300, a soak)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--paths", choices=["corpus", "fcc", "batch"], default="corpus",
                        help="corpus: every corpus input; fcc: the four freeCodeCamp inputs; batch: POST "
                             "/api/batch with 1,000 corpus inputs (not for node, which has no batch route)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--component", default=None,
                        help="the component wasmtime serves (default: this project's); "
                             "not for spin, which serves the app its manifest describes")
    parser.add_argument("--manifest", default=None,
                        help="the Spin app `spin up` serves (default: this project's spin.toml); only for "
                             "--server spin")
    parser.add_argument("--no-check", action="store_true",
                        help="do not check answers (for a component that is not this service)")
    parser.add_argument("--pin", action="store_true",
                        help="the server on CPU 0 and wrk on CPU 1 (taskset), so neither preempts the other")
    args = parser.parse_args()
    if args.server == "spin" and args.component is not None:
        parser.error("--component is not for --server spin: `spin up` serves the app its manifest describes "
                     "(spin.toml's component: target/component/timestamp_spin.wasm; another app: "
                     "--manifest)")
    if args.server != "spin" and args.manifest is not None:
        parser.error("--manifest is only for --server spin (for wasmtime, --component)")
    if args.server == "spin" and args.wasmtime_flags.strip():
        parser.error("--wasmtime-flags is not for --server spin: `spin up` takes no wasmtime serve flags")
    if args.paths == "batch" and args.server == "node":
        parser.error("--paths batch: bench/reference.mjs has no batch route")
    component = args.component or COMPONENT
    manifest = os.path.abspath(args.manifest) if args.manifest else MANIFEST
    duration = max(1, min(args.duration, 300))

    cases = corpus_cases()
    if args.paths == "fcc":
        cases = [c for c in cases if c[0] in FCC_PATHS]
    port = free_port()
    server = start_server(args.server, port, args.wasmtime_flags, args.pin, component, manifest)
    try:
        # What wrk sends: a path from a file in turn, or the batch (its
        # expected answers parsed once, for the checker).
        if args.paths == "batch":
            batch_body, batch_expected = batch_case()
            batch_answers = json.loads(batch_expected)
            suffix, content = ".json", batch_body
        else:
            suffix, content = ".paths", "\n".join(path for path, _ in cases).encode() + b"\n"
        with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as f:
            f.write(content)
            script_file = f.name
        script_args = ["--post", "/api/batch", script_file] if args.paths == "batch" else [script_file]

        # Warm up, and the memory baseline.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path, _ in cases[:200]:
            conn.request("GET", path)
            conn.getresponse().read()
        conn.close()
        # The server's processes, once it answers: `spin up` serves from a
        # child process, which is where the memory and the CPU time go.
        pids = tree_pids(server.pid)
        rss_start = rss_kib(pids)

        samples = []
        stop = threading.Event()

        def sample_memory():
            while not stop.is_set():
                samples.append(rss_kib(pids))
                stop.wait(0.5)

        checked = {"n": 0, "wrong": []}

        def check_answers():
            rng = random.Random(7)
            while not stop.is_set():
                if args.paths == "batch":
                    path, expected, parsed = "/api/batch", batch_expected, batch_answers
                else:
                    path, expected = rng.choice(cases)
                    parsed = json.loads(expected)
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    if args.paths == "batch":
                        c.request("POST", path, body=batch_body, headers={"Content-Type": "application/json"})
                    else:
                        c.request("GET", path)
                    response = c.getresponse()
                    body = response.read().decode()
                    c.close()
                except OSError as e:
                    checked["wrong"].append(f"{path}: {e}")
                    continue
                checked["n"] += 1
                if response.status != 200 or json.loads(body) != parsed:
                    checked["wrong"].append(f"{path}: {response.status} {body} (expected {expected})")
                # A batch check is a 64 KiB request and a 60 KB answer: fewer
                # of them, so that the checker's load stays small beside wrk's.
                stop.wait(0.1 if args.paths == "batch" else 0.01)

        threads = [threading.Thread(target=sample_memory)]
        if not args.no_check:
            threads.append(threading.Thread(target=check_answers))
        for t in threads:
            t.start()
        pin = ["taskset", "-c", LOAD_CPU] if args.pin else []
        user_start, kernel_start, faults_start = process_counters(pids)
        wrk = subprocess.run(
            [*pin, "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--timeout", "10s",
             "-s", os.path.join(ROOT, "tools/load/paths.lua"), f"http://127.0.0.1:{port}", "--", *script_args],
            capture_output=True, text=True, timeout=duration + 60)
        user_end, kernel_end, faults_end = process_counters(pids)
        stop.set()
        for t in threads:
            t.join()
        os.unlink(script_file)

        match = re.search(r"^LOAD (.*)$", wrk.stdout, re.M)
        if wrk.returncode != 0 or not match:
            sys.exit(f"wrk failed: {wrk.stdout}\n{wrk.stderr}")
        stats = {k: int(v) for k, v in (kv.split("=") for kv in match.group(1).split())}

        def per_request(total, scale):
            return round(total * scale / max(stats["requests"], 1), 1)

        report = {
            "server": args.server,
            "wasmtime_flags": args.wasmtime_flags if args.server == "wasmtime" else None,
            # What was served: the .wasm under wasmtime, the app under spin.
            "component": os.path.relpath(component, ROOT) if args.server in ("wasmtime", "wash") else None,
            "manifest": os.path.relpath(manifest, ROOT) if args.server == "spin" else None,
            "paths": args.paths,
            "duration_s": duration,
            "connections": args.connections,
            "pinned": args.pin,
            "requests": stats["requests"],
            "req_per_s": round(stats["requests"] / (stats["duration_us"] / 1e6)),
            "p50_ms": stats["p50_us"] / 1000,
            "p99_ms": stats["p99_us"] / 1000,
            # The server's CPU time per request: its own cost of a request,
            # whatever share of the two cores wrk left it (one core's worth
            # divided by this is its req/s on a core to itself). It still
            # moves between runs on this VM, less than req/s. The checker's
            # requests, a small share, are counted in the time but not in the
            # requests.
            "server_cpu_us_per_request": per_request(user_end + kernel_end - user_start - kernel_start, 1e6),
            # Of that, the kernel's: sockets, and with a fresh instance per
            # request, mapping the component's memory and resetting it.
            "server_kernel_us_per_request": per_request(kernel_end - kernel_start, 1e6),
            # Each is the kernel mapping one page into the server's memory;
            # with a fresh instance per request, mostly the instance's.
            "server_page_faults_per_request": per_request(faults_end - faults_start, 1),
            "non_2xx": stats["non2xx"],
            "socket_errors": stats["socket_errors"],
            "checked_answers": checked["n"],
            "wrong_answers": len(checked["wrong"]),
            "rss_start_mib": round(rss_start / 1024, 1),
            "rss_mid_mib": round((samples[len(samples) // 2] if samples else 0) / 1024, 1),
            "rss_end_mib": round((samples[-1] if samples else 0) / 1024, 1),
            "rss_max_mib": round(max(samples, default=0) / 1024, 1),
        }
    finally:
        stop_server(server)

    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:>16}: {value}")
        for line in checked["wrong"][:10]:
            print(f"WRONG {line}")
    failed = report["non_2xx"] or report["socket_errors"] or report["wrong_answers"]
    failed = failed or (not args.no_check and not report["checked_answers"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
