// The npm package's entry (copied beside wasm-pack's output by pack.mjs):
// wasm-bindgen's module (timestamp.js), with a faster lane for the common
// call, `convert(text)` without options.
//
// Through wasm-bindgen a call costs more than the conversion: the text is
// copied into a malloc'd buffer, the answer object goes back through the
// externref table, and its `utc` text through a TextDecoder. The lane
// writes the text's bytes into a fixed buffer in wasm memory and gets a
// number back; `utc` is read from the same buffer (crates/npm/src/lib.rs,
// `convert_lane`). It gives the same answers: the tests run the whole
// corpus through both.
import initModule, {
  initSync as initModuleSync,
  convert as convertModule,
  batchConvert,
} from './timestamp.js';

let exports = null; // the wasm instance's exports, once initialised
let address = 0; // the lane buffer's address in wasm memory
let laneBytes = 0; // its size: shorter texts take the lane
let bytes = new Uint8Array(0); // a view of wasm memory; empty when it has grown

// Node's Buffer reads ASCII into a string faster than TextDecoder does.
const NodeBuffer = typeof globalThis.Buffer === 'function' ? globalThis.Buffer : null;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
// A batch longer than this (in UTF-16 units) is converted in halves, so that
// its text needs at most 48 MiB of wasm memory.
const BATCH_UNITS = 1 << 24;
// How many inputs convertMany encodes at once (see there).
const CHUNK = 1024;

function view() {
  // Growing wasm memory detaches the old ArrayBuffer, and views of it
  // become empty.
  if (bytes.byteLength === 0) {
    const buffer = exports.memory.buffer;
    bytes = NodeBuffer ? NodeBuffer.from(buffer) : new Uint8Array(buffer);
  }
  return bytes;
}

function opened(wasm) {
  exports = wasm;
  address = wasm.laneAddress();
  laneBytes = wasm.laneBytes();
  bytes = new Uint8Array(0);
  return wasm;
}

/** Loads the .wasm (browsers: fetched next to this file); see timestamp.js. */
export default async function init(input) {
  return opened(await initModule(input));
}

/** Instantiates the .wasm from bytes or a module, synchronously. */
export function initSync(module) {
  return opened(initModuleSync(module));
}

/**
 * Converts `input` as the timestamp API does; see timestamp.d.ts. The same
 * answers as timestamp.js's `convert`, faster for short ASCII texts without
 * options.
 */
export function convert(input, options) {
  // wasm-bindgen would read a non-string's missing length and trap.
  if (typeof input !== 'string') throw new TypeError(`convert: input must be a string, not ${typeof input}`);
  if (options != null || exports === null || input.length >= laneBytes) {
    return convertModule(input, options);
  }
  let memory = view();
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c > 0x7f) return convertModule(input, options);
    memory[address + i] = c;
  }
  const unix = exports.convertLane(n);
  if (Number.isNaN(unix)) return { error: 'Invalid Date' };
  memory = view();
  const start = address + 1;
  const end = start + memory[address];
  return { unix, utc: ascii(memory, start, end) };
}

/**
 * Converts every input as `convert` does, with the same options, and
 * answers the answers in order; see index.d.ts. The JS-to-wasm crossing
 * is paid once for the batch: the inputs go in as one UTF-8 text and their
 * lengths (crates/npm/src/lib.rs, `batch_convert`), the answers come back
 * as numbers and one ASCII text that JS slices.
 */
export function convertMany(inputs, options) {
  if (!Array.isArray(inputs)) throw new TypeError(`convertMany: inputs must be an array, not ${typeof inputs}`);
  const n = inputs.length;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const input = inputs[i];
    if (typeof input !== 'string') {
      throw new TypeError(`convertMany: inputs[${i}] must be a string, not ${typeof input}`);
    }
    units += input.length;
  }
  if (exports === null) return inputs.map((input) => convertModule(input, options));
  if (units > BATCH_UNITS && n > 1) {
    const half = n >> 1;
    return convertMany(inputs.slice(0, half), options).concat(convertMany(inputs.slice(half), options));
  }

  // Each UTF-16 unit is at most three bytes of UTF-8 (a pair, two units, four).
  let header = exports.batchReserve(n, units * 3);
  let memory = view();
  let words = new Uint32Array(memory.buffer, header, 10);
  const lengths = new Uint32Array(memory.buffer, words[0], n);
  const utf8 = new Uint8Array(memory.buffer, words[1], units * 3);
  // The inputs as text, CHUNK at a time: `+=` builds a rope that
  // encodeInto flattens as it encodes. Faster than a join, a per-string
  // encode or a per-character copy, and than one rope of the whole batch.
  let written = 0;
  for (let i = 0; i < n; i += CHUNK) {
    const end = Math.min(i + CHUNK, n);
    let chunk = '';
    for (let j = i; j < end; j++) {
      const input = inputs[j];
      lengths[j] = input.length;
      chunk += input;
    }
    written += encoder.encodeInto(chunk, utf8.subarray(written)).written;
  }

  // One byte a unit: every input is ASCII, and its length is its bytes'.
  header = batchConvert(n, written === units, options);
  memory = view();
  words = new Uint32Array(memory.buffer, header, 10);
  const unixes = new Float64Array(memory.buffer, words[2], n);
  const textLengths = new Uint32Array(memory.buffer, words[3]);
  const text = ascii(memory, words[4], words[4] + words[5]);
  const iso = words[6] === 1;
  const zone = words[7] === 1 ? ascii(memory, words[8], words[8] + words[9]) : undefined;

  const answers = new Array(n);
  let at = 0; // in text
  let t = 0; // in textLengths
  if (!iso && zone === undefined) {
    // The usual answer, in a loop of its own.
    for (let i = 0; i < n; i++) {
      const unix = unixes[i];
      if (unix !== unix) answers[i] = { error: 'Invalid Date' };
      else answers[i] = { unix, utc: text.slice(at, (at += textLengths[t++])) };
    }
    return answers;
  }
  for (let i = 0; i < n; i++) {
    const unix = unixes[i];
    if (unix !== unix) {
      answers[i] = { error: 'Invalid Date' };
      continue;
    }
    const utc = text.slice(at, (at += textLengths[t++]));
    if (zone === undefined) {
      answers[i] = { unix, utc, iso: text.slice(at, (at += textLengths[t++])) };
    } else if (!iso) {
      answers[i] = { unix, utc, local: text.slice(at, (at += textLengths[t++])), tz: zone };
    } else {
      const full = text.slice(at, (at += textLengths[t++]));
      answers[i] = { unix, utc, iso: full, local: text.slice(at, (at += textLengths[t++])), tz: zone };
    }
  }
  return answers;
}

/** The ASCII text in wasm memory from `start` to `end`. */
function ascii(memory, start, end) {
  return NodeBuffer ? memory.toString('latin1', start, end) : decoder.decode(memory.subarray(start, end));
}
