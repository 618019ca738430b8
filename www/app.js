// The page: converts as you type with the npm package's wasm module (no server
// call), and shows the API URL that answers the same.
import init, { convert } from './pkg/timestamp.js';

const $ = (id) => document.getElementById(id);
const input = $('date');
const unit = $('unit');
const zone = $('tz');
const status = $('status');
const fields = { unix: $('unix'), utc: $('utc'), iso: $('iso'), zoned: $('zoned'), local: $('local') };
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

function show(text) {
  const answer = convert(text, { unit: unit.value, tz: zone.value });
  const path = apiPath(text);
  apiUrl.textContent = path ?? 'This date cannot be sent in a URL path.';
  if (path) apiUrl.href = path;
  else apiUrl.removeAttribute('href');
  $('call-api').disabled = path === null;
  if ('error' in answer) {
    for (const field of Object.values(fields)) field.textContent = '–';
    input.setAttribute('aria-invalid', 'true');
    status.textContent = `Invalid Date: JavaScript's new Date() cannot read "${text}".`;
    status.className = 'invalid';
    return;
  }
  const date = new Date(answer.unix);
  fields.unix.textContent = String(answer.unix);
  fields.utc.textContent = answer.utc;
  fields.iso.textContent = date.toISOString();
  fields.zoned.textContent = answer.local;
  fields.local.textContent = date.toString();
  input.removeAttribute('aria-invalid');
  status.textContent = text === '' ? 'Now (an empty date is the current time).' : 'A valid date.';
  status.className = 'valid';
}

async function copy(button) {
  const source = $(button.dataset.copy);
  const text = source.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard permission (or an insecure context): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Selected';
  }
  setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
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
    button.dataset.label = button.textContent;
    button.addEventListener('click', () => copy(button));
  }
  $('call-api').addEventListener('click', callApi);
  show(input.value);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  status.textContent = `The converter failed to load: ${error.message}`;
  status.className = 'invalid';
});
