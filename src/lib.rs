//! # jsdate
//!
//! Dates and Unix timestamps exactly as JavaScript's `new Date(x)` reads
//! them in V8, and the texts its `toUTCString()` and `toISOString()` write:
//! a pure library with no I/O, no JavaScript engine, and no clock but the
//! one a caller passes in. It is the core of the timestamp microservice
//! (the freeCodeCamp API, `GET /api/:date?`), whose Spin component, npm
//! package and command (in its repository's `crates/`) are thin adapters
//! around [`Options`], which reads the options and writes the answer's JSON.
//!
//! ```
//! use jsdate::{Options, Timestamp, convert};
//!
//! let now = || Timestamp::from_unix_ms(0).unwrap();
//! let answer = Options::new().answer("05 October 2011, GMT", now);
//! assert_eq!(answer, r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#);
//!
//! // A whole-string integer is milliseconds.
//! assert_eq!(convert("1451001600000", now).unwrap().unix_ms(), 1_451_001_600_000);
//! // An empty input is now.
//! assert_eq!(convert("", now), Ok(now()));
//! ```
//!
//! Time zones are a [`LocalZone`]: the IANA database is the crate
//! `jsdate-tzdb`, which the service and the command use; the npm package
//! takes its zones from the JS engine's `Intl` instead.
//!
//! ## Features
//!
//! Both off by default:
//! - `chrono`: [`Timestamp`] from and into `chrono::DateTime<Utc>`.
//! - `serde`: `Serialize` for answers ([`Answer`], [`DateFields`], [`Error`])
//!   writing exactly the JSON [`Options::to_json`] writes, and `Serialize`
//!   and `Deserialize` for [`Timestamp`] (milliseconds), [`Unit`],
//!   [`Format`] and [`Options`] (`{"unit":…,"format":…,"tz":…}`).
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "chrono")]
mod chrono_impls;
mod civil;
mod error;
mod json;
mod local_zone;
mod options;
mod parse;
#[cfg(feature = "serde")]
mod serde_impls;
mod timestamp;

/// The crate's README (docs/jsdate.md), whose example runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../docs/jsdate.md")]
struct ReadmeDoctests;

pub use error::Error;
pub use local_zone::{LocalZone, Utc};
pub use options::{Answer, DateFields, Format, Options};
pub use timestamp::{DateText, Timestamp};

/// Converts one `:date` the way the reference API does:
///
/// - empty: `now()`, the only place the clock is read;
/// - a whole-string integer (`^-?\d+$`): that many milliseconds, as
///   `new Date(parseInt(input))`;
/// - anything else: `new Date(input)`, with local time read as UTC.
///
/// Total: every input gives a [`Timestamp`] or an [`Error`], none panics.
pub fn convert(input: &str, now: impl FnOnce() -> Timestamp) -> Result<Timestamp, Error> {
    convert_in(input, Unit::Milliseconds, now)
}

/// [`convert`], reading a whole-string integer in `unit` instead of
/// milliseconds. Other inputs are unaffected.
///
/// ```
/// use jsdate::{Timestamp, Unit, convert_in};
///
/// let ms = |input, unit| convert_in(input, unit, || Timestamp::MIN).map(Timestamp::unix_ms);
/// assert_eq!(ms("1482624000", Unit::Seconds), Ok(1_482_624_000_000));
/// assert_eq!(ms("1482624000123456", Unit::Microseconds), Ok(1_482_624_000_123));
/// assert_eq!(ms("1482624000", Unit::Auto), Ok(1_482_624_000_000));
/// assert_eq!(ms("2016-12-25", Unit::Seconds), Ok(1_482_624_000_000));
/// ```
pub fn convert_in(
    input: &str,
    unit: Unit,
    now: impl FnOnce() -> Timestamp,
) -> Result<Timestamp, Error> {
    convert_in_zone(input, unit, &Utc, now)
}

/// [`convert_in`] with the local time zone set to `zone`, as V8 reads dates
/// under `TZ=<zone>`: a date or time without an offset is wall time there.
/// Integers and texts with an offset name instants, which no zone changes.
///
/// ```
/// use jsdate::{Timestamp, Unit, convert_in_zone};
/// use jsdate_tzdb::Zone;
///
/// let new_york = Zone::find("America/New_York").unwrap();
/// let ms = |input| {
///     convert_in_zone(input, Unit::Milliseconds, &new_york, || Timestamp::MIN).map(Timestamp::unix_ms)
/// };
/// assert_eq!(ms("2016-12-25T10:00"), Ok(1_482_678_000_000)); // 15:00 UTC
/// assert_eq!(ms("2016-12-25"), Ok(1_482_624_000_000)); // a date-only ISO form is UTC
/// assert_eq!(ms("Dec 25 2016"), Ok(1_482_642_000_000)); // 05:00 UTC
/// ```
pub fn convert_in_zone(
    input: &str,
    unit: Unit,
    zone: &impl LocalZone,
    now: impl FnOnce() -> Timestamp,
) -> Result<Timestamp, Error> {
    if input.is_empty() {
        return Ok(now());
    }
    match parse_integer(input) {
        Some(Some(n)) => unit.to_unix_ms(n),
        Some(None) => Err(Error::OutOfRange),
        None => parse::parse_date_string_in(input, zone),
    }
}

/// The unit of a whole-string integer input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Seconds since the epoch.
    Seconds,
    /// Milliseconds since the epoch: the reference API's reading.
    #[default]
    Milliseconds,
    /// Microseconds since the epoch, truncated toward zero to milliseconds
    /// in exact integer arithmetic (JavaScript would round the digits to a
    /// double first, which differs only past 2^53 µs, outside the range).
    Microseconds,
    /// Nanoseconds since the epoch, truncated toward zero to milliseconds in
    /// exact integer arithmetic.
    Nanoseconds,
    /// By magnitude, as converter sites guess: below 10¹¹ seconds, below
    /// 10¹⁴ milliseconds, below 10¹⁷ microseconds, else nanoseconds (so 10
    /// digits are seconds, 13 milliseconds, 16 microseconds, 19 nanoseconds).
    Auto,
}

impl core::str::FromStr for Unit {
    type Err = Error;

    /// `s`, `ms`, `us`, `ns` or `auto` (the API's `?unit=`).
    fn from_str(name: &str) -> Result<Unit, Error> {
        Ok(match name {
            "s" => Unit::Seconds,
            "ms" => Unit::Milliseconds,
            "us" => Unit::Microseconds,
            "ns" => Unit::Nanoseconds,
            "auto" => Unit::Auto,
            _ => return Err(Error::UnknownUnit),
        })
    }
}

impl Unit {
    /// Its name as the `unit` option takes it: `s`, `ms`, `us`, `ns` or
    /// `auto`.
    ///
    /// ```
    /// use jsdate::Unit;
    ///
    /// assert_eq!(Unit::Microseconds.as_str(), "us");
    /// assert_eq!("us".parse::<Unit>(), Ok(Unit::Microseconds));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Seconds => "s",
            Unit::Milliseconds => "ms",
            Unit::Microseconds => "us",
            Unit::Nanoseconds => "ns",
            Unit::Auto => "auto",
        }
    }

    fn to_unix_ms(self, n: i128) -> Result<Timestamp, Error> {
        let unit = match self {
            Unit::Auto => match n.unsigned_abs() {
                0..100_000_000_000 => Unit::Seconds,
                100_000_000_000..100_000_000_000_000 => Unit::Milliseconds,
                100_000_000_000_000..100_000_000_000_000_000 => Unit::Microseconds,
                _ => Unit::Nanoseconds,
            },
            unit => unit,
        };
        let ms = match unit {
            Unit::Seconds => n.saturating_mul(1000),
            Unit::Microseconds => n / 1000,
            Unit::Nanoseconds => n / 1_000_000,
            Unit::Milliseconds | Unit::Auto => n,
        };
        // Milliseconds: parseInt rounds long digit strings to the nearest
        // double, and rounding is monotonic, so a value past 8.64e15 never
        // rounds back into range: checking the exact value decides the same
        // as the reference. Other units are exact by design.
        let ms = i64::try_from(ms).map_err(|_| Error::OutOfRange)?;
        Timestamp::from_unix_ms(ms)
    }
}

impl Timestamp {
    /// `Date.parse(text)` as V8 computes it, with local time read as UTC.
    ///
    /// ```
    /// use jsdate::Timestamp;
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

/// The value of a whole-string integer (`^-?\d+$`): `None` when `input` is
/// not one, `Some(None)` when it has more than 38 significant digits (out of
/// range in every unit).
fn parse_integer(input: &str) -> Option<Option<i128>> {
    let (negative, digits) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 38 {
        return Some(None);
    }
    // 19 digits fit a u64. Most inputs are that short, and 128-bit
    // multiplication is a library call per digit in wasm.
    let magnitude = if significant.len() <= 19 {
        i128::from(
            significant
                .bytes()
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')),
        )
    } else {
        significant
            .bytes()
            .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'))
    };
    Some(Some(if negative { -magnitude } else { magnitude }))
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
    fn units() {
        // (input, unit, milliseconds)
        let table: &[(&str, Unit, Result<i64, Error>)] = &[
            ("1482624000", Unit::Seconds, Ok(1_482_624_000_000)),
            ("-1", Unit::Seconds, Ok(-1000)),
            ("8640000000000", Unit::Seconds, Ok(8_640_000_000_000_000)),
            ("8640000000001", Unit::Seconds, Err(Error::OutOfRange)),
            ("1482624000123", Unit::Milliseconds, Ok(1_482_624_000_123)),
            (
                "1482624000123999",
                Unit::Microseconds,
                Ok(1_482_624_000_123),
            ),
            ("-1999", Unit::Microseconds, Ok(-1)),
            (
                "1482624000123999999",
                Unit::Nanoseconds,
                Ok(1_482_624_000_123),
            ),
            // 19 digits take u64 arithmetic, 20 or more i128.
            (
                "-9999999999999999999",
                Unit::Nanoseconds,
                Ok(-9_999_999_999_999),
            ),
            (
                "18446744073709551616",
                Unit::Nanoseconds,
                Ok(18_446_744_073_709),
            ),
            (
                "99999999999999999999999999999999999999",
                Unit::Nanoseconds,
                Err(Error::OutOfRange),
            ),
            (
                "999999999999999999999999999999999999999",
                Unit::Nanoseconds,
                Err(Error::OutOfRange),
            ),
            // Auto: 10 digits seconds, 13 milliseconds, 16 microseconds, 19 nanoseconds.
            ("1482624000", Unit::Auto, Ok(1_482_624_000_000)),
            ("99999999999", Unit::Auto, Ok(99_999_999_999_000)),
            ("100000000000", Unit::Auto, Ok(100_000_000_000)),
            ("1482624000123", Unit::Auto, Ok(1_482_624_000_123)),
            ("1482624000123456", Unit::Auto, Ok(1_482_624_000_123)),
            ("1482624000123456789", Unit::Auto, Ok(1_482_624_000_123)),
            ("-1482624000", Unit::Auto, Ok(-1_482_624_000_000)),
            // Not integers: the unit does not apply.
            ("2016-12-25", Unit::Seconds, Ok(1_482_624_000_000)),
            ("+1", Unit::Seconds, Ok(978_307_200_000)),
        ];
        for &(input, unit, expected) in table {
            let got = convert_in(input, unit, epoch).map(Timestamp::unix_ms);
            assert_eq!(got, expected, "{input:?} in {unit:?}");
        }
        for (name, unit) in [
            ("s", Ok(Unit::Seconds)),
            ("ms", Ok(Unit::Milliseconds)),
            ("us", Ok(Unit::Microseconds)),
            ("ns", Ok(Unit::Nanoseconds)),
            ("auto", Ok(Unit::Auto)),
            ("S", Err(Error::UnknownUnit)),
        ] {
            assert_eq!(name.parse::<Unit>(), unit, "{name}");
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
