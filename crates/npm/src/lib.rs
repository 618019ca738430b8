//! The npm package's bindings (wasm32-unknown-unknown): `convert(input,
//! options?)` for JavaScript, answering plain objects. They only translate:
//! the core decides, and the clock is the browser's `Date.now()`.
//!
//! The objects are built by a small JS helper in one call across the
//! boundary, rather than by js-sys property sets (one call per field) or a
//! JSON string parsed in JS: fewer crossings, and no js-sys in the binary.
//!
//! The common call, `convert(text)` without options, takes a faster lane
//! (`js/index.js`, the package's entry): JS writes the ASCII text into
//! a buffer in wasm memory, [`convert_lane`] answers a number and leaves the
//! `toUTCString()` text in the same buffer. No allocation and no
//! `externref`, and in Node no `TextDecoder` (its `Buffer` reads ASCII
//! faster): the crossing costs about as much as the conversion.
//!
//! Many inputs at once (`convertMany` in `js/index.js`) cross once: JS
//! writes their text and lengths where [`batch_reserve`] says,
//! [`batch_convert`] converts them all and leaves the numbers and one ASCII
//! text of the answers, which JS slices into the objects.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use jsdate::{DateText, Format, LocalZone, Options, Timestamp};

#[wasm_bindgen(inline_js = "
export function timestamp(unix, utc) { return { unix, utc }; }
export function timestampFull(unix, utc, iso) { return { unix, utc, iso }; }
export function timestampZoned(unix, utc, iso, local, tz) {
  return iso === undefined ? { unix, utc, local, tz } : { unix, utc, iso, local, tz };
}
export function invalidDate() { return { error: 'Invalid Date' }; }
export function now() { return Date.now(); }

const formats = new Map();
function format(tz) {
  let f = formats.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(tz, f);
  }
  return f;
}
export function zoneKnown(tz) {
  try { format(tz); return true; } catch { return false; }
}
export function zoneOffset(tz, ms) {
  const MAX = 8.64e15;
  const t = Math.max(-MAX, Math.min(MAX, ms));
  const at = t - (((t % 1000) + 1000) % 1000);
  const p = {};
  for (const { type, value } of format(tz).formatToParts(at)) p[type] = value;
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  // The wall time as if UTC, built a 400-year calendar cycle nearer the
  // epoch so that it stays in range at the range's edges.
  const cycles = year >= 1970 ? 1 : -1;
  const wall = new Date(0);
  wall.setUTCFullYear(year - 400 * cycles, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return wall.getTime() + cycles * 146097 * 86400000 - at;
}
")]
extern "C" {
    /// `Timestamp | InvalidDate` in `js/index.d.ts`.
    pub type Conversion;

    /// `ConvertOptions` in `js/index.d.ts`: read through its three
    /// properties.
    pub type ConvertOptions;

    #[wasm_bindgen(method, getter, structural)]
    fn unit(this: &ConvertOptions) -> Option<String>;

    #[wasm_bindgen(method, getter, structural)]
    fn format(this: &ConvertOptions) -> Option<String>;

    #[wasm_bindgen(method, getter, structural)]
    fn tz(this: &ConvertOptions) -> Option<String>;

    #[wasm_bindgen(js_name = timestampZoned)]
    fn timestamp_zoned(
        unix: f64,
        utc: &str,
        iso: Option<String>,
        local: &str,
        tz: &str,
    ) -> Conversion;

    #[wasm_bindgen(js_name = zoneKnown)]
    fn zone_known(tz: &str) -> bool;

    #[wasm_bindgen(js_name = zoneOffset)]
    fn zone_offset(tz: &str, unix_ms: f64) -> f64;

    fn timestamp(unix: f64, utc: &str) -> Conversion;

    #[wasm_bindgen(js_name = timestampFull)]
    fn timestamp_full(unix: f64, utc: &str, iso: &str) -> Conversion;

    #[wasm_bindgen(js_name = invalidDate)]
    fn invalid_date() -> Conversion;

    fn now() -> f64;
}

/// Now, by the JS engine's `Date.now()`.
fn browser_now() -> Timestamp {
    Timestamp::saturating_from_unix_ms(now() as i64)
}

/// A zone whose offsets come from the JS engine's `Intl` (the browser's
/// own time zone data: no database in the binary).
struct IntlZone {
    name: String,
}

impl LocalZone for IntlZone {
    /// The name as given, if `Intl` knows it: ICU's canonical names are
    /// older ones (Asia/Kolkata resolves to Asia/Calcutta).
    fn find(name: &str) -> Option<IntlZone> {
        zone_known(name).then(|| IntlZone {
            name: name.to_owned(),
        })
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn offset_ms(&self, unix_ms: i64) -> i64 {
        zone_offset(&self.name, unix_ms as f64) as i64
    }
}

/// Converts `input` as the timestamp API does: `""` is now, a whole-string
/// integer is milliseconds (or `options.unit`), anything else is read as
/// `new Date(input)` with local time as UTC, or as wall time in
/// `options.tz`. Answers `{ unix, utc }` (with `iso` for `format: "full"`,
/// `local` and `tz` for `tz`) or `{ error: "Invalid Date" }`. Throws on an
/// unknown `unit`, `format` or `tz`, as the API answers 400.
// Its types, and the package's, are written in `js/index.d.ts`.
#[wasm_bindgen(skip_typescript)]
pub fn convert(input: &str, options: Option<ConvertOptions>) -> Result<Conversion, JsError> {
    let read = read_options(options.as_ref())?;
    let Ok(t) = read.convert(input, browser_now) else {
        return Ok(invalid_date());
    };
    let fields = read.fields(t);
    // |unix| <= 8.64e15 < 2^53: exact as a JS number.
    let unix = fields.unix as f64;
    let utc = fields.utc.as_str();
    Ok(match (fields.iso, fields.local) {
        (iso, Some((local, tz))) => timestamp_zoned(
            unix,
            utc,
            iso.map(|iso| iso.to_string()),
            local.as_str(),
            tz,
        ),
        (Some(iso), None) => timestamp_full(unix, utc, iso.as_str()),
        (None, None) => timestamp(unix, utc),
    })
}

/// The core's options from the JS object's three properties; an unknown
/// value is an error, thrown in JS.
fn read_options(given: Option<&ConvertOptions>) -> Result<Options<IntlZone>, JsError> {
    let mut read = Options::<IntlZone>::default();
    if let Some(given) = given {
        for (name, value) in [
            ("unit", given.unit()),
            ("format", given.format()),
            ("tz", given.tz()),
        ] {
            if let Some(value) = value {
                read.set(name, &value)
                    .map_err(|e| JsError::new(&e.to_string()))?;
            }
        }
    }
    Ok(read)
}

/// The lane's buffer size ([`lane_bytes`]).
const LANE_BYTES: usize = 256;

thread_local! {
    /// The lane's buffer: the input text on the way in, then the answer's
    /// `toUTCString()` length (one byte) and text. Allocated once, never
    /// moved, so its address stays valid for the instance's life.
    static LANE: RefCell<Box<[u8; LANE_BYTES]>> = RefCell::new(Box::new([0; LANE_BYTES]));
}

/// The lane buffer's size: `js/index.js` sends only shorter texts.
#[wasm_bindgen(js_name = laneBytes, skip_typescript)]
pub fn lane_bytes() -> usize {
    LANE_BYTES
}

/// The lane buffer's address in wasm memory.
#[wasm_bindgen(js_name = laneAddress, skip_typescript)]
pub fn lane_address() -> usize {
    LANE.with_borrow(|lane| lane.as_ptr() as usize)
}

/// `convert(text)` for the UTF-8 text in the lane's first `len` bytes:
/// answers `unix`, or NaN for Invalid Date, and leaves the `utc` text's
/// length in the lane's first byte and the text after it.
#[wasm_bindgen(js_name = convertLane, skip_typescript)]
pub fn convert_lane(len: usize) -> f64 {
    LANE.with_borrow_mut(|lane| {
        let Some(Ok(input)) = lane.get(..len).map(core::str::from_utf8) else {
            return f64::NAN;
        };
        let Ok(t) = jsdate::convert(input, browser_now) else {
            return f64::NAN;
        };
        let utc = t.utc_string();
        let text = utc.as_str().as_bytes();
        // At most 32 bytes ("Sat, 13 Sep 275760 00:00:00 GMT" with a sign).
        lane[0] = text.len() as u8;
        lane[1..=text.len()].copy_from_slice(text);
        // |unix| <= 8.64e15 < 2^53: exact as a JS number.
        t.unix_ms() as f64
    })
}

/// Where a batch's inputs go and its answers are, for `js/index.js`'s
/// `convertMany`: addresses in wasm memory, as 32-bit numbers in this order.
#[repr(C)]
#[derive(Default)]
struct BatchHeader {
    /// The inputs' lengths in UTF-16 units (`u32` each), written by JS.
    lengths: u32,
    /// The inputs' UTF-8 text, one after the other, written by JS.
    text: u32,
    /// Each input's `unix` (`f64`), NaN for Invalid Date.
    unix: u32,
    /// The length of each answer text (`u32`): for each date, `utc`, then
    /// `iso` with `format: "full"`, then `local` with `tz`.
    text_lengths: u32,
    /// The answer texts, one after the other (ASCII).
    answer_text: u32,
    answer_text_len: u32,
    /// 1 if each date has `iso`.
    iso: u32,
    /// 1 if each date has `local` and `tz`.
    local: u32,
    /// The zone's name, for `tz`.
    zone: u32,
    zone_len: u32,
}

/// A batch's memory, kept from batch to batch and grown as they need (wasm
/// memory never shrinks, so freeing it would only move the high-water mark
/// to the allocator).
#[derive(Default)]
struct Batch {
    header: BatchHeader,
    lengths: Vec<u32>,
    text: Vec<u8>,
    unix: Vec<f64>,
    text_lengths: Vec<u32>,
    answer_text: Vec<u8>,
    zone: String,
}

thread_local! {
    static BATCH: RefCell<Batch> = RefCell::new(Batch::default());
}

/// Makes room for `count` inputs of at most `bytes` bytes of UTF-8 in all,
/// and answers the header's address: JS writes the lengths and the text
/// where it says.
#[wasm_bindgen(js_name = batchReserve, skip_typescript)]
pub fn batch_reserve(count: usize, bytes: usize) -> usize {
    BATCH.with_borrow_mut(|batch| {
        // Grown, never shrunk: JS overwrites what it uses.
        if batch.lengths.len() < count {
            batch.lengths.resize(count, 0);
        }
        if batch.text.len() < bytes {
            batch.text.resize(bytes, 0);
        }
        batch.header.lengths = batch.lengths.as_ptr() as u32;
        batch.header.text = batch.text.as_ptr() as u32;
        &batch.header as *const BatchHeader as usize
    })
}

/// Converts the `count` inputs JS wrote (`ascii` if each took one byte a
/// UTF-16 unit) as `convert` would one by one, and
/// answers the header's address, which now says where the answers are.
#[wasm_bindgen(js_name = batchConvert, skip_typescript)]
pub fn batch_convert(
    count: usize,
    ascii: bool,
    options: Option<ConvertOptions>,
) -> Result<usize, JsError> {
    let read = read_options(options.as_ref())?;
    BATCH.with_borrow_mut(|batch| {
        batch.convert(&read, count, ascii);
        Ok(&batch.header as *const BatchHeader as usize)
    })
}

impl Batch {
    fn convert(&mut self, read: &Options<IntlZone>, count: usize, ascii: bool) {
        let Batch {
            header,
            lengths,
            text,
            unix,
            text_lengths,
            answer_text,
            zone,
        } = self;
        unix.clear();
        text_lengths.clear();
        answer_text.clear();
        zone.clear();
        if let Some(given) = &read.zone {
            zone.push_str(given.name());
        }
        let mut push = |text: &DateText| {
            let text = text.as_bytes();
            text_lengths.push(text.len() as u32);
            answer_text.extend_from_slice(text);
        };
        let mut rest = &text[..];
        for &units in &lengths[..count.min(lengths.len())] {
            let len = if ascii {
                units as usize
            } else {
                utf8_len(rest, units)
            };
            let (input, after) = rest.split_at(len.min(rest.len()));
            rest = after;
            // JS's TextEncoder wrote valid UTF-8, lone surrogates as
            // U+FFFD, as wasm-bindgen passes a `&str` to `convert`.
            let converted = core::str::from_utf8(input)
                .ok()
                .and_then(|input| read.convert(input, browser_now).ok());
            let Some(t) = converted else {
                unix.push(f64::NAN);
                continue;
            };
            let fields = read.fields(t);
            // |unix| <= 8.64e15 < 2^53: exact as a JS number.
            unix.push(fields.unix as f64);
            push(&fields.utc);
            if let Some(iso) = &fields.iso {
                push(iso);
            }
            if let Some((local, _)) = &fields.local {
                push(local);
            }
        }
        // The options decide which fields every date has.
        header.iso = u32::from(read.format == Format::Full);
        header.local = u32::from(read.zone.is_some());
        header.unix = unix.as_ptr() as u32;
        header.text_lengths = text_lengths.as_ptr() as u32;
        header.answer_text = answer_text.as_ptr() as u32;
        header.answer_text_len = answer_text.len() as u32;
        header.zone = zone.as_ptr() as u32;
        header.zone_len = zone.len() as u32;
    }
}

/// The length in bytes of the UTF-8 text's first `units` UTF-16 code units
/// (a character outside the BMP is four bytes and two units).
fn utf8_len(text: &[u8], units: u32) -> usize {
    let mut at = 0;
    let mut left = units;
    while left > 0 && at < text.len() {
        let (bytes, units) = match text[at] {
            0x00..=0x7f => (1, 1),
            0x80..=0xdf => (2, 1),
            0xe0..=0xef => (3, 1),
            _ => (4, 2),
        };
        at += bytes;
        left = left.saturating_sub(units);
    }
    at.min(text.len())
}
