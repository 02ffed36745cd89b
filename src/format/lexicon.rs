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
//! TERMS (per locale): varint g | g × { u8 first byte, varint map length,
//!                     varint spellings length }
//!                     | PINNED: the rest, an `fst::Map` from a folded word
//!                     to its [`TermValue`] code, or [`PINNED_ABSENT`]
//! WORDS (per locale): the g groups' maps, one after the other, each an
//!                     `fst::Map` of the group's keys to [`TermValue`]
//!                     codes; then the g groups' spellings in the same
//!                     order, each a DISPLAY (see [`super::DisplayWriter`])
//! ```
//!
//! Group `i` holds the keys whose [`group_byte`] is its first byte: a
//! word's first byte, a phrase key's first byte after the mark (a query
//! looks its phrase up with its first word). Its map starts at the sum
//! of the map lengths before it, its spellings at the sum of all maps and
//! of the spellings before it. The spellings come after every map because
//! a search never reads them (only a suggestion shown to the visitor
//! does), yet they are as large as the maps: kept apart, a first search
//! fetches maps only. The compiler cuts WORDS only between maps and
//! between spellings ([`Lexicon::cuts`]), so one part holds whole maps
//! or whole spellings, never both.

use super::{DisplayWriter, FormatError, Reader, Spelling, Writer, PHRASE_MARK};
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

/// A written dictionary: the TERMS directory and the WORDS pool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub directory: Vec<u8>,
    pub words: Vec<u8>,
    /// Where each map starts in WORDS.
    pub map_starts: Vec<usize>,
    /// Where each group's spellings start in WORDS (after every map).
    pub spelling_starts: Vec<usize>,
}

impl Lexicon {
    /// Where WORDS may be cut, as two runs of pieces that no part may
    /// mix: the maps (pieces from each start to the next), then the
    /// spellings. Each run is (start, end, piece starts).
    pub fn cuts(&self) -> [(usize, usize, &[usize]); 2] {
        let maps_end = self
            .spelling_starts
            .first()
            .copied()
            .unwrap_or(self.words.len());
        [
            (0, maps_end, &self.map_starts),
            (maps_end, self.words.len(), &self.spelling_starts),
        ]
    }
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
    let mut words = Vec::new();
    let mut map_starts = Vec::with_capacity(groups.len());
    let mut spellings = Vec::with_capacity(groups.len());
    for (first, (map, display)) in groups {
        let map = map.into_inner().expect("an in-memory fst");
        let display = display.finish();
        directory.u8(first);
        directory.varint(map.len() as u64);
        directory.varint(display.len() as u64);
        map_starts.push(words.len());
        words.extend_from_slice(&map);
        spellings.push(display);
    }
    let mut spelling_starts = Vec::with_capacity(spellings.len());
    for display in spellings {
        spelling_starts.push(words.len());
        words.extend_from_slice(&display);
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
        words,
        map_starts,
        spelling_starts,
    }
}

/// One group of the directory: its first byte and where its map and its
/// spellings lie in WORDS, as (start, length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub first: u8,
    pub map: (usize, usize),
    pub spellings: (usize, usize),
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
        let mut groups: Vec<Group> = Vec::with_capacity(g);
        let mut lens = Vec::with_capacity(g);
        for _ in 0..g {
            let at = r.pos();
            let first = r.u8("term group byte")?;
            let map = r.count(u32::MAX as usize, "term group length")?;
            let spellings = r.count(u32::MAX as usize, "term group spellings length")?;
            if groups.last().is_some_and(|p| p.first >= first) {
                return Err(FormatError::corrupt("term group order", at));
            }
            lens.push((at, map, spellings));
            groups.push(Group {
                first,
                map: (0, map),
                spellings: (0, spellings),
            });
        }
        // Maps from 0, then spellings after the last map.
        let mut start = 0usize;
        for pass in 0..2 {
            for (group, &(at, map, spellings)) in groups.iter_mut().zip(&lens) {
                let (slot, len) = if pass == 0 {
                    (&mut group.map, map)
                } else {
                    (&mut group.spellings, spellings)
                };
                *slot = (start, len);
                start = start
                    .checked_add(len)
                    .ok_or(FormatError::corrupt("term group length", at))?;
            }
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

/// A group's map, read in place.
pub fn open_map(bytes: &[u8]) -> Result<fst::Map<&[u8]>, FormatError> {
    fst::Map::new(bytes).map_err(|_| FormatError::corrupt("term group", 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{DisplayIndex, TermValue};

    fn code(offset: u64) -> u64 {
        TermValue::word_code(offset)
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
        let maps: Vec<usize> = dir.groups.iter().map(|g| g.map.0).collect();
        assert_eq!(maps, lex.map_starts);
        let spellings: Vec<usize> = dir.groups.iter().map(|g| g.spellings.0).collect();
        assert_eq!(spellings, lex.spelling_starts);
        let last = dir.groups.last().unwrap();
        assert_eq!(last.spellings.0 + last.spellings.1, lex.words.len());
        let group = |first: u8| dir.groups[dir.group_of(first).unwrap()];
        let map = |first: u8| {
            let (at, len) = group(first).map;
            open_map(&lex.words[at..at + len]).unwrap()
        };
        let spelling = |first: u8, word: &str| {
            let (at, len) = group(first).spellings;
            DisplayIndex::open(&lex.words[at..at + len])
                .unwrap()
                .get(word)
        };
        assert_eq!(map(b'a').get("ast"), Some(code(2)));
        assert_eq!(map(b'a').get("zaehler"), None, "another letter's key");
        assert_eq!(spelling(b'a', "apfel"), Some(Spelling::Text("Apfel")));
        assert_eq!(spelling(b'z', "zaehler"), Some(Spelling::Unfold(1)));
        assert_eq!(map(0xc3).get("\u{e9}t\u{e9}"), Some(code(4)));
        assert_eq!(
            map(b't').get(" tarif wechseln"),
            Some(9),
            "by its first word"
        );
        assert_eq!(dir.group_of(b'b'), None);
        assert_eq!(dir.pinned.get("kennwort"), Some(PINNED_ABSENT));
        assert_eq!(dir.pinned.get("passwort"), Some(code(7)));
    }

    #[test]
    fn every_map_comes_before_every_spelling_so_a_cut_between_them_keeps_them_apart() {
        let lex = sample();
        let [(m0, m1, maps), (s0, s1, spellings)] = lex.cuts();
        assert_eq!((m0, s1), (0, lex.words.len()));
        assert_eq!(m1, s0);
        assert!(maps.iter().all(|&at| at < m1));
        assert!(spellings.iter().all(|&at| (s0..s1).contains(&at)));
        // The spellings run holds only DISPLAY bytes: each reads back alone.
        let dir = Directory::open(&lex.directory).unwrap();
        for g in &dir.groups {
            let (at, len) = g.spellings;
            assert!(at >= s0 && at + len <= s1);
            assert!(DisplayIndex::open(&lex.words[at..at + len]).is_ok());
        }
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
        w.varint(0);
        w.u8(b'a');
        w.varint(0);
        w.varint(0);
        w.buf
            .extend_from_slice(&fst::MapBuilder::memory().into_inner().unwrap());
        assert!(Directory::open(&w.buf).is_err());
    }
}
