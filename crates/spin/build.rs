//! Links the component with a 64 KiB stack rather than the linker's 1 MiB.
//!
//! The stack is the first part of the component's linear memory, so its size
//! is most of the memory an instance starts with. A host that keeps memory
//! mapped between instances, as `spin up` does, zeroes all of that memory
//! after each request, so with a 1 MiB stack that zeroing was a large share
//! of what a request cost there (BENCHMARKS.md).
//!
//! The component's deepest paths are inflating a zone or a page file; the
//! HTTP suites (crates/http/tests) pass with a 16 KiB stack and fail with
//! 8 KiB, so 64 KiB leaves four times the room. Nothing in the component
//! recurses on its input. The stack is below the static data (the linker's
//! `--stack-first`, Rust's default for wasm), so overflowing it traps rather
//! than writing over that data.

/// The component's stack, in bytes.
const STACK_BYTES: u32 = 64 * 1024;

fn main() {
    // The component only: a native build of the workspace gets an empty
    // crate (src/lib.rs) and its linker no wasm options.
    if std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|family| family.contains("wasm")) {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size={STACK_BYTES}");
    }
}
