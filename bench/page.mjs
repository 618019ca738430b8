// The page's time to ready in Chromium, for BENCHMARKS.md (bench/run.py's
// page_ready()): `node bench/page.mjs URL LOADS` loads URL LOADS times, each
// in a fresh browser context (nothing cached), and prints one JSON line with
// the medians of the time from navigation to `body[data-ready]` (the page's
// wasm module instantiated) and of the `.wasm`'s time from request to last
// byte, from the browser's own resource timing.
import { chromium, CHROMIUM } from '../tests/js/support.mjs';

const [url, loads = '7'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/page.mjs URL [LOADS]');
  process.exit(2);
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = await chromium.launch(CHROMIUM);
const ready = [];
const wasm = [];
try {
  for (let i = 0; i < Number(loads); i += 1) {
    const context = await browser.newContext();
    // When the page marks itself ready, in the page's own clock (not when
    // this process next hears of it).
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.ready === 'true') {
          window.readyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    const timing = await page.evaluate(() => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { ready: window.readyAt, wasm: entry ? entry.responseEnd - entry.requestStart : null };
    });
    if (timing.wasm === null) throw new Error('the page loaded no .wasm');
    ready.push(timing.ready);
    wasm.push(timing.wasm);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ loads: ready.length, ready_ms: median(ready), wasm_ms: median(wasm) }));
