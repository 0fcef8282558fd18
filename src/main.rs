//! The `carrel` command-line tool: index a collection, search it, render a
//! document, or build the static site that searches it in the browser.
//!
//! A thin face over the library: argument parsing, files, progress and
//! printing live here; everything else is `carrel::*`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
