//! wasi-libc's `write`, defined here so that the linker takes this one and
//! leaves out wasi-libc's stdio.
//!
//! std calls `write` for a panic's message (and for `print!`, which the
//! component does not use). wasi-libc's `write` brings its descriptor table
//! and stdio streams, and with them 14 wasi:cli and wasi:io imports the
//! component never otherwise calls. A host resolves every import each time
//! it instantiates the component, which `spin up` and `wasmtime serve` (by
//! default) do for every request (BENCHMARKS.md). This `write` needs one
//! import, wasi:cli's stderr, and `the_component_imports_only_what_it_uses`
//! in crates/http/tests/http.rs fails if the others come back.
//!
//! Both stdout's and stderr's bytes go to stderr, which hosts log beside
//! stdout; the component has no other descriptor to write to.

use std::ffi::{c_int, c_void};

use crate::WRITE_BYTES;

/// POSIX `write` for descriptors 1 and 2, as wasi-libc declares it: the
/// bytes go to wasi:cli's stderr and their count is returned. Any other
/// descriptor fails with `EBADF`, a stream that failed with `EIO`.
///
/// # Safety
///
/// `write`'s own contract: `buf` points to `count` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn write(fd: c_int, buf: *const c_void, count: usize) -> isize {
    if fd != libc::STDOUT_FILENO && fd != libc::STDERR_FILENO {
        return failed(libc::EBADF);
    }
    if count == 0 {
        return 0;
    }
    // SAFETY: `write`'s contract, above; with `count` above zero, `buf`
    // points to that many readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), count) };
    let stderr = wasi::cli::stderr::get_stderr();
    for chunk in bytes.chunks(WRITE_BYTES) {
        if stderr.blocking_write_and_flush(chunk).is_err() {
            return failed(libc::EIO);
        }
    }
    // A slice is at most `isize::MAX` bytes.
    count as isize
}

/// -1, with `errno` set to `code`, as a failed libc call returns.
fn failed(code: c_int) -> isize {
    // SAFETY: `__errno_location` is wasi-libc's errno for this thread, the
    // component's only one.
    unsafe { *libc::__errno_location() = code };
    -1
}
