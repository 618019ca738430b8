#!/usr/bin/env python3
"""Loopback load test of the timestamp service with wrk.

Starts a server (the component under `wasmtime serve`, or the node:http
reference in bench/), drives it with wrk over corpus paths for a bounded time,
and while wrk runs, checks a sample of answers against node's expected bodies
and samples the server's memory. Prints a report; with --json, one JSON line.

  python3 tools/load/load.py --duration 30 --connections 64
  python3 tools/load/load.py --server node
  python3 tools/load/load.py --wasmtime-flags "-O pooling-allocator=n --max-instance-reuse-count 100000"

Exit status 1 if any answer was non-2xx, wrong, or a socket error occurred.
Only loopback (127.0.0.1) is ever addressed.
"""

import argparse
import http.client
import json
import os
import random
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
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


def timestamp_host():
    """The project's own wasi:http host (host/), which scripts/setup builds."""
    return tool("TIMESTAMP_HOST", "timestamp-host")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus_cases():
    cases = []
    with open(os.path.join(ROOT, "tests/data/corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            path = "/api/" + urllib.parse.quote(case["input"], safe="")
            body = json.dumps(case["expected"], separators=(",", ":"), ensure_ascii=False)
            cases.append((path, body))
    return cases


COMPONENT = os.path.join(ROOT, "target/wasm32-wasip2/release/timestamp.wasm")

# `--paths fcc`: the freeCodeCamp project's example inputs.
FCC_PATHS = ["/api/2016-12-25", "/api/1451001600000", "/api/05%20October%202011%2C%20GMT",
             "/api/this-is-not-a-date"]


def start_server(kind, port, flags, pin=False, component=COMPONENT):
    if kind == "wasmtime":
        if not os.path.isfile(component):
            sys.exit(f"{component} is missing: run scripts/build")
        cmd = [wasmtime(), "serve", "-S", "cli=y", *shlex.split(flags),
               "--addr", f"127.0.0.1:{port}", component]
    elif kind == "host":
        if not os.path.isfile(component):
            sys.exit(f"{component} is missing: run scripts/build")
        cmd = [timestamp_host(), "serve", *shlex.split(flags), "--addr", f"127.0.0.1:{port}", component]
    else:
        cmd = ["node", os.path.join(ROOT, "bench/reference.mjs"), str(port)]
    if pin:
        cmd = ["taskset", "-c", SERVER_CPU, *cmd]
    # stderr to a file, not a pipe nobody reads while wrk runs: a server
    # that logs enough would block on a full pipe.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            sys.exit(f"server exited: {log.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("server did not listen within 30 s")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid):
    """User and system CPU time the process (all its threads) has used."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            # Fields after the command name, which is in parentheses and may
            # hold spaces: utime and stime are the 12th and 13th.
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


# With --pin: the server gets the first core, wrk the second.
SERVER_CPU, LOAD_CPU = "0", "1"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", choices=["wasmtime", "host", "node"], default="wasmtime",
                        help="wasmtime: `wasmtime serve`; host: timestamp-host (host/); node: bench/reference.mjs")
    parser.add_argument("--wasmtime-flags", default="", help="extra flags for `wasmtime serve` or timestamp-host")
    parser.add_argument("--duration", type=int, default=30, help="seconds (bounded: at most 120)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--paths", choices=["corpus", "fcc"], default="corpus",
                        help="corpus: every corpus input; fcc: the four freeCodeCamp inputs")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--component", default=COMPONENT,
                        help="the component wasmtime serves (default: this project's)")
    parser.add_argument("--no-check", action="store_true",
                        help="do not check answers (for a component that is not this service)")
    parser.add_argument("--pin", action="store_true",
                        help="the server on CPU 0 and wrk on CPU 1 (taskset), so neither preempts the other")
    args = parser.parse_args()
    duration = max(1, min(args.duration, 120))

    cases = corpus_cases()
    if args.paths == "fcc":
        cases = [c for c in cases if c[0] in FCC_PATHS]
    port = free_port()
    server = start_server(args.server, port, args.wasmtime_flags, args.pin, args.component)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as f:
            f.write("\n".join(path for path, _ in cases) + "\n")
            paths_file = f.name

        # Warm up, and the memory baseline.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path, _ in cases[:200]:
            conn.request("GET", path)
            conn.getresponse().read()
        conn.close()
        rss_start = rss_kib(server.pid)

        samples = []
        stop = threading.Event()

        def sample_memory():
            while not stop.is_set():
                samples.append(rss_kib(server.pid))
                stop.wait(0.5)

        checked = {"n": 0, "wrong": []}

        def check_answers():
            rng = random.Random(7)
            while not stop.is_set():
                path, expected = rng.choice(cases)
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    c.request("GET", path)
                    response = c.getresponse()
                    body = response.read().decode()
                    c.close()
                except OSError as e:
                    checked["wrong"].append(f"{path}: {e}")
                    continue
                checked["n"] += 1
                if response.status != 200 or json.loads(body) != json.loads(expected):
                    checked["wrong"].append(f"{path}: {response.status} {body} (expected {expected})")
                stop.wait(0.01)

        threads = [threading.Thread(target=sample_memory)]
        if not args.no_check:
            threads.append(threading.Thread(target=check_answers))
        for t in threads:
            t.start()
        pin = ["taskset", "-c", LOAD_CPU] if args.pin else []
        cpu_start = cpu_seconds(server.pid)
        wrk = subprocess.run(
            [*pin, "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--timeout", "10s",
             "-s", os.path.join(ROOT, "tools/load/paths.lua"), f"http://127.0.0.1:{port}", "--", paths_file],
            capture_output=True, text=True, timeout=duration + 60)
        cpu_used = cpu_seconds(server.pid) - cpu_start
        stop.set()
        for t in threads:
            t.join()
        os.unlink(paths_file)

        match = re.search(r"^LOAD (.*)$", wrk.stdout, re.M)
        if wrk.returncode != 0 or not match:
            sys.exit(f"wrk failed: {wrk.stdout}\n{wrk.stderr}")
        stats = {k: int(v) for k, v in (kv.split("=") for kv in match.group(1).split())}
        report = {
            "server": args.server,
            "wasmtime_flags": args.wasmtime_flags if args.server != "node" else None,
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
            # requests, under 1%, are counted in the time but not in the
            # requests.
            "server_cpu_us_per_request": round(cpu_used * 1e6 / max(stats["requests"], 1), 1),
            "non_2xx": stats["non2xx"],
            "socket_errors": stats["socket_errors"],
            "checked_answers": checked["n"],
            "wrong_answers": len(checked["wrong"]),
            "rss_start_mib": round(rss_start / 1024, 1),
            "rss_end_mib": round((samples[-1] if samples else 0) / 1024, 1),
            "rss_max_mib": round(max(samples, default=0) / 1024, 1),
        }
    finally:
        server.kill()
        server.wait()

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
