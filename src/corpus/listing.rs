//! What the paths given hold, listed before anything is read.
//!
//! A collection reaches Carrel in two ways: as paths on disk (the `carrel`
//! tool) or as files handed over in memory (the builder module, from Node or
//! a browser's folder picker). Both become one [`Listing`] — each path given,
//! and for a folder its entries in the order a sorted, depth-first walk meets
//! them — and everything after it (which files are documents, their ids, the
//! reading) is the same code, so the two ways give the same documents.
//!
//! Only the listing of a folder on disk touches the file system
//! ([`Listing::of_paths`], native only); [`Listing::of_folder_files`] builds
//! the same listing from relative paths.

use std::io;
use std::path::{Path, PathBuf};

/// The paths given, each with what it holds.
#[derive(Debug, Default)]
pub struct Listing {
    pub(crate) given: Vec<Given>,
}

/// One path given.
#[derive(Debug)]
pub(crate) enum Given {
    /// A folder, with every entry below it (not itself) in walk order:
    /// names sorted within each folder, a folder's entries right after it.
    Folder {
        path: PathBuf,
        /// The folder's absolute path with links resolved, where known (it
        /// decides ids when several folders are given, and the default name).
        canonical: PathBuf,
        entries: Vec<Entry>,
    },
    File {
        path: PathBuf,
    },
    Unreadable {
        path: PathBuf,
        error: io::Error,
    },
}

/// An entry of a folder: its path (the folder's path joined with the
/// entry's path below it) and what it is.
#[derive(Debug)]
pub(crate) struct Entry {
    pub path: PathBuf,
    pub kind: EntryKind,
}

#[derive(Debug)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) enum EntryKind {
    Folder,
    File,
    /// Neither a file nor a folder (a device, a socket).
    Other,
    Unreadable(io::Error),
}

impl Listing {
    /// A listing of files given in memory as one folder: `folder` is the
    /// path errors and reports name them under (empty for none), `files` the
    /// paths below it, `/`-separated (empty and `.` parts are dropped); a
    /// path ending in `/` is a folder (one that holds no file, or a hidden
    /// one whose files were not listed). The order of `files` does not
    /// matter. Cost: sorts the paths.
    pub fn of_folder_files<'a>(folder: &str, files: impl IntoIterator<Item = &'a str>) -> Listing {
        let root = PathBuf::from(folder);
        let mut relative: Vec<(Vec<&str>, bool)> = files
            .into_iter()
            .map(|path| {
                let parts: Vec<&str> =
                    path.split(['/', '\\']).filter(|part| !part.is_empty() && *part != ".").collect();
                (parts, path.ends_with(['/', '\\']))
            })
            .filter(|(parts, _)| !parts.is_empty())
            .collect();
        relative.sort();
        let mut entries = Vec::with_capacity(relative.len());
        let mut open: Vec<&str> = Vec::new();
        for (parts, is_folder) in &relative {
            let (folders, name) =
                if *is_folder { (&parts[..], None) } else { (&parts[..parts.len() - 1], parts.last()) };
            let shared = open.iter().zip(folders).take_while(|(a, b)| a == b).count();
            open.truncate(shared);
            for folder in &folders[shared..] {
                open.push(folder);
                entries.push(Entry { path: join(&root, &open), kind: EntryKind::Folder });
            }
            if let Some(name) = name {
                let mut path = join(&root, folders);
                path.push(name);
                entries.push(Entry { path, kind: EntryKind::File });
            }
        }
        Listing { given: vec![Given::Folder { path: root.clone(), canonical: root, entries }] }
    }

    /// A listing of one file given in memory, read whatever its name (as a
    /// file named on the command line is).
    pub fn of_file(path: &str) -> Listing {
        Listing { given: vec![Given::File { path: PathBuf::from(path) }] }
    }

    /// A path given that cannot be read, with the reason.
    pub fn of_missing(path: &str, error: io::Error) -> Listing {
        Listing { given: vec![Given::Unreadable { path: PathBuf::from(path), error }] }
    }

    /// The listing with its folders' absolute paths, links resolved, as the
    /// file system knows them (they decide ids when several folders are
    /// given, and the default name); `None` leaves them as they are.
    pub fn with_canonical(mut self, canonical_path: Option<String>) -> Listing {
        if let Some(resolved) = canonical_path {
            for given in &mut self.given {
                if let Given::Folder { canonical, .. } = given {
                    *canonical = PathBuf::from(&resolved);
                }
            }
        }
        self
    }

    /// Adds the paths of `other` after this listing's.
    pub fn extend(&mut self, other: Listing) {
        self.given.extend(other.given);
    }

    /// The name a collection gets when none is given: the first folder's
    /// name (or the first file's, without extension), `-` and `_` read as
    /// spaces.
    pub fn default_name(&self) -> String {
        let name = match self.given.first() {
            Some(Given::Folder { canonical, .. }) => canonical.file_name(),
            Some(Given::File { path }) | Some(Given::Unreadable { path, .. }) => path.file_stem(),
            None => None,
        };
        name.map(|n| n.to_string_lossy().replace(['-', '_'], " ")).unwrap_or_else(|| "Collection".to_string())
    }
}

fn join(root: &Path, parts: &[&str]) -> PathBuf {
    let mut path = root.to_path_buf();
    path.extend(parts);
    path
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;
    use walkdir::WalkDir;

    impl Listing {
        /// Lists `paths` on disk: folders walked recursively in sorted order,
        /// following links, without descending into hidden folders (which are
        /// listed, and ignored). Cost: one directory listing per folder; no
        /// file is opened.
        pub fn of_paths(paths: &[PathBuf]) -> Listing {
            let given = paths
                .iter()
                .map(|path| match std::fs::metadata(path) {
                    Err(error) => Given::Unreadable { path: path.clone(), error },
                    Ok(meta) if meta.is_dir() => Given::Folder {
                        path: path.clone(),
                        canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                        entries: walk(path),
                    },
                    Ok(_) => Given::File { path: path.clone() },
                })
                .collect();
            Listing { given }
        }
    }

    fn walk(root: &Path) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut entries = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let message = err.to_string();
                    let io = err.into_io_error().unwrap_or_else(|| io::Error::other(message));
                    out.push(Entry { path, kind: EntryKind::Unreadable(io) });
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let kind = if entry.file_type().is_dir() {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    entries.skip_current_dir();
                }
                EntryKind::Folder
            } else if entry.file_type().is_file() {
                EntryKind::File
            } else {
                EntryKind::Other
            };
            out.push(Entry { path: entry.into_path(), kind });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(listing: &Listing) -> Vec<String> {
        let Some(Given::Folder { entries, .. }) = listing.given.first() else { panic!("a folder") };
        entries
            .iter()
            .map(|e| {
                let mark = if matches!(e.kind, EntryKind::Folder) { "/" } else { "" };
                format!("{}{mark}", e.path.to_string_lossy().replace('\\', "/"))
            })
            .collect()
    }

    #[test]
    fn files_in_memory_are_listed_as_a_sorted_walk_meets_them() {
        let listing = Listing::of_folder_files(
            "docs",
            ["b/2.md", "a.txt", "a/z.txt", "./b/1.html", "b//c/x.md", "", ".git/", "b/"],
        );
        assert_eq!(
            walked(&listing),
            [
                "docs/.git/",
                "docs/a/",
                "docs/a/z.txt",
                "docs/a.txt",
                "docs/b/",
                "docs/b/1.html",
                "docs/b/2.md",
                "docs/b/c/",
                "docs/b/c/x.md"
            ]
        );
    }

    #[test]
    fn the_default_name_is_the_folders() {
        assert_eq!(Listing::of_folder_files("/x/dfat-1923_49", ["a.md"]).default_name(), "dfat 1923 49");
        assert_eq!(Listing::of_file("letters/my-letter.md").default_name(), "my letter");
        assert_eq!(Listing::default().default_name(), "Collection");
    }

    #[test]
    fn a_folder_on_disk_and_the_same_files_in_memory_list_alike() {
        let root = std::env::temp_dir().join(format!("carrel-listing-{}", std::process::id()));
        for file in ["b/2.md", "a.txt", "a/z.txt", "b/c/x.md", "a-b.txt"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let on_disk = Listing::of_paths(std::slice::from_ref(&root));
        let folder = root.to_string_lossy();
        let in_memory = Listing::of_folder_files(&folder, ["b/2.md", "a.txt", "a/z.txt", "b/c/x.md", "a-b.txt"]);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(walked(&on_disk), walked(&in_memory));
    }
}
