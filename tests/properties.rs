//! Properties that hold for any input: the query path never fails and stays
//! within its limits, analysis keeps its offsets valid, and arbitrary bytes
//! never make the bundle reader panic.
#![cfg(feature = "compiler")]

mod common;

use help_widget::analysis::{fold, is_mark, scan_words, tokenize, Lang};
use help_widget::compiler::compile_dir;
use help_widget::engine::{complete, did_you_mean, search, Bundle};
use help_widget::format::{
    encode_postings, Layout, Norms, NormsAt, Posting, PostingIter, Reader, Writer,
};
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

/// Text in the letters the analysis composes and folds: sample-kb words,
/// Latin, Greek and Cyrillic letters with marks (one or two), fullwidth
/// forms, ligatures, superscripts, separators.
fn unicode_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "(Zählerstand|Kündigung|Abschlag|Vertrag|kündigen|Größe|meter|reading|cancel|café|naïve|Änderung)",
        "[a-zA-Z0-9]{1,6}",
        "[äöüÄÖÜßéèêëáàâãåçñóòôõúùûíìîïýÿčšžřěůőűłąęćńśźżåøæœ]{1,3}",
        "[ệẫỗấợứữḗǘǖǚǜ]{1,2}",
        "[йёЙЁάέήίόύώϊϋ]{1,2}",
        "[ｃｏｖｉｄＺÄｈｌｅｒ０１９]{1,6}",
        "[ﬀﬁﬂﬃﬄﬆſ²³¹ªº]{1,3}",
        "[ \\-,.?'’－＇_＿]",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn hit_ids(q: &str, locale: &str) -> Vec<String> {
    search(sample(), q, locale, 10)
        .into_iter()
        .map(|h| h.id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_read_as_text_as_std_reads_them(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        prop_assert_eq!(help_widget::utf8::lossy(&bytes), String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn mostly_valid_bytes_read_as_text_as_std_reads_them(
        text in "[a-zäß€😀]{0,12}", at in 0usize..40, junk in any::<u8>(), cut in 0usize..3
    ) {
        let mut bytes = text.into_bytes();
        bytes.insert(at.min(bytes.len()), junk);
        bytes.truncate(bytes.len() - cut.min(bytes.len()));
        prop_assert_eq!(help_widget::utf8::lossy(&bytes), String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn a_text_and_its_nfc_nfd_and_nfkc_forms_give_the_same_terms_and_hits(text in unicode_text(), en in any::<bool>()) {
        use unicode_normalization::UnicodeNormalization;
        let (locale, lang) = if en { ("en", Lang::English) } else { ("de", Lang::German) };
        let terms = |t: &str| -> Vec<(String, String)> {
            tokenize(t, lang).into_iter().map(|t| (t.term, t.stem)).collect()
        };
        let want = terms(&text);
        let hits = hit_ids(&text, locale);
        for form in [text.nfc().collect::<String>(), text.nfd().collect(), text.nfkc().collect(), text.nfkd().collect()] {
            prop_assert_eq!(&terms(&form), &want, "{:?} vs {:?}", form, text);
            prop_assert_eq!(&hit_ids(&form, locale), &hits, "{:?} vs {:?}", form, text);
        }
    }

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
    fn the_word_scan_finds_each_run_of_letters_and_digits_folded(
        text in "([a-zA-Z0-9 ,.-]|\\PC){0,120}",
        german in any::<bool>(),
    ) {
        let lang = if german { Lang::German } else { Lang::English };
        // The definition: maximal runs of letters and digits (the analysis's
        // own `is_alphanumeric`, whose tests hold it against Unicode's),
        // with the combining marks after them, folded.
        let mut want = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if help_widget::analysis::is_alphanumeric(c) || (is_mark(c) && start.is_some()) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                want.push((s, i, fold(&text[s..i], lang)));
            }
        }
        let mut got = Vec::new();
        scan_words(&text, lang, |s, e, w| {
            got.push((s, e, w.to_string()));
            true
        });
        prop_assert_eq!(got, want);
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

    #[test]
    fn postings_lists_round_trip_and_their_prefixes_never_read_past_the_end(
        gaps in proptest::collection::vec((1u32..5000, 0u32..40, 0u32..3, 0u32..300), 0..60),
        lead in 0usize..3,
    ) {
        let mut doc = 0;
        let list: Vec<Posting> = gaps
            .iter()
            .enumerate()
            .map(|(i, &(gap, q, a, ans))| {
                doc += if i == 0 { gap - 1 } else { gap };
                // At least one field set, as the compiler writes them; a
                // doc's norms in its fields, 0 elsewhere, as a walk reads them.
                let tf = [q, a, if q + a == 0 { ans.max(1) } else { ans }];
                let b = (doc % 251) as u8;
                let norms = Norms {
                    lens: std::array::from_fn(|f| if tf[f] > 0 { b ^ f as u8 } else { 0 }),
                    question_idf: if q > 0 { [b, !b] } else { [0, 0] },
                };
                Posting { doc, tf, norms }
            })
            .collect();
        let mut w = Writer::new();
        for _ in 0..lead {
            w.u8(0xff);
        }
        let at = encode_postings(&mut w, &list, NormsAt::Postings);
        let mut it = PostingIter::new(&w.buf, at, doc + 1, NormsAt::Postings).unwrap();
        let read: Vec<Posting> = it.by_ref().collect();
        prop_assert!(it.error.is_none());
        prop_assert_eq!(read, list);
        // Cut anywhere, the list reads short or fails, never out of bounds.
        for cut in 0..w.buf.len() {
            if let Ok(it) = PostingIter::new(&w.buf[..cut], at, doc + 1, NormsAt::Postings) {
                prop_assert!(it.count() <= gaps.len());
            }
        }
    }
}
