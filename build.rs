//! Embeds the web assets into the `carrel` tool so `carrel build` needs no
//! Rust toolchain: the page files from `www/` and the template wasm module
//! with its JavaScript glue, and the builder page `carrel-studio.html`, which
//! `build.sh` writes to `target/web/` (or to `$CARREL_WEB_DIR`) before building
//! the tool. Missing assets are embedded
//! empty, and `carrel build` then says to run `./build.sh`.
//!
//! The page's own scripts and style sheet are embedded without their comment
//! lines and indentation (`build/page_text.rs`).
//!
//! It also writes the Unicode tables of `src/text/normalize.rs`
//! (`build/unicode_tables.rs` says how).

use std::path::{Path, PathBuf};

#[path = "build/page_text.rs"]
mod page_text;
#[path = "build/unicode_tables.rs"]
mod unicode_tables;

/// Every file of `www/` a site carries (src/site.rs writes them; its tests check the two
/// lists agree and that nothing in `www/` is forgotten).
const PAGE_FILES: [&str; 21] = [
    "index.html",
    "favicon.svg",
    "style.css",
    "app.js",
    "i18n.js",
    "i18n/fr.js",
    "i18n/de.js",
    "i18n/es.js",
    "i18n/ru.js",
    "i18n/zh.js",
    "i18n/ja.js",
    "i18n/ar.js",
    "views.js",
    "carrel.js",
    "collection.js",
    "carrel-search.js",
    "offline-loader.js",
    "examples/museum.html",
    "examples/course.html",
    "examples/course.js",
    "examples/examples.css",
];
const TEMPLATE_FILES: [&str; 4] =
    ["carrel_bg.wasm", "carrel_english_bg.wasm", "carrel_bindings.js", "carrel_nomodules.js"];
/// The builder page (`build.sh` assembles it from the builder module), which every site the
/// native tool writes carries as `studio.html`. Never embedded into a wasm build: the builder
/// module cannot carry the page that carries the builder module.
const STUDIO_FILE: &str = "carrel-studio.html";

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let web = std::env::var_os("CARREL_WEB_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target/web"));
    println!("cargo:rerun-if-env-changed=CARREL_WEB_DIR");
    unicode_tables::write(&out);
    for name in PAGE_FILES {
        if is_compacted(name) {
            embed_compacted(&root.join("www").join(name), &out.join(name));
        } else {
            embed(&root.join("www").join(name), &out.join(name));
        }
    }
    for name in TEMPLATE_FILES {
        embed(&web.join(name), &out.join(name));
    }
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        std::fs::write(out.join(STUDIO_FILE), b"").expect("OUT_DIR is writable");
    } else {
        embed(&web.join(STUDIO_FILE), &out.join(STUDIO_FILE));
    }
}

/// Whether `name` is one of the page's own scripts or its style sheet, served without
/// their comment lines and indentation (`build/page_text.rs` says why and how). The
/// element `carrel-search.js` and the examples stay as written: web staff read and copy them.
fn is_compacted(name: &str) -> bool {
    (name.ends_with(".js") || name.ends_with(".css")) && name != "carrel-search.js" && !name.starts_with("examples/")
}

fn embed_compacted(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    let text = std::fs::read_to_string(from).unwrap_or_default();
    let compacted = page_text::compact(&text).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder).expect("OUT_DIR is writable");
    }
    std::fs::write(to, compacted).expect("OUT_DIR is writable");
}

fn embed(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    let bytes = std::fs::read(from).unwrap_or_default();
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder).expect("OUT_DIR is writable");
    }
    std::fs::write(to, bytes).expect("OUT_DIR is writable");
}
