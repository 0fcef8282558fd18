//! The builder face: `carrel build` and `carrel index` for JavaScript, in the
//! second wasm build of this crate (`--features builder --profile builder`).
//!
//! JavaScript lists the collection (folders with the paths of their files, or
//! single files) and hands over a function that returns a file's bytes when
//! asked; the build is [`crate::build::build_index`] and
//! [`crate::site::site_files`], the very functions the `carrel` tool calls, so
//! the same files and options give the same site byte for byte. The report
//! goes to a JavaScript function as it is made. Errors become JS `Error`s
//! with the build's message.
//!
//! Memory: wasm32 addresses 4 GiB at most, and a build holds the text of
//! every document, the index being written and the site's files at once. A
//! collection whose estimated need ([`memory_needed`]) exceeds
//! [`MEMORY_LIMIT_BYTES`] is refused before anything is read.

use crate::build::{self, BuildOptions, Report};
use crate::corpus::{CorpusError, Listing, ReadingPlan};
use crate::site::Layout;
use serde::{Deserialize, Serialize};
use std::path::Path;
use wasm_bindgen::prelude::*;

/// The most memory a build may expect to have: wasm32's 4 GiB, less room
/// for the engine's own copies of what the build returns.
pub const MEMORY_LIMIT_BYTES: f64 = 3.0 * 1024.0 * 1024.0 * 1024.0;

/// Bytes of memory a build needs per byte of input. Measured (the module's
/// memory after a build, which grows by doubling and never shrinks): DFAT's
/// 29.8 MB of Markdown 8.4×, Cranfield's JSON Lines 8.0×, the UDHR's 9.3 MB
/// of HTML pages (held whole until the folder's pages are read together)
/// 12.8× (`node bench/builder-memory.mjs FOLDER...`); with room above the
/// largest.
const MEMORY_PER_INPUT_BYTE: f64 = 16.0;

/// Memory a build of `input_bytes` of files is expected to need (bytes).
#[wasm_bindgen(js_name = memoryNeeded)]
pub fn memory_needed(input_bytes: f64) -> f64 {
    input_bytes * MEMORY_PER_INPUT_BYTE + 16.0 * 1024.0 * 1024.0
}

/// Why a collection of `input_bytes` bytes of files is refused, or `None`
/// when it may be built: what a page can ask before it reads the files.
#[wasm_bindgen(js_name = sizeRefusal)]
pub fn size_refusal(input_bytes: f64) -> Option<String> {
    let needed = memory_needed(input_bytes);
    (needed > MEMORY_LIMIT_BYTES).then(|| {
        format!(
            "this collection is too large to build in WebAssembly: its {:.0} MB of files would need about {:.1} GB \
             of memory, more than the {:.0} GB a WebAssembly module can have; build it with the native `carrel` \
             tool, or split it into smaller collections",
            input_bytes / 1e6,
            needed / 1e9,
            MEMORY_LIMIT_BYTES / 1e9
        )
    })
}

/// One path given: `{ folder, files, canonical? }`, `{ file }` or
/// `{ missing, error }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Given {
    Folder {
        folder: String,
        files: Vec<String>,
        /// The folder's absolute path with links resolved, where known.
        canonical: Option<String>,
    },
    File {
        file: String,
    },
    Missing {
        missing: String,
        error: String,
    },
}

/// The options of `carrel build`, as the JavaScript API names them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    name: Option<String>,
    #[serde(default)]
    keep_going: bool,
    /// `[file, text]` pairs.
    #[serde(default)]
    variants: Vec<(String, String)>,
    #[serde(default)]
    no_default_variants: bool,
    #[serde(default)]
    types: Vec<(String, String)>,
    lang: Option<String>,
    #[serde(default)]
    detect_language: bool,
    /// `auto`, `always` or `never`.
    packs: Option<String>,
    /// The folder the site is written to, as the report names it.
    out: Option<String>,
    /// The total size of the files, for the memory check.
    input_bytes: Option<f64>,
}

/// The site built: its files, the report's lines about them, and counts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    documents: usize,
    terms: usize,
    words: usize,
    index_bytes: usize,
}

/// Builds a site: returns `{ files: [{ path, bytes }], written: [line],
/// summary }`. `read(path)` returns a file's bytes (a `Uint8Array`) or
/// throws; `report(event)` is called with `{ reading: files }`, `{ file:
/// path }`, `{ read: true }`, `{ line }`, `{ ignored: path, reason }` and
/// `{ skipped: path, line?, reason }` as the build goes. `studio` is the
/// builder page's bytes, which the site carries as `studio.html` (this
/// module cannot hold the page that holds it).
#[wasm_bindgen(js_name = buildSite)]
pub fn build_site(
    listing: JsValue,
    read: &js_sys::Function,
    options: JsValue,
    report: &js_sys::Function,
    studio: Vec<u8>,
) -> Result<JsValue, JsError> {
    let (plan, options, layout, out) = prepare(listing, options)?;
    let mut report = ToJs { report, started: js_sys::Date::now() };
    let mut read = reader(read);
    let (index, summary) = build::build_index(plan, &mut read, &options, &mut report).map_err(error)?;
    let files = crate::site::site_files(&index, layout, studio.into()).map_err(error)?;
    drop(index);
    let written = build::written_lines(Path::new(&out), &files);
    let result = js_sys::Object::new();
    let array = js_sys::Array::new();
    for file in files {
        let entry = js_sys::Object::new();
        set(&entry, "path", &JsValue::from_str(&file.path));
        set(&entry, "bytes", &js_sys::Uint8Array::from(&file.bytes.into_whole()[..]));
        array.push(&entry);
    }
    set(&result, "files", &array);
    set(&result, "written", &written.iter().map(|l| JsValue::from_str(l)).collect::<js_sys::Array>());
    let summary = Summary {
        documents: summary.documents,
        terms: summary.terms,
        words: summary.words,
        index_bytes: summary.bytes,
    };
    set(&result, "summary", &to_js(&summary)?);
    Ok(result.into())
}

/// Builds an index file (`carrel index`): returns its bytes. Arguments as for
/// `buildSite`.
#[wasm_bindgen(js_name = buildIndex)]
pub fn build_index(
    listing: JsValue,
    read: &js_sys::Function,
    options: JsValue,
    report: &js_sys::Function,
) -> Result<Vec<u8>, JsError> {
    let (plan, options, _, _) = prepare(listing, options)?;
    let mut report = ToJs { report, started: js_sys::Date::now() };
    let mut read = reader(read);
    let (index, _) = build::build_index(plan, &mut read, &options, &mut report).map_err(error)?;
    Ok(index)
}

/// The reading plan, the build's options, the layout and the output folder's
/// name from what JavaScript gave; refuses a collection too large.
fn prepare(listing: JsValue, options: JsValue) -> Result<(ReadingPlan, BuildOptions, Layout, String), JsError> {
    let given: Vec<Given> =
        serde_wasm_bindgen::from_value(listing).map_err(|e| JsError::new(&format!("the files to build: {e}")))?;
    let options: Options = if options.is_undefined() || options.is_null() {
        serde_wasm_bindgen::from_value(js_sys::Object::new().into())
    } else {
        serde_wasm_bindgen::from_value(options)
    }
    .map_err(|e| JsError::new(&format!("build options: {e}")))?;
    if let Some(refusal) = options.input_bytes.and_then(size_refusal) {
        return Err(JsError::new(&refusal));
    }
    let mut listing = Listing::default();
    for given in given {
        listing.extend(match given {
            Given::Folder { folder, files, canonical } => {
                Listing::of_folder_files(&folder, files.iter().map(String::as_str)).with_canonical(canonical)
            }
            Given::File { file } => Listing::of_file(&file),
            Given::Missing { missing, error } => Listing::of_missing(&missing, std::io::Error::other(error)),
        });
    }
    let layout = match options.packs.as_deref() {
        None | Some("auto") => Layout::Auto,
        Some("always") => Layout::Packed,
        Some("never") => Layout::Whole,
        Some(other) => {
            return Err(JsError::new(&format!(
                "build options: packs is {other:?}; use \"auto\", \"always\" or \"never\""
            )));
        }
    };
    let build_options = BuildOptions {
        name: options.name,
        keep_going: options.keep_going,
        variants: options.variants,
        no_default_variants: options.no_default_variants,
        types: options.types,
        lang: options.lang.unwrap_or_else(|| BuildOptions::default().lang),
        detect_language: options.detect_language,
    };
    Ok((ReadingPlan::new(listing), build_options, layout, options.out.unwrap_or_default()))
}

/// A file's bytes from the JavaScript function `read`; what it throws is the
/// file's error.
fn reader(read: &js_sys::Function) -> impl FnMut(&Path) -> std::io::Result<Vec<u8>> + '_ {
    move |path| {
        let path = JsValue::from_str(&path.to_string_lossy());
        match read.call1(&JsValue::NULL, &path) {
            Ok(bytes) => match bytes.dyn_into::<js_sys::Uint8Array>() {
                Ok(bytes) => Ok(bytes.to_vec()),
                Err(_) => Err(std::io::Error::other("the file's bytes were not a Uint8Array")),
            },
            Err(thrown) => Err(std::io::Error::other(message(&thrown))),
        }
    }
}

/// What a JavaScript exception says.
fn message(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "unreadable".to_string())
}

/// The report, to a JavaScript function.
struct ToJs<'a> {
    report: &'a js_sys::Function,
    started: f64,
}

impl ToJs<'_> {
    fn send(&self, key: &str, value: JsValue) {
        let event = js_sys::Object::new();
        set(&event, key, &value);
        // The report is for people: a listener that throws does not stop the build.
        let _ = self.report.call1(&JsValue::NULL, &event);
    }
}

impl Report for ToJs<'_> {
    fn reading(&mut self, files: usize) {
        self.send("reading", JsValue::from_f64(files as f64));
    }

    fn file(&mut self, path: &Path) {
        self.send("file", JsValue::from_str(&path.to_string_lossy()));
    }

    fn read(&mut self) {
        self.send("read", JsValue::TRUE);
    }

    fn line(&mut self, line: &str) {
        self.send("line", JsValue::from_str(line));
    }

    fn elapsed_seconds(&self) -> f64 {
        (js_sys::Date::now() - self.started) / 1e3
    }

    fn ignored(&mut self, path: &Path, why: &str) {
        let event = js_sys::Object::new();
        set(&event, "ignored", &JsValue::from_str(&path.to_string_lossy()));
        set(&event, "reason", &JsValue::from_str(why));
        let _ = self.report.call1(&JsValue::NULL, &event);
    }

    fn skipped(&mut self, error: &CorpusError) {
        let event = js_sys::Object::new();
        set(&event, "skipped", &JsValue::from_str(&error.path.to_string_lossy()));
        if let Some(line) = error.line {
            set(&event, "line", &JsValue::from_f64(line as f64));
        }
        set(&event, "reason", &JsValue::from_str(&error.kind.to_string()));
        let _ = self.report.call1(&JsValue::NULL, &event);
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value).expect("an object takes a property");
}

fn error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

/// Whether the folder `packs/<name>`, holding `files`, holds an earlier
/// build's packs that writing a site whose packs are in `keep` removes (as
/// `carrel build` removes them).
#[wasm_bindgen(js_name = isStalePackFolder)]
pub fn is_stale_pack_folder(name: &str, files: Vec<String>, keep: Option<String>) -> bool {
    crate::site::is_stale_pack_folder(name, files.iter().map(String::as_str), keep.as_deref())
}
