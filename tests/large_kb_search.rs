//! Search in a knowledge base large enough (1,000 entries or more) that
//! common lists only add to the entries rarer lists found.
#![cfg(feature = "compiler")]

use help_widget::engine::{search, Bundle};
use help_widget::eval::{compile_corpus, CorpusEntry};

/// 1,000 entries that all say "netzanschluss"; four also say
/// "netzanschlussantrag".
fn corpus() -> Vec<CorpusEntry> {
    (0..1000)
        .map(|i| CorpusEntry {
            id: format!("e{i:04}"),
            lang: "de".into(),
            question: format!("Frage {i} zum Netzanschluss?"),
            answer: if i % 300 == 7 {
                "Den Netzanschlussantrag stellen Sie online.".into()
            } else {
                "Der Netzanschluss liegt beim Netzbetreiber.".into()
            },
            category: None,
        })
        .collect()
}

#[test]
fn a_completion_in_every_entry_finds_no_entries_of_its_own_beside_a_rarer_one() {
    let bytes = compile_corpus(&corpus());
    let bundle = Bundle::open(&bytes).unwrap();
    // "netzanschl" completes to "netzanschluss" (every entry) and
    // "netzanschlussantrag" (four): only the rare list finds entries.
    let hits: Vec<String> = search(&bundle, "netzanschl", "de", 10)
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(hits, ["e0007", "e0307", "e0607", "e0907"]);
    // The common word typed alone still finds entries: its list is the rarest.
    assert_eq!(search(&bundle, "netzanschluss ", "de", 10).len(), 10);
}
