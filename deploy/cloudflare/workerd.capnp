# The worker under workerd, Cloudflare's runtime, as the tests run it:
#   workerd serve deploy/cloudflare/workerd.capnp --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "timestamp", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "timestamp") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "pkg/timestamp_worker.js", esModule = embed "pkg/timestamp_worker.js"),
    (name = "pkg/timestamp_worker_bg.wasm", wasm = embed "pkg/timestamp_worker_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
