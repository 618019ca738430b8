// The JavaScript side of the core benchmarks, in one node process:
//   v8:      what the reference does per request: new Date(s), getTime,
//            toUTCString, and JSON.stringify of the body;
//   v8_obj:  the same without JSON.stringify (the object the npm package returns);
//   package: the npm package's convert(s) (Rust in wasm, crossing the boundary).
// Prints one JSON line: { class: { v8_ns, v8_obj_ns, package_ns } }.
//   node bench/v8.mjs
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reference } from './v8-reference.mjs';

process.env.TZ = 'UTC';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { convert } = await import(join(root, 'target/npm/node.mjs'));

// The same inputs as bench/core.rs.
const INPUTS = {
  iso_date: '2016-12-25',
  iso_date_time: '2016-12-25T10:20:30.123Z',
  integer_ms: '1451001600000',
  rfc_2822: 'Mon, 25 Dec 1995 13:30:00 +0430',
  fcc_gmt: '05 October 2011, GMT',
  invalid: 'this-is-not-a-date',
};

const variants = {
  v8_ns: (s) => JSON.stringify(reference(s)),
  v8_obj_ns: (s) => reference(s),
  package_ns: (s) => convert(s),
};

let sink = 0;

/**
 * A loop of `n` calls of `fn(input)`, compiled from source for each
 * measurement, so that one variant's type feedback (the call site inlining
 * `fn`) never slows another.
 */
function loopFor(fn, input) {
  // eslint-disable-next-line no-new-func
  const loop = new Function('fn', 'input', 'n', `
    let sink = 0;
    for (let i = 0; i < n; i++) sink ^= fn(input) === null ? 1 : 0;
    return sink;`);
  return (n) => loop(fn, input, n);
}

/**
 * Median ns per call of each variant on `input`, over rounds of `n` calls.
 * The variants take turns round by round, so a slow spell of this shared VM
 * slows all of them alike instead of one variant's whole measurement.
 */
function timeVariants(input, n = 100_000, rounds = 11) {
  const loops = Object.entries(variants).map(([name, fn]) => [name, loopFor(fn, input), []]);
  for (const [, loop] of loops) sink ^= loop(n * 5);
  for (let r = 0; r < rounds; r++) {
    for (const [, loop, results] of loops) {
      const start = process.hrtime.bigint();
      sink ^= loop(n);
      results.push(Number(process.hrtime.bigint() - start) / n);
    }
  }
  const out = {};
  for (const [name, , results] of loops) {
    results.sort((a, b) => a - b);
    out[name] = Math.round(results[rounds >> 1] * 10) / 10;
  }
  return out;
}

// Every variant on every input first: wasm code starts in V8's baseline
// compiler and is optimised in the background, so without this the first
// cell measured ran slower than the rest.
for (let round = 0; round < 3; round++) {
  for (const input of Object.values(INPUTS)) {
    for (const fn of Object.values(variants)) for (let i = 0; i < 100_000; i++) sink ^= fn(input) === null ? 1 : 0;
  }
}

const out = {};
for (const [name, input] of Object.entries(INPUTS)) out[name] = timeVariants(input);
if (sink === 42) console.error('');
console.log(JSON.stringify(out));
