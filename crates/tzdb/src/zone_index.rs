//! One entry of the zone index: build.rs writes one per zone, and
//! `Zone::find` (src/lib.rs) reads the few its search visits. Shared by
//! both through `#[path]`, so the writer and the reader agree on the form.
//!
//! An entry is four little-endian `u32`s: where the zone's name starts and
//! ends in the names' bytes, and where its deflated data starts in the
//! data's bytes and how long it is.

/// The bytes of one entry.
pub const ENTRY_BYTES: usize = 16;

/// Where one zone's name and data are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// Where the name starts in the names' bytes.
    pub name_start: u32,
    /// Where the name ends in the names' bytes.
    pub name_end: u32,
    /// Where the deflated data starts in the data's bytes.
    pub data_start: u32,
    /// How many bytes the deflated data takes.
    pub data_len: u32,
}

impl IndexEntry {
    /// The entry as the index stores it.
    #[cfg_attr(not(test), allow(dead_code))] // only the writer (build.rs) and the tests use it
    pub fn to_bytes(self) -> [u8; ENTRY_BYTES] {
        let mut bytes = [0; ENTRY_BYTES];
        let fields = [
            self.name_start,
            self.name_end,
            self.data_start,
            self.data_len,
        ];
        for (chunk, field) in bytes.chunks_exact_mut(4).zip(fields) {
            chunk.copy_from_slice(&field.to_le_bytes());
        }
        bytes
    }

    /// The entry `bytes` store.
    pub fn from_bytes(bytes: &[u8; ENTRY_BYTES]) -> IndexEntry {
        let field = |k: usize| {
            let mut le = [0; 4];
            le.copy_from_slice(&bytes[4 * k..4 * k + 4]);
            u32::from_le_bytes(le)
        };
        IndexEntry {
            name_start: field(0),
            name_end: field(1),
            data_start: field(2),
            data_len: field(3),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_as_written() {
        let table = [
            (
                IndexEntry {
                    name_start: 0,
                    name_end: 0,
                    data_start: 0,
                    data_len: 0,
                },
                [0; 16],
            ),
            (
                IndexEntry {
                    name_start: 1,
                    name_end: 0x0302,
                    data_start: 0x0706_0504,
                    data_len: u32::MAX,
                },
                [1, 0, 0, 0, 2, 3, 0, 0, 4, 5, 6, 7, 255, 255, 255, 255],
            ),
        ];
        for (entry, bytes) in table {
            assert_eq!(entry.to_bytes(), bytes, "{entry:?}");
            assert_eq!(IndexEntry::from_bytes(&bytes), entry, "{bytes:?}");
        }
    }
}
