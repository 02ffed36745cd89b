//! For a query that found nothing: the entry it most likely belongs to, so
//! the editor can add the query as an alias there (or see that the topic is
//! missing).
//!
//! First the engine itself, in every locale (the knowledge base may have
//! changed since the query was logged, and the log does not say which
//! language the visitor used); then, since the search found nothing, the
//! entry whose question and aliases share most of the query's letter
//! trigrams, which tolerates misspellings and word forms beyond the
//! engine's typo budget.

use crate::engine::{self, Bundle};
use std::collections::HashSet;

/// An entry as the suggestions see it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub question: String,
    /// Trigrams of the question and the aliases.
    grams: HashSet<[char; 3]>,
}

impl Candidate {
    pub fn new(id: &str, question: &str, aliases: &[String]) -> Self {
        let mut grams = trigrams(question);
        for a in aliases {
            grams.extend(trigrams(a));
        }
        Self {
            id: id.to_string(),
            question: question.to_string(),
            grams,
        }
    }
}

/// Where a suggestion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Today's knowledge base finds it for this query.
    Search,
    /// Its question or aliases share most of the query's letters.
    Similar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: String,
    pub question: String,
    pub found: Found,
}

/// The knowledge base as the report needs it: the bundle to search, and
/// every entry's question and aliases. [`Entries::NONE`] for a report from
/// the log alone (no questions, no suggestions).
pub struct Entries<'a> {
    pub bundle: Option<&'a Bundle<'a>>,
    pub candidates: Vec<Candidate>,
}

impl Entries<'_> {
    /// The question of entry `id`, if the knowledge base has it.
    pub fn question(&self, id: &str) -> Option<&str> {
        self.candidates
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.question.as_str())
    }

    pub fn suggest(&self, query: &str) -> Option<Suggestion> {
        suggest(self.bundle?, &self.candidates, query)
    }

    /// No knowledge base.
    pub const NONE: Entries<'static> = Entries {
        bundle: None,
        candidates: Vec::new(),
    };
}

/// Share of the query's trigrams an entry must contain to be suggested.
const MIN_SHARED: f64 = 0.5;

/// The entry `query` most likely belongs to, if any is close.
pub fn suggest(bundle: &Bundle<'_>, candidates: &[Candidate], query: &str) -> Option<Suggestion> {
    let by_search = bundle
        .meta
        .locales
        .iter()
        .filter_map(|l| engine::search(bundle, query, l, 1).into_iter().next())
        .max_by(|a, b| a.score.total_cmp(&b.score));
    if let Some(hit) = by_search {
        return Some(Suggestion {
            id: hit.id,
            question: hit.question,
            found: Found::Search,
        });
    }
    let q = trigrams(query);
    if q.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|c| (q.intersection(&c.grams).count() as f64 / q.len() as f64, c))
        .filter(|(share, _)| *share >= MIN_SHARED)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.id.cmp(&a.1.id)))
        .map(|(_, c)| Suggestion {
            id: c.id.clone(),
            question: c.question.clone(),
            found: Found::Similar,
        })
}

/// Letter trigrams of each word, lower-cased, padded with a space at both
/// ends ("gas" → " ga", "gas", "as ").
fn trigrams(text: &str) -> HashSet<[char; 3]> {
    let mut out = HashSet::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars().flat_map(char::to_lowercase))
            .chain(std::iter::once(' '))
            .collect();
        for w in chars.windows(3) {
            out.insert([w[0], w[1], w[2]]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates() -> Vec<Candidate> {
        vec![
            Candidate::new(
                "de/meter-reading",
                "Wie teile ich Ihnen meinen Zählerstand mit?",
                &["Zählerstand melden".into()],
            ),
            Candidate::new(
                "de/heat-pump-ev-tariff",
                "Gibt es einen Tarif für Wärmepumpen?",
                &["Wärmepumpentarif".into()],
            ),
        ]
    }

    #[test]
    fn a_query_the_engine_finds_today_is_suggested_from_search() {
        let s = suggest(crate::embedded(), &candidates(), "zählerstand").unwrap();
        assert_eq!(
            (s.id.as_str(), s.found),
            ("de/meter-reading", Found::Search)
        );
    }

    #[test]
    fn a_badly_misspelt_query_is_matched_by_shared_letters() {
        // Beyond the engine's typo budget: it finds nothing.
        let q = "wärrmepumppentariff";
        assert!(crate::embedded()
            .meta
            .locales
            .iter()
            .all(|l| engine::search(crate::embedded(), q, l, 1).is_empty()));
        let s = suggest(crate::embedded(), &candidates(), q).unwrap();
        assert_eq!(
            (s.id.as_str(), s.found),
            ("de/heat-pump-ev-tariff", Found::Similar)
        );
    }

    #[test]
    fn an_unrelated_query_gets_no_suggestion() {
        assert_eq!(
            suggest(crate::embedded(), &candidates(), "xyzzy quux"),
            None
        );
    }
}
