//! The compiler on site.toml: compiled, or refused with diagnostics.
#![no_main]
#[path = "kb_common.rs"]
mod kb_common;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kb_common::compile_with("site.toml", data, Some(kb_common::SITE));
});
