//! The query side: opens the bundle in place and answers searches from it.

mod accumulate;
pub mod bounds;
pub mod bundle;
pub mod candidates;
mod entries;
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
pub use entries::Lookup;
pub use explain::{Combine, Explanation};
pub use phrase::Exact;
pub use rank::RankWeights;
pub use search::{explain, search, search_correcting, search_with, Hit};
pub use suggest::{complete, did_you_mean};

/// The part of `query` the engine reads: at most
/// [`bounds::MAX_QUERY_BYTES`] bytes, cut at a character boundary. The
/// widget keeps no more than this, so a pasted megabyte never reaches
/// sessionStorage, links, events or beacons.
pub fn cut_query(query: &str) -> &str {
    bounds::bounded(query)
}

/// Hits [`search`] returns from JavaScript when no limit is given.
pub const DEFAULT_LIMIT: usize = 10;
/// Most completions [`complete`] returns from JavaScript (default 5).
pub const MAX_COMPLETIONS: usize = 10;

/// A count passed from JavaScript, where any number can arrive: missing or
/// NaN gives `default`, zero or less none, a fraction is cut, and anything
/// above `max` (Infinity too) gives `max`.
pub fn js_count(requested: Option<f64>, default: usize, max: usize) -> usize {
    match requested {
        None => default.min(max),
        Some(n) if n.is_nan() => default.min(max),
        Some(n) if n < 1.0 => 0,
        // In range for usize: `as` saturates, and max bounds it anyway.
        Some(n) => (n as usize).min(max),
    }
}

/// An answer with its related entries, for the answer view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    pub locale: String,
    pub category: String,
    pub question: String,
    /// Safe HTML rendered at build time; empty while `pending`.
    pub html: String,
    /// A part it reads (of ANSWERS, or a related entry's of DOCS) has not
    /// arrived yet (a core bundle): ask again once it has.
    pub pending: bool,
    /// (id, question) of related entries.
    pub related: Vec<(String, String)>,
}

/// The answer for entry `id`, if it exists and its record is at hand
/// (else its part is noted; see [`Bundle::lookup_id`]).
pub fn answer(bundle: &Bundle<'_>, id: &str) -> Option<Answer> {
    answer_of(bundle, bundle.find_id(id)?)
}

/// [`answer`] for the entry with global doc number `n`, already looked up
/// (in a core, a look-up reads every record part at hand).
pub fn answer_of(bundle: &Bundle<'_>, n: u32) -> Option<Answer> {
    let rec = bundle.doc(n)?;
    let html = bundle.answer_html(n);
    let related: Vec<(String, String)> = rec
        .related
        .iter()
        .filter_map(|&r| bundle.doc(r))
        .map(|d| (d.id.to_string(), d.question.to_string()))
        .collect();
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
        html: html.unwrap_or("").to_string(),
        pending: html.is_none() || related.len() < rec.related.len(),
        related,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_from_javascript_is_clamped_whatever_number_arrives() {
        let hits = |n| js_count(n, DEFAULT_LIMIT, search::MAX_LIMIT);
        assert_eq!(hits(None), 10);
        assert_eq!(hits(Some(f64::NAN)), 10);
        assert_eq!(hits(Some(0.0)), 0);
        assert_eq!(hits(Some(-1.0)), 0);
        assert_eq!(hits(Some(-4_294_967_295.0)), 0);
        assert_eq!(hits(Some(f64::NEG_INFINITY)), 0);
        assert_eq!(hits(Some(3.9)), 3);
        assert_eq!(hits(Some(1e300)), search::MAX_LIMIT);
        assert_eq!(hits(Some(f64::INFINITY)), search::MAX_LIMIT);
        assert_eq!(hits(Some(50.0)), 50);
    }
}
