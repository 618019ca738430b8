//! serde for answers and options (the `serde` feature). Answers serialize
//! to exactly the JSON [`Options::to_json`] writes, field for field; the
//! service writes that JSON directly, so serde is only for callers who hold
//! answers in their own serializable types. Options read and write the
//! API's names and values: `{"unit":"s","format":"full","tz":"Asia/Tokyo"}`.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{Answer, DateFields, DateText, Error, Format, LocalZone, Options, Timestamp, Unit};

/// Milliseconds since the epoch, as the API's `unix`.
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.unix_ms())
    }
}

/// Milliseconds since the epoch, within JavaScript's range.
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let unix_ms = i64::deserialize(deserializer)?;
        Timestamp::from_unix_ms(unix_ms).map_err(|_| {
            de::Error::invalid_value(
                de::Unexpected::Signed(unix_ms),
                &"milliseconds within ±8.64e15 of the epoch",
            )
        })
    }
}

/// The text, as a string.
impl Serialize for DateText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `{"error":"Invalid Date"}`, or the option's message.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("error", &self.to_string())?;
        map.end()
    }
}

/// `{"unix":…,"utc":…}`, then `iso`, `local` and `tz` where present.
impl Serialize for DateFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 2 + usize::from(self.iso.is_some()) + 2 * usize::from(self.local.is_some());
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("unix", &self.unix)?;
        map.serialize_entry("utc", &self.utc)?;
        if let Some(iso) = &self.iso {
            map.serialize_entry("iso", iso)?;
        }
        if let Some((local, tz)) = &self.local {
            map.serialize_entry("local", local)?;
            map.serialize_entry("tz", tz)?;
        }
        map.end()
    }
}

/// The date's fields or the error, as the API answers.
impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Date(fields) => fields.serialize(serializer),
            Answer::Error(error) => error.serialize(serializer),
        }
    }
}

/// `s`, `ms`, `us`, `ns` or `auto`.
impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unit, D::Error> {
        deserializer.deserialize_str(ByName(
            "a unit: s, ms, us, ns or auto",
            core::marker::PhantomData,
        ))
    }
}

/// `default` or `full`.
impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Format {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Format, D::Error> {
        deserializer.deserialize_str(ByName(
            "a format: default or full",
            core::marker::PhantomData,
        ))
    }
}

/// A value read from its name by `FromStr` (a [`Unit`], a [`Format`]).
struct ByName<T>(&'static str, core::marker::PhantomData<T>);

impl<T: core::str::FromStr<Err = Error>> Visitor<'_> for ByName<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<T, E> {
        name.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(name), &self))
    }
}

/// `{"unit":…,"format":…}`, with `"tz"`, the zone's name, when there is a
/// zone.
impl<Z: LocalZone> Serialize for Options<Z> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.zone.is_some())))?;
        map.serialize_entry("unit", &self.unit)?;
        map.serialize_entry("format", &self.format)?;
        if let Some(zone) = &self.zone {
            map.serialize_entry("tz", zone.name())?;
        }
        map.end()
    }
}

/// Any of `unit`, `format` and `tz`, each read by [`Options::set`] as the
/// API reads its query; another name is an error.
impl<'de, Z: LocalZone> Deserialize<'de> for Options<Z> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Options<Z>, D::Error> {
        deserializer.deserialize_map(OptionsVisitor(core::marker::PhantomData))
    }
}

struct OptionsVisitor<Z>(core::marker::PhantomData<Z>);

impl<'de, Z: LocalZone> Visitor<'de> for OptionsVisitor<Z> {
    type Value = Options<Z>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of unit, format and tz")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Options<Z>, A::Error> {
        const FIELDS: &[&str] = &["unit", "format", "tz"];
        let mut options = Options::default();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value::<String>()?;
            match options.set(&name, &value) {
                Ok(true) => {}
                Ok(false) => return Err(de::Error::unknown_field(&name, FIELDS)),
                Err(e) => return Err(de::Error::custom(format_args!("{name}: {e}"))),
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Utc;

    /// UTC+9, found by its name.
    #[derive(Clone, Debug, PartialEq)]
    struct Tokyo;

    impl LocalZone for Tokyo {
        fn find(name: &str) -> Option<Tokyo> {
            (name == "Asia/Tokyo").then_some(Tokyo)
        }
        fn name(&self) -> &str {
            "Asia/Tokyo"
        }
        fn offset_ms(&self, _unix_ms: i64) -> i64 {
            9 * 3_600_000
        }
    }

    /// serde_json's text of `value`.
    fn json(value: &impl Serialize) -> String {
        serde_json::to_string(value).expect("serializes")
    }

    #[test]
    fn answers_are_the_direct_writers_json() {
        let inputs = [
            "2016-12-25",
            "1451001600000",
            "05 October 2011, GMT",
            "this-is-not-a-date",
            "-271821-04-20T00:00:00Z",
            "+275760-09-13T00:00:00Z",
            "8640000000000001",
            "Jul 1 2024 12:00",
        ];
        let full = Options::<Tokyo> {
            format: Format::Full,
            ..Options::default()
        };
        let zoned = Options {
            unit: Unit::Seconds,
            zone: Some(Tokyo),
            ..full.clone()
        };
        for input in inputs {
            let now = || Timestamp::MIN;
            let plain = Options::<Utc>::new();
            let result = plain.convert(input, now);
            assert_eq!(
                json(&plain.to_answer(result)),
                plain.to_json(result),
                "{input}"
            );
            for options in [&full, &zoned] {
                let result = options.convert(input, now);
                assert_eq!(
                    json(&options.to_answer(result)),
                    options.to_json(result),
                    "{input}"
                );
            }
        }
    }

    #[test]
    fn timestamps_are_milliseconds_within_range() {
        // (JSON, the timestamp it reads as, or None)
        let table = [
            ("0", Some(0)),
            ("-1", Some(-1)),
            ("8640000000000000", Some(8_640_000_000_000_000)),
            ("-8640000000000000", Some(-8_640_000_000_000_000)),
            ("8640000000000001", None),
            ("1.5", None),
            ("\"0\"", None),
        ];
        for (text, ms) in table {
            let read = serde_json::from_str::<Timestamp>(text).ok();
            assert_eq!(read.map(Timestamp::unix_ms), ms, "{text}");
            if let Some(t) = read {
                assert_eq!(json(&t), text);
            }
        }
    }

    #[test]
    fn options_read_and_write_the_apis_names() {
        // (JSON in, JSON out or None for an error)
        let table = [
            ("{}", Some(r#"{"unit":"ms","format":"default"}"#)),
            (
                r#"{"unit":"s","format":"full","tz":"Asia/Tokyo"}"#,
                Some(r#"{"unit":"s","format":"full","tz":"Asia/Tokyo"}"#),
            ),
            (
                r#"{"unit":"auto"}"#,
                Some(r#"{"unit":"auto","format":"default"}"#),
            ),
            (r#"{"unit":"h"}"#, None),
            (r#"{"format":"xml"}"#, None),
            (r#"{"tz":"Mars/Olympus"}"#, None),
            (r#"{"zone":"UTC"}"#, None),
            (r#"{"unit":1}"#, None),
        ];
        for (text, out) in table {
            let read = serde_json::from_str::<Options<Tokyo>>(text).ok();
            assert_eq!(read.as_ref().map(json).as_deref(), out, "{text}");
        }
        for unit in [
            Unit::Seconds,
            Unit::Milliseconds,
            Unit::Microseconds,
            Unit::Nanoseconds,
            Unit::Auto,
        ] {
            assert_eq!(serde_json::from_str::<Unit>(&json(&unit)).ok(), Some(unit));
        }
        assert!(serde_json::from_str::<Format>(r#""xml""#).is_err());
    }
}
