//! The compiled bundle: deterministic, readable back in full, and rejected
//! (never read out of bounds) when corrupted.
#![cfg(feature = "compiler")]

mod common;

use common::{copy_of, fixture, sample_kb};
use help_widget::compiler::compile_dir;
use help_widget::engine::{self, Bundle};
use help_widget::format::{Layout, SectionKind, HEADER_LEN, SECTION_ENTRY_LEN};

#[test]
fn the_same_knowledge_base_gives_identical_bytes() {
    let a = compile_dir(&sample_kb(), Some(1_700_000_000))
        .unwrap()
        .bytes;
    let b = compile_dir(&sample_kb(), Some(1_700_000_000))
        .unwrap()
        .bytes;
    assert_eq!(a, b);
    // A copy in another place, with other modification times, too.
    let copy = copy_of(&sample_kb());
    let c = compile_dir(copy.path(), Some(1_700_000_000)).unwrap().bytes;
    assert_eq!(a, c);
}

#[test]
fn every_entry_reads_back_from_the_bundle() {
    let compiled = compile_dir(&sample_kb(), Some(0)).unwrap();
    let bundle = Bundle::open_verified(&compiled.bytes).unwrap();
    assert_eq!(bundle.doc_count(), compiled.kb.entries.len());
    for e in &compiled.kb.entries {
        let a = engine::answer(&bundle, &e.id).unwrap();
        assert_eq!(a.question, e.question);
        assert_eq!(a.html, e.answer.html);
        assert_eq!(a.locale, e.locale);
        let related: Vec<_> = a.related.iter().map(|r| r.0.clone()).collect();
        assert_eq!(related, e.related);
    }
    assert_eq!(bundle.meta.site_name, compiled.kb.site.name);
}

#[test]
fn the_embedded_bundle_is_the_knowledge_base_it_was_built_from() {
    // build.rs reads HELP_WIDGET_KB when this crate is built, as this test does.
    let kb = option_env!("HELP_WIDGET_KB").map_or_else(sample_kb, std::path::PathBuf::from);
    let compiled = compile_dir(&kb, Some(0)).unwrap();
    let embedded = help_widget::embedded();
    assert_eq!(embedded.meta.content_hash, compiled.kb.content_hash);
    assert_eq!(embedded.doc_count(), compiled.kb.entries.len());
}

#[test]
fn a_kb_saved_in_decomposed_unicode_is_found_by_the_usual_spelling() {
    let kb = copy_of(&fixture("mini-kb"));
    let path = kb.path().join("de/cancel.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("kündigen"));
    std::fs::write(&path, text.replace('ü', "u\u{308}")).unwrap();
    let bytes = compile_dir(kb.path(), Some(0)).unwrap().bytes;
    let bundle = Bundle::open(&bytes).unwrap();
    let ids = |q: &str| -> Vec<String> {
        engine::search(&bundle, q, "de", 5)
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(ids("kündigen")[..1], ["de/cancel"]);
    assert_eq!(ids("ｋüｎｄｉｇｅｎ"), ids("kündigen"));
}

#[test]
fn answers_contain_no_script_or_event_handler() {
    let compiled = compile_dir(&sample_kb(), Some(0)).unwrap();
    for e in &compiled.kb.entries {
        let html = e.answer.html.to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            " onerror",
            " onclick",
            " onload",
            "<iframe",
            "<style",
        ] {
            assert!(!html.contains(bad), "{}: {bad}", e.id);
        }
    }
}

#[test]
fn every_single_byte_corruption_is_rejected_or_harmless() {
    let bytes = compile_dir(&fixture("mini-kb"), Some(0)).unwrap().bytes;
    // The fst crate trusts its bytes; only the checksum guards the term
    // indexes: their payload and the section table entries that locate them.
    let layout = Layout::parse(&bytes).unwrap();
    let mut terms = Vec::new();
    for (i, s) in layout.sections().iter().enumerate() {
        if SectionKind::checksum_only().contains(&s.kind) {
            terms.push(s.offset..s.offset + s.len);
            let entry = HEADER_LEN + i * SECTION_ENTRY_LEN;
            terms.push(entry..entry + SECTION_ENTRY_LEN);
        }
    }
    for i in 0..bytes.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut bad = bytes.clone();
            bad[i] ^= flip;
            assert!(
                Bundle::open_verified(&bad).is_err(),
                "byte {i} ^ {flip:#x} passed the checksum"
            );
            // Without the checksum, our own readers must still never panic.
            if terms.iter().any(|r| r.contains(&i)) {
                continue;
            }
            if let Ok(b) = Bundle::open(&bad) {
                for q in ["zähler", "cancel", "kündigen vertrag", "a"] {
                    let _ = engine::search(&b, q, "de", 10);
                    let _ = engine::search(&b, q, "en", 10);
                }
                for n in 0..b.doc_count() as u32 {
                    if let Some(d) = b.doc(n) {
                        let _ = engine::answer(&b, &d.id);
                    }
                }
                let _ = b.notices();
            }
        }
    }
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = compile_dir(&fixture("mini-kb"), Some(0)).unwrap().bytes;
    for len in 0..bytes.len() {
        assert!(Bundle::open(&bytes[..len]).is_err(), "length {len}");
    }
}

#[test]
fn notices_are_active_only_inside_their_window() {
    let bytes = compile_dir(&fixture("mini-kb"), Some(0)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    let de = b.locale_no("de");
    let inside = 1_767_250_000_000; // 2026-01-01 06:46 UTC
    assert_eq!(b.active_notices(de, inside).len(), 1);
    assert_eq!(b.active_notices(de, inside + 2 * 86_400_000).len(), 0);
    assert_eq!(b.active_notices(b.locale_no("en"), inside).len(), 0);
}
