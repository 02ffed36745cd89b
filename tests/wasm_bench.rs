//! The in-browser benchmark: the Wasm build in headless Chromium, on a
//! synthetic knowledge base embedded instead of the sample one. Run by
//! `./dev bench`; with the sample kb/ embedded it reports that and stops.
#![cfg(target_arch = "wasm32")]

use help_widget::engine::{search, Bundle};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// Each measurement repeats the search this often: the browser's clock
/// ticks in steps of up to 100 µs.
const REPEAT: usize = 3;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Two or three words of entries' questions, as the native benchmark does.
fn queries(bundle: &Bundle<'_>) -> Vec<String> {
    let n = bundle.doc_count() as u32;
    (0..60u32)
        .filter_map(|i| bundle.doc((i * 7919) % n))
        .map(|d| {
            let words: Vec<String> = d
                .question
                .trim_end_matches('?')
                .split(' ')
                .take(3)
                .map(str::to_lowercase)
                .collect();
            words.join(" ")
        })
        .collect()
}

/// Latency of every keystroke of `queries`, and of each full query, sorted.
fn timed(bundle: &Bundle<'_>, queries: &[String]) -> (Vec<f64>, Vec<f64>) {
    let mut keystrokes = Vec::new();
    let mut full = Vec::new();
    for q in queries {
        let ends: Vec<usize> = q
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain([q.len()])
            .collect();
        for end in ends {
            let t = now();
            for _ in 0..REPEAT {
                std::hint::black_box(search(bundle, &q[..end], "de", 8));
            }
            let us = (now() - t) * 1000.0 / REPEAT as f64;
            keystrokes.push(us);
            if end == q.len() {
                full.push(us);
            }
        }
    }
    keystrokes.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    (keystrokes, full)
}

#[wasm_bindgen_test]
fn keystrokes_and_bundle_opening_in_the_browser() {
    let bundle = help_widget::embedded();
    if bundle.meta.site_name != "synthetic" {
        console_log!("browser benchmark skipped: the sample kb is embedded (run ./dev bench)");
        return;
    }
    let t = now();
    for _ in 0..1000 {
        assert!(Bundle::open(help_widget::EMBEDDED_BUNDLE).is_ok());
    }
    let open_us = (now() - t) * 1000.0 / 1000.0;
    let queries = queries(bundle);
    // The first pass also times the engine's compilation: the browser runs
    // new Wasm code with a baseline compiler and swaps in optimised code
    // once a function is hot. The second pass is the steady state.
    let (cold, _) = timed(bundle, &queries);
    let (keystrokes, full) = timed(bundle, &queries);
    console_log!(
        "browser: {} entries, bundle {} bytes | open {open_us:.1} µs | keystroke p50 {:.0} µs p99 {:.0} µs ({} keystrokes) | full query p50 {:.0} µs p99 {:.0} µs | first pass (engine still compiling): keystroke p50 {:.0} µs p99 {:.0} µs",
        bundle.doc_count(),
        bundle.size(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99),
        keystrokes.len(),
        percentile(&full, 0.5),
        percentile(&full, 0.99),
        percentile(&cold, 0.5),
        percentile(&cold, 0.99),
    );
}
