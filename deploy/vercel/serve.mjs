// Serves the Edge Function in api/index.mjs under edge-runtime, Vercel's own
// Edge runtime (npm edge-runtime, as `vercel dev` runs edge functions): the
// tests' host for Vercel, and a way to try it without an account.
//   node deploy/vercel/serve.mjs [--host 127.0.0.1] [--port 3000]
//
// What Vercel's bundler does is done here with esbuild: one script, the
// `?module` import of the .wasm compiled inside the runtime's sandbox
// (wasm-bindgen rejects a WebAssembly.Module from another realm), and the
// function registered as the runtime's fetch listener.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { EdgeRuntime, createHandler } from 'edge-runtime';

// This folder: where the Edge Function and its imports resolve from.
const here = fileURLToPath(new URL('.', import.meta.url));
const { values: options } = parseArgs({
  options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '3000' } },
});

const wasmModule = {
  name: 'wasm-module',
  setup(bundler) {
    bundler.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
      path: fileURLToPath(new URL(args.path.replace(/\?module$/, ''), `file://${args.resolveDir}/`)),
      namespace: 'wasm-module',
    }));
    bundler.onLoad({ filter: /.*/, namespace: 'wasm-module' }, (args) => ({
      contents: `import bytes from ${JSON.stringify(args.path)};\nexport default new WebAssembly.Module(bytes);\n`,
      resolveDir: here,
    }));
  },
};

const entry = `import handler from './api/index.mjs';
addEventListener('fetch', (event) => event.respondWith(handler(event.request)));`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: here, loader: 'js' },
  bundle: true,
  format: 'iife',
  target: 'es2022', // not Uint8Array.fromBase64, which the runtime lacks
  write: false,
  loader: { '.wasm': 'binary' },
  plugins: [wasmModule],
  logLevel: 'error',
});

const runtime = new EdgeRuntime({ initialCode: bundle.outputFiles[0].text });
const { handler } = createHandler({ runtime });
// The fetch standard forbids these methods in a Request, and edge-runtime's
// handler would end the whole process on one: they are refused here.
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
const server = http.createServer((req, res) => {
  if (FORBIDDEN.has(req.method.toUpperCase())) {
    res.writeHead(501, { 'content-type': 'text/plain' });
    res.end(`the Edge runtime takes no ${req.method} request\n`);
    return;
  }
  handler(req, res).catch((error) => console.error(error));
});
server.listen(Number(options.port), options.host, () => {
  console.log(`edge-runtime serving http://${options.host}:${server.address().port}/`);
});
