//! Stage 3, accumulate: walks the postings of each query word's candidates,
//! rare words first, and adds up per entry the BM25F score of each word's
//! best candidate, with what the final score needs besides: the words
//! matched, the question's idf they asked, whether the answer has any.

use super::bounds::MAX_QUERY_TERMS;
use super::bundle::LocaleIndex;
use super::candidates::{Candidate, MatchKind};
use super::plan::Query;
use super::rank::{bm25f_scaled, idf, DocScales, RankWeights};
use crate::format::{Posting, PostingIter, FIELDS, FIELD_ANSWER, FIELD_QUESTION};

/// Below this many entries, every word adds entries (see [`accumulate`]).
const PRUNE_FROM: usize = 1000;

/// No candidate matched (in [`Accumulator::cand`]).
pub(crate) const NONE: u8 = u8::MAX;

/// What a document collected over the query words.
#[derive(Debug, Clone)]
pub(crate) struct Accumulator {
    /// Locale-local doc number.
    pub(crate) doc: usize,
    /// The BM25F sum: each word's best candidate, added in [`Walk::order`].
    pub(crate) score: f32,
    /// Bit per query word position seen ([`Query::bit`]).
    pub(crate) seen: u32,
    /// Content words matched, for coverage.
    pub(crate) covered: u16,
    /// The summed idf of the words matched in the question (stop words
    /// weighed), for question cover.
    pub(crate) question_idf: f32,
    /// The question's own idf as a posting in it carries it
    /// ([`Norms::question_idf`](crate::format::Norms::question_idf)), for
    /// question cover; 0 where LOCALE's columns hold it instead.
    pub(crate) question_norms: [u8; 2],
    /// Some matched word is in the answer: the snippet looks for it.
    pub(crate) in_answer: bool,
    /// Bit per query word whose best match is in the question: with fewer
    /// than two, no pair of them can stand close together there.
    pub(crate) in_question: u16,
    /// Per query word, the candidate it matched (`NONE`), for highlights,
    /// proximity and explanations.
    pub(crate) cand: [u8; MAX_QUERY_TERMS],
}

impl Accumulator {
    fn new(doc: usize) -> Self {
        Self {
            doc,
            score: 0.0,
            seen: 0,
            covered: 0,
            question_idf: 0.0,
            question_norms: [0; 2],
            in_answer: false,
            in_question: 0,
            cand: [NONE; MAX_QUERY_TERMS],
        }
    }

    /// The postings offset each query word matched, if any.
    pub(crate) fn offsets(&self, cands: &[Vec<Candidate>]) -> Vec<Option<u64>> {
        cands
            .iter()
            .zip(self.cand)
            .map(|(c, ci)| c.get(usize::from(ci)).map(|c| c.offset))
            .collect()
    }
}

/// How the walk went, beside the accumulators: what an explanation needs
/// to add the same numbers in the same order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Walk {
    /// Word numbers, rarest first: the order the scores were added in.
    pub(crate) order: Vec<usize>,
    /// Per word, per candidate: the idf it scored with.
    pub(crate) idf: Vec<Vec<f32>>,
}

/// The BM25F score of candidate `cand` of a word in one document, and
/// the one place that computes it: the walk and explanations alike.
#[inline(always)]
pub(crate) fn candidate_score(
    cand: &Candidate,
    weights: &RankWeights,
    idf: f32,
    tf: &[u32; FIELDS],
    scales: &[f32; FIELDS],
) -> f32 {
    cand.weight * bm25f_scaled(weights.k1, idf, tf, scales)
}

/// Fills `scratch.accs` with one accumulator per document some word
/// matched. Rare words first: in a large knowledge base, words in more than
/// a quarter of the entries add to entries that rarer words found but find
/// none of their own (the rarest word always does): their long lists would
/// cost the most and move the ranking the least. The same holds for each
/// list of the words that do find entries: a completion, compound part or
/// typo match in more than a quarter of the entries finds none of its own
/// beside its word's rarest list ("hauss" finding every entry through
/// "haussta", "glaspreishaussta" through its part "haussta"), so one common
/// list cannot make every entry a match to score.
pub(crate) fn accumulate(
    index: &LocaleIndex<'_>,
    query: &Query,
    cands: &[Vec<Candidate>],
    weights: &RankWeights,
    scratch: &mut Scratch,
) -> Walk {
    let n = index.docs.len();
    let Scratch {
        slot_of,
        word_best,
        accs,
        found,
        touched,
    } = scratch;
    *found = 0;
    let scales = index.doc_scales(weights);
    // Each candidate's document frequency, read once for the order and its idf.
    let cand_df: Vec<Vec<usize>> = cands
        .iter()
        .map(|c| c.iter().map(|c| index.doc_freq(c.offset)).collect())
        .collect();
    let df: Vec<usize> = cand_df.iter().map(|d| d.iter().sum()).collect();
    let mut order: Vec<usize> = (0..query.words.len()).collect();
    super::select::sort_small(&mut order, |&a, &b| df[a].cmp(&df[b]));
    // A stop word is indexed in questions and aliases only, so its df
    // counts few entries and its idf looks rare: capped, it cannot decide
    // a ranking the content words do not ("was muss ich tun").
    let stop_cap = idf(n, (n as f32 * weights.stop_idf_share) as usize);
    let cand_idf: Vec<Vec<f32>> = cands
        .iter()
        .zip(&cand_df)
        .zip(&query.words)
        .map(|((c, own), word)| {
            let capped = word.token.stop && !query.lang.is_question_word(&word.token.term);
            c.iter()
                .zip(own)
                .map(|(c, &own)| {
                    let i = idf(n, c.df.unwrap_or(own));
                    if capped {
                        i.min(stop_cap)
                    } else {
                        i
                    }
                })
                .collect()
        })
        .collect();
    let common = n / 4;
    let prune = n >= PRUNE_FROM;
    let rarest = order.first().copied();
    // Slices, not vectors: indexed in the innermost loop, where a vector's
    // index is a call in the size-optimised build.
    let (slot_of, word_best): (&mut [u32], &mut [WordBest]) = (slot_of, word_best);
    let touched: &mut [usize] = touched;
    let scales: &DocScales = &scales;
    for &wi in &order {
        let (word, word_cands) = (&query.words[wi], &cands[wi]);
        let counts = query.counted.contains(&word.token.position);
        let adds_entries = !prune || df[wi] <= common || Some(wi) == rarest;
        // A stop word covers less of a question than a content word.
        let stop = if !word.token.stop {
            1.0
        } else if query.lang.is_question_word(&word.token.term) {
            weights.stop_word
        } else {
            weights.function_word
        };
        let bit = query.bit(word.token.position);
        if !adds_entries && *found == 0 {
            // Nothing found to add to.
            continue;
        }
        let word_idf = &cand_idf[wi];
        if let ([cand], [term_idf]) = (word_cands.as_slice(), word_idf.as_slice()) {
            // One list: its score is the word's best, added at once.
            let mut add = Word {
                wi,
                bit,
                counts,
                question_idf: stop * term_idf,
                adds_entries,
                slot_of,
                accs,
                found,
            };
            let score = ListScore {
                cand,
                weights,
                idf: *term_idf,
                scales,
            };
            add_list(index.posting_iter(cand.offset), &mut add, &score);
            continue;
        }
        // The word's rarest list, which finds entries whenever its word does.
        // A family word is no such list: it adds to what the word finds, so
        // a rare compound ("netzanschlussantrag") cannot keep the word's own
        // common list ("netzanschluss") from finding entries.
        let own_lists =
            || (0..cand_df[wi].len()).filter(|&ci| word_cands[ci].kind != MatchKind::Family);
        let rarest_list = own_lists()
            .min_by_key(|&ci| cand_df[wi][ci])
            .or_else(|| (0..cand_df[wi].len()).min_by_key(|&ci| cand_df[wi][ci]));
        // A list finds entries of its own if its word does and it is not
        // common, or it is the word's rarest.
        let list_adds = |ci: usize| {
            adds_entries && (!prune || cand_df[wi][ci] <= common || Some(ci) == rarest_list)
        };
        // An entry a rarer word found keeps this word's best in
        // per-document bests, added to its accumulator after the word's
        // lists; an entry this word finds first gets an accumulator at once,
        // which keeps the word's best itself (at 100,000 entries, the rarest
        // word of a slow keystroke finds tens of thousands of entries).
        let start = *found;
        let mut walk = WordWalk {
            add: Word {
                wi,
                bit,
                counts,
                question_idf: 0.0,
                adds_entries: true,
                slot_of,
                accs,
                found,
            },
            bests: Bests {
                word_best: &mut *word_best,
                touched: &mut *touched,
                n: 0,
            },
            start: start as u32,
        };
        for (ci, cand) in word_cands.iter().enumerate() {
            let score = ListScore {
                cand,
                weights,
                idf: word_idf[ci],
                scales,
            };
            let list = index.posting_iter(cand.offset);
            walk.list(list, ci as u8, list_adds(ci), &score);
        }
        let touched_n = walk.bests.n;
        let mut add = walk.add;
        add.found_done(start, |ci| stop * word_idf[usize::from(ci)]);
        for &d in &touched[..touched_n] {
            let WordBest {
                score: s,
                cand: ci,
                flags,
                question_norms,
            } = std::mem::take(&mut word_best[d]);
            add.question_idf = stop * word_idf[usize::from(ci)];
            let (in_question, in_answer) = (flags & IN_QUESTION != 0, flags & IN_ANSWER != 0);
            add.cand(d, s, question_norms, in_question, in_answer, ci);
        }
    }
    for a in &accs[..*found] {
        slot_of[a.doc] = u32::MAX;
    }
    Walk {
        order,
        idf: cand_idf,
    }
}

/// How one candidate list scores a posting.
struct ListScore<'s> {
    cand: &'s Candidate,
    weights: &'s RankWeights,
    idf: f32,
    scales: &'s DocScales,
}

impl ListScore<'_> {
    #[inline(always)]
    fn of(&self, p: &Posting) -> f32 {
        let scales = self.scales.of(p.doc as usize, &p.norms);
        candidate_score(self.cand, self.weights, self.idf, &p.tf, &scales)
    }
}

/// A word's only list, added to the accumulators as it is walked: its
/// score is the word's best. Not inlined: on its own, the walk keeps
/// more of its state in registers (the keystrokes around the 100,000-entry
/// p99: 2.8 % fewer instructions, about 2 % less time).
#[inline(never)]
fn add_list(list: PostingIter<'_>, add: &mut Word<'_>, score: &ListScore<'_>) {
    let adds = add.adds_entries;
    // A damaged list ends early; a visitor's query never fails.
    let _ = list.for_each_kept(
        add,
        |add, d| adds || add.slot_of[d as usize] != u32::MAX,
        |add, p| {
            let s = score.of(&p);
            if s > 0.0 {
                add.add(
                    p.doc as usize,
                    s,
                    p.norms.question_idf,
                    p.tf[FIELD_QUESTION] > 0,
                    p.tf[FIELD_ANSWER] > 0,
                );
            }
        },
    );
}

/// The walk of a word with several lists: the entries a rarer word found
/// (accumulator slots below `start`) into per-document bests, the others
/// into accumulators of their own ([`Word::best`]).
struct WordWalk<'a, 'b> {
    add: Word<'a>,
    bests: Bests<'b>,
    start: u32,
}

impl WordWalk<'_, '_> {
    /// Walks candidate `ci`'s list: into every document if the list
    /// `adds_entries`, else into those a rarer word found.
    fn list(&mut self, list: PostingIter<'_>, ci: u8, adds_entries: bool, score: &ListScore<'_>) {
        let start = self.start;
        // A damaged list ends early; a visitor's query never fails.
        let _ = list.for_each_kept(
            self,
            |walk, d| adds_entries || walk.add.slot_of[d as usize] < start,
            |walk, p| {
                let (d, s) = (p.doc as usize, score.of(&p));
                if walk.add.slot_of[d] >= start {
                    // None yet, or one of this word's own.
                    let (in_question, in_answer) =
                        (p.tf[FIELD_QUESTION] > 0, p.tf[FIELD_ANSWER] > 0);
                    let question = p.norms.question_idf;
                    walk.add.best(d, s, question, in_question, in_answer, ci);
                } else {
                    walk.bests.offer(d, s, &p, ci);
                }
            },
        );
    }
}

/// Per document, the best of the current word's lists so far.
struct Bests<'s> {
    word_best: &'s mut [WordBest],
    /// The documents with a best, the first `n`: each once per word, so
    /// there is room for all.
    touched: &'s mut [usize],
    n: usize,
}

impl Bests<'_> {
    /// Candidate `ci`'s posting `p`, scored `s` in document `d`: kept if
    /// it is the word's best there so far.
    #[inline(always)]
    fn offer(&mut self, d: usize, s: f32, p: &Posting, ci: u8) {
        let Some(best) = self.word_best.get_mut(d) else {
            return;
        };
        if s > best.score {
            if best.cand == NONE {
                if let Some(t) = self.touched.get_mut(self.n) {
                    *t = d;
                    self.n += 1;
                }
            }
            best.score = s;
            best.cand = ci;
            best.flags = best.flags & IN_ANSWER
                | if p.tf[FIELD_QUESTION] > 0 {
                    IN_QUESTION
                } else {
                    0
                };
            best.question_norms = p.norms.question_idf;
        }
        if p.tf[FIELD_ANSWER] > 0 {
            best.flags |= IN_ANSWER;
        }
    }
}

/// Adds one query word's best match in a document to its accumulator.
struct Word<'s> {
    wi: usize,
    bit: u32,
    /// The word counts for coverage.
    counts: bool,
    /// What a match in the question adds to `question_idf`.
    question_idf: f32,
    /// A document no rarer word found gets an accumulator.
    adds_entries: bool,
    slot_of: &'s mut [u32],
    /// Room for an accumulator per document, the first `found` in use.
    accs: &'s mut [Accumulator],
    found: &'s mut usize,
}

impl Word<'_> {
    /// The word's only list matched `d` with score `s`.
    #[inline(always)]
    fn add(&mut self, d: usize, s: f32, question: [u8; 2], in_question: bool, in_answer: bool) {
        self.cand(d, s, question, in_question, in_answer, 0);
    }

    /// Candidate `ci`, the word's best in `d`, scored `s`.
    #[inline(always)]
    fn cand(
        &mut self,
        d: usize,
        s: f32,
        question: [u8; 2],
        in_question: bool,
        in_answer: bool,
        ci: u8,
    ) {
        if let Some(slot) = self.slot(d) {
            self.update(slot, s, question, in_question, in_answer, ci);
        }
    }

    /// The accumulator slot of `d`, given one if it has none.
    #[inline(always)]
    fn slot(&mut self, d: usize) -> Option<usize> {
        match self.slot_of[d] {
            u32::MAX => {
                // A slice store, not a push: a push is a call in the
                // size-optimised build (100,000 entries: 57 million, 22
                // instructions each).
                let slot = *self.found;
                *self.accs.get_mut(slot)? = Accumulator::new(d);
                self.slot_of[d] = slot as u32;
                *self.found += 1;
                Some(slot)
            }
            slot => Some(slot as usize),
        }
    }

    /// Candidate `ci` scored `s` in `d`, an entry no rarer word found:
    /// kept in its accumulator if it is the word's best there so far. Ties
    /// keep the earlier candidate, as [`Bests::offer`] does.
    #[inline(always)]
    fn best(
        &mut self,
        d: usize,
        s: f32,
        question: [u8; 2],
        in_question: bool,
        in_answer: bool,
        ci: u8,
    ) {
        // Only a score above 0 finds an entry.
        if self.slot_of[d] == u32::MAX && (s <= 0.0 || s.is_nan()) {
            return;
        }
        let Some(a) = self.slot(d).and_then(|slot| self.accs.get_mut(slot)) else {
            return;
        };
        if s > a.score {
            a.score = s;
            a.cand[self.wi] = ci;
            let own = 1 << self.wi;
            a.in_question = a.in_question & !own | u16::from(in_question) << self.wi;
            a.question_norms = if in_question { question } else { [0; 2] };
        }
        a.in_answer |= in_answer;
    }

    /// After a word's lists: what its best match adds, besides the score,
    /// to each entry it found first (slots from `start`), as
    /// [`Word::update`] adds it; `question_idf` gives it by the candidate
    /// matched.
    fn found_done(&mut self, start: usize, question_idf: impl Fn(u8) -> f32) {
        let (bit, counts, wi) = (self.bit, self.counts, self.wi);
        for a in self.accs.get_mut(start..*self.found).unwrap_or_default() {
            let in_question = a.in_question & 1 << wi != 0;
            let asked = if in_question {
                question_idf(a.cand[wi])
            } else {
                0.0
            };
            Self::first(a, bit, counts, in_question, asked);
        }
    }

    /// Adds the match to the accumulator in `slot`.
    #[inline(always)]
    fn update(
        &mut self,
        slot: usize,
        s: f32,
        question: [u8; 2],
        in_question: bool,
        in_answer: bool,
        ci: u8,
    ) {
        // `get_mut`, not an index: a vector's index is a call in the
        // size-optimised build (100,000 entries: 400 million instructions).
        let Some(a) = self.accs.get_mut(slot) else {
            return;
        };
        a.score += s;
        a.in_answer |= in_answer;
        a.in_question |= u16::from(in_question) << self.wi;
        if Self::first(a, self.bit, self.counts, in_question, self.question_idf) && in_question {
            a.question_norms = question;
        }
        a.cand[self.wi] = ci;
    }

    /// What the first match of the word's position (`bit`) in an entry
    /// adds besides the score: the bit, coverage if the word `counts`, and
    /// `question_idf` if the match is `in_question`. False where the
    /// position had matched already.
    #[inline(always)]
    fn first(
        a: &mut Accumulator,
        bit: u32,
        counts: bool,
        in_question: bool,
        question_idf: f32,
    ) -> bool {
        if a.seen & bit != 0 {
            return false;
        }
        a.seen |= bit;
        if counts {
            a.covered += 1;
        }
        if in_question {
            a.question_idf += question_idf;
        }
        true
    }
}

/// Per-document buffers of the scoring walk, kept between queries so a
/// keystroke does not allocate and clear them anew. At rest every entry is
/// empty: a query resets what it touched before giving them back.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Accumulator number of each document (`u32::MAX`: none).
    slot_of: Vec<u32>,
    /// The current word's best match per document.
    word_best: Vec<WordBest>,
    /// The accumulators of the documents matched, in the order found: the
    /// first `found` of room for every document, kept across queries.
    accs: Vec<Accumulator>,
    found: usize,
    /// Documents the current word matched, as many as it matched: a slice
    /// store, where a push is a call in the size-optimised build (100,000
    /// entries: 58 million of them, 16 instructions each).
    touched: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl Scratch {
    /// The buffers for `n` documents, from the last query if there was one.
    pub(crate) fn take(n: usize) -> Self {
        let mut s = SCRATCH.with(|c| c.take()).unwrap_or_default();
        s.slot_of.resize(n, u32::MAX);
        s.word_best.resize(n, WordBest::default());
        s.touched.resize(n, 0);
        if s.accs.len() < n {
            s.accs.resize(n, Accumulator::new(0));
        }
        s.found = 0;
        s
    }

    /// The accumulators of the documents the last walk matched.
    pub(crate) fn accs(&self) -> &[Accumulator] {
        &self.accs[..self.found]
    }

    /// Keeps the buffers for the next query.
    pub(crate) fn give_back(self) {
        SCRATCH.with(|c| c.set(Some(self)));
    }
}

/// The best match of the current query word in one document: eight
/// bytes, as one is read or written per posting at a random doc (100,000
/// entries: 0.8 MB for all, which stays in a core's cache better than 1.2).
#[derive(Clone, Copy)]
struct WordBest {
    score: f32,
    /// The candidate that scored it ([`NONE`]: none yet).
    cand: u8,
    /// [`IN_QUESTION`] if that candidate's posting is in the question;
    /// [`IN_ANSWER`] if any of the word's candidates is in the answer.
    flags: u8,
    /// Its posting's [`Norms::question_idf`](crate::format::Norms::question_idf).
    question_norms: [u8; 2],
}

const IN_QUESTION: u8 = 1;
const IN_ANSWER: u8 = 2;

impl Default for WordBest {
    fn default() -> Self {
        Self {
            score: 0.0,
            cand: NONE,
            flags: 0,
            question_norms: [0; 2],
        }
    }
}
