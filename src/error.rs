//! The crate's one error type.

use core::fmt;

/// Why an input is not a date. Both kinds read "Invalid Date", as
/// JavaScript's `String(new Date(NaN))` does.
///
/// ```
/// use timestamp::{Error, Timestamp};
///
/// assert_eq!(Timestamp::parse_date_string("this-is-not-a-date"), Err(Error::NotADate));
/// assert_eq!(Timestamp::from_unix_ms(8_640_000_000_000_001), Err(Error::OutOfRange));
/// assert_eq!(Error::OutOfRange.to_string(), "Invalid Date");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The text follows none of the forms `Date.parse` accepts.
    NotADate,
    /// The text names an instant outside ±8.64e15 ms of the epoch.
    OutOfRange,
}

impl Error {
    /// What the API answers for every error: `Invalid Date`.
    pub const MESSAGE: &'static str = "Invalid Date";
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Self::MESSAGE)
    }
}

impl std::error::Error for Error {}
