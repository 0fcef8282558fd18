//! Carrel: full-text search for document archives that runs entirely in the browser.
//!
//! A folder of letters, telegrams and memoranda becomes a compact index at
//! build time; the index travels inside a WebAssembly module, and a static
//! page searches and shows the documents with no server at all. The same core
//! builds natively for the `carrel` tool, which makes sites and runs the same
//! searches from a terminal.
//!
//! # How data flows
//!
//! One way, each folder a layer that uses only the layers before it:
//!
//! ```text
//! files ─corpus─▶ Document ─text─▶ terms ─index─▶ bytes ─(wasm)─▶ Index
//!                                                                   │
//!        HTML ◀─view─ hits, snippets ◀─view─ Ranking ◀─search─ query ┘
//! ```
//!
//! - [`document`] — the [`Document`] every layer speaks of.
//! - [`corpus`] (native, and the builder module) — files in a folder become documents, or say why not.
//! - [`text`] — words: languages, folding, unspaced scripts, analysis, typo
//!   automata, spelling variants, highlights.
//! - [`index`] — the bytes: format, sections, packs, the builder and the opened [`Index`].
//! - [`query`] — the query language: text becomes a syntax tree.
//! - [`mod@search`] — a query against an index becomes a [`search::Ranking`].
//! - [`sort_once`] — sorting, with one copy of each sort routine in the browser module.
//! - [`view`] — rankings and documents become hits, snippets and safe HTML.
//! - [`site`] (native, and the builder module) — index bytes become a static site and an offline page.
//! - [`build`] (native, and the builder module) — a collection's files and options become its
//!   index and report, as `carrel build` and the builder module both make them.
//!
//! Three faces sit on the core: the `carrel` tool (`cli.rs`, native only),
//! the search bindings (`wasm.rs`, the template module every site ships) and
//! the builder bindings (`builder_wasm.rs`, a second wasm build with the
//! `builder` feature, which the npm package and the builder page drive), each
//! converting arguments, calling the core and converting results.
//!
//! # Example
//!
//! ```
//! use carrel::{Document, Index, IndexBuilder, SearchOptions, search};
//!
//! let mut builder = IndexBuilder::new("Letters");
//! builder.add(Document {
//!     id: "001".into(),
//!     title: "Telegram on the armistice talks".into(),
//!     body: vec!["The talks at Kaesong resumed.".into()],
//!     ..Document::default()
//! });
//! let (bytes, _summary) = builder.finish();
//! let index = Index::open(bytes).unwrap();
//! let results = search(&index, "kaesong talks", &SearchOptions::default()).unwrap();
//! assert_eq!(results.hits[0].id, "001");
//! ```

#![forbid(unsafe_code)]

#[cfg(any(not(target_arch = "wasm32"), feature = "builder"))]
pub mod build;
#[cfg(all(target_arch = "wasm32", feature = "builder"))]
mod builder_wasm;
#[cfg(any(not(target_arch = "wasm32"), feature = "builder"))]
pub mod corpus;
pub mod document;
pub mod index;
pub mod query;
pub mod search;
#[cfg(any(not(target_arch = "wasm32"), feature = "builder"))]
pub mod site;
pub mod sort_once;
pub mod text;
pub mod view;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use document::{Document, PartialDate};
pub use index::{Index, IndexBuilder};
pub use search::{MatchMode, SearchError, SearchOptions, SearchResults, Sort};
pub use text::variants::Variants;
pub use view::render::{RenderError, RenderedDocument, render_id};
pub use view::results::search;
