//! Links the component with a 64 KiB stack rather than the linker's 1 MiB.
//!
//! The stack is the first part of the component's linear memory; at 1 MiB
//! it was most of the memory an instance starts with. A host that keeps
//! memory mapped between instances, as `spin up` does, zeroes the memory an
//! instance started with after each request, so the smaller that memory,
//! the less each request costs there (BENCHMARKS.md's HTTP section).
//!
//! The component's deepest paths are inflating a zone or a page file, and
//! the HTTP suites (crates/http/tests), which take them, pass with a quarter
//! of this stack. Nothing in the component recurses on its input. The stack
//! is below the static data (the linker's `--stack-first`, Rust's default
//! for wasm), so overflowing it traps rather than writing over that data.
//!
//! bench/size-baseline's manifests repeat the size for the benchmarks'
//! handlers, which are built as the component is.

/// The component's stack, in bytes.
const STACK_BYTES: u32 = 64 * 1024;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The component only, as in src/lib.rs: other targets get an empty crate
    // and their linker no wasm options.
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "wasi") {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size={STACK_BYTES}");
    }
}
