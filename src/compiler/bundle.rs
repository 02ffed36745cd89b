//! Turns a loaded knowledge base into bundle sections: the doc store, and
//! per locale the field lengths, the term index (an `fst` map) and postings.

use super::locale_index::LocaleIndex;
use super::source::{Entry, KnowledgeBase};
use crate::analysis::{Analyzer, Lang};
use crate::format::answers::group_answers;
use crate::format::pool::{cut, encode_parts, pack, part_hash};
use crate::format::{
    encode_notices, encode_person, encode_synonyms, one_line, BundleWriter, DocRecord, Docs, Home,
    LocaleDocs, Meta, NoticeRecord, PartTable, SectionKind, NO_LOCALE,
};
use std::collections::BTreeMap;

/// Figures about a compiled bundle, for the CLI and the build log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// (locale, entries, distinct terms)
    pub locales: Vec<(String, usize, usize)>,
    pub notices: usize,
    /// Contact channels with hours, and the HOTLINE section's bytes.
    pub hotline_channels: usize,
    pub hotline_bytes: usize,
    pub bytes: usize,
}

/// What one build writes: all of the kb, or one locale; pools inside the
/// bundle, or cut into part files of about `part_bytes`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this locale's entries, index, home and notices (META still
    /// lists every locale, so locale numbers agree across the files).
    pub locale: Option<String>,
    /// Cut POSTINGS and ANSWERS into parts of about this many bytes, and
    /// WORDS into parts of whole term groups up to as many (a query word
    /// needs its letter's map, and little else should come with it).
    pub part_bytes: Option<usize>,
    /// At most about this many part files: above it, parts grow beyond
    /// `part_bytes` (a static host caps the files of a site).
    pub max_parts: Option<usize>,
    /// Packs each pool's parts into one file instead, each part compressed
    /// alone by this (gzip): hosts fetch parts as byte ranges of it, and
    /// no file cap grows them.
    pub pack: Option<Compress>,
}

/// Compresses one part alone (the kit's gzip -9).
pub type Compress = fn(&[u8]) -> Vec<u8>;

/// A built bundle and its part files.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub bundle: Vec<u8>,
    /// (hash, bytes) of each part file, or of each pack with
    /// `Options::pack`; empty without `part_bytes`.
    pub parts: Vec<(u64, Vec<u8>)>,
    pub stats: Stats,
}

/// The bundle bytes for `kb`, and figures about them.
pub fn build(kb: &KnowledgeBase, built_at: u64) -> (Vec<u8>, Stats) {
    let built = build_with(kb, built_at, &Options::default());
    (built.bundle, built.stats)
}

/// Where a pool may be cut, and how.
enum Cuts {
    /// Parts of at least the target, cut at these offsets ([`cut`]):
    /// postings lists and answers, of which a query needs many.
    AtLeast(Vec<usize>),
    /// Parts of whole pieces up to the target times the run's factor
    /// ([`pack`]), in runs that no part mixes, each (start, end, piece
    /// starts, factor): the term groups' maps and spellings, of which a
    /// query needs one or two.
    Packed(Vec<(usize, usize, Vec<usize>, usize)>),
}

/// How much larger than the maps' parts the spellings' are: only a "did
/// you mean" shown to the visitor reads them, never a search, and every
/// file they take is one the answers cannot (man pages, 10,000 entries:
/// 198 word parts, half of them spellings, grew the answer parts a
/// first search reads by 8 kB brotli).
const SPELLINGS_FACTOR: usize = 4;

impl Cuts {
    /// The part lengths of `len` bytes cut at `target`.
    fn lens(&self, len: usize, target: usize) -> Vec<u32> {
        match self {
            Self::AtLeast(cuts) => cut(len, cuts, target),
            Self::Packed(runs) => runs
                .iter()
                .flat_map(|(start, end, starts, factor)| {
                    pack(*start, *end, starts, target.saturating_mul(*factor))
                })
                .collect(),
        }
    }
}

/// Cuts a pool into parts: its table, and the part files, or with
/// `pack` the one pack of them, each compressed alone.
fn cut_pool(
    (kind, locale, body, cuts): (SectionKind, u16, &[u8], &Cuts),
    target: usize,
    pack: Option<Compress>,
    files: &mut Vec<(u64, Vec<u8>)>,
) -> PartTable {
    let mut start = 0;
    let mut parts = Vec::new();
    let mut packed = Vec::new();
    for len in cuts.lens(body.len(), target) {
        let bytes = &body[start..start + len as usize];
        start += len as usize;
        match pack {
            Some(compress) => {
                let z = compress(bytes);
                parts.push((len, z.len() as u64));
                packed.extend_from_slice(&z);
            }
            None => {
                let hash = part_hash(bytes);
                parts.push((len, hash));
                files.push((hash, bytes.to_vec()));
            }
        }
    }
    let pack = pack.map(|_| {
        let hash = part_hash(&packed);
        files.push((hash, packed));
        hash
    });
    PartTable {
        kind,
        locale,
        parts,
        pack,
    }
}

/// A pool to cut into parts once all are known: (kind, locale, bytes,
/// where and how it may be cut).
type PendingPool = (SectionKind, u16, Vec<u8>, Cuts);

/// The part sizes for `pools`, (index, answers): `part_bytes`, or larger
/// where that would make more than `max_parts` parts, grown in steps of a
/// sixteenth until the pools, cut as they will be, fit (or each is one
/// part per run). The answers grow first, up to [`ANSWERS_GROW_FIRST`]
/// times the index's size: they are most of a kb's bytes and so of its
/// files, while a search reads the index in small pieces (man pages,
/// 10,000 entries: the index at 8 kB and the answers grown fit the cap,
/// and a first search reads 4.6 kB less postings and answers than with
/// both at 16 kB).
fn part_targets(
    part_bytes: usize,
    max_parts: Option<usize>,
    pools: &[PendingPool],
) -> (usize, usize) {
    let mut targets = (part_bytes.max(1), part_bytes.max(1));
    let Some(max) = max_parts else {
        return targets;
    };
    let is_answers = |p: &PendingPool| p.0 == SectionKind::Answers;
    let parts = |(index, answers): (usize, usize)| -> usize {
        pools
            .iter()
            .map(|p| {
                p.3.lens(p.2.len(), if is_answers(p) { answers } else { index })
                    .len()
            })
            .sum()
    };
    let longest = |answers: bool| {
        pools
            .iter()
            .filter(|p| is_answers(p) == answers)
            .map(|p| p.2.len())
            .max()
            .unwrap_or(0)
    };
    let grow = |t: &mut usize| *t += t.div_ceil(16);
    while parts(targets) > max {
        let answers_may_grow = targets.1 < longest(true);
        let index_may_grow = targets.0 < longest(false);
        if answers_may_grow && (targets.1 < ANSWERS_GROW_FIRST * targets.0 || !index_may_grow) {
            grow(&mut targets.1);
        } else if index_may_grow {
            grow(&mut targets.0);
        } else {
            break;
        }
    }
    targets
}

/// How much larger than the index's parts the answers' may grow before
/// the index's grow too: answer parts are fetched per shown hit, so they
/// must stay small as well (a 100,000-entry kb whose answers alone took
/// the growth made them one 18 MB part). Man pages, 10,000 entries, core +
/// first search (format 25): 159.7 kB at 2, 161.4 at 3, 160.2 at 4.
const ANSWERS_GROW_FIRST: usize = 4;

/// Bytes of answers per group in a bundle that holds them (a reader
/// steps over at most a group's lengths to find one).
const ANSWER_GROUP_BYTES: usize = 4 * 1024;

/// [`build`] with [`Options`].
pub fn build_with(kb: &KnowledgeBase, built_at: u64, options: &Options) -> Built {
    let locale_no = |l: &str| kb.site.locales.iter().position(|x| x == l).unwrap_or(0) as u16;
    let wanted = |l: &str| options.locale.as_deref().is_none_or(|o| o == l);
    let entries: Vec<&Entry> = kb.entries.iter().filter(|e| wanted(&e.locale)).collect();
    let doc_no: BTreeMap<&str, u32> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let mut out = BundleWriter::new();
    let meta = Meta {
        site_name: &kb.site.name,
        locales: kb.site.locales.iter().map(String::as_str).collect(),
        default_locale: locale_no(&kb.site.default_locale),
        phone: kb.site.contact.phone.as_deref().unwrap_or(""),
        email: kb.site.contact.email.as_deref().unwrap_or(""),
        contact_url: kb.site.contact.url.as_deref().unwrap_or(""),
        built_at,
        content_hash: kb.content_hash,
        doc_count: entries.len() as u32,
    };
    out.add(SectionKind::Meta, NO_LOCALE, meta.encode());
    let records: Vec<DocRecord> = entries
        .iter()
        .map(|e| DocRecord {
            id: e.id.as_str().into(),
            locale: locale_no(&e.locale),
            category: &e.category,
            question: one_line(&e.question),
            related: e
                .related
                .iter()
                .filter_map(|r| doc_no.get(r.as_str()).copied())
                .collect(),
        })
        .collect();
    out.add(SectionKind::Docs, NO_LOCALE, Docs::encode(&records));
    let htmls: Vec<&str> = entries.iter().map(|e| e.answer.html.as_str()).collect();
    let mut pools: Vec<PendingPool> = Vec::new();
    match options.part_bytes {
        Some(_) => {
            // Sized as the answers one after the other; grouped once the
            // parts' size is known: one group per part.
            let mut answers = Vec::new();
            let mut answer_starts = Vec::with_capacity(htmls.len());
            for html in &htmls {
                answer_starts.push(answers.len());
                answers.extend_from_slice(html.as_bytes());
            }
            pools.push((
                SectionKind::Answers,
                NO_LOCALE,
                answers,
                Cuts::AtLeast(answer_starts),
            ));
            out.add(SectionKind::Answers, NO_LOCALE, Vec::new());
        }
        None => {
            let grouped = group_answers(&htmls, ANSWER_GROUP_BYTES, false);
            out.add(SectionKind::Answers, NO_LOCALE, grouped.answers);
            out.add(SectionKind::Groups, NO_LOCALE, grouped.groups);
        }
    }

    let mut stats = Stats::default();
    for (li, locale) in kb.site.locales.iter().enumerate() {
        if !wanted(locale) {
            continue;
        }
        let entries: Vec<(usize, &Entry)> = entries
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, e)| &e.locale == locale)
            .collect();
        let analyzer = Analyzer::new(Lang::from_locale(locale));
        let groups = synonym_groups(kb.synonyms.get(locale), &analyzer);
        // A dictionary read whole keeps one group per letter; in parts,
        // one per two first bytes, so a word fetches less than its letter.
        let group_key_bytes = if options.part_bytes.is_some() { 2 } else { 1 };
        let index = LocaleIndex::build(analyzer, &entries, &groups, group_key_bytes);
        let li = li as u16;
        stats
            .locales
            .push((locale.clone(), entries.len(), index.terms));
        out.add(SectionKind::Locale, li, LocaleDocs::encode(&index.docs));
        out.add(SectionKind::Terms, li, index.lexicon.directory.clone());
        out.add(SectionKind::Stems, li, index.stems);
        match options.part_bytes {
            Some(_) => {
                let [(m0, m1, maps), (s0, s1, spellings)] = index.lexicon.cuts();
                let cuts = Cuts::Packed(vec![
                    (m0, m1, maps.to_vec(), 1),
                    (s0, s1, spellings.to_vec(), SPELLINGS_FACTOR),
                ]);
                pools.push((SectionKind::Words, li, index.lexicon.words, cuts));
                out.add(SectionKind::Words, li, Vec::new());
            }
            None => out.add(SectionKind::Words, li, index.lexicon.words),
        }
        match options.part_bytes {
            Some(_) => {
                pools.push((
                    SectionKind::Postings,
                    li,
                    index.postings,
                    Cuts::AtLeast(index.list_starts),
                ));
                out.add(SectionKind::Postings, li, Vec::new());
            }
            None => out.add(SectionKind::Postings, li, index.postings),
        }
        out.add(SectionKind::Synonyms, li, encode_synonyms(&groups));
        if let Some(home) = kb.site.home.get(locale) {
            let home = Home {
                greeting: &home.greeting,
                placeholder: &home.placeholder,
                featured: home
                    .featured
                    .iter()
                    .filter_map(|id| doc_no.get(id.as_str()).copied())
                    .collect(),
            };
            out.add(SectionKind::Home, li, home.encode());
        }
        if let Some(phrases) = kb.site.person.get(locale) {
            let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
            out.add(SectionKind::Person, li, encode_person(&phrases));
        }
    }
    let notices: Vec<NoticeRecord> = kb
        .notices
        .iter()
        .filter(|n| wanted(&n.locale))
        .map(|n| NoticeRecord {
            locale: locale_no(&n.locale),
            from_ms: n.from_ms,
            until_ms: n.until_ms,
            title: &n.title,
            html: &n.body.html,
            text: &n.body.text,
        })
        .collect();
    stats.notices = notices.len();
    out.add(SectionKind::Notices, NO_LOCALE, encode_notices(&notices));
    if let Some(h) = &kb.hotline {
        let tables = super::hotline::expand::tables(h, &kb.site, built_at);
        stats.hotline_channels = h.channels.len();
        stats.hotline_bytes = tables.len();
        out.add(SectionKind::Hotline, NO_LOCALE, tables);
    }
    let mut tables = Vec::new();
    let mut files = Vec::new();
    if let Some(part_bytes) = options.part_bytes {
        // A pack is one file whatever its parts: no cap grows them.
        let max_parts = options.max_parts.filter(|_| options.pack.is_none());
        let (index, answers) = part_targets(part_bytes, max_parts, &pools);
        for (kind, locale, body, cuts) in &pools {
            let t = if *kind == SectionKind::Answers {
                // Groups as large as the parts, so each part is one group.
                let grouped = group_answers(&htmls, answers, true);
                out.add(SectionKind::Groups, NO_LOCALE, grouped.groups);
                let groups = grouped.starts.len();
                let cuts = Cuts::AtLeast(grouped.starts);
                let pool = (*kind, *locale, &grouped.answers[..], &cuts);
                let t = cut_pool(pool, answers, options.pack, &mut files);
                // GROUPS leaves where groups lie to PARTS: part g is group g.
                assert_eq!(t.parts.len(), groups.max(1), "one group per part");
                t
            } else {
                cut_pool(
                    (*kind, *locale, body, cuts),
                    index,
                    options.pack,
                    &mut files,
                )
            };
            tables.push(t);
        }
        out.add(SectionKind::Parts, NO_LOCALE, encode_parts(&tables));
    }
    let bundle = out.finish();
    stats.bytes = bundle.len() + files.iter().map(|(_, b)| b.len()).sum::<usize>();
    Built {
        bundle,
        parts: files,
        stats,
    }
}

/// Synonym groups as folded surface phrases (words joined by spaces).
fn synonym_groups(groups: Option<&Vec<Vec<String>>>, analyzer: &Analyzer) -> Vec<Vec<String>> {
    groups
        .map(|gs| {
            gs.iter()
                .map(|g| {
                    g.iter()
                        .map(|phrase| {
                            let words: Vec<String> = analyzer
                                .tokenize(phrase)
                                .into_iter()
                                .filter(|t| !t.stop)
                                .map(|t| t.term)
                                .collect();
                            words.join(" ")
                        })
                        .filter(|p| !p.is_empty())
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_run_with_a_factor_packs_its_pieces_that_many_times_larger() {
        // Two runs of ten 100-byte pieces: the maps at the target, the
        // spellings at four times it.
        let maps: Vec<usize> = (0..10).map(|i| i * 100).collect();
        let spellings: Vec<usize> = (10..20).map(|i| i * 100).collect();
        let cuts = Cuts::Packed(vec![
            (0, 1_000, maps, 1),
            (1_000, 2_000, spellings, SPELLINGS_FACTOR),
        ]);
        let lens = cuts.lens(2_000, 200);
        assert_eq!(&lens[..5], [200; 5], "maps: two pieces a part");
        assert_eq!(&lens[5..], [800, 200], "spellings: eight pieces a part");
    }

    #[test]
    fn parts_grow_only_as_far_as_the_cap_needs_answers_first() {
        let starts: Vec<usize> = (0..1000).map(|i| i * 100).collect();
        let pools: Vec<PendingPool> = vec![
            (
                SectionKind::Answers,
                0,
                vec![0; 100_000],
                Cuts::AtLeast(starts.clone()),
            ),
            (
                SectionKind::Words,
                0,
                vec![0; 100_000],
                Cuts::Packed(vec![(0, 100_000, starts, 1)]),
            ),
        ];
        let count = |(index, answers): (usize, usize)| -> usize {
            pools[0].3.lens(100_000, answers).len() + pools[1].3.lens(100_000, index).len()
        };
        assert_eq!(part_targets(1_000, None, &pools), (1_000, 1_000));
        assert_eq!(
            part_targets(1_000, Some(1_000), &pools),
            (1_000, 1_000),
            "200 parts fit"
        );
        let (index, answers) = part_targets(1_000, Some(150), &pools);
        assert_eq!(
            index, 1_000,
            "the index keeps its size while the answers can grow"
        );
        assert!(count((index, answers)) <= 150);
        assert!(
            count((index, answers - answers.div_ceil(17))) > 150,
            "answers a step smaller would not fit"
        );
        let (index, answers) = part_targets(1_000, Some(40), &pools);
        assert!(count((index, answers)) <= 40, "{index}, {answers}");
        assert!(
            index > 1_000,
            "the index grows once the answers are 4 times as large"
        );
        assert!(
            answers <= ANSWERS_GROW_FIRST * index + index.div_ceil(16) * ANSWERS_GROW_FIRST,
            "the answers never take all the growth: {index}, {answers}"
        );
        assert!(
            part_targets(1_000, Some(1), &pools).0 >= 100_000,
            "no endless growth"
        );
    }
}
