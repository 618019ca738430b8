// The timestamp API and page as a Vercel Edge Function: the fetch handler of
// crates/worker/js/fetch.mjs, on the routes' .wasm imported the way Vercel's
// bundler gives a WebAssembly.Module (`?module`). vercel.json sends every
// path here.
//
// Vercel's Edge runtime drops Content-Encoding (and Content-Length) from
// every answer that is not a redirect, so the page's files, which the routes
// keep gzipped, would reach the browser as gzip bytes it cannot read: here
// the routes send them as they are, and Vercel's network compresses.
import wasm from '../../../target/pkg/worker/timestamp_worker_bg.wasm?module';
import { createFetch } from '../../../crates/worker/js/fetch.mjs';

export const config = { runtime: 'edge' };

export default createFetch(wasm, { precompressed: false });
