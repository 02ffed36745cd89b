//! What an editor sees from `check`, `stats` and `eval`: warnings that do
//! not stop the build, TOML errors in plain words, sizes in human units.
#![cfg(feature = "cli")]

mod common;

use common::{copy_of, fixture};
use std::process::{Command, Output};

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_help-widget"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn check(kb: &std::path::Path) -> Output {
    cli().arg("check").arg(kb).output().unwrap()
}

#[test]
fn an_entry_missing_in_another_locale_is_a_warning_not_an_error() {
    // mini-kb has de/meter-reading.md but no en/meter-reading.md.
    let out = check(&fixture("mini-kb"));
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("de/meter-reading.md: warning: no \"en\" version of this entry"),
        "{stderr}"
    );
    assert!(
        stderr.contains("en/meter-reading.md (same file name)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("cancel.md"),
        "cancel exists in both: {stderr}"
    );
    assert!(text(&out.stdout).contains("ok, 1 warning(s)"));
}

#[test]
fn a_category_spelled_almost_like_another_is_warned_at_its_line() {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/bill.md"),
        "+++\nquestion = \"Rechnung?\"\ncategory = \"vertrag\"\n+++\nA.\n",
    )
    .unwrap();
    std::fs::write(
        kb.path().join("de/tariff.md"),
        "+++\nquestion = \"Tarif?\"\ncategory = \"Vertrag\"\n+++\nA.\n",
    )
    .unwrap();
    let out = check(kb.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "bill.md:3: warning: category \"vertrag\" differs only slightly from \"Vertrag\" (2 entries)"
        ),
        "{stderr}"
    );
    // Categories of different locales are never compared.
    assert!(!stderr.contains("\"Contract\""), "{stderr}");
}

#[test]
fn joining_words_make_no_new_category() {
    let kb = copy_of(&fixture("mini-kb"));
    for (slug, cat) in [
        ("a", "Energie & Wasser"),
        ("b", "Energie & Wasser"),
        ("c", "Energie und Wasser"),
    ] {
        std::fs::write(
            kb.path().join(format!("de/{slug}.md")),
            format!("+++\nquestion = \"{slug}?\"\ncategory = \"{cat}\"\n+++\nA.\n"),
        )
        .unwrap();
    }
    let stderr = text(&check(kb.path()).stderr);
    assert!(
        stderr.contains("c.md:3: warning: category \"Energie und Wasser\" differs only slightly from \"Energie & Wasser\""),
        "{stderr}"
    );
}

#[test]
fn a_toml_mistake_in_front_matter_is_explained_with_the_fix() {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/cancel.md"),
        "+++\nquestion = \"Kündigen?\"\ncategroy = \"Vertrag\"\n+++\nA.\n",
    )
    .unwrap();
    std::fs::write(
        kb.path().join("en/cancel.md"),
        "+++\nquestion = How do I cancel?\n+++\nA.\n",
    )
    .unwrap();
    let out = check(kb.path());
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("de/cancel.md:3: front matter: unknown setting \"categroy\": did you mean \"category\"?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("en/cancel.md:2: front matter: text must be in double quotes: write question = \"How do I cancel?\""),
        "{stderr}"
    );
}

#[test]
fn the_sample_knowledge_base_has_no_warnings() {
    let out = check(&common::sample_kb());
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn stats_speaks_in_human_units_with_gzip_and_brotli() {
    let out = cli()
        .arg("stats")
        .arg(fixture("mini-kb"))
        .args(["--www", "/nonexistent"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("raw     gzip   brotli"), "{stdout}");
    assert!(stdout.contains("answers (HTML)"), "{stdout}");
    assert!(
        stdout.contains("The widget is not built in /nonexistent yet"),
        "{stdout}"
    );
    assert!(stdout.contains(" kB") && stdout.contains(" B "), "{stdout}");
    assert!(!stdout.contains("bytes"), "raw byte counts: {stdout}");
}

/// A www/ folder whose "Wasm" holds `bundle`, with the other widget files.
fn fake_www(bundle: &[u8]) -> tempfile::TempDir {
    let www = tempfile::tempdir().unwrap();
    std::fs::create_dir(www.path().join("pkg")).unwrap();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend_from_slice(bundle);
    std::fs::write(www.path().join("pkg/help_widget_bg.wasm"), wasm).unwrap();
    for f in [
        "help-widget.js",
        "help-widget.mjs",
        "pkg/help_widget.js",
        "help-widget.css",
    ] {
        std::fs::write(www.path().join(f), "console.log('widget');\n".repeat(50)).unwrap();
    }
    www
}

#[test]
fn stats_lists_the_widget_files_and_says_whether_they_hold_this_knowledge_base() {
    let kb = fixture("mini-kb");
    let bundle = help_widget::compiler::compile_dir(&kb, None).unwrap().bytes;
    let stats = |www: &std::path::Path| {
        text(
            &cli()
                .arg("stats")
                .arg(&kb)
                .arg("--www")
                .arg(www)
                .output()
                .unwrap()
                .stdout,
        )
    };
    let fresh = fake_www(&bundle);
    let out = stats(fresh.path());
    assert!(out.contains("built from this knowledge base"), "{out}");
    for f in [
        "help-widget.js",
        "pkg/help_widget_bg.wasm",
        "help-widget.css",
        "total",
    ] {
        assert!(out.contains(&format!("  {f} ")), "{f}: {out}");
    }
    let stale = fake_www(b"HWKB\r\n\x1a\nsome other knowledge base");
    assert!(stats(stale.path()).contains("built from ANOTHER state"));
}

fn eval_with(queries: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.json");
    std::fs::write(&q, queries).unwrap();
    let out = cli()
        .arg("eval")
        .arg("--kb")
        .arg(fixture("mini-kb"))
        .arg("--queries")
        .arg(&q)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn evals_worst_list_shows_only_queries_below_one() {
    let perfect = r#"[{"query": "zählerstand", "lang": "de", "relevant": ["de/meter-reading"]}]"#;
    let out = eval_with(perfect);
    assert!(out.contains("worst ranked queries: none"), "{out}");
    assert!(!out.contains("1.00 \"zählerstand\""), "{out}");

    let mixed = r#"[{"query": "zählerstand", "lang": "de", "relevant": ["de/meter-reading"]},
                    {"query": "kündigen", "lang": "de", "relevant": ["de/meter-reading"]}]"#;
    let out = eval_with(mixed);
    assert!(out.contains("worst ranked queries (below 1.00):"), "{out}");
    assert!(out.contains("\"kündigen\""), "{out}");
    assert!(!out.contains("\"zählerstand\" wants"), "{out}");
}

#[test]
fn many_warnings_of_one_kind_show_ten_and_count_the_rest() {
    let kb = copy_of(&fixture("mini-kb"));
    let entry = std::fs::read_to_string(kb.path().join("de/meter-reading.md")).unwrap();
    for i in 0..24 {
        let copy = entry
            .replace("question = \"", &format!("question = \"{i} "))
            .replace("aliases = [\"Zählerstand mitteilen\", \"Ablesung\"]\n", "");
        std::fs::write(kb.path().join(format!("de/extra-{i}.md")), copy).unwrap();
    }
    let out = check(kb.path());
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    let shown = stderr.matches("warning: no \"en\" version").count();
    assert_eq!(shown, 10, "{stderr}");
    assert!(
        stderr.contains("… and 15 more like \"warning: no \"…\" version of this entry\""),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("ok, 25 warning(s)"),
        "{}",
        text(&out.stdout)
    );
    let all = cli()
        .args(["check", "--all-warnings"])
        .arg(kb.path())
        .output()
        .unwrap();
    assert_eq!(
        text(&all.stderr)
            .matches("warning: no \"en\" version")
            .count(),
        25
    );
}
