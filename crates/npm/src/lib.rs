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

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use jsdate::{LocalZone, Options, Timestamp};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A date: milliseconds since the epoch, `toUTCString()`, and with `format: "full"` `toISOString()`. */
export type Timestamp = {
  unix: number;
  utc: string;
  /** With `format: "full"`: `toISOString()`. */
  iso?: string;
  /** With `tz`: the wall time there, ISO 8601 with the offset. */
  local?: string;
  /** With `tz`: the zone's IANA name. */
  tz?: string;
};
/** The answer for anything that is not a date. */
export type InvalidDate = { error: "Invalid Date" };
/** How to read an integer input, and what to answer. */
export type ConvertOptions = {
  /** The unit of a whole-string integer input (default "ms"); "auto" decides by magnitude. */
  unit?: "s" | "ms" | "us" | "ns" | "auto";
  /** "full" adds `iso` to a date. */
  format?: "default" | "full";
  /** An IANA zone: wall times are read there, as V8 reads them under TZ=, and a date gets `local` and `tz`. Offsets come from this engine's Intl. */
  tz?: string;
};
"#;

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
    /// `Timestamp | InvalidDate` in TypeScript.
    #[wasm_bindgen(typescript_type = "Timestamp | InvalidDate")]
    pub type Conversion;

    /// `ConvertOptions` in TypeScript: read through its three properties.
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
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
#[wasm_bindgen]
pub fn convert(input: &str, options: Option<ConvertOptions>) -> Result<Conversion, JsError> {
    let mut read = Options::<IntlZone>::default();
    if let Some(given) = &options {
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
