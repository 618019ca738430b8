// The packed npm package in bundled apps, as users build them: a fresh app
// per bundler (tests/js/bundlers/<bundler>, each bundler pinned by the
// app's lockfile) installs the tarball and is built; the build is served
// statically on loopback with the corpus beside it, and Debian's headless
// chromium runs it: the corpus through convert and convertMany, with no
// console error or warning.
//   Vite:    `vite build`, index.html its entry;
//   webpack: `webpack` (5), dist/main.js beside a copy of index.html;
//   esbuild: `esbuild --bundle --loader:.wasm=file`, the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join, normalize } from 'node:path';
import { CHROMIUM, chromium, packPackage, root } from './support.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.jsonl': 'application/jsonl',
};

/** A static server for `dir`, with the corpus at /corpus.jsonl, on a free loopback port. */
async function serveStatic(dir) {
  const corpus = readFileSync(join(root, 'tests/data/corpus.jsonl'));
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/corpus.jsonl') {
      response.writeHead(200, { 'content-type': TYPES['.jsonl'] });
      return response.end(corpus);
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) return response.writeHead(404).end();
    try {
      const bytes = readFileSync(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(bytes);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const { work, tarball } = packPackage();
test.after(() => rmSync(work, { recursive: true, force: true }));
const browser = await chromium.launch(CHROMIUM);
test.after(() => browser.close());

for (const [bundler, build] of [
  ['vite', ['node_modules/.bin/vite', 'build', '--logLevel', 'warn']],
  ['webpack', ['npm', 'run', 'build', '--silent']],
  ['esbuild', ['npm', 'run', 'build', '--silent']],
]) {
  test(`${bundler}: an app bundles the packed package and converts the corpus in chromium`, async (t) => {
    const app = join(work, bundler);
    cpSync(join(root, 'tests/js/bundlers', bundler), app, { recursive: true });
    // What every app shares: the page and what it does once built.
    for (const file of ['bundlers/index.html', 'bundlers/convert-corpus.js', 'corpus-check.js']) {
      copyFileSync(join(root, 'tests/js', file), join(app, basename(file)));
    }
    const quiet = { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] };
    const npm = (...args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], quiet);
    // npm ci refuses some of these lockfiles (npm 11 drops a Windows-only
    // optional dependency from them); npm install follows them all the same.
    npm('install');
    npm('install', '--no-save', tarball);
    const [command, ...args] = build;
    execFileSync(command.startsWith('node_modules') ? join(app, command) : command, args, quiet);
    const dist = join(app, 'dist');
    if (bundler !== 'vite') copyFileSync(join(app, 'index.html'), join(dist, 'index.html'));
    const files = readdirSync(dist, { recursive: true });
    assert.ok(files.some((f) => f.endsWith('.wasm')), `the bundle carries the .wasm: ${files.join(', ')}`);

    const server = await serveStatic(dist);
    t.after(() => server.close());
    const page = await browser.newPage();
    t.after(() => page.close());
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const found = JSON.parse(await page.textContent('#answers'));
    assert.deepEqual(found.fcc, [
      { unix: 1317772800000, utc: 'Wed, 05 Oct 2011 00:00:00 GMT' },
      { unix: 1482624000000, utc: 'Sun, 25 Dec 2016 00:00:00 GMT' },
      { error: 'Invalid Date' },
      {
        unix: 1482624000000,
        utc: 'Sun, 25 Dec 2016 00:00:00 GMT',
        iso: '2016-12-25T00:00:00.000Z',
        local: '2016-12-25T09:00:00.000+09:00',
        tz: 'Asia/Tokyo',
      },
    ]);
    assert.ok(found.cases >= 2000, `${found.cases} corpus cases`);
    assert.deepEqual(found.wrong.slice(0, 10), [], `${found.wrong.length} disagree with node`);
    assert.deepEqual(problems, [], 'no console errors or warnings');
  });
}
