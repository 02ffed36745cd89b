//! Turns a loaded knowledge base into bundle sections: the doc store, and
//! per locale the field lengths, the term index (an `fst` map) and postings.

use super::source::{Entry, KnowledgeBase};
use crate::analysis::{compound, normalize, unfold_mask, Analyzer, Lang, Token};
use crate::format::lexicon::{write_lexicon, Lexicon};
use crate::format::pool::{cut, encode_parts, part_hash};
use crate::format::{
    encode_notices, encode_person, encode_postings, encode_synonyms, phrase_key, BundleWriter,
    DocRecord, Docs, Home, LocaleDoc, LocaleDocs, Meta, NoticeRecord, PartTable, Posting,
    SectionKind, Spelling, TermValue, Writer, FIELDS, FIELD_ALIASES, FIELD_ANSWER, FIELD_QUESTION,
    NO_LOCALE, PHRASE_MARK, QUESTION_IDF_SCALE,
};
use crate::idf::idf;
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this locale's entries, index, home and notices (META still
    /// lists every locale, so locale numbers agree across the files).
    pub locale: Option<String>,
    /// Cut POSTINGS and ANSWERS into parts of about this many bytes, and
    /// WORDS (the term groups) into parts of about twice as many: a query
    /// word needs its whole group, and a part of small groups is one request.
    pub part_bytes: Option<usize>,
    /// At most about this many part files: above it, parts grow beyond
    /// `part_bytes` (a static host caps the files of a site).
    pub max_parts: Option<usize>,
}

/// A built bundle and its part files.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub bundle: Vec<u8>,
    /// (hash, bytes) of each part file; empty without `part_bytes`.
    pub parts: Vec<(u64, Vec<u8>)>,
    pub stats: Stats,
}

/// The bundle bytes for `kb`, and figures about them.
pub fn build(kb: &KnowledgeBase, built_at: u64) -> (Vec<u8>, Stats) {
    let built = build_with(kb, built_at, &Options::default());
    (built.bundle, built.stats)
}

/// Cuts a pool into parts at the allowed offsets: its table, and the parts.
fn cut_pool(
    kind: SectionKind,
    locale: u16,
    body: &[u8],
    cuts: &[usize],
    target: usize,
    files: &mut Vec<(u64, Vec<u8>)>,
) -> PartTable {
    let mut start = 0;
    let mut parts = Vec::new();
    for len in cut(body.len(), cuts, target) {
        let bytes = body[start..start + len as usize].to_vec();
        start += len as usize;
        let hash = part_hash(&bytes);
        parts.push((len, hash));
        files.push((hash, bytes));
    }
    PartTable {
        kind,
        locale,
        parts,
    }
}

/// A pool to cut into parts once all are known: (kind, locale, bytes,
/// where a cut may fall, part size in units of the target).
type PendingPool = (SectionKind, u16, Vec<u8>, Vec<usize>, usize);

/// The part size for `pools` (bytes, cuts, size in targets): `part_bytes`,
/// or larger where that would make more than `max_parts` parts. A pool
/// cut at `t` gives at most `len / t + 1` parts.
fn part_target(part_bytes: usize, max_parts: Option<usize>, pools: &[PendingPool]) -> usize {
    let Some(max) = max_parts else {
        return part_bytes.max(1);
    };
    let units: usize = pools.iter().map(|p| p.2.len().div_ceil(p.4)).sum();
    let room = max.saturating_sub(pools.len()).max(1);
    part_bytes.max(units.div_ceil(room)).max(1)
}

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
    let mut answers = Vec::new();
    let mut answer_starts = Vec::with_capacity(entries.len());
    let records: Vec<DocRecord> = entries
        .iter()
        .map(|e| {
            answer_starts.push(answers.len());
            let at = answers.len() as u32;
            answers.extend_from_slice(e.answer.html.as_bytes());
            DocRecord {
                id: &e.id,
                locale: locale_no(&e.locale),
                category: &e.category,
                question: &e.question,
                answer: (at, e.answer.html.len() as u32),
                related: e
                    .related
                    .iter()
                    .filter_map(|r| doc_no.get(r.as_str()).copied())
                    .collect(),
            }
        })
        .collect();
    out.add(SectionKind::Docs, NO_LOCALE, Docs::encode(&records));
    let mut pools: Vec<PendingPool> = Vec::new();
    match options.part_bytes {
        Some(_) => {
            pools.push((SectionKind::Answers, NO_LOCALE, answers, answer_starts, 1));
            out.add(SectionKind::Answers, NO_LOCALE, Vec::new());
        }
        None => out.add(SectionKind::Answers, NO_LOCALE, answers),
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
        let index = LocaleIndexBuilder::build(analyzer, &entries, &groups);
        let li = li as u16;
        stats
            .locales
            .push((locale.clone(), entries.len(), index.terms));
        out.add(SectionKind::Locale, li, LocaleDocs::encode(&index.docs));
        out.add(SectionKind::Terms, li, index.lexicon.directory);
        out.add(SectionKind::Stems, li, index.stems);
        match options.part_bytes {
            Some(_) => {
                let (words, starts) = (index.lexicon.words, index.lexicon.body_starts);
                pools.push((SectionKind::Words, li, words, starts, 2));
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
                    index.list_starts,
                    1,
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
        let target = part_target(part_bytes, options.max_parts, &pools);
        for (kind, locale, body, cuts, times) in &pools {
            let t = cut_pool(*kind, *locale, body, cuts, target * times, &mut files);
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

/// The analysed words of one field: each token's folded surface and stem.
///
/// Stop words stay in short fields: "What is COVID-19?" is the whole
/// question, and a query that restates it should match all of it.
fn field_tokens(analyzer: &Analyzer, text: &str, keep_stop_words: bool) -> Vec<Token> {
    analyzer
        .tokenize(text)
        .into_iter()
        .filter(|t| keep_stop_words || !t.stop)
        .collect()
}

/// One analysed word of a field: its surface and stem as numbers into the
/// builder's list of distinct strings.
struct Word {
    term: u32,
    stem: u32,
    stop: bool,
}

/// The index of one locale, encoded.
struct LocaleIndexBuilder {
    docs: Vec<LocaleDoc>,
    /// Distinct surface words.
    terms: usize,
    /// TERMS and WORDS.
    lexicon: Lexicon,
    stems: Vec<u8>,
    postings: Vec<u8>,
    /// Where each postings list starts: where POSTINGS may be cut.
    list_starts: Vec<usize>,
}

impl LocaleIndexBuilder {
    /// `synonyms`: the locale's groups (see [`synonym_groups`]), whose
    /// words every query looks up, so TERMS pins them.
    fn build(analyzer: Analyzer, entries: &[(usize, &Entry)], synonyms: &[Vec<String>]) -> Self {
        // Every field of every entry, analysed once; and how words are spelt.
        // Words are kept as numbers into one list of distinct strings: a
        // large kb has millions of tokens and few distinct words.
        let mut spellings: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        let mut interned: std::collections::HashMap<String, u32> = Default::default();
        let mut names: Vec<String> = Vec::new();
        let mut intern = |s: String| -> u32 {
            if let Some(&id) = interned.get(&s) {
                return id;
            }
            let id = names.len() as u32;
            names.push(s.clone());
            interned.insert(s, id);
            id
        };
        let fields: Vec<[Vec<Word>; FIELDS]> = entries
            .iter()
            .map(|(_, e)| {
                let mut aliases = e.aliases.join(" \n ");
                for extra in std::iter::once(&e.category).chain(&e.tags) {
                    aliases.push_str(" \n ");
                    aliases.push_str(extra);
                }
                let mut f: [Vec<Word>; FIELDS] = Default::default();
                for (field, text, keep_stop) in [
                    (FIELD_QUESTION, e.question.as_str(), true),
                    (FIELD_ALIASES, aliases.as_str(), true),
                    (FIELD_ANSWER, e.answer.text.as_str(), false),
                ] {
                    let tokens = field_tokens(&analyzer, text, keep_stop);
                    f[field].reserve_exact(tokens.len());
                    for t in tokens {
                        let spelt = crate::analysis::to_lower(&normalize(&text[t.start..t.end]));
                        let by_term = match spellings.get_mut(&t.term) {
                            Some(m) => m,
                            None => spellings.entry(t.term.clone()).or_default(),
                        };
                        *by_term.entry(spelt).or_default() += 1;
                        f[field].push(Word {
                            term: intern(t.term),
                            stem: intern(t.stem),
                            stop: t.stop,
                        });
                    }
                }
                f
            })
            .collect();
        drop(interned);
        let name = |id: u32| names[id as usize].as_str();
        // The vocabulary: each surface word with its most frequent stem.
        let mut stem_counts: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
        for w in fields.iter().flatten().flatten() {
            *stem_counts
                .entry(name(w.term))
                .or_default()
                .entry(name(w.stem))
                .or_default() += 1;
        }
        let vocabulary: BTreeMap<&str, &str> = stem_counts
            .iter()
            .map(|(surface, stems)| {
                let best = stems
                    .iter()
                    .max_by_key(|(stem, n)| (**n, std::cmp::Reverse(**stem)))
                    .map(|(s, _)| *s);
                (*surface, best.unwrap_or(surface))
            })
            .collect();
        let is_word = |w: &str| vocabulary.contains_key(w);
        // Per word number: its stem, and the stems of its compound parts
        // (split once per distinct word, not once per occurrence).
        let mut stem_of: Vec<&str> = vec![""; names.len()];
        let mut part_stems: Vec<Vec<&str>> = vec![Vec::new(); names.len()];
        for w in fields.iter().flatten().flatten() {
            let i = w.term as usize;
            if !stem_of[i].is_empty() {
                continue;
            }
            stem_of[i] = vocabulary[name(w.term)];
            part_stems[i] = compound::split(name(w.term), analyzer.lang(), &is_word)
                .unwrap_or_default()
                .iter()
                .map(|part| vocabulary[part.as_str()])
                .collect();
        }
        // Term frequencies per stem, counting compound parts as words too.
        let mut postings_by_stem: BTreeMap<&str, Vec<Posting>> = BTreeMap::new();
        let mut docs = Vec::with_capacity(entries.len());
        for (local, ((g, _), f)) in entries.iter().zip(&fields).enumerate() {
            let mut tf: BTreeMap<&str, [u32; FIELDS]> = BTreeMap::new();
            let mut lens = [0u16; FIELDS];
            for (field, words) in f.iter().enumerate() {
                lens[field] = words.len().min(u16::MAX as usize) as u16;
                for w in words {
                    let i = w.term as usize;
                    tf.entry(stem_of[i]).or_default()[field] += 1;
                    for stem in &part_stems[i] {
                        tf.entry(stem).or_default()[field] += 1;
                    }
                }
            }
            for (stem, tf) in tf {
                postings_by_stem.entry(stem).or_default().push(Posting {
                    doc: local as u32,
                    tf,
                });
            }
            docs.push(LocaleDoc {
                global: *g as u32,
                lens,
                question_idf: [0, 0],
            });
        }
        // Each question's words weighed by rarity, content and stop words
        // apart (the query side weighs stop words by its own setting).
        let n = entries.len();
        for (doc, f) in docs.iter_mut().zip(&fields) {
            let mut sums = [0f32; 2];
            for w in &f[FIELD_QUESTION] {
                let df = postings_by_stem[stem_of[w.term as usize]].len();
                sums[usize::from(w.stop)] += idf(n, df);
            }
            doc.question_idf = sums.map(|s| (s * QUESTION_IDF_SCALE).round().min(65535.0) as u16);
        }
        drop(fields);
        let mut postings = Writer::new();
        let mut offsets: BTreeMap<&str, u64> = BTreeMap::new();
        for (stem, list) in &postings_by_stem {
            offsets.insert(stem, encode_postings(&mut postings, list));
        }
        // Aliases as whole phrases: the query side puts an entry whose
        // alias the visitor typed exactly before all others.
        let phrases = alias_phrases(entries, analyzer.lang());
        let phrase_offsets: Vec<(&str, u64)> = phrases
            .iter()
            .map(|(key, list)| (key.as_str(), encode_postings(&mut postings, list)))
            .collect();
        let mut list_starts: Vec<usize> = offsets
            .values()
            .chain(phrase_offsets.iter().map(|(_, o)| o))
            .map(|&o| o as usize)
            .collect();
        list_starts.sort_unstable();
        // One map for words and stems; a stem spelt like a word of another
        // stem keeps its own offset in STEMS.
        let mut keys: BTreeMap<&str, TermValue> = vocabulary
            .iter()
            .map(|(surface, stem)| {
                let value = TermValue {
                    offset: offsets[stem],
                    word: true,
                    stem: false,
                };
                (*surface, value)
            })
            .collect();
        let mut odd_stems = fst::MapBuilder::memory();
        for (stem, &offset) in &offsets {
            match keys.get_mut(stem) {
                Some(v) if v.offset == offset => v.stem = true,
                Some(_) => odd_stems
                    .insert(stem, offset)
                    .expect("BTreeMap keys are sorted and unique"),
                None => {
                    keys.insert(
                        stem,
                        TermValue {
                            offset,
                            word: false,
                            stem: true,
                        },
                    );
                }
            }
        }
        for (key, offset) in phrase_offsets {
            let value = TermValue {
                offset,
                word: false,
                stem: false,
            };
            keys.insert(key, value);
        }
        // Display spellings, only where folding changed the word.
        let mut display = Vec::new();
        for (surface, spelt) in &spellings {
            let best = spelt
                .iter()
                .max_by_key(|(s, n)| (**n, std::cmp::Reverse(s.as_str())))
                .map(|(s, _)| s);
            if let Some(best) = best.filter(|b| *b != surface) {
                // Mostly umlauts and ß: a mask of the digraphs to unfold;
                // anything else as a string.
                let spelling = match unfold_mask(surface, best) {
                    Some(mask) => Spelling::Unfold(mask),
                    None => Spelling::Text(best),
                };
                display.push((surface.as_str(), spelling));
            }
        }
        let pinned: std::collections::BTreeSet<&str> = synonyms
            .iter()
            .flatten()
            .flat_map(|phrase| phrase.split(' '))
            .filter(|w| !w.is_empty())
            .collect();
        let pinned: Vec<(&str, Option<u64>)> = pinned
            .into_iter()
            .map(|w| (w, keys.get(w).map(|v| v.encode())))
            .collect();
        let lexicon = write_lexicon(
            keys.iter().map(|(k, v)| (k.as_bytes(), v.encode())),
            &display,
            &pinned,
        );
        Self {
            docs,
            terms: vocabulary.len(),
            lexicon,
            stems: odd_stems.into_inner().expect("in-memory fst"),
            postings: postings.buf,
            list_starts,
        }
    }
}

/// Each alias's [`phrase_key`] with the (locale-local) entries that have it.
fn alias_phrases(entries: &[(usize, &Entry)], lang: Lang) -> BTreeMap<String, Vec<Posting>> {
    let mut phrases: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (local, (_, e)) in entries.iter().enumerate() {
        for alias in &e.aliases {
            let key = phrase_key(alias, lang);
            let list = phrases.entry(key).or_default();
            if list.last().is_none_or(|p| p.doc != local as u32) {
                list.push(Posting {
                    doc: local as u32,
                    tf: std::array::from_fn(|f| u32::from(f == FIELD_ALIASES)),
                });
            }
        }
    }
    // An alias of punctuation only has no words to type.
    phrases.retain(|key, _| key.len() > PHRASE_MARK.len_utf8());
    phrases
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
