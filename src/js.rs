//! The npm package's bindings (wasm32-unknown-unknown): `convert(input)` for
//! JavaScript, answering plain objects. They only translate: the core
//! decides, and the clock is the browser's `Date.now()`.
//!
//! The objects are built by a two-line JS helper in one call across the
//! boundary, rather than by js-sys property sets (one call per field) or a
//! JSON string parsed in JS: fewer crossings, and no js-sys in the binary.

use wasm_bindgen::prelude::*;

use crate::Timestamp;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A date: milliseconds since the epoch, and `Date.prototype.toUTCString()`. */
export type Timestamp = { unix: number; utc: string };
/** The answer for anything that is not a date. */
export type InvalidDate = { error: "Invalid Date" };
"#;

#[wasm_bindgen(inline_js = "
export function timestamp(unix, utc) { return { unix, utc }; }
export function invalidDate() { return { error: 'Invalid Date' }; }
export function now() { return Date.now(); }
")]
extern "C" {
    /// `Timestamp | InvalidDate` in TypeScript.
    #[wasm_bindgen(typescript_type = "Timestamp | InvalidDate")]
    pub type Conversion;

    fn timestamp(unix: f64, utc: &str) -> Conversion;

    #[wasm_bindgen(js_name = invalidDate)]
    fn invalid_date() -> Conversion;

    fn now() -> f64;
}

/// Converts `input` as the timestamp API does: `""` is now, a whole-string
/// integer is milliseconds, anything else is read as `new Date(input)` with
/// local time as UTC. Answers `{ unix, utc }` or `{ error: "Invalid Date" }`.
#[wasm_bindgen]
pub fn convert(input: &str) -> Conversion {
    let clock = || Timestamp::from_unix_ms(now() as i64).unwrap_or(Timestamp::MAX);
    match crate::convert(input, clock) {
        // |unix| <= 8.64e15 < 2^53: exact as a JS number.
        Ok(t) => timestamp(t.unix_ms() as f64, t.utc_string().as_str()),
        Err(_) => invalid_date(),
    }
}
