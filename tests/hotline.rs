//! Hotline availability end to end: hotline.toml → compiler → bundle →
//! `hotline::status`, on small schedules written for each behaviour.
#![cfg(feature = "compiler")]

mod common;

use common::{copy_of, fixture, sample_kb};
use help_widget::compiler::compile_dir;
use help_widget::compiler::source::parse_rfc3339_ms;
use help_widget::engine::Bundle;
use help_widget::hotline::{status, ChannelStatus, HotlineStatus, State, Weekday};

/// 2026-01-01T00:00:00Z: the build time, so horizons start in 2026.
const BUILT_2026: u64 = 1_767_225_600;
const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

/// The mini fixture with `hotline` as its hotline.toml, compiled.
fn compile(hotline: &str) -> Vec<u8> {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(kb.path().join("hotline.toml"), hotline).unwrap();
    compile_dir(kb.path(), Some(BUILT_2026))
        .unwrap_or_else(|d| panic!("{d:?}"))
        .bytes
}

fn at(rfc3339: &str) -> i64 {
    parse_rfc3339_ms(rfc3339).unwrap_or_else(|| panic!("bad instant {rfc3339}"))
}

fn status_of<'a>(bytes: &'a [u8], now: i64, locale: &str) -> HotlineStatus<'a> {
    status(&Bundle::open(bytes).unwrap(), now, locale)
}

/// The only (or first) channel's status at `when`, in German.
fn channel<'a>(bytes: &'a [u8], when: &str) -> ChannelStatus<'a> {
    status_of(bytes, at(when), "de").channels.remove(0)
}

fn berlin(hours: &str) -> String {
    format!(
        r#"zone = "Europe/Berlin"
region = "DE-BE"
[[channels]]
id = "phone"
kind = "phone"
label = {{ de = "Telefon", en = "Phone" }}
href = "tel:+49305550"
hours = '{hours}'
"#
    )
}

#[test]
fn a_kb_without_hotline_toml_has_no_channels_and_no_zone() {
    let bytes = compile_dir(&fixture("mini-kb"), Some(0)).unwrap().bytes;
    let s = status_of(&bytes, at("2026-11-23T10:00:00Z"), "de");
    assert_eq!(s.zone, None);
    assert!(s.channels.is_empty());
}

#[test]
fn the_sample_kb_has_phone_chat_and_callback_with_quiet_phone_hours() {
    let bytes = compile_dir(&sample_kb(), Some(BUILT_2026)).unwrap().bytes;
    let s = status_of(&bytes, at("2026-11-23T10:00:00+01:00"), "en");
    assert_eq!(s.zone, Some("Europe/Berlin"));
    let kinds: Vec<_> = s.channels.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, ["phone", "chat", "callback"]);
    assert_eq!(s.channels[0].label, "Phone hotline");
    assert!(s.channels.iter().all(|c| c.state == State::Open));
    let quiet: Vec<_> = s.channels[0].quiet_hours().collect();
    assert!(!quiet.is_empty());
    // Quiet hours are open hours: Monday to Saturday, 08:00–20:00.
    assert!(quiet
        .iter()
        .all(|q| q.weekday != Weekday::SUNDAY && (8..20).contains(&q.hour)));
    assert!(quiet.iter().any(|q| q.weekday == Weekday::MONDAY));
}

#[test]
fn a_weekday_is_open_until_the_evening_and_reopens_the_next_morning() {
    let b = compile(&berlin("Mo-Fr 08:00-20:00; Sa 09:00-14:00; PH off"));
    let c = channel(&b, "2026-11-23T10:00:00+01:00"); // Monday
    assert_eq!(c.state, State::Open);
    assert_eq!(c.reason, None);
    assert_eq!(c.next_change_ms, Some(at("2026-11-23T20:00:00+01:00")));
    assert_eq!(c.next_open_ms, None);
    assert_eq!(
        c.today(),
        [[
            at("2026-11-23T08:00:00+01:00"),
            at("2026-11-23T20:00:00+01:00")
        ]]
    );
    let c = channel(&b, "2026-11-23T21:00:00+01:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.next_open_ms, Some(at("2026-11-24T08:00:00+01:00")));
    assert_eq!(c.next_change_ms, c.next_open_ms);
}

#[test]
fn the_week_lists_seven_local_days_with_saturday_short_and_sunday_closed() {
    let b = compile(&berlin("Mo-Fr 08:00-20:00; Sa 09:00-14:00; PH off"));
    let c = channel(&b, "2026-11-23T10:00:00+01:00");
    let dates: Vec<_> = c.week.iter().map(|d| d.date.as_str().to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
            "2026-11-26",
            "2026-11-27",
            "2026-11-28",
            "2026-11-29"
        ]
    );
    assert_eq!(
        c.week[5].intervals,
        [[
            at("2026-11-28T09:00:00+01:00"),
            at("2026-11-28T14:00:00+01:00")
        ]]
    );
    assert!(c.week[6].intervals.is_empty());
    assert_eq!(c.week[6].closed_reason(), None);
}

#[test]
fn a_closed_sunday_points_to_monday_morning() {
    let b = compile(&berlin("Mo-Fr 08:00-20:00; Sa 09:00-14:00; PH off"));
    let c = channel(&b, "2026-11-29T12:00:00+01:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.next_open_ms, Some(at("2026-11-30T08:00:00+01:00")));
    assert!(c.today().is_empty());
}

#[test]
fn a_lunch_break_closes_between_two_shifts() {
    let b = compile(&berlin("Mo-Fr 08:00-12:00,13:00-17:00"));
    let c = channel(&b, "2026-11-24T12:30:00+01:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.next_open_ms, Some(at("2026-11-24T13:00:00+01:00")));
    assert_eq!(
        c.today(),
        [
            [
                at("2026-11-24T08:00:00+01:00"),
                at("2026-11-24T12:00:00+01:00")
            ],
            [
                at("2026-11-24T13:00:00+01:00"),
                at("2026-11-24T17:00:00+01:00")
            ]
        ]
    );
    let c = channel(&b, "2026-11-24T11:59:00+01:00");
    assert_eq!(c.state, State::Open);
    assert_eq!(c.next_change_ms, Some(at("2026-11-24T12:00:00+01:00")));
}

#[test]
fn a_late_shift_runs_past_midnight_without_a_change_at_midnight() {
    let b = compile(&berlin("Fr 22:00-02:00"));
    let c = channel(&b, "2026-11-27T23:00:00+01:00"); // Friday
    assert_eq!(c.state, State::Open);
    assert_eq!(c.next_change_ms, Some(at("2026-11-28T02:00:00+01:00")));
    assert_eq!(
        c.today(),
        [[
            at("2026-11-27T22:00:00+01:00"),
            at("2026-11-28T02:00:00+01:00")
        ]]
    );
    let c = channel(&b, "2026-11-28T01:30:00+01:00"); // Saturday night
    assert_eq!(c.state, State::Open);
    assert_eq!(c.next_change_ms, Some(at("2026-11-28T02:00:00+01:00")));
    assert_eq!(
        c.today(),
        [[
            at("2026-11-28T00:00:00+01:00"),
            at("2026-11-28T02:00:00+01:00")
        ]]
    );
    let c = channel(&b, "2026-11-28T03:00:00+01:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.next_open_ms, Some(at("2026-12-04T22:00:00+01:00")));
}

#[test]
fn christmas_eve_is_a_short_day_with_its_comment() {
    let b = compile(&berlin(
        r#"Mo-Fr 08:00-20:00; PH off; Dec 24 08:00-12:00 "Heiligabend"; Dec 31 off"#,
    ));
    let c = channel(&b, "2026-12-24T10:00:00+01:00"); // Thursday
    assert_eq!(c.state, State::Open);
    assert_eq!(c.reason, Some("Heiligabend"));
    assert_eq!(c.next_change_ms, Some(at("2026-12-24T12:00:00+01:00")));
    let c = channel(&b, "2026-12-24T13:00:00+01:00");
    assert_eq!(c.state, State::Closed);
    // 25 and 26 December are holidays, 27 is a Sunday.
    assert_eq!(c.next_open_ms, Some(at("2026-12-28T08:00:00+01:00")));
    let c = channel(&b, "2026-12-31T10:00:00+01:00");
    assert_eq!(c.state, State::Closed);
}

#[test]
fn a_public_holiday_is_closed_with_its_name_in_the_visitors_language() {
    let b = compile(&berlin("Mo-Fr 08:00-20:00; PH off"));
    let de = status_of(&b, at("2026-12-25T10:00:00+01:00"), "de")
        .channels
        .remove(0);
    assert_eq!(de.state, State::Closed);
    assert_eq!(de.reason, Some("Erster Weihnachtsfeiertag"));
    let en = status_of(&b, at("2026-12-25T10:00:00+01:00"), "en-GB")
        .channels
        .remove(0);
    assert_eq!(en.reason, Some("Christmas Day"));
    assert_eq!(en.label, "Phone");
    let fr = status_of(&b, at("2026-12-25T10:00:00+01:00"), "fr")
        .channels
        .remove(0);
    assert_eq!(
        fr.label, "Telefon",
        "unknown locales fall back to the default"
    );
    assert_eq!(
        de.week[0].closed_reason(),
        Some("Erster Weihnachtsfeiertag")
    );
}

#[test]
fn reformation_day_closes_brandenburg_but_not_bavaria() {
    let hours = "Mo-Sa 08:00-18:00; PH off";
    let bb = compile(&berlin(hours).replace("DE-BE", "DE-BB"));
    let by = compile(&berlin(hours).replace("DE-BE", "DE-BY"));
    let when = "2026-10-31T10:00:00+01:00"; // a Saturday
    let c = channel(&bb, when);
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.reason, Some("Reformationstag"));
    assert_eq!(channel(&by, when).state, State::Open);
    // All Saints' Day (1 November) is a holiday in Bavaria, a Sunday anyway;
    // Berlin's one-off 8 May 2025 is outside this horizon, so 8 May 2026 is open.
    assert_eq!(
        channel(&compile(&berlin(hours)), "2026-05-08T10:00:00+02:00").state,
        State::Open
    );
}

#[test]
fn brandenburg_is_closed_on_easter_sunday_and_whit_sunday() {
    let bb = compile(&berlin("Mo-Su 08:00-20:00; PH off").replace("DE-BE", "DE-BB"));
    let c = channel(&bb, "2026-04-05T12:00:00+02:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.reason, Some("Ostersonntag"));
    // Easter Monday is a holiday too: next opening Tuesday 08:00.
    assert_eq!(c.next_open_ms, Some(at("2026-04-07T08:00:00+02:00")));
    let c = channel(&bb, "2026-05-24T12:00:00+02:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.reason, Some("Pfingstsonntag"));
    // Berlin's law does not name them: open on Sundays means open.
    let be = compile(&berlin("Mo-Su 08:00-20:00; PH off"));
    assert_eq!(channel(&be, "2026-04-05T12:00:00+02:00").state, State::Open);
}

#[test]
fn berlins_one_off_holiday_on_8_may_2025_is_closed() {
    let b = compile(&format!(
        "first_year = 2025\n{}",
        berlin("Mo-Fr 08:00-18:00; PH off")
    ));
    let c = channel(&b, "2025-05-08T10:00:00+02:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.reason, Some("Tag der Befreiung"));
}

#[test]
fn a_one_off_closure_closes_whole_days_with_its_reason() {
    let b = compile(&format!(
        r#"{}
[[closures]]
from = 2026-11-25
until = 2026-11-26
reason = {{ de = "Betriebsversammlung", en = "Staff meeting" }}
"#,
        berlin("Mo-Fr 08:00-20:00")
    ));
    let c = channel(&b, "2026-11-25T10:00:00+01:00");
    assert_eq!(c.state, State::Closed);
    assert_eq!(c.reason, Some("Betriebsversammlung"));
    assert_eq!(c.next_open_ms, Some(at("2026-11-27T08:00:00+01:00")));
    let before = channel(&b, "2026-11-24T10:00:00+01:00");
    assert_eq!(before.next_change_ms, Some(at("2026-11-24T20:00:00+01:00")));
    assert_eq!(before.week[1].closed_reason(), Some("Betriebsversammlung"));
}

#[test]
fn a_closure_for_one_channel_leaves_the_others_open() {
    let b = compile(&format!(
        r#"{}
[[channels]]
id = "chat"
kind = "chat"
label = "Chat"
href = "/chat"
hours = "Mo-Fr 08:00-20:00"
[[closures]]
from = 2026-11-25
until = 2026-11-25
reason = "Wartung"
channels = ["chat"]
"#,
        berlin("Mo-Fr 08:00-20:00")
    ));
    let s = status_of(&b, at("2026-11-25T10:00:00+01:00"), "de");
    assert_eq!(s.channels[0].state, State::Open);
    assert_eq!(s.channels[1].state, State::Closed);
    assert_eq!(s.channels[1].reason, Some("Wartung"));
}

#[test]
fn beyond_the_horizon_the_state_is_unknown_never_a_guess() {
    let b = compile(&format!(
        "first_year = 2026\nhorizon_years = 1\n{}",
        berlin("Mo-Su 00:00-24:00")
    ));
    let c = channel(&b, "2026-12-31T23:00:00+01:00");
    assert_eq!(c.state, State::Open);
    assert_eq!(c.next_change_ms, Some(at("2027-01-01T00:00:00+01:00")));
    let c = channel(&b, "2027-01-01T00:00:00+01:00");
    assert_eq!(c.state, State::Unknown);
    assert_eq!(c.reason, None);
    assert_eq!(c.next_change_ms, None);
    assert_eq!(c.next_open_ms, None);
    assert!(c.today().is_empty() && c.week.is_empty());
    // The week stops at the horizon.
    assert_eq!(channel(&b, "2026-12-29T12:00:00+01:00").week.len(), 3);
    // Before the horizon, too.
    assert_eq!(
        channel(&b, "2025-12-31T12:00:00+01:00").state,
        State::Unknown
    );
}

#[test]
fn an_unknown_rule_is_reported_as_unknown_with_its_comment() {
    let b = compile(&berlin(
        r#"Mo-Fr 08:00-18:00; Sa 10:00-12:00 unknown "nach Bedarf""#,
    ));
    let c = channel(&b, "2026-11-28T11:00:00+01:00");
    assert_eq!(c.state, State::Unknown);
    assert_eq!(c.reason, Some("nach Bedarf"));
}

/// Last Sunday of `month` in `year`, as a day of the month.
fn last_sunday(year: i64, month: u32) -> u32 {
    let last = if month == 3 || month == 10 { 31 } else { 30 };
    let days = help_widget::hotline::clock::days_from_civil(year, month, last);
    last - (help_widget::hotline::clock::weekday(days) as u32 + 1) % 7
}

/// First Sunday of `month` in `year`.
fn first_sunday(year: i64, month: u32) -> u32 {
    let days = help_widget::hotline::clock::days_from_civil(year, month, 1);
    1 + ((6 - help_widget::hotline::clock::weekday(days) as u32) % 7)
}

fn utc(y: i64, m: u32, d: u32, h: i64) -> i64 {
    help_widget::hotline::clock::days_from_civil(y, m, d) * 24 * H + h * H
}

#[test]
fn every_berlin_dst_night_follows_the_wall_clock() {
    let b = compile(&format!(
        r#"first_year = 2026
{}
[[channels]]
id = "night"
kind = "phone"
label = "Nacht"
href = "tel:1"
hours = "Mo-Su 00:00-02:30"
"#,
        berlin("Mo-Su 02:30-06:00")
    ));
    for year in 2026..2036 {
        // Spring: 02:00 CET → 03:00 CEST at 01:00 UTC on the last Sunday of March.
        let t = utc(year, 3, last_sunday(year, 3), 1);
        let s = |x: i64| status_of(&b, x, "de");
        let before = s(t - MIN);
        assert_eq!(before.channels[0].state, State::Closed, "{year} spring");
        assert_eq!(
            before.channels[0].next_change_ms,
            Some(t),
            "{year}: 02:30 starts at the jump"
        );
        assert_eq!(s(t).channels[0].state, State::Open);
        assert_eq!(
            s(t).channels[0].today(),
            [[t, t + 3 * H]],
            "{year}: 03:00–06:00 CEST"
        );
        // The night shift ends at 02:30 — a time that does not exist — so at the jump.
        assert_eq!(before.channels[1].state, State::Open);
        assert_eq!(before.channels[1].next_change_ms, Some(t));

        // Autumn: 03:00 CEST → 02:00 CET at 01:00 UTC on the last Sunday of October.
        let t = utc(year, 10, last_sunday(year, 10), 1);
        let night = |x: i64| s(x).channels.remove(1);
        assert_eq!(night(t - 45 * MIN).state, State::Open, "{year}: 02:15 CEST");
        assert_eq!(
            night(t - 15 * MIN).state,
            State::Closed,
            "{year}: 02:45 CEST"
        );
        assert_eq!(
            night(t - 15 * MIN).next_change_ms,
            Some(t),
            "{year}: 02:00 again"
        );
        assert_eq!(night(t + 15 * MIN).state, State::Open, "{year}: 02:15 CET");
        assert_eq!(night(t + 15 * MIN).next_change_ms, Some(t + 30 * MIN));
        assert_eq!(
            night(t - 45 * MIN).today(),
            [[t - 3 * H, t - 30 * MIN], [t, t + 30 * MIN]],
            "{year}: the repeated half hour counts twice"
        );
        // The shift 02:30–06:00 opens at the first 02:30, pauses while the
        // clock shows 02:00–02:30 again, and runs on from the second 02:30.
        let day = s(t).channels.remove(0);
        assert_eq!(
            day.today(),
            [[t - 30 * MIN, t], [t + 30 * MIN, t + 4 * H]],
            "{year} autumn"
        );
    }
}

#[test]
fn every_sydney_dst_night_follows_the_wall_clock() {
    let b = compile(
        r#"zone = "Australia/Sydney"
first_year = 2026
[[channels]]
id = "phone"
kind = "phone"
label = "Phone"
href = "tel:1"
hours = "Mo-Su 02:30-06:00"
[[channels]]
id = "night"
kind = "phone"
label = "Night"
href = "tel:1"
hours = "Mo-Su 00:00-02:30"
"#,
    );
    let s = |x: i64| status_of(&b, x, "de");
    for year in 2026..2036 {
        // Spring (first Sunday of October): 02:00 AEST → 03:00 AEDT, 16:00 UTC the day before.
        let t = utc(year, 10, first_sunday(year, 10), -8);
        assert_eq!(s(t - MIN).channels[0].state, State::Closed, "{year}");
        assert_eq!(s(t - MIN).channels[0].next_change_ms, Some(t));
        assert_eq!(s(t).channels[0].today(), [[t, t + 3 * H]]);
        assert_eq!(s(t - MIN).channels[1].next_change_ms, Some(t));
        // Autumn (first Sunday of April): 03:00 AEDT → 02:00 AEST, 16:00 UTC the day before.
        let t = utc(year, 4, first_sunday(year, 4), -8);
        let night = |x: i64| s(x).channels.remove(1);
        assert_eq!(night(t - 45 * MIN).state, State::Open, "{year}");
        assert_eq!(night(t - 15 * MIN).state, State::Closed);
        assert_eq!(night(t + 15 * MIN).state, State::Open);
        assert_eq!(
            s(t).channels[0].today(),
            [[t - 30 * MIN, t], [t + 30 * MIN, t + 4 * H]]
        );
    }
}

#[test]
fn instants_far_outside_any_horizon_do_not_panic() {
    let b = compile(&berlin("24/7"));
    for now in [i64::MIN / 4, -1, 0, i64::MAX / 4] {
        let c = channel_at(&b, now);
        assert_eq!(c.state, State::Unknown);
    }
}

fn channel_at<'a>(bytes: &'a [u8], now: i64) -> ChannelStatus<'a> {
    status_of(bytes, now, "de").channels.remove(0)
}

#[test]
fn the_widgets_contact_block_is_worded_from_the_hotline_status_itself() {
    use help_widget::widget::{contact::channels, hotline_words::FixedClock, i18n::UiLang};
    let bytes = compile_dir(&sample_kb(), Some(BUILT_2026)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    // Wednesday 2027-01-13 10:00 in Berlin: an ordinary working morning.
    let now = at("2027-01-13T10:00:00+01:00");
    let live = status(&b, now, "de");
    let clock = FixedClock {
        visitor: ("Europe/Berlin", 60),
        zones: vec![],
    };
    let block = channels(&b.meta, "", UiLang::De, Some(&live), now, &clock);
    let phone = block.iter().find(|c| c.id == "phone").unwrap();
    assert_eq!(phone.kind, "phone");
    assert_eq!(phone.open, Some(true));
    assert_eq!(
        phone.status.as_deref(),
        Some("Jetzt geöffnet bis 20:00 Uhr")
    );
    assert_eq!(
        phone.quiet.as_deref(),
        Some("Kurze Wartezeiten: Mi 16–20 Uhr, Do 16–20 Uhr, Fr 14–20 Uhr")
    );
    let chat = block.iter().find(|c| c.id == "chat").unwrap();
    assert_eq!(chat.status.as_deref(), Some("Jetzt geöffnet bis 22:00 Uhr"));
}

/// The sample kb's phone in the widget's contact block at `when`, in German,
/// for a visitor in Berlin: (status line, quiet-hours line).
fn sample_phone_words(when: &str) -> (Option<String>, Option<String>) {
    use help_widget::widget::{contact::channels, hotline_words::FixedClock, i18n::UiLang};
    let bytes = compile_dir(&sample_kb(), Some(BUILT_2026)).unwrap().bytes;
    let b = Bundle::open(&bytes).unwrap();
    let now = at(when);
    let live = status(&b, now, "de");
    // Berlin keeps UTC+1 all winter.
    let clock = FixedClock {
        visitor: ("Europe/Berlin", 60),
        zones: vec![],
    };
    let block = channels(&b.meta, "", UiLang::De, Some(&live), now, &clock);
    let phone = block.into_iter().find(|c| c.id == "phone").unwrap();
    (phone.status, phone.quiet)
}

#[test]
fn on_christmas_eve_afternoon_the_closed_phone_says_the_day_was_short() {
    let (status, quiet) = sample_phone_words("2026-12-24T13:00:00+01:00");
    assert_eq!(
        status.as_deref(),
        Some("Geschlossen (Heiligabend: bis 12 Uhr) · öffnet Montag 08:00 Uhr")
    );
    // Thursday's usual quiet afternoon is not on offer today, nor are the
    // holidays or the closure days: only Monday's hours are.
    assert_eq!(quiet.as_deref(), Some("Kurze Wartezeiten: Mo 18–20 Uhr"));
}

#[test]
fn on_christmas_eve_morning_the_open_phone_says_why_it_closes_at_noon() {
    let (status, _) = sample_phone_words("2026-12-24T10:00:00+01:00");
    assert_eq!(
        status.as_deref(),
        Some("Jetzt geöffnet bis 12:00 Uhr · Heiligabend")
    );
}

#[test]
fn on_christmas_day_the_closed_phone_names_the_holiday() {
    let (status, _) = sample_phone_words("2026-12-25T10:00:00+01:00");
    assert_eq!(
        status.as_deref(),
        Some("Geschlossen (Erster Weihnachtsfeiertag) · öffnet Montag 08:00 Uhr")
    );
}

#[test]
fn the_evening_before_christmas_eve_the_phone_says_tomorrow_is_short() {
    let (status, _) = sample_phone_words("2026-12-23T21:00:00+01:00");
    assert_eq!(
        status.as_deref(),
        Some("Geschlossen · öffnet morgen 08:00 Uhr · Heiligabend: bis 12 Uhr")
    );
    // An ordinary evening says nothing more.
    let (status, _) = sample_phone_words("2026-12-22T21:00:00+01:00");
    assert_eq!(
        status.as_deref(),
        Some("Geschlossen · öffnet morgen 08:00 Uhr")
    );
}
