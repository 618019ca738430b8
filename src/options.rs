//! What a conversion is asked for: the unit of an integer input, the
//! answer's format and the zone wall times are read in. The API's query, the
//! npm package's options object and the CLI's flags are all read by
//! [`Options::set`], so the three accept the same names and values.

use core::str::FromStr;

use crate::{DateText, Error, LocalZone, Timestamp, Unit, Utc, convert_in_zone};

/// The fields an answer for a date carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// `unix` and `utc`: the reference API's answer.
    #[default]
    Default,
    /// `iso` (`toISOString()`) as well.
    Full,
}

impl Format {
    /// Its name as the `format` option takes it: `default` or `full`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Default => "default",
            Format::Full => "full",
        }
    }
}

impl FromStr for Format {
    type Err = Error;

    /// `default` or `full` (the API's `?format=`).
    fn from_str(name: &str) -> Result<Format, Error> {
        match name {
            "default" => Ok(Format::Default),
            "full" => Ok(Format::Full),
            _ => Err(Error::UnknownFormat),
        }
    }
}

/// How to convert an input and what to answer for it.
///
/// `Z` is the kind of time zone `tz` names: `jsdate_tzdb::Zone` (the
/// IANA database) for the service and the CLI, the JS engine's `Intl` for
/// the npm package, and [`Utc`] alone by default.
///
/// ```
/// use jsdate::{Format, Options, Timestamp, Unit};
/// use jsdate_tzdb::Zone;
///
/// let mut options = Options::<Zone>::default();
/// for (name, value) in [("unit", "s"), ("format", "full"), ("tz", "Asia/Tokyo"), ("x", "y")] {
///     options.set(name, value)?;
/// }
/// assert_eq!((options.unit, options.format), (Unit::Seconds, Format::Full));
/// assert_eq!(
///     options.answer("1482624000", || Timestamp::MIN),
///     r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z","local":"2016-12-25T09:00:00.000+09:00","tz":"Asia/Tokyo"}"#
/// );
/// assert!(options.set("tz", "Mars/Olympus").is_err());
/// # Ok::<(), jsdate::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options<Z = Utc> {
    /// The unit of a whole-string integer input (`unit`).
    pub unit: Unit,
    /// The fields of a date's answer (`format`).
    pub format: Format,
    /// The zone wall times are read in and `local` is given for (`tz`);
    /// `None` reads them as UTC and gives no `local`.
    pub zone: Option<Z>,
}

impl<Z> Default for Options<Z> {
    fn default() -> Self {
        Options {
            unit: Unit::Milliseconds,
            format: Format::Default,
            zone: None,
        }
    }
}

impl Options {
    /// The reference API's options: milliseconds, `unix` and `utc`, UTC.
    ///
    /// ```
    /// use jsdate::{Options, Timestamp};
    ///
    /// let answer = Options::new().answer("05 October 2011, GMT", || Timestamp::MIN);
    /// assert_eq!(answer, r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#);
    /// assert_eq!(Options::new().answer("this-is-not-a-date", || Timestamp::MIN), r#"{"error":"Invalid Date"}"#);
    /// ```
    pub const fn new() -> Options {
        Options {
            unit: Unit::Milliseconds,
            format: Format::Default,
            zone: None,
        }
    }
}

/// A date's answer field by field, in the order the JSON has them.
#[derive(Clone, Debug)]
pub struct DateFields<'a> {
    /// Milliseconds since the epoch.
    pub unix: i64,
    /// `toUTCString()`.
    pub utc: DateText,
    /// `toISOString()`, with [`Format::Full`].
    pub iso: Option<DateText>,
    /// The wall time in the zone, ISO 8601 with its offset, and the zone's
    /// name, with a zone.
    pub local: Option<(DateText, &'a str)>,
}

/// A conversion's answer as a value: a date's fields, or why there is no
/// date. With the `serde` feature it serializes to the JSON
/// [`Options::to_json`] writes.
#[derive(Clone, Debug)]
pub enum Answer<'a> {
    /// The input was a date.
    Date(DateFields<'a>),
    /// It was not: `{"error":"Invalid Date"}`.
    Error(Error),
}

impl<Z: LocalZone> Options<Z> {
    /// A conversion's result as the [`Answer`] these options give.
    ///
    /// ```
    /// use jsdate::{Answer, Options, Timestamp};
    ///
    /// let options = Options::new();
    /// let Answer::Date(fields) = options.to_answer(Timestamp::from_unix_ms(0)) else { panic!() };
    /// assert_eq!(fields.utc, "Thu, 01 Jan 1970 00:00:00 GMT");
    /// assert!(matches!(options.to_answer(options.convert("x", || Timestamp::MIN)), Answer::Error(_)));
    /// ```
    pub fn to_answer(&self, result: Result<Timestamp, Error>) -> Answer<'_> {
        match result {
            Ok(t) => Answer::Date(self.fields(t)),
            Err(e) => Answer::Error(e),
        }
    }

    /// Sets the option `name` (`unit`, `format` or `tz`) from its text.
    /// `Ok(false)` for a name that is not an option, which callers may
    /// ignore (the API does) or refuse (the CLI does).
    pub fn set(&mut self, name: &str, value: &str) -> Result<bool, Error> {
        match name {
            "unit" => self.unit = value.parse()?,
            "format" => self.format = value.parse()?,
            "tz" => self.zone = Some(Z::find(value).ok_or(Error::UnknownZone)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Converts one input: `""` is `now()`, a whole-string integer is a
    /// count of [`Options::unit`], anything else is read as `new Date(input)`
    /// with wall times in the zone (UTC without one). See
    /// [`convert_in_zone`].
    pub fn convert(
        &self,
        input: &str,
        now: impl FnOnce() -> Timestamp,
    ) -> Result<Timestamp, Error> {
        match &self.zone {
            Some(zone) => convert_in_zone(input, self.unit, zone, now),
            None => convert_in_zone(input, self.unit, &Utc, now),
        }
    }

    /// What these options answer for the date `t`.
    pub fn fields(&self, t: Timestamp) -> DateFields<'_> {
        DateFields {
            unix: t.unix_ms(),
            utc: t.utc_string(),
            iso: (self.format == Format::Full).then(|| t.iso_string()),
            local: self.zone.as_ref().map(|zone| {
                let offset = zone.offset_ms(t.unix_ms());
                (t.iso_string_with_offset(offset), zone.name())
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_text() {
        // (name, value, what set answers, the options after)
        type Case = (
            &'static str,
            &'static str,
            Result<bool, Error>,
            Unit,
            Format,
        );
        let table: &[Case] = &[
            ("unit", "s", Ok(true), Unit::Seconds, Format::Default),
            ("unit", "ms", Ok(true), Unit::Milliseconds, Format::Default),
            ("unit", "us", Ok(true), Unit::Microseconds, Format::Default),
            ("unit", "ns", Ok(true), Unit::Nanoseconds, Format::Default),
            ("unit", "auto", Ok(true), Unit::Auto, Format::Default),
            (
                "unit",
                "S",
                Err(Error::UnknownUnit),
                Unit::Milliseconds,
                Format::Default,
            ),
            (
                "unit",
                "",
                Err(Error::UnknownUnit),
                Unit::Milliseconds,
                Format::Default,
            ),
            ("format", "full", Ok(true), Unit::Milliseconds, Format::Full),
            (
                "format",
                "default",
                Ok(true),
                Unit::Milliseconds,
                Format::Default,
            ),
            (
                "format",
                "xml",
                Err(Error::UnknownFormat),
                Unit::Milliseconds,
                Format::Default,
            ),
            ("units", "s", Ok(false), Unit::Milliseconds, Format::Default),
        ];
        for &(name, value, answer, unit, format) in table {
            let mut options = Options::new();
            assert_eq!(options.set(name, value), answer, "{name}={value}");
            assert_eq!(
                (options.unit, options.format),
                (unit, format),
                "{name}={value}"
            );
        }
        let mut options = Options::new();
        assert_eq!(options.set("tz", "UTC"), Ok(true));
        assert_eq!(options.zone, Some(Utc));
        assert_eq!(options.set("tz", "Europe/Paris"), Err(Error::UnknownZone));
    }

    #[test]
    fn fields_follow_the_options() {
        let t = Timestamp::from_unix_ms(1_482_624_000_000).unwrap();
        let mut options = Options::new();
        let fields = options.fields(t);
        assert_eq!(
            (fields.unix, fields.utc.as_str()),
            (1_482_624_000_000, "Sun, 25 Dec 2016 00:00:00 GMT")
        );
        assert!(fields.iso.is_none() && fields.local.is_none());

        options.set("format", "full").unwrap();
        options.set("tz", "UTC").unwrap();
        let fields = options.fields(t);
        assert_eq!(fields.iso.unwrap().as_str(), "2016-12-25T00:00:00.000Z");
        let (local, tz) = fields.local.unwrap();
        assert_eq!(
            (local.as_str(), tz),
            ("2016-12-25T00:00:00.000+00:00", "UTC")
        );
    }
}
