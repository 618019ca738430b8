// Node entry: the .wasm is read from disk and instantiated on import, so
// `convert` is ready at once. `init()` is kept so code written for the
// browser (`await init()`) runs unchanged.
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync({ module: readFileSync(new URL('./timestamp_bg.wasm', import.meta.url)) });

export { convert, convertMany, initSync } from './index.js';
export default async function init() {}
