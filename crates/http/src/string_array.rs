//! Reads the batch body: a JSON array of strings (RFC 8259), nothing else.
//!
//! Written here rather than with serde_json's deserializer, which reads any
//! JSON and, to word its errors, formats floats: a large share of the
//! component (its size is in BENCHMARKS.md) for a body that is only ever
//! strings. serde_json stays the
//! reference: the tests compare this reader with it on generated bodies.

/// The strings of `json`, a JSON array of strings with optional whitespace
/// around its tokens; `None` for anything else (other values, invalid
/// UTF-8, unescaped control characters, lone surrogates, trailing bytes).
///
/// ```
/// use timestamp_http::string_array::parse;
///
/// assert_eq!(parse(br#" ["2016-12-25", "\u00e9"] "#), Some(vec!["2016-12-25".into(), "é".into()]));
/// assert_eq!(parse(b"[1]"), None);
/// ```
pub fn parse(json: &[u8]) -> Option<Vec<String>> {
    // Checked once, so that every slice between delimiters below is UTF-8.
    let json = std::str::from_utf8(json).ok()?;
    let mut reader = Reader {
        bytes: json.as_bytes(),
        text: json,
        at: 0,
    };
    reader.skip_whitespace();
    reader.expect(b'[')?;
    reader.skip_whitespace();
    let mut strings = Vec::new();
    if reader.peek() == Some(b']') {
        reader.at += 1;
    } else {
        loop {
            strings.push(reader.string()?);
            reader.skip_whitespace();
            match reader.next()? {
                b',' => reader.skip_whitespace(),
                b']' => break,
                _ => return None,
            }
        }
    }
    reader.skip_whitespace();
    (reader.at == reader.bytes.len()).then_some(strings)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// A string token, unescaped.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            // Plain characters up to the next quote or escape, at once.
            let start = self.at;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Quote, backslash and control bytes are ASCII, so these are
            // char boundaries.
            out.push_str(&self.text[start..self.at]);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(self.escape()?),
                _ => return None, // a control character
            }
        }
    }

    /// The character an escape after its backslash stands for.
    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by an escaped
                        // low one.
                        self.expect(b'\\')?;
                        self.expect(b'u')?;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code)?
                    }
                    _ => char::from_u32(unit)?, // None for a lone low surrogate
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        self.at += 4;
        digits
            .iter()
            .try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde_json_reads(json: &[u8]) -> Option<Vec<String>> {
        serde_json::from_slice::<Vec<String>>(json).ok()
    }

    #[test]
    fn bodies() {
        // (body, the strings, or None for a 400)
        let table: &[(&str, Option<&[&str]>)] = &[
            ("[]", Some(&[])),
            (" [ ] ", Some(&[])),
            ("\t\r\n[\"a\"]\n", Some(&["a"])),
            (r#"["2016-12-25","x",""]"#, Some(&["2016-12-25", "x", ""])),
            (r#"["\"\\\/\b\f\n\r\t"]"#, Some(&["\"\\/\u{8}\u{c}\n\r\t"])),
            (r#"["\u0041\u00e9\u20AC"]"#, Some(&["Aé€"])),
            (r#"["\ud83d\ude00"]"#, Some(&["😀"])),
            (r#"["é 😀"]"#, Some(&["é 😀"])),
            ("", None),
            ("[", None),
            ("]", None),
            ("[,]", None),
            (r#"["a",]"#, None),
            (r#"["a" "b"]"#, None),
            (r#"["a"]x"#, None),
            (r#"["a"][]"#, None),
            ("[1]", None),
            ("[null]", None),
            (r#"[["a"]]"#, None),
            (r#"{"a":"b"}"#, None),
            ("\"a\"", None),
            (r#"["a"#, None),
            ("[\"a\u{1}\"]", None),
            (r#"["\x"]"#, None),
            (r#"["\u12"]"#, None),
            (r#"["\u12G4"]"#, None),
            (r#"["\ud83d"]"#, None),
            (r#"["\ud83dx"]"#, None),
            (r#"["\ud83d\u0041"]"#, None),
            (r#"["\ude00"]"#, None),
            ("\u{feff}[]", None),
            ("[\"a\"]\u{a0}", None),
        ];
        for &(body, expected) in table {
            let expected = expected.map(|s| s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(parse(body.as_bytes()), expected, "{body:?}");
            assert_eq!(
                serde_json_reads(body.as_bytes()),
                expected,
                "serde_json {body:?}"
            );
        }
        assert_eq!(parse(b"[\"\xff\"]"), None);
        assert_eq!(serde_json_reads(b"[\"\xff\"]"), None);
    }

    /// Pieces of JSON bodies, right and wrong.
    fn body_like() -> impl Strategy<Value = Vec<u8>> {
        let token = prop_oneof![
            prop::sample::select(vec![
                "[", "]", ",", "\"", "\\", " ", "\n", "\t", "1", "null", "\\u", "\\n", "\\\"",
                "d83d", "de00", "00e9", "0041", "x", "é", "😀", "\u{1}", "\u{7f}",
            ])
            .prop_map(|s| s.as_bytes().to_vec()),
            any::<u8>().prop_map(|b| vec![b]),
            "[a-zA-Z0-9 :.-]{0,12}".prop_map(|s| format!("\"{s}\"").into_bytes()),
        ];
        prop::collection::vec(token, 0..16).prop_map(|tokens| tokens.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn reads_as_serde_json_reads(bracketed in any::<bool>(), body in body_like()) {
            // Half of them inside brackets, where most of the grammar is.
            let body = if bracketed { [&b"["[..], &body, b"]"].concat() } else { body };
            prop_assert_eq!(parse(&body), serde_json_reads(&body));
        }

        #[test]
        fn arrays_of_any_strings_read_back(strings in prop::collection::vec(any::<String>(), 0..6)) {
            let json = serde_json::to_vec(&strings).unwrap();
            prop_assert_eq!(parse(&json), Some(strings));
        }
    }
}
