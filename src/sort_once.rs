//! Sorting, written so that the browser module carries each sort routine once.
//!
//! Every `sort`, `sort_by` or `sort_by_key` call with its own element type or
//! closure is a new copy of the standard library's sort: 3–8 KB of
//! WebAssembly each, and the search module had over a dozen (about 56 KB of
//! its 570 KB). Every layer sorts through here instead: numbers through one
//! `u32` and one `u64` sort, anything else (short lists: packs, languages,
//! facet values, highlight ranges) through one stable sort of positions with
//! the comparison behind a `dyn`. The orders are exactly the standard ones.

use std::cmp::Ordering;

/// Sorts `values` ascending.
#[inline(never)]
pub fn u32s(values: &mut [u32]) {
    values.sort_unstable();
}

/// Sorts `values` ascending.
#[inline(never)]
pub fn u64s(values: &mut [u64]) {
    values.sort_unstable();
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

/// `0..len` sorted stably by `compare` of positions.
#[inline(never)]
pub fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..len as u32).collect();
    positions.sort_by(|&a, &b| compare(a as usize, b as usize));
    positions
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn sorted_positions_are_a_stable_argsort() {
        let keys = [3, 1, 3, 0, 1];
        assert_eq!(sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b])), [3, 1, 4, 0, 2]);
    }
}
