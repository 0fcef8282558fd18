//! The rules that take comment lines and indentation out of the page's scripts and style
//! sheet (`build/page_text.rs`, run by the build script), on texts written in several styles.

#[path = "../build/page_text.rs"]
mod page_text;

use page_text::compact;

#[test]
fn comment_lines_blank_lines_and_indentation_go() {
    let js = "// A module.\n/**\n * Docs.\n */\nexport function f(a) {\n    // inside\n    return a + 1; // kept: code before it\n\n  /* one line */\n}\n";
    assert_eq!(compact(js).unwrap(), "export function f(a) {\nreturn a + 1; // kept: code before it\n}\n");
    let css = "/* The page. */\n:root {\n  --measure: 40em; /* a measure */\n}\n/* ---- masthead\n   and search */\n.a { color: red; }\n";
    assert_eq!(compact(css).unwrap(), ":root {\n--measure: 40em; /* a measure */\n}\n.a { color: red; }\n");
}

#[test]
fn lines_inside_a_template_literal_keep_their_spaces() {
    let js = "const html = `\n  <p>\n    // not a comment\n  </p>`;\n  const next = `a ${b} c`;\n  const more = `\n\n  x`;\n";
    assert_eq!(
        compact(js).unwrap(),
        "const html = `\n  <p>\n    // not a comment\n  </p>`;\nconst next = `a ${b} c`;\nconst more = `\n\n  x`;\n"
    );
    // An escaped backtick neither opens nor closes one.
    assert_eq!(compact("  const t = `a \\` b`;\n  x();\n").unwrap(), "const t = `a \\` b`;\nx();\n");
}

#[test]
fn code_after_a_comment_on_its_line_stays() {
    assert_eq!(compact("  /* note */ run();\n").unwrap(), "/* note */ run();\n");
}

#[test]
fn texts_these_rules_cannot_read_are_refused() {
    assert_eq!(compact("const a = `open\n").unwrap_err(), "the text ends inside a template literal");
    assert_eq!(compact("/* open\nstill\n").unwrap_err(), "the text ends inside a comment");
    assert_eq!(compact("/* a\nb */ code();\n").unwrap_err(), "line 2: code follows the end of a comment");
}

#[test]
fn every_compacted_page_file_is_read_by_these_rules() {
    let www = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut names: Vec<String> =
        ["style.css", "app.js", "i18n.js", "views.js", "carrel.js", "collection.js", "offline-loader.js"]
            .map(String::from)
            .to_vec();
    for entry in std::fs::read_dir(www.join("i18n")).unwrap() {
        names.push(format!("i18n/{}", entry.unwrap().file_name().to_string_lossy()));
    }
    assert!(names.len() >= 14, "{names:?}");
    for name in &names {
        let text = std::fs::read_to_string(www.join(name)).unwrap();
        let compacted = compact(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(compacted.len() < text.len(), "{name}: {} of {} bytes left", compacted.len(), text.len());
        // Every import and export line is still a line of its own (the offline page drops them).
        let starting = |t: &str, word: &str| t.lines().filter(|l| l.trim_start().starts_with(word)).count();
        for word in ["import ", "export "] {
            assert_eq!(starting(&compacted, word), starting(&text, word), "{name}: lines starting {word:?}");
        }
    }
}
