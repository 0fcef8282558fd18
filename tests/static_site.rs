//! A static site generator's Markdown posts (Jekyll, Hugo, Eleventy) through
//! `carrel index`, `carrel search` and `carrel build`, as the README's "Static
//! site generators" section tells people to do it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A blog in the three generators' front-matter styles, and a README that is not a post.
const SITE: &[(&str, &str)] = &[
    (
        "README.md",
        "# My museum's blog\n\nBuild it with `bundle exec jekyll build`. Not a post: Carrel leaves it out.\n",
    ),
    (
        "_posts/2024-01-15-reading-room.md",
        "---\nlayout: post\ntitle: \"The reading room reopens\"\ndate: 2024-01-15 10:00:00 +0000\n\
         tags: [reading room, archives]\nauthor: Jane Curator\n---\n\n\
         After two years of building work the reading room is open again.\n\n\
         Researchers can book a desk and order boxes from the stores.\n",
    ),
    (
        "_posts/2024-02-03-armistice-letters.md",
        "---\ntitle: Letters from the armistice talks\ndate: 2024-02-03T09:30:00Z\n\
         tags:\n  - exhibitions\n  - korea\ndraft: false\n---\n\n\
         ## New in the galleries\n\n\
         The exhibition shows telegrams sent during the armistice talks at Panmunjom.\n",
    ),
    (
        "_posts/2024-03-20-course-notes.md",
        "---\ntitle: Notes for the seminar\ndate: 2024-03-20\ntags: teaching\n---\n\n\
         A reading list for students, with the primary sources from the collection.\n",
    ),
];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carrel-static-site-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_blog(root: &Path) {
    for (path, text) in SITE {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn carrel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carrel")).args(args).output().expect("carrel runs")
}

fn ok(args: &[&str]) -> (String, String) {
    let out = carrel(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "carrel {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn search(index: &str, query: &str) -> Value {
    serde_json::from_str(&ok(&["search", index, query, "--json"]).0).unwrap()
}

fn ids(results: &Value) -> Vec<&str> {
    results["hits"].as_array().unwrap().iter().map(|hit| hit["id"].as_str().unwrap()).collect()
}

#[test]
fn carrel_search_finds_the_posts_and_not_the_readme() {
    let root = scratch("index");
    write_blog(&root.join("blog"));
    let index = root.join("blog.carrel");
    let (_, stderr) = ok(&["index", root.join("blog").to_str().unwrap(), "--out", index.to_str().unwrap()]);
    assert!(stderr.contains("indexed 3 documents"), "{stderr}");
    assert!(stderr.contains("ignored (not a document)") && stderr.contains("README.md"), "{stderr}");
    let index = index.to_str().unwrap();

    let all = search(index, "");
    assert_eq!(all["total"], 3, "{all}");
    assert!(ids(&all).iter().all(|id| id.starts_with("_posts/")), "{all}");

    let found = search(index, "reading room");
    assert_eq!(ids(&found)[0], "_posts/2024-01-15-reading-room");
    assert_eq!(found["hits"][0]["title"], "The reading room reopens");
    assert_eq!(found["hits"][0]["date"], "2024-01-15", "a Jekyll date with a time");
    let found = search(index, "Panmunjom telegrams");
    assert_eq!(ids(&found), ["_posts/2024-02-03-armistice-letters"]);
    assert_eq!(found["hits"][0]["date"], "2024-02-03", "a Hugo date-time");
    assert_eq!(search(index, "seminar")["hits"][0]["date"], "2024-03-20", "an Eleventy date");
    assert!(ids(&search(index, "bundle jekyll")).is_empty(), "the README is not searched");
    assert_eq!(ids(&search(index, "year:2024 sort:date")).len(), 3);

    // Front matter the reader has no field for (tags, layout) stays with the document.
    let (html, _) = ok(&["render", index, "_posts/2024-02-03-armistice-letters"]);
    assert!(html.contains("<dt>Tags</dt><dd>exhibitions; korea</dd>"), "{html}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn carrel_build_writes_a_site_to_deploy_with_the_generators_output() {
    let root = scratch("build");
    write_blog(&root.join("blog"));
    let out = root.join("_site/search");
    let result = carrel(&["build", root.join("blog/_posts").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        !stderr.contains("built without its web template"),
        "this carrel has no web template, so it cannot build a site: build it with ./build.sh build \
         (which writes target/web/ first), then run the tests; {stderr}"
    );
    assert!(result.status.success(), "carrel build failed: {stderr}");
    assert!(stderr.contains("indexed 3 documents"), "{stderr}");
    for file in [
        "index.html",
        "style.css",
        "app.js",
        "i18n.js",
        "i18n/fr.js",
        "i18n/ar.js",
        "carrel.js",
        "carrel-search.js",
        "carrel_bindings.js",
        "carrel_nomodules.js",
        "offline-loader.js",
        "carrel.wasm",
        "carrel-offline.html",
        "studio.html",
        "examples/museum.html",
        "examples/course.html",
        "examples/course.js",
        "examples/examples.css",
    ] {
        let path = out.join(file);
        assert!(path.metadata().is_ok_and(|m| m.len() > 0), "{} is written", path.display());
    }
    let wasm = std::fs::read(out.join("carrel.wasm")).unwrap();
    assert_eq!(&wasm[..4], b"\0asm");
    let sections = custom_sections(&wasm);
    let names: Vec<&str> = sections.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names[names.len() - 2..], ["carrel-warm-up", "carrel-index"], "the warm-up index, then the index");
    assert_eq!(
        sections[sections.len() - 2].1,
        carrel::site::warm_up_index(),
        "the warm-up index as the builder makes it"
    );
    let index = carrel::Index::open(sections[sections.len() - 1].1.clone()).expect("the index opens");
    assert_eq!(index.meta().doc_count, 3, "the three posts travel in the module");
    let museum = std::fs::read_to_string(out.join("examples/museum.html")).unwrap();
    assert!(museum.contains(r#"<script type="module" src="../carrel-search.js"></script>"#));
    assert!(museum.contains(r#"<carrel-search src="../carrel.wasm""#));
    let offline = std::fs::read_to_string(out.join("carrel-offline.html")).unwrap();
    assert!(offline.contains("function translator("), "the offline page carries the translations");
    assert!(!offline.contains("export {"), "as a classic script");
    // The page is written as its parts, the module's base64 a chunk at a time:
    // what it carries is the served module, byte for byte.
    let open = r#"<script type="application/octet-stream" id="carrel-wasm">"#;
    let start = offline.find(open).expect("the module's element") + open.len();
    let end = start + offline[start..].find("</script>").expect("the module's element closes");
    assert_eq!(base64_decode(&offline[start..end]), wasm, "the offline page carries carrel.wasm");
    let _ = std::fs::remove_dir_all(root);
}

/// The custom sections of a wasm module, in order: their names and payloads.
fn custom_sections(module: &[u8]) -> Vec<(String, Vec<u8>)> {
    fn leb(bytes: &[u8], at: &mut usize) -> usize {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= ((byte & 0x7f) as usize) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
    assert_eq!(&module[..8], b"\0asm\x01\0\0\0", "a wasm module, version 1");
    let mut at = 8;
    let mut sections = Vec::new();
    while at < module.len() {
        let id = module[at];
        at += 1;
        let size = leb(module, &mut at);
        let end = at + size;
        if id == 0 {
            let name_len = leb(module, &mut at);
            let name = String::from_utf8(module[at..at + name_len].to_vec()).expect("a UTF-8 section name");
            sections.push((name, module[at + name_len..end].to_vec()));
        }
        at = end;
    }
    sections
}

/// Standard, padded base64 to bytes (panics on anything else: the test's input is ours).
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| ALPHABET.iter().position(|&a| a == b).expect("a base64 digit") as u32)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        let n = group.iter().enumerate().fold(0u32, |n, (k, &d)| n | d << (18 - 6 * k));
        out.extend_from_slice(&n.to_be_bytes()[1..group.len()]);
    }
    out
}
