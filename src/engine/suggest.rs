//! Help while typing: completions of the word being typed, and "did you
//! mean" corrections when a word matches nothing in the knowledge base.

use super::bounds::bounded;
use super::bundle::{Bundle, LocaleIndex};
use super::candidates::{expand, typos, Candidate, MatchKind};
use super::plan::{plan, Word};
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
        .filter_map(|(term, _)| Some(format!("{}{}", &query[..last.start], index.display(&term)?)))
        .collect()
}

/// The query with each unknown word replaced by the closest index word,
/// if any word was replaced ("zählerstnad" → "zählerstand").
pub fn did_you_mean(bundle: &Bundle<'_>, query: &str, locale: &str) -> Option<String> {
    let (index, lang) = bundle.search_locale(locale)?;
    let query = bounded(query);
    let words = plan(index, &Analyzer::new(lang), query);
    let cands = expand(index, lang, &words, &RankWeights::default());
    correction(index, lang, query, &words, &cands)
}

/// [`did_you_mean`] from a query's planned `words` and their candidates,
/// which the search has already worked out for the same (bounded) `query`.
pub(crate) fn correction(
    index: &LocaleIndex<'_>,
    lang: Lang,
    query: &str,
    words: &[Word],
    cands: &[Vec<Candidate>],
) -> Option<String> {
    let mut out = String::new();
    let mut at = 0;
    let mut changed = false;
    for (word, cands) in words.iter().zip(cands) {
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
            // Shown only once it can be spelt as the kb spells it.
            out.push_str(&index.display(&better)?);
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

#[cfg(test)]
mod tests {
    use super::did_you_mean;
    use crate::engine::{search, search_correcting};

    #[test]
    fn the_search_that_corrects_gives_the_same_hits_and_correction_as_the_two_calls_alone() {
        let b = crate::embedded();
        let mut corrected = 0;
        for set in [
            include_str!("../../tests/eval/sample-queries.json"),
            include_str!("../../tests/eval/hard-queries.json"),
        ] {
            let queries: serde_json::Value = serde_json::from_str(set).unwrap();
            for q in queries.as_array().unwrap() {
                let (text, locale) = (q["query"].as_str().unwrap(), q["lang"].as_str().unwrap());
                // Every prefix, as typed, and the finished query.
                let ends = text.char_indices().map(|(i, _)| i).skip(1);
                for end in ends.chain([text.len()]) {
                    let typed = &text[..end];
                    let (hits, fixed) = search_correcting(b, typed, locale, 8);
                    assert_eq!(hits, search(b, typed, locale, 8), "{typed}");
                    assert_eq!(fixed, did_you_mean(b, typed, locale), "{typed}");
                    corrected += usize::from(fixed.is_some());
                }
            }
        }
        assert!(corrected > 10, "the sets have misspellings to correct");
    }
}
