//! The body's write loop against a host double, natively: the component's
//! crate builds only for wasm32-wasip2, where tests do not run, so this
//! includes the one host-independent file and runs its tests.
#[path = "../src/output_stream.rs"]
mod output_stream;
