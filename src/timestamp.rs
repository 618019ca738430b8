//! An instant in JavaScript's time range, and its `toUTCString()` text.

use core::fmt;

use crate::Error;
use crate::civil;

/// An instant as JavaScript's `Date` holds it: whole milliseconds since
/// 1970-01-01T00:00:00Z, within ±8.64e15 ms (years −271821 to 275760).
///
/// ```
/// use jsdate::Timestamp;
///
/// let t = Timestamp::from_unix_ms(1_482_624_000_000)?;
/// assert_eq!(t.utc_string().as_str(), "Sun, 25 Dec 2016 00:00:00 GMT");
/// # Ok::<(), jsdate::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_ms: i64,
}

impl Timestamp {
    /// The largest distance from the epoch JavaScript allows: 10⁸ days.
    pub const MAX_UNIX_MS: i64 = 8_640_000_000_000_000;

    /// The earliest instant: `Tue, 20 Apr -271821 00:00:00 GMT`.
    pub const MIN: Timestamp = Timestamp {
        unix_ms: -Self::MAX_UNIX_MS,
    };

    /// The latest instant: `Sat, 13 Sep 275760 00:00:00 GMT`.
    pub const MAX: Timestamp = Timestamp {
        unix_ms: Self::MAX_UNIX_MS,
    };

    /// The instant `unix_ms` milliseconds after the epoch, if JavaScript can
    /// hold it.
    ///
    /// ```
    /// use jsdate::{Error, Timestamp};
    ///
    /// assert!(Timestamp::from_unix_ms(-8_640_000_000_000_000).is_ok());
    /// assert_eq!(Timestamp::from_unix_ms(-8_640_000_000_000_001), Err(Error::OutOfRange));
    /// ```
    pub const fn from_unix_ms(unix_ms: i64) -> Result<Timestamp, Error> {
        if unix_ms < -Self::MAX_UNIX_MS || unix_ms > Self::MAX_UNIX_MS {
            return Err(Error::OutOfRange);
        }
        Ok(Timestamp { unix_ms })
    }

    /// The instant a [`SystemTime`](std::time::SystemTime) names, truncated
    /// toward zero to milliseconds as JavaScript's clock is, and clamped to
    /// the range. The clock itself is read by the adapters, at the edge:
    /// `Timestamp::from_system_time(SystemTime::now())`.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use jsdate::Timestamp;
    ///
    /// let ms = |t| Timestamp::from_system_time(t).unix_ms();
    /// assert_eq!(ms(UNIX_EPOCH + Duration::from_micros(1_999)), 1);
    /// assert_eq!(ms(UNIX_EPOCH - Duration::from_micros(1_999)), -1);
    /// ```
    pub fn from_system_time(time: std::time::SystemTime) -> Timestamp {
        let ms = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
        };
        Timestamp::saturating_from_unix_ms(ms)
    }

    /// The instant `unix_ms` milliseconds after the epoch, clamped to the
    /// range: how a clock's reading (`Date.now()` in the JS adapters) becomes
    /// a `Timestamp`.
    ///
    /// ```
    /// use jsdate::Timestamp;
    ///
    /// assert_eq!(Timestamp::saturating_from_unix_ms(1).unix_ms(), 1);
    /// assert_eq!(Timestamp::saturating_from_unix_ms(i64::MAX), Timestamp::MAX);
    /// assert_eq!(Timestamp::saturating_from_unix_ms(i64::MIN), Timestamp::MIN);
    /// ```
    pub const fn saturating_from_unix_ms(unix_ms: i64) -> Timestamp {
        if unix_ms < -Self::MAX_UNIX_MS {
            Timestamp::MIN
        } else if unix_ms > Self::MAX_UNIX_MS {
            Timestamp::MAX
        } else {
            Timestamp { unix_ms }
        }
    }

    /// Milliseconds since the epoch: the API's `unix` field, JavaScript's
    /// `getTime()`.
    pub const fn unix_ms(self) -> i64 {
        self.unix_ms
    }

    /// The text of JavaScript's `toUTCString()`: `Www, DD Mmm YYYY HH:MM:SS GMT`.
    ///
    /// Years 0–999 are zero-padded to four digits, negative years are
    /// written `-0001`, and years past 9999 in full without a `+`.
    ///
    /// ```
    /// use jsdate::Timestamp;
    ///
    /// let utc = |ms| Timestamp::from_unix_ms(ms).unwrap().utc_string().to_string();
    /// assert_eq!(utc(-62_198_755_200_000), "Fri, 01 Jan -0001 00:00:00 GMT");
    /// assert_eq!(utc(8_640_000_000_000_000), "Sat, 13 Sep 275760 00:00:00 GMT");
    /// ```
    pub fn utc_string(self) -> DateText {
        DateText::utc(self)
    }

    /// The text of JavaScript's `toISOString()` (RFC 3339 with milliseconds
    /// and `Z`): years 0–9999 in four digits, others as `±YYYYYY`.
    ///
    /// ```
    /// use jsdate::Timestamp;
    ///
    /// let iso = |ms| Timestamp::from_unix_ms(ms).unwrap().iso_string().to_string();
    /// assert_eq!(iso(1_482_624_000_123), "2016-12-25T00:00:00.123Z");
    /// assert_eq!(iso(-62_198_755_200_000), "-000001-01-01T00:00:00.000Z");
    /// assert_eq!(iso(8_640_000_000_000_000), "+275760-09-13T00:00:00.000Z");
    /// ```
    pub fn iso_string(self) -> DateText {
        DateText::iso(self)
    }

    /// The wall time `offset_ms` east of UTC, as ISO 8601 with that offset
    /// (`2016-12-24T19:00:00.000-05:00`); seconds appear when the offset has
    /// them, as local mean times do.
    ///
    /// ```
    /// use jsdate::Timestamp;
    ///
    /// let t = Timestamp::from_unix_ms(1_482_624_000_000)?;
    /// assert_eq!(t.iso_string_with_offset(-5 * 3_600_000).as_str(), "2016-12-24T19:00:00.000-05:00");
    /// assert_eq!(t.iso_string_with_offset(19_800_000).as_str(), "2016-12-25T05:30:00.000+05:30");
    /// assert_eq!(t.iso_string_with_offset(-17_762_000).as_str(), "2016-12-24T19:03:58.000-04:56:02");
    /// # Ok::<(), jsdate::Error>(())
    /// ```
    pub fn iso_string_with_offset(self, offset_ms: i64) -> DateText {
        DateText::iso_with_offset(self, offset_ms)
    }
}

/// A date's text (`toUTCString()`, `toISOString()`, or ISO 8601 with an
/// offset) held inline, at most 40 bytes, so formatting never allocates. Use [`DateText::as_str`] or its
/// `Display`.
#[derive(Clone, Copy)]
pub struct DateText {
    bytes: [u8; DateText::CAPACITY],
    len: u8,
}

impl DateText {
    /// The longest text is a local ISO time at the range's end with a local
    /// mean time offset: `+275760-09-13T11:00:00.000+11:00:00`, 36 bytes.
    const CAPACITY: usize = 40;

    fn utc(t: Timestamp) -> DateText {
        const WEEKDAYS: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
        const MONTHS: [&[u8; 3]; 12] = [
            b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
            b"Dec",
        ];

        let (days, ms_of_day) = civil::day_and_ms(t.unix_ms);
        let seconds_of_day = ms_of_day / 1000;
        let date = civil::civil_from_days(days);

        // Fixed fields are written at known offsets ("Www, DD Mmm "), then
        // the year (4 to 6 digits, maybe a sign), then "HH:MM:SS GMT". This
        // runs once per request, so it avoids per-byte bookkeeping.
        let mut b = [0u8; Self::CAPACITY];
        b[..3].copy_from_slice(WEEKDAYS[usize::from(civil::weekday_from_days(days))]);
        b[3..5].copy_from_slice(b", ");
        write_digits(&mut b[5..7], u32::from(date.day));
        b[7] = b' ';
        b[8..11].copy_from_slice(MONTHS[usize::from(date.month - 1)]);
        b[11] = b' ';
        let mut i = 12;
        if date.year < 0 {
            b[i] = b'-';
            i += 1;
        }
        // |year| <= 275760 within the range.
        let year = date.year.unsigned_abs() as u32;
        let width = match year {
            0..=9_999 => 4,
            10_000..=99_999 => 5,
            _ => 6,
        };
        write_digits(&mut b[i..i + width], year);
        i += width;
        b[i] = b' ';
        write_digits(&mut b[i + 1..i + 3], seconds_of_day / 3600);
        b[i + 3] = b':';
        write_digits(&mut b[i + 4..i + 6], seconds_of_day / 60 % 60);
        b[i + 6] = b':';
        write_digits(&mut b[i + 7..i + 9], seconds_of_day % 60);
        b[i + 9..i + 13].copy_from_slice(b" GMT");
        DateText {
            bytes: b,
            len: (i + 13) as u8,
        }
    }

    fn iso(t: Timestamp) -> DateText {
        let mut text = Self::iso_fields(t.unix_ms);
        text.push(b"Z");
        text
    }

    fn iso_with_offset(t: Timestamp, offset_ms: i64) -> DateText {
        let mut text = Self::iso_fields(t.unix_ms + offset_ms);
        let offset_seconds = offset_ms / 1000;
        text.push(if offset_seconds < 0 { b"-" } else { b"+" });
        let offset_seconds = offset_seconds.unsigned_abs() as u32;
        let mut two = [0u8; 2];
        write_digits(&mut two, offset_seconds / 3600);
        text.push(&two);
        text.push(b":");
        write_digits(&mut two, offset_seconds / 60 % 60);
        text.push(&two);
        if offset_seconds % 60 != 0 {
            // Local mean times are not whole minutes (New York: -04:56:02).
            text.push(b":");
            write_digits(&mut two, offset_seconds % 60);
            text.push(&two);
        }
        text
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmm` for the wall time `ms` (years outside
    /// 0–9999 as `±YYYYYY`), without a zone designator.
    fn iso_fields(ms: i64) -> DateText {
        let (days, ms_of_day) = civil::day_and_ms(ms);
        let date = civil::civil_from_days(days);

        let mut b = [0u8; Self::CAPACITY];
        let mut i = 0;
        let year = date.year.unsigned_abs() as u32;
        let width = if (0..=9_999).contains(&date.year) {
            4
        } else {
            b[0] = if date.year < 0 { b'-' } else { b'+' };
            i = 1;
            6
        };
        write_digits(&mut b[i..i + width], year);
        i += width;
        b[i] = b'-';
        write_digits(&mut b[i + 1..i + 3], u32::from(date.month));
        b[i + 3] = b'-';
        write_digits(&mut b[i + 4..i + 6], u32::from(date.day));
        b[i + 6] = b'T';
        let seconds_of_day = ms_of_day / 1000;
        write_digits(&mut b[i + 7..i + 9], seconds_of_day / 3600);
        b[i + 9] = b':';
        write_digits(&mut b[i + 10..i + 12], seconds_of_day / 60 % 60);
        b[i + 12] = b':';
        write_digits(&mut b[i + 13..i + 15], seconds_of_day % 60);
        b[i + 15] = b'.';
        let ms = ms_of_day % 1000;
        write_digits(&mut b[i + 16..i + 19], ms);
        DateText {
            bytes: b,
            len: (i + 19) as u8,
        }
    }

    fn push(&mut self, s: &[u8]) {
        let start = usize::from(self.len);
        self.bytes[start..start + s.len()].copy_from_slice(s);
        self.len += s.len() as u8;
    }

    /// The text's bytes (ASCII), without [`DateText::as_str`]'s UTF-8
    /// check: for writers that copy bytes.
    ///
    /// ```
    /// let t = jsdate::Timestamp::from_unix_ms(0)?;
    /// assert_eq!(t.utc_string().as_bytes(), b"Thu, 01 Jan 1970 00:00:00 GMT");
    /// # Ok::<(), jsdate::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// Writes `n` zero-padded into all of `out`, one digit a byte (the caller
/// sizes `out` for `n`), two digits per division.
fn write_digits(out: &mut [u8], mut n: u32) {
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut end = out.len();
    while end >= 2 {
        let pair = (n % 100) as usize * 2;
        out[end - 2..end].copy_from_slice(&PAIRS[pair..pair + 2]);
        n /= 100;
        end -= 2;
    }
    if end == 1 {
        out[0] = b'0' + (n % 10) as u8;
    }
}

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for DateText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DateText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_edges() {
        let table: &[(i64, Result<i64, Error>)] = &[
            (0, Ok(0)),
            (Timestamp::MAX_UNIX_MS, Ok(Timestamp::MAX_UNIX_MS)),
            (-Timestamp::MAX_UNIX_MS, Ok(-Timestamp::MAX_UNIX_MS)),
            (Timestamp::MAX_UNIX_MS + 1, Err(Error::OutOfRange)),
            (-Timestamp::MAX_UNIX_MS - 1, Err(Error::OutOfRange)),
            (i64::MAX, Err(Error::OutOfRange)),
            (i64::MIN, Err(Error::OutOfRange)),
        ];
        for &(ms, expected) in table {
            assert_eq!(
                Timestamp::from_unix_ms(ms).map(Timestamp::unix_ms),
                expected,
                "{ms}"
            );
        }
    }

    #[test]
    fn iso_strings_match_javascript() {
        // Each answer is node 20's `new Date(ms).toISOString()`.
        let table: &[(i64, &str)] = &[
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (1_482_624_000_123, "2016-12-25T00:00:00.123Z"),
            (-62_198_755_200_000, "-000001-01-01T00:00:00.000Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
            (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),
            (-8_640_000_000_000_000, "-271821-04-20T00:00:00.000Z"),
        ];
        for &(ms, text) in table {
            let t = Timestamp::from_unix_ms(ms).unwrap();
            assert_eq!(t.iso_string().as_str(), text, "{ms}");
        }
    }

    #[test]
    fn utc_strings_match_javascript() {
        // Each answer is node 20's `new Date(ms).toUTCString()`.
        let table: &[(i64, &str)] = &[
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
            (1_482_624_000_000, "Sun, 25 Dec 2016 00:00:00 GMT"),
            (1_451_001_600_000, "Fri, 25 Dec 2015 00:00:00 GMT"),
            (1_317_772_800_000, "Wed, 05 Oct 2011 00:00:00 GMT"),
            (951_782_400_000, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (-62_198_755_200_000, "Fri, 01 Jan -0001 00:00:00 GMT"),
            (-62_167_219_200_000, "Sat, 01 Jan 0000 00:00:00 GMT"),
            (-59_011_459_200_000, "Fri, 01 Jan 0100 00:00:00 GMT"),
            (-30_641_760_000_000, "Tue, 01 Jan 0999 00:00:00 GMT"),
            (253_402_300_799_999, "Fri, 31 Dec 9999 23:59:59 GMT"),
            (253_402_300_800_000, "Sat, 01 Jan 10000 00:00:00 GMT"),
            (327_403_382_400_000, "Mon, 01 Jan 12345 00:00:00 GMT"),
            (8_640_000_000_000_000, "Sat, 13 Sep 275760 00:00:00 GMT"),
            (-8_640_000_000_000_000, "Tue, 20 Apr -271821 00:00:00 GMT"),
        ];
        for &(ms, text) in table {
            let t = Timestamp::from_unix_ms(ms).unwrap();
            assert_eq!(t.utc_string().as_str(), text, "{ms}");
        }
    }
}
