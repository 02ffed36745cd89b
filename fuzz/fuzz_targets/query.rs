//! Any query string, any locale, any limit: search, completion and
//! correction on the embedded sample knowledge base never panic and stay
//! within their limits.
#![no_main]

use help_widget::engine::{complete, did_you_mean, search, search::MAX_LIMIT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let query = String::from_utf8_lossy(rest);
    let locale = ["de", "en", "", "fr", "de-AT"][usize::from(control % 5)];
    let limit = usize::from(control / 5);
    let bundle = help_widget::embedded();
    let hits = search(bundle, &query, locale, limit);
    assert!(hits.len() <= limit.min(MAX_LIMIT));
    for h in &hits {
        assert!(h.score.is_finite());
        for &(s, e) in &h.highlights {
            assert!(s < e && e <= h.snippet.len());
        }
    }
    let _ = did_you_mean(bundle, &query, locale);
    assert!(complete(bundle, &query, locale, 5).len() <= 5);
});
