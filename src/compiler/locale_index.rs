//! One locale's search index, built in named stages from its entries:
//!
//! 1. [`Analysed::new`]: every field of every entry analysed once, words
//!    interned as numbers (a large kb has millions of tokens and few
//!    distinct words), and how each folded word was spelt;
//! 2. [`vocabulary`]: each surface word with its most frequent stem;
//! 3. [`word_stems`]: per distinct word its stem and its compound parts' stems;
//! 4. [`postings_by_stem`]: term frequencies per stem and entry, and each
//!    entry's field lengths;
//! 5. [`weigh_questions`]: each question's words weighed by rarity;
//! 6. [`encode_lists`]: POSTINGS, stems' lists then alias phrases';
//! 7. [`term_keys`]: one map for words, stems and phrases (TERMS/WORDS),
//!    each word marked if it is a compound of others, and STEMS for a stem
//!    spelt like a word of another stem;
//! 8. [`display_spellings`] and [`pinned_words`]: what the lexicon carries
//!    beside the keys.
//!
//! The stages are pure functions of what the earlier ones made, so the
//! bytes depend only on the entries (the kit is deterministic).

use super::source::Entry;
use crate::analysis::{compound, inflection, normalize, unfold_mask, Analyzer, Lang, Token};
use crate::format::lexicon::{write_lexicon, Lexicon};
use crate::format::{
    encode_postings, phrase_key, write_odd_stems, LocaleDoc, Norms, NormsAt, Posting, Spelling,
    TermValue, Writer, FIELDS, FIELD_ALIASES, FIELD_ANSWER, FIELD_QUESTION, PHRASE_MARK,
    QUESTION_IDF_SCALE,
};
use crate::idf::idf;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The index of one locale, encoded.
pub(super) struct LocaleIndex {
    pub docs: Vec<LocaleDoc>,
    /// Distinct surface words.
    pub terms: usize,
    /// TERMS and WORDS.
    pub lexicon: Lexicon,
    pub stems: Vec<u8>,
    pub postings: Vec<u8>,
    /// Where each postings list starts: where POSTINGS may be cut.
    pub list_starts: Vec<usize>,
}

impl LocaleIndex {
    /// `entries`: the locale's entries with their global numbers;
    /// `synonyms`: the locale's groups (see `bundle::synonym_groups`), whose
    /// words every query looks up, so TERMS pins them; `group_key_bytes`:
    /// how many first bytes cut the dictionary into groups (see
    /// [`crate::format::lexicon`]: 2 where WORDS ships in parts, else 1);
    /// `norms_at`: where the entries' norms go ([`NormsAt`]).
    pub(super) fn build(
        analyzer: Analyzer,
        entries: &[(usize, &Entry)],
        synonyms: &[Vec<String>],
        group_key_bytes: usize,
        norms_at: NormsAt,
    ) -> Self {
        let Analysed {
            names,
            fields,
            spellings,
        } = Analysed::new(&analyzer, entries);
        let vocabulary = vocabulary(&names, &fields);
        let stems = word_stems(&names, &fields, &vocabulary, analyzer.lang());
        let (mut postings_by_stem, mut docs) = postings_by_stem(&fields, &stems, entries);
        weigh_questions(&mut docs, &fields, &stems, &postings_by_stem);
        // The words are counted: a large kb's millions of them go before
        // the lists are encoded.
        drop(fields);
        let mut phrases = alias_phrases(entries, analyzer.lang());
        if norms_at == NormsAt::Postings {
            let norms: Vec<Norms> = docs.iter().map(LocaleDoc::norms).collect();
            for list in postings_by_stem.values_mut().chain(phrases.values_mut()) {
                for p in list {
                    p.norms = norms[p.doc as usize];
                }
            }
        }
        let lists = encode_lists(&postings_by_stem, &phrases, norms_at);
        let (keys, odd_stems) = term_keys(&vocabulary, &lists, analyzer.lang());
        let display = display_spellings(&spellings);
        let pinned = pinned_words(synonyms, &keys, analyzer.lang());
        let lexicon = write_lexicon(
            keys.iter().map(|(k, v)| (k.as_bytes(), v.encode())),
            &display,
            &pinned,
            group_key_bytes,
        );
        Self {
            docs,
            terms: vocabulary.len(),
            lexicon,
            stems: odd_stems,
            postings: lists.postings,
            list_starts: lists.starts,
        }
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

/// One analysed word of a field: its surface and stem as numbers into
/// [`Analysed::names`].
struct Word {
    term: u32,
    stem: u32,
    stop: bool,
}

/// Stage 1: the locale's entries analysed once.
struct Analysed {
    /// The distinct strings (surfaces and stems) that words are numbers into.
    names: Vec<String>,
    /// Per entry, per field, its words.
    fields: Vec<[Vec<Word>; FIELDS]>,
    /// Per folded surface, how often each spelling was written.
    spellings: BTreeMap<String, BTreeMap<String, u32>>,
}

impl Analysed {
    fn new(analyzer: &Analyzer, entries: &[(usize, &Entry)]) -> Self {
        let mut spellings: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        let mut interned: HashMap<String, u32> = HashMap::new();
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
        let fields = entries
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
                    let tokens = field_tokens(analyzer, text, keep_stop);
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
        Self {
            names,
            fields,
            spellings,
        }
    }
}

/// Per entry, per field, its words.
type Fields = [[Vec<Word>; FIELDS]];

fn all_words(fields: &Fields) -> impl Iterator<Item = &Word> {
    fields.iter().flatten().flatten()
}

/// Stage 2: each surface word with its most frequent stem (ties: the
/// smallest stem, so the choice never depends on entry order).
fn vocabulary<'a>(names: &'a [String], fields: &Fields) -> BTreeMap<&'a str, &'a str> {
    let mut stem_counts: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    for w in all_words(fields) {
        *stem_counts
            .entry(&names[w.term as usize])
            .or_default()
            .entry(&names[w.stem as usize])
            .or_default() += 1;
    }
    stem_counts
        .iter()
        .map(|(surface, stems)| {
            let best = stems
                .iter()
                .max_by_key(|(stem, n)| (**n, std::cmp::Reverse(**stem)))
                .map(|(s, _)| *s);
            (*surface, best.unwrap_or(surface))
        })
        .collect()
}

/// Stage 3, per word number: its stem, and the stems of its compound parts.
struct WordStems<'a> {
    stem_of: Vec<&'a str>,
    part_stems: Vec<Vec<&'a str>>,
}

/// Compounds are split once per distinct word, not once per occurrence.
fn word_stems<'a>(
    names: &'a [String],
    fields: &Fields,
    vocabulary: &BTreeMap<&'a str, &'a str>,
    lang: Lang,
) -> WordStems<'a> {
    let is_word = |w: &str| vocabulary.contains_key(w);
    let mut stem_of: Vec<&str> = vec![""; names.len()];
    let mut part_stems: Vec<Vec<&str>> = vec![Vec::new(); names.len()];
    for w in all_words(fields) {
        let i = w.term as usize;
        if !stem_of[i].is_empty() {
            continue;
        }
        stem_of[i] = vocabulary[names[i].as_str()];
        part_stems[i] = compound::split(&names[i], lang, &is_word)
            .unwrap_or_default()
            .iter()
            .map(|part| vocabulary[part.as_str()])
            .collect();
    }
    WordStems {
        stem_of,
        part_stems,
    }
}

/// Stage 4: term frequencies per stem, compound parts counting as words
/// too; and per entry its field lengths.
fn postings_by_stem<'a>(
    fields: &Fields,
    stems: &WordStems<'a>,
    entries: &[(usize, &Entry)],
) -> (BTreeMap<&'a str, Vec<Posting>>, Vec<LocaleDoc>) {
    let mut by_stem: BTreeMap<&str, Vec<Posting>> = BTreeMap::new();
    let mut docs = Vec::with_capacity(entries.len());
    for (local, ((g, _), f)) in entries.iter().zip(fields).enumerate() {
        let mut tf: BTreeMap<&str, [u32; FIELDS]> = BTreeMap::new();
        let mut lens = [0u16; FIELDS];
        for (field, words) in f.iter().enumerate() {
            lens[field] = words.len().min(u16::MAX as usize) as u16;
            for w in words {
                let i = w.term as usize;
                tf.entry(stems.stem_of[i]).or_default()[field] += 1;
                for stem in &stems.part_stems[i] {
                    tf.entry(stem).or_default()[field] += 1;
                }
            }
        }
        for (stem, tf) in tf {
            by_stem.entry(stem).or_default().push(Posting {
                doc: local as u32,
                tf,
                // Known once every doc is counted (see `LocaleIndex::build`).
                norms: Norms::default(),
            });
        }
        docs.push(LocaleDoc {
            global: *g as u32,
            lens,
            question_idf: [0, 0],
        });
    }
    (by_stem, docs)
}

/// Stage 5: each question's words weighed by rarity, content and stop
/// words apart (the query side weighs stop words by its own setting).
fn weigh_questions(
    docs: &mut [LocaleDoc],
    fields: &Fields,
    stems: &WordStems<'_>,
    by_stem: &BTreeMap<&str, Vec<Posting>>,
) {
    let n = docs.len();
    for (doc, f) in docs.iter_mut().zip(fields) {
        let mut sums = [0f32; 2];
        for w in &f[FIELD_QUESTION] {
            let df = by_stem[stems.stem_of[w.term as usize]].len();
            sums[usize::from(w.stop)] += idf(n, df);
        }
        doc.question_idf = sums.map(|s| (s * QUESTION_IDF_SCALE).round().min(65535.0) as u16);
    }
}

/// Stage 6: POSTINGS, with where each stem's and each phrase's list starts.
struct Lists<'a> {
    postings: Vec<u8>,
    stem_offsets: BTreeMap<&'a str, u64>,
    phrase_offsets: Vec<(&'a str, u64)>,
    /// Every list's start, sorted: where POSTINGS may be cut into parts.
    starts: Vec<usize>,
}

fn encode_lists<'a>(
    by_stem: &BTreeMap<&'a str, Vec<Posting>>,
    phrases: &'a BTreeMap<String, Vec<Posting>>,
    norms_at: NormsAt,
) -> Lists<'a> {
    let mut postings = Writer::new();
    let mut stem_offsets: BTreeMap<&str, u64> = BTreeMap::new();
    for (stem, list) in by_stem {
        stem_offsets.insert(stem, encode_postings(&mut postings, list, norms_at));
    }
    let phrase_offsets: Vec<(&str, u64)> = phrases
        .iter()
        .map(|(key, list)| (key.as_str(), encode_postings(&mut postings, list, norms_at)))
        .collect();
    let mut starts: Vec<usize> = stem_offsets
        .values()
        .chain(phrase_offsets.iter().map(|(_, o)| o))
        .map(|&o| o as usize)
        .collect();
    starts.sort_unstable();
    Lists {
        postings: postings.buf,
        stem_offsets,
        phrase_offsets,
        starts,
    }
}

/// Stage 7: one map for words, stems and alias phrases; a stem spelt like a
/// word of another stem keeps its own offset in STEMS (the second value,
/// an encoded fst).
fn term_keys<'a>(
    vocabulary: &BTreeMap<&'a str, &'a str>,
    lists: &Lists<'a>,
    lang: Lang,
) -> (BTreeMap<&'a str, TermValue>, Vec<u8>) {
    let offsets = &lists.stem_offsets;
    // What a query's planner accepts as a compound's part (`engine::plan`).
    let is_part = |w: &str| !lang.is_stop_word(w) && vocabulary.contains_key(w);
    let mut keys: BTreeMap<&str, TermValue> = vocabulary
        .iter()
        .map(|(surface, stem)| {
            let value = TermValue {
                offset: offsets[stem],
                word: true,
                stem: false,
                splits: compound::split(surface, lang, &is_part).is_some(),
            };
            (*surface, value)
        })
        .collect();
    let mut odd_stems = Vec::new();
    for (stem, &offset) in offsets {
        match keys.get_mut(stem) {
            Some(v) if v.offset == offset => v.stem = true,
            Some(_) => odd_stems.push((*stem, offset)),
            None => {
                keys.insert(
                    stem,
                    TermValue {
                        offset,
                        word: false,
                        stem: true,
                        splits: false,
                    },
                );
            }
        }
    }
    for &(key, offset) in &lists.phrase_offsets {
        let value = TermValue {
            offset,
            word: false,
            stem: false,
            splits: false,
        };
        keys.insert(key, value);
    }
    (keys, write_odd_stems(odd_stems))
}

/// Stage 8a: display spellings, only where folding changed the word.
fn display_spellings(
    spellings: &BTreeMap<String, BTreeMap<String, u32>>,
) -> Vec<(&str, Spelling<'_>)> {
    let mut display = Vec::new();
    for (surface, spelt) in spellings {
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
    display
}

/// Stage 8b: what every query may look up across letters, with its value
/// (or none): the synonym groups' words, and the stems of participles
/// ("geimpft"), which the other forms of their verb ("impfen") look up
/// (see [`inflection`](crate::analysis::inflection)).
fn pinned_words<'a>(
    synonyms: &'a [Vec<String>],
    keys: &BTreeMap<&'a str, TermValue>,
    lang: Lang,
) -> Vec<(&'a str, Option<u64>)> {
    let participles = keys.iter().filter_map(|(&key, v)| {
        let crosses = || {
            inflection::stems(lang, key)
                .iter()
                .any(|s| s.as_bytes().first() != key.as_bytes().first())
        };
        (v.stem && key.starts_with("ge") && crosses()).then_some(key)
    });
    let pinned: BTreeSet<&str> = synonyms
        .iter()
        .flatten()
        .flat_map(|phrase| phrase.split(' '))
        .filter(|w| !w.is_empty())
        .chain(participles)
        .collect();
    pinned
        .into_iter()
        .map(|w| (w, keys.get(w).map(|v| v.encode())))
        .collect()
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
                    norms: Norms::default(),
                });
            }
        }
    }
    // An alias of punctuation only has no words to type.
    phrases.retain(|key, _| key.len() > PHRASE_MARK.len_utf8());
    phrases
}
