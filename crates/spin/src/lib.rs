//! The Spin HTTP component: the timestamp API and its page over wasi:http.
//!
//! [`routes`] answers every request, host-independent and tested natively;
//! the wasi:http glue (`wasi_http.rs`, built for `wasm32-wasip2` only)
//! translates requests and answers and reads the clock. [`assets`] holds
//! the page (`www/`), embedded at build time.

pub mod assets;
// Also compiled into build.rs, which types each embedded file; here only to
// test it.
#[cfg(test)]
mod content_type;
pub mod routes;
// Native builds (tests, the fuzzer) leave the exports out: they name
// wasi:http interfaces, which a native linker cannot export.
#[cfg(target_os = "wasi")]
mod wasi_http;
