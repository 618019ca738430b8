//! The crate's one error type.

use core::fmt;

/// Why an input is not a date, or why an option is not understood.
///
/// The two date errors both read "Invalid Date", as JavaScript's
/// `String(new Date(NaN))` does; the option errors say what is accepted.
///
/// ```
/// use jsdate::{Error, Timestamp, Unit};
///
/// assert_eq!(Timestamp::parse_date_string("this-is-not-a-date"), Err(Error::NotADate));
/// assert_eq!(Timestamp::from_unix_ms(8_640_000_000_000_001), Err(Error::OutOfRange));
/// assert_eq!(Error::OutOfRange.to_string(), "Invalid Date");
/// assert_eq!("h".parse::<Unit>().unwrap_err().to_string(), "unit must be one of s, ms, us, ns, auto");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The text follows none of the forms `Date.parse` accepts.
    NotADate,
    /// The text names an instant outside ±8.64e15 ms of the epoch.
    OutOfRange,
    /// A `unit` option other than `s`, `ms`, `us`, `ns` or `auto`.
    UnknownUnit,
    /// A `format` option other than `default` or `full`.
    UnknownFormat,
    /// A `tz` option that names no time zone.
    UnknownZone,
}

impl Error {
    /// What the API answers for every input that is not a date.
    pub const MESSAGE: &'static str = "Invalid Date";
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::NotADate | Error::OutOfRange => Self::MESSAGE,
            Error::UnknownUnit => "unit must be one of s, ms, us, ns, auto",
            Error::UnknownFormat => "format must be full or default",
            Error::UnknownZone => "tz must be an IANA time zone name, like America/New_York",
        })
    }
}

impl std::error::Error for Error {}
