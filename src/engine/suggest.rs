//! Help while typing: completions of the word being typed, and "did you
//! mean" corrections when a word matches nothing in the knowledge base.

use super::bundle::{Bundle, LocaleIndex};
use super::candidates::{candidates, MatchKind};
use super::fuzzy::{Fuzzy, DEFAULT_BUDGET};
use super::plan::{bounded, plan};
use super::RankWeights;
use crate::analysis::Analyzer;

/// Index words looked at for completions of one prefix.
const MAX_COMPLETION_SCAN: usize = 256;

/// Up to `n` completions of the query's last word, most frequent first, as
/// whole queries ("zähler" → "zählerstand", "zählernummer").
pub fn complete(bundle: &Bundle<'_>, query: &str, locale: &str, n: usize) -> Vec<String> {
    let Some((index, lang)) = bundle.search_locale(locale) else {
        return Vec::new();
    };
    let query = bounded(query);
    let tokens = Analyzer::without_stems(lang).tokenize(query);
    let Some(last) = tokens.last().filter(|t| t.end == query.len()) else {
        return Vec::new();
    };
    // The most frequent first, then the shortest.
    let found = index
        .terms
        .best_completions(&last.term, MAX_COMPLETION_SCAN, n, |key, offset| {
            (std::cmp::Reverse(index.doc_freq(offset)), key.len())
        });
    found
        .into_iter()
        .map(|(term, _)| format!("{}{}", &query[..last.start], index.display(&term)))
        .collect()
}

/// The query with each unknown word replaced by the closest index word,
/// if any word was replaced ("zählerstnad" → "zählerstand").
pub fn did_you_mean(bundle: &Bundle<'_>, query: &str, locale: &str) -> Option<String> {
    let (index, lang) = bundle.search_locale(locale)?;
    let query = bounded(query);
    let analyzer = Analyzer::new(lang);
    let weights = RankWeights::default();
    let mut out = String::new();
    let mut at = 0;
    let mut changed = false;
    for word in plan(index, &analyzer, query) {
        if word.part || word.token.stop || word.token.start < at {
            continue;
        }
        let cands = candidates(index, &word, &weights);
        let known = cands.iter().any(|c| {
            matches!(
                c.kind,
                MatchKind::Exact | MatchKind::Stem | MatchKind::Prefix
            )
        });
        if known {
            continue;
        }
        if let Some(better) = closest(index, &word.token.term) {
            out.push_str(&query[at..word.token.start]);
            out.push_str(&index.display(&better));
            at = word.token.end;
            changed = true;
        }
    }
    out.push_str(&query[at..]);
    changed.then_some(out)
}

/// The index word within two edits of `term` that is closest, then most frequent.
fn closest(index: &LocaleIndex<'_>, term: &str) -> Option<String> {
    if term.len() < 3 {
        return None;
    }
    let max = if term.len() < 6 { 1 } else { 2 };
    let automaton = Fuzzy::new(term, max, false, DEFAULT_BUDGET);
    let mut best: Option<(u8, usize, String)> = None;
    index.terms.walk_words(&automaton, |key, offset, state| {
        let d = state.map_or(max, |s| s.distance());
        let df = index.doc_freq(offset);
        let better = best
            .as_ref()
            .is_none_or(|(bd, bdf, _)| (d, std::cmp::Reverse(df)) < (*bd, std::cmp::Reverse(*bdf)));
        if better {
            best = Some((d, df, String::from_utf8_lossy(key).into_owned()));
        }
        true
    });
    best.map(|b| b.2)
}
