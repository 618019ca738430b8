// Injected by esbuild into index.cjs (pack.mjs), the CommonJS build of
// node.mjs: `import.meta.url` (which node.mjs and wasm-bindgen's module use
// to find the .wasm) is this file's URL there.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
