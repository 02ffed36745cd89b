//! Properties that hold for any input: the query path never fails and stays
//! within its limits, analysis keeps its offsets valid, and arbitrary bytes
//! never make the bundle reader panic.
#![cfg(feature = "compiler")]

mod common;

use help_widget::analysis::{tokenize, Lang};
use help_widget::compiler::compile_dir;
use help_widget::engine::{complete, did_you_mean, search, Bundle};
use help_widget::format::{Layout, Reader, Writer};
use proptest::prelude::*;
use std::sync::OnceLock;

fn sample() -> &'static Bundle<'static> {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    static BUNDLE: OnceLock<Bundle<'static>> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let bytes = BYTES.get_or_init(|| compile_dir(&common::sample_kb(), Some(0)).unwrap().bytes);
        Bundle::open(bytes).unwrap()
    })
}

/// Strings that look like queries: words from the sample kb, typos, noise.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zäöüß ]{0,40}",
        "(zähler|stand|vertrag|kündigen|cancel|meter|reading|abschlag|sepa|-| |ä|ß|e){0,12}",
        "\\PC{0,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_gives_sorted_hits_of_the_requested_locale_within_the_limit(q in query(), limit in 0usize..80, en in any::<bool>()) {
        let locale = if en { "en" } else { "de" };
        let hits = search(sample(), &q, locale, limit);
        prop_assert!(hits.len() <= limit.min(help_widget::engine::search::MAX_LIMIT));
        for h in &hits {
            prop_assert!(h.id.starts_with(locale));
            prop_assert!(h.score.is_finite() && h.score > 0.0);
            for &(s, e) in &h.highlights {
                prop_assert!(s < e && e <= h.snippet.len());
                prop_assert!(h.snippet.is_char_boundary(s) && h.snippet.is_char_boundary(e));
            }
        }
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn completions_and_corrections_never_fail(q in query()) {
        let _ = did_you_mean(sample(), &q, "de");
        for c in complete(sample(), &q, "en", 5) {
            prop_assert!(!c.is_empty());
        }
    }

    #[test]
    fn token_offsets_are_character_boundaries_in_order(text in "\\PC{0,200}", german in any::<bool>()) {
        let lang = if german { Lang::German } else { Lang::English };
        let tokens = tokenize(&text, lang);
        for t in &tokens {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(!t.term.is_empty());
        }
        // Words are numbered in order; a joined hyphenated word repeats its first part's number.
        prop_assert!(tokens.iter().all(|t| (t.position as usize) < tokens.len()));
    }

    #[test]
    fn arbitrary_bytes_never_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Layout::parse(&bytes);
        let _ = Bundle::open_verified(&bytes);
        let mut r = Reader::new(&bytes);
        while !r.is_at_end() {
            if r.str("s").is_err() && r.varint("v").is_err() {
                break;
            }
        }
    }

    #[test]
    fn varints_round_trip(values in proptest::collection::vec(any::<u64>(), 0..50)) {
        let mut w = Writer::new();
        for &v in &values {
            w.varint(v);
        }
        let mut r = Reader::new(&w.buf);
        for &v in &values {
            prop_assert_eq!(r.varint("v").unwrap(), v);
        }
        prop_assert!(r.is_at_end());
    }
}
