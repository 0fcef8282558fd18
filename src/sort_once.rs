//! Sorting, written so that the browser module carries little sorting code.
//!
//! Every `sort`, `sort_by` or `sort_by_key` call with its own element type or
//! closure is a new copy of the standard library's sort: 3–8 KB of
//! WebAssembly each, and the search module had over a dozen (about 56 KB of
//! its 570 KB). Every layer sorts through here instead: numbers through one
//! radix sort (one copy each for `u32` and `u64`), anything else (short
//! lists: packs, languages, facet values, highlight ranges) through one
//! stable merge sort of positions with the comparison behind a `dyn`. The
//! orders are exactly the standard ones.
//!
//! Why not the standard library's sorts even once: its pattern-defeating
//! quicksort and driftsort, with their small-sort networks, were three
//! copies and about 15 KB of the module (5 KB brotli) for lists a radix
//! sort and a merge sort of a few dozen lines order as fast: the numbers
//! sorted are document numbers and score keys, thousands at a time, where
//! four or eight counting passes (fewer when a byte is the same in every
//! key) are linear.

use std::cmp::Ordering;

/// Lists this short are sorted by insertion: fewer steps than counting.
const INSERTION_SORT_MAX: usize = 32;

/// Sorts `values` ascending.
#[inline(never)]
pub fn u32s(values: &mut [u32]) {
    radix_sort(values, u32::BITS / 8, u64::from);
}

/// Sorts `values` ascending.
#[inline(never)]
pub fn u64s(values: &mut [u64]) {
    radix_sort(values, u64::BITS / 8, |v| v);
}

/// Least significant byte first: one counting pass per byte of the key,
/// skipped when every key has the same byte there.
fn radix_sort<T: Copy>(values: &mut [T], bytes: u32, key: impl Fn(T) -> u64) {
    if values.len() <= INSERTION_SORT_MAX {
        for i in 1..values.len() {
            let mut j = i;
            while j > 0 && key(values[j - 1]) > key(values[j]) {
                values.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut from = values.to_vec();
    let mut to = from.clone();
    for byte in 0..bytes {
        let digit = |v: T| (key(v) >> (byte * 8)) as usize & 0xFF;
        let mut starts = [0usize; 256];
        for &v in &from {
            starts[digit(v)] += 1;
        }
        if starts.contains(&from.len()) {
            continue;
        }
        let mut total = 0;
        for start in &mut starts {
            (*start, total) = (total, total + *start);
        }
        for &v in &from {
            let slot = &mut starts[digit(v)];
            to[*slot] = v;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    values.copy_from_slice(&from);
}

/// Sorts `items` by `compare`, keeping equal items in their order (as
/// `slice::sort_by`). For short lists: the sort itself is shared by every
/// caller, at the price of a dynamic call per comparison and one `u32` per
/// item.
pub fn stable_by<T>(items: &mut Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) {
    let positions = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(positions.into_iter().filter_map(|i| slots[i as usize].take()));
}

/// `0..len` sorted stably by `compare` of positions: a bottom-up merge
/// sort, runs of 1, 2, 4… merged, the left one's items first among equals.
#[inline(never)]
pub fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..len as u32).collect();
    let mut merged = positions.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                let take_right = left == middle
                    || (right < end && compare(positions[right] as usize, positions[left] as usize) == Ordering::Less);
                if take_right {
                    *slot = positions[right];
                    right += 1;
                } else {
                    *slot = positions[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut positions, &mut merged);
        width *= 2;
    }
    positions
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn numbers_sort_ascending() {
        let mut small = vec![5, 0, u32::MAX, 3, 3, 1];
        u32s(&mut small);
        assert_eq!(small, [0, 1, 3, 3, 5, u32::MAX]);
        let mut large = vec![1 << 40, 7, u64::MAX, 0];
        u64s(&mut large);
        assert_eq!(large, [0, 7, 1 << 40, u64::MAX]);
    }

    #[test]
    fn stable_by_keeps_equal_items_in_order() {
        let mut items = vec![(2, "a"), (1, "b"), (2, "c"), (0, "d"), (1, "e")];
        stable_by(&mut items, &|a, b| b.0.cmp(&a.0));
        assert_eq!(items, [(2, "a"), (2, "c"), (1, "b"), (1, "e"), (0, "d")]);
        let mut empty: Vec<u8> = Vec::new();
        stable_by(&mut empty, &|a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    /// Numbers of `bits` bits from a small linear congruential generator,
    /// for test data no file holds (the inflate tests take bytes from it too).
    pub(crate) fn noise(seed: u64, len: usize, bits: u32) -> Vec<u64> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                state >> (64 - bits)
            })
            .collect()
    }

    #[test]
    fn numbers_sort_as_the_standard_sort_does_at_every_length() {
        for len in [0, 1, 2, 31, 32, 33, 100, 1000, 70_000] {
            for bits in [1, 8, 17, 32, 64] {
                let mut large = noise(len as u64 + u64::from(bits), len, bits);
                let mut expected = large.clone();
                expected.sort_unstable();
                u64s(&mut large);
                assert_eq!(large, expected, "{len} u64s of {bits} bits");
                let mut small: Vec<u32> = large.iter().map(|&v| (v >> 32 ^ v) as u32).rev().collect();
                let mut expected = small.clone();
                expected.sort_unstable();
                u32s(&mut small);
                assert_eq!(small, expected, "{len} u32s of {bits} bits");
            }
        }
    }

    #[test]
    fn stable_by_sorts_as_the_standard_stable_sort_does() {
        for len in [0, 1, 2, 3, 7, 8, 9, 100, 1025] {
            let keys = noise(len as u64, len, 3);
            let mut items: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            stable_by(&mut items, &|a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "{len} items");
        }
    }

    #[test]
    fn sorted_positions_are_a_stable_argsort() {
        let keys = [3, 1, 3, 0, 1];
        assert_eq!(sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b])), [3, 1, 4, 0, 2]);
    }
}
