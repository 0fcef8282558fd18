//! Reading a collection: files in, [`Document`]s out.
//!
//! This is the first step of Carrel's flow (corpus files → documents → terms →
//! index). A collection is whatever a museum or teacher has: pages copied from
//! archive websites (`.txt`), Markdown with front matter (`.md`), exported
//! datasets (`.jsonl`) and saved web pages (`.html`). Each format has a pure
//! parser, `text → Document`, that the tests drive directly:
//!
//! | module | reads |
//! |---|---|
//! | `archive_page` | `.txt`: picks `wilson_center`, `frus` or plain title + text |
//! | `markdown` | `.md`: `front_matter` fields, body via `markdown_text` and `apparatus` |
//! | `jsonl` | `.jsonl`: one record per line |
//! | `html` | `.html`: main content and `<meta>` fields; `website` reads a folder's pages together |
//!
//! Shared by all: `paragraphs` (normalisation), `dates`, `catalogue`
//! (kind, sender and recipient from a title and opening line, through
//! `doc_types`, `designation`, `correspondents` and `title_words`) and
//! [`language`] (a language tag or name from a field, or a guess from the
//! text). `listing` says what the paths given hold — on disk, or given in
//! memory by the builder module — `walk` decides which files are read and
//! their ids; this module reads
//! them, decodes UTF-8 and rejects duplicate ids. Nothing is skipped silently:
//! a bad file is an error (or, when asked to keep going, an entry of
//! [`Loaded::skipped`]), a file that is not read is listed in
//! [`Loaded::ignored`] or [`Loaded::source_copies`], and text left out of an
//! HTML page is reported in [`Loaded::site_chrome`] and [`Loaded::read_in_part`].
//!
//! ```no_run
//! use std::path::PathBuf;
//! let loaded = carrel::corpus::read_collection(&[PathBuf::from("collection")], true, &mut |_| {})?;
//! for error in &loaded.skipped {
//!     eprintln!("skipped {error}");
//! }
//! println!("{} documents", loaded.documents.len());
//! # Ok::<(), carrel::corpus::CorpusError>(())
//! ```

mod apparatus;
mod archive_page;
mod catalogue;
mod correspondents;
mod dates;
mod designation;
mod doc_types;
mod error;
mod front_matter;
mod frus;
mod html;
mod jsonl;
pub mod language;
mod listing;
mod markdown;
mod markdown_text;
mod paragraphs;
mod title_words;
mod walk;
mod website;
mod wilson_center;

pub use archive_page::{parse_archive_page, parse_archive_page_with};
pub use doc_types::{DEFAULT_TYPES, DocumentTypes, TypesError};
pub use error::{CorpusError, CorpusErrorKind, ParseError};
pub use jsonl::{parse_jsonl, parse_jsonl_record};
pub use listing::Listing;
pub use markdown::{parse_markdown, parse_markdown_with};
pub use website::parse_html;

use crate::document::Document;
#[cfg(not(target_arch = "wasm32"))]
use doc_types::SHIPPED;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use walk::{FileKind, PlannedFile, Step};

/// What reading a collection gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents in reading order: sorted paths, then record order in a file.
    pub documents: Vec<Document>,
    /// Files (or JSON Lines records) that could not be read, when reading was
    /// asked to keep going.
    pub skipped: Vec<CorpusError>,
    /// Files and folders found but deliberately not read: hidden ones, other
    /// extensions, and collection notes (README, SOURCE, LICENSE, CHANGELOG).
    pub ignored: Vec<PathBuf>,
    /// Text files not read because they copy an HTML page's markup source, as
    /// site generators publish it (Sphinx's `_sources/*.txt`).
    pub source_copies: Vec<SourceCopy>,
    /// HTML pages whose document kept less than half the text a reader sees
    /// on them (the rest was navigation, sidebars or the site's repeated text).
    pub read_in_part: Vec<ReadInPart>,
    /// Per site, the text left out of its pages because most pages repeat it.
    pub site_chrome: Vec<SiteChrome>,
}

/// A text file that copies an HTML page's source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceCopy {
    pub path: PathBuf,
    /// The page it is the source of.
    pub page: PathBuf,
}

/// A page whose document kept less than half the text a reader sees on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadInPart {
    pub path: PathBuf,
    /// Characters of the page's text in its document.
    pub kept_chars: usize,
    /// Characters of text a reader sees on the page.
    pub visible_chars: usize,
}

/// Text a site's pages repeat, left out of each page's document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteChrome {
    /// The folder the site's pages were read from.
    pub site: PathBuf,
    /// Pages of the site.
    pub pages: usize,
    /// Each text left out, with the number of pages that held it, most
    /// frequent first.
    pub texts: Vec<(String, usize)>,
}

/// Reads every path (file or folder, folders recursively, walked in sorted
/// path order so output is deterministic).
///
/// With `keep_going == false` the first bad file is returned as the error;
/// with `true` bad files (and bad JSON Lines records) go to
/// [`Loaded::skipped`] and reading continues, so the result is always `Ok`.
/// `on_file` is called once per file about to be read. The HTML pages of a
/// folder are read together (see [`Loaded::site_chrome`]), so they become
/// documents once all are read. Cost: every file is read whole into memory
/// once; all documents are held until returned.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_collection(
    paths: &[PathBuf],
    keep_going: bool,
    on_file: &mut dyn FnMut(&Path),
) -> Result<Loaded, CorpusError> {
    read_collection_with(paths, &SHIPPED, keep_going, on_file)
}

/// [`read_collection`] with a vocabulary of document types (the shipped one
/// extended by a curator's, see [`DocumentTypes`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn read_collection_with(
    paths: &[PathBuf],
    types: &DocumentTypes,
    keep_going: bool,
    on_file: &mut dyn FnMut(&Path),
) -> Result<Loaded, CorpusError> {
    let plan = ReadingPlan::new(Listing::of_paths(paths));
    let mut documents = Vec::new();
    let mut loaded = read_planned(plan, &mut |path| std::fs::read(path), types, keep_going, on_file, &mut |doc| {
        documents.push(doc)
    })?;
    loaded.documents = documents;
    Ok(loaded)
}

/// Which files of a [`Listing`] will be read, in which order and under which
/// ids, decided before any is opened.
pub struct ReadingPlan {
    plan: walk::Plan,
    default_name: String,
}

impl ReadingPlan {
    pub fn new(listing: Listing) -> ReadingPlan {
        let default_name = listing.default_name();
        ReadingPlan { plan: walk::plan(listing), default_name }
    }

    /// The collection's name when none is given (see [`Listing::default_name`]).
    pub fn default_name(&self) -> &str {
        &self.default_name
    }

    /// Files that will be read (and reported to `on_file`), for sizing a
    /// progress bar.
    pub fn file_count(&self) -> usize {
        self.plan.file_count()
    }
}

/// Reads the files of `plan`, as [`read_collection_with`] reads paths on
/// disk, taking each file's bytes from `read` when it is read (once per file,
/// in reading order): the one way every face reads a collection. Each
/// document goes to `on_document` as soon as it and every document before it
/// are read, in the same order, instead of being held ([`Loaded::documents`]
/// stays empty): files after the first HTML page wait for its site to be read
/// whole; the others are never held.
pub fn read_planned(
    plan: ReadingPlan,
    read: &mut dyn FnMut(&Path) -> std::io::Result<Vec<u8>>,
    types: &DocumentTypes,
    keep_going: bool,
    on_file: &mut dyn FnMut(&Path),
    on_document: &mut dyn FnMut(Document),
) -> Result<Loaded, CorpusError> {
    let plan = plan.plan;
    let mut loaded = Loaded { ignored: plan.ignored, ..Loaded::default() };
    loaded.source_copies = plan.source_copies.into_iter().map(|(path, page)| SourceCopy { path, page }).collect();
    let mut sites = Sites::default();
    let mut pending: Vec<(PathBuf, Pending)> = Vec::new();
    let mut ids = Ids::default();
    let mut deliver = |path: &Path, results: ReadResults, skipped: &mut Vec<CorpusError>| {
        for result in results {
            match result.and_then(|(doc, line)| ids.claim(doc, path, line)) {
                Ok(doc) => on_document(doc),
                Err(err) => reject(err, keep_going, skipped)?,
            }
        }
        Ok::<(), CorpusError>(())
    };
    for step in plan.steps {
        let (path, outcome) = match step {
            Step::Read(file) => {
                on_file(&file.path);
                let outcome = read_file(&file, read, types, &mut sites);
                (file.path, outcome)
            }
            Step::Fail(err) => (err.path.clone(), Pending::Read(vec![Err(err)])),
        };
        match outcome {
            // Nothing waits for a site: this file's documents go out now (and
            // its first error, unless keeping going, ends the reading).
            Pending::Read(results) if pending.is_empty() => deliver(&path, results, &mut loaded.skipped)?,
            outcome => pending.push((path, outcome)),
        }
    }
    let mut pages = sites.read(types, &mut loaded);
    for (path, read) in pending {
        let results = match read {
            Pending::Read(results) => results,
            Pending::Page { site, page } => {
                let result = pages[site][page].take().expect("each page is taken once");
                vec![result.map(|doc| (doc, None)).map_err(|err| err.at(&path))]
            }
        };
        deliver(&path, results, &mut loaded.skipped)?;
    }
    Ok(loaded)
}

/// Count of files [`read_collection`] would read (and report to `on_file`),
/// for sizing a progress bar. Lists folders; opens no file.
#[cfg(not(target_arch = "wasm32"))]
pub fn count_files(paths: &[PathBuf]) -> usize {
    ReadingPlan::new(Listing::of_paths(paths)).file_count()
}

fn reject(err: CorpusError, keep_going: bool, skipped: &mut Vec<CorpusError>) -> Result<(), CorpusError> {
    if keep_going {
        skipped.push(err);
        Ok(())
    } else {
        Err(err)
    }
}

/// A file read: its documents, or a page waiting for the rest of its site.
/// The documents of one file, each with its line for JSON Lines.
type ReadResults = Vec<Result<(Document, Option<usize>), CorpusError>>;

enum Pending {
    /// The documents of the file.
    Read(ReadResults),
    /// Page `page` of site `site` in [`Sites`].
    Page { site: usize, page: usize },
}

/// HTML pages read so far, by the folder they were found in.
#[derive(Default)]
struct Sites(Vec<(PathBuf, Vec<(PathBuf, html::Page)>)>);

impl Sites {
    fn add(&mut self, site: &Path, path: &Path, page: html::Page) -> Pending {
        let at = match self.0.iter().position(|(s, _)| s == site) {
            Some(at) => at,
            None => {
                self.0.push((site.to_path_buf(), Vec::new()));
                self.0.len() - 1
            }
        };
        self.0[at].1.push((path.to_path_buf(), page));
        Pending::Page { site: at, page: self.0[at].1.len() - 1 }
    }

    /// Each site's pages as documents (indexed like the pages), reporting
    /// pages read in part and each site's chrome into `loaded`.
    fn read(self, types: &DocumentTypes, loaded: &mut Loaded) -> Vec<Vec<Option<Result<Document, ParseError>>>> {
        let mut out = Vec::new();
        for (site, pages) in self.0 {
            let (paths, pages): (Vec<PathBuf>, Vec<html::Page>) = pages.into_iter().unzip();
            let count = pages.len();
            let read = website::read_pages(&pages, types);
            for ((path, (kept, visible)), result) in paths.into_iter().zip(read.kept).zip(&read.documents) {
                if result.is_ok() && kept * 2 < visible {
                    loaded.read_in_part.push(ReadInPart { path, kept_chars: kept, visible_chars: visible });
                }
            }
            if !read.chrome.is_empty() {
                loaded.site_chrome.push(SiteChrome { site, pages: count, texts: read.chrome });
            }
            out.push(read.documents.into_iter().map(Some).collect());
        }
        out
    }
}

/// Reads one file: its documents, or (HTML) a page added to its site. A
/// file that cannot be read or decoded is one error.
fn read_file(
    file: &PlannedFile,
    read: &mut dyn FnMut(&Path) -> std::io::Result<Vec<u8>>,
    types: &DocumentTypes,
    sites: &mut Sites,
) -> Pending {
    let text = match read_text(&file.path, read) {
        Ok(text) => text,
        Err(err) => return Pending::Read(vec![Err(err)]),
    };
    let at = |err: ParseError| err.at(&file.path);
    let single = |result: Result<Document, ParseError>| Pending::Read(vec![result.map(|doc| (doc, None)).map_err(at)]);
    match file.kind {
        FileKind::ArchivePage => single(parse_archive_page_with(&text, &file.id, types)),
        FileKind::Markdown => single(parse_markdown_with(&text, &file.id, types)),
        FileKind::Html => match html::read_page(&text, &file.id) {
            Ok(page) => sites.add(&file.site, &file.path, page),
            Err(err) => Pending::Read(vec![Err(at(err))]),
        },
        FileKind::JsonLines => {
            let records = parse_jsonl(&text);
            if records.is_empty() {
                return Pending::Read(vec![Err(CorpusError::new(&file.path, CorpusErrorKind::NoRecords))]);
            }
            Pending::Read(
                records.into_iter().map(|(line, result)| result.map(|doc| (doc, Some(line))).map_err(at)).collect(),
            )
        }
    }
}

/// The file as UTF-8 text; an invalid byte is reported with its offset and line.
fn read_text(path: &Path, read: &mut dyn FnMut(&Path) -> std::io::Result<Vec<u8>>) -> Result<String, CorpusError> {
    let bytes = read(path).map_err(|err| CorpusError::new(path, CorpusErrorKind::Unreadable(err)))?;
    String::from_utf8(bytes).map_err(|err| {
        let byte_offset = err.utf8_error().valid_up_to();
        let line = err.as_bytes()[..byte_offset].iter().filter(|&&b| b == b'\n').count() + 1;
        CorpusError { path: path.to_path_buf(), line: Some(line), kind: CorpusErrorKind::InvalidUtf8 { byte_offset } }
    })
}

/// Ids seen so far and where, so a duplicate can name the first holder.
#[derive(Default)]
struct Ids(HashMap<String, (PathBuf, Option<usize>)>);

impl Ids {
    fn claim(&mut self, doc: Document, path: &Path, line: Option<usize>) -> Result<Document, CorpusError> {
        if let Some((first_path, first_line)) = self.0.get(&doc.id) {
            let kind =
                CorpusErrorKind::DuplicateId { id: doc.id, first_path: first_path.clone(), first_line: *first_line };
            return Err(CorpusError { path: path.to_path_buf(), line, kind });
        }
        self.0.insert(doc.id.clone(), (path.to_path_buf(), line));
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder under the system temp dir, removed when dropped.
    struct TempFolder(PathBuf);

    impl TempFolder {
        fn new(files: &[(&str, &[u8])]) -> TempFolder {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let name = format!("carrel-corpus-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
            let root = std::env::temp_dir().join(name);
            for (path, bytes) in files {
                let path = root.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, bytes).unwrap();
            }
            fs::create_dir_all(&root).unwrap();
            TempFolder(root)
        }

        fn root(&self) -> PathBuf {
            self.0.clone()
        }

        fn path(&self, relative: &str) -> PathBuf {
            self.0.join(relative)
        }
    }

    impl Drop for TempFolder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn read(paths: &[PathBuf], keep_going: bool) -> Result<Loaded, CorpusError> {
        read_collection(paths, keep_going, &mut |_| {})
    }

    fn ids(loaded: &Loaded) -> Vec<&str> {
        loaded.documents.iter().map(|d| d.id.as_str()).collect()
    }

    fn names(paths: &[PathBuf], root: &Path) -> Vec<String> {
        paths.iter().map(|p| p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")).collect()
    }

    #[test]
    fn folders_are_walked_in_sorted_order_with_relative_ids() {
        let folder = TempFolder::new(&[
            ("b/2.md", b"---\ntitle: Two\n---\nText two."),
            ("a.txt", b"Title A\n\nText a."),
            ("b/1.html", b"<title>One</title><p>Text one.</p>"),
            ("c.jsonl", b"{\"id\": 9, \"title\": \"Nine\", \"text\": \"t\"}\n{\"id\": \"x\", \"title\": \"X\", \"text\": \"t\"}\n"),
            ("README.md", b"# About"),
            ("notes/LICENSE", b"CC-BY"),
            ("scan.pdf", b"%PDF"),
            (".git/config", b"x"),
            (".hidden.txt", b"x"),
        ]);
        let mut seen = Vec::new();
        let loaded = read_collection(&[folder.root()], false, &mut |p| seen.push(p.to_path_buf())).unwrap();
        assert_eq!(ids(&loaded), ["a", "b/1", "b/2", "9", "x"]);
        assert_eq!(names(&seen, &folder.0), ["a.txt", "b/1.html", "b/2.md", "c.jsonl"]);
        assert_eq!(count_files(&[folder.root()]), 4);
        assert_eq!(
            names(&loaded.ignored, &folder.0),
            [".git", ".hidden.txt", "README.md", "notes/LICENSE", "scan.pdf"]
        );
        assert!(loaded.skipped.is_empty());
    }

    #[test]
    fn files_named_directly_use_their_stem_and_must_be_a_known_kind() {
        let folder = TempFolder::new(&[("deep/doc.txt", b"T\n\nText."), ("scan.pdf", b"%PDF")]);
        let loaded = read(&[folder.path("deep/doc.txt")], false).unwrap();
        assert_eq!(ids(&loaded), ["doc"]);
        let err = read(&[folder.path("scan.pdf")], false).unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::UnsupportedFile));
        assert!(err.to_string().contains("scan.pdf"));
        let err = read(&[folder.path("missing.md")], false).unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::Unreadable(_)));
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let folder = TempFolder::new(&[("bad.txt", b"Title\n\nCaf\xe9 text")]);
        let err = read(&[folder.root()], false).unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::InvalidUtf8 { byte_offset: 10 }), "{err:?}");
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().contains("bad.txt:3:"), "{err}");
    }

    #[test]
    fn duplicate_ids_name_both_files() {
        let folder = TempFolder::new(&[("a.md", b"Text."), ("a.txt", b"T\n\nText.")]);
        let err = read(&[folder.root()], false).unwrap_err();
        let CorpusErrorKind::DuplicateId { id, first_path, .. } = &err.kind else { panic!("{err:?}") };
        assert_eq!(id, "a");
        assert!(first_path.ends_with("a.md") && err.path.ends_with("a.txt"));
        let message = err.to_string();
        assert!(message.contains("a.md") && message.contains("a.txt"), "{message}");
    }

    #[test]
    fn duplicate_records_in_json_lines_name_both_lines() {
        let folder = TempFolder::new(&[(
            "d.jsonl",
            b"{\"id\": 1, \"title\": \"\", \"text\": \"a\"}\n{\"id\": \"1\", \"title\": \"\", \"text\": \"b\"}\n",
        )]);
        let err = read(&[folder.root()], false).unwrap_err();
        assert!(matches!(err.kind, CorpusErrorKind::DuplicateId { first_line: Some(1), .. }), "{err:?}");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn keep_going_collects_every_bad_file_and_record() {
        let folder = TempFolder::new(&[
            ("1-good.md", b"---\ntitle: Good\n---\nText."),
            ("2-broken.md", b"---\ntitle: [oops\n---\nText."),
            ("3-empty.html", b"<nav>menu</nav>"),
            ("4-bytes.txt", b"\xff\xfe"),
            (
                "5-records.jsonl",
                b"{\"id\": 1, \"title\": \"A\", \"text\": \"a\"}\nnot json\n{\"id\": 2, \"title\": \"B\"}\n",
            ),
            ("6-nothing.jsonl", b"\n\n"),
            ("7-good.txt", b"Title\n\nText."),
            ("7-good.md", b"Same id."),
        ]);
        let loaded = read(&[folder.root()], true).unwrap();
        assert_eq!(ids(&loaded), ["1-good", "1", "7-good"]);
        let skipped: Vec<(String, Option<usize>)> = loaded
            .skipped
            .iter()
            .map(|e| (e.path.file_name().unwrap().to_string_lossy().into_owned(), e.line))
            .collect();
        assert_eq!(
            skipped,
            [
                ("2-broken.md".to_string(), Some(3)),
                ("3-empty.html".to_string(), None),
                ("4-bytes.txt".to_string(), Some(1)),
                ("5-records.jsonl".to_string(), Some(2)),
                ("5-records.jsonl".to_string(), Some(3)),
                ("6-nothing.jsonl".to_string(), None),
                ("7-good.txt".to_string(), None),
            ]
        );
        let err = read(&[folder.root()], false).unwrap_err();
        assert!(err.path.ends_with("2-broken.md"));
    }

    /// A path under `../shared/corpora/`. The corpora are part of the test
    /// environment: a missing one fails the test, naming it.
    fn shared_corpus(path: &str) -> PathBuf {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(path);
        assert!(
            path.exists(),
            "{} is missing: the tests read the corpora in ../shared/corpora, beside the project",
            path.display()
        );
        path
    }

    #[test]
    fn a_folder_of_pages_is_read_as_a_site() {
        let page = |title: &str, text: &str| {
            format!(
                "<title>{title} - Harbour Museum</title><ul><li>Home</li><li>Visit</li><li>Shop</li></ul>\
                 <div role=\"navigation\"><p>Show the source of this page</p></div><h1>{title}</h1><p>{text}</p>"
            )
        };
        let pages = [
            page("Tides", "High water at noon."),
            page("Lamps", "The pier lamp is lit at dusk and put out at dawn by the keeper."),
            page("Boats", "Two boats were launched."),
            page("Nets", "Nets dry on the quay."),
        ];
        let folder = TempFolder::new(&[
            ("boats.html", pages[2].as_bytes()),
            ("lamps.html", pages[1].as_bytes()),
            ("nets.html", pages[3].as_bytes()),
            ("tides.html", pages[0].as_bytes()),
            ("_sources/tides.rst.txt", b"Tides\n=====\n\nHigh water at noon.\n"),
            ("letter.txt", b"Cablegram to Canberra\n\nArriving Thursday."),
        ]);
        let loaded = read(&[folder.root()], false).unwrap();
        assert_eq!(ids(&loaded), ["boats", "lamps", "letter", "nets", "tides"]);
        let tides = &loaded.documents[4];
        assert_eq!(
            (tides.title.as_str(), tides.body.as_slice()),
            ("Tides", &["Tides".to_string(), "High water at noon.".to_string()][..])
        );
        assert_eq!(
            loaded.source_copies,
            [SourceCopy { path: folder.path("_sources/tides.rst.txt"), page: folder.path("tides.html") }]
        );
        assert!(loaded.ignored.is_empty());
        let chrome = &loaded.site_chrome[0];
        assert_eq!((chrome.site.as_path(), chrome.pages), (folder.0.as_path(), 4));
        assert_eq!(chrome.texts, [("Home".to_string(), 4), ("Shop".to_string(), 4), ("Visit".to_string(), 4)]);
        let partly: Vec<&str> =
            loaded.read_in_part.iter().map(|p| p.path.file_name().unwrap().to_str().unwrap()).collect();
        assert_eq!(partly, ["boats.html", "nets.html", "tides.html"]);
        let letter = &loaded.documents[2];
        assert_eq!((letter.doc_type.as_deref(), letter.to.as_deref()), (Some("Cablegram"), Some("Canberra")));
    }

    #[test]
    fn the_seed_collection_loads() {
        let seeds = shared_corpus("seeds");
        let loaded = read(std::slice::from_ref(&seeds), false).unwrap();
        assert_eq!(loaded.documents.len(), 5);
        assert_eq!(names(&loaded.ignored, &seeds), ["SOURCE.md"]);
    }

    #[test]
    fn cranfield_loads_all_1400_records() {
        let path = shared_corpus("cranfield/docs.jsonl");
        let loaded = read(&[path], false).unwrap();
        assert_eq!(loaded.documents.len(), 1400);
        assert_eq!(loaded.documents[0].id, "1");
        assert_eq!(loaded.documents[0].from.as_deref(), Some("brenckman,m."));
    }

    #[test]
    fn the_dfat_collection_loads_without_errors() {
        let root = shared_corpus("dfat-1923-1949");
        let mut files = 0;
        let loaded = read_collection(std::slice::from_ref(&root), true, &mut |_| files += 1).unwrap();
        assert!(
            loaded.skipped.is_empty(),
            "{}",
            loaded.skipped.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
        );
        assert_eq!(loaded.documents.len(), 7607);
        assert_eq!(files, 7607);
        assert_eq!(names(&loaded.ignored, &root), ["SOURCE.md"]);
        let first = &loaded.documents[0];
        assert!(first.id.starts_with("volume-1-1937-38/1-sir-george-pearce"), "{}", first.id);
        let with = |test: fn(&Document) -> bool| loaded.documents.iter().filter(|d| test(d)).count();
        assert_eq!(with(|d| d.date.is_some()), 7607);
        // Volumes 17 and 18 (Bruce's letters) cite no archival holdings.
        assert!(with(|d| d.source.is_some()) > 7100);
        assert!(with(|d| !d.footnotes.is_empty()) > 5000);
        assert!(with(|d| d.doc_type.is_some()) > 6500);
        assert!(with(|d| d.from.is_some()) > 6000);
        assert_eq!(with(|d| d.body.iter().any(|p| p.trim() == "_" || p.contains("_[AA"))), 0);
    }
}
