//! Embedded bytes that a WebAssembly module copies into its memory only when
//! it reads them.
//!
//! A static's bytes are part of a wasm module's memory image: a host that
//! instantiates the module for every request (`wasmtime serve`'s defaults)
//! maps that image into each new instance and resets it afterwards, and the
//! kernel's work for that grows with the image, whether or not the request
//! reads the bytes. [`embed!`] declares bytes that most requests never read
//! (the zone database, the page's files) so that they can live outside the
//! image, in passive data segments, from which `memory.init` copies just the
//! range a request reads.
//!
//! Rust has no way to emit a passive segment or `memory.init`, so it takes
//! two steps. With the `segments` feature, on WASI, [`embed!`] puts the
//! bytes in a custom section (which is not loaded into memory) and declares
//! a loader function that the module exports, both named
//! `passive-bytes:<path of the static>`. After linking,
//! `crates/passive-data` moves each such section into a passive data segment
//! and rewrites its loader's body to `memory.init` from it. Without the
//! feature, or off WASI (the npm package and the worker are
//! wasm32-unknown-unknown, and a build that has them beside the component
//! turns the feature on for them too), [`embed!`] is a plain
//! `include_bytes!` static.
//!
//! ```
//! passive_bytes::embed! {
//!     /// This crate's manifest, as an example.
//!     static MANIFEST = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
//! }
//!
//! assert_eq!(&*MANIFEST.get(1..8).unwrap(), b"package");
//! assert!(MANIFEST.get(0..MANIFEST.len() + 1).is_none());
//! ```

#![no_std]

extern crate alloc;

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::ops::Range;

/// A loader: copies `len` bytes from `offset` of its blob to `dest`. The
/// caller keeps `offset + len` within the blob.
pub type Load = unsafe extern "C" fn(dest: *mut u8, offset: u32, len: u32);

/// Bytes declared with [`embed!`].
pub struct Bytes {
    len: usize,
    source: Source,
}

enum Source {
    Static(&'static [u8]),
    Loader(Load),
}

impl Bytes {
    #[doc(hidden)]
    pub const fn from_static(bytes: &'static [u8]) -> Bytes {
        Bytes {
            len: bytes.len(),
            source: Source::Static(bytes),
        }
    }

    #[doc(hidden)]
    pub const fn from_loader(len: usize, load: Load) -> Bytes {
        Bytes {
            len,
            source: Source::Loader(load),
        }
    }

    /// How many bytes there are.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes in `range`, or `None` if it is not within them: borrowed
    /// from the static, or copied from the passive segment.
    pub fn get(&self, range: Range<usize>) -> Option<Cow<'static, [u8]>> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        match self.source {
            Source::Static(bytes) => Some(Cow::Borrowed(&bytes[range])),
            Source::Loader(_) if range.is_empty() => Some(Cow::Borrowed(&[])),
            Source::Loader(load) => {
                let len = range.end - range.start;
                // A loader's blob is in a 32-bit module: these always fit.
                let (offset, count) = (u32::try_from(range.start).ok()?, u32::try_from(len).ok()?);
                let mut copy = Vec::with_capacity(len);
                // SAFETY: the blob is `self.len` bytes (embed! took both from
                // one file), so `range` is within it; `copy` has room for
                // `len` bytes, which the loader writes before `set_len`.
                unsafe {
                    load(copy.as_mut_ptr(), offset, count);
                    copy.set_len(len);
                }
                Some(Cow::Owned(copy))
            }
        }
    }

    /// All the bytes.
    pub fn all(&self) -> Cow<'static, [u8]> {
        self.get(0..self.len).unwrap_or_default()
    }
}

impl core::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let source = match self.source {
            Source::Static(_) => "static",
            Source::Loader(_) => "passive segment",
        };
        f.debug_struct("Bytes")
            .field("len", &self.len)
            .field("source", &source)
            .finish()
    }
}

/// Declares `static NAME: Bytes` holding a file's bytes, as
/// `include_bytes!(path)` would, kept out of the memory image where the
/// `segments` feature is on (see the crate's documentation).
#[macro_export]
macro_rules! embed {
    ($(#[$attr:meta])* $vis:vis static $name:ident = $path:expr;) => {
        $(#[$attr])*
        $vis static $name: $crate::Bytes = $crate::__embed!($name, $path);
    };
}

#[doc(hidden)]
#[cfg(not(all(feature = "segments", target_os = "wasi")))]
#[macro_export]
macro_rules! __embed {
    ($name:ident, $path:expr) => {
        $crate::Bytes::from_static(::core::include_bytes!($path))
    };
}

#[doc(hidden)]
#[cfg(all(feature = "segments", target_os = "wasi"))]
#[macro_export]
macro_rules! __embed {
    ($name:ident, $path:expr) => {{
        const LEN: usize = ::core::include_bytes!($path).len();
        // The bytes, in a custom section: in the module, not in its memory.
        // Not `#[used]`, which would keep a copy in memory too. The name's
        // prefix is what crates/passive-data looks for (`concat!` takes
        // only literals, so it is written out here and for the export).
        #[unsafe(link_section = ::core::concat!("passive-bytes:", ::core::module_path!(), "::", ::core::stringify!($name)))]
        static SECTION: [u8; LEN] = *::core::include_bytes!($path);
        // crates/passive-data replaces this body with `memory.init`.
        #[unsafe(export_name = ::core::concat!("passive-bytes:", ::core::module_path!(), "::", ::core::stringify!($name)))]
        #[inline(never)]
        extern "C" fn load(dest: *mut u8, offset: u32, len: u32) {
            $crate::__not_rewritten(
                ::core::concat!(::core::module_path!(), "::", ::core::stringify!($name)),
                dest,
                offset,
                len,
            );
        }
        $crate::Bytes::from_loader(LEN, load)
    }};
}

/// The loader's body until `crates/passive-data` replaces it: a module that
/// skipped that step panics on its first read rather than read zeros.
///
/// Volatile accesses keep the optimiser from seeing what it does: its
/// callers must be compiled for a loader that returns and writes through
/// `dest`, as the rewritten one does, not for one that always panics.
#[doc(hidden)]
#[cfg(all(feature = "segments", target_os = "wasi"))]
pub fn __not_rewritten(name: &str, dest: *mut u8, offset: u32, len: u32) {
    static REWRITTEN: bool = false;
    static mut ARGUMENTS: (usize, u32, u32) = (0, 0, 0);
    // SAFETY: reads an initialised static; writes a static that nothing
    // else reads or writes.
    unsafe {
        if !core::ptr::read_volatile(&REWRITTEN) {
            panic!("{name}: this module needs crates/passive-data after linking");
        }
        core::ptr::write_volatile(&raw mut ARGUMENTS, (dest as usize, offset, len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a loader reads in these tests.
    static BLOB: &[u8] = b"0123456789";

    /// A loader like the rewritten ones, over [`BLOB`].
    unsafe extern "C" fn load_blob(dest: *mut u8, offset: u32, len: u32) {
        let (offset, len) = (offset as usize, len as usize);
        assert!(offset + len <= BLOB.len(), "memory.init would trap");
        // SAFETY: `get` gives room for `len` bytes at `dest`.
        unsafe { core::ptr::copy_nonoverlapping(BLOB[offset..].as_ptr(), dest, len) }
    }

    #[test]
    fn loaders() {
        let bytes = Bytes::from_loader(BLOB.len(), load_blob);
        assert_eq!(bytes.len(), 10);
        assert_eq!(&*bytes.all(), BLOB);
        // (range, expected bytes)
        let table: [(Range<usize>, Option<&[u8]>); 6] = [
            (0..3, Some(b"012")),
            (7..10, Some(b"789")),
            (4..4, Some(b"")),
            (10..10, Some(b"")),
            (9..11, None),
            (Range { start: 4, end: 3 }, None),
        ];
        for (range, expected) in table {
            assert_eq!(bytes.get(range.clone()).as_deref(), expected, "{range:?}");
        }
        assert_eq!(
            alloc::format!("{bytes:?}"),
            "Bytes { len: 10, source: \"passive segment\" }"
        );
    }

    embed! {
        static SOURCE = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs");
    }

    #[test]
    fn ranges() {
        let all = include_bytes!("lib.rs");
        assert_eq!(SOURCE.len(), all.len());
        assert_eq!(&*SOURCE.all(), &all[..]);
        // (range, expected bytes)
        let table: [(Range<usize>, Option<&[u8]>); 5] = [
            (0..3, Some(&all[0..3])),
            (5..5, Some(&[])),
            (all.len() - 2..all.len(), Some(&all[all.len() - 2..])),
            (all.len()..all.len() + 1, None),
            (Range { start: 4, end: 3 }, None),
        ];
        for (range, expected) in table {
            assert_eq!(SOURCE.get(range.clone()).as_deref(), expected, "{range:?}");
        }
    }
}
