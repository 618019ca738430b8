// What each bundled app does once its bundler has built it (its main.js
// passes in the package's exports): init(), then the freeCodeCamp inputs
// and the whole corpus (served beside the app as /corpus.jsonl by
// tests/js/bundlers.test.mjs) through convert and convertMany. The page
// shows what it found as JSON in #answers, then sets body[data-ready].
import { corpusCases, corpusDisagreements } from './corpus-check.js';

export async function convertCorpus({ init, convert, convertMany }, initInput) {
  await init(initInput);
  const fcc = [
    convert('05 October 2011, GMT'),
    convert('2016-12-25'),
    convert('this-is-not-a-date'),
    convert('1482624000', { unit: 's', format: 'full', tz: 'Asia/Tokyo' }),
  ];
  const cases = corpusCases(await (await fetch('/corpus.jsonl')).text());
  const wrong = corpusDisagreements({ convert, convertMany }, cases);
  document.querySelector('#answers').textContent = JSON.stringify({ fcc, cases: cases.length, wrong });
  document.body.dataset.ready = 'true';
}
