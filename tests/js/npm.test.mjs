// The npm package as a user gets it: `npm pack`, installed into a fresh
// project, imported from Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus, packPackage } from './support.mjs';

process.env.TZ = 'UTC';

/** Packs www/pkg and installs the tarball into a new project. */
function installPackedPackage() {
  const { work, tarball } = packPackage();
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true,"type":"module"}\n');
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', tarball], { cwd: project });
  return { work, project };
}

const { work, project } = installPackedPackage();
const requireFromProject = createRequire(join(project, 'package.json'));
const entry = requireFromProject.resolve('timestamp-wasm');
const pkg = await import(pathToFileURL(entry).href);
test.after(() => rmSync(work, { recursive: true, force: true }));

test('Node resolves the package to its Node entry', () => {
  assert.match(entry, /node_modules\/timestamp-wasm\/node\.mjs$/);
  assert.equal(typeof pkg.convert, 'function');
  assert.equal(typeof pkg.default, 'function', 'init() exists for browser-style code');
});

test('the freeCodeCamp inputs', async () => {
  await pkg.default();
  assert.deepEqual(pkg.convert('2016-12-25'), { unix: 1482624000000, utc: 'Sun, 25 Dec 2016 00:00:00 GMT' });
  assert.deepEqual(pkg.convert('1451001600000'), { unix: 1451001600000, utc: 'Fri, 25 Dec 2015 00:00:00 GMT' });
  assert.deepEqual(pkg.convert('05 October 2011, GMT'), { unix: 1317772800000, utc: 'Wed, 05 Oct 2011 00:00:00 GMT' });
  assert.deepEqual(pkg.convert('this-is-not-a-date'), { error: 'Invalid Date' });
});

test('an empty input is now', () => {
  const before = Date.now();
  const answer = pkg.convert('');
  const after = Date.now();
  assert.ok(before <= answer.unix && answer.unix <= after, `${before} <= ${answer.unix} <= ${after}`);
  assert.equal(answer.utc, new Date(answer.unix).toUTCString());
});

test('the whole corpus agrees with node, through the package', () => {
  const cases = corpus();
  assert.ok(cases.length >= 2000);
  const wrong = [];
  for (const { input, expected } of cases) {
    const got = pkg.convert(input);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      wrong.push(`${JSON.stringify(input)}: node ${JSON.stringify(expected)} / package ${JSON.stringify(got)}`);
    }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} disagree`);
});

test('options: unit and format, as the API reads them', () => {
  assert.deepEqual(pkg.convert('1482624000', { unit: 's' }), { unix: 1482624000000, utc: 'Sun, 25 Dec 2016 00:00:00 GMT' });
  assert.deepEqual(pkg.convert('1482624000123456', { unit: 'us' }).unix, 1482624000123);
  assert.deepEqual(pkg.convert('1482624000', { unit: 'auto' }).unix, 1482624000000);
  assert.deepEqual(pkg.convert('2016-12-25', { unit: 's' }).unix, 1482624000000, 'only integers take a unit');
  assert.deepEqual(pkg.convert('2016-12-25', { format: 'full' }), {
    unix: 1482624000000,
    utc: 'Sun, 25 Dec 2016 00:00:00 GMT',
    iso: '2016-12-25T00:00:00.000Z',
  });
  assert.deepEqual(pkg.convert('x', { format: 'full' }), { error: 'Invalid Date' });
  assert.deepEqual(pkg.convert('2016-12-25', {}), pkg.convert('2016-12-25'));
  assert.throws(() => pkg.convert('1', { unit: 'h' }), /unit must be one of s, ms, us, ns, auto/);
  assert.throws(() => pkg.convert('1', { format: 'xml' }), /format must be full or default/);
});

test('format full agrees with toISOString on the whole corpus', () => {
  for (const { input, expected } of corpus()) {
    if (!('unix' in expected)) continue;
    assert.equal(pkg.convert(input, { format: 'full' }).iso, new Date(expected.unix).toISOString(), input);
  }
});

test('answers are plain objects', () => {
  const answer = pkg.convert('2016-12-25');
  assert.equal(Object.getPrototypeOf(answer), Object.prototype);
  assert.deepEqual(Object.keys(answer), ['unix', 'utc']);
  assert.equal(typeof answer.unix, 'number');
});

test('the package declares exact TypeScript types', () => {
  const installed = join(project, 'node_modules/timestamp-wasm');
  const dts = readFileSync(join(installed, 'timestamp.d.ts'), 'utf8');
  assert.match(dts, /export function convert\(input: string, options\?: ConvertOptions \| null\): Timestamp \| InvalidDate;/);
  assert.match(dts, /export type Timestamp = \{ unix: number; utc: string; iso\?: string \};/);
  assert.match(dts, /unit\?: "s" \| "ms" \| "us" \| "ns" \| "auto";/);
  assert.match(dts, /export type InvalidDate = \{ error: "Invalid Date" \};/);
  // The public declarations (not wasm-bindgen's raw InitOutput ABI) say no `any`.
  const publicDecls = dts.split('\n').filter((line) => /^export (function|type)/.test(line));
  assert.ok(publicDecls.length >= 3, publicDecls.join('\n'));
  assert.ok(!publicDecls.some((line) => /\bany\b/.test(line)), publicDecls.join('\n'));

  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const field of ['name', 'description', 'license', 'repository', 'types', 'sideEffects', 'exports']) {
    assert.ok(manifest[field], `package.json has ${field}`);
  }
});
