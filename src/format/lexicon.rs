//! The term dictionary of one locale, cut by the first byte of its keys:
//! TERMS is a small directory kept in the core, WORDS the groups' bodies,
//! a pool that may be in part files ([`super::pool`]).
//!
//! A query word reaches only keys with its own first byte: exact and stem
//! look-ups, prefix completion, and the typo walk, which keeps the first
//! letter. So a visitor of a sharded kb fetches the groups of the letters
//! they type, not the whole dictionary. The few look-ups that cross
//! letters on every query (the words of the synonym groups) are answered
//! from PINNED, a small map in the directory, so they fetch nothing.
//!
//! ```text
//! TERMS (per locale): varint g | g × { u8 first byte, varint body length }
//!                     | PINNED: the rest, an `fst::Map` from a folded word
//!                     to its [`TermValue`] code, or [`PINNED_ABSENT`]
//! WORDS (per locale): the g bodies, one after the other, each:
//!                     varint t | a t-byte `fst::Map` of the group's keys
//!                     to [`TermValue`] codes | its DISPLAY (see
//!                     [`super::DisplayWriter`]): how its words are spelt
//! ```
//!
//! Group `i` holds the keys whose [`group_byte`] is its first byte: a
//! word's first byte, a phrase key's first byte after the mark (a query
//! looks its phrase up with its first word). Its body starts at the sum
//! of the lengths before it. The compiler cuts WORDS only between bodies, so one part
//! holds whole groups (small letters share a part).

use super::{DisplayIndex, DisplayWriter, FormatError, Reader, Spelling, Writer, PHRASE_MARK};
use std::collections::BTreeMap;

/// The byte that places a key in its group: its first, or for a
/// [`super::phrase_key`] the first after the mark.
pub fn group_byte(key: &[u8]) -> Option<u8> {
    match key.split_first()? {
        (&b, rest) if u32::from(b) == PHRASE_MARK as u32 => rest.first().copied(),
        (&b, _) => Some(b),
    }
}

/// The PINNED value of a word the index does not have.
pub const PINNED_ABSENT: u64 = u64::MAX;

/// A written dictionary: the TERMS directory, the WORDS pool, and where
/// each body starts in it (where WORDS may be cut).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub directory: Vec<u8>,
    pub words: Vec<u8>,
    pub body_starts: Vec<usize>,
}

/// Writes TERMS and WORDS from `keys` (ascending, unique, non-empty:
/// key → [`TermValue`](super::TermValue) code), `display` (ascending
/// folded words that are keys, with their spelling) and `pinned`
/// (ascending words, with their code or `None` when the index lacks them).
pub fn write_lexicon<'k>(
    keys: impl IntoIterator<Item = (&'k [u8], u64)>,
    display: &[(&str, Spelling<'_>)],
    pinned: &[(&str, Option<u64>)],
) -> Lexicon {
    let mut groups: BTreeMap<u8, (fst::MapBuilder<Vec<u8>>, DisplayWriter)> = BTreeMap::new();
    for (key, code) in keys {
        let Some(g) = group_byte(key) else {
            continue;
        };
        let (map, _) = groups
            .entry(g)
            .or_insert_with(|| (fst::MapBuilder::memory(), DisplayWriter::new()));
        // Keys come sorted, so each group's keys do too.
        map.insert(key, code).expect("keys come sorted and unique");
    }
    for (word, spelling) in display {
        if let Some((_, d)) = group_byte(word.as_bytes()).and_then(|g| groups.get_mut(&g)) {
            d.insert(word, *spelling)
                .expect("display words come sorted and unique");
        }
    }
    let mut directory = Writer::new();
    directory.varint(groups.len() as u64);
    let mut words = Writer::new();
    let mut body_starts = Vec::with_capacity(groups.len());
    for (first, (map, display)) in groups {
        let start = words.len();
        body_starts.push(start);
        words.bytes(&map.into_inner().expect("an in-memory fst"));
        words.buf.extend_from_slice(&display.finish());
        directory.u8(first);
        directory.varint((words.len() - start) as u64);
    }
    let mut pins = fst::MapBuilder::memory();
    for &(word, code) in pinned {
        pins.insert(word, code.unwrap_or(PINNED_ABSENT))
            .expect("pinned words come sorted and unique");
    }
    directory
        .buf
        .extend_from_slice(&pins.into_inner().expect("an in-memory fst"));
    Lexicon {
        directory: directory.buf,
        words: words.buf,
        body_starts,
    }
}

/// One group of the directory: its first byte and where its body lies in WORDS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub first: u8,
    pub start: usize,
    pub len: usize,
}

/// TERMS, read: the groups in ascending first byte, and PINNED.
#[derive(Debug, Clone)]
pub struct Directory<'a> {
    pub groups: Vec<Group>,
    pub pinned: fst::Map<&'a [u8]>,
}

impl<'a> Directory<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let g = r.count(256, "term group count")?;
        let mut groups = Vec::with_capacity(g);
        let mut start = 0usize;
        for _ in 0..g {
            let at = r.pos();
            let first = r.u8("term group byte")?;
            let len = r.count(u32::MAX as usize, "term group length")?;
            if groups.last().is_some_and(|p: &Group| p.first >= first) {
                return Err(FormatError::corrupt("term group order", at));
            }
            groups.push(Group { first, start, len });
            start = start
                .checked_add(len)
                .ok_or(FormatError::corrupt("term group length", at))?;
        }
        let pinned = fst::Map::new(&bytes[r.pos()..])
            .map_err(|_| FormatError::corrupt("pinned words", r.pos()))?;
        Ok(Self { groups, pinned })
    }

    /// The group that holds keys beginning with `first`, if any does.
    pub fn group_of(&self, first: u8) -> Option<usize> {
        let i = self.groups.partition_point(|g| g.first <= first);
        i.checked_sub(1).filter(|&i| self.groups[i].first == first)
    }
}

/// One body of WORDS, read in place: the group's keys, and their spellings.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub map: fst::Map<&'a [u8]>,
    pub display: DisplayIndex<'a>,
}

impl<'a> Body<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let map = r.bytes("term group")?;
        let map = fst::Map::new(map).map_err(|_| FormatError::corrupt("term group", 0))?;
        let display = DisplayIndex::open(&bytes[r.pos()..])?;
        Ok(Self { map, display })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::TermValue;

    fn code(offset: u64) -> u64 {
        TermValue {
            offset,
            word: true,
            stem: false,
        }
        .encode()
    }

    fn sample() -> Lexicon {
        let keys: Vec<(&[u8], u64)> = vec![
            (b" tarif wechseln", 9),
            (b"apfel", code(1)),
            (b"ast", code(2)),
            (b"zaehler", code(3)),
            ("\u{e9}t\u{e9}".as_bytes(), code(4)),
        ];
        write_lexicon(
            keys,
            &[
                ("apfel", Spelling::Text("Apfel")),
                ("zaehler", Spelling::Unfold(1)),
            ],
            &[("kennwort", None), ("passwort", Some(code(7)))],
        )
    }

    #[test]
    fn a_written_lexicon_reads_back_group_by_first_byte() {
        let lex = sample();
        let dir = Directory::open(&lex.directory).unwrap();
        let firsts: Vec<u8> = dir.groups.iter().map(|g| g.first).collect();
        assert_eq!(firsts, vec![b'a', b't', b'z', 0xc3]);
        let starts: Vec<usize> = dir.groups.iter().map(|g| g.start).collect();
        assert_eq!(starts, lex.body_starts);
        let last = dir.groups.last().unwrap();
        assert_eq!(last.start + last.len, lex.words.len());
        let body = |first: u8| {
            let g = dir.groups[dir.group_of(first).unwrap()];
            Body::open(&lex.words[g.start..g.start + g.len]).unwrap()
        };
        let a = body(b'a');
        assert_eq!(a.map.get("ast"), Some(code(2)));
        assert_eq!(a.map.get("zaehler"), None, "another letter's key");
        assert_eq!(a.display.get("apfel"), Some(Spelling::Text("Apfel")));
        assert_eq!(body(b'z').display.get("zaehler"), Some(Spelling::Unfold(1)));
        assert_eq!(body(0xc3).map.get("\u{e9}t\u{e9}"), Some(code(4)));
        assert_eq!(
            body(b't').map.get(" tarif wechseln"),
            Some(9),
            "by its first word"
        );
        assert_eq!(dir.group_of(b'b'), None);
        assert_eq!(dir.pinned.get("kennwort"), Some(PINNED_ABSENT));
        assert_eq!(dir.pinned.get("passwort"), Some(code(7)));
    }

    #[test]
    fn an_empty_lexicon_has_no_groups() {
        let lex = write_lexicon(std::iter::empty(), &[], &[]);
        let dir = Directory::open(&lex.directory).unwrap();
        assert!(dir.groups.is_empty());
        assert!(lex.words.is_empty());
        assert_eq!(dir.group_of(b'a'), None);
    }

    #[test]
    fn a_directory_truncated_in_its_group_table_is_an_error() {
        // PINNED, an `fst` map, is guarded by the bundle's checksum (TERMS
        // is checksum-only); the group table is checked as it is read.
        let lex = sample();
        let pinned = lex.directory.len()
            - write_lexicon(
                std::iter::empty(),
                &[],
                &[("kennwort", None), ("passwort", Some(code(7)))],
            )
            .directory
            .len()
            + 1;
        for len in 0..pinned {
            assert!(
                Directory::open(&lex.directory[..len]).is_err(),
                "length {len}"
            );
        }
    }

    #[test]
    fn groups_out_of_order_are_rejected() {
        let mut w = Writer::new();
        w.varint(2);
        w.u8(b'b');
        w.varint(0);
        w.u8(b'a');
        w.varint(0);
        w.buf
            .extend_from_slice(&fst::MapBuilder::memory().into_inner().unwrap());
        assert!(Directory::open(&w.buf).is_err());
    }
}
