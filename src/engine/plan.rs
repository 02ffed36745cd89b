//! Stage 1, plan: the query text becomes the words to look up.
//!
//! Queries are cut to a bounded size; unknown compounds are split into
//! words the index knows; the word still being typed is marked open.

use super::bounds::MAX_QUERY_TERMS;
use super::bundle::LocaleIndex;
use crate::analysis::{compound, Analyzer, Lang, Token};

/// A query word after analysis.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) token: Token,
    /// The visitor is still typing it: complete it as a prefix.
    pub(crate) open: bool,
    /// A part of a compound the index does not know as a whole.
    pub(crate) part: bool,
    /// For a part: the folded compound it was split from ("zaehlerablesung"),
    /// which a synonym group may name.
    pub(crate) whole: Option<String>,
    /// The parts of a finished compound the index knows as a whole: an
    /// entry may say it in parts ("Kontakte beschränken").
    pub(crate) parts: Vec<String>,
}

/// The words to look up, stop words marked, unknown compounds split into
/// known parts. A compound's parts are content words of the index: a
/// function word is no part ("wieder" is not "wie" + "der", "ausbau" not
/// "aus" + "bau"), since it would stand for the compound at a content
/// word's weight.
pub(crate) fn plan(index: &LocaleIndex<'_>, analyzer: &Analyzer, query: &str) -> Vec<Word> {
    let tokens = analyzer.tokenize(query);
    let open_end = tokens.last().map_or(0, |t| t.end);
    let open_pos = (open_end == query.len())
        .then(|| tokens.last().map(|t| t.position))
        .flatten();
    let lang = analyzer.lang();
    let is_part = |w: &str| !lang.is_stop_word(w) && index.terms.contains_key(w);
    let mut words = Vec::new();
    for t in tokens {
        let open = Some(t.position) == open_pos && t.end == open_end;
        let known = index.terms.contains_key(&t.term) || index.terms.stem(&t.stem).is_some();
        // The word being typed is split only once nothing begins with it:
        // then it is a finished compound, not the start of a longer word.
        let typing = || open && !index.terms.shortest_completions(&t.term, 1).is_empty();
        let parts = if known || t.stop || typing() {
            None
        } else {
            compound::split(&t.term, lang, &is_part)
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
                        whole: Some(t.term.clone()),
                        parts: Vec::new(),
                    });
                }
            }
            None => {
                let parts = if known
                    && !open
                    && !t.stop
                    && lang.glues_compounds()
                    && index.terms.may_split(&t.term)
                {
                    compound::split(&t.term, lang, &is_part).unwrap_or_default()
                } else {
                    Vec::new()
                };
                words.push(Word {
                    token: t,
                    open,
                    part: false,
                    whole: None,
                    parts,
                })
            }
        }
        if words.len() >= MAX_QUERY_TERMS {
            break;
        }
    }
    // A compound's parts may have gone past the limit.
    words.truncate(MAX_QUERY_TERMS);
    words
}

/// The planned words and the word positions the later stages count.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub(crate) words: Vec<Word>,
    /// Positions that count for coverage: content words, or the stop
    /// words when there is nothing else.
    pub(crate) counted: Vec<u32>,
    /// Every word position, in query order: bit `i` of an accumulator's
    /// `seen` stands for `positions[i]`.
    pub(crate) positions: Vec<u32>,
    /// The language the words were analysed in.
    pub(crate) lang: Lang,
}

impl Query {
    pub(crate) fn new(words: Vec<Word>, lang: Lang) -> Self {
        let content = words.iter().any(|w| !w.token.stop);
        let mut counted: Vec<u32> = words
            .iter()
            .filter(|w| !content || !w.token.stop)
            .map(|w| w.token.position)
            .collect();
        counted.dedup();
        let mut positions: Vec<u32> = words.iter().map(|w| w.token.position).collect();
        positions.dedup();
        Self {
            words,
            counted,
            positions,
            lang,
        }
    }

    /// Every word position's `seen` bit.
    pub(crate) fn all_bits(&self) -> u32 {
        (1u32 << self.positions.len()) - 1
    }

    /// The `seen` bit of a word position.
    pub(crate) fn bit(&self, position: u32) -> u32 {
        1u32 << self
            .positions
            .iter()
            .position(|&p| p == position)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bounds::bounded;
    use crate::engine::search::search;

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
    fn compound_parts_that_are_function_words_are_dropped() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        // Each splits into a function word and a kb word without the rule.
        for q in [
            "einmal ",
            "ausbau ",
            "mitnehmen ",
            "hinweise ",
            "umzugsanmeldung ",
        ] {
            let words = plan(index, &Analyzer::new(lang), q);
            for w in &words {
                assert!(!(w.part && w.token.stop), "{q}: {words:?}");
                assert!(
                    w.parts
                        .iter()
                        .chain(w.part.then_some(&w.token.term))
                        .all(|p| !lang.is_stop_word(p)),
                    "{q}: {words:?}"
                );
            }
        }
        let any_vocab = |w: &str| index.terms.contains_key(w) || lang.is_stop_word(w);
        assert!(
            compound::split("mitnehmen", lang, &any_vocab).is_some_and(|p| p[0] == "mit"),
            "the test needs a word that would split at a function word"
        );
    }
}
