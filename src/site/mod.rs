//! The static site: the page, the wasm module carrying the index, and
//! one self-contained HTML file for use without a server.
//!
//! The index travels as a custom section (`carrel-index`) appended to a
//! prebuilt template module, rather than patched in as a data segment: a
//! custom section is plain bytes after the code, so appending it needs no wasm
//! rewriting, leaves the code byte-identical for every collection (so a
//! browser can cache it separately in future), and the page reads it with the
//! standard `WebAssembly.Module.customSections` before instantiating, at the
//! cost of one copy of the index into wasm memory. Before it comes a small
//! made-up index of its own (`carrel-warm-up`, see [`warm_up`]) that the page
//! searches once so the browser compiles the search code before a reader's
//! first search.
//!
//! A collection whose index exceeds [`PACK_THRESHOLD_BYTES`] is split (see
//! `packs`): the module carries the core (dictionaries, facet tables, pack
//! table) and `packs/<tag>/*.bin` hold the postings and documents, fetched as
//! queries need them. The offline page always carries the whole index: a file
//! opened from disk can fetch nothing.

use std::borrow::Cow;
use std::fmt;
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;
use std::path::PathBuf;

pub mod warm_up;

pub use warm_up::{WARM_UP_SECTION, warm_up_index};

/// Name of the custom section that holds the index.
pub const INDEX_SECTION: &str = "carrel-index";

/// A file of `www/`, as build.rs embedded it.
macro_rules! embedded {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $name))
    };
}

const INDEX_HTML: &str = embedded!("index.html");
const STYLE_CSS: &str = embedded!("style.css");
const APP_JS: &str = embedded!("app.js");
const I18N_JS: &str = embedded!("i18n.js");
const VIEWS_JS: &str = embedded!("views.js");
const OFFLINE_LOADER_JS: &str = embedded!("offline-loader.js");
const COLLECTION_JS: &str = embedded!("collection.js");

/// The page files every site carries, by their path in the site (as in `www/`): the search
/// page, its words (English in i18n.js, each other language in i18n/<code>.js), the views it shares with the `<carrel-search>` component, the
/// loader, the component, the offline loader, and two example pages that embed the
/// component. build.rs lists the same files.
const PAGE: [(&str, &str); 21] = [
    ("index.html", INDEX_HTML),
    ("favicon.svg", embedded!("favicon.svg")),
    ("style.css", STYLE_CSS),
    ("app.js", APP_JS),
    ("i18n.js", I18N_JS),
    ("i18n/fr.js", embedded!("i18n/fr.js")),
    ("i18n/de.js", embedded!("i18n/de.js")),
    ("i18n/es.js", embedded!("i18n/es.js")),
    ("i18n/ru.js", embedded!("i18n/ru.js")),
    ("i18n/zh.js", embedded!("i18n/zh.js")),
    ("i18n/ja.js", embedded!("i18n/ja.js")),
    ("i18n/ar.js", embedded!("i18n/ar.js")),
    ("views.js", VIEWS_JS),
    ("carrel.js", embedded!("carrel.js")),
    ("collection.js", COLLECTION_JS),
    ("carrel-search.js", embedded!("carrel-search.js")),
    ("offline-loader.js", OFFLINE_LOADER_JS),
    ("examples/museum.html", embedded!("examples/museum.html")),
    ("examples/course.html", embedded!("examples/course.html")),
    ("examples/course.js", embedded!("examples/course.js")),
    ("examples/examples.css", embedded!("examples/examples.css")),
];

/// Files of `www/` that sites do not carry: the API's types are for developers.
#[cfg(test)]
const NOT_SHIPPED: [&str; 1] = ["carrel.d.ts"];

/// The search module with every language's stemmer.
const TEMPLATE_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/carrel_bg.wasm"));
/// The same module built without the `all-languages` feature: it stems English only and is
/// about half the code. Collections whose documents need no other stemmer get this one.
const TEMPLATE_WASM_ENGLISH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/carrel_english_bg.wasm"));
const BINDINGS_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/carrel_bindings.js"));
const NO_MODULES_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/carrel_nomodules.js"));

/// The builder page as build.rs embedded it into the native tool (`build.sh` assembles it from
/// the builder module). The builder module has none of its own — it cannot carry the page
/// that carries it — and is given the page's bytes by its caller (the page rebuilds its own
/// bytes, the npm package assembles them from the same parts), so every face writes the same
/// `studio.html`.
#[cfg(not(target_arch = "wasm32"))]
pub const STUDIO_PAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/carrel-studio.html"));

/// The builder page's name in a site: a folder of documents in, a site out, in the browser.
pub const STUDIO_FILE: &str = "studio.html";

/// What the offline page says about the Content-Security-Policy it needs.
pub const OFFLINE_POLICY_NOTE: &str = "<!-- Carrel offline page: script, style and the WebAssembly module are inlined. \
Served over HTTP it needs at least: default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'. Opened from disk (file://) no policy applies. For a strict policy without \
'unsafe-inline', serve the site's index.html instead. -->";

/// Indexes larger than this are split into packs by default: below it, one
/// download beats the round trips packs cost on a slow network.
pub const PACK_THRESHOLD_BYTES: usize = 1024 * 1024;

/// Whether the served site carries its index whole or in packs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Packs when the index exceeds [`PACK_THRESHOLD_BYTES`].
    #[default]
    Auto,
    Whole,
    Packed,
}

/// The offline page's file name.
pub const OFFLINE_FILE: &str = "carrel-offline.html";
const STYLE_LINK: &str = r#"<link rel="stylesheet" href="style.css">"#;
const APP_SCRIPT: &str = r#"<script type="module" src="app.js"></script>"#;

/// A file written, for the tool's report.
pub struct WrittenFile {
    pub path: PathBuf,
    /// Its path in the site, `/`-separated.
    pub name: String,
    pub bytes: usize,
}

#[derive(Debug)]
#[non_exhaustive]
pub enum SiteError {
    /// This `carrel` was built without the web assets.
    MissingTemplate {
        file: &'static str,
    },
    /// The page template lacks a line the offline build replaces.
    PageTemplate {
        missing: &'static str,
    },
    /// A language file of the interface is not one `export default { … }` the offline
    /// build can turn into a classic script.
    LanguageFile {
        file: &'static str,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The index could not be split into packs.
    Index {
        source: crate::index::format::FormatError,
    },
    /// The index's languages section, which chooses the search module, is unreadable.
    Languages {
        source: crate::index::format::FormatError,
    },
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteError::MissingTemplate { file } => {
                write!(f, "this carrel was built without its web template ({file} is empty); build it with ./build.sh")
            }
            SiteError::PageTemplate { missing } => write!(f, "www/index.html must contain the line {missing}"),
            SiteError::LanguageFile { file } => {
                write!(f, "www/{file} must hold exactly one line that starts `export default {{`, its table")
            }
            SiteError::Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            SiteError::Index { source } => write!(f, "cannot split the index into packs: {source}"),
            SiteError::Languages { source } => write!(f, "cannot read the index's languages: {source}"),
        }
    }
}

impl std::error::Error for SiteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SiteError::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Appends `payload` to a wasm module as a custom section named `name`.
pub fn append_custom_section(module: &[u8], name: &str, payload: &[u8]) -> Vec<u8> {
    let header = custom_section_header(name, payload.len());
    let mut out = Vec::with_capacity(module.len() + header.len() + payload.len());
    out.extend_from_slice(module);
    out.extend_from_slice(&header);
    out.extend_from_slice(payload);
    out
}

/// The bytes before a custom section's payload: its id, size and name.
fn custom_section_header(name: &str, payload_len: usize) -> Vec<u8> {
    let mut name_bytes = Vec::new();
    crate::index::format::put_varint(&mut name_bytes, name.len() as u64);
    name_bytes.extend_from_slice(name.as_bytes());
    let mut out = vec![0]; // custom section id
    crate::index::format::put_varint(&mut out, (name_bytes.len() + payload_len) as u64);
    out.extend_from_slice(&name_bytes);
    out
}

/// The module shipped: the template the index needs ([`needs_every_stemmer`]) with the
/// warm-up index and the index inside.
pub fn module_with_index(index: &[u8]) -> Result<Vec<u8>, SiteError> {
    let template = template_for(index)?;
    let between = sections_before_index(index.len());
    let mut module = Vec::with_capacity(template.len() + between.len() + index.len());
    module.extend_from_slice(template);
    module.extend_from_slice(&between);
    module.extend_from_slice(index);
    Ok(module)
}

/// What a module holds between its template's code and an index of `index_len` bytes: the
/// warm-up index's section (see [`warm_up`]), then the index section's header.
fn sections_before_index(index_len: usize) -> Vec<u8> {
    let mut bytes = append_custom_section(&[], WARM_UP_SECTION, &warm_up_index());
    bytes.extend_from_slice(&custom_section_header(INDEX_SECTION, index_len));
    bytes
}

/// The template module `index` needs ([`needs_every_stemmer`]).
fn template_for(index: &[u8]) -> Result<&'static [u8], SiteError> {
    let (template, file) = if needs_every_stemmer(index)? {
        (TEMPLATE_WASM, "carrel_bg.wasm")
    } else {
        (TEMPLATE_WASM_ENGLISH, "carrel_english_bg.wasm")
    };
    if template.is_empty() {
        return Err(SiteError::MissingTemplate { file });
    }
    Ok(template)
}

/// Whether any of the index's documents were read with a stemmer other than English's
/// (its languages section names the analysers): then the site needs the module with
/// every stemmer, else the English-only one searches it the same.
pub fn needs_every_stemmer(index: &[u8]) -> Result<bool, SiteError> {
    use crate::index::format::{SectionId, SectionTable};
    use crate::text::language::Analyzer;
    let section = SectionTable::read(index)
        .and_then(|table| table.range(SectionId::Languages))
        .and_then(|range| crate::index::languages::Languages::read(&index[range]))
        .map_err(|source| SiteError::Languages { source })?;
    Ok(section.analyzers().any(|a| !matches!(a, Analyzer::English | Analyzer::Plain)))
}

/// A file of the site: its path in the site (`/`-separated) and its bytes.
pub struct SiteFile<'a> {
    pub path: String,
    pub bytes: FileBytes<'a>,
}

/// A site file's bytes: held whole, or the offline page, whose module is
/// encoded as it is written (see [`OfflinePage`]).
pub enum FileBytes<'a> {
    Whole(Cow<'static, [u8]>),
    Offline(OfflinePage<'a>),
}

impl FileBytes<'_> {
    /// The file's size in bytes.
    pub fn len(&self) -> usize {
        match self {
            FileBytes::Whole(bytes) => bytes.len(),
            FileBytes::Offline(page) => page.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, made whole (the offline page's base64 encoded here).
    pub fn into_whole(self) -> Cow<'static, [u8]> {
        match self {
            FileBytes::Whole(bytes) => bytes,
            FileBytes::Offline(page) => {
                let mut out = Vec::with_capacity(page.len());
                page.write_to(&mut out).expect("a Vec takes every byte");
                Cow::Owned(out)
            }
        }
    }

    /// Writes the bytes to `sink`; the offline page a chunk of base64 at a time.
    pub fn write_to(&self, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            FileBytes::Whole(bytes) => sink.write_all(bytes),
            FileBytes::Offline(page) => page.write_to(sink),
        }
    }
}

/// The offline page as its parts: the page before the module, the module
/// (the template, the warm-up section and the index section's header, and the index, encoded as
/// base64 only while the page is written), and the page after it. For a
/// large collection the page is hundreds of megabytes (DFAT ×13: 393 MB);
/// held whole beside the index it raised the tool's peak memory by as much.
pub struct OfflinePage<'a> {
    before: String,
    template: &'static [u8],
    /// The bytes between the template and the index ([`sections_before_index`]).
    header: Vec<u8>,
    index: &'a [u8],
    after: String,
}

impl OfflinePage<'_> {
    fn module_len(&self) -> usize {
        self.template.len() + self.header.len() + self.index.len()
    }

    pub fn len(&self) -> usize {
        self.before.len() + base64_len(self.module_len()) + self.after.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn write_to(&self, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
        sink.write_all(self.before.as_bytes())?;
        base64_chunks(&[self.template, &self.header, self.index], &mut |chunk| sink.write_all(chunk.as_bytes()))?;
        sink.write_all(self.after.as_bytes())
    }
}

/// The site for `index`: every file, in the order they are written — the
/// page, the glue, the offline page, `carrel.wasm`, the builder page
/// (`studio`, the bytes of `carrel-studio.html`), then the packs (under
/// `packs/<tag>/`) when the layout has them. See [`for_each_site_file`]
/// to write them without holding them all.
pub fn site_files(
    index: &[u8],
    layout: Layout,
    studio: Cow<'static, [u8]>,
) -> Result<Vec<SiteFile<'static>>, SiteError> {
    let mut files = Vec::new();
    for_each_site_file(index, layout, studio, &mut |file| {
        files.push(SiteFile { path: file.path, bytes: FileBytes::Whole(file.bytes.into_whole()) });
        Ok(())
    })?;
    Ok(files)
}

/// Hands each file of the site for `index` to `emit` as soon as it is made,
/// in [`site_files`]' order. For 100,000 documents the offline page is
/// hundreds of megabytes and the packs as much again, so neither is held
/// whole: the offline page is handed over as its parts
/// ([`FileBytes::Offline`]), and each pack file is made from its range of
/// the index as it is handed over ([`crate::index::split::cut`]). Cost
/// beyond the index: the core, the dictionary and facet packs (small), and
/// one pack file at a time.
pub fn for_each_site_file<'a>(
    index: &'a [u8],
    layout: Layout,
    studio: Cow<'static, [u8]>,
    emit: &mut dyn FnMut(SiteFile<'a>) -> Result<(), SiteError>,
) -> Result<(), SiteError> {
    let glue = [("carrel_bindings.js", BINDINGS_JS), ("carrel_nomodules.js", NO_MODULES_JS)];
    for &(file, content) in PAGE.iter().chain(&glue) {
        if content.is_empty() {
            return Err(SiteError::MissingTemplate { file });
        }
    }
    if studio.is_empty() {
        return Err(SiteError::MissingTemplate { file: "carrel-studio.html" });
    }
    let file =
        |path: &str, bytes: Cow<'static, [u8]>| SiteFile { path: path.to_string(), bytes: FileBytes::Whole(bytes) };
    for (name, content) in PAGE.iter().chain(&glue) {
        emit(file(name, Cow::Borrowed(content.as_bytes())))?;
    }
    emit(SiteFile { path: OFFLINE_FILE.to_string(), bytes: FileBytes::Offline(offline_page(index)?) })?;
    let packed = match layout {
        Layout::Auto => index.len() > PACK_THRESHOLD_BYTES,
        Layout::Whole => false,
        Layout::Packed => true,
    };
    if !packed {
        emit(file("carrel.wasm", Cow::Owned(module_with_index(index)?)))?;
        return emit(file(STUDIO_FILE, studio));
    }
    let split = crate::index::split::cut(index, crate::index::split::PackSizes::default())
        .map_err(|source| SiteError::Index { source })?;
    let directory = crate::index::split::directory_for(&split.core);
    emit(file("carrel.wasm", Cow::Owned(module_with_index(&split.core)?)))?;
    emit(file(STUDIO_FILE, studio))?;
    for (pack, bytes) in split.pack_files() {
        emit(file(&format!("{directory}/{pack}.bin"), Cow::Owned(bytes)))?;
    }
    Ok(())
}

/// Writes the site for `index` into `out` (created if missing).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_site(index: &[u8], out: &Path) -> Result<Vec<WrittenFile>, SiteError> {
    write_site_with(index, out, Layout::Auto)
}

/// Writes the site for `index` into `out` with the given layout (the files
/// of [`site_files`]). Packs of earlier builds (other folders under
/// `packs/`) are removed.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_site_with(index: &[u8], out: &Path, layout: Layout) -> Result<Vec<WrittenFile>, SiteError> {
    write_site_streaming(index, out, layout, Cow::Borrowed(STUDIO_PAGE))
}

/// Writes the site for `index` into `out` one file at a time, each dropped
/// once written (see [`for_each_site_file`]), and removes the packs of
/// earlier builds.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_site_streaming(
    index: &[u8],
    out: &Path,
    layout: Layout,
    studio: Cow<'static, [u8]>,
) -> Result<Vec<WrittenFile>, SiteError> {
    let mut written = Vec::new();
    let mut keep = None;
    for_each_site_file(index, layout, studio, &mut |file| {
        if keep.is_none() {
            keep = pack_folder(&file.path);
        }
        written.push(write_file(out, &file)?);
        Ok(())
    })?;
    remove_old_packs(out, keep.as_deref())?;
    Ok(written)
}

/// `packs/<tag>` when `path` is a pack's.
#[cfg(not(target_arch = "wasm32"))]
fn pack_folder(path: &str) -> Option<String> {
    Some(path.rsplit_once('/')?.0).filter(|d| d.starts_with("packs/")).map(str::to_string)
}

/// Writes one file of a site into `out`, creating its folder.
#[cfg(not(target_arch = "wasm32"))]
fn write_file(out: &Path, file: &SiteFile) -> Result<WrittenFile, SiteError> {
    let path = out.join(&file.path);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut sink = std::io::BufWriter::new(std::fs::File::create(&path)?);
        file.bytes.write_to(&mut sink)?;
        std::io::Write::flush(&mut sink)
    };
    write().map_err(|source| SiteError::Write { path: path.clone(), source })?;
    Ok(WrittenFile { path, name: file.path.clone(), bytes: file.bytes.len() })
}

/// Removes `out/packs/<tag>` folders other than `keep` — only folders named
/// as this tool names them, holding only pack files.
#[cfg(not(target_arch = "wasm32"))]
fn remove_old_packs(out: &Path, keep: Option<&str>) -> Result<(), SiteError> {
    let root = out.join("packs");
    let Ok(entries) = std::fs::read_dir(&root) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let Ok(files) = std::fs::read_dir(&path) else { continue };
        let files: Vec<String> = files.flatten().map(|f| f.file_name().to_string_lossy().into_owned()).collect();
        if is_stale_pack_folder(&name, files.iter().map(String::as_str), keep) {
            std::fs::remove_dir_all(&path).map_err(|source| SiteError::Write { path, source })?;
        }
    }
    Ok(())
}

/// Whether `packs/<name>`, holding `files`, is an earlier build's packs a
/// new site (whose packs are in `keep`, if any) removes: only folders named
/// as this tool names them, holding only pack files.
pub fn is_stale_pack_folder<'a>(name: &str, mut files: impl Iterator<Item = &'a str>, keep: Option<&str>) -> bool {
    let ours = name.len() == 8 && name.bytes().all(|b| b.is_ascii_hexdigit());
    ours && keep != Some(&format!("packs/{name}")[..])
        && files.all(|file| {
            file.strip_suffix(".bin").is_some_and(|stem| stem.parse::<crate::index::packs::PackId>().is_ok())
        })
}

/// One HTML file with style, module, glue and script inlined, for `file://`
/// where browsers refuse module imports and `fetch`. The base64 of the
/// module with `index` inside is encoded from the template and the index
/// where they lie, as the page is written: for a large collection the page
/// is hundreds of megabytes, and every copy of the module or the page would
/// be as large.
fn offline_page(index: &[u8]) -> Result<OfflinePage<'_>, SiteError> {
    if !INDEX_HTML.contains(STYLE_LINK) {
        return Err(SiteError::PageTemplate { missing: STYLE_LINK });
    }
    if !INDEX_HTML.contains(APP_SCRIPT) {
        return Err(SiteError::PageTemplate { missing: APP_SCRIPT });
    }
    // In this order (see www/offline-loader.js): the module's bytes, then classic scripts, each
    // module's import and export lines dropped, app.js wrapped to keep its names its own.
    let classic = [
        NO_MODULES_JS.to_string(),
        without_lines_starting(COLLECTION_JS, "export "),
        OFFLINE_LOADER_JS.to_string(),
        without_lines_starting(I18N_JS, "export "),
        other_languages()?,
        without_lines_starting(&without_lines_starting(VIEWS_JS, "import "), "export "),
        format!("(function () {{\n{}\n}})();", without_lines_starting(APP_JS, "import ")),
    ];
    let scripts: String = classic.iter().map(|js| format!("\n<script>\n{}\n</script>", inline_script(js))).collect();
    let style = format!("<style>\n{}\n</style>", STYLE_CSS.replace("</style", "<\\/style"));
    // Preload hints and the icon name files that do not exist beside the offline page.
    let page: String = INDEX_HTML
        .lines()
        .filter(|line| !["rel=\"modulepreload\"", "rel=\"preload\"", "rel=\"icon\""].iter().any(|r| line.contains(r)))
        .map(|line| format!("{line}\n"))
        .collect();
    let page = page.replacen(STYLE_LINK, &style, 1);
    let page = match page.find('\n') {
        Some(end) if page[..end].to_ascii_lowercase().starts_with("<!doctype") => {
            format!("{}\n{OFFLINE_POLICY_NOTE}{}", &page[..end], &page[end..])
        }
        _ => format!("{OFFLINE_POLICY_NOTE}\n{page}"),
    };
    // The app's script tag becomes the module's bytes and the classic scripts.
    let at = page.find(APP_SCRIPT).expect("checked above; the note and style hold no script tag");
    const WASM_OPEN: &str = "<script type=\"application/octet-stream\" id=\"carrel-wasm\">";
    Ok(OfflinePage {
        before: format!("{}{WASM_OPEN}", &page[..at]),
        template: template_for(index)?,
        header: sections_before_index(index.len()),
        index,
        after: format!("</script>{scripts}{}", &page[at + APP_SCRIPT.len()..]),
    })
}

/// Every other language of the interface (www/i18n/<code>.js, modules that export their
/// table) as one classic script that adds each table to i18n.js's `STRINGS`, so the
/// offline page speaks them all without fetching.
fn other_languages() -> Result<String, SiteError> {
    const EXPORT: &str = "export default {";
    let mut script = String::new();
    for (path, js) in PAGE {
        let Some(code) = path.strip_prefix("i18n/").and_then(|file| file.strip_suffix(".js")) else { continue };
        if js.lines().filter(|line| line.starts_with(EXPORT)).count() != 1 {
            return Err(SiteError::LanguageFile { file: path });
        }
        script.push_str(&js.replacen(EXPORT, &format!("STRINGS.{code} = {{"), 1));
    }
    Ok(script)
}

/// A module's text as a classic script: its import or export lines dropped.
fn without_lines_starting(js: &str, keyword: &str) -> String {
    js.lines().filter(|line| !line.trim_start().starts_with(keyword)).collect::<Vec<_>>().join("\n")
}

/// Script text safe to place inside `<script>`: a `</script` in a string or
/// comment would end the element early.
fn inline_script(js: &str) -> String {
    js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
}

/// Characters of the base64 of `len` bytes.
fn base64_len(len: usize) -> usize {
    len.div_ceil(3) * 4
}

#[cfg(test)]
fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(base64_len(bytes.len()));
    push_base64(&mut out, &[bytes]);
    out
}

/// Characters of base64 handed to a sink at a time.
const BASE64_CHUNK: usize = 64 * 1024;

/// The standard base64 of `parts` one after another, padded, as if they
/// were one slice, handed to `sink` about [`BASE64_CHUNK`] characters at a time.
fn base64_chunks(parts: &[&[u8]], sink: &mut dyn FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(BASE64_CHUNK + 4);
    let mut bytes = parts.iter().flat_map(|part| part.iter().copied()).fuse();
    while let Some(first) = bytes.next() {
        let group = [Some(first), bytes.next(), bytes.next()];
        let len = group.iter().flatten().count();
        let n = group.iter().fold(0u32, |n, byte| n << 8 | byte.unwrap_or(0) as u32);
        for k in 0..4 {
            if k <= len {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
        if out.len() >= BASE64_CHUNK {
            sink(&out)?;
            out.clear();
        }
    }
    if !out.is_empty() {
        sink(&out)?;
    }
    Ok(())
}

/// Appends the base64 of `parts` (see [`base64_chunks`]) to `out`.
#[cfg(test)]
fn push_base64(out: &mut String, parts: &[&[u8]]) {
    base64_chunks(parts, &mut |chunk| {
        out.push_str(chunk);
        Ok(())
    })
    .expect("a String takes every chunk");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
        let mut joined = String::new();
        push_base64(&mut joined, &[b"f", b"", b"oob", b"ar"]);
        assert_eq!(joined, base64(b"foobar"), "parts are encoded as one");
        // Across chunks: a part boundary and a chunk boundary in the middle of groups.
        let long: Vec<u8> = (0..3 * BASE64_CHUNK as u32 / 2 + 7).map(|n| (n * 7919 % 251) as u8).collect();
        let (first, second) = long.split_at(BASE64_CHUNK / 3 + 1);
        let mut chunks = Vec::new();
        base64_chunks(&[first, second], &mut |chunk| {
            chunks.push(chunk.len());
            Ok(())
        })
        .unwrap();
        assert!(chunks.len() > 1, "{chunks:?}");
        let mut whole = String::new();
        push_base64(&mut whole, &[first, second]);
        assert_eq!(whole, base64(&long));
        assert_eq!(whole.len(), base64_len(long.len()));
    }

    #[test]
    fn custom_section_is_appended_with_its_name() {
        let module = b"\0asm\x01\0\0\0".to_vec();
        let out = append_custom_section(&module, "carrel-index", &[1, 2, 3]);
        assert_eq!(&out[..8], &module[..]);
        assert_eq!(out[8], 0);
        assert_eq!(out[9] as usize, 1 + 12 + 3);
        assert_eq!(&out[11..23], b"carrel-index");
        assert_eq!(&out[23..], &[1, 2, 3]);
    }

    #[test]
    fn every_file_of_www_is_shipped_and_only_those() {
        fn walk(root: &Path, folder: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, found);
                } else {
                    found.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
        let mut in_www = Vec::new();
        walk(&www, &www, &mut in_www);
        in_www.retain(|name| !NOT_SHIPPED.contains(&name.as_str()));
        in_www.sort();
        let mut shipped: Vec<String> = PAGE.iter().map(|(name, _)| name.to_string()).collect();
        shipped.sort();
        assert_eq!(shipped, in_www, "src/site.rs PAGE (and build.rs PAGE_FILES) must list every file of www/");
        let build_rs = include_str!("../../build.rs");
        for (name, _) in PAGE {
            assert!(build_rs.contains(&format!("\"{name}\"")), "build.rs PAGE_FILES lacks {name}");
        }
    }

    #[test]
    fn the_offline_page_gets_classic_scripts() {
        let js = "import { a } from './a.js';\nconst x = 1;\nexport { x };";
        assert_eq!(without_lines_starting(js, "import "), "const x = 1;\nexport { x };");
        assert_eq!(without_lines_starting(js, "export "), "import { a } from './a.js';\nconst x = 1;");
    }

    #[test]
    fn the_offline_page_carries_every_language_as_an_assignment() {
        let script = other_languages().expect("every language file exports one table");
        for code in ["fr", "de", "es", "ru", "zh", "ja", "ar"] {
            let assignment = format!("STRINGS.{code} = {{");
            assert_eq!(script.lines().filter(|line| *line == assignment).count(), 1, "{code}");
        }
        assert!(!script.contains("export"), "no export is left");
        assert!(script.contains("'search.button': 'Rechercher',"));
    }

    #[test]
    fn inline_scripts_cannot_close_their_element() {
        assert_eq!(inline_script("x = '</script><b>'"), "x = '<\\/script><b>'");
    }
}
