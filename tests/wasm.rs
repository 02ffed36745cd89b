//! The exported JavaScript API, exercised in headless Chromium against the
//! embedded sample knowledge base (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use help_widget::wasm::{answer, bundle_info, hotline_status, search};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Deserialize)]
struct Hit {
    id: String,
    question: String,
    snippet: String,
    highlights: Vec<[u32; 2]>,
    score: f32,
}

#[derive(Deserialize)]
struct Answer {
    id: String,
    html: String,
    related: Vec<Related>,
}

#[derive(Deserialize)]
struct Related {
    id: String,
    question: String,
}

#[derive(Deserialize)]
struct Info {
    format_version: u16,
    locales: Vec<String>,
    entries: usize,
    entries_per_locale: Vec<usize>,
    bytes: usize,
}

fn hits(q: &str, locale: &str) -> Vec<Hit> {
    serde_wasm_bindgen::from_value(search(q, Some(locale.into()), Some(5.0))).unwrap()
}

#[wasm_bindgen_test]
fn zaehlerstand_finds_the_meter_reading_entry_first() {
    let h = hits("zählerstand", "de");
    assert_eq!(h[0].id, "de/meter-reading");
    assert!(h[0].score > 0.0);
    assert!(!h[0].question.is_empty());
}

#[wasm_bindgen_test]
fn cancel_contract_finds_the_cancellation_entry_first() {
    assert_eq!(hits("cancel contract", "en")[0].id, "en/cancel-contract");
}

#[wasm_bindgen_test]
fn highlight_offsets_count_utf16_units_as_js_strings_do() {
    // Synonyms and stems are highlighted too ("Ablesung"), so check that
    // every range is a whole word and that the umlaut word is among them.
    let mut saw_typed_word = false;
    for hit in hits("zählerstand", "de") {
        let units: Vec<u16> = hit.snippet.encode_utf16().collect();
        for [s, e] in hit.highlights {
            let word = String::from_utf16(&units[s as usize..e as usize]).unwrap();
            let before = String::from_utf16(&units[..s as usize]).unwrap();
            let after = String::from_utf16(&units[e as usize..]).unwrap();
            assert!(word.chars().all(char::is_alphanumeric), "{word}");
            assert!(
                !before.chars().last().is_some_and(char::is_alphanumeric),
                "{word}"
            );
            assert!(
                !after.chars().next().is_some_and(char::is_alphanumeric),
                "{word}"
            );
            let folded = help_widget::analysis::fold(&word, help_widget::analysis::Lang::German);
            saw_typed_word |= folded.starts_with("zaehlerst");
        }
    }
    assert!(saw_typed_word);
}

#[wasm_bindgen_test]
fn answer_returns_html_and_related_entries_or_null() {
    let a: Answer = serde_wasm_bindgen::from_value(answer("de/meter-reading")).unwrap();
    assert_eq!(a.id, "de/meter-reading");
    assert!(a.html.starts_with('<'));
    assert!(a
        .related
        .iter()
        .all(|r| r.id.starts_with("de/") && !r.question.is_empty()));
    assert!(answer("de/does-not-exist").is_null());
}

#[wasm_bindgen_test]
fn bundle_info_reports_version_and_counts() {
    let i: Info = serde_wasm_bindgen::from_value(bundle_info()).unwrap();
    assert_eq!(i.format_version, help_widget::format::VERSION);
    assert_eq!(i.locales, ["de", "en"]);
    assert_eq!(i.entries, i.entries_per_locale.iter().sum::<usize>());
    assert!(i.entries_per_locale.iter().all(|&n| n >= 40));
    assert!(i.bytes > 0);
}

#[wasm_bindgen_test]
fn hostile_queries_return_an_array() {
    for q in ["", "   ", "😀😀", "\u{0}\u{202e}", &"a ".repeat(10_000)] {
        let v: JsValue = search(q, None, None);
        assert!(js_sys::Array::is_array(&v), "{q:?}");
    }
    let v = search("zähler", Some("xx-unknown".into()), Some(1e6));
    assert!(js_sys::Array::is_array(&v));
}

#[wasm_bindgen_test]
fn a_zero_negative_or_nan_limit_never_wraps_around() {
    let len = |limit| js_sys::Array::from(&search("zähler", Some("de".into()), limit)).length();
    assert_eq!(len(Some(0.0)), 0);
    assert_eq!(len(Some(-1.0)), 0);
    assert!(len(Some(f64::NAN)) <= 10);
    assert!(len(Some(f64::INFINITY)) <= 50);
}

#[derive(Deserialize)]
struct Hotline {
    zone: Option<String>,
    channels: Vec<HotlineChannel>,
}

#[derive(Deserialize)]
struct HotlineChannel {
    id: String,
    kind: String,
    label: String,
    href: String,
    state: String,
    next_change_ms: Option<f64>,
    today: Vec<[f64; 2]>,
    week: Vec<HotlineDay>,
}

#[derive(Deserialize)]
struct HotlineDay {
    date: String,
    intervals: Vec<[f64; 2]>,
}

#[wasm_bindgen_test]
fn hotline_status_reports_the_sample_channels_now_in_the_visitors_locale() {
    let now = js_sys::Date::now();
    let h: Hotline =
        serde_wasm_bindgen::from_value(hotline_status(now, Some("en".into()))).unwrap();
    assert_eq!(h.zone.as_deref(), Some("Europe/Berlin"));
    let ids: Vec<&str> = h.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["phone", "chat", "callback"]);
    let phone = &h.channels[0];
    assert_eq!(
        (phone.kind.as_str(), phone.label.as_str()),
        ("phone", "Phone hotline")
    );
    assert!(phone.href.starts_with("tel:"));
    for c in &h.channels {
        // The horizon starts in the build year: now is always inside it.
        assert!(c.state == "open" || c.state == "closed", "{}", c.state);
        assert!(c.next_change_ms.is_some_and(|t| t > now));
        assert_eq!(c.week.len(), 7);
        assert_eq!(c.week[0].date.len(), 10);
        assert!(c.today.iter().all(|[a, b]| a < b));
        assert!(c.week.iter().flat_map(|d| &d.intervals).all(|[a, b]| a < b));
    }
}
