//! The compiler on hotline.toml (channels, OSM opening hours, zones): the
//! tables it compiles are read for a week without a panic.
#![no_main]
#[path = "kb_common.rs"]
mod kb_common;
use libfuzzer_sys::fuzz_target;

const SEED: &str = "zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n\n[[channels]]\nid = \"phone\"\nkind = \"phone\"\nlabel = { de = \"Telefon\", en = \"Phone\" }\nhref = \"tel:+493055501234\"\nhours = 'Mo-Fr 08:00-20:00; PH off'\n";

fuzz_target!(|data: &[u8]| {
    // Half the inputs extend a valid file, so the hours parser is reached.
    let mut bytes = Vec::new();
    if data.first().is_some_and(|b| b & 1 == 0) {
        bytes.extend_from_slice(SEED.as_bytes());
        bytes.extend_from_slice(&data[1..]);
    } else {
        bytes.extend_from_slice(data);
    }
    kb_common::compile_with("hotline.toml", &bytes, None);
});
