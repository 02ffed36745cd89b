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
#[path = "src/escape.rs"]
mod escape;
#[path = "src/format/mod.rs"]
mod format;
#[path = "src/idf.rs"]
mod idf;
#[path = "src/url.rs"]
mod url;
#[path = "src/utf8.rs"]
mod utf8;

use std::path::PathBuf;

/// The prebuilt engine a CLI carries (`HELP_WIDGET_ENGINE_DIR`, written
/// by `./dev`): its files as `include_bytes!`, so `help-widget dist` makes
/// a kit with no Rust toolchain. Without it the list is empty and `dist`
/// says how to get one.
fn engine_assets() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("engine_assets.rs");
    println!("cargo:rerun-if-env-changed=HELP_WIDGET_ENGINE_DIR");
    let mut rs = String::from("&[\n");
    let dir = std::env::var_os("HELP_WIDGET_ENGINE_DIR").filter(|d| !d.is_empty());
    // Not built yet (./dev builds the engine before the tool): none.
    let dir = dir.filter(|d| PathBuf::from(d).join("help_widget_bg.wasm").is_file());
    if let (Some(dir), Some(_)) = (dir, std::env::var_os("CARGO_FEATURE_CLI")) {
        let dir = PathBuf::from(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("HELP_WIDGET_ENGINE_DIR {}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let path = std::fs::canonicalize(dir.join(&name)).expect("listed file");
            println!("cargo:rerun-if-changed={}", path.display());
            rs.push_str(&format!(
                "    ({name:?}, include_bytes!({:?})),\n",
                path.display().to_string()
            ));
        }
    }
    rs.push(']');
    std::fs::write(&out, rs).expect("write engine_assets.rs");
}

fn main() {
    engine_assets();
    // Every module above, by its file or, for a `mod.rs`, its folder
    // (tests/build_script.rs holds the two lists equal).
    for watched in [
        "build.rs",
        "src/analysis",
        "src/compiler",
        "src/escape.rs",
        "src/format",
        "src/idf.rs",
        "src/url.rs",
        "src/utf8.rs",
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
