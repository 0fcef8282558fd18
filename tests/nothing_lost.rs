//! Nothing lost: every document of the seeds and of DFAT is found by its id
//! (`id:` names exactly one document) and by its exact title as a phrase (in
//! the top results, or among the documents that share that title).
//!
//! Runs in-process: the collections are read and indexed through the library
//! (as `carrel index` does), then searched some 15,000 times.

use carrel::corpus::read_collection;
use carrel::document::Document;
use carrel::index::Index;
use carrel::index::builder::IndexBuilder;
use carrel::query::{MAX_QUERY_CHARS, MAX_WORD_CHARS};
use carrel::search;
use carrel::search::SearchOptions;
use carrel::text::analysis::tokenize;
use carrel::text::variants::Variants;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// A title search passes when the document is among this many results more
/// than the other documents with the same title.
const TOP: usize = 10;

fn corpus(name: &str) -> std::path::PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(name);
    assert!(
        path.is_dir(),
        "{} is missing: the tests read the corpora in ../shared/corpora, beside the project",
        path.display()
    );
    path
}

fn build(path: &Path) -> (Vec<Document>, Index<Vec<u8>>) {
    let loaded = read_collection(&[path.to_path_buf()], false, &mut |_| {}).unwrap();
    let mut builder = IndexBuilder::new("nothing lost");
    builder.set_variants(Variants::defaults());
    for document in &loaded.documents {
        builder.add(document.clone());
    }
    (loaded.documents, Index::open(builder.finish().0).unwrap())
}

/// The words of a title as the index sees them.
fn title_words(title: &str) -> Vec<String> {
    tokenize(title, 0).into_iter().map(|t| t.word).collect()
}

/// The title as a phrase query: quote characters (which would end the
/// phrase) become spaces; a title longer than a query may be is cut to the
/// words that fit, and words longer than a query word may be are left out
/// (the phrase then starts after them).
fn title_query(title: &str) -> Option<String> {
    let cleaned: String =
        title.chars().map(|c| if matches!(c, '"' | '“' | '”' | '„' | '«' | '»') { ' ' } else { c }).collect();
    let mut phrase = String::new();
    for word in cleaned.split_whitespace() {
        if word.chars().count() > MAX_WORD_CHARS {
            if phrase.is_empty() {
                continue;
            }
            break;
        }
        if phrase.chars().count() + word.chars().count() + 3 > MAX_QUERY_CHARS {
            break;
        }
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(word);
    }
    (!title_words(&phrase).is_empty()).then(|| format!("\"{phrase}\""))
}

struct Tally {
    documents: usize,
    untitled: usize,
    shared_titles: usize,
    failures: Vec<String>,
}

fn check_collection(name: &str, path: &Path) -> Tally {
    let started = Instant::now();
    let (documents, index) = build(path);
    eprintln!("{name}: read and indexed {} documents in {:.1} s", documents.len(), started.elapsed().as_secs_f64());
    let mut same_title: HashMap<Vec<String>, usize> = HashMap::new();
    for document in &documents {
        *same_title.entry(title_words(&document.title)).or_default() += 1;
    }
    let started = Instant::now();
    // Searching is read-only: the documents are shared out over the cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = documents.len().div_ceil(threads).max(1);
    let parts: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            documents.chunks(chunk).map(|part| scope.spawn(|| check_documents(&index, part, &same_title))).collect();
        workers.into_iter().map(|w| w.join().expect("a search panicked")).collect()
    });
    let mut tally = Tally { documents: documents.len(), untitled: 0, shared_titles: 0, failures: Vec::new() };
    for part in parts {
        tally.untitled += part.untitled;
        tally.shared_titles += part.shared_titles;
        tally.failures.extend(part.failures);
    }
    eprintln!(
        "{name}: {} id and {} title searches in {:.1} s on {threads} threads ({} documents without a searchable \
         title, {} sharing a title)",
        tally.documents,
        tally.documents - tally.untitled,
        started.elapsed().as_secs_f64(),
        tally.untitled,
        tally.shared_titles
    );
    tally
}

/// Searches for each document's id and title.
fn check_documents(index: &Index<Vec<u8>>, documents: &[Document], same_title: &HashMap<Vec<String>, usize>) -> Tally {
    // Each hit shown inflates a store block; ask for no more than can pass.
    let id_options = SearchOptions { limit: 2, snippets: false, ..SearchOptions::default() };
    let mut tally = Tally { documents: documents.len(), untitled: 0, shared_titles: 0, failures: Vec::new() };
    for document in documents {
        let id = &document.id;
        match search(index, &format!("id:\"{id}\""), &id_options) {
            Ok(results) if results.hits.len() == 1 && results.hits[0].id == *id => {}
            Ok(results) => tally.failures.push(format!(
                "id:{id} found {:?}",
                results.hits.iter().take(3).map(|h| h.id.as_str()).collect::<Vec<_>>()
            )),
            Err(error) => tally.failures.push(format!("id:{id}: {error}")),
        }
        let Some(query) = title_query(&document.title) else {
            tally.untitled += 1;
            continue;
        };
        let sharing = same_title[&title_words(&document.title)] - 1;
        tally.shared_titles += usize::from(sharing > 0);
        let options = SearchOptions { limit: TOP + sharing, snippets: false, ..SearchOptions::default() };
        match search(index, &query, &options) {
            Ok(results) => {
                if !results.hits.iter().any(|h| h.id == *id) {
                    tally.failures.push(format!(
                        "{query} does not find {id} in its top {} of {} hits ({sharing} others share the title)",
                        TOP + sharing,
                        results.total
                    ));
                }
            }
            Err(error) => tally.failures.push(format!("{query}: {error}")),
        }
    }
    tally
}

fn assert_nothing_lost(tally: Tally, name: &str) {
    assert!(
        tally.failures.is_empty(),
        "{name}: {} of {} documents not found:\n{}",
        tally.failures.len(),
        tally.documents,
        tally.failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_seed_document_is_found_by_id_and_title() {
    let path = corpus("seeds");
    let tally = check_collection("seeds", &path);
    assert_eq!(tally.documents, 5);
    assert_eq!(tally.untitled, 0);
    assert_nothing_lost(tally, "seeds");
}

#[test]
fn every_dfat_document_is_found_by_id_and_title() {
    let path = corpus("dfat-1923-1949");
    let tally = check_collection("DFAT", &path);
    assert_eq!(tally.documents, 7607);
    assert_nothing_lost(tally, "DFAT");
}

#[test]
fn title_queries_survive_quotes_and_limits() {
    assert_eq!(title_query("Telegram “Alternative B”").as_deref(), Some("\"Telegram Alternative B\""));
    assert_eq!(title_query("!!! … ???"), None);
    let long = "word ".repeat(400);
    assert!(title_query(&long).unwrap().chars().count() <= MAX_QUERY_CHARS);
}
