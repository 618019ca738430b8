//! [`Timestamp`] from and into chrono's `DateTime<Utc>` (the `chrono`
//! feature). chrono reaches years −262143 to 262142, inside JavaScript's
//! −271821 to 275760: every `DateTime<Utc>` is a `Timestamp`, and a
//! `Timestamp` beyond chrono's range is an [`Error::OutOfRange`].

use chrono::{DateTime, Utc};

use crate::{Error, Timestamp};

impl From<DateTime<Utc>> for Timestamp {
    /// The instant to the millisecond, rounded toward the past as chrono's
    /// `timestamp_millis` does (JavaScript's dates hold whole milliseconds).
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use jsdate::Timestamp;
    ///
    /// let christmas: DateTime<Utc> = "2016-12-25T00:00:00.000999Z".parse().unwrap();
    /// assert_eq!(Timestamp::from(christmas).unix_ms(), 1_482_624_000_000);
    /// ```
    fn from(t: DateTime<Utc>) -> Timestamp {
        // Always in range (see above): nothing is ever clamped.
        Timestamp::saturating_from_unix_ms(t.timestamp_millis())
    }
}

impl TryFrom<Timestamp> for DateTime<Utc> {
    type Error = Error;

    /// The same instant, if chrono can hold it.
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use jsdate::{Error, Timestamp};
    ///
    /// let t = Timestamp::parse_date_string("05 October 2011, GMT")?;
    /// assert_eq!(DateTime::<Utc>::try_from(t)?, "2011-10-05T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
    /// assert_eq!(DateTime::<Utc>::try_from(Timestamp::MAX), Err(Error::OutOfRange));
    /// # Ok::<(), Error>(())
    /// ```
    fn try_from(t: Timestamp) -> Result<DateTime<Utc>, Error> {
        DateTime::from_timestamp_millis(t.unix_ms()).ok_or(Error::OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// chrono's first and last millisecond, as Unix milliseconds.
    fn chrono_edges() -> (i64, i64) {
        (
            DateTime::<Utc>::MIN_UTC.timestamp_millis(),
            DateTime::<Utc>::MAX_UTC.timestamp_millis(),
        )
    }

    #[test]
    fn both_ways_at_the_edges_of_both_ranges() {
        let (first, last) = chrono_edges();
        // (Unix ms, whether chrono holds it)
        let table = [
            (0, true),
            (-1, true),
            (1_482_624_000_000, true),
            (first, true),
            (last, true),
            (first - 1, false),
            (last + 1, false),
            (Timestamp::MAX_UNIX_MS, false),
            (-Timestamp::MAX_UNIX_MS, false),
        ];
        for (ms, held) in table {
            let t = Timestamp::from_unix_ms(ms).expect("inside JavaScript's range");
            match DateTime::<Utc>::try_from(t) {
                Ok(dt) => {
                    assert!(held, "{ms}");
                    assert_eq!(dt.timestamp_millis(), ms);
                    assert_eq!(Timestamp::from(dt), t, "{ms}: back again");
                }
                Err(e) => {
                    assert!(!held, "{ms}");
                    assert_eq!(e, Error::OutOfRange);
                }
            }
        }
    }

    #[test]
    fn every_chrono_instant_is_a_timestamp() {
        let (first, last) = chrono_edges();
        assert!(-Timestamp::MAX_UNIX_MS < first && last < Timestamp::MAX_UNIX_MS);
        // Sub-millisecond digits go toward the past, before and after 1970.
        let table = [
            ("1970-01-01T00:00:00.000999999Z", 0),
            ("1969-12-31T23:59:59.999000001Z", -1),
            (
                "-262143-01-01T00:00:00Z",
                DateTime::<Utc>::MIN_UTC.timestamp_millis(),
            ),
        ];
        for (text, ms) in table {
            let dt: DateTime<Utc> = text.parse().expect(text);
            assert_eq!(Timestamp::from(dt).unix_ms(), ms, "{text}");
        }
        // chrono's edges, as node writes them.
        assert_eq!(
            Timestamp::from(DateTime::<Utc>::MAX_UTC).utc_string(),
            "Mon, 31 Dec 262142 23:59:59 GMT"
        );
        assert_eq!(
            Timestamp::from(DateTime::<Utc>::MIN_UTC).utc_string(),
            "Thu, 01 Jan -262143 00:00:00 GMT"
        );
    }
}
