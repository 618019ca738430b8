// Turns wasm-pack's `--target web` output into the npm package: one package
// for browsers, bundlers and Node.
//
//   node tools/npm/finish-package.mjs www/pkg
//
// wasm-pack writes an ES module whose default export `init()` fetches the
// .wasm (browsers, bundlers). Node cannot fetch a file: URL, so the package
// gets a Node entry that loads the .wasm from disk synchronously, chosen by
// the "node" export condition.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/npm/finish-package.mjs <wasm-pack out-dir>');
  process.exit(2);
}

const NODE_ENTRY = `// Node entry: the .wasm is read from disk and instantiated on import, so
// \`convert\` is ready at once. \`init()\` is kept so code written for the
// browser (\`await init()\`) runs unchanged.
import { readFileSync } from 'node:fs';
import { initSync } from './timestamp.js';

initSync({ module: readFileSync(new URL('./timestamp_bg.wasm', import.meta.url)) });

export { convert } from './timestamp.js';
export default async function init() {}
`;
writeFileSync(join(dir, 'node.mjs'), NODE_ENTRY);

const path = join(dir, 'package.json');
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const finished = {
  // "timestamp" is taken on npm.
  name: 'timestamp-wasm',
  version: pkg.version,
  description:
    "Dates and Unix timestamps exactly as JavaScript's new Date() reads them, from Rust compiled to WebAssembly",
  license: pkg.license,
  repository: pkg.repository,
  keywords: ['date', 'timestamp', 'unix', 'parse', 'wasm'],
  type: 'module',
  files: [...new Set([...(pkg.files ?? []), 'node.mjs'])],
  main: 'timestamp.js',
  module: 'timestamp.js',
  types: 'timestamp.d.ts',
  exports: {
    '.': {
      types: './timestamp.d.ts',
      node: './node.mjs',
      default: './timestamp.js',
    },
    './timestamp_bg.wasm': './timestamp_bg.wasm',
    './package.json': './package.json',
  },
  sideEffects: ['./node.mjs', './snippets/*'],
  engines: { node: '>=18' },
};
writeFileSync(path, `${JSON.stringify(finished, null, 2)}\n`);
console.error(`finished ${path}: ${finished.name}@${finished.version}`);
