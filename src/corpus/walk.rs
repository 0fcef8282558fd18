//! Which files of the paths given are documents, in which order, under which ids.
//!
//! The plan is made before anything is read so that a progress bar knows the
//! total, and so that the order (sorted paths, depth first) and the ids (path
//! relative to the folder given, without extension) never depend on the file
//! system's listing order. Everything not read is reported as ignored: a
//! curator should see that `LICENSE.txt` was left out, not wonder.

use super::error::{CorpusError, CorpusErrorKind};
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

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
}

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
}

impl Plan {
    pub(crate) fn file_count(&self) -> usize {
        self.steps.iter().filter(|s| matches!(s, Step::Read(_))).count()
    }
}

/// Plans the reading of `paths`. Folders are walked recursively in sorted
/// order (following symbolic links); a file named directly is read whatever
/// its name, but must have a known extension. Cost: one directory listing per
/// folder; no file is opened.
pub(crate) fn plan(paths: &[PathBuf]) -> Plan {
    let mut plan = Plan { steps: Vec::new(), ignored: Vec::new() };
    let folders: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    let prefixes = folder_prefixes(&folders);
    for path in paths {
        match std::fs::metadata(path) {
            Err(err) => plan.steps.push(Step::Fail(CorpusError::new(path, CorpusErrorKind::Unreadable(err)))),
            Ok(meta) if meta.is_dir() => {
                let prefix = folders.iter().position(|f| *f == path).map_or("", |i| prefixes[i].as_str());
                walk_folder(path, prefix, &mut plan)
            }
            Ok(_) => plan.steps.push(match FileKind::of(path) {
                Some(kind) => Step::Read(PlannedFile { path: path.clone(), id: file_stem(path), kind }),
                None => Step::Fail(CorpusError::new(path, CorpusErrorKind::UnsupportedFile)),
            }),
        }
    }
    plan
}

/// With several folders, ids are relative to the folders' common ancestor,
/// so `volume-1/` and `volume-2/` given separately yield the same ids as
/// their parent given whole (and two `178-….md` files do not collide).
/// Returns each folder's path below that ancestor (empty for one folder).
fn folder_prefixes(folders: &[&PathBuf]) -> Vec<String> {
    if folders.len() < 2 {
        return vec![String::new(); folders.len()];
    }
    let canonical: Vec<PathBuf> =
        folders.iter().map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf())).collect();
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

fn walk_folder(root: &Path, prefix: &str, plan: &mut Plan) {
    let mut entries = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = err.to_string();
                let io = err.into_io_error().unwrap_or_else(|| io::Error::other(message));
                plan.steps.push(Step::Fail(CorpusError::new(&path, CorpusErrorKind::Unreadable(io))));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let path = entry.path();
        if entry.file_type().is_dir() {
            if name.starts_with('.') {
                plan.ignored.push(path.to_path_buf());
                entries.skip_current_dir();
            }
            continue;
        }
        let kind = FileKind::of(path);
        match kind {
            Some(kind) if entry.file_type().is_file() && !name.starts_with('.') && !is_collection_note(&name) => {
                let id = match relative_id(root, path) {
                    id if prefix.is_empty() => id,
                    id => format!("{prefix}/{id}"),
                };
                plan.steps.push(Step::Read(PlannedFile { path: path.to_path_buf(), id, kind }));
            }
            _ => plan.ignored.push(path.to_path_buf()),
        }
    }
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
    fn ids_are_relative_paths_without_extension() {
        let root = Path::new("/c/dfat");
        assert_eq!(relative_id(root, Path::new("/c/dfat/volume-1/1-sir.md")), "volume-1/1-sir");
        assert_eq!(relative_id(root, Path::new("/c/dfat/a.b.txt")), "a.b");
        assert_eq!(file_stem(Path::new("x/000_ad69.txt")), "000_ad69");
    }
}
