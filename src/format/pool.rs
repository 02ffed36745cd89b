//! Byte pools that may live outside the bundle: POSTINGS, WORDS and
//! ANSWERS, and for many entries DOCS and IDS ([`super::catalog`]).
//!
//! A small kb keeps every pool inside its bundle. A large one ships a
//! *core* bundle, where such a section is empty and PARTS says how its
//! bytes were cut into parts and packed; the engine reads a pool through
//! [`Pool`], which answers from the parts it has and notes the ones it
//! lacks, so the host can fetch them and ask again. A read never spans
//! two parts: the compiler cuts only between postings lists, between
//! term groups ([`super::lexicon`]), between answers and between blocks
//! of records.
//!
//! ```text
//! PARTS (NO_LOCALE): varint m | m × { u16 kind, u16 locale, u48 pack hash,
//!                    varint k, k × { [varint len], varint packed len } }
//! ```
//!
//! Part `i` of a pool holds the pool's bytes from the sum of the lengths
//! before it. ANSWERS' parts store no length: each is one group of
//! answers, read whole by its number ([`Pool::part`]), and the lengths
//! were 2 bytes of the core per part (42,443 parts at 100,000 entries). Every part is gzip-compressed alone, and a pool is one file
//! of them, one after the other, its pack, named by [`part_hash`] of its
//! bytes ([`pack_name`]; content-addressed, so it can be cached for a
//! year): the host fetches a part as a byte range of its pack, so a kb of
//! any size is a handful of files, and a part can be as small as a query
//! needs without a host's file cap growing it (part files did grow under
//! Cloudflare Pages' 20,000: eight hits of 100,000 entries fetched 190 kB
//! of answers). Gzip's CRC checks each part when it is unpacked, and its
//! length when it is taken.

use super::{FormatError, Reader, SectionKind, Writer};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// Bits of a pack's hash: 48, as its name's 12 hex digits.
pub const PART_HASH_BITS: u32 = 48;

/// FNV-1a's 64 bits, the low [`PART_HASH_BITS`] of them: names packs
/// (and the kit's other hashed files). Not a defence against a forger
/// (the packs come from the site's own server), but a collision between
/// two versions of a kb's packs is as unlikely as content-hashed names
/// need.
pub fn part_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << PART_HASH_BITS) - 1)
}

/// Bytes of a pack's hash in PARTS.
const HASH_BYTES: usize = PART_HASH_BITS as usize / 8;

/// Hex digits of a pack's name.
const NAME_DIGITS: usize = PART_HASH_BITS as usize / 4;

/// The file name of the pack with `hash`: `pack-<12 hex digits>.bin`.
pub fn pack_name(hash: u64) -> String {
    let mut name = String::with_capacity(NAME_DIGITS + 9);
    name.push_str("pack-");
    push_hex(&mut name, hash, NAME_DIGITS);
    name.push_str(".bin");
    name
}

/// `v` as `digits` lower-case hex digits (the low ones).
fn push_hex(out: &mut String, v: u64, digits: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for i in (0..digits).rev() {
        out.push(char::from(HEX[(v >> (i * 4)) as usize & 15]));
    }
}

/// `v` in hex without leading zeros.
fn push_short_hex(out: &mut String, v: u64) {
    let digits = (64 - v.leading_zeros() as usize).div_ceil(4).max(1);
    push_hex(out, v, digits);
}

/// The name a host fetches a part by:
/// `pack-<12 hex digits>.bin@<offset>+<length>`, both in hex: the byte
/// range of its gzip member in the pack.
pub fn packed_part_name(pack: u64, offset: u64, len: u64) -> String {
    let mut name = pack_name(pack);
    name.push('@');
    push_short_hex(&mut name, offset);
    name.push('+');
    push_short_hex(&mut name, len);
    name
}

/// (pack hash, offset, length) of a part's name.
pub fn parse_packed_part_name(name: &str) -> Option<(u64, u64, u64)> {
    let (file, range) = crate::utf8::split_once_byte(name, b'@')?;
    let hex = file.strip_prefix("pack-")?.strip_suffix(".bin")?;
    let (offset, len) = crate::utf8::split_once_byte(range, b'+')?;
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 16)
            .then(|| u64::from_str_radix(s, 16).ok())
            .flatten()
    };
    (hex.len() == NAME_DIGITS).then_some((num(hex)?, num(offset)?, num(len)?))
}

/// Whether a pool's parts are read whole by number, so PARTS keeps no
/// length for them: ANSWERS, one group per part; DOCS and IDS ([`super::catalog`]).
const fn read_by_number(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Answers | SectionKind::Docs | SectionKind::Ids
    )
}

/// How one pool was cut and packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartTable {
    pub kind: SectionKind,
    pub locale: u16,
    /// The hash of the pack that holds the parts.
    pub pack: u64,
    /// Each part in order: (length, its gzipped length in the pack); the
    /// length reads back as 0 where PARTS keeps none (ANSWERS).
    pub parts: Vec<(u32, u32)>,
}

/// Encodes PARTS.
pub fn encode_parts(tables: &[PartTable]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(tables.len() as u64);
    for t in tables {
        w.u16(t.kind as u16);
        w.u16(t.locale);
        w.buf.extend_from_slice(&t.pack.to_le_bytes()[..HASH_BYTES]);
        w.varint(t.parts.len() as u64);
        for &(len, packed) in &t.parts {
            if !read_by_number(t.kind) {
                w.varint(u64::from(len));
            }
            w.varint(u64::from(packed));
        }
    }
    w.buf
}

/// Decodes PARTS.
pub fn decode_parts(bytes: &[u8]) -> Result<Vec<PartTable>, FormatError> {
    let mut r = Reader::new(bytes);
    let m = r.count(u16::MAX as usize, "part table count")?;
    let mut out = Vec::with_capacity(m);
    for _ in 0..m {
        let at = r.pos();
        let kind = SectionKind::from_u16(r.u16("part table kind")?)
            .ok_or(FormatError::corrupt("part table kind", at))?;
        let locale = r.u16("part table locale")?;
        let mut pack = [0; 8];
        pack[..HASH_BYTES].copy_from_slice(r.take(HASH_BYTES, "pack hash")?);
        let k = r.count(bytes.len() / 2, "part count")?;
        let parts = r.list(k, |r| {
            let len = match read_by_number(kind) {
                true => 0,
                false => r.count(u32::MAX as usize, "part length")? as u32,
            };
            let packed = r.count(u32::MAX as usize, "packed part length")? as u32;
            Ok((len, packed))
        })?;
        out.push(PartTable {
            kind,
            locale,
            pack: u64::from_le_bytes(pack),
            parts,
        });
    }
    Ok(out)
}

/// Cuts `len` bytes into parts of about `target` bytes, only at `cuts`
/// (ascending offsets where a cut is allowed). Returns the part lengths.
pub fn cut(len: usize, cuts: &[usize], target: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut start = 0;
    for &at in cuts {
        if at > start && at < len && at - start >= target {
            out.push((at - start) as u32);
            start = at;
        }
    }
    if len > start || out.is_empty() {
        out.push((len - start) as u32);
    }
    out
}

/// Cuts the bytes from `start` to `end` into parts of whole pieces (a
/// piece runs from one of `starts`, ascending within the range, to the
/// next or to `end`), each part as many pieces as fit in `target` bytes,
/// a piece larger than `target` alone. Returns the part lengths. Unlike
/// [`cut`], a part never grows past `target` to finish a piece: a query
/// that needs one piece (a letter's words) fetches little else.
pub fn pack(start: usize, end: usize, starts: &[usize], target: usize) -> Vec<u32> {
    let inner: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&at| at > start && at < end)
        .collect();
    let mut out = Vec::new();
    let mut part = start;
    for (i, &at) in inner.iter().enumerate() {
        // Cut before the next piece if the part would outgrow the target.
        let next = inner.get(i + 1).copied().unwrap_or(end);
        if next - part > target {
            out.push((at - part) as u32);
            part = at;
        }
    }
    if end > part {
        out.push((end - part) as u32);
    }
    out
}

/// One part of a pool: where it starts, and its bytes once they arrived.
/// Parts are kept for the visit, so they are `'static` (a page leaks what
/// it fetched); that also keeps [`Pool`] covariant in `'a`, as a bundle
/// over borrowed bytes must be.
#[derive(Debug)]
pub struct Part {
    start: usize,
    /// `None` for a part read whole by number, of whatever length.
    len: Option<usize>,
    /// Where its gzip member lies in the pack: (offset, length).
    packed: (u64, u64),
    bytes: OnceLock<&'static [u8]>,
    /// A read wanted it before it arrived.
    missed: AtomicBool,
}

impl Part {
    /// Its bytes, or `None` and it is noted as missed.
    fn arrived(&self) -> Option<&'static [u8]> {
        let bytes = self.bytes.get().copied();
        if bytes.is_none() {
            self.missed.store(true, Ordering::Relaxed);
        }
        bytes
    }
}

/// A section's bytes, whole or in parts.
#[derive(Debug)]
pub enum Pool<'a> {
    Whole(&'a [u8]),
    /// The parts, the hash of the pack that holds them, and the table's
    /// number in PARTS. The engine calls part `i` by its key, `no << 32 | i`.
    Parts {
        parts: Vec<Part>,
        pack: u64,
        no: u32,
    },
}

impl<'a> Pool<'a> {
    /// The pool of a table's parts, none of them here yet. `no` is the
    /// table's number in PARTS, which keys its parts.
    pub fn parts(table: &PartTable, no: usize) -> Self {
        let (mut start, mut at) = (0, 0);
        let sized = !read_by_number(table.kind);
        let parts = table
            .parts
            .iter()
            .map(|&(len, packed)| {
                let part = Part {
                    start,
                    len: sized.then_some(len as usize),
                    packed: (at, u64::from(packed)),
                    bytes: OnceLock::new(),
                    missed: AtomicBool::new(false),
                };
                start += len as usize;
                at += u64::from(packed);
                part
            })
            .collect();
        Self::Parts {
            parts,
            pack: table.pack,
            no: no as u32,
        }
    }

    /// The bytes from `start` to `end` (or to the end of the part that
    /// holds `start`): `None` when they are outside the pool, span two
    /// parts, or lie in a part that has not arrived, which is then noted.
    pub fn get(&self, start: usize, end: Option<usize>) -> Option<&'a [u8]> {
        match self {
            Self::Whole(bytes) => bytes.get(start..end.unwrap_or(bytes.len())),
            Self::Parts { parts, .. } => {
                let i = parts.partition_point(|p| p.start <= start).checked_sub(1)?;
                let part = &parts[i];
                let len = part.len?;
                let bytes = part.arrived()?;
                let end = end.unwrap_or(part.start + len);
                bytes.get(start - part.start..end.checked_sub(part.start)?)
            }
        }
    }

    /// Part `i` whole (ANSWERS' group `i`): `None` while it has not
    /// arrived, which is then noted, or in a pool that is not cut.
    pub fn part(&self, i: usize) -> Option<&'a [u8]> {
        self.cut().get(i)?.arrived()
    }

    /// The parts that arrived, by number, without noting the others.
    pub fn arrived(&self) -> impl Iterator<Item = (usize, &'static [u8])> + '_ {
        self.cut()
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, *p.bytes.get()?)))
    }

    /// How many parts the pool is cut into (0 if it is not).
    pub fn part_count(&self) -> usize {
        self.cut().len()
    }

    /// This pool's parts, if it is cut.
    fn cut(&self) -> &[Part] {
        match self {
            Self::Whole(_) => &[],
            Self::Parts { parts, .. } => parts,
        }
    }

    /// The part with `key`, if it is one of this pool's.
    fn by_key(&self, key: u64) -> Option<&Part> {
        match self {
            Self::Parts { parts, no, .. } if key >> 32 == u64::from(*no) => {
                parts.get((key & u64::from(u32::MAX)) as usize)
            }
            _ => None,
        }
    }

    /// Whether one of this pool's parts has `key`.
    pub fn has_part(&self, key: u64) -> bool {
        self.by_key(key).is_some()
    }

    /// The name the host fetches the part with `key` by, if it is one of
    /// this pool's: [`packed_part_name`].
    pub fn name(&self, key: u64) -> Option<String> {
        let Self::Parts { pack, .. } = self else {
            return None;
        };
        let part = self.by_key(key)?;
        Some(packed_part_name(*pack, part.packed.0, part.packed.1))
    }

    /// The key of the part a host fetched as `name`, if it is one of this
    /// pool's.
    pub fn key(&self, name: &str) -> Option<u64> {
        let Self::Parts { parts, pack, no } = self else {
            return None;
        };
        let (hash, offset, len) = parse_packed_part_name(name)?;
        // Parts lie in the pack in order.
        let i = parts.binary_search_by_key(&offset, |p| p.packed.0).ok()?;
        (hash == *pack && parts[i].packed.1 == len).then_some(u64::from(*no) << 32 | i as u64)
    }

    /// Takes a part's bytes, unpacked, if `key` is one of this pool's
    /// parts and they are as long as it; returns whether it did.
    pub fn add(&self, key: u64, bytes: &'static [u8]) -> bool {
        let Some(p) = self.by_key(key) else {
            return false;
        };
        if p.len.is_some_and(|len| len != bytes.len()) {
            return false;
        }
        p.missed.store(false, Ordering::Relaxed);
        p.bytes.set(bytes).is_ok() || p.bytes.get().is_some()
    }

    /// Keys of the parts a read wanted and did not have, each once.
    pub fn take_missed(&self, out: &mut Vec<u64>) {
        let Self::Parts { parts, no, .. } = self else {
            return;
        };
        for (i, p) in parts.iter().enumerate() {
            if p.missed.swap(false, Ordering::Relaxed) && p.bytes.get().is_none() {
                out.push(u64::from(*no) << 32 | i as u64);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_table_reads_back_as_written() {
        let tables = vec![
            PartTable {
                kind: SectionKind::Postings,
                locale: 1,
                pack: 7,
                parts: vec![(10, 30), (3, 23)],
            },
            PartTable {
                kind: SectionKind::Answers,
                locale: super::super::NO_LOCALE,
                pack: (1 << PART_HASH_BITS) - 1,
                parts: vec![(0, 1_234), (0, 5)],
            },
        ];
        assert_eq!(decode_parts(&encode_parts(&tables)).unwrap(), tables);
        let mut answers = tables[1].clone();
        answers.parts[0].0 = 300_000;
        assert_eq!(
            encode_parts(&[answers]),
            encode_parts(&tables[1..]),
            "no lengths of answer parts"
        );
    }

    #[test]
    fn a_truncated_part_table_is_an_error_not_a_panic() {
        let bytes = encode_parts(&[PartTable {
            kind: SectionKind::Postings,
            locale: 0,
            pack: 9,
            parts: vec![(10, 7)],
        }]);
        for len in 0..bytes.len() {
            assert!(decode_parts(&bytes[..len]).is_err(), "length {len}");
        }
    }

    #[test]
    fn cuts_fall_only_where_allowed_and_cover_every_byte() {
        let lens = cut(100, &[0, 10, 25, 40, 90], 20);
        assert_eq!(lens, vec![25, 65, 10]);
        assert_eq!(lens.iter().sum::<u32>(), 100);
        assert_eq!(cut(0, &[], 20), vec![0]);
    }

    #[test]
    fn packed_parts_hold_whole_pieces_and_never_grow_past_the_target_but_for_one_large_piece() {
        // Pieces of 5, 10, 30, 4, 4, 7 bytes from 100 to 160.
        let starts = [100, 105, 115, 145, 149, 153];
        let lens = pack(100, 160, &starts, 16);
        assert_eq!(lens, vec![15, 30, 15]);
        assert_eq!(lens.iter().sum::<u32>(), 60);
        assert_eq!(
            pack(0, 10, &[0], 4),
            vec![10],
            "one piece larger than the target"
        );
        assert!(pack(5, 5, &[], 4).is_empty(), "nothing to cut");
    }

    /// Parts of 4, 6 and 2 bytes, packed into 30, 35 and 22 bytes.
    fn table() -> PartTable {
        PartTable {
            kind: SectionKind::Postings,
            locale: 0,
            pack: 0x00ab_0123_4567,
            parts: vec![(4, 30), (6, 35), (2, 22)],
        }
    }

    #[test]
    fn a_pool_reads_only_parts_that_arrived_and_notes_the_others() {
        let pool = Pool::parts(&table(), 0);
        assert_eq!(pool.get(5, None), None);
        let mut missed = Vec::new();
        pool.take_missed(&mut missed);
        assert_eq!(missed.len(), 1, "the second part");
        assert!(
            !pool.add(missed[0], b"bbbbb"),
            "a length the part does not have"
        );
        assert!(!pool.add(missed[0] + 1, b"bbbbbb"), "another part's key");
        assert!(pool.add(missed[0], b"bbbbbb"));
        assert_eq!(pool.get(5, None), Some(&b"bbbbb"[..]));
        assert_eq!(pool.get(5, Some(7)), Some(&b"bb"[..]));
        assert_eq!(pool.get(5, Some(11)), None, "spans two parts");
        assert_eq!(pool.part(1), Some(&b"bbbbbb"[..]));
        let mut again = Vec::new();
        pool.take_missed(&mut again);
        assert!(again.is_empty());
    }

    #[test]
    fn an_answer_part_is_read_whole_by_its_number_whatever_its_length() {
        let table = PartTable {
            kind: SectionKind::Answers,
            locale: 0,
            pack: 1,
            parts: vec![(0, 30), (0, 35)],
        };
        let pool = Pool::parts(&table, 0);
        assert_eq!(pool.part(1), None);
        let mut missed = Vec::new();
        pool.take_missed(&mut missed);
        assert_eq!(missed, vec![1], "table 0, part 1");
        assert!(pool.add(1, b"group one"));
        assert_eq!(pool.part(1), Some(&b"group one"[..]));
        assert_eq!(pool.part(2), None, "no such part");
        assert_eq!(pool.get(0, None), None, "not read by offset");
    }

    #[test]
    fn a_part_is_named_by_its_packs_hash_and_byte_range() {
        let pool = Pool::parts(&table(), 3);
        pool.get(5, None);
        let mut missed = Vec::new();
        pool.take_missed(&mut missed);
        let name = pool.name(missed[0]).unwrap();
        assert_eq!(name, "pack-00ab01234567.bin@1e+23", "offset 30, length 35");
        assert_eq!(pool.key(&name), Some(missed[0]));
        assert_eq!(
            pool.key("pack-00ab01234567.bin@1e+22"),
            None,
            "another range"
        );
        assert_eq!(
            pool.key("pack-00ab01234568.bin@1e+23"),
            None,
            "another pack"
        );
        let other = Pool::parts(&table(), 4);
        other.get(5, None);
        let mut theirs = Vec::new();
        other.take_missed(&mut theirs);
        assert_ne!(theirs, missed, "two tables' parts never share a key");
    }

    #[test]
    fn part_names_read_back_and_reject_what_is_not_one() {
        let name = packed_part_name(0xffff_ffff_ffff, 0, 0x1_0000_0000);
        assert_eq!(name, "pack-ffffffffffff.bin@0+100000000");
        assert_eq!(
            parse_packed_part_name(&name),
            Some((0xffff_ffff_ffff, 0, 0x1_0000_0000))
        );
        for bad in [
            "pack-ffffffffffff.bin",
            "pack-ffffffffffff.bin@+1",
            "pack-ffffffffffff.bin@1+",
            "pack-fffffffffff.bin@1+1",
            "pack-ffffffffffff.bin@1+x",
            "p-ffffffffffff.bin@1+1",
        ] {
            assert_eq!(parse_packed_part_name(bad), None, "{bad}");
        }
        assert_eq!(pack_name(0xab), "pack-0000000000ab.bin");
        assert!(part_hash(&[0xff; 100]) < 1 << PART_HASH_BITS);
    }
}
