// The page, served by the component in real hosts, driven in Debian's
// headless chromium by playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, chromium, corpus, packPackage, root, startHost } from './support.mjs';

// Served by the reference wasi:http host, and by two edges that serve it
// their own way: wasmCloud (the component as it is) and Vercel's Edge runtime
// (the worker's handler; the page's files go out uncompressed there).
for (const kind of ['wasmtime', 'wash', 'vercel'])
test(`the page converts as you type and calls the API, served by ${kind}`, async (t) => {
  const host = await startHost(kind);
  t.after(() => host.stop());
  // Chromium writes to its profile until it has closed, and node runs a
  // test's after hooks in the order they were added: one hook, close first.
  const profile = mkdtempSync(join(tmpdir(), 'timestamp-chromium-'));
  let context;
  t.after(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });
  context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    timezoneId: 'America/New_York',
  });

  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(`${host.url}/`);
  await page.waitForSelector('body[data-ready="true"]');

  // Converted in the page, as typed.
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.fill('#date', '05 October 2011, GMT');
  assert.equal(await page.textContent('#unix'), '1317772800000');
  assert.equal(await page.textContent('#utc'), 'Wed, 05 Oct 2011 00:00:00 GMT');
  assert.equal(await page.textContent('#iso'), '2011-10-05T00:00:00.000Z');
  const local = await page.textContent('#local');
  const browserLocal = await page.evaluate(() => new Date(1317772800000).toString());
  assert.equal(local, browserLocal, "the viewer's local time is the browser's own reading");
  assert.match(local, /Oct 04 2011 20:00:00 GMT-0400/);
  assert.deepEqual(requests, [], 'converting needs no request');
  assert.equal(await page.getAttribute('#date', 'aria-invalid'), null);
  const yearsAgo = new Date().getUTCFullYear() - 2011;
  assert.match(await page.textContent('#relative'), new RegExp(`^(${yearsAgo - 1}|${yearsAgo}) years ago$`));

  // The equivalent API URL, called for real.
  assert.equal(await page.textContent('#api-url'), '/api/05%20October%202011%2C%20GMT?tz=America%2FNew_York');
  assert.equal(await page.inputValue('#tz'), 'America/New_York', "the viewer's zone is picked");
  assert.equal(await page.textContent('#zoned'), '2011-10-04T20:00:00.000-04:00');
  await page.click('#call-api');
  await page.waitForFunction(() => document.getElementById('api-answer').textContent.includes('{'));
  const apiText = await page.textContent('#api-answer');
  assert.match(apiText, /^200 OK\n/);
  assert.deepEqual(JSON.parse(apiText.split('\n')[1]), {
    unix: 1317772800000,
    utc: 'Wed, 05 Oct 2011 00:00:00 GMT',
    local: '2011-10-04T20:00:00.000-04:00',
    tz: 'America/New_York',
  });

  mkdirSync(join(root, 'target/screenshots'), { recursive: true });
  await page.screenshot({ path: join(root, 'target/screenshots/page.png'), fullPage: true });

  // Integers in another unit, in the page and in the API URL.
  await page.selectOption('#unit', 's');
  await page.fill('#date', '1482624000');
  assert.equal(await page.textContent('#unix'), '1482624000000');
  assert.equal(await page.textContent('#api-url'), '/api/1482624000?tz=America%2FNew_York&unit=s');
  await page.click('#call-api');
  await page.waitForFunction(() => document.getElementById('api-answer').textContent.includes('1482624000000'));
  await page.selectOption('#unit', 'ms');

  // Wall times are read in the picked zone, as the browser's own new Date()
  // reads them in the viewer's zone; the API, asked with tz, agrees.
  await page.fill('#date', 'Dec 25 2016 10:00');
  const browserReading = await page.evaluate(() => new Date('Dec 25 2016 10:00').getTime());
  assert.equal(await page.textContent('#unix'), String(browserReading));
  assert.equal(await page.textContent('#zoned'), '2016-12-25T10:00:00.000-05:00');
  await page.click('#call-api');
  await page.waitForFunction(() => document.getElementById('api-answer').textContent.includes('"local"'));
  assert.equal(JSON.parse((await page.textContent('#api-answer')).split('\n')[1]).unix, browserReading);
  await page.selectOption('#tz', 'Asia/Tokyo');
  assert.equal(await page.textContent('#zoned'), '2016-12-25T10:00:00.000+09:00');
  await page.selectOption('#tz', 'America/New_York');

  // Texts no URL path can carry get no API link.
  await page.fill('#date', '..');
  assert.equal(await page.textContent('#api-url'), 'This date cannot be sent in a URL path.');
  assert.equal(await page.isDisabled('#call-api'), true);

  // A clear invalid state.
  await page.fill('#date', 'this-is-not-a-date');
  assert.equal(await page.getAttribute('#date', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#status'), /Invalid Date/);
  assert.equal(await page.textContent('#unix'), '–');
  await page.screenshot({ path: join(root, 'target/screenshots/page-invalid.png'), fullPage: true });

  // Keyboard: the Now button is reachable and fills in the current time.
  await page.focus('#date');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'now');
  const before = Date.now();
  await page.keyboard.press('Enter');
  const now = Number(await page.inputValue('#date'));
  assert.ok(Math.abs(now - before) < 20_000, `${now} is now`);
  assert.equal(await page.textContent('#unix'), String(now));

  // Empty: now, ticking every second, with the fields' live regions quiet.
  await page.fill('#date', '');
  const first = Number(await page.textContent('#unix'));
  assert.ok(Math.abs(first - Date.now()) < 20_000, `${first} is now`);
  assert.equal(await page.textContent('#relative'), 'now');
  assert.equal(await page.getAttribute('#unix', 'aria-live'), 'off');
  await page.waitForFunction((shown) => Number(document.getElementById('unix').textContent) > shown, first, {
    timeout: 5_000,
  });
  await page.fill('#date', '2016-12-25');
  assert.equal(await page.getAttribute('#unix', 'aria-live'), null, 'typed answers are announced');

  assert.deepEqual(problems, [], 'no console errors (CSP violations included)');
});

// axe-core (tools/node) in both colour schemes, on a date and on an invalid
// input; the dark scheme's colours; and every control by keyboard alone.
test('the page is accessible: axe-core in light and dark, and the keyboard alone', async (t) => {
  const host = await startHost();
  t.after(() => host.stop());
  const browser = await chromium.launch(CHROMIUM);
  t.after(() => browser.close());
  const axe = readFileSync(join(root, 'tools/node/node_modules/axe-core/axe.min.js'), 'utf8');

  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${host.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    // Evaluated through the devtools protocol, which the page's CSP does
    // not govern (a <script> tag would be refused).
    await page.evaluate(axe);
    for (const input of ['05 October 2011, GMT', 'this-is-not-a-date', '']) {
      await page.fill('#date', input);
      const { violations } = await page.evaluate(() => window.axe.run(document));
      const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${colorScheme}, ${JSON.stringify(input)}`);
    }
    const [background, text] = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return [style.backgroundColor, style.color];
    });
    const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, c) => sum + Number(c), 0) / 3;
    if (colorScheme === 'dark') assert.ok(luminance(background) < 64 && luminance(text) > 192, `${background} / ${text}`);
    else assert.ok(luminance(background) > 192 && luminance(text) < 64, `${background} / ${text}`);
    await page.screenshot({ path: join(root, `target/screenshots/page-${colorScheme}.png`), fullPage: true });
    await context.close();
  }

  // Keyboard only: Tab reaches every control in reading order, each shows
  // where the focus is, and Enter and Space work them.
  const context = await browser.newContext({ locale: 'en-US' });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${host.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'date', 'the date input comes first');
  await page.keyboard.type('2016-12-25');
  assert.equal(await page.textContent('#unix'), '1482624000000');
  const order = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const [name, outline] = await page.evaluate(() => {
      const element = document.activeElement;
      const name = element.dataset.copy ? `copy ${element.dataset.copy}` : element.id || element.tagName;
      return [name, getComputedStyle(element).outlineStyle];
    });
    // After the last control the focus leaves the page (BODY).
    if (name === 'BODY') break;
    order.push(name);
    assert.notEqual(outline, 'none', `${name} shows the focus`);
  }
  assert.deepEqual(order, [
    'now',
    'unit',
    'tz',
    'copy unix',
    'copy utc',
    'copy iso',
    'copy zoned',
    'copy local',
    'api-url',
    'call-api',
    'copy api-url',
    'api-answer',
  ]);
  // Enter on "Call the API".
  await page.focus('#call-api');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('api-answer').textContent.startsWith('200 OK'));
  // Space on a copy button: its visible word changes, its name keeps it.
  await page.focus('button[data-copy="unix"]');
  await page.keyboard.press('Space');
  await page.waitForFunction(() =>
    ['Copied', 'Selected'].includes(document.querySelector('button[data-copy="unix"] .copy-label').textContent),
  );
  // Enter in the date field submits nothing and keeps the answer.
  await page.focus('#date');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#unix'), '1482624000000');
  // A select works from the keyboard: the unit, by arrow keys.
  await page.focus('#unit');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#unit'), 's');
});

test('the page is readable on a phone', async (t) => {
  const host = await startHost();
  t.after(() => host.stop());
  const browser = await chromium.launch(CHROMIUM);
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
  await page.goto(`${host.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#date', '2016-12-25');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  await page.screenshot({ path: join(root, 'target/screenshots/page-phone.png'), fullPage: true });
});

test('the page runs on the npm-packed package', async (t) => {
  // Serve the page's /pkg/ from the tarball `npm pack` makes (the wasm-opt
  // build npm ships), not from target/pkg/page.
  const { work, tarball } = packPackage();
  t.after(() => rmSync(work, { recursive: true, force: true }));
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const packed = join(work, 'package');

  const host = await startHost();
  t.after(() => host.stop());
  const browser = await chromium.launch(CHROMIUM);
  t.after(() => browser.close());
  const page = await browser.newPage();
  const served = [];
  await page.route(`${host.url}/pkg/**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice('/pkg/'.length);
    served.push(file);
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8';
    return route.fulfill({ path: join(packed, file), headers: { 'content-type': type } });
  });
  await page.goto(`${host.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#date', '05 October 2011, GMT');
  assert.equal(await page.textContent('#unix'), '1317772800000');
  assert.ok(['timestamp.js', 'timestamp_bg.wasm'].every((f) => served.includes(f)), served.join(', '));

  // The whole corpus in chromium, through the package's lane (no options;
  // TextDecoder, not Node's Buffer) and through wasm-bindgen (options).
  const cases = corpus();
  const got = await page.evaluate(async (inputs) => {
    const { convert } = await import('./pkg/index.js');
    return inputs.map((input) => [JSON.stringify(convert(input)), JSON.stringify(convert(input, {}))]);
  }, cases.map((c) => c.input));
  const wrong = [];
  cases.forEach(({ input, expected }, i) => {
    const [lane, module] = got[i];
    const want = JSON.stringify(expected);
    if (lane !== want || module !== want) wrong.push(`${JSON.stringify(input)}: node ${want} / lane ${lane} / wasm-bindgen ${module}`);
  });
  assert.ok(served.includes('index.js'), 'the lane is the package\'s entry');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.length} disagree in chromium`);
});
