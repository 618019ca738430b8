// The timestamp API and page as a fetch handler, `(Request) => Response`,
// the shape every JavaScript edge runs: Cloudflare Workers, Deno, Bun and
// Vercel's Edge Functions (deploy/<platform>/ each give it the compiled
// .wasm the way that platform can). Each request goes to timestamp-http's
// routes, built for JavaScript hosts by crates/worker into the workspace's
// target/pkg/worker (`scripts/build`); the answers are the Spin component's,
// byte for byte.
import { handle, initSync, maxBodyBytes, needs } from '../../../target/pkg/worker/timestamp_worker.js';

/**
 * The handler, on the routes' `WebAssembly.Module` (made in the realm that
 * runs the handler: wasm-bindgen checks it with `instanceof`).
 *
 * `precompressed: false` is for runtimes that drop `Content-Encoding` from
 * answers (Vercel's): the routes then send the page's files as they are,
 * as they do to a client that takes no gzip.
 */
export function createFetch(module, { precompressed = true } = {}) {
  initSync({ module });
  const maxBytes = maxBodyBytes();
  return async function fetch(request) {
    const { method } = request;
    const path = target(request.url);
    // Only what the route reads: most answers read no header and no body.
    const need = needs(method, path);
    const [body, refused] = need === 'body' ? await readBody(request, maxBytes) : [null, null];
    const acceptEncoding =
      need === 'accept-encoding' && precompressed ? request.headers.get('accept-encoding') : null;
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
    // 'manual' (Cloudflare's; others ignore it): the page's files come
    // already gzipped, with their Content-Encoding, and the runtime must
    // send the bytes as they are.
    return new Response(empty ? null : bytes, { status, headers, encodeBody: 'manual' });
  };
}

/**
 * The request target as sent: the URL less its scheme and authority.
 * (workerd keeps the path as it came, and writes `GET *` as `http://host*`;
 * Bun gives the path alone when the request has no usable Host.)
 */
function target(url) {
  if (url.startsWith('/')) return url;
  const rest = url.slice(url.indexOf('//') + 2);
  const at = rest.search(/[/?*]/);
  return at < 0 ? '/' : rest.slice(at);
}

/** The whole body, or why not: `[bytes, null]` or `[null, reason]`. */
async function readBody(request, maxBytes) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return [null, 'too-large'];
  if (request.body === null) return [new Uint8Array(0), null];
  const chunks = [];
  let length = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        // Not awaited: a cancel can wait on the rest of the body
        // (edge-runtime's tee of it waits for a reader that never comes).
        reader.cancel().catch(() => {});
        return [null, 'too-large'];
      }
      chunks.push(value);
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
