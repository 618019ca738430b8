//! The HTTP service: host-independent routes, the embedded page, and the
//! Spin component's glue (on `wasm32-wasip2` only).

pub mod assets;
// Also compiled into build.rs, which types each file; here only to test it.
#[cfg(test)]
mod content_type;
pub mod routes;

#[cfg(target_os = "wasi")]
mod spin;
