//! Compiles the knowledge base (kb/, or `HELP_WIDGET_KB`) into the bundle
//! that `src/lib.rs` embeds with `include_bytes!`.
//!
//! The compiler, the format and the text analysis are the crate's own
//! modules, included by path: there is no second copy of any of them.

// What only the query side uses of these modules goes unused here.
#![allow(dead_code, unused_imports)]

#[path = "src/analysis/mod.rs"]
mod analysis;
#[path = "src/compiler/mod.rs"]
mod compiler;
#[path = "src/format/mod.rs"]
mod format;
/// The compiler weighs question words with the query side's idf.
#[path = "src/engine/rank.rs"]
mod rank;
#[path = "src/url.rs"]
mod url;
mod engine {
    pub(crate) use super::rank;
}

use std::path::PathBuf;

fn main() {
    for watched in [
        "build.rs",
        "src/analysis",
        "src/format",
        "src/compiler",
        "src/engine/rank.rs",
        "src/url.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    println!("cargo:rerun-if-env-changed=HELP_WIDGET_KB");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("kb.bundle");
    // `HELP_WIDGET_KB=` (empty): the code-only engine that kits ship, with
    // an empty bundle; its knowledge arrives as data (`install_kb`).
    let kb = match std::env::var_os("HELP_WIDGET_KB") {
        Some(kb) if kb.is_empty() => {
            if let Err(e) = compiler::write_atomically(&out, &format::empty_bundle()) {
                eprintln!("error: cannot write {}: {e}", out.display());
                std::process::exit(1);
            }
            return;
        }
        Some(kb) => PathBuf::from(kb),
        None => PathBuf::from("kb"),
    };
    println!("cargo:rerun-if-changed={}", kb.display());
    match compiler::compile_dir(&kb, None) {
        Ok(compiled) => {
            for input in &compiled.kb.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            // A missing translation or a near-duplicate category: shown, not
            // fatal; a few, so a young kb does not bury every build's output.
            let warnings = compiler::lint::warnings(&compiled.kb);
            for w in warnings.iter().take(20) {
                println!("cargo:warning={w}");
            }
            if warnings.len() > 20 {
                println!(
                    "cargo:warning={} more kb warnings: `cargo run --features cli -- check` lists them all",
                    warnings.len() - 20
                );
            }
            if let Err(e) = compiler::write_atomically(&out, &compiled.bytes) {
                eprintln!("error: cannot write {}: {e}", out.display());
                std::process::exit(1);
            }
        }
        Err(diags) => {
            // No stale bundle may outlive a failed build.
            let _ = std::fs::remove_file(&out);
            for d in &diags {
                eprintln!("error: {d}");
            }
            eprintln!(
                "error: the knowledge base in {} has {} problem(s); fix them and build again",
                kb.display(),
                diags.len()
            );
            std::process::exit(1);
        }
    }
}
