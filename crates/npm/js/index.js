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
import initModule, { initSync as initModuleSync, convert as convertModule } from './timestamp.js';

let exports = null; // the wasm instance's exports, once initialised
let address = 0; // the lane buffer's address in wasm memory
let laneBytes = 0; // its size: shorter texts take the lane
let bytes = new Uint8Array(0); // a view of wasm memory; empty when it has grown

// Node's Buffer reads ASCII into a string faster than TextDecoder does.
const NodeBuffer = typeof globalThis.Buffer === 'function' ? globalThis.Buffer : null;
const decoder = new TextDecoder();

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
  const utc = NodeBuffer ? memory.toString('latin1', start, end) : decoder.decode(memory.subarray(start, end));
  return { unix, utc };
}
