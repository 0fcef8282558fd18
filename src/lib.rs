//! Carrel: full-text search for document archives that runs entirely in the browser.
//!
//! (Design overview is completed as the modules land.)

#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
pub mod document;
