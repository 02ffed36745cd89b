//! The build script compiles the knowledge base with the crate's own
//! modules, included by path; cargo reruns it only for the paths it names.

use std::collections::BTreeSet;

/// The quoted strings of `build.rs` lines that begin with `prefix`.
fn quoted_after(text: &str, prefix: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix(prefix))
        .filter_map(|rest| rest.split('"').nth(1))
        .map(String::from)
        .collect()
}

#[test]
fn the_build_script_reruns_when_any_module_it_compiles_changes() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    // A `mod.rs` module is watched as its folder, a file module as itself.
    let modules: BTreeSet<String> = quoted_after(&text, "#[path = ")
        .into_iter()
        .map(|p| p.strip_suffix("/mod.rs").map_or(p.clone(), String::from))
        .collect();
    assert!(modules.len() >= 5, "{modules:?}");
    // The watched list: the quoted lines of the `for watched in [...]` array.
    let start = text.find("for watched in [").expect("the watched list");
    let end = start + text[start..].find(']').unwrap();
    let watched: BTreeSet<String> = text[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split('"').next())
        .map(String::from)
        .filter(|p| p != "build.rs")
        .collect();
    assert_eq!(
        watched, modules,
        "build.rs: watch exactly the modules it includes by path"
    );
}
