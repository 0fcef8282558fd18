//! Corrupt and hostile indexes: opening and then searching or rendering must
//! return an error, never panic, never allocate hugely and never hang.
//!
//! Starts from a real index of the five seed documents and damages it in
//! every way a broken copy or a crafted file could: truncation at every
//! length, a bit flip at every byte, a wrong version or magic, and — the hard
//! part — hostile bytes inside sections with the checksum recomputed so that
//! the section decoders see them: huge lengths and counts, out-of-range
//! offsets in the term dictionaries, documents beyond the document count,
//! malformed dictionaries and blocks.
//!
//! Runs in-process through the library; each case runs under
//! `catch_unwind`, with a per-thread allocation meter and a watchdog, and
//! every failing case is named at the end.

use carrel::index::Index;
use carrel::index::format::{
    FORMAT_VERSION, FileWriter, FormatError, HEADER_BYTES, SectionId, SectionTable, put_varint,
};
use carrel::search;
use carrel::search::{Filters, MatchMode, SearchOptions, Sort};
use carrel::view::render::render_id;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// Most bytes one case may hold live at once. A hostile count must be refused
/// before it is allocated, not after; the largest honest allocation for the
/// seeds is a few hundred kilobytes.
const MAX_LIVE_BYTES: usize = 64 << 20;
/// A case still running after this long is reported as a hang (the process
/// aborts, naming it). Not a timing assertion: every case normally takes
/// milliseconds.
const HANG_AFTER: Duration = Duration::from_secs(120);

// --- An allocation meter: live bytes and their peak, per thread. ---

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    /// Set while a case runs: its panics are caught and reported at the end,
    /// so the panic hook stays quiet.
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}

fn quiet_panics_inside_cases() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CASE.with(Cell::get) {
                default(info);
            }
        }));
    });
}

struct Metered;

fn note_alloc(size: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(size);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn note_free(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(size)));
}

// SAFETY: every method forwards to the system allocator unchanged; the
// bookkeeping touches only const-initialised thread-locals, which never
// allocate.
unsafe impl GlobalAlloc for Metered {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_free(layout.size());
        note_alloc(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static METER: Metered = Metered;

// --- The seed index and its sections. ---

fn seed_index() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/seeds");
        assert!(
            seeds.is_dir(),
            "{} is missing: the tests read the corpora in ../shared/corpora, beside the project",
            seeds.display()
        );
        let dir = std::env::temp_dir().join(format!("carrel-corrupt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("seeds.carrel");
        let run = Command::new(env!("CARGO_BIN_EXE_carrel"))
            .args(["index", seeds.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .output()
            .expect("carrel runs");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let bytes = std::fs::read(&out).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        bytes
    })
}

const SEED_IDS: [&str; 5] = [
    "000_ad696c1dd75bbb07",
    "001_af3db66149b6bde9",
    "002_e2543635f4802185",
    "003_765af40944eb1042",
    "004_543ec0455553e979",
];

/// Queries that reach every part of the index: words, stems, phrases,
/// prefixes, typos, variants, fields, exclusions, dates, browsing.
const QUERIES: [&str; 14] = [
    "armistice",
    "\"neutral zone\"",
    "repatriat*",
    "a*",
    "Vishinksy",
    "Zhou Enlai",
    "korea -Mexicans",
    "title:letter OR from:stalin",
    "id:002_e2543635f4802185",
    "date:1951..1952 sort:newest",
    "",
    "stalin mao armistice talks",
    "795.00/7–2552",
    "zzzzqqq",
];

/// The section bodies of an index, in table order.
fn sections(bytes: &[u8]) -> Vec<(SectionId, Vec<u8>)> {
    let table = SectionTable::read(bytes).expect("a valid index");
    let mut found: Vec<(SectionId, std::ops::Range<usize>)> =
        SectionId::ALL.iter().map(|&id| (id, table.range(id).expect("every section present"))).collect();
    found.sort_by_key(|(_, range)| range.start);
    found.into_iter().map(|(id, range)| (id, bytes[range].to_vec())).collect()
}

/// Reassembles sections into a file with a valid header, table and checksum.
fn assemble(sections: &[(SectionId, Vec<u8>)]) -> Vec<u8> {
    let mut writer = FileWriter::default();
    for (id, bytes) in sections {
        writer.add(*id, bytes.clone());
    }
    writer.finish()
}

/// The index with one section replaced (checksum valid).
fn with_section(id: SectionId, edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut parts = sections(seed_index());
    let section = &mut parts.iter_mut().find(|(s, _)| *s == id).expect("section present").1;
    edit(section);
    assemble(&parts)
}

fn section(id: SectionId) -> Vec<u8> {
    sections(seed_index()).into_iter().find(|(s, _)| *s == id).unwrap().1
}

/// Rewrites the checksum the way `format.rs` computes it: CRC-32 of the whole
/// file except bytes 16..20.
fn fix_checksum(bytes: &mut [u8]) {
    if bytes.len() < HEADER_BYTES {
        return;
    }
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&bytes[..16]);
    hasher.update(&bytes[20..]);
    let crc = hasher.finalize();
    bytes[16..20].copy_from_slice(&crc.to_le_bytes());
}

fn varint(value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, value);
    out
}

/// Where each varint of a section made of varints alone lies.
fn varint_spans(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        if byte & 0x80 == 0 {
            spans.push(start..at + 1);
            start = at + 1;
        }
    }
    assert_eq!(start, bytes.len(), "the section ends on a whole varint");
    spans
}

/// Overwrites `bytes[at..]` with `with`, as far as it fits.
fn overwrite(bytes: &mut [u8], at: usize, with: &[u8]) {
    for (k, &b) in with.iter().enumerate() {
        if let Some(slot) = bytes.get_mut(at + k) {
            *slot = b;
        }
    }
}

// --- Running a case. ---

/// What a case must do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// Opening must fail.
    Refused,
    /// Opening may succeed; then every query of [`QUERIES`] with several
    /// options and every render runs. Nothing may panic, hang or allocate
    /// hugely.
    NoPanic,
    /// As `NoPanic`, with a few queries and one render: for sweeps of
    /// thousands of cases.
    NoPanicQuick,
}

struct Report {
    cases: usize,
    opened: usize,
    failures: Vec<String>,
    started: Instant,
}

impl Default for Report {
    fn default() -> Self {
        Report { cases: 0, opened: 0, failures: Vec::new(), started: Instant::now() }
    }
}

/// The case each test thread is running, and since when.
static CURRENT: Mutex<Vec<(ThreadId, String, Instant)>> = Mutex::new(Vec::new());

/// A thread that aborts the process, naming the case, if one runs too long.
fn start_watchdog() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        std::thread::spawn(|| {
            loop {
                std::thread::sleep(Duration::from_secs(5));
                let current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
                for (_, name, started) in current.iter() {
                    if started.elapsed() > HANG_AFTER {
                        eprintln!("case {name:?} has run for {:?}: it hangs", started.elapsed());
                        std::process::abort();
                    }
                }
            }
        });
    });
}

/// A few queries that between them read postings with positions, the
/// dictionaries (exact, prefix and typo), the store and the facets.
/// Snippets are left out but for one query: highlighting analyses whole
/// documents, which `render_id` does too.
fn exercise_quickly(index: &Index<Vec<u8>>) {
    let no_snippets = SearchOptions { snippets: false, ..SearchOptions::default() };
    for query in ["armistice stalin", "\"neutral zone\"", "repat*", "Vishinksy -korea", ""] {
        let _ = search(index, query, &no_snippets);
    }
    let _ = search(index, "truce", &SearchOptions { limit: 1, ..SearchOptions::default() });
    let _ = render_id(index, SEED_IDS[2], "");
}

/// Everything a page or the tool would do with an opened index.
fn exercise(index: &Index<Vec<u8>>) {
    let any = SearchOptions { mode: MatchMode::Any, limit: 1_000, ..SearchOptions::default() };
    let filtered = SearchOptions {
        sort: Sort::DateDesc,
        filters: Filters {
            doc_type: vec!["Telegram".into()],
            year: vec!["1951".into()],
            from: vec!["Stalin".into()],
            ..Filters::default()
        },
        date_from: Some("1951-06".into()),
        ..SearchOptions::default()
    };
    for query in QUERIES {
        let _ = search(index, query, &SearchOptions::default());
        let _ = search(index, query, &any);
        let _ = search(index, query, &filtered);
    }
    for id in SEED_IDS {
        let _ = render_id(index, id, "armistice \"neutral zone\" stalin");
    }
    let _ = render_id(index, "no/such-id", "");
}

static SERIAL: AtomicU64 = AtomicU64::new(0);

fn run_case(report: &mut Report, name: &str, bytes: Vec<u8>, expect: Expect) {
    start_watchdog();
    SERIAL.fetch_add(1, Ordering::Relaxed);
    report.cases += 1;
    let thread = std::thread::current().id();
    {
        let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
        current.retain(|(t, _, _)| *t != thread);
        current.push((thread, name.to_string(), Instant::now()));
    }
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    quiet_panics_inside_cases();
    IN_CASE.with(|c| c.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| match Index::open(bytes) {
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty());
            false
        }
        Ok(index) => {
            if expect == Expect::NoPanicQuick {
                exercise_quickly(&index);
            } else {
                exercise(&index);
            }
            true
        }
    }));
    IN_CASE.with(|c| c.set(false));
    let peak = PEAK.with(Cell::get);
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).retain(|(t, _, _)| *t != thread);
    match outcome {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            report.failures.push(format!("{name}: panicked: {message}"));
        }
        Ok(opened) => {
            report.opened += usize::from(opened);
            if opened && expect == Expect::Refused {
                report.failures.push(format!("{name}: opened, but must be refused"));
            }
        }
    }
    if peak > MAX_LIVE_BYTES {
        report.failures.push(format!("{name}: held {} MB at once", peak >> 20));
    }
}

fn finish(report: Report, what: &str) {
    eprintln!(
        "{what}: {} cases, {} opened, {} failures, {:.1} s",
        report.cases,
        report.opened,
        report.failures.len(),
        report.started.elapsed().as_secs_f64()
    );
    assert!(
        report.failures.is_empty(),
        "{} of {} {what} cases failed:\n{}",
        report.failures.len(),
        report.cases,
        report.failures.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );
}

// --- Damage a copy could suffer: all refused by the header or checksum. ---

#[test]
fn every_truncation_is_refused() {
    let bytes = seed_index();
    let mut report = Report::default();
    for len in 0..bytes.len() {
        run_case(&mut report, &format!("truncated to {len} bytes"), bytes[..len].to_vec(), Expect::Refused);
    }
    finish(report, "truncation");
    for (len, want) in [(0, "truncated"), (HEADER_BYTES, "truncated"), (bytes.len() - 1, "truncated")] {
        let message = Index::open(bytes[..len].to_vec()).err().unwrap().to_string();
        assert!(message.contains(want), "{len}: {message}");
    }
}

#[test]
fn every_bit_flip_is_refused() {
    let bytes = seed_index();
    let mut report = Report::default();
    for at in 0..bytes.len() {
        let mut flipped = bytes.to_vec();
        flipped[at] ^= 1 << (at % 8);
        run_case(&mut report, &format!("bit {} of byte {at} flipped", at % 8), flipped, Expect::Refused);
    }
    finish(report, "bit flip");
}

#[test]
fn wrong_version_and_magic_are_named() {
    let mut newer = seed_index().to_vec();
    newer[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    fix_checksum(&mut newer);
    match Index::open(newer) {
        Err(error @ FormatError::Version { .. }) => {
            assert!(error.to_string().contains(&format!("format version {}", FORMAT_VERSION + 1)), "{error}")
        }
        other => panic!("{:?}", other.err()),
    }
    // An index written before the store's shared dictionary (format 4) is
    // refused with both versions named, never read with the wrong layout.
    let mut older = seed_index().to_vec();
    older[8..12].copy_from_slice(&4u32.to_le_bytes());
    fix_checksum(&mut older);
    match Index::open(older) {
        Err(error @ FormatError::Version { expected: FORMAT_VERSION, got: 4 }) => {
            let message = error.to_string();
            assert!(message.contains("format version 4") && message.contains("rebuild"), "{message}")
        }
        other => panic!("{:?}", other.err()),
    }
    let mut foreign = seed_index().to_vec();
    foreign[..8].copy_from_slice(b"CARRELIY");
    assert!(matches!(Index::open(foreign), Err(FormatError::NotAnIndex)));
    assert!(matches!(Index::open(b"%PDF-1.7 not an index at all".to_vec()), Err(FormatError::NotAnIndex)));
    assert!(matches!(Index::open(Vec::new()), Err(FormatError::Truncated { .. })));
}

// --- Hostile files with a valid checksum. ---

/// Every byte of every section overwritten with a few hostile values, with
/// the checksum recomputed so the section decoders see the damage.
#[test]
fn hostile_bytes_in_every_section_with_a_valid_checksum() {
    let bytes = seed_index();
    let table = SectionTable::read(bytes).unwrap();
    let mut report = Report::default();
    for id in SectionId::ALL {
        let range = table.range(id).unwrap();
        // Small sections: every byte; the large ones (dictionaries, postings,
        // store): every thirteenth byte and the first and last 64.
        let small = range.len() <= 4_096;
        for at in range.clone() {
            let edge = at < range.start + 64 || at + 64 >= range.end;
            if !small && !edge && !(at - range.start).is_multiple_of(13) {
                continue;
            }
            let values: &[u8] = if small || edge { &[0x00, 0xff, 0x80] } else { &[0xff] };
            for &value in values {
                if bytes[at] == value {
                    continue;
                }
                let mut hostile = bytes.to_vec();
                hostile[at] = value;
                fix_checksum(&mut hostile);
                let name = format!("{id} byte {} set to {value:#04x}", at - range.start);
                run_case(&mut report, &name, hostile, Expect::NoPanicQuick);
            }
        }
    }
    finish(report, "hostile byte");
}

/// The section table itself: lengths and offsets pointing anywhere.
#[test]
fn hostile_section_tables() {
    let bytes = seed_index();
    let count = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let mut report = Report::default();
    for entry in 0..count {
        let at = HEADER_BYTES + entry * 16;
        let values: [(&str, usize, Vec<u8>); 8] = [
            ("id 0", at, 0u32.to_le_bytes().to_vec()),
            ("id 999", at, 999u32.to_le_bytes().to_vec()),
            ("length 0", at + 4, 0u32.to_le_bytes().to_vec()),
            ("length max", at + 4, u32::MAX.to_le_bytes().to_vec()),
            ("length 1", at + 4, 1u32.to_le_bytes().to_vec()),
            ("offset 0", at + 8, 0u64.to_le_bytes().to_vec()),
            ("offset max", at + 8, u64::MAX.to_le_bytes().to_vec()),
            ("offset inside the header", at + 8, 20u64.to_le_bytes().to_vec()),
        ];
        for (what, at, value) in values {
            let mut hostile = bytes.to_vec();
            overwrite(&mut hostile, at, &value);
            fix_checksum(&mut hostile);
            run_case(&mut report, &format!("table entry {entry}: {what}"), hostile, Expect::NoPanic);
        }
    }
    for count in [0u32, 1, 12, 1_000, u32::MAX] {
        let mut hostile = bytes.to_vec();
        hostile[12..16].copy_from_slice(&count.to_le_bytes());
        fix_checksum(&mut hostile);
        run_case(&mut report, &format!("section count {count}"), hostile, Expect::NoPanic);
    }
    // Two entries naming the same section, and overlapping sections.
    let mut twice = bytes.to_vec();
    let first = twice[HEADER_BYTES..HEADER_BYTES + 4].to_vec();
    overwrite(&mut twice, HEADER_BYTES + 16, &first);
    fix_checksum(&mut twice);
    run_case(&mut report, "a section listed twice", twice, Expect::NoPanic);
    finish(report, "section table");
}

/// Huge declared lengths and counts, section by section, at the places the
/// layouts put them.
#[test]
fn huge_declared_lengths_and_counts() {
    let mut report = Report::default();
    let huge = [u32::MAX as u64, 1 << 40, u64::MAX, 1_000_000];
    let mut case = |name: String, bytes: Vec<u8>| run_case(&mut report, &name, bytes, Expect::NoPanicQuick);

    // Meta: name length, document count.
    for &n in &huge {
        case(
            format!("meta name length {n}"),
            with_section(SectionId::Meta, |s| s.splice(0..1, varint(n)).for_each(drop)),
        );
    }
    let meta = section(SectionId::Meta);
    let name_len = meta[0] as usize;
    for n in [0u64, 4, 6, u32::MAX as u64, 1 << 33] {
        case(
            format!("meta document count {n}"),
            with_section(SectionId::Meta, |s| {
                let mut cursor_end = 1 + name_len;
                while s[cursor_end] & 0x80 != 0 {
                    cursor_end += 1;
                }
                s.splice(1 + name_len..=cursor_end, varint(n)).for_each(drop);
            }),
        );
    }

    // Postings: the document count of every list, and positions lengths.
    let postings = section(SectionId::Postings);
    let stride = (postings.len() / 300).max(1);
    for at in (0..postings.len()).step_by(stride) {
        for &n in &huge {
            case(
                format!("postings varint at {at} made {n}"),
                with_section(SectionId::Postings, |s| overwrite(s, at, &varint(n))),
            );
        }
    }

    // Store index: document and block counts, dictionary length, and each
    // block's documents, deflated and raw lengths (all varints).
    for (k, span) in varint_spans(&section(SectionId::StoreIndex)).into_iter().enumerate() {
        for n in [0u64, 1, 7, 1 << 20, u32::MAX as u64, u32::MAX as u64 + 1, u64::MAX] {
            case(
                format!("store index varint {k} made {n}"),
                with_section(SectionId::StoreIndex, |s| s.splice(span.clone(), varint(n)).for_each(drop)),
            );
        }
    }

    // A store block that inflates far beyond its recorded length (a deflate bomb).
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; 8 << 20], 10);
    case("store block is a deflate bomb".into(), {
        let mut parts = sections(seed_index());
        for (id, body) in parts.iter_mut() {
            match id {
                SectionId::Store => *body = bomb.clone(),
                SectionId::StoreIndex => {
                    // Every document in block 0, which claims u32::MAX raw bytes.
                    let docs = body[0] as u64;
                    assert!(docs < 0x80, "the seed count is one byte");
                    let table: Vec<u8> =
                        [docs, 1, 0, docs, bomb.len() as u64, u32::MAX as u64].into_iter().flat_map(varint).collect();
                    *body = table;
                }
                _ => {}
            }
        }
        assemble(&parts)
    });

    // Facet values: each dictionary's count; facet rows' value ids.
    let facet_values = section(SectionId::FacetValues);
    let mut at = 0;
    for facet in 0..4 {
        for &n in &huge {
            case(
                format!("facet dictionary {facet} count {n}"),
                with_section(SectionId::FacetValues, |s| s.splice(at..at + 1, varint(n)).for_each(drop)),
            );
        }
        // Skip this dictionary to reach the next count.
        let mut k = at;
        let count = facet_values[k] as usize;
        k += 1;
        for _ in 0..count {
            let mut len = 0usize;
            let mut shift = 0;
            loop {
                let b = facet_values[k];
                k += 1;
                len |= ((b & 0x7f) as usize) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            k += len;
        }
        at = k;
    }
    // Facet rows: every first day's step, day span and value id (all varints).
    for (k, span) in varint_spans(&section(SectionId::DocFacets)).into_iter().enumerate() {
        for n in [1u64, 255, u32::MAX as u64, 99_999_999, u64::MAX] {
            case(
                format!("document facets varint {k} made {n}"),
                with_section(SectionId::DocFacets, |s| s.splice(span.clone(), varint(n)).for_each(drop)),
            );
        }
    }
    // Variants: group count and form counts.
    let variants = section(SectionId::Variants);
    for &n in &huge {
        case(
            format!("variants group count {n}"),
            with_section(SectionId::Variants, |s| s.splice(0..1, varint(n)).for_each(drop)),
        );
    }
    for at in (0..variants.len()).step_by((variants.len() / 100).max(1)) {
        for &n in &huge {
            case(
                format!("variants varint at {at} made {n}"),
                with_section(SectionId::Variants, |s| overwrite(s, at, &varint(n))),
            );
        }
    }
    finish(report, "huge length");
}

/// A new value for a dictionary entry: `(value, postings length, document count)`.
type Remap = fn(u64, u64, u64) -> u64;

/// Term dictionaries (fsts) whose values point outside the postings, and
/// dictionaries of bytes that are not an fst at all.
#[test]
fn hostile_term_dictionaries() {
    use fst::{IntoStreamer, Streamer};
    let mut report = Report::default();
    let postings_len = section(SectionId::Postings).len() as u64;
    let doc_count = 5u64;
    for id in [SectionId::Stems, SectionId::Words, SectionId::Ids] {
        let original = section(id);
        let map = fst::Map::new(original.clone()).unwrap();
        let mut keys: Vec<(Vec<u8>, u64)> = Vec::new();
        let mut stream = map.into_stream();
        while let Some((key, value)) = stream.next() {
            keys.push((key.to_vec(), value));
        }
        let remaps: [(&str, Remap); 7] = [
            ("past the end", |_, len, _| len),
            ("far past the end", |_, len, _| len + 1_000_000),
            ("u64::MAX", |_, _, _| u64::MAX),
            ("u32::MAX", |_, _, _| u32::MAX as u64),
            ("one byte off", |v, _, _| v + 1),
            ("the document count", |_, _, docs| docs),
            ("all zero", |_, _, _| 0),
        ];
        for (what, remap) in remaps {
            let mut builder = fst::MapBuilder::memory();
            for (key, value) in &keys {
                builder.insert(key, remap(*value, postings_len, doc_count)).unwrap();
            }
            let rebuilt = builder.into_inner().unwrap();
            run_case(&mut report, &format!("{id} values {what}"), with_section(id, |s| *s = rebuilt), Expect::NoPanic);
        }
        // Not an fst: empty, short, garbage, the root address anywhere.
        for (what, body) in [
            ("empty", Vec::new()),
            ("36 zero bytes", vec![0u8; 36]),
            ("garbage", (0..400u32).map(|i| (i * 37 % 251) as u8).collect()),
            ("all 0xff", vec![0xff; original.len()]),
        ] {
            run_case(&mut report, &format!("{id} {what}"), with_section(id, |s| *s = body), Expect::NoPanic);
        }
        // Node bytes: state bytes (0xc1 changes a node's kind), pack sizes
        // and address deltas (0x00, 0xff, 0x88). `fst_check`'s own tests
        // sweep every byte of a dictionary.
        for at in (0..original.len()).step_by(7) {
            for value in [0x00u8, 0xff, 0xc1, 0x88] {
                if original[at] == value {
                    continue;
                }
                run_case(
                    &mut report,
                    &format!("{id} fst byte {at} set to {value:#04x}"),
                    with_section(id, |s| s[at] = value),
                    Expect::NoPanicQuick,
                );
            }
        }
        let root_at = original.len() - 12;
        for root in [0u64, 1, 16, 17, root_at as u64 - 2, u64::MAX, u64::MAX - 20, original.len() as u64 * 2] {
            run_case(
                &mut report,
                &format!("{id} root address {root}"),
                with_section(id, |s| overwrite(s, root_at, &root.to_le_bytes())),
                Expect::NoPanic,
            );
        }
        for len in [0u64, 1, u64::MAX] {
            run_case(
                &mut report,
                &format!("{id} key count {len}"),
                with_section(id, |s| overwrite(s, root_at - 8, &len.to_le_bytes())),
                Expect::NoPanic,
            );
        }
    }
    finish(report, "term dictionary");
}

/// Postings and ids that name documents beyond the document count: the meta,
/// field-length, facet and store tables cut to four documents, everything
/// else left describing five.
#[test]
fn documents_beyond_the_document_count() {
    let mut report = Report::default();
    let keep = 4u32;
    // The per-document sections of an index of the first four seeds, with the
    // dictionaries, postings and ids of all five.
    let whole = Index::open(seed_index()).unwrap();
    let mut builder = carrel::index::IndexBuilder::new(&whole.meta().name);
    for doc in 0..keep {
        builder.add(whole.document(doc).unwrap());
    }
    let (four, _) = builder.finish();
    let per_document = [
        SectionId::Meta,
        SectionId::DocFacets,
        SectionId::FacetValues,
        SectionId::Languages,
        SectionId::StoreIndex,
        SectionId::Store,
    ];
    let mut parts = sections(seed_index());
    for ((id, body), (four_id, four_body)) in parts.iter_mut().zip(sections(&four)) {
        assert_eq!(*id, four_id, "both indexes lay out their sections alike");
        if per_document.contains(id) {
            *body = four_body;
        }
    }
    let bytes = assemble(&parts);
    run_case(&mut report, "postings and ids beyond four documents", bytes.clone(), Expect::NoPanic);
    if let Ok(index) = Index::open(bytes) {
        assert_eq!(index.doc_count(), keep);
        assert!(index.doc_number(SEED_IDS[4]).unwrap().is_none(), "an id beyond the count is not a document");
        assert!(render_id(&index, SEED_IDS[4], "").is_err());
        // A term of the fifth document is corruption, reported as an error.
        let results: Vec<_> = QUERIES.iter().map(|q| search(&index, q, &SearchOptions::default())).collect();
        assert!(results.iter().any(Result::is_err), "some query reaches the fifth document");
        for error in results.into_iter().filter_map(Result::err) {
            assert!(error.to_string().contains("corrupt"), "{error}");
        }
    }
    finish(report, "beyond the count");
}

/// Sanity: the untouched index opens and every query works.
#[test]
fn the_untouched_index_answers_every_query() {
    let index = Index::open(seed_index().to_vec()).unwrap();
    for query in QUERIES {
        search(&index, query, &SearchOptions::default()).unwrap_or_else(|e| panic!("{query}: {e}"));
    }
    for id in SEED_IDS {
        render_id(&index, id, "armistice").unwrap();
    }
    let mut report = Report::default();
    let started = Instant::now();
    run_case(&mut report, "untouched", seed_index().to_vec(), Expect::NoPanic);
    eprintln!("one case on the untouched index: {:?}", started.elapsed());
    assert_eq!(report.opened, 1);
    finish(report, "untouched");
}
