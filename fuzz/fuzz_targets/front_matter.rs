//! The compiler on an entry file: TOML front matter, then Markdown. Every
//! input is either compiled into a bundle that opens, or refused with
//! diagnostics; never a panic.
#![no_main]
#[path = "kb_common.rs"]
mod kb_common;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Half the inputs keep the front matter valid, so the Markdown is reached.
    let mut bytes = Vec::new();
    if data.first().is_some_and(|b| b & 1 == 0) {
        bytes.extend_from_slice(b"+++\nquestion = \"Frage?\"\n+++\n");
        bytes.extend_from_slice(&data[1..]);
    } else {
        bytes.extend_from_slice(data);
    }
    kb_common::compile_with("de/fuzz.md", &bytes, None);
});
