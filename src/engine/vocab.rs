//! The vocabulary of one locale: TERMS (surface words and stems in one
//! `fst` map) and the few odd stems of STEMS, behind look-ups that keep
//! words and stems apart.

use crate::format::TermValue;

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

    /// The whole map, for automaton walks; their values go through
    /// [`TermValue::word_offset`], which skips keys that are only stems.
    pub fn map(&self) -> &fst::Map<&'a [u8]> {
        &self.map
    }
}
