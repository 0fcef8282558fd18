//! Turning typed text into a [`Query`]: one pass that cuts the input into tokens
//! (words, phrases, `OR`, `NOT`), one pass that groups them into clauses.
//!
//! Two passes keep each rule in one place: what counts as a word, a field or a
//! quote is decided while lexing; how `OR` and `NOT` bind is decided while
//! grouping. Neither pass looks back more than one token, so the whole parse is
//! linear in the input and cannot be driven into deep recursion by nesting.

use super::ast::{Atom, Clause, Occur, Query};
use super::error::QueryError;

/// Longest query accepted, in characters (after trimming surrounding
/// whitespace), as typed and in its canonical form (see [`parse`]).
pub const MAX_QUERY_CHARS: usize = 1_000;

/// Most words, phrases and ranges in one query: each costs a dictionary lookup
/// and a postings scan on every keystroke.
pub const MAX_TERMS: usize = 64;

/// Longest single word, in characters; no real word comes close, and a longer
/// one is usually a pasted URL or a run of digits the index does not hold.
pub const MAX_WORD_CHARS: usize = 100;

/// Longest value of an `id:` field, in characters: document ids are file
/// paths, and DFAT's run to 225 characters.
pub const MAX_ID_CHARS: usize = 300;

/// Field names a query may restrict a word to, as in `title:korea`.
pub const FIELDS: &[&str] = &[
    "title",
    "type",
    "from",
    "to",
    "author",
    "recipient",
    "collection",
    "year",
    "date",
    "summary",
    "body",
    "id",
    "sort",
    "lang",
    "language",
];

/// Fields whose values are ordered, so `field:from..to` is a range. Elsewhere
/// `..` is just punctuation of the word (`title:etc..`).
pub const RANGE_FIELDS: &[&str] = &["date", "year"];

/// Parses what a reader typed.
///
/// Never fails on syntax: unclosed quotes run to the end, parentheses count as
/// spaces, a dangling `OR`, `NOT`, `-` or `*` is dropped, and empty or
/// whitespace-only input gives an empty [`Query`]. Fails only when the query
/// exceeds [`MAX_QUERY_CHARS`], [`MAX_TERMS`] or [`MAX_WORD_CHARS`].
///
/// The length limit holds for the query as typed and for its canonical form
/// (`Display`), which can be a little longer (`a|b"c"` is `a OR b "c"`): so
/// the canonical form of any query `parse` accepts parses again, to the same
/// query.
///
/// How operators bind, where the syntax leaves room:
/// - `OR` (or `|`) joins the atoms on either side into one clause; a repeated
///   `OR` counts once (`a OR OR b` is `a OR b`), a leading or trailing one is
///   ignored.
/// - `OR` never joins an excluded atom: `-a OR b` is read as `-a b`, and
///   `a OR -b OR c` as `a -b c`. An exclusion is already "none of these", so an
///   `OR` beside it has no useful meaning, and ignoring it never widens a search.
/// - `NOT` excludes the next atom only; `NOT -a` is `-a`.
/// - A phrase between quotes stays a phrase even if it is one word (`"korea"`):
///   quotes say "exactly this".
///
/// O(n) in the input's length; allocates the tokens and the tree.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let input = input.trim();
    // A byte is at most one character, so short inputs skip the count.
    if input.len() > MAX_QUERY_CHARS {
        let chars = input.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars, max: MAX_QUERY_CHARS });
        }
    }
    let query = group(lex(input)?);
    let count = query.term_count();
    if count > MAX_TERMS {
        return Err(QueryError::TooManyTerms { count, max: MAX_TERMS });
    }
    // Spaces, closing quotes and ` OR ` added by the canonical form can only
    // push a query typed close to the limit over it.
    if input.len() > MAX_QUERY_CHARS / 2 {
        let chars = query.to_string().chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars, max: MAX_QUERY_CHARS });
        }
    }
    Ok(query)
}

/// A piece of the query before grouping.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Atom { excluded: bool, atom: Atom },
    Or,
    Not,
}

/// Straight and typographic quotes. Any of them closes a phrase, whichever opened
/// it: readers paste text quoted in many conventions („…“, «…», ”…”), and
/// pairing them strictly would turn a mismatch into a phrase running to the end.
/// `'` and `’` are not quotes: they are apostrophes in `Peiping’s`.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Characters that end a word. Parentheses are spaces because the syntax has no
/// grouping; `(a OR b) c` still means what it looks like.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '|')
}

/// Cuts the input into tokens. O(n); no recursion.
fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut chars = input.char_indices();
    while let Some((i, c)) = chars.next() {
        if is_quote(c) {
            // What was typed right before the quote may be its `-` or `field:`.
            let (excluded, field) = match word_start.take().map(|start| &input[start..i]) {
                None => (false, None),
                Some(before) => match phrase_prefix(before) {
                    Some(prefix) => prefix,
                    None => {
                        tokens.extend(word_token(before)?);
                        (false, None)
                    }
                },
            };
            let start = i + c.len_utf8();
            let end = chars.by_ref().find(|&(_, c)| is_quote(c)).map_or(input.len(), |(end, _)| end);
            let text = &input[start..end];
            if text.trim().is_empty() {
                continue;
            }
            for word in text.split_whitespace() {
                check_word(word, field)?;
            }
            tokens.push(Token::Atom {
                excluded,
                atom: Atom::Phrase { field: field.map(String::from), text: text.to_string() },
            });
        } else if is_separator(c) {
            if let Some(start) = word_start.take() {
                tokens.extend(word_token(&input[start..i])?);
            }
            if c == '|' {
                tokens.push(Token::Or);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(start) = word_start {
        tokens.extend(word_token(&input[start..])?);
    }
    Ok(tokens)
}

/// Reads what stands right before a quote: `-`, `field:` or `-field:` apply to
/// the phrase. `None` when it is an ordinary word.
fn phrase_prefix(before: &str) -> Option<(bool, Option<&'static str>)> {
    let (excluded, rest) = strip_exclusion(before);
    if rest.is_empty() {
        return excluded.then_some((true, None));
    }
    match known_field(rest) {
        Some((field, "")) => Some((excluded, Some(field))),
        _ => None,
    }
}

/// The token for one whitespace-delimited word; `None` when there is nothing to
/// search for in it (`-`, `*`, `title:`, `date:..`).
fn word_token(raw: &str) -> Result<Option<Token>, QueryError> {
    match raw {
        "OR" => return Ok(Some(Token::Or)),
        "NOT" => return Ok(Some(Token::Not)),
        _ => {}
    }
    let (excluded, rest) = strip_exclusion(raw);
    let (field, value) = match known_field(rest) {
        Some((field, value)) => (Some(field), value),
        None => (None, rest),
    };
    if let Some(field) = field
        && RANGE_FIELDS.contains(&field)
        && let Some((from, to)) = value.split_once("..")
    {
        let bound = |text: &str| -> Result<Option<String>, QueryError> {
            if text.is_empty() {
                return Ok(None);
            }
            check_word(text, Some(field))?;
            Ok(Some(text.to_string()))
        };
        let (from, to) = (bound(from)?, bound(to)?);
        if from.is_none() && to.is_none() {
            return Ok(None);
        }
        let atom = Atom::Range { field: field.to_string(), from, to };
        return Ok(Some(Token::Atom { excluded, atom }));
    }
    let text = value.trim_end_matches('*');
    if text.is_empty() {
        return Ok(None);
    }
    check_word(text, field)?;
    let atom = Atom::Word { field: field.map(String::from), text: text.to_string(), prefix: text.len() < value.len() };
    Ok(Some(Token::Atom { excluded, atom }))
}

/// A leading `-` excludes; only one is taken, so `--a` excludes the word `-a`.
fn strip_exclusion(raw: &str) -> (bool, &str) {
    match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    }
}

/// Splits `name:value` when `name` is one of [`FIELDS`] in any case; returns the
/// canonical (lowercase) name. `12:30`, `http://…` and `Note:` are not fields.
fn known_field(text: &str) -> Option<(&'static str, &str)> {
    let (name, value) = text.split_once(':')?;
    let field = FIELDS.iter().find(|field| field.eq_ignore_ascii_case(name))?;
    Some((field, value))
}

/// Refuses a word longer than [`MAX_WORD_CHARS`] ([`MAX_ID_CHARS`] for the
/// value of `id:`).
fn check_word(word: &str, field: Option<&str>) -> Result<(), QueryError> {
    let max = if field == Some("id") { MAX_ID_CHARS } else { MAX_WORD_CHARS };
    // A byte is at most one character, so short words skip the count.
    if word.len() > max {
        let chars = word.chars().count();
        if chars > max {
            return Err(QueryError::WordTooLong { chars, max });
        }
    }
    Ok(())
}

/// Groups tokens into clauses (see [`parse`] for how `OR` and `NOT` bind). O(n).
fn group(tokens: Vec<Token>) -> Query {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut or_pending = false;
    let mut not_pending = false;
    for token in tokens {
        match token {
            Token::Or => or_pending = true,
            Token::Not => not_pending = true,
            Token::Atom { excluded, atom } => {
                let occur = if excluded || not_pending { Occur::MustNot } else { Occur::Must };
                match clauses.last_mut() {
                    Some(last) if or_pending && occur == Occur::Must && last.occur == Occur::Must => {
                        last.alternatives.push(atom);
                    }
                    _ => clauses.push(Clause { occur, alternatives: vec![atom] }),
                }
                or_pending = false;
                not_pending = false;
            }
        }
    }
    Query { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// The canonical form of a query that must parse.
    fn canon(input: &str) -> String {
        match parse(input) {
            Ok(query) => query.to_string(),
            Err(error) => panic!("{input:?} did not parse: {error}"),
        }
    }

    fn word(text: &str) -> Atom {
        Atom::Word { field: None, text: text.into(), prefix: false }
    }

    fn must(alternatives: Vec<Atom>) -> Clause {
        Clause { occur: Occur::Must, alternatives }
    }

    fn must_not(alternatives: Vec<Atom>) -> Clause {
        Clause { occur: Occur::MustNot, alternatives }
    }

    fn phrase(text: &str) -> Atom {
        Atom::Phrase { field: None, text: text.into() }
    }

    #[test]
    fn words_are_separate_clauses() {
        let query = parse("armistice korea").unwrap();
        assert_eq!(query.clauses, [must(vec![word("armistice")]), must(vec![word("korea")])]);
        assert_eq!(canon("  armistice \t\n korea  "), "armistice korea");
    }

    #[test]
    fn empty_and_blank_queries_are_empty() {
        for input in ["", " ", "\t\n  ", "\u{3000}", "()", "\"\"", "- * OR NOT |", "“”"] {
            let query = parse(input).unwrap();
            assert!(query.is_empty(), "{input:?} gave {query}");
        }
    }

    #[test]
    fn quotes_make_phrases() {
        let query = parse("a \"cease fire\" b").unwrap();
        assert_eq!(query.clauses, [must(vec![word("a")]), must(vec![phrase("cease fire")]), must(vec![word("b")])]);
        assert_eq!(canon("“cease fire”"), "\"cease fire\"");
        assert_eq!(canon("„Waffen stillstand“"), "\"Waffen stillstand\"");
        assert_eq!(canon("«cessez le feu»"), "\"cessez le feu\"");
        assert_eq!(canon("»umgekehrt zitiert«"), "\"umgekehrt zitiert\"");
        assert_eq!(canon("”mixed\""), "\"mixed\"");
        assert_eq!(canon("\"korea\""), "\"korea\"", "a quoted word stays a phrase");
        assert_eq!(canon("before\"in side\"after"), "before \"in side\" after");
        assert_eq!(canon("a \"\" b \" \" c"), "a b c", "empty phrases are ignored");
    }

    #[test]
    fn unbalanced_quotes_run_to_the_end() {
        assert_eq!(canon("\"korean armis"), "\"korean armis\"");
        assert_eq!(canon("truce \"korean"), "truce \"korean\"");
        assert_eq!(canon("\""), "");
        assert_eq!(canon("a \"b\" c \"d e"), "a \"b\" c \"d e\"");
        assert_eq!(canon("\"\"\""), "", "a third quote opens an empty phrase");
        assert_eq!(canon("-\"cease"), "-\"cease\"");
        assert_eq!(canon("title:\"korean w"), "title:\"korean w\"");
    }

    #[test]
    fn or_joins_alternatives() {
        let query = parse("peking OR peiping OR beijing").unwrap();
        assert_eq!(query.clauses, [must(vec![word("peking"), word("peiping"), word("beijing")])]);
        let query = parse("a OR \"b c\" d").unwrap();
        assert_eq!(query.clauses, [must(vec![word("a"), phrase("b c")]), must(vec![word("d")])]);
        assert_eq!(canon("a | b"), "a OR b");
        assert_eq!(canon("a|b|c"), "a OR b OR c");
        assert_eq!(canon("\"a b\"|c"), "\"a b\" OR c");
        assert_eq!(canon("(peking OR peiping) treaty"), "peking OR peiping treaty");
    }

    #[test]
    fn stray_or_is_ignored() {
        assert_eq!(canon("OR korea"), "korea");
        assert_eq!(canon("korea OR"), "korea");
        assert_eq!(canon("| korea |"), "korea");
        assert_eq!(canon("a OR OR b"), "a OR b");
        assert_eq!(canon("a OR | b"), "a OR b");
        assert_eq!(canon("OR"), "");
        assert_eq!(parse("OR OR").unwrap().clauses.len(), 0);
    }

    #[test]
    fn lowercase_or_is_a_word() {
        assert_eq!(parse("war or peace").unwrap().clauses.len(), 3);
        assert_eq!(canon("Or oR"), "Or oR");
    }

    #[test]
    fn minus_excludes_at_the_start_of_a_token() {
        let query = parse("korea -truce").unwrap();
        assert_eq!(query.clauses, [must(vec![word("korea")]), must_not(vec![word("truce")])]);
        assert_eq!(parse("-\"cease fire\"").unwrap().clauses, [must_not(vec![phrase("cease fire")])]);
        assert_eq!(
            parse("-title:draft").unwrap().clauses,
            [must_not(vec![Atom::Word { field: Some("title".into()), text: "draft".into(), prefix: false }])]
        );
        assert_eq!(parse("non-aggression pact").unwrap().clauses[0], must(vec![word("non-aggression")]));
        assert_eq!(canon("--a"), "--a", "one minus excludes, the next is text");
        assert_eq!(canon("- korea -"), "korea", "a lone minus is ignored");
        assert_eq!(canon("-date:1951..1952"), "-date:1951..1952");
    }

    #[test]
    fn not_excludes_the_next_atom() {
        assert_eq!(
            parse("korea NOT truce").unwrap().clauses,
            [must(vec![word("korea")]), must_not(vec![word("truce")])]
        );
        assert_eq!(canon("NOT \"cease fire\""), "-\"cease fire\"");
        assert_eq!(canon("NOT\"cease fire\""), "-\"cease fire\"");
        assert_eq!(canon("NOT -a"), "-a");
        assert_eq!(canon("NOT NOT a"), "-a");
        assert_eq!(canon("a NOT"), "a");
        assert_eq!(canon("not a"), "not a", "lowercase not is a word");
    }

    #[test]
    fn or_does_not_join_exclusions() {
        assert_eq!(parse("-a OR b").unwrap().clauses, [must_not(vec![word("a")]), must(vec![word("b")])]);
        assert_eq!(canon("a OR -b OR c"), "a -b c");
        assert_eq!(canon("a OR NOT b"), "a -b");
        assert_eq!(canon("-a OR -b"), "-a -b");
        assert_eq!(canon("a OR b -c d OR e"), "a OR b -c d OR e");
    }

    #[test]
    fn trailing_star_makes_a_prefix() {
        assert_eq!(
            parse("armist*").unwrap().clauses,
            [must(vec![Atom::Word { field: None, text: "armist".into(), prefix: true }])]
        );
        assert_eq!(canon("armist**"), "armist*");
        assert_eq!(canon("* korea *"), "korea", "a lone star is ignored");
        assert_eq!(canon("-*"), "");
        assert_eq!(parse("a*b").unwrap().clauses, [must(vec![word("a*b")])], "an inner star is part of the word");
        assert_eq!(canon("*armist"), "*armist");
        assert_eq!(canon("-armist* title:kor*"), "-armist* title:kor*");
    }

    #[test]
    fn known_fields_restrict_words_and_phrases() {
        assert_eq!(
            parse("Title:Korea").unwrap().clauses,
            [must(vec![Atom::Word { field: Some("title".into()), text: "Korea".into(), prefix: false }])]
        );
        assert_eq!(
            parse("from:\"Zhou En-lai\"").unwrap().clauses,
            [must(vec![Atom::Phrase { field: Some("from".into()), text: "Zhou En-lai".into() }])]
        );
        assert_eq!(canon("-TO:“Stalin”"), "-to:\"Stalin\"");
        for field in FIELDS {
            assert_eq!(canon(&format!("{field}:x")), format!("{field}:x"));
        }
        assert_eq!(canon("title:a:b"), "title:a:b");
        assert_eq!(canon("title: korea"), "korea", "a field without a value is ignored");
        assert_eq!(canon("sort:date"), "sort:date");
    }

    #[test]
    fn unknown_fields_are_words() {
        for input in ["http://x", "12:30", "Note:", "note:x", "tïtle:x", ":x", "titles:x"] {
            assert_eq!(parse(input).unwrap().clauses, [must(vec![word(input)])], "{input}");
        }
        assert_eq!(canon("Note:\"x y\""), "Note: \"x y\"");
    }

    #[test]
    fn ranges_on_dates_and_years() {
        let range = |field: &str, from: Option<&str>, to: Option<&str>| Atom::Range {
            field: field.into(),
            from: from.map(String::from),
            to: to.map(String::from),
        };
        let cases = [
            ("date:1951-06..1951-09", range("date", Some("1951-06"), Some("1951-09"))),
            ("date:1951..", range("date", Some("1951"), None)),
            ("date:..1952-03", range("date", None, Some("1952-03"))),
            ("YEAR:1950..1952", range("year", Some("1950"), Some("1952"))),
        ];
        for (input, atom) in cases {
            assert_eq!(parse(input).unwrap().clauses, [must(vec![atom])], "{input}");
        }
        assert_eq!(
            parse("date:1951-06").unwrap().clauses,
            [must(vec![Atom::Word { field: Some("date".into()), text: "1951-06".into(), prefix: false }])]
        );
        assert_eq!(canon("date:.."), "", "an unbounded range is ignored");
        assert_eq!(canon("title:a..b"), "title:a..b");
        assert!(matches!(parse("title:a..b").unwrap().clauses[0].alternatives[0], Atom::Word { .. }));
    }

    #[test]
    fn punctuation_stays_in_words() {
        for input in ["795.00/7–2552", "En-lai", "38th", "Peiping’s", "U.S.", "l'armistice"] {
            assert_eq!(parse(input).unwrap().clauses, [must(vec![word(input)])], "{input}");
        }
    }

    #[test]
    fn parentheses_are_spaces() {
        assert_eq!(canon("((korea"), "korea");
        assert_eq!(canon("korea))"), "korea");
        assert_eq!(canon(")(a)(b)("), "a b");
        assert_eq!(canon("((a OR (b)) c"), "a OR b c");
        let nested = format!("{}truce{}", "(".repeat(400), ")".repeat(400));
        assert_eq!(canon(&nested), "truce");
        assert_eq!(canon("\"(not a group)\""), "\"(not a group)\"");
    }

    #[test]
    fn unicode_text() {
        assert_eq!(canon("Zhōu Ēnlái Ñandú"), "Zhōu Ēnlái Ñandú");
        assert_eq!(
            parse("周恩来\u{3000}朝鲜停战").unwrap().clauses,
            [must(vec![word("周恩来")]), must(vec![word("朝鲜停战")])],
            "the ideographic space separates"
        );
        assert_eq!(canon("هدنة كوريا"), "هدنة كوريا");
        assert_eq!(canon("-\"שביתת נשק\""), "-\"שביתת נשק\"");
        assert_eq!(canon("🕊️ peace 👍🏽*"), "🕊️ peace 👍🏽*");
        assert_eq!(canon("a\u{a0}b"), "a b", "a no-break space separates");
        assert_eq!(canon("title:Москва"), "title:Москва");
    }

    #[test]
    fn length_limits() {
        let at_limit = "a".repeat(MAX_QUERY_CHARS);
        assert!(matches!(parse(&at_limit), Err(QueryError::WordTooLong { .. })));
        let spaced = "ab ".repeat(MAX_QUERY_CHARS / 3);
        assert!(matches!(parse(&spaced), Err(QueryError::TooManyTerms { .. })));
        let over = "é".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(parse(&over), Err(QueryError::TooLong { chars: MAX_QUERY_CHARS + 1, max: MAX_QUERY_CHARS }));
        let padded = format!("{}korea{}", " ".repeat(2_000), "\n".repeat(2_000));
        assert_eq!(canon(&padded), "korea", "surrounding whitespace does not count");
    }

    #[test]
    fn the_canonical_form_of_an_accepted_query_is_accepted() {
        // Found by the `query_parse` fuzzer: 999 characters typed, 1,025 in
        // canonical form (glued quotes gain spaces).
        let unit = format!("w\"{}abc\"", "abc ".repeat(11)); // 50 characters, two terms
        let glued = unit.repeat(MAX_QUERY_CHARS / 50);
        let typed = glued.chars().count();
        assert!(typed <= MAX_QUERY_CHARS);
        match parse(&glued) {
            Err(QueryError::TooLong { chars, max }) => assert!(chars > typed && max == MAX_QUERY_CHARS),
            other => panic!("{other:?}"),
        }
        let fits = unit.repeat(12);
        let query = parse(&fits).unwrap();
        assert_eq!(parse(&query.to_string()), Ok(query));
    }

    #[test]
    fn too_many_terms() {
        let words: Vec<String> = (0..=MAX_TERMS).map(|i| format!("w{i}")).collect();
        assert_eq!(parse(&words.join(" ")), Err(QueryError::TooManyTerms { count: MAX_TERMS + 1, max: MAX_TERMS }));
        assert_eq!(
            parse(&words.join(" OR ")),
            Err(QueryError::TooManyTerms { count: MAX_TERMS + 1, max: MAX_TERMS }),
            "alternatives count too"
        );
        assert!(parse(&words[..MAX_TERMS].join(" ")).is_ok());
        let phrase = format!("\"{}\"", words.join(" "));
        assert!(parse(&phrase).is_ok(), "a phrase is one term");
        let five_thousand = "word ".repeat(5_000);
        assert!(parse(&five_thousand).is_err());
    }

    #[test]
    fn word_length_limit() {
        let longest = "x".repeat(MAX_WORD_CHARS);
        assert!(parse(&longest).is_ok());
        let cjk = "字".repeat(MAX_WORD_CHARS);
        assert!(parse(&cjk).is_ok(), "characters, not bytes");
        let word = "y".repeat(MAX_WORD_CHARS + 1);
        let error = QueryError::WordTooLong { chars: MAX_WORD_CHARS + 1, max: MAX_WORD_CHARS };
        for input in [
            word.clone(),
            format!("-{word}*"),
            format!("title:{word}"),
            format!("\"a {word} b\""),
            format!("date:{word}.."),
            "字".repeat(MAX_WORD_CHARS + 1),
        ] {
            assert_eq!(parse(&input), Err(error.clone()), "{input}");
        }
    }

    #[test]
    fn ids_may_be_longer_than_words() {
        let id = format!("volume-1-1937-38/{}", "a-long-title-".repeat(15));
        assert!(id.chars().count() > MAX_WORD_CHARS);
        assert!(parse(&format!("id:{id}")).is_ok());
        assert!(parse(&format!("-ID:\"{id}\"")).is_ok());
        assert!(matches!(parse(&id), Err(QueryError::WordTooLong { max: MAX_WORD_CHARS, .. })));
        let too_long = "x".repeat(MAX_ID_CHARS + 1);
        assert_eq!(
            parse(&format!("id:{too_long}")),
            Err(QueryError::WordTooLong { chars: MAX_ID_CHARS + 1, max: MAX_ID_CHARS })
        );
    }

    #[test]
    fn deep_nesting_takes_bounded_time() {
        let started = Instant::now();
        let quotes = "\"".repeat(10_000);
        let parens = format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000));
        let mixed = "(\"-".repeat(10_000);
        for input in [&quotes, &parens, &mixed] {
            assert!(matches!(parse(input), Err(QueryError::TooLong { .. })));
        }
        // The lexer itself, without the length limit, on 100,000 characters.
        let huge = "((\"a OR -b*\" title:c) | ".repeat(4_000);
        assert_eq!(lex(&huge).unwrap().len(), 3 * 4_000);
        assert!(lex(&"\"(".repeat(50_000)).is_ok());
        assert_eq!(lex(&parens).unwrap().len(), 1);
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    }

    /// A tiny deterministic PRNG (xorshift64), so the tests need no `rand`.
    struct Xorshift(u64);

    impl Xorshift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn any_input_parses_or_errs_and_the_canonical_form_is_stable() {
        const PIECES: &[&str] = &[
            "a", "korea", "OR", "NOT", "or", "-", "*", ":", "..", "title:", "date:", "sort:", "\"", "“", "»", "(", ")",
            "|", " ", " ", "\t", "’", "é", "字", "🕊️", "1951", "\u{3000}", "\u{a0}", "\u{200f}", "\0",
        ];
        let mut rng = Xorshift(0x5eed);
        for _ in 0..5_000 {
            let len = rng.below(24);
            let input: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let Ok(query) = parse(&input) else {
                continue;
            };
            let canonical = query.to_string();
            assert_eq!(parse(&canonical), Ok(query), "{input:?} → {canonical:?}");
        }
    }
}
