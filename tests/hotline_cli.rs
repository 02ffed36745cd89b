//! `help-widget hotline`: the channels as visitors will see them at an
//! instant, from the same runtime the widget uses.
#![cfg(feature = "cli")]

mod common;

use common::{copy_of, fixture};
use std::process::{Command, Output};

fn hotline(args: &[&str], kb: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .arg("hotline")
        .arg(kb)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// mini-kb with a night line open Saturday 22:00 to Sunday 03:00.
fn night_line_kb() -> tempfile::TempDir {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(
        kb.path().join("hotline.toml"),
        r#"zone = "Europe/Berlin"
first_year = 2026

[[channels]]
id = "night"
kind = "phone"
label = { de = "Nachtdienst", en = "Night line" }
href = "tel:+4930000"
hours = 'Sa 22:00-03:00 "Nachtdienst"'
"#,
    )
    .unwrap();
    kb
}

#[test]
fn the_dst_night_shows_the_shift_across_midnight_on_both_clocks() {
    let kb = night_line_kb();
    // Saturday 24 October 2026: clocks go back from 03:00 to 02:00 that night.
    let out = stdout(&hotline(
        &[
            "--at",
            "2026-10-24T23:00",
            "--locale",
            "en",
            "--tz",
            "America/New_York",
        ],
        kb.path(),
    ));
    assert!(
        out.contains("Night line (phone, id \"night\") tel:+4930000"),
        "{out}"
    );
    assert!(out.contains("now:          open: Nachtdienst"), "{out}");
    // 03:00 CET comes six hours after 22:00 CEST: the repeated hour counts twice.
    assert!(out.contains("next change:  Sun 2026-10-25 03:00 CET = Sat 2026-10-24 22:00 EDT (America/New_York) → closed"), "{out}");
    assert!(out.contains("Sat 2026-10-24  22:00–Sun 03:00"), "{out}");
    assert!(out.contains("| 16:00–22:00"), "{out}");
}

#[test]
fn an_offset_in_at_is_honoured_and_bad_input_is_explained() {
    let kb = night_line_kb();
    let utc = stdout(&hotline(&["--at", "2026-10-24T21:30:00Z"], kb.path()));
    assert!(utc.contains("at Sat 2026-10-24 23:30 CEST"), "{utc}");

    let bad_zone = hotline(&["--tz", "Mars/Olympus"], kb.path());
    assert!(!bad_zone.status.success());
    assert!(String::from_utf8_lossy(&bad_zone.stderr).contains("is not an IANA time zone"));

    let bad_time = hotline(&["--at", "next christmas"], kb.path());
    assert!(String::from_utf8_lossy(&bad_time.stderr).contains("write a date-time such as"));
}

#[test]
fn a_knowledge_base_without_hotline_toml_says_so() {
    let out = hotline(&[], &fixture("mini-kb"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no hotline.toml"));
}
