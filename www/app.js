// The page: converts as you type with the npm package's wasm module (no server
// call), and shows the API URL that answers the same. Left empty, the date is
// now, and the page ticks every second.
import init, { convert } from './pkg/timestamp.js';

const $ = (id) => document.getElementById(id);
const input = $('date');
const unit = $('unit');
const zone = $('tz');
const status = $('status');
const fields = {
  unix: $('unix'),
  utc: $('utc'),
  iso: $('iso'),
  zoned: $('zoned'),
  relative: $('relative'),
  local: $('local'),
};
// "3 years ago", "in 2 days", "now": in the viewer's language.
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
// The largest unit a span is counted in, by its length in ms.
const RELATIVE_UNITS = [
  ['year', 365.2425 * 86_400_000],
  ['month', 30.436875 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
const apiUrl = $('api-url');
const apiAnswer = $('api-answer');

/**
 * The API URL for a :date, encoded as the service decodes it; null for the
 * few texts no URL path can carry: `.` and `..` (browsers resolve them, even
 * escaped) and lone surrogates (not UTF-8).
 */
function apiPath(text) {
  if (text === '.' || text === '..' || !text.isWellFormed()) return null;
  const params = new URLSearchParams({ tz: zone.value });
  if (unit.value !== 'ms') params.set('unit', unit.value);
  return `${new URL(`api/${encodeURIComponent(text)}`, document.baseURI).pathname}?${params}`;
}

/** How far `unix` is from now, as people say it. */
function fromNow(unix) {
  const span = unix - Date.now();
  // The largest unit the span reaches; seconds when it reaches none.
  const [unit, ms] = RELATIVE_UNITS.find(([, ms]) => Math.abs(span) >= ms) ?? RELATIVE_UNITS.at(-1);
  return relativeFormat.format(Math.trunc(span / ms), unit);
}

/**
 * Sets `text` if it differs: live regions speak only of changes, and text
 * someone is selecting survives the tick.
 */
function put(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function show(text) {
  const answer = convert(text, { unit: unit.value, tz: zone.value });
  const path = apiPath(text);
  put(apiUrl, path ?? 'This date cannot be sent in a URL path.');
  if (path) apiUrl.href = path;
  else apiUrl.removeAttribute('href');
  $('call-api').disabled = path === null;
  // The fields are live regions (<output>): while they tick, they stay quiet.
  for (const field of Object.values(fields)) {
    if (text === '') field.setAttribute('aria-live', 'off');
    else field.removeAttribute('aria-live');
  }
  if ('error' in answer) {
    for (const field of Object.values(fields)) put(field, '–');
    input.setAttribute('aria-invalid', 'true');
    put(status, `Invalid Date: JavaScript's new Date() cannot read "${text}".`);
    status.className = 'invalid';
    return;
  }
  const date = new Date(answer.unix);
  put(fields.unix, String(answer.unix));
  put(fields.utc, answer.utc);
  put(fields.iso, date.toISOString());
  put(fields.zoned, answer.local);
  put(fields.relative, fromNow(answer.unix));
  put(fields.local, date.toString());
  input.removeAttribute('aria-invalid');
  put(status, text === '' ? 'Now: the current time, ticking (an empty date is now).' : 'A valid date.');
  status.className = 'valid';
}

/**
 * Every second: an empty date is now again, and "from now" moves on (the
 * other fields stay as they are, and `put` leaves them alone).
 */
function tick() {
  show(input.value);
}

async function copy(button) {
  const source = $(button.dataset.copy);
  const text = source.textContent;
  // Only the visible words change; the hidden rest of the name stays.
  const label = button.querySelector('.copy-label');
  try {
    await navigator.clipboard.writeText(text);
    label.textContent = 'Copied';
  } catch {
    // No clipboard permission (or an insecure context): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    label.textContent = 'Selected';
  }
  setTimeout(() => { label.textContent = button.dataset.label; }, 1500);
}

async function callApi() {
  if (!apiUrl.hasAttribute('href')) return;
  apiAnswer.textContent = 'Asking the API…';
  try {
    const response = await fetch(apiUrl.href, { headers: { accept: 'application/json' } });
    const body = await response.text();
    apiAnswer.textContent = `${response.status} ${response.statusText}\n${body}`;
  } catch (error) {
    apiAnswer.textContent = `The API could not be reached: ${error.message}`;
  }
}

/** Every zone this browser knows, the viewer's own selected. */
function fillZones() {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const names = new Set(Intl.supportedValuesOf?.('timeZone') ?? []);
  names.add(own);
  names.add('UTC');
  for (const name of [...names].sort()) {
    const option = new Option(name, name, name === own, name === own);
    zone.add(option);
  }
  $('tz-name').textContent = zone.value;
}

async function main() {
  await init();
  fillZones();
  const fromQuery = new URLSearchParams(location.search).get('date');
  input.value = fromQuery ?? '';
  input.addEventListener('input', () => show(input.value));
  unit.addEventListener('change', () => show(input.value));
  zone.addEventListener('change', () => {
    $('tz-name').textContent = zone.value;
    show(input.value);
  });
  $('form').addEventListener('submit', (event) => { event.preventDefault(); show(input.value); });
  $('now').addEventListener('click', () => {
    input.value = String(Date.now());
    show(input.value);
    input.focus();
  });
  for (const button of document.querySelectorAll('button.copy')) {
    button.dataset.label = button.querySelector('.copy-label').textContent;
    button.addEventListener('click', () => copy(button));
  }
  $('call-api').addEventListener('click', callApi);
  show(input.value);
  setInterval(tick, 1000);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  status.textContent = `The converter failed to load: ${error.message}`;
  status.className = 'invalid';
});
