//! `Date.parse(string)` as V8 computes it (node 20, V8 11.3), with local time
//! read as UTC.
//!
//! A port of V8's state machine (`src/date/dateparser.h`,
//! `dateparser-inl.h`, `dateparser.cc`, and `ParseDateTimeString` in
//! `builtins-date.cc`): a tokenizer, an ES5 ISO stage that gets as far as it
//! can, and the legacy stage that takes over from the first token the ISO
//! stage did not use. Three composers collect the day, the time and the
//! offset; their `write` methods apply V8's defaults and checks. The names
//! follow V8's so the two can be read side by side.
//!
//! The input is scanned as bytes. That gives V8's answers on UTF-16 code
//! units: every character V8 treats specially is ASCII but for the Unicode
//! spaces (matched by their UTF-8 bytes), every other non-ASCII code unit is
//! "≥ 'A'" and so part of a word, and a UTF-8 sequence never splits a word.
//! Only a word's first three letters and whether it is longer than three
//! matter, and both agree in the two encodings.

use crate::Error;
use crate::civil::{self, MS_PER_DAY};
use crate::timestamp::Timestamp;

mod fast;

/// `kNone`: a slot that holds no value.
const NONE: i32 = i32::MAX;

/// Significant digits past the ninth do not count toward a number's value.
const MAX_SIGNIFICANT_DIGITS: usize = 9;

/// V8 stores the offset in seconds as a Smi (31-bit payload on node's 64-bit
/// builds); anything larger makes the string invalid.
const SMI_MAX: u32 = i32::MAX as u32;

/// `MakeDay` returns NaN for years outside ±1,000,000; all of them lie
/// outside the time range, and the bound keeps the arithmetic small.
const MAX_ABS_YEAR: i64 = 1_000_000;

/// Parses `text` as V8's `Date.parse` does, reading a time without an offset
/// as UTC.
pub(crate) fn parse_date_string(text: &str) -> Result<Timestamp, Error> {
    parse_date_string_in(text, &crate::local_zone::Utc)
}

/// Parses `text` as V8 does with its local time zone set to `zone`.
pub(crate) fn parse_date_string_in(
    text: &str,
    zone: &impl crate::LocalZone,
) -> Result<Timestamp, Error> {
    let input = text.as_bytes();
    // Every date has a digit (`DayComposer::Write` wants a number, and the
    // shortcuts read digits), so text without one is not a date. Checking
    // that first spares both parsers the most common kind of invalid input,
    // a word or a phrase.
    if !input.iter().any(u8::is_ascii_digit) {
        return Err(Error::NotADate);
    }
    let fields = fast::parse(input)
        .or_else(|| parse_fields(input))
        .ok_or(Error::NotADate)?;
    fields.to_timestamp(zone)
}

/// What the parser read: V8's output array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fields {
    year: i32,
    /// 1–12.
    month: i32,
    /// 1–31.
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    millisecond: i32,
    /// Seconds east of UTC, or `None` for local time (here: UTC).
    utc_offset_seconds: Option<i32>,
}

impl Fields {
    /// `MakeDay`, `MakeTime`, `MakeDate`, the offset (or, for local time,
    /// `local_to_utc`), then `TimeClip`.
    fn to_timestamp(self, zone: &impl crate::LocalZone) -> Result<Timestamp, Error> {
        let year = i64::from(self.year);
        if !(-MAX_ABS_YEAR..=MAX_ABS_YEAR).contains(&year) {
            return Err(Error::OutOfRange);
        }
        let days = civil::days_from_civil(year, self.month as u8, i64::from(self.day));
        let time = i64::from(self.hour) * 3_600_000
            + i64::from(self.minute) * 60_000
            + i64::from(self.second) * 1000
            + i64::from(self.millisecond);
        let date = days * MS_PER_DAY + time;
        let utc = match self.utc_offset_seconds {
            Some(offset) => date - i64::from(offset) * 1000,
            // V8 refuses local times more than a month past the range
            // before it asks the zone (DateCache::kMaxTimeBeforeUTCInMs).
            None if date.abs() > Timestamp::MAX_UNIX_MS + 30 * MS_PER_DAY => {
                return Err(Error::OutOfRange);
            }
            None => zone.local_to_utc_ms(date),
        };
        Timestamp::from_unix_ms(utc)
    }
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeywordType {
    /// A word that is no keyword.
    Invalid,
    MonthName,
    TimeZoneName,
    TimeSeparator,
    AmPm,
}

/// A token's length in bytes, saturating: V8 only ever compares lengths with
/// numbers up to 9, and a small token (8 bytes) stays in registers.
type Length = u16;

fn saturating_length(bytes: usize) -> Length {
    Length::try_from(bytes).unwrap_or(Length::MAX)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// The ISO stage found the string broken past repair.
    Invalid,
    /// A character the grammar ignores, or a parenthesised comment.
    Unknown,
    Number {
        /// The value of the first nine significant digits.
        value: i32,
        /// How many digits there were.
        length: Length,
    },
    /// One of `: - + . )`.
    Symbol(u8),
    WhiteSpace,
    /// A word: a run of characters at or above `'A'`.
    Keyword {
        kind: KeywordType,
        /// A month (1–12), an hour offset (−8–0) or am/pm (0, 12).
        value: i8,
        length: Length,
    },
    EndOfInput,
}

impl Token {
    fn is_number(self) -> bool {
        matches!(self, Token::Number { .. })
    }

    fn is_fixed_length_number(self, digits: Length) -> bool {
        matches!(self, Token::Number { length, .. } if length == digits)
    }

    /// The number's value; V8 only asks after checking it is a number.
    fn number(self) -> i32 {
        match self {
            Token::Number { value, .. } => value,
            _ => 0,
        }
    }

    fn is_symbol(self, symbol: u8) -> bool {
        self == Token::Symbol(symbol)
    }

    /// `+1` for `+`, `-1` for `-`.
    fn ascii_sign(self) -> Option<i32> {
        match self {
            Token::Symbol(b'+') => Some(1),
            Token::Symbol(b'-') => Some(-1),
            _ => None,
        }
    }

    fn is_keyword_type(self, wanted: KeywordType) -> bool {
        matches!(self, Token::Keyword { kind, .. } if kind == wanted)
    }

    /// The word `z` alone (a UTC designator).
    fn is_keyword_z(self) -> bool {
        self == Token::Keyword {
            kind: KeywordType::TimeZoneName,
            value: 0,
            length: 1,
        }
    }
}

/// Looks a word up by its lower-cased first three letters (zero-padded) and
/// its length. Only month names may be longer than their three letters.
fn lookup_keyword(prefix: [u8; 3], length: usize) -> (KeywordType, i8) {
    use KeywordType::*;
    let (kind, value) = match &prefix {
        b"jan" => (MonthName, 1),
        b"feb" => (MonthName, 2),
        b"mar" => (MonthName, 3),
        b"apr" => (MonthName, 4),
        b"may" => (MonthName, 5),
        b"jun" => (MonthName, 6),
        b"jul" => (MonthName, 7),
        b"aug" => (MonthName, 8),
        b"sep" => (MonthName, 9),
        b"oct" => (MonthName, 10),
        b"nov" => (MonthName, 11),
        b"dec" => (MonthName, 12),
        b"am\0" => (AmPm, 0),
        b"pm\0" => (AmPm, 12),
        b"ut\0" | b"utc" | b"z\0\0" | b"gmt" => (TimeZoneName, 0),
        b"cdt" => (TimeZoneName, -5),
        b"cst" => (TimeZoneName, -6),
        b"edt" => (TimeZoneName, -4),
        b"est" => (TimeZoneName, -5),
        b"mdt" => (TimeZoneName, -6),
        b"mst" => (TimeZoneName, -7),
        b"pdt" => (TimeZoneName, -7),
        b"pst" => (TimeZoneName, -8),
        b"t\0\0" => (TimeSeparator, 0),
        _ => return (Invalid, 0),
    };
    if length <= 3 || kind == MonthName {
        (kind, value)
    } else {
        (Invalid, 0)
    }
}

/// V8's `DateStringTokenizer` over its `InputReader`, with one token of
/// lookahead.
struct Scanner<'a> {
    input: &'a [u8],
    position: usize,
    next: Token,
}

impl<'a> Scanner<'a> {
    fn new(input: &'a [u8]) -> Scanner<'a> {
        // V8 reads a NUL as the end of the string.
        let end = input.iter().position(|&b| b == 0).unwrap_or(input.len());
        let mut scanner = Scanner {
            input: &input[..end],
            position: 0,
            next: Token::EndOfInput,
        };
        scanner.next = scanner.scan();
        scanner
    }

    fn next(&mut self) -> Token {
        let token = self.next;
        self.next = self.scan();
        token
    }

    fn peek(&self) -> Token {
        self.next
    }

    fn skip_symbol(&mut self, symbol: u8) -> bool {
        if self.next.is_symbol(symbol) {
            self.next = self.scan();
            true
        } else {
            false
        }
    }

    fn current(&self) -> Option<u8> {
        self.input.get(self.position).copied()
    }

    fn scan(&mut self) -> Token {
        let Some(c) = self.current() else {
            return Token::EndOfInput;
        };
        match c {
            b'0'..=b'9' => self.read_number(),
            b':' | b'-' | b'+' | b'.' | b')' => {
                self.position += 1;
                Token::Symbol(c)
            }
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => self.skip_white_space(),
            b'A'.. if unicode_space_len(&self.input[self.position..]).is_some() => {
                self.skip_white_space()
            }
            b'A'.. => self.read_word(),
            b'(' => {
                self.skip_parentheses();
                Token::Unknown
            }
            _ => {
                self.position += 1;
                Token::Unknown
            }
        }
    }

    /// A run of white space, ASCII or Unicode, as one token. V8 makes one
    /// token of each character, but no rule looks past the first of a run
    /// and every rule ignores the rest, so the answers are the same, and a
    /// megabyte of spaces stays cheap.
    fn skip_white_space(&mut self) -> Token {
        loop {
            match self.current() {
                Some(b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') => self.position += 1,
                Some(0x80..) => match unicode_space_len(&self.input[self.position..]) {
                    Some(len) => self.position += len,
                    None => return Token::WhiteSpace,
                },
                _ => return Token::WhiteSpace,
            }
        }
    }

    fn read_number(&mut self) -> Token {
        let start = self.position;
        // Leading zeros are skipped first: they count toward the length but
        // not toward the nine significant digits.
        while self.current() == Some(b'0') {
            self.position += 1;
        }
        let significant_start = self.position;
        let mut value = 0i32;
        while let Some(c @ b'0'..=b'9') = self.current() {
            if self.position - significant_start < MAX_SIGNIFICANT_DIGITS {
                value = value * 10 + i32::from(c - b'0');
            }
            self.position += 1;
        }
        Token::Number {
            value,
            length: saturating_length(self.position - start),
        }
    }

    fn read_word(&mut self) -> Token {
        let start = self.position;
        let rest = &self.input[start..];
        let length = rest
            .iter()
            .enumerate()
            .position(|(i, &c)| c < b'A' || (c >= 0x80 && unicode_space_len(&rest[i..]).is_some()))
            .unwrap_or(rest.len());
        self.position += length;
        let mut prefix = [0u8; 3];
        for (slot, &c) in prefix.iter_mut().zip(&rest[..length]) {
            // V8's AsciiAlphaToLower: `c | 0x20`, whatever c is.
            *slot = c | 0x20;
        }
        let (kind, value) = lookup_keyword(prefix, length);
        Token::Keyword {
            kind,
            value,
            length: saturating_length(length),
        }
    }

    /// Skips a parenthesised comment, nested; an unclosed one runs to the end.
    fn skip_parentheses(&mut self) {
        let mut balance = 0u32;
        while let Some(c) = self.current() {
            match c {
                b'(' => balance += 1,
                b')' => balance -= 1,
                _ => {}
            }
            self.position += 1;
            if balance == 0 {
                break;
            }
        }
    }
}

/// The UTF-8 length of the non-ASCII JavaScript white space (`Zs` and
/// U+FEFF) that `bytes` starts with. Those end a word; the line terminators
/// U+2028 and U+2029 do not, in V8's date parser.
fn unicode_space_len(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xC2, 0xA0, ..] => Some(2),                  // U+00A0 no-break space
        [0xE1, 0x9A, 0x80, ..]                        // U+1680 ogham space mark
        | [0xE2, 0x80, 0x80..=0x8A | 0xAF, ..]        // U+2000–U+200A, U+202F
        | [0xE2, 0x81, 0x9F, ..]                      // U+205F
        | [0xE3, 0x80, 0x80, ..]                      // U+3000 ideographic space
        | [0xEF, 0xBB, 0xBF, ..] => Some(3),          // U+FEFF byte order mark
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Composers

fn between(x: i32, lo: i32, hi: i32) -> bool {
    (lo..=hi).contains(&x)
}

fn is_month(x: i32) -> bool {
    between(x, 1, 12)
}

fn is_day(x: i32) -> bool {
    between(x, 1, 31)
}

fn is_hour(x: i32) -> bool {
    between(x, 0, 23)
}

fn is_minute(x: i32) -> bool {
    between(x, 0, 59)
}

fn is_second(x: i32) -> bool {
    between(x, 0, 59)
}

fn is_hour12(x: i32) -> bool {
    between(x, 0, 12)
}

fn is_millisecond(x: i32) -> bool {
    between(x, 0, 999)
}

/// The offset: a sign, hours and minutes, each possibly missing.
struct TimeZoneComposer {
    sign: i32,
    hour: i32,
    minute: i32,
}

impl TimeZoneComposer {
    fn new() -> Self {
        TimeZoneComposer {
            sign: NONE,
            hour: NONE,
            minute: NONE,
        }
    }

    fn set(&mut self, offset_in_hours: i32) {
        self.sign = if offset_in_hours < 0 { -1 } else { 1 };
        self.hour = offset_in_hours * self.sign;
        self.minute = 0;
    }

    fn set_sign(&mut self, sign: i32) {
        self.sign = if sign < 0 { -1 } else { 1 };
    }

    fn is_expecting(&self, n: i32) -> bool {
        self.hour != NONE && self.minute == NONE && is_minute(n)
    }

    fn is_utc(&self) -> bool {
        self.hour == 0 && self.minute == 0
    }

    fn is_empty(&self) -> bool {
        self.hour == NONE
    }

    /// Seconds east of UTC, `Ok(None)` for none given.
    fn write(&self) -> Result<Option<i32>, ()> {
        if self.sign == NONE {
            return Ok(None);
        }
        let hour = if self.hour == NONE { 0 } else { self.hour };
        let minute = if self.minute == NONE { 0 } else { self.minute };
        // V8 computes this in unsigned 32-bit arithmetic, which wraps: a
        // huge hour can come back as a small offset.
        let total = (hour as u32)
            .wrapping_mul(3600)
            .wrapping_add((minute as u32).wrapping_mul(60));
        if total > SMI_MAX {
            return Err(());
        }
        let total = total as i32;
        Ok(Some(if self.sign < 0 { -total } else { total }))
    }
}

/// Hour, minute, second, millisecond, filled in order; an am/pm offset.
struct TimeComposer {
    comp: [i32; 4],
    index: usize,
    hour_offset: i32,
}

impl TimeComposer {
    fn new() -> Self {
        TimeComposer {
            comp: [0; 4],
            index: 0,
            hour_offset: NONE,
        }
    }

    fn is_empty(&self) -> bool {
        self.index == 0
    }

    fn is_expecting(&self, n: i32) -> bool {
        (self.index == 1 && is_minute(n))
            || (self.index == 2 && is_second(n))
            || (self.index == 3 && is_millisecond(n))
    }

    fn add(&mut self, n: i32) -> bool {
        match self.comp.get_mut(self.index) {
            Some(slot) => {
                *slot = n;
                self.index += 1;
                true
            }
            None => false,
        }
    }

    fn add_final(&mut self, n: i32) -> bool {
        if !self.add(n) {
            return false;
        }
        self.index = self.comp.len();
        true
    }

    fn set_hour_offset(&mut self, offset: i32) {
        self.hour_offset = offset;
    }

    /// `[hour, minute, second, millisecond]`, missing slots 0 (slots are
    /// written only in order, so those past `index` still hold `new`'s 0).
    fn write(&self) -> Option<[i32; 4]> {
        let [mut hour, minute, second, millisecond] = self.comp;
        if self.hour_offset != NONE {
            if !is_hour12(hour) {
                return None;
            }
            hour = hour % 12 + self.hour_offset;
        }
        let in_range =
            is_hour(hour) && is_minute(minute) && is_second(second) && is_millisecond(millisecond);
        // 24:00:00.000 is midnight at the end of the day.
        let end_of_day = hour == 24 && minute == 0 && second == 0 && millisecond == 0;
        (in_range || end_of_day).then_some([hour, minute, second, millisecond])
    }
}

/// Up to three numbers and a named month; `write` decides their order.
struct DayComposer {
    comp: [i32; 3],
    index: usize,
    named_month: i32,
    /// Set by the ISO stage: the numbers are year, month, day.
    is_iso_date: bool,
}

impl DayComposer {
    fn new() -> Self {
        DayComposer {
            // Missing numbers are 1; slots are written only in order, so
            // those past `index` keep this.
            comp: [1; 3],
            index: 0,
            named_month: NONE,
            is_iso_date: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.index == 0
    }

    fn add(&mut self, n: i32) -> bool {
        match self.comp.get_mut(self.index) {
            Some(slot) => {
                *slot = n;
                self.index += 1;
                true
            }
            None => false,
        }
    }

    fn set_named_month(&mut self, month: i32) {
        self.named_month = month;
    }

    /// `(year, month 1–12, day 1–31)`.
    fn write(&self) -> Option<(i32, i32, i32)> {
        if self.index < 1 {
            return None;
        }
        // Missing numbers are 1 (see `new`). V8 pads before it looks at how
        // many numbers it read, so a missing year is 1, which becomes 2001
        // below.
        let comp = self.comp;

        let (mut year, month, day);
        if self.named_month == NONE {
            if self.is_iso_date || !is_day(comp[0]) {
                (year, month, day) = (comp[0], comp[1], comp[2]);
            } else {
                (month, day, year) = (comp[0], comp[1], comp[2]);
            }
        } else {
            month = self.named_month;
            if !is_day(comp[0]) {
                (year, day) = (comp[0], comp[1]);
            } else {
                (day, year) = (comp[0], comp[1]);
            }
        }

        if !self.is_iso_date {
            if between(year, 0, 49) {
                year += 2000;
            } else if between(year, 50, 99) {
                year += 1900;
            }
        }

        (is_month(month) && is_day(day)).then_some((year, month, day))
    }
}

/// `ReadMilliseconds`: the first three digits of a fraction, as
/// milliseconds (`5` → 500, `12` → 120, `1239` → 123; never rounded).
fn read_milliseconds(token: Token) -> i32 {
    let Token::Number { value, length } = token else {
        return 0;
    };
    // A number has at least one digit.
    let digits = usize::from(length).clamp(1, MAX_SIGNIFICANT_DIGITS) as u32;
    if digits <= 3 {
        value * 10i32.pow(3 - digits)
    } else {
        value / 10i32.pow(digits - 3)
    }
}

// ---------------------------------------------------------------------------
// The two stages

/// `DateParser::Parse`: the ISO stage, then the legacy stage on what is left.
fn parse_fields(input: &[u8]) -> Option<Fields> {
    let mut scanner = Scanner::new(input);
    let mut tz = TimeZoneComposer::new();
    let mut time = TimeComposer::new();
    let mut day = DayComposer::new();

    let first_unhandled = parse_es5_date_time(&mut scanner, &mut day, &mut time, &mut tz);
    if first_unhandled == Token::Invalid {
        return None;
    }
    let mut has_read_number = !day.is_empty();

    let mut token = first_unhandled;
    while token != Token::EndOfInput {
        match token {
            Token::Number { value: n, .. } => {
                has_read_number = true;
                if scanner.skip_symbol(b':') {
                    if scanner.skip_symbol(b':') {
                        // `n::` is `n:00`.
                        if !time.is_empty() {
                            return None;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return None;
                        }
                        if scanner.peek().is_symbol(b'.') {
                            scanner.next();
                        }
                    }
                // V8 consumes the '.' even when the time does not want `n`.
                } else if scanner.skip_symbol(b'.') && time.is_expecting(n) {
                    time.add(n);
                    if !scanner.peek().is_number() {
                        return None;
                    }
                    time.add_final(read_milliseconds(scanner.next()));
                } else if tz.is_expecting(n) {
                    tz.minute = n;
                } else if time.is_expecting(n) {
                    time.add_final(n);
                    // The time must end here: at the end, a space, `Z` or a sign.
                    let peek = scanner.peek();
                    if !(peek == Token::EndOfInput
                        || peek == Token::WhiteSpace
                        || peek.is_keyword_z()
                        || peek.ascii_sign().is_some())
                    {
                        return None;
                    }
                } else {
                    if !day.add(n) {
                        return None;
                    }
                    scanner.skip_symbol(b'-');
                }
            }
            Token::Keyword { kind, value, .. } => {
                let value = i32::from(value);
                if kind == KeywordType::AmPm && !time.is_empty() {
                    time.set_hour_offset(value);
                } else if kind == KeywordType::MonthName {
                    day.set_named_month(value);
                    scanner.skip_symbol(b'-');
                } else if kind == KeywordType::TimeZoneName && has_read_number {
                    tz.set(value);
                } else {
                    // Words are ignored only before the first number, and
                    // must not be glued to it.
                    if has_read_number || scanner.peek().is_number() {
                        return None;
                    }
                }
            }
            Token::Symbol(_)
                if token.ascii_sign().is_some() && (tz.is_utc() || !time.is_empty()) =>
            {
                // An offset, only after a time or after UT/UTC/GMT/Z.
                tz.set_sign(token.ascii_sign().unwrap_or(1));
                let (n, length) = match scanner.peek() {
                    Token::Number { value, length } => {
                        scanner.next();
                        (value, length)
                    }
                    _ => (0, 0),
                };
                has_read_number = true;
                if scanner.peek().is_symbol(b':') {
                    // `hh:mm`: the minutes come as the next number.
                    tz.hour = n;
                    tz.minute = NONE;
                } else if length == 1 || length == 2 {
                    tz.hour = n;
                    tz.minute = 0;
                } else if length == 3 || length == 4 {
                    tz.hour = n / 100;
                    tz.minute = n % 100;
                } else {
                    return None;
                }
            }
            Token::Symbol(b'+' | b'-' | b')') if has_read_number => return None,
            // Other symbols, white space and unknown characters are ignored.
            _ => {}
        }
        token = scanner.next();
    }

    let (year, month, day_of_month) = day.write()?;
    let [hour, minute, second, millisecond] = time.write()?;
    let utc_offset_seconds = tz.write().ok()?;
    Some(Fields {
        year,
        month,
        day: day_of_month,
        hour,
        minute,
        second,
        millisecond,
        utc_offset_seconds,
    })
}

/// `ParseES5DateTime`: reads `[±YY]YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|±hh:mm|±hhmm]]`
/// as far as it goes. Returns `EndOfInput` when the whole string was ISO,
/// `Invalid` when a `T` part is broken, and otherwise the first token the
/// legacy stage must handle.
fn parse_es5_date_time(
    scanner: &mut Scanner<'_>,
    day: &mut DayComposer,
    time: &mut TimeComposer,
    tz: &mut TimeZoneComposer,
) -> Token {
    // The date: mandatory year, then optional month and day.
    if let Some(sign) = scanner.peek().ascii_sign() {
        // Keep the sign token for the legacy stage in case it is not a year.
        let sign_token = scanner.next();
        if !scanner.peek().is_fixed_length_number(6) {
            return sign_token;
        }
        let year = scanner.next().number();
        if sign < 0 && year == 0 {
            return sign_token;
        }
        day.add(sign * year);
    } else if scanner.peek().is_fixed_length_number(4) {
        day.add(scanner.next().number());
    } else {
        return scanner.next();
    }
    if scanner.skip_symbol(b'-') {
        if !scanner.peek().is_fixed_length_number(2) || !is_month(scanner.peek().number()) {
            return scanner.next();
        }
        day.add(scanner.next().number());
        if scanner.skip_symbol(b'-') {
            if !scanner.peek().is_fixed_length_number(2) || !is_day(scanner.peek().number()) {
                return scanner.next();
            }
            day.add(scanner.next().number());
        }
    }

    if !scanner.peek().is_keyword_type(KeywordType::TimeSeparator) {
        if scanner.peek() != Token::EndOfInput {
            return scanner.next();
        }
    } else {
        // From the `T` on, the rest must be ISO.
        scanner.next();
        let peek = scanner.peek();
        if !peek.is_fixed_length_number(2) || !between(peek.number(), 0, 24) {
            return Token::Invalid;
        }
        // 24:00[:00[.000]] is allowed, no other time in hour 24.
        let hour_is_24 = peek.number() == 24;
        time.add(scanner.next().number());
        if !scanner.skip_symbol(b':') {
            return Token::Invalid;
        }
        let peek = scanner.peek();
        if !peek.is_fixed_length_number(2)
            || !is_minute(peek.number())
            || (hour_is_24 && peek.number() > 0)
        {
            return Token::Invalid;
        }
        time.add(scanner.next().number());
        if scanner.skip_symbol(b':') {
            let peek = scanner.peek();
            if !peek.is_fixed_length_number(2)
                || !is_second(peek.number())
                || (hour_is_24 && peek.number() > 0)
            {
                return Token::Invalid;
            }
            time.add(scanner.next().number());
            if scanner.skip_symbol(b'.') {
                let peek = scanner.peek();
                if !peek.is_number() || (hour_is_24 && peek.number() > 0) {
                    return Token::Invalid;
                }
                // Any number of digits, not just three.
                time.add(read_milliseconds(scanner.next()));
            }
        }
        // The offset: `Z`, `±hh:mm` or `±hhmm`.
        if scanner.peek().is_keyword_z() {
            scanner.next();
            tz.set(0);
        } else if let Some(sign) = scanner.peek().ascii_sign() {
            scanner.next();
            tz.set_sign(sign);
            if scanner.peek().is_fixed_length_number(4) {
                let hour_minute = scanner.next().number();
                let (hour, minute) = (hour_minute / 100, hour_minute % 100);
                if !is_hour(hour) || !is_minute(minute) {
                    return Token::Invalid;
                }
                tz.hour = hour;
                tz.minute = minute;
            } else {
                let peek = scanner.peek();
                if !peek.is_fixed_length_number(2) || !is_hour(peek.number()) {
                    return Token::Invalid;
                }
                tz.hour = scanner.next().number();
                if !scanner.skip_symbol(b':') {
                    return Token::Invalid;
                }
                let peek = scanner.peek();
                if !peek.is_fixed_length_number(2) || !is_minute(peek.number()) {
                    return Token::Invalid;
                }
                tz.minute = scanner.next().number();
            }
        }
        if scanner.peek() != Token::EndOfInput {
            return Token::Invalid;
        }
    }
    // "When the time zone offset is absent, date-only forms are interpreted
    // as a UTC time and date-time forms are interpreted as a local time."
    if tz.is_empty() && time.is_empty() {
        tz.set(0);
    }
    day.is_iso_date = true;
    Token::EndOfInput
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(input, node 20's Date.parse under TZ=UTC, or None for NaN)`.
    const CASES: &[(&str, Option<i64>)] = &[
        // ISO stage
        ("2016-12-25", Some(1_482_624_000_000)),
        ("2016-12-25T10:00", Some(1_482_660_000_000)),
        ("2000-01-01t10:00z", Some(946_720_800_000)),
        ("2000-01-01T10:00:00.000+0530", Some(946_701_000_000)),
        ("2000-01-01T00:00:00+01", None),
        ("2000-01-01T24:00", Some(946_771_200_000)),
        ("2000-01-01T24:00:00.001", None),
        ("2000-01-01T10:00 ", None),
        ("2000-01-01 T10:00", None),
        ("2021-02-30", Some(1_614_643_200_000)),
        ("2021-02-32", None),
        ("2000-13", None),
        ("+275760-09-13", Some(8_640_000_000_000_000)),
        ("+275760-09-13T00:00:00.001Z", None),
        ("-271821-04-20", Some(-8_640_000_000_000_000)),
        ("-271821-04-19T23:59:59.999Z", None),
        ("-000000-01-01", Some(978_307_200_000)),
        ("-000001-01-01", Some(-62_198_755_200_000)),
        ("+002000-01-01", Some(946_684_800_000)),
        (" 2000-01-01", Some(946_684_800_000)),
        // Partial ISO falls through to the legacy stage.
        ("2016-12-25 10:00", Some(1_482_660_000_000)),
        ("2015-001", Some(1_420_070_400_000)),
        ("2000-1-1", Some(946_684_800_000)),
        ("2015-12-25 23:59:60", None),
        // Legacy: month names, order, defaults
        ("05 October 2011, GMT", Some(1_317_772_800_000)),
        ("05+October+2011,+GMT", None),
        ("Octopus 5 2015", Some(1_444_003_200_000)),
        ("Tue Dec 25 2015", Some(1_451_001_600_000)),
        ("2015 Dec 25", Some(1_451_001_600_000)),
        ("Dec 2015 25", Some(1_451_001_600_000)),
        ("60 Dec 25", Some(-284_601_600_000)),
        ("Dec 25", Some(1_009_238_400_000)),
        ("Dec 0", Some(975_628_800_000)),
        ("Dec 32", Some(1_985_472_000_000)),
        ("12/25/2015", Some(1_451_001_600_000)),
        ("25/12/2015", None),
        ("1 2 3", Some(1_041_465_600_000)),
        ("0", Some(946_684_800_000)),
        ("12", Some(1_007_164_800_000)),
        ("13", None),
        ("32", Some(1_956_528_000_000)),
        ("100", Some(-59_011_459_200_000)),
        ("123456789", None),
        ("-1", Some(978_307_200_000)),
        ("Jan", None),
        ("Jan 1 49", Some(2_493_072_000_000)),
        ("Jan 1 50", Some(-631_152_000_000)),
        ("Jan 1 -2000", None),
        ("Feb 31 2000", Some(951_955_200_000)),
        ("Jan 0 2000", None),
        // Words
        ("foo2015", None),
        ("Dec 25 2015 foo", None),
        ("foo Dec 25 2015", Some(1_451_001_600_000)),
        ("\u{a0}Jan 1 2000", Some(946_684_800_000)),
        ("Jan\u{3000}1 2000", Some(946_684_800_000)),
        ("Jan 1\u{2005}2000 10:00\u{feff}", Some(946_720_800_000)),
        ("Jan\u{2028}1 2000", Some(946_684_800_000)),
        ("Jan 1\u{2028}2000", None),
        ("Jan 1 2000 10:00\u{200b}", None),
        ("\u{ff11}\u{ff12}/25/2015", None),
        ("z", None),
        ("t", None),
        ("Jan 1 2000 T10:00", None),
        // Times
        ("Dec 25 2015 23:59:60", Some(1_451_087_940_000)),
        ("23:59:60 Dec 25 2015", None),
        ("Dec 25 2015 10:00 PM", Some(1_451_080_800_000)),
        ("Dec 25 2015 10 PM", None),
        ("Dec 25 2015 13:00 PM", None),
        ("Dec 25 2015 12:00 am", Some(1_451_001_600_000)),
        ("Jan 1 2000 00:00 pm", Some(946_728_000_000)),
        ("Jan 1 2000 10:00 am pm", Some(946_764_000_000)),
        ("12:00 pm 1/1/2000", Some(946_728_000_000)),
        ("1/1/1 10:00:00.5", Some(978_343_200_500)),
        ("Jan 1 2000 10:00:00.1234567891234", Some(946_720_800_123)),
        ("Jan 1 2000 10::", Some(946_720_800_000)),
        ("Jan 1 2000 10:", Some(946_720_800_000)),
        ("Jan 1 2000 10:00:00:00", Some(946_720_800_000)),
        ("Jan 1 2000 24:00", Some(946_771_200_000)),
        ("Jan 1 2000 24:01", None),
        ("Jan 1 2000 10.30", None),
        ("Jan 1 2000 10:30.5", None),
        ("10:00", None),
        // Zones and offsets
        ("Jan 1 2000 10:00 EST", Some(946_738_800_000)),
        ("Jan 1 2000 EST", Some(946_702_800_000)),
        ("EST Jan 1 2000", Some(946_684_800_000)),
        ("Jan 1 2000 UT+5", Some(946_666_800_000)),
        ("Jan 1 2000 GMT+0530", Some(946_665_000_000)),
        ("Jan 1 2000 GMT+05:30", Some(946_665_000_000)),
        ("Jan 1 2000 10:00 +5:30", Some(946_701_000_000)),
        ("Jan 1 2000 10:00 GMT-1:30", Some(946_726_200_000)),
        ("Jan 1 2000 -1", None),
        ("Jan 1 2000 5:00 GMT+5 EST", Some(946_720_800_000)),
        ("Dec 25 2015 10:00 GMT+99", Some(1_450_681_200_000)),
        ("Thu, 01 Jan 1970 00:00:00 GMT-0500", Some(18_000_000)),
        ("Sat, 01 Jan 2000 00:00:00 +0100", Some(946_681_200_000)),
        ("Mon, 25 Dec 1995 13:30:00 +0430", Some(819_882_000_000)),
        ("Jan 1 2000 10:00 +400000:", Some(-493_279_200_000)),
        ("Jan 1 2000 10:00 +596523:", Some(-1_200_762_000_000)),
        ("Jan 1 2000 10:00 +596524:", None),
        ("Jan 1 2000 10:00 +1193047:", Some(946_718_896_000)),
        ("Jan 1 2000 10:00 +1193046:", None),
        ("Jan 1 2000 10:00 +:", Some(946_720_800_000)),
        ("Jan 1 2000 10:00 +", None),
        ("Jan 1 2000 GMT+", None),
        // Comments, stray symbols, NUL
        ("Jan 1 2000 (comment (nested)) 10:00", Some(946_720_800_000)),
        ("Jan 1 2000 (unclosed 10:00", Some(946_684_800_000)),
        ("Jan 1, 2000 10:00:00 +0000 (UTC)", Some(946_720_800_000)),
        ("Jan 1 2000 )", None),
        (") Jan 1 2000", Some(946_684_800_000)),
        ("Jan 1 2000\0junk", Some(946_684_800_000)),
        ("\0", None),
        // Range
        ("Jan 1 275760", Some(8_639_977_881_600_000)),
        ("Sep 13 275760 00:00:00 GMT-0001", None),
        ("Jan 1 -271821", None),
        ("Jan 1 1000000", None),
        ("Jan 1 999999999", None),
        ("Jan 1 1234567891234", None),
        ("Jan 1 000000000049", Some(2_493_072_000_000)),
        (
            "0000000012/0000000025/0000000002015",
            Some(1_451_001_600_000),
        ),
        ("2016-12-25T10:20:30.0009999999Z", Some(1_482_661_230_009)),
    ];

    #[test]
    fn matches_node() {
        for &(input, expected) in CASES {
            let got = parse_date_string(input).ok().map(Timestamp::unix_ms);
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn milliseconds_truncate() {
        let number = |value, length| Token::Number { value, length };
        let table = [
            (number(5, 1), 500),
            (number(12, 2), 120),
            (number(123, 3), 123),
            (number(1239, 4), 123),
            (number(0, 1), 0),
            (number(99, 3), 99),
            (number(123_456_789, 9), 123),
            (number(123_456_789, 20), 123),
            (number(1, 9), 0),
        ];
        for (token, ms) in table {
            assert_eq!(read_milliseconds(token), ms, "{token:?}");
        }
    }

    #[test]
    fn keywords() {
        let table: &[(&[u8; 3], usize, (KeywordType, i8))] = &[
            (b"oct", 7, (KeywordType::MonthName, 10)),
            (b"utc", 3, (KeywordType::TimeZoneName, 0)),
            (b"utc", 4, (KeywordType::Invalid, 0)),
            (b"pm\0", 2, (KeywordType::AmPm, 12)),
            (b"t\0\0", 1, (KeywordType::TimeSeparator, 0)),
            (b"pst", 3, (KeywordType::TimeZoneName, -8)),
            (b"foo", 3, (KeywordType::Invalid, 0)),
        ];
        for &(prefix, length, expected) in table {
            assert_eq!(lookup_keyword(*prefix, length), expected, "{prefix:?}");
        }
    }
}
