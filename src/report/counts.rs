//! Counting keys in bounded memory, for logs of any size.
//!
//! Lossy counting: the table grows to twice its capacity, then keeps its
//! `capacity` largest counts and drops the rest. A key that is frequent
//! overall keeps (nearly) its true count; only rare keys are dropped, and
//! the table says when that happened, so a report can call its top list
//! approximate instead of exact.

use std::collections::HashMap;

/// Per-key values `V` (a count, or yes/no tallies) with a weight to rank by.
#[derive(Debug, Clone)]
pub struct Bounded<V> {
    map: HashMap<String, V>,
    capacity: usize,
    pruned: bool,
}

/// A value a [`Bounded`] table can rank and drop by.
pub trait Weight {
    fn weight(&self) -> u64;
}

impl Weight for u64 {
    fn weight(&self) -> u64 {
        *self
    }
}

impl<V: Default + Weight> Bounded<V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            map: HashMap::new(),
            capacity: capacity.max(1),
            pruned: false,
        }
    }

    /// The value of `key`, created at its default if new.
    pub fn entry(&mut self, key: &str) -> &mut V {
        if !self.map.contains_key(key) && self.map.len() >= 2 * self.capacity {
            self.prune();
        }
        // Look up before allocating: most keys repeat.
        if !self.map.contains_key(key) {
            self.map.insert(key.to_string(), V::default());
        }
        self.map.get_mut(key).expect("inserted above")
    }

    /// Keeps at most the `capacity` heaviest keys: those strictly heavier
    /// than the key at the cut (ties at the cut go, so memory stays bounded).
    fn prune(&mut self) {
        let mut weights: Vec<u64> = self.map.values().map(Weight::weight).collect();
        let cut_at = weights.len() - self.capacity;
        let (_, &mut cut, _) = weights.select_nth_unstable(cut_at);
        self.map.retain(|_, v| v.weight() > cut);
        self.pruned = true;
    }

    /// Whether rare keys were dropped along the way.
    pub fn is_approximate(&self) -> bool {
        self.pruned
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    /// Every key and value, heaviest first, ties by key.
    pub fn ranked(&self) -> Vec<(&str, &V)> {
        let mut all: Vec<(&str, &V)> = self.map.iter().map(|(k, v)| (k.as_str(), v)).collect();
        all.sort_by(|a, b| b.1.weight().cmp(&a.1.weight()).then(a.0.cmp(b.0)));
        all
    }

    /// Adds every key of `other` into this table.
    pub fn merge(&mut self, other: &Self, add: impl Fn(&mut V, &V)) {
        for (k, v) in &other.map {
            add(self.entry(k), v);
        }
        self.pruned |= other.pruned;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_tables_count_exactly() {
        let mut t: Bounded<u64> = Bounded::new(10);
        for k in ["a", "b", "a", "c", "a", "b"] {
            *t.entry(k) += 1;
        }
        assert_eq!(t.ranked(), [("a", &3), ("b", &2), ("c", &1)]);
        assert!(!t.is_approximate());
    }

    #[test]
    fn frequent_keys_survive_a_flood_of_rare_ones_in_bounded_memory() {
        let mut t: Bounded<u64> = Bounded::new(100);
        for i in 0..100_000u64 {
            *t.entry(&format!("rare {i}")) += 1;
            if i % 10 == 0 {
                *t.entry("frequent") += 1;
            }
            assert!(t.len() <= 200);
        }
        assert_eq!(t.ranked()[0], ("frequent", &10_000));
        assert!(t.is_approximate());
    }
}
