//! A broken hotline.toml fails the build with `kb/hotline.toml:LINE: what
//! is wrong and how to fix it`, every problem listed, nothing written.
#![cfg(feature = "compiler")]

mod common;

use common::{copy_of, fixture};
use help_widget::compiler::{compile_dir, Diagnostic};

fn errors(hotline: &str) -> Vec<Diagnostic> {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(kb.path().join("hotline.toml"), hotline).unwrap();
    compile_dir(kb.path(), Some(0)).expect_err("the broken hotline compiled")
}

/// Asserts one diagnostic for hotline.toml at `line` mentions every one of `words`.
fn assert_reported(diags: &[Diagnostic], line: usize, words: &[&str]) {
    assert!(
        diags.iter().any(|d| d.file.ends_with("hotline.toml")
            && d.line == line
            && words.iter().all(|w| d.message.contains(w))),
        "expected hotline.toml:{line}: …{words:?}…, got:\n{}",
        diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

const CHANNEL: &str = r#"
[[channels]]
id = "phone"
kind = "phone"
label = { de = "Telefon" }
href = "tel:+49305550"
hours = "Mo-Fr 08:00-18:00; PH off"
"#;

#[test]
fn an_unknown_zone_is_reported_at_its_line_with_a_suggestion() {
    let d = errors(&format!(
        "region = \"DE-BE\"\nzone = \"europe/berlin\"\n{CHANNEL}"
    ));
    assert_reported(
        &d,
        2,
        &["not an IANA time zone", "did you mean \"Europe/Berlin\""],
    );
    let d = errors(&format!(
        "zone = \"Europe/Lindenau\"\nregion = \"DE-BE\"\n{CHANNEL}"
    ));
    assert_reported(&d, 1, &["\"Europe/Lindenau\" is not an IANA time zone"]);
}

#[test]
fn an_unknown_region_lists_the_supported_codes() {
    let d = errors(&format!(
        "zone = \"Europe/Berlin\"\nregion = \"DE-XX\"\n{CHANNEL}"
    ));
    assert_reported(
        &d,
        2,
        &[
            "\"DE-XX\" is not a supported holiday region",
            "DE-BE",
            "DE-BY",
        ],
    );
    assert_eq!(d.len(), 1, "no second error at PH: {d:?}");
}

#[test]
fn public_holidays_without_a_region_ask_for_one() {
    let d = errors(&format!("zone = \"Europe/Berlin\"\n{CHANNEL}"));
    assert_reported(&d, 8, &["PH", "region = \"DE-BE\""]);
}

#[test]
fn an_unparsable_expression_says_where_and_what_was_expected() {
    let hotline = format!("zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n{CHANNEL}")
        .replace("Mo-Fr 08:00-18:00; PH off", "Mo-Fr 8 bis 18 Uhr");
    let d = errors(&hotline);
    assert_reported(
        &d,
        9,
        &[
            "hours:",
            "not a valid opening_hours expression",
            "at column",
        ],
    );
}

#[test]
fn days_separated_by_comma_and_space_are_refused_with_the_strict_meaning_and_the_fix() {
    let hotline = format!("zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n{CHANNEL}")
        .replace("Mo-Fr 08:00-18:00; PH off", "Mo, Tu 08:00-18:00");
    let d = errors(&hotline);
    assert_reported(
        &d,
        9,
        &[
            "\"Mo\" alone means open all day",
            "write them without a space: \"Mo,Tu 08:00-18:00\"",
        ],
    );
}

#[test]
fn an_empty_channel_list_is_an_error() {
    let d = errors("zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n");
    assert_reported(&d, 1, &["no channels", "[[channels]]"]);
}

#[test]
fn every_problem_of_a_channel_is_listed_not_just_the_first() {
    let d = errors(
        r#"zone = "Europe/Berlin"
region = "DE-BE"
[[channels]]
id = "Phone Line"
kind = "fax"
label = { en = "Phone", xx = "?" }
href = "javascript:alert(1)"
hours = "Mo-Fr sunrise-18:00"

[[closures]]
from = 2026-12-30
until = 2026-12-28
reason = "Inventur"
channels = ["chat"]
"#,
    );
    assert_reported(&d, 4, &["channel id \"Phone Line\""]);
    assert_reported(
        &d,
        5,
        &["kind \"fax\"", "phone, chat, callback, email, form"],
    );
    assert_reported(&d, 6, &["unknown locale \"xx\""]);
    assert_reported(&d, 6, &["missing the default locale \"de\""]);
    assert_reported(&d, 7, &["href \"javascript:alert(1)\""]);
    assert_reported(&d, 8, &["sunrise"]);
    assert_reported(&d, 12, &["until is before from"]);
    assert_reported(&d, 14, &["unknown channel \"chat\""]);
}

#[test]
fn school_holidays_a_bad_horizon_and_a_short_load_profile_are_refused() {
    let d = errors(
        r#"zone = "Europe/Berlin"
region = "DE-BE"
horizon_years = 0
first_year = 1980
[[channels]]
id = "phone"
kind = "phone"
label = "Telefon"
href = "tel:1"
hours = "Mo-Fr 08:00-18:00; SH off"
[channels.load]
Mo = [1, 2]
Tu = []
We = []
Th = []
Fr = []
Sa = []
Su = []
"#,
    );
    assert_reported(&d, 3, &["horizon_years must be between 1 and 30"]);
    assert_reported(&d, 4, &["first_year must be between 1995"]);
    assert_reported(&d, 10, &["SH (school holidays)"]);
    assert_reported(
        &d,
        11,
        &["load.Mo must list 24 non-negative numbers", "it has 2"],
    );
}

#[test]
fn malformed_toml_is_reported_at_its_line() {
    let d = errors("zone = \"Europe/Berlin\"\n[[channels]]\nid = \"phone\nkind = \"phone\"\n");
    assert_reported(&d, 3, &["hotline.toml:"]);
}

#[test]
fn a_protocol_relative_or_backslash_href_is_refused_with_the_fix() {
    for (href, fix) in [
        ("//evil.example/x", "write it in full"),
        ("/\\\\evil.example", "backslash"),
    ] {
        let d = errors(&format!(
            "zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n{}",
            CHANNEL.replace("tel:+49305550", href)
        ));
        assert_reported(&d, 8, &[fix]);
    }
}

#[test]
fn a_mailto_href_without_a_plain_address_is_refused() {
    for href in ["mailto:", "mailto:a@b.example,<x>@evil.example"] {
        let d = errors(&format!(
            "zone = \"Europe/Berlin\"\nregion = \"DE-BE\"\n{}",
            CHANNEL.replace("tel:+49305550", href)
        ));
        assert_reported(&d, 8, &["a plain address"]);
    }
}
