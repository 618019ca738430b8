//! The API's JSON body, the freeCodeCamp reference's shape.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{Error, Timestamp};

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
    /// The JSON text of the body, without a trailing newline.
    pub fn to_json(&self) -> String {
        // Serializing a map of an integer and ASCII strings into a String
        // cannot fail; fall back to the error body all the same.
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"error":"Invalid Date"}"#.to_owned())
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
        }
    }
}
