//! Opening a bundle: header and section table checked, nothing else parsed.

use super::entries::{Entries, Lookup};
use super::rank::{DocScales, NormScales, RankWeights};
use super::vocab::Vocab;
use crate::analysis::{unfold, Lang};
use crate::format::answers::{answer_in_group, Groups};
use crate::format::catalog::{decode_topics, DocsCut, Topic};
use crate::format::lexicon::Directory;
use crate::format::pool::decode_parts;
use crate::format::{
    decode_notices, decode_person, decode_synonyms, open_odd_stems, DocRecord, Docs, FormatError,
    Home, Layout, LocaleDocs, Meta, NormsAt, NoticeRecord, PartTable, Pool, PostingIter,
    SectionKind, Spelling, FIELDS, NO_LOCALE,
};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A bundle opened in place over its bytes. A core bundle's POSTINGS,
/// WORDS and ANSWERS (and for many entries DOCS) arrive later, in parts ([`Bundle::add_part`]); until then a
/// read of them finds nothing and notes what it missed
/// ([`Bundle::take_missed`]), so the host can fetch it and ask again.
#[derive(Debug)]
pub struct Bundle<'a> {
    pub meta: Meta<'a>,
    docs: Entries<'a>,
    answers: Pool<'a>,
    /// Where each group of answers lies in `answers`.
    groups: Groups,
    /// By locale number; `None` for a locale this bundle does not hold.
    locales: Vec<Option<LocaleIndex<'a>>>,
    notices: &'a [u8],
    layout: Layout<'a>,
}

/// The search structures of one locale.
/// One synonym group: each member (a word or a phrase) as its words, each
/// with its postings offset if the kb uses it.
pub(crate) type SynonymGroup = Vec<Vec<(String, Option<u64>)>>;

#[derive(Debug)]
pub struct LocaleIndex<'a> {
    pub docs: LocaleDocs<'a>,
    /// Folded surface words and stems → postings offsets, and their spellings.
    pub terms: Vocab<'a>,
    postings: Pool<'a>,
    synonyms: &'a [u8],
    /// The synonym groups with their members' postings, looked up once per
    /// bundle (see [`Self::synonym_groups`]).
    groups: OnceLock<Vec<SynonymGroup>>,
    /// The editors' empty state (HOME), if site.toml has one for this locale.
    pub home: Option<Home<'a>>,
    /// The kb's "I want a person" phrases (PERSON), if site.toml gives them.
    pub person: Option<Vec<&'a str>>,
    /// The BM25F field scales (by norm code, and per doc where LOCALE
    /// holds the norms), and the field weights and `b` they were computed
    /// for: the first query computes them, later ones read them.
    scales: OnceLock<([u32; 2 * FIELDS], DocScales)>,
}

impl<'a> LocaleIndex<'a> {
    /// The postings at `offset` as an allocation-free walk; a corrupt list
    /// reads as empty (or ends early), because a visitor's query must never fail.
    /// A list whose part has not arrived reads as empty too, and is noted.
    pub fn posting_iter(&self, offset: u64) -> PostingIter<'a> {
        self.postings_at(offset)
            .and_then(|b| PostingIter::new(b, 0, self.docs.len() as u32, self.docs.norms_at()).ok())
            .unwrap_or_else(|| {
                PostingIter::new(&[0], 0, 0, NormsAt::Columns)
                    .unwrap_or_else(|_| panic!("a zero-length list always reads"))
            })
    }

    /// The postings bytes from `offset` to the end of their part.
    fn postings_at(&self, offset: u64) -> Option<&'a [u8]> {
        self.postings
            .get(usize::try_from(offset).ok()?, None)
            .filter(|b| !b.is_empty())
    }

    /// The synonym groups: each member's words with their postings, where
    /// the kb uses them. Every query's synonym check reads them, and
    /// looking the words up again per query cost about an eighth of a
    /// keystroke's search. They may be kept: the words are pinned in the
    /// lexicon (`format::vocab`), so their look-ups never wait for a part.
    /// A corrupt section reads as no groups.
    pub(crate) fn synonym_groups(&self) -> &[SynonymGroup] {
        self.groups.get_or_init(|| {
            decode_synonyms(self.synonyms)
                .unwrap_or_default()
                .into_iter()
                .map(|group| {
                    group
                        .into_iter()
                        .map(|member| {
                            crate::utf8::split_byte(member, b' ')
                                .map(|word| (word.to_string(), self.terms.get(word)))
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
    }

    /// The [`DocScales`] for `weights`: computed once per bundle.
    pub fn doc_scales(&self, weights: &RankWeights) -> Cow<'_, DocScales> {
        let compute = || {
            let by_code = NormScales::new(weights, &self.docs.avg_field_len());
            let per_doc = match self.docs.norms_at() {
                NormsAt::Columns => (0..self.docs.len())
                    .map(|d| by_code.of(&self.docs.norms(d)))
                    .collect(),
                NormsAt::Postings => Vec::new(),
            };
            DocScales { by_code, per_doc }
        };
        let key = Self::scales_key(weights);
        let (for_weights, scales) = self.scales.get_or_init(|| (key, compute()));
        if *for_weights == key {
            Cow::Borrowed(scales)
        } else {
            // Other weights than the first query's (tuning runs): not kept.
            Cow::Owned(compute())
        }
    }

    fn scales_key(weights: &RankWeights) -> [u32; 2 * FIELDS] {
        std::array::from_fn(|i| {
            if i < FIELDS {
                weights.field[i].to_bits()
            } else {
                weights.b[i - FIELDS].to_bits()
            }
        })
    }

    /// How a folded index word is usually spelt ("zaehler" → "zähler"):
    /// `None` while its group's spellings have not arrived (a core bundle;
    /// then noted, so a suggestion waits for them rather than showing the
    /// folded word).
    pub fn display(&self, term: &str) -> Option<String> {
        Some(match self.terms.spelling(term)? {
            Some(Spelling::Unfold(mask)) => unfold(term, mask),
            Some(Spelling::Text(spelt)) => spelt.to_string(),
            None => term.to_string(),
        })
    }

    /// Number of docs in the postings at `offset` (its first varint), cheaply.
    pub fn doc_freq(&self, offset: u64) -> usize {
        self.postings_at(offset).map_or(0, |b| {
            crate::format::Reader::new(b)
                .count(self.docs.len(), "posting count")
                .unwrap_or(0)
        })
    }
}

impl<'a> Bundle<'a> {
    /// Opens `bytes`: checks magic, version, length and section bounds, and
    /// reads the small META section. Cost does not grow with the entries.
    ///
    /// For bytes this crate compiled itself (the embedded bundle). Bytes from
    /// anywhere else go through [`Bundle::open_verified`]: the `fst` term
    /// index trusts its input, so only the checksum guards it.
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let layout = Layout::parse(bytes)?;
        let meta = layout.read(SectionKind::Meta, NO_LOCALE, Meta::decode)?;
        let tables = layout
            .read_optional(SectionKind::Parts, NO_LOCALE, decode_parts)?
            .unwrap_or_default();
        let table = |kind, locale| {
            tables
                .iter()
                .position(|t: &PartTable| t.kind == kind && t.locale == locale)
                .map(|no| Pool::parts(&tables[no], no))
        };
        let docs = match table(SectionKind::Docs, NO_LOCALE) {
            Some(docs) => Entries::Parts {
                cut: layout.read(SectionKind::Docs, NO_LOCALE, DocsCut::decode)?,
                docs,
                ids: table(SectionKind::Ids, NO_LOCALE).ok_or(FormatError::MissingSection {
                    kind: SectionKind::Ids,
                    locale: NO_LOCALE,
                })?,
            },
            None => Entries::Whole(layout.read(SectionKind::Docs, NO_LOCALE, Docs::open)?),
        };
        // A pool listed in PARTS is in parts (packed); else it is its section.
        let pool = |kind, locale| -> Result<Pool<'a>, FormatError> {
            match table(kind, locale) {
                Some(parts) => Ok(parts),
                None => layout.require(kind, locale).map(Pool::Whole),
            }
        };
        let answers = pool(SectionKind::Answers, NO_LOCALE)?;
        let groups = layout.read(SectionKind::Groups, NO_LOCALE, Groups::open)?;
        let mut locales = Vec::with_capacity(meta.locales.len());
        for li in 0..meta.locales.len() as u16 {
            if layout.find(SectionKind::Locale, li).is_none() {
                locales.push(None);
                continue;
            }
            let locale_docs = layout.read(SectionKind::Locale, li, LocaleDocs::open)?;
            // Each is an entry: the count sizes a query's per-doc buffers.
            if locale_docs.len() > docs.len() {
                return Err(FormatError::corrupt("locale doc count", 0));
            }
            locales.push(Some(LocaleIndex {
                docs: locale_docs,
                terms: Vocab::new(
                    layout.read(SectionKind::Terms, li, Directory::open)?,
                    pool(SectionKind::Words, li)?,
                    layout.read(SectionKind::Stems, li, open_odd_stems)?,
                ),
                postings: pool(SectionKind::Postings, li)?,
                synonyms: layout.find(SectionKind::Synonyms, li).unwrap_or(&[]),
                groups: OnceLock::new(),
                home: layout.read_optional(SectionKind::Home, li, Home::decode)?,
                person: layout.read_optional(SectionKind::Person, li, decode_person)?,
                scales: OnceLock::new(),
            }));
        }
        let notices = layout.find(SectionKind::Notices, NO_LOCALE).unwrap_or(&[]);
        Ok(Self {
            meta,
            docs,
            answers,
            groups,
            locales,
            notices,
            layout,
        })
    }

    /// Like [`Bundle::open`], and also verifies the checksum over all bytes.
    pub fn open_verified(bytes: &'a [u8]) -> Result<Self, FormatError> {
        Layout::parse(bytes)?.verify_checksum()?;
        Self::open(bytes)
    }

    /// Number of the locale `tag` (exact, then by language), else the
    /// default; among the locales this bundle holds, else the first it holds.
    pub fn locale_no(&self, tag: &str) -> u16 {
        let held = |i: &usize| self.locales.get(*i).is_some_and(Option::is_some);
        let wanted = self.meta.locale_no(tag);
        Some(usize::from(wanted))
            .filter(held)
            .or_else(|| (0..self.locales.len()).find(held))
            .map_or(wanted, |i| i as u16)
    }

    /// The index and analysis language that serve a locale tag (with the
    /// fallback of [`Bundle::locale_no`]).
    pub fn search_locale(&self, tag: &str) -> Option<(&LocaleIndex<'a>, Lang)> {
        let no = self.locale_no(tag);
        let name = self
            .meta
            .locales
            .get(usize::from(no))
            .copied()
            .unwrap_or("");
        Some((self.locale(no)?, Lang::from_locale(name)))
    }

    pub fn locale(&self, no: u16) -> Option<&LocaleIndex<'a>> {
        self.locales.get(usize::from(no))?.as_ref()
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// The record of global doc number `n`, if it exists and reads
    /// cleanly: `None` while its part has not arrived (then noted).
    pub fn doc(&self, n: u32) -> Option<DocRecord<'a>> {
        self.docs.get(n as usize)
    }

    /// The answer HTML of global doc `n`: `None` while its part has not arrived.
    pub fn answer_html(&self, n: u32) -> Option<&'a str> {
        // In parts, part g is group g.
        let at = self.groups.locate(n)?;
        let group = match at.range {
            Some((start, end)) => self.answers.get(start, Some(end))?,
            None => self.answers.part(at.group)?,
        };
        answer_in_group(group, at.k)
    }

    /// The pools that may be in parts: ANSWERS, DOCS and IDS, and each
    /// locale's POSTINGS and WORDS. A list, not an iterator: each of the
    /// four callers instantiated the chained adapters' code of its own.
    fn pools(&self) -> Vec<&Pool<'a>> {
        let mut out = vec![&self.answers];
        out.extend(self.docs.pools());
        for l in self.locales.iter().flatten() {
            out.push(&l.postings);
            out.push(l.terms.pool());
        }
        out
    }

    /// Takes a part's bytes by its key (from [`Self::take_missed`]);
    /// false when they belong to no part of this bundle or are damaged.
    pub fn add_part(&self, key: u64, bytes: &'static [u8]) -> bool {
        // A key names one part of one pool (its table's number and its own).
        self.pools().into_iter().any(|p| p.add(key, bytes))
    }

    /// The name a host fetches the part with `key` by: a byte range of a
    /// pack (`pack-<hash>.bin@<offset>+<length>`, see [`crate::format::pool`]).
    pub fn part_name(&self, key: u64) -> Option<String> {
        self.pools().into_iter().find_map(|p| p.name(key))
    }

    /// The key of the part a host fetched as `name`, if it is one of this bundle's.
    pub fn part_key(&self, name: &str) -> Option<u64> {
        self.pools().into_iter().find_map(|p| p.key(name))
    }

    /// Whether the part with `key` holds answers (only a shown snippet or
    /// an opened answer reads them, never the ranking).
    pub fn is_answer_part(&self, key: u64) -> bool {
        self.answers.has_part(key)
    }

    /// The parts that reads since the last call wanted and did not have.
    pub fn take_missed(&self) -> Vec<u64> {
        let mut out = Vec::new();
        for p in self.pools() {
            p.take_missed(&mut out);
        }
        // The engine's one sort: std's would add its own instantiation.
        super::select::sort_small(&mut out, u64::cmp);
        out.dedup();
        out
    }

    /// The question of global doc number `n` (`None` while its part has
    /// not arrived, then noted).
    pub fn question(&self, n: u32) -> Option<std::borrow::Cow<'a, str>> {
        self.docs.question(n as usize)
    }

    /// The global doc number of an entry id, if known now.
    pub fn find_id(&self, id: &str) -> Option<u32> {
        match self.lookup_id(id) {
            Lookup::Found(n) => Some(n),
            Lookup::Absent | Lookup::Waiting => None,
        }
    }

    /// What is known of an entry id: its doc number, that there is none,
    /// or that the part that would say has not arrived (then noted).
    pub fn lookup_id(&self, id: &str) -> Lookup {
        self.docs.lookup(id)
    }

    /// The records of every entry, in doc order: one pass, for lists of
    /// all entries (a record found by number is a seek in its block).
    /// None where DOCS is in parts: such lists are built from the whole.
    pub fn docs(&self) -> impl Iterator<Item = DocRecord<'a>> + 'a {
        self.docs.iter()
    }

    /// The topics of locale `no`, each with its entries, in the order
    /// their first entries come (TOPICS where DOCS is in parts).
    pub fn topics(&self, no: u16) -> Vec<Topic<'a>> {
        match self.docs {
            Entries::Whole(_) => self.docs.topics(no),
            Entries::Parts { cut, .. } => self
                .layout
                .read_optional(SectionKind::Topics, no, |b| decode_topics(b, cut.len))
                .ok()
                .flatten()
                .unwrap_or_default(),
        }
    }

    /// All notices, valid or not.
    pub fn notices(&self) -> Vec<NoticeRecord<'a>> {
        decode_notices(self.notices).unwrap_or_default()
    }

    /// Notices of `locale` valid at `now_ms`.
    pub fn active_notices(&self, locale: u16, now_ms: i64) -> Vec<NoticeRecord<'a>> {
        self.notices()
            .into_iter()
            .filter(|n| n.is_active(locale, now_ms))
            .collect()
    }

    /// The HOTLINE section, if the knowledge base has a hotline.toml.
    pub fn hotline_section(&self) -> Option<&'a [u8]> {
        self.layout.find(SectionKind::Hotline, NO_LOCALE)
    }

    /// Total bytes of the bundle.
    pub fn size(&self) -> usize {
        self.layout
            .sections()
            .iter()
            .map(|s| s.offset + s.len)
            .max()
            .unwrap_or(0)
    }
}
