//! The page's scripts and style sheet as sites serve them: without their
//! comment lines, blank lines and indentation.
//!
//! Why: the comments in `www/` explain the code to whoever maintains it, and
//! every visitor of every site downloaded them, about 5 KB brotli of the
//! full page's first visit. Why not a minifier: the offline page is
//! assembled from these files line by line (`src/site/mod.rs` drops the
//! `import` and `export` lines of each module), and the tool must build with
//! nothing but cargo. So the rules keep every line of code as a line:
//! - a line that is only a `//` comment, only a `/* … */` comment (or part of
//!   one that spans lines), or blank is dropped;
//! - every other line loses its indentation and trailing spaces;
//! - lines inside a template literal that spans lines are kept as they are,
//!   since their spaces are part of a string. A backtick that opens one is
//!   told from one that closes it by counting the backticks of each line of
//!   code; a file that ends inside a template literal, or inside a comment,
//!   is refused, so a miscount cannot pass unnoticed.

/// `text` (JavaScript or CSS) without comment lines, blank lines and
/// indentation, or why it cannot be read by these rules.
pub fn compact(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut in_template = false;
    let mut in_comment = false;
    for (number, line) in text.lines().enumerate() {
        if in_template {
            out.push_str(line);
            out.push('\n');
            in_template ^= backticks(line) % 2 == 1;
            continue;
        }
        let code = line.trim();
        if in_comment {
            match code.find("*/") {
                Some(end) if code[end + 2..].trim().is_empty() => in_comment = false,
                Some(_) => return Err(format!("line {}: code follows the end of a comment", number + 1)),
                None => {}
            }
            continue;
        }
        if code.is_empty() || code.starts_with("//") {
            continue;
        }
        if let Some(comment) = code.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) if comment[end + 2..].trim().is_empty() => continue,
                Some(_) => {}
                None => {
                    in_comment = true;
                    continue;
                }
            }
        }
        out.push_str(code);
        out.push('\n');
        in_template = backticks(code) % 2 == 1;
    }
    if in_template {
        return Err("the text ends inside a template literal".into());
    }
    if in_comment {
        return Err("the text ends inside a comment".into());
    }
    Ok(out)
}

/// The backticks of `line` that are not escaped.
fn backticks(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '`' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count
}
