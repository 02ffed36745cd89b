//! The documented CLI lines work as written: every `cargo run … --features
//! cli -- COMMAND …` line in a `sh` block of README.md, BENCHMARKS.md and
//! docs/*.md is run (as the built binary, with the same arguments, in a copy
//! of the project's kb/ and tests/eval/) and must succeed.
#![cfg(feature = "cli")]

mod common;

use std::path::Path;
use std::process::Command;

/// The documents whose commands are run: the README, the benchmarks and
/// every page of docs/.
fn documents() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root.join("BENCHMARKS.md"));
    docs.insert(0, root.join("README.md"));
    docs
}

/// The `cargo run` lines of a document's `sh` blocks, continuation lines
/// joined and comments dropped.
fn cargo_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = trimmed == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let code = strip_comment(line);
        let (code, continued) = match code.trim_end().strip_suffix('\\') {
            Some(c) => (c.to_string(), true),
            None => (code.to_string(), false),
        };
        pending.push_str(code.trim());
        pending.push(' ');
        if !continued {
            let full = pending.trim().to_string();
            if full.starts_with("cargo run") {
                lines.push(full);
            }
            pending.clear();
        }
    }
    lines
}

/// The line up to a `#` that starts a shell comment (outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev_space => return &line[..i],
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    line
}

/// Shell words: split at spaces, quotes grouped and removed.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (_, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The arguments after `--`, checking that the cargo part picks this binary:
/// `cargo run [--release] --features cli --` relies on `default-run`.
fn binary_args(line: &str) -> Vec<String> {
    let words = shell_words(line);
    let split = words
        .iter()
        .position(|w| w == "--")
        .unwrap_or_else(|| panic!("no `--` in {line:?}"));
    let cargo: Vec<&str> = words[..split].iter().map(String::as_str).collect();
    assert!(
        cargo == ["cargo", "run", "--features", "cli"]
            || cargo == ["cargo", "run", "--release", "--features", "cli"],
        "unexpected cargo arguments in {line:?}"
    );
    words[split + 1..].to_vec()
}

#[test]
fn cargo_run_without_bin_runs_the_editors_tool() {
    let manifest: toml::Table =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    assert_eq!(
        manifest["package"]["default-run"].as_str(),
        Some("help-widget"),
        "without default-run, `cargo run --features cli -- check` cannot choose between two binaries"
    );
}

#[test]
fn every_cli_line_of_the_docs_succeeds_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let copy = |from: &str| {
        let src = common::copy_of(&root.join(from));
        let to = work.path().join(from);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(src.keep(), to).unwrap();
    };
    copy("kb");
    copy("tests/eval");
    // The beacon log the README's `report` line reads, as the widget writes it.
    std::fs::write(
        work.path().join("events.jsonl"),
        concat!(
            r#"{"event":"search","query":"balkonkraftwerk","count":0,"page":"/","at":1795428000000}"#, "\n",
            r#"{"event":"no-results","query":"balkonkraftwerk","page":"/","at":1795428000000}"#, "\n",
            r#"{"event":"answer-shown","id":"de/meter-reading","question":"?","page":"/","at":1795428000000}"#, "\n",
        ),
    )
    .unwrap();

    let mut ran = Vec::new();
    let lines = documents().into_iter().flat_map(|doc| {
        let text = std::fs::read_to_string(&doc).unwrap();
        let name = doc.strip_prefix(root).unwrap().display().to_string();
        cargo_lines(&text)
            .into_iter()
            .map(move |l| (name.clone(), l))
    });
    for (doc, line) in lines {
        let args = binary_args(&line);
        // Lines reading the shared evaluation sets outside the repository.
        if args.iter().any(|a| a.starts_with("../")) {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_help-widget"))
            .args(&args)
            .current_dir(work.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{doc}: line failed: {line}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{line} printed nothing");
        ran.push(args[0].clone());
    }
    for command in [
        "check", "query", "stats", "build", "hotline", "report", "site", "eval",
    ] {
        assert!(
            ran.iter().any(|c| c == command),
            "the docs have no runnable `{command}` line (ran {ran:?})"
        );
    }
}

#[test]
fn shell_words_group_quotes_and_comments_are_dropped() {
    assert_eq!(
        shell_words(strip_comment(
            r#"query "zähler stand" --locale de   # a comment"#
        )),
        ["query", "zähler stand", "--locale", "de"]
    );
}

#[test]
fn the_readme_is_short_and_links_each_reader_to_a_page_that_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 150,
        "README.md has {} lines",
        readme.lines().count()
    );
    for page in [
        "docs/site-owners.md",
        "docs/editors.md",
        "docs/contributing.md",
        "BENCHMARKS.md",
    ] {
        assert!(
            readme.contains(&format!("]({page})")),
            "README.md does not link {page}"
        );
        assert!(root.join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn cargo_lines_are_taken_from_sh_blocks_only_with_continuations_joined() {
    let doc =
        "```sh\ncargo run --features cli -- check \\\n    --all-warnings # all\n./dev test\n```\n\
               ```text\ncargo run --features cli -- stats\n```\n";
    assert_eq!(
        cargo_lines(doc),
        ["cargo run --features cli -- check --all-warnings"]
    );
}
