// Turns wasm-pack's `--target web` output into the npm package: one package
// for browsers, bundlers and Node.
//
//   node tools/npm/finish-package.mjs www/pkg
//
// wasm-pack writes an ES module (timestamp.js) whose default export
// `init()` fetches the .wasm (browsers, bundlers). The package's entry is
// index.js (src/js/entry.js), which wraps it with a faster lane for
// `convert(text)`. Node cannot fetch a file: URL, so the package also gets a
// Node entry that loads the .wasm from disk synchronously, chosen by the
// "node" export condition.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/npm/finish-package.mjs <wasm-pack out-dir>');
  process.exit(2);
}

const NODE_ENTRY = `// Node entry: the .wasm is read from disk and instantiated on import, so
// \`convert\` is ready at once. \`init()\` is kept so code written for the
// browser (\`await init()\`) runs unchanged.
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync({ module: readFileSync(new URL('./timestamp_bg.wasm', import.meta.url)) });

export { convert, initSync } from './index.js';
export default async function init() {}
`;
writeFileSync(join(dir, 'node.mjs'), NODE_ENTRY);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
copyFileSync(join(root, 'src/js/entry.js'), join(dir, 'index.js'));
// index.js exports what timestamp.js does, with the same types.
writeFileSync(
  join(dir, 'index.d.ts'),
  "export * from './timestamp.js';\nexport { default } from './timestamp.js';\n",
);

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
  files: [...new Set([...(pkg.files ?? []), 'index.js', 'index.d.ts', 'node.mjs'])],
  main: 'index.js',
  module: 'index.js',
  types: 'index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.mjs',
      default: './index.js',
    },
    './timestamp_bg.wasm': './timestamp_bg.wasm',
    './package.json': './package.json',
  },
  sideEffects: ['./node.mjs', './snippets/*'],
  engines: { node: '>=18' },
};
writeFileSync(path, `${JSON.stringify(finished, null, 2)}\n`);
console.error(`finished ${path}: ${finished.name}@${finished.version}`);
