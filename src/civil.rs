//! Calendar arithmetic on the proleptic Gregorian calendar, over the whole
//! JavaScript range.
//!
//! JavaScript dates span ±8.64e15 ms, years −271821 to 275760. chrono's dates
//! stop at year ±262143 and jiff's at ±9999, so this module does the
//! arithmetic itself, without loops or tables: Howard Hinnant's
//! `days_from_civil` (exact for every `i64` year the parser can produce) and
//! Neri and Schneider's `civil_from_days` (on `u32`, over the range).

/// Milliseconds in a day.
pub(crate) const MS_PER_DAY: i64 = 86_400_000;

/// A calendar date: year, month 1–12, day 1–31.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) year: i64,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// Days from 1970-01-01 to the first of `month` (1–12) in `year`, plus
/// `day - 1`.
///
/// `day` may run past the end of the month (`2021-02-30` is 2 March), as
/// ECMAScript's `MakeDay` allows.
pub(crate) const fn days_from_civil(year: i64, month: u8, day: i64) -> i64 {
    // Years start in March, so the leap day is the last day of the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    // Small and non-negative within an era: u32 arithmetic is cheaper.
    let year_of_era = (year - era * 400) as u32; // [0, 399]
    let month_from_march = (month as u32 + 9) % 12; // March = 0
    let day_of_year = (153 * month_from_march + 2) / 5;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719_468 days separate 0000-03-01 from 1970-01-01.
    era * 146_097 + day_of_era as i64 - 719_468 + (day - 1)
}

/// The day `ms` milliseconds after the epoch falls on (days since
/// 1970-01-01, rounded down) and the milliseconds into it, for any `ms`
/// within a day of JavaScript's range (wall times included), where days fit
/// an `i32`.
pub(crate) const fn day_and_ms(ms: i64) -> (i32, u32) {
    let days = ms.div_euclid(MS_PER_DAY);
    (days as i32, (ms - days * MS_PER_DAY) as u32)
}

/// Eras of 400 years added to a day count to make it non-negative within
/// JavaScript's range, so that the arithmetic below is on `u32`.
const ERAS_BEFORE_RANGE: u32 = 700;

/// The calendar date `days` days after 1970-01-01, for days within a day of
/// JavaScript's range (±10⁸).
///
/// Neri and Schneider's algorithm ("Euclidean affine functions and their
/// application to calendar algorithms", 2022), on `u32`: three divisions
/// by constants where Hinnant's has eight. In wasm each one stays a
/// division instruction (LLVM leaves them to the engine), and every answer
/// formats a date, so this is worth its magic numbers (docs/decisions.md).
pub(crate) const fn civil_from_days(days: i32) -> Date {
    // Days since 0000-03-01, moved ERAS_BEFORE_RANGE eras on: 4n + 3 is at
    // most 4 × (10⁸ + 1 + 719_468 + 700 × 146_097) + 3 < 2³².
    let n = (days + 719_468 + ERAS_BEFORE_RANGE as i32 * 146_097) as u32;
    // The century, and the day within it.
    let n1 = 4 * n + 3;
    let century = n1 / 146_097;
    let day_of_century = n1 % 146_097 / 4;
    // The year within the century, and the day within that year (from
    // March): one 64-bit multiplication gives both.
    let n2 = 4 * day_of_century + 3;
    let p2 = 2_939_745 * n2 as u64;
    let year_of_century = (p2 >> 32) as u32;
    let day_of_year = (p2 as u32) / 2_939_745 / 4;
    // The month (March = 3 … February = 14) and the day.
    let n3 = 2_141 * day_of_year + 197_913;
    let month = n3 >> 16;
    let day = (n3 & 0xffff) / 2_141 + 1;
    // January and February belong to the next year.
    let january_or_later = day_of_year >= 306;
    let year = (century * 100 + year_of_century) as i64 - ERAS_BEFORE_RANGE as i64 * 400
        + january_or_later as i64;
    Date {
        year,
        month: if january_or_later { month - 12 } else { month } as u8,
        day: day as u8,
    }
}

/// Day of the week, 0 = Sunday, for `days` days after 1970-01-01 (a
/// Thursday), within a day of JavaScript's range.
pub(crate) const fn weekday_from_days(days: i32) -> u8 {
    // Day 0 was a Thursday (4). Whole weeks added keep the weekday and make
    // the sum non-negative over the range, so that `%` is unsigned.
    ((days + 4 + 7 * 14_285_716) as u32 % 7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // (year, month, day, days since the epoch, weekday)
        let table: &[(i64, u8, u8, i32, u8)] = &[
            (1970, 1, 1, 0, 4),
            (1969, 12, 31, -1, 3),
            (2000, 2, 29, 11_016, 2),
            (2000, 3, 1, 11_017, 3),
            (2016, 12, 25, 17_160, 0),
            (1900, 3, 1, -25_508, 4),
            (0, 1, 1, -719_528, 6),
            (-1, 1, 1, -719_893, 5),
            (275_760, 9, 13, 100_000_000, 6),
            (-271_821, 4, 20, -100_000_000, 2),
        ];
        for &(year, month, day, days, weekday) in table {
            assert_eq!(
                days_from_civil(year, month, i64::from(day)),
                i64::from(days),
                "{year}-{month}-{day}"
            );
            assert_eq!(civil_from_days(days), Date { year, month, day }, "{days}");
            assert_eq!(weekday_from_days(days), weekday, "{year}-{month}-{day}");
        }
    }

    #[test]
    fn day_overflow_rolls_into_next_month() {
        // (year, month, day past the month's end, the date it is)
        let table: &[((i64, u8, i64), Date)] = &[
            ((2021, 2, 30), date(2021, 3, 2)),
            ((2020, 2, 30), date(2020, 3, 1)),
            ((2021, 4, 31), date(2021, 5, 1)),
            ((2021, 12, 32), date(2022, 1, 1)),
            ((2021, 1, 0), date(2020, 12, 31)),
        ];
        for &((year, month, day), expected) in table {
            assert_eq!(
                civil_from_days(days_from_civil(year, month, day) as i32),
                expected
            );
        }
    }

    fn date(year: i64, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn round_trip_across_many_eras() {
        // Every 997th day of the range, and the days by each end (wall
        // times reach a day past it): each reads back, and the day after
        // it is its successor.
        let edges = [-100_000_001, -100_000_000, 99_999_999, 100_000_000];
        for days in (-100_000_000..100_000_000).step_by(997).chain(edges) {
            let date = civil_from_days(days);
            assert_eq!(
                days_from_civil(date.year, date.month, i64::from(date.day)),
                i64::from(days)
            );
            assert_eq!(civil_from_days(days + 1), successor(date), "{days}");
        }
    }

    /// The date after `date`, by the calendar's rules.
    fn successor(date: Date) -> Date {
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
        let length = match date.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        match (date.month, date.day) {
            (12, 31) => Date {
                year: date.year + 1,
                month: 1,
                day: 1,
            },
            (month, day) if day == length => Date {
                year: date.year,
                month: month + 1,
                day: 1,
            },
            (month, day) => Date {
                year: date.year,
                month,
                day: day + 1,
            },
        }
    }
}
