//! The answer's JSON text: the one writer of every conversion's JSON (the
//! service's answers, the CLI's lines).

use std::borrow::Cow;

use crate::{Error, LocalZone, Options, Timestamp};

/// The body for every input that is not a date.
pub(crate) const INVALID_DATE_JSON: &str = r#"{"error":"Invalid Date"}"#;

impl<Z: LocalZone> Options<Z> {
    /// [`Options::convert`], answered as JSON: see [`Options::to_json`].
    pub fn answer(&self, input: &str, now: impl FnOnce() -> Timestamp) -> Cow<'static, str> {
        self.to_json(self.convert(input, now))
    }

    /// The JSON of a conversion's result, without a trailing newline:
    /// `{"unix":…,"utc":"…"}` with `"iso"` for [`Format::Full`] and
    /// `"local"` and `"tz"` with a zone, or `{"error":"Invalid Date"}`.
    ///
    /// Written directly rather than through serde: every request takes this
    /// path, and the texts (`toUTCString()`, ISO 8601) hold no character
    /// JSON escapes. Invalid Date is a constant, borrowed.
    ///
    /// [`Format::Full`]: crate::Format::Full
    ///
    /// ```
    /// use jsdate::{Error, Options, Timestamp};
    ///
    /// let t = Timestamp::from_unix_ms(1_482_624_000_000);
    /// assert_eq!(Options::new().to_json(t), r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT"}"#);
    /// assert_eq!(Options::new().to_json(Err(Error::NotADate)), r#"{"error":"Invalid Date"}"#);
    /// ```
    pub fn to_json(&self, result: Result<Timestamp, Error>) -> Cow<'static, str> {
        if result.is_err() {
            return Cow::Borrowed(INVALID_DATE_JSON);
        }
        let mut json = String::with_capacity(64);
        self.write_json(result, &mut json);
        Cow::Owned(json)
    }

    /// [`Options::to_json`], appended to `out`: a writer of many answers in
    /// one text (the API's batch) then needs no text of its own per answer.
    ///
    /// ```
    /// use jsdate::{Error, Options, Timestamp};
    ///
    /// let mut out = String::from("[");
    /// Options::new().write_json(Timestamp::from_unix_ms(0), &mut out);
    /// out.push(',');
    /// Options::new().write_json(Err(Error::NotADate), &mut out);
    /// out.push(']');
    /// assert_eq!(out, r#"[{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"},{"error":"Invalid Date"}]"#);
    /// ```
    pub fn write_json(&self, result: Result<Timestamp, Error>, out: &mut String) {
        let Ok(t) = result else {
            out.push_str(INVALID_DATE_JSON);
            return;
        };
        let fields = self.fields(t);
        out.push_str(r#"{"unix":"#);
        out.push_str(itoa::Buffer::new().format(fields.unix));
        out.push_str(r#","utc":""#);
        out.push_str(fields.utc.as_str());
        if let Some(iso) = &fields.iso {
            out.push_str(r#"","iso":""#);
            out.push_str(iso.as_str());
        }
        if let Some((local, tz)) = &fields.local {
            out.push_str(r#"","local":""#);
            out.push_str(local.as_str());
            out.push_str(r#"","tz":"#);
            // IANA names are letters, digits and `/_-+`, but a string
            // serializer costs nothing here and keeps the JSON valid.
            out.push_str(&serde_json::to_string(tz).unwrap_or_default());
        } else {
            out.push('"');
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::{Error, Format, Options, Timestamp, Utc};

    fn date(ms: i64) -> Result<Timestamp, Error> {
        Timestamp::from_unix_ms(ms)
    }

    #[test]
    fn bodies() {
        let full = Options::<Utc> {
            format: Format::Full,
            ..Options::default()
        };
        let zoned = Options {
            zone: Some(Utc),
            ..full.clone()
        };
        let table: &[(&Options, Result<Timestamp, Error>, &str)] = &[
            (
                &Options::new(),
                date(0),
                r#"{"unix":0,"utc":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
            ),
            (
                &Options::new(),
                date(-8_640_000_000_000_000),
                r#"{"unix":-8640000000000000,"utc":"Tue, 20 Apr -271821 00:00:00 GMT"}"#,
            ),
            (
                &Options::new(),
                Err(Error::NotADate),
                r#"{"error":"Invalid Date"}"#,
            ),
            (
                &Options::new(),
                Err(Error::OutOfRange),
                r#"{"error":"Invalid Date"}"#,
            ),
            (
                &full,
                date(1_482_624_000_000),
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z"}"#,
            ),
            (&full, Err(Error::NotADate), r#"{"error":"Invalid Date"}"#),
            (
                &zoned,
                date(1_482_624_000_000),
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z","local":"2016-12-25T00:00:00.000+00:00","tz":"UTC"}"#,
            ),
        ];
        for (options, result, expected) in table {
            assert_eq!(
                options.to_json(*result),
                *expected,
                "{options:?} {result:?}"
            );
        }
    }

    /// The direct writer agrees with serde_json on every field's value.
    #[test]
    fn the_json_is_what_serde_json_reads_across_the_range() {
        let options = Options {
            format: Format::Full,
            zone: Some(Utc),
            ..Options::default()
        };
        let mut ms = -Timestamp::MAX_UNIX_MS;
        while ms <= Timestamp::MAX_UNIX_MS {
            let t = Timestamp::from_unix_ms(ms).unwrap();
            let expected = json!({
                "unix": ms,
                "utc": t.utc_string().as_str(),
                "iso": t.iso_string().as_str(),
                "local": t.iso_string_with_offset(0).as_str(),
                "tz": "UTC",
            });
            let got: Value = serde_json::from_str(&options.to_json(Ok(t))).unwrap();
            assert_eq!(got, expected, "{ms}");
            ms += 86_399_999_937_123;
        }
    }
}
