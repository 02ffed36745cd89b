//! Every word of the sample knowledge base's synonym groups, typed alone,
//! finds its group's entries, whether or not the entries use that word.
#![cfg(feature = "compiler")]

mod common;

use common::sample_kb;
use help_widget::compiler::compile_dir;
use help_widget::engine::{search, Bundle};
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
struct Groups {
    groups: Vec<Vec<String>>,
}

#[test]
fn every_synonym_word_typed_alone_finds_its_groups_entries() {
    let text = std::fs::read_to_string(sample_kb().join("synonyms.toml")).unwrap();
    let locales: BTreeMap<String, Groups> = toml::from_str(&text).unwrap();
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let bundle = Bundle::open(&bytes).unwrap();
    let ids = |q: &str, locale: &str, n: usize| -> Vec<String> {
        search(&bundle, q, locale, n)
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    let mut failures = Vec::new();
    let mut words = 0;
    for (locale, Groups { groups }) in &locales {
        for group in groups {
            // The group's entries: what its members find first.
            let entries: Vec<String> = group
                .iter()
                .flat_map(|member| ids(&format!("{member} "), locale, 3))
                .collect();
            assert!(
                !entries.is_empty(),
                "{locale} {group:?}: no member finds anything"
            );
            for member in group {
                words += 1;
                // Typed alone: still being typed, and finished.
                for typed in [member.clone(), format!("{member} ")] {
                    let got = ids(&typed, locale, 3);
                    if !got.iter().any(|id| entries.contains(id)) {
                        failures.push(format!(
                            "{locale} {typed:?}: {got:?}, group finds {entries:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(words >= 150, "{words} synonym words");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
