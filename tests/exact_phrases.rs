//! A visitor who types exactly what the editors wrote, an entry's question
//! or one of its aliases, gets that entry first.
#![cfg(feature = "compiler")]

mod common;

use common::sample_kb;
use help_widget::compiler::compile_dir;
use help_widget::engine::{search, Bundle};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

type Phrases = BTreeMap<(String, String), Vec<String>>;

/// The sample kb's bundle, and (locale, phrase) → the ids of the entries
/// that have it as question or alias; compiled once.
fn phrases() -> &'static (Vec<u8>, Phrases) {
    static ONCE: OnceLock<(Vec<u8>, Phrases)> = OnceLock::new();
    ONCE.get_or_init(compile)
}

fn compile() -> (Vec<u8>, Phrases) {
    let c = compile_dir(&sample_kb(), Some(0)).unwrap();
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for e in &c.kb.entries {
        for p in std::iter::once(&e.question).chain(&e.aliases) {
            let ids = out.entry((e.locale.clone(), p.clone())).or_default();
            if !ids.contains(&e.id) {
                ids.push(e.id.clone());
            }
        }
    }
    (c.bytes, out)
}

/// What a visitor types who leaves out case and punctuation.
fn plain(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn every_question_and_alias_typed_verbatim_or_plain_finds_its_own_entry_first() {
    let (bytes, phrases) = phrases();
    let b = Bundle::open(bytes).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for ((locale, phrase), ids) in phrases {
        for typed in [phrase.clone(), plain(phrase)] {
            let first = search(&b, &typed, locale, 10)
                .into_iter()
                .next()
                .map(|h| h.id);
            if !first.as_ref().is_some_and(|f| ids.contains(f)) {
                failures.push(format!(
                    "{locale} {typed:?} → {first:?}, expected one of {ids:?}"
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn strom_weg_finds_the_power_outage_entry_first() {
    let hits = search(help_widget::embedded(), "Strom weg", "de", 5);
    assert_eq!(hits[0].id, "de/power-outage");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Case, the spaces between words and punctuation around them do not
    /// matter: the phrase is still recognised.
    #[test]
    fn a_phrase_with_any_case_and_punctuation_finds_its_entry_first(
        pick in any::<prop::sample::Index>(),
        upper in prop::collection::vec(any::<bool>(), 64),
        sep in prop::sample::select(vec![" ", "  ", " - ", ", ", "… "]),
        end in prop::sample::select(vec!["", "?", "!", " ?", "."]),
    ) {
        let (bytes, phrases) = phrases();
        let b = Bundle::open(bytes).unwrap();
        let ((locale, phrase), ids) = phrases.iter().nth(pick.index(phrases.len())).unwrap();
        let words: Vec<String> = phrase
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(|(i, w)| if upper[i % 64] { w.to_uppercase() } else { w.to_lowercase() })
            .collect();
        let typed = format!("{}{end}", words.join(sep));
        let first = search(&b, &typed, locale, 10).into_iter().next().map(|h| h.id);
        prop_assert!(first.as_ref().is_some_and(|f| ids.contains(f)), "{} {:?} → {:?}", locale, typed, first);
    }
}
