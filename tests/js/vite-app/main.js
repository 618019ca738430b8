// What a user of the package writes in a bundled app: the bare import,
// init(), then convert().
import init, { convert } from 'timestamp-wasm';

await init();
const answers = [
  convert('05 October 2011, GMT'),
  convert('2016-12-25'),
  convert('this-is-not-a-date'),
  convert('1482624000', { unit: 's', format: 'full', tz: 'Asia/Tokyo' }),
];
document.querySelector('#answers').textContent = JSON.stringify(answers);
document.body.dataset.ready = 'true';
