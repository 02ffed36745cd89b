//! Measuring answer quality: compiles a labelled FAQ corpus with exactly the
//! pipeline the widget uses and scores the ranking of labelled queries.
//!
//! Metrics per language: MRR@10 (mean reciprocal rank of the first relevant
//! entry in the top 10), Recall@1 and @5 (share of relevant entries found in
//! the top k), nDCG@10 with binary relevance.

use crate::compiler::bundle;
use crate::compiler::markdown::Rendered;
use crate::compiler::source::{Contact, Entry, KnowledgeBase, Site};
use crate::engine::{search_with, Bundle, RankWeights};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One FAQ entry of an evaluation corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct CorpusEntry {
    pub id: String,
    pub lang: String,
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub category: Option<String>,
}

/// A query with the ids of the entries that answer it.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledQuery {
    pub query: String,
    pub lang: String,
    pub relevant: Vec<String>,
}

/// Averages over a set of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub queries: usize,
    pub mrr10: f64,
    pub recall1: f64,
    pub recall5: f64,
    pub ndcg10: f64,
}

/// The scores of one query.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QueryScore {
    pub rr10: f64,
    pub recall1: f64,
    pub recall5: f64,
    pub ndcg10: f64,
}

/// Scores one ranking against its relevant ids.
pub fn score(ranked: &[String], relevant: &[String]) -> QueryScore {
    if relevant.is_empty() {
        return QueryScore::default();
    }
    let is_rel = |id: &String| relevant.contains(id);
    let rr10 = ranked
        .iter()
        .take(10)
        .position(is_rel)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64);
    let recall = |k: usize| {
        ranked.iter().take(k).filter(|id| is_rel(id)).count() as f64 / relevant.len() as f64
    };
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, id)| is_rel(id))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(10))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    QueryScore {
        rr10,
        recall1: recall(1),
        recall5: recall(5),
        ndcg10: dcg / ideal,
    }
}

/// Compiles `corpus` into a bundle, one locale per language in it.
pub fn compile_corpus(corpus: &[CorpusEntry]) -> Vec<u8> {
    bundle::build(&corpus_kb(corpus), 0).0
}

/// `corpus` as a knowledge base, one locale per language in it.
pub fn corpus_kb(corpus: &[CorpusEntry]) -> KnowledgeBase {
    let mut locales: Vec<String> = corpus.iter().map(|e| e.lang.clone()).collect();
    locales.sort();
    locales.dedup();
    let mut entries: Vec<Entry> = corpus
        .iter()
        .map(|e| Entry {
            id: e.id.clone(),
            locale: e.lang.clone(),
            path: Default::default(),
            question: e.question.clone(),
            aliases: Vec::new(),
            category: e.category.clone().unwrap_or_default(),
            tags: Vec::new(),
            related: Vec::new(),
            answer: Rendered {
                html: format!("<p>{}</p>", crate::escape::html(&e.answer)),
                text: e.answer.clone(),
            },
        })
        .collect();
    entries.sort_by(|a, b| (&a.locale, &a.id).cmp(&(&b.locale, &b.id)));
    KnowledgeBase {
        site: Site {
            name: "eval".into(),
            default_locale: locales.first().cloned().unwrap_or_default(),
            locales,
            contact: Contact::default(),
            allow_remote_images: false,
            home: BTreeMap::new(),
            person: BTreeMap::new(),
            logo: None,
            delivery: None,
        },
        entries,
        synonyms: BTreeMap::new(),
        notices: Vec::new(),
        hotline: None,
        inputs: Vec::new(),
        content_hash: 0,
        newest_mtime: 0,
    }
}

/// Bytes after gzip -9: what a bundle or a section costs on the wire.
#[cfg(feature = "cli")]
pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)
        .and_then(|()| e.finish())
        .map_or(0, |v| v.len())
}

/// The corpus as gzipped JSON text (`{id, question, answer}` per entry):
/// what the size target compares a bundle with.
#[cfg(feature = "cli")]
pub fn corpus_json_gzip_len(corpus: &[CorpusEntry]) -> usize {
    let entries: Vec<serde_json::Value> = corpus
        .iter()
        .map(|e| serde_json::json!({"id": e.id, "question": e.question, "answer": e.answer}))
        .collect();
    gzip_len(&serde_json::to_vec(&entries).unwrap_or_default())
}

/// Results of an evaluation run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub per_lang: BTreeMap<String, Metrics>,
    /// Every query's outcome, worst first.
    pub worst: Vec<Outcome>,
}

/// How one query fared.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub query: String,
    pub lang: String,
    pub relevant: Vec<String>,
    /// The id ranked first, if any.
    pub first: Option<String>,
    /// Reciprocal rank of the first relevant id in the top 10.
    pub rr10: f64,
}

/// Runs every query against `bundle` and averages the scores per language.
pub fn evaluate(bundle: &Bundle<'_>, queries: &[LabelledQuery], weights: &RankWeights) -> Report {
    let mut sums: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut all = Vec::new();
    for q in queries {
        let ranked: Vec<String> = search_with(bundle, &q.query, &q.lang, 10, weights)
            .into_iter()
            .map(|h| h.id)
            .collect();
        let s = score(&ranked, &q.relevant);
        let m = sums.entry(q.lang.clone()).or_default();
        m.queries += 1;
        m.mrr10 += s.rr10;
        m.recall1 += s.recall1;
        m.recall5 += s.recall5;
        m.ndcg10 += s.ndcg10;
        all.push(Outcome {
            query: q.query.clone(),
            lang: q.lang.clone(),
            relevant: q.relevant.clone(),
            first: ranked.first().cloned(),
            rr10: s.rr10,
        });
    }
    for m in sums.values_mut() {
        let n = m.queries.max(1) as f64;
        m.mrr10 /= n;
        m.recall1 /= n;
        m.recall5 /= n;
        m.ndcg10 /= n;
    }
    all.sort_by(|a, b| a.rr10.total_cmp(&b.rr10));
    Report {
        per_lang: sums,
        worst: all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_relevant_entry_at_rank_two_scores_a_half() {
        let s = score(&ids(&["x", "a", "y"]), &ids(&["a"]));
        assert_eq!(s.rr10, 0.5);
        assert_eq!(s.recall1, 0.0);
        assert_eq!(s.recall5, 1.0);
        assert!((s.ndcg10 - 1.0 / 3f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn nothing_relevant_in_the_top_ten_scores_zero() {
        let ranked: Vec<String> = (0..10).map(|i| i.to_string()).chain(["a".into()]).collect();
        assert_eq!(score(&ranked, &ids(&["a"])), QueryScore::default());
    }

    #[test]
    fn a_perfect_ranking_scores_one_everywhere() {
        let s = score(&ids(&["a", "b"]), &ids(&["a", "b"]));
        assert_eq!((s.rr10, s.recall5, s.ndcg10), (1.0, 1.0, 1.0));
        assert_eq!(s.recall1, 0.5);
    }
}
