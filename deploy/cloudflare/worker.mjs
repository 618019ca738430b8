// The timestamp API and page as a Cloudflare worker: the fetch handler of
// crates/worker/js/fetch.mjs on the routes' .wasm, which wrangler (and
// workerd.capnp) hand over as a compiled WebAssembly.Module.
import wasm from '../../target/pkg/worker/timestamp_worker_bg.wasm';
import { createFetch } from '../../crates/worker/js/fetch.mjs';

export default { fetch: createFetch(wasm) };
