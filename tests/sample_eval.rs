//! The sample knowledge base's own eval set stays at or above its floor.
#![cfg(feature = "compiler")]

mod common;

use common::sample_kb;
use help_widget::compiler::compile_dir;
use help_widget::engine::{Bundle, RankWeights};
use help_widget::eval::{evaluate, LabelledQuery};

/// Floors per language, (MRR@10, Recall@5), just under the scores measured
/// when they were set (de 1.000 / 1.000, en 0.971 / 0.982): losing one
/// query's first place or top five fails. Raise them as search improves.
const FLOORS: [(&str, f64, f64); 2] = [("de", 0.98, 0.98), ("en", 0.95, 0.96)];

/// Floors of the hard set (`hard-queries.json`: colloquial, typos, missing
/// umlauts, English words on German pages, person requests), just under
/// the scores measured when they were set (de 0.880 / 0.939, en 0.896 /
/// 0.952; before issue 19's fixes de 0.854 / 0.919, en 0.866 / 0.917).
const HARD_FLOORS: [(&str, f64, f64); 2] = [("de", 0.87, 0.93), ("en", 0.88, 0.94)];

#[test]
fn the_sample_eval_set_stays_above_its_floor() {
    check("sample-queries.json", 60, &FLOORS);
}

#[test]
fn the_hard_query_set_stays_above_its_floor() {
    check("hard-queries.json", 150, &HARD_FLOORS);
}

fn check(file: &str, at_least: usize, floors: &[(&str, f64, f64)]) {
    let path = format!("{}/tests/eval/{file}", env!("CARGO_MANIFEST_DIR"));
    let queries: Vec<LabelledQuery> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(queries.len() >= at_least);
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
    for &(lang, floor_mrr, floor_recall5) in floors {
        let m = report
            .per_lang
            .get(lang)
            .unwrap_or_else(|| panic!("no {lang} queries"));
        assert!(
            m.mrr10 >= floor_mrr,
            "{lang}: MRR@10 {:.3} below {floor_mrr}; misses: {misses:?}",
            m.mrr10
        );
        assert!(
            m.recall5 >= floor_recall5,
            "{lang}: R@5 {:.3} below {floor_recall5}; misses: {misses:?}",
            m.recall5
        );
    }
}
