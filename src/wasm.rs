//! The browser face: a `Collection` opened once from the index bytes, with
//! `search`, `render` and `info`. Each export converts its arguments, calls the
//! core and converts the result; errors become JS `Error`s with the core's
//! message, never a trap.

use crate::index::Index;
use crate::render::render_id;
use crate::search::{SearchOptions, search};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// An opened collection.
#[wasm_bindgen]
pub struct Collection {
    index: Index<Vec<u8>>,
}

#[derive(Serialize)]
struct Info<'a> {
    name: &'a str,
    documents: u32,
    format_version: u32,
    built_by: &'a str,
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
        Index::open(bytes).map(|index| Collection { index }).map_err(|e| JsError::new(&e.to_string()))
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
        let results = search(&self.index, query, &options).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&results)
    }

    /// The document `id` as safe HTML with its fields and citation, with the
    /// matches of `query` marked.
    pub fn render(&self, id: &str, query: Option<String>) -> Result<JsValue, JsError> {
        let rendered =
            render_id(&self.index, id, query.as_deref().unwrap_or("")).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&rendered)
    }

    /// Collection name, document count and format version.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let meta = self.index.meta();
        to_js(&Info {
            name: &meta.name,
            documents: meta.doc_count,
            format_version: crate::format::FORMAT_VERSION,
            built_by: &meta.built_by,
        })
    }
}
