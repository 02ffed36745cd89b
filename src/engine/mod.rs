//! The query side: opens the bundle in place and answers searches from it.

mod accumulate;
pub mod bundle;
pub mod candidates;
pub mod explain;
pub mod fuzzy;
mod phrase;
pub mod plan;
mod proximity;
pub mod rank;
pub mod search;
mod select;
pub mod snippet;
pub mod suggest;
pub mod vocab;

pub use bundle::Bundle;
pub use candidates::MatchKind;
pub use explain::{Combine, Explanation};
pub use phrase::Exact;
pub use rank::RankWeights;
pub use search::{explain, search, search_with, Hit};
pub use suggest::{complete, did_you_mean};

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
