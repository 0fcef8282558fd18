//! The `carrel` command-line tool: index a collection, search it, render a
//! document, or build the static site that searches it in the browser.
//!
//! A thin face over the library: argument parsing, files, progress and
//! printing live here; everything else is `carrel::*`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli;

/// mimalloc rather than the system allocator: indexing makes and drops a few
/// small strings per word, and glibc's allocator slows as its heap grows, so
/// that 13 times DFAT took about 17 times as long to index as DFAT once
/// (README, Performance: 100,000 documents).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
