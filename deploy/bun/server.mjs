// The timestamp API and page on Bun: the fetch handler of
// crates/worker/js/fetch.mjs under Bun.serve. Bun's `.wasm` import gives no
// WebAssembly.Module, so the module is compiled here from the file
// `scripts/build` writes.
//   bun deploy/bun/server.mjs        (PORT and HOST choose where it listens)
import { createFetch } from '../../crates/worker/js/fetch.mjs';

const wasm = Bun.file(new URL('../../target/pkg/worker/timestamp_worker_bg.wasm', import.meta.url));
const fetch = createFetch(await WebAssembly.compile(await wasm.arrayBuffer()));

const server = Bun.serve({
  fetch,
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
});
console.log(`timestamp listening on ${server.url}`);
