// The corpus (tests/data/corpus.jsonl, node's own answers) read, and run
// through a build of the npm package, by convert one input at a time and by
// convertMany all at once: what disagrees, as lines to show. Plain JS with no imports, so that it runs
// where the package runs: Node (npm.test.mjs), Deno, Bun and Node 18
// (package-in-runtime.mjs, copied beside it) and bundled apps in chromium
// (bundlers/convert-corpus.js, copied beside it).
/** The corpus's cases, [{ input, expected }], from the text of corpus.jsonl. */
export function corpusCases(text) {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

export function corpusDisagreements({ convert, convertMany }, cases) {
  const many = convertMany(cases.map(({ input }) => input));
  const wrong = [];
  cases.forEach(({ input, expected }, i) => {
    for (const [how, got] of [['convert', convert(input)], ['convertMany', many[i]]]) {
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        wrong.push(`${how} ${JSON.stringify(input)}: node ${JSON.stringify(expected)} / package ${JSON.stringify(got)}`);
      }
    }
  });
  return wrong;
}
