//! The vocabulary of one locale: TERMS (surface words and stems in one
//! `fst` map) and the few odd stems of STEMS, behind look-ups that keep
//! words and stems apart.

use crate::format::TermValue;
use fst::{Automaton, IntoStreamer, Streamer};

/// Words and stems of one locale, read in place.
#[derive(Debug, Clone)]
pub struct Vocab<'a> {
    map: fst::Map<&'a [u8]>,
    odd_stems: fst::Map<&'a [u8]>,
}

impl<'a> Vocab<'a> {
    pub fn new(map: fst::Map<&'a [u8]>, odd_stems: fst::Map<&'a [u8]>) -> Self {
        Self { map, odd_stems }
    }

    /// The postings offset of a folded surface word of the index.
    pub fn get(&self, word: impl AsRef<[u8]>) -> Option<u64> {
        self.map.get(word).and_then(TermValue::word_offset)
    }

    /// Whether `word` is a surface word of the index.
    pub fn contains_key(&self, word: impl AsRef<[u8]>) -> bool {
        self.get(word).is_some()
    }

    /// The postings offset of a stem.
    pub fn stem(&self, stem: &str) -> Option<u64> {
        self.odd_stems.get(stem).or_else(|| {
            let v = TermValue::decode(self.map.get(stem)?);
            v.stem.then_some(v.offset)
        })
    }

    /// The `k` surface words longer than `prefix` that begin with it and
    /// rank first by `rank` (lowest first; ties in key order), with their
    /// postings offsets, among the first `max_scan` such words in key order.
    /// Only words that make the list are copied out of the stream.
    pub fn best_completions<R: Ord>(
        &self,
        prefix: &str,
        max_scan: usize,
        k: usize,
        mut rank: impl FnMut(&[u8], u64) -> R,
    ) -> Vec<(String, u64)> {
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut stream = self.map.search(automaton).into_stream();
        let mut top: Vec<(R, String, u64)> = Vec::with_capacity(k + 1);
        let mut scanned = 0;
        while let Some((key, value)) = stream.next() {
            if scanned >= max_scan {
                break;
            }
            let Some(offset) = TermValue::word_offset(value) else {
                continue;
            };
            if key.len() <= prefix.len() {
                continue;
            }
            scanned += 1;
            let r = rank(key, offset);
            if top.len() == k && top.last().is_none_or(|last| r >= last.0) {
                continue;
            }
            let at = top.partition_point(|x| x.0 <= r);
            top.insert(at, (r, String::from_utf8_lossy(key).into_owned(), offset));
            top.truncate(k);
        }
        top.into_iter().map(|(_, w, o)| (w, o)).collect()
    }

    /// Calls `f` with each surface word `automaton` accepts, its postings
    /// offset and the automaton's state, in key order, until `f` says stop.
    /// Keys that are only stems are skipped.
    pub fn walk_words<A>(&self, automaton: A, mut f: impl FnMut(&[u8], u64, A::State) -> bool)
    where
        A: Automaton,
        A::State: Clone,
    {
        let mut stream = self.map.search_with_state(automaton).into_stream();
        while let Some((key, value, state)) = stream.next() {
            if let Some(offset) = TermValue::word_offset(value) {
                if !f(key, offset, state) {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vocabulary of `words` with their offsets; words beginning with
    /// "stem" are only stems.
    fn vocab(words: &[(&str, u64)]) -> Vec<u8> {
        let mut b = fst::MapBuilder::memory();
        let mut sorted = words.to_vec();
        sorted.sort();
        for (w, offset) in sorted {
            let stem = w.starts_with("stem");
            let v = TermValue {
                offset,
                word: !stem,
                stem,
            };
            b.insert(w, v.encode()).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn open(map: &[u8]) -> Vocab<'_> {
        Vocab::new(fst::Map::new(map).unwrap(), empty_map())
    }

    fn empty_map() -> fst::Map<&'static [u8]> {
        static EMPTY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let bytes = EMPTY.get_or_init(|| fst::MapBuilder::memory().into_inner().unwrap());
        fst::Map::new(bytes.as_slice()).unwrap()
    }

    #[test]
    fn best_completions_rank_by_the_callers_order_and_break_ties_by_key() {
        let map = vocab(&[
            ("ab", 1),
            ("abc", 2),
            ("abd", 3),
            ("abcdef", 4),
            ("abx", 5),
            ("b", 6),
        ]);
        let v = open(&map);
        let shortest = v.best_completions("ab", 100, 2, |key, _| key.len());
        assert_eq!(shortest, [("abc".to_string(), 2), ("abd".to_string(), 3)]);
        let longest = v.best_completions("ab", 100, 2, |key, _| std::cmp::Reverse(key.len()));
        assert_eq!(longest[0], ("abcdef".to_string(), 4));
        // Only the first two words after the prefix itself are read.
        let scanned = v.best_completions("ab", 2, 5, |_, o| std::cmp::Reverse(o));
        assert_eq!(scanned, [("abcdef".to_string(), 4), ("abc".to_string(), 2)]);
        assert!(v
            .best_completions("ab", 100, 0, |key, _| key.len())
            .is_empty());
    }

    #[test]
    fn keys_that_are_only_stems_are_no_completions() {
        let map = vocab(&[("stema", 1), ("stemb", 2), ("stemmed", 3)]);
        assert!(open(&map)
            .best_completions("stem", 10, 10, |key, _| key.len())
            .is_empty());
    }
}
