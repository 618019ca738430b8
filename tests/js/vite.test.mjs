// The packed npm package in a bundled app, as users build one: a fresh Vite
// app (tests/js/vite-app, Vite pinned by its lockfile) installs the tarball,
// `vite build` bundles it, the build is served statically on loopback, and
// Debian's headless chromium runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM, chromium, packPackage, root } from './support.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A static server for `dir` on a free loopback port. */
async function serveStatic(dir) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
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

test('a Vite app bundles the packed package and converts in chromium', async (t) => {
  const { work, tarball } = packPackage();
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const app = join(work, 'app');
  cpSync(join(root, 'tests/js/vite-app'), app, { recursive: true });
  const quiet = { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] };
  const npm = (...args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], quiet);
  // npm ci refuses this lockfile (npm 11 drops a Windows-only optional
  // dependency from it); npm install follows it all the same.
  npm('install');
  npm('install', '--no-save', tarball);
  execFileSync(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], quiet);
  const dist = join(app, 'dist');
  const assets = readdirSync(join(dist, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the bundle carries the .wasm: ${assets.join(', ')}`);

  const server = await serveStatic(dist);
  t.after(() => server.close());
  const browser = await chromium.launch(CHROMIUM);
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const answers = JSON.parse(await page.textContent('#answers'));
  assert.deepEqual(answers, [
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
  assert.deepEqual(problems, [], 'no console errors or warnings');
});
