//! Exact phrases: a visitor who types an entry's alias or its question, as
//! the editors wrote it (case, punctuation and word breaks aside), gets
//! that entry before all others, whatever the scores say.

use super::bundle::LocaleIndex;
use crate::analysis::{scan_words, Lang};
use crate::format::{phrase_key, PHRASE_MARK};

/// Which phrase of an entry the query is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exact {
    Alias,
    Question,
}

/// The query read as one phrase, and the entries whose alias it is.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    key: String,
    /// Locale-local docs with the phrase as an alias (from TERMS).
    alias_of: Vec<usize>,
}

impl Phrase {
    pub(crate) fn new(index: &LocaleIndex<'_>, text: &str, lang: Lang) -> Self {
        let key = phrase_key(text, lang);
        let mut alias_of = Vec::new();
        if let Some(offset) = index.terms.phrase(&key) {
            // The query's walk, so the Wasm carries one (a damaged list
            // gives the docs before the damage).
            let _ = index.posting_iter(offset).for_each_kept(
                &mut alias_of,
                |_, _| true,
                |docs, p| docs.push(p.doc as usize),
            );
        }
        Self { key, alias_of }
    }

    /// Whether the query is an alias of locale-local `doc`.
    pub(crate) fn is_alias_of(&self, doc: usize) -> bool {
        // Asked of every entry a long walk found, and most queries are no
        // alias: the empty list answers before a search is set up.
        !self.alias_of.is_empty() && self.alias_of.contains(&doc)
    }

    /// Whether `question` has the query's phrase key: compared word by
    /// word, so most questions are told apart by their first word.
    pub(crate) fn is_question(&self, question: &str, lang: Lang) -> bool {
        let mut rest = &self.key[PHRASE_MARK.len_utf8()..];
        if rest.is_empty() {
            return false;
        }
        let mut same = true;
        scan_words(question, lang, |_, _, word| {
            match rest.strip_prefix(word) {
                Some(r) => rest = r,
                None => same = false,
            }
            same
        });
        same && rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_the_query_when_their_folded_words_are_the_same() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        let q = "Wie teile ich Ihnen meinen Zählerstand mit?";
        for typed in [q, "wie teile ich ihnen meinen zaehlerstand mit"] {
            assert!(
                Phrase::new(index, typed, lang).is_question(q, lang),
                "{typed}"
            );
        }
        for other in [
            "Wie teile ich Ihnen meinen Zählerstand",
            "teile ich Ihnen meinen Zählerstand mit",
            "",
            "?",
        ] {
            assert!(
                !Phrase::new(index, other, lang).is_question(q, lang),
                "{other}"
            );
        }
    }
}
