//! Explanations: how a hit's score came about, as a tree whose values
//! combine exactly to the score (tantivy's `Explanation` is the model:
//! a value, what it is, and the values it is made of).

use super::accumulate::{Accumulator, Walk, NONE};
use super::bundle::LocaleIndex;
use super::candidates::{Candidate, MatchKind};
use super::phrase::Exact;
use super::plan::Query;
use super::proximity::RERANK;
use super::rank::{bm25f_scaled, DocScales, RankWeights, ScoreParts};
use crate::format::{Norms, FIELDS};
use std::fmt;

/// How a node's children make its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// No children: the value is measured.
    Leaf,
    /// The children added in order.
    Sum,
    /// The children multiplied in order.
    Product,
}

/// A value, what it is, and the values it combines.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub value: f32,
    pub description: String,
    pub combine: Combine,
    pub children: Vec<Explanation>,
}

impl Explanation {
    /// A measured value.
    pub fn leaf(value: f32, description: impl Into<String>) -> Self {
        Self {
            value,
            description: description.into(),
            combine: Combine::Leaf,
            children: Vec::new(),
        }
    }

    /// The sum of `children`, added in their order.
    pub fn sum(description: impl Into<String>, children: Vec<Explanation>) -> Self {
        Self::combined(Combine::Sum, description, children)
    }

    /// The product of `children`, multiplied in their order.
    pub fn product(description: impl Into<String>, children: Vec<Explanation>) -> Self {
        Self::combined(Combine::Product, description, children)
    }

    fn combined(combine: Combine, description: impl Into<String>, children: Vec<Self>) -> Self {
        let mut node = Self {
            value: 0.0,
            description: description.into(),
            combine,
            children,
        };
        node.value = node.total();
        node
    }

    /// The value recomputed from the leaves up: what the tree says.
    pub fn total(&self) -> f32 {
        let values = self.children.iter().map(Self::total);
        match self.combine {
            Combine::Leaf => self.value,
            Combine::Sum => values.fold(0.0, |a, v| a + v),
            Combine::Product => values.fold(1.0, |a, v| a * v),
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
        let how = match self.combine {
            Combine::Leaf => "",
            Combine::Sum => ", sum of:",
            Combine::Product => ", product of:",
        };
        writeln!(
            f,
            "{:indent$}{:.4}  {}{how}",
            "",
            self.value,
            self.description,
            indent = 2 * depth
        )?;
        self.children.iter().try_for_each(|c| c.write(f, depth + 1))
    }
}

/// One line per node, children indented under their parent.
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

/// Where the query path puts the trees of its hits: nowhere for a search
/// (so the Wasm carries none of this module's code), a list for `explain`.
pub(crate) trait Trees {
    fn add(&mut self, index: &LocaleIndex<'_>, scored: &Scored<'_>, weights: &RankWeights);
}

/// A search: no trees.
pub(crate) struct NoTrees;

impl Trees for NoTrees {
    fn add(&mut self, _: &LocaleIndex<'_>, _: &Scored<'_>, _: &RankWeights) {}
}

impl Trees for Vec<Explanation> {
    fn add(&mut self, index: &LocaleIndex<'_>, scored: &Scored<'_>, weights: &RankWeights) {
        let scales = index.doc_scales(weights);
        self.push(explain(index, scored, weights, &scales));
    }
}

/// What the query path knows of one ranked entry, to explain its score.
pub(crate) struct Scored<'q> {
    pub(crate) query: &'q Query,
    pub(crate) cands: &'q [Vec<Candidate>],
    pub(crate) walk: &'q Walk,
    pub(crate) acc: &'q Accumulator,
    pub(crate) parts: ScoreParts,
    /// Proximity was measured (the entry was among the first [`RERANK`]).
    pub(crate) reranked: bool,
    pub(crate) exact: Option<Exact>,
}

/// The tree of [`rank::score`](super::rank::score) for one entry: each
/// word's BM25F score recomputed from its postings in the walk's order,
/// then the three factors, in the score's own order.
pub(crate) fn explain(
    index: &LocaleIndex<'_>,
    s: &Scored<'_>,
    weights: &RankWeights,
    scales: &DocScales,
) -> Explanation {
    let words = s
        .walk
        .order
        .iter()
        .filter(|&&wi| s.acc.cand[wi] != NONE)
        .map(|&wi| {
            let ci = usize::from(s.acc.cand[wi]);
            let cand = &s.cands[wi][ci];
            let idf = s.walk.idf[wi][ci];
            let (tf, norms) = index
                .posting_iter(cand.offset)
                .find(|p| p.doc as usize == s.acc.doc)
                .map_or(([0; FIELDS], Norms::default()), |p| (p.tf, p.norms));
            let [q, a, t] = tf;
            Explanation::product(
                format!(
                    "\"{}\" → {} ({})",
                    s.query.words[wi].token.term,
                    cand.term,
                    kind_name(cand.kind)
                ),
                vec![
                    Explanation::leaf(cand.weight, "match weight"),
                    Explanation::leaf(
                        bm25f_scaled(weights.k1, idf, &tf, &scales.of(s.acc.doc, &norms)),
                        format!("BM25F: idf {idf:.3}, tf question {q}, aliases {a}, answer {t}"),
                    ),
                ],
            )
        })
        .collect();
    let p = &s.parts;
    let (w_cov, w_qc, w_prox) = (weights.coverage, weights.question_cover, weights.proximity);
    let proximity = if s.reranked {
        format!(
            "proximity: {:.3} of neighbouring query words close in the question, 1 + {w_prox} × {:.3}",
            p.proximity, p.proximity
        )
    } else {
        format!("proximity: not measured (only the first {RERANK} by score are re-ranked)")
    };
    let root = match s.exact {
        None => "score",
        Some(Exact::Alias) => {
            "score (the query is this entry's alias: ranked before entries without an exact phrase)"
        }
        Some(Exact::Question) => {
            "score (the query is this entry's question: ranked before entries without an exact phrase)"
        }
    };
    Explanation::product(
        root,
        vec![
            Explanation::sum("BM25F, each query word's best match, rarest first", words),
            Explanation::leaf(
                weights.coverage_factor(p.coverage),
                format!(
                    "coverage: {} of {} query words matched, 1 − {w_cov} + {w_cov} × {:.3}",
                    s.acc.covered,
                    s.query.counted.len(),
                    p.coverage
                ),
            ),
            Explanation::leaf(
                weights.question_cover_factor(p.question_cover),
                format!(
                    "question cover: {:.3} of the question's idf asked, 1 + {w_qc} × {:.3}",
                    p.question_cover, p.question_cover
                ),
            ),
            Explanation::leaf(weights.proximity_factor(p.proximity), proximity),
        ],
    )
}

fn kind_name(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Exact => "exact word",
        MatchKind::Stem => "stem",
        MatchKind::Inflection => "another inflection",
        MatchKind::Prefix => "completion",
        MatchKind::Synonym => "synonym",
        MatchKind::Compound => "compound part",
        MatchKind::Family => "word family",
        MatchKind::Fuzzy => "typo-tolerant",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_is_its_children_combined_in_order() {
        let tree = Explanation::product(
            "score",
            vec![
                Explanation::sum(
                    "words",
                    vec![Explanation::leaf(0.1, "a"), Explanation::leaf(0.2, "b")],
                ),
                Explanation::leaf(1.5, "factor"),
            ],
        );
        assert_eq!(tree.value, (0.1f32 + 0.2) * 1.5);
        assert_eq!(tree.total(), tree.value);
        let text = tree.to_string();
        assert!(text
            .starts_with("0.4500  score, product of:\n  0.3000  words, sum of:\n    0.1000  a\n"));
    }
}
