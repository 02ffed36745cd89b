//! Ranking: BM25F as small pure functions, and the weights that tune it.
//!
//! BM25F (Robertson & Zaragoza, 2009) first blends a term's frequency over
//! fields, each normalised by its own length, then saturates the blend once:
//! a word repeated in the answer cannot outweigh a match in the question.

use super::bounds::MAX_QUERY_TERMS;
use crate::format::{norm_value, Norms, FIELDS};

/// Every tunable of the ranking in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankWeights {
    /// Weight of a match in each field (question, aliases, answer). Higher
    /// lifts entries whose question says what the visitor typed. Range 0–10.
    /// The answer at 0.4 rather than 0.5 (with `family` at 0.7): deepset
    /// de 0.3635 → 0.3641, en 0.6366 → 0.6393, jhu 0.7763 → 0.7803, the
    /// hard set de 0.8835 → 0.8841, the rest unchanged; 0.45 and 0.35 did
    /// not lift every set (jhu 0.7779, deepset de 0.3632).
    pub field: [f32; FIELDS],
    /// Length normalisation per field: 0 ignores length, 1 fully divides by
    /// it. Short fields (questions) need little; answers 0.7, a little below
    /// the usual 0.75, since a long FAQ answer is thorough rather than off
    /// topic (all three eval sets agree, by a hair). Range 0–1.
    pub b: [f32; FIELDS],
    /// Term-frequency saturation: how fast repeated matches stop counting.
    /// Range 0.5–3; 1.2 is the usual choice for documents, FAQ answers did
    /// better with 2 (tuned on deepset-covid-faq).
    pub k1: f32,
    /// Factor for a match through the stem rather than the exact word.
    /// Range 0–1; just below 1 so the visitor's own word form wins ties.
    pub stem: f32,
    /// Factor for a match through another inflection's stem, one the
    /// stemmer leaves apart ("geimpft" → impfen, "anzustecken" →
    /// Ansteckung, "Viren" → Virus; see
    /// [`inflection`](crate::analysis::inflection)), for finished words.
    /// Range 0–1; 0 turns it off. Measured against off (deepset de
    /// 0.3641, the hard set de 0.8841), with its roots' families (see
    /// `family`): at 0.4 de 0.3707, hard 0.8889; 0.3 the same; 0.5
    /// 0.3700 / 0.8889; 0.6 0.3696 / 0.8889; the English sets unchanged
    /// (German only). Before the roots' families: 0.4 0.3688 / 0.8846,
    /// 0.5 0.3677 / 0.8889, 0.8 0.3663 / 0.8889; for the word being
    /// typed too, 0.5 gave 0.3677 / 0.8857. Well below `stem`: a form
    /// often is another part of speech, and the entries that use the
    /// visitor's own form should lead.
    pub inflection: f32,
    /// Factor for a word completed from a prefix rather than typed in full.
    /// Range 0–1; below the stem so a finished word beats a guess.
    pub prefix: f32,
    /// Factor for a member of the query word's synonym group (shared among
    /// the words of a multi-word synonym). Range 0–1.
    pub synonym: f32,
    /// Factor for each part of a compound the index only knows in parts.
    /// Range 0–1.
    pub compound: f32,
    /// Factor for a word of a finished word's family in a language that
    /// glues compounds: an index word that begins with its stem ("impfen"
    /// → Impfstoff, "gefährdet" → Gefährdungen), less the longer the rest.
    /// Range 0–1; 0 turns it off. Measured against 0 (off): at 0.7
    /// deepset de 0.3601 → 0.3635, the sample kb's hard set de 0.8771 →
    /// 0.8835, the English sets unchanged (German only); 0.3 and 0.5 gave
    /// de 0.3636 and 0.3633 but left the hard set at 0.8771. Stems below
    /// [`MIN_FAMILY_STEM`](super::candidates::MIN_FAMILY_STEM) letters
    /// begin too many unrelated words (4 letters: 0.3635, hard de 0.8828).
    /// It lifts entries that also have the word itself: a family only for
    /// words the kb lacks gave de 0.3611, and keeping the word's own match
    /// in entries that have it 0.3620. The family of a root that an
    /// inflection found comes at the same weight ("angerufen" → anruf →
    /// Anrufbeantworter): deepset de 0.3688 → 0.3707, the hard set
    /// 0.8846 → 0.8889; with it, 0.6 gave de 0.3716 but the hard set
    /// 0.8825, 0.8 de 0.3667.
    pub family: f32,
    /// Factor for a typo-tolerant match (less 25 % per edit). Range 0–1.
    pub fuzzy: f32,
    /// How much the share of query words an entry matches scales its score:
    /// 0 ignores coverage, 1 multiplies by the share. Range 0–1.
    pub coverage: f32,
    /// Bonus for covering the entry's question: the score grows by up to
    /// this factor when every word of the question was asked. Words count
    /// by their idf, so asking a question's rare words covers more of it
    /// than asking its common ones ("is coronavirus from bats" covers
    /// little of "What is a coronavirus?" where nearly every entry speaks
    /// of coronavirus; all three eval sets gained). Helps FAQ queries that
    /// restate a question. Range 0–2.
    pub question_cover: f32,
    /// Factor for stop words ("what", "wie"): indexed in questions and
    /// aliases only, they help a query that restates a question. Range 0–1.
    /// Applies to question words (see `function_word` for the others), and
    /// weighs every stop word of a question in the whole that question
    /// cover divides by.
    pub stop_word: f32,
    /// Factor for stop words that are no question words ("muss", "ich",
    /// "with"): they say nothing of the topic, and at `stop_word` a phrase
    /// of them ("was muss ich tun") outranked the one content word typed
    /// ("Abschlag was muss ich tun" put a house move first), in the
    /// BM25F sum and in question cover alike. Range 0–1, at most
    /// `stop_word`. Measured at 0.25 against 0.5: deepset de 0.348 →
    /// 0.360, en 0.634 → 0.637, jhu 0.776 → 0.775 (0.780 with question
    /// cover left at `stop_word`, which kept the house move first); 0.15
    /// cost jhu 0.015 (its "how did …" queries lean on do-support, a
    /// question word).
    pub function_word: f32,
    /// Bonus when neighbouring query words stand close together in the
    /// question: up to this factor when all of them do. Range 0–1.
    pub proximity: f32,
    /// A stop word's idf is at most that of a word in this share of the
    /// entries. Stop words are indexed in questions and aliases only, so
    /// their own df is small and their idf high: uncapped, "was muss ich
    /// tun" put the gas leak second for a house move. Question words
    /// ([`Lang::is_question_word`](crate::analysis::Lang::is_question_word))
    /// keep theirs: they say what kind of answer is wanted ("where did it
    /// come from"). 1 caps at the lowest idf, 0 not at all; range 0–1.
    /// At 0.1 deepset de rose 0.340 → 0.348, en 0.630 → 0.634, jhu
    /// 0.774 → 0.776; capping question words too cost jhu 0.005–0.04.
    pub stop_idf_share: f32,
}

impl Default for RankWeights {
    fn default() -> Self {
        Self {
            field: [3.0, 2.0, 0.4],
            b: [0.3, 0.5, 0.7],
            k1: 2.0,
            stem: 0.9,
            inflection: 0.4,
            prefix: 0.8,
            synonym: 0.7,
            compound: 0.8,
            family: 0.7,
            fuzzy: 0.7,
            coverage: 0.3,
            question_cover: 1.0,
            stop_word: 0.5,
            function_word: 0.25,
            proximity: 0.3,
            stop_idf_share: 0.1,
        }
    }
}

/// The formula the compiler shares (`src/idf.rs`).
pub use crate::idf::idf;

/// The divisor that normalises a field's term frequency by the field's
/// length relative to the average: 1 − b + b · len / avg.
pub fn length_norm(len: u16, avg_len: f32, b: f32) -> f32 {
    let len = f32::from(len.max(1));
    1.0 - b + b * len / avg_len.max(1.0)
}

/// The saturated BM25F score of one term in one document.
pub fn bm25f(
    weights: &RankWeights,
    idf: f32,
    tf: &[u32; FIELDS],
    lens: &[u16; FIELDS],
    avg: &[f32; FIELDS],
) -> f32 {
    bm25f_scaled(weights.k1, idf, tf, &field_scales(weights, lens, avg))
}

/// Per field, what one occurrence adds to the blend: the field's weight
/// over its [`length_norm`]. It depends only on the document's lengths, so
/// the query path computes it once per length code ([`NormScales`]), not
/// once per posting.
pub fn field_scales(
    weights: &RankWeights,
    lens: &[u16; FIELDS],
    avg: &[f32; FIELDS],
) -> [f32; FIELDS] {
    std::array::from_fn(|f| weights.field[f] / length_norm(lens[f], avg[f], weights.b[f]))
}

/// [`field_scales`] for every length a [`norm_code`](crate::format::norm_code)
/// can stand for: a posting's scales are three lookups by the codes it
/// carries ([`Norms`]), in a table small enough to stay in the cache.
#[derive(Debug, Clone)]
pub struct NormScales(Box<[[f32; 256]; FIELDS]>);

impl NormScales {
    pub fn new(weights: &RankWeights, avg: &[f32; FIELDS]) -> Self {
        let mut table = Box::new([[0f32; 256]; FIELDS]);
        for code in 0..=255u8 {
            let scales = field_scales(weights, &[norm_value(code); FIELDS], avg);
            for (f, s) in scales.into_iter().enumerate() {
                table[f][usize::from(code)] = s;
            }
        }
        Self(table)
    }

    /// The scales of the doc whose norms are `norms` (a field it is not in
    /// has code 0, and a term frequency of 0 there).
    #[inline(always)]
    pub fn of(&self, norms: &Norms) -> [f32; FIELDS] {
        // Spelt out: `from_fn` was a call in the size-optimised build.
        let [q, a, t] = norms.lens;
        [
            self.0[0][usize::from(q)],
            self.0[1][usize::from(a)],
            self.0[2][usize::from(t)],
        ]
    }
}

/// The scales of a locale's docs for one set of weights: by norm code
/// where the postings carry the norms; and where LOCALE's columns hold
/// them, each doc's as well, so a posting reads one array rather than
/// three columns ([`NormsAt`](crate::format::NormsAt)). Scales, not
/// codes: the codes (three bytes a doc, not twelve) missed the first-level
/// cache 9 % less often but took 4 % more instructions, which the misses
/// saved did not pay back (cachegrind, the keystrokes around the p99 at
/// 100,000 entries).
#[derive(Debug, Clone)]
pub struct DocScales {
    pub by_code: NormScales,
    /// Per locale-local doc (empty where the postings carry the norms).
    pub per_doc: Vec<[f32; FIELDS]>,
}

impl DocScales {
    /// The scales of doc `d`, whose posting carries `norms` (or none).
    #[inline(always)]
    pub fn of(&self, d: usize, norms: &Norms) -> [f32; FIELDS] {
        match self.per_doc.get(d) {
            Some(s) => *s,
            None => self.by_code.of(norms),
        }
    }
}

/// [`bm25f`] from the document's [`field_scales`].
#[inline(always)]
pub fn bm25f_scaled(k1: f32, idf: f32, tf: &[u32; FIELDS], scales: &[f32; FIELDS]) -> f32 {
    // Added in field order, spelt out: the size-optimised build called out
    // to `sum`, and kept a loop's counter (the slowest keystrokes at
    // 100,000 entries ran 5 % fewer instructions). Not from 0.0 as `sum`
    // adds: that addition changed nothing but a -0.0, which no count or
    // scale makes, and it lengthened the chain each posting waits on.
    let [q, a, t] = *tf;
    let [sq, sa, st] = *scales;
    let mut blended = q as f32 * sq;
    blended += a as f32 * sa;
    blended += t as f32 * st;
    idf * blended * (k1 + 1.0) / (k1 + blended)
}

/// The share of a question the query asked, 0 to 1: the summed idf of
/// the question words matched (`asked`, stop words already weighed by
/// `stop_word`) over the question's own (`question`: content words, stop
/// words).
pub fn question_cover(asked: f32, question: [f32; 2], stop_word: f32) -> f32 {
    let [content, stop] = question;
    let whole = content + stop_word * stop;
    if asked > 0.0 {
        (asked / whole.max(f32::EPSILON)).min(1.0)
    } else {
        0.0
    }
}

/// What an entry's final score is made of, each measured by the query
/// path: the BM25F sum over query words, and three shares from 0 to 1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScoreParts {
    /// Each query word's best match, summed.
    pub bm25f: f32,
    /// Share of the query's (content) words the entry matched.
    pub coverage: f32,
    /// Share of the question the query asked, see [`question_cover`].
    pub question_cover: f32,
    /// Share of neighbouring query words that stand close together in the
    /// question; 0 for entries not re-ranked.
    pub proximity: f32,
}

impl RankWeights {
    /// Scales the score by coverage: 1 for every word matched, down to
    /// 1 − `coverage` for none.
    pub fn coverage_factor(&self, share: f32) -> f32 {
        1.0 - self.coverage + self.coverage * share
    }

    /// Raises the score by up to `question_cover` for a fully asked question.
    pub fn question_cover_factor(&self, share: f32) -> f32 {
        1.0 + self.question_cover * share
    }

    /// Raises the score by up to `proximity` when all neighbouring query
    /// words stand close together in the question.
    pub fn proximity_factor(&self, share: f32) -> f32 {
        1.0 + self.proximity * share
    }
}

/// The final score of an entry: its BM25F sum scaled by coverage, question
/// cover and proximity, multiplied in that order (explanations multiply
/// the same factors in the same order, so they reach the same number to
/// the last bit).
pub fn score(w: &RankWeights, parts: &ScoreParts) -> f32 {
    parts.bm25f
        * w.coverage_factor(parts.coverage)
        * w.question_cover_factor(parts.question_cover)
        * w.proximity_factor(parts.proximity)
}

/// The most [`score`] can be for an entry whatever its question cover,
/// by its BM25F sum and the count of query words it covers: read before
/// the question's own idf, which an entry that cannot be among the best
/// need not look up. The factors besides the BM25F sum are the same for
/// every entry that covers as many words, so they are worked out once per
/// query. Exact, no margin: each factor is linear in its share and the
/// product of the others is not negative (else no bound: infinity).
#[derive(Debug, Clone)]
pub struct Ceiling {
    /// Per count of words covered: the coverage factor, or NaN where the
    /// factors give no bound.
    coverage: [f32; MAX_QUERY_TERMS + 1],
    /// The question cover factor at its most, and proximity's at 0 (it is
    /// measured after selection).
    most: f32,
    proximity: f32,
}

impl Ceiling {
    /// For a query of `counted` words that count for coverage.
    pub fn new(w: &RankWeights, counted: usize) -> Self {
        let most = w
            .question_cover_factor(0.0)
            .max(w.question_cover_factor(1.0));
        let proximity = w.proximity_factor(0.0);
        let coverage = std::array::from_fn(|covered| {
            // As the selection divides: a share of the words counted.
            let factor = w.coverage_factor(covered as f32 / counted as f32);
            if factor >= 0.0 && proximity >= 0.0 && most >= 0.0 {
                factor
            } else {
                f32::NAN
            }
        });
        Self {
            coverage,
            most,
            proximity,
        }
    }

    /// The bound for an entry with BM25F sum `bm25f` that covers `covered`
    /// of the words, multiplied in [`score`]'s order.
    #[inline(always)]
    pub fn of(&self, bm25f: f32, covered: u16) -> f32 {
        match self.coverage.get(usize::from(covered)) {
            Some(&coverage) if bm25f >= 0.0 && coverage >= 0.0 => {
                bm25f * coverage * self.most * self.proximity
            }
            _ => f32::INFINITY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field's term frequency, divided by its length relative to the average.
    fn normalised_tf(tf: u32, len: u16, avg_len: f32, b: f32) -> f32 {
        tf as f32 / length_norm(len, avg_len, b)
    }

    #[test]
    fn no_question_cover_scores_above_the_ceiling_read_before_it() {
        let mut x = 5u32;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 8) as f32 / (1 << 24) as f32
        };
        for question_cover in [1.0, 0.0, -0.5, 3.0] {
            let w = RankWeights {
                question_cover,
                ..RankWeights::default()
            };
            for counted in 1..=MAX_QUERY_TERMS {
                let ceiling = Ceiling::new(&w, counted);
                for _ in 0..200 {
                    let covered = (next() * (counted + 1) as f32) as u16;
                    let mut parts = ScoreParts {
                        bm25f: 40.0 * next(),
                        coverage: f32::from(covered) / counted as f32,
                        ..ScoreParts::default()
                    };
                    let bound = ceiling.of(parts.bm25f, covered);
                    for share in [0.0, next(), 1.0] {
                        parts.question_cover = share;
                        assert!(score(&w, &parts) <= bound, "{w:?} {parts:?}");
                    }
                    // No margin: a question asked in full reaches it.
                    if question_cover >= 0.0 {
                        parts.question_cover = 1.0;
                        assert_eq!(score(&w, &parts).to_bits(), bound.to_bits(), "{parts:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_ceiling_without_a_bound_turns_no_entry_away() {
        let w = RankWeights {
            coverage: 2.0,
            ..RankWeights::default()
        };
        // No word covered: a negative coverage factor.
        assert_eq!(Ceiling::new(&w, 2).of(1.0, 0), f32::INFINITY);
        assert_eq!(Ceiling::new(&w, 2).of(f32::NAN, 2), f32::INFINITY);
        assert_eq!(Ceiling::new(&w, 2).of(1.0, 13), f32::INFINITY);
    }

    #[test]
    fn rarer_terms_weigh_more() {
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) > 0.0);
    }

    #[test]
    fn a_match_in_the_question_beats_the_same_match_in_the_answer() {
        let w = RankWeights::default();
        let avg = [8.0, 10.0, 100.0];
        let lens = [8, 10, 100];
        let q = bm25f(&w, 1.0, &[1, 0, 0], &lens, &avg);
        let a = bm25f(&w, 1.0, &[0, 0, 1], &lens, &avg);
        assert!(q > a);
    }

    #[test]
    fn repetition_saturates() {
        let w = RankWeights::default();
        let avg = [8.0, 10.0, 100.0];
        let lens = [8, 10, 100];
        let once = bm25f(&w, 1.0, &[0, 0, 1], &lens, &avg);
        let ten = bm25f(&w, 1.0, &[0, 0, 10], &lens, &avg);
        let hundred = bm25f(&w, 1.0, &[0, 0, 100], &lens, &avg);
        assert!(ten > once && ten < 10.0 * once);
        assert!(hundred - ten < ten - once);
        assert!(hundred < w.k1 + 1.0);
    }

    #[test]
    fn longer_fields_dilute_a_match() {
        assert!(normalised_tf(1, 10, 10.0, 0.75) > normalised_tf(1, 40, 10.0, 0.75));
        assert_eq!(normalised_tf(1, 40, 10.0, 0.0), 1.0);
    }

    #[test]
    fn the_final_score_grows_with_each_share_and_is_the_bm25f_sum_without_them() {
        let w = RankWeights::default();
        let none = ScoreParts {
            bm25f: 2.0,
            ..ScoreParts::default()
        };
        let full = ScoreParts {
            bm25f: 2.0,
            coverage: 1.0,
            question_cover: 1.0,
            proximity: 1.0,
        };
        assert_eq!(score(&w, &none), 2.0 * (1.0 - w.coverage));
        assert_eq!(
            score(&w, &full),
            2.0 * (1.0 + w.question_cover) * (1.0 + w.proximity)
        );
        for grown in [
            ScoreParts {
                coverage: 0.5,
                ..none
            },
            ScoreParts {
                question_cover: 0.5,
                ..none
            },
            ScoreParts {
                proximity: 0.5,
                ..none
            },
        ] {
            assert!(score(&w, &grown) > score(&w, &none), "{grown:?}");
        }
    }

    #[test]
    fn asking_a_questions_rare_word_covers_more_of_it_than_its_common_one() {
        let (rare, common, stop) = (idf(100, 2), idf(100, 80), idf(100, 95));
        // "What is a coronavirus vaccine?": what, is, a are stop words.
        let question = [rare + common, 3.0 * stop];
        let w = 0.5;
        let asked_rare = question_cover(rare, question, w);
        let asked_common = question_cover(common, question, w);
        assert!(
            asked_rare > 2.0 * asked_common,
            "{asked_rare} {asked_common}"
        );
        let everything = rare + common + w * 3.0 * stop;
        assert_eq!(question_cover(everything, question, w), 1.0);
        assert_eq!(question_cover(0.0, question, w), 0.0);
        assert_eq!(question_cover(1.0, [0.0, 0.0], w), 1.0);
    }
}
