//! The knowledge bundle: one versioned binary that the build-side compiler
//! writes and the query side reads in place, without copying or parsing it.
//!
//! This module is the only description of the byte layout. `build.rs`
//! includes it by path, so the writer and the reader cannot drift apart.
//!
//! ```text
//! Bundle (all integers little-endian)
//!
//! offset  size  field
//! 0       8     MAGIC  "HWKB\r\n\x1a\n"  (catches text-mode mangling, like PNG)
//! 8       2     VERSION (u16); readers reject any other version
//! 10      2     flags (u16), reserved, 0
//! 12      4     section count n (u32)
//! 16      4     total length of the bundle in bytes (u32)
//! 20      4     CRC-32 of all bytes but these four
//! 24      12·n  section table, n × { kind: u16, locale: u16, offset: u32, len: u32 }
//! …             section payloads at their offsets, each 4-byte aligned, zero padded
//! ```
//!
//! Sections (`locale` is an index into META's locale list, or `NO_LOCALE`).
//! A bundle may hold the sections of only some of META's locales (a kit
//! ships one bundle per locale): a locale without LOCALE is absent.
//!
//! ```text
//! META      site name, default locale, locales, contact channels, built_at, kb hash
//! DOCS      u32 n | per block of 16 docs, in two columns of b = ⌈n / 16⌉
//!           u32s in byte planes (the low byte of each, then the second
//!           byte of each, …): the offset of its first record, of its first
//!           question | u32 r | r bytes of records, one per doc: locale u16,
//!           category, id (its folder, varint bytes of a slug of the question
//!           its name does not start with, the rest of its name, see
//!           [`DocRecord`]), related (varint count, varint global doc numbers)
//!           | the questions, each a byte of how many bytes it shares with
//!           the one before it in its block (never 10), the rest, and a
//!           line break (never in one).
//!           A doc is read from its block's start ([`DOC_BLOCK`]). Two
//!           streams, because each compresses best among its own kind ([`Docs`])
//! ANSWERS   groups of answers in doc order, each: varint m | m × varint
//!           byte length | the m answers' HTML (its text is derived when
//!           needed); may be in parts, one group each (see PARTS, [`answers`])
//! GROUPS    u32 g | g u32s: each group's first global doc number | g + 1
//!           u32s: where each group starts in ANSWERS, then its end (byte planes)
//! LOCALE    per locale: u32 n | u32 r | r × { u32 locale-local doc, u32 its global
//!           doc number }, runs of consecutive global numbers, each from its
//!           local doc to the next run's | FIELDS × u64 summed field lengths
//!           | u8 where the docs' [`Norms`] are ([`NormsAt`]): 0, here, as
//!           FIELDS + 2 columns of n one-byte codes ([`norm_code`]: exact
//!           below 64, else 4 mantissa bits): each field's length, then the
//!           summed idf of the question's content words and of its stop
//!           words, in 1/128, rounded down; 1, in the postings
//! TERMS     per locale: the directory of the term dictionary, cut by the
//!           first byte of its keys (two where WORDS is in parts), each
//!           letter's shortest words where cut by two, and PINNED, the
//!           words every query may look up across letters (see [`lexicon`]). The dictionary is
//!           one `fst::Map` per group from each folded surface word and each
//!           stem to a [`TermValue`]: offset in POSTINGS << 3 | 4 if the key
//!           is a surface word that splits into other words of the index
//!           (a compound) | 2 if it is a stem with those postings | 1 if it
//!           is a surface word whose stem has them (one map for both: words
//!           and their stems share most of their paths); and each alias as a phrase key (see
//!           `phrase_key`: a space, then its folded words) to the offset of
//!           the postings of the entries that have it, with neither flag
//! STEMS     per locale: an `fst::Map` from the few stems spelt like a surface
//!           word of another stem ("news" → "new") to their own offset
//! WORDS     per locale (may be in parts, see PARTS): the groups' maps
//!           ([`lexicon`]), each a group's `fst::Map`; then the groups'
//!           spellings, each a DISPLAY ([`DisplayWriter`], [`DisplayIndex`]):
//!           varint n | an n-byte `fst::Map` from a folded surface word,
//!           where folding changed its usual lower-case spelling, to mask
//!           << 1 (unfold the digraphs whose bit is set: "zaehler", 1 →
//!           "zähler", see `analysis::unfold`) or to offset << 1 | 1 of
//!           the spelling in the strings after the map; for completions
//!           and suggestions, so a search never fetches them
//! POSTINGS  per locale (may be in parts, see PARTS): per stem: varint df | df × u8 header = field mask
//!           (bits 0-2) | tf of the first set field, up to 31 (bits 3-7) |
//!           [varint d, where the postings carry norms] | d bytes: df ×
//!           { varint delta of the locale-local doc number (the first
//!           absolute, then increasing), [varint rest of the first tf if
//!           31], varint tf of each further set field }, in the headers'
//!           order | where LOCALE says so, df × the doc's [`Norms`] for the
//!           posting: the code of each set field's length, then, if the
//!           question is set, the codes of the question's idf sums
//! SYNONYMS  per locale: varint groups | per group: varint k | k analysed phrases
//! HOME      per locale (optional; absent when site.toml has no [home.<locale>]):
//!           greeting | varint n | n × varint global doc number of a featured entry |
//!           search placeholder ("" for the widget's own)
//! PERSON    per locale (optional; absent when site.toml's [person] does not name the
//!           locale): varint n | n × "I want a person" phrase, as written
//! NOTICES   varint n | n × { locale u16, from ms i64, until ms i64, title, html, text }
//! TOPICS    per locale (only where DOCS is in parts): each topic's entries ([`catalog`])
//! IDS       (only in parts, with DOCS) the entries' ids by hash ([`catalog`])
//! PARTS     (optional; only in a core bundle) how POSTINGS, WORDS, ANSWERS, DOCS and IDS were
//!           cut into parts, gzipped one by one into a pack per pool,
//!           which then holds their bytes ([`pool`])
//! HOTLINE   (optional; absent when the kb has no hotline.toml) read in place, fixed width:
//!           header 12 × u32: first_day i32, days, zone string, locales,
//!             midnights m + offset, strings s + offset, texts t + offset, channels c + offset
//!           m × { u16 day, i16 minutes }: local day d starts at UTC minute d·1440 − minutes
//!           (s+1) × u32 offsets into a UTF-8 pool | t × locales × u32 string
//!           c × 80-byte channel records: id, href, label text, kind (phone, chat, callback,
//!             email, form), 7 × weekday pattern, then count + offset of: pattern table
//!             ((p+1) × u32 first span), spans (8 bytes: u16 start, u16 end minute after
//!             the day's UTC start, u16 comment text+1, u8 kind 0 closed/1 open/2 unknown),
//!             exceptions { u16 day, u16 pattern }, day notes { u16 day, u16 text }, quiet hours (u8)
//! ```
//!
//! HOTLINE's day patterns were placed on the UTC axis by the compiler (DST
//! gap and overlap resolved there), so `crate::hotline` needs no tz data;
//! see `hotline.rs` for the byte offsets. Its reads never panic: out of
//! bounds they give 0 or "", so a corrupt HOTLINE gives wrong hours, not a crash.
//!
//! Strings are a varint byte length followed by UTF-8. Varints are LEB128.
//! Every read is bounds-checked and returns [`FormatError`]: a corrupted
//! bundle is rejected, never read out of bounds.

use std::fmt;

pub mod answers;
pub mod catalog;
mod codec;
mod hotline;
pub mod lexicon;
pub mod pool;
mod records;
mod vocab;

pub use codec::{Reader, Writer};
pub use hotline::*;
pub use pool::{PartTable, Pool};
pub use records::*;
pub use vocab::*;

/// First bytes of every bundle.
pub const MAGIC: [u8; 8] = *b"HWKB\r\n\x1a\n";
/// Bumped on every change to the layout; there is no compatibility shim.
pub const VERSION: u16 = 30;
/// Bytes before the section table.
pub const HEADER_LEN: usize = 24;
/// Bytes of one section table entry.
pub const SECTION_ENTRY_LEN: usize = 12;
/// `locale` of sections that belong to no locale.
pub const NO_LOCALE: u16 = u16::MAX;

/// Indexed fields of an entry, in posting order. Their weights live with the ranking.
pub const FIELDS: usize = 3;
/// Field number of the question.
pub const FIELD_QUESTION: usize = 0;
/// Field number of the aliases (other phrasings, tags).
pub const FIELD_ALIASES: usize = 1;
/// Field number of the answer body.
pub const FIELD_ANSWER: usize = 2;

/// The kinds of section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum SectionKind {
    Meta = 1,
    Docs = 2,
    Locale = 3,
    Terms = 4,
    Postings = 5,
    Synonyms = 6,
    Notices = 7,
    Hotline = 8,
    Stems = 9,
    Words = 10,
    Home = 11,
    Person = 12,
    Answers = 13,
    Parts = 14,
    Groups = 15,
    Topics = 16,
    Ids = 17,
}

impl SectionKind {
    /// Sections that only the checksum guards: `fst` maps trust their
    /// bytes, so [`Bundle::open`](../engine/struct.Bundle.html) reads them
    /// as they are, and a bundle from elsewhere must pass
    /// [`Layout::verify_checksum`] first. Tests and the fuzz target leave
    /// these sections (and their table entries) intact when they damage
    /// a bundle on purpose.
    pub const fn checksum_only() -> &'static [SectionKind] {
        &[Self::Terms, Self::Stems, Self::Words]
    }

    pub(crate) fn from_u16(v: u16) -> Option<Self> {
        Some(match v {
            1 => Self::Meta,
            2 => Self::Docs,
            3 => Self::Locale,
            4 => Self::Terms,
            5 => Self::Postings,
            6 => Self::Synonyms,
            7 => Self::Notices,
            8 => Self::Hotline,
            9 => Self::Stems,
            10 => Self::Words,
            11 => Self::Home,
            12 => Self::Person,
            13 => Self::Answers,
            14 => Self::Parts,
            15 => Self::Groups,
            16 => Self::Topics,
            17 => Self::Ids,
            _ => return None,
        })
    }
}

/// Why a byte string is not a readable bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Shorter than the header, or than the length the header claims.
    Truncated { needed: usize, available: usize },
    /// Not a bundle at all.
    BadMagic,
    /// Written by another version of this crate; rebuild the bundle.
    UnsupportedVersion { found: u16, expected: u16 },
    /// The header's length disagrees with the bytes given.
    LengthMismatch { header: usize, actual: usize },
    /// The checksum does not match the content.
    ChecksumMismatch { stored: u32, computed: u32 },
    /// A section lies (partly) outside the bundle, or has an unknown kind.
    BadSection { index: usize },
    /// A required section is missing.
    MissingSection { kind: SectionKind, locale: u16 },
    /// A value inside a section is malformed. `offset` counts from the
    /// start of the bundle once `section` is known (the reader of a whole
    /// bundle adds it, see [`Layout::read`]), else from the section's start.
    Corrupt {
        what: &'static str,
        section: Option<SectionKind>,
        offset: usize,
    },
    /// A doc number past the end of DOCS (asked for, or read from a
    /// corrupt reference).
    NoSuchDoc { doc: usize },
}

impl FormatError {
    /// A malformed `what` at `offset` bytes into the section being read.
    /// The release Wasm leaves `what` empty: nothing there reads it
    /// (install_kb answers with one fixed sentence), and the labels and
    /// the code passing them along would stay in it (−1.2 KiB brotli).
    pub fn corrupt(what: &'static str, offset: usize) -> Self {
        let what = if cfg!(all(target_arch = "wasm32", not(debug_assertions))) {
            ""
        } else {
            what
        };
        Self::Corrupt {
            what,
            section: None,
            offset,
        }
    }

    /// The error as seen from the whole bundle: a section-relative
    /// [`FormatError::Corrupt`] gets `section`'s kind and absolute offset.
    pub fn in_section(self, section: &Section) -> Self {
        match self {
            Self::Corrupt {
                what,
                section: None,
                offset,
            } => Self::Corrupt {
                what,
                section: Some(section.kind),
                offset: section.offset.saturating_add(offset),
            },
            other => other,
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { needed, available } => {
                write!(f, "bundle truncated: needs {needed} bytes, has {available}")
            }
            Self::BadMagic => write!(f, "not a help-widget bundle (bad magic bytes)"),
            Self::UnsupportedVersion { found, expected } => write!(
                f,
                "bundle format version {found} is not supported (expected {expected}); rebuild it"
            ),
            Self::LengthMismatch { header, actual } => {
                write!(f, "bundle header says {header} bytes, got {actual}")
            }
            Self::ChecksumMismatch { stored, computed } => write!(
                f,
                "bundle checksum mismatch (stored {stored:08x}, computed {computed:08x})"
            ),
            Self::BadSection { index } => write!(f, "section {index} is out of bounds or unknown"),
            Self::MissingSection { kind, locale } => {
                write!(f, "section {kind:?} for locale {locale} is missing")
            }
            Self::Corrupt {
                what,
                section: Some(kind),
                offset,
            } => write!(
                f,
                "corrupt {what} in section {kind:?} at byte {offset} of the bundle"
            ),
            Self::Corrupt {
                what,
                section: None,
                offset,
            } => write!(f, "corrupt {what} at byte {offset} of its section"),
            Self::NoSuchDoc { doc } => write!(f, "doc number {doc} is past the last doc"),
        }
    }
}

impl std::error::Error for FormatError {}

/// One entry of the section table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub locale: u16,
    pub offset: usize,
    pub len: usize,
}

/// A validated view of a bundle's header and section table.
#[derive(Debug, Clone)]
pub struct Layout<'a> {
    bytes: &'a [u8],
    sections: Vec<Section>,
}

impl<'a> Layout<'a> {
    /// Checks magic, version, length and the section table: O(sections), no payload is read.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, FormatError> {
        if bytes.len() < HEADER_LEN {
            return Err(FormatError::Truncated {
                needed: HEADER_LEN,
                available: bytes.len(),
            });
        }
        if bytes[..8] != MAGIC {
            return Err(FormatError::BadMagic);
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if version != VERSION {
            return Err(FormatError::UnsupportedVersion {
                found: version,
                expected: VERSION,
            });
        }
        let n = le_u32(bytes, 12) as usize;
        let total = le_u32(bytes, 16) as usize;
        if total != bytes.len() {
            return Err(FormatError::LengthMismatch {
                header: total,
                actual: bytes.len(),
            });
        }
        let table_end = n
            .checked_mul(SECTION_ENTRY_LEN)
            .and_then(|t| t.checked_add(HEADER_LEN))
            .filter(|&end| end <= bytes.len())
            .ok_or(FormatError::Truncated {
                needed: HEADER_LEN.saturating_add(n.saturating_mul(SECTION_ENTRY_LEN)),
                available: bytes.len(),
            })?;
        let mut sections = Vec::with_capacity(n);
        for index in 0..n {
            let at = HEADER_LEN + index * SECTION_ENTRY_LEN;
            let kind = SectionKind::from_u16(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
                .ok_or(FormatError::BadSection { index })?;
            let locale = u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]);
            let offset = le_u32(bytes, at + 4) as usize;
            let len = le_u32(bytes, at + 8) as usize;
            if offset < table_end || offset.checked_add(len).is_none_or(|e| e > bytes.len()) {
                return Err(FormatError::BadSection { index });
            }
            sections.push(Section {
                kind,
                locale,
                offset,
                len,
            });
        }
        Ok(Self { bytes, sections })
    }

    /// Recomputes the checksum over the whole bundle: O(bytes), for tools and tests.
    pub fn verify_checksum(&self) -> Result<(), FormatError> {
        let stored = le_u32(self.bytes, 20);
        let computed = checksum(self.bytes);
        if stored == computed {
            Ok(())
        } else {
            Err(FormatError::ChecksumMismatch { stored, computed })
        }
    }

    /// The payload of a section, if present.
    pub fn find(&self, kind: SectionKind, locale: u16) -> Option<&'a [u8]> {
        self.sections
            .iter()
            .find(|s| s.kind == kind && s.locale == locale)
            .map(|s| &self.bytes[s.offset..s.offset + s.len])
    }

    /// The payload of a section that must be present.
    pub fn require(&self, kind: SectionKind, locale: u16) -> Result<&'a [u8], FormatError> {
        self.find(kind, locale)
            .ok_or(FormatError::MissingSection { kind, locale })
    }

    /// `decode` applied to a required section; its errors name the section
    /// and their offset in the bundle.
    pub fn read<T>(
        &self,
        kind: SectionKind,
        locale: u16,
        decode: impl FnOnce(&'a [u8]) -> Result<T, FormatError>,
    ) -> Result<T, FormatError> {
        self.read_optional(kind, locale, decode)?
            .ok_or(FormatError::MissingSection { kind, locale })
    }

    /// [`Layout::read`] of a section that may be absent.
    pub fn read_optional<T>(
        &self,
        kind: SectionKind,
        locale: u16,
        decode: impl FnOnce(&'a [u8]) -> Result<T, FormatError>,
    ) -> Result<Option<T>, FormatError> {
        let Some(s) = self
            .sections
            .iter()
            .find(|s| s.kind == kind && s.locale == locale)
        else {
            return Ok(None);
        };
        decode(&self.bytes[s.offset..s.offset + s.len])
            .map(Some)
            .map_err(|e| e.in_section(s))
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
}

/// Assembles sections into a bundle with header, table, alignment and checksum.
#[derive(Debug, Default)]
pub struct BundleWriter {
    sections: Vec<(SectionKind, u16, Vec<u8>)>,
}

impl BundleWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, kind: SectionKind, locale: u16, payload: Vec<u8>) {
        self.sections.push((kind, locale, payload));
    }

    /// The finished bundle. Sections keep the order they were added in, so
    /// the same input gives the same bytes.
    pub fn finish(self) -> Vec<u8> {
        let n = self.sections.len();
        let mut out = vec![0u8; HEADER_LEN + n * SECTION_ENTRY_LEN];
        out[..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&VERSION.to_le_bytes());
        out[12..16].copy_from_slice(&(n as u32).to_le_bytes());
        for (i, (kind, locale, payload)) in self.sections.into_iter().enumerate() {
            while out.len() % 4 != 0 {
                out.push(0);
            }
            let at = HEADER_LEN + i * SECTION_ENTRY_LEN;
            let offset = out.len() as u32;
            out[at..at + 2].copy_from_slice(&(kind as u16).to_le_bytes());
            out[at + 2..at + 4].copy_from_slice(&locale.to_le_bytes());
            out[at + 4..at + 8].copy_from_slice(&offset.to_le_bytes());
            out[at + 8..at + 12].copy_from_slice(&(payload.len() as u32).to_le_bytes());
            out.extend_from_slice(&payload);
        }
        let total = out.len() as u32;
        out[16..20].copy_from_slice(&total.to_le_bytes());
        let crc = checksum(&out);
        out[20..24].copy_from_slice(&crc.to_le_bytes());
        out
    }
}

/// A bundle with no entries and no locale index: what the code-only
/// engine embeds until a kit's data is installed.
pub fn empty_bundle() -> Vec<u8> {
    let mut w = BundleWriter::new();
    let meta = Meta {
        site_name: "",
        locales: vec!["en"],
        default_locale: 0,
        phone: "",
        email: "",
        contact_url: "",
        built_at: 0,
        content_hash: 0,
        doc_count: 0,
    };
    w.add(SectionKind::Meta, NO_LOCALE, meta.encode());
    w.add(SectionKind::Docs, NO_LOCALE, Docs::encode(&[]));
    w.add(SectionKind::Answers, NO_LOCALE, Vec::new());
    w.finish()
}

/// CRC-32 of a whole bundle, skipping the checksum field itself.
fn checksum(bundle: &[u8]) -> u32 {
    let table = crc_table();
    !crc32_update(
        &table,
        crc32_update(&table, !0, &bundle[..20]),
        &bundle[HEADER_LEN..],
    )
}

/// CRC-32 (IEEE) with one 1 kB table, made when a checksum is asked for
/// (2,048 steps): the Wasm checks a fetched bundle once, and as a constant
/// the table was 1 kB of data brotli cannot shorten in every page's engine
/// (crc32fast's sixteen tables would add 16 kB).
fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    table
}

/// Feeds `bytes` to a running CRC-32 register (start with `!0`, finish with `!`).
fn crc32_update(table: &[u32; 256], mut c: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        c = table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    c
}

fn le_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = BundleWriter::new();
        w.add(SectionKind::Meta, NO_LOCALE, b"meta".to_vec());
        w.add(SectionKind::Terms, 1, vec![1, 2, 3]);
        w.finish()
    }

    #[test]
    fn a_written_bundle_reads_back_its_sections() {
        let bytes = sample();
        let layout = Layout::parse(&bytes).unwrap();
        layout.verify_checksum().unwrap();
        assert_eq!(
            layout.find(SectionKind::Meta, NO_LOCALE),
            Some(&b"meta"[..])
        );
        assert_eq!(layout.find(SectionKind::Terms, 1), Some(&[1u8, 2, 3][..]));
        assert_eq!(layout.find(SectionKind::Terms, 0), None);
        assert!(layout.sections().iter().all(|s| s.offset % 4 == 0));
    }

    #[test]
    fn a_bundle_of_another_version_is_rejected_with_both_versions() {
        let mut bytes = sample();
        bytes[8] = 99;
        assert_eq!(
            Layout::parse(&bytes).unwrap_err(),
            FormatError::UnsupportedVersion {
                found: 99,
                expected: VERSION
            }
        );
    }

    #[test]
    fn every_truncation_of_a_bundle_is_rejected() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(Layout::parse(&bytes[..len]).is_err(), "length {len}");
        }
    }

    #[test]
    fn a_corrupt_value_names_its_section_and_its_offset_in_the_bundle() {
        let bytes = sample();
        let layout = Layout::parse(&bytes).unwrap();
        let terms = layout.sections()[1];
        let err = layout
            // [1, 2, 3]: from byte 1, a string of 2 bytes with 1 left after its length.
            .read(SectionKind::Terms, 1, |b| Reader::at(b, 1).str("term"))
            .unwrap_err();
        assert_eq!(
            err,
            FormatError::Corrupt {
                what: "term",
                section: Some(SectionKind::Terms),
                offset: terms.offset + 2,
            }
        );
        assert_eq!(
            err.to_string(),
            format!(
                "corrupt term in section Terms at byte {} of the bundle",
                terms.offset + 2
            )
        );
        assert!(matches!(
            layout.read(SectionKind::Terms, 0, Ok),
            Err(FormatError::MissingSection { .. })
        ));
    }

    #[test]
    fn the_checksum_is_the_standard_crc32() {
        let t = crc_table();
        assert_eq!(!crc32_update(&t, !0, b"123456789"), 0xCBF4_3926);
        let split = !crc32_update(&t, crc32_update(&t, !0, b"1234"), b"56789");
        assert_eq!(split, 0xCBF4_3926);
    }

    #[test]
    fn a_flipped_payload_byte_fails_the_checksum() {
        let mut bytes = sample();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        let layout = Layout::parse(&bytes).unwrap();
        assert!(matches!(
            layout.verify_checksum(),
            Err(FormatError::ChecksumMismatch { .. })
        ));
    }
}
