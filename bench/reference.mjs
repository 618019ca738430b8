// The reference for the HTTP benchmark: the freeCodeCamp timestamp API as a
// plain node:http server, with the same routes, statuses and headers as the
// component (so the two do the same work per request).
//   node bench/reference.mjs [PORT]
import { createServer } from 'node:http';

process.env.TZ = 'UTC'; // "local time" is UTC, as in the component

const port = Number(process.argv[2] ?? 3001);
const BASE = { 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };
const JSON_TYPE = 'application/json; charset=utf-8';

function send(res, status, body, cache) {
  res.writeHead(status, {
    ...BASE,
    'content-type': JSON_TYPE,
    'cache-control': cache,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function convert(input) {
  const d = input === '' ? new Date() : /^-?\d+$/.test(input) ? new Date(parseInt(input, 10)) : new Date(input);
  const t = d.getTime();
  return JSON.stringify(Number.isNaN(t) ? { error: 'Invalid Date' } : { unix: t, utc: d.toUTCString() });
}

createServer((req, res) => {
  const path = req.url.split('?', 1)[0];
  if (path.length > 2048) return send(res, 414, '{"error":"URI Too Long: the path is over 2 KiB"}', 'no-store');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD, OPTIONS');
    return send(res, 405, '{"error":"Method Not Allowed"}', 'no-store');
  }
  if (path === '/api' || path === '/api/') return send(res, 200, convert(''), 'no-store');
  if (path === '/api/hello') return send(res, 200, '{"greeting":"hello API"}', 'no-store');
  if (!path.startsWith('/api/')) return send(res, 404, '{"error":"Not Found"}', 'no-store');
  let raw = path.slice('/api/'.length);
  if (raw.endsWith('/')) raw = raw.slice(0, -1);
  if (raw.includes('/')) return send(res, 404, '{"error":"Not Found"}', 'no-store');
  let input;
  try {
    input = decodeURIComponent(raw);
  } catch {
    return send(res, 400, '{"error":"Bad Request: broken percent-encoding in the date"}', 'no-store');
  }
  return send(res, 200, convert(input), 'public, max-age=31536000, immutable');
}).listen(port, '127.0.0.1');
