// The package's types, for its ES module (index.js, node.mjs) and, as
// index.d.cts, its CommonJS entry (index.cjs). Written here rather than
// re-exported from wasm-bindgen's timestamp.d.ts, which names DOM types
// (RequestInfo, Response, WebAssembly.Module): these need no `lib: ["dom"]`
// and no `skipLibCheck`.

/** A date: milliseconds since the epoch, `toUTCString()`, and with `format: "full"` `toISOString()`. */
export type Timestamp = {
  unix: number;
  utc: string;
  /** With `format: "full"`: `toISOString()`. */
  iso?: string;
  /** With `tz`: the wall time there, ISO 8601 with the offset. */
  local?: string;
  /** With `tz`: the zone's IANA name. */
  tz?: string;
};

/** The answer for anything that is not a date. */
export type InvalidDate = { error: 'Invalid Date' };

/** How to read an integer input, and what to answer. */
export type ConvertOptions = {
  /** The unit of a whole-string integer input (default "ms"); "auto" decides by magnitude. */
  unit?: 's' | 'ms' | 'us' | 'ns' | 'auto';
  /** "full" adds `iso` to a date. */
  format?: 'default' | 'full';
  /** An IANA zone: wall times are read there, as V8 reads them under TZ=, and a date gets `local` and `tz`. Offsets come from this engine's Intl. */
  tz?: string;
};

/**
 * Where `init` gets the `.wasm`: its URL (a string or a `URL`), a fetch
 * `Request` or `Response`, its bytes, or a compiled `WebAssembly.Module`
 * (objects are typed as `object`, so that no DOM types are needed).
 */
export type InitInput = string | ArrayBuffer | ArrayBufferView | object;

/** What `initSync` instantiates: the `.wasm`'s bytes or a compiled `WebAssembly.Module`. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | object;

/** The instance's exports: internal to the package. */
export type InitOutput = { readonly memory: { readonly buffer: ArrayBuffer } };

/**
 * Loads and instantiates the `.wasm`: by default fetched from beside this
 * module (browsers, bundlers). In Node it is instantiated on import and
 * this does nothing. Call it once before `convert`.
 */
export default function init(
  input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiates the `.wasm` synchronously, from its bytes or a compiled module. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * Converts `input` as the timestamp API does: `""` is now, a whole-string
 * integer is milliseconds (or `options.unit`), anything else is read as
 * `new Date(input)` with local time as UTC, or as wall time in
 * `options.tz`. Answers `{ unix, utc }` (with `iso` for `format: "full"`,
 * `local` and `tz` for `tz`) or `{ error: "Invalid Date" }`. Throws on an
 * unknown `unit`, `format` or `tz`, as the API answers 400.
 */
export function convert(input: string, options?: ConvertOptions | null): Timestamp | InvalidDate;

/**
 * Converts every input as `convert` does, with the same options, and
 * answers in the same order: for many inputs at once (a log, a CSV column),
 * faster than `convert` in a loop. Throws as `convert` does, and on an
 * input that is not a string.
 */
export function convertMany(inputs: readonly string[], options?: ConvertOptions | null): (Timestamp | InvalidDate)[];
