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
// condition; and for `require` (CommonJS code, Jest, Node 18, which cannot
// require an ES module) index.cjs, node.mjs bundled as CommonJS by esbuild
// (tools/node). Types: index.d.ts, and the same as index.d.cts for
// `require`.
import { execFileSync } from 'node:child_process';
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
// The package's own files, beside wasm-pack's: copied or written below.
const own = ['index.js', 'index.d.ts', 'node.mjs', 'README.md'];
for (const file of own) copyFileSync(join(here, file), join(to, file));
// The same types for `require`: a .d.ts in a "type": "module" package
// describes an ES module only.
copyFileSync(join(here, 'index.d.ts'), join(to, 'index.d.cts'));
copyFileSync(join(from, 'timestamp_bg.wasm.d.ts'), join(to, 'timestamp_bg.wasm.d.cts'));
own.push('index.d.cts', 'timestamp_bg.wasm.d.cts', 'index.cjs');
// One module for CommonJS: node.mjs, index.js, wasm-bindgen's module and
// its snippets. Node 18 is the oldest `engines` allows.
execFileSync(join(here, '../../../tools/node/node_modules/.bin/esbuild'), [
  join(to, 'node.mjs'),
  '--bundle',
  '--format=cjs',
  '--platform=node',
  '--target=node18',
  '--log-level=warning',
  // wasm-bindgen's module names its one snippet twice in its imports
  // object, with the same namespace each time.
  '--log-override:duplicate-object-key=silent',
  `--inject:${join(here, 'cjs-shim.mjs')}`,
  '--define:import.meta.url=importMetaUrl',
  `--outfile=${join(to, 'index.cjs')}`,
]);

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
  files: [...new Set([...(generated.files ?? []), 'timestamp_bg.wasm.d.ts', ...own])],
  // For resolvers that read no "exports": Node's require and TypeScript's
  // node10 take the CommonJS entry, older bundlers the browser's module.
  main: 'index.cjs',
  module: 'index.js',
  types: 'index.d.cts',
  exports: {
    '.': {
      node: {
        import: { types: './index.d.ts', default: './node.mjs' },
        require: { types: './index.d.cts', default: './index.cjs' },
      },
      types: './index.d.ts',
      default: './index.js',
    },
    './timestamp_bg.wasm': {
      import: { types: './timestamp_bg.wasm.d.ts', default: './timestamp_bg.wasm' },
      require: { types: './timestamp_bg.wasm.d.cts', default: './timestamp_bg.wasm' },
    },
    './package.json': './package.json',
  },
  sideEffects: ['./node.mjs', './snippets/*'],
  engines: { node: '>=18' },
};
writeFileSync(join(to, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
console.error(`packed ${to}: ${pkg.name}@${pkg.version}`);
