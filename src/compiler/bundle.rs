//! Turns a loaded knowledge base into bundle sections: the doc store, and
//! per locale the field lengths, the term index (an `fst` map) and postings.

use super::locale_index::LocaleIndex;
use super::source::{Entry, KnowledgeBase};
use crate::analysis::{Analyzer, Lang};
use crate::format::answers::group_answers;
use crate::format::catalog::{encode_id_parts, encode_topics, topics, DocsCut};
use crate::format::pool::{cut, encode_parts, pack, part_hash};
use crate::format::{
    encode_notices, encode_person, encode_synonyms, one_line, BundleWriter, DocRecord, Docs, Home,
    LocaleDocs, Meta, NormsAt, NoticeRecord, PartTable, SectionKind, DOC_BLOCK, NO_LOCALE,
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
/// bundle, or cut into parts and packed.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this locale's entries, index, home and notices (META still
    /// lists every locale, so locale numbers agree across the files).
    pub locale: Option<String>,
    /// A core: POSTINGS, WORDS and ANSWERS cut into parts, one pack each,
    /// and DOCS (with IDS) too where it passes `Cutting::docs_whole_bytes`.
    pub parts: Option<Cutting>,
}

/// How a core's pools are cut into parts and packed.
#[derive(Debug, Clone, Copy)]
pub struct Cutting {
    /// Cut POSTINGS and ANSWERS into parts of about this many bytes, and
    /// WORDS into parts of whole term groups up to as many (a query word
    /// needs its letter's map, and little else should come with it).
    pub part_bytes: usize,
    /// DOCS stays in the core up to this many bytes; past them, the
    /// records go to parts as well, with TOPICS and IDS
    /// ([`crate::format::catalog`]).
    pub docs_whole_bytes: usize,
    /// Compresses each part alone into its pool's pack (the kit's gzip -9,
    /// which browsers unpack).
    pub compress: Compress,
}

/// Compresses one part alone.
pub type Compress = fn(&[u8]) -> Vec<u8>;

/// A built bundle and its packs.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub bundle: Vec<u8>,
    /// (hash, bytes) of each pack; empty without `Options::parts`.
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
/// you mean" shown to the visitor reads them, never a search. (Chosen
/// when part files counted against a host's file cap: 198 word parts,
/// half of them spellings, grew the man pages' answer parts. Packs have
/// no cap; the factor stays until measured again.)
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

/// Cuts a pool into parts, each compressed alone into the pool's pack:
/// its table, and the pack added to `packs`.
fn cut_pool(
    (kind, locale, body, cuts): (SectionKind, u16, &[u8], &Cuts),
    target: usize,
    compress: Compress,
    packs: &mut Vec<(u64, Vec<u8>)>,
) -> PartTable {
    let mut start = 0;
    let mut parts = Vec::new();
    let mut packed = Vec::new();
    for len in cuts.lens(body.len(), target) {
        let z = compress(&body[start..start + len as usize]);
        start += len as usize;
        parts.push((len, z.len() as u32));
        packed.extend_from_slice(&z);
    }
    let pack = part_hash(&packed);
    packs.push((pack, packed));
    PartTable {
        kind,
        locale,
        pack,
        parts,
    }
}

/// A pool to cut into parts once all are known: (kind, locale, bytes,
/// where and how it may be cut).
type PendingPool = (SectionKind, u16, Vec<u8>, Cuts);

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
    let docs = Docs::encode(&records);
    let mut pools: Vec<PendingPool> = Vec::new();
    let docs_in_parts = match options.parts {
        Some(c) if docs.len() > c.docs_whole_bytes => {
            let cut = docs_cut(records.len(), docs.len(), c.part_bytes);
            pools.extend(docs_pools(&records, cut, c.part_bytes));
            out.add(SectionKind::Docs, NO_LOCALE, cut.encode());
            true
        }
        _ => {
            out.add(SectionKind::Docs, NO_LOCALE, docs);
            false
        }
    };
    let htmls: Vec<&str> = entries.iter().map(|e| e.answer.html.as_str()).collect();
    match options.parts {
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
        let group_key_bytes = if options.parts.is_some() { 2 } else { 1 };
        let norms_at = if options.parts.is_some() {
            NormsAt::Postings
        } else {
            NormsAt::Columns
        };
        let index = LocaleIndex::build(analyzer, &entries, &groups, group_key_bytes, norms_at);
        let li = li as u16;
        stats
            .locales
            .push((locale.clone(), entries.len(), index.terms));
        out.add(
            SectionKind::Locale,
            li,
            LocaleDocs::encode(&index.docs, norms_at),
        );
        out.add(SectionKind::Terms, li, index.lexicon.directory.clone());
        out.add(SectionKind::Stems, li, index.stems);
        match options.parts {
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
        match options.parts {
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
        if docs_in_parts {
            let list = topics(records.iter().map(|r| (r.locale, r.category)), li);
            out.add(SectionKind::Topics, li, encode_topics(&list));
        }
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
    if let Some(Cutting {
        part_bytes,
        compress,
        ..
    }) = options.parts
    {
        let target = part_bytes.max(1);
        for (kind, locale, body, cuts) in &pools {
            let t = if matches!(kind, SectionKind::Docs | SectionKind::Ids) {
                // Cut where each part starts (see `docs_pools`).
                cut_pool((*kind, *locale, body, cuts), 1, compress, &mut files)
            } else if *kind == SectionKind::Answers {
                // Groups as large as the parts, so each part is one group.
                let grouped = group_answers(&htmls, target, true);
                out.add(SectionKind::Groups, NO_LOCALE, grouped.groups);
                let groups = grouped.starts.len();
                let cuts = Cuts::AtLeast(grouped.starts);
                let pool = (*kind, *locale, &grouped.answers[..], &cuts);
                let t = cut_pool(pool, target, compress, &mut files);
                // GROUPS leaves where groups lie to PARTS: part g is group g.
                assert_eq!(t.parts.len(), groups.max(1), "one group per part");
                t
            } else {
                cut_pool((*kind, *locale, body, cuts), target, compress, &mut files)
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

/// How DOCS is cut: whole blocks per part, as many as make about half a
/// part of the others (a search reads about 20 of them, for a question or
/// a record each).
fn docs_cut(len: usize, bytes: usize, part_bytes: usize) -> DocsCut {
    let blocks = len.div_ceil(DOC_BLOCK).max(1);
    let per_block = (bytes / blocks).max(1);
    DocsCut {
        len,
        per_part: DOC_BLOCK * (part_bytes / 2 / per_block).max(1),
    }
}

/// How many times larger than the others IDS' parts are: only a link to
/// an entry that no part at hand holds reads one.
const ID_PART_FACTOR: usize = 4;

/// The pools of DOCS in parts: the records, each part a DOCS of its
/// docs, and IDS. Each is one body with its parts' starts, cut at each.
fn docs_pools(records: &[DocRecord], cut: DocsCut, part_bytes: usize) -> [PendingPool; 2] {
    let joined = |parts: Vec<Vec<u8>>| {
        let starts = parts.iter().scan(0, |at, p| {
            let start = *at;
            *at += p.len();
            Some(start)
        });
        let starts: Vec<usize> = starts.collect();
        (parts.concat(), Cuts::AtLeast(starts))
    };
    let (docs, doc_cuts) = joined(records.chunks(cut.per_part).map(Docs::encode).collect());
    let ids: Vec<(&str, u32)> = records.iter().zip(0..).map(|(r, n)| (&*r.id, n)).collect();
    let id_bytes: usize = ids.iter().map(|(id, _)| id.len() + 3).sum();
    let id_parts = (id_bytes / (part_bytes * ID_PART_FACTOR).max(1)).max(1);
    let (ids, id_cuts) = joined(encode_id_parts(&ids, id_parts));
    [
        (SectionKind::Docs, NO_LOCALE, docs, doc_cuts),
        (SectionKind::Ids, NO_LOCALE, ids, id_cuts),
    ]
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
}
