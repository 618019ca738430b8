// A TypeScript consumer of the packed package, checked by `tsc --strict`
// (tests/js/npm.test.mjs): every export and every option, as a user's code
// would use them, with and without the DOM's types. Compiled, never run.
import init, { convert, convertMany, initSync } from 'timestamp-wasm';
import type { ConvertOptions, InvalidDate, InitInput, SyncInitInput, Timestamp } from 'timestamp-wasm';

export async function ready(input?: InitInput): Promise<void> {
  await init(input === undefined ? undefined : { module_or_path: input });
}

export function readySync(module: SyncInitInput): void {
  initSync({ module });
}

export function unixOrNull(input: string, options?: ConvertOptions): number | null {
  const answer: Timestamp | InvalidDate = convert(input, options);
  return 'error' in answer ? null : answer.unix;
}

const every: ConvertOptions[] = [
  {},
  { unit: 's' },
  { unit: 'ms' },
  { unit: 'us' },
  { unit: 'ns' },
  { unit: 'auto' },
  { format: 'default' },
  { format: 'full' },
  { tz: 'Asia/Tokyo' },
  { unit: 's', format: 'full', tz: 'America/New_York' },
];

export function fields(input: string): string[] {
  return every.flatMap((options) => {
    const answer = convert(input, options);
    if ('error' in answer) return [answer.error];
    const { unix, utc, iso, local, tz } = answer;
    return [String(unix), utc, iso ?? '', local ?? '', tz ?? ''];
  });
}

export function unixes(inputs: readonly string[], options?: ConvertOptions): (number | null)[] {
  return convertMany(inputs, options).map((answer) => ('error' in answer ? null : answer.unix));
}

export async function readyFromBytes(bytes: Uint8Array): Promise<void> {
  await init({ module_or_path: bytes });
}
