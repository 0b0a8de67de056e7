//! One compiled sort for the whole app. Every `sort_by_key` on a new element type copies
//! std's sort into the wasm (22 copies once weighed 81 KB); these sort a list of positions
//! with one comparator behind a `&dyn`, then move the items into place, so std's sort is
//! compiled once. Stable, like `slice::sort_by_key`. Not for hot loops: the forecast keeps
//! std's `sort_unstable`.

use std::cmp::Ordering;

#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the item at `order[i]` at position `i`, following each cycle of the permutation.
#[inline(never)]
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut i = start;
        while !done[i] {
            done[i] = true;
            let j = order[i];
            if j == start {
                break;
            }
            swap(i, j);
            i = j;
        }
    }
}

/// As `items.sort_by_key(key)`: stable, by an owned key.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    permute(&order, &mut |a, b| items.swap(a, b));
}

/// As `items.sort_by(compare)`: stable.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(&order, &mut |a, b| items.swap(a, b));
}

/// As `items.sort()`: stable.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        #[test]
        fn sorts_exactly_as_std_stable_sort(v in proptest::collection::vec((0u8..6, any::<u32>()), 0..80)) {
            let (mut a, mut b) = (v.clone(), v.clone());
            a.sort_by_key(|x| x.0);
            super::sort_by_key(&mut b, |x| x.0);
            prop_assert_eq!(&a, &b);
            let (mut c, mut d) = (v.clone(), v);
            super::sort(&mut c);
            d.sort();
            prop_assert_eq!(c, d);
        }
    }
}
