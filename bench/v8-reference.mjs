// What the reference service does with a :date in V8, building the object
// the npm package answers: a whole-string integer is milliseconds, anything
// else goes to new Date(). For bench/v8.mjs and bench/bulk.mjs.
export function reference(s) {
  const d = /^-?\d+$/.test(s) ? new Date(parseInt(s, 10)) : new Date(s);
  const t = d.getTime();
  return Number.isNaN(t) ? { error: 'Invalid Date' } : { unix: t, utc: d.toUTCString() };
}
