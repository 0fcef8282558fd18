//! Replays every input the fuzzers (`fuzz/`) ever crashed on, and a few
//! seeds, under plain `cargo test`: `tests/fixtures/fuzz-regressions/TARGET/*`
//! through the same code the fuzz target runs (`tests/fuzz_harness`).

mod fuzz_harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds no inputs", dir.display());
    let mut failures = Vec::new();
    for path in &inputs {
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            failures.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failures.is_empty(), "{target}: {} of {} inputs panic: {failures:?}", failures.len(), inputs.len());
}

#[test]
fn query_parse() {
    replay("query_parse", fuzz_harness::query_parse);
}

#[test]
fn corpus_readers() {
    replay("corpus_readers", fuzz_harness::corpus_readers);
}

#[test]
fn index_open_search() {
    replay("index_open_search", fuzz_harness::index_open_search);
}

#[test]
fn search_queries() {
    replay("search_queries", fuzz_harness::search_queries);
}
