//! Stage 6, rerank: the best few entries by score are re-ranked by how
//! close together the query's neighbouring words stand in the question.

use super::bundle::LocaleIndex;
use super::plan::Word;
use super::snippet::Heads;
use crate::analysis::{scan_words, Lang};

/// Hits re-ranked by proximity.
pub(crate) const RERANK: usize = 30;

/// Share of neighbouring query words (content words, in query order) that
/// stand within two words of each other in `question`: 0 to 1.
pub(crate) fn proximity(
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
