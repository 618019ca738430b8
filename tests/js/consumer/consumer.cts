// A CommonJS TypeScript consumer of the packed package (`require`, which
// resolves to index.cjs and its types, index.d.cts), checked by `tsc
// --strict` (tests/js/npm.test.mjs). Compiled, never run.
import timestamp = require('timestamp-wasm');

export function unixOrNull(input: string, options?: timestamp.ConvertOptions): number | null {
  const answer: timestamp.Timestamp | timestamp.InvalidDate = timestamp.convert(input, options);
  return 'error' in answer ? null : answer.unix;
}

export function unixes(inputs: string[]): (number | null)[] {
  return timestamp.convertMany(inputs, { unit: 'auto' }).map((answer) => ('error' in answer ? null : answer.unix));
}

export async function ready(): Promise<void> {
  await timestamp.default();
}
