// Run by Deno, Bun and Node 18 (tests/js/npm.test.mjs starts them): the
// installed npm package, imported and required the ways that runtime
// resolves them, and through its browser entry, on the whole corpus, by
// convert and convertMany. Prints one JSON line of what it found and exits
// 1 on any disagreement.
//   deno run --allow-read --allow-env --allow-write PROJECT/package-in-runtime.mjs PROJECT CORPUS
//   bun PROJECT/package-in-runtime.mjs PROJECT CORPUS
//   node PROJECT/package-in-runtime.mjs PROJECT CORPUS
// PROJECT is a directory where the packed package is installed, and this
// script is copied there with corpus-check.js (Deno resolves packages by
// the package.json nearest the main module); CORPUS is tests/data/corpus.jsonl.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusCases, corpusDisagreements } from './corpus-check.js';

const [project, corpusPath] = process.argv.slice(2);
const cases = corpusCases(readFileSync(corpusPath, 'utf8'));

// The entries this runtime picks by the package's export conditions, for
// `import` (resolved from a module in the project) and for `require`, and
// the browser one (index.js, which fetches the .wasm beside it on init()).
const which = join(project, 'which-entry.mjs');
writeFileSync(which, "export const entry = import.meta.resolve('timestamp-wasm');\n");
const imported = new URL((await import(pathToFileURL(which).href)).entry).pathname;
const requireFromProject = createRequire(join(project, 'package.json'));
const required = requireFromProject.resolve('timestamp-wasm');
const packageDir = join(project, 'node_modules/timestamp-wasm');
const entries = {
  [imported.slice(packageDir.length + 1)]: () => import(pathToFileURL(imported).href),
  [required.slice(packageDir.length + 1)]: () => requireFromProject('timestamp-wasm'),
  'index.js': () => import(pathToFileURL(join(packageDir, 'index.js')).href),
};

const runtime =
  typeof Deno === 'object' ? `deno ${Deno.version.deno}` : typeof Bun === 'object' ? `bun ${Bun.version}` : `node ${process.version}`;
const report = { runtime, entries: {} };
let failed = false;
for (const [name, load] of Object.entries(entries)) {
  const pkg = await load();
  await pkg.default();
  const wrong = corpusDisagreements(pkg, cases);
  report.entries[name] = { cases: cases.length, wrong: wrong.slice(0, 5), disagreements: wrong.length };
  failed ||= wrong.length > 0 || cases.length < 2000;
}
console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);
