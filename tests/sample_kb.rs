//! Search on the sample knowledge base finds what visitors look for.
#![cfg(feature = "compiler")]

mod common;

use common::sample_kb;
use help_widget::compiler::compile_dir;
use help_widget::engine::{search, Bundle};

fn top(bundle: &Bundle<'_>, q: &str, locale: &str) -> Vec<String> {
    search(bundle, q, locale, 3)
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn sample_kb_has_at_least_forty_entries_per_locale_in_both_languages() {
    let c = compile_dir(&sample_kb(), Some(0)).unwrap();
    for (locale, n, _) in &c.stats.locales {
        assert!(*n >= 40, "{locale}: {n}");
    }
}

#[test]
fn visitors_find_the_right_entry_first() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    for (q, locale, want) in [
        ("zählerstand", "de", "de/meter-reading"),
        ("Zählerstand melden", "de", "de/meter-reading"),
        ("zählerst", "de", "de/meter-reading"),
        ("vertrag kündigen", "de", "de/cancel-contract"),
        ("abschlag ändern", "de", "de/change-instalment"),
        ("sepa lastschrift", "de", "de/sepa-direct-debit"),
        ("cancel contract", "en", "en/cancel-contract"),
        ("meter reading", "en", "en/meter-reading"),
        ("smell gas", "en", "en/gas-smell"),
        ("forgot password", "en", "en/portal-login"),
    ] {
        let got = top(&b, q, locale);
        assert_eq!(got.first().map(String::as_str), Some(want), "{q}: {got:?}");
    }
}

#[test]
fn results_stay_in_the_requested_locale() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    assert!(search(&b, "vertrag", "de", 50)
        .iter()
        .all(|h| h.id.starts_with("de/")));
    assert!(search(&b, "contract", "en", 50)
        .iter()
        .all(|h| h.id.starts_with("en/")));
}

#[test]
fn any_query_gives_results_or_none_without_failing() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    let long = "zähler ".repeat(200_000);
    for q in [
        "",
        " ",
        "😀",
        "\u{0}\u{1b}[31m",
        "ß",
        "a",
        long.as_str(),
        "ﬁ ǅ İ",
    ] {
        for locale in ["de", "en", "", "zz", "de-AT"] {
            let hits = search(&b, q, locale, 10);
            assert!(hits.len() <= 10);
        }
    }
}

#[test]
fn the_word_being_typed_is_completed_in_its_usual_spelling() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    let got = help_widget::engine::complete(&b, "Wie melde ich den zählers", "de", 5);
    assert!(
        got.iter().any(|c| c == "Wie melde ich den zählerstand"),
        "{got:?}"
    );
    assert!(
        help_widget::engine::complete(&b, "zähler ", "de", 5).is_empty(),
        "no open word"
    );
}

#[test]
fn a_misspelt_word_gets_a_correction_and_known_words_none() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    assert_eq!(
        help_widget::engine::did_you_mean(&b, "Zählerstnad melden", "de").as_deref(),
        Some("zählerstand melden")
    );
    assert_eq!(
        help_widget::engine::did_you_mean(&b, "Zählerstand melden", "de"),
        None
    );
    assert_eq!(
        help_widget::engine::did_you_mean(&b, "cancle contract", "en").as_deref(),
        Some("cancel contract")
    );
}

#[test]
fn a_misspelt_word_is_highlighted_in_every_form_it_matched() {
    let bytes = compile_dir(&sample_kb(), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    let hits = search(&b, "zählerstnad", "de", 3);
    assert_eq!(hits[0].id, "de/meter-reading");
    let marked: Vec<&str> = hits[0]
        .highlights
        .iter()
        .map(|&(s, e)| &hits[0].snippet[s..e])
        .collect();
    assert!(
        marked.contains(&"Zählerstand"),
        "{marked:?} in {}",
        hits[0].snippet
    );
}

#[test]
fn a_long_answer_shows_the_window_around_its_late_match_and_a_question_match_shows_the_beginning() {
    use help_widget::eval::{compile_corpus, CorpusEntry};
    let filler = "Allgemeine Hinweise zum Kundenkonto stehen hier. ".repeat(60);
    let entry = |id: &str, question: &str, answer: String| CorpusEntry {
        id: id.into(),
        lang: "de".into(),
        question: question.into(),
        answer,
        category: None,
    };
    let corpus = vec![
        entry(
            "de/late",
            "Wie ändere ich meine Daten?",
            format!("{filler}Den Abschlagsbetrag passen Sie im Portal an. {filler}"),
        ),
        entry(
            "de/question",
            "Was kostet der Wärmepumpentarif?",
            format!("{filler}Schluss."),
        ),
    ];
    let bytes = compile_corpus(&corpus);
    let b = Bundle::open(&bytes).unwrap();

    let hit = &search(&b, "abschlagsbetrag", "de", 3)[0];
    assert_eq!(hit.id, "de/late");
    assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
    assert!(hit.snippet.chars().count() <= 162, "{}", hit.snippet);
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(s, e)| &hit.snippet[s..e])
        .collect();
    assert_eq!(marked, ["Abschlagsbetrag"], "{}", hit.snippet);

    let hit = &search(&b, "wärmepumpentarif", "de", 3)[0];
    assert_eq!(hit.id, "de/question");
    assert!(hit.snippet.starts_with("Allgemeine Hinweise") && hit.snippet.ends_with('…'));
    assert!(hit.highlights.is_empty());
}

#[test]
fn two_words_the_index_knows_as_one_find_the_entry_with_that_word() {
    use help_widget::eval::{compile_corpus, CorpusEntry};
    let entry = |id: &str, question: &str, answer: &str| CorpusEntry {
        id: id.into(),
        lang: "en".into(),
        question: question.into(),
        answer: answer.into(),
        category: None,
    };
    let corpus = vec![
        entry(
            "en/reset",
            "How do I reset my password?",
            "Use the link on the sign-in page.",
        ),
        entry(
            "en/pass",
            "Can I pass my contract on?",
            "Yes, in a word: send us the form.",
        ),
        entry("en/other", "Where is my invoice?", "In the portal."),
    ];
    let bytes = compile_corpus(&corpus);
    let b = Bundle::open(&bytes).unwrap();
    assert_eq!(top(&b, "pass word reset", "en")[0], "en/reset");
    assert_eq!(top(&b, "forgot pass word", "en")[0], "en/reset");
}
