//! `help-widget report`: the deflection report from a beacon log.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::process::{Command, Output};

/// Monday 2026-11-23 10:00 UTC plus `days`, in milliseconds.
fn at(days: i64) -> i64 {
    let monday = help_widget::hotline::clock::days_from_civil(2026, 11, 23);
    ((monday + days) * 86_400 + 36_000) * 1000
}

/// A small log written as the widget sends it, with one broken line and one
/// event of a kind the report does not know.
fn log() -> String {
    let mut lines = Vec::new();
    let mut push = |days: i64, json: &str| {
        lines.push(format!(
            "{{{json},\"page\":\"/kontakt\",\"at\":{}}}",
            at(days)
        ))
    };
    for _ in 0..3 {
        push(0, r#""event":"search","query":"balkonkraftwerk","count":0"#);
        push(0, r#""event":"no-results","query":"Balkonkraftwerk?""#);
    }
    push(1, r#""event":"search","query":"zählerstand","count":3"#);
    push(
        1,
        r#""event":"answer-shown","id":"de/meter-reading","question":"Wie teile ich Ihnen meinen Zählerstand mit?""#,
    );
    push(
        1,
        r#""event":"feedback","id":"de/meter-reading","helpful":true"#,
    );
    push(
        2,
        r#""event":"feedback","id":"de/bill-too-high","helpful":false"#,
    );
    push(
        2,
        r#""event":"contact-clicked","channel":"phone","query":"balkonkraftwerk""#,
    );
    push(
        3,
        r#""event":"contact-clicked","channel":"email","query":"""#,
    );
    push(3, r#""event":"form-submitted","form":"contact""#);
    push(
        8,
        r#""event":"no-results","query":"<script>alert(1)</script>""#,
    );
    lines.insert(4, "{\"event\":\"search\",\"query\":\"cut off".to_string());
    lines.join("\n") + "\n"
}

fn report(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .arg("report")
        .args(args)
        .arg("--kb")
        .arg(common::sample_kb())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_report_shows_gaps_with_an_alias_suggestion_votes_and_contacts_per_week() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.jsonl");
    std::fs::write(&events, log()).unwrap();
    let out = stdout(&report(&[events.to_str().unwrap()]));

    assert!(out.contains("2026-W48 to 2026-W49"), "{out}");
    assert!(out.contains("events.jsonl:5: not a JSON object"), "{out}");
    assert!(
        out.contains("1 event(s) of other kinds ignored: form-submitted 1"),
        "{out}"
    );
    let w48 = &out[out.find("== 2026-W48").unwrap()..out.find("== 2026-W49").unwrap()];
    assert!(
        w48.contains("4 searches, 3 with no results (75.0 %)"),
        "{w48}"
    );
    assert!(
        w48.contains("2 contact clicks (1 after a search, 1 without)"),
        "{w48}"
    );
    // Three spellings of one query are one gap, pointed at the solar entry.
    assert!(w48.contains("3  \"balkonkraftwerk\""), "{w48}");
    assert!(w48.contains("→ add as alias to de/solar-feed-in"), "{w48}");
    // The unhelpful entry comes before the helpful one.
    let (bad, good) = (
        w48.find("de/bill-too-high").unwrap(),
        w48.rfind("de/meter-reading").unwrap(),
    );
    assert!(bad < good, "{w48}");
    // answers 1 / (answers 1 + contacts 2)
    assert!(w48.contains("self-service rate 33.3 %"), "{w48}");
}

#[test]
fn the_html_page_is_self_contained_with_charts_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.jsonl");
    std::fs::write(&events, log()).unwrap();
    let html = dir.path().join("report.html");
    stdout(&report(&[
        events.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
    assert!(
        !page.contains("<script"),
        "no script, and the logged one is escaped"
    );
    assert!(
        page.contains("script&gt;alert(1)&lt;/script"),
        "the logged markup is shown as text"
    );
    for external in ["src=", "href=\"http", "url(", "@import"] {
        assert!(!page.contains(external), "{external} in the page");
    }
}

#[test]
fn gzipped_logs_and_since_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&events).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(log().as_bytes()).unwrap();
    gz.finish().unwrap();
    let out = stdout(&report(&[
        events.to_str().unwrap(),
        "--since",
        "2026-11-30",
    ]));
    assert!(out.contains("12 events before --since left out"), "{out}");
    assert!(!out.contains("== 2026-W48"), "{out}");
    assert!(out.contains("== 2026-W49"), "{out}");
}

#[test]
fn a_missing_log_is_an_error_naming_it() {
    let out = report(&["/nonexistent/events.jsonl"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/events.jsonl"));
}

#[test]
fn without_a_knowledge_base_the_report_comes_from_the_log_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("events.jsonl"), log()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["report", "events.jsonl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no knowledge base in ./kb"));
    assert!(
        text.contains("3  \"balkonkraftwerk\"\n"),
        "no suggestion column: {text}"
    );
    assert!(!text.contains("not in this knowledge base"), "{text}");
    assert!(text.contains("self-service rate 33.3 %"), "{text}");
}
