//! `report` on beacon log lines, plain and gzipped: every input is read to
//! the end (damaged parts counted as malformed), and neither the text nor
//! the HTML report carries a raw control character from the log.
#![no_main]
use help_widget::report::{html, suggest, text, Reader};
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_798_675_200_000;

fuzz_target!(|data: &[u8]| {
    let mut r = Reader::new(None, NOW);
    r.read("fuzz.jsonl", data);
    r.read("fuzz.jsonl.gz", std::io::BufReader::new(flate2::read::MultiGzDecoder::new(data)));
    let report = r.finish();
    let t = text::render(&report, &suggest::Entries::NONE);
    assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
    let h = html::render(&report, &suggest::Entries::NONE, "");
    assert!(!h.contains("<script"), "{h}");
});
