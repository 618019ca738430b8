//! Shortcuts for the exact shapes most inputs have: the ISO 8601 forms of
//! `toISOString()` and HTML, and RFC 2822 as `toUTCString()` and mail write
//! it.
//!
//! Each shortcut reads fixed byte positions and either returns the very
//! [`Fields`] the full parser would, or `None`, and the full parser decides.
//! It answers only when every field is plainly in range (no hour 24, no
//! two-digit year, no fraction other than three digits), so it never has to
//! repeat one of V8's corner rules. The tests at the bottom check it against
//! the full parser on every shape with every field value.

use super::Fields;

/// The fields of `input` if it has one of the shapes below, else `None`.
pub(super) fn parse(input: &[u8]) -> Option<Fields> {
    iso(input).or_else(|| rfc_2822(input))
}

/// `YYYY-MM-DD` (UTC), or `YYYY-MM-DDTHH:MM[:SS[.sss]]` followed by `Z`,
/// `±HH:MM` or nothing (local time).
fn iso(input: &[u8]) -> Option<Fields> {
    let (date, rest) = input.split_first_chunk::<10>()?;
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *date else {
        return None;
    };
    let year = digits([y0, y1, y2, y3])?;
    let month = digits([m0, m1]).filter(|m| (1..=12).contains(m))?;
    let day = digits([d0, d1]).filter(|d| (1..=31).contains(d))?;
    let mut fields = Fields {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
        // A date alone is UTC.
        utc_offset_seconds: Some(0),
    };
    if rest.is_empty() {
        return Some(fields);
    }

    let (&[b'T', h0, h1, b':', n0, n1], mut rest) = rest.split_first_chunk::<6>()? else {
        return None;
    };
    fields.hour = hour(h0, h1)?;
    fields.minute = minute(n0, n1)?;
    if let Some((&[b':', s0, s1], after)) = rest.split_first_chunk::<3>() {
        fields.second = minute(s0, s1)?;
        rest = after;
        if let Some((&[b'.', f0, f1, f2], after)) = rest.split_first_chunk::<4>() {
            fields.millisecond = digits([f0, f1, f2])?;
            rest = after;
        }
    }
    // A date-time without an offset is local time.
    fields.utc_offset_seconds = match *rest {
        [] => None,
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => Some(offset(sign, h0, h1, m0, m1)?),
        _ => return None,
    };
    Some(fields)
}

/// `[Www, ]D[D] Month YYYY[ HH:MM:SS]` followed by ` GMT`, `, GMT` (no
/// time), ` ±hhmm` (after a time) or nothing (local time): RFC 2822, `toUTCString()` and
/// the freeCodeCamp example `05 October 2011, GMT`. The month is the English
/// abbreviation or full name, capitalised, and the year at least 100 (V8
/// moves 0–99 into 1950–2049).
fn rfc_2822(input: &[u8]) -> Option<Fields> {
    // V8 ignores a word before the first number; the weekday is not checked
    // against the date. The names must not be keywords, and none of the
    // seven is.
    let rest = match input.split_first_chunk::<5>() {
        Some((&[a, b, c, b',', b' '], rest)) if is_weekday([a, b, c]) => rest,
        _ => input,
    };
    let (day, rest) = match *rest {
        [d0 @ b'0'..=b'9', b' ', ..] => (digits([d0])?, &rest[2..]),
        [d0, d1, b' ', ..] => (digits([d0, d1])?, &rest[3..]),
        _ => return None,
    };
    let (month, rest) = month_name(rest)?;
    let (&[y0, y1, y2, y3], mut rest) = rest.split_first_chunk::<4>()?;
    let mut fields = Fields {
        year: digits([y0, y1, y2, y3]).filter(|&y| y >= 100)?,
        month,
        day: Some(day).filter(|d| (1..=31).contains(d))?,
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
        utc_offset_seconds: None,
    };
    let mut has_time = false;
    if let Some((&[b' ', h0, h1, b':', n0, n1, b':', s0, s1], after)) =
        rest.split_first_chunk::<9>()
    {
        fields.hour = hour(h0, h1)?;
        fields.minute = minute(n0, n1)?;
        fields.second = minute(s0, s1)?;
        has_time = true;
        rest = after;
    }
    fields.utc_offset_seconds = match *rest {
        [] => None,
        [b' ', b'G', b'M', b'T'] => Some(0),
        // A time must not be followed by a comma.
        [b',', b' ', b'G', b'M', b'T'] if !has_time => Some(0),
        // V8 reads a sign as an offset only after a time (or GMT).
        [b' ', sign @ (b'+' | b'-'), h0, h1, m0, m1] if has_time => {
            Some(offset(sign, h0, h1, m0, m1)?)
        }
        _ => return None,
    };
    Some(fields)
}

/// A month's English abbreviation or full name, capitalised, and a space:
/// the month 1–12 and what follows the space.
fn month_name(text: &[u8]) -> Option<(i32, &[u8])> {
    const REST_OF_NAME: [&[u8]; 12] = [
        b"uary", b"ruary", b"ch", b"il", b"", b"e", b"y", b"ust", b"tember", b"ober", b"ember",
        b"ember",
    ];
    let (&abbreviation, rest) = text.split_first_chunk::<3>()?;
    let month = month_number(abbreviation)?;
    let rest = match rest.strip_prefix(REST_OF_NAME[month as usize - 1]) {
        Some(after) if after.first() == Some(&b' ') => after,
        _ => rest,
    };
    Some((month, rest.strip_prefix(b" ")?))
}

/// The value of ASCII decimal digits, if they all are.
fn digits<const N: usize>(bytes: [u8; N]) -> Option<i32> {
    bytes.iter().try_fold(0, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + i32::from(b - b'0'))
    })
}

/// An hour 00–23 (V8 also takes 24:00, which the full parser handles).
fn hour(h0: u8, h1: u8) -> Option<i32> {
    digits([h0, h1]).filter(|h| (0..=23).contains(h))
}

/// A minute or a second, 00–59.
fn minute(m0: u8, m1: u8) -> Option<i32> {
    digits([m0, m1]).filter(|m| (0..=59).contains(m))
}

/// A UTC offset in seconds east, from `±HH` and `MM`.
fn offset(sign: u8, h0: u8, h1: u8, m0: u8, m1: u8) -> Option<i32> {
    let seconds = hour(h0, h1)? * 3600 + minute(m0, m1)? * 60;
    Some(if sign == b'-' { -seconds } else { seconds })
}

fn is_weekday(name: [u8; 3]) -> bool {
    matches!(
        &name,
        b"Sun" | b"Mon" | b"Tue" | b"Wed" | b"Thu" | b"Fri" | b"Sat"
    )
}

/// 1–12 for the capitalised English month abbreviation.
fn month_number(name: [u8; 3]) -> Option<i32> {
    Some(match &name {
        b"Jan" => 1,
        b"Feb" => 2,
        b"Mar" => 3,
        b"Apr" => 4,
        b"May" => 5,
        b"Jun" => 6,
        b"Jul" => 7,
        b"Aug" => 8,
        b"Sep" => 9,
        b"Oct" => 10,
        b"Nov" => 11,
        b"Dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse_fields;
    use super::*;

    /// The shortcut must give the full parser's answer whenever it gives
    /// one. Returns whether it gave one.
    fn agrees(input: &str) -> bool {
        let fast = parse(input.as_bytes());
        if let Some(fields) = fast {
            assert_eq!(Some(fields), parse_fields(input.as_bytes()), "{input:?}");
        }
        fast.is_some()
    }

    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Fills each `#` of `shape` with a random digit, each `%` with a random
    /// digit 0–2 and each `@` with a random pick from `choices`.
    fn fill(shape: &str, choices: &[&str], random: &mut Random) -> String {
        let mut out = String::new();
        for c in shape.chars() {
            match c {
                '#' => out.push(char::from(b'0' + random.below(10) as u8)),
                '%' => out.push(char::from(b'0' + random.below(3) as u8)),
                '@' => out.push_str(choices[random.below(choices.len())]),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn known_answers() {
        let table: &[(&str, bool)] = &[
            ("2016-12-25", true),
            ("2016-12-25T10:20:30.123Z", true),
            ("2016-12-25T10:20:30Z", true),
            ("2016-12-25T10:20", true),
            ("2016-12-25T10:20:30.123+05:30", true),
            ("Sun, 25 Dec 2016 00:00:00 GMT", true),
            ("Mon, 25 Dec 1995 13:30:00 +0430", true),
            ("25 Dec 1995 13:30:00", true),
            ("Mon, 5 Dec 1995 13:30:00 -0800", true),
            ("05 October 2011, GMT", true),
            ("25 December 2016", true),
            ("1 May 2016 GMT", true),
            ("Sun, 25 December 2016 10:00:00 GMT", true),
            ("Sun, 25 December 2016 10:00:00, GMT", false),
            ("05 Octob 2011, GMT", false),
            ("05 Sept 2011", false),
            ("05 October 2011 +0100", false),
            // Left to the full parser.
            ("2016-12-25T24:00:00Z", false),
            ("2016-12-25T10:20:30.1Z", false),
            ("2016-13-25", false),
            ("2016-12-25t10:20Z", false),
            ("Sun, 25 Dec 0049 00:00:00 GMT", false),
            ("Sun, 25 dec 2016 00:00:00 GMT", false),
            ("Sun, 25 Dec 2016 00:00 GMT", false),
            ("Dec, 25 Dec 2016 00:00:00 GMT", false),
            ("1451001600000", false),
            ("", false),
        ];
        for &(input, answered) in table {
            assert_eq!(agrees(input), answered, "{input:?}");
        }
    }

    #[test]
    fn every_field_value_agrees_with_the_full_parser() {
        // `#` is any digit, `%` a digit 0–2 (so that months and hours land
        // in range often enough), `@` one of the choices.
        let shapes: &[(&str, &[&str])] = &[
            ("####-##-##", &[]),
            ("####-%#-##T%#:##", &[]),
            ("####-%#-##T##:##:##", &[]),
            ("####-%#-##T%#:##:##.###@", &["", "Z", "+", "-"]),
            ("####-%#-##T%#:##:##.###@%#:##", &["+", "-"]),
            ("####-%#-##T%#:##@##:##", &["+", "-"]),
            ("@, ## Dec #### %#:##:## GMT", &["Sun", "Mon", "Sat"]),
            ("@ # Feb #### ##:##:##", &["Thu,", ""]),
            ("## @ #### %#:##:## +####", &["Jan", "Jun", "Sep", "Dec"]),
            ("Wed, ## Oct #### %#:##:## @%###", &["+", "-"]),
            (
                "## @ ####, GMT",
                &["January", "February", "March", "May", "October"],
            ),
            ("# @ ####", &["Aug", "August", "Sept", "Nov", "November"]),
            (
                "Fri, ## December ####@",
                &["", " GMT", ", GMT", " +0100", ",GMT"],
            ),
        ];
        let mut random = Random(2016);
        for &(shape, choices) in shapes {
            let mut answered = 0;
            for _ in 0..40_000 {
                answered += usize::from(agrees(&fill(shape, choices, &mut random)));
            }
            // Random digits put most fields out of range; enough must land
            // in range for the comparison to mean something.
            assert!(answered > 100, "{shape}: {answered} answered");
        }
    }

    #[test]
    fn one_changed_byte_agrees_with_the_full_parser() {
        let bytes = b"0123456789 -+:.,TZtzGMTDecSunx\xc2\xa0";
        let mut random = Random(1995);
        for base in [
            "2016-12-25T10:20:30.123Z",
            "2016-12-25T10:20:30.123+05:30",
            "Mon, 25 Dec 1995 13:30:00 +0430",
            "Sun, 25 Dec 2016 00:00:00 GMT",
            "05 October 2011, GMT",
        ] {
            for _ in 0..20_000 {
                let mut input = base.as_bytes().to_vec();
                let at = random.below(input.len() + 1);
                match random.below(3) {
                    0 if at < input.len() => input[at] = bytes[random.below(bytes.len())],
                    1 => input.insert(at, bytes[random.below(bytes.len())]),
                    _ if at < input.len() => {
                        input.remove(at);
                    }
                    _ => {}
                }
                agrees(&String::from_utf8_lossy(&input));
            }
        }
    }
}
