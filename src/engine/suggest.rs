//! Help while typing: completions of the word being typed, and "did you
//! mean" corrections when a word matches nothing in the knowledge base.

use super::bundle::{Bundle, LocaleIndex};
use super::candidates::{expand, typos, MatchKind};
use super::plan::{bounded, plan};
use super::RankWeights;
use crate::analysis::{Analyzer, Lang};

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
    let words = plan(index, &analyzer, query);
    let cands = expand(index, lang, &words, &weights);
    for (word, cands) in words.iter().zip(&cands) {
        if word.part || word.token.stop || word.token.start < at {
            continue;
        }
        // A word the index has, or one of its synonyms, is meant as typed.
        let known = cands.iter().any(|c| {
            matches!(
                c.kind,
                MatchKind::Exact
                    | MatchKind::Stem
                    | MatchKind::Inflection
                    | MatchKind::Prefix
                    | MatchKind::Synonym
            )
        });
        if known {
            continue;
        }
        if let Some(better) = closest(index, lang, &word.token.term) {
            out.push_str(&query[at..word.token.start]);
            out.push_str(&index.display(&better));
            at = word.token.end;
            changed = true;
        }
    }
    out.push_str(&query[at..]);
    changed.then_some(out)
}

/// Of the index words the ranking tries for the finished word `term`
/// ([`typos`]), the closest, then the most frequent.
fn closest(index: &LocaleIndex<'_>, lang: Lang, term: &str) -> Option<String> {
    typos(index, lang, term, false)
        .into_iter()
        .min_by_key(|t| (t.distance, std::cmp::Reverse(index.doc_freq(t.offset))))
        .map(|t| t.term)
}
