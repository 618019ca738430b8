// The timestamp API and page on Deno (Deno Deploy, Netlify and Supabase Edge
// Functions run the same): the fetch handler of crates/worker/js/fetch.mjs,
// served by `deno serve`. Deno's own `.wasm` import yields an instance's
// exports, not the WebAssembly.Module the handler takes, so the module is
// compiled here from the file `scripts/build` writes.
//   deno serve --allow-read=target/pkg/worker deploy/deno/main.mjs
import { createFetch } from '../../crates/worker/js/fetch.mjs';

const wasm = new URL('../../target/pkg/worker/timestamp_worker_bg.wasm', import.meta.url);

export default { fetch: createFetch(await WebAssembly.compile(await Deno.readFile(wasm))) };
