//! Stage 2, candidates: each query word becomes the index entries it may
//! stand for, weighted by how sure the match is.
//!
//! The exact word, then its stem, completions of the word being typed,
//! synonyms, the word it forms with its neighbour, and only when none of
//! these exist, typo-tolerant matches.

use super::bundle::LocaleIndex;
use super::fuzzy::{max_distance, Fuzzy, DEFAULT_BUDGET};
use super::plan::Word;
use super::rank::RankWeights;
use crate::format::decode_synonyms;

/// Most index terms one prefix or fuzzy match may expand to.
pub const MAX_EXPANSIONS: usize = 8;

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
    pub(crate) weight: f32,
    pub(crate) kind: MatchKind,
    /// The index word matched, for explanations.
    pub(crate) term: String,
    /// Document frequency to rank it by instead of its own: a synonym
    /// counts no rarer than the word the visitor typed.
    pub(crate) df: Option<usize>,
}

/// Every query word's candidates: its own, then synonyms and the words it
/// forms with a neighbour.
pub(crate) fn expand(
    index: &LocaleIndex<'_>,
    words: &[Word],
    w: &RankWeights,
) -> Vec<Vec<Candidate>> {
    let mut cands: Vec<Vec<Candidate>> = words
        .iter()
        .map(|word| candidates(index, word, w))
        .collect();
    add_synonyms(index, words, &mut cands, w);
    add_joined(index, words, &mut cands, w);
    cands
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
    for part in &word.parts {
        if let Some(offset) = index.terms.get(part) {
            push(
                &mut out,
                Candidate {
                    offset,
                    weight: w.compound,
                    kind: MatchKind::Compound,
                    term: part.clone(),
                    df: None,
                },
            );
        }
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

/// Typo-tolerant candidates.
///
/// First only terms that begin with the word's first letter (typos there
/// are rare, and walking every first letter costs the most); a word that
/// finds none that way is tried again with one edit anywhere. The word
/// being typed gets one edit: it is still incomplete, and once finished it
/// gets its full allowance. A walk that exhausts its budget keeps what it
/// found.
fn fuzzy(
    index: &LocaleIndex<'_>,
    term: &str,
    prefix: bool,
    w: &RankWeights,
    out: &mut Vec<Candidate>,
) {
    let mut first = max_distance(term.len());
    if prefix {
        first = first.min(1);
    }
    if first == 0 {
        return;
    }
    for (max, keep_first) in [(first, true), (1, false)] {
        let automaton = Fuzzy::new(term, max, prefix, DEFAULT_BUDGET).keep_first_byte(keep_first);
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
        if !found.is_empty() || !keep_first {
            for c in found {
                push(out, c);
            }
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::engine::plan::plan;

    #[test]
    fn a_finished_compound_also_stands_for_its_parts_but_not_while_typed() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        let w = RankWeights::default();
        let kinds = |q: &str| -> Vec<(String, MatchKind)> {
            let words = plan(index, &Analyzer::new(lang), q);
            candidates(index, &words[0], &w)
                .into_iter()
                .map(|c| (c.term, c.kind))
                .collect()
        };
        let finished = kinds("Zählerstand ");
        assert!(
            finished.contains(&("zaehlerstand".into(), MatchKind::Exact)),
            "{finished:?}"
        );
        assert!(
            finished.contains(&("zaehler".into(), MatchKind::Compound)),
            "{finished:?}"
        );
        assert!(
            finished.contains(&("stand".into(), MatchKind::Compound)),
            "{finished:?}"
        );
        let typed = kinds("Zählerstand");
        assert!(
            !typed.iter().any(|(_, k)| *k == MatchKind::Compound),
            "{typed:?}"
        );
    }
}
