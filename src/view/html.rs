//! Document text as HTML: escaped always, with a query's matches marked.
//!
//! Every byte of document text that reaches HTML passes through [`escape`],
//! so this is the one place that decides what is safe to show.

use std::ops::Range;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Whether `text` holds a letter of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko and their presentation forms and supplements):
/// such a passage is isolated so it does not reorder the page around it.
pub fn has_right_to_left(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// Writes `text` escaped, wrapping each range in a mark produced by `open`
/// (which receives the running match number) and `</mark>`.
pub fn write_marked(text: &str, ranges: &[Range<usize>], out: &mut String, mut open: impl FnMut(&mut String)) {
    let mut at = 0;
    for range in ranges {
        let (start, end) = (range.start.max(at).min(text.len()), range.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        escape(&text[at..start], out);
        open(out);
        escape(&text[start..end], out);
        out.push_str("</mark>");
        at = end;
    }
    escape(&text[at..], out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::highlights::Highlights;

    fn marked(h: &Highlights, text: &str) -> String {
        let (ranges, _) = h.find(text);
        let mut out = String::new();
        write_marked(text, &ranges, &mut out, |o| o.push_str("<mark>"));
        out
    }

    #[test]
    fn text_is_escaped_inside_and_outside_marks() {
        let h = Highlights { stems: ["script".to_string()].into(), phrases: Vec::new() };
        assert_eq!(
            marked(&h, "<script>alert('x')</script> & \"q\""),
            "&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; &amp; &quot;q&quot;"
        );
    }
}
