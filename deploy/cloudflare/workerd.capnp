# The worker under workerd, Cloudflare's runtime, as the tests run it:
#   workerd serve deploy/cloudflare/workerd.capnp --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "timestamp", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "timestamp") ],
);

const worker :Workerd.Worker = (
  modules = [
    # Named by their paths in the workspace, so that worker.mjs's imports
    # of what the build writes into target/ resolve as they do on disk.
    (name = "deploy/cloudflare/worker.mjs", esModule = embed "worker.mjs"),
    (name = "crates/worker/js/fetch.mjs", esModule = embed "../../crates/worker/js/fetch.mjs"),
    (name = "target/pkg/worker/timestamp_worker.js", esModule = embed "../../target/pkg/worker/timestamp_worker.js"),
    (name = "target/pkg/worker/timestamp_worker_bg.wasm", wasm = embed "../../target/pkg/worker/timestamp_worker_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
