//! The sample knowledge base's own eval set stays at or above its floor.
#![cfg(feature = "compiler")]

mod common;

use common::sample_kb;
use help_widget::compiler::compile_dir;
use help_widget::engine::{Bundle, RankWeights};
use help_widget::eval::{evaluate, LabelledQuery};

/// The agreed floor per language (MRR@10 and Recall@5); raise it as search improves.
const FLOOR_MRR: f64 = 0.85;
const FLOOR_RECALL5: f64 = 0.9;

#[test]
fn the_sample_eval_set_stays_above_its_floor() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/eval/sample-queries.json"
    );
    let queries: Vec<LabelledQuery> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(queries.len() >= 60);
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let bundle = Bundle::open(&bytes).unwrap();
    let report = evaluate(&bundle, &queries, &RankWeights::default());
    for (lang, m) in &report.per_lang {
        println!(
            "{lang}: MRR@10 {:.3}, R@1 {:.3}, R@5 {:.3}, nDCG@10 {:.3}",
            m.mrr10, m.recall1, m.recall5, m.ndcg10
        );
    }
    let misses: Vec<_> = report
        .worst
        .iter()
        .filter(|o| o.rr10 < 1.0)
        .map(|o| (&o.query, &o.first))
        .collect();
    for (lang, m) in &report.per_lang {
        assert!(
            m.mrr10 >= FLOOR_MRR,
            "{lang}: MRR@10 {:.3} below {FLOOR_MRR}; misses: {misses:?}",
            m.mrr10
        );
        assert!(
            m.recall5 >= FLOOR_RECALL5,
            "{lang}: R@5 {:.3} below {FLOOR_RECALL5}",
            m.recall5
        );
    }
}
