//! The npm package's bindings (wasm32-unknown-unknown): `convert(input,
//! options?)` for JavaScript, answering plain objects. They only translate:
//! the core decides, and the clock is the browser's `Date.now()`.
//!
//! The objects are built by a small JS helper in one call across the
//! boundary, rather than by js-sys property sets (one call per field) or a
//! JSON string parsed in JS: fewer crossings, and no js-sys in the binary.

use wasm_bindgen::prelude::*;

use crate::{Timestamp, Unit};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A date: milliseconds since the epoch, `toUTCString()`, and with `format: "full"` `toISOString()`. */
export type Timestamp = { unix: number; utc: string; iso?: string };
/** The answer for anything that is not a date. */
export type InvalidDate = { error: "Invalid Date" };
/** How to read an integer input, and what to answer. */
export type ConvertOptions = {
  /** The unit of a whole-string integer input (default "ms"); "auto" decides by magnitude. */
  unit?: "s" | "ms" | "us" | "ns" | "auto";
  /** "full" adds `iso` to a date. */
  format?: "default" | "full";
};
"#;

#[wasm_bindgen(inline_js = "
export function timestamp(unix, utc) { return { unix, utc }; }
export function timestampFull(unix, utc, iso) { return { unix, utc, iso }; }
export function invalidDate() { return { error: 'Invalid Date' }; }
export function now() { return Date.now(); }
")]
extern "C" {
    /// `Timestamp | InvalidDate` in TypeScript.
    #[wasm_bindgen(typescript_type = "Timestamp | InvalidDate")]
    pub type Conversion;

    /// `ConvertOptions` in TypeScript: read through its two properties.
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
    pub type ConvertOptions;

    #[wasm_bindgen(method, getter, structural)]
    fn unit(this: &ConvertOptions) -> Option<String>;

    #[wasm_bindgen(method, getter, structural)]
    fn format(this: &ConvertOptions) -> Option<String>;

    fn timestamp(unix: f64, utc: &str) -> Conversion;

    #[wasm_bindgen(js_name = timestampFull)]
    fn timestamp_full(unix: f64, utc: &str, iso: &str) -> Conversion;

    #[wasm_bindgen(js_name = invalidDate)]
    fn invalid_date() -> Conversion;

    fn now() -> f64;
}

/// Converts `input` as the timestamp API does: `""` is now, a whole-string
/// integer is milliseconds (or `options.unit`), anything else is read as
/// `new Date(input)` with local time as UTC. Answers `{ unix, utc }` (and
/// `iso` with `format: "full"`) or `{ error: "Invalid Date" }`. Throws on an
/// unknown `unit` or `format`, as the API answers 400.
#[wasm_bindgen]
pub fn convert(input: &str, options: Option<ConvertOptions>) -> Result<Conversion, JsError> {
    let unit = match options.as_ref().and_then(ConvertOptions::unit) {
        None => Unit::Milliseconds,
        Some(name) => Unit::from_name(&name)
            .ok_or_else(|| JsError::new("unit must be one of s, ms, us, ns, auto"))?,
    };
    let full = match options.as_ref().and_then(ConvertOptions::format).as_deref() {
        None | Some("default") => false,
        Some("full") => true,
        Some(_) => return Err(JsError::new("format must be full or default")),
    };
    let clock = || Timestamp::from_unix_ms(now() as i64).unwrap_or(Timestamp::MAX);
    Ok(match crate::convert_in(input, unit, clock) {
        // |unix| <= 8.64e15 < 2^53: exact as a JS number.
        Ok(t) if full => timestamp_full(
            t.unix_ms() as f64,
            t.utc_string().as_str(),
            t.iso_string().as_str(),
        ),
        Ok(t) => timestamp(t.unix_ms() as f64, t.utc_string().as_str()),
        Err(_) => invalid_date(),
    })
}
