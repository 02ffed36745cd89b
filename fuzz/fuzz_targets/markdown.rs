//! The Markdown renderer alone: no panic, and the HTML it gives is safe by
//! construction (no raw tag from the input survives).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for remote in [false, true] {
        if let Ok(r) = help_widget::compiler::markdown::render(text, remote) {
            let lower = r.html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{}", r.html);
            assert!(!lower.contains("<iframe"), "{}", r.html);
            // Text may say `src="javascript:`; the renderer escapes `<` in
            // text, so every `<` opens a real tag, whose URLs are checked.
            for tag in lower.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or("");
                for attr in [" href=\"", " src=\""] {
                    for (at, _) in tag.match_indices(attr) {
                        let url = tag[at + attr.len()..].trim_start();
                        for scheme in ["javascript:", "vbscript:", "data:"] {
                            assert!(!url.starts_with(scheme), "{}", r.html);
                        }
                    }
                }
            }
        }
    }
});
