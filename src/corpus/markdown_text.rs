//! Markdown source in, the words a reader sees out.
//!
//! What is indexed and shown as a snippet must be the text, not its markup: an
//! `_emphasis_` underscore or a link's URL would otherwise become searchable
//! terms and clutter every snippet. This is not a Markdown renderer; it removes
//! the syntax archive transcriptions actually use (headings, list bullets,
//! quotes, emphasis, links, backslash escapes, code spans, footnote references)
//! and leaves every other character alone, so a stray `*` in "5 * 3" stays.

/// Plain text of one Markdown paragraph (which may span several lines).
pub(crate) fn plain_text(block: &str) -> String {
    let lines: Vec<&str> = block.lines().map(strip_line_syntax).collect();
    inline(&lines.join("\n"))
}

/// Whether a line opens a heading ("## Agenda").
pub(crate) fn is_heading(line: &str) -> bool {
    heading_text(line).is_some()
}

/// Whether a line is a bullet item ("- item", "* item", "+ item").
pub(crate) fn is_bullet(line: &str) -> bool {
    let line = line.trim_start();
    ["- ", "* ", "+ "].iter().any(|b| line.starts_with(b)) && line.len() > 2
}

fn heading_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &trimmed[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// Removes what marks up a whole line: heading hashes, quote marks, bullets.
fn strip_line_syntax(line: &str) -> &str {
    if let Some(text) = heading_text(line) {
        return text;
    }
    let mut line = line.trim_start();
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    if is_bullet(line) {
        line = line[2..].trim_start();
    }
    line
}

/// Removes inline syntax: escapes, code spans, emphasis, links, images,
/// footnote references and autolinks.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => i += 1,
            '*' | '_' => {
                let run = chars[i..].iter().take_while(|&&d| d == c).count();
                if !is_delimiter(&chars, i, run, c) {
                    out.extend(&chars[i..i + run]);
                }
                i += run;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link(&chars, i + 1) {
                Some((text, end)) => {
                    out.push_str(&inline(&text));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => {
                if let Some(end) = footnote_reference(&chars, i) {
                    i = end;
                } else if let Some((text, end)) = link(&chars, i) {
                    out.push_str(&inline(&text));
                    i = end;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            '<' => match autolink(&chars, i) {
                Some((url, end)) => {
                    out.push_str(&url);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Whether a run of `*` or `_` opens or closes emphasis rather than being a
/// character of the text: it must touch a word on one side and not on the
/// other (CommonMark's flanking rule, simplified); `_` inside a word
/// (`snake_case`) is text.
fn is_delimiter(chars: &[char], at: usize, run: usize, c: char) -> bool {
    let before = at.checked_sub(1).map(|b| chars[b]);
    let after = chars.get(at + run).copied();
    let space_before = before.is_none_or(char::is_whitespace);
    let space_after = after.is_none_or(char::is_whitespace);
    if space_before && space_after {
        return false;
    }
    let word_before = before.is_some_and(char::is_alphanumeric);
    let word_after = after.is_some_and(char::is_alphanumeric);
    !(c == '_' && word_before && word_after)
}

/// `[text](url)` starting at `open`: the text and the index after `)`. A
/// parenthesis that holds no URL ("Paragraph [2](f)") is not a link.
fn link(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = open + chars[open..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let url_end = close + 1 + chars[close + 1..].iter().position(|&c| c == ')')?;
    let url: String = chars[close + 2..url_end].iter().collect();
    let looks_like_url = !url.is_empty()
        && !url.contains(char::is_whitespace)
        && (url.contains([':', '/', '.']) || url.starts_with('#'));
    if !looks_like_url || chars[open + 1..close].contains(&'[') {
        return None;
    }
    Some((chars[open + 1..close].iter().collect(), url_end + 1))
}

/// `[^1]`: the index after it.
fn footnote_reference(chars: &[char], open: usize) -> Option<usize> {
    if chars.get(open + 1) != Some(&'^') {
        return None;
    }
    let close = open + chars[open..].iter().take(32).position(|&c| c == ']')?;
    (close > open + 2).then_some(close + 1)
}

/// `<https://…>`: the URL and the index after `>`.
fn autolink(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = open + chars[open..].iter().position(|&c| c == '>')?;
    let url: String = chars[open + 1..close].iter().collect();
    let is_url = (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:"))
        && !url.contains(char::is_whitespace);
    is_url.then_some((url, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_and_escapes_are_removed() {
        assert_eq!(plain_text("_[AA : A981, CHINA 116]_"), "[AA : A981, CHINA 116]");
        assert_eq!(plain_text("2\\. You will **recall** *this*"), "2. You will recall this");
        assert_eq!(plain_text(" _advantages in agricultural"), "advantages in agricultural");
        assert_eq!(plain_text("__init__ is not snake_case"), "init is not snake_case");
    }

    #[test]
    fn lone_stars_and_inner_underscores_stay() {
        assert_eq!(plain_text("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(plain_text("naa_control_symbol"), "naa_control_symbol");
    }

    #[test]
    fn headings_bullets_and_quotes_lose_their_marks() {
        assert_eq!(plain_text("## REFORM OF THE COVENANT ##"), "REFORM OF THE COVENANT");
        assert_eq!(plain_text("- first item"), "first item");
        assert_eq!(plain_text("> quoted\n> more"), "quoted\nmore");
        assert_eq!(plain_text("#hashtag"), "#hashtag");
        assert!(is_heading("### I. GENERAL") && !is_heading("#5"));
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(plain_text("see [the note](https://example.org/n) and ![map](map.png)"), "see the note and map");
        assert_eq!(plain_text("Paragraph [2](f) read"), "Paragraph [2](f) read");
        assert_eq!(
            plain_text("<https://example.org> text[^1] [matter omitted]"),
            "https://example.org text [matter omitted]"
        );
    }
}
