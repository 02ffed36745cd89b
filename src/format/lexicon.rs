//! The term dictionary of one locale, cut by the first one or two bytes
//! of its keys: TERMS is a small directory kept in the core, WORDS the
//! groups' bodies, a pool that may be in parts ([`super::pool`]).
//!
//! A query word's exact and stem look-ups, and the completions of a
//! prefix as long as the group keys, reach only keys with its own first
//! bytes. So a visitor of a sharded kb fetches the groups of the words
//! they type, not the whole dictionary. Where WORDS is in parts, groups
//! are cut by two bytes, not a whole letter: at 10,000 man-page entries
//! a letter's map was 24 kB brotli, a part of two-byte groups 4 kB. A
//! bundle read whole keeps one group per letter, since each group's map
//! costs a header (two-byte groups made the sample kb's bundle 9 %
//! larger gzipped). What needs more than one group is rare, and answered so:
//! - where groups are cut by two bytes, a one-letter prefix's shortest
//!   completions are kept in the directory (LETTERS), so typing the
//!   first letter fetches nothing;
//! - the typo walk keeps the first letter and walks that letter's groups
//!   in key order, only for a word that no group holds;
//! - the few look-ups that cross letters on every query (the words of
//!   the synonym groups) are answered from PINNED, a small map in the
//!   directory.
//!
//! ```text
//! TERMS (per locale): u8 group key length k (1 or 2) | varint g | g group
//!                     keys (u8 length, then the first k bytes of its keys,
//!                     fewer for a shorter key) | g u32 map lengths | g u32
//!                     spellings lengths (each column in byte planes, see
//!                     `records::write_planes`: 3.7 kB brotli where a row
//!                     per group was 4.7, man pages, 1,310 groups)
//!                     | LETTERS: varint l | l × { u8 first byte, varint n,
//!                     n × { bytes of the word after its first byte, varint
//!                     [`TermValue`] code } }, the letter's n shortest
//!                     surface words of two bytes or more, shortest first,
//!                     ties in key order (n ≤ [`LETTER_COMPLETIONS`]);
//!                     none (l = 0) where k = 1: a letter's group has them
//!                     | PINNED: the rest, an `fst::Map` from a folded word
//!                     to its [`TermValue`] code, or [`PINNED_ABSENT`]
//! WORDS (per locale): the g groups' maps, one after the other, each an
//!                     `fst::Map` of the group's keys to [`TermValue`]
//!                     codes; then the g groups' spellings in the same
//!                     order, each a DISPLAY (see [`super::DisplayWriter`])
//! ```
//!
//! Group `i` holds the keys whose [`group_key`] is its key: a word's
//! first k bytes (a shorter word's all), a phrase key's first k after
//! the mark (a query looks its phrase up with its first word). Groups come
//! in ascending key order, so walking them in turn walks the keys in
//! order. A map starts at the sum of the map lengths before it, its
//! spellings at the sum of all maps and of the spellings before it. The
//! spellings come after every map because a search never reads them (only
//! a suggestion shown to the visitor does), yet they are as large as the
//! maps: kept apart, a first search fetches maps only. The compiler cuts
//! WORDS only between maps and between spellings ([`Lexicon::cuts`]), so
//! one part holds whole maps or whole spellings, never both.

use super::records::{plane_u32, write_planes};
use super::{DisplayWriter, FormatError, Reader, Spelling, TermValue, Writer, PHRASE_MARK};
use std::collections::BTreeMap;
use std::ops::Range;

/// Most bytes of a key that place it in its group.
pub const MAX_GROUP_KEY_BYTES: usize = 2;

/// Most completions LETTERS keeps per first byte: enough for every
/// one-letter look-up of the engine (it asks for 2 at most).
pub const LETTER_COMPLETIONS: usize = 2;

/// The bytes that place a key in its group when groups are cut by `k`
/// bytes: its first `k` (all of a shorter key), or for a
/// [`super::phrase_key`] the first `k` after the mark.
pub fn group_key(key: &[u8], k: usize) -> Option<&[u8]> {
    let body = match key.split_first()? {
        (&b, rest) if u32::from(b) == PHRASE_MARK as u32 => rest,
        _ => key,
    };
    (!body.is_empty()).then(|| &body[..body.len().min(k)])
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

/// Each first byte's shortest surface words of two bytes or more, as
/// LETTERS keeps them: keys come in key order, so a stable insertion by
/// length leaves ties in key order.
#[derive(Default)]
struct Letters(BTreeMap<u8, Vec<(Vec<u8>, u64)>>);

impl Letters {
    fn offer(&mut self, key: &[u8], code: u64) {
        let (Some(&first), true) = (key.first(), key.len() >= 2) else {
            return;
        };
        if TermValue::word_offset(code).is_none() {
            return;
        }
        let list = self.0.entry(first).or_default();
        let at = list.partition_point(|(k, _)| k.len() <= key.len());
        if at < LETTER_COMPLETIONS {
            list.insert(at, (key.to_vec(), code));
            list.truncate(LETTER_COMPLETIONS);
        }
    }

    fn write(&self, w: &mut Writer) {
        w.varint(self.0.len() as u64);
        for (&first, list) in &self.0 {
            w.u8(first);
            w.varint(list.len() as u64);
            for (key, code) in list {
                w.bytes(&key[1..]);
                w.varint(*code);
            }
        }
    }
}

/// A group's keys with their codes, and the indices of its display words.
type GroupInput<'k> = (Vec<(&'k [u8], u64)>, Vec<usize>);

/// Writes TERMS and WORDS from `keys` (ascending, unique, non-empty:
/// key → [`TermValue`] code), `display` (ascending folded words that are
/// keys, with their spelling) and `pinned` (ascending words, with their
/// code or `None` when the index lacks them), in groups cut by the first
/// `k` bytes (1 or 2).
pub fn write_lexicon<'k>(
    keys: impl IntoIterator<Item = (&'k [u8], u64)>,
    display: &[(&str, Spelling<'_>)],
    pinned: &[(&str, Option<u64>)],
    k: usize,
) -> Lexicon {
    assert!(
        (1..=MAX_GROUP_KEY_BYTES).contains(&k),
        "groups cut by 1 or 2 bytes"
    );
    // Each group's keys and display words first (a phrase's key sorts
    // apart from its group's words), then one fst builder at a time: a
    // builder holds a node cache of 0.5 MB, and the 2,494 two-byte groups
    // of 10,000 man pages, each with a keys' and a display words' builder
    // open at once, took 2.5 GB.
    let mut groups: BTreeMap<&[u8], GroupInput<'k>> = BTreeMap::new();
    let mut letters = Letters::default();
    for (key, code) in keys {
        let Some(g) = group_key(key, k) else {
            continue;
        };
        letters.offer(key, code);
        groups.entry(g).or_default().0.push((key, code));
    }
    for (i, (word, _)) in display.iter().enumerate() {
        if let Some((_, d)) = group_key(word.as_bytes(), k).and_then(|g| groups.get_mut(g)) {
            d.push(i);
        }
    }
    let mut directory = Writer::new();
    directory.u8(k as u8);
    directory.varint(groups.len() as u64);
    let mut words = Vec::new();
    let mut map_starts = Vec::with_capacity(groups.len());
    let mut spellings = Vec::with_capacity(groups.len());
    let (mut map_lens, mut spelling_lens) = (Vec::new(), Vec::new());
    for (key, (keys, shown)) in groups {
        let mut map = fst::MapBuilder::memory();
        for (key, code) in keys {
            // Keys come sorted, so each group's keys do too.
            map.insert(key, code).expect("keys come sorted and unique");
        }
        let map = map.into_inner().expect("an in-memory fst");
        let mut d = DisplayWriter::new();
        for i in shown {
            let (word, spelling) = display[i];
            d.insert(word, spelling)
                .expect("display words come sorted and unique");
        }
        let display = d.finish();
        directory.u8(key.len() as u8);
        directory.buf.extend_from_slice(key);
        map_lens.push(u32::try_from(map.len()).expect("a group's map under 4 GB"));
        spelling_lens.push(u32::try_from(display.len()).expect("spellings under 4 GB"));
        map_starts.push(words.len());
        words.extend_from_slice(&map);
        spellings.push(display);
    }
    write_planes(&mut directory.buf, &map_lens);
    write_planes(&mut directory.buf, &spelling_lens);
    let mut spelling_starts = Vec::with_capacity(spellings.len());
    for display in spellings {
        spelling_starts.push(words.len());
        words.extend_from_slice(&display);
    }
    // A letter's group answers its completions where it is one group.
    if k == 1 {
        Letters::default().write(&mut directory);
    } else {
        letters.write(&mut directory);
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

/// One group of the directory: its key (one or two bytes) and where its
/// map and its spellings lie in WORDS, as (start, length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'a> {
    pub key: &'a [u8],
    pub map: (usize, usize),
    pub spellings: (usize, usize),
}

/// TERMS, read: the groups in ascending key order, LETTERS and PINNED.
#[derive(Debug, Clone)]
pub struct Directory<'a> {
    /// How many first bytes of a key place it in its group.
    pub key_bytes: usize,
    pub groups: Vec<Group<'a>>,
    /// Each first byte's shortest words, read lazily ([`Directory::letter`]).
    letters: &'a [u8],
    pub pinned: fst::Map<&'a [u8]>,
}

impl<'a> Directory<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let key_bytes = usize::from(r.u8("term group key length")?);
        if !(1..=MAX_GROUP_KEY_BYTES).contains(&key_bytes) {
            return Err(FormatError::corrupt("term group key length", 0));
        }
        let g = r.count(u16::MAX as usize, "term group count")?;
        let mut groups: Vec<Group> = Vec::with_capacity(g);
        for _ in 0..g {
            let at = r.pos();
            let k = usize::from(r.u8("term group key length")?);
            if !(1..=key_bytes).contains(&k) {
                return Err(FormatError::corrupt("term group key length", at));
            }
            let key = r.take(k, "term group key")?;
            if groups.last().is_some_and(|p| p.key >= key) {
                return Err(FormatError::corrupt("term group order", at));
            }
            groups.push(Group {
                key,
                map: (0, 0),
                spellings: (0, 0),
            });
        }
        let planes_at = r.pos();
        r.skip(8 * g, "term group lengths")?;
        let planes = &bytes[planes_at..r.pos()];
        let lens = |column: usize, i: usize| plane_u32(&planes[4 * g * column..], g, i) as usize;
        // Maps from 0, then spellings after the last map.
        let mut start = 0usize;
        for column in 0..2 {
            for (i, group) in groups.iter_mut().enumerate() {
                let len = lens(column, i);
                let slot = if column == 0 {
                    &mut group.map
                } else {
                    &mut group.spellings
                };
                *slot = (start, len);
                start = start
                    .checked_add(len)
                    .ok_or(FormatError::corrupt("term group length", planes_at))?;
            }
        }
        let letters_at = r.pos();
        let l = r.count(256, "letter count")?;
        for _ in 0..l {
            r.u8("letter")?;
            let n = r.count(LETTER_COMPLETIONS, "letter completions")?;
            for _ in 0..n {
                r.bytes("letter completion")?;
                r.varint("letter completion code")?;
            }
        }
        let letters = &bytes[letters_at..r.pos()];
        let pinned = fst::Map::new(&bytes[r.pos()..])
            .map_err(|_| FormatError::corrupt("pinned words", r.pos()))?;
        Ok(Self {
            key_bytes,
            groups,
            letters,
            pinned,
        })
    }

    /// The group that holds `key` ([`group_key`]), if any does.
    pub fn group_of(&self, key: &[u8]) -> Option<usize> {
        let g = group_key(key, self.key_bytes)?;
        self.groups.binary_search_by(|x| x.key.cmp(g)).ok()
    }

    /// The groups that hold keys beginning with `prefix`, in key order:
    /// its one group once it is as long as the group keys, else every
    /// group whose key begins with it (all of them for "").
    pub fn groups_beginning(&self, prefix: &[u8]) -> Range<usize> {
        if prefix.len() >= self.key_bytes {
            return self.group_of(prefix).map_or(0..0, |g| g..g + 1);
        }
        let start = self.groups.partition_point(|g| g.key < prefix);
        let end = start + self.groups[start..].partition_point(|g| g.key.starts_with(prefix));
        start..end
    }

    /// The shortest surface words of two bytes or more that begin with
    /// `first` (at most [`LETTER_COMPLETIONS`], shortest first, ties in
    /// key order), with their [`TermValue`] codes. Checked by
    /// [`Directory::open`], so nothing here can fail.
    pub fn letter(&self, first: u8) -> Vec<(String, u64)> {
        let mut r = Reader::new(self.letters);
        let l = r.count(256, "letter count").unwrap_or(0);
        for _ in 0..l {
            let (Ok(b), Ok(n)) = (r.u8("letter"), r.count(LETTER_COMPLETIONS, "n")) else {
                break;
            };
            let mut out = Vec::with_capacity(if b == first { n } else { 0 });
            for _ in 0..n {
                let (Ok(rest), Ok(code)) = (r.bytes("word"), r.varint("code")) else {
                    return out;
                };
                if b == first {
                    let mut word = vec![first];
                    word.extend_from_slice(rest);
                    out.push((crate::utf8::lossy(&word), code));
                }
            }
            if b == first {
                return out;
            }
        }
        Vec::new()
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
            (b"a", code(5)),
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
            2,
        )
    }

    #[test]
    fn a_written_lexicon_reads_back_group_by_its_first_two_bytes() {
        let lex = sample();
        let dir = Directory::open(&lex.directory).unwrap();
        let keys: Vec<&[u8]> = dir.groups.iter().map(|g| g.key).collect();
        let want: [&[u8]; 6] = [b"a", b"ap", b"as", b"ta", b"za", &[0xc3, 0xa9]];
        assert_eq!(keys, want);
        let maps: Vec<usize> = dir.groups.iter().map(|g| g.map.0).collect();
        assert_eq!(maps, lex.map_starts);
        let spellings: Vec<usize> = dir.groups.iter().map(|g| g.spellings.0).collect();
        assert_eq!(spellings, lex.spelling_starts);
        let last = dir.groups.last().unwrap();
        assert_eq!(last.spellings.0 + last.spellings.1, lex.words.len());
        let group = |key: &str| dir.groups[dir.group_of(key.as_bytes()).unwrap()];
        let map = |key: &str| {
            let (at, len) = group(key).map;
            open_map(&lex.words[at..at + len]).unwrap()
        };
        let spelling = |word: &str| {
            let (at, len) = group(word).spellings;
            DisplayIndex::open(&lex.words[at..at + len])
                .unwrap()
                .get(word)
        };
        assert_eq!(map("ast").get("ast"), Some(code(2)));
        assert_eq!(map("a").get("a"), Some(code(5)), "a one-byte word");
        assert_eq!(map("ap").get("ast"), None, "another group's key");
        assert_eq!(spelling("apfel"), Some(Spelling::Text("Apfel")));
        assert_eq!(spelling("zaehler"), Some(Spelling::Unfold(1)));
        assert_eq!(map("\u{e9}t\u{e9}").get("\u{e9}t\u{e9}"), Some(code(4)));
        assert_eq!(
            map("tarif").get(" tarif wechseln"),
            Some(9),
            "by its first word"
        );
        assert_eq!(dir.group_of(b"ab"), None);
        assert_eq!(dir.group_of(b"b"), None);
        assert_eq!(dir.groups_beginning(b"a"), 0..3);
        assert_eq!(dir.groups_beginning(b"b"), 3..3);
        assert_eq!(dir.groups_beginning(b"as"), 2..3);
        assert_eq!(dir.groups_beginning(b"ab"), 0..0);
        assert_eq!(dir.groups_beginning(b""), 0..dir.groups.len());
        assert_eq!(dir.pinned.get("kennwort"), Some(PINNED_ABSENT));
        assert_eq!(dir.pinned.get("passwort"), Some(code(7)));
    }

    #[test]
    fn a_lexicon_cut_by_one_byte_keeps_a_letter_in_one_group() {
        let keys: Vec<(&[u8], u64)> = vec![
            (b" tarif wechseln", 9),
            (b"a", code(5)),
            (b"apfel", code(1)),
            (b"ast", code(2)),
            (b"tarif", code(3)),
        ];
        let lex = write_lexicon(keys, &[], &[], 1);
        let dir = Directory::open(&lex.directory).unwrap();
        let keys: Vec<&[u8]> = dir.groups.iter().map(|g| g.key).collect();
        assert_eq!(keys, [b"a", b"t"]);
        assert_eq!(dir.group_of(b"apfel"), Some(0));
        assert_eq!(dir.group_of(b"a"), Some(0));
        assert_eq!(dir.group_of(b" tarif wechseln"), Some(1));
        assert_eq!(dir.groups_beginning(b"t"), 1..2);
        assert_eq!(dir.groups_beginning(b"ast"), 0..1, "the letter's one group");
        let (at, len) = dir.groups[0].map;
        let map = open_map(&lex.words[at..at + len]).unwrap();
        assert_eq!(map.get("ast"), Some(code(2)));
        assert!(dir.letter(b'a').is_empty(), "its group has them");
    }

    #[test]
    fn each_letter_keeps_its_shortest_words_of_two_bytes_or_more_ties_in_key_order() {
        let words = [
            "baum", "bb", "bc", "berg", "bus", "bz", "ba", "bo", "bu", "bi", "be", "by",
        ];
        let mut keys: Vec<(&[u8], u64)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_bytes(), code(i as u64)))
            .collect();
        keys.push((b"b", code(99)));
        keys.push((b"bx", 2 << 3 | 2)); // only a stem
        keys.push((b" bus fahren", 7)); // a phrase
        keys.sort();
        let lex = write_lexicon(keys, &[], &[], 2);
        let dir = Directory::open(&lex.directory).unwrap();
        let got: Vec<String> = dir.letter(b'b').into_iter().map(|(w, _)| w).collect();
        let mut want: Vec<&str> = words.to_vec();
        want.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        want.truncate(LETTER_COMPLETIONS);
        assert_eq!(got, want);
        assert_eq!(dir.letter(b'b')[0], ("ba".to_string(), code(6)));
        assert!(dir.letter(b'q').is_empty());
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
        let lex = write_lexicon(std::iter::empty(), &[], &[], 2);
        let dir = Directory::open(&lex.directory).unwrap();
        assert!(dir.groups.is_empty());
        assert!(lex.words.is_empty());
        assert_eq!(dir.group_of(b"a"), None);
        assert!(dir.letter(b'a').is_empty());
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
                2,
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
    fn groups_out_of_order_or_with_keys_too_long_are_rejected() {
        let group = |w: &mut Writer, key: &[u8]| {
            w.u8(key.len() as u8);
            w.buf.extend_from_slice(key);
        };
        let directory = |keys: &[&[u8]]| {
            let mut w = Writer::new();
            w.u8(2);
            w.varint(keys.len() as u64);
            for key in keys {
                group(&mut w, key);
            }
            w.buf.extend(std::iter::repeat_n(0, 8 * keys.len()));
            w.varint(0);
            w.buf
                .extend_from_slice(&fst::MapBuilder::memory().into_inner().unwrap());
            w.buf
        };
        assert!(Directory::open(&directory(&[b"a", b"ab"])).is_ok());
        assert!(Directory::open(&directory(&[b"ab", b"a"])).is_err());
        assert!(Directory::open(&directory(&[b"a", b"a"])).is_err());
        assert!(Directory::open(&directory(&[b"abc"])).is_err());
        assert!(Directory::open(&directory(&[b""])).is_err());
    }
}
