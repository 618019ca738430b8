// Assembles the npm package `timestamp-wasm` from wasm-pack's `--target web`
// output and this folder's entries: one package for browsers, bundlers and
// Node.
//
//   node crates/npm/js/pack.mjs target/pkg/page target/npm
//
// wasm-pack writes an ES module (timestamp.js) whose default export
// `init()` fetches the .wasm (browsers, bundlers). The package's entry is
// index.js, which wraps it with a faster lane for `convert(text)`. Node
// cannot fetch a file: URL, so the package also has a Node entry (node.mjs)
// that loads the .wasm from disk synchronously, chosen by the "node" export
// condition.
import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node crates/npm/js/pack.mjs <wasm-pack out-dir> <package dir>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));

rmSync(to, { recursive: true, force: true });
// wasm-pack's files, less its README copy (the package's is written below).
cpSync(from, to, { recursive: true, filter: (path) => !['README.md', '.gitignore'].includes(basename(path)) });
for (const file of ['index.js', 'index.d.ts', 'node.mjs', 'README.md']) {
  copyFileSync(join(here, file), join(to, file));
}

const generated = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
const pkg = {
  // "timestamp" is taken on npm.
  name: 'timestamp-wasm',
  version: generated.version,
  description:
    "Dates and Unix timestamps exactly as JavaScript's new Date() reads them, from Rust compiled to WebAssembly",
  license: generated.license,
  // The form npm writes itself (publint asks for it).
  repository: { type: 'git', url: `git+${generated.repository.url.replace(/\.git$/, '')}.git` },
  keywords: ['date', 'timestamp', 'unix', 'parse', 'wasm'],
  type: 'module',
  files: [
    ...new Set([
      ...(generated.files ?? []),
      'timestamp_bg.wasm.d.ts',
      'index.js',
      'index.d.ts',
      'node.mjs',
      'README.md',
    ]),
  ],
  main: 'index.js',
  module: 'index.js',
  types: 'index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.mjs',
      default: './index.js',
    },
    './timestamp_bg.wasm': { types: './timestamp_bg.wasm.d.ts', default: './timestamp_bg.wasm' },
    './package.json': './package.json',
  },
  sideEffects: ['./node.mjs', './snippets/*'],
  engines: { node: '>=18' },
};
writeFileSync(join(to, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
console.error(`packed ${to}: ${pkg.name}@${pkg.version}`);
