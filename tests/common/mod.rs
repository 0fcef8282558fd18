//! What the end-to-end tests share: the corpora, scratch folders and running
//! the `carrel` binary.
#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A corpus under `../shared/corpora/`. The corpora are part of the test
/// environment (CI has them), so a missing one fails the test, naming it:
/// a test that returned early would pass without having run.
pub fn corpus(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(name);
    assert!(
        path.exists(),
        "{} is missing: the tests read the corpora in ../shared/corpora, beside the project",
        path.display()
    );
    path
}

/// A fresh folder for one test binary and purpose, under cargo's scratch
/// space for integration tests (`target/tmp`, removed by `cargo clean`). The
/// folders of earlier runs whose process has ended are removed first, so runs
/// do not pile up indexes.
pub fn scratch(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    remove_ended_runs(root);
    let dir = root.join(format!("carrel-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes `carrel-test-<pid>-*` folders of processes that no longer run.
fn remove_ended_runs(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("carrel-test-").and_then(|rest| rest.split('-').next()) else { continue };
        let ended = pid.parse::<u32>().is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
        if ended && Path::new("/proc/self").exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Runs `carrel` with `args`.
pub fn carrel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carrel")).args(args).output().expect("carrel runs")
}

/// Runs `carrel`, which must succeed, and returns its standard output.
pub fn ok(args: &[&str]) -> String {
    let out = carrel(args);
    assert!(out.status.success(), "carrel {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
