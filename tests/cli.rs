//! The editors' CLI: exit codes, messages, and no half-written bundle.
#![cfg(feature = "cli")]

mod common;

use common::{copy_of, fixture};
use std::process::Command;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_help-widget"))
}

/// `help-widget build KB --out OUT`.
fn build_into(kb: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    cli()
        .arg("build")
        .arg(kb)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn check_prints_a_summary_for_a_valid_knowledge_base() {
    let out = cli().arg("check").arg(fixture("mini-kb")).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("de: 2 entries"), "{stdout}");
    assert!(stdout.contains("bundle:"), "{stdout}");
}

#[test]
fn check_warns_with_both_positions_when_two_entries_share_an_alias() {
    let kb = copy_of(&fixture("mini-kb"));
    let cancel = kb.path().join("de/cancel.md");
    let text = std::fs::read_to_string(&cancel).unwrap();
    let text = text.replacen(
        "category = ",
        "aliases = [\"Vertrag beenden\", \"ablesung!\"]\ncategory = ",
        1,
    );
    std::fs::write(&cancel, text).unwrap();
    let out = cli().arg("check").arg(kb.path()).output().unwrap();
    assert!(out.status.success(), "a warning is no error");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shared: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning:") && l.contains("is also the"))
        .collect();
    assert_eq!(shared.len(), 1, "{stderr}");
    // cancel.md sorts first: meter-reading.md repeats its alias.
    assert!(
        shared[0].contains("meter-reading.md:3: warning: alias \"Ablesung\"")
            && shared[0].contains("de/cancel (")
            && shared[0].contains("cancel.md:3)"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("warning(s) above"), "{stdout}");
}

#[test]
fn a_broken_knowledge_base_fails_with_file_and_line_and_writes_no_bundle() {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/cancel.md"),
        "+++\ncategory = \"x\"\n+++\nA.\n",
    )
    .unwrap();
    let check = cli().arg("check").arg(kb.path()).output().unwrap();
    assert!(!check.status.success());
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert!(
        stderr.contains("cancel.md:1: front matter: missing \"question\""),
        "{stderr}"
    );

    let out = kb.path().join("out.bundle");
    let build = build_into(kb.path(), &out);
    assert!(!build.status.success());
    assert!(!out.exists());

    // Fixing the file makes the build succeed.
    std::fs::write(
        kb.path().join("de/cancel.md"),
        "+++\nquestion = \"Kündigen?\"\n+++\nA.\n",
    )
    .unwrap();
    let build = build_into(kb.path(), &out);
    assert!(build.status.success());
    assert!(help_widget::engine::Bundle::open_verified(&std::fs::read(&out).unwrap()).is_ok());
}

#[test]
fn query_shows_hits_with_scores() {
    let out = cli()
        .args(["query", "zählerst", "--locale", "de", "--kb"])
        .arg(fixture("mini-kb"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("[de/meter-reading]"), "{stdout}");
}

#[test]
fn query_explain_is_a_plain_flag_that_prints_each_score_as_a_tree() {
    let out = cli()
        .args([
            "query",
            "--explain",
            "zählerstand",
            "--locale",
            "de",
            "--kb",
        ])
        .arg(fixture("mini-kb"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("[de/meter-reading]"), "{stdout}");
    assert!(stdout.contains("score, product of:"), "{stdout}");
    assert!(stdout.contains("\"zaehlerstand\" → "), "{stdout}");
}

fn stderr_of(args: &[&str]) -> (Option<i32>, String) {
    let out = cli().args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn an_unknown_command_fails_with_usage_and_a_typo_gets_a_suggestion() {
    let (code, err) = stderr_of(&["frobnicate"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("unrecognized subcommand 'frobnicate'"),
        "{err}"
    );
    assert!(err.contains("Usage: help-widget <COMMAND>"), "{err}");
    let (_, err) = stderr_of(&["chek"]);
    assert!(
        err.contains("a similar subcommand exists: 'check'"),
        "{err}"
    );
}

#[test]
fn every_command_answers_help_with_its_own_options() {
    for (command, option) in [
        ("check", "--all-warnings"),
        ("query", "--explain"),
        ("stats", "--www"),
        ("build", "--out"),
        ("hotline", "--tz"),
        ("report", "--html"),
        ("site", "--base-url"),
        ("eval", "--queries"),
        ("dist", "--delivery"),
        ("pkg", "--delivery"),
        ("shell", "--out"),
    ] {
        let out = cli().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{command} --help failed");
        assert!(
            help.contains(&format!("Usage: help-widget {command}")) && help.contains(option),
            "{command} --help:\n{help}"
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let out = cli().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("help-widget {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_bad_value_names_the_option_its_command_and_the_choices() {
    let (code, err) = stderr_of(&["dist", "--out", "x", "--delivery", "zip"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("invalid value 'zip' for '--delivery <HOW>'"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: embedded, locales, parts]"),
        "{err}"
    );
    assert!(err.contains("Usage: help-widget dist"), "{err}");
    let (_, err) = stderr_of(&["query", "zähler", "--limit", "ten"]);
    assert!(
        err.contains("'--limit <N>'") && err.contains("Usage: help-widget query"),
        "{err}"
    );
}

#[test]
fn an_option_of_another_command_is_refused_naming_the_command() {
    let (code, err) = stderr_of(&["check", "--out", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unexpected argument '--out'"), "{err}");
    assert!(err.contains("Usage: help-widget check"), "{err}");
}

#[test]
fn the_kb_folder_is_given_once_as_argument_or_option() {
    let kb = fixture("mini-kb");
    let kb = kb.to_str().unwrap();
    let (code, err) = stderr_of(&["check", kb, "--kb", kb]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot be used with"), "{err}");
    let out = cli().args(["check", "--kb", kb]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn build_and_eval_never_replace_a_file_that_is_not_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "meeting notes").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["build", "--out"])
        .arg(&notes)
        .arg("--kb")
        .arg(common::fixture("mini-kb"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("exists and is not a bundle"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "meeting notes");
    // A bundle is replaced, and the file beside it named like the old
    // temporary file stays.
    let bundle = dir.path().join("kb.bundle");
    let beside = dir.path().join("kb.tmp");
    std::fs::write(&beside, "mine").unwrap();
    for _ in 0..2 {
        let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
            .args(["build", "--out"])
            .arg(&bundle)
            .arg("--kb")
            .arg(common::fixture("mini-kb"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "mine");
}
