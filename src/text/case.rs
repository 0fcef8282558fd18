//! Lower and upper case, exactly as the standard library's `to_lowercase`
//! and `to_uppercase`, from compact tables.
//!
//! Why not the standard library's own: its conversion tables and the code of
//! `str::to_lowercase` were about 8 KB of the search module's brotli bytes,
//! and every visitor downloads the module before the first result. The
//! tables here are generated at build time from those same mappings
//! (`build/case_tables.rs`), as runs of characters that move by one offset,
//! so they cannot disagree; the tests compare every Unicode scalar value.

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// Appends `c` in lower case (as `char::to_lowercase`).
pub fn push_lower(c: char, out: &mut String) {
    push_mapped(c, &LOWER_RUNS, &LOWER_SPECIAL, out);
}

/// Appends `c` in upper case (as `char::to_uppercase`).
pub fn push_upper(c: char, out: &mut String) {
    push_mapped(c, &UPPER_RUNS, &UPPER_SPECIAL, out);
}

/// `text` in lower case, as `str::to_lowercase`: character by character,
/// but for Greek capital sigma, which is final `ς` at the end of a word and
/// `σ` elsewhere (Unicode's Final_Sigma condition).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == 'Σ' {
            let is_final = cased_after_ignorable(text[..i].chars().rev())
                && !cased_after_ignorable(text[i + 'Σ'.len_utf8()..].chars());
            out.push(if is_final { 'ς' } else { 'σ' });
        } else {
            push_lower(c, &mut out);
        }
    }
    out
}

/// Whether the first character of `chars` that is not case-ignorable is cased.
fn cased_after_ignorable(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !in_ranges(&CASE_IGNORABLE, c)).is_some_and(|c| in_ranges(&CASED, c))
}

fn push_mapped(c: char, runs: &[(u32, u16, u8, i32)], special: &[(u32, &str)], out: &mut String) {
    let code = c as u32;
    let at = runs.partition_point(|run| run.0 <= code);
    if let Some(&(first, count, stride, delta)) = at.checked_sub(1).map(|k| &runs[k]) {
        let offset = code - first;
        let stride = u32::from(stride);
        if offset.is_multiple_of(stride) && offset / stride < u32::from(count) {
            out.push(char::from_u32(code.wrapping_add_signed(delta)).expect("generated from char mappings"));
            return;
        }
    }
    match special.binary_search_by_key(&code, |s| s.0) {
        Ok(k) => out.push_str(special[k].1),
        Err(_) => out.push(c),
    }
}

/// Whether `c` lies in one of `ranges`, LEB128 pairs (gap since the previous
/// range's end, length) as `build/case_tables.rs` writes them.
fn in_ranges(ranges: &[u8], c: char) -> bool {
    let code = c as u32;
    let mut bytes = ranges.iter();
    let mut next = || {
        let (mut value, mut shift) = (0u32, 0);
        for &byte in bytes.by_ref() {
            value |= u32::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
        None
    };
    let mut end = 0;
    while let (Some(gap), Some(length)) = (next(), next()) {
        let first = end + gap;
        if code < first {
            return false;
        }
        end = first + length;
        if code < end {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tests::scalar_values;

    #[test]
    fn every_character_maps_as_the_standard_library_maps_it() {
        for c in scalar_values() {
            let (mut lower, mut upper) = (String::new(), String::new());
            push_lower(c, &mut lower);
            push_upper(c, &mut upper);
            assert_eq!(lower, c.to_lowercase().collect::<String>(), "lower case of U+{:04X}", c as u32);
            assert_eq!(upper, c.to_uppercase().collect::<String>(), "upper case of U+{:04X}", c as u32);
        }
    }

    #[test]
    fn sigma_is_final_in_the_contexts_the_standard_library_finds() {
        // Every character before and after a sigma, beside a cased and an
        // uncased neighbour: the whole of the Final_Sigma condition.
        for x in scalar_values() {
            for text in [format!("A{x}Σ"), format!("1{x}Σ"), format!("AΣ{x}"), format!("AΣ{x}A"), format!("AΣ{x}1")]
            {
                assert_eq!(lowercase(&text), text.to_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn words_lower_case_as_the_standard_library() {
        for text in
            ["ΟΔΥΣΣΕΥΣ", "Σ", "ΑΣ.", "ΑΣ'Α", "İstanbul", "STRASSE", "Ǆemal", "ΌΣΟΣ ΕΊΝΑΙ", "Vyshinsky", "ДОГОВОР", ""]
        {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
        assert_eq!(lowercase("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
    }
}
