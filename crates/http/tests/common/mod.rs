//! The workspace's shared test helpers (tests/common), and the wasi:http
//! hosts these suites run the component in.

// Each test binary uses only some of these.
#![allow(dead_code, unused_imports)]

#[path = "../../../../tests/common/mod.rs"]
mod shared;

pub use shared::*;

pub mod host;
