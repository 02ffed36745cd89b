//! The query path: any string in, ranked hits (maybe none) out, in bounded time.
//!
//! [`run`] goes through seven stages, each in its own module or function:
//!
//! 1. plan ([`super::plan`]): the query's words, compounds split;
//! 2. candidates ([`super::candidates`]): the index entries each word may
//!    stand for, weighted by trust;
//! 3. accumulate ([`super::accumulate`]): per entry, each word's best
//!    BM25F score, rare words first;
//! 4. score ([`score_parts`], [`rank::score`]): coverage and question cover
//!    scale the sum;
//! 5. select ([`super::select`]): the best few, in order, an entry whose
//!    alias the query is first ([`super::phrase`]);
//! 6. rerank ([`super::proximity`]): the first few by proximity, an entry
//!    whose question the query is first;
//! 7. hits ([`hit`]): question, snippet, highlights.
//!
//! With `explain`, each hit also gets the tree of its score ([`super::explain`]).

use super::accumulate::{accumulate, Accumulator, Scratch, NONE};
use super::bounds::bounded;
use super::bundle::{Bundle, LocaleIndex};
use super::candidates::{expand, Candidate};
use super::explain::{Explanation, NoTrees, Scored, Trees};
use super::phrase::{Exact, Phrase};
use super::plan::{plan, Query};
use super::proximity::{proximity, RERANK};
use super::rank::{self, question_cover, Ceiling, RankWeights, ScoreParts};
use super::select::best_k_pruned;
use super::snippet::{snippet, Heads};
use super::suggest::correction;
use crate::analysis::{Analyzer, Lang};
use crate::format::{question_idf_sums, NormsAt};

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
    run(bundle, query, locale, limit, weights, &mut NoTrees, None)
}

/// [`search`] and [`did_you_mean`](super::did_you_mean) in one pass: the
/// panel shows both on every keystroke, and the correction is read from
/// the query's plan and candidates, which the search works out anyway.
pub fn search_correcting(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
) -> (Vec<Hit>, Option<String>) {
    let mut fixed = None;
    let hits = run(
        bundle,
        query,
        locale,
        limit,
        &RankWeights::default(),
        &mut NoTrees,
        Some(&mut fixed),
    );
    (hits, fixed)
}

/// [`search`], with the tree of each hit's score, for the editors' `explain`.
pub fn explain(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
) -> Vec<(Hit, Explanation)> {
    let mut trees = Vec::new();
    let hits = run(
        bundle,
        query,
        locale,
        limit,
        &RankWeights::default(),
        &mut trees,
        None,
    );
    hits.into_iter().zip(trees).collect()
}

/// An entry on its way to the hits: its accumulator, the parts of its
/// score, and the score.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    slot: usize,
    parts: ScoreParts,
    score: f32,
    /// Its proximity was measured.
    reranked: bool,
    /// The query is its alias or question: it goes before the others.
    exact: Option<Exact>,
}

/// The seven stages; each hit's tree goes to `trees` (a search keeps none,
/// so its instance of this function carries no explanation code).
fn run<T: Trees>(
    bundle: &Bundle<'_>,
    text: &str,
    locale: &str,
    limit: usize,
    weights: &RankWeights,
    trees: &mut T,
    correct: Option<&mut Option<String>>,
) -> Vec<Hit> {
    let limit = limit.min(MAX_LIMIT);
    let Some((index, lang)) = bundle.search_locale(locale) else {
        return Vec::new();
    };
    // 1. Plan.
    let text = bounded(text);
    let query = Query::new(plan(index, &Analyzer::new(lang), text), lang);
    let n = index.docs.len();
    if n == 0 || query.words.is_empty() {
        return Vec::new();
    }
    // 2. Candidates.
    let cands = expand(index, lang, &query.words, weights);
    if let Some(out) = correct {
        *out = correction(index, lang, text, &query.words, &cands);
    }
    if limit == 0 {
        return Vec::new();
    }
    // 3. Accumulate: only documents some word matched get an accumulator.
    let mut scratch = Scratch::take(n);
    let walk = accumulate(index, &query, &cands, weights, &mut scratch);
    let accs = scratch.accs();
    // 4. Score and 5. select: only the best few need an order.
    let phrase = Phrase::new(index, text, lang);
    let by_rank = |a: &Ranked, b: &Ranked| {
        (b.exact.is_some().cmp(&a.exact.is_some()))
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| accs[a.slot].doc.cmp(&accs[b.slot].doc))
    };
    let ceiling = Ceiling::new(weights, query.counted.len());
    let scored = |(slot, a): (usize, &Accumulator), last: Option<&Ranked>| {
        let exact = phrase.is_alias_of(a.doc).then_some(Exact::Alias);
        // Among the best only if it can beat the k-th without its question cover.
        if let (None, Some(last)) = (exact, last) {
            if last.exact.is_some() || ceiling.of(a.score, a.covered) < last.score {
                return None;
            }
        }
        let parts = score_parts(index, bm25f_coverage(&query, a), a, weights);
        let score = rank::score(weights, &parts);
        (score > 0.0).then_some(Ranked {
            slot,
            parts,
            score,
            reranked: false,
            exact,
        })
    };
    let mut ranked = best_k_pruned(accs.iter().enumerate(), limit.max(RERANK), by_rank, scored);
    // 6. Rerank.
    // Words of the text are looked up only if they begin like a matched word or stem.
    // Listed by loops: the adapters' chain was code of its own in the Wasm.
    let mut terms = Vec::new();
    for c in cands.iter().flatten() {
        terms.push(c.term.as_str());
    }
    for w in &query.words {
        terms.push(w.token.stem.as_str());
    }
    let heads = Heads::new(terms.into_iter());
    let measure = weights.proximity > 0.0 && query.counted.len() > 1;
    let top = ranked.len().min(RERANK);
    for r in &mut ranked[..top] {
        let a = &accs[r.slot];
        // The query can only be the question if all its words are in it.
        let maybe_question =
            r.exact.is_none() && a.seen == query.all_bits() && r.parts.question_cover > 0.0;
        r.reranked = measure;
        // Proximity needs two words matched in the question (else it is 0).
        let near = measure && a.in_question.count_ones() >= 2;
        if !near && !maybe_question {
            continue;
        }
        let Some(question) = bundle.question(index.docs.global(a.doc)) else {
            continue;
        };
        if maybe_question && phrase.is_question(&question, lang) {
            r.exact = Some(Exact::Question);
        }
        if near {
            r.parts.proximity = proximity(
                &question,
                &query.words,
                &a.offsets(&cands),
                &query.counted,
                &heads,
                index,
                lang,
            );
            r.score = rank::score(weights, &r.parts);
        }
    }
    super::select::sort_small(&mut ranked[..top], by_rank);
    ranked.truncate(limit);
    // 7. Hits.
    let mut hits = Vec::with_capacity(ranked.len());
    for r in &ranked {
        let a = &accs[r.slot];
        let Some(hit) = hit(bundle, index, lang, &query, &cands, &heads, a, r.score) else {
            continue;
        };
        let scored = Scored {
            query: &query,
            cands: &cands,
            walk: &walk,
            acc: a,
            parts: r.parts,
            reranked: r.reranked,
            exact: r.exact,
        };
        trees.add(index, &scored, weights);
        hits.push(hit);
    }
    scratch.give_back();
    hits
}

/// Stage 4: what an entry's score is made of, before proximity. Entries
/// that match more of the query's words come first, and so do questions
/// that the query covers more of.
/// `base` is [`bm25f_coverage`] of `a`.
fn score_parts(
    index: &LocaleIndex<'_>,
    base: ScoreParts,
    a: &Accumulator,
    weights: &RankWeights,
) -> ScoreParts {
    // Covering a question's rare words counts more than its common
    // ones. (Most matches are in the answer only: no question to cover.)
    let question_cover = if a.question_idf > 0.0 {
        question_cover(
            a.question_idf,
            question_idf_sums(match index.docs.norms_at() {
                NormsAt::Columns => index.docs.norms(a.doc).question_idf,
                NormsAt::Postings => a.question_norms,
            }),
            weights.stop_word,
        )
    } else {
        0.0
    };
    ScoreParts {
        question_cover,
        proximity: 0.0,
        ..base
    }
}

/// The parts of [`score_parts`] read from the accumulator alone.
fn bm25f_coverage(query: &Query, a: &Accumulator) -> ScoreParts {
    ScoreParts {
        bm25f: a.score,
        coverage: f32::from(a.covered) / query.counted.len() as f32,
        ..ScoreParts::default()
    }
}

/// Stage 7: the hit of a ranked entry, with its snippet.
#[allow(clippy::too_many_arguments)]
fn hit(
    bundle: &Bundle<'_>,
    index: &LocaleIndex<'_>,
    lang: Lang,
    query: &Query,
    cands: &[Vec<Candidate>],
    heads: &Heads,
    a: &Accumulator,
    score: f32,
) -> Option<Hit> {
    let g = index.docs.global(a.doc);
    // Asked before the record, so where both are in parts that have not
    // arrived, both are noted and come in one round.
    let html = bundle.answer_html(g);
    let rec = bundle.doc(g)?;
    // Every form a matched word stands for is highlighted, not only
    // the one that scored best ("zählerstnad" → Zählerstand and
    // Zählerstandsmeldung alike).
    let mut matched: Vec<u64> = Vec::new();
    for ((w, c), ci) in query.words.iter().zip(cands).zip(a.cand) {
        if !w.token.stop && ci != NONE {
            matched.extend(c.iter().map(|c| c.offset));
        }
    }
    let html = html.unwrap_or("");
    let (snippet, highlights) = snippet(html, &matched, a.in_answer, heads, index, lang);
    Some(Hit {
        id: rec.id.to_string(),
        doc: g,
        question: rec.question.to_string(),
        category: rec.category.to_string(),
        snippet,
        highlights,
        score,
    })
}
