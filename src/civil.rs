//! Calendar arithmetic on the proleptic Gregorian calendar, over the whole
//! JavaScript range.
//!
//! JavaScript dates span ±8.64e15 ms, years −271821 to 275760. chrono's dates
//! stop at year ±262143 and jiff's at ±9999, so this module does the
//! arithmetic itself, with Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms (exact for every `i64` year this crate can
//! produce, no loops, no tables).

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

/// The calendar date `days` days after 1970-01-01.
pub(crate) const fn civil_from_days(days: i64) -> Date {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    // Within an era everything is small and non-negative: u32 division by a
    // constant is a few instructions cheaper than i64's.
    let day_of_era = (days - era * 146_097) as u32; // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // [0, 11]
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era as i64 + era * 400 + if month <= 2 { 1 } else { 0 };
    Date {
        year,
        month: month as u8,
        day: day as u8,
    }
}

/// Day of the week, 0 = Sunday, for `days` days after 1970-01-01 (a
/// Thursday).
pub(crate) const fn weekday_from_days(days: i64) -> u8 {
    (days + 4).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // (year, month, day, days since the epoch, weekday)
        let table: &[(i64, u8, u8, i64, u8)] = &[
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
                days,
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
            assert_eq!(civil_from_days(days_from_civil(year, month, day)), expected);
        }
    }

    fn date(year: i64, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn round_trip_across_many_eras() {
        let mut days = -100_000_000;
        while days <= 100_000_000 {
            let date = civil_from_days(days);
            assert_eq!(
                days_from_civil(date.year, date.month, i64::from(date.day)),
                days
            );
            days += 9_973;
        }
    }
}
