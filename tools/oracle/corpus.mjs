// Differential oracle for the timestamp parser.
//
// The reference answer for an input string `s` is whatever node 20 / V8 says
// under TZ=UTC:
//
//   /^-?\d+$/.test(s) ? new Date(parseInt(s, 10)) : new Date(s)
//
// Modes:
//   node tools/oracle/corpus.mjs                       -> the checked-in corpus (deterministic)
//   node tools/oracle/corpus.mjs --random N --seed S   -> N fresh random inputs, seeded by S
//   node tools/oracle/corpus.mjs --answer              -> stdin: one JSON string literal per line
//   node tools/oracle/corpus.mjs --zones               -> the corpus under four TZ zones (tests/data/zones.jsonl)
//
// Every output line is JSON.stringify({ input, expected }) where expected is
// { unix, utc } or { error: "Invalid Date" }.
//
// Only node built-ins are used; no Math.random (everything goes through mulberry32).

// Must happen before any Date is created: node resets its time-zone cache
// when process.env.TZ is assigned.
process.env.TZ = 'UTC';
if (new Date(2000, 6, 1).getTimezoneOffset() !== 0) {
  process.stderr.write('corpus.mjs: local time zone is not UTC (TZ=UTC did not take effect)\n');
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Reference and output
// ---------------------------------------------------------------------------

function reference(s) {
  const d = /^-?\d+$/.test(s) ? new Date(parseInt(s, 10)) : new Date(s);
  const t = d.getTime();
  return Number.isNaN(t) ? { error: 'Invalid Date' } : { unix: t, utc: d.toUTCString() };
}

function line(s) {
  return JSON.stringify({ input: s, expected: reference(s) });
}

// Non-empty and no lone surrogates (the Rust side receives UTF-8).
function acceptable(s) {
  return typeof s === 'string' && s.length > 0 && s.isWellFormed();
}

// Collects inputs in order, keeping the first occurrence of each.
class Corpus {
  constructor() {
    this.seen = new Set();
    this.inputs = [];
  }
  add(s) {
    if (!acceptable(s) || this.seen.has(s)) return false;
    this.seen.add(s);
    this.inputs.push(s);
    return true;
  }
  addAll(list) {
    for (const s of list) this.add(s);
  }
  get size() {
    return this.inputs.length;
  }
}

// ---------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers
// ---------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  // integer in [lo, hi] (inclusive), safe for |values| up to 2^53
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  // pairs: [[weight, value], ...]
  weighted(pairs) {
    let total = 0;
    for (const [w] of pairs) total += w;
    let r = this.next() * total;
    for (const [w, v] of pairs) {
      if ((r -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const pad = (n, w) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];
const MON = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WD = WEEKDAYS.map((w) => w.slice(0, 3));
const KEYWORDS = ['am', 'pm', 'ut', 'utc', 'gmt', 'z', 't', 'est', 'edt', 'cst', 'cdt',
  'mst', 'mdt', 'pst', 'pdt'];
const UNKNOWN_WORDS = ['foo', 'bar', 'x', 'abc', 'the', 'of', 'on', 'at', 'noon', 'Xmas',
  'CET', 'BST', 'JST', 'IST', 'HST', 'AKST', 'UTCX', 'GMTT', 'ESTX', 'amx', 'p', 'a', 'th',
  'st', 'nd', 'rd', 'date', 'BC', 'AD', 'Ju', 'De', 'Ma', 'ZZ', 'TT', 'zulu'];
const SYMBOLS = [':', '-', '+', '.', ',', '(', ')', '/'];
// Unicode whitespace / line terminators / format chars / control chars.
const UNI_SPACES = ['\u00a0', '\u3000', '\u2028', '\u2029', '\ufeff', '\u1680', '\u2000',
  '\u2009', '\u202f', '\u205f', '\u0085', '\u200b'];
const CONTROLS = ['\t', '\n', '\r', '\v', '\f', '\u0000', '\u0001', '\u001f', '\u007f'];
const FULLWIDTH_DIGITS = Array.from({ length: 10 }, (_, i) => String.fromCharCode(0xff10 + i));
const toFullwidth = (s) => s.replace(/[0-9]/g, (c) => FULLWIDTH_DIGITS[+c]);

// Alphabet used by single-character mutations.
const MUTATION_ALPHABET = [
  ...'0123456789', ...'0123456789',
  ...'aAmMpPtTzZgGuUeEsSdDcCnNoObBjJ',
  ...SYMBOLS, ' ', ' ', ' ', '_', '@', '#', '*', '[', '~', ';', '\'',
  ...UNI_SPACES, ...CONTROLS, ...FULLWIDTH_DIGITS.slice(0, 3), '\u{1F600}',
];

function caseVariants(word) {
  return [word, word.toUpperCase(), word.toLowerCase(),
    word[0].toLowerCase() + word.slice(1).toUpperCase()];
}

// ---------------------------------------------------------------------------
// Family: hand-written cases (README examples and specific rules)
// ---------------------------------------------------------------------------

function handWritten() {
  return [
    // freeCodeCamp four
    '2016-12-25', '1451001600000', '05 October 2011, GMT', 'this-is-not-a-date',

    // integer path specials and not-quite-integers (go to Date parsing)
    '0', '-0', '1', '-1', '2015', '-2015', '00', '007', '-007', '0001451001600000',
    '8640000000000000', '-8640000000000000', '8640000000000001', '-8640000000000001',
    '8639999999999999', '-8639999999999999', '08640000000000000',
    '+123', ' 123', '123 ', '1.5', '1e3', '0x10', '0b1', '0o7', '1_000', '1,000',
    '-', '--1', '+-1', '1-', '12-', '-12-', '+0', '+1451001600000', '1451001600000.0',
    '1451001600000 ', ' 1451001600000', 'Infinity', '-Infinity', 'NaN', '１２３',
    '\u0661\u0662\u0663', '8640000000000000.5', '1e+21',

    // ISO basics and the README-ish examples
    '2016', '2016-12', '2016-12-25T00:00', '2016-12-25T00:00Z', '2016-12-25T00:00:00',
    '2016-12-25T00:00:00Z', '2016-12-25T00:00:00.000Z', '2016-12-25t00:00:00z',
    '2016-12-25T10:20:30+05:30', '2016-12-25T10:20:30-0800', '2016-12-25T10:20:30+05',
    '2016-12-25T10:20:30+5:30', '2016-12-25T10:20:30+05:3', '2016-12-25T10:20:30+0530Z',
    '2016-12-25 10:00', '2016-12-25 10:00Z', '2016-12-25 10:00:00 Z', '2016-12-25 10:00 GMT',
    '2016-12-25 10:00:00+01:00', '2016-12-25 10:00:00 +01:00', '2016-12-25  10:00',
    '2015-001', '2015-365', '2000-1-1', '2000-01-1', '2000-1-01', '2000-01-01 ', ' 2000-01-01',
    '\t2000-01-01', '2000-01-01\n', '2016-12-25T', '2016-12-25T10', '2016-12-25T10:',
    '2016-12-25T10:00:', '2016-12-25T10:00:00.', '2016-12-25T10:00:00.Z', '2016-12-25TZ',
    '2016-12-25T10:00Zjunk', '2016-12-25T10:00 Z', '2016-12-25T10:00:00Z ', '2016-12-25x',
    '2016-12-25 junk', '2016-12-25junk', '2016-12-25Z', '2016-12-25z', '2016-12-25 Z',
    '2016-12-25 UTC', '2016-12-25 GMT+0100', '2016-12-25 +0100', '2016-12-25T10:00:00GMT',
    '2016-12-25T10:00:00 GMT', '2016-12-25T10:00:00UTC', '2016-12-25T10:00:00+01:00:00',
    '2016-12-25T10:00:00.123+01:00', '2016-12-25T10:00:00,123Z', '2016-12-25T10.5',
    '2016-12-25T1000', '2016-12-25T10:00:00.123456789012345Z', '2016-12-25TT10:00',
    '2016-12-25-10:00', '2016-12-25--', '2016--12-25', '2016-12--25', '2016-12-', '2016-',
    '2016-W51', '20161225', '20161225T100000Z', '2016/12/25', '2016.12.25', '2016 12 25',
    '2016-12-25T24:00', '2016-12-25T24:00:00', '2016-12-25T24:00:00.000',
    '2016-12-25T24:00:00.000Z', '2016-12-25T24:00:00.001', '2016-12-25T24:00:01',
    '2016-12-25T24:01', '2016-12-31T24:00', '2016-12-25T23:59:60', '2016-12-25T23:60',
    '2016-12-25T25:00', '2016-12-25 24:00', '2016-12-25 24:01', '2016-12-25 23:59:60',
    '2016-12-25 25:00', '2015-12-25 23:59:60',
    '+275760-09-13', '+275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z', '+275760-09-13T00:00:00', '+275760-09-13T00:00:00.001',
    '+275760-09-13T01:00:00+01:00', '+275760-09-13T00:00:00+01:00',
    '+275760-09-13T00:00:00-00:01', '+275760-09-14', '+275760-09-14T00:00:00+23:59',
    '+275760-09-14T00:00:00+24:00', '+275760-09-12T24:00', '+275760-09',
    '+275760', '+275761', '+275760-12-31',
    '-271821-04-20', '-271821-04-20T00:00:00Z', '-271821-04-19', '-271821-04-19T23:59:59.999Z',
    '-271821-04-20T00:00:00+01:00', '-271821-04-20T00:00:00-01:00',
    '-271821-04-19T23:00:00-01:00', '-271821-04-19T24:00', '-271821-04', '-271821',
    '-271822', '-000000', '+000000', '-000001', '+000001', '-000000-01-01', '+000000-01-01',
    '-000001-12-31T23:59:59.999Z', '+999999', '-999999', '+999999-12-31', '+1000000',
    '-1000000', '+02016-12-25', '+0002016-12-25', '002016-12-25', '+2016-12-25',
    '+002016-12-25T10:00:00Z', '-002016-12-25', '+-002016', '++002016', '--002016',
    ' +002016-12-25', '+ 002016-12-25',

    // legacy: RFC 2822 / toUTCString / toString shapes
    'Sun, 25 Dec 2016 00:00:00 GMT', 'Mon, 25 Dec 1995 13:30:00 +0430',
    'Mon, 25 Dec 1995 13:30:00 +0430 (comment)', 'Mon, 25 Dec 1995 13:30:00 (comment) +0430',
    'Thu, 01 Jan 1970 00:00:00 GMT-0500', 'Thu, 01 Jan 1970 00:00:00 GMT+0500',
    'Thu, 01 Jan 1970 00:00:00 GMT-05:00', 'Thu, 01 Jan 1970 00:00:00 UTC-0500',
    'Thu, 01 Jan 1970 00:00:00 -0500', 'Thu, 01 Jan 1970 00:00:00 EST',
    'Thu, 1 Jan 1970 00:00:00 Z', 'Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)',
    'Fri Dec 25 2015 10:00:00 GMT-0800 (Pacific Standard Time)', 'Fri Dec 25 2015',
    'Tue, 25 Dec 2016 00:00:00 GMT', // wrong weekday is ignored
    'Sun 25 Dec 2016', 'Sun,25 Dec 2016', 'Sun,25,Dec,2016', 'Sun, 25-Dec-2016',
    'Sun, 25-Dec-16 00:00:00 GMT', 'Sunday, 25-Dec-16 00:00:00 GMT',

    // "05 October 2011, GMT" variants
    '05 October 2011', '05 October 2011 GMT', '05 October 2011,GMT', '05 October 2011, UTC',
    '05 October 2011, Z', '05 October 2011, EST', '05 October 2011, GMT+2',
    '05 October 2011, GMT+0200', '05 October 2011, +0200', '05 October 2011, GMT junk',
    '05+October+2011,+GMT', '05%20October%202011,%20GMT', '05-October-2011', '05/October/2011',
    '05.October.2011', '5 October 2011, GMT', '005 October 2011, GMT', 'October 05 2011, GMT',
    '2011 October 05, GMT', '05 Oct 2011, GMT', '05 Octopus 2011, GMT', '05 Oc 2011, GMT',
    '05 OCTOBER 2011, gmt', '05 october 2011, gMt', '05 October, 2011, GMT', 'October 2011',
    '05 October', 'October', 'GMT', '05 October 11, GMT', '05 October 2011, GMT, GMT',

    // legacy numeric dates
    '12/25/2015', '25/12/2015', '1/2/3', '1/2', '12/25', '12/25/15', '12/25/49', '12/25/50',
    '12/25/99', '12/25/100', '12/25/999', '12/25/1000', '2015/12/25', '2015/25/12',
    '12-25-2015', '12.25.2015', '25.12.2015', '12 25 2015', '2015 12 25', '12/25/2015/1',
    '1/1/1/1', '0/1/2015', '13/1/2015', '12/0/2015', '12/32/2015', '12/31/2015', '2/29/2016',
    '2/29/2015', '2/30/2016', '2/31/2015', '4/31/2015', '100/12/25', '32/12/25', '31/12/25',
    '12/25/-2015', '12/25/+2015', '12/25/2015-', '12//25//2015', '/12/25/2015', '12/25/2015/',

    // missing parts
    'Dec 25', 'Dec', 'Dec 2015', '2015 Dec', 'Dec 2015 25', '25 Dec', 'Dec 0', 'Dec 32',
    'Feb 29', 'Feb 30', 'Dec 25 10:00', '10:00', '10:00 GMT', 'Dec 10:00',

    // am/pm
    'Dec 25 2015 10:00 PM', 'Dec 25 2015 10:00 pm', 'Dec 25 2015 10:00PM', 'Dec 25 2015 10:00 AM',
    'Dec 25 2015 12:00 am', 'Dec 25 2015 12:00 pm', 'Dec 25 2015 12:30 AM',
    'Dec 25 2015 0:00 pm', 'Dec 25 2015 0:00 am', 'Dec 25 2015 13:00 PM', 'Dec 25 2015 13:00 AM',
    'Dec 25 2015 10 PM', 'Dec 25 2015 10pm', 'Dec 25 2015 10: PM', 'Dec 25 2015 10:: PM',
    'Dec 25 2015 PM 10:00', 'Dec 25 2015 10:00 PM PM', 'Dec 25 2015 10:00 AM PM',
    'Dec 25 2015 10:00 P.M.', 'Dec 25 2015 10:00 p', 'Dec 25 2015 10:00 pmx',
    'Dec 25 2015 10:00:00 PM GMT', 'Dec 25 2015 10:00 PM +0100', 'PM Dec 25 2015 10:00',
    'Dec 25 2015 10:00:00.500 pm', 'Dec 25 2015 12:00 PM', 'Dec 25 2015 12 am', 'am',
    '10:00 PM Dec 25 2015', '10:00 PM', '12:00 am',

    // n::, n:, milliseconds
    'Dec 25 2015 10::', 'Dec 25 2015 10:', 'Dec 25 2015 10::00', 'Dec 25 2015 10:::',
    'Dec 25 2015 10:20:', 'Dec 25 2015 10:20::', 'Dec 25 2015 10:20:30:',
    'Dec 25 2015 10:20:30:40', 'Dec 25 2015 10:20:30.', 'Dec 25 2015 10:20:30.5',
    'Dec 25 2015 10:20:30.05', 'Dec 25 2015 10:20:30.005', 'Dec 25 2015 10:20:30.0005',
    'Dec 25 2015 10:20:30.999999', 'Dec 25 2015 10:20:30.123456789012',
    'Dec 25 2015 10:20:30.000000000999', 'Dec 25 2015 10:20:30.999999999999',
    'Dec 25 2015 10:20:30.1234567890123456', 'Dec 25 2015 10:20.5', 'Dec 25 2015 10.5',
    'Dec 25 2015 10:20:.5', 'Dec 25 2015 10:20:30.5.6', 'Dec 25 2015 10:20:30 .5',
    'Dec 25 2015 10:20:30. 5', 'Dec 25 2015 10:20:30.5Z', 'Dec 25 2015 10:20:30.5 GMT',
    'Dec 25 2015 10:20:30.-5', 'Dec 25 2015 10:.', 'Dec 25 2015 1:2:3', 'Dec 25 2015 1:2:3.4',
    'Dec 25 2015 01:02:03.004', 'Dec 25 2015 10:20 30', 'Dec 25 2015 10:20 30 40',
    'Dec 25 2015 10:20:30 40', 'Dec 25 2015 10:20x', 'Dec 25 2015 10:20-', 'Dec 25 2015 10:20+',
    'Dec 25 2015 10:20Z', 'Dec 25 2015 10:20z', 'Dec 25 2015 10:20GMT',
    'Dec 25 2015 10:20:30GMT', 'Dec 25 2015 10:20:30+01', 'Dec 25 2015 10:20:30-0100',
    'Dec 25 2015 10:20:30)', 'Dec 25 2015 10:20:30(x)', 'Dec 25 2015 10:20:30 (x)',
    'Dec 25 2015 10::20', 'Dec 25 2015 10: 20', 'Dec 25 2015 10 :20',

    // times before dates and leftovers
    '10:00 Dec 25 2015', '23:59:60 Dec 25 2015', '24:00 Dec 25 2015', '10:00:00 25 Dec 2015',
    'Dec 25 2015 23:59:60', 'Dec 25 2015 23:59:59', 'Dec 25 2015 23:60', 'Dec 25 2015 24:00',
    'Dec 25 2015 24:00:00', 'Dec 25 2015 24:00:00.000', 'Dec 25 2015 24:00:01',
    'Dec 25 2015 24:01', 'Dec 25 2015 25:00', 'Dec 25 2015 99:00', 'Dec 25 2015 10:60',
    'Dec 25 2015 10:59:60', 'Dec 25 2015 10:59:99', 'Dec 25 2015 10:99', '10:00 2015 Dec 25',
    '10:00 12/25/2015', '12/25/2015 10:00', '12/25/2015 23:59:60', '10 Dec 25 2015',
    'Dec 25 10:00 2015', 'Dec 10:00 25 2015', '2015-12-25 10:00 PM', '2015-12-25 10:00:60',

    // zones as words
    'Dec 25 2015 10:00 UT', 'Dec 25 2015 10:00 UTC', 'Dec 25 2015 10:00 GMT',
    'Dec 25 2015 10:00 Z', 'Dec 25 2015 10:00 z', 'Dec 25 2015 10:00 ut', 'Dec 25 2015 10:00 gmt',
    'Dec 25 2015 10:00 EST', 'Dec 25 2015 10:00 EDT', 'Dec 25 2015 10:00 CST',
    'Dec 25 2015 10:00 CDT', 'Dec 25 2015 10:00 MST', 'Dec 25 2015 10:00 MDT',
    'Dec 25 2015 10:00 PST', 'Dec 25 2015 10:00 PDT', 'Dec 25 2015 10:00 est',
    'Dec 25 2015 10:00 pdt', 'Dec 25 2015 10:00 EST5EDT', 'Dec 25 2015 10:00 ESTX',
    'Dec 25 2015 10:00 GMTX', 'Dec 25 2015 10:00 CET', 'Dec 25 2015 10:00 UTC UTC',
    'Dec 25 2015 10:00 GMT EST', 'Dec 25 2015 EST', 'Dec 25 2015 GMT', 'Dec 25 2015 Z',
    'GMT Dec 25 2015', 'EST Dec 25 2015 10:00', 'Z Dec 25 2015', 'T Dec 25 2015',
    'Dec 25 2015 T', 'Dec 25 2015 T10:00', 'Dec 25 2015T10:00', 'T', 'Z', 't', 'z', 'UTC',
    'Dec 25 2015 10:00 (PST)', 'Dec 25 2015 10:00 (EST) GMT', 'Dec 25 2015 10:00 GMT (EST)',

    // numeric offsets
    'Dec 25 2015 10:00 GMT+99', 'Dec 25 2015 10:00 GMT-99', 'Dec 25 2015 10:00 GMT+0530',
    'Dec 25 2015 10:00 GMT+05:30', 'Dec 25 2015 10:00 GMT+5:30', 'Dec 25 2015 10:00 GMT+5',
    'Dec 25 2015 10:00 GMT+05', 'Dec 25 2015 10:00 GMT+530', 'Dec 25 2015 10:00 GMT+005',
    'Dec 25 2015 10:00 UT+5', 'Dec 25 2015 10:00 UTC-5', 'Dec 25 2015 10:00 Z+5',
    'Dec 25 2015 10:00 GMT-12345', 'Dec 25 2015 10:00 GMT+12345', 'Dec 25 2015 10:00 +12345',
    'Dec 25 2015 10:00 +0100', 'Dec 25 2015 10:00 -0100', 'Dec 25 2015 10:00 +01:00',
    'Dec 25 2015 10:00 +1', 'Dec 25 2015 10:00 -12', 'Dec 25 2015 10:00 +', 'Dec 25 2015 10:00 -',
    'Dec 25 2015 10:00 GMT+', 'Dec 25 2015 10:00 GMT-', 'Dec 25 2015 10:00 GMT+:',
    'Dec 25 2015 10:00 +:30', 'Dec 25 2015 10:00 +01:', 'Dec 25 2015 10:00 +01:00:00',
    'Dec 25 2015 10:00 GMT+0199', 'Dec 25 2015 10:00 GMT+9999', 'Dec 25 2015 10:00 GMT+0:59',
    'Dec 25 2015 10:00 GMT+0:60', 'Dec 25 2015 10:00 GMT+1:5', 'Dec 25 2015 10:00 GMT+01:5',
    'Dec 25 2015 10:00 GMT+01:005', 'Dec 25 2015 10:00 PST+1', 'Dec 25 2015 10:00 EST-0100',
    'Dec 25 2015 10:00 +0100 +0200', 'Dec 25 2015 10:00 +0100 GMT', 'Dec 25 2015 10:00 GMT GMT+1',
    'Dec 25 2015 10:00 GMT+1 GMT', 'Dec 25 2015 10:00 GMT++1', 'Dec 25 2015 10:00 GMT+-1',
    'Dec 25 2015 10:00 GMT+ 1', 'Dec 25 2015 10:00 GMT +1', 'Dec 25 2015 10:00 GMT+1 30',
    'Dec 25 2015 10:00 +01 30', 'Dec 25 2015 GMT+0100', 'Dec 25 2015 +0100',
    'Dec 25 2015 UTC-0800', 'Dec 25 2015 GMT+99', 'GMT+0100 Dec 25 2015',
    '+0100 Dec 25 2015', 'Dec 25 2015 10:00 GMT+0100 10:00',
    // huge offset hours: hour*3600 + minute*60 in unsigned 32-bit, > 2^31-1 rejected
    'Dec 25 2015 10:00 +1193047:', 'Dec 25 2015 10:00 -1193047:', 'Dec 25 2015 10:00 +999999999:',
    'Dec 25 2015 10:00 -999999999:', 'Dec 25 2015 10:00 +596523:', 'Dec 25 2015 10:00 +596524:',
    'Dec 25 2015 10:00 -596523:', 'Dec 25 2015 10:00 -596524:', 'Dec 25 2015 10:00 +4294967296:',
    'Dec 25 2015 10:00 +1193046:29', 'Dec 25 2015 10:00 +1193046:28', 'Dec 25 2015 10:00 -1193046:29',
    'Dec 25 2015 10:00 +1193046:59', 'Dec 25 2015 10:00 +1193047:1', 'Dec 25 2015 10:00 GMT+1193047:',
    'Dec 25 2015 10:00 GMT+999999999:', 'Dec 25 2015 10:00 GMT+9999999999:',
    'Dec 25 2015 10:00 GMT+1234567890123:', 'Dec 25 2015 10:00 +2386093:', 'Dec 25 2015 10:00 +2386094:',
    'Dec 25 2015 10:00 +1789569:', 'Dec 25 2015 10:00 +1789570:', 'Dec 25 2015 10:00 +24:',
    'Dec 25 2015 10:00 +100:', 'Dec 25 2015 10:00 +100:30', 'Dec 25 2015 10:00 +100:60',
    'Dec 25 2015 GMT+1193047:', 'Dec 25 2015 GMT+596523:',

    // parentheses
    'Dec 25 2015 (comment)', '(comment) Dec 25 2015', 'Dec (x) 25 2015', 'Dec 25 (x) 2015',
    'Dec 25 2015 (a (b) c)', 'Dec 25 2015 (unclosed', 'Dec 25 2015 (a (b)', 'Dec 25 2015)',
    ')Dec 25 2015', ') Dec 25 2015', 'Dec 25 2015 ())', 'Dec 25 (2015)', 'Dec(25)2015',
    'Dec 25 2015 10:00 (GMT+0100)', '(Dec 25 2015)', '((Dec 25 2015))', 'Dec 25 2015 ((x)',
    'Dec 25 2015 (x))', 'Dec 25 2015 ()', 'Dec 25 2015 (', '(', ')', '()', '(2015)',
    'Dec 25 2015 (10:00)', 'Dec 25 2015 10:00 (x) PM', 'Dec 25 2015 (x)10:00',
    'Dec 25 2015 10:00 (x', '2016-12-25 (x)', '2016-12-25T10:00Z (x)', '2016-12-25 (x) 10:00',
    '(x 2016-12-25', ')2016-12-25', '2016-12-25)', 'Dec 25 2015 (\u0000) 10:00',
    'Dec 25 2015 (a\u0000b) 10:00',

    // stray symbols and garbage words
    'Dec 25 2015 +', 'Dec 25 2015 -', 'Dec 25 2015 ,', 'Dec 25 2015 /', 'Dec 25 2015 .',
    'Dec 25 2015 :', '+Dec 25 2015', '-Dec 25 2015', ',Dec 25 2015', '.Dec 25 2015',
    ':Dec 25 2015', 'Dec 25 2015-', 'Dec 25-2015', 'Dec-25-2015', 'Dec 25 -2015',
    'Dec 25 +2015', 'Dec -25 2015', 'Dec +25 2015', '-25 Dec 2015', '+25 Dec 2015',
    'Dec 25 2015 10:00 -', 'Dec 25, 2015', 'Dec 25,2015', 'Dec,25,2015', 'Dec 25 ,2015',
    'foo Dec 25 2015', 'Dec 25 2015 foo', 'foo 2015', 'foo2015', '2015foo', 'foo 12/25/2015',
    'foo bar 12/25/2015', 'foo12/25/2015', '12/25/2015foo', 'Dec 25 foo 2015', 'on Dec 25 2015',
    'date: Dec 25 2015', 'The 25th of December 2015', 'December 25th, 2015', 'December 25, 2015',
    'Dec 25th 2015', 'Dec25 2015', 'Dec 252015', 'Dec25,2015', '25Dec2015', 'Dec 25 2015x',
    'x Dec 25 2015', 'xDec 25 2015', 'Dec 25 2015 x10:00', 'Dec 25 2015 10:00x', 'Decx 25 2015',
    'foo-2015', 'foo:2015', 'foo.2015', 'foo 2015 bar', 'a1', '1a', 'a 1', '1 a', 'foo bar baz',
    'tomorrow', 'now', 'today', 'yesterday', 'Invalid Date', 'null', 'undefined', 'true',
    'this is not a date', 'not-a-date-2015', 'year 2015', 'week 52 2015',

    // month-prefix words and weekday-only strings
    'Octopus 5 2011', 'Janitor 1 2000', 'Marching 3 2000', 'Mayday 1 2000', 'Junebug 1 2000',
    'Augustus 1 2000', 'Septuagint 1 2000', 'Novel 1 2000', 'Decimal 1 2000', 'Decade 1 2000',
    'Aprilia 1 2000', 'Febrile 1 2000', 'Jul 1 2000', 'Juli 1 2000', 'Jui 1 2000',
    'Monday', 'Mon', 'Mon 1', 'Mon 1 2000', 'Monday 2000', 'Friday 13', 'Sunday Dec 25 2016',
    'Dec 25 2016 Sunday', 'Sunday, December 25, 2016', 'Sun Sun Dec 25 2016', 'Dec Jan 1 2000',
    'Jan Dec 1 2000', 'Jan 1 2000 Dec', 'January February 2000',

    // lone numbers and two-/three-digit years
    'Jan 1 0', 'Jan 1 00', 'Jan 1 1', 'Jan 1 01', 'Jan 1 49', 'Jan 1 049', 'Jan 1 0049',
    'Jan 1 50', 'Jan 1 050', 'Jan 1 0050', 'Jan 1 99', 'Jan 1 099', 'Jan 1 100', 'Jan 1 0100',
    'Jan 1 101', 'Jan 1 999', 'Jan 1 1000', 'Jan 1 00000002015', 'Jan 1 000000000049',
    '1/1/0', '1/1/00', '1/1/1', '1/1/49', '1/1/50', '1/1/99', '1/1/100', '1/1/999',
    '0 Jan', '32 Jan', '49 Jan', '50 Jan', '99 Jan 1', '100 Jan 1', '1 Jan 100', '31 Jan 32',
    '32 Jan 31', 'Jan 32 31', 'Jan 31 32', '2000 Jan 32', '0 Jan 0', ' 0', ' 5', ' 13', ' 32',
    ' 99', ' 100', '5 ', '13 ', '0.', '5.', '5:', '5::', '5:00', '25:', '5 pm', '5pm',

    // large numbers (only 9 significant digits count)
    'Jan 1 1234567890', 'Jan 1 123456789', 'Jan 1 2015 1234567890:00', 'Jan 1 2015 10:1234567890',
    'Jan 1 2015 10:00:1234567890', 'Jan 1 1000000000', 'Jan 1 0000000001',
    'Jan 1 2015 000000000010:00', 'Jan 1 2015 10:000000000059', 'Jan 1 2015 10:000000000060',
    'Jan 0000000001 2015', 'Jan 1234567890123 2015', '0000000012/0000000025/0000000002015',
    '1234567890/1/1', '12/25/1234567890', 'Jan 1 2015 10:00 GMT+000000000001',
    'Jan 1 2015 10:00 +0000000001', '99999999999999999999 Jan', 'Jan 1 2015 10:00:00.99999999999999999999',

    // range boundary through legacy forms
    'Sep 13 275760 00:00:00 GMT', 'Sep 13 275760 00:00:00 GMT-0001', 'Sep 13 275760 00:00:00 GMT+0001',
    'Sep 13 275760 00:00:01 GMT', 'Sep 13 275760 00:00:00.001 GMT', 'Sep 13 275760 00:00:00.001',
    'Sep 13 275760', 'Sep 14 275760', 'Sep 12 275760', 'Sep 13 275760 00:00:00',
    'Sep 13 275760 01:00 GMT+0100', 'Sep 13 275760 01:00 GMT+01:00', 'Sep 13 275760 GMT+0100',
    'Sep 13 275760 00:00:00 GMT+99', 'Sep 14 275760 00:00 GMT+24', 'Sep 14 275760 00:00 GMT+25',
    'Sep 20 275760 00:00 +168:', 'Sep 20 275760 00:00 +167:', 'Sep 22 275760', 'Sep 23 275760',
    'Sep 24 275760', 'Sep 24 275760 00:00 GMT+999', 'Jan 1 275800 00:00 +596523:',
    'Jan 1 275829 00:00 +596523:', 'Jan 1 275830 00:00 +596523:', 'Sat, 13 Sep 275760 00:00:00 GMT',
    'Sat, 13 Sep 275760 00:00:01 GMT', '9/13/275760', '9/14/275760', '275760 Sep 13', '275760-09-13',
    '275760-09-14', '275760/9/13', '13 Sep 275760 00:00 Z', '13 Sep 275760 00:00 -0000',
    'Apr 20 -271821', 'Apr 20 271821', '-271821 Apr 20', 'Apr 20 -271821 00:00 GMT',
    'Apr 19 -271821 23:59:59 GMT', '20 Apr -271821', 'Tue, 20 Apr -271821 00:00:00 GMT',
    'Tue Apr 20 -271821 00:00:00 GMT+0000 (Coordinated Universal Time)',
    'Jan 1 275760', 'Jan 1 275761', 'Jan 1 999999999', 'Jan 1 1000000', 'Jan 1 999999',
    'Jan 1 1000001', 'Jan 1 2147483647', 'Jan 1 4294967296', '275760', '275761',
    'Dec 31 275759 23:59:59.999 GMT', 'Jan 1 275760 00:00 -2401', 'Jan 1 -1', 'Jan 1 -0',
    'Jan 1 2000 -1', 'Jan 1 2000 10:00 -1', 'Jan 1 2000 10:00 +275760',

    // Unicode, controls, NUL
    'Jan 1 2000\u0000junk', 'Jan 1 2000\u0000', '\u0000Jan 1 2000', '\u0000', 'Jan\u00001 2000',
    '2016-12-25\u0000', '2016-12-25\u0000junk', '2016-12-25T10:00\u0000Z', '2016\u0000-12-25',
    '1451001600000\u0000', '\u00001451001600000', 'Jan 1 2000 (x\u0000) )',
    'Jan 1 2000 \u{1F600}', '\u{1F600} Jan 1 2000', 'Jan\u{1F600} 1 2000', '\u{1F600}2016-12-25',
    '2016-12-25\u{1F600}', 'Dec 25 2015 10:00 \u{1F600}', '\u{1F600}',
    '２０１６-１２-２５', 'Dec ２５ 2015', 'Dec 25 ２０１５', '２０１５ Dec 25', '１２/２５/２０１５',
    'Dec 25 2015 １０:００', '１４５１００１６０００００', 'Ｄｅｃ 25 2015', 'Dec 25 2015 ＧＭＴ',
    'Dec\u00a025\u00a02015', 'Dec\u300025\u30002015', 'Dec\u202825\u20282015', 'Dec\ufeff25\ufeff2015',
    'Dec\t25\t2015', 'Dec\n25\n2015', 'Dec\r\n25\r\n2015', '\ufeff2016-12-25', '2016-12-25\ufeff',
    'Dec 25 2015\u00a0', 'Dec 25 2015\u2028', '1 2000\u00a0', '\u00a0', '\u3000', ' ', '\t',
    '\n', '  ', 'Dec 25 2015 10:00\u00a0PM', 'Dec 25 2015 10:00\u2028PM', 'Dec 25 2015 10:00\u00a0GMT',
    'x\u30001', 'x\u20281', 'Jan 1 2000\u200b', 'Dec\u00e9 25 2015', '\u00e9 Dec 25 2015',
    'Dec 25 2015 \u00e9', 'D\u00e9c 25 2015', 'Déc 25 2015', 'Dez 25 2015', 'Okt 5 2011',
    '\u0130Dec 25 2015', 'DEC 25 2015', 'dEc 25 2015', 'ĐEC 25 2015', 'Ｊａｎ 1 2000',
  ];
}

// ---------------------------------------------------------------------------
// Family: integer path (rule 28) — parseInt precision and the ±8.64e15 clip
// ---------------------------------------------------------------------------

function integerPath(rng) {
  const out = [];
  const lengths = [1, 2, 3, 4, 5, 9, 10, 12, 13, 13, 14, 15, 15, 16, 16, 16, 17, 18, 19, 19,
    20, 20, 21, 22, 25, 25, 30, 308, 309, 310, 310, 400, 400];
  for (const n of lengths) {
    const first = String(rng.int(1, 9));
    const body = first + rng.digits(n - 1);
    out.push(body, '-' + body);
  }
  // 16-digit values on both sides of the limit
  for (let i = 0; i < 6; i++) {
    out.push(String(rng.int(1e15, 8.64e15)));
    out.push('-' + String(rng.int(1e15, 8.64e15)));
    out.push(String(rng.int(8640000000000002, 9999999999999998)));
  }
  // just inside / outside the clip, and values that round to it as doubles
  for (const d of [-2, -1, 0, 1, 2, 3]) {
    out.push(String(8640000000000000 + d), String(-8640000000000000 - d));
  }
  out.push('8640000000000000000', '86400000000000000', '864000000000000000000000000',
    '9007199254740993', '9007199254740992', '-9007199254740993', '18446744073709551616',
    '9'.repeat(310), '1' + '0'.repeat(308), '1' + '0'.repeat(309), '1'.repeat(309),
    '-' + '9'.repeat(400), '0'.repeat(400), '-' + '0'.repeat(400), '0'.repeat(399) + '1',
    '0'.repeat(380) + '1451001600000', '0'.repeat(25), '-' + '0'.repeat(25) + '1');
  // leading zeros
  for (const v of ['0', '1', '2015', '1451001600000', '8640000000000000', '8640000000000001']) {
    out.push('0' + v, '00000' + v, '-0' + v, '-000' + v);
  }
  // ms values near interesting instants
  for (const v of [86399999, 86400000, 951782400000, 253402300799999, 253402300800000,
    -62135596800000, -62135596800001, -62198755200000, 1e12, 1e13]) {
    out.push(String(v), String(-v));
  }
  // not matching /^-?\d+$/ so they reach the date parser
  for (const v of ['123', '2015', '1451001600000', '0', '20161225']) {
    out.push('+' + v, ' ' + v, v + ' ', v + '\n', '\t' + v, v + '.0', v + 'e0', '-' + v + '-',
      '(' + v + ')', v + 'Z', v + ' GMT');
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: ISO field widths (rules 1, 3, 5, 7) — each field at its width and
// one digit too short/long, with T/t/space separators and every offset shape
// ---------------------------------------------------------------------------

function isoWidths() {
  const out = [];
  const Y = '2016';
  const M = '12';
  const D = '25';
  const h = '10';
  const mi = '20';
  const s = '30';
  const build = (o) => {
    let str = o.y;
    if (o.m !== undefined) str += '-' + o.m;
    if (o.d !== undefined) str += '-' + o.d;
    if (o.h !== undefined) {
      str += (o.sep ?? 'T') + o.h + ':' + o.mi;
      if (o.s !== undefined) str += ':' + o.s;
      if (o.f !== undefined) str += '.' + o.f;
      if (o.z !== undefined) str += o.z;
    }
    return str;
  };
  const yearVariants = ['2016', '201', '20160', '016', '16', '6', '0000', '0001', '9999',
    '+002016', '-002016', '+02016', '+0002016', '002016', '+275760', '-271821', '+000000',
    '-000000', '+999999', '-999999', '-000001', '+000001', '+100000', '-100000'];
  for (const y of yearVariants) {
    out.push(build({ y }));
    out.push(build({ y, m: M, d: D }));
    out.push(build({ y, m: M, d: D, h, mi, s, f: '123', z: 'Z' }));
  }
  const monthVariants = ['1', '01', '012', '00', '13', '12', '99', '1a', ''];
  for (const m of monthVariants) {
    out.push(build({ y: Y, m }), build({ y: Y, m, d: D }), build({ y: Y, m, d: D, h, mi, z: 'Z' }));
  }
  const dayVariants = ['1', '01', '025', '00', '31', '32', '99', ''];
  for (const d of dayVariants) {
    out.push(build({ y: Y, m: M, d }), build({ y: Y, m: M, d, h, mi, z: 'Z' }));
  }
  const hourVariants = ['1', '01', '010', '00', '23', '24', '25', '99', ''];
  const minVariants = ['2', '02', '020', '00', '59', '60', '99', ''];
  const secVariants = ['3', '03', '030', '00', '59', '60', '99', ''];
  for (const sep of ['T', ' ', 't']) {
    if (sep === 't') { // lower-case T: one valid and one invalid shape suffice
      out.push(build({ y: Y, m: M, d: D, sep, h, mi, s, z: 'z' }), build({ y: Y, m: M, d: D, sep, h: '1', mi }));
      continue;
    }
    for (const hh of hourVariants) {
      out.push(build({ y: Y, m: M, d: D, sep, h: hh, mi }));
      out.push(build({ y: Y, m: M, d: D, sep, h: hh, mi: '00', s: '00', z: 'Z' }));
    }
    for (const m2 of minVariants) out.push(build({ y: Y, m: M, d: D, sep, h, mi: m2, z: 'Z' }));
    for (const s2 of secVariants) out.push(build({ y: Y, m: M, d: D, sep, h, mi, s: s2 }));
    // date-time on the reduced date forms (YYYYTHH:mm, YYYY-MMTHH:mmZ)
    out.push(Y + sep + h + ':' + mi, Y + '-' + M + sep + h + ':' + mi + 'Z');
  }
  // fractions of 1..12 digits (truncated, not rounded)
  for (let n = 1; n <= 12; n++) {
    for (const digits of ['123456789012', '999999999999', '000999999999']) {
      out.push(build({ y: Y, m: M, d: D, h, mi, s, f: digits.slice(0, n), z: 'Z' }));
    }
    out.push(build({ y: Y, m: M, d: D, h, mi, s, f: '9'.repeat(n) }));
    out.push(build({ y: Y, m: M, d: D, sep: ' ', h, mi, s, f: '9'.repeat(n) }));
  }
  out.push(build({ y: Y, m: M, d: D, h, mi, s, f: '9'.repeat(30), z: 'Z' }));
  // offset shapes
  const zones = ['Z', 'z', '+01:00', '-01:00', '+0100', '-0100', '+01', '-01', '+1', '+1:00',
    '+5:30', '+05:30', '+0530', '+530', '+23:59', '-23:59', '+24:00', '+2400', '-00:00', '+00:00',
    '+00:60', '+0060', '+01:00:00', '+01:0', '+01:000', '+001:00', '+010:00', '+012:00', ' Z',
    'GMT', 'UTC', 'Z+01:00', 'ZZ', '+', '-', '+01:', '+01:00Z', '+01:00 ', '-05:00junk',
    '+99:00', '+9999', '+12', '+123', '+12345', '\u2212' + '01:00'];
  for (const z of zones) {
    out.push(build({ y: Y, m: M, d: D, h, mi, z }));
    out.push(build({ y: Y, m: M, d: D, h, mi, s, z }));
    if (z.length <= 3) out.push(build({ y: Y, m: M, d: D, sep: ' ', h, mi, s, z }));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: ISO calendar (rule 4, 18, 26) — month 00/13, day 00/32, Feb 29-31
// rolling over, years 0000..0099 without the two-digit pivot, extended years
// ---------------------------------------------------------------------------

function isoCalendar() {
  const out = [];
  for (let m = 0; m <= 13; m++) out.push(`2016-${pad(m, 2)}-15`, `2016-${pad(m, 2)}`);
  for (let d = 0; d <= 32; d++) out.push(`2016-01-${pad(d, 2)}`);
  for (const y of [1900, 2000, 2015, 2016, 2100, 2400, 1]) {
    for (const d of [28, 29, 30, 31]) out.push(`${pad(y, 4)}-02-${d}`, `${pad(y, 4)}-02-${d}T12:00Z`);
  }
  for (const m of [4, 6, 9, 11]) out.push(`2015-${pad(m, 2)}-31`);
  out.push('2015-12-31T24:00', '2015-12-31T24:00Z', '2016-02-28T24:00', '2016-02-29T24:00');
  for (let y = 0; y <= 99; y++) {
    out.push(`${pad(y, 4)}-01-01`);
    if (y % 7 === 0) out.push(pad(y, 4), `${pad(y, 4)}-06-15T12:00:00Z`, `${pad(y, 4)}-06`);
  }
  for (const y of [100, 999, 1000, 1582, 1899, 1969, 1970, 1999, 2038, 9999]) {
    out.push(`${pad(y, 4)}-03-01`, `+${pad(y, 6)}-03-01`);
  }
  for (const y of [-1, -100, -1000, -10000, -100000, 10000, 100000, 200000, 275759, -271820]) {
    const sy = (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
    out.push(sy, `${sy}-01-01`, `${sy}-12-31T23:59:59.999Z`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: legacy month and weekday names (rule 10, 11, 16)
// ---------------------------------------------------------------------------

function legacyNames(rng) {
  const out = [];
  for (let i = 0; i < 12; i++) {
    const forms = new Set([
      ...caseVariants(MONTHS[i]), ...caseVariants(MON[i]),
      MON[i] + 'xyz', MON[i] + '.', MONTHS[i].slice(0, 2), MONTHS[i].slice(0, 4),
    ]);
    for (const f of forms) {
      out.push(rng.weighted([[5, `${f} 25 2015`], [3, `25 ${f} 2015`], [2, `2015 ${f} 25`]]));
    }
    out.push(`${MONTHS[i]} 31, 2015`, `${MON[i]} 30 2016`, `${MON[i]} 29 2015`, `31 ${MON[i]} 2015 10:00`);
  }
  for (let i = 0; i < 7; i++) {
    for (const f of [...caseVariants(WEEKDAYS[i]), WD[i], WD[i].toLowerCase(), WD[i] + ',', WEEKDAYS[i].slice(0, 2)]) {
      out.push(rng.chance(0.5) ? `${f}, 25 Dec 2015` : `${f} Dec 25 2015`);
    }
    out.push(`Dec 25 2015 ${WD[i]}`, `${WD[i]}`, `${WD[i]} 10:00`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: legacy numeric dates (rules 15-18) — M/D/Y orders, two-digit
// pivot, lone numbers in every slot
// ---------------------------------------------------------------------------

function legacyNumbers() {
  const out = [];
  const ms = [0, 1, 12, 13, 25];
  const ds = [0, 1, 25, 31, 32];
  const ys = [0, 1, 49, 50, 99, 100, 999, 1000, 2015, 10000];
  for (const m of ms) for (const d of ds) for (const y of ys) {
    if ((m + d + y) % 3 === 0 || (m === 12 && d === 25)) out.push(`${m}/${d}/${y}`);
  }
  for (const y of [2015, 32, 100, 1000, 0, 49, 50]) {
    out.push(`${y}/12/25`, `${y} 12 25`, `${y}-12-25 10:00`);
  }
  for (const sep of ['-', '.', ' ', ', ', '/ ', ' / ']) {
    out.push(`12${sep}25${sep}2015`, `2015${sep}12${sep}25`, `25${sep}12${sep}2015`);
  }
  const lone = [];
  for (let n = 0; n <= 40; n++) lone.push(n);
  lone.push(99, 100, 999, 1000);
  for (const n of lone) {
    out.push(`Jan ${n}`, `Jan 1 ${n}`, ` ${n}`);
    if (n <= 25 || n >= 99) out.push(`${n} Jan`, `${n}:`, `Dec 25 2015 ${n}:00`);
  }
  for (const y of [0, 1, 9, 10, 49, 50, 51, 99, 100, 101, 999, 1000]) {
    out.push(`25 Dec ${y}`, `${y} Dec 25`, `Dec 25 ${pad(y, 3)}`, `Dec 25 ${pad(y, 4)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: separators (rule 9) — which characters are ignored, which are
// symbols and which (>= 'A') form words
// ---------------------------------------------------------------------------

function separators() {
  const out = [];
  const chars = [' ', ',', '/', '.', '-', '+', ':', ')', '(', '_', '@', '#', '*', '\'', '"', '[',
    ']', '~', '^', '`', '{', '|', '}', '\\', ';', '!', '?', '&', '%', '$', '=', '<', '>',
    '\t', '\u00a0', '\u2028', '\u00b7', '\u2212'];
  for (const c of chars) {
    out.push(`12${c}25${c}2015`, `2015${c}12${c}25`, `Dec${c}25${c}2015`, `Dec 25 2015${c}10:00`,
      `Dec 25 2015${c}`, `Dec 25 2015 10${c}00`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: Unicode whitespace, controls and fullwidth digits around/inside
// valid strings (rule 9: Unicode whitespace is whitespace, but line
// terminators and other chars >= 'A' glue into words; NUL ends the input)
// ---------------------------------------------------------------------------

function unicodeAndControls() {
  const out = [];
  const bases = ['Dec 25 2015', '2016-12-25', 'Dec 25 2015 10:00 GMT', '12/25/2015',
    '2016-12-25T10:00:00Z'];
  const chars = [...UNI_SPACES, ...CONTROLS, '\u{1F600}', '\u00e9', FULLWIDTH_DIGITS[1]];
  bases.forEach((b, bi) => {
    chars.forEach((c, ci) => {
      const inside = b.includes(' ') ? b.replace(' ', c) : b.replace('-', c + '-');
      const forms = [c + b, b + c, inside];
      // the first base gets every position, the others one rotating position
      if (bi === 0) out.push(...forms);
      else out.push(forms[(ci + bi) % 3]);
    });
  });
  for (const b of ['2016-12-25', 'Dec 25 2015', '1451001600000', '12/25/2015 10:00']) {
    out.push(toFullwidth(b));
    // one fullwidth digit in an otherwise ASCII string
    const i = b.search(/[0-9]/);
    out.push(b.slice(0, i) + toFullwidth(b[i]) + b.slice(i + 1));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: the ±8.64e15 boundary (rule 26) through ISO and legacy forms with
// offsets, local time and very large years
// ---------------------------------------------------------------------------

function boundaries(rng) {
  const out = [];
  const maxForms = ['Sep 13 275760', '13 Sep 275760', '275760 Sep 13', '9/13/275760', '+275760-09-13'];
  const minForms = ['Apr 20 -271821', '-271821 Apr 20', '-271821-04-20', '20 Apr 271821', '4/20/-271821'];
  const times = ['', ' 00:00', ' 00:00:00.001', ' 23:59:59.999', ' 01:00', 'T00:00', 'T00:00:00.001'];
  const zones = ['', ' GMT', ' Z', ' GMT+0001', ' GMT-0001', ' +01:00', '+01:00', 'Z', '-00:01', ' UTC-1'];
  for (const f of [...maxForms, ...minForms]) {
    for (const t of times) {
      if (t.startsWith('T') !== f.startsWith('+') && t.startsWith('T') !== f.startsWith('-271821-')) continue;
      for (const z of zones) if (z === '' || rng.chance(0.18)) out.push(f + t + z);
    }
  }
  for (const y of [275759, 275760, 275761, 271821, 271822, 300000, 999999, 1000000, 1000001,
    9999999, 99999999, 999999999, 2147483647]) {
    out.push(`Jan 1 ${y}`, `Dec 31 ${y} 23:59:59 GMT`, `1/1/${y}`, `${y} Jan 1`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: legacy zones and offsets combinatorics (rules 21, 22, 24)
// ---------------------------------------------------------------------------

function legacyZones(rng) {
  const out = [];
  const pre = ['Dec 25 2015 10:00', 'Dec 25 2015', '12/25/2015 10:00:00', '2015-12-25 10:00',
    '25 Dec 2015 10:00:00.5'];
  const words = ['', ' UT', ' UTC', ' GMT', ' Z', ' EST', ' PDT', ' ut'];
  const nums = ['+1', '-1', '+01', '+001', '+0100', '-0130', '+00100', '+1:', '+01:30', '-1:5',
    '+99', '+9999', '+', '-', '+:', '+12:', '+24:00', ''];
  for (const p of pre) for (const w of words) for (const n of nums) {
    if (rng.chance(0.15)) out.push(p + w + n);
    if (n && rng.chance(0.1)) out.push(p + w + ' ' + n);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: legacy times (rules 13, 14, 19, 20) — time slots, am/pm, ordering
// ---------------------------------------------------------------------------

function legacyTimes(rng) {
  const out = [];
  const hours = ['0', '00', '1', '9', '10', '11', '12', '13', '23', '24', '25'];
  const rest = ['', ':00', ':59', ':60', ':00:00', ':00:59', ':00:60', ':00:00.0', ':00:00.999',
    ':', '::', ':00:', '.5', ':00.5'];
  const suffix = ['', ' am', ' pm', 'pm', ' AM', ' GMT', ' Z', 'Z', ' +0100'];
  for (const h of hours) for (const r of rest) for (const s of suffix) {
    if (rng.chance(0.11)) out.push(`Dec 25 2015 ${h}${r}${s}`);
    if (rng.chance(0.03)) out.push(`${h}${r}${s} Dec 25 2015`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Family: mutations of valid dates (all rules; seeded) — single-character
// edits, token swaps/duplication, digit changes, case changes
// ---------------------------------------------------------------------------

const MUTATION_BASES = [
  '2016-12-25', '2016-12-25T10:20:30Z', '2016-12-25T10:20:30.123+05:30', '2016-12-25T10:20',
  '2016-12', '2016', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00Z',
  '+002016-12-25T00:00:00-0800', '0001-01-01', '1970-01-01T00:00:00.000Z', '2000-02-29T24:00',
  '2016-12-25T10:20:30.123456789z', '2016-12-25t10:20:30+0100',
  'Sun, 25 Dec 2016 00:00:00 GMT', 'Mon, 25 Dec 1995 13:30:00 +0430',
  'Thu, 01 Jan 1970 00:00:00 GMT-0500', '05 October 2011, GMT', '5 Oct 2011', 'October 5, 2011',
  '12/25/2015', '12/25/15', '1/2/3', '2015/12/25', 'Dec 25 2015', 'Dec 25, 2015 10:00 PM',
  'Dec 25 2015 10:00:00.123', 'Dec 25 2015 10:00 PST', 'Dec 25 2015 10:00 GMT+0530',
  'Dec 25 2015 10:00 UTC-5', 'Fri Dec 25 2015 10:00:00 GMT+0000 (Coordinated Universal Time)',
  'Friday, December 25, 2015', '25 Dec 2015 10:00 Z', '2015-12-25 10:00',
  '2015-12-25 10:00:00 +0100', 'Dec 25', 'Dec 2015', '10:00 Dec 25 2015', 'Dec 25 2015 10::',
  'Dec 25 2015 12:00 am', 'Dec 25 2015 10:00 (comment) GMT', 'Tue, 1 Jan 2019 08:00:00 EST',
  '2019-01-01 08:00 EDT', 'Jan 1 2000 10:00 +1193047:', 'Sep 13 275760 00:00:00 GMT',
  'Apr 20 -271821', 'Jan 1 49', 'Jan 1 50', '1 January 1999 23:59:59', 'Sat Jan 01 2000',
  '2000 Jan 1', 'Dec 25 2015 23:59:60', 'Dec 25 2015 10:00 GMT-12345', '1451001600000', '0',
  '-1', '8640000000000000', '2015', 'Mon, 25 Dec 1995 13:30:00 +0430 (comment)',
  'Dec 25 2015 10:00:00.5 pm EST', '2016-12-25T24:00:00.000Z',
];

const TOKEN_RE = /\d+|[A-Za-z]+|\s+|[^]/gu;

function mutateOnce(rng, s) {
  const chars = Array.from(s);
  const op = rng.int(0, 7);
  const pos = rng.int(0, Math.max(0, chars.length - 1));
  switch (op) {
    case 0: // delete a character
      chars.splice(pos, 1);
      return chars.join('');
    case 1: // insert a character
      chars.splice(rng.int(0, chars.length), 0, rng.pick(MUTATION_ALPHABET));
      return chars.join('');
    case 2: // replace a character
      chars[pos] = rng.pick(MUTATION_ALPHABET);
      return chars.join('');
    case 3: { // change a digit
      const idx = [];
      chars.forEach((c, i) => { if (c >= '0' && c <= '9') idx.push(i); });
      if (idx.length === 0) return s;
      const i = rng.pick(idx);
      chars[i] = rng.chance(0.8) ? String(rng.int(0, 9)) : rng.pick(['00', '9', '99', '', '1234567890']);
      return chars.join('');
    }
    case 4: { // swap adjacent tokens
      const toks = s.match(TOKEN_RE) ?? [s];
      if (toks.length < 2) return s;
      const i = rng.int(0, toks.length - 2);
      [toks[i], toks[i + 1]] = [toks[i + 1], toks[i]];
      return toks.join('');
    }
    case 5: { // duplicate a token
      const toks = s.match(TOKEN_RE) ?? [s];
      const i = rng.int(0, toks.length - 1);
      toks.splice(i, 0, toks[i]);
      return toks.join('');
    }
    case 6: { // change case of one character or the whole string
      if (rng.chance(0.3)) return rng.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
      const c = chars[pos] ?? '';
      chars[pos] = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
      return chars.join('');
    }
    default: { // replace a token with a token from the soup pool
      const toks = s.match(TOKEN_RE) ?? [s];
      toks[rng.int(0, toks.length - 1)] = soupToken(rng);
      return toks.join('');
    }
  }
}

function mutation(rng) {
  let s = rng.pick(MUTATION_BASES);
  const edits = rng.weighted([[5, 1], [3, 2], [2, 3]]);
  for (let i = 0; i < edits; i++) s = mutateOnce(rng, s);
  return s;
}

// ---------------------------------------------------------------------------
// Family: token soup (rules 9-24; seeded) — random token sequences, plus
// date-like templates so that a good share of the soup is valid
// ---------------------------------------------------------------------------

function soupNumber(rng) {
  const len = rng.weighted([[3, 1], [4, 2], [1, 3], [3, 4], [1, rng.int(5, 12)]]);
  return rng.digits(len);
}

function monthWord(rng) {
  const i = rng.int(0, 11);
  return rng.weighted([
    [3, MON[i]], [3, MONTHS[i]], [1, MON[i].toUpperCase()], [1, MONTHS[i].toLowerCase()],
    [1, MONTHS[i].slice(0, rng.int(1, MONTHS[i].length))], [1, MON[i] + 'opus'],
  ]);
}

function weekdayWord(rng) {
  const i = rng.int(0, 6);
  return rng.weighted([[3, WD[i]], [2, WEEKDAYS[i]], [1, WD[i].toLowerCase()],
    [1, WEEKDAYS[i].slice(0, rng.int(1, 5))]]);
}

function soupToken(rng) {
  return rng.weighted([
    [10, () => soupNumber(rng)],
    [4, () => monthWord(rng)],
    [2, () => weekdayWord(rng)],
    [3, () => { const k = rng.pick(KEYWORDS); return rng.chance(0.5) ? k.toUpperCase() : k; }],
    [2, () => rng.pick(UNKNOWN_WORDS)],
    [6, () => rng.pick(SYMBOLS)],
    [1, () => rng.pick(['T', 'Z'])],
    [3, () => rng.pick([' ', ' ', '  ', '\t', '\n', ...UNI_SPACES])],
    [1, () => toFullwidth(soupNumber(rng))],
    [1, () => rng.pick(CONTROLS)],
  ])();
}

function rawSoup(rng) {
  const n = rng.int(1, 8);
  const sepStyle = rng.weighted([[3, 'none'], [3, 'space'], [2, 'mixed']]);
  const toks = [];
  for (let i = 0; i < n; i++) toks.push(soupToken(rng));
  if (sepStyle === 'none') return toks.join('');
  if (sepStyle === 'space') return toks.join(' ');
  let s = toks[0];
  for (let i = 1; i < n; i++) s += rng.pick(['', ' ', ' ', ', ', '-', '/', ':', '.', 'T']) + toks[i];
  return s;
}

function dayValue(rng) {
  return String(rng.weighted([[8, rng.int(1, 28)], [2, rng.int(29, 31)], [1, rng.pick([0, 32, 99])]]));
}

function yearValue(rng) {
  return rng.weighted([
    [6, () => String(rng.int(1900, 2100))],
    [2, () => pad(rng.int(0, 99), 2)],
    [1, () => String(rng.int(0, 9999))],
    [1, () => String(rng.int(10000, 300000))],
    [1, () => pad(rng.int(0, 999), rng.pick([1, 3, 4]))],
  ])();
}

function timeValue(rng) {
  let t = String(rng.weighted([[8, rng.int(0, 23)], [1, rng.pick([24, 25, 99])]]));
  if (rng.chance(0.5)) t = pad(t, 2);
  t += ':' + pad(rng.weighted([[9, rng.int(0, 59)], [1, 60]]), 2);
  if (rng.chance(0.6)) {
    t += ':' + pad(rng.weighted([[9, rng.int(0, 59)], [1, 60]]), 2);
    if (rng.chance(0.3)) t += '.' + rng.digits(rng.int(1, 6));
  }
  if (rng.chance(0.2)) t += rng.pick([' AM', ' PM', ' am', ' pm', 'pm']);
  return t;
}

function zoneValue(rng) {
  const sign = rng.pick(['+', '-']);
  return rng.weighted([
    [3, () => rng.pick(['GMT', 'UTC', 'UT', 'Z', 'z', 'gmt'])],
    [2, () => rng.pick(['EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'pst'])],
    [3, () => 'GMT' + sign + pad(rng.int(0, 14), 2) + pad(rng.pick([0, 0, 30, 45]), 2)],
    [2, () => sign + pad(rng.int(0, 14), 2) + rng.pick([':', '']) + pad(rng.pick([0, 30]), 2)],
    [1, () => rng.pick(['UTC', 'GMT', 'UT']) + sign + rng.int(0, 12)],
    [1, () => '(' + rng.pick(['PST', 'Coordinated Universal Time', 'x']) + ')'],
  ])();
}

function templateSoup(rng) {
  const mon = monthWord(rng);
  const d = dayValue(rng);
  const y = yearValue(rng);
  const m = String(rng.weighted([[9, rng.int(1, 12)], [1, rng.pick([0, 13])]]));
  const core = rng.weighted([
    [4, `${mon} ${d} ${y}`], [3, `${d} ${mon} ${y}`], [2, `${mon} ${d}, ${y}`],
    [3, `${m}/${d}/${y}`], [1, `${y}/${m}/${d}`], [2, `${y}-${pad(m, 2)}-${pad(d, 2)}`],
    [1, `${mon} ${d}`], [1, `${y} ${mon} ${d}`], [1, `${mon} ${y}`], [1, `${d}-${mon}-${y}`],
  ]);
  const parts = [];
  if (rng.chance(0.3)) parts.push(weekdayWord(rng) + (rng.chance(0.5) ? ',' : ''));
  parts.push(core);
  const hasTime = rng.chance(0.6);
  if (hasTime) parts.push(timeValue(rng));
  if (rng.chance(hasTime ? 0.5 : 0.15)) parts.push(zoneValue(rng));
  if (hasTime && rng.chance(0.08)) parts.unshift(parts.pop()); // time/zone first
  const joiner = rng.weighted([[8, ' '], [1, ', '], [1, '  ']]);
  let s = parts.join(joiner);
  if (rng.chance(0.12)) s = mutateOnce(rng, s);
  return s;
}

function tokenSoup(rng) {
  return rng.chance(0.5) ? templateSoup(rng) : rawSoup(rng);
}

// ---------------------------------------------------------------------------
// Family: random integers (rule 28; seeded)
// ---------------------------------------------------------------------------

function randomInteger(rng) {
  const len = rng.weighted([[2, rng.int(1, 4)], [2, rng.int(5, 12)], [6, 13], [3, rng.int(14, 16)],
    [2, rng.int(17, 25)], [1, rng.int(300, 320)]]);
  let s = String(rng.int(1, 9)) + rng.digits(len - 1);
  if (rng.chance(0.1)) s = '0'.repeat(rng.int(1, 5)) + s;
  if (rng.chance(0.25)) s = '-' + s;
  return s;
}

// ---------------------------------------------------------------------------
// Family: random valid instants formatted by node (rules 26, 27; seeded) —
// toISOString, toUTCString, toString, toDateString and the integer itself
// ---------------------------------------------------------------------------

const MAX_MS = 8.64e15;

function randomInstant(rng) {
  return rng.weighted([
    [3, () => rng.int(-MAX_MS, MAX_MS)],
    [3, () => rng.int(-2208988800000, 4102444800000)], // 1900..2100
    [2, () => rng.int(-62167219200000, 253402300799999)], // years 0..9999
    [1, () => rng.chance(0.5) ? MAX_MS - rng.int(0, 864e5 * 3) : -MAX_MS + rng.int(0, 864e5 * 3)],
    [1, () => rng.int(-1e6, 1e6)],
  ])();
}

function instantStrings(t, rng) {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return [];
  return [d.toISOString(), d.toUTCString(), d.toString(), d.toDateString(), String(t)]
    .filter(() => rng.chance(0.85));
}

// ---------------------------------------------------------------------------
// Modes
// ---------------------------------------------------------------------------

const CORPUS_SEED = 20161225;

function fixedCorpus() {
  const c = new Corpus();
  const rng = new Rng(CORPUS_SEED);
  c.addAll(handWritten());
  c.addAll(integerPath(rng));
  c.addAll(isoWidths());
  c.addAll(isoCalendar());
  c.addAll(legacyNames(rng));
  c.addAll(legacyNumbers());
  c.addAll(separators());
  c.addAll(unicodeAndControls());
  c.addAll(boundaries(rng));
  c.addAll(legacyZones(rng));
  c.addAll(legacyTimes(rng));
  for (let i = 0; i < 60; i++) c.addAll(instantStrings(randomInstant(rng), rng));
  for (let added = 0, tries = 0; added < 360 && tries < 10000; tries++) if (c.add(mutation(rng))) added++;
  for (let added = 0, tries = 0; added < 450 && tries < 10000; tries++) if (c.add(tokenSoup(rng))) added++;
  return c.inputs;
}

function randomBatch(n, seed) {
  const rng = new Rng(seed);
  const c = new Corpus();
  for (let tries = 0; c.size < n && tries < n * 20 + 1000; tries++) {
    const s = rng.weighted([
      [4, () => mutation(rng)],
      [5, () => tokenSoup(rng)],
      [1, () => randomInteger(rng)],
    ])();
    c.add(s);
  }
  return c.inputs;
}

async function answerMode() {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(0, 'utf8');
  const out = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim() === '') continue;
    let s;
    try {
      s = JSON.parse(l);
    } catch (e) {
      throw new Error(`stdin line ${lineNo}: not JSON: ${e.message}`);
    }
    if (typeof s !== 'string') throw new Error(`stdin line ${lineNo}: not a JSON string`);
    out.push(line(s));
  }
  return out;
}

function usage(msg) {
  process.stderr.write(`corpus.mjs: ${msg}\n` +
    'usage: node tools/oracle/corpus.mjs [--random N --seed S | --answer]\n');
  process.exit(2);
}

function parseIntArg(v, name) {
  if (v === undefined || !/^-?\d+$/.test(v)) usage(`${name} needs an integer`);
  return parseInt(v, 10);
}

// ---------------------------------------------------------------------------
// Zones (`?tz=`): the fixed corpus read under TZ=<zone>, for the zones issue 7
// names. Each line: {"input", "zones": {zone: [unix, offsetMs] | null}}, where
// offsetMs is what the local getters add to UTC (seconds precision, so local
// mean time shows as it is).
// ---------------------------------------------------------------------------

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];

function zoneAnswer(s) {
  const d = /^-?\d+$/.test(s) ? new Date(parseInt(s, 10)) : new Date(s);
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  // The wall time as if UTC, built 400 years (one whole calendar cycle)
  // nearer the epoch: at the range's edges the wall time itself can lie
  // past the range.
  const cycles = d.getFullYear() >= 1970 ? 1 : -1;
  const local = new Date(0);
  local.setUTCFullYear(d.getFullYear() - 400 * cycles, d.getMonth(), d.getDate());
  local.setUTCHours(d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  return [t, local.getTime() + cycles * 146097 * 86400000 - t];
}

function zonesCorpus() {
  const inputs = fixedCorpus();
  const answers = inputs.map(() => ({}));
  for (const zone of ZONES) {
    process.env.TZ = zone; // node resets its zone cache on assignment
    inputs.forEach((s, i) => { answers[i][zone] = zoneAnswer(s); });
  }
  process.env.TZ = 'UTC';
  return inputs.map((s, i) => JSON.stringify({ input: s, zones: answers[i] }));
}

async function main(argv) {
  let lines;
  if (argv.length === 0) {
    lines = fixedCorpus().map(line);
  } else if (argv[0] === '--zones' && argv.length === 1) {
    lines = zonesCorpus();
  } else if (argv[0] === '--answer' && argv.length === 1) {
    lines = await answerMode();
  } else if (argv.includes('--random')) {
    let n;
    let seed;
    for (let i = 0; i < argv.length; i += 2) {
      if (argv[i] === '--random') n = parseIntArg(argv[i + 1], '--random');
      else if (argv[i] === '--seed') seed = parseIntArg(argv[i + 1], '--seed');
      else usage(`unknown argument ${argv[i]}`);
    }
    if (n === undefined || n < 0) usage('--random needs N >= 0');
    if (seed === undefined) usage('--random needs --seed S');
    lines = randomBatch(n, seed).map(line);
  } else {
    usage(`unknown arguments ${argv.join(' ')}`);
  }
  process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`corpus.mjs: ${e.message}\n`);
  process.exitCode = 1;
});
