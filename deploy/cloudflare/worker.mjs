// The timestamp API and page as a Cloudflare worker: each request goes to
// timestamp-http's routes, compiled to wasm with the worker's bindings
// (crates/worker, built into the workspace's target/pkg/worker by
// `scripts/build` or wrangler's build command). The answers are the Spin
// component's, byte for byte.
import { handle, initSync, maxBodyBytes, needs } from '../../target/pkg/worker/timestamp_worker.js';
import wasm from '../../target/pkg/worker/timestamp_worker_bg.wasm';

initSync({ module: wasm });
const MAX_BODY_BYTES = maxBodyBytes();

/**
 * The request target as sent: the URL less its scheme and authority.
 * (workerd keeps the path as it came, and writes `GET *` as `http://host*`.)
 */
function target(url) {
  const rest = url.slice(url.indexOf('//') + 2);
  const at = rest.search(/[/?*]/);
  return at < 0 ? '/' : rest.slice(at);
}

/** The whole body, or why not: `[bytes, null]` or `[null, reason]`. */
async function readBody(request) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return [null, 'too-large'];
  if (request.body === null) return [new Uint8Array(0), null];
  const chunks = [];
  let length = 0;
  try {
    for await (const chunk of request.body) {
      length += chunk.byteLength;
      if (length > MAX_BODY_BYTES) return [null, 'too-large'];
      chunks.push(chunk);
    }
  } catch {
    return [null, 'unreadable'];
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return [body, null];
}

export default {
  async fetch(request) {
    const { method } = request;
    const path = target(request.url);
    // Only what the route reads: most answers read no header and no body.
    const need = needs(method, path);
    const [body, refused] = need === 'body' ? await readBody(request) : [null, null];
    const acceptEncoding = need === 'accept-encoding' ? request.headers.get('accept-encoding') : null;
    const answer = handle(method, path, acceptEncoding, body, refused, Date.now());
    let status, pairs, bytes;
    try {
      status = answer.status;
      pairs = answer.takeHeaders();
      bytes = answer.takeBody();
    } finally {
      answer.free(); // its memory in the wasm instance, now copied out
    }
    const headers = new Headers();
    for (let i = 0; i < pairs.length; i += 2) headers.append(pairs[i], pairs[i + 1]);
    const empty = method === 'HEAD' || status === 204;
    // 'manual': the page's files come already gzipped (with their
    // Content-Encoding); the runtime must send the bytes as they are.
    return new Response(empty ? null : bytes, { status, headers, encodeBody: 'manual' });
  },
};
