//! Hostile queries on a real collection (DFAT, 7,607 documents): each one
//! completes with results or with an error that names the limit it broke,
//! holding a bounded amount of memory. Times are printed, not asserted.

use carrel::index::Index;
use carrel::query::{MAX_ID_CHARS, MAX_QUERY_CHARS, MAX_TERMS, MAX_WORD_CHARS};
use carrel::search;
use carrel::search::{MatchMode, SearchOptions};
use carrel::view::render::render_id;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Most memory one query may hold at once, beyond the open index. The
/// scores and match counts of 7,607 documents take a few hundred kilobytes;
/// a query that needs hundreds of megabytes has escaped its limits.
const MAX_QUERY_BYTES: usize = 128 << 20;

// A process-wide meter of live heap bytes and their peak. The test runs its
// queries one after another on one thread, so the peak is the query's.
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Metered;

fn grew(size: usize) {
    let now = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every method forwards to the system allocator unchanged; the
// bookkeeping is two atomic counters.
unsafe impl GlobalAlloc for Metered {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        grew(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static METER: Metered = Metered;

/// The DFAT index, built by the `carrel` tool into a temporary folder.
fn dfat() -> Index<Vec<u8>> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/dfat-1923-1949");
    assert!(
        corpus.is_dir(),
        "{} is missing: the tests read the corpora in ../shared/corpora, beside the project",
        corpus.display()
    );
    let dir = std::env::temp_dir().join(format!("carrel-hostile-queries-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("dfat.carrel");
    let started = Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_carrel"))
        .args(["index", corpus.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .expect("carrel runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    eprintln!("indexed DFAT in {:.1} s", started.elapsed().as_secs_f64());
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    Index::open(bytes).unwrap()
}

/// What a query must do.
enum Expect {
    /// Results (possibly none).
    Answer,
    /// An error whose message contains this text (the limit it broke).
    Refused(&'static str),
}

fn words(count: usize, make: impl Fn(usize) -> String, separator: &str) -> String {
    (0..count).map(make).collect::<Vec<_>>().join(separator)
}

/// Two letters from `i`: `aa`, `ab`, …
fn two_letters(i: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    format!("{}{}", letters[i / 26 % 26] as char, letters[i % 26] as char)
}

#[test]
fn hostile_queries_complete_within_their_limits() {
    let index = dfat();
    let longest_id = "volume-14-1948-49-the-commonwealth-asia-and-the-pacific/".to_string() + &"x".repeat(250);
    let cases: Vec<(&str, String, Expect)> = vec![
        ("3,000 terms", words(3_000, |i| format!("w{i}"), " "), Expect::Refused("the limit is 1,000")),
        ("65 terms", words(MAX_TERMS + 1, two_letters, " "), Expect::Refused("the limit is 64")),
        ("64 terms", words(MAX_TERMS, |i| format!("{}z", two_letters(i)), " "), Expect::Answer),
        ("1,000 characters of 2-letter words", words(333, two_letters, " "), Expect::Refused("the limit is 64")),
        (
            "64 two-letter words (stop words and all)",
            words(MAX_TERMS, |i| ["of", "to", "in", "at", "by", "an"][i % 6].into(), " "),
            Expect::Answer,
        ),
        ("400 nested parentheses", format!("{}armistice{}", "(".repeat(400), ")".repeat(400)), Expect::Answer),
        (
            "10,000 nested parentheses",
            format!("{}armistice{}", "(".repeat(10_000), ")".repeat(10_000)),
            Expect::Refused("the limit is 1,000"),
        ),
        ("unbalanced parentheses", "((((armistice talks) (((wool".into(), Expect::Answer),
        ("999 quotes", "\"".repeat(999), Expect::Answer),
        ("unbalanced quotes", "\"armistice \"\"talks \" \"\"\" \"wool".into(), Expect::Answer),
        ("quotes and parentheses interleaved", "(\"-".repeat(333), Expect::Refused("the limit is 64")),
        ("* alone", "*".into(), Expect::Answer),
        ("- alone", "-".into(), Expect::Answer),
        ("a*", "a*".into(), Expect::Answer),
        ("s*", "s*".into(), Expect::Answer),
        ("-a*", "-a* -s* -c*".into(), Expect::Answer),
        ("every letter as a prefix", words(26, |i| format!("{}*", (b'a' + i as u8) as char), " OR "), Expect::Answer),
        (
            "64 one-letter prefixes",
            words(MAX_TERMS, |i| format!("{}*", (b'a' + (i % 26) as u8) as char), " "),
            Expect::Answer,
        ),
        ("10,000-character word", "x".repeat(10_000), Expect::Refused("the limit is 1,000")),
        ("1,000-character word", "x".repeat(1_000), Expect::Refused("the limit is 100")),
        ("100-character word", "armistice".repeat(12)[..MAX_WORD_CHARS].to_string(), Expect::Answer),
        (
            "typo in a 64-byte word",
            "internationalisationofthenegotiationsconcerningtheneutralzonesxx".into(),
            Expect::Answer,
        ),
        (
            "typos in 20 long words",
            words(20, |i| ["armistise", "negotiatoins", "repatriatoin", "Menzeis", "Vishinksy"][i % 5].into(), " "),
            Expect::Answer,
        ),
        ("a 100-character prefix", format!("{}*", "a".repeat(MAX_WORD_CHARS)), Expect::Answer),
        (
            "64 ORs",
            words(
                MAX_TERMS,
                |i| ["armistice", "wool", "Menzeis", "repatriat*", "\"neutral zone\""][i % 5].into(),
                " OR ",
            ),
            Expect::Answer,
        ),
        ("65 ORs", words(MAX_TERMS + 1, |_| "wool".into(), " OR "), Expect::Refused("the limit is 64")),
        (
            "63 exclusions",
            format!(
                "the {}",
                words(
                    MAX_TERMS - 1,
                    |i| format!("-{}", ["war", "wool", "trade", "a*", "\"prime minister\""][i % 5]),
                    " "
                )
            ),
            Expect::Answer,
        ),
        ("only exclusions", words(MAX_TERMS, |i| format!("-w{i}"), " "), Expect::Answer),
        ("a phrase of 249 stop words", format!("\"{}\"", words(249, |_| "the".into(), " ")), Expect::Answer),
        (
            "a phrase of 199 common words",
            format!("\"{}\"", words(199, |i| ["of", "the", "to", "and"][i % 4].into(), " ")),
            Expect::Answer,
        ),
        ("a 999-character compound word", words(333, |_| "of".into(), "-"), Expect::Refused("the limit is 100")),
        (
            "a 100-character compound of common words",
            words(34, |i| ["of", "to", "in"][i % 3].into(), "-")[..MAX_WORD_CHARS].to_string(),
            Expect::Answer,
        ),
        ("a long id", format!("id:{longest_id}"), Expect::Refused("the limit is 300")),
        ("an id at the limit", format!("id:{}", "v".repeat(MAX_ID_CHARS)), Expect::Answer),
        (
            "every field",
            "title:a* from:b* to:c* type:d* collection:e* summary:f* body:g* id:h* author:i* recipient:j*".into(),
            Expect::Answer,
        ),
        ("date ranges", "date:1923..1949 year:1930.. date:..1948-02 date:1937-13".into(), Expect::Refused("date")),
        ("sort and browse", "sort:newest".into(), Expect::Answer),
        ("control characters", "\0\u{1}armistice\u{7f}\u{202e}\u{200b}".into(), Expect::Answer),
        (
            "the longest query",
            {
                let mut q = words(MAX_TERMS, |i| format!("{}*", two_letters(i * 7)), " ");
                while q.chars().count() < MAX_QUERY_CHARS - 1 {
                    q.push(')');
                }
                q
            },
            Expect::Answer,
        ),
    ];
    // Ranked retrieval over every document matching any word, a page of 100.
    let any = SearchOptions { mode: MatchMode::Any, limit: 100, ..SearchOptions::default() };
    let mut failures = Vec::new();
    for (name, query, expect) in &cases {
        for options in [&SearchOptions::default(), &any] {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let started = Instant::now();
            let result = search(&index, query, options);
            // Rendering runs the query's analysis again for highlighting.
            let rendered =
                result.as_ref().ok().and_then(|r| r.hits.first()).map(|hit| render_id(&index, &hit.id, query));
            let elapsed = started.elapsed();
            let held = PEAK.load(Ordering::Relaxed).saturating_sub(before);
            let mode = if options.mode == MatchMode::Any { "any" } else { "all" };
            let outcome = match &result {
                Ok(results) => format!("{} hits", results.total),
                Err(error) => format!("refused: {error}"),
            };
            eprintln!("{name:>44} [{mode}]: {:>8.1} ms, {:>6} kB, {outcome}", elapsed.as_secs_f64() * 1e3, held >> 10);
            match (expect, &result) {
                (Expect::Answer, Err(error)) => failures.push(format!("{name}: refused: {error}")),
                (Expect::Refused(limit), Ok(_)) => {
                    failures.push(format!("{name}: answered, but must be refused ({limit})"))
                }
                (Expect::Refused(limit), Err(error)) if !error.to_string().contains(limit) => {
                    failures.push(format!("{name}: the message does not name the limit {limit:?}: {error}"))
                }
                _ => {}
            }
            if let Some(Err(error)) = rendered {
                failures.push(format!("{name}: rendering the first hit failed: {error}"));
            }
            if held > MAX_QUERY_BYTES {
                failures.push(format!("{name}: held {} MB at once", held >> 20));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
