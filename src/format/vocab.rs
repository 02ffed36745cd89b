//! The values of the vocabulary sections: TERMS/WORDS (see [`super::lexicon`]),
//! STEMS and each group's spellings (DISPLAY). Their keys are folded words
//! and stems in `fst` maps; these are the codings of what each key maps to,
//! and STEMS whole, written by the compiler and read by the engine.

use super::{FormatError, Reader, Writer};

/// A value of TERMS: a postings offset, and whether the key is a surface
/// word whose stem has those postings and/or a stem that has them. With
/// neither flag, the key is a [`super::phrase_key`] and the postings are
/// the entries that have the phrase as an alias. A surface word of a
/// language that glues compounds also says whether it splits into other
/// words of the index (see `analysis::compound`): the compiler worked that
/// out over the whole vocabulary, so a query need not look up the parts'
/// letters (in a sharded kb, other parts to fetch) to find that it does not.
///
/// STEMS maps the few stems spelt like a surface word of another stem to
/// their postings offset as it is (no flags: every key is a stem).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermValue {
    pub offset: u64,
    pub word: bool,
    pub stem: bool,
    pub splits: bool,
}

impl TermValue {
    pub fn encode(self) -> u64 {
        self.offset << 3
            | u64::from(self.splits) << 2
            | u64::from(self.stem) << 1
            | u64::from(self.word)
    }

    pub fn decode(v: u64) -> Self {
        Self {
            offset: v >> 3,
            word: v & 1 != 0,
            stem: v & 2 != 0,
            splits: v & 4 != 0,
        }
    }

    /// The code of a surface word that is no stem and no compound (tests).
    #[cfg(test)]
    pub(crate) fn word_code(offset: u64) -> u64 {
        Self {
            offset,
            word: true,
            stem: false,
            splits: false,
        }
        .encode()
    }

    /// The offset, if the key is a surface word.
    pub fn word_offset(v: u64) -> Option<u64> {
        let t = Self::decode(v);
        t.word.then_some(t.offset)
    }

    /// The offset, if the key is a phrase.
    pub fn phrase_offset(v: u64) -> Option<u64> {
        let t = Self::decode(v);
        (!t.word && !t.stem).then_some(t.offset)
    }
}

/// Writes STEMS: an `fst::Map` from each stem spelt like a surface word of
/// another stem to its postings offset. `stems` must come in ascending
/// order without repeats (the compiler's sorted map).
pub fn write_odd_stems<'a>(stems: impl IntoIterator<Item = (&'a str, u64)>) -> Vec<u8> {
    let mut map = fst::MapBuilder::memory();
    for (stem, offset) in stems {
        map.insert(stem, offset)
            .expect("stems come sorted and unique");
    }
    map.into_inner()
        .expect("an in-memory fst cannot fail to write")
}

/// Opens STEMS in place.
pub fn open_odd_stems(bytes: &[u8]) -> Result<fst::Map<&[u8]>, FormatError> {
    fst::Map::new(bytes).map_err(|_| FormatError::corrupt("stem index", 0))
}

/// How a folded word is usually spelt, as DISPLAY stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling<'a> {
    /// Unfold the digraphs whose bit is set ("zaehler", 1 → "zähler", see
    /// `analysis::unfold`): umlauts and ß, nearly every case.
    Unfold(u64),
    /// Any other spelling, written out.
    Text(&'a str),
}

/// Writes DISPLAY: varint n | an n-byte `fst::Map` from folded word to
/// mask << 1 ([`Spelling::Unfold`]) or offset << 1 | 1 of a string after
/// the map ([`Spelling::Text`]).
pub struct DisplayWriter {
    map: fst::MapBuilder<Vec<u8>>,
    strings: Writer,
}

impl Default for DisplayWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl DisplayWriter {
    pub fn new() -> Self {
        Self {
            map: fst::MapBuilder::memory(),
            strings: Writer::new(),
        }
    }

    /// Adds `folded` → `spelling`; keys must come in ascending order.
    pub fn insert(&mut self, folded: &str, spelling: Spelling<'_>) -> Result<(), fst::Error> {
        let code = match spelling {
            Spelling::Unfold(mask) => mask << 1,
            Spelling::Text(s) => {
                let at = self.strings.len() as u64;
                self.strings.str(s);
                at << 1 | 1
            }
        };
        self.map.insert(folded, code)
    }

    pub fn finish(self) -> Vec<u8> {
        let mut out = Writer::new();
        out.bytes(&self.map.into_inner().expect("an in-memory fst"));
        out.buf.extend_from_slice(&self.strings.buf);
        out.buf
    }
}

/// DISPLAY, read in place.
#[derive(Debug, Clone)]
pub struct DisplayIndex<'a> {
    map: fst::Map<&'a [u8]>,
    strings: &'a [u8],
}

impl<'a> DisplayIndex<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let map = r.bytes("display index")?;
        let map = fst::Map::new(map).map_err(|_| FormatError::corrupt("display index", 0))?;
        Ok(Self {
            map,
            strings: &bytes[r.pos()..],
        })
    }

    /// The spelling of `folded`, if it differs from `folded` itself; a
    /// string outside the section reads as none.
    pub fn get(&self, folded: &str) -> Option<Spelling<'a>> {
        let code = self.map.get(folded)?;
        if code & 1 == 0 {
            return Some(Spelling::Unfold(code >> 1));
        }
        let at = usize::try_from(code >> 1).ok()?;
        Reader::at(self.strings, at)
            .str("spelling")
            .ok()
            .map(Spelling::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_stems_read_back_with_their_offsets() {
        let bytes = write_odd_stems([("haus", 7), ("hause", 1 << 33)]);
        let map = open_odd_stems(&bytes).expect("written by write_odd_stems");
        assert_eq!(map.get("haus"), Some(7));
        assert_eq!(map.get("hause"), Some(1 << 33));
        assert_eq!(map.get("hau"), None);
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn stems_that_are_not_an_fst_are_a_corrupt_stem_index() {
        let err = open_odd_stems(&[1, 2, 3]).unwrap_err();
        assert!(err.to_string().contains("stem index"), "{err}");
    }

    #[test]
    fn term_values_keep_offset_and_kind() {
        for (offset, word, stem) in [(0, true, false), (7, false, true), (1 << 40, true, true)] {
            let v = TermValue {
                offset,
                word,
                stem,
                splits: word,
            };
            assert_eq!(TermValue::decode(v.encode()), v);
        }
        let stem_only = TermValue {
            offset: 9,
            word: false,
            stem: true,
            splits: false,
        };
        assert_eq!(TermValue::word_offset(stem_only.encode()), None);
    }

    #[test]
    fn display_spellings_round_trip() {
        let entries = [
            ("cafe", Spelling::Text("café")),
            ("massstaebe", Spelling::Unfold(0b10)),
            ("zaehler", Spelling::Unfold(1)),
            ("zzz", Spelling::Text("")),
        ];
        let mut w = DisplayWriter::new();
        for (k, v) in entries {
            w.insert(k, v).unwrap();
        }
        let bytes = w.finish();
        let d = DisplayIndex::open(&bytes).unwrap();
        for (k, v) in entries {
            assert_eq!(d.get(k), Some(v), "{k}");
        }
        assert_eq!(d.get("other"), None);
        assert!(DisplayIndex::open(&bytes[..1]).is_err());
    }
}
