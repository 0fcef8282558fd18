//! Document orders: by score, by date either way.
//!
//! Each order packs a document's sort key and number into one `u64`, so
//! every document order is the same [`crate::sort_once::u64s`] (one copy of
//! the sort in the browser module, see [`crate::sort_once`]). The orders are
//! exactly those of the comparisons they replace: the keys are unique (they
//! end with the document number).

pub(crate) use crate::sort_once::stable_by;

/// Sorts `docs` by `scores[doc]` highest first (`f32::total_cmp`), ties by
/// document number: the ranking order. O(n log n), one `u64` per document.
pub(crate) fn by_score(docs: &mut [u32], scores: &[f32]) {
    by_key(docs, |doc| !ascending_bits(scores[doc as usize]));
}

/// Sorts `docs` by first day, earliest first, undated documents (day 0) last,
/// ties by document number.
pub(crate) fn by_day_ascending(docs: &mut [u32], day: impl Fn(u32) -> u32) {
    // Day 0 wraps to u32::MAX, after every real day; the others keep their order.
    by_key(docs, |doc| day(doc).wrapping_sub(1));
}

/// Sorts `docs` by first day, latest first, undated documents (day 0) last,
/// ties by document number.
pub(crate) fn by_day_descending(docs: &mut [u32], day: impl Fn(u32) -> u32) {
    by_key(docs, |doc| match day(doc) {
        0 => u32::MAX,
        d => u32::MAX - d,
    });
}

/// Sorts `docs` by `(key(doc), doc)`.
fn by_key(docs: &mut [u32], key: impl Fn(u32) -> u32) {
    let mut keyed: Vec<u64> = docs.iter().map(|&doc| (u64::from(key(doc)) << 32) | u64::from(doc)).collect();
    crate::sort_once::u64s(&mut keyed);
    for (doc, k) in docs.iter_mut().zip(keyed) {
        *doc = k as u32;
    }
}

/// The bits of `x` as a `u32` whose order is `f32::total_cmp`'s.
fn ascending_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    // Negative numbers: every bit flipped (larger magnitude first); positive: the sign bit set.
    if bits >> 31 == 1 { !bits } else { bits | 1 << 31 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_score_matches_the_comparison_it_replaces() {
        let scores =
            [0.5, -1.0, f32::INFINITY, 0.0, -0.0, 0.5, f32::NAN, -f32::NAN, 1e-40, -3.5, f32::NEG_INFINITY, 2.0];
        let mut expected: Vec<u32> = (0..scores.len() as u32).rev().collect();
        expected.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b)));
        let mut docs: Vec<u32> = (0..scores.len() as u32).rev().collect();
        by_score(&mut docs, &scores);
        assert_eq!(docs, expected);
        assert_eq!(docs[..3], [6, 2, 11]);
    }

    #[test]
    fn days_sort_undated_last_both_ways() {
        let days = [5, 0, 3, u32::MAX, 5, 1, 0];
        let day = |d: u32| days[d as usize];
        let mut ascending: Vec<u32> = (0..days.len() as u32).rev().collect();
        by_day_ascending(&mut ascending, day);
        assert_eq!(ascending, [5, 2, 0, 4, 3, 1, 6]);
        let mut descending: Vec<u32> = (0..days.len() as u32).rev().collect();
        by_day_descending(&mut descending, day);
        assert_eq!(descending, [3, 0, 4, 2, 5, 1, 6]);
    }
}
