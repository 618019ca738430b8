//! The timestamp API as HTTP, independent of any host: a method, a request
//! target, for some routes a body or the `Accept-Encoding` in, a status,
//! headers and a body out ([`routes`]), and the page it serves
//! (`assets`: `www/` embedded at build time, gzipped).
//!
//! The Spin component (crates/spin) and the Cloudflare worker
//! (crates/worker) each translate their host's requests to [`routes`] and
//! its answers back, and read the clock; nothing else. So every route is
//! tested natively here, and the tests in `tests/` run the same suites over
//! real HTTP against each host.

mod assets;
// Also compiled into build.rs, which types each embedded file; here only to
// test it.
#[cfg(test)]
mod content_type;
pub mod routes;
pub mod string_array;
