//! `carrel build` and `carrel index` as the faces share them: a collection's
//! files and the build's options in, the index bytes out, with every line of
//! the build's report said on the way.
//!
//! The `carrel` tool reads a folder on disk; the builder module reads files
//! JavaScript hands it (from Node, or a browser's folder picker). Both call
//! [`build_index`] with a [`ReadingPlan`] and a way to read a file, and print
//! the lines it reports, so the same files make the same index and the same
//! report — what was ignored, left out, skipped and why — whichever face
//! built it. Files of options (`--types`, `--variants`) arrive as text: the
//! face reads them, since only it knows where they live.

use crate::corpus::{self, CorpusError, DocumentTypes, Loaded, ReadingPlan, TypesError};
use crate::index::builder::{BuildSummary, IndexBuilder};
use crate::site::{SiteError, SiteFile};
use crate::text::variants::{Variants, VariantsError};
use std::fmt;
use std::path::Path;

/// What `carrel build` and `carrel index` are asked, past the files.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The collection's name (default: the first folder's).
    pub name: Option<String>,
    /// Skip bad files, each reported, rather than stop at the first.
    pub keep_going: bool,
    /// Extra name-variant files: the name to report them by, and their text.
    pub variants: Vec<(String, String)>,
    /// Leave out the shipped variants and abbreviations.
    pub no_default_variants: bool,
    /// Extra document-type files: the name to report them by, and their text.
    pub types: Vec<(String, String)>,
    /// The language of documents that name none.
    pub lang: String,
    /// Guess the language of documents that name none.
    pub detect_language: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            name: None,
            keep_going: false,
            variants: Vec::new(),
            no_default_variants: false,
            types: Vec::new(),
            lang: "en".to_string(),
            detect_language: false,
        }
    }
}

/// What a face does with the build's report.
pub trait Report {
    /// Reading begins: `files` will be read.
    fn reading(&mut self, files: usize);
    /// A file is about to be read.
    fn file(&mut self, path: &Path);
    /// Reading is over (a progress bar can go).
    fn read(&mut self);
    /// A line of the report, for the person building.
    fn line(&mut self, line: &str);
    /// Seconds since the build began (the faces keep time differently).
    fn elapsed_seconds(&self) -> f64;
    /// A file found and not read, and why (besides its line): for a face
    /// that lists files rather than lines.
    fn ignored(&mut self, _path: &Path, _why: &str) {}
    /// A file (or record) skipped when keeping going (besides its line).
    fn skipped(&mut self, _error: &CorpusError) {}
}

/// Why a build stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// A file of the collection (the first bad one, unless keeping going).
    Corpus(CorpusError),
    Types(TypesError),
    Variants(VariantsError),
    /// `--lang` is not a language tag.
    Language {
        tag: String,
    },
    Site(SiteError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Corpus(error) => write!(f, "{error}"),
            BuildError::Types(error) => write!(f, "{error}"),
            BuildError::Variants(error) => write!(f, "{error}"),
            BuildError::Language { tag } => write!(f, "--lang {tag:?} is not a language tag (such as en, de, zh-Hant)"),
            BuildError::Site(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Reads the collection and builds its index, reporting as it goes. Each
/// document goes to the index builder as soon as it is read, so the
/// collection's text is never held whole (see [`corpus::read_planned`]).
pub fn build_index(
    plan: ReadingPlan,
    read: &mut dyn FnMut(&Path) -> std::io::Result<Vec<u8>>,
    options: &BuildOptions,
    report: &mut dyn Report,
) -> Result<(Vec<u8>, BuildSummary), BuildError> {
    let mut types = DocumentTypes::defaults();
    for (file, text) in &options.types {
        types.extend(DocumentTypes::parse(text, file).map_err(BuildError::Types)?);
    }
    let mut variants = if options.no_default_variants { Variants::default() } else { Variants::defaults() };
    for (file, text) in &options.variants {
        variants.extend(Variants::parse(text, file).map_err(BuildError::Variants)?);
    }
    let name = options.name.clone().unwrap_or_else(|| plan.default_name().to_string());
    let mut builder = IndexBuilder::new(&name);
    builder.set_variants(variants);
    builder.set_default_language(&options.lang).map_err(|tag| BuildError::Language { tag })?;
    report.reading(plan.file_count());
    let mut detected = 0;
    let loaded = corpus::read_planned(
        plan,
        read,
        &types,
        options.keep_going,
        &mut |path| report.file(path),
        &mut |mut document| {
            if options.detect_language && document.language.is_none() {
                document.language = corpus::language::detect(&document);
                detected += usize::from(document.language.is_some());
            }
            builder.add(document);
        },
    )
    .map_err(BuildError::Corpus)?;
    report.read();
    for path in &loaded.ignored {
        report.line(&format!("ignored (not a document): {}", path.display()));
        report.ignored(path, "not a document");
    }
    report_html_reading(&loaded, report);
    if options.detect_language {
        report.line(&format!("detected the language of {detected} documents"));
    }
    let (bytes, summary) = builder.finish();
    report.line(&format!(
        "indexed {} documents, {} terms ({} words), {} bytes in {:.2} s",
        summary.documents,
        summary.terms,
        summary.words,
        summary.bytes,
        report.elapsed_seconds()
    ));
    if !loaded.skipped.is_empty() {
        report.line(&format!("skipped {} files:", loaded.skipped.len()));
        for error in &loaded.skipped {
            report.line(&format!("  {error}"));
            report.skipped(error);
        }
    }
    Ok((bytes, summary))
}

/// What was left out of HTML pages, so that nothing is left out quietly.
fn report_html_reading(loaded: &Loaded, report: &mut dyn Report) {
    for copy in &loaded.source_copies {
        report.line(&format!("ignored (source copy of {}): {}", copy.page.display(), copy.path.display()));
        report.ignored(&copy.path, &format!("source copy of {}", copy.page.display()));
    }
    for chrome in &loaded.site_chrome {
        report.line(&format!(
            "site text left out of the {} pages in {} (repeated on most of them): {} passages",
            chrome.pages,
            chrome.site.display(),
            chrome.texts.len()
        ));
        for (text, pages) in &chrome.texts {
            let shown: String = text.chars().take(SHOWN_CHROME_CHARS).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            report.line(&format!("  {pages} pages: {shown}{more}"));
        }
    }
    for page in &loaded.read_in_part {
        report.line(&format!(
            "read in part: {} keeps {} % of its visible text ({} of {} characters; the rest is navigation, \
             sidebars or text repeated across the site)",
            page.path.display(),
            page.kept_chars * 100 / page.visible_chars.max(1),
            page.kept_chars,
            page.visible_chars
        ));
    }
}

/// Longest excerpt of a left-out passage the build report shows.
const SHOWN_CHROME_CHARS: usize = 80;

/// The report of a site written into `out`: a line per file, and one for
/// all the packs.
pub fn written_lines(out: &Path, files: &[SiteFile]) -> Vec<String> {
    let sizes: Vec<(&str, usize)> = files.iter().map(|file| (file.path.as_str(), file.bytes.len())).collect();
    written_lines_of(out, &sizes)
}

/// An offline page larger than this gets a warning in the report: the
/// browser reads and decodes all of it before the first search, and the
/// inlined module and index take several times their size in memory.
/// Measured in headless Chromium from file:// on a 2-core server
/// (`node bench/offline-open.mjs FILE QUERY`): the demo's 0.7 MB page shows
/// its first results after 0.3 s, DFAT's 29 MB page after 0.9 s and 155 MB
/// more memory than the demo's, DFAT ×13's 362 MB page after 12.4 s and
/// 1.6 GB more — so 100 MB is seconds and half a gigabyte, and more on a
/// school laptop reading from a USB stick.
pub const OFFLINE_WARNING_BYTES: usize = 100 << 20;

/// [`written_lines`] for files already written and dropped: each one's path
/// in the site and its size.
pub fn written_lines_of(out: &Path, files: &[(&str, usize)]) -> Vec<String> {
    let (packs, files): (Vec<_>, Vec<_>) = files.iter().partition(|(path, _)| path.ends_with(".bin"));
    let mut lines = Vec::new();
    for (path, bytes) in &files {
        lines.push(format!("wrote {} ({bytes} bytes)", out.join(path).display()));
        if *path == crate::site::OFFLINE_FILE && *bytes > OFFLINE_WARNING_BYTES {
            lines.push(format!(
                "warning: {path} is {} MB: a browser reads all of it before the first search, which takes \
                 long and much memory on a modest computer; for this collection share the site folder \
                 (index.html fetches only what each search needs) rather than this one file",
                bytes >> 20
            ));
        }
    }
    if let Some((first, _)) = packs.first() {
        let bytes: usize = packs.iter().map(|(_, bytes)| bytes).sum();
        let first = out.join(first);
        let folder = first.parent().unwrap_or(out);
        lines.push(format!("wrote {} packs ({bytes} bytes) in {}", packs.len(), folder.display()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::OFFLINE_FILE;

    #[test]
    fn the_report_names_each_file_and_counts_the_packs() {
        let lines = written_lines_of(
            Path::new("site"),
            &[("index.html", 10), (OFFLINE_FILE, 2_000), ("packs/ab/p0.bin", 5), ("packs/ab/s1.bin", 7)],
        );
        assert_eq!(
            lines,
            [
                format!("wrote {} (10 bytes)", Path::new("site").join("index.html").display()),
                format!("wrote {} (2000 bytes)", Path::new("site").join(OFFLINE_FILE).display()),
                format!("wrote 2 packs (12 bytes) in {}", Path::new("site").join("packs/ab").display()),
            ]
        );
    }

    #[test]
    fn an_offline_page_too_large_to_open_easily_is_warned_of() {
        let large = OFFLINE_WARNING_BYTES + 1;
        let lines = written_lines_of(Path::new("site"), &[(OFFLINE_FILE, large), ("index.html", 10)]);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[1].starts_with(&format!("warning: {OFFLINE_FILE} is 100 MB: ")), "{}", lines[1]);
        assert!(lines[1].contains("share the site folder"), "{}", lines[1]);
        let at_the_limit = written_lines_of(Path::new("site"), &[(OFFLINE_FILE, OFFLINE_WARNING_BYTES)]);
        assert_eq!(at_the_limit.len(), 1, "{at_the_limit:?}");
    }
}
