// Run by Deno and Bun (tests/js/npm.test.mjs starts them): the installed npm
// package, imported the way that runtime resolves it and through its
// browser entry, on the whole corpus. Prints one JSON line of what it found
// and exits 1 on any disagreement.
//   deno run --allow-read --allow-env tests/js/package-in-runtime.mjs PROJECT
//   bun tests/js/package-in-runtime.mjs PROJECT
// PROJECT is a directory where the packed package is installed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const project = process.argv[2];
const corpusPath = new URL('../data/corpus.jsonl', import.meta.url);
const cases = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line));

// The entry this runtime picks by the package's export conditions, and the
// browser one (index.js, which fetches the .wasm beside it on init()).
const resolved = createRequire(join(project, 'package.json')).resolve('timestamp-wasm');
const packageDir = join(project, 'node_modules/timestamp-wasm');
const entries = { [resolved.slice(packageDir.length + 1)]: resolved, 'index.js': join(packageDir, 'index.js') };

const report = { runtime: typeof Deno === 'object' ? `deno ${Deno.version.deno}` : `bun ${Bun.version}`, entries: {} };
let failed = false;
for (const [name, path] of Object.entries(entries)) {
  const pkg = await import(pathToFileURL(path).href);
  await pkg.default();
  const wrong = [];
  for (const { input, expected } of cases) {
    const got = pkg.convert(input);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      wrong.push(`${JSON.stringify(input)}: node ${JSON.stringify(expected)} / package ${JSON.stringify(got)}`);
    }
  }
  report.entries[name] = { cases: cases.length, wrong: wrong.slice(0, 5), disagreements: wrong.length };
  failed ||= wrong.length > 0 || cases.length < 2000;
}
console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);
