//! The browser face: a `Collection` opened once from the index bytes, with
//! `search`, `render` and `info`. Each export converts its arguments, calls the
//! core and converts the result; errors become JS `Error`s with the core's
//! message, never a trap.
//!
//! A packed index (see `packs`) answers `search` and `render` with
//! `{ missing: ["p12", "s3"] }` until the packs it needs are given to
//! `add_pack`; `www/collection.js` fetches them and asks again.

use crate::index::Index;
use crate::index::format::FormatError;
use crate::index::packs::PackId;
use crate::search::{Ranking, SearchError, SearchOptions, rank};
use crate::view::render::{RenderError, render_id};
use crate::view::results::present;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// An opened collection.
#[wasm_bindgen]
pub struct Collection {
    index: Index<Vec<u8>>,
    /// The last ranking whose documents were not all loaded, with the query
    /// and options it answers: once their packs arrive, the same question is
    /// answered without ranking again.
    waiting: RefCell<Option<(String, SearchOptions, Ranking)>>,
}

#[derive(Serialize)]
struct Info<'a> {
    name: &'a str,
    documents: u32,
    format_version: u32,
    built_by: &'a str,
    /// The collection's languages (primary subtags) with their document
    /// counts, most documents first.
    languages: Vec<LanguageCount<'a>>,
}

#[derive(Serialize)]
struct LanguageCount<'a> {
    lang: &'a str,
    documents: u32,
}

/// What `search` and `render` answer while packs are missing.
#[derive(Serialize)]
struct Missing {
    missing: Vec<String>,
}

fn missing(packs: &[PackId]) -> Result<JsValue, JsError> {
    to_js(&Missing { missing: packs.iter().map(PackId::to_string).collect() })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

#[wasm_bindgen]
impl Collection {
    /// Opens index bytes (the `carrel-index` custom section). Throws when the
    /// bytes are truncated, corrupt or from another format version.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<Collection, JsError> {
        Index::open(bytes)
            .map(|index| Collection { index, waiting: RefCell::new(None) })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Searches; `options` as in the README (`limit`, `offset`, `sort`,
    /// `filters`, `date_from`, `date_to`, `mode`). Returns the same shape as
    /// `carrel search --json --full`.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let options: SearchOptions = if options.is_undefined() || options.is_null() {
            SearchOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("search options: {e}")))?
        };
        let cached = self.waiting.borrow_mut().take().filter(|(q, o, _)| q == query && *o == options);
        let ranking = match cached {
            Some((_, _, ranking)) => ranking,
            None => match rank(&self.index, query, &options) {
                Ok(ranking) => ranking,
                Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => return missing(&packs),
                Err(e) => return Err(JsError::new(&e.to_string())),
            },
        };
        match present(&self.index, &ranking) {
            Ok(results) => to_js(&results),
            Err(SearchError::Index(FormatError::PacksNotLoaded { packs })) => {
                *self.waiting.borrow_mut() = Some((query.to_string(), options, ranking));
                missing(&packs)
            }
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// The document `id` as safe HTML with its fields and citation, with the
    /// matches of `query` marked.
    pub fn render(&self, id: &str, query: Option<String>) -> Result<JsValue, JsError> {
        match render_id(&self.index, id, query.as_deref().unwrap_or("")) {
            Ok(rendered) => to_js(&rendered),
            Err(RenderError::Index(FormatError::PacksNotLoaded { packs })) => missing(&packs),
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// Where this index's packs are, relative to the module (`packs/<tag>`),
    /// or `undefined` when the index is whole. The tag changes with every
    /// build, so packs may be cached for ever.
    pub fn pack_directory(&self) -> Option<String> {
        self.index.is_packed().then(|| crate::index::split::directory_for(self.index.bytes()))
    }

    /// Adds the bytes of pack `name` (as named in a `missing` list). Throws
    /// when they are not that pack of this index.
    pub fn add_pack(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), JsError> {
        let pack: PackId = name.parse().map_err(|e: crate::index::packs::NotAPackName| JsError::new(&e.to_string()))?;
        self.index.add_pack(pack, bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Collection name, document count, format version and languages.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let meta = self.index.meta();
        let mut languages: Vec<LanguageCount> = self
            .index
            .languages()
            .groups
            .iter()
            .map(|g| LanguageCount { lang: &g.primary, documents: g.doc_count })
            .collect();
        languages.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.lang.cmp(b.lang)));
        to_js(&Info {
            name: &meta.name,
            documents: meta.doc_count,
            format_version: crate::index::format::FORMAT_VERSION,
            built_by: &meta.built_by,
            languages,
        })
    }
}
