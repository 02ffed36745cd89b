//! `explain` shows how each hit's score came about, and the numbers it shows
//! are the ones the ranking used.

use help_widget::embedded;
use help_widget::engine::{explain, search, Combine, Explanation};

/// Queries that take every road through the ranking: plain words, stems,
/// stop words, a compound written apart, a typo, a word being typed,
/// synonyms, and several words re-ranked by proximity.
const QUERIES: &[(&str, &str)] = &[
    ("Strom weg", "de"),
    ("Wie melde ich meinen Zählerstand?", "de"),
    ("zähler stand", "de"),
    ("zaehlerstnad", "de"),
    ("Rechnung zu hoch", "de"),
    ("abschl", "de"),
    ("how do I cancel my contract", "en"),
    ("pass word", "en"),
    ("meter readnig", "en"),
    ("what", "en"),
];

/// Every node's value is its children combined, down to the leaves.
fn assert_consistent(tree: &Explanation) {
    if tree.combine != Combine::Leaf {
        assert!(!tree.children.is_empty(), "{tree}");
        assert_eq!(tree.value.to_bits(), tree.total().to_bits(), "{tree}");
    }
    tree.children.iter().for_each(assert_consistent);
}

#[test]
fn the_explanation_of_every_hit_adds_up_to_its_score_exactly() {
    let b = embedded();
    let mut explained = 0;
    for &(q, locale) in QUERIES {
        let hits = explain(b, q, locale, 20);
        assert!(!hits.is_empty(), "{q}");
        for (hit, tree) in &hits {
            assert_eq!(
                tree.total().to_bits(),
                hit.score.to_bits(),
                "{q} → {}: tree says {}, the hit has {}\n{tree}",
                hit.id,
                tree.total(),
                hit.score
            );
            assert_consistent(tree);
            explained += 1;
        }
    }
    assert!(explained > 50, "{explained}");
}

#[test]
fn explaining_a_query_changes_none_of_its_hits() {
    let b = embedded();
    for &(q, locale) in QUERIES {
        let plain = search(b, q, locale, 20);
        let explained: Vec<_> = explain(b, q, locale, 20)
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        assert_eq!(plain, explained, "{q}");
    }
}

#[test]
fn the_explanation_names_each_word_match_and_every_factor_of_the_score() {
    let (hit, tree) = explain(embedded(), "Strom weg", "de", 1).remove(0);
    assert_eq!(hit.id, "de/power-outage");
    let text = tree.to_string();
    for part in [
        "score (the query is this entry's alias: ranked before entries without an exact phrase), product of:",
        "BM25F",
        // Its best match here is the compound it leads, through its family.
        "\"strom\" → stromausfall (word family)",
        "\"weg\" → weg (exact word)",
        "coverage: 2 of 2 query words",
        "question cover",
        "proximity",
    ] {
        assert!(text.contains(part), "{part} missing in\n{text}");
    }
    assert!(text.starts_with(&format!("{:.4}", hit.score)), "{text}");
}

/// The explanation of `word`'s best match in each hit of `q` that matched
/// `with` too, by hit.
#[cfg(feature = "compiler")]
fn word_matches(
    b: &help_widget::engine::Bundle,
    q: &str,
    word: &str,
    with: &str,
) -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    for (hit, tree) in explain(b, q, "de", 40) {
        let (mut found, mut matched_with) = (None, false);
        let mut stack = vec![&tree];
        while let Some(node) = stack.pop() {
            if node.description.starts_with(&format!("\"{word}\" →")) {
                found = Some((node.description.clone(), node.value.to_bits()));
            }
            matched_with |= node.description.starts_with(&format!("\"{with}\" →"));
            stack.extend(&node.children);
        }
        if let (Some((description, value)), true) = (found, matched_with) {
            out.push((hit.id.clone(), description, value));
        }
    }
    out.sort();
    out
}

#[cfg(feature = "compiler")]
#[test]
fn a_word_scores_its_best_match_alike_whether_it_finds_entries_first_or_adds_to_them() {
    use help_widget::eval::{compile_corpus, CorpusEntry};
    // "strom" completes to three words; the first four entries hold two of
    // them each, the better match once first and once last, and all hold
    // the rarer "quaxel". Typed alone, "strom" finds its entries first;
    // after "quaxel", it adds to the entries "quaxel" found.
    let texts = [
        (
            "Stromausfall Stromausfall Stromausfall quaxel",
            "Stromtarif.",
        ),
        (
            "Stromtarif quaxel",
            "Stromausfall Stromausfall Stromausfall.",
        ),
        ("Stromzaehler Stromzaehler quaxel", "Stromausfall."),
        (
            "Stromausfall quaxel",
            "Stromzaehler Stromzaehler Stromzaehler.",
        ),
        ("Stromtarif", "Nichts."),
        ("Stromzaehler", "Nichts."),
        ("Stromausfall", "Nichts."),
        ("Stromtarif Stromzaehler", "Nichts."),
    ];
    let corpus: Vec<CorpusEntry> = texts
        .iter()
        .enumerate()
        .map(|(i, (question, answer))| CorpusEntry {
            id: format!("e{i}"),
            lang: "de".into(),
            question: format!("{question}?"),
            answer: (*answer).into(),
            category: None,
        })
        .collect();
    let bytes = compile_corpus(&corpus);
    let b = help_widget::engine::Bundle::open(&bytes).unwrap();
    let alone = word_matches(&b, "strom", "strom", "strom");
    let after = word_matches(&b, "quaxel strom", "strom", "quaxel");
    assert_eq!(after.len(), 4, "{after:?}");
    for m in &after {
        let a = alone.iter().find(|a| a.0 == m.0);
        assert_eq!(a, Some(m));
    }
}
