//! A knowledge base folder per fuzz process: one file is replaced by the
//! input, the rest stay valid, and the compiler runs on the folder.
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const SITE: &str = "name = \"Fuzz-Werke\"\nlocales = [\"de\", \"en\"]\ndefault_locale = \"de\"\n\n[contact]\nphone = \"+49 30 000\"\n";
pub const ENTRY: &str = "+++\nquestion = \"Wie melde ich meinen Zählerstand?\"\naliases = [\"zählerstand\"]\nrelated = [\"en/meter\"]\n+++\nIm **Kundenportal** unter [Zählerstand](https://example.org/z).\n";
pub const EN_ENTRY: &str = "+++\nquestion = \"How do I submit a meter reading?\"\n+++\nIn the customer portal.\n";

/// The folder, created once with a valid kb.
pub fn kb() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("hw-fuzz-kb-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("de")).unwrap();
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::write(dir.join("site.toml"), SITE).unwrap();
        std::fs::write(dir.join("de/meter.md"), ENTRY).unwrap();
        std::fs::write(dir.join("en/meter.md"), EN_ENTRY).unwrap();
        dir
    })
}

/// Writes `bytes` as `file` of the kb, compiles it, restores `valid`, and
/// checks what a compiled kb promises: the bundle opens and answers.
pub fn compile_with(file: &str, bytes: &[u8], valid: Option<&str>) {
    let dir = kb();
    std::fs::write(dir.join(file), bytes).unwrap();
    if let Ok(c) = help_widget::compiler::compile_dir(dir, Some(1_767_225_600)) {
        let b = help_widget::engine::Bundle::open_verified(&c.bytes).expect("a compiled bundle opens");
        let _ = help_widget::engine::search(&b, "zählerstand", "de", 5);
        for e in &c.kb.entries {
            assert!(!e.answer.html.contains("<script"), "{}", e.answer.html);
        }
    }
    match valid {
        Some(text) => std::fs::write(dir.join(file), text).unwrap(),
        None => {
            let _ = std::fs::remove_file(dir.join(file));
        }
    }
}
