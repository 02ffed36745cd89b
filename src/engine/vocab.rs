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

    /// Surface words longer than `prefix` that begin with it, with their
    /// postings offsets, in key order; keys are read until `max` are found.
    pub fn completions(&self, prefix: &str, max: usize) -> Vec<(String, u64)> {
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut stream = self.map.search(automaton).into_stream();
        let mut found = Vec::new();
        while let Some((key, value)) = stream.next() {
            if found.len() >= max {
                break;
            }
            let Some(offset) = TermValue::word_offset(value) else {
                continue;
            };
            if key.len() > prefix.len() {
                found.push((String::from_utf8_lossy(key).into_owned(), offset));
            }
        }
        found
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
