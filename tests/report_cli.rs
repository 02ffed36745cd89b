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
    assert!(!out.contains("of other kinds ignored"), "{out}");
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
    assert_eq!(
        page.matches("<svg").count(),
        4,
        "four charts, the contact form's included"
    );
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
    assert!(out.contains("13 events before --since left out"), "{out}");
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

/// A log file in a new folder: (folder, path).
fn written(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn control_sequences_from_beacons_reach_the_terminal_written_out() {
    let line = |json: &str| format!("{{{json},\"at\":{}}}\n", at(0));
    let evil = r#"\u001b]0;owned\u0007\u001b[31mred\u0000\r"#;
    let log = [
        line(&format!(r#""event":"no-results","query":"{evil}""#)),
        line(&format!(r#""event":"answer-shown","id":"{evil}""#)),
        line(&format!(
            r#""event":"contact-clicked","channel":"{evil}","query":"""#
        )),
        line(&format!(r#""event":"x{evil}""#)),
        line(&format!(r#""event":"search","query":"a","count":"{evil}""#)),
    ]
    .concat();
    let (_dir, events) = written("events.jsonl", &log);
    let out = stdout(&report(&[events.to_str().unwrap()]));
    let raw: Vec<char> = out
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw control characters {raw:?} in:\n{out}");
    assert!(out.contains(r"\u{1b}]0;owned\u{7}"), "{out}");
}

#[test]
fn html_dash_writes_the_page_alone_to_standard_output() {
    let (dir, events) = written("events.jsonl", &log());
    let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["report", "events.jsonl", "--html", "-", "--kb"])
        .arg(common::sample_kb())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let page = stdout(&o);
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.trim_end().ends_with("</html>"), "only the page");
    assert!(!dir.path().join("-").exists(), "no file named -");
    let _ = events;

    let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["report", "events.jsonl", "--html"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a value is required for '--html <FILE|->'")
            && err.contains("Usage: help-widget report"),
        "{err}"
    );
}

#[test]
fn html_never_replaces_an_event_log_or_a_file_that_is_not_a_report() {
    let (dir, events) = written("events.jsonl", &log());
    let other = dir.path().join("index.html");
    std::fs::write(&other, "<h1>our home page</h1>").unwrap();
    // "--html events.jsonl": the log would be the page.
    let o = report(&["--html", events.to_str().unwrap(), events.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&events).unwrap(), log());
    let o = report(&[events.to_str().unwrap(), "--html", other.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("exists and is not a report page"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "<h1>our home page</h1>"
    );
    // An earlier report is replaced.
    let page = dir.path().join("report.html");
    for _ in 0..2 {
        stdout(&report(&[
            events.to_str().unwrap(),
            "--html",
            page.to_str().unwrap(),
        ]));
    }
}

#[test]
fn a_truncated_gzip_log_counts_as_malformed_where_it_breaks_and_the_report_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let clean: String = log()
        .lines()
        .filter(|l| l.ends_with('}'))
        .map(|l| format!("{l}\n"))
        .collect();
    gz.write_all(clean.repeat(50).as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let cut = dir.path().join("old.jsonl.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let fine = dir.path().join("new.jsonl");
    std::fs::write(&fine, log()).unwrap();
    let out = stdout(&report(&[cut.to_str().unwrap(), fine.to_str().unwrap()]));
    assert!(out.contains("cannot be read on from here"), "{out}");
    assert!(out.contains("old.jsonl.gz:"), "{out}");
    assert!(out.contains("== 2026-W49"), "the next file is read: {out}");
}

#[test]
fn the_contact_forms_deflection_is_in_the_text_and_the_html_report() {
    let line = |json: &str| format!("{{{json},\"page\":\"/kontakt\",\"at\":{}}}\n", at(0));
    let mut log = String::new();
    for _ in 0..4 {
        log +=
            &line(r#""event":"form-suggestions","query":"zählerstand","ids":["de/meter-reading"]"#);
    }
    log += &line(r#""event":"form-answer-opened","id":"de/meter-reading""#);
    log += &line(r#""event":"form-answer-opened","id":"de/meter-reading""#);
    log += &line(r#""event":"form-resolved","ids":["de/meter-reading"]"#);
    log += &line(r#""event":"form-submitted","ids":["de/meter-reading"]"#);
    log += &line(r#""event":"form-submitted","ids":[]"#);
    log += &line(r#""event":"form-submitted","ids":[]"#);
    let (dir, events) = written("events.jsonl", &log);
    let page = dir.path().join("report.html");
    let out = stdout(&report(&[
        events.to_str().unwrap(),
        "--html",
        page.to_str().unwrap(),
    ]));
    let expected = "answers suggested 4 times, 2 opened, 1 resolved (\"that solved it\"), 3 forms sent; form deflection rate 25.0 %";
    assert!(out.contains(&format!("Contact form: {expected}")), "{out}");
    assert!(!out.contains("ignored"), "{out}");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("form deflection rate 25.0 %"), "{html}");
    assert!(
        html.contains("Contact form deflection rate per week"),
        "{html}"
    );
}
