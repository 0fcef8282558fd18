//! Which files of the paths given are documents, in which order, under which ids.
//!
//! The plan is made from a [`Listing`] before anything is read so that a progress bar knows the
//! total, and so that the order (sorted paths, depth first) and the ids (path
//! relative to the folder given, without extension) never depend on the file
//! system's listing order. Everything not read is reported as ignored: a
//! curator should see that `LICENSE.txt` was left out, not wonder.
//!
//! Site generators publish the markup source of each page beside it (Sphinx's
//! `_sources/library/os.rst.txt` for `library/os.html`). Read as text, each
//! would be a second, rawer copy of its page that outranks the page itself, so
//! a `.txt` file that mirrors an HTML page's path — in a folder of its own, or
//! beside it with the markup's extension (`os.rst.txt`) — is listed as that
//! page's source copy and not read.

use super::error::{CorpusError, CorpusErrorKind};
use super::listing::{Entry, EntryKind, Given, Listing};
use std::path::{Path, PathBuf};

/// How a file is read, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    ArchivePage,
    Markdown,
    JsonLines,
    Html,
}

impl FileKind {
    pub(crate) fn of(path: &Path) -> Option<FileKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" => Some(FileKind::ArchivePage),
            "md" | "markdown" => Some(FileKind::Markdown),
            "jsonl" | "ndjson" => Some(FileKind::JsonLines),
            "html" | "htm" => Some(FileKind::Html),
            _ => None,
        }
    }
}

/// A file to read, with the id its document will have.
#[derive(Debug)]
pub(crate) struct PlannedFile {
    pub path: PathBuf,
    pub id: String,
    pub kind: FileKind,
    /// The folder given that holds it, or its own folder for a file named
    /// directly: the pages of one site.
    pub site: PathBuf,
}

/// Extensions of markup a generator's source copy may keep before `.txt`.
const MARKUP_EXTENSIONS: &[&str] =
    &["adoc", "asciidoc", "ipynb", "markdown", "md", "org", "rest", "rst", "textile", "txt"];

/// One step of reading, in order.
#[derive(Debug)]
pub(crate) enum Step {
    Read(PlannedFile),
    /// A path that cannot be read or is not a kind Carrel reads.
    Fail(CorpusError),
}

pub(crate) struct Plan {
    pub steps: Vec<Step>,
    pub ignored: Vec<PathBuf>,
    /// Source copies not read: (the copy, the page it is the source of).
    pub source_copies: Vec<(PathBuf, PathBuf)>,
}

impl Plan {
    pub(crate) fn file_count(&self) -> usize {
        self.steps.iter().filter(|s| matches!(s, Step::Read(_))).count()
    }
}

/// Plans the reading of what `listing` holds. Folders are read in the
/// listing's (sorted) order; a file named directly is read whatever its name,
/// but must have a known extension. Cost: no file is opened.
pub(crate) fn plan(listing: Listing) -> Plan {
    let mut plan = Plan { steps: Vec::new(), ignored: Vec::new(), source_copies: Vec::new() };
    let folders: Vec<&Path> = listing
        .given
        .iter()
        .filter_map(|given| match given {
            Given::Folder { canonical, .. } => Some(canonical.as_path()),
            _ => None,
        })
        .collect();
    let mut prefixes = folder_prefixes(&folders).into_iter();
    for given in listing.given {
        match given {
            Given::Unreadable { path, error } => {
                plan.steps.push(Step::Fail(CorpusError::new(&path, CorpusErrorKind::Unreadable(error))))
            }
            Given::Folder { path, entries, .. } => {
                plan_folder(&path, entries, &prefixes.next().expect("one per folder"), &mut plan)
            }
            Given::File { path } => plan.steps.push(match FileKind::of(&path) {
                Some(kind) => {
                    let site = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    Step::Read(PlannedFile { id: file_stem(&path), path, kind, site })
                }
                None => Step::Fail(CorpusError::new(&path, CorpusErrorKind::UnsupportedFile)),
            }),
        }
    }
    plan
}

/// With several folders, ids are relative to the folders' common ancestor,
/// so `volume-1/` and `volume-2/` given separately yield the same ids as
/// their parent given whole (and two `178-….md` files do not collide).
/// Returns each folder's path below that ancestor (empty for one folder).
fn folder_prefixes(canonical: &[&Path]) -> Vec<String> {
    if canonical.len() < 2 {
        return vec![String::new(); canonical.len()];
    }
    let mut common: PathBuf = canonical[0].parent().map(Path::to_path_buf).unwrap_or_default();
    for folder in &canonical[1..] {
        while !folder.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    canonical
        .iter()
        .map(|folder| {
            let below = folder.strip_prefix(&common).unwrap_or(folder);
            below.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
        })
        .collect()
}

/// Plans a folder's entries (in walk order): hidden folders are ignored with
/// everything below them, and so are files Carrel does not read.
fn plan_folder(root: &Path, entries: Vec<Entry>, prefix: &str, plan: &mut Plan) {
    let first_step = plan.steps.len();
    let mut hidden: Option<PathBuf> = None;
    for Entry { path, kind } in entries {
        if hidden.as_ref().is_some_and(|folder| path.starts_with(folder)) {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match kind {
            EntryKind::Unreadable(err) => {
                plan.steps.push(Step::Fail(CorpusError::new(&path, CorpusErrorKind::Unreadable(err))))
            }
            EntryKind::Folder => {
                if name.starts_with('.') {
                    plan.ignored.push(path.clone());
                    hidden = Some(path);
                }
            }
            kind => match FileKind::of(&path) {
                Some(file_kind)
                    if matches!(kind, EntryKind::File) && !name.starts_with('.') && !is_collection_note(&name) =>
                {
                    let id = match relative_id(root, &path) {
                        id if prefix.is_empty() => id,
                        id => format!("{prefix}/{id}"),
                    };
                    let site = root.to_path_buf();
                    plan.steps.push(Step::Read(PlannedFile { path, id, kind: file_kind, site }));
                }
                _ => plan.ignored.push(path),
            },
        }
    }
    set_aside_source_copies(root, first_step, plan);
}

/// Moves the text files from `plan.steps[from..]` that copy an HTML page's
/// source into `plan.source_copies`. Cost: one set of the folder's pages,
/// then a few lookups per text file.
fn set_aside_source_copies(root: &Path, from: usize, plan: &mut Plan) {
    let pages: std::collections::HashMap<Vec<String>, PathBuf> = plan.steps[from..]
        .iter()
        .filter_map(|step| match step {
            Step::Read(file) if file.kind == FileKind::Html => Some((page_key(root, &file.path)?, file.path.clone())),
            _ => None,
        })
        .collect();
    if pages.is_empty() {
        return;
    }
    let steps = plan.steps.split_off(from);
    for step in steps {
        let page = match &step {
            Step::Read(file) if file.kind == FileKind::ArchivePage => page_copied(root, &file.path, &pages),
            _ => None,
        };
        match (page, step) {
            (Some(page), Step::Read(file)) => plan.source_copies.push((file.path, page)),
            (_, step) => plan.steps.push(step),
        }
    }
}

/// `root/library/os.html` → `["library", "os"]`.
fn page_key(root: &Path, path: &Path) -> Option<Vec<String>> {
    let relative = path.strip_prefix(root).ok()?.with_extension("");
    Some(relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect())
}

/// The page a text file is the source copy of: `_sources/library/os.rst.txt`
/// (or `_sources/library/os.txt`) mirrors `library/os.html` with one folder
/// more; `os.rst.txt` beside `os.html` mirrors it with a markup extension.
fn page_copied(root: &Path, path: &Path, pages: &std::collections::HashMap<Vec<String>, PathBuf>) -> Option<PathBuf> {
    let mut key = page_key(root, path)?;
    let last = key.last_mut()?;
    let with_markup = match last.rsplit_once('.') {
        Some((stem, extension)) if MARKUP_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) => {
            *last = stem.to_string();
            true
        }
        _ => false,
    };
    if with_markup && let Some(page) = pages.get(&key) {
        return Some(page.clone());
    }
    (0..key.len() - 1).find_map(|folder| {
        let mut mirrored = key.clone();
        mirrored.remove(folder);
        pages.get(&mirrored).cloned()
    })
}

/// README, SOURCE, LICENSE (or LICENCE) and CHANGELOG files describe the
/// collection; they are not documents of it.
fn is_collection_note(name: &str) -> bool {
    const NOTES: [&str; 5] = ["README", "SOURCE", "LICENSE", "LICENCE", "CHANGELOG"];
    let upper = name.to_uppercase();
    NOTES.iter().any(|note| upper.starts_with(note))
}

/// `root/volume-1/doc.md` → `volume-1/doc`.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_in_any_case() {
        assert_eq!(FileKind::of(Path::new("a/b.TXT")), Some(FileKind::ArchivePage));
        assert_eq!(FileKind::of(Path::new("b.markdown")), Some(FileKind::Markdown));
        assert_eq!(FileKind::of(Path::new("b.ndjson")), Some(FileKind::JsonLines));
        assert_eq!(FileKind::of(Path::new("b.htm")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("b.pdf")), None);
        assert_eq!(FileKind::of(Path::new("Makefile")), None);
    }

    #[test]
    fn collection_notes() {
        for name in ["README", "readme.md", "SOURCE.md", "License.txt", "LICENCE", "CHANGELOG.markdown"] {
            assert!(is_collection_note(name), "{name}");
        }
        assert!(!is_collection_note("letter-about-licensing.md"));
    }

    #[test]
    fn source_copies_mirror_their_pages() {
        let root = Path::new("/site");
        let pages: std::collections::HashMap<Vec<String>, PathBuf> = ["index.html", "library/os.html", "faq.html"]
            .iter()
            .map(|p| (page_key(root, &root.join(p)).unwrap(), root.join(p)))
            .collect();
        let copied = |p: &str| page_copied(root, &root.join(p), &pages);
        assert_eq!(copied("_sources/library/os.rst.txt"), Some(root.join("library/os.html")));
        assert_eq!(copied("_sources/index.txt"), Some(root.join("index.html")));
        assert_eq!(copied("faq.md.txt"), Some(root.join("faq.html")));
        assert_eq!(copied("faq.txt"), None, "a same-named text beside a page is not marked as a copy");
        assert_eq!(copied("_sources/library/sys.rst.txt"), None);
        assert_eq!(copied("notes/letter.txt"), None);
    }

    #[test]
    fn ids_are_relative_paths_without_extension() {
        let root = Path::new("/c/dfat");
        assert_eq!(relative_id(root, Path::new("/c/dfat/volume-1/1-sir.md")), "volume-1/1-sir");
        assert_eq!(relative_id(root, Path::new("/c/dfat/a.b.txt")), "a.b");
        assert_eq!(file_stem(Path::new("x/000_ad69.txt")), "000_ad69");
    }
}
