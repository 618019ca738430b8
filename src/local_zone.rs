//! A local time zone, as V8's date code sees one: an offset for any
//! instant, and wall times resolved to instants the way ICU's
//! `getOffsetFromLocal(FORMER, FORMER)` does. Implementations supply the
//! offsets (the IANA database in [`Zone`](crate::Zone) for the service; the
//! browser's `Intl` in the npm package); the resolution is here, once.

use crate::civil::MS_PER_DAY;

/// A time zone the parser can read wall times in.
pub trait LocalZone {
    /// The zone named `name`, if this kind of zone knows it: how the `tz`
    /// option is read (see [`Options::set`](crate::Options::set)). The
    /// default knows none.
    fn find(name: &str) -> Option<Self>
    where
        Self: Sized,
    {
        let _ = name;
        None
    }

    /// Its IANA name.
    fn name(&self) -> &str;

    /// Its offset from UTC at `unix_ms` (any `i64`), in milliseconds east,
    /// to the second.
    fn offset_ms(&self, unix_ms: i64) -> i64;

    /// The instant whose wall time here is `local_ms` (milliseconds since
    /// the epoch of the wall clock, as if it were UTC), V8's way: a wall time
    /// in a gap takes the offset before the change, and one that happens
    /// twice its first occurrence.
    ///
    /// Offsets a day either side are the candidates; one that maps back to
    /// itself is a real reading of the wall time.
    fn local_to_utc_ms(&self, local_ms: i64) -> i64 {
        let before = self.offset_ms(local_ms - MS_PER_DAY);
        let after = self.offset_ms(local_ms + MS_PER_DAY);
        let reads_back = |offset: i64| self.offset_ms(local_ms - offset) == offset;
        match (reads_back(before), reads_back(after)) {
            // Twice (a fold): the first occurrence is the earlier instant.
            (true, true) => (local_ms - before).min(local_ms - after),
            (false, true) => local_ms - after,
            // Once, under the earlier offset; or never (a gap), when the
            // offset before the change applies.
            (true, false) | (false, false) => local_ms - before,
        }
    }
}

/// UTC: the reference API's local time zone, and the only one a build
/// without a zone database knows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Utc;

impl LocalZone for Utc {
    fn find(name: &str) -> Option<Utc> {
        (name == "UTC").then_some(Utc)
    }

    fn name(&self) -> &str {
        "UTC"
    }

    fn offset_ms(&self, _unix_ms: i64) -> i64 {
        0
    }

    fn local_to_utc_ms(&self, local_ms: i64) -> i64 {
        local_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UTC+1, and UTC+2 from `from` to `until` (ms), like a European summer.
    struct Summer {
        from: i64,
        until: i64,
    }

    impl LocalZone for Summer {
        fn name(&self) -> &str {
            "Test/Summer"
        }
        fn offset_ms(&self, unix_ms: i64) -> i64 {
            if (self.from..self.until).contains(&unix_ms) {
                7_200_000
            } else {
                3_600_000
            }
        }
    }

    #[test]
    fn gaps_folds_and_plain_times() {
        let hour = 3_600_000;
        // Summer starts at 01:00 UTC (02:00 wall, which jumps to 03:00) and
        // ends at 01:00 UTC a while later (03:00 wall, back to 02:00).
        let zone = Summer {
            from: 10 * MS_PER_DAY + hour,
            until: 100 * MS_PER_DAY + hour,
        };
        let day = |d: i64, h: i64, m: i64| d * MS_PER_DAY + h * hour + m * 60_000;
        // (wall time, the instant V8 picks)
        let table = [
            (day(10, 1, 30), day(10, 0, 30)),   // before the gap: +1
            (day(10, 2, 30), day(10, 1, 30)),   // in the gap: the offset before (+1)
            (day(10, 3, 30), day(10, 1, 30)),   // after the gap: +2
            (day(100, 2, 30), day(100, 0, 30)), // in the fold: the first (+2)
            (day(100, 3, 30), day(100, 2, 30)), // after the fold: +1
            (day(50, 12, 0), day(50, 10, 0)),   // mid-summer: +2
        ];
        for (wall, instant) in table {
            assert_eq!(zone.local_to_utc_ms(wall), instant, "{wall}");
        }
    }
}
