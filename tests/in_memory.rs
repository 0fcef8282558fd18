//! A collection given in memory (as the builder module gets it from JavaScript) reads as the
//! same folder on disk: the same documents, the same files ignored, left out and skipped,
//! the same index bytes and the same report.

use carrel::build::{BuildOptions, Report, build_index};
use carrel::corpus::{self, DocumentTypes, Listing, ReadingPlan};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Every file below `root`, as paths relative to it, and their bytes by full path.
fn files_below(root: &Path) -> (Vec<String>, HashMap<PathBuf, Vec<u8>>) {
    fn walk(root: &Path, folder: &Path, names: &mut Vec<String>, bytes: &mut HashMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, names, bytes);
            } else {
                names.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
                bytes.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let (mut names, mut bytes) = (Vec::new(), HashMap::new());
    walk(root, root, &mut names, &mut bytes);
    names.reverse(); // the order given must not matter
    (names, bytes)
}

fn in_memory(root: &Path, keep_going: bool) -> corpus::Loaded {
    let (names, bytes) = files_below(root);
    let listing = Listing::of_folder_files(&root.to_string_lossy(), names.iter().map(String::as_str));
    let mut read = |path: &Path| bytes.get(path).cloned().ok_or_else(|| std::io::Error::other("not given"));
    let mut documents = Vec::new();
    let mut loaded = corpus::read_planned(
        ReadingPlan::new(listing),
        &mut read,
        &DocumentTypes::defaults(),
        keep_going,
        &mut |_| {},
        &mut |document| documents.push(document),
    )
    .unwrap();
    loaded.documents = documents;
    loaded
}

fn on_disk(root: &Path, keep_going: bool) -> corpus::Loaded {
    corpus::read_collection_with(&[root.to_path_buf()], &DocumentTypes::defaults(), keep_going, &mut |_| {}).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn a_site_of_html_pages_reads_alike_in_memory_and_on_disk() {
    let root = fixture("docs-site");
    let (memory, disk) = (in_memory(&root, false), on_disk(&root, false));
    assert_eq!(memory.documents, disk.documents);
    assert_eq!(memory.ignored, disk.ignored);
    assert_eq!(memory.source_copies, disk.source_copies);
    assert_eq!(memory.site_chrome, disk.site_chrome);
    assert_eq!(memory.read_in_part, disk.read_in_part);
    assert!(!disk.source_copies.is_empty() && !disk.site_chrome.is_empty(), "the fixture exercises both");
    let ids: Vec<&str> = disk.documents.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"tutorial") && ids.contains(&"faq"), "{ids:?}");
}

#[test]
fn hostile_files_read_alike_in_memory_and_on_disk() {
    let root = fixture("hostile");
    let (memory, disk) = (in_memory(&root, true), on_disk(&root, true));
    assert_eq!(memory.documents, disk.documents);
    let messages = |loaded: &corpus::Loaded| loaded.skipped.iter().map(|e| e.to_string()).collect::<Vec<_>>();
    assert_eq!(messages(&memory), messages(&disk));
    let ids: Vec<&str> = disk.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "front-matter",
            "page",
            "plain-script",
            "hostile/jsonl-1",
            "hostile/jsonl-2",
            "hostile/jsonl-3",
            "hostile/jsonl-4"
        ]
    );
}

/// The report's lines, collected.
#[derive(Default)]
struct Lines(Vec<String>);

impl Report for Lines {
    fn reading(&mut self, files: usize) {
        self.0.push(format!("reading {files}"));
    }
    fn file(&mut self, path: &Path) {
        self.0.push(format!("file {}", path.display()));
    }
    fn read(&mut self) {}
    fn line(&mut self, line: &str) {
        self.0.push(line.to_string());
    }
    fn elapsed_seconds(&self) -> f64 {
        0.0
    }
}

#[test]
fn the_seeds_make_the_same_index_and_report_in_memory_and_on_disk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/seeds");
    assert!(root.is_dir(), "the seeds corpus is missing at {}", root.display());
    let options = BuildOptions::default();
    let (mut disk_report, mut memory_report) = (Lines::default(), Lines::default());
    let plan = ReadingPlan::new(Listing::of_paths(std::slice::from_ref(&root)));
    let (disk, _) = build_index(plan, &mut |path| std::fs::read(path), &options, &mut disk_report).unwrap();
    let (names, bytes) = files_below(&root);
    let canonical = std::fs::canonicalize(&root).unwrap().to_string_lossy().into_owned();
    let listing = Listing::of_folder_files(&root.to_string_lossy(), names.iter().map(String::as_str))
        .with_canonical(Some(canonical));
    let mut read = |path: &Path| bytes.get(path).cloned().ok_or_else(|| std::io::Error::other("not given"));
    let (memory, _) = build_index(ReadingPlan::new(listing), &mut read, &options, &mut memory_report).unwrap();
    assert!(disk == memory, "the index bytes differ");
    assert_eq!(memory_report.0, disk_report.0);
    assert_eq!(disk_report.0[0], "reading 5");
    assert!(disk_report.0.iter().any(|l| l.starts_with("indexed 5 documents")), "{:?}", disk_report.0);
}
