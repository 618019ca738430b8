//! The two wasi-libc functions the component defines itself, which the
//! linker then takes in place of wasi-libc's: `write` and `getenv`. Each of
//! wasi-libc's brings imports the component has no other use for, and a
//! host wires every import each time it instantiates the component, which
//! `spin up` and `wasmtime serve` (by default) do for every request.
//!
//! - `write`: std calls it for a panic's message (and for `print!`, which
//!   the component does not use). wasi-libc's brings its descriptor table
//!   and stdio streams, and with them imports of stdin, stdout, the
//!   terminals and wasi:io's polling. This one adds one import, wasi:cli's
//!   stderr. Both stdout's and stderr's bytes go to stderr, which hosts log
//!   beside stdout; the component has no other descriptor to write to.
//! - `getenv`: std calls it for `RUST_BACKTRACE` when it reports a panic,
//!   and the component reads no other variable. wasi-libc's copies the
//!   whole environment in on first use, which imports wasi:cli's
//!   environment, and exit for when that copy cannot be allocated. This one
//!   finds no variable and imports nothing, so variables a host passes in
//!   (spin.toml's `environment`, `wasmtime serve --env`) are not seen.
//!   `RUST_BACKTRACE=1` only ever made std print an empty backtrace, as it
//!   takes none on wasm; std's panic message still suggests setting it,
//!   which now does nothing. Hosts log the wasm backtrace of a trap.
//!
//! Should std reach these through other libc functions (`writev`,
//! `environ`, say), wasi-libc's would come back with their imports, and
//! `the_component_imports_only_what_it_uses` in crates/http/tests/http.rs
//! would fail.

use libc::{c_char, c_int, c_void, size_t, ssize_t};

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

/// POSIX `getenv`, with wasi-libc's signature: no variable is set, so it
/// answers null for every `name`, without reading it.
#[unsafe(no_mangle)]
pub extern "C" fn getenv(_name: *const c_char) -> *mut c_char {
    std::ptr::null_mut()
}
