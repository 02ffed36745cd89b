//! Stage 5, select: the best few scored entries, in order, without
//! sorting all of them.

/// The `k` first of what `make` makes of `sources`, in the total order
/// `cmp`, in that order. Most items cost one comparison, with the k-th so
/// far; only better ones are inserted. (Selecting among thousands of
/// matches for a handful of hits.) `make` may turn a source away unmade
/// when it can tell that it would not be among the best: it gets the k-th
/// so far once there are `k`. (Scoring every match in full cost more than
/// finding them, in a large knowledge base.)
pub(crate) fn best_k_pruned<S, T>(
    sources: impl Iterator<Item = S>,
    k: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
    mut make: impl FnMut(S, Option<&T>) -> Option<T>,
) -> Vec<T> {
    let mut top: Vec<T> = Vec::with_capacity(k + 1);
    for source in sources {
        let last = if top.len() == k { top.last() } else { None };
        let Some(item) = make(source, last) else {
            continue;
        };
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

    /// The `k` first of `items`, nothing turned away.
    fn best_k<T>(
        items: impl Iterator<Item = T>,
        k: usize,
        cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
    ) -> Vec<T> {
        best_k_pruned(items, k, cmp, |item, _| Some(item))
    }

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
    fn the_pruned_best_k_are_the_best_k_of_what_it_did_not_turn_away() {
        let mut x = 3u32;
        let items: Vec<u32> = (0..500)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                x >> 20
            })
            .collect();
        let cmp = |a: &u32, b: &u32| b.cmp(a);
        for k in [0, 1, 30, 500] {
            let mut asked = 0;
            let pruned = best_k_pruned(items.iter().copied(), k, cmp, |v, last| {
                asked += usize::from(last.is_some());
                // Turned away only what cannot beat the k-th.
                last.is_none_or(|&l| v > l).then_some(v)
            });
            assert_eq!(pruned, best_k(items.iter().copied(), k, cmp), "k = {k}");
            assert_eq!(asked > 0, k > 0 && k < items.len(), "k = {k}");
        }
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
