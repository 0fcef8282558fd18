//! Carrel: full-text search for document archives that runs entirely in the browser.

pub mod analysis;
pub mod builder;
pub mod citation;
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
pub mod document;
pub mod facets;
pub mod feedback;
pub mod format;
mod fst_check;
pub mod fuzzy;
pub mod highlight;
pub mod index;
pub mod meta;
pub mod packs;
pub mod postings;
pub mod query;
pub mod render;
pub mod schema;
pub mod search;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod snippet;
pub mod store;
pub mod variants;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
