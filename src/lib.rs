//! # timestamp
//!
//! The freeCodeCamp timestamp microservice's conversion, with the exact
//! answers of JavaScript's `new Date(x)` in V8, as a pure library: no I/O,
//! no HTTP, no JavaScript. The Spin component (`service`), the npm package
//! and the CLI are thin adapters around [`convert`].
//!
//! ```
//! use timestamp::{Answer, Timestamp, convert};
//!
//! let now = || Timestamp::from_unix_ms(0).unwrap();
//! let answer = Answer::from(convert("05 October 2011, GMT", now));
//! assert_eq!(answer.to_json(), r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#);
//!
//! // A whole-string integer is milliseconds.
//! assert_eq!(convert("1451001600000", now).unwrap().unix_ms(), 1_451_001_600_000);
//! // An empty input is now.
//! assert_eq!(convert("", now), Ok(now()));
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod answer;
mod civil;
mod clock;
mod error;
mod parse;
mod timestamp;

/// The HTTP service around the core. Not in the browser build, which is the
/// npm package and has no server.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod service;

/// The npm package's bindings, built by wasm-pack for the browser and Node.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod js;

pub use answer::Answer;
pub use error::Error;
pub use timestamp::{Timestamp, UtcString};

/// Converts one `:date` the way the reference API does:
///
/// - empty: `now()`, the only place the clock is read;
/// - a whole-string integer (`^-?\d+$`): that many milliseconds, as
///   `new Date(parseInt(input))`;
/// - anything else: `new Date(input)`, with local time read as UTC.
///
/// Total: every input gives a [`Timestamp`] or an [`Error`], none panics.
pub fn convert(input: &str, now: impl FnOnce() -> Timestamp) -> Result<Timestamp, Error> {
    if input.is_empty() {
        return Ok(now());
    }
    match parse_integer_ms(input) {
        Some(result) => result,
        None => Timestamp::parse_date_string(input),
    }
}

impl Timestamp {
    /// `Date.parse(text)` as V8 computes it, with local time read as UTC.
    ///
    /// ```
    /// use timestamp::Timestamp;
    ///
    /// let ms = |s| Timestamp::parse_date_string(s).map(Timestamp::unix_ms);
    /// assert_eq!(ms("2016-12-25"), Ok(1_482_624_000_000));
    /// assert_eq!(ms("Dec 25 2015 10:00 PM EST"), Ok(1_451_098_800_000));
    /// assert!(ms("25/12/2015").is_err());
    /// ```
    pub fn parse_date_string(text: &str) -> Result<Timestamp, Error> {
        parse::parse_date_string(text)
    }
}

/// `^-?\d+$` through `parseInt` and `new Date(number)`, or `None` when
/// `input` is not a whole-string integer.
///
/// `parseInt` rounds long digit strings to the nearest double, and rounding
/// is monotonic, so the range check can be done on the exact digits: a value
/// past 8.64e15 (16 digits) never rounds back into range.
fn parse_integer_ms(input: &str) -> Option<Result<Timestamp, Error>> {
    let (negative, digits) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 16 {
        return Some(Err(Error::OutOfRange));
    }
    let magnitude = significant
        .bytes()
        .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    Some(Timestamp::from_unix_ms(if negative {
        -magnitude
    } else {
        magnitude
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch() -> Timestamp {
        Timestamp::from_unix_ms(0).unwrap()
    }

    #[test]
    fn convert_dispatches_like_the_reference() {
        // (input, node 20's answer through the reference's logic)
        let table: &[(&str, Result<i64, Error>)] = &[
            ("2016-12-25", Ok(1_482_624_000_000)),
            ("1451001600000", Ok(1_451_001_600_000)),
            ("05 October 2011, GMT", Ok(1_317_772_800_000)),
            ("this-is-not-a-date", Err(Error::NotADate)),
            ("2015", Ok(2015)),
            ("-0", Ok(0)),
            ("-1", Ok(-1)),
            ("000000000000000000000000001", Ok(1)),
            ("8640000000000000", Ok(8_640_000_000_000_000)),
            ("-8640000000000000", Ok(-8_640_000_000_000_000)),
            ("8640000000000001", Err(Error::OutOfRange)),
            ("9007199254740993", Err(Error::OutOfRange)),
            ("1234567890123456789", Err(Error::OutOfRange)),
            // Not whole-string integers: the date parser decides.
            ("+1", Ok(978_307_200_000)),
            (" 1", Ok(978_307_200_000)),
            ("1.5", Ok(978_652_800_000)),
            ("-", Err(Error::NotADate)),
            (" ", Err(Error::NotADate)),
        ];
        for &(input, expected) in table {
            assert_eq!(
                convert(input, epoch).map(Timestamp::unix_ms),
                expected,
                "{input:?}"
            );
        }
    }

    #[test]
    fn empty_input_reads_the_clock_once() {
        let mut reads = 0;
        let got = convert("", || {
            reads += 1;
            Timestamp::MAX
        });
        assert_eq!((got, reads), (Ok(Timestamp::MAX), 1));

        let got = convert("0", || unreachable!("only an empty input reads the clock"));
        assert_eq!(got.map(Timestamp::unix_ms), Ok(0));
    }
}
