//! Stage 5, select: the best few scored entries, in order, without
//! sorting all of them.

/// The `k` first of `items` in the total order `cmp`, in that order. Most
/// items cost one comparison, with the k-th so far; only better ones are
/// inserted. (Selecting among thousands of matches for a handful of hits.)
pub(crate) fn best_k<T>(
    items: impl Iterator<Item = T>,
    k: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut top: Vec<T> = Vec::with_capacity(k + 1);
    for item in items {
        if top.len() == k && top.last().is_none_or(|last| cmp(&item, last).is_ge()) {
            continue;
        }
        let at = top.partition_point(|x| cmp(x, &item).is_lt());
        top.insert(at, item);
        top.truncate(k);
    }
    top
}

/// Sorts `items` (a handful: re-ranked hits, a query's words) in the
/// order `cmp`, stably, by insertion. The engine's one sort: std's sort is
/// several kilobytes of Wasm per element type, this is a loop.
pub(crate) fn sort_small<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && cmp(&items[j - 1], &items[j]).is_gt() {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_small_sort_is_a_stable_sort() {
        let mut x = 11u32;
        let items: Vec<(u32, u32)> = (0..200)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 24) % 7, i)
            })
            .collect();
        let mut ours = items.clone();
        sort_small(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std_sorted = items;
        std_sorted.sort_by_key(|a| a.0);
        assert_eq!(ours, std_sorted);
    }

    #[test]
    fn the_best_k_are_the_first_k_of_a_full_sort() {
        let mut x = 7u32;
        let items: Vec<(u32, u32)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 24, i)
            })
            .collect();
        let cmp = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        for k in [0, 1, 30, 499, 500, 600] {
            let mut sorted = items.clone();
            sorted.sort_by(cmp);
            sorted.truncate(k);
            assert_eq!(best_k(items.iter().copied(), k, cmp), sorted, "k = {k}");
        }
    }
}
