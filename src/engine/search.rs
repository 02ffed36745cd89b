//! The query path: any string in, ranked hits (maybe none) out, in bounded time.
//!
//! Each query word becomes a set of candidate index entries, weighted by how
//! sure the match is: the exact word, then its stem, then completions of the
//! word being typed, synonyms, and finally typo-tolerant matches. Compounds
//! the index does not know are split into words it does. Each entry's score
//! is the BM25F sum over query words of the best candidate's score.

use super::bundle::{Bundle, LocaleIndex};
use super::fuzzy::{max_distance, Fuzzy, DEFAULT_BUDGET};
use super::rank::{bm25f_scaled, idf, question_cover, RankWeights};
use super::snippet::{snippet, Heads};
use crate::analysis::{compound, scan_words, Analyzer, Lang, Token};
use crate::format::{decode_synonyms, FIELD_ANSWER, FIELD_QUESTION};

/// Longest query considered, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 256;
/// Most query words considered.
pub const MAX_QUERY_TERMS: usize = 12;
/// Most index terms one prefix or fuzzy match may expand to.
pub const MAX_EXPANSIONS: usize = 8;
/// Below this many entries, every word adds entries (see the rare-first walk).
const PRUNE_FROM: usize = 1000;
/// Most hits returned.
pub const MAX_LIMIT: usize = 50;

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    /// Global doc number, for [`Bundle::doc`].
    pub doc: u32,
    pub question: String,
    pub category: String,
    /// A piece of the answer around the best match.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub score: f32,
}

/// How a candidate matched its query word; the order is the order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Stem,
    Prefix,
    Synonym,
    Compound,
    Fuzzy,
}

/// An index entry (postings offset) matched by a query word, and its weight.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) offset: u64,
    weight: f32,
    pub(crate) kind: MatchKind,
    /// The index word matched, for explanations.
    pub(crate) term: String,
    /// Document frequency to rank it by instead of its own: a synonym
    /// counts no rarer than the word the visitor typed.
    df: Option<usize>,
}

/// A query word after analysis.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) token: Token,
    /// The visitor is still typing it: complete it as a prefix.
    pub(crate) open: bool,
    /// A part of a compound the index does not know as a whole.
    pub(crate) part: bool,
}

/// Cuts `query` to [`MAX_QUERY_BYTES`] at a character boundary.
pub(crate) fn bounded(query: &str) -> &str {
    if query.len() <= MAX_QUERY_BYTES {
        return query;
    }
    let mut end = MAX_QUERY_BYTES;
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    &query[..end]
}

/// The words to look up: stop words dropped (unless nothing else is left),
/// unknown compounds split into known parts.
pub(crate) fn plan(index: &LocaleIndex<'_>, analyzer: &Analyzer, query: &str) -> Vec<Word> {
    let tokens = analyzer.tokenize(query);
    let open_end = tokens.last().map_or(0, |t| t.end);
    let open_pos = (open_end == query.len())
        .then(|| tokens.last().map(|t| t.position))
        .flatten();
    let mut words = Vec::new();
    for t in tokens {
        let open = Some(t.position) == open_pos && t.end == open_end;
        let known = index.terms.contains_key(&t.term) || index.terms.stem(&t.stem).is_some();
        let parts = if known || open {
            None
        } else {
            compound::split(&t.term, analyzer.lang(), &|w| index.terms.contains_key(w))
        };
        match parts {
            Some(parts) => {
                for p in parts {
                    let token = Token {
                        stem: p.clone(),
                        term: p,
                        ..t.clone()
                    };
                    words.push(Word {
                        token,
                        open: false,
                        part: true,
                    });
                }
            }
            None => words.push(Word {
                token: t,
                open,
                part: false,
            }),
        }
        if words.len() >= MAX_QUERY_TERMS {
            break;
        }
    }
    // A compound's parts may have gone past the limit.
    words.truncate(MAX_QUERY_TERMS);
    words
}

/// Adds `c` unless a candidate for the same entry is already at least as strong.
fn push(cands: &mut Vec<Candidate>, c: Candidate) {
    match cands.iter_mut().find(|x| x.offset == c.offset) {
        Some(x) if x.weight >= c.weight => {}
        Some(x) => *x = c,
        None => cands.push(c),
    }
}

/// The candidates of one query word.
pub(crate) fn candidates(index: &LocaleIndex<'_>, word: &Word, w: &RankWeights) -> Vec<Candidate> {
    let mut out = Vec::new();
    let t = &word.token;
    let scale = match (word.part, word.token.stop) {
        (_, true) => w.stop_word,
        (true, _) => w.compound,
        _ => 1.0,
    };
    if let Some(offset) = index.terms.get(&t.term) {
        push(
            &mut out,
            Candidate {
                offset,
                weight: scale,
                kind: MatchKind::Exact,
                term: t.term.clone(),
                df: None,
            },
        );
    }
    if let Some(offset) = index.terms.stem(&t.stem) {
        push(
            &mut out,
            Candidate {
                offset,
                weight: scale * w.stem,
                kind: MatchKind::Stem,
                term: t.stem.clone(),
                df: None,
            },
        );
    }
    if word.open && (t.term.chars().count() >= 2 || out.is_empty()) {
        // The closest completions (shortest words): the fewer letters
        // typed, the fewer, since each costs a postings walk.
        let cap = match t.term.chars().count() {
            1 => MAX_EXPANSIONS / 4,
            2 => MAX_EXPANSIONS / 2,
            _ => MAX_EXPANSIONS,
        };
        for (term, offset) in index.terms.shortest_completions(&t.term, cap) {
            let completion = t.term.len() as f32 / term.len() as f32;
            let weight = w.prefix * (0.4 + 0.6 * completion);
            push(
                &mut out,
                Candidate {
                    offset,
                    weight,
                    kind: MatchKind::Prefix,
                    term,
                    df: None,
                },
            );
        }
    }
    if out.is_empty() && !t.stop {
        fuzzy(index, &t.term, word.open, w, &mut out);
    }
    out
}

/// Typo-tolerant candidates; on an exhausted budget, retries one edit closer.
fn fuzzy(
    index: &LocaleIndex<'_>,
    term: &str,
    prefix: bool,
    w: &RankWeights,
    out: &mut Vec<Candidate>,
) {
    let mut max = max_distance(term.len());
    while max > 0 {
        let automaton = Fuzzy::new(term, max, prefix, DEFAULT_BUDGET);
        let mut found = Vec::new();
        index.terms.walk_words(&automaton, |key, offset, state| {
            let distance = state.map_or(max, |s| s.distance());
            let completion = if prefix {
                (term.len() as f32 / key.len() as f32).min(1.0)
            } else {
                1.0
            };
            let weight = w.fuzzy * (1.0 - 0.25 * f32::from(distance)) * (0.5 + 0.5 * completion);
            found.push(Candidate {
                offset,
                weight,
                kind: MatchKind::Fuzzy,
                term: String::from_utf8_lossy(key).into_owned(),
                df: None,
            });
            found.len() < MAX_EXPANSIONS
        });
        if !automaton.exhausted() || max == 1 {
            for c in found {
                push(out, c);
            }
            return;
        }
        max -= 1;
    }
}

/// Two neighbouring words that the index knows written as one ("corona
/// virus" → coronavirus, "zähler stand" → zählerstand) also match that
/// word, each of them as a compound part.
fn add_joined(
    index: &LocaleIndex<'_>,
    words: &[Word],
    cands: &mut [Vec<Candidate>],
    w: &RankWeights,
) {
    for i in 1..words.len() {
        let (a, b) = (&words[i - 1], &words[i]);
        if a.token.stop
            || b.token.stop
            || a.part
            || b.part
            || b.token.position != a.token.position + 1
        {
            continue;
        }
        let joined = format!("{}{}", a.token.term, b.token.term);
        if let Some(offset) = index.terms.get(&joined) {
            for c in [i - 1, i] {
                push(
                    &mut cands[c],
                    Candidate {
                        offset,
                        weight: w.compound,
                        kind: MatchKind::Compound,
                        term: joined.clone(),
                        df: None,
                    },
                );
            }
        }
    }
}

/// Adds synonyms: a query word in a group brings the group's other members.
fn add_synonyms(
    index: &LocaleIndex<'_>,
    words: &[Word],
    cands: &mut [Vec<Candidate>],
    w: &RankWeights,
) {
    let Ok(groups) = decode_synonyms(index.synonyms) else {
        return;
    };
    let mut pending: Vec<(usize, Vec<Candidate>, usize)> = Vec::new();
    let offsets_of = |phrase: &'_ str| -> Option<Vec<(u64, String)>> {
        phrase
            .split(' ')
            .map(|word| index.terms.get(word).map(|o| (o, word.to_string())))
            .collect()
    };
    for (g, group) in groups.iter().enumerate() {
        let mut pending_group = None;
        let mut skip_group = false;
        let members: Vec<Vec<(u64, String)>> = group.iter().filter_map(|p| offsets_of(p)).collect();
        for (i, word_cands) in cands.iter().enumerate() {
            let direct: Vec<u64> = word_cands
                .iter()
                .filter(|c| matches!(c.kind, MatchKind::Exact | MatchKind::Stem))
                .map(|c| c.offset)
                .collect();
            let own_df = direct.iter().map(|&o| index.doc_freq(o)).max().unwrap_or(0);
            // Does a member start at word i (single word, or a phrase over the next words)?
            let hit = members.iter().position(|m| {
                m.iter().enumerate().all(|(k, (off, _))| {
                    words.get(i + k).is_some()
                        && cands[i + k].iter().any(|c| {
                            c.offset == *off && matches!(c.kind, MatchKind::Exact | MatchKind::Stem)
                        })
                }) && (m.len() > 1 || direct.contains(&m[0].0))
            });
            let Some(hit) = hit else { continue };
            // Two query words from one group: the visitor already used its
            // vocabulary, and expanding both would count the group twice.
            if pending_group == Some(g) {
                pending.retain(|(_, _, pg)| *pg != g);
                skip_group = true;
            }
            if skip_group {
                continue;
            }
            pending_group = Some(g);
            let extra: Vec<Candidate> = members
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != hit)
                .flat_map(|(_, m)| {
                    let share = w.synonym / m.len() as f32;
                    m.iter().map(move |(offset, term)| Candidate {
                        offset: *offset,
                        weight: share,
                        kind: MatchKind::Synonym,
                        term: term.clone(),
                        df: Some(index.doc_freq(*offset).max(own_df)),
                    })
                })
                .collect();
            // Collected first, added after: `cands` is read by the loop.
            pending.push((i, extra, g));
        }
    }
    for (i, extra, _) in pending {
        for c in extra {
            push(&mut cands[i], c);
        }
    }
}

/// Searches the entries of `locale` (a tag like `de`; unknown tags fall back
/// to the default locale). Never fails: hostile input gives few or no hits.
pub fn search(bundle: &Bundle<'_>, query: &str, locale: &str, limit: usize) -> Vec<Hit> {
    search_with(bundle, query, locale, limit, &RankWeights::default())
}

/// [`search`] with explicit ranking weights.
pub fn search_with(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
    weights: &RankWeights,
) -> Vec<Hit> {
    run(bundle, query, locale, limit, weights, false).0
}

/// What one query word contributed to a hit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// The query word (folded), or a compound part of it.
    pub word: String,
    pub kind: MatchKind,
    /// The index word or stem it matched.
    pub term: String,
    pub score: f32,
}

/// [`search`], with each hit's contributions, for the editors' `explain`.
pub fn explain(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
) -> Vec<(Hit, Vec<Contribution>)> {
    let (hits, why) = run(bundle, query, locale, limit, &RankWeights::default(), true);
    hits.into_iter().zip(why).collect()
}

fn run(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
    weights: &RankWeights,
    explain: bool,
) -> (Vec<Hit>, Vec<Vec<Contribution>>) {
    let limit = limit.min(MAX_LIMIT);
    let Some((index, lang)) = bundle.search_locale(locale) else {
        return (Vec::new(), Vec::new());
    };
    let analyzer = Analyzer::new(lang);
    let query = bounded(query);
    let words = plan(index, &analyzer, query);
    let n = index.docs.len();
    if n == 0 || words.is_empty() || limit == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut cands: Vec<Vec<Candidate>> = words
        .iter()
        .map(|w| candidates(index, w, weights))
        .collect();
    add_synonyms(index, &words, &mut cands, weights);
    add_joined(index, &words, &mut cands, weights);

    // Coverage counts content words; stop words only when there is nothing else.
    let content = words.iter().any(|w| !w.token.stop);
    let positions: Vec<u32> = {
        let mut p: Vec<u32> = words
            .iter()
            .filter(|w| !content || !w.token.stop)
            .map(|w| w.token.position)
            .collect();
        p.dedup();
        p
    };
    let mut all_positions: Vec<u32> = words.iter().map(|w| w.token.position).collect();
    all_positions.dedup();
    // Sparse accumulators: only documents some word matched get one.
    let Scratch {
        mut slot_of,
        mut word_best,
        mut accs,
    } = Scratch::take(n);
    let scales = index.field_scales(weights);
    // Each accumulator's contributions, for `explain` only.
    let mut why: Vec<Vec<Contribution>> = Vec::new();
    let mut word_touched: Vec<usize> = Vec::new();
    // Rare words first. In a large knowledge base, words in more than a
    // quarter of the entries add to entries that rarer words found but find
    // none of their own (the rarest word always does): their long lists
    // would cost the most and move the ranking the least.
    let cand_df: Vec<Vec<usize>> = cands
        .iter()
        .map(|c| c.iter().map(|c| index.doc_freq(c.offset)).collect())
        .collect();
    let df: Vec<usize> = cand_df.iter().map(|d| d.iter().sum()).collect();
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by_key(|&wi| df[wi]);
    let common = n / 4;
    let prune = n >= PRUNE_FROM;
    let rarest = order.first().copied();
    for wi in order {
        let (word, word_cands) = (&words[wi], &cands[wi]);
        let counts = positions.contains(&word.token.position);
        let adds_entries = !prune || df[wi] <= common || Some(wi) == rarest;
        let cand_idf: Vec<f32> = word_cands
            .iter()
            .zip(&cand_df[wi])
            .map(|(c, &own)| idf(n, c.df.unwrap_or(own)))
            .collect();
        // A stop word covers less of a question than a content word.
        let stop = if word.token.stop {
            weights.stop_word
        } else {
            1.0
        };
        for ((ci, cand), &term_idf) in word_cands.iter().enumerate().zip(&cand_idf) {
            let postings = index.posting_iter(cand.offset);
            for p in postings {
                let d = p.doc as usize;
                if !adds_entries && slot_of[d] == u32::MAX {
                    continue;
                }
                let s = cand.weight * bm25f_scaled(weights.k1, term_idf, &p.tf, &scales[d]);
                let best = &mut word_best[d];
                if s > best.score {
                    if best.cand == u32::MAX {
                        word_touched.push(d);
                    }
                    best.score = s;
                    best.cand = ci as u32;
                    best.in_question = p.tf[FIELD_QUESTION] > 0;
                }
                best.in_answer |= p.tf[FIELD_ANSWER] > 0;
            }
        }
        let bit = 1u32
            << all_positions
                .iter()
                .position(|&p| p == word.token.position)
                .unwrap_or(0);
        for d in word_touched.drain(..) {
            let WordBest {
                score: s,
                cand: ci,
                in_question,
                in_answer,
            } = std::mem::take(&mut word_best[d]);
            if slot_of[d] == u32::MAX {
                slot_of[d] = accs.len() as u32;
                accs.push(Accumulator::new(d));
                if explain {
                    why.push(Vec::new());
                }
            }
            let a = &mut accs[slot_of[d] as usize];
            a.score += s;
            a.in_answer |= in_answer;
            let c = &word_cands[ci as usize];
            if a.seen & bit == 0 {
                a.seen |= bit;
                if counts {
                    a.covered += 1;
                }
                if in_question {
                    a.question_idf += stop * cand_idf[ci as usize];
                }
            }
            a.cand[wi] = ci as u8;
            if explain {
                why[slot_of[d] as usize].push(Contribution {
                    word: word.token.term.clone(),
                    kind: c.kind,
                    term: c.term.clone(),
                    score: s,
                });
            }
        }
    }
    for a in &accs {
        slot_of[a.doc] = u32::MAX;
    }
    let scored = accs.iter().enumerate().map(|(slot, a)| {
        // Entries that match more of the query's words come first, and
        // so do questions that the query covers more of.
        let coverage = f32::from(a.covered) / positions.len() as f32;
        // Covering a question's rare words counts more than its common
        // ones. (Most matches are in the answer only: nothing to read.)
        let question_cover = if a.question_idf > 0.0 {
            question_cover(
                a.question_idf,
                index.docs.question_idf(a.doc),
                weights.stop_word,
            )
        } else {
            0.0
        };
        let s = a.score
            * (1.0 - weights.coverage + weights.coverage * coverage)
            * (1.0 + weights.question_cover * question_cover);
        (slot, s)
    });
    // Words of the text are looked up only if they begin like a matched word or stem.
    let heads = Heads::new(
        cands
            .iter()
            .flatten()
            .map(|c| c.term.as_str())
            .chain(words.iter().map(|w| w.token.stem.as_str())),
    );
    let by_score = |a: &(usize, f32), b: &(usize, f32)| {
        b.1.total_cmp(&a.1)
            .then_with(|| accs[a.0].doc.cmp(&accs[b.0].doc))
    };
    // Only the best few need an order.
    let mut ranked = best_k(
        scored.filter(|&(_, s)| s > 0.0),
        limit.max(RERANK),
        by_score,
    );
    if weights.proximity > 0.0 && positions.len() > 1 {
        let top = ranked.len().min(RERANK);
        for (slot, s) in &mut ranked[..top] {
            let a = &accs[*slot];
            if let Some(question) = bundle.question(index.docs.global(a.doc)) {
                *s *= 1.0
                    + weights.proximity
                        * proximity(
                            question,
                            &words,
                            &a.offsets(&cands),
                            &positions,
                            &heads,
                            index,
                            lang,
                        );
            }
        }
        ranked[..top].sort_by(by_score);
    }
    ranked.truncate(limit);
    let reasons = if explain {
        ranked
            .iter()
            .map(|&(slot, _)| std::mem::take(&mut why[slot]))
            .collect()
    } else {
        Vec::new()
    };
    let hits = ranked
        .into_iter()
        .filter_map(|(slot, score)| {
            let a = &accs[slot];
            let g = index.docs.global(a.doc);
            let rec = bundle.doc(g)?;
            // Every form a matched word stands for is highlighted, not only
            // the one that scored best ("zählerstnad" → Zählerstand and
            // Zählerstandsmeldung alike).
            let matched: Vec<u64> = words
                .iter()
                .zip(&cands)
                .zip(a.cand)
                .filter(|((w, _), ci)| !w.token.stop && *ci != NONE)
                .flat_map(|((_, c), _)| c.iter().map(|c| c.offset))
                .collect();
            let (snippet, highlights) =
                snippet(rec.html, &matched, a.in_answer, &heads, index, lang);
            Some(Hit {
                id: rec.id.to_string(),
                doc: g,
                question: rec.question.to_string(),
                category: rec.category.to_string(),
                snippet,
                highlights,
                score,
            })
        })
        .collect();
    accs.clear();
    Scratch {
        slot_of,
        word_best,
        accs,
    }
    .give_back();
    (hits, reasons)
}

/// Per-document buffers of the scoring walk, kept between queries so a
/// keystroke does not allocate and clear them anew. At rest every entry is
/// empty: a query resets what it touched before giving them back.
#[derive(Default)]
struct Scratch {
    /// Accumulator number of each document (`u32::MAX`: none).
    slot_of: Vec<u32>,
    /// The current word's best match per document.
    word_best: Vec<WordBest>,
    /// The accumulators of the documents matched, in the order found.
    accs: Vec<Accumulator>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl Scratch {
    fn take(n: usize) -> Self {
        let mut s = SCRATCH.with(|c| c.take()).unwrap_or_default();
        s.slot_of.resize(n, u32::MAX);
        s.word_best.resize(n, WordBest::default());
        s
    }

    fn give_back(self) {
        SCRATCH.with(|c| c.set(Some(self)));
    }
}

/// The `k` first of `items` in the total order `cmp`, in that order. Most
/// items cost one comparison, with the k-th so far; only better ones are
/// inserted. (Selecting among thousands of matches for a handful of hits.)
fn best_k<T>(
    items: impl Iterator<Item = T>,
    k: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut top: Vec<T> = Vec::with_capacity(k + 1);
    for item in items {
        if top.len() == k && top.last().is_none_or(|last| cmp(&item, last).is_ge()) {
            continue;
        }
        let at = top.partition_point(|x| cmp(x, &item).is_lt());
        top.insert(at, item);
        top.truncate(k);
    }
    top
}

/// The best match of the current query word in one document.
#[derive(Clone, Copy)]
struct WordBest {
    score: f32,
    /// The candidate that scored it (`u32::MAX`: none yet).
    cand: u32,
    in_question: bool,
    /// Any of the word's candidates is in the answer.
    in_answer: bool,
}

impl Default for WordBest {
    fn default() -> Self {
        Self {
            score: 0.0,
            cand: u32::MAX,
            in_question: false,
            in_answer: false,
        }
    }
}

/// Hits re-ranked by proximity.
const RERANK: usize = 30;

/// Share of neighbouring query words (content words, in query order) that
/// stand within two words of each other in `question`: 0 to 1.
fn proximity(
    question: &str,
    words: &[Word],
    offsets: &[Option<u64>],
    positions: &[u32],
    heads: &Heads,
    index: &LocaleIndex<'_>,
    lang: Lang,
) -> f32 {
    let mut found_at: Vec<(u32, u64)> = Vec::new();
    let mut pos = 0u32;
    scan_words(question, lang, |_, _, term| {
        // Only words that begin like a matched one can be one.
        if let Some(o) = heads.admits(term).then(|| index.terms.get(term)).flatten() {
            found_at.push((pos, o));
        }
        pos += 1;
        true
    });
    let offset_of = |p: u32| {
        words
            .iter()
            .zip(offsets)
            .find(|(w, o)| w.token.position == p && o.is_some())
            .and_then(|(_, o)| *o)
    };
    let near = |a: u64, b: u64| {
        found_at.iter().any(|&(pa, oa)| {
            oa == a
                && found_at
                    .iter()
                    .any(|&(pb, ob)| ob == b && pb != pa && pb.abs_diff(pa) <= 2)
        })
    };
    let pairs = positions.windows(2);
    let total = pairs.len() as f32;
    let found = pairs
        .filter(|w| match (offset_of(w[0]), offset_of(w[1])) {
            (Some(a), Some(b)) => a != b && near(a, b),
            _ => false,
        })
        .count() as f32;
    found / total
}

/// What a document collected over the query words.
#[derive(Debug, Clone)]
struct Accumulator {
    /// Locale-local doc number.
    doc: usize,
    score: f32,
    /// Bit per query word position seen.
    seen: u32,
    /// Content words matched, for coverage.
    covered: u16,
    /// The summed idf of the words matched in the question (stop words
    /// weighed), for question cover.
    question_idf: f32,
    /// Some matched word is in the answer: the snippet looks for it.
    in_answer: bool,
    /// Per query word, the candidate it matched (`NONE`), for highlights and proximity.
    cand: [u8; MAX_QUERY_TERMS],
}

/// No candidate matched (in [`Accumulator::cand`]).
const NONE: u8 = u8::MAX;

impl Accumulator {
    fn new(doc: usize) -> Self {
        Self {
            doc,
            score: 0.0,
            seen: 0,
            covered: 0,
            question_idf: 0.0,
            in_answer: false,
            cand: [NONE; MAX_QUERY_TERMS],
        }
    }

    /// The postings offset each query word matched, if any.
    fn offsets(&self, cands: &[Vec<Candidate>]) -> Vec<Option<u64>> {
        cands
            .iter()
            .zip(self.cand)
            .map(|(c, ci)| c.get(usize::from(ci)).map(|c| c.offset))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_k_are_the_first_k_of_a_full_sort() {
        let mut x = 7u32;
        let items: Vec<(u32, u32)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 24, i)
            })
            .collect();
        let cmp = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        for k in [0, 1, 30, 499, 500, 600] {
            let mut sorted = items.clone();
            sorted.sort_by(cmp);
            sorted.truncate(k);
            assert_eq!(best_k(items.iter().copied(), k, cmp), sorted, "k = {k}");
        }
    }

    #[test]
    fn a_compound_split_at_the_word_limit_keeps_the_query_within_it() {
        // Found by the query fuzz target: parts of the twelfth word went past the limit.
        let bytes: [u8; 53] = [
            105, 115, 141, 99, 97, 116, 0, 14, 50, 48, 15, 240, 43, 7, 0, 48, 48, 48, 141, 101,
            195, 124, 156, 97, 45, 50, 48, 61, 48, 48, 48, 48, 183, 183, 183, 116, 50, 48, 15, 240,
            48, 7, 0, 48, 48, 48, 48, 48, 48, 0, 0, 48, 48,
        ];
        let q = String::from_utf8_lossy(&bytes);
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de-AT").unwrap();
        assert!(plan(index, &Analyzer::new(lang), bounded(&q)).len() <= MAX_QUERY_TERMS);
        assert!(search(b, &q, "de-AT", 45).len() <= 45);
    }

    #[test]
    fn an_overlong_query_is_cut_at_a_character_boundary() {
        let q = "ä".repeat(1000);
        let b = bounded(&q);
        assert!(b.len() <= MAX_QUERY_BYTES && b.chars().all(|c| c == 'ä'));
    }
}
