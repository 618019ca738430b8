//! The wasi-libc function the component defines itself, which the linker
//! then takes in place of wasi-libc's: `write`. std calls it for a panic's
//! message (and for `print!`, which the component does not use).
//! wasi-libc's brings its descriptor table and stdio streams, and with them
//! imports of stdin, stdout, the terminals and wasi:io's polling, which a
//! host wires each time it instantiates the component (every request under
//! `spin up` and `wasmtime serve`'s defaults). This one adds one import,
//! wasi:cli's stderr. Both stdout's and stderr's bytes go to stderr, which
//! hosts log beside stdout; the component has no other descriptor to write
//! to.
//!
//! Should std reach stdio through other libc functions (`writev`, say),
//! wasi-libc's would come back with its imports, and
//! `the_component_imports_only_what_it_uses` in crates/http/tests/http.rs
//! would fail.

use libc::{c_int, c_void, size_t, ssize_t};

/// POSIX `write` for descriptors 1 and 2, with wasi-libc's signature: the
/// bytes go to wasi:cli's stderr and their count is returned. Any other
/// descriptor fails with `EBADF`; a stream that fails before any byte went
/// out fails with `EIO`, and after some did, the count of those is returned,
/// as POSIX has it for a partial write.
///
/// # Safety
///
/// `write`'s own contract: `buf` points to `count` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn write(fd: c_int, buf: *const c_void, count: size_t) -> ssize_t {
    if fd != libc::STDOUT_FILENO && fd != libc::STDERR_FILENO {
        return failed(libc::EBADF);
    }
    if count == 0 {
        return 0;
    }
    let Ok(total) = ssize_t::try_from(count) else {
        return failed(libc::EINVAL);
    };
    // SAFETY: `write`'s contract, above; with `count` above zero, `buf`
    // points to that many readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), count) };
    // The same loop as the answer's body, so the component imports one set
    // of wasi:io's write calls.
    match crate::output_stream::write_all(&wasi::cli::stderr::get_stderr(), bytes) {
        Ok(()) => total,
        Err((0, _)) => failed(libc::EIO),
        // Below `total`, so it fits.
        Err((written, _)) => written as ssize_t,
    }
}

/// -1, with `errno` set to `code`, as a failed libc call returns.
fn failed(code: c_int) -> ssize_t {
    // SAFETY: `__errno_location` is wasi-libc's errno for this thread, the
    // component's only one.
    unsafe { *libc::__errno_location() = code };
    -1
}
