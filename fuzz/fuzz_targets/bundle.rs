//! The bundle reader on damaged bundles.
//!
//! Raw input goes through `Bundle::open_verified`, which must reject
//! anything that is not an intact bundle. Then the input is applied as
//! byte edits to the sample bundle, outside the `fst` term indexes (which
//! only the checksum guards), and the result is opened without the
//! checksum and read in every way a visitor could: our own readers must
//! reject or tolerate every corruption, never panic or read out of bounds.
#![no_main]

use help_widget::engine::{answer, search, Bundle};
use help_widget::format::{Layout, SectionKind, HEADER_LEN, SECTION_ENTRY_LEN};
use libfuzzer_sys::fuzz_target;

fn read_everything(b: &Bundle<'_>) {
    for q in ["zähler", "cancel contract", "kündigen vertrag", "a", "zählerstnad"] {
        let _ = search(b, q, "de", 10);
        let _ = search(b, q, "en", 10);
    }
    for n in 0..b.doc_count().min(200) as u32 {
        if let Some(d) = b.doc(n) {
            let _ = answer(b, d.id);
        }
    }
    let _ = b.notices();
    for l in 0..b.meta.locales.len() as u16 {
        let _ = b.active_notices(l, 1_767_250_000_000);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = Bundle::open_verified(data) {
        read_everything(&b);
    }
    let sample = help_widget::EMBEDDED_BUNDLE;
    let layout = Layout::parse(sample).expect("the sample bundle parses");
    let guarded: Vec<std::ops::Range<usize>> = layout
        .sections()
        .iter()
        .enumerate()
        .filter(|(_, s)| SectionKind::checksum_only().contains(&s.kind))
        .flat_map(|(i, s)| {
            let entry = HEADER_LEN + i * SECTION_ENTRY_LEN;
            [s.offset..s.offset + s.len, entry..entry + SECTION_ENTRY_LEN]
        })
        .collect();
    let mut bytes = sample.to_vec();
    // Each 4 input bytes: a position (3 bytes) and a new value.
    for edit in data.chunks_exact(4) {
        let at = (usize::from(edit[0]) << 16 | usize::from(edit[1]) << 8 | usize::from(edit[2])) % bytes.len();
        if !guarded.iter().any(|r| r.contains(&at)) {
            bytes[at] = edit[3];
        }
    }
    if let Ok(b) = Bundle::open(&bytes) {
        read_everything(&b);
    }
});
