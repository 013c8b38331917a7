//! Sorting the engine's short lists (entities, facets, network pairs) with one instance of
//! the standard sort.
//!
//! Every `sort_unstable_by` with its own closure is a fresh copy of the standard library's
//! sort, about 3.8 KB of wasm each; the runtime had 38 of them, 96 KB of its code. [`sort_by`]
//! sorts the positions `0..len` with the comparator behind a `dyn` (one copy of the sort for
//! every caller) and then moves the elements into that order (a few hundred bytes per element
//! type). Comparisons cost an indirect call, so the hot sorts over every hit (ranking, sort by
//! date) keep `sort_unstable_by`; this is for lists of names and counts.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, like `v.sort_unstable_by(cmp)` (equal elements in no promised order).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = positions_by(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// The positions `0..len`, sorted by `cmp` over positions: the one copy of the sort.
fn positions_by(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b));
    order
}

/// Puts `v[order[k]]` at `k` for every `k`, following each cycle of the permutation with
/// swaps (`order` is a permutation of `0..v.len()`; it is used up as the visited marks).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort() {
        let mut words = vec!["d", "a", "c", "b", "a", "e"];
        sort_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["a", "a", "b", "c", "d", "e"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_list_comes_out_as_the_standard_sort_puts_it(
            list in proptest::collection::vec((0u8..8, proptest::prelude::any::<u16>()), 0..200)
        ) {
            // A total order on the whole element, so that the result is unique.
            let mut ours = list.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut theirs = list;
            theirs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
