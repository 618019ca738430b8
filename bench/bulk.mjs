// The npm package's bulk call against V8, in one node process: for each
// input class, 10^5 different inputs of that class (as a log viewer or a
// CSV import has them: lines split from one text), converted
//   v8_ns:      by V8 in a loop, building the same objects ({unix, utc}
//               from new Date(s), as bench/v8.mjs's V8 object);
//   many_ns:    by the package's convertMany(inputs), one crossing;
//   convert_ns: by the package's convert(s) in a loop, for comparison.
// ns per input, the median of ROUNDS rounds taken in turn. Each timed call
// starts after a full garbage collection: 10^5 answers are megabytes of
// garbage once dropped, and without it each variant paid, at random, for
// collecting the variant before it. Prints one JSON line:
// { class: { v8_ns, many_ns, convert_ns } }.
//   node --expose-gc bench/bulk.mjs
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reference } from './v8-reference.mjs';

process.env.TZ = 'UTC';
if (typeof globalThis.gc !== 'function') throw new Error('run as node --expose-gc bench/bulk.mjs');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { convert, convertMany } = await import(join(root, 'target/npm/node.mjs'));

const N = 100_000;
const ROUNDS = 11;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const two = (n) => String(n).padStart(2, '0');
/** Input i's date: three days and a few seconds after input i - 1's, from 1970 (to 2791). */
const at = (i) => new Date(i * 259_212_345);
/** "a", "b", …, "z", "ba", …: letters only, so never a number V8 would read. */
const letters = (i) => (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));

// The classes of bench/core.rs and bench/v8.mjs, each input made different.
const CLASSES = {
  iso_date: (i) => at(i).toISOString().slice(0, 10),
  iso_date_time: (i) => at(i).toISOString(),
  integer_ms: (i) => String(at(i).getTime()),
  rfc_2822: (i) => {
    const offset = `${i % 2 ? '+' : '-'}${two(i % 14)}${two((i % 4) * 15)}`;
    return at(i).toUTCString().replace('GMT', offset);
  },
  fcc_gmt: (i) => {
    const d = at(i);
    return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, GMT`;
  },
  invalid: (i) => `this-is-not-a-date-${letters(i)}`,
};

const variants = {
  v8_ns: (inputs) => inputs.map(reference),
  many_ns: (inputs) => convertMany(inputs),
  convert_ns: (inputs) => inputs.map((s) => convert(s)),
};

let kept = null; // the last answers, so that no variant's work is dead code
const out = {};
for (const [name, make] of Object.entries(CLASSES)) {
  // Lines of one text, as a file read and split gives them.
  const inputs = Array.from({ length: N }, (_, i) => make(i)).join('\n').split('\n');
  // Every input is of its class, and the package answers as V8 does.
  const expected = variants.v8_ns(inputs);
  assert.equal(new Set(inputs).size, N, `${name}: the inputs differ`);
  assert.ok(expected.every((a) => ('error' in a) === (name === 'invalid')), `${name}: every input is of its class`);
  assert.deepEqual(convertMany(inputs), expected, `${name}: convertMany answers as V8`);

  const times = Object.fromEntries(Object.keys(variants).map((v) => [v, []]));
  for (let round = 0; round < 3; round++) for (const fn of Object.values(variants)) kept = fn(inputs);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [variant, fn] of Object.entries(variants)) {
      kept = null;
      globalThis.gc();
      const start = process.hrtime.bigint();
      kept = fn(inputs);
      times[variant].push(Number(process.hrtime.bigint() - start) / N);
    }
  }
  out[name] = Object.fromEntries(
    Object.entries(times).map(([variant, ns]) => {
      ns.sort((a, b) => a - b);
      return [variant, Math.round(ns[ROUNDS >> 1] * 10) / 10];
    }),
  );
}
if (kept === null) console.error('');
console.log(JSON.stringify(out));
