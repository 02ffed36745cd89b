//! The query side: opens the bundle in place and answers searches from it.

pub mod bundle;
pub mod fuzzy;
pub mod rank;
pub mod search;
pub mod snippet;
pub mod suggest;
pub mod vocab;

pub use bundle::Bundle;
pub use rank::RankWeights;
pub use search::{explain, search, search_with, Contribution, Hit, MatchKind};
pub use suggest::{complete, did_you_mean};

/// The part of `query` the engine reads: at most
/// [`search::MAX_QUERY_BYTES`] bytes, cut at a character boundary. The
/// widget keeps no more than this, so a pasted megabyte never reaches
/// sessionStorage, links, events or beacons.
pub fn cut_query(query: &str) -> &str {
    search::bounded(query)
}

/// An answer with its related entries, for the answer view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    pub locale: String,
    pub category: String,
    pub question: String,
    /// Safe HTML rendered at build time.
    pub html: String,
    /// (id, question) of related entries.
    pub related: Vec<(String, String)>,
}

/// The answer for entry `id`, if it exists.
pub fn answer(bundle: &Bundle<'_>, id: &str) -> Option<Answer> {
    let rec = bundle.doc(bundle.find_id(id)?)?;
    Some(Answer {
        id: rec.id.to_string(),
        locale: bundle
            .meta
            .locales
            .get(usize::from(rec.locale))
            .copied()
            .unwrap_or("")
            .to_string(),
        category: rec.category.to_string(),
        question: rec.question.to_string(),
        html: rec.html.to_string(),
        related: rec
            .related
            .iter()
            .filter_map(|&r| bundle.doc(r))
            .map(|d| (d.id.to_string(), d.question.to_string()))
            .collect(),
    })
}
