//! The API's JSON body, the freeCodeCamp reference's shape.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{Error, Timestamp};

const INVALID_DATE_JSON: &str = r#"{"error":"Invalid Date"}"#;

/// What the service answers for one input: `{"unix":…,"utc":"…"}` for a
/// date, `{"error":"Invalid Date"}` otherwise.
///
/// ```
/// use timestamp::{Answer, Timestamp};
///
/// let answer = Answer::from(Timestamp::parse_date_string("2016-12-25"));
/// assert_eq!(answer.to_json(), r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#);
///
/// let answer = Answer::from(Timestamp::parse_date_string("this-is-not-a-date"));
/// assert_eq!(answer.to_json(), r#"{"error":"Invalid Date"}"#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A date: its milliseconds since the epoch and its `toUTCString()`.
    Date(Timestamp),
    /// Not a date, or out of range.
    Invalid(Error),
}

impl Answer {
    /// The JSON text of the body, without a trailing newline: what
    /// [`Serialize`] writes through serde_json, written directly.
    ///
    /// This is the hot path of every request, and the shape is fixed: an
    /// integer and a `toUTCString()` text, whose characters (letters, digits,
    /// `,`, `:`, `-`, space) JSON never escapes. Writing it straight into one
    /// allocation halves the cost of serde_json's general path (see the
    /// `answer` benchmarks); a test checks the two agree. Invalid Date is a
    /// constant, borrowed, so it costs no allocation at all.
    pub fn to_json(&self) -> Cow<'static, str> {
        match self {
            Answer::Date(t) => {
                let mut json = String::with_capacity(64);
                json.push_str(r#"{"unix":"#);
                json.push_str(itoa::Buffer::new().format(t.unix_ms()));
                json.push_str(r#","utc":""#);
                json.push_str(t.utc_string().as_str());
                json.push_str(r#""}"#);
                Cow::Owned(json)
            }
            Answer::Invalid(_) => Cow::Borrowed(INVALID_DATE_JSON),
        }
    }

    /// [`Answer::to_json`] with an `iso` field (`toISOString()`) added to a
    /// date: the API's `?format=full`.
    ///
    /// ```
    /// use timestamp::{Answer, Timestamp};
    ///
    /// let answer = Answer::from(Timestamp::from_unix_ms(1_482_624_000_000));
    /// assert_eq!(
    ///     answer.to_json_full(),
    ///     r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z"}"#
    /// );
    /// ```
    pub fn to_json_full(&self) -> Cow<'static, str> {
        match self {
            Answer::Date(t) => {
                let mut json = self.to_json().into_owned();
                json.truncate(json.len() - 1); // the closing brace
                json.push_str(r#","iso":""#);
                json.push_str(t.iso_string().as_str());
                json.push_str(r#""}"#);
                Cow::Owned(json)
            }
            Answer::Invalid(_) => Cow::Borrowed(INVALID_DATE_JSON),
        }
    }
}

impl Answer {
    /// The body with `?tz=`: a date also gets `local`, its wall time in
    /// `zone` as ISO 8601 with the offset, and `tz`, the zone's name (and
    /// `iso` too when `iso` is set).
    ///
    /// ```
    /// use timestamp::{Answer, Timestamp, Zone};
    ///
    /// let zone = Zone::find("America/New_York").unwrap();
    /// let answer = Answer::from(Timestamp::from_unix_ms(1_482_624_000_000));
    /// assert_eq!(
    ///     answer.to_json_in_zone(false, &zone),
    ///     r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","local":"2016-12-24T19:00:00.000-05:00","tz":"America/New_York"}"#
    /// );
    /// ```
    pub fn to_json_in_zone(&self, iso: bool, zone: &impl crate::LocalZone) -> Cow<'static, str> {
        match self {
            Answer::Date(t) => {
                let mut json = if iso {
                    self.to_json_full()
                } else {
                    self.to_json()
                }
                .into_owned();
                json.truncate(json.len() - 1); // the closing brace
                json.push_str(r#","local":""#);
                let offset = zone.offset_ms(t.unix_ms());
                json.push_str(t.iso_string_with_offset(offset).as_str());
                json.push_str(r#"","tz":"#);
                // IANA names are letters, digits and `/_-+`, but a string
                // serializer costs nothing here and keeps the JSON valid.
                json.push_str(&serde_json::to_string(zone.name()).unwrap_or_default());
                json.push('}');
                Cow::Owned(json)
            }
            Answer::Invalid(_) => Cow::Borrowed(INVALID_DATE_JSON),
        }
    }
}

impl From<Result<Timestamp, Error>> for Answer {
    fn from(result: Result<Timestamp, Error>) -> Answer {
        match result {
            Ok(t) => Answer::Date(t),
            Err(e) => Answer::Invalid(e),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Date(t) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("unix", &t.unix_ms())?;
                map.serialize_entry("utc", t.utc_string().as_str())?;
                map.end()
            }
            Answer::Invalid(_) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("error", Error::MESSAGE)?;
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        let date = |ms| Answer::Date(Timestamp::from_unix_ms(ms).unwrap());
        let table: &[(Answer, &str)] = &[
            (
                date(0),
                r#"{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
            ),
            (
                date(-8_640_000_000_000_000),
                r#"{"unix":-8640000000000000,"utc":"Tue, 20 Apr -271821 00:00:00 GMT"}"#,
            ),
            (
                Answer::Invalid(Error::NotADate),
                r#"{"error":"Invalid Date"}"#,
            ),
            (
                Answer::Invalid(Error::OutOfRange),
                r#"{"error":"Invalid Date"}"#,
            ),
        ];
        for (answer, json) in table {
            assert_eq!(answer.to_json(), *json);
            assert_eq!(
                serde_json::to_string(answer).unwrap(),
                *json,
                "Serialize agrees"
            );
        }
    }

    #[test]
    fn direct_json_matches_serde_across_the_range() {
        let mut ms = -Timestamp::MAX_UNIX_MS;
        while ms <= Timestamp::MAX_UNIX_MS {
            let answer = Answer::Date(Timestamp::from_unix_ms(ms).unwrap());
            assert_eq!(
                answer.to_json(),
                serde_json::to_string(&answer).unwrap(),
                "{ms}"
            );
            ms += 86_399_999_937_123;
        }
    }
}
