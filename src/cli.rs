//! Commands of the `carrel` tool.

use anyhow::{Context, Result, bail};
use carrel::build::{self, BuildOptions, Report};
use carrel::corpus::{Listing, ReadingPlan};
use carrel::index::Index;
use carrel::search;
use carrel::search::{Filters, MatchMode, SearchOptions, SearchResults, Sort};
use carrel::site::Layout;
use carrel::view::render::render_id;
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Full-text search for document archives that runs entirely in the browser.
///
/// Index a folder of letters, telegrams and memoranda (plain-text archive
/// pages, Markdown with front matter, JSON Lines, HTML), search it here, or
/// build a static site that searches it with no server.
#[derive(Parser)]
#[command(name = "carrel", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an index file from documents.
    Index {
        #[command(flatten)]
        input: Input,
        /// Where to write the index.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Search an index.
    Search(SearchArgs),
    /// Print a document as HTML, with a query's matches marked.
    Render {
        /// The index file.
        index: PathBuf,
        /// The document id (as shown in search results).
        id: String,
        /// Query whose matches to mark.
        #[arg(default_value = "")]
        query: String,
        /// Print JSON: the document's fields, citation, HTML and match count.
        #[arg(long)]
        json: bool,
    },
    /// Time queries in-process: one query per line (or `qid<TAB>query`), each
    /// run as the page runs it (top 10 with snippets); prints percentiles.
    Bench {
        /// The index file.
        index: PathBuf,
        /// File of queries.
        #[arg(long, value_name = "FILE")]
        queries: PathBuf,
        /// Passes over the whole set; each query's fastest pass counts.
        #[arg(long, default_value_t = 5)]
        passes: usize,
        /// Rank every document matching any word, as `search --any` does.
        #[arg(long)]
        any: bool,
        /// Also cut the index into packs as `carrel build` does and count, for
        /// each query on an empty cache, the rounds of fetching a web page makes
        /// before its first results (top 10 with snippets, counts after) and the
        /// packs it fetches: each round costs a network round trip.
        #[arg(long)]
        packed: bool,
    },
    /// Build a static site (and a single offline HTML file) that searches the documents.
    Build {
        #[command(flatten)]
        input: Input,
        /// Folder to write the site into (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        /// Ship postings and documents as packs fetched when a query needs them
        /// (`auto`: when the index exceeds 1 MiB). The offline page always
        /// carries the whole index.
        #[arg(long, value_enum, default_value = "auto")]
        packs: PacksArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PacksArg {
    Auto,
    Always,
    Never,
}

/// What to index and how.
#[derive(Args)]
struct Input {
    /// Files or folders (read recursively): .txt archive pages, .md/.markdown,
    /// .jsonl/.ndjson, .html/.htm.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Collection name shown on the page (default: the first folder's name).
    #[arg(long)]
    name: Option<String>,
    /// Skip unreadable or malformed files (each is reported) instead of stopping.
    #[arg(long)]
    keep_going: bool,
    /// Extra name-variant groups (one group per line, forms separated by `|`).
    #[arg(long, value_name = "FILE")]
    variants: Vec<PathBuf>,
    /// Do not use the shipped name variants and telegraphese abbreviations.
    #[arg(long)]
    no_default_variants: bool,
    /// Extra kinds of document (one per line, forms separated by `|`, the
    /// first the name shown); they extend, and override, the shipped ones.
    #[arg(long, value_name = "FILE")]
    types: Vec<PathBuf>,
    /// Language of the documents that do not name theirs (a BCP 47 tag such
    /// as `en`, `de`, `zh-Hant`): it chooses the stemmer and stop words.
    #[arg(long, value_name = "TAG", default_value = "en")]
    lang: String,
    /// Guess the language of each document that does not name its own from
    /// its text; where the guess is unsure, --lang applies.
    #[arg(long)]
    detect_language: bool,
}

#[derive(Args)]
struct SearchArgs {
    /// The index file.
    index: PathBuf,
    /// The query (see the README for syntax: "phrases", OR, -exclude, prefix*, field:value).
    #[arg(required_unless_present = "queries")]
    query: Option<String>,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Result order.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Keep only documents of this type (repeat for several).
    #[arg(long = "type", value_name = "TYPE")]
    doc_type: Vec<String>,
    /// Keep only documents from this sender (exact value; repeatable).
    #[arg(long)]
    from: Vec<String>,
    /// Keep only documents to this recipient (exact value; repeatable).
    #[arg(long)]
    to: Vec<String>,
    /// Keep only documents of this collection (exact value; repeatable).
    #[arg(long)]
    collection: Vec<String>,
    /// Keep only documents in this language (a tag: `de` keeps `de-1996` and
    /// `de-CH`; repeatable).
    #[arg(long, value_name = "TAG")]
    lang: Vec<String>,
    /// Read the query in this language only (repeatable); by default it is
    /// read in every language of the collection, or those of `lang:` clauses.
    #[arg(long, value_name = "TAG")]
    query_lang: Vec<String>,
    /// Keep documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    date_from: Option<String>,
    /// Keep documents dated on or before.
    #[arg(long)]
    date_to: Option<String>,
    /// Print JSON: {"total", "hits": [{"id","title","date","type","score","snippet","lang"}], "suggestion"}.
    #[arg(long)]
    json: bool,
    /// With --json, print everything the JS API returns: also "partial",
    /// "facets", "timeline" and "undated".
    #[arg(long, alias = "facets", requires = "json")]
    full: bool,
    /// Batch mode: a file of `qid<TAB>query` lines.
    #[arg(long, value_name = "FILE.tsv")]
    queries: Option<PathBuf>,
    /// With --queries: print TREC run lines `qid Q0 docid rank score carrel` (top 100).
    #[arg(long, requires = "queries")]
    trec: bool,
    /// Rank every document matching any word (ranked retrieval) instead of
    /// requiring all words.
    #[arg(long)]
    any: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    DateAsc,
    DateDesc,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index { input, out } => index_command(&input, &out),
        Command::Search(args) => search_command(&args),
        Command::Render { index, id, query, json } => render_command(&index, &id, &query, json),
        Command::Build { input, out, packs } => build_command(&input, &out, packs),
        Command::Bench { index, queries, passes, any, packed } => bench_command(&index, &queries, passes, any, packed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("carrel: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the collection and builds the index bytes, reporting as it goes.
fn build_index(input: &Input) -> Result<(Vec<u8>, carrel::index::builder::BuildSummary)> {
    let mut report = Terminal { started: Instant::now(), progress: ProgressBar::hidden() };
    let read_option_files = |paths: &[PathBuf]| -> Result<Vec<(String, String)>> {
        paths
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
                Ok((path.display().to_string(), text))
            })
            .collect()
    };
    let options = BuildOptions {
        name: input.name.clone(),
        keep_going: input.keep_going,
        variants: read_option_files(&input.variants)?,
        no_default_variants: input.no_default_variants,
        types: read_option_files(&input.types)?,
        lang: input.lang.clone(),
        detect_language: input.detect_language,
    };
    let plan = ReadingPlan::new(Listing::of_paths(&input.paths));
    Ok(build::build_index(plan, &mut |path| std::fs::read(path), &options, &mut report)?)
}

/// The build's report on the terminal: a progress bar while reading (when
/// stderr is one), then lines on stderr.
struct Terminal {
    started: Instant,
    progress: ProgressBar,
}

impl Report for Terminal {
    fn reading(&mut self, files: usize) {
        if std::io::stderr().is_terminal() {
            self.progress = ProgressBar::new(files as u64);
            self.progress.set_style(
                ProgressStyle::with_template("{spinner} reading {pos}/{len} files {wide_bar} {eta}")
                    .expect("valid template"),
            );
        }
    }

    fn file(&mut self, _path: &Path) {
        self.progress.inc(1);
    }

    fn read(&mut self) {
        self.progress.finish_and_clear();
    }

    fn line(&mut self, line: &str) {
        eprintln!("{line}");
    }

    fn elapsed_seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
}

fn index_command(input: &Input, out: &Path) -> Result<()> {
    let (bytes, _) = build_index(input)?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}

fn build_command(input: &Input, out: &Path, packs: PacksArg) -> Result<()> {
    let (bytes, _) = build_index(input)?;
    let layout = match packs {
        PacksArg::Auto => Layout::Auto,
        PacksArg::Always => Layout::Packed,
        PacksArg::Never => Layout::Whole,
    };
    // Each file is written as soon as it is made: a large collection's
    // offline page and packs are never held at once.
    let written = carrel::site::write_site_streaming(&bytes, out, layout, carrel::site::STUDIO_PAGE.into())?;
    let sizes: Vec<(&str, usize)> = written.iter().map(|file| (file.name.as_str(), file.bytes)).collect();
    for line in build::written_lines_of(out, &sizes) {
        eprintln!("{line}");
    }
    Ok(())
}

fn open_index(path: &Path) -> Result<Index<Vec<u8>>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read index {}", path.display()))?;
    Index::open(bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn search_command(args: &SearchArgs) -> Result<()> {
    let index = open_index(&args.index)?;
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::DateAsc => Sort::DateAsc,
            SortArg::DateDesc => Sort::DateDesc,
        },
        filters: Filters {
            doc_type: args.doc_type.clone(),
            from: args.from.clone(),
            to: args.to.clone(),
            collection: args.collection.clone(),
            year: Vec::new(),
            lang: args.lang.clone(),
        },
        date_from: args.date_from.clone(),
        date_to: args.date_to.clone(),
        mode: if args.any { MatchMode::Any } else { MatchMode::All },
        snippets: true,
        languages: args.query_lang.clone(),
        facets: true,
    };
    if let Some(file) = &args.queries {
        return batch(&index, file, args, options);
    }
    let query = args.query.as_deref().unwrap_or("");
    let results = search(&index, query, &options)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", to_json(&results, args.full))?;
    } else {
        print_results(&mut out, &results)?;
    }
    Ok(())
}

fn to_json(results: &SearchResults, full: bool) -> String {
    let mut value = serde_json::to_value(results).expect("results serialise");
    if !full {
        let map = value.as_object_mut().expect("an object");
        for key in ["partial", "facets", "timeline", "undated"] {
            map.remove(key);
        }
    }
    value.to_string()
}

fn print_results(out: &mut impl Write, results: &SearchResults) -> Result<()> {
    if results.partial {
        writeln!(out, "No document has every word; showing the best partial matches.")?;
    }
    writeln!(out, "{} documents", results.total)?;
    for hit in &results.hits {
        writeln!(
            out,
            "\n{}  [{}] {} {}\n  {}",
            hit.id,
            hit.score,
            hit.date.as_deref().unwrap_or("undated"),
            hit.title,
            hit.snippet
        )?;
    }
    if let Some(suggestion) = &results.suggestion {
        writeln!(out, "\nDid you mean: {suggestion}")?;
    }
    Ok(())
}

/// Batch mode: one query per line, `qid<TAB>query`.
fn batch(index: &Index<Vec<u8>>, file: &Path, args: &SearchArgs, mut options: SearchOptions) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.trec {
        options.limit = 100;
        options.snippets = false;
    }
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((qid, query)) = line.split_once('\t') else {
            bail!("{}:{}: expected `qid<TAB>query`", file.display(), n + 1);
        };
        let results = search(index, query, &options).with_context(|| format!("{}:{}", file.display(), n + 1))?;
        if args.trec {
            for (rank, hit) in results.hits.iter().enumerate() {
                writeln!(out, "{qid} Q0 {} {} {} carrel", hit.id, rank + 1, hit.score)?;
            }
        } else if args.json {
            writeln!(out, "{}", to_json(&results, args.full))?;
        } else {
            writeln!(out, "{qid}\t{}", results.total)?;
        }
    }
    Ok(())
}

fn render_command(path: &Path, id: &str, query: &str, json: bool) -> Result<()> {
    let index = open_index(path)?;
    let rendered = render_id(&index, id, query)?;
    if json {
        println!("{}", serde_json::to_string(&rendered)?);
    } else {
        println!("{}", rendered.html);
    }
    Ok(())
}

fn bench_command(path: &Path, queries: &Path, passes: usize, any: bool, packed: bool) -> Result<()> {
    let opened = Instant::now();
    let index = open_index(path)?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let text = std::fs::read_to_string(queries).with_context(|| format!("cannot read {}", queries.display()))?;
    let queries: Vec<&str> = text
        .lines()
        .map(|l| l.split_once('\t').map_or(l, |(_, q)| q).trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mode = if any { MatchMode::Any } else { MatchMode::All };
    let options = SearchOptions { limit: 10, mode, ..SearchOptions::default() };
    let mut best = vec![f64::INFINITY; queries.len()];
    for _ in 0..passes.max(1) {
        for (query, best) in queries.iter().zip(&mut best) {
            let started = Instant::now();
            let results = search(&index, query, &options)?;
            std::hint::black_box(&results);
            *best = best.min(started.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut sorted = best.clone();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1];
    println!("index opened and verified in {open_ms:.1} ms");
    println!(
        "{} queries, fastest of {} passes, top 10 with snippets: median {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        sorted.len(),
        passes.max(1),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
    let slowest = best.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| queries[i]);
    println!("slowest query: {}", slowest.unwrap_or(""));
    if packed {
        let first_results = SearchOptions { facets: false, ..options };
        bench_rounds(index.bytes(), &queries, &first_results).with_context(|| format!("packed {}", path.display()))?;
    }
    Ok(())
}

/// Cuts `index` into packs as `carrel build` does and runs each query on an
/// empty cache, adding the packs it asks for (and those a page fetches with
/// them, `search::packs_to_fetch`) until it answers; prints the rounds of
/// fetching and the packs per query.
fn bench_rounds(index: &[u8], queries: &[&str], options: &SearchOptions) -> Result<()> {
    use carrel::index::format::FormatError;
    use carrel::index::split::{PackSizes, split};
    use carrel::search::SearchError;
    let parts = split(index, PackSizes::default())?;
    let files: std::collections::HashMap<_, _> = parts.packs.into_iter().collect();
    let mut per_rounds = std::collections::BTreeMap::<usize, usize>::new();
    let (mut rounds, mut packs, mut bytes) = (0usize, 0usize, 0usize);
    for query in queries {
        let mut cold = Index::open(parts.core.clone())?;
        let mut asked = 0;
        loop {
            match search(&cold, query, options) {
                Ok(_) => break,
                Err(SearchError::Index(FormatError::PacksNotLoaded { packs: wanted })) if asked < 10 => {
                    asked += 1;
                    for pack in search::packs_to_fetch(&cold, options, wanted) {
                        let file = files
                            .get(&pack)
                            .with_context(|| format!("{query:?} asks for {pack}, which is not a pack"))?;
                        packs += 1;
                        bytes += file.len();
                        cold.add_pack(pack, file.clone())?;
                    }
                }
                Err(e) => bail!("{query:?}: {e}"),
            }
        }
        rounds += asked;
        *per_rounds.entry(asked).or_default() += 1;
    }
    let n = queries.len().max(1) as f64;
    let spread: Vec<String> = per_rounds.iter().map(|(r, q)| format!("{q} in {r}")).collect();
    println!(
        "packed as `carrel build` packs it, each query on an empty cache (top {} with snippets, no counts): \
         {:.2} rounds of fetching per query ({}), {:.1} packs and {:.1} KB per query (raw)",
        options.limit,
        rounds as f64 / n,
        spread.join(", "),
        packs as f64 / n,
        bytes as f64 / n / 1000.0
    );
    Ok(())
}
